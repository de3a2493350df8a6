// Benchmark (issue 14): the featured-video carousel (`video-carousel`) showing 24 videos,
// beside the same 24 videos shown with Splide + lite-youtube-embed (npm, devDependencies, for
// this benchmark only), both in one run, interleaved (the order alternates run by run), each
// run in a fresh browser context (cold caches) of one headless Chromium.
//
// The data: the demo features 5 videos a cycle. Before the runs the script
// does what a coordinator does (open identity, `X-Demo-Member: m-1`, the teachers'
// coordinator): adds 24 YouTube videos to `teachers` (the titles, speakers, why, durations and
// transcripts of the demo's teachers' and water engineers' videos, each with its own demo
// poster, /posters/*.svg, served by our server: 24 distinct posters), opens a cycle and
// features them; the server's answer for it (`GET …/cycles/{cycle}/carousel`) is
// /bench-carousel.json, a static file beside the pages. Both pages read it, so both fetch
// the same bytes from the same place: the product with `data-src` (a static JSON document
// in our contract's shape, so no `data-map-*`: the same mapping code as the default
// `data-community` read; its tracker and observers run as usual, only its beacons, sent when
// the page is hidden, have nowhere to go), the comparison with fetch().
//
// Pages (bench/carousel/, copied into a temporary pages directory; nothing of it is in www/):
//   product  — product.html: the loader, one placeholder;
//   splide   — splide.html: @splidejs/splide's splide.min.js and splide.min.css (its default
//              theme), lite-youtube-embed's lite-yt-embed.js (minified here with terser, as a
//              site would ship it; the package has only its source) and .css, and the page's
//              own splide-carousel.js and .css (Splide's defaults; only per page, move by one,
//              gap, breakpoint and arrow keys set to match the product's).
// Both from one server, one origin: the reference server with --pages-dir (the temporary
// pages) and --bundle-dir (pkg/'s files linked, beside them vendor/ with the npm files): every
// script, wasm and stylesheet of both pages is sent as a brotli (quality 11) copy written
// beforehand, as the build does for pkg/, never compressed on the fly; pages, JSON and posters
// are compressed on the fly for both alike.
//
// Per page, medians of RUNS runs of:
//   ready   — ms from navigation start (performance.now() in the page) to the later of
//             (a) the carousel being built: the product's `cop:ready` event (its slides,
//                 controls and listeners in place), Splide's `mounted` event (the same for
//                 Splide, after lite-youtube has upgraded every facade), and
//             (b) the end of the download of the first slide's poster (its Resource Timing
//                 entry's responseEnd: the same URL on both pages);
//   bytes   — response bodies as encoded on the wire (Playwright's request.sizes()
//             responseBodySize), from navigation until ready and then no request in flight
//             for 500 ms — everything before any interaction —, split into: page (the HTML),
//             code (JS, wasm, CSS), data (the carousel's JSON), images (posters),
//             total; and third-party: requests to any other host (Chromium resolves none but
//             loopback here: --host-resolver-rules) plus content-security-policy violations
//             naming another origin — must be 0 for the product.
// Prints a table with ratios (product ÷ Splide); asserts nothing about time. It throws if a
// page has an uncaught error, a widget says cop:error, a request fails or answers ≥ 400, or a
// page is not ready within 60 s.
//
// Run (after scripts/build.sh and npm ci): node scripts/bench-carousel.mjs [runs]
// COP_SERVER=target/release/cop-server uses a release server (default: the debug one);
// BENCH_SCREENSHOTS=dir writes each page's screenshot at ready (the last run's) there.
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";
import { minify } from "terser";
import { startServer } from "../tests/browser/server.mjs";
import { brotli, gzip } from "./compress.mjs";

const ROOT = fileURLToPath(new URL("../", import.meta.url));
const RUNS = Number(process.argv.slice(2).find((a) => /^\d+$/.test(a))) || 7;
const VIDEOS = 24;
const COMMUNITY = "teachers";
const COORDINATOR = "m-1";
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

// The temporary directories the server serves: pages (the two pages, the posters) and bundle
// (pkg/'s files, linked, and vendor/: the comparison's files with their brotli and gzip copies).
const tmp = mkdtempSync(join(tmpdir(), "cop-bench-carousel-"));
process.on("exit", () => rmSync(tmp, { recursive: true, force: true })); // also when the setup throws
const pages = join(tmp, "pages");
const bundle = join(tmp, "bundle");
mkdirSync(join(bundle, "vendor"), { recursive: true });
mkdirSync(pages);
// COP_BUNDLE_DIR (as tests/browser/server.mjs): another bundle (a copy of pkg/ from another
// commit), to compare two in turn against the same comparison page.
const PKG = resolve(ROOT, process.env.COP_BUNDLE_DIR || "pkg");
for (const name of readdirSync(PKG)) symlinkSync(join(PKG, name), join(bundle, name));
if (!readdirSync(PKG).includes("cop-widgets.js")) throw new Error(`${PKG} has no cop-widgets.js: run scripts/build.sh`);
cpSync(join(ROOT, "bench/carousel/product.html"), join(pages, "product.html"));
cpSync(join(ROOT, "bench/carousel/splide.html"), join(pages, "splide.html"));
cpSync(join(ROOT, "www/posters"), join(pages, "posters"), { recursive: true });
const npm = (path) => readFileSync(join(ROOT, "node_modules", path));
const lite = await minify(npm("lite-youtube-embed/src/lite-yt-embed.js").toString(), { compress: true, mangle: true });
const vendor = {
  "splide.min.js": npm("@splidejs/splide/dist/js/splide.min.js"),
  "splide.min.css": npm("@splidejs/splide/dist/css/splide.min.css"),
  "lite-yt-embed.js": Buffer.from(lite.code),
  "lite-yt-embed.css": npm("lite-youtube-embed/src/lite-yt-embed.css"),
  "splide-carousel.js": readFileSync(join(ROOT, "bench/carousel/splide-carousel.js")),
  "splide-carousel.css": readFileSync(join(ROOT, "bench/carousel/splide-carousel.css")),
};
for (const [name, bytes] of Object.entries(vendor)) {
  // As scripts/precompress.mjs does for pkg/.
  writeFileSync(join(bundle, "vendor", name), bytes);
  writeFileSync(join(bundle, "vendor", `${name}.br`), brotli(bytes));
  writeFileSync(join(bundle, "vendor", `${name}.gz`), await gzip(bytes));
}

const server = await startServer({ args: ["--bundle-dir", bundle, "--pages-dir", pages] });
const { origin } = server;

/** A request to the API as the coordinator (or anyone, for reads); throws unless 2xx. */
async function api(method, path, body) {
  const response = await fetch(`${origin}/api${path}`, {
    method,
    headers: { "content-type": "application/json", "X-Demo-Member": COORDINATOR },
    body: body && JSON.stringify(body),
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${text}`);
  return JSON.parse(text);
}

// 24 YouTube videos for the teachers (from the demo's videos of two communities), a cycle
// featuring them, and the JSON both pages read.
const demo = [...await api("GET", `/communities/${COMMUNITY}/videos`), ...await api("GET", "/communities/water-engineers/videos")];
if (demo.length < VIDEOS) throw new Error(`the demo data has ${demo.length} videos, fewer than ${VIDEOS}`);
const added = [];
for (const [i, video] of demo.slice(0, VIDEOS).entries()) {
  const youtube = `copBench${String(i + 1).padStart(3, "0")}`; // 11 characters, as YouTube's ids
  added.push(await api("POST", `/communities/${COMMUNITY}/videos`, {
    title: video.title, speaker: video.speaker, why: video.why, duration_seconds: video.duration_seconds,
    url: `https://www.youtube.com/watch?v=${youtube}`, poster: video.poster, transcript: video.transcript,
  }));
}
const current = await api("GET", `/communities/${COMMUNITY}/cycles/current`);
const cycle = await api("POST", `/communities/${COMMUNITY}/cycles`, { name: "Benchmark cycle", starts: current.starts, ends: current.ends });
await api("PUT", `/communities/${COMMUNITY}/cycles/${cycle.id}/featured`, { videos: added.map((v) => v.id) });
const carousel = await api("GET", `/communities/${COMMUNITY}/cycles/${cycle.id}/carousel`);
if (carousel.videos.length !== VIDEOS || carousel.videos.some((v) => v.provider !== "youtube" || !v.poster)) {
  throw new Error(`the benchmark's carousel is not ${VIDEOS} YouTube videos with posters`);
}
writeFileSync(join(pages, "bench-carousel.json"), JSON.stringify(carousel));
const firstPoster = new URL(carousel.videos[0].poster, origin).href;

const PAGES = { product: `${origin}/product.html`, splide: `${origin}/splide.html` };
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
    "--disable-component-update", "--disable-sync",
    // No host but loopback resolves: a request elsewhere fails here, and is counted.
    "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1"],
});

// In every page before its own scripts: when the carousel is built (the product's cop:ready or
// cop:error, the comparison's bench:mounted), and the content-security-policy violations.
const INIT = () => {
  window.benchCarousel = { builtAt: null, error: null, csp: [] };
  document.addEventListener("cop:ready", () => (window.benchCarousel.builtAt ??= performance.now()));
  document.addEventListener("bench:mounted", () => (window.benchCarousel.builtAt ??= performance.now()));
  document.addEventListener("cop:error", (e) => (window.benchCarousel.error ??= JSON.stringify(e.detail)));
  document.addEventListener("securitypolicyviolation", (e) => window.benchCarousel.csp.push(`${e.violatedDirective} ${e.blockedURI}`), true);
};

/** What a request's response is, for the table. */
function kind(url, type) {
  const u = new URL(url);
  if (u.origin !== origin) return "thirdParty";
  if (type === "document") return "page";
  if (u.pathname.startsWith("/api/") || u.pathname === "/bench-carousel.json") return "data";
  if (u.pathname.startsWith("/posters/") || type === "image") return "images";
  if (/\.(js|mjs|wasm|css)$/.test(u.pathname) || ["script", "stylesheet"].includes(type)) return "code";
  return "other";
}

/** One visit of `which` in a fresh context: ready ms and bytes by kind. Throws on any error. */
async function visit(which, where) {
  const context = await browser.newContext();
  await context.addInitScript(INIT);
  const page = await context.newPage();
  const errors = [];
  const notes = [];
  const bytes = { page: 0, code: 0, data: 0, images: 0, other: 0, thirdParty: 0 };
  const files = [];
  let inFlight = 0;
  let lastChange = Date.now();
  let counting = true;
  const done = () => {
    inFlight--;
    lastChange = Date.now();
  };
  page.on("pageerror", (e) => errors.push(`uncaught: ${e.message}`));
  page.on("console", (m) => ["error", "warning"].includes(m.type()) && notes.push(`console ${m.type()}: ${m.text()}`));
  page.on("request", (r) => {
    if (!counting) return;
    inFlight++;
    lastChange = Date.now();
    if (kind(r.url(), r.resourceType()) === "thirdParty") bytes.thirdParty++;
  });
  page.on("requestfailed", (r) => {
    if (!counting) return;
    done();
    if (kind(r.url(), r.resourceType()) !== "thirdParty") errors.push(`${r.failure()?.errorText} ${r.url()}`);
  });
  page.on("requestfinished", async (r) => {
    if (!counting) return;
    try {
      const k = kind(r.url(), r.resourceType());
      const response = await r.response();
      if (response && response.status() >= 400) errors.push(`${response.status()} ${r.url()}`);
      if (k !== "thirdParty") {
        const { responseBodySize } = await r.sizes();
        bytes[k] += responseBodySize;
        files.push([k, new URL(r.url()).pathname, responseBodySize]);
      }
    } finally {
      done();
    }
  });
  await page.goto(PAGES[which]);
  const deadline = Date.now() + 60_000;
  let state;
  for (;;) {
    state = await page.evaluate(([poster, data]) => ({
      ...window.benchCarousel,
      posterAt: performance.getEntriesByName(poster, "resource")[0]?.responseEnd ?? null,
      dataAt: performance.getEntriesByName(data, "resource")[0]?.startTime ?? null,
    }), [firstPoster, `${origin}/bench-carousel.json`]);
    if (errors.length || state.error) {
      throw new Error(`${where}: ${state.error ? `cop:error ${state.error}; ` : ""}${errors.slice(0, 3).join(" | ")}`);
    }
    if (state.builtAt !== null && state.posterAt !== null) break;
    if (Date.now() > deadline) {
      throw new Error(`${where}: not ready after 60 s (built at ${state.builtAt}, first poster at ${state.posterAt}; ${notes.slice(0, 3).join(" | ")})`);
    }
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  // Then until nothing has been in flight for 500 ms: all it loads before any interaction.
  while (inFlight > 0 || Date.now() - lastChange < 500) {
    if (Date.now() > deadline) throw new Error(`${where}: requests still in flight after 60 s`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  // The same job: 24 slides, each a group with its "n of 24" name (Playwright's locators
  // pierce the product's shadow root).
  const slides = await page.locator('[aria-roledescription="slide"]').evaluateAll((all) => all.map((s) => s.getAttribute("aria-label")));
  if (slides.length !== VIDEOS || slides[0] !== `1 of ${VIDEOS}`) throw new Error(`${where}: ${slides.length} slides, the first named ${slides[0]}`);
  if (process.env.BENCH_SCREENSHOTS) await page.screenshot({ path: join(process.env.BENCH_SCREENSHOTS, `${which}.png`), fullPage: true });
  const { csp } = await page.evaluate(() => window.benchCarousel);
  counting = false;
  if (errors.length) throw new Error(`${where}: ${errors.slice(0, 3).join(" | ")}`);
  bytes.thirdParty += csp.filter((v) => /^https?:/.test(v.split(" ")[1] ?? "") && !v.split(" ")[1].startsWith(origin)).length;
  if (csp.length) notes.push(`content-security-policy: ${csp.slice(0, 3).join(" | ")}`);
  await context.close();
  return { ready: Math.max(state.builtAt, state.posterAt), built: state.builtAt, poster: state.posterAt, asked: state.dataAt, ...bytes, files, notes };
}

const got = { product: [], splide: [] };
const notes = new Set();
try {
  for (let run = 0; run < RUNS; run++) {
    const order = run % 2 === 0 ? ["product", "splide"] : ["splide", "product"];
    for (const which of order) {
      const result = await visit(which, `${which} run ${run + 1}`);
      got[which].push(result);
      for (const note of result.notes) notes.add(`${which}: ${note}`);
    }
  }
} finally {
  await browser.close();
  await server.close();
}

const COLUMNS = ["ready", "built", "poster", "asked", "page", "code", "data", "images", "total", "thirdParty"];
const stats = (runs) => Object.fromEntries(COLUMNS.map((c) => [c, median(runs.map((r) => (c === "total"
  ? r.page + r.code + r.data + r.images + r.other : r[c])))]));
const [p, s] = [stats(got.product), stats(got.splide)];
const ms = (x) => x.toFixed(0);
const kb = (x) => x.toLocaleString("en");
const ratio = (a, b) => (b ? `${(a / b).toFixed(2)}×` : "");
console.log(`${RUNS} runs each, ${VIDEOS} videos, product (cop-widgets) and Splide + lite-youtube-embed interleaved, fresh context each; medians.`);
console.log("ready: ms from navigation start to the later of the carousel built (cop:ready / Splide's mounted) and the first poster downloaded;");
console.log("bytes: response bodies as sent (encoded) until ready and 500 ms without a request in flight; third-party: requests to other hosts.");
console.log("data asked: ms from navigation start to the JSON's request.");
console.log("| page | ready ms | built ms | first poster ms | data asked ms | HTML bytes | code bytes | data bytes | image bytes | total bytes | third-party requests |");
console.log("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
const row = (name, x) => console.log(`| ${name} | ${ms(x.ready)} | ${ms(x.built)} | ${ms(x.poster)} | ${ms(x.asked)} | ${kb(x.page)} | ${kb(x.code)} | ${kb(x.data)} | ${kb(x.images)} | ${kb(x.total)} | ${x.thirdParty} |`);
row("cop-widgets", p);
row("Splide + lite-youtube-embed", s);
console.log(`| ratio | ${COLUMNS.slice(0, 9).map((c) => ratio(p[c], s[c])).join(" | ")} | |`);
console.log("\nRequests (first run), bytes as sent:");
for (const which of ["product", "splide"]) {
  const { files } = got[which][0];
  const images = files.filter(([k]) => k === "images");
  const listed = files.filter(([k]) => k !== "images").map(([k, path, n]) => `${path} ${n} (${k})`);
  console.log(`  ${which}: ${files.length} — ${listed.join(", ")}, ${images.length} posters`);
}
const other = [...got.product, ...got.splide].filter((r) => r.other);
if (other.length) console.log(`note: bytes of another kind (not in a column, in the total): ${other[0].files.filter(([k]) => k === "other").map(([, f]) => f).join(", ")}`);
for (const note of notes) console.log(`note: ${note}`);
if (p.thirdParty) throw new Error(`the product made ${p.thirdParty} third-party requests before any interaction`);
