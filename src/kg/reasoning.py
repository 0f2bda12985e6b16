"""Inference (owlrl) and consistency (HermiT through owlready2).

``entailments`` adds what queries need: types from subclasses, domains and
ranges, super-properties, inverse, symmetric and transitive properties (OWL 2
RL), so a query for ``wkg:Organisation`` finds councils.  ``check_consistency``
asks HermiT whether the ontology, with the data's types and relations, has a
model (it catches an entity typed with two disjoint classes, say).
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

import owlrl
from rdflib import Graph, Literal

from kg.namespaces import OWL, RDF, RDFS, XSD
from kg.problems import Problem
from kg.rdfio import compact

__all__ = ["entailments", "check_consistency"]

_BUILTIN = (str(OWL), str(RDF), str(RDFS), str(XSD))
_TRIVIAL_TYPES = {OWL.Thing, RDFS.Resource, OWL.NamedIndividual, RDFS.Class, OWL.Class}


def _useful(s: object, p: object, o: object) -> bool:
    if isinstance(s, Literal) or str(s).startswith(_BUILTIN):
        return False
    if p == OWL.sameAs or p == OWL.differentFrom:
        return False
    if p == RDF.type and o in _TRIVIAL_TYPES:
        return False
    if p in (RDFS.subClassOf, RDFS.subPropertyOf, OWL.equivalentClass, OWL.equivalentProperty) and s == o:
        return False
    if str(p).startswith(str(OWL)) or (str(p).startswith(str(RDFS)) and p not in (RDFS.subClassOf, RDFS.subPropertyOf)):
        return False
    return not (p == RDF.type and str(o).startswith(_BUILTIN) and o != RDF.Property)


def entailments(graph: Graph) -> Graph:
    """The OWL 2 RL consequences of ``graph`` that are new and worth querying.

    >>> from rdflib import Namespace
    >>> EX = Namespace("http://example.org/")
    >>> g = Graph()
    >>> _ = g.add((EX.Council, RDFS.subClassOf, EX.Organisation)).add((EX.essex, RDF.type, EX.Council))
    >>> (EX.essex, RDF.type, EX.Organisation) in entailments(g)
    True
    """
    closed = Graph()
    closed += graph
    owlrl.DeductiveClosure(owlrl.OWLRL_Semantics, axiomatic_triples=False,
                           datatype_axioms=False).expand(closed)
    new = Graph()
    for triple in closed:
        if triple not in graph and _useful(*triple):
            new.add(triple)
    return new


def check_consistency(ontology: Graph, data: Graph, *, java: str | None = None) -> list[Problem]:
    """Run HermiT on the ontology plus the data's non-literal triples.

    Returns one problem when inconsistent (with HermiT's explanation) and one
    when Java or the reasoner is missing or fails.
    """
    import owlready2  # imported here: it starts nothing, but it is slow to import

    java = java or shutil.which("java")
    if java is None:
        return [Problem("Java is not installed, so the HermiT consistency check cannot run "
                        "(install a JRE, e.g. Debian's default-jre-headless)", check="reasoner")]
    owlready2.JAVA_EXE = java
    abox = Graph()
    abox += ontology
    for s, p, o in data:
        if not isinstance(o, Literal):
            abox.add((s, p, o))
    with tempfile.TemporaryDirectory(prefix="kg-hermit-") as tmp:
        path = Path(tmp) / "kb.nt"
        abox.serialize(path, format="nt", encoding="utf-8")
        world = owlready2.World()
        onto = world.get_ontology(path.as_uri()).load(format="ntriples")
        try:
            with onto:
                owlready2.sync_reasoner_hermit(world, infer_property_values=False, debug=0)
        except owlready2.OwlReadyInconsistentOntologyError as exc:
            return [Problem(f"the ontology and data are inconsistent under OWL (HermiT): {exc}".strip(),
                            check="reasoner")]
        except (owlready2.OwlReadyJavaError, subprocess.SubprocessError, OSError) as exc:
            return [Problem(f"the HermiT reasoner failed: {str(exc).splitlines()[-1][:300]}",
                            check="reasoner")]
        unsatisfiable = [compact(str(c.iri)) for c in world.inconsistent_classes()
                         if isinstance(c.iri, str)]
        world.close()
    return [Problem(f"class {c} can have no members (unsatisfiable)", entity=c, check="reasoner")
            for c in unsatisfiable]
