// Per-kind chunks (issue 12), against the split build scripts/build.sh ships: the value-story
// form's code is a wasm chunk of its own (`split_value_story-<hash>.wasm`) that shares the main
// module's memory and table. It is downloaded only by pages that show a form, once per page,
// early (the loader starts it beside the glue); its failure stays inside the forms.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { readdirSync } from "node:fs";
import { events, setUp, settled, state, text } from "./helpers.mjs";

const CHUNK = /\/split_value_story-[0-9a-f]{16}\.wasm$/;
const GLUE = /\/cop_widgets-[0-9a-f]{16}\.js$/;
const chunkRequests = (page) => page.requests.filter((url) => CHUNK.test(url));
const stepOf = (page, id, step) =>
  page.waitForFunction(([id, step]) => document.getElementById(id).shadowRoot.textContent.includes(`Step ${step} of 5`), [id, step]);

let env;
before(async () => {
  const bundle = process.env.COP_BUNDLE_DIR || "pkg";
  if (!readdirSync(new URL(`../../${bundle}`, import.meta.url)).some((file) => /^split_value_story-[0-9a-f]{16}\.wasm$/.test(file))) {
    throw new Error(`${bundle}/ has no value-story chunk: scripts/build.sh builds it (not COP_SINGLE_BUNDLE=1)`);
  }
  env = await setUp();
});
after(() => env?.close());

test("the form comes from its chunk, requested once, before the glue: its handlers made in the chunk move pages and keep typing", async () => {
  const page = await env.open("/story.html");
  assert.equal(chunkRequests(page).length, 1, page.requests.join("\n"));
  // The loader starts the chunk's download as it reserves the placeholder, before it even
  // imports the glue: the chunk does not wait for the main wasm.
  const chunkAt = page.requests.findIndex((url) => CHUNK.test(url));
  const glueAt = page.requests.findIndex((url) => GLUE.test(url));
  assert.ok(glueAt >= 0 && chunkAt < glueAt, `chunk requested at ${chunkAt}, glue at ${glueAt}`);
  assert.match(await text(page, "story"), /Step 1 of 5/);
  const root = page.locator("#story .cop-root");
  const title = `Split ${Date.now()}`;
  await root.locator("#cop-f-title").fill(title); // the chunk's input listener keeps it
  await root.locator("button[type=submit]").click(); // the chunk's click listener: Continue
  await stepOf(page, "story", 2);
  // An empty required answer: the chunk's rules show the error summary, focused.
  await root.locator("button[type=submit]").click();
  await page.waitForFunction(() => document.getElementById("story").shadowRoot.querySelector(".cop-error-summary, [role=alert]"));
  await root.locator("button[data-cop-action=back]").click();
  await stepOf(page, "story", 1);
  assert.equal(await root.locator("#cop-f-title").inputValue(), title);
  assert.equal(await state(page, "story"), "ready");
  assert.deepEqual(page.errors, []);
});

test("a page of pills needs only the main module; a page of badges fetches the card's chunk and the spread's part early, once each, and never the form's", async () => {
  const pills = await env.open("/bench.html?kind=participation-badge&n=20");
  await pills.waitForFunction(() => window.bench.ready + window.bench.errors === 20);
  assert.equal(await pills.evaluate(() => window.bench.ready), 20);
  assert.ok(pills.requests.some((url) => /\/cop_widgets_bg-[0-9a-f]{16}\.wasm$/.test(url)), "the main wasm is loaded");
  assert.deepEqual(pills.requests.filter((url) => /\.wasm$/.test(url) && !/cop_widgets_bg-/.test(url)), [], "pills are in the main module");
  assert.deepEqual(pills.errors, []);

  const page = await env.open("/badges.html");
  const states = await page.$$eval("[data-cop-widget]", (els) => els.map((el) => el.dataset.copState));
  // Two of the page's badges name members who do not exist: their error is the page's point.
  assert.ok(states.filter((s) => s === "ready").length > 100 && states.every((s) => s === "ready" || s === "error"));
  const fetched = (name) => page.requests.filter((url) => new RegExp(`/split_${name}-[0-9a-f]{16}\\.wasm$`).test(url));
  assert.equal(fetched("participation_badge").length, 1, "the card's chunk, once for the page's cards");
  assert.equal(fetched("participation_badge__community").length, 1, "the spread's part, once for the page's spreads");
  // Requested by the loader as it reserves the page's first placeholder (a spread), before it
  // imports the glue. (The cards' comes in the same pass, after: see the next test.)
  assert.ok(page.requests.indexOf(fetched("participation_badge__community")[0]) < page.requests.findIndex((url) => GLUE.test(url)), page.requests.join("\n"));
  assert.deepEqual(chunkRequests(page), [], "no form on the page: not the form's chunk");
  assert.deepEqual(page.requests.filter((url) => /\/split_participation_badge__network-/.test(url)), [],
    "no network view on the page: not the network view's part");
});

test("a page of one part (the card, the community's spread, the network view, the month grid) fetches that part's chunk early and nothing of the others'", async () => {
  const badge = ["participation_badge", "participation_badge__community", "participation_badge__network"];
  for (const [path, part, others] of [
    ["/bench.html?kind=participation-badge&variant=card&n=1", "participation_badge", badge],
    ["/bench.html?kind=participation-badge&variant=network&n=1", "participation_badge__network", badge],
    ["/bench.html?kind=participation-badge&variant=community&n=1", "participation_badge__community", badge],
    ["/bench.html?kind=rhythm-calendar&view=month&n=1", "rhythm_calendar__month", ["rhythm_calendar"]],
  ]) {
    const page = await env.open(path);
    await page.waitForFunction(() => window.bench.ready + window.bench.errors === 1);
    assert.equal(await page.evaluate(() => window.bench.ready), 1, JSON.stringify(await page.evaluate(() => window.bench.firstError)));
    const fetched = (name) => page.requests.filter((url) => new RegExp(`/split_${name}-[0-9a-f]{16}\\.wasm$`).test(url));
    assert.equal(fetched(part).length, 1, page.requests.join("\n"));
    // Started by the loader as it reserves the placeholder, before it imports the glue.
    assert.ok(page.requests.indexOf(fetched(part)[0]) < page.requests.findIndex((url) => GLUE.test(url)), page.requests.join("\n"));
    for (const other of others.filter((name) => name !== part)) {
      assert.deepEqual(fetched(other), [], `${path}: nothing of ${other}`);
    }
    assert.deepEqual(page.errors, []);
  }
});

test("forms added later load the chunk then, once for all of them, and each works on its own", async () => {
  const page = await env.open("/badges.html");
  assert.deepEqual(chunkRequests(page), []);
  await page.evaluate(() => {
    for (const id of ["late1", "late2"]) {
      const el = document.createElement("div");
      el.id = id;
      el.setAttribute("data-cop-widget", "value-story");
      el.setAttribute("data-community", "teachers");
      el.setAttribute("data-member", id);
      document.body.append(el);
    }
  });
  await settled(page);
  assert.equal(await state(page, "late1"), "ready");
  assert.equal(await state(page, "late2"), "ready");
  // A third, once the chunk is there: no new request.
  await page.evaluate(() => {
    const el = document.createElement("div");
    el.id = "late3";
    el.setAttribute("data-cop-widget", "value-story");
    el.setAttribute("data-community", "teachers");
    document.body.append(el);
  });
  await settled(page);
  assert.equal(chunkRequests(page).length, 1, chunkRequests(page).join("\n"));
  await page.locator("#late2 .cop-root #cop-f-title").fill("Late");
  await page.locator("#late2 .cop-root button[type=submit]").click();
  await stepOf(page, "late2", 2);
  assert.match(await text(page, "late1"), /Step 1 of 5/);
  assert.match(await text(page, "late3"), /Step 1 of 5/);
});

for (const [how, fail] of [
  ["is missing (404)", (route) => route.fulfill({ status: 404, contentType: "text/plain", body: "gone" })],
  ["is aborted", (route) => route.abort()],
]) {
  test(`a chunk that ${how} is a failure with a retry in the form only; the page's other widgets work; Retry loads it`, async () => {
    let failing = true, attempts = 0;
    const page = await env.open("/reserve.html", {
      before: (context) => context.route(CHUNK, (route) => {
        attempts++;
        return failing ? fail(route) : route.continue();
      }),
    });
    assert.equal(await state(page, "form"), "error");
    assert.match(await text(page, "form"), /This widget could not be loaded\. Check your connection, then try again\./);
    const reported = (await events(page)).filter((e) => e.id === "form" && e.type === "cop:error");
    assert.deepEqual(reported.map((e) => e.detail.reason), ["not-loaded"]);
    // The other kinds on the page are in the main module: unaffected.
    assert.equal(await state(page, "sized"), "ready");
    assert.equal(await state(page, "default"), "ready");
    assert.match(await text(page, "sized"), /teachers/i);
    assert.equal(await state(page, "failing"), "error"); // a member who does not exist, on purpose
    assert.equal(await page.evaluate(() => window.CopWidgets.crashed), undefined);
    assert.equal(attempts, 1);

    failing = false;
    await page.locator("#form .cop-root button[data-cop-action=retry]").click();
    await page.waitForFunction(() => document.getElementById("form").dataset.copState === "ready");
    assert.equal(attempts, 2);
    assert.match(await text(page, "form"), /Step 1 of 5/);
    await page.locator("#form .cop-root #cop-f-title").fill("After a retry");
    await page.locator("#form .cop-root button[type=submit]").click();
    await stepOf(page, "form", 2);
    // The failed download was logged (by the browser and the chunk loader), nothing thrown:
    // helpers.mjs fails the test on any uncaught error.
    assert.ok(page.errors.every((e) => !e.startsWith("uncaught")), page.errors.join("\n"));
  });
}

test("under the strict Content-Security-Policy of csp.html, a form added later loads its chunk and works", async () => {
  const page = await env.open("/csp.html");
  await page.evaluate(() => {
    const el = document.createElement("div");
    el.id = "csp-story";
    el.setAttribute("data-cop-widget", "value-story");
    el.setAttribute("data-community", "teachers");
    document.body.append(el);
  });
  await settled(page);
  assert.equal(await state(page, "csp-story"), "ready");
  assert.equal(chunkRequests(page).length, 1);
  await page.locator("#csp-story .cop-root #cop-f-title").fill("Under CSP");
  await page.locator("#csp-story .cop-root button[type=submit]").click();
  await stepOf(page, "csp-story", 2);
  assert.deepEqual(page.errors.filter((e) => /Content Security Policy|Refused/i.test(e)), []);
});
