"""HTML to the plain text that ``kg ingest`` analyses and stores, with the metadata the page declares.

lxml parses the page (it is fast, maintained, and parses broken real-world HTML the way browsers do).
Scripts, styles and other non-text elements are removed from the tree before any text is taken, so no
script is ever run or kept; navigation, cookie banners, subscription boxes and comment forms are dropped
by element and by class or id.

>>> text, meta = html_to_text('<html><head><title>T</title><script>alert(1)</script></head>'
...                           '<body><nav>Home</nav><p>One  <b>two</b>.</p><p>Three.</p></body></html>')
>>> text
'One two.\\n\\nThree.\\n'
>>> meta["title"]
'T'
"""

from __future__ import annotations

import codecs
import re

import lxml.etree
import lxml.html

__all__ = ["html_to_text", "declared_charset"]

_DROP = ("script", "style", "noscript", "template", "iframe", "object", "embed", "svg", "canvas", "nav",
         "header", "footer", "aside", "form", "button", "select", "input", "textarea", "dialog", "menu")
_BLOCK = {"p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "blockquote", "section", "article", "tr",
          "dd", "dt", "figcaption", "pre", "table", "ul", "ol", "main", "address", "td", "th"}
_FURNITURE_ATTR = re.compile(r"cookie|consent|subscri|newsletter|paywall|comment|share|social|promo|advert|"
                             r"banner|breadcrumb|sidebar|signup|sign-up|login|related|popular|skip-link",
                             re.IGNORECASE)
_NOT_XML = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f\ufffe\uffff]")  # no HTML text node holds these
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE)


def declared_charset(raw: bytes) -> str | None:
    """The character set an HTML page declares (BOM, ``<meta charset>`` or http-equiv), else None.

    >>> declared_charset(b'<meta http-equiv="Content-Type" content="text/html; charset=ISO-8859-1">')
    'iso8859-1'
    >>> declared_charset(b'<p>none</p>') is None
    True
    """
    for bom, name in ((codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16")):
        if raw.startswith(bom):
            return name
    m = _META_CHARSET.search(raw[:4096])
    if not m:
        return None
    name = m.group(1).decode("ascii", "replace")
    try:
        return codecs.lookup(name).name
    except LookupError:
        return name  # the caller reports an unknown charset


def _meta(root: lxml.html.HtmlElement) -> dict[str, str]:
    found: dict[str, str] = {}

    def first(xpaths: list[str]) -> str | None:
        for xp in xpaths:
            for value in root.xpath(xp):
                value = " ".join(str(value).split())
                if value:
                    return value
        return None

    def meta(*names: str) -> list[str]:
        return [f"//meta[translate(@{attr},'ABCDEFGHIJKLMNOPQRSTUVWXYZ','abcdefghijklmnopqrstuvwxyz')='{n}']/@content"
                for n in names for attr in ("property", "name")]

    pairs = {
        "title": meta("og:title", "dc.title", "dcterms.title", "citation_title") + ["//title/text()"],
        "date": meta("article:published_time", "dc.date", "dcterms.date", "dcterms.created", "date",
                     "citation_publication_date", "pubdate") + ["//time/@datetime"],
        "outlet": meta("og:site_name", "dc.publisher", "dcterms.publisher", "publisher", "citation_publisher",
                       "application-name"),
        "url": ["//link[@rel='canonical']/@href"] + meta("og:url"),
    }
    for key, xpaths in pairs.items():
        value = first(xpaths)
        if value:
            found[key] = value
    return found


def _is_furniture(el: lxml.html.HtmlElement) -> bool:
    attrs = " ".join(filter(None, (el.get("class"), el.get("id"), el.get("role"), el.get("aria-label"))))
    return bool(attrs) and bool(_FURNITURE_ATTR.search(attrs)) and el.tag not in ("html", "body", "main", "article")


def html_to_text(html: str) -> tuple[str, dict[str, str]]:
    """The readable text of a page (blocks separated by blank lines) and its declared metadata.

    Control characters (which HTML does not allow in text) are dropped first. Raises ``ValueError`` when
    nothing of the page can be parsed.

    >>> html_to_text("<p>One\\x08 two</p>")[0]
    'One two\\n'
    """
    html = _NOT_XML.sub("", html.replace("\x0c", " "))
    try:
        root = lxml.html.document_fromstring(html)
    except lxml.etree.ParserError as exc:
        raise ValueError(str(exc)) from None
    meta = _meta(root)
    for el in list(root.iter(lxml.etree.Comment, lxml.etree.ProcessingInstruction)):
        if el.getparent() is not None:
            el.drop_tree()
    for el in list(root.iter(*_DROP)):
        if el.getparent() is not None:
            el.drop_tree()
    for el in list(root.iter()):
        if isinstance(el.tag, str) and el.getparent() is not None and _is_furniture(el):
            el.drop_tree()
    body = next((el for el in (root.find(".//article"), root.find(".//main"), root.find("body"))
                 if el is not None), root)
    for el in body.iter():
        if not isinstance(el.tag, str):
            continue
        if el.tag != "pre":  # a line break in HTML source is a space, not a paragraph
            el.text = re.sub(r"\s+", " ", el.text) if el.text else el.text
            el.tail = re.sub(r"\s+", " ", el.tail) if el.tail else el.tail
        if el.tag == "br":
            el.tail = "\n" + (el.tail or "")
        elif el.tag in _BLOCK:
            el.text = "\n\n" + (el.text or "")
            el.tail = "\n\n" + (el.tail or "")
    raw = body.text_content()
    lines = [" ".join(line.replace("\u00a0", " ").split()) for line in raw.split("\n")]
    text = re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip("\n")
    return (text + "\n") if text else "", meta
