"""kg.network: the criticism network from the session-built store, and its analysis tables."""

from __future__ import annotations

import networkx as nx
import pyoxigraph as ox
import pytest

from kg import network
from kg.resolve import Ambiguous, NotFound

ENT = "https://w3id.org/watchdog-kg/id/"
NAO, BCF, HODGE = ENT + "nao", ENT + "better-care-fund", ENT + "margaret-hodge"


@pytest.fixture(scope="module")
def graph(store: ox.Store) -> nx.DiGraph:
    return network.criticism_network(store)


def test_nodes_are_actors_and_programmes_with_labels(graph: nx.DiGraph) -> None:
    assert graph.nodes[NAO] == {"label": "National Audit Office", "role": "actor", "type": "audit body"}
    assert graph.nodes[BCF]["role"] == "programme" and graph.nodes[BCF]["label"] == "Better Care Fund"
    assert {d["role"] for _, d in graph.nodes(data=True)} == {"actor", "programme"}


def test_edges_merge_assessments_with_stance_and_weight(graph: nx.DiGraph) -> None:
    edge = graph.edges[HODGE, BCF]
    assert edge["stance"] == "critical"
    assert edge["assessments"] == ["ent:crit-hodge-bcf-incompetence", "ent:crit-hodge-bcf-shambles"]
    assert edge["weight"] == 2 == len(edge["assessments"])
    for _, _, d in graph.edges(data=True):
        assert d["weight"] == len(d["assessments"]) == len(set().union(*map(set, d["stances"].values())))
        assert d["stance"] == (next(iter(d["stances"])) if len(d["stances"]) == 1 else "mixed")


def test_pilots_count_for_their_programme(graph: nx.DiGraph) -> None:
    edge = graph.edges[NAO, ENT + "whole-place-community-budgets"]
    assert "ent:sa-nao-wpcb-pilots-worked-effectively" in edge["stances"]["supportive"]
    assert not any(graph.nodes[n]["role"] == "pilot" for n in graph)


def test_targets_and_stances_filter(store: ox.Store) -> None:
    programmes = network.criticism_network(store, targets="programmes")
    actors = network.criticism_network(store, targets="actors")
    assert all(programmes.nodes[b]["role"] == "programme" for _, b in programmes.edges)
    assert all(actors.nodes[b]["role"] == "actor" for _, b in actors.edges)
    assert programmes.number_of_edges() + actors.number_of_edges() == network.criticism_network(store).number_of_edges()
    kerslake = actors.edges[ENT + "bob-kerslake", NAO]  # rebuttals point at the NAO, the report's publisher too
    assert kerslake["stance"] == "mixed" and set(kerslake["stances"]) == {"disputing", "defending"}
    critical = network.criticism_network(store, stances=["critical"])
    assert {d["stance"] for *_, d in critical.edges(data=True)} == {"critical"}
    with pytest.raises(ValueError, match="targets"):
        network.criticism_network(store, targets="pilots")


def test_most_criticised_programmes(graph: nx.DiGraph) -> None:
    table = network.most_criticised(graph)
    assert "Better Care Fund" in set(table["label"].head(3))
    bcf = table.set_index("label").loc["Better Care Fund"]
    assert (bcf["critics"], bcf["criticisms"]) == (2, 6)
    assert bcf["critic_labels"] == ["Margaret Hodge", "National Audit Office"]
    assert list(table["criticisms"]) == sorted(table["criticisms"], reverse=True)
    assert len(network.most_criticised(graph, top=3)) == 3


def test_centrality_tables(graph: nx.DiGraph) -> None:
    degree = network.degree_table(graph)
    assert degree.iloc[0]["label"] == "National Audit Office"
    nao = degree.set_index("entity").loc[NAO]
    assert nao["out_degree"] == graph.out_degree(NAO) and nao["weighted_out"] == graph.out_degree(NAO, weight="weight")
    pagerank = network.pagerank_table(graph)
    assert pagerank["pagerank"].sum() == pytest.approx(1.0)
    assert pagerank.iloc[0]["role"] in ("programme", "actor") and pagerank["pagerank"].is_monotonic_decreasing
    betweenness = network.betweenness_table(graph)
    assert betweenness.iloc[0]["label"] == "National Audit Office"
    assert set(betweenness["entity"]) == set(graph)


def test_communities_cover_every_node_once(graph: nx.DiGraph) -> None:
    groups = network.communities(graph)
    assert sorted(groups["entity"]) == sorted(graph) and groups["entity"].is_unique
    sizes = groups.groupby("community").size()
    assert list(sizes) == sorted(sizes, reverse=True) and len(sizes) >= 2
    members = groups.set_index("entity")["community"]
    assert members[HODGE] == members[BCF]  # Hodge's criticisms tie her to the Better Care Fund


def test_shortest_path_from_the_pac_chair_to_a_department(store: ox.Store, graph: nx.DiGraph) -> None:
    accountability = network.accountability_network(store)
    path = network.shortest_path(accountability, "Margaret Hodge", "Department of Health")
    assert list(path["from_label"]) == ["Margaret Hodge", "Better Care Fund"]
    assert list(path["relation"]) == ["critical", "lead department"]
    assert path.iloc[-1]["to"] == ENT + "department-of-health"
    via_criticism = network.shortest_path(graph, "ent:margaret-hodge", "Department for Education")
    assert via_criticism.iloc[-1]["to_label"] == "Department for Education" and len(via_criticism) == 3
    assert via_criticism.iloc[-1]["assessments"]


def test_shortest_path_names(graph: nx.DiGraph, store: ox.Store) -> None:
    with pytest.raises(NotFound):
        network.shortest_path(graph, "Margaret Hodge", "Nobody")
    with pytest.raises(NotFound, match="no path"):
        network.shortest_path(graph, "Margaret Hodge", "Baroness Hanham")  # another component
    twins = nx.DiGraph([("a", "b")])
    twins.nodes["a"]["label"] = twins.nodes["b"]["label"] = "Same"
    with pytest.raises(Ambiguous):
        network.shortest_path(twins, "Same", "a")


def test_accountability_network_adds_posts_and_lead_departments(store: ox.Store, graph: nx.DiGraph) -> None:
    accountability = network.accountability_network(store)
    assert set(graph.edges) <= set(accountability.edges)
    post = accountability.edges[HODGE, ENT + "pac"]
    assert (post["relation"], post["detail"], post["weight"]) == \
        ("post", "Chair of the Committee of Public Accounts", 1)
    assert accountability.edges[BCF, ENT + "department-of-health"]["relation"] == "lead department"


def test_edge_table_labels_both_ends(graph: nx.DiGraph) -> None:
    table = network.edge_table(graph)
    assert len(table) == graph.number_of_edges()
    row = table[(table["source"] == HODGE) & (table["target"] == BCF)].iloc[0]
    assert (row["source_label"], row["stance"], row["target_label"], row["weight"]) == \
        ("Margaret Hodge", "critical", "Better Care Fund", 2)
