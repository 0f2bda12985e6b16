"""The query store: the built graph in pyoxigraph, queried as the union of its named graphs.

>>> store = load_dataset(b'<http://x/a> <http://x/p> "v" <http://x/g> .', fmt="nquads")
>>> [str(row["o"]) for row in select(store, "SELECT ?o WHERE { ?s ?p ?o }")]
['"v"']
"""

from __future__ import annotations

import json
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING

import pyoxigraph as ox

from kg.namespaces import PREFIXES
from kg.problems import KgError

if TYPE_CHECKING:  # pragma: no cover
    from kg.stores import QueryBackend

__all__ = ["load_dataset", "load_file", "run", "run_limited", "select", "internal_query", "refuse_unsafe",
           "QueryError", "QueryRefused", "QueryTimeout", "TooManyRows", "DEFAULT_TIMEOUT", "DEFAULT_MAX_ROWS"]

DEFAULT_TIMEOUT = 60.0   # seconds: kg query --timeout
DEFAULT_MAX_ROWS = 100_000  # kg query --max-rows

_FORMATS = {"trig": ox.RdfFormat.TRIG, "nquads": ox.RdfFormat.N_QUADS, "turtle": ox.RdfFormat.TURTLE}


class QueryError(KgError):
    """A SPARQL query that does not parse or cannot run (a usage error: exit code 2)."""

    exit_code = 2


class QueryRefused(QueryError):
    """A query kg will not run: an update, SERVICE, LOAD, FROM (:mod:`kg.querypolicy`)."""


class QueryTimeout(QueryError):
    """A query stopped at its time limit."""


class TooManyRows(QueryError):
    """A result larger than the row cap; nothing of it is printed."""


def refuse_unsafe(query: str) -> None:
    """Raise :class:`QueryRefused` for an update, SERVICE, LOAD or FROM, wherever the query comes from.

    >>> refuse_unsafe("SELECT * WHERE { SERVICE <http://example.org/> { ?s ?p ?o } }")
    Traceback (most recent call last):
    ...
    kg.store.QueryRefused: SERVICE is not allowed: kg never fetches from another service
    """
    from kg.querypolicy import Refused, check

    try:
        check(query, require_form=False)
    except Refused as exc:
        raise QueryRefused(str(exc)) from None


def load_dataset(data: bytes, *, fmt: str = "trig") -> ox.Store:
    """An in-memory store holding ``data`` (TriG, N-Quads or Turtle)."""
    store = ox.Store()
    store.bulk_load(data, format=_FORMATS[fmt])
    return store


def load_file(path: Path) -> ox.Store:
    """An in-memory store holding the dataset in ``path`` (format from its suffix)."""
    fmt = {".trig": "trig", ".nq": "nquads", ".ttl": "turtle"}[path.suffix]
    store = ox.Store()
    store.bulk_load(path=str(path), format=_FORMATS[fmt])
    return store


def run(store: ox.Store | QueryBackend, query: str, *, substitutions: dict | None = None
        ) -> ox.QuerySolutions | ox.QueryBoolean | ox.QueryTriples:
    """Run a SPARQL query over the union of all graphs, with the project's prefixes predeclared.

    ``store`` is a pyoxigraph store or anything with a compatible ``query`` (:mod:`kg.stores`).
    Updates, SERVICE, LOAD and FROM are refused (:func:`refuse_unsafe`).
    """
    refuse_unsafe(query)
    try:
        return store.query(query, prefixes=PREFIXES, use_default_graph_as_union=True,
                           substitutions=substitutions or None)
    except SyntaxError as exc:
        raise QueryError(f"SPARQL syntax error: {exc.msg}") from None
    except (OSError, ValueError, RuntimeError) as exc:
        raise QueryError(f"the query failed: {exc}") from None


def run_limited(store: ox.Store | QueryBackend, query: str, *, substitutions: dict | None = None,
                timeout: float = DEFAULT_TIMEOUT, max_rows: int = DEFAULT_MAX_ROWS
                ) -> ox.QuerySolutions | ox.QueryBoolean | ox.QueryTriples:
    """:func:`run` in a child process stopped after ``timeout`` seconds; more than ``max_rows`` rows is an error.

    >>> store = load_dataset(b'<http://x/a> <http://x/p> "v" <http://x/g> .', fmt="nquads")
    >>> [str(r["o"]) for r in run_limited(store, "SELECT ?o WHERE { ?s ?p ?o }", timeout=10, max_rows=1)]
    ['"v"']
    >>> try:
    ...     run_limited(store, "SELECT * WHERE { ?s ?p ?o . ?a ?b ?c }", timeout=10, max_rows=0)
    ... except TooManyRows as exc:
    ...     print(str(exc)[:50])
    the result has more than 0 rows (--max-rows 0); ad
    """
    from kg.isolate import TimeLimit, call
    from kg.serve.workers import QueryFailed, TooLarge, execute

    refuse_unsafe(query)
    bound = {variable.value: term for variable, term in (substitutions or {}).items()}

    def work() -> tuple[str, object, int]:
        try:
            return execute(store, query, bound, max_rows, PREFIXES)  # type: ignore[arg-type]
        except TooLarge as exc:
            unit = "triples" if "triples" in str(exc) else "rows"
            raise TooManyRows(f"the result has more than {max_rows} {unit} (--max-rows {max_rows}); add a LIMIT, "
                              "narrow the query or raise --max-rows") from None
        except QueryFailed as exc:
            raise QueryError(str(exc)) from None

    try:
        kind, data, _ = call(work, timeout=timeout, what="the query")
    except TimeLimit:
        raise QueryTimeout(f"the query ran longer than the time limit of {timeout:g} s (--timeout) and was stopped; "
                           "narrow the query or raise --timeout") from None
    if kind == "boolean":
        return ox.parse_query_results(json.dumps({"head": {}, "boolean": bool(data)}).encode(),
                                      format=ox.QueryResultsFormat.JSON)
    if kind == "solutions":
        return ox.parse_query_results(data, format=ox.QueryResultsFormat.JSON)  # type: ignore[arg-type]
    scratch = ox.Store()
    scratch.extend(ox.Quad(t.subject, t.predicate, t.object)
                   for t in ox.parse(data, format=ox.RdfFormat.N_TRIPLES))  # type: ignore[arg-type]
    return scratch.query("CONSTRUCT WHERE { ?s ?p ?o }")


def select(store: ox.Store | QueryBackend, query: str, **bindings: ox.NamedNode | ox.Literal) -> list[ox.QuerySolution]:
    """Rows of a SELECT query, with variables bound by keyword."""
    result = run(store, query, substitutions={ox.Variable(k): v for k, v in bindings.items()})
    if not isinstance(result, ox.QuerySolutions):
        raise QueryError("expected a SELECT query")
    return list(result)


def internal_query(name: str) -> str:
    """The text of one of kg's own queries (``src/kg/sparql/NAME.rq``)."""
    return resources.files("kg.sparql").joinpath(f"{name}.rq").read_text(encoding="utf-8")
