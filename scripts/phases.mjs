// Where a page of pills spends its time from navigation start to the last cop:ready, as a
// timeline (issue 16's table): when the glue, the wasm and the chunks were requested and
// arrived, when the first and last placeholder got their wasm-rendered content, when the
// batch requests left and were answered, and when all were ready. Medians of RUNS first
// visits (fresh context), the product (bench.html) and the floor (bench-floor.html). Marks
// the page makes (`performance.mark`, e.g. in a copy of the loader in a copy of pkg/) are
// listed too.
//
//   node scripts/phases.mjs [n=500] [runs=5] [--pkg dir]
// Run after scripts/build.sh; COP_SERVER=target/release/cop-server for a release server.
import { readdirSync } from "node:fs";
import { chromium } from "playwright-core";
import { startServer } from "../tests/browser/server.mjs";
import { settle } from "./bench-settle.mjs";

const args = process.argv.slice(2);
const [n = 500, runs = 5] = args.filter((a) => /^\d+$/.test(a)).map(Number);
const dir = args.includes("--pkg") ? args[args.indexOf("--pkg") + 1] : "pkg";
const css = readdirSync(dir).find((f) => /^bench_style-[0-9a-f]{16}\.json$/.test(f));
if (!css) throw new Error(`${dir} has no bench_style-*.json: run scripts/build.sh`);
const server = await startServer({ args: ["--bundle-dir", dir] });
const members = Array.from({ length: 500 }, (_, i) => `w-${i + 1}`).join("%2C");
for (let i = 0; i < 3; i++) await fetch(`${server.origin}/api/communities/water-engineers/participation?members=${members}`);
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking"],
});
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const rows = new Map(); // page → phase → [ms]
const add = (page, phase, value) => {
  if (value == null || Number.isNaN(value)) return;
  if (!rows.has(page)) rows.set(page, new Map());
  const phases = rows.get(page);
  if (!phases.has(phase)) phases.set(phase, []);
  phases.get(phase).push(value);
};
try {
  for (let run = 0; run < runs; run++) {
    for (const path of run % 2 ? ["/bench-floor.html", "/bench.html"] : ["/bench.html", "/bench-floor.html"]) {
      const context = await browser.newContext();
      const page = await context.newPage();
      // The first and the last widget whose shadow root holds more than the loader's skeleton.
      await page.addInitScript(() => {
        window.phases = {};
        const seen = new WeakSet();
        let count = 0;
        const look = () => {
          for (const el of document.querySelectorAll("[data-cop-widget]")) {
            if (seen.has(el) || !el.shadowRoot) continue;
            if (el.shadowRoot.querySelector(".cop-pill")) {
              seen.add(el);
              count++;
              const now = performance.now();
              window.phases.firstRendered ??= now;
              window.phases.lastRendered = now;
            }
          }
          if (!window.bench || count < window.bench.n) requestAnimationFrame(look);
        };
        requestAnimationFrame(look);
      });
      const requests = [];
      page.on("requestfinished", (request) => requests.push(request));
      await settle(page, `${server.origin}${path}?n=${n}&kind=participation-badge&variant=pill&css=${css}`);
      const { origin, ready, phases, marks } = await page.evaluate(() => ({ origin: performance.timeOrigin, ready: window.bench.allReadyAt, phases: window.phases, marks: performance.getEntriesByType("mark").map((m) => [m.name, m.startTime]) }));
      const label = path === "/bench.html" ? "product" : "floor";
      const at = (request, key) => request.timing().startTime - origin + (key ? request.timing()[key] : 0);
      for (const request of requests) {
        const name = new URL(request.url()).pathname;
        const kind = name.startsWith("/api/") ? "api" : /\.wasm$/.test(name) ? (/split_|chunk_/.test(name) ? "chunk" : "wasm") : /cop_widgets[^/]*\.js$/.test(name) ? "glue" : null;
        if (!kind) continue;
        add(label, `_${kind}`, [at(request), at(request, "responseEnd")]);
      }
      const mine = (kind) => (rows.get(label)?.get(`_${kind}`) || []).splice(0);
      for (const kind of ["glue", "wasm", "chunk", "api"]) {
        const spans = mine(kind);
        if (!spans.length) continue;
        add(label, `${kind} requested (first)`, Math.min(...spans.map((s) => s[0])));
        add(label, `${kind} requested (last)`, Math.max(...spans.map((s) => s[0])));
        add(label, `${kind} arrived (last)`, Math.max(...spans.map((s) => s[1])));
      }
      for (const [name, at] of marks) add(label, `mark: ${name}`, at);
      add(label, "first rendered (rAF)", phases.firstRendered);
      add(label, "last rendered (rAF)", phases.lastRendered);
      add(label, "all cop:ready", ready);
      await context.close();
    }
  }
  const labels = [...rows.keys()];
  const phases = [...new Set(labels.flatMap((l) => [...rows.get(l).keys()]))].filter((p) => !p.startsWith("_"));
  const all = phases.map((p) => [p, ...labels.map((l) => rows.get(l).get(p))]);
  all.sort((a, b) => median(a[1] || a[2] || [0]) - median(b[1] || b[2] || [0]));
  console.log(`| ${n} pills, medians of ${runs} (ms from navigation start) | ${labels.join(" | ")} |`);
  console.log(`|---|${labels.map(() => "---:").join("|")}|`);
  for (const [phase, ...values] of all) console.log(`| ${phase} | ${values.map((v) => (v ? median(v).toFixed(0) : "")).join(" | ")} |`);
} finally {
  await browser.close();
  await server.close();
}
