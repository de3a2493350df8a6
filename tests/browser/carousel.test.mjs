// The featured-video carousel (issue 14) on www/carousel.html: wide, narrow, right to left,
// rotating, self-hosted files, misconfigured; and against a foreign backend (json-server).
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { axeViolations, openWithWasmHeld, setUp, startJsonServer, state, text } from "./helpers.mjs";

let env;

before(async () => {
  env = await setUp();
});
after(async () => {
  await env?.close();
});

const THIRD_PARTY = /youtube|ytimg|vimeo/;
/** Opens carousel.html with the video providers stubbed (they are unreachable here anyway). */
async function open(path = "/carousel.html", contextOptions = {}) {
  return env.open(path, {
    contextOptions,
    before: (context) => context.route(THIRD_PARTY, (route) => route.fulfill({ status: 200, contentType: "text/html", body: "<p>player</p>" })),
  });
}

/** Runs `fn(shadowRoot, ...args)` in the page for placeholder `#id`. */
const inShadow = (page, id, fn, ...args) =>
  page.evaluate(([id, source, args]) => new Function(`return (${source})`)()(document.getElementById(id).shadowRoot, ...args), [id, fn.toString(), args]);
const counter = (page, id) => inShadow(page, id, (root) => root.querySelector(".cop-counter").textContent.trim());
const slideStates = (page, id) => inShadow(page, id, (root) =>
  [...root.querySelectorAll("[aria-roledescription=slide]")].map((s) => `${s.getAttribute("aria-label")}${s.inert ? "" : " shown"}`));
const api = async (path, headers = {}) => (await fetch(`${env.origin}/api${path}`, { headers })).json();

test("a cycle's featured videos, as the APG carousel: a labelled region of slides named n of N", async () => {
  const page = await open();
  const { cycle, videos } = await api("/communities/teachers/carousel");
  assert.equal(await state(page, "wide"), "ready");
  const region = await inShadow(page, "wide", (root) => {
    const r = root.querySelector("[aria-roledescription=carousel]");
    return [r.getAttribute("role"), r.getAttribute("aria-label")];
  });
  assert.deepEqual(region, ["region", `Featured videos: ${cycle.name}`]);
  const labels = await slideStates(page, "wide");
  assert.deepEqual(labels.map((l) => l.replace(" shown", "")), videos.map((_, i) => `${i + 1} of ${videos.length}`));
  // Wide: several in view (the main column is about 600 px: two); narrow: one, the next peeking.
  assert.deepEqual(labels.filter((l) => l.endsWith("shown")), [`1 of ${videos.length} shown`, `2 of ${videos.length} shown`]);
  assert.equal(await counter(page, "wide"), `1 to 2 of ${videos.length}`);
  const narrow = await slideStates(page, "narrow");
  assert.deepEqual(narrow.filter((l) => l.endsWith("shown")), [`1 of ${narrow.length} shown`]);
  const peek = await inShadow(page, "narrow", (root) => {
    const [view, , second] = [root.querySelector(".cop-viewport").getBoundingClientRect(), null, root.querySelectorAll(".cop-slide")[1].getBoundingClientRect()];
    return second.left < view.right && second.right > view.right;
  });
  assert.ok(peek, "the next slide peeks in at the edge");
  // Each slide shows its title, speaker, role, why and duration, in the answer's order.
  const wide = await text(page, "wide");
  assert.match(wide, new RegExp(videos[0].title));
  assert.match(wide, new RegExp(`${videos[0].speaker.name}, ${videos[0].speaker.role}`));
  assert.match(wide, new RegExp(videos[0].why.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")));
  // Real buttons; rotation is off by default, so there is no stop control and the live region is polite.
  const controls = await inShadow(page, "wide", (root) => [
    root.querySelectorAll(".cop-rotation").length,
    root.querySelector(".cop-counter").getAttribute("aria-live"),
    [...root.querySelectorAll(".cop-nav button")].every((b) => b.type === "button"),
  ]);
  assert.deepEqual(controls, [0, "polite", true]);
  assert.deepEqual(page.errors.filter((e) => !/data-per-view/.test(e)), []);
});

test("buttons, the picker and the keys (arrows, Home, End) move the slides", async () => {
  const page = await open();
  const count = (await slideStates(page, "narrow")).length;
  const disabled = () => inShadow(page, "narrow", (root) => [...root.querySelectorAll(".cop-arrow")].map((b) => b.getAttribute("aria-disabled")));
  assert.deepEqual(await disabled(), ["true", null], "at the start, previous leads nowhere");
  await page.locator("#narrow .cop-arrow").nth(1).click();
  assert.equal(await counter(page, "narrow"), `2 of ${count}`);
  await page.locator("#narrow .cop-dot").nth(2).click();
  assert.equal(await counter(page, "narrow"), `3 of ${count}`);
  await page.keyboard.press("ArrowRight");
  assert.equal(await counter(page, "narrow"), `4 of ${count}`);
  // Focus follows to the current picker button.
  const focused = () => inShadow(page, "narrow", (root) => root.activeElement?.getAttribute("aria-current"));
  assert.equal(await focused(), "true");
  await page.keyboard.press("End");
  assert.equal(await counter(page, "narrow"), `${count} of ${count}`);
  assert.deepEqual(await disabled(), [null, "true"]);
  await page.keyboard.press("ArrowLeft");
  assert.equal(await counter(page, "narrow"), `${count - 1} of ${count}`);
  await page.keyboard.press("Home");
  assert.equal(await counter(page, "narrow"), `1 of ${count}`);
  const shown = await slideStates(page, "narrow");
  assert.deepEqual(shown.filter((l) => l.endsWith("shown")), [`1 of ${count} shown`]);
});

test("right to left, the arrow keys are reversed and the slides move the other way", async () => {
  const page = await open("/carousel.html", { reducedMotion: "reduce" }); // no transition to wait for
  const count = (await slideStates(page, "rtl")).length;
  await page.locator("#rtl .cop-dot").first().focus();
  await page.keyboard.press("ArrowLeft");
  assert.equal(await counter(page, "rtl"), `2 of ${count}`);
  // The second slide is the one in the viewport now, and the first went off to the right.
  const where = await inShadow(page, "rtl", (root) => {
    const view = root.querySelector(".cop-viewport").getBoundingClientRect();
    const [first, second] = [...root.querySelectorAll(".cop-slide")].map((s) => s.getBoundingClientRect());
    return [Math.round(second.right) <= Math.round(view.right) + 1 && second.left >= view.left - 1, first.left >= view.right - 1];
  });
  assert.deepEqual(where, [true, true]);
  await page.keyboard.press("ArrowRight");
  assert.equal(await counter(page, "rtl"), `1 of ${count}`);
});

test("right to left, English words keep their order and sit at the right: 1 of 5, the full stop at the end", async () => {
  const page = await open("/carousel.html");
  // Where each character of a text node is drawn, left to right on the screen.
  const drawn = (selector) => inShadow(page, "rtl", (root, selector) => {
    const element = root.querySelector(selector);
    const node = element.firstChild;
    const range = document.createRange();
    const xs = [...node.textContent].map((_, i) => {
      range.setStart(node, i);
      range.setEnd(node, i + 1);
      return range.getBoundingClientRect().left;
    });
    const box = element.getBoundingClientRect();
    return { text: node.textContent, xs, rightGap: box.right - range.getBoundingClientRect().right };
  }, selector);
  const counter = await drawn(".cop-counter");
  assert.match(counter.text, /^1 of \d+$/);
  assert.ok(counter.xs[0] < counter.xs[2], `"1" is drawn left of "of": ${counter.xs}`);
  const why = await drawn(".cop-slide:not([inert]) .cop-why");
  assert.match(why.text, /\.$/);
  const first = why.xs[0], stop = why.xs[why.xs.length - 1];
  assert.ok(stop > first, `the full stop is drawn after the sentence, on its right: ${why.xs}`);
  // Aligned to the right, as the right-to-left layout is: the last character ends at the box's right.
  assert.ok(Math.abs(why.rightGap) < 2, `${why.rightGap} px between the text's end and the box's right`);
});

test("nothing is requested from a video provider before the member plays; then the player comes and takes focus", async () => {
  const page = await open();
  // Touching the carousels (keys, pointer over play buttons) requests nothing either.
  await page.locator("#wide .cop-dot").nth(1).click();
  await page.locator("#wide .cop-play").nth(2).hover();
  await page.waitForTimeout(300);
  const origins = [...new Set(page.requests.map((url) => new URL(url).origin))];
  assert.deepEqual(origins, [env.origin], `requests before any play: ${origins.join(", ")}`);
  assert.equal(await page.evaluate(() => document.querySelectorAll("link[rel=preconnect]").length), 0, "no preconnect before a play");

  // A self-hosted file: a <video> with its sources and captions, focused.
  await page.locator("#files .cop-slide:not([inert]) .cop-play").first().click();
  const video = await inShadow(page, "files", (root) => {
    const v = root.querySelector("video.cop-player");
    return v && {
      sources: [...v.querySelectorAll("source")].map((s) => [new URL(s.src).pathname, s.type]),
      track: [...v.querySelectorAll("track")].map((t) => [t.kind, new URL(t.src).pathname, t.srclang]),
      focused: root.activeElement === v,
    };
  });
  assert.deepEqual(video, {
    sources: [["/media/interview.webm", "video/webm"], ["/media/interview.mp4", "video/mp4"]],
    track: [["captions", "/media/interview-en.vtt", "en"]],
    focused: true,
  });
  assert.deepEqual(page.requests.filter((url) => THIRD_PARTY.test(url)), []);

  // YouTube: the nocookie player, autoplaying, focused.
  await page.locator("#files .cop-arrow").nth(1).click();
  await page.locator("#files .cop-slide:not([inert]) .cop-play").nth(0).click();
  await page.waitForFunction(() => document.getElementById("files").shadowRoot.activeElement?.tagName === "IFRAME");
  const youtube = await inShadow(page, "files", (root) => root.querySelector("iframe.cop-player").src);
  assert.match(youtube, /^https:\/\/www\.youtube-nocookie\.com\/embed\/dQw4w9WgXcQ\?autoplay=1/);
  assert.equal(await inShadow(page, "files", (root) => root.querySelectorAll("video").length), 0, "the file stopped as it left the view");

  // Vimeo, with dnt=1.
  await page.locator("#files .cop-arrow").nth(1).click();
  await page.locator("#files .cop-slide:not([inert]) .cop-play").nth(0).click();
  await page.waitForFunction(() => document.getElementById("files").shadowRoot.activeElement?.tagName === "IFRAME"
    && /vimeo/.test(document.getElementById("files").shadowRoot.activeElement.src));
  const vimeo = await inShadow(page, "files", (root) => root.querySelector("iframe.cop-player").src);
  assert.match(vimeo, /^https:\/\/player\.vimeo\.com\/video\/76979871\?dnt=1&autoplay=1/);
  // Once the member has played a video (the file), pointing at another play button warmed its
  // provider: YouTube's, then Vimeo's.
  assert.deepEqual(await page.evaluate(() => [...document.querySelectorAll("link[rel=preconnect]")].map((l) => l.href)),
    ["https://www.youtube-nocookie.com/", "https://i.ytimg.com/", "https://player.vimeo.com/", "https://i.vimeocdn.com/"]);
  const third = page.requests.filter((url) => THIRD_PARTY.test(url)).map((url) => new URL(url).host);
  // The players, and the last slide's YouTube thumbnail, near the view once Vimeo's slide is shown.
  assert.deepEqual([...new Set(third)], ["www.youtube-nocookie.com", "i.ytimg.com", "player.vimeo.com"]);
});

test("an open player takes focus once, as it comes: a change of the carousel's state does not take it back", async () => {
  const page = await open();
  const playerFocused = () => inShadow(page, "wide", (root) => root.activeElement?.classList.contains("cop-player") ?? false);
  await page.locator("#wide .cop-slide:not([inert]) .cop-play").first().click();
  await page.waitForFunction(() => document.getElementById("wide").shadowRoot.activeElement?.classList.contains("cop-player"));
  // The picker's button of the shown page: the first slide (and its player) stays in view, but
  // the carousel's state changes (an earlier version focused the player again on every
  // change, so Tab could not leave it).
  await page.locator("#wide .cop-dot").first().focus();
  await page.keyboard.press("Enter");
  await page.evaluate(() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))));
  await page.waitForTimeout(100);
  const now = await inShadow(page, "wide", (root) => ({
    player: root.querySelectorAll(".cop-player").length,
    focus: root.activeElement?.classList.contains("cop-dot") ? `dot ${root.activeElement.getAttribute("aria-current")}` : root.activeElement?.className,
  }));
  assert.equal(now.player, 1, "the first slide's player is still open");
  assert.equal(now.focus, "dot true", "focus stayed on the picker's button");
  assert.equal(await playerFocused(), false);
});

test("a provider's thumbnail loads only once its slide is near the view", async () => {
  const page = await open();
  const thumb = () => page.requests.filter((url) => url.includes("i.ytimg.com"));
  assert.deepEqual(thumb(), []);
  await page.locator("#files .cop-dot").nth(2).click(); // the third slide: the fourth is next to it
  await page.waitForFunction(() => document.getElementById("files").shadowRoot.querySelectorAll(".cop-poster")[3]?.getAttribute("src"));
  await page.waitForTimeout(200);
  assert.ok(thumb().some((url) => url.startsWith("https://i.ytimg.com/vi/aqz-KE-bpKQ/")), "the thumbnail near the view");
});

test("impressions and selections reach the events endpoint once per video per page view, and the selection report counts them", async () => {
  const { cycle, videos } = await api("/communities/teachers/carousel");
  const report = () => api(`/communities/teachers/cycles/${cycle.id}/selection`, { "x-demo-member": "m-1" });
  const before = Object.fromEntries((await report()).videos.map((v) => [v.video, v]));
  const page = await open();
  const beacons = [];
  page.on("request", (r) => r.url().includes(`/cycles/${cycle.id}/events`) && beacons.push(JSON.parse(r.postData())));
  await page.waitForTimeout(1300); // the first slides have been in view for a second
  await page.locator("#wide .cop-play").first().click();
  const hide = () => page.evaluate(() => {
    Object.defineProperty(document, "visibilityState", { value: "hidden", configurable: true });
    document.dispatchEvent(new Event("visibilitychange"));
  });
  await hide();
  await page.waitForTimeout(500);
  await hide(); // again: nothing new to send
  await page.waitForTimeout(300);
  assert.ok(beacons.length >= 1, "a beacon on visibilitychange");
  // Within a page view, no video is sent twice of one kind.
  const sent = new Map(); // page view → {impressions, selections}
  for (const batch of beacons) {
    const seen = sent.get(batch.page_view) ?? { impressions: [], selections: [] };
    for (const kind of ["impressions", "selections"]) {
      for (const id of batch[kind]) {
        assert.ok(!seen[kind].includes(id), `${id} sent twice as ${kind}`);
        seen[kind].push(id);
      }
    }
    sent.set(batch.page_view, seen);
  }
  const selections = [...sent.values()].flatMap((s) => s.selections);
  assert.deepEqual(selections, [videos[0].id], "one play, one selection");
  const shown = [...sent.values()].flatMap((s) => s.impressions);
  assert.ok(shown.includes(videos[0].id) && shown.includes(videos[1].id), "the two slides in view were shown");
  assert.ok(!shown.includes(videos[videos.length - 1].id), "a slide never in view was not");
  // The server counted exactly what was sent.
  await new Promise((resolve) => setTimeout(resolve, 200));
  const after = Object.fromEntries((await report()).videos.map((v) => [v.video, v]));
  // A selection counts as shown too: per page view, each video once.
  for (const video of videos) {
    const views = [...sent.values()].filter((s) => s.impressions.includes(video.id) || s.selections.includes(video.id)).length;
    assert.equal(after[video.id].impressions, before[video.id].impressions + views, video.id);
    assert.equal(after[video.id].selections, before[video.id].selections + selections.filter((id) => id === video.id).length, video.id);
  }
});

test("with data-autoplay, a stop control comes first and slides turn; under reduced motion nothing turns", async () => {
  const moving = await open();
  const still = await open("/carousel.html", { reducedMotion: "reduce" });
  const first = (page) => inShadow(page, "rotating", (root) => {
    const focusable = root.querySelector("button:not([hidden]), [href], [tabindex]");
    return focusable && [focusable.className, focusable.textContent.trim()];
  });
  assert.deepEqual(await first(moving), ["cop-button cop-rotation", "Stop rotation"]);
  assert.equal(await inShadow(moving, "rotating", (root) => root.querySelector(".cop-counter").getAttribute("aria-live")), "off");
  assert.notEqual((await first(still))[0], "cop-button cop-rotation");
  assert.equal(await inShadow(still, "rotating", (root) => root.querySelector(".cop-counter").getAttribute("aria-live")), "polite");
  const start = [await counter(moving, "rotating"), await counter(still, "rotating")];
  await moving.waitForTimeout(5600);
  assert.notEqual(await counter(moving, "rotating"), start[0], "it turned");
  assert.equal(await counter(still, "rotating"), start[1], "reduced motion: it did not");
  // Stop: it stays.
  await moving.locator("#rotating .cop-rotation").focus();
  assert.equal(await inShadow(moving, "rotating", (root) => root.querySelector(".cop-rotation").textContent.trim()), "Start rotation", "focus stopped it");
  assert.equal(await inShadow(moving, "rotating", (root) => root.querySelector(".cop-counter").getAttribute("aria-live")), "polite");
});

test("a member who turns on reduced motion while the carousel turns stops it: its control goes, the counter speaks", async () => {
  const page = await open();
  const control = () => inShadow(page, "rotating", (root) => root.querySelector(".cop-rotation:not([hidden])")?.textContent.trim() ?? null);
  assert.equal(await control(), "Stop rotation");
  await page.emulateMedia({ reducedMotion: "reduce" });
  await page.waitForFunction(() => !document.getElementById("rotating").shadowRoot.querySelector(".cop-rotation:not([hidden])"));
  assert.equal(await inShadow(page, "rotating", (root) => getComputedStyle(root.querySelector(".cop-rotation")).display), "none", "not shown, not in the tab order");
  assert.equal(await inShadow(page, "rotating", (root) => root.querySelector(".cop-counter").getAttribute("aria-live")), "polite");
  const still = await counter(page, "rotating");
  await page.waitForTimeout(5600);
  assert.equal(await counter(page, "rotating"), still, "it did not turn");
  // Back to motion allowed: the control is back, and nothing turns until the member starts it
  // or the next interval (not asserted: either is right).
  await page.emulateMedia({ reducedMotion: "no-preference" });
  await page.waitForFunction(() => document.getElementById("rotating").shadowRoot.querySelector(".cop-rotation:not([hidden])"));
});

test("a misconfiguration names the attribute; the page passes axe's WCAG 2.2 AA rules", async () => {
  const page = await open();
  assert.equal(await state(page, "bad"), "error");
  assert.match(await text(page, "bad"), /data-per-view: found “9”; expected a whole number from 1 to 6/);
  // Values only the carousel reads are checked by its chunk and said in its catalog's words:
  // on a German placement, German (the box waits for the carousel's German catalog).
  await page.evaluate(() => {
    for (const [id, bad] of [["autoplay-de", { autoplay: "fast" }], ["events-de", { events: "ftp://example.org/" }]]) {
      const el = Object.assign(document.createElement("div"), { id });
      Object.assign(el.dataset, { copWidget: "video-carousel", community: "teachers", locale: "de" }, bad);
      document.body.append(el);
    }
  });
  await page.waitForFunction(() => ["autoplay-de", "events-de"].every((id) => document.getElementById(id).dataset.copState === "error"));
  assert.match(await text(page, "autoplay-de"), /data-autoplay: .*„fast“.*nichts \(alle 8 Sekunden\) oder eine ganze Zahl von Sekunden von/);
  assert.match(await text(page, "events-de"), /data-events: .*„ftp:\/\/example\.org\/“.*none oder eine http\(s\)-Adresse/);
  assert.deepEqual(await axeViolations(page), []);
});

test("on a page that cancels every click, the carousel still moves and plays, and its link to the provider opens", async () => {
  const page = await open("/cancelled-clicks.html");
  assert.equal(await state(page, "carousel"), "ready");
  const before = await counter(page, "carousel");
  await page.locator("#carousel .cop-arrow").nth(1).click();
  await page.waitForFunction((before) => document.getElementById("carousel").shadowRoot.querySelector(".cop-counter").textContent.trim() !== before, before);
  // Play the first slide in view whose player is an iframe (YouTube or Vimeo): its "Watch on …"
  // link is a link the host cancels; the widget follows it in a new tab.
  const played = await page.evaluate(() => {
    const root = document.getElementById("carousel").shadowRoot;
    return [...root.querySelectorAll(".cop-slide:not([inert]) .cop-play")].findIndex((b) => !/\.(mp4|webm)/.test(b.closest(".cop-slide").innerHTML));
  });
  assert.ok(played >= 0, "a provider's video in view");
  await page.locator("#carousel .cop-slide:not([inert]) .cop-play").nth(played).click();
  await page.waitForFunction(() => document.getElementById("carousel").shadowRoot.activeElement?.tagName === "IFRAME");
  const [tab] = await Promise.all([
    page.context().waitForEvent("page"),
    page.locator("#carousel .cop-watch").click(),
  ]);
  assert.match(tab.url(), /^https:\/\/(www\.youtube\.com|vimeo\.com)\//);
  assert.equal(new URL(page.url()).pathname, "/cancelled-clicks.html", "the page itself stays");
  assert.deepEqual(page.errors, []);
});

test("a community that runs no cycle today says so, in the member's language, without a retry", async () => {
  // The demo's network communities have no cycles: the server answers 404 `no-current-cycle`.
  const page = await env.open("/no-cycle.html", {
    before: (context) => context.route(`${env.origin}/no-cycle.html`, (route) => route.fulfill({
      contentType: "text/html",
      body: `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>No cycle</title>
<script src="/cop-widgets.js" data-api="/api" defer></script></head><body><main><h1>Videos</h1>
<div id="en" data-cop-widget="video-carousel" data-community="agile-coaching"></div>
<div id="de" data-cop-widget="video-carousel" data-community="agile-coaching" data-locale="de"></div>
<div id="unknown" data-cop-widget="video-carousel" data-community="no-such-community"></div>
</main></body></html>`,
    })),
  });
  assert.equal(await state(page, "en"), "error");
  assert.match(await text(page, "en"), /This community features no videos today: no cycle is running\./);
  assert.match(await text(page, "de"), /Es läuft kein Zeitraum\./);
  assert.equal(await page.locator("#en button").count(), 0, "asking again cannot help");
  const reasons = await page.evaluate(() => Object.fromEntries(window.copEvents.filter((e) => e.type === "cop:error").map((e) => [e.id, e.detail.reason])));
  // A community the server does not know is still a plain 404.
  assert.deepEqual(reasons, { en: "no-current-cycle", de: "no-current-cycle", unknown: "http-404" });
  assert.match(await text(page, "unknown"), /error 404/);
  assert.deepEqual(await axeViolations(page), []);
  // Each failure is said on the console too (and the browser says the 404s).
  page.errors = page.errors.filter((e) => !/404|no-current-cycle/.test(e));
  assert.deepEqual(page.errors, []);
});

test("the carousel keeps the space the loader reserved: nothing below it moves", async () => {
  const held = await openWithWasmHeld(env, "/carousel.html", { loading: "wide" });
  const { page } = held;
  assert.equal((await held.box("wide")).height, 420, "the loader reserves the carousel's height");
  const released = await held.release();
  assert.equal(released.below, held.below, "content below the carousel did not move");
  for (const id of ["wide", "narrow"]) {
    const fits = await page.evaluate((id) => {
      const el = document.getElementById(id);
      return el.shadowRoot.querySelector(".cop-root").getBoundingClientRect().height <= el.getBoundingClientRect().height;
    }, id);
    assert.ok(fits, `${id}: the carousel fits in its reserved height`);
  }
  assert.equal(released.shifts, 0);
  await page.context().close();
});

// A foreign backend shaped otherwise: json-server on www/data/foreign-db.json.
test("a foreign backend's own shape, mapped with data-map-* (list items too); a typo names the attribute", async () => {
  const backend = await startJsonServer();
  try {
    const page = await env.open(`/carousel-foreign.html?backend=${encodeURIComponent(backend.origin)}`, {
      contextOptions: { permissions: ["local-network-access"] },
      before: (context) => context.route(THIRD_PARTY, (route) => route.fulfill({ status: 200, body: "" })),
    });
    page.warnings = [];
    assert.equal(await state(page, "mapped"), "ready");
    const shown = await text(page, "mapped");
    assert.match(shown, /Mentoring in the open/);
    assert.match(shown, /Ana Lima, Mentor/);
    assert.match(shown, /4:12/);
    assert.match(shown, /3:05/);
    // The item with nothing to play is left out (and said on the console, not on the page).
    assert.deepEqual(await slideStates(page, "mapped").then((s) => s.map((l) => l.replace(" shown", ""))), ["1 of 2", "2 of 2"]);
    assert.doesNotMatch(shown, /No link at all/);
    assert.equal(await inShadow(page, "mapped", (root) => root.querySelector("[aria-roledescription=carousel]").getAttribute("aria-label")), "Featured videos: Autumn picks");
    // Posters are rebased on the backend's origin; nothing from a provider before a play.
    const poster = await inShadow(page, "mapped", (root) => root.querySelector(".cop-poster").getAttribute("src"));
    assert.equal(poster, `${backend.origin}/posters/teachers-v02.svg`);
    assert.deepEqual(page.requests.filter((url) => THIRD_PARTY.test(url)), []);
    await page.locator("#mapped .cop-play").first().click();
    await page.waitForFunction(() => document.getElementById("mapped").shadowRoot.querySelector("iframe"));
    assert.match(await inShadow(page, "mapped", (root) => root.querySelector("iframe").src), /youtube-nocookie\.com\/embed\/M7lc1UVf-VE/);
    // The typo: the attribute and its pointer, no Try again.
    assert.equal(await state(page, "typo"), "error");
    const typo = await text(page, "typo");
    assert.match(typo, /data-map-videos/);
    assert.match(typo, /\/clipz/);
    assert.doesNotMatch(typo, /Try again/);
  } finally {
    await backend.close();
  }
});
