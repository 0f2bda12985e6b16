"""What the bench scripts share: synthetic names, and running a measured worker in its own process group.

The scripts run as ``python bench/NAME.py``, so this folder is on ``sys.path`` and ``import benchlib`` works.
"""

from __future__ import annotations

import json
import os
import platform
import signal
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any

__all__ = ["WORDS", "PLACES", "GIVEN", "FAMILY", "THEMES", "machine_info", "run_worker", "records", "worker_status"]

WORDS = ("budget pooling savings plans integration councils health social care delivery local areas NHS "
         "funding targets admissions evidence assurance risk governance outcomes pilots guidance ministers "
         "departments value money accountability transfers partnership services reform spending review "
         "efficiency baseline commissioning assessment timetable capacity").split()
PLACES = ("Northfield Eastbrook Westhaven Southmoor Ashby Kingsford Millbridge Oakham Redcliffe Thornbury "
          "Whitby Greystone Hollowell Marston Linden Fairholm Brackley Elmstead Highgate Cresswell").split()
GIVEN = "Alex Sam Jo Chris Pat Morgan Robin Lee Kim Jamie Bob Una Amyas Margaret Eric Andrew Sarah".split()
FAMILY = "Smith Jones Taylor Brown Wilson Evans Kerslake Hodge Morse Pickles Hughes Clarke Patel Khan".split()
THEMES = ("Care", "Place", "Housing", "Integration", "Families", "Resettlement", "Growth", "Skills", "Transport",
          "Prevention", "Connect", "Community", "Health", "Justice", "Digital")


def machine_info(**versions: str) -> dict[str, Any]:
    """What a bench ran on: CPUs, platform, Python, the given library ``versions`` and memory (GB, where known)."""
    info: dict[str, Any] = {"cpus": os.cpu_count(), "platform": platform.platform(),
                            "python": platform.python_version(), **versions}
    try:
        info["memory_gb"] = round(os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30, 1)
    except (ValueError, OSError):
        pass
    return info


def run_worker(command: list[str], *, cwd: Path, timeout: float, grace: float) -> tuple[str, str, int, bool]:
    """Run ``command`` in a new session; past ``timeout`` stop its whole process group.

    SIGTERM first, then SIGKILL after ``grace`` seconds. Returns (stdout, stderr, exit code, timed out).
    """
    proc = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            start_new_session=True, cwd=cwd)
    try:
        out, err = proc.communicate(timeout=timeout)
        return out, err, proc.returncode, False
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGTERM)  # the worker's own process group, any server it started with it
        try:
            out, err = proc.communicate(timeout=grace)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            out, err = proc.communicate()
        return out, err, proc.returncode, True


def records(out: str) -> Iterator[dict[str, Any]]:
    """The JSON objects a worker printed, one a line; other lines (library chatter) are skipped."""
    for line in out.splitlines():
        try:
            yield json.loads(line)
        except json.JSONDecodeError:
            continue


def worker_status(status: str, *, phase: str | None, returncode: int, err: str, timeout: float, width: int) -> str:
    """"ok", or how the worker ended: the phase it timed out in, or the phase and last stderr line it failed with."""
    if status == "timeout":
        return f"timeout after {timeout:g} s in {phase}"
    if returncode != 0 or phase != "done":
        tail = (err or "").strip().splitlines()[-1:] or [f"exit code {returncode}"]
        return f"failed in {phase}: {tail[0][:width]}"
    return status
