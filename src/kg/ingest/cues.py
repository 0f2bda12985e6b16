"""Cue lexicons of evaluative language in audit, committee and news writing, and the strongest cue of a sentence.

The lexicons are general: evaluative verbs, adjectives and nouns ("criticised", "unacceptable", "a matter of
concern"), negated outcomes and missing knowledge ("has not yet resulted in", "does not know", "does not
monitor", "does not fully understand", "has no measures", "has not set targets", "falls short", "will miss its
target", "has not worked"), plain words of blame ("botched", "a mess", "broken promises", "got it wrong"),
counterfactual expectations ("I would have expected X to ..."), modals and directives ("should", "must", "has
got to", "we recommend", "urges", "calls for", "it's important X ...", "I expect X to ..."), rebuttal verbs
("rejected", "disputed", "denied") and praise ("commend", "performed well"). Words that also name a topic count
only in their evaluative use: "concerns" raised, held or about something (not "mental health concerns"), a risk
of or at risk (not "the risks to a child"), achieving a target (not "pupils achieving five GCSEs").

>>> best_cue("The report criticised the government")[:2]
('criticism', 'criticised')
>>> best_cue("The department should learn lessons")[:2]
('recommendation', 'should')
>>> best_cue("The Department does not monitor these strategies.")[:2]
('criticism', 'does not monitor')
>>> best_cue("It praised the staff, but the scheme will need to grow faster.")[:2]
('criticism', 'will need to')
>>> best_cue("It doesn’t acknowledge the scale of the problem.")[:2]
('criticism', 'doesn’t acknowledge')
>>> best_cue("With only 15% passing, I would have expected the Department to act.")[:2]
('criticism', 'would have expected')
>>> best_cue("The Department has made good progress in reducing delays.")[:2]
('support', 'good progress')
>>> best_cue("Government has got to grasp the nettle.")[:2]
('recommendation', 'has got to')
>>> best_cue("Adult social care is inadequately funded.")[:2]
('criticism', 'inadequately')
>>> best_cue("The pandemic was an unprecedented challenge, which providers met.") is None  # "challenge" judges nothing
True
>>> best_cue("None exists, even though the Committee recommended one in 2017.")[:2]
('criticism', 'recommended')
>>> best_cue("The most common risks to a child are neglect and mental health concerns.") is None
True
>>> best_cue("The story of UC is now a story of broken promises.")[:2]
('criticism', 'broken promises')
>>> best_cue("The Department will miss its target of 180,000 homes.")[:2]
('criticism', 'miss its target')
>>> best_cue("The selection process was not impartial.")[:2]
('criticism', 'not impartial')
"""

from __future__ import annotations

import re

__all__ = ["best_cue", "CUES", "TURN"]

_NOT = r"(?:not|n[’']t|never)"
_NOT2 = r"(?:\s+not|\s+never|n[’']t)"  # after an auxiliary: "does not", "doesn’t"
_KNOW = (r"(?:know|understand|monitor|track|collect|measure|assess|evaluate|have (?:a|an|any|the|enough|reliable)|"
         r"hold|record)")
_HOW = r"(?:full|proper|real|clear|adequate|sufficient|accurate|systematical)"  # "does not fully understand"
_MISSING = r"(?:measures?|data|information|targets?|plans?|strategy|idea|way|means|mechanism|understanding|evidence)"
# "concerns" as a judgement, not a topic ("mental health concerns"): raised, held, serious, or about something
_CONCERN = (r"(?:serious|real|deep|grave|significant|particular|major|growing|our|my|its|their|raises?|raised|"
            r"express(?:ed|es)?|voiced|shares?|had|has|have) concerns?|concerns? (?:about|over|that|at|remain)|"
            r"(?:matter|cause|source) (?:of|for) concern|concerned")
# "it's important the Department gathers ...", "it is vital that ...", not "it is important to note that"
_IMPORTANT = (r"it(?:[’']s| is) (?:\w+ )?(?:important|essential|vital|crucial|imperative)"
              r"(?! to (?:note|say|recognise|remember|stress|understand))")
# (kind, pattern, weight, criticism kind)
CUES: list[tuple[str, str, float, str]] = [
    ("rebuttal", r"reject\w*|disput\w*|deni(?:ed|es)|deny|refut\w*|rebuff\w*|hit back|object(?:ed|s|ion)|"
                 r"complain about|fails? to understand|disagree\w*|doesn[’']t mean|does not mean|misunderst\w+|"
                 r"misrepresent\w*|inaccura\w+|not fundamentally flawed|can[’']t impose|never going to|"
                 r"partial (?:quote|quotation|picture|account)|selective(?:ly)? quot\w+|out of context|scaremonger\w*|"
                 r"(?:do|does|did) not accept|simply not true|"
                 r"(?:that|this) is (?:simply |just )?not (?:true|the case|correct|accurate)|"
                 r"completely (?:behind|supportive of) (?:our|the Government[’']s|this) approach", 0.8, ""),
    ("defence", r"defend\w*|insist\w*|stood by|stands by|remains? committed|still the case|for that reason", 0.7, ""),
    ("recommendation", r"recommend\w*|urg(?:es|ed|ing)|calls? (?:on|for)|called (?:on|for)|advis(?:es|ed)|should|"
                       r"must|essential that|important that|vital that|encourage[sd]? \w+ to|"
                       r"look(?:s|ing)? forward to (?:hearing|seeing|receiving|learning)|(?:has|have|[’']ve) got to|"
                       rf"{_IMPORTANT}|(?:I|we) (?:would |also |now |therefore |fully )?expect|"
                       r"it is (?:now )?time (?:for [\w ]{1,40} )?to", 0.8, ""),
    ("recommendation", r"needs? to|ought to|(?:are|is) (?:now )?needed|needs (?:its own|a|an|more|urgent|proper|"
                       r"clear|long-term|greater|better)\b", 0.55, ""),
    ("criticism", r"criticis\w*|criticiz\w*|shambles|accus\w+|incompeten\w+|condemn\w*|slamm\w*|damning|"
                  r"lambast\w*|cloud cuckoo|how not to|evasive|over-?claim\w*|overstat\w*|double[- ]count\w*|"
                  r"ruse|extraordinary|deeply troubling|blithely|appalling|shocking|disgraceful|deplorable|"
                  r"scandal\w*|outrageous|lamentabl[ey]|woeful\w*|out of control|spiral\w*|complacen\w+|"
                  r"disregard\w*|sticking[- ]plaster|kick(?:ed|ing)? the can|(?:drag|dragged|dragging) "
                  r"(?:its|their|our) feet|buck[- ]passing|pass(?:ed|ing)? the buck|box[- ]ticking|tick[- ]box|"
                  r"not fit for purpose|steps? forwards?,? (?:and|but) (?:\w+ )?steps? back\w*|"
                  r"a (?:big |major |retrograde )?step backwards?|backward step|retrograde|missed opportunit\w+|"
                  r"too little,? too late|watered[- ]down|kicked into the long grass", 0.9,
     "accusation"),
    ("criticism", r"(?:would|should|could|might) have (?:expected|hoped|liked|wanted)|"
                  r"(?:could|should|might) have (?:gone|done|achieved) (?:much |far |a lot |rather )?"
                  r"(?:further|more|better)|"
                  r"should (?:not )?have (?:been|had|done|known|seen|taken|made|\w+ed)\b", 0.85, "complaint"),
    ("criticism", r"dismay\w*|disappoint\w*|unacceptable|unsatisfactory|branded|inconsistent|not good enough|"
                  r"bogged down|troubling|worr(?:y|ied|ying|yingly)|alarm(?:ed|ing|ingly)|desperate\w*|"
                  r"little more than|(?:simply|merely|just) (?:a|an) (?:way|means|vehicle|device|exercise)|"
                  r"regret\w*|short-?sighted|(?:not |un)convinced|not persuaded|surpris\w+|"
                  r"lost (?:track|control|sight)|(?:under|over)estimat\w+|(?:remains?|is|are|was|were|been) limited|"
                  rf"{_NOT} (?:been )?(?:open|transparent|honest|candid)|"
                  rf"{_NOT} (?:\w+ ){{0,2}}enough|poorly|badly|ignor(?:ed|ing)|"
                  rf"(?:is|are|was|were|has|have){_NOT2} (?:yet )?(?:been )?(?:providing|delivering|ensuring|"
                  r"addressing|tackling|showing|demonstrating|giving|taking|getting to grips|grasping|joined[- ]up|"
                  r"underpinned|supported|backed|matched|joined)|"
                  rf"(?:do|does|did|has|have){_NOT2} (?:yet )?(?:fully |properly |adequately |routinely |"
                  r"systematically |consistently )?(?:acknowledg|recognis|"
                  r"recogniz|grasp|appreciat|address|tackl|get to grips|consider|take account|reflect)\w*|"
                  r"(?:over(?:ly)?|extremely|very|highly|too|unduly|unrealistically|wildly|somewhat|rather)"
                  r"[- ]optimistic|"
                  r"optimism bias|"
                  r"hamper\w*|undermin\w*|stymie\w*|imped(?:e|es|ed|ing)|piecemeal|fragment(?:ed|ary)|patchy|"
                  r"short[- ]termis\w+|siloe?d?|not (?:yet )?(?:confident|reassured|satisfied)|reluctan\w+|"
                  r"shied away|shy(?:ing)? away|lip service|timid\w*|(?:absence|lack) of (?:any|a) (?:credible|clear|"
                  r"coherent|proper|long-term)|requires? (?:substantial|significant|fundamental|major|urgent) reform|"
                  r"no substitute for|cannot (?:solve|do|fix|tackle) (?:this|it|them) alone|it is only now|"
                  r"(?:financial )?strains|(?:biggest|main|chief|stand-out|standout|greatest|key) concern|"
                  rf"(?:has|have|had){_NOT2} (?:yet )?been (?:published|produced|delivered|set out)|beset|"
                  r"flaws|hardship|let down|devastat\w+|decimat\w+|without (?:any |due )?regard|in (?:its|their) rush|"
                  r"(?:seriously |long )?overdue|was not piloted|vehicle for cuts|botched|(?:in )?a mess|debacle|"
                  r"fiasco|catastroph\w*|harsh\w*|cruel\w*|misleading\w*|dissatisf\w*|inappropriate\w*|ironic\w*|"
                  r"no confidence|too complex|(?:broken|breaking|broke) (?:\w+ )?promises?|promises?,? (?:and )?"
                  r"(?:every one |all )?broken|(?:the )?wrong (?:advice|decision|approach|priorities|way)|"
                  r"(?:got|gets|get|went|gone) (?:it |things |this )?wrong|heard nothing|"
                  r"(?:says?|said|tells? us|told us) (?:almost |very little |next to )?nothing|"
                  r"counter-?productive|gimmick\w*|none the wiser|little or no|scant|sweeping assumptions?|"
                  r"uncomplimentary|turn(?:ed|s|ing)? (?:their|its|his|her) backs? on|unpublished|"
                  rf"{_NOT} (?:\w+ )?(?:impartial|fair|independent|credible|robust|rigorous|objective)", 0.75,
     "complaint"),
    ("criticism", r"warn\w*|at risk|risks? (?:of|that|\w+ing)|risk(?:ed|ing)|(?:a|the|real|serious|significant|"
                  r"high|greater|major) risks?|will need to|no mean feat|no easy (?:task|feat)|tall order|"
                  r"uphill (?:task|struggle|battle)|danger\w*|jeopardi[sz]\w+|threaten\w*|cliff[- ]edge", 0.7,
     "warning"),
    ("criticism", rf"{_CONCERN}|doubt\w*|sceptic\w*|question(?:ed|s)|unrealistic|meaningless|underwhelming|"
                  r"did not believe|uncertain\w*|unclear|no estimate|not (?:yet )?clear|unaware|unsure|vague|"
                  r"out[- ]of[- ]date|little (?:clue|idea|understanding|information|evidence)|unlikely|"
                  r"no (?:clear|credible|coherent|overall|reliable|robust) \w+", 0.6, "scepticism"),
    ("criticism", r"f(?:alls?|ell|alling) (?:far |well |a long way |significantly |considerably )short|"
                  r"fail\w*|flawed|chaotic|mismanag\w*|wasted?|poor|weak\w*|inadequate(?:ly)?|lack(?:ed|s|ing)?|hindered|"
                  r"coming up short|not (?:exactly )?on track|overspen\w*|missed|too late|no way of|not reduced|"
                  r"no central|disjointed|postcode lottery|delay\w*|insufficient|neither|not (?:\w+ ){0,2}understood|"
                  r"not (?:\w+ )?(?:improved|achieved|met)|slow\w*|confus\w+|not (?:yet )?prov(?:ed|en)|unable to|"
                  r"not demonstrated|no evidence|too (?:early|little|slow)|bureaucratic|frustrat\w*|"
                  rf"{_NOT} (?:yet )?result(?:ed)? in|(?:do|does|did|has|have){_NOT2} (?:yet )?(?:{_HOW}ly )?{_KNOW}|"
                  r"not well (?:researched|understood|evidenced|planned|managed)|f(?:alls?|ell|alling) short|"
                  rf"(?:has|have|had){_NOT2} (?:yet )?(?:set|established|agreed|defined|put in place)|"
                  rf"(?:has|have|had) no (?:\w+ )?{_MISSING}|(?:has|have|had|is|are) yet to|"
                  rf"(?:has|have|had){_NOT2} (?:yet )?(?:evaluated|assessed|monitored|measured|tracked|collected|"
                  r"consulted|considered|tested|reviewed)|(?:cannot|can[’']t|could not|couldn[’']t) (?:tell|explain|"
                  rf"show|demonstrate|say|account for)|{_NOT} (?:\w+ ){{0,3}}value for money|poor value|"
                  rf"{_NOT} (?:\w+ )?(?:kept|keep|keeping) (?:up|pace)|{_NOT} (?:yet )?working|problems? with|"
                  rf"disconnect\w*|miss(?:es|ed)? (?:its|the|their) (?:\w+ )?targets?|{_NOT} (?:\w+ )?worked", 0.65,
     "adverseFinding"),
    ("criticism", r"unreliabl\w*|unresponsive|underfund\w*", 0.45, "adverseFinding"),
    # missing evidence and outcomes not delivered: "does not possess reliable statistics", "without anywhere near
    # enough information", "cannot measure", "are not being tackled", "has only met 5%", "superficial", "awry"
    ("criticism", rf"{_NOT} (?:yet )?(?:\w+ ){{0,2}}(?:possess\w*|obtain\w*|ha(?:ve|s|d)|hold\w*|provid\w+|collect\w*) "
                  r"(?:\w+ )?(?:reliable|sufficient|adequate|accurate|robust|proper|complete|enough)|"
                  r"without (?:\w+ ){0,3}(?:enough|sufficient|adequate|proper|reliable)|"
                  r"(?:cannot|can[’']t|could not|couldn[’']t) (?:measure|assess|track|monitor|quantify|know)|"
                  rf"no data to|{_NOT} (?:publicly |yet )?available to|{_NOT} being (?:tackled|addressed|met|"
                  r"delivered|dealt with|resolved|paid)|(?:has|have|had) only (?:met|achieved|delivered|reached|"
                  r"built|completed|spent)|superficial\w*|incomplete|incoheren\w+|awry|unsustainabl\w*|"
                  rf"{_NOT} (?:\w+ )?sustainable|{_NOT} (?:\w+ )?acceptable|dishonest\w*|full of (?:risks?|problems|"
                  r"holes|flaws)|(?:money|sums|millions|billions) (?:\w+ ){0,2}(?:being |been )?lost|"
                  r"will (?:not|never) be able to", 0.6, "adverseFinding"),
    ("support", r"welcom\w*|prais\w*|congratulat\w*|support(?:s|ed|ive)|back(?:s|ed)|endors\w*|commend\w*|boost\w*|"
                r"sensibl\w*|rightly|impressive\w*|(?<!be )achieved|"
                r"achieving (?:the|its|their) (?:\w+ )?(?:targets?|objectives?|goals?|aims?)|performed well|"
                r"worked well|"
                r"successful\w*|worked effectively|good progress|properly|golden opportunity|encouraging|"
                r"demonstrat\w+ (?:the |their |its )?(?:clear )?potential|lifeline|is right to|effective(?:ly)?|"
                r"met (?:the|its) target|(?:has|have|had) (?:increased|improved) the (?:funding|support|services)|"
                r"pleased|encouraged by|heartened|reassur\w+|step in the right direction|commendabl[ey]|"
                r"deserves? (?:\w+ )?credit|(?:great|real|some) credit|laudabl[ey]|to (?:be )?applaud\w*",
     0.6, ""),
]
_COMPILED = [(k, re.compile(rf"\b(?:{p})\b", re.IGNORECASE), w, sub) for k, p, w, sub in CUES]
_ORDER = {"rebuttal": 0, "defence": 1, "recommendation": 2, "criticism": 3, "support": 4}
_NEGATION = re.compile(r"\b(?:not|no|never|nor|neither|unable|without)\b|n[’']t\b", re.IGNORECASE)
# "yet" turns ("..., yet it is only now"), but not in "have yet to" or "not yet"
TURN = re.compile(r"(?:,\s*|\b)(?:but|however|although|(?<!have )(?<!has )(?<!had )(?<!not )(?<!are )(?<!is )yet)\b",
                  re.IGNORECASE)
_REMEDY = re.compile(r"\b(?:reduc|tackl|cut|address|prevent|avoid|minimi[sz]|overc[oa]m|resolv|eliminat|mitigat|"
                     r"lower|ending|end)\w*\s+(?:(?:the|its|their|any|such)\s+)?(?:\w+\s+)?$", re.IGNORECASE)
_CLAUSE = re.compile(r"\b(?:that|which|what|who|whom|where)\b", re.IGNORECASE)
_CONCEDED = re.compile(r"\b(?:even though|despite|although|notwithstanding)\b[^,;]*$", re.IGNORECASE)
_NEEDS = re.compile(r"\b(?:help|support|services?|care|what|which|that) (?:they|we|you|people|families) needs? to$",
                    re.IGNORECASE)


def best_cue(sentence: str) -> tuple[str, str, int, int, float, str] | None:
    """(kind, cue words, start, end, weight, criticism kind) of the strongest cue in ``sentence``.

    A sentence that turns ("..., but ...", "however") takes its cue from the clause after the turn.
    """
    turns = [m.end() for m in TURN.finditer(sentence)]
    if turns and turns[-1] < len(sentence) - 3:
        later = best_cue(sentence[turns[-1]:]) if TURN.search(sentence[turns[-1]:]) is None else None
        if later is not None:
            kind, words, a, b, weight, sub = later
            return kind, words, a + turns[-1], b + turns[-1], weight, sub
    best = None
    for kind, pattern, weight, sub in _COMPILED:
        for m in pattern.finditer(sentence):
            if kind == "recommendation" and _NEEDS.search(sentence[:m.end()]):
                continue  # "the help they need to ...": a want, not a recommendation
            if kind == "criticism" and _REMEDY.search(sentence[max(0, m.start() - 40):m.start()]):
                continue  # "progress in reducing delays": the ill is what is being remedied
            key = (weight, -_ORDER[kind])
            if best is None or key > best[0]:
                best = (key, (kind, m.group(0), m.start(), m.end(), weight, sub))
            break
    if best and best[1][0] == "recommendation" and (earlier := _earlier_judgement(sentence, best[1][2])):
        return earlier  # "We are disappointed that ... called on the Government": the call is what was ignored
    if best and best[1][0] == "recommendation" and _CONCEDED.search(sentence[max(0, best[1][2] - 60):best[1][2]]):
        kind, words, a, b, weight, sub = best[1]  # "even though this Committee recommended one": it was not done
        return "criticism", words, a, b, weight, "complaint"
    if best and best[1][0] == "support" and _NEGATION.search(sentence[max(0, best[1][2] - 30):best[1][2]]):
        kind, words, a, b, weight, sub = best[1]  # "has not proved the effectiveness": not support
        return "criticism", words, a, b, weight, "adverseFinding"
    return best[1] if best else None


def _earlier_judgement(sentence: str, at: int) -> tuple[str, str, int, int, float, str] | None:
    """A criticism cue before a recommendation cue at ``at`` that stands in a clause of its own ("that", "which",
    "what", "who"): the sentence criticises, and the recommendation is what it reports.

    >>> _earlier_judgement("We are disappointed that the Government, called on to act, did not.", 40)[:2]
    ('criticism', 'disappointed')
    >>> _earlier_judgement("The Government should act.", 15) is None
    True
    """
    for kind, pattern, weight, sub in _COMPILED:
        if kind != "criticism" or weight < 0.6:
            continue
        m = pattern.search(sentence, 0, at)
        if m and _CLAUSE.search(sentence, m.end(), at):
            return kind, m.group(0), m.start(), m.end(), weight, sub
    return None

