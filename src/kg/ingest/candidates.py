"""Candidates as RDF: the ontology's own classes, each with evidence, a confidence and its provenance.

Every candidate has a short id (``dcterms:identifier``: m001 mentions, e001 new entities, f001 figures,
q001 quotations, s001 statements), ``prov:wasGeneratedBy`` the extraction activity (the extractor's name
and version, the time), ``wkg:confidence`` and ``wkg:cue``, and ``wkg:evidence`` with a quote and
code-point offsets into the stored text.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal

from rdflib import BNode, Graph, Literal, URIRef

from kg.ingest.extract import EXTRACTOR, EXTRACTOR_VERSION
from kg.ingest.gazetteer import Gazetteer
from kg.ingest.model import Extraction
from kg.namespaces import DCTERMS, ENT, OA, PREFIXES, PROV, RDF, RDFS, SDO, SRC, VOC, WKG, XSD

__all__ = ["Candidate", "candidate_graph", "activity_iri", "AGENT"]

AGENT = ENT[f"kg-ingest-extractor-{EXTRACTOR_VERSION.replace('.', '-')}"]
_CLASS = {"criticism": WKG.Criticism, "rebuttal": WKG.Rebuttal, "defence": WKG.Defence,
          "support": WKG.SupportiveAssessment, "recommendation": WKG.Recommendation}


@dataclass
class Candidate:
    """One candidate for the review report."""

    id: str
    iri: str
    category: str  # mention | entity | figure | quote | statement
    summary: str
    confidence: float
    start: int  # the sentence
    end: int
    marks: list[tuple[int, int]]  # the matched words


def activity_iri(source_id: str) -> URIRef:
    """The extraction activity of one source."""
    return ENT[f"{source_id}-extraction"]


def _evidence(g: Graph, subject: URIRef, source: URIRef, text: str, start: int, end: int) -> None:
    while end - start < 3 and end < len(text):  # a quote needs three characters ("DH" -> "DH’s")
        end += 1
    node, quote, position = BNode(), BNode(), BNode()
    g.add((subject, WKG.evidence, node))
    g.add((node, RDF.type, WKG.Evidence))
    g.add((node, OA.hasSource, source))
    g.add((node, OA.hasSelector, quote))
    g.add((quote, RDF.type, OA.TextQuoteSelector))
    g.add((quote, OA.exact, Literal(text[start:end])))
    g.add((node, OA.hasSelector, position))
    g.add((position, RDF.type, OA.TextPositionSelector))
    g.add((position, OA.start, Literal(start)))
    g.add((position, OA.end, Literal(end)))


def _number(value: float) -> Literal:
    return Literal(int(value)) if float(value).is_integer() else Literal(Decimal(str(value)), datatype=XSD.decimal)


def candidate_graph(ex: Extraction, source_id: str, gaz: Gazetteer, *, when: datetime,
                    min_confidence: float = 0.0) -> tuple[Graph, list[Candidate]]:
    """The candidates of one extraction as a graph, and as rows for the review report."""
    g = Graph()
    for prefix, ns in PREFIXES.items():
        g.bind(prefix, ns, replace=True)
    source, activity = SRC[source_id], activity_iri(source_id)
    g.add((activity, RDF.type, PROV.Activity))
    g.add((activity, RDFS.label, Literal(f"kg ingest: extraction of candidates from {source_id}", lang="en")))
    g.add((activity, PROV.used, source))
    g.add((activity, PROV.startedAtTime, Literal(when.isoformat(timespec="seconds"), datatype=XSD.dateTime)))
    g.add((activity, PROV.wasAssociatedWith, AGENT))
    g.add((AGENT, RDF.type, PROV.SoftwareAgent))
    g.add((AGENT, RDFS.label, Literal(f"{EXTRACTOR}, version {EXTRACTOR_VERSION}", lang="en")))
    rows: list[Candidate] = []
    new_labels = {e.iri: e.label for e in ex.entities}

    def label_of(iri: str | None, fallback: str = "") -> str:
        if iri in new_labels:
            return new_labels[iri]
        return gaz.entries[iri].label if iri in gaz.entries else fallback

    def add(cid: str, iri: URIRef, cls: URIRef, label: str, confidence: float, cue: str, span: tuple[int, int],
            category: str, marks: list[tuple[int, int]]) -> bool:
        if confidence < min_confidence:
            return False
        g.add((iri, RDF.type, cls))
        g.add((iri, RDFS.label, Literal(label, lang="en")))
        g.add((iri, DCTERMS.identifier, Literal(cid)))
        g.add((iri, WKG.confidence, Literal(Decimal(str(round(confidence, 2))), datatype=XSD.decimal)))
        g.add((iri, WKG.cue, Literal(cue)))
        g.add((iri, PROV.wasGeneratedBy, activity))
        _evidence(g, iri, source, ex.text, *span)
        sentence = ex.sentence_of(span[0])
        rows.append(Candidate(cid, str(iri), category, label, confidence, sentence.start,
                              max(sentence.end, span[1]), marks))
        return True

    for n, e in enumerate(ex.entities, 1):
        add(f"e{n:03d}", URIRef(e.iri), WKG[e.cls], e.label, e.confidence, e.cue, (e.start, e.end), "entity",
            [(e.start, e.end)])
    for n, m in enumerate(ex.mentions, 1):
        iri = ENT[f"{source_id}-m{n:03d}"]
        if add(f"m{n:03d}", iri, WKG.Mention, f"{label_of(m.iri)} named as '{m.text}'", m.confidence,
               m.how, (m.start, m.end), "mention", [(m.start, m.end)]):
            g.add((iri, WKG.mentionOf, URIRef(m.iri)))
    for n, f in enumerate(ex.figures, 1):
        iri = ENT[f"{source_id}-f{n:03d}"]
        if not add(f"f{n:03d}", iri, WKG.Figure, f"{f.measures}: {f.text}", f.confidence, f.kind,
                   (f.start, f.end), "figure", [(f.start, f.end)]):
            continue
        for prop, value in ((SDO.value, f.value), (SDO.minValue, f.low), (SDO.maxValue, f.high)):
            if value is not None:
                g.add((iri, prop, _number(value)))
        g.add((iri, SDO.currency, Literal("GBP")) if f.kind == "money" else (iri, SDO.unitText, Literal(f.unit)))
        g.add((iri, WKG.measures, Literal(f.measures)))
        g.add((iri, WKG.figureKind, VOC[f.figure_kind]))
        if f.period:
            g.add((iri, WKG.period, Literal(f.period)))
        if f.about:
            g.add((iri, WKG.about, URIRef(f.about)))
    for n, q in enumerate(ex.quotes, 1):
        iri = ENT[f"{source_id}-q{n:03d}"]
        words = q.text if len(q.text) <= 60 else q.text[:57] + "..."
        speaker = label_of(q.speaker, q.speaker_name) or "unattributed"
        if add(f"q{n:03d}", iri, WKG.Quotation, f"{speaker}: “{words}”", q.confidence, q.cue, (q.start, q.end),
               "quote", [(q.start, q.end)]) and q.speaker:
            g.add((iri, WKG.speaker, URIRef(q.speaker)))
    for n, s in enumerate(ex.statements, 1):
        if not s.critic or not s.target:  # a source that is no actor ("an official evaluation") cannot be a critic
            continue  # in the graph, nor a class of bodies ("local authorities") a target
        iri = ENT[f"{source_id}-s{n:03d}"]
        critic, target = label_of(s.critic, s.critic_name), label_of(s.target, s.target_name)
        summary = f"{s.kind}: {critic} → {target} ('{s.cue}')"
        if not add(f"s{n:03d}", iri, _CLASS[s.kind], summary, s.confidence, s.cue, (s.start, s.end), "statement",
                   [(s.cue_start, s.cue_end)]):
            continue
        c, t = URIRef(s.critic), URIRef(s.target)
        if s.kind == "criticism":
            g.add((iri, WKG.critic, c))
            g.add((iri, WKG.stance, VOC.critical))
            g.add((iri, WKG.criticismKind, VOC[s.subkind or "adverseFinding"]))
        elif s.kind in ("rebuttal", "defence"):
            g.add((iri, WKG.respondent, c))
            g.add((iri, WKG.respondsTo, t))
            g.add((iri, WKG.stance, VOC.disputing if s.kind == "rebuttal" else VOC.defending))
        elif s.kind == "support":
            g.add((iri, WKG.supporter, c))
            g.add((iri, WKG.stance, VOC.supportive))
        if s.kind == "recommendation":
            g.add((iri, WKG.recommendedBy, c))
            told = gaz.entries.get(s.target)
            if s.target in new_labels or (told is not None and told.kind != "programme"):
                g.add((iri, WKG.recommendedTo, t))
            else:  # "the programme must ...": to no body named; a reviewer says to whom before accepting
                g.add((iri, WKG.about, t))
        else:
            g.add((iri, WKG.target, t))
    return g, rows
