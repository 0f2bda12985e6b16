"""Size limits on what kg reads: every input file has a cap (``--max-bytes``, ``$KG_MAX_BYTES``).

>>> resolve_max_bytes(1000)
1000
>>> resolve_max_bytes(None, environ={}) == DEFAULT_MAX_BYTES
True
>>> resolve_max_bytes(None, environ={"KG_MAX_BYTES": "2kB"})
Traceback (most recent call last):
...
kg.queries.UsageError: $KG_MAX_BYTES must be a whole number of bytes, not '2kB'
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping
from pathlib import Path

from kg.problems import InvalidInput, Problem

__all__ = ["DEFAULT_MAX_BYTES", "ENV_MAX_BYTES", "resolve_max_bytes", "check_sizes", "read_capped"]

DEFAULT_MAX_BYTES = 50 * 1024 * 1024
ENV_MAX_BYTES = "KG_MAX_BYTES"


def resolve_max_bytes(value: int | None, *, environ: Mapping[str, str] | None = None) -> int:
    """``value``, else ``$KG_MAX_BYTES``, else 50 MB."""
    if value is not None:
        return value
    text = (os.environ if environ is None else environ).get(ENV_MAX_BYTES, "").strip()
    if not text:
        return DEFAULT_MAX_BYTES
    if not text.isdigit() or int(text) < 1:
        from kg.queries import UsageError

        raise UsageError(f"${ENV_MAX_BYTES} must be a whole number of bytes, not {text!r}")
    return int(text)


def _too_big(size: int, limit: int) -> str:
    return (f"the file is {size:,} bytes, more than the limit of {limit:,} bytes "
            f"(--max-bytes or ${ENV_MAX_BYTES}); it was not read")


def check_sizes(paths: Iterable[Path], *, max_bytes: int | None = None, label=str) -> None:
    """Raise :class:`InvalidInput` naming every file in ``paths`` larger than the cap (before reading any)."""
    limit = resolve_max_bytes(max_bytes)
    problems = [Problem(_too_big(size, limit), file=label(p), check="size")
                for p in paths if p.is_file() and (size := p.stat().st_size) > limit]
    if problems:
        raise InvalidInput(problems)


def read_capped(path: Path, *, max_bytes: int | None = None, label: str | None = None) -> bytes:
    """The bytes of ``path``, or :class:`InvalidInput` if it is larger than the cap (checked while reading)."""
    limit = resolve_max_bytes(max_bytes)
    name = label or str(path)
    try:
        with open(path, "rb") as handle:
            data = handle.read(limit + 1)
    except OSError as exc:
        raise InvalidInput([Problem(f"cannot read: {exc.strerror}", file=name)]) from exc
    if len(data) > limit:
        raise InvalidInput([Problem(_too_big(os.path.getsize(path), limit), file=name, check="size")])
    return data
