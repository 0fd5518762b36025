"""Meetings: participants from the dependency tree, status, date and place of the clause."""
from datetime import date

import pytest

from kg.article import Article
from kg.extract.meetings import extract_meetings
from kg.extract.people import resolve_people
from kg.facts import MEETING_KINDS
from kg.nlp.pipeline import load_nlp

PUB = date(2019, 9, 12)  # a Thursday


@pytest.fixture(scope="session")
def nlp():
    return load_nlp()


def meetings(nlp, text, published=PUB):
    article = Article(id="t", text=text, published=published)
    doc = nlp(text)
    return extract_meetings(doc, article, resolve_people(doc, article))


def only(found):
    assert len(found) == 1, found
    return found[0]


def test_met_with_date_place_and_evidence(nlp):
    text = "Israeli Prime Minister Benjamin Netanyahu met with Russian President Vladimir Putin in Sochi on Thursday."
    m = only(meetings(nlp, text))
    assert set(m.participants) == {"Benjamin Netanyahu", "Vladimir Putin"}
    assert (m.status, m.date, m.place, m.place_country) == ("happened", "2019-09-12", "Sochi", "Russia")
    ev = m.evidence[0]
    assert text[ev.start:ev.end] == ev.sentence and ev.rule.startswith("meeting:")
    assert m.kind in MEETING_KINDS


def test_coordinated_subject_and_landmark_place(nlp):
    m = only(meetings(nlp, "Angela Merkel and Emmanuel Macron met at the White House on Monday."))
    assert set(m.participants) == {"Angela Merkel", "Emmanuel Macron"}
    assert (m.place, m.date) == ("Washington", "2019-09-09")


def test_group_meeting_is_one_meeting(nlp):
    m = only(meetings(nlp, "Mike Pompeo met with Mohammed bin Salman and Adel al-Jubeir in Riyadh on Monday."))
    assert set(m.participants) == {"Mike Pompeo", "Mohammed bin Salman", "Adel al-Jubeir"}
    assert m.place == "Riyadh"


def test_phone_call_and_pronoun_subject(nlp):
    text = ("Donald Trump returned to Washington on Sunday. "
            "He spoke by phone with Turkish President Recep Tayyip Erdogan on Wednesday.")
    m = only(meetings(nlp, text))
    assert set(m.participants) == {"Donald Trump", "Recep Tayyip Erdogan"}
    assert (m.kind, m.date) == ("call", "2019-09-11")


def test_passive_host_and_visitor(nlp):
    m = only(meetings(nlp, "Boris Johnson was received by Emmanuel Macron at the Elysee Palace in August."))
    assert m.hosts == ("Emmanuel Macron",) and m.visitors == ("Boris Johnson",)
    assert (m.place, m.date) == ("Paris", "2019-08")


def test_noun_trigger_takes_the_clause_subject(nlp):
    m = only(meetings(nlp, "Boris Johnson held talks with Leo Varadkar in Dublin last month."))
    assert set(m.participants) == {"Boris Johnson", "Leo Varadkar"}
    assert (m.date, m.place) == ("2019-08", "Dublin")


def test_two_leaders_refers_back(nlp):
    text = ("Donald Trump praised Vladimir Putin again. "
            "The two leaders met on Monday in Helsinki.")
    m = only(meetings(nlp, text))
    assert set(m.participants) == {"Donald Trump", "Vladimir Putin"}
    assert (m.date, m.place) == ("2019-09-09", "Helsinki")


@pytest.mark.parametrize("text", [
    "Angela Merkel refused to meet Donald Trump in Berlin.",
    "Angela Merkel never met Donald Trump.",
    "Angela Merkel did not meet Donald Trump on Monday.",
    "Angela Merkel cancelled her meeting with Donald Trump.",
])
def test_refused_and_negated_meetings_are_dropped(nlp, text):
    assert meetings(nlp, text) == []


@pytest.mark.parametrize("text", [
    "Angela Merkel will meet Donald Trump in Berlin on Friday.",
    "Angela Merkel plans to meet Donald Trump next month.",
    "Angela Merkel could meet Donald Trump in Osaka.",
])
def test_planned_meetings(nlp, text):
    m = only(meetings(nlp, text))
    assert m.status == "planned"
    assert set(m.participants) == {"Angela Merkel", "Donald Trump"}


def test_planned_weekday_points_forward(nlp):
    m = only(meetings(nlp, "Angela Merkel will meet Donald Trump in Berlin on Friday."))
    assert m.date == "2019-09-13"


def test_including_list_gives_one_meeting_each(nlp):
    found = meetings(nlp, "John Kerry has met with other world leaders, including Emmanuel Macron and Justin Trudeau.")
    pairs = {frozenset(m.participants) for m in found}
    assert pairs == {frozenset({"John Kerry", "Emmanuel Macron"}), frozenset({"John Kerry", "Justin Trudeau"})}


def test_no_meeting_without_two_named_people(nlp):
    assert meetings(nlp, "Donald Trump met reporters in the Oval Office on Monday.") == []
    assert meetings(nlp, "Donald Trump called the report a hoax.") == []


def test_talks_between_and_a_call_of_two_subjects(nlp):
    m = only(meetings(nlp, "Talks between Nancy Pelosi and Mitch McConnell broke down on Tuesday."))
    assert set(m.participants) == {"Nancy Pelosi", "Mitch McConnell"} and m.date == "2019-09-10"
    m = only(meetings(nlp, "Barack Obama and Benjamin Netanyahu spoke by phone for an hour last week."))
    assert m.kind == "call" and m.date == "2019-09"


def test_present_tense_report_is_the_day_of_publication(nlp):
    m = only(meetings(nlp, "Benjamin Netanyahu is at the White House, meeting with Barack Obama."))
    assert (m.date, m.place) == ("2019-09-12", "Washington")


def test_place_named_through_of(nlp):
    m = only(meetings(nlp, "Moon Jae-in and Kim Jong Un met on Friday at the border village of Panmunjom."))
    assert m.place == "Panmunjom" and m.date == "2019-09-06"


def test_the_two_leaders_leaves_out_the_host(nlp):
    text = ("Nancy Pelosi, the House speaker, and Chuck Schumer, the Senate minority leader, "
            "came to the White House on Monday. Donald Trump said he ended a meeting with the two "
            "Democratic leaders after three minutes.")
    pairs = {frozenset(m.participants) for m in meetings(nlp, text)}
    assert frozenset({"Donald Trump", "Nancy Pelosi", "Chuck Schumer"}) in pairs


def test_plural_group_resolves_to_a_nearby_list_of_names(nlp):
    text = ("Joe Biden greeted the released sailors at the airport. "
            "A bus took the four sailors -- Mark Hollis, Peter Lund and Sam Ortiz -- to a hospital.")
    m = only(meetings(nlp, text))
    assert set(m.participants) == {"Joe Biden", "Mark Hollis", "Peter Lund", "Sam Ortiz"}


def test_speaking_after_a_report_verb_belongs_to_the_speaker(nlp):
    text = ("Donald Trump said the preparations are going very well after speaking with "
            "Japanese Prime Minister Shinzo Abe on Saturday.")
    m = only(meetings(nlp, text))
    assert set(m.participants) == {"Donald Trump", "Shinzo Abe"} and m.date == "2019-09-07"


def test_meeting_ahead_of_which_something_was_said(nlp):
    m = only(meetings(nlp, "The chancellor spoke ahead of a meeting with Emmanuel Macron in Paris. "
                           "Angela Merkel made the remarks ahead of a meeting with Emmanuel Macron in Paris."))
    assert set(m.participants) == {"Angela Merkel", "Emmanuel Macron"} and m.place == "Paris"


def test_byline_is_not_a_subject(nlp):
    text = ("Anna Berg and Tom Reyes\n\nWASHINGTON – Hours before flying to Hanoi for another meeting "
            "with Kim Jong Un, Donald Trump praised the talks.")
    pairs = {frozenset(m.participants) for m in meetings(nlp, text)}
    assert not any("Anna Berg" in p or "Tom Reyes" in p for p in pairs)


def test_date_from_the_sentence_before_in_the_same_paragraph(nlp):
    text = ("On Sunday, John Bolton warned Iran again. "
            "Bolton was in Jerusalem for talks with Benjamin Netanyahu.")
    m = only(meetings(nlp, text))
    assert (m.date, m.place) == ("2019-09-08", "Jerusalem")


def test_undated_past_meeting_takes_the_story_day(nlp):
    text = ("WASHINGTON - The White House said on Tuesday that troops would stay in Syria.\n\n"
            "Aides had argued for weeks about the plan.\n\n"
            "The decision was announced after Donald Trump spoke by phone to Recep Tayyip Erdogan.")
    m = only(meetings(nlp, text))
    assert m.date == "2019-09-10" and m.kind == "call"


def test_old_news_does_not_take_the_story_day(nlp):
    text = ("WASHINGTON - The White House said on Tuesday that troops would stay in Syria.\n\n"
            "Aides argued about the plan.\n\n"
            "Donald Trump had previously met with Recep Tayyip Erdogan.")
    m = only(meetings(nlp, text))
    assert m.date is None


def test_place_from_a_meeting_of_the_same_person_that_day(nlp):
    text = ("Mike Pompeo met with Saudi leaders on Monday.\n\n"
            "Pompeo was welcomed by Adel al-Jubeir in Riyadh on Monday.\n\n"
            "Pompeo met with Mohammed bin Salman to discuss Iran.")
    found = {frozenset(m.participants): m for m in meetings(nlp, text)}
    m = found[frozenset({"Mike Pompeo", "Mohammed bin Salman"})]
    assert (m.date, m.place) == ("2019-09-09", "Riyadh")


def test_spoke_to_two_people_is_two_conversations(nlp):
    found = meetings(nlp, "John Kerry spoke to Fumio Kishida and Ahmet Davutoglu on Sunday.")
    assert {frozenset(m.participants) for m in found} == {
        frozenset({"John Kerry", "Fumio Kishida"}), frozenset({"John Kerry", "Ahmet Davutoglu"})}
    assert all(m.date == "2019-09-08" for m in found)


def test_summit_used_as_a_past_time_marker_happened(nlp):
    text = "Kim Jong Un revealed plans to close the site during his summit with Moon Jae-in last month."
    m = only(meetings(nlp, text))
    assert m.status == "happened" and m.date == "2019-08"


def test_a_possessor_is_not_a_participant(nlp):
    assert meetings(nlp, "Donald Trump met Vladimir Putin's envoy in Helsinki.") == []


def test_the_secretary_is_the_secretary_named_before(nlp):
    text = ("Secretary of State Hillary Clinton arrived on Thursday. "
            "The secretary was meeting with Afghan President Hamid Karzai and Pakistani President Asif Ali Zardari.")
    m = only(meetings(nlp, text))
    assert set(m.participants) == {"Hillary Clinton", "Hamid Karzai", "Asif Ali Zardari"}


def test_the_story_place_for_a_meeting_of_the_story_day(nlp):
    text = ("World leaders gathered on Monday on the sidelines of the U.N. General Assembly.\n\n"
            "Aides prepared statements.\n\n"
            "On Thursday, Hillary Clinton met with Hamid Karzai.")
    m = only(meetings(nlp, text))
    assert (m.date, m.place) == ("2019-09-12", "New York")


def test_link_blurbs_pasted_into_the_text_are_not_the_story(nlp):
    text = ("President Trump Donald John TrumpTrump meets Recep Tayyip Erdogan amid drama Democrats worry "
            "MORE on Monday slammed John Kerry.")
    assert meetings(nlp, text) == []


# --- generalization: senses of trigger words that are not encounters -------------------------

@pytest.mark.parametrize("text", [
    "Senator John Smith and Governor Mary Jones spoke at a rally. They described the threats they received after the vote.",
    "Democrats rejected the pushback that Eric Holder and Hillary Clinton are calling for.",
    "Senator John Smith and Governor Mary Jones visited the flooded town on Monday.",
    "Senator John Smith told the BBC's Breakfast with Frost programme that Governor Mary Jones had a real chance.",
])
def test_trigger_words_that_are_no_encounter(nlp, text):
    assert [m for m in meetings(nlp, text) if m.status == "happened"] == []


def test_called_a_person_on_the_phone_is_a_call(nlp):
    m = only(meetings(nlp, "Donald Trump called Shinzo Abe on Sunday."))
    assert (set(m.participants), m.kind, m.date) == ({"Donald Trump", "Shinzo Abe"}, "call", "2019-09-08")
    assert meetings(nlp, "Donald Trump called Shinzo Abe a great friend.") == []


def test_a_call_has_no_place(nlp):
    text = ("Defense Secretary Tom Reed spoke by phone with Russian Defense Minister Ivan Petrov on Friday "
            "to make sure each side understands the other's intentions in Syria.")
    m = only(meetings(nlp, text))
    assert (m.kind, m.date, m.place) == ("call", "2019-09-06", None)


def test_his_meeting_after_thanking_someone_for_coming_is_theirs(nlp):
    text = ("President Maria Lopez thanked Secretary of State Tom Reed for coming to the capital "
            "after his meeting with Chancellor Karl Weber.")
    m = only(meetings(nlp, text))
    assert set(m.participants) == {"Tom Reed", "Karl Weber"}


def test_a_possessive_date_of_another_event_does_not_date_the_meeting(nlp):
    text = ("Chancellor Karl Weber praised Sunday's vote in Portugal and held talks with "
            "President Maria Lopez in Lisbon.")
    m = only(meetings(nlp, text))
    assert m.date != "2019-09-08" and m.place == "Lisbon"


# --- recall: trigger forms, argument shapes, dates ------------------------------------------

@pytest.mark.parametrize("text,kind,date_,place", [
    ("Emmanuel Macron dined with Angela Merkel in Paris on Saturday.", "meeting", "2019-09-07", "Paris"),
    ("Emmanuel Macron visited Berlin and met Angela Merkel on Wednesday.", "meeting", "2019-09-11", "Berlin"),
    ("Angela Merkel welcomed Emmanuel Macron to Berlin on Monday.", "host", "2019-09-09", "Berlin"),
    ("Prime Minister Justin Trudeau was received by Pope Francis at the Vatican on Monday.", "host", "2019-09-09", None),
    ("Emmanuel Macron shook hands with Angela Merkel in Osaka on the sidelines of the G20 summit yesterday.",
     "meeting", "2019-09-11", "Osaka"),
    ("Emmanuel Macron, who met Angela Merkel earlier this month, said the talks went well.", "meeting", "2019-09", None),
    ("Emmanuel Macron and Angela Merkel held talks in Paris last week.", "negotiation", "2019-09", "Paris"),
    ("Emmanuel Macron met Angela Merkel in August.", "meeting", "2019-08", None),
])
def test_trigger_forms(nlp, text, kind, date_, place):
    m = only(meetings(nlp, text))
    assert set(m.participants) >= {"Emmanuel Macron", "Angela Merkel"} or "Trudeau" in text
    assert (m.kind, m.status, m.date) == (kind, "happened", date_)
    if place:
        assert m.place == place


def test_a_year_of_another_event_does_not_date_the_meeting(nlp):
    text = ("Donald Trump posted messages defending his meeting with Vladimir Putin "
            "amid an inquiry into the 2016 presidential election.")
    assert all(m.date != "2016" for m in meetings(nlp, text))


def test_unknown_speaker_does_not_pair_the_people_spoken_to(nlp):
    text = "It rained all day. He also spoke to King Salman and Prime Minister Benjamin Netanyahu."
    assert meetings(nlp, text) == []


def test_a_day_after_publication_never_dates_a_meeting_that_happened(nlp):
    # published Thursday 2019-09-12; the deadline is a week ahead
    text = ("European diplomats are racing against the September 19 deadline set by the White House. "
            "Josep Borrell met with Heiko Maas.")
    m = only(meetings(nlp, text))
    assert m.status == "happened"
    assert m.date is None or m.date <= PUB.isoformat()


def test_an_embedded_tweets_timestamp_does_not_date_the_meeting(nlp):
    text = ("Great talks today! — Foreign Office (@FCOpress) September 3, 2019 "
            "Boris Johnson met with Angela Merkel in Berlin.")
    m = only(meetings(nlp, text))
    assert set(m.participants) == {"Boris Johnson", "Angela Merkel"}
    assert m.date != "2019-09-03"


def test_a_report_of_an_earlier_meeting_is_not_dated_by_the_report(nlp):
    text = "The Herald reported Tuesday that Emmanuel Macron had met with Hassan Rouhani in recent months."
    m = only(meetings(nlp, text))
    assert m.date != "2019-09-10"


def test_the_day_of_a_readout_dates_the_call_it_reports(nlp):
    text = "Mike Pompeo spoke with Heiko Maas about Iran, a spokeswoman said in a statement on Tuesday."
    m = only(meetings(nlp, text))
    assert m.date == "2019-09-10"


# --- precision on unseen text: things that read like meetings and are not (yet) ---------------

def happened(found):
    return [m for m in found if m.status == "happened"]


def test_an_invitation_to_meet_is_not_a_meeting(nlp):
    text = ("Chinese officials brought an invitation for President Donald Trump to meet with "
            "President Xi Jinping in October, a diplomat said.")
    assert happened(meetings(nlp, text)) == []


def test_a_meeting_ahead_of_which_something_is_expected_is_still_to_come(nlp):
    text = ("President Moon Jae-in is expected to brief President Donald Trump on his trip "
            "ahead of Trump's own meeting with Kim Jong Un.")
    assert not any({"Donald Trump", "Kim Jong Un"} <= set(m.participants) for m in happened(meetings(nlp, text)))


def test_a_summit_on_a_day_after_publication_is_planned(nlp):
    text = ("President Donald Trump flew to London on Tuesday before a summit Monday with "
            "Russian President Vladimir Putin in Helsinki.")
    found = meetings(nlp, text)
    assert found and all(m.status == "planned" for m in found if "Vladimir Putin" in m.participants)


def test_a_day_said_on_the_verb_before_a_meeting_keeps_the_meeting(nlp):
    text = ("Belgian Foreign Minister Didier Reynders told reporters on Thursday before a meeting "
            "with Defense Secretary Mark Esper that the plan was sound.")
    m = only(happened(meetings(nlp, text)))
    assert set(m.participants) == {"Didier Reynders", "Mark Esper"} and m.date == "2019-09-12"


def test_names_in_a_pasted_link_blurb_are_not_participants(nlp):
    text = ("A panel including Senator Tom Harkin, Senator Ron Wyden and Chairman Bob Goodlatte "
            "Robert (Bob) William GoodlatteSenate clears the budget bill after a long night MORE met "
            "over the weekend to discuss the memo.")
    for m in meetings(nlp, text):
        assert all(p in ("Tom Harkin", "Ron Wyden", "Bob Goodlatte") for p in m.participants), m


def test_an_instruction_to_talk_to_someone_is_not_a_conversation(nlp):
    text = "Trump repeatedly said he had no interest in the country and to talk to Giuliani whenever it came up."
    assert happened(meetings(nlp, text)) == []


def test_one_side_meeting_unnamed_people_is_not_a_meeting_among_itself(nlp):
    text = ("Jared Kushner and his aides Theodore Wold and Ja'Ron Smith have held informal meetings "
            "with those who focus on visas.")
    assert happened(meetings(nlp, text)) == []


def test_a_perfect_meeting_does_not_take_the_date_of_another_clause(nlp):
    text = ("Representative Dan Carver came under fire last week after acknowledging he had met "
            "with Louis Farrakhan on many occasions.")
    m = only(happened(meetings(nlp, text)))
    assert set(m.participants) == {"Dan Carver", "Louis Farrakhan"} and m.date is None


def test_receiving_support_from_people_is_not_hosting_them(nlp):
    text = ("After the story spread, Ahmed Malik received support ranging from President Barack Obama "
            "to Facebook founder Mark Zuckerberg.")
    assert happened(meetings(nlp, text)) == []


def test_a_perfect_met_with_a_list_is_separate_encounters(nlp):
    text = ("Chancellor Angela Merkel has met with President Emmanuel Macron, Prime Minister Boris Johnson "
            "and Prime Minister Giuseppe Conte since taking office.")
    pairs = {frozenset(m.participants) for m in meetings(nlp, text)}
    assert pairs == {frozenset({"Angela Merkel", "Emmanuel Macron"}), frozenset({"Angela Merkel", "Boris Johnson"}),
                     frozenset({"Angela Merkel", "Giuseppe Conte"})}


def test_one_event_with_two_guests_stays_one_meeting(nlp):
    text = "Chancellor Angela Merkel met with President Emmanuel Macron and Prime Minister Giuseppe Conte in Rome on Monday."
    found = meetings(nlp, text)
    assert [frozenset(m.participants) for m in found] == [
        frozenset({"Angela Merkel", "Emmanuel Macron", "Giuseppe Conte"})]


def test_a_summit_told_in_the_present_is_still_to_come(nlp):
    text = "President Donald Trump faces a hard test in his summit with Chairman Kim Jong Un of North Korea."
    found = meetings(nlp, text)
    assert found and all(m.status == "planned" for m in found)


def test_a_meeting_defended_takes_no_day_from_the_story(nlp):
    text = ("President Donald Trump spent the day at the White House on Thursday. "
            "He posted messages defending his meeting with President Vladimir Putin of Russia.")
    found = meetings(nlp, text)
    assert len(found) == 1 and found[0].date is None


def test_a_day_after_another_event_is_not_the_story_day(nlp):
    text = ("President Donald Trump hosted Foreign Minister Sergei Lavrov in the Oval Office a day after "
            "dismissing the director of the agency.")
    found = meetings(nlp, text)
    assert len(found) == 1 and found[0].date is None


def test_calling_someone_a_name_is_no_call(nlp):
    text = "Chairman Kim Jong Un responded on Friday by calling President Donald Trump a \"frightened dog\"."
    assert meetings(nlp, text) == []


def test_an_indefinite_title_is_no_particular_person(nlp):
    text = ("Chairman Kim Jong Un met President Moon Jae-in of South Korea on Friday. "
            "He has won the prize of a summit with an American president.")
    pairs = {frozenset(m.participants) for m in meetings(nlp, text)}
    assert pairs == {frozenset({"Kim Jong Un", "Moon Jae-in"})}


def test_a_group_noun_takes_the_names_listed_after_it(nlp):
    text = ("President Vladimir Putin spoke in Hamburg on Friday. President Donald Trump met Chancellor Angela Merkel "
            "and had dinner with two Asian allies — Prime Minister Shinzo Abe and President Moon Jae-in.")
    pairs = {frozenset(m.participants) for m in meetings(nlp, text) if m.kind != "meeting" or len(m.participants) > 2}
    assert frozenset({"Donald Trump", "Shinzo Abe", "Moon Jae-in"}) in pairs
    assert not any("Vladimir Putin" in p for p in pairs)


def test_weeks_away_from_a_meeting_is_still_to_come(nlp):
    text = "Only three weeks away from a meeting with Chairman Kim Jong Un, President Donald Trump said on Tuesday the odds were uncertain."
    found = meetings(nlp, text)
    assert found and all(m.status == "planned" for m in found)


def test_conversations_with_two_people_are_not_between_them(nlp):
    text = ("Reporters obtained details of past conversations with President Enrique Pena Nieto of Mexico "
            "and Prime Minister Malcolm Turnbull of Australia.")
    assert meetings(nlp, text) == []


# --- purpose clauses, "when" clauses of events to come, clauses that own their day ----------

def test_trip_purpose_in_present_is_planned(nlp):
    m = only(meetings(nlp, "Foreign Minister Heiko Maas flies to Madrid on Friday to meet Spanish Prime Minister Pedro Sanchez."))
    assert set(m.participants) == {"Heiko Maas", "Pedro Sanchez"}
    assert (m.status, m.date) == ("planned", "2019-09-13")


def test_trip_purpose_told_in_past_is_left_to_other_rules(nlp):
    m = only(meetings(nlp, "Foreign Minister Heiko Maas traveled to Madrid on Tuesday to meet Spanish Prime Minister Pedro Sanchez."))
    assert (m.status, m.date) == ("happened", "2019-09-10")


def test_present_meets_in_when_clause_is_an_event_to_come(nlp):
    m = only(meetings(nlp, "The ruling comes Monday when President Joe Biden meets Japanese Prime Minister Fumio Kishida at the White House."))
    assert set(m.participants) == {"Joe Biden", "Fumio Kishida"}
    assert (m.status, m.date) == ("planned", "2019-09-16")


def test_present_meets_in_past_story_stays_out(nlp):
    # running text in the present simple is habitual: no meeting
    assert meetings(nlp, "President Joe Biden meets Japanese Prime Minister Fumio Kishida often.") == []


def test_day_of_another_clause_is_not_the_meetings(nlp):
    text = ("Lunching with Japanese Prime Minister Fumio Kishida, President Joe Biden said he would "
            "see Chinese President Xi Jinping June 20 in Bali.")
    found = [m for m in meetings(nlp, text) if set(m.participants) == {"Joe Biden", "Fumio Kishida"}]
    assert found and all(m.date != "2019-06-20" and m.place != "Bali" for m in found)


def test_summit_talked_about_is_not_joined_by_the_listener(nlp):
    text = ("President Joe Biden spoke with Japanese Prime Minister Fumio Kishida in Tokyo on Tuesday "
            "about his June 20 summit in Bali.")
    found = meetings(nlp, text)
    assert [(m.date, m.place) for m in found] == [("2019-09-10", "Tokyo")]


def test_members_of_negotiations_are_not_a_meeting(nlp):
    text = ("Chancellor Olaf Scholz and President Joe Biden were praised on Monday. "
            "The two leaders took part as members of the ongoing negotiations.")
    assert meetings(nlp, text) == []


def test_story_place_is_not_a_place_still_to_come(nlp):
    text = ("President Joe Biden said on Thursday he would see Chinese President Xi Jinping in Bali next month. "
            "Biden also spoke with Japanese Prime Minister Fumio Kishida.")
    found = [m for m in meetings(nlp, text) if set(m.participants) == {"Joe Biden", "Fumio Kishida"}]
    assert found and all(m.place != "Bali" for m in found)


# --- constructions kept as patterns (kg/data/meeting_patterns.jsonl), and the checks after them ----

from itertools import combinations  # noqa: E402

from kg.extract.meeting_patterns import patterns  # noqa: E402


def pairs_of(found):
    return {frozenset(p) for m in found if m.status == "happened" for p in combinations(m.participants, 2)}


@pytest.mark.parametrize("pattern", patterns(), ids=lambda p: p.name)
def test_each_pattern_finds_the_pairs_of_its_example(nlp, pattern):
    found = meetings(nlp, pattern.example)
    assert any(e.rule == f"meeting:pattern-{pattern.name}" for m in found for e in m.evidence), found
    assert pairs_of(found) == {frozenset(p) for p in pattern.pairs}


def test_pattern_meeting_takes_date_place_and_roles(nlp):
    m = only(meetings(nlp, "Emmanuel Macron played host to Donald Trump in Paris on Saturday."))
    assert (m.date, m.place, m.kind) == ("2019-09-07", "Paris", "host")
    assert m.hosts == ("Emmanuel Macron",) and m.visitors == ("Donald Trump",)


def test_pattern_meeting_planned_and_refused(nlp):
    m = only(meetings(nlp, "Mike Pence will join Donald Trump and Shinzo Abe for dinner on Friday."))
    assert m.status == "planned"
    assert meetings(nlp, "Mike Pence did not join Donald Trump and Shinzo Abe for dinner on Friday.") == []


def test_joined_in_a_cause_is_no_meeting(nlp):
    assert meetings(nlp, "Bernie Sanders joined Elizabeth Warren in calling for a wealth tax on Monday.") == []


def test_a_place_is_never_a_participant(nlp):
    assert [m for m in meetings(nlp, "Boris Johnson said he would visit Kyiv next month.")] == []
    assert meetings(nlp, "Angela Merkel visited Auschwitz on Friday.") == []
    m = only(meetings(nlp, "Angela Merkel visited Emmanuel Macron in Paris on Friday."))
    assert set(m.participants) == {"Angela Merkel", "Emmanuel Macron"}


def test_apposed_list_is_one_side(nlp):
    text = "Two senators, Susan Collins and Lisa Murkowski, met with the nominee on Tuesday."
    assert pairs_of(meetings(nlp, text)) == set()
    m = only(meetings(nlp, "Susan Collins and Lisa Murkowski met with each other on Tuesday."))
    assert set(m.participants) == {"Susan Collins", "Lisa Murkowski"}


def test_three_or_four_people_every_pair(nlp):
    text = "Angela Merkel, Emmanuel Macron and Boris Johnson met with Donald Trump in Biarritz on Sunday."
    assert len(pairs_of(meetings(nlp, text))) == 6


def test_more_than_four_people_pairs_with_the_principal(nlp):
    text = ("Donald Trump met with Brett Kavanaugh, Amy Barrett, Amul Thapar and Raymond Kethledge on Monday. "
            "Donald Trump is expected to announce his choice soon.")
    assert pairs_of(meetings(nlp, text)) == {frozenset({"Donald Trump", n}) for n in
                                             ("Brett Kavanaugh", "Amy Barrett", "Amul Thapar", "Raymond Kethledge")}


def test_background_meeting_keeps_its_year(nlp):
    m = only(meetings(nlp, "Margaret Thatcher visited Ronald Reagan in Washington in 1981."))
    assert (m.date, m.place, m.status) == ("1981", "Washington", "happened")


def test_name_called_in_quotes_is_no_call(nlp):
    text = 'Donald Trump called Adam Schiff, D-Calif., "a corrupt politician," on Thursday.'
    assert meetings(nlp, text) == []


def test_host_of_talks_between_two_sits_at_the_table(nlp):
    text = "Emmanuel Macron hosted a meeting between Vladimir Putin and Volodymyr Zelensky in Paris on Monday."
    m = only(meetings(nlp, text))
    assert set(m.participants) == {"Emmanuel Macron", "Vladimir Putin", "Volodymyr Zelensky"}
    text = "Emmanuel Macron praised the talks between Vladimir Putin and Volodymyr Zelensky on Monday."
    assert set(only(meetings(nlp, text)).participants) == {"Vladimir Putin", "Volodymyr Zelensky"}


def test_told_in_a_phone_call_is_a_call(nlp):
    m = only(meetings(nlp, "Donald Trump congratulated Boris Johnson in a phone call on Friday."))
    assert (m.kind, m.date, set(m.participants)) == ("call", "2019-09-06", {"Donald Trump", "Boris Johnson"})
    assert meetings(nlp, "Donald Trump told reporters in a meeting on Friday that trade mattered.") == []


def test_groups_appearing_together_are_no_meeting(nlp):
    assert meetings(nlp, "Republicans and Democrats appeared together at the rally on Monday.") == []


def test_object_pronoun_in_a_report_is_the_speaker(nlp):
    m = only(meetings(nlp, "Jerome Corsi said Ted Malloch had called him during the interview on Wednesday."))
    assert set(m.participants) == {"Jerome Corsi", "Ted Malloch"} and m.kind == "call"
    # the reported clause's own subject is not its object
    assert meetings(nlp, "Jerome Corsi said he had called him on Wednesday.") == []


def test_the_general_is_the_last_person_named_general(nlp):
    text = ("Gen. Martin Dempsey arrived in Iraq on Saturday. The general had talks with Ambassador "
            "Stuart Jones and Prime Minister Haider al-Abadi in Baghdad.")
    m = only(meetings(nlp, text))
    assert set(m.participants) == {"Martin Dempsey", "Stuart Jones", "Haider al-Abadi"}


def test_debate_between_named_candidates(nlp):
    m = only(meetings(nlp, "Beto O'Rourke speaks during a debate with Senator Ted Cruz in San Antonio on Tuesday."))
    assert set(m.participants) == {"Beto O'Rourke", "Ted Cruz"} and m.place == "San Antonio"
    assert meetings(nlp, "Beto O'Rourke won the debate over immigration on Tuesday.") == []


def test_shaking_hands_is_no_unnamed_side(nlp):
    m = only(meetings(nlp, "Bill Clinton and Fidel Castro shook hands at a luncheon in New York in 2000."))
    assert set(m.participants) == {"Bill Clinton", "Fidel Castro"} and m.date == "2000"


def test_first_person_owner_is_not_the_clause_subject(nlp):
    text = "Adam Schiff read a statement as the most important part of my call to Volodymyr Zelensky on Thursday."
    assert pairs_of(meetings(nlp, text)) == set()


def test_contacts_with_a_named_person(nlp):
    m = only(meetings(nlp, "Michael Flynn resigned over his contacts with Ambassador Sergei Kislyak."))
    assert set(m.participants) == {"Michael Flynn", "Sergei Kislyak"}


def test_someone_elses_meeting_reported_is_not_the_speakers(nlp):
    text = "Donald Trump said that Nancy Pelosi's meeting with Vladimir Putin went badly."
    assert frozenset({"Donald Trump", "Vladimir Putin"}) not in pairs_of(meetings(nlp, text))


def test_pattern_words_with_a_modal_tell_a_meeting_to_come(nlp):
    text = "Donald Trump is attending a summit in Belgium on a trip that will include meetings with Theresa May."
    assert pairs_of(meetings(nlp, text)) == set()
    text = "Rex Tillerson said a meeting with Vladimir Putin requires substantive topics."
    assert pairs_of(meetings(nlp, text)) == set()


def test_contacts_between_organisations_are_no_meeting(nlp):
    text = "Adam Schiff listed contacts between the Donald Trump campaign and Russia on Monday."
    assert pairs_of(meetings(nlp, text)) == set()
# --- places and dates from the text around the meeting (kg/extract/meeting_context.py) ---------

def happened(found):
    return [m for m in found if m.status == "happened"]


def test_where_clause_gives_the_place_travelled_to(nlp):
    text = ("Defense Secretary John Carver held talks in Ankara before traveling to Erbil, "
            "where he met with Kurdish Prime Minister Masoud Baran on Friday.")
    m = next(m for m in happened(meetings(nlp, text)) if "Masoud Baran" in m.participants)
    assert m.place == "Erbil"


def test_place_compounded_with_the_meeting_noun(nlp):
    text = "Senator Paul Brenner held a White House meeting with President Donald Trump on Tuesday."
    m = only(happened(meetings(nlp, text)))
    assert m.place == "Washington"


def test_dateline_places_a_meeting_of_the_story_day(nlp):
    text = ("ROME (Reuters) - Italian Prime Minister Marco Vellini met with German Chancellor Karl Brandt "
            "on Wednesday to discuss migration.")
    m = only(happened(meetings(nlp, text)))
    assert (m.date, m.place) == ("2019-09-11", "Rome")


def test_dateline_does_not_place_an_older_meeting(nlp):
    text = ("ROME (Reuters) - Italian Prime Minister Marco Vellini spoke about migration on Wednesday.\n\n"
            "Vellini met with German Chancellor Karl Brandt in 2015.")
    m = only(happened(meetings(nlp, text)))
    assert m.place is None


def test_trip_places_a_meeting_in_a_later_sentence(nlp):
    text = ("Secretary of State John Carver flew to Hanoi on Monday. He held talks with Vietnamese "
            "Prime Minister Nguyen Tan Dung about trade.")
    m = only(happened(meetings(nlp, text)))
    assert set(m.participants) == {"John Carver", "Nguyen Tan Dung"}
    assert m.place == "Hanoi"


def test_trip_joined_to_the_meeting_verb(nlp):
    text = "Secretary of State John Carver arrived in Seoul on Tuesday and met with President Moon Jae-in."
    m = only(happened(meetings(nlp, text)))
    assert m.place == "Seoul"


def test_trip_after_the_meeting_does_not_place_it(nlp):
    from kg.extract.meeting_context import Trips
    from kg.extract.meetings import _subject
    text = ("Secretary of State John Carver flew to Hanoi on Monday. He met with Prime Minister "
            "Nguyen Tan Dung. On Tuesday, Carver flew to Tokyo.")
    doc = nlp(text)
    trips = Trips(doc, resolve_people(doc, Article(id="t", text=text, published=PUB)), _subject, lambda v: None)
    assert [(t.people, t.place) for t in trips.trips] == [(("John Carver",), "Hanoi"), (("John Carver",), "Tokyo")]
    second = list(doc.sents)[1]
    assert trips.place_before(second.start, ["John Carver"], None)[0] == "Hanoi"
    assert trips.place_before(second.start, ["Nguyen Tan Dung"], None) is None


def test_trip_still_to_come_does_not_place_a_meeting(nlp):
    text = ("Secretary of State John Carver will fly to Tokyo next week. On Monday he met with "
            "Prime Minister Nguyen Tan Dung.")
    m = only(happened(meetings(nlp, text)))
    assert m.place != "Tokyo"


def test_date_to_come_is_not_the_story_day(nlp):
    from kg.extract.meeting_context import date_to_come
    doc = nlp("Mr. Petrov will be sworn in on Saturday. He spoke to reporters on Tuesday.")
    days = {e.text: date_to_come(e) for e in doc.ents if e.label_ == "DATE"}
    assert days == {"Saturday": True, "Tuesday": False}


def test_trip_verbs_lexicon():
    from kg.extract.meeting_context import trip_verbs
    verbs = trip_verbs()
    assert "to" in verbs["fly"] and "in" in verbs["arrive"] and "-" in verbs["visit"]
    assert all(preps and preps <= {"to", "in", "at", "into", "for", "-"} for preps in verbs.values())


# --- participants named outside the trigger's sentence (kg/extract/meeting_people.py) ----------

def test_title_word_refers_to_the_person_introduced_with_it(nlp):
    text = ("Gen. Martin Kessler arrived in Baghdad on Saturday. The general had talks with "
            "Prime Minister Haider Salim.")
    m = only(happened(meetings(nlp, text)))
    assert set(m.participants) == {"Martin Kessler", "Haider Salim"}


def test_title_word_without_such_a_person_is_no_one(nlp):
    text = ("Prime Minister Haider Salim spoke in Baghdad on Saturday. The general had talks with "
            "Defense Minister Khalid Obeidi.")
    assert happened(meetings(nlp, text)) == []


def test_leaders_of_named_countries_are_their_heads(nlp):
    text = ("Talks in Tehran on Friday between the leaders of Russia, Turkey and Iran ended without a deal. "
            "Russian President Vladimir Putin said a ceasefire would not hold. Iranian President Hassan "
            "Rouhani and Turkish President Recep Tayyip Erdogan disagreed.")
    m = only(happened(meetings(nlp, text)))
    assert set(m.participants) == {"Vladimir Putin", "Hassan Rouhani", "Recep Tayyip Erdogan"}
    assert m.place == "Tehran"


def test_leaders_of_the_three_countries_named_before(nlp):
    text = ("Russian President Vladimir Putin, Turkish President Recep Tayyip Erdogan and Iranian President "
            "Hassan Rouhani arrived in Tehran on Friday. The talks between the leaders of the three "
            "countries focused on Idlib.")
    m = only(happened(meetings(nlp, text)))
    assert set(m.participants) == {"Vladimir Putin", "Hassan Rouhani", "Recep Tayyip Erdogan"}


def test_object_pronoun_is_not_the_verbs_subject(nlp):
    text = "Jerome Corsi said on Wednesday that Ted Malloch had called him during the interview."
    m = only(happened(meetings(nlp, text)))
    assert set(m.participants) == {"Ted Malloch", "Jerome Corsi"}


def test_meeting_noun_takes_the_people_the_next_sentence_opens_with(nlp):
    text = ("Russian President Vladimir Putin arrived in Ankara on Monday. The talks lasted three hours. "
            "Putin and Turkish President Recep Tayyip Erdogan discussed the war in Syria.")
    m = only(happened(meetings(nlp, text)))
    assert set(m.participants) == {"Vladimir Putin", "Recep Tayyip Erdogan"}
    assert (m.date, m.place) == ("2019-09-09", "Ankara")


def test_next_sentence_in_another_paragraph_is_not_read(nlp):
    text = ("The talks lasted three hours.\n\nPutin and Turkish President Recep Tayyip Erdogan "
            "later gave speeches in separate cities.")
    assert happened(meetings(nlp, text)) == []


def test_title_words_lexicon():
    from kg.extract.meeting_people import title_words
    words = title_words()
    assert words["gen."] == "general" and words["sen."] == "senator"
    assert all(form == form.lower() for form in words)


def test_undated_trip_of_another_paragraph_does_not_place_a_meeting(nlp):
    from kg.extract.meeting_context import Trips
    from kg.extract.meetings import _subject
    text = ("Secretary of State John Carver returned to Washington after the NATO summit.\n\n"
            "On Tuesday Carver met with Israeli Prime Minister Benjamin Netanyahu.")
    doc = nlp(text)
    trips = Trips(doc, resolve_people(doc, Article(id="t", text=text, published=PUB)), _subject, lambda v: None)
    assert [t.place for t in trips.trips] == ["Washington"]
    second = list(doc.sents)[-1]
    assert trips.place_before(second.start, ["John Carver"], "2019-09-10") is None


def test_dated_trip_of_another_paragraph_places_the_same_days_meeting(nlp):
    text = ("Secretary of State John Carver flew to Hanoi on Monday.\n\n"
            "On Tuesday Carver met with Prime Minister Nguyen Tan Dung.")
    m = only(happened(meetings(nlp, text)))
    assert (m.date, m.place) == ("2019-09-10", "Hanoi")


def test_trip_gives_its_day_and_place_to_a_meeting_told_without_them(nlp):
    text = ("Secretary of State John Carver arrived in Tel Aviv on Tuesday and headed for Jerusalem.\n\n"
            "Carver said in Jerusalem that peace was possible. He met with Prime Minister Benjamin "
            "Netanyahu first, and with the Palestinian leader later.")
    m = only(happened(meetings(nlp, text)))
    assert set(m.participants) == {"John Carver", "Benjamin Netanyahu"}
    assert (m.date, m.place) == ("2019-09-10", "Jerusalem")


def test_city_compounded_with_the_venue(nlp):
    text = "Governor Terry Blake met with Senator Mary Landry at his New Orleans home on Monday."
    m = only(happened(meetings(nlp, text)))
    assert m.place == "New Orleans"


def test_the_leaders_are_the_two_heads_named_just_before(nlp):
    text = ("Russian President Vladimir Putin praised Turkish President Recep Tayyip Erdogan on Sunday. "
            "The leaders met in Sochi on Monday.")
    m = only(happened(meetings(nlp, text)))
    assert set(m.participants) == {"Vladimir Putin", "Recep Tayyip Erdogan"}


def test_the_leaders_among_three_heads_are_no_one(nlp):
    text = ("Russian President Vladimir Putin, Iranian President Hassan Rouhani and Turkish President "
            "Recep Tayyip Erdogan spoke on Sunday. The leaders met in Sochi on Monday.")
    assert happened(meetings(nlp, text)) == []


def test_leader_named_by_surname_only(nlp):
    text = "Modi and Xi held an informal summit in Wuhan in April."
    m = only(happened(meetings(nlp, text)))
    assert set(m.participants) == {"Narendra Modi", "Xi Jinping"}
    assert (m.date, m.place) == ("2019-04", "Wuhan")


def test_object_pronoun_under_a_meeting_noun(nlp):
    text = ("Russian President Vladimir Putin spoke on Wednesday. Israeli Prime Minister Benjamin "
            "Netanyahu held talks with him in Moscow on Thursday.")
    m = only(happened(meetings(nlp, text)))
    assert set(m.participants) == {"Vladimir Putin", "Benjamin Netanyahu"}


def test_perfect_meeting_does_not_take_the_trip_day(nlp):
    text = ("Secretary of State John Carver flew to Hanoi on Monday.\n\n"
            "Carver has met with Prime Minister Nguyen Tan Dung several times.")
    m = only(happened(meetings(nlp, text)))
    assert m.date is None


def test_the_three_leaders_are_the_three_heads_named_last(nlp):
    text = ("Russian President Vladimir Putin, Iranian President Hassan Rouhani and Turkish President "
            "Recep Tayyip Erdogan arrived in Sochi on Sunday. The three leaders held talks on Monday.")
    m = only(happened(meetings(nlp, text)))
    assert set(m.participants) == {"Vladimir Putin", "Hassan Rouhani", "Recep Tayyip Erdogan"}
    assert (m.date, m.place) == ("2019-09-09", "Sochi")


def test_meeting_that_set_off_events_happened(nlp):
    # "set" plans only as "set to meet"; "set off a scramble" tells what the meeting caused
    text = "The revelation of a meeting between Bill Clinton and Loretta Lynch set off a scramble at the FBI."
    assert only(meetings(nlp, text)).status == "happened"
    assert only(meetings(nlp, "Vladimir Putin and Donald Trump are set to meet in Helsinki.")).status == "planned"


def test_she_is_the_main_subject_with_a_female_given_name(nlp):
    text = ("The inquiry into Hillary Clinton's emails ended in July. Loretta Lynch later said "
            "she regretted that she sat down with Bill Clinton on the tarmac in Phoenix.")
    pairs = {frozenset(m.participants) for m in meetings(nlp, text)}
    assert frozenset({"Loretta Lynch", "Bill Clinton"}) in pairs
    assert frozenset({"Hillary Clinton", "Bill Clinton"}) not in pairs


def test_transliterated_given_names_are_one_person(nlp):
    text = ("Sergei Ryzhkov, the envoy, met Tom Barrack in Ankara on Monday. "
            "Sergey Ryzhkov later met Tom Barrack again.")
    names = {n for m in meetings(nlp, text) for n in m.participants}
    assert len([n for n in names if n.endswith("Ryzhkov")]) == 1


def test_person_tagged_as_organisation_is_resolved_by_surname(nlp):
    text = "Donald Trump flew home. Trump said afterwards that his meeting with Vladimir Putin had gone better than the NATO summit had."
    article = Article(id="t", text=text, published=PUB)
    doc = nlp(text)
    second = [e for e in doc.ents if e.text == "Trump"]
    assert second, doc.ents
    doc.ents = [e for e in doc.ents if e.text != "Trump"] + [doc.char_span(second[0].start_char, second[0].end_char,
                                                                             label="ORG")]
    found = extract_meetings(doc, article, resolve_people(doc, article))
    assert frozenset({"Donald Trump", "Vladimir Putin"}) in {frozenset(m.participants) for m in found}


def test_subheading_glued_to_the_subject_is_left_out(nlp):
    text = "Old Friends\n\nMr. Obama and Mr. Netanyahu first met back in 2007, at an airport outside Washington."
    pairs = {frozenset(m.participants) for m in meetings(nlp, text)}
    assert frozenset({"Barack Obama", "Benjamin Netanyahu"}) in pairs


def test_she_named_by_a_female_apposition(nlp):
    text = ("Kim Jong Un sent a letter. The letter was handed over by Kim Yo Jong, the sister of the leader, "
            "when she ate lunch with Moon Jae-in at the palace.")
    pairs = {frozenset(m.participants) for m in meetings(nlp, text)}
    assert frozenset({"Kim Yo Jong", "Moon Jae-in"}) in pairs
    assert frozenset({"Kim Jong Un", "Moon Jae-in"}) not in pairs


def test_the_two_leaves_out_a_name_owning_a_prepositional_object(nlp):
    text = ("Paul Ryan does not know Donald Trump well. They met in 2012 when Ryan ran on Mitt Romney's ticket. "
            "The two men also spoke on the phone in March.")
    pairs = {frozenset(m.participants) for m in meetings(nlp, text)}
    assert frozenset({"Paul Ryan", "Mitt Romney"}) not in pairs
    assert frozenset({"Paul Ryan", "Donald Trump"}) in pairs


def test_reporters_covering_a_meeting_are_not_its_side(nlp):
    text = ("Donald Trump was then asked by reporters covering his meeting with the German chancellor, "
            "Angela Merkel, whether he had attended the session.")
    pairs = {frozenset(m.participants) for m in meetings(nlp, text)}
    assert pairs == {frozenset({"Donald Trump", "Angela Merkel"})}
