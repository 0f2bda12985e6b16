"""Run the evaluation over the corpus and the gold files; used by ``bench/ingest_eval.py`` and the tests."""

from __future__ import annotations

import json
import time
from dataclasses import dataclass, field
from pathlib import Path

from kg.ingest.evaluate import CATEGORIES, Gold, Score, corpus_gold, fixture_gold, predictions, score
from kg.ingest.extract import extract
from kg.ingest.gazetteer import Gazetteer
from kg.inputs import load_inputs
from kg.namespaces import DCTERMS, WKG
from kg.project import Project

__all__ = ["Evaluation", "evaluate", "gazetteer_for"]


@dataclass
class Evaluation:
    """Scores summed over a set of documents, per category, and per document."""

    name: str
    totals: dict[str, Score] = field(default_factory=lambda: {c: Score() for c in CATEGORIES})
    documents: dict[str, dict[str, Score]] = field(default_factory=dict)
    words: int = 0
    seconds: float = 0.0

    def add(self, doc: str, scores: dict[str, Score]) -> None:
        self.documents[doc] = scores
        for category, s in scores.items():
            self.totals[category].add(s)

    def measure(self, doc: str, text: str, gold: Gold, gaz: Gazetteer, *, publisher: str | None,
                known: set[str], author: str | None = None) -> None:
        """Extract from ``text`` (timed, words counted) and add its scores against ``gold``."""
        started = time.perf_counter()
        ex = extract(text, gaz, publisher=publisher, author=author)
        self.seconds += time.perf_counter() - started
        self.words += len(text.split())
        self.add(doc, score(predictions(ex, known), gold))


def gazetteer_for(project: Project) -> tuple[Gazetteer, object]:
    """The gazetteer of the project's curated graph, and the merged data graph."""
    inputs = load_inputs(project)
    data = inputs.data()
    return Gazetteer.from_graph(data, inputs.ontology), data


def evaluate(project: Project, fixtures: Path | None = None) -> list[Evaluation]:
    """The corpus evaluation and, when ``fixtures`` holds gold files, the gold-file evaluation; ``dev-*``
    gold files (excerpts of the corpus, made for development) are scored as a set of their own, and so are
    ``fixtures/round2/`` to ``fixtures/round7/`` (each held out once, then used for development) and
    ``fixtures/heldout/`` (set 8, annotated blind, scored after the extractor was frozen, never used to tune it)."""
    gaz, data = gazetteer_for(project)
    known = set(gaz.entries)
    corpus = Evaluation("corpus")
    for source in sorted(data.subjects(WKG.textFile, None)):
        name = str(data.value(source, WKG.textFile))
        if not name.endswith(".txt"):
            continue
        text = (project.sources_dir / name).read_text(encoding="utf-8")
        outlet = data.value(source, WKG.outlet) or data.value(source, DCTERMS.publisher)
        source_id = name.removesuffix(".txt")
        corpus.measure(source_id, text, corpus_gold(data, gaz, source_id, text), gaz,
                       publisher=str(outlet) if outlet else None, known=known)
    results = [corpus]

    def folder(name: str) -> list[Path]:
        return sorted((fixtures / name).glob("*.gold.json")) if fixtures and fixtures.is_dir() else []

    golds = folder(".")
    sets = (("gold files", [g for g in golds if not g.name.startswith("dev-")]),
            ("round 2", folder("round2")),  # held out once, then used for development (its README)
            ("round 3", folder("round3")),  # likewise
            ("round 4", folder("round4")),  # likewise
            ("round 5", folder("round5")),  # likewise
            ("round 6", folder("round6")),  # likewise
            ("round 7", folder("round7")),  # likewise
            ("held out", folder("heldout")),  # annotated after the extractor was frozen: the unseen measure
            ("dev sample", [g for g in golds if g.name.startswith("dev-")]))  # a corpus excerpt, not unseen
    for set_name, paths in sets:
        if not paths:
            continue
        new = Evaluation(set_name)
        for gold_path in paths:
            slug = gold_path.name.removesuffix(".gold.json")
            text_name = json.loads(gold_path.read_text(encoding="utf-8")).get("text_file", f"{slug}.txt")
            text = (gold_path.parent / text_name).read_text(encoding="utf-8")
            meta_path = gold_path.with_name(f"{slug}.meta.json")
            meta = json.loads(meta_path.read_text(encoding="utf-8")) if meta_path.is_file() else {}
            publisher, author = gaz.find_author(meta.get("publisher") or "")
            new.measure(slug, text, fixture_gold(gold_path), gaz, publisher=publisher, author=author, known=known)
        results.append(new)
    return results
