"""Mentions of known entities: names and aliases, surnames, misspellings, and phrases resolved in context.

"the watchdog", "the committee", "the council" and "the fund" refer back to the most recently mentioned
entity of a compatible class, as do "this programme", "my Committee", "this House" and "the three-year
programme" (up to two lower-case words before the noun); "the Department" ("her Department") refers to the first
department the text named, the one a report is about; a name that several entities share goes to the one
mentioned most recently. An alias that is only a description other bodies share ("spending watchdog", "the
auditors") links to its body only on a page that names that body or that it published.
"""

from __future__ import annotations

import re

from rapidfuzz.distance import Levenshtein

from kg.ingest.gazetteer import Gazetteer
from kg.ingest.model import Mention, Sentence
from kg.namespaces import WKG

__all__ = ["find_mentions", "CONTEXT_PHRASES", "DEFINED", "DETERMINER"]

# phrase -> the classes (any of) of the entity it can refer back to
CONTEXT_PHRASES: dict[str, tuple[str, ...]] = {
    "department": (str(WKG.GovernmentDepartment), str(WKG.NonMinisterialDepartment)),
    "watchdog": (str(WKG.AuditBody),),
    "spending watchdog": (str(WKG.AuditBody),),
    "auditor": (str(WKG.AuditBody),),
    "committee": (str(WKG.ParliamentaryCommittee),),
    "council": (str(WKG.LocalAuthority),),
    "authority": (str(WKG.LocalAuthority), str(WKG.CombinedAuthority)),
    "fund": (str(WKG.Programme),),
    "programme": (str(WKG.Programme),),
    "scheme": (str(WKG.Programme),),
    "house": (str(WKG.Legislature),),  # "this House" in a debate of the House of Commons
}
# a determiner, up to two lower-case modifiers ("the three-year"), the phrase; "the local council" is not a council
DETERMINER = (r"\b(?:[Tt]he|[Tt]his|[Mm]y|[Oo]ur|[Hh]er|[Hh]is|[Tt]heir)\s+"
              r"(?:(?!local\b)[a-z][a-z]+(?:-[a-z]+)*\s+){0,2}?")
_CONTEXT = re.compile(DETERMINER + r"((?i:" + "|".join(sorted(CONTEXT_PHRASES, key=len, reverse=True)) + r"))(?![\w-])"
                      r"(?!\s+(?:of|for|on)\s+[A-Z])")
_GOVERNMENT = re.compile(r"(?<!local )(?<!local and )(?<![Tt]he )\b(?:central |national )?government\b"
                         r"(?! departments?)(?!’s departments)(?! bodies)")
_OF_A_HOUSE = re.compile(r"(?:\s+[A-Z][\w’'-]+)+\s+Committee\b")
# reports call HM Treasury "the Treasury", never "the Department" (which is the department the report is about)
_TREASURY = re.compile(r"\bTreasury\b")
_CAPWORD = re.compile(r"(?<![\w’'])[A-Z][a-z]+(?:[’'][A-Z][a-z]+)?(?![\w])")


# a capitalised word straight after initials, as in "NHS Providers" or "LGA Labour Group", that is not the next
# sentence's ("the NHS. The"), a post ("PAC Chair") or a document ("NAO Report")
_NAMED_ON = re.compile(r" (?!(?:The|A|An|I|It|In|On|And|But|As|At|By|For|Of|To|If|So|We|This|That|Chair|Chairman|"
                       r"Chief|Head|Director|Report|Review|Study|Survey|Plan|Act|Bill|Budget|Annual)\b)[A-Z][a-z]{2,}")


def _pick(iris: set[str], recent: list[str]) -> tuple[str, float]:
    if len(iris) == 1:
        return next(iter(iris)), 1.0
    for iri in reversed(recent):
        if iri in iris:
            return iri, 0.7
    return sorted(iris)[0], 0.4


def find_mentions(text: str, sentences: list[Sentence], gaz: Gazetteer, *,
                  publisher: str | None = None) -> list[Mention]:
    """Every mention of a known entity in the sentences of ``text``, in order.

    ``publisher`` (the source's author, if known) is what "the Committee" or "the Department" refers to
    when the text has not named a compatible entity before.
    """
    found: list[Mention] = []
    spans: list[tuple[int, int]] = []
    sentence_starts = {s.start for s in sentences}
    named: set[str] | None = None  # what the text names by a name, or publishes; read once, when first needed

    def unnamed(iris: set[str], phrase: str) -> bool:
        """Whether ``phrase`` only describes these organisations by a noun that other bodies share ("a spending
        watchdog", "the auditors": CONTEXT_PHRASES) and the text names none of them (nor are they its publisher),
        so that it may mean another: the Audit Commission. "The Government" is not such a noun here."""
        nonlocal named
        head = phrase.split()[-1].lower().removesuffix("s")
        if head not in CONTEXT_PHRASES or not gaz.is_description(phrase) or any(
                gaz.entries[i].kind != "organisation" for i in iris):
            return False
        if named is None:
            named = {i for m in gaz.regex().finditer(text) if not gaz.is_description(m.group(0))
                     for i in gaz.lookup(m.group(0))} | ({publisher} if publisher else set())
        return not iris & named

    for s in sentences:
        for m in gaz.regex().finditer(text, s.start, s.end):
            iris = gaz.lookup(m.group(0))
            if not iris or _OF_A_HOUSE.match(text, m.end()) and all(
                    str(WKG.Legislature) in gaz.entries[i].classes for i in iris):
                continue  # "the Lords Adult Social Care Committee": a committee, named with its House
            if unnamed(iris, m.group(0)):
                continue  # "a local government spending watchdog" in a page that never names the NAO
            spans.append((m.start(), m.end()))
            how = "context" if _CONTEXT.fullmatch(m.group(0)) else "name"
            sure = 1.0 if how == "name" else 0.6
            if m.group(0).isupper() and _NAMED_ON.match(text, m.end()):
                sure = 0.5  # "NHS Providers": the initials may begin another body's name; a reviewer decides
            found.append(Mention(m.start(), m.end(), m.group(0), "", "", sure, how))
        for m in _GOVERNMENT.finditer(text, s.start, s.end):  # the UK executive, not "local government"
            if len(gaz.exact.get("Government", ())) == 1 and not any(a < m.end() and m.start() < b for a, b in spans):
                spans.append((m.start(), m.end()))
                found.append(Mention(m.start(), m.end(), m.group(0), "Government", "", 0.7, "name"))  # iri: the key
        for m in _CONTEXT.finditer(text, s.start, s.end):
            if not any(a < m.end() and m.start() < b for a, b in spans):
                spans.append((m.start(), m.end()))
                found.append(Mention(m.start(), m.end(), m.group(0), "", "", 0.6, "context"))
        for m in _CAPWORD.finditer(text, s.start, s.end):
            word = m.group(0)
            if len(word) < 5 or m.start() in sentence_starts or word in gaz.exact:
                continue
            if any(a <= m.start() < b for a, b in spans):
                continue
            near = [n for n in gaz.surnames if n[0] == word[0] and abs(len(n) - len(word)) <= 1
                    and Levenshtein.distance(n, word, score_cutoff=1) <= 1]
            if len(near) == 1:
                spans.append((m.start(), m.end()))
                found.append(Mention(m.start(), m.end(), word, near[0], "", 0.6, "fuzzy"))
    found.sort(key=lambda x: x.start)
    recent: list[str] = []
    out: list[Mention] = []
    for mention in found:
        if mention.how == "context":
            phrase = _CONTEXT.fullmatch(mention.text).group(1).lower()
            classes = CONTEXT_PHRASES[phrase]
            history = ([publisher] if publisher in gaz.entries else []) + recent
            # "the Department" is the one the text named first (a report's own department, as reports define it
            # once: "the Department for Education (the Department)"); other phrases refer to the most recent
            order = history if phrase == "department" else list(reversed(history))
            target = next((iri for iri in order if gaz.entries[iri].classes & set(classes)
                           and not (phrase == "department" and _TREASURY.search(gaz.entries[iri].label))), None)
            if target is None:  # an alias such as "the watchdog" only for an entity the context allows
                aliased = [iri for iri in gaz.lookup(mention.text) if gaz.entries[iri].classes & set(classes)
                           and len(gaz.lookup(mention.text)) == 1 and "Committee" not in phrase.title()]
                if not aliased or unnamed(set(aliased), mention.text):
                    continue
                target, mention.confidence = aliased[0], 0.5
            mention.iri = target
        elif mention.how == "fuzzy":
            mention.iri, _ = _pick(gaz.surnames[mention.iri], recent)
        else:
            mention.iri, confidence = _pick(gaz.lookup(mention.iri or mention.text), recent)
            mention.confidence = min(mention.confidence, confidence)
            mention.how = "name"
        entry = gaz.entries.get(mention.iri)
        if entry is None:
            continue
        mention.kind = entry.kind
        recent.append(mention.iri)
        out.append(mention)
    return _abbreviations(text, sentences, out)


# an abbreviation defined in brackets right after a name: "NHS England (NHSE)"
DEFINED = re.compile(r"\s*\((?:the\s+)?([A-Z][A-Za-z&]{1,9})\)")


def _abbreviations(text: str, sentences: list[Sentence], found: list[Mention]) -> list[Mention]:
    """Add the abbreviations a text defines for a name it has just used, and their later uses: "NHS England
    (NHSE)" makes "NHSE" a mention of NHS England in this text.

    >>> ms = [Mention(0, 11, "NHS England", "ent:nhse", "organisation", 1.0, "name")]
    >>> text = "NHS England (NHSE) and NHSE’s plans."
    >>> [(m.text, m.iri) for m in _abbreviations(text, [Sentence(0, len(text), 0)], ms)]
    [('NHS England', 'ent:nhse'), ('NHSE', 'ent:nhse'), ('NHSE', 'ent:nhse')]
    """
    defined: dict[str, Mention] = {}
    for m in found:
        d = DEFINED.match(text, m.end)
        if d and d.group(1) != m.text and d.group(1)[0] == re.sub(r"^[Tt]he\s+", "", m.text)[:1]:
            defined.setdefault(d.group(1), m)
    if not defined:
        return found
    taken = [(m.start, m.end) for m in found]
    extra = []
    pattern = re.compile(rf"(?<![\w&])(?:{'|'.join(map(re.escape, sorted(defined, key=len, reverse=True)))})(?![\w&])")
    for s in sentences:
        for a in pattern.finditer(text, s.start, s.end):
            first = defined[a.group(0)]
            if a.start() > first.start and not any(x < a.end() and a.start() < y for x, y in taken):
                extra.append(Mention(a.start(), a.end(), a.group(0), first.iri, first.kind, 0.8, "abbreviation"))
    return sorted(found + extra, key=lambda m: m.start)
