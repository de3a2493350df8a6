use super::*;
use crate::recurrence::Series;
use crate::zone::{FixedOffsets, Instant, LocalDateTime};

/// Dates as tokens, so a test shows where the caller's `Intl` text goes.
struct Tokens;

impl DateWords for Tokens {
    fn day_month(&self, month: u8, day: u8) -> String {
        format!("<{day}.{month}>")
    }
    fn month(&self, month: u8) -> String {
        format!("<M{month}>")
    }
    fn date(&self, day: Day) -> String {
        format!("<{day}>")
    }
}

const ZONES: FixedOffsets<'static> = FixedOffsets(&[("Europe/Vienna", 7200)]);

fn rhythm(ical: &str) -> Rhythm {
    Rhythm::of(&Series::parse(ical).unwrap(), &ZONES)
}

fn say(ical: &str, lang: Lang) -> String {
    rhythm(ical).sentence(lang, &Tokens)
}

#[test]
fn english_sentences() {
    for (ical, expected) in [
        (
            "DTSTART:20260106T080000Z\nRRULE:FREQ=WEEKLY",
            "every week on Tuesday",
        ),
        (
            "DTSTART:20260105T080000Z\nRRULE:FREQ=WEEKLY;INTERVAL=2;BYDAY=TH,MO",
            "every 2 weeks on Monday and Thursday",
        ),
        (
            "DTSTART:20260105T080000Z\nRRULE:FREQ=WEEKLY;BYDAY=MO,WE,FR",
            "every week on Monday, Wednesday and Friday",
        ),
        (
            "DTSTART:20260113T080000Z\nRRULE:FREQ=MONTHLY;BYDAY=2TU",
            "monthly on the second Tuesday",
        ),
        (
            "DTSTART:20260113T080000Z\nRRULE:FREQ=MONTHLY;BYDAY=TU;BYSETPOS=2",
            "monthly on the second Tuesday",
        ),
        (
            "DTSTART:20260130T080000Z\nRRULE:FREQ=MONTHLY;BYDAY=-1FR;COUNT=10",
            "monthly on the last Friday, 10 times",
        ),
        (
            "DTSTART:20260123T080000Z\nRRULE:FREQ=MONTHLY;INTERVAL=3;BYDAY=-2FR",
            "every 3 months on the second-to-last Friday",
        ),
        ("DTSTART:20260105T080000Z\nRRULE:FREQ=DAILY", "every day"),
        (
            "DTSTART:20260105T080000Z\nRRULE:FREQ=DAILY;INTERVAL=3",
            "every 3 days",
        ),
        (
            "DTSTART:20260303T080000Z\nRRULE:FREQ=YEARLY",
            "yearly on <3.3>",
        ),
        (
            "DTSTART:20260303T080000Z\nRRULE:FREQ=YEARLY;INTERVAL=2;BYMONTH=3;BYMONTHDAY=3",
            "every 2 years on <3.3>",
        ),
        (
            "DTSTART:20260525T080000Z\nRRULE:FREQ=YEARLY;BYMONTH=5;BYDAY=-1MO",
            "yearly on the last Monday of <M5>",
        ),
        (
            "DTSTART:20260105T080000Z\nRRULE:FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR",
            "every weekday",
        ),
        (
            "DTSTART:20260105T080000Z\nRRULE:FREQ=DAILY;BYDAY=MO,TU,WE,TH,FR",
            "every weekday",
        ),
        (
            "DTSTART:20260105T080000Z\nRRULE:FREQ=DAILY;BYDAY=MO,WE",
            "every week on Monday and Wednesday",
        ),
        (
            "DTSTART:20260115T080000Z\nRRULE:FREQ=MONTHLY",
            "monthly on day 15",
        ),
        (
            "DTSTART:20260101T080000Z\nRRULE:FREQ=MONTHLY;BYMONTHDAY=1",
            "monthly on day 1",
        ),
        (
            "DTSTART:20260131T080000Z\nRRULE:FREQ=MONTHLY;BYMONTHDAY=-1",
            "monthly on the last day",
        ),
        (
            "DTSTART:20260115T080000Z\nRRULE:FREQ=MONTHLY;INTERVAL=3",
            "every 3 months on day 15",
        ),
        (
            // 21:59:59 UTC is 23:59:59 in Vienna (+02:00 here): still the 30th there.
            "DTSTART;TZID=Europe/Vienna:20260106T090000\nRRULE:FREQ=WEEKLY;UNTIL=20270630T215959Z",
            "every week on Tuesday, until <2027-06-30>",
        ),
        (
            // 23:00 UTC is already the 1st of July in Vienna.
            "DTSTART;TZID=Europe/Vienna:20260106T090000\nRRULE:FREQ=WEEKLY;UNTIL=20270630T230000Z",
            "every week on Tuesday, until <2027-07-01>",
        ),
        (
            "DTSTART;VALUE=DATE:20260106\nRRULE:FREQ=WEEKLY;UNTIL=20260630",
            "every week on Tuesday, until <2026-06-30>",
        ),
        // COUNT with an EXDATE: "3 times" would be wrong; the last day left is right.
        (
            "DTSTART:20260105T080000Z\nRRULE:FREQ=WEEKLY;COUNT=3\nEXDATE:20260119T080000Z",
            "every week on Monday, until <2026-01-12>",
        ),
        // DTSTART is a Wednesday, the rule says Tuesdays: DTSTART still happens.
        (
            "DTSTART:20260107T080000Z\nRRULE:FREQ=WEEKLY;BYDAY=TU",
            "every week on Tuesday, and on other dates",
        ),
        (
            "DTSTART:20260106T080000Z\nRRULE:FREQ=WEEKLY\nRDATE:20260109T080000Z",
            "every week on Tuesday, and on other dates",
        ),
        ("DTSTART:20260106T080000Z", "once"),
        (
            "DTSTART:20260106T080000Z\nRRULE:FREQ=WEEKLY;COUNT=1",
            "once",
        ),
        (
            "DTSTART:20260106T080000Z\nRRULE:FREQ=WEEKLY;UNTIL=20260101T000000Z",
            "once",
        ),
        (
            "DTSTART:20260106T080000Z\nRDATE:20260301T080000Z,20260401T080000Z",
            "on several dates",
        ),
    ] {
        assert_eq!(say(ical, Lang::En), expected, "{ical}");
    }
}

#[test]
fn rules_no_sentence_says_exactly_fall_back_to_a_generic_phrase() {
    for ical in [
        "DTSTART:20260105T080000Z\nRRULE:FREQ=DAILY;BYHOUR=8,16",
        "DTSTART:20260105T080000Z\nRRULE:FREQ=DAILY;INTERVAL=2;BYDAY=MO,TU",
        "DTSTART:20260105T080000Z\nRRULE:FREQ=DAILY;BYMONTH=6,7",
        "DTSTART:20260105T080000Z\nRRULE:FREQ=WEEKLY;BYMONTH=6,7",
        "DTSTART:20260105T080000Z\nRRULE:FREQ=WEEKLY;BYDAY=MO,TU;BYSETPOS=1",
        "DTSTART:20260101T080000Z\nRRULE:FREQ=MONTHLY;BYMONTHDAY=1,15",
        "DTSTART:20260130T080000Z\nRRULE:FREQ=MONTHLY;BYMONTHDAY=-2",
        "DTSTART:20260130T080000Z\nRRULE:FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-1",
        "DTSTART:20260106T080000Z\nRRULE:FREQ=MONTHLY;BYDAY=TU",
        "DTSTART:20260106T080000Z\nRRULE:FREQ=MONTHLY;BYDAY=1TU,3TU",
        "DTSTART:20260106T080000Z\nRRULE:FREQ=MONTHLY;BYDAY=1TU;BYMONTHDAY=1,2,3,4,5,6,7",
        "DTSTART:20260106T080000Z\nRRULE:FREQ=MONTHLY;BYMONTH=1,7",
        "DTSTART:20260512T080000Z\nRRULE:FREQ=YEARLY;BYWEEKNO=20",
        "DTSTART:20260512T080000Z\nRRULE:FREQ=YEARLY;BYYEARDAY=100",
        "DTSTART:20260512T080000Z\nRRULE:FREQ=YEARLY;BYMONTH=5,11",
        "DTSTART:20260119T080000Z\nRRULE:FREQ=YEARLY;BYDAY=20MO",
        "DTSTART:20260130T080000Z\nRRULE:FREQ=MONTHLY;BYDAY=6FR",
        "DTSTART:20260228T080000Z\nRRULE:FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=30",
        "DTSTART:20260228T080000Z\nRRULE:FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=-1",
    ] {
        let found = rhythm(ical);
        assert_eq!(found.pattern, Pattern::Custom, "{ical}");
        assert_eq!(say(ical, Lang::En), "repeats on a schedule of its own");
    }
    // The end is still said.
    assert_eq!(
        say(
            "DTSTART:20260105T080000Z\nRRULE:FREQ=DAILY;BYHOUR=8,16;COUNT=6",
            Lang::En
        ),
        "repeats on a schedule of its own, 6 times"
    );
}

#[cfg(feature = "translations")]
#[test]
fn the_five_languages() {
    let rows: [(&str, [&str; 5]); 9] = [
        (
            "DTSTART:20260106T080000Z\nRRULE:FREQ=WEEKLY",
            [
                "every week on Tuesday",
                "jede Woche am Dienstag",
                "cada semana el martes",
                "semanalmente: terça-feira",
                "chaque semaine le mardi",
            ],
        ),
        (
            "DTSTART:20260105T080000Z\nRRULE:FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,TH",
            [
                "every 2 weeks on Monday and Thursday",
                "alle 2 Wochen am Montag und Donnerstag",
                "cada 2 semanas el lunes y jueves",
                "a cada 2 semanas: segunda-feira e quinta-feira",
                "toutes les 2 semaines le lundi et jeudi",
            ],
        ),
        (
            "DTSTART:20260113T080000Z\nRRULE:FREQ=MONTHLY;BYDAY=2TU",
            [
                "monthly on the second Tuesday",
                "monatlich am zweiten Dienstag",
                "mensualmente, el segundo martes",
                "mensalmente, na segunda terça-feira",
                "tous les mois, le deuxième mardi",
            ],
        ),
        (
            // Portuguese: sábado is masculine.
            "DTSTART:20260103T080000Z\nRRULE:FREQ=MONTHLY;BYDAY=1SA",
            [
                "monthly on the first Saturday",
                "monatlich am ersten Samstag",
                "mensualmente, el primer sábado",
                "mensalmente, no primeiro sábado",
                "tous les mois, le premier samedi",
            ],
        ),
        (
            "DTSTART:20260130T080000Z\nRRULE:FREQ=MONTHLY;BYDAY=-1FR;COUNT=10",
            [
                "monthly on the last Friday, 10 times",
                "monatlich am letzten Freitag, 10-mal",
                "mensualmente, el último viernes, 10 veces",
                "mensalmente, na última sexta-feira, 10 vezes",
                "tous les mois, le dernier vendredi, 10 fois",
            ],
        ),
        (
            "DTSTART:20260101T080000Z\nRRULE:FREQ=MONTHLY;BYMONTHDAY=1",
            [
                "monthly on day 1",
                "monatlich am 1.",
                "mensualmente el día 1",
                "mensalmente no dia 1º",
                "tous les mois le 1er",
            ],
        ),
        (
            "DTSTART:20260303T080000Z\nRRULE:FREQ=YEARLY;UNTIL=20300303T080000Z",
            [
                "yearly on <3.3>, until <2030-03-03>",
                "jährlich am <3.3>, bis zum <2030-03-03>",
                "cada año el <3.3>, hasta el <2030-03-03>",
                "anualmente em <3.3>, até <2030-03-03>",
                "chaque année le <3.3>, jusqu’au <2030-03-03>",
            ],
        ),
        (
            "DTSTART:20260525T080000Z\nRRULE:FREQ=YEARLY;BYMONTH=5;BYDAY=-1MO",
            [
                "yearly on the last Monday of <M5>",
                "jährlich am letzten Montag im <M5>",
                "cada año, el último lunes de <M5>",
                "anualmente, na última segunda-feira de <M5>",
                "chaque année en <M5>, le dernier lundi",
            ],
        ),
        (
            "DTSTART:20260105T080000Z\nRRULE:FREQ=DAILY;BYDAY=MO,TU,WE,TH,FR",
            [
                "every weekday",
                "montags bis freitags",
                "de lunes a viernes",
                "de segunda a sexta-feira",
                "du lundi au vendredi",
            ],
        ),
    ];
    for (ical, expected) in rows {
        for (lang, expected) in Lang::ALL.into_iter().zip(expected) {
            assert_eq!(say(ical, lang), expected, "{ical} in {lang:?}");
        }
    }
}

/// The sentence is the truth: every occurrence is on a day the pattern names, and for
/// patterns without an interval every day the pattern names (up to the end) is an occurrence.
#[test]
fn a_pattern_names_exactly_the_days_of_its_occurrences() {
    let rules = [
        "RRULE:FREQ=WEEKLY",
        "RRULE:FREQ=WEEKLY;BYDAY=MO,WE,FR",
        "RRULE:FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,TH",
        "RRULE:FREQ=WEEKLY;INTERVAL=3;WKST=SU;BYDAY=SU,SA",
        "RRULE:FREQ=DAILY",
        "RRULE:FREQ=DAILY;INTERVAL=5",
        "RRULE:FREQ=DAILY;BYDAY=MO,TU,WE,TH,FR",
        "RRULE:FREQ=DAILY;BYDAY=SA,SU",
        "RRULE:FREQ=MONTHLY",
        "RRULE:FREQ=MONTHLY;BYMONTHDAY=31",
        "RRULE:FREQ=MONTHLY;BYMONTHDAY=-1",
        "RRULE:FREQ=MONTHLY;BYMONTHDAY=1",
        "RRULE:FREQ=MONTHLY;INTERVAL=2;BYMONTHDAY=10",
        "RRULE:FREQ=MONTHLY;BYDAY=2TU",
        "RRULE:FREQ=MONTHLY;BYDAY=5TH",
        "RRULE:FREQ=MONTHLY;BYDAY=-1FR",
        "RRULE:FREQ=MONTHLY;BYDAY=-2SU",
        "RRULE:FREQ=MONTHLY;BYDAY=WE;BYSETPOS=-1",
        "RRULE:FREQ=MONTHLY;INTERVAL=3;BYDAY=1MO",
        "RRULE:FREQ=YEARLY",
        "RRULE:FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=29",
        "RRULE:FREQ=YEARLY;BYMONTH=11;BYDAY=4TH",
        "RRULE:FREQ=YEARLY;BYMONTH=6;BYDAY=SA;BYSETPOS=1",
        "RRULE:FREQ=YEARLY;INTERVAL=2;BYMONTH=9;BYMONTHDAY=15",
    ];
    let from = Instant::parse_rfc3339("2024-01-01T00:00:00Z").unwrap();
    let to = Instant::parse_rfc3339("2032-01-01T00:00:00Z").unwrap();
    let mut days_checked = 0;
    for rule in rules {
        // Start on an occurrence: expand from a day that matches nothing in particular, and
        // take the first occurrence the rule gives after it as DTSTART.
        let probe = format!("DTSTART:20240101T090000Z\n{rule}");
        let found = Series::parse(&probe)
            .unwrap()
            .expand(&Window::new(from, to, 2), &ZONES)
            .unwrap();
        let Some(Occurrence::At(first)) = found.occurrences.get(1).copied() else {
            panic!("{rule} gives no second occurrence");
        };
        let ical = format!(
            "DTSTART:{}\n{rule}",
            first.to_string().replace(['-', ':'], "")
        );
        let rhythm = rhythm(&ical);
        assert_ne!(rhythm.pattern, Pattern::Custom, "{rule}");
        assert!(!rhythm.other_dates, "{rule}");
        let all = Series::parse(&ical)
            .unwrap()
            .expand(&Window::new(from, to, 10_000), &ZONES)
            .unwrap();
        let days: Vec<Day> = all
            .occurrences
            .iter()
            .map(|o| match o {
                Occurrence::At(at) => at.to_local_utc().date,
                Occurrence::Date(day) => *day,
            })
            .collect();
        for day in &days {
            assert!(rhythm.pattern.matches(*day), "{rule}: {day}");
        }
        let interval_one = !rule.contains("INTERVAL");
        if interval_one {
            let start = LocalDateTime::from_seconds(first.0).date;
            let end = LocalDateTime::from_seconds(to.0).date;
            for n in start.0..end.0 {
                let day = Day(n);
                assert_eq!(
                    rhythm.pattern.matches(day),
                    days.binary_search(&day).is_ok(),
                    "{rule}: {day}"
                );
                days_checked += 1;
            }
        }
    }
    assert!(days_checked > 30_000);
}
