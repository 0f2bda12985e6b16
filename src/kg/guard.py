"""One guard for the whole process: no network, and no file access outside the project, at run time.

An audit hook (:func:`sys.addaudithook`) sees every ``open``, ``socket.connect``,
``socket.getaddrinfo`` and ``urllib.Request`` made from Python, whichever library makes it
(rdflib fetching a JSON-LD context or an XML entity, owlready2, a SPARQL client...).  While a
:class:`Policy` is active it refuses:

- any network connection or name lookup, except to the hosts the command needs
  (``--store sparql+http://HOST`` names one);
- any ``urllib.Request`` except to those hosts, and never a ``file:`` URL;
- writing outside the project (and the temporary directory, and what the command names,
  such as ``kg viz -o FILE``);
- reading outside the project, the interpreter and its packages, the temporary directory and
  a few system files (time zones, MIME types, certificates).

Audit hooks cannot be removed, so the hook is installed once and consults the active policy;
with none active it does nothing.  Code outside Python (pyoxigraph's Rust, the Java HermiT
reasoner) is not seen: SERVICE and LOAD are refused by :mod:`kg.querypolicy` before a query
reaches pyoxigraph.

>>> import tempfile
>>> root = Path(tempfile.mkdtemp())
>>> with active(Policy.for_project(root, command="a doctest")):
...     try:
...         open("/etc/passwd")
...     except GuardError as exc:
...         print(str(exc)[:72])
the guard refused reading /etc/passwd during a doctest: it is outside th
"""

from __future__ import annotations

import ipaddress
import os
import sys
import sysconfig
import tempfile
import threading
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from kg.problems import KgError

__all__ = ["GuardError", "Policy", "active", "current", "install"]

_SYSTEM_FILES = ("/etc/localtime", "/etc/mime.types", "/etc/timezone", "/etc/ssl/", "/etc/pki/",
                 "/etc/os-release", "/dev/null", "/dev/urandom", "/proc/self/", "/proc/cpuinfo", "/proc/meminfo",
                 "/sys/fs/cgroup/", "/sys/devices/system/cpu/", "/usr/share/zoneinfo/", "/usr/lib/locale/",
                 "/usr/share/locale/")
_WRITE_FLAGS = os.O_WRONLY | os.O_RDWR | os.O_APPEND | os.O_CREAT | os.O_TRUNC
_LOOPBACK_NAMES = {"localhost", "localhost.localdomain", "ip6-localhost"}


class GuardError(KgError):
    """Something the guard does not allow: what, by which command, and why (exit code 4)."""

    exit_code = 4


def _real(path: str | os.PathLike[str]) -> str:
    return os.path.realpath(os.fspath(path))


def _interpreter_roots() -> tuple[str, ...]:
    roots = {sys.prefix, sys.base_prefix, sys.exec_prefix, sys.base_exec_prefix,
             *(p for p in sysconfig.get_paths().values() if p)}
    roots.update(p for p in sys.path if p and os.path.isdir(p))
    roots.add(os.path.dirname(os.path.abspath(__file__)))  # kg's own package data (an editable install too)
    return tuple(sorted({_real(r) for r in roots}))


@dataclass(frozen=True)
class Policy:
    """What a command may touch: folders it may read and write, hosts it may reach."""

    command: str
    read: tuple[str, ...] = ()
    write: tuple[str, ...] = ()
    hosts: frozenset[str] = field(default_factory=frozenset)

    @classmethod
    def for_project(cls, root: Path, *, command: str, write: Iterable[Path] = (), read: Iterable[Path] = (),
                    hosts: Iterable[str] = ()) -> Policy:
        """The policy of a command run in the project at ``root``; ``write``/``read``/``hosts`` add to it."""
        temp = _real(tempfile.gettempdir())
        writable = (_real(root), temp, *(_real(p) for p in write))
        readable = (*writable, *_interpreter_roots(), *(_real(p) for p in read))
        return cls(command, read=readable, write=writable, hosts=frozenset(h.lower() for h in hosts))

    def allows_host(self, host: Any) -> bool:
        if host is None:
            return True  # a lookup for binding (getaddrinfo(None, port))
        name = (host.decode() if isinstance(host, bytes) else str(host)).lower().strip("[]")
        if name in self.hosts:
            return True
        if name in _LOOPBACK_NAMES:
            return bool(self.hosts & ({"127.0.0.1", "::1"} | _LOOPBACK_NAMES))
        try:
            address = ipaddress.ip_address(name.split("%")[0])
        except ValueError:
            return False
        if address.is_unspecified:  # binding a server to 0.0.0.0 or ::
            return True
        return address.is_loopback and bool(self.hosts & ({"127.0.0.1", "::1"} | _LOOPBACK_NAMES))

    def check_path(self, path: str, *, writing: bool) -> str | None:
        """Why ``path`` may not be opened, or None."""
        real = _real(path)
        roots = self.write if writing else self.read
        if any(real == r or real.startswith(r.rstrip("/") + "/") for r in roots):
            return None
        if real == "/dev/null":
            return None
        plain = os.path.abspath(path)  # /proc/self/... resolves to /proc/PID/...
        if not writing and any(p == f or (f.endswith("/") and p.startswith(f)) for f in _SYSTEM_FILES
                               for p in (real, plain)):
            return None
        if writing and real.endswith(".pyc") and "/__pycache__/" in real:
            return None  # Python caching the bytecode of a module it imports
        return "it is outside the project" + ("" if writing else ", the Python installation and the temporary folder")


_stack: list[Policy] = []  # a plain list, not a context variable: the server's threads share the policy
_lock = threading.Lock()
_installed = False
_EVENTS = frozenset({"open", "socket.connect", "socket.getaddrinfo", "socket.gethostbyname", "socket.gethostbyaddr",
                     "socket.sendto", "urllib.Request"})


def current() -> Policy | None:
    """The active policy, if any."""
    return _stack[-1] if _stack else None


def _refuse(policy: Policy, what: str, why: str) -> None:
    raise GuardError(f"the guard refused {what} during {policy.command}: {why}")


def _hook(event: str, args: tuple) -> None:
    if event not in _EVENTS or not _stack:
        return
    policy = _stack[-1]
    if event == "open":
        path, mode, flags = args
        if isinstance(path, int) or path is None:
            return
        writing = (mode is not None and any(c in str(mode) for c in "wax+")) or bool((flags or 0) & _WRITE_FLAGS)
        text = os.fsdecode(path)
        if (why := policy.check_path(text, writing=writing)) is not None:
            _refuse(policy, f"{'writing' if writing else 'reading'} {text}", why)
    elif event == "urllib.Request":
        url = args[0]
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https") or not policy.allows_host(parts.hostname):
            _refuse(policy, f"fetching {url}", "kg does not use the network at run time"
                    + (" except for the store it was given" if policy.hosts else ""))
    elif event in ("socket.connect", "socket.sendto"):
        address = args[1]
        if isinstance(address, tuple) and not policy.allows_host(address[0]):
            _refuse(policy, f"a connection to {address[0]}:{address[1]}", "kg does not use the network at run time")
        if isinstance(address, (str, bytes)) and policy.check_path(os.fsdecode(address), writing=True):
            _refuse(policy, f"a connection to the socket {os.fsdecode(address)}", "it is outside the project")
    elif not policy.allows_host(args[0]):
        _refuse(policy, f"looking up the host {args[0]}", "kg does not use the network at run time")


def install() -> None:
    """Install the audit hook (once per process; it stays, inert while no policy is active)."""
    global _installed
    with _lock:
        if not _installed:
            sys.addaudithook(_hook)
            _installed = True


@contextmanager
def active(policy: Policy) -> Iterator[Policy]:
    """Enforce ``policy`` in this process (every thread) until the block ends."""
    install()
    with _lock:
        _stack.append(policy)
    try:
        yield policy
    finally:
        with _lock:
            _stack.remove(policy)
