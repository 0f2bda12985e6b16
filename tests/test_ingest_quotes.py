"""Quotations and their speakers (``kg.ingest.quotes``), each attribution form on a small text."""

from __future__ import annotations

from kg.ingest.extract import extract
from kg.ingest.gazetteer import Entry, Gazetteer
from kg.namespaces import WKG


def _said(text: str, **kw: str) -> list[tuple[str, str]]:
    return [(q.text, q.speaker_name) for q in extract(text, Gazetteer(), **kw).quotes]


def test_the_classic_forms() -> None:
    assert _said("Sir Jane Doe, chair of the Wigan Fund, said: “The plan failed.”") == [("The plan failed.",
                                                                                        "Jane Doe")]
    assert _said("“The plan failed,” said Dr Ann Lee.") == [("The plan failed,", "Ann Lee")]


def test_words_after_the_verb_and_a_quote_in_the_next_paragraph() -> None:
    text = ("The CEO of the Trussell Trust, Emma Revie, said recently that it is,\n\n“unacceptable that anyone "
            "should have to use a food bank”,\n\nand added:\n\n“No charity can replace the dignity of security.”")
    assert _said(text) == [("unacceptable that anyone should have to use a food bank", "Emma Revie"),
                           ("No charity can replace the dignity of security.", "Emma Revie")]


def test_a_semicolon_after_the_verb() -> None:
    text = "Baroness Andrews said;\n“In short, the response is inadequate and deeply disappointing.”"
    assert _said(text) == [("In short, the response is inadequate and deeply disappointing.", "Baroness Andrews")]


def test_a_conjunction_is_never_the_speaker() -> None:
    text = ('The Home Affairs Committee brands the state of some accommodation a "disgrace" and says it is '
            '"shameful" that people live there.')
    assert _said(text) == [("disgrace", "Home Affairs Committee"), ("shameful", "Home Affairs Committee")]


def test_what_is_called_is_not_who_calls_it() -> None:
    """"calling it" names what is called: "it" is not the publisher speaking (as "It adds:" would be); since 1.18
    the one who "criticised" it is."""
    house = Entry("ent:lords", "House of Lords", "organisation", frozenset({str(WKG.Legislature)}))
    gaz = Gazetteer(entries={house.iri: house})
    text = "Baroness Andrews criticised the response to the report, calling it ‘deeply disappointing’."
    assert [q.speaker_name for q in extract(text, gaz, publisher=house.iri).quotes] == ["Baroness Andrews"]
    assert [q.speaker for q in extract("It adds: “The response was poor.”", gaz, publisher=house.iri).quotes] == [
        house.iri]


def test_a_speaker_named_by_post_alone() -> None:
    text = "Much is expected of the centres. The Minister described them as \"a gateway for families to services\"."
    assert _said(text) == [("a gateway for families to services", "The Minister")]


def test_words_described_by_or_quoted_from_a_report() -> None:
    """1.9: "described by X as “...”" and "to quote again from X: “...”" name X; a quote that its own sentence
    introduces ("what was described as the “...”") is not the previous quote going on."""
    text = ("My Lords, we are at a time described by the report of the Independent Review as\n“a once in a "
            "generation opportunity”.\nThe Authority said action was needed on what was described as the\n"
            "“dysfunctional market”.\nAnd, to quote again from the report:\n“What we have is a system in crisis.”")
    assert _said(text) == [("a once in a generation opportunity", "the report of the Independent Review"),
                           ("What we have is a system in crisis.", "the report")]


def test_a_person_named_before_their_appositions() -> None:
    text = "Neil Blackshaw, of Easton Planning, a consultancy with public sector clients, explained, “It failed.”"
    assert _said(text) == [("It failed.", "Neil Blackshaw")]


def test_described_by_with_a_blank_line_before_the_quote() -> None:
    assert _said("It was described by the Review as\n\n“a once in a generation opportunity”.") == [
        ("a once in a generation opportunity", "the Review")]


def test_a_person_of_a_body_and_a_person_before_their_post_speak_not_the_body() -> None:
    """1.14: "Miriam Deakin of NHS Providers has said:" and "Fran Oram, the Department for Education’s Director of
    Children’s Social Care, told us that “...”" name a person, who speaks, not the body named with them."""
    gaz = Gazetteer()
    for iri, label in (("ent:nhs", "NHS"), ("ent:dfe", "Department for Education")):
        gaz.entries[iri] = Entry(iri, label, "organisation", frozenset({str(WKG.Organisation)}))
        gaz.add_name(iri, label)
    text = ("I thank the Minister, but Miriam Deakin of NHS Providers has said: “There is huge pressure on beds.”\n"
            "Fran Oram, the Department for Education’s Director of Children’s Social Care, told us that these "
            "traumas have “a direct correlation with their outcomes”.")
    found = extract(text, gaz)
    assert [(q.text, q.speaker_name) for q in found.quotes] == [
        ("There is huge pressure on beds.", "Miriam Deakin"),
        ("a direct correlation with their outcomes", "Fran Oram")]
    assert sorted((e.label, e.kind) for e in found.entities) == [("Fran Oram", "person"), ("Miriam Deakin", "person")]


def test_a_speaker_whose_paragraph_ends_with_said_and_no_colon() -> None:
    """1.15: "Clive Betts MP, Chair of the Committee, said" closing a paragraph introduces the quote below it."""
    text = "Chair's comments\n\nClive Betts MP, Chair of the Committee, said\n\n\"Our inquiry found worrying trends.\""
    assert _said(text) == [("Our inquiry found worrying trends.", "Clive Betts")]


def test_a_speaker_after_a_footnote_number_and_a_view_taken() -> None:
    """1.16: "statutory”.55 Professor Travers noted that “...”" is Professor Travers's, not the speaker before the
    footnote's; "X took the view that “...”" names X."""
    text = ("Sir Amyas Morse told us “spending is more concentrated on services which are statutory”.55 Professor "
            "Travers noted that “the proportion fell”. John Whitwam, Managing Director of G4S, took the view that "
            "“the overriding factor is cost”.")
    assert [name for _, name in _said(text)] == ["Amyas Morse", "Professor Travers", "John Whitwam"]


def test_a_document_urging_or_a_paragraph_left_open_names_the_speaker() -> None:
    """1.18: "the memorandum of understanding describes the plans as “...”" quotes the memorandum; "Lord Hollick
    dubbed the response “...”" and "X urges the Department to “...”" quote X; a paragraph that breaks off before
    its quote ("The Committee concluded that the") introduces it."""
    text = ("In fact, the memorandum of understanding describes the plans as “groundbreaking”.\n\n"
            "Lord Hollick dubbed the response “inadequate to the scale of the crisis”.\n\n"
            "The Committee concluded that the\n\n“management of the programme has been extraordinarily poor”.")
    assert _said(text) == [("groundbreaking", "the memorandum of understanding"),
                           ("inadequate to the scale of the crisis", "Lord Hollick"),
                           ("management of the programme has been extraordinarily poor", "The Committee")]
