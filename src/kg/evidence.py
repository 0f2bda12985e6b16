"""Quotes and their places in source texts.

Evidence in watchdog-kg is a quote (``oa:exact``) plus its character offsets
(``oa:start``, ``oa:end``, Unicode code points from 0) in a source text kept
verbatim under ``data/sources/``.  Quotes are compared after normalising white
space and typographic quotes, nothing else.

>>> normalise("“a  shambles”\\n")
'"a shambles"'
>>> locate("He said: “It was a  shambles.”", "It was a shambles")
Span(start=10, end=28)
"""

from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = ["Span", "normalise", "locate", "locate_all", "sentence_around", "quote_matches"]

_QUOTES = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'",
                         "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u201f": '"',
                         "\u2032": "'", "\u2033": '"', "\u00a0": " "})
_SPACE = re.compile(r"\s+")


@dataclass(frozen=True)
class Span:
    """A half-open range of character positions ``[start, end)`` in a text."""

    start: int
    end: int


def normalise(text: str) -> str:
    """Fold typographic quotes to ASCII and runs of white space to one space; strip the ends.

    >>> normalise("Una O’Brien")
    "Una O'Brien"
    """
    return _SPACE.sub(" ", text.translate(_QUOTES)).strip()


def _normalised_with_map(text: str) -> tuple[str, list[int]]:
    """Normalise ``text`` and return, for each output character, its index in ``text``."""
    out: list[str] = []
    index: list[int] = []
    folded = text.translate(_QUOTES)
    in_space = False
    for i, ch in enumerate(folded):
        if ch.isspace():
            if not in_space and out:
                out.append(" ")
                index.append(i)
            in_space = True
            continue
        in_space = False
        out.append(ch)
        index.append(i)
    if out and out[-1] == " ":
        out.pop()
        index.pop()
    return "".join(out), index


def locate_all(text: str, quote: str) -> list[Span]:
    """Every place ``quote`` occurs in ``text``, comparing normalised forms.

    >>> locate_all("no, no, no", "no")
    [Span(start=0, end=2), Span(start=4, end=6), Span(start=8, end=10)]
    """
    needle = normalise(quote)
    if not needle:
        return []
    hay, index = _normalised_with_map(text)
    spans = []
    pos = hay.find(needle)
    while pos != -1:
        start = index[pos]
        end = index[pos + len(needle) - 1] + 1
        spans.append(Span(start, end))
        pos = hay.find(needle, pos + 1)
    return spans


def locate(text: str, quote: str) -> Span | None:
    """The first place ``quote`` occurs in ``text``, or None.

    >>> locate("abc", "zz") is None
    True
    """
    spans = locate_all(text, quote)
    return spans[0] if spans else None


def quote_matches(text: str, quote: str, start: int, end: int) -> bool:
    """True when ``text[start:end]`` is ``quote`` once both are normalised.

    >>> quote_matches("He said “yes”.", '"yes"', 8, 13)
    True
    >>> quote_matches("He said “yes”.", "no", 8, 13)
    False
    """
    if not 0 <= start <= end <= len(text):
        return False
    return normalise(text[start:end]) == normalise(quote)


_SENTENCE_END = re.compile(r"(?<=[.!?…”\"’])\s+(?=[“\"‘'A-Z0-9£])|\n\s*\n|\n")


def sentence_around(text: str, span: Span) -> str:
    """The sentence (or sentences) of ``text`` that contain ``span``, white space normalised.

    >>> sentence_around("One. Two is here. Three.", Span(5, 8))
    'Two is here.'
    """
    start, end = 0, len(text)
    for m in _SENTENCE_END.finditer(text):
        if m.end() <= span.start:
            start = m.end()
        elif m.start() >= span.end:
            end = m.start()
            break
    return normalise(text[start:end])
