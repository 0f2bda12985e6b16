"""Named queries: ``queries/NAME.rq`` files with a comment header.

Header lines (before the first non-comment line)::

    # title: Who criticised a programme
    # description: Who criticised it, when, in what words, citing which source?
    # param programme: entity = Better Care Fund ; the programme, by name or IRI

A parameter binds the SPARQL variable of the same name (``?programme``) by
substitution, never by editing the query text, so a value cannot change the
query's shape.  A parameter left unset leaves its variable free.

>>> q = NamedQuery.parse("x", "# title: T\\n# param n: integer = 3 ; a number\\nSELECT ?n {}")
>>> q.title, q.params[0].name, q.params[0].kind.value, q.params[0].default
('T', 'n', 'integer', '3')
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from enum import Enum
from pathlib import Path

import pyoxigraph as ox

from kg.namespaces import XSD
from kg.problems import KgError
from kg.project import Project
from kg.resolve import as_iri, resolve

__all__ = ["ParamKind", "Param", "NamedQuery", "find_query", "list_queries", "bind", "parse_params", "UsageError"]


class UsageError(KgError):
    """The command was asked something it cannot do; exit code 2."""

    exit_code = 2


class ParamKind(str, Enum):
    """What a parameter's value is."""

    entity = "entity"
    iri = "iri"
    string = "string"
    integer = "integer"
    decimal = "decimal"
    date = "date"
    year = "year"


@dataclass(frozen=True)
class Param:
    """One declared parameter of a named query."""

    name: str
    kind: ParamKind
    default: str | None = None
    description: str = ""


_PARAM = re.compile(r"^#\s*param\s+(\w+)\s*:\s*(\w+)\s*(?:=\s*([^;]*?))?\s*(?:;\s*(.*))?$")
_FIELD = re.compile(r"^#\s*(title|description)\s*:\s*(.*)$")


@dataclass(frozen=True)
class NamedQuery:
    """A query file and what its header says about it."""

    name: str
    text: str
    title: str = ""
    description: str = ""
    params: tuple[Param, ...] = field(default_factory=tuple)
    path: Path | None = None

    @classmethod
    def parse(cls, name: str, text: str, path: Path | None = None) -> "NamedQuery":
        """Read the header of ``text``; unknown parameter kinds are an error."""
        fields = {"title": "", "description": ""}
        params: list[Param] = []
        last = None
        for line in text.splitlines():
            if not line.startswith("#"):
                if line.strip():
                    break
                continue
            if m := _PARAM.match(line):
                try:
                    kind = ParamKind(m.group(2))
                except ValueError:
                    raise UsageError(f"{path or name}: parameter {m.group(1)!r} has unknown kind "
                                     f"{m.group(2)!r} (one of {', '.join(k.value for k in ParamKind)})") from None
                params.append(Param(m.group(1), kind, (m.group(3) or None), m.group(4) or ""))
                last = None
            elif m := _FIELD.match(line):
                last = m.group(1)
                fields[last] = m.group(2).strip()
            elif last and line.startswith("#  "):
                fields[last] += " " + line[1:].strip()
            else:
                last = None
        return cls(name, text, fields["title"], fields["description"], tuple(params), path)

    def param(self, name: str) -> Param:
        for p in self.params:
            if p.name == name:
                return p
        known = ", ".join(p.name for p in self.params) or "none"
        raise UsageError(f"query {self.name!r} has no parameter {name!r} (it has: {known})")


def list_queries(project: Project) -> list[NamedQuery]:
    """Every named query in ``queries/``, by name."""
    return [NamedQuery.parse(p.stem, p.read_text(encoding="utf-8"), p)
            for p in sorted(project.queries_dir.glob("*.rq"))]


def find_query(project: Project, ref: str) -> NamedQuery:
    """A named query (``cq_nao_reports``) or a query file path."""
    path = Path(ref)
    if path.suffix == ".rq" and path.is_file():
        return NamedQuery.parse(path.stem, path.read_text(encoding="utf-8"), path)
    candidate = project.queries_dir / f"{ref}.rq"
    if re.fullmatch(r"[A-Za-z0-9_\-]+", ref) and candidate.is_file():
        return NamedQuery.parse(ref, candidate.read_text(encoding="utf-8"), candidate)
    names = ", ".join(q.name for q in list_queries(project))
    raise UsageError(f"no query file or named query {ref!r} (named queries: {names})")


def _term(store: ox.Store, param: Param, value: str) -> ox.NamedNode | ox.Literal:
    try:
        if param.kind is ParamKind.entity:
            return ox.NamedNode(resolve(store, value))
        if param.kind is ParamKind.iri:
            return ox.NamedNode(value.strip("<>"))
        if param.kind is ParamKind.integer:
            return ox.Literal(str(int(value)), datatype=ox.NamedNode(str(XSD.integer)))
        if param.kind is ParamKind.decimal:
            return ox.Literal(str(float(value)), datatype=ox.NamedNode(str(XSD.decimal)))
        if param.kind is ParamKind.date:
            return ox.Literal(date.fromisoformat(value).isoformat(), datatype=ox.NamedNode(str(XSD.date)))
        if param.kind is ParamKind.year:
            if not re.fullmatch(r"\d{4}", value):
                raise ValueError("not a four-digit year")
            return ox.Literal(value, datatype=ox.NamedNode(str(XSD.gYear)))
    except ValueError as exc:
        raise UsageError(f"parameter {param.name}: {value!r} is not a valid {param.kind.value} ({exc})") from None
    return ox.Literal(value)


def _adhoc(name: str, value: str) -> ox.NamedNode | ox.Literal:
    """An ad-hoc query's parameter: an IRI if it looks like one (and is one), else a string.

    >>> _adhoc("x", "<0>")
    Traceback (most recent call last):
    ...
    kg.queries.UsageError: parameter x: '<0>' is not a valid IRI (No scheme found in an absolute IRI)
    """
    iri = as_iri(value)
    if not iri:
        return ox.Literal(value)
    try:
        return ox.NamedNode(iri)
    except ValueError as exc:
        raise UsageError(f"parameter {name}: {value!r} is not a valid IRI ({exc})") from None


def bind(store: ox.Store, query: NamedQuery, values: dict[str, str]) -> dict[ox.Variable, ox.NamedNode | ox.Literal]:
    """Substitutions for ``values`` (name -> text) and the defaults of unset parameters."""
    if not query.params:  # an ad-hoc query: IRIs bind as IRIs, anything else as a string
        return {ox.Variable(name): _adhoc(name, value) for name, value in values.items()}
    chosen = {p.name: p.default for p in query.params if p.default}
    for name, value in values.items():
        query.param(name)
        chosen[name] = value
    return {ox.Variable(name): _term(store, query.param(name), value) for name, value in chosen.items()}


def parse_params(items: list[str]) -> dict[str, str]:
    """``["name=value", ...]`` as a dict; a missing ``=`` is a usage error.

    >>> parse_params(["programme=Better Care Fund", "n=3"])
    {'programme': 'Better Care Fund', 'n': '3'}
    """
    params: dict[str, str] = {}
    for item in items:
        name, sep, value = item.partition("=")
        if not sep or not name.strip():
            raise UsageError(f"--param needs name=value, not {item!r}")
        params[name.strip()] = value
    return params
