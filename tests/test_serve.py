"""``kg serve``: the real command in a subprocess on 127.0.0.1, spoken to by real clients.

SPARQLWrapper, rdflib's SPARQLStore and urllib talk to the SPARQL 1.1 Protocol endpoint;
Debian's Chromium (driven by playwright, with every request off the server blocked) uses
the explorer.  A second server with ``--timeout 1 --max-rows 5`` shows the limits.
"""

from __future__ import annotations

import csv
import io
import json
import os
import re
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from rdflib import Graph
from typer.testing import CliRunner

from kg.cli import app
from kg.project import Project
from kg.queries import list_queries
from tests.conftest import VIEWPORT, require

try:
    from SPARQLWrapper import JSON, TURTLE, SPARQLWrapper
except ImportError:  # pragma: no cover - the skip (or CI failure) below says why
    SPARQLWrapper = None
try:
    from playwright.sync_api import expect, sync_playwright
except ImportError:  # pragma: no cover
    sync_playwright = None

KG = Path(sys.executable).parent / "kg"
SLOW = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"  # 8,600 cubed rows: minutes
QUICK = "SELECT ?label WHERE { ent:better-care-fund rdfs:label ?label }"
CONSTRUCT = "CONSTRUCT { ?c wkg:critic ?who } WHERE { ?c a wkg:Criticism ; wkg:critic ?who }"


@dataclass
class Server:
    url: str
    process: subprocess.Popen
    log: Path

    def get(self, path: str, *, accept: str | None = None, timeout: float = 30) -> tuple[int, dict, bytes]:
        return self.request(path, accept=accept, timeout=timeout)

    def request(self, path: str, *, data: bytes | None = None, content_type: str | None = None,
                accept: str | None = None, timeout: float = 30) -> tuple[int, dict, bytes]:
        headers = {k: v for k, v in (("Accept", accept), ("Content-Type", content_type)) if v}
        request = urllib.request.Request(self.url + path.lstrip("/"), data=data, headers=headers)
        try:
            with urllib.request.urlopen(request, timeout=timeout) as response:
                return response.status, dict(response.headers), response.read()
        except urllib.error.HTTPError as exc:
            return exc.code, dict(exc.headers), exc.read()

    def sparql(self, query: str, **kw) -> tuple[int, dict, bytes]:
        return self.get("sparql?" + urllib.parse.urlencode({"query": query}), **kw)


def _start(project: Project, tmp: Path, *args: str) -> Iterator[Server]:
    log = tmp / ("serve" + re.sub(r"[^A-Za-z0-9]+", "-", "-".join(args)) + ".log")
    env = {**os.environ, "KG_HOME": str(project.root)}
    env.pop("KG_STORE", None)
    with log.open("wb") as err:
        process = subprocess.Popen([str(KG), "serve", "--host", "127.0.0.1", "--port", "0", *args],
                                   stdout=subprocess.PIPE, stderr=err, env=env, cwd=project.root, text=True)
    lines: list[str] = []
    reader = threading.Thread(target=lambda: lines.append(process.stdout.readline()), daemon=True)
    reader.start()
    reader.join(60)  # bounded: the graph is built already, so this takes about a second
    try:
        if not lines or not lines[0].startswith("serving http://127.0.0.1:"):
            pytest.fail(f"kg serve did not start: {lines} {log.read_text()}")
        yield Server(lines[0].split()[1], process, log)
    finally:
        process.terminate()
        try:
            process.wait(10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(10)


@pytest.fixture(scope="module")
def server(built: Project, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    yield from _start(built, tmp_path_factory.mktemp("serve"))


@pytest.fixture(scope="module")
def limited(built: Project, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    yield from _start(built, tmp_path_factory.mktemp("serve-limited"), "--timeout", "1", "--max-rows", "5")


# --------------------------------------------------------------------------------------- the protocol

def test_service_description(server: Server) -> None:
    status, headers, body = server.get("sparql")
    assert status == 200 and headers["Content-Type"].startswith("text/turtle")
    assert headers["Access-Control-Allow-Origin"] == "*"
    sd = Graph().parse(data=body, format="turtle")
    endpoint = server.url + "sparql"
    assert sd.query(f"ASK {{ <{endpoint}> a sd:Service ; sd:endpoint <{endpoint}> ; "
                    "sd:supportedLanguage sd:SPARQL11Query }",
                    initNs={"sd": "http://www.w3.org/ns/sparql-service-description#"}).askAnswer


@pytest.mark.parametrize("accept, media", [
    (None, "application/sparql-results+json"),
    ("application/sparql-results+json", "application/sparql-results+json"),
    ("application/sparql-results+xml", "application/sparql-results+xml"),
    ("text/csv", "text/csv"),
    ("text/tab-separated-values", "text/tab-separated-values"),
    ("text/csv;q=0.5, application/sparql-results+xml", "application/sparql-results+xml"),
])
def test_select_content_negotiation(server: Server, accept: str | None, media: str) -> None:
    status, headers, body = server.sparql(QUICK, accept=accept)
    assert status == 200, body
    assert headers["Content-Type"].split(";")[0] == media
    assert headers["Access-Control-Allow-Origin"] == "*"
    text = body.decode("utf-8")
    if media.endswith("json"):
        assert [b["label"]["value"] for b in json.loads(text)["results"]["bindings"]] == ["Better Care Fund"]
    elif media.endswith("xml"):
        ns = {"r": "http://www.w3.org/2005/sparql-results#"}
        assert [e.text for e in ET.fromstring(body).iterfind(".//r:literal", ns)] == ["Better Care Fund"]
    elif media == "text/csv":
        assert list(csv.reader(io.StringIO(text))) == [["label"], ["Better Care Fund"]]
    else:
        assert text.splitlines() == ["?label", '"Better Care Fund"@en']


@pytest.mark.parametrize("accept, media, rdflib_format", [
    (None, "text/turtle", "turtle"),
    ("text/turtle", "text/turtle", "turtle"),
    ("application/n-triples", "application/n-triples", "nt"),
    ("application/ld+json", "application/ld+json", "json-ld"),
    ("application/rdf+xml", "application/rdf+xml", "xml"),
])
@pytest.mark.filterwarnings("ignore:ConjunctiveGraph is deprecated:DeprecationWarning")  # rdflib's JSON-LD parser
def test_construct_content_negotiation(server: Server, accept: str | None, media: str, rdflib_format: str) -> None:
    status, headers, body = server.sparql(CONSTRUCT, accept=accept)
    assert status == 200, body
    assert headers["Content-Type"].split(";")[0] == media
    graph = Graph().parse(data=body, format=rdflib_format)
    assert len(graph) >= 35  # every criticism has a critic
    if media == "application/ld+json":
        assert "@context" not in json.loads(body) or "http" not in json.dumps(json.loads(body)["@context"])


def test_post_form_and_direct(server: Server) -> None:
    form = urllib.parse.urlencode({"query": QUICK}).encode()
    for data, content_type in ((form, "application/x-www-form-urlencoded"),
                               (QUICK.encode(), "application/sparql-query")):
        status, _, body = server.request("sparql", data=data, content_type=content_type, accept="text/csv")
        assert (status, body.decode().splitlines()) == (200, ["label", "Better Care Fund"])


def test_sparqlwrapper(server: Server) -> None:
    require(SPARQLWrapper is not None, "SPARQLWrapper is needed (pip install -e '.[test]')")
    client = SPARQLWrapper(server.url + "sparql")
    client.setQuery("PREFIX wkg: <https://w3id.org/watchdog-kg/ontology#> "
                    "SELECT (COUNT(?c) AS ?n) WHERE { ?c a wkg:Criticism }")
    client.setReturnFormat(JSON)
    assert client.queryAndConvert()["results"]["bindings"][0]["n"]["value"] == "35"
    client.setQuery("ASK { ent:better-care-fund a wkg:Programme }")
    assert client.queryAndConvert()["boolean"] is True
    client.setMethod("POST")
    client.setQuery(CONSTRUCT)
    client.setReturnFormat(TURTLE)
    assert len(Graph().parse(data=client.queryAndConvert(), format="turtle")) >= 35


def test_rdflib_sparqlstore(server: Server) -> None:
    from rdflib.plugins.stores.sparqlstore import SPARQLStore

    graph = Graph(store=SPARQLStore(server.url + "sparql"))
    rows = graph.query("SELECT ?label WHERE { <https://w3id.org/watchdog-kg/id/nao> "
                       "<http://www.w3.org/2000/01/rdf-schema#label> ?label }")
    assert [str(r[0]) for r in rows] == ["National Audit Office"]
    triples = graph.query("CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o FILTER(?s = ent:nao) }")
    assert len(triples.graph) > 5


def _normalised(data: dict) -> dict:
    """Results JSON with blank node labels (which differ between loads) replaced."""
    for row in data["results"]["bindings"]:
        for term in row.values():
            if term["type"] == "bnode":
                term["value"] = "_"
    return data


def test_named_queries_match_kg_query(server: Server, built: Project) -> None:
    runner = CliRunner()
    names = [q.name for q in list_queries(built) if q.name.startswith("cq_")]
    assert len(names) >= 14
    for name in names:
        cli = runner.invoke(app, ["query", name, "--format", "json"], env={"KG_HOME": str(built.root)})
        assert cli.exit_code == 0, cli.output
        status, headers, body = server.get(f"query/{name}.json")
        assert status == 200, (name, body)
        assert headers["Content-Type"] == "application/sparql-results+json"
        assert _normalised(json.loads(body)) == _normalised(json.loads(cli.stdout)), name
    # a query without parameters gives the same rows from the plain endpoint
    text = (built.queries_dir / "cq_missed_targets.rq").read_text(encoding="utf-8")
    cli = runner.invoke(app, ["query", "cq_missed_targets", "--format", "json"], env={"KG_HOME": str(built.root)})
    assert json.loads(server.sparql(text)[2]) == json.loads(cli.stdout)


# --------------------------------------------------------------------------------------- refusals

@pytest.mark.parametrize("how", ["form", "content-type", "query"])
def test_update_is_refused(server: Server, how: str) -> None:
    update = "INSERT DATA { <http://x/a> <http://x/b> <http://x/c> }"
    if how == "form":
        status, _, body = server.request("sparql", data=urllib.parse.urlencode({"update": update}).encode(),
                                         content_type="application/x-www-form-urlencoded")
    elif how == "content-type":
        status, _, body = server.request("sparql", data=update.encode(), content_type="application/sparql-update")
    else:
        status, _, body = server.sparql(update)
    assert status == 403 and b"read-only" in body
    assert json.loads(server.sparql("ASK { <http://x/a> ?p ?o }")[2]) == {"head": {}, "boolean": False}


@pytest.fixture(scope="module")
def listener() -> Iterator[tuple[int, list]]:
    """A socket on 127.0.0.1 that records every connection: a SERVICE or FROM target that must stay untouched."""
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    sock.listen()
    sock.settimeout(0.2)
    accepted: list = []
    stop = threading.Event()

    def loop() -> None:
        while not stop.is_set():
            try:
                accepted.append(sock.accept())
            except OSError:
                pass

    thread = threading.Thread(target=loop, daemon=True)
    thread.start()
    yield sock.getsockname()[1], accepted
    stop.set()
    thread.join(2)
    sock.close()


@pytest.mark.parametrize("template, word", [
    ("SELECT * WHERE {{ SERVICE <{url}> {{ ?s ?p ?o }} }}", b"SERVICE"),
    ("SELECT * WHERE {{ ?s ?p ?o SERVICE SILENT <{url}> {{ ?s ?p ?o }} }}", b"SERVICE"),
    ("select * where {{ servicesilent <{url}> {{ ?s ?p ?o }} }}", b"SERVICE"),   # oxigraph reads run-on keywords
    ("SELECT * WHERE {{ ?s ?p trueSERVICE<{url}>{{ ?s ?p ?o }} }}", b"SERVICE"),
    ("SELECT * WHERE {{ \\u0053ERVICE <{url}> {{ ?s ?p ?o }} }}", b"SERVICE"),  # escapes are decoded first
    ("PREFIX x: <{url}> SELECT * WHERE {{ SERVICE x: {{ ?s ?p ?o }} }}", b"SERVICE"),
    ("SELECT * WHERE {{ ?s ?p ex:a\\(\\' . SERVICE <{url}> {{ ?s ?p ?o }} #' }}", b"SERVICE"),
    ("SELECT * FROM <{url}> WHERE {{ ?s ?p ?o }}", b"FROM"),
    ("SELECT * FROM NAMED <{url}> WHERE {{ GRAPH ?g {{ ?s ?p ?o }} }}", b"FROM"),
    ("PREFIX g: <{url}> SELECT * FROM:g WHERE {{ ?s ?p ?o }}", b"FROM"),
    ("LOAD <{url}>", b"read-only"),
])
def test_fetching_is_refused(server: Server, listener: tuple[int, list], template: str, word: bytes) -> None:
    port, accepted = listener
    status, _, body = server.sparql(template.format(url=f"http://127.0.0.1:{port}/sparql"))
    assert status in (400, 403) and word in body, body
    assert accepted == []


def test_keywords_in_strings_comments_and_iris_are_not_refused(server: Server) -> None:
    query = ('PREFIX sd: <http://www.w3.org/ns/sparql-service-description#>  # SERVICE <http://x/> {}\n'
             'SELECT ?label WHERE { ent:better-care-fund rdfs:label ?label '
             'FILTER(?label != "SERVICE <http://x/> FROM LOAD") }')
    status, _, body = server.sparql(query, accept="text/csv")
    assert (status, body.decode().split()) == (200, ["label", "Better", "Care", "Fund"])


def test_dataset_parameters_are_refused(server: Server) -> None:
    status, _, body = server.get("sparql?" + urllib.parse.urlencode({"query": QUICK,
                                                                     "default-graph-uri": "http://example.org/"}))
    assert status == 400 and b"default-graph-uri" in body


def test_syntax_error_is_400(server: Server) -> None:
    status, _, body = server.sparql("SELECT ?x WHERE { ?x ")
    assert status == 400 and b"syntax" in body.lower()


def test_timeout_stops_the_query_and_the_server_stays_responsive(limited: Server) -> None:
    answers: dict[str, tuple] = {}

    def slow() -> None:
        started = time.monotonic()
        answers["slow"] = (*limited.sparql(SLOW, timeout=60), time.monotonic() - started)

    thread = threading.Thread(target=slow)
    thread.start()
    time.sleep(0.3)
    started = time.monotonic()
    status, _, body = limited.sparql(QUICK, accept="text/csv")  # answered by the other worker meanwhile
    assert (status, body.decode().split()) == (200, ["label", "Better", "Care", "Fund"])
    assert time.monotonic() - started < 0.9
    thread.join(30)
    status, _, body, seconds = answers["slow"]
    assert status == 503 and b"time limit of 1 s" in body, body
    assert seconds < 5
    for _ in range(3):  # and after it, the killed worker replaced
        started = time.monotonic()
        assert limited.sparql(QUICK)[0] == 200
        assert time.monotonic() - started < 3


def test_result_cap(limited: Server) -> None:
    status, _, body = limited.sparql("SELECT * WHERE { ?s ?p ?o }")
    assert status == 400 and b"more than 5 rows" in body
    assert limited.sparql("SELECT * WHERE { ?s ?p ?o } LIMIT 5")[0] == 200
    status, _, body = limited.sparql("CONSTRUCT WHERE { ?s ?p ?o }")
    assert status == 400 and b"more than 5 triples" in body


# --------------------------------------------------------------------------------------- the explorer

def test_pages_are_escaped_and_locked_down(server: Server) -> None:
    status, headers, body = server.get("?" + urllib.parse.urlencode({"query": "SELECT <script>alert(1)</script>"}))
    assert status == 400 and b"<script>alert" not in body and b"&lt;script&gt;alert(1)&lt;/script&gt;" in body
    assert "script-src 'self'" in headers["Content-Security-Policy"]
    status, _, body = server.get("entity/%3Cimg%20src%3Dx%3E")
    assert status == 404 and b"<img" not in body
    status, _, body = server.get("query/cq_posts?nosuch=1")
    assert status == 400 and b"no parameter nosuch" in body
    status, _, body = server.get("query/cq_criticisms_of_programme?programme=No+such+programme")
    assert status == 400 and b"No such programme" in body


def test_downloads(server: Server) -> None:
    status, headers, body = server.get("query/cq_criticisms_of_programme.csv?programme=Total+Place")
    assert status == 200 and headers["Content-Type"].startswith("text/csv")
    assert "attachment" in headers["Content-Disposition"]
    rows = list(csv.DictReader(io.StringIO(body.decode())))
    assert rows and {r["programme"] for r in rows} == {"https://w3id.org/watchdog-kg/id/total-place"}
    status, headers, _ = server.get("query/graph_critics_of_programme.ttl")
    assert status == 200 and headers["Content-Type"].startswith("text/turtle")




def test_explorer_in_a_browser(server: Server, browser, tmp_path: Path) -> None:
    context = browser.new_context(viewport=VIEWPORT)
    outside: list[str] = []
    errors: list[str] = []

    def route(r) -> None:
        if r.request.url.startswith(server.url) or r.request.url.startswith("data:"):
            r.continue_()
        else:
            outside.append(r.request.url)
            r.abort()

    context.route("**/*", route)
    page = context.new_page()
    page.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.goto(server.url)
    page.wait_for_selector("body[data-editor=ready]")
    assert page.locator(".editor pre .tok-kw").count() > 3  # the highlighter ran
    form = page.locator("form[data-query=cq_criticisms_of_programme]")
    form.locator("input[name=programme]").fill("Better Care Fund")
    form.locator("button[type=submit]").click()
    page.wait_for_url("**/query/cq_criticisms_of_programme?programme=Better+Care+Fund")
    table = page.locator("table.rows")
    expect(table).to_contain_text("Margaret Hodge")
    expect(page.locator("a.download", has_text="CSV")).to_have_attribute(
        "href", "/query/cq_criticisms_of_programme.csv?programme=Better+Care+Fund")
    page.screenshot(path=str(tmp_path / "query.png"))
    # a CONSTRUCT is drawn by kg.viz in a frame
    page.goto(server.url + "query/graph_critics_of_programme")
    frame = page.frame_locator("iframe.graph")
    frame.locator("body[data-stable=true]").wait_for(state="attached", timeout=30_000)
    # the entity page: critics, quotes, links both ways
    page.goto(server.url + "entity/better-care-fund")
    received = page.locator("section.criticisms_received")
    expect(received).to_contain_text("Margaret Hodge")
    expect(received).to_contain_text("shambles")
    page.locator("section.statements a", has_text="Department of Health").first.click()
    page.wait_for_url("**/entity/**")
    expect(page.locator("h1")).to_contain_text("Department of Health")
    page.locator("a[href='/entity/better-care-fund']").first.click()
    expect(page.locator("h1")).to_contain_text("Better Care Fund")
    # a critic's name links to the critic's page, whose card links back to the programme
    page.locator("section.criticisms_received .other a", has_text="Margaret Hodge").first.click()
    expect(page.locator("h1")).to_contain_text("Margaret Hodge")
    expect(page.locator("section.criticisms_made a[href='/entity/better-care-fund']").first).to_be_visible()
    assert outside == [] and errors == []
    context.close()


def test_serve_reads_from_an_embedded_store(built: Project, server: Server,
                                            tmp_path_factory: pytest.TempPathFactory) -> None:
    """`kg serve --store oxigraph:PATH` answers as the in-memory server does."""
    tmp = tmp_path_factory.mktemp("serve-store")
    spec = f"oxigraph:{tmp / 'store'}"
    env = {**os.environ, "KG_HOME": str(built.root)}
    env.pop("KG_STORE", None)
    loaded = subprocess.run([str(KG), "build", "--store", spec], env=env, capture_output=True, text=True, timeout=120)
    assert loaded.returncode == 0, loaded.stderr
    query = "SELECT (COUNT(DISTINCT ?c) AS ?n) WHERE { ?c a wkg:Criticism ; wkg:target ent:better-care-fund }"
    for stored in _start(built, tmp, "--store", spec):
        answer = stored.sparql(query, accept="text/csv")
        assert answer[0] == 200 and answer[2] == server.sparql(query, accept="text/csv")[2]
        assert int(answer[2].decode().split()[-1]) >= 5
        status, _, page = stored.get("entity/better-care-fund")
        assert status == 200 and b"shambles" in page
