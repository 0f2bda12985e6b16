"""Generate docs/cli.md from the commands' own ``--help``, so the reference cannot drift.

``python -m kg.docs > docs/cli.md`` rewrites it; ``tests/test_docs.py`` fails when it is stale.
"""

from __future__ import annotations

from typer.testing import CliRunner

from kg.cli import app

__all__ = ["cli_reference", "command_names"]

_ENV = {"COLUMNS": "100", "TERM": "dumb", "NO_COLOR": "1"}


def command_names() -> list[str]:
    """The names of the ``kg`` subcommands, in the order they are defined."""
    return [c.name or c.callback.__name__ for c in app.registered_commands]


def _help(*args: str) -> str:
    output = CliRunner().invoke(app, [*args, "--help"], env=_ENV, terminal_width=100, prog_name="kg").output
    return "\n".join(line.rstrip() for line in output.strip("\n").splitlines())


def cli_reference() -> str:
    """Markdown: ``kg --help`` and every ``kg COMMAND --help``."""
    parts = ["# kg command reference", "",
             "Generated from `--help` by `python -m kg.docs > docs/cli.md`; do not edit by hand.", "",
             "```", _help(), "```", ""]
    for name in command_names():
        parts += [f"## kg {name}", "", "```", _help(name), "```", ""]
    return "\n".join(parts)


if __name__ == "__main__":  # pragma: no cover
    print(cli_reference(), end="")
