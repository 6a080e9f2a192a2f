// The resgestae dashboard: filters kept in the URL, a map of events on Natural Earth shapes
// (world-atlas, bundled: no tile server), a timeline that brushes the dates, a table, the top
// dyads and an event panel with the evidence highlighted. Every number comes from the API.
import { geoNaturalEarth1, geoPath, geoGraticule10 } from "d3-geo";
import { feature, mesh } from "topojson-client";
import Supercluster from "supercluster";
import world from "world-atlas/countries-110m.json";

const FILTERS = ["since", "until", "event", "country", "actor", "min_confidence"];
const QUAD = { 1: "#4c9be8", 2: "#1f6f3f", 3: "#f0a020", 4: "#d7263d" };
const QUAD_NAME = { 1: "verbal cooperation", 2: "material cooperation", 3: "verbal conflict", 4: "material conflict" };

const $ = (sel) => document.querySelector(sel);
const form = $("#filters");

// ---- filters <-> URL ------------------------------------------------------------------
function readFilters() {
  const params = new URLSearchParams(location.search);
  const f = {};
  for (const k of FILTERS) if (params.get(k)) f[k] = params.get(k);
  return f;
}

function showFilters(f) {
  for (const k of FILTERS) form.elements[k].value = f[k] ?? (k === "min_confidence" ? "0" : "");
  $("#conf-out").textContent = form.elements.min_confidence.value;
}

function setFilters(f) {
  const params = new URLSearchParams();
  for (const k of FILTERS) if (f[k] && !(k === "min_confidence" && Number(f[k]) === 0)) params.set(k, f[k]);
  const period = $("#period").value;
  if (period !== "month") params.set("period", period);
  history.pushState(null, "", params.toString() ? `?${params}` : location.pathname);
  refresh();
}

function formFilters() {
  const f = {};
  for (const k of FILTERS) {
    const v = form.elements[k].value.trim();
    if (v) f[k] = k === "country" ? v.toUpperCase() : v;
  }
  return f;
}

function query(f, extra = {}) {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(f)) if (v !== undefined && v !== "" && !(k === "min_confidence" && Number(v) === 0)) params.set(k, v);
  for (const [k, v] of Object.entries(extra)) params.set(k, v);
  return params.toString();
}

async function api(path, f, extra) {
  const res = await fetch(`/api/${path}?${query(f, extra)}`);
  const body = await res.json();
  if (!res.ok) throw new Error(body.error || res.statusText);
  return body;
}

// ---- map ------------------------------------------------------------------------------
const canvas = $("#map");
const ctx = canvas.getContext("2d");
const land = feature(world, world.objects.countries);
const borders = mesh(world, world.objects.countries, (a, b) => a !== b);
const graticule = geoGraticule10();
const map = { k: 1, x: 0, y: 0, index: null, clusters: [], points: 0 };

function projection() {
  const w = canvas.clientWidth, h = canvas.clientHeight;
  const p = geoNaturalEarth1().fitExtent([[4, 4], [w - 4, h - 4]], { type: "Sphere" });
  const [tx, ty] = p.translate();
  return p.scale(p.scale() * map.k).translate([tx * map.k + map.x - (w / 2) * (map.k - 1), ty * map.k + map.y - (h / 2) * (map.k - 1)]);
}

function drawMap() {
  const ratio = window.devicePixelRatio || 1;
  const w = canvas.clientWidth, h = canvas.clientHeight;
  if (canvas.width !== w * ratio) { canvas.width = w * ratio; canvas.height = h * ratio; }
  ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
  ctx.clearRect(0, 0, w, h);
  const p = projection();
  const path = geoPath(p, ctx);
  ctx.beginPath(); path({ type: "Sphere" }); ctx.fillStyle = "#dfe9f3"; ctx.fill();
  ctx.beginPath(); path(graticule); ctx.strokeStyle = "#c9d6e3"; ctx.lineWidth = 0.5; ctx.stroke();
  ctx.beginPath(); path(land); ctx.fillStyle = "#f7f4ee"; ctx.fill();
  ctx.beginPath(); path(borders); ctx.strokeStyle = "#b9b2a5"; ctx.lineWidth = 0.5; ctx.stroke();
  map.clusters = [];
  if (!map.index) return;
  const zoom = Math.max(0, Math.min(16, Math.round(Math.log2(map.k) + 1)));
  for (const c of map.index.getClusters([-180, -85, 180, 85], zoom)) {
    const xy = p(c.geometry.coordinates);
    if (!xy || xy[0] < -20 || xy[1] < -20 || xy[0] > w + 20 || xy[1] > h + 20) continue;
    const n = c.properties.point_count || 1;
    const quads = c.properties.cluster ? [1, 2, 3, 4].map((q) => c.properties[`q${q}`]) : null;
    const quad = quads ? 1 + quads.indexOf(Math.max(...quads)) : c.properties.quad;
    const r = c.properties.cluster ? 5 + 3 * Math.log2(n) : 4;
    ctx.beginPath(); ctx.arc(xy[0], xy[1], r, 0, 2 * Math.PI);
    ctx.fillStyle = (QUAD[quad] || "#777") + (c.properties.cluster ? "cc" : "ee");
    ctx.fill(); ctx.strokeStyle = "#fff"; ctx.lineWidth = 1; ctx.stroke();
    if (c.properties.cluster) {
      ctx.fillStyle = "#fff"; ctx.font = "bold 10px system-ui"; ctx.textAlign = "center"; ctx.textBaseline = "middle";
      ctx.fillText(c.properties.point_count_abbreviated, xy[0], xy[1]);
    }
    map.clusters.push({ x: xy[0], y: xy[1], r, c });
  }
  canvas.dataset.clusters = String(map.clusters.length);
}

async function loadMap(f) {
  const body = await api("map", f, { limit: 10000 });
  const index = new Supercluster({
    radius: 40, maxZoom: 8,
    map: (p) => ({ q1: +(p.quad === 1), q2: +(p.quad === 2), q3: +(p.quad === 3), q4: +(p.quad === 4) }),
    reduce: (a, b) => { a.q1 += b.q1; a.q2 += b.q2; a.q3 += b.q3; a.q4 += b.q4; },
  });
  index.load(body.points.map(([lon, lat, quad, id]) => ({
    type: "Feature", geometry: { type: "Point", coordinates: [lon, lat] }, properties: { quad, id },
  })));
  map.index = index;
  map.points = body.points.length;
  canvas.dataset.points = String(body.points.length);
  $("#map-status").textContent = body.truncated
    ? `${body.points.length.toLocaleString()} most confident of ${body.total.toLocaleString()} placed events`
    : `${body.total.toLocaleString()} placed events`;
  drawMap();
}

function hit(ev) {
  const rect = canvas.getBoundingClientRect();
  const x = ev.clientX - rect.left, y = ev.clientY - rect.top;
  return map.clusters.find((m) => (m.x - x) ** 2 + (m.y - y) ** 2 <= (m.r + 2) ** 2);
}

function zoomAt(x, y, factor) {
  const k = Math.max(1, Math.min(256, map.k * factor));
  const w = canvas.clientWidth, h = canvas.clientHeight;
  const f = k / map.k;
  // keep the point under (x, y) where it is
  map.x = (map.x - (x - w / 2)) * f + (x - w / 2);
  map.y = (map.y - (y - h / 2)) * f + (y - h / 2);
  if (k === 1) { map.x = 0; map.y = 0; }
  map.k = k;
  drawMap();
}

let drag = null;
canvas.addEventListener("wheel", (ev) => {
  ev.preventDefault();
  const rect = canvas.getBoundingClientRect();
  zoomAt(ev.clientX - rect.left, ev.clientY - rect.top, ev.deltaY < 0 ? 1.5 : 1 / 1.5);
}, { passive: false });
canvas.addEventListener("pointerdown", (ev) => { drag = { x: ev.clientX, y: ev.clientY, moved: false }; });
canvas.addEventListener("pointermove", (ev) => {
  if (!drag) { canvas.style.cursor = hit(ev) ? "pointer" : "grab"; return; }
  const dx = ev.clientX - drag.x, dy = ev.clientY - drag.y;
  if (Math.abs(dx) + Math.abs(dy) > 3) drag.moved = true;
  if (drag.moved && map.k > 1) { map.x += dx; map.y += dy; drag.x = ev.clientX; drag.y = ev.clientY; drawMap(); }
});
canvas.addEventListener("pointerup", (ev) => {
  const moved = drag && drag.moved;
  drag = null;
  if (moved) return;
  const m = hit(ev);
  if (!m) return;
  if (m.c.properties.cluster) {
    const rect = canvas.getBoundingClientRect();
    zoomAt(ev.clientX - rect.left, ev.clientY - rect.top, 4);
  } else {
    openEvent(m.c.properties.id);
  }
});

// ---- timeline -------------------------------------------------------------------------
const svg = $("#timeline");
const NS = "http://www.w3.org/2000/svg";
let bins = [];

function periodStart(label, period) {
  if (period === "month") return `${label}-01`;
  if (period === "week") {
    const [y, w] = label.split("-W").map(Number);
    const jan4 = new Date(Date.UTC(y, 0, 4));
    const monday = new Date(jan4.getTime() - ((jan4.getUTCDay() + 6) % 7) * 864e5 + (w - 1) * 7 * 864e5);
    return monday.toISOString().slice(0, 10);
  }
  return label;
}

function periodEnd(label, period) {
  const start = new Date(`${periodStart(label, period)}T00:00:00Z`);
  if (period === "day") return label;
  if (period === "week") return new Date(start.getTime() + 6 * 864e5).toISOString().slice(0, 10);
  return new Date(Date.UTC(start.getUTCFullYear(), start.getUTCMonth() + 1, 0)).toISOString().slice(0, 10);
}

async function loadTimeline(f) {
  const period = $("#period").value;
  const body = await api("counts", f, { by: period });
  bins = body.counts.filter((c) => c[period]).map((c) => ({ label: c[period], n: c.events, period }));
  drawTimeline();
  const total = bins.reduce((s, b) => s + b.n, 0);
  $("#timeline-status").textContent = `${total.toLocaleString()} dated events in ${bins.length} ${period}s`;
}

function drawTimeline(brush) {
  const w = svg.clientWidth, h = svg.clientHeight, pad = 18;
  svg.replaceChildren();
  svg.dataset.bars = String(bins.length);
  if (!bins.length) return;
  const max = Math.max(...bins.map((b) => b.n));
  const bw = w / bins.length;
  bins.forEach((b, i) => {
    const bh = ((h - pad) * b.n) / max;
    const r = document.createElementNS(NS, "rect");
    r.setAttribute("class", "bar");
    r.setAttribute("x", i * bw + 0.5); r.setAttribute("width", Math.max(1, bw - 1));
    r.setAttribute("y", h - pad - bh); r.setAttribute("height", bh);
    r.dataset.label = b.label; r.dataset.n = b.n;
    const t = document.createElementNS(NS, "title"); t.textContent = `${b.label}: ${b.n}`; r.append(t);
    svg.append(r);
  });
  const step = Math.ceil(bins.length / Math.max(1, Math.floor(w / 70)));
  bins.forEach((b, i) => {
    if (i % step) return;
    const t = document.createElementNS(NS, "text");
    t.setAttribute("x", i * bw + 2); t.setAttribute("y", h - 4); t.textContent = b.label;
    svg.append(t);
  });
  if (brush) {
    const r = document.createElementNS(NS, "rect");
    r.setAttribute("class", "brush");
    r.setAttribute("x", Math.min(brush[0], brush[1])); r.setAttribute("width", Math.abs(brush[1] - brush[0]));
    r.setAttribute("y", 0); r.setAttribute("height", h - pad);
    svg.append(r);
  }
}

let brushing = null;
const svgX = (ev) => ev.clientX - svg.getBoundingClientRect().left;
svg.addEventListener("pointerdown", (ev) => { brushing = [svgX(ev), svgX(ev)]; svg.setPointerCapture(ev.pointerId); });
svg.addEventListener("pointermove", (ev) => { if (brushing) { brushing[1] = svgX(ev); drawTimeline(brushing); } });
svg.addEventListener("pointerup", () => {
  if (!brushing || !bins.length) { brushing = null; return; }
  const bw = svg.clientWidth / bins.length;
  const [a, b] = [Math.min(...brushing), Math.max(...brushing)];
  brushing = null;
  const i = Math.max(0, Math.min(bins.length - 1, Math.floor(a / bw)));
  const j = Math.max(0, Math.min(bins.length - 1, Math.floor(b / bw)));
  const f = formFilters();
  f.since = periodStart(bins[i].label, bins[i].period);
  f.until = periodEnd(bins[j].label, bins[j].period);
  setFilters(f);
});
$("#period").addEventListener("change", () => setFilters(formFilters()));

// ---- table, dyads ---------------------------------------------------------------------
let next = null;
const who = (list) => (list && list.length ? list.map((a) => a.code || a.country || a.text).join(", ") : "–");

function row(e) {
  const tr = document.createElement("tr");
  tr.dataset.id = e.id;
  const place = e.location ? `${e.location.name || e.location.text || ""} ${e.location.country || ""}`.trim() : "–";
  const cells = [e.date || "–", `${e.event || ""} ${e.cameo || ""}`, who(e.actor), who(e.recipient), place,
    `${e.num_mentions}/${e.num_sources}`, e.sentence || ""];
  cells.forEach((text, i) => {
    const td = document.createElement("td");
    td.textContent = text;
    if (i === 6) { td.className = "sentence"; td.title = text; }
    if (i === 1 && e.quad_class) td.style.borderLeft = `4px solid ${QUAD[e.quad_class]}`;
    tr.append(td);
  });
  tr.addEventListener("click", () => openEvent(e.id));
  return tr;
}

async function loadTable(f, more = false) {
  const body = await api("events", f, more && next ? { limit: 50, cursor: next } : { limit: 50 });
  const tbody = $("#events tbody");
  if (!more) tbody.replaceChildren();
  for (const e of body.events) tbody.append(row(e));
  next = body.next;
  $("#more").hidden = !next;
}

async function loadDyads(f) {
  const body = await api("actors", f, { top: 15 });
  const ol = $("#dyads");
  ol.replaceChildren();
  for (const d of body.dyads) {
    const li = document.createElement("li");
    const a = document.createElement("a");
    a.href = "#"; a.textContent = `${d.actor} → ${d.recipient}`;
    a.addEventListener("click", (ev) => { ev.preventDefault(); setFilters({ ...formFilters(), actor: d.actor }); });
    const n = document.createElement("span"); n.className = "n"; n.textContent = ` ${d.events}`;
    li.append(a, n); ol.append(li);
  }
  if (!body.dyads.length) ol.textContent = "no dyad for these filters";
}

// ---- event panel ----------------------------------------------------------------------
// The sentence with its evidence marked: offsets are in the article; the sentence starts at
// span[0]. Each character takes the strongest role covering it (trigger, actor, recipient,
// place), so nested spans ("Polish" inside "The Polish government") never break the markup.
function highlighted(m) {
  const text = m.sentence || "";
  const base = m.span ? m.span[0] : 0;
  const roles = new Array(text.length).fill(null);
  const mark = (s, e, role, title) => {
    if (s == null || e == null) return;
    const span = { role, title }; // one object a span, so a run of it is one <mark>
    for (let i = Math.max(0, s - base); i < Math.min(text.length, e - base); i++) {
      if (!roles[i] || rank[role] < rank[roles[i].role]) roles[i] = span;
    }
  };
  const rank = { trigger: 0, actor: 1, recipient: 2, place: 3 };
  if (m.location) mark(m.location.start, m.location.end, "place", `place: ${m.location.name || ""} ${m.location.country || ""} (${m.location.rule})`);
  for (const a of m.recipient || []) mark(a.start, a.end, "recipient", `recipient: ${a.code || a.country || "?"} (${a.rule})`);
  for (const a of m.actor || []) mark(a.start, a.end, "actor", `actor: ${a.code || a.country || "?"} (${a.rule})`);
  if (m.trigger) mark(m.trigger.start, m.trigger.end, "trigger", `trigger: ${m.rule}`);
  const p = document.createElement("p");
  p.className = "sentence-hl";
  let i = 0;
  while (i < text.length) {
    let j = i;
    while (j < text.length && roles[j] === roles[i]) j++;
    const piece = text.slice(i, j);
    if (roles[i]) {
      const el = document.createElement("mark");
      el.className = roles[i].role; el.title = roles[i].title; el.textContent = piece;
      p.append(el);
    } else p.append(piece);
    i = j;
  }
  return p;
}

function dl(pairs) {
  const el = document.createElement("dl");
  for (const [k, v] of pairs) {
    if (v === null || v === undefined || v === "") continue;
    const dt = document.createElement("dt"); dt.textContent = k;
    const dd = document.createElement("dd"); dd.textContent = v;
    el.append(dt, dd);
  }
  return el;
}

async function openEvent(id) {
  const res = await fetch(`/api/events/${encodeURIComponent(id)}`);
  const e = await res.json();
  const body = $("#panel-body");
  body.replaceChildren();
  if (!res.ok) { body.textContent = e.error; $("#panel").hidden = false; return; }
  const h = document.createElement("h2");
  h.textContent = `${e.event || e.cameo} · ${e.date || "undated"}`;
  body.append(h, dl([
    ["event", e.event], ["CAMEO", e.cameo], ["quad class", e.quad_class ? `${e.quad_class} (${QUAD_NAME[e.quad_class]})` : null],
    ["Goldstein", e.goldstein], ["ACLED", e.acled_type ? `${e.acled_type} / ${e.acled_subtype}` : null],
    ["dates", e.date_first === e.date_last ? e.date_first : `${e.date_first} – ${e.date_last}`],
    ["actor", who(e.actor)], ["recipient", who(e.recipient)],
    ["place", e.location ? `${e.location.name || e.location.text} ${e.location.country || ""} (${e.location.precision})` : null],
    ["confidence", e.confidence], ["fatalities", e.fatalities],
    ["reports", `${e.num_mentions} mentions in ${e.num_articles} articles from ${e.num_sources} sources`],
  ]));
  const hm = document.createElement("h3"); hm.textContent = "Mentions"; body.append(hm);
  for (const m of e.mentions) {
    const div = document.createElement("div");
    div.className = "mention";
    div.dataset.id = m.id;
    div.append(highlighted(m));
    const src = document.createElement("div");
    src.className = "rules";
    src.append(`${m.source || m.source_name || "unknown source"} · ${m.published || ""} · `);
    const link = document.createElement("a");
    link.href = m.url || `/api/articles/${m.article_id}`;
    link.textContent = m.url ? "article" : "stored article";
    link.target = "_blank"; link.rel = "noopener";
    src.append(link);
    const rules = document.createElement("div");
    rules.className = "rules";
    const bits = [["event", `${m.event || ""} ${m.cameo} ← ${m.rule}`]];
    for (const a of m.actor || []) bits.push(["actor", `${a.text} → ${a.code || a.country || "?"} ← ${a.rule}`]);
    for (const a of m.recipient || []) bits.push(["recipient", `${a.text} → ${a.code || a.country || "?"} ← ${a.rule}`]);
    if (m.location) bits.push(["place", `${m.location.text || m.location.name} → ${m.location.name} ${m.location.country || ""} ← ${m.location.rule}`]);
    bits.push(["date", `${m.date} (${m.date_source})`], ["confidence", m.confidence]);
    for (const [k, v] of bits) {
      const line = document.createElement("div");
      const code = document.createElement("code"); code.textContent = v;
      line.append(`${k}: `, code); rules.append(line);
    }
    div.append(src, rules);
    body.append(div);
  }
  const ha = document.createElement("h3"); ha.textContent = "Articles"; body.append(ha);
  const ul = document.createElement("ul");
  for (const a of e.articles) {
    const li = document.createElement("li");
    const link = document.createElement("a");
    link.href = a.url || a.href; link.textContent = a.title || a.url || a.id; link.target = "_blank"; link.rel = "noopener";
    li.append(link, ` ${a.source || ""} ${a.published || ""}${a.duplicate_of ? " (near-duplicate)" : ""}`);
    ul.append(li);
  }
  body.append(ul);
  $("#panel").hidden = false;
}
$("#close").addEventListener("click", () => { $("#panel").hidden = true; });

// ---- wiring ---------------------------------------------------------------------------
async function refresh() {
  const f = readFilters();
  const period = new URLSearchParams(location.search).get("period");
  $("#period").value = ["day", "week", "month"].includes(period) ? period : "month";
  showFilters(f);
  document.body.dataset.state = "loading";
  try {
    await Promise.all([loadMap(f), loadTimeline(f), loadTable(f), loadDyads(f)]);
    document.body.dataset.state = "ready";
    document.title = `resgestae${Object.keys(f).length ? " · " + query(f) : ""}`;
  } catch (err) {
    document.body.dataset.state = "error";
    $("#map-status").textContent = `error: ${err.message}`;
  }
}

// the event types the store holds, as suggestions for the event filter
api("counts", {}, { by: "event" }).then((body) => {
  for (const c of body.counts) if (c.event) { const o = document.createElement("option"); o.value = c.event; $("#event-types").append(o); }
}).catch(() => {});
form.addEventListener("change", () => setFilters(formFilters()));
form.addEventListener("submit", (ev) => { ev.preventDefault(); setFilters(formFilters()); });
form.elements.min_confidence.addEventListener("input", () => { $("#conf-out").textContent = form.elements.min_confidence.value; });
$("#reset").addEventListener("click", () => { map.k = 1; map.x = map.y = 0; setFilters({}); });
$("#more").addEventListener("click", () => loadTable(readFilters(), true));
window.addEventListener("popstate", refresh);
window.addEventListener("resize", () => { drawMap(); drawTimeline(); });
refresh();
