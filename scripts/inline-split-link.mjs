// Puts the link module wasm-split-cli writes (`__wasm_split.js`: the chunk loaders the main
// wasm imports) into the glue, the way inline-snippets.mjs does snippets:
//   node scripts/inline-split-link.mjs pkg/cop_widgets.js pkg/split/__wasm_split.js
// Why: the link module imports `initSync` from the glue and the glue imports the link module;
// with content-hashed names that cycle cannot be named, and a separate file is one request
// more. Inside the glue:
// - `initSync(undefined, undefined)` (the main module's exports) becomes the glue's `wasm`,
//   and the exports the chunks import are read as `wasm.NAME`, so that minify-names.mjs
//   renames them with the rest (the chunks keep importing them under their long names);
// - a chunk's download is the one the loader started, if it did (`chunks(early)`, exported
//   by the glue: the loader's object of downloads by file name, to which it keeps adding as
//   placeholders appear), so a page's chunks download in parallel with the main module.
// The splitter's JavaScript is matched piece by piece: any change of its shape fails the
// build here rather than shipping a glue that cannot load its chunks.
import { readFileSync, writeFileSync } from "node:fs";
import { reader, sections, uleb } from "./wasm-read.mjs";

const [glueFile, linkFile] = process.argv.slice(2);
const fail = (why) => { console.error(`inline-split-link: ${why} (wasm-split-cli's output changed shape?)`); process.exit(1); };
let glue = readFileSync(glueFile, "utf8");
let link = readFileSync(linkFile, "utf8");

const IMPORT = /^import \{ initSync \} from "[^"]+";\n/m;
if (!IMPORT.test(link)) fail("the link module no longer imports initSync");
link = link.replace(IMPORT, "");
const SHARED = /const \{ ([^}]*) \} = initSync\(undefined, undefined\);\n\s*Object\.assign\(sharedImports\.__wasm_split, \{ [^}]* \}\);/;
const shared = link.match(SHARED);
if (!shared) fail("the link module's shared imports have changed");
const names = shared[1].split(",").map((name) => name.trim()).filter(Boolean);
for (const needed of ["memory", "__indirect_function_table"]) {
  if (!names.includes(needed)) fail(`the chunks no longer import ${needed}`);
}
// What the chunks import from the main module, under short names (module `s`: `m` the memory,
// `t` the table, `g0`… the globals), in the glue's object and in each chunk's import section
// alike (`shorten` below): the splitter's `__wasm_split` / `__indirect_function_table` /
// `__wasm_split_shared0` cost each chunk file about 100 bytes, 60–90 gzipped, and a page
// fetches 3 to 18 of them.
const SHORT = Object.fromEntries(names.map((name, i) =>
  [name, name === "memory" ? "m" : name === "__indirect_function_table" ? "t" : `g${i}`]));
const NEW_SHARED = /sharedImports = \{ __wasm_split: \{\s*\} \};/;
if (!NEW_SHARED.test(link)) fail("the link module no longer makes its shared imports as { __wasm_split: {} }");
link = link.replace(NEW_SHARED, "sharedImports = { s: {} };");
link = link.replace(SHARED, `Object.assign(sharedImports.s, { ${names.map((n) => `${SHORT[n]}: wasm.${n}`).join(", ")} });`);
if (!/instantiateStreaming\(src, imports\)/.test(link)) fail("the chunks are no longer instantiated from their fetch");
const REPORT = /\.__wasm_split\.__indirect_function_table\.get\(callbackIndex\)\(callbackData, success\)/;
if (!REPORT.test(link)) fail("the loaders no longer report back through the table");
link = link.replace(REPORT, ".s.t.get(callbackIndex)(callbackData, success)");
if (/__wasm_split\b|[^.]__indirect_function_table/.test(link)) fail("the link module names the shared imports in a way this script does not know");
const FETCH = /fetch\(new URL\("\.\/([\w.-]+\.wasm)", import\.meta\.url\)\)/g;
const files = [...link.matchAll(FETCH)].map((m) => m[1]);
if (!files.length) fail("the link module no longer fetches its chunks with fetch(new URL(…))");
for (const file of files) shorten(new URL(file, new URL(linkFile, `file://${process.cwd()}/`)));
// Code that two or more kinds' chunks use, and the main module does not, is a shared chunk
// (`chunk_<n>.wasm`), loaded before those kinds' own: the splitter names its users in a
// comment. They are written to deps.json beside the link module, for the build's manifest.
const SHARED_CHUNK = /\/\* ([\w, ]+) \*\/\nconst __chunk_\d+ = makeLoad\(\(\) => \{\n\s*const src = fetch\(new URL\("\.\/(chunk_\d+\.wasm)"/g;
const sharedChunks = Object.fromEntries([...link.matchAll(SHARED_CHUNK)]
  .map((m) => [m[2], m[1].split(",").map((split) => split.trim().replace(/_/g, "-"))]));
link = link.replace(FETCH, (_, file) => `__chunkFetch("${file}")`);
const exported = [...link.matchAll(/^export const (\w+)/gm)].map((m) => m[1]);
const own = files.filter((file) => !(file in sharedChunks));
if (exported.length !== own.length || !exported.every((name) => name.startsWith("__wasm_split_load_"))) {
  fail(`expected one __wasm_split_load_* export per kind's chunk, found ${exported} for ${own}`);
}
if (!files.every((file) => file in sharedChunks || /^split_\w+\.wasm$/.test(file))) {
  fail(`chunks the build does not know: ${files}`);
}
writeFileSync(new URL("deps.json", new URL(linkFile, `file://${process.cwd()}/`)), JSON.stringify(sharedChunks) + "\n");
link = link.replace(/^export const /gm, "const ");
if (/^(import|export)\b/m.test(link)) fail("the link module has imports or exports this script does not know");

// The glue imports the link module as a namespace (wasm-bindgen's raw import).
// One namespace import per split point's loader (wasm-bindgen names them apart): all are it.
const NS = /^import \* as (\w+) from ['"]\.\/__wasm_split\.js['"];?$/gm;
if (!NS.test(glue)) fail("the glue does not import ./__wasm_split.js as a namespace");
glue = glue.replace(NS, (_, namespace) => `const ${namespace} = __wasm_split_link;`);
if (/from ['"]\.\/__wasm_split\.js['"]/.test(glue)) fail("the glue imports ./__wasm_split.js in a way this script does not know");
if (!/^let (?:[\w$]+, )*wasm[,;]/m.test(glue) || !/^\s*wasm = instance\.exports;$/m.test(glue)) fail("the glue has no `let wasm;` for the chunks' shared imports");
const scope = `let __early = {};
/** A chunk's download: the loader's, if it started one. Taken once (marked 1, so that the
 * loader starts no other for later placeholders): a retry downloads again. */
function __chunkFetch(file) {
    const early = __early[file];
    __early[file] = 1;
    return early && early !== 1 ? early : fetch(new URL(file, import.meta.url));
}
/** The loader's downloads of chunks (promises of their Response) by file name; it keeps
 * adding to the same object as placeholders appear. */
export function chunks(early) {
    __early = early;
    for (const [file, users] of __deps) {
        if (users.some((own) => own in early) && !(file in early)) (early[file] = fetch(new URL(file, import.meta.url))).catch(() => {});
    }
}
/** Each shared chunk and the kinds' own chunks that need it: the glue starts a shared chunk's
 * download as it arrives if the loader has started one of theirs (so they do not wait for the
 * main module to ask). */
const __deps = ${JSON.stringify(Object.entries(sharedChunks).map(([file, users]) => [file, users.map((user) => `split_${user.replace(/-/g, "_")}.wasm`)]))};
const __wasm_split_link = (() => {
${link}
return { ${exported.join(", ")} };
})();
`;
writeFileSync(glueFile, scope + glue);
console.log(`inline-split-link: ${exported.join(", ")} put into ${glueFile} (chunks ${files.join(", ")}; shared exports ${names.join(", ")})`);

/** Rewrites a chunk's import section: every `__wasm_split` import under its short name
 * (`SHORT`); fails on any other import, or a shared one the glue does not give. */
function shorten(url) {
  const bytes = readFileSync(url);
  const name = (text) => Buffer.concat([uleb(Buffer.byteLength(text)), Buffer.from(text)]);
  const parts = [bytes.subarray(0, 8)];
  let renamed = 0;
  for (const section of sections(bytes)) {
    if (section.id !== 2) {
      parts.push(bytes.subarray(section.start, section.end));
      continue;
    }
    const cursor = reader(bytes, section.body);
    const entries = [];
    for (let n = cursor.u32(); n > 0; n--) {
      const module = cursor.name(), field = cursor.name();
      const desc = cursor.pos, kind = bytes[cursor.pos++];
      if (kind === 0) cursor.u32();
      else if (kind === 1 || kind === 2) {
        if (kind === 1) cursor.pos++; // a table's element type
        const flags = cursor.u32();
        cursor.u32(); // the minimum
        if (flags & 1) cursor.u32(); // the maximum
      }
      else if (kind === 3) cursor.pos += 2;
      else fail(`${url.pathname} imports a kind ${kind}`);
      if (module !== "__wasm_split" || !(field in SHORT)) fail(`${url.pathname} imports ${module}.${field}, which the glue does not give`);
      entries.push(Buffer.concat([name("s"), name(SHORT[field]), bytes.subarray(desc, cursor.pos)]));
      renamed++;
    }
    if (cursor.pos !== section.end) fail(`${url.pathname}'s import section does not read as imports`);
    const body = Buffer.concat([uleb(entries.length), ...entries]);
    parts.push(Buffer.from([2]), uleb(body.length), body);
  }
  if (!renamed) fail(`${url.pathname} imports nothing from the main module`);
  writeFileSync(url, Buffer.concat(parts));
}
