"""``kg validate``: every check over the ontology and data, all problems at once.

Checks, in order: Turtle syntax (on load), the ontology's own shapes, the data
shapes, evidence against the source texts, the ``queries/*_violation.rq``
queries (which must return no rows), and HermiT's consistency check.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

import pyoxigraph as ox
from rdflib import Graph

from kg.checks import check_data_shapes, check_evidence, check_ontology_shapes
from kg.dataset import assemble, evidence_sentences, to_store
from kg.inputs import Inputs
from kg.problems import Problem
from kg.queries import list_queries
from kg.rdfio import compact
from kg.reasoning import check_consistency, entailments
from kg.store import run

__all__ = ["Validation", "validate", "violation_problems"]


@dataclass
class Validation:
    """The outcome of validation: problems, and what the build reuses."""

    problems: list[Problem] = field(default_factory=list)
    inferred: Graph = field(default_factory=Graph)
    checks: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems


def violation_problems(store: ox.Store, inputs: Inputs) -> list[Problem]:
    """Rows of every ``*_violation.rq`` query, as problems located at their ``?entity``."""
    problems = []
    for query in list_queries(inputs.project):
        if not query.name.endswith("_violation"):
            continue
        result = run(store, query.text)
        if not isinstance(result, ox.QuerySolutions):
            continue
        names = [v.value for v in result.variables]
        for row in result:
            entity = row["entity"] if "entity" in names else None
            message = row["message"].value if "message" in names and row["message"] is not None \
                else ", ".join(f"{n}={row[n]}" for n in names if row[n] is not None)
            iri = entity.value if isinstance(entity, ox.NamedNode) else None
            file, line = inputs.locator.where(iri) if iri else (None, None)
            problems.append(Problem(f"{message} [{query.name}]", file=file, line=line,
                                    entity=compact(iri) if iri else None, check=query.name))
    return problems


def validate(inputs: Inputs, *, reasoner: bool = True,
             progress: Callable[[str], None] = lambda step: None) -> Validation:
    """Run every check; inference runs too, since the violation queries read its output."""
    outcome = Validation()
    steps: list[tuple[str, Callable[[], list[Problem]]]] = [
        ("ontology shapes", lambda: check_ontology_shapes(inputs)),
        ("data shapes", lambda: check_data_shapes(inputs)),
        ("evidence", lambda: check_evidence(inputs)),
    ]
    for name, step in steps:
        progress(name)
        outcome.problems += step()
        outcome.checks.append(name)
    progress("inference")
    outcome.inferred = entailments(inputs.union())
    outcome.inferred += evidence_sentences(inputs)
    progress("violation queries")
    store = to_store(assemble(inputs, outcome.inferred))
    outcome.problems += violation_problems(store, inputs)
    outcome.checks.append("violation queries")
    if reasoner:
        progress("reasoner (HermiT)")
        outcome.problems += check_consistency(inputs.ontology, inputs.data())
        outcome.checks.append("reasoner")
    return outcome
