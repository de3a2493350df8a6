// Where a page of pills spends its main-thread time: a CPU profile (CDP Profiler) of
// bench.html with N pills, from navigation to the last cop:ready, summed by function (self
// time), top 40. For a bundle built with names (wasm-opt --debuginfo instead of --strip-debug)
// the wasm functions show by name, otherwise as wasm-function[i].
//
//   node scripts/profile-mount.mjs [n=500] [--pkg dir] [--under=name]
// --under=name counts only the samples with a function whose name contains `name` on their
// stack (e.g. --under=registry::read_setup), and a second table gives each function's
// inclusive time (itself and what it calls) as well as its self time.
import { chromium } from "playwright-core";
import { startServer } from "../tests/browser/server.mjs";

const args = process.argv.slice(2);
const n = Number(args.find((a) => /^\d+$/.test(a)) ?? 500);
const dir = args.includes("--pkg") ? args[args.indexOf("--pkg") + 1] : "pkg";
const under = args.find((a) => a.startsWith("--under="))?.slice("--under=".length);
const server = await startServer({ args: ["--bundle-dir", dir] });
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking"],
});
try {
  const totals = new Map(), inclusive = new Map();
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
    const parent = new Map();
    for (const node of profile.nodes) for (const child of node.children || []) parent.set(child, node.id);
    const dt = new Map();
    profile.samples.forEach((id, i) => dt.set(id, (dt.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0)));
    const keyOf = (id) => {
      const f = byId.get(id).callFrame;
      const where = f.url ? f.url.replace(/^.*\//, "").replace(/-[0-9a-f]{16}/, "") : "";
      return `${f.functionName || "(anonymous)"} ${where}${where ? `:${f.lineNumber + 1}:${f.columnNumber + 1}` : ""}`.trim();
    };
    for (const [id, us] of dt) {
      const stack = [];
      for (let p = id; p !== undefined; p = parent.get(p)) stack.push(keyOf(p));
      if (under && !stack.some((key) => key.includes(under))) continue;
      totals.set(stack[0], (totals.get(stack[0]) ?? 0) + us / 1000 / 3);
      for (const key of new Set(stack)) inclusive.set(key, (inclusive.get(key) ?? 0) + us / 1000 / 3);
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
  if (under) {
    console.log(`inclusive (self) ms of the samples under ${under}, top 60:`);
    for (const [key, ms] of [...inclusive].sort((a, b) => b[1] - a[1]).slice(0, 60)) {
      console.log(`${ms.toFixed(1).padStart(8)} ${(totals.get(key) ?? 0).toFixed(1).padStart(7)}  ${key.slice(0, 150)}`);
    }
  }
} finally {
  await browser.close();
  await server.close();
}
