"""Who speaks a paragraph of a debate whose stored record has lost the speakers' name headings.

A House's record (Hansard) gives each contribution as one or more paragraphs under the speaker's name; the
stored excerpts often keep the words and drop the names. Members still name each other as they speak, and
that names the speakers as the text itself does (the evaluation's gold does the same):

- the next contribution names the member it answers as it starts: "I thank *the Minister* for that reply",
  "I can inform *the noble Baroness*", "what *the right hon. Gentleman* says" (a post only when thanked, as
  members address the Minister all through a debate);
- a question put to a member is answered by that member: "Has *the Secretary of State* had ...?";
- the Chair names the next speaker: "Before I call *the shadow Secretary of State* to open ...", "Before I
  call *the hon. Member for Romsey* (Sandra Gidley), I should say ..."; the Chair's own words judge nothing;
- the first answer to a tabled question ("To ask Her Majesty's Government ...", "5. What assessment ...") is
  the Minister's;
- the Chair's call to order ("Order. ... as the hon. Gentleman is addressing the House") names the member who
  speaks after it, and before it when the Chair interrupted them; the Chair's own words judge nothing;
- a member never named nor addressed is "the Member" (the gold guidelines' rule).

A post ("the Minister", "the Secretary of State") is preferred to a courtesy ("my hon. Friend") when both name
the same contribution. A paragraph continues the contribution before it when it starts in lower case or with
a quotation, or follows "I beg to move," or the motion. Nothing here links a name to a node: the text gives a
description, not an identity.

>>> from kg.ingest.sentences import split_sentences
>>> text = ("To ask Her Majesty’s Government what progress is being made.\\n"
...         "My Lords, the programme is working well.\\n"
...         "I thank the Minister for that reply, but is he aware that it has failed?\\n"
...         "My Lords, I do not accept that. The noble Baroness is wrong.")
>>> debate_speakers(text, split_sentences(text))
{1: 'the Minister', 2: 'the noble Baroness', 3: 'the Minister'}
"""

from __future__ import annotations

import re

from kg.ingest.gazetteer import TITLES, Gazetteer
from kg.ingest.model import Mention, Sentence
from kg.ingest.names import NAME
from kg.namespaces import WKG

__all__ = ["ADDRESS", "AUTHORS", "CHAIR", "debate_speakers", "disputed_member", "heading_voice", "introduced_voice",
           "is_debate", "is_house", "member_node", "speaker_headings"]

AUTHORS = {str(WKG.AuditBody), str(WKG.ParliamentaryCommittee)}  # bodies whose reports judge

_PLACE = r"(?:[A-Z][\w’'-]+(?:,? (?:and |of |the |upon |on )*[A-Z][\w’'-]+)*)"
# the posts that answer a debate; "the Prime Minister's letter" is a mention, not an address
_POST = rf"(?:shadow )?(?:Minister|Secretary of State)(?: (?:for|of) (?:the )?{_PLACE})?(?![’']s\b)"
# how members name each other: a post, "the noble Baroness", "my right hon. Friend", "the hon. Member for X"
ADDRESS = re.compile(
    rf"\b(?:(?:[Mm]y|[Tt]he) noble (?:and (?:learned|gallant|right reverend) )?(?:Lord|Baroness|Lady|Earl|Viscount|"
    rf"Duke|Marquess|[Ff]riend)|(?:[Mm]y|[Tt]he) (?:right )?hon\. (?:and (?:learned|gallant) )?(?:Lady|Gentleman|"
    rf"Friend|Member for {_PLACE}))(?:,? the (?P<post>{_POST}))?|\bthe (?P<role>{_POST})")
_ROLE = re.compile(rf"the {_POST}$")
_SENTENCE = re.compile(r"(?<=[.!?])[”\"’']?\s+")
_TABLED = re.compile(r"^(?:To ask (?:Her|His) Majesty[’']s Government|\d+\.\s+(?:What|If|Whether|How|When|Which)\b)")
# the Chair names the next speaker: "Before I call the shadow Secretary of State to open the debate",
# "Before I call the hon. Member for Romsey (Sandra Gidley), I should say ..."
_CALL = re.compile(r"\bcall (?P<name>(?:the|my) (?:[^,.()]|\bhon\.){3,80}?)(?: \([^()]{3,60}\))?"
                   r"(?: to (?:open|move|speak|reply)\b|,)")
# members address the Minister all through a debate; thanking one names the member who just spoke
_THANKS = re.compile(r"\b(?:thank|grateful to|welcome|congratulate)\s+$")
_CARRY = re.compile(r"^(?:I beg to move|That (?:this|the) House|That (?:an|a) humble Address)\b")
# the Chair keeps order: "Order. ... as the hon. Gentleman is addressing the House"; the member named speaks next
_ORDER = re.compile(r"^Order[.,!]")
CHAIR = "the Chair"  # the voice of the Chair's words, which keep order and judge nothing
_CONTINUED = re.compile(r"^[a-z“\"‘']")  # lower case or a quotation: the same speaker goes on
_MEMBER = rf"(?:(?:{TITLES})\.?\s+{NAME}(?:\s+(?:of\s+)?{NAME}){{0,3}}|{NAME}(?:\s+{NAME}){{1,3}})"
# a record that prints its speakers: "Tim Loughton:", "Mr. Philip Hammond (Runnymede and Weybridge) (Con):",
# "The Parliamentary Under-Secretary of State, Department of Health (Earl Howe) (Con):"
_HEADING = re.compile(rf"^(?:The [^\n():]{{3,120}}\((?P<inner>{_MEMBER})\)|(?P<name>{_MEMBER}))"
                      rf"(?: \([^()\n]{{2,60}}\))*:\s", re.MULTILINE)


def _speaker(m: re.Match) -> str:
    """A member as the text names them, "my" read as "the" ("the hon. Friend"); a post in apposition wins ("my
    noble friend the Minister")."""
    post = m.group("post") or m.group("role")
    return f"the {post}" if post else re.sub(r"^[Mm]y |^The ", "the ", m.group(0))


def _contributions(text: str, sentences: list[Sentence]) -> list[tuple[list[int], str, bool]]:
    """(paragraph ids, text, follows a tabled question) of each contribution, in order."""
    paragraphs: dict[int, tuple[int, int]] = {}
    for s in sentences:
        a, b = paragraphs.get(s.paragraph, (s.start, s.end))
        paragraphs[s.paragraph] = (min(a, s.start), max(b, s.end))
    spans = sorted(paragraphs.items())
    bodies = [text[a:b] for _, (a, b) in spans] + [""]
    out: list[tuple[list[int], str, bool]] = []
    tabled = False
    previous = ""
    for n, (pid, (_, b)) in enumerate(spans):
        body = bodies[n]
        if _TABLED.match(body):
            tabled, previous = True, ""
            continue
        ends = body.rstrip("”\"’'")[-1:]  # "]": "—[Interruption.]"
        if ends not in ".!?:,—]" and b < len(text.rstrip()) and not _CONTINUED.match(bodies[n + 1]):
            continue  # a heading, "Asked by", the date line
        carries = out and previous and not _ORDER.match(body) and (
            _CONTINUED.match(body) or previous.rstrip("”\"’'")[-1:] not in ".!?" or _CARRY.match(previous))
        if carries:
            ids, words, after = out[-1]
            out[-1] = ([*ids, pid], f"{words}\n{body}", after)
        else:
            out.append(([pid], body, tabled))
        tabled, previous = False, body
    return out


# the forms only a debate's record uses: members' courtesies, the Speaker, a tabled question
_DEBATE_FORMS = re.compile(r"\b(?:My Lords|[Nn]oble (?:Lord|Baroness|Lady|Earl|Viscount|[Ff]riend)|[Hh]on\. "
                           r"(?:Member|Friend|Lady|Gentleman)|Mr\.? Speaker|Madam (?:Deputy )?Speaker|"
                           r"Mr\.? Deputy Speaker|To ask (?:Her|His) Majesty)")


def is_debate(publisher: str | None, gaz: Gazetteer | None, text: str,
              headings: list[tuple[int, int, str]] | None = None) -> bool:
    """Whether ``text``, published by ``publisher``, is a House's record of its debates (Hansard): the publisher
    is a House and the text uses a debate's forms or prints its speakers (a House's press notice is not a
    debate). ``headings`` are :func:`speaker_headings` of ``text`` when the caller has them already.

    >>> is_debate(None, Gazetteer(), "My Lords, I beg to move.")
    False
    """
    return is_house(publisher, gaz) and bool(
        _DEBATE_FORMS.search(text) or (speaker_headings(text) if headings is None else headings))


def is_house(publisher: str | None, gaz: Gazetteer | None) -> bool:
    """Whether ``publisher`` is a House of Parliament (a legislature the graph holds).

    >>> is_house(None, Gazetteer())
    False
    """
    entry = gaz.entries.get(publisher) if gaz is not None and publisher else None
    return entry is not None and str(WKG.Legislature) in entry.classes


def speaker_headings(text: str) -> list[tuple[int, int, str]]:
    """(start, end, name) of each speaker a debate's record prints before their words; the name drops "Mr"
    and the like, and keeps a peer's title, which is the name ("Earl Howe").

    >>> speaker_headings("Universal Credit: NAO Report\\nMr. Philip Hammond (Runnymede) (Con): I welcome the "
    ...                  "review at last.\\nEarl Howe: My Lords, I do not agree.")
    [(33, 47, 'Philip Hammond'), (97, 106, 'Earl Howe')]
    """
    out = []
    for m in _HEADING.finditer(text):
        stop = text.find("\n", m.end())
        speech = text[m.end():stop if stop >= 0 else len(text)].rstrip()
        words = len(speech.split())
        if words < 5 or stop >= 0 and speech[-1:] not in ".?!:”\"’'" and words < 12:
            continue  # a title ("Universal Credit: NAO Report") or a date line, not words spoken (an excerpt
            # may cut the last speech off, and a stored record may break a long speech mid-sentence)
        group = "inner" if m.group("inner") else "name"
        start, name = m.start(group), m.group(group)
        if courtesy := re.match(r"(?:Mr|Mrs|Ms|Miss|Dr)\.?\s+(?=\S+\s+\S)", name):
            start, name = start + courtesy.end(), name[courtesy.end():]
        out.append((start, m.end(group), name))
    return out


def debate_speakers(text: str, sentences: list[Sentence],
                    headings: list[tuple[int, int, str]] | None = None) -> dict[int, str]:
    """The speaker of each paragraph (by ``Sentence.paragraph``) that the debate's own words name: the printed
    name heading and the paragraphs after it, else as members name each other. ``headings`` are
    :func:`speaker_headings` of ``text`` when the caller has them already."""
    headings = speaker_headings(text) if headings is None else headings
    if headings:
        out, at = {}, 0
        for s in sorted(sentences, key=lambda s: s.start):
            while at < len(headings) and headings[at][0] < s.end:
                at += 1
            if at:
                out[s.paragraph] = headings[at - 1][2]
        return out
    turns = _contributions(text, sentences)
    out: dict[int, str] = {}
    answerer = ""  # who answers the tabled question answers the questions put after it
    chaired = ""  # the member the Chair named ("Order. ... as the hon. Gentleman is addressing the House")
    for i, (ids, _, after_tabled) in enumerate(turns):
        names: list[str] = []
        if i > 0:
            before = turns[i - 1][1]
            if call := _CALL.search(before):
                names.append(_speaker(m) if (m := ADDRESS.fullmatch(call.group("name"))) else call.group("name"))
            asked = [q for q in _SENTENCE.split(before) if q.rstrip("”\"’'").endswith("?")]
            if asked and (m := ADDRESS.search(asked[-1])):
                names.append(_speaker(m))  # a question is answered by the member it is put to
            if asked and answerer:
                names.append(answerer)
        if after_tabled:
            names.append("the Minister")
        if i + 1 < len(turns) and (m := ADDRESS.search(" ".join(_SENTENCE.split(turns[i + 1][1])[:3]))) and (
                not m.group("role") or _THANKS.search(turns[i + 1][1][:m.start()])):
            names.append(_speaker(m))  # the next speaker names the member they answer, as they start
        name = next((n for n in names if _ROLE.match(n)), names[0]) if names else "the Member"  # never addressed
        named = ADDRESS.search(turns[i + 1][1]) if i + 1 < len(turns) and _ORDER.match(turns[i + 1][1]) else None
        if _ORDER.match(turns[i][1]):
            name, chaired = CHAIR, _speaker(m) if (m := ADDRESS.search(turns[i][1])) else ""
        elif _CALL.search(turns[i][1]):  # the Chair calls the next speaker and judges nothing
            name, chaired = CHAIR, ""
        elif names:
            chaired = ""
        elif chaired:  # the member the Chair names speaks next, until the record names another
            name = chaired
        elif named and turns[i][1].rstrip()[-1:] in "]—":  # the member the Chair names was interrupted
            name = _speaker(named)
        out.update(dict.fromkeys(ids, name))
        answerer = name if after_tabled and names else answerer
    return out


def member_node(name: str, gaz: Gazetteer | None) -> str:
    """The node of the one person the graph knows by a speaker's name, else "" (a description names no one).

    >>> member_node("the Minister", Gazetteer())
    ''
    """
    people = [i for i in gaz.lookup(name) if gaz.entries[i].kind == "person"] if gaz else []
    return people[0] if len(people) == 1 else ""


def disputed_member(sentence: str, speakers: dict[int, str], paragraph: int) -> str | None:
    """Whom a speaker's rebuttal disputes: the member it names, else who spoke last before them, if named.

    >>> disputed_member("The hon. Lady has given a partial quote.", {3: "the Minister"}, 4)
    'the hon. Lady'
    >>> disputed_member("I do not accept that.", {1: "the Minister", 2: "the noble Baroness"}, 3)
    'the noble Baroness'
    """
    if m := ADDRESS.search(sentence):
        return _speaker(m)
    own = speakers.get(paragraph)
    return next((speakers[p] for p in sorted(speakers, reverse=True) if p < paragraph and speakers[p] != own), None)


# a line that gives the words below it to a person: "A statement from The Rt Hon Margaret Hodge MP, Chair of ...:"
_INTRODUCED = re.compile(r"^\W*(?:An?\s+|The\s+)?(?:statement|comment|response|message)s?\s+(?:from|by)\b",
                         re.IGNORECASE)


def introduced_voice(text: str, s: Sentence, mentions: list[Mention]) -> tuple[str, str] | None:
    """The person a paragraph of its own ending with a colon gives the following words to ("A statement from
    X, Chair of the Committee of Public Accounts:"), else None.

    >>> text = "A statement from Jane Doe, Chair of the Committee:"
    >>> introduced_voice(text, Sentence(0, len(text), 0), [Mention(17, 25, "Jane Doe", "ent:jd", "person", 1, "new")])
    ('ent:jd', 'Jane Doe')
    """
    chunk = text[s.start:s.end].rstrip()
    if not (chunk.endswith(":") and _INTRODUCED.match(chunk)):
        return None
    person = next((m for m in mentions if s.start <= m.start < s.end and m.kind == "person"), None)
    return (person.iri, person.text) if person else None


def heading_voice(text: str, s: Sentence, mentions: list[Mention], gaz: Gazetteer | None) -> tuple[str, str] | None:
    """A subheading such as "National Audit Office Report" gives the source of the section under it."""
    if gaz is None or not re.search(r"\b(?:report|findings|conclusions)\b", text[s.start:s.end], re.IGNORECASE):
        return None
    bodies = [m for m in mentions if s.start <= m.start < s.end and m.iri in gaz.entries
              and gaz.entries[m.iri].classes & AUTHORS]
    return (bodies[0].iri, bodies[0].text) if bodies else None
