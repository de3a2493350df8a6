//! The participation badge's model: what a pill, a card or a community's spread shows, read
//! from any JSON backend through the platform's mapping. The level is shown as the backend
//! sends it, never recomputed; a level name this version does not know is shown as it is.
//! Counts from the network are made sensible (negative → 0, absurd → capped) rather than
//! trusted, so a bad backend cannot draw a chart off the card.

use crate::mapping::{Field, Fields, FromFields, Json, Kind};
use crate::participation::{Distribution, Health, Level, Trajectory};

/// `data-variant`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Variant {
    /// Compact and inline, next to a name in a list of hundreds.
    Pill,
    /// Name, level, roles, trajectory, 12 weeks of activity and the next step inward.
    Card,
    /// The whole community's spread over the levels: the coordinator's health check.
    Community,
}

impl Variant {
    pub const NAMES: &'static [&'static str] = &["pill", "card", "community"];

    /// The variant an attribute names; the card when none.
    pub fn from_param(value: Option<&str>) -> Variant {
        match value {
            Some("pill") => Variant::Pill,
            Some("community") => Variant::Community,
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

/// A level as the backend named it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Shown {
    Known(Level),
    /// A name this version does not know (a foreign backend's own levels): shown as it is.
    Foreign(String),
}

impl Shown {
    pub fn from_name(name: &str) -> Shown {
        match Level::from_name(name.trim()) {
            Some(level) => Shown::Known(level),
            None => Shown::Foreign(name.trim().to_owned()),
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

pub fn trajectory_from_name(name: &str) -> Option<Trajectory> {
    Some(match name.trim() {
        "inbound" => Trajectory::Inbound,
        "insider" => Trajectory::Insider,
        "peripheral" => Trajectory::Peripheral,
        "boundary" => Trajectory::Boundary,
        "outbound" => Trajectory::Outbound,
        _ => return None,
    })
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
    pub trajectory: Option<Trajectory>,
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
    },
    Field {
        name: "display_name",
        pointer: "/display_name",
        kind: Kind::Text,
        required: false,
    },
    Field {
        name: "avatar",
        pointer: "/avatar",
        kind: Kind::Text,
        required: false,
    },
    Field {
        name: "level",
        pointer: "/level",
        kind: Kind::Text,
        required: true,
    },
    Field {
        name: "trajectory",
        pointer: "/trajectory",
        kind: Kind::Text,
        required: false,
    },
    Field {
        name: "roles",
        pointer: "/roles",
        kind: Kind::List,
        required: false,
    },
    Field {
        name: "weekly",
        pointer: "/weekly",
        kind: Kind::List,
        required: false,
    },
    Field {
        name: "next_level",
        pointer: "/next_step/level",
        kind: Kind::Text,
        required: false,
    },
    Field {
        name: "next_missing",
        pointer: "/next_step/missing",
        kind: Kind::List,
        required: false,
    },
    Field {
        name: "open_badge",
        pointer: "/open_badge",
        kind: Kind::Text,
        required: false,
    },
];

impl FromFields for MemberBadge {
    const FIELDS: &'static [Field] = MEMBER_FIELDS;

    fn from_fields<J: Json>(fields: &Fields<J>) -> MemberBadge {
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
                    .or_else(|| item.child("measure")?.as_text())?;
                let count = sane_count(item.child("count").and_then(|count| count.as_number()));
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
            level: Shown::from_name(&fields.text("level").unwrap_or_default()),
            trajectory: fields
                .text("trajectory")
                .as_deref()
                .and_then(trajectory_from_name),
            roles,
            weekly,
            next_level: fields
                .text("next_level")
                .map(|name| Shown::from_name(&name)),
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
    },
    Field {
        name: "levels",
        pointer: "/levels",
        kind: Kind::List,
        required: true,
    },
];

impl FromFields for Spread {
    const FIELDS: &'static [Field] = SPREAD_FIELDS;

    fn from_fields<J: Json>(fields: &Fields<J>) -> Spread {
        let mut counts = Distribution::default();
        let mut other = 0u32;
        for item in fields.items("levels") {
            let count = sane_count(item.child("count").and_then(|count| count.as_number()));
            match item
                .child("level")
                .and_then(|level| level.as_text())
                .map(|name| Shown::from_name(&name))
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

/// Member ids a batch request may carry: at most this many, and URLs under [`BATCH_URL_MAX`].
pub const BATCH_MAX: usize = 200;
pub const BATCH_URL_MAX: usize = 4000;

/// Splits members requested together into batches of the project's own endpoint
/// (`/communities/{c}/participation?members=a,b`), each within [`BATCH_MAX`] ids and
/// [`BATCH_URL_MAX`] characters of URL. Returns `(url, members)` per batch, in order.
pub fn batch_urls(api: &str, community: &str, members: &[String]) -> Vec<(String, Vec<String>)> {
    use crate::template::{join, percent_encode};
    let base = join(
        api,
        &format!(
            "/communities/{}/participation?members=",
            percent_encode(community)
        ),
    );
    let mut batches: Vec<(String, Vec<String>)> = Vec::new();
    for member in members {
        let encoded = percent_encode(member);
        let fits = batches.last().is_some_and(|(url, ids)| {
            ids.len() < BATCH_MAX && url.len() + 3 + encoded.len() <= BATCH_URL_MAX
        });
        match batches.last_mut() {
            Some((url, ids)) if fits => {
                url.push_str("%2C");
                url.push_str(&encoded);
                ids.push(member.clone());
            }
            _ => batches.push((format!("{base}{encoded}"), vec![member.clone()])),
        }
    }
    batches
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::mapping::extract;
    use serde_json::json;

    fn badge(document: serde_json::Value) -> MemberBadge {
        MemberBadge::from_fields(&extract(&document, MemberBadge::FIELDS, |_| None).unwrap())
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
        assert_eq!(shown.trajectory, Some(Trajectory::Inbound));
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
            shown.trajectory, None,
            "an unknown trajectory is left out, not guessed"
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
        let spread = Spread::from_fields(&extract(&document, Spread::FIELDS, |_| None).unwrap());
        assert_eq!(spread.counts.counts, [12, 18, 30, 40, 0]);
        assert_eq!(spread.other, 4);
        assert_eq!(spread.health, Health::Alive);
        assert_eq!(spread.percent(Level::Core), 12);
    }

    #[test]
    fn batches_stay_within_their_limits_and_encode_ids() {
        let members: Vec<String> = (0..450).map(|i| format!("m-{i}")).collect();
        let batches = batch_urls("https://cop.example.org/api", "teachers", &members);
        assert_eq!(
            batches.iter().map(|(_, ids)| ids.len()).collect::<Vec<_>>(),
            vec![200, 200, 50]
        );
        assert!(batches[0].0.starts_with(
            "https://cop.example.org/api/communities/teachers/participation?members=m-0%2Cm-1%2C"
        ));
        let odd = batch_urls("/api", "a b", &["x,y/z".to_owned()]);
        assert_eq!(
            odd[0].0,
            "/api/communities/a%20b/participation?members=x%2Cy%2Fz"
        );
        let long: Vec<String> = (0..100)
            .map(|i| format!("{i}-{}", "x".repeat(90)))
            .collect();
        assert!(batch_urls("/api", "c", &long)
            .iter()
            .all(|(url, _)| url.len() <= BATCH_URL_MAX));
    }
}
