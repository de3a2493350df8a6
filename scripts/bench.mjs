// Benchmark (issue 16): the widgets against a floor — a hand-written page doing the same job
// (www/bench-floor.html: the same placeholders, open shadow roots, the same stylesheet, the
// same batch endpoint, the same markup written with innerHTML) — both in one run, interleaved
// (the order alternates run by run), in headless Chromium against the reference server.
//
// Scenarios: participation pills at 10, 100 and 500 on a first visit (a fresh browser
// context: cold caches), 500 on a second visit (the same context again: warm caches), 10
// member cards, and the value-story form (time to interactive: its cop:ready, when its
// controls and listener are in place). Per scenario and page, medians of RUNS runs of:
//   ready  — ms from navigation start to the last cop:ready (the floor sends them too);
//   CPU    — main-thread task time (CDP Performance.getMetrics TaskDuration, and ScriptDuration
//            of it) from navigation to ready;
//   API    — requests to /api (the same URLs on both pages, checked).
// Once per scenario (first run, not timed): DOM event listeners per widget (CDP
// DOMDebugger.getEventListeners over the document, piercing shadow roots, plus window's), and
// whether the floor's markup equals the product's widget by widget. Then the product alone:
// 500 pills mounted and unmounted 20 times, the wasm memory (the WebAssembly.Memory's
// buffer, from the glue's exports) and the JS heap after a GC, after rounds 1, 5, 10, 15 and
// 20 — with a bundle built with feature alloc-stats (COP_FEATURES=alloc-stats
// COP_PKG_DIR=pkg-stats bash scripts/build.sh; --pkg stats=pkg-stats) also the allocator's
// live bytes and blocks — and how long 500 pills take to be ready again after an unmount.
//
// Prints a table with ratios (product ÷ floor); asserts nothing about time. Run after
// scripts/build.sh: node scripts/bench.mjs [runs] [--only pill,card,form,memory]
// [--pkg label=dir]… — each --pkg is a product of its own (a copy of pkg/ built from another
// commit, served by a server of its own started the same way; default: pkg/), measured in the
// same run against the same floor, to compare a change before and after. Each server answers
// a 500-member batch before the run, so none pays for its cold standings cache in the numbers.
// COP_SERVER=target/release/cop-server uses a release server (default: the debug one).
import { readdirSync, readFileSync, statSync } from "node:fs";
import { chromium } from "playwright-core";
import { startServer } from "../tests/browser/server.mjs";
import { settle } from "./bench-settle.mjs";

const args = process.argv.slice(2);
const RUNS = Number(args.find((a) => /^\d+$/.test(a))) || 7;
const only = args.includes("--only") ? args[args.indexOf("--only") + 1].split(",") : null;
const wanted = (name) => !only || only.includes(name);
const bundles = args.flatMap((a, i) => (args[i - 1] === "--pkg" ? [a.split("=")] : []));
if (!bundles.length) bundles.push(["product", "pkg"]);
const ms = (x) => x.toFixed(0);
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

// The first bundle's server also serves the floor, with that bundle's stylesheet. Rebuilt
// during the run, the numbers mix two builds.
const PKG = new URL(`${bundles[0][1].replace(/\/?$/, "/")}`, new URL("../", import.meta.url));
const bundle = () => readdirSync(PKG).map((f) => `${f}@${statSync(new URL(f, PKG)).mtimeMs}`).sort().join(" ");
const before = bundle();
// The floor's stylesheet must be the bytes the wasm carries.
const cssFile = readdirSync(PKG).find((f) => /^bench_style-[0-9a-f]{16}\.json$/.test(f));
const wasmFile = readdirSync(PKG).find((f) => /^cop_widgets_bg-[0-9a-f]{16}\.wasm$/.test(f));
if (!cssFile || !wasmFile) throw new Error("pkg/ has no bench_style-*.json or wasm: run scripts/build.sh");
const css = JSON.parse(readFileSync(new URL(cssFile, PKG), "utf8"));
if (!readFileSync(new URL(wasmFile, PKG)).includes(Buffer.from(css))) {
  throw new Error(`${cssFile} is not the stylesheet inside ${wasmFile}: rebuild with scripts/build.sh`);
}

const PILL = "kind=participation-badge&variant=pill";
const SCENARIOS = [
  ...[10, 100, 500].map((n) => ({ group: "pill", name: `pills ${n}`, query: `n=${n}&${PILL}`, n, warm: n === 500 })),
  { group: "card", name: "cards 10", query: "n=10&kind=participation-badge&variant=card", n: 10 },
  { group: "form", name: "form 1", query: "n=1&kind=value-story", n: 1 },
].filter((s) => wanted(s.group));

// One server per bundle (the floor is served by the first), each warmed up.
const servers = [];
for (const [label, dir] of bundles) {
  const server = await startServer({ args: ["--bundle-dir", dir] });
  servers.push(server);
  const members = Array.from({ length: 500 }, (_, i) => `w-${i + 1}`).join("%2C");
  for (let i = 0; i < 3; i++) await fetch(`${server.origin}/api/communities/water-engineers/participation?members=${members}`);
}
const server = servers[0];
const PAGES = Object.fromEntries([
  ...bundles.map(([label], i) => [label, { origin: servers[i].origin, path: "/bench.html" }]),
  ["floor", { origin: server.origin, path: "/bench-floor.html" }],
]);
const PRODUCTS = bundles.map(([label]) => label);
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--enable-precise-memory-info"],
});
const notes = [];

async function metrics(cdp) {
  const { metrics } = await cdp.send("Performance.getMetrics");
  return Object.fromEntries(metrics.map((m) => [m.name, m.value]));
}

/** Opens `path` in `page` and waits for every widget's cop:ready; what it cost. */
async function visit(page, cdp, url, where) {
  const api = [];
  const onRequest = (r) => new URL(r.url()).pathname.startsWith("/api/") && api.push(r.url().replace(new URL(url).origin, ""));
  page.on("request", onRequest);
  const m0 = await metrics(cdp);
  try {
    await settle(page, url);
  } catch (e) {
    const state = await page.evaluate(() => ({ ready: window.bench.ready, errors: window.bench.errors })).catch(() => null);
    throw new Error(`${where}: not all ready after 60 s (${JSON.stringify(state)}; ${page.errors.slice(0, 3).join(" | ")})`, { cause: e });
  }
  const m1 = await metrics(cdp);
  page.off("request", onRequest);
  const result = await page.evaluate(() => ({ ...window.bench, heap: performance.memory.usedJSHeapSize }));
  if (result.errors) throw new Error(`${where}: ${result.errors} widgets failed, first: ${JSON.stringify(result.firstError)}`);
  // A navigation to another process starts its counters again.
  const delta = (name) => (m1[name] >= m0[name] && m1.Documents >= m0.Documents ? m1[name] - m0[name] : m1[name]) * 1000;
  return { ready: result.allReadyAt, task: delta("TaskDuration"), script: delta("ScriptDuration"), api: api.sort(), heap: result.heap / 1e6 };
}

async function newPage(context) {
  const page = await context.newPage();
  page.errors = [];
  page.on("console", (m) => m.type() === "error" && page.errors.push(m.text()));
  page.on("pageerror", (e) => page.errors.push(`uncaught: ${e.message}`));
  page.on("response", (r) => r.status() >= 400 && page.errors.push(`${r.status()} ${r.url()}`));
  page.on("requestfailed", (r) => page.errors.push(`${r.failure()?.errorText} ${r.url()}`));
  const cdp = await context.newCDPSession(page);
  await cdp.send("Performance.enable");
  return { page, cdp };
}

/** Listeners on the document and everything in it (shadow roots too), and on window; not
 * Playwright's own (its injected script listens on window). */
async function listeners(cdp) {
  const all = [];
  for (const expression of ["document", "window"]) {
    const { result } = await cdp.send("Runtime.evaluate", { expression });
    const { listeners } = await cdp.send("DOMDebugger.getEventListeners", { objectId: result.objectId, depth: -1, pierce: true });
    all.push(...listeners);
    await cdp.send("Runtime.releaseObject", { objectId: result.objectId });
  }
  const playwright = new Set(all.filter((l) => l.type.startsWith("__playwright")).map((l) => l.scriptId));
  return all.filter((l) => !playwright.has(l.scriptId)).length;
}

// What each widget shows: its .cop-root (the product keeps the loader's skeleton beside it, hidden).
const markupOf = (page) => page.evaluate(() => Object.fromEntries([...document.querySelectorAll("[data-cop-widget]")]
  .map((el) => [el.getAttribute("data-member"), el.shadowRoot?.querySelector(".cop-root")?.outerHTML ?? null])));

const rows = [];
try {
  for (const scenario of SCENARIOS) {
    const names = [...PRODUCTS, "floor"];
    const got = Object.fromEntries(names.flatMap((k) => [[k, []], [`${k} warm`, []]]));
    const once = {};
    for (let run = 0; run < RUNS; run++) {
      // Each page first as often as the others: the order turns by one every run.
      const order = names.map((_, i) => names[(i + run) % names.length]);
      for (const which of order) {
        const where = `${scenario.name} ${which} run ${run + 1}`;
        const context = await browser.newContext();
        const { page, cdp } = await newPage(context);
        const url = `${PAGES[which].origin}${PAGES[which].path}?${scenario.query}&css=${cssFile}`;
        got[which].push(await visit(page, cdp, url, where));
        if (run === 0) {
          once[which] = { listeners: await listeners(cdp), markup: await markupOf(page) };
        }
        if (scenario.warm) got[`${which} warm`].push(await visit(page, cdp, url, `${where} (second visit)`));
        if (page.errors.length) notes.push(`${where}: ${page.errors.slice(0, 3).join(" | ")}`);
        await context.close();
      }
    }
    // The floor is only a floor if it did the same job: the same requests, the same markup.
    for (const product of PRODUCTS) {
      const [p, f] = [got[product][0].api.join(" "), got.floor[0].api.join(" ")];
      if (p !== f) notes.push(`${scenario.name}: ${product} and the floor asked the API differently:\n  ${product} ${p}\n  floor ${f}`);
      const mine = once[product].markup, floor = once.floor.markup;
      const differ = Object.keys(mine).filter((k) => mine[k].replaceAll(servers[PRODUCTS.indexOf(product)].origin, "") !== floor[k].replaceAll(server.origin, ""));
      if (differ.length) {
        notes.push(`${scenario.name}: the floor's markup differs from ${product}'s for ${differ.length} widgets, first ${differ[0]}:\n`
          + `  ${product} ${mine[differ[0]]}\n  floor ${floor[differ[0]]}`);
      }
    }
    const stats = (xs) => ({ ready: median(xs.map((r) => r.ready)), task: median(xs.map((r) => r.task)), script: median(xs.map((r) => r.script)) });
    for (const warm of scenario.warm ? ["", " warm"] : [""]) {
      for (const product of PRODUCTS) {
        rows.push({
          name: `${scenario.name} ${warm ? "warm" : "cold"}`, product, n: scenario.n,
          api: median(got[product + warm].map((r) => r.api.length)),
          mine: stats(got[product + warm]), floor: stats(got[`floor${warm}`]),
          listeners: warm ? null : [once[product].listeners / scenario.n, once.floor.listeners / scenario.n],
        });
      }
    }
  }

  // Mount and unmount 500 pills 20 times: the wasm's memory and the JS heap after a GC.
  const memory = [];
  for (const [i, product] of (wanted("memory") ? PRODUCTS : []).entries()) {
    const context = await browser.newContext();
    const { page, cdp } = await newPage(context);
    await visit(page, cdp, `${servers[i].origin}/bench.html?n=500&${PILL}`, "memory");
    // The wasm's memory from the glue's own exports: the loader imported the glue, so the same
    // URL answers the same module, whose initSync() answers the instance's exports once it has
    // one. Not CDP's Runtime.queryObjects: on this page (an instantiated wasm-bindgen module)
    // Chromium 156 never answers it, which is why this measurement never finished.
    const glue = readdirSync(new URL(`${bundles[i][1].replace(/\/?$/, "/")}`, new URL("../", import.meta.url)))
      .find((f) => /^cop_widgets-[0-9a-f]{16}\.js$/.test(f));
    const measure = async () => {
      await cdp.send("HeapProfiler.collectGarbage");
      // A bundle built with feature alloc-stats (src/alloc_stats.rs) also tells the allocator's
      // live bytes and blocks: the Memory only grows, so it hides a leak its free space holds.
      const [wasm, live] = await page.evaluate(async (glue) => {
        const glueModule = await import(`/${glue}`);
        const memory = Object.values(glueModule.initSync()).find((v) => v instanceof WebAssembly.Memory);
        return [memory ? memory.buffer.byteLength : NaN, glueModule.alloc_stats ? [...glueModule.alloc_stats()] : null];
      }, glue);
      const { usedSize } = await cdp.send("Runtime.getHeapUsage");
      return { wasm: wasm / 1e6, heap: usedSize / 1e6, live };
    };
    const rounds = [["mounted once", await measure()]];
    const remounts = [];
    for (let round = 1; round <= 20; round++) {
      const start = await page.evaluate(async () => {
        document.getElementById("list").replaceChildren(); // the loader unmounts them
        await new Promise((done) => setTimeout(done, 0));
        Object.assign(window.bench, { ready: 0, allReadyAt: null });
        window.benchBuild();
        return performance.now();
      });
      await page.waitForFunction(() => window.bench.allReadyAt !== null || window.bench.errors > 0, null, { timeout: 60_000 });
      const state = await page.evaluate(() => window.bench);
      if (state.errors) throw new Error(`memory round ${round}: ${state.errors} widgets failed, first: ${JSON.stringify(state.firstError)}`);
      remounts.push(state.allReadyAt - start);
      if (round === 1 || round % 5 === 0) rounds.push([`after ${round} round${round > 1 ? "s" : ""}`, await measure()]);
    }
    // And with none mounted: what a widget holds is the difference.
    await page.evaluate(() => {
      document.getElementById("list").replaceChildren();
      return new Promise((done) => setTimeout(done, 100));
    });
    rounds.push(["then all unmounted", await measure()]);
    notes.push(`memory ${product}: 500 pills ready again after an unmount in ${ms(median(remounts))} ms (median of 20 rounds; slowest ${ms(Math.max(...remounts))})`);
    if (page.errors.length) notes.push(`memory ${product}: ${page.errors.slice(0, 3).join(" | ")}`);
    await context.close();
    memory.push([product, rounds]);
  }

  const pad = (s, w) => String(s).padStart(w);
  const ratio = (a, b) => `${(a / b).toFixed(2)}×`;
  console.log(`${RUNS} runs each, product (bench.html) and floor (bench-floor.html) interleaved; medians.`);
  console.log("ready: ms from navigation start to the last cop:ready; CPU: main-thread task ms (script ms of it);");
  console.log("listeners: DOM event listeners in the page per widget (first run). cold: fresh context; warm: its second visit.");
  console.log(`| scenario | product | API requests | ready ms | floor ms | ratio | CPU ms (script) | floor CPU ms (script) | CPU ratio | listeners per widget | floor's |`);
  console.log(`|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|`);
  for (const r of rows) {
    const l = r.listeners ? [r.listeners[0].toFixed(2), r.listeners[1].toFixed(2)] : ["", ""];
    console.log(`| ${r.name} | ${r.product} | ${r.api} | ${ms(r.mine.ready)} | ${ms(r.floor.ready)} | ${ratio(r.mine.ready, r.floor.ready)} `
      + `| ${ms(r.mine.task)} (${ms(r.mine.script)}) | ${ms(r.floor.task)} (${ms(r.floor.script)}) | ${ratio(r.mine.task, r.floor.task)} `
      + `| ${l[0]} | ${l[1]} |`);
  }
  for (const [product, rounds] of memory) {
    console.log(`\n${product}: 500 pills mounted, then unmounted and mounted again 20 times, then unmounted (MB, after a GC):`);
    const live = rounds[0][1].live;
    console.log(`| when | wasm memory | JS heap |${live ? " allocated, live (bytes) | live blocks |" : ""}`);
    console.log(`|---|---:|---:|${live ? "---:|---:|" : ""}`);
    for (const [when, m] of rounds) {
      console.log(`| ${when} | ${m.wasm.toFixed(2)} | ${m.heap.toFixed(2)} |${m.live ? ` ${m.live[0]} | ${m.live[1]} |` : ""}`);
    }
  }
} finally {
  await browser.close();
  for (const s of servers) await s.close();
}
for (const note of notes) console.log(`note: ${note}`);
if (bundle() !== before) console.log("warning: pkg/ changed during the run (rebuilt?): the numbers may mix two builds");
