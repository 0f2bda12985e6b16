"""Load on ``kg serve``: concurrent clients, a mix of named queries and entity pages, with and without a runaway query.

Starts ``kg serve`` on a free port of 127.0.0.1 over the project's own build, then for each number of
clients (8 and 32) runs two scenarios for ``--duration`` seconds each:

- ``mix``: every client loops over a seeded random mix of the named queries (``/query/NAME.json``)
  and entity pages (``/entity/LOCAL``);
- ``mix + over-limit``: the same, plus one more client that sends a cross product that can only end
  at the server's ``--timeout`` (503); the others must not starve.

Reports throughput, p50/p99 latency and errors per scenario (and the over-limit client's answers) to
bench/results/serve_load.{json,md}.  Run: ``make bench-serve`` (or ``python bench/serve_load.py``).
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import platform
import random
import statistics
import subprocess
import sys
import threading
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path
from urllib.parse import urlencode, urlsplit

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "bench" / "results"
KG = Path(sys.executable).parent / "kg"
SLOW = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"  # 8,600 cubed: minutes


@dataclass
class Scenario:
    name: str
    clients: int
    seconds: float = 0.0
    requests: int = 0
    errors: int = 0
    throughput: float = 0.0
    p50_ms: float = 0.0
    p99_ms: float = 0.0
    max_ms: float = 0.0
    by_kind: dict = field(default_factory=dict)
    over_limit: dict | None = None


def start_server(timeout: float, workers: int) -> tuple[subprocess.Popen, str]:
    env = {**os.environ, "KG_HOME": str(ROOT)}
    env.pop("KG_STORE", None)
    process = subprocess.Popen([str(KG), "serve", "--host", "127.0.0.1", "--port", "0", "--timeout", str(timeout),
                                "--workers", str(workers)], stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                               env=env, cwd=ROOT, text=True, start_new_session=True)
    line = process.stdout.readline()  # type: ignore[union-attr]
    if not line.startswith("serving http://"):
        process.kill()
        raise SystemExit(f"kg serve did not start: {line!r}")
    return process, line.split()[1]


def targets() -> tuple[list[str], list[str]]:
    """Paths of the named queries and of some entity pages (programmes, critics, documents)."""
    from kg.api import query
    from kg.project import Project
    from kg.queries import list_queries

    project = Project.find(ROOT)
    named = [f"/query/{q.name}.json" for q in list_queries(project) if q.name.startswith("cq_")]
    rows = query("SELECT DISTINCT ?e WHERE { { ?e a wkg:Programme } UNION { ?c wkg:critic ?e } "
                 "UNION { ?e a wkg:AuditReport } } ORDER BY ?e", project=project)
    entities = ["/entity/" + r["e"].rsplit("/", 1)[1] for r in rows if r["e"].startswith(
        "https://w3id.org/watchdog-kg/id/")]
    return named, entities


def client(base: str, paths: list[str], deadline: float, seed: int, out: list) -> None:
    rng = random.Random(seed)
    host = urlsplit(base)
    conn = http.client.HTTPConnection(host.hostname, host.port, timeout=60)
    while time.monotonic() < deadline:
        path = rng.choice(paths)
        started = time.perf_counter()
        try:
            conn.request("GET", path)
            response = conn.getresponse()
            response.read()
            status = response.status
        except (OSError, http.client.HTTPException):
            status = 0
            conn.close()
            conn = http.client.HTTPConnection(host.hostname, host.port, timeout=60)
        out.append(("query" if path.startswith("/query/") else "entity", status, time.perf_counter() - started))
    conn.close()


def percentile(values: list[float], q: float) -> float:
    if not values:
        return 0.0
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(q * (len(ordered) - 1))))]


def run(base: str, name: str, clients: int, paths: list[str], seconds: float, over_limit: bool) -> Scenario:
    deadline = time.monotonic() + seconds
    records: list[list] = [[] for _ in range(clients)]
    threads = [threading.Thread(target=client, args=(base, paths, deadline, n, records[n])) for n in range(clients)]
    slow: list = []
    if over_limit:
        threads.append(threading.Thread(target=client, args=(base, ["/sparql?" + urlencode({"query": SLOW})],
                                                             deadline, 999, slow)))
    started = time.monotonic()
    for t in threads:
        t.start()
    for t in threads[:clients]:
        t.join()
    elapsed = time.monotonic() - started  # the mix's own time; the over-limit client's last answer may come later
    for t in threads[clients:]:
        t.join()
    done = [r for rs in records for r in rs]
    latencies = [r[2] for r in done]
    result = Scenario(name, clients, round(elapsed, 1), len(done), sum(1 for r in done if r[1] != 200),
                      round(len(done) / elapsed, 1), round(percentile(latencies, 0.5) * 1000, 1),
                      round(percentile(latencies, 0.99) * 1000, 1), round(max(latencies, default=0) * 1000, 1))
    for kind in ("query", "entity"):
        mine = [r[2] for r in done if r[0] == kind]
        result.by_kind[kind] = {"requests": len(mine), "p50_ms": round(percentile(mine, 0.5) * 1000, 1),
                                "p99_ms": round(percentile(mine, 0.99) * 1000, 1)}
    if over_limit:
        statuses: dict[str, int] = {}
        for r in slow:
            statuses[str(r[1])] = statuses.get(str(r[1]), 0) + 1
        result.over_limit = {"requests": len(slow), "statuses": statuses,
                             "median_s": round(statistics.median([r[2] for r in slow]), 2) if slow else None}
    return result


def markdown(results: list[Scenario], meta: dict) -> str:
    lines = ["# kg serve under load", "",
             f"`python bench/serve_load.py` on {meta['cpus']} CPU(s), Python {meta['python']}; server: "
             f"`kg serve --workers {meta['workers']} --timeout {meta['timeout']:g}` over the project's build; "
             f"{meta['seconds']:g} s per scenario; clients are threads with keep-alive http.client connections "
             "in one process on the same machine. The mix: "
             f"{meta['named']} named queries (`/query/NAME.json`) and {meta['entities']} entity pages, "
             "chosen at random.",
             "",
             "| scenario | clients | requests | req/s | p50 ms | p99 ms | max ms | errors | queries p99 ms | "
             "entity pages p99 ms | over-limit query |",
             "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|"]
    for r in results:
        slow = (f"{r.over_limit['requests']} sent, answers {r.over_limit['statuses']}, "
                f"median {r.over_limit['median_s']} s" if r.over_limit else "")
        lines.append(f"| {r.name} | {r.clients} | {r.requests} | {r.throughput} | {r.p50_ms} | {r.p99_ms} | "
                     f"{r.max_ms} | {r.errors} | {r.by_kind['query']['p99_ms']} | {r.by_kind['entity']['p99_ms']} | "
                     f"{slow} |")
    return "\n".join(lines) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--duration", type=float, default=20.0, help="seconds per scenario")
    parser.add_argument("--clients", type=int, nargs="+", default=[8, 32])
    parser.add_argument("--timeout", type=float, default=5.0, help="the server's --timeout")
    parser.add_argument("--workers", type=int, default=2, help="the server's --workers")
    parser.add_argument("--out", type=Path, default=RESULTS / "serve_load")
    args = parser.parse_args()
    subprocess.run([str(KG), "build", "-q"], cwd=ROOT, check=True, stdout=subprocess.DEVNULL)
    named, entities = targets()
    paths = named + entities
    process, base = start_server(args.timeout, args.workers)
    results = []
    try:
        for clients in args.clients:
            for over_limit in (False, True):
                name = "mix + over-limit" if over_limit else "mix"
                print(f"{name}, {clients} clients, {args.duration:g} s ...", flush=True)
                results.append(run(base, name, clients, paths, args.duration, over_limit))
                print(json.dumps(asdict(results[-1])), flush=True)
    finally:
        process.terminate()
        process.wait(15)
    meta = {"cpus": os.cpu_count(), "python": platform.python_version(), "workers": args.workers,
            "timeout": args.timeout, "seconds": args.duration, "named": len(named), "entities": len(entities)}
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.with_suffix(".json").write_text(json.dumps({"meta": meta, "results": [asdict(r) for r in results]},
                                                        indent=2) + "\n", encoding="utf-8")
    args.out.with_suffix(".md").write_text(markdown(results, meta), encoding="utf-8")
    print(markdown(results, meta))


if __name__ == "__main__":
    main()
