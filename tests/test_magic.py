"""The %%sparql cell magic, driven through IPython's InteractiveShell against the session-built project."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator

import pandas as pd
import pytest

from kg.project import Project
from tests.conftest import require

try:
    from IPython.core.error import UsageError
    from IPython.core.interactiveshell import InteractiveShell
except ImportError:  # pragma: no cover - the notebook extra is missing
    InteractiveShell = None

ENT = "https://w3id.org/watchdog-kg/id/"


@pytest.fixture(scope="module")
def shell() -> Iterator[InteractiveShell]:
    require(InteractiveShell is not None, "IPython is needed for the %%sparql magic (pip install -e '.[notebook]')")
    ip = InteractiveShell.instance()
    ip.run_line_magic("load_ext", "kg")
    yield ip
    ip.run_line_magic("reset", "-f")


@pytest.fixture
def sparql(shell: InteractiveShell, built: Project, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv("KG_HOME", str(built.root))

    def run(line: str, cell: str) -> pd.DataFrame:
        return shell.run_cell_magic("sparql", line, cell)

    return run


def test_importing_kg_does_not_import_ipython() -> None:
    code = "import sys, kg; assert 'IPython' not in sys.modules, 'kg imported IPython'; print('ok')"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)
    assert done.returncode == 0 and done.stdout.strip() == "ok", done.stderr


def test_load_ext_registers_the_cell_magic(shell: InteractiveShell) -> None:
    assert "sparql" in shell.magics_manager.magics["cell"]


def test_named_query_gives_typed_columns(sparql) -> None:
    frame = sparql("", "cq_missed_targets")
    assert isinstance(frame, pd.DataFrame)
    for column in ("targetValue", "outturnValue", "miss", "cost"):
        assert pd.api.types.is_integer_dtype(frame[column]), column
    row = frame[frame["measures"] == "change in the number of emergency admissions"].iloc[0]
    assert (row["targetValue"], row["outturnValue"], row["miss"], row["cost"]) == (-106000, 87000, 193000, 311000000)


def test_params_bind_and_iris_are_shown_by_label_with_the_iri_kept(sparql) -> None:
    frame = sparql('--param programme="Total Place"', "cq_criticisms_of_programme")
    assert set(frame["programme"]) == {"Total Place"}
    assert set(frame["programme_iri"]) == {ENT + "total-place"}
    assert list(frame.columns).index("programme_iri") == list(frame.columns).index("programme") + 1
    assert "Sir Amyas Morse" in set(frame["critic"]) and ENT + "amyas-morse" in set(frame["critic_iri"])


def test_dates_are_datetimes_and_years_and_months_stay_strings(sparql) -> None:
    frame = sparql("-p programme=ent:better-care-fund", "cq_criticisms_of_programme")
    dates = frame.set_index("criticism_iri")["date"]
    assert dates[ENT + "crit-hodge-bcf-shambles"] == pd.Timestamp("2014-11-11")
    assert isinstance(dates[ENT + "crit-hodge-bcf-shambles"], pd.Timestamp)
    assert dates[ENT + "crit-nao-draft-bcf-how-not-to-manage"] == "2014-10"  # a gYearMonth, not 2014-10-01
    posts = sparql('--param person="Margaret Hodge"', "cq_posts")
    chair = posts[posts["post"] == "Chair of the Committee of Public Accounts"].iloc[0]
    assert isinstance(chair["start"], pd.Timestamp) and chair["start"] == pd.Timestamp("2010-06-10")
    mp = posts[posts["post"] == "MP for Barking"].iloc[0]
    assert (mp["start"], mp["end"]) == ("1994", "2024")  # gYear values, never made more precise


def test_a_column_of_dates_only_is_datetime64(sparql) -> None:
    frame = sparql("", "SELECT ?date WHERE { ?r a wkg:AuditReport ; dcterms:date ?date "
                       "FILTER(DATATYPE(?date) = xsd:date) }")
    assert len(frame) > 0 and pd.api.types.is_datetime64_any_dtype(frame["date"])


def test_sparql_text_and_numbers(sparql) -> None:
    frame = sparql("", """
        SELECT ?critic (COUNT(DISTINCT ?c) AS ?n) (AVG(1.5) AS ?avg) WHERE { ?c a wkg:Criticism ; wkg:critic ?critic }
        GROUP BY ?critic ORDER BY DESC(?n)
    """)
    assert frame.iloc[0]["critic"] == "National Audit Office" and frame.iloc[0]["critic_iri"] == ENT + "nao"
    assert pd.api.types.is_integer_dtype(frame["n"]) and frame["avg"].dtype == "float64"


def test_out_stores_the_frame_in_the_user_namespace(sparql, shell: InteractiveShell) -> None:
    frame = sparql("--out nao_reports", "cq_nao_reports")
    assert shell.user_ns["nao_reports"] is frame and len(frame) >= 5


def test_no_labels_keeps_iris(sparql) -> None:
    frame = sparql("--no-labels", "cq_nao_reports")
    assert set(frame["publisher"]) == {ENT + "nao"}
    assert not any(column.endswith("_iri") for column in frame.columns)


def test_run_cell_shows_the_frame(shell: InteractiveShell, built: Project, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("KG_HOME", str(built.root))
    result = shell.run_cell("%%sparql --param person=ent:margaret-hodge\ncq_posts\n", store_history=False)
    assert result.success and isinstance(result.result, pd.DataFrame) and len(result.result) == 2


@pytest.mark.parametrize(("line", "cell", "message"), [
    ("--param nope=1", "cq_posts", "has no parameter 'nope'"),
    ("--param person", "cq_posts", "name=value"),
    ("--bogus", "cq_posts", "unrecognized arguments"),
    ("--out not-a-name", "cq_posts", "Python name"),
    ("", "   ", "the cell is empty"),
    ("", "no_such_query", "no query file or named query"),
    ("", "SELECT ?x WHERE { ?x ?y }", "SPARQL syntax error"),
    ('--param person="Nobody At All"', "cq_posts", "no entity"),
    ("--param person=Hodge", "cq_posts", "matches .* entities; say which"),
])
def test_mistakes_are_usage_errors(sparql, line: str, cell: str, message: str) -> None:
    with pytest.raises(UsageError, match=message):
        sparql(line, cell)
