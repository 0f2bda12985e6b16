"""The notebooks: committed without outputs, free of logic, and run top to bottom with nbclient.

Each notebook runs in a kernel of this very interpreter (a kernelspec written for the test, so a
user-level ``python3`` kernel elsewhere cannot stand in), with ``KG_HOME`` at the session-built
project.  A probe cell appended in memory reports the key values as JSON; tagged cells are checked
for what they show.
"""

from __future__ import annotations

import ast
import html
import json
import re
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from kg.project import Project
from tests.conftest import ROOT, require

NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb"))
KERNEL = "watchdog-kg-test"
ALLOWED_IMPORTS = {"kg", "pandas", "matplotlib", "IPython", "networkx"}

PROBES = {
    "01_tour": """
import json
print(json.dumps({
    "criticisms": int(classes.loc["criticism", "entities"]),
    "date_types": sorted({type(v).__name__ for v in bcf_criticisms["date"]}),
    "draft_date": str(bcf_criticisms.set_index("criticism_iri")["date"][
        "https://w3id.org/watchdog-kg/id/crit-nao-draft-bcf-how-not-to-manage"]),
    "hodge_criticisms": [c["other"] for c in hodge["criticisms_made"]],
}))
""",
    "02_criticism_network": """
import json
print(json.dumps({
    "top3": most["label"].head(3).tolist(),
    "bcf": most.set_index("label").loc["Better Care Fund", ["critics", "criticisms"]].astype(int).tolist(),
    "path": network.shortest_path(accountability, "Margaret Hodge", "Department of Health")["to_label"].tolist(),
    "communities": int(groups["community"].nunique()),
}))
""",
    "03_money_and_targets": """
import json
print(json.dumps({
    "values": sorted({int(v) for v in figures["value"].dropna()}),
    "figures": int(figures["figure_iri"].nunique()),
    "kinds": sorted(set(savings["kind"])),
    "missed": missed.set_index("measures").loc["change in the number of emergency admissions",
                                                ["targetValue", "outturnValue"]].astype(int).tolist(),
    "timeline_kinds": sorted(set(timeline["kind"])),
    "imprecise": sorted({d for d in timeline["date"] if isinstance(d, str)}),
}))
""",
}


def _has(module: str) -> bool:
    try:
        __import__(module)
    except ImportError:
        return False
    return True


def _read(path: Path) -> Any:
    import nbformat

    return nbformat.read(path, as_version=4)


def _tagged(nb: Any, tag: str) -> Any:
    cells = [c for c in nb.cells if tag in c.metadata.get("tags", [])]
    assert len(cells) == 1, f"one cell should be tagged {tag!r}, found {len(cells)}"
    return cells[0]


def _shown(cell: Any, mime: str = "text/plain") -> str:
    return "".join(o.get("data", {}).get(mime, "") for o in cell.outputs)


@pytest.fixture(scope="module")
def kernel(built: Project, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A kernelspec for this interpreter, and KG_HOME at the session-built project."""
    for module in ("nbclient", "nbformat", "ipykernel", "matplotlib"):
        require(_has(module), f"{module} is needed to run the notebooks (pip install -e '.[notebook]')")
    specs = tmp_path_factory.mktemp("jupyter")
    (specs / "kernels" / KERNEL).mkdir(parents=True)
    (specs / "kernels" / KERNEL / "kernel.json").write_text(json.dumps({
        "argv": [sys.executable, "-m", "ipykernel_launcher", "-f", "{connection_file}"],
        "display_name": "watchdog-kg (test)", "language": "python",
        "env": {"MPLBACKEND": "module://matplotlib_inline.backend_inline"},
    }), encoding="utf-8")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("JUPYTER_PATH", str(specs))
        patch.setenv("KG_HOME", str(built.root))
        yield KERNEL


@pytest.fixture(scope="module")
def run(kernel: str) -> Callable[[str], tuple[Any, dict[str, Any]]]:
    """Execute a notebook once (cached): the executed notebook and its probe's values."""
    import nbformat
    from nbclient import NotebookClient

    done: dict[str, tuple[Any, dict[str, Any]]] = {}

    def execute(name: str) -> tuple[Any, dict[str, Any]]:
        if name not in done:
            nb = _read(ROOT / "notebooks" / f"{name}.ipynb")
            nb.cells.append(nbformat.v4.new_code_cell(PROBES[name].strip(), metadata={"tags": ["test-probe"]}))
            start = time.perf_counter()
            NotebookClient(nb, kernel_name=kernel, timeout=120, startup_timeout=120,
                           resources={"metadata": {"path": str(ROOT / "notebooks")}}).execute()
            probe = nb.cells.pop()
            values = json.loads("".join(o.get("text", "") for o in probe.outputs if o.output_type == "stream"))
            values["seconds"] = time.perf_counter() - start
            done[name] = (nb, values)
        return done[name]

    return execute


def test_the_three_notebooks_are_numbered() -> None:
    assert [p.name for p in NOTEBOOKS] == ["01_tour.ipynb", "02_criticism_network.ipynb",
                                           "03_money_and_targets.ipynb"]
    assert set(PROBES) == {p.stem for p in NOTEBOOKS}


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_outputs_are_stripped(path: Path) -> None:
    require(_has("nbformat"), "nbformat is needed to read the notebooks (pip install -e '.[notebook]')")
    nb = _read(path)
    for cell in nb.cells:
        if cell.cell_type == "code":
            assert cell.outputs == [] and cell.execution_count is None, f"{path.name}: strip the outputs"
    assert nb.metadata.kernelspec.name == "python3"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_notebooks_hold_no_logic_of_their_own(path: Path) -> None:
    """Calls into kg, pandas and plotting only: no functions, classes or loops, no other imports."""
    require(_has("nbformat"), "nbformat is needed to read the notebooks (pip install -e '.[notebook]')")
    for cell in _read(path).cells:
        if cell.cell_type != "code" or cell.source.startswith("%%"):
            continue
        python = re.sub(r"(?m)^%.*$", "", cell.source)
        for node in ast.walk(ast.parse(python)):
            assert not isinstance(node, (ast.FunctionDef, ast.ClassDef, ast.For, ast.While, ast.Lambda)), \
                f"{path.name}: move {type(node).__name__} into kg"
            if isinstance(node, (ast.Import, ast.ImportFrom)):
                names = [node.module] if isinstance(node, ast.ImportFrom) else [a.name for a in node.names]
                assert all(n.split(".")[0] in ALLOWED_IMPORTS for n in names), f"{path.name}: imports {names}"


def test_tour(run) -> None:
    nb, values = run("01_tour")
    assert values["criticisms"] >= 30
    assert values["date_types"] == ["Timestamp", "str"] and values["draft_date"] == "2014-10"
    assert set(values["hodge_criticisms"]) == {"Better Care Fund", "HM Government"}
    assert "criticism" in _shown(_tagged(nb, "class-counts"))
    assert "Margaret Hodge" in _shown(_tagged(nb, "cq-criticisms"), "text/html")
    assert "National Audit Office" in _shown(_tagged(nb, "cq-nao-reports"), "text/html")
    frame = _shown(_tagged(nb, "graph-view"), "text/html")
    assert frame.startswith("<div><iframe srcdoc=") and 'sandbox="allow-scripts' in frame
    page = html.unescape(re.search(r'srcdoc="([^"]*)"', frame).group(1))
    assert "default-src 'none'" in page and "Margaret Hodge" in page
    assert not re.search(r"<(script|link)[^>]+(src|href)=[\"']?(https?:)?//", page), "the page must not load from a CDN"


def test_criticism_network(run) -> None:
    nb, values = run("02_criticism_network")
    assert "Better Care Fund" in values["top3"] and values["bcf"] == [2, 6]
    assert values["path"] == ["Better Care Fund", "Department of Health"]
    assert values["communities"] >= 2
    assert "Better Care Fund" in _shown(_tagged(nb, "most-criticised"))
    for tag in ("degree", "pagerank", "betweenness"):
        assert "National Audit Office" in _shown(_tagged(nb, tag)), tag
    assert "Margaret Hodge" in _shown(_tagged(nb, "shortest-path"))
    assert _shown(_tagged(nb, "network-chart"), "image/png"), "the network figure is drawn"
    assert "<iframe srcdoc=" in _shown(_tagged(nb, "pyvis"), "text/html")


def test_money_and_targets(run) -> None:
    nb, values = run("03_money_and_targets")
    assert {55000000, 1000000000} <= set(values["values"]) and values["figures"] >= 60
    assert {"assumed", "credible", "forecast"} <= set(values["kinds"])
    assert values["missed"] == [-106000, 87000]
    assert {"report", "meeting", "criticism", "rebuttal"} <= set(values["timeline_kinds"])
    assert {"2011", "2014-10"} <= set(values["imprecise"])  # years and months stay as sourced
    shown = _shown(_tagged(nb, "figures"))
    assert "55000000" in shown and "1000000000" in shown
    for tag in ("savings-chart", "targets-chart", "timeline-chart"):
        assert _shown(_tagged(nb, tag), "image/png"), f"{tag} draws a figure"


def test_notebooks_run_quickly(run) -> None:
    seconds = {name: run(name)[1]["seconds"] for name in PROBES}
    assert sum(seconds.values()) < 120, seconds  # about 10 s on two cores; the budget is 60 s
