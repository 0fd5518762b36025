"""PeopleIndex on sentences written for these tests (real spaCy model, no mocks)."""
from __future__ import annotations

import pytest

from kg.article import Article
from kg.extract.people import clean_name, resolve_people
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
    doc, people = index(nlp, "President Putin's spokesman spoke to reporters in Moscow.")
    assert "Putin" in [p.name for p in people.persons]
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
    assert [p.name for p in people.persons] == ["Donald John Trump"]


def test_clean_name_strips_honorifics_but_keeps_peerage_of_one_word_names():
    assert clean_name("Mr. Johnson's") == "Johnson"
    assert clean_name("Lord Falconer") == "Lord Falconer"
    assert clean_name("Dr. Jane Goodall") == "Jane Goodall"
