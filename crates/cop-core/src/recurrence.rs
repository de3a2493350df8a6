//! Recurring activities: an RFC 5545 series (`DTSTART`, `RRULE`, `RDATE`, `EXDATE`) expanded
//! into its occurrences between two instants.
//!
//! A community's weekly call, monthly webinar or quarterly case clinic is written as the lines
//! a calendar exports, and [`expand`] turns it into the occurrences a window of time holds, as
//! UTC instants (or dates, for all-day activities), in order:
//!
//! ```
//! use cop_core::recurrence::{expand, Window};
//! use cop_core::zone::{FixedOffsets, Instant};
//!
//! let series = "DTSTART:20260105T080000Z\n\
//!               RRULE:FREQ=WEEKLY;BYDAY=MO\n\
//!               EXDATE:20260112T080000Z";
//! let window = Window::new(
//!     Instant::parse_rfc3339("2026-01-01T00:00:00Z").unwrap(),
//!     Instant::parse_rfc3339("2026-02-01T00:00:00Z").unwrap(),
//!     10,
//! );
//! let found = expand(series, &window, &FixedOffsets(&[])).unwrap();
//! let shown: Vec<String> = found.occurrences.iter().map(|o| o.to_string()).collect();
//! assert_eq!(shown, [
//!     "2026-01-05T08:00:00Z",
//!     // 2026-01-12 is an EXDATE
//!     "2026-01-19T08:00:00Z",
//!     "2026-01-26T08:00:00Z",
//! ]);
//! ```
//!
//! # In the activity's own zone
//!
//! A series with `DTSTART;TZID=…` is expanded on that zone's wall clock and each occurrence
//! converted to UTC afterwards, so a 09:00 call in Vienna stays at 09:00 in Vienna, and moves
//! by an hour for someone in New York when Europe and America change their clocks on different
//! dates. The zone data comes through the [`Zones`] trait: [`crate::zone::Tzdb`] (feature `tz`,
//! `jiff`) natively, the browser's `Intl` in the wasm. A local time in a spring-forward gap is
//! moved forward by the gap; one that happens twice is the first (RFC 5545 §3.3.5):
//!
//! ```
//! # #[cfg(feature = "tz")] {
//! use cop_core::recurrence::{expand, Window};
//! use cop_core::zone::{Instant, Tzdb};
//!
//! let series = "DTSTART;TZID=Europe/Vienna:20260322T023000\nRRULE:FREQ=WEEKLY;COUNT=3";
//! let window = Window::new(Instant(0), Instant::parse_rfc3339("2027-01-01T00:00:00Z").unwrap(), 10);
//! let found = expand(series, &window, &Tzdb).unwrap();
//! let shown: Vec<String> = found.occurrences.iter().map(|o| o.to_string()).collect();
//! assert_eq!(shown, [
//!     "2026-03-22T01:30:00Z", // 02:30 CET
//!     "2026-03-29T01:30:00Z", // 02:30 does not exist that night: 03:30 CEST
//!     "2026-04-05T00:30:00Z", // 02:30 CEST
//! ]);
//! # }
//! ```
//!
//! Floating times (no `TZID`, no `Z`) and all-day dates (`VALUE=DATE`) are the same wall clock
//! everywhere; to place them on the time line they are read in [`Window::floating_zone`]
//! (UTC unless set, e.g. to the member's own zone). All-day occurrences come out as
//! [`Occurrence::Date`].
//!
//! # What the rules mean
//!
//! RFC 5545 §3.3.10 and §3.8.5, with these readings where implementations differ:
//!
//! - **DTSTART is always the first occurrence**, even when it does not match the rule, and it
//!   counts towards `COUNT` ("The DTSTART property value always counts as the first
//!   occurrence"). python-dateutil, for one, skips a DTSTART that does not match.
//! - **`COUNT` counts before `EXDATE`**: the rule generates `COUNT` occurrences, then the
//!   `EXDATE`s are removed (§3.8.5.1: the set is what `RRULE` and `RDATE` give, less
//!   `EXDATE`), so an excluded occurrence is not replaced by a later one. `RDATE`s do not
//!   count.
//! - A floating `RDATE` or `EXDATE` (no `TZID`, no `Z`) beside a `DTSTART` with a zone is
//!   read in that zone; with a `TZID` or `Z` of their own they are compared as instants.
//! - `UNTIL` is inclusive. With a `DTSTART` in UTC or with a zone it must be a UTC date-time
//!   (`…Z`); with a floating one, floating; with a date, a date.
//! - Dates that do not exist (February 30, the 31st of a short month) are skipped, never
//!   moved. A rule that matches nothing (`FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=30`) gives only
//!   its DTSTART.
//! - `BYDAY` ordinals (`2TU`, `-1FR`) count within the month for `MONTHLY`, and for `YEARLY`
//!   with `BYMONTH`; within the year for `YEARLY` without it. A `BYDAY` list may mix ordinals
//!   and plain days (`1MO,FR`): a day matching either is kept.
//! - Without `BYDAY`, `BYMONTHDAY`, `BYYEARDAY` or `BYWEEKNO`, the day comes from DTSTART:
//!   its weekday for `WEEKLY`, its day of the month for `MONTHLY`, its day and month for
//!   `YEARLY` (§3.3.10).
//! - `BYSETPOS` picks from each period's occurrences (all its days and times) in order.
//! - `BYHOUR`, `BYMINUTE` and `BYSECOND` expand the times of a day.
//!
//! Refused, each with an error naming the part ([`RecurrenceError::part`]): `FREQ=HOURLY`,
//! `MINUTELY` and `SECONDLY`; parts the RFC forbids in a combination (`BYSETPOS` alone,
//! `BYWEEKNO` outside `YEARLY`, `BYYEARDAY` with `DAILY`/`WEEKLY`/`MONTHLY`, `BYMONTHDAY` with
//! `WEEKLY`, `BYDAY` ordinals outside `MONTHLY`/`YEARLY` or with `BYWEEKNO`, `COUNT` with
//! `UNTIL`); unknown parts and properties; `RDATE;VALUE=PERIOD`; `EXRULE`; a second `RRULE`
//! (deprecated by RFC 5545); `RECURRENCE-ID;RANGE=THISANDFUTURE`; leap seconds. Nothing is
//! silently dropped.
//!
//! # Overrides and whole calendar files
//!
//! One occurrence moved or cancelled is a `VEVENT` with a `RECURRENCE-ID` (the occurrence's
//! original start) and its new `DTSTART`, or `STATUS:CANCELLED`, after the series' lines
//! (which may be bare, or a `VEVENT` of their own). The original occurrence is removed (it
//! still counted towards `COUNT`); the new start is an occurrence wherever it falls. A whole
//! `.ics` file with one series is read too: `VCALENDAR`'s own properties, `VTIMEZONE` (zones
//! come from the database, by `TZID`), `VALARM`, and a `VEVENT`'s properties that do not say
//! when it happens (`SUMMARY`, `UID`, `DTEND`…) are skipped.
//!
//! # Bounded
//!
//! Expansion returns at most [`Window::limit`] occurrences, and examines at most
//! [`MAX_PERIODS`] periods (years, months, weeks or days of the rule) and [`MAX_WORK`] days
//! and candidate times per window (a day has at most [`MAX_TIMES_A_DAY`] times). Rules
//! without `COUNT` jump straight to the window, so the caps are only met by rules that keep
//! missing (a daily rule limited to February 30 asked about a thousand years) or that start
//! long before the window with a `COUNT`.
//! [`Expansion::stopped`] says whether everything in the window was returned.
//!
//! # Why not an existing crate
//!
//! The `rrule` crate depends on `chrono` and `chrono-tz`, which would compile the whole zone
//! database into the wasm that every host page downloads; the widgets need the zone data
//! behind a trait the browser can answer. The calendar arithmetic is [`crate::day::Day`]'s
//! (already in the wasm); `jiff` answers the zone questions natively.

use crate::day::{days_in_month, is_leap, Day};
use crate::zone::{parse_hms, Instant, LocalDateTime, UnknownZone, Zones};
use std::fmt;

/// The most periods (years, months, weeks or days, per `FREQ`) one expansion examines.
pub const MAX_PERIODS: u32 = 100_000;

/// The most days and candidate times one expansion examines, all periods together (a yearly
/// rule that never matches, asked about every year to 9999, examines about 2.9 million days).
pub const MAX_WORK: u64 = 4_000_000;

/// The most times of day `BYHOUR` × `BYMINUTE` × `BYSECOND` may give (one a minute).
pub const MAX_TIMES_A_DAY: usize = 1440;

/// The most `RDATE` and `EXDATE` values one series may list, altogether.
pub const MAX_DATES: usize = 10_000;

/// The largest `INTERVAL`.
pub const MAX_INTERVAL: u32 = 10_000;

/// The latest year occurrences are looked for in.
const LAST_YEAR: i32 = 9999;

/// How far a wall clock may be from UTC, and more (the extremes are −12 h and +14 h).
const OFFSET_MARGIN: i64 = 27 * 3600;

/// A series that cannot be expanded: the part of it at fault, and why.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RecurrenceError {
    part: String,
    message: String,
}

impl RecurrenceError {
    fn new(part: &str, message: impl Into<String>) -> RecurrenceError {
        RecurrenceError {
            part: part.to_owned(),
            message: message.into(),
        }
    }

    /// The property or rule part at fault: `DTSTART`, `BYSETPOS`, `FREQ`, `TZID`, `EXDATE`…
    pub fn part(&self) -> &str {
        &self.part
    }

    /// What is wrong, in English, naming the part.
    pub fn message(&self) -> &str {
        &self.message
    }
}

impl fmt::Display for RecurrenceError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for RecurrenceError {}

impl From<UnknownZone> for RecurrenceError {
    fn from(error: UnknownZone) -> RecurrenceError {
        RecurrenceError::new("TZID", error.to_string())
    }
}

/// One occurrence of a series.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Occurrence {
    /// A date-time occurrence, in UTC. Shown as RFC 3339 (`2026-01-05T08:00:00Z`).
    At(Instant),
    /// An all-day occurrence (`DTSTART;VALUE=DATE`). Shown as `2026-01-05`.
    Date(Day),
}

impl fmt::Display for Occurrence {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Occurrence::At(instant) => instant.fmt(f),
            Occurrence::Date(day) => day.fmt(f),
        }
    }
}

/// Which occurrences to return: those at or after `from` and before `to`, at most `limit`.
#[derive(Clone, Copy, Debug)]
pub struct Window<'a> {
    pub from: Instant,
    pub to: Instant,
    pub limit: usize,
    /// The zone floating times and all-day dates are read in to compare them with `from` and
    /// `to` (and to give floating times as UTC). `None`: UTC.
    pub floating_zone: Option<&'a str>,
}

impl Window<'_> {
    /// `[from, to)`, at most `limit` occurrences, floating times read in UTC.
    pub fn new(from: Instant, to: Instant, limit: usize) -> Window<'static> {
        Window {
            from,
            to,
            limit,
            floating_zone: None,
        }
    }
}

/// Why an expansion stopped.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Stopped {
    /// Every occurrence in the window was returned.
    Complete,
    /// `limit` occurrences were returned; the window holds more.
    Limit,
    /// [`MAX_PERIODS`] periods were examined before the end of the window: later
    /// occurrences in the window (if any) were not looked for.
    Cap,
}

/// The occurrences found in a window, in order, and whether that is all of them.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Expansion {
    pub occurrences: Vec<Occurrence>,
    pub stopped: Stopped,
}

/// Parses `ical` and expands it in `window` with `zones`: shorthand for
/// [`Series::parse`] then [`Series::expand`].
pub fn expand(
    ical: &str,
    window: &Window<'_>,
    zones: &dyn Zones,
) -> Result<Expansion, RecurrenceError> {
    Series::parse(ical)?.expand(window, zones)
}

/// How a date-time value is anchored to the time line.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Anchor {
    /// `TZID=…`: a wall clock in that zone.
    Zone(String),
    /// `…Z`.
    Utc,
    /// Neither: the same wall clock everywhere.
    Floating,
    /// `VALUE=DATE`: a whole day, the same everywhere.
    Date,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Value {
    pub(crate) local: LocalDateTime,
    pub(crate) anchor: Anchor,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum Freq {
    Daily,
    Weekly,
    Monthly,
    Yearly,
}

/// Monday is 0 (as RFC 5545's default `WKST=MO`).
pub(crate) type Weekday = u8;

fn weekday(day: Day) -> Weekday {
    // 1970-01-01 was a Thursday.
    (i64::from(day.0) + 3).rem_euclid(7) as Weekday
}

const WEEKDAYS: [&str; 7] = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"];

/// A parsed `RRULE`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Rule {
    pub(crate) freq: Freq,
    pub(crate) interval: u32,
    pub(crate) count: Option<u32>,
    pub(crate) until: Option<Value>,
    pub(crate) by_second: Vec<u8>,
    pub(crate) by_minute: Vec<u8>,
    pub(crate) by_hour: Vec<u8>,
    /// Plain weekdays (`MO`).
    pub(crate) by_day: Vec<Weekday>,
    /// Ordinal weekdays (`2TU`, `-1FR`).
    pub(crate) by_nth_day: Vec<(i8, Weekday)>,
    pub(crate) by_month_day: Vec<i8>,
    pub(crate) by_year_day: Vec<i16>,
    pub(crate) by_week_no: Vec<i8>,
    pub(crate) by_month: Vec<u8>,
    pub(crate) by_set_pos: Vec<i16>,
    pub(crate) wkst: Weekday,
}

/// A parsed series: its DTSTART, its rule if any, its extra and excluded dates.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Series {
    pub(crate) start: Value,
    pub(crate) rule: Option<Rule>,
    pub(crate) rdates: Vec<Value>,
    pub(crate) exdates: Vec<Value>,
    overrides: Vec<Override>,
}

/// A `VEVENT` with a `RECURRENCE-ID`: one occurrence moved, or cancelled.
#[derive(Clone, Debug, PartialEq, Eq)]
struct Override {
    /// The occurrence it replaces (its original start).
    id: Value,
    /// Its new start; `None`: cancelled (`STATUS:CANCELLED`).
    start: Option<Value>,
}

/// Splits content lines into bare ones (outside any component, or the recurrence
/// properties of a `VCALENDAR`) and `VEVENT`s; skips `VTIMEZONE` (zones come from the
/// database by name) and `VALARM`.
#[allow(clippy::type_complexity)]
fn components<'l, 'a>(
    lines: &'l [Line<'a>],
) -> Result<(Vec<&'l Line<'a>>, Vec<Vec<&'l Line<'a>>>), RecurrenceError> {
    let mut bare = Vec::new();
    let mut events = Vec::new();
    let mut event: Option<Vec<&Line<'a>>> = None;
    let mut skipping: Vec<&str> = Vec::new();
    let mut in_calendar = false;
    for line in lines {
        let (begin, end) = (is(line.name, "BEGIN"), is(line.name, "END"));
        if !skipping.is_empty() {
            if begin {
                skipping.push(line.value);
            } else if end {
                skipping.pop();
            }
            continue;
        }
        if begin {
            if is(line.value, "VCALENDAR") && !in_calendar && event.is_none() {
                in_calendar = true;
            } else if is(line.value, "VEVENT") && event.is_none() {
                event = Some(Vec::new());
            } else if is(line.value, "VTIMEZONE") || is(line.value, "VALARM") {
                skipping.push(line.value);
            } else {
                return Err(RecurrenceError::new(
                    "BEGIN",
                    format!(
                        "BEGIN:{} is not supported here (VCALENDAR, VEVENT)",
                        line.value
                    ),
                ));
            }
        } else if end {
            if is(line.value, "VEVENT") && event.is_some() {
                events.extend(event.take());
            } else if is(line.value, "VCALENDAR") && in_calendar && event.is_none() {
                in_calendar = false;
            } else {
                return Err(RecurrenceError::new(
                    "END",
                    format!("END:{} closes nothing that is open", line.value),
                ));
            }
        } else if let Some(event) = &mut event {
            event.push(line);
        } else if in_calendar {
            // VERSION, PRODID, METHOD…: about the file, not the series.
            if ["DTSTART", "RRULE", "RDATE", "EXDATE"]
                .iter()
                .any(|n| is(line.name, n))
            {
                bare.push(line);
            } else if is(line.name, "CALSCALE") && !is(line.value, "GREGORIAN") {
                return Err(RecurrenceError::new(
                    "CALSCALE",
                    format!("CALSCALE:{} is not supported (GREGORIAN only)", line.value),
                ));
            }
        } else {
            bare.push(line);
        }
    }
    if event.is_some() || !skipping.is_empty() || in_calendar {
        return Err(RecurrenceError::new(
            "END",
            "a BEGIN:… is not closed by its END:…",
        ));
    }
    Ok((bare, events))
}

/// An override's lines: `RECURRENCE-ID`, and its new `DTSTART` or `STATUS:CANCELLED`.
fn parse_override(lines: &[&Line<'_>], series: &Value) -> Result<Override, RecurrenceError> {
    let mut id = None;
    let mut start = None;
    let mut cancelled = false;
    for line in lines {
        let name = line.name;
        if is(name, "RECURRENCE-ID") || is(name, "DTSTART") {
            let part = if is(name, "DTSTART") {
                "DTSTART"
            } else {
                "RECURRENCE-ID"
            };
            let slot = if part == "DTSTART" {
                &mut start
            } else {
                &mut id
            };
            if slot.is_some() {
                return Err(RecurrenceError::new(
                    part,
                    format!("an override gives {part} twice"),
                ));
            }
            let mut values = parse_values(line, part)?;
            let (Some(mut value), true) = (values.pop(), values.is_empty()) else {
                return Err(RecurrenceError::new(
                    part,
                    format!("{part} takes one value"),
                ));
            };
            if (value.anchor == Anchor::Date) != (series.anchor == Anchor::Date) {
                let needs = if series.anchor == Anchor::Date {
                    "a date"
                } else {
                    "a date-time"
                };
                return Err(RecurrenceError::new(
                    part,
                    format!("the {part} of an override must be {needs}, like the series' DTSTART"),
                ));
            }
            if value.anchor == Anchor::Floating
                && matches!(series.anchor, Anchor::Zone(_) | Anchor::Utc)
            {
                value.anchor = series.anchor.clone();
            }
            *slot = Some(value);
        } else if is(name, "STATUS") {
            cancelled = is(line.value, "CANCELLED");
        } else if ["RRULE", "RDATE", "EXDATE", "EXRULE"]
            .iter()
            .any(|n| is(name, n))
        {
            return Err(RecurrenceError::new(
                name,
                format!("{name} in an override (a VEVENT with RECURRENCE-ID) is not supported"),
            ));
        }
    }
    let id = id
        .ok_or_else(|| RecurrenceError::new("RECURRENCE-ID", "an override has no RECURRENCE-ID"))?;
    let start = if cancelled {
        None
    } else {
        Some(start.unwrap_or_else(|| id.clone()))
    };
    Ok(Override { id, start })
}

/// A content line: name, parameters, value (RFC 5545 §3.1).
struct Line<'a> {
    name: &'a str,
    params: Vec<(&'a str, &'a str)>,
    value: &'a str,
}

fn parse_line(line: &str) -> Result<Line<'_>, RecurrenceError> {
    let bytes = line.as_bytes();
    let name_end = bytes
        .iter()
        .position(|&b| b == b';' || b == b':')
        .ok_or_else(|| {
            RecurrenceError::new(
                "line",
                format!("\"{line}\" is not a content line (NAME:value)"),
            )
        })?;
    // `get`, not `[..]`: the indices are at ASCII bytes, and a slice that cannot fail brings
    // no panic for a slice off a character boundary into the wasm (see `text::split_once_str`).
    let name = line.get(..name_end).unwrap_or_default();
    let mut params = Vec::new();
    let mut at = name_end;
    while bytes.get(at) == Some(&b';') {
        let start = at + 1;
        let eq = start
            + bytes[start..]
                .iter()
                .position(|&b| b == b'=' || b == b':' || b == b';')
                .filter(|&i| bytes[start + i] == b'=')
                .ok_or_else(|| {
                    RecurrenceError::new(name, format!("a parameter of {name} has no value"))
                })?;
        let key = line.get(start..eq).unwrap_or_default();
        let mut end = eq + 1;
        let value = if bytes.get(end) == Some(&b'"') {
            let close = bytes[end + 1..]
                .iter()
                .position(|&b| b == b'"')
                .ok_or_else(|| {
                    RecurrenceError::new(
                        name,
                        format!("a quoted parameter of {name} is not closed"),
                    )
                })?;
            let value = line.get(end + 1..end + 1 + close).unwrap_or_default();
            end = end + 2 + close;
            value
        } else {
            let len = bytes[end..]
                .iter()
                .position(|&b| b == b';' || b == b':')
                .unwrap_or(bytes.len() - end);
            let value = line.get(end..end + len).unwrap_or_default();
            end += len;
            value
        };
        params.push((key, value));
        at = end;
    }
    if bytes.get(at) != Some(&b':') {
        return Err(RecurrenceError::new(
            name,
            format!("{name} has no value (NAME:value)"),
        ));
    }
    Ok(Line {
        name,
        params,
        value: line.get(at + 1..).unwrap_or_default(),
    })
}

fn is(text: &str, name: &str) -> bool {
    text.eq_ignore_ascii_case(name)
}

/// `YYYYMMDD` or `YYYYMMDDTHHMMSS[Z]`, with the line's `TZID` and `VALUE`.
fn parse_values(line: &Line<'_>, part: &str) -> Result<Vec<Value>, RecurrenceError> {
    let mut zone = None;
    let mut date_only = None;
    for &(key, value) in &line.params {
        if is(key, "TZID") {
            let name = value.strip_prefix('/').unwrap_or(value);
            if name.is_empty() {
                return Err(RecurrenceError::new(
                    "TZID",
                    format!("{part} has an empty TZID"),
                ));
            }
            zone = Some(name.to_owned());
        } else if is(key, "VALUE") {
            date_only = Some(if is(value, "DATE") {
                true
            } else if is(value, "DATE-TIME") {
                false
            } else if is(value, "PERIOD") {
                return Err(RecurrenceError::new(
                    part,
                    format!("{part};VALUE=PERIOD is not supported (give the start date-times)"),
                ));
            } else {
                return Err(RecurrenceError::new(
                    part,
                    format!("{part};VALUE={value} is not DATE or DATE-TIME"),
                ));
            });
        } else {
            return Err(RecurrenceError::new(
                part,
                format!("the parameter {key} of {part} is not supported"),
            ));
        }
    }
    let mut values = Vec::new();
    for text in line.value.split(',') {
        let value = parse_value(text.trim(), part, zone.as_deref())?;
        match (date_only, &value.anchor) {
            (Some(true), Anchor::Date)
            | (None | Some(false), Anchor::Zone(_) | Anchor::Utc | Anchor::Floating) => {}
            (Some(true), _) => {
                return Err(RecurrenceError::new(
                    part,
                    format!("{part};VALUE=DATE needs a date (YYYYMMDD), not \"{text}\""),
                ))
            }
            (None | Some(false), Anchor::Date) => {
                return Err(RecurrenceError::new(
                    part,
                    format!("{part} \"{text}\" is a date: add VALUE=DATE, or give a time"),
                ))
            }
        }
        values.push(value);
    }
    Ok(values)
}

fn parse_value(text: &str, part: &str, zone: Option<&str>) -> Result<Value, RecurrenceError> {
    let bad = || {
        RecurrenceError::new(
            part,
            format!("{part} \"{text}\" is not a date (YYYYMMDD) or date-time (YYYYMMDDTHHMMSS, with Z for UTC)"),
        )
    };
    let digits = |range: std::ops::Range<usize>| -> Option<u32> {
        let s = text.get(range)?;
        if s.bytes().all(|b| b.is_ascii_digit()) {
            s.parse().ok()
        } else {
            None
        }
    };
    let year = digits(0..4).ok_or_else(bad)?;
    let month = digits(4..6).ok_or_else(bad)?;
    let day = digits(6..8).ok_or_else(bad)?;
    if !(1..=LAST_YEAR as u32).contains(&year) {
        return Err(RecurrenceError::new(
            part,
            format!("{part} \"{text}\": the year must be between 0001 and 9999"),
        ));
    }
    let date = Day::from_ymd(year as i32, month, day).ok_or_else(|| {
        RecurrenceError::new(part, format!("{part} \"{text}\" is not a date that exists"))
    })?;
    if text.len() == 8 {
        if zone.is_some() {
            return Err(RecurrenceError::new(
                part,
                format!("{part} \"{text}\" is a date: a date has no TZID"),
            ));
        }
        return Ok(Value {
            local: LocalDateTime::midnight(date),
            anchor: Anchor::Date,
        });
    }
    if text.as_bytes().get(8) != Some(&b'T') {
        return Err(bad());
    }
    let (time, utc) = match text.get(9..).ok_or_else(bad)? {
        t if t.len() == 7 && t.ends_with('Z') => (t.get(..6).ok_or_else(bad)?, true),
        t if t.len() == 6 => (t, false),
        _ => return Err(bad()),
    };
    let (hour, minute, second) = parse_hms(time, 0).ok_or_else(bad)?;
    if second == 60 {
        return Err(RecurrenceError::new(
            part,
            format!("{part} \"{text}\": leap seconds are not supported"),
        ));
    }
    let local = LocalDateTime::new(date, hour, minute, second).ok_or_else(|| {
        RecurrenceError::new(part, format!("{part} \"{text}\" is not a time that exists"))
    })?;
    let anchor = match (utc, zone) {
        (true, Some(_)) => {
            return Err(RecurrenceError::new(
                part,
                format!("{part} \"{text}\" is in UTC (Z) and has a TZID: give one or the other"),
            ))
        }
        (true, None) => Anchor::Utc,
        (false, Some(zone)) => Anchor::Zone(zone.to_owned()),
        (false, None) => Anchor::Floating,
    };
    Ok(Value { local, anchor })
}

/// `parse_numbers`, each number made a `T`. A `fn`, not a closure, and the parsing out of
/// the generic part: one copy of the parser instead of one per call site (wasm size).
fn parse_list<T>(
    part: &str,
    text: &str,
    range: (i32, i32),
    nonzero: bool,
    convert: fn(i32) -> T,
) -> Result<Vec<T>, RecurrenceError> {
    Ok(parse_numbers(part, text, range, nonzero)?
        .into_iter()
        .map(convert)
        .collect())
}

fn parse_numbers(
    part: &str,
    text: &str,
    range: (i32, i32),
    nonzero: bool,
) -> Result<Vec<i32>, RecurrenceError> {
    let mut out = Vec::new();
    for item in text.split(',') {
        let n: i32 = item.parse().ok().ok_or_else(|| {
            RecurrenceError::new(part, format!("{part}: \"{item}\" is not a whole number"))
        })?;
        let (low, high) = range;
        let ok = if nonzero {
            n != 0 && (-high..=high).contains(&n)
        } else {
            (low..=high).contains(&n)
        };
        if !ok {
            let expected = if nonzero {
                format!("1 to {high} or -{high} to -1")
            } else {
                format!("{low} to {high}")
            };
            return Err(RecurrenceError::new(
                part,
                format!("{part}: {n} is out of range ({expected})"),
            ));
        }
        out.push(n);
    }
    Ok(out)
}

fn parse_weekday(part: &str, text: &str) -> Result<Weekday, RecurrenceError> {
    WEEKDAYS
        .iter()
        .position(|code| is(text, code))
        .map(|i| i as Weekday)
        .ok_or_else(|| {
            RecurrenceError::new(
                part,
                format!("{part}: \"{text}\" is not a weekday (MO, TU, WE, TH, FR, SA, SU)"),
            )
        })
}

fn parse_rule(text: &str, start: &Value) -> Result<Rule, RecurrenceError> {
    let mut seen: Vec<&str> = Vec::new();
    let mut freq = None;
    let mut rule = Rule {
        freq: Freq::Daily,
        interval: 1,
        count: None,
        until: None,
        by_second: Vec::new(),
        by_minute: Vec::new(),
        by_hour: Vec::new(),
        by_day: Vec::new(),
        by_nth_day: Vec::new(),
        by_month_day: Vec::new(),
        by_year_day: Vec::new(),
        by_week_no: Vec::new(),
        by_month: Vec::new(),
        by_set_pos: Vec::new(),
        wkst: 0,
    };
    for piece in text.split(';') {
        if piece.is_empty() {
            continue;
        }
        let (name, value) = piece.split_once('=').ok_or_else(|| {
            RecurrenceError::new("RRULE", format!("RRULE: \"{piece}\" is not NAME=value"))
        })?;
        const PARTS: [&str; 15] = [
            "FREQ",
            "INTERVAL",
            "COUNT",
            "UNTIL",
            "BYSECOND",
            "BYMINUTE",
            "BYHOUR",
            "BYDAY",
            "BYMONTHDAY",
            "BYYEARDAY",
            "BYWEEKNO",
            "BYMONTH",
            "BYSETPOS",
            "WKST",
            "RSCALE",
        ];
        let part = *PARTS.iter().find(|p| is(name, p)).ok_or_else(|| {
            RecurrenceError::new(
                name,
                format!("RRULE: {name} is not a rule part this engine knows"),
            )
        })?;
        if seen.contains(&part) {
            return Err(RecurrenceError::new(part, format!("{part} is given twice")));
        }
        seen.push(part);
        if value.is_empty() {
            return Err(RecurrenceError::new(part, format!("{part} has no value")));
        }
        match part {
            "FREQ" => {
                freq = Some(match () {
                    _ if is(value, "DAILY") => Freq::Daily,
                    _ if is(value, "WEEKLY") => Freq::Weekly,
                    _ if is(value, "MONTHLY") => Freq::Monthly,
                    _ if is(value, "YEARLY") => Freq::Yearly,
                    _ if is(value, "HOURLY") || is(value, "MINUTELY") || is(value, "SECONDLY") => {
                        return Err(RecurrenceError::new(
                            "FREQ",
                            format!("FREQ={value} is not supported (DAILY, WEEKLY, MONTHLY or YEARLY; BYHOUR and BYMINUTE give several times a day)"),
                        ))
                    }
                    _ => {
                        return Err(RecurrenceError::new(
                            "FREQ",
                            format!("FREQ={value} is not a frequency (DAILY, WEEKLY, MONTHLY or YEARLY)"),
                        ))
                    }
                })
            }
            "INTERVAL" => {
                rule.interval = parse_list(part, value, (1, MAX_INTERVAL as i32), false, |n| n as u32)?
                    .into_iter()
                    .next()
                    .filter(|_| !value.contains(','))
                    .ok_or_else(|| RecurrenceError::new(part, "INTERVAL takes one number"))?;
            }
            "COUNT" => {
                rule.count = Some(
                    parse_list(part, value, (1, i32::MAX), false, |n| n as u32)?
                        .into_iter()
                        .next()
                        .filter(|_| !value.contains(','))
                        .ok_or_else(|| RecurrenceError::new(part, "COUNT takes one number"))?,
                )
            }
            "UNTIL" => {
                let until = parse_value(value, "UNTIL", None)?;
                let fits = matches!(
                    (&start.anchor, &until.anchor),
                    (Anchor::Zone(_) | Anchor::Utc, Anchor::Utc)
                        | (Anchor::Floating, Anchor::Floating)
                        | (Anchor::Date, Anchor::Date)
                );
                if !fits {
                    let needs = match start.anchor {
                        Anchor::Zone(_) => "UNTIL must be UTC (…Z) when DTSTART has a zone",
                        Anchor::Utc => "UNTIL must be UTC (…Z) when DTSTART is UTC",
                        Anchor::Floating => "UNTIL must be a floating date-time (no Z) when DTSTART is floating",
                        Anchor::Date => "UNTIL must be a date (YYYYMMDD) when DTSTART is a date",
                    };
                    return Err(RecurrenceError::new("UNTIL", needs));
                }
                rule.until = Some(until);
            }
            "BYSECOND" => {
                rule.by_second = parse_list(part, value, (0, 60), false, |n| n as u8)?;
                if rule.by_second.contains(&60) {
                    return Err(RecurrenceError::new(part, "BYSECOND=60: leap seconds are not supported"));
                }
            }
            "BYMINUTE" => rule.by_minute = parse_list(part, value, (0, 59), false, |n| n as u8)?,
            "BYHOUR" => rule.by_hour = parse_list(part, value, (0, 23), false, |n| n as u8)?,
            "BYDAY" => {
                for item in value.split(',') {
                    let split = item.len().saturating_sub(2);
                    let (number, day) = (item.get(..split), item.get(split..));
                    let (Some(number), Some(day)) = (number, day) else {
                        return Err(RecurrenceError::new(part, format!("BYDAY: \"{item}\" is not a weekday")));
                    };
                    let day = parse_weekday(part, day)?;
                    if number.is_empty() {
                        rule.by_day.push(day);
                    } else {
                        let n = parse_list(part, number, (1, 53), true, |n| n as i8)?[0];
                        rule.by_nth_day.push((n, day));
                    }
                }
            }
            "BYMONTHDAY" => rule.by_month_day = parse_list(part, value, (1, 31), true, |n| n as i8)?,
            "BYYEARDAY" => rule.by_year_day = parse_list(part, value, (1, 366), true, |n| n as i16)?,
            "BYWEEKNO" => rule.by_week_no = parse_list(part, value, (1, 53), true, |n| n as i8)?,
            "BYMONTH" => rule.by_month = parse_list(part, value, (1, 12), false, |n| n as u8)?,
            "BYSETPOS" => rule.by_set_pos = parse_list(part, value, (1, 366), true, |n| n as i16)?,
            "WKST" => rule.wkst = parse_weekday(part, value)?,
            "RSCALE" if !is(value, "GREGORIAN") => {
                return Err(RecurrenceError::new(part, format!("RSCALE={value} is not supported (GREGORIAN only)")));
            }
            _ => {}
        }
    }
    rule.freq = freq.ok_or_else(|| RecurrenceError::new("FREQ", "RRULE has no FREQ"))?;
    check_combinations(&rule, start)?;
    for list in [
        &mut rule.by_second,
        &mut rule.by_minute,
        &mut rule.by_hour,
        &mut rule.by_day,
        &mut rule.by_month,
    ] {
        crate::sort::sort(list);
        list.dedup();
    }
    crate::sort::sort(&mut rule.by_set_pos);
    rule.by_set_pos.dedup();
    Ok(rule)
}

/// The combinations RFC 5545 §3.3.10 forbids.
fn check_combinations(rule: &Rule, start: &Value) -> Result<(), RecurrenceError> {
    let name = match rule.freq {
        Freq::Daily => "DAILY",
        Freq::Weekly => "WEEKLY",
        Freq::Monthly => "MONTHLY",
        Freq::Yearly => "YEARLY",
    };
    if rule.count.is_some() && rule.until.is_some() {
        return Err(RecurrenceError::new(
            "COUNT",
            "COUNT and UNTIL cannot both be given",
        ));
    }
    if !rule.by_set_pos.is_empty()
        && rule.by_second.is_empty()
        && rule.by_minute.is_empty()
        && rule.by_hour.is_empty()
        && rule.by_day.is_empty()
        && rule.by_nth_day.is_empty()
        && rule.by_month_day.is_empty()
        && rule.by_year_day.is_empty()
        && rule.by_week_no.is_empty()
        && rule.by_month.is_empty()
    {
        return Err(RecurrenceError::new(
            "BYSETPOS",
            "BYSETPOS needs another BY… part (BYDAY, BYMONTHDAY, BYMONTH…) to pick from",
        ));
    }
    if !rule.by_week_no.is_empty() && rule.freq != Freq::Yearly {
        return Err(RecurrenceError::new(
            "BYWEEKNO",
            format!("BYWEEKNO needs FREQ=YEARLY, not FREQ={name}"),
        ));
    }
    if !rule.by_year_day.is_empty() && rule.freq != Freq::Yearly {
        return Err(RecurrenceError::new(
            "BYYEARDAY",
            format!("BYYEARDAY needs FREQ=YEARLY, not FREQ={name}"),
        ));
    }
    if !rule.by_month_day.is_empty() && rule.freq == Freq::Weekly {
        return Err(RecurrenceError::new(
            "BYMONTHDAY",
            "BYMONTHDAY cannot be used with FREQ=WEEKLY",
        ));
    }
    if !rule.by_nth_day.is_empty() {
        if rule.freq < Freq::Monthly {
            return Err(RecurrenceError::new(
                "BYDAY",
                format!(
                    "BYDAY with a number (2TU, -1FR) needs FREQ=MONTHLY or YEARLY, not FREQ={name}"
                ),
            ));
        }
        if !rule.by_week_no.is_empty() {
            return Err(RecurrenceError::new(
                "BYDAY",
                "BYDAY with a number (2TU, -1FR) cannot be used with BYWEEKNO",
            ));
        }
    }
    let times = [&rule.by_hour, &rule.by_minute, &rule.by_second]
        .iter()
        .map(|list| list.len().max(1))
        .product::<usize>();
    if times > MAX_TIMES_A_DAY {
        return Err(RecurrenceError::new(
            "BYSECOND",
            format!(
                "BYHOUR, BYMINUTE and BYSECOND give {times} times a day: at most {MAX_TIMES_A_DAY}"
            ),
        ));
    }
    if start.anchor == Anchor::Date {
        for (part, list) in [
            ("BYHOUR", &rule.by_hour),
            ("BYMINUTE", &rule.by_minute),
            ("BYSECOND", &rule.by_second),
        ] {
            if !list.is_empty() {
                return Err(RecurrenceError::new(
                    part,
                    format!("{part} cannot be used with an all-day DTSTART (VALUE=DATE)"),
                ));
            }
        }
    }
    Ok(())
}

impl Series {
    /// Whether it happens more than once as written (a rule, or other dates).
    pub fn repeats(&self) -> bool {
        self.rule.as_ref().is_some_and(|rule| rule.count != Some(1)) || !self.rdates.is_empty()
    }

    /// Whether it is all-day (`DTSTART;VALUE=DATE`): its occurrences are dates, the same
    /// dates in every zone.
    ///
    /// ```
    /// use cop_core::recurrence::Series;
    /// assert!(Series::parse("DTSTART;VALUE=DATE:20261224").unwrap().all_day());
    /// assert!(!Series::parse("DTSTART:20261224T090000Z").unwrap().all_day());
    /// ```
    pub fn all_day(&self) -> bool {
        self.start.anchor == Anchor::Date
    }

    /// The zone of its `DTSTART` (`TZID=…`), `UTC` for one with `Z`, `None` for a floating
    /// time or a date.
    ///
    /// ```
    /// use cop_core::recurrence::Series;
    /// let series = Series::parse("DTSTART;TZID=Europe/Vienna:20260105T090000").unwrap();
    /// assert_eq!(series.zone(), Some("Europe/Vienna"));
    /// ```
    pub fn zone(&self) -> Option<&str> {
        match &self.start.anchor {
            Anchor::Zone(zone) => Some(zone),
            Anchor::Utc => Some("UTC"),
            Anchor::Floating | Anchor::Date => None,
        }
    }

    /// Reads the lines of a series: one `DTSTART`, at most one `RRULE`, any number of `RDATE`
    /// and `EXDATE` (each a comma-separated list), and overrides (`VEVENT`s with a
    /// `RECURRENCE-ID`). Lines end with LF or CRLF; folded lines (a next line starting with a
    /// space or tab) are unfolded; names are case-insensitive.
    ///
    /// ```
    /// use cop_core::recurrence::Series;
    ///
    /// let error = Series::parse("DTSTART:20260105T090000\nRRULE:FREQ=MONTHLY;BYSETPOS=1").unwrap_err();
    /// assert_eq!(error.part(), "BYSETPOS");
    /// assert!(error.message().starts_with("BYSETPOS needs another BY… part"));
    ///
    /// let error = Series::parse("DTSTART;TZID=Europe/Vienna:20260105T090000\nRRULE:FREQ=WEEKLY;UNTIL=20260301T090000").unwrap_err();
    /// assert_eq!(error.to_string(), "UNTIL must be UTC (…Z) when DTSTART has a zone");
    ///
    /// let error = Series::parse("DTSTART:20260105T090000Z\nRRULE:FREQ=HOURLY").unwrap_err();
    /// assert_eq!(error.part(), "FREQ");
    /// ```
    pub fn parse(ical: &str) -> Result<Series, RecurrenceError> {
        let mut lines: Vec<String> = Vec::new();
        for raw in ical.split('\n') {
            let raw = raw.strip_suffix('\r').unwrap_or(raw);
            if let Some(rest) = raw.strip_prefix([' ', '\t']) {
                match lines.last_mut() {
                    Some(last) => last.push_str(rest),
                    None => {
                        return Err(RecurrenceError::new(
                            "line",
                            "the series starts with a folded (indented) line",
                        ))
                    }
                }
            } else if !raw.trim().is_empty() {
                lines.push(raw.trim().to_owned());
            }
        }
        let parsed = lines
            .iter()
            .map(|line| parse_line(line))
            .collect::<Result<Vec<_>, _>>()?;
        let (bare, events) = components(&parsed)?;
        let mut master = (!bare.is_empty()).then_some((bare, false));
        let mut override_events = Vec::new();
        for event in events {
            if event.iter().any(|line| is(line.name, "RECURRENCE-ID")) {
                override_events.push(event);
            } else if master.is_some() {
                return Err(RecurrenceError::new(
                    "VEVENT",
                    "more than one series: give one (bare lines or one VEVENT without RECURRENCE-ID), \
                     and its overrides as VEVENTs with RECURRENCE-ID",
                ));
            } else {
                master = Some((event, true));
            }
        }
        let (lines, in_event) = master.unwrap_or_default();
        let mut series = Series::from_lines(&lines, in_event)?;
        for event in override_events {
            let moved = parse_override(&event, &series.start)?;
            if series.overrides.iter().any(|o| o.id == moved.id) {
                return Err(RecurrenceError::new(
                    "RECURRENCE-ID",
                    "two overrides have the same RECURRENCE-ID",
                ));
            }
            series.overrides.push(moved);
        }
        Ok(series)
    }

    /// The series from its own lines: bare (anything else is refused) or a VEVENT's (its
    /// other properties, SUMMARY, UID, DTEND…, do not change when it happens: skipped).
    fn from_lines(parsed: &[&Line<'_>], in_event: bool) -> Result<Series, RecurrenceError> {
        let mut start = None;
        let mut rrule: Option<&str> = None;
        let mut rdates = Vec::new();
        let mut exdates = Vec::new();
        for line in parsed {
            let name = line.name;
            if is(name, "DTSTART") {
                if start.is_some() {
                    return Err(RecurrenceError::new("DTSTART", "DTSTART is given twice"));
                }
                let mut values = parse_values(line, "DTSTART")?;
                if values.len() != 1 {
                    return Err(RecurrenceError::new("DTSTART", "DTSTART takes one value"));
                }
                start = values.pop();
            } else if is(name, "RRULE") {
                if rrule.is_some() {
                    return Err(RecurrenceError::new(
                        "RRULE",
                        "a second RRULE is not supported (RFC 5545 deprecates it; use RDATE)",
                    ));
                }
                if !line.params.is_empty() {
                    return Err(RecurrenceError::new("RRULE", "RRULE takes no parameters"));
                }
                rrule = Some(line.value);
            } else if is(name, "RDATE") {
                rdates.extend(parse_values(line, "RDATE")?);
            } else if is(name, "EXDATE") {
                exdates.extend(parse_values(line, "EXDATE")?);
            } else if is(name, "EXRULE") {
                return Err(RecurrenceError::new(
                    name,
                    "EXRULE is not supported (RFC 5545 removed it; use EXDATE)",
                ));
            } else if is(name, "RECURRENCE-ID") {
                return Err(RecurrenceError::new(
                    name,
                    "RECURRENCE-ID belongs in an override: BEGIN:VEVENT, RECURRENCE-ID, the \
                     occurrence's new DTSTART or STATUS:CANCELLED, END:VEVENT",
                ));
            } else if !in_event {
                return Err(RecurrenceError::new(
                    name,
                    format!("{name} is not part of a series (DTSTART, RRULE, RDATE, EXDATE)"),
                ));
            }
            if rdates.len() + exdates.len() > MAX_DATES {
                return Err(RecurrenceError::new(
                    name,
                    format!("more than {MAX_DATES} RDATE and EXDATE values"),
                ));
            }
        }
        let start = start.ok_or_else(|| RecurrenceError::new("DTSTART", "DTSTART is missing"))?;
        for value in rdates.iter().chain(&exdates) {
            if (value.anchor == Anchor::Date) != (start.anchor == Anchor::Date) {
                let part = if rdates.contains(value) {
                    "RDATE"
                } else {
                    "EXDATE"
                };
                let needs = if start.anchor == Anchor::Date {
                    format!("{part} must be a date (VALUE=DATE) when DTSTART is a date")
                } else {
                    format!("{part} must be a date-time when DTSTART is a date-time")
                };
                return Err(RecurrenceError::new(part, needs));
            }
        }
        // A floating RDATE or EXDATE beside a DTSTART with a zone (or in UTC) is a wall clock
        // of that zone, as calendars that write `EXDATE:20260112T090000` mean it.
        if matches!(start.anchor, Anchor::Zone(_) | Anchor::Utc) {
            for value in rdates.iter_mut().chain(exdates.iter_mut()) {
                if value.anchor == Anchor::Floating {
                    value.anchor = start.anchor.clone();
                }
            }
        }
        let rule = rrule.map(|text| parse_rule(text, &start)).transpose()?;
        Ok(Series {
            start,
            rule,
            rdates,
            exdates,
            overrides: Vec::new(),
        })
    }

    /// The occurrences in `window`, in order, at most `window.limit`.
    ///
    /// ```
    /// use cop_core::recurrence::{Series, Stopped, Window};
    /// use cop_core::zone::{FixedOffsets, Instant};
    ///
    /// // The last Friday of each month, 18:00 in Kolkata (+05:30).
    /// let series = Series::parse("DTSTART;TZID=Asia/Kolkata:20260130T180000\nRRULE:FREQ=MONTHLY;BYDAY=-1FR").unwrap();
    /// let zones = FixedOffsets(&[("Asia/Kolkata", 19_800)]);
    /// let from = Instant::parse_rfc3339("2026-01-01T00:00:00Z").unwrap();
    /// let to = Instant::parse_rfc3339("2027-01-01T00:00:00Z").unwrap();
    /// let found = series.expand(&Window::new(from, to, 3), &zones).unwrap();
    /// assert_eq!(found.stopped, Stopped::Limit);
    /// let shown: Vec<String> = found.occurrences.iter().map(|o| o.to_string()).collect();
    /// assert_eq!(shown, ["2026-01-30T12:30:00Z", "2026-02-27T12:30:00Z", "2026-03-27T12:30:00Z"]);
    /// ```
    pub fn expand(
        &self,
        window: &Window<'_>,
        zones: &dyn Zones,
    ) -> Result<Expansion, RecurrenceError> {
        let floating = window.floating_zone;
        let instant = |value: &Value| -> Result<Instant, RecurrenceError> {
            Ok(match (&value.anchor, floating) {
                (Anchor::Zone(zone), _) => zones.to_utc(zone, value.local)?,
                (Anchor::Utc, _) | (Anchor::Floating | Anchor::Date, None) => {
                    value.local.at_offset(0)
                }
                (Anchor::Floating | Anchor::Date, Some(zone)) => zones.to_utc(zone, value.local)?,
            })
        };
        // One more than asked for, to tell whether the window holds more.
        let wanted = window.limit.saturating_add(1);
        let mut excluded = self
            .exdates
            .iter()
            .chain(self.overrides.iter().map(|o| &o.id))
            .map(&instant)
            .collect::<Result<Vec<_>, _>>()?;
        crate::sort::sort(&mut excluded);
        let mut found: Vec<(Instant, Day)> = Vec::new();
        let mut stopped = Stopped::Complete;
        if window.limit == 0 || window.from >= window.to {
            return Ok(Expansion {
                occurrences: Vec::new(),
                stopped,
            });
        }
        let keep = |at: Instant, local: LocalDateTime, found: &mut Vec<(Instant, Day)>| {
            if window.from <= at && at < window.to && excluded.binary_search(&at).is_err() {
                found.push((at, local.date));
            }
        };
        keep(instant(&self.start)?, self.start.local, &mut found);
        for value in &self.rdates {
            keep(instant(value)?, value.local, &mut found);
        }
        if let Some(rule) = &self.rule {
            let anchor = &self.start.anchor;
            let zone_of = |local: LocalDateTime| -> Result<Instant, RecurrenceError> {
                instant(&Value {
                    local,
                    anchor: anchor.clone(),
                })
            };
            let expander = Expander::new(rule, self.start.local);
            let mut count = 1u32; // DTSTART is the first
                                  // Beyond this wall-clock reading, nothing can fall before `window.to`.
            let mut last_local = window.to.0.saturating_add(OFFSET_MARGIN);
            let until = rule.until.as_ref().map(|until| match until.anchor {
                Anchor::Utc => Bound::Instant(until.local.at_offset(0)),
                _ => Bound::Local(until.local),
            });
            if let Some(Bound::Local(local)) = until {
                last_local = last_local.min(local.seconds());
            }
            if let Some(Bound::Instant(at)) = until {
                last_local = last_local.min(at.0.saturating_add(OFFSET_MARGIN));
            }
            let first = if rule.count.is_none() {
                expander.period_near(
                    LocalDateTime::from_seconds(window.from.0.saturating_sub(OFFSET_MARGIN)).date,
                )
            } else {
                0
            };
            let mut period = first;
            let mut candidates = Vec::new();
            let mut work = 0u64;
            'periods: loop {
                if rule.count.is_some_and(|c| count >= c) {
                    break;
                }
                let Some(begins) = expander.period_start(period) else {
                    break;
                };
                if LocalDateTime::midnight(begins).seconds() > last_local {
                    break;
                }
                if period - first >= i64::from(MAX_PERIODS) || work > MAX_WORK {
                    stopped = Stopped::Cap;
                    break;
                }
                work += expander.occurrences(period, &mut candidates);
                period += 1;
                for &local in &candidates {
                    if local <= self.start.local {
                        continue;
                    }
                    let at = zone_of(local)?;
                    match until {
                        Some(Bound::Local(until)) if local > until => break 'periods,
                        Some(Bound::Instant(until)) if at > until => break 'periods,
                        _ => {}
                    }
                    count += 1;
                    keep(at, local, &mut found);
                    if rule.count.is_some_and(|c| count >= c) {
                        break 'periods;
                    }
                }
                if found.len() >= wanted {
                    // Wall clocks are ordered; instants nearly so (a gap can move a time
                    // past later ones by its length): go a margin further, then cut.
                    crate::sort::sort(&mut found);
                    found.dedup_by_key(|(at, _)| *at);
                    if found.len() >= wanted {
                        found.truncate(wanted);
                        if let Some((last, _)) = found.last() {
                            last_local = last_local.min(last.0.saturating_add(OFFSET_MARGIN));
                        }
                    }
                }
            }
        }
        for moved in self.overrides.iter().filter_map(|o| o.start.as_ref()) {
            let at = instant(moved)?;
            if window.from <= at && at < window.to {
                found.push((at, moved.local.date));
            }
        }
        crate::sort::sort(&mut found);
        found.dedup_by_key(|(at, _)| *at);
        if found.len() > window.limit {
            // The first `limit` are certain, and there is at least one more.
            found.truncate(window.limit);
            stopped = Stopped::Limit;
        }
        let occurrences = found
            .into_iter()
            .map(|(at, date)| match self.start.anchor {
                Anchor::Date => Occurrence::Date(date),
                _ => Occurrence::At(at),
            })
            .collect();
        Ok(Expansion {
            occurrences,
            stopped,
        })
    }
}

#[derive(Clone, Copy)]
enum Bound {
    Instant(Instant),
    Local(LocalDateTime),
}

/// A rule with its defaults filled in from DTSTART, ready to list each period's occurrences.
struct Expander<'r> {
    rule: &'r Rule,
    start: LocalDateTime,
    /// Seconds of the day, in order.
    times: Vec<u32>,
    by_month: Vec<u8>,
    by_month_day: Vec<i8>,
    by_day: [bool; 7],
    any_by_day: bool,
    /// Ordinal weekdays count within the month (else the year).
    nth_in_month: bool,
    /// Period 0's first day: DTSTART's week (from WKST) for WEEKLY, else DTSTART's date.
    first_day: Day,
    first_month: i64,
}

impl<'r> Expander<'r> {
    fn new(rule: &'r Rule, start: LocalDateTime) -> Expander<'r> {
        let or_start = |list: &Vec<u8>, own: u8| {
            if list.is_empty() {
                vec![own]
            } else {
                list.clone()
            }
        };
        let mut times = Vec::new();
        for h in or_start(&rule.by_hour, start.hour()) {
            for m in or_start(&rule.by_minute, start.minute()) {
                for s in or_start(&rule.by_second, start.second()) {
                    times.push(u32::from(h) * 3600 + u32::from(m) * 60 + u32::from(s));
                }
            }
        }
        crate::sort::sort(&mut times);
        let (year, month, day) = start.date.ymd();
        let mut by_month = rule.by_month.clone();
        let mut by_month_day = rule.by_month_day.clone();
        let mut by_day = [false; 7];
        for &d in &rule.by_day {
            by_day[usize::from(d)] = true;
        }
        let mut any_by_day = !rule.by_day.is_empty() || !rule.by_nth_day.is_empty();
        if !any_by_day
            && rule.by_month_day.is_empty()
            && rule.by_year_day.is_empty()
            && rule.by_week_no.is_empty()
        {
            match rule.freq {
                Freq::Daily => {}
                Freq::Weekly => {
                    by_day[usize::from(weekday(start.date))] = true;
                    any_by_day = true;
                }
                Freq::Monthly => by_month_day = vec![day as i8],
                Freq::Yearly => {
                    if by_month.is_empty() {
                        by_month = vec![month as u8];
                    }
                    by_month_day = vec![day as i8];
                }
            }
        }
        let start_weekday = weekday(start.date);
        let back = (i32::from(start_weekday) - i32::from(rule.wkst)).rem_euclid(7);
        Expander {
            rule,
            start,
            times,
            by_month,
            by_month_day,
            by_day,
            any_by_day,
            nth_in_month: rule.freq == Freq::Monthly || !rule.by_month.is_empty(),
            first_day: if rule.freq == Freq::Weekly {
                start.date.plus(-back)
            } else {
                start.date
            },
            first_month: i64::from(year) * 12 + i64::from(month) - 1,
        }
    }

    /// The first day of period `n` (counted from DTSTART's), `None` past year 9999.
    fn period_start(&self, n: i64) -> Option<Day> {
        let step = n.checked_mul(i64::from(self.rule.interval))?;
        let day = match self.rule.freq {
            Freq::Daily => self
                .first_day
                .0
                .checked_add(i32::try_from(step).ok()?)
                .map(Day)?,
            Freq::Weekly => self
                .first_day
                .0
                .checked_add(i32::try_from(step.checked_mul(7)?).ok()?)
                .map(Day)?,
            Freq::Monthly => {
                let m = self.first_month.checked_add(step)?;
                Day::from_ymd(
                    i32::try_from(m.div_euclid(12)).ok()?,
                    (m.rem_euclid(12) + 1) as u32,
                    1,
                )?
            }
            Freq::Yearly => {
                let (y, _, _) = self.start.date.ymd();
                Day::from_ymd(i32::try_from(i64::from(y).checked_add(step)?).ok()?, 1, 1)?
            }
        };
        (day.ymd().0 <= LAST_YEAR).then_some(day)
    }

    /// A period at or before the one holding `day` (0 at the earliest).
    fn period_near(&self, day: Day) -> i64 {
        let interval = i64::from(self.rule.interval);
        let (y, m, _) = day.ymd();
        let (y0, _, _) = self.start.date.ymd();
        let units = match self.rule.freq {
            Freq::Daily => (i64::from(day.0) - i64::from(self.first_day.0)) / interval,
            Freq::Weekly => (i64::from(day.0) - i64::from(self.first_day.0)) / (7 * interval),
            Freq::Monthly => (i64::from(y) * 12 + i64::from(m) - 1 - self.first_month) / interval,
            Freq::Yearly => (i64::from(y) - i64::from(y0)) / interval,
        };
        (units - 1).max(0)
    }

    /// Period `n`'s occurrences, wall-clock readings in order (after BYSETPOS), and the
    /// work it took (days examined and candidates made).
    fn occurrences(&self, n: i64, out: &mut Vec<LocalDateTime>) -> u64 {
        out.clear();
        let Some(first) = self.period_start(n) else {
            return 1;
        };
        let mut days = Vec::new();
        match self.rule.freq {
            Freq::Daily => days.push(first),
            Freq::Weekly => days.extend((0..7).map(|i| first.plus(i))),
            Freq::Monthly => {
                let (y, m, _) = first.ymd();
                days.extend((0..days_in_month(y, m) as i32).map(|i| first.plus(i)));
            }
            Freq::Yearly => {
                let (y, _, _) = first.ymd();
                for m in 1..=12u32 {
                    if !self.by_month.is_empty() && !self.by_month.contains(&(m as u8)) {
                        continue;
                    }
                    if let Some(d1) = Day::from_ymd(y, m, 1) {
                        days.extend((0..days_in_month(y, m) as i32).map(|i| d1.plus(i)));
                    }
                }
            }
        }
        let mut work = days.len() as u64;
        for day in days {
            if self.matches(day) {
                work += self.times.len() as u64;
                out.extend(self.times.iter().map(|&second_of_day| LocalDateTime {
                    date: day,
                    second_of_day,
                }));
            }
        }
        if !self.rule.by_set_pos.is_empty() {
            let all = std::mem::take(out);
            let len = all.len() as i64;
            for &pos in &self.rule.by_set_pos {
                let index = if pos > 0 {
                    i64::from(pos) - 1
                } else {
                    len + i64::from(pos)
                };
                if let Some(&local) = usize::try_from(index).ok().and_then(|i| all.get(i)) {
                    out.push(local);
                }
            }
            crate::sort::sort(out);
            out.dedup();
        }
        work
    }

    fn matches(&self, day: Day) -> bool {
        let (y, m, md) = day.ymd();
        if !self.by_month.is_empty() && !self.by_month.contains(&(m as u8)) {
            return false;
        }
        let month_len = days_in_month(y, m) as i32;
        let year_len = if is_leap(y) { 366 } else { 365 };
        let year_day = day.0 - Day::from_ymd(y, 1, 1).map_or(day.0, |d| d.0) + 1;
        let md = md as i32;
        if !self.by_month_day.is_empty()
            && !self
                .by_month_day
                .iter()
                .any(|&n| i32::from(n) == md || i32::from(n) == md - month_len - 1)
        {
            return false;
        }
        if !self.rule.by_year_day.is_empty()
            && !self
                .rule
                .by_year_day
                .iter()
                .any(|&n| i32::from(n) == year_day || i32::from(n) == year_day - year_len - 1)
        {
            return false;
        }
        if !self.rule.by_week_no.is_empty() {
            let (week, weeks) = week_number(day, self.rule.wkst);
            if !self
                .rule
                .by_week_no
                .iter()
                .any(|&n| i32::from(n) == week || i32::from(n) == week - weeks - 1)
            {
                return false;
            }
        }
        if self.any_by_day {
            let wd = weekday(day);
            let plain = self.by_day[usize::from(wd)];
            let nth = self.rule.by_nth_day.iter().any(|&(n, w)| {
                w == wd && {
                    let (index, len) = if self.nth_in_month {
                        (md, month_len)
                    } else {
                        (year_day, year_len)
                    };
                    let forward = (index - 1) / 7 + 1;
                    let backward = -((len - index) / 7 + 1);
                    i32::from(n) == forward || i32::from(n) == backward
                }
            });
            if !plain && !nth {
                return false;
            }
        }
        true
    }
}

/// The first day of week 1 of `year`: weeks start on `wkst`, and week 1 is the first with at
/// least four days in the year (RFC 5545, as ISO 8601 for `WKST=MO`).
fn week_one(year: i32, wkst: Weekday) -> i32 {
    let jan1 = Day::from_ymd(year, 1, 1).map_or(0, |d| d.0);
    let back = (i32::from(weekday(Day(jan1))) - i32::from(wkst)).rem_euclid(7);
    let week_start = jan1 - back;
    if back <= 3 {
        week_start
    } else {
        week_start + 7
    }
}

/// `day`'s week number and the number of weeks of its week-numbering year.
fn week_number(day: Day, wkst: Weekday) -> (i32, i32) {
    let (y, _, _) = day.ymd();
    let mut year = y;
    if day.0 >= week_one(y + 1, wkst) {
        year = y + 1;
    } else if day.0 < week_one(y, wkst) {
        year = y - 1;
    }
    let one = week_one(year, wkst);
    ((day.0 - one) / 7 + 1, (week_one(year + 1, wkst) - one) / 7)
}

#[cfg(test)]
mod tests;
