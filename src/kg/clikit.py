"""What the ``kg`` commands share: the stderr console, error printing, progress, the guard and the store option.

Kept apart from :mod:`kg.cli` so that command modules (:mod:`kg.cli_ingest`) import it without importing the app.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated, Optional

import typer
from rich.console import Console

from kg.problems import InvalidInput, KgError
from kg.project import Project

__all__ = ["err", "find_project", "fail", "progress", "guarded", "open_backend", "StoreOption", "MaxBytesOption"]

err = Console(stderr=True, highlight=False, emoji=False, soft_wrap=True)


def find_project() -> Project:
    """The project the current folder is in."""
    return Project.find()


def fail(exc: KgError) -> typer.Exit:
    """Print ``exc`` for the user (each problem with its file and line) and return the exit to raise."""
    if isinstance(exc, InvalidInput):
        for problem in exc.problems:
            err.print(str(problem), markup=False)
        err.print(f"[bold red]{len(exc.problems)} problem(s); nothing was written.[/]")
    else:
        err.print(f"[bold red]error:[/] {exc}" if "\n" not in str(exc) else str(exc), markup="\n" not in str(exc))
    return typer.Exit(exc.exit_code)


def progress(step: str) -> None:
    """Say on stderr which step a command has reached."""
    err.print(f"[dim]… {step}[/]")


StoreOption = Annotated[Optional[str], typer.Option(
    "--store", envvar="KG_STORE", show_default=False,
    help="Where the graph lives: memory (default: build/ loaded in memory), oxigraph:PATH (embedded store on "
         "disk) or sparql+http://HOST:PORT/query[?update=/update&store=/store] (a SPARQL 1.1 endpoint).")]


MaxBytesOption = Annotated[Optional[int], typer.Option(
    "--max-bytes", envvar="KG_MAX_BYTES", min=1, show_default=False,
    help="Refuse any input file larger than this many bytes [default: 52428800, 50 MB].")]


@contextmanager
def guarded(project: Project, command: str, *, store: str | None = None, write: tuple[Path, ...] = (),
             read: tuple[Path, ...] = (), listen: str | None = None) -> Iterator[None]:
    """Run the block under the process-wide guard (kg.guard): only the project, only the store's host."""
    from kg.guard import Policy, active
    from kg.stores import StoreKind, parse_store

    spec = parse_store(store)
    hosts = []
    if spec.kind is StoreKind.sparql and spec.query_url:
        from urllib.parse import urlsplit

        hosts = [urlsplit(u).hostname or "" for u in (spec.query_url, spec.update_url, spec.store_url) if u]
    if listen is not None:  # the address kg serve binds to (a lookup, never a connection out)
        hosts.append(listen)
    extra = write + ((spec.path.expanduser().absolute().parent,) if spec.path is not None else ())
    with active(Policy.for_project(project.root, command=f"kg {command}", write=extra, read=read, hosts=hosts)):
        yield


def open_backend(project: Project, store: str | None):
    """The backend to read from, as ``--store`` (or $KG_STORE) names it."""
    from kg.stores import open_store, parse_store

    return open_store(parse_store(store), project, progress=progress)
