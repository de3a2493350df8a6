// Merges the splitter's shared chunks whose users are the same kinds, counting a part of a kind
// (`rhythm_calendar__month`, `participation_badge__network`) as its kind, and then the small
// ones whoever their users (below):
//   node scripts/merge-shared-chunks.mjs pkg/split
// Why: wasm-split-cli cuts the code several split points share into one chunk per set of
// users. With parts of kinds that made 40 shared chunks, and a card's page fetched 21 files
// (a request each, and each file compressed on its own). Code shared by the card and the
// network view, by the card and the network view and the carousel, and by the network view
// and the carousel becomes one chunk for "the badge and the carousel": a page may then fetch
// a little code it does not run (another part's), in fewer files.
// Each chunk is only functions put into the shared table and data put into the shared memory
// when it is instantiated (it imports both; it exports nothing), so binaryen's wasm-merge
// joins them. wasm-merge keeps an import per input (two memories are invalid without
// multi-memory), so the first input exports its memory and table and the others import them
// from it, which wasm-merge links into one; the exports are then taken out again. The link
// module (`__wasm_split.js`) loads the merged file wherever it loaded any of its parts. Runs
// before inline-split-link.mjs, which checks the link module's shape again.
import { execFileSync } from "node:child_process";
import { readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { sections } from "./wasm-read.mjs";

const dir = process.argv[2];
const fail = (why) => { console.error(`merge-shared-chunks: ${why} (wasm-split-cli's output changed shape?)`); process.exit(1); };
const linkFile = `${dir}/__wasm_split.js`;
let link = readFileSync(linkFile, "utf8");

const BLOCK = /\/\* ([\w, ]+) \*\/\nconst (__chunk_\d+) = makeLoad\(\(\) => \{\n\s*const src = fetch\(new URL\("\.\/(chunk_\d+\.wasm)", import\.meta\.url\)\);\n[^\n]*\n[^\n]*\n\}\n, \[\]\);\n/g;
const blocks = [...link.matchAll(BLOCK)].map((m) => ({ text: m[0], users: m[1].split(",").map((u) => u.trim()), name: m[2], file: m[3] }));
const declared = [...link.matchAll(/^const (__chunk_\d+) = /gm)].map((m) => m[1]);
if (declared.length !== blocks.length) fail(`${declared.length} shared chunks declared, ${blocks.length} read`);

const kindOf = (user) => user.split("__")[0];
const kindsOf = (users) => [...new Set(users.map(kindOf))].sort().join(",");
const groups = new Map();
for (const block of blocks) {
  const key = kindsOf(block.users);
  groups.set(key, [...(groups.get(key) ?? []), block]);
}
// Then the small groups (under SMALL bytes of code and data each) become one, loaded by every
// kind that needs any of them: a file costs a request and its own headers and compression (a
// chunk of 55 bytes was 75 gzipped), more than most pages save by not fetching the others' few
// functions. Measured (round 2, fourteenth session): 13 files of 52-680 bytes, 8 of them on
// the form's page; 1.5 or 2 KB as the limit made a card's page lighter but the form's and the
// carousel's heavier (README, "Size").
const SMALL = 1024;
/** The bytes of a module's code and data sections (the rest is headers, names, relocations). */
const content = (file) => sections(readFileSync(file))
  .filter((section) => section.id === 10 || section.id === 11)
  .reduce((sum, section) => sum + section.end - section.body, 0);
const small = [...groups].filter(([, group]) =>
  group.reduce((sum, block) => sum + content(`${dir}/${block.file}`), 0) < SMALL);
if (small.length > 1) {
  for (const [key] of small) groups.delete(key);
  groups.set("small", small.flatMap(([, group]) => group));
}

const FEATURES = ["--enable-bulk-memory", "--enable-nontrapping-float-to-int", "--enable-sign-ext",
  "--enable-mutable-globals", "--enable-reference-types", "--enable-multivalue"];
const tool = (name, args) =>
  execFileSync(`node_modules/.bin/${name}`, [...args, ...FEATURES], { stdio: ["ignore", "ignore", "pipe"] });
const SHARED = ["memory", "__indirect_function_table"];
/** `file` as text, changed by `edit`, back to binary. */
const rewrite = (file, edit) => {
  tool("wasm-dis", [file, "-o", `${file}.wat`]);
  writeFileSync(`${file}.wat`, edit(readFileSync(`${file}.wat`, "utf8")));
  tool("wasm-as", [`${file}.wat`, "-o", file]);
  rmSync(`${file}.wat`);
};
const GLOBAL = /\(import "__wasm_split" "(\w+)" \(global /g;
/** The first input exports the shared memory and table, and the first that imports a global
 * of the main module (the splitter's `__wasm_split_shared0`) exports it; the inputs after it
 * import them from it. The merged file then imports each once (it imported a global once per
 * input: up to 5 times, 37 bytes each). `owners`: each global's first importer. */
const link0 = (text, i, owners) => {
  const shared = [...SHARED.map((name) => [name, 0]), ...owners];
  for (const [name, owner] of shared) {
    const IMPORT = new RegExp(`\\(import "__wasm_split" "${name}" \\((memory|table|global) (\\$\\S+)`);
    const found = text.match(IMPORT);
    if (!found) {
      if (SHARED.includes(name)) fail(`a shared chunk does not import ${name}`);
      continue;
    }
    text = i === owner
      ? text.replace(/\n/, `\n (export "__cop_${name}" (${found[1]} ${found[2]}))\n`)
      : text.replace(`(import "__wasm_split" "${name}"`, `(import "m${owner}" "__cop_${name}"`);
  }
  return text;
};
const renamed = new Map(); // a merged-away chunk's loader → the one that loads it now
for (const [, group] of groups) {
  if (group.length < 2) continue;
  const [into, ...rest] = group;
  const owners = new Map();
  group.forEach((block, i) => rewrite(`${dir}/${block.file}`, (text) => {
    for (const [, name] of text.matchAll(GLOBAL)) if (!owners.has(name)) owners.set(name, i);
    return link0(text, i, owners);
  }));
  const inputs = group.flatMap((block, i) => [`${dir}/${block.file}`, `m${i}`]);
  const merged = `${dir}/${into.file}.merged`;
  tool("wasm-merge", [...inputs, "-o", merged]);
  rewrite(merged, (text) => text.replace(/\n \(export "__cop_\w+" \(\w+ \$\S+\)\)/g, ""));
  renameSync(merged, `${dir}/${into.file}`);
  const users = [...new Set(group.flatMap((block) => block.users))].sort();
  link = link.replace(into.text, into.text.replace(/^\/\* [\w, ]+ \*\//, `/* ${users.join(", ")} */`));
  for (const block of rest) {
    link = link.replace(block.text, "");
    rmSync(`${dir}/${block.file}`);
    renamed.set(block.name, into.name);
  }
}
// Each split point's list of shared chunks: the merged ones' loaders, each once.
link = link.replace(/, \[(__chunk_\d+(?:, __chunk_\d+)*)\]\)/g, (_, list) =>
  `, [${[...new Set(list.split(", ").map((name) => renamed.get(name) ?? name))].join(", ")}])`);
for (const name of renamed.keys()) if (new RegExp(`\\b${name}\\b`).test(link)) fail(`${name} is still named`);
writeFileSync(linkFile, link);
console.log(`merge-shared-chunks: ${blocks.length} shared chunks → ${blocks.length - renamed.size}`);
