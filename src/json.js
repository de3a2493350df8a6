// The one step of a JSON pointer into a value from JSON.parse, for src/json.rs: in one call
// from the wasm instead of five (is it an array? its length, its element; or is it an object?
// does it own the member? the member), which a page of 500 pills made 140,000 times (issue 16).
// scripts/inline-snippets.mjs puts this file into the glue.

/** `value`'s own member `token`, or its element `token` when `token` is an RFC 6901 array
 * index (`0`, or digits without a leading zero: cop_core::mapping::array_index's rule);
 * `undefined` for anything else. Own members only: `/constructor` finds nothing. */
export function child(value, token) {
  if (Array.isArray(value)) {
    return /^(0|[1-9][0-9]*)$/.test(token) ? value[Number(token)] : undefined;
  }
  return value !== null && typeof value === "object" && Object.hasOwn(value, token) ? value[token] : undefined;
}
