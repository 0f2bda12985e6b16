"""Turn what a user types (a name, an alias, a prefixed name, an IRI) into one entity.

A name matching several entities is an error that lists them, never a guess.
"""

from __future__ import annotations

import re

import pyoxigraph as ox

from kg.namespaces import PREFIXES
from kg.problems import KgError
from kg.rdfio import compact
from kg.store import internal_query, select

__all__ = ["resolve", "candidates", "NotFound", "Ambiguous", "as_iri"]


class NotFound(KgError):
    """No entity has that name."""

    exit_code = 3


class Ambiguous(KgError):
    """Several entities have that name."""

    exit_code = 3

    def __init__(self, name: str, matches: list[tuple[str, str]]) -> None:
        self.matches = matches
        listing = "\n".join(f"  {compact(iri)}  {label}" for iri, label in matches)
        super().__init__(f"{name!r} matches {len(matches)} entities; say which:\n{listing}")


def as_iri(text: str) -> str | None:
    """The IRI ``text`` spells, if it is ``<iri>``, an absolute IRI or a known prefixed name.

    >>> as_iri("ent:nao")
    'https://w3id.org/watchdog-kg/id/nao'
    >>> as_iri("National Audit Office") is None
    True
    """
    text = text.strip()
    if text.startswith("<") and text.endswith(">"):
        return text[1:-1]
    if re.fullmatch(r"https?://\S+", text):
        return text
    m = re.fullmatch(r"([a-z]+):([A-Za-z0-9_][A-Za-z0-9_.\-]*)", text)
    if m and m.group(1) in PREFIXES:
        return PREFIXES[m.group(1)] + m.group(2)
    return None


def candidates(store: ox.Store, name: str, *, partial: bool) -> list[tuple[str, str, int]]:
    """(IRI, label, rank) of entities named ``name``: rank 1 by label, 2 by alias or title, 3 by part."""
    rows = select(store, internal_query("resolve"), name=ox.Literal(name.strip()),
                  partial=ox.Literal(partial))
    best: dict[str, tuple[str, int]] = {}
    for row in rows:
        iri, rank = row["entity"].value, int(row["rank"].value)
        label = row["label"].value if row["label"] is not None else compact(iri)
        if iri not in best or rank < best[iri][1]:
            best[iri] = (label, rank)
    return sorted(((iri, label, rank) for iri, (label, rank) in best.items()),
                  key=lambda item: (item[2], item[1].lower()))


def resolve(store: ox.Store, name: str) -> str:
    """The IRI of the one entity ``name`` denotes; raises :class:`NotFound` or :class:`Ambiguous`.

    An exact label beats an exact alias or title, which beats a partial match; a tie is ambiguous.
    """
    iri = as_iri(name)
    if iri is not None:
        if not select(store, internal_query("exists"), entity=ox.NamedNode(iri)):
            raise NotFound(f"no entity {compact(iri)} in the graph")
        return iri
    found = candidates(store, name, partial=True)
    if not found:
        raise NotFound(f"no entity is called {name!r} (try `kg describe` with part of the name)")
    best = [item for item in found if item[2] == found[0][2]]
    if len(best) > 1:
        raise Ambiguous(name, [(iri, label) for iri, label, _ in best])
    return best[0][0]
