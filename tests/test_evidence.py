"""Quote normalisation and location, and every quote in data/ against its source."""

from __future__ import annotations

from rdflib import Graph

from kg.evidence import Span, locate, locate_all, normalise, quote_matches, sentence_around
from kg.inputs import load_inputs
from kg.namespaces import OA, WKG
from kg.project import Project


def test_normalise_folds_typographic_quotes_and_space() -> None:
    assert normalise("\u201cshambles\u201d  and\n O\u2019Brien ") == "\"shambles\" and O'Brien"


def test_locate_maps_back_to_original_offsets() -> None:
    text = "Hodge said:  \u201cI am   dismayed\u201d."
    span = locate(text, '"I am dismayed"')
    assert span == Span(13, 30)
    assert text[span.start:span.end] == "\u201cI am   dismayed\u201d"


def test_locate_all_and_missing() -> None:
    assert len(locate_all("a b a b", "a b")) == 2
    assert locate("abc", "abd") is None
    assert locate("abc", "   ") is None


def test_quote_matches_rejects_wrong_offsets() -> None:
    text = "The NAO report found only \u00a355m of savings."
    start = text.index("\u00a355m")
    assert quote_matches(text, "\u00a355m", start, start + 4)
    assert not quote_matches(text, "\u00a355m", start + 1, start + 5)
    assert not quote_matches(text, "\u00a355m", -1, 3)
    assert not quote_matches(text, "\u00a355m", 10, 10_000)


def test_sentence_around_picks_the_containing_sentence() -> None:
    text = "First one. The report found \u00a355m. Last."
    span = locate(text, "\u00a355m")
    assert sentence_around(text, span) == "The report found \u00a355m."


def _evidence(graph: Graph) -> list[tuple[object, str, str, int, int]]:
    rows = []
    for holder, ev in graph.subject_objects(WKG.evidence):
        source = graph.value(ev, OA.hasSource)
        quote = start = end = None
        for sel in graph.objects(ev, OA.hasSelector):
            quote = quote or graph.value(sel, OA.exact)
            if graph.value(sel, OA.start) is not None:
                start, end = int(graph.value(sel, OA.start)), int(graph.value(sel, OA.end))
        rows.append((holder, str(graph.value(source, WKG.textFile)), str(quote), start, end))
    return rows


def test_every_quote_in_data_stands_at_its_offsets() -> None:
    project = Project.find()
    graph = load_inputs(project).union()
    rows = _evidence(graph)
    assert len(rows) >= 200, "the curated data should carry a few hundred pieces of evidence"
    texts = {name: (project.sources_dir / name).read_text(encoding="utf-8") for _, name, *_ in rows}
    wrong = [(str(h), q) for h, name, q, s, e in rows if not quote_matches(texts[name], q, s, e)]
    assert wrong == []


def test_no_evidence_comes_from_page_furniture() -> None:
    graph = load_inputs(Project.find()).union()
    furniture = ("cookies", "Subscribe", "SUBSCRIBE", "Today\u2019s big interview", "Have your say",
                 "browser is no longer supported", "sign in to make a comment")
    quoted = [q for *_, q, _s, _e in _evidence(graph)]
    assert not [q for q in quoted for f in furniture if f in q]
