"""Start ``kg serve``: the worker pool, then the HTTP server, until interrupted or terminated."""

from __future__ import annotations

import functools
import signal
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pyoxigraph as ox

from kg.namespaces import PREFIXES
from kg.project import Project
from kg.serve.app import KgServer
from kg.serve.workers import Pool
from kg.store import load_file

__all__ = ["serve", "trig_opener", "open_for_serving"]


def trig_opener(path: Path) -> Callable[[], ox.Store]:
    """A picklable function that loads ``path`` into a fresh in-memory store (run in each worker)."""
    return functools.partial(load_file, Path(path).resolve())


def _read_only(path: str) -> ox.Store:
    return ox.Store.read_only(path)


def open_for_serving(project: Project, store: str | None, *, progress: Callable[[str], None] = lambda step: None
                     ) -> tuple[Any, Callable[[], Any]]:
    """The store the server reads itself, and a picklable opener of the same store for each query worker.

    ``store`` is a ``--store`` value (kg.stores): ``memory`` loads ``build/graph.trig`` in every
    process; ``oxigraph:PATH`` opens the on-disk store read-only in every process (so several
    can share it); ``sparql+http://...`` sends the queries on to that endpoint.
    """
    from kg.build import TRIG, open_built
    from kg.stores import SparqlEndpoint, StoreError, StoreKind, parse_store

    spec = parse_store(store)
    if spec.kind is StoreKind.memory:
        return open_built(project, progress=progress), trig_opener(project.build_dir / TRIG)
    if spec.kind is StoreKind.oxigraph:
        assert spec.path is not None
        if not (spec.path / "CURRENT").is_file():
            raise StoreError(f"no oxigraph store at {spec.path}; load one with: kg build --store {spec.text}")
        opener = functools.partial(_read_only, str(spec.path.resolve()))
        try:
            return opener(), opener
        except OSError as exc:
            raise StoreError(f"cannot open the oxigraph store at {spec.path} read-only: {exc}") from None
    opener = functools.partial(SparqlEndpoint, spec)
    return opener(), opener


def serve(project: Project, store: ox.Store, opener: Callable[[], ox.Store], *, host: str = "127.0.0.1",
          port: int = 8000, timeout: float = 10.0, max_rows: int = 10000, workers: int = 2,
          ready: Callable[[str], Any] = print) -> None:
    """Serve ``store`` (internal queries) and ``opener``'s stores (user queries, in ``workers`` processes)."""
    pool = Pool(opener, size=workers, timeout=timeout, max_rows=max_rows, prefixes=PREFIXES)
    try:
        server = KgServer((host, port), project, store, pool)
    except BaseException:
        pool.close()
        raise

    def stop(signum: int, frame: Any) -> None:
        raise KeyboardInterrupt

    previous = signal.signal(signal.SIGTERM, stop)
    try:
        ready(server.url)
        server.serve_forever(poll_interval=0.2)
    except KeyboardInterrupt:
        pass
    finally:
        signal.signal(signal.SIGTERM, previous)
        server.server_close()
        pool.close()
