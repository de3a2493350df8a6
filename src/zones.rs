//! Time zones and dates through the browser's `Intl`: `cop_core::zone::Zones` (offsets at an
//! instant, from `Intl.DateTimeFormat` with a `timeZone`), the viewer's zone and first weekday,
//! and dates and times formatted in a locale and a zone. No zone data ships in the wasm.
//!
//! Every `Intl.DateTimeFormat` is built with `Reflect::construct` (an unknown zone or locale
//! is a `RangeError`, caught: never thrown through the wasm) and cached per zone, locale and
//! style: building one costs far more than using it, and a calendar formats hundreds.

use std::cell::RefCell;

use js_sys::{Array, Function, Object, Reflect};
use wasm_bindgen::JsCast;

use cop_core::calendar::DateWords;
use cop_core::day::{Day, Weekday};
use cop_core::zone::{Instant, LocalDateTime, LocalOffsets, UnknownZone, Zones};

use crate::host::set;

/// How a moment is written.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Style {
    /// `14:00` / `2:00 PM`.
    Time,
    /// `Tuesday, 6 January 2026`.
    Day,
    /// `6 January`.
    DayMonth,
    /// `January 2026`.
    MonthYear,
    /// `Tue`.
    WeekdayShort,
    /// `T`: a month grid's column too narrow for the short name (Arabic's short names are
    /// whole words).
    WeekdayNarrow,
    /// `6 January 2026`.
    Date,
    /// The numeric parts `Zones` reads (`en-US`, 24-hour).
    Parts,
}

/// `(zone, locale, style)` → the `DateTimeFormat`, or `None` if `Intl` refused it.
type Cached = ((String, String, Style), Option<Object>);

thread_local! {
    static FORMATS: RefCell<Vec<Cached>> = const { RefCell::new(Vec::new()) };
}

fn intl_constructor(name: &str) -> Option<Function> {
    let intl = Reflect::get(&js_sys::global(), &"Intl".into()).ok()?;
    Reflect::get(&intl, &name.into()).ok()?.dyn_into().ok()
}

/// The `Intl.DateTimeFormat` for `zone`, `locale` and `style`, cached.
fn format(zone: &str, locale: &str, style: Style) -> Option<Object> {
    let key = (zone.to_owned(), locale.to_owned(), style);
    if let Some(found) = FORMATS.with(|cache| {
        cache
            .borrow()
            .iter()
            .find(|(k, _)| *k == key)
            .map(|(_, f)| f.clone())
    }) {
        return found;
    }
    let options = Object::new();
    set(&options, "timeZone", zone);
    let pairs: &[(&str, &str)] = match style {
        Style::Time => &[("hour", "numeric"), ("minute", "2-digit")],
        Style::Day => &[
            ("weekday", "long"),
            ("day", "numeric"),
            ("month", "long"),
            ("year", "numeric"),
        ],
        Style::DayMonth => &[("day", "numeric"), ("month", "long")],
        Style::MonthYear => &[("month", "long"), ("year", "numeric")],
        Style::WeekdayShort => &[("weekday", "short")],
        Style::WeekdayNarrow => &[("weekday", "narrow")],
        Style::Date => &[("dateStyle", "long")],
        Style::Parts => &[
            ("hourCycle", "h23"),
            ("year", "numeric"),
            ("month", "numeric"),
            ("day", "numeric"),
            ("hour", "numeric"),
            ("minute", "numeric"),
            ("second", "numeric"),
        ],
    };
    for (name, value) in pairs {
        set(&options, name, value);
    }
    let made = intl_constructor("DateTimeFormat").and_then(|ctor| {
        Reflect::construct(&ctor, &Array::of2(&locale.into(), &options))
            .ok()?
            .dyn_into::<Object>()
            .ok()
    });
    FORMATS.with(|cache| cache.borrow_mut().push((key, made.clone())));
    made
}

/// A JS `Date` for `at`, inside the range `Date` accepts.
fn date_of(at: Instant) -> js_sys::Date {
    let ms = (at.0 as f64 * 1000.0).clamp(-8.64e15, 8.64e15);
    js_sys::Date::new(&ms.into())
}

/// `at` written in `zone` for `locale`; empty if `Intl` refuses either.
pub fn write(zone: &str, locale: &str, style: Style, at: Instant) -> String {
    let Some(format) = format(zone, locale, style) else {
        return String::new();
    };
    Reflect::get(&format, &"format".into())
        .ok()
        .and_then(|f| f.dyn_into::<Function>().ok())
        .and_then(|f| f.call1(&format, &date_of(at)).ok())
        .and_then(|s| s.as_string())
        .unwrap_or_default()
}

/// A day (as on its own wall clock) written for `locale`: formatted at noon UTC in UTC.
pub fn write_day(locale: &str, style: Style, day: Day) -> String {
    write(
        "UTC",
        locale,
        style,
        LocalDateTime::midnight(day).at_offset(-12 * 3600),
    )
}

/// Whether the browser knows `zone`.
pub fn knows(zone: &str) -> bool {
    format(zone, "en-US", Style::Parts).is_some()
}

/// The viewer's zone: the browser's (`Intl.DateTimeFormat().resolvedOptions().timeZone`),
/// `UTC` if it says none.
pub fn browser_zone() -> String {
    intl_constructor("DateTimeFormat")
        .and_then(|ctor| Reflect::construct(&ctor, &Array::new()).ok())
        .and_then(|format| {
            let resolved: Function = Reflect::get(&format, &"resolvedOptions".into())
                .ok()?
                .dyn_into()
                .ok()?;
            let options = resolved.call0(&format).ok()?;
            Reflect::get(&options, &"timeZone".into()).ok()?.as_string()
        })
        .unwrap_or_else(|| "UTC".to_owned())
}

/// The first day of the week where `locale` is (`Intl.Locale`'s week info), Monday where the
/// browser does not say.
pub fn first_weekday(locale: &str) -> Weekday {
    let first = intl_constructor("Locale")
        .and_then(|ctor| Reflect::construct(&ctor, &Array::of1(&locale.into())).ok())
        .and_then(|loc| {
            let info = match Reflect::get(&loc, &"getWeekInfo".into())
                .ok()
                .and_then(|f| f.dyn_into::<Function>().ok())
            {
                Some(get) => get.call0(&loc).ok()?,
                None => Reflect::get(&loc, &"weekInfo".into()).ok()?,
            };
            Reflect::get(&info, &"firstDay".into()).ok()?.as_f64()
        });
    match first {
        Some(n) if (1.0..=7.0).contains(&n) => Weekday::ALL[n as usize - 1],
        _ => Weekday::Monday,
    }
}

/// The offset (seconds east of UTC) `zone` has at `at`.
fn offset_at(zone: &str, at: Instant) -> Result<i32, UnknownZone> {
    let unknown = || UnknownZone(zone.to_owned());
    let format = format(zone, "en-US", Style::Parts).ok_or_else(unknown)?;
    let parts: Function = Reflect::get(&format, &"formatToParts".into())
        .ok()
        .and_then(|f| f.dyn_into().ok())
        .ok_or_else(unknown)?;
    let parts: Array = parts
        .call1(&format, &date_of(at))
        .ok()
        .and_then(|p| p.dyn_into().ok())
        .ok_or_else(unknown)?;
    let mut numbers = [0i32; 6];
    for part in parts.iter() {
        let text = |name: &str| {
            Reflect::get(&part, &name.into())
                .ok()
                .and_then(|v| v.as_string())
        };
        let slot = match text("type").as_deref() {
            Some("year") => 0,
            Some("month") => 1,
            Some("day") => 2,
            Some("hour") => 3,
            Some("minute") => 4,
            Some("second") => 5,
            _ => continue,
        };
        numbers[slot] = text("value").and_then(|v| v.parse().ok()).unwrap_or(0);
    }
    let [year, month, day, hour, minute, second] = numbers;
    let local = Day::from_ymd(year, month as u32, day as u32)
        .and_then(|date| LocalDateTime::new(date, (hour % 24) as u8, minute as u8, second as u8))
        .ok_or_else(unknown)?;
    Ok(i32::try_from(local.seconds() - at.0).unwrap_or(0))
}

/// `Zones` over `Intl`: offsets at an instant, read back from the zone's wall clock.
pub struct IntlZones;

impl Zones for IntlZones {
    fn offsets_at_local(
        &self,
        zone: &str,
        local: LocalDateTime,
    ) -> Result<LocalOffsets, UnknownZone> {
        // The offsets a day before and after: a zone changes them at most once in between.
        let seconds = local.seconds();
        let before = offset_at(zone, Instant(seconds - 86_400))?;
        let after = offset_at(zone, Instant(seconds + 86_400))?;
        if before == after {
            return Ok(LocalOffsets::Unique(before));
        }
        let reads = |offset: i32| -> Result<bool, UnknownZone> {
            Ok(offset_at(zone, local.at_offset(offset))? == offset)
        };
        Ok(match (reads(before)?, reads(after)?) {
            (true, true) => LocalOffsets::Fold { before, after },
            (true, false) => LocalOffsets::Unique(before),
            (false, true) => LocalOffsets::Unique(after),
            (false, false) => LocalOffsets::Gap { before, after },
        })
    }

    fn local_at(&self, zone: &str, at: Instant) -> Result<LocalDateTime, UnknownZone> {
        let offset = offset_at(zone, at)?;
        Ok(LocalDateTime::from_seconds(at.0 + i64::from(offset)))
    }
}

/// Dates in a sentence through `Intl`, in one locale (the catalog's language, so a sentence
/// is in one language).
pub struct IntlDates<'a>(pub &'a str);

impl DateWords for IntlDates<'_> {
    fn day_month(&self, month: u8, day: u8) -> String {
        // 2024: a leap year, so that the 29th of February exists.
        Day::from_ymd(2024, u32::from(month), u32::from(day))
            .map(|d| write_day(self.0, Style::DayMonth, d))
            .unwrap_or_default()
    }

    fn month(&self, month: u8) -> String {
        let Some(day) = Day::from_ymd(2024, u32::from(month), 1) else {
            return String::new();
        };
        // The month alone: `month: "long"` through the MonthYear format would add the year.
        let options = Object::new();
        set(&options, "month", "long");
        set(&options, "timeZone", "UTC");
        intl_constructor("DateTimeFormat")
            .and_then(|ctor| Reflect::construct(&ctor, &Array::of2(&self.0.into(), &options)).ok())
            .and_then(|format| {
                let f: Function = Reflect::get(&format, &"format".into())
                    .ok()?
                    .dyn_into()
                    .ok()?;
                f.call1(
                    &format,
                    &date_of(LocalDateTime::midnight(day).at_offset(-43_200)),
                )
                .ok()?
                .as_string()
            })
            .unwrap_or_default()
    }

    fn date(&self, day: Day) -> String {
        write_day(self.0, Style::Date, day)
    }
}
