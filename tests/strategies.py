"""Hypothesis strategies shared by the fuzz tests (and by later fuzzing of the ingest extractors).

- :func:`hostile_text`: Unicode that has broken HTML and SPARQL writers before: markup, comment
  and script terminators, quotes, control characters, line separators, very long runs.
- :func:`mutations`: small edits of a real file's bytes (cut, duplicate, insert, flip, truncate,
  swap lines), so that most examples are *nearly* valid and reach deep into a parser.
"""

from __future__ import annotations

from hypothesis import strategies as st

__all__ = ["FRAGMENTS", "hostile_text", "mutations", "mutate"]

FRAGMENTS = ("</script>", "<script>alert(1)</script>", "<!--", "-->", "]]>", "<![CDATA[",
             '"><img src=x onerror=alert(1)>', "' onmouseover='alert(1)",
             "javascript:alert(1)", "</textarea>", "</title>", "{{ 7*7 }}", "${7*7}",
             "\\", "\\u0022", '"', "'", "`", "&amp;", "&#x3C;", "\u2028", "\u2029", "\x00", "\x1b[31m", "\r\n",
             "\ufeff", "\U0001F600", "} DROP ALL #", '" } SERVICE <http://x/> { ?s ?p ?o } #', ">>", "<<", "@en")

_CHARS = st.characters(blacklist_categories=("Cs",))  # every code point a str can hold in UTF-8


def hostile_text(*, max_size: int = 60, long: bool = True) -> st.SearchStrategy[str]:
    """Arbitrary text mixed with :data:`FRAGMENTS`; sometimes one fragment repeated thousands of times."""
    parts = st.lists(st.one_of(st.text(_CHARS, max_size=12), st.sampled_from(FRAGMENTS)), max_size=max_size // 6 + 1)
    mixed = parts.map("".join)
    if not long:
        return mixed
    repeated = st.builds(lambda f, n: f * n, st.sampled_from(FRAGMENTS + ("a", "é")), st.integers(1000, 20000))
    return st.one_of(mixed, mixed, mixed, repeated)


def mutate(data: bytes, edits: list[tuple[int, int, int, bytes]]) -> bytes:
    """Apply ``edits`` (kind, position, length, payload) to ``data``."""
    for kind, position, length, payload in edits:
        if not data:
            return payload
        at = position % len(data)
        end = min(len(data), at + length)
        if kind == 0:
            data = data[:at] + data[end:]                      # cut
        elif kind == 1:
            data = data[:end] + data[at:end] + data[end:]      # duplicate
        elif kind == 2:
            data = data[:at] + payload + data[at:]             # insert
        elif kind == 3:
            data = data[:at] + bytes([data[at] ^ (1 << (length % 8))]) + data[at + 1:]  # flip a bit
        elif kind == 4:
            data = data[:at]                                   # truncate
        else:
            lines = data.split(b"\n")                          # swap two lines
            i, j = at % len(lines), end % len(lines)
            lines[i], lines[j] = lines[j], lines[i]
            data = b"\n".join(lines)
    return data


_PAYLOADS = st.one_of(st.binary(max_size=8), st.sampled_from([f.encode() for f in FRAGMENTS]),
                      st.sampled_from([b".", b";", b",", b"[", b"]", b"(", b")", b'"', b'"""', b"<", b">", b"@prefix",
                                       b"a", b"^^xsd:date", b"_:b", b"#", b"\n", b"\\", b"\xff\xfe", b"\xc3"]))


def mutations(data: bytes, *, max_edits: int = 3) -> st.SearchStrategy[bytes]:
    """``data`` with 1 to ``max_edits`` random edits."""
    edit = st.tuples(st.integers(0, 5), st.integers(0, 1 << 30), st.integers(0, 64), _PAYLOADS)
    return st.lists(edit, min_size=1, max_size=max_edits).map(lambda edits: mutate(data, edits))
