// The size budget, asserted on the built files' bytes (gzip level 9, node's zlib): a page
// downloads the loader, and the glue and wasm once it has a placeholder.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { gzipSync } from "node:zlib";

// The glue and the wasm carry a content hash in their names (scripts/build.sh).
const named = (pattern) => readdirSync(new URL("../pkg/", import.meta.url)).find((name) => pattern.test(name));
const GLUE = named(/^cop_widgets-[0-9a-f]{16}\.js$/);
const WASM = named(/^cop_widgets_bg-[0-9a-f]{16}\.wasm$/);
const gzipped = (name) => gzipSync(readFileSync(new URL(`../pkg/${name}`, import.meta.url)), { level: 9 }).length;
const KB = 1000;

test("the loader is at most 2 KB gzipped", () => {
  const loader = gzipped("cop-widgets.js");
  assert.ok(loader <= 2 * KB, `cop-widgets.js is ${loader} bytes gzipped`);
});

// A page in German, Spanish, Portuguese or French also fetches that language's catalog
// (English is inside the wasm): the budget counts the largest one, so it holds in any language.
const CATALOGS = readdirSync(new URL("../pkg/", import.meta.url)).filter((name) => /^cop_i18n_[a-z]{2}-[0-9a-f]{16}\.json$/.test(name));

test("every translated catalog is built, named by content", () => {
  assert.deepEqual(CATALOGS.map((name) => name.slice(9, 11)).sort(), ["de", "es", "fr", "pt"]);
});

test("loader, glue, wasm and the largest catalog together are at most 100 KB gzipped", () => {
  assert.ok(GLUE && WASM, "the build names the glue and wasm by content");
  const catalog = CATALOGS.map((name) => [name, gzipped(name)]).sort((a, b) => b[1] - a[1])[0];
  const parts = [...["cop-widgets.js", GLUE, WASM].map((name) => [name, gzipped(name)]), catalog];
  const total = parts.reduce((sum, [, bytes]) => sum + bytes, 0);
  assert.ok(total <= 100 * KB, `total ${total} bytes gzipped: ${parts.map(([n, b]) => `${n} ${b}`).join(", ")}`);
});

test("the size report printed by the build matches the files", () => {
  const report = JSON.parse(readFileSync(new URL("../pkg/size-report.json", import.meta.url), "utf8"));
  for (const file of report.files) assert.equal(file.gzip, gzipped(file.name), file.name);
  assert.match(report.sri, /^sha384-[A-Za-z0-9+/]+=*$/);
});
