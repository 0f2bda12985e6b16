"""Run SPARQL queries in worker processes that can be killed.

pyoxigraph cannot cancel a running query, so each query runs in a separate process
holding its own copy of the store, loaded once when the process starts.  The pool keeps
``size`` such processes.  A query that is not answered within the time limit gets its
process killed (SIGKILL) and replaced in the background, and the caller gets
:class:`TimedOut` at once.  No worker stays busy with an abandoned query.

A worker answers with SPARQL 1.1 Query Results JSON (SELECT), a boolean (ASK) or
N-Triples (CONSTRUCT, DESCRIBE), and stops with :class:`TooLarge` past ``max_rows``
rows or triples, before serialising anything.
"""

from __future__ import annotations

import json
import os
import queue
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from multiprocessing.connection import Connection
from typing import Any

import pyoxigraph as ox

__all__ = ["Pool", "Answer", "QueryFailed", "TimedOut", "TooLarge", "Busy"]

_XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"


class QueryFailed(Exception):
    """The query did not parse or failed while running (HTTP 400)."""

    status = 400


class TooLarge(QueryFailed):
    """More rows or triples than the cap (HTTP 400)."""


class TimedOut(QueryFailed):
    """Not answered within the time limit; the worker was killed (HTTP 503)."""

    status = 503


class Busy(QueryFailed):
    """No worker became free within the time limit (HTTP 503)."""

    status = 503


@dataclass(frozen=True)
class Answer:
    """A query's result: ``kind`` is ``solutions`` (``data`` is SPARQL JSON bytes), ``boolean`` or ``triples``
    (``data`` is N-Triples bytes); ``count`` is the number of rows or triples."""

    kind: str
    data: bytes | bool
    count: int
    seconds: float


def _json_term(term: Any) -> dict[str, Any]:
    if isinstance(term, ox.NamedNode):
        return {"type": "uri", "value": term.value}
    if isinstance(term, ox.BlankNode):
        return {"type": "bnode", "value": term.value}
    if isinstance(term, ox.Literal):
        out: dict[str, Any] = {"type": "literal", "value": term.value}
        if term.language:
            out["xml:lang"] = term.language
        elif term.datatype.value != _XSD_STRING:
            out["datatype"] = term.datatype.value
        return out
    if isinstance(term, ox.Triple):
        return {"type": "triple", "value": {"subject": _json_term(term.subject),
                                            "predicate": _json_term(term.predicate),
                                            "object": _json_term(term.object)}}
    raise TypeError(f"unexpected term {term!r}")


def execute(store: ox.Store, query: str, substitutions: dict[str, Any], max_rows: int,
            prefixes: dict[str, str]) -> tuple[str, Any, int]:
    """Run one query over the union of the store's graphs: (kind, data, count), or raise :class:`QueryFailed`."""
    try:
        result = store.query(query, prefixes=prefixes, use_default_graph_as_union=True,
                             substitutions={ox.Variable(k): v for k, v in substitutions.items()} or None)
        if isinstance(result, ox.QueryBoolean):
            return "boolean", bool(result), 1
        if isinstance(result, ox.QuerySolutions):
            names = [v.value for v in result.variables]
            rows = []
            for solution in result:
                if len(rows) >= max_rows:
                    raise TooLarge(f"the result has more than {max_rows} rows (the server's --max-rows); "
                                   "add a LIMIT or narrow the query")
                rows.append({n: _json_term(solution[n]) for n in names if solution[n] is not None})
            data = json.dumps({"head": {"vars": names}, "results": {"bindings": rows}}, ensure_ascii=False)
            return "solutions", data.encode("utf-8"), len(rows)
        triples = []
        for triple in result:
            if len(triples) >= max_rows:
                raise TooLarge(f"the result has more than {max_rows} triples (the server's --max-rows); "
                               "add a LIMIT or narrow the query")
            triples.append(triple)
        return "triples", ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES) or b"", len(triples)
    except SyntaxError as exc:
        raise QueryFailed(f"SPARQL syntax error: {exc.msg}") from None
    except (OSError, ValueError, RuntimeError) as exc:
        raise QueryFailed(f"the query failed: {exc}") from None


def _worker_main() -> None:
    """A worker process (``python -m kg.serve.workers``): frames in on stdin, frames out on stdout."""
    conn_in, conn_out = Connection(os.dup(0), writable=False), Connection(os.dup(1), readable=False)
    os.dup2(2, 1)  # anything printed goes to stderr, never into the frames
    parent = os.getppid()

    def orphaned() -> None:  # a query in progress releases the GIL, so this runs even then
        while os.getppid() == parent:
            time.sleep(1)
        os._exit(0)

    threading.Thread(target=orphaned, daemon=True).start()
    opener, prefixes, policy = conn_in.recv()
    if policy is not None:  # the guard of the kg serve that started this worker, for the worker's whole life
        from kg.guard import active

        active(policy).__enter__()
    store = opener()
    conn_out.send(("ready", None))
    while True:
        try:
            query, substitutions, max_rows = conn_in.recv()
        except EOFError:
            return
        try:
            conn_out.send(("ok", execute(store, query, substitutions, max_rows, prefixes)))
        except QueryFailed as exc:
            conn_out.send(("error", (type(exc).__name__, str(exc))))
        except Exception as exc:  # noqa: BLE001 - reported to the client, and the worker carries on
            conn_out.send(("error", ("QueryFailed", f"the query failed: {exc}")))


class _Worker:
    """One worker process, spoken to through its stdin and stdout (never forked from the threaded server)."""

    def __init__(self, opener: Callable[[], ox.Store], prefixes: dict[str, str]) -> None:
        self.process = subprocess.Popen([sys.executable, "-m", "kg.serve.workers"], stdin=subprocess.PIPE,
                                        stdout=subprocess.PIPE, close_fds=True)
        assert self.process.stdin is not None and self.process.stdout is not None
        self.send = Connection(os.dup(self.process.stdin.fileno()), readable=False)
        self.conn = Connection(os.dup(self.process.stdout.fileno()), writable=False)
        self.process.stdin.close()
        self.process.stdout.close()
        from kg.guard import current

        self.send.send((opener, prefixes, current()))

    def wait_ready(self, timeout: float) -> bool:
        try:
            return self.conn.poll(timeout) and self.conn.recv()[0] == "ready"
        except (EOFError, OSError):
            return False

    def kill(self) -> None:
        self.process.kill()
        self.process.wait(5)
        self.send.close()
        self.conn.close()


class Pool:
    """``size`` worker processes, each with the store ``opener()`` returns (``opener`` must pickle)."""

    def __init__(self, opener: Callable[[], ox.Store], *, size: int = 2, timeout: float = 10.0,
                 max_rows: int = 10000, prefixes: dict[str, str] | None = None, start_timeout: float = 60.0) -> None:
        self.opener, self.timeout, self.max_rows = opener, timeout, max_rows
        self.prefixes = prefixes or {}
        self.start_timeout = start_timeout
        self._idle: queue.Queue[_Worker] = queue.Queue()
        self._all: set[_Worker] = set()
        self._lock = threading.Lock()
        self._closed = False
        starting = [self._start() for _ in range(size)]
        for worker in starting:
            if not worker.wait_ready(start_timeout):
                self.close()
                raise RuntimeError("a query worker did not start (could not load the store?)")
            self._idle.put(worker)

    def _start(self) -> _Worker:
        worker = _Worker(self.opener, self.prefixes)
        with self._lock:
            self._all.add(worker)
        return worker

    def _retire(self, worker: _Worker) -> None:
        """Kill ``worker`` and start a replacement in the background."""
        with self._lock:
            self._all.discard(worker)
        worker.kill()

        def replace() -> None:
            if self._closed:
                return
            fresh = self._start()
            if fresh.wait_ready(self.start_timeout) and not self._closed:
                self._idle.put(fresh)
            else:
                self._retire(fresh)

        threading.Thread(target=replace, daemon=True, name="kg-serve-respawn").start()

    def run(self, query: str, substitutions: dict[str, Any] | None = None) -> Answer:
        """Run ``query`` in a free worker; raises :class:`QueryFailed` and its kinds."""
        try:
            worker = self._idle.get(timeout=self.timeout)
        except queue.Empty:
            raise Busy(f"every query worker is busy; try again in {self.timeout:g} s") from None
        started = time.perf_counter()
        healthy = False
        try:
            worker.send.send((query, dict(substitutions or {}), self.max_rows))
            if not worker.conn.poll(self.timeout):
                raise TimedOut(f"the query ran longer than the time limit of {self.timeout:g} s (the server's "
                               "--timeout) and was stopped")
            status, payload = worker.conn.recv()
            healthy = True
        except (EOFError, OSError, BrokenPipeError):
            raise QueryFailed("the query worker stopped unexpectedly") from None
        finally:
            if healthy:
                self._idle.put(worker)
            else:
                self._retire(worker)
        seconds = time.perf_counter() - started
        if status == "error":
            name, message = payload
            raise {"TooLarge": TooLarge}.get(name, QueryFailed)(message)
        kind, data, count = payload
        return Answer(kind, data, count, seconds)

    def close(self) -> None:
        """Stop every worker."""
        self._closed = True
        with self._lock:
            workers, self._all = list(self._all), set()
        for worker in workers:
            worker.kill()


if __name__ == "__main__":
    _worker_main()
