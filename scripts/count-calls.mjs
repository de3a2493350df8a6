// How often the wasm calls into JavaScript on a page of N pills, from navigation to the last
// cop:ready: every import of the instantiated module is wrapped with a counter before the
// glue instantiates it. Prints the total, per pill, and the 30 most called imports with the
// start of their glue code (the names are the build's short ones, scripts/minify-names.mjs).
// Each call costs a crossing of the boundary and often a string copied; issue 16.
//
//   node scripts/count-calls.mjs [n=500] [dir=pkg]
import { chromium } from "playwright-core";
import { startServer } from "../tests/browser/server.mjs";
const n = Number(process.argv[2] || 500); const dir = process.argv[3] || "pkg";
const server = await startServer({ args: ["--bundle-dir", dir] });
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM || "/usr/bin/chromium", args: ["--no-sandbox", "--disable-gpu"] });
const page = await (await browser.newContext()).newPage();
await page.addInitScript(() => {
  const counts = (window.__counts = {}); const orig = WebAssembly.instantiate;
  const wrap = (imports) => { for (const mod of Object.values(imports)) for (const [k, f] of Object.entries(mod)) if (typeof f === "function") mod[k] = function (...a) { counts[k] = (counts[k] || 0) + 1; return f.apply(this, a); }; return imports; };
  WebAssembly.instantiate = (m, imports) => orig(m, wrap(imports));
  const os = WebAssembly.instantiateStreaming; WebAssembly.instantiateStreaming = (m, imports) => os(m, wrap(imports));
});
await page.goto(`${server.origin}/bench.html?n=${n}&kind=participation-badge&variant=pill`);
// As the benchmark: a widget in error ends the wait too (and is said, below).
await page.waitForFunction(() => window.bench.allReadyAt !== null || window.bench.errors > 0, null, { timeout: 60000 });
const errors = await page.evaluate(() => window.bench.errors);
if (errors) console.log(`${errors} widget(s) in error: the counts are not of a page of ready pills`);
const counts = await page.evaluate(() => window.__counts);
const total = Object.values(counts).reduce((a, b) => a + b, 0);
console.log("total import calls", total, "per pill", (total / n).toFixed(1));
const src = await page.evaluate(async () => { const u = [...performance.getEntriesByType("resource")].find((r) => /cop_widgets-[0-9a-f]+\.js/.test(r.name)).name; return (await fetch(u)).text(); });
for (const [k, c] of Object.entries(counts).sort((a, b) => b[1] - a[1]).slice(0, 30)) {
  const m = new RegExp(`[,{]${k.replace("$","\\$")}:function`).exec(src); const i = m ? m.index + 1 : -1; console.log(String(c).padStart(7), k, i >= 0 ? src.slice(i, i + 110) : "");
}
await browser.close();
await server.close();
