"""PeopleIndex on sentences written for these tests (real spaCy model, no mocks)."""
from __future__ import annotations

import pytest

from kg.article import Article
from kg.extract.people import canonical_name, clean_name, repair_name, resolve_people
from kg.nlp.pipeline import load_nlp


@pytest.fixture(scope="session")
def nlp():
    return load_nlp()


def index(nlp, text):
    doc = nlp(text)
    return doc, resolve_people(doc, Article(id="t", text=text))


def names_of(doc, people, word):
    return [people.name_for(t) for t in doc if t.text == word]


def test_surname_and_honorific_forms_resolve_to_full_name(nlp):
    doc, people = index(nlp, "Chancellor Angela Merkel opened the session in Berlin. "
                             "Later Ms. Merkel took questions, and Merkel's aides stayed silent.")
    assert set(names_of(doc, people, "Merkel")) == {"Angela Merkel"}
    assert [p.name for p in people.persons] == ["Angela Merkel"]


def test_possessive_and_title_are_not_part_of_the_name(nlp):
    doc, people = index(nlp, "President Okafor's spokesman spoke to reporters in Abuja.")
    assert "Okafor" in [p.name for p in people.persons]
    assert not any("'s" in p.name or "President" in p.name for p in people.persons)


def test_title_reference_resolves_to_the_named_holder(nlp):
    doc, people = index(nlp, "Russian President Vladimir Putin met Prime Minister Benjamin Netanyahu in Sochi. "
                             "The Russian president praised the talks. The Israeli prime minister smiled.")
    president = next(t for t in doc if t.lower_ == "president" and t.i > 10)
    assert people.name_for(president) == "Vladimir Putin"
    minister = [t for t in doc if t.lower_ == "minister"][-1]
    assert people.name_for(minister) == "Benjamin Netanyahu"


def test_counterpart_resolves_by_country(nlp):
    doc, people = index(nlp, "French President Emmanuel Macron flew to Berlin. "
                             "German Chancellor Olaf Scholz greeted his French counterpart at the airport.")
    counterpart = next(t for t in doc if t.lower_ == "counterpart")
    assert people.name_for(counterpart) == "Emmanuel Macron"


def test_subject_pronoun_goes_to_the_previous_subject(nlp):
    doc, people = index(nlp, "Senator Maria Lopez visited the border on Monday. "
                             "She said the fence was too short.")
    she = next(t for t in doc if t.lower_ == "she")
    assert people.name_for(she) == "Maria Lopez"


def test_two_people_sharing_a_surname_stay_apart(nlp):
    doc, people = index(nlp, "Barack Obama and Michelle Obama arrived at the gala. "
                             "Kim Jong Un sent his sister Kim Yo Jong to the talks.")
    names = {p.name for p in people.persons}
    assert {"Barack Obama", "Michelle Obama", "Kim Jong Un", "Kim Yo Jong"} <= names


def test_surname_repeated_in_front_of_a_split_name_is_repaired(nlp):
    doc, people = index(nlp, "President Trump Donald John Trump said on Monday that taxes would fall.")
    # one node per person: the gazetteer's name for a well-known politician's full forms
    assert [p.name for p in people.persons] == ["Donald Trump"]


def test_clean_name_strips_honorifics_but_keeps_peerage_of_one_word_names():
    assert clean_name("Mr. Johnson's") == "Johnson"
    assert clean_name("Lord Falconer") == "Lord Falconer"
    assert clean_name("Dr. Jane Goodall") == "Jane Goodall"


# --- junk names from scraped pages, and one node per person across articles -----------------

@pytest.mark.parametrize("raw, repaired", [
    ("Trump Donald John TrumpGOP", "Donald John Trump"),     # hover text glued to the next headline
    ("Trump Trump", "Trump"),
    ("Donald Trump Donald", "Donald Trump"),                 # a known name running into the next one
    ("Trump Gowdy", "Gowdy"),                                # a known surname glued in front of a name
    ("Saudi Arabia Trump", "Trump"),
    ("Gary Earl JohnsonThe", "Gary Earl Johnson"),
    ("Trump Jr", "Trump Jr"),                                # a suffix is part of the name
    ("KIM JONG", "Kim Jong"),
    ("Moon Jae-in", "Moon Jae-in"),
    ("DeSantis", "DeSantis"),                                # inner capitals of real names stay
])
def test_repair_name(raw, repaired):
    assert repair_name(raw) == repaired


@pytest.mark.parametrize("raw", ["Trump White House", "Obama administration", "ET ON TUESDAY", "Trump MORE"])
def test_repair_name_drops_things_and_page_furniture(raw):
    assert repair_name(raw) is None


def test_canonical_name_folds_middle_names_of_known_people_and_initials_of_others():
    assert canonical_name(["Donald J. Trump"]) == "Donald Trump"
    assert canonical_name(["Barack Hussein Obama"]) == "Barack Obama"
    assert canonical_name(["Bashar Assad"]) == "Bashar al-Assad"
    assert canonical_name(["George W. Bush"]) == "George W. Bush"     # two Bushes are listed apart
    assert canonical_name(["George H.W. Bush"]) == "George H. W. Bush"
    assert canonical_name(["Tomas K. Lindqvist"]) == "Tomas Lindqvist"
    assert canonical_name(["Donald Trump Jr."]) == "Donald Trump Jr."  # another person


def test_surname_never_completed_takes_the_gazetteers_full_name(nlp):
    doc, people = index(nlp, "Putin told reporters in Moscow that the talks had failed.")
    assert [p.name for p in people.persons] == ["Vladimir Putin"]


def test_unknown_surname_stays_a_surname(nlp):
    doc, people = index(nlp, "Mr. Okonkwo told reporters in Lagos that the talks had failed.")
    assert [p.name for p in people.persons] == ["Okonkwo"]


def test_president_obama_is_not_michelle_obama(nlp):
    doc, people = index(nlp, "Michelle Obama opened the garden on Monday. "
                             "President Obama joined her later, and Mrs. Obama thanked the gardeners.")
    obamas = [people.name_for(t) for t in doc if t.text == "Obama"]
    assert obamas == ["Michelle Obama", "Barack Obama", "Michelle Obama"]


def test_reversed_hover_name_is_turned_round(nlp):
    doc, people = index(nlp, "The bill reached President Trump Donald on Friday. Donald Trump signed it.")
    assert "Trump Donald" not in {p.name for p in people.persons}
    assert "Donald Trump" in {p.name for p in people.persons}


def test_singular_titles_do_not_carry_over_to_the_next_name(nlp):
    doc, people = index(nlp, "Libyan President Ali Zeidan and Afghan President Omar Sharif met in Doha. "
                             "President Sam Okoro and Lena Berg spoke.")
    countries = {m.country for m in people.offices_of("Omar Sharif")}
    assert countries == {"Afghanistan"}
    assert not people.offices_of("Lena Berg")


def test_hover_text_legal_name_after_the_display_name_is_cut(nlp):
    text = ("Even Sen. Lindsey Graham Lindsey Olin GrahamGOP senators balk at a long trial MORE said no. "
            "Sen. Tim Scott Timothy (Tim) Eugene ScottOn The Money: a headline MORE agreed.")
    doc, people = index(nlp, text)
    names = {p.name for p in people.persons}
    assert "Lindsey Graham" in names and "Tim Scott" in names
    assert not any("Olin" in n or "Timothy" in n for n in names)


def test_hover_text_legal_name_with_a_longer_first_name_is_cut(nlp):
    text = "Speaker Paul Ryan Paul Davis Ryan Retirees should say no thanks MORE (R-Wis.) said so."
    doc, people = index(nlp, text)
    assert "Paul Ryan" in {p.name for p in people.persons}
    assert not any("Davis" in p.name for p in people.persons)


# --- round four: names on unseen text ------------------------------------------------------


def person_names(people):
    return {p.name for p in people.persons}


def test_country_word_in_a_surname_is_kept(nlp):
    doc, people = index(nlp, "Rep. Dana Israel said the bill would fail. Senator Tom Jordan disagreed.")
    assert {"Dana Israel", "Tom Jordan"} <= person_names(people)


def test_two_word_surname_said_alone_is_the_same_person(nlp):
    doc, people = index(nlp, "Mexican President Carlos García Ruiz met the envoy. García Ruiz said little.")
    assert "Carlos García Ruiz" in person_names(people)
    assert not any(n == "García Ruiz" for n in person_names(people))


def test_particle_surname_is_not_cut(nlp):
    doc, people = index(nlp, "Defense Minister Ursula von der Leyen met the Dutch premier in The Hague.")
    assert "Ursula von der Leyen" in person_names(people)


def test_irish_head_of_government_title_is_not_a_name(nlp):
    doc, people = index(nlp, "Taoiseach Leo Varadkar flew to London on Monday.")
    assert "Leo Varadkar" in person_names(people)
    assert not any("Taoiseach" in n for n in person_names(people))


def test_social_network_is_not_a_person(nlp):
    doc, people = index(nlp, "The senator posted on Twitter on Friday. Twitter said it would look at the post.")
    assert "Twitter" not in person_names(people)


def test_hover_text_repeating_the_first_name_keeps_display_order(nlp):
    doc, people = index(nlp, "Sen. Angus King Angus KingOvernight Energy: the agency chief left.")
    assert "Angus King" in person_names(people)
    assert "King Angus" not in person_names(people)


def test_a_bare_given_name_does_not_attach_to_someone_else(nlp):
    doc, people = index(nlp, "Former minister Michael Ancram spoke in London. "
                             "Ex-King Michael of Romania died on Tuesday. Prince Charles attended, and Charles Kennedy sent flowers.")
    michael = [t for t in doc if t.text == "Michael"][-1]
    assert people.name_for(michael) != "Michael Ancram"
    charles = next(t for t in doc if t.text == "Charles")
    assert people.name_for(charles) != "Charles Kennedy"


def test_family_name_first_still_resolves(nlp):
    doc, people = index(nlp, "Chinese President Xi Jinping arrived in Paris. Xi spoke about trade.")
    xi = [t for t in doc if t.text == "Xi"][-1]
    assert people.name_for(xi) == "Xi Jinping"


def test_bare_president_is_the_home_countrys(nlp):
    doc, people = index(nlp, "President Donald Trump spoke in Ohio. Senator Ann Reyes and Governor Paul Hart "
                             "joined him. French President Emmanuel Macron called him later. "
                             "The president said the call went well.")
    president = [t for t in doc if t.lower_ == "president"][-1]
    assert people.name_for(president) == "Donald Trump"


def test_she_after_a_wife_in_apposition(nlp):
    doc, people = index(nlp, "Ted Cruz campaigned in Iowa. Hillary Clinton spoke in Ohio. "
                             "His wife Heidi Cruz joined him on stage. She said the crowd was large.")
    she = next(t for t in doc if t.text == "She")
    assert people.name_for(she) == "Heidi Cruz"


def test_he_is_the_main_clause_subject_not_the_reported_one(nlp):
    doc, people = index(nlp, "Secretary Tom Bradley said Senator Jim Weller wanted a deal. He then flew home.")
    he = next(t for t in doc if t.text == "He")
    assert people.name_for(he) == "Tom Bradley"


def test_ambiguous_family_name_goes_to_the_person_the_story_is_about(nlp):
    doc, people = index(nlp, "North Korean leader Kim Jong Un met the envoy. Kim Jong Un said he wanted peace. "
                             "Kim Jong Un smiled. U.S. envoy Sung Kim prepared the talks. "
                             "Kim later left for Pyongyang.")
    kim = [t for t in doc if t.text == "Kim"][-1]
    assert people.name_for(kim) == "Kim Jong Un"


def test_title_reference_with_a_country_skips_a_holder_of_another_country(nlp):
    doc, people = index(nlp, "Former President Bill Clinton gave a speech in Seoul on Monday. "
                             "The North Korean president did not attend the dinner.")
    ref = next(m for m in people.titles if not m.has_person and m.country == "North Korea")
    assert people.name_for(doc[ref.start:ref.end]) is None


def test_president_elect_is_not_the_sitting_president(nlp):
    doc, people = index(nlp, "President Harold Quimby signed the bill on Monday. "
                             "The president-elect will take office in January.")
    elect = next(t for t in doc if t.lower_ == "president" and t.i > 5)
    assert people.name_for(elect) is None
    first = next(t for t in doc if t.text == "Quimby")
    assert people.name_for(first) == "Harold Quimby"


def test_scraped_word_before_a_well_known_surname_is_no_person(nlp):
    doc, people = index(nlp, "Libra Trump was written under the photo. Team Obama posted a reply. "
                             "Melania Trump and Eric Trump arrived with Donald Trump in Ohio.")
    names = {p.name for p in people.persons}
    assert "Libra Trump" not in names and "Team Obama" not in names
    assert {"Melania Trump", "Eric Trump", "Donald Trump"} <= names


def test_foreign_relative_of_a_well_known_leader_keeps_the_name(nlp):
    assert repair_name("Maher Assad") == "Maher Assad"
    assert repair_name("Libra Trump") is None
    assert repair_name("Roger Penske Trump") == "Roger Penske"


def test_one_letter_typo_of_a_well_known_given_name_is_that_person(nlp):
    doc, people = index(nlp, "Vladmir Putin met Barrack Obama in Moscow on Friday. "
                             "Vladimir Putin said the talks went well.")
    assert sorted(p.name for p in people.persons) == ["Barack Obama", "Vladimir Putin"]


def test_nickname_and_formal_given_name_are_one_person(nlp):
    doc, people = index(nlp, "Chuck Grassley spoke first in the hearing. "
                             "Later Charles Grassley told reporters he was tired.")
    assert len([p for p in people.persons if p.name.endswith("Grassley")]) == 1
    assert names_of(doc, people, "Chuck") == names_of(doc, people, "Charles")


def test_different_given_names_with_one_surname_stay_apart(nlp):
    doc, people = index(nlp, "Michelle Obama and Barack Obama visited Paris. Hunter Quill and Henry Quill left.")
    names = {p.name for p in people.persons}
    assert {"Michelle Obama", "Barack Obama", "Hunter Quill", "Henry Quill"} <= names


def test_bare_surname_shared_by_relatives_goes_to_the_well_known_leader(nlp):
    doc, people = index(nlp, "Melania Trump hosted a dinner. Donald Trump attended. "
                             "Mrs. Trump wore a red dress while Trump spoke to reporters.")
    # the honorific marks the woman; the bare surname is the gazetteer's leader
    assert names_of(doc, people, "Trump") == ["Melania Trump", "Donald Trump", "Melania Trump", "Donald Trump"]


def test_father_name_after_bin_is_not_a_surname(nlp):
    doc, people = index(nlp, "Crown Prince Mohammed bin Salman hosted the envoy in Riyadh. "
                             "The envoy later called on King Salman at the palace.")
    assert people.name_for(doc[1:5]) == "Mohammed bin Salman"
    salman = [t for t in doc if t.text == "Salman"][-1]
    assert people.name_for(salman) != "Mohammed bin Salman"


def test_untagged_surname_of_a_named_person_is_that_person(nlp):
    text = ("Senator Harriet Quillfeather criticized Don Blankenfield, a mining boss, last week. "
            "Quillfeather says she has already spoken to the governor twice.")
    doc, people = index(nlp, text)
    she = [t for t in doc if t.lower_ == "she"][0]
    assert people.name_for(she) == "Harriet Quillfeather"


def test_a_post_nominal_seat_is_not_part_of_the_name():
    assert clean_name("Paul Boateng MP") == "Paul Boateng"
    assert clean_name("Tom Jones") == "Tom Jones"
