// One attempt of the widgets' HTTP client, in the browser's own terms; src/client.rs owns the
// rest (which failures are retried, the backoff, the typed failures). Written here because the
// same in Rust cost the wasm about 4 KB gzipped. scripts/inline-snippets.mjs puts this file
// into the glue, so it costs no request of its own.
//
// A failure rejects with a stable code that cop-core's `Failure::from_code` reads: "offline",
// "unreachable", "timeout", "http-<status>" or "malformed-json".

/** Requests in flight, by credentials and URL: concurrent identical requests share one fetch. */
const inFlight = new Map();
/** `headers` from `CopWidgets.configure`: an object, or a function (sync or async) returning one. */
let configured;

export function setHeaders(headers) {
  configured = headers;
}

export function fetchJson(url, withCookies, timeoutMs) {
  const key = (withCookies ? "include " : "omit ") + url;
  let promise = inFlight.get(key);
  if (!promise) {
    promise = attempt(url, withCookies, timeoutMs).finally(() => inFlight.delete(key));
    inFlight.set(key, promise);
  }
  return promise;
}

async function attempt(url, withCookies, timeoutMs) {
  if (!navigator.onLine) throw "offline";
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), timeoutMs);
  // The body is read under the same timeout: a server that stalls mid-answer times out too.
  const networkFailure = (error) => {
    throw error && error.name === "AbortError" ? "timeout" : navigator.onLine ? "unreachable" : "offline";
  };
  try {
    const init = { headers: await headers(), credentials: withCookies ? "include" : "omit", signal: controller.signal };
    const response = await fetch(url, init).catch(networkFailure);
    if (!response.ok) throw "http-" + response.status;
    const text = await response.text().catch(networkFailure);
    try {
      return JSON.parse(text);
    } catch {
      throw "malformed-json";
    }
  } finally {
    clearTimeout(timer);
  }
}

/** `Accept: application/json` plus the configured headers. A headers function that throws or
 * returns something else is reported on the console and the request goes on without. */
async function headers() {
  const all = new Headers({ Accept: "application/json" });
  let extra;
  try {
    extra = typeof configured === "function" ? await configured() : configured;
  } catch (error) {
    extra = error;
  }
  if (extra && typeof extra === "object" && !(extra instanceof Error)) {
    for (const [name, value] of Object.entries(extra)) {
      if (typeof value !== "string") continue;
      try {
        all.set(name, value);
      } catch {
        console.warn(`cop-widgets: header “${name}” was refused by the browser`);
      }
    }
  } else if (extra != null) {
    console.error("cop-widgets: the configured headers function failed or returned no object:", extra);
  }
  return all;
}
