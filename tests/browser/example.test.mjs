// The example Leptos application (examples/leptos-app): two widgets used as components, no
// loader. The pill follows a signal; the widgets run on the same platform as placeholders.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { axeViolations, settled, setUp } from "./helpers.mjs";

let env, page;
before(async () => {
  env = await setUp();
  page = await env.open("/leptos-app.html", { wait: false });
  await page.waitForFunction(() => document.querySelectorAll("[data-cop-widget]").length === 3);
  await settled(page);
});
after(() => env.close());

const widgets = () =>
  page.$$eval("[data-cop-widget]", (els) =>
    els.map((el) => ({
      kind: el.dataset.copWidget,
      member: el.dataset.member ?? null,
      variant: el.dataset.variant ?? null,
      state: el.dataset.copState,
      text: el.shadowRoot.querySelector(".cop-root").innerText,
    })),
  );

test("the components render the placeholders their props name, on the shared platform", async () => {
  const [pill, spread, story] = await widgets();
  assert.deepEqual(
    [pill.kind, pill.member, pill.variant, pill.state],
    ["participation-badge", "m-1", "pill", "ready"],
  );
  assert.match(pill.text, /Core group/);
  assert.deepEqual([spread.kind, spread.variant, spread.state], ["participation-badge", "community", "ready"]);
  assert.match(spread.text, /Levels of participation — Teachers' network/);
  assert.deepEqual([story.kind, story.state], ["value-story", "ready"]);
  assert.ok(story.text.length > 0, "the form shows");
});

test("a prop given as a signal updates the widget in place", async () => {
  const before = await widgets();
  await page.click("#next");
  await page.waitForFunction(() => document.querySelector("[data-variant=pill]").dataset.member === "m-101");
  await settled(page);
  const after = await widgets();
  assert.equal(after.length, 3, "no widget was added or lost");
  assert.equal(await page.textContent("#member"), "m-101");
  assert.notEqual(after[0].text, before[0].text, "the pill shows the other member");
  const mounted = await page.$$eval("[data-cop-widget]", (els) => els.map((el) => el.shadowRoot.querySelectorAll(".cop-root").length));
  assert.deepEqual(mounted, [1, 1, 1], "each widget mounted once");
});

test("the example application has no WCAG 2.2 AA violations", async () => {
  assert.deepEqual(await axeViolations(page), []);
});

// Last: it stops the application's widgets. Without the loader, src/host.js is a wasm-bindgen
// snippet (/example/snippets/…/src/host.js), and a trap of the application's wasm must still be
// heard as this library's. The error stands for a trap (errors.test.mjs makes a real one, in the
// loader's build): a RuntimeError whose top frame is in /example/app_bg.wasm, as V8 writes it.
test("a trap of the application's wasm is reported on its widgets", async () => {
  page.allowUncaught = true;
  await page.evaluate(() => {
    const trap = new WebAssembly.RuntimeError("unreachable");
    Object.defineProperty(trap, "stack", {
      value: `RuntimeError: unreachable\n    at ${location.origin}/example/app_bg.wasm:wasm-function[7]:0x1234`,
    });
    setTimeout(() => { throw trap; });
  });
  await page.waitForFunction(() =>
    [...document.querySelectorAll("[data-cop-widget]")].every((el) => el.dataset.copState === "error"));
  const texts = await page.$$eval("[data-cop-widget]", (els) => els.map((el) => el.shadowRoot.textContent));
  assert.deepEqual(texts, Array(3).fill("This widget stopped after an internal error. Reloading the page may help."));
});
