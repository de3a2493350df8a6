// Drops the JS classes wasm-bindgen exports for a dependency that no widget uses, and their
// functions from the wasm's exports, so that wasm-opt then removes their code:
//
//   node scripts/drop-exports.mjs pkg/cop_widgets.js pkg/cop_widgets_bg.wasm
//
// Leptos depends on server_fn unconditionally, and server_fn on wasm-streams, whose
// `IntoUnderlyingSource`, `IntoUnderlyingByteSource` and `IntoUnderlyingSink` are
// `#[wasm_bindgen]` exports: the linker keeps every export, so their code (and the glue's
// three classes) was in every page's main module although a client-side widget never streams a
// server function's body. Run after wasm-bindgen, before wasm-opt.
//
// Loud on any surprise: a class that is not there (a dependency bump may drop or rename
// them: then delete this step), or a name still used by the glue afterwards, stops the build.
import { readFileSync, writeFileSync } from "node:fs";

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

// --- the wasm's export section (id 7) -----------------------------------------------------
const bytes = readFileSync(wasm);
const leb = (at) => {
  let value = 0, shift = 0, byte;
  do {
    byte = bytes[at++];
    value += (byte & 0x7f) * 2 ** shift;
    shift += 7;
  } while (byte & 0x80);
  return [value, at];
};
const encode = (value) => {
  const out = [];
  do {
    let byte = value % 128;
    value = Math.floor(value / 128);
    if (value) byte |= 0x80;
    out.push(byte);
  } while (value);
  return Buffer.from(out);
};
const parts = [bytes.subarray(0, 8)];
let at = 8, dropped = [];
while (at < bytes.length) {
  const start = at, id = bytes[at];
  const [size, body] = leb(at + 1);
  const end = body + size;
  if (id !== 7) {
    parts.push(bytes.subarray(start, end));
  } else {
    let [count, p] = leb(body);
    const kept = [];
    for (let i = 0; i < count; i++) {
      const entry = p;
      const [length, name] = leb(p);
      const field = bytes.subarray(name, name + length).toString("utf8");
      [, p] = leb(name + length + 1); // the kind byte, then the index
      if (exported(field)) dropped.push(field);
      else kept.push(bytes.subarray(entry, p));
    }
    const section = Buffer.concat([encode(kept.length), ...kept]);
    parts.push(Buffer.from([7]), encode(section.length), section);
  }
  at = end;
}
if (!dropped.length) throw new Error(`drop-exports: ${wasm} exports none of ${CLASSES.join(", ")}'s functions`);
writeFileSync(wasm, Buffer.concat(parts));
console.log(`drop-exports: ${CLASSES.join(", ")} out of the glue; ${dropped.length} exports out of ${wasm}`);
