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


def candidates(store: ox.Store, name: str, *, partial: bool) -> list[tuple[str, str]]:
    """(IRI, label) of entities named ``name``, exactly or as a substring."""
    rows = select(store, internal_query("resolve"), name=ox.Literal(name.strip()),
                  partial=ox.Literal(partial))
    seen: dict[str, str] = {}
    for row in rows:
        iri = row["entity"].value
        label = row["label"].value if row["label"] is not None else compact(iri)
        seen.setdefault(iri, label)
    return sorted(seen.items(), key=lambda item: item[1].lower())


def resolve(store: ox.Store, name: str) -> str:
    """The IRI of the one entity ``name`` denotes; raises :class:`NotFound` or :class:`Ambiguous`."""
    iri = as_iri(name)
    if iri is not None:
        if not select(store, "ASK { { ?e ?p ?o } UNION { ?s ?p ?e } }".replace("ASK", "SELECT ?e WHERE")
                      + " LIMIT 1", e=ox.NamedNode(iri)):
            raise NotFound(f"no entity {compact(iri)} in the graph")
        return iri
    for partial in (False, True):
        found = candidates(store, name, partial=partial)
        if len(found) == 1:
            return found[0][0]
        if len(found) > 1:
            raise Ambiguous(name, found)
    raise NotFound(f"no entity is called {name!r} (try `kg describe` with part of the name)")
