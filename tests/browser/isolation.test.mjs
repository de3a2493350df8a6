// A Ning-style page: no doctype (quirks mode) and hostile global CSS. The widget must look as
// it always does, and its own CSS must not reach the page.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { axeViolations, setUp, shadowStyle, state, text } from "./helpers.mjs";

let env, page;
before(async () => {
  env = await setUp();
  page = await env.open("/ning.html");
});
after(() => env.close());

test("the page really is in quirks mode with hostile CSS", async () => {
  assert.equal(await page.evaluate(() => document.compatMode), "BackCompat");
  const header = await page.evaluate(() => getComputedStyle(document.getElementById("header")).textTransform);
  assert.equal(header, "uppercase");
});

test("the widget renders and reads normally inside the hostile page", async () => {
  assert.equal(await state(page, "hostile"), "ready");
  const shown = await text(page, "hostile");
  assert.match(shown, /cop-widgets is working/, "not upper-cased by the page's text-transform");
  assert.match(shown, /Community “Teachers' network”: 220 members\./);
});

test("inherited typography from the page does not reach inside the shadow root", async () => {
  const style = await shadowStyle(page, "hostile", ".cop-community", [
    "font-family", "font-size", "color", "text-transform", "letter-spacing", "font-style", "font-weight", "text-align", "word-spacing",
  ]);
  assert.doesNotMatch(style["font-family"], /Comic Sans/);
  assert.equal(style["font-size"], "16px");
  assert.equal(style.color, "rgb(29, 29, 36)");
  assert.equal(style["text-transform"], "none");
  assert.equal(style["letter-spacing"], "normal");
  assert.equal(style["font-style"], "normal");
  assert.equal(style["font-weight"], "400");
  assert.equal(style["word-spacing"], "0px");
});

test("page selectors aimed at the widget's class names do not apply inside", async () => {
  const card = await shadowStyle(page, "hostile", ".cop-card", ["display", "background-color"]);
  assert.equal(card.display, "grid");
  assert.equal(card["background-color"], "rgb(255, 255, 255)");
  const config = await shadowStyle(page, "hostile", "dl", ["display"]);
  assert.equal(config.display, "grid");
});

test("the widget's CSS does not leak out to the page", async () => {
  const paragraph = await page.evaluate(() => getComputedStyle(document.getElementById("page-paragraph")).marginTop);
  assert.equal(paragraph, "40px", "the widget resets p margins only inside its shadow root");
  const button = await page.evaluate(() => getComputedStyle(document.getElementById("page-button")).backgroundColor);
  assert.equal(button, "rgb(255, 105, 180)");
});

test("the widget is accessible inside the hostile page", async () => {
  const violations = (await axeViolations(page)).filter((v) => v.includes("#hostile"));
  assert.deepEqual(violations, []);
});

test("a page's !important rules do not reshape the placeholders, and quirks mode does not recolour tables", async () => {
  const page = await env.open("/important.html");
  assert.equal(await page.evaluate(() => document.compatMode), "BackCompat");
  for (const id of ["pill-1", "pill-2", "pill-3"]) {
    const box = await page.$eval(`#${id}`, (el) => {
      const style = getComputedStyle(el);
      const rect = el.getBoundingClientRect();
      return { display: style.display, float: style.float, fontSize: style.fontSize, width: Math.round(rect.width), height: Math.round(rect.height) };
    });
    assert.deepEqual(box, { display: "inline-block", float: "none", fontSize: "16px", width: 136, height: 24 }, id);
    // The level's label is not clipped ("Core grou"): the pill's text fits its box.
    const clipped = await page.$eval(`#${id}`, (el) => {
      const label = el.shadowRoot.querySelector(".cop-pill");
      return label.scrollWidth > label.clientWidth + 1;
    });
    assert.equal(clipped, false, `${id}: ${await text(page, id)}`);
  }
  for (const id of ["card", "spread", "carousel", "calendar"]) {
    assert.equal(await page.$eval(`#${id}`, (el) => getComputedStyle(el).display), "block", id);
    assert.equal(await page.getAttribute(`#${id}`, "data-cop-state"), "ready", id);
  }
  // The carousel keeps the height the loader reserved, and its slides their own type.
  assert.equal(await page.$eval("#carousel", (el) => Math.round(el.getBoundingClientRect().height)), 420);
  assert.equal((await shadowStyle(page, "carousel", ".cop-slide", ["font-size"]))["font-size"], "16px");
  assert.equal((await shadowStyle(page, "calendar", ".cop-cal-title", ["font-size"]))["font-size"] === "11px", false);
  const cell = await shadowStyle(page, "spread", ".cop-table td", ["color", "line-height"]);
  const root = await shadowStyle(page, "spread", ".cop-root", ["color"]);
  assert.notEqual(cell.color, "rgb(176, 0, 0)", "the page's red does not reach the table");
  assert.equal(cell.color, root.color);
  assert.notEqual(cell["line-height"], "normal");
  assert.deepEqual(await axeViolations(page), []);
});
