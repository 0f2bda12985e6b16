"""Organisation names in a sentence: capitalised words before a head word (Council, Department, Committee,
Authority, Association, Institute, Trust...), committees named by a list of subjects, and where a name ends.

>>> [name for name, _ in org_names("The Local Government Association and Wigan Council met.", 0)]
['Local Government Association', 'Wigan Council']
"""

from __future__ import annotations

import re

from kg.ingest.programmes import trim_opening

__all__ = ["CAP", "CONNECT", "HEADS", "ORG", "org_names"]

CONNECT = r"(?:\s+(?:of|for|and|&|on|the)\s+|\s+|-)"
CAP = r"(?:[A-Z][\w’'.]*[A-Za-z](?:-(?![a-z]+ed\b|run\b)[a-z]+)*|[A-Z]{2,}|NHS)"
HEADS = {
    "Council": "LocalAuthority", "Borough Council": "LocalAuthority", "Department": "GovernmentDepartment",
    "Ministry": "GovernmentDepartment", "Committee": "ParliamentaryCommittee", "Authority": "Organisation",
    "Association": "ProfessionalBody", "Institute": "ThinkTank", "Consultancy": "Consultancy",
    "Trust": "NhsBody", "Agency": "PublicAgency", "Commission": "PublicAgency", "Office": "Organisation",
    "Partnership": "CouncilPartnership", "Foundation": "ThinkTank", "Board": "Organisation",
    "Group": "Organisation", "Society": "ProfessionalBody", "Federation": "ProfessionalBody",
    "College": "ProfessionalBody", "University": "Organisation",
}
# "the Committee on Tuesday": a day or month after "on" is when, not what, a committee is about
_WHEN = (r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|January|February|March|April|May|June|"
         r"July|August|September|October|November|December)\b")
_HEAD = "|".join(sorted(HEADS, key=len, reverse=True))
ORG = re.compile(
    rf"\b(?:(?:The\s+)?(?:(?:Department|Ministry|Institute|Office|Committee|Commission|College|University|"
    rf"Association|Society|Federation|Agency|Authority)\s+(?:of|for)"
    rf"|Committee\s+on(?!\s+(?:the\s+)?{_WHEN}))\s+(?:the\s+)?"
    rf"{CAP}(?:{CONNECT}{CAP}){{0,4}}"
    rf"|{CAP}(?:{CONNECT}{CAP}){{0,5}}\s+(?:{_HEAD})(?:\s+(?:of|for)\s+{CAP}(?:{CONNECT}{CAP}){{0,3}}"
    rf"|(?<=Select Committee)\s+on\s+(?:the\s+)?(?!{_WHEN}){CAP}(?:{CONNECT}{CAP}){{0,5}})?"
    rf"|(?:London\s+)?Borough\s+of\s+{CAP}(?:\s+(?:and|&)\s+{CAP})?)\b")
# a committee named by a list of subjects: "the Levelling Up, Housing and Communities (LUHC) Committee"
_LISTED = re.compile(rf"\b{CAP}(?:\s+{CAP})*(?:,\s+{CAP}(?:\s+{CAP})*)+\s+(?:and|&)\s+{CAP}(?:\s+{CAP})*"
                     rf"(?:\s+\([A-Z]{{2,6}}\))?\s+Committee\b")
# a report's name after a committee's: "the Select Committee on Education and Skills Ninth Report"
_REPORT = re.compile(r"(?<=\S)\s+(?:[A-Z][a-z]+\s+)?Report$")
# a person's name in the possessive before a body's name: the minister's department, not part of its name
_OWNER = re.compile(r"(?:[A-Z][a-z]+\s+){1,2}[A-Z][a-z]+[’']s\s+")


def org_names(chunk: str, offset: int) -> list[tuple[str, int]]:
    """Organisation names in ``chunk`` with their offsets (``offset`` added); "X Association and Y Council"
    is two names, "the Work, Pensions and Housing Committee" one; a person's possessive before a name is not part
    of it, though a one-word one is ("Women’s Institute").

    >>> org_names("The Levelling Up, Housing and Communities (LUHC) Committee met.", 0)
    [('Levelling Up, Housing and Communities (LUHC) Committee', 4)]
    >>> org_names("MPs say Ruth Kelly’s Communities and Local Government Department is failing.", 0)
    [('Communities and Local Government Department', 21)]
    >>> org_names("The Women’s Institute met.", 0)
    [('Women’s Institute', 4)]

    A name after "of" or "for" runs on at the start of a sentence too, and a select committee's subject follows
    "on" (but not a day or a report's title):

    >>> org_names("The Institute for Fiscal Studies said so.", 0)
    [('Institute for Fiscal Studies', 4)]
    >>> org_names("The Select Committee on Education and Skills Ninth Report", 0)
    [('Select Committee on Education and Skills', 4)]
    >>> org_names("The Select Committee on Monday heard from the Levelling-Up Committee on Homes for Ukraine.", 0)
    [('Select Committee', 4), ('Levelling-Up Committee', 46)]
    """
    listed = list(_LISTED.finditer(chunk))
    out = [trim_opening(m.group(0), offset + m.start()) for m in listed]
    for m in ORG.finditer(chunk):
        if any(x.start() < m.end() and m.start() < x.end() for x in listed):
            continue
        start = offset + m.start()
        pieces, last = [], 0
        for sep in re.finditer(r"\s+(?:and|&)\s+", m.group(0)):
            if re.search(rf"\b(?:{_HEAD})$", m.group(0)[:sep.start()]):
                pieces += [m.group(0)[last:sep.start()], sep.group(0)]
                last = sep.end()
        pieces.append(m.group(0)[last:])
        for i, piece in enumerate(pieces):
            if i % 2 == 0:
                name, at = trim_opening(piece, start)
                if "Committee " in name:
                    name = _REPORT.sub("", name)
                name = re.sub(r"[’']s$", "", name)  # "the University of Sheffield’s research"
                if (owner := _OWNER.match(name)) and len(name[owner.end():].split()) >= 2:
                    name, at = name[owner.end():], at + owner.end()  # "Ruth Kelly’s Communities ... Department"
                out.append((name, at))
            start += len(piece)
    return out
