//! Recurrences in real zones, with the IANA database through `jiff` (feature `tz`): the wall
//! clock is kept in the event's zone, spring-forward gaps and fall-back folds follow RFC 5545,
//! and zones with unusual rules come out right.
#![cfg(feature = "tz")]

use cop_core::recurrence::{expand, Window};
use cop_core::zone::{Instant, Tzdb};

fn at(text: &str) -> Instant {
    Instant::parse_rfc3339(text).unwrap()
}

fn utc(ical: &str, from: &str, to: &str) -> Vec<String> {
    let window = Window::new(at(from), at(to), 1000);
    expand(ical, &window, &Tzdb)
        .unwrap()
        .occurrences
        .iter()
        .map(|o| o.to_string())
        .collect()
}

#[test]
fn the_issues_example_vienna_weekly_with_an_exdate() {
    let ical = "DTSTART;TZID=Europe/Vienna:20260105T090000\nRRULE:FREQ=WEEKLY;BYDAY=MO\nEXDATE;TZID=Europe/Vienna:20260112T090000";
    assert_eq!(
        utc(ical, "2026-01-01T00:00:00Z", "2026-01-27T00:00:00Z"),
        [
            "2026-01-05T08:00:00Z",
            "2026-01-19T08:00:00Z",
            "2026-01-26T08:00:00Z"
        ]
    );
}

#[test]
fn a_vienna_call_stays_at_nine_in_vienna_and_moves_in_new_york() {
    let ical = "DTSTART;TZID=Europe/Vienna:20260302T090000\nRRULE:FREQ=WEEKLY;BYDAY=MO;COUNT=6";
    assert_eq!(
        utc(ical, "2026-01-01T00:00:00Z", "2027-01-01T00:00:00Z"),
        [
            "2026-03-02T08:00:00Z", // 09:00 CET = 03:00 EST
            "2026-03-09T08:00:00Z", // New York moved on 03-08: 04:00 EDT
            "2026-03-16T08:00:00Z",
            "2026-03-23T08:00:00Z",
            "2026-03-30T07:00:00Z", // Vienna moved on 03-29: 09:00 CEST = 03:00 EDT again
            "2026-04-06T07:00:00Z",
        ]
    );
}

#[test]
fn the_rfc_weekly_example_in_new_york_crosses_the_end_of_dst() {
    let ical = "DTSTART;TZID=America/New_York:19970902T090000\nRRULE:FREQ=WEEKLY;COUNT=10";
    let got = utc(ical, "1997-01-01T00:00:00Z", "1998-01-01T00:00:00Z");
    assert_eq!(got.len(), 10);
    assert_eq!(got[7], "1997-10-21T13:00:00Z", "EDT");
    assert_eq!(got[8], "1997-10-28T14:00:00Z", "EST after 1997-10-26");
}

#[test]
fn vienna_spring_forward_gap_moves_the_time_forward() {
    let ical = "DTSTART;TZID=Europe/Vienna:20260328T023000\nRRULE:FREQ=DAILY;COUNT=3";
    assert_eq!(
        utc(ical, "2026-01-01T00:00:00Z", "2027-01-01T00:00:00Z"),
        [
            "2026-03-28T01:30:00Z", // 02:30 CET
            "2026-03-29T01:30:00Z", // no 02:30 that night: 03:30 CEST
            "2026-03-30T00:30:00Z", // 02:30 CEST
        ]
    );
}

#[test]
fn vienna_fall_back_fold_takes_the_first() {
    let ical = "DTSTART;TZID=Europe/Vienna:20261024T023000\nRRULE:FREQ=DAILY;COUNT=3";
    assert_eq!(
        utc(ical, "2026-01-01T00:00:00Z", "2027-01-01T00:00:00Z"),
        [
            "2026-10-24T00:30:00Z", // 02:30 CEST
            "2026-10-25T00:30:00Z", // 02:30 twice: the first, CEST
            "2026-10-26T01:30:00Z", // 02:30 CET
        ]
    );
}

#[test]
fn new_york_gap_and_fold() {
    let gap = "DTSTART;TZID=America/New_York:20260307T023000\nRRULE:FREQ=DAILY;COUNT=3";
    assert_eq!(
        utc(gap, "2026-01-01T00:00:00Z", "2027-01-01T00:00:00Z"),
        [
            "2026-03-07T07:30:00Z",
            "2026-03-08T07:30:00Z",
            "2026-03-09T06:30:00Z"
        ]
    );
    let fold = "DTSTART;TZID=America/New_York:20261031T013000\nRRULE:FREQ=DAILY;COUNT=3";
    assert_eq!(
        utc(fold, "2026-01-01T00:00:00Z", "2027-01-01T00:00:00Z"),
        [
            "2026-10-31T05:30:00Z",
            "2026-11-01T05:30:00Z",
            "2026-11-02T06:30:00Z"
        ]
    );
}

#[test]
fn a_gap_time_and_a_later_time_come_out_in_order_once() {
    // BYHOUR/BYMINUTE 02:30 and 03:30 on the night Vienna springs forward: 02:30 becomes
    // 03:30 CEST, the same instant as the real 03:30. One occurrence, not two.
    let ical = "DTSTART;TZID=Europe/Vienna:20260328T023000\nRRULE:FREQ=DAILY;COUNT=6;BYHOUR=2,3;BYMINUTE=30";
    assert_eq!(
        utc(ical, "2026-01-01T00:00:00Z", "2027-01-01T00:00:00Z"),
        [
            "2026-03-28T01:30:00Z",
            "2026-03-28T02:30:00Z",
            "2026-03-29T01:30:00Z",
            "2026-03-30T00:30:00Z",
            "2026-03-30T01:30:00Z",
        ]
    );
}

#[test]
fn kolkata_is_five_and_a_half_hours_ahead_all_year() {
    let ical = "DTSTART;TZID=Asia/Kolkata:20260105T090000\nRRULE:FREQ=MONTHLY;BYDAY=1MO;COUNT=8";
    let got = utc(ical, "2026-01-01T00:00:00Z", "2027-01-01T00:00:00Z");
    assert_eq!(got.len(), 8);
    assert!(got.iter().all(|o| o.ends_with("T03:30:00Z")), "{got:?}");
}

#[test]
fn lord_howe_has_a_half_hour_dst() {
    // +11:00 in summer, +10:30 from 2026-04-05 02:00 (clocks back to 01:30), +11:00 again
    // from 2026-10-04 02:00 (clocks forward to 02:30).
    let daily = "DTSTART;TZID=Australia/Lord_Howe:20260404T090000\nRRULE:FREQ=DAILY;COUNT=2";
    assert_eq!(
        utc(daily, "2026-01-01T00:00:00Z", "2027-01-01T00:00:00Z"),
        ["2026-04-03T22:00:00Z", "2026-04-04T22:30:00Z"]
    );
    let fold = "DTSTART;TZID=Australia/Lord_Howe:20260405T014500";
    assert_eq!(
        utc(fold, "2026-01-01T00:00:00Z", "2027-01-01T00:00:00Z"),
        ["2026-04-04T14:45:00Z"]
    );
    let gap = "DTSTART;TZID=Australia/Lord_Howe:20261004T021500";
    assert_eq!(
        utc(gap, "2026-01-01T00:00:00Z", "2027-01-01T00:00:00Z"),
        ["2026-10-03T15:45:00Z"]
    );
}

#[test]
fn chatham_is_twelve_forty_five_or_thirteen_forty_five() {
    let ical = "DTSTART;TZID=Pacific/Chatham:20260105T090000\nRRULE:FREQ=YEARLY;BYMONTH=1,7;BYMONTHDAY=5;COUNT=2";
    assert_eq!(
        utc(ical, "2026-01-01T00:00:00Z", "2027-01-01T00:00:00Z"),
        ["2026-01-04T19:15:00Z", "2026-07-04T20:15:00Z"]
    );
}

#[test]
fn sao_paulo_has_had_no_dst_since_2019_but_had_it_before() {
    let now =
        "DTSTART;TZID=America/Sao_Paulo:20260115T090000\nRRULE:FREQ=MONTHLY;BYMONTH=1,7;COUNT=2";
    assert_eq!(
        utc(now, "2026-01-01T00:00:00Z", "2027-01-01T00:00:00Z"),
        ["2026-01-15T12:00:00Z", "2026-07-15T12:00:00Z"]
    );
    let then =
        "DTSTART;TZID=America/Sao_Paulo:20180115T090000\nRRULE:FREQ=MONTHLY;BYMONTH=1,7;COUNT=2";
    assert_eq!(
        utc(then, "2018-01-01T00:00:00Z", "2019-01-01T00:00:00Z"),
        ["2018-01-15T11:00:00Z", "2018-07-15T12:00:00Z"]
    );
}

#[test]
fn a_zone_without_dst_and_utc() {
    let tokyo = "DTSTART;TZID=Asia/Tokyo:20260105T090000\nRRULE:FREQ=YEARLY;BYMONTH=1,7;BYMONTHDAY=5;COUNT=2";
    assert_eq!(
        utc(tokyo, "2026-01-01T00:00:00Z", "2027-01-01T00:00:00Z"),
        ["2026-01-05T00:00:00Z", "2026-07-05T00:00:00Z"]
    );
    let utc_zone = "DTSTART;TZID=UTC:20260105T090000\nRRULE:FREQ=DAILY;COUNT=1";
    assert_eq!(
        utc(utc_zone, "2026-01-01T00:00:00Z", "2027-01-01T00:00:00Z"),
        ["2026-01-05T09:00:00Z"]
    );
}

#[test]
fn until_and_exdate_are_instants_across_zones() {
    // UNTIL is the instant of the third occurrence: inclusive. The EXDATE names the second
    // in New York's time.
    let ical = "DTSTART;TZID=Europe/Vienna:20260105T090000\nRRULE:FREQ=WEEKLY;UNTIL=20260119T080000Z\nEXDATE;TZID=America/New_York:20260112T030000";
    assert_eq!(
        utc(ical, "2026-01-01T00:00:00Z", "2027-01-01T00:00:00Z"),
        ["2026-01-05T08:00:00Z", "2026-01-19T08:00:00Z"]
    );
}

#[test]
fn an_unknown_zone_is_named() {
    let window = Window::new(at("2026-01-01T00:00:00Z"), at("2027-01-01T00:00:00Z"), 10);
    let error = expand("DTSTART;TZID=Europe/Wien:20260105T090000", &window, &Tzdb).unwrap_err();
    assert_eq!(error.part(), "TZID");
    assert_eq!(error.to_string(), "unknown time zone \"Europe/Wien\"");
    let error = expand(
        "DTSTART:20260105T090000",
        &Window {
            floating_zone: Some("Nowhere/Land"),
            ..window
        },
        &Tzdb,
    )
    .unwrap_err();
    assert_eq!(error.to_string(), "unknown time zone \"Nowhere/Land\"");
}

#[test]
fn a_floating_exdate_beside_a_zoned_dtstart_is_read_in_its_zone() {
    let ical = "DTSTART;TZID=Europe/Vienna:20260105T090000\nRRULE:FREQ=WEEKLY;COUNT=3\nEXDATE:20260112T090000\nRDATE:20260113T090000";
    assert_eq!(
        utc(ical, "2026-01-01T00:00:00Z", "2027-01-01T00:00:00Z"),
        [
            "2026-01-05T08:00:00Z",
            "2026-01-13T08:00:00Z",
            "2026-01-19T08:00:00Z"
        ]
    );
}

/// `Zones::local_at`'s default (which only asks for the offsets of local times, as the wasm's
/// `Intl` implementation may) agrees with `jiff`'s direct answer on every hour around the
/// transitions of zones with DST, half-hour and southern-hemisphere rules.
#[test]
fn local_at_by_search_agrees_with_jiff_across_transitions() {
    use cop_core::day::Day;
    use cop_core::zone::{LocalDateTime, LocalOffsets, UnknownZone, Zones};

    /// Tzdb without its own `local_at`: the trait's default.
    struct OnlyOffsets;
    impl Zones for OnlyOffsets {
        fn offsets_at_local(
            &self,
            zone: &str,
            local: LocalDateTime,
        ) -> Result<LocalOffsets, UnknownZone> {
            Tzdb.offsets_at_local(zone, local)
        }
    }
    let mut checked = 0;
    for zone in [
        "Europe/Vienna",
        "America/New_York",
        "Australia/Lord_Howe", // half-hour DST
        "America/Santiago",
        "Asia/Kolkata",
        "Pacific/Apia", // skipped a whole day in 2011
    ] {
        for (from, to) in [("2011-03-01", "2012-01-15"), ("2026-03-01", "2026-11-15")] {
            let (from, to) = (Day::parse(from).unwrap(), Day::parse(to).unwrap());
            let mut t = i64::from(from.0) * 86_400;
            while t < i64::from(to.0) * 86_400 {
                let at = Instant(t);
                assert_eq!(
                    OnlyOffsets.local_at(zone, at).unwrap(),
                    Tzdb.local_at(zone, at).unwrap(),
                    "{zone} at {at}"
                );
                t += 1800;
                checked += 1;
            }
        }
    }
    assert!(checked > 50_000);
    assert!(OnlyOffsets
        .local_at("Mars/Olympus_Mons", Instant(0))
        .is_err());
}
