"""``kg accept``: move chosen candidates, with their evidence, from ``data/candidates/`` into ``data/curated/``.

The curated file (one named graph per file, ``data/curated/<source>.ttl``) is validated together with the
rest of the data (shapes, evidence at its offsets, violation queries, optionally HermiT) before anything
is written; both files are then replaced atomically, the curated one first (it commits: a ``kill -9`` before
the second write is finished by the next ``kg accept``, which never accepts a candidate twice). A candidate
that refers to a proposed new entity (a new critic, speaker or target) brings that entity along; never an
unresolved reference ("the Department" of a page that never names it), which a person must name first.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from rdflib import BNode, Graph, URIRef

from kg.ingest.candidates import AGENT, activity_iri
from kg.ingest.journal import remove_temporaries
from kg.ingest.model import UNRESOLVED
from kg.ingest.run import candidates_dir
from kg.inputs import graph_name, load_inputs
from kg.namespaces import DCTERMS, PREFIXES, WKG
from kg.problems import InvalidInput, KgError, Problem
from kg.project import Project
from kg.rdfio import atomic_file, compact, parse_turtle
from kg.validate import validate

__all__ = ["Accepted", "accept", "candidate_ids", "finish"]


@dataclass
class Accepted:
    """What ``kg accept`` moved."""

    source_id: str
    accepted: list[str]  # candidate ids
    brought: list[str]  # new entities brought along by the ones chosen
    remaining: int
    curated_file: Path
    already: list[str] = field(default_factory=list)  # asked for, but accepted before
    finished: list[str] = field(default_factory=list)  # left pending by a killed kg accept, now removed
    unresolved: list[str] = field(default_factory=list)  # at or above --min-confidence, but need an unnamed body


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


def _taken(cand: Graph, iris: list[URIRef], by_iri: dict[str, str]) -> set[URIRef]:
    """``iris`` and the candidates they refer to, transitively (a new critic, speaker or target): what accepting
    them takes along."""
    taking: set[URIRef] = set()
    todo = list(iris)
    while todo:
        node = todo.pop()
        if node not in taking:
            taking.add(node)
            todo += [o for _, _, o in _cbd(cand, node) if isinstance(o, URIRef) and str(o) in by_iri]
    return taking


def _needs_unnamed(cand: Graph, iri: URIRef, by_iri: dict[str, str]) -> list[str]:
    """The unresolved references (``wkg:cue "unresolved reference"``) that accepting ``iri`` would bring along."""
    return sorted(by_iri[str(n)] for n in _taken(cand, [iri], by_iri) if str(cand.value(n, WKG.cue)) == UNRESOLVED)


def candidate_ids(g: Graph) -> dict[str, URIRef]:
    """Candidate id (m001, s002...) -> IRI."""
    return {str(i): s for s, i in g.subject_objects(DCTERMS.identifier) if isinstance(s, URIRef)}


def _write_remaining(path: Path, cand: Graph, taken: set[URIRef]) -> int:
    """Rewrite the candidates file without ``taken`` (and what only they describe); the candidates left."""
    remaining = Graph()
    for prefix, ns in PREFIXES.items():
        remaining.bind(prefix, ns, replace=True)
    for t in cand:
        remaining.add(t)
    for iri in taken:
        for t in _cbd(cand, iri):
            remaining.remove(t)
    left = len(candidate_ids(remaining))
    if left:
        header = "".join(line + "\n" for line in path.read_text(encoding="utf-8").splitlines() if line.startswith("#"))
        with atomic_file(path) as handle:
            handle.write(header + remaining.serialize(format="turtle"))
    else:
        path.unlink()
    return left


def finish(project: Project, sid: str) -> list[str]:
    """Finish an accept killed between its two writes: the candidates of ``sid`` already in the curated file
    leave ``data/candidates/``; their ids (none when there was nothing to finish)."""
    path, out = candidates_dir(project) / f"{sid}.ttl", project.curated_dir / f"{sid}.ttl"
    remove_temporaries([path, out])
    if not (path.is_file() and out.is_file()):
        return []
    cand = parse_turtle(path, label=project.relative(path))
    curated = parse_turtle(out, label=project.relative(out))
    done = {k: iri for k, iri in candidate_ids(cand).items() if (iri, None, None) in curated}
    if done:
        _write_remaining(path, cand, set(done.values()))
    return sorted(done)


def _already(project: Project, sid: str, wanted: str, finished: list[str]) -> bool:
    """Whether candidate ``wanted`` of ``sid`` is in the curated file already (a repeated kg accept)."""
    if wanted in finished:
        return True
    out = project.curated_dir / f"{sid}.ttl"
    if not out.is_file():
        return False
    local = wanted.removeprefix("ent:") if wanted.startswith("ent:") else f"{sid}-{wanted}"
    iri = URIRef(str(PREFIXES["ent"]) + local)
    return (iri, None, None) in parse_turtle(out, label=project.relative(out))


def accept(project: Project, source: str, *, ids: list[str] | None = None, min_confidence: float | None = None,
           reasoner: bool = True, progress: Callable[[str], None] = lambda step: None) -> Accepted:
    """Accept candidates of ``source`` by id or by confidence; raise with every problem, writing nothing.

    The curated file is written first and commits; the candidates file follows. A run killed between the two
    is finished by the next one (:func:`finish`), and a candidate already accepted is never accepted twice.
    """
    sid = source.removeprefix("src:")
    path = candidates_dir(project) / f"{sid}.ttl"
    if "/" in sid or sid.startswith("."):
        raise KgError(f"{source!r} is not a source id (such as 005_ab12cd34)")
    if not ids and min_confidence is None:
        raise KgError("say which candidates to accept: --id ID (repeatable) or --min-confidence X")
    finished = finish(project, sid)
    out = project.curated_dir / f"{sid}.ttl"
    if not path.is_file():
        already = [w for w in ids or [] if _already(project, sid, w, finished)]
        if (already and len(already) == len(ids or [])) or (finished and min_confidence is not None):
            return Accepted(sid, [], [], 0, out, already=already, finished=finished)
        raise KgError(f"no candidates for {source!r} in data/candidates/ (run kg ingest first)")
    cand = parse_turtle(path, label=project.relative(path))
    known = candidate_ids(cand)
    by_iri = {str(v): k for k, v in known.items()}
    chosen: list[str] = []
    already = []
    for wanted in ids or []:
        key = wanted if wanted in known else by_iri.get(str(PREFIXES["ent"]) + wanted.removeprefix("ent:"))
        if key is None and _already(project, sid, wanted, finished):
            already.append(wanted)
            continue
        if key is None:
            raise KgError(f"{sid} has no candidate {wanted!r} (ids: {', '.join(sorted(known)[:12])}...)")
        chosen.append(key)
    named = set(chosen)  # asked for by id (or IRI), before --min-confidence adds more
    if min_confidence is not None:
        chosen += [k for k, iri in known.items()
                   if Decimal(str(cand.value(iri, WKG.confidence) or 0)) >= Decimal(str(min_confidence))]
    unresolved = {k: need for k in sorted(set(chosen)) if (need := _needs_unnamed(cand, known[k], by_iri))}
    if asked := [k for k in unresolved if k in named]:
        raise KgError("; ".join(f"{k} needs {', '.join(unresolved[k])}, a body the text refers to but never names"
                                for k in asked) + ": name it in data/curated/ and ingest again, or leave it")
    chosen = sorted(set(chosen) - set(unresolved))
    if not chosen:
        if already or finished:
            return Accepted(sid, [], [], len(known), out, already=already, finished=finished)
        raise KgError(f"no candidate of {sid} is at or above confidence {min_confidence}" + (
            f" but {', '.join(unresolved)}, which need a body the text never names" if unresolved else ""))
    taking = _taken(cand, [known[k] for k in chosen], by_iri)  # with the new entities they refer to
    brought = [by_iri[str(iri)] for iri in taking]
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
    progress("writing data/")
    with atomic_file(out) as handle:  # the commit: from here the candidates are accepted
        handle.write(text)
    left = _write_remaining(path, cand, taking)
    return Accepted(sid, chosen, sorted(set(brought) - set(chosen)), left, out, already=already, finished=finished,
                    unresolved=sorted(unresolved))


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
