"""The statement target chooser (kg.ingest.targets) and its training (kg.ingest.train): the committed model is what
training on the committed development gold gives, it never saw a held-out path, and it changes a target only where
the model outranks the rule's choice."""

from __future__ import annotations

import hashlib
import json
import math
from pathlib import Path

import pytest

from kg.ingest import train
from kg.ingest.evalrun import gazetteer_for
from kg.ingest.extract import extract
from kg.ingest.gazetteer import Entry, Gazetteer
from kg.ingest.statements import find_statements
from kg.ingest.targets import FEATURES, Candidate, TargetModel, choose, packaged_model
from kg.namespaces import WKG
from kg.problems import InvalidInput
from kg.project import Project

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "tests" / "fixtures" / "ingest"
RETRAIN = "run `make train-targets`"


@pytest.fixture(scope="module")
def committed() -> dict:
    return json.loads(train.MODEL_FILE.read_text(encoding="utf-8"))


def test_trained_on_no_heldout_path(committed) -> None:
    paths = [item["path"] for item in committed["trained_on"]]
    assert paths and not [p for p in paths if "heldout" in Path(p).parts], paths
    expected = sorted(p.relative_to(ROOT).as_posix() for ps in train.development_sets(FIXTURES).values() for p in ps)
    assert sorted(paths) == expected, f"the model was trained on other gold files: {RETRAIN}"


def test_trained_on_gold_files_are_unchanged(committed) -> None:
    for item in committed["trained_on"]:
        path = ROOT / item["path"]
        assert path.is_file(), f"{item['path']} is gone: {RETRAIN}"
        digest = hashlib.sha256(path.read_bytes()).hexdigest()
        assert digest == item["sha256"], f"{item['path']} changed since the target model was trained: {RETRAIN}"


def test_retraining_reproduces_the_committed_weights(committed) -> None:
    gaz, _ = gazetteer_for(Project(ROOT))
    docs = [d for paths in train.development_sets(FIXTURES).values() for d in train.read_docs(paths, gaz)]
    model = train.train(docs, gaz, l2=committed["l2"], root=ROOT)
    assert committed["features"] == list(FEATURES), f"the features changed: {RETRAIN}"
    off = {f: (w, model.weights[f]) for f, w in committed["weights"].items() if abs(w - model.weights[f]) > 1e-6}
    assert not off, f"retraining gives other weights (the extractor or the gold changed): {RETRAIN}; {off}"
    assert list(model.trained_on) == committed["trained_on"]


def test_the_packaged_model_loads_with_these_features() -> None:
    model = packaged_model()
    assert set(model.weights) == set(FEATURES) and model.l2 > 0
    assert packaged_model() is model  # read once


def test_a_model_file_for_other_features_is_refused(tmp_path: Path) -> None:
    stale = tmp_path / "target_model.json"
    stale.write_text(json.dumps({"features": ["is_rule"], "weights": {"is_rule": 1.0}, "l2": 1.0}), encoding="utf-8")
    with pytest.raises(InvalidInput) as caught:
        TargetModel.from_file(stale)
    assert "make train-targets" in str(caught.value.problems[0]) and str(stale) in str(caught.value.problems[0])


def test_training_refuses_a_heldout_path(tmp_path: Path) -> None:
    blind = tmp_path / "heldout" / "x.gold.json"  # refused before anything is read: the file need not exist
    with pytest.raises(InvalidInput) as caught:
        train.read_docs([FIXTURES / "dev-sample.gold.json", blind], Gazetteer())
    [problem] = caught.value.problems
    assert problem.file == str(blind) and "heldout" in problem.message
    with pytest.raises(InvalidInput):
        train.development_sets(tmp_path / "heldout")
    assert train.main(["--fixtures", str(tmp_path / "heldout"), "--out", str(tmp_path / "m.json")]) == 1
    assert not (tmp_path / "m.json").exists()


def test_choose_takes_the_best_score_and_its_softmax_probability() -> None:
    rule, subject, other = Candidate("a", "ent:a", "A"), Candidate("b", "ent:b", "B"), Candidate("c", "", "C")
    rule.features["is_rule"] = 1.0
    subject.features.update(subject=1.0, executive=1.0)
    model = TargetModel({"is_rule": 1.0, "subject": 0.5, "executive": 1.0})
    best, p = choose([rule, subject, other], model)
    assert best is subject
    assert p == pytest.approx(math.exp(1.5) / (math.exp(1.0) + math.exp(1.5) + 1.0))
    assert choose([], model) is None
    tie, _ = choose([rule, subject], TargetModel({"is_rule": 1.0, "subject": 1.0}))
    assert tie is rule  # the first on a tie


def _gazetteer() -> Gazetteer:
    gov = Entry("ent:gov", "Government", "organisation", frozenset({str(WKG.Government)}))
    fund = Entry("ent:fund", "Wigan Fund", "programme", frozenset({str(WKG.Programme)}))
    gaz = Gazetteer(entries={gov.iri: gov, fund.iri: fund})
    gaz.add_name(gov.iri, "Government")
    gaz.add_name(fund.iri, "Wigan Fund")
    return gaz


def test_a_model_overrides_the_rule_and_its_probability_sets_the_confidence() -> None:
    text = "The Wigan Fund has failed to deliver the savings that the Government promised."
    gaz = _gazetteer()
    [ruled] = extract(text, gaz, author="Public Accounts Committee", targets=None).statements
    assert (ruled.target, ruled.target_name) == ("ent:fund", "Wigan Fund")  # the rule: first body in the clause
    model = TargetModel({"executive": 2.0})  # prefers the government body
    ex = extract(text, gaz, author="Public Accounts Committee", targets=None)
    trace: list = []
    [ranked] = find_statements(text, ex.sentences, ex.mentions, ex.quotes, gaz=gaz, author="Public Accounts Committee",
                               targets=model, trace=trace)
    assert (ranked.target, ranked.target_name, ranked.critic_name) == ("ent:gov", "Government",
                                                                      "Public Accounts Committee")
    [(_, cands)] = trace
    assert [c.name for c in cands] == ["Wigan Fund", "Government"]
    _, p = choose(cands, model)
    assert 0.5 < p < 1
    # the rule's adjustment here is 0 (first body of the clause); the override's is -0.2 * (1 - p)
    assert ranked.confidence == round(ruled.confidence - 0.2 * (1 - p), 2) and 0 < ranked.confidence <= 1
    agreeing = extract(text, gaz, author="Public Accounts Committee", targets=TargetModel({"is_rule": 3.0}))
    assert [(s.target, s.target_name, s.confidence) for s in agreeing.statements] == [
        (ruled.target, ruled.target_name, ruled.confidence)]  # agreeing with the rule changes nothing
