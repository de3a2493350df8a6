//! An independent oracle: python-dateutil's `rrule` expands a few thousand generated rules
//! (seeded, so every run asks the same ones) and this engine must give the same occurrences.
//!
//! The rules are floating (no zone: the zones are `tests/zones.rs`'s business), valid by
//! RFC 5545, and drawn over every part this engine supports: `FREQ` DAILY to YEARLY,
//! `INTERVAL`, `COUNT` or `UNTIL` or neither, `BYMONTH`, `BYMONTHDAY` (negatives too),
//! `BYYEARDAY`, `BYWEEKNO`, `BYDAY` with and without ordinals, `BYHOUR`, `BYMINUTE`,
//! `BYSETPOS` and `WKST`, each in a window of one to four years.
//!
//! Python is `$COP_PYTHON`, else the workspace's `.venv/bin/python` (made by
//! `scripts/install.sh`, with a pinned python-dateutil), else `python3`. Without dateutil the
//! test fails, saying how to install it.
//!
//! Where RFC 5545 and dateutil differ, this engine follows the RFC and the comparison says so
//! explicitly:
//!
//! - **A DTSTART that does not match the rule.** RFC 5545: "The DTSTART property value always
//!   counts as the first occurrence". dateutil does not yield it, and counts `COUNT` over the
//!   rule's matches only. Expected here: DTSTART, then dateutil's first `COUNT - 1`
//!   occurrences (all of them without `COUNT`). dateutil reports whether its first occurrence
//!   is DTSTART (`matches`).
//! - **`BYDAY` mixing ordinals and plain days** (`1MO,FR`): dateutil keeps only days matching
//!   both kinds (none, in practice); RFC 5545 and this engine keep days matching either. Not
//!   generated; `recurrence::tests` covers it.
//! - **Combinations RFC 5545 forbids** (`BYDAY` ordinals with `WEEKLY`/`DAILY` or with
//!   `BYWEEKNO`, `BYMONTHDAY` with `WEEKLY`, `BYYEARDAY` outside `YEARLY`, `BYWEEKNO` outside
//!   `YEARLY`, `BYSETPOS` alone): dateutil reads them somehow, this engine refuses them. Not
//!   generated; refusals are tested in `recurrence::tests::errors_name_the_part`.
//! - **Rules that match nothing**: dateutil looks until year 9999 (seconds, for a daily
//!   rule); `oracle.py` makes it stop at 2100, after every window here. A rule that still
//!   takes dateutil over 5 seconds is skipped (counted; at most 1 % of the rules).
use cop_core::day::Day;
use cop_core::recurrence::{expand, Occurrence, Window};
use cop_core::zone::{FixedOffsets, Instant, LocalDateTime};
use std::io::Write;
use std::path::PathBuf;
use std::process::{Command, Stdio};

const RULES: usize = 5000;
const SEED: u64 = 0x5EED_2026_0015;
const LIMIT: usize = 150;

/// xorshift64*: small, seeded, the same sequence on every machine.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    fn below(&mut self, n: u64) -> i64 {
        (self.next() % n) as i64
    }
    fn range(&mut self, low: i64, high: i64) -> i64 {
        low + self.below((high - low + 1) as u64)
    }
    fn chance(&mut self, percent: u64) -> bool {
        self.below(100) < percent as i64
    }
    fn signed(&mut self, high: i64, negative_percent: u64) -> i64 {
        let n = self.range(1, high);
        if self.chance(negative_percent) {
            -n
        } else {
            n
        }
    }
    fn list(&mut self, count: i64, mut item: impl FnMut(&mut Rng) -> i64) -> String {
        let mut items: Vec<i64> = (0..count).map(|_| item(self)).collect();
        items.sort_unstable();
        items.dedup();
        items
            .iter()
            .map(i64::to_string)
            .collect::<Vec<_>>()
            .join(",")
    }
}

const DAYS: [&str; 7] = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"];

struct Case {
    id: usize,
    dtstart: LocalDateTime,
    rrule: String,
    from: LocalDateTime,
    to: LocalDateTime,
    count: Option<u32>,
}

fn compact(local: LocalDateTime) -> String {
    let (y, m, d) = local.date.ymd();
    format!(
        "{y:04}{m:02}{d:02}T{:02}{:02}{:02}",
        local.hour(),
        local.minute(),
        local.second()
    )
}

fn generate(rng: &mut Rng, id: usize) -> Case {
    let date = Day::from_ymd(1995, 1, 1)
        .unwrap()
        .plus(rng.range(0, 35 * 365) as i32);
    let dtstart = LocalDateTime::new(
        date,
        rng.range(0, 23) as u8,
        [0, 15, 30, 45][rng.below(4) as usize],
        0,
    )
    .unwrap();
    let freq = rng.below(4);
    let name = ["DAILY", "WEEKLY", "MONTHLY", "YEARLY"][freq as usize];
    let mut parts = vec![format!("FREQ={name}")];
    if rng.chance(40) {
        parts.push(format!(
            "INTERVAL={}",
            rng.range(2, if freq == 0 { 20 } else { 5 })
        ));
    }
    let mut count = None;
    match rng.below(10) {
        0..=3 => {
            let n = rng.range(1, 40) as u32;
            count = Some(n);
            parts.push(format!("COUNT={n}"));
        }
        4..=6 => {
            let until =
                LocalDateTime::from_seconds(dtstart.seconds() + rng.range(0, 3 * 365 * 86_400));
            parts.push(format!("UNTIL={}", compact(until)));
        }
        _ => {}
    }
    let mut any_by = false;
    let yearly = freq == 3;
    let by_month = rng.chance(if freq == 0 { 15 } else { 25 });
    if by_month {
        let n = rng.range(1, 4);
        parts.push(format!("BYMONTH={}", rng.list(n, |r| r.range(1, 12))));
        any_by = true;
    }
    let by_week_no = yearly && rng.chance(15);
    if by_week_no {
        let n = rng.range(1, 3);
        parts.push(format!("BYWEEKNO={}", rng.list(n, |r| r.signed(53, 25))));
        any_by = true;
    }
    if yearly && rng.chance(15) {
        let n = rng.range(1, 4);
        parts.push(format!("BYYEARDAY={}", rng.list(n, |r| r.signed(366, 30))));
        any_by = true;
    }
    if freq != 1 && rng.chance(30) {
        let n = rng.range(1, 4);
        parts.push(format!(
            "BYMONTHDAY={}",
            rng.list(n, |r| if r.chance(80) {
                r.signed(28, 25)
            } else {
                r.signed(31, 40)
            })
        ));
        any_by = true;
    }
    if rng.chance(45) {
        let ordinals = freq >= 2 && !by_week_no && rng.chance(50);
        let n = rng.range(1, 4);
        let mut days: Vec<String> = (0..n)
            .map(|_| {
                let day = DAYS[rng.below(7) as usize];
                if ordinals {
                    let high = if freq == 3 && !by_month { 53 } else { 5 };
                    format!("{}{day}", rng.signed(high, 35))
                } else {
                    day.to_owned()
                }
            })
            .collect();
        days.sort();
        days.dedup();
        parts.push(format!("BYDAY={}", days.join(",")));
        any_by = true;
    }
    if rng.chance(10) {
        let n = rng.range(1, 3);
        parts.push(format!("BYHOUR={}", rng.list(n, |r| r.range(0, 23))));
        any_by = true;
    }
    if rng.chance(8) {
        let n = rng.range(1, 3);
        parts.push(format!("BYMINUTE={}", rng.list(n, |r| r.range(0, 59))));
        any_by = true;
    }
    if any_by && rng.chance(20) {
        let n = rng.range(1, 3);
        // Within what a period usually holds: a position past it never matches, and
        // dateutil then looks until year 9999.
        let high = [1, 2, 3, 3][freq as usize];
        parts.push(format!("BYSETPOS={}", rng.list(n, |r| r.signed(high, 40))));
    }
    if rng.chance(25) {
        parts.push(format!("WKST={}", DAYS[rng.below(7) as usize]));
    }
    // Shuffle the parts' order a little: it must not matter.
    if rng.chance(30) && parts.len() > 2 {
        let last = parts.len() - 1;
        parts.swap(0, last);
    }
    let from = LocalDateTime::from_seconds(dtstart.seconds() + rng.range(-30, 2 * 365) * 86_400);
    let to = LocalDateTime::from_seconds(from.seconds() + rng.range(365, 4 * 365) * 86_400);
    Case {
        id,
        dtstart,
        rrule: parts.join(";"),
        from,
        to,
        count,
    }
}

fn python() -> PathBuf {
    if let Some(path) = std::env::var_os("COP_PYTHON") {
        return path.into();
    }
    let venv = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../.venv/bin/python");
    if venv.exists() {
        return venv;
    }
    "python3".into()
}

#[test]
fn dateutil_agrees_on_generated_rules() {
    let mut rng = Rng(SEED);
    let cases: Vec<Case> = (0..RULES).map(|id| generate(&mut rng, id)).collect();
    let mut input = String::new();
    for case in &cases {
        input.push_str(
            &serde_json::json!({
                "id": case.id,
                "dtstart": compact(case.dtstart),
                "rrule": case.rrule,
                "from": compact(case.from),
                "to": compact(case.to),
                "limit": LIMIT,
            })
            .to_string(),
        );
        input.push('\n');
    }
    let python = python();
    let script = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/oracle.py");
    let mut child = Command::new(&python)
        .arg(&script)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap_or_else(|e| panic!("cannot run {}: {e}; run scripts/install.sh (it makes .venv with python-dateutil) or set COP_PYTHON", python.display()));
    let mut stdin = child.stdin.take().unwrap();
    let writer = std::thread::spawn(move || stdin.write_all(input.as_bytes()));
    let output = child.wait_with_output().unwrap();
    writer.join().unwrap().unwrap();
    assert!(
        output.status.success(),
        "{} {} failed (is python-dateutil installed? scripts/install.sh makes .venv with it):\n{}",
        python.display(),
        script.display(),
        String::from_utf8_lossy(&output.stderr)
    );
    let stdout = String::from_utf8(output.stdout).unwrap();
    let mut lines = stdout.lines();
    let header: serde_json::Value = serde_json::from_str(lines.next().unwrap()).unwrap();
    let answers: Vec<serde_json::Value> = lines.map(|l| serde_json::from_str(l).unwrap()).collect();
    assert_eq!(answers.len(), cases.len());

    let (mut compared, mut occurrences, mut timeouts, mut off_rule) = (0, 0, 0, 0);
    let mut differences = Vec::new();
    for (case, answer) in cases.iter().zip(&answers) {
        assert_eq!(answer["id"], case.id);
        if answer["timeout"] == true {
            timeouts += 1;
            if std::env::var_os("COP_ORACLE_VERBOSE").is_some() {
                eprintln!(
                    "over dateutil's budget: DTSTART:{} RRULE:{}",
                    compact(case.dtstart),
                    case.rrule
                );
            }
            continue;
        }
        let matches = answer["matches"] == true;
        // RFC 5545: DTSTART first and counted; dateutil: only if it matches the rule.
        let rule_count = case.count.map(|c| if matches { c } else { c - 1 });
        let mut expected: Vec<String> = answer["occ"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|pair| rule_count.is_none_or(|c| pair[0].as_u64().unwrap() < u64::from(c)))
            .map(|pair| pair[1].as_str().unwrap().to_owned())
            .collect();
        if !matches {
            off_rule += 1;
            if case.from <= case.dtstart && case.dtstart < case.to {
                expected.insert(0, Instant(case.dtstart.seconds()).to_string());
            }
        }
        expected.truncate(LIMIT);
        let ical = format!("DTSTART:{}\nRRULE:{}", compact(case.dtstart), case.rrule);
        let window = Window::new(
            Instant(case.from.seconds()),
            Instant(case.to.seconds()),
            LIMIT,
        );
        let got: Vec<String> = match expand(&ical, &window, &FixedOffsets(&[])) {
            Ok(found) => found
                .occurrences
                .iter()
                .map(|o| match o {
                    Occurrence::At(at) => at.to_string(),
                    Occurrence::Date(day) => day.to_string(),
                })
                .collect(),
            Err(error) => vec![format!("error: {error}")],
        };
        compared += 1;
        occurrences += expected.len();
        if got != expected {
            let first = got
                .iter()
                .zip(&expected)
                .position(|(a, b)| a != b)
                .unwrap_or(got.len().min(expected.len()));
            differences.push(format!(
                "{ical}\n  window [{}, {}) dateutil matches DTSTART: {matches}\n  first difference at {first}: ours {:?}, dateutil {:?} (ours {} items, expected {})",
                case.from,
                case.to,
                got.get(first),
                expected.get(first),
                got.len(),
                expected.len()
            ));
        }
    }
    eprintln!(
        "oracle: dateutil {}, {RULES} rules, {compared} compared ({occurrences} occurrences; {off_rule} with a DTSTART off the rule), {timeouts} skipped (dateutil over its time budget), {} differences",
        header["dateutil"],
        differences.len()
    );
    assert!(
        differences.is_empty(),
        "{} of {compared} rules differ from dateutil:\n{}",
        differences.len(),
        differences
            .iter()
            .take(15)
            .cloned()
            .collect::<Vec<_>>()
            .join("\n")
    );
    assert!(
        timeouts * 100 <= RULES,
        "{timeouts} rules over dateutil's time budget: more than 1 %"
    );
    assert!(
        occurrences > 10 * RULES,
        "the rules found too few occurrences ({occurrences}) to mean much"
    );
}
