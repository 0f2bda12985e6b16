"""The graph a person sees: entities as nodes, assessments as arrows, built from the store.

What becomes a node, an arrow or nothing, and in which colour and shape, comes
from ``ontology/views.ttl`` (see :mod:`kg.viz.styles`).  The result is a
``networkx.MultiDiGraph`` whose node and edge attributes carry everything the
page shows, including the side-panel card.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

import networkx as nx
import pyoxigraph as ox

from kg.rdfio import compact
from kg.store import internal_query, select
from kg.viz.styles import Style, Styles

__all__ = ["build_view", "Entities", "load_entities", "link", "focus", "programme_view", "programme_neighbourhood",
           "years", "from_triples"]

_ACTOR = "https://w3id.org/watchdog-kg/ontology#Actor"
_PROGRAMME = "https://w3id.org/watchdog-kg/ontology#Programme"
_IDENTIFIERS = {"GSS code", "HC number", "Wikidata ID", "GOV.UK organisation key"}


@dataclass
class Entities:
    """What the store says about every entity, fetched in a few queries."""

    label: dict[str, str] = field(default_factory=dict)
    types: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))
    date: dict[str, str] = field(default_factory=dict)
    links: list[tuple[str, str, str, str, bool]] = field(default_factory=list)
    literals: dict[str, list[tuple[str, str]]] = field(default_factory=lambda: defaultdict(list))
    values: dict[tuple[str, str], str] = field(default_factory=dict)
    evidence: dict[str, list[dict[str, str]]] = field(default_factory=lambda: defaultdict(list))
    stance: dict[str, str] = field(default_factory=dict)


def _rows(store: ox.Store, name: str, values: dict[str, list[str]] | None = None) -> list[ox.QuerySolution]:
    """The rows of internal query ``name`` in a fixed order (sorted on every value), so that any choice made
    from them (first label, first date, list orders) is the same whether the query ran over the whole store or,
    with ``values`` (``VALUES`` for a variable, kg.viz.neighbourhood), over some entities."""
    query = internal_query(name)
    for var, iris in (values or {}).items():
        terms = " ".join(str(ox.NamedNode(i)) for i in iris)
        query = query.replace("WHERE {", f"WHERE {{\n  VALUES ?{var} {{ {terms} }}", 1)
    rows = select(store, query)
    return sorted(rows, key=lambda r: tuple("" if t is None else t.value for t in r))


def load_entities(store: ox.Store, *, ents: Entities | None = None, only: list[str] | None = None,
                  details: bool = True) -> Entities:
    """Fetch labels, types, dates, links, literals and evidence of all entities (or only of ``only``, added to
    ``ents``: their links are left to the caller, and their literals and evidence are skipped without
    ``details``)."""
    ents = ents if ents is not None else Entities()
    values = None if only is None else {"entity": only}
    for r in _rows(store, "viz_entities", values):
        iri = r["entity"].value
        ents.types[iri].add(r["type"].value)
        if r["label"] is not None:
            ents.label.setdefault(iri, r["label"].value)
        if r["date"] is not None:
            ents.date.setdefault(iri, r["date"].value)
    if only is None:
        ents.links = [link(r) for r in _rows(store, "viz_links")]
    elif not details:
        return ents
    for r in _rows(store, "viz_literals", values):
        plabel = r["plabel"].value if r["plabel"] is not None else compact(r["p"].value)
        ents.literals[r["entity"].value].append((plabel, r["value"].value))
        ents.values.setdefault((r["entity"].value, r["p"].value), r["value"].value)
    for r in _rows(store, "viz_evidence", values):
        item = {"quote": r["quote"].value, "headline": r["headline"].value, "source": compact(r["source"].value),
                "date": r["sourceDate"].value if r["sourceDate"] is not None else ""}
        if item not in ents.evidence[r["entity"].value]:
            ents.evidence[r["entity"].value].append(item)
        if r["stance"] is not None:
            ents.stance[r["entity"].value] = r["stance"].value
    return ents


def link(row: ox.QuerySolution) -> tuple[str, str, str, str, bool]:
    """One row of viz_links.rq as ``(s, p, o, property label, inferred)``."""
    plabel = row["plabel"].value if row["plabel"] is not None else compact(row["p"].value)
    return row["s"].value, row["p"].value, row["o"].value, plabel, row["inferred"].value == "true"


def _year(date: str | None) -> int | None:
    return int(date[:4]) if date and date[:4].isdigit() else None


def _node_card(iri: str, style: Style, ents: Entities) -> dict[str, Any]:
    facts = ents.literals.get(iri, [])
    return {
        "id": compact(iri), "label": ents.label.get(iri, compact(iri)), "kind": style.label,
        "aliases": sorted({v for p, v in facts if p == "alternative label"}),
        "identifiers": sorted({f"{p}: {v}" for p, v in facts if p in _IDENTIFIERS}),
        "facts": sorted({f"{p}: {v}" for p, v in facts if p != "alternative label" and p not in _IDENTIFIERS}),
        "date": ents.date.get(iri, ""), "evidence": ents.evidence.get(iri, []),
        "out": [], "in": [], "assessments": [],
    }


def _add_node(graph: nx.MultiDiGraph, iri: str, style: Style, ents: Entities) -> None:
    graph.add_node(iri, label=ents.label.get(iri, compact(iri)), kind=style.label, colour=style.colour,
                   shape=style.shape if style.draw_as == "node" else "ellipse", year=_year(ents.date.get(iri)),
                   actor=_ACTOR in ents.types[iri], programme=_PROGRAMME in ents.types[iri],
                   card=_node_card(iri, style, ents))


def build_view(store: ox.Store, *, ents: Entities | None = None, styles: Styles | None = None) -> nx.MultiDiGraph:
    """The whole view graph of the store."""
    ents = ents or load_entities(store)
    styles = styles or Styles.load(store)
    graph = nx.MultiDiGraph()
    drawn: dict[str, Style] = {}
    for iri, types in sorted(ents.types.items()):  # sorted: the same order for the whole store or a part
        style = styles.for_types(types)
        if style is not None and style.draw_as in ("node", "edge"):
            drawn[iri] = style
    for iri, style in drawn.items():
        if style.draw_as == "node":
            _add_node(graph, iri, style, ents)
    ends: dict[tuple[str, str], list[str]] = defaultdict(list)
    for s, p, o, plabel, inferred in sorted(ents.links):
        if s in drawn and drawn[s].draw_as == "edge":
            ends[(s, p)].append(o)
        if not inferred and s in graph and o in graph:
            graph.add_edge(s, o, key=f"{s} {p} {o}", label=plabel, colour="#b0b0b0", dashes=False,
                           stance=None, year=None, card=None)
            graph.nodes[s]["card"]["out"].append([plabel, graph.nodes[o]["label"]])
            graph.nodes[o]["card"]["in"].append([plabel, graph.nodes[s]["label"]])
    for iri, style in drawn.items():
        if style.draw_as != "edge":
            continue
        stance_iri = ents.stance.get(iri)
        stance = styles.style(stance_iri) if stance_iri else None
        caption = ents.values.get((iri, style.caption or ""), style.label)
        sources = [o for o in dict.fromkeys(ends.get((iri, style.edge_from or ""), [])) if o in graph]
        targets = [o for o in dict.fromkeys(ends.get((iri, style.edge_to or ""), [])) if o in graph]
        date = ents.date.get(iri, "")
        for i, (a, b) in enumerate((a, b) for a in sources for b in targets):
            card = {"id": compact(iri), "label": ents.label.get(iri, compact(iri)), "kind": style.label,
                    "stance": stance.label if stance else "", "date": date,
                    "from": graph.nodes[a]["label"], "to": graph.nodes[b]["label"],
                    "evidence": ents.evidence.get(iri, []),
                    "facts": sorted({f"{p}: {v}" for p, v in ents.literals.get(iri, [])})}
            graph.add_edge(a, b, key=f"{iri}#{i}", label=caption, colour=(stance or style).colour or "#888888",
                           dashes=(stance or style).dashes, stance=card["stance"] or None, year=_year(date),
                           assertion=compact(iri), card=card)
            if stance is not None:
                summary = {"label": card["label"], "stance": card["stance"], "date": date,
                           "quote": card["evidence"][0]["quote"] if card["evidence"] else ""}
                graph.nodes[a]["card"]["assessments"].append({**summary, "role": "made", "other": card["to"]})
                graph.nodes[b]["card"]["assessments"].append({**summary, "role": "received", "other": card["from"]})
    _mark_programmes(graph)
    return graph


def programme_neighbourhood(graph: nx.MultiDiGraph, programme: str) -> set[str]:
    """A programme, what touches it, and what touches its documents, pilots, figures and meetings.

    The walk never passes through an actor or another programme, so a department that leads
    several programmes does not pull them all in.
    """
    undirected = graph.to_undirected(as_view=True)
    first = set(undirected[programme])
    near = {programme} | first
    for node in first:
        data = graph.nodes[node]
        if not data.get("actor") and not data.get("programme"):
            near |= set(undirected[node])
    return near


def _mark_programmes(graph: nx.MultiDiGraph) -> None:
    """Give each node the programmes whose neighbourhood it is in, for the page's programme filter."""
    for node in graph:
        graph.nodes[node]["programmes"] = []
    for node, data in list(graph.nodes(data=True)):
        if data.get("programme"):
            for near in programme_neighbourhood(graph, node):
                graph.nodes[near]["programmes"].append(data["label"])


def focus(graph: nx.MultiDiGraph, centre: str, depth: int) -> nx.MultiDiGraph:
    """The neighbourhood of ``centre`` up to ``depth`` steps, either direction."""
    near = nx.single_source_shortest_path_length(graph.to_undirected(as_view=True), centre, cutoff=depth)
    return graph.subgraph(near).copy()


def programme_view(graph: nx.MultiDiGraph, programme: str) -> nx.MultiDiGraph:
    """A programme and its neighbourhood (see :func:`programme_neighbourhood`)."""
    return graph.subgraph(programme_neighbourhood(graph, programme)).copy()


def years(graph: nx.MultiDiGraph, *, since: int | None, until: int | None) -> nx.MultiDiGraph:
    """Drop dated nodes and arrows outside ``[since, until]``, then nodes left with no arrows."""
    def inside(year: int | None) -> bool:
        return year is None or ((since is None or year >= since) and (until is None or year <= until))

    kept = graph.copy()
    kept.remove_edges_from([(a, b, k) for a, b, k, d in graph.edges(keys=True, data=True) if not inside(d["year"])])
    kept.remove_nodes_from([n for n, d in graph.nodes(data=True) if not inside(d["year"])])
    kept.remove_nodes_from([n for n in list(kept) if kept.degree(n) == 0])
    return kept


def from_triples(store: ox.Store, triples: list[ox.Triple]) -> nx.MultiDiGraph:
    """The view of a CONSTRUCT result: every entity in it as a node (assertions too), every link as an arrow."""
    ents, styles = load_entities(store), Styles.load(store)
    graph = nx.MultiDiGraph()
    for t in triples:
        for term in (t.subject, t.object):
            if isinstance(term, ox.NamedNode) and term.value in ents.types and term.value not in graph:
                style = styles.for_types(ents.types[term.value])
                if style is not None and style.draw_as != "hidden":
                    _add_node(graph, term.value, style, ents)
    for t in triples:
        s, o = t.subject.value, getattr(t.object, "value", None)
        if s in graph and o in graph:
            label = compact(t.predicate.value)
            graph.add_edge(s, o, key=f"{s} {t.predicate.value} {o}", label=label,
                           colour="#b0b0b0", dashes=False, stance=None, year=None, card=None)
            graph.nodes[s]["card"]["out"].append([label, graph.nodes[o]["label"]])
            graph.nodes[o]["card"]["in"].append([label, graph.nodes[s]["label"]])
    _mark_programmes(graph)
    return graph
