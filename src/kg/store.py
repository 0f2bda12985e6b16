"""The query store: the built graph in pyoxigraph, queried as the union of its named graphs.

>>> store = load_dataset(b'<http://x/a> <http://x/p> "v" <http://x/g> .', fmt="nquads")
>>> [str(row["o"]) for row in select(store, "SELECT ?o WHERE { ?s ?p ?o }")]
['"v"']
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING

import pyoxigraph as ox

from kg.namespaces import PREFIXES
from kg.problems import KgError

if TYPE_CHECKING:  # pragma: no cover
    from kg.stores import QueryBackend

__all__ = ["load_dataset", "load_file", "run", "select", "internal_query", "QueryError"]

_FORMATS = {"trig": ox.RdfFormat.TRIG, "nquads": ox.RdfFormat.N_QUADS, "turtle": ox.RdfFormat.TURTLE}


class QueryError(KgError):
    """A SPARQL query that does not parse or cannot run (a usage error: exit code 2)."""

    exit_code = 2


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
    """
    try:
        return store.query(query, prefixes=PREFIXES, use_default_graph_as_union=True,
                           substitutions=substitutions or None)
    except SyntaxError as exc:
        raise QueryError(f"SPARQL syntax error: {exc.msg}") from None
    except (OSError, ValueError, RuntimeError) as exc:
        raise QueryError(f"the query failed: {exc}") from None


def select(store: ox.Store | QueryBackend, query: str, **bindings: ox.NamedNode | ox.Literal) -> list[ox.QuerySolution]:
    """Rows of a SELECT query, with variables bound by keyword."""
    result = run(store, query, substitutions={ox.Variable(k): v for k, v in bindings.items()})
    if not isinstance(result, ox.QuerySolutions):
        raise QueryError("expected a SELECT query")
    return list(result)


def internal_query(name: str) -> str:
    """The text of one of kg's own queries (``src/kg/sparql/NAME.rq``)."""
    return resources.files("kg.sparql").joinpath(f"{name}.rq").read_text(encoding="utf-8")
