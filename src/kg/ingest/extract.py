"""The extractor: from a stored text and the names the graph knows to every candidate item.

>>> from rdflib import Graph
>>> ex = extract("Sir Jane Doe, chair of the Wigan Fund, said: “The £5m plan failed.”", Gazetteer())
>>> [(e.label, e.kind) for e in ex.entities], [(f.text, f.value) for f in ex.figures]
([('Jane Doe', 'person'), ('Wigan Fund', 'programme')], [('£5m', 5000000)])
>>> [(q.text, q.speaker_name) for q in ex.quotes]
[('The £5m plan failed.', 'Jane Doe')]
"""

from __future__ import annotations

from typing import Literal

from kg.ingest.dates import find_dates
from kg.ingest.figures import find_figures
from kg.ingest.gazetteer import Gazetteer
from kg.ingest.mentions import find_mentions
from kg.ingest.model import Extraction, Statement
from kg.ingest.names import find_new_entities
from kg.ingest.quotes import find_quotes
from kg.ingest.records import printed_names
from kg.ingest.sentences import split_sentences
from kg.ingest.statements import find_statements
from kg.ingest.targets import Candidate, TargetModel, packaged_model
from kg.ingest.voices import is_debate, is_house, speaker_headings

__all__ = ["extract", "EXTRACTOR", "EXTRACTOR_VERSION"]

EXTRACTOR = "kg.ingest extractor (rules, and a learned target chooser)"
EXTRACTOR_VERSION = "1.19"
PACKAGED = "packaged"  # the target model shipped in the package (kg/ingest/target_model.json)


def extract(text: str, gaz: Gazetteer, *, publisher: str | None = None, author: str | None = None,
            targets: TargetModel | Literal["packaged"] | None = PACKAGED,
            trace: list[tuple[Statement, list[Candidate]]] | None = None) -> Extraction:
    """Every mention, new entity, figure, date, quotation and statement in ``text``.

    ``publisher`` is the IRI of the source's author or publisher where known: "the Committee" with no
    committee named before refers to it, and a judgement in the document's own voice is its judgement.
    ``author`` is the author's name when the graph does not know it (``Gazetteer.find_author``): the
    document's own voice is then that name's, with no node.
    ``targets`` chooses statement targets: the packaged model (``kg.ingest.targets``), another
    :class:`TargetModel`, or None for the hand rule alone. ``trace``, when given, receives each statement with
    its candidate targets (``kg.ingest.train`` learns from them).
    """
    ex = Extraction(text=text)
    ex.sentences = split_sentences(text)
    known = find_mentions(text, ex.sentences, gaz, publisher=publisher)
    headings = speaker_headings(text) if is_house(publisher, gaz) else []  # a debate's printed speakers, read once
    headings = headings if is_debate(publisher, gaz, text, headings) else []
    ex.entities, new_mentions = find_new_entities(text, ex.sentences, gaz, known, taken=set(), author=author,
                                                  speakers=tuple(headings),
                                                  printed=tuple(printed_names(text)))
    ex.mentions = sorted(known + new_mentions, key=lambda m: m.start)
    ex.figures = find_figures(text, ex.sentences, ex.mentions)
    in_article = [(s.start, s.end) for s in ex.sentences]
    ex.dates = [d for d in find_dates(text) if any(a <= d.start < b for a, b in in_article)]
    ex.quotes = [q for q in find_quotes(text, ex.mentions, publisher=publisher)
                 if any(a <= q.start < b for a, b in in_article)]
    model = packaged_model() if targets == PACKAGED else targets
    ex.statements = find_statements(text, ex.sentences, ex.mentions, ex.quotes, publisher=publisher, gaz=gaz,
                                    author=author, targets=model if isinstance(model, TargetModel) else None,
                                    trace=trace, headings=headings)
    return ex
