"""Entity cards (kg.describe.card): the cut of long lists, its counts, and ``kg describe --all``."""

from __future__ import annotations

import json

import pyoxigraph as ox
from typer.testing import CliRunner

from kg.cli import app
from kg.describe import card
from kg.project import Project

NAO = "https://w3id.org/watchdog-kg/id/nao"


def _ids(items: list[dict]) -> list[str]:
    return [item["id"] for item in items]


def test_a_cut_card_shows_the_first_items_of_the_full_card_and_counts_them_all(store: ox.Store) -> None:
    full = card(store, NAO, limit=None)
    cut = card(store, NAO, limit=2)
    made, received = full["criticisms_made"], full["criticisms_received"]
    assert len(made) > 2 and len(received) > 2
    assert full["counts"]["criticisms_made"] == cut["counts"]["criticisms_made"] == len(made)
    assert full["counts"]["criticisms_received"] == len(received)
    for key in ("criticisms_made", "criticisms_received"):
        shown = _ids(cut[key])
        assert len(shown) == 2 and set(shown) <= set(_ids(full[key]))
        # the items shown keep the full card's order, and each is the full card's item
        assert shown == [i for i in _ids(full[key]) if i in shown]
        assert all(item in full[key] for item in cut[key])
    full_in = [s for s in full["statements"] if s["direction"] == "in"]
    cut_in = [s for s in cut["statements"] if s["direction"] == "in"]
    assert full["counts"]["statements_in"] == len(full_in) > 2
    assert len(cut_in) == 2 and all(s in full_in for s in cut_in)
    assert [s for s in cut["statements"] if s["direction"] == "out"] == \
        [s for s in full["statements"] if s["direction"] == "out"]


def test_the_default_card_of_the_real_graph_is_not_cut(store: ox.Store) -> None:
    assert card(store, NAO) == {**card(store, NAO, limit=None), "limit": 100}


def test_describe_says_how_many_more_and_all_lists_them(built: Project, monkeypatch) -> None:
    runner = CliRunner()
    env = {"KG_HOME": str(built.root), "COLUMNS": "200"}
    monkeypatch.setattr("kg.describe.CARD_LIMIT", 2)  # read by the command when it runs
    cut = runner.invoke(app, ["describe", "NAO"], env=env)
    assert cut.exit_code == 0, cut.output
    made = card(_store_of(built), NAO, limit=None)["counts"]["criticisms_made"]
    assert f"\u2026 and {made - 2:,} more (--all lists them)" in cut.stdout
    every = runner.invoke(app, ["describe", "NAO", "--all", "-f", "json"], env=env)
    data = json.loads(every.stdout)
    assert data["limit"] is None and len(data["criticisms_made"]) == made


def _store_of(project: Project) -> ox.Store:
    from kg.store import load_file

    return load_file(project.build_dir / "graph.trig")


def test_the_entity_page_says_how_many_more(store: ox.Store) -> None:
    from kg.serve.pages import card_links, page

    full = card(store, NAO, limit=None)
    html = page("entity.html", card=card_links(card(store, NAO, limit=2)), local="nao").decode("utf-8")
    assert f"… and {full['counts']['criticisms_made'] - 2:,} more" in html
    assert f"… and {full['counts']['statements_in'] - 2:,} more statements in" in html
    assert "class=\"more\"" not in page("entity.html", card=card_links(full), local="nao").decode("utf-8")
