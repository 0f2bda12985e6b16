"""The review report: every candidate with its sentence, the matched words highlighted; in the terminal
(a rich table) and as one self-contained HTML page (escaped, no script, no network).

>>> from kg.ingest.candidates import Candidate
>>> row = Candidate("s001", "x", "statement", "criticism: A → B", 0.8, 0, 24, [(6, 16)])
>>> "<mark>criticised</mark>" in html_page("001_x", "T <b>", "A has criticised B here.", [row])
True
"""

from __future__ import annotations

import html
from pathlib import Path

from rich.table import Table
from rich.text import Text

from kg.ingest.candidates import Candidate
from kg.rdfio import atomic_file

__all__ = ["review_table", "html_page", "write_html"]

_ORDER = {"statement": 0, "quote": 1, "figure": 2, "entity": 3, "mention": 4}


def _sorted(rows: list[Candidate]) -> list[Candidate]:
    return sorted(rows, key=lambda r: (_ORDER[r.category], r.id))


def review_table(source_id: str, text: str, rows: list[Candidate], *, limit: int | None = None) -> Table:
    """The candidates of one source as a rich table, sentences with the matched words in bold."""
    table = Table("id", "kind", "conf.", "candidate", "sentence (matched words in bold)",
                  title=f"Candidates from {source_id}: {len(rows)}", title_justify="left", show_lines=False)
    for row in _sorted(rows)[:limit]:
        sentence = Text(text[row.start:row.end])
        for a, b in row.marks:
            if row.start <= a < b <= row.end:
                sentence.stylize("bold reverse", a - row.start, b - row.start)
        table.add_row(row.id, row.category, f"{row.confidence:.2f}", row.summary, sentence)
    return table


def _marked(text: str, row: Candidate) -> str:
    out, pos = [], row.start
    for a, b in sorted(m for m in row.marks if row.start <= m[0] < m[1] <= row.end):
        if a < pos:
            continue
        out += [html.escape(text[pos:a]), "<mark>", html.escape(text[a:b]), "</mark>"]
        pos = b
    out.append(html.escape(text[pos:row.end]))
    return "".join(out)


def html_page(source_id: str, title: str, text: str, rows: list[Candidate]) -> str:
    """The review report as a self-contained HTML page."""
    body = []
    for row in _sorted(rows):
        body.append(f"<tr class='{row.category}'><td><code>{html.escape(row.id)}</code></td>"
                    f"<td>{html.escape(row.category)}</td><td>{row.confidence:.2f}</td>"
                    f"<td>{html.escape(row.summary)}</td><td>{_marked(text, row)}</td>"
                    f"<td class='at'>{row.start}–{row.end}</td></tr>")
    plural = {"statement": "statements", "quote": "quotations", "figure": "figures", "entity": "new entities",
              "mention": "mentions"}
    counts = ", ".join(f"{sum(r.category == c for r in rows)} {plural[c]}" for c in _ORDER)
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<title>Candidates from {html.escape(source_id)}</title>
<style>
body {{ font: 14px/1.4 system-ui, sans-serif; margin: 1.5em; color: #222; }}
table {{ border-collapse: collapse; width: 100%; }} th, td {{ border-bottom: 1px solid #ddd; padding: .3em .5em;
vertical-align: top; text-align: left; }} th {{ background: #f3f3f3; position: sticky; top: 0; }}
mark {{ background: #ffe066; padding: 0 .1em; }} .at {{ color: #888; white-space: nowrap; }}
tr.statement td:nth-child(2) {{ color: #b02a2a; }} tr.quote td:nth-child(2) {{ color: #2a5db0; }}
</style></head><body>
<h1>Candidates from <code>{html.escape(source_id)}</code></h1>
<p>{html.escape(title)}<br>{html.escape(counts)}. Extracted, not reviewed: accept with
<code>kg accept {html.escape(source_id)} --id ID</code> or <code>--min-confidence X</code>.</p>
<table><thead><tr><th>id</th><th>kind</th><th>conf.</th><th>candidate</th>
<th>sentence (matched words marked)</th><th>offsets</th></tr></thead><tbody>
{chr(10).join(body)}
</tbody></table></body></html>
"""


def write_html(path: Path, source_id: str, title: str, text: str, rows: list[Candidate]) -> None:
    """Write the HTML report atomically."""
    with atomic_file(path) as handle:
        handle.write(html_page(source_id, title, text, rows))
