"""What kg refuses to run, decided on the query's tokens: one policy for ``kg query``, ``kg.query()``,
the ``%%sparql`` magic and ``kg serve`` (:func:`kg.store.run` and the serve endpoint call :func:`check`).

pyoxigraph exposes no query algebra, so the check works on the query text the way a
SPARQL lexer sees it: ``\\uXXXX`` escapes are decoded first (SPARQL does that before
parsing, and so does oxigraph), then strings, IRIs and comments are recognised and
set aside, and only the bare words that remain are looked at.  A keyword written in a
comment or a string (``"SERVICE"``) is therefore not refused, and one written with an
escape (``\\u0053ERVICE``) is.  Bare words that are keywords are refused wherever they
stand: ``SERVICE`` (a federated call), ``FROM`` / ``FROM NAMED`` (a dataset by IRI) and
``LOAD``; an update (``INSERT``, ``DELETE``, ...) is refused as an update.

>>> check('SELECT * WHERE { ?s ?p "SERVICE" } # FROM <http://x>')
'SELECT'
>>> refusal("SELECT * WHERE { SERVICE <http://example.org/sparql> { ?s ?p ?o } }")
'400 SERVICE is not allowed: kg never fetches from another service'
>>> refusal("INSERT DATA { <http://x/a> <http://x/b> <http://x/c> }")
'403 SPARQL Update is not allowed: the graph is read-only here (kg build writes it)'
"""

from __future__ import annotations

import re

__all__ = ["Refused", "check", "words", "refusal"]


class Refused(Exception):
    """A query or update the endpoint will not run; ``status`` is the HTTP status to answer with."""

    def __init__(self, message: str, status: int = 400) -> None:
        super().__init__(message)
        self.status = status


_ESCAPE = re.compile(r"\\u([0-9A-Fa-f]{4})|\\U([0-9A-Fa-f]{8})")
_PN = r"[A-Za-z\u00C0-\U000EFFFF](?:[\w.\-\u00B7\u00C0-\U000EFFFF]*[\w\-\u00B7\u00C0-\U000EFFFF])?"
_LOCAL = r"(?:\\[_~.\-!$&'()*+,;=/?#@%]|%[0-9A-Fa-f]{2}|[\w\-.:\u00B7\u00C0-\U000EFFFF])*"
_TOKEN = re.compile(rf"""
    (?P<long>\"\"\"(?:[^"\\]|\\.|"(?!""))*\"\"\"|'\'\'(?:[^'\\]|\\.|'(?!''))*'\'\')
  | (?P<short>"(?:[^"\\\n\r]|\\.)*"|'(?:[^'\\\n\r]|\\.)*')
  | (?P<iri><[^<>"{{}}|^`\\\x00-\x20]*>)
  | (?P<comment>\#[^\n\r]*)
  | (?P<lang>@[A-Za-z]+(?:-[A-Za-z0-9]+)*)
  | (?P<var>[?$][\w\u00B7\u00C0-\U000EFFFF]+)
  | (?P<pname>(?:_|{_PN})?:{_LOCAL})
  | (?P<word>[A-Za-z_\u00C0-\U000EFFFF][\w\-\u00B7\u00C0-\U000EFFFF]*)
  | (?P<space>\s+)
  | (?P<other>.)
""", re.VERBOSE | re.DOTALL)

_FORMS = ("SELECT", "CONSTRUCT", "DESCRIBE", "ASK")
_UPDATES = ("INSERT", "DELETE", "LOAD", "CLEAR", "CREATE", "DROP", "COPY", "MOVE", "ADD", "WITH", "USING")
_FORBIDDEN = {
    "SERVICE": "SERVICE is not allowed: kg never fetches from another service",
    "FROM": "FROM and FROM NAMED are not allowed: the dataset is the built graph (the union of its named graphs); "
            "use GRAPH <name> { ... } to pick one graph",
    "LOAD": "LOAD is not allowed: the graph is read-only here and kg never fetches a URL",
}


def _unescape(text: str) -> str:
    return _ESCAPE.sub(lambda m: chr(int(m.group(1) or m.group(2), 16)), text)


def words(query: str) -> list[str]:
    """The bare words of ``query`` and the prefixes of its prefixed names, upper-cased, in order.

    Strings, IRIs, comments, variables, language tags and the local parts of prefixed
    names are left out.

    >>> words('PREFIX ex: <http://e/from> SELECT ?from WHERE { ?s ex:service "load" } # SERVICE')
    ['PREFIX', 'EX', 'SELECT', 'WHERE', 'EX']
    """
    found = []
    for m in _TOKEN.finditer(_unescape(query)):
        if m.lastgroup == "word":
            found.append(m.group().upper())
        elif m.lastgroup == "pname":
            found.append(m.group().partition(":")[0].upper())
    return found


def check(query: str, *, require_form: bool = True) -> str:
    """The query form (``SELECT``, ``CONSTRUCT``, ``DESCRIBE`` or ``ASK``), or :class:`Refused`.

    With ``require_form=False`` text with no query form is left to the SPARQL parser to report
    (the form is then ``""``).

    oxigraph's parser reads a keyword even when a word runs on after it (``SERVICESILENT``,
    ``trueSERVICE``, ``FROM:g``), so a forbidden keyword anywhere inside a bare word or the
    prefix of a prefixed name is refused.

    >>> refusal("select * where { ?s ?p trueservice<http://x/> {} }")
    '400 SERVICE is not allowed: kg never fetches from another service'
    >>> check("PREFIX addr: <http://e/> SELECT * WHERE { ?s addr:x ?o }")  # a prefix is not an update
    'SELECT'
    """
    tokens = words(query)
    bare = [m.group().upper() for m in _TOKEN.finditer(_unescape(query)) if m.lastgroup == "word"]
    start = next((w for w in bare if w.startswith(_FORMS + _UPDATES)), None)
    if start is not None and start.startswith(_UPDATES):
        raise Refused("SPARQL Update is not allowed: the graph is read-only here (kg build writes it)", 403)
    for word in tokens:
        for keyword, message in _FORBIDDEN.items():
            if keyword in word:
                raise Refused(message)
    if start is None:
        if not require_form:
            return ""
        raise Refused("not a SPARQL query: expected SELECT, CONSTRUCT, DESCRIBE or ASK")
    return next(form for form in _FORMS if start.startswith(form))


def refusal(query: str) -> str | None:
    """``"STATUS message"`` if :func:`check` refuses ``query``, else None."""
    try:
        check(query)
    except Refused as exc:
        return f"{exc.status} {exc}"
    return None
