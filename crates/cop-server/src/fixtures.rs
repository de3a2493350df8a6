//! `/fixtures`, only with `--fixtures`: endpoints that fail in each way a backend can, for the
//! browser tests and the failures demo page. Real HTTP answers, not mocks.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use axum::extract::{Path, State};
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::{Json, Router};
use serde_json::json;

use crate::app::AppState;
use crate::problem::Problem;
use crate::storage::Storage;

/// Request counters, by name, for the tests that count what reached the server.
#[derive(Clone, Default)]
pub struct Counters(Arc<Mutex<HashMap<String, u32>>>);

impl Counters {
    fn bump(&self, key: String) -> u32 {
        let mut map = self
            .0
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        let count = map.entry(key).or_insert(0);
        *count += 1;
        *count
    }

    fn get(&self, key: &str) -> u32 {
        self.0
            .lock()
            .map(|map| map.get(key).copied().unwrap_or(0))
            .unwrap_or(0)
    }
}

pub fn router<S: Storage>() -> Router<AppState<S>> {
    Router::new()
        .route("/status/{code}", get(status))
        .route("/slow/{ms}", get(slow::<S>))
        .route("/malformed", get(|| async { ([(header::CONTENT_TYPE, "application/json")], "{\"name\": \"Teachers\", ") }))
        .route("/html", get(|| async { ([(header::CONTENT_TYPE, "text/html")], "<!doctype html><p>Login</p>") }))
        .route("/wrong-shape", get(|| async { Json(json!({ "title": "A community without a name field" })) }))
        .route("/absurd-count", get(|| async { Json(json!({ "name": "Teachers", "member_count": -5 })) }))
        .route("/foreign/{id}", get(foreign::<S>))
        .route("/flaky/{key}/{failures}", get(flaky::<S>))
        .route("/counted/{key}", get(counted::<S>))
        .route("/hits/{key}", get(hits::<S>))
        .route("/echo-authorization", get(|headers: HeaderMap| async move { echo(&headers, "authorization", "Authorization") }))
        .route("/echo-cookie", get(|headers: HeaderMap| async move { echo(&headers, "cookie", "Cookie") }))
}

fn echo(headers: &HeaderMap, name: &str, label: &str) -> Json<serde_json::Value> {
    let value = headers
        .get(name)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("none");
    Json(json!({ "name": format!("{label}: {value}") }))
}

async fn status(Path(code): Path<u16>) -> Response {
    let status = StatusCode::from_u16(code).unwrap_or(StatusCode::BAD_REQUEST);
    Problem::new(status, "Fixture", format!("Fixture status {code}")).into_response()
}

async fn teachers<S: Storage>(app: &AppState<S>) -> Response {
    match app.storage.community("teachers").await {
        Ok(Some(community)) => Json(community).into_response(),
        _ => Problem::not_found("The fixtures need the demo data.").into_response(),
    }
}

async fn slow<S: Storage>(State(app): State<AppState<S>>, Path(ms): Path<u64>) -> Response {
    tokio::time::sleep(Duration::from_millis(ms.min(30_000))).await;
    teachers(&app).await
}

/// The same community in a foreign backend's shape, for `data-map-*` pointers.
async fn foreign<S: Storage>(State(app): State<AppState<S>>, Path(id): Path<String>) -> Response {
    match app.storage.community(&id).await {
        Ok(Some(c)) => Json(json!({ "data": { "id": c.id, "attributes": { "title": c.name, "members/total": c.member_count } } })).into_response(),
        _ => Problem::not_found("No such community.").into_response(),
    }
}

/// Fails with 503 the first `failures` times for `key`, then answers.
async fn flaky<S: Storage>(
    State(app): State<AppState<S>>,
    Path((key, failures)): Path<(String, u32)>,
) -> Response {
    if app.counters.bump(format!("flaky:{key}")) <= failures {
        return Problem::new(StatusCode::SERVICE_UNAVAILABLE, "Fixture", "Not yet").into_response();
    }
    teachers(&app).await
}

/// Counts, then answers slowly enough for identical requests to overlap.
async fn counted<S: Storage>(State(app): State<AppState<S>>, Path(key): Path<String>) -> Response {
    app.counters.bump(format!("counted:{key}"));
    tokio::time::sleep(Duration::from_millis(300)).await;
    teachers(&app).await
}

async fn hits<S: Storage>(
    State(app): State<AppState<S>>,
    Path(key): Path<String>,
) -> Json<serde_json::Value> {
    Json(json!({ "hits": app.counters.get(&key) }))
}
