//! Calendar days: activity is counted per day, so a day number is all the date arithmetic the
//! rules need (no time zones, no clock, no date library in the wasm).

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
