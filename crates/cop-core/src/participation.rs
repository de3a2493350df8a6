//! Levels of participation and trajectories, computed from a member's activity.
//!
//! In the manner of Discourse's trust levels: the outer levels are **cumulative gates** (once
//! a member has taken part occasionally, they have), the core group is a **rolling window**
//! with **demotion** (the core is who carries the community *now*), and a **grace period**
//! keeps a level from flickering: a member who met the core gate on any of the last
//! `grace_days` days is still core. Every threshold is a community's to configure; the
//! defaults are in [`Thresholds::default`].
//!
//! Transactional participants are outsiders by relation, not by amount of activity: the
//! caller says whether the person is a member at all.

use crate::day::Day;

/// Levels of participation, from the centre out.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Level {
    Core,
    Active,
    Occasional,
    Peripheral,
    Transactional,
}

impl Level {
    pub const ALL: [Level; 5] = [
        Level::Core,
        Level::Active,
        Level::Occasional,
        Level::Peripheral,
        Level::Transactional,
    ];

    /// The name in the JSON contract.
    pub fn name(self) -> &'static str {
        [
            "core",
            "active",
            "occasional",
            "peripheral",
            "transactional",
        ][self as usize]
    }

    /// A level from its contract name; `None` for a name this version does not know (a foreign
    /// backend's), which the widget shows as it is rather than guess.
    pub fn from_name(name: &str) -> Option<Level> {
        Level::ALL.into_iter().find(|level| level.name() == name)
    }

    /// The next level towards the centre, if any.
    pub fn inward(self) -> Option<Level> {
        match self {
            Level::Active => Some(Level::Core),
            Level::Occasional => Some(Level::Active),
            Level::Peripheral => Some(Level::Occasional),
            Level::Core | Level::Transactional => None,
        }
    }
}

/// Which way a member is moving (Wenger 1998).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Trajectory {
    /// Taking part more and more: moving toward the core.
    Inbound,
    /// At the core or active, steadily.
    Insider,
    /// Staying at the edge, steadily.
    Peripheral,
    /// Taking part in more than one community: a broker between them.
    Boundary,
    /// Taking part less and less: moving out.
    Outbound,
}

impl Trajectory {
    pub fn name(self) -> &'static str {
        match self {
            Trajectory::Inbound => "inbound",
            Trajectory::Insider => "insider",
            Trajectory::Peripheral => "peripheral",
            Trajectory::Boundary => "boundary",
            Trajectory::Outbound => "outbound",
        }
    }
}

/// What a member did.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ActivityKind {
    /// Started something: a post, a document, a question.
    Contribution,
    Reply,
    /// Attended an event: a call, a webinar, a clinic.
    Event,
    Read,
    /// Came by without any of the above; counts only toward days active.
    Visit,
}

/// `count` activities of one kind on one day.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Activity {
    pub day: Day,
    pub kind: ActivityKind,
    pub count: u32,
}

/// Something a gate counts.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Measure {
    /// Contributions, replies and events attended together.
    Participations,
    Contributions,
    Replies,
    Events,
    Reads,
    DaysActive,
}

impl Measure {
    pub const ALL: [Measure; 6] = [
        Measure::Participations,
        Measure::Contributions,
        Measure::Replies,
        Measure::Events,
        Measure::Reads,
        Measure::DaysActive,
    ];

    pub fn from_name(name: &str) -> Option<Measure> {
        Measure::ALL
            .into_iter()
            .find(|measure| measure.name() == name)
    }

    pub fn name(self) -> &'static str {
        match self {
            Measure::Participations => "participations",
            Measure::Contributions => "contributions",
            Measure::Replies => "replies",
            Measure::Events => "events",
            Measure::Reads => "reads",
            Measure::DaysActive => "days_active",
        }
    }
}

/// Counts over a span of days.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Tally {
    pub contributions: u32,
    pub replies: u32,
    pub events: u32,
    pub reads: u32,
    pub days_active: u32,
}

impl Tally {
    pub fn get(&self, measure: Measure) -> u32 {
        match measure {
            Measure::Participations => self
                .contributions
                .saturating_add(self.replies)
                .saturating_add(self.events),
            Measure::Contributions => self.contributions,
            Measure::Replies => self.replies,
            Measure::Events => self.events,
            Measure::Reads => self.reads,
            Measure::DaysActive => self.days_active,
        }
    }

    /// Tallies the activity on days in `from..=to`. `activity` must be sorted by day.
    fn over(activity: &[Activity], from: Day, to: Day) -> Tally {
        let start = activity.partition_point(|a| a.day < from);
        let end = activity.partition_point(|a| a.day <= to);
        let mut tally = Tally::default();
        let mut last_day = None;
        for a in &activity[start..end] {
            if a.count == 0 {
                continue;
            }
            let field = match a.kind {
                ActivityKind::Contribution => &mut tally.contributions,
                ActivityKind::Reply => &mut tally.replies,
                ActivityKind::Event => &mut tally.events,
                ActivityKind::Read => &mut tally.reads,
                ActivityKind::Visit => &mut 0,
            };
            *field = field.saturating_add(a.count);
            if last_day != Some(a.day) {
                tally.days_active += 1;
                last_day = Some(a.day);
            }
        }
        tally
    }
}

/// Minimums, all of which must be met. A measure not listed is not required.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Gate(pub Vec<(Measure, u32)>);

impl Gate {
    pub fn is_met_by(&self, tally: &Tally) -> bool {
        self.0
            .iter()
            .all(|(measure, minimum)| tally.get(*measure) >= *minimum)
    }

    /// What is still missing, measure by measure: the next-step line of a badge.
    pub fn missing(&self, tally: &Tally) -> Vec<(Measure, u32)> {
        self.0
            .iter()
            .filter(|(measure, minimum)| tally.get(*measure) < *minimum)
            .map(|(measure, minimum)| (*measure, minimum - tally.get(*measure)))
            .collect()
    }
}

/// A community's thresholds.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Thresholds {
    /// Cumulative, over all time.
    pub occasional: Gate,
    /// Cumulative, over all time.
    pub active: Gate,
    /// Within the rolling window.
    pub core: Gate,
    /// The rolling window of the core gate, in days, ending today.
    pub window_days: u32,
    /// How long a member who stops meeting the core gate stays core.
    pub grace_days: u32,
    /// Trajectories compare the last `trend_days` with the `trend_days` before.
    pub trend_days: u32,
}

impl Default for Thresholds {
    /// - occasional: has taken part at least once (a contribution, a reply or an event) and
    ///   come by on 3 days;
    /// - active: 10 participations, 2 of them contributions, over 15 days;
    /// - core: within the last 100 days, 20 participations, 5 contributions, 30 days active;
    /// - grace: 14 days; trend: the last 28 days against the 28 before.
    fn default() -> Thresholds {
        Thresholds {
            occasional: Gate(vec![(Measure::Participations, 1), (Measure::DaysActive, 3)]),
            active: Gate(vec![
                (Measure::Participations, 10),
                (Measure::Contributions, 2),
                (Measure::DaysActive, 15),
            ]),
            core: Gate(vec![
                (Measure::Participations, 20),
                (Measure::Contributions, 5),
                (Measure::DaysActive, 30),
            ]),
            window_days: 100,
            grace_days: 14,
            trend_days: 28,
        }
    }
}

impl Thresholds {
    fn gate(&self, level: Level) -> Option<&Gate> {
        match level {
            Level::Core => Some(&self.core),
            Level::Active => Some(&self.active),
            Level::Occasional => Some(&self.occasional),
            Level::Peripheral | Level::Transactional => None,
        }
    }
}

/// What the next level inward still needs.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NextStep {
    pub level: Level,
    pub missing: Vec<(Measure, u32)>,
    /// Whether the counts are within the rolling window (core) or all time.
    pub within_window: bool,
}

/// Where a member stands, and which way they are moving.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Standing {
    pub level: Level,
    pub trajectory: Trajectory,
    /// For a core member who no longer meets the gate: the last day of their grace.
    pub core_until: Option<Day>,
    pub next_step: Option<NextStep>,
    /// The member's participations in each of the last 12 weeks, oldest first.
    pub weekly: [u32; 12],
}

/// The facts about a person that are not activity.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Person {
    /// Members of the community; outsiders who come for a service are transactional.
    pub is_member: bool,
    /// Whether they take part (occasional or more) in another community.
    pub active_elsewhere: bool,
}

/// Computes a standing as of `today`. Activity dated after `today` (a client clock ahead) is
/// ignored; activity need not be sorted.
pub fn assess(
    activity: &[Activity],
    today: Day,
    thresholds: &Thresholds,
    person: Person,
) -> Standing {
    let mut activity: Vec<Activity> = activity
        .iter()
        .copied()
        .filter(|a| a.day <= today)
        .collect();
    activity.sort_by_key(|a| a.day);
    let all_time = Tally::over(&activity, Day(i32::MIN), today);
    let window =
        |end: Day| Tally::over(&activity, end.plus(1 - thresholds.window_days as i32), end);

    // The latest day, within the grace period, on which the core gate was met.
    let last_core_day = (0..=thresholds.grace_days as i32)
        .map(|back| today.plus(-back))
        .find(|day| thresholds.core.is_met_by(&window(*day)));
    let level = if !person.is_member {
        Level::Transactional
    } else if last_core_day.is_some() {
        Level::Core
    } else if thresholds.active.is_met_by(&all_time) {
        Level::Active
    } else if thresholds.occasional.is_met_by(&all_time) {
        Level::Occasional
    } else {
        Level::Peripheral
    };
    let core_until = last_core_day
        .filter(|day| *day != today)
        .map(|day| day.plus(thresholds.grace_days as i32));

    let next_step = level.inward().and_then(|next| {
        let gate = thresholds.gate(next)?;
        let within_window = next == Level::Core;
        let tally = if within_window {
            window(today)
        } else {
            all_time
        };
        Some(NextStep {
            level: next,
            missing: gate.missing(&tally),
            within_window,
        })
    });

    let trend = thresholds.trend_days.max(1) as i32;
    let participations =
        |from: Day, to: Day| Tally::over(&activity, from, to).get(Measure::Participations);
    let recent = participations(today.plus(1 - trend), today);
    let before = participations(today.plus(1 - 2 * trend), today.plus(-trend));
    let trajectory = if person.active_elsewhere && level <= Level::Occasional {
        Trajectory::Boundary
    } else if before >= 4 && recent.saturating_mul(2) <= before {
        Trajectory::Outbound
    } else if level != Level::Core
        && recent >= 3
        && recent.saturating_mul(2) >= before.saturating_mul(3) + 2
    {
        Trajectory::Inbound
    } else if level <= Level::Active {
        Trajectory::Insider
    } else {
        Trajectory::Peripheral
    };

    let mut weekly = [0; 12];
    for (i, week) in weekly.iter_mut().enumerate() {
        let end = today.plus(-7 * (11 - i as i32));
        *week = participations(end.plus(-6), end);
    }
    Standing {
        level,
        trajectory,
        core_until,
        next_step,
        weekly,
    }
}

/// How a community's members spread over the levels: the coordinator's health check.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Distribution {
    /// Members per level, in the order of [`Level::ALL`].
    pub counts: [u32; 5],
}

/// Typical shares of members (per cent), from the literature: core 10–15, active 15–20.
pub const TYPICAL_CORE: (u32, u32) = (10, 15);
pub const TYPICAL_ACTIVE: (u32, u32) = (15, 20);

/// A level's typical share of members (per cent, low and high), where the literature gives
/// one: the core and the active group. The others have none ("the majority" is no range).
pub fn typical(level: Level) -> Option<(u32, u32)> {
    match level {
        Level::Core => Some(TYPICAL_CORE),
        Level::Active => Some(TYPICAL_ACTIVE),
        _ => None,
    }
}

/// Where a level's share stands against its typical range.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Against {
    Below,
    Within,
    Above,
}

/// A one-word verdict on a community's spread.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Health {
    NoMembers,
    /// No one at the core or active: nobody is carrying the community.
    Dormant,
    /// Under 5 % at the core: it rests on very few people.
    ThinCore,
    /// Core and active together above 50 %: a team more than a community; few newcomers.
    Closed,
    Alive,
}

impl Health {
    pub const ALL: [Health; 5] = [
        Health::NoMembers,
        Health::Dormant,
        Health::ThinCore,
        Health::Closed,
        Health::Alive,
    ];

    /// A verdict from its contract name; `None` for a backend's own word.
    pub fn from_name(name: &str) -> Option<Health> {
        Health::ALL.into_iter().find(|health| health.name() == name)
    }

    pub fn name(self) -> &'static str {
        match self {
            Health::NoMembers => "no-members",
            Health::Dormant => "dormant",
            Health::ThinCore => "thin-core",
            Health::Closed => "closed",
            Health::Alive => "alive",
        }
    }
}

impl Distribution {
    pub fn from_levels(levels: impl IntoIterator<Item = Level>) -> Distribution {
        let mut distribution = Distribution::default();
        for level in levels {
            distribution.counts[level as usize] += 1;
        }
        distribution
    }

    pub fn count(&self, level: Level) -> u32 {
        self.counts[level as usize]
    }

    /// Members, without transactional participants (outsiders are not part of the spread).
    pub fn members(&self) -> u32 {
        self.counts.iter().sum::<u32>() - self.count(Level::Transactional)
    }

    /// A level's share of the members, in whole per cent (rounded down).
    pub fn percent(&self, level: Level) -> u32 {
        match self.members() {
            0 => 0,
            members => ((u64::from(self.count(level)) * 100) / u64::from(members)) as u32,
        }
    }

    /// Where a level's share, as shown (whole per cent, rounded down), stands against its
    /// typical range; `None` for a level with no typical share or a community with no members.
    pub fn against_typical(&self, level: Level) -> Option<Against> {
        let (low, high) = typical(level)?;
        if self.members() == 0 {
            return None;
        }
        let share = self.percent(level);
        Some(if share < low {
            Against::Below
        } else if share > high {
            Against::Above
        } else {
            Against::Within
        })
    }

    pub fn health(&self) -> Health {
        let (core, active) = (self.count(Level::Core), self.count(Level::Active));
        if self.members() == 0 {
            Health::NoMembers
        } else if core + active == 0 {
            Health::Dormant
        } else if u64::from(core) * 100 < u64::from(self.members()) * 5 {
            Health::ThinCore
        } else if u64::from(core + active) * 100 > u64::from(self.members()) * 50 {
            Health::Closed
        } else {
            Health::Alive
        }
    }
}

/// The network view's quarter: 13 weeks.
pub const QUARTER_DAYS: i32 = 91;

/// A member as the network view counts them: their level today, and whether they were among
/// the active-or-core of this quarter and of the quarter before.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct QuarterStanding {
    pub level: Level,
    pub this_quarter: bool,
    pub last_quarter: bool,
}

/// Where a member of the community stood as of `today` and as of the last day of the quarter
/// before (`today` − [`QUARTER_DAYS`]). A member is among a quarter's active-or-core when,
/// as of the quarter's last day, they are at the core or active level ([`assess`], so the
/// community's thresholds apply) **and** took part (a contribution, reply or event) within
/// the quarter. The second condition is what makes the count able to fall: the active level
/// is a cumulative gate, so without it a quarter could never have fewer than the one before.
pub fn quarter_standing(
    activity: &[Activity],
    today: Day,
    thresholds: &Thresholds,
) -> QuarterStanding {
    let member = Person {
        is_member: true,
        active_elsewhere: false,
    };
    let mut sorted: Vec<Activity> = activity
        .iter()
        .copied()
        .filter(|a| a.day <= today)
        .collect();
    sorted.sort_by_key(|a| a.day);
    let took_part = |end: Day| {
        Tally::over(&sorted, end.plus(1 - QUARTER_DAYS), end).get(Measure::Participations) > 0
    };
    let active_or_core = |level: Level| level <= Level::Active;
    let level = assess(&sorted, today, thresholds, member).level;
    let before = today.plus(-QUARTER_DAYS);
    QuarterStanding {
        level,
        this_quarter: active_or_core(level) && took_part(today),
        last_quarter: took_part(before)
            && active_or_core(assess(&sorted, before, thresholds, member).level),
    }
}

/// Which way a community's active-or-core members went from one quarter to the next.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Direction {
    Up,
    Steady,
    Down,
}

impl Direction {
    /// A direction from its contract name (`up`, `steady`, `down`).
    pub fn from_name(name: &str) -> Option<Direction> {
        [Direction::Up, Direction::Steady, Direction::Down]
            .into_iter()
            .find(|direction| direction.name() == name)
    }

    pub fn name(self) -> &'static str {
        match self {
            Direction::Up => "up",
            Direction::Steady => "steady",
            Direction::Down => "down",
        }
    }
}

/// A community's active-or-core members this quarter against the quarter before (see
/// [`quarter_standing`]).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct QuarterTrend {
    pub this_quarter: u32,
    pub last_quarter: u32,
}

impl QuarterTrend {
    pub fn from_standings(standings: impl IntoIterator<Item = QuarterStanding>) -> QuarterTrend {
        let mut trend = QuarterTrend::default();
        for standing in standings {
            trend.this_quarter += u32::from(standing.this_quarter);
            trend.last_quarter += u32::from(standing.last_quarter);
        }
        trend
    }

    pub fn change(&self) -> i64 {
        i64::from(self.this_quarter) - i64::from(self.last_quarter)
    }

    /// Up or down when the change is at least 2 members and at least a tenth of the quarter
    /// before: one member more or less in a small community is not a trend.
    pub fn direction(&self) -> Direction {
        let threshold = 2.max((i64::from(self.last_quarter) + 9) / 10);
        match self.change() {
            change if change >= threshold => Direction::Up,
            change if change <= -threshold => Direction::Down,
            _ => Direction::Steady,
        }
    }
}

/// Why a community needs its lead's attention, most pressing first.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Attention {
    /// No one at the core or active: a ghost town.
    Dormant,
    /// Fewer active-or-core members than the quarter before ([`Direction::Down`]).
    Shrinking,
    /// Under 5 % at the core ([`Health::ThinCore`]).
    ThinCore,
    /// Nobody has joined yet.
    NoMembers,
}

impl Attention {
    pub const ALL: [Attention; 4] = [
        Attention::Dormant,
        Attention::Shrinking,
        Attention::ThinCore,
        Attention::NoMembers,
    ];

    /// A reason from its contract name; `None` for a backend's own word.
    pub fn from_name(name: &str) -> Option<Attention> {
        Attention::ALL
            .into_iter()
            .find(|reason| reason.name() == name)
    }

    pub fn name(self) -> &'static str {
        match self {
            Attention::Dormant => "dormant",
            Attention::Shrinking => "shrinking",
            Attention::ThinCore => "thin-core",
            Attention::NoMembers => "no-members",
        }
    }
}

/// A community at a glance, for the lead of many: its spread, its quarter's trend, what needs
/// attention and whether it is a showcase.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Overview {
    pub distribution: Distribution,
    pub trend: QuarterTrend,
}

impl Overview {
    /// Why the community needs attention, most pressing first; empty when it does not.
    pub fn attention(&self) -> Vec<Attention> {
        let mut reasons = Vec::new();
        match self.distribution.health() {
            Health::NoMembers => reasons.push(Attention::NoMembers),
            Health::Dormant => reasons.push(Attention::Dormant),
            Health::ThinCore => reasons.push(Attention::ThinCore),
            Health::Closed | Health::Alive => {}
        }
        if self.trend.direction() == Direction::Down {
            reasons.push(Attention::Shrinking);
        }
        reasons.sort();
        reasons
    }

    /// Thriving, a showcase for the others: alive, a core at least the typical share (10 %),
    /// core and active together at least the typical shares' sum (25 %), and not shrinking.
    pub fn is_showcase(&self) -> bool {
        let d = &self.distribution;
        let members = u64::from(d.members());
        let (core, active) = (
            u64::from(d.count(Level::Core)),
            u64::from(d.count(Level::Active)),
        );
        d.health() == Health::Alive
            && core * 100 >= members * u64::from(TYPICAL_CORE.0)
            && (core + active) * 100 >= members * u64::from(TYPICAL_CORE.0 + TYPICAL_ACTIVE.0)
            && self.trend.direction() != Direction::Down
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const MEMBER: Person = Person {
        is_member: true,
        active_elsewhere: false,
    };

    fn today() -> Day {
        Day::parse("2026-11-23").unwrap()
    }

    fn on(days_ago: i32, kind: ActivityKind, count: u32) -> Activity {
        Activity {
            day: today().plus(-days_ago),
            kind,
            count,
        }
    }

    /// One `kind` activity on each of `days` consecutive days ending `days_ago` days ago.
    fn daily(days_ago: i32, days: i32, kind: ActivityKind) -> Vec<Activity> {
        (0..days).map(|i| on(days_ago + i, kind, 1)).collect()
    }

    fn level(activity: &[Activity]) -> Level {
        assess(activity, today(), &Thresholds::default(), MEMBER).level
    }

    /// Exactly the default core gate, on the days `first..first+30` ago: 30 days active,
    /// 5 contributions and 15 replies (20 participations).
    fn core_history(first: i32) -> Vec<Activity> {
        let mut activity = daily(first, 30, ActivityKind::Visit);
        activity.extend(daily(first, 5, ActivityKind::Contribution));
        activity.extend(daily(first + 5, 15, ActivityKind::Reply));
        activity
    }

    #[test]
    fn no_history_is_peripheral_with_a_next_step() {
        let standing = assess(&[], today(), &Thresholds::default(), MEMBER);
        assert_eq!(standing.level, Level::Peripheral);
        assert_eq!(standing.trajectory, Trajectory::Peripheral);
        assert_eq!(standing.weekly, [0; 12]);
        let next = standing.next_step.unwrap();
        assert_eq!(next.level, Level::Occasional);
        assert_eq!(
            next.missing,
            [(Measure::Participations, 1), (Measure::DaysActive, 3)]
        );
    }

    #[test]
    fn outsiders_are_transactional_whatever_they_do() {
        let standing = assess(
            &core_history(0),
            today(),
            &Thresholds::default(),
            Person {
                is_member: false,
                active_elsewhere: false,
            },
        );
        assert_eq!(standing.level, Level::Transactional);
        assert_eq!(standing.next_step, None);
    }

    #[test]
    fn the_occasional_gate_boundary() {
        let mut activity = daily(0, 2, ActivityKind::Visit);
        activity.push(on(0, ActivityKind::Reply, 1));
        assert_eq!(
            level(&activity),
            Level::Peripheral,
            "2 days active is one short"
        );
        activity.push(on(400, ActivityKind::Visit, 1));
        assert_eq!(
            level(&activity),
            Level::Occasional,
            "cumulative: a day long ago counts"
        );
        let reading_only: Vec<Activity> = daily(0, 10, ActivityKind::Read);
        assert_eq!(
            level(&reading_only),
            Level::Peripheral,
            "reading is not taking part"
        );
    }

    #[test]
    fn the_active_gate_boundary_and_its_next_step() {
        let mut activity = daily(300, 15, ActivityKind::Visit);
        activity.extend(daily(300, 2, ActivityKind::Contribution));
        activity.extend(daily(302, 7, ActivityKind::Reply));
        let standing = assess(&activity, today(), &Thresholds::default(), MEMBER);
        assert_eq!(standing.level, Level::Occasional, "9 participations");
        assert_eq!(
            standing.next_step.unwrap().missing,
            [(Measure::Participations, 1)]
        );
        activity.push(on(310, ActivityKind::Event, 1));
        assert_eq!(
            level(&activity),
            Level::Active,
            "10 participations, long ago: active is cumulative"
        );
    }

    #[test]
    fn the_core_gate_boundary() {
        let exactly = core_history(0);
        assert_eq!(level(&exactly), Level::Core);
        let mut one_reply_short = exactly.clone();
        let last_reply = one_reply_short
            .iter()
            .rposition(|a| a.kind == ActivityKind::Reply)
            .unwrap();
        one_reply_short.remove(last_reply);
        assert_eq!(level(&one_reply_short), Level::Active);
        let next = assess(&one_reply_short, today(), &Thresholds::default(), MEMBER)
            .next_step
            .unwrap();
        assert_eq!(
            (next.level, next.missing, next.within_window),
            (Level::Core, vec![(Measure::Participations, 1)], true)
        );
    }

    #[test]
    fn the_window_is_inclusive_of_today_and_exactly_window_days_long() {
        // Activity 70..99 days ago: the oldest day is the first day of the 100-day window.
        assert_eq!(level(&core_history(70)), Level::Core);
        // Shifted one day older, the oldest day falls out; but grace keeps the member core.
        let standing = assess(&core_history(71), today(), &Thresholds::default(), MEMBER);
        assert_eq!(standing.level, Level::Core);
        assert_eq!(
            standing.core_until,
            Some(today().plus(13)),
            "met the gate yesterday: 14 days of grace from then"
        );
    }

    #[test]
    fn demotion_after_the_grace_period() {
        // The gate was last met 14 days ago: still core, last day of grace today.
        let standing = assess(
            &core_history(70 + 14),
            today(),
            &Thresholds::default(),
            MEMBER,
        );
        assert_eq!(
            (standing.level, standing.core_until),
            (Level::Core, Some(today()))
        );
        // 15 days ago: demoted, to what the cumulative gates give.
        let standing = assess(
            &core_history(70 + 15),
            today(),
            &Thresholds::default(),
            MEMBER,
        );
        assert_eq!(standing.level, Level::Active);
        assert_eq!(standing.core_until, None);
    }

    #[test]
    fn grace_is_configurable_and_zero_means_immediate_demotion() {
        let thresholds = Thresholds {
            grace_days: 0,
            ..Thresholds::default()
        };
        assert_eq!(
            assess(&core_history(71), today(), &thresholds, MEMBER).level,
            Level::Active
        );
        assert_eq!(
            assess(&core_history(70), today(), &thresholds, MEMBER).level,
            Level::Core
        );
    }

    #[test]
    fn activity_after_today_is_ignored() {
        let future: Vec<Activity> = core_history(0)
            .into_iter()
            .map(|a| Activity {
                day: a.day.plus(200),
                ..a
            })
            .collect();
        assert_eq!(level(&future), Level::Peripheral);
    }

    #[test]
    fn order_duplicates_and_zero_counts_do_not_matter() {
        let mut shuffled = core_history(0);
        shuffled.reverse();
        shuffled.push(on(5, ActivityKind::Contribution, 0));
        assert_eq!(level(&shuffled), Level::Core);
        // Two records on one day are one day active.
        let tally = Tally::over(
            &[on(1, ActivityKind::Reply, 1), on(1, ActivityKind::Read, 4)],
            Day(i32::MIN),
            today(),
        );
        assert_eq!((tally.days_active, tally.replies, tally.reads), (1, 1, 4));
    }

    #[test]
    fn absurd_counts_saturate_instead_of_overflowing() {
        let activity = [
            on(0, ActivityKind::Reply, u32::MAX),
            on(0, ActivityKind::Contribution, u32::MAX),
            on(1, ActivityKind::Event, 5),
        ];
        let tally = Tally::over(&activity, Day(i32::MIN), today());
        assert_eq!(tally.get(Measure::Participations), u32::MAX);
    }

    #[test]
    fn clock_edges_leap_days_and_year_ends() {
        let new_year = Day::parse("2025-01-01").unwrap();
        let activity: Vec<Activity> = (0..30)
            .map(|i| Activity {
                day: new_year.plus(-i),
                kind: ActivityKind::Reply,
                count: 1,
            })
            .collect();
        let standing = assess(&activity, new_year, &Thresholds::default(), MEMBER);
        // 30 replies on 30 days, from 2024-12-03 to 2025-01-01: all counted across the year end,
        // but no contribution, so occasional, and the core still needs 5 contributions.
        assert_eq!(standing.level, Level::Occasional);
        let next = standing.next_step.unwrap();
        assert_eq!(
            (next.level, next.missing),
            (Level::Active, vec![(Measure::Contributions, 2)])
        );
        assert_eq!(standing.weekly.iter().sum::<u32>(), 30);
        let leap = Day::parse("2024-02-29").unwrap();
        let tally = Tally::over(
            &[Activity {
                day: leap,
                kind: ActivityKind::Reply,
                count: 1,
            }],
            leap,
            leap,
        );
        assert_eq!(tally.replies, 1);
        // Far past and far future days neither panic nor count wrongly.
        let extremes = [
            Activity {
                day: Day(i32::MIN),
                kind: ActivityKind::Reply,
                count: 1,
            },
            Activity {
                day: Day(i32::MAX),
                kind: ActivityKind::Reply,
                count: 1,
            },
        ];
        let standing = assess(&extremes, today(), &Thresholds::default(), MEMBER);
        assert_eq!(standing.level, Level::Peripheral);
    }

    #[test]
    fn trajectories() {
        let t = Thresholds::default();
        // Rising: nothing before, 4 replies in the last four weeks.
        let rising: Vec<Activity> = daily(0, 4, ActivityKind::Reply);
        assert_eq!(
            assess(&rising, today(), &t, MEMBER).trajectory,
            Trajectory::Inbound
        );
        // Falling: 8 replies five to eight weeks ago, 2 since.
        let mut falling = daily(30, 8, ActivityKind::Reply);
        falling.extend(daily(0, 2, ActivityKind::Reply));
        assert_eq!(
            assess(&falling, today(), &t, MEMBER).trajectory,
            Trajectory::Outbound
        );
        // Steady at the core.
        let steady = core_history(0);
        assert_eq!(
            assess(&steady, today(), &t, MEMBER).trajectory,
            Trajectory::Insider
        );
        // Occasional here, active elsewhere: a broker.
        let mut occasional = daily(200, 3, ActivityKind::Visit);
        occasional.push(on(200, ActivityKind::Reply, 1));
        let broker = Person {
            is_member: true,
            active_elsewhere: true,
        };
        assert_eq!(
            assess(&occasional, today(), &t, broker).trajectory,
            Trajectory::Boundary
        );
        assert_eq!(
            assess(&occasional, today(), &t, MEMBER).trajectory,
            Trajectory::Peripheral
        );
    }

    #[test]
    fn weekly_activity_covers_the_last_twelve_weeks_oldest_first() {
        let activity = [
            on(0, ActivityKind::Reply, 2),
            on(6, ActivityKind::Event, 1),
            on(7, ActivityKind::Contribution, 3),
            on(83, ActivityKind::Reply, 5),
            on(84, ActivityKind::Reply, 9),
        ];
        let weekly = assess(&activity, today(), &Thresholds::default(), MEMBER).weekly;
        assert_eq!(weekly[11], 3, "this week: days 0–6 ago");
        assert_eq!(weekly[10], 3, "last week: days 7–13 ago");
        assert_eq!(
            weekly[0], 5,
            "twelve weeks back: days 77–83 ago; day 84 is outside"
        );
        assert_eq!(weekly.iter().sum::<u32>(), 11);
    }

    #[test]
    fn level_names_round_trip_and_unknown_names_are_none() {
        for level in Level::ALL {
            assert_eq!(Level::from_name(level.name()), Some(level));
        }
        assert_eq!(Level::from_name("legend"), None);
        assert_eq!(Level::from_name("Core"), None, "names are exact");
    }

    #[test]
    fn distribution_shares_and_health() {
        let spread = |core, active, occasional, peripheral| {
            Distribution::from_levels(
                [
                    (Level::Core, core),
                    (Level::Active, active),
                    (Level::Occasional, occasional),
                    (Level::Peripheral, peripheral),
                ]
                .into_iter()
                .flat_map(|(level, n)| std::iter::repeat_n(level, n)),
            )
        };
        let healthy = spread(12, 18, 30, 40);
        assert_eq!(
            (healthy.percent(Level::Core), healthy.percent(Level::Active)),
            (12, 18)
        );
        assert_eq!(healthy.health(), Health::Alive);
        assert_eq!(spread(0, 0, 10, 90).health(), Health::Dormant);
        assert_eq!(
            spread(4, 20, 26, 50).health(),
            Health::ThinCore,
            "4 % at the core"
        );
        assert_eq!(
            spread(5, 20, 25, 50).health(),
            Health::Alive,
            "5 % is enough"
        );
        assert_eq!(spread(30, 30, 20, 20).health(), Health::Closed);
        assert_eq!(Distribution::default().health(), Health::NoMembers);
        assert_eq!(Distribution::default().percent(Level::Core), 0);
        let with_outsiders = Distribution::from_levels([
            Level::Core,
            Level::Peripheral,
            Level::Transactional,
            Level::Transactional,
        ]);
        assert_eq!(
            (
                with_outsiders.members(),
                with_outsiders.percent(Level::Core)
            ),
            (2, 50),
            "outsiders are not members"
        );
    }

    #[test]
    fn shares_against_the_typical_range() {
        // 1,340 members: 27 at the core (2 %), 201 active (15 %), the rest further out.
        let spread = Distribution {
            counts: [27, 201, 254, 858, 40],
        };
        assert_eq!(spread.against_typical(Level::Core), Some(Against::Below));
        assert_eq!(spread.against_typical(Level::Active), Some(Against::Within));
        assert_eq!(
            spread.against_typical(Level::Peripheral),
            None,
            "no typical share"
        );
        let heavy = Distribution {
            counts: [30, 30, 20, 20, 0],
        };
        assert_eq!(heavy.against_typical(Level::Core), Some(Against::Above));
        assert_eq!(Distribution::default().against_typical(Level::Core), None);
        // The shown share decides: 15.9 % shows as 15 %, within 10–15 %.
        let edge = Distribution {
            counts: [159, 0, 0, 841, 0],
        };
        assert_eq!(edge.against_typical(Level::Core), Some(Against::Within));
    }

    #[test]
    fn a_quarter_counts_members_active_or_core_then_who_took_part_then() {
        let t = Thresholds::default();
        // Active long ago (cumulative), silent since: active today, but in neither quarter.
        let mut old = daily(300, 15, ActivityKind::Visit);
        old.extend(daily(300, 2, ActivityKind::Contribution));
        old.extend(daily(302, 8, ActivityKind::Reply));
        let standing = quarter_standing(&old, today(), &t);
        assert_eq!(standing.level, Level::Active);
        assert!(!standing.this_quarter && !standing.last_quarter);
        // The same, and a reply 100 days ago: in the quarter before only.
        let mut then = old.clone();
        then.push(on(100, ActivityKind::Reply, 1));
        let standing = quarter_standing(&then, today(), &t);
        assert!(!standing.this_quarter && standing.last_quarter);
        // And a reply 90 days ago, the quarter's first day: this quarter too.
        then.push(on(90, ActivityKind::Reply, 1));
        let standing = quarter_standing(&then, today(), &t);
        assert!(standing.this_quarter && standing.last_quarter);
        // Core now, nothing before the quarter: this quarter only.
        let standing = quarter_standing(&core_history(0), today(), &t);
        assert_eq!(standing.level, Level::Core);
        assert!(standing.this_quarter && !standing.last_quarter);
        // Taking part without being active is not enough; activity after today is ignored.
        let mut occasional = daily(0, 3, ActivityKind::Visit);
        occasional.push(on(0, ActivityKind::Reply, 1));
        occasional.extend(core_history(-40));
        let standing = quarter_standing(&occasional, today(), &t);
        assert_eq!(standing.level, Level::Occasional);
        assert!(!standing.this_quarter);
    }

    #[test]
    fn a_trend_moves_by_two_members_and_a_tenth() {
        let trend = |this_quarter, last_quarter| {
            QuarterTrend {
                this_quarter,
                last_quarter,
            }
            .direction()
        };
        assert_eq!(trend(0, 0), Direction::Steady);
        assert_eq!(trend(1, 0), Direction::Steady, "one member is not a trend");
        assert_eq!(trend(2, 0), Direction::Up);
        assert_eq!(trend(3, 5), Direction::Down);
        assert_eq!(trend(46, 50), Direction::Steady, "4 of 50 is under a tenth");
        assert_eq!(trend(45, 50), Direction::Down);
        assert_eq!(trend(56, 50), Direction::Up);
        assert_eq!(
            QuarterTrend {
                this_quarter: 3,
                last_quarter: 7
            }
            .change(),
            -4
        );
    }

    #[test]
    fn attention_and_showcases() {
        let overview =
            |core, active, occasional, peripheral, this_quarter, last_quarter| Overview {
                distribution: Distribution {
                    counts: [core, active, occasional, peripheral, 0],
                },
                trend: QuarterTrend {
                    this_quarter,
                    last_quarter,
                },
            };
        let names = |o: &Overview| o.attention().iter().map(|a| a.name()).collect::<Vec<_>>();
        let thriving = overview(12, 16, 22, 50, 28, 26);
        assert!(thriving.attention().is_empty() && thriving.is_showcase());
        let ordinary = overview(8, 12, 30, 50, 20, 20);
        assert!(ordinary.attention().is_empty() && !ordinary.is_showcase());
        let shrinking = overview(12, 16, 22, 50, 20, 28);
        assert_eq!(names(&shrinking), ["shrinking"]);
        assert!(!shrinking.is_showcase(), "not while it shrinks");
        assert_eq!(
            names(&overview(3, 10, 30, 57, 5, 13)),
            ["shrinking", "thin-core"]
        );
        assert_eq!(names(&overview(0, 0, 30, 70, 0, 0)), ["dormant"]);
        assert_eq!(
            names(&overview(0, 0, 30, 70, 0, 4)),
            ["dormant", "shrinking"]
        );
        assert!(
            !overview(30, 30, 20, 20, 60, 60).is_showcase(),
            "closed: a team"
        );
        let empty = Overview::default();
        assert_eq!(names(&empty), ["no-members"]);
        assert!(!empty.is_showcase());
    }
}
