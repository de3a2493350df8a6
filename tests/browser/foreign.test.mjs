// Widgets against a real third-party REST server shaped unlike our contract (json-server from
// npm, on its own port): numeric ids, other field names and nesting, a typo in a pointer.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { events, fillStory, setUp, startJsonServer, state, text } from "./helpers.mjs";

let env;
let backend;

before(async () => {
  env = await setUp();
  backend = await startJsonServer();
});
after(async () => {
  await backend?.close();
  await env.close();
});

/** foreign.html against this test's json-server; console warnings collected too. */
async function openForeign() {
  const page = await env.open(`/foreign.html?backend=${encodeURIComponent(backend.origin)}`, {
    // The page and json-server are on two loopback ports: Chromium asks for this permission.
    contextOptions: { permissions: ["local-network-access"] },
    wait: false,
  });
  page.warnings = [];
  page.on("console", (m) => m.type() === "warning" && page.warnings.push(m.text()));
  await page.waitForFunction(() => ["card", "typo", "optional", "next", "mentor", "spread", "spread-unmapped"].every((id) => ["ready", "error"].includes(document.getElementById(id).dataset.copState)));
  return page;
}

test("a member with a numeric id, mapped from other names and nesting, shows as a card", async () => {
  const page = await openForeign();
  assert.equal(await state(page, "card"), "ready");
  const card = (await text(page, "card")).replace(/\s+/g, " ");
  assert.match(card, /Ana Lima/);
  assert.match(card, /Core group/);
  // The page's other widgets fail on purpose (and say so on the console); nothing is uncaught.
  assert.deepEqual(page.errors.filter((e) => /uncaught/.test(e)), []);
});

test("a typo in a required pointer names the attribute and the pointer, with no Try again", async () => {
  const page = await openForeign();
  assert.equal(await state(page, "typo"), "error");
  const shown = (await text(page, "typo")).replace(/\s+/g, " ");
  assert.match(shown, /data-map-level points at \/tier_name, where the answer has no text/);
  assert.doesNotMatch(shown, /server's answer/, "the server is not blamed");
  assert.equal(await page.locator("#typo [data-cop-action=retry]").count(), 0, "asking again cannot help");
  const error = (await events(page)).find((e) => e.type === "cop:error" && e.id === "typo");
  assert.equal(error.detail.reason, "wrong-map");
  assert.deepEqual(page.errors.filter((e) => /uncaught/.test(e)), []);
});

test("a typo in an optional pointer leaves the widget working and warns once on the console", async () => {
  const page = await openForeign();
  assert.equal(await state(page, "optional"), "ready");
  await page.waitForTimeout(100);
  const warnings = page.warnings.filter((w) => w.includes("data-map-trajectory"));
  assert.deepEqual(warnings, ['cop-widgets: data-map-trajectory="/profile/direction" finds nothing in the answer; the widget shows without it.']);
  // The pill shows its level, without a trajectory.
  assert.equal(await page.$eval("#optional", (el) => el.shadowRoot.querySelector(".cop-arrow")), null);
  assert.deepEqual(page.errors.filter((e) => /uncaught/.test(e)), []);
});

test("list items are mapped with their own pointers: a spread and the next step inward", async () => {
  const page = await openForeign();
  assert.equal(await state(page, "spread"), "ready");
  const rows = await page.$$eval("#spread", ([el]) =>
    [...el.shadowRoot.querySelectorAll("tbody tr")].map((tr) => tr.innerText.replace(/\s+/g, " ").trim()));
  assert.match(rows[0], /^Core group above the typical range 4 40% /, "Mentor is translated to core by data-levels");
  assert.match(rows[1], /^Active above the typical range 6 60% /);
  assert.match(await text(page, "spread"), /10 members/);
  assert.equal(await state(page, "next"), "ready");
  assert.match((await text(page, "next")).replace(/\s+/g, " "), /Core group is within reach: 3 more \(lesson plans shared\)/);
  assert.deepEqual(page.errors.filter((e) => /uncaught/.test(e)), []);
});

test("a list none of whose items is readable is an error naming the attribute to set, with no Try again", async () => {
  const page = await openForeign();
  assert.equal(await state(page, "spread-unmapped"), "error");
  const shown = (await text(page, "spread-unmapped")).replace(/\s+/g, " ");
  assert.match(shown, /No item of the list at \/tiers has a value at \/level \(text\)\. Set data-map-levels\.level/);
  assert.doesNotMatch(shown, /0 members/);
  assert.equal(await page.locator("#spread-unmapped [data-cop-action=retry]").count(), 0);
  const error = (await events(page)).find((e) => e.type === "cop:error" && e.id === "spread-unmapped");
  assert.equal(error.detail.reason, "wrong-items");
});

test("the network view reads a backend's own list of communities through data-map-items.*, and sorts it as the server would", async () => {
  const page = await openForeign();
  await page.waitForFunction(() => ["ready", "error"].includes(document.getElementById("network").dataset.copState));
  assert.equal(await state(page, "network"), "ready");
  const rows = await page.$eval("#network", (el) => [...el.shadowRoot.querySelectorAll("tbody tr")].map((tr) => tr.innerText.replace(/\s+/g, " ").trim()));
  assert.deepEqual(rows, [
    "Pharmacists Dormant 40 ↘ −4 active members since last quarter no one at the core or active; fewer active members than last quarter",
    "Midwives Alive 12 → Steady Needs a host",
    "Nurses Showcase Alive 30 ↗ +3 active members since last quarter —",
  ], "attention first (a backend's own reason after the known ones), showcases last; Mentor is core by data-levels");
  const bar = await page.$eval("#network", (el) => el.shadowRoot.querySelector("tbody tr:last-child svg").getAttribute("aria-label"));
  assert.equal(bar, "Core group 3 (10%), Active 6 (20%), Occasional 9 (30%), Peripheral 12 (40%)");
  assert.match(await text(page, "network"), /Showing 3 of 5\. Communities: 3 · needing attention: 2 · showcases: 1/);
  assert.deepEqual(page.errors.filter((e) => /uncaught/.test(e)), []);
});

test("a backend's own words for a level and a trajectory are translated by data-levels and data-trajectories", async () => {
  const page = await openForeign();
  assert.equal(await state(page, "mentor"), "ready");
  const card = (await text(page, "mentor")).replace(/\s+/g, " ");
  assert.match(card, /Carla Dias Core group/);
  assert.doesNotMatch(card, /Mentor/);
  const pill = await page.$eval("#mentor", (el) => {
    const pill = el.shadowRoot.querySelector(".cop-pill");
    return { class: pill.className, arrow: pill.querySelector(".cop-arrow")?.textContent, tip: el.shadowRoot.querySelector(".cop-tip").textContent };
  });
  assert.match(pill.class, /\bcop-l-core\b/, "the core group's colour");
  assert.equal(pill.arrow, "↑", "Arriving is inbound");
  assert.match(pill.tip, /^Core group: .*\. Moving inward: taking part more/, "and its meaning, in sentences");
  // The card (Core, inbound) is not the only one: json-server's own "active" needs no word.
  assert.match((await text(page, "optional")), /Active/);
});

test("a directory of 30 pills on a foreign backend with a batch endpoint makes one request there", async () => {
  const page = await openForeign();
  await page.waitForFunction(() => [...document.querySelectorAll("#directory [data-cop-widget]")].every((el) => ["ready", "error"].includes(el.dataset.copState)));
  const batches = page.requests.filter((url) => url.startsWith(`${backend.origin}/people?`));
  assert.ok(batches.length >= 1 && batches.length <= 2, `${batches.length} requests: ${batches.join(" ")}`);
  assert.match(batches[0], /\/people\?id=100&id=101&id=102&/);
  assert.equal(page.requests.filter((url) => /\/people\/1\d\d$/.test(url)).length, 0, "no request per member");
  const tiers = ["Core group", "Active", "Occasional", "Peripheral"];
  for (let i = 0; i < 30; i++) {
    assert.equal(await state(page, `pill-${100 + i}`), "ready", `pill ${100 + i}`);
    assert.equal((await text(page, `pill-${100 + i}`)).split("\n")[0].trim(), tiers[i % 4], `pill ${100 + i} shows its member`);
  }
  assert.deepEqual(page.errors.filter((e) => /uncaught/.test(e)), []);
});

/** Fills in and submits the value-story form `#id` with `title`; resolves once it is stored. */
async function submitStory(page, id, title) {
  await fillStory(page, title, { id, answer: "A clinic" });
  await page.$eval(`#${id}`, (el) => el.shadowRoot.querySelector("[data-cop-action=submit]").click());
  await page.waitForFunction((id) => document.getElementById(id).shadowRoot.textContent.includes("your story is stored"), id);
}

test("a story posted to a backend that numbers its records gets its id in cop:submitted", async () => {
  const page = await openForeign();
  const title = `Numbered ${Date.now()}`;
  await submitStory(page, "story", title);
  // Asked over HTTP: json-server writes its file after it answers.
  const stored = await (await fetch(`${backend.origin}/stories?title=${encodeURIComponent(title)}`)).json();
  assert.equal(stored.length, 1, "json-server has it");
  assert.equal(typeof stored[0].id, "number");
  const submitted = (await events(page)).filter((e) => e.type === "cop:submitted");
  assert.deepEqual(submitted.map((e) => e.detail), [{ widget: "value-story", id: String(stored[0].id), url: `${backend.origin}/stories/${stored[0].id}` }]);
  assert.deepEqual(page.errors.filter((e) => /uncaught/.test(e)), []);
});

test("a story's id and link nested in the backend's answer are read with data-map-id and data-map-url", async () => {
  const page = await openForeign();
  const title = `Wrapped ${Date.now()}`;
  await submitStory(page, "story-wrapped", title);
  const stored = await (await fetch(`${backend.origin}/stories?title=${encodeURIComponent(title)}`)).json();
  assert.equal(stored.length, 1, "json-server has it");
  const submitted = (await events(page)).filter((e) => e.type === "cop:submitted" && e.id === "story-wrapped");
  // links.self is "/stories/{id}", relative to the address posted to.
  assert.deepEqual(submitted.map((e) => e.detail), [{ widget: "value-story", id: String(stored[0].id), url: `${backend.origin}/stories/${stored[0].id}` }]);
  const shown = await text(page, "story-wrapped");
  assert.ok(shown.includes(title), "the stored title is read at data-map-title's pointer");
  assert.equal(await page.locator("#story-wrapped a.cop-link").getAttribute("href"), `${backend.origin}/stories/${stored[0].id}`);
  assert.deepEqual(page.errors.filter((e) => /uncaught/.test(e)), []);
});
