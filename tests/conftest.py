"""Shared fixtures: a scratch copy of the project, built once per session."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pyoxigraph as ox
import pytest

from kg.build import build, open_built
from kg.project import Project

ROOT = Path(__file__).resolve().parents[1]
CHROMIUM = Path("/usr/bin/chromium")  # Debian's; playwright never downloads a browser here
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
VIEWPORT = {"width": 1400, "height": 900}
INPUTS = ("ontology", "shapes", "data", "queries")
IN_CI = os.environ.get("CI", "").lower() in ("1", "true", "yes")


def copy_project(dest: Path) -> Project:
    """A copy of the project's inputs (no build/) under ``dest``."""
    for name in INPUTS:
        shutil.copytree(ROOT / name, dest / name)
    return Project(dest)


def require(condition: bool, reason: str) -> None:
    """Skip when a dependency is missing, but fail in CI, where everything must be installed."""
    if not condition:
        if IN_CI:
            pytest.fail(f"missing in CI: {reason}")
        pytest.skip(reason)


@pytest.fixture(scope="session")
def built(tmp_path_factory: pytest.TempPathFactory) -> Project:
    """The project copied and built (with the reasoner) once for the session."""
    require(shutil.which("java") is not None, "Java is needed for the HermiT check (make system-deps)")
    project = copy_project(tmp_path_factory.mktemp("kg-built"))
    build(project)
    return project


@pytest.fixture(scope="session")
def store(built: Project) -> ox.Store:
    """The built graph in a store."""
    return open_built(built)


@pytest.fixture
def scratch(tmp_path: Path) -> Project:
    """A fresh, unbuilt copy of the project that a test may change."""
    return copy_project(tmp_path / "project")


@pytest.fixture(scope="session")
def browser():
    """One headless Chromium for every browser test (Debian's, driven by playwright)."""
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:  # pragma: no cover - require() says why
        sync_playwright = None
    require(sync_playwright is not None, "the playwright package is needed (pip install -e '.[test]')")
    require(CHROMIUM.is_file() and os.access(CHROMIUM, os.X_OK),
            f"{CHROMIUM} is needed for the browser tests (make test-deps)")
    with sync_playwright() as pw:
        chromium = pw.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()
