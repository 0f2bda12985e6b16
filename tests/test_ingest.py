"""kg ingest end to end, from a copy of the project: a new document gives candidates and a review report;
accepting some puts them into the graph with evidence that kg validate checks; --with-candidates sees the rest."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from rdflib import Graph, Literal, URIRef
from typer.testing import CliRunner

import kg
from kg.cli import app
from kg.namespaces import ENT, OA, PROV, RDF, RDFS, SDO, SRC, WKG
from kg.project import Project

# A page as a news site serves it: metadata in the head, furniture around the article, a script.
PAGE = """<!DOCTYPE html>
<html><head><meta charset="utf-8">
<title>Better care fund plans a shambles, says Hodge | HSJ</title>
<meta property="og:title" content="Better care fund plans a shambles, says Hodge">
<meta property="og:site_name" content="HSJ">
<meta property="article:published_time" content="2014-11-12T09:30:00Z">
<link rel="canonical" href="https://www.hsj.co.uk/example/better-care-fund-shambles.article">
<script>window.tracker = "never kept";</script>
</head><body>
<nav><a href="/">Home</a> <a href="/news">News</a></nav>
<div class="cookie-notice">We use cookies. Accept all cookies</div>
<article>
<h1>Better care fund plans a shambles, says Hodge</h1>
<p>The National Audit Office found that only £55m of savings were credible in the first round of local
better care fund plans.</p>
<p>Margaret Hodge, chair of the Commons public accounts committee, said: “Planning for the better care fund
has been such a shambles.”</p>
<p>Sir Hamish Wetherby, chief executive of the Wessex Care Institute, criticised the Department of Health
for setting up the fund with no central programme team.</p>
<p>The department rejected the NAO’s findings.</p>
</article>
<div class="comments">Have your say</div>
<footer>Copyright</footer>
</body></html>
"""


@pytest.fixture
def cli(scratch: Project):
    runner = CliRunner()

    def invoke(*args: str):
        return runner.invoke(app, list(args), env={"KG_HOME": str(scratch.root), "COLUMNS": "200"})
    return invoke


def _ingested(cli, scratch: Project, tmp_path: Path) -> tuple[str, Graph]:
    page = tmp_path / "hodge.html"
    page.write_text(PAGE, encoding="utf-8")
    result = cli("ingest", str(page))
    assert result.exit_code == 0, result.output
    sid = next(p.stem for p in (scratch.data_dir / "candidates").glob("*.ttl"))
    assert f"ingested hodge.html as {sid}" in result.output
    graph = Graph().parse(scratch.data_dir / "candidates" / f"{sid}.ttl")
    return sid, graph


def _candidate(graph: Graph, cls: URIRef, **values: URIRef) -> URIRef:
    for node in graph.subjects(RDF.type, cls):
        if all((node, WKG[p], o) in graph for p, o in values.items()):
            return node
    raise AssertionError(f"no {cls} with {values}")


def _cid(graph: Graph, node: URIRef) -> str:
    from kg.namespaces import DCTERMS

    return str(graph.value(node, DCTERMS.identifier))


def test_ingest_stores_text_metadata_candidates_and_report(cli, scratch: Project, tmp_path: Path) -> None:
    sid, graph = _ingested(cli, scratch, tmp_path)
    text = (scratch.sources_dir / f"{sid}.txt").read_text(encoding="utf-8")
    assert "never kept" not in text and "cookies" not in text and "Home" not in text
    assert text.startswith("Better care fund plans a shambles, says Hodge\n\nThe National Audit Office found")
    record = Graph().parse(scratch.sources_dir / "sources.ttl")
    source = SRC[sid]
    assert (source, RDF.type, WKG.NewsArticle) in record and (source, WKG.outlet, ENT.hsj) in record
    assert str(record.value(source, SDO.url)).startswith("https://www.hsj.co.uk/")
    assert str(record.value(source, WKG.dateBasis)).startswith("Found in the page's date meta tag")
    # statements with critic, target, confidence and evidence at the sentence's offsets
    shambles = _candidate(graph, WKG.Criticism, critic=ENT["margaret-hodge"], target=ENT["better-care-fund"])
    for node in [shambles, *graph.subjects(RDF.type, WKG.Figure)]:
        assert 0 < float(graph.value(node, WKG.confidence)) <= 1
        assert graph.value(node, PROV.wasGeneratedBy) == ENT[f"{sid}-extraction"]
        evidence = graph.value(node, WKG.evidence)
        start = end = exact = None
        for selector in graph.objects(evidence, OA.hasSelector):
            start = graph.value(selector, OA.start) or start
            end = graph.value(selector, OA.end) or end
            exact = graph.value(selector, OA.exact) or exact
        assert text[int(start):int(end)] == str(exact)
    quote = next(graph.objects(graph.value(shambles, WKG.evidence), OA.hasSelector / OA.exact))
    assert "such a shambles" in str(quote)
    figure = _candidate(graph, WKG.Figure)
    assert graph.value(figure, SDO.value) == Literal(55000000)
    wetherby = _candidate(graph, WKG.Person)
    assert str(graph.value(wetherby, RDFS.label)) == "Hamish Wetherby"
    institutes = [str(graph.value(s, RDFS.label)) for s in graph.subjects(RDF.type, WKG.ThinkTank)]
    assert institutes == ["Wessex Care Institute"]
    _candidate(graph, WKG.Rebuttal, respondent=ENT["department-of-health"])
    agent = graph.value(ENT[f"{sid}-extraction"], PROV.wasAssociatedWith)
    assert "version" in str(graph.value(agent, RDFS.label))
    report = (scratch.data_dir / "candidates" / f"{sid}.html").read_text(encoding="utf-8")
    assert "<mark>shambles</mark>" in report and "<script" not in report and "http" not in report.split("<body>")[1]


def test_candidates_stay_apart_until_accepted(cli, scratch: Project, tmp_path: Path) -> None:
    sid, graph = _ingested(cli, scratch, tmp_path)
    count = "SELECT (COUNT(*) AS ?n) WHERE { ?c prov:wasGeneratedBy ?a }"
    assert kg.query(count, project=scratch)[0]["n"] == 0  # kg build's output does not hold candidates
    generated = len(set(graph.subjects(PROV.wasGeneratedBy)))
    assert kg.query(count, project=scratch, with_candidates=True)[0]["n"] == generated
    result = cli("query", "--with-candidates", "--format", "json", "-e",
                 "SELECT ?c WHERE { GRAPH ?g { ?c a wkg:Criticism ; wkg:critic ent:margaret-hodge } }")
    assert result.exit_code == 0 and f"{sid}-s" in result.output

    shambles = _candidate(graph, WKG.Criticism, critic=ENT["margaret-hodge"], target=ENT["better-care-fund"])
    by_new_person = _candidate(graph, WKG.Criticism, critic=next(graph.subjects(RDF.type, WKG.Person)))
    figure = _candidate(graph, WKG.Figure)
    ids = [_cid(graph, n) for n in (shambles, by_new_person, figure)]
    result = cli("accept", sid, *[a for i in ids for a in ("--id", i)], "--no-reasoner")
    assert result.exit_code == 0, result.output
    assert "brought along the new entities" in result.output  # Sir Hamish, the critic
    curated = Graph().parse(scratch.curated_dir / f"{sid}.ttl")
    assert (shambles, WKG.critic, ENT["margaret-hodge"]) in curated
    assert (next(graph.subjects(RDF.type, WKG.Person)), RDF.type, WKG.Person) in curated
    validate = cli("validate", "--no-reasoner")
    assert validate.exit_code == 0, validate.output
    rows = kg.query("SELECT ?q WHERE { ?c wkg:critic ent:margaret-hodge ; wkg:evidence ?e . ?e oa:hasSource ?s ; "
                    "oa:hasSelector/oa:exact ?q ; wkg:sentence ?sentence FILTER(?s = src:" + sid + ") }",
                    project=scratch)
    assert rows and "such a shambles" in rows[0]["q"]
    left = Graph().parse(scratch.data_dir / "candidates" / f"{sid}.ttl")
    assert shambles not in set(left.subjects()) and len(set(left.subjects(RDF.type, WKG.Mention))) > 3
    assert kg.query(count, project=scratch, with_candidates=True)[0]["n"] > kg.query(count, project=scratch)[0]["n"]
    if shutil.which("java"):
        assert cli("validate").exit_code == 0


def test_accept_refuses_what_would_not_validate(cli, scratch: Project, tmp_path: Path) -> None:
    sid, graph = _ingested(cli, scratch, tmp_path)
    path = scratch.data_dir / "candidates" / f"{sid}.ttl"
    figure = _candidate(graph, WKG.Figure)
    text = path.read_text(encoding="utf-8")
    start = next(graph.objects(None, OA.start))
    path.write_text(text.replace(f"oa:start {int(start)} ", f"oa:start {int(start) + 1} ", 1), encoding="utf-8")
    before = path.read_text(encoding="utf-8")
    result = cli("accept", sid, "--min-confidence", "0", "--no-reasoner")
    assert result.exit_code == 1 and "nothing was moved" in result.output and "is not at offsets" in result.output
    assert not (scratch.curated_dir / f"{sid}.ttl").exists() and path.read_text(encoding="utf-8") == before
    assert cli("accept", sid, "--id", "zz999").exit_code == 1
    assert cli("accept", "999_nope", "--id", _cid(graph, figure)).exit_code == 1


def test_an_unnamed_department_is_proposed_but_never_accepted_unnamed(cli, scratch: Project, tmp_path: Path) -> None:
    """Conclusions that only ever say "the Department": one unresolved reference, a target for review, which
    kg accept refuses by id and leaves behind by confidence, so no node called "the Department" enters data/."""
    plain = tmp_path / "conclusions.txt"
    plain.write_text("Conclusions\n\nThe Department’s culture of denial is unacceptable. The Committee has warned "
                     "the Department before.\n", encoding="utf-8")
    result = cli("ingest", str(plain), "--date", "2018", "--outlet", "Committee of Public Accounts",
                 "--title", "Conclusions")
    assert result.exit_code == 0, result.output
    sid = next(p.name.removesuffix(".ttl") for p in (scratch.data_dir / "candidates").glob("*.ttl"))
    graph = Graph().parse(scratch.data_dir / "candidates" / f"{sid}.ttl")
    [unnamed] = [e for e in graph.subjects(WKG.cue, Literal("unresolved reference")) if (e, RDF.type, WKG.Mention)
                 not in graph]
    assert (unnamed, RDF.type, WKG.GovernmentDepartment) in graph
    criticism = _candidate(graph, WKG.Criticism, target=unnamed)
    refused = cli("accept", sid, "--id", _cid(graph, criticism), "--no-reasoner")
    assert refused.exit_code == 1 and "never names" in refused.output and _cid(graph, unnamed) in refused.output
    by_iri = cli("accept", sid, "--id", "ent:" + str(unnamed).rsplit("/", 1)[1], "--no-reasoner")  # asked for itself
    assert by_iri.exit_code == 1 and "name it in data/curated/" in by_iri.output, by_iri.output
    assert not (scratch.curated_dir / f"{sid}.ttl").exists()
    taken = cli("accept", sid, "--min-confidence", "0", "--no-reasoner")
    assert taken.exit_code == 0 and "left in data/candidates/" in taken.output, taken.output
    curated = Graph().parse(scratch.curated_dir / f"{sid}.ttl")
    assert unnamed not in set(curated.subjects()) and criticism not in set(curated.subjects())
    assert cli("validate", "--no-reasoner").exit_code == 0


def test_ingest_asks_nothing_when_not_a_terminal_and_names_the_option(cli, scratch: Project, tmp_path: Path) -> None:
    plain = tmp_path / "note.txt"
    plain.write_text("The NAO criticised the Better Care Fund.\n", encoding="utf-8")
    result = cli("ingest", str(plain))
    assert result.exit_code == 1 and "--date" in result.output and "--outlet" in result.output
    ok = cli("ingest", str(plain), "--date", "2015", "--outlet", "Local Government Chronicle", "--title", "A note")
    assert ok.exit_code == 0, ok.output
    build = cli("build", "--no-reasoner")
    assert build.exit_code == 0, build.output
    summary = json.loads((scratch.build_dir / "summary.json").read_text(encoding="utf-8"))
    assert len(summary["sources"]) == 7  # the new source record, and nothing else from the candidates
