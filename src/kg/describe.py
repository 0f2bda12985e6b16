"""Entity cards: everything the graph says about one entity, with evidence.

``card(store, iri)`` returns a plain dict (the JSON of ``kg describe --format json``).
"""

from __future__ import annotations

from typing import Any

import pyoxigraph as ox

from kg.namespaces import RDF, RDFS, SKOS, WKG
from kg.rdfio import compact
from kg.store import internal_query, select

__all__ = ["card"]

_IDENTIFIERS = {str(WKG.gssCode): "GSS code", str(WKG.hcNumber): "HC number",
                str(WKG.wikidataId): "Wikidata ID", str(WKG.govukOrgKey): "GOV.UK key"}
_SHOWN_ELSEWHERE = {str(RDF.type), str(RDFS.label), str(SKOS.altLabel), *_IDENTIFIERS}


def _text(term: Any) -> str | None:
    if term is None:
        return None
    return compact(term.value) if isinstance(term, ox.NamedNode) else term.value


def card(store: ox.Store, iri: str) -> dict[str, Any]:
    """The entity card of ``iri``: types, names, identifiers, statements, assessments."""
    node = ox.NamedNode(iri)
    rows = select(store, internal_query("card_statements"), entity=node)
    out = [r for r in rows if r["direction"].value == "out"]
    card: dict[str, Any] = {
        "iri": iri,
        "id": compact(iri),
        "label": next((r["value"].value for r in out if r["property"].value == str(RDFS.label)), compact(iri)),
        "types": sorted({_text(r["valueLabel"]) or _text(r["value"]) for r in out
                         if r["property"].value == str(RDF.type)}),
        "aliases": sorted({r["value"].value for r in out if r["property"].value == str(SKOS.altLabel)}),
        "identifiers": {_IDENTIFIERS[r["property"].value]: r["value"].value
                        for r in out if r["property"].value in _IDENTIFIERS},
        "statements": [],
        "criticisms_made": [],
        "criticisms_received": [],
    }
    for r in rows:
        if r["direction"].value == "out" and r["property"].value in _SHOWN_ELSEWHERE:
            continue
        card["statements"].append({
            "direction": r["direction"].value,
            "property": compact(r["property"].value),
            "property_label": _text(r["propertyLabel"]) or compact(r["property"].value),
            "value": _text(r["value"]),
            "value_label": _text(r["valueLabel"]),
        })
    seen: dict[tuple[str, str], dict[str, Any]] = {}
    for r in select(store, internal_query("card_assessments"), entity=node):
        key = (r["role"].value, r["assessment"].value)
        item = seen.get(key)
        if item is None:
            item = seen[key] = {
                "id": compact(r["assessment"].value), "label": r["label"].value,
                "kind": compact(r["kind"].value), "stance": r["stance"].value,
                "other": _text(r["otherLabel"]) or _text(r["other"]),
                "other_id": _text(r["other"]),
                "date": _text(r["date"]), "evidence": [],
            }
            card["criticisms_made" if key[0] == "made" else "criticisms_received"].append(item)
        if r["quote"] is not None:
            ev = {"quote": r["quote"].value, "source": compact(r["source"].value),
                  "source_title": r["sourceTitle"].value}
            if ev not in item["evidence"]:
                item["evidence"].append(ev)
    return card

