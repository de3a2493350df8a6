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

/** Calls `report(event)` once, for the first error or rejection that is a trap of this
 * wasm (src/crash.rs): a `WebAssembly.RuntimeError` whose top frame is in a module served
 * beside this script. The wasm is built with `panic = immediate-abort`: a panic is a trap,
 * with no hook to run, so the page is told from here. A trap of the host page's own wasm is
 * not ours; nor, unheard, one of a main module compiled from bytes (a server that sends it
 * with another MIME type than application/wasm: its frames have no address, as a host's
 * wasm compiled from bytes has none; the chunks do not load at all from such a server). */
export function watch(report) {
  // Beside the glue, which has this file inlined; or above wasm-bindgen's snippets/ folder.
  const dir = import.meta.url.replace(/\/(snippets\/.*|[^/]*)$/, "/");
  const heard = (event) => {
    const error = event.error || event.reason;
    const top = error instanceof WebAssembly.RuntimeError && String(error.stack).split("\n")[1];
    if (top && top.includes(dir) && report) {
      report(event);
      report = null;
    }
  };
  addEventListener("error", heard);
  addEventListener("unhandledrejection", heard);
}
