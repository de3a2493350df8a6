// Pages that change after load: placeholders added, removed, moved and re-configured.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { setUp, settled, shadowStyle, state, text, wasmFetchedOnce } from "./helpers.mjs";

let env, page;
before(async () => {
  env = await setUp();
  page = await env.open("/spa.html", { wait: false });
});
after(() => env.close());

test("a page without placeholders loads no wasm", async () => {
  await page.waitForLoadState("load");
  await page.waitForTimeout(300);
  assert.equal(page.requests.filter((url) => /\.wasm$|cop_widgets\.js$/.test(url)).length, 0);
  assert.equal(await page.evaluate(() => typeof window.CopWidgets.mount), "function", "the API exists before the wasm");
});

test("placeholders added after load mount by themselves", async () => {
  await page.click("#add");
  await page.click("#add");
  await settled(page);
  const ids = await page.$$eval("#app [data-cop-widget]", (els) => els.map((el, i) => (el.id = `w${i + 1}`)));
  assert.deepEqual(ids, ["w1", "w2"]);
  assert.equal(await state(page, "w1"), "ready");
  assert.match(await text(page, "w2"), /data-member\s+m-2/);
  wasmFetchedOnce(page);
});

test("a changed data-* attribute updates the widget in place", async () => {
  await page.click("#switch");
  await page.waitForFunction(() => document.getElementById("w1").shadowRoot.textContent.includes("funktioniert"));
  assert.match(await text(page, "w1"), /data-theme\s+dark/);
  assert.equal((await shadowStyle(page, "w1", ".cop-card", ["background-color"]))["background-color"], "rgb(27, 27, 33)");
  assert.match(await text(page, "w2"), /cop-widgets is working/, "the other widget is untouched");
  // Still one widget root in the shadow root: updated, not mounted twice.
  assert.equal(await page.evaluate(() => document.getElementById("w1").shadowRoot.querySelectorAll(".cop-root").length), 1);
});

test("a removed placeholder unmounts and frees its widget", async () => {
  const gone = await page.evaluateHandle(() => document.getElementById("w2"));
  await page.click("#remove");
  await page.waitForFunction((el) => !el.hasAttribute("data-cop-state"), gone);
  assert.equal(await page.evaluate((el) => el.shadowRoot.childNodes.length, gone), 0);
  // Put back, it mounts afresh.
  await page.evaluate((el) => document.getElementById("app").appendChild(el), gone);
  await page.waitForFunction((el) => el.dataset.copState === "ready", gone);
  assert.equal(await page.evaluate((el) => el.shadowRoot.querySelectorAll(".cop-root").length, gone), 1);
});

test("a placeholder moved within the page stays mounted once", async () => {
  await page.evaluate(() => document.body.appendChild(document.getElementById("w1")));
  await page.waitForTimeout(200);
  assert.equal(await state(page, "w1"), "ready");
  assert.equal(await page.evaluate(() => document.getElementById("w1").shadowRoot.querySelectorAll(".cop-root").length), 1);
  assert.match(await text(page, "w1"), /funktioniert/);
});

test("CopWidgets.mount, unmount and refresh work on demand, and reject non-elements readably", async () => {
  const id = await page.evaluate(() => {
    const el = document.createElement("div");
    el.id = "manual";
    el.setAttribute("data-cop-widget", "hello");
    document.body.appendChild(el);
    return el.id;
  });
  await page.waitForFunction(() => document.getElementById("manual").dataset.copState === "ready");
  await page.evaluate(() => window.CopWidgets.unmount(document.getElementById("manual")));
  assert.equal(await state(page, id), null);
  await page.evaluate(() => window.CopWidgets.mount(document.getElementById("manual")));
  await page.waitForFunction(() => document.getElementById("manual").dataset.copState === "ready");
  await page.evaluate(() => window.CopWidgets.mount("not an element"));
  assert.ok(page.errors.some((e) => e.includes("CopWidgets.mount() needs an element")), page.errors.join("\n"));
});
