"""Places of a clause: locative phrases, landmarks standing for their city, city before country."""
import pytest

from kg.extract.places import place_in
from kg.nlp.pipeline import load_nlp


@pytest.fixture(scope="session")
def nlp():
    return load_nlp()


def place(nlp, text, trigger="met"):
    doc = nlp(text)
    anchor = next(t for t in doc if t.text == trigger)
    return place_in(list(doc), anchor)


@pytest.mark.parametrize("text, expected", [
    ("The two leaders met in Sochi on Thursday.", ("Sochi", "Russia")),
    ("The two leaders met at the White House on Monday.", ("Washington", "United States")),
    ("The two leaders met at the Kremlin last week.", ("Moscow", "Russia")),
    ("The two leaders met in Biarritz, France, on Sunday.", ("Biarritz", "France")),
    ("The two leaders met in Russia in June.", ("Russia", "Russia")),
])
def test_place_of_the_clause(nlp, text, expected):
    assert place(nlp, text) == expected


def test_unknown_city_is_kept_as_written(nlp):
    assert place(nlp, "The two leaders met in Tallinn on Friday.")[0] == "Tallinn"


def test_origin_and_non_locative_mentions_are_not_places(nlp):
    assert place(nlp, "The senator from Massachusetts met the envoy.") is None
    assert place(nlp, "The leaders met to discuss Russia and China.") is None


def test_landmark_in_a_locative_whatever_its_label(nlp):
    doc = nlp("Leaders met on the sidelines of the U.N. General Assembly on Monday.")
    anchor = next(t for t in doc if t.text == "met")
    assert place_in(list(doc), anchor) == ("New York", "United States")
