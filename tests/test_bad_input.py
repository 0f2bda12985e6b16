"""Bad input: a clear message naming the file and line or the entity, exit 1, previous build/ intact."""

from __future__ import annotations

import shutil

import pytest
from typer.testing import CliRunner

from kg.cli import app
from kg.project import Project

PREFIXES = """@prefix wkg: <https://w3id.org/watchdog-kg/ontology#> .
@prefix voc: <https://w3id.org/watchdog-kg/vocab/> .
@prefix ent: <https://w3id.org/watchdog-kg/id/> .
@prefix src: <https://w3id.org/watchdog-kg/source/> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
@prefix dcterms: <http://purl.org/dc/terms/> .
@prefix oa: <http://www.w3.org/ns/oa#> .
"""

GOOD_EVIDENCE = """wkg:evidence [ a wkg:Evidence ; oa:hasSource src:000_25aade20f43c5d21 ;
        oa:hasSelector [ a oa:TextQuoteSelector ; oa:exact "such a shambles" ] ,
                       [ a oa:TextPositionSelector ; oa:start 3158 ; oa:end 3173 ] ]"""


def criticism(*, critic: str = "ent:margaret-hodge", date: str = '"2014-11-11"^^xsd:date',
              evidence: str = GOOD_EVIDENCE, predicate: str = "wkg:critic") -> str:
    return (PREFIXES + "\n" + f"""ent:test-criticism a wkg:Criticism ;
    rdfs:label "a test criticism"@en ;
    {predicate} {critic} ;
    wkg:target ent:better-care-fund ;
    wkg:stance voc:critical ;
    wkg:criticismKind voc:complaint ;
    dcterms:date {date} ;
    {evidence} .
""")


CASES = {
    "malformed turtle": (PREFIXES + 'ent:x rdfs:label "never closed .\n', "zz_test.ttl:9", "Turtle syntax"),
    "unknown prefix": (PREFIXES + "ent:x rdfs:label nope:thing .\n", "zz_test.ttl:9", "nope:"),
    "unknown entity": (criticism(critic="ent:nobody-at-all"), "zz_test.ttl:10",
                       "refers to ent:nobody-at-all, which is not described anywhere"),
    "quote not in source": (criticism(evidence=GOOD_EVIDENCE.replace("such a shambles", "a total triumph")),
                            "zz_test.ttl:10", "does not occur in the source"),
    "quote at wrong offsets": (criticism(evidence=GOOD_EVIDENCE.replace("3158", "3159").replace("3173", "3174")),
                               "zz_test.ttl:10", "`kg locate` gives the right offsets"),
    "date in wrong form": (criticism(date='"11/11/2014"^^xsd:date'), "zz_test.ttl:10",
                           "dcterms:date must be one valid xsd:date"),
    "date as plain text": (criticism(date='"November 2014"'), "zz_test.ttl:10", "dcterms:date must be one valid"),
    "misspelt term": (criticism(predicate="wkg:critc"), "zz_test.ttl:10", "undeclared property"),
    "missing evidence": (criticism(evidence='rdfs:comment "no evidence"'), "zz_test.ttl:10",
                         "needs evidence (wkg:evidence)"),
    "identifier without evidence": (PREFIXES + """
ent:test-council a wkg:CountyCouncil ;
    rdfs:label "Test County Council"@en ;
    wkg:gssCode "E10099999" .
""", "zz_test.ttl:10", "identifier E10099999 has no evidence quoting it"),
}


@pytest.fixture
def built_scratch(scratch: Project, built: Project) -> Project:
    """A scratch project with a copy of the session's (valid) build as its previous build/."""
    shutil.copytree(built.build_dir, scratch.build_dir)
    return scratch


@pytest.mark.parametrize("case", sorted(CASES))
def test_bad_input_is_reported_and_build_is_kept(built_scratch: Project, case: str) -> None:
    text, where, message = CASES[case]
    before = {p.name: p.read_bytes() for p in built_scratch.build_dir.iterdir()}
    (built_scratch.curated_dir / "zz_test.ttl").write_text(text, encoding="utf-8")
    result = CliRunner().invoke(app, ["build", "--no-reasoner"], env={"KG_HOME": str(built_scratch.root)})
    assert result.exit_code == 1, result.output
    lines = [line for line in result.output.splitlines() if message in line]
    assert lines, result.output
    assert any(where in line for line in lines), result.output
    assert "nothing was written" in result.output
    after = {p.name: p.read_bytes() for p in built_scratch.build_dir.iterdir()}
    assert after == before
    assert not [p for p in built_scratch.root.iterdir() if p.name.startswith(".build")]


def test_edited_source_text_is_caught(scratch: Project) -> None:
    path = scratch.sources_dir / "003_04f790e84bfcf647.txt"
    path.write_text(path.read_text(encoding="utf-8").replace("£270m", "£370m"), encoding="utf-8")
    result = CliRunner().invoke(app, ["validate", "--no-reasoner"], env={"KG_HOME": str(scratch.root)})
    assert result.exit_code == 1
    assert "003_04f790e84bfcf647.txt has changed" in result.output


def test_missing_source_text_is_caught(scratch: Project) -> None:
    (scratch.sources_dir / "001_75424e7f7ee3cd2b.txt").unlink()
    result = CliRunner().invoke(app, ["validate", "--no-reasoner"], env={"KG_HOME": str(scratch.root)})
    assert result.exit_code == 1
    assert "source text '001_75424e7f7ee3cd2b.txt' not found" in result.output
    assert "data/sources/sources.ttl:" in result.output


def test_quote_from_page_furniture_is_rejected(scratch: Project) -> None:
    furniture = PREFIXES + """
ent:test-finding a wkg:Finding ;
    rdfs:label "a finding quoted from a cookie notice"@en ;
    wkg:evidence [ a wkg:Evidence ; oa:hasSource src:002_f4723a4305af5416 ;
        oa:hasSelector [ a oa:TextQuoteSelector ; oa:exact "Your browser is no longer supported" ] ,
                       [ a oa:TextPositionSelector ; oa:start 0 ; oa:end 35 ] ] .
"""
    (scratch.curated_dir / "zz_test.ttl").write_text(furniture, encoding="utf-8")
    result = CliRunner().invoke(app, ["validate", "--no-reasoner"], env={"KG_HOME": str(scratch.root)})
    assert result.exit_code == 1
    assert "zz_test.ttl:10: ent:test-finding: quote 'Your browser is no longer supported' is page furniture" \
        in result.output
