"""Every kg command through click's CliRunner, on the embedded store and on a live Oxigraph server.

The articles are written here for the tests.
"""
from __future__ import annotations

import json

import pytest
from click.testing import CliRunner
from rdflib import Dataset, Graph
from rdflib.compare import isomorphic

from kg import api
from kg.cli import cli

ARTICLES = [
    {"id": "test/sochi", "url": "https://news.test/sochi", "published": "2019-09-12",
     "title": "Leaders meet on the Black Sea",
     "text": ("Prime Minister Benjamin Netanyahu met Russian President Vladimir Putin in Sochi on Thursday, "
              "days before the September 17 Knesset election. Netanyahu said the talks were useful. "
              "Avigdor Liberman, who leads the Israel Beytenu party, called the trip a stunt.")},
    {"id": "test/berlin", "url": "https://news.test/berlin", "published": "2019-06-18",
     "title": "Talks in Berlin",
     "text": ("German Chancellor Angela Merkel hosted French President Emmanuel Macron in Berlin on Monday. "
              "Merkel said the talks had gone well.")},
]


@pytest.fixture()
def corpus(tmp_path):
    path = tmp_path / "corpus.jsonl"
    path.write_text("".join(json.dumps(a) + "\n" for a in ARTICLES), encoding="utf-8")
    return path


def kg(store, *args, input=None):
    return CliRunner().invoke(cli, ["--store", store, *map(str, args)], input=input, catch_exceptions=False)


def bindings(result) -> list[dict[str, str]]:
    data = json.loads(result.output)
    return [{k: v["value"] for k, v in b.items()} for b in data["results"]["bindings"]]


@pytest.fixture()
def filled(store_location, corpus):
    result = kg(store_location, "ingest", corpus)
    assert result.exit_code == 0, result.output
    return store_location


def test_ingest_then_meetings_roles_memberships_elections(filled):
    rows = bindings(kg(filled, "query", "meetings", "--format", "json"))
    meetings = {}
    for row in rows:
        meetings.setdefault(row["meeting"], []).append(row)
    sochi = [m for m in meetings.values() if {r["participantName"] for r in m} == {"Benjamin Netanyahu", "Vladimir Putin"}]
    assert len(sochi) == 1
    assert {(r["date"], r["place"], r["source"]) for r in sochi[0]} == {("2019-09-12", "Sochi", "https://news.test/sochi")}

    roles = {(r["personName"], r["title"], r.get("country")) for r in bindings(kg(filled, "query", "roles", "--format", "json"))}
    assert ("Vladimir Putin", "President", "Russia") in roles
    assert ("Angela Merkel", "Chancellor", "Germany") in roles
    members = {(r["personName"], r["party"]) for r in bindings(kg(filled, "query", "memberships", "--format", "json"))}
    assert any(person == "Avigdor Liberman" and "Beit" in party for person, party in members)
    elections = {(r["country"], r["date"]) for r in bindings(kg(filled, "query", "elections", "--format", "json"))}
    assert ("Israel", "2019-09-17") in elections


def test_ingesting_twice_adds_nothing(filled, corpus):
    before = json.loads(kg(filled, "stats", "--format", "json").output)
    again = kg(filled, "ingest", corpus)
    assert again.exit_code == 0
    assert "2 unchanged" in again.output
    assert json.loads(kg(filled, "stats", "--format", "json").output) == before
    forced = kg(filled, "ingest", corpus, "--force")
    assert "2 ingested" in forced.output
    assert json.loads(kg(filled, "stats", "--format", "json").output) == before


def test_who_met_matches_any_name_and_case(filled):
    result = kg(filled, "who-met", "netanyahu", "--format", "csv")
    assert result.exit_code == 0
    assert "Vladimir Putin" in result.output and "2019-09-12" in result.output
    assert "Angela Merkel" not in result.output


@pytest.mark.parametrize("name", ['Putin" } ; DROP ALL #', "Pu{tin}", '"} ; DROP ALL #',
                                  "x' } DELETE WHERE { ?s ?p ?o } #"])
def test_who_met_with_hostile_names_returns_nothing_and_deletes_nothing(filled, name):
    before = json.loads(kg(filled, "stats", "--format", "json").output)
    result = kg(filled, "who-met", name, "--format", "json")
    assert result.exit_code == 0, result.output
    assert bindings(result) == []
    assert json.loads(kg(filled, "stats", "--format", "json").output) == before


def test_punctuation_around_a_name_is_not_part_of_it(filled):
    quoted = bindings(kg(filled, "who-met", '"Putin"', "--format", "json"))
    assert quoted and quoted == bindings(kg(filled, "who-met", "Putin", "--format", "json"))


def test_query_filters_and_formats(filled):
    assert bindings(kg(filled, "who-met", "Putin", "--since", "2019-10-01", "--format", "json")) == []
    assert len(bindings(kg(filled, "who-met", "Putin", "--place", "sochi", "--format", "json"))) == 1
    tsv = kg(filled, "query", "meetings", "--format", "tsv").output.splitlines()
    assert tsv[0].split("\t") == ["meeting", "participantName", "date", "place", "source", "kind", "status"]
    lines = kg(filled, "query", "roles", "--format", "jsonl").output.splitlines()
    assert all("personName" in json.loads(line) for line in lines)
    missing = kg(filled, "query", "who-met")
    assert missing.exit_code != 0 and "PERSON" in missing.output


def test_sparql_with_predeclared_prefixes(filled, tmp_path):
    text = "SELECT ?name WHERE { GRAPH ?g { ?p a kg:Person ; rdfs:label ?name } } ORDER BY ?name"
    names = {r["name"] for r in bindings(kg(filled, "sparql", text, "--format", "json"))}
    assert {"Vladimir Putin", "Angela Merkel"} <= names
    query_file = tmp_path / "people.rq"
    query_file.write_text(text)
    assert {r["name"] for r in bindings(kg(filled, "sparql", query_file, "--format", "json"))} == names
    bad = kg(filled, "sparql", "SELECT WHERE {")
    assert bad.exit_code == 2 and "Error: invalid SPARQL" in bad.output


def test_meetings_at_a_place_with_kind_status_and_typed_dates(filled):
    rows = json.loads(kg(filled, "query", "meetings", "--place", "Sochi", "--include-planned", "--format", "json").output)
    bindings_ = rows["results"]["bindings"]
    assert {b["participantName"]["value"] for b in bindings_} == {"Benjamin Netanyahu", "Vladimir Putin"}
    assert {(b["status"]["value"], b["kind"]["value"]) for b in bindings_} == {("happened", "meeting")}
    assert {b["date"]["datatype"] for b in bindings_} == {"http://www.w3.org/2001/XMLSchema#date"}
    assert bindings(kg(filled, "query", "meetings", "--place", "Berlin", "--format", "json")) != []
    assert bindings(kg(filled, "query", "meetings", "--place", "Paris", "--format", "json")) == []


@pytest.mark.parametrize("args", [["query", "roles", "--place", "Sochi"], ["query", "elections", "--since", "2019-01-01"],
                                  ["who-met", ""], ["who-met", "   "], ["sparql", "SELECT WHERE {"],
                                  ["sparql", "DELETE WHERE { ?s ?p ?o }"], ["sparql", "DROP ALL"],
                                  ["query", "party-members", ""]])
def test_usage_errors_exit_2_and_change_nothing(filled, args):
    before = json.loads(kg(filled, "stats", "--format", "json").output)
    result = kg(filled, *args)
    assert result.exit_code == 2, result.output
    assert "Error:" in result.output and "Traceback" not in result.output
    assert json.loads(kg(filled, "stats", "--format", "json").output) == before


@pytest.mark.parametrize("name", ["Mr. Netanyahu", "Prime Minister Netanyahu", "Benjamin", "President Putin",
                                  "Mr Putin", "vladimir"])
def test_who_met_ignores_honorifics_and_titles_and_finds_a_single_name(filled, name):
    result = kg(filled, "who-met", name, "--format", "json")
    assert result.exit_code == 0
    others = {r["otherName"] for r in bindings(result)}
    assert others and others <= {"Benjamin Netanyahu", "Vladimir Putin"}


SHARED_NAMES_TTL = """@prefix kg: <https://w3id.org/kg-news/ontology#> .
@prefix org: <http://www.w3.org/ns/org#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
<https://example.org/m/1> a kg:Meeting ; kg:participant <https://example.org/p/ada-quist>, <https://example.org/p/bo-ren> .
<https://example.org/m/2> a kg:Meeting ; kg:participant <https://example.org/p/ada-lund>, <https://example.org/p/cy-moss> .
<https://example.org/p/ada-quist> a kg:Person ; rdfs:label "Ada Quist" ; skos:altLabel "Quist" .
<https://example.org/p/ada-lund> a kg:Person ; rdfs:label "Ada Lund" ; skos:altLabel "Lund" .
<https://example.org/p/bo-ren> a kg:Person ; rdfs:label "Bo Ren" .
<https://example.org/p/cy-moss> a kg:Person ; rdfs:label "Cy Moss" .
<https://example.org/ms/1> a kg:PartyMembership ; org:member <https://example.org/p/bo-ren> ; org:organization <https://example.org/party/c> .
<https://example.org/party/c> a kg:PoliticalParty ; rdfs:label "Conservative Party" .
<https://example.org/ms/2> a kg:PartyMembership ; org:member <https://example.org/p/cy-moss> ; org:organization <https://example.org/party/d> .
<https://example.org/party/d> a kg:PoliticalParty ; rdfs:label "Democratic Party" .
"""


@pytest.fixture()
def shared_names(store_location, tmp_path):
    path = tmp_path / "shared.ttl"
    path.write_text(SHARED_NAMES_TTL)
    assert kg(store_location, "load", path).exit_code == 0
    return store_location


def test_a_name_several_people_share_is_grouped_with_a_hint(shared_names):
    result = kg(shared_names, "who-met", "Ada", "--format", "csv")
    assert result.exit_code == 0
    rows = result.stdout.splitlines()[1:]
    assert [r.split(",")[:2] for r in rows] == [["Ada Lund", "Cy Moss"], ["Ada Quist", "Bo Ren"]]
    assert "matches 2 people (Ada Lund, Ada Quist)" in result.stderr and "full name" in result.stderr
    one = kg(shared_names, "who-met", "Mrs. Ada Quist", "--format", "csv")
    assert [r.split(",")[:2] for r in one.stdout.splitlines()[1:]] == [["Ada Quist", "Bo Ren"]] and one.stderr == ""


MANY_NAMES_TTL = """@prefix kg: <https://w3id.org/kg-news/ontology#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix p: <https://example.org/p/> .
<https://example.org/m/1> a kg:Meeting ; kg:participant p:kim-jong-un, p:donald-trump .
<https://example.org/m/2> a kg:Meeting ; kg:participant p:kim-yo-jong, p:lula .
<https://example.org/m/3> a kg:Meeting ; kg:participant p:kimberly-ross, p:donald-trump-jr .
p:kim-jong-un a kg:Person ; rdfs:label "Kim Jong Un" ; skos:altLabel "Kim", "Kim Jong-un" .
p:kim-yo-jong a kg:Person ; rdfs:label "Kim Yo Jong" .
p:kimberly-ross a kg:Person ; rdfs:label "Kimberly Ross" ; skos:altLabel "Ross" .
p:lula a kg:Person ; rdfs:label "Luiz Inácio Lula da Silva" .
p:donald-trump a kg:Person ; rdfs:label "Donald Trump" ; skos:altLabel "Trump" .
p:donald-trump-jr a kg:Person ; rdfs:label "Donald Trump Jr." .
"""


@pytest.fixture()
def many_names(store_location, tmp_path):
    path = tmp_path / "names.ttl"
    path.write_text(MANY_NAMES_TTL, encoding="utf-8")
    assert kg(store_location, "load", path).exit_code == 0
    return store_location


def who_met_pairs(result) -> list[list[str]]:
    assert result.exit_code == 0, result.output
    return [row.split(",")[:2] for row in result.stdout.splitlines()[1:]]


def test_a_single_name_lists_everyone_it_can_mean_grouped_with_a_hint(many_names):
    result = kg(many_names, "who-met", "Kim", "--format", "csv")
    assert who_met_pairs(result) == [["Kim Jong Un", "Donald Trump"], ["Kim Yo Jong", "Luiz Inácio Lula da Silva"]]
    assert "matches 2 people (Kim Jong Un, Kim Yo Jong)" in result.stderr   # not Kimberly: whole words only


@pytest.mark.parametrize("name", ["Kim Jong Un", "kim jong-un", "Chairman Kim Jong Un"])
def test_a_full_name_gives_one_person_even_when_a_single_word_of_it_gives_more(many_names, name):
    result = kg(many_names, "who-met", name, "--format", "csv")
    assert who_met_pairs(result) == [["Kim Jong Un", "Donald Trump"]] and result.stderr == ""


@pytest.mark.parametrize("name", ["lula", "LULA", "Lula da Silva", "inacio lula", "President Lula"])
def test_a_name_matches_without_case_or_accents(many_names, name):
    result = kg(many_names, "who-met", name, "--format", "csv")
    assert who_met_pairs(result) == [["Luiz Inácio Lula da Silva", "Kim Yo Jong"]] and result.stderr == ""


@pytest.mark.parametrize("name", ["Trump", "Mr. Trump", "President Trump", "mr trump"])
def test_honorifics_and_titles_are_ignored_before_a_single_name(many_names, name):
    result = kg(many_names, "who-met", name, "--format", "csv")
    assert who_met_pairs(result) == [["Donald Trump", "Kim Jong Un"], ["Donald Trump Jr.", "Kimberly Ross"]]
    assert "matches 2 people (Donald Trump, Donald Trump Jr.)" in result.stderr
    one = kg(many_names, "who-met", "President Donald Trump", "--format", "csv")
    assert who_met_pairs(one) == [["Donald Trump", "Kim Jong Un"]] and one.stderr == ""


@pytest.mark.parametrize("party, member", [("Tories", "Bo Ren"), ("tory", "Bo Ren"), ("Conservative", "Bo Ren"),
                                           ("Democrats", "Cy Moss"), ("Dems", "Cy Moss"), ("democratic party", "Cy Moss")])
def test_party_members_by_any_alias_the_lexicon_knows(shared_names, party, member):
    result = kg(shared_names, "query", "party-members", party, "--format", "json")
    assert [r["personName"] for r in bindings(result)] == [member]


def test_people_lists_who_is_in_the_graph(filled):
    result = kg(filled, "people", "--format", "json")
    assert result.exit_code == 0
    people = {r["name"]: r for r in bindings(result)}
    assert {"Benjamin Netanyahu", "Vladimir Putin", "Angela Merkel"} <= set(people)
    assert people["Vladimir Putin"]["articles"] == "1" and people["Angela Merkel"]["aliases"] == "Merkel"
    assert "President" in people["Vladimir Putin"]["offices"]
    putin = bindings(kg(filled, "people", "Mr. Putin", "--format", "json"))
    assert [r["name"] for r in putin] == ["Vladimir Putin"]
    assert "Vladimir Putin" in kg(filled, "people").output
    assert bindings(kg(filled, "people", "Nobody Atall", "--format", "json")) == []


def test_people_through_the_api(filled):
    with api.open_store(filled, read_only=True) as store:
        found = api.people(store, "netanyahu")
    assert [p["name"] for p in found] == ["Benjamin Netanyahu"]
    assert found[0]["articles"] == 1 and "Netanyahu" in found[0]["aliases"] and found[0]["iri"].startswith("https://")


def test_sparql_default_graph_is_the_union_of_the_articles(filled):
    count = bindings(kg(filled, "sparql", "SELECT (COUNT(*) AS ?n) {?s ?p ?o}", "--format", "json"))
    stats = json.loads(kg(filled, "stats", "--format", "json").output)
    assert int(count[0]["n"]) == stats["triples"] > 0
    names = {r["name"] for r in bindings(kg(filled, "sparql", "SELECT ?name { ?p a kg:Person ; rdfs:label ?name }",
                                              "--format", "json"))}
    assert {"Vladimir Putin", "Angela Merkel"} <= names


def test_export_turtle_parses_back_to_the_same_graph(filled, tmp_path):
    kg(filled, "export", "--format", "nquads", "-o", tmp_path / "all.nq")
    union = Graph()
    for s, p, o, _ in Dataset().parse(tmp_path / "all.nq", format="nquads").quads():
        union.add((s, p, o))
    turtle = kg(filled, "export", "--format", "turtle").stdout_bytes
    assert len(union) > 50
    assert isomorphic(Graph().parse(data=turtle, format="turtle"), union)
    trig = Dataset().parse(data=kg(filled, "export", "--format", "trig").stdout_bytes, format="trig")
    assert len(list(trig.graphs())) >= 2


def test_validate_reports_conformance(filled):
    result = kg(filled, "validate")
    assert result.exit_code == 0 and "conforms" in result.output


def test_articles_and_remove(filled):
    listed = bindings(kg(filled, "articles", "--format", "json"))
    assert {a["id"] for a in listed} == {"test/sochi", "test/berlin"}
    assert all(int(a["triples"]) > 10 for a in listed)
    removed = kg(filled, "remove", "test/berlin")
    assert removed.exit_code == 0 and "removed 1" in removed.output
    names = {r["name"] for r in bindings(kg(filled, "sparql",
             "SELECT ?name WHERE { GRAPH ?g { ?p a kg:Person ; rdfs:label ?name } }", "--format", "json"))}
    assert "Angela Merkel" not in names and "Vladimir Putin" in names
    missing = kg(filled, "remove", "no/such-article")
    assert missing.exit_code == 1 and "no/such-article" in missing.output


def test_load_restores_an_export(filled, tmp_path, store_location):
    dump = tmp_path / "dump.nq"
    kg(filled, "export", "--format", "nquads", "-o", dump)
    stats = json.loads(kg(filled, "stats", "--format", "json").output)
    target = str(tmp_path / "restored") if not store_location.startswith("http") else filled
    if target == filled:
        kg(filled, "remove", "test/sochi", "test/berlin")
    loaded = kg(target, "load", dump)
    assert loaded.exit_code == 0 and f"loaded {stats['triples']}" in loaded.output
    assert json.loads(kg(target, "stats", "--format", "json").output) == stats


def test_bad_inputs_fail_alone_and_the_rest_is_stored(store_location, tmp_path):
    path = tmp_path / "mixed.jsonl"
    path.write_text(json.dumps(ARTICLES[1]) + "\n{not json\n" + json.dumps({"id": "no-text"}) + "\n", encoding="utf-8")
    result = kg(store_location, "ingest", path, tmp_path / "absent.txt")
    assert result.exit_code == 1
    assert "line 2" in result.output and "absent.txt" in result.output
    assert "1 ingested" in result.output
    assert [a["id"] for a in bindings(kg(store_location, "articles", "--format", "json"))] == ["test/berlin"]


def test_text_file_and_stdin(store_location, tmp_path):
    text = tmp_path / "visit.txt"
    text.write_text("Talks in Oslo\n\nPrime Minister Jonas Lund met German Chancellor Olaf Brandt in Oslo on Tuesday.\n")
    result = kg(store_location, "ingest", text, "--published", "2021-03-05")
    assert result.exit_code == 0, result.output
    rows = bindings(kg(store_location, "who-met", "Lund", "--format", "json"))
    assert {r["date"] for r in rows} == {"2021-03-02"}
    piped = kg(store_location, "ingest", "-", input=json.dumps(ARTICLES[1]) + "\n")
    assert piped.exit_code == 0 and "1 ingested" in piped.output


def test_every_command_has_help_with_an_example():
    for name, command in cli.commands.items():
        result = CliRunner().invoke(cli, [name, "--help"])
        assert result.exit_code == 0, name
        assert "Example" in result.output, name


def test_unreachable_server_is_a_clear_error():
    result = CliRunner().invoke(cli, ["--store", "http://127.0.0.1:9", "stats"])
    assert result.exit_code == 2
    assert "127.0.0.1:9" in result.output and "Traceback" not in result.output


def test_evaluate_scores_a_corpus_against_gold(corpus, tmp_path):
    gold = tmp_path / "gold.jsonl"
    gold.write_text(json.dumps({
        "id": "test/sochi", "url": "https://news.test/sochi", "published": "2019-09-12",
        "meetings": [{"participants": ["Benjamin Netanyahu", "Vladimir Putin"], "date": "2019-09-12",
                      "place": "Sochi", "kind": "meeting"}],
        "roles": [{"person": "Vladimir Putin", "title": ["President"], "country": "Russia"},
                  {"person": "Avigdor Liberman", "title": ["Foreign Minister"], "country": "Israel"}],
        "memberships": [], "elections": [{"country": "Israel", "date": "2019-09-17", "kind": "parliamentary"}],
    }) + "\n")
    result = CliRunner().invoke(cli, ["evaluate", str(corpus), str(gold), "--explain"])
    assert result.exit_code == 0, result.output
    rows = {line.split()[0]: line.split() for line in result.output.splitlines()
            if line.split() and line.split()[0] in ("meetings", "roles", "memberships", "elections")}
    assert rows["meetings"][1:4] == ["1.00", "1.00", "1.00"]
    assert rows["roles"][6] == "1"  # fn: Liberman's invented role is not in the text
    assert "role missed" in result.output and "Avigdor Liberman" in result.output
    assert "date 1.00 (n=1), place 1.00 (n=1)" in result.output


@pytest.mark.parametrize("command", [["query", "meetings"], ["who-met", "Putin"], ["stats"], ["articles"],
                                     ["export", "--format", "nt"], ["sparql", "ASK { ?s ?p ?o }"],
                                     ["people", "Kim"], ["query", "party-members", "Tories"]])
def test_reading_commands_never_import_spacy_or_the_extractors(tmp_path, command):
    import subprocess
    import sys

    store = tmp_path / "store"
    probe = ("import sys; from kg.cli import cli\n"
             "try:\n    cli(sys.argv[1:], standalone_mode=False)\nfinally:\n"
             "    bad = [m for m in ('spacy', 'thinc', 'kg.extract', 'requests', 'trafilatura') if m in sys.modules]\n"
             "    print('IMPORTED', bad)\n")
    subprocess.run([sys.executable, "-c", "from kg.store import open_store\n"
                    f"open_store({str(store)!r}).close()"], check=True)
    out = subprocess.run([sys.executable, "-c", probe, "--store", str(store), *command],
                         capture_output=True, text=True, timeout=60)
    assert "IMPORTED []" in out.stdout, out.stdout + out.stderr


@pytest.mark.parametrize("workers", ["1", "2"])
def test_a_model_that_is_not_installed_is_a_usage_error(tmp_path, corpus, workers):
    store = str(tmp_path / "store")
    result = kg(store, "ingest", corpus, "--model", "no_such_model_xyz", "--workers", workers)
    assert result.exit_code == 2
    assert "no_such_model_xyz" in result.output and "not installed" in result.output
    assert "Traceback" not in result.output
