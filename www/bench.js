// Builds the benchmark page: ?n=N diagnostic widgets (all for one community, so their requests
// coalesce) and ?kind=… for other widget kinds later. Records when the last one is ready.
const params = new URLSearchParams(location.search);
const n = Math.min(Number(params.get("n")) || 10, 2000);
const kind = params.get("kind") || "hello";
window.bench = { n, ready: 0, errors: 0, allReadyAt: null };
document.addEventListener("cop:ready", () => {
  if (++window.bench.ready === n) window.bench.allReadyAt = performance.now();
});
document.addEventListener("cop:error", () => window.bench.errors++);
const list = document.getElementById("list");
for (let i = 1; i <= n; i++) {
  const item = document.createElement("li");
  const widget = document.createElement("div");
  widget.setAttribute("data-cop-widget", kind);
  widget.setAttribute("data-community", "teachers");
  widget.setAttribute("data-member", `m-${i}`);
  item.appendChild(widget);
  list.appendChild(item);
}
