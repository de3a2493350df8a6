// Drops the JS classes wasm-bindgen writes for a dependency that no widget uses, and checks that
// the wasm exports none of their functions (scripts/wasm-ld.sh kept the linker from it):
//
//   node scripts/drop-exports.mjs pkg/cop_widgets.js pkg/cop_widgets_bg.wasm
//
// Leptos depends on server_fn unconditionally, and server_fn on wasm-streams, whose
// `IntoUnderlyingSource`, `IntoUnderlyingByteSource` and `IntoUnderlyingSink` are
// `#[wasm_bindgen]` exports: the linker keeps every export, so their code (and the glue's
// three classes) was in every page's main module although a client-side widget never streams a
// server function's body. wasm-bindgen still writes the classes (from their descriptions),
// without the functions they call. Run after wasm-bindgen.
//
// Loud on any surprise: a class that is not there (a dependency bump may drop or rename
// them: then delete this step), or a name still used by the glue afterwards, stops the build.
import { readFileSync, writeFileSync } from "node:fs";
import { reader, sections } from "./wasm-read.mjs";

const CLASSES = ["IntoUnderlyingByteSource", "IntoUnderlyingSink", "IntoUnderlyingSource"];
const [glue, wasm] = process.argv.slice(2);
if (!glue || !wasm) throw new Error("usage: drop-exports.mjs <glue.js> <module.wasm>");

// --- the glue -----------------------------------------------------------------------------
let js = readFileSync(glue, "utf8");
const cut = (pattern, what) => {
  const before = js;
  js = js.replace(pattern, "");
  if (js === before) throw new Error(`drop-exports: ${what} not found in ${glue}`);
};
for (const name of CLASSES) {
  // `export class X { … }` up to its `if (Symbol.dispose) X.prototype[…] = …;` line.
  cut(new RegExp(`export class ${name} \\{[\\s\\S]*?\\nif \\(Symbol\\.dispose\\) ${name}\\.prototype\\[Symbol\\.dispose\\] = ${name}\\.prototype\\.free;\\n`), `class ${name}`);
  cut(new RegExp(`const ${name}Finalization = [\\s\\S]*?\\);\\n`), `${name}Finalization`);
}
const prefixes = CLASSES.map((name) => name.toLowerCase());
const exported = (field) => prefixes.some((p) => field.startsWith(p) || field.startsWith(`__wbg_${p}`));
const left = [...js.matchAll(/wasm\.(\w+)/g)].map((m) => m[1]).filter(exported);
if (left.length || CLASSES.some((name) => js.includes(name))) {
  throw new Error(`drop-exports: the glue still uses ${left.join(", ") || CLASSES.join(", ")}`);
}
writeFileSync(glue, js);

// --- the wasm: a check ----------------------------------------------------------------------
// The classes' functions are not exported: scripts/wasm-ld.sh kept the linker from exporting
// them, so that it dropped their code (removing the exports after linking, as this script once
// did, left the closures they box behind in the table). Stops the build if one is exported.
const bytes = readFileSync(wasm);
for (const section of sections(bytes).filter((section) => section.id === 7)) {
  const cursor = reader(bytes, section.body);
  for (let count = cursor.u32(); count > 0; count--) {
    const field = cursor.name();
    cursor.pos++; // the kind
    cursor.u32(); // the index
    if (exported(field)) {
      throw new Error(`drop-exports: ${wasm} exports ${field}: was it linked by scripts/wasm-ld.sh?`);
    }
  }
}
console.log(`drop-exports: ${CLASSES.join(", ")} out of the glue; none of their functions in ${wasm}`);
