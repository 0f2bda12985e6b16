"""The competency questions (queries/cq_*.rq), each with its expected answer pinned."""

from __future__ import annotations

import datetime

import pyoxigraph as ox
import pytest

import kg
from kg.evidence import normalise, quote_matches
from kg.project import Project

ENT = "https://w3id.org/watchdog-kg/id/"


@pytest.fixture(scope="module")
def ask(built: Project, store: ox.Store):
    def run(name: str, **params: str) -> list[dict]:
        return kg.query(name, params=params, store=store, project=built)
    return run


def test_nao_reports(ask) -> None:
    rows = ask("cq_nao_reports")
    assert {r["publisher"] for r in rows} == {ENT + "nao"}
    by_hc = {r["hcNumber"]: r for r in rows if r["hcNumber"]}
    assert set(by_hc) == {"HC 781", "HC 1040", "HC 1041", "HC 1011", "HC 917", "HC 626", "HC 723"}
    assert by_hc["HC 781"]["title"] == "Planning for the Better Care Fund"
    assert by_hc["HC 781"]["date"] == datetime.date(2014, 11, 11)
    assert by_hc["HC 781"]["programme"] == ENT + "better-care-fund"
    assert by_hc["HC 1040"]["date"] == "2013-03"  # month precision, as sourced
    assert by_hc["HC 626"]["programmeLabel"] == "Syrian Vulnerable Persons Resettlement programme"
    dates = [str(r["date"]) for r in rows if r["date"]]
    assert dates == sorted(dates)


def test_criticisms_of_the_better_care_fund(ask) -> None:
    rows = ask("cq_criticisms_of_programme", programme="Better Care Fund")
    critics = {r["criticLabel"] for r in rows}
    assert {"Margaret Hodge", "National Audit Office"} <= critics
    shambles = [r for r in rows if r["criticism"] == ENT + "crit-hodge-bcf-shambles"]
    assert shambles and all(r["date"] == datetime.date(2014, 11, 11) for r in shambles)
    from_article = [r for r in shambles if r["source"].endswith("000_25aade20f43c5d21")]
    assert from_article[0]["headline"] == "NAO's better care fund criticism enrages DH chief"
    assert "such a shambles" in from_article[0]["quote"]
    assert len({r["criticism"] for r in rows}) >= 6


def test_criticisms_default_and_other_programmes(ask) -> None:
    assert ask("cq_criticisms_of_programme") == ask("cq_criticisms_of_programme", programme="BCF")
    rows = ask("cq_criticisms_of_programme", programme="Whole-Place Community Budgets")
    assert "Parliamentary Select Committee (unnamed in PublicNet, June 2013)" in {r["criticLabel"] for r in rows}


def test_disputed_criticisms(ask) -> None:
    rows = ask("cq_disputed_criticisms")
    answered_report = {(r["respondentLabel"], r["kind"].rsplit("#")[1]) for r in rows
                       if r["answered"] == ENT + "nao-2014-planning-bcf"}
    assert ("Sir Bob Kerslake", "Rebuttal") in answered_report
    assert ("Una O'Brien", "Rebuttal") in answered_report
    assert any(label.startswith("A DCLG source") for label, _ in answered_report)
    not_flawed = [r for r in rows if r["response"] == ENT + "rebut-kerslake-obrien-not-fundamentally-flawed"]
    assert "doesn't mean the process was fundamentally flawed" in normalise(not_flawed[0]["quote"])
    assert any(r["kind"].endswith("#Defence") and "spokesman" in r["respondentLabel"] for r in rows)


def test_savings(ask) -> None:
    rows = ask("cq_savings")
    def values(fig: str) -> set:
        return {(r["kind"], r["value"], r["low"], r["high"]) for r in rows if r["figure"] == ENT + fig}
    assert values("fig-bcf-assumed-savings-1bn") == {("assumed", 1_000_000_000, None, None)}
    assert values("fig-bcf-credible-savings-55m") == {("credible", 55_000_000, None, None)}
    assert values("fig-ey-wpcb-annual-benefits-4-2bn-7-9bn") == {("estimate", None, 4_200_000_000, 7_900_000_000)}
    credible = [r for r in rows if r["figure"] == ENT + "fig-bcf-credible-savings-55m"]
    assert {r["againstValue"] for r in credible} >= {1_000_000_000, 731_000_000}
    assert {r["by"] for r in credible} == {"National Audit Office"}
    assert ask("cq_savings", programme="Better Care Fund") and \
        all(r["programme"] == ENT + "better-care-fund" for r in ask("cq_savings", programme="Better Care Fund"))


def test_pilot_councils(ask) -> None:
    pairs = {(r["pilot"].removeprefix(ENT), r["council"].removeprefix(ENT)) for r in ask("cq_pilot_councils")}
    gm = {"bolton", "bury", "oldham", "rochdale", "salford", "stockport", "tameside", "trafford", "wigan"}
    expected = ({("pilot-greater-manchester", f"{d}-council") for d in gm}
                | {("pilot-greater-manchester", "manchester-city-council"), ("pilot-greater-manchester", "gmca"),
                   ("pilot-west-cheshire", "cheshire-west-and-chester-council"),
                   ("pilot-whole-essex", "essex-county-council"),
                   ("pilot-tri-borough", "westminster-city-council"),
                   ("pilot-tri-borough", "hammersmith-and-fulham-council"),
                   ("pilot-tri-borough", "kensington-and-chelsea-council")})
    assert pairs == expected
    gss = {r["councilLabel"]: r["gssCode"] for r in ask("cq_pilot_councils")}
    assert gss["Westminster City Council"] == "E09000033"
    assert gss["Cheshire West and Chester Council"] == "E06000050"
    assert gss["Greater Manchester Combined Authority"] == "E47000001"


def test_posts(ask) -> None:
    rows = ask("cq_posts")
    posts = {(r["personLabel"], r["post"], r["organisationLabel"], str(r["start"]), str(r["end"])) for r in rows}
    assert ("Sir Bob Kerslake", "Permanent Secretary", "Department for Communities and Local Government",
            "2010-11-01", "2015-02") in posts
    assert ("Margaret Hodge", "Chair of the Committee of Public Accounts", "Committee of Public Accounts",
            "2010-06-10", "2015-03-30") in posts
    assert ("Una O'Brien", "Permanent Secretary", "Department of Health", "2010-11", "2016-04") in posts
    assert ("Philippa Roe", "Leader of Westminster City Council", "Westminster City Council",
            "2012-03", "None") in posts
    assert len({r["person"] for r in rows}) >= 14
    assert len(rows) == len({(r["person"], r["post"], r["organisation"]) for r in rows})  # no duplicate tenures


def test_missed_targets(ask) -> None:
    rows = {r["measures"]: r for r in ask("cq_missed_targets")}
    admissions = rows["change in the number of emergency admissions"]
    assert (admissions["targetValue"], admissions["outturnValue"], admissions["miss"], admissions["cost"]) == \
        (-106_000, 87_000, 193_000, 311_000_000)
    assert admissions["programmeLabel"] == "Better Care Fund"
    transfers = [r for m, r in rows.items() if "delayed transfer" in m]
    assert transfers and (transfers[0]["targetValue"], transfers[0]["outturnValue"], transfers[0]["cost"]) == \
        (-293_000, 185_000, 146_000_000)


def test_programme_timeline(ask) -> None:
    rows = ask("cq_programme_timeline", programme="Better Care Fund")
    dates = [str(r["date"]) for r in rows]
    assert dates == sorted(dates)
    items = {r["item"].removeprefix(ENT): str(r["date"]) for r in rows}
    assert items["nao-2014-planning-bcf-draft"] == "2014-10"
    assert items["nao-2014-planning-bcf"] == "2014-11-11"
    assert items["crit-hodge-bcf-shambles"] == "2014-11-11"
    assert items["nao-2017-health-social-care-integration"] == "2017-02-08"
    assert {r["kind"] for r in rows} >= {"document", "criticism", "response"}
    meetings = ask("cq_programme_timeline", programme="Community Budgets")
    assert "meeting" in {r["kind"] for r in meetings}


def test_programme_succession(ask) -> None:
    rows = {(r["earlier"].removeprefix(ENT), r["relation"], r["later"].removeprefix(ENT))
            for r in ask("cq_programme_succession")}
    assert ("total-place", "preceded", "community-budgets") in rows
    assert ("community-budgets", "includes", "whole-place-community-budgets") in rows


def test_statement_sources(ask, built: Project) -> None:
    rows = ask("cq_statement_sources", statement="ent:crit-hodge-bcf-shambles")
    article = [r for r in rows if r["source"].endswith("000_25aade20f43c5d21")]
    assert article and "shambles" in article[0]["sentence"]
    text = (built.sources_dir / "000_25aade20f43c5d21.txt").read_text(encoding="utf-8")
    for r in article:
        assert quote_matches(text, r["quote"], r["start"], r["end"])
        assert r["quote"].replace("\u201c", '"').split('"')[0].strip()[:20] in r["sentence"].replace("\u201c", '"')
    everything = ask("cq_statement_sources")
    assert len({r["statement"] for r in everything}) >= 150


def test_recommendations(ask) -> None:
    rows = ask("cq_recommendations")
    triples = {(r["byLabel"], r["toLabel"]) for r in rows}
    assert ("National Audit Office", "Department for Communities and Local Government") in triples
    assert ("National Audit Office", "Department for Education") in triples
    assert ("Philippa Roe", "the Chancellor of the Exchequer (unnamed in The MJ)") in triples
    assert len({r["recommendation"] for r in rows}) >= 5


def test_meetings(ask) -> None:
    rows = ask("cq_meetings")
    meetings = {r["meeting"].removeprefix(ENT): r for r in rows}
    assert set(meetings) == {"hanham-group-meeting-24-may", "bichard-steering-group-meeting-20-june"}
    assert meetings["hanham-group-meeting-24-may"]["chairLabel"] == "Baroness Hanham"
    assert meetings["bichard-steering-group-meeting-20-june"]["chairLabel"] == "Lord Bichard"
    decided = {r["decisionLabel"] for r in rows if r["meeting"] == ENT + "hanham-group-meeting-24-may"}
    assert any(d for d in decided if d)
