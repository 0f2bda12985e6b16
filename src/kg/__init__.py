"""watchdog-kg: a knowledge graph of UK public-spending accountability.

The Python API::

    import kg
    store = kg.load()                      # the built graph (builds if stale)
    rows = kg.query("cq_nao_reports")      # a named query -> list of dicts
    df = kg.query("cq_criticisms_of_programme", params={"programme": "Better Care Fund"}, frame=True)

In IPython or Jupyter, ``%load_ext kg`` adds the ``%%sparql`` cell magic (see :mod:`kg.magic`).

Nothing is loaded or built at import time, and IPython is not imported.
"""

from __future__ import annotations

from typing import Any

from kg.api import load, query

__all__ = ["load", "query", "load_ipython_extension"]
__version__ = "0.1.0"


def load_ipython_extension(ipython: Any) -> None:
    """``%load_ext kg``: register the ``%%sparql`` cell magic (IPython is imported only now)."""
    from kg.magic import load_ipython_extension as register

    register(ipython)
