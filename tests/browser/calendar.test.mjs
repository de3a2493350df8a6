// The community-rhythm calendar (issue 15): times in the viewer's zone with the event's own
// named, a Vienna call across a change of clocks, the zone switcher, rhythm in words, the
// month grid's keys, the heartbeat, the "add to my calendar" links, configuration errors,
// WCAG 2.2 AA. Fixed events come inline (a page served by a route) with the browser's clock
// fixed; the server's demo data covers the links to its .ics endpoints.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { axeViolations, setUp, settled, state, text } from "./helpers.mjs";

let env;
before(async () => (env = await setUp()));
after(() => env?.close());

// Friday 20 March 2026, noon UTC: Vienna changes its clocks on Sunday 29 March (New York did
// on 8 March).
const NOW = new Date("2026-03-20T12:00:00Z");
const EVENTS = [
  {
    id: "weekly", title: "Weekly call", kind: "call", where: "https://meet.example.org/weekly",
    duration_minutes: 60, zone: "Europe/Vienna",
    timing: "DTSTART;TZID=Europe/Vienna:20260106T090000\nRRULE:FREQ=WEEKLY;BYDAY=TU",
  },
  { id: 9, title: "Launch workshop", kind: "workshop", where: "Vienna, Haus der Begegnung", start: "2026-03-26T16:00:00Z", end: "2026-03-26T18:00:00Z" },
];

/** A page with calendars of the fixed events (`placeholders`: attributes of each). */
function fixture(placeholders, lang = "en-GB", events = EVENTS) {
  const json = JSON.stringify(events).replace(/</g, "\\u003c");
  const divs = placeholders
    .map(({ id, attrs = "" }) => `<div id="${id}" data-cop-widget="rhythm-calendar" ${attrs}><script type="application/json">${json}</script></div>`)
    .join("\n");
  return `<!doctype html><html lang="${lang}"><head><meta charset="utf-8"><title>Calendar fixture</title>
<script src="/cop-widgets.js" data-api="/api" defer></script></head><body><main><h1>Calendar</h1>${divs}</main></body></html>`;
}

async function openFixture(placeholders, { timezoneId = "Europe/Vienna", lang, events } = {}) {
  return env.open("/calendar-fixture.html", {
    contextOptions: { timezoneId, locale: "en-GB" },
    before: async (context) => {
      await context.clock.setFixedTime(NOW);
      await context.route(`${env.origin}/calendar-fixture.html`, (route) =>
        route.fulfill({ contentType: "text/html", body: fixture(placeholders, lang, events) }));
    },
  });
}

/** Each agenda item of `#id`: its day heading, time, own-zone note and rhythm. */
const items = (page, id) =>
  page.$eval(`#${id}`, (el) =>
    [...el.shadowRoot.querySelectorAll(".cop-cal-day")].flatMap((day) =>
      [...day.querySelectorAll(".cop-cal-event")].map((event) => ({
        day: day.querySelector(".cop-cal-date").textContent,
        title: event.querySelector(".cop-cal-title").textContent,
        when: event.querySelector(".cop-cal-when").textContent,
        own: event.querySelector(".cop-cal-own")?.textContent ?? null,
        rhythm: event.querySelector(".cop-cal-rhythm")?.textContent ?? null,
      }))));

test("a Vienna viewer sees the weekly 09:00 call at 09:00 on both sides of Vienna's change of clocks", async () => {
  const page = await openFixture([{ id: "cal", attrs: 'data-months="1"' }]);
  assert.equal(await page.getAttribute("#cal", "data-cop-state"), "ready");
  const calls = (await items(page, "cal")).filter((i) => i.title === "Weekly call");
  assert.deepEqual(calls.slice(0, 2).map((c) => [c.day, c.when, c.own]), [
    ["Tuesday, 24 March 2026", "9:00–10:00 (Vienna)", null],
    ["Tuesday, 31 March 2026", "9:00–10:00 (Vienna)", null],
  ]);
  assert.equal(calls[0].rhythm, "every week on Tuesday");
  const workshop = (await items(page, "cal")).find((i) => i.title === "Launch workshop");
  assert.equal(workshop.when, "17:00–19:00 (Vienna)");
  assert.equal(workshop.rhythm, null, "a one-off has no rhythm");
  assert.deepEqual(page.errors, []);
});

test("a New York viewer sees the call move an hour when Vienna changes its clocks, with Vienna's time named", async () => {
  const page = await openFixture([{ id: "cal", attrs: 'data-months="1"' }], { timezoneId: "America/New_York" });
  const calls = (await items(page, "cal")).filter((i) => i.title === "Weekly call");
  assert.deepEqual(calls.slice(0, 2).map((c) => [c.day, c.when, c.own]), [
    ["Tuesday, 24 March 2026", "4:00–5:00 (New York)", "9:00 in Vienna"],
    ["Tuesday, 31 March 2026", "3:00–4:00 (New York)", "9:00 in Vienna"],
  ]);
  // The zone switcher: the browser's zone first, the events' zones, UTC.
  const select = page.locator("#cal select");
  assert.deepEqual(await select.locator("option").allTextContents(), ["America/New_York (this device)", "Europe/Vienna", "UTC"]);
  await select.selectOption("Europe/Vienna");
  await page.waitForFunction(() => document.getElementById("cal").shadowRoot.querySelector(".cop-cal-when").textContent.includes("(Vienna)"));
  const inVienna = (await items(page, "cal")).filter((i) => i.title === "Weekly call");
  assert.deepEqual(inVienna.slice(0, 2).map((c) => [c.when, c.own]), [["9:00–10:00 (Vienna)", null], ["9:00–10:00 (Vienna)", null]]);
  assert.equal(await select.inputValue(), "Europe/Vienna", "the switcher keeps its choice");
  await select.selectOption("UTC");
  await page.waitForFunction(() => document.getElementById("cal").shadowRoot.querySelector(".cop-cal-when").textContent.includes("(UTC)"));
  const inUtc = (await items(page, "cal")).filter((i) => i.title === "Weekly call");
  assert.deepEqual(inUtc.slice(0, 2).map((c) => [c.when, c.own]), [["8:00–9:00 (UTC)", "9:00 in Vienna"], ["7:00–8:00 (UTC)", "9:00 in Vienna"]]);
  assert.deepEqual(page.errors, []);
});

test("data-zone sets the first zone; next shows three; the rhythm is in German on a German placement", async () => {
  const page = await openFixture([
    { id: "tokyo", attrs: 'data-zone="Asia/Tokyo" data-months="1"' },
    { id: "next", attrs: 'data-view="next"' },
    { id: "de", attrs: 'data-locale="de" data-months="1"' },
  ]);
  const tokyo = await items(page, "tokyo");
  assert.equal(tokyo[0].when, "17:00–18:00 (Tokyo)");
  assert.equal(tokyo[0].day, "Tuesday, 24 March 2026");
  const next = await items(page, "next");
  assert.deepEqual(next.map((i) => i.title), ["Weekly call", "Launch workshop", "Weekly call"]);
  const german = await items(page, "de");
  assert.equal(german[0].rhythm, "jede Woche am Dienstag");
  assert.equal(german[0].day, "Dienstag, 24. März 2026");
  assert.match(await page.locator("#de .cop-cal-kind").first().textContent(), /^Call$/);
  assert.match(await page.locator("#de .cop-cal-duration").first().textContent(), /^1 Stunde$/);
  // The month grid is a chunk of its own: a page of agendas never asks for it.
  const chunks = page.requests.filter((url) => /\/split_rhythm_calendar/.test(url));
  assert.equal(chunks.length, 1, chunks.join("\n"));
  assert.match(chunks[0], /\/split_rhythm_calendar-[0-9a-f]{16}\.wasm$/);
  assert.deepEqual(page.errors, []);
});

test("an all-day event is on its own date in every zone: no times, no zones, dates in the links", async () => {
  // Tuesday 24 March all day, a two-day meet-up from 26 March, and the weekly call: seen from
  // Tokyo (UTC+9) and Los Angeles (UTC−7), where 24 March begins 16 hours apart.
  const events = [
    ...EVENTS.slice(0, 1),
    { id: "day", title: "Community day", kind: "workshop", timing: "DTSTART;VALUE=DATE:20260324" },
    { id: "meet", title: "Meet-up", kind: "face-to-face", where: "Graz", duration_minutes: 2880, timing: "DTSTART;VALUE=DATE:20260326" },
  ];
  for (const timezoneId of ["Asia/Tokyo", "America/Los_Angeles"]) {
    const page = await openFixture([{ id: "cal", attrs: 'data-months="1"' }, { id: "month", attrs: 'data-view="month"' }], { timezoneId, events });
    const list = await items(page, "cal");
    const day = list.find((i) => i.title === "Community day");
    assert.deepEqual([day.day, day.when, day.own, day.rhythm], ["Tuesday, 24 March 2026", "All day", null, null], timezoneId);
    const meet = list.find((i) => i.title === "Meet-up");
    assert.deepEqual([meet.day, meet.when], ["Thursday, 26 March 2026", "All day"], timezoneId);
    // On its date, first of the day (before the call), and listed once however long it lasts.
    const tuesday = list.filter((i) => i.day === "Tuesday, 24 March 2026").map((i) => i.title);
    assert.deepEqual(tuesday, ["Community day", "Weekly call"], timezoneId);
    assert.equal(list.filter((i) => i.title === "Meet-up").length, 1, timezoneId);
    const facts = await page.$eval("#cal", (el) => {
      const event = [...el.shadowRoot.querySelectorAll(".cop-cal-event")].find((e) => e.querySelector(".cop-cal-title").textContent === "Meet-up");
      return {
        datetime: event.querySelector(".cop-cal-when").getAttribute("datetime"),
        duration: event.querySelector(".cop-cal-duration")?.textContent ?? null,
        google: new URL(event.querySelector(".cop-cal-google").href).searchParams.get("dates"),
        outlook: Object.fromEntries(["startdt", "enddt", "allday"].map((k) => [k, new URL(event.querySelector(".cop-cal-outlook").href).searchParams.get(k)])),
      };
    });
    assert.deepEqual(facts, {
      datetime: "2026-03-26",
      duration: "2 days",
      google: "20260326/20260328",
      outlook: { startdt: "2026-03-26", enddt: "2026-03-28", allday: "true" },
    }, timezoneId);
    // The month grid: the community day on the 24th only, the meet-up on the 26th and 27th.
    const counts = await page.$eval("#month", (el) => Object.fromEntries(
      ["2026-03-23", "2026-03-24", "2026-03-25", "2026-03-26", "2026-03-27", "2026-03-28"].map((d) =>
        [d, el.shadowRoot.querySelector(`[data-day="${d}"] .cop-cal-dot`)?.textContent ?? "0"])));
    assert.deepEqual(counts, { "2026-03-23": "0", "2026-03-24": "2", "2026-03-25": "0", "2026-03-26": "1", "2026-03-27": "1", "2026-03-28": "0" }, timezoneId);
    assert.deepEqual(page.errors, []);
  }
});

test("a year's agenda lists 200 occurrences and a button for the rest; Show more adds them and focuses the first added", async () => {
  // A daily call: 372 occurrences from 21 March 2026 to 27 March 2027 (12 × 31 days ahead).
  const daily = [{ id: "daily", title: "Daily stand-up", kind: "call", duration_minutes: 15, zone: "Europe/Vienna", timing: "DTSTART;TZID=Europe/Vienna:20260106T090000\nRRULE:FREQ=DAILY" }];
  const page = await openFixture([{ id: "year", attrs: 'data-months="12"' }, { id: "de", attrs: 'data-locale="de" data-months="12"' }], { events: daily });
  const count = (id) => page.$eval(`#${id}`, (el) => el.shadowRoot.querySelectorAll(".cop-cal-event").length);
  assert.equal(await count("year"), 200);
  const more = page.locator("#year .cop-cal-more");
  assert.equal(await more.textContent(), "Show 172 more (200 of 372 shown)");
  assert.equal(await page.locator("#de .cop-cal-more").textContent(), "172 weitere anzeigen (200 von 372 angezeigt)");
  // By keyboard: the list grows and the first occurrence added, the 201st, has the focus.
  await more.focus();
  await page.keyboard.press("Enter");
  await page.waitForFunction(() => document.getElementById("year").shadowRoot.activeElement?.matches(".cop-cal-items > li"));
  assert.equal(await count("year"), 372);
  const focused = await page.$eval("#year", (el) => {
    const li = el.shadowRoot.activeElement;
    const all = [...el.shadowRoot.querySelectorAll(".cop-cal-items > li")];
    return { index: all.indexOf(li), day: li.closest(".cop-cal-day").querySelector(".cop-cal-date").textContent };
  });
  assert.deepEqual(focused, { index: 200, day: "Wednesday, 7 October 2026" });
  assert.equal(await more.count(), 0, "nothing more to show, no button");
  // The other calendar is its own: still 200, until its button is clicked, by mouse, on a
  // page that now cancels every click (as jQuery's `return false` on the body does).
  assert.equal(await count("de"), 200);
  await page.evaluate(() => document.body.addEventListener("click", (e) => { e.preventDefault(); e.stopPropagation(); }));
  await page.locator("#de .cop-cal-more").click();
  await page.waitForFunction(() => document.getElementById("de").shadowRoot.querySelectorAll(".cop-cal-event").length === 372);
  assert.deepEqual(await axeViolations(page), []);
  assert.deepEqual(page.errors, []);
});

test("the heartbeat shows 105 weeks and says them in words", async () => {
  const page = await openFixture([{ id: "cal" }]);
  const beats = await page.locator("#cal .cop-heart-strip .cop-beat").count();
  assert.equal(beats, 105);
  assert.equal(await page.locator("#cal .cop-heart-strip").getAttribute("aria-hidden"), "true");
  const words = await page.locator("#cal .cop-heart-words").textContent();
  // The call began on 6 January 2026: 10 of the past 52 weeks (6 January to 10 March), every week.
  assert.match(words, /^Past 12 months: events in 10 of 52 weeks\. Usually every week\./);
  assert.match(words, /Coming 12 months: \d+ events planned\.$/);
});

test("the month grid: arrows, Home/End, Page Up/Down and Shift, one tab stop, focus never lost", async () => {
  const page = await openFixture([{ id: "month", attrs: 'data-view="month"' }]);
  // Its own chunk, which the wasm asks for (the loader started the calendar's, as for any).
  assert.ok(page.requests.some((url) => /\/split_rhythm_calendar__month-[0-9a-f]{16}\.wasm$/.test(url)), page.requests.join("\n"));
  const focused = () => page.$eval("#month", (el) => el.shadowRoot.activeElement?.dataset.day ?? null);
  const tabStops = () => page.$eval("#month", (el) => [...el.shadowRoot.querySelectorAll("[role=grid] [tabindex='0']")].map((c) => c.dataset.day));
  assert.equal(await page.locator("#month .cop-cal-month-name").textContent(), "March 2026");
  assert.deepEqual(await tabStops(), ["2026-03-20"]);
  await page.locator('#month [data-day="2026-03-20"]').focus();
  const press = async (key, day) => {
    await page.keyboard.press(key);
    await page.waitForFunction(([day]) => document.getElementById("month").shadowRoot.activeElement?.dataset.day === day, [day]);
    assert.equal(await focused(), day, key);
    assert.deepEqual(await tabStops(), [day], `${key}: one tab stop`);
  };
  await press("ArrowRight", "2026-03-21");
  await press("ArrowDown", "2026-03-28");
  await press("Home", "2026-03-23");
  await press("End", "2026-03-29");
  await press("ArrowLeft", "2026-03-28");
  await press("ArrowUp", "2026-03-21");
  await press("PageDown", "2026-04-21");
  assert.equal(await page.locator("#month .cop-cal-month-name").textContent(), "April 2026");
  await press("PageUp", "2026-03-21");
  await press("Shift+PageDown", "2027-03-21");
  await press("Shift+PageUp", "2026-03-21");
  await press("ArrowDown", "2026-03-28");
  await press("ArrowDown", "2026-04-04");
  assert.equal(await page.locator("#month .cop-cal-month-name").textContent(), "April 2026");
  // The selected day's events, below the grid: 31 March has the call.
  await press("ArrowUp", "2026-03-28");
  await press("ArrowRight", "2026-03-29");
  await press("ArrowRight", "2026-03-30");
  await press("ArrowRight", "2026-03-31");
  assert.match(await page.locator("#month .cop-cal-daylist").textContent(), /Weekly call/);
  assert.match(await page.locator('#month [data-day="2026-03-31"] .cop-visually-hidden').textContent(), /31 March 2026: 1 event$/);
  assert.deepEqual(page.errors, []);
});

test("a month grid whose chunk does not arrive says so with a retry; the agenda beside it works; Retry loads it", async () => {
  let failing = true, attempts = 0;
  const page = await env.open("/calendar-fixture.html", {
    contextOptions: { timezoneId: "Europe/Vienna", locale: "en-GB" },
    before: async (context) => {
      await context.clock.setFixedTime(NOW);
      await context.route(`${env.origin}/calendar-fixture.html`, (route) =>
        route.fulfill({ contentType: "text/html", body: fixture([{ id: "month", attrs: 'data-view="month"' }, { id: "agenda", attrs: 'data-months="1"' }]) }));
      await context.route(/\/split_rhythm_calendar__month-[0-9a-f]{16}\.wasm$/, (route) => {
        attempts++;
        return failing ? route.fulfill({ status: 404, contentType: "text/plain", body: "gone" }) : route.continue();
      });
    },
  });
  assert.equal(await state(page, "month"), "error");
  assert.match(await text(page, "month"), /This widget could not be loaded\. Check your connection, then try again\./);
  assert.equal(await state(page, "agenda"), "ready");
  assert.equal((await items(page, "agenda"))[0].title, "Weekly call");
  assert.equal(attempts, 1);
  failing = false;
  await page.locator("#month .cop-root button[data-cop-action=retry]").click();
  await page.waitForFunction(() => document.getElementById("month").dataset.copState === "ready");
  assert.equal(attempts, 2);
  assert.equal(await page.locator("#month .cop-cal-month-name").textContent(), "March 2026");
  assert.ok(page.errors.every((e) => !e.startsWith("uncaught")), page.errors.join("\n"));
});

test("right to left, the left arrow goes to the next day", async () => {
  const page = await env.open("/calendar-fixture.html", {
    contextOptions: { timezoneId: "Europe/Vienna", locale: "en-GB" },
    before: async (context) => {
      await context.clock.setFixedTime(NOW);
      await context.route(`${env.origin}/calendar-fixture.html`, (route) =>
        route.fulfill({ contentType: "text/html", body: fixture([{ id: "rtl", attrs: 'data-view="month"' }], "ar").replace("<html", '<html dir="rtl"') }));
    },
  });
  await page.locator('#rtl [data-day="2026-03-20"]').focus();
  await page.keyboard.press("ArrowLeft");
  await page.waitForFunction(() => document.getElementById("rtl").shadowRoot.activeElement?.dataset.day === "2026-03-21");
});

test("misconfigurations name the attribute, the value and what is expected", async () => {
  const page = await openFixture([
    { id: "view", attrs: 'data-view="week"' },
    { id: "zone", attrs: 'data-zone="Vienna time"' },
    { id: "unknown", attrs: 'data-zone="Mars/Olympus_Mons"' },
    { id: "months", attrs: 'data-months="24"' },
    { id: "zone-de", attrs: 'data-zone="Vienna time" data-locale="de"' },
  ]);
  const box = (id) => page.locator(`#${id} .cop-alert`).textContent();
  assert.match(await box("view"), /data-view: found “week”; expected one of: agenda, month, next/);
  assert.match(await box("zone"), /data-zone: found “Vienna time”; expected an IANA time zone name/);
  assert.match(await box("unknown"), /data-zone: found “Mars\/Olympus_Mons”; expected a time zone this browser knows/);
  assert.match(await box("months"), /data-months: found “24”; expected .*1.*12/);
  // A value only the calendar reads is checked by its chunk, in its catalog's words.
  assert.match(await box("zone-de"), /data-zone: .*„Vienna time“.*einen Zeitzonennamen der IANA wie Europe\/Vienna/);
  for (const id of ["view", "zone", "unknown", "months"]) assert.equal(await page.getAttribute(`#${id}`, "data-cop-state"), "error");
});

test("the demo page: .ics, webcal: and web calendar links from the server's contract; WCAG 2.2 AA; no errors", async () => {
  const page = await env.open("/calendar.html", { contextOptions: { timezoneId: "Asia/Kolkata", locale: "en-GB" } });
  for (const id of ["agenda", "month", "german", "next", "arabic"]) {
    assert.equal(await page.getAttribute(`#${id}`, "data-cop-state"), "ready", id);
  }
  const links = await page.$eval("#agenda", (el) => {
    const event = [...el.shadowRoot.querySelectorAll(".cop-cal-event")].find((e) => e.querySelector(".cop-cal-title").textContent === "Weekly call");
    return {
      ics: event.querySelector(".cop-cal-ics").href,
      icsLabel: event.querySelector(".cop-cal-ics").textContent,
      google: event.querySelector(".cop-cal-google").href,
      outlook: event.querySelector(".cop-cal-outlook").href,
      office: event.querySelector(".cop-cal-office").href,
      start: event.querySelector(".cop-cal-when").getAttribute("datetime"),
      join: event.querySelector(".cop-cal-join").href,
      webcal: el.shadowRoot.querySelector(".cop-cal-subscribe a").href,
    };
  });
  assert.equal(links.ics, `${env.origin}/api/communities/teachers/events/teachers-weekly-call.ics`);
  assert.equal(links.icsLabel, "The whole series (.ics)");
  const ics = await fetch(links.ics);
  assert.match(ics.headers.get("content-type"), /^text\/calendar/);
  assert.match(await ics.text(), /^BEGIN:VCALENDAR\r\n[\s\S]*RRULE:FREQ=WEEKLY;BYDAY=TU/);
  assert.equal(links.webcal, `webcal://127.0.0.1:${env.port}/api/communities/teachers/calendar.ics`);
  assert.equal(links.join, "https://meet.example.org/teachers-weekly");
  // Google's and Outlook's links carry this occurrence's start, in UTC.
  const basic = links.start.replace(/[-:]/g, "");
  const google = new URL(links.google);
  assert.equal(google.origin + google.pathname, "https://calendar.google.com/calendar/render");
  assert.equal(google.searchParams.get("text"), "Weekly call");
  assert.ok(google.searchParams.get("dates").startsWith(`${basic}/`), google.searchParams.get("dates"));
  assert.equal(new URL(links.outlook).searchParams.get("startdt"), links.start);
  assert.equal(new URL(links.office).host, "outlook.office.com");
  // The German placement speaks German; the Arabic one lays out right to left.
  assert.match(await page.locator("#german .cop-cal-zone").textContent(), /Zeiten anzeigen in/);
  assert.equal(await page.$eval("#arabic", (el) => getComputedStyle(el.shadowRoot.querySelector("[role=grid]")).direction), "rtl");
  // Weekday names fit their columns: the sidebar's Arabic grid shows the narrow names (its
  // short ones are whole words), the wide English grid the short ones.
  const heads = (id) => page.$eval(`#${id}`, (el) => [...el.shadowRoot.querySelectorAll("[role=grid] th")].map((th) => {
    const shown = [...th.querySelectorAll("span[aria-hidden]")].find((s) => getComputedStyle(s).display !== "none");
    return { text: shown?.textContent, fits: shown ? shown.getBoundingClientRect().width <= th.getBoundingClientRect().width : false };
  }));
  const arabic = await heads("arabic");
  assert.deepEqual(arabic.map((h) => h.fits), Array(7).fill(true), JSON.stringify(arabic));
  assert.ok(arabic.every((h) => [...h.text].length <= 2), JSON.stringify(arabic));
  const month = await heads("month");
  assert.deepEqual(month.map((h) => h.text), ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"]);
  assert.deepEqual(await axeViolations(page), []);
  assert.deepEqual(page.errors, []);
});

test("on a page that cancels every click, the month grid's days, its disclosures and its links still work", async () => {
  const page = await env.open("/cancelled-clicks.html", {
    before: (context) => context.route(/calendar\.google\.com/, (route) => route.fulfill({ contentType: "text/html", body: "<p>Google Calendar</p>" })),
  });
  assert.equal(await page.getAttribute("#calendar", "data-cop-state"), "ready");
  // A day with events, by mouse: it becomes the selected day and its events are listed.
  const day = await page.$eval("#calendar", (el) => el.shadowRoot.querySelector("td.cop-cal-busy").dataset.day);
  await page.locator(`#calendar td[data-day="${day}"]`).click();
  await page.waitForFunction((day) => document.getElementById("calendar").shadowRoot.activeElement?.dataset.day === day, day);
  const event = page.locator("#calendar .cop-cal-daylist .cop-cal-event").first();
  await event.locator("summary").click();
  await page.waitForFunction(() => document.getElementById("calendar").shadowRoot.querySelector(".cop-cal-daylist details").open);
  // A web calendar's link (a new tab) and the .ics (a download), each followed once.
  const [tab] = await Promise.all([page.context().waitForEvent("page"), event.locator(".cop-cal-google").click()]);
  assert.match(tab.url(), /^https:\/\/calendar\.google\.com\/calendar\/render\?action=TEMPLATE&/);
  const [download] = await Promise.all([page.waitForEvent("download"), event.locator(".cop-cal-ics").click()]);
  assert.match(download.suggestedFilename(), /\.ics$/);
  assert.equal(page.context().pages().length, 2, "one tab opened, for the one link that asks for a tab");
  assert.equal(new URL(page.url()).pathname, "/cancelled-clicks.html", "the page itself stays");
  assert.deepEqual(page.errors, []);
});

test("axe finds nothing on the fixture's agenda, next and month views either", async () => {
  const page = await openFixture([{ id: "a" }, { id: "n", attrs: 'data-view="next"' }, { id: "m", attrs: 'data-view="month"' }]);
  await settled(page);
  assert.deepEqual(await axeViolations(page), []);
});
