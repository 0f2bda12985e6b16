"""``kill -9`` in the middle of a real ``kg build`` or store load leaves the previous state readable and whole.

Each command is first run to the end to time it, then started again and killed (SIGKILL to its
process group) at deterministic points spread over that time (:func:`tests.faults.kill_points`).
After every kill, ``build/`` (or the store) must be a whole generation: every output as the
manifest records it, the fingerprint of the inputs, and the same answers to the named queries.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pyoxigraph as ox
import pytest

from kg.api import query
from kg.atomic import current, generations
from kg.build import MANIFEST, TRIG, _kg_version, build, input_files, verify_outputs
from kg.inputs import fingerprint
from kg.project import Project
from kg.store import load_file
from tests.faults import kill_at_write, kill_points, run_and_kill, timed_run

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
    killed = tried = 0
    for seed in range(12):  # the load lasts a fraction of a second: on a loaded machine some kills land after it,
        if killed >= 3:     # so keep drawing kill points (deterministic seeds) until three have landed mid-run
            break
        at = kill_points(seed=seed, count=12, duration=duration)[seed]
        outcome = run_and_kill(cmd, at=at, env=_env(project), cwd=project.root, marker=LOADING)
        killed += outcome.killed
        tried += 1
        assert _store_state(path) == original, outcome
    print(f"\nstore load ran {duration:.2f} s after {LOADING!r}; {killed} of {tried} kills landed before the end; "
          "the store was whole each time")
    assert killed >= 3


# ------------------------------------------------------------------------------ kg ingest and kg accept

WRITING = "writing data/"  # kg ingest and kg accept say this just before their first write to data/
ACCEPT_IDS = ("s001", "s002", "f001")  # two statements (one brings its new critic along) and a figure


def _data_state(project: Project) -> dict[str, bytes]:
    """Every file under data/ with its bytes."""
    return {p.relative_to(project.root).as_posix(): p.read_bytes()
            for p in sorted(project.data_dir.rglob("*")) if p.is_file()}


def _same(state: dict[str, bytes], reference: dict[str, bytes]) -> bool:
    """The same files with the same content (Turtle compared as graphs: blank nodes may be ordered otherwise)."""
    from rdflib import Graph
    from rdflib.compare import isomorphic

    if state.keys() != reference.keys():
        return False
    return all(state[k] == reference[k] or (k.endswith(".ttl") and isomorphic(
        Graph().parse(data=state[k].decode(), format="turtle"), Graph().parse(data=reference[k].decode(),
                                                                               format="turtle")))
        for k in state)


def _validated_inputs(state: dict[str, bytes]) -> dict[str, bytes]:
    """The part of data/ that kg validate reads (data/candidates/ is not among it)."""
    return {k: v for k, v in state.items() if not k.startswith("data/candidates/")}


def _assert_whole(project: Project, state: dict[str, bytes], known_valid: list[dict[str, bytes]]) -> None:
    """Every data file parses; ``kg validate`` passes (checked here unless what it reads was validated before)."""
    from rdflib import Graph

    from kg.inputs import load_inputs
    from kg.validate import validate

    for name, data in state.items():
        if name.endswith(".ttl"):
            Graph().parse(data=data.decode("utf-8"), format="turtle")
        elif name.endswith(".json"):
            json.loads(data)
    inputs = _validated_inputs(state)
    if not any(inputs == valid for valid in known_valid):
        assert validate(load_inputs(project), reasoner=False).problems == []
        known_valid.append(inputs)


def _restore(project: Project, saved: Path) -> None:
    import shutil

    shutil.rmtree(project.data_dir)
    shutil.copytree(saved, project.data_dir, symlinks=True)


def _kill_plan(cmd: list[str], project: Project, env: dict[str, str], *, seed: int, whole: int, late: int,
               writes: list[tuple[int, bool]]) -> tuple[float, float, list[tuple]]:
    """Time ``cmd`` (whole run, and from WRITING to its end); then the kills: ``whole`` instants over the run,
    ``late`` instants in the first third of the time after WRITING, and one kill at each of ``writes``
    ((n, before): just before or after the n-th file write into data/, states that last a millisecond)."""
    import time

    started = time.monotonic()
    after = timed_run(cmd, env=env, cwd=project.root, marker=WRITING)
    duration = time.monotonic() - started
    plan: list[tuple] = [("at", t, None) for t in kill_points(seed=seed, count=whole, duration=duration)]
    plan += [("at", t, WRITING) for t in kill_points(seed=seed + 1, count=late, duration=after / 3, tail=0.0)]
    plan += [("write", n, before) for n, before in writes]
    return duration, after, plan


def _kill(kind: str, where: float, how: object, cmd: list[str], project: Project, env: dict[str, str]) -> bool:
    """Carry out one kill of the plan; whether the command was killed before its end."""
    if kind == "at":
        return run_and_kill(cmd, at=where, env=env, cwd=project.root, marker=how).killed  # type: ignore[arg-type]
    code = kill_at_write(cmd[1:], n=int(where), before=bool(how), under=project.data_dir, env=env, cwd=project.root)
    assert code == -9, code  # the command reached that write
    return True


def _each_kill(plan: list[tuple], cmd: list[str], project: Project, env: dict[str, str], *, saved: Path,
               valid: list[dict[str, bytes]]) -> Iterator[tuple[bool, str, dict[str, bytes]]]:
    """For each kill of ``plan``: restore data/ from ``saved``, carry the kill out, check data/ is whole; yield
    (whether it was killed before its end, its description, the state of data/ it left)."""
    for kind, where, how in plan:
        _restore(project, saved)
        killed = _kill(kind, where, how, cmd, project, env)
        state = _data_state(project)
        _assert_whole(project, state, valid)
        yield killed, _describe(kind, where, how), state


def _rerun(cmd: list[str], env: dict[str, str]):
    """Run the command again, to the end (in this process: the state it starts from is what the kill left)."""
    from typer.testing import CliRunner

    from kg.cli import app

    return CliRunner().invoke(app, cmd[1:], env={k: env[k] for k in ("KG_HOME", "SOURCE_DATE_EPOCH")})


def _describe(kind: str, where: float, how: object) -> str:
    if kind == "at":
        return f"{where * 1000:.0f} ms" + (f" after {how!r}" if how else "")
    return f"{'before' if how else 'after'} write {int(where)}"


def _ingest_setup(project: Project, tmp_path: Path) -> tuple[list[str], dict[str, str]]:
    from tests.test_ingest import PAGE

    page = tmp_path / "hodge.html"
    page.write_text(PAGE, encoding="utf-8")
    env = {**_env(project), "SOURCE_DATE_EPOCH": "1415750400"}  # the same extraction time in every run
    return [KG, "ingest", str(page)], env


# kg ingest's writes into data/: journal, text, candidates, report, sources.ttl (the commit)
INGEST_WRITES = [(2, False), (3, False), (4, False), (5, True), (5, False)]
# kg accept's: data/curated/SOURCE.ttl (the commit), data/candidates/SOURCE.ttl
ACCEPT_WRITES = [(1, False), (2, True)]


def test_kill_during_ingest_leaves_data_whole_and_a_rerun_finishes_it(scratch: Project, tmp_path: Path) -> None:
    """kg ingest writes a text, candidates, a report and sources.ttl: killed anywhere, data/ parses and
    validates, and holds no text without its record unless a journal names it; the next kg ingest rolls back
    what a kill left (or says the document is ingested, when the kill came after the commit)."""
    import shutil

    cmd, env = _ingest_setup(scratch, tmp_path)
    saved = tmp_path / "saved-data"
    shutil.copytree(scratch.data_dir, saved, symlinks=True)
    before = _data_state(scratch)
    duration, after, plan = _kill_plan(cmd, scratch, env, seed=11, whole=1, late=2, writes=INGEST_WRITES)
    reference = _data_state(scratch)  # the unkilled run
    assert len(reference) == len(before) + 3  # the text, the candidates, the report; sources.ttl changed
    valid = [_validated_inputs(before)]
    _assert_whole(scratch, reference, valid)
    seen = {"old state": 0, "half written, rolled back by the next run": 0, "committed": 0, "not killed": 0}
    for killed, label, state in _each_kill(plan, cmd, scratch, env, saved=saved, valid=valid):
        records = state["data/sources/sources.ttl"] != before["data/sources/sources.ttl"]
        texts = {k for k in state if k.startswith("data/sources/") and k.endswith(".txt")} - set(before)
        assert not texts or records or "data/candidates/.ingest-journal.json" in state, (label, sorted(state))
        rerun = _rerun(cmd, env)
        if records:  # the kill came after the commit: the document is ingested and a second ingest says so
            assert rerun.exit_code == 1 and "already ingested" in rerun.output, rerun.output
        else:
            assert rerun.exit_code == 0, rerun.output
        assert _same(_data_state(scratch), reference), label
        key = ("not killed" if not killed else "committed" if records
               else "old state" if _same(state, before) else "half written, rolled back by the next run")
        seen[key] += 1
    print(f"\nkg ingest ran {duration:.2f} s ({after * 1000:.0f} ms from {WRITING!r} to its end); "
          f"{len(plan)} kills: " + ", ".join(f"{v} {k}" for k, v in seen.items())
          + "; data/ was whole after each, and a re-run gave the unkilled result")
    assert seen["half written, rolled back by the next run"] >= 3 and seen["committed"] >= 1


def test_kill_during_accept_leaves_data_whole_and_never_accepts_twice(scratch: Project, tmp_path: Path) -> None:
    """kg accept writes data/curated/SOURCE.ttl (the commit), then data/candidates/SOURCE.ttl: killed anywhere,
    data/ parses and validates; a candidate left both accepted and pending is finished by the next kg accept,
    which accepts nothing twice and ends in the unkilled run's state."""
    import shutil

    from rdflib import Graph

    from kg.ingest.accept import candidate_ids
    from kg.namespaces import WKG

    ingest, env = _ingest_setup(scratch, tmp_path)
    subprocess.run(ingest, env=env, cwd=scratch.root, check=True, capture_output=True, timeout=120)
    sid = next(scratch.data_dir.joinpath("candidates").glob("*.ttl")).stem
    cmd = [KG, "accept", sid, *[a for i in ACCEPT_IDS for a in ("--id", i)], "--no-reasoner"]
    saved = tmp_path / "saved-data"
    shutil.copytree(scratch.data_dir, saved, symlinks=True)
    before = _data_state(scratch)
    duration, after, plan = _kill_plan(cmd, scratch, env, seed=5, whole=1, late=1, writes=ACCEPT_WRITES)
    reference = _data_state(scratch)
    curated, pending = f"data/curated/{sid}.ttl", f"data/candidates/{sid}.ttl"
    assert curated in reference and curated not in before
    valid = [_validated_inputs(before)]
    _assert_whole(scratch, reference, valid)
    seen = {"old state": 0, "accepted and still pending, finished by the next run": 0, "complete": 0,
            "not killed": 0}
    for killed, label, state in _each_kill(plan, cmd, scratch, env, saved=saved, valid=valid):
        both: set = set()
        if curated in state:
            accepted = Graph().parse(data=state[curated].decode(), format="turtle")
            left = Graph().parse(data=state[pending].decode(), format="turtle")
            both = {iri for iri in candidate_ids(left).values() if (iri, None, None) in accepted}
        if curated not in state and _same({k: v for k, v in state.items() if not k.endswith(".tmp")}, before):
            key = "old state"  # nothing was committed: the re-run is the unkilled run itself, as timed above
        else:
            rerun = _rerun(cmd, env)
            assert rerun.exit_code == 0, rerun.output
            assert ("finished an interrupted kg accept" in rerun.output) == bool(both), rerun.output
            assert "already accepted: " + ", ".join(ACCEPT_IDS) in " ".join(rerun.output.split())
            final = _data_state(scratch)
            assert _same(final, reference), label
            accepted = Graph().parse(data=final[curated].decode(), format="turtle")
            left = Graph().parse(data=final[pending].decode(), format="turtle")
            assert not [i for i in candidate_ids(left).values() if (i, None, None) in accepted]
            for holder in set(accepted.subjects(WKG.evidence, None)):  # no evidence brought twice
                assert len(list(accepted.objects(holder, WKG.evidence))) == 1, holder
            key = "accepted and still pending, finished by the next run" if both else "complete"
        seen["not killed" if not killed else key] += 1
    print(f"\nkg accept ran {duration:.2f} s ({after * 1000:.0f} ms from {WRITING!r} to its end); "
          f"{len(plan)} kills: " + ", ".join(f"{v} {k}" for k, v in seen.items())
          + "; data/ parsed and validated after each, and the next kg accept gave the unkilled result")
    assert seen["accepted and still pending, finished by the next run"] >= 2
