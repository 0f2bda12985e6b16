"""The Python API: kg.load(), kg.query() rows and DataFrames."""

from __future__ import annotations

import datetime

import pyoxigraph as ox

import kg
from kg.project import Project


def test_query_named_with_params(built: Project, store: ox.Store) -> None:
    rows = kg.query("cq_posts", params={"person": "Margaret Hodge"}, store=store, project=built)
    assert {r["post"] for r in rows} >= {"Chair of the Committee of Public Accounts"}
    chair = next(r for r in rows if r["post"] == "Chair of the Committee of Public Accounts")
    assert chair["start"] == datetime.date(2010, 6, 10) and chair["end"] == datetime.date(2015, 3, 30)


def test_query_frame_has_typed_columns(built: Project, store: ox.Store) -> None:
    frame = kg.query("cq_missed_targets", store=store, project=built, frame=True)
    row = frame[frame["measures"] == "change in the number of emergency admissions"].iloc[0]
    assert (row["targetValue"], row["outturnValue"], row["miss"], row["cost"]) == (-106000, 87000, 193000, 311000000)


def test_query_sparql_text(built: Project, store: ox.Store) -> None:
    rows = kg.query("SELECT (COUNT(DISTINCT ?c) AS ?n) WHERE { ?c a wkg:Criticism }", store=store, project=built)
    assert rows[0]["n"] >= 20


def test_load_builds_when_stale(scratch: Project) -> None:
    assert not scratch.build_dir.exists()
    store = kg.load(project=scratch)
    assert scratch.build_dir.joinpath("graph.trig").is_file()
    assert ox.NamedNode("https://w3id.org/watchdog-kg/id/nao") in {q.subject for q in store}
