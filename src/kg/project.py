"""Where the project's files are.

The layout mirrors the data flow: ``data/sources`` -> ``data/curated`` ->
``kg build`` -> ``build/``.  A :class:`Project` is found from the working
directory upwards (or from ``$KG_HOME``) by the file ``ontology/watchdog.ttl``.

>>> p = Project.find()
>>> p.ontology_file.name
'watchdog.ttl'
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from kg.problems import KgError

__all__ = ["Project"]

_MARKER = Path("ontology") / "watchdog.ttl"


@dataclass(frozen=True)
class Project:
    """The folders of one watchdog-kg checkout."""

    root: Path

    @classmethod
    def find(cls, start: Path | None = None) -> "Project":
        """The project containing ``start`` (default: ``$KG_HOME`` or the working directory)."""
        here = Path(start or os.environ.get("KG_HOME") or Path.cwd()).resolve()
        for folder in (here, *here.parents):
            if (folder / _MARKER).is_file():
                return cls(folder)
        raise KgError(f"no watchdog-kg project at or above {here} (looked for {_MARKER}); "
                      "run kg inside a checkout or set KG_HOME")

    @property
    def ontology_dir(self) -> Path:
        return self.root / "ontology"

    @property
    def ontology_file(self) -> Path:
        return self.root / _MARKER

    @property
    def shapes_dir(self) -> Path:
        return self.root / "shapes"

    @property
    def data_dir(self) -> Path:
        return self.root / "data"

    @property
    def sources_dir(self) -> Path:
        return self.data_dir / "sources"

    @property
    def curated_dir(self) -> Path:
        return self.data_dir / "curated"

    @property
    def queries_dir(self) -> Path:
        return self.root / "queries"

    @property
    def build_link(self) -> Path:
        """``build``: a symbolic link to the current generation (``.build-gen-NNNNNN``, :mod:`kg.atomic`)."""
        return self.root / "build"

    @property
    def build_dir(self) -> Path:
        """Where the current build is read: ``build/``, or the newest whole generation while there is no link."""
        from kg.atomic import current

        link = self.build_link
        if link.exists() or link.is_symlink():
            return link
        return current(link) or link

    def ontology_files(self) -> list[Path]:
        """The ontology's Turtle files, in a stable order."""
        return sorted(self.ontology_dir.glob("*.ttl"))

    def data_files(self) -> list[Path]:
        """Source metadata and curated Turtle, in a stable order."""
        return sorted(self.sources_dir.glob("*.ttl")) + sorted(self.curated_dir.glob("*.ttl"))

    def relative(self, path: Path) -> str:
        """``path`` relative to the project root, for messages."""
        try:
            return str(path.resolve().relative_to(self.root))
        except ValueError:
            return str(path)
