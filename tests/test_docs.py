"""Documentation cannot fall behind the code (after datasette's test_docs.py)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from kg.docs import cli_reference, command_names
from kg.project import Project
from kg.queries import list_queries

ROOT = Path(__file__).resolve().parents[1]
README = (ROOT / "README.md").read_text(encoding="utf-8")


def test_cli_reference_is_current() -> None:
    assert (ROOT / "docs" / "cli.md").read_text(encoding="utf-8") == cli_reference(), \
        "docs/cli.md is stale: run `python -m kg.docs > docs/cli.md`"


@pytest.mark.parametrize("command", command_names())
def test_every_command_is_shown_in_the_readme(command: str) -> None:
    assert re.search(rf"\bkg {command}\b", README), f"README.md never shows `kg {command}`"


@pytest.mark.parametrize("query", [q.name for q in list_queries(Project(ROOT))])
def test_every_named_query_is_documented(query: str) -> None:
    assert query in README, f"README.md does not mention queries/{query}.rq"


def test_every_named_query_has_a_title_and_description() -> None:
    for query in list_queries(Project(ROOT)):
        assert query.title and query.description, query.name


def test_quickstart_is_exactly_two_commands() -> None:
    quickstart = README.split("## Quickstart", 1)[1].split("\n## ", 1)[0]
    block = re.search(r"```(?:sh|bash|console)?\n(.*?)```", quickstart, re.S).group(1)
    assert [line for line in block.splitlines() if line.strip()] == ["make run", "make test"]


def test_readme_summary_matches_the_build(built: Project) -> None:
    """The `make run` output shown in the README is the build's real summary."""
    import json

    summary = json.loads((built.build_dir / "summary.json").read_text(encoding="utf-8"))
    shown = re.search(r"^(\d+) triples in (\d+) named graphs; (\d+) criticisms; (\d+) sources$", README, re.M)
    assert shown, "README.md no longer shows the build summary line"
    assert tuple(map(int, shown.groups())) == (summary["triples"], summary["graphs"], summary["criticisms"],
                                               len(summary["sources"]))
