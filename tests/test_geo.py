"""Country lookups: names, aliases and nationality adjectives → the scorer's canonical names."""
import pytest

from kg.extract.geo import countries, country_for, is_country


@pytest.mark.parametrize("text, country", [
    ("U.S.", "United States"), ("US", "United States"), ("the United States", "United States"),
    ("American", "United States"), ("Americans", "United States"), ("America's", "United States"),
    ("British", "United Kingdom"), ("Britain", "United Kingdom"), ("U.K.", "United Kingdom"),
    ("Russian", "Russia"), ("Russia", "Russia"), ("Israeli", "Israel"), ("Israelis", "Israel"),
    ("South Korean", "South Korea"), ("North Korean", "North Korea"), ("DPRK", "North Korea"),
    ("Saudi", "Saudi Arabia"), ("Chinese", "China"), ("China\u2019s", "China"), ("French", "France"),
    ("EU", "European Union"), ("Palestinian", "Palestinian Authority"), ("Soviet", "Soviet Union"),
])
def test_country_for_names_aliases_and_adjectives(text, country):
    assert country_for(text) == country


@pytest.mark.parametrize("text", ["us", "Moscow", "the Kremlin", "", "Trump", "Republican", "Georgia"])
def test_country_for_rejects_non_countries(text):
    assert country_for(text) is None


def test_is_country_accepts_names_not_adjectives():
    assert is_country("Russia") and is_country("U.S.") and is_country("Britain")
    assert not is_country("Russian") and not is_country("Israelis") and not is_country("Sochi")
    assert not is_country("russia")  # lower case in running text is not a proper name


def test_every_canonical_name_maps_to_itself():
    names = countries()
    assert {"United States", "United Kingdom", "Russia", "Israel"} <= names
    assert all(country_for(n) == n for n in names)


from kg.extract.geo import legislature_for, place_for, place_kind  # noqa: E402


@pytest.mark.parametrize("text, expected", [
    ("the White House", ("Washington", "United States")), ("Oval Office", ("Washington", "United States")),
    ("the Kremlin", ("Moscow", "Russia")), ("Downing Street", ("London", "United Kingdom")),
    ("Sochi", ("Sochi", "Russia")), ("Russia", ("Russia", "Russia")), ("U.S.", ("United States", "United States")),
    ("Texas", ("Texas", "United States")),
])
def test_place_for_landmarks_cities_and_countries(text, expected):
    assert place_for(text) == expected


def test_place_for_unknown_and_kinds():
    assert place_for("Gotham") is None and place_for("") is None
    assert place_kind("the Kremlin") == "landmark" and place_kind("Sochi") == "city"
    assert place_kind("Britain") == "country"


def test_legislatures_give_country_and_kind():
    assert legislature_for("Knesset") == ("Israel", "parliamentary")
    assert legislature_for("the Bundestag") == ("Germany", "parliamentary")
    assert legislature_for("Congress")[0] == "United States"
    assert legislature_for("Parliament of Nowhere") is None
