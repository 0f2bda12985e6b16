"""Read one input file (plain text, HTML or PDF) into the text ``kg ingest`` analyses and stores.

Every refusal names the file: a binary file, an empty file, a file over the size cap, text that is not
UTF-8 (or not in the charset an HTML page declares), a PDF that cannot be read or has no text layer.

>>> sniff(Path("a.pdf"), b"%PDF-1.4"), sniff(Path("a.txt"), b"<!DOCTYPE html><html>"), sniff(Path("a"), b"Hi")
(<Format.pdf: 'pdf'>, <Format.html: 'html'>, <Format.text: 'text'>)
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass, field
from enum import Enum
from pathlib import Path

from kg.ingest.htmltext import declared_charset, html_to_text
from kg.limits import read_capped
from kg.problems import InvalidInput, Problem

__all__ = ["Format", "Document", "read_document", "sniff"]


class Format(str, Enum):
    """The kinds of input ``kg ingest`` reads."""

    text = "text"
    html = "html"
    pdf = "pdf"


@dataclass
class Document:
    """An input file read: its bytes, the text to analyse and store, and the metadata found in it."""

    path: Path
    raw: bytes
    text: str
    fmt: Format
    found: dict[str, tuple[str, str]] = field(default_factory=dict)  # field -> (value, how it was found)


def _refuse(path: Path, message: str) -> InvalidInput:
    return InvalidInput([Problem(message, file=str(path), check="ingest")])


def sniff(path: Path, raw: bytes) -> Format:
    """The format of a file, from its first bytes, then its name."""
    head = raw[:1024].lstrip().lower()
    if raw.startswith(b"%PDF-") or path.suffix.lower() == ".pdf":
        return Format.pdf
    if path.suffix.lower() in (".html", ".htm", ".xhtml") or head.startswith((b"<!doctype html", b"<html")):
        return Format.html
    return Format.text


def _check_text(path: Path, text: str) -> None:
    controls = sum(1 for ch in text if ord(ch) < 32 and ch not in "\n\r\t\f")
    if "\x00" in text or controls > max(2, len(text) // 100):
        raise _refuse(path, "looks like a binary file (control characters in the text); give plain text, HTML or PDF")
    if not text.strip():
        raise _refuse(path, "has no text to analyse (the file is empty or only white space)")


def _decode(path: Path, raw: bytes, encoding: str, declared: bool) -> str:
    try:
        return raw.decode(encoding)
    except LookupError:
        raise _refuse(path, f"declares an unknown character set {encoding!r}") from None
    except UnicodeDecodeError as exc:
        line = raw[:exc.start].count(b"\n") + 1
        what = f"is not valid {encoding}" if declared else "is not UTF-8"
        raise _refuse(path, f"{what}: byte 0x{raw[exc.start]:02x} at line {line}, offset {exc.start}; "
                            "convert it to UTF-8 first (for example iconv -f latin1 -t utf-8)") from None


def _pdf_date(value: str) -> str | None:
    m = re.match(r"D?:?(\d{4})(\d{2})?(\d{2})?", value or "")
    if not m:
        return None
    return "-".join(part for part in m.groups() if part)


def _read_pdf(path: Path, raw: bytes) -> tuple[str, dict[str, tuple[str, str]]]:
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    try:
        reader = PdfReader(io.BytesIO(raw))
        pages = [page.extract_text() or "" for page in reader.pages]
        info = reader.metadata or {}
    except (PdfReadError, ValueError, KeyError, TypeError, OSError) as exc:
        raise _refuse(path, f"is not a readable PDF ({exc})") from None
    text = "\n\n".join(p.strip() for p in pages if p.strip())
    if not text.strip():
        raise _refuse(path, f"is a PDF with no text layer ({len(pages)} page(s) of images?); "
                            "run OCR on it first and ingest the text")
    found: dict[str, tuple[str, str]] = {}
    title = str(info.get("/Title") or "").strip()
    if title:
        found["title"] = (title, "the PDF's document information (Title)")
    date = _pdf_date(str(info.get("/CreationDate") or ""))
    if date:
        found["date"] = (date, "the PDF's creation date (document information), not necessarily its publication date")
    author = str(info.get("/Author") or "").strip()
    if author:
        found["outlet"] = (author, "the PDF's document information (Author)")
    return text.replace("\r\n", "\n") + "\n", found


def read_document(path: Path, *, max_bytes: int | None = None) -> Document:
    """Read ``path`` (at most ``max_bytes``, else ``$KG_MAX_BYTES``, else 50 MB: :func:`kg.limits.read_capped`);
    raise :class:`InvalidInput` naming the file when it cannot be ingested."""
    raw = read_capped(path, max_bytes=max_bytes)
    if not raw.strip():
        raise _refuse(path, "is empty: there is no text to analyse")
    fmt = sniff(path, raw)
    if fmt is Format.pdf:
        text, found = _read_pdf(path, raw)
        return Document(path, raw, text, fmt, found)
    if b"\x00" in raw[:8192]:
        raise _refuse(path, "looks like a binary file (NUL bytes); give plain text, HTML or PDF")
    if fmt is Format.html:
        charset = declared_charset(raw)
        html = _decode(path, raw, charset or "utf-8", declared=charset is not None)
        try:
            text, meta = html_to_text(html.lstrip("\ufeff"))
        except ValueError as exc:
            raise _refuse(path, f"is not readable HTML ({exc})") from None
        _check_text(path, text)
        basis = {"title": "the page's <title> or title meta tag", "date": "the page's date meta tag or <time>",
                 "outlet": "the page's site-name or publisher meta tag", "url": "the page's canonical link"}
        return Document(path, raw, text, fmt, {k: (v, basis[k]) for k, v in meta.items()})
    text = _decode(path, raw, "utf-8", declared=False).lstrip("\ufeff")
    _check_text(path, text)
    return Document(path, raw, text, fmt, {})
