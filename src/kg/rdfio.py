"""Reading Turtle with errors that name the file and line (writing atomically is :mod:`kg.atomic`).

pyoxigraph checks the syntax (its errors carry line and column); rdflib holds
the parsed graph that pyshacl and owlrl work on.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph
from rdflib import Graph, URIRef

from kg.atomic import atomic_file  # noqa: F401 - re-exported: data/ writes use it
from kg.namespaces import PREFIXES
from kg.problems import InvalidInput, Problem

__all__ = ["parse_turtle", "Locator", "atomic_file", "compact"]


def parse_turtle(path: Path, *, label: str | None = None, max_bytes: int | None = None) -> Graph:
    """Parse one Turtle file; on a syntax error, or a file over ``max_bytes`` (:mod:`kg.limits`), raise
    :class:`InvalidInput` naming file and line."""
    from kg.limits import read_capped

    name = label or str(path)
    data = read_capped(path, max_bytes=max_bytes, label=name)
    try:  # Turtle is UTF-8; pyoxigraph lets a bad byte inside a comment through, rdflib would raise a traceback
        data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line_start = data.rfind(b"\n", 0, exc.start) + 1
        raise InvalidInput([Problem(f"not UTF-8: byte 0x{data[exc.start]:02x} at column {exc.start - line_start + 1}",
                                    file=name, line=data.count(b"\n", 0, exc.start) + 1, check="syntax")]) from None
    try:
        for _ in pyoxigraph.parse(data, format=pyoxigraph.RdfFormat.TURTLE, base_iri=None):
            pass
    except SyntaxError as exc:
        message = re.sub(r"^Parser error (at|between) [^:]*: ", "", str(exc.msg))
        raise InvalidInput([Problem(f"Turtle syntax: {message}", file=name, line=exc.lineno,
                                    check="syntax")]) from None
    graph = Graph()
    term_log = logging.getLogger("rdflib.term")
    level = term_log.level
    term_log.setLevel(logging.CRITICAL)  # ill-typed literals are reported by the shapes, not as tracebacks
    try:
        graph.parse(data=data, format="turtle")
    finally:
        term_log.setLevel(level)
    return graph


@dataclass
class Locator:
    """Finds the file and line where an entity is described, for error messages."""

    lines: dict[str, list[str]] = field(default_factory=dict)

    def add(self, name: str, path: Path) -> None:
        self.lines[name] = path.read_text(encoding="utf-8", errors="replace").splitlines()

    def where(self, iri: str) -> tuple[str | None, int | None]:
        """(file, line) of the first line that starts with the entity's name, else any mention."""
        names = [f"<{iri}>", compact(iri)]
        fallback: tuple[str | None, int | None] = (None, None)
        for file, lines in self.lines.items():
            for number, text in enumerate(lines, 1):
                stripped = text.lstrip()
                for n in names:
                    if stripped.startswith(n) and stripped[len(n):len(n) + 1] in (" ", "\t", ""):
                        return file, number
                    if fallback == (None, None) and re.search(re.escape(n) + r"(?![\w-])", text):
                        fallback = (file, number)
        return fallback


def compact(iri: str | URIRef) -> str:
    """The prefixed name of an IRI where a project prefix fits, else ``<iri>``.

    >>> compact("https://w3id.org/watchdog-kg/id/nao")
    'ent:nao'
    >>> compact("http://example.org/x")
    '<http://example.org/x>'
    """
    text = str(iri)
    best = ""
    for prefix, ns in PREFIXES.items():
        if text.startswith(ns) and len(ns) > len(PREFIXES.get(best, "")):
            local = text[len(ns):]
            if re.fullmatch(r"[A-Za-z0-9_][A-Za-z0-9_.\-]*", local or "-") and not local.endswith("."):
                best = prefix
    return f"{best}:{text[len(PREFIXES[best]):]}" if best else f"<{text}>"
