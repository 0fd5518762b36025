"""Named queries, raw SPARQL and result formats, against both backends, on the hand-written fixture."""
from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

import kg.queries
from kg.queries import QUERIES, QueryError, format_result, match_people, run_query, run_sparql
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
def test_eval_queries_start_with_exactly_the_readme_variables(store, name):
    variables = run_query(store, name).variables
    assert variables[:len(README_VARS[name])] == README_VARS[name]
    assert variables == README_VARS[name] + (["kind", "status"] if name == "meetings" else [])


def test_planned_meetings_show_their_status_and_kind(store):
    rows = run_query(store, "meetings", include_planned=True).values()
    assert {(r["status"], r["kind"]) for r in rows} == {("happened", "visit"), ("happened", "call"),
                                                      ("happened", "meeting"), ("planned", "meeting")}
    planned = {r["participantName"] for r in rows if r["status"] == "planned"}
    assert planned and all(r["status"] == "happened" for r in run_query(store, "meetings").values())


def test_meetings_at_a_place(store):
    assert pairs(run_query(store, "meetings", place="port alba")) == \
        {m: p for m, p in pairs(run_query(store, "meetings")).items() if p == ("Anna Berg", "Otto Lind")}
    assert len(run_query(store, "meetings", place="Nowhere")) == 0
    hostile = run_query(store, "meetings", place='Port Alba") || true || ("')
    assert len(hostile) == 0


def test_dates_keep_their_datatype_in_json(store):
    xsd = "http://www.w3.org/2001/XMLSchema#"
    dates = {b["date"]["value"]: b["date"].get("datatype") for b in
             json.loads(format_result(run_query(store, "meetings", include_planned=True), "json"))["results"]["bindings"]
             if "date" in b}
    assert dates == {"2020-03-04": xsd + "date", "2021-06-10": xsd + "date", "2021-06": xsd + "gYearMonth",
                     "2021": xsd + "gYear"}
    elections = json.loads(format_result(run_query(store, "elections"), "json"))["results"]["bindings"]
    assert {b["date"]["datatype"] for b in elections} == {xsd + "date", xsd + "gYear"}
    lind = json.loads(format_result(run_query(store, "who-met", person="Lind"), "json"))["results"]["bindings"]
    assert {b["date"]["datatype"] for b in lind} == {xsd + "date", xsd + "gYearMonth"}
    assert "2021-06" in format_result(run_query(store, "meetings"), "csv").split(",")  # tables and CSV stay plain


def test_meetings_only_happened_unless_planned_asked(store):
    happened = pairs(run_query(store, "meetings"))
    assert sorted(happened.values()) == [("Anna Berg", "Carl Dunn"), ("Anna Berg", "Otto Lind"),
                                         ("Mara Quill", "Otto Lind")]
    with_planned = pairs(run_query(store, "meetings", include_planned=True))
    assert len(with_planned) == 4


def test_meetings_rows_carry_date_place_and_source(store):
    rows = [r for r in run_query(store, "meetings").values() if r["participantName"] == "Carl Dunn"]
    assert rows == [{"meeting": rows[0]["meeting"], "participantName": "Carl Dunn", "date": "2020-03-04",
                     "place": "Freedonia", "source": "https://news.example/three", "kind": "meeting", "status": "happened"}]
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


@pytest.mark.parametrize("who", ["Anna Berg", "anna berg", "BERG", "President Berg", "Mrs. Berg", "Ms Anna Berg",
                                 "President Anna Berg", "Prime Minister Berg", "  berg  "])
def test_who_met_matches_full_name_surname_or_alias_any_case(store, who):
    others = {r["otherName"] for r in run_query(store, "who-met", person=who).values()}
    assert others == {"Otto Lind", "Carl Dunn"}


@pytest.mark.parametrize("who, person", [("Otto", "Otto Lind"), ("Dr. Otto", "Otto Lind"), ("Quill", "Mara Quill")])
def test_a_single_name_finds_the_person_it_is_part_of(store, who, person):
    result = run_query(store, "who-met", person=who)
    assert {r["personName"] for r in result.values()} == {person}
    assert [name for _, name in result.people["person"]] == [person]


def test_a_name_several_people_share_lists_them_grouped_by_person(store):
    store.update('INSERT DATA { GRAPH <https://w3id.org/kg-news/id/article/fx-extra> { '
                 '<https://w3id.org/kg-news/id/article/fx-extra/meeting/1> a kg:Meeting ; '
                 '  kg:participant <https://w3id.org/kg-news/id/person/ivo-lind>, <https://w3id.org/kg-news/id/person/carl-dunn> . '
                 '<https://w3id.org/kg-news/id/person/ivo-lind> a kg:Person ; rdfs:label "Ivo Lind" ; skos:altLabel "Lind" . '
                 '<https://w3id.org/kg-news/id/person/carl-dunn> a kg:Person ; rdfs:label "Carl Dunn" } }')
    result = run_query(store, "who-met", person="Mr. Lind")
    assert [name for _, name in result.people["person"]] == ["Ivo Lind", "Otto Lind"]
    people = [r["personName"] for r in result.values()]
    assert people == sorted(people) and set(people) == {"Ivo Lind", "Otto Lind"}   # grouped by person
    assert [name for _, name in run_query(store, "who-met", person="Otto Lind").people["person"]] == ["Otto Lind"]


def add_people(store, graph: str, *people: tuple[str, str, tuple[str, ...]]) -> None:
    """Insert (slug, full name, aliases) people, each met by Carl Dunn, in an article graph of their own."""
    base = "https://w3id.org/kg-news/id/"
    triples = [f'<{base}person/carl-dunn> a kg:Person ; rdfs:label "Carl Dunn" .']
    for slug, label, aliases in people:
        alt = "".join(f" ; skos:altLabel {json.dumps(a)}" for a in aliases)
        triples.append(f"<{base}person/{slug}> a kg:Person ; rdfs:label {json.dumps(label)}{alt} . "
                       f"<{base}article/{graph}/meeting/{slug}> a kg:Meeting ; "
                       f"kg:participant <{base}person/{slug}>, <{base}person/carl-dunn> .")
    store.update(f"INSERT DATA {{ GRAPH <{base}article/{graph}> {{ {' '.join(triples)} }} }}")


def people_named(store, name):
    return [full for _, full in match_people(store, name)]


def test_a_single_name_means_everyone_holding_it_as_a_whole_word(store):
    add_people(store, "fx-kims", ("kim-jong-un", "Kim Jong Un", ("Kim",)), ("kim-yo-jong", "Kim Yo Jong", ()),
               ("kimberly-ross", "Kimberly Ross", ()), ("jose-arce", "José Arce", ()),
               ("jose-arce-molina", "José Arce Molina", ("Arce Molina",)))
    assert people_named(store, "Kim") == ["Kim Jong Un", "Kim Yo Jong"]
    assert people_named(store, "jong") == ["Kim Jong Un", "Kim Yo Jong"]
    assert people_named(store, "Kim Jong Un") == ["Kim Jong Un"]
    assert people_named(store, "Jose") == ["José Arce", "José Arce Molina"]
    assert people_named(store, "jose arce") == ["José Arce"]              # a full name, though not spelled so
    assert people_named(store, "Arce") == ["José Arce", "José Arce Molina"]
    assert people_named(store, "Kimberly") == ["Kimberly Ross"] and people_named(store, "Kimb") == []
    result = run_query(store, "who-met", person="Mr. Kim")
    assert [r["personName"] for r in result.values()] == ["Kim Jong Un", "Kim Yo Jong"]


def test_people_added_after_a_lookup_are_found_by_the_next_one(store, monkeypatch):
    # a server's word index is trusted for REMOTE_INDEX_SECONDS; an embedded store's while its files stay the same
    monkeypatch.setattr(kg.queries, "REMOTE_INDEX_SECONDS", 1e-9)
    assert people_named(store, "Kim") == []
    add_people(store, "fx-kim-1", ("kim-yo-jong", "Kim Yo Jong", ()))
    assert people_named(store, "Kim") == ["Kim Yo Jong"]
    add_people(store, "fx-kim-2", ("kim-dong-chul", "Kim Dong Chul", ()))
    assert people_named(store, "kim") == ["Kim Dong Chul", "Kim Yo Jong"]
    store.remove_graphs(["https://w3id.org/kg-news/id/article/fx-kim-1"])
    assert people_named(store, "KIM") == ["Kim Dong Chul"]


def test_a_read_only_store_keeps_its_word_index(store_location):
    if store_location.startswith("http"):
        pytest.skip("only an embedded store opens read-only")
    with open_store(store_location) as s:
        s.load([FIXTURE])
        add_people(s, "fx-kims", ("kim-yo-jong", "Kim Yo Jong", ()), ("kim-dong-chul", "Kim Dong Chul", ()))
    with open_store(store_location, read_only=True) as s:
        assert people_named(s, "Kim") == ["Kim Dong Chul", "Kim Yo Jong"]
        assert kg.queries._NAME_INDEXES[s][0] == "snapshot"
        assert people_named(s, "Dong") == ["Kim Dong Chul"]


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


@pytest.mark.parametrize("party", ["Greens", "green party", "Green Party"])
def test_party_members_by_a_lexicon_alias(store, party):
    store.update('INSERT DATA { GRAPH <https://w3id.org/kg-news/id/article/fx-green> { '
                 '<https://w3id.org/kg-news/id/article/fx-green/membership/1> a kg:PartyMembership ; '
                 '  org:member <https://w3id.org/kg-news/id/person/carl-dunn> ; org:organization <https://w3id.org/kg-news/id/party/green-party> . '
                 '<https://w3id.org/kg-news/id/party/green-party> a kg:PoliticalParty ; rdfs:label "Green Party" . '
                 '<https://w3id.org/kg-news/id/person/carl-dunn> a kg:Person ; rdfs:label "Carl Dunn" } }')
    assert [r["personName"] for r in run_query(store, "party-members", party=party).values()] == ["Carl Dunn"]


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


def test_raw_sparql_sees_the_union_of_the_article_graphs(store):
    everything = run_sparql(store, "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }").values()[0]["n"]
    distinct = run_sparql(store, "SELECT (COUNT(*) AS ?n) WHERE { SELECT DISTINCT ?s ?p ?o WHERE { GRAPH ?g { ?s ?p ?o } } }")
    union = run_sparql(store, "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")
    assert union.values()[0]["n"] == everything and int(everything) > 100      # a triple per graph stating it
    assert run_sparql(store, "SELECT (COUNT(*) AS ?n) WHERE { SELECT DISTINCT ?s ?p ?o WHERE { ?s ?p ?o } }").values() \
        == distinct.values()
    people = run_sparql(store, "SELECT DISTINCT ?name WHERE { ?p a kg:Person ; rdfs:label ?name } ORDER BY ?name")
    assert [r["name"] for r in people.values()] == ["Anna Berg", "Carl Dunn", "Mara Quill", "Otto Lind"]
    assert run_sparql(store, "ASK { ?m a kg:Meeting }").boolean is True
    assert len(run_sparql(store, "CONSTRUCT { ?p a kg:Person } WHERE { ?p a kg:Person }")) == 4
    own = run_sparql(store, "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }", union_default_graph=False)
    assert own.values() == [{"n": "0"}]      # the store's real default graph is empty
    # the store-level option other readers (a SPARQL endpoint) reuse
    _, rows = store.select("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }", union_default_graph=True)
    assert rows[0][0].value == union.values()[0]["n"]


def test_sparql_that_does_not_parse_is_an_invalid_query(store):
    from kg.store.base import InvalidQuery

    with pytest.raises(InvalidQuery, match="invalid SPARQL"):
        run_sparql(store, "SELECT WHERE {")
