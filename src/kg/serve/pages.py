"""The explorer's HTML pages, rendered on the server with Jinja's autoescaping.

Every value from the graph or the request enters a page through an autoescaped
template variable; the pages have no inline script or style, so the server's
Content-Security-Policy can forbid both.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache
from typing import Any
from urllib.parse import quote, urlencode

import jinja2

from kg.namespaces import PREFIXES
from kg.rdfio import compact
from kg.serve.workers import Answer

__all__ = ["Cell", "ResultView", "page", "result_view", "entity_href", "ENT"]

ENT = PREFIXES["ent"]


@cache
def _env() -> jinja2.Environment:
    return jinja2.Environment(loader=jinja2.PackageLoader("kg.serve", "templates"),
                              autoescape=True,
                              trim_blocks=True, lstrip_blocks=True)


def page(template: str, **context: Any) -> bytes:
    """A rendered page."""
    return _env().get_template(template).render(**context).encode("utf-8")


def entity_href(iri: str) -> str | None:
    """The explorer's page for an entity IRI (``/entity/<local name>``), or None outside ``ent:``.

    >>> entity_href("https://w3id.org/watchdog-kg/id/better-care-fund")
    '/entity/better-care-fund'
    >>> entity_href("http://example.org/x") is None
    True
    """
    if iri.startswith(ENT) and len(iri) > len(ENT) and "/" not in iri[len(ENT):]:
        return "/entity/" + quote(iri[len(ENT):], safe="")
    return None


def compact_href(value: str | None) -> str | None:
    """The page for a compact name such as ``ent:nao``."""
    if value and value.startswith("ent:"):
        return entity_href(ENT + value[4:])
    return None


@dataclass
class Cell:
    text: str
    href: str | None = None
    title: str | None = None


@dataclass
class ResultView:
    """What the results part of a page shows."""

    kind: str = "solutions"
    columns: list[str] = field(default_factory=list)
    rows: list[list[Cell]] = field(default_factory=list)
    boolean: bool | None = None
    count: int = 0
    seconds: float = 0.0
    downloads: list[tuple[str, str]] = field(default_factory=list)
    graph_url: str | None = None
    error: str | None = None
    status: int = 200


def _cell(term: dict[str, Any] | None) -> Cell:
    if term is None:
        return Cell("")
    if term["type"] == "uri":
        iri = term["value"]
        return Cell(compact(iri), href=entity_href(iri), title=iri)
    if term["type"] == "bnode":
        return Cell("_:" + term["value"])
    if term["type"] == "triple":
        inner = term["value"]
        return Cell("<< " + " ".join(_cell(inner[k]).text for k in ("subject", "predicate", "object")) + " >>")
    extra = term.get("xml:lang") or (compact(term["datatype"]) if "datatype" in term else None)
    return Cell(term["value"], title=extra)


def _ntriples_cell(term: Any) -> Cell:
    import pyoxigraph as ox

    if isinstance(term, ox.NamedNode):
        return _cell({"type": "uri", "value": term.value})
    if isinstance(term, ox.BlankNode):
        return _cell({"type": "bnode", "value": term.value})
    return Cell(term.value)


def result_view(answer: Answer, *, download: Callable[[str], str], graph_url: str | None) -> ResultView:
    """The view of a query's answer; ``download(suffix)`` is the URL of the answer in the format with that
    suffix (``csv``, ``ttl``, ...), ``graph_url`` the page drawing a CONSTRUCT result."""
    view = ResultView(kind=answer.kind, count=answer.count, seconds=answer.seconds)
    if answer.kind == "boolean":
        view.boolean = bool(answer.data)
        return view
    if answer.kind == "solutions":
        assert isinstance(answer.data, bytes)
        data = json.loads(answer.data)
        view.columns = data["head"]["vars"]
        view.rows = [[_cell(b.get(c)) for c in view.columns] for b in data["results"]["bindings"]]
        formats = [("CSV", "csv"), ("TSV", "tsv"), ("JSON", "json")]
    else:
        import pyoxigraph as ox

        assert isinstance(answer.data, bytes)
        view.columns = ["subject", "predicate", "object"]
        view.rows = [[_ntriples_cell(t.subject), _ntriples_cell(t.predicate), _ntriples_cell(t.object)]
                     for t in ox.parse(answer.data, format=ox.RdfFormat.N_TRIPLES)]
        view.graph_url = graph_url
        formats = [("Turtle", "ttl"), ("N-Triples", "nt"), ("JSON-LD", "jsonld")]
    view.downloads = [(label, download(suffix)) for label, suffix in formats]
    return view


def error_view(status: int, message: str) -> ResultView:
    return ResultView(error=message, status=status)


def query_url(path: str, params: dict[str, str]) -> str:
    """``path`` with ``params`` as its query string (None and empty values left out)."""
    kept = {k: v for k, v in params.items() if v}
    return path + ("?" + urlencode(kept) if kept else "")


def card_links(card: dict[str, Any]) -> dict[str, Any]:
    """The card with links to other entities' pages added (``href``)."""
    for s in card["statements"]:
        s["href"] = compact_href(s["value"])
    for key in ("criticisms_made", "criticisms_received"):
        for item in card[key]:
            item["href"] = compact_href(item["id"])
            item["other_href"] = compact_href(item.get("other_id"))
    return card
