"""Hostile input: entity bombs, remote JSON-LD contexts, oversized files, runaway parsers (kg.untrusted, kg.limits)."""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from kg.cli import app
from kg.guard import Policy, active
from kg.problems import InvalidInput
from kg.project import Project
from kg.untrusted import RdfFormat, parse_untrusted

LAUGHS = "".join(f'<!ENTITY l{n} "{("&l%d;" % (n - 1)) * 16 if n else "ha" * 50}">\n' for n in range(7))
BOMB = f"""<?xml version="1.0"?>
<!DOCTYPE rdf:RDF [
{LAUGHS}]>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns:ex="http://example.org/">
  <rdf:Description rdf:about="http://example.org/x"><ex:p>&l6;</ex:p></rdf:Description>
</rdf:RDF>
""".encode()
XXE = b"""<?xml version="1.0"?>
<!DOCTYPE rdf:RDF [ <!ENTITY secret SYSTEM "file:///etc/passwd"> ]>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns:ex="http://example.org/">
  <rdf:Description rdf:about="http://example.org/x"><ex:p>&secret;</ex:p></rdf:Description>
</rdf:RDF>
"""
GOOD_XML = b"""<?xml version="1.0"?>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns:ex="http://example.org/">
  <rdf:Description rdf:about="http://example.org/x"><ex:p>fine</ex:p></rdf:Description>
</rdf:RDF>
"""


def problems(exc: pytest.ExceptionInfo[InvalidInput]) -> list[str]:
    return [str(p) for p in exc.value.problems]


@pytest.mark.parametrize("data, what", [(BOMB, "DOCTYPE"), (XXE, "DOCTYPE"),
                                        (GOOD_XML.replace(b"<rdf:RDF", b"<!ENTITY x 'y'>\n<rdf:RDF", 1), "ENTITY"),
                                        (BOMB.decode().encode("utf-16"), "DOCTYPE")])
def test_xml_declarations_are_refused_before_parsing(data: bytes, what: str) -> None:
    with pytest.raises(InvalidInput) as exc:
        parse_untrusted(data, fmt=RdfFormat.rdfxml, label="upload.rdf")
    assert problems(exc)[0].startswith(f"upload.rdf:2: RDF/XML with a {what} declaration is refused")


def test_plain_rdfxml_parses() -> None:
    quads = parse_untrusted(GOOD_XML, fmt=RdfFormat.rdfxml, label="ok.rdf")
    assert [q.object.value for q in quads] == ["fine"]


def test_memory_limit_stops_an_entity_bomb_on_its_own() -> None:
    """Without the screen, pyoxigraph expands the 1 kB bomb to gigabytes; the child's memory limit stops it."""
    assert len(BOMB) < 2000
    started = time.monotonic()
    with pytest.raises(InvalidInput) as exc:
        parse_untrusted(BOMB, fmt=RdfFormat.rdfxml, label="bomb.rdf", check_declarations=False, memory=256 << 20)
    assert problems(exc) == ["bomb.rdf: parsing bomb.rdf ran out of memory (limit 256 MB) and was stopped"]
    print(f"\nentity bomb of {len(BOMB)} bytes stopped by the memory limit in {time.monotonic() - started:.2f} s")


def test_time_limit_stops_a_slow_parse() -> None:
    big = b"".join(b'<http://x/s%d> <http://x/p> "%d" .\n' % (i, i) for i in range(400_000))
    with pytest.raises(InvalidInput) as exc:
        parse_untrusted(big, fmt=RdfFormat.ntriples, label="big.nt", timeout=0.05)
    assert "ran longer than the time limit of 0.05 s" in problems(exc)[0]


@pytest.mark.parametrize("context", ["https://schema.org/", ["https://w3id.org/x.jsonld", {"ex": "http://e/"}],
                                     {"@import": "https://example.org/ctx.jsonld"}])
def test_remote_jsonld_contexts_are_refused(context) -> None:
    doc = {"@context": {"ex": "http://e/"}, "@graph": [{"@id": "ex:a", "@context": context, "ex:p": "v"}]}
    with pytest.raises(InvalidInput) as exc:
        parse_untrusted(json.dumps(doc).encode(), fmt=RdfFormat.jsonld, label="doc.jsonld")
    assert "remote @context" in problems(exc)[0] and "kg never fetches a context" in problems(exc)[0]


def test_embedded_jsonld_context_parses_offline(tmp_path: Path) -> None:
    doc = {"@context": {"ex": "http://example.org/"}, "@id": "ex:a", "ex:p": "v"}
    path = tmp_path / "doc.jsonld"
    path.write_text(json.dumps(doc), encoding="utf-8")
    with active(Policy.for_project(tmp_path, command="a test")):  # and nothing is fetched
        quads = parse_untrusted(path)
    assert [(q.subject.value, q.object.value) for q in quads] == [("http://example.org/a", "v")]


def test_size_cap_on_untrusted_and_on_build(scratch: Project, tmp_path: Path) -> None:
    path = tmp_path / "big.nt"
    path.write_bytes(b'<http://x/a> <http://x/b> "c" .\n' * 100)
    with pytest.raises(InvalidInput) as exc:
        parse_untrusted(path, max_bytes=1000)
    assert "more than the limit of 1,000 bytes" in problems(exc)[0]
    result = CliRunner().invoke(app, ["build", "--no-reasoner", "--max-bytes", "60000"],
                                env={"KG_HOME": str(scratch.root)})
    assert result.exit_code == 1, result.output
    assert "more than the limit of 60,000 bytes (--max-bytes or $KG_MAX_BYTES); it was not read" in result.output
    assert "data/curated/" in result.output and "nothing was written" in result.output
    assert not scratch.build_dir.exists()
    result = CliRunner().invoke(app, ["validate", "--no-reasoner"],
                                env={"KG_HOME": str(scratch.root), "KG_MAX_BYTES": "50000"})
    assert result.exit_code == 1 and "limit of 50,000 bytes" in result.output


def test_syntax_errors_name_the_line() -> None:
    with pytest.raises(InvalidInput) as exc:
        parse_untrusted(b'<http://x/a> <http://x/b> "c" .\n<http://x/a> <http://x/b> "unterminated .\n',
                        fmt=RdfFormat.ntriples, label="bad.nt")
    assert problems(exc)[0].startswith("bad.nt:2: ntriples syntax:")


def test_turtle_with_a_bad_byte_in_a_comment_names_the_line(tmp_path: Path) -> None:
    """Found by the Turtle fuzzer: pyoxigraph accepted a non-UTF-8 byte inside a comment and rdflib then raised a
    UnicodeDecodeError traceback."""
    from kg.rdfio import parse_turtle

    path = tmp_path / "bad.ttl"
    path.write_bytes(b"@prefix ex: <http://x/> .\n#\xa0Facts\nex:a ex:b ex:c .\n")
    with pytest.raises(InvalidInput) as exc:
        parse_turtle(path, label="data/curated/bad.ttl")
    assert problems(exc) == ["data/curated/bad.ttl:2: not UTF-8: byte 0xa0 at column 2"]
