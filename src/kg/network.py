"""The criticism network as networkx graphs, and the analyses the notebooks show.

Nodes are actors and programmes (IRIs), with ``label``, ``role`` (``"actor"`` or
``"programme"``) and ``type`` (the most specific class, e.g. ``"audit body"``).  An edge
runs from the author of an assessment (critic, respondent or supporter) to what it
assesses: a programme (a pilot counts for its programme) or another actor (a response
also points at the author of what it answers).  Parallel assessments merge into one
edge with ``weight`` (how many assessments), ``assessments`` (their ids), ``stances``
(stance -> ids) and ``stance`` (the one stance, or ``"mixed"``).

>>> from kg import load
>>> graph = criticism_network(load())
>>> nao = "https://w3id.org/watchdog-kg/id/nao"
>>> edge = graph.edges[nao, "https://w3id.org/watchdog-kg/id/better-care-fund"]
>>> edge["stance"], edge["weight"] >= 4, "ent:crit-nao-bcf-300m-assumption" in edge["assessments"]
('critical', True, True)

Everything is fetched with kg's own queries (``src/kg/sparql/network_*.rq``); nothing
runs at import time.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from typing import Literal

import networkx as nx
import pandas as pd
import pyoxigraph as ox

from kg.rdfio import compact
from kg.resolve import Ambiguous, NotFound, as_iri
from kg.store import internal_query, select

__all__ = ["criticism_network", "accountability_network", "edge_table", "degree_table", "pagerank_table",
           "betweenness_table", "communities", "shortest_path", "most_criticised"]

Targets = Literal["all", "programmes", "actors"]
_COLUMNS = ["label", "role", "type"]  # then the measures, then the IRI ("entity")


def _nodes(store: ox.Store) -> dict[str, dict[str, str]]:
    return {r["entity"].value: {"label": r["label"].value, "role": r["role"].value,
                                "type": r["type"].value if r["type"] is not None else r["role"].value}
            for r in select(store, internal_query("network_nodes"))}


def criticism_network(store: ox.Store, *, targets: Targets = "all",
                      stances: Iterable[str] | None = None) -> nx.DiGraph:
    """Who assessed whom or what: actor -> programme and actor -> actor, as a weighted DiGraph.

    ``targets`` keeps edges to ``"programmes"``, to ``"actors"`` or to ``"all"``; ``stances``
    keeps only assessments with those stances (``"critical"``, ``"disputing"``,
    ``"defending"``, ``"supportive"``).

    >>> from kg import load
    >>> actors = criticism_network(load(), targets="actors", stances=["disputing"])
    >>> edge = actors.edges["https://w3id.org/watchdog-kg/id/bob-kerslake", "https://w3id.org/watchdog-kg/id/nao"]
    >>> edge["stance"], edge["weight"] >= 5
    ('disputing', True)
    """
    if targets not in ("all", "programmes", "actors"):
        raise ValueError(f"targets must be 'all', 'programmes' or 'actors', not {targets!r}")
    wanted = set(stances) if stances is not None else None
    nodes = _nodes(store)
    found: dict[tuple[str, str], dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    for r in select(store, internal_query("network_assessments")):
        author, target, stance = r["author"].value, r["target"].value, r["stance"].value
        if author not in nodes or target not in nodes or (wanted is not None and stance not in wanted):
            continue
        if targets != "all" and nodes[target]["role"] != targets.rstrip("s"):
            continue
        found[(author, target)][stance].add(compact(r["assessment"].value))
    graph = nx.DiGraph(name="criticism network")
    for (author, target), by_stance in sorted(found.items()):
        for node in (author, target):
            graph.add_node(node, **nodes[node])
        ids = sorted(set().union(*by_stance.values()))
        graph.add_edge(author, target, weight=len(ids), assessments=ids,
                       stances={s: sorted(v) for s, v in sorted(by_stance.items())},
                       stance=next(iter(by_stance)) if len(by_stance) == 1 else "mixed", relation="assessment")
    return graph


def accountability_network(store: ox.Store) -> nx.DiGraph:
    """The criticism network plus standing links: posts (person -> organisation) and lead departments.

    Structural edges have ``relation`` ``"post"`` or ``"lead department"``, ``detail`` (the
    post's title) and ``weight`` 1; assessment edges keep ``relation`` ``"assessment"``.

    >>> from kg import load
    >>> graph = accountability_network(load())
    >>> graph.edges["https://w3id.org/watchdog-kg/id/margaret-hodge", "https://w3id.org/watchdog-kg/id/pac"]["detail"]
    'Chair of the Committee of Public Accounts'
    """
    graph = criticism_network(store)
    graph.graph["name"] = "accountability network"
    nodes = _nodes(store)
    for r in select(store, internal_query("network_structure")):
        a, b = r["from"].value, r["to"].value
        if a not in nodes or b not in nodes or graph.has_edge(a, b):
            continue
        for node in (a, b):
            if node not in graph:
                graph.add_node(node, **nodes[node])
        graph.add_edge(a, b, weight=1, relation=r["relation"].value, detail=r["detail"].value,
                       assessments=[], stances={}, stance=None)
    return graph


def edge_table(graph: nx.DiGraph) -> pd.DataFrame:
    """Every edge with both ends' labels, its stance (or relation), weight and assessments, heaviest first.

    >>> g = nx.DiGraph()
    >>> g.add_node("nao", label="NAO"); g.add_node("bcf", label="Better Care Fund")
    >>> g.add_edge("nao", "bcf", stance="critical", weight=2, assessments=["c1", "c2"], relation="assessment")
    >>> edge_table(g)[["source_label", "stance", "target_label", "weight"]].values.tolist()
    [['NAO', 'critical', 'Better Care Fund', 2]]
    """
    rows = [{"source": a, "source_label": graph.nodes[a].get("label", a),
             "stance": d.get("stance") if d.get("relation", "assessment") == "assessment" else d.get("relation"),
             "target": b, "target_label": graph.nodes[b].get("label", b), "weight": d.get("weight", 1),
             "assessments": list(d.get("assessments", []))} for a, b, d in graph.edges(data=True)]
    frame = pd.DataFrame(rows, columns=["source_label", "stance", "target_label", "weight", "assessments",
                                        "source", "target"])
    return frame.sort_values(["weight", "source_label", "target_label"], ascending=[False, True, True],
                             ignore_index=True)


def _table(graph: nx.DiGraph, columns: dict[str, dict], sort: list[str]) -> pd.DataFrame:
    rows = [{"entity": n, "label": d.get("label", n), "role": d.get("role"), "type": d.get("type"),
             **{name: values.get(n, 0) for name, values in columns.items()}} for n, d in graph.nodes(data=True)]
    frame = pd.DataFrame(rows, columns=[*_COLUMNS, *columns, "entity"])
    return frame.sort_values([*sort, "label"], ascending=[False] * len(sort) + [True], ignore_index=True)


def degree_table(graph: nx.DiGraph) -> pd.DataFrame:
    """In-, out- and total degree of every node, and the same weighted by the number of assessments.

    >>> g = nx.DiGraph()
    >>> g.add_edge("nao", "bcf", weight=3); g.add_edge("pac", "bcf", weight=1)
    >>> degree_table(g)[["entity", "in_degree", "out_degree", "degree", "weighted_in"]].values.tolist()
    [['bcf', 2, 0, 2, 4], ['nao', 0, 1, 1, 0], ['pac', 0, 1, 1, 0]]
    """
    return _table(graph, {"in_degree": dict(graph.in_degree()), "out_degree": dict(graph.out_degree()),
                          "degree": dict(graph.degree()),
                          "weighted_in": dict(graph.in_degree(weight="weight")),
                          "weighted_out": dict(graph.out_degree(weight="weight"))}, ["degree", "weighted_in"])


def pagerank_table(graph: nx.DiGraph, *, alpha: float = 0.85, weight: str | None = "weight") -> pd.DataFrame:
    """PageRank of every node along the arrows: who or what the assessments point at.

    >>> g = nx.DiGraph([("nao", "bcf"), ("pac", "bcf"), ("lgc", "tp")])
    >>> pagerank_table(g)["entity"].iloc[0]
    'bcf'
    """
    return _table(graph, {"pagerank": nx.pagerank(graph, alpha=alpha, weight=weight)}, ["pagerank"])


def betweenness_table(graph: nx.DiGraph, *, directed: bool = False, normalized: bool = True) -> pd.DataFrame:
    """Betweenness centrality: who or what lies on the shortest paths between others.

    Undirected by default: a programme criticised by two actors lies between them.

    >>> g = nx.DiGraph([("nao", "bcf"), ("pac", "bcf")])
    >>> betweenness_table(g, normalized=False)[["entity", "betweenness"]].values.tolist()[0]
    ['bcf', 1.0]
    """
    target = graph if directed else graph.to_undirected(as_view=True)
    return _table(graph, {"betweenness": nx.betweenness_centrality(target, normalized=normalized)},
                  ["betweenness"])


def communities(graph: nx.DiGraph, *, weight: str | None = "weight", resolution: float = 1.0) -> pd.DataFrame:
    """Communities of the undirected graph (greedy modularity), largest first, numbered from 1.

    >>> g = nx.DiGraph([("a", "b"), ("b", "c"), ("a", "c"), ("x", "y"), ("y", "z"), ("x", "z"), ("c", "x")])
    >>> communities(g).groupby("community")["entity"].apply(sorted).tolist()
    [['a', 'b', 'c'], ['x', 'y', 'z']]
    """
    groups = nx.community.greedy_modularity_communities(graph.to_undirected(), weight=weight,
                                                        resolution=resolution)
    rows = [{"community": i, "entity": n, "label": graph.nodes[n].get("label", n),
             "role": graph.nodes[n].get("role"), "type": graph.nodes[n].get("type")}
            for i, group in enumerate(sorted(groups, key=lambda g: (-len(g), sorted(g))), start=1)
            for n in group]
    frame = pd.DataFrame(rows, columns=["community", *_COLUMNS, "entity"])
    return frame.sort_values(["community", "role", "label"], ignore_index=True)


def _node(graph: nx.DiGraph, name: str) -> str:
    """The node ``name`` denotes: its IRI, a prefixed name, or its label (any case)."""
    iri = as_iri(name)
    if iri is not None and iri in graph:
        return iri
    matches = [n for n, d in graph.nodes(data=True) if str(d.get("label", n)).casefold() == name.casefold()]
    if len(matches) > 1:
        raise Ambiguous(name, [(n, graph.nodes[n].get("label", n)) for n in matches])
    if not matches:
        raise NotFound(f"no node {name!r} in the {graph.graph.get('name', 'graph')}")
    return matches[0]


def shortest_path(graph: nx.DiGraph, source: str, target: str, *, directed: bool = False) -> pd.DataFrame:
    """The steps of a shortest path from ``source`` to ``target`` (IRIs, prefixed names or labels).

    Undirected by default, so a step may run against its arrow (``forward`` says which way).

    >>> g = nx.DiGraph()
    >>> g.add_node("ent:hodge", label="Margaret Hodge"); g.add_node("ent:dh", label="Department of Health")
    >>> g.add_edge("ent:hodge", "ent:bcf", relation="assessment", stance="critical", assessments=["c1"])
    >>> g.add_edge("ent:bcf", "ent:dh", relation="lead department", assessments=[])
    >>> path = shortest_path(g, "Margaret Hodge", "department of health")
    >>> path[["from_label", "relation", "to_label"]].values.tolist()
    [['Margaret Hodge', 'critical', 'ent:bcf'], ['ent:bcf', 'lead department', 'Department of Health']]
    """
    start, end = _node(graph, source), _node(graph, target)
    walk = graph if directed else graph.to_undirected(as_view=True)
    try:
        nodes = nx.shortest_path(walk, start, end)
    except nx.NetworkXNoPath:
        raise NotFound(f"no path from {source!r} to {target!r}") from None
    rows = []
    for step, (a, b) in enumerate(zip(nodes, nodes[1:], strict=False), start=1):
        forward = graph.has_edge(a, b)
        data = graph.edges[a, b] if forward else graph.edges[b, a]
        relation = data.get("stance") if data.get("relation") == "assessment" else data.get("relation")
        rows.append({"step": step, "from": a, "from_label": graph.nodes[a].get("label", a),
                     "relation": relation, "detail": data.get("detail"), "forward": forward,
                     "to": b, "to_label": graph.nodes[b].get("label", b),
                     "assessments": list(data.get("assessments", []))})
    return pd.DataFrame(rows, columns=["step", "from_label", "relation", "detail", "forward", "to_label",
                                       "assessments", "from", "to"])


def most_criticised(graph: nx.DiGraph, *, top: int | None = None, stance: str = "critical") -> pd.DataFrame:
    """Programmes by the number of criticisms (distinct assessments) and of distinct critics.

    >>> from kg import load
    >>> table = most_criticised(criticism_network(load()))
    >>> "Better Care Fund" in set(table["label"].head(3))
    True
    """
    rows = []
    for node, data in graph.nodes(data=True):
        if data.get("role") != "programme":
            continue
        by_critic = {a: graph.edges[a, node].get("stances", {}).get(stance, []) for a in graph.predecessors(node)}
        by_critic = {a: ids for a, ids in by_critic.items() if ids}
        if not by_critic:
            continue
        rows.append({"programme": node, "label": data.get("label", node), "critics": len(by_critic),
                     "criticisms": len(set().union(*map(set, by_critic.values()))),
                     "critic_labels": sorted(graph.nodes[a].get("label", a) for a in by_critic)})
    frame = pd.DataFrame(rows, columns=["label", "critics", "criticisms", "critic_labels", "programme"])
    frame = frame.sort_values(["criticisms", "critics", "label"], ascending=[False, False, True], ignore_index=True)
    return frame if top is None else frame.head(top)
