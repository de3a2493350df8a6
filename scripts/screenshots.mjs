// Reference screenshots of every widget and variant, at 375 and 1280 px, light and dark:
// docs/screenshots/<widget>-<variant>-<width>-<theme>.png, each the widget on a bare page (an
// element screenshot of the box it sits in, not the whole page).
//
//   cargo build -p cop-server && bash scripts/build.sh   # the server and pkg/
//   node scripts/screenshots.mjs [--only badge,story] [--out docs/screenshots]
//
// It starts the reference server as the browser tests do (tests/browser/helpers.mjs: a fresh
// SQLite file with the demo data), and serves each shot a page of its own holding only the
// loader and the placeholder(s), so the host page's CSS is no part of the picture. One fixed
// day for both sides (the server's --today, the browser's clock): the calendar's and the
// badges' pictures do not change from day to day.
import { mkdirSync } from "node:fs";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";
import { settled, startServer } from "../tests/browser/server.mjs";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const args = process.argv.slice(2);
const option = (name) => {
  const at = args.indexOf(name);
  return at >= 0 ? args[at + 1] : undefined;
};
const only = option("--only")?.split(",");
const OUT = resolve(ROOT, option("--out") ?? "docs/screenshots");
const WIDTHS = [375, 1280];
const THEMES = ["light", "dark"];

const badge = (attrs) => `<div data-cop-widget="participation-badge" ${attrs}></div>`;
const pills = (members, community = "water-engineers") =>
  `<ul class="directory">${members
    .map((m) => `<li>Member ${m} <span data-cop-widget="participation-badge" data-variant="pill" data-community="${community}" data-member="${m}"></span></li>`)
    .join("")}</ul>`;
const story = `<div id="story" data-cop-widget="value-story" data-community="teachers" data-member="m-42"></div>`;

/** The story form's own controls, as a member uses them. */
const inStory = (page, fn, arg) => page.$eval("#story", fn, arg);
const storyButton = (page, selector) => inStory(page, (el, s) => el.shadowRoot.querySelector(s).click(), selector);
const storyText = (page, text) =>
  page.waitForFunction((text) => document.getElementById("story").shadowRoot.textContent.includes(text), text);
async function type(page, field, value) {
  await page.waitForFunction((f) => document.getElementById("story").shadowRoot.getElementById(f), field);
  await inStory(page, (el, f) => el.shadowRoot.getElementById(f).focus(), field);
  await page.keyboard.type(value);
}
/** The title and the required answer, then Continue to the page to choose more questions on,
 * where `more` is ticked. */
async function toChoice(page, more) {
  await type(page, "cop-f-title", "A rubric for group work");
  await storyButton(page, "button[type=submit]");
  await type(page, "cop-f-immediate", "I asked the forum how others assess group work.");
  await storyButton(page, "button[type=submit]");
  await page.waitForFunction(() => document.getElementById("story").shadowRoot.getElementById("cop-f-more-potential"));
  await inStory(page, (el, more) => el.shadowRoot.getElementById(`cop-f-more-${more}`).click(), more);
}
/** Then one more answer, and Continue to the review page. */
async function toReview(page) {
  await toChoice(page, "potential");
  await storyButton(page, "button[type=submit]");
  await type(page, "cop-f-potential", "A rubric from a colleague in Graz, and her notes on using it.");
  for (let guard = 0; guard < 20; guard++) {
    const review = await inStory(page, (el) => !!el.shadowRoot.querySelector(".cop-review"));
    if (review) return;
    await storyButton(page, "button[type=submit]");
    await page.waitForTimeout(50);
  }
  throw new Error("the form never reached its review page");
}

/** widget, variant, the placeholders' markup, and what to do before the picture. */
const SHOTS = [
  ["badge", "pill", pills(["w-1", "w-2", "w-3", "w-7", "w-40", "w-200"])],
  ["badge", "pill-focused", pills(["w-1", "w-2"]), async (page) => {
    await page.$eval("[data-cop-widget]", (el) => el.shadowRoot.querySelector(".cop-pill, [tabindex]")?.focus());
  }, { tall: true }],
  // A page of pills' one tab stop, opened (as after Enter on it).
  ["badge", "legend-open", badge(`data-variant="legend"`), (page) =>
    page.$eval("[data-variant=legend]", (el) => el.shadowRoot.querySelector("details").setAttribute("open", ""))],
  ["badge", "card", badge(`data-variant="card" data-community="teachers" data-member="m-1"`)],
  ["badge", "card-peripheral-de", badge(`data-variant="card" data-community="teachers" data-member="m-200" data-locale="de"`)],
  ["badge", "community", badge(`data-variant="community" data-community="teachers"`)],
  ["badge", "community-thin-core", badge(`data-variant="community" data-community="water-engineers"`)],
  ["badge", "community-sidebar", `<div style="width:240px">${badge(`data-variant="community" data-community="water-engineers"`)}</div>`],
  ["badge", "network", badge(`data-variant="network"`)],
  ["badge", "network-sidebar", `<div style="width:240px">${badge(`data-variant="network"`)}</div>`],
  // Sorted by attention reversed (its heading's button pressed): the showcases first.
  ["badge", "network-showcases", badge(`data-variant="network"`), (page) =>
    page.$eval("[data-variant=network]", (el) => el.shadowRoot.querySelector("button[data-key=attention]").click())],
  ["story", "first-page", story],
  ["story", "error-summary", story, async (page) => {
    await storyButton(page, "button[type=submit]");
    await storyText(page, "There is a problem");
  }],
  // The required questions answered: which others to tell (issue 17's "add more detail").
  ["story", "add-more", story, (page) => toChoice(page, "applied")],
  ["story", "check-answers", story, toReview],
  ["story", "confirmation", story, async (page) => {
    await toReview(page);
    await storyButton(page, "[data-cop-action=submit]");
    await page.waitForFunction(() => window.copSubmitted);
  }],
  ["carousel", "wide", `<div data-cop-widget="video-carousel" data-community="teachers"></div>`],
  ["calendar", "agenda", `<div data-cop-widget="rhythm-calendar" data-community="teachers" data-months="1"></div>`],
  ["calendar", "month", `<div data-cop-widget="rhythm-calendar" data-community="teachers" data-view="month"></div>`],
  ["calendar", "next", `<div data-cop-widget="rhythm-calendar" data-community="teachers" data-view="next"></div>`],
  ["hello", "community", `<div data-cop-widget="hello" data-community="teachers"></div>`],
];

function page(theme, body, { tall = false } = {}) {
  const dark = theme === "dark";
  return `<!doctype html><html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<style>
  html { color-scheme: ${dark ? "dark" : "light"}; }
  body { margin: 0; font-family: system-ui, sans-serif; background: ${dark ? "#121216" : "#f4f4f7"}; color: ${dark ? "#ececf2" : "#1d1d24"}; }
  #stage { max-width: 960px; margin: 0 auto; padding: 16px${tall ? " 16px 96px" : ""}; }
  .directory { list-style: none; padding: 0; margin: 0; display: grid; gap: 6px; }
</style>
<script src="/cop-widgets.js" data-api="/api" data-theme="${theme}"></script>
<script>
  window.CopWidgets.configure({ headers: { "X-Demo-Member": "m-42" } });
  document.addEventListener("cop:submitted", () => (window.copSubmitted = true));
</script>
</head><body><div id="stage">${body}</div></body></html>`;
}

const TODAY = "2026-11-23";
const server = await startServer({ args: ["--today", TODAY] });
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking"],
});
mkdirSync(OUT, { recursive: true });
let written = 0;
try {
  for (const [widget, variant, body, before, options] of SHOTS) {
    if (only && !only.includes(widget)) continue;
    for (const width of WIDTHS) {
      for (const theme of THEMES) {
        const context = await browser.newContext({ viewport: { width, height: 900 }, reducedMotion: "reduce" });
        await context.clock.setFixedTime(new Date(`${TODAY}T10:00:00Z`));
        const url = `${server.origin}/__screenshot.html`;
        await context.route(url, (route) => route.fulfill({ contentType: "text/html", body: page(theme, body, options) }));
        const tab = await context.newPage();
        const errors = [];
        tab.on("pageerror", (e) => errors.push(e.message));
        await tab.goto(url);
        await settled(tab);
        if (before) await before(tab);
        await tab.waitForTimeout(300); // images (posters, avatars) and the last render
        const file = join(OUT, `${widget}-${variant}-${width}-${theme}.png`);
        await tab.locator("#stage").screenshot({ path: file, animations: "disabled" });
        if (errors.length) console.error(`${file}: ${errors.join("; ")}`);
        written++;
        await context.close();
      }
    }
  }
} finally {
  await browser.close();
  await server.close();
}
console.log(`${written} screenshots in ${OUT}`);
