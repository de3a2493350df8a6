//! Demo data that mirrors the domain: several communities of different sizes, members with
//! roles (a coordinator, a few leaders and experts, newcomers, a sponsor), some of them in
//! more than one community. Deterministic, so the demo pages and tests can name what they show.
//! Loaded into an empty database at first start, or with `--load-demo`; never overwrites.
//!
//! A year of activity, generated from profiles (core, steady, fading, occasional, rising,
//! peripheral) so that the communities show different health: the teachers' network a
//! textbook spread, the water engineers a thin core, the case clinic its brokers.
//!
//! Video interviews (issue 14): a dozen or so per community with posters served from
//! `www/posters/`, two cycles each (one ended, one current, dated from today or `--today`),
//! featured videos in both and the page views that chose among them.
//!
//! The community-rhythm calendar (issue 15): per community a weekly call, a monthly webinar
//! (second Tuesday), a quarterly case clinic, a yearly face-to-face meeting (all day) and one-off
//! events, in Vienna's, New York's, Kolkata's and Sydney's time, with one occurrence cancelled
//! and one moved, dated from today or `--today`.
//!
//! Stories come with the widget issues that add their tables.

use cop_core::contract::{
    CalendarEvent, Community, Member, OccurrenceOverride, Speaker, Video, VideoCycle,
    VideoProvider, VideoSource,
};
use cop_core::day::Day;
use cop_core::participation::{Activity, ActivityKind};
use cop_core::recurrence::{Occurrence, Series, Window};
use cop_core::zone::{Instant, LocalDateTime, Tzdb, Zones};

pub struct DemoData {
    pub communities: Vec<Community>,
    /// (community id, member, roles in that community)
    pub memberships: Vec<(String, Member, Vec<&'static str>)>,
    /// (community id, member id, activity)
    pub activity: Vec<(String, String, Activity)>,
    /// Video interviews, with the contact address of their speaker.
    pub videos: Vec<(Video, Option<String>)>,
    pub cycles: Vec<VideoCycle>,
    /// (cycle id, video id), in featured order per cycle.
    pub featured: Vec<(String, String)>,
    /// (cycle id, video id, page view, kind): what the demo's page views showed and chose.
    pub video_events: Vec<(String, String, String, &'static str)>,
    /// Calendar events with their cancelled and moved occurrences.
    pub calendar: Vec<CalendarEvent>,
}

/// How a demo member takes part.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Profile {
    Core,
    Steady,
    Fading,
    Occasional,
    Rising,
    Peripheral,
}

/// SplitMix64: deterministic demo data without a random-number crate.
struct Random(u64);

impl Random {
    fn new(seed: &str) -> Random {
        Random(seed.bytes().fold(0x9E37_79B9_7F4A_7C15, |h, b| {
            (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01B3)
        }))
    }

    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A day `from..to` days before `today` (from < to).
    fn day(&mut self, today: Day, from: u32, to: u32) -> Day {
        today.plus(-((from + (self.next() % u64::from(to - from)) as u32) as i32))
    }
}

/// `count` records of `kind` on random days `from..to` days ago, each day also a visit.
fn spread(
    random: &mut Random,
    today: Day,
    kind: ActivityKind,
    count: u32,
    from: u32,
    to: u32,
    out: &mut Vec<Activity>,
) {
    for _ in 0..count {
        let day = random.day(today, from, to);
        out.push(Activity {
            day,
            kind,
            count: 1,
        });
        out.push(Activity {
            day,
            kind: ActivityKind::Visit,
            count: 1,
        });
    }
}

fn activity_for(profile: Profile, seed: &str, today: Day) -> Vec<Activity> {
    use ActivityKind::{Contribution, Event, Read, Reply, Visit};
    let mut random = Random::new(seed);
    let mut out = Vec::new();
    let r = &mut random;
    match profile {
        Profile::Core => {
            spread(r, today, Visit, 45, 0, 95, &mut out);
            spread(r, today, Contribution, 8, 0, 95, &mut out);
            spread(r, today, Reply, 22, 0, 95, &mut out);
            spread(r, today, Event, 4, 0, 95, &mut out);
            spread(r, today, Reply, 20, 100, 365, &mut out);
            spread(r, today, Read, 60, 0, 365, &mut out);
        }
        Profile::Steady => {
            spread(r, today, Visit, 14, 0, 365, &mut out);
            spread(r, today, Contribution, 3, 0, 365, &mut out);
            spread(r, today, Reply, 6, 0, 56, &mut out);
            spread(r, today, Reply, 6, 56, 365, &mut out);
            spread(r, today, Event, 2, 0, 365, &mut out);
        }
        Profile::Fading => {
            spread(r, today, Visit, 14, 56, 365, &mut out);
            spread(r, today, Contribution, 3, 56, 365, &mut out);
            spread(r, today, Reply, 10, 28, 56, &mut out);
            spread(r, today, Reply, 1, 0, 28, &mut out);
        }
        Profile::Occasional => {
            spread(r, today, Visit, 4, 0, 365, &mut out);
            spread(r, today, Reply, 2, 60, 365, &mut out);
            spread(r, today, Read, 6, 0, 365, &mut out);
        }
        Profile::Rising => {
            spread(r, today, Visit, 2, 200, 365, &mut out);
            spread(r, today, Reply, 4, 0, 21, &mut out);
            spread(r, today, Contribution, 1, 0, 21, &mut out);
        }
        Profile::Peripheral => {
            if random.next().is_multiple_of(2) {
                let reads = (random.next() % 6) as u32;
                spread(&mut random, today, Read, reads, 0, 365, &mut out);
            }
        }
    }
    out
}

/// The profile of member `n` of a community of `size`, in shares per community.
fn profile(community: &str, n: usize, size: usize) -> Profile {
    let percent = n * 100 / size;
    let (core, steady, fading, occasional, rising) = match community {
        "water-engineers" => (2, 6, 8, 25, 27),
        "case-clinic" => (8, 20, 22, 70, 75),
        _ => (11, 24, 28, 46, 50),
    };
    match percent {
        p if p < core => Profile::Core,
        p if p < steady => Profile::Steady,
        p if p < fading => Profile::Fading,
        p if p < occasional => Profile::Occasional,
        p if p < rising => Profile::Rising,
        _ => Profile::Peripheral,
    }
}

const FIRST: &[&str] = &[
    "Amina",
    "Lucas",
    "Mei",
    "Rafael",
    "Ingrid",
    "Kwame",
    "Sofia",
    "Arjun",
    "Chloé",
    "Tomás",
    "Yuki",
    "Fatima",
    "Jonas",
    "Priya",
    "Mateo",
    "Aylin",
    "Oluwaseun",
    "Elena",
    "Hiroshi",
    "Nadia",
];
const LAST: &[&str] = &[
    "Diallo", "Schmidt", "Chen", "Oliveira", "Larsen", "Mensah", "García", "Iyer", "Dubois",
    "Silva", "Tanaka", "Haddad", "Becker", "Nair", "Romero", "Yilmaz",
];

fn name(n: usize) -> String {
    // Two coprime strides, so names do not repeat in a visible pattern.
    format!(
        "{} {}",
        FIRST[(n * 7) % FIRST.len()],
        LAST[(n * 3 + n / FIRST.len()) % LAST.len()]
    )
}

fn member(prefix: &str, n: usize) -> Member {
    Member {
        id: format!("{prefix}-{n}"),
        display_name: name(n + prefix.len() * 5),
        roles: Vec::new(),
    }
}

/// Roles in a community of `size`: one coordinator, leaders and experts in the core group
/// (about a tenth), the last tenth newcomers, a sponsor and the support team among the rest.
fn roles(n: usize, size: usize) -> Vec<&'static str> {
    let core = (size / 10).max(3);
    match n {
        1 => vec!["coordinator"],
        2..=4 => vec!["leader"],
        _ if n <= core => vec!["expert"],
        _ if n == size / 2 => vec!["sponsor"],
        _ if n == size / 2 + 1 => vec!["support"],
        _ if n > size - size / 10 => vec!["newcomer"],
        _ => Vec::new(),
    }
}

#[cfg(test)]
pub fn data(today: Day) -> DemoData {
    scaled(today, 1)
}

/// The demo data with the largest community (the water engineers) `scale` times its size,
/// each added member with a year of activity from the same profiles: `--demo-scale`, for
/// measuring how reads grow with a community.
pub fn scaled(today: Day, scale: usize) -> DemoData {
    let engineers = 1340 * scale.max(1);
    let communities = vec![
        Community {
            id: "teachers".into(),
            name: "Teachers' network".into(),
            description: Some(
                "Teachers, parents, universities and unions improving classroom practice together."
                    .into(),
            ),
            member_count: None,
        },
        Community {
            id: "water-engineers".into(),
            name: "Water engineers".into(),
            description: Some("Engineers across 14 countries sharing field practice.".into()),
            member_count: None,
        },
        Community {
            id: "case-clinic".into(),
            name: "Case clinic".into(),
            description: Some("A quarterly clinic where members bring a hard case.".into()),
            member_count: None,
        },
    ];
    let mut memberships = Vec::new();
    for n in 1..=220 {
        memberships.push(("teachers".to_owned(), member("m", n), roles(n, 220)));
    }
    for n in 1..=engineers {
        memberships.push((
            "water-engineers".to_owned(),
            member("w", n),
            roles(n, engineers),
        ));
    }
    // The case clinic draws 30 teachers (brokers between two communities) and 18 others.
    for n in 1..=48 {
        let person = if n <= 30 {
            member("m", n + 100)
        } else {
            member("c", n)
        };
        memberships.push(("case-clinic".to_owned(), person, roles(n, 48)));
    }
    let mut activity = Vec::new();
    for community in &communities {
        let members: Vec<&Member> = memberships
            .iter()
            .filter(|(c, _, _)| *c == community.id)
            .map(|(_, m, _)| m)
            .collect();
        for (index, member) in members.iter().enumerate() {
            let profile = profile(&community.id, index, members.len());
            for record in activity_for(profile, &format!("{}/{}", community.id, member.id), today) {
                activity.push((community.id.clone(), member.id.clone(), record));
            }
        }
    }
    let (videos, cycles, featured, video_events) = carousel(&memberships, today);
    let calendar = communities
        .iter()
        .enumerate()
        .flat_map(|(n, community)| rhythm(&community.id, n, today))
        .collect();
    let mut communities = communities;
    network(today, &mut communities, &mut memberships, &mut activity);
    DemoData {
        calendar,
        communities,
        memberships,
        activity,
        videos,
        cycles,
        featured,
        video_events,
    }
}

/// How a member of the network's communities took part in each of the last four quarters,
/// oldest first: 0 not at all (a read now and then), 1 lightly (a reply and a few visits), 2
/// regularly (a contribution, replies, an event), 3 as the core does.
type Quarters = [u8; 4];

const CORE: Quarters = [3, 3, 3, 3];
const NEWLY_CORE: Quarters = [1, 2, 3, 3];
const STEADY: Quarters = [2, 2, 2, 2];
const RISING: Quarters = [1, 1, 2, 2];
/// Core, then active, then gone this quarter.
const FADING: Quarters = [3, 3, 2, 0];
const DRIFTING: Quarters = [2, 2, 1, 0];
const LIGHT: Quarters = [1, 1, 1, 1];
const NEWCOMER: Quarters = [0, 0, 0, 1];
const LURKER: Quarters = [0, 0, 0, 0];

/// The kinds of community in the network, as a lead of fifty sees them: half active (a
/// quarter thriving), some on a thin core or shrinking, a few dormant, a few closed teams,
/// one just launched with nobody in it yet.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Kind {
    Thriving,
    Alive,
    ThinCore,
    Shrinking,
    Dormant,
    Closed,
    Empty,
}

impl Kind {
    /// Arcs by cumulative share of the members (per cent), the rest lurkers.
    fn arcs(self) -> &'static [(usize, Quarters)] {
        match self {
            Kind::Thriving => &[
                (9, CORE),
                (13, NEWLY_CORE),
                (25, STEADY),
                (31, RISING),
                (33, DRIFTING),
                (55, LIGHT),
                (60, NEWCOMER),
            ],
            Kind::Alive => &[
                (7, CORE),
                (15, STEADY),
                (17, RISING),
                (19, FADING),
                (44, LIGHT),
                (48, NEWCOMER),
            ],
            Kind::ThinCore => &[(2, CORE), (8, STEADY), (30, LIGHT), (33, NEWCOMER)],
            Kind::Shrinking => &[
                (8, CORE),
                (15, FADING),
                (23, DRIFTING),
                (28, STEADY),
                (48, LIGHT),
            ],
            Kind::Dormant => &[(30, LIGHT), (40, NEWCOMER)],
            Kind::Closed => &[(35, CORE), (60, STEADY), (80, LIGHT)],
            Kind::Empty => &[],
        }
    }

    fn arc(self, n: usize, size: usize) -> Quarters {
        let percent = n * 100 / size.max(1);
        self.arcs()
            .iter()
            .find(|(below, _)| percent < *below)
            .map_or(LURKER, |(_, arc)| *arc)
    }
}

/// The network's fifty communities: (id, name, kind, members).
const NETWORK: [(&str, &str, Kind, usize); 50] = [
    ("agile-coaching", "Agile coaching", Kind::Thriving, 70),
    ("asset-management", "Asset management", Kind::Alive, 48),
    ("bridge-inspection", "Bridge inspection", Kind::ThinCore, 90),
    ("change-makers", "Change makers", Kind::Shrinking, 60),
    ("circular-economy", "Circular economy", Kind::Thriving, 44),
    (
        "climate-adaptation",
        "Climate adaptation",
        Kind::Thriving,
        105,
    ),
    (
        "community-health",
        "Community health workers",
        Kind::Alive,
        75,
    ),
    ("contract-managers", "Contract managers", Kind::Dormant, 30),
    ("customer-insight", "Customer insight", Kind::Alive, 32),
    ("data-stewards", "Data stewards", Kind::Thriving, 60),
    ("design-systems", "Design systems", Kind::Closed, 12),
    ("digital-learning", "Digital learning", Kind::Thriving, 130),
    ("early-years", "Early-years educators", Kind::Alive, 88),
    (
        "energy-transition",
        "Energy transition",
        Kind::ThinCore,
        120,
    ),
    ("evaluation", "Evaluation and learning", Kind::Thriving, 36),
    ("facilitators", "Facilitators' circle", Kind::Closed, 10),
    ("field-safety", "Field safety", Kind::Shrinking, 45),
    (
        "finance-partners",
        "Finance business partners",
        Kind::ThinCore,
        65,
    ),
    ("food-security", "Food security", Kind::Alive, 55),
    ("gender-equality", "Gender equality", Kind::Thriving, 48),
    ("grant-writers", "Grant writers", Kind::Dormant, 30),
    ("health-informatics", "Health informatics", Kind::Alive, 41),
    (
        "humanitarian-logistics",
        "Humanitarian logistics",
        Kind::Shrinking,
        75,
    ),
    (
        "inclusive-classrooms",
        "Inclusive classrooms",
        Kind::Thriving,
        95,
    ),
    ("innovation-scouts", "Innovation scouts", Kind::ThinCore, 35),
    ("knowledge-managers", "Knowledge managers", Kind::Alive, 30),
    (
        "launching-soon",
        "Launching soon: peer mentoring",
        Kind::Empty,
        0,
    ),
    ("legal-drafting", "Legal drafting", Kind::Closed, 14),
    ("maternal-health", "Maternal health", Kind::Thriving, 65),
    ("mentoring", "Mentoring programme", Kind::Shrinking, 33),
    ("monitoring-data", "Monitoring data", Kind::ThinCore, 55),
    ("nurse-educators", "Nurse educators", Kind::Alive, 70),
    ("open-science", "Open science", Kind::Thriving, 40),
    ("parents-network", "Parents' network", Kind::ThinCore, 150),
    ("policy-analysts", "Policy analysts", Kind::Alive, 38),
    ("procurement", "Procurement", Kind::Dormant, 30),
    ("project-managers", "Project managers", Kind::Shrinking, 100),
    ("public-speaking", "Public speaking", Kind::Alive, 30),
    ("quality-assurance", "Quality assurance", Kind::ThinCore, 48),
    ("remote-sensing", "Remote sensing", Kind::Thriving, 30),
    ("research-software", "Research software", Kind::Alive, 45),
    ("risk-managers", "Risk managers", Kind::Shrinking, 42),
    ("school-leaders", "School leaders", Kind::Thriving, 80),
    ("social-protection", "Social protection", Kind::ThinCore, 62),
    ("supply-chain", "Supply chain", Kind::Shrinking, 58),
    (
        "sustainability-reporting",
        "Sustainability reporting",
        Kind::Alive,
        35,
    ),
    ("translation", "Translators", Kind::Dormant, 30),
    ("urban-planning", "Urban planning", Kind::Thriving, 52),
    ("ux-research", "UX research", Kind::ThinCore, 42),
    ("youth-workers", "Youth workers", Kind::Shrinking, 50),
];

/// A year of activity along `arc`, quarter by quarter (the newest is the 91 days up to today).
fn arc_activity(arc: Quarters, seed: &str, today: Day) -> Vec<Activity> {
    use ActivityKind::{Contribution, Event, Read, Reply, Visit};
    let mut random = Random::new(seed);
    let r = &mut random;
    let mut out = Vec::new();
    for (age, intensity) in arc.iter().rev().enumerate() {
        let (from, to) = (91 * age as u32, 91 * age as u32 + 91);
        let mut add = |kind, count| spread(r, today, kind, count, from, to, &mut out);
        match intensity {
            3 => {
                add(Contribution, 7);
                add(Reply, 13);
                add(Event, 3);
                add(Visit, 12);
            }
            2 => {
                add(Contribution, 1);
                add(Reply, 3);
                add(Event, 1);
                add(Visit, 4);
            }
            1 => {
                add(Reply, 1);
                add(Visit, 2);
                add(Read, 2);
            }
            _ => add(Read, u32::from(seed.len().is_multiple_of(2))),
        }
    }
    out
}

/// The fifty communities of a network (issue 17's lead) with their members and a year of
/// activity each, added to the demo: ids `n<k>-<n>` for member `n` of the `k`th.
fn network(
    today: Day,
    communities: &mut Vec<Community>,
    memberships: &mut Vec<(String, Member, Vec<&'static str>)>,
    activity: &mut Vec<(String, String, Activity)>,
) {
    for (k, (id, name, kind, size)) in NETWORK.into_iter().enumerate() {
        communities.push(Community {
            id: id.to_owned(),
            name: name.to_owned(),
            description: None,
            member_count: None,
        });
        for n in 1..=size {
            let member = Member {
                id: format!("n{k}-{n}"),
                display_name: self::name(n * 5 + k * 37),
                roles: Vec::new(),
            };
            for record in arc_activity(kind.arc(n - 1, size), &format!("{id}/{n}"), today) {
                activity.push((id.to_owned(), member.id.clone(), record));
            }
            memberships.push((id.to_owned(), member, roles(n, size)));
        }
    }
}

/// `YYYYMMDDTHHMMSS` of `day` at `hour:minute`.
fn wall_clock(day: Day, hour: u32, minute: u32) -> String {
    let (y, m, d) = day.ymd();
    format!("{y:04}{m:02}{d:02}T{hour:02}{minute:02}00")
}

/// The first day on or before `day` that is `weekday` (Monday 0).
fn weekday_on_or_before(day: Day, weekday: i64) -> Day {
    let today = (i64::from(day.0) + 3).rem_euclid(7);
    day.plus(-((today - weekday).rem_euclid(7) as i32))
}

/// The first occurrence of `timing` at or after `from`.
fn first_from(timing: &str, from: Instant) -> Option<Instant> {
    let series = Series::parse(timing).ok()?;
    let window = Window::new(from, Instant(from.0 + 400 * 86_400), 1);
    match series.expand(&window, &Tzdb).ok()?.occurrences.first()? {
        Occurrence::At(at) => Some(*at),
        Occurrence::Date(_) => None,
    }
}

/// A community's rhythm: a weekly call (Vienna), a monthly webinar on the second Tuesday (New
/// York), a quarterly case clinic (Kolkata), a yearly two-day face-to-face meeting (all day,
/// in Vienna), a one-off workshop (Sydney) and a one-off open house (New York); the weekly
/// call's occurrence two weeks on is cancelled, the webinar's next one moved a day later.
fn rhythm(community: &str, n: usize, today: Day) -> Vec<CalendarEvent> {
    let minute = [0, 30, 15][n % 3];
    let midnight = Tzdb
        .to_utc("UTC", LocalDateTime::midnight(today))
        .unwrap_or(Instant(0));
    let event = |id: &str,
                 title: &str,
                 kind: &str,
                 place: &str,
                 minutes: u32,
                 zone: &str,
                 timing: String| {
        CalendarEvent {
            id: format!("{community}-{id}"),
            community: community.to_owned(),
            title: title.to_owned(),
            kind: kind.to_owned(),
            r#where: Some(place.to_owned()).filter(|p| !p.is_empty()),
            duration_minutes: minutes,
            timing,
            zone: zone.to_owned(),
            overrides: Vec::new(),
            sequence: 0,
        }
    };
    let vienna = "Europe/Vienna";
    let new_york = "America/New_York";
    let mut weekly = event(
        "weekly-call",
        "Weekly call",
        "call",
        &format!("https://meet.example.org/{community}-weekly"),
        60,
        vienna,
        format!(
            "DTSTART;TZID={vienna}:{}\nRRULE:FREQ=WEEKLY;BYDAY=TU",
            wall_clock(weekday_on_or_before(today.plus(-120), 1), 9, minute)
        ),
    );
    if let Some(at) = first_from(&weekly.timing, Instant(midnight.0 + 14 * 86_400)) {
        weekly.overrides.push(OccurrenceOverride {
            recurrence_id: at.to_string(),
            cancelled: true,
            start: None,
        });
    }
    let mut webinar = event(
        "monthly-webinar",
        "Monthly webinar: practice in focus",
        "webinar",
        &format!("https://webinar.example.org/{community}"),
        90,
        new_york,
        // DTSTART is always an occurrence (RFC 5545): it is a second Tuesday, a year ago.
        format!(
            "DTSTART;TZID={new_york}:{}\nRRULE:FREQ=MONTHLY;BYDAY=2TU",
            wall_clock(second_tuesday(today.ymd().0 - 1, today.ymd().1), 11, minute)
        ),
    );
    if let Some(at) = first_from(&webinar.timing, midnight) {
        webinar.overrides.push(OccurrenceOverride {
            recurrence_id: at.to_string(),
            cancelled: false,
            start: Some(Instant(at.0 + 86_400).to_string()),
        });
    }
    let clinic = event(
        "case-clinic",
        "Quarterly case clinic",
        "case-clinic",
        "https://meet.example.org/clinic",
        120,
        "Asia/Kolkata",
        format!(
            "DTSTART;TZID=Asia/Kolkata:{}\nRRULE:FREQ=MONTHLY;INTERVAL=3",
            wall_clock(today.plus(-75 + n as i32), 16, 30)
        ),
    );
    // All day, two days: the same dates for every member, wherever they are.
    let meeting = event(
        "face-to-face",
        "Yearly face-to-face meeting",
        "face-to-face",
        "Vienna, Haus der Begegnung",
        2 * 24 * 60,
        "UTC",
        format!(
            "DTSTART;VALUE=DATE:{}\nRRULE:FREQ=YEARLY",
            &wall_clock(today.plus(45 + 7 * n as i32), 0, 0)[..8]
        ),
    );
    let workshop = event(
        "workshop",
        "Workshop: writing up a case",
        "workshop",
        "https://meet.example.org/workshop",
        120,
        "Australia/Sydney",
        format!(
            "DTSTART;TZID=Australia/Sydney:{}",
            wall_clock(today.plus(10 + n as i32), 18, 0)
        ),
    );
    let open_house = event(
        "open-house",
        "Open house for newcomers",
        "other",
        "",
        45,
        new_york,
        format!(
            "DTSTART;TZID={new_york}:{}",
            wall_clock(today.plus(24 + n as i32), 12, 0)
        ),
    );
    vec![weekly, webinar, clinic, meeting, workshop, open_house]
}

/// The second Tuesday of a month.
fn second_tuesday(year: i32, month: u32) -> Day {
    let first = Day::from_ymd(year, month, 1).unwrap_or(Day(0));
    let weekday = (i64::from(first.0) + 3).rem_euclid(7);
    first.plus(((1 - weekday).rem_euclid(7) + 7) as i32)
}

const TOPICS: &[(&str, &str)] = &[
    (
        "Lesson study, week by week",
        "How one school made peer observation a habit.",
    ),
    (
        "When the pilot failed",
        "What we kept from a project that did not work.",
    ),
    (
        "Asking better questions",
        "A small change that doubled replies in the forum.",
    ),
    (
        "Mentoring a newcomer",
        "The first three months, from both sides.",
    ),
    (
        "From a field note to a guideline",
        "How a member's case became everyone's practice.",
    ),
    ("Measuring what matters", "Counting less, learning more."),
    (
        "Working across borders",
        "Sharing practice in four languages.",
    ),
    ("The monthly clinic", "Bringing a hard case to peers."),
    (
        "A tool we built together",
        "From a spreadsheet to a shared checklist.",
    ),
    ("Listening to the periphery", "What quiet members told us."),
    (
        "Leading without a title",
        "How a leader emerged from the core group.",
    ),
    ("Making time for practice", "Protecting an hour a week."),
    (
        "Sponsors who listen",
        "Reporting value in stories, not numbers.",
    ),
    (
        "Opening the door",
        "Inviting the community's neighbours in.",
    ),
];

const ROLES: &[&str] = &[
    "Science teacher",
    "Field engineer",
    "Coordinator of the regional hub",
    "Head of department",
    "Researcher",
    "Project lead",
    "Facilitator",
];

type Carousel = (
    Vec<(Video, Option<String>)>,
    Vec<VideoCycle>,
    Vec<(String, String)>,
    Vec<(String, String, String, &'static str)>,
);

/// Videos, two cycles (one ended, one current) and their featured videos per community, and
/// the page views that showed and chose them.
fn carousel(memberships: &[(String, Member, Vec<&'static str>)], today: Day) -> Carousel {
    let (mut videos, mut cycles, mut featured, mut events) =
        (Vec::new(), Vec::new(), Vec::new(), Vec::new());
    for (community, count) in [
        ("teachers", 14),
        ("water-engineers", 14),
        ("case-clinic", 8),
    ] {
        let members: Vec<&Member> = memberships
            .iter()
            .filter(|(c, _, _)| c == community)
            .map(|(_, m, _)| m)
            .collect();
        let mut random = Random::new(&format!("videos/{community}"));
        let mut ids = Vec::new();
        for n in 0..count {
            let id = format!("{community}-v{:02}", n + 1);
            let speaker = members[(2 + n * 3) % members.len()];
            let (title, why) = TOPICS[n % TOPICS.len()];
            let (provider, provider_id, sources) = match n % 5 {
                0 | 2 | 3 => {
                    const ALPHABET: &[u8] =
                        b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
                    let youtube: String = (0..11)
                        .map(|_| char::from(ALPHABET[(random.next() % 64) as usize]))
                        .collect();
                    (VideoProvider::Youtube, Some(youtube), Vec::new())
                }
                1 => (
                    VideoProvider::Vimeo,
                    Some((70_000_000 + random.next() % 900_000_000).to_string()),
                    Vec::new(),
                ),
                _ => (
                    VideoProvider::File,
                    None,
                    vec![
                        VideoSource {
                            src: format!("/media/{id}.mp4"),
                            mime_type: "video/mp4".into(),
                        },
                        VideoSource {
                            src: format!("/media/{id}.webm"),
                            mime_type: "video/webm".into(),
                        },
                    ],
                ),
            };
            let email = format!("{}@example.org", speaker.id);
            videos.push((
                Video {
                    id: id.clone(),
                    community: community.to_owned(),
                    title: title.to_owned(),
                    speaker: Speaker {
                        name: speaker.display_name.clone(),
                        role: ROLES[n % ROLES.len()].to_owned(),
                    },
                    why: why.to_owned(),
                    duration_seconds: 90 + (random.next() % 420) as u32,
                    provider,
                    provider_id,
                    sources,
                    poster: Some(format!("/posters/{id}.svg")),
                    captions: None,
                    transcript: Some(format!(
                        "{}: {why} This is the demo's transcript of “{title}”.",
                        speaker.display_name
                    )),
                    member: Some(speaker.id.clone()),
                },
                Some(email),
            ));
            ids.push(id);
        }
        let half = (count / 2).min(5);
        for (name, starts, ends, shown) in [
            (
                "Previous cycle",
                today.plus(-56),
                today.plus(-29),
                &ids[..half],
            ),
            (
                "Current cycle",
                today.plus(-28),
                today.plus(27),
                &ids[half..half * 2],
            ),
        ] {
            let cycle = format!("{community}-cycle-{starts}");
            cycles.push(VideoCycle {
                id: cycle.clone(),
                community: community.to_owned(),
                name: format!("{name} ({starts} to {ends})"),
                starts: starts.to_string(),
                ends: ends.to_string(),
            });
            for video in shown {
                featured.push((cycle.clone(), video.clone()));
            }
            // Page views of the carousel: each showed every featured video, and some chose one,
            // the first featured more often than the last.
            let views = if name == "Previous cycle" { 120 } else { 40 };
            for view in 0..views {
                let page_view = format!("demo-{cycle}-{view:04}");
                for (rank, video) in shown.iter().enumerate() {
                    events.push((
                        cycle.clone(),
                        video.clone(),
                        page_view.clone(),
                        "impression",
                    ));
                    if random.next() % 100 < 40 - 6 * rank as u64 {
                        events.push((cycle.clone(), video.clone(), page_view.clone(), "selection"));
                    }
                }
            }
        }
    }
    (videos, cycles, featured, events)
}

#[cfg(test)]
mod tests {
    use super::*;

    use cop_core::participation::{assess, Distribution, Health, Level, Person, Thresholds};

    fn today() -> Day {
        Day::parse("2026-11-23").unwrap()
    }

    fn distribution(demo: &DemoData, community: &str) -> Distribution {
        let members: Vec<&Member> = demo
            .memberships
            .iter()
            .filter(|(c, _, _)| c == community)
            .map(|(_, m, _)| m)
            .collect();
        Distribution::from_levels(members.iter().map(|member| {
            let activity: Vec<Activity> = demo
                .activity
                .iter()
                .filter(|(c, m, _)| c == community && *m == member.id)
                .map(|(_, _, a)| *a)
                .collect();
            assess(
                &activity,
                today(),
                &Thresholds::default(),
                Person {
                    is_member: true,
                    active_elsewhere: false,
                },
            )
            .level
        }))
    }

    #[test]
    fn the_teachers_spread_over_the_levels_as_the_literature_says() {
        let spread = distribution(&data(today()), "teachers");
        let (core, active) = (spread.percent(Level::Core), spread.percent(Level::Active));
        assert!((10..=15).contains(&core), "core {core} %");
        assert!((15..=20).contains(&active), "active {active} %");
        assert!(
            spread.percent(Level::Peripheral) >= 40,
            "most members watch and learn"
        );
        assert_eq!(spread.health(), Health::Alive);
    }

    #[test]
    fn the_water_engineers_rest_on_a_thin_core() {
        assert_eq!(
            distribution(&data(today()), "water-engineers").health(),
            Health::ThinCore
        );
    }

    #[test]
    fn the_demo_activity_is_the_same_every_time() {
        assert_eq!(data(today()).activity, data(today()).activity);
        assert!(data(today())
            .activity
            .iter()
            .all(|(_, _, a)| a.day <= today()));
    }

    #[test]
    fn communities_have_the_sizes_the_demo_pages_show() {
        let demo = data(today());
        let size = |id: &str| demo.memberships.iter().filter(|(c, _, _)| c == id).count();
        assert_eq!(
            (
                size("teachers"),
                size("water-engineers"),
                size("case-clinic")
            ),
            (220, 1340, 48)
        );
    }

    #[test]
    fn each_community_has_one_coordinator_and_a_small_core() {
        let demo = data(today());
        let size = |id: &str| demo.memberships.iter().filter(|(c, _, _)| c == id).count();
        // A team of a dozen has a core group of three; the community just launched, nobody.
        for community in demo.communities.iter().filter(|c| size(&c.id) >= 30) {
            let roles: Vec<&Vec<&str>> = demo
                .memberships
                .iter()
                .filter(|(c, _, _)| *c == community.id)
                .map(|(_, _, r)| r)
                .collect();
            assert_eq!(
                roles.iter().filter(|r| r.contains(&"coordinator")).count(),
                1,
                "{}",
                community.id
            );
            let core = roles
                .iter()
                .filter(|r| {
                    r.iter()
                        .any(|x| ["coordinator", "leader", "expert"].contains(x))
                })
                .count();
            assert!(
                core * 100 / roles.len() <= 15,
                "{}: core group of {core}",
                community.id
            );
        }
    }

    #[test]
    fn a_scaled_demo_multiplies_the_largest_community_only() {
        let demo = scaled(today(), 10);
        let size = |id: &str| demo.memberships.iter().filter(|(c, _, _)| c == id).count();
        assert_eq!(
            (
                size("teachers"),
                size("water-engineers"),
                size("case-clinic")
            ),
            (220, 13_400, 48)
        );
        let engineers = demo
            .activity
            .iter()
            .filter(|(c, _, _)| c == "water-engineers")
            .count();
        let unscaled = data(today())
            .activity
            .iter()
            .filter(|(c, _, _)| c == "water-engineers")
            .count();
        assert!(engineers > 9 * unscaled, "a year each");
    }

    #[test]
    fn some_members_belong_to_two_communities() {
        let demo = data(today());
        let in_clinic: Vec<&str> = demo
            .memberships
            .iter()
            .filter(|(c, _, _)| c == "case-clinic")
            .map(|(_, m, _)| m.id.as_str())
            .collect();
        let brokers = demo
            .memberships
            .iter()
            .filter(|(c, m, _)| c == "teachers" && in_clinic.contains(&m.id.as_str()))
            .count();
        assert_eq!(brokers, 30);
    }

    #[test]
    fn the_network_is_half_active_a_quarter_thriving_and_a_few_dormant() {
        use cop_core::participation::{quarter_standing, Overview, QuarterTrend};
        let demo = data(today());
        let mut by_member: std::collections::HashMap<(&str, &str), Vec<Activity>> =
            std::collections::HashMap::new();
        for (c, m, a) in &demo.activity {
            by_member.entry((c, m)).or_default().push(*a);
        }
        let mut seen = Vec::new();
        for (id, _, kind, size) in NETWORK {
            let standings: Vec<_> = demo
                .memberships
                .iter()
                .filter(|(c, _, _)| c == id)
                .map(|(_, m, _)| {
                    let activity = by_member
                        .get(&(id, m.id.as_str()))
                        .cloned()
                        .unwrap_or_default();
                    quarter_standing(&activity, today(), &Thresholds::default())
                })
                .collect();
            assert_eq!(standings.len(), size);
            let overview = Overview {
                distribution: Distribution::from_levels(standings.iter().map(|s| s.level)),
                trend: QuarterTrend::from_standings(standings.iter().copied()),
            };
            let health = overview.distribution.health();
            let attention: Vec<&str> = overview.attention().iter().map(|a| a.name()).collect();
            let as_meant = match kind {
                Kind::Thriving => overview.is_showcase(),
                Kind::Alive => {
                    health == Health::Alive && attention.is_empty() && !overview.is_showcase()
                }
                Kind::ThinCore => attention == ["thin-core"],
                Kind::Shrinking => attention == ["shrinking"],
                Kind::Dormant => attention == ["dormant"],
                Kind::Closed => health == Health::Closed && attention.is_empty(),
                Kind::Empty => attention == ["no-members"],
            };
            assert!(
                as_meant,
                "{id} ({kind:?}): {:?} {:?} {attention:?}",
                overview.distribution, overview.trend
            );
            seen.push(kind);
        }
        let count = |kind| seen.iter().filter(|k| **k == kind).count();
        assert_eq!(seen.len(), 50);
        assert_eq!(
            count(Kind::Thriving) + count(Kind::Alive),
            25,
            "half active"
        );
        assert_eq!(count(Kind::Thriving), 13, "a quarter thriving");
        assert_eq!(count(Kind::Dormant), 4, "a few dormant");
    }
}
