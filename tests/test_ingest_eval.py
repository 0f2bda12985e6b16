"""The extractor against gold: the floors of issue #7 on the corpus and on the gold files (bench/ingest_eval.py
gives the full report and the speed)."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

from kg.ingest.evalrun import DEV_SETS, evaluate
from kg.ingest.evaluate import Gold, Score, fixture_gold, predictions, score
from kg.ingest.extract import extract
from kg.ingest.gazetteer import Gazetteer
from kg.project import Project

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "tests" / "fixtures" / "ingest"


@pytest.fixture(scope="module")
def results() -> dict:
    return {ev.name: ev for ev in evaluate(Project(ROOT), FIXTURES)}


def test_corpus_recall_floors(results) -> None:
    corpus = results["corpus"]
    assert len(corpus.documents) == 5
    assert corpus.totals["entities"].recall >= 0.95, corpus.totals["entities"]
    assert corpus.totals["figures"].recall >= 0.95, corpus.totals["figures"]
    assert corpus.totals["links"].recall >= 0.95, corpus.totals["links"]


# The six gold files were the first development set; rounds 2 to 19 were each scored unseen once (statements F1
# 0.13, 0.48, 0.25, 0.32, 0.28, 0.24, 0.15, 0.20, 0.19, 0.29, 0.12, 0.26, 0.17, 0.20, 0.19, 0.33, 0.18 and 0.23),
# then used for development. The entity and figure floors hold on all nineteen.
@pytest.mark.parametrize(("name", "documents"), [("gold files", 6), ("round 2", 4), ("round 3", 4), ("round 4", 5),
                                                 ("round 5", 11), ("round 6", 12), ("round 7", 12),
                                                 ("round 8", 12), ("round 9", 12), ("round 10", 12),
                                                 ("round 11", 12), ("round 12", 12), ("round 13", 12),
                                                 ("round 14", 12), ("round 15", 11),
                                                 ("round 16", 12), ("round 17", 12), ("round 18", 12),
                                                 ("round 19", 12)])
def test_development_set_entity_and_figure_floors(results, name: str, documents: int) -> None:
    dev = results[name]
    assert len(dev.documents) == documents
    assert dev.totals["entities"].f1 >= 0.85, dev.totals["entities"]
    assert dev.totals["figures"].f1 >= 0.85, dev.totals["figures"]


# The statement floor holds on the first four (round 4 since extractor 1.5), so a statement rule that only fits one
# set fails here; rounds 5 to 10 (0.51, 0.41, 0.39, 0.31, 0.27 and 0.31 with extractor 1.7) are the shortfall the
# held-out tests below record.
@pytest.mark.parametrize("name", ["gold files", "round 2", "round 3", "round 4"])
def test_development_set_statement_floor(results, name: str) -> None:
    assert results[name].totals["statements"].f1 >= 0.70, results[name].totals["statements"]


@pytest.fixture(scope="module")
def held_out(results):
    """Set 20 (tests/fixtures/ingest/heldout): two annotators, blind, while extractor 1.18 was written; scored once
    after it was frozen; never tuned on."""
    assert len(results["held out"].documents) == 12
    return results["held out"].totals


# The floors for new documents on the held-out set: entities and figures hold on set 20; criticisms and
# statements are known shortfalls, strict expected failures with their history as the reason, so each turns into a
# failure the day it is met.
@pytest.mark.parametrize("category", [
    "entities",  # set 20: 0.90 (extractor 1.18); below the floor on sets 5, 6, 7, 9, 10, 14, 16 (0.80) and 18 (0.83)
    "figures",
    pytest.param("criticisms", marks=pytest.mark.xfail(strict=True, reason=(
        "known shortfall: criticisms with the right critic and target, F1 0.21 on held-out set 6, 0.23 on set 7, "
        "0.13 on set 8, 0.18 on set 9, 0.24 on set 10, 0.34 on set 11, 0.08 on set 12, 0.25 on set 13, 0.20 on "
        "set 14, 0.22 on set 15, 0.16 on set 16, 0.38 on set 17, 0.27 on set 18, 0.22 on set 19 and 0.11 on set "
        "20 against 0.70"))),
    pytest.param("statements", marks=pytest.mark.xfail(strict=True, reason=(
        "known shortfall: statement rules do not yet generalise; unseen statements F1 was 0.13 (round 2), 0.48 "
        "(round 3), 0.25 (round 4), 0.32 (set 5), 0.28 (set 6), 0.24 (set 7), 0.15 (set 8), 0.20 (set 9), 0.19 "
        "(set 10), 0.29 (set 11), 0.12 (set 12), 0.26 (set 13), 0.17 (set 14), 0.20 (set 15), 0.19 (set 16), "
        "0.33 (set 17), 0.18 (set 18), 0.23 (set 19) and 0.23 (set 20) against 0.70"))),
])
def test_held_out_floor(held_out, category: str) -> None:
    floor = 0.85 if category in ("entities", "figures") else 0.70
    assert held_out[category].f1 >= floor, held_out[category]


def test_statement_critic_matches_by_link_then_name() -> None:
    """A chair speaking for a committee is not the committee; an unlinked source matches by its name."""
    gold = {"start": 0, "end": 10, "kind": "criticism", "critic": "Margaret Hodge", "critic_link": "ent:hodge",
            "target": "DCLG", "target_link": "ent:dclg"}
    as_committee = dict(gold, critic="Committee of Public Accounts", critic_link="ent:pac")
    unlinked_same_name = dict(gold, critic="Margaret Hodge", critic_link=None)
    wrong_target = dict(gold, target="Government", target_link="ent:gov")
    for pred, tp in ((gold, 1), (as_committee, 0), (unlinked_same_name, 1), (wrong_target, 0)):
        got = score(Gold(statements=[pred]), Gold(statements=[gold]))["statements"]
        assert (got.tp, got.fp, got.fn) == (tp, 1 - tp, 1 - tp), pred


def test_an_unlinked_committee_matches_by_any_form_of_its_name_or_a_reference_to_the_author() -> None:
    """"Home Affairs Select Committee" is the Home Affairs Committee; on its own page, "The Committee" and "Its
    report" are that committee too, but not on a page another body wrote, and a link still decides."""
    gold = {"start": 0, "end": 10, "kind": "criticism", "critic": "Home Affairs Select Committee",
            "critic_link": None, "target": "Government", "target_link": "ent:gov"}
    by_name = dict(gold, critic="Home Affairs Committee")
    by_reference = dict(gold, critic="The Committee")
    other = dict(gold, critic="Justice Committee")
    linked = dict(gold, critic="The Committee", critic_link="ent:pac")
    for pred, author, tp in ((by_name, None, 1), (other, None, 0), (by_reference, None, 0),
                             (by_reference, "Home Affairs Committee", 1), (by_reference, "Justice Committee", 0),
                             (dict(gold, critic="Its report"), "House of Commons Home Affairs Committee", 1),
                             (linked, "Home Affairs Committee", 0)):
        got = score(Gold(statements=[pred]), Gold(statements=[gold]), author=author)["statements"]
        assert (got.tp, got.fp, got.fn) == (tp, 1 - tp, 1 - tp), (pred, author)


def test_dev_sample_is_scored(results) -> None:
    dev = results["dev sample"].totals
    assert dev["figures"].f1 == 1.0 and dev["entities"].recall >= 0.8


def test_scoring_counts_matches_by_the_rules() -> None:
    gold = fixture_gold(FIXTURES / "dev-sample.gold.json")
    perfect = score(gold, gold)
    assert all(s.fn == 0 and s.fp == 0 for s in perfect.values())
    shifted = fixture_gold(FIXTURES / "dev-sample.gold.json")
    for f in shifted.figures:
        f["value"] *= 1.01  # 1% off: outside the 0.5% tolerance
    wrong = score(shifted, gold)["figures"]
    assert (wrong.tp, wrong.fp, wrong.fn) == (0, len(gold.figures), len(gold.figures))
    assert Score(tp=1, fp=1, fn=2).f1 == pytest.approx(0.4)


def test_criticisms_category_counts_criticisms_only() -> None:
    """The issue's category: a criticism with the right critic and target; other kinds are not counted in it."""
    crit = {"start": 0, "end": 10, "kind": "criticism", "critic": "NAO", "critic_link": "ent:nao", "target": "DCLG",
            "target_link": "ent:dclg"}
    rec = dict(crit, start=20, end=30, kind="recommendation")
    as_recommendation = dict(crit, kind="recommendation")
    got = score(Gold(statements=[crit, rec]), Gold(statements=[crit, rec]))
    assert (got["criticisms"].tp, got["criticisms"].fp, got["criticisms"].fn) == (1, 0, 0)
    assert (got["statements"].tp, got["statements"].fp, got["statements"].fn) == (2, 0, 0)
    wrong_kind = score(Gold(statements=[as_recommendation]), Gold(statements=[crit]))["criticisms"]
    assert (wrong_kind.tp, wrong_kind.fp, wrong_kind.fn) == (0, 0, 1)


def test_a_new_entity_is_scored_by_its_label() -> None:
    """The candidate graph links "TR" to the node "Transforming Rehabilitation"; gold naming it so matches."""
    text = "The reforms, known as Transforming Rehabilitation (TR), began. We believe TR has failed."
    pred = predictions(extract(text, Gazetteer(), author="Justice Committee"), set())
    [s] = pred.statements
    assert (s["critic"], s["target"], s["target_link"]) == ("Justice Committee", "Transforming Rehabilitation", None)


@pytest.fixture(scope="module")
def checker():
    """tests/fixtures/ingest/check_gold.py, a standard-library script beside the gold, as a module."""
    spec = importlib.util.spec_from_file_location("check_gold", FIXTURES / "check_gold.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize("folder", [sub for _, sub in DEV_SETS] + ["heldout"])
def test_every_gold_folder_checks(checker, folder: str) -> None:
    """check_gold.py (offsets, spans, kinds, links, metadata, encoding) passes on every set, held-out one included."""
    assert checker.main((FIXTURES / folder).resolve()) == 0


def test_second_annotations_check(capsys) -> None:
    """agreement/check_statements.py (the gold checker's item and overlap checks, and its own) passes on every
    second annotator's statements, each of which names a text of a round folder."""
    spec = importlib.util.spec_from_file_location("check_statements", FIXTURES / "agreement" / "check_statements.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    assert module.main() == 0, capsys.readouterr().out
    assert capsys.readouterr().out.startswith("139 statements")


def test_no_document_is_used_twice(checker) -> None:
    """Each gold document of every set comes from its own page: a URL used twice would score a set on a text the
    extractor was developed on."""
    urls = checker.used_urls()
    assert len(urls) >= 209 and not {u: m for u, m in urls.items() if len(m) > 1}


def test_no_gold_text_repeats_another(checker) -> None:
    """Nor is a document used twice under two URLs (a Lords question stored by hansard.parliament.uk and by
    publications.parliament.uk): no gold text shares more than a quarter of its eight-word runs with a text of
    another set or of data/sources/."""
    assert checker.shared_texts() == []

