//! The community-rhythm calendar's model: what the widget shows, computed without a browser.
//!
//! The widget (`data-cop-widget="rhythm-calendar"`) shows a community's events as an agenda, a month
//! grid or a compact "next 3", each occurrence in the viewer's zone, each series with its
//! rhythm in words, and the community's *heartbeat*: how regular its activity has been and
//! will be, week by week. Everything here is plain data in and out, so it runs natively in the
//! tests and the same in the wasm; the view (Leptos, in `src/`) only formats and draws.
//!
//! - [`Rhythm`]: a series' rule as a value ([`Pattern`], [`End`]) and as a sentence in the
//!   member's language ("monthly on the last Friday, 10 times").
//! - [`Heartbeat`]: events per week over the past and the coming 52 weeks, and the measures
//!   of its regularity (weeks with events, the usual beat, gaps, bursts) that the view puts
//!   into words ("a call most weeks; a 6-week gap in August").
//! - [`Placed`]: an occurrence on the viewer's local days (their zone through
//!   [`crate::zone::Zones::local_at`]: `Intl` in the wasm, `Tzdb` natively); [`MonthGrid`]:
//!   a month's six weeks from a chosen first weekday, occurrences placed on its days, the
//!   roving tab stop, and [`move_focus`], the APG grid's keys (RTL swaps left and right);
//!   [`upcoming`] and [`agenda`]: the next N, grouped by local day.
//! - "Add to my calendar": [`google_calendar_url`] and [`outlook_url`] (Outlook.com and
//!   Office 365) for one occurrence, [`webcal_url`] for the community's feed; [`zone_place`]
//!   names an event's zone ("14:00 in Vienna", with the catalog's `CalendarTimeIn`).
//!
//! # Words: the catalog's, dates the browser's
//!
//! Sentences are rows of the message catalog ([`crate::i18n`]): English compiled in, the
//! other four languages with the `translations` feature or installed at run time, like every
//! other message. **Weekday names come from the catalog too** (seven rows), not from `Intl`:
//!
//! - a sentence must agree with its weekday, and a language's grammar decides how: in
//!   Portuguese *na* segunda terça-feira but *no* segundo sábado (the catalog has the ordinal
//!   with its article in both genders, and [`Rhythm::sentence`] picks by weekday); the name and
//!   the words around it are best written by the same translator;
//! - the sentence is then in one language, the catalog's, even when the page's language has
//!   no catalog (a page in Italian gets English sentences, not English with Italian days);
//! - every sentence is tested natively in all five languages;
//! - it costs the wasm seven short English strings.
//!
//! **Dates come from the browser** ([`DateWords`]: `Intl.DateTimeFormat` in the catalog's
//! language): "3 March" or "March 3", "30 June 2027" or "June 30, 2027" depend on the
//! region (`en-GB`, `en-US`), which `Intl` knows and five catalogs cannot. Numbers in
//! sentences are small whole numbers (an interval, a count) written with ASCII digits.
//!
//! Plurals: the catalog has no plural rules, and needs none here. Every count a sentence
//! shows is at least 2 (an interval of 1 and a `COUNT` of 1 have their own wording: "every
//! week", "once"), and 2 and more are plural in all five languages.
//!
//! # Not here: the `.ics` file
//!
//! The server writes a series' `.ics` (`crates/cop-server/src/calendar.rs`), with a
//! `VTIMEZONE` made from the zone's transitions, which come from `jiff`; [`crate::zone::Zones`]
//! answers what offsets a wall clock has, not when a zone changes them. Writing `.ics` files
//! in the browser (for a foreign backend's events) needs a zone-transitions trait first
//! (`Intl` can answer it by sampling offsets and bisecting); until then the widget links the
//! server's `.ics` endpoints and the web calendars' links.

mod events;
mod grid;
mod heartbeat;
mod links;
mod rhythm;

pub use events::{
    duration_words, is_occurrence, is_zone_name, occurrences_of, parse_months, Event, EventKind,
    Events, Happening, Skipped, View, Where, MONTHS_DEFAULT, MONTHS_MAX, OCCURRENCES_MAX, VIEWS,
};
pub use grid::{agenda, move_focus, upcoming, AgendaDay, GridKey, Month, MonthGrid, Placed, ROWS};
pub use heartbeat::{Heartbeat, Run, Stretch, COMING_WEEKS, PAST_WEEKS, WEEKS};
pub use links::{google_calendar_url, outlook_url, webcal_url, zone_place, NewEvent, Outlook};
pub use rhythm::{weekday_name, DateWords, End, EnglishDates, Pattern, Rhythm};
