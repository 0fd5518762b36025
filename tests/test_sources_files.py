"""kg.sources on local inputs: text, HTML, JSON, JSON Lines, folders, stdin, and every bad input.

All article text here is invented for the tests.
"""
from __future__ import annotations

import io
import json
import os
import threading
from datetime import date
from pathlib import Path

import pytest

from kg.article import Article
from kg.sources import MAX_TEXT_CHARS, SkippedArticle, SourceError, iter_articles

EN_1 = ("The prime minister of the invented republic of Norland, Astrid Vale, met the foreign "
        "minister of Sudonia on Tuesday in the harbour city of Kessel. The two leaders talked about "
        "fishing rights and a new ferry link, officials said after the talks. Vale told reporters "
        "that she hoped to sign an agreement before the general election in October.")
EN_2 = ("Opposition leader Marten Oakes said on Wednesday that his Green Alliance party would vote "
        "against the budget. He accused the government of ignoring the rural north and said the plan "
        "would raise fuel prices for families who already struggle to heat their homes in the winter.")
DE = ("Die Ministerpräsidentin des erfundenen Landes Nordland traf am Dienstag den Außenminister "
      "des Nachbarlandes in der Hafenstadt Kessel. Die beiden Politiker sprachen über Fischereirechte "
      "und eine neue Fährverbindung, sagten Beamte nach dem Treffen. Sie sagte, sie hoffe, vor der "
      "Wahl im Oktober ein Abkommen zu unterzeichnen, und dass die Gespräche sehr gut gewesen seien.")

HTML_PAGE = """<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">
<title>Norland and Sudonia talk ferries | The Kessel Courier</title>
<link rel="canonical" href="https://courier.example/politics/norland-sudonia-ferries">
<meta property="og:site_name" content="The Kessel Courier">
<meta name="author" content="Lena Brook">
<meta property="article:published_time" content="2021-03-04T09:15:00Z">
<meta property="og:title" content="Norland and Sudonia talk ferries">
</head><body>
<nav><ul><li><a href="/">Home page link</a></li><li><a href="/sport">Sport section link</a></li></ul></nav>
<article><h1>Norland and Sudonia talk ferries</h1>
<p>{p1}</p>
<figure><img src="pier.jpg"><figcaption>A caption about the old pier at dusk.</figcaption></figure>
<p>{p2}</p>
</article>
<aside><h3>Related stories</h3><ul><li><a href="/x">A bridge reopens after the storm</a></li></ul></aside>
<footer>Copyright notice of the Kessel Courier. Subscribe to our newsletter.</footer>
</body></html>""".format(p1=EN_1, p2=EN_2)


def run(inputs, **kw) -> list:
    return list(iter_articles([str(i) for i in inputs], **kw))


def real(path) -> str:
    """A file's article id: its resolved absolute path."""
    return str(Path(path).resolve())


def articles(items) -> list[Article]:
    return [i for i in items if isinstance(i, Article)]


def errors(items) -> list[SourceError]:
    return [i for i in items if isinstance(i, SourceError)]


def jsonl(path: Path, rows: list) -> Path:
    path.write_text("".join((r if isinstance(r, str) else json.dumps(r)) + "\n" for r in rows), "utf-8")
    return path


@pytest.fixture()
def in_tmp(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    return tmp_path


# --- good inputs, each kind ------------------------------------------------------------------

def test_text_file_first_line_is_title_and_id_is_its_real_path(in_tmp):
    (in_tmp / "news").mkdir()
    p = in_tmp / "news" / "vale.txt"
    p.write_text(f"\n  Vale meets Sudonian minister\n\n{EN_1}\n\n{EN_2}\n", "utf-8")
    [a] = run([p], published=date(2021, 3, 5))
    assert a.title == "Vale meets Sudonian minister"
    assert a.text.startswith("The prime minister") and a.text.endswith("winter.")
    assert a.id == real("news/vale.txt")
    assert a.published == date(2021, 3, 5)
    assert a.language == "en"


def test_text_file_of_one_line_is_all_text(in_tmp):
    (in_tmp / "one.txt").write_text(EN_1, "utf-8")
    [a] = run(["one.txt"])
    assert a.title is None and a.text == EN_1


def test_text_file_in_windows_1252_is_decoded(in_tmp):
    text = "Café talks in Kessel\n" + EN_1.replace("Astrid Vale", "Astrid Valé Müller")
    (in_tmp / "latin.txt").write_bytes(text.encode("cp1252"))
    [a] = run(["latin.txt"])
    assert a.title == "Café talks in Kessel"
    assert "Astrid Valé Müller" in a.text
    assert a.extra.get("encoding")


def test_html_file_main_text_without_boilerplate_and_metadata(in_tmp):
    (in_tmp / "page.html").write_text(HTML_PAGE, "utf-8")
    [a] = run(["page.html"])
    assert "Astrid Vale" in a.text and "Marten Oakes" in a.text
    for boilerplate in ("Home page link", "caption about the old pier", "Related stories", "Subscribe"):
        assert boilerplate not in a.text
    assert a.title == "Norland and Sudonia talk ferries"
    assert a.published == date(2021, 3, 4)
    assert a.url == "https://courier.example/politics/norland-sudonia-ferries"
    assert a.author == "Lena Brook"
    assert a.publisher == "The Kessel Courier"
    assert a.id == a.url  # the page names its canonical URL: that is the article, wherever it was read


def test_html_file_without_date_takes_published_param(in_tmp):
    page = HTML_PAGE.replace('<meta property="article:published_time" content="2021-03-04T09:15:00Z">', "")
    (in_tmp / "nodate.htm").write_text(page, "utf-8")
    [a] = run(["nodate.htm"], published=date(2022, 1, 2))
    assert a.published == date(2022, 1, 2)


def test_json_object_and_list(in_tmp):
    (in_tmp / "one.json").write_text(json.dumps({"id": "n1", "title": "T", "text": EN_1,
                                                 "published": "2019-09-12"}), "utf-8")
    (in_tmp / "many.json").write_text(json.dumps([
        {"id": "n2", "text": EN_2}, {"id": "n3", "body": "no text key"}, {"url": "https://x.example/4", "text": EN_1},
    ], indent=2), "utf-8")
    items = run(["one.json", "many.json"])
    assert [a.id for a in articles(items)] == ["n1", "n2", "https://x.example/4"]
    assert articles(items)[0].published == date(2019, 9, 12)
    [err] = errors(items)
    assert err.input == "many.json item 2"
    assert "no 'text' field" in err.reason and "body" in err.reason


def test_jsonl_documented_fields_and_id_fallbacks(in_tmp):
    jsonl(in_tmp / "c.jsonl", [
        {"id": "a/1", "url": "https://x.example/1", "title": "One", "published": "2019-09-12", "text": EN_1},
        {"url": "https://x.example/2", "text": EN_2, "published": None},
        {"text": EN_1, "published": "2019-09-12T08:30:00Z"},
    ])
    a1, a2, a3 = run(["c.jsonl"])
    assert (a1.id, a1.url, a1.title, a1.published) == ("a/1", "https://x.example/1", "One", date(2019, 9, 12))
    assert a1.source == "https://x.example/1"
    assert a2.id == "https://x.example/2" and a2.published is None
    assert a3.id == real("c.jsonl") + ":3" and a3.published == date(2019, 9, 12)


def test_jsonl_field_map_for_other_dataset_shapes(in_tmp):
    jsonl(in_tmp / "other.jsonl", [{"doc_id": 7, "body": EN_1, "date": "2020-02-02", "meta": {"site": "Courier"}}])
    [a] = run(["other.jsonl"], field_map={"id": "doc_id", "text": "body", "published": "date",
                                          "publisher": "meta.site"})
    assert (a.id, a.published, a.publisher) == ("7", date(2020, 2, 2), "Courier")
    with pytest.raises(ValueError, match="--field: .* not an article field"):
        iter_articles(["other.jsonl"], field_map={"body": "text"})


def test_jsonl_is_streamed_line_by_line(tmp_path):
    """The first article comes out while the writer still holds back the second line."""
    fifo = tmp_path / "pipe.jsonl"
    os.mkfifo(fifo)
    released = threading.Event()
    state = {}

    def writer():
        with open(fifo, "w", encoding="utf-8") as f:
            f.write(json.dumps({"id": "first", "text": EN_1}) + "\n")
            f.flush()
            state["streamed"] = released.wait(5)
            f.write(json.dumps({"id": "second", "text": EN_2}) + "\n")

    t = threading.Thread(target=writer)
    t.start()
    it = iter_articles([str(fifo)])
    first = next(it)
    released.set()
    rest = list(it)
    t.join()
    assert first.id == "first" and [a.id for a in rest] == ["second"]
    assert state["streamed"] is True


def test_json_file_holding_json_lines_is_read_as_lines(in_tmp):
    jsonl(in_tmp / "lines.json", [{"id": "x", "text": EN_1}, {"id": "y", "text": EN_2}])
    assert [a.id for a in run(["lines.json"])] == ["x", "y"]


def test_folder_is_walked_recursively_sorted_with_glob(in_tmp):
    d = in_tmp / "corpus"
    (d / "b").mkdir(parents=True)
    (d / "a").mkdir()
    (d / ".hidden").mkdir()
    (d / "b" / "2.txt").write_text("Two\n" + EN_2, "utf-8")
    (d / "a" / "1.txt").write_text("One\n" + EN_1, "utf-8")
    (d / "0.html").write_text(HTML_PAGE, "utf-8")
    (d / "notes.docx.tmp").write_text("not an article", "utf-8")
    (d / ".hidden" / "x.txt").write_text("Hidden\n" + EN_1, "utf-8")
    items = run(["corpus"])
    assert [a.id for a in items] == [items[0].url, real("corpus/a/1.txt"), real("corpus/b/2.txt")]
    assert [a.id for a in run(["corpus"], glob="*.txt")] == [real("corpus/a/1.txt"), real("corpus/b/2.txt")]
    [err] = run(["corpus"], glob="*.pdf")
    assert isinstance(err, SourceError) and err.input == "corpus" and "'*.pdf'" in err.reason


def test_absolute_path_inside_cwd_is_named_relative_but_identified_by_real_path(in_tmp):
    (in_tmp / "abs.txt").write_text("Abs\n" + EN_1, "utf-8")
    [a] = run([in_tmp / "abs.txt"])
    assert a.id == real("abs.txt")
    [err] = run([in_tmp / "abs.txt"], fmt="json")
    assert err.input.startswith("abs.txt line 1, column 1")  # messages keep the short name


def test_stdin_json_lines(tmp_path):
    stream = io.StringIO("\n" + json.dumps({"id": "s1", "text": EN_1}) + "\n{broken\n"
                         + json.dumps({"id": "s2", "text": EN_2}) + "\n")
    items = run(["-"], stdin=stream)
    assert [a.id for a in articles(items)] == ["s1", "s2"]
    [err] = errors(items)
    assert err.input == "stdin line 3, column 2" and "broken JSON" in err.reason


def test_stdin_plain_text_first_line_title(tmp_path):
    [a] = run(["-"], stdin=io.StringIO(f"Oakes rejects budget\n{EN_2}\n"), published=date(2020, 5, 6))
    assert a.title == "Oakes rejects budget" and a.text == EN_2
    assert a.id.startswith("stdin:") and a.published == date(2020, 5, 6)
    [b] = run(["-"], stdin=io.StringIO(f"Oakes rejects budget\n{EN_2}\n"))
    assert b.id == a.id  # same text, same id: re-piping is idempotent


# --- bad inputs: one error each, the batch goes on ----------------------------------------------

def test_bad_inputs_each_give_one_clear_error_and_good_ones_still_come_out(in_tmp):
    (in_tmp / "good.txt").write_text("Good\n" + EN_1, "utf-8")
    (in_tmp / "empty.txt").write_bytes(b"")
    (in_tmp / "blank.txt").write_text("\n   \n\n", "utf-8")
    (in_tmp / "image.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4)
    (in_tmp / "nul.txt").write_bytes(b"abc\x00\x01\x02def" * 50)
    (in_tmp / "empty.html").write_text("<html><head><title>Menu</title></head><body><nav>"
                                       "<a href='/'>Home</a></nav></body></html>", "utf-8")
    jsonl(in_tmp / "mixed.jsonl", [
        {"id": "j1", "text": EN_1},
        '{"id": "j2", "text": "unterminated',
        {"id": "j3", "title": "No text here"},
        {"id": "j4", "text": EN_2, "published": "12/09/2019"},
        {"id": "j5", "text": EN_2, "published": "2019-02-30"},
        {"id": "j6", "text": "   "},
        {"id": "j7", "text": EN_2},
    ])
    items = run(["good.txt", "empty.txt", "blank.txt", "image.txt", "nul.txt", "empty.html",
                 "missing.txt", "mixed.jsonl"])
    assert [a.id for a in articles(items)] == [real("good.txt"), "j1", "j7"]
    got = {e.input: e.reason for e in errors(items)}
    assert len(got) == len(errors(items)) == 11
    assert got["empty.txt"] == "empty file"
    assert "empty" in got["blank.txt"]
    assert "PNG image" in got["image.txt"]
    assert "binary" in got["nul.txt"]
    assert "no article text" in got["empty.html"]
    assert "no such file or directory" in got["missing.txt"]
    assert got["mixed.jsonl line 2, column 22"].startswith("unterminated string (broken JSON")
    assert "no 'text' field" in got["mixed.jsonl line 3"] and "id, title" in got["mixed.jsonl line 3"]
    assert "--field text=KEY" in got["mixed.jsonl line 3"]
    assert "bad published date '12/09/2019'" in got["mixed.jsonl line 4"] and "YYYY-MM-DD" in got["mixed.jsonl line 4"]
    assert "no such day" in got["mixed.jsonl line 5"]
    assert "empty" in got["mixed.jsonl line 6"]
    for e in errors(items):  # one line, naming the input first
        assert str(e) == f"{e.input}: {e.reason}" and "\n" not in str(e)


def test_jsonl_line_not_utf8_names_line_and_byte(in_tmp):
    good = json.dumps({"id": "ok", "text": EN_1}).encode()
    bad = json.dumps({"id": "bad", "text": "Caf\u00e9 " + EN_2}, ensure_ascii=False).encode("latin-1")
    (in_tmp / "enc.jsonl").write_bytes(good + b"\n" + bad + b"\n")
    items = run(["enc.jsonl"])
    assert [a.id for a in articles(items)] == ["ok"]
    [err] = errors(items)
    assert err.input == "enc.jsonl line 2" and "not UTF-8" in err.reason and "0xe9" in err.reason


def test_missing_path_that_looks_like_a_url_suggests_https(in_tmp):
    [err] = run(["news.example.org/story/1"])
    assert err.input == "news.example.org/story/1" and "https://" in err.reason
    for plain in ("nothere.txt", "dir/nothere.jsonl", "./a.b/c"):
        [err] = run([plain])
        assert "no such file" in err.reason and "https://" not in err.reason, plain


def test_gzipped_json_lines_are_streamed_and_a_truncated_archive_is_an_error(in_tmp):
    import gzip

    rows = "".join(json.dumps({"id": f"z{i}", "text": EN_1}) + "\n" for i in range(3)).encode()
    (in_tmp / "c.jsonl.gz").write_bytes(gzip.compress(rows))
    (in_tmp / "cut.jsonl.gz").write_bytes(gzip.compress(rows * 200)[:600])
    items = run(["c.jsonl.gz", "cut.jsonl.gz"])
    assert [a.id for a in articles(items)][:3] == ["z0", "z1", "z2"]
    [err] = errors(items)
    assert err.input == "cut.jsonl.gz" and "cannot read it" in err.reason


def test_html_file_declaring_a_legacy_charset(in_tmp):
    page = HTML_PAGE.replace('<meta charset="utf-8">', '<meta charset="windows-1252">')
    page = page.replace("Astrid Vale", "Astrid Valé")
    (in_tmp / "legacy.html").write_bytes(page.encode("cp1252"))
    [a] = run(["legacy.html"])
    assert "Astrid Valé" in a.text and a.extra["encoding"] == "cp1252"


def test_oversized_article_is_an_error_by_default_or_truncated_on_request(in_tmp):
    big = "Giant\n" + (EN_1 + "\n") * (10_000_000 // len(EN_1))
    (in_tmp / "giant.txt").write_text(big, "utf-8")
    jsonl(in_tmp / "giant.jsonl", [{"id": "g", "text": big}, {"id": "small", "text": EN_2}])
    items = run(["giant.txt", "giant.jsonl"])
    assert [a.id for a in articles(items)] == ["small"]
    got = {e.input: e.reason for e in errors(items)}
    assert "too long" in got["giant.txt"] and "truncat" in got["giant.txt"]
    assert "too long" in got["giant.jsonl line 1"] and "line cap" in got["giant.jsonl line 1"]
    [cut] = run(["giant.txt"], oversize="truncate", max_text_chars=50_000)
    assert 45_000 <= len(cut.text) <= 50_000 and cut.extra["truncated_from"] > 9_000_000


def test_jsonl_text_over_the_character_cap_but_under_the_line_cap(in_tmp):
    jsonl(in_tmp / "long.jsonl", [{"id": "long", "text": EN_1 * 30}, {"id": "ok", "text": EN_1}])
    items = run(["long.jsonl"], max_text_chars=5_000)
    assert [a.id for a in articles(items)] == ["ok"]
    [err] = errors(items)
    assert err.input == "long.jsonl line 1" and "5,000 cap" in err.reason


def test_json_list_saved_as_json_lines_is_refused_without_loading_it(in_tmp):
    rows = [{"id": f"r{i}", "text": EN_1} for i in range(300)]  # ~100 KB, over the 70 KB line cap
    (in_tmp / "list.jsonl").write_text(json.dumps(rows) + "\n" + json.dumps({"id": "after", "text": EN_2}) + "\n")
    items = run(["list.jsonl"], max_text_chars=1_000)
    assert [a.id for a in articles(items)] == ["after"]
    [err] = errors(items)
    assert err.input == "list.jsonl line 1" and "jq -c" in err.reason


def test_small_json_list_on_a_json_lines_line_gets_the_same_hint(in_tmp):
    (in_tmp / "small.jsonl").write_text(json.dumps([{"id": "a", "text": EN_1}]) + "\n", "utf-8")
    [err] = run(["small.jsonl"])
    assert err.input == "small.jsonl line 1" and "got a list" in err.reason and "jq -c" in err.reason


def test_non_english_article_is_skipped_not_failed(in_tmp):
    (in_tmp / "de.txt").write_text("Treffen in Kessel\n" + DE, "utf-8")
    (in_tmp / "en.txt").write_text("Meeting in Kessel\n" + EN_1, "utf-8")
    items = run(["de.txt", "en.txt"])
    skipped, kept = items
    assert isinstance(skipped, SkippedArticle) and skipped.skipped
    assert skipped.input == "de.txt" and "not English" in skipped.reason and "German" in skipped.reason
    assert str(skipped).startswith("de.txt: skipped: not English")
    assert isinstance(kept, Article) and kept.id == real("en.txt")
    [kept_de, _] = run(["de.txt", "en.txt"], check_language=False)
    assert isinstance(kept_de, Article) and kept_de.id == real("de.txt")


def test_format_override_reads_an_unknown_extension(in_tmp):
    (in_tmp / "story.dat").write_text(json.dumps({"id": "dat", "text": EN_1}) + "\n", "utf-8")
    assert [a.id for a in run(["story.dat"], fmt="jsonl")] == ["dat"]
    [a] = run(["story.dat"], fmt="txt")
    assert a.text.startswith('{"id"')
    with pytest.raises(ValueError, match="unknown format"):
        iter_articles(["story.dat"], fmt="pdf")


def test_errors_and_skips_are_distinguishable_without_isinstance():
    assert SourceError("a", "b").skipped is False and SkippedArticle("a", "b").skipped is True
    assert str(SourceError("corpus.jsonl line 17", "broken JSON")) == "corpus.jsonl line 17: broken JSON"


def test_stdin_broken_first_line_is_one_error_and_the_rest_streams():
    stream = io.StringIO('{"id": "s0", "text": \n' + json.dumps({"id": "s1", "text": EN_1}) + "\n")
    items = run(["-"], stdin=stream)
    assert [type(i).__name__ for i in items] == ["SourceError", "Article"]
    assert items[0].input.startswith("stdin line 1, column ")


def test_stdin_pretty_json_html_empty_and_non_utf8():
    pretty = json.dumps([{"id": "p1", "text": EN_1}], indent=2)
    [a] = run(["-"], stdin=io.StringIO(pretty))
    assert a.id == "p1"
    [h] = run(["-"], stdin=io.StringIO(HTML_PAGE))
    assert h.title == "Norland and Sudonia talk ferries" and h.id == h.url  # its canonical URL
    [empty] = run(["-"], stdin=io.StringIO("\n\n"))
    assert isinstance(empty, SourceError) and empty.input == "stdin" and "empty" in empty.reason
    latin = io.TextIOWrapper(io.BytesIO(("Caf\u00e9\n" + EN_1).encode("latin-1")), encoding="utf-8")
    [bad] = run(["-"], stdin=latin)
    assert isinstance(bad, SourceError) and "not UTF-8" in bad.reason


def test_local_files_do_not_import_requests_or_trafilatura(in_tmp):
    import subprocess
    import sys

    (in_tmp / "a.txt").write_text("Title\n" + EN_1, "utf-8")
    jsonl(in_tmp / "b.jsonl", [{"id": "b", "text": EN_2}])
    code = ("import sys; from kg.sources import iter_articles; "
            "n = len(list(iter_articles(['a.txt', 'b.jsonl']))); "
            "print(n, sorted(m for m in ('requests', 'trafilatura', 'feedparser', 'spacy') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.split() == ["2", "[]"]


# --- messages name flags and places, not Python (issue 10 item 19) -------------------------------

def test_a_broken_json_line_names_line_and_column_in_plain_words(in_tmp):
    good = json.dumps({"id": "g", "text": EN_1})
    lines = [good] * 6 + ['{"id": "x", "te\txt": "a"}', '{"id": "y", "text": "no end}', "{'id': 'z'}"]
    (in_tmp / "corpus.jsonl").write_text("\n".join(lines) + "\n", "utf-8")
    got = {e.input: e.reason for e in errors(run(["corpus.jsonl"]))}
    assert set(got) == {"corpus.jsonl line 7, column 16", "corpus.jsonl line 8, column 21",
                        "corpus.jsonl line 9, column 2"}
    assert got["corpus.jsonl line 7, column 16"].startswith("invalid control character in a string")
    assert "\\t" in got["corpus.jsonl line 7, column 16"]
    assert got["corpus.jsonl line 8, column 21"].startswith("unterminated string")
    assert got["corpus.jsonl line 9, column 2"].startswith("expected a key in double quotes")
    for reason in got.values():
        assert "Invalid" not in reason and "Expecting" not in reason  # not Python's own words


def test_an_over_long_article_names_the_truncate_flag(in_tmp):
    (in_tmp / "long.txt").write_text("Long\n" + EN_1 * 20, "utf-8")
    jsonl(in_tmp / "long.jsonl", [{"id": "l", "text": EN_1 * 20}])
    items = run(["long.txt", "long.jsonl"], max_text_chars=1000)
    assert len(errors(items)) == 2
    for e in errors(items):
        assert "--truncate" in e.reason and "oversize" not in e.reason


# --- undecodable text is judged by its content, not its first bytes (issue 10 item 18) ----------

def test_bytes_ff_fe_do_not_make_a_file_utf16(in_tmp):
    text = "Café talks in Kessel\n" + EN_1
    data = b"\xff\xfe" + text.encode("cp1252")
    (in_tmp / "latin.txt").write_bytes(data if len(data) % 2 == 0 else data + b" ")  # even: UTF-16 "decodes" it
    (in_tmp / "junk.txt").write_bytes(b"\xff\xfe" + bytes(range(1, 256)) * 8)
    (in_tmp / "real16.txt").write_text("Ferry talks\n" + EN_2, "utf-16")
    latin, junk, real16 = run(["latin.txt", "junk.txt", "real16.txt"], check_language=False)
    assert isinstance(latin, Article) and EN_1 in latin.text and "Café talks" in latin.title
    assert not latin.extra["encoding"].startswith("utf")
    assert isinstance(junk, SourceError) and "cannot decode" in junk.reason and "FF FE" in junk.reason
    assert isinstance(real16, Article) and real16.title == "Ferry talks" and real16.text == EN_2
