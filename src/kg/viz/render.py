"""Write the view graph as one self-contained HTML page with pyvis and the project's own template.

vis-network's script and stylesheet come from the pyvis package itself and are
inlined, so the page makes no network request, from ``file://`` too.  Above
``layout_threshold`` nodes, positions are computed here with networkx and the
page starts with physics off.

Large graphs are laid out level by level (:func:`layout`): networkx's Louvain
communities split the graph into parts of at most ``_PART`` nodes, each part gets
its own spring layout, and the parts are placed by a spring layout of the graph
of parts.  Every spring layout runs on fewer than 500 nodes, where networkx works
on numpy alone, so a layout costs seconds instead of minutes (bench/viz_bench.py).
"""

from __future__ import annotations

from collections import defaultdict
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

import networkx as nx
from pyvis.network import Network

from kg.viz.layout import layout
from kg.viz.styles import Styles

__all__ = ["render_html", "layout", "LAYOUT_THRESHOLD"]

LAYOUT_THRESHOLD = 800
_TEMPLATES = Path(str(resources.files("kg.viz").joinpath("templates")))


@cache
def _assets() -> dict[str, str]:
    vis = Path(str(resources.files("pyvis"))) / "lib" / "vis-9.1.2"
    return {"vis_js": (vis / "vis-network.min.js").read_text(encoding="utf-8"),
            "vis_css": (vis / "vis-network.css").read_text(encoding="utf-8"),
            "js": (_TEMPLATES / "graph.js").read_text(encoding="utf-8"),
            "css": (_TEMPLATES / "graph.css").read_text(encoding="utf-8")}




def _font_colour(background: str) -> str:
    """Dark or light text, whichever reads on ``background`` (a #rrggbb colour).

    >>> _font_colour("#1f3b73"), _font_colour("#f4a261")
    ('#ffffff', '#222222')
    """
    try:
        r, g, b = (int(background[i:i + 2], 16) / 255 for i in (1, 3, 5))
    except (ValueError, IndexError):
        return "#222222"
    return "#ffffff" if 0.2126 * r + 0.7152 * g + 0.0722 * b < 0.5 else "#222222"


_INSIDE = {"box", "ellipse", "circle", "database", "text"}  # vis-network shapes that draw the label inside


def _short(text: str, limit: int = 48) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "\u2026"


def _options(large: bool) -> dict[str, Any]:
    return {
        "nodes": {"font": {"size": 13, "face": "system-ui, sans-serif"}, "borderWidth": 1, "size": 14},
        "edges": {"arrows": {"to": {"enabled": True, "scaleFactor": 0.6}}, "font": {"size": 9, "align": "middle"},
                  "smooth": False if large else {"enabled": True, "type": "continuous", "roundness": 0.3},
                  "width": 1.4},
        "physics": {"enabled": not large, "solver": "forceAtlas2Based",
                    "forceAtlas2Based": {"gravitationalConstant": -60, "springLength": 120},
                    "stabilization": {"enabled": True, "iterations": 300, "fit": True}},
        "interaction": {"hover": True, "tooltipDelay": 120, "hideEdgesOnDrag": large, "keyboard": True},
        "layout": {"improvedLayout": not large},
    }


def render_html(graph: nx.MultiDiGraph, styles: Styles, *, layout_threshold: int = LAYOUT_THRESHOLD) -> str:
    """The page for ``graph``."""
    large = graph.number_of_nodes() > layout_threshold
    positions = layout(graph) if large else {}
    net = Network(height="100%", width="100%", directed=True, cdn_resources="in_line")
    net.set_template_dir(str(_TEMPLATES), "graph.html.j2")
    for node, d in graph.nodes(data=True):
        extra = {"x": positions[node][0], "y": positions[node][1], "physics": False} if node in positions else {}
        shape, colour = d["shape"] or "dot", d["colour"] or "#97c2fc"
        font = {"color": _font_colour(colour) if shape in _INSIDE else "#222222"}
        net.add_node(node, label=_short(d["label"]), title=f"{d['kind']}: {d['label']}", shape=shape,
                     color=colour, font=font, kind=d["kind"], actor=d["actor"], year=d["year"],
                     programmes=d.get("programmes", []), card=d["card"], **extra)
    parallel: dict[frozenset, int] = defaultdict(int)
    for a, b, key, d in graph.edges(keys=True, data=True):
        index = parallel[frozenset((a, b))]
        parallel[frozenset((a, b))] += 1
        extra: dict[str, Any] = {}
        if index and not large:
            extra["smooth"] = {"enabled": True, "type": "curvedCW", "roundness": 0.15 * index}
        card = d.get("card")
        title = (f"{card['from']} \u2192 {card['to']}: {card['label']}" + (f" ({card['date']})" if card["date"] else "")
                 if card else f"{graph.nodes[a]['label']} \u2192 {d['label']} \u2192 {graph.nodes[b]['label']}")
        net.add_edge(a, b, id=key, label=_short(d["label"], 32), title=title, color=d["colour"],
                     dashes=d["dashes"], stance=d["stance"], year=d["year"], card=card, **extra)
    net.options = _options(large)
    kinds = {d["kind"] for _, d in graph.nodes(data=True)} | {d["label"] for *_, d in graph.edges(data=True)}
    stances = sorted({d["stance"] for *_, d in graph.edges(data=True) if d["stance"]})
    node_years = [d["year"] for _, d in graph.nodes(data=True) if d["year"]]
    edge_years = [d["year"] for *_, d in graph.edges(data=True) if d["year"]]
    all_years = node_years + edge_years
    meta = {
        "programmes": sorted({d["label"] for _, d in graph.nodes(data=True) if d.get("programme")}),
        "actorKinds": sorted({d["kind"] for _, d in graph.nodes(data=True) if d["actor"]}),
        "stances": stances,
        "minYear": min(all_years) if all_years else None,
        "maxYear": max(all_years) if all_years else None,
        "legend": [item for item in styles.legend() if item["label"] in kinds or item["label"] in stances],
        "large": large,
    }
    net.templateEnv.globals.update(kg_assets=_assets(), kg_meta=meta)
    return net.generate_html()
