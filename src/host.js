// The placeholder's attributes for src/host.rs, in one call and one string from the wasm: a
// pill's four were 17 calls across the boundary (the names, then each value by name), a
// tenth of a page of 500 pills' mounting (issue 16).
// scripts/inline-snippets.mjs puts this file into the glue.

/** Every attribute of `element`: name, NUL, value, NUL, and so on. A NUL in a value (only a
 * script can put one there) is U+FFFD, as the HTML parser makes it; a name has none. */
export function attributes(element) {
  let all = "";
  for (const a of element.attributes) all += a.name + "\0" + a.value.replace(/\0/g, "\ufffd") + "\0";
  return all;
}
