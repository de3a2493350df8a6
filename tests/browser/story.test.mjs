// The value-story form on story.html: a member writes, checks and submits a story by
// keyboard alone; invalid input gets GOV.UK's error summary; nothing typed is lost across a
// reload or a failing network; a retried submission is stored once; markup stays text.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { createHmac } from "node:crypto";
import { axeViolations, events, fillStory, setUp, startServer } from "./helpers.mjs";

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
  // The required questions first: the title, the activity, then a choice of the others.
  await page.waitForFunction(() => document.getElementById("story").shadowRoot.textContent.includes("Step 2 of 5"));
  assert.equal((await focused(page)).tag, "H2", "the new page's question takes focus");
  await tabTo(page, (el) => el.id === "cop-f-immediate");
  await page.keyboard.type("I asked the forum how others assess group work.");
  await tabTo(page, button("Continue"));
  await page.keyboard.press("Enter");
  await page.waitForFunction(() => document.getElementById("story").shadowRoot.textContent.includes("Step 3 of 5"));
  await tabTo(page, (el) => el.id === "cop-f-more-potential");
  await page.keyboard.press("Space"); // "What did you get out of it?": one more question chosen
  await tabTo(page, button("Continue"));
  await page.keyboard.press("Enter");
  await page.waitForFunction(() => document.getElementById("story").shadowRoot.textContent.includes("Step 4 of 6"));
  await tabTo(page, (el) => el.id === "cop-f-potential");
  await page.keyboard.type("A rubric from a colleague.");
  await tabTo(page, button("Continue"));
  await page.keyboard.press("Enter");
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
  assert.doesNotMatch(review, /Not answered/, "the review shows what was answered");
  assert.doesNotMatch(review, /Did it change how you see things\?/, "and no question that was not chosen");
  assert.match(review, /Add more to your story/);
  assert.deepEqual(await axeViolations(page), []);
  await tabTo(page, button("Submit your story"), 30);
  await page.keyboard.press("Enter");
  await page.waitForFunction(() => document.getElementById("story").shadowRoot.textContent.includes("your story is stored"));
  assert.match(await shown(page), /I asked the forum how others assess group work\./);
  const panel = await page.$eval("#story", (el) => {
    const panel = el.shadowRoot.querySelector(".cop-panel");
    const next = panel.nextElementSibling;
    return { title: panel.querySelector("h2").textContent, role: panel.getAttribute("role"), focused: el.shadowRoot.activeElement === panel, next: next.textContent, after: next.nextElementSibling.textContent, link: !!next.nextElementSibling.nextElementSibling.querySelector("a.cop-link") };
  });
  assert.deepEqual(panel, { title: "Story stored", role: "status", focused: true, next: "What happens next", after: panel.after, link: true }, "a confirmation panel, what happens next, then the link");
  assert.match(panel.after, /Your story is with the community now\./);
  const link = await page.$eval("#story", (el) => el.shadowRoot.querySelector("a.cop-link").href);
  // Stories are for the community's members: the link is read as the member.
  const story = await (await fetch(link, { headers: { "X-Demo-Member": "m-42" } })).json();
  assert.equal(story.title, title);
  assert.deepEqual(story.tags, ["assessment", "group work"]);
  assert.equal(story.share_with_sponsors, true);
  assert.equal((await stored(title)).length, 1);
  const submitted = (await events(page)).filter((e) => e.type === "cop:submitted");
  assert.deepEqual(submitted, [{ type: "cop:submitted", id: "story", detail: { widget: "value-story", id: story.id, url: link } }], "the host page hears of it once");
  assert.equal(await page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith("cop-story")).map((k) => localStorage[k]).join("")).then((s) => s.includes(title)), false, "the draft is gone once stored");
  assert.deepEqual(page.errors, []);
});

test("Continue with a missing answer shows the error summary, focused, linked to the field", async () => {
  const page = await env.open("/story.html");
  await page.$eval("#story", (el) => el.shadowRoot.querySelector("button[type=submit]").click());
  await page.waitForFunction(() => document.getElementById("story").shadowRoot.querySelector(".cop-error-summary"));
  const summary = await focused(page);
  assert.match(summary.cls, /cop-error-summary/, "the summary takes focus");
  const type = await page.$eval("#story", (el) => {
    const size = (selector) => parseFloat(getComputedStyle(el.shadowRoot.querySelector(selector)).fontSize);
    const heading = getComputedStyle(el.shadowRoot.querySelector(".cop-error-summary h2"));
    return { caption: size(".cop-story > .cop-title"), question: size(".cop-question"), margins: [heading.marginTop, heading.marginBottom] };
  });
  assert.ok(type.question >= type.caption * 1.4, `a muted caption above a clearly larger question: ${JSON.stringify(type)}`);
  assert.deepEqual(type.margins, ["0px", "0px"], "the summary's heading has no browser margins");
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
  assert.equal((await events(page)).filter((e) => e.type === "cop:submitted").length, 1, "and announced once");
});

/** Before the page's scripts: every `innerHTML` written (on elements and shadow roots) is kept. */
const recordMarkupWrites = (context) => context.addInitScript(() => {
  window.copMarkupWrites = [];
  for (const proto of [Element.prototype, ShadowRoot.prototype]) {
    const own = Object.getOwnPropertyDescriptor(proto, "innerHTML");
    Object.defineProperty(proto, "innerHTML", {
      ...own,
      set(value) {
        window.copMarkupWrites.push(String(value));
        own.set.call(this, value);
      },
    });
  }
});

test("markup typed into every field comes back as text", async () => {
  const page = await env.open("/story.html", { before: recordMarkupWrites });
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
  // The form is a Leptos view: what was typed became text nodes and attribute values, never
  // markup, escaped or not, given to `innerHTML`.
  const written = await page.evaluate(() => window.copMarkupWrites.filter((html) => /bold|alert/.test(html)));
  assert.deepEqual(written, [], "nothing typed is written with innerHTML");
});

test("a session that expired (401) keeps the story; signed in again, it is stored once", async () => {
  // A server that identifies members by the intranet's signed token, as a real deployment does.
  const secret = "a secret shared with the intranet, 32+ chars";
  const server = await startServer({ identity: ["--identity", "jwt", "--jwt-secret", secret] });
  try {
    const page = await env.open("/story.html", { origin: server.origin });
    const title = `Expired ${Date.now()}`;
    await fill(page, title);
    const now = Math.floor(Date.now() / 1000);
    await page.evaluate((token) => window.CopWidgets.configure({ headers: { Authorization: `Bearer ${token}` } }), jwt(secret, now - 60));
    await page.$eval("#story", (el) => el.shadowRoot.querySelector("[data-cop-action=submit]").click());
    await page.waitForFunction(() => document.getElementById("story").shadowRoot.textContent.includes("Your session has expired"));
    const text = await shown(page);
    assert.match(text, /Sign in again/);
    assert.ok(text.includes(title), "the answers are still on the page");
    const kept = await page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith("cop-story")).map((k) => localStorage[k]).join(""));
    assert.ok(kept.includes(title), "and kept on the device");
    // The host page signs the member in again and hands the widget a fresh token.
    await page.evaluate((token) => window.CopWidgets.configure({ headers: { Authorization: `Bearer ${token}` } }), jwt(secret, now + 600));
    await page.$eval("#story", (el) => el.shadowRoot.querySelector("[data-cop-action=submit]").click());
    await page.waitForFunction(() => document.getElementById("story").shadowRoot.textContent.includes("your story is stored"));
    // Stories are for the community's members: read the list as the member.
    const list = await (await fetch(`${server.origin}/api/communities/teachers/stories?limit=100`, {
      headers: { Authorization: `Bearer ${jwt(secret, now + 600)}` },
    })).json();
    assert.equal(list.items.filter((story) => story.title === title).length, 1);
    assert.deepEqual(page.errors.filter((e) => !/401/.test(e)), []);
  } finally {
    await server.close();
  }
});

test("a backend's own field errors land on their fields, with nothing typed lost", async () => {
  const page = await env.open("/story.html");
  const title = `Stricter ${Date.now()}`;
  await fill(page, title, "Ms Example gave me her rubric.");
  // A backend with a rule of its own, answering as problem details (RFC 9457) do.
  await page.route("**/api/communities/teachers/stories", (route) => route.request().method() !== "POST" ? route.continue() : route.fulfill({
    status: 422,
    contentType: "application/problem+json",
    body: JSON.stringify({
      type: "about:blank", title: "Invalid story", status: 422,
      errors: [{ pointer: "/answers/potential", code: "names-a-colleague", message: "Please do not name colleagues in a story." }],
    }),
  }));
  await page.$eval("#story", (el) => el.shadowRoot.querySelector("[data-cop-action=submit]").click());
  await page.waitForFunction(() => document.getElementById("story").shadowRoot.querySelector(".cop-error-summary"));
  assert.match((await focused(page)).cls, /cop-error-summary/, "the summary takes focus");
  assert.match(await shown(page), /Please do not name colleagues in a story\./);
  await page.keyboard.press("Tab");
  await page.keyboard.press("Enter"); // the summary's link
  assert.equal((await focused(page)).id, "cop-f-potential", "the link leads to the field the backend named");
  const field = await page.$eval("#story", (el) => {
    const input = el.shadowRoot.getElementById("cop-f-potential");
    return { value: input.value, invalid: input.getAttribute("aria-invalid"), described: input.getAttribute("aria-describedby") };
  });
  assert.deepEqual(field, { value: "Ms Example gave me her rubric.", invalid: "true", described: "cop-h-potential cop-e-potential" });
  assert.deepEqual(await axeViolations(page), []);
});

test("right to left: the form's English fallback reads from the left, what the member types from the right", async () => {
  const page = await env.open("/rtl.html");
  await page.waitForFunction(() => document.getElementById("rtl-story").dataset.copState === "ready");
  const style = (selector, properties) => page.$eval("#rtl-story", (el, [selector, properties]) => {
    const computed = getComputedStyle(el.shadowRoot.querySelector(selector));
    return Object.fromEntries(properties.map((name) => [name, computed.getPropertyValue(name)]));
  }, [selector, properties]);
  // The widget's box follows the page; the form, shown in English (Arabic has no catalog), is
  // English and left to right (issue 17: its punctuation was on the wrong side). With an
  // Arabic catalog it would be right to left.
  assert.equal((await style(".cop-root", ["direction"])).direction, "rtl");
  assert.equal((await style(".cop-story", ["direction"])).direction, "ltr");
  await page.$eval("#rtl-story", (el) => el.shadowRoot.getElementById("cop-f-title").focus());
  await page.keyboard.type("مجتمع المعلمين ساعدني");
  assert.equal(await page.$eval("#rtl-story", (el) => el.shadowRoot.getElementById("cop-f-title").matches(":dir(rtl)")), true, "Arabic typed in a field reads from the right (dir=auto)");
  await page.keyboard.press("Enter");
  // The first question needs an answer: the summary and the question read from the left.
  await page.$eval("#rtl-story", (el) => el.shadowRoot.querySelector("button[type=submit]").click());
  await page.waitForFunction(() => document.getElementById("rtl-story").shadowRoot.querySelector(".cop-error-summary"));
  const edges = await page.$eval("#rtl-story", (el) => ["label", ".cop-error-summary li a"].map((selector) => {
    const inline = el.shadowRoot.querySelector(selector);
    const box = inline.parentElement.getBoundingClientRect();
    const text = inline.getBoundingClientRect();
    return { start: Math.round(text.left - box.left), end: Math.round(box.right - text.right) };
  }));
  for (const edge of edges) assert.ok(edge.start < 2 && edge.end > 100, `English text starts at the left: ${JSON.stringify(edges)}`);
  const [first, second] = await page.$eval("#rtl-story", (el) => [...el.shadowRoot.querySelectorAll(".cop-actions button")].map((b) => b.getBoundingClientRect().x));
  assert.ok(first < second, "the first action is the leftmost");
  await page.$eval("#rtl-story", (el) => el.shadowRoot.querySelector("[data-cop-action=back]").click());
  await page.waitForFunction(() => document.getElementById("rtl-story").shadowRoot.getElementById("cop-f-title"));
  assert.equal(await page.$eval("#rtl-story", (el) => el.shadowRoot.getElementById("cop-f-title").value), "مجتمع المعلمين ساعدني");
  assert.deepEqual(await axeViolations(page), []);
  await page.evaluate(() => localStorage.clear());
});

test("where the browser keeps no storage, the form says so and still submits", async () => {
  // As with site data blocked in the browser's settings: reading localStorage throws.
  const page = await env.open("/story.html", { wait: false });
  await page.context().addInitScript(() => Object.defineProperty(window, "localStorage", {
    get() { throw new DOMException("The operation is insecure.", "SecurityError"); },
  }));
  await page.reload();
  await page.waitForFunction(() => document.getElementById("story").dataset.copState === "ready");
  assert.match(await shown(page), /This browser does not let the form keep your answers: they are lost if you leave the page before submitting\./);
  const title = `No storage ${Date.now()}`;
  await fill(page, title);
  await page.$eval("#story", (el) => el.shadowRoot.querySelector("[data-cop-action=submit]").click());
  await page.waitForFunction(() => document.getElementById("story").shadowRoot.textContent.includes("your story is stored"));
  assert.equal((await stored(title)).length, 1);
  assert.deepEqual(page.errors, []);
});

/** An HS256 token for member m-42 that expires at `exp` (seconds), as an intranet would sign it. */
function jwt(secret, exp) {
  const part = (value) => Buffer.from(JSON.stringify(value)).toString("base64url");
  const unsigned = `${part({ alg: "HS256", typ: "JWT" })}.${part({ sub: "m-42", exp })}`;
  return `${unsigned}.${createHmac("sha256", secret).update(unsigned).digest("base64url")}`;
}

/** Fills title and two answers through the page's own controls, then goes to the review. */
const fill = (page, title, answer = "An answer") => fillStory(page, title, { answer });

test("on a page that cancels every click, the form still moves on, by mouse and by keyboard, and submits once", async () => {
  const page = await env.open("/cancelled-clicks.html");
  const title = `Cancelled clicks ${Date.now()}`;
  // By keyboard: Enter in the title field (the browser clicks the form's submit button).
  await page.waitForFunction(() => document.getElementById("story").shadowRoot.getElementById("cop-f-title"));
  await page.$eval("#story", (el) => el.shadowRoot.getElementById("cop-f-title").focus());
  await page.keyboard.type(title);
  await page.keyboard.press("Enter");
  await page.waitForFunction(() => document.getElementById("story").shadowRoot.getElementById("cop-f-immediate"));
  // By mouse: real clicks on Continue, and on Submit.
  await page.$eval("#story", (el) => el.shadowRoot.getElementById("cop-f-immediate").focus());
  await page.keyboard.type("A clinic on group work.");
  await page.locator("#story button[type=submit]").click();
  // Real clicks on boxes and on their labels' text: the host cancels them (so the browser
  // ticks no box for a label), and each box stays as the member left it. The change the
  // platform then fires stays in the widget, as a box's own would: the host never hears it.
  await page.evaluate(() => {
    window.hostHeardChange = 0;
    document.addEventListener("change", () => window.hostHeardChange++, true);
  });
  await page.locator("#story label[for=cop-f-more-potential]").click();
  await page.locator("#story #cop-f-more-applied").click();
  await page.locator("#story #cop-f-more-applied").click(); // and unticked again
  await page.locator("#story label[for=cop-f-more-realized]").click();
  await page.locator("#story label[for=cop-f-more-realized]").click(); // and unticked again
  await page.waitForTimeout(50);
  const ticked = await page.$eval("#story", (el) => [...el.shadowRoot.querySelectorAll("input[type=checkbox]")].filter((box) => box.checked).map((box) => box.id));
  assert.deepEqual(ticked, ["cop-f-more-potential"]);
  assert.equal(await page.evaluate(() => window.hostHeardChange), 0, "no change event reached the host page");
  await page.locator("#story button[type=submit]").click();
  await page.waitForFunction(() => document.getElementById("story").shadowRoot.getElementById("cop-f-potential"));
  await page.$eval("#story", (el) => el.shadowRoot.getElementById("cop-f-potential").focus());
  await page.keyboard.type("A rubric.");
  await page.locator("#story button[type=submit]").click();
  await page.locator("#story #cop-f-share").click();
  await page.locator("#story button[type=submit]").click();
  await page.waitForFunction(() => document.getElementById("story").shadowRoot.textContent.includes("Check your answers"));
  await page.locator("#story [data-cop-action=submit]").click();
  await page.waitForFunction(() => document.getElementById("story").shadowRoot.textContent.includes("your story is stored"));
  const stories = await stored(title);
  assert.equal(stories.length, 1);
  assert.deepEqual(stories[0].answers.map((answer) => answer.cycle), ["immediate", "potential"]);
  assert.equal(stories[0].share_with_sponsors, true, "the box ticked by a cancelled click was sent ticked");
});

test("required questions first; then the member chooses which others to answer, and only those are sent", async () => {
  const page = await env.open("/story.html");
  const title = `Chosen ${Date.now()}`;
  const on = (id) => page.waitForFunction((id) => document.getElementById("story").shadowRoot.getElementById(id), id);
  const next = () => page.$eval("#story", (el) => el.shadowRoot.querySelector("button[type=submit]").click());
  const tick = (id) => page.$eval("#story", (el, id) => el.shadowRoot.getElementById(id).click(), id);
  const typeInto = async (id, text) => {
    await on(id);
    await page.$eval("#story", (el, id) => el.shadowRoot.getElementById(id).focus(), id);
    await page.keyboard.type(text);
  };
  await typeInto("cop-f-title", title);
  await next();
  await typeInto("cop-f-immediate", "A clinic on group work.");
  await next();
  await on("cop-f-more-potential");
  const choice = await page.$eval("#story", (el) => {
    const set = el.shadowRoot.querySelector("fieldset");
    return {
      legend: set.querySelector("legend h2").textContent,
      focused: el.shadowRoot.activeElement === set.querySelector("legend h2"),
      boxes: [...set.querySelectorAll("input[type=checkbox]")].map((box) => box.name),
      first: set.querySelector("input[type=checkbox]").labels[0].textContent,
    };
  });
  assert.deepEqual(choice, {
    legend: "Which other parts of the story can you tell?",
    focused: true,
    boxes: ["more-potential", "more-applied", "more-realized", "more-reframing", "more-strategic", "more-enabling", "more-loop"],
    first: "What did you get out of it?",
  }, "a fieldset whose legend is the page's heading (focused), one box per question not required");
  assert.match(await shown(page), /Choose at least one\./);
  // None chosen: the community asks for one more, so the choice is the problem.
  await next();
  await page.waitForFunction(() => document.getElementById("story").shadowRoot.querySelector(".cop-error-summary"));
  assert.match(await shown(page), /There is a problem Answer at least one more question/);
  await page.keyboard.press("Tab");
  await page.keyboard.press("Enter"); // the summary's link
  assert.equal((await focused(page)).id, "cop-f-more-potential", "the link focuses the first box");
  assert.equal(await page.$eval("#story", (el) => el.shadowRoot.querySelector("fieldset").getAttribute("aria-describedby")), "cop-h-more cop-e-more");
  assert.deepEqual(await axeViolations(page), []);
  // Two chosen: two more pages, in the template's order. One by a real click on its label's
  // text: the browser ticks it once (redo_default, hearing the label's click and then the
  // box's, must not tick it again).
  await page.locator("#story label[for=cop-f-more-realized]").click();
  await tick("cop-f-more-applied");
  await next();
  await typeInto("cop-f-applied", "We tried it in three schools.");
  assert.match(await shown(page), /Step 4 of 7/);
  await next();
  await on("cop-f-realized"); // left empty: an optional answer
  await next();
  await on("cop-f-tags");
  await next();
  await page.waitForFunction(() => document.getElementById("story").shadowRoot.textContent.includes("Check your answers"));
  const rows = await page.$eval("#story", (el) => [...el.shadowRoot.querySelectorAll(".cop-review dt")].map((dt) => dt.textContent));
  assert.deepEqual(rows, [
    "Title of your story",
    "What got you involved? What was the activity?",
    "How did you apply it?",
    "Share this story with the community’s sponsors",
    "Do not show my name to other members",
  ], "what was answered only: not the empty optional answer, nor links and tags left empty");
  // "Add more" goes back to the choice; unticking a question takes its answer out of the story.
  await page.$eval("#story", (el) => [...el.shadowRoot.querySelectorAll("button")].find((b) => b.textContent === "Add more to your story").click());
  await on("cop-f-more-applied");
  assert.equal(await page.$eval("#story", (el) => el.shadowRoot.getElementById("cop-f-more-applied").checked), true, "the choice is kept");
  await tick("cop-f-more-potential");
  await tick("cop-f-more-applied");
  await page.locator("#story label[for=cop-f-more-realized]").click(); // unticked
  await next();
  await typeInto("cop-f-potential", "A rubric.");
  await next();
  await on("cop-f-tags");
  await next();
  await page.waitForFunction(() => document.getElementById("story").shadowRoot.textContent.includes("Check your answers"));
  assert.doesNotMatch(await shown(page), /three schools/, "an unchosen answer is not reviewed");
  await page.$eval("#story", (el) => el.shadowRoot.querySelector("[data-cop-action=submit]").click());
  await page.waitForFunction(() => document.getElementById("story").shadowRoot.textContent.includes("your story is stored"));
  const [story] = await stored(title);
  assert.deepEqual(story.answers.map((answer) => [answer.cycle, answer.text]), [["immediate", "A clinic on group work."], ["potential", "A rubric."]], "nor sent");
  assert.deepEqual(page.errors, []);
});
