"""``kg serve``: a read-only SPARQL 1.1 Protocol endpoint and an offline web explorer.

Nothing is imported at import time beyond this docstring, so that ``python -m
kg.serve.workers`` (a query worker) starts quickly.
"""
