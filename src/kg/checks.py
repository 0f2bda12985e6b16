"""The checks behind ``kg validate``: SHACL shapes, evidence, violation queries.

Each check takes the loaded inputs and returns a list of :class:`Problem`;
nothing here raises on bad data.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

import pyshacl
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import SH

from kg.evidence import Span, locate, quote_matches
from kg.furniture import in_furniture
from kg.inputs import Inputs
from kg.namespaces import OA, RDF, WKG
from kg.problems import Problem
from kg.rdfio import compact, parse_turtle

__all__ = ["check_ontology_shapes", "check_data_shapes", "check_evidence", "owner_of"]


def _shacl(data: Graph, shapes_file: Path, inputs: Inputs, check: str) -> list[Problem]:
    shapes = parse_turtle(shapes_file, label=inputs.project.relative(shapes_file))
    conforms, report, _ = pyshacl.validate(data, shacl_graph=shapes, inference="none",
                                           advanced=True, allow_warnings=True)
    if conforms:
        return []
    problems = []
    nested = set(report.objects(None, SH.detail))
    for result in report.subjects(RDF.type, SH.ValidationResult):
        if result in nested:
            continue  # reported through the result it details
        focus = report.value(result, SH.focusNode)
        path = report.value(result, SH.resultPath)
        message = str(report.value(result, SH.resultMessage) or "does not conform")
        if path is not None and isinstance(path, URIRef):
            message = f"{compact(path)}: {message}"
        value = report.value(result, SH.value)
        if value is not None and not isinstance(value, BNode):
            message += f" (value: {value.n3() if isinstance(value, Literal) else compact(value)})"
        owner = owner_of(data, focus)
        file, line = inputs.locator.where(str(owner)) if isinstance(owner, URIRef) else (None, None)
        entity = compact(owner) if isinstance(owner, URIRef) else None
        problems.append(Problem(message, file=file, line=line, entity=entity, check=check))
    return sorted(set(problems))


def owner_of(graph: Graph, node: object) -> object:
    """The named resource a blank node hangs from (evidence -> its assertion), else the node."""
    seen = set()
    while isinstance(node, BNode) and node not in seen:
        seen.add(node)
        parent = next(graph.subjects(None, node), None)
        if parent is None:
            break
        node = parent
    return node


def check_ontology_shapes(inputs: Inputs) -> list[Problem]:
    """Every term labelled and defined; naming style (shapes/ontology.ttl)."""
    return _shacl(inputs.ontology, inputs.project.shapes_dir / "ontology.ttl", inputs, "ontology")


def check_data_shapes(inputs: Inputs) -> list[Problem]:
    """The data shapes (shapes/data.ttl) over ontology and data together."""
    return _shacl(inputs.union(), inputs.project.shapes_dir / "data.ttl", inputs, "shapes")


def check_evidence(inputs: Inputs) -> list[Problem]:
    """Every source text is present and unchanged; every quote stands at its offsets."""
    data = inputs.union()
    sources_dir = inputs.project.sources_dir
    texts: dict[URIRef, str | None] = {}
    problems: list[Problem] = []

    def problem(message: str, node: object) -> None:
        owner = owner_of(data, node)
        file, line = inputs.locator.where(str(owner)) if isinstance(owner, URIRef) else (None, None)
        problems.append(Problem(message, file=file, line=line,
                                entity=compact(owner) if isinstance(owner, URIRef) else None,
                                check="evidence"))

    for source in set(data.subjects(WKG.textFile, None)):
        name = str(data.value(source, WKG.textFile))
        path = sources_dir / name
        if "/" in name or "\\" in name or name.startswith(".") or not path.is_file():
            problem(f"source text {name!r} not found in data/sources/", source)
            texts[source] = None
            continue
        raw = path.read_bytes()
        expected = data.value(source, WKG.sha256)
        if expected is not None and hashlib.sha256(raw).hexdigest() != str(expected):
            problem(f"source text {name} has changed since it was described (sha256 differs); "
                    "sources are never edited", source)
        texts[source] = raw.decode("utf-8")

    for holder, evidence in data.subject_objects(WKG.evidence):
        source = data.value(evidence, OA.hasSource)
        if source is None:
            continue  # the shapes report it
        if source not in texts:
            problem(f"evidence cites {compact(source)}, which has no wkg:textFile", holder)
            continue
        text = texts[source]
        if text is None:
            continue
        quote = start = end = None
        for selector in data.objects(evidence, OA.hasSelector):
            quote = quote if quote is not None else data.value(selector, OA.exact)
            if data.value(selector, OA.start) is not None:
                start, end = data.value(selector, OA.start), data.value(selector, OA.end)
        if quote is None or start is None or end is None:
            continue  # the shapes report it
        try:
            s, e = int(start), int(end)
        except (TypeError, ValueError):
            continue
        if quote_matches(text, str(quote), s, e) and in_furniture(text, Span(s, e)):
            problem(f"quote {str(quote)[:60]!r} is page furniture of {compact(source)} "
                    "(a cookie notice, subscription block, comment box or promo), not the article", holder)
        if not quote_matches(text, str(quote), s, e):
            hint = ("; it does not occur in the source at all" if locate(text, str(quote)) is None
                    else "; `kg locate` gives the right offsets")
            problem(f"quote {str(quote)[:60]!r} is not at offsets {s}-{e} of {compact(source)}{hint}",
                    holder)
    return sorted(set(problems))
