// Shared set-up for the browser tests: one server (on a free port) and one headless Chromium
// per test file, pages that record the widgets' events and console errors, and axe-core.
import assert from "node:assert/strict";
import { afterEach } from "node:test";
import { chromium } from "playwright-core";
import { AxeBuilder } from "@axe-core/playwright";

import { settled, startServer } from "./server.mjs";

export { freePort, settled, startJsonServer, startServer } from "./server.mjs";

/** Pages opened with `env.open` and still open: checked after every test. */
const openPages = new Set();

/**
 * After every test of every file that imports these helpers (a top-level hook of the file's
 * root test): no page opened with `env.open` may have raised an uncaught exception since the
 * last check. A page that crashes on purpose opts out with `env.open(path, { uncaught: true })`.
 */
afterEach(() => {
  for (const page of openPages) {
    // A page the test closed is checked a last time: what it raised before counts too.
    if (page.isClosed()) openPages.delete(page);
    // A chunk's message shown before its chunk provided its English (cop_core::i18n::Part) is
    // a bug as much as an uncaught exception: the widget shows an empty text.
    const uncaught = page.errors.filter((e) => e.startsWith("uncaught: ") || e.startsWith("cop-widgets: no English for")).slice(page.uncaughtChecked);
    page.uncaughtChecked += uncaught.length;
    if (!page.allowUncaught && uncaught.length > 0) {
      throw new Error(`${page.url()} raised uncaught exceptions:\n${uncaught.join("\n")}`);
    }
  }
});

const CHROMIUM_ARGS = [
  "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
  "--disable-component-update", "--disable-sync",
];

export async function setUp() {
  const server = await startServer();
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM || "/usr/bin/chromium", args: CHROMIUM_ARGS });
  return {
    origin: server.origin,
    port: server.port,
    browser,
    /**
     * Opens `path` in a fresh context; `page.errors` collects console errors and uncaught
     * exceptions. Every test fails if a page it opened raised an uncaught exception, unless
     * `uncaught: true` (a page whose point is a crash). `before(context)` runs before the
     * page is opened (routes that fail requests on purpose).
     */
    async open(path, { origin = server.origin, contextOptions = {}, wait = true, uncaught = false, before } = {}) {
      const context = await browser.newContext(contextOptions);
      if (before) await before(context);
      const page = await context.newPage();
      page.errors = [];
      page.allowUncaught = uncaught;
      page.uncaughtChecked = 0;
      openPages.add(page);
      page.requests = [];
      page.on("console", (m) => m.type() === "error" && page.errors.push(m.text()));
      page.on("pageerror", (e) => page.errors.push(`uncaught: ${e.message}`));
      page.on("request", (r) => page.requests.push(r.url()));
      await page.addInitScript(() => {
        window.copEvents = [];
        for (const type of ["cop:ready", "cop:error", "cop:submitted"]) {
          document.addEventListener(type, (e) => window.copEvents.push({ type, id: e.target.id, detail: e.detail }));
        }
      });
      await page.goto(origin + path);
      if (wait) await settled(page);
      return page;
    },
    async close() {
      await browser.close();
      await server.close();
    },
  };
}

/**
 * Opens `path` with every wasm request held back, to see the page as it is before the widgets
 * arrive (through `env.open`: an uncaught exception fails the test), and resolves once the
 * placeholder `#loading` is loading, its space reserved by the loader. Resolves to
 * - `page`, and `box(id)`: an element's bounding box;
 * - `below`: the top of `#below`, the content under the widgets, at that moment;
 * - `release()`: lets the wasm through, waits until every widget is ready or in error and 300 ms
 *   more, and resolves to `{ below, shifts }`: the top of `#below` then, and the layout shift
 *   the page saw since `below` was measured.
 */
export async function openWithWasmHeld(env, path, { loading }) {
  let release;
  const held = new Promise((resolve) => (release = resolve));
  const page = await env.open(path, {
    wait: false,
    before: (context) =>
      context.route("**/*.wasm", async (route) => {
        await held;
        await route.continue();
      }),
  });
  await page.waitForFunction((id) => document.getElementById(id).dataset.copState === "loading", loading);
  const box = (id) => page.evaluate((id) => document.getElementById(id).getBoundingClientRect().toJSON(), id);
  const below = (await box("below")).top;
  await page.evaluate(() => {
    window.shifts = 0;
    new PerformanceObserver((list) => list.getEntries().forEach((e) => (window.shifts += e.value))).observe({ type: "layout-shift" });
  });
  return {
    page,
    box,
    below,
    async release() {
      release();
      await settled(page);
      await page.waitForTimeout(300);
      return { below: (await box("below")).top, shifts: await page.evaluate(() => window.shifts) };
    },
  };
}

/**
 * Asserts that the page downloaded the main wasm module once, and each chunk its widgets' kinds
 * need (split_<kind>-<hash>.wasm, chunk_<n>-<hash>.wasm) at most once, however many widgets.
 */
export function wasmFetchedOnce(page) {
  const wasm = page.requests.filter((url) => url.endsWith(".wasm"));
  assert.equal(wasm.filter((url) => /\/cop_widgets_bg-[0-9a-f]{16}\.wasm$/.test(url)).length, 1, wasm.join("\n"));
  assert.equal(new Set(wasm).size, wasm.length, wasm.join("\n"));
}

export const state = (page, id) => page.getAttribute(`#${id}`, "data-cop-state");
/** The visible text of a widget, from inside its shadow root. */
export const text = (page, id) => page.locator(`#${id} .cop-root`).innerText();
export const events = (page) => page.evaluate(() => window.copEvents);

/** axe-core's WCAG 2.2 A and AA rules; returns the violations (each with its nodes). */
export async function axeViolations(page) {
  const result = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]).analyze();
  return result.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(" ")).join(", ")})`);
}

/** Computed style of the first element matching `selector` inside placeholder `#id`'s shadow root. */
export function shadowStyle(page, id, selector, properties) {
  return page.evaluate(
    ([id, selector, properties]) => {
      const el = document.getElementById(id).shadowRoot.querySelector(selector);
      if (!el) return null;
      const style = getComputedStyle(el);
      return Object.fromEntries(properties.map((p) => [p, style.getPropertyValue(p)]));
    },
    [id, selector, properties],
  );
}

/** Fills the value-story form `#id` through its own controls (a title, the required answer,
 * one more question chosen and answered) and goes on to its review page, as a member would. */
export async function fillStory(page, title, { id = "story", answer = "An answer" } = {}) {
  const type = async (field, value) => {
    await page.waitForFunction(([id, field]) => document.getElementById(id).shadowRoot.getElementById(field), [id, field]);
    await page.$eval(`#${id}`, (el, field) => el.shadowRoot.getElementById(field).focus(), field);
    await page.keyboard.type(value);
  };
  const next = () => page.$eval(`#${id}`, (el) => el.shadowRoot.querySelector("button[type=submit]").click());
  await type("cop-f-title", title);
  await next();
  await type("cop-f-immediate", answer);
  await next();
  await page.waitForFunction((id) => document.getElementById(id).shadowRoot.getElementById("cop-f-more-potential"), id);
  await page.$eval(`#${id}`, (el) => el.shadowRoot.getElementById("cop-f-more-potential").click());
  await next();
  await type("cop-f-potential", answer);
  await next(); // the links and tags
  await page.waitForFunction((id) => document.getElementById(id).shadowRoot.getElementById("cop-f-tags"), id);
  await next();
  await page.waitForFunction((id) => document.getElementById(id).shadowRoot.textContent.includes("Check your answers"), id);
}
