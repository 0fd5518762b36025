"""Named queries, raw SPARQL and result formats, against both backends, on the hand-written fixture."""
from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from kg.queries import QUERIES, QueryError, format_result, run_query, run_sparql
from kg.store import open_store

FIXTURE = Path(__file__).parent / "data" / "store_fixture.trig"
README_VARS = {  # ../shared/eval/README.md fixes these
    "meetings": ["meeting", "participantName", "date", "place", "source"],
    "roles": ["personName", "title", "country", "source"],
    "memberships": ["personName", "party", "source"],
    "elections": ["country", "kind", "date", "source"],
}


@pytest.fixture
def store(store_location):
    with open_store(store_location) as s:
        s.load([FIXTURE])
        yield s


def pairs(result, a="participantName"):
    """Meetings as {meeting: sorted participant names}."""
    out: dict[str, list[str]] = {}
    for row in result.values():
        out.setdefault(row["meeting"], []).append(row[a])
    return {m: tuple(sorted(n)) for m, n in out.items()}


@pytest.mark.parametrize("name", sorted(README_VARS))
def test_eval_queries_have_exactly_the_readme_variables(store, name):
    assert run_query(store, name).variables == README_VARS[name]


def test_meetings_only_happened_unless_planned_asked(store):
    happened = pairs(run_query(store, "meetings"))
    assert sorted(happened.values()) == [("Anna Berg", "Carl Dunn"), ("Anna Berg", "Otto Lind"),
                                         ("Mara Quill", "Otto Lind")]
    with_planned = pairs(run_query(store, "meetings", include_planned=True))
    assert len(with_planned) == 4


def test_meetings_rows_carry_date_place_and_source(store):
    rows = [r for r in run_query(store, "meetings").values() if r["participantName"] == "Carl Dunn"]
    assert rows == [{"meeting": rows[0]["meeting"], "participantName": "Carl Dunn", "date": "2020-03-04",
                     "place": "Freedonia", "source": "https://news.example/three"}]
    call = [r for r in run_query(store, "meetings").values() if r["participantName"] == "Mara Quill"]
    assert call[0]["date"] == "2021-06" and "place" not in call[0] and call[0]["source"] == "fx/two"


def test_meetings_date_range_compares_at_each_dates_precision(store):
    in_june = pairs(run_query(store, "meetings", since="2021-06-01", until="2021-06-30"))
    # the call known only to the month (2021-06) is in June; the 2020 meeting is not
    assert sorted(in_june.values()) == [("Anna Berg", "Otto Lind"), ("Mara Quill", "Otto Lind")]
    assert pairs(run_query(store, "meetings", until="2020")) == \
        {m: p for m, p in pairs(run_query(store, "meetings")).items() if "Carl Dunn" in p}


def test_roles_memberships_elections(store):
    roles = {(r["personName"], r["title"], r.get("country")) for r in run_query(store, "roles").values()}
    assert roles == {("Anna Berg", "President", "Freedonia"), ("Otto Lind", "Prime Minister", "Sylvania"),
                     ("Otto Lind", "Defence Minister", "Sylvania")}
    members = {(r["personName"], r["party"]) for r in run_query(store, "memberships").values()}
    assert members == {("Mara Quill", "Green Dawn Party"), ("Otto Lind", "Unity Party")}
    elections = {(r["country"], r["kind"], r["date"], r["source"]) for r in run_query(store, "elections").values()}
    assert elections == {("Freedonia", "presidential", "2021-05-02", "https://news.example/one"),
                         ("Sylvania", "parliamentary", "2022", "fx/two")}


@pytest.mark.parametrize("who", ["Anna Berg", "anna berg", "BERG", "President Berg"])
def test_who_met_matches_full_name_surname_or_alias_any_case(store, who):
    others = {r["otherName"] for r in run_query(store, "who-met", person=who).values()}
    assert others == {"Otto Lind", "Carl Dunn"}


def test_who_met_filters(store):
    rows = run_query(store, "who-met", person="Lind").values()
    assert {(r["otherName"], r["kind"]) for r in rows} == {("Anna Berg", "visit"), ("Mara Quill", "call")}
    assert {r["otherName"] for r in run_query(store, "who-met", person="Lind", include_planned=True).values()} \
        == {"Anna Berg", "Mara Quill"}
    assert len(run_query(store, "who-met", person="Lind", include_planned=True)) == 3
    assert [r["otherName"] for r in run_query(store, "who-met", person="Lind", place="port alba").values()] == ["Anna Berg"]
    assert [r["otherName"] for r in run_query(store, "who-met", person="Berg", since="2021").values()] == ["Otto Lind"]
    assert [r["otherName"] for r in run_query(store, "who-met", person="Berg", until="2020-12-31").values()] == ["Carl Dunn"]
    assert len(run_query(store, "who-met", person="Nobody Atall")) == 0


def test_who_met_hostile_name_returns_nothing_and_deletes_nothing(store):
    before = store.stats()
    for name in ['x"} ; DROP ALL #', "Berg' } DROP ALL { '", 'a\\" } } ; CLEAR ALL ; SELECT * { {',
                 "}}} UNION { ?person ?p ?o } #", "<http://x> ) } #"]:
        assert len(run_query(store, "who-met", person=name)) == 0
        assert len(run_query(store, "party-members", party=name)) == 0
    assert store.stats() == before


def test_timeline_in_date_order(store):
    rows = run_query(store, "timeline", person="Anna Berg").values()
    assert [r["event"] for r in rows] == ["meeting", "office", "election won", "meeting"]
    assert [r["date"] for r in rows] == sorted(r["date"] for r in rows)


def test_party_members_and_office_holders(store):
    assert [(r["personName"], r["role"]) for r in run_query(store, "party-members", party="green dawn").values()] \
        == [("Mara Quill", "leader")]
    assert [r["personName"] for r in run_query(store, "party-members", party="Unity Party").values()] == ["Otto Lind"]
    holders = run_query(store, "office-holders", title="defence minister").values()
    assert [(r["personName"], r["former"]) for r in holders] == [("Otto Lind", "former")]
    assert len(run_query(store, "office-holders", title="Prime Minister", country="Freedonia")) == 0
    assert len(run_query(store, "office-holders", title="Prime Minister", country="sylvania")) == 1


def test_bad_names_and_params_say_what_is_expected(store):
    with pytest.raises(QueryError, match="who-met"):
        run_query(store, "who-meet", person="x")
    with pytest.raises(QueryError, match="needs person"):
        run_query(store, "who-met")
    with pytest.raises(QueryError, match="ISO date"):
        run_query(store, "meetings", since="last Tuesday")
    with pytest.raises(QueryError, match="no parameter"):
        run_query(store, "roles", person="x")


def test_registry_describes_every_query():
    assert {"meetings", "roles", "memberships", "elections", "who-met", "timeline",
            "party-members", "office-holders"} <= set(QUERIES)
    for q in QUERIES.values():
        assert q.description and q.example.startswith("kg "), q.name


def test_formats(store):
    result = run_query(store, "memberships")
    data = json.loads(format_result(result, "json"))
    assert data["head"]["vars"] == README_VARS["memberships"]
    assert {"type": "literal", "value": "Mara Quill"} in [b["personName"] for b in data["results"]["bindings"]]
    rows = list(csv.reader(io.StringIO(format_result(result, "csv"))))
    assert rows[0] == README_VARS["memberships"] and len(rows) == 3
    tsv = format_result(result, "tsv").splitlines()
    assert tsv[0].split("\t") == README_VARS["memberships"]
    lines = [json.loads(x) for x in format_result(result, "jsonl").splitlines()]
    assert {x["personName"] for x in lines} == {"Mara Quill", "Otto Lind"}
    table = format_result(result, "table").splitlines()
    assert table[0].split() == README_VARS["memberships"]
    assert table[2].index("Green Dawn Party") == table[0].index("party")   # columns aligned
    meetings = json.loads(format_result(run_query(store, "meetings"), "json"))
    assert all(b["meeting"]["type"] == "uri" for b in meetings["results"]["bindings"])
    with pytest.raises(QueryError):
        format_result(result, "xlsx")


def test_run_sparql_predeclares_prefixes(store):
    result = run_sparql(store, "SELECT (COUNT(DISTINCT ?p) AS ?n) WHERE { GRAPH ?g { ?p a kg:Person } }")
    assert result.values() == [{"n": "4"}]
    own = run_sparql(store, "PREFIX kg: <https://w3id.org/kg-news/ontology#>\n"
                            "ASK { GRAPH ?g { ?p a kg:Meeting } }")
    assert own.boolean is True and format_result(own, "table") == "true\n"
    built = run_sparql(store, "CONSTRUCT { ?p rdfs:label ?n } WHERE { GRAPH ?g { ?p a kg:Party ; rdfs:label ?n } }")
    assert built.variables == ["subject", "predicate", "object"] and len(built) == 0
    with pytest.raises(QueryError, match="update"):
        run_sparql(store, "DROP ALL")
    assert store.stats()["graphs"] == 3
