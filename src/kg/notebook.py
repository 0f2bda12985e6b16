"""The interactive graph inline in a notebook, offline.

:func:`graph_view` draws what ``kg viz`` draws (``--focus``, ``--programme``, ``--since``,
``--until``, ``--query`` with ``--param``) and returns it for display in an ``<iframe srcdoc>``.
The page is kg.viz's own self-contained HTML: vis-network is inlined, and its
Content-Security-Policy forbids every network request, so nothing is fetched from a CDN.

>>> shown = inline_page("<p>hello & goodbye</p>", height=120)
>>> 'srcdoc="&lt;p&gt;hello &amp; goodbye&lt;/p&gt;"' in shown.data, 'height="120"' in shown.data
(True, True)
"""

from __future__ import annotations

import html
from typing import TYPE_CHECKING, Any

import pyoxigraph as ox

if TYPE_CHECKING:  # pragma: no cover
    import networkx as nx
    from IPython.display import HTML

__all__ = ["inline_page", "graph_view", "view_graph"]


def inline_page(page: str, *, height: int = 620) -> HTML:
    """``page`` (a whole HTML document) in a sandboxed ``<iframe srcdoc>``, for ``IPython.display``."""
    from IPython.display import HTML

    return HTML(f'<div><iframe srcdoc="{html.escape(page, quote=True)}" width="100%" height="{int(height)}" '
                'sandbox="allow-scripts allow-downloads" style="border:1px solid #ddd"></iframe></div>')


def view_graph(store: ox.Store, *, focus: str | None = None, depth: int = 1, programme: str | None = None,
               since: int | None = None, until: int | None = None, query: str | None = None,
               params: dict[str, str] | None = None) -> nx.MultiDiGraph:
    """The view graph ``kg viz`` would draw with the same options (entities by name, alias or IRI)."""
    from kg.project import Project
    from kg.queries import UsageError, bind, find_query
    from kg.resolve import resolve
    from kg.store import run
    from kg.viz import view

    construct = None
    if query is not None:
        named = find_query(Project.find(), query)
        result = run(store, named.text, substitutions=bind(store, named, params or {}))
        if not isinstance(result, ox.QueryTriples):
            raise UsageError("query= needs a CONSTRUCT (or DESCRIBE) query")
        construct = list(result)
    return view(store, focus_on=resolve(store, focus) if focus else None, depth=depth,
                programme=resolve(store, programme) if programme else None, since=since, until=until,
                construct=construct)


def graph_view(store: ox.Store, *, height: int = 620, **options: Any) -> HTML:
    """The interactive graph inline; ``options`` are :func:`view_graph`'s (``focus=``, ``programme=``...)."""
    from kg.viz.render import render_html
    from kg.viz.styles import Styles

    return inline_page(render_html(view_graph(store, **options), Styles.load(store)), height=height)
