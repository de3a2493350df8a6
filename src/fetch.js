// One attempt of the widgets' HTTP client, in the browser's own terms; src/client.rs owns the
// rest (which failures are retried, the backoff, the typed failures). Written here because the
// same in Rust cost the wasm about 4 KB gzipped. scripts/inline-snippets.mjs puts this file
// into the glue, so it costs no request of its own.
//
// A failure rejects with a stable code that cop-core's `Failure::from_code` reads: "offline",
// "unreachable", "timeout", "http-<status>" (and " <problem code>" when the answer has one) or "malformed-json".

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
  const init = { headers: await headers(), credentials: withCookies ? "include" : "omit" };
  const [response, text] = await exchange(url, init, timeoutMs);
  if (!response.ok) {
    // A problem's `code` (RFC 9457, as the project's server gives it) follows the status.
    let code = "";
    try {
      code = " " + JSON.parse(text).code;
    } catch {}
    throw "http-" + response.status + code;
  }
  try {
    return JSON.parse(text);
  } catch {
    throw "malformed-json";
  }
}

/** One request and its body's text, both under the timeout (a server that stalls
 * mid-answer times out too); no answer rejects with "offline", "unreachable" or "timeout". */
async function exchange(url, init, timeoutMs) {
  if (!navigator.onLine) throw "offline";
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), timeoutMs);
  const networkFailure = (error) => {
    throw error && error.name === "AbortError" ? "timeout" : navigator.onLine ? "unreachable" : "offline";
  };
  try {
    const response = await fetch(url, { ...init, signal: controller.signal }).catch(networkFailure);
    return [response, await response.text().catch(networkFailure)];
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

/** POSTs JSON once. Resolves `[status, parsed body or null]` for any HTTP answer (the wasm
 * decides what a status means); rejects with "offline", "unreachable" or "timeout". The
 * `Idempotency-Key` makes a retry of the same submission harmless: the server answers it with
 * what it answered first. */
export async function postJson(url, body, withCookies, timeoutMs, idempotencyKey) {
  const sent = await headers();
  sent.set("Content-Type", "application/json");
  sent.set("Idempotency-Key", idempotencyKey);
  const init = { method: "POST", body, headers: sent, credentials: withCookies ? "include" : "omit" };
  const [response, text] = await exchange(url, init, timeoutMs);
  let parsed = null;
  try {
    parsed = JSON.parse(text);
  } catch {
    // Not JSON: the status still says what happened.
  }
  return [response.status, parsed];
}

/** A key for one submission, kept with it until the server confirms. */
export function newKey() {
  return crypto.randomUUID ? crypto.randomUUID() : Date.now().toString(36) + "-" + Math.random().toString(36).slice(2);
}
