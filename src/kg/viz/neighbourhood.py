"""The view of one entity's neighbourhood, fetched hop by hop (``kg viz --focus``).

:func:`focus_view` gives the same graph as ``focus(build_view(store), centre, depth)`` but asks the store only
about the neighbourhood: the entities up to ``depth + 1`` steps away, the links that touch them, and the
assertions drawn as arrows between them.  Each hop is one query per kind of fact, with the frontier in a
``VALUES`` block (``src/kg/sparql/viz_links_of.rq`` and the ``viz_*`` queries).

Why one step more than ``depth``: a node's side-panel card lists all its statements and assessments, so the
labels and kinds of its neighbours are needed; and a node's ``programmes`` (the page's programme filter) are
the programmes whose neighbourhood reaches it, which can be two steps away through a document or a pilot.
"""

from __future__ import annotations

import networkx as nx
import pyoxigraph as ox

from kg.store import internal_query, select
from kg.viz.styles import Styles
from kg.viz.viewgraph import _ACTOR, _PROGRAMME, Entities, _rows, build_view, focus, link, load_entities

__all__ = ["focus_view", "WHOLE_ABOVE"]

WHOLE_ABOVE = 0.25
"""Above this share of the store's labelled things, :func:`focus_view` cuts the whole view instead."""


class _TooBig(Exception):
    """The neighbourhood reaches most of the store: cutting the whole view is cheaper."""


class _Fetcher:
    """What has been fetched so far: entity rows, links, and which entities' links are complete."""

    def __init__(self, store: ox.Store, styles: Styles, most: float) -> None:
        self.store, self.styles, self.most = store, styles, most
        self.ents = Entities()
        self.links: set[tuple[str, str, str, str, bool]] = set()
        self.linked: set[str] = set()  # entities whose every link is in self.links
        self.known: set[str] = set()  # entities whose rows of viz_entities are in self.ents
        self.detailed: set[str] = set()  # entities whose literals and evidence are in self.ents
        self._drawn: dict[frozenset[str], str | None] = {}

    def entities(self, iris: set[str], *, details: bool = False) -> None:
        new = sorted(iris - (self.detailed if details else self.known))
        if new:
            load_entities(self.store, ents=self.ents, only=new, details=details)
            self.known |= set(new)
            if details:
                self.detailed |= set(new)

    def links_of(self, iris: set[str]) -> None:
        new = sorted(iris - self.linked)
        if new:
            self.links |= {link(r) for r in _rows(self.store, "viz_links_of", {"entity": new})}
            self.linked |= set(new)

    def check(self, frontier: set[str]) -> None:
        """Raise :class:`_TooBig` before fetching when the store counts too many entities next to ``frontier``."""
        new = sorted(frontier - self.linked)
        if new and len(self.known) + int(_rows(self.store, "count_near", {"entity": new})[0]["n"].value) > self.most:
            raise _TooBig

    def draw_as(self, iri: str) -> str | None:
        if iri not in self.ents.types:
            return None
        types = frozenset(self.ents.types[iri])
        if types not in self._drawn:
            style = self.styles.for_types(set(types))
            self._drawn[types] = style.draw_as if style is not None else None
        return self._drawn[types]

    def neighbours(self, frontier: set[str]) -> tuple[set[str], set[str]]:
        """Nodes one step from ``frontier`` in the view (a superset), and the arrow-drawn assertions between.

        Raises :class:`_TooBig` as soon as the entities to fetch pass ``self.most``.
        """
        near = self._reach(frontier)
        arrows = {e for e in near if self.draw_as(e) == "edge"}
        ends = self._reach(arrows)
        nodes = {e for e in near | ends if self.draw_as(e) == "node"}
        return nodes, arrows

    def _reach(self, starts: set[str]) -> set[str]:
        """The other ends of every link of ``starts``, fetched; :class:`_TooBig` past ``self.most``."""
        self.check(starts)
        self.links_of(starts)
        ends = {o if s in starts else s for s, _, o, _, _ in self.links if s in starts or o in starts}
        if len(self.known | ends) > self.most:
            raise _TooBig
        self.entities(ends)
        return ends


def focus_view(store: ox.Store, centre: str, depth: int, *, styles: Styles | None = None,
               most: float = WHOLE_ABOVE) -> nx.MultiDiGraph:
    """The neighbourhood of ``centre`` up to ``depth`` steps, either direction, as :func:`kg.viz.focus` cuts it
    from the whole view.

    When the entities to fetch pass ``most`` of the store's labelled things (a hub: the cards of its neighbours
    list most of the graph), the whole view is built and cut instead, which is then cheaper.
    """
    styles = styles or Styles.load(store)
    whole = int(select(store, internal_query("count_labelled"))[0]["n"].value)
    fetch = _Fetcher(store, styles, most * whole)
    try:
        inner, ball, arrows, far = _walk(fetch, centre, depth)
    except _TooBig:
        return focus(build_view(store, styles=styles), centre, depth)
    programmes = {n for n in far if _PROGRAMME in fetch.ents.types[n]}
    fetch.entities(inner | arrows, details=True)
    keep = ball | programmes | fetch.linked
    ents = fetch.ents
    ents.links = sorted(lk for lk in fetch.links if lk[0] in keep and lk[2] in keep)
    for iri in list(ents.types):
        if iri not in keep:
            del ents.types[iri]
    return focus(build_view(store, ents=ents, styles=fetch.styles), centre, depth)


def _walk(fetch: _Fetcher, centre: str, depth: int) -> tuple[set[str], set[str], set[str], set[str]]:
    """Nodes within ``depth``, within ``depth + 1``, arrows touching the former, and the nodes one step past
    the ring's documents, pilots and other non-actors (where programmes that mark the inner nodes are)."""
    fetch.entities({centre})
    ball, frontier, arrows = {centre}, {centre}, set()
    inner: set[str] = set()
    for step in range(depth + 1):
        if step == depth:
            inner = set(ball)
        nodes, near_arrows = fetch.neighbours(frontier)
        arrows |= near_arrows  # every arrow touching a node within depth (step <= depth)
        frontier = nodes - ball
        ball |= frontier
    types = fetch.ents.types
    ring = {n for n in frontier if _ACTOR not in types[n] and _PROGRAMME not in types[n]}
    far, _ = fetch.neighbours(ring)
    return inner, ball, arrows, far
