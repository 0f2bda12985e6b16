"""kg ingest refuses bad input: a clear message naming the file, a non-zero exit, nothing written to data/."""

from __future__ import annotations

import hashlib
import io
from pathlib import Path

import pytest
from typer.testing import CliRunner

from kg.cli import app
from kg.ingest.reading import read_document
from kg.project import Project

ARTICLE = ("Councils warned over pooled budgets\n\n12 November 2014\n\n"
           "The National Audit Office said the Better Care Fund was a shambles.\n")


def snapshot(project: Project) -> dict[str, str]:
    """Every file under data/ with the SHA-256 of its bytes."""
    return {p.relative_to(project.root).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(project.data_dir.rglob("*")) if p.is_file()}


def pdf_with_text(text: str) -> bytes:
    """A minimal one-page PDF with a Helvetica text object (a real text layer), written by hand."""
    stream = f"BT /F1 12 Tf 72 720 Td ({text}) Tj ET".encode("latin-1")
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>",
               b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
               b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
               b"/Resources << /Font << /F1 5 0 R >> >> >>",
               b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
               b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


def pdf_without_text() -> bytes:
    """A one-page PDF with no text layer (what a scan looks like to a text extractor)."""
    from pypdf import PdfWriter

    writer = PdfWriter()
    writer.add_blank_page(width=612, height=792)
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


@pytest.fixture
def ingest(scratch: Project):
    runner = CliRunner()

    def invoke(*args: str):
        return runner.invoke(app, ["ingest", *args], env={"KG_HOME": str(scratch.root), "COLUMNS": "200"})
    return invoke


BAD = [
    ("image.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4, [], "binary"),
    ("empty.txt", b"", [], "empty"),
    ("blank.txt", b"  \n\n\t\n", [], "empty"),
    ("big.txt", ARTICLE.encode() * 50, ["--max-bytes", "1000"], "more than the limit of 1,000 bytes"),
    ("latin1.txt", "Caf\u00e9 closes; the NAO said so in 2014.\n".encode("latin-1"), [], "is not UTF-8"),
    ("wrong-charset.html", '<html><head><meta charset="utf-8"></head><body><p>Caf\u00e9</p></body></html>'
     .encode("latin-1"), [], "is not valid utf-8"),
    ("unknown-charset.html", b'<html><head><meta charset="klingon-8"></head><body><p>x</p></body></html>', [],
     "unknown character set"),
    ("scripts-only.html", b"<html><head><script>document.write('The NAO said a shambles')</script></head>"
     b"<body><script>alert(1)</script><style>p{}</style></body></html>", [], "no text"),
    ("scan.pdf", None, [], "no text layer"),
    ("broken.pdf", b"%PDF-1.4\nthis is not a pdf at all", [], "not a readable PDF"),
    ("no-date.txt", b"The National Audit Office said the Better Care Fund was a shambles.\n", ["--outlet", "HSJ",
     "--title", "T"], "--date"),
]


@pytest.mark.parametrize(("name", "content", "options", "message"), BAD, ids=[b[0] for b in BAD])
def test_bad_input_is_refused_and_nothing_is_written(ingest, scratch: Project, tmp_path: Path, name: str,
                                                     content: bytes | None, options: list[str], message: str) -> None:
    path = tmp_path / name
    path.write_bytes(pdf_without_text() if content is None else content)
    before = snapshot(scratch)
    options = options or ["--outlet", "HSJ", "--date", "2014-11-12", "--title", "T"]
    result = ingest(str(path), *options)
    assert result.exit_code == 1, result.output
    assert str(path) in result.output and message in result.output
    assert snapshot(scratch) == before


def test_one_bad_file_in_a_batch_writes_nothing(ingest, scratch: Project, tmp_path: Path) -> None:
    good, bad = tmp_path / "good.txt", tmp_path / "bad.txt"
    good.write_text(ARTICLE, encoding="utf-8")
    bad.write_bytes(b"")
    before = snapshot(scratch)
    result = ingest(str(good), str(bad), "--outlet", "HSJ")
    assert result.exit_code == 1 and "bad.txt" in result.output
    assert snapshot(scratch) == before


def test_scripts_are_dropped_never_kept(tmp_path: Path) -> None:
    page = tmp_path / "page.html"
    page.write_text("<html><head><title>NAO report</title><script>var secret = 'do not keep';</script></head>"
                    "<body><nav>Home | News</nav><div class='cookie-banner'>We use cookies</div>"
                    "<article><p>The NAO said the plan <b>failed</b>.</p><script>track()</script>"
                    "<noscript>enable JS</noscript></article><footer>Copyright</footer></body></html>",
                    encoding="utf-8")
    doc = read_document(page)
    assert doc.text == "The NAO said the plan failed.\n"
    assert doc.found["title"][0] == "NAO report"


def test_declared_charset_is_honoured(tmp_path: Path) -> None:
    page = tmp_path / "latin.html"
    page.write_bytes('<html><head><meta http-equiv="Content-Type" content="text/html; charset=iso-8859-1">'
                     '</head><body><p>Caf\u00e9 funding cut by \u00a35m.</p></body></html>'.encode("latin-1"))
    assert read_document(page).text == "Caf\u00e9 funding cut by \u00a35m.\n"


def test_pdf_text_layer_is_read(tmp_path: Path) -> None:
    pdf = tmp_path / "report.pdf"
    pdf.write_bytes(pdf_with_text("The NAO found savings of 55m pounds."))
    assert "The NAO found savings of 55m pounds." in read_document(pdf).text


def test_furniture_lines_give_no_candidates(tmp_path: Path) -> None:
    from kg.furniture import furniture_spans
    from kg.ingest.extract import extract
    from kg.ingest.gazetteer import Gazetteer

    text = ("Skip to main content\n\nShare this article\n\nThe NAO warned the Better Care Fund would save £1bn.\n\n"
            "Sign up to our newsletter for NAO news worth £5m\n\nAdvertisement\n")
    spans = furniture_spans(text)
    assert len(spans) == 4
    gaz = Gazetteer()
    gaz.add_name("ent:nao", "NAO")
    ex = extract(text, gaz)
    items = [*ex.mentions, *ex.figures, *ex.statements, *ex.quotes]
    assert [text[f.start:f.end] for f in ex.figures] == ["£1bn"]
    assert all(not any(s.start < i.end and i.start < s.end for s in spans) for i in items)


@pytest.mark.parametrize("option", ["--title", "--url"])
def test_one_documents_title_or_address_is_refused_for_a_batch(ingest, scratch: Project, tmp_path: Path,
                                                               option: str) -> None:
    first, second = tmp_path / "first.txt", tmp_path / "second.txt"
    for path in (first, second):
        path.write_text(ARTICLE, encoding="utf-8")
    before = snapshot(scratch)
    result = ingest(str(first), str(second), "--outlet", "HSJ", "--date", "2014-11-12", option, "X")
    assert result.exit_code == 1 and f"{option} can describe only one document, and 2 files were given" in result.output
    assert snapshot(scratch) == before
