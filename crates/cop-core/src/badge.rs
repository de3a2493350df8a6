//! The participation badge's model: what a pill, a card or a community's spread shows, read
//! from any JSON backend through the platform's mapping. The level is shown as the backend
//! sends it, never recomputed; a level name this version does not know is shown as it is.
//! Counts from the network are made sensible (negative → 0, absurd → capped) rather than
//! trusted, so a bad backend cannot draw a chart off the card.

use crate::config::lookup;
use crate::mapping::{Field, Fields, FromFields, Item, Json, Kind};
use crate::network::{pressing, Line};
use crate::participation::{Attention, Direction, Distribution, Health, Level, Trajectory};

/// `data-variant`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Variant {
    /// Compact and inline, next to a name in a list of hundreds.
    Pill,
    /// Name, level, roles, trajectory, 12 weeks of activity and the next step inward.
    #[default]
    Card,
    /// The whole community's spread over the levels: the coordinator's health check.
    Community,
    /// Every community at a glance, for the lead who runs many (`GET /network`).
    Network,
    /// "What do the levels mean?" alone, fetching nothing: a page of pills (which are not tab
    /// stops) puts one where a keyboard reaches it, e.g. above the directory.
    Legend,
}

impl Variant {
    pub const NAMES: &'static [&'static str] = &["pill", "card", "community", "network", "legend"];

    /// The attribute value that names it (`Variant::Pill.name() == "pill"`).
    pub fn name(self) -> &'static str {
        Self::NAMES[self as usize]
    }

    /// The variant an attribute names; the card when none.
    pub fn from_param(value: Option<&str>) -> Variant {
        match value {
            Some("pill") => Variant::Pill,
            Some("community") => Variant::Community,
            Some("network") => Variant::Network,
            Some("legend") => Variant::Legend,
            _ => Variant::Card,
        }
    }
}

/// The largest count shown as it is: a week with more than this is a backend's mistake.
pub const COUNT_CAP: u32 = 100_000;

/// A count from the network, made sensible: not a number or negative → 0, absurd → capped.
pub fn sane_count(value: Option<f64>) -> u32 {
    match value {
        Some(n) if n >= 1.0 => n.min(COUNT_CAP as f64) as u32,
        _ => 0,
    }
}

/// The level names of the JSON contract, centre out (in [`Level`]'s order).
pub const LEVEL_NAMES: &[&str] = &[
    "core",
    "active",
    "occasional",
    "peripheral",
    "transactional",
];
/// The trajectory names of the JSON contract (in [`TRAJECTORIES`]' order).
pub const TRAJECTORY_NAMES: &[&str] = &["inbound", "insider", "peripheral", "boundary", "outbound"];
const TRAJECTORIES: [Trajectory; 5] = [
    Trajectory::Inbound,
    Trajectory::Insider,
    Trajectory::Peripheral,
    Trajectory::Boundary,
    Trajectory::Outbound,
];

/// The role words this version translates (the contract's, and the literature's other names
/// for them), in the order of the catalog's `Role…` messages.
pub const ROLE_NAMES: &[&str] = &[
    "coordinator",
    "leader",
    "expert",
    "newcomer",
    "sponsor",
    "support",
    "critical friend",
    "community keeper",
    "social reporter",
    "broker",
];

/// The index in [`ROLE_NAMES`] of a backend's role word (any case, `_` or `-` for spaces;
/// `beginner` is a newcomer, `keeper` a community keeper); `None` for a community's own word,
/// which is shown as given.
pub fn role_index(word: &str) -> Option<usize> {
    let word: String = word
        .trim()
        .chars()
        .map(|c| match c {
            '_' | '-' => ' ',
            c => c.to_ascii_lowercase(),
        })
        .collect();
    let word = match word.as_str() {
        "beginner" => "newcomer",
        "keeper" => "community keeper",
        word => word,
    };
    ROLE_NAMES.iter().position(|name| *name == word)
}

/// A word as the backend sent it: a level (or trajectory) this version knows, or the
/// backend's own word, shown as it is — a word the widget cannot place is still information,
/// and guessing a level (or a direction) would be wrong information.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Shown<T = Level> {
    Known(T),
    /// A word this version does not know, and `data-levels` (`data-trajectories`) does not
    /// translate: shown as it is, in neutral colours and with no arrow.
    Foreign(String),
}

/// The index in `names` (the contract's words) of a backend's `word`, after the admin's
/// translations (`words`, `data-levels`: `Mentor=core, Regular=active`, checked by the
/// configuration); else the word as it is, trimmed.
fn known(word: &str, names: &[&str], words: Option<&str>) -> Result<usize, String> {
    let word = word.trim();
    let target = words
        .and_then(|list| {
            list.split(',').find_map(|entry| {
                let (from, to) = entry.split_once('=')?;
                (from.trim() == word).then(|| to.trim())
            })
        })
        .unwrap_or(word);
    names
        .iter()
        .position(|name| *name == target)
        .ok_or_else(|| word.to_owned())
}

impl Shown<Level> {
    /// A level from the backend's word, with the admin's `data-levels` translations.
    pub fn level(word: &str, words: Option<&str>) -> Shown {
        match known(word, LEVEL_NAMES, words) {
            Ok(index) => Shown::Known(Level::ALL[index]),
            Err(word) => Shown::Foreign(word),
        }
    }

    /// The CSS class that colours it (foreign levels get a neutral one).
    pub fn class(&self) -> &'static str {
        match self {
            Shown::Known(level) => [
                "cop-l-core",
                "cop-l-active",
                "cop-l-occasional",
                "cop-l-peripheral",
                "cop-l-transactional",
            ][*level as usize],
            Shown::Foreign(_) => "cop-l-other",
        }
    }
}

impl Shown<Trajectory> {
    /// A trajectory from the backend's word, with the admin's `data-trajectories`.
    pub fn trajectory(word: &str, words: Option<&str>) -> Shown<Trajectory> {
        match known(word, TRAJECTORY_NAMES, words) {
            Ok(index) => Shown::Known(TRAJECTORIES[index]),
            Err(word) => Shown::Foreign(word),
        }
    }
}

/// Checks `data-levels` / `data-trajectories`: comma-separated `backend word=known word`
/// entries, each known word one of `names`. `Err` is the first entry that is not.
pub fn check_words(list: &str, names: &[&str]) -> Result<(), String> {
    for entry in list.split(',') {
        let good = entry
            .split_once('=')
            .is_some_and(|(from, to)| !from.trim().is_empty() && names.contains(&to.trim()));
        if !good {
            return Err(entry.trim().to_owned());
        }
    }
    Ok(())
}

/// One thing the next level still needs: a measure (or the community's own word for it).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Need {
    pub measure: String,
    pub count: u32,
}

/// A member's standing, as a pill or a card shows it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MemberBadge {
    pub member: Option<String>,
    pub name: Option<String>,
    pub avatar: Option<String>,
    pub level: Shown,
    pub trajectory: Option<Shown<Trajectory>>,
    pub roles: Vec<String>,
    /// Participations per week, oldest first (at most 52 shown).
    pub weekly: Vec<u32>,
    pub next_level: Option<Shown>,
    pub needs: Vec<Need>,
    pub open_badge: Option<String>,
}

const MEMBER_FIELDS: &[Field] = &[
    Field {
        name: "member",
        pointer: "/member",
        kind: Kind::Id,
        required: false,
        items: &[],
    },
    Field {
        name: "display_name",
        pointer: "/display_name",
        kind: Kind::Text,
        required: false,
        items: &[],
    },
    Field {
        name: "avatar",
        pointer: "/avatar",
        kind: Kind::Text,
        required: false,
        items: &[],
    },
    Field {
        name: "level",
        pointer: "/level",
        kind: Kind::Text,
        required: true,
        items: &[],
    },
    Field {
        name: "trajectory",
        pointer: "/trajectory",
        kind: Kind::Text,
        required: false,
        items: &[],
    },
    Field {
        name: "roles",
        pointer: "/roles",
        kind: Kind::List,
        required: false,
        items: &[],
    },
    Field {
        name: "weekly",
        pointer: "/weekly",
        kind: Kind::List,
        required: false,
        items: &[],
    },
    Field {
        name: "next_level",
        pointer: "/next_step/level",
        kind: Kind::Text,
        required: false,
        items: &[],
    },
    Field {
        name: "next_missing",
        pointer: "/next_step/missing",
        kind: Kind::List,
        required: false,
        items: &[
            Item::new("measure", "/measure", Kind::Text),
            Item::new("count", "/count", Kind::Number),
        ],
    },
    Field {
        name: "open_badge",
        pointer: "/open_badge",
        kind: Kind::Text,
        required: false,
        items: &[],
    },
];

/// What a pill shows of [`MEMBER_FIELDS`]: the member, the level, the trajectory and the
/// roles (its tooltip), in the same order. A directory reads hundreds of answers, and each
/// field read is a walk into the browser's JSON (calls across the wasm boundary): reading
/// every field of the member, its twelve weeks included, made 307 calls into JavaScript per
/// pill, these 161 (issue 16). Its `data-map-*` are still checked against every field of the
/// member (`WidgetKind::fields`).
pub const PILL_FIELDS: &[Field] = &[
    MEMBER_FIELDS[0],
    MEMBER_FIELDS[3],
    MEMBER_FIELDS[4],
    MEMBER_FIELDS[5],
];

impl FromFields for MemberBadge {
    const FIELDS: &'static [Field] = MEMBER_FIELDS;

    fn from_fields<J: Json>(fields: &Fields<J>, params: &[(String, String)]) -> MemberBadge {
        let levels = lookup(params, "levels");
        let roles = fields
            .items("roles")
            .iter()
            .filter_map(Json::as_text)
            .filter(|role| !role.trim().is_empty())
            .collect();
        let weekly = fields
            .items("weekly")
            .iter()
            .take(52)
            .map(|week| sane_count(week.as_number()))
            .collect();
        let needs = fields
            .items("next_missing")
            .iter()
            .filter_map(|item| {
                // The community's own wording of what counts wins over the measure's name.
                let measure = item
                    .child("label")
                    .and_then(|label| label.as_text())
                    .or_else(|| fields.item(item, "next_missing", "measure")?.as_text())?;
                let count = sane_count(
                    fields
                        .item(item, "next_missing", "count")
                        .and_then(|count| count.as_number()),
                );
                (count > 0).then_some(Need { measure, count })
            })
            .collect();
        MemberBadge {
            member: fields.text("member"),
            name: fields
                .text("display_name")
                .filter(|name| !name.trim().is_empty()),
            avatar: fields.text("avatar").filter(|url| {
                url.starts_with("https://") || url.starts_with("http://") || url.starts_with('/')
            }),
            level: Shown::level(&fields.text("level").unwrap_or_default(), levels),
            trajectory: fields
                .text("trajectory")
                .map(|word| Shown::trajectory(&word, lookup(params, "trajectories"))),
            roles,
            weekly,
            next_level: fields
                .text("next_level")
                .map(|name| Shown::level(&name, levels)),
            needs,
            open_badge: fields.text("open_badge"),
        }
    }
}

/// The initials shown when a member has no picture: the first letter of the first and last
/// words of the name, as written. The stylesheet upper-cases them (`text-transform`, which
/// knows the language's rules): Rust's case tables would cost the wasm 6 KB gzipped.
pub fn initials(name: &str) -> String {
    let mut words = name.split_whitespace();
    let first = words.next().and_then(|word| word.chars().next());
    let last = words.next_back().and_then(|word| word.chars().next());
    first.into_iter().chain(last).collect()
}

/// A community's spread over the levels, as the coordinator's health check shows it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Spread {
    pub name: Option<String>,
    /// Members per level, centre out (foreign level names are counted under `other`).
    pub counts: Distribution,
    pub other: u32,
    pub health: Health,
}

const SPREAD_FIELDS: &[Field] = &[
    Field {
        name: "name",
        pointer: "/name",
        kind: Kind::Text,
        required: false,
        items: &[],
    },
    Field {
        name: "levels",
        pointer: "/levels",
        kind: Kind::List,
        required: true,
        items: &[
            Item::new("level", "/level", Kind::Text),
            Item::new("count", "/count", Kind::Number),
        ],
    },
];

impl FromFields for Spread {
    const FIELDS: &'static [Field] = SPREAD_FIELDS;

    fn from_fields<J: Json>(fields: &Fields<J>, params: &[(String, String)]) -> Spread {
        let mut counts = Distribution::default();
        let mut other = 0u32;
        for item in fields.items("levels") {
            let count = sane_count(
                fields
                    .item(&item, "levels", "count")
                    .and_then(|count| count.as_number()),
            );
            match fields
                .item(&item, "levels", "level")
                .and_then(|level| level.as_text())
                .map(|name| Shown::level(&name, lookup(params, "levels")))
            {
                Some(Shown::Known(level)) => {
                    counts.counts[level as usize] =
                        counts.counts[level as usize].saturating_add(count)
                }
                _ => other = other.saturating_add(count),
            }
        }
        // The verdict follows from the counts shown, whatever the backend concluded.
        let health = counts.health();
        Spread {
            name: fields.text("name").filter(|name| !name.trim().is_empty()),
            counts,
            other,
            health,
        }
    }
}

impl Spread {
    /// A level's share in whole per cent, of the members (without transactional participants).
    pub fn percent(&self, level: Level) -> u32 {
        self.counts.percent(level)
    }
}

/// Every community at a glance, as the network view shows it (`GET /network`): the lead's
/// list, in the order [`crate::network::Sort`] gives it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Network {
    pub communities: Vec<Community>,
    /// How many communities there are in all (more than shown when the answer is a page).
    pub total: u32,
}

/// One community's line in the network view.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Community {
    pub id: String,
    pub name: String,
    pub members: u32,
    /// Members per level, centre out (foreign level names counted under `other`); all zero
    /// when the backend gives no levels.
    pub counts: Distribution,
    pub other: u32,
    /// The verdict: from the levels shown when there are any (as the spread's), else the
    /// backend's word; `None` when it gives neither.
    pub health: Option<Shown<Health>>,
    /// Active-or-core members this quarter against the one before.
    pub trend: Option<(i64, Direction)>,
    /// Why it needs attention, most pressing first: the known reasons, or a backend's own words.
    pub attention: Vec<Shown<Attention>>,
    pub showcase: bool,
}

impl Community {
    /// What the order looks at (the server's own lines are ordered alike).
    pub fn line(&self) -> Line<'_> {
        Line {
            id: &self.id,
            name: &self.name,
            members: self.members,
            change: self.trend.map_or(0, |(change, _)| change),
            attention: pressing(self.attention.iter().map(|reason| match reason {
                Shown::Known(reason) => Some(*reason),
                Shown::Foreign(_) => None,
            })),
            showcase: self.showcase,
        }
    }
}

/// The longest name shown as it is (a sidebar's line, not a backend's essay).
const NAME_MAX: usize = 120;

const NETWORK_FIELDS: &[Field] = &[
    Field {
        name: "items",
        pointer: "/items",
        kind: Kind::List,
        required: true,
        items: &[
            Item::new("name", "/name", Kind::Text),
            Item::optional("id", "/id", Kind::Id),
            Item::optional("member_count", "/member_count", Kind::Number),
            Item::optional("health", "/health", Kind::Text),
            // `[{"level": "core", "count": 4}, …]`, as the spread's `levels`.
            Item::optional("levels", "/levels", Kind::List),
            Item::optional("change", "/trend/change", Kind::Number),
            Item::optional("direction", "/trend/direction", Kind::Text),
            Item::optional("attention", "/attention", Kind::List),
            Item::optional("showcase", "/showcase", Kind::Boolean),
        ],
    },
    // How many there are in all; anything but a number is taken as "the ones shown".
    Field {
        name: "communities",
        pointer: "/communities",
        kind: Kind::Any,
        required: false,
        items: &[],
    },
];

impl FromFields for Network {
    const FIELDS: &'static [Field] = NETWORK_FIELDS;

    fn from_fields<J: Json>(fields: &Fields<J>, params: &[(String, String)]) -> Network {
        let levels = lookup(params, "levels");
        let mut communities: Vec<Community> = Vec::new();
        for item in fields.items("items").iter().take(1000) {
            let get = |name: &str| fields.item(item, "items", name);
            let text = |name: &str| get(name).and_then(|value| value.as_text());
            // A line without a name says nothing: left out.
            let Some(name) = text("name")
                .map(|name| name.trim().chars().take(NAME_MAX).collect::<String>())
                .filter(|name| !name.is_empty())
            else {
                continue;
            };
            let mut counts = Distribution::default();
            let mut other = 0u32;
            let given = get("levels").map(|list| list.items()).unwrap_or_default();
            for level in &given {
                let count = sane_count(level.child("count").and_then(|count| count.as_number()));
                if let Some(word) = level.child("level").and_then(|word| word.as_text()) {
                    match Shown::level(&word, levels) {
                        Shown::Known(level) => {
                            let slot = &mut counts.counts[level as usize];
                            *slot = slot.saturating_add(count);
                        }
                        Shown::Foreign(_) => other = other.saturating_add(count),
                    }
                }
            }
            let health = if given.is_empty() {
                text("health").map(|word| match Health::from_name(word.trim()) {
                    Some(health) => Shown::Known(health),
                    None => Shown::Foreign(word.trim().to_owned()),
                })
            } else {
                Some(Shown::Known(counts.health()))
            };
            let change = get("change")
                .and_then(|change| change.as_number())
                .map(|n| {
                    let capped = n.clamp(-f64::from(COUNT_CAP), f64::from(COUNT_CAP));
                    capped.trunc() as i64
                });
            let direction = text("direction")
                .and_then(|word| Direction::from_name(word.trim()))
                .or_else(|| {
                    change.map(|change| match change {
                        c if c > 0 => Direction::Up,
                        c if c < 0 => Direction::Down,
                        _ => Direction::Steady,
                    })
                });
            let attention = get("attention")
                .map(|list| list.items())
                .unwrap_or_default()
                .iter()
                .filter_map(|reason| {
                    let word = reason
                        .as_text()?
                        .trim()
                        .chars()
                        .take(NAME_MAX)
                        .collect::<String>();
                    (!word.is_empty()).then(|| match Attention::from_name(&word) {
                        Some(reason) => Shown::Known(reason),
                        None => Shown::Foreign(word),
                    })
                })
                .collect();
            communities.push(Community {
                id: get("id").and_then(|id| id.as_id()).unwrap_or_default(),
                name,
                members: match get("member_count").and_then(|count| count.as_number()) {
                    Some(count) => sane_count(Some(count)),
                    None => counts.members(),
                },
                counts,
                other,
                health,
                trend: direction.map(|direction| (change.unwrap_or(0), direction)),
                attention,
                showcase: get("showcase").and_then(|showcase| showcase.as_bool()) == Some(true),
            });
        }
        let shown = communities.len() as u32;
        Network {
            total: fields
                .number("communities")
                .map_or(shown, |total| sane_count(Some(total)).max(shown)),
            communities,
        }
    }
}

/// Member ids a batch request may carry: at most this many, and URLs under [`BATCH_URL_MAX`].
pub const BATCH_MAX: usize = 200;
pub const BATCH_URL_MAX: usize = 4000;

/// A batch endpoint: one request for the member badges of many members. The project's own
/// ([`Batch::own`]), or a foreign backend's, declared with `data-batch` (see `config`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Batch {
    /// The URL before and after the ids (`{members}` in `data-batch`).
    pub before: String,
    pub after: String,
    /// Between two ids (`data-batch-join`): `,` by default; `&id=` for `?id=7&id=8`.
    pub join: String,
    /// Where the answer's list of members is (`data-batch-items`; the whole answer by default).
    pub items: String,
    /// Where each item's member id is: the `member` field's pointer (`data-map-member`).
    pub id: String,
}

impl Batch {
    /// The project's own batch endpoint: `/communities/{c}/participation?members=a,b`.
    pub fn own(api: &str, community: &str) -> Batch {
        use crate::template::{join, percent_encode};
        Batch {
            before: join(
                api,
                &format!(
                    "/communities/{}/participation?members=",
                    percent_encode(community)
                ),
            ),
            after: String::new(),
            join: "%2C".into(),
            items: "/items".into(),
            id: "/member".into(),
        }
    }

    /// Splits members requested together into batches, each within [`BATCH_MAX`] ids and
    /// [`BATCH_URL_MAX`] characters of URL, ids percent-encoded. Returns `(url, members)` per
    /// batch, in order.
    pub fn urls(&self, members: &[String]) -> Vec<(String, Vec<String>)> {
        let mut batches: Vec<(String, Vec<String>)> = Vec::new();
        for member in members {
            let encoded = crate::template::percent_encode(member);
            let fits = batches.last().is_some_and(|(url, ids)| {
                ids.len() < BATCH_MAX
                    && url.len() + self.join.len() + encoded.len() <= BATCH_URL_MAX
            });
            match batches.last_mut() {
                Some((url, ids)) if fits => {
                    url.truncate(url.len() - self.after.len());
                    url.push_str(&self.join);
                    url.push_str(&encoded);
                    url.push_str(&self.after);
                    ids.push(member.clone());
                }
                _ => batches.push((
                    format!("{}{encoded}{}", self.before, self.after),
                    vec![member.clone()],
                )),
            }
        }
        batches
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::mapping::extract;
    use serde_json::json;

    fn badge(document: serde_json::Value) -> MemberBadge {
        MemberBadge::from_fields(
            &extract(&document, MemberBadge::FIELDS, |_| None).unwrap(),
            &[],
        )
    }

    #[test]
    fn reads_the_projects_own_participation_json() {
        let shown = badge(json!({
            "community": "teachers", "member": "m-42", "display_name": "Ana Lima", "level": "active",
            "trajectory": "inbound", "roles": ["expert", ""], "weekly": [0, 2, 5],
            "next_step": {"level": "core", "missing": [{"measure": "contributions", "count": 2}, {"measure": "days_active", "count": 0}], "within_window": true},
            "as_of": "2026-11-23"
        }));
        assert_eq!(shown.level, Shown::Known(Level::Active));
        assert_eq!(shown.trajectory, Some(Shown::Known(Trajectory::Inbound)));
        assert_eq!(shown.roles, vec!["expert"]);
        assert_eq!(shown.weekly, vec![0, 2, 5]);
        assert_eq!(shown.next_level, Some(Shown::Known(Level::Core)));
        assert_eq!(
            shown.needs,
            vec![Need {
                measure: "contributions".into(),
                count: 2
            }],
            "met measures are not listed"
        );
        assert_eq!(initials(shown.name.as_deref().unwrap()), "AL");
    }

    #[test]
    fn a_foreign_level_is_shown_as_it_is_and_bad_counts_are_made_sensible() {
        let shown = badge(json!({
            "level": " Mentor ", "trajectory": "sideways", "weekly": [-3, 1e12, "x", 2.7],
            "next_step": {"level": "Guru", "missing": [{"measure": "posts", "label": "lesson plans shared", "count": 3}]}
        }));
        assert_eq!(shown.level, Shown::Foreign("Mentor".into()));
        assert_eq!(shown.level.class(), "cop-l-other");
        assert_eq!(
            shown.trajectory,
            Some(Shown::Foreign("sideways".into())),
            "an unknown trajectory is shown as it is, like an unknown level, not guessed"
        );
        assert_eq!(shown.weekly, vec![0, COUNT_CAP, 0, 2]);
        assert_eq!(
            shown.needs,
            vec![Need {
                measure: "lesson plans shared".into(),
                count: 3
            }],
            "the community's wording wins"
        );
    }

    fn params(pairs: &[(&str, &str)]) -> Vec<(String, String)> {
        pairs
            .iter()
            .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
            .collect()
    }

    #[test]
    fn a_pill_reads_what_it_shows_and_shows_it_as_the_card_would() {
        let document = json!({"member": "m-42", "display_name": "Ana", "level": "Mentor",
            "trajectory": "inbound", "roles": ["expert"], "weekly": [0, 2, 5],
            "next_step": {"level": "core", "missing": [{"measure": "posts", "count": 2}]}});
        let map = |field: &str| (field == "level").then(|| "/level".to_owned());
        let words = params(&[("levels", "Mentor=core")]);
        let pill = MemberBadge::from_fields(&extract(&document, PILL_FIELDS, map).unwrap(), &words);
        let card = MemberBadge::from_fields(
            &extract(&document, MemberBadge::FIELDS, map).unwrap(),
            &words,
        );
        assert_eq!(
            (&pill.member, &pill.level, &pill.trajectory, &pill.roles),
            (&card.member, &card.level, &card.trajectory, &card.roles)
        );
        assert_eq!(pill.level, Shown::Known(Level::Core));
        // What only the card shows is not read.
        assert!(pill.weekly.is_empty() && pill.needs.is_empty() && pill.name.is_none());
        assert_eq!(card.weekly, [0, 2, 5]);
        let names: Vec<_> = PILL_FIELDS.iter().map(|f| f.name).collect();
        assert_eq!(names, ["member", "level", "trajectory", "roles"]);
        // A document without a level is refused as before.
        assert!(extract(&json!({"member": "m-42"}), PILL_FIELDS, |_| None).is_err());
    }

    #[test]
    fn an_admin_translates_a_backends_own_words_into_the_known_ones() {
        let document = json!({"tier": "Mentor", "direction": "Arriving",
            "next_step": {"level": "Regular", "missing": []}});
        let map = |field: &str| match field {
            "level" => Some("/tier".to_owned()),
            "trajectory" => Some("/direction".to_owned()),
            _ => None,
        };
        let fields = extract(&document, MemberBadge::FIELDS, map).unwrap();
        let words = params(&[
            ("levels", "Mentor=core, Regular = active"),
            ("trajectories", "Arriving=inbound"),
        ]);
        let shown = MemberBadge::from_fields(&fields, &words);
        assert_eq!(shown.level, Shown::Known(Level::Core));
        assert_eq!(shown.level.class(), "cop-l-core");
        assert_eq!(shown.next_level, Some(Shown::Known(Level::Active)));
        assert_eq!(shown.trajectory, Some(Shown::Known(Trajectory::Inbound)));
        // Without the translations, the words are shown as they are.
        let shown = MemberBadge::from_fields(&fields, &[]);
        assert_eq!(shown.level, Shown::Foreign("Mentor".into()));
        assert_eq!(shown.trajectory, Some(Shown::Foreign("Arriving".into())));
        // "peripheral" is a level and a trajectory: each list translates its own.
        assert_eq!(
            Shown::level("peripheral", Some("x=core")),
            Shown::Known(Level::Peripheral)
        );
        assert_eq!(
            Shown::trajectory("peripheral", None),
            Shown::Known(Trajectory::Peripheral)
        );
    }

    #[test]
    fn word_lists_are_checked_entry_by_entry() {
        assert_eq!(
            check_words("Mentor=core, Regular=active", LEVEL_NAMES),
            Ok(())
        );
        assert_eq!(check_words("Mentor = core", LEVEL_NAMES), Ok(()));
        for (bad, entry) in [
            ("Mentor=guru", "Mentor=guru"),
            ("Mentor", "Mentor"),
            ("=core", "=core"),
            ("Mentor=core,", ""),
            ("Mentor=core; Regular=active", "Mentor=core; Regular=active"),
            ("Arriving=inbound", "Arriving=inbound"),
        ] {
            assert_eq!(
                check_words(bad, LEVEL_NAMES),
                Err(entry.to_owned()),
                "{bad}"
            );
        }
        assert_eq!(check_words("Arriving=inbound", TRAJECTORY_NAMES), Ok(()));
    }

    #[test]
    fn a_spread_and_next_steps_read_items_through_their_own_pointers() {
        let document = json!({"tiers": [{"tier": "Mentor", "headcount": 4}, {"tier": "active", "headcount": 6}]});
        let map = |field: &str| match field {
            "levels" => Some("/tiers".to_owned()),
            "levels.level" => Some("/tier".to_owned()),
            "levels.count" => Some("/headcount".to_owned()),
            _ => None,
        };
        let fields = extract(&document, Spread::FIELDS, map).unwrap();
        let spread = Spread::from_fields(&fields, &params(&[("levels", "Mentor=core")]));
        assert_eq!(spread.counts.counts, [4, 6, 0, 0, 0]);
        assert_eq!(spread.other, 0);
        // Unmapped, the same answer is an error naming the attribute to set, not 0 members.
        let error = extract(&document, Spread::FIELDS, |f| {
            (f == "levels").then(|| "/tiers".to_owned())
        })
        .unwrap_err();
        assert_eq!(error.field, "levels.level");
        assert!(error.list.is_some());

        let document = json!({"level": "active", "next": {"missing": [{"what": "posts", "n": 3}]}});
        let map = |field: &str| match field {
            "next_missing" => Some("/next/missing".to_owned()),
            "next_missing.measure" => Some("/what".to_owned()),
            "next_missing.count" => Some("/n".to_owned()),
            _ => None,
        };
        let shown =
            MemberBadge::from_fields(&extract(&document, MemberBadge::FIELDS, map).unwrap(), &[]);
        assert_eq!(
            shown.needs,
            vec![Need {
                measure: "posts".into(),
                count: 3
            }]
        );
    }

    fn network(
        document: serde_json::Value,
        map: &[(&str, &str)],
        words: &[(&str, &str)],
    ) -> Network {
        let fields = extract(&document, Network::FIELDS, |field| {
            map.iter()
                .find(|(name, _)| *name == field)
                .map(|(_, pointer)| (*pointer).to_owned())
        })
        .unwrap();
        Network::from_fields(&fields, &params(words))
    }

    #[test]
    fn the_network_reads_the_projects_own_answer() {
        use crate::contract::{LevelCount, NetworkCommunity, NetworkOverview, TrendJson};
        let level = |level: &str, count| LevelCount {
            level: level.into(),
            count,
            percent: 0,
            typical: None,
        };
        let item = |id: &str, name: &str, change, direction: &str, attention: &[&str], showcase| {
            NetworkCommunity {
                id: id.into(),
                name: name.into(),
                member_count: 50,
                health: "alive".into(),
                levels: vec![
                    level("core", 6),
                    level("active", 10),
                    level("occasional", 14),
                    level("peripheral", 20),
                    level("transactional", 3),
                ],
                trend: TrendJson {
                    this_quarter: 16,
                    last_quarter: 12,
                    change,
                    direction: direction.into(),
                },
                attention: attention.iter().map(|r| (*r).to_owned()).collect(),
                showcase,
            }
        };
        let answer = NetworkOverview {
            items: vec![
                item("pm", "Project managers", -6, "down", &["shrinking"], false),
                item("agile", "Agile coaching", 4, "up", &[], true),
            ],
            next: Some("abc".into()),
            sort: "attention".into(),
            communities: 53,
            needing_attention: 1,
            showcases: 1,
            as_of: "2026-11-23".into(),
        };
        let shown = network(serde_json::to_value(&answer).unwrap(), &[], &[]);
        assert_eq!(shown.total, 53, "more than shown: a page of them");
        let [pm, agile] = &shown.communities[..] else {
            panic!("two communities: {shown:?}")
        };
        assert_eq!(
            (pm.id.as_str(), pm.name.as_str(), pm.members),
            ("pm", "Project managers", 50)
        );
        assert_eq!(pm.counts.counts, [6, 10, 14, 20, 3]);
        assert_eq!(pm.health, Some(Shown::Known(Health::Alive)));
        assert_eq!(pm.trend, Some((-6, Direction::Down)));
        assert_eq!(pm.attention, vec![Shown::Known(Attention::Shrinking)]);
        assert!(!pm.showcase && agile.showcase);
        assert_eq!(agile.trend, Some((4, Direction::Up)));
        // The line it is ordered by is the server's for the same community.
        assert_eq!(pm.line(), answer.items[0].line());
        assert_eq!(agile.line(), answer.items[1].line());
    }

    #[test]
    fn a_foreign_network_maps_its_items_with_their_own_pointers() {
        let document = json!({"total": "many", "data": [
            {"key": 7, "title": "  Nurses ", "size": 30, "verdict": "Thriving",
             "delta": 3, "flags": ["shrinking", "Needs a host"], "exemplary": true},
            {"key": 8, "title": "Pharmacists", "tiers": [{"level": "Mentor", "count": 2}, {"level": "peripheral", "count": 38}, {"level": "lurker", "count": 5}],
             "flags": []},
        ]});
        let map = [
            ("items", "/data"),
            ("items.id", "/key"),
            ("items.name", "/title"),
            ("items.member_count", "/size"),
            ("items.health", "/verdict"),
            ("items.levels", "/tiers"),
            ("items.change", "/delta"),
            ("items.attention", "/flags"),
            ("items.showcase", "/exemplary"),
            ("communities", "/total"),
        ];
        let shown = network(document.clone(), &map, &[("levels", "Mentor=core")]);
        assert_eq!(shown.total, 2, "not a number: the ones shown");
        let nurses = &shown.communities[0];
        assert_eq!(
            (nurses.id.as_str(), nurses.name.as_str(), nurses.members),
            ("7", "Nurses", 30)
        );
        assert_eq!(
            nurses.health,
            Some(Shown::Foreign("Thriving".into())),
            "no levels: its own word"
        );
        assert_eq!(
            nurses.trend,
            Some((3, Direction::Up)),
            "no direction: the change's sign"
        );
        assert_eq!(
            nurses.attention,
            vec![
                Shown::Known(Attention::Shrinking),
                Shown::Foreign("Needs a host".into())
            ]
        );
        assert_eq!(nurses.line().attention, Some(Attention::Shrinking as u8));
        assert!(nurses.showcase);
        let pharmacists = &shown.communities[1];
        assert_eq!(
            pharmacists.counts.counts,
            [2, 0, 0, 38, 0],
            "Mentor is core, by data-levels"
        );
        assert_eq!(
            (pharmacists.other, pharmacists.members),
            (5, 40),
            "members from the levels"
        );
        assert_eq!(
            pharmacists.health,
            Some(Shown::Known(Health::Alive)),
            "from the levels shown"
        );
        assert_eq!(pharmacists.trend, None);
        assert!(pharmacists.attention.is_empty() && !pharmacists.showcase);
        // Unmapped names: an error naming the attribute to set, not an empty network.
        let error = extract(&document, Network::FIELDS, |f| {
            (f == "items").then(|| "/data".to_owned())
        })
        .unwrap_err();
        assert_eq!(
            (error.field.as_str(), error.list.as_deref()),
            ("items.name", Some("/data"))
        );
    }

    #[test]
    fn a_network_of_bad_data_is_shown_sensibly() {
        let shown = network(
            json!({"communities": -4, "items": [
                {"name": "Odd", "id": {"x": 1}, "member_count": -12, "health": 5,
                 "levels": "many", "trend": {"change": 1e300, "direction": "sideways"},
                 "attention": "dormant", "showcase": "yes"},
                {"name": "   "},
                {"id": "no-name"},
                {"name": "Levels of anything", "levels": [{"level": 3, "count": "x"}, null, {"count": 4}, {"level": "core", "count": -2}],
                 "trend": {"change": -2.7, "direction": "steady"}, "attention": [null, 4, ""]},
                "a line that is text"
            ]}),
            &[],
            &[],
        );
        assert_eq!(shown.total, 2, "a negative total is the ones shown");
        let names: Vec<&str> = shown.communities.iter().map(|c| c.name.as_str()).collect();
        assert_eq!(
            names,
            ["Odd", "Levels of anything"],
            "lines with no name are left out"
        );
        let odd = &shown.communities[0];
        assert_eq!(
            (odd.id.as_str(), odd.members, odd.health.clone()),
            ("", 0, None)
        );
        assert_eq!(
            odd.trend,
            Some((i64::from(COUNT_CAP), Direction::Up)),
            "capped"
        );
        assert!(odd.attention.is_empty() && !odd.showcase);
        let levels = &shown.communities[1];
        assert_eq!(levels.counts.counts, [0; 5]);
        assert_eq!(levels.health, Some(Shown::Known(Health::NoMembers)));
        assert_eq!(levels.trend, Some((-2, Direction::Steady)));
        assert!(levels.attention.is_empty());
        // An answer with no list at all is the contract's error, with its pointer.
        let error = extract(&json!({"items": {}}), Network::FIELDS, |_| None).unwrap_err();
        assert_eq!(
            (error.field.as_str(), error.pointer.as_str()),
            ("items", "/items")
        );
        // A name longer than a line is cut.
        let long = network(json!({"items": [{"name": "x".repeat(500)}]}), &[], &[]);
        assert_eq!(long.communities[0].name.chars().count(), NAME_MAX);
    }

    #[test]
    fn only_web_addresses_become_avatars() {
        assert_eq!(
            badge(json!({"level": "core", "avatar": "javascript:alert(1)"})).avatar,
            None
        );
        assert_eq!(
            badge(json!({"level": "core", "avatar": "https://x.org/a.png"}))
                .avatar
                .as_deref(),
            Some("https://x.org/a.png")
        );
    }

    #[test]
    fn initials_take_first_and_last_words() {
        assert_eq!(
            initials("maria da silva"),
            "ms",
            "upper-cased by the stylesheet"
        );
        assert_eq!(initials("Zoë"), "Z");
        assert_eq!(initials("  "), "");
    }

    #[test]
    fn a_spread_recomputes_its_verdict_from_the_counts_shown() {
        let document = json!({"name": "Teachers", "levels": [
            {"level": "core", "count": 12}, {"level": "active", "count": 18}, {"level": "occasional", "count": 30},
            {"level": "peripheral", "count": 40}, {"level": "transactional", "count": -5}, {"level": "mentor", "count": 4}
        ], "health": "dormant"});
        let spread =
            Spread::from_fields(&extract(&document, Spread::FIELDS, |_| None).unwrap(), &[]);
        assert_eq!(spread.counts.counts, [12, 18, 30, 40, 0]);
        assert_eq!(spread.other, 4);
        assert_eq!(spread.health, Health::Alive);
        assert_eq!(spread.percent(Level::Core), 12);
    }

    #[test]
    fn batches_stay_within_their_limits_and_encode_ids() {
        let members: Vec<String> = (0..450).map(|i| format!("m-{i}")).collect();
        let batches = Batch::own("https://cop.example.org/api", "teachers").urls(&members);
        assert_eq!(
            batches.iter().map(|(_, ids)| ids.len()).collect::<Vec<_>>(),
            vec![200, 200, 50]
        );
        assert!(batches[0].0.starts_with(
            "https://cop.example.org/api/communities/teachers/participation?members=m-0%2Cm-1%2C"
        ));
        let odd = Batch::own("/api", "a b").urls(&["x,y/z".to_owned()]);
        assert_eq!(
            odd[0].0,
            "/api/communities/a%20b/participation?members=x%2Cy%2Fz"
        );
        let long: Vec<String> = (0..100)
            .map(|i| format!("{i}-{}", "x".repeat(90)))
            .collect();
        assert!(Batch::own("/api", "c")
            .urls(&long)
            .iter()
            .all(|(url, _)| url.len() <= BATCH_URL_MAX));
    }

    #[test]
    fn a_foreign_batch_joins_ids_as_its_template_says() {
        let batch = Batch {
            before: "https://x.org/people?id=".into(),
            after: "&_limit=500".into(),
            join: "&id=".into(),
            items: String::new(),
            id: "/id".into(),
        };
        let ids = ["7".to_owned(), "8".to_owned(), "a b".to_owned()];
        assert_eq!(
            batch.urls(&ids),
            vec![(
                "https://x.org/people?id=7&id=8&id=a%20b&_limit=500".to_owned(),
                ids.to_vec()
            )]
        );
        let members: Vec<String> = (0..300).map(|i| i.to_string()).collect();
        let urls = batch.urls(&members);
        assert_eq!(urls.len(), 2);
        assert!(urls[1].0.starts_with("https://x.org/people?id=200&id=201&"));
        assert!(urls.iter().all(|(url, _)| url.ends_with("&_limit=500")));
    }

    #[test]
    fn known_roles_are_found_in_any_spelling() {
        assert_eq!(role_index("newcomer"), Some(3));
        assert_eq!(role_index(" Beginner "), Some(3));
        assert_eq!(role_index("critical_friend"), Some(6));
        assert_eq!(role_index("Community-Keeper"), Some(7));
        assert_eq!(role_index("keeper"), Some(7));
        assert_eq!(
            role_index("lesson-plan wizard"),
            None,
            "a community's own word"
        );
    }
}
