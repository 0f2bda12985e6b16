"""``kg ingest``: read documents, store their text and metadata, extract candidates, write them for review.

Everything is read and checked before anything is written; the writes are all or nothing, even under
``kill -9`` (:mod:`kg.ingest.journal`), so ``data/`` is never left half-written.
"""

from __future__ import annotations

import hashlib
import os
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

from rdflib import Literal

from kg.ingest.candidates import Candidate, candidate_graph
from kg.ingest.evalrun import gazetteer_for
from kg.ingest.extract import extract
from kg.ingest.gazetteer import Gazetteer
from kg.ingest.journal import ingesting
from kg.ingest.metadata import SourceMeta, found_in_text, settle
from kg.ingest.model import Extraction
from kg.ingest.reading import Document, Format, read_document
from kg.ingest.report import write_html
from kg.namespaces import WKG, XSD
from kg.problems import InvalidInput, Problem
from kg.project import Project
from kg.rdfio import atomic_file, compact

__all__ = ["Prepared", "Ingested", "prepare", "ingest", "candidates_dir"]


def candidates_dir(project: Project) -> Path:
    """``data/candidates``: extracted, unreviewed candidates (never loaded by ``kg build``)."""
    return project.data_dir / "candidates"


@dataclass
class Prepared:
    """A document read and its metadata settled, with the id it will get; nothing written yet."""

    doc: Document
    meta: SourceMeta
    source_id: str


@dataclass
class Ingested:
    """What one ingested document produced."""

    source_id: str
    path: Path
    extraction: Extraction
    rows: list[Candidate]
    candidates_file: Path
    report_file: Path


def _next_number(project: Project) -> int:
    numbers = [int(m.group(1)) for p in project.sources_dir.iterdir() if (m := re.match(r"(\d{3})_", p.name))]
    return max(numbers, default=-1) + 1


def prepare(project: Project, paths: list[Path], *, given: dict[str, str | None], max_bytes: int | None,
            ask: Callable[[str], str] | None) -> list[Prepared]:
    """Read every file and settle its metadata; raise naming every bad file, before anything is written.
    ``given`` applies to every file; a title or address (``--title``, ``--url``) only to a single one.

    Call :func:`kg.ingest.journal.recover` first (under :func:`kg.ingest.journal.locked`), so that what a
    killed ingest left does not count as ingested.
    """
    one_only = [f"--{key}" for key in ("title", "url") if given.get(key)]
    if one_only and len(paths) > 1:  # a batch would give every document the same title or address
        raise InvalidInput([Problem(f"{' and '.join(one_only)} can describe only one document, and {len(paths)} "
                                    "files were given: ingest that one on its own", check="ingest")])
    problems: list[Problem] = []
    out: list[Prepared] = []
    number = _next_number(project)
    seen: dict[str, Path] = {}
    existing = {p.stem.split("_", 1)[-1]: p.stem for p in project.sources_dir.glob("*_*.txt")}
    for path in paths:
        try:
            doc = read_document(path, max_bytes=max_bytes)
            found = dict(found_in_text(doc.text)) if doc.fmt is Format.text else {}
            found.update(doc.found)
            meta = settle(found=found, given=given, path=path, ask=ask)
            if meta.url and not re.fullmatch(r"https?://[^\s<>\"{}|\\^`]+", meta.url):
                raise InvalidInput([Problem(f"--url {meta.url!r} is not a web address", file=str(path))])
        except InvalidInput as exc:
            problems.extend(exc.problems)
            continue
        digest = hashlib.sha256(doc.raw).hexdigest()[:16]
        if digest in existing:
            problems.append(Problem(f"was already ingested as {existing[digest]} (same SHA-256)", file=str(path)))
            continue
        if digest in seen:
            problems.append(Problem(f"has the same content as {seen[digest]}", file=str(path)))
            continue
        seen[digest] = path
        out.append(Prepared(doc, meta, f"{number:03d}_{digest}"))
        number += 1
    if problems:
        raise InvalidInput(problems)
    return out


def source_record(prepared: Prepared, gaz: Gazetteer, actor: str | None) -> str:
    """The Turtle block for ``data/sources/sources.ttl``; ``actor`` is the outlet or publisher's IRI
    (``Gazetteer.find_author``: a committee the graph lacks is not its House), or None."""
    meta, sid = prepared.meta, prepared.source_id
    text = prepared.doc.text.encode("utf-8")
    is_news = actor is not None and str(WKG.NewsOutlet) in gaz.entries[actor].classes
    kind = {4: XSD.gYear, 7: XSD.gYearMonth}.get(len(meta.date), XSD.date)
    lines = [f"src:{sid} a {'wkg:NewsArticle' if is_news else 'wkg:Source'} ;",
             f"    rdfs:label {Literal(f'{meta.outlet}, {meta.date}: {meta.title}', lang='en').n3()} ;",
             f"    dcterms:title {Literal(meta.title).n3()} ;"]
    if actor is not None:
        lines.append(f"    {'wkg:outlet' if is_news else 'dcterms:publisher'} {compact(actor)} ;")
    lines.append(f"    dcterms:date \"{meta.date}\"^^xsd:{str(kind).rsplit('#', 1)[-1]} ;")
    if meta.url:
        lines.append(f"    schema:url <{meta.url}> ;")
    outlet_note = "" if actor else f" The outlet or publisher ({meta.outlet!r}) is not an entity of the graph yet."
    lines += [f"    wkg:textFile \"{sid}.txt\" ;",
              f"    wkg:sha256 \"{hashlib.sha256(text).hexdigest()}\" ;",
              f"    wkg:dateBasis {Literal(meta.date_basis).n3()} ;",
              f"    wkg:metadataBasis {Literal(meta.metadata_basis + outlet_note).n3()} ."]
    return "\n".join(lines) + "\n"


def extraction_time() -> datetime:
    """When the candidates were extracted: now, or ``$SOURCE_DATE_EPOCH`` (reproducible runs).

    >>> import os; os.environ["SOURCE_DATE_EPOCH"] = "1415750400"; extraction_time().isoformat()
    '2014-11-12T00:00:00+00:00'
    >>> del os.environ["SOURCE_DATE_EPOCH"]
    """
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch.isdigit():
        return datetime.fromtimestamp(int(epoch), timezone.utc)
    return datetime.now(timezone.utc)


def ingest(project: Project, prepared: list[Prepared], *, min_confidence: float = 0.0,
           progress: Callable[[str], None] = lambda name: None,
           step: Callable[[str], None] = lambda what: None) -> list[Ingested]:
    """Extract the candidates of each prepared document, then write everything, all or nothing.

    The new files (texts, candidates, reports) are written under a journal (:mod:`kg.ingest.journal`) and
    ``sources.ttl`` last: an exception or a kill before that write leaves (or, at the next run, brings)
    ``data/`` back to where it was.
    """
    gaz, _ = gazetteer_for(project)
    results: list[Ingested] = []
    sources_ttl = project.sources_dir / "sources.ttl"
    original = sources_ttl.read_text(encoding="utf-8")
    when = extraction_time()
    writes: list[tuple[Path, bytes]] = []
    reports: list[tuple[Path, Prepared, Extraction, list[Candidate]]] = []
    records = []
    for item in prepared:  # everything is worked out before anything is written
        progress(item.doc.path.name)
        sid = item.source_id
        actor, author = gaz.find_author(item.meta.outlet)
        ex = extract(item.doc.text, gaz, publisher=actor, author=author)
        graph, rows = candidate_graph(ex, sid, gaz, when=when, min_confidence=min_confidence)
        out = candidates_dir(project) / f"{sid}.ttl"
        header = (f"# Candidates extracted by kg ingest from src:{sid} ({item.doc.path.name}); NOT curated.\n"
                  f"# Review data/candidates/{sid}.html; `kg accept {sid}` moves chosen ones to data/curated/.\n")
        writes.append((project.sources_dir / f"{sid}.txt", item.doc.text.encode("utf-8")))
        writes.append((out, (header + graph.serialize(format="turtle")).encode("utf-8")))
        report = candidates_dir(project) / f"{sid}.html"
        reports.append((report, item, ex, rows))
        records.append(source_record(item, gaz, actor))
        results.append(Ingested(sid, item.doc.path, ex, rows, out, report))
    step("writing data/")
    with ingesting(project, [r.source_id for r in results], [p for p, _ in writes] + [r[0] for r in reports]):
        for path, data in writes:
            with atomic_file(path, "wb") as handle:
                handle.write(data)
        for report, item, ex, rows in reports:
            write_html(report, item.source_id, item.meta.title, ex.text, rows)
        with atomic_file(sources_ttl) as handle:  # the commit
            handle.write(original.rstrip("\n") + "\n\n" + "\n".join(records))
    return results
