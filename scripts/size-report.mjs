// Prints what each kind of page downloads (the loader; then the glue, the main wasm, the chunks
// of the kinds it shows and the largest message catalog once it has a placeholder), gzipped and
// with brotli, beside its budget; each chunk's own size; the size of each file (raw, gzip,
// brotli); and the SRI hash of the loader. Writes the same to size-report.txt and
// size-report.json in the bundle's directory, which tests/size.test.mjs checks.
//   node scripts/size-report.mjs [dir]    (default pkg; scripts/build.sh runs it)
// The compressed sizes are those of the `.gz` and `.br` copies beside each file, which the
// server sends as they are: scripts/precompress.mjs (run before this) writes them.
import { createHash } from "node:crypto";
import { readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";

const dir = new URL(`../${process.argv[2] || "pkg"}/`, import.meta.url);
const copy = (name, suffix) => {
  try {
    return statSync(new URL(`${name}${suffix}`, dir)).size;
  } catch {
    console.error(`size-report: no ${name}${suffix}: run node scripts/precompress.mjs first`);
    process.exit(1);
  }
};
const files = readdirSync(dir)
  .filter((name) => /\.(js|wasm)$/.test(name) || /^cop_i18n_.*\.json$/.test(name))
  .sort()
  .map((name) => ({ name, raw: statSync(new URL(name, dir)).size, gzip: copy(name, ".gz"), brotli: copy(name, ".br") }));
const find = (pattern) => files.find((f) => pattern.test(f.name));
const loader = find(/^cop-widgets\.js$/);
const glue = find(/^cop_widgets-[0-9a-f]{16}\.js$/);
const wasm = find(/^cop_widgets_bg-[0-9a-f]{16}\.wasm$/);
// A chunked kind's code (scripts/build.sh): split_value_story-<hash>.wasm is the kind
// value-story's own; chunk_<n>-<hash>.wasm holds code several kinds' chunks share. chunks.json
// (written by the build) lists each kind's files: its own chunk, then the shared ones it needs.
const manifest = (() => {
  try {
    return JSON.parse(readFileSync(new URL("chunks.json", dir), "utf8"));
  } catch {
    return {}; // the single bundle: no chunks
  }
})();
const byName = (name) => files.find((f) => f.name === name) ?? { name, gzip: 0, brotli: 0 };
const chunkFiles = files.filter((f) => /^(split_\w+|chunk_\d+)-[0-9a-f]{16}\.wasm$/.test(f.name));
const chunk = (kind) => (manifest[kind] ?? []).map(byName);
const chunks = Object.keys(manifest).sort().map((kind) => {
  const parts = chunk(kind);
  return {
    kind,
    name: parts[0].name,
    files: parts.map((f) => f.name),
    gzip: parts.reduce((sum, f) => sum + f.gzip, 0),
    brotli: parts.reduce((sum, f) => sum + f.brotli, 0),
  };
});
// A page in German, Spanish, Portuguese or French also fetches that language's catalogs
// (English is in the wasm): the platform's (cop_i18n_<lang>-<hash>.json) and each shown kind's
// (cop_i18n_<lang>_<part>-<hash>.json). The language whose catalogs weigh most is counted, so a
// budget holds in any language.
const PART = { hello: "hello", "participation-badge": "badge", "value-story": "story", "video-carousel": "carousel", "rhythm-calendar": "calendar" };
const catalogs = (kinds) => {
  const langs = [...new Set(files.map((f) => f.name.match(/^cop_i18n_([a-z]{2})[-_]/)?.[1]).filter(Boolean))];
  // A part of a kind (`rhythm-calendar--month`) speaks with its kind's catalog.
  const of = (lang) => files.filter((f) => new RegExp(`^cop_i18n_${lang}(_(${kinds.map((k) => PART[k.split("--")[0]]).join("|")}))?-[0-9a-f]{16}\\.json$`).test(f.name));
  const weight = (list) => list.reduce((sum, f) => sum + f.gzip, 0);
  return langs.map(of).reduce((a, b) => (weight(b) > weight(a) ? b : a), []);
};

// The budgets per page, gzipped, 1 KB = 1,000 bytes (issue 12). A page with a placeholder
// downloads the loader, the glue, the main wasm and the chunks of the kinds it shows (none for
// the badge's pills, which are in the main module; its card is its chunk, its spread and network
// view parts with chunks of their own);
// the single bundle (COP_SINGLE_BUNDLE) has no chunks. The issue's table has no row for a
// badge card or a community's spread: they are held to the pills' budget.
const KB = 1000;
const widgets = [loader, glue, wasm];
const page = (...kinds) => [...widgets, ...new Set(kinds.flatMap(chunk)), ...catalogs(kinds)];
const PAGES = [
  { page: "nothing yet (the loader alone)", files: [loader], budget: 2 * KB },
  { page: "participation pills only", files: page(), budget: 100 * KB },
  { page: "a badge card", files: page("participation-badge"), budget: 100 * KB },
  // The community's spread and the network view are parts with a chunk of their own
  // (participation-badge--community, --network), as the month grid: the loader starts it
  // instead of the card's (its PARTS).
  { page: "a community's spread", files: page("participation-badge--community"), budget: 100 * KB },
  { page: "the network view", files: page("participation-badge--network"), budget: 100 * KB },
  { page: "the value-story form only", files: page("value-story"), budget: 105 * KB },
  { page: "pills and the form", files: page("value-story"), budget: 140 * KB },
  { page: "the video carousel only", files: page("video-carousel"), budget: 105 * KB },
  { page: "the rhythm calendar only", files: page("rhythm-calendar"), budget: 110 * KB },
  { page: "the rhythm calendar's month grid", files: page("rhythm-calendar--month"), budget: 110 * KB },
  { page: "every kind there is", files: [...new Set([...page(...Object.keys(PART)), ...chunkFiles])], budget: 140 * KB },
];
// A kind's chunks (its own and its share of shared ones) are its own code on top of the platform.
const CHUNK_BUDGET = 25 * KB;
const pages = PAGES.map(({ page, files: parts, budget }) => ({
  page,
  budget,
  gzip: parts.reduce((sum, f) => sum + f.gzip, 0),
  brotli: parts.reduce((sum, f) => sum + f.brotli, 0),
  files: parts.map((f) => f.name).filter(Boolean),
}));
const sri = "sha384-" + createHash("sha384").update(readFileSync(new URL("cop-widgets.js", dir))).digest("base64");

const pad = (s, n) => String(s).padStart(n);
const lines = [
  `${"the page shows".padEnd(34)}${pad("gzip", 9)}${pad("brotli", 9)}${pad("budget", 9)}`,
  ...pages.map((p) => `${p.page.padEnd(34)}${pad(p.gzip, 9)}${pad(p.brotli, 9)}${pad(p.budget, 9)}${p.gzip > p.budget ? `  over by ${p.gzip - p.budget}` : ""}`),
  "",
  chunks.length ? `${"a kind's chunks".padEnd(34)}${pad("gzip", 9)}${pad("brotli", 9)}${pad("budget", 9)}` : "one bundle: no chunks (COP_SINGLE_BUNDLE)",
  ...chunks.map((c) => `${c.kind.padEnd(34)}${pad(c.gzip, 9)}${pad(c.brotli, 9)}${pad(CHUNK_BUDGET, 9)}${c.gzip > CHUNK_BUDGET ? `  over by ${c.gzip - CHUNK_BUDGET}` : ""}`),
  "",
  `${"file".padEnd(40)}${pad("raw bytes", 12)}${pad("gzip bytes", 12)}${pad("brotli", 9)}`,
  ...files.map((f) => `${f.name.padEnd(40)}${pad(f.raw, 12)}${pad(f.gzip, 12)}${pad(f.brotli, 9)}`),
  "",
  `cop-widgets.js integrity: ${sri}`,
];
const text = lines.join("\n") + "\n";
process.stdout.write(text);
writeFileSync(new URL("size-report.txt", dir), text);
writeFileSync(new URL("size-report.json", dir), JSON.stringify({ files, pages, chunks: chunks.map(({ name, kind, files, gzip, brotli }) => ({ name, kind, files, gzip, brotli })), chunkBudget: CHUNK_BUDGET, sri }, null, 2) + "\n");
