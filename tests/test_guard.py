"""The process-wide guard (kg.guard): no network, nothing outside the project, a clear error when it trips."""

from __future__ import annotations

import socket
import urllib.request
from pathlib import Path

import pytest
from typer.testing import CliRunner

from kg.cli import app
from kg.guard import GuardError, Policy, active, current
from kg.project import Project


@pytest.fixture
def policy(tmp_path: Path) -> Policy:
    (tmp_path / "project").mkdir()
    return Policy.for_project(tmp_path / "project", command="a test")


def test_network_is_refused_before_any_packet(policy: Policy) -> None:
    with active(policy):
        with pytest.raises(GuardError, match="fetching http://example.org/ during a test"):
            urllib.request.urlopen("http://example.org/", timeout=1)
        with pytest.raises(GuardError, match="looking up the host example.org"):
            socket.getaddrinfo("example.org", 80)
        with socket.socket() as raw, pytest.raises(GuardError, match="a connection to 192.0.2.1:80"):
            raw.connect(("192.0.2.1", 80))
        with pytest.raises(GuardError, match="127.0.0.1"):  # loopback too, unless the command needs it
            socket.create_connection(("127.0.0.1", 9), timeout=1)
        with pytest.raises(GuardError, match="fetching file:///etc/passwd"):
            urllib.request.urlopen("file:///etc/passwd")


def test_a_named_store_host_is_allowed(tmp_path: Path) -> None:
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen()
    port = listener.getsockname()[1]
    with active(Policy.for_project(tmp_path, command="a test", hosts=["127.0.0.1"])):
        socket.create_connection(("127.0.0.1", port), timeout=2).close()
        with pytest.raises(GuardError):
            socket.create_connection(("192.0.2.1", 80), timeout=1)
    listener.close()


def test_files_outside_the_project_are_refused(policy: Policy, tmp_path: Path) -> None:
    inside = Path(policy.write[0]) / "data.ttl"
    outside = Path.home() / ".kg-guard-test-must-not-exist"
    with active(policy):
        inside.write_text("ok", encoding="utf-8")
        assert inside.read_text(encoding="utf-8") == "ok"
        with pytest.raises(GuardError, match="reading /etc/passwd during a test"):
            Path("/etc/passwd").read_text()
        with pytest.raises(GuardError, match=f"writing {outside}"):
            outside.write_text("no")
        Path("/etc/mime.types").exists()  # a stat is not an open
        import json  # imports still work: the interpreter's own files are readable

        assert json.dumps(1) == "1"
    assert not outside.exists()


def test_the_guard_is_scoped(policy: Policy) -> None:
    assert current() is None
    with active(policy):
        assert current() is policy
    assert current() is None
    assert Path("/etc/passwd").read_text()  # the hook stays installed but is inert again


def test_a_command_that_trips_the_guard_fails_clearly(built: Project, monkeypatch: pytest.MonkeyPatch) -> None:
    """A library that reaches for the network in the middle of `kg query` is stopped, exit code 4."""
    import kg.queries

    real_bind = kg.queries.bind

    def fetching_bind(*args, **kwargs):
        urllib.request.urlopen("http://example.org/context.jsonld")
        return real_bind(*args, **kwargs)

    monkeypatch.setattr(kg.queries, "bind", fetching_bind)
    result = CliRunner().invoke(app, ["query", "cq_posts"], env={"KG_HOME": str(built.root)})
    assert result.exit_code == 4, result.output
    assert "the guard refused fetching http://example.org/context.jsonld during kg query" in result.output
    assert current() is None


def test_kg_load_runs_guarded(built: Project, monkeypatch: pytest.MonkeyPatch) -> None:
    import kg.build
    from kg.api import load

    real = kg.build.open_built
    seen: list = []

    def spy(project, **kw):
        seen.append(current())
        return real(project, **kw)

    monkeypatch.setattr(kg.build, "open_built", spy)
    assert len(load(project=built)) > 1000
    assert seen and seen[0] is not None and seen[0].command == "kg.load()"


def _page(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    page = folder / "note.html"
    page.write_text("<html><head><title>A note</title></head><body><p>The National Audit Office criticised "
                    "the Better Care Fund.</p></body></html>", encoding="utf-8")
    return page


def test_kg_ingest_and_accept_run_guarded(scratch: Project, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Extraction may read the document's own folder and the project, nothing else: a parser reaching for
    another file or the network stops kg ingest with exit code 4 and nothing written; kg accept is guarded too."""
    import kg.guard
    import kg.ingest.accept
    import kg.ingest.run

    elsewhere = tmp_path / "tmp"  # the temporary folder the guard allows, away from the document and the secret
    elsewhere.mkdir()
    monkeypatch.setattr(kg.guard.tempfile, "gettempdir", lambda: str(elsewhere))
    secret = tmp_path / "secret" / "key.txt"
    secret.parent.mkdir()
    secret.write_text("never read", encoding="utf-8")
    page = _page(tmp_path / "docs")
    env = {"KG_HOME": str(scratch.root)}
    options = ["--date", "2015", "--outlet", "HSJ"]
    real_extract = kg.ingest.run.extract
    seen: list = []

    def reaching(target: str):
        def spy(*args, **kwargs):
            seen.append(current())
            if target.startswith("http"):
                urllib.request.urlopen(target)
            else:
                Path(target).read_text()
            return real_extract(*args, **kwargs)
        return spy

    before = sorted(p.relative_to(scratch.root) for p in scratch.data_dir.rglob("*"))
    for target, refused in ((str(secret), f"reading {secret}"), ("http://example.org/a.pdf", "fetching http")):
        monkeypatch.setattr(kg.ingest.run, "extract", reaching(target))
        result = CliRunner().invoke(app, ["ingest", str(page), *options], env=env)
        assert result.exit_code == 4, result.output
        assert f"the guard refused {refused}" in result.output and "during kg ingest" in result.output
        assert sorted(p.relative_to(scratch.root) for p in scratch.data_dir.rglob("*")) == before
    assert seen and all(p is not None and p.command == "kg ingest" for p in seen)
    assert current() is None

    monkeypatch.setattr(kg.ingest.run, "extract", real_extract)  # the document's folder itself is readable
    result = CliRunner().invoke(app, ["ingest", str(page), *options], env=env)
    assert result.exit_code == 0, result.output
    sid = next(scratch.data_dir.joinpath("candidates").glob("*.ttl")).stem
    real_validate = kg.ingest.accept.validate

    def validating(*args, **kwargs):
        seen.append(current())
        return real_validate(*args, **kwargs)

    monkeypatch.setattr(kg.ingest.accept, "validate", validating)
    result = CliRunner().invoke(app, ["accept", sid, "--min-confidence", "0.5", "--no-reasoner"], env=env)
    assert result.exit_code == 0, result.output
    assert seen[-1] is not None and seen[-1].command == "kg accept" and current() is None
