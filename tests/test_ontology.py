"""The ontology lints itself (labels, definitions, naming), matches namespaces.py, and is consistent."""

from __future__ import annotations

import shutil

import pytest
from rdflib import Literal, URIRef

from kg.checks import check_ontology_shapes
from kg.inputs import load_inputs
from kg.namespaces import ENT, OWL, RDF, RDFS, SKOS, VOC, WKG
from kg.project import Project
from kg.reasoning import check_consistency, entailments
from tests.conftest import require


def _declared(graph, namespace: str) -> set[str]:
    return {str(s)[len(namespace):] for s in graph.subjects(RDF.type, None)
            if isinstance(s, URIRef) and str(s).startswith(namespace)}


def test_ontology_shapes_are_clean() -> None:
    assert check_ontology_shapes(load_inputs(Project.find())) == []


@pytest.mark.parametrize(("triple_to_drop", "expected"), [
    ((WKG.Criticism, SKOS.definition), "skos:definition"),
    ((WKG.critic, RDFS.label), "rdfs:label"),
])
def test_ontology_shapes_catch_a_missing_annotation(triple_to_drop, expected) -> None:
    inputs = load_inputs(Project.find())
    inputs.ontology.remove((*triple_to_drop, None))
    problems = check_ontology_shapes(inputs)
    assert any(expected in p.message and p.file == "ontology/watchdog.ttl" for p in problems), problems


def test_ontology_shapes_catch_a_badly_named_class() -> None:
    inputs = load_inputs(Project.find())
    bad = URIRef(str(WKG._NS) + "lower_case_class")
    inputs.ontology.add((bad, RDF.type, OWL.Class))
    inputs.ontology.add((bad, RDFS.label, Literal("bad", lang="en")))
    inputs.ontology.add((bad, SKOS.definition, Literal("bad", lang="en")))
    assert any("UpperCamelCase" in p.message for p in check_ontology_shapes(inputs))


def test_namespaces_module_declares_exactly_the_ontology_terms() -> None:
    ontology = load_inputs(Project.find()).ontology
    assert set(WKG.__annotations__) == _declared(ontology, str(WKG._NS))
    assert set(VOC.__annotations__) == _declared(ontology, str(VOC._NS))


def test_misspelt_term_fails_loudly() -> None:
    with pytest.raises(AttributeError):
        _ = WKG.critc


def test_inference_finds_councils_as_organisations() -> None:
    inputs = load_inputs(Project.find())
    inferred = entailments(inputs.union())
    assert (ENT["westminster-city-council"], RDF.type, WKG.Organisation) in inferred


def test_ontology_and_data_are_consistent_under_hermit() -> None:
    require(shutil.which("java") is not None, "Java is needed for HermiT (make system-deps)")
    inputs = load_inputs(Project.find())
    assert check_consistency(inputs.ontology, inputs.data()) == []


def test_hermit_reports_an_entity_in_two_disjoint_classes() -> None:
    require(shutil.which("java") is not None, "Java is needed for HermiT (make system-deps)")
    inputs = load_inputs(Project.find())
    data = inputs.data()
    data.add((ENT["better-care-fund"], RDF.type, WKG.Person))  # a programme cannot be a person
    problems = check_consistency(inputs.ontology, data)
    assert problems and "inconsistent" in problems[0].message
