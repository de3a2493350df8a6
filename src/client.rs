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

pub async fn sleep(ms: u32) {
    let promise = Promise::new(&mut |resolve, _| {
        if let Some(window) = web_sys::window() {
            let _ =
                window.set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms as i32);
        }
    });
    let _ = JsFuture::from(promise).await;
}
