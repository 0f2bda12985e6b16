"""``kg ingest`` and ``kg accept``: documents in, candidates out for review, chosen candidates into the graph."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated, Optional

import typer
from rich.console import Console

from kg.clikit import MaxBytesOption, err, fail, find_project, guarded, progress
from kg.problems import KgError

__all__ = ["ingest", "accept"]


def ingest(
    files: Annotated[list[Path], typer.Argument(help="Plain text, HTML or PDF files.", show_default=False)],
    title: Annotated[Optional[str], typer.Option(
        help="The headline or title, in place of the document's own (one file only).")] = None,
    date: Annotated[Optional[str], typer.Option(help="The date: YYYY, YYYY-MM, YYYY-MM-DD, '12 May 2014'.")] = None,
    outlet: Annotated[Optional[str], typer.Option(help="The outlet or publisher (known to the graph or not).")] = None,
    url: Annotated[Optional[str], typer.Option(help="The document's web address (one file only).")] = None,
    max_bytes: MaxBytesOption = None,
    min_confidence: Annotated[float, typer.Option("--min-confidence", min=0.0, max=1.0,
                                                  help="Leave out candidates below this confidence.")] = 0.0,
    limit: Annotated[int, typer.Option(min=0, help="Rows of the terminal report per document (0: all).")] = 0,
) -> None:
    """Store documents under data/sources/, extract candidate facts into data/candidates/, print a review report.

    Candidates (entity mentions, new people and organisations, figures, quotations, criticisms, rebuttals,
    support, recommendations) each carry their sentence, offsets, confidence and provenance; the HTML report
    data/candidates/SOURCE.html highlights the matched words. Nothing enters the curated graph until kg accept.
    """
    from rich.progress import Progress

    from kg.ingest.journal import locked, recover
    from kg.ingest.report import review_table
    from kg.ingest.run import ingest as run_ingest
    from kg.ingest.run import prepare

    ask = None
    if sys.stdin.isatty():
        def ask(question: str) -> str:
            return typer.prompt(question)
    try:
        project = find_project()
        folders = tuple(sorted({f.expanduser().absolute().parent for f in files}))
        with guarded(project, "ingest", read=folders), locked(project):
            for line in recover(project):
                progress(line)
            prepared = prepare(project, files, given={"title": title, "date": date, "outlet": outlet, "url": url},
                               max_bytes=max_bytes, ask=ask)
            with Progress(console=err, transient=True, disable=len(prepared) < 2) as bar:
                task = bar.add_task("extracting", total=len(prepared))
                results = run_ingest(project, prepared, min_confidence=min_confidence, step=progress,
                                     progress=lambda name: bar.update(task, advance=1, description=name))
    except KgError as exc:
        raise fail(exc) from None
    out = Console(highlight=False, emoji=False)
    for r in results:
        counts = {c: sum(row.category == c for row in r.rows) for c in ("statement", "quote", "figure", "entity",
                                                                        "mention")}
        names = {"statement": "statements", "quote": "quotations", "figure": "figures", "entity": "new entities",
                 "mention": "mentions"}
        out.print(f"ingested {r.path.name} as {r.source_id}: "
                  + ", ".join(f"{n} {names[c]}" for c, n in counts.items()))
        out.print(review_table(r.source_id, r.extraction.text, r.rows, limit=limit or None))
        out.print(f"candidates: {project.relative(r.candidates_file)}; report: {project.relative(r.report_file)}")


def accept(
    source: Annotated[str, typer.Argument(help="The source id (data/candidates/SOURCE.ttl), e.g. 005_ab12cd34.")],
    ids: Annotated[list[str], typer.Option("--id", help="A candidate id to accept, e.g. s001 (repeatable).")] = [],  # noqa: B006
    min_confidence: Annotated[Optional[float], typer.Option("--min-confidence", min=0.0, max=1.0,
                                                            help="Accept every candidate at or above this.")] = None,
    reasoner: Annotated[bool, typer.Option(help="Run the HermiT consistency check (needs Java).")] = True,
) -> None:
    """Move chosen candidates with their evidence into data/curated/SOURCE.ttl (validated first, atomic)."""
    from kg.ingest.accept import accept as run_accept
    from kg.ingest.journal import locked, recover

    try:
        project = find_project()
        with guarded(project, "accept"), locked(project):
            for line in recover(project):
                progress(line)
            result = run_accept(project, source, ids=ids, min_confidence=min_confidence, reasoner=reasoner,
                                progress=progress)
    except KgError as exc:
        raise fail(exc) from None
    out = Console(highlight=False, emoji=False)
    if result.finished:
        out.print(f"finished an interrupted kg accept: {', '.join(result.finished)} were already in "
                  f"{project.relative(result.curated_file)} and have left data/candidates/")
    if result.already:
        out.print(f"already accepted: {', '.join(result.already)}")
    out.print(f"accepted {len(result.accepted)} candidate(s) of {result.source_id} into "
              f"{project.relative(result.curated_file)}; {result.remaining} remain in data/candidates/")
    if result.brought:
        out.print(f"brought along the new entities they refer to: {', '.join(result.brought)}")
    if result.unresolved:
        out.print(f"left in data/candidates/: {', '.join(result.unresolved)}, which need a body the text refers to "
                  "but never names ('the Department'); name it in data/curated/ and ingest again")
