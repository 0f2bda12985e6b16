"""What the extractor finds: plain records with code-point offsets into the stored text.

Every item has ``start`` and ``end`` (end exclusive) into the stored source text and the sentence it is in.
"""

from __future__ import annotations

from dataclasses import dataclass, field

__all__ = ["Sentence", "Mention", "NewEntity", "Printed", "FigureItem", "DateItem", "QuoteItem", "Statement",
           "Extraction", "UNRESOLVED"]

# the cue of a body a page refers to but never names ("the Department" of a committee's conclusions), and the
# ``how`` of its mentions: proposed for review, never a statement's source, never accepted until a person names it
UNRESOLVED = "unresolved reference"


@dataclass(frozen=True)
class Sentence:
    """A sentence of the article text (never furniture)."""

    start: int
    end: int
    paragraph: int


@dataclass
class Mention:
    """An entity named in the text: linked to an existing node, or to a proposed new one (``new``)."""

    start: int
    end: int
    text: str
    iri: str
    kind: str  # person | organisation | programme | document
    confidence: float
    how: str  # label | alias | surname | fuzzy | context | new
    new: bool = False


@dataclass
class NewEntity:
    """A person, organisation or programme the graph does not know, proposed as a new node."""

    iri: str
    label: str
    cls: str  # a wkg: class name
    kind: str
    start: int
    end: int
    confidence: float
    cue: str
    aliases: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class Printed:
    """A name a page prints in a fixed form (``kg.ingest.records``): ``kind`` is "person" or "organisation";
    ``cue`` says which form ("witness list", "written evidence", "member for", "placed")."""

    start: int
    end: int
    name: str
    kind: str
    cue: str


@dataclass
class FigureItem:
    """Money, a count or a percentage, normalised, with what it measures where the sentence says."""

    start: int
    end: int
    text: str
    kind: str  # money | count | percent
    value: float | None
    low: float | None
    high: float | None
    unit: str  # GBP, percent, or the counted noun
    measures: str
    figure_kind: str  # a voc: figure kind
    period: str | None
    about: str | None
    confidence: float


@dataclass
class DateItem:
    """A date or period named in the text, as ISO where it can be (``2014-11``), else as written."""

    start: int
    end: int
    text: str
    iso: str | None


@dataclass
class QuoteItem:
    """Quoted words (without the quote marks) and who said them."""

    start: int
    end: int
    text: str
    speaker: str | None  # IRI
    speaker_name: str
    confidence: float
    cue: str


@dataclass
class Statement:
    """A criticism, rebuttal, defence, support or recommendation: its sentence, critic and target."""

    start: int
    end: int
    kind: str  # criticism | rebuttal | defence | support | recommendation
    critic: str
    critic_name: str
    target: str
    target_name: str
    confidence: float
    cue: str
    cue_start: int
    cue_end: int
    subkind: str = ""  # criticism kind (voc:) for criticisms
    date: str | None = None


@dataclass
class Extraction:
    """Everything found in one source text."""

    text: str
    sentences: list[Sentence] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)
    entities: list[NewEntity] = field(default_factory=list)
    figures: list[FigureItem] = field(default_factory=list)
    dates: list[DateItem] = field(default_factory=list)
    quotes: list[QuoteItem] = field(default_factory=list)
    statements: list[Statement] = field(default_factory=list)

    def sentence_of(self, start: int) -> Sentence:
        """The sentence that contains offset ``start`` (the last one starting at or before it)."""
        best = self.sentences[0] if self.sentences else Sentence(0, len(self.text), 0)
        for s in self.sentences:
            if s.start <= start:
                best = s
            else:
                break
        return best
