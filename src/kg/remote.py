"""The client of a remote SPARQL 1.1 endpoint (``--store sparql+http://...``): queries by the SPARQL 1.1
Protocol, loading by the Graph Store Protocol and SPARQL Update, answers as pyoxigraph's own result types.

Parameters are bound without editing the user's text: a ``VALUES`` block goes just inside the WHERE group.

>>> insert_values('SELECT * WHERE { ?s ?p ?o }', {ox.Variable("o"): ox.NamedNode("http://x/a")})
'SELECT * WHERE { VALUES (?o) { (<http://x/a>) } ?s ?p ?o }'
"""

from __future__ import annotations

import re
import urllib.error
import urllib.parse
import urllib.request
import uuid
from collections.abc import Mapping
from typing import TYPE_CHECKING

import pyoxigraph as ox

from kg.namespaces import GRAPH

if TYPE_CHECKING:  # pragma: no cover
    from kg.stores import StoreSpec

__all__ = ["SparqlEndpoint", "insert_values", "QueryResult", "LOADING"]

LOADING = str(GRAPH) + "loading/"  # temporary graph names while a graph is loaded into an endpoint
QueryResult = ox.QuerySolutions | ox.QueryBoolean | ox.QueryTriples


# --- binding parameters for a remote endpoint, without editing the user's text -------------------

_IRIREF = re.compile(r'<[^<>"{}|^`\\\x00-\x20]*>')
_WORD = re.compile(r"[A-Za-z_][A-Za-z0-9_\-.:]*")
_VAR = re.compile(r"[?$][A-Za-z0-9_\u00b7\u00c0-\uffff]+")


def _group_start(query: str) -> int | None:
    """Offset just after the ``{`` that opens the query's WHERE group (None: it has none).

    Strings, IRIs, comments and nested groups are skipped, so a ``{`` or ``WHERE`` inside
    them never counts.
    """
    i, depth, previous, form = 0, 0, "", ""
    while i < len(query):
        c = query[i]
        if c == "#":
            end = query.find("\n", i)
            i = len(query) if end < 0 else end + 1
            continue
        if c in "\"'":
            quote = c * 3 if query.startswith(c * 3, i) else c
            i += len(quote)
            while i < len(query) and not query.startswith(quote, i):
                i += 2 if query[i] == "\\" else 1
            i += len(quote)
            previous = ""
            continue
        if c == "<" and (m := _IRIREF.match(query, i)):
            i, previous = m.end(), ""
            continue
        if c in "?$" and (m := _VAR.match(query, i)):
            i, previous = m.end(), ""
            continue
        if m := _WORD.match(query, i):
            word = m.group().upper()
            if depth == 0 and not form and word in ("SELECT", "CONSTRUCT", "ASK", "DESCRIBE"):
                form = word
            i, previous = m.end(), word
            continue
        if c == "{":
            if depth == 0 and (previous == "WHERE" or (form and form != "CONSTRUCT")):
                return i + 1
            depth += 1
        elif c == "}":
            depth -= 1
        if not c.isspace():
            previous = c
        i += 1
    return None


def insert_values(query: str, substitutions: Mapping[ox.Variable, ox.NamedNode | ox.Literal]) -> str:
    """``query`` with a VALUES block binding ``substitutions`` first in its WHERE group.

    The values are written in N-Triples syntax by pyoxigraph (``str(term)``), which escapes
    everything, so a value can never change the query's shape.
    """
    if not substitutions:
        return query
    names, terms = [], []
    for variable, term in substitutions.items():
        if not isinstance(variable, ox.Variable) or not isinstance(term, (ox.NamedNode, ox.Literal)):
            raise ValueError(f"cannot bind {variable!r} to {term!r}: only IRIs and literals can be bound")
        names.append(str(variable))
        terms.append(str(term))
    block = f"VALUES ({' '.join(names)}) {{ ({' '.join(terms)}) }}"
    at = _group_start(query)
    if at is None:  # no WHERE group (DESCRIBE <iri>): a trailing VALUES clause
        return f"{query}\n{block}\n"
    return f"{query[:at]} {block}{query[at:]}"


# --- the remote endpoint ---------------------------------------------------------------------------

_RESULTS = {"application/sparql-results+json": ox.QueryResultsFormat.JSON,
            "application/sparql-results+xml": ox.QueryResultsFormat.XML,
            "text/csv": ox.QueryResultsFormat.CSV, "text/tab-separated-values": ox.QueryResultsFormat.TSV}
_GRAPHS = {"application/n-triples": ox.RdfFormat.N_TRIPLES, "text/turtle": ox.RdfFormat.TURTLE,
           "application/rdf+xml": ox.RdfFormat.RDF_XML, "application/n-quads": ox.RdfFormat.N_QUADS}
_ACCEPT = "application/sparql-results+json, application/n-triples, text/turtle;q=0.5"


class SparqlEndpoint:
    """A SPARQL 1.1 endpoint reached over HTTP (urllib), answering with pyoxigraph result objects.

    The union default graph is asked for with the ``union-default-graph`` request parameter,
    which the Oxigraph server understands; another server must be configured to query the union
    of its named graphs by default (Fuseki: ``tdb2:unionDefaultGraph true``).
    """

    def __init__(self, spec: StoreSpec, *, timeout: float = 60.0) -> None:
        self.spec, self.timeout = spec, timeout

    def __repr__(self) -> str:
        return f"SparqlEndpoint({self.spec.text!r})"

    def _request(self, url: str, *, data: bytes | None = None, method: str = "GET",
                 headers: dict[str, str] | None = None) -> tuple[str, bytes]:
        request = urllib.request.Request(url, data=data, method=method, headers=headers or {})
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as response:  # noqa: S310 - http(s) only
                return response.headers.get_content_type(), response.read()
        except urllib.error.HTTPError as exc:
            detail = exc.read().decode("utf-8", "replace").strip()[:2000]
            if exc.code == 400 and url == self.spec.query_url:
                raise SyntaxError(f"{detail} (from {url})") from None
            raise OSError(f"{method} {url}: HTTP {exc.code} {exc.reason}: {detail}") from None
        except urllib.error.URLError as exc:
            raise OSError(f"{method} {url}: {exc.reason}") from None

    def query(self, query: str, *, substitutions: Mapping[ox.Variable, ox.NamedNode | ox.Literal] | None = None,
              use_default_graph_as_union: bool = False, prefixes: Mapping[str, str] | None = None
              ) -> QueryResult:
        """Run ``query`` by the SPARQL 1.1 Protocol (POST, form-encoded)."""
        prologue = "".join(f"PREFIX {p}: <{iri}>\n" for p, iri in (prefixes or {}).items())
        text = prologue + insert_values(query, substitutions or {})
        form = [("query", text)] + ([("union-default-graph", "")] if use_default_graph_as_union else [])
        kind, body = self._request(self.spec.query_url or "", data=urllib.parse.urlencode(form).encode("ascii"),
                                   method="POST", headers={"Accept": _ACCEPT,
                                                           "Content-Type": "application/x-www-form-urlencoded"})
        if kind in _RESULTS:
            return ox.parse_query_results(body, format=_RESULTS[kind])
        if kind in _GRAPHS:  # CONSTRUCT / DESCRIBE: the same QueryTriples a local store gives
            scratch = ox.Store()
            scratch.extend(ox.Quad(t.subject, t.predicate, t.object) for t in ox.parse(body, format=_GRAPHS[kind]))
            return scratch.query("CONSTRUCT WHERE { ?s ?p ?o }")
        raise OSError(f"{self.spec.query_url} answered with unsupported content type {kind!r}")

    def update(self, update: str) -> None:
        """Run a SPARQL 1.1 Update request."""
        self._request(self.spec.update_url or "", data=update.encode("utf-8"), method="POST",
                      headers={"Content-Type": "application/sparql-update"})

    def put_graph(self, graph: str, ntriples: bytes) -> None:
        """Replace ``graph`` with ``ntriples`` (Graph Store Protocol PUT)."""
        url = f"{self.spec.store_url}?{urllib.parse.urlencode({'graph': graph})}"
        self._request(url, data=ntriples, method="PUT", headers={"Content-Type": "application/n-triples"})

    def named_graphs(self) -> list[str]:
        result = self.query("SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }")
        assert isinstance(result, ox.QuerySolutions)
        return [row["g"].value for row in result]

    def replace_graph(self, graph: str, ntriples: bytes) -> None:
        """Load into a temporary graph, then MOVE it over ``graph`` in one update request.

        A failed PUT leaves ``graph`` as it was (the temporary graph is dropped).
        """
        temporary = LOADING + uuid.uuid4().hex
        try:
            self.put_graph(temporary, ntriples)
            self.update(f"MOVE SILENT GRAPH <{temporary}> TO GRAPH <{graph}>")
        except BaseException:
            try:
                self.update(f"DROP SILENT GRAPH <{temporary}>")
            except OSError:
                pass
            raise

    def drop_graph(self, graph: str) -> None:
        self.update(f"DROP SILENT GRAPH <{graph}>")
