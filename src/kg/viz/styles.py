"""Drawing styles read from the ontology's annotations (``ontology/views.ttl``).

A class's style is its own annotations, completed from its ancestors; an entity
is drawn in the style of its most specific styled class.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import pyoxigraph as ox

from kg.store import internal_query, select

__all__ = ["Style", "Styles"]

_FIELDS = ("as", "colour", "shape", "dashes", "from", "to", "caption")


@dataclass(frozen=True)
class Style:
    """How one class (or stance) is drawn."""

    iri: str
    label: str
    draw_as: str | None = None
    colour: str | None = None
    shape: str | None = None
    dashes: bool = False
    edge_from: str | None = None
    edge_to: str | None = None
    caption: str | None = None


@dataclass
class Styles:
    """Every styled class and stance, with the class hierarchy among them."""

    own: dict[str, dict[str, Any]] = field(default_factory=dict)
    labels: dict[str, str] = field(default_factory=dict)
    parents: dict[str, set[str]] = field(default_factory=dict)

    @classmethod
    def load(cls, store: ox.Store) -> "Styles":
        """Read the annotations from a store that holds the ontology."""
        styles = cls()
        for row in select(store, internal_query("viz_styles")):
            term = row["term"].value
            styles.labels[term] = row["label"].value
            values = styles.own.setdefault(term, {})
            for name in _FIELDS:
                term_value = row[name]
                if term_value is not None:
                    values[name] = term_value.value
            if row["parent"] is not None:
                styles.parents.setdefault(term, set()).add(row["parent"].value)
        return styles

    def _ancestors(self, term: str) -> list[str]:
        order, frontier, seen = [], [term], {term}
        while frontier:
            current = frontier.pop(0)
            order.append(current)
            for parent in sorted(self.parents.get(current, ())):
                if parent not in seen:
                    seen.add(parent)
                    frontier.append(parent)
        return order

    def style(self, term: str) -> Style:
        """The style of ``term``: its own annotations, completed from its ancestors."""
        merged: dict[str, Any] = {}
        for ancestor in self._ancestors(term):
            for name, value in self.own.get(ancestor, {}).items():
                merged.setdefault(name, value)
        return Style(iri=term, label=self.labels.get(term, term.rsplit("#", 1)[-1]),
                     draw_as=merged.get("as"), colour=merged.get("colour"), shape=merged.get("shape"),
                     dashes=str(merged.get("dashes", "false")).lower() == "true",
                     edge_from=merged.get("from"), edge_to=merged.get("to"), caption=merged.get("caption"))

    def for_types(self, types: set[str]) -> Style | None:
        """The style of the most specific styled class among ``types``, if any."""
        styled = [t for t in types if t in self.own]
        if not styled:
            return None
        deepest = max(styled, key=lambda t: (len(self._ancestors(t)), t))
        return self.style(deepest)

    def colours(self) -> dict[str, str]:
        """Label -> colour of every styled class, stance and figure kind."""
        return {self.labels.get(t, t): c for t in self.own if (c := self.style(t).colour)}

    def legend(self) -> list[dict[str, Any]]:
        """Node classes and stances with their colours, for the page's legend."""
        items = []
        for term in sorted(self.own, key=lambda t: self.labels.get(t, t)):
            style = self.style(term)
            if style.colour and (style.draw_as in ("node", "edge") or "/vocab/" in term):
                kind = "stance" if "/vocab/" in term else style.draw_as
                items.append({"label": style.label, "colour": style.colour, "shape": style.shape or "",
                              "dashes": style.dashes, "kind": kind})
        return items
