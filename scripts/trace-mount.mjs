// Where a page of pills spends its main-thread time by kind of work, from a Chromium trace
// (devtools.timeline): script, style recalculation, layout, paint, parse; their counts and
// ms, for the product (bench.html) and the floor (bench-floor.html), means of RUNS loads.
//
//   node scripts/trace-mount.mjs [n=500] [runs=3] [--pkg dir]
// PAGE_CSS='…' adds a stylesheet to both pages before their scripts run, to try a rule
// (e.g. `[data-variant=pill]{contain:size layout style}`: layout −17 %, ready unchanged).
import { readdirSync } from "node:fs";
import { chromium } from "playwright-core";
import { startServer } from "../tests/browser/server.mjs";

const args = process.argv.slice(2);
const numbers = args.filter((a) => /^\d+$/.test(a)).map(Number);
const [n = 500, runs = 3] = numbers;
const dir = args.includes("--pkg") ? args[args.indexOf("--pkg") + 1] : "pkg";
// The floor styles its widgets with the wasm's stylesheet, which the build writes beside it.
const css = readdirSync(dir).find((f) => /^bench_style-[0-9a-f]{16}\.json$/.test(f));
if (!css) throw new Error(`${dir} has no bench_style-*.json: run scripts/build.sh`);
const server = await startServer({ args: ["--bundle-dir", dir] });
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking"],
});
const KINDS = {
  FunctionCall: "script", EvaluateScript: "script", "v8.compile": "compile", "v8.wasm.compiledModule": "compile",
  TimerFire: "script", EventDispatch: "script", RunMicrotasks: "script",
  UpdateLayoutTree: "style", ParseAuthorStyleSheet: "style", Layout: "layout", PrePaint: "paint", Paint: "paint",
  Layerize: "paint", UpdateLayer: "paint", CompositeLayers: "paint", ParseHTML: "parse", ScheduleStyleRecalculation: null,
};
try {
  for (const path of ["/bench.html", "/bench-floor.html"]) {
    const sums = new Map();
    for (let run = 0; run < runs; run++) {
      const context = await browser.newContext();
      const page = await context.newPage();
      if (process.env.PAGE_CSS) await page.addInitScript((rule) => document.addEventListener("readystatechange", () => { if (document.readyState === "interactive") { const s = document.createElement("style"); s.textContent = rule; document.head.append(s); } }, { once: true }), process.env.PAGE_CSS);
      await browser.startTracing(page, { categories: ["devtools.timeline", "v8.execute", "disabled-by-default-devtools.timeline"] });
      await page.goto(`${server.origin}${path}?n=${n}&kind=participation-badge&variant=pill&css=${css}`);
      await page.waitForFunction(() => window.bench.allReadyAt !== null || window.bench.errors > 0, null, { timeout: 60_000 });
      const ready = await page.evaluate(() => window.bench.allReadyAt);
      const trace = JSON.parse((await browser.stopTracing()).toString());
      const main = trace.traceEvents.find((e) => e.name === "thread_name" && e.args?.name === "CrRendererMain");
      const events = trace.traceEvents.filter((e) => main && e.pid === main.pid && e.tid === main.tid && e.ph === "X");
      // Top-level kinds only: an event inside another counted one is not counted twice.
      events.sort((a, b) => a.ts - b.ts);
      const open = [];
      for (const e of events) {
        while (open.length && open[open.length - 1].ts + open[open.length - 1].dur <= e.ts) open.pop();
        const kind = KINDS[e.name];
        if (kind && !open.some((o) => KINDS[o.name])) {
          const s = sums.get(e.name) ?? { kind, count: 0, ms: 0 };
          s.count += 1 / runs;
          s.ms += (e.dur ?? 0) / 1000 / runs;
          sums.set(e.name, s);
        }
        open.push(e);
      }
      sums.set("(ready ms)", { kind: "", count: 0, ms: (sums.get("(ready ms)")?.ms ?? 0) + ready / runs });
      await context.close();
    }
    console.log(`${path} ${n} pills, means of ${runs}:`);
    for (const [name, s] of [...sums].sort((a, b) => b[1].ms - a[1].ms)) {
      console.log(`${s.ms.toFixed(1).padStart(9)} ms ${s.count.toFixed(0).padStart(6)}×  ${name} ${s.kind}`);
    }
  }
} finally {
  await browser.close();
  await server.close();
}
