// Where a page of pills spends its main-thread time: a CPU profile (CDP Profiler) of
// bench.html with N pills, from navigation to the last cop:ready, summed by function (self
// time), top 40. For a bundle built with names (wasm-opt --debuginfo instead of --strip-debug)
// the wasm functions show by name, otherwise as wasm-function[i].
//
//   node scripts/profile-mount.mjs [n=500] [--pkg dir]
import { chromium } from "playwright-core";
import { startServer } from "../tests/browser/server.mjs";

const args = process.argv.slice(2);
const n = Number(args.find((a) => /^\d+$/.test(a)) ?? 500);
const dir = args.includes("--pkg") ? args[args.indexOf("--pkg") + 1] : "pkg";
const server = await startServer({ args: ["--bundle-dir", dir] });
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking"],
});
try {
  const totals = new Map();
  for (let run = 0; run < 3; run++) {
    const context = await browser.newContext();
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send("Profiler.enable");
    await cdp.send("Profiler.setSamplingInterval", { interval: 100 });
    await cdp.send("Profiler.start");
    await page.goto(`${server.origin}/bench.html?n=${n}&kind=participation-badge&variant=pill`);
    await page.waitForFunction(() => window.bench.allReadyAt !== null || window.bench.errors > 0, null, { timeout: 60_000 });
    const { profile } = await cdp.send("Profiler.stop");
    const byId = new Map(profile.nodes.map((node) => [node.id, node]));
    const dt = new Map();
    profile.samples.forEach((id, i) => dt.set(id, (dt.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0)));
    for (const [id, us] of dt) {
      const f = byId.get(id).callFrame;
      const where = f.url ? f.url.replace(/^.*\//, "").replace(/-[0-9a-f]{16}/, "") : "";
      const key = `${f.functionName || "(anonymous)"} ${where}${where ? `:${f.lineNumber + 1}:${f.columnNumber + 1}` : ""}`.trim();
      totals.set(key, (totals.get(key) ?? 0) + us / 1000 / 3);
    }
    await context.close();
  }
  const all = [...totals].sort((a, b) => b[1] - a[1]);
  // By where the code is: the wasm, the glue (wasm-bindgen's JS), the loader, the browser's
  // own functions (DOM, Intl…: no file), and the rest ((program): style, layout, paint…).
  const where = new Map();
  for (const [key, ms] of all) {
    const file = key.match(/ (\S+?)\.(wasm|js):\d+:\d+$/);
    const group = file ? (file[2] === "wasm" ? "wasm" : file[1]) : key.startsWith("(") ? key : "browser built-ins (DOM, Intl…)";
    where.set(group, (where.get(group) ?? 0) + ms);
  }
  console.log("by where the code is (ms):");
  for (const [group, ms] of [...where].sort((a, b) => b[1] - a[1])) console.log(`${ms.toFixed(1).padStart(8)}  ${group}`);
  const sum = all.reduce((s, [, ms]) => s + ms, 0);
  console.log(`${n} pills, mean of 3 loads, self time by function (ms), of ${sum.toFixed(0)} ms sampled:`);
  for (const [key, ms] of all.slice(0, 40)) console.log(`${ms.toFixed(1).padStart(8)}  ${key.slice(0, 150)}`);
} finally {
  await browser.close();
  await server.close();
}
