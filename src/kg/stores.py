"""Where the built graph lives: ``--store`` (or ``$KG_STORE``) on every command.

- ``memory`` (the default): ``build/graph.trig`` loaded into an in-memory pyoxigraph store.
- ``oxigraph:PATH``: an embedded, persistent pyoxigraph store on disk at ``PATH``.
- ``sparql+http://HOST:PORT/PATH``: any SPARQL 1.1 endpoint.  Queries go by the SPARQL 1.1
  Protocol to ``http://HOST:PORT/PATH``; ``kg build`` loads by the Graph Store Protocol and
  SPARQL Update.  The update and store URLs are given as ``?update=...&store=...`` (relative to
  the query URL); without them the Oxigraph server's layout is assumed: ``/query``, ``/update``
  and ``/store`` (``sparql+http://127.0.0.1:7878`` is enough for ``oxigraph serve``).

Every backend answers ``query(sparql, substitutions=..., use_default_graph_as_union=...,
prefixes=...)`` with pyoxigraph's own result types, so the rest of kg does not know which it has.
The SPARQL endpoint client is :mod:`kg.remote`.

>>> parse_store("oxigraph:/tmp/kg-store")
StoreSpec(kind=<StoreKind.oxigraph: 'oxigraph'>, text='oxigraph:/tmp/kg-store', path=PosixPath('/tmp/kg-store'))
>>> spec = parse_store("sparql+http://127.0.0.1:7878/query?update=/update&store=/store")
>>> spec.query_url, spec.update_url, spec.store_url
('http://127.0.0.1:7878/query', 'http://127.0.0.1:7878/update', 'http://127.0.0.1:7878/store')
>>> insert_values('SELECT * WHERE { ?s ?p ?o }', {ox.Variable("o"): ox.Literal('x" } DROP ALL #')})
'SELECT * WHERE { VALUES (?o) { ("x\\\\" } DROP ALL #") } ?s ?p ?o }'
"""

from __future__ import annotations

import os
import urllib.parse
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from enum import Enum
from pathlib import Path
from typing import Protocol, runtime_checkable

import pyoxigraph as ox

from kg.namespaces import GRAPH
from kg.problems import KgError
from kg.project import Project
from kg.remote import LOADING, QueryResult, SparqlEndpoint, insert_values

__all__ = ["StoreKind", "StoreSpec", "StoreSpecError", "StoreError", "QueryBackend", "SparqlEndpoint",
           "parse_store", "open_store", "load_store", "graph_units", "insert_values", "ENV"]

ENV = "KG_STORE"
INFERRED = str(GRAPH.inferred)


class StoreKind(str, Enum):
    memory = "memory"
    oxigraph = "oxigraph"
    sparql = "sparql"


class StoreSpecError(KgError):
    """A ``--store`` value that cannot be understood (a usage error: exit code 2)."""

    exit_code = 2


class StoreError(KgError):
    """A store that cannot be opened, read or loaded."""


@dataclass(frozen=True)
class StoreSpec:
    """A parsed ``--store`` value."""

    kind: StoreKind
    text: str = "memory"
    path: Path | None = None
    query_url: str | None = field(default=None, repr=False)
    update_url: str | None = field(default=None, repr=False)
    store_url: str | None = field(default=None, repr=False)

    def __str__(self) -> str:
        return self.text


_USAGE = ("use memory, oxigraph:PATH or sparql+http://HOST:PORT/query "
          "(optionally ?update=/update&store=/store)")


def parse_store(text: str | None = None) -> StoreSpec:
    """The store named by ``text``, else by ``$KG_STORE``, else ``memory``."""
    text = (text if text is not None else os.environ.get(ENV) or "memory").strip()
    if text == "memory":
        return StoreSpec(StoreKind.memory)
    if text.startswith("oxigraph:"):
        path = text.removeprefix("oxigraph:")
        if not path:
            raise StoreSpecError(f"--store {text!r}: oxigraph: needs a directory, e.g. oxigraph:build/store")
        return StoreSpec(StoreKind.oxigraph, text, path=Path(path).expanduser())
    if text.startswith(("sparql+http://", "sparql+https://")):
        url = urllib.parse.urlsplit(text.removeprefix("sparql+"))
        try:
            url.port  # noqa: B018 - raises on a malformed port
        except ValueError as exc:
            raise StoreSpecError(f"--store {text!r}: {exc}") from None
        if not url.hostname:
            raise StoreSpecError(f"--store {text!r}: no host; {_USAGE}")
        options = dict(urllib.parse.parse_qsl(url.query, keep_blank_values=True))
        unknown = set(options) - {"update", "store"}
        if unknown:
            raise StoreSpecError(f"--store {text!r}: unknown option(s) {', '.join(sorted(unknown))}; "
                                 "only update= and store= are understood")
        path = url.path if url.path not in ("", "/") else "/query"
        query_url = urllib.parse.urlunsplit((url.scheme, url.netloc, path, "", ""))
        return StoreSpec(StoreKind.sparql, text, query_url=query_url,
                         update_url=urllib.parse.urljoin(query_url, options.get("update", "update")),
                         store_url=urllib.parse.urljoin(query_url, options.get("store", "store")))
    raise StoreSpecError(f"--store {text!r} is not a store; {_USAGE}")


@runtime_checkable
class QueryBackend(Protocol):
    """What kg needs of a store: pyoxigraph's ``Store.query``."""

    def query(self, query: str, *, substitutions: Mapping[ox.Variable, ox.NamedNode | ox.Literal] | None = None,
              use_default_graph_as_union: bool = False, prefixes: Mapping[str, str] | None = None
              ) -> QueryResult: ...


class EmbeddedWriter:
    """Loads graphs into an embedded pyoxigraph store, one SPARQL Update transaction per graph."""

    def __init__(self, store: ox.Store) -> None:
        self.store = store

    def named_graphs(self) -> list[str]:
        return [g.value for g in self.store.named_graphs() if isinstance(g, ox.NamedNode)]

    def replace_graph(self, graph: str, ntriples: bytes) -> None:
        """DROP and INSERT DATA in one update request: one transaction, all or nothing."""
        data = ntriples.decode("utf-8")
        try:
            self.store.update(f"DROP SILENT GRAPH <{graph}> ;\nINSERT DATA {{ GRAPH <{graph}> {{\n{data}\n}} }}")
        except SyntaxError as exc:
            raise StoreError(f"graph <{graph}> could not be loaded; it was left as it was: {exc.msg}") from None

    def drop_graph(self, graph: str) -> None:
        self.store.update(f"DROP SILENT GRAPH <{graph}>")


# --- opening and loading -----------------------------------------------------------------------------

def _embedded(spec: StoreSpec, *, create: bool) -> ox.Store:
    path = spec.path
    assert path is not None
    if not create and not (path / "CURRENT").is_file():
        raise StoreError(f"no oxigraph store at {path}; load one with: kg build --store {spec.text}")
    try:
        return ox.Store(str(path))
    except OSError as exc:
        raise StoreError(f"cannot open the oxigraph store at {path}: {exc} (is another kg process using it? "
                         "for shared use, serve it with `oxigraph serve` and use --store sparql+http://...)"
                         ) from None


def open_store(spec: StoreSpec, project: Project, *,
               progress: Callable[[str], None] = lambda step: None) -> QueryBackend:
    """A backend to query: ``memory`` builds first if ``build/`` is stale; the others are read as they are."""
    if spec.kind is StoreKind.memory:
        from kg.build import open_built

        return open_built(project, progress=progress)
    if spec.kind is StoreKind.oxigraph:
        return _embedded(spec, create=False)
    return SparqlEndpoint(spec)


def graph_units(trig: Path) -> list[tuple[str, bytes]]:
    """The dataset in ``trig`` as (graph name, N-Triples) pairs that can be loaded one at a time.

    The build shares blank nodes between graphs: ``graph:inferred`` says things about the
    evidence nodes of each data file.  Blank nodes do not survive across separate loads, so each
    triple that mentions a blank node goes with the graph that holds that blank node; union
    queries see the same triples, and every graph loads on its own.
    """
    by_graph: dict[str, list[ox.Triple]] = {}
    home: dict[str, str] = {}
    quads = list(ox.parse(path=str(trig), format=ox.RdfFormat.TRIG))
    for quad in quads:
        if not isinstance(quad.graph_name, ox.NamedNode):
            raise StoreError(f"{trig}: a triple in the default graph; the build writes named graphs only")
    order = sorted({q.graph_name.value for q in quads}, key=lambda g: (g == INFERRED, g))
    rank = {g: n for n, g in enumerate(order)}
    for quad in sorted(quads, key=lambda q: rank[q.graph_name.value]):
        graph = quad.graph_name.value
        blanks = {t.value for t in (quad.subject, quad.object) if isinstance(t, ox.BlankNode)}
        homes = {home.setdefault(b, graph) for b in blanks}
        if len(homes) > 1 or (homes and graph != INFERRED and homes != {graph}):
            raise StoreError(f"{trig}: a blank node is shared by graphs <{graph}> and <{homes.pop()}>; "
                             "the graphs cannot be loaded one at a time")
        target = homes.pop() if homes else graph
        by_graph.setdefault(target, []).append(ox.Triple(quad.subject, quad.predicate, quad.object))
    for graph in order:
        by_graph.setdefault(graph, [])
    return [(g, ox.serialize(by_graph[g], format=ox.RdfFormat.N_TRIPLES)) for g in order]


def load_units(writer: EmbeddedWriter | SparqlEndpoint, units: Iterable[tuple[str, bytes]], *,
               complete: bool = False, progress: Callable[[str], None] = lambda step: None) -> list[str]:
    """Replace each graph in turn, each on its own; other graphs are left alone.

    ``complete``: ``units`` is the whole build, so the project's graphs (``graph:...``) that it no
    longer has are dropped.  Temporary graphs left by an interrupted load are always dropped.
    """
    loaded = []
    for graph, data in units:
        progress(f"loading <{graph}>")
        writer.replace_graph(graph, data)
        loaded.append(graph)
    for stale in writer.named_graphs():
        if (stale.startswith(LOADING) or (complete and stale.startswith(str(GRAPH)))) and stale not in loaded:
            progress(f"dropping <{stale}>")
            writer.drop_graph(stale)
    return loaded


def _load_new(store: ox.Store, units: list[tuple[str, bytes]], *,
              progress: Callable[[str], None]) -> list[str]:
    """An empty embedded store: one bulk load of every graph instead of one SPARQL update per graph.

    The update per graph (``EmbeddedWriter``) is what keeps an existing store's other graphs
    intact; an empty store has none, so on any failure it is emptied again.  The graphs are the same
    self-contained units either way.  At 1M triples this is several times faster (bench/README.md).
    """
    progress("loading every graph into a new store")
    # N-Triples escapes line breaks inside literals, so " .\n" only ends a statement
    quads = b"".join(data.replace(b" .\n", f" <{graph}> .\n".encode()) for graph, data in units)
    try:
        store.bulk_load(quads, format=ox.RdfFormat.N_QUADS)
    except BaseException as exc:
        store.clear()
        if isinstance(exc, SyntaxError):
            raise StoreError(f"a graph could not be loaded; the new store was left empty: {exc.msg}") from None
        raise
    return [graph for graph, _ in units]


def load_store(spec: StoreSpec, project: Project, *,
               progress: Callable[[str], None] = lambda step: None) -> list[str]:
    """Load ``build/graph.trig`` into the store, one named graph at a time (``memory``: nothing to do)."""
    from kg.build import TRIG

    if spec.kind is StoreKind.memory:
        return []
    trig = project.build_dir / TRIG
    try:
        if spec.kind is StoreKind.oxigraph:  # a new generation, swapped in whole (kg.atomic.publish)
            from kg.atomic import publish

            units = graph_units(trig)
            with publish(spec.path) as fresh:  # type: ignore[arg-type]
                store = _embedded(StoreSpec(StoreKind.oxigraph, spec.text, path=fresh), create=True)
                try:
                    return _load_new(store, units, progress=progress)
                finally:
                    store.flush()
                    del store
        return load_units(SparqlEndpoint(spec), graph_units(trig), complete=True, progress=progress)
    except OSError as exc:
        raise StoreError(f"loading into {spec.text} failed; graphs loaded before the failure are new, "
                         f"the others are as they were: {exc}") from None
