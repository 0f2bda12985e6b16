"""A new source's metadata: what the document says (title, date, outlet, address), what the options say,
and what a person types at the prompt; each field with how it was established.

>>> meta = settle(found={"title": ("A headline", "the page's <title>")},
...               given={"date": "12 November 2014", "outlet": "HSJ"}, path=Path("a.html"), ask=None)
>>> meta.date, meta.date_basis
('2014-11-12', 'Given on the command line (--date 12 November 2014) when the source was ingested.')
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from kg.ingest.dates import DATE, iso_date
from kg.problems import InvalidInput, Problem

__all__ = ["SourceMeta", "settle", "found_in_text", "REQUIRED"]

REQUIRED = ("title", "date", "outlet")


@dataclass
class SourceMeta:
    """Title, date (ISO: year, year-month or full date), outlet or publisher, address; and their bases."""

    title: str
    date: str
    outlet: str
    url: str | None
    date_basis: str
    metadata_basis: str


def found_in_text(text: str) -> dict[str, tuple[str, str]]:
    """Title and date a plain text states at its top: a short first line, a dateline.

    >>> found_in_text("Councils warned\\n\\n23 October 2013\\n\\nThe NAO said.")["date"][0]
    '2013-10-23'
    """
    found: dict[str, tuple[str, str]] = {}
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    if lines and len(lines[0]) <= 120 and not lines[0].endswith((".", ":", ",")):
        found["title"] = (lines[0], f"the first line of the text ({lines[0][:60]!r})")
    head = text[:600]
    dateline = re.search(r"(?im)^\s*(?:published|updated|date)?\s*:?\s*(.{0,40})$", head)
    for m in DATE.finditer(head):
        iso = iso_date(m.group(0))
        if iso and len(iso) >= 7:
            line = head[head.rfind("\n", 0, m.start()) + 1:head.find("\n", m.end()) if "\n" in head[m.end():]
                        else len(head)].strip()
            if len(line) <= 60 or dateline:
                found["date"] = (iso, f"the dateline of the text ({line[:60]!r})")
                break
    return found


def _iso(value: str) -> str | None:
    value = value.strip()
    m = re.match(r"((?:19|20)\d\d(?:-[01]\d(?:-[0-3]\d)?)?)(?:T|\s|$)", value)
    return m.group(1) if m else iso_date(value)


def settle(*, found: dict[str, tuple[str, str]], given: dict[str, str | None], path: Path,
           ask: Callable[[str], str] | None) -> SourceMeta:
    """Merge what was found with the options (options win); ask for the rest, or refuse naming the options.

    ``ask`` prompts a person (only when stdin is a terminal); without it, a missing field is an error.
    """
    values: dict[str, tuple[str, str]] = {}
    for key in (*REQUIRED, "url"):
        if given.get(key):
            values[key] = (str(given[key]), f"Given on the command line (--{key} {given[key]})")
        elif key in found:
            values[key] = (found[key][0], f"Found in {found[key][1]}")
    missing = [key for key in REQUIRED if key not in values]
    if missing and ask is not None:
        for key in missing:
            answer = ask(f"{key} of {path.name}").strip()
            if answer:
                values[key] = (answer, "Entered at the prompt")
        missing = [key for key in REQUIRED if key not in values]
    if missing:
        options = " ".join(f"--{key}" for key in missing)
        raise InvalidInput([Problem(f"the document does not state its {', '.join(missing)}; give {options} "
                                    "(kg ingest asks only when run in a terminal)", file=str(path), check="ingest")])
    date = _iso(values["date"][0])
    if date is None:
        raise InvalidInput([Problem(f"cannot read the date {values['date'][0]!r}; give --date as YYYY, YYYY-MM, "
                                    "YYYY-MM-DD or '12 November 2014'", file=str(path), check="ingest")])
    basis = {k: v[1] for k, v in values.items()}
    return SourceMeta(
        title=" ".join(values["title"][0].split()), date=date, outlet=" ".join(values["outlet"][0].split()),
        url=values["url"][0] if "url" in values else None,
        date_basis=f"{basis['date']} when the source was ingested.",
        metadata_basis="; ".join(f"{k}: {basis[k]}" for k in ("title", "outlet", "url") if k in basis)
                       + " (recorded by kg ingest).")
