//! What sits around the API: the origin policy (CORS), one log line per request, and the
//! static files (the bundle and the demo pages) with their cache and CORS headers.

use std::time::{Duration, Instant};

use axum::extract::{Request, State};
use axum::http::{header, HeaderValue, Method, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

use crate::app::AppState;
use crate::problem::Problem;
use crate::storage::Storage;

/// CORS for `/api`: pages of the allowed origins may call it, with credentials; the server's
/// own pages always may; any other origin is refused with a message saying how to allow it.
///
/// The server's own origins are `--public-url`'s, or else its listening address (and, on
/// loopback, `localhost`, `127.0.0.1` and `[::1]` with its port). An `Origin` that merely
/// matches the request's `Host` is not trusted: a DNS name an attacker rebinds to this server
/// (DNS rebinding) sends a matching `Host` too. Every answer varies by `Origin`.
pub async fn origin_policy<S: Storage>(
    State(app): State<AppState<S>>,
    request: Request,
    next: Next,
) -> Response {
    let mut response = cors(&app, request, next).await;
    response
        .headers_mut()
        .append(header::VARY, HeaderValue::from_static("Origin"));
    response
}

async fn cors<S: Storage>(app: &AppState<S>, request: Request, next: Next) -> Response {
    let Some(origin) = request
        .headers()
        .get(header::ORIGIN)
        .and_then(|o| o.to_str().ok())
        .map(str::to_owned)
    else {
        return next.run(request).await; // not a browser's cross-origin request
    };
    let own = app.own_origins.contains(&origin);
    let host = request
        .headers()
        .get(header::HOST)
        .and_then(|h| h.to_str().ok())
        .unwrap_or("");
    let same_origin = own
        && origin
            .split_once("://")
            .is_some_and(|(_, rest)| rest.eq_ignore_ascii_case(host));
    if same_origin {
        return next.run(request).await;
    }
    // The server's own pages under another of its names (localhost ↔ 127.0.0.1) are another
    // origin to the browser, but still its own: answered like an allowed origin.
    if !own && !app.allowed_origins.contains(&origin) {
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
            HeaderValue::from_static("GET, POST, PUT, OPTIONS"),
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
    headers.insert(
        header::ACCESS_CONTROL_EXPOSE_HEADERS,
        HeaderValue::from_static("Idempotent-Replayed, Retry-After, Location"),
    );
    response
}

/// Every `/api` error is problem details: errors axum answers itself (a 405, a query string
/// or path it cannot read) come as plain text or empty, so they are rewritten here, keeping
/// their status and headers (`Allow` for a 405) and their text as the `detail`.
pub async fn problem_details(request: Request, next: Next) -> Response {
    let method = request.method().clone();
    let response = next.run(request).await;
    let status = response.status();
    let is_problem = response
        .headers()
        .get(header::CONTENT_TYPE)
        .is_some_and(|t| t.as_bytes().starts_with(b"application/problem+json"));
    if !(status.is_client_error() || status.is_server_error()) || is_problem {
        return response;
    }
    let (mut parts, body) = response.into_parts();
    let text = axum::body::to_bytes(body, 4096)
        .await
        .ok()
        .and_then(|bytes| String::from_utf8(bytes.to_vec()).ok())
        .map(|text| text.trim().to_owned())
        .filter(|text| !text.is_empty());
    let allow = parts
        .headers
        .get(header::ALLOW)
        .and_then(|a| a.to_str().ok())
        .map(str::to_owned);
    let detail = match (status, allow, text) {
        (StatusCode::METHOD_NOT_ALLOWED, Some(allow), _) => {
            format!("This endpoint does not accept {method}; it accepts {allow}.")
        }
        (_, _, Some(text)) if text.ends_with(['.', '!', '?']) => text,
        (_, _, Some(text)) => format!("{text}."),
        (_, _, None) => format!(
            "{}; see /api/openapi.json.",
            status.canonical_reason().unwrap_or("Error")
        ),
    };
    let title = status.canonical_reason().unwrap_or("Error");
    parts.headers.remove(header::CONTENT_LENGTH);
    parts.headers.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/problem+json"),
    );
    let body = Problem::new(status, title, detail).body();
    Response::from_parts(parts, axum::body::Body::from(body))
}

/// The request timeout (`--request-timeout-secs`): a request not answered in time gets a 503
/// in problem details (tower-http's `TimeoutLayer` answers an empty body) and the connection
/// stays usable.
pub async fn request_deadline(
    State(limit): State<Duration>,
    request: Request,
    next: Next,
) -> Response {
    match tokio::time::timeout(limit, next.run(request)).await {
        Ok(response) => response,
        Err(_) => {
            let mut response = Problem::new(
                StatusCode::SERVICE_UNAVAILABLE,
                "Request took too long",
                format!(
                    "The server answers a request within {} s and this one took longer; try again later.",
                    limit.as_secs_f32()
                ),
            )
            .into_response();
            response
                .headers_mut()
                .insert(header::RETRY_AFTER, HeaderValue::from_static("5"));
            response
        }
    }
}

/// Headers on every answer: no content sniffing, and no full URL of a page sent to other
/// origins (widgets' cross-origin fetches still say which origin asks).
pub async fn security_headers(request: Request, next: Next) -> Response {
    let mut response = next.run(request).await;
    let headers = response.headers_mut();
    headers.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    headers.insert(
        header::REFERRER_POLICY,
        HeaderValue::from_static("strict-origin-when-cross-origin"),
    );
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

/// The policy of the server's own demo pages: scripts, styles and data from the server itself
/// (under any of its own names: `cross-origin.html` loads the bundle from the other loopback
/// name), the wasm compiled, nothing inline. `csp.html` has the stricter one an admin can copy.
pub fn demo_page_policy(own_origins: &[String]) -> String {
    // CSP source lists have no syntax for IPv6 literals (`http://[::1]:8080`): Chromium
    // reports such a source as invalid on every page.
    let own = own_origins
        .iter()
        .filter(|origin| !origin.contains('['))
        .map(String::as_str)
        .collect::<Vec<_>>()
        .join(" ");
    format!(
        "default-src 'self'; script-src 'self' 'wasm-unsafe-eval' {own}; connect-src 'self' {own}; style-src 'self' {own}; img-src 'self' data:; font-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'self'"
    )
}

/// `bench.html` starts its clock in an inline module script, so its policy allows inline
/// scripts; every other demo page has none.
const BENCH_PAGE: &str = "/bench.html";

/// `foreign.html`'s widgets read a third-party backend on another origin (json-server in the
/// tests, `?backend=` for people), so its policy lets them connect anywhere over HTTP(S).
const FOREIGN_PAGE: &str = "/foreign.html";
/// The carousel's demo pages (and the page that cancels clicks, which has one too): the
/// players a member chooses to play come from YouTube's nocookie host and Vimeo
/// (`frame-src`), a YouTube thumbnail from `i.ytimg.com`; the foreign one also reads (and
/// shows posters from) a backend elsewhere.
const CAROUSEL_PAGE: &str = "/carousel.html";
const CANCELLED_CLICKS_PAGE: &str = "/cancelled-clicks.html";
const CAROUSEL_FOREIGN_PAGE: &str = "/carousel-foreign.html";
const VIDEO_PROVIDERS: &str =
    "frame-src 'self' https://www.youtube-nocookie.com https://player.vimeo.com; img-src 'self' data: https://i.ytimg.com";

/// Cache and CORS headers for static files. Content-hashed bundle files never change, so
/// browsers keep them a year; the loader keeps its name across releases, so only minutes.
/// The bundle may be loaded by pages of any origin (ES modules and wasm are fetched with CORS).
/// Pages get a Content-Security-Policy. A path starting with `//` is not served: a redirect
/// to it (a directory without its slash) would be a protocol-relative URL to another site.
pub async fn static_headers(
    State(policy): State<std::sync::Arc<str>>,
    request: Request,
    next: Next,
) -> Response {
    let path = request.uri().path().to_owned();
    if path.starts_with("//") || path.starts_with("/\\") {
        return StatusCode::NOT_FOUND.into_response();
    }
    let mut response = next.run(request).await;
    // A redirect ServeDir gives (a directory without its slash) stays on this site. Only
    // answers with a `Location`: a 304 is a 3xx too.
    let off_site = response
        .headers()
        .get(header::LOCATION)
        .is_some_and(|location| {
            let location = location.as_bytes();
            !location.starts_with(b"/") || matches!(location.get(1), Some(b'/' | b'\\'))
        });
    if off_site {
        return StatusCode::NOT_FOUND.into_response();
    }
    if !response.status().is_success() {
        return response;
    }
    let html = response
        .headers()
        .get(header::CONTENT_TYPE)
        .is_some_and(|t| t.as_bytes().starts_with(b"text/html"));
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
    } else if html {
        let policy = match path.as_str() {
            BENCH_PAGE => policy.replacen(
                "'wasm-unsafe-eval'",
                "'wasm-unsafe-eval' 'unsafe-inline'",
                1,
            ),
            FOREIGN_PAGE => {
                policy.replacen("connect-src 'self'", "connect-src 'self' http: https:", 1)
            }
            CAROUSEL_PAGE | CANCELLED_CLICKS_PAGE => {
                policy.replacen("img-src 'self' data:", VIDEO_PROVIDERS, 1)
            }
            CAROUSEL_FOREIGN_PAGE => policy
                .replacen("connect-src 'self'", "connect-src 'self' http: https:", 1)
                .replacen(
                    "img-src 'self' data:",
                    &format!("{VIDEO_PROVIDERS} http:"),
                    1,
                ),
            _ => policy.to_string(),
        };
        if let Ok(value) = HeaderValue::from_str(&policy) {
            headers.insert(header::CONTENT_SECURITY_POLICY, value);
        }
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
