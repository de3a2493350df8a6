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
use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use crate::app::AppState;
use crate::identity::Caller;
use crate::problem::Problem;
use crate::storage::{Joined, KeyUse, Outcome, Storage, StoredAnswer, Write, Written};

const DEFAULT_LIMIT: u32 = 50;
const MAX_LIMIT: u32 = 100;

#[derive(Deserialize)]
pub struct Paging {
    pub(crate) cursor: Option<String>,
    pub(crate) limit: Option<String>,
}

impl Paging {
    /// The id to continue after, and the page size; a malformed value is a 400 naming it.
    pub(crate) fn parse(&self) -> Result<(Option<String>, u32), Problem> {
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
pub(crate) fn encode_cursor(id: &str) -> String {
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
    let fingerprint = fingerprint("POST", &format!("/communities/{id}/members"), &body);
    let request: JoinRequest = json_body(&body, r#"JSON like {"display_name": "…"}"#)?;
    let errors = request.validate();
    if !errors.is_empty() {
        return Err(Problem::invalid(errors));
    }
    existing_community(&app, &id).await?;
    let write = Write::Join {
        community: id,
        member: member.clone(),
        display_name: request.display_name.trim().to_owned(),
    };
    idempotent_write(&app, &member, &headers, fingerprint, write, |written| {
        let Written::Joined(joined, outcome) = written else {
            return Err(Problem::internal("a join wrote something else"));
        };
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

/// What identifies a request for `Idempotency-Key` replays: its method, its route and its
/// body as parsed JSON (keys sorted, whitespace dropped), hashed. A body that is not JSON is
/// taken byte for byte.
pub(crate) fn fingerprint(method: &str, route: &str, body: &[u8]) -> String {
    use sha2::{Digest, Sha256};
    let canonical = serde_json::from_slice::<serde_json::Value>(body)
        .map(|value| {
            let mut out = String::new();
            canonical_json(&value, &mut out);
            out.into_bytes()
        })
        .unwrap_or_else(|_| body.to_vec());
    let mut hash = Sha256::new();
    hash.update(method.as_bytes());
    hash.update(b" ");
    hash.update(route.as_bytes());
    hash.update(b"\n");
    hash.update(&canonical);
    hash.finalize().iter().map(|b| format!("{b:02x}")).collect()
}

/// JSON with object keys in sorted order and no whitespace, whatever order serde_json keeps.
fn canonical_json(value: &serde_json::Value, out: &mut String) {
    use serde_json::Value;
    match value {
        Value::Object(map) => {
            let mut entries: Vec<_> = map.iter().collect();
            entries.sort_by(|a, b| a.0.cmp(b.0));
            out.push('{');
            for (i, (key, value)) in entries.into_iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                out.push_str(&Value::String(key.clone()).to_string());
                out.push(':');
                canonical_json(value, out);
            }
            out.push('}');
        }
        Value::Array(items) => {
            out.push('[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                canonical_json(item, out);
            }
            out.push(']');
        }
        scalar => out.push_str(&scalar.to_string()),
    }
}

/// Makes a write once per `Idempotency-Key` and member (Stripe's semantics):
/// - the write and its answer are stored with the key in one transaction ([`Storage::write`]):
///   a crash or a dropped request leaves both or neither, so a retry never writes twice;
/// - a retry with the same key and request gets the first answer with `Idempotent-Replayed:
///   true`; the same key for another request is a 422 (`idempotency-key-reused`);
/// - a second request with a key while the first is in flight waits for it, then replays
///   its answer; if the first takes longer than `--idempotency-wait-ms`, the second gets a
///   409 (`idempotency-in-flight`) with `Retry-After`;
/// - keys expire after `--idempotency-ttl-secs` (24 h);
/// - only successes are remembered: a retry after a 422 or a 500 tries again.
///
/// Without a key, the write is simply made once.
pub(crate) async fn idempotent_write<S, F>(
    app: &AppState<S>,
    member: &str,
    headers: &HeaderMap,
    fingerprint: String,
    write: Write,
    answer: F,
) -> Result<Response, Problem>
where
    S: Storage,
    F: FnOnce(Written) -> Result<(StatusCode, String), Problem> + Send + 'static,
{
    let key = idempotency_key(headers)?;
    let started = std::time::Instant::now();
    // Concurrent requests with one key line up here (in this process), so a duplicate waits
    // for the first rather than for the database; the database alone makes it exactly once
    // (and, on PostgreSQL, makes a duplicate on another server wait the rest of the time).
    let turn = match &key {
        Some(key) => Some(
            app.key_turns
                .wait(member, key, app.idempotency.wait)
                .await
                .ok_or_else(in_flight)?,
        ),
        None => None,
    };
    let now = unix_now();
    let alive_since = now.saturating_sub(app.idempotency.ttl_secs);
    let wait = app.idempotency.wait.saturating_sub(started.elapsed());
    let storage = app.storage.clone();
    let member = member.to_owned();
    // The write runs to its end (commit or rollback) in a task of its own, even if the client
    // goes away and this request's future is dropped: a transaction dropped half-way leaves a
    // pooled connection that sqlx refuses to begin on again ("begin_with at non-zero
    // transaction depth"), and the key's turn is held until the write is really over.
    let write = tokio::spawn(async move {
        let _turn = turn;
        let key_use = key.as_deref().map(|key| KeyUse {
            member: &member,
            key,
            fingerprint: &fingerprint,
            now,
            alive_since,
            wait,
        });
        storage
            .write(write, key_use.as_ref(), |written| {
                answer(written).map(|(status, body)| StoredAnswer {
                    status: status.as_u16(),
                    body,
                })
            })
            .await
    });
    let outcome = write
        .await
        .map_err(Problem::internal)?
        .map_err(Problem::internal)??;
    Ok(match outcome {
        Outcome::Fresh(answer) => json_answer(&answer),
        Outcome::Replayed(answer) => {
            let mut response = json_answer(&answer);
            response
                .headers_mut()
                .insert("idempotent-replayed", HeaderValue::from_static("true"));
            response
        }
        Outcome::InFlight => return Err(in_flight()),
        Outcome::Reused => {
            return Err(Problem::new(
                StatusCode::UNPROCESSABLE_ENTITY,
                "Idempotency-Key reused",
                "This Idempotency-Key was already used for a different request; use a new key for a new write.",
            )
            .with_code("idempotency-key-reused"))
        }
    })
}

/// A 409: the first request with this key is still being written.
fn in_flight() -> Problem {
    Problem::new(
        StatusCode::CONFLICT,
        "Request in flight",
        "A request with this Idempotency-Key is still being processed; try again in a moment.",
    )
    .with_code("idempotency-in-flight")
    .retry_after(1)
}

/// Seconds since the Unix epoch.
pub(crate) fn unix_now() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| i64::try_from(d.as_secs()).unwrap_or(i64::MAX))
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

fn json_answer(answer: &StoredAnswer) -> Response {
    let status = StatusCode::from_u16(answer.status).unwrap_or(StatusCode::OK);
    (
        status,
        [(header::CONTENT_TYPE, "application/json")],
        answer.body.clone(),
    )
        .into_response()
}

/// Idempotency settings: how long keys live, how long a duplicate waits for the first.
#[derive(Clone, Copy, Debug)]
pub struct IdempotencySettings {
    pub ttl_secs: i64,
    pub wait: std::time::Duration,
}

/// Requests with the same (member, key) in this process take turns; see [`idempotent_write`].
#[derive(Clone, Default)]
pub struct KeyTurns(Arc<Mutex<HashMap<KeyId, Arc<tokio::sync::Mutex<()>>>>>);

/// (member, key): an idempotency key is per member.
type KeyId = (String, String);

/// A request's turn for its key; the key's entry goes when the last request for it ends.
pub struct KeyTurn {
    turns: KeyTurns,
    id: KeyId,
    turn: Option<tokio::sync::OwnedMutexGuard<()>>,
}

impl KeyTurns {
    /// Waits up to `wait` for the turn of (member, key); `None` if it did not come.
    pub async fn wait(
        &self,
        member: &str,
        key: &str,
        wait: std::time::Duration,
    ) -> Option<KeyTurn> {
        let id = (member.to_owned(), key.to_owned());
        let lock = {
            let mut map = self
                .0
                .lock()
                .unwrap_or_else(|poisoned| poisoned.into_inner());
            map.entry(id.clone()).or_default().clone()
        };
        let mut turn = KeyTurn {
            turns: self.clone(),
            id,
            turn: None,
        };
        turn.turn = Some(tokio::time::timeout(wait, lock.lock_owned()).await.ok()?);
        Some(turn)
    }
}

impl Drop for KeyTurn {
    fn drop(&mut self) {
        drop(self.turn.take());
        let mut map = self
            .turns
            .0
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        // Only the map holds it now: nobody waits for this key.
        if map
            .get(&self.id)
            .is_some_and(|lock| Arc::strong_count(lock) == 1)
        {
            map.remove(&self.id);
        }
    }
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
