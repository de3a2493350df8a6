// The carousel's eyes and its beacon (src/widgets/carousel.rs): what the browser tells it —
// the container's width, how much of each slide is visible, whether the page is hidden — and
// the one way its events leave. Written here because the same through web-sys cost more.
// scripts/inline-snippets.mjs puts this file into the glue.

/** Calls `width(px)` on every resize of `root`, `seen(index, ratio)` as each child of `track`
 * crosses 0, ½ or all visible, `hidden(bool)` now and on every visibilitychange and
 * pagehide, and `reduce(bool)` when `prefers-reduced-motion` changes; answers the function
 * that stops it all. */
export function watch(root, track, width, seen, hidden, reduce) {
  const resize = new ResizeObserver(() => width(root.clientWidth));
  resize.observe(root);
  const slides = [].slice.call(track.children);
  const shown = new IntersectionObserver((entries) => {
    for (const e of entries) seen(slides.indexOf(e.target), e.intersectionRatio);
  }, { threshold: [0, 0.5, 1] });
  slides.forEach((slide) => shown.observe(slide));
  const visibility = () => hidden(document.visibilityState == "hidden");
  const hide = () => hidden(true);
  document.addEventListener("visibilitychange", visibility);
  addEventListener("pagehide", hide);
  visibility();
  const motion = matchMedia("(prefers-reduced-motion: reduce)");
  const motionChanged = () => reduce(motion.matches);
  motion.addEventListener("change", motionChanged);
  return () => {
    motion.removeEventListener("change", motionChanged);
    resize.disconnect();
    shown.disconnect();
    document.removeEventListener("visibilitychange", visibility);
    removeEventListener("pagehide", hide);
  };
}

/** Whether `el` lays out right to left. */
export function rtl(el) {
  return getComputedStyle(el).direction == "rtl";
}

/** Sends `body` (JSON, as text/plain: no preflight) to `url` with sendBeacon, else fetch with
 * keepalive; false if neither would take it. */
export function beacon(url, body) {
  try {
    if (navigator.sendBeacon(url, body)) return true;
  } catch (e) {}
  try {
    fetch(url, { method: "POST", body, keepalive: true, credentials: "omit", headers: { "content-type": "text/plain" } }).catch(() => {});
    return true;
  } catch (e) {
    return false;
  }
}

const warmed = new Set();
/** A `preconnect` to a video provider's `origin`, once: only after the member touched the
 * carousel and points at or focuses a play button (the view decides). */
export function warm(origin) {
  if (warmed.has(origin)) return;
  warmed.add(origin);
  const link = document.createElement("link");
  link.rel = "preconnect";
  link.href = origin;
  document.head.append(link);
}
