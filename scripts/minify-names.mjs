// Gives the wasm's imports and exports one- or two-letter names, in the wasm and in the glue:
//   node scripts/minify-names.mjs pkg/cop_widgets_bg.wasm pkg/cop_widgets.js
// wasm-bindgen names each import after its method plus a 16-digit hash, and both files carry
// every name; random hex is what gzip cannot shrink (about 2.9 KB of the gzipped wasm).
// binaryen renames and prints the mapping; this script applies it to the glue and refuses to
// write anything if a name is left over, so a wasm-bindgen update that changes the glue's
// shape fails the build instead of shipping a glue that cannot instantiate its wasm.
import { execFileSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";

const [wasmFile, glueFile] = process.argv.slice(2);
const FEATURES = ["--enable-bulk-memory", "--enable-nontrapping-float-to-int", "--enable-sign-ext",
  "--enable-mutable-globals", "--enable-reference-types", "--enable-multivalue"];
const printed = execFileSync("node_modules/.bin/wasm-opt",
  ["--minify-imports-and-exports-and-modules", ...FEATURES, ...(process.env.COP_NAMES ? ["--debuginfo"] : []),
    wasmFile, "-o", wasmFile], { encoding: "utf8" });
const mapping = JSON.parse(printed);

const fail = (why) => { console.error(`minify-names: ${why}`); process.exit(1); };
const escape = (text) => text.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&");
let glue = readFileSync(glueFile, "utf8");

// Imports: wasm-bindgen's own are keys of the object literal `import0`; those of a JavaScript
// snippet are read from its namespace object. binaryen puts all of them in one module, so the
// snippet's functions join `import0` under their new names.
const renamedModules = new Set(WebAssembly.Module.imports(new WebAssembly.Module(readFileSync(wasmFile)))
  .map(({ module }) => module));
if (renamedModules.size !== 1) fail(`expected one import module after renaming, found ${[...renamedModules]}`);
const [renamedModule] = renamedModules;
const OWN = "./cop_widgets_bg.js";
const snippetEntries = [];
for (const [module, name, renamed] of mapping.imports) {
  if (module === OWN) {
    const key = new RegExp(`(?<=[\\s{,])${escape(name)}(?=\\s*:)`, "g");
    const found = glue.match(key)?.length ?? 0;
    if (found !== 1) fail(`import ${name} appears ${found} times as a key in the glue`);
    glue = glue.replace(key, JSON.stringify(renamed));
    continue;
  }
  const entry = new RegExp(`\\s*${escape(JSON.stringify(module))}: (\\w+),?`);
  const namespace = glue.match(entry)?.[1];
  if (!namespace) fail(`the glue does not hand over the module ${module}`);
  snippetEntries.push(`${JSON.stringify(renamed)}: ${namespace}.${name},`);
}
for (const [module] of mapping.imports) {
  if (module !== OWN) glue = glue.replace(new RegExp(`\\s*${escape(JSON.stringify(module))}: (\\w+),?`), "");
}
const OBJECT = "const import0 = {\n        __proto__: null,";
if (glue.split(OBJECT).length !== 2) fail("the glue's import object has changed shape");
glue = glue.replace(OBJECT, `${OBJECT}\n${snippetEntries.join("\n")}`);
const moduleKey = JSON.stringify(OWN);
if (glue.split(moduleKey).length !== 2) fail(`the import module ${moduleKey} is not named once in the glue`);
glue = glue.replace(moduleKey, JSON.stringify(renamedModule));

// Exports: the glue reads them as properties of `wasm` only.
const exported = new Map(mapping.exports);
glue = glue.replace(/\bwasm\.([A-Za-z_$][\w$]*)/g, (whole, name) => {
  if (!exported.has(name)) fail(`the glue reads wasm.${name}, which the wasm does not export`);
  return `wasm[${JSON.stringify(exported.get(name))}]`;
});
const leftover = mapping.imports.filter(([module, name]) => module === OWN && glue.includes(name)).map(([, name]) => name);
if (leftover.length) fail(`names left in the glue: ${leftover.join(", ")}`);
writeFileSync(glueFile, glue);
console.log(`minify-names: ${mapping.imports.length} imports and ${exported.size} exports renamed`);
