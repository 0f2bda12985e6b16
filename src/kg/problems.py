"""Problems found in input, reported with the file and line or the entity.

>>> print(Problem("quote not found", file="data/curated/x.ttl", line=12, entity="ent:c1"))
data/curated/x.ttl:12: ent:c1: quote not found
"""

from __future__ import annotations

from dataclasses import dataclass, field

__all__ = ["Problem", "KgError", "InvalidInput"]


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with the input: what, and where."""

    message: str
    file: str | None = None
    line: int | None = None
    entity: str | None = None
    check: str = field(default="", compare=False)

    def __str__(self) -> str:
        where = ""
        if self.file:
            where = f"{self.file}:{self.line}: " if self.line else f"{self.file}: "
        who = f"{self.entity}: " if self.entity else ""
        return f"{where}{who}{self.message}"


class KgError(Exception):
    """An error the user can act on; the CLI prints it without a traceback."""

    exit_code = 1


class InvalidInput(KgError):
    """The ontology or data failed validation."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = sorted(problems, key=lambda p: (p.file or "~", p.line or 0, p.message))
        super().__init__(f"{len(self.problems)} problem(s) in the input")

    def __reduce__(self) -> tuple:  # pickles across kg.isolate's process boundary
        return (type(self), (self.problems,))
