//! The one HTTP client every widget fetches through.
//!
//! - Cookies only with `data-credentials="include"`; headers from `CopWidgets.configure`.
//! - A timeout per attempt (`AbortController`), automatic retries of transient failures of
//!   idempotent requests with backoff, and identical requests in flight shared, not repeated
//!   (they await one JavaScript Promise, which settles with the parsed JSON or a failure code).
//! - Every failure becomes a [`Failure`] with its own message: nothing raw reaches the member.

use std::cell::RefCell;

use js_sys::{Array, Function, Object, Promise, Reflect};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::{future_to_promise, JsFuture};
use web_sys::{AbortController, Headers, RequestCredentials, RequestInit, Response};

use cop_core::config::Credentials;
use cop_core::failure::{backoff_ms, Failure};

use crate::json::{self, Js};

pub type Outcome = Result<Js, Failure>;

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Request {
    pub url: String,
    pub credentials: Credentials,
    pub timeout_ms: u32,
    pub retries: u32,
}

thread_local! {
    /// Requests in flight, by key: a handful at a time, so a list beats a hash map in size.
    static IN_FLIGHT: RefCell<Vec<(String, Promise)>> = const { RefCell::new(Vec::new()) };
    /// `headers` from `CopWidgets.configure`: an object, or a function returning one.
    static EXTRA_HEADERS: RefCell<JsValue> = const { RefCell::new(JsValue::UNDEFINED) };
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
    EXTRA_HEADERS.with(|cell| *cell.borrow_mut() = headers);
}

/// GETs JSON. Concurrent calls for the same request share one fetch.
pub async fn get_json(request: Request) -> Outcome {
    let key = format!("{}\u{0}{}", request.credentials.name(), request.url);
    let existing = IN_FLIGHT.with(|list| {
        list.borrow()
            .iter()
            .find(|(k, _)| *k == key)
            .map(|(_, p)| p.clone())
    });
    let promise = existing.unwrap_or_else(|| {
        let promise = future_to_promise(async move {
            with_retries(request)
                .await
                .map(|js| js.0)
                .map_err(|failure| JsValue::from(failure.code()))
        });
        IN_FLIGHT.with(|list| list.borrow_mut().push((key.clone(), promise.clone())));
        promise
    });
    let settled = JsFuture::from(promise.clone()).await;
    IN_FLIGHT.with(|list| list.borrow_mut().retain(|(_, p)| !Object::is(p, &promise)));
    settled.map(Js).map_err(|code| {
        code.as_string()
            .and_then(|code| Failure::from_code(&code))
            .unwrap_or(Failure::Unreachable)
    })
}

async fn with_retries(request: Request) -> Outcome {
    let mut retry = 0;
    loop {
        match attempt(&request).await {
            Err(failure) if failure.is_transient() && retry < request.retries => {
                sleep(backoff_ms(retry)).await;
                retry += 1;
            }
            outcome => return outcome,
        }
    }
}

async fn attempt(request: &Request) -> Outcome {
    let window = web_sys::window().ok_or(Failure::Unreachable)?;
    if !window.navigator().on_line() {
        return Err(Failure::Offline);
    }
    let controller = AbortController::new().map_err(|_| Failure::Unreachable)?;
    let init = RequestInit::new();
    init.set_method("GET");
    init.set_credentials(match request.credentials {
        Credentials::Include => RequestCredentials::Include,
        Credentials::Omit => RequestCredentials::Omit,
    });
    init.set_signal(Some(&controller.signal()));
    init.set_headers_headers(&headers().await);

    let abort = Closure::once(move || controller.abort());
    let timer = window
        .set_timeout_with_callback_and_timeout_and_arguments_0(
            abort.as_ref().unchecked_ref(),
            request.timeout_ms as i32,
        )
        .ok();
    let outcome = fetch(&window, request, &init).await;
    if let Some(timer) = timer {
        window.clear_timeout_with_handle(timer);
    }
    drop(abort);
    outcome
}

async fn fetch(window: &web_sys::Window, request: &Request, init: &RequestInit) -> Outcome {
    let network_failure = |error: JsValue| {
        if is_abort(&error) {
            Failure::Timeout
        } else if !window.navigator().on_line() {
            Failure::Offline
        } else {
            Failure::Unreachable
        }
    };
    let response: Response = JsFuture::from(window.fetch_with_str_and_init(&request.url, init))
        .await
        .map_err(network_failure)?
        .dyn_into()
        .map_err(|_| Failure::Unreachable)?;
    if let Some(failure) = Failure::from_status(response.status()) {
        return Err(failure);
    }
    let body = response.text().map_err(|_| Failure::Malformed)?;
    let text = JsFuture::from(body)
        .await
        .map_err(network_failure)?
        .as_string()
        .unwrap_or_default();
    json::parse(&text).ok_or(Failure::Malformed)
}

fn is_abort(error: &JsValue) -> bool {
    Reflect::get(error, &"name".into())
        .ok()
        .and_then(|name| name.as_string())
        .as_deref()
        == Some("AbortError")
}

/// `Accept: application/json` plus the configured headers. A headers function that throws
/// or returns something else is reported on the console and the request goes on without.
async fn headers() -> Headers {
    let headers = Headers::new().unwrap_or_else(|_| Headers::from(JsValue::from(Object::new())));
    let _ = headers.set("Accept", "application/json");
    let configured = EXTRA_HEADERS.with(|cell| cell.borrow().clone());
    let mut extra = if let Some(function) = configured.dyn_ref::<Function>() {
        function.call0(&JsValue::NULL)
    } else {
        Ok(configured)
    };
    let promise = extra
        .as_ref()
        .ok()
        .and_then(|value| value.dyn_ref::<Promise>().cloned());
    if let Some(promise) = promise {
        extra = JsFuture::from(promise).await;
    }
    match extra {
        Ok(value) if value.is_object() => {
            for entry in Object::entries(value.unchecked_ref::<Object>()).iter() {
                let entry: Array = entry.unchecked_into();
                if let (Some(name), Some(value)) =
                    (entry.get(0).as_string(), entry.get(1).as_string())
                {
                    if headers.set(&name, &value).is_err() {
                        web_sys::console::warn_1(
                            &format!("cop-widgets: header “{name}” was refused by the browser")
                                .into(),
                        );
                    }
                }
            }
        }
        Ok(value) if value.is_undefined() || value.is_null() => {}
        Ok(value) | Err(value) => {
            web_sys::console::error_2(
                &"cop-widgets: the configured headers function failed or returned no object:"
                    .into(),
                &value,
            );
        }
    }
    headers
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
