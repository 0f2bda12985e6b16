"""The ``%%sparql`` cell magic for IPython and Jupyter: ``%load_ext kg``, then::

    %%sparql --param programme="Total Place" --out total_place
    cq_criticisms_of_programme

The cell holds a named query's name on one line, a ``.rq`` path, or SPARQL text (the
project's prefixes are predeclared).  The result is a pandas DataFrame.  Options:

``--param name=value`` (repeatable)
    binds a parameter by substitution, as ``kg query --param`` does, never by editing the text.
``--out VAR``
    also stores the DataFrame in the notebook as ``VAR``.
``--no-labels``
    shows IRIs as they are.

Columns are typed: integers as ``int64`` (``Int64`` where some rows are unbound),
decimals and doubles as ``float64``, and ``xsd:date`` values as pandas Timestamps (a column
of dates only is ``datetime64``).  ``xsd:gYear`` and ``xsd:gYearMonth`` values stay strings
such as ``"2011"`` and ``"2014-10"``: they are never made more precise than the source.
An IRI is shown by its ``rdfs:label`` (its prefixed name when it has none), and the IRI
itself is kept in a companion column ``<column>_iri`` right after it.  A plain column was
chosen over a str subclass carrying the IRI because it survives every pandas operation,
merges and CSV export.

The project is found as ``kg query`` finds it (``$KG_HOME`` or the working directory), and
it is built first if ``build/`` is stale.
"""

from __future__ import annotations

import datetime
import shlex
from decimal import Decimal
from pathlib import Path
from typing import Any

import pandas as pd
import pyoxigraph as ox
from IPython.core.error import UsageError
from IPython.core.magic import Magics, cell_magic, magics_class
from IPython.core.magic_arguments import argument, magic_arguments

from kg.api import python_value, solutions
from kg.problems import KgError
from kg.queries import parse_params
from kg.rdfio import compact
from kg.store import internal_query, select

__all__ = ["SparqlMagics", "load_ipython_extension", "typed_frame", "labels_of"]


def labels_of(store: ox.Store) -> dict[str, str]:
    """Every IRI's label (English or untagged), to show IRIs by name."""
    labels: dict[str, str] = {}
    for row in select(store, internal_query("labels")):
        labels.setdefault(row["entity"].value, row["label"].value)
    return labels


def _cell(term: Any, labels: dict[str, str] | None) -> tuple[Any, str | None]:
    """(shown value, IRI or None) of one RDF term."""
    if term is None:
        return None, None
    if isinstance(term, ox.NamedNode):
        if labels is None:
            return term.value, None
        return labels.get(term.value, compact(term.value)), term.value
    if isinstance(term, ox.BlankNode):
        return f"_:{term.value}", None
    value = python_value(term)
    if isinstance(value, Decimal):
        return float(value), None
    if isinstance(value, datetime.date):
        return pd.Timestamp(value), None
    return value, None


def _column(values: list[Any]) -> Any:
    """A typed column: whole numbers, floats, datetimes, or objects as they are."""
    present = [v for v in values if v is not None]
    if not present:
        return pd.Series(values, dtype=object)
    if all(isinstance(v, int) and not isinstance(v, bool) for v in present):
        return pd.array(values, dtype="Int64") if len(present) < len(values) else pd.array(values, dtype="int64")
    if all(isinstance(v, (int, float)) and not isinstance(v, bool) for v in present):
        return pd.array([float("nan") if v is None else float(v) for v in values], dtype="float64")
    if all(isinstance(v, pd.Timestamp) for v in present):
        return pd.to_datetime(pd.Series(values, dtype=object))
    return pd.Series(values, dtype=object)


def typed_frame(names: list[str], rows: list[Any], *, labels: dict[str, str] | None = None) -> pd.DataFrame:
    """A DataFrame of query rows with typed columns; IRIs by label plus ``<column>_iri`` when ``labels`` is given.

    >>> xsd = "http://www.w3.org/2001/XMLSchema#"
    >>> rows = [{"who": ox.NamedNode("https://w3id.org/watchdog-kg/id/nao"),
    ...          "n": ox.Literal("55000000", datatype=ox.NamedNode(xsd + "integer")),
    ...          "when": ox.Literal("2014-11-11", datatype=ox.NamedNode(xsd + "date"))},
    ...         {"who": ox.NamedNode("https://w3id.org/watchdog-kg/id/pac"),
    ...          "n": ox.Literal("1", datatype=ox.NamedNode(xsd + "integer")),
    ...          "when": ox.Literal("2011", datatype=ox.NamedNode(xsd + "gYear"))}]
    >>> frame = typed_frame(["who", "n", "when"], rows, labels={"https://w3id.org/watchdog-kg/id/nao": "NAO"})
    >>> list(frame.columns), str(frame["n"].dtype)
    (['who', 'who_iri', 'n', 'when'], 'int64')
    >>> frame["who"].tolist(), frame["when"].tolist()
    (['NAO', 'ent:pac'], [Timestamp('2014-11-11 00:00:00'), '2011'])
    """
    data: dict[str, Any] = {}
    for name in names:
        cells = [_cell(row[name], labels) for row in rows]
        data[name] = _column([shown for shown, _ in cells])
        if any(iri is not None for _, iri in cells):
            data[f"{name}_iri"] = pd.Series([iri for _, iri in cells], dtype=object)
    return pd.DataFrame(data, index=pd.RangeIndex(len(rows)))


@magics_class
class SparqlMagics(Magics):
    """``%%sparql``: run a named query or SPARQL text over the built graph; a typed DataFrame back."""

    def __init__(self, shell: Any = None) -> None:
        super().__init__(shell)
        self._stores: dict[Path, tuple[tuple[str, int], ox.Store]] = {}

    def _store(self) -> tuple[Any, ox.Store]:
        """The project and its built graph, reloaded only when ``build/graph.trig`` changes."""
        from kg.build import TRIG, build
        from kg.guard import Policy, active
        from kg.project import Project
        from kg.store import load_file

        project = Project.find()
        with active(Policy.for_project(project.root, command="%%sparql")):
            build(project)
            trig = (project.build_dir / TRIG).resolve()  # the generation: a rebuild is a new file
            stamp = (str(trig), trig.stat().st_mtime_ns)
            cached = self._stores.get(project.root)
            if cached is None or cached[0] != stamp:
                cached = self._stores[project.root] = (stamp, load_file(trig))
        return project, cached[1]

    @magic_arguments()
    @argument("--param", "-p", action="append", default=[], metavar="NAME=VALUE",
              help="Bind a query parameter (repeatable), as kg query --param does.")
    @argument("--out", "-o", metavar="VAR", help="Also store the DataFrame in the notebook as VAR.")
    @argument("--no-labels", action="store_true", help="Show IRIs as they are, not by their labels.")
    @cell_magic
    def sparql(self, line: str, cell: str) -> pd.DataFrame:
        """Run the named query or SPARQL text in the cell; return its rows as a typed DataFrame."""
        try:  # POSIX quoting, as in a shell: --param programme="Better Care Fund"
            argv = shlex.split(line)
        except ValueError as exc:
            raise UsageError(f"%%sparql options: {exc}") from None
        args = self.sparql.parser.parse_args(argv)
        if args.out is not None and not args.out.isidentifier():
            raise UsageError(f"--out needs a Python name, not {args.out!r}")
        text = cell.strip()
        if not text:
            raise UsageError("the cell is empty: give a named query (e.g. cq_nao_reports) or SPARQL text")
        try:
            params = parse_params(args.param)
            project, store = self._store()
            names, rows = solutions(text, params=params, store=store, project=project)
        except KgError as exc:
            raise UsageError(str(exc)) from None
        frame = typed_frame(names, rows, labels=None if args.no_labels else labels_of(store))
        if args.out is not None:
            self.shell.user_ns[args.out] = frame
        return frame


def load_ipython_extension(ipython: Any) -> None:
    """Register the ``%%sparql`` magic with ``ipython``."""
    ipython.register_magics(SparqlMagics)
