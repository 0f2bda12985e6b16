#!/usr/bin/env python3
"""Inter-annotator agreement on statements: how often two people, blind to each other, pick the same sentences
with the same kind, critic and target (the matcher of ``bench/ingest_eval.py``, the second annotators' files in
``tests/fixtures/ingest/agreement/`` scored against the first annotator's gold in the round folders they name:
``round3/``, ``round4/`` and ``round16/``), per document and by set. It says how far the issue's floors (F1 0.70
for statements and for criticisms with critic and target) are from what people agree on.

    .venv/bin/python bench/ingest_agreement.py
"""

from __future__ import annotations

import argparse
from pathlib import Path

from kg.ingest.evalrun import gazetteer_for, read_gold
from kg.ingest.evaluate import Gold, Score, fixture_gold, score
from kg.project import Project

ROOT = Path(__file__).resolve().parents[1]


def _loose(items: list[dict], *, kind: bool) -> list[dict]:
    """The statements with critic and target made irrelevant (and the kind too unless ``kind``)."""
    return [dict(x, critic_link=None, critic="c", target_link=None, target="t", **({} if kind else {"kind": "k"}))
            for x in items]


LEVELS = ("same sentences", "and kind", "and kind, critic and target", "criticisms with critic and target")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--fixtures", type=Path, default=ROOT / "tests" / "fixtures" / "ingest")
    args = parser.parse_args(argv)
    gaz, _ = gazetteer_for(Project.find(ROOT))
    by_set: dict[str, dict[str, Score]] = {}
    for second in sorted((args.fixtures / "agreement").glob("*.statements.json")):
        slug = second.name.removesuffix(".statements.json")
        first = next(args.fixtures.glob(f"round*/{slug}.gold.json"))
        a, b = fixture_gold(first).statements, fixture_gold(second).statements
        author = read_gold(first, gaz).author  # a committee the graph lacks: "the Committee" on its page is it
        full = score(Gold(statements=b), Gold(statements=a), author=author)
        found = dict(zip(LEVELS, (
            score(Gold(statements=_loose(b, kind=False)), Gold(statements=_loose(a, kind=False)))["statements"],
            score(Gold(statements=_loose(b, kind=True)), Gold(statements=_loose(a, kind=True)))["statements"],
            full["statements"], full["criticisms"]), strict=True))
        for group in (first.parent.name, "all"):  # each document counts in its set and in all
            levels = by_set.setdefault(group, {name: Score() for name in LEVELS})
            for name, s in found.items():
                levels[name].add(s)
        print(f"{first.parent.name}/{slug}: first {len(a)}, second {len(b)}, agreement F1 {full['statements'].f1:.2f}")
    print("| set | agreement on | first annotator's matched | second's matched | F1 |\n|---|---|---|---|---|")
    for group in sorted(by_set, key=lambda g: (g == "all", int(g.removeprefix("round")) if g != "all" else 0)):
        for name, s in by_set[group].items():
            print(f"| {group} | {name} | {s.tp} of {s.tp + s.fn} | {s.tp} of {s.tp + s.fp} | {s.f1:.2f} |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
