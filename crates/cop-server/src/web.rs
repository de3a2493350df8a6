//! What sits around the API: the origin policy (CORS), one log line per request, and the
//! static files (the bundle and the demo pages) with their cache and CORS headers.

use std::time::Instant;

use axum::extract::{Request, State};
use axum::http::{header, HeaderValue, Method, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

use crate::app::AppState;
use crate::problem::Problem;
use crate::storage::Storage;

/// CORS for `/api`: pages of the allowed origins may call it, with credentials; the server's
/// own pages always may; any other origin is refused with a message saying how to allow it.
pub async fn origin_policy<S: Storage>(
    State(app): State<AppState<S>>,
    request: Request,
    next: Next,
) -> Response {
    let Some(origin) = request
        .headers()
        .get(header::ORIGIN)
        .and_then(|o| o.to_str().ok())
        .map(str::to_owned)
    else {
        return next.run(request).await; // not a browser's cross-origin request
    };
    let host = request
        .headers()
        .get(header::HOST)
        .and_then(|h| h.to_str().ok())
        .unwrap_or("");
    let same_origin = origin
        .split_once("://")
        .is_some_and(|(_, rest)| rest == host);
    if same_origin {
        return next.run(request).await;
    }
    if !app.allowed_origins.contains(&origin) {
        return Problem::new(
            StatusCode::FORBIDDEN,
            "Origin not allowed",
            format!("This API does not accept requests from pages on {origin}. Its administrator can allow them with --allowed-origin {origin}."),
        )
        .into_response();
    }
    let preflight = request.method() == Method::OPTIONS
        && request
            .headers()
            .contains_key(header::ACCESS_CONTROL_REQUEST_METHOD);
    let mut response = if preflight {
        let mut response = StatusCode::NO_CONTENT.into_response();
        let headers = response.headers_mut();
        headers.insert(
            header::ACCESS_CONTROL_ALLOW_METHODS,
            HeaderValue::from_static("GET, POST, OPTIONS"),
        );
        headers.insert(
            header::ACCESS_CONTROL_ALLOW_HEADERS,
            HeaderValue::from_static(
                "Authorization, Content-Type, Idempotency-Key, X-Requested-With, X-CSRF-Token",
            ),
        );
        headers.insert(
            header::ACCESS_CONTROL_MAX_AGE,
            HeaderValue::from_static("600"),
        );
        response
    } else {
        next.run(request).await
    };
    let headers = response.headers_mut();
    if let Ok(value) = HeaderValue::from_str(&origin) {
        headers.insert(header::ACCESS_CONTROL_ALLOW_ORIGIN, value);
    }
    headers.insert(
        header::ACCESS_CONTROL_ALLOW_CREDENTIALS,
        HeaderValue::from_static("true"),
    );
    headers.insert(header::VARY, HeaderValue::from_static("Origin"));
    response
}

/// One line per request: method, path, status, milliseconds.
pub async fn log_request(request: Request, next: Next) -> Response {
    let started = Instant::now();
    let method = request.method().clone();
    let path = request.uri().path().to_owned();
    let response = next.run(request).await;
    tracing::info!(
        "{method} {path} {} {}ms",
        response.status().as_u16(),
        started.elapsed().as_millis()
    );
    response
}

/// Cache and CORS headers for static files. Content-hashed bundle files never change, so
/// browsers keep them a year; the loader keeps its name across releases, so only minutes.
/// The bundle may be loaded by pages of any origin (ES modules and wasm are fetched with CORS).
pub async fn static_headers(request: Request, next: Next) -> Response {
    let path = request.uri().path().to_owned();
    let mut response = next.run(request).await;
    if !response.status().is_success() {
        return response;
    }
    let headers = response.headers_mut();
    let cache = if path == "/cop-widgets.js" {
        "public, max-age=300"
    } else if is_content_hashed(&path) {
        "public, max-age=31536000, immutable"
    } else {
        "no-cache"
    };
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static(cache));
    if path.ends_with(".js") || path.ends_with(".wasm") || path.starts_with("/cop_i18n_") {
        headers.insert(
            header::ACCESS_CONTROL_ALLOW_ORIGIN,
            HeaderValue::from_static("*"),
        );
    }
    // The strict-CSP demo page shows the policy an admin can set (see the README).
    if path == "/csp.html" {
        headers.insert(
            header::CONTENT_SECURITY_POLICY,
            HeaderValue::from_static(
                "default-src 'none'; script-src 'self' 'wasm-unsafe-eval'; connect-src 'self'; style-src 'self'; img-src 'self'; base-uri 'none'; form-action 'none'",
            ),
        );
    }
    response
}

/// `name-<16 hex digits>.js|.wasm|.json`, as `scripts/build.sh` names the glue, the wasm and
/// the message catalogs.
fn is_content_hashed(path: &str) -> bool {
    let Some(stem) = path
        .strip_suffix(".js")
        .or_else(|| path.strip_suffix(".wasm"))
        .or_else(|| path.strip_suffix(".json"))
    else {
        return false;
    };
    stem.rsplit_once('-')
        .is_some_and(|(_, hash)| hash.len() == 16 && hash.bytes().all(|b| b.is_ascii_hexdigit()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn recognises_content_hashed_files() {
        assert!(is_content_hashed("/cop_widgets-0123456789abcdef.js"));
        assert!(is_content_hashed("/cop_widgets_bg-0123456789abcdef.wasm"));
        assert!(is_content_hashed("/cop_i18n_de-0123456789abcdef.json"));
        assert!(!is_content_hashed("/data/teachers.json"));
        assert!(!is_content_hashed("/cop-widgets.js"));
        assert!(!is_content_hashed("/cop_widgets.js"));
        assert!(!is_content_hashed("/spa.js"));
    }
}
