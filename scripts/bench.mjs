// Benchmark: N widgets on one page in headless Chromium, against the reference server, for the
// diagnostic `hello` widget and the participation badge's pill variant (issue 4). Prints, per
// kind and N: requests to the API (median), time to every widget ready — from navigation start
// (median, min and max of repeated runs) and from the loader script's start (median) — the JS
// heap (median) and the summed layout-shift score (worst run), in all and from the first API
// request on (the loader reserves every placeholder's space before the wasm is even fetched; what
// shifts later is a widget's rendering outgrowing that space). Run after scripts/build.sh:
//   node scripts/bench.mjs [runs]
import { readdirSync, statSync } from "node:fs";
import { chromium } from "playwright-core";
import { startServer } from "../tests/browser/helpers.mjs";

const RUNS = Number(process.argv[2]) || 7;
const SIZES = [10, 100, 500];
const KINDS = [
  { name: "hello", query: "kind=hello" },
  { name: "pill", query: "kind=participation-badge&variant=pill" },
];
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const sum = (xs) => xs.reduce((a, b) => a + b, 0);
// The bundle the server serves; rebuilt during the run, the numbers mix two builds.
const PKG = new URL("../pkg/", import.meta.url);
const bundle = () => readdirSync(PKG).map((f) => `${f}@${statSync(new URL(f, PKG)).mtimeMs}`).sort().join(" ");

const before = bundle();
const server = await startServer();
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--enable-precise-memory-info"],
});
const rows = [];
const notes = [];
try {
  for (const kind of KINDS) {
    for (const n of SIZES) {
      const times = [], fromLoader = [], heaps = [], requests = [], shifts = [], renderShifts = [];
      for (let run = 0; run < RUNS; run++) {
        const where = `kind=${kind.name} n=${n} run ${run + 1}`;
        const context = await browser.newContext();
        const page = await context.newPage();
        const consoleErrors = [], failed = [];
        let api = 0;
        page.on("console", (m) => m.type() === "error" && consoleErrors.push(m.text()));
        page.on("pageerror", (e) => consoleErrors.push(`uncaught: ${e.message}`));
        page.on("request", (r) => new URL(r.url()).pathname.startsWith("/api/") && api++);
        page.on("response", (r) => r.status() >= 400 && failed.push(`${r.status()} ${r.url()}`));
        page.on("requestfailed", (r) => failed.push(`${r.failure()?.errorText} ${r.url()}`));
        const why = () => (failed.length ? `; failed: ${failed.slice(0, 3).join(", ")}` : "")
          + (consoleErrors.length ? `; console: ${consoleErrors.slice(0, 3).join(" | ")}` : "");
        await page.goto(`${server.origin}/bench.html?n=${n}&${kind.query}`);
        try {
          await page.waitForFunction(() => window.bench.allReadyAt !== null || window.bench.errors > 0, null, { timeout: 60_000 });
        } catch (e) {
          const state = await page.evaluate(() => ({ ready: window.bench.ready, errors: window.bench.errors })).catch(() => null);
          throw new Error(`${where}: not all ready after 60 s (${JSON.stringify(state)})${why()}`, { cause: e });
        }
        // Two frames and a moment more, so the last render's layout shift has been reported.
        await page.evaluate(() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(done, 50)))));
        const result = await page.evaluate(() => {
          const loader = performance.getEntriesByType("resource").find((e) => new URL(e.name).pathname === "/cop-widgets.js");
          return {
            ...window.bench,
            benchStart: window.benchStart ?? null,
            loaderFetchedAt: loader ? loader.responseEnd : null,
            firstApiAt: Math.min(...performance.getEntriesByType("resource")
              .filter((e) => new URL(e.name).pathname.startsWith("/api/")).map((e) => e.startTime)),
            heap: performance.memory.usedJSHeapSize,
          };
        });
        if (result.errors) throw new Error(`${where}: ${result.errors} widgets failed, first: ${JSON.stringify(result.firstError)}${why()}`);
        if (failed.length || consoleErrors.length) notes.push(`${where}${why()}`);
        if (result.benchStart === null) throw new Error("bench.html did not set window.benchStart");
        // The loader runs once it is fetched and the inline script just before it has run.
        const loaderStart = Math.max(result.benchStart, result.loaderFetchedAt ?? 0);
        if (loaderStart - result.benchStart > 1) {
          notes.push(`${where}: loader fetched ${(loaderStart - result.benchStart).toFixed(1)} ms after benchStart`);
        }
        times.push(result.allReadyAt);
        fromLoader.push(result.allReadyAt - loaderStart);
        heaps.push(result.heap / 1e6);
        requests.push(api);
        if (result.layoutShifts) {
          shifts.push(sum(result.layoutShifts.map(([, v]) => v)));
          renderShifts.push(sum(result.layoutShifts.filter(([t]) => t >= result.firstApiAt).map(([, v]) => v)));
        }
        await context.close();
      }
      rows.push({
        kind: kind.name, n, requests: median(requests), requestsAll: requests, median: median(times),
        min: Math.min(...times), max: Math.max(...times), fromLoader: median(fromLoader), heap: median(heaps),
        cls: shifts.length ? Math.max(...shifts) : null, clsRender: renderShifts.length ? Math.max(...renderShifts) : null,
        clsRuns: shifts.filter((s) => s > 0).length,
      });
    }
  }
} finally {
  await browser.close();
  await server.close();
}
const pad = (s, w) => String(s).padStart(w);
const cls = (x) => (x === null ? "n/a" : x.toFixed(4));
console.log(`${RUNS} runs each; times to the last cop:ready in ms, from navigation start (median, min, max)`);
console.log("and from the loader script's start (median). CLS: summed layout-shift score of the worst run,");
console.log("in all, and from the first API request on (\"by widgets\": rendered widgets outgrowing their reserved space).");
console.log(`${"kind".padEnd(7)}${"widgets".padEnd(8)}${pad("API requests", 14)}${pad("median", 9)}${pad("min", 8)}${pad("max", 8)}`
  + `${pad("from loader", 13)}${pad("JS heap MB", 12)}${pad("CLS", 8)}${pad("CLS by widgets", 16)}`);
for (const r of rows) {
  console.log(`${r.kind.padEnd(7)}${String(r.n).padEnd(8)}${pad(r.requests, 14)}${pad(r.median.toFixed(0), 9)}${pad(r.min.toFixed(0), 8)}`
    + `${pad(r.max.toFixed(0), 8)}${pad(r.fromLoader.toFixed(0), 13)}${pad(r.heap.toFixed(1), 12)}${pad(cls(r.cls), 8)}${pad(cls(r.clsRender), 16)}`);
}
for (const r of rows) {
  if (new Set(r.requestsAll).size > 1) console.log(`note: kind=${r.kind} n=${r.n}: API requests per run varied: ${r.requestsAll.join(", ")}`);
  if (r.clsRuns) console.log(`note: kind=${r.kind} n=${r.n}: layout shifts in ${r.clsRuns} of ${RUNS} runs`);
}
for (const note of notes) console.log(`note: ${note}`);
if (bundle() !== before) console.log("warning: pkg/ changed during the run (rebuilt?): the numbers may mix two builds");
