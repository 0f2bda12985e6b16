"""The view graph and the HTML page, without a browser (tests/test_viz_browser.py drives Chromium)."""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser

import networkx as nx
import pyoxigraph as ox
import pytest
from typer.testing import CliRunner

from kg.build import build, open_built
from kg.cli import app
from kg.project import Project
from kg.viz import build_view, view
from kg.viz.render import render_html
from kg.viz.styles import Styles

ENT = "https://w3id.org/watchdog-kg/id/"


class _Scripts(HTMLParser):
    """Collects the page's <script> elements as a browser's parser sees them."""

    def __init__(self) -> None:
        super().__init__()
        self.ids: list[str | None] = []
        self.bodies: list[str] = []
        self._open = False

    def handle_starttag(self, tag, attrs):
        if tag == "script":
            self.ids.append(dict(attrs).get("id"))
            self.bodies.append("")
            self._open = True

    def handle_endtag(self, tag):
        if tag == "script":
            self._open = False

    def handle_data(self, data):
        if self._open:
            self.bodies[-1] += data


@pytest.fixture(scope="module")
def graph(store: ox.Store) -> nx.MultiDiGraph:
    return build_view(store)


def test_assessments_are_arrows_from_critic_to_target_coloured_by_stance(graph: nx.MultiDiGraph) -> None:
    arrows = [d for a, b, d in graph.edges(data=True)
              if (a, b) == (ENT + "margaret-hodge", ENT + "better-care-fund") and d.get("card")]
    shambles = [d for d in arrows if d["card"]["id"] == "ent:crit-hodge-bcf-shambles"]
    assert shambles and shambles[0]["stance"] == "critical" and shambles[0]["colour"] == "#d62728"
    assert any("shambles" in e["quote"] for e in shambles[0]["card"]["evidence"])
    rebuttals = [d for *_, d in graph.edges(data=True) if d.get("stance") == "disputing"]
    assert rebuttals and all(d["dashes"] for d in rebuttals)


def test_node_styles_come_from_the_ontology(scratch: Project) -> None:
    views = scratch.ontology_dir / "views.ttl"
    views.write_text(views.read_text(encoding="utf-8").replace(
        'wkg:AuditBody wkg:vizColour "#6a3d9a"', 'wkg:AuditBody wkg:vizColour "#123456"'), encoding="utf-8")
    build(scratch, reasoner=False)
    graph = build_view(open_built(scratch))
    assert graph.nodes[ENT + "nao"]["colour"] == "#123456"
    assert graph.nodes[ENT + "nao"]["shape"] == "box"
    assert graph.nodes[ENT + "better-care-fund"]["shape"] == "star"


def test_hidden_and_edge_classes_are_not_nodes(graph: nx.MultiDiGraph) -> None:
    kinds = {d["kind"] for _, d in graph.nodes(data=True)}
    assert not kinds & {"criticism", "rebuttal", "recommendation", "post held", "news article", "source document"}
    assert {"person", "programme", "audit body", "pilot", "meeting"} <= kinds


def test_panel_card_of_the_better_care_fund_lists_its_critics(graph: nx.MultiDiGraph) -> None:
    card = graph.nodes[ENT + "better-care-fund"]["card"]
    critics = {a["other"] for a in card["assessments"] if a["role"] == "received"}
    assert {"Margaret Hodge", "National Audit Office"} <= critics
    assert "BCF" in card["aliases"]


def test_views_focus_programme_and_years(store: ox.Store, graph: nx.MultiDiGraph) -> None:
    hodge = view(store, focus_on=ENT + "margaret-hodge", depth=1)
    assert ENT + "better-care-fund" in hodge and hodge.number_of_nodes() < graph.number_of_nodes()
    wpcb = view(store, programme=ENT + "whole-place-community-budgets")
    assert ENT + "pilot-tri-borough" in wpcb and ENT + "one-million-homes" not in wpcb
    recent = view(store, since=2015)
    assert ENT + "hanham-group-meeting-24-may" not in recent  # a 2011 meeting
    assert all(d["year"] is None or d["year"] >= 2015 for *_, d in recent.edges(data=True))
    assert all(recent.degree(n) > 0 for n in recent)


def test_page_is_self_contained(store: ox.Store, graph: nx.MultiDiGraph) -> None:
    html = render_html(graph, Styles.load(store))
    assert "Content-Security-Policy" in html and "default-src 'none'" in html
    assert not re.search(r"<(script|link|img|iframe)[^>]+(src|href)\s*=", html, re.I)
    assert "cdn" not in html.lower().replace("cdnjs", "") or "cdnjs.cloudflare.com" not in html
    nodes = json.loads(re.search(r'<script type="application/json" id="kg-nodes">(.*?)</script>', html, re.S).group(1))
    assert len(nodes) == graph.number_of_nodes()


def test_hostile_strings_are_escaped(store: ox.Store) -> None:
    hostile = '</script><script>alert(1)</script><img src=x onerror="alert(2)"> "href" \\ \''
    graph = nx.MultiDiGraph()
    card = {"id": "ent:x", "label": hostile, "kind": "person", "aliases": [hostile], "identifiers": [], "facts": [],
            "date": "", "evidence": [{"quote": hostile, "headline": hostile, "source": "src:x", "date": ""}],
            "out": [], "in": [], "assessments": []}
    graph.add_node(hostile, label=hostile, kind="person", colour="#f28e2b", shape="dot", year=None, actor=True,
                   programme=False, programmes=[], card=card)
    html = render_html(graph, Styles.load(store))
    assert "<script>alert(1)" not in html and "<img src=x" not in html
    scripts = _Scripts()
    scripts.feed(html)
    assert scripts.ids == [None, "kg-nodes", "kg-edges", "kg-meta", None, None]  # no element was injected
    nodes = json.loads(scripts.bodies[1])
    assert nodes[0]["card"]["label"] == hostile and nodes[0]["card"]["evidence"][0]["quote"] == hostile
    assert nodes[0]["title"] == f"person: {hostile}" and nodes[0]["id"] == hostile


def test_large_graphs_get_python_positions_and_no_physics(store: ox.Store, graph: nx.MultiDiGraph) -> None:
    html = render_html(graph, Styles.load(store), layout_threshold=10)
    options = json.loads(re.search(r"var KG_OPTIONS = (\{.*?\});</script>", html, re.S).group(1))
    assert options["physics"]["enabled"] is False
    nodes = json.loads(re.search(r'id="kg-nodes">(.*?)</script>', html, re.S).group(1))
    assert all("x" in n and "y" in n for n in nodes)


@pytest.mark.parametrize(("args", "code", "expect"), [
    (["--focus", "Margaret Hodge", "--depth", "1"], 0, "nodes"),
    (["--programme", "Better Care Fund", "--since", "2014", "--until", "2015"], 0, "nodes"),
    (["--query", "graph_critics_of_programme", "--param", "programme=Total Place"], 0, "nodes"),
    (["--query", "cq_posts"], 2, "CONSTRUCT"),
    (["--focus", "nobody of that name"], 3, "no entity"),
    (["--depth", "99"], 2, "depth"),
])
def test_viz_command(built: Project, tmp_path, args, code, expect) -> None:
    out = tmp_path / "g.html"
    result = CliRunner().invoke(app, ["viz", "-o", str(out), *args], env={"KG_HOME": str(built.root)})
    assert result.exit_code == code, result.output
    assert expect in result.output
    assert out.exists() == (code == 0)


def _dump(g: nx.MultiDiGraph) -> tuple[list, list]:
    """Every node and arrow with all its attributes, in a fixed order."""
    return (sorted((n, json.dumps(d, sort_keys=True)) for n, d in g.nodes(data=True)),
            sorted((a, b, k, json.dumps(d, sort_keys=True)) for a, b, k, d in g.edges(keys=True, data=True)))


@pytest.mark.parametrize("most", [2.0, 0.0])  # always hop by hop; always the whole view, cut
def test_focus_fetches_the_same_graph_as_the_cut_of_the_whole_view(store: ox.Store, graph: nx.MultiDiGraph,
                                                                   most: float) -> None:
    from kg.viz.neighbourhood import focus_view
    from kg.viz.viewgraph import focus

    programmes = sorted(n for n, d in graph.nodes(data=True) if d["programme"])
    people = sorted(n for n, d in graph.nodes(data=True) if d["kind"] == "person")
    centres = programmes[:4] + people[:4] + [ENT + "nao", ENT + "margaret-hodge", sorted(graph)[len(graph) // 2]]
    styles = Styles.load(store)
    for centre in centres:
        for depth in (0, 1, 2):
            cut = focus(graph, centre, depth)
            assert cut.number_of_nodes() >= 1
            assert _dump(focus_view(store, centre, depth, styles=styles, most=most)) == _dump(cut), (centre, depth)


def test_the_whole_view_does_not_depend_on_the_order_the_store_answers_in(store: ox.Store,
                                                                         graph: nx.MultiDiGraph) -> None:
    from kg.viz.viewgraph import Entities, load_entities

    ents = load_entities(store)
    shuffled = Entities(label=ents.label, types=dict(reversed(list(ents.types.items()))), date=ents.date,
                        links=list(reversed(ents.links)), literals=ents.literals, values=ents.values,
                        evidence=ents.evidence, stance=ents.stance)
    assert _dump(build_view(store, ents=shuffled)) == _dump(graph)
