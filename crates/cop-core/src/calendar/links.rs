//! "Add to my calendar": web calendars' "new event" links, and `webcal:` subscriptions.

use crate::template::percent_encode;
use crate::zone::Instant;

/// One occurrence as a web calendar's "new event" form wants it.
#[derive(Clone, Copy, Debug)]
pub struct NewEvent<'a> {
    pub title: &'a str,
    pub start: Instant,
    pub end: Instant,
    /// The description (the view may put the event's link and its rhythm here).
    pub details: &'a str,
    /// Where: a place, or the call's link.
    pub location: Option<&'a str>,
    /// All day: `start` and `end` are its dates read in UTC (midnight to midnight), and the
    /// links give dates, not times.
    pub all_day: bool,
}

/// `YYYYMMDD`: an all-day occurrence's date (read in UTC).
pub(crate) fn basic_date(at: Instant) -> String {
    let (y, m, d) = at.to_local_utc().date.ymd();
    format!("{y:04}{m:02}{d:02}")
}

/// `YYYYMMDDTHHMMSSZ`.
pub(crate) fn basic_utc(at: Instant) -> String {
    let local = at.to_local_utc();
    let (y, m, d) = local.date.ymd();
    format!(
        "{y:04}{m:02}{d:02}T{:02}{:02}{:02}Z",
        local.hour(),
        local.minute(),
        local.second()
    )
}

fn push_param(out: &mut String, name: &str, value: &str) {
    out.push('&');
    out.push_str(name);
    out.push('=');
    out.push_str(&percent_encode(value));
}

/// Google Calendar's "new event" page for one occurrence, its times in UTC (Google shows
/// them in the member's own zone).
///
/// ```
/// use cop_core::calendar::{google_calendar_url, NewEvent};
/// use cop_core::zone::Instant;
///
/// let start = Instant::parse_rfc3339("2026-01-05T08:00:00Z").unwrap();
/// let url = google_calendar_url(&NewEvent {
///     title: "Teachers' call & Q/A",
///     start,
///     end: Instant(start.0 + 3600),
///     details: "",
///     location: Some("https://meet.example/x?y=1"),
///     all_day: false,
/// });
/// assert_eq!(
///     url,
///     "https://calendar.google.com/calendar/render?action=TEMPLATE\
///      &text=Teachers%27%20call%20%26%20Q%2FA\
///      &dates=20260105T080000Z%2F20260105T090000Z\
///      &location=https%3A%2F%2Fmeet.example%2Fx%3Fy%3D1"
/// );
/// // All day on 24 December: dates, the end one past the last day.
/// let day = Instant::parse_rfc3339("2026-12-24T00:00:00Z").unwrap();
/// let url = google_calendar_url(&NewEvent {
///     title: "Community day",
///     start: day,
///     end: Instant(day.0 + 86_400),
///     details: "",
///     location: None,
///     all_day: true,
/// });
/// assert!(url.ends_with("&dates=20261224%2F20261225"), "{url}");
/// ```
pub fn google_calendar_url(event: &NewEvent<'_>) -> String {
    let mut out = String::from("https://calendar.google.com/calendar/render?action=TEMPLATE");
    push_param(&mut out, "text", event.title);
    let end = event.end.max(event.start);
    let dates = if event.all_day {
        format!("{}/{}", basic_date(event.start), basic_date(end))
    } else {
        format!("{}/{}", basic_utc(event.start), basic_utc(end))
    };
    push_param(&mut out, "dates", &dates);
    if !event.details.is_empty() {
        push_param(&mut out, "details", event.details);
    }
    if let Some(location) = event.location.filter(|l| !l.is_empty()) {
        push_param(&mut out, "location", location);
    }
    out
}

/// Which Outlook on the web.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Outlook {
    /// Outlook.com, personal accounts (`outlook.live.com`).
    Live,
    /// Office 365 / Microsoft 365, work and school accounts (`outlook.office.com`).
    Office,
}

/// Outlook on the web's "new event" page (its `deeplink/compose`) for one occurrence, its
/// times in UTC with `Z`.
///
/// ```
/// use cop_core::calendar::{outlook_url, NewEvent, Outlook};
/// use cop_core::zone::Instant;
///
/// let start = Instant::parse_rfc3339("2026-01-05T08:00:00Z").unwrap();
/// let event = NewEvent {
///     title: "Case clinic",
///     start,
///     end: Instant(start.0 + 5400),
///     details: "Bring a case.",
///     location: None,
///     all_day: false,
/// };
/// assert_eq!(
///     outlook_url(&event, Outlook::Office),
///     "https://outlook.office.com/calendar/0/deeplink/compose?path=%2Fcalendar%2Faction%2Fcompose\
///      &rru=addevent&subject=Case%20clinic\
///      &startdt=2026-01-05T08%3A00%3A00Z&enddt=2026-01-05T09%3A30%3A00Z\
///      &body=Bring%20a%20case."
/// );
/// // All day: dates and `allday`.
/// let day = Instant::parse_rfc3339("2026-12-24T00:00:00Z").unwrap();
/// let event = NewEvent { start: day, end: Instant(day.0 + 86_400), all_day: true, ..event };
/// assert!(outlook_url(&event, Outlook::Live)
///     .contains("&startdt=2026-12-24&enddt=2026-12-25&allday=true&"));
/// ```
pub fn outlook_url(event: &NewEvent<'_>, outlook: Outlook) -> String {
    let host = match outlook {
        Outlook::Live => "outlook.live.com",
        Outlook::Office => "outlook.office.com",
    };
    let mut out = format!(
        "https://{host}/calendar/0/deeplink/compose?path=%2Fcalendar%2Faction%2Fcompose&rru=addevent"
    );
    push_param(&mut out, "subject", event.title);
    let end = event.end.max(event.start);
    if event.all_day {
        let date = |at: Instant| at.to_local_utc().date.to_string();
        push_param(&mut out, "startdt", &date(event.start));
        push_param(&mut out, "enddt", &date(end));
        out.push_str("&allday=true");
    } else {
        push_param(&mut out, "startdt", &event.start.to_string());
        push_param(&mut out, "enddt", &end.to_string());
    }
    if !event.details.is_empty() {
        push_param(&mut out, "body", event.details);
    }
    if let Some(location) = event.location.filter(|l| !l.is_empty()) {
        push_param(&mut out, "location", location);
    }
    out
}

/// The `webcal:` address of a feed's `http(s):` one, which calendar programs open as a
/// subscription (they fetch it again by `https`, or `http` for an `http` feed… as each
/// program decides: a feed should be `https`). `None` for an address that is not an absolute
/// `http(s)` URL (resolve a relative one against the API's base first).
///
/// ```
/// use cop_core::calendar::webcal_url;
/// assert_eq!(
///     webcal_url("https://cop.example/api/communities/teachers/calendar.ics").as_deref(),
///     Some("webcal://cop.example/api/communities/teachers/calendar.ics")
/// );
/// assert_eq!(webcal_url("HTTP://cop.example/c.ics").as_deref(), Some("webcal://cop.example/c.ics"));
/// assert_eq!(webcal_url("/api/communities/teachers/calendar.ics"), None);
/// ```
pub fn webcal_url(feed: &str) -> Option<String> {
    let rest = ["https://", "http://"].iter().find_map(|scheme| {
        feed.get(..scheme.len())
            .filter(|head| head.eq_ignore_ascii_case(scheme))
            .and_then(|_| feed.get(scheme.len()..))
    })?;
    (!rest.is_empty() && !rest.starts_with('/')).then(|| format!("webcal://{rest}"))
}

/// The place named by an IANA zone, for "14:00 in Vienna": its last part, underscores as
/// spaces (`America/Argentina/Buenos_Aires` → `Buenos Aires`). English, as the database
/// names them (`Intl` has no localised city names); `UTC` and zones without a city as they
/// are.
///
/// ```
/// use cop_core::calendar::zone_place;
/// assert_eq!(zone_place("Europe/Vienna"), "Vienna");
/// assert_eq!(zone_place("America/Argentina/Buenos_Aires"), "Buenos Aires");
/// assert_eq!(zone_place("UTC"), "UTC");
/// ```
pub fn zone_place(zone: &str) -> String {
    zone.rsplit('/').next().unwrap_or(zone).replace('_', " ")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn event<'a>(title: &'a str, details: &'a str, location: Option<&'a str>) -> NewEvent<'a> {
        let start = Instant::parse_rfc3339("2026-03-29T00:30:00Z").unwrap();
        NewEvent {
            title,
            start,
            end: Instant(start.0 + 3600),
            details,
            location,
            all_day: false,
        }
    }

    /// The query's values, decoded, by name.
    fn params(url: &str) -> Vec<(String, String)> {
        let query = url.split_once('?').unwrap().1;
        query
            .split('&')
            .map(|pair| {
                let (name, value) = pair.split_once('=').unwrap();
                let bytes = value.as_bytes();
                let mut out = Vec::new();
                let mut i = 0;
                while i < bytes.len() {
                    if bytes[i] == b'%' {
                        out.push(u8::from_str_radix(&value[i + 1..i + 3], 16).unwrap());
                        i += 3;
                    } else {
                        out.push(bytes[i]);
                        i += 1;
                    }
                }
                (name.to_owned(), String::from_utf8(out).unwrap())
            })
            .collect()
    }

    #[test]
    fn text_with_any_characters_survives_the_round_trip() {
        let title = "Café & co: 50% = ½? #1 + «Wien»\nline two";
        let details = "a=b&c=d; e/f?g#h";
        let location = "Raum 3, Stiege 2 / Top 4";
        let google = google_calendar_url(&event(title, details, Some(location)));
        let outlook = outlook_url(&event(title, details, Some(location)), Outlook::Live);
        for url in [&google, &outlook] {
            assert!(
                url.bytes()
                    .all(|b| b.is_ascii_graphic() && !matches!(b, b'#' | b' ' | b'"')),
                "{url}"
            );
        }
        let google = params(&google);
        assert!(google.contains(&("action".into(), "TEMPLATE".into())));
        assert!(google.contains(&("text".into(), title.into())));
        assert!(google.contains(&("details".into(), details.into())));
        assert!(google.contains(&("location".into(), location.into())));
        assert!(google.contains(&("dates".into(), "20260329T003000Z/20260329T013000Z".into())));
        let outlook = params(&outlook);
        assert!(outlook.contains(&("subject".into(), title.into())));
        assert!(outlook.contains(&("body".into(), details.into())));
        assert!(outlook.contains(&("location".into(), location.into())));
        assert!(outlook.contains(&("startdt".into(), "2026-03-29T00:30:00Z".into())));
        assert!(outlook.contains(&("enddt".into(), "2026-03-29T01:30:00Z".into())));
        assert!(outlook.contains(&("rru".into(), "addevent".into())));
        assert!(outlook.contains(&("path".into(), "/calendar/action/compose".into())));
    }

    #[test]
    fn empty_parts_are_left_out_and_hosts_differ() {
        let live = outlook_url(&event("x", "", Some("")), Outlook::Live);
        assert!(live.starts_with("https://outlook.live.com/calendar/0/deeplink/compose?"));
        assert!(!live.contains("body=") && !live.contains("location="));
        let office = outlook_url(&event("x", "", None), Outlook::Office);
        assert!(office.starts_with("https://outlook.office.com/"));
        let google = google_calendar_url(&event("x", "", None));
        assert!(!google.contains("details=") && !google.contains("location="));
        // An end before the start is the start.
        let mut backwards = event("x", "", None);
        backwards.end = Instant(backwards.start.0 - 60);
        assert!(google_calendar_url(&backwards).contains("20260329T003000Z%2F20260329T003000Z"));
    }

    #[test]
    fn only_absolute_http_feeds_have_a_webcal_address() {
        assert_eq!(
            webcal_url("http://localhost:8080/api/communities/x/calendar.ics").as_deref(),
            Some("webcal://localhost:8080/api/communities/x/calendar.ics")
        );
        assert_eq!(
            webcal_url("HTTPS://Cop.Example/c.ics").as_deref(),
            Some("webcal://Cop.Example/c.ics")
        );
        for bad in [
            "",
            "https://",
            "https:///path",
            "ftp://x/c.ics",
            "webcal://x/c.ics",
            "javascript:alert(1)",
            "//x/c.ics",
            "c.ics",
            "é",
        ] {
            assert_eq!(webcal_url(bad), None, "{bad}");
        }
    }

    #[test]
    fn zone_places() {
        assert_eq!(zone_place("America/Port-au-Prince"), "Port-au-Prince");
        assert_eq!(zone_place("Etc/GMT+5"), "GMT+5");
        assert_eq!(zone_place(""), "");
    }
}
