// raqib dashboard: map, timeline, events table, claims, agreements, evacuations.
// Everything comes from this server's /api/v1; report text is only ever inserted as text
// (never as HTML), so nothing a report says can run in the page.
"use strict";

const API = "/api/v1";
const PLOVER = ["AGREE", "ASSAULT", "AID", "COERCE", "CONSULT", "DEMAND", "DISAPPROVE",
  "MOBILIZE", "PROTEST", "REJECT", "REQUEST", "RETREAT", "SANCTION", "SUPPORT", "THREATEN",
  "ACCUSE", "CONCEDE", "COOPERATE", "OTHER"];
const FILTERS = ["from", "to", "plover", "status", "place", "actor"];
const VIEWS = ["map", "timeline", "events", "claims", "agreements", "evacuations"];

const I18N = {
  en: {
    title: "raqib", map: "Map", timeline: "Timeline", events: "Events", claims: "Claims",
    agreements: "Agreements", evacuations: "Evacuations", api: "API", token: "Token",
    token_help: "API token (kept for this tab only)", from: "From", to: "To", type: "Type",
    status: "Status", place: "Place", actor: "Actor", apply: "Apply", clear: "Clear", any: "any",
    date: "Date", source: "Source", target: "Target", outlet: "Outlet", confidence: "Conf.",
    more: "More", events_total: "events", claimed_by: "Claimed by", denied_by: "Denied by",
    via: "via", nobody: "nobody named", evidence: "Evidence", chain: "According to",
    report: "Report", close: "Close", here: "Events here", no_claims: "No contested incidents.",
    no_agreements: "No agreements.", no_evacuations: "No evacuations.", parties: "Parties",
    mediators: "Mediators", terms: "Terms", history: "Status history", batches: "Batches",
    totals: "Totals", origin: "From", destinations: "To", people: "people", fighters: "fighters",
    buses: "buses", progress: "Batches done", reports: "reports", ranges: "Agreement and evacuation periods",
    footer: "Basemap: Natural Earth via world-atlas. Everything is served by this raqib server; no request leaves it.",
    versions: "What each report says", loading: "Loading…", unknown: "unknown",
  },
  ar: {
    title: "رقيب", map: "الخريطة", timeline: "الخط الزمني", events: "الأحداث", claims: "الادعاءات",
    agreements: "الاتفاقات", evacuations: "عمليات الإخلاء", api: "الواجهة البرمجية", token: "الرمز",
    token_help: "رمز الواجهة البرمجية (يُحفظ لهذه النافذة فقط)", from: "من", to: "إلى", type: "النوع",
    status: "الحالة", place: "المكان", actor: "الفاعل", apply: "تطبيق", clear: "مسح", any: "الكل",
    date: "التاريخ", source: "الفاعل", target: "المستهدف", outlet: "الوسيلة", confidence: "الثقة",
    more: "المزيد", events_total: "حدثاً", claimed_by: "ادّعاه", denied_by: "نفاه",
    via: "عبر", nobody: "لم يُسمَّ أحد", evidence: "الدليل", chain: "بحسب",
    report: "التقرير", close: "إغلاق", here: "الأحداث هنا", no_claims: "لا حوادث متنازع عليها.",
    no_agreements: "لا اتفاقات.", no_evacuations: "لا عمليات إخلاء.", parties: "الأطراف",
    mediators: "الوسطاء", terms: "البنود", history: "تاريخ الحالة", batches: "الدفعات",
    totals: "المجاميع", origin: "من", destinations: "إلى", people: "شخصاً", fighters: "مسلحاً",
    buses: "حافلة", progress: "الدفعات المنجزة", reports: "تقارير", ranges: "فترات الاتفاقات والإخلاء",
    footer: "الخريطة الأساسية: Natural Earth عبر world-atlas. كل شيء يُقدَّم من خادم رقيب هذا؛ لا يخرج أي طلب منه.",
    versions: "ما يقوله كل تقرير", loading: "جارٍ التحميل…", unknown: "غير معروف",
  },
};

const state = {
  lang: "en",
  view: "map",
  filters: {},
  cursor: null,
  mapEvents: [],
  map: null,
};

// ---------- small helpers ----------

function t(key) {
  return (I18N[state.lang] && I18N[state.lang][key]) || I18N.en[key] || key;
}

/** An element with attributes and children (strings become text nodes). */
function el(tag, attrs, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === null || v === undefined || v === false) continue;
    if (k === "class") e.className = v;
    else if (k === "text") e.textContent = v;
    else if (k.startsWith("on")) e.addEventListener(k.slice(2), v);
    else e.setAttribute(k, v === true ? "" : String(v));
  }
  for (const c of children.flat()) {
    if (c === null || c === undefined || c === false) continue;
    e.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return e;
}

/** Replace a node's children, leaving out null and false. */
function fill(node, ...children) {
  node.replaceChildren(...children.flat().filter((c) => c !== null && c !== undefined && c !== false));
}

function isArabic(s) {
  return /[\u0600-\u06FF]/.test(s || "");
}

function names(actors) {
  return (actors || []).map((a) => a.name).join(", ");
}

function dateOf(d) {
  if (!d) return "";
  if (typeof d === "string") return d;
  return d.value || d.from || "";
}

function placeNames(ps) {
  return (ps || []).map((p) => p.name).join(", ");
}

function badge(text) {
  return el("span", { class: "badge " + text, text });
}

const colour = d3.scaleOrdinal().domain(PLOVER).range(
  ["#2e7d32", "#c62828", "#00838f", "#6a1b9a", "#1565c0", "#ef6c00", "#8d6e63", "#5d4037",
    "#ad1457", "#455a64", "#0277bd", "#9e9d24", "#4e342e", "#00695c", "#d84315", "#7b1fa2",
    "#558b2f", "#283593", "#757575"]);

function token() {
  return sessionStorage.getItem("raqib-token") || "";
}

async function api(path) {
  const headers = { Accept: "application/json" };
  if (token()) headers.Authorization = "Bearer " + token();
  const res = await fetch(API + path, { headers });
  const body = await res.json().catch(() => ({}));
  if (!res.ok) {
    const msg = (body.error && body.error.message) || res.statusText;
    throw new Error(msg);
  }
  return body;
}

function showError(err) {
  const box = document.getElementById("error");
  if (!err) {
    box.hidden = true;
    box.textContent = "";
    return;
  }
  box.hidden = false;
  box.textContent = String(err.message || err);
}

function query(extra) {
  const p = new URLSearchParams();
  for (const k of FILTERS) if (state.filters[k]) p.set(k, state.filters[k]);
  for (const [k, v] of Object.entries(extra || {})) if (v !== null && v !== undefined) p.set(k, v);
  const s = p.toString();
  return s ? "?" + s : "";
}

// ---------- URL state ----------

function readUrl() {
  const p = new URLSearchParams(location.search);
  state.view = VIEWS.includes(p.get("view")) ? p.get("view") : "map";
  state.lang = p.get("lang") === "ar" ? "ar" : "en";
  state.filters = {};
  for (const k of FILTERS) if (p.get(k)) state.filters[k] = p.get(k);
}

function writeUrl() {
  const p = new URLSearchParams();
  p.set("view", state.view);
  if (state.lang !== "en") p.set("lang", state.lang);
  for (const k of FILTERS) if (state.filters[k]) p.set(k, state.filters[k]);
  history.replaceState(null, "", "?" + p.toString());
}

// ---------- language ----------

function applyLang() {
  const html = document.documentElement;
  html.lang = state.lang;
  html.dir = state.lang === "ar" ? "rtl" : "ltr";
  for (const e of document.querySelectorAll("[data-i18n]")) e.textContent = t(e.dataset.i18n);
  document.getElementById("lang-toggle").textContent = state.lang === "ar" ? "English" : "العربية";
}

// ---------- filters ----------

function fillFilterForm() {
  const form = document.getElementById("filters");
  const sel = form.elements.plover;
  if (sel.options.length === 1) {
    for (const p of PLOVER) sel.append(el("option", { value: p, text: p }));
  }
  for (const k of FILTERS) form.elements[k].value = state.filters[k] || "";
}

function readFilterForm() {
  const form = document.getElementById("filters");
  state.filters = {};
  for (const k of FILTERS) {
    const v = form.elements[k].value.trim();
    if (v) state.filters[k] = v;
  }
}

// ---------- views ----------

function showView(view) {
  state.view = view;
  for (const v of VIEWS) document.getElementById("view-" + v).hidden = v !== view;
  for (const b of document.querySelectorAll("#tabs button")) {
    if (b.dataset.view === view) b.setAttribute("aria-current", "page");
    else b.removeAttribute("aria-current");
  }
  writeUrl();
  render();
}

async function render() {
  showError(null);
  try {
    const totals = await api("/counts" + query({ by: "type" }));
    document.getElementById("total").textContent = totals.total + " " + t("events_total");
    if (state.view === "map") await renderMap();
    else if (state.view === "timeline") await renderTimeline();
    else if (state.view === "events") await renderTable(true);
    else if (state.view === "claims") await renderClaims();
    else if (state.view === "agreements") await renderAgreements();
    else if (state.view === "evacuations") await renderEvacuations();
    document.body.dataset.ready = state.view;
  } catch (err) {
    showError(err);
    document.body.dataset.ready = "error";
  }
}

// ---------- event card ----------

function evidenceNode(detail) {
  const ev = detail.evidence;
  const chars = Array.from(ev.text);
  const a = Math.max(0, Math.min(ev.trigger_start, chars.length));
  const b = Math.max(a, Math.min(ev.trigger_end, chars.length));
  const lang = isArabic(ev.text) ? "ar" : "en";
  return el("p", { class: "evidence", lang, dir: lang === "ar" ? "rtl" : "ltr" },
    chars.slice(0, a).join(""),
    el("mark", { text: chars.slice(a, b).join("") }),
    chars.slice(b).join(""));
}

async function openCard(eventId, target) {
  const card = document.getElementById(target || "card");
  card.hidden = false;
  fill(card, el("p", { class: "empty", text: t("loading") }));
  let d;
  try {
    d = await api("/events/" + encodeURIComponent(eventId));
  } catch (err) {
    fill(card, el("p", { class: "error", text: err.message }));
    return;
  }
  const e = d.event;
  const chain = el("ol", { class: "chain" },
    d.source_chain.map((c) => el("li", {}, c.name, c.code ? " (" + c.code + ")" : "")));
  fill(card, 
    el("button", { class: "close", type: "button", "aria-label": t("close"), onclick: () => { card.hidden = true; } }, "×"),
    el("h2", { "data-event-id": e.id },
      el("span", { class: "swatch" }), e.plover + (e.mode ? " · " + e.mode : "")),
    el("p", { class: "meta" }, badge(e.status), d.date || "", " · ", placeNames(e.location) || t("unknown")),
    el("p", { class: "meta" }, t("source") + ": ", names(e.source) || "—", " → ", t("target") + ": ", names(e.target) || "—"),
    el("p", { class: "meta" }, "CAMEO " + e.cameo + " · ACLED " + e.acled.event_type + " / " + e.acled.sub_event_type),
    el("h3", { class: "meta", text: t("evidence") }),
    evidenceNode(d),
    el("h3", { class: "meta", text: t("chain") }),
    chain,
    e.denied_by && e.denied_by.length
      ? el("p", { class: "meta denied" }, t("denied_by") + ": " + names(e.denied_by)) : null,
    el("p", { class: "meta" }, t("report") + ": ", d.report.url
      ? el("a", { href: d.report.url, rel: "noopener noreferrer", target: "_blank", text: d.report.id })
      : d.report.id, d.report.date ? " · " + d.report.date : ""),
    el("p", { class: "meta event-id", text: e.id }),
  );
  card.querySelector(".swatch").style.background = colour(e.plover);
  card.dataset.eventId = e.id;
}

function listCard(events) {
  const card = document.getElementById("card");
  card.hidden = false;
  card.dataset.eventId = "";
  fill(card, 
    el("button", { class: "close", type: "button", "aria-label": t("close"), onclick: () => { card.hidden = true; } }, "×"),
    el("h2", { text: t("here") + " (" + events.length + ")" }),
    el("ul", { class: "here" }, events.slice(0, 200).map((e) => el("li", {},
      el("button", { type: "button", "data-event-id": e.event.id, onclick: () => openCard(e.event.id) },
        (e.date || "") + " · " + e.event.plover + " · " + placeNames(e.event.location))))),
  );
}

// ---------- map ----------

let world = null;

async function loadWorld() {
  if (!world) {
    const res = await fetch("/assets/vendor/world-atlas/countries-50m.json");
    const topo = await res.json();
    world = topojson.feature(topo, topo.objects.countries);
  }
  return world;
}

function located(events) {
  return events.filter((e) => e.event.location && e.event.location.some((p) => p.lat !== null && p.lon !== null));
}

function lonLat(e) {
  const p = e.event.location.find((q) => q.lat !== null && q.lon !== null);
  return [p.lon, p.lat];
}

async function renderMap() {
  const [countries, page] = await Promise.all([loadWorld(), api("/events" + query({ limit: 1000, fields: "summary" }))]);
  const events = located(page.events);
  state.mapEvents = events;
  const svg = d3.select("#map");
  const node = svg.node();
  const width = node.clientWidth || 900;
  const height = node.clientHeight || 560;
  svg.attr("viewBox", [0, 0, width, height]);
  svg.selectAll("*").remove();
  const projection = d3.geoMercator();
  if (events.length) {
    const pts = { type: "MultiPoint", coordinates: events.map(lonLat) };
    projection.fitExtent([[60, 60], [width - 60, height - 60]], pts);
    // Never zoom in so far that one town fills the map.
    if (projection.scale() > 12000) projection.scale(12000);
    if (events.length === 1 || projection.scale() >= 12000) {
      const c = d3.geoCentroid(pts);
      projection.center(c).translate([width / 2, height / 2]).rotate([0, 0]);
    }
  } else {
    projection.center([38.5, 34.8]).scale(2600).translate([width / 2, height / 2]);
  }
  const path = d3.geoPath(projection);
  const root = svg.append("g").attr("class", "root");
  root.append("g").selectAll("path").data(countries.features).join("path")
    .attr("class", "country").attr("d", path);
  const markers = root.append("g").attr("class", "markers");
  const projected = events.map((e) => ({ e, xy: projection(lonLat(e)) }));
  let k = 1;
  const draw = () => drawClusters(markers, projected, k);
  draw();
  const zoom = d3.zoom().scaleExtent([1, 64]).on("zoom", (ev) => {
    root.attr("transform", ev.transform);
    if (ev.transform.k !== k) {
      k = ev.transform.k;
      draw();
    }
  });
  svg.call(zoom);
  state.map = { svg, zoom, width, height };
  const legend = document.getElementById("legend");
  const types = [...new Set(events.map((e) => e.event.plover))].sort();
  legend.replaceChildren(...types.map((p) => {
    const s = el("span", { class: "swatch" });
    s.style.background = colour(p);
    return el("span", {}, s, p);
  }));
}

/** Grid clusters in screen space: one circle per cell, coloured by its most common type. */
function drawClusters(g, projected, k) {
  const cell = 36 / k;
  const cells = new Map();
  for (const p of projected) {
    const key = Math.floor(p.xy[0] / cell) + ":" + Math.floor(p.xy[1] / cell);
    if (!cells.has(key)) cells.set(key, []);
    cells.get(key).push(p);
  }
  const clusters = [...cells.values()].map((ps) => {
    const x = d3.mean(ps, (p) => p.xy[0]);
    const y = d3.mean(ps, (p) => p.xy[1]);
    const byType = d3.rollups(ps, (v) => v.length, (p) => p.e.event.plover).sort((a, b) => b[1] - a[1]);
    return { x, y, ps, type: byType[0][0] };
  });
  // Large clusters first, so smaller ones and single events are drawn on top and stay clickable.
  clusters.sort((a, b) => b.ps.length - a.ps.length);
  g.selectAll("g.cluster").remove();
  const sel = g.selectAll("g.cluster").data(clusters).join("g").attr("class", "cluster")
    .attr("transform", (c) => `translate(${c.x},${c.y}) scale(${1 / k})`);
  sel.selectAll("*").remove();
  sel.append("circle")
    .attr("class", (c) => "marker " + (c.ps.length === 1 ? "event-marker" : "cluster-marker"))
    .attr("r", (c) => (c.ps.length === 1 ? 7 : Math.min(22, 8 + 2 * Math.sqrt(c.ps.length))))
    .attr("fill", (c) => colour(c.type))
    .attr("data-event-id", (c) => (c.ps.length === 1 ? c.ps[0].e.event.id : null))
    .attr("data-count", (c) => c.ps.length)
    .on("click", (ev, c) => {
      ev.stopPropagation();
      if (c.ps.length === 1) {
        openCard(c.ps[0].e.event.id);
        return;
      }
      const xs = c.ps.map((p) => p.xy[0]);
      const ys = c.ps.map((p) => p.xy[1]);
      const spread = Math.max(d3.max(xs) - d3.min(xs), d3.max(ys) - d3.min(ys));
      if (spread * k < 2 || k >= 64) {
        listCard(c.ps.map((p) => p.e));
      } else {
        const m = state.map;
        const nk = Math.min(64, Math.max(k * 2, (m.width / 3) / Math.max(spread, 1)));
        m.svg.transition().duration(400).call(m.zoom.transform,
          d3.zoomIdentity.translate(m.width / 2, m.height / 2).scale(nk).translate(-c.x, -c.y));
      }
    });
  sel.filter((c) => c.ps.length > 1).append("text").attr("class", "count")
    .attr("text-anchor", "middle").attr("dy", "0.35em").text((c) => c.ps.length);
}

// ---------- timeline ----------

function periods(items, kind) {
  const out = [];
  for (const it of items) {
    const hist = kind === "agreement" ? it.history : it.status_history;
    const dates = (hist || []).map((h) => dateOf(h.date)).filter(Boolean);
    if (kind === "evacuation") for (const b of it.batches || []) if (dateOf(b.date)) dates.push(dateOf(b.date));
    if (!dates.length) continue;
    dates.sort();
    const label = kind === "agreement"
      ? (names(it.parties) || it.id) + " · " + it.status
      : (names(it.group) || it.id) + " · " + it.status;
    out.push({ kind, from: dates[0], to: dates[dates.length - 1], label, id: it.id });
  }
  return out;
}

async function renderTimeline() {
  const [counts, ags, evs] = await Promise.all([
    api("/counts" + query({ by: "day-type" })),
    api("/agreements?limit=100"),
    api("/evacuations?limit=100"),
  ]);
  const rows = counts.counts;
  const ranges = periods(ags.items, "agreement").concat(periods(evs.items, "evacuation"));
  const svg = d3.select("#timeline");
  const node = svg.node();
  const width = node.clientWidth || 900;
  const laneH = 16;
  const height = Math.max(300, 260 + ranges.length * (laneH + 4));
  svg.attr("viewBox", [0, 0, width, height]).attr("height", height);
  svg.selectAll("*").remove();
  const parse = d3.utcParse("%Y-%m-%d");
  const days = rows.map((r) => r.key).concat(ranges.flatMap((r) => [r.from, r.to]));
  if (!days.length) {
    svg.append("text").attr("x", 20).attr("y", 30).text(t("events_total") + ": 0");
    return;
  }
  const margin = { left: 40, right: 20, top: 10 };
  const ext = d3.extent(days.map(parse));
  const x = d3.scaleUtc().domain([d3.utcDay.offset(ext[0], -1), d3.utcDay.offset(ext[1], 2)])
    .range(state.lang === "ar" ? [width - margin.right, margin.left] : [margin.left, width - margin.right]);
  const types = [...new Set(rows.map((r) => r.type))].sort();
  const byDay = d3.rollups(rows, (v) => Object.fromEntries(v.map((r) => [r.type, r.events])), (r) => r.key);
  const stackData = byDay.map(([day, m]) => Object.assign({ day: parse(day) }, Object.fromEntries(types.map((tp) => [tp, m[tp] || 0]))));
  const series = d3.stack().keys(types)(stackData);
  const chartH = 200;
  const y = d3.scaleLinear().domain([0, d3.max(series, (s) => d3.max(s, (d) => d[1])) || 1]).nice()
    .range([margin.top + chartH, margin.top]);
  const bw = Math.max(2, Math.abs(x(d3.utcDay.offset(ext[0], 1)) - x(ext[0])) * 0.8);
  svg.append("g").selectAll("g").data(series).join("g").attr("fill", (s) => colour(s.key))
    .attr("class", "series").attr("data-type", (s) => s.key)
    .selectAll("rect").data((s) => s).join("rect")
    .attr("class", "bar")
    .attr("x", (d) => x(d.data.day) - bw / 2).attr("width", bw)
    .attr("y", (d) => y(d[1])).attr("height", (d) => Math.max(0, y(d[0]) - y(d[1])));
  svg.append("g").attr("transform", `translate(0,${margin.top + chartH})`).call(d3.axisBottom(x).ticks(8));
  svg.append("g").attr("transform", `translate(${state.lang === "ar" ? width - margin.right : margin.left},0)`)
    .call((state.lang === "ar" ? d3.axisRight(y) : d3.axisLeft(y)).ticks(5));
  const top = margin.top + chartH + 40;
  svg.append("text").attr("class", "lane-label").attr("x", margin.left).attr("y", top - 8).text(t("ranges"));
  const lanes = svg.append("g").selectAll("g").data(ranges).join("g")
    .attr("transform", (_, i) => `translate(0,${top + i * (laneH + 4)})`);
  lanes.append("rect").attr("class", (r) => "range range-" + r.kind)
    .attr("data-id", (r) => r.id)
    .attr("x", (r) => Math.min(x(parse(r.from)), x(d3.utcDay.offset(parse(r.to), 1))))
    .attr("width", (r) => Math.max(4, Math.abs(x(d3.utcDay.offset(parse(r.to), 1)) - x(parse(r.from)))))
    .attr("height", laneH).attr("rx", 3);
  lanes.append("text").attr("class", "lane-label")
    .attr("x", (r) => Math.max(x(parse(r.from)), x(d3.utcDay.offset(parse(r.to), 1))) + 6)
    .attr("y", laneH - 4).text((r) => r.label + " (" + r.from + " → " + r.to + ")");
  const legend = document.getElementById("timeline-legend");
  legend.replaceChildren(...types.map((p) => {
    const s = el("span", { class: "swatch" });
    s.style.background = colour(p);
    return el("span", {}, s, p);
  }));
}

// ---------- table ----------

async function renderTable(fresh) {
  const tbody = document.querySelector("#events-table tbody");
  if (fresh) {
    state.cursor = null;
    tbody.replaceChildren();
  }
  const page = await api("/events" + query({ limit: 100, cursor: state.cursor, fields: "summary" }));
  for (const s of page.events) {
    const e = s.event;
    tbody.append(el("tr", { "data-event-id": e.id, onclick: () => openCard(e.id, "table-card") },
      el("td", { text: s.date || "" }),
      el("td", {}, e.plover),
      el("td", {}, badge(e.status)),
      el("td", { text: names(e.source) }),
      el("td", { text: names(e.target) }),
      el("td", { text: placeNames(e.location) }),
      el("td", { text: s.outlet || "" }),
      el("td", { text: e.confidence.toFixed(2) })));
  }
  state.cursor = page.next_cursor;
  document.getElementById("more").hidden = !state.cursor;
}

// ---------- claims ----------

function chainText(v) {
  const chain = (v.attribution || []).map((a) => a.name);
  return chain.length ? chain.join(" → ") : t("nobody");
}

async function renderClaims() {
  const list = document.getElementById("claims-list");
  const data = await api("/incidents?claims=true&limit=200");
  if (!data.items.length) {
    list.replaceChildren(el("p", { class: "empty", text: t("no_claims") }));
    return;
  }
  // Denied claims first: they are what this view is for.
  const items = data.items.slice().sort((a, b) => (b.denied_by.length > 0) - (a.denied_by.length > 0));
  list.replaceChildren(...items.map((i) => {
    const claimers = (i.claimed_by || []).map((a) => a.name);
    const versions = i.versions.map((v) => el("div", { class: "version", "data-report": v.report },
      badge(v.status), v.report, " — ", t("via"), " ", chainText(v),
      v.denied_by && v.denied_by.length ? " · " + t("denied_by") + ": " + names(v.denied_by) : "",
      v.evidence ? el("span", { class: "quote", lang: isArabic(v.evidence.text) ? "ar" : "en", dir: "auto", text: v.evidence.text }) : null));
    return el("article", { class: "item claim", "data-incident": i.id },
      el("h3", {}, i.plover + " · " + (placeNames(i.location) || t("unknown")) + " · " + dateOf(i.date)),
      el("p", { class: "meta" }, t("source") + ": " + (names(i.source) || "—") + " → " + t("target") + ": " + (names(i.target) || "—")),
      el("div", { class: "claim-grid" },
        el("div", { class: "claim-side claim" }, el("h4", { text: t("claimed_by") }),
          el("p", { class: "claimers", text: claimers.join(", ") || t("nobody") })),
        el("div", { class: "claim-side denial" }, el("h4", { text: t("denied_by") }),
          el("p", { class: "deniers", text: names(i.denied_by) || "—" }))),
      el("details", {}, el("summary", { text: t("versions") + " (" + i.versions.length + ")" }), versions));
  }));
}

// ---------- agreements ----------

async function renderAgreements() {
  const list = document.getElementById("agreements-list");
  const data = await api("/agreements?limit=200");
  if (!data.items.length) {
    list.replaceChildren(el("p", { class: "empty", text: t("no_agreements") }));
    return;
  }
  list.replaceChildren(...data.items.map((a) => el("article", { class: "item agreement", "data-agreement": a.id },
    el("h3", {}, badge(a.status), names(a.parties) || a.id),
    el("p", { class: "meta" }, t("mediators") + ": " + (names(a.mediators) || "—") + " · " + t("place") + ": " + (placeNames(a.location) || "—")),
    el("p", { class: "meta" }, t("terms") + ": " + ((a.terms || []).join(", ") || "—")),
    el("h4", { class: "meta", text: t("history") }),
    el("ol", { class: "history" }, (a.history || []).map((h) => el("li", {},
      el("strong", { text: dateOf(h.date) || "—" }), " ", badge(h.status), " ", h.report,
      h.claimed_by && h.claimed_by.length ? " · " + t("claimed_by") + ": " + names(h.claimed_by) : "",
      h.denied_by && h.denied_by.length ? " · " + t("denied_by") + ": " + names(h.denied_by) : ""))))));
}

// ---------- evacuations ----------

function qty(q) {
  return q ? (q.approx ? "~" : "") + (q.at_least ? "≥" : "") + q.value : "";
}

async function renderEvacuations() {
  const list = document.getElementById("evacuations-list");
  const data = await api("/evacuations?limit=200");
  if (!data.items.length) {
    list.replaceChildren(el("p", { class: "empty", text: t("no_evacuations") }));
    return;
  }
  list.replaceChildren(...data.items.map((v) => {
    const done = (v.batches || []).filter((b) => ["departed", "arrived"].includes(b.status)).length;
    const known = Math.max(done, (v.batches || []).length);
    const bar = el("div", { class: "progress", role: "progressbar", "aria-valuemin": 0, "aria-valuemax": known, "aria-valuenow": done }, el("div", {}));
    bar.firstChild.style.width = (known ? (100 * done) / known : 0) + "%";
    const rows = (v.batches || []).flatMap((b) => (b.versions.length ? b.versions : [{}]).map((bv, i) => el("tr", {},
      el("td", { text: i === 0 ? "#" + b.ordinal : "" }),
      el("td", {}, i === 0 ? badge(b.status) : ""),
      el("td", { text: i === 0 ? dateOf(b.date) : "" }),
      el("td", { text: qty(bv.people) }), el("td", { text: qty(bv.fighters) }), el("td", { text: qty(bv.buses) }),
      el("td", { text: names(bv.source) || bv.report || "" }))));
    return el("article", { class: "item evacuation", "data-evacuation": v.id },
      el("h3", {}, badge(v.status), names(v.group) || v.id, v.who && v.who.length ? " (" + v.who.join(", ") + ")" : ""),
      el("p", { class: "meta" }, t("origin") + ": " + (placeNames(v.origin) || "—") + " → " + t("destinations") + ": " + (placeNames(v.destinations) || "—")),
      el("p", { class: "meta" }, t("progress") + ": " + done + " / " + known), bar,
      el("table", { class: "batches" },
        el("thead", {}, el("tr", {}, el("th", { text: "#" }), el("th", { text: t("status") }), el("th", { text: t("date") }),
          el("th", { text: t("people") }), el("th", { text: t("fighters") }), el("th", { text: t("buses") }), el("th", { text: t("source") }))),
        el("tbody", {}, rows)),
      (v.totals || []).length ? el("p", { class: "meta" }, t("totals") + ": " + v.totals.map((x) => qty(x.people) + " (" + dateOf(x.date) + ")").join(", ")) : null);
  }));
}

// ---------- wiring ----------

function init() {
  readUrl();
  applyLang();
  fillFilterForm();
  const tokenInput = document.getElementById("token");
  tokenInput.value = token();
  tokenInput.addEventListener("change", () => {
    sessionStorage.setItem("raqib-token", tokenInput.value.trim());
    render();
  });
  document.getElementById("filters").addEventListener("submit", (ev) => {
    ev.preventDefault();
    readFilterForm();
    writeUrl();
    render();
  });
  document.getElementById("clear-filters").addEventListener("click", () => {
    state.filters = {};
    fillFilterForm();
    writeUrl();
    render();
  });
  for (const b of document.querySelectorAll("#tabs button")) {
    b.addEventListener("click", () => showView(b.dataset.view));
  }
  document.getElementById("lang-toggle").addEventListener("click", () => {
    state.lang = state.lang === "ar" ? "en" : "ar";
    applyLang();
    writeUrl();
    render();
  });
  document.getElementById("more").addEventListener("click", () => renderTable(false).catch(showError));
  // Open an event card by id (links from other tools, and the end-to-end tests).
  window.addEventListener("raqib-open", (ev) => openCard(String(ev.detail)));
  showView(state.view);
}

init();
