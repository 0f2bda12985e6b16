"""Precision, recall and F1 of the extractor against gold: the curated corpus, and hand-made gold files.

Gold for a corpus source is derived from ``data/curated``: the entities that facts evidenced in that
source refer to, and every place their label or an alias occurs in its article text; its ``wkg:Figure``
nodes (evidence span and value); its assessments and recommendations (evidence span, kind, critic and
target); the quoted words inside their evidence, with the assessor as speaker. Gold files
(``tests/fixtures/ingest/<slug>.gold.json``) give the same categories by hand.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path

from rdflib import Graph, URIRef

from kg.evidence import normalise
from kg.furniture import article_text
from kg.ingest.gazetteer import KINDS, Gazetteer
from kg.ingest.model import Extraction
from kg.namespaces import OA, RDF, RDFS, SDO, SKOS, SRC, WKG
from kg.resolve import as_iri

__all__ = ["Score", "corpus_gold", "fixture_gold", "predictions", "score", "CATEGORIES"]

CATEGORIES = ("entities", "links", "figures", "quotes", "criticisms", "statements")
_STATEMENT_KINDS = {WKG.Criticism: "criticism", WKG.Rebuttal: "rebuttal", WKG.Defence: "rebuttal",
                    WKG.SupportiveAssessment: "support", WKG.Recommendation: "recommendation"}
_CRITIC = (WKG.critic, WKG.respondent, WKG.supporter, WKG.recommendedBy)
_TARGET = (WKG.target, WKG.recommendedTo, WKG.respondsTo)


@dataclass
class Score:
    """Counts for one category; precision, recall and F1 from them."""

    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def add(self, other: "Score") -> None:
        self.tp, self.fp, self.fn = self.tp + other.tp, self.fp + other.fp, self.fn + other.fn

    def as_dict(self) -> dict[str, float | int]:
        return {"tp": self.tp, "fp": self.fp, "fn": self.fn, "precision": round(self.precision, 3),
                "recall": round(self.recall, 3), "f1": round(self.f1, 3)}


@dataclass
class Gold:
    """One document's gold items, in the gold-file format (dicts)."""

    entities: list[dict] = field(default_factory=list)
    figures: list[dict] = field(default_factory=list)
    quotes: list[dict] = field(default_factory=list)
    statements: list[dict] = field(default_factory=list)


def _name(text: str | None) -> str:
    """A name compared without case, a leading article or "my", a possessive, a title, and the forms a select
    committee's name takes ("Select Committee on Education and Skills", "Education and Skills Select Committee",
    "House of Commons Education and Skills Committee" are "education and skills committee").

    >>> _name("my hon. Friend") == _name("the hon. Friend"), _name("Sir Amyas Morse")
    (True, 'amyas morse')
    >>> {_name(n) for n in ("the Select Committee on Education and Skills", "Education and Skills Select Committee",
    ...                      "House of Commons Education and Skills Committee")}
    {'education and skills committee'}
    """
    text = normalise(text or "").lower()
    text = re.sub(r"^(?:the|a|an|my)\s+|[’']s$", "", text)  # "my hon. Friend" is "the hon. Friend"
    text = re.sub(r"^(?:sir|dame|lord|baroness|cllr|councillor|dr|professor|mr|mrs|ms)\s+", "", text)
    text = re.sub(r"^(?:house of commons|house of lords)\s+(?=.+\scommittee$)", "", text)
    text = re.sub(r"^select committee on (?:the\s+)?(.+)$", r"\1 committee", text)
    return re.sub(r"\sselect committee$", " committee", text)


def _span(data: Graph, evidence) -> tuple[int, int] | None:
    for selector in data.objects(evidence, OA.hasSelector):
        start, end = data.value(selector, OA.start), data.value(selector, OA.end)
        if start is not None and end is not None:
            return int(start), int(end)
    return None


def corpus_gold(data: Graph, gaz: Gazetteer, source_id: str, text: str) -> Gold:
    """Gold for a corpus source, derived from the curated graph (see the module docstring)."""
    source = SRC[source_id]
    gold = Gold()
    article = article_text(text)
    facts: dict[URIRef, list[tuple[int, int]]] = {}
    for holder, evidence in data.subject_objects(WKG.evidence):
        if data.value(evidence, OA.hasSource) == source and (span := _span(data, evidence)):
            facts.setdefault(holder, []).append(span)
    referenced: set[str] = set()
    for fact in facts:
        for obj in [fact, *data.objects(fact, None)]:
            if str(obj) in gaz.entries and gaz.entries[str(obj)].kind in KINDS:
                referenced.add(str(obj))
    taken: list[tuple[int, int]] = []
    names = sorted(((normalise(str(n)), iri) for iri in referenced for p in (RDFS.label, SKOS.altLabel)
                    for n in data.objects(URIRef(iri), p)), key=lambda x: -len(x[0]))
    for name, iri in names:
        name = re.sub(r"\s*\(.*\)$", "", name)
        if len(name) < 2:
            continue
        pattern = re.escape(name).replace(r"\ ", r"\s+").replace("’", "['’]").replace("'", "['’]")
        flags = re.IGNORECASE if " " in name else 0  # a one-word name keeps its capitals: "Bury", not "bury"
        for m in re.finditer(rf"(?<![\w&]){pattern}(?![\w&])", article, flags):
            if not any(a < m.end() and m.start() < b for a, b in taken):
                taken.append((m.start(), m.end()))
                gold.entities.append({"start": m.start(), "end": m.end(), "text": m.group(0),
                                      "kind": gaz.entries[iri].kind, "link": iri})
    for fact, spans in facts.items():
        types = set(data.objects(fact, RDF.type))
        if WKG.Figure in types:
            value = {k: data.value(fact, p) for k, p in (("value", SDO.value), ("low", SDO.minValue),
                                                         ("high", SDO.maxValue))}
            unit = str(data.value(fact, SDO.currency) or data.value(fact, SDO.unitText) or "")
            kind = "money" if data.value(fact, SDO.currency) else "percent" if unit == "percent" else "count"
            for start, end in spans:
                gold.figures.append({"start": start, "end": end, "kind": kind, "unit": unit,
                                     **{k: float(v) if v is not None else None for k, v in value.items()}})
        kind = next((k for t, k in _STATEMENT_KINDS.items() if t in types), None)
        if kind is None:
            continue
        critics = [str(o) for p in _CRITIC for o in data.objects(fact, p)]
        targets = [str(o) for p in _TARGET for o in data.objects(fact, p)]
        for start, end in spans:
            gold.statements.append({"start": start, "end": end, "kind": kind, "critic_link": critics,
                                    "target_link": targets, "critic": None, "target": None})
            for m in re.finditer(r"“([^“”]{3,})(?:”|$)", text[start:end]):
                gold.quotes.append({"start": start + m.start(1), "end": start + m.end(1), "text": m.group(1),
                                    "speaker_link": critics, "speaker": None})
    return gold


def fixture_gold(path: Path) -> Gold:
    """Gold from a ``<slug>.gold.json`` file."""
    raw = json.loads(path.read_text(encoding="utf-8"))
    for items in raw.values():
        for item in items if isinstance(items, list) else []:
            for key in ("link", "speaker_link", "critic_link", "target_link"):
                if isinstance(item.get(key), str):
                    item[key] = as_iri(item[key]) or item[key]
    return Gold(raw.get("entities", []), raw.get("figures", []), raw.get("quotes", []), raw.get("statements", []))


def predictions(ex: Extraction, known: set[str]) -> Gold:
    """The extractor's output in the gold format (links to existing entities only; a proposed new entity is
    named by its label, as the candidate graph names its node: "TR" after "Transforming Rehabilitation (TR)" is
    Transforming Rehabilitation)."""
    pred = Gold()
    label = {e.iri: e.label for e in ex.entities}
    for m in ex.mentions:
        if m.kind in KINDS:
            pred.entities.append({"start": m.start, "end": m.end, "kind": m.kind,
                                  "link": m.iri if m.iri in known else None, "text": m.text})
    for f in ex.figures:
        pred.figures.append({"start": f.start, "end": f.end, "kind": f.kind, "value": f.value, "low": f.low,
                             "high": f.high, "unit": f.unit})
    for q in ex.quotes:
        pred.quotes.append({"start": q.start, "end": q.end, "speaker_link": q.speaker if q.speaker in known else None,
                            "speaker": label.get(q.speaker, q.speaker_name)})
    for s in ex.statements:
        pred.statements.append({"start": s.start, "end": s.end, "kind": "rebuttal" if s.kind == "defence" else s.kind,
                                "critic_link": s.critic if s.critic in known else None,
                                "critic": label.get(s.critic, s.critic_name),
                                "target_link": s.target if s.target in known else None,
                                "target": label.get(s.target, s.target_name)})
    return pred


def _overlap(a: dict, b: dict) -> bool:
    return a["start"] < b["end"] and b["start"] < a["end"]


def _close(x: float | None, y: float | None) -> bool:
    if x is None or y is None:
        return x is None and y is None
    return abs(x - y) <= 0.005 * max(abs(x), abs(y), 1e-9)


def _same_numbers(p: dict, g: dict) -> bool:
    """The numbers stated agree within 0.5% (a bound read as a value, or a value as a bound, still agrees:
    "more than £300m" is 300000000 either way); signs are compared as stated (a curated shortfall of -106000
    is the stated "106,000")."""
    ps = sorted(abs(float(p[k])) for k in ("value", "low", "high") if p.get(k) is not None)
    gs = sorted(abs(float(g[k])) for k in ("value", "low", "high") if g.get(k) is not None)
    return len(ps) == len(gs) > 0 and all(_close(a, b) for a, b in zip(ps, gs, strict=False))


def _same(pred_link: str | None, pred_name: str | None, gold_link, gold_name: str | None) -> bool:
    links = gold_link if isinstance(gold_link, list) else [gold_link] if gold_link else []
    if pred_link and pred_link in links:
        return True
    if links and pred_link:
        return False
    return bool(gold_name) and _name(pred_name) == _name(gold_name)


def _match(pred: list[dict], gold: list[dict], ok) -> Score:
    used: set[int] = set()
    score = Score()
    for p in pred:
        hit = next((i for i, g in enumerate(gold) if i not in used and _overlap(p, g) and ok(p, g)), None)
        if hit is None:
            score.fp += 1
        else:
            used.add(hit)
            score.tp += 1
    score.fn = len(gold) - len(used)
    return score


# a document's reference to its own author, as the guidelines have annotators write it ("The Committee concludes",
# "Its report", "This wide-ranging report")
_OWN_REFERENCE = re.compile(r"(?i)(?:the|its|this|our)\s+(?:[\w-]+\s+)?(?:committee|report)")


def _as_author(statements: list[dict], author: str | None) -> list[dict]:
    """Statements whose unlinked critic or target is a reference to the document's own author ("the Committee",
    "the report") named by the author's name instead, so that the reference and the name agree.

    >>> _as_author([{"critic": "The Committee", "critic_link": None, "target": "the report", "target_link": "x"}],
    ...            "Work and Pensions Committee")
    [{'critic': 'Work and Pensions Committee', 'critic_link': None, 'target': 'the report', 'target_link': 'x'}]
    """
    if not author:
        return statements
    out = []
    for s in statements:
        s = dict(s)
        for side in ("critic", "target"):
            if not s.get(f"{side}_link") and _OWN_REFERENCE.fullmatch(normalise(s.get(side) or "")):
                s[side] = author
        out.append(s)
    return out


def score(pred: Gold, gold: Gold, *, author: str | None = None) -> dict[str, Score]:
    """Scores per category (the matching rules: tests/fixtures/ingest/README.md); ``author`` is the name of a document's
    author the graph has no node for (a select committee), which its unlinked references to itself denote."""
    pred = Gold(pred.entities, pred.figures, pred.quotes, _as_author(pred.statements, author))
    gold = Gold(gold.entities, gold.figures, gold.quotes, _as_author(gold.statements, author))
    return {
        "entities": _match(pred.entities, gold.entities, lambda p, g: p["kind"] == g["kind"]),
        "links": _match([p for p in pred.entities if p["link"]], [g for g in gold.entities if g.get("link")],
                        lambda p, g: p["link"] == g["link"]),
        "figures": _match(pred.figures, gold.figures, _same_numbers),
        "quotes": _match(pred.quotes, gold.quotes, lambda p, g: _same(p["speaker_link"], p["speaker"],
                                                                      g.get("speaker_link"), g.get("speaker"))),
        "criticisms": _match([p for p in pred.statements if p["kind"] == "criticism"],
                             [g for g in gold.statements if g["kind"] == "criticism"], _same_sides),
        "statements": _match(pred.statements, gold.statements, lambda p, g: p["kind"] == g["kind"] and _same_sides(
            p, g)),
    }


def _same_sides(p: dict, g: dict) -> bool:
    """The same critic and the same target."""
    return _same(p["critic_link"], p["critic"], g.get("critic_link"), g.get("critic")) and _same(
        p["target_link"], p["target"], g.get("target_link"), g.get("target"))
