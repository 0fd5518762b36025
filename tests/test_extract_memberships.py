"""Membership extraction on sentences written for these tests (real spaCy model)."""
from __future__ import annotations

import pytest

from kg.article import Article
from kg.extract.memberships import extract_memberships
from kg.extract.people import resolve_people
from kg.nlp.pipeline import load_nlp


@pytest.fixture(scope="session")
def nlp():
    return load_nlp()


def members(nlp, text):
    doc = nlp(text)
    art = Article(id="t", text=text)
    people = resolve_people(doc, art)
    return {(m.person, m.party): m for m in extract_memberships(doc, art, people)}


def test_party_before_name_and_party_code(nlp):
    got = members(nlp, "Republican Sen. Tom Harlan met Rep. Ana Ortiz (D-Calif.) on Tuesday.")
    assert ("Tom Harlan", "Republican Party") in got
    assert ("Ana Ortiz", "Democratic Party") in got
    assert got[("Ana Ortiz", "Democratic Party")].country == "United States"


def test_aliases_normalise_to_one_party(nlp):
    got = members(nlp, "Tory leader Michael Howard attacked Labour's Gordon Brown. "
                       "GOP chairman Reince Priebus agreed.")
    assert got[("Michael Howard", "Conservative Party")].role == "leader"
    assert ("Gordon Brown", "Labour Party") in got
    assert got[("Reince Priebus", "Republican Party")].role == "chair"


def test_apposition_possessive_party_and_copula(nlp):
    got = members(nlp, "Joe Manley, a Democrat from Ohio, spoke. "
                       "Avigdor Liberman's Yisrael Beiteinu party won seats. Sarah Quinn is a Republican.")
    assert ("Joe Manley", "Democratic Party") in got
    assert ("Avigdor Liberman", "Yisrael Beiteinu") in got
    assert ("Sarah Quinn", "Republican Party") in got


def test_party_words_not_next_to_a_name_give_nothing(nlp):
    got = members(nlp, "Republican lawmakers and Labour voters disagreed with Anna Berg about taxes.")
    assert not got


# --- kinds found by scripts/spot_check.py, and party forms the issue lists -------------------

def test_apposition_stops_at_someone_elses_party(nlp):
    got = members(nlp, "Kelly Marsh, the wife of Kentucky Republican Sen. Dan Marsh, wrote a letter. "
                       "Ron Vale, a lawyer who argued Democrats could win, spoke.")
    assert ("Dan Marsh", "Republican Party") in got
    assert not any(p == "Kelly Marsh" or p == "Ron Vale" for p, _ in got)


def test_who_chairs_and_possessive_party(nlp):
    got = members(nlp, "Jane Miller, who chairs the Republican National Committee, said so. "
                       "Netanyahu's Likud party won the most seats.")
    assert got[("Jane Miller", "Republican Party")].role == "chair"
    assert ("Benjamin Netanyahu", "Likud") in got


def test_party_aliases_normalise_to_one_name(nlp):
    got = members(nlp, "Dems' leader Chuck Schumer cried foul. LDP leader Taro Aso won. "
                       "Lib Dem leader Jo Swinson spoke. GOP Sen. Mitt Romney voted no. AfD leader Alice Weidel objected.")
    assert got[("Chuck Schumer", "Democratic Party")].role == "leader"
    assert got[("Taro Aso", "Liberal Democratic Party")].country == "Japan"
    assert ("Jo Swinson", "Liberal Democrats") in got
    assert ("Mitt Romney", "Republican Party") in got
    assert ("Alice Weidel", "Alternative for Germany") in got


def test_deputy_leader_is_a_member_not_the_leader(nlp):
    got = members(nlp, "Liberal Democrat deputy leader Hugh Bell agreed.")
    assert got[("Hugh Bell", "Liberal Democrats")].role is None


def test_names_joined_to_other_members_of_a_party(nlp):
    got = members(nlp, "Nancy Pelosi, Chuck Schumer and other Democrats met Trump on Tuesday.")
    assert ("Nancy Pelosi", "Democratic Party") in got
    assert ("Chuck Schumer", "Democratic Party") in got
    assert not any(person == "Donald Trump" for person, _ in got)


def test_the_two_party_leaders_are_the_pair_named_before(nlp):
    got = members(nlp, "Nancy Pelosi and Chuck Schumer left the room. The two Democratic leaders said the talks failed.")
    assert {("Nancy Pelosi", "Democratic Party"), ("Chuck Schumer", "Democratic Party")} <= set(got)


def test_the_two_party_leaders_need_exactly_two_names(nlp):
    got = members(nlp, "Ann Reyes, Paul Hart and Tom Weller left. The two Democratic leaders said the talks failed.")
    assert not got


def test_a_candidate_for_a_party_nomination_belongs_to_it(nlp):
    assert ("Jeb Bush", "Republican Party") in members(nlp, "Jeb Bush is running for the Republican presidential nomination.")
    assert ("Bernie Sanders", "Democratic Party") in members(
        nlp, "Bernie Sanders, who sought the Democratic nomination in 2016, spoke in Iowa.")
    assert ("Mitt Romney", "Republican Party") in members(nlp, "Mitt Romney's bid for the Republican nomination failed.")


def test_endorsing_a_nominee_is_not_seeking_the_nomination(nlp):
    got = members(nlp, "Governor Tom Weller endorsed the Republican nomination process on Monday.")
    assert not got


def test_parties_of_other_countries_are_known(nlp):
    got = members(nlp, "Fine Gael leader Leo Varadkar spoke in Dublin. NDP leader Jagmeet Singh replied in Ottawa.")
    assert ("Leo Varadkar", "Fine Gael") in got
    assert ("Jagmeet Singh", "New Democratic Party") in got


from kg.extract.membership_patterns import membership_patterns  # noqa: E402


@pytest.mark.parametrize("entry", membership_patterns()["patterns"], ids=lambda e: e["name"])
def test_each_membership_pattern_fires_on_its_example(nlp, entry):
    got = members(nlp, entry["example"])
    for person, party in entry["expect"]:
        assert (person, party) in got, (entry["name"], sorted(got))
    wrong = {k for k in got if k[0] in {p for p, _ in entry["expect"]} and list(k) not in entry["expect"]}
    assert not wrong


def test_party_code_closing_a_sentence_and_party_committees(nlp):
    got = members(nlp, "The remark was aimed at Speaker Nancy Pelosi, D-Calif.\n\nDNC Chairwoman Ann Marlow "
                       "disagreed, as did Republican National Committee Chairman Rob Keane.")
    assert ("Nancy Pelosi", "Democratic Party") in got
    assert got[("Ann Marlow", "Democratic Party")].role == "chair"
    assert ("Rob Keane", "Republican Party") in got


def test_a_listed_name_with_its_own_party_keeps_it(nlp):
    got = members(nlp, "Republicans such as Sen. John Carter and Sen. Mike Lewis (D-Ohio) spoke.")
    assert ("John Carter", "Republican Party") in got
    assert ("Mike Lewis", "Democratic Party") in got
    assert ("Mike Lewis", "Republican Party") not in got


def test_a_party_noun_standing_for_someone_named_before(nlp):
    got = members(nlp, "Rep. John Carter of Ohio and Sen. Mike Lewis (R-Texas) spoke on Monday in Washington. "
                       "Reporters then asked the Ohio Democrat about the bill.")
    assert ("John Carter", "Democratic Party") in got
    assert ("Mike Lewis", "Democratic Party") not in got
    got = members(nlp, "Sen. Mike Lewis of Texas spoke. Then the Ohio Democrat said no.")
    assert ("Mike Lewis", "Democratic Party") not in got  # another state's senator
    got = members(nlp, "Mike Lewis spoke. The Democrats cheered and the Republican plan failed.")
    assert not got


def test_a_party_word_takes_the_party_of_the_story_country(nlp):
    got = members(nlp, "In Paris, French lawmakers met. Socialist Jean Martin voted against the plan.")
    assert ("Jean Martin", "Socialist Party (France)") in got
    got = members(nlp, "In Madrid, Spanish lawmakers met. The vote split them and Socialist leader Pedro Ruiz objected.")
    assert ("Pedro Ruiz", "Spanish Socialist Workers' Party") in got
    got = members(nlp, "In Ohio, lawmakers met. The Socialist Jean Martin objected.")
    assert not any(p.startswith("Socialist") or "Socialist" in p for _, p in got)


# --- general constructions measured on unannotated news (issue 8, breadth round) -------------

def test_apposition_after_home_state(nlp):
    got = members(nlp, "House Speaker Carl Danner of Ohio, a Republican, spoke first. "
                       "Sen. Ann Pike of New Mexico, the 2008 Democratic vice presidential nominee, replied.")
    assert ("Carl Danner", "Republican Party") in got
    assert ("Ann Pike", "Democratic Party") in got


def test_home_state_alone_gives_no_party(nlp):
    got = members(nlp, "Sen. Carl Danner of Ohio, a lawyer, met Republicans in Columbus.")
    assert not any(p == "Carl Danner" for p, _ in got)


@pytest.mark.parametrize("text, person, party", [
    ("Komeito leader Ken Ota backed the budget.", "Ken Ota", "Komeito"),
    ("Shiv Sena leader Raj Mehta walked out.", "Raj Mehta", "Shiv Sena"),
    ("MHP leader Ali Demir backed the plan.", "Ali Demir", "Nationalist Movement Party"),
    ("Yakov Levin, a member of the United Torah Judaism party, objected.", "Yakov Levin", "United Torah Judaism"),
    ("Congress Party leader Ravi Nair called for calm.", "Ravi Nair", "Indian National Congress"),
])
def test_party_lexicon_covers_major_parties(nlp, text, person, party):
    assert (person, party) in members(nlp, text)


def test_party_word_inside_another_organisations_name_is_no_party(nlp):
    got = members(nlp, "American Conservative Union Chairman Matt Schlapp spoke, as did Republican Sen. Tom Harlan.")
    assert ("Tom Harlan", "Republican Party") in got
    assert not any(p == "Matt Schlapp" for p, _ in got)


def test_joining_the_other_party_in_a_vote_is_no_membership(nlp):
    got = members(nlp, "Sen. Susan Colby joined Democrats in voting against the bill. "
                       "Mr. Dorn joined the Republican attack on the plan.")
    assert not any(p in ("Susan Colby", "Dorn") for p, _ in got)


def test_german_party_words_are_not_american(nlp):
    got = members(nlp, "Hans Keller, a Social Democrat, spoke first, and Christian Democrat Anna Berg agreed.")
    assert ("Hans Keller", "Social Democratic Party") in got
    assert ("Anna Berg", "Christian Democratic Union") in got
    assert not any(party == "Democratic Party" for _, party in got)


def test_state_before_title_and_party_bodies(nlp):
    got = members(nlp, "At least one Republican, former New Jersey Gov. Carla Whitby, called on him to resign. "
                       "Virginia Gov. Tom Daley, chairman of the Republican Governors Association, agreed. "
                       "Rep. Dan Moss of California, the ranking Democrat on the committee, said no.")
    assert ("Carla Whitby", "Republican Party") in got
    assert ("Tom Daley", "Republican Party") in got
    assert ("Dan Moss", "Democratic Party") in got
