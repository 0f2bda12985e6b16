"""Node positions for large graphs, computed in Python with networkx (the page then starts with physics off).

Up to ``_PART`` nodes: one spring layout. Above: Louvain parts, each laid out on its own, then the parts
placed by a spring layout of the graph of parts and spread apart (see bench/README.md for the figures).
"""

from __future__ import annotations

import math
from typing import Any

import networkx as nx
import numpy as np

__all__ = ["layout"]

_PART = 400  # below 500 nodes networkx's spring layout is its dense numpy version: fast, and no scipy


def layout(graph: nx.MultiDiGraph, *, seed: int = 7) -> dict[Any, tuple[float, float]]:
    """Node positions in pixels, computed with networkx on the simple undirected graph.

    Up to ``_PART`` nodes, one spring layout; above, a spring layout per community, the
    communities placed by a spring layout of their own graph (see :func:`_multilevel`).

    >>> pos = layout(nx.MultiDiGraph(nx.path_graph(3)))
    >>> sorted(pos) == [0, 1, 2] and all(len(p) == 2 for p in pos.values())
    True
    """
    simple = nx.Graph()  # built edge by edge: the order of an undirected view's edges depends on string hashing
    simple.add_nodes_from(graph)
    simple.add_edges_from((a, b) for a, b in graph.edges() if a != b)
    if not simple:
        return {}
    positions = _multilevel(simple, seed)
    nodes = list(positions)
    xy = np.array([positions[n] for n in nodes], dtype=float)
    xy -= (xy.max(axis=0) + xy.min(axis=0)) / 2
    extent = float(np.abs(xy).max()) or 1.0
    xy *= 60 * math.sqrt(len(nodes)) / extent  # the same frame as before: coordinates within ±60·√n pixels
    return {n: (float(x), float(y)) for n, (x, y) in zip(nodes, xy, strict=True)}


def _multilevel(graph: nx.Graph, seed: int) -> dict[Any, np.ndarray]:
    """Positions about one unit apart: a spring layout when small, else parts laid out apart and then placed."""
    if len(graph) <= _PART:
        if len(graph) == 1:
            return {next(iter(graph)): np.zeros(2)}
        radius = math.sqrt(len(graph))
        return {n: np.asarray(p) * radius for n, p in nx.spring_layout(graph, seed=seed, iterations=50).items()}
    parts = _parts(graph, seed)
    inner, radii = [], []
    for part in parts:
        pos = _multilevel(_induced(graph, part), seed)
        xy = np.array(list(pos.values()))
        middle = (xy.max(axis=0) + xy.min(axis=0)) / 2
        inner.append({n: p - middle for n, p in pos.items()})
        radii.append(float(np.linalg.norm(xy - middle, axis=1).max()) + 0.5)
    owner = {n: i for i, part in enumerate(parts) for n in part}
    coarse = nx.Graph()
    coarse.add_nodes_from(range(len(parts)))
    for a, b in graph.edges():
        i, j = owner[a], owner[b]
        if i != j:
            coarse.add_edge(i, j, count=coarse.get_edge_data(i, j, {"count": 0})["count"] + 1)
    for _, _, d in coarse.edges(data=True):  # many links between two parts pull harder, but not hundreds of times
        d["weight"] = 1 + math.log(d["count"])
    placed = _multilevel(coarse, seed)
    centres = _spread(np.array([placed[i] for i in range(len(parts))]), np.array(radii))
    return {n: centres[i] + p for i, pos in enumerate(inner) for n, p in pos.items()}


def _induced(graph: nx.Graph, nodes: list[Any]) -> nx.Graph:
    """The subgraph on ``nodes``, its nodes in that order (a subgraph view may follow a set's order)."""
    keep = set(nodes)
    sub = nx.Graph()
    sub.add_nodes_from(nodes)
    sub.add_edges_from((a, b) for a in nodes for b in graph[a] if b in keep)
    return sub


def _parts(graph: nx.Graph, seed: int) -> list[list[Any]]:
    """Louvain communities, small ones packed together; BFS chunks of ``_PART`` nodes if Louvain cannot split."""
    order = {n: i for i, n in enumerate(graph)}
    communities = sorted((sorted(c, key=order.__getitem__) for c in nx.community.louvain_communities(graph, seed=seed)),
                         key=lambda c: order[c[0]])
    if max(map(len, communities)) > 0.9 * len(graph):
        # Louvain cannot split it (a star, say): chunks in breadth-first order from the busiest node
        start = max(graph, key=graph.degree)
        ordered = list(dict.fromkeys([start, *(v for _, v in nx.bfs_edges(graph, start)), *graph]))
        return [ordered[i:i + _PART] for i in range(0, len(ordered), _PART)]
    # Pack small communities (isolated nodes, small components) together, so that they do not scatter and so
    # that there are fewer than _PART parts to place; the more communities, the larger "small" is.
    small = 8
    while small <= _PART and (sum(len(c) >= small for c in communities)
                              + sum(len(c) for c in communities if len(c) < small) / _PART + 1 >= _PART):
        small *= 2
    parts: list[list[Any]] = [c for c in communities if len(c) >= small]
    packed: list[Any] = []
    for c in communities:
        if len(c) < small:
            if packed and len(packed) + len(c) > _PART:
                parts.append(packed)
                packed = []
            packed += c
    return parts + [packed] if packed else parts


def _spread(centres: np.ndarray, radii: np.ndarray, rounds: int = 120) -> np.ndarray:
    """Place discs of ``radii`` as ``centres`` suggests, compactly and without overlapping.

    The centres are scaled to about the discs' total area, then each round pulls every disc a
    little towards the middle and pushes overlapping discs apart.
    """
    centres = centres - centres.mean(axis=0)
    extent = float(np.abs(centres).max()) or 1.0
    centres *= 1.2 * math.sqrt(float((radii ** 2).sum())) / extent
    centres += np.random.default_rng(0).normal(scale=1e-3, size=centres.shape)  # no two centres coincide
    need = radii[:, None] + radii[None, :] + 0.5
    for _ in range(rounds):
        centres -= 0.03 * (centres - centres.mean(axis=0))
        for _ in range(2):
            delta = centres[:, None, :] - centres[None, :, :]
            distance = np.linalg.norm(delta, axis=-1)
            np.fill_diagonal(distance, np.inf)
            overlap = np.clip(need - distance, 0, None)
            centres += np.einsum("ijk,ij->ik", delta, overlap / (2 * distance))
    return centres
