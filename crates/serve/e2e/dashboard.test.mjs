// End-to-end tests of the raqib dashboard in headless Chromium.
//
//   RAQIB_URL=http://127.0.0.1:8089 RAQIB_ARTIFACTS=target/e2e-artifacts \
//   RAQIB_STORYLINE=1 node --test dashboard.test.mjs
//
// The server must already hold the example reports (and the storyline when RAQIB_STORYLINE=1);
// scripts/ci/stage-browser.sh sets all of that up. Screenshots go to RAQIB_ARTIFACTS.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { chromium } from "playwright-core";

const BASE = process.env.RAQIB_URL || "http://127.0.0.1:8089";
const ARTIFACTS = process.env.RAQIB_ARTIFACTS || "target/e2e-artifacts";
const STORYLINE = process.env.RAQIB_STORYLINE === "1";
const CHROMIUM = process.env.RAQIB_CHROMIUM || "/usr/bin/chromium";

let browser;
fs.mkdirSync(ARTIFACTS, { recursive: true });

before(async () => {
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ["--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu"],
  });
});

after(async () => {
  if (browser) await browser.close();
});

/** A page that records requests to other hosts and console errors (CSP violations...). */
async function openPage(url, viewport = { width: 1400, height: 900 }) {
  const context = await browser.newContext({ viewport });
  const page = await context.newPage();
  const foreign = [];
  const errors = [];
  page.on("request", (r) => {
    if (!r.url().startsWith(BASE) && !r.url().startsWith("data:")) foreign.push(r.url());
  });
  page.on("console", (m) => {
    if (m.type() === "error") errors.push(m.text());
  });
  page.on("pageerror", (e) => errors.push(String(e)));
  await page.goto(BASE + url);
  return { page, context, foreign, errors };
}

async function ready(page, view) {
  await page.waitForFunction((v) => document.body.dataset.ready === v || document.body.dataset.ready === "error", view, { timeout: 30000 });
  const r = await page.evaluate(() => document.body.dataset.ready);
  if (r === "error") {
    const msg = await page.textContent("#error");
    assert.fail(`the ${view} view failed: ${msg}`);
  }
}

async function shot(page, name) {
  await page.screenshot({ path: path.join(ARTIFACTS, name + ".png"), fullPage: true });
}

async function api(page, p) {
  const res = await page.request.get(BASE + "/api/v1" + p);
  assert.equal(res.status(), 200, p);
  return res.json();
}

function clean(t) {
  const { foreign, errors } = t;
  assert.deepEqual(foreign, [], "requests left the server");
  assert.deepEqual(errors, [], "console errors (CSP violations, script errors)");
}

test("the map shows the stored events", async () => {
  const t = await openPage("/?view=map");
  await ready(t.page, "map");
  const total = (await api(t.page, "/counts?by=type")).total;
  assert.ok(total > 0, "the store has events");
  const markers = await t.page.locator("#map .marker").count();
  assert.ok(markers > 0, "markers are drawn");
  // Every located event is in some marker: the counts add up.
  const counted = await t.page.$$eval("#map .marker", (ms) => ms.reduce((s, m) => s + Number(m.dataset.count || 0), 0));
  const located = (await api(t.page, "/events?limit=1000")).events
    .filter((e) => e.event.location.some((p) => p.lat !== null && p.lon !== null)).length;
  assert.equal(counted, located, "markers cover every located event");
  const countries = await t.page.locator("#map path.country").count();
  assert.ok(countries > 100, `basemap drawn (${countries} countries)`);
  await shot(t.page, "map");
  clean(t);
  await t.context.close();
});

test("a click on the map opens the card of that event, evidence highlighted", async () => {
  const t = await openPage("/?view=map");
  await ready(t.page, "map");
  const { page } = t;
  let id = null;
  for (let i = 0; i < 8 && !id; i++) {
    const single = page.locator("#map .event-marker").first();
    if (await single.count()) {
      id = await single.getAttribute("data-event-id");
      await single.click();
      break;
    }
    // Only clusters: click the largest; it zooms in, or lists co-located events.
    await page.locator("#map .cluster-marker").first().click();
    await page.waitForTimeout(600);
    const item = page.locator("#card ul.here button").first();
    if (await item.count()) {
      id = await item.getAttribute("data-event-id");
      await item.click();
    }
  }
  assert.ok(id, "found an event to click");
  await page.waitForFunction((id) => document.querySelector("#card")?.dataset.eventId === id, id, { timeout: 15000 });
  const detail = await api(page, "/events/" + encodeURIComponent(id));
  const shown = await page.textContent("#card .evidence");
  assert.equal(shown, detail.evidence.text, "the card shows that event's evidence sentence");
  const mark = await page.textContent("#card .evidence mark");
  assert.equal(mark, detail.event.trigger.text, "the trigger is highlighted");
  const h2 = await page.textContent("#card h2");
  assert.ok(h2.includes(detail.event.plover), h2);
  await shot(page, "map-card");
  clean(t);
  await t.context.close();
});

test("a filter changes the table and the URL", async () => {
  const t = await openPage("/?view=events");
  const { page } = t;
  await ready(page, "events");
  const before = await page.locator("#events-table tbody tr").count();
  const byType = (await api(page, "/counts?by=type")).counts;
  assert.ok(byType.length >= 2, "at least two event types to filter on");
  const pick = byType.sort((a, b) => a.events - b.events)[0];
  await page.selectOption("#filters select[name=plover]", pick.key);
  await page.evaluate(() => { document.body.dataset.ready = ""; });
  await page.click("#filters button[type=submit]");
  await ready(page, "events");
  await page.waitForFunction(() => location.search.includes("plover="));
  const url = new URL(page.url());
  assert.equal(url.searchParams.get("plover"), pick.key);
  assert.equal(url.searchParams.get("view"), "events");
  const types = await page.$$eval("#events-table tbody tr td:nth-child(2)", (tds) => tds.map((td) => td.textContent));
  assert.ok(types.length > 0);
  assert.ok(types.every((x) => x === pick.key), types.join(","));
  assert.equal(types.length, Math.min(100, pick.events));
  assert.notEqual(types.length, before, "the table changed");
  await shot(page, "table-filtered");
  // The link restores the same view.
  const t2 = await openPage(url.pathname + url.search);
  await ready(t2.page, "events");
  assert.equal(await t2.page.inputValue("#filters select[name=plover]"), pick.key);
  assert.equal(await t2.page.locator("#events-table tbody tr").count(), types.length);
  clean(t);
  clean(t2);
  await t.context.close();
  await t2.context.close();
});

test("the claims view shows claims with their denials", async () => {
  const t = await openPage("/?view=claims");
  const { page } = t;
  await ready(page, "claims");
  const claims = await page.$$eval("#claims-list article.claim", (as) => as.map((a) => ({
    id: a.dataset.incident,
    title: a.querySelector("h3").textContent,
    claimers: a.querySelector(".claimers").textContent,
    deniers: a.querySelector(".deniers").textContent,
  })));
  fs.writeFileSync(path.join(ARTIFACTS, "claims.json"), JSON.stringify(claims, null, 2));
  assert.ok(claims.length > 0, "contested incidents are listed");
  const denied = claims.filter((c) => c.deniers !== "—");
  assert.ok(denied.length > 0, "at least one claim with its denial: " + JSON.stringify(claims));
  await shot(page, "claims");
  if (STORYLINE) {
    // The storyline: the shelling of Damascus, claimed by the Russian Reconciliation Center and
    // denied by Jaish al-Islam.
    const hit = claims.find((c) => /Damascus/.test(c.title) && /Reconciliation/i.test(c.claimers) && /Jaish al-Islam/.test(c.deniers));
    assert.ok(hit, "storyline: no incident 'Damascus' claimed by the Reconciliation Center and denied by Jaish al-Islam among: " +
      JSON.stringify(claims, null, 1));
    const article = page.locator(`article[data-incident="${hit.id}"]`);
    await article.locator("details summary").click();
    await article.screenshot({ path: path.join(ARTIFACTS, "claims-damascus.png") });
  }
  clean(t);
  await t.context.close();
});

test("timeline, agreements and evacuations render", async () => {
  const t = await openPage("/?view=timeline");
  const { page } = t;
  await ready(page, "timeline");
  assert.ok(await page.locator("#timeline rect.bar").count() > 0, "daily bars");
  await shot(page, "timeline");
  const ags = await api(page, "/agreements");
  const evs = await api(page, "/evacuations");
  const ranges = await page.locator("#timeline rect.range").count();
  if (ags.total + evs.total > 0) assert.ok(ranges > 0, "agreement/evacuation periods drawn");
  await page.evaluate(() => { document.body.dataset.ready = ""; });
  await page.click("#tabs button[data-view=agreements]");
  await ready(page, "agreements");
  assert.equal(await page.locator("#agreements-list article.agreement").count(), Math.min(200, ags.total));
  await shot(page, "agreements");
  await page.evaluate(() => { document.body.dataset.ready = ""; });
  await page.click("#tabs button[data-view=evacuations]");
  await ready(page, "evacuations");
  assert.equal(await page.locator("#evacuations-list article.evacuation").count(), Math.min(200, evs.total));
  await shot(page, "evacuations");
  assert.ok(page.url().includes("view=evacuations"));
  clean(t);
  await t.context.close();
});

test("the Arabic interface is right-to-left with the shipped Arabic font", async () => {
  const t = await openPage("/?view=map&lang=ar");
  const { page } = t;
  await ready(page, "map");
  assert.equal(await page.getAttribute("html", "dir"), "rtl");
  assert.equal(await page.textContent("#tabs button[data-view=map]"), "الخريطة");
  const fontOk = await page.evaluate(async () => {
    await document.fonts.load('16px "Noto Naskh Arabic"', "دمشق");
    await document.fonts.ready;
    return document.fonts.check('16px "Noto Naskh Arabic"', "دمشق");
  });
  assert.ok(fontOk, "the Arabic font is loaded from this server");
  // Open an Arabic event card (the examples have Arabic reports).
  const ev = (await api(page, "/events?limit=1000")).events.find((e) => /[\u0600-\u06FF]/.test(e.event.evidence.text));
  assert.ok(ev, "an Arabic event");
  await page.evaluate((id) => window.dispatchEvent(new CustomEvent("raqib-open", { detail: id })), ev.event.id);
  await page.waitForFunction((id) => document.querySelector("#card")?.dataset.eventId === id, ev.event.id, { timeout: 15000 });
  assert.equal(await page.getAttribute("#card .evidence", "dir"), "rtl");
  await shot(page, "map-arabic");
  clean(t);
  await t.context.close();
});

test("the API page renders the OpenAPI document", async () => {
  const t = await openPage("/api");
  await ready(t.page, "api");
  const n = await t.page.locator("section.endpoint").count();
  const doc = await (await t.page.request.get(BASE + "/openapi.json")).json();
  const ops = Object.values(doc.paths).reduce((s, o) => s + Object.keys(o).length, 0);
  assert.equal(n, ops);
  await shot(t.page, "api-page");
  clean(t);
  await t.context.close();
});
