"""A learned chooser of a statement's target: the possible targets with features, and a model that ranks them.

The hand rule (``kg.ingest.statements``) picks one target; here every body or programme the sentence, the
paragraph or the document offers is a candidate, merged by IRI (else by normalised name), with general features
(never names of particular bodies): whether the rule chose it, where it came from, its kind and role, its place in
the sentence, how often the document names it. A conditional logit (softmax over one statement's candidates,
trained by ``kg.ingest.train``) scores them.

>>> from kg.ingest.model import Mention, Sentence
>>> text = "Local authorities said the Department has failed to act."
>>> at = text.index("the Department")
>>> doc = Document.of(text, [Mention(at, at + 14, "the Department", "ent:dept", "organisation", 1, "alias")])
>>> sit = Situation(text, Sentence(0, len(text), 0), "criticism", cue_at=text.index("failed"), judged=at,
...                 critic="", critic_name="X", rule=("ent:dept", "the Department"))
>>> [(c.name, c.features["subject"], c.features["is_rule"]) for c in candidates(sit, doc)]
[('Local authorities', 0.0, 0.0), ('the Department', 1.0, 1.0)]
>>> best, p = choose(candidates(sit, doc), TargetModel({"is_rule": 2.0}))
>>> best.name, round(p, 2)
('the Department', 0.88)
"""

from __future__ import annotations

import json
import math
import re
from bisect import bisect_left
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path

from kg.ingest.gazetteer import Gazetteer
from kg.ingest.model import Mention, Sentence, Statement
from kg.namespaces import WKG
from kg.problems import InvalidInput, Problem

__all__ = ["ACTORS", "CLASSES", "FEATURES", "MODAL", "Candidate", "Document", "Situation", "TargetModel",
           "candidates", "choose", "packaged_model"]

ACTORS = ("person", "organisation")
# classes of bodies: no node of the graph, but what a sentence may judge ("used routinely by local authorities")
CLASSES = re.compile(r"\b(?:local authorities|councils|(?:central )?government departments|NHS trusts|"
                     r"(?:senior )?civil servants|"
                     r"local NHS systems|clinical commissioning groups|integrated care boards|(?:care )?providers|"
                     r"health and wellbeing boards)\b", re.IGNORECASE)
MODAL = re.compile(r"\b(?:should|must|needs? to|ought to|(?:has|have) got to|(?:are|is) (?:now )?needed)\b")
LEAD = re.compile(r"^\W*(?:(?:neither|either|both|also|only|then|now)\s+)?$", re.IGNORECASE)
# what a body is, from the graph's classes, else from the words of a new body's name
_EXECUTIVE = {str(WKG.Government), str(WKG.GovernmentDepartment), str(WKG.NonMinisterialDepartment),
              str(WKG.GovernmentGroup)}
_SCRUTINY = {str(WKG.AuditBody), str(WKG.ParliamentaryCommittee), str(WKG.Legislature)}
_EXECUTIVE_WORDS = re.compile(r"\b(?:department|ministry|government)\b", re.IGNORECASE)
_SCRUTINY_WORDS = re.compile(r"\b(?:committee|audit|parliament)\b", re.IGNORECASE)
_PREPOSITION = re.compile(r"\b(of|for|by|on|to)\s+(?:the\s+)?$", re.IGNORECASE)
FEATURES: tuple[str, ...] = (
    "is_rule", "rule_fallback", "src_sentence", "src_class", "src_previous", "src_salient", "src_paragraph",
    "src_paragraph_after", "src_doc_programme", "src_doc_body", "previous_pronoun", "previous_same_paragraph",
    "kind_programme", "kind_organisation", "kind_person", "kind_class", "executive", "scrutiny", "subject",
    "in_clause", "before_cue", "after_cue", "before_modal", "first_in_sentence", "position", "log_count_document",
    "log_count_paragraph", "in_title", "new", "is_author", "after_of", "after_for", "after_by", "after_on", "after_to",
    "recommendation_actor", "recommendation_programme", "rebuttal_actor", "support_programme", "criticism_programme",
    "criticism_subject", "open_previous", "open_paragraph", "open_executive", "open_programme")
_MODEL_FILE = "target_model.json"
_MORE_BODIES = 8  # bodies named before the paragraph that join as new candidates, the most named first


def _norm(name: str) -> str:
    name = re.sub(r"\s+", " ", name.strip().lower()).replace("’", "'")
    return re.sub(r"^(?:the|a|an)\s+|'s$", "", name)


def _key(iri: str, name: str) -> str:
    return iri or f"name:{_norm(name)}"


@dataclass(frozen=True)
class Situation:
    """What the statement finder knows when it picks a target: the sentence, the statement's kind, where its cue
    and its judged clause start, its critic, the document's author, the previous statement, the salient mention,
    the rule's choice ``(IRI, name)`` and whether the judged clause opens with a pronoun."""

    text: str
    sentence: Sentence
    kind: str
    cue_at: int
    judged: int
    critic: str
    critic_name: str
    author: str = ""
    author_name: str = ""
    previous: Statement | None = None
    salient: Mention | None = None
    rule: tuple[str, str] | None = None
    pronoun: bool = False


@dataclass
class Candidate:
    """A possible target: its IRI (empty for a class of bodies), the name it would be given, and its features."""

    key: str
    iri: str
    name: str
    features: dict[str, float] = field(default_factory=lambda: dict.fromkeys(FEATURES, 0.0))


@dataclass
class Document:
    """What the candidates need of the whole document, computed once: its mentions (and classes of bodies) in
    order, their counts, where each is first named, its first line's names and its most named programmes."""

    text: str
    mentions: list[Mention]
    starts: list[int]
    counts: Counter[str]
    first: dict[str, Mention]
    title: set[str]
    programmes: list[str]
    new: set[str]
    roles: dict[str, tuple[bool, bool]]

    @classmethod
    def of(cls, text: str, mentions: list[Mention], gaz: Gazetteer | None = None) -> Document:
        """Index ``text`` and its ``mentions`` (documents left out, classes of bodies added); ``gaz`` gives the
        classes of known bodies (executive: government and departments; scrutiny: auditors, committees)."""
        entries = gaz.entries if gaz is not None else {}
        classes = [Mention(m.start(), m.end(), m.group(0), "", "class", 0.5, "class") for m in CLASSES.finditer(text)]
        pool = sorted([m for m in mentions if m.kind != "document"] + classes, key=lambda m: (m.start, -m.end))
        counts = Counter(_key(m.iri, m.text) for m in pool)
        first: dict[str, Mention] = {}
        for m in pool:
            first.setdefault(_key(m.iri, m.text), m)
        line = text.find("\n") if "\n" in text else len(text)
        title = {_key(m.iri, m.text) for m in pool if m.start < line}
        ranked = sorted((k for k, m in first.items() if m.kind == "programme"),
                        key=lambda k: (-counts[k], first[k].start))
        roles = {k: (bool(entries[m.iri].classes & _EXECUTIVE), bool(entries[m.iri].classes & _SCRUTINY))
                 if m.iri in entries else (bool(_EXECUTIVE_WORDS.search(m.text)), bool(_SCRUTINY_WORDS.search(m.text)))
                 for k, m in first.items()}
        return cls(text, pool, [m.start for m in pool], counts, first, title, ranked[:3],
                   {m.iri for m in pool if m.new and m.iri}, roles)

    def between(self, start: int, end: int) -> list[Mention]:
        """The mentions that start in ``[start, end)``."""
        return self.mentions[bisect_left(self.starts, start):bisect_left(self.starts, end)]


def _occurrence(c: Candidate, m: Mention, sit: Situation, subject: Mention | None, modal: int | None, *,
                first: bool, again: bool) -> None:
    """Features of one mention of ``c`` in the sentence (indicators keep their largest value)."""
    s, f = sit.sentence, c.features
    marks = {"src_sentence": 1.0, "src_class": float(m.how == "class"), "subject": float(m is subject),
             "in_clause": float(m.start >= sit.judged), "before_cue": float(m.start < sit.cue_at),
             "after_cue": float(m.start >= sit.cue_at), "first_in_sentence": float(first),
             "before_modal": float(modal is not None and sit.judged <= m.start < modal)}
    if before := _PREPOSITION.search(sit.text, max(s.start, m.start - 12), m.start):
        marks[f"after_{before.group(1).lower()}"] = 1.0
    if not again:
        f["position"] = (m.start - s.start) / max(1, s.end - s.start)
    for name, value in marks.items():
        f[name] = max(f[name], value)


def candidates(sit: Situation, doc: Document) -> list[Candidate]:
    """The possible targets of one statement, in a fixed order (the sentence's first), with their features."""
    s, text = sit.sentence, sit.text
    critic = _key(sit.critic, sit.critic_name)
    out: dict[str, Candidate] = {}

    def add(iri: str, name: str, source: str) -> Candidate | None:
        key = _key(iri, name)
        if key in (critic, "name:"):
            return None
        c = out.setdefault(key, Candidate(key, iri, name))
        c.features[source] = 1.0
        return c

    para = (text.rfind("\n", 0, s.start) + 1, (text.find("\n", s.end) + 1 or len(text) + 1) - 1)
    inside = [m for m in doc.between(s.start, s.end) if _key(m.iri, m.text) != critic]
    subject = next((m for m in inside if m.start >= sit.judged), None)
    subject = subject if subject is not None and LEAD.match(text[sit.judged:subject.start]) else None
    modal = MODAL.search(text, sit.judged, s.end) if sit.kind == "recommendation" else None
    for n, m in enumerate(inside):
        seen = _key(m.iri, m.text) in out
        if (c := add(m.iri, m.text, "src_sentence")) is not None:
            _occurrence(c, m, sit, subject, modal.start() if modal else None, first=n == 0, again=seen)
    prev = sit.previous
    if prev is not None and prev.target_name and (c := add(prev.target, prev.target_name, "src_previous")):
        c.features["previous_pronoun"] = float(sit.pronoun)
        c.features["previous_same_paragraph"] = float("\n" not in text[prev.end:s.start])
    if sit.salient is not None:
        add(sit.salient.iri, sit.salient.text, "src_salient")
    for m in doc.between(para[0], s.start):
        add(m.iri, doc.first[_key(m.iri, m.text)].text, "src_paragraph")
    for m in doc.between(s.end, para[1]):
        add(m.iri, doc.first[_key(m.iri, m.text)].text, "src_paragraph_after")
    for key in doc.programmes:
        add(doc.first[key].iri, doc.first[key].text, "src_doc_programme")
    bodies = [(k, m) for k, m in doc.first.items() if m.start < para[0] and m.kind in ACTORS]
    fresh = sorted((k for k, _ in bodies if k not in out), key=lambda k: -doc.counts[k])[:_MORE_BODIES]
    for k, m in bodies:  # in a long document only the most named bodies join as new candidates
        if k in out or k in fresh:
            add(m.iri, m.text, "src_doc_body")
    if sit.rule is not None:  # even when it is the critic: the rule's choice is always a candidate
        c = out.setdefault(_key(*sit.rule), Candidate(_key(*sit.rule), *sit.rule))
        c.features["is_rule"], c.name = 1.0, sit.rule[1]  # the rule's own words: agreeing with it changes nothing
    in_paragraph = Counter(_key(m.iri, m.text) for m in doc.between(*para))
    is_open = not any(c.features["in_clause"] for c in out.values())  # the judged clause names no body
    for c in out.values():
        _common(c, sit, doc, in_paragraph, is_open)
    return list(out.values())


def _common(c: Candidate, sit: Situation, doc: Document, in_paragraph: Counter[str], is_open: bool) -> None:
    """The features of ``c`` that do not depend on one mention: kind, counts, title, the statement's kind."""
    f = c.features
    m = doc.first.get(c.key)
    kind = m.kind if m is not None else "class" if not c.iri else ""
    for k in ("programme", "organisation", "person", "class"):
        f[f"kind_{k}"] = float(kind == k)
    f["rule_fallback"] = f["is_rule"] * (1.0 - f["src_sentence"])
    f["log_count_document"] = math.log1p(doc.counts[c.key])
    f["log_count_paragraph"] = math.log1p(in_paragraph[c.key])
    f["in_title"] = float(c.key in doc.title)
    f["new"] = float(c.iri in doc.new)
    f["is_author"] = float(c.iri == sit.author if c.iri and sit.author else _norm(c.name) == _norm(sit.author_name))
    actor, programme = float(kind in (*ACTORS, "class")), float(kind == "programme")
    f["executive"], f["scrutiny"] = map(float, doc.roles.get(c.key, (False, False)))
    f.update(recommendation_actor=actor * (sit.kind == "recommendation") * f["after_cue"],
             recommendation_programme=programme * (sit.kind == "recommendation"),
             rebuttal_actor=actor * (sit.kind in ("rebuttal", "defence")),
             support_programme=programme * (sit.kind == "support"),
             criticism_programme=programme * (sit.kind == "criticism"),
             criticism_subject=f["subject"] * (sit.kind == "criticism"),
             open_previous=is_open * f["src_previous"], open_executive=is_open * f["executive"],
             open_paragraph=is_open * max(f["src_paragraph"], f["src_paragraph_after"]),
             open_programme=is_open * programme)


@dataclass(frozen=True)
class TargetModel:
    """Weights by feature name (a missing one weighs 0), the L2 strength they were fitted with, and the gold
    files they were trained on (relative path and SHA-256 of each)."""

    weights: dict[str, float]
    l2: float = 0.0
    trained_on: tuple[dict[str, str], ...] = ()

    def score(self, c: Candidate) -> float:
        """The candidate's linear score."""
        return sum(self.weights.get(name, 0.0) * value for name, value in c.features.items())

    def as_json(self) -> str:
        """The model file's text (features in their fixed order)."""
        return json.dumps({"features": list(FEATURES), "weights": {f: self.weights.get(f, 0.0) for f in FEATURES},
                           "l2": self.l2, "trained_on": list(self.trained_on)}, indent=1) + "\n"

    @classmethod
    def from_file(cls, path: Path) -> TargetModel:
        """Read a model file; one trained on other features than these is refused (retrain it)."""
        try:
            raw = json.loads(path.read_text(encoding="utf-8"))
            features, weights = raw["features"], raw["weights"]
        except (OSError, ValueError, KeyError, TypeError) as exc:
            raise InvalidInput([Problem(f"not a target model file: {exc}", file=str(path))]) from exc
        if tuple(features) != FEATURES or set(weights) != set(FEATURES):
            raise InvalidInput([Problem("the target model was trained on other features than "
                                        "kg.ingest.targets.FEATURES: run `make train-targets`", file=str(path))])
        return cls({k: float(v) for k, v in weights.items()}, float(raw.get("l2", 0.0)),
                   tuple(raw.get("trained_on", ())))


@lru_cache(maxsize=1)
def packaged_model() -> TargetModel:
    """The model shipped in the package (``kg/ingest/target_model.json``), read once."""
    with resources.as_file(resources.files(__package__) / _MODEL_FILE) as path:
        return TargetModel.from_file(path)


def choose(cands: list[Candidate], model: TargetModel) -> tuple[Candidate, float] | None:
    """The best-scoring candidate and its softmax probability among ``cands`` (the first on a tie).

    >>> a, b = Candidate("a", "ent:a", "A"), Candidate("b", "ent:b", "B")
    >>> b.features["subject"] = 1.0
    >>> best, p = choose([a, b], TargetModel({"subject": math.log(3)}))
    >>> best.name, round(p, 2)
    ('B', 0.75)
    """
    if not cands:
        return None
    scores = [model.score(c) for c in cands]
    best = scores.index(top := max(scores))
    return cands[best], 1.0 / sum(math.exp(x - top) for x in scores)
