"""Extractor rules for names (from 1.7 on), each on a small text: the forms Parliament's pages print (witness lists,
written evidence, members in brackets), committees named by a list or with their House, NHS bodies named by place,
what "the Department" may refer to, when a House's page is a debate, and bodies known by their initials."""

from __future__ import annotations

from rdflib import RDF, RDFS, Graph, Literal, URIRef

from kg.ingest.extract import extract
from kg.ingest.gazetteer import Entry, Gazetteer
from kg.ingest.voices import is_debate, speaker_headings
from kg.namespaces import WKG


def _gazetteer(*entries: tuple[str, str, str, tuple[str, ...]]) -> Gazetteer:
    """A gazetteer of (iri, label, class, aliases)."""
    gaz = Gazetteer()
    for iri, label, cls, aliases in entries:
        gaz.entries[iri] = Entry(iri, label, "organisation", frozenset({str(WKG[cls])}))
        for name in (label, *aliases):
            gaz.add_name(iri, name)
    return gaz


LORDS = ("ent:lords", "House of Lords", "Legislature", ("the Lords",))


def _new(text: str, gaz: Gazetteer | None = None, **kw: str) -> list[tuple[str, str]]:
    return sorted((e.label, e.kind) for e in extract(text, gaz or Gazetteer(), **kw).entities)


def test_a_witness_list_names_people_and_the_bodies_they_speak_for() -> None:
    text = ("The Committee took evidence.\nWitnesses Susan Munroe, Chief Executive, Freedom from Torture; Rupert "
            "Soames, Group Chief Executive, Serco, and Stuart Monk, Owner and Managing Director, Jomast (at 3pm).")
    assert _new(text) == [("Freedom from Torture", "organisation"), ("Jomast", "organisation"),
                          ("Rupert Soames", "person"), ("Serco", "organisation"), ("Stuart Monk", "person"),
                          ("Susan Munroe", "person")]


def test_written_evidence_names_who_submitted_it() -> None:
    text = "Written evidence was received.\nSandwell Women’s Aid (ACC0041)\nSt Chad's Sanctuary (ACC0040)"
    assert _new(text) == [("Sandwell Women’s Aid", "organisation"), ("St Chad's Sanctuary", "organisation")]


def test_a_member_named_in_brackets_after_the_constituency() -> None:
    text = "As I said to my hon. Friend the Member for Hemel Hempstead (Mike Penning), the deficit is large."
    assert _new(text) == [("Mike Penning", "person")]


def test_a_committee_named_by_a_list_of_subjects_with_or_without_its_initials() -> None:
    text = ("The Levelling Up, Housing and Communities (LUHC) Committee has published letters. Clive Betts, Chair "
            "of the Levelling Up, Housing and Communities Committee, wrote them.")
    assert ("Levelling Up, Housing and Communities (LUHC) Committee", "organisation") in _new(text)
    assert not [name for name, _ in _new(text) if name.startswith("Housing")]


def test_a_committee_named_with_its_house_is_one_committee_not_the_house() -> None:
    text = ("Baroness Andrews, Chair of the Lords Adult Social Care Committee, spoke. The House of Lords Adult "
            "Social Care Committee reported in 2022.")
    ex = extract(text, _gazetteer(LORDS))
    committees = [e for e in ex.entities if e.kind == "organisation"]
    assert [e.label for e in committees] == ["Lords Adult Social Care Committee"]
    assert not [m for m in ex.mentions if m.iri == "ent:lords"]
    assert len([m for m in ex.mentions if m.iri == committees[0].iri]) == 2


def test_nhs_bodies_named_by_place_before_a_lower_case_head() -> None:
    text = ("Walnut Tree and St. Leonard's hospitals are at risk. The deficit of the Surrey and Sussex trust grew. "
            "Where hospital budgets fall, services close.")
    assert _new(text) == [("St. Leonard's", "organisation"), ("Surrey and Sussex trust", "organisation"),
                          ("Walnut Tree", "organisation")]


def test_the_department_is_never_hm_treasury() -> None:
    gaz = _gazetteer(("ent:hmt", "HM Treasury", "GovernmentDepartment", ()),
                     ("ent:dh", "Department of Health", "GovernmentDepartment", ()))
    text = "The rules follow HM Treasury’s guidance. The Department believes the process was fair."
    [department] = [m for m in extract(text, gaz).mentions if m.text == "The Department"]
    assert department.iri != "ent:hmt" and department.how == "unresolved reference"
    text = "The Department of Health spoke. HM Treasury agreed. The Department believes the process was fair."
    [m] = [m for m in extract(text, gaz).mentions if m.text == "The Department"]
    assert m.iri == "ent:dh"


def test_a_houses_press_notice_is_not_a_debate() -> None:
    gaz = _gazetteer(LORDS)
    assert not is_debate("ent:lords", gaz, "Baroness Andrews has criticised the Government’s response.")
    assert is_debate("ent:lords", gaz, "My Lords, I thank the noble Baroness for her question.")
    assert not is_debate(None, gaz, "My Lords, I thank the noble Baroness for her question.")


def test_a_printed_speaker_whose_long_speech_the_record_breaks_mid_sentence() -> None:
    text = ("Michael Gove: The hon. Lady is a highly energetic constituency MP and I know how passionately she "
            "takes up such causes. However, Westminster, like many other\n\nlocal authorities, is succeeding.")
    assert [name for _, _, name in speaker_headings(text)] == ["Michael Gove"]
    assert speaker_headings("Universal Credit: a report on the roll-out of the\n\nbenefit") == []


def test_a_department_the_page_never_names_is_one_unresolved_reference() -> None:
    """Committee conclusions say only "the Department": one proposed body, low confidence, every mention linked to
    it and the judged subject a target; once a department is named, "the Department" refers back to it."""
    text = ("The Department’s culture of denial is a risk. We are disappointed that the Department has not "
            "listened. The Authority was not consulted.")
    ex = extract(text, _gazetteer(), author="Committee of Public Accounts")
    unresolved = {e.label: e for e in ex.entities if e.cue == "unresolved reference"}
    assert sorted(unresolved) == ["the Authority", "the Department"]
    assert unresolved["the Department"].cls == "GovernmentDepartment" and unresolved["the Department"].confidence < 0.5
    assert [m.text for m in ex.mentions if m.iri == unresolved["the Department"].iri] == ["The Department",
                                                                                         "the Department"]
    assert [s.target for s in ex.statements] == [unresolved["the Department"].iri] * 2
    named = extract("The Department for Work and Pensions spoke. The Department has not listened.", _gazetteer())
    assert not [e for e in named.entities if e.cue == "unresolved reference"]


def test_the_department_is_the_one_the_text_named_first() -> None:
    """A report names its own department first; "the Department" after another department's name is still it."""
    gaz = _gazetteer(("ent:dfe", "Department for Education", "GovernmentDepartment", ()),
                     ("ent:dh", "Department of Health", "GovernmentDepartment", ()))
    text = ("The Department for Education funds schools. The Department of Health funds clinics. "
            "The Department has been unrealistic in its savings expectations.")
    [m] = [m for m in extract(text, gaz).mentions if m.text == "The Department"]
    assert m.iri == "ent:dfe"


def test_the_chair_a_post_and_a_place_are_not_people() -> None:
    """1.9: "Mr. Speaker" is the Chair, "the Chief Nursing Officer" a post, "Milton Keynes" after "Director of
    Public Health in" a place; a titled one-word name keeps the text's own span ("Mr. Smith", dot included)."""
    assert _new("Thank you, Mr. Speaker. Madam Deputy Speaker agreed. The Chief Nursing Officer spoke.") == []
    assert _new("Dr Nicholas Hicks, Director of Public Health in Milton Keynes, was concerned.") == [
        ("Nicholas Hicks", "person")]
    text = "I thank Mr. Smith for his reply."
    [m] = [m for m in extract(text, Gazetteer()).mentions if m.new]
    assert text[m.start:m.end] == m.text == "Mr. Smith"


def test_a_committee_named_by_its_subjects_is_the_author_and_not_its_predecessor() -> None:
    """1.10: the publisher line's committee is the author by its whole name; the Housing, Communities and Local
    Government Committee is not the node of the Communities and Local Government Committee (the graph records
    no such identity, as it keeps a renamed department a node of its own)."""
    gaz = _gazetteer(("ent:clg", "Communities and Local Government Committee", "ParliamentaryCommittee", ()),
                     ("ent:commons", "House of Commons", "Legislature", ()))
    line = "UK Parliament: House of Commons {} (report HC 36, Session 2021-22)"
    assert gaz.find_author(line.format("Housing, Communities and Local Government Committee")) == (
        None, "Housing, Communities and Local Government Committee")
    assert gaz.find_author(line.format("Communities and Local Government Committee")) == ("ent:clg", None)


def test_initials_glossed_by_the_name_in_brackets_are_a_mention_of_it() -> None:
    """"The DWP (Department for Work and Pensions) should": DWP, before the name that glosses it, is that body."""
    text = "The DWP (Department for Work and Pensions) should act. The Committee said so."
    ex = extract(text, Gazetteer())
    dwp = [e for e in ex.entities if e.label == "Department for Work and Pensions"]
    assert len(dwp) == 1
    assert [(m.start, m.text) for m in ex.mentions if m.iri == dwp[0].iri] == [(4, "DWP"), (9, dwp[0].label)]


def test_initials_standing_alone_are_a_new_body_but_not_a_place_a_paper_or_a_heading() -> None:
    """1.14: "DWP’s own statistics", "ADASS has warned" and "UNHCR, IOM and partners" name bodies by their
    initials, proposed at low confidence; "the UK", "MPs", "HC 336" and a heading in capitals do not."""
    text = ("CHILD CARE\n\nDWP’s own statistics show the UK rise. ADASS has warned MPs, as HC 336 said. "
            "UNHCR, IOM and partners appealed.")
    found = extract(text, Gazetteer())
    assert sorted(e.label for e in found.entities) == ["ADASS", "DWP", "IOM", "UNHCR"]
    assert {e.confidence for e in found.entities} == {0.4}


def test_a_bulleted_list_of_witnesses_and_colleges_and_universities_by_name() -> None:
    """1.14: each line of a bulleted witness list is a witness and the body they speak for; "College" and
    "University" head a body's name, which keeps all its words after "of" and drops a possessive."""
    witnesses = ("At 2.30pm\n\n  • Lily Caprani, Deputy Executive Director, Unicef\n"
                 "  • George Gabriel, Project Lead, Safe Passage UK\n")
    assert _new(witnesses) == [("George Gabriel", "person"), ("Lily Caprani", "person"),
                               ("Safe Passage UK", "organisation"), ("Unicef", "organisation")]
    one_line = "The Committee heard:\n  • Lily Caprani, Deputy Executive Director, Unicef\n"
    assert _new(one_line) == []  # one bulleted line is not a list of witnesses
    colleges = ("The Royal College of Emergency Medicine has estimated the cost, and the University of Sheffield’s "
                "research agrees.")
    assert _new(colleges) == [("Royal College of Emergency Medicine", "organisation"),
                              ("University of Sheffield", "organisation")]


def test_a_known_scheme_for_someone_is_also_named_by_its_stem() -> None:
    """1.14: the graph's "Dubs scheme for unaccompanied child refugees" is also "the Dubs scheme"."""
    dubs = URIRef("https://example.org/dubs")
    data = Graph()
    data.add((dubs, RDF.type, WKG.Programme))
    data.add((dubs, RDFS.label, Literal("Dubs scheme for unaccompanied child refugees", lang="en")))
    mentions = extract("The Government has said it is closing the Dubs scheme.",
                       Gazetteer.from_graph(data, Graph())).mentions
    assert [(m.text, m.iri) for m in mentions] == [("Dubs scheme", str(dubs))]


def test_parliament_the_institution_is_a_body_but_not_a_parliament_as_a_period() -> None:
    """1.16: "only 9 months after Parliament voted for it" names the institution; "by the end of this Parliament",
    "the 2017 Parliament" and "Members of Parliament" do not."""
    text = ("The scheme closed only 9 months after Parliament voted for it. We will resettle 20,000 people by the end "
            "of this Parliament, as the 2017 Parliament heard from Members of Parliament.")
    found = extract(text, Gazetteer())
    assert [(m.text, m.start) for m in found.mentions] == [("Parliament", 38)]
    assert [(e.label, e.kind) for e in found.entities] == [("Parliament", "organisation")]


def test_regulators_named_by_one_word_and_associations_of_their_members() -> None:
    """1.16: "Ofsted" is a body though it has no head word; "the Association of Directors of Children’s Services"
    keeps every word after "of"; "GP practices" names a profession, not a body."""
    text = ("Ofsted rated the service inadequate. The Association of Directors of Children’s Services said so, "
            "and GP practices agreed.")
    assert _new(text) == [("Association of Directors of Children’s Services", "organisation"),
                          ("Ofsted", "organisation")]


def test_initials_that_begin_a_longer_name_are_linked_with_doubt() -> None:
    """1.17: "NHS Providers" is another body than the NHS, so its "NHS" is linked at confidence 0.5, below what
    `kg accept --min-confidence 0.85` takes; "the PAC Chair" and "the NHS. The" keep their confidence."""
    gaz = _gazetteer(("ent:nhs", "NHS", "NhsBody", ()), ("ent:pac", "PAC", "ParliamentaryCommittee", ()))
    text = "Miriam Deakin of NHS Providers has said so. The PAC Chair said the NHS. The plan failed."
    assert [(m.text, m.confidence) for m in extract(text, gaz).mentions if m.iri.startswith("ent:")] == [
        ("NHS", 0.5), ("PAC", 1.0), ("NHS", 1.0)]
