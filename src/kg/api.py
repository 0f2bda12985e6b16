"""The Python API: ``load()`` gives the graph, ``query()`` gives rows or a DataFrame."""

from __future__ import annotations

import datetime
import re
from decimal import Decimal
from typing import TYPE_CHECKING, Any

import pyoxigraph as ox

from kg.project import Project
from kg.queries import NamedQuery, bind, find_query
from kg.store import QueryError, run

if TYPE_CHECKING:  # pragma: no cover
    import pandas

__all__ = ["load", "query", "solutions", "python_value"]

_XSD = "http://www.w3.org/2001/XMLSchema#"


def load(*, project: Project | None = None, with_candidates: bool = False) -> ox.Store:
    """The built graph as a pyoxigraph store; builds first if ``build/`` is missing or stale.

    The build and the load run under :mod:`kg.guard` (no network, nothing outside the project).
    ``with_candidates`` adds the unreviewed candidates of ``data/candidates/`` (``kg ingest``), each
    source's in its own named graph ``graph:candidates-SOURCE``; ``build/`` itself never holds them.

    >>> store = load()
    >>> len(store) > 1000
    True
    """
    from kg.build import open_built
    from kg.guard import Policy, active

    project = project or Project.find()
    with active(Policy.for_project(project.root, command="kg.load()")):
        store = open_built(project)
        if with_candidates:
            from kg.ingest.store import load_candidates

            load_candidates(store, project)
    return store


def python_value(term: Any) -> Any:
    """A Python value for an RDF term: IRIs as strings, typed literals as numbers and dates.

    >>> python_value(ox.Literal("55000000", datatype=ox.NamedNode(_XSD + "integer")))
    55000000
    >>> python_value(ox.Literal("2014-11-11", datatype=ox.NamedNode(_XSD + "date")))
    datetime.date(2014, 11, 11)
    """
    if term is None:
        return None
    if isinstance(term, (ox.NamedNode, ox.BlankNode)):
        return term.value
    kind = term.datatype.value.removeprefix(_XSD)
    try:
        if kind in ("integer", "int", "long", "nonNegativeInteger"):
            return int(term.value)
        if kind == "decimal":
            return Decimal(term.value)
        if kind in ("double", "float"):
            return float(term.value)
        if kind == "boolean":
            return term.value == "true"
        if kind == "date":
            return datetime.date.fromisoformat(term.value)
    except ValueError:
        return term.value
    return term.value


def solutions(name_or_sparql: str, *, params: dict[str, str] | None = None, store: ox.Store | None = None,
              project: Project | None = None, with_candidates: bool = False
              ) -> tuple[list[str], list[ox.QuerySolution]]:
    """The column names and the raw RDF rows of a SELECT (named query, ``.rq`` file or SPARQL text).

    >>> names, rows = solutions("SELECT ?n WHERE { VALUES ?n { 1 } }")
    >>> names, rows[0]["n"].value
    (['n'], '1')
    """
    project = project or Project.find()
    store = store if store is not None else load(project=project, with_candidates=with_candidates)
    text = name_or_sparql.strip()
    is_reference = re.fullmatch(r"[A-Za-z0-9_\-]+", text) or text.endswith(".rq")
    named = find_query(project, text) if is_reference else NamedQuery.parse("expression", text)
    result = run(store, named.text, substitutions=bind(store, named, params or {}))
    if not isinstance(result, ox.QuerySolutions):
        raise QueryError("only SELECT queries give rows; use kg.load() and store.query() for ASK and CONSTRUCT")
    return [v.value for v in result.variables], list(result)


def query(name_or_sparql: str, *, params: dict[str, str] | None = None, store: ox.Store | None = None,
          frame: bool = False, project: Project | None = None, with_candidates: bool = False
          ) -> "list[dict[str, Any]] | pandas.DataFrame":
    """Run a named query, a ``.rq`` file or SPARQL text; rows as dicts, or a DataFrame with ``frame=True``.

    ``with_candidates=True`` also queries the unreviewed candidates (as ``kg query --with-candidates``).

    >>> rows = query("SELECT (COUNT(*) AS ?n) WHERE { ?s a wkg:Criticism }")
    >>> rows[0]["n"] >= 20
    True
    """
    names, terms = solutions(name_or_sparql, params=params, store=store, project=project,
                             with_candidates=with_candidates)
    rows = [{n: python_value(row[n]) for n in names} for row in terms]
    if not frame:
        return rows
    import pandas as pd

    return pd.DataFrame(rows, columns=names)
