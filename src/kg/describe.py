"""Entity cards: everything the graph says about one entity, with evidence.

``card(store, iri)`` returns a plain dict (the JSON of ``kg describe --format json``).  Statements in and
assessments made or received are each cut to ``limit`` (100 by default; ``None``, that is ``kg describe --all``,
lists them all) before their labels, quotes and sources are looked up, so the card of a programme with
thousands of criticisms costs what it shows; ``counts`` says how many there are in all.
"""

from __future__ import annotations

import re
from typing import Any

import pyoxigraph as ox

from kg.namespaces import RDF, RDFS, SKOS, WKG
from kg.rdfio import compact
from kg.store import internal_query, select

__all__ = ["card", "card_query", "CARD_LIMIT"]

CARD_LIMIT = 100
"""Most statements in, assessments made and assessments received that a card lists (each)."""

_IDENTIFIERS = {str(WKG.gssCode): "GSS code", str(WKG.hcNumber): "HC number",
                str(WKG.wikidataId): "Wikidata ID", str(WKG.govukOrgKey): "GOV.UK key"}
_SHOWN_ELSEWHERE = {str(RDF.type), str(RDFS.label), str(SKOS.altLabel), *_IDENTIFIERS}


def _text(term: Any) -> str | None:
    if term is None:
        return None
    return compact(term.value) if isinstance(term, ox.NamedNode) else term.value


def _cut(query: str, limit: int | None) -> str:
    """``query`` with each ``LIMIT n`` set to ``limit`` (removed for ``None``).

    >>> _cut("SELECT * WHERE { { SELECT ?s WHERE { ?s ?p ?o } LIMIT 100 } }", 5)
    'SELECT * WHERE { { SELECT ?s WHERE { ?s ?p ?o } LIMIT 5 } }'
    """
    return re.sub(r"\bLIMIT \d+", "" if limit is None else f"LIMIT {int(limit)}", query)


def card_query(name: str, node: ox.NamedNode, limit: int | None = CARD_LIMIT) -> str:
    """The text of card query ``name`` (``src/kg/sparql/card_*.rq``) about ``node``, cut to ``limit``.

    ``?entity`` is written into the text, subqueries included, so every store reads the same query: a
    substitution or a top-level ``VALUES`` (how :mod:`kg.remote` binds) does not reach into a subquery, which
    is evaluated first, and its ``LIMIT`` would then cut the whole graph's rows instead of the entity's.

    >>> "?entity" in card_query("card_counts", ox.NamedNode("http://x/a"))
    False
    """
    return re.sub(r"\?entity\b", str(node), _cut(internal_query(name), limit))


def card(store: ox.Store, iri: str, *, limit: int | None = CARD_LIMIT) -> dict[str, Any]:
    """The entity card of ``iri``: types, names, identifiers, statements, assessments.

    ``limit`` caps the statements in and each list of assessments (``None``: no cap); ``counts`` has the totals.
    """
    node = ox.NamedNode(iri)
    rows = select(store, card_query("card_statements", node, limit))
    counts = {"statements_in": 0, "criticisms_made": 0, "criticisms_received": 0}
    names = {"in": "statements_in", "made": "criticisms_made", "received": "criticisms_received"}
    for r in select(store, card_query("card_counts", node)):
        counts[names[r["what"].value]] = int(r["n"].value)
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
        "counts": counts,
        "limit": limit,
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
    for r in select(store, card_query("card_assessments", node, limit)):
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

