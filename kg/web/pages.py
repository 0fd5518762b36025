"""Server-rendered HTML: the explorer's shell, the person page and the article page.

Every text that came from an article (names, sentences, headlines, URLs) passes
through `e()` (html.escape, quotes too) before it reaches the page.
"""
from __future__ import annotations

import html
import urllib.parse

from kg.web.data import KINDS

e = lambda value: html.escape("" if value is None else str(value), quote=True)  # noqa: E731


def link(path: str, **params: str) -> str:
    return e(path + ("?" + urllib.parse.urlencode(params) if params else ""))


def layout(title: str, body: str, *, scripts: tuple[str, ...] = ()) -> str:
    # The stylesheet carries the id under which Cytoscape.js would otherwise inject an
    # inline <style> (position: relative, set in app.css): so the strict CSP holds.
    tags = "".join(f'<script src="/static/{e(s)}" defer></script>' for s in scripts)
    return f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{e(title)} · kg</title>
<link rel="icon" href="/static/favicon.svg" type="image/svg+xml">
<link rel="stylesheet" href="/static/app.css" id="__________cytoscape_stylesheet">{tags}
</head><body>
<header class="top"><a class="brand" href="/">kg <span>who met whom</span></a>
<form class="search" action="/" method="get" role="search" autocomplete="off">
<input id="q" name="q" type="search" placeholder="Search people: Netanyahu, Putin…" aria-label="Search people">
<ul id="suggestions" class="suggestions" role="listbox" hidden></ul></form>
<nav><a href="/sparql">SPARQL endpoint</a></nav></header>
{body}
</body></html>
"""


def index_page() -> str:
    kinds = "".join(f'<label class="kind"><input type="checkbox" name="kind" value="{k}" checked>'
                    f'<span class="swatch" data-kind="{k}"></span>{k}</label>' for k in KINDS)
    body = f"""<div class="explorer">
<aside class="filters" aria-label="Filters">
<h2>Filters</h2>
<label>From <input id="since" type="text" placeholder="2019-01" pattern="\\d{{4}}(-\\d{{2}}(-\\d{{2}})?)?"></label>
<label>To <input id="until" type="text" placeholder="2019-12-31" pattern="\\d{{4}}(-\\d{{2}}(-\\d{{2}})?)?"></label>
<label>Place <input id="place" type="text" placeholder="Sochi"></label>
<label>Status <select id="status"><option value="happened">happened</option><option value="planned">planned</option>
<option value="any">both</option></select></label>
<label>Steps out <select id="depth"><option value="1">1</option><option value="2">2</option></select></label>
<label>Top neighbours <select id="limit"><option>15</option><option selected>30</option><option>60</option></select></label>
<fieldset><legend>Kinds</legend>{kinds}</fieldset>
<button id="apply" type="button">Apply</button>
</aside>
<main class="views">
<div class="viewbar"><h1 id="title">The most connected people</h1>
<div class="tabs" role="tablist"><button id="tab-network" role="tab" class="on">Network</button>
<button id="tab-timeline" role="tab">Timeline</button></div>
<a id="person-link" class="person-link" hidden>Person page →</a></div>
<div id="network" class="network" aria-label="Network of meetings"></div>
<div id="timeline" class="timeline" hidden></div>
<p id="status-line" class="status-line"></p>
</main>
<aside id="evidence" class="evidence" aria-live="polite">
<h2>Evidence</h2><p class="hint">Click a line between two people, or a meeting on the timeline,
to read the sentences it was taken from.</p></aside>
</div>"""
    return layout("Explorer", body, scripts=("cytoscape.min.js", "app.js"))


def _article_link(a: dict) -> str:
    title = a.get("headline") or a.get("id") or a.get("iri")
    own = link("/article", iri=a["iri"])
    out = f'<a href="{own}">{e(title)}</a>'
    if a.get("published"):
        out += f' <span class="muted">{e(a["published"])}</span>'
    if (a.get("url") or "").startswith(("http://", "https://")):
        out += f' <a class="source" href="{e(a["url"])}" rel="noopener noreferrer" target="_blank">source ↗</a>'
    return out


def _evidence(fact: dict) -> str:
    items = []
    for ev in fact.get("evidence", []):
        text = "".join(f"<mark>{e(t)}</mark>" if marked else e(t) for t, marked in ev["segments"])
        rules = f' <span class="muted">({e(", ".join(ev["rules"]))})</span>' if ev["rules"] else ""
        items.append(f"<blockquote>{text}{rules}</blockquote>")
    return "".join(items)


def _person_link(p: dict) -> str:
    return f'<a href="{link("/person", iri=p["iri"])}">{e(p["name"])}</a>'


def _meeting_row(m: dict, own: str) -> str:
    people = ", ".join(_person_link(p) for p in m["participants"] if p["iri"] != own)
    return (f'<tr><td>{e(m["date"] or "undated")}</td><td>{people}</td><td>{e(m["place"] or "")}</td>'
            f'<td><span class="tag" data-kind="{e(m["kind"] or "meeting")}">{e(m["kind"] or "meeting")}</span></td>'
            f'<td>{e(m["status"] or "happened")}</td>'
            f'<td><a href="{link("/article", iri=m["article"])}">article</a></td></tr>')


def person_page(person: dict, label: str) -> str:
    names = ", ".join(e(n) for n in person["names"])
    offices = "".join(
        f'<li>{e(o["post"])}{" — " + e(o["country"]) if o["country"] else ""} '
        f'<span class="tag {"former" if o["current"] == 0 else "current"}">{"former" if o["current"] == 0 else "current"}</span>'
        f' <span class="muted">{len(o["articles"])} article(s)</span></li>' for o in person["offices"]) or "<li>none read</li>"
    parties = "".join(
        f'<li>{e(p["party"])}{" (" + e(", ".join(sorted(p["roles"]))) + ")" if p["roles"] else ""} '
        f'<span class="tag {"former" if p["current"] == 0 else "current"}">{"former" if p["current"] == 0 else "current"}</span>'
        f' <span class="muted">{len(p["articles"])} article(s)</span></li>' for p in person["parties"]) or "<li>none read</li>"
    meetings = "".join(_meeting_row(m, person["iri"]) for m in person["meetings"]) or '<tr><td colspan="6">none read</td></tr>'
    elections = "".join(
        f'<li>{e(x["label"])}{" — won by " + e(x["winnerName"]) if x["winnerName"] else ""}</li>'
        for x in person["elections"]) or "<li>none</li>"
    arts = "".join(f"<li>{_article_link(a)}</li>" for a in person["articles"])
    explore = link("/", person=person["iri"])
    body = f"""<main class="page">
<h1>{e(label)}</h1>
<p class="muted">Also written: {names} · <a href="{explore}">network and timeline →</a></p>
<div class="counts"><span><b>{len(person["meetings"])}</b> meetings</span><span><b>{len(person["articles"])}</b> articles</span>
<span><b>{len(person["offices"])}</b> offices</span><span><b>{len(person["parties"])}</b> parties</span></div>
<section><h2>Offices</h2><ul>{offices}</ul></section>
<section><h2>Parties</h2><ul>{parties}</ul></section>
<section><h2>Meetings</h2><table class="meetings"><thead><tr><th>date</th><th>with</th><th>place</th><th>kind</th>
<th>status</th><th>source</th></tr></thead><tbody>{meetings}</tbody></table></section>
<section><h2>Elections in the same articles</h2><ul>{elections}</ul></section>
<section><h2>Articles ({len(person["articles"])})</h2><ul class="articles">{arts}</ul></section>
<p class="muted iri">{e(person["iri"])}</p>
</main>"""
    return layout(label, body, scripts=("app.js",))


def article_page(article: dict, facts: list[dict]) -> str:
    sections = []
    for kind, title in (("meeting", "Meetings"), ("office", "Offices"), ("party", "Parties"), ("election", "Elections")):
        items = []
        for f in (f for f in facts if f["type"] == kind):
            bits = [e(f.get("date") or "")] if f.get("date") else []
            if kind == "meeting":
                bits += [e(f["kind"]), e(f["status"])]
            if f.get("confidence") is not None:
                bits.append(f"confidence {f['confidence']:.2f}")
            people = ", ".join(_person_link(p) for p in f.get("people", []))
            items.append(f'<li class="fact"><b>{e(f["summary"])}</b> <span class="muted">{" · ".join(bits)}</span>'
                         f'<div class="muted">{people}</div>{_evidence(f)}</li>')
        if items:
            sections.append(f"<section><h2>{title} ({len(items)})</h2><ul>{''.join(items)}</ul></section>")
    source = (f'<a class="source" href="{e(article["url"])}" rel="noopener noreferrer" target="_blank">{e(article["url"])} ↗</a>'
              if (article.get("url") or "").startswith(("http://", "https://")) else e(article.get("url") or ""))
    body = f"""<main class="page">
<h1>{e(article.get("headline") or article.get("id") or "Article")}</h1>
<p class="muted">{e(article.get("published") or "undated")} · {e(article.get("id") or "")} · {source}</p>
{''.join(sections) or '<p>No facts were read from this article.</p>'}
<p class="muted iri">{e(article["iri"])}</p>
</main>"""
    return layout(article.get("headline") or "Article", body, scripts=("app.js",))


def sparql_page() -> str:
    body = """<main class="page"><h1>SPARQL endpoint</h1>
<p>Read-only SPARQL 1.1 Protocol at <code>/sparql</code>: <code>GET ?query=</code>, or POST form-encoded or
<code>application/sparql-query</code>. The default graph is the union of the article graphs; <code>GRAPH ?g</code>
reaches each article. Prefixes <code>kg: schema: org: sem: prov: skos: rdfs: rdf: xsd: owl:</code> are predeclared.</p>
<form method="get" action="/sparql"><textarea name="query" rows="8" class="query">SELECT ?name (COUNT(?m) AS ?meetings) WHERE {
  ?m a kg:Meeting ; kg:participant ?p . ?p rdfs:label ?name
} GROUP BY ?name ORDER BY DESC(?meetings) LIMIT 20</textarea>
<label>Format <select name="format"><option>json</option><option>xml</option><option>csv</option><option>tsv</option>
<option>turtle</option></select></label> <button type="submit">Run</button></form></main>"""
    return layout("SPARQL", body)


def error_page(status: int, message: str) -> str:
    return layout(str(status), f'<main class="page"><h1>{status}</h1><p>{e(message)}</p></main>')
