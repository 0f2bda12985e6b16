"""Unreviewed candidates beside the built graph, each source's in its own named graph
``graph:candidates-<source>``, loaded on demand (``kg query --with-candidates``); ``build/`` never holds them.
"""

from __future__ import annotations

import pyoxigraph as ox

from kg.ingest.run import candidates_dir
from kg.namespaces import GRAPH
from kg.problems import InvalidInput, Problem
from kg.project import Project

__all__ = ["load_candidates", "candidate_graph_name"]


def candidate_graph_name(source_id: str) -> str:
    """The named graph of one source's candidates.

    >>> candidate_graph_name("005_ab")
    'https://w3id.org/watchdog-kg/graph/candidates-005_ab'
    """
    return str(GRAPH[f"candidates-{source_id}"])


def load_candidates(store: ox.Store, project: Project) -> int:
    """Add every ``data/candidates/*.ttl`` to ``store``; the number of files loaded."""
    from kg.ingest.journal import pending_sources

    pending = pending_sources(project)  # a kg ingest still writing them (or killed: the next run undoes it)
    files = sorted(candidates_dir(project).glob("*.ttl")) if candidates_dir(project).is_dir() else []
    files = [p for p in files if p.stem not in pending]
    for path in files:
        try:
            store.load(path=str(path), format=ox.RdfFormat.TURTLE,
                       to_graph=ox.NamedNode(candidate_graph_name(path.stem)))
        except SyntaxError as exc:
            raise InvalidInput([Problem(f"Turtle syntax: {exc.msg}", file=project.relative(path),
                                        line=exc.lineno)]) from None
    return len(files)
