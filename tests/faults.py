"""Kill a real process at chosen points of its run, for the fault tests (any command: build, store load, accept).

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

__all__ = ["kill_points", "timed_run", "run_and_kill", "Killed"]


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
