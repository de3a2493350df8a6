// The byte budgets, per page: what a page downloads (gzip level 9, node's zlib; 1 KB = 1,000
// bytes), asserted on the built files. A page downloads the loader, and the glue, the wasm and
// at most one message catalog once it has a placeholder.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { gzipSync } from "node:zlib";

const PKG = new URL("../pkg/", import.meta.url);
// The glue and the wasm carry a content hash in their names (scripts/build.sh).
const named = (pattern) => readdirSync(PKG).find((name) => pattern.test(name));
const GLUE = named(/^cop_widgets-[0-9a-f]{16}\.js$/);
const WASM = named(/^cop_widgets_bg-[0-9a-f]{16}\.wasm$/);
const gzipped = (name) => gzipSync(readFileSync(new URL(name, PKG)), { level: 9 }).length;
const KB = 1000;

// A page in German, Spanish, Portuguese or French also fetches that language's catalog
// (English is inside the wasm): budgets count the largest one, so they hold in any language.
const CATALOGS = readdirSync(PKG).filter((name) => /^cop_i18n_[a-z]{2}-[0-9a-f]{16}\.json$/.test(name));
const largestCatalog = () => Math.max(...CATALOGS.map(gzipped));
/** Loader, glue, wasm and the largest catalog: what any page with a placeholder downloads. */
const widgetPage = () => ["cop-widgets.js", GLUE, WASM].reduce((sum, name) => sum + gzipped(name), largestCatalog());

test("every translated catalog is built, named by content", () => {
  assert.deepEqual(CATALOGS.map((name) => name.slice(9, 11)).sort(), ["de", "es", "fr", "pt"]);
  assert.ok(GLUE && WASM, "the build names the glue and wasm by content");
});

test("a page with no placeholder yet downloads at most 2 KB: the loader", () => {
  const loader = gzipped("cop-widgets.js");
  assert.ok(loader <= 2 * KB, `cop-widgets.js is ${loader} bytes gzipped`);
});

test("a page with the value-story form downloads at most 105 KB", () => {
  const total = widgetPage();
  assert.ok(total <= 105 * KB, `${total} bytes gzipped`);
});

// One bundle serves every kind until each kind is its own chunk (issue 12): a pills-only page
// downloads the form's code too, so it is held to the form page's 105 KB, not yet to its own
// 100 KB (size-report.txt prints it against 100 KB).
test("a page of participation pills downloads at most 105 KB (one bundle: the form's code included)", () => {
  const total = widgetPage();
  assert.ok(total <= 105 * KB, `${total} bytes gzipped`);
});

test("a page with every kind there is downloads at most 140 KB", () => {
  const total = widgetPage();
  assert.ok(total <= 140 * KB, `${total} bytes gzipped`);
});

test("the size report printed by the build matches the files", () => {
  const report = JSON.parse(readFileSync(new URL("size-report.json", PKG), "utf8"));
  for (const file of report.files) assert.equal(file.gzip, gzipped(file.name), file.name);
  assert.deepEqual(report.pages.map((p) => p.page), [
    "nothing yet (the loader alone)", "participation pills only", "the value-story form only", "pills and the form",
  ]);
  assert.equal(report.pages[0].gzip, gzipped("cop-widgets.js"));
  for (const page of report.pages.slice(1)) assert.equal(page.gzip, widgetPage(), page.page);
  assert.match(report.sri, /^sha384-[A-Za-z0-9+/]+=*$/);
});
