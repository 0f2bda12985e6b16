"""``kg build``: validate, infer and write ``build/`` atomically.

Outputs: ``graph.trig`` (one named graph per data file, plus ontology and
inferred), ``graph.ttl`` (everything in one graph), ``summary.json`` and
``manifest.json`` (the fingerprint of the inputs, so unchanged inputs are not
rebuilt, and the size and SHA-256 of every other output, written last).  ``build/`` is
published as a new generation (:func:`kg.atomic.publish`): a failed or killed build
leaves the previous ``build/`` as it was, whole.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from dataclasses import dataclass
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import Any

import pyoxigraph as ox
from rdflib import Graph

from kg.atomic import publish
from kg.dataset import assemble, to_store
from kg.inputs import fingerprint, load_inputs
from kg.limits import check_sizes
from kg.namespaces import PREFIXES
from kg.problems import InvalidInput
from kg.project import Project
from kg.rdfio import compact
from kg.store import internal_query, load_file, select
from kg.validate import validate

__all__ = ["BuildResult", "build", "input_files", "is_current", "summarise", "verify_outputs", "open_built"]

TRIG, TURTLE, SUMMARY, MANIFEST = "graph.trig", "graph.ttl", "summary.json", "manifest.json"


def _kg_version() -> str:
    try:
        return version("watchdog-kg")
    except PackageNotFoundError:  # running from a source tree
        return "source"


@dataclass(frozen=True)
class BuildResult:
    """What a build produced, or found already up to date."""

    directory: Path
    summary: dict[str, Any]
    rebuilt: bool


def input_files(project: Project) -> list[Path]:
    """Every file whose change makes the build stale."""
    files = [*project.ontology_files(), *sorted(project.shapes_dir.glob("*.ttl")), *project.data_files(),
             *sorted(project.queries_dir.glob("*_violation.rq"))]
    files += [p for p in sorted(project.sources_dir.iterdir()) if p.is_file() and p.suffix != ".ttl"]
    return files


def _digest(path: Path) -> dict[str, Any]:
    data = path.read_bytes()
    return {"bytes": len(data), "sha256": hashlib.sha256(data).hexdigest()}


def verify_outputs(directory: Path) -> list[str]:
    """What is wrong with the build in ``directory``: missing or changed outputs (empty when whole).

    >>> verify_outputs(Path("no-such-build"))
    ['no-such-build/manifest.json is missing']
    """
    manifest = directory / MANIFEST
    if not manifest.is_file():
        return [f"{manifest} is missing"]
    try:
        outputs = json.loads(manifest.read_text(encoding="utf-8")).get("outputs")
    except ValueError:
        return [f"{manifest} is not JSON"]
    if not isinstance(outputs, dict) or set(outputs) != {TRIG, TURTLE, SUMMARY}:
        return [f"{manifest} does not list the outputs"]
    wrong = []
    for name, recorded in sorted(outputs.items()):
        path = directory / name
        if not path.is_file():
            wrong.append(f"{path} is missing")
        elif _digest(path) != recorded:
            wrong.append(f"{path} differs from the manifest")
    return wrong


def is_current(project: Project) -> bool:
    """True when ``build/`` is whole and was built from the inputs as they are now."""
    manifest = project.build_dir / MANIFEST
    if not manifest.is_file() or verify_outputs(project.build_dir):
        return False
    try:
        recorded = json.loads(manifest.read_text(encoding="utf-8")).get("fingerprint")
    except ValueError:
        return False
    return recorded == fingerprint(input_files(project), root=project.root, salt=_kg_version())


def _value(term: ox.NamedNode | ox.Literal | None) -> Any:
    if term is None:
        return None
    if isinstance(term, ox.Literal) and term.datatype.value.endswith("#integer"):
        return int(term.value)
    return compact(term.value) if isinstance(term, ox.NamedNode) else term.value


def summarise(store: ox.Store) -> dict[str, Any]:
    """Counts of triples, entities by class, criticisms and sources."""
    classes = {str(_value(r["label"])): int(r["count"].value) for r in select(store, internal_query("class_counts"))}
    sources = [{k: _value(r[k]) for k in ("source", "title", "outlet", "date", "facts")}
               for r in select(store, internal_query("source_counts"))]
    return {
        "triples": len(store),
        "graphs": len(list(store.named_graphs())),
        "entities_by_class": classes,
        "criticisms": classes.get("criticism", 0),
        "sources": sources,
    }


def build(project: Project, *, force: bool = False, reasoner: bool = True, max_bytes: int | None = None,
          progress: Callable[[str], None] = lambda step: None) -> BuildResult:
    """Build ``build/`` from the inputs, unless it is already current (``force`` rebuilds).

    ``max_bytes`` caps the size of every input file (:mod:`kg.limits`); nothing is read when one is larger.
    """
    out = project.build_dir
    files = input_files(project)
    check_sizes(files, max_bytes=max_bytes, label=project.relative)
    if not force and is_current(project):
        summary = json.loads((out / SUMMARY).read_text(encoding="utf-8"))
        return BuildResult(out, summary, rebuilt=False)
    stamp = fingerprint(files, root=project.root, salt=_kg_version())
    progress("loading")
    inputs = load_inputs(project, max_bytes=max_bytes)
    outcome = validate(inputs, reasoner=reasoner, progress=progress)
    if outcome.problems:
        raise InvalidInput(outcome.problems)
    progress("writing")
    ds = assemble(inputs, outcome.inferred)
    store = to_store(ds)
    summary = summarise(store)
    with publish(project.build_link) as tmp:
        ds.serialize(tmp / TRIG, format="trig", encoding="utf-8")
        merged = Graph()
        for graph in ds.graphs():
            merged += graph
        for prefix, ns in PREFIXES.items():
            merged.bind(prefix, ns, replace=True)
        merged.serialize(tmp / TURTLE, format="turtle", encoding="utf-8")
        (tmp / SUMMARY).write_text(json.dumps(summary, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
        outputs = {name: _digest(tmp / name) for name in (TRIG, TURTLE, SUMMARY)}
        (tmp / MANIFEST).write_text(json.dumps({"fingerprint": stamp, "checks": outcome.checks,
                                                "inputs": [project.relative(p) for p in files],
                                                "outputs": outputs}, indent=2) + "\n", encoding="utf-8")
    return BuildResult(project.build_link, summary, rebuilt=True)


def open_built(project: Project, *, progress: Callable[[str], None] = lambda step: None) -> ox.Store:
    """The built graph in a store, building first if ``build/`` is missing or stale."""
    build(project, progress=progress)
    return load_file(project.build_dir / TRIG)
