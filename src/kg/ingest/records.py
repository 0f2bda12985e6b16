"""Names that Parliament's pages print in fixed forms: witness lists, written evidence and members in brackets.

- A committee's list of witnesses: "Witnesses Susan Munroe, Chief Executive, Freedom from Torture; Rupert
  Soames, Group Chief Executive, Serco, and Stuart Monk, Owner and Managing Director, Jomast." Each witness is a
  name, then their post, then (last) the body they speak for; so is each line of a bulleted list of two or more
  witnesses ("• Lily Caprani, Deputy Executive Director, Unicef").
- A list of written evidence: "Sandwell Women’s Aid (ACC0041)": who submitted it, with the evidence's code.
- Hansard names a member by constituency, then in brackets by name: "the Member for Hemel Hempstead (Mike
  Penning)"; and NHS bodies by place before a lower-case head: "the Surrey and Sussex trust" (one body), "Walnut
  Tree and St. Leonard's hospitals", "Suffolk Coastal and Suffolk West PCTs" (a plural head: one body a place).

Each is a :class:`kg.ingest.model.Printed` name: what it is (a person or an organisation) and where it stands.

>>> text = "Witnesses Ann Lee, Chief Executive, Shelter, and Bob Day, Chair, Orchard and Shipman (at 3pm)."
>>> [(p.name, p.kind) for p in printed_names(text)]
[('Ann Lee', 'person'), ('Shelter', 'organisation'), ('Bob Day', 'person'), ('Orchard and Shipman', 'organisation')]
>>> text = "At 2.30pm\\n  • Ann Lee, Chief Executive, Shelter\\n  • Cllr Bob Day, Local Government Association\\n"
>>> [p.name for p in printed_names(text)]
['Ann Lee', 'Shelter', 'Bob Day', 'Local Government Association']
>>> [(p.name, p.kind) for p in printed_names("Women’s Aid (ACC0041)\\nthe Member for West Dorset (Mr. Letwin)")]
[('Women’s Aid', 'organisation'), ('Mr. Letwin', 'person')]
"""

from __future__ import annotations

import re

from kg.ingest.model import Printed
from kg.ingest.names import NAME, POST
from kg.ingest.orgs import CAP
from kg.ingest.programmes import trim_opening

__all__ = ["printed_names"]

# a piece that is a post ("Group Chief Executive", "Project Lead", "Policy Manager")
_POSTED = re.compile(rf"\b(?i:{POST}|lead|manager|officer|advis[eo]r|co-?ordinator)\b")
_COURTESY = r"(?:Mr|Mrs|Ms|Miss|Dr|Sir|Dame|Councillor|Cllr|Professor|Prof|Lord|Baroness)\.?"
_PERSON = re.compile(rf"(?:{_COURTESY}\s+)?(?P<name>{NAME}(?:\s+(?:[A-Z]\.\s*)?{NAME}){{1,2}})")
_WITNESSES = re.compile(r"^Witness(?:es)?:?[ \t]+(?P<list>[^\n]+)$", re.MULTILINE)
# a bulleted list of witnesses, one a line: "  • Lily Caprani, Deputy Executive Director, Unicef"
_BULLETED = re.compile(r"^[ \t]*[•·▪][ \t]+(?P<list>[^\n,.;:]{4,60}(?:,[^\n,.;:]{2,80}){1,4})[ \t]*$", re.MULTILINE)
_EVIDENCE = re.compile(r"^(?P<name>[A-Z][^\n()]{2,100}?) \([A-Z]{2,5}\d{3,5}\)$", re.MULTILINE)
_PLACE = r"[A-Z][\w’'.-]+(?:,? (?:and |of |the |upon |on )*[A-Z][\w’'.-]+)*"
_MEMBER = re.compile(rf"\b(?:Member|Friend|Lady|Gentleman) for {_PLACE} \((?P<name>(?:{_COURTESY}\s+{NAME}|"
                     rf"{NAME}(?:\s+{NAME}){{1,2}}))\)")
_PLACE_NAME = rf"(?:St\.\s+)?{CAP}(?:\s+{CAP}){{0,3}}"
_NHS_PLACED = re.compile(rf"\b(?P<a>{_PLACE_NAME})(?:\s+and\s+(?P<b>{_PLACE_NAME}))?\s+(?:(?P<one>trust|hospital|"
                         rf"strategic health authority|primary care trust|PCT)|(?P<many>trusts|hospitals|PCTs))\b")
_NOT_PLACES = {"NHS", "Foundation", "Acute", "Community", "Ambulance", "Care", "Health", "Mental", "Primary", "Local",
               "District", "General", "Teaching", "University", "Hospital", "Trust"}
_ORG_WORDS = re.compile(r"\b(?:Council|Association|Trust|Group|Service|Services|Department|Office|Agency|"
                        r"Authority|Committee|Commission|Board|Society|Institute|Foundation|Partnership|Ltd|plc)\b")


def printed_names(text: str) -> list[Printed]:
    """Every witness (and the body they speak for), submitter of written evidence and member named in brackets
    after their constituency, in order."""
    out: list[Printed] = []
    for m in _WITNESSES.finditer(text):
        out += _witnesses(m.group("list"), m.start("list"))
    bulleted = [found for m in _BULLETED.finditer(text)
                if (found := _witnesses(m.group("list"), m.start("list"))) and found[0].kind == "person"]
    if len(bulleted) >= 2:  # a list of people, not one line that happens to start with a name
        out += [p for found in bulleted for p in found]
    for m in _EVIDENCE.finditer(text):
        name = m.group("name").strip()
        person = _PERSON.fullmatch(name)
        if person and not _ORG_WORDS.search(name) and not re.search(r"[’']s\b", name):  # "Women’s Aid"
            out.append(Printed(m.start() + person.start("name"), m.start() + person.end("name"),
                               person.group("name"), "person", "written evidence"))
        else:
            out.append(Printed(m.start("name"), m.start("name") + len(name), name, "organisation",
                               "written evidence"))
    for m in _MEMBER.finditer(text):
        name, start = m.group("name"), m.start("name")
        if full := re.match(rf"{_COURTESY}\s+(?={NAME}\s+{NAME})", name):
            name, start = name[full.end():], start + full.end()
        out.append(Printed(start, start + len(name), name, "person", "member for"))
    return sorted(out + _nhs_placed(text), key=lambda p: p.start)


def _nhs_placed(text: str) -> list[Printed]:
    """NHS bodies named by their places before a lower-case head (see ``_NHS_PLACED``).

    >>> [(p.name, p.start) for p in _nhs_placed("Suffolk Coastal and Suffolk West PCTs, as was the Surrey trust.")]
    [('Suffolk Coastal', 0), ('Suffolk West', 20), ('Surrey trust', 50)]
    """
    out = []
    for m in _NHS_PLACED.finditer(text):
        places = [trim_opening(m.group(g), m.start(g)) for g in ("a", "b") if m.group(g)]
        if any(not name or set(name.split()) & _NOT_PLACES for name, _ in places):
            continue
        if m.group("many"):
            out += [Printed(at, at + len(name), name, "organisation", "placed") for name, at in places]
        elif re.search(r"\b[Tt]he\s+$", text[max(0, m.start() - 4):m.start()]):  # one body takes the article:
            name, at = trim_opening(m.group(0), m.start())  # "the Surrey trust", not "Where hospital budgets ..."
            out.append(Printed(at, at + len(name), name, "organisation", "placed"))
    return out


def _witnesses(listing: str, offset: int) -> list[Printed]:
    """The people in a witness list and, for each, the body named last after their post."""
    listing = re.sub(r"\s*\([^()]*\)\.?\s*$|\.\s*$", lambda m: " " * len(m.group(0)), listing)
    pieces = [(p.start(), p.group(0)) for p in re.finditer(r"[^,;]+", listing)]
    out: list[Printed] = []
    described: list[tuple[int, str]] = []

    def close() -> None:  # the last piece after a person's post names their body
        if len(described) >= 2 or described and not _POSTED.search(described[0][1]):
            at, piece = described[-1]
            lead = len(piece) - len(piece.lstrip())
            name = piece.strip()
            if name and not _POSTED.match(name) and not name[0].islower():
                out.append(Printed(offset + at + lead, offset + at + lead + len(name), name, "organisation",
                                   "witness list"))
        described.clear()

    for at, piece in pieces:
        head = re.match(r"\s*(?:and\s+)?", piece).end()
        person = _PERSON.fullmatch(piece[head:].rstrip())
        if person and not _ORG_WORDS.search(piece) and not _POSTED.search(piece):
            close()
            s = offset + at + head + person.start("name")
            out.append(Printed(s, s + len(person.group("name")), person.group("name"), "person", "witness list"))
        elif out:
            described.append((at, piece))
    close()
    return out
