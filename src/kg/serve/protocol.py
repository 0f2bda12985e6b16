"""The SPARQL 1.1 Protocol side of ``kg serve``: reading a request, content negotiation, result formats,
and the service description.

>>> negotiate("text/csv;q=0.9, application/sparql-results+json;q=0.5", "solutions").media_type
'text/csv'
>>> negotiate(None, "triples").media_type
'text/turtle'
>>> negotiate("application/sparql-results+xml, application/rdf+xml", "triples").media_type
'application/rdf+xml'
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from urllib.parse import parse_qs

import pyoxigraph as ox

from kg.querypolicy import Refused
from kg.serve.workers import Answer

__all__ = ["Format", "FORMATS", "negotiate", "by_name", "render", "read_request", "service_description"]


@dataclass(frozen=True)
class Format:
    """One result format: its short name (``?format=``), media type, and which results it serves."""

    name: str
    media_type: str
    kind: str  # "solutions" (SELECT and ASK) or "triples" (CONSTRUCT and DESCRIBE)
    w3c: str   # its IRI in http://www.w3.org/ns/formats/
    suffix: str


_W3C = "http://www.w3.org/ns/formats/"
FORMATS = (  # the first of each kind is the default
    Format("json", "application/sparql-results+json", "solutions", _W3C + "SPARQL_Results_JSON", "json"),
    Format("xml", "application/sparql-results+xml", "solutions", _W3C + "SPARQL_Results_XML", "srx"),
    Format("csv", "text/csv", "solutions", _W3C + "SPARQL_Results_CSV", "csv"),
    Format("tsv", "text/tab-separated-values", "solutions", _W3C + "SPARQL_Results_TSV", "tsv"),
    Format("turtle", "text/turtle", "triples", _W3C + "Turtle", "ttl"),
    Format("ntriples", "application/n-triples", "triples", _W3C + "N-Triples", "nt"),
    Format("jsonld", "application/ld+json", "triples", _W3C + "JSON-LD", "jsonld"),
    Format("rdfxml", "application/rdf+xml", "triples", _W3C + "RDF_XML", "rdf"),
)
_ALIASES = {"application/json": "json", "text/plain": "ntriples", "application/xml": "xml",
            "application/x-turtle": "turtle", "text/n-triples": "ntriples"}
_RESULTS = {"json": ox.QueryResultsFormat.JSON, "xml": ox.QueryResultsFormat.XML,
            "csv": ox.QueryResultsFormat.CSV, "tsv": ox.QueryResultsFormat.TSV}
_RDF = {"turtle": ox.RdfFormat.TURTLE, "ntriples": ox.RdfFormat.N_TRIPLES, "jsonld": ox.RdfFormat.JSON_LD,
        "rdfxml": ox.RdfFormat.RDF_XML}


def _kind(answer_kind: str) -> str:
    return "triples" if answer_kind == "triples" else "solutions"


def by_name(name: str, answer_kind: str) -> Format:
    """The format called ``name`` (``csv``, ``turtle``, ...) or by a suffix (``ttl``), for that kind of result."""
    kind = _kind(answer_kind)
    for f in FORMATS:
        if f.kind == kind and name in (f.name, f.suffix, f.media_type):
            return f
    names = ", ".join(f.name for f in FORMATS if f.kind == kind)
    raise Refused(f"format {name!r} does not fit this result (use one of: {names})", 406)


def negotiate(accept: str | None, answer_kind: str) -> Format:
    """The best format for an Accept header; the default (JSON or Turtle) when nothing listed fits."""
    kind = _kind(answer_kind)
    candidates = [f for f in FORMATS if f.kind == kind]
    best, best_q = candidates[0], 0.0
    for position, item in enumerate((accept or "").split(",")):
        media, *params = [part.strip() for part in item.split(";")]
        media = _ALIASES.get(media.lower(), media.lower())
        q = 1.0
        for param in params:
            key, _, value = param.partition("=")
            if key.strip() == "q":
                try:
                    q = float(value)
                except ValueError:
                    q = 0.0
        q -= position * 1e-6  # earlier wins a tie
        for f in candidates:
            if media in (f.media_type, f.name) and q > best_q:
                best, best_q = f, q
    return best


def render(answer: Answer, fmt: Format) -> bytes:
    """The answer in ``fmt``, written by pyoxigraph's serialisers."""
    if answer.kind == "boolean":
        if fmt.name == "json":
            return json.dumps({"head": {}, "boolean": bool(answer.data)}).encode()
        parsed = ox.parse_query_results(json.dumps({"head": {}, "boolean": bool(answer.data)}).encode(),
                                        format=ox.QueryResultsFormat.JSON)
        return parsed.serialize(format=_RESULTS[fmt.name]) or b""
    if answer.kind == "solutions":
        assert isinstance(answer.data, bytes)
        parsed = ox.parse_query_results(answer.data, format=ox.QueryResultsFormat.JSON)
        return parsed.serialize(format=_RESULTS[fmt.name]) or b""
    assert isinstance(answer.data, bytes)
    triples = list(ox.parse(answer.data, format=ox.RdfFormat.N_TRIPLES))
    return ox.serialize(triples, format=_RDF[fmt.name]) or b""


def read_request(method: str, query_string: str, content_type: str, body: bytes) -> str | None:
    """The query text of a SPARQL Protocol request (None for a bare GET), or :class:`Refused`."""
    params = parse_qs(query_string, keep_blank_values=True)
    media = content_type.split(";")[0].strip().lower()
    if method == "POST":
        if media == "application/sparql-update":
            raise Refused("SPARQL Update is not allowed: this endpoint is read-only", 403)
        if media == "application/x-www-form-urlencoded":
            form = parse_qs(body.decode("utf-8", "replace"), keep_blank_values=True)
            if "update" in form:
                raise Refused("SPARQL Update is not allowed: this endpoint is read-only", 403)
            for key, values in form.items():
                params.setdefault(key, []).extend(values)
        elif media == "application/sparql-query":
            if "query" in params:
                raise Refused("give the query in the body or in ?query=, not both")
            params["query"] = [body.decode("utf-8", "replace")]
        else:
            raise Refused(f"unsupported Content-Type {media!r}: use application/sparql-query or "
                          "application/x-www-form-urlencoded", 415)
    if "update" in params:
        raise Refused("SPARQL Update is not allowed: this endpoint is read-only", 403)
    if "default-graph-uri" in params or "named-graph-uri" in params:
        raise Refused("default-graph-uri and named-graph-uri are not supported: the dataset is the built graph "
                      "(the union of its named graphs)")
    queries = params.get("query", [])
    if len(queries) > 1:
        raise Refused("give exactly one query")
    return queries[0] if queries else None


_DESCRIPTION = ("Queries run over the union of the named graphs of the built graph, with the project's prefixes "
                "predeclared. SPARQL Update, SERVICE, LOAD and FROM are refused; each query has a time limit "
                "and a result-size cap.")


def service_description(endpoint: str, graphs: list[str]) -> bytes:
    """A SPARQL 1.1 Service Description of the endpoint, in Turtle."""
    formats = " ,\n    ".join(f"<{f.w3c}>" for f in FORMATS)
    named = "".join(f"\n    sd:namedGraph [ a sd:NamedGraph ; sd:name <{g}> ] ;" for g in graphs)
    text = f"""@prefix sd: <http://www.w3.org/ns/sparql-service-description#> .
@prefix dcterms: <http://purl.org/dc/terms/> .

<{endpoint}> a sd:Service ;
  dcterms:title "watchdog-kg SPARQL endpoint (read-only)" ;
  dcterms:description "{_DESCRIPTION}" ;
  sd:endpoint <{endpoint}> ;
  sd:supportedLanguage sd:SPARQL11Query ;
  sd:feature sd:UnionDefaultGraph ;
  sd:resultFormat {formats} ;
  sd:defaultDataset [ a sd:Dataset ;
    sd:defaultGraph [ a sd:Graph ] ;{named}
  ] .
"""
    return text.encode("utf-8")
