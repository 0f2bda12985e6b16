"""New people and organisations: names the graph does not know, proposed as new nodes.

People are found by a title (Sir, Dame, Lord, Baroness, Cllr, Dr...) or a post ("chair of",
"permanent secretary", "leader of", "chief executive of") next to a capitalised name; organisations by
a head word (Council, Department, Committee, Authority, Association, Institute, Trust...), as
``kg.ingest.orgs`` finds them.

>>> [m.group("name") for m in PERSON_TITLED.finditer("Leader Cllr Philippa Roe said, as did Dr Ann Smith.")]
['Philippa Roe', 'Ann Smith']
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from kg.ingest.gazetteer import TITLES, Gazetteer
from kg.ingest.mentions import DEFINED, DETERMINER
from kg.ingest.model import UNRESOLVED, Mention, NewEntity, Printed, Sentence
from kg.ingest.orgs import CAP, CONNECT, HEADS, org_names
from kg.ingest.programmes import defined_programmes, initials, named_stem, trim_opening
from kg.namespaces import ENT

__all__ = ["find_new_entities", "NAME", "POST", "PERSON_TITLED", "slug"]

NAME = r"[A-Z][a-z]+(?:[-’'][A-Z]?[a-z]+)?"  # one word of a person's name
_FULL = rf"{NAME}(?:\s+(?:[A-Z]\.\s*)?{NAME}){{1,2}}"
PERSON_TITLED = re.compile(rf"\b(?P<title>{TITLES})\.?\s+(?P<name>{_FULL}|{NAME})\b")
POST = (r"(?:chair(?:man|woman)?|chief executive|CEO|leader|permanent secretary|director(?: general)?|head|"
         r"secretary of state|minister|chief|deputy leader|deputy chair|president|comptroller and auditor general|"
         r"chief secretary|spokes(?:man|woman|person)|managing director|partner|MP)")
# "Fran Oram, the Department for Education’s Director of ...": a post after the name, perhaps a body's
_PERSON_POST_AFTER = re.compile(rf"\b(?P<name>{_FULL}),\s+(?:the\s+)?(?:[A-Z][\w-]*(?:\s+(?:of|for|and)?\s*"
                                rf"[A-Z][\w-]*){{0,5}}[’']s\s+)?(?:[A-Za-z]+\s+)?(?i:{POST})\b")
_PERSON_MP = re.compile(rf"\b(?P<name>{_FULL})\s+(?:MP|MSP|QC|KC)\b")  # "Bob Neill MP"
# "Miriam Deakin of NHS Providers has said": a person of a body, speaking
_PERSON_OF = re.compile(rf"\b(?P<name>{_FULL})\s+(?:of|from|at)\s+(?:the\s+)?[A-Z][\w’'&-]*(?:\s+[A-Z][\w’'&-]*){{0,4}}"
                        rf"\s+(?:has\s+|had\s+)?(?:said|says|told|tells|warned|argued|explained|wrote)\b")
_PERSON_POST_BEFORE = re.compile(rf"\b(?i:{POST}),?\s+(?:of\s+(?:the\s+[A-Z][\w&’' ]+?,|[A-Z][\w&’' ]+?,?)\s+)?"
                                 rf"(?P<name>{_FULL})\b")
# a named programme, or a named credit or grant ("Universal Credit", "Pupil Premium", "New Homes Bonus"); not
# allowances and benefits, which the gold guidelines do not count as programmes ("Local Housing Allowance")
_PROGRAMME = re.compile(rf"\b{CAP}(?:{CONNECT}{CAP}){{0,4}}\s+(?:Fund|Programme|Scheme|Initiative|Deal|Credit|"
                        rf"Grant|Premium|Bonus|Levy|(?P<lower>programme|scheme|initiative))\b")
_PROGRAMME_WORDS = frozenset({"New"})
_NOT_NAMES = {"Better", "Care", "Fund", "Local", "Government", "National", "Health", "Public", "Social",
              "Commons", "Lords", "House", "Council", "Treasury", "Committee", "Department", "Office", "Chancellor",
              "Secretary", "State", "Prime", "Minister", "January", "February", "March", "April", "May", "June",
              "July", "August", "September", "October", "November", "December", "Monday", "Tuesday",
              "Wednesday", "Thursday", "Friday", "Saturday", "Sunday", "Audit", "Accounts", "General",
              "Rt", "Hon", "Honourable", "Bishop",  # "Rt Hon Robert Halfon MP": honorifics; "Lord Bishop": a post
              "Speaker", "Deputy", "Officer"}  # "Mr. Speaker", "Madam Deputy Speaker", "the Chief Nursing Officer"


def slug(label: str) -> str:
    """A readable IRI local name for a label.

    >>> slug("Sir Richard Leese (leader)")
    'sir-richard-leese-leader'
    """
    return re.sub(r"[^a-z0-9]+", "-", label.lower().replace("’", "").replace("'", "")).strip("-")[:60]


def _known_like(entity: NewEntity, gaz: Gazetteer) -> str | None:
    """A known entity of the same kind whose label has every word of the new name (at least two)."""
    words = {w.lower() for w in re.findall(r"[\w’']+", entity.label)} - {"the", "of", "and", "for"}
    if len(words) < 2:
        return None
    hits = [e.iri for e in gaz.entries.values() if e.kind == entity.kind
            and words <= {w.lower() for w in re.findall(r"[\w’']+", e.label)}]
    return hits[0] if len(hits) == 1 else None


def find_new_entities(text: str, sentences: list[Sentence], gaz: Gazetteer, known: list[Mention],
                      taken: set[str], author: str | None = None,
                      speakers: tuple[tuple[int, int, str], ...] = (),
                      printed: tuple[Printed, ...] = ()) -> tuple[list[NewEntity], list[Mention]]:
    """New entities and their mentions (first mention is the entity's evidence).

    ``author`` is the name of the document's author when the graph lacks it: "the Committee" with no committee
    named before refers to it. ``speakers`` are the people a debate's record prints before their words
    (``kg.ingest.voices.speaker_headings``); ``printed`` are the names a page prints in fixed forms
    (``kg.ingest.records.printed_names``: witnesses, written evidence, members in brackets, NHS bodies by place).
    """
    spans = [(m.start, m.end) for m in known]
    entities: dict[str, NewEntity] = {}
    mentions: list[Mention] = []

    def propose(start: int, end: int, name: str, cls: str, kind: str, confidence: float, cue: str) -> None:
        name = " ".join(name.split())
        if any(a <= start < b or a < end <= b for a, b in spans) or gaz.lookup(name):
            return
        if kind == "person" and (set(name.split()) & _NOT_NAMES or len(name) < 4):
            return
        # "X (LUHC) Committee" is "X Committee", and so is "House of Lords X Committee"
        key = re.sub(r"\s*\([A-Z]{2,6}\)|^(?:House of )?(?:Lords|Commons)\s+(?=.*Committee$)", "", name).lower()
        if key not in entities:
            entities[key] = NewEntity(_mint(name, gaz, taken), name, cls, kind, start, end, confidence, cue)
        entity = entities[key]
        spans.append((start, end))
        mentions.append(Mention(start, end, text[start:end], entity.iri, kind, confidence, "new", new=True))

    for start, end, name in speakers:
        propose(start, end, name, "Person", "person", 0.8, "speaker")
    in_text = [(s.start, s.end) for s in sentences]
    for p in printed:
        if any(a <= p.start and p.end <= b for a, b in in_text):
            propose(p.start, p.end, p.name, "Person" if p.kind == "person" else "Organisation", p.kind, 0.7, p.cue)
    for s in sentences:
        chunk = text[s.start:s.end]
        for pattern, conf, cue in ((PERSON_TITLED, 0.8, "title"), (_PERSON_POST_AFTER, 0.7, "post"),
                                   (_PERSON_POST_BEFORE, 0.7, "post"), (_PERSON_MP, 0.7, "post"),
                                   (_PERSON_OF, 0.6, "speaker of")):
            for m in pattern.finditer(chunk):
                name, start = trim_opening(m.group("name"), s.start + m.start("name"))
                while len(name.split()) > 2 and name.split()[0] in _NOT_NAMES:  # "Committee Bob Neill MP"
                    start += len(name.split()[0]) + 1
                    name = name.split(" ", 1)[1]
                if cue == "post" and re.search(r"\b(?:in|at|from)\s+$", text[max(0, start - 6):start]):
                    continue  # "Director of Public Health in Milton Keynes": a place, not the post holder
                if len(name.split()) >= 2 or cue == "title":
                    end = start + len(name)
                    title = m.groupdict().get("title")
                    if title and len(name.split()) == 1:  # "Mr. Speake" was cut: the span is the text's own
                        name, start, end = f"{title} {name}", s.start + m.start(), s.start + m.end("name")
                    propose(start, end, name, "Person", "person", conf, cue)
        found = [(n, at, "organisation") for n, at in org_names(chunk, s.start)]
        found += [(*trim_opening(m.group(0), s.start + m.start(), keep=_PROGRAMME_WORDS), "programme")
                  for m in _PROGRAMME.finditer(chunk)  # "New Deal", "New Hospital Programme" keep their "New"
                  if not m.group("lower") or named_stem(m.group(0)[:m.start("lower") - m.start()])]
        for name, start, kind in found:
            if len(name.split()) < 2 and not name.startswith("Borough"):
                continue
            head = next((h for h in sorted(HEADS, key=len, reverse=True) if re.search(rf"\b{h}\b", name)), "")
            cls = "Programme" if kind == "programme" else HEADS.get(head, "Organisation")
            if cls == "ParliamentaryCommittee" and not re.search(r"Commons|Lords|Select|Accounts|Parliament",
                                                                 name):
                cls = "Organisation"
            if cls == "NhsBody" and "NHS" not in name:
                cls = "Organisation"
            propose(start, start + len(name), name, cls, kind, 0.6, head or ("programme" if kind == "programme"
                                                                             else "placed"))
    for name in defined_programmes(text):  # "Universal credit, the Government's flagship programme"
        for m in re.finditer(rf"(?<![\w’'-]){re.escape(name)}(?![\w-])", text, re.IGNORECASE):
            propose(m.start(), m.end(), m.group(0), "Programme", "programme", 0.55, "defined")
    def by_initials(m: re.Match, group: int, confidence: float) -> None:
        """A body known by its initials, unless they are a new body's already ("BRRS")."""
        if not any(initials(e.label) == m.group(group) for e in entities.values()):
            propose(m.start(group), m.end(group), m.group(group), "Organisation", "organisation", confidence,
                    "initials")

    for m in _THE_ACRONYM.finditer(text):  # "the CSA cannot be made to work"
        by_initials(m, 1, 0.5)
    for m in _REGULATORS.finditer(text):  # the "Of-" regulators and inspectorates, named by one word
        propose(m.start(), m.end(), m.group(0), "PublicAgency", "organisation", 0.6, "regulator")
    for m in _PARLIAMENT.finditer(text):  # "Parliament voted for it", not "this Parliament" (a period of time)
        propose(m.start(), m.end(), m.group(0), "Legislature", "organisation", 0.5, "institution")
    for m in _INITIALISM.finditer(text):  # "DWP’s own statistics", "ADASS has warned": initials standing alone
        if m.group(0) not in _NOT_BODIES:
            by_initials(m, 0, 0.4)
    _refer_back(text, entities, mentions, spans, author, gaz, taken)
    # later mentions of a new person by surname
    for entity in list(entities.values()):
        if entity.kind == "person":
            continue
        like = _known_like(entity, gaz)
        if like is not None:  # "Syrian Resettlement Programme" for the known Syrian VPR programme
            del entities[entity.label.lower()]
            for m in mentions:
                if m.iri == entity.iri:
                    m.iri, m.new, m.how, m.confidence = like, False, "fuzzy", 0.6
    for entity in entities.values():
        if entity.kind != "person":
            continue
        surname = entity.label.split()[-1]
        for m in _later(rf"(?<![\w’']){re.escape(surname)}(?![\w])", text, entity, spans):
            spans.append((m.start(), m.end()))
            mentions.append(Mention(m.start(), m.end(), surname, entity.iri, "person", 0.6, "new", new=True))
    return list(entities.values()), sorted(mentions, key=lambda x: x.start)


# "the CSA" as the subject of a verb, or before a possessive or a stop: a body known by its initials
_THE_ACRONYM = re.compile(r"\b[Tt]he ([A-Z]{3,5})(?=[’']s\b|[—,.;:)]|\s+(?:is|was|has|had|have|cannot|can|should|"
                          r"will|would|must|did|does|could|may|said|told|says)\b)")
# the regulators and inspectorates named "Of-" ("Ofsted has rated ...", "Ofgem"): bodies with no head word
_REGULATORS = re.compile(r"\bOf(?:sted|qual|gem|wat|com|tel)\b")
# Parliament the institution ("only 9 months after Parliament voted for it"), not a Parliament as a period ("by
# the end of this Parliament", "the 2017 Parliament") nor a part of another name ("Members of Parliament")
_PARLIAMENT = re.compile(r"(?<!\bthis )(?<!\bthat )(?<![Tt]he )(?<!\blast )(?<!\bnext )(?<!\bof )(?<!\bUK )"
                         r"(?<!\bcurrent )(?<!\bprevious )(?<!\d )\bParliament\b(?![’']s sitting)")
# initials alone, not a plural ("MPs"), not in a line of capitals (a heading such as "CHILD CARE")
_INITIALISM = re.compile(r"(?<![A-Z][ -])(?<![\w’'-])[A-Z]{2,6}(?![\w’'-]*[a-z]\b(?<!’s)(?<!'s)|[ -][A-Z]{2}|[\w-])")
# initials that name no body: places, people's posts, papers, units, qualifications, honours, illnesses, benefits
_NOT_BODIES = frozenset("""
    UK GB US USA MP MSP GP AM PM HC HL HM QC KC OBE MBE CBE PDF IT TV ID OK NB COVID HIV AIDS TB GDP VAT CEO FTE
    GCSE SEN SEND PFI CSR SR JSA ESA PIP LHA DHP UC ODA BME SI PA AND OR THE OF ON IN TO I II III IV VI""".split())
# a body a page refers to without ever naming it ("the Department" of a committee's conclusions) -> its class
_UNNAMED = {"department": "GovernmentDepartment", "authority": "Organisation"}
_BACK = re.compile(DETERMINER + r"(Committee|committee|Department|Authority|Scheme|scheme|Programme|programme)\b"
                   r"(?!\s+(?:of|for|on)\s+[A-Z])")


def _mint(name: str, gaz: Gazetteer, taken: set[str]) -> str:
    """A fresh IRI for a new entity called ``name``: not a known entity's, nor one this ingest minted already."""
    local = slug(name)
    while str(ENT[local]) in gaz.entries or str(ENT[local]) in taken:
        local += "-new"
    taken.add(str(ENT[local]))
    return str(ENT[local])


def _later(pattern: str, text: str, entity: NewEntity, spans: list[tuple[int, int]]) -> Iterator[re.Match[str]]:
    """Matches of ``pattern`` after the entity's first mention that no mention covers (checked as each is
    yielded, so a caller may add spans as it goes)."""
    for m in re.finditer(pattern, text):
        if m.start() > entity.start and not any(a <= m.start() < b for a, b in spans):
            yield m


# initials glossed by the name in brackets right after them: "The DWP (Department for Work and Pensions)"
_GLOSSED = re.compile(r"(?<![\w&])([A-Z]{2,6})\s*\($")


def _refer_back(text: str, entities: dict[str, NewEntity], mentions: list[Mention], spans: list[tuple[int, int]],
                author: str | None, gaz: Gazetteer, taken: set[str]) -> None:
    """Later mentions of new organisations and programmes: their initials ("DWP" after "Department for Work and
    Pensions"), and "the Committee", "the Department", "the scheme" after one (or, for "the Committee", the
    document's author when the graph lacks it)."""
    def add(start: int, end: int, entity: NewEntity, how: str) -> None:
        spans.append((start, end))
        mentions.append(Mention(start, end, text[start:end], entity.iri, entity.kind, min(0.55, entity.confidence),
                                how, new=True))

    free = [(e, initials(e.label)) for e in list(entities.values()) if e.kind != "person"]
    for entity, caps in free:
        defined = {d.group(1) for x in mentions if x.iri == entity.iri and (d := DEFINED.match(text, x.end))
                   and d.group(1)[0] == caps[:1]}  # "New Hospital Programme (NHP)"
        if len(caps) >= 3 and len(entity.label.split()) >= 3 or (  # "UC" after "Universal Credit"
                entity.kind == "programme" and len(caps) == len(entity.label.split()) == 2):
            defined.add(caps)
        if entity.label.isupper():  # "CSA" again after "the CSA cannot"
            defined.add(entity.label)
        for short in sorted(defined, key=len, reverse=True):
            for m in _later(rf"(?<![\w&]){re.escape(short)}(?![\w&])", text, entity, spans):
                add(m.start(), m.end(), entity, "initials")
        glossed = _GLOSSED.search(text, max(0, entity.start - 12), entity.start)  # "The DWP (Department for Work
        if glossed and glossed.group(1) == caps and len(caps) >= 3 and not any(  # and Pensions) should"
                a < glossed.end(1) and glossed.start(1) < b for a, b in spans):
            add(glossed.start(1), glossed.end(1), entity, "initials")
        if entity.kind == "programme":  # "universal credit" after "Universal Credit"
            for m in _later(rf"(?i)(?<![\w’'-]){re.escape(entity.label)}(?![\w-])", text, entity, spans):
                add(m.start(), m.end(), entity, "name")
            stem = re.sub(r"\s+(?:programme|scheme|initiative)$", "", entity.label)  # "Homes for Ukraine", even in
            if stem != entity.label and len(stem.split()) >= 2:  # the title above "the Homes for Ukraine scheme"
                for m in re.finditer(rf"(?<![\w’'-]){re.escape(stem)}(?![\w-])", text):
                    if not any(a < m.end() and m.start() < b for a, b in spans):
                        add(m.start(), m.end(), entity, "name")
    for m in _BACK.finditer(text):
        if any(a <= m.start() < b for a, b in spans):
            continue
        head = m.group(1).lower()
        before = [e for e in entities.values() if e.kind != "person" and e.start < m.start() and e.cue != UNRESOLVED
                  and (head in e.label.lower().split() or head in ("programme", "scheme") and e.kind == "programme")]
        if before:
            add(m.start(), m.end(), max(before, key=lambda e: e.start), "refers back")
        elif head == "committee" and author:
            key = author.lower()
            if key not in entities:
                entities[key] = NewEntity(_mint(author, gaz, taken), author, "ParliamentaryCommittee",
                                          "organisation", m.start(), m.end(), 0.55, "author")
            add(m.start(), m.end(), entities[key], "author")
        elif head in _UNNAMED:  # "the Department" of a page that never names it: one unnamed body, for review
            key = f"the {head}"
            if key not in entities:
                entities[key] = NewEntity(_mint(f"unnamed {head}", gaz, taken), f"the {head.title()}",
                                          _UNNAMED[head], "organisation", m.start(), m.end(), 0.3, UNRESOLVED)
            add(m.start(), m.end(), entities[key], UNRESOLVED)
