"""Run work in a child process that a time limit and a memory limit can stop.

pyoxigraph cannot cancel a query, and a parser fed a hostile file can run for ever or take all
memory; neither can be stopped from a thread.  :func:`call` forks: the child inherits the
parent's loaded store or data, so nothing is loaded twice, runs ``fn`` under ``RLIMIT_AS`` (the
memory it already has plus ``memory`` bytes) and ``RLIMIT_CPU``, and sends the result back
pickled through a pipe.  Past ``timeout`` the parent kills the child (SIGKILL) and raises
:class:`TimeLimit`; a child that runs out of memory gives :class:`MemoryLimit`.

>>> call(lambda: sum(range(10)), timeout=10)
45
>>> call(lambda: [0] * (1 << 31), timeout=10, memory=64 << 20, what="a big list")
Traceback (most recent call last):
...
kg.isolate.MemoryLimit: a big list ran out of memory (limit 64 MB) and was stopped
"""

from __future__ import annotations

import faulthandler
import math
import os
import pickle
import resource
import select
import signal
import time
from collections.abc import Callable
from typing import TypeVar

from kg.problems import KgError

__all__ = ["call", "Stopped", "TimeLimit", "MemoryLimit"]

T = TypeVar("T")


class Stopped(KgError):
    """The work was stopped by a limit or died."""


class TimeLimit(Stopped):
    """The work ran past its time limit and was killed."""


class MemoryLimit(Stopped):
    """The work ran out of its memory allowance."""


def _address_space() -> int:
    with open("/proc/self/statm", "rb") as handle:
        return int(handle.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")


def _child(fn: Callable[[], object], out: int, timeout: float, memory: int | None, what: str) -> None:
    for sig in (signal.SIGTERM, signal.SIGINT):
        signal.signal(sig, signal.SIG_DFL)
    quiet = os.open(os.devnull, os.O_WRONLY)  # a Rust allocation failure prints a backtrace; the parent reports
    os.dup2(quiet, 2)
    faulthandler.disable()  # an abort at the memory limit is expected; the handler (pytest's) writes to its own fd
    cpu = math.ceil(timeout) + 1
    resource.setrlimit(resource.RLIMIT_CPU, (cpu, cpu + 1))
    if memory is not None:
        limit = _address_space() + memory
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    try:
        payload: tuple = ("ok", fn())
    except MemoryError:
        payload = ("memory", None)
    except BaseException as exc:  # noqa: BLE001 - sent to the parent, which raises it
        payload = ("error", exc)
    try:
        data = pickle.dumps(payload)
    except Exception as exc:  # noqa: BLE001
        data = pickle.dumps(("error", Stopped(f"{what} failed: {exc}")))
    view = memoryview(data)
    while view:
        view = view[os.write(out, view):]


def call(fn: Callable[[], T], *, timeout: float, memory: int | None = None, what: str = "the work") -> T:
    """``fn()`` run in a forked child, stopped after ``timeout`` seconds or past ``memory`` more bytes."""
    read, write = os.pipe()
    pid = os.fork()
    if pid == 0:  # pragma: no cover - the child, measured by the parent's tests
        try:
            os.close(read)
            _child(fn, write, timeout, memory, what)
        except BaseException as exc:  # noqa: BLE001 - the parent reports what the child could not say
            try:
                os.write(write, pickle.dumps(("error", Stopped(f"{what} failed to start: {exc!r}"))))
            except BaseException:  # noqa: BLE001
                pass
        finally:
            os._exit(0)
    os.close(write)
    chunks: list[bytes] = []
    deadline = time.monotonic() + timeout
    try:
        while True:
            left = deadline - time.monotonic()
            if left <= 0 or not select.select([read], [], [], left)[0]:
                os.kill(pid, signal.SIGKILL)
                raise TimeLimit(f"{what} ran longer than the time limit of {timeout:g} s and was stopped")
            chunk = os.read(read, 1 << 20)
            if not chunk:
                break
            chunks.append(chunk)
    except BaseException:
        try:
            os.kill(pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        raise
    finally:
        os.close(read)
        _, status = os.waitpid(pid, 0)
    limit = f" (limit {memory >> 20} MB)" if memory is not None else ""
    if not chunks:
        sig = os.WTERMSIG(status) if os.WIFSIGNALED(status) else None
        if sig == signal.SIGXCPU:
            raise TimeLimit(f"{what} used more than {timeout:g} s of CPU and was stopped")
        if memory is not None and sig in (signal.SIGABRT, signal.SIGSEGV, signal.SIGBUS):
            raise MemoryLimit(f"{what} ran out of memory{limit} and was stopped")
        raise Stopped(f"{what} stopped unexpectedly (status {status})")
    kind, value = pickle.loads(b"".join(chunks))
    if kind == "memory":
        raise MemoryLimit(f"{what} ran out of memory{limit} and was stopped")
    if kind == "error":
        raise value
    return value
