/* kg serve: search suggestions, the network (Cytoscape.js), the timeline and the evidence panel.
   Every text from the store goes into the page as a text node (textContent), never as HTML;
   every request goes to this server (same origin). */
"use strict";

const KIND_COLOURS = {
  meeting: "#3b6fd8", visit: "#2e9e5b", host: "#8e5bd6", "third-location": "#d69e2e",
  call: "#e0592a", negotiation: "#16a2b8", summit: "#c2357a",
};
const kindColour = (kind) => KIND_COLOURS[kind] || "#7a8594";

function el(tag, attrs, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs || {})) {
    if (value === null || value === undefined || value === false) continue;
    if (key === "text") node.textContent = value;
    else if (key === "on") for (const [ev, fn] of Object.entries(value)) node.addEventListener(ev, fn);
    else node.setAttribute(key, value);
  }
  for (const child of children) if (child !== null && child !== undefined) node.append(child);
  return node;
}

async function getJSON(path, params) {
  const url = new URL(path, window.location.origin);
  for (const [k, v] of Object.entries(params || {})) if (v !== "" && v !== null && v !== undefined) url.searchParams.set(k, v);
  const response = await fetch(url, { headers: { Accept: "application/json" } });
  if (!response.ok) throw new Error((await response.text()).trim() || response.statusText);
  return response.json();
}

const isWebLink = (url) => typeof url === "string" && /^https?:\/\//i.test(url);
const personHref = (iri) => "/person?" + new URLSearchParams({ iri });
const articleHref = (iri) => "/article?" + new URLSearchParams({ iri });

/* --- search with suggestions (every page) -------------------------------------------------- */

function setupSearch(onChoose) {
  const input = document.getElementById("q");
  const list = document.getElementById("suggestions");
  if (!input || !list) return;
  let items = [], active = -1, timer = null;
  const close = () => { list.hidden = true; active = -1; };
  const choose = (person) => { close(); input.value = person.label; onChoose(person); };
  const show = (people) => {
    items = people; active = -1; list.replaceChildren();
    for (const [i, p] of people.entries()) {
      const other = p.names.filter((n) => n !== p.label).slice(0, 2).join(", ");
      list.append(el("li", { role: "option", "data-iri": p.iri, on: { mousedown: (e) => { e.preventDefault(); choose(items[i]); } } },
        el("span", { text: p.label }), el("small", { text: (other ? other + " · " : "") + p.meetings + " meetings" })));
    }
    list.hidden = people.length === 0;
  };
  input.addEventListener("input", () => {
    clearTimeout(timer);
    const q = input.value.trim();
    if (!q) { close(); return; }
    timer = setTimeout(() => getJSON("/api/people", { q }).then(show).catch(close), 120);
  });
  input.addEventListener("keydown", (e) => {
    if (list.hidden) return;
    if (e.key === "ArrowDown" || e.key === "ArrowUp") {
      e.preventDefault();
      active = (active + (e.key === "ArrowDown" ? 1 : -1) + items.length) % items.length;
      [...list.children].forEach((li, i) => li.classList.toggle("active", i === active));
    } else if (e.key === "Enter") {
      e.preventDefault();
      choose(items[Math.max(active, 0)]);
    } else if (e.key === "Escape") close();
  });
  input.addEventListener("blur", () => setTimeout(close, 150));
}

/* --- the explorer ------------------------------------------------------------------------ */

const state = { person: null, label: "", view: "network", page: 0, cy: null };

function filterParams() {
  const kinds = [...document.querySelectorAll("input[name=kind]")];
  const checked = kinds.filter((k) => k.checked).map((k) => k.value);
  return {
    since: document.getElementById("since").value.trim(), until: document.getElementById("until").value.trim(),
    place: document.getElementById("place").value.trim(), status: document.getElementById("status").value,
    kinds: checked.length === kinds.length ? "" : checked.join(",") || "none",
  };
}

function status(text) { document.getElementById("status-line").textContent = text; }

function showPerson(person) {
  state.person = person ? person.iri : null;
  state.label = person ? person.label : "";
  state.page = 0;
  const url = new URL(window.location.href);
  url.search = person ? "?" + new URLSearchParams({ person: person.iri }) : "";
  history.replaceState(null, "", url);
  document.getElementById("title").textContent = person ? person.label : "The most connected people";
  const link = document.getElementById("person-link");
  link.hidden = !person;
  if (person) link.href = personHref(person.iri);
  switchView(state.view);
}

function refresh() { return state.view === "network" ? drawNetwork() : drawTimeline(); }

function switchView(view) {
  state.view = view;
  document.getElementById("tab-network").classList.toggle("on", view === "network");
  document.getElementById("tab-timeline").classList.toggle("on", view === "timeline");
  document.getElementById("network").hidden = view !== "network";
  document.getElementById("timeline").hidden = view !== "timeline";
  refresh();
}

async function drawNetwork() {
  status("Loading the network…");
  let graph;
  try {
    graph = await getJSON("/api/network", { person: state.person, depth: document.getElementById("depth").value,
      limit: document.getElementById("limit").value, ...filterParams() });
  } catch (err) { status("Could not load the network: " + err.message); return; }
  const maxMeetings = Math.max(1, ...graph.nodes.map((n) => n.meetings));
  const elements = graph.nodes.map((n) => ({ group: "nodes", data: { id: n.id, label: n.label, center: n.center ? 1 : 0, level: n.level,
    size: 22 + 38 * Math.sqrt(n.meetings / maxMeetings), meetings: n.meetings } }))
    .concat(graph.edges.map((e) => ({ group: "edges", data: { id: e.id, source: e.source, target: e.target, count: e.count,
      kind: e.kind, colour: kindColour(e.kind), width: Math.min(10, 1.5 + 1.5 * Math.log2(1 + e.count)) } })));
  if (state.cy) state.cy.destroy();
  const cy = cytoscape({
    container: document.getElementById("network"), elements, minZoom: 0.2, maxZoom: 3,
    style: [
      { selector: "node", style: { "background-color": "#4a6fa5", width: "data(size)", height: "data(size)",
        label: "data(label)", "font-size": 12, color: "#1d2733", "text-valign": "bottom", "text-margin-y": 4,
        "text-outline-color": "#fff", "text-outline-width": 2, "border-width": 2, "border-color": "#fff" } },
      { selector: "node[level = 2]", style: { "background-color": "#9bb3d4", color: "#4a5563", "font-size": 11 } },
      { selector: "node[center = 1]", style: { "background-color": "#e07b39", "font-weight": "bold", "font-size": 14 } },
      { selector: "edge", style: { "line-color": "data(colour)", width: "data(width)", "curve-style": "bezier", opacity: 0.85 } },
      { selector: "edge:selected", style: { opacity: 1, "underlay-color": "#ffd54a", "underlay-opacity": 0.6, "underlay-padding": 4 } },
      { selector: "node:selected", style: { "border-color": "#ffd54a", "border-width": 4 } },
    ],
    layout: { name: elements.length > 1 ? "cose" : "grid", animate: false, nodeRepulsion: () => 40000,
      idealEdgeLength: () => 110, nodeOverlap: 20, gravity: 0.6, padding: 30, randomize: false },
  });
  if (cy.zoom() > 1.3) { cy.zoom(1.3); cy.center(); }  // a small neighbourhood stays at a readable scale
  cy.on("tap", "edge", (evt) => showEdge(evt.target.data()));
  cy.on("tap", "node", (evt) => showPerson({ iri: evt.target.id(), label: evt.target.data("label") }));
  state.cy = cy;
  window.kgGraph = cy;  // for the browser tests and the console
  const shown = graph.nodes.length;
  status(shown ? `${shown} people, ${graph.edges.length} links · node size: meetings · click a line for the evidence, a person to centre on them`
    : "No meetings match: widen the filters or search someone else.");
}

function meetingLine(m) {
  const others = m.participants.filter((p) => p.iri !== state.person).map((p) => p.name).join(", ");
  return (state.person ? "with " : "") + (others || "—") + (m.place ? " · " + m.place : "");
}

async function drawTimeline() {
  const box = document.getElementById("timeline");
  status("Loading the timeline…");
  let data;
  try {
    data = await getJSON("/api/timeline", { person: state.person, page: state.page, ...filterParams() });
  } catch (err) { status("Could not load the timeline: " + err.message); return; }
  box.replaceChildren();
  let year = null, list = null;
  const item = (m) => {
    const li = el("li", { class: "tl-item", "data-meeting": m.iri },
      el("span", { class: "tl-date", text: m.date || "undated" }), el("span", { text: meetingLine(m) + " " }),
      el("span", { class: "tag", "data-kind": m.kind || "meeting", text: m.kind || "meeting" }),
      m.status === "planned" ? el("span", { class: "tag", text: "planned" }) : null);
    li.style.setProperty("--dot", kindColour(m.kind));
    li.addEventListener("click", () => {
      box.querySelectorAll(".tl-item.on").forEach((x) => x.classList.remove("on"));
      li.classList.add("on");
      showMeetings("/api/meeting", { iri: m.iri }, m.date || "undated meeting");
    });
    return li;
  };
  for (const m of data.dated) {
    if (m.date.slice(0, 4) !== year) {
      year = m.date.slice(0, 4);
      list = el("ul", { class: "tl-list" });
      box.append(el("div", { class: "tl-year", text: year }), list);
    }
    list.append(item(m));
  }
  if (data.pages > 1) {
    const go = (page) => () => { state.page = page; drawTimeline(); };
    box.append(el("div", { class: "tl-pager" },
      el("button", { type: "button", disabled: data.page === 0 ? "disabled" : null, on: { click: go(data.page - 1) }, text: "← earlier" }),
      el("span", { text: `page ${data.page + 1} of ${data.pages}` }),
      el("button", { type: "button", disabled: data.page + 1 >= data.pages ? "disabled" : null, on: { click: go(data.page + 1) }, text: "later →" })));
  }
  if (data.undated.length) {
    const undated = el("ul", { class: "tl-list" }, ...data.undated.map(item));
    box.append(el("div", { class: "tl-year", text: `Undated (${data.undatedTotal})` }), undated);
  }
  colourKinds(box);
  status(`${data.total} dated meetings` + (data.undatedTotal ? `, ${data.undatedTotal} undated` : "")
    + (data.total || data.undatedTotal ? " · click one for the evidence" : " · none match the filters"));
}

/* --- evidence ------------------------------------------------------------------------------ */

function showEdge(edge) {
  const a = state.cy.getElementById(edge.source).data("label"), b = state.cy.getElementById(edge.target).data("label");
  showMeetings("/api/edge", { a: edge.source, b: edge.target, ...filterParams() }, `${a} and ${b}`);
}

async function showMeetings(path, params, title) {
  const panel = document.getElementById("evidence");
  panel.replaceChildren(el("h2", { text: "Evidence" }), el("p", { class: "hint", text: "Loading…" }));
  let meetings;
  try { meetings = await getJSON(path, params); } catch (err) {
    panel.replaceChildren(el("h2", { text: "Evidence" }), el("p", { text: "Could not load: " + err.message })); return;
  }
  panel.replaceChildren(el("h2", { text: "Evidence" }), el("p", { class: "muted", text: `${title}: ${meetings.length} meeting(s)` }),
    ...meetings.map(evidenceCard));
}

function evidenceCard(m) {
  const rows = [["date", m.date || "undated"], ["place", m.place || "—"], ["kind", m.kind], ["status", m.status],
    ["confidence", m.confidence === null ? "—" : m.confidence.toFixed(2)]];
  const dl = el("dl", {});
  for (const [k, v] of rows) dl.append(el("dt", { text: k }), el("dd", { text: v }));
  const people = el("h3", {});
  m.people.forEach((p, i) => { if (i) people.append(" · "); people.append(el("a", { href: personHref(p.iri), text: p.name })); });
  const quotes = m.evidence.map((ev) => {
    const q = el("blockquote", { class: "sentence" });
    for (const [text, marked] of ev.segments) q.append(marked ? el("mark", { text }) : document.createTextNode(text));
    return q;
  });
  const src = m.source || {};
  const links = el("p", { class: "muted" }, el("a", { href: articleHref(m.article), class: "article-facts",
    text: "Everything read from “" + (src.headline || src.id || "the article") + "”" }));
  if (isWebLink(src.url)) links.append(" · ", el("a", { href: src.url, class: "source-link", rel: "noopener noreferrer",
    target: "_blank", text: "source article ↗" }));
  if (src.published) links.append(" · published " + src.published);
  return el("div", { class: "ev-card", "data-meeting": m.iri }, people, dl, ...quotes, links);
}

/* --- start ------------------------------------------------------------------------------- */

function colourKinds(root) {
  (root || document).querySelectorAll("[data-kind]").forEach((node) => {
    if (node.classList.contains("swatch")) node.style.background = kindColour(node.dataset.kind);
    else { node.style.background = kindColour(node.dataset.kind); node.style.color = "#fff"; }
  });
}

async function start() {
  colourKinds();
  const explorer = document.getElementById("network");
  if (!explorer) {  // person and article pages: the search box takes you to the explorer
    setupSearch((p) => { window.location.href = "/?" + new URLSearchParams({ person: p.iri }); });
    return;
  }
  setupSearch(showPerson);
  document.getElementById("tab-network").addEventListener("click", () => switchView("network"));
  document.getElementById("tab-timeline").addEventListener("click", () => switchView("timeline"));
  document.getElementById("apply").addEventListener("click", () => { state.page = 0; refresh(); });
  const params = new URLSearchParams(window.location.search);
  let person = null;
  try {
    if (params.get("person")) person = await getJSON("/api/person", { iri: params.get("person") });
    else if (params.get("q")) person = (await getJSON("/api/people", { q: params.get("q"), limit: 1 }))[0] || null;
  } catch (err) { status(err.message); }
  if (params.get("view") === "timeline") state.view = "timeline";
  if (person) { document.getElementById("q").value = person.label; showPerson(person); } else switchView(state.view);
}

document.addEventListener("DOMContentLoaded", start);
