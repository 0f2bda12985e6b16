#!/usr/bin/env python3
"""Benchmark of the interactive graph page (``kg viz``) on synthetic view graphs of growing size.

For each size the script builds a synthetic view graph in the shape ``kg.viz.viewgraph.build_view``
produces, drawn in the project's real styles, then measures:

* ``render_html`` (the networkx layout included; the layout is also reported on its own),
* the size of the page,
* in headless Chromium: the time from the start of ``page.goto`` to ``body[data-rendered=true]``
  (set by graph.js after vis-network's first draw) and to ``body[data-stable=true]``.

Each size runs in its own process with a time limit, so a slow size is reported as a timeout
instead of hanging the run.  Timings are for information only: nothing here asserts them.

    .venv/bin/python bench/viz_bench.py                      # 1,000, 5,000 and 20,000 nodes
    .venv/bin/python bench/viz_bench.py --sizes 1000 --timeout 120

See bench/README.md.
"""

from __future__ import annotations

import argparse
import itertools
import json
import math
import random
import signal
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path
from typing import Any

from benchlib import FAMILY, GIVEN, PLACES, THEMES, WORDS, machine_info, records, run_worker, worker_status

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_SIZES = (1_000, 5_000, 20_000)
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
WKG = "https://w3id.org/watchdog-kg/ontology#"
VOCAB = "https://w3id.org/watchdog-kg/vocab/"
SYNTH = "https://w3id.org/watchdog-kg/id/synthetic/"

# ---------------------------------------------------------------------------------------------
# The synthetic graph
# ---------------------------------------------------------------------------------------------

# Share of the nodes (after the programmes) per class, close to the proportions of the real graph.
NODE_MIX = {"Pilot": 2.0, "Document": 14.0, "Figure": 30.0, "Finding": 9.0, "Decision": 4.0, "Meeting": 1.0,
            "Person": 11.4, "LocalAuthority": 8.4, "GovernmentDepartment": 1.5, "NhsBody": 2.7,
            "NewsOutlet": 1.1, "CollectiveActor": 1.9, "AnonymousActor": 2.3, "ParliamentaryCommittee": 0.8,
            "AuditBody": 0.4, "ThinkTank": 0.8, "Consultancy": 0.8, "ProfessionalBody": 1.1, "PublicAgency": 1.1,
            "PoliticalParty": 0.4, "CouncilPartnership": 0.8, "CombinedAuthority": 0.8, "GovernmentGroup": 0.8,
            "Organisation": 1.1, "NonMinisterialDepartment": 0.4, "Government": 0.1, "Legislature": 0.1}
DATED = {"Pilot": 0.6, "Document": 0.95, "Figure": 0.25, "Finding": 1.0, "Decision": 1.0, "Meeting": 1.0}
YEARS = range(2010, 2018)

# Who makes assessments (weight), and the skew of the programmes that receive them.
ASSESSORS = {"AuditBody": 30, "ParliamentaryCommittee": 14, "NewsOutlet": 10, "Person": 12, "LocalAuthority": 8,
             "ThinkTank": 5, "AnonymousActor": 5, "NhsBody": 4, "ProfessionalBody": 4, "GovernmentDepartment": 4,
             "CollectiveActor": 2, "Government": 2}
RESPONDERS = {"GovernmentDepartment": 30, "Government": 8, "NhsBody": 8, "Person": 12, "AnonymousActor": 6,
              "LocalAuthority": 6, "PublicAgency": 4, "NonMinisterialDepartment": 3}
STANCES = {"critical": 55, "supportive": 20, "disputing": 15, "defending": 10}
PROGRAMME_SKEW = 1.6  # Zipf exponent: the first two or three programmes receive most of the criticism
ACTOR_SKEW = 1.1      # a few prolific critics (the NAO, the PAC) within each kind

ORGS = ("GovernmentDepartment", "NhsBody", "PublicAgency", "LocalAuthority", "ThinkTank", "Consultancy",
        "ProfessionalBody", "Organisation", "NonMinisterialDepartment", "AuditBody", "ParliamentaryCommittee")
PUBLISHERS = ("AuditBody", "ParliamentaryCommittee", "NewsOutlet", "GovernmentDepartment", "ThinkTank",
              "LocalAuthority", "NhsBody", "ProfessionalBody")
# Plain statements (grey arrows): (weight, from class(es), label, to class(es), skewed programme target)
LINKS: list[tuple[float, tuple[str, ...], str, tuple[str, ...]]] = [
    (13, ("Figure",), "stated in", ("Document",)),
    (11, ("Figure",), "about", ("Programme",)),
    (5, ("Figure",), "compared with", ("Figure",)),
    (5, ("Document",), "about", ("Programme",)),
    (3, ("Finding",), "about", ("Programme", "Pilot")),
    (2, ("Finding",), "stated in", ("Document",)),
    (2, ("Finding",), "made by", ("LocalAuthority", "NewsOutlet", "AuditBody")),
    (3, ("Document",), "publisher", PUBLISHERS),
    (2, ("Document",), "creator", ("Person", "LocalAuthority")),
    (2, ("Document",), "responsible body", ("GovernmentDepartment", "NhsBody")),
    (1, ("Document",), "follow-up of", ("Document",)),
    (3, ("Pilot",), "participant", ("LocalAuthority",)),
    (1, ("Pilot",), "pilot of", ("Programme",)),
    (2, ("CombinedAuthority", "CouncilPartnership"), "has member", ("LocalAuthority",)),
    (1, ("GovernmentGroup", "CollectiveActor"), "has member", ("Person",)),
    (0.2, ("ParliamentaryCommittee",), "sub-organization of", ("Legislature",)),
    (1, ("Decision",), "stated in", ("Document",)),
    (1, ("Decision",), "decided by", ("GovernmentDepartment", "Government")),
    (1, ("Decision",), "about", ("Programme", "Pilot")),
    (1, ("Figure",), "made by", ("GovernmentDepartment", "AuditBody", "ProfessionalBody")),
    (1, ("Person",), "party", ("PoliticalParty",)),
    (1, ("AnonymousActor", "Person"), "affiliation", ORGS),
    (0.5, ("Meeting",), "participant", ("Person", "LocalAuthority")),
    (0.5, ("Meeting",), "meeting of", ("ParliamentaryCommittee", "GovernmentGroup")),
]
SHARE_ASSESSMENTS, SHARE_RECOMMENDATIONS, SHARE_POSTS = 0.30, 0.03, 0.03
EDGES_PER_NODE = 2.5
POSTS = ("Chair", "Permanent Secretary", "Chief Executive", "Leader of the Council", "Director of Finance",
         "Secretary of State", "Comptroller and Auditor General", "Minister of State", "acting news editor")



def _name(rng: random.Random, cls: str, i: int) -> str:
    place = PLACES[i % len(PLACES)] + ("" if i < len(PLACES) else f" {i // len(PLACES)}")
    words = lambda k: " ".join(rng.sample(WORDS, k))  # noqa: E731
    return {
        "Programme": f"{rng.choice(THEMES)} {rng.choice(('Fund', 'Budgets', 'Programme', 'Deal'))} {i}",
        "Pilot": f"{place} {rng.choice(THEMES).lower()} pilot",
        "Document": f"{rng.choice(('Report', 'Letter', 'Statement', 'Article', 'Minutes'))} on {words(3)} ({i})",
        "Figure": f"\u00a3{rng.randint(1, 950)}{rng.choice(('m', 'bn', 'k'))} of {words(4)} ({i})",
        "Finding": f"Finding: {words(6)} ({i})",
        "Decision": f"Decision to {words(4)} ({i})",
        "Meeting": f"Evidence session on {words(2)} ({i})",
        "Person": f"{rng.choice(GIVEN)} {rng.choice(FAMILY)} ({i})",
        "LocalAuthority": f"{place} {rng.choice(('Borough Council', 'City Council', 'County Council'))}",
        "AnonymousActor": f"A source quoted by the press ({i})",
    }.get(cls, f"{place} {cls_words(cls)}")


def cls_words(cls: str) -> str:
    """``NhsBody`` -> ``nhs body``."""
    return "".join(" " + c.lower() if c.isupper() else c for c in cls).strip()


def _evidence(rng: random.Random, year: int | None) -> dict[str, str]:
    return {"quote": " ".join(rng.choices(WORDS, k=rng.randint(18, 40))).capitalize() + ".",
            "headline": f"{rng.choice(PLACES)} {' '.join(rng.sample(WORDS, 5))}",
            "source": f"src:synthetic-{rng.randint(0, 999):03d}",
            "date": f"{year or rng.choice(YEARS)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"}


def _zipf(count: int, exponent: float) -> list[float]:
    """Cumulative Zipf weights for ``count`` items."""
    cum, total = [], 0.0
    for rank in range(1, count + 1):
        total += 1 / rank ** exponent
        cum.append(total)
    return cum


def synthesize(nodes: int, seed: int, styles: Any) -> Any:
    """A view graph of about ``nodes`` nodes, the same every time for the same ``seed``."""
    import networkx as nx

    from kg.viz.viewgraph import _mark_programmes

    rng = random.Random(f"watchdog-kg viz bench {seed} {nodes}")
    node_style, is_actor = {}, {}
    for cls in ("Programme", *NODE_MIX):
        style = styles.style(WKG + cls)
        if style.draw_as != "node":
            raise SystemExit(f"the project's styles no longer draw wkg:{cls} as a node; update bench/viz_bench.py")
        node_style[cls] = style
        is_actor[cls] = WKG + "Actor" in styles._ancestors(WKG + cls)
    stance_style = {s: styles.style(VOCAB + s) for s in STANCES}
    assessment, recommendation, post = (styles.style(WKG + c) for c in ("Assessment", "Recommendation", "PostHolding"))

    # nodes: a few programmes, then every class in proportion, at least one of each
    programmes = max(6, round(math.sqrt(nodes) / 6))
    rest = nodes - programmes
    total = sum(NODE_MIX.values())
    counts = {cls: max(1, math.floor(rest * share / total)) for cls, share in NODE_MIX.items()}
    counts["Figure"] += rest - sum(counts.values())
    counts = {"Programme": programmes, **counts}
    graph = nx.MultiDiGraph()
    by_class: dict[str, list[str]] = {}
    for cls, count in counts.items():
        style = node_style[cls]
        ids = by_class.setdefault(cls, [])
        for i in range(count):
            iri = f"{SYNTH}{cls.lower()}-{i}"
            label = _name(rng, cls, i)
            dated = rng.random() < DATED.get(cls, 0.08)
            year = rng.choice(YEARS) if dated else None
            card = {"id": f"ent:{cls.lower()}-{i}", "label": label, "kind": style.label,
                    "aliases": [label.split(" (")[0][:24]] if rng.random() < 0.3 else [],
                    "identifiers": [f"GSS code: E{rng.randint(6000000, 9000000):08d}"]
                    if cls == "LocalAuthority" else [],
                    "facts": [f"editorial note: {' '.join(rng.sample(WORDS, 8))}"] if rng.random() < 0.4 else [],
                    "date": f"{year}-{rng.randint(1, 12):02d}" if year else "",
                    "evidence": [_evidence(rng, year)] if rng.random() < 0.5 else [],
                    "out": [], "in": [], "assessments": []}
            graph.add_node(iri, label=label, kind=style.label, colour=style.colour, shape=style.shape, year=year,
                           actor=is_actor[cls], programme=cls == "Programme", card=card)
            ids.append(iri)

    cum: dict[tuple[str, float], list[float]] = {}

    def pick(classes: tuple[str, ...] | str, skew: float = 0.0) -> str:
        """A node of one of ``classes``; with ``skew``, the first nodes of a class are chosen far more often."""
        cls = classes if isinstance(classes, str) else rng.choice(classes)
        ids = by_class[cls]
        if cls == "Programme":
            skew = skew or PROGRAMME_SKEW
        if not skew:
            return rng.choice(ids)
        weights = cum.setdefault((cls, skew), _zipf(len(ids), skew))
        return rng.choices(ids, cum_weights=weights)[0]

    def note(a: str, b: str, label: str) -> None:  # keep cards small: at most 8 statements each way
        if len(graph.nodes[a]["card"]["out"]) < 8:
            graph.nodes[a]["card"]["out"].append([label, graph.nodes[b]["label"]])
        if len(graph.nodes[b]["card"]["in"]) < 8:
            graph.nodes[b]["card"]["in"].append([label, graph.nodes[a]["label"]])

    def arrow_card(kind: str, label: str, stance: str, a: str, b: str, year: int) -> dict[str, Any]:
        return {"id": f"ent:synthetic-{next(serial)}", "label": label, "kind": kind, "stance": stance,
                "date": f"{year}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}",
                "from": graph.nodes[a]["label"], "to": graph.nodes[b]["label"],
                "evidence": [_evidence(rng, year)], "facts": []}

    serial = itertools.count()
    edges = round(nodes * EDGES_PER_NODE)
    n_assess, n_rec, n_post = (round(edges * s) for s in (SHARE_ASSESSMENTS, SHARE_RECOMMENDATIONS, SHARE_POSTS))
    assessors, assessor_w = list(ASSESSORS), list(ASSESSORS.values())
    responders, responder_w = list(RESPONDERS), list(RESPONDERS.values())
    stances, stance_w = list(STANCES), list(STANCES.values())
    critics: list[str] = []
    for i in range(n_assess):
        stance = rng.choices(stances, weights=stance_w)[0]
        if stance in ("critical", "supportive"):
            a = pick(rng.choices(assessors, weights=assessor_w)[0], ACTOR_SKEW)
            roll = rng.random()
            b = (pick("Programme") if roll < 0.7 else pick(("Pilot", "Document")) if roll < 0.85
                 else pick(("GovernmentDepartment", "Government", "NhsBody", "LocalAuthority")))
            if stance == "critical":
                critics.append(a)
        else:  # disputing / defending: the criticised answer their critics, or defend a programme
            a = pick(rng.choices(responders, weights=responder_w)[0], ACTOR_SKEW)
            b = rng.choice(critics) if critics and rng.random() < 0.6 else pick("Programme")
        if a == b:
            continue
        year, style = rng.choice(YEARS), stance_style[stance]
        text = f"{graph.nodes[a]['label'].split(' (')[0]}: {' '.join(rng.sample(WORDS, 6))}"
        card = arrow_card(assessment.label, text, style.label, a, b, year)
        graph.add_edge(a, b, key=f"{SYNTH}assessment-{i}#0", label=assessment.label, colour=style.colour,
                       dashes=style.dashes, stance=style.label, year=year, assertion=card["id"], card=card)
        summary = {"label": text, "stance": style.label, "date": card["date"], "quote": card["evidence"][0]["quote"]}
        for end, role, other in ((a, "made", card["to"]), (b, "received", card["from"])):
            if len(graph.nodes[end]["card"]["assessments"]) < 8:
                graph.nodes[end]["card"]["assessments"].append({**summary, "role": role, "other": other})
    for i in range(n_rec):
        a, b = pick(("AuditBody", "ParliamentaryCommittee", "LocalAuthority"), ACTOR_SKEW), pick(
            ("GovernmentDepartment", "GovernmentGroup", "NhsBody"))
        year = rng.choice(YEARS)
        card = arrow_card(recommendation.label, f"Recommendation: {' '.join(rng.sample(WORDS, 6))}", "", a, b, year)
        graph.add_edge(a, b, key=f"{SYNTH}recommendation-{i}#0", label=recommendation.label,
                       colour=recommendation.colour, dashes=recommendation.dashes, stance=None, year=year,
                       assertion=card["id"], card=card)
    for i in range(n_post):
        a, b, title = pick("Person"), pick(ORGS), rng.choice(POSTS)
        year = rng.choice(YEARS)
        card = arrow_card(post.label, f"{graph.nodes[a]['label']}, {title}", "", a, b, year)
        graph.add_edge(a, b, key=f"{SYNTH}post-{i}#0", label=title, colour=post.colour, dashes=post.dashes,
                       stance=None, year=None, assertion=card["id"], card=card)
    weights = [w for w, *_ in LINKS]
    drawn = graph.number_of_edges()
    while drawn < edges:
        _, sources, label, targets = rng.choices(LINKS, weights=weights)[0]
        a, b = pick(sources), pick(targets)
        if a == b:
            continue
        graph.add_edge(a, b, key=f"{a} {label} {b} {drawn}", label=label, colour="#b0b0b0",
                       dashes=False, stance=None, year=None, card=None)
        note(a, b, label)
        drawn += 1
    # as in the real data, every entity is linked to something: give each node left alone one statement
    for cls, ids in by_class.items():
        outgoing = [link for link in LINKS if cls in link[1]]
        incoming = [link for link in LINKS if cls in link[3]]
        for a in ids:
            if graph.degree(a) or not (outgoing or incoming):
                continue
            if outgoing:
                _, _, label, targets = rng.choice(outgoing)
                b = pick(targets)
            else:
                _, sources, label, _ = rng.choice(incoming)
                a, b = pick(sources), a
            graph.add_edge(a, b, key=f"{a} {label} {b} {drawn}", label=label, colour="#b0b0b0",
                           dashes=False, stance=None, year=None, card=None)
            note(a, b, label)
            drawn += 1
    _mark_programmes(graph)
    return graph


# ---------------------------------------------------------------------------------------------
# One size, in its own process: prints one JSON object per line as each phase ends
# ---------------------------------------------------------------------------------------------

def _emit(**fields: Any) -> None:
    print(json.dumps(fields), flush=True)


def worker(args: argparse.Namespace) -> None:
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))  # let playwright close Chromium on a timeout
    import kg.viz.render as render
    from kg.build import open_built
    from kg.project import Project
    from kg.viz.styles import Styles

    size = args.worker
    _emit(phase="generate")
    styles = Styles.load(open_built(Project.find(ROOT)))
    started = time.perf_counter()
    graph = synthesize(size, args.seed, styles)
    stances = Counter(d["stance"] for *_, d in graph.edges(data=True) if d["stance"])
    top = Counter(b for _, b, d in graph.edges(data=True) if d["stance"] == "critical").most_common(3)
    _emit(phase="render", generate_s=time.perf_counter() - started, nodes=graph.number_of_nodes(),
          edges=graph.number_of_edges(), stances=dict(stances),
          top3_critical_share=sum(c for _, c in top) / max(stances["critical"], 1))

    layout_s: list[float] = []
    original = render.layout

    def timed_layout(*a: Any, **kw: Any) -> Any:
        t = time.perf_counter()
        try:
            return original(*a, **kw)
        finally:
            layout_s.append(time.perf_counter() - t)

    render.layout = timed_layout
    started = time.perf_counter()
    html = render.render_html(graph, styles, layout_threshold=args.layout_threshold)
    render_s = time.perf_counter() - started
    render.layout = original
    html_dir = Path(args.html_dir) if args.html_dir else Path(tempfile.mkdtemp(prefix="kg-viz-bench-"))
    html_dir.mkdir(parents=True, exist_ok=True)
    page = html_dir / f"viz-{size}.html"
    page.write_text(html, encoding="utf-8")
    _emit(phase="browser", render_s=render_s, layout_s=layout_s[0] if layout_s else None,
          physics=not layout_s, html_mb=page.stat().st_size / 1e6, html=str(page) if args.html_dir else None)
    del html, graph

    from playwright.sync_api import sync_playwright

    limit_ms = args.timeout * 1000
    errors: list[str] = []
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, timeout=limit_ms)
            try:
                tab = browser.new_page(viewport={"width": 1280, "height": 800})
                tab.on("pageerror", lambda e: errors.append(str(e)))
                started = time.perf_counter()
                tab.goto(page.as_uri(), wait_until="commit", timeout=limit_ms)
                tab.wait_for_selector("body[data-rendered='true']", state="attached", timeout=limit_ms)
                first = time.perf_counter() - started
                tab.wait_for_selector("body[data-stable='true']", state="attached", timeout=limit_ms)
                stable = time.perf_counter() - started
                shown = tab.evaluate("[window.kgData.nodes.length, window.kgData.edges.length]")
                _emit(phase="done", first_render_s=first, stable_s=stable, page_nodes=shown[0], page_edges=shown[1],
                      page_errors=errors, chromium=browser.version)
            finally:
                browser.close()
    finally:
        if not args.html_dir:
            page.unlink(missing_ok=True)
            html_dir.rmdir()


# ---------------------------------------------------------------------------------------------
# The driver: one process per size, a time limit each, a table at the end
# ---------------------------------------------------------------------------------------------

def run_size(size: int, args: argparse.Namespace) -> dict[str, Any]:
    command = [sys.executable, str(Path(__file__).resolve()), "--worker", str(size), "--seed", str(args.seed),
               "--timeout", str(args.timeout), "--layout-threshold", str(args.layout_threshold)]
    if args.html_dir:
        command += ["--html-dir", args.html_dir]
    result: dict[str, Any] = {"nodes_requested": size, "status": "ok"}
    started = time.perf_counter()
    out, err, returncode, timed_out = run_worker(command, cwd=ROOT, timeout=args.timeout, grace=15)
    if timed_out:
        result["status"] = "timeout"
    phase = None
    for fields in records(out):
        phase = fields.pop("phase", phase)
        result.update(fields)
    result["wall_s"] = time.perf_counter() - started
    result["status"] = worker_status(result["status"], phase=phase, returncode=returncode, err=err,
                                     timeout=args.timeout, width=160)
    return result


def _fmt(value: Any, digits: int = 2) -> str:
    if value is None:
        return "\u2013"
    if isinstance(value, float):
        return f"{value:.{digits}f}"
    return f"{value:,}" if isinstance(value, int) else str(value)


def table(results: list[dict[str, Any]]) -> str:
    head = ["nodes", "edges", "generate s", "layout s", "render_html s (incl. layout)", "HTML MB",
            "first render s", "data-stable s", "status"]
    rows = [[_fmt(r.get("nodes", r["nodes_requested"])), _fmt(r.get("edges")), _fmt(r.get("generate_s")),
             _fmt(r.get("layout_s")) if not r.get("physics") else "physics in page", _fmt(r.get("render_s")),
             _fmt(r.get("html_mb"), 1), _fmt(r.get("first_render_s")), _fmt(r.get("stable_s")), r["status"]]
            for r in results]
    lines = ["| " + " | ".join(head) + " |", "|" + "|".join("---:" if i < 8 else "---" for i in range(len(head))) + "|"]
    return "\n".join([*lines, *("| " + " | ".join(row) + " |" for row in rows)])


def machine() -> dict[str, Any]:
    import networkx

    return machine_info(networkx=networkx.__version__)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", nargs="+", default=[str(s) for s in DEFAULT_SIZES],
                        help="node counts (space- or comma-separated; default 1000 5000 20000)")
    parser.add_argument("--seed", type=int, default=0, help="seed of the synthetic graphs (default 0)")
    parser.add_argument("--out", default=str(ROOT / "bench/results/viz.json"), help="JSON results file")
    parser.add_argument("--md", default=str(ROOT / "bench/results/viz.md"), help="Markdown table ('' for none)")
    parser.add_argument("--timeout", type=float, default=600, help="seconds allowed per size (default 600)")
    parser.add_argument("--layout-threshold", type=int, default=None,
                        help="render_html's layout_threshold (default: the project's LAYOUT_THRESHOLD)")
    parser.add_argument("--html-dir", default=None, help="keep the generated pages in this folder")
    parser.add_argument("--worker", type=int, default=None, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.layout_threshold is None:
        from kg.viz.render import LAYOUT_THRESHOLD
        args.layout_threshold = LAYOUT_THRESHOLD
    if args.worker is not None:
        worker(args)
        return
    sizes = [int(s.replace("_", "")) for item in args.sizes for s in item.split(",") if s.strip()]
    results = []
    for size in sizes:
        print(f"{size:,} nodes \u2026", file=sys.stderr, flush=True)
        results.append(run_size(size, args))
        print(f"  {results[-1]['status']} ({results[-1]['wall_s']:.0f} s)", file=sys.stderr, flush=True)
    report = {"machine": machine(), "seed": args.seed, "timeout_s": args.timeout,
              "layout_threshold": args.layout_threshold, "chromium_args": CHROMIUM_ARGS,
              "when": time.strftime("%Y-%m-%dT%H:%M:%S%z"), "results": results}
    out = Path(args.out)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    text = table(results)
    print(text)
    if args.md:
        m = report["machine"]
        chromium = next((r["chromium"] for r in results if r.get("chromium")), "?")
        Path(args.md).write_text(
            f"# kg viz benchmark\n\n`.venv/bin/python bench/viz_bench.py --seed {args.seed}` on "
            f"{m['cpus']} CPUs, {m.get('memory_gb', '?')} GB, {m['platform']}; Python {m['python']}, "
            f"networkx {m['networkx']}, Chromium {chromium} (headless, software rendering); {report['when']}.\n\n"
            f"{text}\n\nOne run on a shared machine: expect some variation from run to run. What each column "
            f"measures: bench/README.md. No test asserts these timings.\n", encoding="utf-8")


if __name__ == "__main__":
    main()
