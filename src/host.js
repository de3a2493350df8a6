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

/** A widget's status for the page (src/host.rs `announce`): first the space the loader
 * reserved given back if `release`, then `data-cop-state`, then `event` (`cop:ready`,
 * `cop:error`, or none) with `{ widget }`, and `reason` and `message` for an error. One call
 * from the wasm where the DOM's own took thirteen (issue 16). */
export function announce(element, state, event, widget, reason, message, release) {
  if (release && element.style) element.style.removeProperty("min-height");
  element.setAttribute("data-cop-state", state);
  if (event) fire(element, event, reason == null ? { widget } : { widget, reason, message }, true);
}

/** An event that bubbles, out of the shadow root to the host page if `composed`. */
export function fire(element, name, detail, composed) {
  element.dispatchEvent(new CustomEvent(name, { bubbles: true, composed, detail }));
}
