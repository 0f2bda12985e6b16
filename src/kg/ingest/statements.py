"""Criticism, rebuttal, defence, support and recommendation statements, with critic, target and confidence.

Cue lexicons find the statement; the critic is the speaker of the quote the cue is in, the actor named
in "..., X said", or the first actor before the cue (a pronoun or "the report" goes back to the previous
statement's critic); the target is the first entity after the cue that is not the critic, else the
programme the text is about.

>>> best_cue("The report criticised the government")[:2]
('criticism', 'criticised')
>>> best_cue("The department should learn lessons")[:2]
('recommendation', 'should')
"""

from __future__ import annotations

import re

from kg.ingest.gazetteer import Gazetteer
from kg.ingest.model import Mention, QuoteItem, Sentence, Statement
from kg.ingest.quotes import SPEECH
from kg.namespaces import WKG

__all__ = ["find_statements", "best_cue", "CUES"]

# (kind, pattern, weight, criticism kind)
CUES: list[tuple[str, str, float, str]] = [
    ("rebuttal", r"reject\w*|disput\w*|deni(?:ed|es)|deny|refut\w*|rebuff\w*|hit back|object(?:ed|s|ion)|"
                 r"complain about|fails? to understand|disagree\w*|doesn[’']t mean|does not mean|misunderst\w+|"
                 r"misrepresent\w*|inaccura\w+|not fundamentally flawed|can[’']t impose|never going to", 0.8, ""),
    ("defence", r"defend\w*|insist\w*|stood by|stands by|remains? committed|still the case|for that reason|"
                r"trying to break free", 0.7, ""),
    ("recommendation", r"recommend\w*|urg(?:es|ed|ing)|calls? (?:on|for)|called (?:on|for)|advis(?:es|ed)|should|"
                       r"must|essential that|important that|encourage[sd]? \w+ to", 0.8, ""),
    ("recommendation", r"needs? to|ought to|(?:are|is) (?:now )?needed", 0.55, ""),
    ("criticism", r"criticis\w*|criticiz\w*|shambles|accus\w+|incompeten\w+|condemn\w*|slamm\w*|damning|"
                  r"lambast\w*|cloud cuckoo|how not to|evasive|over-?claim\w*|overstat\w*", 0.9, "accusation"),
    ("criticism", r"dismay\w*|disappoint\w*|unacceptable|unsatisfactory|branded|inconsistent|not good enough|"
                  r"bogged down", 0.75, "complaint"),
    ("criticism", r"warn\w*|risks?|at risk", 0.7, "warning"),
    ("criticism", r"concerns?|concerned|doubt\w*|sceptic\w*|question(?:ed|s)|unrealistic|meaningless|underwhelming|"
                  r"did not believe|uncertain\w*|unclear|no estimate|not (?:yet )?clear", 0.6, "scepticism"),
    ("criticism", r"fail\w*|flawed|chaotic|mismanag\w*|wasted?|poor|weak\w*|inadequate|lack(?:ed|s|ing)?|hindered|"
                  r"coming up short|not (?:exactly )?on track|overspen\w*|missed|too late|no way of|not reduced|"
                  r"bones to pick|no central|disjointed|delay\w*|insufficient|neither|not (?:\w+ ){0,2}understood|"
                  r"not (?:\w+ )?(?:improved|achieved|met)|slow\w*|confus\w+|not (?:yet )?prov(?:ed|en)|unable to|"
                  r"not demonstrated|no evidence|challeng\w+|too (?:early|little|slow)", 0.65, "adverseFinding"),
    ("support", r"welcom\w*|prais\w*|support(?:s|ed|ive)|back(?:s|ed)|endors\w*|commend\w*|boost\w*|"
                r"sensibl\w*|rightly|impressive\w*|achiev(?:ed|ing)|"
                r"successful\w*|worked effectively|good progress|properly|golden opportunity|encouraging|"
                r"demonstrat\w+ (?:the |their |its )?(?:clear )?potential|lifeline|is right to|effective(?:ly)?|"
                r"met (?:the|its) target", 0.6, ""),
]
_COMPILED = [(k, re.compile(rf"\b(?:{p})\b", re.IGNORECASE), w, sub) for k, p, w, sub in CUES]
_ORDER = {"rebuttal": 0, "defence": 1, "recommendation": 2, "criticism": 3, "support": 4}
_ANAPHOR = re.compile(r"^(?:It|They|She|He|The report|The study|The watchdog|The auditors?|Its report|"
                      r"The (?:NAO|committee)(?:’s|'s)? report)\b")
_ACTORS = ("person", "organisation")
_REPORTING = re.compile(r"(?:[’']s)?(?:,[^,;:“”\"]{1,90},)?(?:\s+\w+){0,4}?\s+(?:also\s+|has\s+|have\s+|had\s+)?"
                        r"(?:said|says|found|finds|"
                        r"conclude[sd]?|warn(?:s|ed)|criticis(?:es|ed)|accuse[sd]|urge[sd]|recommend(?:s|ed)|"
                        r"describe[sd]|believe[sd]?|argue[sd]|note[sd]|report(?:s|ed)|state[sd]|call(?:s|ed)|"
                        r"reject(?:s|ed)|dispute[sd]|object(?:s|ed)|defend(?:s|ed)|insist(?:s|ed)|welcome[sd]|"
                        r"praise[sd]|told|added|adds|complain(?:s|ed)|raised|branded|attacked|questioned|"
                        r"advise[sd]|suggest(?:s|ed)|claim(?:s|ed)|accept(?:s|ed)|understands)\b")
_AUTHORS = {str(WKG.AuditBody), str(WKG.ParliamentaryCommittee)}
_REPORT = re.compile(r"\b(?:the|this|our|its) (?:report|study|inquiry)\b", re.IGNORECASE)


_NEGATION = re.compile(r"\b(?:not|no|never|nor|neither|unable|without)\b|n[’']t\b", re.IGNORECASE)
_TURN = re.compile(r"(?:,\s*|\b)(?:but|however|although|yet)\b", re.IGNORECASE)


def best_cue(sentence: str) -> tuple[str, str, int, int, float, str] | None:
    """(kind, cue words, start, end, weight, criticism kind) of the strongest cue in ``sentence``.

    A sentence that turns ("..., but ...", "however") takes its cue from the clause after the turn.
    """
    turns = [m.end() for m in _TURN.finditer(sentence)]
    if turns and turns[-1] < len(sentence) - 3:
        later = best_cue(sentence[turns[-1]:]) if _TURN.search(sentence[turns[-1]:]) is None else None
        if later is not None:
            kind, words, a, b, weight, sub = later
            return kind, words, a + turns[-1], b + turns[-1], weight, sub
    best = None
    for kind, pattern, weight, sub in _COMPILED:
        for m in pattern.finditer(sentence):
            key = (weight, -_ORDER[kind])
            if best is None or key > best[0]:
                best = (key, (kind, m.group(0), m.start(), m.end(), weight, sub))
            break
    if best and best[1][0] == "support" and _NEGATION.search(sentence[max(0, best[1][2] - 30):best[1][2]]):
        kind, words, a, b, weight, sub = best[1]  # "has not proved the effectiveness": not support
        return "criticism", words, a, b, weight, "adverseFinding"
    return best[1] if best else None


def _critic(s: Sentence, text: str, cue_at: int, mentions: list[Mention], quotes: list[QuoteItem],
            previous: Statement | None, publisher: tuple[str, str] | None) -> tuple[str, str, float] | None:
    for q in quotes:
        if q.speaker and q.start - 2 <= cue_at <= q.end + 1:
            return q.speaker, q.speaker_name, 0.1
    chunk = text[s.start:s.end]
    said = re.search(rf",\s*([^,“”]+?)\s+{SPEECH}\.?[”’\"']?$", chunk) or re.search(
        rf",\s*{SPEECH}\s+([^,“”.]+)\.?$", chunk) or re.search(
        r"\b(?:according to)\s+([^,“”.]+)", chunk)
    if said:
        a, b = s.start + said.start(1), s.start + said.end(1)
        inside = [m for m in mentions if a <= m.start < b and m.kind in _ACTORS]
        if inside:
            return inside[0].iri, inside[0].text, 0.1
    before = [m for m in mentions if s.start <= m.start < cue_at and m.kind in _ACTORS]
    speakers = [m for m in before if _REPORTING.match(text, m.end) or m.end + 4 >= cue_at
                or re.fullmatch(r"(?:,[^,;:“”\"]{1,90},)?\s*", text[m.end:cue_at])]
    if speakers and not _ANAPHOR.match(chunk):
        people = [m for m in speakers if m.kind == "person"]
        pick = people[0] if people and text[s.start:people[0].start].count(",") <= 1 else speakers[0]
        return pick.iri, pick.text, 0.05
    if publisher and _REPORT.search(chunk):
        return publisher[0], publisher[1], 0.0
    if before and publisher is None and not _ANAPHOR.match(chunk):
        return before[0].iri, before[0].text, -0.05
    if _ANAPHOR.match(chunk) and previous is not None and s.start - previous.end < 600:
        return previous.critic, previous.critic_name, -0.1
    if publisher:  # the document's own voice
        return publisher[0], publisher[1], -0.1
    if before:
        return before[0].iri, before[0].text, -0.1
    if previous is not None and s.start - previous.end < 600:
        return previous.critic, previous.critic_name, -0.15
    return None


def _target(s: Sentence, cue_at: int, critic: str, kind: str, mentions: list[Mention],
            topic: Mention | None, text_before_cue: str) -> tuple[str, str, float] | None:
    critic_at = next((m.end for m in mentions if s.start <= m.start < cue_at and m.iri == critic), s.start)
    inside = [m for m in mentions if s.start <= m.start < s.end and m.iri != critic]
    if kind == "recommendation":  # told to act: a named body, else the programme (then to no one named)
        actors = [m for m in inside if m.kind in _ACTORS and m.start >= cue_at] or [
            m for m in inside if m.kind in _ACTORS]
        if actors:
            return actors[0].iri, actors[0].text, 0.0
        inside = [m for m in inside if m.kind == "programme"]
        if not inside and topic is not None:
            return topic.iri, topic.text, -0.3
    clause = max(critic_at, s.start + text_before_cue.rfind(",") + 1)  # the clause of the cue, not an apposition
    between = [m for m in inside if m.end <= cue_at and m.start >= clause]
    if between and kind != "recommendation":  # "the Committee concludes the Government overstated ..."
        return between[-1].iri, between[-1].text, 0.0
    after = [m for m in inside if m.start >= cue_at]
    if after:
        return after[0].iri, after[0].text, 0.0
    programmes = [m for m in inside if m.kind == "programme"]
    if programmes:
        return programmes[0].iri, programmes[0].text, -0.05
    if inside and kind != "support":
        return inside[-1].iri, inside[-1].text, -0.1
    if topic is not None and topic.iri != critic:
        return topic.iri, topic.text, -0.2
    return None


def _whole_paragraph(text: str, s: Sentence) -> bool:
    return (s.start == 0 or text[s.start - 1] == "\n") and (s.end == len(text) or text[s.end] == "\n")


def find_statements(text: str, sentences: list[Sentence], mentions: list[Mention], quotes: list[QuoteItem], *,
                    publisher: str | None = None, gaz: Gazetteer | None = None) -> list[Statement]:
    """One statement per sentence that has a cue, a critic and a target.

    A judgement in the document's own voice, or "the Report", is the ``publisher``'s.
    """
    entry = gaz.entries.get(publisher) if gaz and publisher else None
    news = entry is not None and str(WKG.NewsOutlet) in entry.classes
    author = (entry.iri, entry.label) if entry is not None and not news else None  # a news outlet reports others
    out: list[Statement] = []
    previous: Statement | None = None
    topic: Mention | None = None
    for s in sentences:
        cue = best_cue(text[s.start:s.end])
        programmes = [m for m in mentions if m.end <= s.end and m.kind == "programme"]
        topic = programmes[-1] if programmes else topic
        if cue is None or (text[s.start:s.end].rstrip("”\"’'")[-1:] not in ".!?:" and _whole_paragraph(text, s)):
            continue  # no cue, or a headline (headlines restate the body)
        kind, words, a, b, weight, sub = cue
        if news or author is None:  # "the report" of a news story is the last auditor's or committee's
            bodies = [m for m in mentions if m.end <= s.start and gaz is not None and m.iri in gaz.entries
                      and gaz.entries[m.iri].classes & _AUTHORS]
            author = (bodies[-1].iri, bodies[-1].text) if bodies else author
        critic = _critic(s, text, s.start + a, mentions, quotes, previous, author)
        if critic is None:
            continue
        target = _target(s, s.start + a, critic[0], kind, mentions, topic, text[s.start:s.start + a])
        if target is None:
            continue
        confidence = max(0.1, min(0.95, weight + critic[2] + target[2]))
        st = Statement(s.start, s.end, kind, critic[0], critic[1], target[0], target[1], round(confidence, 2),
                       words, s.start + a, s.start + b, sub or ("adverseFinding" if kind == "criticism" else ""))
        out.append(st)
        previous = st
    return out
