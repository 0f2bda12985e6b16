#!/usr/bin/env python3
"""Profiles behind the store benchmark's explanations, written as text under ``bench/results/profiles/``.

    .venv/bin/pip install -e '.[bench]'          # pyinstrument
    .venv/bin/python bench/profile_queries.py             # the 1M graph of bench/data (seed 0)
    .venv/bin/python bench/profile_queries.py --triples 100000 --plans

* ``breakdown.txt``: for each competency query, kg's own path on the in-memory store: time to the first row (the
  store evaluates and sorts everything before it gives a row to an ORDER BY query), to every row, to every row
  as Python strings, and the bench's digest of the rows (sort + SHA-256, not part of a user's query).
* ``pyinstrument-*.txt``: where the Python side spends its time (``kg describe`` of the busiest programme,
  ``kg viz --focus`` of it and of a quiet entity, one list query).
* ``plan-*.txt`` (``--plans``): Oxigraph's own evaluation plan with row counts and times per operator
  (``oxigraph query --explain --stats``, on an on-disk copy of the graph: slower than in memory, same plan).

Timings are information only; nothing asserts them.  See bench/README.md.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
PLANNED = ("cq_recommendations", "cq_timeline", "cq_figures")


def _median_ms(fn: Any, reps: int = 5) -> float:
    fn()
    times = []
    for _ in range(reps):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return statistics.median(times) * 1000


def breakdown(store: Any, busy: dict[str, str]) -> str:
    """Evaluation against conversion to Python, per competency query."""
    import hashlib

    from kg.queries import NamedQuery, bind
    from kg.store import run

    lines = ["query | rows | first row ms | every row ms | rows as Python strings ms | bench digest ms",
             "---|---:|---:|---:|---:|---:"]
    for path in sorted((ROOT / "queries").glob("cq_*.rq")):
        q = NamedQuery.parse(path.stem, path.read_text(encoding="utf-8"), path)
        subs = bind(store, q, {p.name: f"<{busy[p.name]}>" for p in q.params if p.name in busy})

        def first(q: Any = q, subs: Any = subs) -> Any:
            return next(iter(run(store, q.text, substitutions=subs)), None)

        def every(q: Any = q, subs: Any = subs) -> int:
            return sum(1 for _ in run(store, q.text, substitutions=subs))

        def strings(q: Any = q, subs: Any = subs) -> list[tuple[str, ...]]:
            return [tuple("" if t is None else t.value for t in row) for row in run(store, q.text, substitutions=subs)]

        rows = strings()

        def digest(rows: list[tuple[str, ...]] = rows) -> str:
            h = hashlib.sha256()
            for row in sorted(rows):
                h.update(json.dumps(row, ensure_ascii=False).encode())
            return h.hexdigest()

        lines.append(f"{q.name} | {len(rows)} | {_median_ms(first):.1f} | {_median_ms(every):.1f} | "
                     f"{_median_ms(strings):.1f} | {_median_ms(digest):.1f}")
    return "\n".join(lines) + "\n"


def profiled(fn: Any, repeat: int = 1) -> str:
    from pyinstrument import Profiler

    fn()  # warm-up
    profiler = Profiler(interval=0.0005)
    profiler.start()
    for _ in range(repeat):
        fn()
    profiler.stop()
    text = profiler.output_text(unicode=False, color=False, show_all=False)
    return text.replace(str(ROOT) + "/", "")  # no machine's folders in the results


def plans(path: Path, busy: dict[str, str], out: Path) -> None:
    """Oxigraph's plan with statistics for a few queries, on an on-disk copy of the graph."""
    from kg.namespaces import PREFIXES
    from kg.queries import NamedQuery

    binary = Path(sys.executable).parent / "oxigraph"
    with tempfile.TemporaryDirectory(prefix="kg-plans-") as tmp:
        subprocess.run([str(binary), "load", "--location", tmp, "--file", str(path)], check=True,
                       capture_output=True)
        for name in PLANNED:
            file = ROOT / "queries" / f"{name}.rq"
            q = NamedQuery.parse(name, file.read_text(encoding="utf-8"), file)
            text = q.text
            for p in q.params:  # bound as a VALUES block, as kg does for a remote endpoint
                if p.name in busy:
                    text = text.replace("WHERE {", f"WHERE {{ VALUES ?{p.name} {{ <{busy[p.name]}> }}", 1)
            prologue = "".join(f"PREFIX {k}: <{v}>\n" for k, v in PREFIXES.items())
            result = subprocess.run([str(binary), "query", "--location", tmp, "--union-default-graph", "--explain",
                                     "--stats", "--results-format", "tsv", "--query", prologue + text],
                                    capture_output=True, text=True, check=True)
            (out / f"plan-{name}.txt").write_text(result.stderr.replace(tmp, "STORE"), encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--triples", type=int, default=1_000_000)
    parser.add_argument("--data-dir", default=str(ROOT / "bench/data"))
    parser.add_argument("--out", default=str(ROOT / "bench/results/profiles"))
    parser.add_argument("--plans", action="store_true", help="also Oxigraph's plans (loads an on-disk copy)")
    args = parser.parse_args()
    path = Path(args.data_dir) / f"stores-{args.triples}-s0.trig"
    if not path.is_file():
        sys.exit(f"{path} is missing: python bench/generate.py --triples {args.triples} --seed 0 --out {path}")
    busy = json.loads(Path(str(path) + ".meta.json").read_text(encoding="utf-8"))["busy"]
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)

    from kg.describe import card
    from kg.queries import NamedQuery, bind
    from kg.store import load_file, run
    from kg.viz import view

    store = load_file(path)
    programme = busy["programme"]
    quiet = busy["person"].rsplit("-", 1)[0] + "-500"  # a person with few posts
    (out / "breakdown.txt").write_text(breakdown(store, busy), encoding="utf-8")
    (out / "pyinstrument-describe.txt").write_text(profiled(lambda: card(store, programme), repeat=10),
                                                   encoding="utf-8")
    (out / "pyinstrument-viz-focus-hub.txt").write_text(
        profiled(lambda: view(store, focus_on=programme, depth=1)), encoding="utf-8")
    (out / "pyinstrument-viz-focus-quiet.txt").write_text(
        profiled(lambda: view(store, focus_on=quiet, depth=1), repeat=10), encoding="utf-8")
    file = ROOT / "queries" / "cq_timeline.rq"
    q = NamedQuery.parse("cq_timeline", file.read_text(encoding="utf-8"), file)
    subs = bind(store, q, {p.name: f"<{busy[p.name]}>" for p in q.params if p.name in busy})

    def rows() -> list[tuple[str, ...]]:
        return [tuple("" if t is None else t.value for t in r) for r in run(store, q.text, substitutions=subs)]
    (out / "pyinstrument-cq_timeline.txt").write_text(profiled(rows, repeat=5), encoding="utf-8")
    if args.plans:
        plans(path, busy, out)
    print(f"wrote {out}", file=sys.stderr)


if __name__ == "__main__":
    main()
