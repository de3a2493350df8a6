// Prints the size of each file in pkg/ (raw and gzipped) and the SRI hash of the loader,
// and writes the same to pkg/size-report.txt and pkg/size-report.json.
import { createHash } from "node:crypto";
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { gzipSync } from "node:zlib";

const dir = new URL("../pkg/", import.meta.url);
const files = readdirSync(dir)
  .filter((name) => /\.(js|wasm)$/.test(name) || /^cop_i18n_.*\.json$/.test(name))
  .sort()
  .map((name) => {
    const bytes = readFileSync(new URL(name, dir));
    return { name, raw: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length };
  });
// What a page downloads: the loader, glue and wasm, and at most one catalog (English is in
// the wasm); the largest catalog is counted.
const catalogs = files.filter((f) => f.name.endsWith(".json"));
const largest = catalogs.reduce((a, b) => (b.gzip > a.gzip ? b : a), { raw: 0, gzip: 0 });
const total = files
  .filter((f) => !f.name.endsWith(".json"))
  .concat([largest])
  .reduce((sum, f) => ({ raw: sum.raw + f.raw, gzip: sum.gzip + f.gzip }), { raw: 0, gzip: 0 });
const loader = readFileSync(new URL("cop-widgets.js", dir));
const sri = "sha384-" + createHash("sha384").update(loader).digest("base64");

const pad = (s, n) => String(s).padStart(n);
const lines = [
  `${"file".padEnd(40)}${pad("raw bytes", 12)}${pad("gzip bytes", 12)}`,
  ...files.map((f) => `${f.name.padEnd(40)}${pad(f.raw, 12)}${pad(f.gzip, 12)}`),
  `${"total (with the largest catalog)".padEnd(40)}${pad(total.raw, 12)}${pad(total.gzip, 12)}`,
  "",
  `cop-widgets.js integrity: ${sri}`,
];
const text = lines.join("\n") + "\n";
process.stdout.write(text);
writeFileSync(new URL("size-report.txt", dir), text);
writeFileSync(new URL("size-report.json", dir), JSON.stringify({ files, total, sri }, null, 2) + "\n");
