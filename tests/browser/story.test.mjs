// The value-story form on story.html: a member writes, checks and submits a story by
// keyboard alone; invalid input gets GOV.UK's error summary; nothing typed is lost across a
// reload or a failing network; a retried submission is stored once; markup stays text.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { axeViolations, setUp } from "./helpers.mjs";

let env;
before(async () => (env = await setUp()));
after(() => env.close());

const shadow = (page) => page.locator("#story .cop-root");
const shown = async (page) => (await shadow(page).innerText()).replace(/\s+/g, " ");
const focused = (page) => page.evaluate(() => {
  const active = document.getElementById("story").shadowRoot.activeElement;
  return active ? { tag: active.tagName, id: active.id, text: active.textContent.trim().slice(0, 60), cls: active.className } : null;
});
/** Stories of the demo community with this title, as the server has them. */
async function stored(title) {
  const response = await fetch(`${env.origin}/api/communities/teachers/stories?limit=100`, { headers: { "X-Demo-Member": "m-42" } });
  const page = await response.json();
  return page.items.filter((story) => story.title === title);
}
/** Presses Tab until the focused element inside the widget matches, as a keyboard user would. */
async function tabTo(page, matches, limit = 15) {
  for (let presses = 0; presses < limit; presses++) {
    await page.keyboard.press("Tab");
    const now = await focused(page);
    if (now && matches(now)) return now;
  }
  throw new Error(`Tab never reached the element; focus is on ${JSON.stringify(await focused(page))}`);
}
const button = (label) => (el) => el.tag === "BUTTON" && el.text.startsWith(label);

test("a member writes, checks and submits a story by keyboard alone, and sees it as stored", async () => {
  const page = await env.open("/story.html");
  const title = `Rubric ${Date.now()}`;
  await tabTo(page, (el) => el.id === "cop-f-title");
  await page.keyboard.type(title);
  await page.keyboard.press("Enter"); // Enter in the title field continues
  await page.waitForFunction(() => document.getElementById("story").shadowRoot.textContent.includes("Step 2 of 11"));
  assert.equal((await focused(page)).tag, "H2", "the new page's question takes focus");
  await tabTo(page, (el) => el.id === "cop-f-immediate");
  await page.keyboard.type("I asked the forum how others assess group work.");
  await tabTo(page, button("Continue"));
  await page.keyboard.press("Enter");
  await tabTo(page, (el) => el.id === "cop-f-potential");
  await page.keyboard.type("A rubric from a colleague.");
  // The other questions are optional: Continue through them.
  for (let step = 3; step <= 9; step++) {
    await tabTo(page, button("Continue"));
    await page.keyboard.press("Enter");
    await page.waitForFunction((step) => document.getElementById("story").shadowRoot.textContent.includes(`Step ${step + 1} of 11`), step);
  }
  await tabTo(page, (el) => el.id === "cop-f-tags");
  await page.keyboard.type("assessment, group work");
  await tabTo(page, (el) => el.id === "cop-f-share");
  await page.keyboard.press("Space");
  await tabTo(page, button("Continue"));
  await page.keyboard.press("Enter");
  await page.waitForFunction(() => document.getElementById("story").shadowRoot.textContent.includes("Check your answers"));
  const review = await shown(page);
  assert.match(review, new RegExp(title));
  assert.match(review, /A rubric from a colleague\./);
  assert.match(review, /assessment, group work/);
  assert.match(review, /Not answered/);
  assert.deepEqual(await axeViolations(page), []);
  await tabTo(page, button("Submit your story"), 30);
  await page.keyboard.press("Enter");
  await page.waitForFunction(() => document.getElementById("story").shadowRoot.textContent.includes("your story is stored"));
  assert.match(await shown(page), /I asked the forum how others assess group work\./);
  const link = await page.$eval("#story", (el) => el.shadowRoot.querySelector("a.cop-link").href);
  const story = await (await fetch(link)).json();
  assert.equal(story.title, title);
  assert.deepEqual(story.tags, ["assessment", "group work"]);
  assert.equal(story.share_with_sponsors, true);
  assert.equal((await stored(title)).length, 1);
  assert.equal(await page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith("cop-story")).map((k) => localStorage[k]).join("")).then((s) => s.includes(title)), false, "the draft is gone once stored");
  assert.deepEqual(page.errors, []);
});

test("Continue with a missing answer shows the error summary, focused, linked to the field", async () => {
  const page = await env.open("/story.html");
  await page.$eval("#story", (el) => el.shadowRoot.querySelector("button[type=submit]").click());
  await page.waitForFunction(() => document.getElementById("story").shadowRoot.querySelector(".cop-error-summary"));
  const summary = await focused(page);
  assert.match(summary.cls, /cop-error-summary/, "the summary takes focus");
  assert.match(summary.text, /There is a problem/);
  const field = await page.$eval("#story", (el) => {
    const input = el.shadowRoot.getElementById("cop-f-title");
    return { invalid: input.getAttribute("aria-invalid"), described: input.getAttribute("aria-describedby"), error: el.shadowRoot.getElementById("cop-e-title").textContent };
  });
  assert.equal(field.invalid, "true");
  assert.equal(field.described, "cop-h-title cop-e-title", "the hint and the error describe the field");
  assert.equal(field.error, "Give the story a title.");
  await page.keyboard.press("Tab");
  await page.keyboard.press("Enter"); // the summary's link
  assert.equal((await focused(page)).id, "cop-f-title", "the summary's link focuses its field");
  assert.deepEqual(await axeViolations(page), []);
});

test("a reload offers the draft back, with everything typed", async () => {
  const page = await env.open("/story.html");
  await page.$eval("#story", (el) => el.shadowRoot.getElementById("cop-f-title").focus());
  await page.keyboard.type("Half-written story");
  await page.keyboard.press("Enter");
  await page.waitForFunction(() => document.getElementById("story").shadowRoot.getElementById("cop-f-immediate"));
  await page.$eval("#story", (el) => el.shadowRoot.getElementById("cop-f-immediate").focus());
  await page.keyboard.type("Typed just before the reload");
  await page.waitForTimeout(600); // the draft is saved shortly after typing stops
  await page.reload();
  await page.waitForFunction(() => document.getElementById("story").shadowRoot?.textContent.includes("You have a draft from"));
  await page.$eval("#story", (el) => el.shadowRoot.querySelector("[data-cop-action=draft-continue]").click());
  await page.waitForFunction(() => document.getElementById("story").shadowRoot.getElementById("cop-f-immediate"));
  const value = await page.$eval("#story", (el) => el.shadowRoot.getElementById("cop-f-immediate").value);
  assert.equal(value, "Typed just before the reload");
  // Start again forgets it.
  await page.evaluate(() => localStorage.clear());
});

test("offline, the story waits on the device; back online it is stored exactly once", async () => {
  const page = await env.open("/story.html");
  const title = `Offline ${Date.now()}`;
  await fill(page, title);
  // The first answer reaches the server but is lost on the way back: the retry must not store twice.
  let lost = 0;
  await page.route("**/api/communities/teachers/stories", async (route) => {
    if (route.request().method() === "POST" && lost++ === 0) {
      await route.fetch();
      return route.abort("connectionreset");
    }
    return route.continue();
  });
  await page.context().setOffline(true);
  await page.$eval("#story", (el) => el.shadowRoot.querySelector("[data-cop-action=submit]").click());
  await page.waitForFunction(() => document.getElementById("story").shadowRoot.textContent.includes("Not sent yet"));
  assert.match(await shown(page), /You seem to be offline/);
  await page.context().setOffline(false);
  await page.waitForFunction(() => document.getElementById("story").shadowRoot.textContent.includes("your story is stored"), null, { timeout: 30_000 });
  assert.ok(lost >= 2, "one answer was lost, then the same submission was sent again");
  assert.equal((await stored(title)).length, 1, "stored once");
});

test("markup typed into every field comes back as text", async () => {
  const page = await env.open("/story.html");
  const title = `<script>alert(1)</script> ${Date.now()}`;
  await fill(page, title, "<b>bold</b> <img src=x onerror=alert(2)>");
  await page.$eval("#story", (el) => el.shadowRoot.querySelector("[data-cop-action=submit]").click());
  await page.waitForFunction(() => document.getElementById("story").shadowRoot.textContent.includes("your story is stored"));
  const text = await shown(page);
  assert.ok(text.includes(title), text);
  assert.ok(text.includes("<b>bold</b> <img src=x onerror=alert(2)>"));
  const elements = await page.$eval("#story", (el) => el.shadowRoot.querySelectorAll("b, img, script").length);
  assert.equal(elements, 0);
  assert.equal((await stored(title)).length, 1);
});

/** Fills title and two answers through the page's own controls, then goes to the review. */
async function fill(page, title, answer = "An answer") {
  const type = async (id, text) => {
    await page.waitForFunction((id) => document.getElementById("story").shadowRoot.getElementById(id), id);
    await page.$eval("#story", (el, id) => el.shadowRoot.getElementById(id).focus(), id);
    await page.keyboard.type(text);
  };
  const next = () => page.$eval("#story", (el) => el.shadowRoot.querySelector("button[type=submit]").click());
  await type("cop-f-title", title);
  await next();
  await type("cop-f-immediate", answer);
  await next();
  await type("cop-f-potential", answer);
  for (let step = 3; step <= 10; step++) await next();
  await page.waitForFunction(() => document.getElementById("story").shadowRoot.textContent.includes("Check your answers"));
}
