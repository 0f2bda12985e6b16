"""Page furniture in stored source texts: cookie notices, subscription blocks, comment boxes, promos.

Sources are kept byte for byte as received, furniture included; this module finds the furniture
so that code can skip it. ``article_text`` blanks it with spaces, so character offsets into the
stored text stay valid. ``kg validate`` rejects evidence quoted from furniture.

>>> text = "Your browser is no longer supported\\n\\nThe NAO said so.\\n\\nHave your say\\n"
>>> article_text(text).strip()
'The NAO said so.'
>>> len(article_text(text)) == len(text)
True
"""

from __future__ import annotations

import re

from kg.evidence import Span

__all__ = ["furniture_spans", "article_text", "in_furniture"]

# One pattern a line: whole lines of a publisher's page template, never an article's own words.
_LINES = (
    r"Your browser is no longer supported",
    r"For the best possible experience using our website we recommend .*",
    r"Your browser appears to have cookies disabled.*",
    r"We.ll assume we have your consent to use cookies.*",
    r"Learn more",
    r"[ \t]*•[ \t]*Comment",
    r"Have your say",
    r"You must sign in to make a comment",
    r"Please remember that the submission of any material is governed by .*",
    r"Links may be included in your comments but HTML is not permitted\.",
    r"SUBSCRIBE TO CONTINUE READING",
    r"Get unlimited access to .* with a subscription.*",
    r"Subscribe",
    r"Full website content includes .*",
    r"Login",
    r"Already a subscriber\?",
    r"Popular articles by .*",
    r"LGC.s essential daily briefing\.",
    r"Today.s big interview: .*",
    r"Devo resurrection of the day: .*",
    r"Today.s top comment: .*",
    # generic site furniture, as it survives in pasted or converted pages (kg ingest)
    r"Skip to (?:main )?content",
    r"(?:Accept|Reject) all cookies",
    r"Cookie (?:settings|preferences|policy)",
    r"Share (?:this )?(?:article|page|story)(?: on \w+)?",
    r"Sign up (?:to|for) our (?:daily )?newsletters?.*",
    r"Back to top",
    r"Print this page",
    r"Advertisement",
)
_FURNITURE = re.compile("|".join(f"(?:^{line}[ \\t]*$)" for line in _LINES), re.MULTILINE)


def furniture_spans(text: str) -> list[Span]:
    """Where the furniture lines are in ``text``."""
    return [Span(m.start(), m.end()) for m in _FURNITURE.finditer(text) if m.end() > m.start()]


def article_text(text: str) -> str:
    """``text`` with furniture replaced by spaces (offsets unchanged)."""
    chars = list(text)
    for span in furniture_spans(text):
        chars[span.start:span.end] = " " * (span.end - span.start)
    return "".join(chars)


def in_furniture(text: str, span: Span) -> bool:
    """True when ``span`` overlaps any furniture line of ``text``.

    >>> t = "Subscribe\\nReal words.\\n"
    >>> in_furniture(t, Span(0, 9)), in_furniture(t, Span(10, 21))
    (True, False)
    """
    return any(f.start < span.end and span.start < f.end for f in furniture_spans(text))
