"""Assemble the named-graph dataset that ``kg build`` writes and queries read.

Graphs: ``graph:ontology``, one per data file (``graph:<stem>``) and
``graph:inferred`` (entailments and derived evidence sentences).
"""

from __future__ import annotations

import pyoxigraph as ox
from rdflib import Dataset, Graph, Literal, URIRef

from kg.evidence import Span, sentence_around
from kg.furniture import article_text
from kg.inputs import Inputs
from kg.namespaces import GRAPH, OA, PREFIXES, WKG
from kg.store import load_dataset

__all__ = ["assemble", "to_store", "evidence_sentences"]


def evidence_sentences(inputs: Inputs) -> Graph:
    """``wkg:sentence`` for every evidence node: the source sentence around its quote."""
    data = inputs.union()
    texts = {}
    for source, name in data.subject_objects(WKG.textFile):
        path = inputs.project.sources_dir / str(name)
        if path.is_file():
            texts[source] = article_text(path.read_text(encoding="utf-8"))  # sentences never run into furniture
    out = Graph()
    for evidence in set(data.objects(None, WKG.evidence)):
        text = texts.get(data.value(evidence, OA.hasSource))
        for selector in data.objects(evidence, OA.hasSelector):
            start, end = data.value(selector, OA.start), data.value(selector, OA.end)
            if text is not None and start is not None and end is not None:
                out.add((evidence, WKG.sentence, Literal(sentence_around(text, Span(int(start), int(end))))))
    return out


def assemble(inputs: Inputs, inferred: Graph) -> Dataset:
    """The dataset: ontology, one graph per data file, inferred."""
    ds = Dataset()
    for prefix, ns in PREFIXES.items():
        ds.bind(prefix, ns, replace=True)
    for name, graph in inputs.graphs.items():
        target = ds.graph(URIRef(name))
        for triple in graph:
            target.add(triple)
    target = ds.graph(GRAPH.inferred)
    for triple in inferred:
        target.add(triple)
    return ds


def to_store(ds: Dataset) -> ox.Store:
    """The dataset in an in-memory pyoxigraph store."""
    return load_dataset(ds.serialize(format="nquads", encoding="utf-8"), fmt="nquads")
