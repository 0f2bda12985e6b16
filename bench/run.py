#!/usr/bin/env python3
"""Store and query benchmark: load, peak memory, the competency queries, ``kg describe`` and ``kg viz --focus``
on synthetic graphs of growing size (bench/generate.py), for five engines, on the same files.

Engines (each size x engine runs in a child process of its own, in its own process group, with a time limit):

* ``rdflib``: rdflib's in-memory ``Dataset`` (union default graph), parse + rdflib's SPARQL.
* ``pyoxigraph``: a raw in-memory ``pyoxigraph.Store``, ``bulk_load`` + ``query``: the floor.
* ``kg-memory``: our path with the default store: ``kg.store.load_file`` + ``kg.store.run``.
* ``kg-oxigraph``: our path with ``--store oxigraph:PATH``: ``kg.stores.load_store`` then ``open_store``.
* ``kg-server``: ``oxigraph serve`` on a free 127.0.0.1 port, loaded and queried through
  ``--store sparql+http://...`` (``load_store`` / ``open_store``).

    .venv/bin/python bench/run.py                                   # 10k, 100k, 1M, 5M (generated if missing)
    .venv/bin/python bench/run.py --sizes 10000 100000 --reps 5 --timeout 300
    .venv/bin/python bench/run.py --smoke --data-dir /tmp/x --out /tmp/x/stores.json   # one 10k run, 1 repetition

Timings are for information only: nothing asserts them.  See bench/README.md.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import resource
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from types import SimpleNamespace
from typing import Any

from benchlib import machine_info, records, run_worker, worker_status

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_SIZES = (10_000, 100_000, 1_000_000, 5_000_000)
ENGINES = ("rdflib", "pyoxigraph", "kg-memory", "kg-oxigraph", "kg-server")
OURS, RAW = "kg-memory", "pyoxigraph"
# which busy entity of the synthetic graph binds which parameter of the named queries
BUSY_PARAMS = {"programme": "programme", "person": "person", "publisher": "publisher", "statement": "statement"}
SLOW_S = 5.0  # a warm-up slower than this gets a single timed repetition (reported as reps=1)


def _shown(path: Path) -> str:
    """``path`` relative to the repository when inside it, so results name no machine's folders."""
    try:
        return str(path.resolve().relative_to(Path(__file__).resolve().parents[1]))
    except ValueError:
        return path.name


def data_file(data_dir: Path, size: int, seed: int) -> Path:
    return data_dir / f"stores-{size}-s{seed}.trig"


def _emit(**fields: Any) -> None:
    print(json.dumps(fields), flush=True)


def _rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _hwm_mb(pid: int) -> float | None:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        return None
    return None


def _rows_digest(rows: list[tuple[str, ...]]) -> str:
    h = hashlib.sha256()
    for row in sorted(rows):
        h.update(json.dumps(row, ensure_ascii=False).encode())
    return h.hexdigest()[:16]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _oxigraph_binary() -> str:
    beside = Path(sys.executable).parent / "oxigraph"
    found = str(beside) if beside.is_file() else shutil.which("oxigraph")
    if not found:
        raise RuntimeError("the oxigraph server CLI is missing (pip install oxigraph)")
    return found


def _as_trig(path: Path, build_dir: Path) -> Path:
    """``build_dir/graph.trig`` for kg.stores.load_store: a symlink, or a TriG copy of an N-Quads file."""
    build_dir.mkdir(parents=True, exist_ok=True)
    target = build_dir / "graph.trig"
    if path.suffix == ".trig":
        target.symlink_to(path.resolve())
    else:  # each N-Quads line as a one-triple graph block, streamed
        with path.open(encoding="utf-8") as src, target.open("w", encoding="utf-8") as dst:
            for line in src:
                body = line.rstrip().removesuffix(".").rstrip()
                s, p, rest = body.split(" ", 2)
                obj, graph = rest.rsplit(" ", 1)
                dst.write(f"{graph} {{ {s} {p} {obj} . }}\n")
    return target


# ---------------------------------------------------------------------------------------------
# One engine on one file, in its own process
# ---------------------------------------------------------------------------------------------

class QueryTimeout(Exception):
    """A query, card or view that ran past --query-timeout."""


def _alarm(*_: Any) -> None:
    raise QueryTimeout


def worker(args: argparse.Namespace) -> None:  # noqa: C901 - one flat script per engine is clearer here
    signal.signal(signal.SIGALRM, _alarm)
    engine, path = args.worker, Path(args.file)
    meta = json.loads(Path(str(path) + ".meta.json").read_text(encoding="utf-8"))
    busy = meta["busy"]
    import pyoxigraph as ox

    from kg.namespaces import PREFIXES
    from kg.queries import NamedQuery

    queries = [NamedQuery.parse(p.stem, p.read_text(encoding="utf-8"), p)
               for p in sorted((ROOT / "queries").glob("cq_*.rq"))]
    fmt = "trig" if path.suffix == ".trig" else "nquads"
    tmp = Path(tempfile.mkdtemp(prefix=f"kg-bench-{engine}-"))
    server = None
    _emit(phase="load", rss_before_mb=_rss_mb())
    try:
        started = time.perf_counter()
        if engine == "rdflib":
            from rdflib import Dataset, URIRef, Variable

            store: Any = Dataset(default_union=True)
            store.parse(str(path), format=fmt)
        elif engine == "pyoxigraph":
            store = ox.Store()
            store.bulk_load(path=str(path), format=ox.RdfFormat.TRIG if fmt == "trig" else ox.RdfFormat.N_QUADS)
        elif engine == "kg-memory":
            from kg.store import load_file

            store = load_file(path)
        else:
            from kg.stores import load_store, open_store, parse_store

            project = SimpleNamespace(build_dir=tmp / "build")
            _as_trig(path, project.build_dir)
            if engine == "kg-oxigraph":
                spec = parse_store(f"oxigraph:{tmp / 'store'}")
            else:
                port = _free_port()
                server = subprocess.Popen([_oxigraph_binary(), "serve", "--location", str(tmp / "server"),
                                           "--bind", f"127.0.0.1:{port}"],
                                          stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
                deadline = time.monotonic() + 30
                while True:
                    try:
                        socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
                        break
                    except OSError:
                        if time.monotonic() > deadline or server.poll() is not None:
                            raise RuntimeError("oxigraph serve did not start") from None
                        time.sleep(0.05)
                started = time.perf_counter()  # the server's start-up is not load time
                spec = parse_store(f"sparql+http://127.0.0.1:{port}")
            load_store(spec, project)  # type: ignore[arg-type]
            store = open_store(spec, project)  # type: ignore[arg-type]
            if engine == "kg-server":
                store.timeout = args.timeout
        load_s = time.perf_counter() - started
        fields: dict[str, Any] = {"load_s": load_s, "rss_mb": _rss_mb()}
        if server is not None:
            fields["server_rss_mb"] = _hwm_mb(server.pid)
        _emit(phase="queries", **fields)

        def limited(fn: Any) -> Any:  # one call, interrupted after --query-timeout (Python code only)
            signal.setitimer(signal.ITIMER_REAL, args.query_timeout)
            try:
                return fn()
            finally:
                signal.setitimer(signal.ITIMER_REAL, 0)

        def timed(fn: Any) -> dict[str, Any]:
            t = time.perf_counter()
            try:
                out = limited(fn)  # warm-up (its answer is the one compared across engines)
            except QueryTimeout:
                return {"status": f"timeout ({args.query_timeout:g} s)", "median_s": None}
            first = time.perf_counter() - t
            reps = 1 if (first > SLOW_S or args.reps <= 1) else args.reps
            times = [first] if args.reps <= 1 else []
            if args.reps > 1:
                for _ in range(reps):
                    t = time.perf_counter()
                    try:
                        limited(fn)
                    except QueryTimeout:
                        break
                    times.append(time.perf_counter() - t)
            times = times or [first]
            return {"median_s": statistics.median(times), "min_s": min(times), "reps": len(times),
                    "warmup_s": first, **out}

        for q in queries:
            bound = {p.name: busy[BUSY_PARAMS[p.name]] for p in q.params if p.name in BUSY_PARAMS}
            if engine == "rdflib":
                bindings = {Variable(k): URIRef(v) for k, v in bound.items()}

                def fn(q: NamedQuery = q, bindings: dict = bindings) -> dict[str, Any]:
                    rows = [tuple("" if t is None else ("_:" if type(t).__name__ == "BNode" else str(t))
                                  for t in row) for row in store.query(q.text, initBindings=bindings)]
                    return {"rows": len(rows), "digest": _rows_digest(rows)}
            else:
                subs = {ox.Variable(k): ox.NamedNode(v) for k, v in bound.items()}
                if engine == "pyoxigraph":
                    def execute(q: NamedQuery = q, subs: dict = subs) -> Any:
                        return store.query(q.text, substitutions=subs, use_default_graph_as_union=True)
                else:
                    from kg.queries import bind
                    from kg.store import run

                    subs = bind(store, q, {k: f"<{v}>" for k, v in bound.items()})

                    def execute(q: NamedQuery = q, subs: dict = subs) -> Any:
                        return run(store, q.text, substitutions=subs)

                def fn(execute: Any = execute) -> dict[str, Any]:
                    result = execute()
                    rows = [tuple("" if t is None else ("_:" if isinstance(t, ox.BlankNode) else t.value)
                                  for t in row) for row in result]
                    return {"rows": len(rows), "digest": _rows_digest(rows)}
            _emit(query=q.name, params=bound, **timed(fn))

        entity = busy["programme"]
        if engine == "rdflib":
            from rdflib import URIRef, Variable

            from kg.describe import card_query

            def describe() -> dict[str, Any]:
                n = 0
                for name in ("card_statements", "card_counts", "card_assessments"):
                    n += len(list(store.query(card_query(name, ox.NamedNode(entity)), initNs=PREFIXES)))
                return {"rows": n}
            _emit(describe=entity, what="the three card queries (first 100 of each list) in rdflib", **timed(describe))
        else:
            from kg.describe import card
            from kg.viz import view

            def describe() -> dict[str, Any]:
                c = card(store, entity)
                return {"rows": len(c["statements"]) + len(c["criticisms_made"]) + len(c["criticisms_received"])}
            _emit(describe=entity, what="kg.describe.card (first 100 of each list, with counts)", **timed(describe))

            def viz() -> dict[str, Any]:
                g = view(store, focus_on=entity, depth=1)
                return {"rows": g.number_of_nodes(), "edges": g.number_of_edges()}
            _emit(viz=entity, what="kg.viz.view(focus_on=..., depth=1): kg.viz.neighbourhood.focus_view", **timed(viz))
        fields = {"rss_end_mb": _rss_mb()}
        if server is not None:
            fields["server_rss_mb"] = _hwm_mb(server.pid)
        _emit(phase="done", **fields)
    finally:
        if server is not None:
            server.terminate()
            try:
                server.wait(timeout=20)
            except subprocess.TimeoutExpired:
                server.kill()
                server.wait()
        shutil.rmtree(tmp, ignore_errors=True)


# ---------------------------------------------------------------------------------------------
# The driver
# ---------------------------------------------------------------------------------------------

def run_engine(engine: str, path: Path, args: argparse.Namespace) -> dict[str, Any]:
    command = [sys.executable, str(Path(__file__).resolve()), "--worker", engine, "--file", str(path),
               "--reps", str(args.reps), "--timeout", str(args.timeout), "--query-timeout", str(args.query_timeout)]
    result: dict[str, Any] = {"engine": engine, "status": "ok", "queries": {}}
    started = time.perf_counter()
    out, err, returncode, timed_out = run_worker(command, cwd=ROOT, timeout=args.timeout, grace=20)
    if timed_out:
        result["status"] = "timeout"
    phase = None
    for fields in records(out):
        if "query" in fields:
            result["queries"][fields.pop("query")] = fields
            continue
        for key in ("describe", "viz"):
            if key in fields:
                fields["entity"] = fields.pop(key)
                result[key] = fields
                break
        else:
            phase = fields.pop("phase", phase)
            result.update(fields)
    result["wall_s"] = time.perf_counter() - started
    result["status"] = worker_status(result["status"], phase=phase, returncode=returncode, err=err,
                                     timeout=args.timeout, width=200)
    return result


def _fmt_s(v: float | None) -> str:
    if v is None:
        return "\u2013"
    return f"{v * 1000:.1f} ms" if v < 1 else f"{v:.2f} s"


def _ratio(a: float | None, b: float | None) -> str:
    return f"{a / b:.2f}x" if a and b else "\u2013"


def _metric(r: dict[str, Any] | None, key: str) -> float | None:
    if not r:
        return None
    if key == "load":
        return r.get("load_s")
    if key == "rss":
        return r.get("server_rss_mb") or r.get("rss_mb")
    if key in ("describe", "viz"):
        return (r.get(key) or {}).get("median_s")
    return (r.get("queries", {}).get(key) or {}).get("median_s")


def size_table(size_result: dict[str, Any], engines: list[str]) -> str:
    by = {r["engine"]: r for r in size_result["engines"]}
    queries = sorted({q for r in by.values() for q in r.get("queries", {})})
    head = ["", *engines, "ours / raw", "rdflib / ours"]
    lines = ["| " + " | ".join(head) + " |", "|---|" + "---:|" * (len(head) - 1)]
    for key, label in [("load", "load"), ("rss", "peak RSS MB"), *((q, q) for q in queries),
                       ("describe", "kg describe (busiest programme)"), ("viz", "kg viz --focus (busiest programme)")]:
        vals = {e: _metric(by.get(e), key) for e in engines}
        cells = []
        for e in engines:
            v = vals[e]
            entry = by.get(e, {})
            sub = entry.get(key) if key in ("describe", "viz") else entry.get("queries", {}).get(key)
            if v is None and sub and str(sub.get("status", "")).startswith("timeout"):
                cells.append(sub["status"])
            elif v is None:
                st = entry.get("status", "n/a")
                cells.append("timeout" if st.startswith("timeout") else ("n/a" if st == "ok" else st[:30]))
            else:
                cells.append(f"{v:.0f}" if key == "rss" else _fmt_s(v))
        rows = ""
        if key not in ("load", "rss", "describe", "viz"):
            counts = {(by[e]["queries"].get(key) or {}).get("rows") for e in engines if e in by and
                      by[e].get("queries", {}).get(key)} - {None}
            rows = f" ({'/'.join(str(c) for c in sorted(counts))} rows)"
        lines.append(f"| {label}{rows} | " + " | ".join(cells) + f" | {_ratio(vals.get(OURS), vals.get(RAW))} | "
                     f"{_ratio(vals.get('rdflib'), vals.get(OURS))} |")
    status = "; ".join(f"{r['engine']}: {r['status']}" for r in size_result["engines"] if r["status"] != "ok")
    return "\n".join(lines) + (f"\n\nNot ok: {status}" if status else "")


def agreement(size_result: dict[str, Any]) -> dict[str, Any]:
    """For each query, whether every engine that answered gave the same rows (count and digest)."""
    out = {}
    for r in size_result["engines"]:
        for q, v in r.get("queries", {}).items():
            if v.get("rows") is None:
                continue
            out.setdefault(q, {})[r["engine"]] = [v.get("rows"), v.get("digest")]
    return {q: {"same": len({tuple(v) for v in by.values()}) == 1, "answers": by} for q, by in out.items()}


def targets(size_result: dict[str, Any]) -> list[tuple[str, bool | None, str]]:
    by = {r["engine"]: r for r in size_result["engines"]}
    ours, raw, rdf = by.get(OURS), by.get(RAW), by.get("rdflib")
    checks: list[tuple[str, bool | None, str]] = []

    def check(name: str, ok: bool | None, detail: str) -> None:
        checks.append((name, ok, detail))

    lo, lr, ld = _metric(ours, "load"), _metric(raw, "load"), _metric(rdf, "load")
    check("load >= 10x faster than rdflib", None if ld is None else ld / lo >= 10 if lo else None,
          f"rdflib {_fmt_s(ld)} vs ours {_fmt_s(lo)}" + (" (rdflib timed out: ratio is at least "
                                                           f"{size_result.get('timeout_s', 0) / lo:.0f}x)"
                                                           if ld is None and lo and rdf else ""))
    check("load within 1.3x of raw pyoxigraph", lo / lr <= 1.3 if lo and lr else None, _ratio(lo, lr))
    mo, mr = _metric(ours, "rss"), _metric(raw, "rss")
    check("peak memory within 1.5x of raw pyoxigraph", mo / mr <= 1.5 if mo and mr else None,
          f"{mo:.0f} MB vs {mr:.0f} MB" if mo and mr else "\u2013")
    for q in sorted((ours or {}).get("queries", {})):
        qo, qr, qd = _metric(ours, q), _metric(raw, q), _metric(rdf, q)
        check(f"{q}: < 100 ms", qo < 0.1 if qo is not None else None, _fmt_s(qo))
        check(f"{q}: within 1.3x of raw", qo / qr <= 1.3 if qo and qr else None, _ratio(qo, qr))
        check(f"{q}: >= 10x faster than rdflib", qd / qo >= 10 if qd and qo else None,
              _ratio(qd, qo) if qd else "rdflib: no answer (timeout)")
    d = _metric(ours, "describe")
    check("kg describe < 100 ms", d < 0.1 if d is not None else None, _fmt_s(d))
    return checks


def plot(report: dict[str, Any], path: Path) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig, axes = plt.subplots(1, 3, figsize=(15, 4.6))
    engines = report["engines"]
    for engine in engines:
        xs, load, total, desc = [], [], [], []
        for s in report["sizes"]:
            r = next((r for r in s["engines"] if r["engine"] == engine), None)
            if not r or r.get("load_s") is None:
                continue
            xs.append(s["triples"])
            load.append(r["load_s"])
            qs = [v.get("median_s") for v in r.get("queries", {}).values()]
            complete = qs and len(qs) == len(s["queries"]) and None not in qs
            total.append(sum(qs) if complete else float("nan"))  # a timed-out query: no point
            desc.append((r.get("describe") or {}).get("median_s") or float("nan"))
        for ax, ys in zip(axes, (load, total, desc), strict=True):
            if xs:
                ax.plot(xs, ys, marker="o", label=engine)
    titles = ("load", "all competency queries (sum of medians)", "kg describe (busiest programme)")
    for ax, title in zip(axes, titles, strict=True):
        ax.set_xscale("log")
        ax.set_yscale("log")
        ax.set_xlabel("triples")
        ax.set_ylabel("seconds")
        ax.set_title(title)
        ax.grid(True, which="both", alpha=0.3)
    axes[1].axhline(0.1 * 14, color="grey", linestyle=":", linewidth=1)
    axes[2].axhline(0.1, color="grey", linestyle=":", linewidth=1)
    axes[0].legend()
    fig.suptitle("watchdog-kg store benchmark (missing points: timeout or not run)")
    fig.tight_layout()
    fig.savefig(path, dpi=110)


def machine() -> dict[str, Any]:
    import pyoxigraph
    import rdflib

    info = machine_info(pyoxigraph=pyoxigraph.__version__, rdflib=rdflib.__version__)
    try:
        info["oxigraph_server"] = subprocess.run([_oxigraph_binary(), "--version"], capture_output=True,
                                                 text=True, timeout=10).stdout.strip()
    except (OSError, RuntimeError, subprocess.SubprocessError):
        pass
    return info


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", nargs="+", default=[str(s) for s in DEFAULT_SIZES])
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--data-dir", default=str(ROOT / "bench/data"), help="generated graphs (made if missing)")
    parser.add_argument("--engines", nargs="+", default=list(ENGINES), choices=ENGINES)
    parser.add_argument("--rdflib-max", type=int, default=1_000_000, help="skip rdflib above this many triples")
    parser.add_argument("--reps", type=int, default=5, help="timed repetitions after a warm-up (default 5)")
    parser.add_argument("--timeout", type=float, default=900, help="seconds per engine per size (default 900)")
    parser.add_argument("--query-timeout", type=float, default=60,
                        help="seconds per query, card or view call, then reported as a timeout (default 60)")
    parser.add_argument("--out", default=str(ROOT / "bench/results/stores.json"))
    parser.add_argument("--md", default=None, help="Markdown table (default: beside --out, .md)")
    parser.add_argument("--plot", default=None, help="PNG plot (default: beside --out, .png; '' for none)")
    parser.add_argument("--smoke", action="store_true", help="10k triples, one repetition, every engine")
    parser.add_argument("--note", action="append", default=[],
                        help="a line for the 'Notes on this run' section of the Markdown (repeatable)")
    parser.add_argument("--worker", default=None, help=argparse.SUPPRESS)
    parser.add_argument("--file", default=None, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        worker(args)
        return
    if args.smoke:
        args.sizes, args.reps = ["10000"], 1
        args.timeout, args.query_timeout = min(args.timeout, 300), min(args.query_timeout, 10)
    out = Path(args.out)
    md = Path(args.md) if args.md else out.with_suffix(".md")
    png = None if args.plot == "" else Path(args.plot) if args.plot else out.with_suffix(".png")
    sizes = [int(s.replace("_", "")) for item in args.sizes for s in item.split(",") if s.strip()]
    data_dir = Path(args.data_dir)
    report: dict[str, Any] = {"machine": machine(), "seed": args.seed, "reps": args.reps, "timeout_s": args.timeout,
                              "query_timeout_s": args.query_timeout, "notes": args.note,
                              "when": time.strftime("%Y-%m-%dT%H:%M:%S%z"), "engines": args.engines, "sizes": []}
    for size in sizes:
        path = data_file(data_dir, size, args.seed)
        if not path.is_file() or not Path(str(path) + ".meta.json").is_file():
            subprocess.run([sys.executable, str(ROOT / "bench/generate.py"), "--triples", str(size), "--seed",
                            str(args.seed), "--out", str(path)], check=True)
        meta = json.loads(Path(str(path) + ".meta.json").read_text(encoding="utf-8"))
        entry: dict[str, Any] = {"requested": size, "triples": meta["triples"], "file": _shown(path), "meta": meta,
                                 "timeout_s": args.timeout, "engines": []}
        for engine in args.engines:
            if engine == "rdflib" and size > args.rdflib_max:
                entry["engines"].append({"engine": engine, "status": f"skipped (> --rdflib-max {args.rdflib_max})",
                                         "queries": {}})
                continue
            print(f"{meta['triples']:,} triples, {engine} \u2026", file=sys.stderr, flush=True)
            entry["engines"].append(run_engine(engine, path, args))
            r = entry["engines"][-1]
            print(f"  {r['status']} (load {_fmt_s(r.get('load_s'))}, {r['wall_s']:.0f} s)", file=sys.stderr, flush=True)
        entry["queries"] = sorted({q for r in entry["engines"] for q in r.get("queries", {})})
        entry["agreement"] = agreement(entry)
        entry["targets"] = [{"target": t, "holds": ok, "detail": d} for t, ok, d in targets(entry)]
        report["sizes"].append(entry)
        out.parent.mkdir(parents=True, exist_ok=True)  # written after every size: a partial run keeps its figures
        out.write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    m = report["machine"]
    parts = [f"# Store and query benchmark\n\n`bench/run.py` (seed {args.seed}, median of {args.reps} runs after a "
             f"warm-up; a warm-up over {SLOW_S:g} s is timed once) on {m['cpus']} CPUs, {m.get('memory_gb', '?')} GB, "
             f"{m['platform']}; Python {m['python']}, pyoxigraph {m['pyoxigraph']}, rdflib {m['rdflib']}, "
             f"{m.get('oxigraph_server', 'oxigraph server ?')}; {report['when']}. Timeout {args.timeout:g} s per "
             f"engine per size. Ours = kg-memory; raw = pyoxigraph.\n"]
    for entry in report["sizes"]:
        disagree = [q for q, a in entry["agreement"].items() if not a["same"]]
        answers = ("every engine gave the same rows for every query" if not disagree
                   else "DIFFER for " + ", ".join(disagree))
        parts.append(f"## {entry['triples']:,} triples ({entry['meta']['documents']:,} documents, busiest programme "
                     f"draws {entry['meta']['busy']['programme_criticisms']:,} of "
                     f"{entry['meta']['busy']['criticisms']:,} criticisms)\n\n{size_table(entry, args.engines)}\n\n"
                     f"Answers: {answers}.\n")
        held = [f"- {'holds' if ok else 'MISSED' if ok is False else 'not measured'}: {t} ({d})"
                for t, ok, d in targets(entry)]
        parts.append("Targets:\n\n" + "\n".join(held) + "\n")
    notes = [*args.note, "Medians of one run on one machine: compare the ratios within a run (same machine, same "
             "moment), not absolute times across runs or machines."]
    parts.append("## Notes on this run\n\n" + "\n".join(f"- {n}" for n in notes) + "\n")
    text = "\n".join(parts)
    md.write_text(text, encoding="utf-8")
    print(text)
    if png is not None and report["sizes"]:
        plot(report, png)
        print(f"wrote {out}, {md}, {png}", file=sys.stderr)


if __name__ == "__main__":
    main()
