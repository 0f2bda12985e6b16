"""Load the ontology and the data, one named graph per data file.

>>> from kg.project import Project
>>> inputs = load_inputs(Project.find())
>>> str(GRAPH.ontology) in {str(g) for g in inputs.graphs}
True
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path

from rdflib import Graph, URIRef

from kg.limits import check_sizes
from kg.namespaces import GRAPH
from kg.problems import InvalidInput, Problem
from kg.project import Project
from kg.rdfio import Locator, parse_turtle

__all__ = ["Inputs", "load_inputs", "graph_name", "fingerprint"]


def graph_name(path: Path) -> URIRef:
    """The named graph of a data file: ``graph:<file stem>``.

    >>> graph_name(Path("data/curated/000_abc.ttl"))
    rdflib.term.URIRef('https://w3id.org/watchdog-kg/graph/000_abc')
    """
    return GRAPH[path.stem]


@dataclass
class Inputs:
    """The parsed ontology and data, with a locator for messages."""

    project: Project
    ontology: Graph
    graphs: dict[URIRef, Graph] = field(default_factory=dict)
    files: dict[URIRef, Path] = field(default_factory=dict)
    locator: Locator = field(default_factory=Locator)

    def data(self) -> Graph:
        """All data graphs merged (without the ontology)."""
        merged = Graph()
        for name, graph in self.graphs.items():
            if name != GRAPH.ontology:
                merged += graph
        return merged

    def union(self) -> Graph:
        """Ontology and data together."""
        merged = self.data()
        merged += self.ontology
        return merged


def load_inputs(project: Project, *, extra: list[Path] | None = None, max_bytes: int | None = None) -> Inputs:
    """Parse every ontology and data file; report every syntax error at once.

    No file is read if any input (source texts too) is over ``max_bytes`` (:mod:`kg.limits`).
    """
    texts = [p for p in sorted(project.sources_dir.glob("*")) if p.suffix != ".ttl"]
    check_sizes([*project.ontology_files(), *project.data_files(), *(extra or []), *texts], max_bytes=max_bytes,
                label=project.relative)
    problems: list[Problem] = []
    ontology = Graph()
    inputs = Inputs(project=project, ontology=ontology)
    for path in project.ontology_files():
        label = project.relative(path)
        try:
            ontology += parse_turtle(path, label=label, max_bytes=max_bytes)
            inputs.locator.add(label, path)
        except InvalidInput as exc:
            problems.extend(exc.problems)
    inputs.graphs[GRAPH.ontology] = ontology
    for path in [*project.data_files(), *(extra or [])]:
        label = project.relative(path)
        name = graph_name(path)
        if name in inputs.graphs:
            problems.append(Problem(f"two data files share the name {path.stem!r}", file=label))
            continue
        try:
            inputs.graphs[name] = parse_turtle(path, label=label, max_bytes=max_bytes)
            inputs.files[name] = path
            inputs.locator.add(label, path)
        except InvalidInput as exc:
            problems.extend(exc.problems)
    if problems:
        raise InvalidInput(problems)
    return inputs


def fingerprint(paths: list[Path], *, root: Path, salt: str = "") -> str:
    """SHA-256 over the names (relative to ``root``) and contents of ``paths``."""
    digest = hashlib.sha256(salt.encode())
    for path in sorted(paths):
        digest.update(path.relative_to(root).as_posix().encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()
