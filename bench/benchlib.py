"""What the bench scripts share: synthetic names, and running a measured worker in its own process group.

The scripts run as ``python bench/NAME.py``, so this folder is on ``sys.path`` and ``import benchlib`` works.
"""

from __future__ import annotations

import os
import signal
import subprocess
from pathlib import Path

__all__ = ["WORDS", "PLACES", "GIVEN", "FAMILY", "THEMES", "run_worker"]

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
