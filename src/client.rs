//! The one HTTP client every widget fetches through.
//!
//! - Cookies only with `data-credentials="include"`; headers from `CopWidgets.configure`.
//! - A timeout per attempt, automatic retries of transient failures of idempotent requests
//!   with backoff, and identical requests in flight shared, not repeated.
//! - Every failure becomes a [`Failure`] with its own message: nothing raw reaches the member.
//!
//! One attempt is `src/fetch.js` (the browser's `fetch`, `AbortController` and `JSON.parse`,
//! and the sharing of requests in flight): in JavaScript it costs a fraction of what the same
//! costs the wasm. The rules stay here and in `cop-core`: which failures are transient, the
//! backoff, what each failure says.

use js_sys::{Promise, Reflect};
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;

use cop_core::config::Credentials;
use cop_core::failure::{backoff_ms, Failure};

use crate::json::Js;

pub type Outcome = Result<Js, Failure>;

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Request {
    pub url: String,
    pub credentials: Credentials,
    pub timeout_ms: u32,
    pub retries: u32,
}

#[wasm_bindgen(module = "/src/fetch.js")]
extern "C" {
    #[wasm_bindgen(js_name = fetchJson)]
    fn fetch_json(url: &str, with_cookies: bool, timeout_ms: u32) -> Promise;
    #[wasm_bindgen(js_name = setHeaders)]
    fn set_headers(headers: &JsValue);
    #[wasm_bindgen(js_name = postJson)]
    fn js_post_json(
        url: &str,
        body: &str,
        with_cookies: bool,
        timeout_ms: u32,
        key: &str,
    ) -> Promise;
    /// A fresh `Idempotency-Key`.
    #[wasm_bindgen(js_name = newKey)]
    pub fn new_key() -> String;
}

pub fn configure(options: &JsValue) {
    let headers = Reflect::get(options, &"headers".into()).unwrap_or(JsValue::UNDEFINED);
    if !(headers.is_undefined() || headers.is_function() || headers.is_object()) {
        web_sys::console::error_2(
            &"cop-widgets: configure({ headers }) needs an object or a function; got".into(),
            &headers,
        );
        return;
    }
    set_headers(&headers);
}

/// GETs JSON, retrying transient failures with backoff.
pub async fn get_json(request: Request) -> Outcome {
    let with_cookies = request.credentials == Credentials::Include;
    let mut retry = 0;
    loop {
        let attempt = JsFuture::from(fetch_json(&request.url, with_cookies, request.timeout_ms));
        let outcome = attempt.await.map(Js).map_err(|code| {
            code.as_string()
                .and_then(|code| Failure::from_code(&code))
                .unwrap_or(Failure::Unreachable)
        });
        match outcome {
            Err(failure) if failure.is_transient() && retry < request.retries => {
                sleep(backoff_ms(retry)).await;
                retry += 1;
            }
            outcome => return outcome,
        }
    }
}

/// What a POST got back: the status and the parsed body (if it was JSON).
pub struct Answer {
    pub status: u16,
    pub body: Option<Js>,
}

/// POSTs `body` once with its `Idempotency-Key`; the caller decides what a status means and
/// when to try again. `Err` only when no HTTP answer came (offline, unreachable, timeout).
pub async fn post_json(request: &Request, body: &str, key: &str) -> Result<Answer, Failure> {
    let with_cookies = request.credentials == Credentials::Include;
    let answer = JsFuture::from(js_post_json(
        &request.url,
        body,
        with_cookies,
        request.timeout_ms,
        key,
    ))
    .await
    .map_err(|code| {
        code.as_string()
            .and_then(|code| Failure::from_code(&code))
            .unwrap_or(Failure::Unreachable)
    })?;
    let array = js_sys::Array::from(&answer);
    let body = array.get(1);
    Ok(Answer {
        status: array.get(0).as_f64().unwrap_or(0.0) as u16,
        body: (!body.is_null() && !body.is_undefined()).then_some(Js(body)),
    })
}

/// Yields until the microtasks queued now have run (a resolved promise's reaction): the
/// futures the same task spawned run first; no timer, so nothing waits for the page to render.
pub async fn yield_now() {
    let _ = JsFuture::from(Promise::resolve(&JsValue::UNDEFINED)).await;
}

pub async fn sleep(ms: u32) {
    let promise = Promise::new(&mut |resolve, _| {
        if let Some(window) = web_sys::window() {
            let _ =
                window.set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms as i32);
        }
    });
    let _ = JsFuture::from(promise).await;
}
