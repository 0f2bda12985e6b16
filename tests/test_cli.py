"""The kg command line: formats and exit codes, run against the session's built project."""

from __future__ import annotations

import csv
import io
import json

import pytest
from typer.testing import CliRunner

from kg.cli import app
from kg.project import Project


@pytest.fixture(scope="module")
def kg(built: Project):
    runner = CliRunner()

    def invoke(*args: str):
        return runner.invoke(app, list(args), env={"KG_HOME": str(built.root), "COLUMNS": "200"})

    return invoke


def test_query_json_is_sparql_results_json(kg) -> None:
    result = kg("query", "cq_nao_reports", "--format", "json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["head"]["vars"][:3] == ["publisher", "report", "title"]
    titles = {b["title"]["value"] for b in data["results"]["bindings"]}
    assert "Planning for the Better Care Fund" in titles
    hc = next(b for b in data["results"]["bindings"] if b.get("hcNumber", {}).get("value") == "HC 781")
    assert hc["date"] == {"type": "literal", "value": "2014-11-11",
                          "datatype": "http://www.w3.org/2001/XMLSchema#date"}


def test_query_csv_and_tsv(kg) -> None:
    out = kg("query", "cq_posts", "-f", "csv")
    assert out.exit_code == 0
    rows = list(csv.DictReader(io.StringIO(out.stdout)))
    assert any(r["personLabel"] == "Sir Bob Kerslake" and r["post"] == "Permanent Secretary" for r in rows)
    tsv = kg("query", "cq_posts", "-f", "tsv")
    assert tsv.exit_code == 0 and tsv.stdout.splitlines()[0].startswith("?person\t?personLabel")


def test_query_table_shows_prefixed_names(kg) -> None:
    out = kg("query", "cq_pilot_councils")
    assert out.exit_code == 0
    assert "ent:westminster-city-council" in out.stdout and "E09000033" in out.stdout


def test_query_expression_and_param(kg) -> None:
    out = kg("query", "-e", "SELECT ?label WHERE { ?p a wkg:Programme ; rdfs:label ?label } ORDER BY ?label",
             "-f", "csv")
    assert out.exit_code == 0
    assert "Better Care Fund" in out.stdout.splitlines()
    named = kg("query", "cq_criticisms_of_programme", "--param", "programme=Whole-Place Community Budgets",
               "-f", "json")
    assert named.exit_code == 0
    bindings = json.loads(named.stdout)["results"]["bindings"]
    assert bindings and all(b["programme"]["value"].endswith("/whole-place-community-budgets") for b in bindings)


def test_ask_and_construct(kg) -> None:
    assert kg("query", "-e", "ASK { ent:nao a wkg:AuditBody }").stdout.strip() == "true"
    out = kg("query", "-e", "CONSTRUCT { ent:nao rdfs:label ?l } WHERE { ent:nao rdfs:label ?l }")
    assert "National Audit Office" in out.stdout


@pytest.mark.parametrize(("args", "code", "message"), [
    (("query", "no_such_query"), 2, "no query file or named query"),
    (("query",), 2, "give a query name"),
    (("query", "cq_posts", "-e", "ASK {}"), 2, "not both"),
    (("query", "-e", "SELEC nonsense"), 2, "SPARQL syntax error"),
    (("query", "cq_posts", "--param", "nobody=x"), 2, "has no parameter"),
    (("query", "cq_posts", "--param", "person"), 2, "name=value"),
    (("query", "cq_nao_reports", "--format", "xml"), 2, "xml"),
    (("describe", "no such entity at all"), 3, "no entity is called"),
    (("describe", "ent:not-there"), 3, "no entity ent:not-there"),
    (("describe", "council"), 3, "matches"),
    (("locate", "000_25aade20f43c5d21", "words that are not in the article"), 1, "does not occur"),
    (("locate", "../etc/passwd", "root"), 1, "no source text"),
])
def test_exit_codes(kg, args, code, message) -> None:
    result = kg(*args)
    assert result.exit_code == code, result.output
    assert message in result.output


def test_describe_text_card(kg) -> None:
    out = kg("describe", "Margaret Hodge")
    assert out.exit_code == 0, out.output
    assert "Committee of Public Accounts" in out.stdout
    assert "shambles" in out.stdout and "NAO's better care fund criticism enrages DH chief" in out.stdout


def test_describe_resolves_aliases_and_misspellings(kg) -> None:
    for alias in ("Keslake", "Sir Bob Keslake", "ent:bob-kerslake"):
        out = kg("describe", alias, "-f", "json")
        assert out.exit_code == 0, (alias, out.output)
        assert json.loads(out.stdout)["id"] == "ent:bob-kerslake"


def test_describe_json_lists_criticisms_received(kg) -> None:
    card = json.loads(kg("describe", "Better Care Fund", "-f", "json").stdout)
    critics = {c["other"] for c in card["criticisms_received"]}
    assert {"Margaret Hodge", "National Audit Office"} <= critics
    shambles = [c for c in card["criticisms_received"] if "shambles" in c["label"]]
    assert shambles and shambles[0]["date"] == "2014-11-11"
    assert any("shambles" in e["quote"] for e in shambles[0]["evidence"])


def test_queries_lists_named_queries(kg) -> None:
    out = kg("queries")
    assert out.exit_code == 0
    for name in ("cq_nao_reports", "cq_criticisms_of_programme", "cq_meetings"):
        assert name in out.stdout


def test_locate_prints_an_evidence_block(kg) -> None:
    out = kg("locate", "000_25aade20f43c5d21", "such a shambles")
    assert out.exit_code == 0
    assert 'oa:exact "such a shambles"' in out.stdout and "oa:start 3158 ; oa:end 3173" in out.stdout


def test_build_is_cached_and_validate_is_clean(kg) -> None:
    again = kg("build")
    assert again.exit_code == 0 and "up to date" in again.stdout
    assert kg("validate", "--no-reasoner").exit_code == 0


CROSS = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"  # 8,600 cubed rows: minutes


@pytest.mark.parametrize("query, message", [
    ("SELECT * WHERE { SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } }", "SERVICE is not allowed"),
    ("SELECT * WHERE { \\u0053ERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } }", "SERVICE is not allowed"),
    ("SELECT * FROM <file:///etc/passwd> WHERE { ?s ?p ?o }", "FROM and FROM NAMED are not allowed"),
    ("LOAD <http://127.0.0.1:9/data.ttl>", "SPARQL Update is not allowed"),
    ("INSERT DATA { <http://x/a> <http://x/b> <http://x/c> }", "SPARQL Update is not allowed"),
])
def test_query_limits_and_refusals(kg, built: Project, query: str, message: str) -> None:
    """kg query refuses what kg serve refuses, with exit code 2; so do kg.query() and the row and time limits."""
    from kg.api import query as api_query
    from kg.store import QueryRefused

    result = kg("query", "-e", query)
    assert result.exit_code == 2 and message in result.output, result.output
    with pytest.raises(QueryRefused, match=message):
        api_query(query, project=built)


def test_query_time_limit_and_row_cap(kg) -> None:
    result = kg("query", "-e", CROSS, "--timeout", "1")
    assert result.exit_code == 2, result.output
    assert "ran longer than the time limit of 1 s (--timeout)" in result.output
    result = kg("query", "-e", "SELECT * WHERE { ?s ?p ?o }", "--max-rows", "5", "-f", "csv")
    assert result.exit_code == 2 and result.stdout == ""  # nothing printed: never a cut result
    assert "the result has more than 5 rows (--max-rows 5)" in result.output
    result = kg("query", "-e", "SELECT * WHERE { ?s ?p ?o } LIMIT 5", "--max-rows", "5", "-f", "csv")
    assert result.exit_code == 0 and len(result.stdout.splitlines()) == 6
    result = kg("query", "-e", "CONSTRUCT WHERE { ?s ?p ?o }", "--max-rows", "5")
    assert result.exit_code == 2 and "more than 5 triples" in result.output
