//! Calendar days: activity is counted per day, so a day number is all the date arithmetic the
//! rules need (no time zones, no clock, no date library in the wasm). [`Weekday`] names the
//! days of the week.

use std::fmt;

/// A day of the proleptic Gregorian calendar, as days since 1970-01-01.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Day(pub i32);

impl Day {
    /// `None` for dates that do not exist (2023-02-29, month 13…).
    pub fn from_ymd(year: i32, month: u32, day: u32) -> Option<Day> {
        if !(1..=12).contains(&month) || day == 0 || day > days_in_month(year, month) {
            return None;
        }
        // Howard Hinnant's days_from_civil.
        let y = i64::from(year) - i64::from(month <= 2);
        let era = y.div_euclid(400);
        let yoe = y - era * 400;
        let m = i64::from(month);
        let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i64::from(day) - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        i32::try_from(era * 146_097 + doe - 719_468).ok().map(Day)
    }

    /// `YYYY-MM-DD`, strictly (as in JSON APIs and `<input type="date">`).
    pub fn parse(text: &str) -> Option<Day> {
        let bytes = text.as_bytes();
        let digits = |range: std::ops::Range<usize>| -> Option<u32> {
            let part = text.get(range)?;
            part.bytes()
                .all(|b| b.is_ascii_digit())
                .then(|| part.parse().ok())?
        };
        if bytes.len() != 10 || bytes[4] != b'-' || bytes[7] != b'-' {
            return None;
        }
        Day::from_ymd(
            i32::try_from(digits(0..4)?).ok()?,
            digits(5..7)?,
            digits(8..10)?,
        )
    }

    /// (year, month, day); Howard Hinnant's civil_from_days.
    pub fn ymd(self) -> (i32, u32, u32) {
        let z = i64::from(self.0) + 719_468;
        let era = z.div_euclid(146_097);
        let doe = z - era * 146_097;
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let day = (doy - (153 * mp + 2) / 5 + 1) as u32;
        let month = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
        let year = (yoe + era * 400 + i64::from(month <= 2)) as i32;
        (year, month, day)
    }

    pub fn plus(self, days: i32) -> Day {
        Day(self.0.saturating_add(days))
    }

    /// The day of the week.
    ///
    /// ```
    /// use cop_core::day::{Day, Weekday};
    /// assert_eq!(Day::from_ymd(2026, 1, 5).unwrap().weekday(), Weekday::Monday);
    /// ```
    pub fn weekday(self) -> Weekday {
        // 1970-01-01 was a Thursday.
        Weekday::ALL[(i64::from(self.0) + 3).rem_euclid(7) as usize]
    }
}

/// A day of the week; Monday is 0, as ISO 8601 and RFC 5545's default `WKST=MO` count.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Weekday {
    Monday = 0,
    Tuesday = 1,
    Wednesday = 2,
    Thursday = 3,
    Friday = 4,
    Saturday = 5,
    Sunday = 6,
}

impl Weekday {
    pub const ALL: [Weekday; 7] = [
        Weekday::Monday,
        Weekday::Tuesday,
        Weekday::Wednesday,
        Weekday::Thursday,
        Weekday::Friday,
        Weekday::Saturday,
        Weekday::Sunday,
    ];

    /// Monday 0 … Sunday 6.
    pub fn index(self) -> u8 {
        self as u8
    }

    /// The weekday `n` days after this one (`n` may be negative).
    pub fn plus(self, n: i32) -> Weekday {
        Weekday::ALL[(i32::from(self.index()) + n).rem_euclid(7) as usize]
    }

    /// How many days from `start` (the first day of a week) this day is: 0 to 6.
    pub fn days_from(self, start: Weekday) -> i32 {
        (i32::from(self.index()) - i32::from(start.index())).rem_euclid(7)
    }

    /// `MO`, `TU`… (RFC 5545) and `Monday`… (ISO 8601 names, case-insensitive), as a
    /// `data-first-weekday` attribute may give it, or `1`–`7` (Monday 1, ISO 8601), or `0` for
    /// Sunday (as `Intl.Locale`'s `weekInfo.firstDay` gives 7).
    ///
    /// ```
    /// use cop_core::day::Weekday;
    /// assert_eq!(Weekday::parse("SU"), Some(Weekday::Sunday));
    /// assert_eq!(Weekday::parse("monday"), Some(Weekday::Monday));
    /// assert_eq!(Weekday::parse("7"), Some(Weekday::Sunday));
    /// assert_eq!(Weekday::parse("Mo."), None);
    /// ```
    pub fn parse(text: &str) -> Option<Weekday> {
        const NAMES: [&str; 7] = [
            "monday",
            "tuesday",
            "wednesday",
            "thursday",
            "friday",
            "saturday",
            "sunday",
        ];
        match text {
            "0" | "7" => return Some(Weekday::Sunday),
            "1" | "2" | "3" | "4" | "5" | "6" => {
                return Weekday::ALL
                    .get(usize::from(text.as_bytes()[0] - b'1'))
                    .copied()
            }
            _ => {}
        }
        Weekday::ALL.into_iter().find(|day| {
            let name = NAMES[day.index() as usize];
            text.eq_ignore_ascii_case(name) || text.eq_ignore_ascii_case(&name[..2])
        })
    }
}

impl fmt::Display for Day {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (year, month, day) = self.ymd();
        write!(f, "{year:04}-{month:02}-{day:02}")
    }
}

pub(crate) fn is_leap(year: i32) -> bool {
    (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
}

pub(crate) fn days_in_month(year: i32, month: u32) -> u32 {
    match month {
        2 if is_leap(year) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_epoch_and_known_days() {
        assert_eq!(Day::from_ymd(1970, 1, 1), Some(Day(0)));
        assert_eq!(Day::from_ymd(2000, 3, 1), Some(Day(11_017)));
        assert_eq!(Day::from_ymd(1969, 12, 31), Some(Day(-1)));
        assert_eq!(
            Day::parse("2026-11-23").map(|d| d.to_string()).as_deref(),
            Some("2026-11-23")
        );
    }

    #[test]
    fn leap_years_follow_the_gregorian_rules() {
        assert!(Day::from_ymd(2024, 2, 29).is_some());
        assert!(Day::from_ymd(2000, 2, 29).is_some(), "divisible by 400");
        assert!(
            Day::from_ymd(1900, 2, 29).is_none(),
            "divisible by 100 only"
        );
        assert!(Day::from_ymd(2026, 2, 29).is_none());
        assert_eq!(
            Day::parse("2024-02-28").unwrap().plus(1).to_string(),
            "2024-02-29"
        );
        assert_eq!(
            Day::parse("2024-02-29").unwrap().plus(1).to_string(),
            "2024-03-01"
        );
        assert_eq!(
            Day::parse("2025-12-31").unwrap().plus(1).to_string(),
            "2026-01-01"
        );
    }

    #[test]
    fn round_trips_over_four_centuries() {
        let start = Day::from_ymd(1800, 1, 1).unwrap();
        let end = Day::from_ymd(2200, 12, 31).unwrap();
        for n in start.0..=end.0 {
            let (y, m, d) = Day(n).ymd();
            assert_eq!(Day::from_ymd(y, m, d), Some(Day(n)));
        }
    }

    #[test]
    fn weekdays_follow_the_calendar() {
        assert_eq!(Day(0).weekday(), Weekday::Thursday);
        assert_eq!(Day(-1).weekday(), Weekday::Wednesday);
        assert_eq!(Day::parse("2026-03-01").unwrap().weekday(), Weekday::Sunday);
        assert_eq!(Weekday::Sunday.plus(1), Weekday::Monday);
        assert_eq!(Weekday::Monday.plus(-1), Weekday::Sunday);
        assert_eq!(Weekday::Monday.days_from(Weekday::Sunday), 1);
        assert_eq!(Weekday::Sunday.days_from(Weekday::Monday), 6);
        assert_eq!(Weekday::parse("tu"), Some(Weekday::Tuesday));
        assert_eq!(Weekday::parse("8"), None);
        assert_eq!(Weekday::parse(""), None);
    }

    #[test]
    fn parsing_is_strict() {
        for bad in [
            "2026-1-5",
            "2026/01/05",
            "26-01-05",
            "2026-01-05T00:00",
            "2026-13-01",
            "2026-00-10",
            "2026-04-31",
            "",
            "abcd-ef-gh",
            "+026-01-05",
        ] {
            assert_eq!(Day::parse(bad), None, "{bad}");
        }
    }
}
