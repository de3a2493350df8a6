// Where the wasm's bytes go: sums function body sizes by crate (from the name section) and
// prints the largest crates and functions. Run on a wasm that still has its names, e.g.
//   node scripts/wasm-breakdown.mjs target/wasm32-unknown-unknown/release/cop_widgets.wasm
// Sizes are raw bytes before wasm-opt: read them as proportions, not as the shipped size.
import { readFileSync } from 'node:fs';

const bytes = readFileSync(process.argv[2]);
let pos = 8;
const leb = () => {
  let result = 0, shift = 0, byte;
  do { byte = bytes[pos++]; result += (byte & 0x7f) * 2 ** shift; shift += 7; } while (byte & 0x80);
  return result;
};
let importedFunctions = 0;
const bodies = [];
const names = new Map();
let dataBytes = 0;
while (pos < bytes.length) {
  const id = bytes[pos++];
  const size = leb();
  const end = pos + size;
  if (id === 2) { // imports: function imports shift the function index space
    for (let n = leb(); n > 0; n--) {
      pos += leb(); pos += leb();
      const kind = bytes[pos++];
      if (kind === 0) { leb(); importedFunctions++; }
      else if (kind === 1) { pos++; const flags = leb(); leb(); if (flags & 1) leb(); }
      else if (kind === 2) { const flags = leb(); leb(); if (flags & 1) leb(); }
      else if (kind === 3) { pos += 2; }
    }
  } else if (id === 10) {
    for (let n = leb(), i = 0; i < n; i++) { const s = leb(); bodies.push(s); pos += s; }
  } else if (id === 11) {
    dataBytes = size;
  } else if (id === 0) {
    const nameLength = leb();
    const name = bytes.subarray(pos, pos + nameLength).toString();
    pos += nameLength;
    if (name === 'name') {
      while (pos < end) {
        const sub = bytes[pos++];
        const subSize = leb();
        const subEnd = pos + subSize;
        if (sub === 1) {
          for (let n = leb(); n > 0; n--) {
            const index = leb();
            const l = leb();
            names.set(index, bytes.subarray(pos, pos + l).toString());
            pos += l;
          }
        }
        pos = subEnd;
      }
    }
  }
  pos = end;
}

const crateOf = (name) => {
  // Legacy mangling: _ZN<len><ident>...; take the first path segment, and for impls the type's crate.
  const idents = [];
  let i = name.indexOf('_ZN');
  if (i < 0) return name.startsWith('__') ? 'runtime' : name.split('::')[0];
  i += 3;
  while (/[0-9]/.test(name[i])) {
    let digits = '';
    while (/[0-9]/.test(name[i])) digits += name[i++];
    idents.push(name.slice(i, i + Number(digits)));
    i += Number(digits);
  }
  let first = idents[0] || '?';
  if (first.startsWith('_$LT$')) first = first.slice(5).split(/\.\.|\$/)[0];
  return first;
};

const byCrate = new Map();
const functions = [];
bodies.forEach((size, i) => {
  const name = names.get(i + importedFunctions) || `#${i}`;
  const crate = crateOf(name);
  byCrate.set(crate, (byCrate.get(crate) || 0) + size);
  functions.push([size, name]);
});
const total = bodies.reduce((a, b) => a + b, 0);
console.log(`code ${total} bytes in ${bodies.length} functions; data ${dataBytes} bytes`);
for (const [crate, size] of [...byCrate].sort((a, b) => b[1] - a[1]).slice(0, 30)) {
  console.log(`${String(size).padStart(8)}  ${(100 * size / total).toFixed(1).padStart(5)}%  ${crate}`);
}
console.log('\nlargest functions:');
for (const [size, name] of functions.sort((a, b) => b[0] - a[0]).slice(0, Number(process.argv[3] || 40))) {
  console.log(`${String(size).padStart(8)}  ${name.slice(0, 150)}`);
}
