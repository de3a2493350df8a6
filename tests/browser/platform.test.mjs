// A plain intranet page: every way of getting data, several languages, themes, events, a11y.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { axeViolations, events, setUp, shadowStyle, state, text, wasmFetchedOnce } from "./helpers.mjs";

let env, page;
before(async () => {
  env = await setUp();
  page = await env.open("/intranet.html");
});
after(() => env.close());

test("every widget on the intranet page becomes ready and says so with an event", async () => {
  for (const id of ["from-api", "static-file", "inline", "foreign", "german", "french"]) {
    assert.equal(await state(page, id), "ready", id);
  }
  const ready = (await events(page)).filter((e) => e.type === "cop:ready").map((e) => e.id).sort();
  assert.deepEqual(ready, ["foreign", "french", "from-api", "german", "inline", "static-file"]);
  assert.deepEqual(page.errors, []);
});

test("data comes from the API, a static file, inline JSON and a foreign backend mapped by JSON Pointers", async () => {
  assert.match(await text(page, "from-api"), /Community “Teachers' network”: 220 members\./);
  assert.match(await text(page, "static-file"), /Teachers' network \(static file\)/);
  assert.match(await text(page, "inline"), /Case clinic \(inline JSON\)”: 48 members/);
  // /fixtures/foreign answers {"data":{"attributes":{"title":…,"members/total":…}}}
  assert.match(await text(page, "foreign"), /Community “Water engineers”: 1,340 members\./);
});

test("the resolved configuration is shown, page defaults overridden per placeholder", async () => {
  const shown = await text(page, "german");
  assert.match(shown, /data-theme\s+dark/);
  assert.match(shown, /data-locale\s+de-DE/);
  assert.match(await text(page, "from-api"), /data-theme\s+light/, "the script tag's data-theme applies");
});

test("messages, dates and numbers follow the locale through the catalog and Intl", async () => {
  const german = await text(page, "german");
  assert.match(german, /cop-widgets funktioniert/);
  assert.match(german, /Community „Water engineers“: 1\.340 Mitglieder\./, "German digit grouping from Intl");
  assert.match(german, /Angezeigt am \d{1,2}\. [A-Z][a-zä]+ \d{4}/, "a German long date from Intl");
  assert.match(await text(page, "french"), /Aucun data-community : rien n’a été chargé\./);
});

test("data-theme=dark switches the widget's colours", async () => {
  const dark = await shadowStyle(page, "german", ".cop-card", ["background-color", "color"]);
  const light = await shadowStyle(page, "from-api", ".cop-card", ["background-color", "color"]);
  assert.equal(dark["background-color"], "rgb(27, 27, 33)");
  assert.equal(light["background-color"], "rgb(255, 255, 255)");
  assert.notEqual(dark.color, light.color);
});

test("data-theme=auto follows the page's color-scheme, not the operating system's, live", async () => {
  const background = async () => (await shadowStyle(page, "french", ".cop-card", ["background-color"]))["background-color"];
  // A white intranet that says nothing of dark mode keeps light widgets, even in a dark OS.
  await page.emulateMedia({ colorScheme: "dark" });
  assert.equal(await background(), "rgb(255, 255, 255)");
  // A page that offers both follows its reader's preference, and so do its widgets.
  await page.evaluate(() => (document.documentElement.style.colorScheme = "light dark"));
  assert.equal(await background(), "rgb(27, 27, 33)");
  await page.emulateMedia({ colorScheme: "light" });
  assert.equal(await background(), "rgb(255, 255, 255)");
  // A dark page gets dark widgets.
  await page.evaluate(() => (document.documentElement.style.colorScheme = "dark"));
  assert.equal(await background(), "rgb(27, 27, 33)");
  await page.evaluate(() => (document.documentElement.style.colorScheme = ""));
});

test("--cop-* custom properties theme the widget from the host page", async () => {
  await page.evaluate(() => document.getElementById("from-api").style.setProperty("--cop-radius", "2px"));
  assert.equal((await shadowStyle(page, "from-api", ".cop-card", ["border-top-left-radius"]))["border-top-left-radius"], "2px");
});

test("the page passes axe-core's WCAG 2.2 AA rules", async () => {
  assert.deepEqual(await axeViolations(page), []);
});

test("the loader is one small script, the wasm is fetched once for six widgets", async () => {
  wasmFetchedOnce(page);
  assert.equal(await page.evaluate(() => window.CopWidgets.version), "0.1.0");
});

test("the loader's skeleton stays, still, until the data arrives; the widget's own loading markup waits unseen, read by screen readers", async () => {
  await page.evaluate(() => {
    const el = document.createElement("div");
    Object.assign(el.dataset, { copWidget: "hello", src: "/fixtures/slow/1500" });
    el.id = "slow";
    document.body.appendChild(el);
  });
  // Mounted by the wasm (its .cop-root is there) and still loading.
  await page.waitForFunction(() => document.getElementById("slow").shadowRoot?.querySelector(".cop-root")?.innerHTML);
  const look = () => page.evaluate(() => {
    const root = document.getElementById("slow").shadowRoot;
    // The loader's box is a child of the shadow root (`:scope` matches nothing in a shadow root).
    const skeleton = [...root.children].find((el) => el.matches(".cop-skeleton")), widget = root.querySelector(".cop-root");
    return {
      state: document.getElementById("slow").dataset.copState,
      skeleton: skeleton && getComputedStyle(skeleton).display,
      animated: skeleton && getComputedStyle(skeleton).animationName,
      // Seen (a box of its own) or not (a 1-pixel clipped box, which screen readers still read).
      widget: widget.getBoundingClientRect().width > 1 ? "seen" : "unseen",
      busy: !!widget.querySelector("[aria-busy=true]"),
      // Unseen, the widget's own skeleton does not pulse either (an animation restyles it on
      // every frame: 500 pills, 500 elements a frame, issue 16).
      ownAnimated: widget.querySelector(".cop-skeleton") && getComputedStyle(widget.querySelector(".cop-skeleton")).animationName,
    };
  });
  assert.deepEqual(await look(), { state: "loading", skeleton: "block", animated: "none", widget: "unseen", busy: true, ownAnimated: "none" });
  assert.match(await page.evaluate(() => document.getElementById("slow").shadowRoot.querySelector(".cop-root").textContent), /Loading/);
  await page.waitForFunction(() => document.getElementById("slow").dataset.copState === "ready");
  assert.deepEqual(await look(), { state: "ready", skeleton: "none", animated: "none", widget: "seen", busy: false, ownAnimated: null });
  assert.match(await text(page, "slow"), /Teachers' network/);
});

test("widgets add no event listener of their own: four on window, in the capture phase, serve a page of pills (issue 16)", async () => {
  const count = async (n) => {
    const page = await env.open(`/bench.html?kind=participation-badge&n=${n}`);
    await page.waitForFunction((n) => window.bench.ready + window.bench.errors === n, n);
    const cdp = await page.context().newCDPSession(page);
    const all = [];
    for (const expression of ["document", "window"]) {
      const { result } = await cdp.send("Runtime.evaluate", { expression });
      const { listeners } = await cdp.send("DOMDebugger.getEventListeners", { objectId: result.objectId, depth: -1, pierce: true });
      all.push(...listeners);
    }
    // Playwright's own (its injected script registers a __playwright… listener too).
    const playwright = new Set(all.filter((l) => l.type.startsWith("__playwright")).map((l) => l.scriptId));
    return all.filter((l) => !playwright.has(l.scriptId));
  };
  const [few, many] = [await count(5), await count(50)];
  // The page's own listeners (bench.js: cop:ready, cop:error) and the platform's four.
  assert.equal(many.length, few.length, "ten times the pills, the same listeners");
  const ours = many.filter((l) => ["click", "submit", "keydown", "focusout"].includes(l.type));
  assert.deepEqual(ours.map((l) => [l.type, l.useCapture]).sort(), [["click", true], ["focusout", true], ["keydown", true], ["submit", true]]);
});
