// The participation badge on badges.html: three variants on the demo data, a directory of 300
// pills, odd data from foreign backends, keyboard use of the level tooltips, and axe.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { axeViolations, events, openWithWasmHeld, settled, setUp, state, text } from "./helpers.mjs";

let env, page;
before(async () => {
  env = await setUp();
  await env.browser.newContext(); // warm the browser so the page's timings are its own
  page = await env.open("/badges.html");
});
after(() => env.close());

const pills = () => page.$$eval("[id^=pill-]", (els) => els.map((el) => el.id));

test("the community variant shows each community's spread beside the typical shares", async () => {
  const expected = {
    "spread-teachers": ["Teachers' network", 220, "Alive"],
    "spread-water": ["Water engineers", 1340, "Thin core"],
    "spread-clinic": ["Case clinic", 48, "Alive"],
  };
  for (const [id, [name, members, health]] of Object.entries(expected)) {
    assert.equal(await state(page, id), "ready", id);
    const shown = await text(page, id);
    assert.match(shown, new RegExp(`Levels of participation — ${name}`), id);
    assert.match(shown, new RegExp(`${health}: `), id);
    assert.match(shown, new RegExp(`${members.toLocaleString("en")} members`), id);
    // The table's counts add up to the members (transactional participants are not members).
    const rows = await page.$$eval(`#${id}`, ([el]) =>
      [...el.shadowRoot.querySelectorAll("tbody tr")].map((tr) => [tr.querySelector(".cop-level").textContent, ...[...tr.querySelectorAll("td")].map((cell) => cell.textContent)]),
    );
    assert.deepEqual(rows.map((r) => r[0]), ["Core group", "Active", "Occasional", "Peripheral", "Transactional"]);
    const sum = rows.slice(0, 4).reduce((total, r) => total + Number(r[1].replace(/,/g, "")), 0);
    assert.equal(sum, members, `${id}: the levels hold every member`);
    assert.equal(rows[0][3], "10–15%", "the typical core share");
    assert.equal(rows[1][3], "15–20%", "the typical active share");
    assert.deepEqual(rows.slice(2).map((r) => r[3]), ["—", "—", "—"], "a dash where the literature gives no typical share");
    assert.equal(rows[4][2], "—", "transactional participants have no share of the members");
  }
});

test("the spread is a chart: a bar per level over its typical band, numbers right-aligned, out of range said in words", async () => {
  const chart = await page.$eval("#spread-water", (el) => {
    const root = el.shadowRoot;
    const rows = [...root.querySelectorAll("tbody tr")];
    return {
      bars: rows.map((tr) => tr.querySelector(".cop-meter").getClientRects().length ? tr.querySelector(".cop-value").getAttribute("width") : null),
      bands: rows.map((tr) => {
        const band = tr.querySelector(".cop-band");
        return band.getClientRects().length ? `${band.getAttribute("x")}+${band.getAttribute("width")}` : null;
      }),
      shares: rows.map((tr) => tr.querySelectorAll("td")[1].textContent),
      flags: rows.map((tr) => tr.querySelector(".cop-flag").textContent || null),
      align: [...root.querySelectorAll("tbody td, thead th + th")].map((cell) => getComputedStyle(cell).textAlign),
      hidden: [...root.querySelectorAll(".cop-root [aria-hidden=true]")].map((node) => node.className.baseVal ?? node.className),
      caption: root.querySelector("caption").textContent,
    };
  });
  // Water engineers: 2 % at the core (typical 10–15 %), 6 % active (typical 15–20 %).
  assert.deepEqual(chart.shares.slice(0, 2), ["2%", "6%"]);
  assert.deepEqual(chart.bars, ["2%", "6%", "18%", "72%", null], "a bar per member level, as wide as its share");
  assert.deepEqual(chart.bands, ["10%+5%", "15%+5%", null, null, null], "the typical range as a band behind the bar");
  assert.deepEqual(chart.flags, ["below the typical range", "below the typical range", null, null, null]);
  assert.ok(chart.align.every((align) => align === "end"), `numbers right-aligned: ${chart.align}`);
  assert.deepEqual([...new Set(chart.hidden)], ["cop-dot"], "only the colour dots (beside their level's name) are hidden from screen readers");
  assert.match(chart.caption, /typical range/);
  // Within the range: no words.
  const teachers = await page.$eval("#spread-teachers", (el) => [...el.shadowRoot.querySelectorAll(".cop-flag")].filter((flag) => flag.textContent).length);
  assert.equal(teachers, 0, "the teachers' network is within both ranges");
});

test("in a 240 px sidebar the spread stacks each level's numbers under its bar, and nothing overflows", async () => {
  assert.equal(await state(page, "spread-sidebar"), "ready");
  const layout = await page.$eval("#spread-sidebar", (el) => {
    const host = el.getBoundingClientRect();
    const root = el.shadowRoot;
    const outside = [...root.querySelectorAll(".cop-root *")]
      .filter((node) => node.getClientRects().length && !node.closest("thead"))
      .filter((node) => { const r = node.getBoundingClientRect(); return r.left < host.left - 0.5 || r.right > host.right + 0.5; })
      .map((node) => `${node.tagName}.${node.className.baseVal ?? node.className}`);
    const card = root.querySelector(".cop-card");
    return {
      width: host.width,
      outside,
      scroll: card.scrollWidth - card.clientWidth,
      row: getComputedStyle(root.querySelector("tbody tr")).display,
      label: getComputedStyle(root.querySelector("tbody td"), "::before").content,
      flags: [...root.querySelectorAll(".cop-flag")].map((flag) => flag.textContent).filter(Boolean),
    };
  });
  assert.equal(layout.width, 240);
  assert.deepEqual(layout.outside, [], "every element inside the sidebar's 240 px");
  assert.equal(layout.scroll, 0, "no horizontal scrolling");
  assert.equal(layout.row, "grid", "each level's numbers stack under its bar");
  assert.equal(layout.label, '"Mitglieder"', "each number says its column where the header is out of sight");
  assert.deepEqual(layout.flags, ["unter dem typischen Bereich", "unter dem typischen Bereich"]);
});

test("a card shows name, level, trajectory, roles, 12 weeks of activity and the next step", async () => {
  const core = await text(page, "card-core");
  assert.match(core, /Mei Chen/);
  assert.match(core, /Core group/);
  assert.match(core, /insider/);
  assert.match(core, /Roles: coordinator\./);
  assert.match(core, /Activity, last 12 weeks/);
  assert.doesNotMatch(core, /Activity, last 12 weeks:|(\d+, ){11}\d+/, "the numbers are not printed under the bars");
  assert.match(core, /At the centre of this community\./);
  const bars = await page.$$eval("#card-core", ([el]) => el.shadowRoot.querySelectorAll(".cop-chart rect").length);
  assert.equal(bars, 12);
  const chart = await page.$eval("#card-core", (el) => {
    const svg = el.shadowRoot.querySelector(".cop-chart");
    return { role: svg.getAttribute("role"), label: svg.getAttribute("aria-label"), caption: svg.closest("figure")?.querySelector("figcaption")?.textContent };
  });
  assert.equal(chart.role, "img");
  assert.match(chart.label, /^Participations per week, oldest first: (\d+, ){11}\d+$/, "the chart's numbers are its accessible name");
  assert.equal(chart.caption, "Activity, last 12 weeks", "the figure's caption names it");

  assert.match(await text(page, "card-broker"), /across communities/, "a member of two communities is a broker");

  // The card links the member's level as an Open Badges 3.0 credential.
  const href = await page.$eval("#card-core", (el) => el.shadowRoot.querySelector("a.cop-link").href);
  assert.equal(href, `${env.origin}/api/communities/teachers/members/m-1/open-badge`);
  const credential = await (await fetch(href)).json();
  // OpenBadgeCredential is Open Badges 3.0's name for an AchievementCredential.
  assert.deepEqual(credential.type, ["VerifiableCredential", "OpenBadgeCredential"]);
  assert.ok(credential.credentialSubject, "it says whom the achievement is for");

  const german = await text(page, "card-peripheral");
  assert.match(german, /Am Rand/, "the level in the card's own language");
  assert.match(german, /Gelegentlich ist in Reichweite: noch \d+ \(Beteiligungen\)/, "the next step inward, in German");
  assert.match(german, /Rollen: neu dabei\./, "a known role in the card's language");
  assert.doesNotMatch(german, /newcomer/);
});

test("300 pills cost two requests, and every pill is a level in words", async () => {
  const ids = await pills();
  assert.equal(ids.length, 300);
  const batches = page.requests.filter((url) => url.includes("/api/communities/water-engineers/participation"));
  assert.equal(batches.length, 2, batches.join("\n"));
  const single = page.requests.filter((url) => /\/members\/w-\d+\/participation/.test(url));
  assert.deepEqual(single, [], "no pill fetched on its own");
  const levels = await page.$$eval("[id^=pill-]", (els) =>
    els.map((el) => [el.dataset.copState, el.shadowRoot.querySelector(".cop-pill")?.textContent ?? ""]),
  );
  for (const [stateName, label] of levels) {
    assert.equal(stateName, "ready");
    assert.match(label, /^(Core group|Active|Occasional|Peripheral|Transactional)/);
  }
});

test("a loading pill builds nothing of its own (the loader's skeleton shows), and a page of pills never asks Intl.DateTimeFormat (issue 16)", async () => {
  // The pills' batch is held until the wasm has mounted every pill; DateTimeFormat is watched
  // from before the page's first script (its first question costs a page 11–43 ms).
  let release;
  const held = new Promise((resolve) => (release = resolve));
  const fresh = await env.open("/bench.html?n=20&kind=participation-badge&variant=pill", {
    wait: false,
    before: async (context) => {
      await context.addInitScript(() => {
        window.dateFormats = 0;
        const Real = Intl.DateTimeFormat, ask = Real.supportedLocalesOf;
        Intl.DateTimeFormat = function (...args) { window.dateFormats++; return new Real(...args); };
        Intl.DateTimeFormat.supportedLocalesOf = (...args) => (window.dateFormats++, ask.apply(Real, args));
      });
      await context.route("**/api/communities/water-engineers/participation**", async (route) => {
        await held;
        await route.continue();
      });
    },
  });
  await fresh.waitForFunction(() => [...document.querySelectorAll("[data-cop-widget]")].every((el) => el.shadowRoot?.querySelector(".cop-root")));
  const loading = await fresh.$$eval("[data-cop-widget]", (els) => els.map((el) => {
    const root = el.shadowRoot, skeleton = [...root.children].find((child) => child.matches(".cop-skeleton"));
    return [el.dataset.copState, root.querySelector(".cop-root").children.length, root.querySelector(".cop-root").textContent, skeleton && getComputedStyle(skeleton).display];
  }));
  assert.deepEqual(loading, Array(20).fill(["loading", 0, "", "block"]));
  release();
  await fresh.waitForFunction(() => window.bench.allReadyAt !== null);
  assert.equal(await fresh.evaluate(() => window.bench.errors), 0);
  assert.equal(await fresh.evaluate(() => window.dateFormats), 0, "Intl.DateTimeFormat asked on a page of pills");
  await fresh.context().close();
});

test("300 pills taken out and put back, twice, are ready again at once: two requests each time, nothing left behind", async () => {
  // A page of its own: the others' pills stay as they are. Issue 16's memory rounds unmount
  // and mount 500 pills 20 times; a remount must not wait for anything a first mount does not.
  const spa = await env.open("/badges.html");
  const batches = () => spa.requests.filter((url) => url.includes("/api/communities/water-engineers/participation")).length;
  for (let round = 1; round <= 2; round++) {
    const before = batches();
    await spa.evaluate(() => {
      const directory = document.getElementById("directory");
      window.rows = [...directory.children];
      directory.replaceChildren();
    });
    await spa.waitForFunction(() => window.rows.every((row) => !row.querySelector("[data-cop-widget]").hasAttribute("data-cop-state")));
    const left = await spa.evaluate(() => window.rows.filter((row) => row.querySelector("[data-cop-widget]").shadowRoot.childNodes.length).length);
    assert.equal(left, 0, `round ${round}: every unmounted pill's shadow root is empty`);
    await spa.evaluate(() => document.getElementById("directory").append(...window.rows));
    await spa.waitForFunction(() => [...document.querySelectorAll("[id^=pill-]")].every((el) => el.dataset.copState === "ready"));
    assert.equal(batches() - before, 2, `round ${round}: one request per 200 pills, as on the first visit`);
    const roots = await spa.$$eval("[id^=pill-]", (els) => els.filter((el) => el.shadowRoot.querySelectorAll(".cop-root").length === 1
      && /^(Core group|Active|Occasional|Peripheral|Transactional)/.test(el.shadowRoot.querySelector(".cop-pill")?.textContent ?? "")).length);
    assert.equal(roots, 300, `round ${round}: each pill shows its level, in one widget root`);
  }
  assert.deepEqual(spa.requests.filter((url) => /\/members\/w-\d+\/participation/.test(url)), [], "no pill fetched on its own");
  await spa.context().close();
});

test("pills keep the box the loader reserved: no layout shift", async () => {
  // A fresh page, measured while loading and after: the same boxes, and no layout-shift entry
  // from the directory.
  const fresh = await env.open("/badges.html", { wait: false });
  await fresh.waitForSelector("#pill-300");
  // Relative to the directory: the widgets above it have their own reserved boxes.
  const box = (p) => p.$$eval("[id^=pill-]", (els) => {
    const top = document.getElementById("directory").getBoundingClientRect();
    return els.map((el) => { const r = el.getBoundingClientRect(); return [r.x - top.x, r.y - top.y, r.width, r.height].join(","); });
  });
  const before = await box(fresh);
  await fresh.waitForFunction(() => [...document.querySelectorAll("[id^=pill-]")].every((el) => el.dataset.copState === "ready"));
  assert.deepEqual(await box(fresh), before);
  const shifts = await fresh.evaluate(() => new Promise((resolve) => {
    new PerformanceObserver((list) => resolve(list.getEntries()
      .filter((entry) => entry.sources?.some((source) => source.node?.closest?.("#directory")))
      .reduce((sum, entry) => sum + entry.value, 0))).observe({ type: "layout-shift", buffered: true });
    setTimeout(() => resolve(0), 500);
  }));
  assert.equal(shifts, 0);
  await fresh.context().close();
});

test("unknown members and members of other communities each get their own message", async () => {
  assert.equal(await state(page, "not-member"), "error");
  assert.match(await text(page, "not-member"), /“w-5” is not a member of this community\./);
  assert.equal(await state(page, "unknown-member"), "error");
  assert.match(await text(page, "unknown-member"), /No member “no-such-member” is known here\./);
  const reasons = Object.fromEntries((await events(page)).filter((e) => e.type === "cop:error").map((e) => [e.id, e.detail.reason]));
  assert.equal(reasons["not-member"], "not-member");
  assert.equal(reasons["unknown-member"], "unknown-member");
  for (const id of ["not-member", "unknown-member"]) {
    const buttons = await page.$eval(`#${id}`, (el) => el.shadowRoot.querySelectorAll("button").length);
    assert.equal(buttons, 0, `${id}: no "Try again", which could not change the answer`);
  }
});

test("a pill that fails stays pill-sized and says why in its tooltip", async () => {
  await page.evaluate(() => {
    const pill = document.createElement("span");
    pill.id = "failing-pill";
    pill.dataset.copWidget = "participation-badge";
    pill.dataset.variant = "pill";
    pill.dataset.community = "teachers";
    pill.dataset.member = "nobody-at-all";
    const row = document.createElement("li");
    row.append("Someone ", pill);
    document.getElementById("directory").append(row);
  });
  await page.waitForFunction(() => document.getElementById("failing-pill").dataset.copState === "error");
  const size = await page.$eval("#failing-pill", (el) => [el.getBoundingClientRect().height, el.getBoundingClientRect().width]);
  const reference = await page.$eval("#pill-1", (el) => [el.getBoundingClientRect().height, el.getBoundingClientRect().width]);
  assert.deepEqual(size, reference);
  const tip = await page.$eval("#failing-pill", (el) => el.shadowRoot.querySelector("[role=tooltip]").textContent);
  assert.equal(tip, "No member “nobody-at-all” is known here.");
});

test("a foreign backend's level, markup and absurd counts are shown sensibly, as text", async () => {
  const shown = await text(page, "foreign-level");
  assert.match(shown, /Mentor/, "a level this version does not know is shown as the backend names it");
  assert.match(shown, /Jo <b>Example<\/b>/, "markup in a name is text");
  assert.match(shown, /<script>alert\(1\)<\/script>/, "markup in a role is text");
  const elements = await page.$eval("#foreign-level", (el) => el.shadowRoot.querySelectorAll("b, script, a, img").length);
  assert.equal(elements, 0, "no element came from the data, and its javascript: links became neither link nor image");
  const weeks = await page.$eval("#foreign-level", (el) => el.shadowRoot.querySelector(".cop-chart").getAttribute("aria-label"));
  assert.match(weeks, /: 0, 2, 100,000, 3, 0, 0, 1, 2, 3, 4, 5, 6$/, "negative → 0, absurd → capped, not a number → 0");
  assert.match(shown, /Guru is within reach: 3 more \(lesson plans shared\)\./, "the community's own wording of what counts");
  // Like an unknown level, an unknown trajectory is shown as the backend names it (for screen
  // readers and in the tooltip), with no arrow: its direction is not guessed.
  assert.match(shown, /Mentor\s*, sideways/, "an unknown trajectory is shown as it is");
  const arrow = await page.$eval("#foreign-level", (el) => el.shadowRoot.querySelector(".cop-arrow").textContent);
  assert.equal(arrow, "", "no arrow for a direction this version does not know");

  const empty = await text(page, "empty-community");
  assert.match(empty, /A community just started/);
  assert.match(empty, /No one has taken part in this community yet\./);
  assert.match(empty, /0 members/);
});

test("300 pills are no tab stops: a click shows what a level means, Escape hides it, Tab leaves the directory", async () => {
  const tipOf = (id) => page.$eval(`#${id}`, (el) => {
    const tip = el.shadowRoot.querySelector("[role=tooltip]");
    const pill = el.shadowRoot.querySelector(".cop-pill");
    return { visible: getComputedStyle(tip).display !== "none", text: tip.textContent, describedBy: pill.getAttribute("aria-describedby") === tip.id };
  });
  const stops = await page.$$eval("[id^=pill-]", (els) => els.flatMap((el) => [...el.shadowRoot.querySelectorAll("*")].filter((node) => node.tabIndex >= 0)).length);
  assert.equal(stops, 0, "no tab stop in any pill");
  await page.locator("#pill-1 .cop-pill").click();
  let tip = await tipOf("pill-1");
  assert.equal(tip.visible, true, "a click (or a tap) shows the tooltip");
  assert.equal(tip.describedBy, true, "the pill is described by its tooltip");
  assert.match(tip.text, /^Core group: Takes on the community's work/);
  await page.keyboard.press("Escape");
  assert.equal((await tipOf("pill-1")).visible, false, "Escape hides it");
  assert.equal(await page.evaluate(() => document.activeElement.id), "pill-1", "Escape does not move focus");
  await page.keyboard.press("Tab");
  assert.doesNotMatch(await page.evaluate(() => document.activeElement?.id ?? ""), /^pill-/, "Tab does not go on to the next pill");
});

test("a pill's tooltip is sentences, and each trajectory has a glyph of its own shape", async () => {
  const pills = await page.$$eval("[id^=pill-], #card-core, #card-broker", (els) => els.map((el) => {
    const root = el.shadowRoot;
    return { tip: root.querySelector(".cop-tip").textContent, glyph: root.querySelector(".cop-arrow")?.textContent, way: root.querySelector(".cop-pill .cop-visually-hidden")?.textContent };
  }));
  const glyphs = new Map();
  for (const { tip, glyph, way } of pills) {
    assert.match(tip, /^[^:]+: [A-Z].*\.$/, `a sentence: ${tip}`);
    assert.doesNotMatch(tip, / — /, "no stitched fragments");
    if (way) glyphs.set(way, glyph);
  }
  assert.ok(glyphs.size >= 3, `several trajectories on the page: ${[...glyphs.keys()]}`);
  assert.equal(new Set(glyphs.values()).size, glyphs.size, `one glyph per trajectory: ${[...glyphs]}`);
  for (const glyph of glyphs.values()) assert.ok(["↑", "↓", "→", "↔", "◎"].includes(glyph), glyph);
});

test("the card and the spread say what every level means behind one disclosure", async () => {
  for (const id of ["card-core", "spread-teachers"]) {
    const summary = page.locator(`#${id} details.cop-legend summary`);
    assert.equal(await summary.textContent(), "What do the levels mean?");
    await summary.focus();
    await page.keyboard.press("Enter");
    const legend = await page.$eval(`#${id}`, (el) => {
      const details = el.shadowRoot.querySelector("details.cop-legend");
      return { open: details.open, levels: [...details.querySelectorAll("li")].map((li) => li.textContent.split(":")[0]), meanings: [...details.querySelectorAll("li")].filter((li) => /: [A-Z].+\.$/.test(li.textContent)).length };
    });
    assert.equal(legend.open, true, `${id}: Enter opens it`);
    assert.deepEqual(legend.levels, ["Core group", "Active", "Occasional", "Peripheral", "Transactional"]);
    assert.equal(legend.meanings, 5);
  }
});

test("the loading skeleton has the shape of what comes: a rounded pill, a card with lines of text", async () => {
  const shape = (id) => page.$eval(`#${id}`, (el) => {
    // The loader's skeleton, as the loader puts it (it is gone once the widget is ready).
    const skeleton = document.createElement("div");
    skeleton.className = "cop-skeleton";
    el.shadowRoot.prepend(skeleton);
    const style = getComputedStyle(skeleton);
    const shape = { radius: style.borderTopLeftRadius, lines: style.backgroundImage, border: style.borderTopStyle };
    skeleton.remove();
    return shape;
  });
  const pill = await shape("pill-1");
  assert.equal(pill.radius, "16px", "a pill's skeleton has the pill's rounded ends (1em)");
  assert.equal(pill.lines, "none");
  const card = await shape("card-core");
  assert.match(card.lines, /repeating-linear-gradient/, "a card's skeleton shows lines of text");
  assert.equal(card.border, "solid", "inside a card's outline");
});

test("the badge page has no accessibility violations", async () => {
  assert.deepEqual(await axeViolations(page), []);
  assert.deepEqual(page.errors.filter((e) => !/not-member|unknown-member/.test(e)), [], "no console errors but the expected ones");
});

// The network view (network.html): every community the API lists, for the lead of many.
let net;
const netPage = async () => (net ??= await env.open("/network.html"));
const api = async (query) => (await fetch(`${env.origin}/api/network${query}`)).json();
/** The network view's rows as shown: name, showcase mark, verdict, members, bar's name, trend, attention. */
const netRows = (page, id) => page.$eval(`#${id}`, (el) =>
  [...el.shadowRoot.querySelectorAll("tbody tr")].map((tr) => {
    const [members, trend, attention] = [...tr.querySelectorAll("td")].map((td) => td.textContent.trim());
    return {
      name: tr.querySelector("th").firstChild.textContent,
      showcase: tr.querySelector(".cop-show").textContent,
      verdict: tr.querySelector(".cop-health").textContent,
      members,
      bar: tr.querySelector("svg").getAttribute("aria-label"),
      role: tr.querySelector("svg").getAttribute("role"),
      trend,
      // What a screen reader reads of the trend: the words, not the glyph.
      trendSaid: [...tr.querySelectorAll("td")[1].childNodes].filter((n) => !(n.nodeType === 1 && n.getAttribute("aria-hidden") === "true")).map((n) => n.textContent).join("").trim(),
      attention,
    };
  }));

test("the network view lists every community, those needing attention first, showcases marked in words", async () => {
  const page = await netPage();
  assert.equal(await state(page, "network"), "ready");
  const all = await api("?limit=100");
  assert.ok(all.communities >= 50, `the demo's network: ${all.communities}`);
  const rows = await netRows(page, "network");
  assert.equal(rows.length, all.communities, "one row per community, in one request");
  // The network view is a part of the badge with a chunk of its own, fetched once.
  assert.equal(page.requests.filter((url) => /\/split_participation_badge__network-[0-9a-f]{16}\.wasm$/.test(url)).length, 1, page.requests.join("\n"));
  const asked = page.requests.filter((url) => url.includes("/api/network"));
  assert.ok(asked.every((url) => /\/api\/network\?limit=(100|10)$/.test(url)), `one request per view, no paging: ${asked}`);
  assert.deepEqual(rows.map((r) => r.name), all.items.map((item) => item.name), "the server's attention order, by the same comparator");
  const needing = rows.findIndex((r) => r.attention === "—");
  assert.ok(needing >= 4, "the first rows need attention");
  assert.ok(rows.slice(0, needing).every((r) => r.attention !== "—") && rows.slice(needing).every((r) => r.attention === "—"), "attention first");
  assert.equal(rows[0].attention, "no one at the core or active", "the ghost towns first, in words");
  assert.equal(rows[0].verdict, "Dormant");
  const showcases = rows.filter((r) => r.showcase === "Showcase");
  assert.equal(showcases.length, all.showcases, "every showcase marked in words");
  assert.ok(showcases.length >= 13);
  assert.deepEqual(rows.filter((r) => r.showcase).map((r) => r.name), all.items.filter((item) => item.showcase).map((item) => item.name));
  const shown = await text(page, "network");
  assert.match(shown, new RegExp(`Communities: ${all.communities} · needing attention: ${all.needing_attention} · showcases: ${all.showcases}`));
  assert.doesNotMatch(shown, /Showing/, "all of them are shown");
  // Each trend in words (with a glyph), each spread in miniature with its numbers as its name.
  for (const [row, item] of rows.map((row, i) => [row, all.items[i]])) {
    const change = item.trend.change;
    const words = item.trend.direction === "steady" ? "→ Steady"
      : `${change > 0 ? "↗ +" : "↘ −"}${Math.abs(change)} active members since last quarter`;
    assert.equal(row.trend, words, item.name);
    assert.equal(row.trendSaid, words.slice(2), `${item.name}: the glyph is hidden from screen readers`);
    assert.equal(row.members, `${item.member_count.toLocaleString("en")}`, item.name);
    assert.equal(row.role, "img");
    const core = item.levels.find((l) => l.level === "core");
    assert.match(row.bar, new RegExp(`^Core group ${core.count} \\(${core.percent}%\\), Active \\d+ \\(\\d+%\\), Occasional \\d+ \\(\\d+%\\), Peripheral \\d+ \\(\\d+%\\)$`), item.name);
  }
  assert.ok(rows.some((r) => /^↗ \+\d+ active members since last quarter$/.test(r.trend)), "some grow");
  assert.ok(rows.some((r) => /^↘ −\d+ active members since last quarter$/.test(r.trend)), "some shrink");
  // The paged one says so.
  assert.match(await text(page, "network-page"), new RegExp(`Showing 10 of ${all.communities}\\.`));
  assert.equal((await netRows(page, "network-page")).length, 10);
});

test("the network view sorts from its column headings with the keyboard, and focus stays on the button", async () => {
  const page = await netPage();
  const names = async () => (await netRows(page, "network")).map((r) => r.name);
  const sorted = () => page.$eval("#network", (el) => [...el.shadowRoot.querySelectorAll("thead th")].map((th) => `${th.textContent}:${th.getAttribute("aria-sort")}`));
  const focused = () => page.$eval("#network", (el) => el.shadowRoot.activeElement?.dataset.key ?? null);
  assert.deepEqual(await sorted(), ["Community:none", "Members:none", "Trend:none", "Attention:ascending"]);
  await page.$eval("#network", (el) => el.shadowRoot.querySelector("button[data-key=name]").focus());
  await page.keyboard.press("Enter");
  assert.deepEqual(await names(), (await api("?sort=name&limit=100")).items.map((item) => item.name), "A–Z, as the server sorts by name");
  assert.deepEqual(await sorted(), ["Community:ascending", "Members:none", "Trend:none", "Attention:none"]);
  assert.equal(await focused(), "name", "focus stays on the button pressed");
  await page.keyboard.press("Space");
  assert.deepEqual(await names(), (await api("?sort=-name&limit=100")).items.map((item) => item.name), "pressed again: Z–A");
  assert.deepEqual(await sorted(), ["Community:descending", "Members:none", "Trend:none", "Attention:none"]);
  assert.equal(await focused(), "name");
  await page.keyboard.press("Tab");
  assert.equal(await focused(), "members", "the next heading's button is the next tab stop");
  await page.keyboard.press("Enter");
  assert.deepEqual(await names(), (await api("?sort=members&limit=100")).items.map((item) => item.name), "largest first");
  assert.deepEqual(await sorted(), ["Community:none", "Members:descending", "Trend:none", "Attention:none"]);
  await page.keyboard.press("Tab");
  await page.keyboard.press("Enter");
  assert.deepEqual(await names(), (await api("?sort=trend&limit=100")).items.map((item) => item.name), "steepest fall first");
  await page.keyboard.press("Tab");
  await page.keyboard.press("Enter");
  assert.deepEqual(await names(), (await api("?limit=100")).items.map((item) => item.name), "back to attention first");
  assert.equal(await focused(), "attention");
  assert.deepEqual(page.errors, []);
});

test("in a 240 px sidebar the network view stacks each community's line, and nothing overflows", async () => {
  const page = await netPage();
  assert.equal(await state(page, "network-sidebar"), "ready");
  const layout = await page.$eval("#network-sidebar", (el) => {
    const host = el.getBoundingClientRect();
    const root = el.shadowRoot;
    const box = root.querySelector(".cop-net-box");
    box.scrollTop = 0;
    const outside = [...root.querySelectorAll(".cop-root *")]
      .filter((node) => node.getClientRects().length)
      .filter((node) => { const r = node.getBoundingClientRect(); return r.left < host.left - 0.5 || r.right > host.right + 0.5; })
      .map((node) => `${node.tagName}.${node.className.baseVal ?? node.className}`);
    return {
      width: host.width,
      outside,
      scroll: [root.querySelector(".cop-card"), box].map((node) => node.scrollWidth - node.clientWidth),
      row: getComputedStyle(root.querySelector("tbody tr")).display,
      label: getComputedStyle(root.querySelector("tbody td"), "::before").content,
      buttons: [...root.querySelectorAll("thead button")].map((b) => b.textContent),
      height: host.height,
    };
  });
  assert.equal(layout.width, 240);
  assert.deepEqual(layout.outside, [], "every element inside the sidebar's 240 px");
  assert.deepEqual(layout.scroll, [0, 0], "no horizontal scrolling");
  assert.equal(layout.row, "grid", "each community's line stacks");
  assert.equal(layout.label, '"Mitglieder"', "each number says its column");
  assert.deepEqual(layout.buttons, ["Community", "Mitglieder", "Trend", "Aufmerksamkeit"], "the sort buttons, in German");
  assert.equal(Math.round(layout.height), 640, "the box the loader reserved, the table scrolled within");
});

test("the network view keeps the box the loader reserved: nothing below it moves", async () => {
  const held = await openWithWasmHeld(env, "/network.html", { loading: "network" });
  assert.equal((await held.box("network")).height, 640, "the loader reserves the network view's height");
  const released = await held.release();
  assert.equal((await held.box("network")).height, 640, "as tall as it was reserved");
  assert.equal(released.below, held.below, "content below the network view did not move");
  await held.page.context().close();
});

test("the network page has no accessibility violations, light and dark", async () => {
  const page = await netPage();
  assert.deepEqual(await axeViolations(page), []);
  for (const id of ["network", "network-sidebar", "network-page"]) {
    await page.$eval(`#${id}`, (el) => el.setAttribute("data-theme", "dark"));
  }
  await page.waitForFunction(() => [...document.querySelectorAll("[data-variant=network]")].every((el) => el.shadowRoot.querySelector(".cop-root").dataset.theme === "dark"));
  await settled(page);
  const dark = await page.$eval("#network", (el) => getComputedStyle(el.shadowRoot.querySelector(".cop-card")).backgroundColor);
  assert.equal(dark, "rgb(27, 27, 33)", "dark");
  assert.deepEqual(await axeViolations(page), []);
  assert.deepEqual(page.errors, []);
});

test("a page of pills only has one tab stop that explains the levels: data-variant=legend, in the main module, fetching nothing", async () => {
  const held = await openWithWasmHeld(env, "/directory.html", { loading: "legend" });
  const reserved = (await held.box("legend")).height;
  assert.equal(reserved, 24, "the loader reserves the closed disclosure's height");
  const released = await held.release();
  const page = held.page;
  await page.waitForFunction(() => [...document.querySelectorAll("[data-cop-widget]")].every((el) => el.dataset.copState === "ready"));
  assert.equal((await held.box("legend")).height, reserved, "as tall as it was reserved");
  assert.equal(released.below, held.below, "the directory below did not move");
  assert.equal(released.shifts, 0);
  const wasm = page.requests.filter((url) => url.endsWith(".wasm"));
  assert.deepEqual(wasm.filter((url) => !/cop_widgets_bg-/.test(url)), [], "no chunk: the legend is in the main module with the pills");
  assert.deepEqual(page.requests.filter((url) => /\/api\/communities\/water-engineers\/participation/.test(url)).length, 2, "the pills' two batches; the legend fetches nothing");
  // By keyboard: the first Tab reaches the legend, the second leaves the 300 pills behind.
  const focused = () => page.evaluate(() => {
    const host = document.activeElement;
    const inner = host?.shadowRoot?.activeElement;
    return inner ? `${host.id} ${inner.tagName}` : host?.tagName;
  });
  assert.equal(await page.$eval("#legend", (el) => el.shadowRoot.querySelector("summary").textContent), "What do the levels mean?");
  await page.keyboard.press("Tab");
  assert.equal(await focused(), "legend SUMMARY");
  await page.keyboard.press("Enter");
  const levels = await page.$eval("#legend", (el) => [...el.shadowRoot.querySelectorAll("details[open] li")].map((li) => li.textContent.split(":")[0]));
  assert.deepEqual(levels, ["Core group", "Active", "Occasional", "Peripheral", "Transactional"]);
  await page.keyboard.press("Tab");
  assert.equal(await focused(), "BODY", "no pill is a tab stop");
  assert.deepEqual(await axeViolations(page), []);
  await page.context().close();
});

test("on a page that cancels every click, the legend still opens and closes, by mouse and by keyboard", async () => {
  const page = await env.open("/cancelled-clicks.html");
  const open = () => page.$eval("#legend", (el) => el.shadowRoot.querySelector("details").open);
  await page.locator("#legend summary").click();
  await page.waitForFunction(() => document.getElementById("legend").shadowRoot.querySelector("details").open);
  await page.locator("#legend summary").press("Enter");
  await page.waitForFunction(() => !document.getElementById("legend").shadowRoot.querySelector("details").open);
  await page.waitForTimeout(50);
  assert.equal(await open(), false, "closed once, not toggled twice");
  assert.deepEqual(page.errors, []);
});
