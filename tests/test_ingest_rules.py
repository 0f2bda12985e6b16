"""Extractor rules added in 1.2, each on a small text: the author the graph lacks, later mentions of new bodies,
a chair's-comment section, classes of bodies as targets, and a report's account of itself."""

from __future__ import annotations

from kg.ingest.extract import extract
from kg.ingest.gazetteer import Entry, Gazetteer
from kg.namespaces import WKG


def _gazetteer(*extra: Entry) -> Gazetteer:
    """The Government, and ``extra`` entries, each known by its label."""
    gaz = Gazetteer()
    for entry in (Entry("ent:gov", "Government", "organisation", frozenset({str(WKG.Government)})), *extra):
        gaz.entries[entry.iri] = entry
        gaz.add_name(entry.iri, entry.label)
    return gaz


def _with_house(iri: str, label: str, *extra: Entry) -> tuple[Gazetteer, str]:
    """The test gazetteer with a House of Parliament (a legislature), whose records are debates, and ``extra``."""
    return _gazetteer(Entry(iri, label, "organisation", frozenset({str(WKG.Legislature)})), *extra), iri


def test_an_author_the_graph_lacks_is_the_voice_and_the_committee() -> None:
    text = ("Below is a list of all of the Committee’s conclusions and recommendations.\n"
            "The Department for Work and Pensions has shown a marked reluctance to act. "
            "We commend DWP staff for their work.")
    ex = extract(text, _gazetteer(), author="Economic Affairs Committee")
    by_text = {m.text: m for m in ex.mentions}
    assert by_text["DWP"].iri == by_text["Department for Work and Pensions"].iri  # its initials
    committee = next(e for e in ex.entities if e.label == "Economic Affairs Committee")
    assert by_text["the Committee"].iri == committee.iri
    kinds = [(text[s.start:s.start + 9], s.kind, s.critic_name, s.target_name) for s in ex.statements]
    assert kinds == [("The Depar", "criticism", "Economic Affairs Committee", "Department for Work and Pensions"),
                     ("We commen", "support", "Economic Affairs Committee", "DWP")]


def test_a_chairs_comment_section_is_the_chairs_voice() -> None:
    text = ("Dame Ann Lowe, chair of the Committee, publishes her report.\n\nChair's comment\n\n"
            "Too often we get lip service from Government about these issues.")
    ex = extract(text, _gazetteer(), publisher=None)
    [s] = ex.statements
    assert (s.kind, s.critic_name, s.target_name) == ("criticism", "Ann Lowe", "Government")


def test_a_class_that_holds_the_subject_is_the_target() -> None:
    text = "Government departments are not working together effectively enough to address the problem."
    [s] = extract(text, _gazetteer(), author="Public Accounts Committee").statements
    assert (s.target, s.target_name) == ("", "Government departments")


def test_have_yet_to_is_not_a_turn() -> None:
    text = "We have yet to be convinced that the Government plan would be effective."
    [s] = extract(text, _gazetteer(), author="Education Committee").statements
    assert s.kind == "criticism"


def test_a_programme_the_text_defines_is_found_at_every_mention() -> None:
    text = ("Universal Credit\n\nUniversal credit, the Government’s flagship social security programme, has been "
            "beset by flaws. The rollout of universal credit must pause.")
    ex = extract(text, _gazetteer())
    found = [(m.text, m.kind) for m in ex.mentions if m.kind == "programme"]
    assert found == [("Universal Credit", "programme"), ("Universal credit", "programme"),
                     ("universal credit", "programme")]
    assert len({m.iri for m in ex.mentions if m.kind == "programme"}) == 1
    assert [e.label for e in ex.entities if e.kind == "programme"] == ["Universal Credit"]


def test_hansard_is_not_the_houses_own_voice() -> None:
    gaz, commons = _with_house("ent:commons", "House of Commons")
    text = "What a shambles this policy is, and the Government has failed to act."
    assert extract(text, gaz, publisher=commons).statements == []
    [s] = extract(text, gaz, author="Work and Pensions Committee").statements
    assert (s.critic_name, s.target_name) == ("Work and Pensions Committee", "Government")


def test_programme_names_their_abbreviations_and_later_mentions() -> None:
    """1.4: "New" stays in a programme's name; a named credit is a programme; "known as X (TR)" defines one;
    abbreviations, lower-case repeats and "the three-year programme" are later mentions of it."""
    text = ("The Department set up the New Hospital Programme (NHP) in 2020. NHP is late. "
            "Universal Credit was rolled out; universal credit and UC are the same. "
            "The changes, known as Transforming Rehabilitation (TR), failed. The TR reforms cost more. "
            "The three-year programme ended.")
    ex = extract(text, _gazetteer())
    iri = {e.label: e.iri for e in ex.entities if e.kind == "programme"}
    assert set(iri) == {"New Hospital Programme", "Universal Credit", "Transforming Rehabilitation"}
    said = {(m.text, m.iri) for m in ex.mentions}
    assert {("NHP", iri["New Hospital Programme"]), ("universal credit", iri["Universal Credit"]),
            ("UC", iri["Universal Credit"]), ("TR", iri["Transforming Rehabilitation"])} <= said
    assert ("The three-year programme", iri["Transforming Rehabilitation"]) in said  # the last one named


def test_people_by_mr_and_by_mp_but_not_lower_case_words_before_a_post() -> None:
    text = ("Chair of the Committee Bob Neill MP said so. Mr Duncan Smith made promises. "
            "As I am well documented as saying, the Comptroller and Auditor General was right.")
    people = {e.label for e in extract(text, _gazetteer()).entities if e.kind == "person"}
    assert people == {"Bob Neill", "Duncan Smith"}


def test_rt_hon_is_an_honorific_not_part_of_the_name() -> None:
    """1.5: "Rt Hon Robert Halfon MP" is Robert Halfon, who speaks the quotation after it."""
    ex = extract("Rt Hon Robert Halfon MP, Chair of the Committee, said: “The reforms have failed.”", _gazetteer())
    assert [e.label for e in ex.entities if e.kind == "person"] == ["Robert Halfon"]
    assert [q.speaker_name for q in ex.quotes] == ["Robert Halfon"]


def test_a_debates_speakers_are_named_as_members_name_each_other() -> None:
    """1.5: a Hansard excerpt without speaker headings: the first answer to a tabled question is the Minister's,
    the questioner is named as the Minister names her, and a rebuttal targets the member it disputes."""
    gaz, lords = _with_house("ent:lords", "House of Lords")
    text = ("Troubled Families Programme\n\nAsked by\n\n"
            "To ask Her Majesty’s Government what progress is being made with the programme.\n\n"
            "My Lords, the Government has been successful in turning families around.\n\n"
            "I thank the Minister for that reply, but the Government has failed these families, has it not?\n\n"
            "My Lords, I do not accept that the noble Baroness is right.")
    found = [(s.kind, s.critic_name, s.target_name) for s in extract(text, gaz, publisher=lords).statements]
    assert found == [("support", "the Minister", "Government"), ("criticism", "the noble Baroness", "Government"),
                     ("rebuttal", "the Minister", "the noble Baroness")]


def test_a_member_never_addressed_is_the_member() -> None:
    """1.7, the guidelines' rule for debates: a speaker the text never names nor addresses is "the Member"."""
    gaz, lords = _with_house("ent:lords", "House of Lords")
    text = ("My Lords, this is a seriously flawed Bill from the Government.\n\n"
            "My Lords, I do not accept that the Government's Bill is flawed.\n\n"
            "I thank the noble Lord for his reply, but the Government has failed carers.")
    found = [(s.kind, s.critic_name) for s in extract(text, gaz, publisher=lords).statements]
    assert found == [("criticism", "the Member"), ("rebuttal", "the noble Lord"), ("criticism", "the Member")]


def test_the_chair_names_the_member_it_interrupts_and_judges_nothing() -> None:
    """1.9: the Chair's call to order names the member speaking before it (interrupted) and after it; the Chair's
    own words are no statement; a prayer motion ("That an humble Address ...") is the mover's."""
    gaz, commons = _with_house("ent:commons", "House of Commons")
    text = ("Integrated Care Regulations\n\nI beg to move,\n\nThat an humble Address be presented to Her Majesty.\n\n"
            "For the Government to have made these changes without proper scrutiny is a huge discourtesy to the "
            "House.—[Interruption.]\n\nOrder. It is not fair to the hon. Gentleman that people are talking.\n\n"
            "The changes should not have been made through secondary legislation.")
    found = [(s.kind, s.critic_name) for s in extract(text, gaz, publisher=commons).statements]
    assert found == [("criticism", "the hon. Gentleman"), ("criticism", "the hon. Gentleman")]


def test_the_chair_calls_a_member_by_constituency_and_judges_nothing() -> None:
    """1.13: "Before I call the hon. Member for Romsey (Sandra Gidley), I should say ..." names the next speaker,
    and the Chair's own words, which ask members to be brief, are no statement."""
    gaz, commons = _with_house("ent:commons", "House of Commons")
    text = ("Social Care\n\nBefore I call the hon. Member for Romsey (Sandra Gidley), I should say that members "
            "should make their remarks brief and should be succinct.\n\n"
            "The settlement for local government has failed carers.")
    found = [(s.kind, s.critic_name) for s in extract(text, gaz, publisher=commons).statements]
    assert found == [("criticism", "the hon. Member for Romsey")]


def test_a_tabled_question_judges_nothing() -> None:
    """1.15: "(Urgent Question): To ask the Secretary of State to make a statement regarding the delay ..." names
    what a debate is about and judges nothing, though "delay" is a criticism cue elsewhere."""
    gaz, commons = _with_house("ent:commons", "House of Commons",
                               Entry("ent:uc", "Universal Credit", "programme", frozenset({str(WKG.Programme)})))
    text = ("Universal Credit\n\n(Urgent Question): To ask the Secretary of State to make a statement regarding the "
            "delay to the full roll-out of universal credit.\n\nMr Speaker, we informed Parliament yesterday that "
            "we are extending the completion date of universal credit.")
    assert [s.kind for s in extract(text, gaz, publisher=commons).statements] == []


def test_a_statement_from_a_chair_is_the_chairs() -> None:
    """1.11: "A statement from X, Chair of the Committee:" gives the unquoted paragraphs below it to X, not to the
    committee that publishes the page."""
    gaz = _gazetteer(Entry("ent:pac", "Committee of Public Accounts", "organisation",
                           frozenset({str(WKG.ParliamentaryCommittee)})),
                     Entry("ent:hodge", "Margaret Hodge", "person", frozenset({str(WKG.Person)})))
    text = ("Statement by the Chair on the Accounts\n\nA statement from The Rt Hon Margaret Hodge MP, Chair of the "
            "Committee of Public Accounts:\n\nThe Government has failed to keep an eye on the cash position.")
    assert [(s.critic, s.target) for s in extract(text, gaz, publisher="ent:pac").statements] == [
        ("ent:hodge", "ent:gov")]


def test_a_programme_named_before_a_lower_case_head_and_its_stem() -> None:
    """1.6: "the Homes for Ukraine scheme" names a programme, and so does "Homes for Ukraine" (even in the title
    above it) and "the scheme" after it; "the Government's scheme" names none."""
    text = ("Homes for Ukraine\n\nThe Government set up the Homes for Ukraine scheme at pace. "
            "The Government’s scheme was late. Homes for Ukraine hosts were thanked, and the scheme grew.")
    ex = extract(text, _gazetteer())
    [programme] = [e for e in ex.entities if e.kind == "programme"]
    assert programme.label == "Homes for Ukraine scheme"
    said = [m.text for m in ex.mentions if m.iri == programme.iri]
    assert said == ["Homes for Ukraine", "Homes for Ukraine scheme", "Homes for Ukraine", "the scheme"]


def test_a_debates_printed_speakers_are_its_people_and_its_voices() -> None:
    """1.6: a record that prints its speakers ("Earl Howe:", "Mr. Philip Hammond (Runnymede) (Con):", a post with
    the name in brackets) proposes them as people, and each speaks the paragraphs under their name."""
    gaz, commons = _with_house("ent:commons", "House of Commons")
    text = ("Mr. Philip Hammond (Runnymede and Weybridge) (Con): The Government has failed these families.\n"
            "It has broken its promises.\n"
            "The Parliamentary Under-Secretary of State (Earl Howe) (Con): I do not accept that the hon. Gentleman "
            "is right.")
    ex = extract(text, gaz, publisher=commons)
    assert {e.label for e in ex.entities if e.kind == "person"} == {"Philip Hammond", "Earl Howe"}
    found = [(s.kind, s.critic_name, s.target_name) for s in ex.statements]
    assert found == [("criticism", "Philip Hammond", "Government"), ("criticism", "Philip Hammond", "Government"),
                     ("rebuttal", "Earl Howe", "the hon. Gentleman")]


def test_a_body_known_by_its_initials_alone() -> None:
    """1.6: "the CSA" before a stop, a possessive or a verb is a body the text knows by its initials, and so is
    every later "CSA"; "the SEND reforms" (initials before a noun) and "the UK" (two letters) are not."""
    text = ("The review of the problems at the CSA—at last. The CSA’s record is poor and CSA staff know it. "
            "The SEND reforms failed and the UK lost out.")
    ex = extract(text, _gazetteer())
    assert [(e.label, e.kind) for e in ex.entities] == [("CSA", "organisation")]
    assert [m.text for m in ex.mentions if m.iri == ex.entities[0].iri] == ["CSA", "CSA", "CSA"]


def test_a_body_whose_concern_a_report_relays_is_the_critic() -> None:
    """1.16: in a committee's report, "Cambridgeshire County Council highlighted the uncertainty the delay was
    causing" is the council's criticism, which the committee relays, not the committee's own."""
    text = ("Local government finance\n\nThe Government has delayed the Green Paper. Cambridgeshire County Council "
            "highlighted the uncertainty the delay was causing for local authorities.")
    found = [(s.kind, s.critic_name) for s in extract(text, _gazetteer(), author="Housing Committee").statements]
    assert ("criticism", "Cambridgeshire County Council") in found


def test_a_description_links_only_to_a_body_the_text_names() -> None:
    nao = Entry("ent:nao", "National Audit Office", "organisation", frozenset({str(WKG.AuditBody)}))
    gaz = _gazetteer(nao)
    for description in ("spending watchdog", "the watchdog", "the auditors"):
        gaz.add_name(nao.iri, description)
    other = ("A local government spending watchdog has warned Avon Council that its grants are at risk. "
             "The Audit Commission said the council broke its rules, and the auditors must now confirm it.")
    assert not [m for m in extract(other, gaz).mentions if m.iri == nao.iri]  # another watchdog's page
    named = ("The spending watchdog has warned that the fund is at risk. The National Audit Office said the "
             "Government had no plan, and the watchdog called it a failure.")
    linked = [m.text for m in extract(named, gaz).mentions if m.iri == nao.iri]
    assert linked == ["spending watchdog", "National Audit Office", "the watchdog"]
