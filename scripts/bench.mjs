// Benchmark: N widgets on one page in headless Chromium, against the reference server, for the
// diagnostic `hello` widget and the participation badge's pill variant (issue 4). Prints, per
// kind and N: requests to the API (median), time to every widget ready — from navigation start
// (median, min and max of repeated runs) and from the loader script's start (median) — the JS
// heap (median) and, summed over the page, the layout-shift score (the worst run's). Run after
// scripts/build.sh:
//   node scripts/bench.mjs [runs]
import { chromium } from "playwright-core";
import { startServer } from "../tests/browser/helpers.mjs";

const RUNS = Number(process.argv[2]) || 7;
const SIZES = [10, 100, 500];
const KINDS = [
  { name: "hello", query: "kind=hello" },
  { name: "pill", query: "kind=participation-badge&variant=pill" },
];
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

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
      const times = [], fromLoader = [], heaps = [], requests = [], shifts = [];
      for (let run = 0; run < RUNS; run++) {
        const context = await browser.newContext();
        const page = await context.newPage();
        const consoleErrors = [];
        page.on("console", (m) => m.type() === "error" && consoleErrors.push(m.text()));
        page.on("pageerror", (e) => consoleErrors.push(`uncaught: ${e.message}`));
        let api = 0;
        const failed = [];
        page.on("request", (r) => new URL(r.url()).pathname.startsWith("/api/") && api++);
        page.on("response", (r) => r.status() >= 400 && failed.push(`${r.status()} ${r.url()}`));
        await page.goto(`${server.origin}/bench.html?n=${n}&${kind.query}`);
        await page.waitForFunction(() => window.bench.allReadyAt !== null || window.bench.errors > 0, null, { timeout: 60_000 });
        const result = await page.evaluate(() => {
          const loader = performance.getEntriesByType("resource").find((e) => new URL(e.name).pathname === "/cop-widgets.js");
          return {
            ...window.bench,
            benchStart: window.benchStart ?? null,
            loaderFetchedAt: loader ? loader.responseEnd : null,
            heap: performance.memory.usedJSHeapSize,
          };
        });
        if (result.errors) {
          throw new Error(`${result.errors} widgets failed at kind=${kind.name} n=${n}, first: ${JSON.stringify(result.firstError)}`
            + (failed.length ? `; failed responses: ${failed.slice(0, 3).join(", ")}` : "")
            + (consoleErrors.length ? `; console: ${consoleErrors.slice(0, 3).join(" | ")}` : ""));
        }
        if (failed.length) notes.push(`kind=${kind.name} n=${n} run ${run + 1}: ${failed.length} failed responses, e.g. ${failed[0]}`);
        if (consoleErrors.length) notes.push(`kind=${kind.name} n=${n} run ${run + 1}: console error: ${consoleErrors[0]}`);
        if (result.benchStart === null) throw new Error("bench.html did not set window.benchStart");
        // The loader runs once it is fetched and the inline script before it has run.
        const loaderStart = Math.max(result.benchStart, result.loaderFetchedAt ?? 0);
        if (loaderStart - result.benchStart > 1) {
          notes.push(`kind=${kind.name} n=${n} run ${run + 1}: loader fetched ${(loaderStart - result.benchStart).toFixed(1)} ms after benchStart`);
        }
        times.push(result.allReadyAt);
        fromLoader.push(result.allReadyAt - loaderStart);
        heaps.push(result.heap / 1e6);
        requests.push(api);
        shifts.push(result.layoutShift);
        await context.close();
      }
      rows.push({
        kind: kind.name, n, requests: median(requests), requestsAll: requests, median: median(times),
        min: Math.min(...times), max: Math.max(...times), fromLoader: median(fromLoader), heap: median(heaps),
        cls: shifts.includes(null) ? null : Math.max(...shifts),
      });
    }
  }
} finally {
  await browser.close();
  await server.close();
}
const pad = (s, w) => String(s).padStart(w);
console.log(`${RUNS} runs each; times to the last cop:ready in ms, from navigation start (median, min, max)`);
console.log("and from the loader script's start (median); CLS: summed layout-shift score, worst run");
console.log(`${"kind".padEnd(7)}${"widgets".padEnd(8)}${pad("API requests", 14)}${pad("median", 9)}${pad("min", 8)}${pad("max", 8)}`
  + `${pad("from loader", 13)}${pad("JS heap MB", 12)}${pad("CLS", 8)}`);
for (const r of rows) {
  console.log(`${r.kind.padEnd(7)}${String(r.n).padEnd(8)}${pad(r.requests, 14)}${pad(r.median.toFixed(0), 9)}${pad(r.min.toFixed(0), 8)}`
    + `${pad(r.max.toFixed(0), 8)}${pad(r.fromLoader.toFixed(0), 13)}${pad(r.heap.toFixed(1), 12)}${pad(r.cls === null ? "n/a" : r.cls.toFixed(4), 8)}`);
}
for (const r of rows) {
  if (new Set(r.requestsAll).size > 1) console.log(`note: kind=${r.kind} n=${r.n}: API requests per run varied: ${r.requestsAll.join(", ")}`);
}
for (const note of notes) console.log(`note: ${note}`);
