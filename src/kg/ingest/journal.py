"""All-or-nothing ``kg ingest`` and ``kg accept`` across the several files each writes, even under ``kill -9``.

Each file is written by :func:`kg.atomic.atomic_file` (whole or absent), but a command that writes several
can be killed between two of them. The two commands therefore order their writes so that one write
*commits*, and the next run of either command finishes or undoes what a killed one left:

- ``kg ingest`` first writes a journal, ``data/candidates/.ingest-journal.json``, naming the sources and the
  new files it is about to write (source texts, candidates, reports); then those files; then
  ``data/sources/sources.ttl`` with the new records, which commits; then it removes the journal.
  :func:`recover` finds a journal left behind: if ``sources.ttl`` has the records, the ingest was committed
  and only the journal goes; if not, the files it names are removed (they are new, so nothing older is lost).
- ``kg accept`` writes ``data/curated/SOURCE.ttl`` first (the commit), then the candidates file without the
  accepted ones. The next ``kg accept`` of that source removes from the candidates every candidate already in
  the curated file (:mod:`kg.ingest.accept`), so none is both accepted and pending for long and none is
  accepted twice.

Both commands hold :func:`locked` (an exclusive ``flock`` on ``data/``, which creates no file) while they read
and write, so a second run waits instead of racing; under it, a temporary file of an interrupted
``atomic_file`` is known to be dead and :func:`remove_temporaries` may remove it.

>>> import tempfile
>>> from kg.project import Project
>>> project = Project(Path(tempfile.mkdtemp()))
>>> (project.sources_dir).mkdir(parents=True)
>>> _ = (project.sources_dir / "sources.ttl").write_text("@prefix src: <https://w3id.org/watchdog-kg/source/> .\\n")
>>> begin(project, ["005_ab"], [project.sources_dir / "005_ab.txt"])  # as a killed ingest leaves it
>>> _ = (project.sources_dir / "005_ab.txt").write_text("no record for me")
>>> recover(project)
['rolled back an interrupted kg ingest of 005_ab (removed 1 file)']
>>> (project.sources_dir / "005_ab.txt").exists(), journal_path(project).exists()
(False, False)
"""

from __future__ import annotations

import fcntl
import json
import os
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path

from kg.atomic import atomic_file, fsync_dir
from kg.problems import KgError
from kg.project import Project

__all__ = ["locked", "journal_path", "begin", "ingesting", "recover", "pending_sources", "remove_temporaries"]

JOURNAL = ".ingest-journal.json"


def journal_path(project: Project) -> Path:
    """Where an ingest in progress names what it is writing."""
    return project.data_dir / "candidates" / JOURNAL


@contextmanager
def locked(project: Project) -> Iterator[None]:
    """Hold an exclusive lock on ``data/`` (another kg ingest or kg accept waits for it)."""
    fd = os.open(project.data_dir, os.O_RDONLY | os.O_DIRECTORY)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)  # closing releases the lock


def remove_temporaries(targets: Iterable[Path]) -> int:
    """Remove what a killed :func:`kg.atomic.atomic_file` left beside each target; how many."""
    removed = 0
    for target in targets:
        if target.parent.is_dir():
            for tmp in target.parent.glob(f".{target.name}.*.tmp"):
                tmp.unlink(missing_ok=True)
                removed += 1
    return removed


def begin(project: Project, sources: list[str], files: list[Path]) -> None:
    """Record, before any of them is written, the sources and new files an ingest is about to write."""
    entry = {"sources": sources, "files": [project.relative(p) for p in files]}
    with atomic_file(journal_path(project)) as handle:
        json.dump(entry, handle, indent=1)


def _recorded(project: Project) -> set[str]:
    """The source ids that ``data/sources/sources.ttl`` describes."""
    from rdflib import Graph

    from kg.namespaces import SRC, WKG

    path = project.sources_dir / "sources.ttl"
    graph = Graph().parse(path, format="turtle") if path.is_file() else Graph()
    return {str(s).removeprefix(str(SRC)) for s in graph.subjects(WKG.textFile, None)}


def _settle(project: Project) -> str | None:
    """Finish (committed) or undo (not committed) the ingest the journal names; what was done."""
    path = journal_path(project)
    if not path.is_file():
        return None
    try:
        entry = json.loads(path.read_text(encoding="utf-8"))
        sources, files = list(entry["sources"]), [project.root / f for f in entry["files"]]
    except (ValueError, KeyError, TypeError) as exc:
        raise KgError(f"{project.relative(path)} is not a kg ingest journal ({exc}); remove it by hand") from None
    if not all(f.resolve().is_relative_to(project.data_dir.resolve()) for f in files):
        raise KgError(f"{project.relative(path)} names files outside data/; remove it by hand")
    recorded = _recorded(project)
    remove_temporaries([*files, project.sources_dir / "sources.ttl"])
    if all(s in recorded for s in sources):
        message = None  # committed: the files are the sources' own now
    else:
        gone = [f for f in files if f.is_file()]
        for f in gone:
            f.unlink()
        message = (f"rolled back an interrupted kg ingest of {', '.join(sources)} "
                   f"(removed {len(gone)} file{'' if len(gone) == 1 else 's'})")
    path.unlink()
    fsync_dir(path.parent)
    return message


def recover(project: Project) -> list[str]:
    """Settle what a killed kg ingest left (call under :func:`locked`); a line per thing done."""
    done = _settle(project)
    return [done] if done else []


@contextmanager
def ingesting(project: Project, sources: list[str], files: list[Path]) -> Iterator[None]:
    """Journal an ingest of ``sources`` writing the new ``files``; the block must write ``sources.ttl`` last.

    On an exception the ingest is undone unless ``sources.ttl`` was written; on a kill, by :func:`recover`.
    """
    begin(project, sources, files)
    try:
        yield
    finally:
        _settle(project)


def pending_sources(project: Project) -> set[str]:
    """Sources an unfinished kg ingest is writing (their candidates are not to be read yet)."""
    path = journal_path(project)
    try:
        return set(json.loads(path.read_text(encoding="utf-8"))["sources"])
    except (OSError, ValueError, KeyError, TypeError):
        return set()
