"""The store benchmark, small: bench/generate.py at 10k triples and bench/run.py --smoke in a temporary folder.

It prints the timings (``pytest -s`` shows them; they are also written under the temporary folder) and
asserts only that every engine gave the same competency answers: the same row counts and the same sorted
rows (compared by digest).  No timing is asserted.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_bench_smoke(tmp_path: Path) -> None:
    data = tmp_path / "data"
    subprocess.run([sys.executable, str(ROOT / "bench/generate.py"), "--triples", "10000", "--seed", "0",
                    "--out", str(data / "stores-10000-s0.trig")], check=True, cwd=ROOT)
    out = tmp_path / "results" / "stores.json"
    done = subprocess.run([sys.executable, str(ROOT / "bench/run.py"), "--smoke", "--data-dir", str(data),
                           "--out", str(out)], capture_output=True, text=True, cwd=ROOT, timeout=900)
    print(done.stdout)
    assert done.returncode == 0, done.stderr[-3000:]
    report = json.loads(out.read_text(encoding="utf-8"))
    (size,) = report["sizes"]
    engines = {r["engine"]: r for r in size["engines"]}
    for name in ("pyoxigraph", "kg-memory", "kg-oxigraph"):
        assert engines[name]["status"] == "ok", (name, engines[name]["status"])
    queries = sorted(p.stem for p in (ROOT / "queries").glob("cq_*.rq"))
    assert sorted(engines["kg-memory"]["queries"]) == queries
    for query in queries:
        answers = {name: (r["queries"][query]["rows"], r["queries"][query]["digest"])
                   for name, r in engines.items() if r["queries"].get(query, {}).get("rows") is not None}
        assert {"pyoxigraph", "kg-memory", "kg-oxigraph"} <= set(answers), (query, answers)
        assert len(set(answers.values())) == 1, (query, answers)
    cards = {name: r["describe"]["rows"] for name, r in engines.items()
             if name != "rdflib" and r.get("describe", {}).get("rows") is not None}
    assert len(set(cards.values())) == 1, cards
