"""Kill a real process at chosen points of its run, for the fault tests (any command: build, store load, accept).

:func:`run_and_kill` kills at an instant; :func:`kill_at_write` kills a ``kg`` command exactly around its
n-th file write (the rename that makes a file whole), to reach states that last a millisecond.

>>> kill_points(seed=3, count=4, duration=10.0) == kill_points(seed=3, count=4, duration=10.0)
True
>>> all(0 < t < 10.5 for t in kill_points(seed=1, count=8, duration=10.0))
True
"""

from __future__ import annotations

import os
import random
import signal
import subprocess
import threading
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

__all__ = ["kill_points", "timed_run", "run_and_kill", "Killed", "kill_at_write"]


def kill_points(*, seed: int, count: int, duration: float, tail: float = 0.5) -> list[float]:
    """``count`` deterministic instants over a run of ``duration`` seconds.

    Half spread evenly over the whole run (one at random in each slice), half over its last ``1 - tail``
    fraction, where a command usually writes its outputs.
    """
    rng = random.Random(seed)
    early = count - count // 2
    points = [duration * (i + rng.random()) / early for i in range(early)]
    late = count // 2
    points += [duration * (tail + (1 - tail) * (i + rng.random()) / late) for i in range(late)]
    return sorted(min(p, duration * 1.02) for p in points)


def _start(cmd: Sequence[str], env: dict[str, str], cwd: Path, marker: str | None
           ) -> tuple[subprocess.Popen, threading.Event, list[str], list[float]]:
    """Start ``cmd`` in its own process group; the event is set (and the time noted) when ``marker``
    appears on its stderr."""
    process = subprocess.Popen(list(cmd), env=env, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                               text=True, start_new_session=True)
    seen, lines, marks = threading.Event(), [], [time.monotonic()]
    if marker is None:
        seen.set()

    def read() -> None:
        for line in process.stderr:  # type: ignore[union-attr]
            lines.append(line)
            if marker is not None and marker in line and not seen.is_set():
                marks.append(time.monotonic())
                seen.set()

    threading.Thread(target=read, daemon=True).start()
    return process, seen, lines, marks


def timed_run(cmd: Sequence[str], *, env: dict[str, str], cwd: Path, marker: str | None = None,
              timeout: float = 120) -> float:
    """Run ``cmd`` to the end; the wall time from its start (or from ``marker`` on its stderr) to its end."""
    process, seen, lines, marks = _start(cmd, env, cwd, marker)
    returncode = process.wait(timeout)
    ended = time.monotonic()
    if returncode != 0 or not seen.wait(5):
        raise AssertionError(f"{' '.join(cmd)} failed ({returncode}) or never said {marker!r}: {''.join(lines)}")
    return ended - marks[-1]


@dataclass(frozen=True)
class Killed:
    at: float          # seconds after the start
    killed: bool       # False: the command had already finished
    returncode: int


def run_and_kill(cmd: Sequence[str], *, at: float, env: dict[str, str], cwd: Path, marker: str | None = None
                 ) -> Killed:
    """Start ``cmd`` and SIGKILL its whole process group ``at`` seconds after its start (or after ``marker``)."""
    process, seen, _, _ = _start(cmd, env, cwd, marker)
    try:
        while not seen.wait(0.005):
            if process.poll() is not None:
                return Killed(at, False, process.returncode)
        process.wait(at)
        return Killed(at, False, process.returncode)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        return Killed(at, True, process.wait(30))


_AT_WRITE = """
import os, signal, sys
n, before, under = int(sys.argv[1]), sys.argv[2] == "before", sys.argv[3]
real, seen = os.replace, [0]

def replace(src, dst, *args, **kwargs):
    if os.path.realpath(os.fspath(dst)).startswith(under):
        seen[0] += 1
        if seen[0] == n and before:
            os.kill(os.getpid(), signal.SIGKILL)
        real(src, dst, *args, **kwargs)
        if seen[0] == n:
            os.kill(os.getpid(), signal.SIGKILL)
    else:
        real(src, dst, *args, **kwargs)

os.replace = replace
sys.argv = ["kg", *sys.argv[4:]]
from kg.cli import app
app()
"""


def kill_at_write(args: Sequence[str], *, n: int, before: bool, under: Path, env: dict[str, str], cwd: Path
                  ) -> int:
    """Run ``kg ARGS`` and SIGKILL it just before (the temporary file written and fsynced) or just after the
    ``n``-th ``os.replace`` into ``under``; its return code (``-9`` when the kill came, 0 if it wrote less)."""
    import sys

    cmd = [sys.executable, "-c", _AT_WRITE, str(n), "before" if before else "after",
           os.path.realpath(under) + os.sep, *args]
    return subprocess.run(cmd, env=env, cwd=cwd, capture_output=True, timeout=300).returncode
