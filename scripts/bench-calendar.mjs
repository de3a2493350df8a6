// Benchmark (issue 15): the rhythm calendar against FullCalendar 6 with its rrule plugin (npm,
// devDependencies, for this benchmark only) on the same 50 series, both in one run,
// interleaved (the order alternates run by run), in headless Chromium.
//
// The events: 50 series made here deterministically (weekly on one or two days, every second
// week, monthly on the 2nd Tuesday and on the last Friday, monthly on a day of the month,
// yearly — one of them a two-day meeting —; COUNT on some, UNTIL on others, EXDATEs on five;
// in Europe/Vienna, America/New_York, Asia/Kolkata and UTC), as the contract's events JSON.
// This script serves them itself, at the contract's own URL (GET
// /api/communities/bench50/events: the widget needs no data-endpoint or mapping), from a small
// server (in a child process, so the measuring one never delays it) that also serves both
// pages and FullCalendar's files (from node_modules) and passes every other request on to the
// reference server (COP_SERVER, as scripts/bench.mjs), which serves the bundle (pkg/). Its
// own files go out compressed as the browser asks (brotli, else gzip, before the run, with
// scripts/compress.mjs), as the reference server's precompressed bundle is. Nothing is
// stored on the reference server; its POST /api/recurrence/expand (the same engine, with the
// IANA database) gives the expected occurrences, and refuses any series it cannot read.
//
// Both pages fetch that same JSON. The browser's clock is set to 2026-12-01T12:00:00Z (Date
// only, by an init script; performance.now is left alone), its zone to Europe/Vienna, its
// locale to en-GB (weeks from Monday; FullCalendar is given firstDay: 1).
//   month — the product: data-view="month" (the month grid, its own chunk; the page also
//           expands about two years for the heartbeat). FullCalendar: dayGridMonth.
//   year  — the product: the agenda with data-months="12" (it expands 12 × 31 days from
//           now, and the heartbeat's two years, and lists the first 200 occurrences: its cap,
//           so it does not render the whole year). FullCalendar: a list view of 12 months from
//           the 1st of the current month (type "list", duration 12 months), every occurrence.
// FullCalendar's page loads only what its view needs: core, daygrid or list, rrule (the
// plugin and the rrule library), no zone plugin: rrule.js reads a TZID's wall clock itself
// (through Intl, into the browser's zone, which is the calendar's: timeZone "local", the
// default; the occurrences per day below agree with the engine's). Each event
// is its `timing` as the rrule string, its duration, and allDay: false — the plugin guesses
// "all day" unless a `DTSTART:` line (without parameters), `EXDATE:` or `UNTIL=` has a time,
// so it takes `DTSTART;TZID=…:…T090000` for all day, and an all-day event of an hour is not
// on the month grid at all (23 of 113 shown without it).
//
// Per scenario and page, medians of RUNS runs (each in a fresh browser context: cold caches):
//   ready — ms from navigation start to "rendered": the product's cop:ready on the
//           placeholder (dispatched once its view, with the events, is in the DOM);
//           FullCalendar's first moment, after calendar.render() (called once the events JSON
//           is there), at which its events are in the DOM (.fc-event count > 0, checked right
//           after render() and then every animation frame). Neither includes the paint.
//   loaded — ms from navigation start to the end of the last response (Resource Timing's
//           responseEnd): what is left of ready after it is the page's work on the data;
//   code  — bytes on the wire (CDP Network.loadingFinished encodedDataLength: compressed
//           bodies with their headers) of everything but the page itself and the events JSON:
//           JS, wasm, CSS, the product's catalogs;
//   data  — the same for the events JSON (one request, the same on both pages);
//   requests — HTTP requests the page made (itself and the favicon included).
// Once per run, not timed: the occurrences each page shows — the month's: on the product's
// grid the counts in the month's cells (an occurrence counts in each day it touches), on
// FullCalendar's the event elements in the month's day cells (one per week row an occurrence
// spans); the year's: the product's agenda items and FullCalendar's list rows (a list row
// per day an occurrence touches) — each beside what the engine's occurrences say it should
// be ("agrees" or "DIFFERS"), and the product's heartbeat sentence ("Coming 12 months: N
// events planned") beside the engine's N. And whether the occurrence elements in the DOM at
// ready are all there are once the network is idle (a note if not).
//
// Prints a table with ratios (product ÷ FullCalendar); asserts nothing about time. Throws on
// an uncaught page error, a cop:error, or a page that is not ready within 60 s. Run after
// scripts/build.sh: node scripts/bench-calendar.mjs [runs] (default 7);
// COP_SERVER=target/release/cop-server uses a release server (default: the debug one).
import { fork } from "node:child_process";
import { createServer, request as httpRequest, Agent } from "node:http";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";
import { startServer } from "../tests/browser/server.mjs";
import { brotli, gzip } from "./compress.mjs";

const args = process.argv.slice(2);
const RUNS = Number(args.find((a) => /^\d+$/.test(a))) || 7;
const NOW = Date.parse("2026-12-01T12:00:00Z");
const VIEWER_ZONE = "Europe/Vienna";
const LOCALE = "en-GB";
const COMMUNITY = "bench50";
const EVENTS_PATH = `/api/communities/${COMMUNITY}/events`;
const ms = (x) => x.toFixed(0);
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const ROOT = new URL("../", import.meta.url);

// ---- The 50 series -------------------------------------------------------------------------

const ZONES = ["Europe/Vienna", "America/New_York", "Asia/Kolkata", "UTC"];
// First local hour per zone: every occurrence stays within one day in Vienna (the viewer's).
const FIRST_HOUR = { "Europe/Vienna": 8, "America/New_York": 8, "Asia/Kolkata": 10, UTC: 7 };
const DAYS = ["MO", "TU", "WE", "TH", "FR"];
const pad2 = (n) => String(n).padStart(2, "0");
/** A calendar date as [y, m, d] `days` after it (plain dates, no zone). */
const plus = ([y, m, d], days) => {
  const t = new Date(Date.UTC(y, m - 1, d + days));
  return [t.getUTCFullYear(), t.getUTCMonth() + 1, t.getUTCDate()];
};
/** The first date on or after `date` falling on `day` (MO…SU). */
const onOrAfter = (date, day) => {
  const want = ["SU", "MO", "TU", "WE", "TH", "FR", "SA"].indexOf(day);
  const have = new Date(Date.UTC(date[0], date[1] - 1, date[2])).getUTCDay();
  return plus(date, (want - have + 7) % 7);
};
const local = ([y, m, d], h, min) => `${y}${pad2(m)}${pad2(d)}T${pad2(h)}${pad2(min)}00`;
const compare = (a, b) => a[0] - b[0] || a[1] - b[1] || a[2] - b[2];

function makeSeries() {
  const events = [];
  for (let g = 0; g < 5; g++) {
    for (let t = 0; t < 10; t++) {
      const i = g * 10 + t;
      const zone = ZONES[(t + g) % 4];
      const hour = FIRST_HOUR[zone] + (i % 4);
      const minute = (i % 2) * 30;
      const day = DAYS[(i * 3) % 5];
      const at = (date) => `DTSTART;TZID=${zone}:${local(date, hour, minute)}`;
      let start, rule, minutes, kind, title, exdates = [];
      switch (t) {
        case 0: // weekly
          start = onOrAfter([2026, 1, 5 + g * 7], day);
          rule = `FREQ=WEEKLY;BYDAY=${day}`;
          [minutes, kind, title] = [60, "call", "Weekly call"];
          break;
        case 1: // weekly on two days, COUNT
          start = onOrAfter([2026, 4, 6 + g * 7], "TU");
          rule = "FREQ=WEEKLY;BYDAY=TU,TH;COUNT=70";
          [minutes, kind, title] = [45, "call", "Stand-up"];
          break;
        case 2: // every second week
          start = onOrAfter([2026, 1, 7 + g * 7], day);
          rule = `FREQ=WEEKLY;INTERVAL=2;BYDAY=${day}`;
          [minutes, kind, title] = [90, "case-clinic", "Case clinic"];
          break;
        case 3: // monthly, the 2nd Tuesday
          start = [2026, 1, 13];
          rule = "FREQ=MONTHLY;BYDAY=2TU";
          [minutes, kind, title] = [90, "webinar", "Webinar"];
          break;
        case 4: // monthly, the last Friday
          start = [2026, 1, 30];
          rule = "FREQ=MONTHLY;BYDAY=-1FR";
          [minutes, kind, title] = [120, "case-clinic", "Month's end clinic"];
          break;
        case 5: { // monthly on a day of the month, UNTIL on some
          const dom = [1, 15, 28, 10, 20][g];
          start = [2026, 1, dom];
          rule = `FREQ=MONTHLY;BYMONTHDAY=${dom}${g % 2 ? ";UNTIL=20270630T000000Z" : ""}`;
          [minutes, kind, title] = [60, "call", "Monthly call"];
          break;
        }
        case 6: // yearly; the first a two-day meeting
          start = [[2025, 12, 9], [2026, 3, 18], [2026, 6, 10], [2026, 9, 23], [2025, 12, 16]][g];
          rule = "FREQ=YEARLY";
          [minutes, kind, title] = [g === 0 ? 33 * 60 : 480, "face-to-face", g === 0 ? "Two-day meeting" : "Annual meeting"];
          break;
        case 7: // weekly, UNTIL
          start = onOrAfter([2026, 2, 2 + g * 7], day);
          rule = `FREQ=WEEKLY;BYDAY=${day};UNTIL=${["20261210", "20261217", "20270120", "20270331", "20270630"][g]}T235959Z`;
          [minutes, kind, title] = [60, "workshop", "Workshop series"];
          break;
        case 8: { // monthly on a day of the month, COUNT
          const dom = [5, 12, 19, 26, 3][g];
          start = [2026, 1 + g, dom];
          rule = `FREQ=MONTHLY;BYMONTHDAY=${dom};COUNT=${12 + g * 3}`;
          [minutes, kind, title] = [75, "webinar", "Webinar cycle"];
          break;
        }
        case 9: { // every second week, two occurrences cancelled (EXDATE)
          start = onOrAfter([2026, 1, 12 + g * 7], day);
          rule = `FREQ=WEEKLY;INTERVAL=2;BYDAY=${day}`;
          [minutes, kind, title] = [60, "call", "Fortnightly call"];
          let date = start;
          for (const after of [[2026, 12, 14], [2027, 1, 1]]) {
            while (compare(date, after) < 0) date = plus(date, 14);
            exdates.push(`EXDATE;TZID=${zone}:${local(date, hour, minute)}`);
          }
          break;
        }
      }
      events.push({
        id: `s${pad2(i + 1)}`,
        community: COMMUNITY,
        title: `${title} ${i + 1}`,
        kind,
        where: kind === "face-to-face" ? "Vienna, Haus der Begegnung" : `https://meet.example.org/s${i + 1}`,
        duration_minutes: minutes,
        timing: [at(start), `RRULE:${rule}`, ...exdates].join("\n"),
        zone,
        overrides: [],
        sequence: 0,
      });
    }
  }
  return events;
}

const EVENTS = makeSeries();
const EVENTS_JSON = JSON.stringify(EVENTS);

// ---- The pages -----------------------------------------------------------------------------

const productPage = (scenario) => `<!doctype html>
<html lang="${LOCALE}">
<head>
  <meta charset="utf-8">
  <title>Benchmark: the rhythm calendar, ${scenario}</title>
  <script>
    window.bench = { readyAt: null, error: null };
    document.addEventListener("cop:ready", (event) => {
      if (window.bench.readyAt !== null) return;
      window.bench.readyAt = performance.now();
      // What is in the DOM at that moment (checked against what is there later).
      window.bench.atReady = event.target.shadowRoot.querySelectorAll(".cop-cal-dot, .cop-cal-event").length;
    });
    document.addEventListener("cop:error", (event) => { window.bench.error ??= event.detail; });
  </script>
  <script src="/cop-widgets.js" data-api="/api" defer></script>
</head>
<body>
  <div id="cal" data-cop-widget="rhythm-calendar" data-community="${COMMUNITY}" ${scenario === "month" ? 'data-view="month"' : 'data-months="12"'}></div>
</body>
</html>
`;

const NPM = {
  core: "/npm/@fullcalendar/core/index.global.min.js",
  daygrid: "/npm/@fullcalendar/daygrid/index.global.min.js",
  list: "/npm/@fullcalendar/list/index.global.min.js",
  rrule: "/npm/rrule/dist/es5/rrule.min.js",
  plugin: "/npm/@fullcalendar/rrule/index.global.min.js",
};

const fullCalendarPage = (scenario) => `<!doctype html>
<html lang="${LOCALE}">
<head>
  <meta charset="utf-8">
  <title>Benchmark: FullCalendar, ${scenario}</title>
  <script src="${NPM.core}"></script>
  <script src="${scenario === "month" ? NPM.daygrid : NPM.list}"></script>
  <script src="${NPM.rrule}"></script>
  <script src="${NPM.plugin}"></script>
</head>
<body>
  <div id="calendar"></div>
  <script>
    window.bench = { readyAt: null, error: null };
    fetch(${JSON.stringify(EVENTS_PATH)})
      .then((response) => response.json())
      .then((events) => {
        const calendar = new FullCalendar.Calendar(document.getElementById("calendar"), {
          initialView: ${JSON.stringify(scenario === "month" ? "dayGridMonth" : "listTwelveMonths")},
          views: { listTwelveMonths: { type: "list", duration: { months: 12 } } },
          firstDay: 1,
          events: events.map((e) => ({
            id: e.id, title: e.title, url: /^https?:/.test(e.where) ? e.where : undefined,
            rrule: e.timing, duration: { minutes: e.duration_minutes }, allDay: false,
          })),
        });
        calendar.render();
        const check = () => {
          const shown = document.querySelectorAll(".fc-event").length;
          if (shown) Object.assign(window.bench, { readyAt: performance.now(), atReady: shown });
          else requestAnimationFrame(check);
        };
        check();
      })
      .catch((error) => { window.bench.error = String(error); });
  </script>
</body>
</html>
`;

// ---- The server: pages, events, npm files; the rest passed on to the reference server ------
// It runs in a process of its own (this script with --front ORIGIN), so that what this one
// does while a page loads (Playwright, CDP events) never delays an answer.

/** Serves on a free loopback port; resolves to its origin. */
async function serve(referenceOrigin) {
  const files = new Map([
    ["/bench/product-month.html", ["text/html; charset=utf-8", productPage("month")]],
    ["/bench/product-year.html", ["text/html; charset=utf-8", productPage("year")]],
    ["/bench/fullcalendar-month.html", ["text/html; charset=utf-8", fullCalendarPage("month")]],
    ["/bench/fullcalendar-year.html", ["text/html; charset=utf-8", fullCalendarPage("year")]],
    [EVENTS_PATH, ["application/json", EVENTS_JSON]],
    ...Object.values(NPM).map((path) => [path, ["text/javascript; charset=utf-8",
      readFileSync(new URL(`node_modules/${path.slice("/npm/".length)}`, ROOT))]]),
  ]);
  // Compressed before the run, as the bundle is at build time: not while a page waits.
  const compressed = new Map(); // encoding and path → body
  for (const [path, [, text]] of files) {
    const raw = Buffer.from(text);
    compressed.set(`br ${path}`, brotli(raw));
    compressed.set(`gzip ${path}`, await gzip(raw));
    compressed.set(`null ${path}`, raw);
  }
  const upstream = new URL(referenceOrigin);
  const agent = new Agent({ keepAlive: true });
  const front = createServer((req, res) => {
    const path = req.url.split("?")[0];
    if (files.has(path)) {
      const accepts = req.headers["accept-encoding"] || "";
      const encoding = /\bbr\b/.test(accepts) ? "br" : /\bgzip\b/.test(accepts) ? "gzip" : null;
      const bytes = compressed.get(`${encoding} ${path}`);
      res.writeHead(200, {
        "content-type": files.get(path)[0],
        "content-length": bytes.length,
        "cache-control": "no-cache",
        vary: "accept-encoding",
        ...(encoding ? { "content-encoding": encoding } : {}),
      });
      res.end(bytes);
      return;
    }
    const pass = httpRequest({
      host: upstream.hostname, port: upstream.port, method: req.method, path: req.url, agent,
      headers: { ...req.headers, host: upstream.host },
    }, (answer) => {
      res.writeHead(answer.statusCode, answer.headers);
      answer.pipe(res);
    });
    pass.on("error", (error) => { res.destroy(error); });
    req.pipe(pass);
  });
  await new Promise((resolve) => front.listen(0, "127.0.0.1", resolve));
  return `http://127.0.0.1:${front.address().port}`;
}

if (args[0] === "--front") {
  process.send(await serve(args[1]));
  await new Promise(() => {}); // until the parent kills it
}

const reference = await startServer();
const frontProcess = fork(fileURLToPath(import.meta.url), ["--front", reference.origin], { stdio: "inherit" });
const origin = await new Promise((resolve, reject) => {
  frontProcess.once("message", resolve);
  frontProcess.once("exit", (code) => reject(new Error(`the benchmark's server exited (${code})`)));
});
process.on("exit", () => frontProcess.kill("SIGKILL"));

// ---- What the engine expects (the reference server's expansion, with the IANA database) ----

/** An instant (ms) as RFC 3339 UTC. */
const rfc3339 = (t) => new Date(t).toISOString().replace(/\.\d{3}Z$/, "Z");
/** The UTC instant of `y-m-d 00:00` in the viewer's zone. */
function midnight(y, m, d) {
  const guess = Date.UTC(y, m - 1, d);
  const parts = new Intl.DateTimeFormat("en-CA", { timeZone: VIEWER_ZONE, hourCycle: "h23",
    year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit" }).formatToParts(guess);
  const get = (type) => Number(parts.find((p) => p.type === type).value);
  const shown = Date.UTC(get("year"), get("month") - 1, get("day"), get("hour"), get("minute"));
  return guess - (shown - guess);
}
const viewerDay = (t) => new Intl.DateTimeFormat("en-CA", { timeZone: VIEWER_ZONE }).format(t);

/** Every occurrence (start, end in ms, event id) overlapping [from, to). */
async function expected(from, to) {
  const all = [];
  for (const event of EVENTS) {
    const length = event.duration_minutes * 60_000;
    const response = await fetch(`${reference.origin}/api/recurrence/expand`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ ical: event.timing, from: rfc3339(from - length), to: rfc3339(to), limit: 1000 }),
    });
    const answer = await response.json();
    if (!response.ok) throw new Error(`the reference server refuses ${event.id} (${JSON.stringify(event.timing)}): ${JSON.stringify(answer)}`);
    if (!answer.complete) throw new Error(`${event.id}: more than 1000 occurrences in the window`);
    for (const text of answer.occurrences) {
      const start = Date.parse(text);
      if (start + length > from && start < to) all.push({ start, end: start + length, id: event.id });
    }
  }
  return all.sort((a, b) => a.start - b.start || a.id.localeCompare(b.id));
}
/** How many local days (the viewer's zone) from `firstDay` to `lastDay` (YYYY-MM-DD) an
 * occurrence touches: from the day it starts on to the day of its last second. */
function days(o, firstDay, lastDay) {
  const iso = ([y, m, d]) => `${y}-${pad2(m)}-${pad2(d)}`;
  const last = viewerDay(o.end - 1000);
  let n = 0;
  for (let day = viewerDay(o.start).split("-").map(Number); iso(day) <= last; day = plus(day, 1)) {
    if (iso(day) >= firstDay && iso(day) <= lastDay) n++;
  }
  return n;
}
const nowDate = new Date(NOW);
const [Y, M] = [nowDate.getUTCFullYear(), nowDate.getUTCMonth() + 1];
const monthFrom = midnight(Y, M, 1), monthTo = midnight(Y, M + 1, 1);
const monthOccurrences = await expected(monthFrom, monthTo);
const monthDays = monthOccurrences.reduce((n, o) => n + days(o, viewerDay(monthFrom), viewerDay(monthTo - 1000)), 0);
// FullCalendar's list: the 1st of this month to the 1st twelve months later.
const yearTo = midnight(Y + 1, M, 1);
const yearOccurrences = await expected(monthFrom, yearTo);
const yearDays = yearOccurrences.reduce((n, o) => n + days(o, viewerDay(monthFrom), viewerDay(yearTo - 1000)), 0);
// The product's agenda: from now to 12 × 31 days later, occurrences not over yet.
const agendaOccurrences = (await expected(NOW, NOW + 12 * 31 * 86_400_000)).filter((o) => o.end > NOW);
// The heartbeat's coming weeks: the current week (from Monday) and the 52 after it.
const today = viewerDay(NOW).split("-").map(Number);
const monday = plus(today, -((new Date(Date.UTC(...[today[0], today[1] - 1, today[2]])).getUTCDay() + 6) % 7));
const comingFrom = midnight(...monday), comingTo = midnight(...plus(monday, 53 * 7));
const coming = (await expected(comingFrom, comingTo)).filter((o) => o.start >= comingFrom).length;
// The heartbeat's whole window (Events::between from 54 weeks before now to 54 after): the
// product keeps the first OCCURRENCES_MAX (cop-core's calendar::events; 2,000 until it lost
// this benchmark's last weeks, now 10,000) of it, by start.
const OCCURRENCES_MAX = 10_000;
const heartWindow = await expected(NOW - 54 * 7 * 86_400_000, NOW + 54 * 7 * 86_400_000);
const comingOfKept = heartWindow.slice(0, OCCURRENCES_MAX).filter((o) => o.start >= comingFrom && o.start < comingTo).length;

// ---- The runs ------------------------------------------------------------------------------

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--enable-precise-memory-info"],
});
const notes = [];

/** Date shifted to NOW at the page's start (time runs on); performance.now untouched. */
const shiftDate = `(() => {
  const Real = Date, offset = ${NOW} - Real.now();
  function Shifted(...a) {
    if (!new.target) return new Real(Real.now() + offset).toString();
    return a.length ? new Real(...a) : new Real(Real.now() + offset);
  }
  Shifted.prototype = Real.prototype;
  Shifted.now = () => Real.now() + offset;
  Shifted.UTC = Real.UTC;
  Shifted.parse = Real.parse;
  globalThis.Date = Shifted;
})();`;

/** What the page shows, counted in it. */
const COUNT = {
  product: (scenario) => {
    const root = document.getElementById("cal").shadowRoot;
    const heart = root.querySelector(".cop-heart-words")?.textContent ?? "";
    if (scenario === "month") {
      const cells = [...root.querySelectorAll(".cop-cal-grid td")];
      const sum = (list) => list.reduce((n, td) => n + Number(td.querySelector(".cop-cal-dot")?.textContent ?? 0), 0);
      return { shown: sum(cells.filter((td) => !td.classList.contains("cop-cal-outside"))), grid: sum(cells), heart };
    }
    return { shown: root.querySelectorAll(".cop-agenda .cop-cal-event").length, heart };
  },
  fullcalendar: (scenario) => {
    if (scenario === "month") {
      const count = (selector) => [...document.querySelectorAll(selector)]
        .filter((a) => getComputedStyle(a.closest(".fc-daygrid-event-harness") ?? a).visibility !== "hidden").length;
      return { shown: count(".fc-daygrid-day:not(.fc-day-other) a.fc-event"), grid: count(".fc-daygrid-day a.fc-event") };
    }
    return { shown: document.querySelectorAll(".fc-list-event").length };
  },
};

async function visit(which, scenario, where) {
  const context = await browser.newContext({ timezoneId: VIEWER_ZONE, locale: LOCALE });
  await context.addInitScript(shiftDate);
  const page = await context.newPage();
  const errors = [], warnings = [];
  page.on("pageerror", (e) => errors.push(`uncaught: ${e.message}`));
  page.on("console", (m) => {
    if (m.type() === "error") warnings.push(`console error: ${m.text()}`);
    if (m.type() === "warning" && /cop-widgets/.test(m.text())) warnings.push(`console warning: ${m.text()}`);
  });
  page.on("response", (r) => r.status() >= 400 && warnings.push(`${r.status()} ${r.url()}`));
  page.on("requestfailed", (r) => warnings.push(`${r.failure()?.errorText} ${r.url()}`));
  const cdp = await context.newCDPSession(page);
  const requests = new Map();
  cdp.on("Network.requestWillBeSent", (e) => requests.set(e.requestId, { url: e.request.url, type: e.type, done: false }));
  cdp.on("Network.responseReceived", (e) => {
    const r = requests.get(e.requestId);
    if (r) r.encoding = Object.entries(e.response.headers).find(([k]) => k.toLowerCase() === "content-encoding")?.[1] ?? "none";
  });
  cdp.on("Network.loadingFinished", (e) => Object.assign(requests.get(e.requestId) ?? {}, { done: true, bytes: e.encodedDataLength }));
  cdp.on("Network.loadingFailed", (e) => Object.assign(requests.get(e.requestId) ?? {}, { done: true, bytes: 0, failed: e.errorText }));
  await cdp.send("Network.enable");
  await cdp.send("Network.setCacheDisabled", { cacheDisabled: false });
  const url = `${origin}/bench/${which}-${scenario}.html`;
  await page.goto(url);
  try {
    await page.waitForFunction(() => window.bench.readyAt !== null || window.bench.error !== null, null, { timeout: 60_000 });
  } catch (e) {
    throw new Error(`${where}: not ready after 60 s (${errors.concat(warnings).slice(0, 3).join(" | ")})`, { cause: e });
  }
  const state = await page.evaluate(() => window.bench);
  if (state.error) throw new Error(`${where}: ${JSON.stringify(state.error)}`);
  if (errors.length) throw new Error(`${where}: ${errors.join(" | ")}`);
  // Requests still under way when it was ready (none expected) count too: wait for them.
  for (let i = 0; i < 100 && [...requests.values()].some((r) => !r.done); i++) await page.waitForTimeout(50);
  const counted = await page.evaluate(COUNT[which], scenario);
  const later = await page.evaluate((which) => which === "product"
    ? document.getElementById("cal").shadowRoot.querySelectorAll(".cop-cal-dot, .cop-cal-event").length
    : document.querySelectorAll(".fc-event").length, which);
  if (later !== state.atReady) notes.push(`${where}: ${state.atReady} occurrence elements when ready, ${later} once the network was idle`);
  const loaded = await page.evaluate(() => Math.max(...performance.getEntriesByType("resource").filter((e) => !e.name.endsWith("/favicon.ico")).map((e) => e.responseEnd)));
  const list = [...requests.values()];
  const sum = (filter) => list.filter(filter).reduce((n, r) => n + (r.bytes ?? 0), 0);
  const isData = (r) => new URL(r.url).pathname === EVENTS_PATH;
  const isPage = (r) => r.url === url;
  const isCode = (r) => r.url.startsWith(origin) && !isData(r) && !isPage(r) && new URL(r.url).pathname !== "/favicon.ico";
  const result = {
    ready: state.readyAt, loaded, code: sum(isCode), data: sum(isData), page: sum(isPage),
    requests: list.filter((r) => r.url.startsWith(origin)).length, shown: counted.shown, grid: counted.grid, heart: counted.heart,
    encodings: [...new Set(list.filter(isCode).map((r) => `${r.encoding}`))].join(","),
    files: list.filter((r) => isCode(r) || isData(r)).map((r) => `${new URL(r.url).pathname.replace(/^\/npm\//, "").replace(/^\/api\/.*\//, "").replace(/^\//, "")} ${r.bytes}`),
  };
  if (warnings.length) notes.push(`${where}: ${[...new Set(warnings)].slice(0, 5).join(" | ")}`);
  await context.close();
  return result;
}

const SCENARIOS = ["month", "year"];
const PAGES = ["product", "fullcalendar"];
const got = Object.fromEntries(SCENARIOS.flatMap((s) => PAGES.map((p) => [`${s} ${p}`, []])));
try {
  for (let run = 0; run < RUNS; run++) {
    // Each page first as often as the other: the order turns every run.
    const order = run % 2 ? [...PAGES].reverse() : PAGES;
    for (const scenario of SCENARIOS) {
      for (const which of order) got[`${scenario} ${which}`].push(await visit(which, scenario, `${scenario} ${which} run ${run + 1}`));
    }
  }
} finally {
  await browser.close();
  frontProcess.kill();
  await reference.close();
}

// ---- The table -----------------------------------------------------------------------------

const ratio = (a, b) => `${(a / b).toFixed(2)}×`;
const kb = (n) => n.toLocaleString("en-US");
const stats = (xs) => ({
  ready: median(xs.map((r) => r.ready)), loaded: median(xs.map((r) => r.loaded)), code: median(xs.map((r) => r.code)), data: median(xs.map((r) => r.data)),
  page: median(xs.map((r) => r.page)), requests: median(xs.map((r) => r.requests)),
  shown: [...new Set(xs.map((r) => r.shown))].join("/"), grid: [...new Set(xs.map((r) => r.grid))].join("/"),
  heart: [...new Set(xs.map((r) => r.heart))], encodings: xs[0].encodings,
});
console.log(`${RUNS} runs each, the product (rhythm-calendar) and FullCalendar 6.1.21 + rrule plugin interleaved; medians.`);
console.log(`50 series, ${EVENTS_JSON.length.toLocaleString("en-US")} B of events JSON; clock 2026-12-01T12:00Z, zone ${VIEWER_ZONE}, locale ${LOCALE}.`);
console.log("loaded: ms from navigation start to the last response's end; ready: to rendered (cop:ready / FullCalendar's events in the DOM);");
console.log("code: bytes on the wire of JS, wasm, CSS, catalogs; data: the events JSON; shown: occurrences on the page (see notes).");
console.log("| scenario | page | requests | loaded ms | ready ms | code bytes | data bytes | occurrences shown | ready ratio | code ratio |");
console.log("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|");
for (const scenario of SCENARIOS) {
  const p = stats(got[`${scenario} product`]), f = stats(got[`${scenario} fullcalendar`]);
  const label = scenario === "month"
    ? `month (${new Date(NOW).toLocaleString("en-GB", { month: "short", year: "numeric", timeZone: VIEWER_ZONE })})` : "year (12 months)";
  console.log(`| ${label} | product | ${p.requests} | ${ms(p.loaded)} | ${ms(p.ready)} | ${kb(p.code)} | ${kb(p.data)} | ${p.shown} | ${ratio(p.ready, f.ready)} | ${ratio(p.code, f.code)} |`);
  console.log(`| ${label} | FullCalendar | ${f.requests} | ${ms(f.loaded)} | ${ms(f.ready)} | ${kb(f.code)} | ${kb(f.data)} | ${f.shown} | | |`);
}
const m = [stats(got["month product"]), stats(got["month fullcalendar"])];
const y = [stats(got["year product"]), stats(got["year fullcalendar"])];
// What each page should show, from the engine's occurrences: the product's grid counts an
// occurrence in each day it touches, FullCalendar's one element per week row (none of these
// crosses a Monday); FullCalendar's list a row per day, the product's agenda the first 200.
const planned = [...new Set([...m[0].heart, ...y[0].heart])];
const said = planned.map((h) => Number(/(\d+) events planned/.exec(h)?.[1]));
const check = (what, shown, want) => `${String(shown) === String(want) ? "agrees" : "DIFFERS"}: ${what} ${shown}, expected ${want}`;
console.log(`\nOccurrences, checked against the engine (POST /api/recurrence/expand, the IANA database), in ${VIEWER_ZONE}:`);
console.log(`- the month has ${monthOccurrences.length} occurrences; one (the two-day meeting) touches two days.`);
console.log(`  ${check("the product's grid, the counts in the month's cells (one per day an occurrence touches)", m[0].shown, monthDays)}; in all 42 cells ${m[0].grid}`);
console.log(`  ${check("FullCalendar's event elements in the month's day cells (one per week row)", m[1].shown, monthOccurrences.length)}; in all 42 cells ${m[1].grid}`);
console.log(`- 12 months from the 1st: ${yearOccurrences.length} occurrences; from now to 12 × 31 days later ${agendaOccurrences.length}.`);
console.log(`  ${check("FullCalendar's list rows (one per day an occurrence touches)", y[1].shown, yearDays)}`);
console.log(`  ${check("the product's agenda items (the first 200 from now: its cap)", y[0].shown, Math.min(200, agendaOccurrences.length))}`);
console.log(`- the heartbeat's current week and the 52 after it: ${coming} occurrences.`);
console.log(`  ${check("the product's heartbeat, events planned", said.join("/"), coming)} — its window (54 weeks either side of now) `
  + `holds ${heartWindow.length}, it keeps the first ${OCCURRENCES_MAX} (OCCURRENCES_MAX), of which ${comingOfKept} are in the coming weeks`);
console.log(`  its words: ${planned.map((h) => JSON.stringify(h)).join(" / ")}`);
console.log(`\nNot in the table: the page itself (product ${kb(m[0].page)} B, FullCalendar ${kb(m[1].page)} and ${kb(y[1].page)} B), the favicon. `
  + `Content encodings: product ${m[0].encodings}; FullCalendar ${m[1].encodings}.`);
for (const key of ["month product", "year product", "month fullcalendar", "year fullcalendar"]) {
  console.log(`files, ${key} (first run): ${got[key][0].files.join(", ")}`);
}
for (const note of [...new Set(notes)]) console.log(`note: ${note}`);
