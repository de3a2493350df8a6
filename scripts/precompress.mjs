// Writes a brotli and a gzip copy beside each file of the bundle (`.br`, `.gz`; see
// scripts/compress.mjs for how), once at build time: the server sends them as they are
// (tower-http's `ServeDir::precompressed_br/gzip`) instead of compressing the wasm on every
// request, and scripts/size-report.mjs and tests/size.test.mjs count their bytes.
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { brotli, gzip } from "./compress.mjs";

const dir = new URL(`../${process.argv[2] || "pkg"}/`, import.meta.url);
for (const name of readdirSync(dir).filter((n) => /\.(js|wasm|json)$/.test(n) && n !== "size-report.json")) {
  const bytes = readFileSync(new URL(name, dir));
  writeFileSync(new URL(`${name}.br`, dir), brotli(bytes));
  writeFileSync(new URL(`${name}.gz`, dir), await gzip(bytes));
}
