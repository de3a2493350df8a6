// How an admin embeds the bundle: pasted twice, under a strict CSP, from another origin,
// with space reserved before the wasm arrives.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { readdirSync } from "node:fs";
import { axeViolations, openWithWasmHeld, setUp, state, text, wasmFetchedOnce } from "./helpers.mjs";

let env;
before(async () => (env = await setUp()));
after(() => env.close());

test("the script pasted twice (defer and async) mounts each placeholder exactly once", async () => {
  const page = await env.open("/twice.html");
  for (const id of ["one", "two"]) {
    assert.equal(await state(page, id), "ready");
    assert.equal(await page.evaluate((id) => document.getElementById(id).shadowRoot.querySelectorAll(".cop-root").length, id), 1);
  }
  wasmFetchedOnce(page);
  assert.equal(page.requests.filter((url) => /\/cop_widgets-[0-9a-f]{16}\.js$/.test(url)).length, 1);
  const ready = await page.evaluate(() => window.copEvents.filter((e) => e.type === "cop:ready").length);
  assert.equal(ready, 2, "one cop:ready per placeholder");
  assert.deepEqual(page.errors, []);
});

test("a page with a strict Content-Security-Policy runs the widgets without violations", async () => {
  const page = await env.open("/csp.html");
  const response = await page.request.get(env.origin + "/csp.html");
  assert.match(response.headers()["content-security-policy"], /style-src 'self'/);
  assert.doesNotMatch(response.headers()["content-security-policy"], /unsafe-inline/);
  assert.equal(await state(page, "csp-widget"), "ready");
  assert.match(await text(page, "csp-widget"), /Teachers' network/);
  assert.deepEqual(await page.evaluate(() => window.cspViolations), []);
  assert.deepEqual(await axeViolations(page), []);
});

test("under a CSP that allows scripts by nonce only, the loader's nonce carries the glue", async () => {
  // A policy without a source for scripts: the glue's import() is allowed by the nonce of the
  // script that imports it (the loader's), which a script element made by the loader would not
  // have. The chunks and catalogs are fetched (connect-src).
  const policy = "default-src 'none'; script-src 'nonce-n0nce' 'wasm-unsafe-eval'; connect-src 'self'; style-src 'self'";
  const page = await env.open("/nonce.html", {
    before: (context) => context.route("**/nonce.html", (route) => route.fulfill({
      contentType: "text/html",
      headers: { "content-security-policy": policy },
      body: `<!doctype html><html lang="de"><title>Nonce</title>
        <script nonce="n0nce">window.cspViolations = []; document.addEventListener("securitypolicyviolation", (e) => window.cspViolations.push(e.violatedDirective + ": " + e.blockedURI));</script>
        <script nonce="n0nce" src="/cop-widgets.js" data-api="/api" defer></script>
        <main><div id="nonce-pill" data-cop-widget="participation-badge" data-variant="pill" data-community="teachers" data-member="m-1"></div>
        <div id="nonce-card" data-cop-widget="participation-badge" data-community="teachers" data-member="m-2"></div></main>`,
    })),
  });
  assert.equal(await state(page, "nonce-pill"), "ready");
  assert.equal(await state(page, "nonce-card"), "ready");
  assert.match(await text(page, "nonce-card"), /Kerngruppe|Aktiv|Gelegentlich|Am Rand|Transaktional/);
  assert.deepEqual(await page.evaluate(() => window.cspViolations), []);
  assert.deepEqual(page.errors, []);
});

test("bundle and API on another origin: glue and wasm resolve against the script's URL", async () => {
  const page = await env.open("/cross-origin.html", { origin: `http://localhost:${env.port}` });
  assert.equal(await state(page, "remote"), "ready");
  assert.match(await text(page, "remote"), /Community “Teachers' network”: 220 members/);
  const wasm = page.requests.find((url) => url.endsWith(".wasm"));
  assert.equal(new URL(wasm).origin, `http://127.0.0.1:${env.port}`);
});

test("space is reserved before the wasm arrives, so mounting shifts nothing", async () => {
  const held = await openWithWasmHeld(env, "/reserve.html", { loading: "sized" });
  const { page, box } = held;
  assert.equal((await box("sized")).height, 480, "data-height is reserved");
  assert.equal((await box("default")).height, 350, "a kind's default height is reserved");
  assert.equal((await box("failing")).height, 270, "and the card's");
  assert.equal((await box("form")).height, 300, "the form's first page fits in its reserved height");
  const released = await held.release();
  assert.equal(released.below, held.below, "content below the widgets did not move");
  assert.equal((await box("sized")).height, 480, "a height the admin gave is kept");
  assert.equal((await box("form")).height, 300, "the form keeps its own");
  // A kind's default reservation is given back: the box is as tall as what it shows, with no
  // hole under a short content or an error box.
  for (const id of ["default", "failing"]) {
    const reserved = await page.evaluate((id) => document.getElementById(id).style.minHeight, id);
    const fits = await page.evaluate((id) => {
      const el = document.getElementById(id);
      return Math.abs(el.getBoundingClientRect().height - el.shadowRoot.querySelector(".cop-root").getBoundingClientRect().height) <= 1;
    }, id);
    assert.deepEqual({ reserved, fits }, { reserved: "", fits: true }, id);
  }
  assert.equal(await page.evaluate(() => document.getElementById("failing").dataset.copState), "error");
  await page.context().close();
});

test("when the glue and wasm cannot be loaded, each placeholder says so in the page's language", async () => {
  const page = await env.open("/broken.html");
  for (const id of ["broken-one", "broken-two"]) {
    assert.equal(await state(page, id), "error");
    assert.equal(await page.locator(`#${id} .cop-load-error`).innerText(), "Dieses Widget konnte nicht geladen werden.");
  }
  const reasons = await page.evaluate(() => window.copEvents.filter((e) => e.type === "cop:error").map((e) => e.detail.reason));
  assert.deepEqual(reasons, ["load-failed", "load-failed"]);
  assert.ok(page.errors.some((e) => e.includes("cop-widgets: no wasm next to")), page.errors.join("\n"));
  assert.deepEqual(await axeViolations(page), []);
});

test("the demo's index links every demo page in www/ and is accessible", async () => {
  // Bench pages and the Leptos example's page are not demo pages: the benchmark and the
  // example's build own them.
  const notDemo = new Set(["index.html", "bench.html", "bench-floor.html", "leptos-app.html"]);
  const demoPages = readdirSync(new URL("../../www/", import.meta.url))
    .filter((name) => name.endsWith(".html") && !notDemo.has(name))
    .sort();
  const page = await env.open("/index.html");
  const linked = await page.evaluate(() =>
    [...document.querySelectorAll("nav a[href]")].map((a) => new URL(a.href).pathname.slice(1)));
  assert.deepEqual(linked.sort(), demoPages, "every demo page once in the index, and no other");
  assert.deepEqual(await axeViolations(page), []);
});
