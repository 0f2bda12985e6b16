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

__all__ = ["DEV_SETS", "Evaluation", "GoldDoc", "evaluate", "gazetteer_for", "read_gold"]

# the development sets: the first gold files (in the fixtures folder itself) and the rounds held out once each
DEV_SETS = (("gold files", "."), ("round 2", "round2"), ("round 3", "round3"), ("round 4", "round4"),
            ("round 5", "round5"), ("round 6", "round6"), ("round 7", "round7"), ("round 8", "round8"),
            ("round 9", "round9"), ("round 10", "round10"),
            ("round 11", "round11"), ("round 12", "round12"), ("round 13", "round13"),
            ("round 14", "round14"), ("round 15", "round15"),
            ("round 16", "round16"), ("round 17", "round17"), ("round 18", "round18"),
            ("round 19", "round19"))


@dataclass
class GoldDoc:
    """One gold document: its file, text, publisher or author as the evaluation finds them, and its gold."""

    path: Path
    text: str
    publisher: str | None
    author: str | None
    gold: Gold


def read_gold(path: Path, gaz: Gazetteer) -> GoldDoc:
    """A gold file (``<slug>.gold.json``) with its text and, from ``<slug>.meta.json``, its publisher or author."""
    slug = path.name.removesuffix(".gold.json")
    text_name = json.loads(path.read_text(encoding="utf-8")).get("text_file", f"{slug}.txt")
    meta_path = path.with_name(f"{slug}.meta.json")
    meta = json.loads(meta_path.read_text(encoding="utf-8")) if meta_path.is_file() else {}
    publisher, author = gaz.find_author(meta.get("publisher") or "")
    return GoldDoc(path, (path.parent / text_name).read_text(encoding="utf-8"), publisher, author,
                   fixture_gold(path))


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
        self.add(doc, score(predictions(ex, known), gold, author=author))


def gazetteer_for(project: Project) -> tuple[Gazetteer, object]:
    """The gazetteer of the project's curated graph, and the merged data graph."""
    inputs = load_inputs(project)
    data = inputs.data()
    return Gazetteer.from_graph(data, inputs.ontology), data


def evaluate(project: Project, fixtures: Path | None = None) -> list[Evaluation]:
    """The corpus evaluation and, when ``fixtures`` holds gold files, the gold-file evaluation; ``dev-*``
    gold files (excerpts of the corpus, made for development) are scored as a set of their own, and so are
    ``fixtures/round2/`` to ``fixtures/round19/`` (each held out once, then used for development) and
    ``fixtures/heldout/`` (set 20, annotated blind, scored after the extractor was frozen, never used to tune it)."""
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
    # each round was held out once, then used for development (its README); "dev-*" files are corpus excerpts
    sets = [(name, [g for g in folder(sub) if not g.name.startswith("dev-")]) for name, sub in DEV_SETS]
    sets += [("held out", folder("heldout")),  # annotated after the extractor was frozen: the unseen measure
             ("dev sample", [g for g in golds if g.name.startswith("dev-")])]  # a corpus excerpt, not unseen
    for set_name, paths in sets:
        if not paths:
            continue
        new = Evaluation(set_name)
        for gold_path in paths:
            doc = read_gold(gold_path, gaz)
            new.measure(gold_path.name.removesuffix(".gold.json"), doc.text, doc.gold, gaz,
                        publisher=doc.publisher, author=doc.author, known=known)
        results.append(new)
    return results
