//! The JSON API under `/api`: communities and members (the shared part of the contract), the
//! caller's identity, the OpenAPI document. Writes need an identity and may carry an
//! `Idempotency-Key`; bad input is answered with problem details naming each field.

use axum::body::Bytes;
use axum::extract::rejection::BytesRejection;
use axum::extract::{Path, Query, State};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use cop_core::contract::{Community, JoinRequest, Member, Page};
use serde::Deserialize;

use crate::app::AppState;
use crate::identity::Caller;
use crate::problem::Problem;
use crate::storage::{Joined, Storage, StoredResponse};

const DEFAULT_LIMIT: u32 = 50;
const MAX_LIMIT: u32 = 100;

#[derive(Deserialize)]
pub struct Paging {
    cursor: Option<String>,
    limit: Option<String>,
}

impl Paging {
    /// The id to continue after, and the page size; a malformed value is a 400 naming it.
    fn parse(&self) -> Result<(Option<String>, u32), Problem> {
        let limit = match &self.limit {
            None => DEFAULT_LIMIT,
            Some(text) => text
                .parse::<u32>()
                .ok()
                .filter(|n| (1..=MAX_LIMIT).contains(n))
                .ok_or_else(|| {
                    Problem::bad_request(format!(
                        "`limit` must be a whole number from 1 to {MAX_LIMIT}; got “{text}”."
                    ))
                })?,
        };
        let after = match &self.cursor {
            None => None,
            Some(cursor) => Some(decode_cursor(cursor).ok_or_else(|| {
                Problem::bad_request("`cursor` is not one this server gave out.")
            })?),
        };
        Ok((after, limit))
    }
}

/// Cursors are the last id of a page, hex-encoded: opaque to clients, trivial to check.
fn encode_cursor(id: &str) -> String {
    id.bytes().map(|b| format!("{b:02x}")).collect()
}

fn decode_cursor(cursor: &str) -> Option<String> {
    if !cursor.len().is_multiple_of(2) || cursor.is_empty() {
        return None;
    }
    let bytes: Option<Vec<u8>> = (0..cursor.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(cursor.get(i..i + 2)?, 16).ok())
        .collect();
    String::from_utf8(bytes?).ok()
}

/// One more than asked is fetched to know whether a next page exists.
fn page<T>(mut items: Vec<T>, limit: u32, id: impl Fn(&T) -> &str) -> Page<T> {
    let next = (items.len() > limit as usize).then(|| {
        items.truncate(limit as usize);
        items.last().map(|last| encode_cursor(id(last)))
    });
    Page {
        items,
        next: next.flatten(),
    }
}

pub async fn list_communities<S: Storage>(
    State(app): State<AppState<S>>,
    Query(paging): Query<Paging>,
) -> Result<Json<Page<Community>>, Problem> {
    let (after, limit) = paging.parse()?;
    let items = app
        .storage
        .communities(after.as_deref(), limit + 1)
        .await
        .map_err(Problem::internal)?;
    Ok(Json(page(items, limit, |c| &c.id)))
}

pub(crate) async fn existing_community<S: Storage>(
    app: &AppState<S>,
    id: &str,
) -> Result<Community, Problem> {
    app.storage
        .community(id)
        .await
        .map_err(Problem::internal)?
        .ok_or_else(|| Problem::not_found(format!("No community has the id “{id}”.")))
}

pub async fn get_community<S: Storage>(
    State(app): State<AppState<S>>,
    Path(id): Path<String>,
) -> Result<Json<Community>, Problem> {
    existing_community(&app, &id).await.map(Json)
}

pub async fn list_members<S: Storage>(
    State(app): State<AppState<S>>,
    Path(id): Path<String>,
    Query(paging): Query<Paging>,
) -> Result<Json<Page<Member>>, Problem> {
    let (after, limit) = paging.parse()?;
    existing_community(&app, &id).await?;
    let items = app
        .storage
        .members(&id, after.as_deref(), limit + 1)
        .await
        .map_err(Problem::internal)?;
    Ok(Json(page(items, limit, |m| &m.id)))
}

pub async fn me<S: Storage>(
    State(app): State<AppState<S>>,
    Caller(id): Caller,
) -> Result<Json<Member>, Problem> {
    app.storage
        .member(&id)
        .await
        .map_err(Problem::internal)?
        .map(Json)
        .ok_or_else(|| {
            Problem::not_found(format!(
                "You are signed in as “{id}”, who has not joined a community yet."
            ))
        })
}

/// `POST /communities/{community}/members`: the caller joins. The member id comes from the
/// identity; the body only says how they want to be shown.
pub async fn join<S: Storage>(
    State(app): State<AppState<S>>,
    Path(id): Path<String>,
    Caller(member): Caller,
    headers: HeaderMap,
    body: Result<Bytes, BytesRejection>,
) -> Result<Response, Problem> {
    let body = read_body(&app, body)?;
    let fingerprint = fingerprint(&format!("/communities/{id}/members"), &body);
    with_idempotency(&app, &member, &headers, fingerprint, || async {
        let request: JoinRequest = json_body(&body, r#"JSON like {"display_name": "…"}"#)?;
        let errors = request.validate();
        if !errors.is_empty() {
            return Err(Problem::invalid(errors));
        }
        existing_community(&app, &id).await?;
        let (joined, outcome) = app
            .storage
            .join(&id, &member, request.display_name.trim())
            .await
            .map_err(Problem::internal)?;
        let status = if outcome == Joined::New {
            StatusCode::CREATED
        } else {
            StatusCode::OK
        };
        Ok((
            status,
            serde_json::to_string(&joined).map_err(Problem::internal)?,
        ))
    })
    .await
}

/// What identifies a write for `Idempotency-Key` replays: its route and its body.
pub(crate) fn fingerprint(route: &str, body: &[u8]) -> String {
    format!("POST {route}\n{}", String::from_utf8_lossy(body))
}

/// The body as JSON of `T`, or a 400 that says what was expected.
pub(crate) fn json_body<T: serde::de::DeserializeOwned>(
    body: &[u8],
    expected: &str,
) -> Result<T, Problem> {
    serde_json::from_slice(body)
        .map_err(|error| Problem::bad_request(format!("The body must be {expected}: {error}.")))
}

/// The request body, or a problem saying why it was refused (too large, unreadable).
pub(crate) fn read_body<S>(
    app: &AppState<S>,
    body: Result<Bytes, BytesRejection>,
) -> Result<Bytes, Problem> {
    body.map_err(|rejection| {
        let status = rejection.status();
        let detail = if status == StatusCode::PAYLOAD_TOO_LARGE {
            format!(
                "The body is larger than the {} bytes this server accepts.",
                app.max_body_bytes
            )
        } else {
            "The body could not be read.".to_owned()
        };
        Problem::new(status, "Body refused", detail)
    })
}

/// Runs a write once per `Idempotency-Key` and member: a retry with the same key and request
/// gets the first answer (`Idempotent-Replayed: true`); the same key for another request is
/// refused. Without a key, the write simply runs. Only successful answers are remembered, so a
/// retry after a failure (a 422, a 500) tries again.
pub(crate) async fn with_idempotency<S, F, Fut>(
    app: &AppState<S>,
    member: &str,
    headers: &HeaderMap,
    fingerprint: String,
    write: F,
) -> Result<Response, Problem>
where
    S: Storage,
    F: FnOnce() -> Fut,
    Fut: std::future::Future<Output = Result<(StatusCode, String), Problem>>,
{
    let key = idempotency_key(headers)?;
    if let Some(key) = &key {
        if let Some(stored) = app
            .storage
            .stored_response(member, key)
            .await
            .map_err(Problem::internal)?
        {
            if stored.fingerprint != fingerprint {
                return Err(Problem::new(
                    StatusCode::UNPROCESSABLE_ENTITY,
                    "Idempotency-Key reused",
                    "This Idempotency-Key was already used for a different request; use a new key for a new write.",
                ));
            }
            return Ok(replay(&stored));
        }
    }
    let (status, body) = write().await?;
    if let Some(key) = &key {
        let stored = StoredResponse {
            fingerprint,
            status: status.as_u16(),
            body: body.clone(),
        };
        app.storage
            .store_response(member, key, &stored)
            .await
            .map_err(Problem::internal)?;
    }
    Ok((status, [(header::CONTENT_TYPE, "application/json")], body).into_response())
}

fn idempotency_key(headers: &HeaderMap) -> Result<Option<String>, Problem> {
    let Some(value) = headers.get("idempotency-key") else {
        return Ok(None);
    };
    value
        .to_str()
        .ok()
        .filter(|key| (1..=200).contains(&key.len()) && key.bytes().all(|b| b.is_ascii_graphic()))
        .map(|key| Some(key.to_owned()))
        .ok_or_else(|| {
            Problem::bad_request("`Idempotency-Key` must be 1 to 200 visible ASCII characters.")
        })
}

fn replay(stored: &StoredResponse) -> Response {
    let status = StatusCode::from_u16(stored.status).unwrap_or(StatusCode::OK);
    let mut response = (
        status,
        [(header::CONTENT_TYPE, "application/json")],
        stored.body.clone(),
    )
        .into_response();
    response
        .headers_mut()
        .insert("idempotent-replayed", HeaderValue::from_static("true"));
    response
}

pub async fn openapi() -> Json<serde_json::Value> {
    Json(cop_core::openapi::document())
}

pub async fn not_found() -> Problem {
    Problem::not_found("There is no such endpoint; see /api/openapi.json.")
}

pub async fn healthz<S: Storage>(State(app): State<AppState<S>>) -> Response {
    match app.storage.ping().await {
        Ok(()) => (StatusCode::OK, "ok").into_response(),
        Err(error) => {
            tracing::error!("health check: database does not answer: {error}");
            (StatusCode::SERVICE_UNAVAILABLE, "database unavailable").into_response()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cursors_round_trip_and_reject_garbage() {
        for id in ["teachers", "m-42", "café/ü"] {
            assert_eq!(decode_cursor(&encode_cursor(id)).as_deref(), Some(id));
        }
        for bad in ["", "a", "zz", "ff"] {
            assert_eq!(decode_cursor(bad), None, "{bad}");
        }
    }

    #[test]
    fn limits_are_checked() {
        let paging = |limit: &str| {
            Paging {
                cursor: None,
                limit: Some(limit.into()),
            }
            .parse()
        };
        assert_eq!(paging("10").unwrap().1, 10);
        for bad in ["0", "101", "-1", "ten"] {
            assert_eq!(
                paging(bad).unwrap_err().status(),
                StatusCode::BAD_REQUEST,
                "{bad}"
            );
        }
        assert_eq!(
            Paging {
                cursor: None,
                limit: None
            }
            .parse()
            .unwrap()
            .1,
            DEFAULT_LIMIT
        );
    }
}
