"""watchdog-kg: a knowledge graph of UK public-spending accountability.

The Python API::

    import kg
    store = kg.load()                      # the built graph (builds if stale)
    rows = kg.query("cq_nao_reports")      # a named query -> list of dicts
    df = kg.query("cq_criticisms_of_programme", params={"programme": "Better Care Fund"}, frame=True)

Nothing is loaded or built at import time.
"""

from __future__ import annotations

from kg.api import load, query

__all__ = ["load", "query"]
__version__ = "0.1.0"
