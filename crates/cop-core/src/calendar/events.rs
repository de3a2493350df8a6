//! The widget's model: a community's events read through the mapping, their occurrences in
//! a window (overrides applied: the one way, which the server's `…/occurrences` uses too),
//! the widget's own attributes, and the heartbeat put into words.
//!
//! **Why events, not occurrences.** The widget reads `GET …/events` (or a foreign backend's
//! list of events) and expands each series in the browser with [`crate::recurrence`]: the
//! rhythm in words needs each series' rule, which an occurrence does not carry; the heartbeat
//! needs 105 weeks of occurrences, more than `…/occurrences`' 400-day window; and a foreign
//! backend has a list of events (an iCalendar-like `RRULE`, or a plain start) far more often
//! than an occurrence-expansion endpoint. A plain `start` (RFC 3339) is a one-off.

use crate::calendar::{DateWords, Heartbeat};
use crate::i18n::{fill, Lang, Msg};
use crate::mapping::{Field, Fields, FromFields, Item, Json, Kind as FieldKind};
use crate::recurrence::{Occurrence, Series, Stopped, Window};
use crate::zone::{Instant, LocalDateTime, Zones};

/// `data-view`'s values.
pub const VIEWS: &[&str] = &["agenda", "month", "next"];
/// `data-months`: how far the agenda looks ahead, at most.
pub const MONTHS_MAX: u32 = 12;
/// …and without it.
pub const MONTHS_DEFAULT: u32 = 3;
/// Occurrences the widget expands at most in one window (all events together): the
/// heartbeat's two years of 50 weekly series are 5,200 (at 2,000, a benchmark's 50 series
/// lost the last weeks of the strip).
pub const OCCURRENCES_MAX: usize = 10_000;

/// A day in minutes: an all-day event's default length, and the unit it lasts in.
const DAY_MINUTES: u32 = 24 * 60;
/// Titles and places are cut there.
const TEXT_MAX: usize = 200;

/// Which view a calendar shows.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum View {
    Agenda,
    Month,
    /// The next three, for a sidebar.
    Next,
}

impl View {
    pub fn from_param(value: Option<&str>) -> View {
        match value {
            Some("month") => View::Month,
            Some("next") => View::Next,
            _ => View::Agenda,
        }
    }
}

/// `data-months`: 1 to [`MONTHS_MAX`] (default [`MONTHS_DEFAULT`]); `None` for anything else.
///
/// ```
/// use cop_core::calendar::parse_months;
/// assert_eq!(parse_months(None), Some(3));
/// assert_eq!(parse_months(Some("6")), Some(6));
/// assert_eq!(parse_months(Some("13")), None);
/// assert_eq!(parse_months(Some("+2")), None);
/// ```
pub fn parse_months(value: Option<&str>) -> Option<u32> {
    let Some(text) = value else {
        return Some(MONTHS_DEFAULT);
    };
    if text.is_empty() || !text.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    text.parse().ok().filter(|n| (1..=MONTHS_MAX).contains(n))
}

/// Whether `text` is shaped like an IANA zone name (`UTC`, `Europe/Vienna`,
/// `America/Argentina/Buenos_Aires`, `Etc/GMT+5`): whether the browser knows it is its
/// `Intl`'s to say.
///
/// ```
/// use cop_core::calendar::is_zone_name;
/// assert!(is_zone_name("Europe/Vienna"));
/// assert!(is_zone_name("UTC"));
/// assert!(is_zone_name("Etc/GMT-14"));
/// assert!(!is_zone_name("Vienna time"));
/// assert!(!is_zone_name("+02:00"));
/// assert!(!is_zone_name("Europe//Vienna"));
/// ```
pub fn is_zone_name(text: &str) -> bool {
    text.len() <= 64
        && text.split('/').all(|part| {
            part.as_bytes().first().is_some_and(u8::is_ascii_alphabetic)
                && part
                    .bytes()
                    .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'_' | b'-' | b'+'))
        })
}

/// What an event is; the project's names, or a foreign backend's own word.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum EventKind {
    Call,
    Webinar,
    CaseClinic,
    Workshop,
    FaceToFace,
    Other,
    /// A word the project does not know, shown as it is.
    Foreign(String),
}

impl EventKind {
    pub fn from_word(word: &str) -> EventKind {
        match word.trim() {
            "call" => EventKind::Call,
            "webinar" => EventKind::Webinar,
            "case-clinic" | "case clinic" | "case_clinic" => EventKind::CaseClinic,
            "workshop" => EventKind::Workshop,
            "face-to-face" | "face to face" | "meeting" => EventKind::FaceToFace,
            "other" | "" => EventKind::Other,
            other => EventKind::Foreign(crate::carousel::line(other, 40).unwrap_or_default()),
        }
    }

    /// Its name in `lang`.
    pub fn words(&self, lang: Lang) -> &str {
        match self {
            EventKind::Call => Msg::KindCall.text(lang),
            EventKind::Webinar => Msg::KindWebinar.text(lang),
            EventKind::CaseClinic => Msg::KindCaseClinic.text(lang),
            EventKind::Workshop => Msg::KindWorkshop.text(lang),
            EventKind::FaceToFace => Msg::KindFaceToFace.text(lang),
            EventKind::Other => Msg::KindOther.text(lang),
            EventKind::Foreign(word) => word,
        }
    }
}

/// Where an event happens.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Where {
    /// A call's address (`http(s)`; the view resolves and checks it again before it is an
    /// `href`).
    Link(String),
    /// A place, as text.
    Place(String),
}

/// One event: a series or a one-off.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Event {
    pub id: String,
    pub title: String,
    pub kind: EventKind,
    pub place: Option<Where>,
    pub minutes: u32,
    pub series: Series,
    /// Its own zone (the wall clock it keeps): `zone`, else its `DTSTART`'s, else `UTC`.
    pub zone: String,
    /// Whether it repeats (has a rule or other dates): its rhythm is put into words.
    pub repeats: bool,
    /// Occurrences cancelled (`None`) or moved, by their original start.
    pub overrides: Vec<(Instant, Option<Instant>)>,
    /// A link to its own `.ics` a foreign backend gives (`ics`); on the project's contract
    /// the view builds `…/events/{id}.ics`.
    pub ics: Option<String>,
}

/// An event left out, and why: for the console.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Skipped {
    pub index: usize,
    pub id: Option<String>,
    /// The field at fault (`id`, `title`, `timing`…) and, for timing, the engine's message.
    pub why: String,
}

/// A community's events: the calendar widget's model.
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub struct Events {
    pub events: Vec<Event>,
    pub skipped: Vec<Skipped>,
}

/// One occurrence of an event.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Happening {
    /// Index into [`Events::events`].
    pub event: usize,
    pub start: Instant,
    pub end: Instant,
    /// Moved from its usual time.
    pub moved: bool,
    /// An all-day occurrence: `start` and `end` are its dates read in UTC (midnight to
    /// midnight); [`Placed::of`](super::Placed::of) puts them in the viewer's zone.
    pub all_day: bool,
}

/// The largest distance of a zone's clock from UTC: all-day dates, read in UTC, are looked
/// for this much beyond a window, since the viewer's midnight can be that far from UTC's.
const MAX_OFFSET: i64 = 14 * 3600;

const FIELDS: &[Field] = &[Field {
    name: "events",
    // The contract's answer is the list itself.
    pointer: "",
    kind: FieldKind::List,
    required: true,
    items: &[
        Item::new("id", "/id", FieldKind::Id),
        Item::new("title", "/title", FieldKind::Text),
        Item::optional("kind", "/kind", FieldKind::Text),
        Item::optional("where", "/where", FieldKind::Text),
        Item::optional("duration", "/duration_minutes", FieldKind::Number),
        // RFC 5545 lines (`DTSTART;TZID=…`, `RRULE`, `EXDATE`, `RDATE`), or a whole `.ics`…
        Item::optional("timing", "/timing", FieldKind::Text),
        // …or a one-off's start and end (RFC 3339).
        Item::optional("start", "/start", FieldKind::Text),
        Item::optional("end", "/end", FieldKind::Text),
        Item::optional("zone", "/zone", FieldKind::Text),
        // `[{"recurrence_id", "start"?}]`: cancelled without a start, moved with one.
        Item::optional("overrides", "/overrides", FieldKind::List),
        Item::optional("ics", "/ics", FieldKind::Text),
    ],
}];

impl FromFields for Events {
    const FIELDS: &'static [Field] = FIELDS;

    fn from_fields<J: Json>(fields: &Fields<J>, _params: &[(String, String)]) -> Events {
        let mut out = Events::default();
        for (index, item) in fields.items("events").iter().enumerate() {
            let get = |name: &str| fields.item(item, "events", name);
            let text = |name: &str| get(name).and_then(|v| v.as_text());
            let id = get("id")
                .and_then(|v| v.as_id())
                .and_then(|id| crate::carousel::line(&id, TEXT_MAX));
            match event(id.clone(), &get, &text) {
                Ok(event) => out.events.push(event),
                Err(why) => out.skipped.push(Skipped { index, id, why }),
            }
        }
        out
    }
}

fn event<J: Json>(
    id: Option<String>,
    get: &dyn Fn(&str) -> Option<J>,
    text: &dyn Fn(&str) -> Option<String>,
) -> Result<Event, String> {
    let id = id.ok_or("id")?;
    let title = text("title")
        .and_then(|t| crate::carousel::line(&t, TEXT_MAX))
        .ok_or("title")?;
    let start = text("start").and_then(|s| Instant::parse_rfc3339(s.trim()));
    let series = match (text("timing"), start) {
        (Some(timing), _) => {
            Series::parse(&timing).map_err(|e| format!("timing: {}: {}", e.part(), e.message()))?
        }
        (None, Some(start)) => {
            let line = format!("DTSTART:{}", super::links::basic_utc(start));
            Series::parse(&line).map_err(|_| "start".to_owned())?
        }
        (None, None) => return Err("timing".into()),
    };
    let minutes = match (get("duration").and_then(|v| v.as_number()), start) {
        (Some(n), _) if (1.0..=10_080.0).contains(&n) => n as u32,
        (_, Some(start)) => text("end")
            .and_then(|e| Instant::parse_rfc3339(e.trim()))
            .map(|end| (end.0 - start.0) / 60)
            .filter(|m| (1..=10_080).contains(m))
            .map_or(60, |m| m as u32),
        _ if series.all_day() => DAY_MINUTES,
        _ => 60,
    };
    // An all-day event lasts whole days (RFC 5545: its duration is in days).
    let minutes = if series.all_day() {
        minutes.div_ceil(DAY_MINUTES) * DAY_MINUTES
    } else {
        minutes
    };
    let zone = text("zone")
        .map(|z| z.trim().to_owned())
        .filter(|z| is_zone_name(z))
        .or_else(|| series.zone().map(str::to_owned))
        .unwrap_or_else(|| "UTC".to_owned());
    let place = text("where")
        .and_then(|w| crate::carousel::line(&w, 500))
        .map(|w| {
            let lower = w.get(..8).unwrap_or(&w).to_ascii_lowercase();
            if lower.starts_with("https://") || lower.starts_with("http://") {
                Where::Link(w)
            } else {
                Where::Place(w)
            }
        });
    let overrides = get("overrides")
        .map(|list| {
            list.items()
                .iter()
                .filter_map(|o| {
                    let at = |name: &str| {
                        o.child(name)
                            .and_then(|v| v.as_text())
                            .and_then(|t| Instant::parse_rfc3339(t.trim()))
                    };
                    Some((at("recurrence_id")?, at("start")))
                })
                .collect()
        })
        .unwrap_or_default();
    Ok(Event {
        repeats: series.repeats(),
        id,
        title,
        kind: EventKind::from_word(&text("kind").unwrap_or_default()),
        place,
        minutes,
        series,
        zone,
        overrides,
        ics: text("ics")
            .map(|t| t.trim().to_owned())
            .filter(|t| crate::video::is_link(t)),
    })
}

/// The occurrences of `series` in `[from, to)` with `overrides` applied (cancelled ones
/// taken out, moved ones put in at their new start if it is in the window): (start,
/// original start), in order, at most `limit`, and whether that is all of them. An override
/// whose original start is not an occurrence of the series (its timing changed since) is
/// ignored. The server's `…/occurrences` and `.ics` and the widget both use it.
pub fn occurrences_of(
    series: &Series,
    overrides: &[(Instant, Option<Instant>)],
    from: Instant,
    to: Instant,
    limit: usize,
    zones: &dyn Zones,
) -> (Vec<(Instant, Instant)>, bool) {
    let live: Vec<(Instant, Option<Instant>)> = overrides
        .iter()
        .copied()
        .filter(|(original, _)| is_occurrence(series, *original, zones))
        .collect();
    let window = Window::new(from, to, limit.saturating_add(live.len()));
    let Ok(found) = series.expand(&window, zones) else {
        return (Vec::new(), false);
    };
    let mut complete = found.stopped == Stopped::Complete;
    let mut out: Vec<(Instant, Instant)> = found
        .occurrences
        .iter()
        .filter_map(|o| match o {
            Occurrence::At(at) => Some(*at),
            // Read in UTC, as the window was (its `floating_zone` is `None`).
            Occurrence::Date(day) => Some(LocalDateTime::midnight(*day).at_offset(0)),
        })
        .filter(|at| !live.iter().any(|(original, _)| original == at))
        .map(|at| (at, at))
        .collect();
    out.extend(
        live.iter()
            .filter_map(|(original, start)| start.map(|start| (start, *original)))
            .filter(|(start, _)| from <= *start && *start < to),
    );
    crate::sort::sort(&mut out);
    if out.len() > limit {
        out.truncate(limit);
        complete = false;
    }
    (out, complete)
}

/// Whether `at` is an occurrence of `series` (before any override). An all-day occurrence
/// is named by its date's midnight in UTC (`2026-12-24T00:00:00Z`).
pub fn is_occurrence(series: &Series, at: Instant, zones: &dyn Zones) -> bool {
    series
        .expand(&Window::new(at, Instant(at.0 + 1), 1), zones)
        .is_ok_and(|found| match found.occurrences[..] {
            [Occurrence::At(found)] => found == at,
            [Occurrence::Date(day)] => LocalDateTime::midnight(day).at_offset(0) == at,
            _ => false,
        })
}

impl Events {
    /// Every event's occurrences that overlap `[from, to)`, by start (then by event), at most
    /// [`OCCURRENCES_MAX`]. An event whose zone `zones` does not know is left out. All-day
    /// occurrences are read in UTC, and those within 14 hours of the window are in too: the
    /// caller places them in its zone and keeps those that overlap.
    pub fn between(&self, from: Instant, to: Instant, zones: &dyn Zones) -> Vec<Happening> {
        let mut all = Vec::new();
        for (index, event) in self.events.iter().enumerate() {
            let length = i64::from(event.minutes) * 60;
            let all_day = event.series.all_day();
            let margin = if all_day { MAX_OFFSET } else { 0 };
            let (found, _) = occurrences_of(
                &event.series,
                &event.overrides,
                Instant(from.0 - length - margin),
                Instant(to.0 + margin),
                OCCURRENCES_MAX,
                zones,
            );
            all.extend(found.into_iter().map(|(start, original)| Happening {
                event: index,
                start,
                end: Instant(start.0 + length),
                moved: start != original,
                all_day,
            }));
        }
        all.retain(|h| h.end.0 + if h.all_day { MAX_OFFSET } else { 0 } > from.0);
        crate::sort::sort_by(&mut all, |a, b| (a.start, a.event).cmp(&(b.start, b.event)));
        all.truncate(OCCURRENCES_MAX);
        all
    }

    /// The distinct zones of the events, in order of first appearance.
    pub fn zones(&self) -> Vec<&str> {
        let mut zones: Vec<&str> = Vec::new();
        for event in &self.events {
            if !zones.contains(&event.zone.as_str()) {
                zones.push(&event.zone);
            }
        }
        zones
    }
}

/// A duration in minutes as words: "1 hour 30 minutes", "2 days".
pub fn duration_words(minutes: u32, lang: Lang) -> String {
    let (hours, rest) = (minutes / 60, minutes % 60);
    let part = |n: u32, one: Msg, many: Msg| {
        if n == 1 {
            one.text(lang).to_owned()
        } else {
            fill(many.text(lang), &[("n", &n.to_string())])
        }
    };
    if hours >= 24 && minutes.is_multiple_of(24 * 60) {
        return part(hours / 24, Msg::DurationDay, Msg::DurationDays);
    }
    let h = (hours > 0).then(|| part(hours, Msg::DurationHour, Msg::DurationHours));
    let m = (rest > 0 || hours == 0).then(|| part(rest, Msg::DurationMinute, Msg::DurationMinutes));
    match (h, m) {
        (Some(h), Some(m)) => fill(
            Msg::DurationAnd.text(lang),
            &[("larger", &h), ("smaller", &m)],
        ),
        (Some(one), None) | (None, Some(one)) => one,
        (None, None) => String::new(),
    }
}

impl Heartbeat {
    /// The heartbeat said in words, for screen readers and as the strip's caption: the past
    /// twelve months (weeks with events), the usual beat, the longest gap and the busiest
    /// week (with their dates in the viewer's `Intl`), the coming twelve months.
    ///
    /// ```
    /// use cop_core::calendar::{EnglishDates, Heartbeat};
    /// use cop_core::day::{Day, Weekday};
    /// use cop_core::i18n::Lang;
    ///
    /// let day = |text| Day::parse(text).unwrap();
    /// let mondays = (0..105).map(|w| day("2025-06-09").plus(7 * w))
    ///     .filter(|&d| d < day("2025-08-04") || d >= day("2025-09-15"));
    /// let words = Heartbeat::new(mondays, day("2026-06-10"), Weekday::Monday)
    ///     .words(Lang::En, &EnglishDates);
    /// assert_eq!(
    ///     words,
    ///     "Past 12 months: events in 46 of 52 weeks. Usually every week. \
    ///      Longest gap: 6 weeks from 4 August 2025. Coming 12 months: 53 events planned."
    /// );
    /// ```
    pub fn words(&self, lang: Lang, dates: &dyn DateWords) -> String {
        let past = self.past();
        let coming = self.coming();
        let mut out = fill(
            Msg::HeartbeatPast.text(lang),
            &[
                ("active", &past.active.to_string()),
                ("weeks", &past.weeks.to_string()),
            ],
        );
        let mut sentence = |text: String| {
            out.push(' ');
            out.push_str(&text);
        };
        match self.spacing() {
            Some(1) => sentence(Msg::HeartbeatWeekly.text(lang).to_owned()),
            Some(n) => sentence(fill(
                Msg::HeartbeatEvery.text(lang),
                &[("n", &n.to_string())],
            )),
            None => {}
        }
        if let Some(gap) = self.longest_gap() {
            let gap_words = if gap.weeks == 1 {
                Msg::HeartbeatGapOne
            } else {
                Msg::HeartbeatGap
            };
            sentence(fill(
                gap_words.text(lang),
                &[
                    ("n", &gap.weeks.to_string()),
                    ("date", &dates.date(self.week_start(gap.first))),
                ],
            ));
        }
        let busiest = self
            .bursts()
            .into_iter()
            .max_by_key(|&week| (self.count(week), std::cmp::Reverse(week)));
        if let Some(week) = busiest {
            sentence(fill(
                Msg::HeartbeatBurst.text(lang),
                &[
                    ("count", &self.count(week).to_string()),
                    ("date", &dates.date(self.week_start(week))),
                ],
            ));
        }
        sentence(fill(
            Msg::HeartbeatComing.text(lang),
            &[("events", &coming.events.to_string())],
        ));
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::mapping::extract;
    use crate::zone::FixedOffsets;
    use serde_json::json;

    fn events(document: serde_json::Value) -> Events {
        let fields = extract(&document, FIELDS, |_| None).unwrap();
        Events::from_fields(&fields, &[])
    }

    #[test]
    fn the_contract_and_a_plain_start_both_read() {
        let read = events(json!([
            {"id": "w", "title": "Weekly call", "kind": "call", "where": "https://meet.example/w",
             "duration_minutes": 60, "zone": "Europe/Vienna",
             "timing": "DTSTART;TZID=Europe/Vienna:20260106T090000\nRRULE:FREQ=WEEKLY;BYDAY=TU",
             "overrides": [{"recurrence_id": "2026-01-13T08:00:00Z", "cancelled": true}]},
            {"id": 7, "title": "Open house", "kind": "Stammtisch", "where": "Room 4",
             "start": "2026-01-20T12:00:00+01:00", "end": "2026-01-20T13:30:00+01:00"},
            {"id": "x", "title": "No time"},
            {"id": "y", "title": "Bad rule", "timing": "DTSTART:20260101T000000Z\nRRULE:FREQ=SOMETIMES"},
        ]));
        assert_eq!(read.events.len(), 2);
        let weekly = &read.events[0];
        assert_eq!(weekly.kind, EventKind::Call);
        assert_eq!(
            weekly.place,
            Some(Where::Link("https://meet.example/w".into()))
        );
        assert!(weekly.repeats);
        assert_eq!(weekly.overrides.len(), 1);
        let open = &read.events[1];
        assert_eq!(
            (open.id.as_str(), open.minutes, open.zone.as_str()),
            ("7", 90, "UTC")
        );
        assert_eq!(open.kind, EventKind::Foreign("Stammtisch".into()));
        assert_eq!(open.place, Some(Where::Place("Room 4".into())));
        assert!(!open.repeats);
        assert_eq!(read.skipped.len(), 2);
        assert_eq!(read.skipped[0].why, "timing");
        assert!(
            read.skipped[1].why.starts_with("timing: FREQ"),
            "{}",
            read.skipped[1].why
        );

        // The cancelled Tuesday is not there; the one-off is.
        let zones = FixedOffsets(&[("Europe/Vienna", 3600)]);
        let from = Instant::parse_rfc3339("2026-01-05T00:00:00Z").unwrap();
        let to = Instant::parse_rfc3339("2026-01-26T00:00:00Z").unwrap();
        let shown: Vec<String> = read
            .between(from, to, &zones)
            .iter()
            .map(|h| format!("{} {}", h.event, h.start))
            .collect();
        assert_eq!(
            shown,
            [
                "0 2026-01-06T08:00:00Z",
                "0 2026-01-20T08:00:00Z",
                "1 2026-01-20T11:00:00Z"
            ]
        );
    }

    #[test]
    fn a_moved_occurrence_is_at_its_new_start_and_an_outdated_override_is_ignored() {
        let series = Series::parse("DTSTART:20260105T080000Z\nRRULE:FREQ=WEEKLY;COUNT=3").unwrap();
        let at = |t: &str| Instant::parse_rfc3339(t).unwrap();
        let overrides = [
            (at("2026-01-12T08:00:00Z"), Some(at("2026-01-13T08:00:00Z"))),
            (at("2026-01-12T09:00:00Z"), None), // no occurrence there
        ];
        let (found, complete) = occurrences_of(
            &series,
            &overrides,
            at("2026-01-01T00:00:00Z"),
            at("2026-02-01T00:00:00Z"),
            10,
            &FixedOffsets(&[]),
        );
        assert!(complete);
        let shown: Vec<String> = found.iter().map(|(s, o)| format!("{s} {o}")).collect();
        assert_eq!(
            shown,
            [
                "2026-01-05T08:00:00Z 2026-01-05T08:00:00Z",
                "2026-01-13T08:00:00Z 2026-01-12T08:00:00Z",
                "2026-01-19T08:00:00Z 2026-01-19T08:00:00Z"
            ]
        );
    }

    #[test]
    fn an_all_day_event_is_on_its_dates_in_every_zone() {
        let read = events(json!([
            {"id": "d", "title": "Community day", "timing": "DTSTART;VALUE=DATE:20261224\nRRULE:FREQ=YEARLY"},
            {"id": "m", "title": "Meet-up", "duration_minutes": 1500,
             "timing": "DTSTART;VALUE=DATE:20261230\nEXDATE;VALUE=DATE:20261231"},
        ]));
        assert_eq!(read.skipped, []);
        // A day by default; part of a day rounds up to whole days.
        let lengths: Vec<u32> = read.events.iter().map(|e| e.minutes).collect();
        assert_eq!(lengths, [1440, 2880]);
        let zones = FixedOffsets(&[("Asia/Tokyo", 9 * 3600), ("America/New_York", -5 * 3600)]);
        let at = |t: &str| Instant::parse_rfc3339(t).unwrap();
        // The 24th on Tokyo's clock begins at 15:00 UTC on the 23rd, New York's at 05:00 UTC
        // on the 24th: the day is found from both windows, and placed on the 24th in both.
        for (zone, from, to) in [
            ("Asia/Tokyo", "2026-12-23T15:00:00Z", "2026-12-24T15:00:00Z"),
            (
                "America/New_York",
                "2026-12-24T05:00:00Z",
                "2026-12-25T05:00:00Z",
            ),
        ] {
            let found = read.between(at(from), at(to), &zones);
            assert_eq!(found.len(), 1, "{zone}");
            assert!(found[0].all_day);
            let placed = super::super::Placed::of(&zones, zone, &found[0]).unwrap();
            assert_eq!(placed.first_day.to_string(), "2026-12-24", "{zone}");
            assert_eq!(placed.last_day, placed.first_day);
            assert_eq!(placed.start, at(from), "{zone}");
            assert_eq!(placed.end, at(to), "{zone}");
        }
        // The meet-up lasts two days; its second (an EXDATE of no occurrence) changes nothing.
        let found = read.between(
            at("2026-12-30T00:00:00Z"),
            at("2027-01-02T00:00:00Z"),
            &zones,
        );
        let meetup = found.iter().find(|h| h.event == 1).unwrap();
        let placed = super::super::Placed::of(&zones, "America/New_York", meetup).unwrap();
        assert_eq!(
            (placed.first_day.to_string(), placed.last_day.to_string()),
            ("2026-12-30".to_owned(), "2026-12-31".to_owned())
        );
    }

    #[test]
    fn a_gap_of_one_week_is_one_week() {
        use crate::calendar::EnglishDates;
        use crate::day::{Day, Weekday};
        let day = |text| Day::parse(text).unwrap();
        // Every Monday for two years but one.
        let words = |lang| {
            let mondays = (0..105)
                .map(|w| day("2025-06-09").plus(7 * w))
                .filter(|&d| d != day("2025-08-04"));
            Heartbeat::new(mondays, day("2026-06-10"), Weekday::Monday).words(lang, &EnglishDates)
        };
        let english = words(Lang::En);
        assert!(
            english.contains(" Longest gap: 1 week from 4 August 2025."),
            "{english}"
        );
        let german = words(Lang::De);
        assert!(german.contains(" Längste Pause: 1 Woche ab "), "{german}");
    }

    #[test]
    fn durations_in_words() {
        assert_eq!(duration_words(60, Lang::En), "1 hour");
        assert_eq!(duration_words(90, Lang::En), "1 hour 30 minutes");
        assert_eq!(duration_words(45, Lang::En), "45 minutes");
        assert_eq!(duration_words(2880, Lang::En), "2 days");
    }

    #[test]
    fn views_months_and_zones() {
        assert_eq!(View::from_param(None), View::Agenda);
        assert_eq!(View::from_param(Some("next")), View::Next);
        assert!(is_zone_name("America/Argentina/Buenos_Aires"));
        assert!(!is_zone_name(""));
        assert!(!is_zone_name("Europe/"));
    }
}
