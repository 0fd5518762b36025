"""Date expressions resolved against the publication date, at the text's precision."""
from datetime import date

import pytest

from kg.extract.dates import resolve_date, weekday_date

THU = date(2019, 9, 12)  # a Thursday


@pytest.mark.parametrize("text, tense, expected", [
    ("on Thursday", "past", "2019-09-12"),        # the publication day itself
    ("Tuesday", "past", "2019-09-10"),
    ("Friday", "past", "2019-09-06"),
    ("Friday", "future", "2019-09-13"),
    ("Thursday", "future", "2019-09-12"),
    ("Monday night", "past", "2019-09-09"),
    ("last Thursday", "past", "2019-09-05"),
    ("next Tuesday", "past", "2019-09-17"),
    ("yesterday", "past", "2019-09-11"),
    ("today", "past", "2019-09-12"),
    ("tomorrow", "future", "2019-09-13"),
    ("three days ago", "past", "2019-09-09"),
])
def test_relative_days(text, tense, expected):
    assert resolve_date(text, THU, tense) == expected


@pytest.mark.parametrize("text, expected", [
    ("September 17", "2019-09-17"), ("Sept. 17, 2019", "2019-09-17"), ("17 September", "2019-09-17"),
    ("17th of September 2018", "2018-09-17"), ("June 24, 2019", "2019-06-24"), ("April 9", "2019-04-09"),
    ("2019-04-09", "2019-04-09"), ("Nov. 3rd", "2019-11-03"),
])
def test_explicit_days(text, expected):
    assert resolve_date(text, THU) == expected


def test_explicit_day_far_in_the_future_of_a_past_report_is_last_year():
    assert resolve_date("December 20", date(2019, 1, 10), "past") == "2018-12-20"
    assert resolve_date("January 5", date(2019, 12, 20), "future") == "2020-01-05"


@pytest.mark.parametrize("text, tense, expected", [
    ("in August", "past", "2019-08"), ("in October", "past", "2018-10"), ("October", "future", "2019-10"),
    ("September", "past", "2019-09"), ("last June", "past", "2019-06"), ("May 2017", "past", "2017-05"),
    ("last month", "past", "2019-08"), ("earlier this month", "past", "2019-09"),
    ("last week", "past", "2019-09"), ("earlier this week", "past", "2019-09"),
    ("next month", "future", "2019-10"),
])
def test_months(text, tense, expected):
    assert resolve_date(text, THU, tense) == expected


def test_last_week_across_a_month_boundary():
    assert resolve_date("earlier last week", date(2013, 2, 3)) == "2013-01"


@pytest.mark.parametrize("text, expected", [
    ("2016", "2016"), ("in 2008", "2008"), ("last year", "2018"), ("next year", "2020"),
    ("this year", "2019"), ("this past summer", "2019"), ("one year ago", "2018"),
])
def test_years(text, expected):
    assert resolve_date(text, THU) == expected


def test_without_publication_date_only_what_the_text_states():
    assert resolve_date("Thursday", None) is None
    assert resolve_date("last month", None) is None
    assert resolve_date("September 17", None) is None
    assert resolve_date("September 17, 2019", None) == "2019-09-17"
    assert resolve_date("2005", None) == "2005"
    assert resolve_date("13 March", None, context_year=2003) == "2003-03-13"


@pytest.mark.parametrize("text", ["", "recently", "the president may", "soon", "for decades"])
def test_no_date(text):
    assert resolve_date(text, THU) is None


def test_weekday_date_directions():
    assert weekday_date(3, THU, "past") == THU and weekday_date(3, THU, "future") == THU
    assert weekday_date(4, THU, "past") == date(2019, 9, 6)
    assert weekday_date(2, THU, "future") == date(2019, 9, 18)


def test_nearest_for_events_whose_tense_is_open():
    june = date(2012, 6, 20)
    assert resolve_date("November", june, "nearest") == "2012-11"
    assert resolve_date("March", date(2013, 1, 10), "nearest") == "2013-03"
    assert resolve_date("November", date(2013, 1, 10), "nearest") == "2012-11"
    assert resolve_date("September 17", THU, "nearest") == "2019-09-17"
    assert resolve_date("April 9", THU, "nearest") == "2019-04-09"


def test_anticipated_month_is_the_coming_one_unless_just_past():
    from kg.extract.dates import resolve_date
    assert resolve_date("the November election", date(2016, 2, 10), "anticipated") == "2016-11"
    assert resolve_date("the November election", date(2016, 12, 1), "anticipated") == "2016-11"
    assert resolve_date("the November election", date(2017, 1, 5), "anticipated") == "2016-11"
    assert resolve_date("the March vote", date(2016, 2, 10), "anticipated") == "2016-03"
