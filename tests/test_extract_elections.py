"""Elections: kind, country and date from the phrase, the sentence or the article."""
from datetime import date

import pytest

from kg.article import Article
from kg.extract.elections import extract_elections
from kg.extract.people import resolve_people
from kg.nlp.pipeline import load_nlp


@pytest.fixture(scope="session")
def nlp():
    return load_nlp()


def elections(nlp, text, published=date(2019, 9, 12)):
    article = Article(id="t", text=text, published=published)
    doc = nlp(text)
    return {(e.country, e.kind, e.date) for e in extract_elections(doc, article, resolve_people(doc, article))}


def test_dated_parliamentary_election_and_legislature(nlp):
    text = ("The prime minister hopes to win the September 17 Israeli parliamentary election. "
            "His rival did not join a coalition after the April 9 Knesset election.")
    assert elections(nlp, text) == {("Israel", "parliamentary", "2019-09-17"),
                                    ("Israel", "parliamentary", "2019-04-09")}


def test_year_and_kind_words(nlp):
    found = elections(nlp, "Critics said the 2016 U.S. presidential election was unusual.", date(2018, 3, 1))
    assert found == {("United States", "presidential", "2016")}


def test_two_years_in_one_phrase_are_two_elections(nlp):
    found = elections(nlp, "She voted in the 2008 and 2012 general elections in Ohio, officials in the United States said.",
                      date(2013, 4, 1))
    assert found == {("United States", "general", "2008"), ("United States", "general", "2012")}


def test_country_from_the_article_when_the_sentence_lacks_it(nlp):
    text = ("Britain's government faces a difficult spring. Labour and the Conservatives in London disagree. "
            "Before the 2001 election, the plans for a debate fell apart.")
    assert elections(nlp, text, None) == {("United Kingdom", "general", "2001")}


def test_a_country_meddling_is_not_the_country_voting(nlp):
    text = ("American officials met in Washington. The U.S. agencies said that Russia meddled in the 2016 election, "
            "while Americans debated it.")
    assert elections(nlp, text, date(2018, 7, 20)) == {("United States", "presidential", "2016")}


def test_next_years_election_and_relative_month(nlp):
    found = elections(nlp, "Germany's chancellor is preparing for next year's Bundestag election.")
    assert found == {("Germany", "parliamentary", "2020")}
    found = elections(nlp, "Analysts in France expect the November referendum to pass.", date(2019, 6, 1))
    assert found == {("France", "referendum", "2019-11")}


def test_elected_clause_with_a_date(nlp):
    found = elections(nlp, "Iranian President Hassan Rouhani, who was elected last summer, spoke in New York.",
                      date(2013, 9, 30))
    assert found == {("Iran", "presidential", "2012")}


def test_no_election_without_a_date_or_a_real_election_word(nlp):
    assert elections(nlp, "Tony Blair spoke about the next election in London, Britain.", None) == set()
    assert elections(nlp, "Britain's MPs face a crucial Commons vote on the war.", None) == set()
    assert elections(nlp, "The senator's primary concern in America is the economy.") == set()


def test_undated_election_in_a_us_election_year(nlp):
    found = elections(nlp, "Critics in Washington say the president is putting the election campaign first.",
                      date(2012, 9, 24))
    assert found == {("United States", "presidential", "2012")}
    assert elections(nlp, "Critics in Washington say the president is putting the election campaign first.",
                     date(2013, 9, 24)) == set()


def test_votes_of_legislators_are_not_elections(nlp):
    text = ("On Monday, senators will vote on whether to open debate on the bill. "
            "Congress may block the agreement in a September vote.")
    assert elections(nlp, text, date(2015, 8, 31)) == set()


def test_the_election_after_a_dated_one_is_the_same_election(nlp):
    text = ("American officials said Russia interfered in the 2016 U.S. presidential election. "
            "Senators said Moscow tried to undermine the election.")
    assert elections(nlp, text, date(2018, 7, 17)) == {("United States", "presidential", "2016")}


def test_presidential_election_is_not_in_a_country_without_one(nlp):
    text = ("Leaders met in Quebec, Canada, on Friday. Canada hosted the talks in Canada's resort town. "
            "Officials say Moscow sought to interfere in the 2016 presidential election on behalf of the American candidate.")
    found = elections(nlp, text, date(2018, 6, 8))
    assert found and all(country != "Canada" for country, _, _ in found)


def test_a_primary_against_a_rival_is_an_election(nlp):
    text = "Her husband won his Texas primary in 2012 against a wealthy rival."
    assert elections(nlp, text, date(2015, 8, 21)) == {("United States", "primary", "2012")}


@pytest.mark.parametrize("text,published,expected", [
    ("Germans vote in the Bundestag election next month.", date(2019, 9, 12),
     {("Germany", "parliamentary", "2019-10")}),
    ("Spain holds a general election on April 28, its third in four years.", date(2019, 4, 1),
     {("Spain", "general", "2019-04-28")}),
    ("Israelis go to the polls on Tuesday for the second time this year.", date(2019, 9, 12),
     {("Israel", "parliamentary", "2019-09-17")}),
    ("Bernie Sanders won the New Hampshire primary.", date(2016, 3, 1), {("United States", "primary", "2016")}),
    ("Britain voted to leave the EU in the 2016 referendum.", date(2018, 3, 1),
     {("United Kingdom", "referendum", "2016")}),
    ("Emmanuel Macron won Sunday's French presidential runoff.", date(2017, 5, 8),
     {("France", "presidential", "2017-05-07")}),
])
def test_dates_said_on_the_verb_and_named_primaries(nlp, text, published, expected):
    assert elections(nlp, text, published) == expected


def test_polls_and_concerns_are_not_elections(nlp):
    assert elections(nlp, "Polls on Tuesday showed the prime minister ahead in Israel.") == set()
    assert elections(nlp, "Donald Trump said his primary concern in Texas is jobs.", date(2016, 3, 1)) == set()


def test_dates_of_other_acts_and_caucus_groups_are_not_elections(nlp):
    assert elections(nlp, "Donald Trump launched his reelection campaign with a rally in Orlando last week.",
                     date(2019, 6, 24)) == set()
    assert elections(nlp, "Trump met Wednesday at the White House with the Problem Solvers Caucus, "
                          "a group of House members.", date(2019, 1, 16)) == set()


def test_past_tense_points_back_and_a_bare_election_after_is_the_same(nlp):
    text = ("The legislative election in Hong Kong was held on Sunday under heavy rain and long queues. "
            "The election chooses 70 members of the council.")
    assert elections(nlp, text, date(2016, 9, 9)) == {("China", "parliamentary", "2016-09-04")}


def test_a_possessive_country_beats_the_country_the_article_is_about(nlp):
    text = ("American diplomats met Canadian officials in Washington. The United States and the United States "
            "again. A leftist leads the polls ahead of Brazil's upcoming 2022 presidential election.")
    found = elections(nlp, text)
    assert {(c, d) for c, _, d in found} == {("Brazil", "2022")}


def test_us_only_words_place_an_election_in_the_united_states(nlp):
    text = ("Vladimir Putin hosted Xi Jinping in Moscow. Russia and China signed deals; Russia praised China. "
            "Republicans worry about the November midterm elections.")
    found = elections(nlp, text, published=date(2018, 9, 20))
    assert found == {("United States", "midterm", "2018-11")}


def test_a_leader_named_with_the_election_gives_its_country(nlp):
    text = ("North Korea tested a missile. Pyongyang and Seoul traded threats; North Korea warned Japan. "
            "North Korea will wait to see whether Donald Trump wins the 2020 election.")
    found = elections(nlp, text, published=date(2019, 2, 28))
    assert {(c, d) for c, _, d in found} == {("United States", "2020")}


def test_a_body_named_after_elections_is_not_an_election(nlp):
    text = ("Charles Koch met donors in California. Reporters saw a copy of the report the group will "
            "file Wednesday with the Federal Election Commission that will reveal the names of its donors.")
    assert elections(nlp, text, published=date(2014, 10, 14)) == set()


def test_a_pasted_link_blurb_brings_no_election(nlp):
    text = ("The senator spoke with Rep. Mike Conaway Kenneth (Mike) Michael ConawayGOP motions to "
            "subpoena whistleblower Walden retirement adds to GOP election woes MORE (R-Texas) on Tuesday "
            "about the budget.")
    assert elections(nlp, text, published=date(2014, 10, 14)) == set()


def test_a_month_without_a_year_is_the_coming_election_in_a_campaign_story(nlp):
    text = "The senator is running hard ahead of the November presidential election in the United States."
    assert elections(nlp, text, date(2016, 2, 10)) == {("United States", "presidential", "2016-11")}


def test_a_month_just_past_is_the_election_just_held(nlp):
    text = "The governor won the November election in the United States by a wide margin."
    assert {d for _, _, d in elections(nlp, text, date(2017, 1, 12))} == {"2016-11"}


def test_a_country_trying_to_interfere_is_not_the_country_voting(nlp):
    text = ("Lawmakers in Washington asked whether Ukraine tried to interfere in the 2016 presidential election. "
            "Ukraine denied it.")
    found = elections(nlp, text, date(2019, 11, 4))
    assert ("Ukraine", "presidential", "2016") not in found
    assert found == {("United States", "presidential", "2016")}


def test_primaries_in_general_are_no_election(nlp):
    text = "Candidates who do well in primaries often raise more money, the strategist in Ohio said."
    assert elections(nlp, text, date(2019, 5, 2)) == set()


def test_the_subject_of_the_verb_above_hold_is_the_country_voting(nlp):
    text = ("Berlin watched closely on Friday. Greece is scheduled to hold parliamentary elections on Sunday, "
            "German officials said in Berlin.")
    found = elections(nlp, text, date(2015, 1, 23))
    assert {c for c, _, _ in found} == {"Greece"}


def test_a_state_runoff_in_the_united_states_is_not_presidential(nlp):
    text = "The January 5 Georgia runoff will decide control of the Senate."
    assert elections(nlp, text, date(2020, 12, 10)) == {("United States", "general", "2021-01-05")}


def test_an_opinion_poll_is_no_election(nlp):
    text = "A poll last year by a university in Ohio found that most voters in the United States trust the court."
    assert elections(nlp, text, date(2020, 6, 18)) == set()


def test_a_campaign_for_a_cause_is_no_election(nlp):
    text = "The senator's 2011 campaign to drive the dictator from power divided officials in Washington."
    assert elections(nlp, text, date(2015, 2, 25)) == set()


def test_a_month_after_following_in_a_past_clause_is_the_last_one(nlp):
    text = "After the senator claimed the gavel following the November midterm elections, he opened an inquiry."
    assert elections(nlp, text, date(2019, 3, 28)) == {("United States", "midterm", "2018-11")}


def test_a_dateline_glued_to_the_sentence_is_not_the_election_day(nlp):
    text = "Tuesday, May 10, 2022 The parliamentary election in Hungary was held on Sunday under grey skies."
    assert {d for _, _, d in elections(nlp, text, date(2022, 5, 10))} == {"2022-05-08"}


def test_a_vote_of_a_legislature_is_no_election(nlp):
    text = "The Senate confirmed the nominee to lead the department during a 2 a.m. vote Friday in Washington."
    assert elections(nlp, text, date(2017, 2, 10)) == set()


def test_a_presidential_election_in_a_story_set_abroad_is_the_office_holders_country(nlp):
    text = ("U.S. Ambassador Gordon Sondland met Ukrainian officials in Kyiv. Ukraine wants aid from Ukraine's partners, "
            "and Ukraine's army needs it. President Donald Trump asked Ukraine for help. Secretary of State Mike Pompeo "
            "agreed. Rudy Giuliani mentioned the 2016 presidential election to the envoy.")
    assert elections(nlp, text, date(2019, 10, 17)) == {("United States", "presidential", "2016")}


def test_a_us_vote_before_october_is_a_primary(nlp):
    found = elections(nlp, "Republican Senator Lisa Murkowski of Alaska faces voters in the August 16 election.",
                      published=date(2022, 6, 1))
    assert found == {("United States", "primary", "2022-08-16")}
    found = elections(nlp, "Republican Senator Lisa Murkowski of Alaska won the November 8 election.",
                      published=date(2022, 11, 12))
    assert found == {("United States", "midterm", "2022-11-08")}


@pytest.mark.parametrize("text,published,expected", [
    ("U.S. President Abe Lamm won the presidency in 2008.", date(2013, 1, 5),
     ("United States", "presidential", "2008")),
    ("U.S. President Abe Lamm was re-elected in 2012.", date(2013, 1, 5), ("United States", "presidential", "2012")),
    ("U.S. Sen. Ann Lee was elected to the Senate in 1972.", date(2013, 1, 5), ("United States", "general", "1972")),
    ("U.S. Rep. Tom Hale recalled his 2006 run for Congress.", date(2013, 1, 5), ("United States", "midterm", "2006")),
    ("U.S. Rep. Paul Dorn ran on Mitt Romney's presidential ticket in 2012.", date(2013, 1, 5),
     ("United States", "presidential", "2012")),
    ("President Trump wants a wall as he seeks re-election next year.", date(2019, 6, 1),
     ("United States", "presidential", "2020")),
    ("U.S. Sen. Ann Lee has not closed the door to running again in 2020.", date(2019, 6, 1),
     ("United States", "presidential", "2020")),
    ("Kentucky voted for President Donald Trump by 30 points in 2016.", date(2019, 6, 1),
     ("United States", "presidential", "2016")),
    ("U.S. Vice President Joe Biden, who is weighing a 2016 run, spoke in Iowa.", date(2015, 3, 1),
     ("United States", "presidential", "2016")),
    ("U.S. Rep. Paul Dorn said they met briefly in 2012 when Dorn ran on Mitt Romney's presidential ticket.",
     date(2016, 5, 12), ("United States", "presidential", "2012")),
])
def test_elections_told_through_a_person(nlp, text, published, expected):
    assert expected in elections(nlp, text, published)


def test_candidate_acts_without_an_election_give_nothing(nlp):
    assert elections(nlp, "The U.S. bank survived a 2008 run.", date(2015, 3, 1)) == set()
    text = ("U.S. Sen. Ann Lee ran the family firm in 2010. She won an award in 2012 and sought a seat "
            "on the board in 2014. Rep. Tom Hale sought the Senate seat last year.")
    assert elections(nlp, text, date(2019, 6, 1)) == set()


def test_next_president_and_referendum_vote(nlp):
    found = elections(nlp, "American voters will take part in the election of the next president.", date(2019, 6, 1))
    assert found == {("United States", "presidential", "2020")}
    found = elections(nlp, "Scottish leaders spoke after Thursday's vote to leave the bloc in Britain.", date(2016, 6, 25))
    assert ("United Kingdom", "referendum", "2016-06-23") in found


def test_subject_of_took_place_and_date_of_a_ballot(nlp):
    assert ("United States", "primary", "2020-06-23") in elections(
        nlp, "The Kentucky primary took place on June 23.", date(2020, 6, 30))
    assert ("United States", "general", "2020-11-03") in elections(
        nlp, "President Trump is on the Nov. 3 general election ballot as well.", date(2020, 2, 1))


def test_sentence_people_mostly_of_one_country_give_it(nlp):
    text = ("Benjamin Netanyahu was seen as backing President Barack Obama's opponent, Gov. Mitt Romney of "
            "Massachusetts, in last fall's election.")
    found = elections(nlp, text, date(2013, 3, 20))
    assert {c for c, _, _ in found} == {"United States"}


def test_an_undated_vote_the_story_reports_as_over(nlp):
    text = ("Voters in Turkey went to the polls in a referendum. The referendum changes the constitution. "
            "The prime minister declared victory in the referendum.")
    assert ("Turkey", "referendum", "2017") in elections(nlp, text, date(2017, 4, 17))
    text = ("Turkey discussed a referendum. Referendum meddling was feared. Officials said a referendum "
            "result would matter.")
    assert elections(nlp, text, date(2017, 4, 17)) == set()  # no "the": no one vote the story is about


def test_the_winner_gives_the_country_and_a_body_is_no_vote(nlp):
    text = ("Russian President Vladimir Putin said he was glad that Donald Trump had defeated Hillary Clinton "
            "in the 2016 election.")
    assert {c for c, _, _ in elections(nlp, text, date(2018, 7, 16))} == {"United States"}
    assert elections(nlp, "North Korea's Kim Yo Jong was elected to the politburo last year.", date(2018, 2, 9)) == set()
    assert ("United States", "presidential", "2016") in elections(
        nlp, "He won in the last American presidential election.", date(2018, 2, 9))
    assert ("Israel", "parliamentary", "2015-03-17") in elections(
        nlp, "Obama had hoped for another outcome in Israel's election Tuesday.", date(2015, 3, 18))
    assert ("United States", "presidential", "1996") in elections(
        nlp, "Ann Lee co-chaired Bill Clinton's 1996 campaign in Virginia.", date(2013, 4, 2))


def test_an_undated_story_keeps_the_election_without_its_year(nlp):
    text = "Ministers in Britain are preparing for a General Election expected on 5 May, officials said."
    assert ("United Kingdom", "general", None) in elections(nlp, text, None)
    assert elections(nlp, text, date(2005, 3, 1)) == {("United Kingdom", "general", "2005-05-05")}


def test_a_month_beside_the_full_day_of_the_same_vote_is_one_election(nlp):
    text = ("Louisiana voters return to the polls in December. Sen. Ann Lee trails ahead of their Dec. 6 "
            "runoff election in Louisiana.")
    found = {d for c, _, d in elections(nlp, text, date(2014, 11, 13)) if c == "United States"}
    assert "2014-12-06" in found and "2014-12" not in found


def test_a_tie_of_countries_goes_to_the_country_the_story_follows(nlp):
    text = ("U.S. President Barack Obama arrived in Jerusalem on Wednesday with U.S. Secretary of State John Kerry. "
            "Benjamin Netanyahu was thought to favour Obama's rival, Mitt Romney, in the election last fall.")
    found = elections(nlp, text, date(2013, 3, 20))
    assert ("United States", "presidential", "2012") in found
    assert not any(c == "Israel" for c, _, _ in found)
