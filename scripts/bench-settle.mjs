// How the benchmark scripts (bench.mjs, phases.mjs) wait for a page of bench.js to finish.
/**
 * Opens `url` and waits for bench.js to say on the console that every widget is ready (or one
 * failed). Not Playwright's waitForFunction: its first poll evaluates Playwright's injected
 * script on the page, 10-17 ms of the main thread, at the load event, in the middle of the run
 * (where it lands depends on when the page's load event fires).
 */
export async function settle(page, url) {
  const settled = page.waitForEvent("console", { predicate: (m) => m.text() === "cop-bench: settled", timeout: 60_000 });
  await page.goto(url, { waitUntil: "commit" });
  await settled;
}

