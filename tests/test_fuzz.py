"""Property-based fuzzing (hypothesis) of the loader and validator, parameter binding, the HTML writers, and
kg ingest's readers, extractors and review report.

Each property runs a bounded number of examples (derandomised, so a run is repeatable) and prints
how many it tried; the whole file takes well under a minute.
"""

from __future__ import annotations

import json
from html.parser import HTMLParser
from pathlib import Path

import pyoxigraph as ox
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kg.inputs import load_inputs
from kg.namespaces import PREFIXES
from kg.problems import InvalidInput, KgError
from kg.project import Project
from kg.queries import NamedQuery, bind, find_query
from kg.rdfio import parse_turtle
from kg.stores import insert_values
from tests.conftest import copy_project
from tests.strategies import hostile_text, mutations

FUZZ = settings(derandomize=True, database=None, deadline=None, print_blob=False,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
ROOT = Path(__file__).resolve().parents[1]
CURATED = sorted((ROOT / "data" / "curated").glob("*.ttl"))


def _report(name: str, tried: int, **outcomes: int) -> None:
    detail = ", ".join(f"{k} {v}" for k, v in outcomes.items())
    print(f"\nfuzz {name}: {tried} examples ({detail})")


# ------------------------------------------------------------------------------ the Turtle loader and validator

def test_turtle_loader_never_gives_a_traceback(tmp_path: Path) -> None:
    counts = {"parsed": 0, "problem": 0}
    path = tmp_path / "zz_fuzz.ttl"

    @settings(FUZZ, max_examples=300)
    @given(st.sampled_from(CURATED).flatmap(lambda p: mutations(p.read_bytes())))
    def loader(data: bytes) -> None:
        path.write_bytes(data)
        try:
            parse_turtle(path, label="data/curated/zz_fuzz.ttl")
            counts["parsed"] += 1
        except InvalidInput as exc:
            counts["problem"] += 1
            assert exc.problems and all(p.file == "data/curated/zz_fuzz.ttl" for p in exc.problems)
            syntax = [p for p in exc.problems if p.check == "syntax"]
            assert all(p.line is not None and p.line >= 1 for p in syntax), exc.problems

    loader()
    _report("turtle loader", sum(counts.values()), **counts)
    assert counts["problem"] > 0 and counts["parsed"] > 0  # the mutations reach both outcomes


@pytest.fixture(scope="module")
def fuzz_project(tmp_path_factory: pytest.TempPathFactory) -> Project:
    return copy_project(tmp_path_factory.mktemp("fuzz"))


def test_validator_reports_problems_never_tracebacks(fuzz_project: Project) -> None:
    from kg.validate import validate

    target = fuzz_project.curated_dir / "003_04f790e84bfcf647.ttl"
    original = target.read_bytes()
    counts = {"valid": 0, "problems": 0}

    @settings(FUZZ, max_examples=6)
    @given(mutations(original, max_edits=2))
    def validator(data: bytes) -> None:
        target.write_bytes(data)
        try:
            outcome = validate(load_inputs(fuzz_project), reasoner=False)
        except InvalidInput as exc:
            problems = exc.problems
        else:
            problems = outcome.problems
        counts["problems" if problems else "valid"] += 1
        for problem in problems:  # each names where: a file and line, or an entity
            assert problem.file or problem.entity, problem

    try:
        validator()
    finally:
        target.write_bytes(original)
    _report("validator", sum(counts.values()), **counts)


# ------------------------------------------------------------------------------ --param binding

def _shape(store: ox.Store, text: str, subs: dict) -> list:
    result = store.query(text, prefixes=PREFIXES, use_default_graph_as_union=True, substitutions=subs or None)
    return sorted(tuple(str(row[v]) for v in result.variables) for row in result)


def test_a_parameter_value_never_changes_the_query(store: ox.Store, built: Project) -> None:
    """Bound in process (pyoxigraph substitution) or written into the text for an endpoint
    (kg.stores.insert_values), any string gives the same answers: it stays one literal."""
    named = [find_query(built, n) for n in ("cq_criticisms_of_programme", "cq_posts", "cq_nao_reports")]
    adhoc = NamedQuery.parse("expression", 'SELECT ?x ?n WHERE { VALUES ?n { 1 2 } OPTIONAL { ?s rdfs:label ?x } }')
    counts = {"examples": 0, "entity": 0, "adhoc": 0}

    @settings(FUZZ, max_examples=120)
    @given(hostile_text(long=False), st.sampled_from(named))
    def binding(value: str, query: NamedQuery) -> None:
        counts["examples"] += 1
        param = query.params[0]
        literal = {ox.Variable(param.name): ox.Literal(value)}
        native = _shape(store, query.text, literal)
        assert _shape(store, insert_values(query.text, literal), {}) == native
        try:  # the CLI's own binding: a name that is not an entity is refused (exit 3), never run as text
            bind(store, query, {param.name: value})
        except KgError:
            counts["entity"] += 1
        try:  # an ad-hoc query: text that looks like an IRI binds as one, if it is one; else a usage error
            subs = bind(store, adhoc, {"x": value})
        except KgError:
            counts["adhoc"] += 1
            return
        rows = _shape(store, adhoc.text, subs)
        assert len(rows) == 2 and {r[0] for r in rows} == {str(subs[ox.Variable("x")])}

    binding()
    _report("--param binding", counts["examples"], not_an_entity=counts["entity"],
            not_a_valid_iri=counts["adhoc"])


# ------------------------------------------------------------------------------ HTML writers

class _Shape(HTMLParser):
    """The elements of a page with their attribute names (never their values), and script bodies."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, tuple[str, ...]]] = []
        self.scripts: list[str] = []
        self._in_script = False

    def handle_starttag(self, tag, attrs) -> None:
        self.tags.append((tag, tuple(sorted(name for name, _ in attrs))))
        self._in_script = tag == "script"
        if self._in_script:
            self.scripts.append("")

    def handle_endtag(self, tag) -> None:
        self._in_script = False

    def handle_data(self, data) -> None:
        if self._in_script:
            self.scripts[-1] += data


def shape(page: str) -> _Shape:
    parser = _Shape()
    parser.feed(page)
    parser.close()
    return parser


def _no_handlers(parsed: _Shape) -> None:
    for tag, names in parsed.tags:
        assert not [n for n in names if n.startswith("on")], (tag, names)


def test_serve_pages_keep_their_shape(store: ox.Store) -> None:
    from kg.describe import card
    from kg.serve import pages
    from kg.serve.workers import Answer

    base_card = card(store, PREFIXES["ent"] + "nao")

    def render(text: str) -> dict[str, str]:
        row = {"label": {"type": "literal", "value": text}, "iri": {"type": "uri", "value": "http://e/" + text[:40]}}
        data = json.dumps({"head": {"vars": ["label", "iri"]}, "results": {"bindings": [row]}}).encode()
        view = pages.result_view(Answer("solutions", data, 1, 0.1), download=lambda s: f"/d.{s}", graph_url=None)
        entity = json.loads(json.dumps(base_card))
        entity["label"] = text
        for s in entity["statements"][:3]:
            s["value"] = text
        return {
            "error": pages.page("error.html", title=text, status="400 Bad Request", message=text).decode(),
            "explorer": pages.page("explorer.html", title="Explorer", query=text, view=view, named=[],
                                   prefixes=sorted(PREFIXES)).decode(),
            "entity": pages.page("entity.html", title=text, card=pages.card_links(entity), local="nao").decode(),
        }

    baseline = {name: shape(page).tags for name, page in render("plain").items()}
    tried = 0

    @settings(FUZZ, max_examples=60)
    @given(hostile_text())
    def pages_hold(text: str) -> None:
        nonlocal tried
        tried += 1
        for name, page in render(text).items():
            parsed = shape(page)
            assert parsed.tags == baseline[name], name  # no element or attribute came from the data
            _no_handlers(parsed)

    pages_hold()
    _report("serve pages (error, explorer, entity)", tried)


def test_graph_page_keeps_its_shape(store: ox.Store) -> None:
    from kg.viz import view
    from kg.viz.render import render_html
    from kg.viz.styles import Styles

    styles = Styles.load(store)
    graph = view(store, focus_on=PREFIXES["ent"] + "better-care-fund", depth=1)
    nodes = list(graph.nodes)[:3]
    originals = {n: graph.nodes[n]["label"] for n in nodes}

    def page(text: str) -> str:
        for n in nodes:
            graph.nodes[n]["label"] = text
        try:
            return render_html(graph, styles)
        finally:
            for n, label in originals.items():
                graph.nodes[n]["label"] = label

    baseline = shape(page("plain"))
    tried = 0

    @settings(FUZZ, max_examples=25)
    @given(hostile_text())
    def graph_holds(text: str) -> None:
        nonlocal tried
        tried += 1
        parsed = shape(page(text))
        assert parsed.tags == baseline.tags
        _no_handlers(parsed)
        data = json.loads(_json_script(parsed))
        titles = {node["title"] for node in data}
        assert any(title.endswith(": " + text) for title in titles)  # the text arrives whole, as data

    graph_holds()
    _report("graph page (kg viz)", tried)


def _json_script(parsed: _Shape) -> str:
    """The body of the first ``application/json`` script (the nodes)."""
    return next(body for body in parsed.scripts if body.lstrip().startswith("[{"))


# ------------------------------------------------------------------------------ the ingest extractors and report

_REPORT_TAGS = {"html", "head", "meta", "title", "style", "body", "h1", "code", "p", "br", "table", "thead", "tr",
                "th", "tbody", "td", "mark"}
_WORDS = ("The National Audit Office", "the NAO", "Margaret Hodge", "Sir Amyas Morse", "Better Care Fund",
          "the Department of Health", "said:", "criticised", "£55m", "£4.2 - £7.9bn", "3.1%", "106,000 admissions",
          "12 November 2014", "according to", "“", "”", '"', "chair of", "Cllr", "council", ". ", "\n\n", ", ")


def _prose() -> st.SearchStrategy[str]:
    """Hostile text woven with the words the extractors look for, so that most rules fire on it."""
    return st.lists(st.one_of(hostile_text(long=False), st.sampled_from(_WORDS)), max_size=24).map("".join)


def _check_offsets(text: str, ex) -> int:
    """Every item's offsets fall in the text and give its words back; the number of items checked."""
    n = 0
    for item in [*ex.mentions, *ex.figures, *ex.dates, *ex.quotes]:
        assert 0 <= item.start <= item.end <= len(text) and text[item.start:item.end] == item.text, item
        n += 1
    for item in [*ex.entities, *ex.statements, *ex.sentences]:
        assert 0 <= item.start <= item.end <= len(text), item
        n += 1
    for s in ex.statements:
        assert text[s.cue_start:s.cue_end] == s.cue, s
    return n


def _check_report(page: str) -> None:
    parsed = shape(page)
    assert not parsed.scripts and {tag for tag, _ in parsed.tags} <= _REPORT_TAGS, parsed.tags
    _no_handlers(parsed)


@pytest.fixture(scope="module")
def gazetteer(fuzz_project: Project):
    from kg.ingest.evalrun import gazetteer_for

    return gazetteer_for(fuzz_project)[0]


def test_extractors_and_report_hold_on_hostile_text(gazetteer) -> None:
    """Arbitrary Unicode, control characters, markup and very long runs: extraction never raises, every offset
    gives back the quoted words, the candidates serialise to Turtle that parses back with the same quotes,
    and the HTML review report has no script and no handler from the data."""
    from datetime import datetime, timezone

    from rdflib import Graph

    from kg.ingest.candidates import candidate_graph
    from kg.ingest.extract import extract
    from kg.ingest.report import html_page
    from kg.namespaces import OA

    counts = {"examples": 0, "items": 0, "candidates": 0, "longest": 0}

    @settings(FUZZ, max_examples=300)
    @given(st.one_of(_prose(), _prose(), hostile_text()), hostile_text(long=False))
    def extraction(text: str, title: str) -> None:
        counts["examples"] += 1
        counts["longest"] = max(counts["longest"], len(text))
        ex = extract(text, gazetteer)
        counts["items"] += _check_offsets(text, ex)
        graph, rows = candidate_graph(ex, "099_fuzz", gazetteer, when=datetime(2020, 1, 1, tzinfo=timezone.utc))
        counts["candidates"] += len(rows)
        if rows:
            back = Graph().parse(data=graph.serialize(format="turtle"), format="turtle")
            exact = sorted(str(o) for o in back.objects(None, OA.exact))
            assert exact == sorted(str(o) for o in graph.objects(None, OA.exact))
            assert all(e in text for e in exact)
        _check_report(html_page("099_fuzz", title, text, rows))

    extraction()
    _report("ingest extractors and review report", counts["examples"], items=counts["items"],
            candidates=counts["candidates"], longest_text=counts["longest"])
    assert counts["candidates"] > 0  # the examples reach the extractors' rules


_HTML_TAGS = ("p", "div", "article", "nav", "script", "style", "title", "meta", "b", "br", "pre", "li", "time",
              "form", "iframe", "svg", "template", "table", "td")


def _random_html() -> st.SearchStrategy[str]:
    attrs = st.sampled_from(['', ' class="cookie-notice"', ' onclick="alert(1)"', ' charset="utf-8"',
                             ' property="og:title" content="</title><script>x</script>"', ' datetime="2014-11-12"',
                             ' id="main"', ' src="http://example.org/x.js"'])
    element = st.builds(lambda tag, attr, body, close: f"<{tag}{attr}>{body}" + (f"</{tag}>" if close else ""),
                        st.sampled_from(_HTML_TAGS), attrs,
                        st.one_of(hostile_text(long=False), st.sampled_from(_WORDS)),
                        st.booleans())
    scripted = st.sampled_from(["<script>kept_never()</script>", "<style>.kept_never{}</style>",
                                "<noscript>kept_never</noscript>", "<p>fine</p>"])
    return st.lists(st.one_of(element, scripted), max_size=16).map(
        lambda parts: "<!DOCTYPE html><html><body>" + "".join(parts))


def _outside_scripts(page: str, word: str) -> int:
    """How often ``word`` is in the page's text outside script, style and noscript elements (as lxml parses it:
    in ``<?<script>x</script>`` the ``<?<script>`` is a processing instruction and ``x`` plain text)."""
    import lxml.html

    from kg.ingest.htmltext import _NOT_XML

    tree = lxml.html.document_fromstring(_NOT_XML.sub("", page.replace("\x0c", " ")))
    kinds = ("script", "style", "noscript")
    hidden = sum(el.text_content().count(word) for el in tree.iter(*kinds)
                 if not any(a.tag in kinds for a in el.iterancestors()))
    return tree.text_content().count(word) - hidden


def test_reading_hostile_documents_gives_text_or_a_clear_refusal(gazetteer, tmp_path: Path) -> None:
    """Random HTML, mutated pages and PDFs, and arbitrary bytes: read_document returns text or refuses with
    InvalidInput naming the file, never a traceback; the text read is extracted without error; no script
    survives from HTML."""
    from kg.ingest.extract import extract
    from kg.ingest.reading import read_document
    from tests.test_ingest import PAGE
    from tests.test_ingest_bad_input import pdf_with_text

    pdf = pdf_with_text("The National Audit Office said the Better Care Fund was a shambles in 2014.")
    counts = {"read": 0, "refused": 0}

    @settings(FUZZ, max_examples=200)
    @given(st.one_of(
        _random_html().map(lambda h: ("random.html", h.encode("utf-8"))),
        mutations(PAGE.encode("utf-8")).map(lambda b: ("page.html", b)),
        mutations(pdf, max_edits=2).map(lambda b: ("report.pdf", b)),
        st.one_of(hostile_text(), st.binary(max_size=200).map(lambda b: b.decode("latin-1")))
        .map(lambda t: ("note.txt", t.encode("utf-8")))))
    def reading(named: tuple[str, bytes]) -> None:
        name, data = named
        path = tmp_path / name
        path.write_bytes(data)
        try:
            doc = read_document(path, max_bytes=1_000_000)
        except InvalidInput as exc:
            counts["refused"] += 1
            assert exc.problems and all(p.file == str(path) for p in exc.problems)
            return
        counts["read"] += 1
        if name == "random.html":  # what a script, style or noscript element holds is never kept
            assert doc.text.count("kept_never") <= _outside_scripts(data.decode("utf-8"), "kept_never")
        _check_offsets(doc.text, extract(doc.text, gazetteer))

    reading()
    _report("ingest readers (HTML, PDF, text)", sum(counts.values()), **counts)
    assert counts["read"] > 0 and counts["refused"] > 0
