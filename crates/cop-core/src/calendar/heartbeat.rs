//! The heartbeat: events per week over the past and the coming year, and how regular they are.

use crate::day::{Day, Weekday};

/// Whole weeks before the current one in a [`Heartbeat`]: the past twelve months.
pub const PAST_WEEKS: usize = 52;
/// Whole weeks after the current one: the coming twelve months.
pub const COMING_WEEKS: usize = 52;
/// Weeks in a [`Heartbeat`]: the past ones, the current one, the coming ones.
pub const WEEKS: usize = PAST_WEEKS + 1 + COMING_WEEKS;

/// A community's heartbeat: how many events each week has, from 52 weeks before the current
/// week to 52 weeks after it (105 weeks, about two years), and what that says about its
/// rhythm.
///
/// **Weeks** start on a weekday the caller chooses (the viewer's: `Intl.Locale`'s
/// `weekInfo.firstDay`, Monday as in ISO 8601 where it is not known); the *current* week is
/// the one holding `today` (the viewer's local day). An event counts in the week of the
/// local day it starts on (the caller places it: [`super::Placed`]), once, however long it
/// lasts. Days outside the 105 weeks are not counted.
///
/// **The past** is the 52 weeks before the current one, all over; **the coming** weeks are
/// the current one (part of it may be past) and the 52 after it. [`Heartbeat::past`] and
/// [`Heartbeat::coming`] measure each; the rhythm's measures ([`Heartbeat::spacing`],
/// [`Heartbeat::gaps`], [`Heartbeat::bursts`]) are over all 105 weeks, so a gap may run
/// from the past into the coming weeks.
///
/// ```
/// use cop_core::calendar::Heartbeat;
/// use cop_core::day::{Day, Weekday};
///
/// let day = |text| Day::parse(text).unwrap();
/// let today = day("2026-06-10"); // a Wednesday
/// // A call every Monday for a year, but none for six weeks in August and September…
/// let calls = (0..53)
///     .map(|week| day("2025-06-09").plus(7 * week))
///     .filter(|&monday| monday < day("2025-08-04") || monday >= day("2025-09-15"));
/// // …and a workshop week with four sessions in March.
/// let workshop = (0..4).map(|n| day("2026-03-03").plus(n));
/// let heartbeat = Heartbeat::new(calls.chain(workshop), today, Weekday::Monday);
///
/// assert_eq!(heartbeat.week_start(heartbeat.current()).to_string(), "2026-06-08");
/// let past = heartbeat.past();
/// assert_eq!((past.active, past.weeks), (46, 52)); // a call most weeks
/// assert_eq!(heartbeat.spacing(), Some(1)); // weekly
/// let gap = heartbeat.gaps()[0];
/// assert_eq!((heartbeat.week_start(gap.first).to_string(), gap.weeks), ("2025-08-04".into(), 6));
/// let burst = heartbeat.bursts()[0];
/// assert_eq!((heartbeat.week_start(burst).to_string(), heartbeat.count(burst)), ("2026-03-02".into(), 5));
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Heartbeat {
    first: Day,
    counts: Vec<u32>,
}

/// Weeks of a [`Heartbeat`] measured together.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Stretch {
    /// How many weeks.
    pub weeks: u32,
    /// Weeks with at least one event ("a call in 46 of 52 weeks").
    pub active: u32,
    /// Events, all weeks together.
    pub events: u32,
    /// The longest run of weeks without an event, wherever it is (at the start or the end
    /// of the stretch too).
    pub longest_quiet: u32,
}

/// Weeks in a row, by the index of the first ([`Heartbeat::week_start`] gives its day).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Run {
    pub first: usize,
    pub weeks: u32,
}

fn median(values: &mut [u32]) -> Option<u32> {
    crate::sort::sort(values);
    // The lower median: a rhythm of 1s and 2s alternating is "every week".
    values.get(values.len().checked_sub(1)? / 2).copied()
}

impl Heartbeat {
    /// Counts `days` (the local start day of each event) by week around `today`.
    pub fn new(days: impl IntoIterator<Item = Day>, today: Day, week_start: Weekday) -> Heartbeat {
        let current = today.plus(-today.weekday().days_from(week_start));
        let first = current.plus(-7 * PAST_WEEKS as i32);
        let mut counts = vec![0u32; WEEKS];
        for day in days {
            let offset = i64::from(day.0) - i64::from(first.0);
            if offset < 0 {
                continue;
            }
            if let Some(count) = usize::try_from(offset / 7)
                .ok()
                .and_then(|week| counts.get_mut(week))
            {
                *count = count.saturating_add(1);
            }
        }
        Heartbeat { first, counts }
    }

    /// Events per week, oldest first: [`WEEKS`] of them.
    pub fn counts(&self) -> &[u32] {
        &self.counts
    }

    /// Events in week `index` (0 for a week outside).
    pub fn count(&self, index: usize) -> u32 {
        self.counts.get(index).copied().unwrap_or(0)
    }

    /// The index of the current week: [`PAST_WEEKS`].
    pub fn current(&self) -> usize {
        PAST_WEEKS
    }

    /// The first day of week `index`.
    pub fn week_start(&self, index: usize) -> Day {
        self.first.plus(
            i32::try_from(index)
                .unwrap_or(i32::MAX / 7)
                .saturating_mul(7),
        )
    }

    /// The week `day` is in, if it is in the heartbeat.
    pub fn week_of(&self, day: Day) -> Option<usize> {
        let offset = i64::from(day.0) - i64::from(self.first.0);
        usize::try_from(offset.div_euclid(7))
            .ok()
            .filter(|&week| offset >= 0 && week < WEEKS)
    }

    /// The most events in one week: the scale of the strip's bars.
    pub fn max(&self) -> u32 {
        self.counts.iter().copied().max().unwrap_or(0)
    }

    /// The 52 weeks before the current one.
    pub fn past(&self) -> Stretch {
        stretch(&self.counts[..PAST_WEEKS])
    }

    /// The current week and the 52 after it.
    pub fn coming(&self) -> Stretch {
        stretch(&self.counts[PAST_WEEKS..])
    }

    /// The indices of the weeks with at least one event.
    fn active(&self) -> Vec<usize> {
        (0..WEEKS).filter(|&i| self.counts[i] > 0).collect()
    }

    /// The rhythm's beat in weeks: the usual distance from one week with events to the next
    /// (the median): 1 for a weekly call, 2 for a fortnightly one, 4 or 5 for a monthly one.
    /// `None` with fewer than two weeks with events.
    pub fn spacing(&self) -> Option<u32> {
        let active = self.active();
        let mut distances: Vec<u32> = active
            .windows(2)
            .map(|pair| (pair[1] - pair[0]) as u32)
            .collect();
        median(&mut distances)
    }

    /// How steady the beat is, in per cent: of the distances from one week with events to the
    /// next, those within a quarter of [`Heartbeat::spacing`] of it (exactly it, below 4
    /// weeks; a monthly rhythm's 4 and 5 both count). `None` with fewer than two weeks with
    /// events.
    pub fn steadiness(&self) -> Option<u32> {
        let spacing = self.spacing()?;
        let active = self.active();
        let distances: Vec<u32> = active
            .windows(2)
            .map(|pair| (pair[1] - pair[0]) as u32)
            .collect();
        let steady = distances
            .iter()
            .filter(|&&d| d.abs_diff(spacing) <= spacing / 4)
            .count();
        Some((steady * 100 / distances.len().max(1)) as u32)
    }

    /// The gaps in the rhythm: runs of weeks without events, between two weeks with events,
    /// in which at least one beat was missed (the two weeks are at least twice
    /// [`Heartbeat::spacing`] apart: one empty week for a weekly call, seven for a monthly
    /// webinar, whose usual four or five weeks apart are no gap).
    /// In order; the quiet before the first event and after the last are not gaps.
    pub fn gaps(&self) -> Vec<Run> {
        let Some(spacing) = self.spacing() else {
            return Vec::new();
        };
        self.active()
            .windows(2)
            .filter_map(|pair| {
                let distance = (pair[1] - pair[0]) as u32;
                (distance >= 2 * spacing).then_some(Run {
                    first: pair[0] + 1,
                    weeks: distance - 1,
                })
            })
            .collect()
    }

    /// The longest of [`Heartbeat::gaps`] (the first of the longest).
    pub fn longest_gap(&self) -> Option<Run> {
        self.gaps().into_iter().reduce(|longest, run| {
            if run.weeks > longest.weeks {
                run
            } else {
                longest
            }
        })
    }

    /// The bursts: weeks with at least twice the usual number of events and two more (the
    /// usual: the median of the weeks with events; a week with a call and a webinar is not a
    /// burst, a workshop week with five sessions is). In order.
    pub fn bursts(&self) -> Vec<usize> {
        let mut counts: Vec<u32> = self.counts.iter().copied().filter(|&c| c > 0).collect();
        let Some(usual) = median(&mut counts) else {
            return Vec::new();
        };
        (0..WEEKS)
            .filter(|&i| {
                let count = self.counts[i];
                count >= usual.saturating_mul(2) && count >= usual.saturating_add(2)
            })
            .collect()
    }
}

fn stretch(counts: &[u32]) -> Stretch {
    let mut longest_quiet = 0;
    let mut quiet = 0;
    for &count in counts {
        quiet = if count == 0 { quiet + 1 } else { 0 };
        longest_quiet = longest_quiet.max(quiet);
    }
    Stretch {
        weeks: counts.len() as u32,
        active: counts.iter().filter(|&&c| c > 0).count() as u32,
        events: counts.iter().fold(0u32, |sum, &c| sum.saturating_add(c)),
        longest_quiet,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(text: &str) -> Day {
        Day::parse(text).unwrap()
    }

    #[test]
    fn weeks_start_on_the_chosen_weekday_around_today() {
        let today = day("2026-06-10"); // Wednesday
        let monday = Heartbeat::new([], today, Weekday::Monday);
        assert_eq!(monday.week_start(PAST_WEEKS).to_string(), "2026-06-08");
        assert_eq!(monday.week_start(0).to_string(), "2025-06-09");
        assert_eq!(monday.week_start(WEEKS - 1).to_string(), "2027-06-07");
        let sunday = Heartbeat::new([], today, Weekday::Sunday);
        assert_eq!(sunday.week_start(PAST_WEEKS).to_string(), "2026-06-07");
        // Today on the first day of the week.
        let on_start = Heartbeat::new([], day("2026-06-07"), Weekday::Sunday);
        assert_eq!(on_start.week_start(PAST_WEEKS).to_string(), "2026-06-07");
        assert_eq!(monday.week_of(day("2026-06-14")), Some(PAST_WEEKS));
        assert_eq!(monday.week_of(day("2026-06-15")), Some(PAST_WEEKS + 1));
        assert_eq!(monday.week_of(day("2025-06-08")), None);
        assert_eq!(monday.week_of(day("2027-06-14")), None);
        assert_eq!(monday.counts().len(), WEEKS);
    }

    #[test]
    fn days_are_counted_in_their_week_and_outside_ones_are_left_out() {
        let today = day("2026-06-10");
        let days = [
            "2025-06-08", // before
            "2025-06-09", // the first day
            "2026-06-08",
            "2026-06-14",
            "2026-06-14",
            "2027-06-13", // the last day
            "2027-06-14", // after
        ]
        .map(day);
        let heartbeat = Heartbeat::new(days, today, Weekday::Monday);
        assert_eq!(heartbeat.count(0), 1);
        assert_eq!(heartbeat.count(PAST_WEEKS), 3);
        assert_eq!(heartbeat.count(WEEKS - 1), 1);
        assert_eq!(heartbeat.count(WEEKS), 0);
        assert_eq!(heartbeat.counts().iter().sum::<u32>(), 5);
        assert_eq!(heartbeat.max(), 3);
        assert_eq!(
            heartbeat.past(),
            Stretch {
                weeks: 52,
                active: 1,
                events: 1,
                longest_quiet: 51
            }
        );
        assert_eq!(
            heartbeat.coming(),
            Stretch {
                weeks: 53,
                active: 2,
                events: 4,
                longest_quiet: 51
            }
        );
    }

    fn every(first: &str, step: i32, n: i32) -> Vec<Day> {
        (0..n).map(|i| day(first).plus(step * i)).collect()
    }

    #[test]
    fn a_monthly_webinar_beats_every_four_or_five_weeks_steadily() {
        // The first Tuesday of each month, two years.
        let mut days = Vec::new();
        for year in [2025, 2026, 2027] {
            for month in 1..=12 {
                let first = Day::from_ymd(year, month, 1).unwrap();
                days.push(first.plus(Weekday::Tuesday.days_from(first.weekday())));
            }
        }
        let heartbeat = Heartbeat::new(days.clone(), day("2026-06-10"), Weekday::Monday);
        assert_eq!(heartbeat.spacing(), Some(4));
        assert_eq!(heartbeat.steadiness(), Some(100));
        assert_eq!(heartbeat.gaps(), []);
        assert_eq!(heartbeat.bursts(), Vec::<usize>::new());
        // Skip two months: one gap of about eight weeks.
        days.retain(|d| {
            !d.to_string().starts_with("2025-09") && !d.to_string().starts_with("2025-10")
        });
        let heartbeat = Heartbeat::new(days, day("2026-06-10"), Weekday::Monday);
        let gaps = heartbeat.gaps();
        assert_eq!(gaps.len(), 1);
        assert_eq!(
            heartbeat.week_start(gaps[0].first).to_string(),
            "2025-08-11"
        );
        assert_eq!(gaps[0].weeks, 12);
        assert_eq!(heartbeat.longest_gap(), Some(gaps[0]));
        assert!(heartbeat.steadiness().unwrap() < 100);
    }

    #[test]
    fn a_weekly_call_with_one_missed_week_has_a_gap_of_one() {
        let mut days = every("2025-06-09", 7, 105);
        days.remove(60);
        let heartbeat = Heartbeat::new(days, day("2026-06-10"), Weekday::Monday);
        assert_eq!(heartbeat.spacing(), Some(1));
        assert_eq!(
            heartbeat.gaps(),
            [Run {
                first: 60,
                weeks: 1
            }]
        );
        assert_eq!(heartbeat.past().active, 52);
        assert_eq!(heartbeat.coming().active, 52);
        assert_eq!(heartbeat.coming().longest_quiet, 1);
        assert_eq!(heartbeat.steadiness(), Some(99)); // 102 of 103 distances
    }

    #[test]
    fn bursts_stand_out_from_the_usual_week() {
        let mut days = every("2025-06-09", 7, 105);
        // A week with a call and a webinar: usual enough.
        days.push(day("2025-07-02"));
        // A face-to-face week: four sessions besides the call.
        days.extend(every("2026-03-03", 1, 4));
        let heartbeat = Heartbeat::new(days, day("2026-06-10"), Weekday::Monday);
        let bursts = heartbeat.bursts();
        assert_eq!(bursts.len(), 1);
        assert_eq!(heartbeat.week_start(bursts[0]).to_string(), "2026-03-02");
        assert_eq!(heartbeat.count(bursts[0]), 5);
        assert_eq!(heartbeat.max(), 5);
    }

    #[test]
    fn nothing_or_one_event_has_no_rhythm() {
        let empty = Heartbeat::new([], day("2026-06-10"), Weekday::Monday);
        assert_eq!(empty.spacing(), None);
        assert_eq!(empty.steadiness(), None);
        assert_eq!(empty.gaps(), []);
        assert_eq!(empty.longest_gap(), None);
        assert_eq!(empty.bursts(), Vec::<usize>::new());
        assert_eq!(empty.past().longest_quiet, 52);
        let one = Heartbeat::new([day("2026-06-10")], day("2026-06-10"), Weekday::Monday);
        assert_eq!(one.spacing(), None);
        assert_eq!(one.gaps(), []);
        // One event is not a burst of itself.
        assert_eq!(one.bursts(), Vec::<usize>::new());
    }
}
