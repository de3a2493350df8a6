use super::*;
use crate::zone::FixedOffsets;

fn at(text: &str) -> Instant {
    Instant::parse_rfc3339(text).unwrap()
}

fn run(ical: &str, from: &str, to: &str, limit: usize) -> Vec<String> {
    let window = Window::new(at(from), at(to), limit);
    expand(ical, &window, &FixedOffsets(&[]))
        .unwrap()
        .occurrences
        .iter()
        .map(|o| o.to_string())
        .collect()
}

#[test]
fn weekly_with_exdate() {
    assert_eq!(
        run(
            "DTSTART:20260105T080000Z\nRRULE:FREQ=WEEKLY;BYDAY=MO\nEXDATE:20260112T080000Z",
            "2026-01-01T00:00:00Z",
            "2026-02-01T00:00:00Z",
            10
        ),
        [
            "2026-01-05T08:00:00Z",
            "2026-01-19T08:00:00Z",
            "2026-01-26T08:00:00Z"
        ]
    );
}

/// The first `n` occurrences of a floating series starting at `start` (local), as
/// `YYYY-MM-DD` when at 09:00, else with the time.
fn rfc(start: &str, rule: &str, n: usize) -> Vec<String> {
    let ical = format!("DTSTART:{start}\nRRULE:{rule}");
    run(&ical, "1900-01-01T00:00:00Z", "2100-01-01T00:00:00Z", n)
        .into_iter()
        .map(|s| s.strip_suffix("T09:00:00Z").map(str::to_owned).unwrap_or(s))
        .collect()
}

fn days(list: &str) -> Vec<String> {
    list.split_whitespace().map(str::to_owned).collect()
}

// RFC 5545 §3.8.5.3, each example's rule with its listed dates. The RFC's DTSTARTs are in
// America/New_York; here they are floating (the rule logic), and the zoned versions are
// checked against UTC in `zoned_rfc_examples_keep_their_wall_clock` (feature `tz`).

#[test]
fn rfc_daily_for_10_occurrences() {
    let expected: Vec<String> = (2..=11).map(|d| format!("1997-09-{d:02}")).collect();
    assert_eq!(rfc("19970902T090000", "FREQ=DAILY;COUNT=10", 100), expected);
}

#[test]
fn rfc_daily_until_december_24() {
    let got = rfc("19970902T090000", "FREQ=DAILY;UNTIL=19971224T000000", 1000);
    assert_eq!(got.len(), 113);
    assert_eq!(got.first().unwrap(), "1997-09-02");
    assert_eq!(got.last().unwrap(), "1997-12-23");
}

#[test]
fn rfc_every_other_day_and_every_10_days() {
    assert_eq!(
        rfc("19970902T090000", "FREQ=DAILY;INTERVAL=2", 6),
        days("1997-09-02 1997-09-04 1997-09-06 1997-09-08 1997-09-10 1997-09-12")
    );
    assert_eq!(
        rfc("19970902T090000", "FREQ=DAILY;INTERVAL=10;COUNT=5", 100),
        days("1997-09-02 1997-09-12 1997-09-22 1997-10-02 1997-10-12")
    );
}

#[test]
fn rfc_every_day_in_january_for_3_years() {
    for rule in [
        "FREQ=YEARLY;UNTIL=20000131T140000;BYMONTH=1;BYDAY=SU,MO,TU,WE,TH,FR,SA",
        "FREQ=DAILY;UNTIL=20000131T140000;BYMONTH=1",
    ] {
        let got = rfc("19980101T090000", rule, 1000);
        let expected: Vec<String> = [1998, 1999, 2000]
            .iter()
            .flat_map(|y| (1..=31).map(move |d| format!("{y}-01-{d:02}")))
            .collect();
        assert_eq!(got, expected, "{rule}");
    }
}

#[test]
fn rfc_weekly() {
    assert_eq!(
        rfc("19970902T090000", "FREQ=WEEKLY;COUNT=10", 100),
        days("1997-09-02 1997-09-09 1997-09-16 1997-09-23 1997-09-30 1997-10-07 1997-10-14 1997-10-21 1997-10-28 1997-11-04")
    );
    let until = rfc("19970902T090000", "FREQ=WEEKLY;UNTIL=19971224T000000", 100);
    assert_eq!(until.len(), 17);
    assert_eq!(until.last().unwrap(), "1997-12-23");
    assert_eq!(
        rfc("19970902T090000", "FREQ=WEEKLY;INTERVAL=2;WKST=SU", 13),
        days("1997-09-02 1997-09-16 1997-09-30 1997-10-14 1997-10-28 1997-11-11 1997-11-25 1997-12-09 1997-12-23 1998-01-06 1998-01-20 1998-02-03 1998-02-17")
    );
    for rule in [
        "FREQ=WEEKLY;UNTIL=19971007T000000;WKST=SU;BYDAY=TU,TH",
        "FREQ=WEEKLY;COUNT=10;WKST=SU;BYDAY=TU,TH",
    ] {
        assert_eq!(
            rfc("19970902T090000", rule, 100),
            days("1997-09-02 1997-09-04 1997-09-09 1997-09-11 1997-09-16 1997-09-18 1997-09-23 1997-09-25 1997-09-30 1997-10-02"),
            "{rule}"
        );
    }
    assert_eq!(
        rfc("19970901T090000", "FREQ=WEEKLY;INTERVAL=2;UNTIL=19971224T000000;WKST=SU;BYDAY=MO,WE,FR", 100),
        days("1997-09-01 1997-09-03 1997-09-05 1997-09-15 1997-09-17 1997-09-19 1997-09-29 1997-10-01 1997-10-03 1997-10-13 1997-10-15 1997-10-17 1997-10-27 1997-10-29 1997-10-31 1997-11-10 1997-11-12 1997-11-14 1997-11-24 1997-11-26 1997-11-28 1997-12-08 1997-12-10 1997-12-12 1997-12-22")
    );
    assert_eq!(
        rfc("19970902T090000", "FREQ=WEEKLY;INTERVAL=2;COUNT=8;WKST=SU;BYDAY=TU,TH", 100),
        days("1997-09-02 1997-09-04 1997-09-16 1997-09-18 1997-09-30 1997-10-02 1997-10-14 1997-10-16")
    );
}

#[test]
fn rfc_monthly_by_day() {
    assert_eq!(
        rfc("19970905T090000", "FREQ=MONTHLY;COUNT=10;BYDAY=1FR", 100),
        days("1997-09-05 1997-10-03 1997-11-07 1997-12-05 1998-01-02 1998-02-06 1998-03-06 1998-04-03 1998-05-01 1998-06-05")
    );
    assert_eq!(
        rfc(
            "19970905T090000",
            "FREQ=MONTHLY;UNTIL=19971224T000000;BYDAY=1FR",
            100
        ),
        days("1997-09-05 1997-10-03 1997-11-07 1997-12-05")
    );
    assert_eq!(
        rfc("19970907T090000", "FREQ=MONTHLY;INTERVAL=2;COUNT=10;BYDAY=1SU,-1SU", 100),
        days("1997-09-07 1997-09-28 1997-11-02 1997-11-30 1998-01-04 1998-01-25 1998-03-01 1998-03-29 1998-05-03 1998-05-31")
    );
    assert_eq!(
        rfc("19970922T090000", "FREQ=MONTHLY;COUNT=6;BYDAY=-2MO", 100),
        days("1997-09-22 1997-10-20 1997-11-17 1997-12-22 1998-01-19 1998-02-16")
    );
    assert_eq!(
        rfc("19970902T090000", "FREQ=MONTHLY;INTERVAL=2;BYDAY=TU", 18),
        days("1997-09-02 1997-09-09 1997-09-16 1997-09-23 1997-09-30 1997-11-04 1997-11-11 1997-11-18 1997-11-25 1998-01-06 1998-01-13 1998-01-20 1998-01-27 1998-03-03 1998-03-10 1998-03-17 1998-03-24 1998-03-31")
    );
}

#[test]
fn rfc_monthly_by_month_day() {
    assert_eq!(
        rfc("19970928T090000", "FREQ=MONTHLY;BYMONTHDAY=-3", 6),
        days("1997-09-28 1997-10-29 1997-11-28 1997-12-29 1998-01-29 1998-02-26")
    );
    assert_eq!(
        rfc("19970902T090000", "FREQ=MONTHLY;COUNT=10;BYMONTHDAY=2,15", 100),
        days("1997-09-02 1997-09-15 1997-10-02 1997-10-15 1997-11-02 1997-11-15 1997-12-02 1997-12-15 1998-01-02 1998-01-15")
    );
    assert_eq!(
        rfc("19970930T090000", "FREQ=MONTHLY;COUNT=10;BYMONTHDAY=1,-1", 100),
        days("1997-09-30 1997-10-01 1997-10-31 1997-11-01 1997-11-30 1997-12-01 1997-12-31 1998-01-01 1998-01-31 1998-02-01")
    );
    assert_eq!(
        rfc("19970910T090000", "FREQ=MONTHLY;INTERVAL=18;COUNT=10;BYMONTHDAY=10,11,12,13,14,15", 100),
        days("1997-09-10 1997-09-11 1997-09-12 1997-09-13 1997-09-14 1997-09-15 1999-03-10 1999-03-11 1999-03-12 1999-03-13")
    );
}

#[test]
fn rfc_yearly() {
    assert_eq!(
        rfc("19970610T090000", "FREQ=YEARLY;COUNT=10;BYMONTH=6,7", 100),
        days("1997-06-10 1997-07-10 1998-06-10 1998-07-10 1999-06-10 1999-07-10 2000-06-10 2000-07-10 2001-06-10 2001-07-10")
    );
    assert_eq!(
        rfc("19970310T090000", "FREQ=YEARLY;INTERVAL=2;COUNT=10;BYMONTH=1,2,3", 100),
        days("1997-03-10 1999-01-10 1999-02-10 1999-03-10 2001-01-10 2001-02-10 2001-03-10 2003-01-10 2003-02-10 2003-03-10")
    );
    assert_eq!(
        rfc("19970101T090000", "FREQ=YEARLY;INTERVAL=3;COUNT=10;BYYEARDAY=1,100,200", 100),
        days("1997-01-01 1997-04-10 1997-07-19 2000-01-01 2000-04-09 2000-07-18 2003-01-01 2003-04-10 2003-07-19 2006-01-01")
    );
    assert_eq!(
        rfc("19970519T090000", "FREQ=YEARLY;BYDAY=20MO", 3),
        days("1997-05-19 1998-05-18 1999-05-17")
    );
    assert_eq!(
        rfc("19970512T090000", "FREQ=YEARLY;BYWEEKNO=20;BYDAY=MO", 3),
        days("1997-05-12 1998-05-11 1999-05-17")
    );
    assert_eq!(
        rfc("19970313T090000", "FREQ=YEARLY;BYMONTH=3;BYDAY=TH", 11),
        days("1997-03-13 1997-03-20 1997-03-27 1998-03-05 1998-03-12 1998-03-19 1998-03-26 1999-03-04 1999-03-11 1999-03-18 1999-03-25")
    );
    assert_eq!(
        rfc("19970605T090000", "FREQ=YEARLY;BYDAY=TH;BYMONTH=6,7,8", 39),
        days("1997-06-05 1997-06-12 1997-06-19 1997-06-26 1997-07-03 1997-07-10 1997-07-17 1997-07-24 1997-07-31 1997-08-07 1997-08-14 1997-08-21 1997-08-28 \
              1998-06-04 1998-06-11 1998-06-18 1998-06-25 1998-07-02 1998-07-09 1998-07-16 1998-07-23 1998-07-30 1998-08-06 1998-08-13 1998-08-20 1998-08-27 \
              1999-06-03 1999-06-10 1999-06-17 1999-06-24 1999-07-01 1999-07-08 1999-07-15 1999-07-22 1999-07-29 1999-08-05 1999-08-12 1999-08-19 1999-08-26")
    );
    assert_eq!(
        rfc(
            "19961105T090000",
            "FREQ=YEARLY;INTERVAL=4;BYMONTH=11;BYDAY=TU;BYMONTHDAY=2,3,4,5,6,7,8",
            3
        ),
        days("1996-11-05 2000-11-07 2004-11-02")
    );
}

#[test]
fn rfc_friday_the_13th_excludes_its_dtstart() {
    let ical = "DTSTART:19970902T090000\nEXDATE:19970902T090000\nRRULE:FREQ=MONTHLY;BYDAY=FR;BYMONTHDAY=13";
    let got: Vec<String> = run(ical, "1997-01-01T00:00:00Z", "2001-01-01T00:00:00Z", 100);
    assert_eq!(
        got,
        [
            "1998-02-13T09:00:00Z",
            "1998-03-13T09:00:00Z",
            "1998-11-13T09:00:00Z",
            "1999-08-13T09:00:00Z",
            "2000-10-13T09:00:00Z"
        ]
    );
}

#[test]
fn rfc_first_saturday_after_first_sunday() {
    assert_eq!(
        rfc("19970913T090000", "FREQ=MONTHLY;BYDAY=SA;BYMONTHDAY=7,8,9,10,11,12,13", 10),
        days("1997-09-13 1997-10-11 1997-11-08 1997-12-13 1998-01-10 1998-02-07 1998-03-07 1998-04-11 1998-05-09 1998-06-13")
    );
}

#[test]
fn rfc_by_set_pos() {
    assert_eq!(
        rfc(
            "19970904T090000",
            "FREQ=MONTHLY;COUNT=3;BYDAY=TU,WE,TH;BYSETPOS=3",
            100
        ),
        days("1997-09-04 1997-10-07 1997-11-06")
    );
    assert_eq!(
        rfc(
            "19970929T090000",
            "FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-2",
            7
        ),
        days("1997-09-29 1997-10-30 1997-11-27 1997-12-30 1998-01-29 1998-02-26 1998-03-30")
    );
}

#[test]
fn rfc_every_20_minutes_from_9_to_16_40_daily() {
    let got = rfc(
        "19970902T090000",
        "FREQ=DAILY;BYHOUR=9,10,11,12,13,14,15,16;BYMINUTE=0,20,40",
        30,
    );
    assert_eq!(
        &got[..4],
        [
            "1997-09-02",
            "1997-09-02T09:20:00Z",
            "1997-09-02T09:40:00Z",
            "1997-09-02T10:00:00Z"
        ]
    );
    assert_eq!(got[23], "1997-09-02T16:40:00Z");
    assert_eq!(got[24], "1997-09-03");
}

#[test]
fn rfc_wkst_changes_what_every_other_week_means() {
    assert_eq!(
        rfc(
            "19970805T090000",
            "FREQ=WEEKLY;INTERVAL=2;COUNT=4;BYDAY=TU,SU;WKST=MO",
            100
        ),
        days("1997-08-05 1997-08-10 1997-08-19 1997-08-24")
    );
    assert_eq!(
        rfc(
            "19970805T090000",
            "FREQ=WEEKLY;INTERVAL=2;COUNT=4;BYDAY=TU,SU;WKST=SU",
            100
        ),
        days("1997-08-05 1997-08-17 1997-08-19 1997-08-31")
    );
}

#[test]
fn rfc_invalid_dates_are_skipped() {
    assert_eq!(
        rfc(
            "20070115T090000",
            "FREQ=MONTHLY;BYMONTHDAY=15,30;COUNT=5",
            100
        ),
        days("2007-01-15 2007-01-30 2007-02-15 2007-03-15 2007-03-30")
    );
}

#[test]
fn rfc_hourly_and_minutely_examples_are_refused_naming_freq() {
    for rule in [
        "FREQ=HOURLY;INTERVAL=3;UNTIL=19970902T170000Z",
        "FREQ=MINUTELY;INTERVAL=15;COUNT=6",
        "FREQ=MINUTELY;INTERVAL=90;COUNT=4",
        "FREQ=MINUTELY;INTERVAL=20;BYHOUR=9,10,11,12,13,14,15,16",
        "FREQ=SECONDLY",
    ] {
        let error = Series::parse(&format!("DTSTART:19970902T090000Z\nRRULE:{rule}")).unwrap_err();
        assert_eq!(error.part(), "FREQ", "{rule}");
        assert!(error.message().contains("is not supported"), "{error}");
    }
}

// The readings this engine makes where implementations differ.

#[test]
fn dtstart_is_the_first_occurrence_and_counts_even_off_rule() {
    // 2026-01-06 is a Tuesday; the rule wants first Fridays.
    assert_eq!(
        rfc("20260106T090000", "FREQ=MONTHLY;BYDAY=1FR;COUNT=3", 100),
        days("2026-01-06 2026-02-06 2026-03-06")
    );
}

#[test]
fn count_counts_before_exdate_and_rdates_do_not_count() {
    let ical = "DTSTART:20260105T090000\nRRULE:FREQ=WEEKLY;COUNT=3\nEXDATE:20260112T090000\nRDATE:20260107T090000,20260119T090000";
    assert_eq!(
        run(ical, "2026-01-01T00:00:00Z", "2027-01-01T00:00:00Z", 100),
        // 01-12 excluded, not replaced by 01-26; the RDATE on 01-19 is the rule's third.
        [
            "2026-01-05T09:00:00Z",
            "2026-01-07T09:00:00Z",
            "2026-01-19T09:00:00Z"
        ]
    );
}

#[test]
fn a_rule_that_never_matches_ends_quickly() {
    let started = std::time::Instant::now();
    let window = Window::new(at("1900-01-01T00:00:00Z"), at("9999-12-31T00:00:00Z"), 100);
    let zones = FixedOffsets(&[]);
    let yearly = expand(
        "DTSTART:20260105T090000Z\nRRULE:FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=30",
        &window,
        &zones,
    )
    .unwrap();
    assert_eq!(yearly.occurrences.len(), 1, "only DTSTART");
    assert_eq!(yearly.stopped, Stopped::Complete);
    let daily = expand(
        "DTSTART:20260105T090000Z\nRRULE:FREQ=DAILY;BYMONTH=2;BYMONTHDAY=30",
        &window,
        &zones,
    )
    .unwrap();
    assert_eq!(daily.occurrences.len(), 1);
    assert_eq!(daily.stopped, Stopped::Cap);
    assert!(
        started.elapsed() < std::time::Duration::from_secs(2),
        "{:?}",
        started.elapsed()
    );
}

#[test]
fn the_limit_cuts_and_says_so() {
    let window = Window::new(at("2026-01-01T00:00:00Z"), at("2027-01-01T00:00:00Z"), 2);
    let found = expand(
        "DTSTART:20260105T090000Z\nRRULE:FREQ=DAILY",
        &window,
        &FixedOffsets(&[]),
    )
    .unwrap();
    assert_eq!(found.occurrences.len(), 2);
    assert_eq!(found.stopped, Stopped::Limit);
    let none = Window::new(at("2026-01-01T00:00:00Z"), at("2027-01-01T00:00:00Z"), 0);
    assert!(
        expand("DTSTART:20260105T090000Z", &none, &FixedOffsets(&[]))
            .unwrap()
            .occurrences
            .is_empty()
    );
}

#[test]
fn a_late_window_finds_what_expanding_from_the_start_finds() {
    // Rules without COUNT jump to the window; the result must not depend on it.
    for rule in [
        "FREQ=DAILY;INTERVAL=3",
        "FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,TH;WKST=SU",
        "FREQ=MONTHLY;INTERVAL=5;BYDAY=-1FR",
        "FREQ=YEARLY;INTERVAL=3;BYWEEKNO=1,-1;BYDAY=MO",
        "FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-1",
    ] {
        let ical = format!("DTSTART:19900105T090000\nRRULE:{rule}");
        let all = run(
            &ical,
            "1990-01-01T00:00:00Z",
            "2031-01-01T00:00:00Z",
            100_000,
        );
        let late = run(
            &ical,
            "2025-03-01T00:00:00Z",
            "2031-01-01T00:00:00Z",
            100_000,
        );
        let tail: Vec<String> = all
            .into_iter()
            .filter(|o| o.as_str() >= "2025-03-01")
            .collect();
        assert_eq!(late, tail, "{rule}");
        assert!(!late.is_empty(), "{rule}");
    }
}

#[test]
fn all_day_series_give_dates() {
    let ical = "DTSTART;VALUE=DATE:20260130\nRRULE:FREQ=MONTHLY;BYMONTHDAY=-1;COUNT=4\nEXDATE;VALUE=DATE:20260228";
    assert_eq!(
        run(ical, "2026-01-01T00:00:00Z", "2027-01-01T00:00:00Z", 10),
        // DTSTART (30th) is off rule (last day) but first; then 01-31, (02-28 excluded), 03-31.
        ["2026-01-30", "2026-01-31", "2026-03-31"]
    );
    let error =
        Series::parse("DTSTART;VALUE=DATE:20260130\nRRULE:FREQ=DAILY;UNTIL=20260301T000000Z")
            .unwrap_err();
    assert_eq!(
        error.to_string(),
        "UNTIL must be a date (YYYYMMDD) when DTSTART is a date"
    );
    let error =
        Series::parse("DTSTART;VALUE=DATE:20260130\nRRULE:FREQ=DAILY;BYHOUR=9").unwrap_err();
    assert_eq!(error.part(), "BYHOUR");
    let error = Series::parse("DTSTART;VALUE=DATE:20260130\nEXDATE:20260131T000000").unwrap_err();
    assert_eq!(error.part(), "EXDATE");
}

#[test]
fn floating_times_are_read_in_the_floating_zone() {
    let zones = FixedOffsets(&[("Asia/Kolkata", 19_800)]);
    let mut window = Window::new(at("2026-01-01T00:00:00Z"), at("2026-01-03T00:00:00Z"), 10);
    window.floating_zone = Some("Asia/Kolkata");
    let found = expand("DTSTART:20260101T090000\nRRULE:FREQ=DAILY", &window, &zones).unwrap();
    let shown: Vec<String> = found.occurrences.iter().map(|o| o.to_string()).collect();
    assert_eq!(shown, ["2026-01-01T03:30:00Z", "2026-01-02T03:30:00Z"]);
    // Dates stay dates; the window compares their midnight there: 2026-01-01 began in
    // Kolkata at 2025-12-31T18:30Z, before the window.
    let found = expand(
        "DTSTART;VALUE=DATE:20260101\nRRULE:FREQ=DAILY",
        &window,
        &zones,
    )
    .unwrap();
    let shown: Vec<String> = found.occurrences.iter().map(|o| o.to_string()).collect();
    assert_eq!(shown, ["2026-01-02", "2026-01-03"]);
}

#[test]
fn errors_name_the_part() {
    for (ical, part, words) in [
        ("RRULE:FREQ=DAILY", "DTSTART", "DTSTART is missing"),
        (
            "DTSTART:20260105T090000\nRRULE:FREQ=MONTHLY;BYSETPOS=-1",
            "BYSETPOS",
            "BYSETPOS needs another BY",
        ),
        (
            "DTSTART:20260105T090000\nRRULE:FREQ=HOURLY",
            "FREQ",
            "FREQ=HOURLY is not supported",
        ),
        (
            "DTSTART:20260105T090000\nRRULE:FREQ=FORTNIGHTLY",
            "FREQ",
            "not a frequency",
        ),
        (
            "DTSTART:20260105T090000\nRRULE:INTERVAL=2",
            "FREQ",
            "RRULE has no FREQ",
        ),
        (
            "DTSTART;TZID=Europe/Vienna:20260105T090000\nRRULE:FREQ=DAILY;UNTIL=20260301T090000",
            "UNTIL",
            "UNTIL must be UTC",
        ),
        (
            "DTSTART:20260105T090000Z\nRRULE:FREQ=DAILY;UNTIL=20260301T090000",
            "UNTIL",
            "UNTIL must be UTC",
        ),
        (
            "DTSTART:20260105T090000\nRRULE:FREQ=DAILY;UNTIL=20260301T090000Z",
            "UNTIL",
            "floating",
        ),
        (
            "DTSTART:20260105T090000\nRRULE:FREQ=DAILY;COUNT=3;UNTIL=20260301T090000",
            "COUNT",
            "COUNT and UNTIL",
        ),
        (
            "DTSTART:20260105T090000\nRRULE:FREQ=WEEKLY;BYDAY=2MO",
            "BYDAY",
            "needs FREQ=MONTHLY or YEARLY",
        ),
        (
            "DTSTART:20260105T090000\nRRULE:FREQ=YEARLY;BYWEEKNO=3;BYDAY=1MO",
            "BYDAY",
            "BYWEEKNO",
        ),
        (
            "DTSTART:20260105T090000\nRRULE:FREQ=MONTHLY;BYWEEKNO=3",
            "BYWEEKNO",
            "needs FREQ=YEARLY",
        ),
        (
            "DTSTART:20260105T090000\nRRULE:FREQ=MONTHLY;BYYEARDAY=3",
            "BYYEARDAY",
            "needs FREQ=YEARLY",
        ),
        (
            "DTSTART:20260105T090000\nRRULE:FREQ=WEEKLY;BYMONTHDAY=3",
            "BYMONTHDAY",
            "WEEKLY",
        ),
        (
            "DTSTART:20260105T090000\nRRULE:FREQ=MONTHLY;BYMONTHDAY=32",
            "BYMONTHDAY",
            "out of range",
        ),
        (
            "DTSTART:20260105T090000\nRRULE:FREQ=MONTHLY;BYMONTHDAY=0",
            "BYMONTHDAY",
            "out of range",
        ),
        (
            "DTSTART:20260105T090000\nRRULE:FREQ=MONTHLY;BYMONTH=13",
            "BYMONTH",
            "out of range",
        ),
        (
            "DTSTART:20260105T090000\nRRULE:FREQ=MONTHLY;BYDAY=XX",
            "BYDAY",
            "not a weekday",
        ),
        (
            "DTSTART:20260105T090000\nRRULE:FREQ=MONTHLY;BYDAY=0MO",
            "BYDAY",
            "out of range",
        ),
        (
            "DTSTART:20260105T090000\nRRULE:FREQ=MONTHLY;BYDAY=MO,",
            "BYDAY",
            "not a weekday",
        ),
        (
            "DTSTART:20260105T090000\nRRULE:FREQ=MONTHLY;INTERVAL=0",
            "INTERVAL",
            "out of range",
        ),
        (
            "DTSTART:20260105T090000\nRRULE:FREQ=MONTHLY;COUNT=x",
            "COUNT",
            "not a whole number",
        ),
        (
            "DTSTART:20260105T090000\nRRULE:FREQ=MONTHLY;FREQ=DAILY",
            "FREQ",
            "twice",
        ),
        (
            "DTSTART:20260105T090000\nRRULE:FREQ=MONTHLY;BYEASTER=1",
            "BYEASTER",
            "not a rule part",
        ),
        (
            "DTSTART:20260105T090000\nRRULE:FREQ=MONTHLY;WKST=XY",
            "WKST",
            "not a weekday",
        ),
        (
            "DTSTART:20260105T090000\nRRULE:FREQ=DAILY\nRRULE:FREQ=WEEKLY",
            "RRULE",
            "second RRULE",
        ),
        (
            "DTSTART:20260230T090000",
            "DTSTART",
            "not a date that exists",
        ),
        (
            "DTSTART:20260105T250000",
            "DTSTART",
            "not a time that exists",
        ),
        ("DTSTART:20260105T090060", "DTSTART", "leap seconds"),
        ("DTSTART:2026-01-05T09:00:00", "DTSTART", "is not a date"),
        (
            "DTSTART;TZID=Europe/Vienna:20260105T090000Z",
            "DTSTART",
            "give one or the other",
        ),
        (
            "DTSTART:20260105T090000\nDTSTART:20260106T090000",
            "DTSTART",
            "twice",
        ),
        (
            "DTSTART:20260105T090000\nRDATE;VALUE=PERIOD:20260105T090000/PT1H",
            "RDATE",
            "PERIOD",
        ),
        (
            "DTSTART:20260105T090000\nRECURRENCE-ID:20260105T090000",
            "RECURRENCE-ID",
            "belongs in an override",
        ),
        (
            "DTSTART:20260105T090000\nSUMMARY:Weekly call",
            "SUMMARY",
            "not part of a series",
        ),
        (
            "DTSTART:20260105T090000\nEXDATE:20260105",
            "EXDATE",
            "VALUE=DATE",
        ),
        (
            "DTSTART;FOO=bar:20260105T090000",
            "DTSTART",
            "parameter FOO",
        ),
        ("just text", "line", "not a content line"),
    ] {
        let error = Series::parse(ical).unwrap_err();
        assert_eq!(error.part(), part, "{ical}: {error}");
        assert!(error.message().contains(words), "{ical}: {error}");
    }
}

#[test]
fn lines_unfold_and_names_are_case_insensitive() {
    let ical = "dtstart:20260105T090000Z\r\nrrule:freq=weekly;\r\n byday=mo,we;count=3\r\n";
    assert_eq!(
        run(ical, "2026-01-01T00:00:00Z", "2027-01-01T00:00:00Z", 10),
        [
            "2026-01-05T09:00:00Z",
            "2026-01-07T09:00:00Z",
            "2026-01-12T09:00:00Z"
        ]
    );
}

#[test]
fn an_unknown_zone_is_an_error_naming_it() {
    let window = Window::new(at("2026-01-01T00:00:00Z"), at("2027-01-01T00:00:00Z"), 10);
    let error = expand(
        "DTSTART;TZID=Europe/Wien:20260105T090000\nRRULE:FREQ=DAILY",
        &window,
        &FixedOffsets(&[]),
    )
    .unwrap_err();
    assert_eq!(error.part(), "TZID");
    assert_eq!(error.to_string(), "unknown time zone \"Europe/Wien\"");
}

#[test]
fn week_numbers_follow_iso_8601_with_monday() {
    // 2026-01-01 is a Thursday: week 1 starts on Monday 2025-12-29.
    assert_eq!(
        week_number(Day::from_ymd(2025, 12, 29).unwrap(), 0),
        (1, 53)
    );
    assert_eq!(
        week_number(Day::from_ymd(2025, 12, 28).unwrap(), 0),
        (52, 52)
    );
    assert_eq!(week_number(Day::from_ymd(2027, 1, 3).unwrap(), 0), (53, 53));
    assert_eq!(week_number(Day::from_ymd(2027, 1, 4).unwrap(), 0), (1, 52));
}

#[test]
fn work_is_bounded_whatever_the_rule() {
    // Every minute of every day, one kept a year, asked about eight thousand years.
    let started = std::time::Instant::now();
    let window = Window::new(at("2000-01-01T00:00:00Z"), at("9999-01-01T00:00:00Z"), 1000);
    let ical = "DTSTART:20000101T000000Z\nRRULE:FREQ=YEARLY;BYDAY=MO,TU,WE,TH,FR,SA,SU;BYHOUR=0,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23;BYMINUTE=0,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30,31,32,33,34,35,36,37,38,39,40,41,42,43,44,45,46,47,48,49,50,51,52,53,54,55,56,57,58,59;BYSETPOS=-1";
    let found = expand(ical, &window, &FixedOffsets(&[])).unwrap();
    assert_eq!(found.stopped, Stopped::Cap);
    assert!(found.occurrences.len() > 2);
    assert!(
        started.elapsed() < std::time::Duration::from_secs(5),
        "{:?}",
        started.elapsed()
    );
    let seconds = (0..60).map(|s| s.to_string()).collect::<Vec<_>>().join(",");
    let error = Series::parse(&format!("DTSTART:20000101T000000Z\nRRULE:FREQ=DAILY;BYMINUTE=0,1;BYSECOND={seconds};BYHOUR=1,2,3,4,5,6,7,8,9,10,11,12,13")).unwrap_err();
    assert!(error.message().contains("at most 1440"), "{error}");
}

#[test]
fn exactly_limit_occurrences_are_complete() {
    let window = Window::new(at("2026-01-01T00:00:00Z"), at("2027-01-01T00:00:00Z"), 3);
    let found = expand(
        "DTSTART:20260105T090000Z\nRRULE:FREQ=WEEKLY;COUNT=3",
        &window,
        &FixedOffsets(&[]),
    )
    .unwrap();
    assert_eq!(found.occurrences.len(), 3);
    assert_eq!(found.stopped, Stopped::Complete);
    let found = expand(
        "DTSTART:20260105T090000Z\nRRULE:FREQ=WEEKLY;COUNT=4",
        &window,
        &FixedOffsets(&[]),
    )
    .unwrap();
    assert_eq!(found.occurrences.len(), 3);
    assert_eq!(found.stopped, Stopped::Limit);
}

#[test]
fn overrides_move_or_cancel_one_occurrence() {
    let ical = "DTSTART:20260105T090000Z\nRRULE:FREQ=WEEKLY;COUNT=4\n\
                BEGIN:VEVENT\nRECURRENCE-ID:20260112T090000Z\nDTSTART:20260113T170000Z\nSUMMARY:moved to Tuesday\nEND:VEVENT\n\
                BEGIN:VEVENT\nRECURRENCE-ID:20260119T090000Z\nSTATUS:CANCELLED\nEND:VEVENT";
    assert_eq!(
        run(ical, "2026-01-01T00:00:00Z", "2027-01-01T00:00:00Z", 10),
        // COUNT=4 counts the original instances; the moved one shows at its new time.
        [
            "2026-01-05T09:00:00Z",
            "2026-01-13T17:00:00Z",
            "2026-01-26T09:00:00Z"
        ]
    );
    // An occurrence moved into the window from outside it shows; one moved out does not.
    let ical = "DTSTART:20260105T090000Z\nRRULE:FREQ=WEEKLY\n\
                BEGIN:VEVENT\nRECURRENCE-ID:20260202T090000Z\nDTSTART:20260130T090000Z\nEND:VEVENT\n\
                BEGIN:VEVENT\nRECURRENCE-ID:20260126T090000Z\nDTSTART:20260203T090000Z\nEND:VEVENT";
    assert_eq!(
        run(ical, "2026-01-20T00:00:00Z", "2026-02-01T00:00:00Z", 10),
        ["2026-01-30T09:00:00Z"]
    );
}

#[test]
fn a_whole_calendar_file_is_read_for_its_event() {
    let ical = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Example//EN\r\n\
                BEGIN:VTIMEZONE\r\nTZID:Asia/Kolkata\r\nBEGIN:STANDARD\r\nDTSTART:19700101T000000\r\nTZOFFSETFROM:+0530\r\nTZOFFSETTO:+0530\r\nEND:STANDARD\r\nEND:VTIMEZONE\r\n\
                BEGIN:VEVENT\r\nUID:call@example.org\r\nSUMMARY:Weekly call\r\nDTSTART;TZID=Asia/Kolkata:20260105T090000\r\nDTEND;TZID=Asia/Kolkata:20260105T100000\r\n\
                RRULE:FREQ=WEEKLY;COUNT=3\r\nBEGIN:VALARM\r\nACTION:DISPLAY\r\nTRIGGER:-PT15M\r\nEND:VALARM\r\nEND:VEVENT\r\n\
                BEGIN:VEVENT\r\nUID:call@example.org\r\nRECURRENCE-ID;TZID=Asia/Kolkata:20260112T090000\r\nSTATUS:CANCELLED\r\nEND:VEVENT\r\n\
                END:VCALENDAR\r\n";
    let window = Window::new(at("2026-01-01T00:00:00Z"), at("2027-01-01T00:00:00Z"), 10);
    let found = expand(ical, &window, &FixedOffsets(&[("Asia/Kolkata", 19_800)])).unwrap();
    let shown: Vec<String> = found.occurrences.iter().map(|o| o.to_string()).collect();
    assert_eq!(shown, ["2026-01-05T03:30:00Z", "2026-01-19T03:30:00Z"]);
}

#[test]
fn override_errors_name_the_part() {
    for (ical, part, words) in [
        ("DTSTART:20260105T090000Z\nRRULE:FREQ=DAILY\nBEGIN:VEVENT\nRECURRENCE-ID;RANGE=THISANDFUTURE:20260106T090000Z\nEND:VEVENT", "RECURRENCE-ID", "RANGE"),
        ("DTSTART:20260105T090000Z\nRRULE:FREQ=DAILY\nBEGIN:VEVENT\nRECURRENCE-ID:20260106T090000Z\nRRULE:FREQ=WEEKLY\nEND:VEVENT", "RRULE", "override"),
        ("DTSTART:20260105T090000Z\nRRULE:FREQ=DAILY\nBEGIN:VEVENT\nRECURRENCE-ID;VALUE=DATE:20260106\nEND:VEVENT", "RECURRENCE-ID", "a date-time"),
        ("DTSTART:20260105T090000Z\nRRULE:FREQ=DAILY\nBEGIN:VEVENT\nRECURRENCE-ID:20260106T090000Z\nEND:VEVENT\nBEGIN:VEVENT\nRECURRENCE-ID:20260106T090000Z\nEND:VEVENT", "RECURRENCE-ID", "same RECURRENCE-ID"),
        ("DTSTART:20260105T090000Z\nBEGIN:VEVENT\nDTSTART:20260105T090000Z\nEND:VEVENT", "VEVENT", "more than one series"),
        ("BEGIN:VEVENT\nDTSTART:20260105T090000Z", "END", "not closed"),
        ("DTSTART:20260105T090000Z\nEND:VEVENT", "END", "closes nothing"),
        ("BEGIN:VTODO\nDTSTART:20260105T090000Z\nEND:VTODO", "BEGIN", "VTODO"),
        ("BEGIN:VEVENT\nSUMMARY:no start\nEND:VEVENT", "DTSTART", "DTSTART is missing"),
        ("DTSTART:20260105T090000Z\nEXRULE:FREQ=DAILY", "EXRULE", "EXDATE"),
    ] {
        let error = Series::parse(ical).unwrap_err();
        assert_eq!(error.part(), part, "{ical}: {error}");
        assert!(error.message().contains(words), "{ical}: {error}");
    }
}

/// The wasm aborts on a panic, taking every widget with it: no input may make parsing or
/// expanding panic. Mutations of valid series (bytes replaced, cut, doubled; multibyte
/// characters; extreme numbers) must all end in a value or an error.
#[test]
fn no_input_panics() {
    let seeds = [
        "DTSTART;TZID=Europe/Vienna:20260105T090000\nRRULE:FREQ=WEEKLY;BYDAY=MO\nEXDATE;TZID=Europe/Vienna:20260112T090000",
        "DTSTART:19970902T090000\nRRULE:FREQ=MONTHLY;INTERVAL=2;COUNT=10;BYDAY=1SU,-1SU;BYSETPOS=-1,2",
        "DTSTART;VALUE=DATE:20260130\nRRULE:FREQ=YEARLY;BYWEEKNO=-1,53;BYYEARDAY=-366,366;UNTIL=99991231",
        "DTSTART:99991231T235959Z\nRRULE:FREQ=DAILY;INTERVAL=10000;BYHOUR=23;BYMINUTE=59\nRDATE:00010101T000000Z",
        "BEGIN:VCALENDAR\nBEGIN:VEVENT\nDTSTART;TZID=\"/Asia/Kolkata\":20260105T090000\nRRULE:FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=-30\nEND:VEVENT\nBEGIN:VEVENT\nRECURRENCE-ID;TZID=Asia/Kolkata:20260105T090000\nSTATUS:CANCELLED\nEND:VEVENT\nEND:VCALENDAR",
    ];
    let pieces = [
        "é",
        "€",
        "𝄞",
        ";",
        ":",
        "=",
        ",",
        "\"",
        "-",
        "+",
        "0",
        "9",
        "Z",
        "T",
        "\n",
        " ",
        "\r",
        "BYSETPOS=-366",
        "COUNT=4294967295",
        "INTERVAL=99999999999",
    ];
    let zones = FixedOffsets(&[("Europe/Vienna", 3600), ("Asia/Kolkata", 19_800)]);
    let windows = [
        Window::new(Instant(i64::MIN), Instant(i64::MAX), usize::MAX),
        Window::new(at("2026-01-01T00:00:00Z"), at("2027-01-01T00:00:00Z"), 5),
        Window::new(at("9999-12-31T00:00:00Z"), Instant(i64::MAX), 3),
    ];
    let mut state = 0x2545_F491_4F6C_DD1Du64;
    let mut next = move |n: usize| {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        (state % n as u64) as usize
    };
    for round in 0..4000 {
        let mut text = seeds[round % seeds.len()].to_owned();
        for _ in 0..1 + next(4) {
            let at = next(text.len() + 1);
            let at = (0..=at)
                .rev()
                .find(|&i| text.is_char_boundary(i))
                .unwrap_or(0);
            match next(3) {
                0 => text.insert_str(at, pieces[next(pieces.len())]),
                1 => {
                    let end = (at + 1 + next(6)).min(text.len());
                    let end = (end..=text.len())
                        .find(|&i| text.is_char_boundary(i))
                        .unwrap_or(text.len());
                    text.replace_range(at..end, "");
                }
                _ => {
                    let tail = text[at..].to_owned();
                    text.push_str(&tail);
                }
            }
        }
        if let Ok(series) = Series::parse(&text) {
            for window in &windows {
                let _ = series.expand(window, &zones);
            }
        }
    }
}
