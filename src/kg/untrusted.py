"""Parsing RDF from outside (a downloaded file, an ingested document) where it can do no harm.

:func:`parse_untrusted` reads at most ``max_bytes`` (:mod:`kg.limits`), screens the bytes, then
parses them with pyoxigraph in a child process under a time and a memory limit
(:mod:`kg.isolate`), and gives back the quads.  The screen refuses, before any parser sees them:

- RDF/XML with a ``<!DOCTYPE`` or ``<!ENTITY`` declaration: entities expand without bound (a
  930-byte file became a 3 GB literal in pyoxigraph 0.5.13) or name local files;
- JSON-LD whose ``@context`` (or a context's ``@import``) is a URL: kg never fetches a context.
  Embedded contexts are fine.

Every failure is an :class:`~kg.problems.InvalidInput` naming the file (and line, where known).

>>> quads = parse_untrusted(b'<http://x/a> <http://x/b> "c" .', fmt=RdfFormat.ntriples, label="x.nt")
>>> [str(q.object) for q in quads]
['"c"']
>>> bomb = b'<?xml version="1.0"?><!DOCTYPE r [<!ENTITY a "aaaa">]><r/>'
>>> parse_untrusted(bomb, fmt=RdfFormat.rdfxml, label="bomb.rdf")
Traceback (most recent call last):
...
kg.problems.InvalidInput: 1 problem(s) in the input
"""

from __future__ import annotations

import json
import re
from enum import Enum
from pathlib import Path
from typing import Any

import pyoxigraph as ox

from kg.limits import read_capped, resolve_max_bytes
from kg.problems import InvalidInput, Problem

__all__ = ["RdfFormat", "parse_untrusted", "screen", "format_of", "DEFAULT_TIMEOUT", "DEFAULT_MEMORY"]

DEFAULT_TIMEOUT = 60.0        # seconds for one file
DEFAULT_MEMORY = 1 << 30      # bytes the parser may take on top of what the process has


class RdfFormat(str, Enum):
    """The RDF syntaxes kg reads from outside."""

    turtle = "turtle"
    ntriples = "ntriples"
    nquads = "nquads"
    trig = "trig"
    rdfxml = "rdfxml"
    jsonld = "jsonld"


_OX = {RdfFormat.turtle: ox.RdfFormat.TURTLE, RdfFormat.ntriples: ox.RdfFormat.N_TRIPLES,
       RdfFormat.nquads: ox.RdfFormat.N_QUADS, RdfFormat.trig: ox.RdfFormat.TRIG,
       RdfFormat.rdfxml: ox.RdfFormat.RDF_XML, RdfFormat.jsonld: ox.RdfFormat.JSON_LD}
_SUFFIXES = {".ttl": RdfFormat.turtle, ".nt": RdfFormat.ntriples, ".nq": RdfFormat.nquads, ".trig": RdfFormat.trig,
             ".rdf": RdfFormat.rdfxml, ".owl": RdfFormat.rdfxml, ".xml": RdfFormat.rdfxml,
             ".jsonld": RdfFormat.jsonld}
_DECLARATION = re.compile(r"<!\s*(DOCTYPE|ENTITY)", re.IGNORECASE)


def format_of(path: Path) -> RdfFormat:
    """The format of a file, by its suffix.

    >>> format_of(Path("a/b.jsonld")).value
    'jsonld'
    """
    try:
        return _SUFFIXES[path.suffix.lower()]
    except KeyError:
        known = ", ".join(sorted(_SUFFIXES))
        raise InvalidInput([Problem(f"not an RDF file kg reads (suffixes: {known})", file=str(path))]) from None


def _text(data: bytes) -> str:
    for encoding in ("utf-8-sig", "utf-16", "latin-1"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    return data.decode("latin-1")  # pragma: no cover - latin-1 decodes anything


def _remote_contexts(node: Any, found: list[str]) -> None:
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "@context":
                for item in value if isinstance(value, list) else [value]:
                    if isinstance(item, str):
                        found.append(item)
                    elif isinstance(item, dict) and isinstance(item.get("@import"), str):
                        found.append(item["@import"])
            _remote_contexts(value, found)
    elif isinstance(node, list):
        for item in node:
            _remote_contexts(item, found)


def screen(data: bytes, fmt: RdfFormat, *, label: str) -> None:
    """Refuse what no parser should see: XML declarations, remote JSON-LD contexts (:class:`InvalidInput`).

    >>> screen(b'{"@context": "https://schema.org/", "name": "x"}', RdfFormat.jsonld, label="a.jsonld")
    Traceback (most recent call last):
    ...
    kg.problems.InvalidInput: 1 problem(s) in the input
    """
    if fmt is RdfFormat.rdfxml:
        text = _text(data)
        if m := _DECLARATION.search(text):
            line = text.count("\n", 0, m.start()) + 1
            raise InvalidInput([Problem(f"RDF/XML with a {m.group(1).upper()} declaration is refused: entities can "
                                        "expand without bound or read local files", file=label, line=line,
                                        check="hostile")])
    elif fmt is RdfFormat.jsonld:
        try:
            document = json.loads(_text(data))
        except ValueError as exc:
            line = getattr(exc, "lineno", None)
            raise InvalidInput([Problem(f"JSON-LD is not JSON: {exc}", file=label, line=line,
                                        check="syntax")]) from None
        found: list[str] = []
        _remote_contexts(document, found)
        if found:
            raise InvalidInput([Problem(f"JSON-LD with a remote @context ({found[0]}) is refused: kg never fetches a "
                                        "context; embed it in the file", file=label, check="hostile")])


def _parse(data: bytes, fmt: RdfFormat, base_iri: str | None, label: str) -> bytes:
    """In the child: parse and give back N-Quads (or the problem)."""
    try:
        quads = list(ox.parse(data, format=_OX[fmt], base_iri=base_iri))
    except SyntaxError as exc:
        message = re.sub(r"^Parser error (at|between) [^:]*: ", "", str(exc.msg))
        raise InvalidInput([Problem(f"{fmt.value} syntax: {message}", file=label, line=exc.lineno,
                                    check="syntax")]) from None
    return ox.serialize(quads, format=ox.RdfFormat.N_QUADS) or b""


def parse_untrusted(source: Path | bytes, *, fmt: RdfFormat | None = None, label: str | None = None,
                    base_iri: str | None = None, max_bytes: int | None = None, timeout: float = DEFAULT_TIMEOUT,
                    memory: int = DEFAULT_MEMORY, check_declarations: bool = True) -> list[ox.Quad]:
    """The quads of an RDF file (or bytes) from outside, parsed in a child process under limits.

    ``check_declarations=False`` skips the screen; it exists only so that the tests can show the
    memory limit stopping an entity expansion on its own.
    """
    from kg.isolate import Stopped, call

    if isinstance(source, Path):
        label = label or str(source)
        fmt = fmt or format_of(source)
        data = read_capped(source, max_bytes=max_bytes, label=label)
    else:
        label = label or "<bytes>"
        limit = resolve_max_bytes(max_bytes)
        if len(source) > limit:
            raise InvalidInput([Problem(f"the data is {len(source):,} bytes, more than the limit of {limit:,} bytes "
                                        "(--max-bytes or $KG_MAX_BYTES)", file=label, check="size")])
        data = source
    if fmt is None:
        raise InvalidInput([Problem("the RDF format is not known", file=label)])
    if check_declarations:
        screen(data, fmt, label=label)
    try:
        nquads = call(lambda: _parse(data, fmt, base_iri, label), timeout=timeout, memory=memory,
                      what=f"parsing {label}")
    except Stopped as exc:
        raise InvalidInput([Problem(str(exc), file=label, check="limits")]) from None
    return list(ox.parse(nquads, format=ox.RdfFormat.N_QUADS))
