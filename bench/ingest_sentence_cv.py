#!/usr/bin/env python3
"""Would a learned sentence classifier find criticisms better than the cue lexicon? Leave-one-set-out figures.

Each sentence of the development gold sets (the six gold files and the retired rounds under tests/fixtures/ingest,
as ``kg.ingest.train.development_sets`` finds them; never heldout/) is labelled "criticism" when it overlaps a
gold criticism. Three detectors are compared on each left-out set, trained on the others:

- rule: the cue lexicon (``kg.ingest.cues.best_cue``) gives a criticism cue;
- classifier: L2-regularised logistic regression on the sentence's lower-case words and word pairs (seen at
  least twice in training) plus the cue's kind as a feature, fitted with scipy's L-BFGS-B;
- union: either.

This scores the sentence only, not critic or target, so it bounds what a better detector could add. The rule
was written looking at these sets, so its figures here flatter it; the classifier's are fair cross-validation.

    .venv/bin/python bench/ingest_sentence_cv.py     # prints a table; writes bench/results/sentence_cv.md
"""

from __future__ import annotations

import math
import re
from collections import Counter
from pathlib import Path

import numpy as np
from scipy.optimize import minimize

from kg.ingest.cues import best_cue
from kg.ingest.evaluate import fixture_gold
from kg.ingest.sentences import split_sentences
from kg.ingest.train import development_sets

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "tests" / "fixtures" / "ingest"
Row = tuple[frozenset[str], bool, bool]  # features, is a gold criticism, the rule says criticism
Sentence = tuple[str, bool, tuple | None]  # text, is a gold criticism, the cue


def _features(chunk: str, cue: tuple | None) -> frozenset[str]:
    words = re.findall(r"[a-z’']+", chunk.lower())
    return frozenset({*words, *(f"{a}_{b}" for a, b in zip(words, words[1:], strict=False)),
                      f"CUE_{cue[0]}" if cue else "NOCUE"})


def labelled_sentences() -> dict[str, list[Sentence]]:
    """Each development set's sentences in order (the target chooser's sets; never heldout/): the text, whether
    it overlaps a gold criticism, and the cue the lexicon finds in it (``None`` when none)."""
    out: dict[str, list[Sentence]] = {}
    for name, paths in development_sets(FIXTURES).items():
        out[name] = []
        for gold_path in paths:
            text = gold_path.with_name(gold_path.name.removesuffix(".gold.json") + ".txt").read_text(encoding="utf-8")
            gold = [g for g in fixture_gold(gold_path).statements if g["kind"] == "criticism"]
            out[name] += [(text[s.start:s.end], any(g["start"] < s.end and s.start < g["end"] for g in gold),
                           best_cue(text[s.start:s.end])) for s in split_sentences(text)]
    return out


def sentence_rows(sentences: dict[str, list[Sentence]] | None = None) -> dict[str, list[Row]]:
    """Sentence rows per development set, from ``sentences`` (:func:`labelled_sentences` when not given)."""
    sentences = labelled_sentences() if sentences is None else sentences
    return {name: [(_features(chunk, cue), gold, bool(cue and cue[0] == "criticism")) for chunk, gold, cue in rows]
            for name, rows in sentences.items()}


def fit(rows: list[Row], *, l2: float) -> tuple[dict[str, int], np.ndarray]:
    """Feature index and weights (the last is the bias) of a logistic regression."""
    counts = Counter(f for row in rows for f in row[0])
    index = {f: i for i, f in enumerate(sorted(f for f, c in counts.items() if c >= 2))}
    x = np.zeros((len(rows), len(index) + 1))
    x[:, -1] = 1.0
    for i, row in enumerate(rows):
        x[i, [index[f] for f in row[0] if f in index]] = 1.0
    y = np.array([row[1] for row in rows], dtype=float)

    def loss(w: np.ndarray) -> tuple[float, np.ndarray]:
        p = 1.0 / (1.0 + np.exp(-(x @ w)))
        value = -np.sum(y * np.log(p + 1e-12) + (1 - y) * np.log(1 - p + 1e-12)) + l2 * np.sum(w[:-1] ** 2)
        grad = x.T @ (p - y)
        grad[:-1] += 2 * l2 * w[:-1]
        return float(value), grad

    return index, minimize(loss, np.zeros(x.shape[1]), jac=True, method="L-BFGS-B").x


def _p(index: dict[str, int], w: np.ndarray, features: frozenset[str]) -> float:
    return 1.0 / (1.0 + math.exp(-(w[-1] + sum(w[index[f]] for f in features if f in index))))


def main() -> None:
    data = sentence_rows()
    lines = ["| L2 | threshold | detector | precision | recall | F1 |", "|---|---|---|---|---|---|"]
    for l2 in (0.3, 1.0, 3.0):
        for threshold in (0.3, 0.5):
            counts: Counter[tuple[str, str]] = Counter()
            for held in data:
                index, w = fit([r for name, rows in data.items() if name != held for r in rows], l2=l2)
                for features, gold, rule in data[held]:
                    learned = _p(index, w, features) >= threshold
                    for name, said in (("rule", rule), ("classifier", learned), ("union", rule or learned)):
                        counts[name, "tp"] += said and gold
                        counts[name, "fp"] += said and not gold
                        counts[name, "fn"] += gold and not said
            for name in ("rule", "classifier", "union"):
                tp, fp, fn = counts[name, "tp"], counts[name, "fp"], counts[name, "fn"]
                lines.append(f"| {l2} | {threshold} | {name} | {tp / (tp + fp):.2f} | {tp / (tp + fn):.2f} "
                             f"| {2 * tp / (2 * tp + fp + fn):.2f} |")
    table = "\n".join(lines)
    print(table)
    out = ROOT / "bench" / "results" / "sentence_cv.md"
    out.write_text("# Criticism sentences: cue lexicon against a learned classifier (leave one set out)\n\n"
                   f"Written by bench/ingest_sentence_cv.py.\n\n{table}\n", encoding="utf-8")


if __name__ == "__main__":
    main()
