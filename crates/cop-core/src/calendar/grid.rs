//! The month grid (APG grid pattern), the agenda and the occurrences placed on local days.

use crate::day::{days_in_month, Day, Weekday};
use crate::zone::{Instant, LocalDateTime, UnknownZone, Zones};

/// A month of a year.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Month {
    pub year: i32,
    /// 1 to 12.
    pub month: u8,
}

impl Month {
    /// The month `day` is in.
    pub fn of(day: Day) -> Month {
        let (year, month, _) = day.ymd();
        Month {
            year,
            month: month as u8,
        }
    }

    /// Its first day (`None` for a month that is not 1 to 12, or beyond `Day`'s range).
    pub fn first_day(self) -> Option<Day> {
        Day::from_ymd(self.year, u32::from(self.month), 1)
    }

    /// How many days it has.
    pub fn days(self) -> u32 {
        days_in_month(self.year, u32::from(self.month))
    }

    /// The month `n` months later (earlier for a negative `n`).
    ///
    /// ```
    /// use cop_core::calendar::Month;
    /// let december = Month { year: 2026, month: 12 };
    /// assert_eq!(december.plus(1), Month { year: 2027, month: 1 });
    /// assert_eq!(december.plus(-12), Month { year: 2025, month: 12 });
    /// ```
    pub fn plus(self, n: i32) -> Month {
        let index = i64::from(self.year) * 12 + i64::from(self.month) - 1 + i64::from(n);
        Month {
            year: i32::try_from(index.div_euclid(12)).unwrap_or(self.year),
            month: (index.rem_euclid(12) + 1) as u8,
        }
    }

    /// Day `day` of the month, or its last day if it has fewer (the 31st of April is the 30th).
    pub fn day_or_last(self, day: u32) -> Option<Day> {
        Day::from_ymd(
            self.year,
            u32::from(self.month),
            day.clamp(1, self.days().max(1)),
        )
    }
}

/// Rows of a [`MonthGrid`]: always six, so the widget keeps its height from month to month
/// (it sits in a host page's reserved space; a grid of four to six rows would make the page
/// jump). [`MonthGrid::rows_needed`] says how many hold a day of the month, for a view that
/// wants to leave the rest out.
pub const ROWS: usize = 6;

/// A month as a grid of weeks: [`ROWS`] rows of 7 days, each row starting on `first_weekday`,
/// the first row holding the month's first day. Days of the months before and after fill
/// the rest (marked: [`MonthGrid::in_month`]).
///
/// ```
/// use cop_core::calendar::{Month, MonthGrid};
/// use cop_core::day::Weekday;
///
/// // March 2026 begins on a Sunday.
/// let grid = MonthGrid::new(Month { year: 2026, month: 3 }, Weekday::Monday).unwrap();
/// assert_eq!(grid.day(0, 0).to_string(), "2026-02-23");
/// assert_eq!(grid.day(0, 6).to_string(), "2026-03-01");
/// assert!(!grid.in_month(grid.day(0, 0)));
/// assert_eq!(grid.rows_needed(), 6);
/// assert_eq!(grid.weekdays()[0], Weekday::Monday);
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct MonthGrid {
    pub month: Month,
    pub first_weekday: Weekday,
    /// The first cell's day.
    start: Day,
}

impl MonthGrid {
    /// `None` for a month that is not 1 to 12.
    pub fn new(month: Month, first_weekday: Weekday) -> Option<MonthGrid> {
        let first = month.first_day()?;
        Some(MonthGrid {
            month,
            first_weekday,
            start: first.plus(-first.weekday().days_from(first_weekday)),
        })
    }

    /// The grid of the month `day` is in.
    pub fn around(day: Day, first_weekday: Weekday) -> Option<MonthGrid> {
        MonthGrid::new(Month::of(day), first_weekday)
    }

    /// The columns' weekdays, in order (for the column headers).
    pub fn weekdays(&self) -> [Weekday; 7] {
        let mut out = [self.first_weekday; 7];
        for (i, day) in out.iter_mut().enumerate() {
            *day = self.first_weekday.plus(i as i32);
        }
        out
    }

    /// The day in `row` (0 to 5) and `column` (0 to 6).
    pub fn day(&self, row: usize, column: usize) -> Day {
        let offset = row.saturating_mul(7).saturating_add(column);
        self.start.plus(i32::try_from(offset).unwrap_or(i32::MAX))
    }

    /// The grid's [`ROWS`] × 7 days, row by row.
    pub fn days(&self) -> impl Iterator<Item = Day> + '_ {
        (0..ROWS * 7).map(|i| self.start.plus(i as i32))
    }

    /// Whether `day` belongs to the month (not to the days around it).
    pub fn in_month(&self, day: Day) -> bool {
        Month::of(day) == self.month
    }

    /// The cell of `day` (row, column), if the grid shows it.
    pub fn position(&self, day: Day) -> Option<(usize, usize)> {
        let offset = usize::try_from(i64::from(day.0) - i64::from(self.start.0)).ok()?;
        (offset < ROWS * 7).then_some((offset / 7, offset % 7))
    }

    /// Rows that hold at least one day of the month: 4 to 6.
    pub fn rows_needed(&self) -> usize {
        let last = self.month.day_or_last(31).unwrap_or(self.start);
        self.position(last).map_or(ROWS, |(row, _)| row + 1)
    }

    /// The one cell that is in the tab order (roving tabindex): the focused day if it is in
    /// the month, else today if it is, else the month's first day.
    pub fn tab_stop(&self, focused: Option<Day>, today: Day) -> Day {
        focused
            .filter(|&day| self.in_month(day))
            .or(Some(today).filter(|&day| self.in_month(day)))
            .unwrap_or_else(|| self.month.first_day().unwrap_or(self.start))
    }

    /// For each cell (row by row, as [`MonthGrid::days`]), the indices into `items` of those
    /// on that day: an item is on every local day from its first to its last, so a
    /// three-day meeting is in three cells. Indices keep `items`' order.
    pub fn place(&self, items: &[Placed]) -> Vec<Vec<usize>> {
        let mut cells = vec![Vec::new(); ROWS * 7];
        let (first, last) = (self.start.0, self.start.0 + (ROWS * 7) as i32 - 1);
        for (index, item) in items.iter().enumerate() {
            let from = item.first_day.0.max(first);
            let to = item.last_day.0.min(last);
            for day in from..=to {
                if let Some(cell) = cells.get_mut((day - first) as usize) {
                    cell.push(index);
                }
            }
        }
        cells
    }
}

/// An occurrence on the viewer's clock: its instants and the local days it starts and ends
/// on, in the zone the viewer chose (the zone switcher's; the browser's by default).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Placed {
    pub start: Instant,
    pub end: Instant,
    /// The local day it starts on.
    pub first_day: Day,
    /// The local day it ends on (its last second's: an event that ends at midnight ends the
    /// day before). At least `first_day`.
    pub last_day: Day,
}

impl Placed {
    /// `start` to `end` placed in `zone` with `zones` (the wasm's `Intl`, natively `Tzdb`).
    ///
    /// ```
    /// use cop_core::calendar::Placed;
    /// use cop_core::zone::{FixedOffsets, Instant};
    ///
    /// // A Vienna call, Monday 18:00–19:00 UTC, seen from Tokyo (+09:00): Tuesday 03:00.
    /// let zones = FixedOffsets(&[("Asia/Tokyo", 9 * 3600)]);
    /// let start = Instant::parse_rfc3339("2026-01-05T18:00:00Z").unwrap();
    /// let placed = Placed::new(&zones, "Asia/Tokyo", start, Instant(start.0 + 3600)).unwrap();
    /// assert_eq!(placed.first_day.to_string(), "2026-01-06");
    /// ```
    pub fn new(
        zones: &dyn Zones,
        zone: &str,
        start: Instant,
        end: Instant,
    ) -> Result<Placed, UnknownZone> {
        let first_day = zones.local_at(zone, start)?.date;
        let last_day = if end > start {
            zones
                .local_at(zone, Instant(end.0 - 1))?
                .date
                .max(first_day)
        } else {
            first_day
        };
        Ok(Placed {
            start,
            end: end.max(start),
            first_day,
            last_day,
        })
    }

    /// An occurrence placed in `zone`: as [`Placed::new`], but an all-day one keeps its
    /// dates, from midnight to midnight on the viewer's clock (RFC 5545: a date is the same
    /// date everywhere).
    ///
    /// ```
    /// use cop_core::calendar::{Happening, Placed};
    /// use cop_core::zone::{FixedOffsets, Instant};
    ///
    /// // 24 December, all day, seen from New York (−05:00): still the 24th, from its midnight.
    /// let zones = FixedOffsets(&[("America/New_York", -5 * 3600)]);
    /// let start = Instant::parse_rfc3339("2026-12-24T00:00:00Z").unwrap();
    /// let day = Happening { event: 0, start, end: Instant(start.0 + 86_400), moved: false, all_day: true };
    /// let placed = Placed::of(&zones, "America/New_York", &day).unwrap();
    /// assert_eq!((placed.first_day.to_string(), placed.last_day.to_string()), ("2026-12-24".into(), "2026-12-24".into()));
    /// assert_eq!(placed.start.to_string(), "2026-12-24T05:00:00Z");
    /// ```
    pub fn of(
        zones: &dyn Zones,
        zone: &str,
        happening: &super::Happening,
    ) -> Result<Placed, UnknownZone> {
        if !happening.all_day {
            return Placed::new(zones, zone, happening.start, happening.end);
        }
        let first_day = happening.start.to_local_utc().date;
        let days = ((happening.end.0 - happening.start.0) / 86_400).max(1) as i32;
        let midnight = |day: Day| zones.to_utc(zone, LocalDateTime::midnight(day));
        Ok(Placed {
            start: midnight(first_day)?,
            end: midnight(first_day.plus(days))?,
            first_day,
            last_day: first_day.plus(days - 1),
        })
    }

    /// Whether it is happening at `now`.
    pub fn is_on(&self, now: Instant) -> bool {
        self.start <= now && now < self.end
    }
}

/// The next `n` items that have not ended at `now` (one in progress is among them), by start
/// (then by their order in `items`): the "next 3" of a sidebar, and the agenda's list.
///
/// ```
/// use cop_core::calendar::{upcoming, Placed};
/// use cop_core::day::Day;
/// use cop_core::zone::Instant;
///
/// let at = |hour: i64| Placed {
///     start: Instant(hour * 3600),
///     end: Instant(hour * 3600 + 3600),
///     first_day: Day(0),
///     last_day: Day(0),
/// };
/// let items = [at(9), at(5), at(12), at(7)];
/// // At 07:30, the 07:00 one is on, the 05:00 one is over.
/// assert_eq!(upcoming(&items, Instant(7 * 3600 + 1800), 3), [3, 0, 2]);
/// ```
pub fn upcoming(items: &[Placed], now: Instant, n: usize) -> Vec<usize> {
    let mut found: Vec<usize> = (0..items.len()).filter(|&i| items[i].end > now).collect();
    crate::sort::sort_by(&mut found, |&a, &b| items[a].start.cmp(&items[b].start));
    found.truncate(n);
    found
}

/// A day of the agenda and its items (indices into the caller's list, by start).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AgendaDay {
    pub day: Day,
    pub items: Vec<usize>,
}

/// `chosen` (indices into `items`, e.g. from [`upcoming`]) grouped by the local day each
/// starts on, days in order, each day's items by start. An item is listed once, on its
/// first day, however many days it lasts.
pub fn agenda(items: &[Placed], chosen: &[usize]) -> Vec<AgendaDay> {
    let mut sorted: Vec<usize> = chosen
        .iter()
        .copied()
        .filter(|&i| i < items.len())
        .collect();
    crate::sort::sort_by(&mut sorted, |&a, &b| {
        (items[a].first_day, items[a].start, a).cmp(&(items[b].first_day, items[b].start, b))
    });
    sorted.dedup();
    let mut days: Vec<AgendaDay> = Vec::new();
    for i in sorted {
        let day = items[i].first_day;
        match days.last_mut() {
            Some(last) if last.day == day => last.items.push(i),
            _ => days.push(AgendaDay {
                day,
                items: vec![i],
            }),
        }
    }
    days
}

/// A key the month grid acts on (APG grid pattern, date picker).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum GridKey {
    Left,
    Right,
    Up,
    Down,
    /// The first day of the week.
    Home,
    /// The last day of the week.
    End,
    /// The same day of the previous month (with Shift: of the previous year).
    PageUp,
    /// The same day of the next month (with Shift: of the next year).
    PageDown,
}

impl GridKey {
    /// A `KeyboardEvent.key` the grid acts on; `None` for the others (let them be).
    pub fn parse(key: &str) -> Option<GridKey> {
        Some(match key {
            "ArrowLeft" | "Left" => GridKey::Left,
            "ArrowRight" | "Right" => GridKey::Right,
            "ArrowUp" | "Up" => GridKey::Up,
            "ArrowDown" | "Down" => GridKey::Down,
            "Home" => GridKey::Home,
            "End" => GridKey::End,
            "PageUp" => GridKey::PageUp,
            "PageDown" => GridKey::PageDown,
            _ => return None,
        })
    }
}

/// The day focus moves to from `focused` on `key`: left and right a day (swapped when the
/// grid is right-to-left, where the next day is on the left), up and down a week, Home and
/// End to the week's first and last day (weeks starting on `first_weekday`), Page Up and
/// Page Down a month (with `shift`, a year), to the same day of the month or the month's last
/// day when it has fewer (the 31st of March, Page Down: the 30th of April). The view shows
/// the month of the day returned.
///
/// ```
/// use cop_core::calendar::{move_focus, GridKey};
/// use cop_core::day::{Day, Weekday};
///
/// let day = |text| Day::parse(text).unwrap();
/// let next = |key, shift, rtl| move_focus(day("2026-01-31"), key, shift, rtl, Weekday::Monday).to_string();
/// assert_eq!(next(GridKey::Right, false, false), "2026-02-01");
/// assert_eq!(next(GridKey::Right, false, true), "2026-01-30");
/// assert_eq!(next(GridKey::Down, false, false), "2026-02-07");
/// assert_eq!(next(GridKey::Home, false, false), "2026-01-26"); // a Saturday's Monday
/// assert_eq!(next(GridKey::PageDown, false, false), "2026-02-28");
/// assert_eq!(next(GridKey::PageUp, true, false), "2025-01-31");
/// ```
pub fn move_focus(
    focused: Day,
    key: GridKey,
    shift: bool,
    rtl: bool,
    first_weekday: Weekday,
) -> Day {
    let from_start = focused.weekday().days_from(first_weekday);
    let months = |n: i32| {
        let (_, _, d) = focused.ymd();
        Month::of(focused)
            .plus(if shift { n * 12 } else { n })
            .day_or_last(d)
            .unwrap_or(focused)
    };
    match (key, rtl) {
        (GridKey::Left, false) | (GridKey::Right, true) => focused.plus(-1),
        (GridKey::Right, false) | (GridKey::Left, true) => focused.plus(1),
        (GridKey::Up, _) => focused.plus(-7),
        (GridKey::Down, _) => focused.plus(7),
        (GridKey::Home, _) => focused.plus(-from_start),
        (GridKey::End, _) => focused.plus(6 - from_start),
        (GridKey::PageUp, _) => months(-1),
        (GridKey::PageDown, _) => months(1),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::zone::FixedOffsets;

    fn day(text: &str) -> Day {
        Day::parse(text).unwrap()
    }

    fn month(year: i32, month: u8) -> Month {
        Month { year, month }
    }

    #[test]
    fn six_rows_from_the_chosen_first_weekday() {
        // February 2026: 28 days from a Sunday.
        let monday = MonthGrid::new(month(2026, 2), Weekday::Monday).unwrap();
        assert_eq!(monday.day(0, 0).to_string(), "2026-01-26");
        assert_eq!(monday.rows_needed(), 5);
        let sunday = MonthGrid::new(month(2026, 2), Weekday::Sunday).unwrap();
        assert_eq!(sunday.day(0, 0).to_string(), "2026-02-01");
        assert_eq!(sunday.rows_needed(), 4);
        assert_eq!(sunday.day(5, 6).to_string(), "2026-03-14");
        assert_eq!(sunday.days().count(), 42);
        assert_eq!(
            sunday.weekdays(),
            [
                Weekday::Sunday,
                Weekday::Monday,
                Weekday::Tuesday,
                Weekday::Wednesday,
                Weekday::Thursday,
                Weekday::Friday,
                Weekday::Saturday
            ]
        );
        let saturday = MonthGrid::new(month(2026, 2), Weekday::Saturday).unwrap();
        assert_eq!(saturday.day(0, 0).to_string(), "2026-01-31");
        // Every month of four centuries: its first day in row 0, its last in the grid, the
        // cells consecutive.
        for m in 0..4800 {
            let m = month(1800, 1).plus(m);
            for first in Weekday::ALL {
                let grid = MonthGrid::new(m, first).unwrap();
                assert_eq!(grid.day(0, 0).weekday(), first);
                assert_eq!(grid.position(m.first_day().unwrap()).unwrap().0, 0);
                let last = m.day_or_last(31).unwrap();
                assert!(grid.position(last).unwrap().0 < ROWS);
                assert_eq!(
                    grid.days().filter(|&d| grid.in_month(d)).count(),
                    m.days() as usize
                );
                assert!((4..=6).contains(&grid.rows_needed()));
            }
        }
        assert_eq!(MonthGrid::new(month(2026, 13), Weekday::Monday), None);
        assert_eq!(MonthGrid::new(month(2026, 0), Weekday::Monday), None);
    }

    #[test]
    fn the_tab_stop_is_the_focused_day_today_or_the_first() {
        let grid = MonthGrid::new(month(2026, 3), Weekday::Monday).unwrap();
        let today = day("2026-03-18");
        assert_eq!(
            grid.tab_stop(Some(day("2026-03-05")), today),
            day("2026-03-05")
        );
        // A focused day shown but of another month does not take the tab stop.
        assert_eq!(grid.tab_stop(Some(day("2026-02-27")), today), today);
        assert_eq!(grid.tab_stop(None, day("2026-04-01")), day("2026-03-01"));
    }

    #[test]
    fn keys_move_focus_as_the_apg_grid_does() {
        let from = day("2026-03-01"); // a Sunday
        let go = |key, shift, rtl, first| move_focus(from, key, shift, rtl, first).to_string();
        assert_eq!(
            go(GridKey::Left, false, false, Weekday::Monday),
            "2026-02-28"
        );
        assert_eq!(
            go(GridKey::Left, false, true, Weekday::Monday),
            "2026-03-02"
        );
        assert_eq!(
            go(GridKey::Right, false, true, Weekday::Monday),
            "2026-02-28"
        );
        assert_eq!(go(GridKey::Up, false, false, Weekday::Monday), "2026-02-22");
        assert_eq!(go(GridKey::Up, false, true, Weekday::Monday), "2026-02-22");
        // Shift does nothing to arrows.
        assert_eq!(
            go(GridKey::Down, true, false, Weekday::Monday),
            "2026-03-08"
        );
        // Home and End: Sunday ends a Monday week and starts a Sunday one.
        assert_eq!(
            go(GridKey::Home, false, false, Weekday::Monday),
            "2026-02-23"
        );
        assert_eq!(
            go(GridKey::End, false, false, Weekday::Monday),
            "2026-03-01"
        );
        assert_eq!(
            go(GridKey::Home, false, false, Weekday::Sunday),
            "2026-03-01"
        );
        assert_eq!(
            go(GridKey::End, false, false, Weekday::Sunday),
            "2026-03-07"
        );
        assert_eq!(
            go(GridKey::End, false, true, Weekday::Saturday),
            "2026-03-06"
        );
        assert_eq!(
            go(GridKey::PageUp, false, false, Weekday::Monday),
            "2026-02-01"
        );
        assert_eq!(
            go(GridKey::PageDown, true, false, Weekday::Monday),
            "2027-03-01"
        );
        // The 29th of February, a year on: the 28th.
        let leap = day("2024-02-29");
        let shifted = |key| move_focus(leap, key, true, false, Weekday::Monday).to_string();
        assert_eq!(shifted(GridKey::PageDown), "2025-02-28");
        assert_eq!(shifted(GridKey::PageUp), "2023-02-28");
        let over_new_year =
            |key| move_focus(day("2026-12-31"), key, false, false, Weekday::Monday).to_string();
        assert_eq!(over_new_year(GridKey::PageDown), "2027-01-31");
        assert_eq!(over_new_year(GridKey::Right), "2027-01-01");
        assert_eq!(
            move_focus(
                day("2027-01-31"),
                GridKey::PageUp,
                false,
                false,
                Weekday::Monday
            )
            .to_string(),
            "2026-12-31"
        );
        for (text, key) in [
            ("ArrowLeft", GridKey::Left),
            ("ArrowRight", GridKey::Right),
            ("ArrowUp", GridKey::Up),
            ("ArrowDown", GridKey::Down),
            ("Home", GridKey::Home),
            ("End", GridKey::End),
            ("PageUp", GridKey::PageUp),
            ("PageDown", GridKey::PageDown),
        ] {
            assert_eq!(GridKey::parse(text), Some(key));
        }
        assert_eq!(GridKey::parse("Enter"), None);
        assert_eq!(GridKey::parse("a"), None);
    }

    fn placed(zones: &FixedOffsets<'_>, zone: &str, start: &str, minutes: i64) -> Placed {
        let start = Instant::parse_rfc3339(start).unwrap();
        Placed::new(zones, zone, start, Instant(start.0 + minutes * 60)).unwrap()
    }

    #[test]
    fn occurrences_land_on_the_viewers_local_days() {
        let zones = FixedOffsets(&[("Asia/Tokyo", 9 * 3600), ("America/New_York", -5 * 3600)]);
        let items = [
            // 23:30 UTC on the 5th: the 6th in Tokyo, the 5th in New York.
            placed(&zones, "Asia/Tokyo", "2026-03-05T23:30:00Z", 60),
            // Three days: from the 10th 08:00 to the 12th 17:00 UTC.
            placed(&zones, "UTC", "2026-03-10T08:00:00Z", 57 * 60),
            // Ends at midnight: one day.
            placed(&zones, "UTC", "2026-03-12T23:00:00Z", 60),
            // From the last of February into March.
            placed(&zones, "UTC", "2026-02-28T22:00:00Z", 240),
            // Far outside the grid.
            placed(&zones, "UTC", "2027-03-05T10:00:00Z", 60),
        ];
        assert_eq!(items[0].first_day.to_string(), "2026-03-06");
        assert_eq!(
            placed(&zones, "America/New_York", "2026-03-05T23:30:00Z", 60)
                .first_day
                .to_string(),
            "2026-03-05"
        );
        assert_eq!(items[2].last_day, items[2].first_day);
        let grid = MonthGrid::new(month(2026, 3), Weekday::Monday).unwrap();
        let cells = grid.place(&items);
        let on = |text: &str| {
            let (row, column) = grid.position(day(text)).unwrap();
            cells[row * 7 + column].clone()
        };
        assert_eq!(on("2026-03-06"), [0]);
        assert_eq!(on("2026-03-05"), Vec::<usize>::new());
        assert_eq!(on("2026-03-10"), [1]);
        assert_eq!(on("2026-03-12"), [1, 2]);
        assert_eq!(on("2026-03-13"), Vec::<usize>::new());
        assert_eq!(on("2026-02-28"), [3]);
        assert_eq!(on("2026-03-01"), [3]);
        assert_eq!(cells.iter().map(Vec::len).sum::<usize>(), 7);
        assert!(Placed::new(&zones, "Mars/Base", Instant(0), Instant(60)).is_err());
        // A zero-length item is on its day.
        let point = placed(&zones, "UTC", "2026-03-20T10:00:00Z", 0);
        assert_eq!(point.last_day, point.first_day);
        assert!(!point.is_on(point.start));
    }

    #[test]
    fn the_agenda_groups_the_next_items_by_day() {
        let zones = FixedOffsets(&[]);
        let items = [
            placed(&zones, "UTC", "2026-03-10T15:00:00Z", 60),
            placed(&zones, "UTC", "2026-03-09T09:00:00Z", 60),
            placed(&zones, "UTC", "2026-03-10T08:00:00Z", 60),
            placed(&zones, "UTC", "2026-03-08T08:00:00Z", 60), // over
            placed(&zones, "UTC", "2026-03-12T08:00:00Z", 60),
            placed(&zones, "UTC", "2026-03-10T08:00:00Z", 30), // same start as 2
        ];
        let now = Instant::parse_rfc3339("2026-03-09T09:30:00Z").unwrap();
        assert!(items[1].is_on(now));
        let next = upcoming(&items, now, 4);
        assert_eq!(next, [1, 2, 5, 0]);
        let days = agenda(&items, &next);
        assert_eq!(
            days,
            [
                AgendaDay {
                    day: day("2026-03-09"),
                    items: vec![1]
                },
                AgendaDay {
                    day: day("2026-03-10"),
                    items: vec![2, 5, 0]
                },
            ]
        );
        assert_eq!(upcoming(&items, now, 0), Vec::<usize>::new());
        assert_eq!(upcoming(&items, now, 100).len(), 5);
        // Indices that are not in `items` are left out.
        assert_eq!(agenda(&items, &[99]), []);
    }
}
