"""The project's own scorer on answers and gold written here."""
import json

from kg.evaluate import same_person, same_place, score


def write_gold(tmp_path, articles):
    path = tmp_path / "gold.jsonl"
    path.write_text("".join(json.dumps(a) + "\n" for a in articles), encoding="utf-8")
    return path


GOLD = [{
    "id": "a1", "url": "https://news.test/a1", "published": "2021-03-05",
    "meetings": [{"participants": ["Anna Berg", "Carl Dorn"], "date": "2021-03-04", "place": "Oslo",
                  "kind": "meeting", "optional": False},
                 {"participants": ["Anna Berg", "Eva Falk"], "date": None, "place": None, "optional": True}],
    "roles": [{"person": "Anna Berg", "title": ["Prime Minister", "PM"], "country": "Norway"},
              {"person": "Carl Dorn", "title": ["Chancellor"], "country": "Germany"}],
    "memberships": [{"person": "Carl Dorn", "party": ["Green Party", "Greens"]}],
    "elections": [{"country": "Norway", "date": "2021-09-13", "kind": "parliamentary"}],
}]


def rows(**queries):
    return {k: v for k, v in queries.items()}


def test_perfect_answers_score_one(tmp_path):
    gold = write_gold(tmp_path, GOLD)
    src = "https://news.test/a1"
    result = score(rows(
        meetings=[{"meeting": "m1", "participantName": "Anna Berg", "date": "2021-03-04", "place": "Oslo", "source": src},
                  {"meeting": "m1", "participantName": "Carl Dorn", "date": "2021-03-04", "place": "Oslo", "source": src}],
        roles=[{"personName": "Anna Berg", "title": "PM", "country": "Norway", "source": src},
               {"personName": "Carl Dorn", "title": "Chancellor", "country": "Germany", "source": src}],
        memberships=[{"personName": "Carl Dorn", "party": "Greens", "source": src}],
        elections=[{"country": "Norway", "kind": "parliamentary", "date": "2021-09-13", "source": src}],
    ), gold)
    for name, tally in result.tallies.items():
        assert tally.f1 == 1.0, name
    assert result.tallies["meetings"].right["date"] == 1
    assert result.tallies["elections"].right["kind"] == 1


def test_misses_extras_and_wrong_attributes_are_counted(tmp_path):
    gold = write_gold(tmp_path, GOLD)
    src = "a1"  # the id is an accepted source too
    result = score(rows(
        meetings=[{"meeting": "m1", "participantName": "Berg", "date": "2021-03-01", "source": src},
                  {"meeting": "m1", "participantName": "Carl Dorn", "date": "2021-03-01", "source": src},
                  {"meeting": "m2", "participantName": "Anna Berg", "source": src},
                  {"meeting": "m2", "participantName": "Eva Falk", "source": src}],
        roles=[{"personName": "Anna Berg", "title": "Mayor", "country": "Norway", "source": src}],
        elections=[{"country": "Norway", "kind": "local", "date": "2021", "source": src}],
    ), gold)
    meetings = result.tallies["meetings"]
    assert (meetings.tp, meetings.fp, meetings.fn) == (1, 0, 0)  # the optional pair is neither rewarded nor punished
    assert meetings.right["date"] == 0 and meetings.total["date"] == 1
    roles = result.tallies["roles"]
    assert (roles.tp, roles.fp, roles.fn) == (0, 1, 2)
    assert result.tallies["memberships"].fn == 1
    elections = result.tallies["elections"]
    assert elections.tp == 1 and elections.right["date"] == 0 and elections.right["kind"] == 0
    assert any("role extra" in line for line in result.explanations)


def test_name_and_place_matching():
    assert same_person("Putin", "Vladimir Putin")
    assert same_person("President Vladimir Putin", "vladimir putin")
    assert not same_person("Hillary Clinton", "Bill Clinton")
    assert same_place("U.S.", "United States")
    assert same_place("Washington D.C.", "Washington")
    assert not same_place("Moscow", "Sochi")
