// Removes wasm exports that no widget can call, so wasm-opt can drop their code, and their
// classes from the glue. In place, between wasm-bindgen and wasm-opt:
//   node scripts/strip-exports.mjs pkg/cop_widgets_bg.wasm pkg/cop_widgets.js
// Leptos depends on server_fn, which links wasm-streams; its `#[wasm_bindgen]` classes
// (IntoUnderlyingSource, …Sink, …ByteSource) are exports, and exports are kept whatever the
// code uses. A client-only widget library never streams to a server function: removing them
// saves about 1.6 KB of wasm and 0.5 KB of glue, gzipped.
import { readFileSync, writeFileSync } from "node:fs";

const UNUSED = /^(__wbg_)?intounderlying(source|sink|bytesource)_/;
const [wasmFile, glueFile] = process.argv.slice(2);
const bytes = readFileSync(wasmFile);

function readLeb(at) {
  let value = 0, shift = 0, byte, pos = at;
  do { byte = bytes[pos++]; value += (byte & 0x7f) * 2 ** shift; shift += 7; } while (byte & 0x80);
  return [value, pos];
}
function leb(value) {
  const out = [];
  do { let byte = value & 0x7f; value = Math.floor(value / 128); if (value) byte |= 0x80; out.push(byte); } while (value);
  return Buffer.from(out);
}

const parts = [bytes.subarray(0, 8)];
let pos = 8, removed = 0;
while (pos < bytes.length) {
  const start = pos;
  const id = bytes[pos++];
  const [size, bodyStart] = readLeb(pos);
  const end = bodyStart + size;
  if (id !== 7) {
    parts.push(bytes.subarray(start, end));
  } else {
    let [count, at] = readLeb(bodyStart);
    const kept = [];
    for (let i = 0; i < count; i++) {
      const entryStart = at;
      const [length, nameStart] = readLeb(at);
      const name = bytes.subarray(nameStart, nameStart + length).toString();
      at = nameStart + length + 1; // kind byte
      [, at] = readLeb(at); // index
      if (UNUSED.test(name)) removed++;
      else kept.push(bytes.subarray(entryStart, at));
    }
    const body = Buffer.concat([leb(kept.length), ...kept]);
    parts.push(Buffer.from([7]), leb(body.length), body);
  }
  pos = end;
}
writeFileSync(wasmFile, Buffer.concat(parts));

// The glue's classes for them, and their finalization registries.
let glue = readFileSync(glueFile, "utf8");
const before = glue.length;
glue = glue
  .replace(/export class IntoUnderlying\w+ \{[\s\S]*?\n\}\n(if \(Symbol\.dispose\) IntoUnderlying\w+\.prototype\[Symbol\.dispose\] = IntoUnderlying\w+\.prototype\.free;\n)?/g, "")
  .replace(/const IntoUnderlying\w+Finalization = [^;]*;\n/g, "");
writeFileSync(glueFile, glue);
const classesLeft = (glue.match(/IntoUnderlying/g) || []).length;
// Leptos may stop linking them one day, or wasm-bindgen may write them differently: say so.
if (removed === 0 || classesLeft > 0) {
  console.warn(`strip-exports: ${removed} exports removed, ${classesLeft} mentions left in the glue; check this step`);
}
console.log(`strip-exports: removed ${removed} unused exports and ${before - glue.length} bytes of glue`);
