#!/usr/bin/env python3
"""A synthetic accountability graph in the shape of watchdog-kg's own build, for the store benchmark.

    .venv/bin/python bench/generate.py --triples 1000000 --seed 0 --out bench/data/stores-1000000.trig

The graph uses the project's ontology (``ontology/*.ttl``, written as ``graph:ontology`` so that
classes, properties, stances and kinds have labels and views.ttl's drawing annotations exist):

* ``graph:entities``: programmes (with pilots and participating councils), government departments,
  councils, audit bodies, committees, news outlets, think tanks and people; ``org:hasMember`` for
  council partnerships.
* one named graph per synthetic source document (``graph:syn-NNNNNN``), as the build writes one per
  curated file: the source (a ``wkg:NewsArticle``), sometimes a report (``wkg:AuditReport`` or
  ``wkg:CommitteeReport`` with ``dcterms:publisher``, ``dcterms:date``, ``wkg:about``), criticisms,
  rebuttals and defences of earlier criticisms, support, figures (targets with outturns and costs,
  savings assumed/forecast), recommendations, meetings with decisions, and posts held
  (``wkg:PostHolding``).  Every statement has ``wkg:evidence``: a blank node with ``oa:hasSource``
  and two selectors (``oa:TextQuoteSelector`` with ``oa:exact``, ``oa:TextPositionSelector`` with
  ``oa:start``/``oa:end``) and ``wkg:sentence``.
* ``graph:inferred``: what OWL-RL would add and the queries need: every superclass of each asserted
  type (from the ontology's ``rdfs:subClassOf`` closure) and ``wkg:assessor`` for ``wkg:critic``,
  ``wkg:respondent`` and ``wkg:supporter``.  No owlrl run is needed.

Skew: programmes are picked with a Zipf weight (exponent 1.3), so the first few programmes draw most
criticism; critics, publishers and people are Zipf-skewed too (a few audit bodies and committees make
most criticisms).  The same ``--seed`` and ``--triples`` give the same bytes.  Output is streamed
(N-Quads for ``.nq``, TriG graph blocks of N-Triples lines for ``.trig``), a document at a time, so a
5M-triple graph never needs 5M Python objects.  A ``FILE.meta.json`` next to the output names the busy
entities the benchmark binds its parameters to.
"""

from __future__ import annotations

import argparse
import bisect
import itertools
import json
import random
import sys
import time
from collections import Counter
from pathlib import Path

import pyoxigraph as ox
from benchlib import FAMILY, GIVEN, PLACES, THEMES, WORDS

ROOT = Path(__file__).resolve().parents[1]
BASE = "https://w3id.org/watchdog-kg/"
WKG, VOC, ENT, SRC, GRAPH = BASE + "ontology#", BASE + "vocab/", BASE + "id/", BASE + "source/", BASE + "graph/"
RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
RDFS = "http://www.w3.org/2000/01/rdf-schema#"
SKOS = "http://www.w3.org/2004/02/skos/core#"
DCT = "http://purl.org/dc/terms/"
OA = "http://www.w3.org/ns/oa#"
ORG = "http://www.w3.org/ns/org#"
SCHEMA = "https://schema.org/"
XSD = "http://www.w3.org/2001/XMLSchema#"
INFERRED, ENTITIES, ONTOLOGY = GRAPH + "inferred", GRAPH + "entities", GRAPH + "ontology"

PROGRAMME_SKEW, ACTOR_SKEW = 1.3, 1.1
CRITICISM_KINDS = ("adverseFinding", "complaint", "warning", "scepticism", "accusation")
SAVING_KINDS = ("assumed", "forecast", "credible", "promised", "estimate", "planned")
ROLES = {"chair": "Chair", "permanentSecretary": "Permanent Secretary", "councilLeader": "Leader of the Council",
         "minister": "Minister of State", "comptrollerAndAuditorGeneral": "Comptroller and Auditor General",
         "journalist": "journalist"}
COUNCIL_CLASSES = ("MetropolitanDistrictCouncil", "LondonBoroughCouncil", "UnitaryAuthority", "CountyCouncil",
                   "DistrictCouncil")


def iri(value: str) -> str:
    return f"<{value}>"


def lit(text: str, lang: str | None = "en") -> str:
    text = text.replace("\\", "\\\\").replace('"', '\\"')
    return f'"{text}"@{lang}' if lang else f'"{text}"'


def typed(value: object, datatype: str) -> str:
    return f'"{value}"^^<{XSD}{datatype}>'


class Zipf:
    """Pick from ``items`` with weight 1/rank^s, deterministically from ``rng``."""

    def __init__(self, items: list[str], s: float) -> None:
        self.items = items
        self.cum = list(itertools.accumulate(1 / (r + 1) ** s for r in range(len(items))))

    def __call__(self, rng: random.Random) -> str:
        return self.items[bisect.bisect_left(self.cum, rng.random() * self.cum[-1])]


def ontology() -> tuple[str, dict[str, list[str]], set[str]]:
    """The ontology as N-Triples (graph:ontology), each class's superclasses, and declared classes."""
    store = ox.Store()
    for path in sorted((ROOT / "ontology").glob("*.ttl")):
        store.bulk_load(path=str(path), format=ox.RdfFormat.TURTLE)
    text = ox.serialize(store.quads_for_pattern(None, None, None, ox.DefaultGraph()), format=ox.RdfFormat.N_QUADS)
    supers: dict[str, list[str]] = {}
    for row in store.query(f"SELECT ?c ?s WHERE {{ ?c <{RDFS}subClassOf>+ ?s FILTER(isIRI(?c) && isIRI(?s)) }}"):
        supers.setdefault(row["c"].value, []).append(row["s"].value)
    classes = {row["c"].value for row in store.query(
        "SELECT ?c WHERE { ?c a <http://www.w3.org/2002/07/owl#Class> FILTER(isIRI(?c)) }")}
    for values in supers.values():
        values.sort()
    return text.decode("utf-8"), supers, classes


class Writer:
    """Streams quads as N-Quads, or as TriG blocks (one block per document; a graph may recur)."""

    def __init__(self, handle, trig: bool, supers: dict[str, list[str]]) -> None:
        self.handle, self.trig, self.supers = handle, trig, supers
        self.count = 0
        self.lines: dict[str, list[str]] = {}

    def add(self, graph: str, s: str, p: str, o: str) -> None:
        self.lines.setdefault(graph, []).append(f"{s} {p} {o}")

    def a(self, graph: str, s: str, cls: str) -> None:
        """An asserted type, and each superclass in graph:inferred."""
        self.add(graph, s, iri(RDF_TYPE), iri(WKG + cls))
        for sup in self.supers.get(WKG + cls, ()):
            self.add(INFERRED, s, iri(RDF_TYPE), iri(sup))

    def flush(self) -> None:
        for graph, lines in self.lines.items():
            self.count += len(lines)
            if self.trig:
                self.handle.write(f"<{graph}> {{\n" + " .\n".join(lines) + " .\n}\n")
            else:
                g = f" <{graph}> .\n"
                self.handle.write(g.join(lines) + g)
        self.lines.clear()


def generate(triples: int, seed: int, out: Path) -> dict:
    rng = random.Random(seed)
    onto_text, supers, classes = ontology()
    missing = {WKG + c for c in ("Criticism", "Rebuttal", "Defence", "AuditReport", "PostHolding", "Figure",
                                 "Meeting", "Decision", "Recommendation", "Pilot", "Programme")} - classes
    if missing:
        sys.exit(f"the ontology no longer declares {sorted(missing)}; update bench/generate.py")
    scale = max(triples, 10_000) / 1_000_000
    n_prog = max(8, round(40 * scale ** 0.5))
    n_dept, n_council = max(6, round(25 * scale ** 0.3)), max(20, round(400 * scale ** 0.5))
    n_person, n_outlet = max(30, round(3000 * scale)), max(5, round(30 * scale ** 0.5))
    n_audit, n_committee, n_think = 3, max(3, round(12 * scale ** 0.3)), max(3, round(15 * scale ** 0.3))
    handle = out.open("w", encoding="utf-8")
    w = Writer(handle, out.suffix == ".trig", supers)
    # the ontology as it stands: its lines are N-Triples already (default graph in N-Quads)
    onto_lines = [line[:-2].rstrip() for line in onto_text.splitlines() if line.endswith(" .")]
    w.lines[ONTOLOGY] = onto_lines
    w.flush()

    ents: dict[str, list[str]] = {}

    def entity(cls: str, key: str, label: str, *, kind: str | None = None) -> str:
        node = iri(f"{ENT}syn-{key}")
        w.a(ENTITIES, node, kind or cls)
        w.add(ENTITIES, node, iri(RDFS + "label"), lit(label))
        ents.setdefault(cls, []).append(node)
        return node

    for i in range(n_prog):
        kind = ("Fund", "Budgets", "Programme", "Deal")[i % 4]
        p = entity("Programme", f"programme-{i}", f"{THEMES[i % len(THEMES)]} {kind} {i}")
        w.add(ENTITIES, p, iri(SKOS + "altLabel"), lit(f"the {THEMES[i % len(THEMES)].lower()} scheme {i}"))
        if i:
            w.add(ENTITIES, p, iri(WKG + "precededBy"), ents["Programme"][rng.randrange(i)])
    for i in range(n_dept):
        d = entity("GovernmentDepartment", f"department-{i}", f"Department for {rng.choice(THEMES)} {i}")
        w.add(ENTITIES, d, iri(SKOS + "altLabel"), lit(f"D{rng.choice(THEMES)[0]}{i}", None))
    for i in range(n_audit):
        entity("AuditBody", f"audit-{i}", f"Audit Office {i}")
    for i in range(n_committee):
        entity("ParliamentaryCommittee", f"committee-{i}", f"Committee on {rng.choice(WORDS)} {i}")
    for i in range(n_outlet):
        entity("NewsOutlet", f"outlet-{i}", f"{rng.choice(PLACES)} Chronicle {i}")
    for i in range(n_think):
        entity("ThinkTank", f"thinktank-{i}", f"Institute for {rng.choice(WORDS)} {i}")
    for i in range(n_council):
        c = entity("LocalAuthority", f"council-{i}", f"{PLACES[i % len(PLACES)]} {i} Council",
                   kind=COUNCIL_CLASSES[i % len(COUNCIL_CLASSES)])
        w.add(ENTITIES, c, iri(WKG + "gssCode"), lit(f"E{8000000 + i:08d}", None))
    for i in range(n_person):
        entity("Person", f"person-{i}", f"{rng.choice(GIVEN)} {rng.choice(FAMILY)} {i}")
    for i in range(max(2, n_council // 20)):
        cp = entity("CouncilPartnership", f"partnership-{i}", f"{rng.choice(PLACES)} partnership {i}")
        for c in rng.sample(ents["LocalAuthority"], 4):
            w.add(ENTITIES, cp, iri(ORG + "hasMember"), c)
    for j, p in enumerate(ents["Programme"]):
        w.add(ENTITIES, p, iri(WKG + "leadDepartment"), rng.choice(ents["GovernmentDepartment"]))
        for k in range(max(1, 6 // (j + 1))):
            pilot = entity("Pilot", f"pilot-{j}-{k}", f"{rng.choice(PLACES)} pilot {j}-{k}")
            w.add(ENTITIES, pilot, iri(WKG + "pilotOf"), p)
            w.add(INFERRED, p, iri(WKG + "hasPilot"), pilot)
            for c in rng.sample(ents["LocalAuthority"] + ents["CouncilPartnership"], 3):
                w.add(ENTITIES, pilot, iri(WKG + "participant"), c)
    w.flush()

    programme = Zipf(ents["Programme"], PROGRAMME_SKEW)
    critics = Zipf(ents["AuditBody"] + ents["ParliamentaryCommittee"] + ents["ThinkTank"]
                   + ents["Person"][:50] + ents["LocalAuthority"][:20], ACTOR_SKEW)
    publishers = Zipf(ents["AuditBody"] + ents["ParliamentaryCommittee"] + ents["ThinkTank"], ACTOR_SKEW)
    responders = Zipf(ents["GovernmentDepartment"] + ents["Person"][:100], ACTOR_SKEW)
    person = Zipf(ents["Person"], 0.8)
    orgs = ents["GovernmentDepartment"] + ents["LocalAuthority"] + ents["AuditBody"] + ents["ParliamentaryCommittee"]
    recent: list[tuple[str, str]] = []  # (criticism, programme), for responses
    received: Counter[str] = Counter()
    posts: Counter[str] = Counter()
    reports_by: Counter[str] = Counter()
    statements: list[str] = []

    def words(k: int) -> str:
        return " ".join(rng.sample(WORDS, k))

    for doc in itertools.count():
        if w.count >= triples:
            break
        g, src = f"{GRAPH}syn-{doc:06d}", iri(f"{SRC}syn-{doc:06d}")
        year = rng.randint(2010, 2017)
        day = f"{year}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
        w.a(g, src, "NewsArticle")
        w.add(g, src, iri(RDFS + "label"), lit(f"Synthetic article {doc}"))
        w.add(g, src, iri(DCT + "title"), lit(f"Article {doc} on {words(4)}", None))
        w.add(g, src, iri(DCT + "date"), typed(day, "date"))
        outlet = rng.choice(ents["NewsOutlet"])
        w.add(g, src, iri(WKG + "outlet"), outlet)
        w.add(INFERRED, src, iri(DCT + "publisher"), outlet)
        offset = 0
        serial = itertools.count()

        def node(kind: str) -> str:
            return iri(f"{ENT}syn-{kind}-{doc:06d}-{next(serial)}")

        def evidence(subject: str, n: int = 1) -> None:
            nonlocal offset
            for _ in range(n):
                ev, qs, ps = (f"_:e{doc}x{next(serial)}" for _ in range(3))
                quote = words(8)
                w.add(g, subject, iri(WKG + "evidence"), ev)
                w.a(g, ev, "Evidence")
                w.add(g, ev, iri(OA + "hasSource"), src)
                w.add(g, ev, iri(OA + "hasSelector"), qs)
                w.add(g, ev, iri(OA + "hasSelector"), ps)
                w.add(g, ev, iri(WKG + "sentence"), lit(f"It said that {quote} would follow.", None))
                w.add(g, qs, iri(RDF_TYPE), iri(OA + "TextQuoteSelector"))
                w.add(g, qs, iri(OA + "exact"), lit(quote, None))
                w.add(g, ps, iri(RDF_TYPE), iri(OA + "TextPositionSelector"))
                w.add(g, ps, iri(OA + "start"), typed(offset, "nonNegativeInteger"))
                w.add(g, ps, iri(OA + "end"), typed(offset + len(quote), "nonNegativeInteger"))
                offset += len(quote) + rng.randint(20, 400)
            statements.append(subject)

        report = None
        if rng.random() < 0.35:
            report = node("report")
            publisher = publishers(rng)
            w.a(g, report, "AuditReport" if "audit" in publisher else "CommitteeReport")
            w.add(g, report, iri(RDFS + "label"), lit(f"Report {doc}: {words(3)}"))
            w.add(g, report, iri(DCT + "title"), lit(f"Report on {words(5)}", None))
            w.add(g, report, iri(DCT + "publisher"), publisher)
            w.add(g, report, iri(DCT + "date"), typed(day, "date"))
            w.add(g, report, iri(WKG + "about"), programme(rng))
            w.add(g, report, iri(WKG + "hcNumber"), lit(f"HC {doc}", None))
            reports_by[publisher] += 1
        for _ in range(rng.randint(1, 6)):
            crit, critic, target = node("criticism"), critics(rng), programme(rng)
            w.a(g, crit, "Criticism")
            w.add(g, crit, iri(RDFS + "label"), lit(f"Criticism {doc}: {words(6)}"))
            if rng.random() < 0.8:
                w.add(g, crit, iri(DCT + "date"), typed(day, "date"))
            w.add(g, crit, iri(WKG + "critic"), critic)
            w.add(INFERRED, crit, iri(WKG + "assessor"), critic)
            w.add(g, crit, iri(WKG + "target"), target)
            w.add(g, crit, iri(WKG + "criticismKind"), iri(VOC + rng.choice(CRITICISM_KINDS)))
            w.add(g, crit, iri(WKG + "stance"), iri(VOC + "critical"))
            w.add(g, crit, iri(WKG + "summary"), lit(f"It was said that {words(10)}.", None))
            if report:
                w.add(g, crit, iri(WKG + "statedIn"), report)
            evidence(crit, rng.choice((1, 2)))
            received[target] += 1
            recent.append((crit, target))
        if len(recent) > 200:
            del recent[:100]
        for _ in range(rng.choice((0, 0, 1, 1, 2))):
            answered, target = rng.choice(recent)
            resp, cls = node("response"), rng.choice(("Rebuttal", "Defence"))
            who = responders(rng)
            w.a(g, resp, cls)
            w.add(g, resp, iri(RDFS + "label"), lit(f"{cls} {doc}: {words(5)}"))
            w.add(g, resp, iri(WKG + "respondent"), who)
            w.add(INFERRED, resp, iri(WKG + "assessor"), who)
            w.add(g, resp, iri(WKG + "respondsTo"), answered)
            w.add(g, resp, iri(WKG + "target"), target)
            w.add(g, resp, iri(WKG + "stance"), iri(VOC + ("disputing" if cls == "Rebuttal" else "defending")))
            evidence(resp)
        if rng.random() < 0.3:
            sup, who = node("support"), critics(rng)
            w.a(g, sup, "SupportiveAssessment")
            w.add(g, sup, iri(RDFS + "label"), lit(f"Support {doc}: {words(5)}"))
            w.add(g, sup, iri(WKG + "supporter"), who)
            w.add(INFERRED, sup, iri(WKG + "assessor"), who)
            w.add(g, sup, iri(WKG + "target"), programme(rng))
            w.add(g, sup, iri(WKG + "stance"), iri(VOC + "supportive"))
            evidence(sup)
        for _ in range(rng.randint(0, 3)):
            fig, prog = node("figure"), programme(rng)
            kind = rng.choice(SAVING_KINDS + ("allocated", "actual"))
            w.a(g, fig, "Figure")
            w.add(g, fig, iri(RDFS + "label"), lit(f"Figure {doc}: {words(4)}"))
            w.add(g, fig, iri(SCHEMA + "value"), typed(rng.randint(1, 900) * 1_000_000, "integer"))
            w.add(g, fig, iri(SCHEMA + "currency"), lit("GBP", None))
            w.add(g, fig, iri(WKG + "measures"), lit(f"{rng.choice(('savings', 'benefits', 'spending', 'funding'))}"
                                                     f" from {words(2)}", None))
            w.add(g, fig, iri(WKG + "figureKind"), iri(VOC + kind))
            w.add(g, fig, iri(WKG + "about"), prog)
            w.add(g, fig, iri(WKG + "period"), lit(f"{year}-{(year + 1) % 100:02d}", None))
            w.add(g, fig, iri(WKG + "madeBy"), critics(rng))
            if report:
                w.add(g, fig, iri(WKG + "statedIn"), report)
            evidence(fig)
        if rng.random() < 0.15:  # a target, its outturn and the cost of missing it
            tgt, out_, cost, prog = node("target"), node("outturn"), node("cost"), programme(rng)
            goal, outturn = -rng.randint(10, 300) * 1000, rng.randint(-300, 300) * 1000
            for f, label, value, unit in ((tgt, "target: reduce", goal, "admissions"),
                                          (out_, "outturn", outturn, "admissions"), (cost, "cost", 0, None)):
                w.a(g, f, "Figure")
                w.add(g, f, iri(RDFS + "label"), lit(f"{label} {words(3)} ({doc})"))
                w.add(g, f, iri(SCHEMA + "value"), typed(value or rng.randint(1, 500) * 1_000_000, "integer"))
                w.add(g, f, iri(SCHEMA + "unitText") if unit else iri(SCHEMA + "currency"), lit(unit or "GBP", None))
                w.add(g, f, iri(WKG + "measures"), lit(f"change in {unit or 'cost'}", None))
                w.add(g, f, iri(WKG + "about"), prog)
                evidence(f)
            w.add(g, tgt, iri(WKG + "figureKind"), iri(VOC + "target"))
            w.add(g, out_, iri(WKG + "figureKind"), iri(VOC + "outturn"))
            w.add(g, out_, iri(WKG + "outturnOf"), tgt)
            w.add(INFERRED, out_, iri(WKG + "comparedWith"), tgt)
            w.add(g, tgt, iri(WKG + "costOfMiss"), cost)
        if rng.random() < 0.3:
            rec = node("recommendation")
            w.a(g, rec, "Recommendation")
            w.add(g, rec, iri(RDFS + "label"), lit(f"Recommendation {doc}: {words(6)}"))
            w.add(g, rec, iri(WKG + "recommendedBy"), publishers(rng))
            w.add(g, rec, iri(WKG + "recommendedTo"), rng.choice(ents["GovernmentDepartment"]))
            w.add(g, rec, iri(WKG + "about"), programme(rng))
            if report:
                w.add(g, rec, iri(WKG + "statedIn"), report)
            evidence(rec)
        if rng.random() < 0.1:
            meeting, decision = node("meeting"), node("decision")
            w.a(g, meeting, "Meeting")
            w.add(g, meeting, iri(RDFS + "label"), lit(f"Evidence session {doc} on {words(2)}"))
            w.add(g, meeting, iri(DCT + "date"), typed(day, "date"))
            w.add(g, meeting, iri(WKG + "meetingOf"), rng.choice(ents["ParliamentaryCommittee"]))
            w.add(g, meeting, iri(WKG + "chair"), person(rng))
            if report:
                w.add(g, meeting, iri(WKG + "considered"), report)
            w.a(g, decision, "Decision")
            w.add(g, decision, iri(RDFS + "label"), lit(f"Decision {doc} to {words(4)}"))
            w.add(g, decision, iri(WKG + "decidedAt"), meeting)
            w.add(g, decision, iri(WKG + "decidedBy"), rng.choice(ents["GovernmentDepartment"]))
            w.add(g, decision, iri(WKG + "about"), programme(rng))
            w.add(g, decision, iri(DCT + "date"), typed(day, "date"))
            evidence(decision)
        if rng.random() < 0.25:
            post, who, org = node("post"), person(rng), rng.choice(orgs)
            role = rng.choice(list(ROLES))
            w.a(g, post, "PostHolding")
            w.add(g, post, iri(RDFS + "label"), lit(f"post {doc}: {ROLES[role]}"))
            w.add(g, post, iri(ORG + "member"), who)
            w.add(g, post, iri(ORG + "organization"), org)
            w.add(g, post, iri(ORG + "role"), iri(VOC + role))
            w.add(g, post, iri(WKG + "postTitle"), lit(ROLES[role], None))
            w.add(g, post, iri(WKG + "startDate"), typed(day, "date"))
            w.add(INFERRED, org, iri(ORG + "hasMember"), who)
            evidence(post)
            posts[who] += 1
        w.flush()
    handle.close()
    busy = {
        "programme": received.most_common(1)[0][0].strip("<>"),
        "programme_criticisms": received.most_common(1)[0][1],
        "criticisms": sum(received.values()),
        "top3_share": round(sum(c for _, c in received.most_common(3)) / max(1, sum(received.values())), 3),
        "person": posts.most_common(1)[0][0].strip("<>") if posts else ents["Person"][0].strip("<>"),
        "publisher": reports_by.most_common(1)[0][0].strip("<>"),
        "statement": statements[len(statements) // 2].strip("<>"),
    }
    return {"triples": w.count, "requested": triples, "seed": seed, "documents": doc, "busy": busy,
            "counts": {"programmes": n_prog, "people": n_person, "councils": n_council}}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--triples", type=int, required=True, help="about how many triples to write")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--out", default=None, help="FILE.nq or FILE.trig (default bench/data/stores-N-sS.trig)")
    args = parser.parse_args()
    out = Path(args.out or ROOT / f"bench/data/stores-{args.triples}-s{args.seed}.trig")
    if out.suffix not in (".nq", ".trig"):
        sys.exit("--out must end in .nq or .trig")
    out.parent.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    meta = generate(args.triples, args.seed, out)
    meta["generate_s"] = round(time.perf_counter() - started, 2)
    meta["file"] = out.name
    Path(str(out) + ".meta.json").write_text(json.dumps(meta, indent=2) + "\n", encoding="utf-8")
    print(f"wrote {out} ({meta['triples']:,} triples, {meta['documents']:,} documents, "
          f"{out.stat().st_size / 1e6:.1f} MB) in {meta['generate_s']:.1f} s", file=sys.stderr)


if __name__ == "__main__":
    main()
