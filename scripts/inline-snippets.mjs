// Puts wasm-bindgen's JavaScript snippets (`#[wasm_bindgen(module = "/src/….js")]`) into the
// glue, so that they cost no request of their own and are minified and hashed with it:
//   node scripts/inline-snippets.mjs pkg/cop_widgets.js
// Each snippet becomes a function scope (its private names cannot meet the glue's) that
// returns its exports; the glue's imports of it become reads of that object.
import { readFileSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";

const glueFile = process.argv[2];
let glue = readFileSync(glueFile, "utf8");
const snippets = new Map(); // path → variable
const IMPORT = /^import (\{[^}]*\}|\* as (\w+)) from ['"](\.\/snippets\/[^'"]+)['"];?$/gm;

glue = glue.replace(IMPORT, (_, what, namespace, path) => {
  if (!snippets.has(path)) snippets.set(path, `__snippet${snippets.size}`);
  const variable = snippets.get(path);
  if (namespace) return `const ${namespace} = ${variable};`;
  const names = what.slice(1, -1).split(",").map((name) => name.trim()).filter(Boolean)
    .map((name) => name.replace(/\s+as\s+/, ": "));
  return `const { ${names.join(", ")} } = ${variable};`;
});

const scopes = [...snippets].map(([path, variable]) => {
  const source = readFileSync(join(dirname(glueFile), path), "utf8");
  const exported = [...source.matchAll(/^export\s+(?:async\s+)?(?:function\*?|const|let|class)\s+(\w+)/gm)].map((m) => m[1]);
  if (/^export\s+(default|\{|\*)/m.test(source)) throw new Error(`${path}: only named function, class, const or let exports can be inlined`);
  const body = source.replace(/^export\s+/gm, "");
  return `const ${variable} = (() => {\n${body}\nreturn { ${exported.join(", ")} };\n})();\n`;
});
writeFileSync(glueFile, scopes.join("") + glue);
rmSync(join(dirname(glueFile), "snippets"), { recursive: true, force: true });
console.log(`inline-snippets: ${snippets.size} snippet(s) put into ${glueFile}`);
