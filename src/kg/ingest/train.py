"""Training and cross-validation of the statement target chooser (``kg.ingest.targets``) on the development gold.

    python -m kg.ingest.train          # fit on the development sets, write kg/ingest/target_model.json
    python -m kg.ingest.train --cv     # leave one set out: rule against ranker, bench/results/targets.md

The development sets are ``kg.ingest.evalrun.DEV_SETS``: the six gold files of ``tests/fixtures/ingest`` and the
rounds held out once each (``round2/`` on).
Training examples are the statements the extractor finds with the hand rule alone (``targets=None``) that
overlap a gold statement whose target is among their candidates (matched as ``kg.ingest.evaluate`` matches
targets). The model is a conditional logit: a softmax over each statement's candidates, with an L2 penalty
``l2 * |w|^2 / 2``, fitted by L-BFGS-B from zero weights, so the same gold gives the same weights.
Gold under a folder named ``heldout`` is refused: the held-out set is never trained on, listed or scored.

One statement, two candidates, the first (feature 1) the gold target: the weight w solves w = 1 - sigmoid(w).

>>> fit([Example(np.array([[1.0], [0.0]]), np.array([True, False]))], l2=1.0).round(3)
array([0.401])
"""

from __future__ import annotations

import argparse
import hashlib
import sys
from collections.abc import Sized
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from scipy.optimize import minimize

from kg.ingest.evalrun import DEV_SETS, GoldDoc, read_gold
from kg.ingest.evaluate import Gold, Score, _overlap, _same, predictions, score
from kg.ingest.extract import extract
from kg.ingest.gazetteer import Gazetteer
from kg.ingest.model import Statement
from kg.ingest.targets import FEATURES, Candidate, TargetModel
from kg.problems import InvalidInput, KgError, Problem
from kg.project import Project

__all__ = ["L2", "Example", "cross_validate", "development_sets", "examples", "fit", "measure", "read_docs", "train"]

L2_GRID = (0.3, 1.0, 3.0, 10.0, 30.0)
L2 = 10.0  # chosen by leave-one-set-out cross-validation (bench/results/targets.md)
MODEL_FILE = Path(__file__).with_name("target_model.json")


@dataclass
class Example:
    """One statement's candidates as a feature matrix (a row each) and which of them are the gold target."""

    x: np.ndarray
    positive: np.ndarray


def refuse_heldout(paths: list[Path]) -> None:
    """Raise when any path lies under a folder named ``heldout`` (the blind set is never trained on)."""
    bad = [p for p in paths if "heldout" in Path(p).resolve().parts or "heldout" in Path(p).parts]
    if bad:
        raise InvalidInput([Problem("is under a folder named heldout: the held-out set is never trained on, "
                                    "listed or scored", file=str(p)) for p in bad])


def development_sets(fixtures: Path) -> dict[str, list[Path]]:
    """The gold files of each development set under ``fixtures`` (``dev-*`` excerpts of the corpus left out)."""
    refuse_heldout([fixtures])
    sets = {name: sorted(p for p in (fixtures / folder).glob("*.gold.json") if not p.name.startswith("dev-"))
            for name, folder in DEV_SETS}
    if missing := [name for name, paths in sets.items() if not paths]:
        raise KgError(f"no gold files for {', '.join(missing)} under {fixtures}")
    return sets


def read_docs(paths: list[Path], gaz: Gazetteer) -> list[GoldDoc]:
    """Each gold file with its text and metadata; a path under ``heldout`` is refused before anything is read."""
    refuse_heldout(paths)
    return [read_gold(path, gaz) for path in paths]


def _gold_target(st: Statement, gold: Gold) -> dict | None:
    """The first gold statement the predicted one overlaps, if it has a target."""
    g = next((g for g in gold.statements if _overlap({"start": st.start, "end": st.end}, g)), None)
    return g if g is not None and (g.get("target") or g.get("target_link")) else None


def _hits(g: dict, iri: str, name: str, known: set[str]) -> bool:
    return _same(iri if iri in known else None, name, g.get("target_link"), g.get("target"))


def traced(doc: GoldDoc, gaz: Gazetteer) -> list[tuple[Statement, list[Candidate]]]:
    """The rule's statements in ``doc`` (``targets=None``), each with its candidates."""
    trace: list[tuple[Statement, list[Candidate]]] = []
    extract(doc.text, gaz, publisher=doc.publisher, author=doc.author, targets=None, trace=trace)
    return trace


def examples(docs: list[GoldDoc], gaz: Gazetteer) -> list[Example]:
    """Training examples: rule statements overlapping a gold statement whose target is a candidate."""
    known, out = set(gaz.entries), []
    for doc in docs:
        for st, cands in traced(doc, gaz):
            g = _gold_target(st, doc.gold)
            positive = np.array([g is not None and _hits(g, c.iri, c.name, known) for c in cands], dtype=bool)
            if positive.any():
                out.append(Example(np.array([[c.features[f] for f in FEATURES] for c in cands]), positive))
    return out


def _loss(w: np.ndarray, x: np.ndarray, positive: np.ndarray, starts: np.ndarray, group: np.ndarray,
          l2: float, hessian: bool = False) -> tuple:
    """Negative log-likelihood of the gold targets (softmax per statement) plus the L2 penalty, its gradient and,
    when asked, its Hessian."""
    s = x @ w
    e = np.exp(s - np.maximum.reduceat(s, starts)[group])
    total = np.add.reduceat(e, starts)
    e_pos = np.where(positive, e, 0.0)
    total_pos = np.add.reduceat(e_pos, starts)
    p, q = e / total[group], e_pos / total_pos[group]  # all candidates, gold candidates
    value = float(np.sum(np.log(total) - np.log(total_pos)) + 0.5 * l2 * w @ w)
    grad = x.T @ (p - q) + l2 * w
    if not hessian:
        return value, grad
    xp, xq = np.add.reduceat(x * p[:, None], starts), np.add.reduceat(x * q[:, None], starts)
    return value, grad, x.T @ (x * (p - q)[:, None]) - xp.T @ xp + xq.T @ xq + l2 * np.eye(len(w))


def fit(train_on: list[Example], *, l2: float) -> np.ndarray:
    """Weights (one per feature column) that minimise the penalised conditional-logit loss: L-BFGS-B from zero,
    then Newton steps with the exact Hessian, so that the weights do not depend on where L-BFGS-B stopped."""
    x = np.vstack([e.x for e in train_on])
    positive = np.concatenate([e.positive for e in train_on])
    sizes = np.array([len(e.positive) for e in train_on])
    starts = np.concatenate([[0], np.cumsum(sizes)[:-1]])
    group = np.repeat(np.arange(len(train_on)), sizes)
    args = (x, positive, starts, group, l2)
    w = minimize(_loss, np.zeros(x.shape[1]), args=args, jac=True, method="L-BFGS-B",
                 options={"maxiter": 10000, "gtol": 1e-10}).x
    for _ in range(3):
        _, grad, hess = _loss(w, *args, hessian=True)
        w = w - np.linalg.solve(hess, grad)
    return w


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def train(docs: list[GoldDoc], gaz: Gazetteer, *, l2: float, root: Path) -> TargetModel:
    """A model fitted on ``docs``; ``trained_on`` names each gold file relative to ``root`` with its SHA-256."""
    weights = fit(examples(docs, gaz), l2=l2)
    trained_on = tuple({"path": d.path.resolve().relative_to(root.resolve()).as_posix(), "sha256": _sha256(d.path)}
                       for d in docs)
    return TargetModel({f: float(w) for f, w in zip(FEATURES, weights, strict=True)}, l2, trained_on)


def measure(docs: list[GoldDoc], gaz: Gazetteer, model: TargetModel | None) -> dict[str, Score]:
    """Target accuracy on statements that overlap a gold statement (``targets``: tp right, fn wrong), and the
    evaluation's criticisms and statements scores, for one way of choosing targets."""
    known = set(gaz.entries)
    out = {"targets": Score(), "criticisms": Score(), "statements": Score()}
    for doc in docs:
        ex = extract(doc.text, gaz, publisher=doc.publisher, author=doc.author, targets=model)
        for st in ex.statements:
            if (g := _gold_target(st, doc.gold)) is not None:
                right = _hits(g, st.target, st.target_name, known)
                out["targets"].add(Score(tp=int(right), fn=int(not right)))
        scores = score(predictions(ex, known), doc.gold, author=doc.author)
        out["criticisms"].add(scores["criticisms"])
        out["statements"].add(scores["statements"])
    return out


def _count(items: Sized) -> str:
    """How many, in words up to twenty ("fourteen"), for the report's sentences.

    >>> _count(range(14)), _count(range(21))
    ('fourteen', '21')
    """
    words = ("no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve",
             "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen", "twenty")
    return words[len(items)] if len(items) < len(words) else str(len(items))


def _row(*cells: object) -> str:
    return "| " + " | ".join(str(c) for c in cells) + " |"


def cross_validate(docs: dict[str, list[GoldDoc]], gaz: Gazetteer, grid: tuple[float, ...]) -> str:
    """Leave one development set out: the rule alone against a ranker trained on the other sets, for each L2
    strength in ``grid``; the L2 with the best mean target accuracy over the left-out sets is reported in full.
    Returns the Markdown report."""
    train_on = {name: examples(ds, gaz) for name, ds in docs.items()}
    rule = {name: measure(ds, gaz, None) for name, ds in docs.items()}
    ranked: dict[float, dict[str, dict[str, Score]]] = {}
    for l2 in grid:
        ranked[l2] = {}
        for name, ds in docs.items():
            w = fit([e for other, es in train_on.items() if other != name for e in es], l2=l2)
            ranked[l2][name] = measure(ds, gaz, TargetModel(dict(zip(FEATURES, map(float, w), strict=True)), l2))

    def mean(results: dict[str, dict[str, Score]]) -> float:
        return sum(r["targets"].recall for r in results.values()) / len(results)

    def summed(results: dict[str, dict[str, Score]], category: str) -> Score:
        total = Score()
        for r in results.values():
            total.add(r[category])
        return total

    chosen = max(grid, key=lambda l2: (round(mean(ranked[l2]), 9), l2))
    best = ranked[chosen]
    lines = ["# Target chooser: leave-one-set-out cross-validation", "",
             "`python -m kg.ingest.train --cv`. Each development set is left out in turn; the ranker is trained on "
             "all the others and both ways of choosing targets are scored on the left-out set. Target accuracy is "
             "over the statements found that overlap a gold statement; criticisms and statements F1 are "
             "`kg.ingest.evaluate`'s. `all` sums tp, fp and fn over the left-out sets.", "",
             _row("L2", "mean target accuracy", "target accuracy (all)", "criticisms F1 (all)", "statements F1 (all)"),
             _row(*["---"] * 5)]
    for l2 in grid:
        lines.append(_row(l2, f"{mean(ranked[l2]):.3f}", f"{summed(ranked[l2], 'targets').recall:.3f}",
                          f"{summed(ranked[l2], 'criticisms').f1:.3f}", f"{summed(ranked[l2], 'statements').f1:.3f}"))
    lines += ["", f"rule alone: mean target accuracy {mean(rule):.3f}, all {summed(rule, 'targets').recall:.3f}, "
                  f"criticisms F1 {summed(rule, 'criticisms').f1:.3f}, "
                  f"statements F1 {summed(rule, 'statements').f1:.3f}",
              "", f"L2 chosen: {chosen} (the best mean target accuracy over the {_count(docs)} left-out sets).", "",
              _row("left-out set", "documents", "overlapping", "gold among candidates", "target acc. rule", "ranker",
                   "criticisms F1 rule", "ranker", "statements F1 rule", "ranker"), _row(*["---"] * 10)]
    cells = [(name, len(docs[name]), len(train_on[name]), rule[name], best[name]) for name in docs]
    cells.append(("all", sum(len(d) for d in docs.values()), sum(len(e) for e in train_on.values()),
                  {c: summed(rule, c) for c in ("targets", "criticisms", "statements")},
                  {c: summed(best, c) for c in ("targets", "criticisms", "statements")}))
    for name, n, reachable, r, b in cells:
        t = r["targets"]
        lines.append(_row(name, n, t.tp + t.fn, reachable, f"{t.recall:.3f} ({t.tp})", f"{b['targets'].recall:.3f} "
                          f"({b['targets'].tp})", f"{r['criticisms'].f1:.2f}", f"{b['criticisms'].f1:.2f}",
                          f"{r['statements'].f1:.2f}", f"{b['statements'].f1:.2f}"))
    rc, bc = summed(rule, "criticisms"), summed(best, "criticisms")
    lines += ["", f"Criticisms over all left-out sets: rule tp {rc.tp} fp {rc.fp} fn {rc.fn} (F1 {rc.f1:.3f}), "
                  f"ranker tp {bc.tp} fp {bc.fp} fn {bc.fn} (F1 {bc.f1:.3f}): the ranker "
                  f"{'beats' if bc.f1 > rc.f1 else 'does not beat'} the rule.", "",
              f"The features were chosen while looking at the rule's errors on all {_count(docs)} sets, and L2 is "
              "chosen on the same folds (no nested cross-validation), so these figures flatter the ranker somewhat; "
              "the blind set scored after the freeze is the measure."]
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    """The command line (see the module docstring)."""
    parser = argparse.ArgumentParser(prog="python -m kg.ingest.train", description=__doc__.split("\n\n")[0])
    parser.add_argument("--cv", action="store_true", help="leave-one-set-out cross-validation instead of training")
    parser.add_argument("--l2", type=float, default=L2, help=f"L2 strength when training (default {L2})")
    parser.add_argument("--fixtures", type=Path, help="the gold folder (default tests/fixtures/ingest)")
    parser.add_argument("--out", type=Path, default=MODEL_FILE, help="the model file to write")
    parser.add_argument("--results", type=Path, help="the CV table (default bench/results/targets.md)")
    args = parser.parse_args(argv)
    try:
        from kg.ingest.evalrun import gazetteer_for

        project = Project.find()
        fixtures = args.fixtures or project.root / "tests" / "fixtures" / "ingest"
        sets = development_sets(fixtures)
        gaz, _ = gazetteer_for(project)
        docs = {name: read_docs(paths, gaz) for name, paths in sets.items()}
        if args.cv:
            table = cross_validate(docs, gaz, L2_GRID)
            out = args.results or project.root / "bench" / "results" / "targets.md"
            out.write_text(table, encoding="utf-8")
            print(table, end="")
            return 0
        model = train([d for ds in docs.values() for d in ds], gaz, l2=args.l2, root=project.root)
        args.out.write_text(model.as_json(), encoding="utf-8")
        print(f"wrote {args.out}: {len(FEATURES)} weights, l2 {args.l2}, {len(model.trained_on)} gold files")
        return 0
    except KgError as exc:
        for problem in getattr(exc, "problems", []) or [exc]:
            print(f"error: {problem}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
