"""Programme names a text defines itself, and the words that open a sentence rather than a name.

>>> defined_programmes("The reforms, known as Transforming Rehabilitation (TR), were costly.")
['Transforming Rehabilitation']
>>> initials("Department for Work and Pensions")
'DWP'
"""

from __future__ import annotations

import re

__all__ = ["START_WORDS", "defined_programmes", "initials", "named_stem", "trim_opening"]

START_WORDS = {"The", "A", "An", "But", "And", "However", "Yesterday", "Today", "In", "On", "At", "As", "When",
               "While", "Last", "This", "That", "Its", "Their", "His", "Her", "Meanwhile", "Now", "Both", "Among",
               "Under", "According", "If", "It", "Some", "Many", "Each", "Every", "Former", "New", "Leader",
               "Chair", "Chief", "Director", "Minister", "Our", "We", "They", "He", "She", "Mr", "Mrs", "Ms"}
_MINOR = {"of", "for", "and", "the", "on", "&"}


def trim_opening(text: str, start: int, *, keep: frozenset[str] = frozenset()) -> tuple[str, int]:
    """``text`` without the sentence words that open it ("The", "However", "Leader"...), except ``keep``."""
    words = text.split(" ")
    while words and words[0] in START_WORDS - keep:
        start += len(words[0]) + 1
        words = words[1:]
    return " ".join(words), start


def initials(label: str) -> str:
    """The capitals of a name's main words ("DWP")."""
    return "".join(w[0] for w in re.findall(r"[\w’']+", label) if w.lower() not in _MINOR).upper()


# a name defined as a programme by apposition ("Universal credit, the Government's flagship social security
# programme,") or by an acronym before its head noun ("the COMPASS project", "COMPASS contracts")
_APPOSITION = re.compile(r"(?<![\w’'-])([A-Z][\w’'-]+(?: [a-zA-Z][\w’'-]+){0,3}), (?:the|a|an|its|their) "
                         r"(?:[\w’'-]+ ){0,4}(?:programme|scheme|benefit|policy|project|initiative)"
                         r"(?=\s*[,.;:)]|\s+(?:that|which|and)\b)")
_ACRONYM_PROGRAMME = re.compile(r"\b(?:the\s+)?([A-Z]{3,})\s+(?:project|programme|scheme|contracts?)\b")
# a name the text introduces with "known as" or "called" and its abbreviation: "known as Transforming
# Rehabilitation (TR)"
_KNOWN_AS = re.compile(r"\b(?:known as|called)\s+((?:[A-Z][\w’'-]+\s+(?:(?:and|of|for)\s+)?){0,4}[A-Z][\w’'-]+)"
                       r"\s*\(([A-Z][A-Za-z]{1,5})\)")


def named_stem(words: str) -> bool:
    """Whether ``words`` before a lower-case "programme" or "scheme" name one ("the Homes for Ukraine scheme"),
    rather than say whose it is ("the Government’s scheme") or open the sentence ("The scheme").

    >>> named_stem("the Homes for Ukraine "), named_stem("the Government’s "), named_stem("The ")
    (True, False, False)
    """
    caps = [w for w in words.split() if w[0].isupper() and w not in START_WORDS]
    return len(caps) >= 2 and not re.search(r"[’']s\b", words)


def defined_programmes(text: str) -> list[str]:
    """Names the text itself defines as programmes.

    >>> defined_programmes("Universal credit, the Government’s flagship social security programme, is late. "
    ...                     "The COMPASS project was designed to save money. "
    ...                     "Mr Smith, the programme director, said so. The reforms, known as Transforming "
    ...                     "Rehabilitation (TR), were costly.")
    ['Universal credit', 'COMPASS', 'Transforming Rehabilitation']
    """
    names = [m.group(1) for m in _APPOSITION.finditer(text) if m.group(1).split()[0] not in START_WORDS]
    names += [m.group(1) for m in _ACRONYM_PROGRAMME.finditer(text)]
    names += [m.group(1) for m in _KNOWN_AS.finditer(text) if initials(m.group(1)) == m.group(2).upper()]
    return list(dict.fromkeys(names))
