"""Matplotlib charts for the notebooks: savings, targets against outturns, a timeline, the network.

Each function takes what a query or :mod:`kg.network` returns (a DataFrame from ``kg.query(...,
frame=True)`` or ``%%sparql``, or a networkx graph) and returns a ``matplotlib.figure.Figure``.
Colours for stances and kinds of entity come from ``ontology/views.ttl`` through :func:`palette`.
matplotlib (the ``notebook`` extra) is imported only when a chart is drawn.

>>> money(55000000), money(1000000000), money(4200000000), money(-300000)
('£55m', '£1bn', '£4.2bn', '-£0.3m')
"""

from __future__ import annotations

import datetime
import textwrap
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

import pandas as pd

if TYPE_CHECKING:  # pragma: no cover
    import matplotlib.figure
    import networkx as nx
    import pyoxigraph as ox

__all__ = ["money", "palette", "savings_chart", "targets_chart", "timeline_chart", "network_chart"]

_FIGURE_KINDS = ["assumed", "promised", "forecast", "planned", "estimate", "credible"]
# timeline kinds (cq_timeline's ?kind) -> the style in ontology/views.ttl that draws them
_TIMELINE_STYLE = {"report": "document", "meeting": "meeting", "criticism": "critical", "rebuttal": "disputing",
                   "defence": "defending", "support": "supportive", "recommendation": "recommendation",
                   "decision": "decision"}
_TIMELINE_MARKER = {"report": "s", "meeting": "h", "criticism": "o", "rebuttal": "v", "defence": "^",
                    "support": "P", "recommendation": "D", "decision": "X"}


def money(value: float) -> str:
    """A sum in GBP as people write it: £55m, £1bn, £4.2bn."""
    sign, value = ("-" if value < 0 else ""), abs(value)
    if value >= 1e9:
        return f"{sign}£{value / 1e9:.3g}bn"
    return f"{sign}£{value / 1e6:.3g}m"


def palette(store: ox.Store) -> dict[str, str]:
    """Colours by class or stance label (``"audit body"``, ``"critical"``), from ``ontology/views.ttl``."""
    from kg.viz.styles import Styles

    return Styles.load(store).colours()


def _pyplot() -> Any:
    import matplotlib.pyplot as plt

    return plt


def _wrap(text: str, width: int = 46) -> str:
    return "\n".join(textwrap.wrap(str(text), width)) or str(text)


def savings_chart(frame: pd.DataFrame, *, colours: dict[str, str], kinds: list[str] | None = None
                  ) -> matplotlib.figure.Figure:
    """Savings per programme (``cq_savings``): one bar per figure, coloured by kind (assumed, credible...).

    ``colours`` maps kind labels to colours: ``palette(store)`` reads them from ``ontology/views.ttl``.

    A range is drawn from its low to its high bound; an "at least" figure ends in an arrow.
    """
    plt = _pyplot()
    key = "figure_iri" if "figure_iri" in frame else "figure"
    figures = frame.drop_duplicates(key)
    figures = figures[figures["kind"].isin(kinds)] if kinds is not None else figures
    order = {k: i for i, k in enumerate(kinds or _FIGURE_KINDS)}
    programmes = sorted(figures["programmeLabel"].unique(), key=lambda p: -len(figures[figures.programmeLabel == p]))
    sizes = [len(figures[figures.programmeLabel == p]) for p in programmes]
    fig, axes = plt.subplots(len(programmes), 1, figsize=(10, 1.2 + 0.55 * sum(sizes) + 0.6 * len(programmes)),
                             gridspec_kw={"height_ratios": sizes}, squeeze=False, layout="constrained")
    for ax, programme in zip(axes[:, 0], programmes, strict=False):
        rows = figures[figures.programmeLabel == programme].copy()
        rows["order"] = rows["kind"].map(lambda k: order.get(k, len(order)))
        rows = rows.sort_values(["order", "value", "low"], ascending=[False, True, True])
        xmax = max(float(rows[["value", "low", "high"]].max().max()) * 1.3, 1e6)
        for y, (_, row) in enumerate(rows.iterrows()):
            colour = colours.get(row["kind"], "#7f7f7f")
            low, high, value = (None if pd.isna(row[c]) else float(row[c]) for c in ("low", "high", "value"))
            if value is not None:
                start, width, text = 0.0, value, money(value)
            elif high is not None:
                start, width, text = low or 0.0, high - (low or 0.0), f"{money(low or 0)}–{money(high)}"
            else:  # a lower bound only: the bar goes on as an arrow
                start, width, text = 0.0, low, f"more than {money(low)}"
                ax.annotate("", xy=((low + 0.07 * xmax) / 1e6, y), xytext=(low / 1e6, y),
                            arrowprops={"arrowstyle": "-|>", "color": colour, "lw": 2.5, "shrinkA": 0})
            ax.barh(y, width / 1e6, left=start / 1e6, color=colour, height=0.62)
            end = start + width + (0.07 * xmax if value is None and high is None else 0)
            ax.text(end / 1e6, y, f"  {text}", va="center", fontsize=9)
        ax.set_yticks(range(len(rows)), [_wrap(m) for m in rows["measures"]], fontsize=8.5)
        ax.set_title(programme, loc="left", fontsize=11, fontweight="bold")
        ax.set_xlabel("£ million")
        ax.set_xlim(0, xmax / 1e6)
        ax.spines[["top", "right"]].set_visible(False)
    handles = [plt.Rectangle((0, 0), 1, 1, color=colours.get(k, "#7f7f7f")) for k in order if k in set(figures["kind"])]
    fig.legend(handles, [k for k in order if k in set(figures["kind"])], loc="outside lower center",
               ncols=len(handles), frameon=False, title="kind of figure")
    fig.suptitle("Savings assumed, promised, forecast and judged credible", fontsize=13)
    return fig


def targets_chart(frame: pd.DataFrame) -> matplotlib.figure.Figure:
    """Targets against outturns (``cq_missed_targets``): one panel per target, with the miss and its cost."""
    plt = _pyplot()
    fig, axes = plt.subplots(1, len(frame), figsize=(5.2 * len(frame), 4.2), squeeze=False, layout="constrained")
    for ax, (_, row) in zip(axes[0], frame.iterrows(), strict=False):
        values = [row["targetValue"], row["outturnValue"]]
        bars = ax.bar(["target", "outturn"], values, color=["#9d9d9d", "#d62728"], width=0.55)
        ax.axhline(0, color="black", lw=0.8)
        for bar, value in zip(bars, values, strict=False):
            ax.annotate(f"{value:+,}", (bar.get_x() + bar.get_width() / 2, value), ha="center",
                        va="bottom" if value >= 0 else "top", fontsize=10, xytext=(0, 3 if value >= 0 else -3),
                        textcoords="offset points")
        cost = "" if pd.isna(row.get("cost")) else f"; cost {money(float(row['cost']))} more than planned"
        ax.set_title(_wrap(f"{row['programmeLabel']}: {row['measures']}", 48), fontsize=10, loc="left")
        ax.set_xlabel(_wrap(f"missed by {row['miss']:,} {row['unit']}{cost}", 56), fontsize=9)
        ax.set_ylabel(str(row["unit"]))
        low, high = min(values + [0]), max(values + [0])
        ax.set_ylim(low - 0.15 * (high - low), high + 0.15 * (high - low))
        ax.spines[["top", "right"]].set_visible(False)
    return fig


def _when(value: Any) -> tuple[datetime.date, bool]:
    """A date to plot and whether it is exact; a year or a month is placed in its middle."""
    if isinstance(value, (pd.Timestamp, datetime.datetime)):
        return value.date(), True
    if isinstance(value, datetime.date):
        return value, True
    text = str(value)
    if len(text) == 4:
        return datetime.date(int(text), 7, 1), False
    if len(text) == 7:
        return datetime.date(int(text[:4]), int(text[5:7]), 15), False
    return datetime.date.fromisoformat(text[:10]), True


def timeline_chart(frame: pd.DataFrame, *, colours: Mapping[str, str] | None = None) -> matplotlib.figure.Figure:
    """Reports, meetings, criticisms, rebuttals... per programme over time (``cq_timeline``).

    Filled markers have a day; hollow ones only a month or a year, drawn in its middle.
    """
    plt = _pyplot()
    colours = colours or {}
    rows = frame.assign(when=[_when(v) for v in frame["date"]])
    key = "item_iri" if "item_iri" in rows else "item"
    first = rows.groupby("programmeLabel")["when"].min().sort_values(ascending=False)
    lanes = {p: i for i, p in enumerate(first.index)}
    fig, ax = plt.subplots(figsize=(12, 0.75 + 0.62 * len(lanes)), layout="constrained")
    rows = rows.drop_duplicates([key, "programmeLabel"])
    together = rows.groupby(["programmeLabel", "when"])["kind"].transform("size")  # items on one day stack up
    slot = rows.groupby(["programmeLabel", "when"]).cumcount()
    for (_, row), n, i in zip(rows.iterrows(), together, slot, strict=False):
        (day, exact), kind = row["when"], row["kind"]
        y = lanes[row["programmeLabel"]] + (i - (n - 1) / 2) * min(0.1, 0.8 / n)
        colour = colours.get(_TIMELINE_STYLE.get(kind, kind), "#555555")
        ax.scatter([day], [y], marker=_TIMELINE_MARKER.get(kind, "o"), s=46, linewidths=1.4, edgecolors=colour,
                   facecolors=colour if exact else "none", zorder=3)
    ax.set_yticks(list(lanes.values()), [_wrap(p, 30) for p in lanes], fontsize=9)
    ax.grid(axis="x", color="#e5e5e5")
    ax.spines[["top", "right"]].set_visible(False)
    kinds = [k for k in _TIMELINE_MARKER if k in set(rows["kind"])]
    handles = [plt.Line2D([], [], ls="", marker=_TIMELINE_MARKER[k], markersize=7,
                          color=colours.get(_TIMELINE_STYLE[k], "#555555")) for k in kinds]
    handles.append(plt.Line2D([], [], ls="", marker="o", markersize=7, markerfacecolor="none", color="#555555"))
    ax.legend(handles, [*kinds, "month or year only"], loc="upper left", fontsize=8.5, frameon=False,
              bbox_to_anchor=(1.0, 1.0))
    ax.set_title("Reports, meetings, criticisms and responses across programmes", loc="left", fontsize=12)
    return fig


def _layout(graph: nx.DiGraph, *, seed: int) -> dict[Any, Any]:
    """The largest component in the middle (Kamada-Kawai), the smaller ones in a column on its right."""
    import networkx as nx

    undirected = graph.to_undirected(as_view=True)
    parts = sorted(nx.connected_components(undirected), key=lambda c: (-len(c), sorted(c)))
    positions: dict[Any, Any] = {}
    top = 1.0
    for i, part in enumerate(parts):
        sub = undirected.subgraph(part)
        local = nx.kamada_kawai_layout(sub) if len(part) > 2 else nx.spring_layout(sub, seed=seed)
        scale = 1.0 if i == 0 else max(0.12, 0.9 * (len(part) / len(parts[0])) ** 0.5)
        centre = (0.0, 0.0) if i == 0 else (1.45 + scale, top - scale)
        top = top if i == 0 else top - 2 * scale - 0.15
        positions.update({n: (centre[0] + scale * x, centre[1] + scale * y) for n, (x, y) in local.items()})
    return positions


def network_chart(graph: nx.DiGraph, *, colours: Mapping[str, str] | None = None, seed: int = 7,
                  label_degree: int = 2) -> matplotlib.figure.Figure:
    """The criticism network (:func:`kg.network.criticism_network`): arrows coloured by stance, width by weight.

    Node colours follow the node's class (``type``), else its ``role``; nodes with at least
    ``label_degree`` links are labelled.
    """
    import networkx as nx

    plt = _pyplot()
    colours = colours or {}
    fig, ax = plt.subplots(figsize=(13, 9), layout="constrained")
    positions = _layout(graph, seed=seed)
    degree = dict(graph.degree())
    for role, shape in (("actor", "o"), ("programme", "*")):
        nodes = [n for n, d in graph.nodes(data=True) if d.get("role") == role]
        nx.draw_networkx_nodes(graph, positions, nodelist=nodes, node_shape=shape, ax=ax,
                               node_size=[120 + 70 * degree[n] * (2 if role == "programme" else 1) for n in nodes],
                               node_color=[colours.get(graph.nodes[n].get("type"), colours.get(role, "#4e79a7"))
                                           for n in nodes], edgecolors="white")
    edges = list(graph.edges(data=True))
    nx.draw_networkx_edges(graph, positions, edgelist=[(a, b) for a, b, _ in edges], ax=ax, arrowsize=11,
                           width=[0.8 + 0.5 * d.get("weight", 1) for *_, d in edges], node_size=300,
                           edge_color=[colours.get(d.get("stance"), "#888888") for *_, d in edges],
                           connectionstyle="arc3,rad=0.08")
    labels = {n: _wrap(d.get("label", n), 22) for n, d in graph.nodes(data=True) if degree[n] >= label_degree}
    nx.draw_networkx_labels(graph, positions, labels=labels, font_size=8, ax=ax)
    stances = sorted({d.get("stance") for *_, d in edges if d.get("stance")})
    ax.legend([plt.Line2D([], [], color=colours.get(s, "#888888"), lw=2) for s in stances], stances,
              title="stance", loc="lower left", frameon=False)
    ax.set_title(graph.graph.get("name", "network"), loc="left")
    ax.axis("off")
    return fig
