// Writes a brotli (quality 11) and a gzip (level 9) copy beside each file of the bundle
// (`.br`, `.gz`), once at build time: the server sends them as they are (tower-http's
// `ServeDir::precompressed_br/gzip`) instead of compressing the wasm on every request.
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { brotliCompressSync, constants, gzipSync } from "node:zlib";

const dir = new URL(`../${process.argv[2] || "pkg"}/`, import.meta.url);
for (const name of readdirSync(dir).filter((n) => /\.(js|wasm|json)$/.test(n) && n !== "size-report.json")) {
  const bytes = readFileSync(new URL(name, dir));
  writeFileSync(new URL(`${name}.br`, dir), brotliCompressSync(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }));
  writeFileSync(new URL(`${name}.gz`, dir), gzipSync(bytes, { level: 9 }));
}
