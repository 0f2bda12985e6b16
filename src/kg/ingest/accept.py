"""``kg accept``: move chosen candidates, with their evidence, from ``data/candidates/`` into ``data/curated/``.

The curated file (one named graph per file, ``data/curated/<source>.ttl``) is validated together with the
rest of the data (shapes, evidence at its offsets, violation queries, optionally HermiT) before anything
is written; both files are then replaced atomically. A candidate that refers to a proposed new entity
(a new critic, speaker or target) brings that entity along.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from rdflib import BNode, Graph, URIRef

from kg.ingest.candidates import AGENT, activity_iri
from kg.ingest.run import candidates_dir
from kg.inputs import graph_name, load_inputs
from kg.namespaces import DCTERMS, PREFIXES, WKG
from kg.problems import InvalidInput, KgError, Problem
from kg.project import Project
from kg.rdfio import atomic_file, compact, parse_turtle
from kg.validate import validate

__all__ = ["Accepted", "accept", "candidate_ids"]


@dataclass
class Accepted:
    """What ``kg accept`` moved."""

    source_id: str
    accepted: list[str]  # candidate ids
    brought: list[str]  # new entities brought along by the ones chosen
    remaining: int
    curated_file: Path


def _cbd(g: Graph, node) -> list[tuple]:
    triples, todo, seen = [], [node], set()
    while todo:
        s = todo.pop()
        if s in seen:
            continue
        seen.add(s)
        for t in g.triples((s, None, None)):
            triples.append(t)
            if isinstance(t[2], BNode):
                todo.append(t[2])
    return triples


def candidate_ids(g: Graph) -> dict[str, URIRef]:
    """Candidate id (m001, s002...) -> IRI."""
    return {str(i): s for s, i in g.subject_objects(DCTERMS.identifier) if isinstance(s, URIRef)}


def accept(project: Project, source: str, *, ids: list[str] | None = None, min_confidence: float | None = None,
           reasoner: bool = True, progress: Callable[[str], None] = lambda step: None) -> Accepted:
    """Accept candidates of ``source`` by id or by confidence; raise with every problem, writing nothing."""
    sid = source.removeprefix("src:")
    path = candidates_dir(project) / f"{sid}.ttl"
    if "/" in sid or not path.is_file():
        raise KgError(f"no candidates for {source!r} in data/candidates/ (run kg ingest first)")
    if not ids and min_confidence is None:
        raise KgError("say which candidates to accept: --id ID (repeatable) or --min-confidence X")
    cand = parse_turtle(path, label=project.relative(path))
    known = candidate_ids(cand)
    by_iri = {str(v): k for k, v in known.items()}
    chosen: list[str] = []
    for wanted in ids or []:
        key = wanted if wanted in known else by_iri.get(str(PREFIXES["ent"]) + wanted.removeprefix("ent:"))
        if key is None:
            raise KgError(f"{sid} has no candidate {wanted!r} (ids: {', '.join(sorted(known)[:12])}...)")
        chosen.append(key)
    if min_confidence is not None:
        chosen += [k for k, iri in known.items()
                   if Decimal(str(cand.value(iri, WKG.confidence) or 0)) >= Decimal(str(min_confidence))]
    chosen = sorted(set(chosen))
    if not chosen:
        raise KgError(f"no candidate of {sid} is at or above confidence {min_confidence}")
    brought: list[str] = []
    todo = [known[k] for k in chosen]
    taking: set[URIRef] = set()
    while todo:  # bring along the new entities the chosen candidates refer to
        iri = todo.pop()
        if iri in taking:
            continue
        taking.add(iri)
        for _, _, obj in _cbd(cand, iri):
            if isinstance(obj, URIRef) and str(obj) in by_iri and obj not in taking:
                brought.append(by_iri[str(obj)])
                todo.append(obj)
    out = project.curated_dir / f"{sid}.ttl"
    curated = parse_turtle(out, label=project.relative(out)) if out.is_file() else Graph()
    moved = Graph()
    for iri in taking | {activity_iri(sid), AGENT}:
        for t in _cbd(cand, iri):
            if t[1] != DCTERMS.identifier:
                moved.add(t)
    curated += moved
    for prefix, ns in PREFIXES.items():
        curated.bind(prefix, ns, replace=True)
    text = (f"# Facts from src:{sid}, accepted from kg ingest's candidates (each keeps prov:wasGeneratedBy,\n"
            "# wkg:confidence and wkg:cue of its extraction).\n") + curated.serialize(format="turtle")
    progress("validating")
    _check(project, out, text, reasoner, progress)
    remaining = Graph()
    for prefix, ns in PREFIXES.items():
        remaining.bind(prefix, ns, replace=True)
    for t in cand:
        remaining.add(t)
    for iri in taking:
        for t in _cbd(cand, iri):
            remaining.remove(t)
    left = len(candidate_ids(remaining))
    with atomic_file(out) as handle:
        handle.write(text)
    if left:
        header = "".join(line + "\n" for line in path.read_text(encoding="utf-8").splitlines() if line.startswith("#"))
        with atomic_file(path) as handle:
            handle.write(header + remaining.serialize(format="turtle"))
    else:
        path.unlink()
    return Accepted(sid, chosen, sorted(set(brought) - set(chosen)), left, out)


def _check(project: Project, out: Path, text: str, reasoner: bool, progress: Callable[[str], None]) -> None:
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        draft = Path(tmp) / out.name
        draft.write_text(text, encoding="utf-8")
        label = project.relative(out)
        inputs = load_inputs(project)
        name = graph_name(out)
        inputs.graphs[name] = parse_turtle(draft, label=label)
        inputs.files[name] = draft
        inputs.locator.add(label, draft)
        outcome = validate(inputs, reasoner=reasoner, progress=progress)
    if outcome.problems:
        raise InvalidInput(outcome.problems + [Problem("the accepted candidates do not validate; nothing was moved",
                                                       file=label)])


def describe_ids(g: Graph) -> str:
    """The candidate ids of a graph, for messages."""
    return ", ".join(f"{k} ({compact(v)})" for k, v in sorted(candidate_ids(g).items()))
