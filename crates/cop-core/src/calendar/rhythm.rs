//! A series' rhythm as a value ([`Rhythm`]) and as a sentence in the member's language.

use crate::day::{days_in_month, Day, Weekday};
use crate::i18n::{fill, Lang, Msg};
use crate::recurrence::{Anchor, Freq, Occurrence, Rule, Series, Window};
use crate::zone::{Instant, Zones};

/// How a series repeats: its [`Pattern`], how it ends, and whether it has dates besides.
///
/// Built from a parsed series with [`Rhythm::of`]; put into words with [`Rhythm::sentence`].
/// The days it names are on the series' own wall clock (a Tuesday 18:00 call in Vienna is a
/// Tuesday in Vienna, and a Wednesday in Tokyo): the view says so by naming the event's zone
/// beside its time.
///
/// ```
/// use cop_core::calendar::{EnglishDates, End, Pattern, Rhythm};
/// use cop_core::day::Weekday;
/// use cop_core::i18n::Lang;
/// use cop_core::recurrence::Series;
/// use cop_core::zone::FixedOffsets;
///
/// let series = Series::parse(
///     "DTSTART;TZID=Europe/Vienna:20260130T160000\nRRULE:FREQ=MONTHLY;BYDAY=-1FR;COUNT=10",
/// ).unwrap();
/// let rhythm = Rhythm::of(&series, &FixedOffsets(&[("Europe/Vienna", 3600)]));
/// assert_eq!(
///     rhythm.pattern,
///     Pattern::MonthlyOnWeekday { interval: 1, nth: -1, weekday: Weekday::Friday }
/// );
/// assert_eq!(rhythm.end, Some(End::Count(10)));
/// assert_eq!(
///     rhythm.sentence(Lang::En, &EnglishDates),
///     "monthly on the last Friday, 10 times"
/// );
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Rhythm {
    pub pattern: Pattern,
    /// `None`: it goes on.
    pub end: Option<End>,
    /// The series also happens on dates outside its pattern: `RDATE`s, or a `DTSTART` the
    /// rule does not match (RFC 5545 counts it all the same). The sentence says "and on
    /// other dates" rather than leave them out.
    pub other_dates: bool,
}

/// The shapes of rule a sentence can say exactly. Anything else is [`Pattern::Custom`]:
/// a generic phrase, never a sentence that is wrong.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Pattern {
    /// No rule: one occurrence (a one-off, or `COUNT=1`).
    Once,
    /// No rule, and `RDATE`s: a list of dates.
    Dates,
    /// Every `interval` days.
    Daily { interval: u32 },
    /// Monday to Friday, every week.
    Weekdays,
    /// Every `interval` weeks on `days` (in order, Monday first; at least one).
    Weekly { interval: u32, days: Vec<Weekday> },
    /// Every `interval` months on day `day` (1 to 31; -1 is the last day of the month).
    /// A month without that day is skipped, as the rule does.
    MonthlyOnDay { interval: u32, day: i8 },
    /// Every `interval` months on the `nth` `weekday` (1 to 5; -1 the last, -2 the
    /// second-to-last).
    MonthlyOnWeekday {
        interval: u32,
        nth: i8,
        weekday: Weekday,
    },
    /// Every `interval` years on `day` of `month` (the 29th of February only in leap years).
    Yearly { interval: u32, month: u8, day: u8 },
    /// Every `interval` years on the `nth` `weekday` of `month`.
    YearlyOnWeekday {
        interval: u32,
        month: u8,
        nth: i8,
        weekday: Weekday,
    },
    /// A rule too complex for a sentence (several times a day, `BYWEEKNO`, `BYSETPOS` over
    /// several days, several months…).
    Custom,
}

/// How a series ends.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum End {
    /// After this many occurrences (`COUNT`, at least 2; `DTSTART` is the first).
    Count(u32),
    /// On this day at the latest, on the series' own wall clock (`UNTIL`; or, for a `COUNT`
    /// with `EXDATE`s, the day of the last occurrence left, since "10 times" would then be
    /// wrong).
    Until(Day),
}

/// Dates put into words for a sentence: the browser's `Intl` in the wasm (in the catalog's
/// language, [`Lang::code`], so a sentence is in one language), [`EnglishDates`] natively.
pub trait DateWords {
    /// A day of a month, no year: "3 March" (`Intl.DateTimeFormat` with `day: "numeric",
    /// month: "long"`, of a leap year so that the 29th of February exists).
    fn day_month(&self, month: u8, day: u8) -> String;
    /// A month's name as it follows "of" or "in": "May" (`month: "long"`).
    fn month(&self, month: u8) -> String;
    /// A date: "30 June 2027" (`dateStyle: "long"`, in UTC: the day is already on the
    /// series' wall clock).
    fn date(&self, day: Day) -> String;
}

/// English dates, day first ("3 March", "30 June 2027"): for the tests and native callers.
/// The wasm formats dates with `Intl` and does not use it.
#[derive(Clone, Copy, Debug, Default)]
pub struct EnglishDates;

const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

impl DateWords for EnglishDates {
    fn day_month(&self, month: u8, day: u8) -> String {
        format!("{day} {}", self.month(month))
    }

    fn month(&self, month: u8) -> String {
        MONTHS
            .get(usize::from(month).wrapping_sub(1))
            .copied()
            .unwrap_or("?")
            .to_owned()
    }

    fn date(&self, day: Day) -> String {
        let (y, m, d) = day.ymd();
        format!("{d} {} {y}", self.month(m as u8))
    }
}

/// A weekday's name from the catalog, in `lang`.
///
/// ```
/// use cop_core::calendar::weekday_name;
/// use cop_core::day::Weekday;
/// use cop_core::i18n::Lang;
/// assert_eq!(weekday_name(Weekday::Tuesday, Lang::En), "Tuesday");
/// ```
pub fn weekday_name(weekday: Weekday, lang: Lang) -> &'static str {
    const NAMES: [Msg; 7] = [
        Msg::DayMonday,
        Msg::DayTuesday,
        Msg::DayWednesday,
        Msg::DayThursday,
        Msg::DayFriday,
        Msg::DaySaturday,
        Msg::DaySunday,
    ];
    NAMES[usize::from(weekday.index())].text(lang)
}

/// `nth` with its article, agreeing with `weekday` (in Portuguese, sábado and domingo are
/// masculine, the other days feminine).
fn nth_words(nth: i8, weekday: Weekday, lang: Lang) -> &'static str {
    let masculine = matches!(weekday, Weekday::Saturday | Weekday::Sunday);
    let msg = match (nth, masculine) {
        (1, false) => Msg::Nth1,
        (2, false) => Msg::Nth2,
        (3, false) => Msg::Nth3,
        (4, false) => Msg::Nth4,
        (5, false) => Msg::Nth5,
        (-1, false) => Msg::NthLast,
        (-2, false) => Msg::NthSecondLast,
        (1, true) => Msg::Nth1M,
        (2, true) => Msg::Nth2M,
        (3, true) => Msg::Nth3M,
        (4, true) => Msg::Nth4M,
        (5, true) => Msg::Nth5M,
        (-1, true) => Msg::NthLastM,
        _ => Msg::NthSecondLastM,
    };
    msg.text(lang)
}

/// Whether `nth` is an ordinal the sentences have words for.
fn sayable_nth(nth: i64) -> bool {
    matches!(nth, 1..=5 | -2 | -1)
}

fn weekday_of(index: u8) -> Weekday {
    Weekday::ALL[usize::from(index % 7)]
}

const WEEKDAYS: [Weekday; 5] = [
    Weekday::Monday,
    Weekday::Tuesday,
    Weekday::Wednesday,
    Weekday::Thursday,
    Weekday::Friday,
];

/// The `nth` `weekday` of `day`'s month, counted from its start (1…) and from its end (-1…).
fn nth_in_month(day: Day) -> (i8, i8) {
    let (y, m, d) = day.ymd();
    let len = days_in_month(y, m);
    (((d - 1) / 7 + 1) as i8, -(((len - d) / 7 + 1) as i8))
}

impl Pattern {
    /// Whether `day` is one the pattern names (its interval aside).
    fn matches(&self, day: Day) -> bool {
        let (_, m, d) = day.ymd();
        let (from_start, from_end) = nth_in_month(day);
        let nth_is = |nth: i8| nth == from_start || nth == from_end;
        match self {
            Pattern::Once | Pattern::Dates | Pattern::Custom | Pattern::Daily { .. } => true,
            Pattern::Weekdays => WEEKDAYS.contains(&day.weekday()),
            Pattern::Weekly { days, .. } => days.contains(&day.weekday()),
            Pattern::MonthlyOnDay { day: -1, .. } => day.plus(1).ymd().1 != m,
            Pattern::MonthlyOnDay { day: n, .. } => i64::from(*n) == i64::from(d),
            Pattern::MonthlyOnWeekday { nth, weekday, .. } => {
                day.weekday() == *weekday && nth_is(*nth)
            }
            Pattern::Yearly { month, day: n, .. } => u32::from(*month) == m && u32::from(*n) == d,
            Pattern::YearlyOnWeekday {
                month,
                nth,
                weekday,
                ..
            } => u32::from(*month) == m && day.weekday() == *weekday && nth_is(*nth),
        }
    }
}

/// One value a list part may have (`BYHOUR=9`), or none: a single time a day.
fn at_most_one<T>(list: &[T]) -> bool {
    list.len() <= 1
}

/// The pattern of `rule`, started at `start` (its date on the series' wall clock).
fn pattern_of(rule: &Rule, start: Day) -> Pattern {
    let interval = rule.interval;
    if !rule.by_year_day.is_empty()
        || !rule.by_week_no.is_empty()
        || !at_most_one(&rule.by_hour)
        || !at_most_one(&rule.by_minute)
        || !at_most_one(&rule.by_second)
    {
        return Pattern::Custom;
    }
    let days: Vec<Weekday> = rule.by_day.iter().map(|&d| weekday_of(d)).collect();
    let plain_days_only = rule.by_nth_day.is_empty()
        && rule.by_month_day.is_empty()
        && rule.by_set_pos.is_empty()
        && rule.by_month.is_empty();
    let weekly = |interval: u32, days: Vec<Weekday>| {
        if interval == 1 && days == WEEKDAYS {
            Pattern::Weekdays
        } else {
            Pattern::Weekly { interval, days }
        }
    };
    // The one ordinal weekday of a month: `2TU`, or `TU` with `BYSETPOS=2` (one time a day,
    // so the set's positions are the weekday's).
    let nth_weekday = || -> Option<(i8, Weekday)> {
        if !rule.by_month_day.is_empty() {
            return None;
        }
        match (&rule.by_day[..], &rule.by_nth_day[..], &rule.by_set_pos[..]) {
            ([], [(nth, day)], []) if sayable_nth(i64::from(*nth)) => {
                Some((*nth, weekday_of(*day)))
            }
            ([day], [], [pos]) if sayable_nth(i64::from(*pos)) => {
                Some((*pos as i8, weekday_of(*day)))
            }
            _ => None,
        }
    };
    let (_, start_month, start_day) = start.ymd();
    match rule.freq {
        Freq::Daily if plain_days_only => {
            if days.is_empty() {
                Pattern::Daily { interval }
            } else if interval == 1 {
                weekly(1, days)
            } else {
                Pattern::Custom
            }
        }
        Freq::Weekly if plain_days_only => {
            let days = if days.is_empty() {
                vec![start.weekday()]
            } else {
                days
            };
            weekly(interval, days)
        }
        Freq::Monthly if rule.by_month.is_empty() => {
            let no_days = rule.by_day.is_empty() && rule.by_nth_day.is_empty();
            match &rule.by_month_day[..] {
                [] if no_days && rule.by_set_pos.is_empty() => Pattern::MonthlyOnDay {
                    interval,
                    day: start_day as i8,
                },
                [day] if no_days && rule.by_set_pos.is_empty() && (*day > 0 || *day == -1) => {
                    Pattern::MonthlyOnDay {
                        interval,
                        day: *day,
                    }
                }
                _ => match nth_weekday() {
                    Some((nth, weekday)) => Pattern::MonthlyOnWeekday {
                        interval,
                        nth,
                        weekday,
                    },
                    None => Pattern::Custom,
                },
            }
        }
        Freq::Yearly => {
            let month = match &rule.by_month[..] {
                [] => start_month as u8,
                [month] => *month,
                _ => return Pattern::Custom,
            };
            if rule.by_day.is_empty() && rule.by_nth_day.is_empty() && rule.by_set_pos.is_empty() {
                let day = match &rule.by_month_day[..] {
                    [] => start_day as u8,
                    [day] if *day > 0 => *day as u8,
                    _ => return Pattern::Custom,
                };
                // A day the month never has (the 30th of February): the rule gives nothing
                // but its DTSTART, and "yearly on 30 February" would be wrong.
                if u32::from(day) > days_in_month(2024, u32::from(month)) {
                    return Pattern::Custom;
                }
                Pattern::Yearly {
                    interval,
                    month,
                    day,
                }
            } else if rule.by_month.len() == 1 {
                // Ordinals count within the month only with BYMONTH.
                match nth_weekday() {
                    Some((nth, weekday)) => Pattern::YearlyOnWeekday {
                        interval,
                        month,
                        nth,
                        weekday,
                    },
                    None => Pattern::Custom,
                }
            } else {
                Pattern::Custom
            }
        }
        _ => Pattern::Custom,
    }
}

impl Rhythm {
    /// The rhythm of `series`. `zones` turns a UTC `UNTIL` into a day on the series' own
    /// wall clock (an unknown zone: its UTC day).
    pub fn of(series: &Series, zones: &dyn Zones) -> Rhythm {
        let start = series.start.local.date;
        let other_dates = !series.rdates.is_empty();
        let one_or_dates = Rhythm {
            pattern: if other_dates {
                Pattern::Dates
            } else {
                Pattern::Once
            },
            end: None,
            other_dates: false,
        };
        let Some(rule) = &series.rule else {
            return one_or_dates;
        };
        let until = rule
            .until
            .as_ref()
            .map(|until| match (&until.anchor, &series.start.anchor) {
                (Anchor::Utc, Anchor::Zone(zone)) => zones
                    .local_at(zone, until.local.at_offset(0))
                    .map_or(until.local.date, |local| local.date),
                _ => until.local.date,
            });
        let only_start = rule.count == Some(1) || until.is_some_and(|until| until < start);
        if only_start {
            return one_or_dates;
        }
        let pattern = pattern_of(rule, start);
        let end = match (rule.count, until) {
            (Some(_), _) if !series.exdates.is_empty() => last_day(series, zones).map(End::Until),
            (Some(count), _) => Some(End::Count(count)),
            (None, Some(until)) => Some(End::Until(until)),
            (None, None) => None,
        };
        Rhythm {
            other_dates: other_dates || !pattern.matches(start),
            pattern,
            end,
        }
    }

    /// The rhythm in words, in `lang`, with dates from `dates`:
    ///
    /// ```
    /// use cop_core::calendar::{EnglishDates, Rhythm};
    /// use cop_core::i18n::Lang;
    /// use cop_core::recurrence::Series;
    /// use cop_core::zone::FixedOffsets;
    ///
    /// let say = |ical: &str| {
    ///     let series = Series::parse(ical).unwrap();
    ///     Rhythm::of(&series, &FixedOffsets(&[])).sentence(Lang::En, &EnglishDates)
    /// };
    /// assert_eq!(
    ///     say("DTSTART:20260105T080000Z\nRRULE:FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,TH"),
    ///     "every 2 weeks on Monday and Thursday"
    /// );
    /// assert_eq!(
    ///     say("DTSTART:20260303T080000Z\nRRULE:FREQ=YEARLY;UNTIL=20300303T080000Z"),
    ///     "yearly on 3 March, until 3 March 2030"
    /// );
    /// // Twice a day: no sentence says it, so a generic one does.
    /// assert_eq!(
    ///     say("DTSTART:20260105T080000Z\nRRULE:FREQ=DAILY;BYHOUR=8,16"),
    ///     "repeats on a schedule of its own"
    /// );
    /// ```
    pub fn sentence(&self, lang: Lang, dates: &dyn DateWords) -> String {
        let text = |msg: Msg| msg.text(lang);
        // The rows with an interval of 1 have their own wording ("monthly", not "every 1 months").
        let pick = |interval: u32, one: Msg, many: Msg| {
            if interval == 1 {
                one
            } else {
                many
            }
        };
        let n = |interval: u32| interval.to_string();
        let mut out = match &self.pattern {
            Pattern::Once => text(Msg::RhythmOnce).to_owned(),
            Pattern::Dates => text(Msg::RhythmDates).to_owned(),
            Pattern::Custom => text(Msg::RhythmCustom).to_owned(),
            Pattern::Weekdays => text(Msg::RhythmWeekdays).to_owned(),
            Pattern::Daily { interval } => fill(
                text(pick(*interval, Msg::RhythmDaily, Msg::RhythmDailyN)),
                &[("n", &n(*interval))],
            ),
            Pattern::Weekly { interval, days } => {
                let names: Vec<&str> = days.iter().map(|&d| weekday_name(d, lang)).collect();
                fill(
                    text(pick(*interval, Msg::RhythmWeekly, Msg::RhythmWeeklyN)),
                    &[("n", &n(*interval)), ("days", &list(&names, lang))],
                )
            }
            Pattern::MonthlyOnDay { interval, day: -1 } => fill(
                text(pick(
                    *interval,
                    Msg::RhythmMonthlyLastDay,
                    Msg::RhythmMonthlyLastDayN,
                )),
                &[("n", &n(*interval))],
            ),
            Pattern::MonthlyOnDay { interval, day } => {
                let day = if *day == 1 {
                    text(Msg::MonthDayOne).to_owned()
                } else {
                    day.to_string()
                };
                fill(
                    text(pick(
                        *interval,
                        Msg::RhythmMonthlyDay,
                        Msg::RhythmMonthlyDayN,
                    )),
                    &[("n", &n(*interval)), ("day", &day)],
                )
            }
            Pattern::MonthlyOnWeekday {
                interval,
                nth,
                weekday,
            } => fill(
                text(pick(
                    *interval,
                    Msg::RhythmMonthlyNth,
                    Msg::RhythmMonthlyNthN,
                )),
                &[
                    ("n", &n(*interval)),
                    ("nth", nth_words(*nth, *weekday, lang)),
                    ("weekday", weekday_name(*weekday, lang)),
                ],
            ),
            Pattern::Yearly {
                interval,
                month,
                day,
            } => fill(
                text(pick(*interval, Msg::RhythmYearly, Msg::RhythmYearlyN)),
                &[
                    ("n", &n(*interval)),
                    ("date", &dates.day_month(*month, *day)),
                ],
            ),
            Pattern::YearlyOnWeekday {
                interval,
                month,
                nth,
                weekday,
            } => fill(
                text(pick(*interval, Msg::RhythmYearlyNth, Msg::RhythmYearlyNthN)),
                &[
                    ("n", &n(*interval)),
                    ("nth", nth_words(*nth, *weekday, lang)),
                    ("weekday", weekday_name(*weekday, lang)),
                    ("month", &dates.month(*month)),
                ],
            ),
        };
        if self.other_dates {
            out = fill(text(Msg::RhythmAlso), &[("rhythm", &out)]);
        }
        match self.end {
            Some(End::Count(count)) => fill(
                text(Msg::RhythmTimes),
                &[("rhythm", &out), ("count", &count.to_string())],
            ),
            Some(End::Until(day)) => fill(
                text(Msg::RhythmUntil),
                &[("rhythm", &out), ("date", &dates.date(day))],
            ),
            None => out,
        }
    }
}

/// The day of the series' last occurrence (its rule has a `COUNT`), on its wall clock.
fn last_day(series: &Series, zones: &dyn Zones) -> Option<Day> {
    // Years 1 to 9999, as the engine works.
    let window = Window::new(
        Instant(-62_135_596_800),
        Instant(253_402_300_799),
        usize::MAX,
    );
    let found = series.expand(&window, zones).ok()?;
    match found.occurrences.last()? {
        Occurrence::Date(day) => Some(*day),
        Occurrence::At(at) => Some(match &series.start.anchor {
            Anchor::Zone(zone) => zones.local_at(zone, *at).ok()?.date,
            _ => at.to_local_utc().date,
        }),
    }
}

/// "Monday, Wednesday and Friday".
fn list(names: &[&str], lang: Lang) -> String {
    match names {
        [] => String::new(),
        [one] => (*one).to_owned(),
        [rest @ .., last] => fill(
            Msg::ListAnd.text(lang),
            &[("list", &rest.join(", ")), ("last", last)],
        ),
    }
}

#[cfg(test)]
mod tests;
