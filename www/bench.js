// Builds the benchmark page: ?n=N widgets of ?kind= (default `hello`, the diagnostic widget),
// all for one community so their requests coalesce. For kind=participation-badge each gets
// data-variant (?variant=, default `pill`) and the community defaults to `water-engineers`
// (1340 demo members w-1…w-1340; `teachers` has only 220). ?community= overrides the community.
// Records when the last widget is ready and the page's layout shifts.
const params = new URLSearchParams(location.search);
const n = Math.min(Number(params.get("n")) || 10, 2000);
const kind = params.get("kind") || "hello";
const badge = kind === "participation-badge";
const variant = params.get("variant") || (badge ? "pill" : null);
// The calendar's data-view (?view=month: the month grid).
const view = params.get("view");
const community = params.get("community") || (badge ? "water-engineers" : "teachers");
const prefix = community === "water-engineers" ? "w" : "m";
window.bench = { n, kind, variant, community, ready: 0, errors: 0, allReadyAt: null, layoutShifts: [] };
// Layout shifts since navigation start (buffered), not counting ones caused by input, as
// [startTime, score]: the benchmark sums them and tells apart the ones before the first API
// request (placeholders painted before the loader reserved their space) and the ones after (a
// widget's rendering not fitting its reserved space).
try {
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      if (!entry.hadRecentInput) window.bench.layoutShifts.push([entry.startTime, entry.value]);
    }
  }).observe({ type: "layout-shift", buffered: true });
} catch {
  window.bench.layoutShifts = null; // not supported by this browser
}
// The benchmark hears of the end from the console (scripts/bench.mjs): polling the page with
// Playwright's waitForFunction first evaluates its injected script, 10-17 ms of the main
// thread, in the middle of the run.
document.addEventListener("cop:ready", () => {
  if (++window.bench.ready === n) {
    window.bench.allReadyAt = performance.now();
    console.debug("cop-bench: settled");
  }
});
document.addEventListener("cop:error", (event) => {
  if (!window.bench.errors++) console.debug("cop-bench: settled");
  window.bench.firstError ??= { member: event.target.getAttribute("data-member"), detail: event.detail };
});
const list = document.getElementById("list");
// Adds the n placeholders; scripts/bench.mjs calls it again (after emptying the list, which
// unmounts them) to mount and unmount the same widgets many times.
window.benchBuild = function build() {
  for (let i = 1; i <= n; i++) {
    const item = document.createElement("li");
    const widget = document.createElement("div");
    widget.setAttribute("data-cop-widget", kind);
    if (variant) widget.setAttribute("data-variant", variant);
    if (view) widget.setAttribute("data-view", view);
    widget.setAttribute("data-community", community);
    widget.setAttribute("data-member", `${prefix}-${i}`);
    item.appendChild(widget);
    list.appendChild(item);
  }
};
window.benchBuild();
