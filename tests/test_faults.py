"""``kill -9`` in the middle of a real ``kg build`` or store load leaves the previous state readable and whole.

Each command is first run to the end to time it, then started again and killed (SIGKILL to its
process group) at deterministic points spread over that time (:func:`tests.faults.kill_points`).
After every kill, ``build/`` (or the store) must be a whole generation: every output as the
manifest records it, the fingerprint of the inputs, and the same answers to the named queries.
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

import pyoxigraph as ox
import pytest

from kg.api import query
from kg.atomic import current, generations
from kg.build import MANIFEST, TRIG, _kg_version, build, input_files, verify_outputs
from kg.inputs import fingerprint
from kg.project import Project
from kg.store import load_file
from tests.faults import kill_points, run_and_kill, timed_run

KG = str(Path(sys.executable).parent / "kg")
QUERIES = ("cq_missed_targets", "cq_nao_reports", "cq_posts")
SEEDS = range(8)
LOADING = "loading every graph"  # kg.stores says this as the load into a new generation starts


def answers(store: ox.Store, project: Project) -> dict[str, list]:
    return {name: sorted(map(repr, query(name, store=store, project=project))) for name in QUERIES}


@pytest.fixture
def project(scratch: Project) -> Project:
    build(scratch, reasoner=False)
    return scratch


def _env(project: Project) -> dict[str, str]:
    env = {**os.environ, "KG_HOME": str(project.root)}
    env.pop("KG_STORE", None)
    return env


def test_kill_during_build_leaves_a_whole_build(project: Project) -> None:
    original = answers(load_file(project.build_dir / TRIG), project)
    stamp = fingerprint(input_files(project), root=project.root, salt=_kg_version())
    cmd = [KG, "build", "--force", "--no-reasoner"]
    duration = timed_run(cmd, env=_env(project), cwd=project.root)
    outcomes = []
    for seed in SEEDS:
        at = kill_points(seed=seed, count=len(SEEDS), duration=duration)[seed]
        outcome = run_and_kill(cmd, at=at, env=_env(project), cwd=project.root)
        outcomes.append(outcome)
        link = project.build_link
        assert link.is_symlink() and current(link) is not None, outcome
        assert verify_outputs(project.build_dir) == [], outcome
        manifest = json.loads((project.build_dir / MANIFEST).read_text(encoding="utf-8"))
        assert manifest["fingerprint"] == stamp, outcome
        assert answers(load_file(project.build_dir / TRIG), project) == original, outcome
        assert len(generations(link)) <= 3
    killed = [o for o in outcomes if o.killed]
    print(f"\nkg build ran {duration:.1f} s; killed at {', '.join(f'{o.at:.2f}' for o in killed)} s "
          f"({len(killed)} of {len(outcomes)} kills landed before the end); the previous build was whole each time")
    assert len(killed) >= len(outcomes) // 2
    timed_run(cmd, env=_env(project), cwd=project.root)  # the next build clears what killed builds left
    assert not list(project.root.glob(".build-tmp-*"))
    assert len(generations(project.build_link)) == 2


def _store_state(path: Path) -> tuple[int, list[str]]:
    store = ox.Store.read_only(str(path))
    rows = store.query("SELECT ?c WHERE { ?c a <https://w3id.org/watchdog-kg/ontology#Criticism> } ORDER BY ?c",
                       use_default_graph_as_union=True)
    return len(store), [r["c"].value for r in rows]


def test_kill_during_store_load_leaves_a_whole_store(project: Project, tmp_path: Path) -> None:
    path = tmp_path / "store"
    cmd = [KG, "build", "--no-reasoner", "--store", f"oxigraph:{path}"]
    timed_run(cmd, env=_env(project), cwd=project.root)
    duration = timed_run(cmd, env=_env(project), cwd=project.root, marker=LOADING)
    original = _store_state(path)
    assert original[0] > 8000 and len(original[1]) >= 35
    killed = 0
    for seed in range(6):
        at = kill_points(seed=seed, count=6, duration=duration)[seed]
        outcome = run_and_kill(cmd, at=at, env=_env(project), cwd=project.root, marker=LOADING)
        killed += outcome.killed
        assert _store_state(path) == original, outcome
    print(f"\nstore load ran {duration:.2f} s after {LOADING!r}; {killed} of 6 kills landed before the end; "
          "the store was whole each time")
    assert killed >= 3
