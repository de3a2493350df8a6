// Benchmark: N widgets on one page in headless Chromium, against the reference server.
// Prints, per N: requests to the API, time from navigation start to every widget ready
// (median, min and max of repeated runs) and the JS heap. Run after scripts/build.sh:
//   node scripts/bench.mjs [runs]
import { chromium } from "playwright-core";
import { startServer } from "../tests/browser/helpers.mjs";

const RUNS = Number(process.argv[2]) || 7;
const SIZES = [10, 100, 500];
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

const server = await startServer();
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--enable-precise-memory-info"],
});
const rows = [];
try {
  for (const n of SIZES) {
    const times = [], heaps = [], requests = [];
    for (let run = 0; run < RUNS; run++) {
      const context = await browser.newContext();
      const page = await context.newPage();
      let api = 0;
      page.on("request", (r) => new URL(r.url()).pathname.startsWith("/api/") && api++);
      await page.goto(`${server.origin}/bench.html?n=${n}`);
      await page.waitForFunction(() => window.bench.allReadyAt !== null || window.bench.errors > 0, null, { timeout: 60_000 });
      const result = await page.evaluate(() => ({ ...window.bench, heap: performance.memory.usedJSHeapSize }));
      if (result.errors) throw new Error(`${result.errors} widgets failed at n=${n}`);
      times.push(result.allReadyAt);
      heaps.push(result.heap / 1e6);
      requests.push(api);
      await context.close();
    }
    rows.push({ n, requests: median(requests), median: median(times), min: Math.min(...times), max: Math.max(...times), heap: median(heaps) });
  }
} finally {
  await browser.close();
  await server.close();
}
const pad = (s, w) => String(s).padStart(w);
console.log(`${RUNS} runs each; times from navigation start to the last cop:ready, in ms`);
console.log(`${"widgets".padEnd(8)}${pad("API requests", 14)}${pad("median", 9)}${pad("min", 8)}${pad("max", 8)}${pad("JS heap MB", 12)}`);
for (const r of rows) {
  console.log(`${String(r.n).padEnd(8)}${pad(r.requests, 14)}${pad(r.median.toFixed(0), 9)}${pad(r.min.toFixed(0), 8)}${pad(r.max.toFixed(0), 8)}${pad(r.heap.toFixed(1), 12)}`);
}
