//! The community-rhythm calendar (issue 15): a community's events — recurring series (a
//! weekly call, a monthly webinar…) and one-offs, their timing as RFC 5545 lines — with single
//! occurrences cancelled or moved, their occurrences in a window, and iCalendar files of one
//! event or of the whole community (for a `webcal:` subscription).
//!
//! Who may do what (README, "Who can read what"): the community's coordinators and leaders
//! write; everything read here is public, like the badges (it is shown on intranet pages).
//!
//! Overrides are data (`occurrence_overrides`), applied here rather than handed to the engine
//! as `RECURRENCE-ID` text: the original occurrence is taken out by its UTC start and the new
//! start put in. An override whose original start is no longer an occurrence of the series
//! (its timing changed since) is ignored, in the occurrences and in the `.ics` alike.

use axum::body::Bytes;
use axum::extract::rejection::BytesRejection;
use axum::extract::{Path, Query, State};
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use cop_core::contract::{
    timing_error, CalendarEvent, CalendarOccurrence, CalendarOccurrences, EventRequest, FieldError,
    OccurrenceChange,
};
use cop_core::recurrence::{Series, Window};
use cop_core::zone::{Instant, LocalDateTime, Tzdb, Zones};
use serde::Deserialize;

use crate::api::{existing_community, fingerprint, idempotent_write, json_body, read_body};
use crate::app::AppState;
use crate::identity::Caller;
use crate::problem::Problem;
use crate::storage::{NewEvent, Storage, Write, Written};
use crate::stories::roles_in;

/// The default and largest `limit` of `GET …/occurrences`, and its widest window.
pub const OCCURRENCES_DEFAULT_LIMIT: usize = 100;
pub const OCCURRENCES_MAX_LIMIT: usize = 1000;
pub const OCCURRENCES_MAX_DAYS: i64 = 400;

/// 403 unless `member` is a coordinator or a leader of `community`.
async fn organiser<S: Storage>(
    app: &AppState<S>,
    community: &str,
    member: &str,
) -> Result<(), Problem> {
    let roles = roles_in(app, community, Some(member))
        .await?
        .unwrap_or_default();
    if roles
        .iter()
        .any(|role| role == "coordinator" || role == "leader")
    {
        Ok(())
    } else {
        Err(Problem::new(
            StatusCode::FORBIDDEN,
            "Coordinators and leaders only",
            format!(
                "Only a coordinator or a leader of “{community}” may change its calendar; “{member}” is neither."
            ),
        )
        .with_code("not-an-organiser"))
    }
}

fn to_json<T: serde::Serialize>(value: &T) -> Result<String, Problem> {
    serde_json::to_string(value).map_err(Problem::internal)
}

/// The event's series as stored (it was validated when written).
fn series_of(event: &CalendarEvent) -> Result<Series, Problem> {
    Series::parse(&event.timing).map_err(Problem::internal)
}

/// The earliest and the latest instant the engine works with (years 1 and 9999).
const FIRST: Instant = Instant(-62_135_596_800);
const LAST: Instant = Instant(253_402_300_799);

/// Whether `at` is an occurrence of `series` (before any override).
fn is_occurrence(series: &Series, at: Instant) -> bool {
    cop_core::calendar::is_occurrence(series, at, &Tzdb)
}

/// The event's overrides: (original start, new start or `None`); those that no longer name
/// an occurrence are left out by `cop_core::calendar::occurrences_of`, and here.
fn live_overrides(event: &CalendarEvent, series: &Series) -> Vec<(Instant, Option<Instant>)> {
    parsed_overrides(event)
        .into_iter()
        .filter(|(original, _)| is_occurrence(series, *original))
        .collect()
}

fn parsed_overrides(event: &CalendarEvent) -> Vec<(Instant, Option<Instant>)> {
    event
        .overrides
        .iter()
        .filter_map(|o| {
            let original = Instant::parse_rfc3339(&o.recurrence_id)?;
            let start = match &o.start {
                Some(start) => Some(Instant::parse_rfc3339(start)?),
                None => None,
            };
            Some((original, start))
        })
        .collect()
}

/// The event's occurrences in `[from, to)`, overrides applied: (start, original start), in
/// order, at most `limit`, and whether that is all of them. The one way, shared with the
/// widget: `cop_core::calendar::occurrences_of`.
pub fn occurrences_of(
    event: &CalendarEvent,
    series: &Series,
    from: Instant,
    to: Instant,
    limit: usize,
) -> (Vec<(Instant, Instant)>, bool) {
    cop_core::calendar::occurrences_of(series, &parsed_overrides(event), from, to, limit, &Tzdb)
}

/// The request checked, the zone known to the database: what to store.
fn checked(request: &EventRequest) -> Result<NewEvent, Problem> {
    let valid = request.validate().map_err(Problem::invalid)?;
    let midnight = LocalDateTime::midnight(cop_core::day::Day(0));
    if let Err(unknown) = Tzdb.offsets_at_local(&valid.zone, midnight) {
        return Err(Problem::invalid(vec![FieldError::new(
            "/timing",
            "unknown-time-zone",
            format!("TZID: {unknown}"),
        )]));
    }
    // Expanding once finds what parsing cannot (a zone of an EXDATE or RDATE unknown).
    valid
        .series
        .expand(&Window::new(FIRST, LAST, 1), &Tzdb)
        .map_err(|error| Problem::invalid(vec![timing_error(&error)]))?;
    Ok(NewEvent {
        title: valid.title,
        kind: valid.kind,
        place: valid.r#where,
        duration_minutes: valid.duration_minutes,
        timing: valid.timing,
        zone: valid.zone,
    })
}

const EVENT_BODY: &str = r#"JSON like {"title": "…", "kind": "call", "where": "https://…", "duration_minutes": 60, "timing": "DTSTART;TZID=Europe/Vienna:20260105T090000\nRRULE:FREQ=WEEKLY"}"#;

fn event_answer(written: Written, status: StatusCode) -> Result<(StatusCode, String), Problem> {
    let Written::Event(event) = written else {
        return Err(Problem::internal("an event wrote something else"));
    };
    let event = event.ok_or_else(|| Problem::not_found("The event is gone."))?;
    Ok((status, to_json(&event)?))
}

/// `GET …/events`: the community's events, series and one-offs, by id.
pub async fn list_events<S: Storage>(
    State(app): State<AppState<S>>,
    Path(community): Path<String>,
) -> Result<Json<Vec<CalendarEvent>>, Problem> {
    existing_community(&app, &community).await?;
    app.storage
        .calendar_events(&community)
        .await
        .map(Json)
        .map_err(Problem::internal)
}

/// `POST …/events`: a coordinator or a leader adds an event.
pub async fn create_event<S: Storage>(
    State(app): State<AppState<S>>,
    Path(community): Path<String>,
    Caller(member): Caller,
    headers: HeaderMap,
    body: Result<Bytes, BytesRejection>,
) -> Result<Response, Problem> {
    let body = read_body(&app, body)?;
    existing_community(&app, &community).await?;
    organiser(&app, &community, &member).await?;
    let fingerprint = fingerprint("POST", &format!("/communities/{community}/events"), &body);
    let request: EventRequest = json_body(&body, EVENT_BODY)?;
    let event = checked(&request)?;
    let write = Write::Event {
        community,
        id: None,
        event,
    };
    idempotent_write(&app, &member, &headers, fingerprint, write, |written| {
        event_answer(written, StatusCode::CREATED)
    })
    .await
}

async fn existing_event<S: Storage>(
    app: &AppState<S>,
    community: &str,
    event: &str,
) -> Result<CalendarEvent, Problem> {
    existing_community(app, community).await?;
    app.storage
        .calendar_event(community, event)
        .await
        .map_err(Problem::internal)?
        .ok_or_else(|| Problem::not_found(format!("“{community}” has no event “{event}”.")))
}

/// `PUT …/events/{event}`: a coordinator or a leader changes an event (its overrides stay;
/// those that no longer name an occurrence are ignored).
pub async fn update_event<S: Storage>(
    State(app): State<AppState<S>>,
    Path((community, event)): Path<(String, String)>,
    Caller(member): Caller,
    headers: HeaderMap,
    body: Result<Bytes, BytesRejection>,
) -> Result<Response, Problem> {
    let body = read_body(&app, body)?;
    existing_event(&app, &community, &event).await?;
    organiser(&app, &community, &member).await?;
    let fingerprint = fingerprint(
        "PUT",
        &format!("/communities/{community}/events/{event}"),
        &body,
    );
    let request: EventRequest = json_body(&body, EVENT_BODY)?;
    let checked = checked(&request)?;
    let write = Write::Event {
        community,
        id: Some(event),
        event: checked,
    };
    idempotent_write(&app, &member, &headers, fingerprint, write, |written| {
        event_answer(written, StatusCode::OK)
    })
    .await
}

/// `POST …/events/{event}/occurrences`: a coordinator or a leader cancels or moves one
/// occurrence, named by its original start.
pub async fn change_occurrence<S: Storage>(
    State(app): State<AppState<S>>,
    Path((community, event)): Path<(String, String)>,
    Caller(member): Caller,
    headers: HeaderMap,
    body: Result<Bytes, BytesRejection>,
) -> Result<Response, Problem> {
    let body = read_body(&app, body)?;
    let found = existing_event(&app, &community, &event).await?;
    organiser(&app, &community, &member).await?;
    let fingerprint = fingerprint(
        "POST",
        &format!("/communities/{community}/events/{event}/occurrences"),
        &body,
    );
    let request: OccurrenceChange = json_body(
        &body,
        r#"JSON like {"recurrence_id": "2026-01-05T08:00:00Z", "cancelled": true} or {"recurrence_id": "…", "start": "…"}"#,
    )?;
    let (original, start) = request.validate().map_err(Problem::invalid)?;
    let series = series_of(&found)?;
    if series.all_day() && start.is_some_and(|start| start.0 % 86_400 != 0) {
        return Err(Problem::invalid(vec![FieldError::new(
            "/start",
            "not-a-date",
            "An all-day occurrence moves to a date, given as its midnight in UTC (2026-12-26T00:00:00Z).".into(),
        )]));
    }
    if !is_occurrence(&series, original) {
        return Err(Problem::invalid(vec![FieldError::new(
            "/recurrence_id",
            "not-an-occurrence",
            format!(
                "“{}” has no occurrence starting at {original}.",
                found.title
            ),
        )]));
    }
    let write = Write::Occurrence {
        community,
        event,
        recurrence_id: original.to_string(),
        start: start.map(|start| start.to_string()),
    };
    idempotent_write(&app, &member, &headers, fingerprint, write, |written| {
        event_answer(written, StatusCode::OK)
    })
    .await
}

#[derive(Deserialize)]
pub struct OccurrencesQuery {
    from: Option<String>,
    to: Option<String>,
    limit: Option<String>,
}

/// `GET …/occurrences?from=&to=&limit=`: every event's occurrences in `[from, to)`, as UTC
/// instants, by start (then event id), at most `limit` (1–1000, 100 by default), a window of at
/// most 400 days.
pub async fn occurrences<S: Storage>(
    State(app): State<AppState<S>>,
    Path(community): Path<String>,
    Query(query): Query<OccurrencesQuery>,
) -> Result<Json<CalendarOccurrences>, Problem> {
    existing_community(&app, &community).await?;
    let instant = |name: &str, value: &Option<String>| -> Result<Instant, Problem> {
        let text = value.as_deref().ok_or_else(|| {
            Problem::bad_request(format!("`{name}` is required: an RFC 3339 date-time."))
        })?;
        Instant::parse_rfc3339(text).ok_or_else(|| {
            Problem::bad_request(format!(
                "`{name}` “{text}” is not an RFC 3339 date-time with Z or an offset."
            ))
        })
    };
    let from = instant("from", &query.from)?;
    let to = instant("to", &query.to)?;
    if to <= from {
        return Err(Problem::bad_request("`to` must be later than `from`."));
    }
    if to.0 - from.0 > OCCURRENCES_MAX_DAYS * 86_400 {
        return Err(Problem::bad_request(format!(
            "The window is at most {OCCURRENCES_MAX_DAYS} days."
        )));
    }
    let limit = match query.limit.as_deref() {
        None => OCCURRENCES_DEFAULT_LIMIT,
        Some(text) => text
            .parse::<usize>()
            .ok()
            .filter(|n| (1..=OCCURRENCES_MAX_LIMIT).contains(n))
            .ok_or_else(|| {
                Problem::bad_request(format!(
                    "`limit` must be from 1 to {OCCURRENCES_MAX_LIMIT}."
                ))
            })?,
    };
    let events = app
        .storage
        .calendar_events(&community)
        .await
        .map_err(Problem::internal)?;
    let mut complete = true;
    let mut all = Vec::new();
    for event in &events {
        let series = series_of(event)?;
        let (found, whole) = occurrences_of(event, &series, from, to, limit);
        complete &= whole;
        for (start, original) in found {
            all.push(CalendarOccurrence {
                start: start.to_string(),
                end: Instant(start.0 + i64::from(event.duration_minutes) * 60).to_string(),
                recurrence_id: original.to_string(),
                moved: start != original,
                event: event.id.clone(),
                title: event.title.clone(),
                kind: event.kind.clone(),
                r#where: event.r#where.clone(),
                duration_minutes: event.duration_minutes,
                zone: event.zone.clone(),
                all_day: series.all_day(),
            });
        }
    }
    // RFC 3339 UTC strings of one shape sort as the instants do.
    all.sort_by(|a, b| (&a.start, &a.event).cmp(&(&b.start, &b.event)));
    if all.len() > limit {
        all.truncate(limit);
        complete = false;
    }
    Ok(Json(CalendarOccurrences {
        occurrences: all,
        complete,
    }))
}

/// `GET …/events/{event}` (JSON) and `GET …/events/{event}.ics` (iCalendar).
pub async fn one_event<S: Storage>(
    State(app): State<AppState<S>>,
    Path((community, event)): Path<(String, String)>,
) -> Result<Response, Problem> {
    if let Some(id) = event.strip_suffix(".ics") {
        let found = existing_event(&app, &community, id).await?;
        let name = existing_community(&app, &community).await?.name;
        let ics = ics(&format!("{name}: {}", found.title), &[found], now())?;
        return Ok(calendar_response(ics, &format!("{community}-{id}.ics")));
    }
    Ok(Json(existing_event(&app, &community, &event).await?).into_response())
}

/// `GET …/calendar.ics`: the community's whole calendar, for a `webcal:` subscription.
pub async fn feed<S: Storage>(
    State(app): State<AppState<S>>,
    Path(community): Path<String>,
) -> Result<Response, Problem> {
    let name = existing_community(&app, &community).await?.name;
    let events = app
        .storage
        .calendar_events(&community)
        .await
        .map_err(Problem::internal)?;
    let ics = ics(&name, &events, now())?;
    Ok(calendar_response(ics, &format!("{community}.ics")))
}

fn now() -> Instant {
    Instant(
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_secs() as i64)
            .unwrap_or(0),
    )
}

fn calendar_response(ics: String, filename: &str) -> Response {
    (
        [
            (
                header::CONTENT_TYPE,
                "text/calendar; charset=utf-8".to_owned(),
            ),
            (
                header::CONTENT_DISPOSITION,
                format!("inline; filename=\"{filename}\""),
            ),
        ],
        ics,
    )
        .into_response()
}

/// An iCalendar file being written: CRLF line ends, lines folded at 75 octets (RFC 5545 §3.1),
/// never inside a UTF-8 character.
struct Ics(String);

impl Ics {
    fn line(&mut self, content: &str) {
        let mut rest = content;
        let mut room = 75;
        loop {
            if rest.len() <= room {
                self.0.push_str(rest);
                self.0.push_str("\r\n");
                return;
            }
            let mut cut = room;
            while !rest.is_char_boundary(cut) {
                cut -= 1;
            }
            self.0.push_str(&rest[..cut]);
            self.0.push_str("\r\n ");
            rest = &rest[cut..];
            room = 74;
        }
    }
}

/// A TEXT value escaped (RFC 5545 §3.3.11): `\\`, `\;`, `\,`, line breaks as `\n`.
pub fn escape_text(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\r' => {
                if chars.peek() == Some(&'\n') {
                    chars.next();
                }
                out.push_str("\\n");
            }
            '\n' => out.push_str("\\n"),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

fn basic_utc(at: Instant) -> String {
    let local = at.to_local_utc();
    format!("{}Z", basic(local))
}

/// `YYYYMMDDTHHMMSS`.
fn basic(local: LocalDateTime) -> String {
    let (y, m, d) = local.date.ymd();
    format!(
        "{y:04}{m:02}{d:02}T{:02}{:02}{:02}",
        local.hour(),
        local.minute(),
        local.second()
    )
}

/// A date-time property at `at`, on `zone`'s wall clock (`NAME;TZID=zone:…`), or in UTC; for
/// an all-day event, the date `at` names (its midnight in UTC: `NAME;VALUE=DATE:…`).
fn date_time(name: &str, zone: &str, at: Instant, all_day: bool) -> Result<String, Problem> {
    if all_day {
        // An all-day occurrence is named by its date's midnight in UTC.
        let (y, m, d) = at.to_local_utc().date.ymd();
        return Ok(format!("{name};VALUE=DATE:{y:04}{m:02}{d:02}"));
    }
    if zone == "UTC" {
        return Ok(format!("{name}:{}", basic_utc(at)));
    }
    let tz = jiff::tz::TimeZone::get(zone).map_err(Problem::internal)?;
    let offset = tz
        .to_offset(jiff::Timestamp::from_second(at.0).map_err(Problem::internal)?)
        .seconds();
    let local = LocalDateTime::from_seconds(at.0 + i64::from(offset));
    Ok(format!("{name};TZID={zone}:{}", basic(local)))
}

fn utc_offset(seconds: i32) -> String {
    let sign = if seconds < 0 { '-' } else { '+' };
    let s = seconds.unsigned_abs();
    let (h, m, sec) = (s / 3600, s / 60 % 60, s % 60);
    if sec == 0 {
        format!("{sign}{h:02}{m:02}")
    } else {
        format!("{sign}{h:02}{m:02}{sec:02}")
    }
}

/// The year of an event's `DTSTART` (its first line).
fn start_year(event: &CalendarEvent) -> i32 {
    event
        .timing
        .lines()
        .find(|line| line.to_ascii_uppercase().starts_with("DTSTART"))
        .and_then(|line| line.rsplit(':').next())
        .and_then(|value| value.get(..4))
        .and_then(|year| year.parse().ok())
        .unwrap_or(1970)
}

/// Years after the later of the first `DTSTART` and now that a zone's transitions are written
/// for: calendar programs use the last observance after them.
const VTIMEZONE_YEARS_AHEAD: i32 = 10;

/// `zone`'s `VTIMEZONE` from January 1 of `first` to the end of `last`: an observance on
/// January 1 with the offset then, and each transition of the IANA database in between, as
/// `STANDARD` or `DAYLIGHT` with its offsets and abbreviation.
fn vtimezone(out: &mut Ics, zone: &str, first: i32, last: i32) -> Result<(), Problem> {
    let tz = jiff::tz::TimeZone::get(zone).map_err(Problem::internal)?;
    let year_start = |year: i32| -> Result<jiff::Timestamp, Problem> {
        let year = i16::try_from(year.clamp(1, 9998)).map_err(Problem::internal)?;
        tz.to_timestamp(jiff::civil::date(year, 1, 1).at(0, 0, 0, 0))
            .map_err(Problem::internal)
    };
    let (start, end) = (year_start(first)?, year_start(last + 1)?);
    out.line("BEGIN:VTIMEZONE");
    out.line(&format!("TZID:{zone}"));
    let observance =
        |out: &mut Ics, at: jiff::Timestamp, from: i32, to: i32, dst: bool, name: &str| {
            let kind = if dst { "DAYLIGHT" } else { "STANDARD" };
            out.line(&format!("BEGIN:{kind}"));
            // The onset on the wall clock before it (RFC 5545 §3.6.5).
            let local = LocalDateTime::from_seconds(at.as_second() + i64::from(from));
            out.line(&format!("DTSTART:{}", basic(local)));
            out.line(&format!("TZOFFSETFROM:{}", utc_offset(from)));
            out.line(&format!("TZOFFSETTO:{}", utc_offset(to)));
            if !name.is_empty() {
                out.line(&format!("TZNAME:{}", escape_text(name)));
            }
            out.line(&format!("END:{kind}"));
        };
    let info = tz.to_offset_info(start);
    let offset = info.offset().seconds();
    observance(
        out,
        start,
        offset,
        offset,
        info.dst().is_dst(),
        info.abbreviation(),
    );
    for transition in tz.following(start) {
        let at = transition.timestamp();
        if at >= end {
            break;
        }
        let before = tz
            .to_offset(
                at.checked_sub(jiff::SignedDuration::from_secs(1))
                    .map_err(Problem::internal)?,
            )
            .seconds();
        observance(
            out,
            at,
            before,
            transition.offset().seconds(),
            transition.dst().is_dst(),
            transition.abbreviation(),
        );
    }
    out.line("END:VTIMEZONE");
    Ok(())
}

/// An iCalendar file of `events`: a `VTIMEZONE` per zone used, each event's `VEVENT` (its
/// timing's lines, cancelled occurrences as `EXDATE`s) and a `VEVENT` with `RECURRENCE-ID`
/// per moved occurrence. `UID`s are stable per event; `DTSTAMP` is `now`.
pub fn ics(name: &str, events: &[CalendarEvent], now: Instant) -> Result<String, Problem> {
    let mut out = Ics(String::new());
    out.line("BEGIN:VCALENDAR");
    out.line("VERSION:2.0");
    out.line("PRODID:-//cop-widgets//cop-server//EN");
    out.line("CALSCALE:GREGORIAN");
    out.line("METHOD:PUBLISH");
    out.line(&format!("X-WR-CALNAME:{}", escape_text(name)));
    out.line("REFRESH-INTERVAL;VALUE=DURATION:PT1H");
    out.line("X-PUBLISHED-TTL:PT1H");
    let this_year = now.to_local_utc().date.ymd().0;
    let mut zones: std::collections::BTreeMap<&str, i32> = std::collections::BTreeMap::new();
    for event in events.iter().filter(|e| e.zone != "UTC") {
        let year = start_year(event);
        zones
            .entry(&event.zone)
            .and_modify(|first| *first = (*first).min(year))
            .or_insert(year);
    }
    for (zone, first) in &zones {
        vtimezone(
            &mut out,
            zone,
            *first,
            (*first).max(this_year) + VTIMEZONE_YEARS_AHEAD,
        )?;
    }
    let stamp = basic_utc(now);
    for event in events {
        let series = series_of(event)?;
        let overrides = live_overrides(event, &series);
        let all_day = series.all_day();
        let uid = format!("UID:{}-{}@cop-widgets", event.community, event.id);
        let common = |out: &mut Ics| {
            out.line(&uid);
            out.line(&format!("DTSTAMP:{stamp}"));
            out.line(&format!("SEQUENCE:{}", event.sequence));
            out.line(&format!("SUMMARY:{}", escape_text(&event.title)));
            if all_day {
                // RFC 5545 §3.8.2.5: an all-day event's duration is in days.
                out.line(&format!(
                    "DURATION:P{}D",
                    event.duration_minutes / (24 * 60)
                ));
            } else {
                out.line(&format!("DURATION:PT{}M", event.duration_minutes));
            }
            out.line(&format!("CATEGORIES:{}", escape_text(&event.kind)));
            if let Some(place) = &event.r#where {
                out.line(&format!("LOCATION:{}", escape_text(place)));
                if place.starts_with("https://") || place.starts_with("http://") {
                    out.line(&format!("URL:{place}"));
                }
            }
        };
        out.line("BEGIN:VEVENT");
        common(&mut out);
        for line in event.timing.lines() {
            out.line(line);
        }
        for (original, _) in overrides.iter().filter(|(_, start)| start.is_none()) {
            out.line(&date_time("EXDATE", &event.zone, *original, all_day)?);
        }
        out.line("END:VEVENT");
        for (original, start) in &overrides {
            let Some(start) = start else { continue };
            out.line("BEGIN:VEVENT");
            common(&mut out);
            out.line(&date_time(
                "RECURRENCE-ID",
                &event.zone,
                *original,
                all_day,
            )?);
            out.line(&date_time("DTSTART", &event.zone, *start, all_day)?);
            out.line("END:VEVENT");
        }
    }
    out.line("END:VCALENDAR");
    Ok(out.0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_is_escaped_and_lines_fold_at_75_octets_between_characters() {
        assert_eq!(escape_text("a\\b;c,d\r\ne\nf"), "a\\\\b\\;c\\,d\\ne\\nf");
        let mut ics = Ics(String::new());
        let long = format!("SUMMARY:{}", "é".repeat(100));
        ics.line(&long);
        for (i, line) in ics.0.split("\r\n").filter(|l| !l.is_empty()).enumerate() {
            assert!(line.len() <= 75, "{line}");
            assert_eq!(line.starts_with(' '), i > 0);
        }
        let unfolded = ics.0.replace("\r\n ", "");
        assert_eq!(unfolded, format!("{long}\r\n"));
    }

    #[test]
    fn offsets_are_written_with_seconds_only_when_needed() {
        assert_eq!(utc_offset(3600), "+0100");
        assert_eq!(utc_offset(-5 * 3600), "-0500");
        assert_eq!(utc_offset(19800), "+0530");
        assert_eq!(utc_offset(-1), "-000001");
    }
}
