// Bad configuration and failing backends: each gets its own readable message in the widget's
// space, the widget says data-cop-state="error" and dispatches cop:error, and nothing else breaks.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { axeViolations, events, setUp, settled, state, text } from "./helpers.mjs";

let env;
before(async () => (env = await setUp()));
after(() => env.close());

test("each misconfigured placeholder names the attribute, the value found and what is expected", async () => {
  const page = await env.open("/bad.html");
  const expectations = {
    "unknown-widget": "data-cop-widget: found “participation-bagde”; expected a widget name, one of: hello, participation-badge, value-story, video-carousel, rhythm-calendar.",
    "bad-url": "data-api: found “cop.example.org/api”; expected an absolute http(s) address or a path that starts with /.",
    "bad-locale": "data-locale: found “en_US”; expected a language tag such as en, de-CH or pt-BR.",
    "unknown-locale": "data-locale: found “qq”; expected a language this browser knows, such as en, de-CH or pt-BR.",
    "stray-space": "data-theme: found “dark ”; expected the same value without spaces around it.",
    misspelt: "data-comunity is not an attribute of this widget; did you mean data-community?",
    "bad-template": "data-endpoint: found “/members/{membr}”; expected an attribute data-membr to fill “{membr}” in the endpoint.",
    "bad-pointer": "data-map-name: found “data.title”; expected a JSON Pointer such as /data/name (RFC 6901).",
    "badge-without-member": "data-member is missing; expected an id, such as “teachers” or “m-42”.",
    "badge-variant": "data-variant: found “badge”; expected one of: pill, card, community, network, legend.",
    "bad-inline": "<script type=\"application/json\">: found “{ name: 'not json' }”; expected valid JSON inside <script type=\"application/json\">.",
  };
  for (const [id, message] of Object.entries(expectations)) {
    assert.equal(await state(page, id), "error", id);
    const shown = await text(page, id);
    assert.ok(shown.includes("This widget is not set up correctly"), `${id}: ${shown}`);
    assert.ok(shown.includes(message), `${id} shows:\n${shown}\nexpected:\n${message}`);
  }
  const many = await text(page, "many");
  for (const part of ["data-theme: found “purple”", "data-credentials: found “yes”", "data-timeout: found “0”; expected a whole number from 1 to 120."]) {
    assert.ok(many.includes(part), `every problem is listed: ${part}`);
  }
  assert.equal(await state(page, "good"), "ready", "one bad widget never stops the others");
  const heights = await page.$$eval("#stray-space, #good", (els) => els.map((el) => el.getBoundingClientRect().height));
  assert.ok(heights[0] < 200, `an error box gives back the reserved 350px (it is ${heights[0]}px)`);
  const content = await page.$eval("#good", (el) => el.shadowRoot.querySelector(".cop-root").getBoundingClientRect().height);
  assert.ok(Math.abs(heights[1] - content) <= 1, `a working widget is as tall as what it shows (${heights[1]} for ${content}px): the reservation held only while it loaded`);
  const errors = (await events(page)).filter((e) => e.type === "cop:error");
  assert.equal(errors.length, 12);
  assert.ok(errors.every((e) => e.detail.reason === "config" && e.detail.widget !== undefined));
  assert.ok(page.errors.some((e) => e.includes("data-comunity is not an attribute")), "the same message on the console");
  assert.deepEqual(await axeViolations(page), []);
});

test("each backend failure has its own message, a retry button and an error code", async () => {
  const page = await env.open("/failures.html");
  const expectations = {
    unauthorized: ["You need to sign in to see this.", "http-401"],
    forbidden: ["Your account is not allowed to see this.", "http-403"],
    "not-found": ["The server does not know this (error 404).", "http-404"],
    "server-error": ["The server had a problem (error 500). Try again later.", "http-500"],
    timeout: ["The server took too long to answer.", "timeout"],
    malformed: ["The server's answer could not be read: it is not valid JSON.", "malformed-json"],
    html: ["The server's answer could not be read: it is not valid JSON.", "malformed-json"],
    "wrong-shape": ["The server's answer is not in the expected form: no text for “name” at /name.", "wrong-shape"],
    absurd: ["no whole number (0 or more) for “member_count” at /member_count.", "wrong-shape"],
    unreachable: ["The server could not be reached.", "unreachable"],
  };
  const errors = Object.fromEntries((await events(page)).filter((e) => e.type === "cop:error").map((e) => [e.id, e.detail]));
  for (const [id, [message, reason]] of Object.entries(expectations)) {
    assert.equal(await state(page, id), "error", id);
    const shown = await text(page, id);
    assert.ok(shown.includes("This could not be loaded") && shown.includes(message), `${id} shows:\n${shown}`);
    assert.equal(await page.locator(`#${id} button`).innerText(), "Try again", id);
    assert.equal(errors[id]?.reason, reason, id);
    assert.doesNotMatch(shown, /TypeError|SyntaxError|undefined|\[object/, "no raw error text");
  }
  assert.deepEqual(await axeViolations(page), []);
});

/** Adds a hello placeholder (endpoints relative to the site root) and waits for it to settle. */
async function add(page, id, attributes) {
  attributes = { "data-api": "/", ...attributes };
  await page.evaluate(
    ([id, attributes]) => {
      const el = document.createElement("div");
      el.id = id;
      el.setAttribute("data-cop-widget", "hello");
      for (const [name, value] of Object.entries(attributes)) el.setAttribute(name, value);
      document.body.appendChild(el);
    },
    [id, attributes],
  );
  await page.waitForFunction((id) => ["ready", "error"].includes(document.getElementById(id)?.dataset.copState), id);
}

const hits = async (key) => (await (await fetch(`${env.origin}/fixtures/hits/${key}`)).json()).hits;

test("transient failures are retried with backoff before the member sees anything", async () => {
  const page = await env.open("/index.html");
  await add(page, "flaky", { "data-endpoint": "/fixtures/flaky/auto/2", "data-retries": "2" });
  assert.equal(await state(page, "flaky"), "ready");
  assert.equal(await hits("flaky:auto"), 3, "two 503s, then success");
});

test("the retry button fetches again and the widget recovers, by keyboard alone", async () => {
  const page = await env.open("/index.html");
  await add(page, "manual", { "data-endpoint": "/fixtures/flaky/button/1", "data-retries": "0" });
  assert.equal(await state(page, "manual"), "error");
  assert.match(await text(page, "manual"), /error 503/);
  // Tab from the top of the page until focus is inside the widget, as a keyboard user would.
  const focusedInWidget = () =>
    page.evaluate(() => {
      const host = document.activeElement;
      const inner = host?.shadowRoot?.activeElement;
      return host?.id === "manual" && inner ? inner.textContent : null;
    });
  let label = null;
  for (let presses = 0; presses < 30 && !label; presses++) {
    await page.keyboard.press("Tab");
    label = await focusedInWidget();
  }
  assert.equal(label, "Try again", "Tab reaches the retry button");
  const outline = await page.evaluate(() => {
    const button = document.getElementById("manual").shadowRoot.activeElement;
    return getComputedStyle(button).outlineStyle + " " + getComputedStyle(button).outlineWidth;
  });
  assert.equal(outline, "solid 3px", "the focus is visible");
  await page.keyboard.press("Enter");
  await page.waitForFunction(() => document.getElementById("manual").dataset.copState === "ready");
  assert.match(await text(page, "manual"), /Teachers' network/);
});

test("CopWidgets.refresh() fetches again, for one widget or all", async () => {
  const page = await env.open("/index.html");
  await add(page, "refreshed", { "data-src": "/fixtures/counted/refresh" });
  assert.equal(await hits("counted:refresh"), 1);
  await page.evaluate(() => window.CopWidgets.refresh(document.getElementById("refreshed")));
  await page.waitForFunction(() => document.getElementById("refreshed").dataset.copState === "ready");
  await page.waitForTimeout(400);
  assert.equal(await hits("counted:refresh"), 2);
  await page.evaluate(() => window.CopWidgets.refresh());
  await page.waitForTimeout(600);
  assert.equal(await hits("counted:refresh"), 3);
  assert.equal(await state(page, "refreshed"), "ready");
});

test("identical requests in flight are sent once", async () => {
  const page = await env.open("/index.html");
  await page.evaluate(() => {
    for (const id of ["c1", "c2", "c3"]) {
      const el = document.createElement("div");
      el.id = id;
      el.setAttribute("data-cop-widget", "hello");
      el.setAttribute("data-src", "/fixtures/counted/same");
      document.body.appendChild(el);
    }
  });
  await settled(page);
  assert.equal(await hits("counted:same"), 1);
  for (const id of ["c1", "c2", "c3"]) assert.match(await text(page, id), /Teachers' network/);
});

test("offline: a readable message, then it loads by itself when the connection is back", async () => {
  const page = await env.open("/index.html");
  await page.context().setOffline(true);
  await add(page, "offline", { "data-community": "case-clinic", "data-api": "/api" });
  assert.match(await text(page, "offline"), /You seem to be offline\./);
  await page.context().setOffline(false);
  await page.waitForFunction(() => document.getElementById("offline").dataset.copState === "ready");
  assert.match(await text(page, "offline"), /Case clinic/);
});

test("configure({ headers }) adds headers (sync or async) to every request", async () => {
  const page = await env.open("/index.html");
  await page.evaluate(() => window.CopWidgets.configure({ headers: () => ({ Authorization: "Bearer demo-token" }) }));
  await add(page, "auth", { "data-endpoint": "/fixtures/echo-authorization" });
  assert.match(await text(page, "auth"), /Authorization: Bearer demo-token/);
  await page.evaluate(() => window.CopWidgets.configure({ headers: async () => ({ Authorization: "Bearer later" }) }));
  await add(page, "auth2", { "data-endpoint": "/fixtures/echo-authorization?2" });
  assert.match(await text(page, "auth2"), /Authorization: Bearer later/);
});

test("cookies are sent only with data-credentials=include", async () => {
  const page = await env.open("/index.html");
  await page.evaluate(() => (document.cookie = "session=abc123"));
  await add(page, "no-cookie", { "data-endpoint": "/fixtures/echo-cookie" });
  await add(page, "cookie", { "data-endpoint": "/fixtures/echo-cookie?with", "data-credentials": "include" });
  assert.match(await text(page, "no-cookie"), /Cookie: none/);
  assert.match(await text(page, "cookie"), /Cookie: session=abc123/);
});

test("a panic is reported on every widget of the page instead of freezing them", async () => {
  // The panic is the point: its uncaught exception is expected (the opt-out of helpers' check).
  const page = await env.open("/crash.html", { uncaught: true });
  assert.equal(await state(page, "healthy"), "ready");
  // The host page's own wasm traps: an uncaught RuntimeError too, but not this library's.
  await page.evaluate(async () => {
    // A module whose one export, f, is `unreachable`; compiled from bytes, so no address.
    const bytes = new Uint8Array([0, 97, 115, 109, 1, 0, 0, 0, 1, 4, 1, 96, 0, 0, 3, 2, 1, 0,
      7, 5, 1, 1, 102, 0, 0, 10, 5, 1, 3, 0, 0, 11]);
    const { instance } = await WebAssembly.instantiate(bytes);
    await new Promise((resolve) => setTimeout(() => { resolve(); instance.exports.f(); }));
    await new Promise((resolve) => setTimeout(resolve, 100));
  });
  assert.ok(page.errors.some((e) => e === "uncaught: unreachable"), "the host's trap was uncaught");
  assert.equal(await state(page, "healthy"), "ready", "a trap of the host's wasm stops no widget");
  assert.equal(await page.evaluate(() => window.CopWidgets.crashed), undefined);
  await page.click("#crash");
  await page.waitForFunction(() => document.getElementById("healthy").dataset.copState === "error");
  const message = "This widget stopped after an internal error. Reloading the page may help.";
  assert.equal(await page.locator("#healthy .cop-alert").innerText(), message);
  assert.equal(await page.locator("#crashing .cop-alert").innerText(), message);
  const crash = (await events(page)).find((e) => e.type === "cop:error" && e.id === "healthy");
  assert.equal(crash.detail.reason, "crash");
  // A panic is a trap (panic = immediate-abort): the message is the trap's, not the panic's.
  assert.match(crash.detail.message, /^RuntimeError: unreachable/);
  assert.ok(page.errors.some((e) => e.includes("cop-widgets: internal error")));
  // A placeholder added after the crash is not handed to the stopped instance.
  await page.evaluate(() => {
    const el = document.createElement("div");
    el.id = "late";
    el.setAttribute("data-cop-widget", "hello");
    document.body.appendChild(el);
  });
  await page.waitForFunction(() => document.getElementById("late").dataset.copState === "error");
});
