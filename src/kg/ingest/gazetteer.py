"""Names the graph already knows (labels, aliases, surnames), matched in text.

Multi-word names match in any case ("better care fund"); a one-word name must be capitalised as written
("Bury" the council, not "bury"), and an acronym must match exactly ("NAO"). Possessives ("NAO's") match.
A capitalised word within a small edit distance of a known surname or one-word name ("Keslake") is
matched as a misspelling, with a lower confidence.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from rdflib import Graph, URIRef

from kg.evidence import normalise
from kg.namespaces import RDF, RDFS, SKOS, WKG

__all__ = ["Entry", "Gazetteer", "kind_of", "KINDS", "TITLES"]

KINDS = {"person", "organisation", "programme"}
_SKIP = {WKG.AnonymousActor, WKG.CollectiveActor}  # "some critics", "a DCLG source": specific to one article
TITLES = (r"(?:Sir|Dame|Lord|Baroness|Baron|Lady|Earl|Viscount|Marquess|Cllr|Councillor|Dr|Professor|Prof|Mr|Mrs|Ms|"
          r"Miss)")
_WORD = re.compile(r"[A-Z][a-z’'A-Z-]{3,}")
# "House of Commons Health and Social Care Committee": a committee named after its House, by its own name, which may
# list its subjects ("Levelling Up, Housing and Communities Committee")
_COMMITTEE = re.compile(r"\bHouse of (?:Commons|Lords),?\s+"
                        r"((?:[A-Z][\w’'-]*,?\s+(?:(?:and|of|on|for)\s+)?)+Committee)\b")


@dataclass(frozen=True)
class Entry:
    """One entity the graph knows."""

    iri: str
    label: str
    kind: str  # person | organisation | programme | document
    classes: frozenset[str]


def _closure(ontology: Graph) -> dict[URIRef, set[URIRef]]:
    supers: dict[URIRef, set[URIRef]] = {}
    for cls in set(ontology.subjects(RDFS.subClassOf, None)) | set(ontology.objects(None, RDFS.subClassOf)):
        seen, todo = {cls}, [cls]
        while todo:
            for parent in ontology.objects(todo.pop(), RDFS.subClassOf):
                if parent not in seen:
                    seen.add(parent)
                    todo.append(parent)
        supers[cls] = seen
    return supers


def kind_of(classes: Iterable[str]) -> str | None:
    """The mention kind of an entity with these (closed) classes.

    >>> kind_of([str(WKG.Person), str(WKG.Actor)]), kind_of([str(WKG.Pilot)]), kind_of([str(WKG.Meeting)])
    ('person', 'programme', None)
    """
    names = {c.rsplit("#", 1)[-1] for c in classes}
    if "Person" in names:
        return "person"
    if names & {"Programme", "Pilot"}:
        return "programme"
    if "Actor" in names:
        return "organisation"
    if "Document" in names and "Source" not in names:
        return "document"
    return None


@dataclass
class Gazetteer:
    """Known entities and the names that denote them (lower-cased name -> IRIs)."""

    entries: dict[str, Entry] = field(default_factory=dict)
    names: dict[str, set[str]] = field(default_factory=dict)
    exact: dict[str, set[str]] = field(default_factory=dict)  # one-word names, case as written
    surnames: dict[str, set[str]] = field(default_factory=dict)
    described: set[str] = field(default_factory=set)  # lower-cased names added in lower case ("the watchdog")
    proper: set[str] = field(default_factory=set)  # lower-cased names added with a capital letter
    _regex: re.Pattern[str] | None = None

    @classmethod
    def from_graph(cls, data: Graph, ontology: Graph) -> "Gazetteer":
        """Every actor, programme, pilot and document of ``data`` with its labels and aliases."""
        supers = _closure(ontology)
        gaz = cls()
        for subject in set(data.subjects(RDF.type, None)):
            if not isinstance(subject, URIRef):
                continue
            types = set(data.objects(subject, RDF.type))
            if types & _SKIP:
                continue
            closed = {str(s) for t in types for s in supers.get(t, {t})}
            kind = kind_of(closed)
            label = data.value(subject, RDFS.label)
            if kind is None or label is None:
                continue
            entry = Entry(str(subject), normalise(str(label)), kind, frozenset(closed))
            gaz.entries[entry.iri] = entry
            for name in [entry.label, *(normalise(str(a)) for a in data.objects(subject, SKOS.altLabel))]:
                gaz.add_name(entry.iri, name)
                head = re.search(r"\s(programme|scheme)$", name, re.IGNORECASE) if kind == "programme" else None
                if head and len(name.split()) >= 3:  # "... Resettlement programme" is also "... Resettlement scheme"
                    gaz.add_name(entry.iri, name[:head.start(1)] + ("scheme" if head.group(1).lower() == "programme"
                                                                    else "programme"))
                stem = re.match(r"([A-Z][\w’'-]*(?: [A-Z][\w’'-]*)* (?:programme|scheme)) (?:for|of) ", name)
                if stem and kind == "programme":  # "Dubs scheme for unaccompanied child refugees": "Dubs scheme"
                    gaz.add_name(entry.iri, stem.group(1))
            if kind == "person":
                gaz.add_person_names(entry.iri, entry.label)
        return gaz

    def add_name(self, iri: str, name: str) -> None:
        """Let ``name`` denote ``iri``."""
        name = re.sub(r"\s*\(.*\)$", "", name).strip()  # "X (quoted by Y)" -> "X"
        if len(name) < 2 or len(name) > 80:
            return
        if " " in name:
            self.names.setdefault(name.lower(), set()).add(iri)
        else:
            self.exact.setdefault(name, set()).add(iri)
        (self.proper if re.search(r"[A-Z]", name) else self.described).add(name.lower())
        self._regex = None

    def is_description(self, text: str) -> bool:
        """Whether ``text`` matches only names written in lower case: a description such as "the watchdog" or
        "spending watchdog", not a name ("Better Care Fund" written "better care fund").

        >>> g = Gazetteer()
        >>> g.add_name("ent:nao", "National Audit Office"); g.add_name("ent:nao", "the watchdog")
        >>> g.is_description("The  watchdog"), g.is_description("national audit office")
        (True, False)
        """
        key = normalise(text).lower()
        return key in self.described and key not in self.proper

    def add_person_names(self, iri: str, label: str) -> None:
        """A person is also named by surname, and with a title before the name."""
        bare = re.sub(rf"^{TITLES}\s+", "", label)
        parts = bare.split()
        if len(parts) >= 2 and _WORD.fullmatch(parts[-1]):
            self.surnames.setdefault(parts[-1], set()).add(iri)
            self.exact.setdefault(parts[-1], set()).add(iri)
        if bare != label:
            self.add_name(iri, bare)
        self._regex = None

    def regex(self) -> re.Pattern[str]:
        """One pattern for every name, longest first."""
        if self._regex is None:
            multi = sorted(self.names, key=len, reverse=True)
            single = sorted(self.exact, key=len, reverse=True)
            alternatives = [f"(?i:{_flex(n)})" for n in multi] + [_flex(n) for n in single]
            body = "|".join(alternatives) or "(?!x)x"
            self._regex = re.compile(rf"(?<![\w&])(?:{body})(?![\w&]|[’']\w\w)")
        return self._regex

    def find_author(self, text: str) -> tuple[str | None, str | None]:
        """(IRI, name) of the body a publisher given in words denotes: a House's committee by its own name,
        with IRI None when the graph lacks it (the House did not write the committee's report), else the
        actor the longest known name denotes, with name None.

        >>> commons = Entry("ent:commons", "House of Commons", "organisation", frozenset())
        >>> g = Gazetteer(entries={commons.iri: commons})
        >>> g.add_name("ent:commons", "House of Commons")
        >>> g.find_author("UK Parliament: House of Commons Health and Social Care Committee (HC 115)")
        (None, 'Health and Social Care Committee')
        >>> g.find_author("UK Parliament: House of Commons Levelling Up, Housing and Communities Committee")
        (None, 'Levelling Up, Housing and Communities Committee')
        >>> g.find_author("UK Parliament: House of Commons, Hansard")
        ('ent:commons', None)
        """
        committee = _COMMITTEE.search(text)
        if committee:
            name = committee.group(1)
            iris = [i for i in self.lookup(name) if self.entries[i].kind == "organisation"]
            return (iris[0], None) if len(iris) == 1 else (None, name)
        return self.find_actor(text), None

    def find_actor(self, text: str) -> str | None:
        """The one actor the longest known name in ``text`` denotes (for a publisher given in words)."""
        names = [m for m in self.regex().finditer(text)
                 if not re.fullmatch(r"(?i:the\s+(?:committee|department|watchdog|council|government|fund|"
                                     r"programme|scheme|report|authority|auditor))", m.group(0))]  # no one here
        best = max(names, key=lambda m: len(m.group(0)), default=None)
        iris = self.lookup(best.group(0)) if best else set()
        actors = [i for i in iris if self.entries[i].kind in ("organisation", "person")]
        return actors[0] if len(actors) == 1 else None

    def lookup(self, text: str) -> set[str]:
        """The IRIs a matched name denotes."""
        norm = normalise(text)
        return set(self.names.get(norm.lower(), set()) | self.exact.get(norm, set()))


def _flex(name: str) -> str:
    """A regex for ``name`` that allows any white space and either kind of apostrophe."""
    out = []
    for ch in name:
        if ch.isspace():
            out.append(r"\s+")
        elif ch in "'’":
            out.append("['’]")
        else:
            out.append(re.escape(ch))
    return "".join(out)
