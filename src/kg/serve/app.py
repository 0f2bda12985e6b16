"""The HTTP server of ``kg serve`` (stdlib ``ThreadingHTTPServer``).

Routes: ``/sparql`` (the SPARQL 1.1 Protocol endpoint and, with no query, its service
description), ``/`` (the explorer: query editor, results, named queries), ``/query/NAME``
(a named query with a form for its parameters; ``/query/NAME.csv`` and the other suffixes
download the result), ``/graph`` (a CONSTRUCT result or an entity's neighbourhood drawn by
``kg.viz``), ``/entity/LOCAL`` (an entity card) and ``/static/FILE``.

User queries run in the worker pool (time limit, row cap); the server's own store answers
only kg's internal queries (entity cards, name resolution, drawing).
"""

from __future__ import annotations

import re
import sys
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from importlib import resources
from typing import Any
from urllib.parse import parse_qs, unquote, urlencode, urlsplit

import pyoxigraph as ox

from kg.namespaces import PREFIXES
from kg.problems import KgError
from kg.project import Project
from kg.queries import NamedQuery, bind, list_queries
from kg.querypolicy import Refused, check
from kg.serve import pages
from kg.serve.protocol import by_name, negotiate, read_request, render, service_description
from kg.serve.workers import Answer, Pool, QueryFailed
from kg.store import internal_query, select

__all__ = ["KgServer", "Handler"]

PAGE_CSP = ("default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; frame-src 'self'; "
            "form-action 'self'; base-uri 'none'; frame-ancestors 'self'")
GRAPH_CSP = ("default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; img-src data: blob:; "
             "form-action 'none'; base-uri 'none'; frame-ancestors 'self'")
MAX_BODY = 1 << 20
DEFAULT_QUERY = """SELECT ?programme ?label (COUNT(DISTINCT ?criticism) AS ?criticisms) WHERE {
  ?programme a wkg:Programme ; rdfs:label ?label .
  OPTIONAL { ?criticism a wkg:Criticism ; wkg:target ?programme }
}
GROUP BY ?programme ?label
ORDER BY DESC(?criticisms) ?label"""
_STATIC = {"explorer.css": "text/css; charset=utf-8", "editor.js": "text/javascript; charset=utf-8"}
_LOCAL = re.compile(r"[A-Za-z0-9_.~\-]+")


class KgServer(ThreadingHTTPServer):
    """The server and what its handlers share: the project, the store, the worker pool."""

    daemon_threads = True

    def __init__(self, address: tuple[str, int], project: Project, store: ox.Store, pool: Pool) -> None:
        super().__init__(address, Handler)
        self.project, self.store, self.pool = project, store, pool
        self.named: dict[str, NamedQuery] = {q.name: q for q in list_queries(project)
                                             if not q.name.endswith("_violation")}
        self.graphs = sorted(getattr(g, "value", g) for g in store.named_graphs()
                             if isinstance(g, (ox.NamedNode, str)))
        self._styles: Any = None

    @property
    def url(self) -> str:
        host, port = self.server_address[:2]
        return f"http://{host}:{port}/"

    def styles(self) -> Any:
        if self._styles is None:
            from kg.viz.styles import Styles

            self._styles = Styles.load(self.store)
        return self._styles


class Handler(BaseHTTPRequestHandler):
    server: KgServer
    server_version = "watchdog-kg"
    protocol_version = "HTTP/1.1"

    # ------------------------------------------------------------------------------------------ plumbing

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - the stdlib's name
        sys.stderr.write(f"{self.address_string()} {format % args}\n")

    def _send(self, status: int, body: bytes, content_type: str, headers: dict[str, str] | None = None) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("X-Content-Type-Options", "nosniff")
        self.send_header("Referrer-Policy", "no-referrer")
        for key, value in (headers or {}).items():
            self.send_header(key, value)
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def _html(self, status: int, body: bytes, csp: str = PAGE_CSP) -> None:
        self._send(status, body, "text/html; charset=utf-8", {"Content-Security-Policy": csp,
                                                              "Cache-Control": "no-store"})

    def _error_page(self, status: int, message: str) -> None:
        self._html(status, pages.page("error.html", title=str(status), status=f"{status} "
                                      f"{HTTPStatus(status).phrase}", message=message))

    def _body(self) -> bytes:
        length = int(self.headers.get("Content-Length") or 0)
        if length > MAX_BODY:
            raise Refused(f"the request body is larger than {MAX_BODY} bytes", 413)
        return self.rfile.read(length) if length > 0 else b""

    def _params(self) -> dict[str, list[str]]:
        return parse_qs(urlsplit(self.path).query, keep_blank_values=True)

    # ------------------------------------------------------------------------------------------ methods

    def do_GET(self) -> None:  # noqa: N802 - the stdlib's name
        path = urlsplit(self.path).path
        try:
            if path == "/sparql":
                return self._sparql()
            if path == "/":
                return self._explorer()
            if m := re.fullmatch(r"/query/([A-Za-z0-9_\-]+)(?:\.([a-z]+))?", path):
                return self._named(m.group(1), m.group(2))
            if m := re.fullmatch(r"/graph(?:/([A-Za-z0-9_\-]+))?", path):
                return self._graph(m.group(1))
            if m := re.fullmatch(r"/entity/([^/]+)", path):
                return self._entity(unquote(m.group(1)))
            if m := re.fullmatch(r"/static/([a-z.]+)", path):
                return self._static(m.group(1))
            self._error_page(404, f"nothing at {path}")
        except Refused as exc:
            self._error_page(exc.status, str(exc))

    do_HEAD = do_GET

    def do_POST(self) -> None:  # noqa: N802
        if urlsplit(self.path).path != "/sparql":
            self._send(405, b"POST goes to /sparql\n", "text/plain; charset=utf-8", {"Allow": "GET"})
            return
        self._sparql()

    def do_OPTIONS(self) -> None:  # noqa: N802 - a CORS preflight for /sparql
        self._send(204, b"", "text/plain", {"Access-Control-Allow-Origin": "*",
                                            "Access-Control-Allow-Methods": "GET, POST, OPTIONS",
                                            "Access-Control-Allow-Headers": "Content-Type, Accept",
                                            "Allow": "GET, POST, OPTIONS"})

    # ------------------------------------------------------------------------------------------ the endpoint

    def _sparql(self) -> None:
        cors = {"Access-Control-Allow-Origin": "*", "Vary": "Accept"}
        try:
            body = self._body() if self.command == "POST" else b""
            query = read_request(self.command, urlsplit(self.path).query,
                                 self.headers.get("Content-Type", ""), body)
            if query is None:
                if self.command != "GET":
                    raise Refused("no query: give query= or a body of type application/sparql-query")
                sd = service_description(self.server.url + "sparql", self.server.graphs)
                return self._send(200, sd, "text/turtle; charset=utf-8", cors)
            check(query)
            answer = self.server.pool.run(query)
            params = self._params()
            if self.command == "POST" and "application/x-www-form-urlencoded" in self.headers.get("Content-Type", ""):
                params.update(parse_qs(body.decode("utf-8", "replace")))
            fmt = (by_name(params["format"][0], answer.kind) if params.get("format")
                   else negotiate(self.headers.get("Accept"), answer.kind))
            data = render(answer, fmt)
        except (Refused, QueryFailed) as exc:
            return self._send(exc.status, f"{exc}\n".encode(), "text/plain; charset=utf-8", cors)
        charset = "; charset=utf-8" if fmt.media_type.startswith("text/") else ""
        self._send(200, data, fmt.media_type + charset, cors)

    # ------------------------------------------------------------------------------------------ the explorer

    def _run(self, query: str, substitutions: dict[str, Any] | None = None) -> Answer:
        check(query)
        return self.server.pool.run(query, substitutions)

    def _explorer(self) -> None:
        query = (self._params().get("query") or [""])[0]
        view, status = None, 200
        if query.strip():
            try:
                answer = self._run(query)
                base = urlencode({"query": query})
                view = pages.result_view(answer, download=lambda s: f"/sparql?{base}&format={s}",
                                         graph_url=f"/graph?{base}")
            except (Refused, QueryFailed) as exc:
                view, status = pages.error_view(exc.status, str(exc)), exc.status
        self._html(status, pages.page("explorer.html", title="Explorer", query=query or DEFAULT_QUERY, view=view,
                                      named=list(self.server.named.values()), prefixes=sorted(PREFIXES)))

    def _bound(self, name: str) -> tuple[NamedQuery, dict[str, str], dict[str, Any]]:
        named = self.server.named.get(name)
        if named is None:
            raise Refused(f"no named query {name!r}", 404)
        known = {p.name for p in named.params}
        values = {k: v[0].strip() for k, v in self._params().items() if k in known and v and v[0].strip()}
        unknown = sorted(set(self._params()) - known)
        if unknown:
            raise Refused(f"query {name!r} has no parameter {', '.join(unknown)} "
                          f"(it has: {', '.join(sorted(known)) or 'none'})")
        try:
            substitutions = bind(self.server.store, named, values)
        except KgError as exc:
            raise Refused(str(exc)) from None
        return named, values, {v.value: term for v, term in substitutions.items()}

    def _named(self, name: str, suffix: str | None) -> None:
        if suffix is not None:
            try:
                named, values, substitutions = self._bound(name)
                answer = self._run(named.text, substitutions)
                fmt = by_name(suffix, answer.kind)
            except (Refused, QueryFailed) as exc:
                return self._send(exc.status, f"{exc}\n".encode(), "text/plain; charset=utf-8")
            charset = "; charset=utf-8" if fmt.media_type.startswith("text/") else ""
            return self._send(200, render(answer, fmt), fmt.media_type + charset,
                              {"Content-Disposition": f'attachment; filename="{name}.{fmt.suffix}"'})
        named = self.server.named.get(name)
        if named is None:
            return self._error_page(404, f"no named query {name!r}")
        values = {k: v[0] for k, v in self._params().items() if v}
        status = 200
        try:
            named, values, substitutions = self._bound(name)
            answer = self._run(named.text, substitutions)
            qs = pages.query_url("", values)
            view = pages.result_view(answer, download=lambda s: f"/query/{name}.{s}{qs}",
                                     graph_url=f"/graph/{name}{qs}")
        except (Refused, QueryFailed) as exc:
            view, status = pages.error_view(exc.status, str(exc)), exc.status
        self._html(status, pages.page("query.html", title=named.title or name, q=named, values=values, view=view))

    def _graph(self, name: str | None) -> None:
        from kg.viz import view as viz_view
        from kg.viz.render import render_html
        from kg.viz.viewgraph import from_triples

        params = self._params()
        try:
            if name is not None or params.get("query"):
                if name is not None:
                    named, _, substitutions = self._bound(name)
                    answer = self._run(named.text, substitutions)
                else:
                    answer = self._run(params["query"][0])
                if answer.kind != "triples":
                    raise Refused("only a CONSTRUCT or DESCRIBE result can be drawn")
                assert isinstance(answer.data, bytes)
                graph = from_triples(self.server.store, list(ox.parse(answer.data, format=ox.RdfFormat.N_TRIPLES)))
            else:
                focus = (params.get("focus") or [""])[0]
                iri = self._entity_iri(focus) if focus else None
                graph = viz_view(self.server.store, focus_on=iri, depth=1)
        except (Refused, QueryFailed) as exc:
            return self._error_page(exc.status, str(exc))
        self._html(200, render_html(graph, self.server.styles()).encode("utf-8"), csp=GRAPH_CSP)

    def _entity_iri(self, local: str) -> str:
        if not _LOCAL.fullmatch(local):
            raise Refused(f"{local!r} is not an entity name", 404)
        iri = pages.ENT + local
        if not select(self.server.store, internal_query("exists"), entity=ox.NamedNode(iri)):
            raise Refused(f"no entity ent:{local} in the graph", 404)
        return iri

    def _entity(self, local: str) -> None:
        from kg.describe import card

        iri = self._entity_iri(local)
        entity_card = pages.card_links(card(self.server.store, iri))
        self._html(200, pages.page("entity.html", title=entity_card["label"], card=entity_card,
                                   local=local))

    def _static(self, name: str) -> None:
        if name not in _STATIC:
            return self._error_page(404, f"no file {name}")
        data = resources.files("kg.serve").joinpath("static", name).read_bytes()
        self._send(200, data, _STATIC[name], {"Cache-Control": "no-cache"})
