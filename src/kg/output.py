"""Printing query results and entity cards: table, CSV, TSV, SPARQL JSON, text."""

from __future__ import annotations

import json
from enum import Enum
from typing import Any, TextIO

import pyoxigraph as ox
from rich.console import Console
from rich.table import Table

from kg.rdfio import compact

__all__ = ["ResultFormat", "CardFormat", "write_result", "write_card", "term_text"]


class ResultFormat(str, Enum):
    """Output formats of ``kg query``."""

    table = "table"
    csv = "csv"
    tsv = "tsv"
    json = "json"


class CardFormat(str, Enum):
    """Output formats of ``kg describe``."""

    text = "text"
    json = "json"


_SPARQL_FORMATS = {ResultFormat.csv: ox.QueryResultsFormat.CSV, ResultFormat.tsv: ox.QueryResultsFormat.TSV,
                   ResultFormat.json: ox.QueryResultsFormat.JSON}


def term_text(term: Any) -> str:
    """A term as a person reads it: prefixed IRIs, plain literal values."""
    if term is None:
        return ""
    if isinstance(term, ox.NamedNode):
        return compact(term.value)
    if isinstance(term, ox.BlankNode):
        return f"_:{term.value}"
    return term.value


def write_result(result: ox.QuerySolutions | ox.QueryBoolean | ox.QueryTriples, fmt: ResultFormat,
                 stream: TextIO, *, console: Console | None = None) -> int:
    """Write a query result; returns the number of rows (or triples)."""
    if isinstance(result, ox.QueryTriples):
        triples = list(result)
        data = ox.serialize(triples, format=ox.RdfFormat.TURTLE, prefixes=None) or b""
        stream.write(data.decode("utf-8"))
        return len(triples)
    if isinstance(result, ox.QueryBoolean):
        if fmt is ResultFormat.json:
            stream.write(json.dumps({"head": {}, "boolean": bool(result)}) + "\n")
        else:
            stream.write(("true" if result else "false") + "\n")
        return 1
    if fmt is not ResultFormat.table:
        rows_text = result.serialize(format=_SPARQL_FORMATS[fmt]).decode("utf-8")
        stream.write(rows_text if rows_text.endswith("\n") else rows_text + "\n")
        return max(0, rows_text.count("\n") - 1) if fmt is not ResultFormat.json else \
            len(json.loads(rows_text)["results"]["bindings"])
    names = [v.value for v in result.variables]
    table = Table(*names, show_lines=False, header_style="bold")
    count = 0
    for row in result:
        table.add_row(*(term_text(row[n]) for n in names))
        count += 1
    (console or Console(file=stream, width=200, emoji=False, highlight=False)).print(table)
    return count


def write_card(card: dict[str, Any], fmt: CardFormat, stream: TextIO) -> None:
    """Print an entity card as text or JSON."""
    if fmt is CardFormat.json:
        stream.write(json.dumps(card, indent=2, ensure_ascii=False) + "\n")
        return
    console = Console(file=stream, width=120, highlight=False, markup=False, emoji=False, soft_wrap=True)
    console.print(f"{card['label']}  ({card['id']})", style="bold")
    console.print("type: " + ", ".join(card["types"]))
    if card["aliases"]:
        console.print("also: " + "; ".join(card["aliases"]))
    for name, value in card["identifiers"].items():
        console.print(f"{name}: {value}")
    console.print()
    more = _more(card)
    statements = card["statements"]
    for i, s in enumerate(statements):
        shown = s["value_label"] or s["value"]
        if s["direction"] == "out":
            console.print(f"  {s['property_label']}: {shown}")
        else:
            console.print(f"  \u2190 {shown}  (as {s['property_label']})")
            if more["statements_in"] and (i + 1 == len(statements) or statements[i + 1]["direction"] != "in"):
                console.print(f"  \u2190 \u2026 and {more['statements_in']:,} more statements in (--all lists them)")
    for key, title in (("criticisms_made", "Assessments made"), ("criticisms_received", "Assessments received")):
        if card[key]:
            console.print()
            console.print(title, style="bold")
        for item in card[key]:
            who = f" ({'target' if key == 'criticisms_made' else 'by'}: {item['other']})" if item["other"] else ""
            console.print(f"  [{item['stance']}] {item['date'] or 'undated'}: {item['label']}{who}")
            for ev in item["evidence"]:
                console.print(f"      \u201c{ev['quote']}\u201d — {ev['source_title']} ({ev['source']})")
        if more[key]:
            console.print(f"  \u2026 and {more[key]:,} more (--all lists them)")


def _more(card: dict[str, Any]) -> dict[str, int]:
    """How many statements in and assessments each card list leaves out (its ``limit``).

    >>> _more({"limit": 2, "counts": {"statements_in": 5, "criticisms_made": 1, "criticisms_received": 2}})
    {'statements_in': 3, 'criticisms_made': 0, 'criticisms_received': 0}
    """
    limit = card.get("limit")
    return {key: 0 if limit is None else max(0, n - limit) for key, n in card.get("counts", {}).items()}
