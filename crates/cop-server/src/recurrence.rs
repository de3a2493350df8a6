//! `POST /api/recurrence/expand`: a series in RFC 5545 text expanded into its occurrences in a
//! window, with `cop-core`'s engine and the IANA zone database (`cop_core::zone::Tzdb`).

use axum::body::Bytes;
use axum::extract::rejection::BytesRejection;
use axum::extract::State;
use axum::Json;
use cop_core::contract::{recurrence_error, ExpandRequest, ExpandResponse, FieldError};
use cop_core::day::Day;
use cop_core::recurrence::{Stopped, Window};
use cop_core::zone::{LocalDateTime, Tzdb, Zones};

use crate::api::{json_body, read_body};
use crate::app::AppState;
use crate::problem::Problem;
use crate::storage::Storage;

pub async fn expand<S: Storage>(
    State(app): State<AppState<S>>,
    body: Result<Bytes, BytesRejection>,
) -> Result<Json<ExpandResponse>, Problem> {
    let body = read_body(&app, body)?;
    let request: ExpandRequest = json_body(
        &body,
        r#"JSON like {"ical": "DTSTART;TZID=…\nRRULE:…", "from": "…Z", "to": "…Z", "limit": 100}"#,
    )?;
    let query = request.validate().map_err(Problem::invalid)?;
    if let Some(zone) = &request.floating_zone {
        let midnight = LocalDateTime::midnight(Day(0));
        if let Err(unknown) = Tzdb.offsets_at_local(zone, midnight) {
            return Err(Problem::invalid(vec![FieldError::new(
                "/floating_zone",
                "unknown-time-zone",
                unknown.to_string(),
            )]));
        }
    }
    let window = Window {
        from: query.from,
        to: query.to,
        limit: query.limit as usize,
        floating_zone: request.floating_zone.as_deref(),
    };
    // Bounded work (a cap on periods and on occurrences): no need to leave the runtime.
    let found = query
        .series
        .expand(&window, &Tzdb)
        .map_err(|error| Problem::invalid(vec![recurrence_error(&error)]))?;
    Ok(Json(ExpandResponse {
        occurrences: found.occurrences.iter().map(ToString::to_string).collect(),
        complete: found.stopped == Stopped::Complete,
    }))
}
