"""Quotations and their speakers.

Attribution patterns: "X said: “...”" (a few words may follow the verb: "X said recently that it is, “...”"),
"“...,” X said", "“...,” said X", "according to X", "She said" (the most recent person), "X calls it a “...”",
"The Minister described them as “...”" (a post alone), "... and added: “...”" and a quoted paragraph that
follows another speaker's quote without attribution (the same speaker, with a lower confidence). A
conjunction ("and says") is never a speaker.

>>> [text[a:b] for text in ["He said: “It was a shambles.” Then ‘don’t’ stop"] for a, b in quote_spans(text)]
['It was a shambles.', 'don’t']
"""

from __future__ import annotations

import re

from kg.ingest.gazetteer import TITLES
from kg.ingest.model import Mention, QuoteItem
from kg.ingest.names import NAME

__all__ = ["quote_spans", "find_quotes", "SPEECH", "CHAIRS_WORDS", "chair_named"]

SPEECH = (r"(?:said|says|added|adds|told|warned|warns|stated|states|commented|wrote|writes|argued|argues|insisted|"
          r"insists|explained|explains|claimed|claims|noted|notes|concluded|concludes|continued|asked|"
          r"is understood to say|is understood to have said|went on|declared|acknowledged|admitted|took the view)")
# verbs whose speaker comes before them and whose object is what they judge, not who speaks: "It urges the
# Department to “...”", "Lord Hollick dubbed the response “...”" (never "criticised X" read as "said X")
_ACTS = r"(?:urges|urged|recommends|recommended|challenges|challenged|promised|promises|dubbed|criticises|criticised)"
_ATTRIBUTE = (r"(?:describes|described|calls|called|calling|brands|branded|branding|labelled|labeled|termed|concludes|"
              r"concluded)")
_NAME = 200  # the longest speaker clause looked for: bounds the regular expressions' work on hostile text
_PAIRS = {"“": "”\"", "‘": "’'", '"': '"', "'": "'"}  # typeset openers may close with a plain mark


def _closing(text: str, i: int, close: str, stop: int) -> int:
    """The index of the mark that closes the quote opened at ``i``, or -1 before ``stop``."""
    j = i + 1
    while j < stop:
        if text[j] in close and (text[j] in "”\"" or j + 1 >= len(text) or not text[j + 1].isalpha()):
            if not (text[j] in "’'" and text[j - 1].isalpha() and j + 1 < len(text) and text[j + 1].isalpha()):
                return j
        j += 1
    return -1


def quote_spans(text: str) -> list[tuple[int, int]]:
    """Spans of quoted words (inside the marks).

    A double quote left open continues into the next paragraph when that opens with a quote mark too
    (the British convention), or when the quote is a whole paragraph; otherwise it ends with its paragraph.
    """
    out: list[tuple[int, int]] = []
    i, n = 0, len(text)
    while i < n:
        ch = text[i]
        opener = ch in "“‘" or (ch in "\"'" and (i == 0 or not text[i - 1].isalnum()) and i + 1 < n
                                and text[i + 1].isalnum())
        if not opener or (ch in "‘'" and i > 0 and text[i - 1].isalnum()):
            i += 1
            continue
        close = _PAIRS[ch]
        para_end = text.find("\n", i)
        para_end = n if para_end == -1 else para_end
        j = _closing(text, i, close, para_end)
        if j == -1 and ch in "‘'":
            i += 1  # an apostrophe, not a quote
            continue
        whole = i == 0 or text[i - 1] == "\n"
        while j == -1 and para_end < n:
            nxt = para_end
            while nxt < n and text[nxt].isspace():
                nxt += 1
            if nxt >= n or not (whole or text[nxt] == ch):  # continues only in a paragraph opening with a quote
                break
            para_end = text.find("\n", nxt)
            para_end = n if para_end == -1 else para_end
            j = _closing(text, nxt, close, para_end)
        end = j if j != -1 else para_end
        while end > i + 1 and text[end - 1].isspace():
            end -= 1
        if end > i + 1:
            out.append((i + 1, end))
        i = end + 1
    return out


def _speaker_in(mentions: list[Mention], start: int, end: int, prefer_last: bool = True) -> Mention | None:
    inside = [m for m in mentions if start <= m.start and m.end <= end and m.kind in ("person", "organisation")]
    people = [m for m in inside if m.kind == "person"]
    pool = people or inside
    if not pool:
        return None
    return pool[-1] if prefer_last else pool[0]


# a committee news page's heading over its chair's words: "Chair's comment", "Statement from the Chair"
CHAIRS_WORDS = re.compile(r"(?:(?:the\s+)?chair(?:man|woman|person)?[’']s\s+(?:comment|statement|response|view)s?|"
                          r"(?:comment|statement|response)s?\s+(?:from|by|of)\s+the\s+chair(?:man|woman|person)?)\s*:?",
                          re.IGNORECASE)
_CHAIR_OF = re.compile(r"\bchair(?:man|woman|person)?(?:\s+of\s+the\s+[\w\s,]{3,80}?)?[,\s]*$", re.IGNORECASE)


def chair_named(text: str, mentions: list[Mention], before: int) -> Mention | None:
    """The person the page names as a committee's chair before ``before`` ("Committee Chair Jeremy Hunt",
    "the Chair of the Committee, Meg Hillier")."""
    for m in reversed([m for m in mentions if m.kind == "person" and m.end <= before]):
        if _CHAIR_OF.search(text, max(0, m.start - 120), m.start) or re.match(
                r",?\s+(?:MP,?\s+)?(?:the\s+)?chair", text[m.end:m.end + 30], re.IGNORECASE):
            return m
    return None


# "The CEO of the Trust, Emma Revie, said recently that it is, “...”": a few words may follow the verb
# the words before a verb of speech, from the sentence's start (after a footnote number: "statutory”.55 Professor
# Travers noted that “...”") or a comma
_SAID_BEFORE = re.compile(rf"(?:^|[.!?]\d{{0,3}}\s|,\s)([^.!?“”\"]{{0,{_NAME}}}?)\s*,?\s*(?:{SPEECH}|{_ACTS})"
                          rf"(?:\s+[\w’']+){{0,5}}\s*[:;,]?\s*$")
_NO_NAME = re.compile(r"(?i:(?:and|but|or|also|then|is|was|that|which|so|as|further|recently)\b\s*)*")
# a speaker named by post alone: "The Minister described them as “...”"
_ROLE = re.compile(r"[Tt]he (?:(?:Prime|shadow|Home|Foreign|Health) )?(?:Minister|Secretary(?: of State)?|Chancellor|"
                   r"Chair(?:man|woman)?|[Cc]hief [Ee]xecutive|Comptroller and Auditor General)(?: for [A-Z][\w ]+)?")
# a quote introduced as someone's words in the sentence that leads to it
_BY_AS = re.compile(rf"\b(?:(?:described|called|branded|labelled|termed)\s+by|to\s+quote\s+(?:again\s+)?from)\s+"
                    rf"([^,.;:“”\"]{{3,{_NAME}}}?)\s*(?:\bas|:)\s*$")
_ITSELF = re.compile(r"(?:it|the report|this report|the study|its report)\b", re.IGNORECASE)
# a document that speaks though no body is named: "the memorandum of understanding describes the plans as “...”"
_PAPER = re.compile(r"(?:[Tt]he|[Tt]his|[Ii]ts|[Tt]heir)\s+(?:[\w’'-]+\s+){0,3}?(?:report|review|study|survey|analysis|"
                    r"paper|memorandum(?: of understanding)?|submission|letter|research|strategy|guidance)"
                    r"(?:\s+(?:of|from|by)\s+[^,.;:“”\"]{1,60})?")


def find_quotes(text: str, mentions: list[Mention], *, publisher: str | None = None) -> list[QuoteItem]:
    """Every quotation with its speaker, where the text says who it is.

    "It adds:" or "states the Report" in a document by ``publisher`` quote the publisher's report.
    """
    out: list[QuoteItem] = []
    previous: QuoteItem | None = None
    previous_end = -1
    for start, end in quote_spans(text):
        words = text[start:end]
        if re.fullmatch(r"(?:[A-Z][\w’'-]*\s?){1,4}", words):
            continue  # a name in quotes ('Total Place'), not a quotation
        para_start = text.rfind("\n", 0, start) + 1
        para_end = text.find("\n", end)
        para_end = len(text) if para_end == -1 else para_end
        before = text[para_start:max(para_start, start - 1)]
        if not before.strip() and para_start > 1:  # "X said:" closing the paragraph before
            prev_start, prev_end = _paragraph_before(text, para_start)
            k, prev = prev_end - 1, text[prev_start:prev_end]
            # a paragraph a speaker leaves open: "Emma Revie said recently that it is,", "X said", "... that the"
            if prev.rstrip()[-1:] not in ".!?”’\"'" and _SAID_BEFORE.search(prev):
                before, para_start = prev, prev_start
            elif prev.rstrip().endswith(":") and _speaker_in(mentions, prev_start, k + 1):
                before, para_start = prev, prev_start  # "A statement from X, chair of Y:" introduces X's words
            elif CHAIRS_WORDS.fullmatch(prev.strip()) and (chair := chair_named(text, mentions, prev_start)):
                out.append(QuoteItem(start, end, words, chair.iri, chair.text, 0.75, "under a chair's comment"))
                previous, previous_end = out[-1], end
                continue
        after = text[end + 1:para_end]
        speaker: Mention | None = None
        name, cue, confidence = "", "", 0.0
        m = _SAID_BEFORE.search(before, max(0, len(before) - 2 * _NAME))
        if m is None and before.rstrip().endswith(":") and "\n" not in before.strip():
            m = re.search(r"^(.*?):\s*$", before) if _speaker_in(mentions, para_start, start) else None
        if m:
            clause_start = para_start + m.start(1)
            speaker = _speaker_in(mentions, clause_start, para_start + m.end(1))
            name, cue, confidence = m.group(1).strip(), "X said: ...", 0.85
            if named := _named_before(text, mentions, clause_start):  # "X, the ... Director, told us that “...”"
                speaker, name = named, named.text
            if _NO_NAME.fullmatch(name):  # "... and added:", "and says it is": no speaker named here
                name = ""
                if previous is not None and re.fullmatch(r"(?:and|but)(?:\s+also)?", m.group(1).strip()):
                    speaker, name, cue, confidence = _continued(previous, mentions), previous.speaker_name, \
                        "X said ... and added", 0.75
            if speaker is None and re.fullmatch(r"(?:she|he)", name.split(",")[-1].strip(), re.IGNORECASE):
                speaker = next((x for x in reversed(mentions) if x.kind == "person" and x.end <= start), None)
                confidence = 0.6
        if not name:
            a = re.match(rf"\s*[,.]?\s*[”’\"']?\s*(?:{SPEECH})\s+([^.,;“”]+)", after) if not re.match(
                r"[^.,;]{0,3}\b(?:the|a|an)\s", after) else None
            b = re.match(rf"\s*[,.]?\s*[”’\"']?\s*([^.,;“”\s][^.,;“”]{{0,{_NAME}}}?)\s+{SPEECH}\b", after)
            if a:
                off = end + 1 + a.start(1)
                speaker = _speaker_in(mentions, off, off + len(a.group(1)), prefer_last=False)
                name, cue, confidence = a.group(1).strip(), "..., said X", 0.8
            elif b:
                off = end + 1 + b.start(1)
                speaker = _speaker_in(mentions, off, off + len(b.group(1)), prefer_last=False)
                name, cue, confidence = b.group(1).strip(), "..., X said", 0.8
                if speaker is None and re.fullmatch(r"(?:she|he)", name, re.IGNORECASE):
                    speaker = next((x for x in reversed(mentions) if x.kind == "person" and x.end <= start), None)
                    confidence = 0.6
        if _NO_NAME.fullmatch(name):  # "“disgrace” and says": no speaker named after the quote
            name, speaker = "", None
        if not name:  # "described by the report of the Review as “...”", "to quote again from the report: “...”"
            lead_start = para_start if before.strip() else _paragraph_before(text, para_start)[0]
            c = _BY_AS.search(text, max(lead_start, start - 2 * _NAME), max(lead_start, start - 1))
            if c:
                speaker = _speaker_in(mentions, c.start(1), c.end(1), prefer_last=False)
                name, cue, confidence = c.group(1).strip(), "described by X as", 0.7
        if not name:
            c = re.search(r"according to ([^,.;“”]+)", text[para_start:para_end])
            if c:
                off = para_start + c.start(1)
                speaker = _speaker_in(mentions, off, off + len(c.group(1)), prefer_last=False)
                name, cue, confidence = c.group(1).strip(), "according to X", 0.7
        if not name:  # "..., states the Report, of becoming the latest 'shiny new idea'"
            near = max(para_start, start - 2 * _NAME)  # only the words near the quote: linear time on any text
            s0 = max(near, max(text.rfind(". ", near, start), text.rfind(": ", near, start)) + 1)
            far = min(para_end, end + 1 + 2 * _NAME)
            e0 = re.search(r"[.!?](?:\s|$)", text[end + 1:far])
            sentence_end = end + 1 + e0.start() if e0 else far
            verb = rf"(?:{SPEECH}|{_ATTRIBUTE}|{_ACTS})"
            # the speaker before the verb, or after a verb of speech ("states the Report"); after "calling" or
            # "describes" comes what is called, not who calls it
            for find in (_subject_before, lambda chunk, _: _span(re.search(rf"\b{SPEECH}\s+([^,.;:“”\"]+)", chunk))):
                for chunk, off in ((text[s0:start - 1], s0), (text[end + 1:sentence_end], end + 1)):
                    c = find(chunk, verb)
                    if c and not name:
                        speaker = _speaker_in(mentions, off + c[0], off + c[1], prefer_last=False)
                        subject = chunk[c[0]:c[1]].strip()
                        if named := _named_before(text, mentions, off + c[0]):  # "X, the ... Director, told us"
                            speaker, subject = named, named.text
                        if speaker or _ITSELF.match(subject) or _ROLE.fullmatch(subject) or _PAPER.fullmatch(subject):
                            name, cue, confidence = subject, "attributed in the sentence", 0.6
                            if speaker is None and publisher:
                                itself = _ITSELF.match(subject)
                                name = itself.group(0) if itself else subject
        if not name and previous is not None and before.strip() == "" and start - previous_end < 400 and (
                re.fullmatch(r"[”’\"'.,;:!?\s]*", text[previous_end:para_start])):  # the paragraph before ended it
            out.append(QuoteItem(start, end, words, previous.speaker, previous.speaker_name, 0.5, "continued quote"))
            previous_end = end
            continue
        if not name:
            previous = None
            continue
        if speaker is None and publisher and _ITSELF.match(name.strip()):
            speaker = Mention(start, start, name, publisher, "organisation", 0.6, "context")
        if speaker is not None:
            name = speaker.text
        item = QuoteItem(start, end, words, speaker.iri if speaker else None, _clean_name(name),
                         confidence if speaker else confidence * 0.5, cue)
        out.append(item)
        previous, previous_end = item, end
    return out


def _paragraph_before(text: str, para_start: int) -> tuple[int, int]:
    """(start, end) of the paragraph before the one starting at ``para_start``, blank lines between skipped.

    >>> _paragraph_before("X said:\\n\\n“Yes.”", 9)
    (0, 7)
    """
    k = para_start - 1
    while k > 0 and text[k].isspace():
        k -= 1
    return text.rfind("\n", 0, k) + 1, k + 1


def _continued(previous: QuoteItem, mentions: list[Mention]) -> Mention | None:
    """The speaker of ``previous`` as a mention, for a quote that goes on "and added: ..."."""
    return next((m for m in mentions if previous.speaker and m.iri == previous.speaker), None)


def _span(m: re.Match | None) -> tuple[int, int] | None:
    return (m.start(1), m.end(1)) if m else None


def _named_before(text: str, mentions: list[Mention], at: int) -> Mention | None:
    """The person named just before the apposition that starts at ``at`` ("Fran Oram, the Department for
    Education’s Director of Children’s Social Care, told us"), if any."""
    return next((m for m in mentions if m.kind == "person" and re.fullmatch(r",\s*", text[m.end:at])), None)


def _subject_before(chunk: str, verb: str) -> tuple[int, int] | None:
    """The words before the first speech verb of ``chunk`` back to a comma, stop or quote mark (at most
    :data:`_NAME` characters), as ``([^,.;:“”"]+?)\\s+VERB`` would find them, in time linear in the chunk.

    >>> chunk = "the cost, the Committee said in 2014"
    >>> a, b = _subject_before(chunk, SPEECH); chunk[a:b]
    'the Committee'
    """
    for v in re.finditer(rf"(?<!\s)\s+{verb}\b", chunk):
        head = max(chunk.rfind(c, 0, v.start()) for c in ',.;:“”"') + 1
        head = max(head, v.start() - _NAME)
        while head < v.start() and chunk[head].isspace():
            head += 1
        if head < v.start():
            return head, v.start()
    return None


# a person's name in a speaker clause with appositions: "Neil Blackshaw, of Easton Planning, a consultancy"
_PERSON = re.compile(rf"(?:(?:{TITLES})\.?\s+)?{NAME}(?:\s+{NAME}){{1,2}}")


def _clean_name(name: str) -> str:
    """The speaker as the clause names them: without a leading time clause, and, where appositions follow or
    precede a person's name, the name ("Neil Blackshaw, of Easton Planning, a consultancy" -> Neil Blackshaw).

    >>> _clean_name("Neil Blackshaw, of Easton Planning, a consultancy with major public sector clients")
    'Neil Blackshaw'
    >>> _clean_name("The CEO of the Trussell Trust, Emma Revie")
    'Emma Revie'
    """
    name = re.sub(r"^(?:when|as|while|and|but|then|yesterday|today)\b[^,]*,\s*", "", name, flags=re.IGNORECASE)
    parts = [p.strip() for p in name.split(",")]
    people = [p for p in parts if _PERSON.fullmatch(p)]
    if len(parts) > 1 and people:
        name = people[0]
    return " ".join(name.split())[:80]
