"""--store: memory, an embedded oxigraph store on disk, and a real Oxigraph server give the same answers."""

from __future__ import annotations

import shutil
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pyoxigraph as ox
import pytest
from typer.testing import CliRunner

from kg.api import solutions
from kg.build import TRIG
from kg.cli import app
from kg.project import Project
from kg.stores import (
    EmbeddedWriter,
    SparqlEndpoint,
    StoreError,
    StoreKind,
    StoreSpecError,
    graph_units,
    insert_values,
    load_store,
    load_units,
    open_store,
    parse_store,
)
from tests.conftest import require

COUNTS = "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g"
MARKER = "urn:kg-test:marker"


def oxigraph_binary() -> str | None:
    """The ``oxigraph`` server CLI (the ``oxigraph`` package from PyPI, test extra)."""
    beside = Path(sys.executable).parent / "oxigraph"
    return str(beside) if beside.is_file() else shutil.which("oxigraph")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Server:
    """``oxigraph serve`` on a free 127.0.0.1 port, persisting to ``location``."""

    def __init__(self, location: Path) -> None:
        self.location, self.port, self.process = location, free_port(), None
        self.spec = parse_store(f"sparql+http://127.0.0.1:{self.port}")

    def start(self, timeout: float = 20.0) -> "Server":
        binary = oxigraph_binary()
        assert binary is not None
        self.process = subprocess.Popen([binary, "serve", "--location", str(self.location),
                                         "--bind", f"127.0.0.1:{self.port}"],
                                        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"oxigraph serve exited: {self.process.stderr.read().decode()}")
            try:
                socket.create_connection(("127.0.0.1", self.port), timeout=0.2).close()
                return self
            except OSError:
                time.sleep(0.05)
        self.stop()
        raise RuntimeError(f"oxigraph serve did not listen on 127.0.0.1:{self.port} within {timeout}s")

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=10)
        if self.process is not None and self.process.stderr is not None:
            self.process.stderr.close()
        self.process = None


def needs_server() -> None:
    require(oxigraph_binary() is not None, "the oxigraph server CLI is needed (pip install oxigraph; test extra)")


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    needs_server()
    running = Server(tmp_path_factory.mktemp("oxigraph-server")).start()
    try:
        yield running
    finally:
        running.stop()


@pytest.fixture(scope="module")
def remote(built: Project, server: Server) -> SparqlEndpoint:
    load_store(server.spec, built)
    return open_store(server.spec, built)


@pytest.fixture(scope="module")
def embedded(built: Project, tmp_path_factory: pytest.TempPathFactory) -> ox.Store:
    spec = parse_store(f"oxigraph:{tmp_path_factory.mktemp('embedded') / 'store'}")
    load_store(spec, built)
    return open_store(spec, built)


def canonical(names: list[str], rows: list[ox.QuerySolution]) -> list[tuple[str, ...]]:
    """Sorted rows of N-Triples terms; blank node labels differ between stores, so they are blanked."""
    def term(value: object) -> str:
        return "" if value is None else "_:b" if isinstance(value, ox.BlankNode) else str(value)
    return sorted(tuple(term(row[n]) for n in names) for row in rows)


def graph_counts(backend) -> dict[str, int]:
    return {row["g"].value: int(row["n"].value) for row in backend.query(COUNTS)}


COMPETENCY = sorted(p.stem for p in (Path(__file__).resolve().parents[1] / "queries").glob("cq_*.rq"))


@pytest.mark.parametrize("name", COMPETENCY)
def test_competency_answers_are_identical_in_every_store(built: Project, store: ox.Store, embedded: ox.Store,
                                                         remote: SparqlEndpoint, name: str) -> None:
    names, rows = solutions(name, store=store, project=built)
    expected = canonical(names, rows)
    assert expected, f"{name} has no answer in memory"
    for backend in (embedded, remote):
        got_names, got_rows = solutions(name, store=backend, project=built)
        assert got_names == names
        assert canonical(got_names, got_rows) == expected, f"{name} differs in {backend!r}"


@pytest.mark.parametrize("params", [{"programme": "Total Place"}, {"programme": "Whole-Place Community Budgets"}])
def test_parameters_bind_the_same_in_every_store(built: Project, store: ox.Store, embedded: ox.Store,
                                                 remote: SparqlEndpoint, params: dict[str, str]) -> None:
    expected = canonical(*solutions("cq_criticisms_of_programme", params=params, store=store, project=built))
    assert expected
    for backend in (embedded, remote):
        got = canonical(*solutions("cq_criticisms_of_programme", params=params, store=backend, project=built))
        assert got == expected


def test_ask_construct_and_hostile_values_on_the_endpoint(built: Project, remote: SparqlEndpoint) -> None:
    before = graph_counts(remote)
    hostile = 'x" } } ; DROP ALL ; SELECT * { ?a ?b "'
    names, rows = solutions("SELECT ?v WHERE { ?s rdfs:label ?label FILTER(?label = ?v) }",
                               params={"v": hostile}, store=remote, project=built)
    assert names == ["v"] and rows == []
    names, rows = solutions("SELECT ?v WHERE { BIND(STRLEN(?v) AS ?n) }", params={"v": hostile},
                               store=remote, project=built)
    assert [r["v"].value for r in rows] == [hostile]
    assert graph_counts(remote) == before
    assert bool(remote.query("ASK { ?c a wkg:Criticism }", use_default_graph_as_union=True,
                             prefixes={"wkg": "https://w3id.org/watchdog-kg/ontology#"}))
    triples = remote.query("CONSTRUCT { ?c a wkg:Criticism } WHERE { ?c a wkg:Criticism }",
                           use_default_graph_as_union=True,
                           prefixes={"wkg": "https://w3id.org/watchdog-kg/ontology#"})
    assert isinstance(triples, ox.QueryTriples) and len(list(triples)) == 35


def test_values_go_into_the_where_group_never_into_strings_or_comments() -> None:
    bound = {ox.Variable("p"): ox.NamedNode("http://x/a")}
    text = 'CONSTRUCT { ?s ?p "{ WHERE" } # WHERE {\nWHERE { ?s ?p ?o }'
    assert insert_values(text, bound) == text.replace("WHERE { ?s", "WHERE { VALUES (?p) { (<http://x/a>) } ?s")
    assert insert_values("ASK { ?s ?p ?o }", bound) == "ASK { VALUES (?p) { (<http://x/a>) } ?s ?p ?o }"
    assert insert_values("DESCRIBE <http://x/a>", bound).endswith("VALUES (?p) { (<http://x/a>) }\n")


def test_build_units_are_self_contained(built: Project) -> None:
    units = dict(graph_units(built.build_dir / TRIG))
    memory = ox.Store()
    memory.bulk_load(path=str(built.build_dir / TRIG), format=ox.RdfFormat.TRIG)
    total = sum(len(list(ox.parse(data, format=ox.RdfFormat.N_TRIPLES))) for data in units.values())
    assert total == len(memory)
    assert set(units) == {g.value for g in memory.named_graphs()}
    inferred = units["https://w3id.org/watchdog-kg/graph/inferred"].decode()
    assert "_:" not in inferred  # entailments about a file's blank nodes travel with that file


def writers(built: Project, server: Server, tmp_path: Path):
    spec = parse_store(f"oxigraph:{tmp_path / 'store'}")
    load_store(spec, built)
    store = open_store(spec, built)
    load_store(server.spec, built)
    return [(EmbeddedWriter(store), store), (SparqlEndpoint(server.spec), SparqlEndpoint(server.spec))]


def test_loading_twice_replaces_and_reloading_one_graph_touches_only_it(built: Project, server: Server,
                                                                        tmp_path: Path) -> None:
    units = graph_units(built.build_dir / TRIG)
    expected = {g: len(list(ox.parse(data, format=ox.RdfFormat.N_TRIPLES))) for g, data in units}
    for writer, backend in writers(built, server, tmp_path):
        assert graph_counts(backend) == expected
        load_units(writer, units)
        assert graph_counts(backend) == expected, "a second load must not duplicate anything"
        graph = "https://w3id.org/watchdog-kg/graph/entities"
        lines = dict(units)[graph].splitlines(keepends=True)
        changed = b"".join(lines[: len(lines) // 2]) + f'<{MARKER}> <{MARKER}> "new" .\n'.encode()
        load_units(writer, [(graph, changed)])
        counts = graph_counts(backend)
        assert counts[graph] == len(lines) // 2 + 1
        assert {g: n for g, n in counts.items() if g != graph} == {g: n for g, n in expected.items() if g != graph}
        load_units(writer, units)
        assert graph_counts(backend) == expected


def test_an_unparseable_graph_leaves_the_previous_state(built: Project, server: Server, tmp_path: Path) -> None:
    graph = "https://w3id.org/watchdog-kg/graph/sources"
    for writer, backend in writers(built, server, tmp_path):
        before = graph_counts(backend)
        with pytest.raises((StoreError, OSError)):
            writer.replace_graph(graph, b'<http://x/a> <http://x/b> "unterminated .\n')
        assert graph_counts(backend) == before  # and no temporary graph left behind


def test_a_server_stopped_mid_load_leaves_each_graph_old_or_new(built: Project, tmp_path: Path) -> None:
    needs_server()
    units = graph_units(built.build_dir / TRIG)
    new = {g: len(list(ox.parse(data, format=ox.RdfFormat.N_TRIPLES))) for g, data in units}
    old_units = [(g, data + f'<{MARKER}> <{MARKER}> "old" .\n'.encode()) for g, data in units]
    server = Server(tmp_path / "location").start()
    try:
        load_units(SparqlEndpoint(server.spec), old_units)
        seen = []

        def stop_after_three(step: str) -> None:
            seen.append(step)
            if len(seen) == 4:
                server.stop()
        with pytest.raises(OSError):
            load_units(SparqlEndpoint(server.spec), units, progress=stop_after_three)
        server.start()
        counts = graph_counts(SparqlEndpoint(server.spec))
        loaded = [g for g, _ in units[:3]]
        assert {g: counts[g] for g in loaded} == {g: new[g] for g in loaded}
        assert {g: counts[g] for g, _ in units[3:]} == {g: new[g] + 1 for g, _ in units[3:]}
        assert not [g for g in counts if "/loading/" in g]
    finally:
        server.stop()


@pytest.fixture
def cli(built: Project):
    runner = CliRunner()

    def invoke(*args: str, **env: str):
        return runner.invoke(app, list(args), env={"KG_HOME": str(built.root), "COLUMNS": "200", **env})
    return invoke


def test_cli_build_query_describe_with_an_embedded_store(cli, tmp_path: Path) -> None:
    spec = f"oxigraph:{tmp_path / 'cli-store'}"
    missing = cli("query", "cq_missed_targets", "--store", spec)
    assert missing.exit_code == 1 and "kg build --store" in missing.output
    loaded = cli("build", "--store", spec)
    assert loaded.exit_code == 0, loaded.output
    assert f"loaded 10 named graphs into {spec}" in loaded.output
    for args in (["query", "cq_missed_targets", "-f", "json"], ["describe", "Margaret Hodge"],
                 ["describe", "Margaret Hodge", "-f", "json"]):
        in_memory, on_disk = cli(*args), cli(*args, "--store", spec)
        assert on_disk.exit_code == 0, on_disk.output
        assert on_disk.stdout == in_memory.stdout
    from_env = cli("query", "cq_missed_targets", "-f", "csv", KG_STORE=spec)
    assert from_env.exit_code == 0 and "Better Care Fund" in from_env.stdout


def test_cli_query_and_viz_from_the_server(cli, server: Server, remote: SparqlEndpoint, tmp_path: Path) -> None:
    spec = server.spec.text
    result = cli("query", "cq_missed_targets", "-f", "json", "--store", spec)
    assert result.exit_code == 0, result.output
    assert result.stdout == cli("query", "cq_missed_targets", "-f", "json").stdout
    page = tmp_path / "graph.html"
    drawn = cli("viz", "--store", spec, "-o", str(page), "--focus", "Margaret Hodge")
    assert drawn.exit_code == 0, drawn.output
    assert drawn.stdout == cli("viz", "-o", str(page), "--focus", "Margaret Hodge").stdout


@pytest.mark.parametrize("bad", ["nope", "oxigraph:", "sparql+http://127.0.0.1:notaport/query",
                                 "sparql+http:///query", "sparql+http://127.0.0.1:7878/query?graph=x"])
def test_a_bad_store_spec_is_a_usage_error(cli, bad: str) -> None:
    with pytest.raises(StoreSpecError):
        parse_store(bad)
    for command in (["query", "cq_missed_targets"], ["describe", "NAO"], ["viz"], ["build"]):
        result = cli(*command, "--store", bad)
        assert result.exit_code == 2, (command, result.output)
        assert f"--store {bad!r}" in result.output


def test_parse_store_defaults_and_env(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("KG_STORE", raising=False)
    assert parse_store().kind is StoreKind.memory
    monkeypatch.setenv("KG_STORE", "oxigraph:/tmp/x")
    assert parse_store().path == Path("/tmp/x")
    spec = parse_store("sparql+http://127.0.0.1:3030/ds/query?update=update&store=data")
    assert (spec.query_url, spec.update_url, spec.store_url) == (
        "http://127.0.0.1:3030/ds/query", "http://127.0.0.1:3030/ds/update", "http://127.0.0.1:3030/ds/data")
