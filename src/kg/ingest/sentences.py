"""Sentences of a stored text, with offsets, never including page furniture.

>>> [text[s.start:s.end] for text in ["One. Two is “here.” Three\\n\\nFour."] for s in split_sentences(text)]
['One.', 'Two is “here.”', 'Three', 'Four.']
>>> [text[s.start:s.end] for text in ["It rose by 2.5 per cent.3 However, it fell."] for s in split_sentences(text)]
['It rose by 2.5 per cent.', 'However, it fell.']
>>> [text[s.start:s.end] for text in ["I thank the hon. Lady. She asked."] for s in split_sentences(text)]
['I thank the hon. Lady.', 'She asked.']
"""

from __future__ import annotations

import re

from kg.furniture import article_text
from kg.ingest.model import Sentence

__all__ = ["split_sentences", "whole_paragraph"]

# a blank line, or a line break, except one inside a hard-wrapped sentence ("of local\nbetter care")
_PARA = re.compile(r"\n\s*\n|(?<![\w,;-]\n)\n|(?<=[^\w,;-])\n|\n(?![a-z(])")
_END = re.compile(r"(?<=[.!?…])[”\"’']?(?=\s+[“\"‘'(A-Z0-9£])|(?<=[a-z)][.!?])(?=\d{1,2}\s+[“\"‘'A-Z])")
_MARKER = re.compile(r"\d{1,2}(?=\s)")  # a footnote marker after a full stop ("years.2 However") starts no sentence
_ABBREV = re.compile(r"(?:\b(?:Mr|Mrs|Ms|Dr|St|Prof|Cllr|No|Co|Ltd|vs|e\.g|i\.e|etc|[Hh]on|Rt|Gen|Col|Capt|Rev)|"
                     r"\b[A-Z])\.$")


def split_sentences(text: str) -> list[Sentence]:
    """Sentences of ``text`` (furniture lines are blanked first, so no sentence runs into them)."""
    clean = article_text(text)
    out: list[Sentence] = []
    para_start = 0
    paragraph = 0
    bounds = [m.start() for m in _PARA.finditer(clean)] + [len(clean)]
    ends = [m.end() for m in _PARA.finditer(clean)] + [len(clean)]
    for stop, nxt in zip(bounds, ends, strict=False):
        chunk_start = para_start
        for m in _END.finditer(clean, para_start, stop):
            if _ABBREV.search(clean[max(chunk_start, m.start() - 8):m.start()]):
                continue
            _add(out, clean, chunk_start, m.end(), paragraph)
            chunk_start = m.end()
            if marker := _MARKER.match(clean, chunk_start):
                chunk_start = marker.end()
        _add(out, clean, chunk_start, stop, paragraph)
        para_start = nxt
        paragraph += 1
    return out


def whole_paragraph(text: str, s: Sentence) -> bool:
    """The sentence is a paragraph of its own (a headline or a subheading when it has no full stop)."""
    return (s.start == 0 or text[s.start - 1] == "\n") and (s.end == len(text) or text[s.end] == "\n")


def _add(out: list[Sentence], text: str, start: int, end: int, paragraph: int) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start:
        out.append(Sentence(start, end, paragraph))
