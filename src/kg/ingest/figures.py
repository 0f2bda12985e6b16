"""Money, counts and percentages, normalised to full numbers, with what they measure.

>>> parse_money("£55m")
(55000000, None, None)
>>> parse_money("£1 billion")
(1000000000, None, None)
>>> parse_money("£4.2 - £7.9bn")
(None, 4200000000, 7900000000)
>>> parse_money("more than £300m")
(None, 300000000, None)
>>> parse_count("106,000"), parse_count("six"), parse_count("2.3 million")
(106000, 6, 2300000)
>>> parse_percent("3.1%"), parse_percent("40 per cent")
(3.1, 40)
"""

from __future__ import annotations

import re
from decimal import Decimal

from kg.ingest.model import FigureItem, Mention, Sentence

__all__ = ["parse_money", "parse_count", "parse_percent", "find_figures", "number"]

_SCALE = {"bn": 10**9, "billion": 10**9, "b": 10**9, "m": 10**6, "million": 10**6, "mn": 10**6, "k": 10**3,
          "thousand": 10**3, "tn": 10**12, "trillion": 10**12}
_NUM = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
_UNIT = r"(?:\s?(?:bn|billion|m|mn|million|k|thousand|tn|trillion)\b)"
_LOWER = r"more than|over|at least|above|in excess of|upwards of|a minimum of|exceeding"
_UPPER = r"up to|less than|under|below|at most|no more than|a maximum of|almost|nearly"
MONEY = re.compile(
    rf"(?:(?P<q>{_LOWER}|{_UPPER})\s+)?(?:between\s+)?£\s?(?P<a>{_NUM})(?P<ua>{_UNIT})?"
    rf"(?:\s*(?:-|–|—|to|and)\s*£?\s?(?P<b>{_NUM})(?P<ub>{_UNIT})?)?", re.IGNORECASE)
PERCENT = re.compile(rf"(?:(?P<q>{_LOWER}|{_UPPER})\s+)?(?P<a>{_NUM})\s?(?:%|per\s?cent\b|percent\b)",
                     re.IGNORECASE)
_WORDS = {"two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
          "ten": 10, "eleven": 11, "twelve": 12, "fifteen": 15, "twenty": 20, "thirty": 30, "fifty": 50,
          "hundred": 100, "a hundred": 100, "a thousand": 1000, "a million": 10**6, "half a million": 500000,
          "one million": 10**6, "one thousand": 1000, "one hundred": 100}
_WORD_NUM = "|".join(sorted(_WORDS, key=len, reverse=True))
COUNT = re.compile(rf"(?:(?P<q>{_LOWER}|{_UPPER})\s+)?(?<![\w£.,/-])(?P<a>{_NUM}|(?i:{_WORD_NUM})(?![\w-]))"
                   r"(?P<ua>\s(?:million|billion|thousand))?"
                   r"(?P<noun>(?:\s(?:[A-Z][a-z]+\s)?(?:[a-z][a-z-]+)){1,3})")
BARE = re.compile(r"(?<![\w£.,/-])(?P<a>\d{1,3}(?:,\d{3})+)(?![\w%£]|\s?per\s?cent)")
_NOUN_STOP = {"of", "in", "to", "and", "the", "by", "a", "on", "for", "at", "from", "with", "or", "as", "than",
              "per", "is", "are", "was", "were", "will", "would", "have", "has", "had", "that", "which", "who",
              "over", "under", "between", "this", "these", "its", "their", "be", "been", "it", "years", "year",
              "months", "month", "days", "day", "weeks", "week", "hours", "pm", "am", "but", "also", "says", "said"}
_NOT_COUNTED = {"years", "months", "weeks", "days", "times", "of", "hundred", "thousand"}
_MONTHS = r"January|February|March|April|May|June|July|August|September|October|November|December"


def number(text: str) -> Decimal:
    """A number as written, without thousands separators.

    >>> number("1,250.5")
    Decimal('1250.5')
    """
    return Decimal(text.replace(",", ""))


def _full(value: Decimal) -> int | float:
    return int(value) if value == value.to_integral_value() else float(value)


def parse_money(text: str) -> tuple[int | float | None, int | float | None, int | float | None]:
    """(value, low, high) in pounds of an amount or range of money as written."""
    m = MONEY.search(text)
    if not m:
        return None, None, None
    ua, ub = (m.group("ua") or "").strip().lower(), (m.group("ub") or "").strip().lower()
    a = number(m.group("a")) * _SCALE.get(ua or ub, 1)
    if m.group("b"):
        return None, _full(a), _full(number(m.group("b")) * _SCALE.get(ub or ua, 1))
    return _bounds(_full(a), m.group("q"))


def _bounds(value: int | float, qualifier: str | None) -> tuple[int | float | None, int | float | None,
                                                                  int | float | None]:
    q = (qualifier or "").lower()
    if q and re.fullmatch(_LOWER, q):
        return None, value, None
    if q and re.fullmatch(_UPPER, q):
        return None, None, value
    return value, None, None


def parse_count(text: str) -> int | float:
    """A count as written ("106,000", "2.5 million")."""
    m = re.match(rf"({_NUM}|{_WORD_NUM})(?:\s(million|billion|thousand))?", text.strip(), re.IGNORECASE)
    if not m:
        raise ValueError(text)
    base = Decimal(_WORDS[m.group(1).lower()]) if m.group(1).lower() in _WORDS else number(m.group(1))
    return _full(base * _SCALE.get((m.group(2) or "").lower(), 1))


def parse_percent(text: str) -> int | float:
    """A percentage as written ("3.1%", "40 per cent")."""
    m = PERCENT.search(text)
    if not m:
        raise ValueError(text)
    return _full(number(m.group("a")))


_KIND_CUES = [("credible", r"credible"), ("assumed", r"assum"), ("target", r"\btarget|\baim|ambition|pledge to"),
              ("forecast", r"forecast|expected|projected|\bwould\b|\bwill\b|on track"), ("planned", r"\bplan"),
              ("promised", r"promis"), ("estimate", r"estimat|suggests|calculat"),
              ("outturn", r"outturn|achieved|actually|\bfell\b|\brose\b|increased|decreased"),
              ("allocated", r"allocat|funding|budget|spent|spend|invest|pooled|cost")]
_MEASURE_VERBS = [(r"\bsav(e|es|ed|ing)s?\b", "savings"), (r"\bspen[dt]|spending\b", "spending"),
                  (r"\bcost", "cost"), (r"\bpool", "money pooled"), (r"\bfund", "funding"),
                  (r"\binvest", "investment"), (r"\ballocat", "allocation"), (r"\bbudget", "budget"),
                  (r"\befficienc", "efficiencies"), (r"\bbenefit", "benefits")]
_PERIOD = re.compile(r"\b(?:20\d\d[-/]\d\d(?:\d\d)?|over (?:the (?:next|course of) )?(?:\w+ )?(?:years?|months?)"
                     r"(?: to 20\d\d(?:-\d\d)?)?|by 20\d\d|next year|this year|last year|a year|per year|annually|"
                     rf"in 20\d\d|(?:{_MONTHS}) 20\d\d)\b")


def _measures(sentence: str, start: int, end: int, kind: str, unit: str) -> str:
    after = sentence[end:end + 90]
    m = re.match(r"\s+(?:of|in|on|for|worth of)\s+((?:[“\"‘]?[\w’'-]+[”\"’]?\s?){1,6})", after)
    if kind == "percent":
        m = m or re.match(r"\s+((?:[a-z][\w-]*\s?){1,5})", after)
    if m:
        words = []
        for w in m.group(1).split():
            bare = w.strip("“”\"‘’'")
            if words and bare.lower() in _NOUN_STOP - {"of", "in"}:
                break
            words.append(bare)
        if words and words[-1].lower() in _NOUN_STOP:
            words.pop()
        if words:
            return " ".join(words)
    if kind == "count":
        return unit
    before = sentence[max(0, start - 60):start]
    m = re.search(r"([\w’'-]+(?:\s[\w’'-]+)?)\s+(?:of|worth|at|totalling)\s+$", before)
    if m and m.group(1).lower() not in _NOUN_STOP:
        return m.group(1)
    for pattern, what in _MEASURE_VERBS:
        if re.search(pattern, sentence, re.IGNORECASE):
            return what
    return "not stated in the sentence"


def _figure_kind(sentence: str) -> str:
    for kind, pattern in _KIND_CUES:
        if re.search(pattern, sentence, re.IGNORECASE):
            return kind
    return "actual"


def _taken(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    return any(a < end and start < b for a, b in spans)


def find_figures(text: str, sentences: list[Sentence], mentions: list[Mention]) -> list[FigureItem]:
    """Every amount of money, percentage and count in the sentences, normalised."""
    out: list[FigureItem] = []
    for s in sentences:
        chunk = text[s.start:s.end]
        spans: list[tuple[int, int]] = []
        dates = [(m.start(), m.end()) for m in re.finditer(
            rf"\b\d{{1,2}}(?:st|nd|rd|th)?\s+(?:{_MONTHS})\b|\b(?:{_MONTHS})\s+\d{{1,2}}\b|\bHC\s+\d+|"
            r"\b(?:19|20)\d\d(?:[-/]\d\d)?\b(?!\s?(?:%|per\s?cent|bn|m\b|million|billion))", chunk)]
        about = next((m.iri for m in mentions if s.start <= m.start < s.end and m.kind == "programme"), None)
        period_m = _PERIOD.search(chunk)
        period = period_m.group(0) if period_m else None
        kind_of_figure = _figure_kind(chunk)
        for pattern_kind, pattern in (("money", MONEY), ("percent", PERCENT), ("count", COUNT), ("bare", BARE)):
            for m in pattern.finditer(chunk):
                kind = pattern_kind
                if _taken(spans, m.start(), m.end()) or _taken(dates, m.start("a"), m.end("a")):
                    continue
                unit = "GBP" if kind == "money" else "percent" if kind == "percent" else ""
                if kind == "bare":  # "admissions rose by 87,000": the counted noun comes before
                    nouns = re.findall(r"\b([a-z]{3,}s)\b", chunk[max(0, m.start() - 50):m.start()])
                    kind, unit = "count", nouns[-1] if nouns else "not stated in the sentence"
                    value, low, high = parse_count(m.group("a")), None, None
                elif kind == "money":
                    value, low, high = parse_money(m.group(0))
                elif kind == "percent":
                    value, low, high = _bounds(parse_percent(m.group(0)), m.group("q"))
                else:
                    words = []
                    for w in m.group("noun").split():
                        if w.lower() in _NOUN_STOP:
                            break
                        words.append(w)
                    if not words or words[-1][0].isupper() or words[-1].endswith("ed") or (
                            m.group("a")[0].isalpha() and words[0] in _NOT_COUNTED):
                        continue
                    unit = " ".join(words)
                    value, low, high = _bounds(parse_count(m.group("a") + (m.group("ua") or "")), m.group("q"))
                end = m.start("noun") + 1 + len(unit) if "noun" in m.groupdict() else m.end()
                spans.append((m.start(), end))
                start = s.start + m.start()
                while end - m.start() < 3 and s.start + end < s.end:
                    end += 1
                measures = _measures(chunk, m.start(), m.end(), kind, unit)
                out.append(FigureItem(start, s.start + end, text[start:s.start + end], kind, value, low, high, unit,
                                      measures, kind_of_figure, period, about,
                                      0.9 if kind == "money" else 0.8 if kind == "percent" else 0.6))
    return sorted(out, key=lambda f: f.start)
