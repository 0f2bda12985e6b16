"""Dates and periods named in a text, normalised to ISO where the words allow.

>>> [(d.text, d.iso) for d in find_dates("On 12 November 2014, in March 2013 and over 2015-16 (not 24 May).")]
[('12 November 2014', '2014-11-12'), ('March 2013', '2013-03'), ('2015-16', None), ('24 May', None)]
"""

from __future__ import annotations

import re

from kg.ingest.model import DateItem

__all__ = ["find_dates", "iso_date"]

_MONTHS = ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
           "november", "december"]
_M = "|".join(m.capitalize() for m in _MONTHS)
DATE = re.compile(
    rf"\b(?:(?P<d>\d{{1,2}})(?:st|nd|rd|th)?\s+(?P<m>{_M})(?:\s+(?P<y>(?:19|20)\d\d))?"
    rf"|(?P<m2>{_M})\s+(?P<d2>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<y2>(?:19|20)\d\d)"
    rf"|(?P<m3>{_M})\s+(?P<y3>(?:19|20)\d\d)"
    r"|(?P<iso>(?:19|20)\d\d-[01]\d-[0-3]\d)"
    r"|(?P<fy>(?:19|20)\d\d[-/–](?:\d\d){1,2})"
    r"|(?:in|since|by|until|from|of|during)\s+(?P<y4>(?:19|20)\d\d)(?![-/]\d))\b")


def iso_date(text: str) -> str | None:
    """An ISO date (``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``) for a date as written, else None.

    >>> iso_date("November 12, 2014"), iso_date("2014"), iso_date("last week")
    ('2014-11-12', '2014', None)
    """
    text = text.strip()
    if re.fullmatch(r"(?:19|20)\d\d(?:-[01]\d(?:-[0-3]\d)?)?", text):
        return text
    m = DATE.search(text)
    return _iso(m) if m else None


def _iso(m: re.Match[str]) -> str | None:
    g = m.groupdict()
    if g["iso"]:
        return g["iso"]
    if g["y4"]:
        return g["y4"]
    month = g["m"] or g["m2"] or g["m3"]
    year = g["y"] or g["y2"] or g["y3"]
    day = g["d"] or g["d2"]
    if not month or not year:
        return None
    number = _MONTHS.index(month.lower()) + 1
    return f"{year}-{number:02d}-{int(day):02d}" if day else f"{year}-{number:02d}"


def find_dates(text: str) -> list[DateItem]:
    """Every date or period of ``text`` with its offsets."""
    out = []
    for m in DATE.finditer(text):
        start = m.start("y4") if m.group("y4") else m.start()
        out.append(DateItem(start, m.end(), text[start:m.end()], _iso(m)))
    return out
