"""Writes that a crash or ``kill -9`` cannot leave half done.

- :func:`atomic_file`: one file, written beside its target, fsynced, then renamed over it.
- :func:`publish`: a whole directory as a new *generation*.  ``build/`` (and an embedded store
  given as ``oxigraph:PATH``) is a symbolic link to ``.build-gen-000007``; a new generation is
  written in ``.build-tmp-PID-...``, fsynced, renamed to ``.build-gen-000008``, and the link is
  replaced by ``os.replace`` of a new link.  At every instant the link names a whole generation,
  old or new.  The previous generation is kept (a reader may still have it open); older ones and
  the temporary directories of killed writers are removed by the next publish.

>>> import tempfile
>>> root = Path(tempfile.mkdtemp())
>>> with publish(root / "out") as tmp:
...     _ = (tmp / "a.txt").write_text("one")
>>> (root / "out").is_symlink(), (root / "out" / "a.txt").read_text()
(True, 'one')
>>> current(root / "out").name
'.out-gen-000001'
"""

from __future__ import annotations

import os
import re
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Any

__all__ = ["atomic_file", "publish", "current", "generations", "cleanup", "fsync_tree", "fsync_dir"]

_GEN = re.compile(r"\.(?P<name>.+)-gen-(?P<n>\d{6})$")
_TMP = re.compile(r"\.(?P<name>.+)-tmp-(?P<pid>\d+)-")


def fsync_dir(path: Path) -> None:
    """Make a rename or a new entry in ``path`` durable."""
    fd = os.open(path, os.O_RDONLY | os.O_DIRECTORY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def fsync_tree(path: Path) -> None:
    """fsync every file and directory under ``path`` (and ``path`` itself)."""
    for folder, _, files in os.walk(path):
        for name in files:
            fd = os.open(os.path.join(folder, name), os.O_RDONLY)
            try:
                os.fsync(fd)
            finally:
                os.close(fd)
        fsync_dir(Path(folder))


@contextmanager
def atomic_file(target: Path, mode: str = "w") -> Iterator[IO[Any]]:
    """Open a temporary file beside ``target``; on success fsync it and rename it over ``target``.

    On any exception the temporary file is removed and ``target`` is untouched.

    >>> import tempfile
    >>> path = Path(tempfile.mkdtemp()) / "x.txt"
    >>> with atomic_file(path) as handle:
    ...     _ = handle.write("hello")
    >>> path.read_text()
    'hello'
    """
    target = Path(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    try:
        with os.fdopen(fd, mode, **({} if "b" in mode else {"encoding": "utf-8"})) as handle:
            yield handle
            handle.flush()
            os.fsync(handle.fileno())
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(name, 0o666 & ~umask)  # mkstemp makes 0600; outputs are for reading
        os.replace(name, target)
        fsync_dir(target.parent)
    except BaseException:
        Path(name).unlink(missing_ok=True)
        raise


def generations(link: Path) -> list[Path]:
    """The generation directories of ``link``, oldest first."""
    found = []
    for path in link.parent.glob(f".{link.name}-gen-*"):
        m = _GEN.fullmatch(path.name)
        if m and m.group("name") == link.name and path.is_dir() and not path.is_symlink():
            found.append(path)
    return sorted(found, key=lambda p: p.name)


def current(link: Path) -> Path | None:
    """The generation ``link`` names; without a link (an old layout being converted), the newest one.

    A plain directory at ``link`` (written before generations existed) is itself current.
    """
    if link.is_symlink():
        target = link.resolve()
        return target if target.is_dir() else None
    if link.is_dir():
        return link
    found = generations(link)
    return found[-1] if found else None


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def cleanup(link: Path, *, keep: int = 2) -> list[Path]:
    """Remove all but the newest ``keep`` generations (never the current one) and dead writers' temporaries."""
    removed = []
    live = current(link)
    for path in generations(link)[:-keep] if keep else generations(link):
        if live is None or path.resolve() != live.resolve():
            shutil.rmtree(path, ignore_errors=True)
            removed.append(path)
    for path in link.parent.glob(f".{link.name}-tmp-*"):
        m = _TMP.match(path.name)
        if m and m.group("name") == link.name and not _alive(int(m.group("pid"))):
            shutil.rmtree(path, ignore_errors=True)
            removed.append(path)
    for path in link.parent.glob(f".{link.name}-link-*"):  # a new link a killed writer never swapped in
        pid = path.name.rsplit("-", 1)[1]
        if path.is_symlink() and pid.isdigit() and not _alive(int(pid)):
            path.unlink(missing_ok=True)
            removed.append(path)
    return removed


def _adopt(link: Path) -> None:
    """A plain directory at ``link`` (the old layout) becomes generation 0 and ``link`` a link to it."""
    if link.is_dir() and not link.is_symlink():
        gen = link.with_name(f".{link.name}-gen-{0:06d}")
        if gen.exists():
            shutil.rmtree(gen)
        os.rename(link, gen)  # until the next line, readers find gen 0 by current()
        _swap(link, gen)


def _swap(link: Path, target: Path) -> None:
    tmp_link = link.with_name(f".{link.name}-link-{os.getpid()}")
    tmp_link.unlink(missing_ok=True)
    os.symlink(target.name, tmp_link)
    os.replace(tmp_link, link)
    fsync_dir(link.parent)


@contextmanager
def publish(link: Path, *, keep: int = 2) -> Iterator[Path]:
    """Yield an empty temporary directory; on success it becomes the newest generation and ``link`` names it.

    On any exception (or a kill) ``link`` keeps naming the previous generation.
    """
    link = Path(link)
    link.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".{link.name}-tmp-{os.getpid()}-", dir=link.parent))
    try:
        yield tmp
        fsync_tree(tmp)
        os.chmod(tmp, 0o755 & ~_umask())
        _adopt(link)
        existing = generations(link)
        number = int(_GEN.fullmatch(existing[-1].name).group("n")) + 1 if existing else 1  # type: ignore[union-attr]
        gen = link.with_name(f".{link.name}-gen-{number:06d}")
        os.rename(tmp, gen)
        fsync_dir(link.parent)
        _swap(link, gen)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    cleanup(link, keep=keep)


def _umask() -> int:
    umask = os.umask(0)
    os.umask(umask)
    return umask
