"""The interactive HTML graph (``kg viz``).

>>> from kg.viz import write_graph  # nothing is built or rendered at import time
"""

from __future__ import annotations

from pathlib import Path

import networkx as nx
import pyoxigraph as ox

from kg.rdfio import atomic_file
from kg.viz.neighbourhood import focus_view
from kg.viz.render import render_html
from kg.viz.styles import Styles
from kg.viz.viewgraph import build_view, focus, from_triples, programme_view, years

__all__ = ["view", "write_graph", "build_view", "focus_view"]


def view(store: ox.Store, *, focus_on: str | None = None, depth: int = 1, programme: str | None = None,
         since: int | None = None, until: int | None = None,
         construct: list[ox.Triple] | None = None) -> nx.MultiDiGraph:
    """The view graph with the command line's filters applied (entities given as IRIs)."""
    if construct is not None:
        graph = from_triples(store, construct)
        if focus_on is not None:
            graph = focus(graph, focus_on, depth)
    elif focus_on is not None:
        graph = focus_view(store, focus_on, depth)  # only the neighbourhood is fetched
    else:
        graph = build_view(store)
    if programme is not None:
        graph = programme_view(graph, programme)
    if since is not None or until is not None:
        graph = years(graph, since=since, until=until)
    return graph


def write_graph(store: ox.Store, path: Path, graph: nx.MultiDiGraph | None = None) -> nx.MultiDiGraph:
    """Write the page for ``graph`` (default: the whole view) to ``path`` atomically; return the graph."""
    graph = graph if graph is not None else build_view(store)
    html = render_html(graph, Styles.load(store))
    with atomic_file(path) as handle:
        handle.write(html)
    return graph
