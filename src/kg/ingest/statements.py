"""Criticism, rebuttal, defence, support and recommendation statements, with critic, target and confidence.

A cue (``kg.ingest.cues``) finds the statement. The critic is, in this order: the speaker of the quotation
the cue is in; the source of reported speech ("..., says X", "according to X", "X said/found/concludes
that ...", "X's report found", "An evaluation found"); for "It adds"/"The report", the previous critic; the
source a paragraph or a section ("National Audit Office report") attributes its findings to; else the
document's author in its own voice. The target is the body or programme the sentence judges: the body told
to act (subject of "should", object of "calls on"/"urges") for a recommendation; otherwise the grammatical
subject of the judged clause (after the reporting verb, a turn or an introductory clause), else the first
body or programme in that clause, else the sentence's subject, else the most salient programme of the
paragraph or the document.

>>> from kg.ingest.model import Mention, Sentence
>>> text = "The NAO said that the Department has failed to act."
>>> ms = [Mention(4, 7, "NAO", "ent:nao", "organisation", 1, "label"),
...       Mention(18, 32, "the Department", "ent:dept", "organisation", 1, "alias")]
>>> [(s.kind, s.critic_name, s.target_name) for s in find_statements(text, [Sentence(0, len(text), 0)], ms, [])]
[('criticism', 'NAO', 'the Department')]
"""

from __future__ import annotations

import re
from collections import Counter

from kg.ingest import targets as tg
from kg.ingest.cues import TURN, best_cue
from kg.ingest.gazetteer import Gazetteer
from kg.ingest.model import UNRESOLVED, Mention, QuoteItem, Sentence, Statement
from kg.ingest.quotes import CHAIRS_WORDS, SPEECH, chair_named
from kg.ingest.sentences import whole_paragraph
from kg.ingest.voices import (
    AUTHORS,
    CHAIR,
    debate_speakers,
    disputed_member,
    heading_voice,
    introduced_voice,
    is_debate,
    member_node,
)
from kg.namespaces import WKG

__all__ = ["find_statements"]

# a question tabled for answer, "(Urgent Question): To ask the Secretary of State to make a statement on the delay
# ...": it names the subject of a debate and judges nothing
_TABLED = re.compile(r"\s*(?:\((?:Urgent|Private Notice) Question\):?\s*)?To ask\b")

_VERB = (r"(?:said|says|found|finds|conclude[sd]?|warn(?:s|ed)?|criticis(?:es|ed)|accuse[sd]|urge[sd]?|"
         r"recommend(?:s|ed)?|describe[sd]?|believe[sd]?|argue[sd]?|note[sd]?|report(?:s|ed)|state[sd]?|call(?:s|ed)|"
         r"reject(?:s|ed)|dispute[sd]|object(?:s|ed)|defend(?:s|ed)|insist(?:s|ed)|welcome[sd]|agree[sd]?|"
         r"praise[sd]|told|tells|added|adds|complain(?:s|ed)|raised|branded|attacked|questioned|showed|shows|"
         r"advise[sd]|suggest(?:s|ed)|claim(?:s|ed)|accept(?:s|ed)|understands|commend(?:s|ed)?|dubbed|"
         r"labelled|writes|wrote|identifie[sd]|highlight(?:s|ed)|express(?:es|ed))")
# after a source's name: "'s report", an apposition, up to four words ("report analysis", "also"), the verb
_REPORTING = re.compile(rf"(?:[’']s)?(?:,[^,;:“”\"]{{1,90}},)?(?:\s+\w+){{0,4}}?\s+(?:also\s+|has\s+|have\s+|had\s+)?"
                        rf"{_VERB}\b")
_ANAPHOR = re.compile(rf"^(?:(?:It|They|She|He)(?:\s+also)?\s+{_VERB}\b|(?:The|This|Its|Our) (?:report|study)\b|"
                      r"The (?:watchdog|auditors?|(?:NAO|committee)(?:’s|'s)? report)\b)", re.IGNORECASE)
_PRONOUN = re.compile(r"^(?:It|They|This|These)\b(?!\s+(?:is|was|are|were)\s+(?:not\s+)?\w+\s+(?:that|to|whether)\b)")
_NAMED_SOURCE = re.compile(r"^(?:An?|The)\s+(?:[\w-]+\s+){0,2}(?:evaluation|review|study|survey|analysis|inspection|"
                           r"audit)(?:\s+of\s+[\w\s’']{1,40}?)?(?=\s+(?:was|were|has|had|found|finds|concluded|said|"
                           r"shows|showed)\b)")
_REPORT = re.compile(r"\b(?:the|this|our|its) (?:report|study|inquiry)\b", re.IGNORECASE)
_INTRO = re.compile(r"^(?:\W*\d+\.\s*)?(?:Recommendation:\s*)?(?:(?:However|Furthermore|Moreover|Also|Nationally|"
                    r"Overall|As such|In addition|In contrast|Otherwise|\w+ly),\s*|(?:Although|While|Whilst|Given|"
                    r"During|Despite|If|When|After|Since|Because|As|With|Without|In)\b[^,]{0,200},\s*)?")
_THAT = re.compile(r"^(?:I|We|It|This)\b[^,.]{0,60}?\b(?:that|whether|how)\s+")
_ACT = re.compile(r"(?:criticis|criticiz|condemn|warn|welcom|prais|commend|accus|urg|call|recommend|reject|disput|"
                  r"den[iy]|insist|defend|question|attack|slamm|lambast|brand|back|endors|advis|encourag)", re.I)
_ELLIPSIS = re.compile(r"\s*(?:does|do|did|has|have|had|is|are|was|were|will|would|can|could|may|might|remains?|"
                       r"still|also|not)\b")
_BY = re.compile(r"\b(?:is|are|was|were|been|being)\s+(?:\w+ly\s+)?\w+(?:ed|en|t)(?:\s+\w+ly)?\s+by\s+(?:the\s+)?$")
# a page's note on what it is, or the author's account of its own inquiry and report
_ABOUT_ITSELF = re.compile(r"^\W*(?:\d+\.\s*)?(?:(?:This|It) is an? (?:[\w-]+ ){0,6}report\b|"
                           r"(?:Below is|The following is|Please note)\b|"
                           r"(?:We|I) (?:\w+ )?(?:launched|started|began|formulated|highlight|will review|will return "
                           r"to|will consider)\b)|\bconclusions and recommendations (?:in|of) this report\b")


def _sources(s: Sentence, text: str, cue_at: int, mentions: list[Mention]) -> tuple[Mention | None, int]:
    """The source of reported speech in the sentence and where its reported clause starts (else None, start)."""
    chunk = text[s.start:s.end]
    tail = re.search(rf",\s*([^,“”]+?)\s+{SPEECH}\.?[”’\"']?$", chunk) or re.search(
        rf",\s*{SPEECH}\s+([^,“”.]+)\.?$", chunk) or re.search(r"\baccording to\s+([^,“”.]+)", chunk)
    if tail:
        a, b = s.start + tail.start(1), s.start + tail.end(1)
        inside = [m for m in mentions if a <= m.start < b and m.kind in tg.ACTORS]
        if inside:
            return inside[0], s.start
    for m in mentions:
        if not (s.start <= m.start < cue_at and m.kind in tg.ACTORS) or m.how == UNRESOLVED:
            continue  # a body the page never names is judged there, never its source
        verb = _REPORTING.match(text, m.end)
        nxt = next((x for x in mentions if x.start > m.end and x.kind in tg.ACTORS), None)
        if verb is None and nxt is not None and re.fullmatch(r"\s+(?:and|or)\s+(?:the\s+)?", text[m.end:nxt.start]):
            verb = _REPORTING.match(text, nxt.end)  # "NHS England and the LGA agreed that ..."
        acts = _ACT.match(text, cue_at)  # "X criticised Y": the cue is X's act, X is its source
        if (verb or acts and re.fullmatch(r"(?:,[^,;:“”\"]{1,90},)?\s*", text[m.end:cue_at])) and not TURN.search(
                text, m.end, cue_at if not verb else max(m.end, min(cue_at, verb.end()))):
            if verb and TURN.search(text[verb.end():cue_at]):
                continue  # "DCLG has said it will ..., but does not ...": the turn is not DCLG's
            head = text[s.start:m.start]
            if head.count(",") > 1 or re.search(r"\b(?:that|which|who)\b", head):
                continue  # a name inside another clause is not the sentence's source
            if verb:  # "NAO chief Amyas Morse said": the person nearest the verb speaks
                m = next((x for x in reversed(mentions) if m.start <= x.start and x.end <= verb.end()
                          and x.kind == "person"), m)
            clause = verb.end() if verb else m.end
            clause += len(re.match(r"\s*(?:that\s+|us\s+that\s+|us\s+)?", text[clause:]).group(0))
            return m, clause
    return None, s.start


def _critic(s: Sentence, text: str, cue_at: int, mentions: list[Mention], quotes: list[QuoteItem],
            previous: Statement | None, voice: tuple[str, str] | None,
            author: tuple[str, str] | None) -> tuple[str, str, float, int]:
    """(IRI, name, confidence adjustment, start of the judged clause) of the statement's source."""
    chunk = text[s.start:s.end]
    for q in quotes:
        if q.speaker and q.start - 2 <= cue_at <= q.end + 1:  # a quoted clause is judged on its own
            whole = q.start <= s.start + 2 or len(q.text.split()) >= 5
            return q.speaker, q.speaker_name, 0.1, max(s.start, q.start) if whole else s.start
    source, clause = _sources(s, text, cue_at, mentions)
    if source is not None:
        return source.iri, source.text, 0.1, clause
    named = _NAMED_SOURCE.match(chunk)
    if named:  # "An official evaluation of the programme was/found ..."
        return "", named.group(0), 0.0, s.start + named.end()
    if _ANAPHOR.match(chunk):
        if previous is not None and s.start - previous.end < 600:
            return previous.critic, previous.critic_name, -0.05, s.start
        if author:
            return author[0], author[1], -0.05, s.start
    if author and _REPORT.search(chunk) and voice is None:
        return author[0], author[1], 0.0, s.start
    if voice is not None:
        return voice[0], voice[1], -0.05, s.start
    if author:  # the document's own voice
        return author[0], author[1], -0.1, s.start
    before = [m for m in mentions if s.start <= m.start < cue_at and m.kind in tg.ACTORS
              and m.how != UNRESOLVED]
    if before:
        return before[0].iri, before[0].text, -0.1, s.start
    if previous is not None and s.start - previous.end < 600:
        return previous.critic, previous.critic_name, -0.15, s.start
    return "", "", 0.0, s.start


def _subject(text: str, start: int, end: int, pool: list[Mention]) -> Mention | None:
    """The mention that opens the clause at ``start`` (its grammatical subject), if any."""
    first = next((m for m in pool if start <= m.start < end), None)
    return first if first is not None and tg.LEAD.match(text[start:first.start]) else None


def _judged(s: Sentence, text: str, clause: int, cue_at: int) -> int:
    """Where the judged clause starts: after the reporting clause, a turn, an introductory clause, "We believe that"."""
    turn = [m.end() for m in TURN.finditer(text, clause, cue_at) if text[clause:m.start()].strip(' "“‘\'')]
    start = max([clause, *turn])
    if turn and _ELLIPSIS.match(text, start):  # "X has said ... but does not ...": X is still the subject
        start = clause
    start += _INTRO.match(text[start:s.end]).end()
    return start + (that.end() if (that := _THAT.match(text[start:s.end])) else 0)


def _pronoun(s: Sentence, text: str, start: int, previous: Statement | None) -> bool:
    """The judged clause opens with "It"/"They"/"This" and a statement came shortly before."""
    return bool(_PRONOUN.match(text[start:s.end])) and previous is not None and s.start - previous.end < 400


def _target(s: Sentence, text: str, start: int, cue: tuple, critic: str, mentions: list[Mention],
            previous: Statement | None, salient: Mention | None) -> tuple[str, str, float] | None:
    """The rule's target (IRI, name, confidence adjustment) for the clause judged from ``start``."""
    kind, cue_at = cue[0], s.start + cue[2]
    pool = [m for m in mentions if s.start <= m.start < s.end and m.iri != critic and m.kind != "document"]
    pronoun = _pronoun(s, text, start, previous)
    if kind == "recommendation":
        modal = tg.MODAL.search(text, start, s.end)
        if modal is not None:
            head = max([start, *(start + x.end() for x in re.finditer(r"\bthat\b|[,;:]", text[start:modal.start()]))])
            told = [m for m in pool if head <= m.start < modal.start()]
            if told:
                return told[0].iri, told[0].text, 0.0
            if pronoun:
                return previous.target, previous.target_name, -0.1
        actors = [m for m in pool if m.kind in tg.ACTORS and m.start >= cue_at]
        if actors:
            return actors[0].iri, actors[0].text, 0.0
        programmes = [m for m in pool if m.kind == "programme"]
        if programmes:
            return programmes[0].iri, programmes[0].text, -0.05
    else:
        subject = _subject(text, start, s.end, pool)
        classes = [Mention(m.start(), m.end(), m.group(0), "", "organisation", 0.5, "class")
                   for m in tg.CLASSES.finditer(text, start, s.end)]
        wider = next((c for c in classes if subject is not None and c.start <= subject.start < c.end), None)
        if wider is not None:  # "Government departments are not working together": the class, not Government
            return wider.iri, wider.text, 0.0
        if subject is not None:
            return subject.iri, subject.text, 0.05
        agent = next((m for m in sorted(pool + classes, key=lambda m: m.start) if m.start >= start
                      and _BY.search(text, max(start, m.start - 80), m.start)), None)
        if agent is not None:  # "B&B accommodation is being used routinely by local authorities"
            return agent.iri, agent.text, 0.0
        if pronoun:
            return previous.target, previous.target_name, -0.1
        inside = [m for m in pool if m.start >= start]
        if inside:
            return inside[0].iri, inside[0].text, 0.0
        subject = _subject(text, s.start + _INTRO.match(text[s.start:s.end]).end(), s.end, pool)
        if subject is not None:  # "X recognised ... but its response has not ...": X is judged
            return subject.iri, subject.text, -0.05
    in_paragraph = salient is not None and salient.kind == "programme" and salient.start >= text.rfind("\n", 0, s.start)
    if previous is not None and previous.target and "\n" not in text[previous.end:s.start] and not in_paragraph:
        return previous.target, previous.target_name, -0.15  # the paragraph's body so far (the target ladder)
    if salient is not None and salient.iri != critic:
        return salient.iri, salient.text, -0.2
    return None


def _salient(mentions: list[Mention], paragraph: tuple[int, int], exclude: set[str]) -> Mention | None:
    """The most mentioned programme of the paragraph, else of the document, else the document's most mentioned
    body (not the critic nor the author)."""
    for pool in ([m for m in mentions if paragraph[0] <= m.start < paragraph[1] and m.kind == "programme"],
                 [m for m in mentions if m.kind == "programme"],
                 [m for m in mentions if m.kind in tg.ACTORS and m.iri not in exclude]):
        if pool := [m for m in pool if m.iri not in exclude]:
            counts = Counter(m.iri for m in pool)
            return next(m for m in reversed(pool) if counts[m.iri] == max(counts.values()))
    return None


def find_statements(text: str, sentences: list[Sentence], mentions: list[Mention], quotes: list[QuoteItem], *,
                    publisher: str | None = None, gaz: Gazetteer | None = None, author: str | None = None,
                    targets: tg.TargetModel | None = None,
                    trace: list[tuple[Statement, list[tg.Candidate]]] | None = None,
                    headings: list[tuple[int, int, str]] | None = None) -> list[Statement]:
    """One statement per sentence that has a cue, a critic and a target.

    A judgement in the document's own voice, or "the Report", is the ``publisher``'s, or, when the graph
    lacks the author, the ``author`` name's. The hand rule picks the target; with a ``targets`` model
    (``kg.ingest.targets``), the model chooses among the candidates, the rule's choice being one of its
    features. ``trace``, when given, receives each statement with its candidates (for training). ``headings``
    are a debate's printed speakers (``kg.ingest.voices.speaker_headings``) when the caller has read them.
    """
    entry = gaz.entries.get(publisher) if gaz and publisher else None
    # a news outlet, or a House's record (Hansard), reports others' words, not its own judgement
    reports_others = entry is not None and bool({str(WKG.NewsOutlet), str(WKG.Legislature)} & entry.classes)
    # a debate: its speakers as members name each other (kg.ingest.voices)
    speakers = debate_speakers(text, sentences, headings) if is_debate(publisher, gaz, text, headings) else {}
    spoken = {p: (member_node(name, gaz), name) for p, name in speakers.items()}  # a speaker the graph knows
    if entry is not None:
        own: tuple[str, str] | None = None if reports_others else (entry.iri, entry.label)
    else:  # the author the graph lacks: its proposed node if the text names it ("The Justice Committee is ...")
        node = next((m.iri for m in mentions if m.new and author and (m.how == "author" or m.text == author)), "")
        own = (node, author) if author else None
    out: list[Statement] = []
    previous: Statement | None = None
    section: tuple[str, str] | None = None
    paragraph_voice: tuple[int, tuple[str, str]] | None = None
    doc = tg.Document.of(text, mentions, gaz) if targets is not None or trace is not None else None
    for s in sentences:
        chunk = text[s.start:s.end]
        cut = s.end == len(text.rstrip()) and len(chunk.split()) >= 8  # an excerpt cut off mid-sentence
        ended = chunk.rstrip("”\"’'")[-1:] in ".!?:" or chunk.rstrip().endswith(".]")  # "—[Interruption.]"
        if not ended and whole_paragraph(text, s) and not cut:
            if CHAIRS_WORDS.fullmatch(chunk.strip()) and (chair := chair_named(text, mentions, s.start)):
                section = (chair.iri, chair.text)  # "Chair's comment": what follows is the chair's
            elif len(chunk) < 120:
                section = heading_voice(text, s, mentions, gaz)
            continue  # a headline or subheading (they restate the body)
        if whole_paragraph(text, s) and (introduced := introduced_voice(text, s, mentions)):
            section = introduced  # "A statement from X, Chair of ...:": the words below are X's
            continue
        cue = best_cue(chunk) if not _ABOUT_ITSELF.search(chunk) and not _TABLED.match(chunk) else None
        if reports_others or own is None:  # "the report" of a news story is the last auditor's or committee's
            bodies = [m for m in mentions if m.end <= s.start and gaz is not None and m.iri in gaz.entries
                      and gaz.entries[m.iri].classes & AUTHORS]
            own = (bodies[-1].iri, bodies[-1].text) if bodies else own
        voice = paragraph_voice[1] if paragraph_voice and paragraph_voice[0] == s.paragraph else section
        voice = spoken.get(s.paragraph, voice)
        source, _ = _sources(s, text, s.end, mentions)
        if source is not None and (own is None or source.iri != own[0]):
            paragraph_voice = (s.paragraph, (source.iri, source.text))  # later sentences report it too
        if cue is None or voice is not None and voice[1] == CHAIR:
            continue
        kind, words, a, b, weight, sub = cue
        critic, critic_name, bonus, clause = _critic(s, text, s.start + a, mentions, quotes, previous, voice, own)
        if not critic_name:
            continue
        para = (text.rfind("\n", 0, s.start) + 1, (text.find("\n", s.end) + 1 or len(text) + 1) - 1)
        salient = _salient(mentions, para, {critic, own[0] if own else ""})
        start = _judged(s, text, clause, s.start + a)
        target = _target(s, text, start, cue, critic, mentions, previous, salient)
        if target is None:
            continue
        cands = [] if doc is None else tg.candidates(tg.Situation(
            text, s, kind, s.start + a, start, critic, critic_name, own[0] if own else "", own[1] if own else "",
            previous, salient, target[:2], _pronoun(s, text, start, previous)), doc)
        chosen = tg.choose(cands, targets) if targets is not None else None
        if chosen is not None and (chosen[0].iri, chosen[0].name) != target[:2]:
            target = (chosen[0].iri, chosen[0].name, -0.2 * (1.0 - chosen[1]))  # the model overrides the rule
        if speakers and kind == "rebuttal" and critic_name == speakers.get(s.paragraph):
            if member := disputed_member(chunk, speakers, s.paragraph):  # a rebuttal targets whom it disputes
                target = ("", member, 0.0)
        confidence = max(0.1, min(0.95, weight + bonus + target[2]))
        st = Statement(s.start, s.end, kind, critic or None, critic_name, target[0], target[1],
                       round(confidence, 2), words, s.start + a, s.start + b,
                       sub or ("adverseFinding" if kind == "criticism" else ""))
        out.append(st)
        if trace is not None:
            trace.append((st, cands))
        previous = st
    return out
