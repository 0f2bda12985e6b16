"""The ``kg`` command line.

Exit codes: 0 success; 1 invalid input (validation problems, bad data); 2 usage
error (bad option, unknown query or parameter, a refused, too long or too large query);
3 entity not found or ambiguous; 4 refused by the guard (network or a file outside the project).

build, validate, query, describe, viz, serve, ingest and accept run under :mod:`kg.guard`.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated, Optional

import typer
from rich.console import Console
from rich.table import Table

from kg.cli_ingest import accept, ingest
from kg.clikit import MaxBytesOption, StoreOption, err, fail, find_project, guarded, open_backend, progress
from kg.output import CardFormat, ResultFormat
from kg.problems import InvalidInput, KgError

app = typer.Typer(help="watchdog-kg: who criticised which UK public programme, when, on what evidence, "
                       "and who answered back.", no_args_is_help=True, add_completion=False,
                  pretty_exceptions_enable=False)

def _print_summary(summary: dict, console: Console) -> None:
    console.print(f"[bold]{summary['triples']}[/] triples in {summary['graphs']} named graphs; "
                  f"[bold]{summary['criticisms']}[/] criticisms; {len(summary['sources'])} sources")
    console.print("[bold]Entities by class[/] (asserted or inferred): " + " · ".join(
        f"{name} {count}" for name, count in summary["entities_by_class"].items()))
    sources = Table("source", "date", "facts", "outlet: headline", title="Sources", title_justify="left")
    for column in sources.columns[:3]:
        column.no_wrap = True
    for s in summary["sources"]:
        sources.add_row(s["source"].removeprefix("src:"), str(s["date"]), str(s["facts"]),
                        f"{s['outlet']}: {s['title']}" if s["outlet"] else s["title"])
    console.print(sources)


@app.command()
def build(
    force: Annotated[bool, typer.Option("--force", help="Rebuild even if the inputs are unchanged.")] = False,
    reasoner: Annotated[bool, typer.Option(help="Run the HermiT consistency check (needs Java).")] = True,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="Print only the output folder.")] = False,
    store: StoreOption = None,
    max_bytes: MaxBytesOption = None,
) -> None:
    """Validate ontology and data, add inferences, and write build/ (TriG, Turtle, summary).

    With --store oxigraph:PATH or sparql+http://..., then load the build there, replacing one named graph at a time.
    """
    from kg.build import build as run_build
    from kg.stores import StoreKind, load_store, parse_store

    try:
        spec = parse_store(store)
        project = find_project()
        with guarded(project, "build", store=store):
            result = run_build(project, force=force, reasoner=reasoner, max_bytes=max_bytes, progress=progress)
            loaded = load_store(spec, project, progress=progress) if spec.kind is not StoreKind.memory else []
    except KgError as exc:
        raise fail(exc) from None
    out = Console(highlight=False, emoji=False)
    if quiet:
        out.print(str(result.directory))
        return
    out.print(("built " if result.rebuilt else "up to date: ") + str(result.directory))
    if loaded:
        out.print(f"loaded {len(loaded)} named graphs into {spec}")
    _print_summary(result.summary, out)


@app.command()
def validate(
    reasoner: Annotated[bool, typer.Option(help="Run the HermiT consistency check (needs Java).")] = True,
    max_bytes: MaxBytesOption = None,
) -> None:
    """Check ontology and data: SHACL shapes, every quote against its source, violation queries, OWL consistency."""
    from kg.inputs import load_inputs
    from kg.validate import validate as run_validate

    try:
        project = find_project()
        with guarded(project, "validate"):
            outcome = run_validate(load_inputs(project, max_bytes=max_bytes), reasoner=reasoner, progress=progress)
    except KgError as exc:
        raise fail(exc) from None
    if outcome.problems:
        raise fail(InvalidInput(outcome.problems))
    Console(highlight=False, emoji=False).print(f"valid: {', '.join(outcome.checks)} all clean")


@app.command()
def query(
    name: Annotated[Optional[str], typer.Argument(help="A named query (see `kg queries`) or a .rq file.")] = None,
    expression: Annotated[Optional[str], typer.Option("--expression", "-e", help="SPARQL text to run.")] = None,
    param: Annotated[list[str], typer.Option("--param", "-p", help="Bind a parameter: name=value (repeatable).")] = [],  # noqa: B006
    fmt: Annotated[ResultFormat, typer.Option("--format", "-f", help="Output format.")] = ResultFormat.table,
    store: StoreOption = None,
    timeout: Annotated[float, typer.Option(min=0.1, help="Seconds the query may run before it is stopped.")] = 60.0,
    max_rows: Annotated[int, typer.Option("--max-rows", min=0, help="Most rows (or triples) the query may return; "
                                          "a larger result is an error, never cut short.")] = 100_000,
    with_candidates: Annotated[bool, typer.Option(
        "--with-candidates", help="Also query the unreviewed candidates in data/candidates/ (each source's in "
                                  "its own named graph graph:candidates-SOURCE).")] = False,
) -> None:
    """Run a SPARQL query over the built graph; json is the SPARQL 1.1 Query Results JSON format.

    Updates, SERVICE, LOAD and FROM are refused (exit 2); so is a query past --timeout or --max-rows.
    """
    from kg.output import write_result
    from kg.queries import NamedQuery, UsageError, bind, find_query, parse_params
    from kg.store import run_limited

    try:
        if (name is None) == (expression is None):
            raise UsageError("give a query name or file, or -e 'SPARQL', but not both")
        project = find_project()
        named_file = (Path(name).absolute().parent,) if name and name.endswith(".rq") else ()
        with guarded(project, "query", store=store, read=named_file):
            named = NamedQuery.parse("expression", expression) if expression is not None else find_query(project, name)
            backend = open_backend(project, store)
            if with_candidates:
                import pyoxigraph as ox

                from kg.ingest.store import load_candidates

                if not isinstance(backend, ox.Store):
                    raise UsageError("--with-candidates works with the in-memory store (no --store)")
                load_candidates(backend, project)
            substitutions = bind(backend, named, parse_params(param))
            result = run_limited(backend, named.text, substitutions=substitutions, timeout=timeout, max_rows=max_rows)
        write_result(result, fmt, sys.stdout)
    except KgError as exc:
        raise fail(exc) from None


@app.command()
def queries() -> None:
    """List the named queries in queries/ with their parameters."""
    from kg.queries import list_queries

    table = Table("name", "title", "parameters", title="Named queries (kg query NAME)")
    for q in list_queries(find_project()):
        params = ", ".join(f"{p.name} ({p.kind.value}{' = ' + p.default if p.default else ''})" for p in q.params)
        table.add_row(q.name, q.title, params)
    Console(highlight=False, emoji=False).print(table)


@app.command()
def describe(
    name: Annotated[str, typer.Argument(help="A name, alias, prefixed name (ent:nao) or IRI.")],
    fmt: Annotated[CardFormat, typer.Option("--format", "-f", help="Output format.")] = CardFormat.text,
    every: Annotated[bool, typer.Option("--all", help="List every statement in and every assessment "
                                                     "(default: the first 100 of each, with a count of the rest).")
                     ] = False,
    store: StoreOption = None,
) -> None:
    """Print an entity card: types, names, identifiers, statements, criticisms made and received with quotes."""
    from kg.describe import CARD_LIMIT, card
    from kg.output import write_card
    from kg.resolve import resolve

    try:
        project = find_project()
        with guarded(project, "describe", store=store):
            backend = open_backend(project, store)
            entity = card(backend, resolve(backend, name), limit=None if every else CARD_LIMIT)
        write_card(entity, fmt, sys.stdout)
    except KgError as exc:
        raise fail(exc) from None


@app.command()
def viz(
    output: Annotated[Optional[Path], typer.Option("--output", "-o",
                                                   help="The HTML file to write [default: build/graph.html].")] = None,
    focus: Annotated[Optional[str], typer.Option(help="Show the neighbourhood of this entity (name or IRI).")] = None,
    depth: Annotated[int, typer.Option(min=0, max=6, help="Steps from --focus to include.")] = 1,
    programme: Annotated[Optional[str], typer.Option(help="Show one programme and its neighbourhood.")] = None,
    since: Annotated[Optional[int], typer.Option(help="Drop dated items before this year.")] = None,
    until: Annotated[Optional[int], typer.Option(help="Drop dated items after this year.")] = None,
    query_file: Annotated[Optional[str], typer.Option("--query", help="Draw the result of a CONSTRUCT query "
                                                                         "(a .rq file or a named query).")] = None,
    param: Annotated[list[str], typer.Option("--param", "-p", help="Bind a --query parameter: name=value.")] = [],  # noqa: B006
    store: StoreOption = None,
) -> None:
    """Write the interactive graph as one self-contained HTML page (no network access when opened)."""
    import pyoxigraph as ox

    from kg.queries import UsageError, bind, find_query, parse_params
    from kg.resolve import resolve
    from kg.store import run
    from kg.viz import view, write_graph

    try:
        project = find_project()
        query_dir = (Path(query_file).absolute().parent,) if query_file and query_file.endswith(".rq") else ()
        out_dir = (Path(output).absolute().parent,) if output else ()
        with guarded(project, "viz", store=store, write=out_dir, read=query_dir):
            backend = open_backend(project, store)
            construct = None
            if query_file is not None:
                named = find_query(project, query_file)
                result = run(backend, named.text, substitutions=bind(backend, named, parse_params(param)))
                if not isinstance(result, ox.QueryTriples):
                    raise UsageError("--query needs a CONSTRUCT (or DESCRIBE) query")
                construct = list(result)
            graph = view(backend, focus_on=resolve(backend, focus) if focus else None, depth=depth,
                         programme=resolve(backend, programme) if programme else None,
                         since=since, until=until, construct=construct)
            path = output or project.build_dir / "graph.html"
            write_graph(backend, path, graph)
    except KgError as exc:
        raise fail(exc) from None
    Console(highlight=False, emoji=False).print(
        f"wrote {path} ({graph.number_of_nodes()} nodes, {graph.number_of_edges()} edges)")


@app.command()
def serve(
    host: Annotated[str, typer.Option(help="Address to listen on (only this machine by default).")] = "127.0.0.1",
    port: Annotated[int, typer.Option(min=0, max=65535, help="Port to listen on (0: any free port).")] = 8000,
    timeout: Annotated[float, typer.Option(min=0.1, help="Seconds a query may run before it is stopped.")] = 10.0,
    max_rows: Annotated[int, typer.Option("--max-rows", min=1,
                                          help="Most rows (or triples) a query may return.")] = 10000,
    workers: Annotated[int, typer.Option(min=1, max=32, help="Query worker processes.")] = 2,
    store: StoreOption = None,
) -> None:
    """Serve a read-only SPARQL 1.1 endpoint (/sparql) and a web explorer (/) over the graph."""
    from kg.serve.run import open_for_serving
    from kg.serve.run import serve as run_server

    def ready(url: str) -> None:
        print(f"serving {url} (SPARQL endpoint {url}sparql); Ctrl+C stops", flush=True)

    try:
        project = find_project()
        with guarded(project, "serve", store=store, listen=host):
            backend, opener = open_for_serving(project, store, progress=progress)
            try:
                run_server(project, backend, opener, host=host, port=port, timeout=timeout, max_rows=max_rows,
                           workers=workers, ready=ready)
            except OSError as exc:
                raise KgError(f"cannot serve on {host}:{port}: {exc.strerror or exc}") from None
            except RuntimeError as exc:
                raise KgError(str(exc)) from None
    except KgError as exc:
        raise fail(exc) from None


@app.command()
def locate(
    source: Annotated[str, typer.Argument(help="Source file stem in data/sources/, e.g. 000_25aade20f43c5d21.")],
    quote: Annotated[str, typer.Argument(help="The exact words to find.")],
) -> None:
    """Find a quote in a source text and print its evidence block (offsets included) for data/curated/."""
    from kg.evidence import locate_all

    project = find_project()
    matches = [p for p in project.sources_dir.glob(f"{source}.*") if p.suffix != ".ttl"]
    if len(matches) != 1 or "/" in source:
        raise fail(KgError(f"no source text {source!r} in data/sources/"))
    spans = locate_all(matches[0].read_text(encoding="utf-8"), quote)
    if not spans:
        raise fail(KgError(f"the quote does not occur in {matches[0].name}"))
    if len(spans) > 1:
        err.print(f"note: the quote occurs {len(spans)} times; the first is used")
    exact = json.dumps(quote, ensure_ascii=False)
    print(f"wkg:evidence [ a wkg:Evidence ;\n    oa:hasSource src:{source} ;\n"
          f"    oa:hasSelector [ a oa:TextQuoteSelector ; oa:exact {exact} ] ,\n"
          f"      [ a oa:TextPositionSelector ; oa:start {spans[0].start} ; oa:end {spans[0].end} ] ]")


app.command()(ingest)  # kg ingest and kg accept live in their own module
app.command()(accept)


def main() -> None:  # pragma: no cover - console entry point
    app()


if __name__ == "__main__":  # pragma: no cover
    app()
