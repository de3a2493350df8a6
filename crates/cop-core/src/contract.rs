//! The JSON types of the project's own API: what the reference server sends and what the
//! widgets read when a placeholder gives no `data-map-*` overrides. The OpenAPI document in
//! `openapi/openapi.json` describes these; a test keeps the two in step.

use serde::{Deserialize, Serialize};

use crate::mapping::{Field, Fields, FromFields, Json, Kind};

/// A community of practice.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct Community {
    /// Stable identifier used in URLs and in `data-community`. A foreign backend mapped with
    /// `data-map-*` may not have one; the widgets do not need it.
    #[serde(default)]
    pub id: String,
    pub name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub member_count: Option<u32>,
}

/// How a widget reads a [`Community`] from any backend; `data-map-<name>` overrides a pointer.
pub const COMMUNITY_FIELDS: &[Field] = &[
    Field {
        name: "id",
        pointer: "/id",
        kind: Kind::Id,
        required: false,
        items: &[],
    },
    Field {
        name: "name",
        pointer: "/name",
        kind: Kind::Text,
        required: true,
        items: &[],
    },
    Field {
        name: "description",
        pointer: "/description",
        kind: Kind::Text,
        required: false,
        items: &[],
    },
    Field {
        name: "member_count",
        pointer: "/member_count",
        kind: Kind::Count,
        required: false,
        items: &[],
    },
];

impl FromFields for Community {
    const FIELDS: &'static [Field] = COMMUNITY_FIELDS;

    fn from_fields<J: Json>(fields: &Fields<J>, _: &[(String, String)]) -> Community {
        Community {
            id: fields.text("id").unwrap_or_default(),
            name: fields.text("name").unwrap_or_default(),
            description: fields.text("description"),
            member_count: fields.count("member_count"),
        }
    }
}

/// An error answer, as RFC 9457 problem details (`application/problem+json`).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct ProblemDetails {
    #[serde(rename = "type", default = "about_blank")]
    pub kind: String,
    pub title: String,
    pub status: u16,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub detail: Option<String>,
    /// A stable code a client can act on where the status alone does not say enough, e.g.
    /// `idempotency-in-flight`, `idempotency-key-reused`, `not-a-member`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub code: Option<String>,
    /// One entry per bad field of a request body.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub errors: Vec<FieldError>,
}

fn about_blank() -> String {
    "about:blank".to_owned()
}

/// One invalid field in a request body.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct FieldError {
    /// A JSON Pointer into the request body, e.g. `/title`.
    pub pointer: String,
    /// A stable code a client can translate: `required`, `too-long`, `control-characters`…
    pub code: String,
    /// The same in English, for people reading the raw answer.
    pub message: String,
}

impl FieldError {
    pub fn new(pointer: &str, code: &str, message: String) -> FieldError {
        FieldError {
            pointer: pointer.to_owned(),
            code: code.to_owned(),
            message,
        }
    }
}

/// A member of a community, as others see them. Never taken from a request body: the server
/// knows who is asking from the identity the host page vouches for.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct Member {
    pub id: String,
    pub display_name: String,
    /// Roles in the community: `coordinator`, `leader`, `expert`, `newcomer`, `sponsor`…
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub roles: Vec<String>,
}

/// `POST /communities/{community}/members`: the signed-in member joins a community.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct JoinRequest {
    /// How the member is shown to the community: 1 to 80 characters, no control characters.
    pub display_name: String,
}

/// The longest display name, in characters.
pub const DISPLAY_NAME_MAX: usize = 80;

impl JoinRequest {
    /// The rules the browser and the server both apply; every broken rule, not the first.
    pub fn validate(&self) -> Vec<FieldError> {
        let mut errors = Vec::new();
        let name = self.display_name.trim();
        if !crate::text::has_visible(name) {
            errors.push(FieldError::new(
                "/display_name",
                "required",
                "Enter the name to show to the community.".into(),
            ));
        } else if name.chars().count() > DISPLAY_NAME_MAX {
            errors.push(FieldError::new(
                "/display_name",
                "too-long",
                format!("Use at most {DISPLAY_NAME_MAX} characters."),
            ));
        }
        if self
            .display_name
            .chars()
            .any(crate::text::is_forbidden_control)
        {
            errors.push(FieldError::new(
                "/display_name",
                "control-characters",
                "Remove line breaks and other control characters.".into(),
            ));
        }
        errors
    }
}

/// A page of a longer list. `next` is an opaque cursor; absent on the last page.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(
    feature = "openapi",
    derive(schemars::JsonSchema),
    schemars(rename = "{T}Page")
)]
pub struct Page<T> {
    pub items: Vec<T>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub next: Option<String>,
}

/// A member's participation in a community, as the badge shows it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct Participation {
    pub community: String,
    pub member: String,
    pub display_name: String,
    /// `core`, `active`, `occasional`, `peripheral` or `transactional`.
    pub level: String,
    /// `inbound`, `insider`, `peripheral`, `boundary` or `outbound`.
    pub trajectory: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub roles: Vec<String>,
    /// Participations (contributions, replies, events) in each of the last 12 weeks, oldest first.
    pub weekly: Vec<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub next_step: Option<NextStepJson>,
    /// For a core member in their grace period: the last day they stay core (`YYYY-MM-DD`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub core_until: Option<String>,
    /// The day the standing was computed for (`YYYY-MM-DD`).
    pub as_of: String,
    /// This standing as an Open Badges 3.0 `AchievementCredential` (unsigned): a URL,
    /// absolute or relative to this document's.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub open_badge: Option<String>,
}

impl Participation {
    /// The JSON of a computed standing.
    pub fn from_standing(
        standing: &crate::participation::Standing,
        community: &str,
        member: &Member,
        as_of: crate::day::Day,
    ) -> Participation {
        Participation {
            community: community.to_owned(),
            member: member.id.clone(),
            display_name: member.display_name.clone(),
            level: standing.level.name().to_owned(),
            trajectory: standing.trajectory.name().to_owned(),
            roles: member.roles.clone(),
            weekly: standing.weekly.to_vec(),
            next_step: standing.next_step.as_ref().map(|next| NextStepJson {
                level: next.level.name().to_owned(),
                missing: next
                    .missing
                    .iter()
                    .map(|(measure, count)| Missing {
                        measure: measure.name().to_owned(),
                        count: *count,
                    })
                    .collect(),
                within_window: next.within_window,
            }),
            core_until: standing.core_until.map(|day| day.to_string()),
            open_badge: None,
            as_of: as_of.to_string(),
        }
    }
}

impl DistributionJson {
    pub fn from_distribution(
        distribution: &crate::participation::Distribution,
        community: &str,
        as_of: crate::day::Day,
    ) -> DistributionJson {
        use crate::participation::{Level, TYPICAL_ACTIVE, TYPICAL_CORE};
        let levels = Level::ALL
            .into_iter()
            .map(|level| LevelCount {
                level: level.name().to_owned(),
                count: distribution.count(level),
                percent: distribution.percent(level),
                typical: match level {
                    Level::Core => Some([TYPICAL_CORE.0, TYPICAL_CORE.1]),
                    Level::Active => Some([TYPICAL_ACTIVE.0, TYPICAL_ACTIVE.1]),
                    _ => None,
                },
            })
            .collect();
        DistributionJson {
            community: community.to_owned(),
            name: None,
            members: distribution.members(),
            levels,
            health: distribution.health().name().to_owned(),
            as_of: as_of.to_string(),
        }
    }
}

/// What the next level inward still needs.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct NextStepJson {
    pub level: String,
    /// `participations`, `contributions`, `replies`, `events`, `reads` or `days_active`, with how many more.
    pub missing: Vec<Missing>,
    /// Counted within the rolling window (the core) rather than over all time.
    pub within_window: bool,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct Missing {
    pub measure: String,
    pub count: u32,
}

/// Several members' participation at once (the member directory's pills).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct ParticipationBatch {
    pub items: Vec<Participation>,
    /// Requested members who are not in the community.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub unknown: Vec<String>,
    /// Those of `unknown` that no member of any community has as id: no such member is
    /// known, as opposed to a member of another community.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub not_found: Vec<String>,
}

/// A community's spread over the levels: the coordinator's health check.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct DistributionJson {
    pub community: String,
    /// The community's display name, the badge's title; absent where the backend has none.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// Members, without transactional participants.
    pub members: u32,
    /// Per level, in order from the centre out.
    pub levels: Vec<LevelCount>,
    /// `alive`, `thin-core`, `closed`, `dormant` or `no-members`.
    pub health: String,
    pub as_of: String,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct LevelCount {
    pub level: String,
    pub count: u32,
    /// Share of the members, in whole per cent.
    pub percent: u32,
    /// The typical share from the literature, `[low, high]` per cent, where there is one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub typical: Option<[u32; 2]>,
}

/// `GET /network`: every community the server has, at a glance, for the lead who runs many of
/// them — a page of them in the order asked, with counts over all of them.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct NetworkOverview {
    pub items: Vec<NetworkCommunity>,
    /// The cursor of the next page, in the same order; absent on the last page.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub next: Option<String>,
    /// The order of `items`: `attention` (the default), `name`, `members` or `trend`, or one
    /// of them reversed with a leading `-`.
    pub sort: String,
    /// Communities on all pages together.
    pub communities: u32,
    /// Of those, how many need attention (`attention` not empty)…
    pub needing_attention: u32,
    /// …and how many are showcases.
    pub showcases: u32,
    /// The day the levels and the trend were computed for (`YYYY-MM-DD`).
    pub as_of: String,
}

/// One community in the network view.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct NetworkCommunity {
    pub id: String,
    pub name: String,
    /// Members, without transactional participants (the distribution's `members`).
    pub member_count: u32,
    /// The distribution's verdict: `alive`, `thin-core`, `closed`, `dormant` or `no-members`.
    pub health: String,
    /// The spread in miniature: per level, from the centre out, as the distribution gives it.
    pub levels: Vec<LevelCount>,
    pub trend: TrendJson,
    /// Why it needs attention, most pressing first: `dormant`, `shrinking`, `thin-core`,
    /// `no-members`; empty when it does not.
    pub attention: Vec<String>,
    /// Thriving: alive, at least 10 % at the core and 25 % core and active together, and not
    /// shrinking — a community the others can learn from.
    pub showcase: bool,
}

/// Active-or-core members this quarter (the 91 days up to `as_of`) against the quarter
/// before: members at the core or active level as of a quarter's last day who took part
/// (a contribution, reply or event) within it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct TrendJson {
    pub this_quarter: u32,
    pub last_quarter: u32,
    /// `this_quarter - last_quarter`.
    pub change: i64,
    /// `up`, `steady` or `down`: a change of at least 2 members and a tenth of the quarter
    /// before, else `steady`.
    pub direction: String,
}

impl NetworkCommunity {
    /// What [`crate::network::Sort`] orders it by.
    pub fn line(&self) -> crate::network::Line<'_> {
        crate::network::Line {
            id: &self.id,
            name: &self.name,
            members: self.member_count,
            change: self.trend.change,
            attention: crate::network::pressing(
                self.attention
                    .iter()
                    .map(|reason| crate::participation::Attention::from_name(reason)),
            ),
            showcase: self.showcase,
        }
    }

    /// A community's line in the network view, from its [`Overview`](crate::participation::Overview).
    pub fn from_overview(
        overview: &crate::participation::Overview,
        id: &str,
        name: &str,
    ) -> NetworkCommunity {
        let distribution = &overview.distribution;
        let trend = &overview.trend;
        NetworkCommunity {
            id: id.to_owned(),
            name: name.to_owned(),
            member_count: distribution.members(),
            health: distribution.health().name().to_owned(),
            levels: DistributionJson::from_distribution(distribution, id, crate::day::Day(0))
                .levels,
            trend: TrendJson {
                this_quarter: trend.this_quarter,
                last_quarter: trend.last_quarter,
                change: trend.change(),
                direction: trend.direction().name().to_owned(),
            },
            attention: overview
                .attention()
                .iter()
                .map(|reason| reason.name().to_owned())
                .collect(),
            showcase: overview.is_showcase(),
        }
    }
}

/// `POST /communities/{community}/activity`: the signed-in member did something today.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct ActivityRecord {
    /// `contribution`, `reply`, `event`, `read` or `visit`.
    pub kind: String,
    /// How many; 1 when absent. At most 1000 in one record.
    #[serde(default = "one")]
    pub count: u32,
}

fn one() -> u32 {
    1
}

/// The largest count one activity record may carry.
pub const ACTIVITY_COUNT_MAX: u32 = 1000;

impl ActivityRecord {
    pub fn kind(&self) -> Option<crate::participation::ActivityKind> {
        use crate::participation::ActivityKind;
        Some(match self.kind.as_str() {
            "contribution" => ActivityKind::Contribution,
            "reply" => ActivityKind::Reply,
            "event" => ActivityKind::Event,
            "read" => ActivityKind::Read,
            "visit" => ActivityKind::Visit,
            _ => return None,
        })
    }

    pub fn validate(&self) -> Vec<FieldError> {
        let mut errors = Vec::new();
        if self.kind().is_none() {
            errors.push(FieldError::new(
                "/kind",
                "unknown-kind",
                format!("“{}” is not a kind of activity; use contribution, reply, event, read or visit.", self.kind),
            ));
        }
        if !(1..=ACTIVITY_COUNT_MAX).contains(&self.count) {
            errors.push(FieldError::new(
                "/count",
                "out-of-range",
                format!("Use a count from 1 to {ACTIVITY_COUNT_MAX}."),
            ));
        }
        errors
    }
}

/// A community's thresholds for the levels of participation (see `participation::Thresholds`).
/// Gates map a measure (`participations`, `contributions`, `replies`, `events`, `reads`,
/// `days_active`) to its minimum; all must be met.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct ThresholdsJson {
    /// Cumulative, over all time.
    pub occasional: std::collections::BTreeMap<String, u32>,
    /// Cumulative, over all time.
    pub active: std::collections::BTreeMap<String, u32>,
    /// Within the rolling window.
    pub core: std::collections::BTreeMap<String, u32>,
    /// The core's rolling window, in days (7 to 365).
    pub window_days: u32,
    /// Days a member stays core after last meeting the gate (0 to 60).
    pub grace_days: u32,
    /// Trajectories compare the last `trend_days` with the ones before (7 to 120).
    pub trend_days: u32,
}

impl ThresholdsJson {
    pub fn from_thresholds(thresholds: &crate::participation::Thresholds) -> ThresholdsJson {
        let gate = |gate: &crate::participation::Gate| {
            gate.0
                .iter()
                .map(|(measure, n)| (measure.name().to_owned(), *n))
                .collect()
        };
        ThresholdsJson {
            occasional: gate(&thresholds.occasional),
            active: gate(&thresholds.active),
            core: gate(&thresholds.core),
            window_days: thresholds.window_days,
            grace_days: thresholds.grace_days,
            trend_days: thresholds.trend_days,
        }
    }

    /// The thresholds, or every field that is wrong.
    pub fn to_thresholds(&self) -> Result<crate::participation::Thresholds, Vec<FieldError>> {
        use crate::participation::{Gate, Measure, Thresholds};
        let mut errors = Vec::new();
        let mut gate = |name: &str, map: &std::collections::BTreeMap<String, u32>| -> Gate {
            let mut gate = Vec::new();
            for (measure, minimum) in map {
                let pointer = format!("/{name}/{measure}");
                match Measure::from_name(measure) {
                    None => errors.push(FieldError::new(
                        &pointer,
                        "unknown-measure",
                        format!("“{measure}” is not a measure; use participations, contributions, replies, events, reads or days_active."),
                    )),
                    Some(_) if *minimum > 100_000 => errors.push(FieldError::new(&pointer, "out-of-range", "Use a minimum from 0 to 100000.".into())),
                    Some(measure) => gate.push((measure, *minimum)),
                }
            }
            Gate(gate)
        };
        let occasional = gate("occasional", &self.occasional);
        let active = gate("active", &self.active);
        let core = gate("core", &self.core);
        let mut range = |pointer: &str, value: u32, low: u32, high: u32| {
            if !(low..=high).contains(&value) {
                errors.push(FieldError::new(
                    pointer,
                    "out-of-range",
                    format!("Use a number of days from {low} to {high}."),
                ));
            }
        };
        range("/window_days", self.window_days, 7, 365);
        range("/grace_days", self.grace_days, 0, 60);
        range("/trend_days", self.trend_days, 7, 120);
        let core_days = core
            .0
            .iter()
            .find(|(m, _)| *m == Measure::DaysActive)
            .map_or(0, |(_, n)| *n);
        if core_days > self.window_days {
            errors.push(FieldError::new(
                "/core/days_active",
                "unreachable",
                format!(
                    "No one can be active on {core_days} days of a {}-day window.",
                    self.window_days
                ),
            ));
        }
        if !errors.is_empty() {
            return Err(errors);
        }
        Ok(Thresholds {
            occasional,
            active,
            core,
            window_days: self.window_days,
            grace_days: self.grace_days,
            trend_days: self.trend_days,
        })
    }
}

/// `POST /communities/{community}/stories`: a value-creation story. Plain text throughout:
/// whatever it contains is shown as text, never interpreted as HTML.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct StoryRequest {
    pub title: String,
    /// Answers by cycle: `immediate`, `potential`, `applied`, `realized`, `reframing`,
    /// `strategic`, `enabling`, `loop`.
    #[serde(default)]
    pub answers: std::collections::BTreeMap<String, String>,
    /// Links to documents (http or https).
    #[serde(default)]
    pub links: Vec<String>,
    #[serde(default)]
    pub tags: Vec<String>,
    /// The member agrees that the story goes into reports to sponsors.
    #[serde(default)]
    pub share_with_sponsors: bool,
    /// Other members see the story without the author's name.
    #[serde(default)]
    pub anonymous: bool,
}

/// A story as stored.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct Story {
    pub id: String,
    pub community: String,
    pub title: String,
    /// The answered cycles, in the template's order.
    pub answers: Vec<Answer>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub links: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub tags: Vec<String>,
    pub share_with_sponsors: bool,
    pub anonymous: bool,
    /// Absent for anonymous stories, except to their author.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub author: Option<Author>,
    /// When the server stored it, RFC 3339 UTC.
    pub created_at: String,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct Answer {
    pub cycle: String,
    pub text: String,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct Author {
    pub id: String,
    pub display_name: String,
}

/// Who speaks in a video interview.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct Speaker {
    pub name: String,
    /// Their role in the community or their organisation, e.g. "Science teacher, Porto".
    pub role: String,
}

/// Where a video is played from: an embedded YouTube or Vimeo player, or the page's own
/// `<video>` element with file sources.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
#[serde(rename_all = "lowercase")]
pub enum VideoProvider {
    Youtube,
    Vimeo,
    File,
}

impl VideoProvider {
    pub fn name(self) -> &'static str {
        match self {
            VideoProvider::Youtube => "youtube",
            VideoProvider::Vimeo => "vimeo",
            VideoProvider::File => "file",
        }
    }

    pub fn from_name(name: &str) -> Option<VideoProvider> {
        match name {
            "youtube" => Some(VideoProvider::Youtube),
            "vimeo" => Some(VideoProvider::Vimeo),
            "file" => Some(VideoProvider::File),
            _ => None,
        }
    }
}

/// One file of a `file` video, as an HTML `<source>`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct VideoSource {
    /// The file's URL (http, https or a path on the server).
    pub src: String,
    /// Its MIME type: `video/mp4` or `video/webm`.
    #[serde(rename = "type")]
    pub mime_type: String,
}

/// Captions of a video: a WebVTT file and its language.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct Captions {
    /// The WebVTT file's URL.
    pub src: String,
    /// BCP 47 language tag, e.g. `en`, `pt-BR`.
    pub language: String,
}

/// A member's video interview, as the carousel shows it. The speaker's contact address is
/// never part of it (the coordinator's notes alone use it).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct Video {
    pub id: String,
    pub community: String,
    pub title: String,
    pub speaker: Speaker,
    /// One line: why this interview matters to the community.
    pub why: String,
    pub duration_seconds: u32,
    pub provider: VideoProvider,
    /// The video's id at YouTube or Vimeo; absent for `file`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub provider_id: Option<String>,
    /// The files of a `file` video, in order of preference; empty otherwise.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub sources: Vec<VideoSource>,
    /// The poster image's URL.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub poster: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub captions: Option<Captions>,
    /// The full transcript, plain text.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub transcript: Option<String>,
    /// The speaker's member id, when they are a member of the community.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub member: Option<String>,
}

/// `POST /communities/{community}/videos`: a coordinator adds a video interview. The provider
/// is detected from `url` (`video::detect`): a YouTube or Vimeo page, or a `.mp4`/`.webm`
/// file; `sources` may add more files (e.g. a WebM beside the MP4).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct VideoRequest {
    pub title: String,
    pub speaker: Speaker,
    pub why: String,
    pub duration_seconds: u32,
    /// The video: `https://www.youtube.com/watch?v=…`, `https://youtu.be/…`,
    /// `https://www.youtube.com/embed/…`, `https://vimeo.com/123…`, or a file ending `.mp4`
    /// or `.webm`.
    pub url: String,
    /// More files of a `file` video.
    #[serde(default)]
    pub sources: Vec<VideoSource>,
    #[serde(default)]
    pub poster: Option<String>,
    #[serde(default)]
    pub captions: Option<Captions>,
    #[serde(default)]
    pub transcript: Option<String>,
    /// The speaker's member id in the community, if they are a member.
    #[serde(default)]
    pub member: Option<String>,
    /// Where the coordinator's notes to the speaker go (`mailto:`); never shown publicly.
    #[serde(default)]
    pub contact_email: Option<String>,
}

/// A period in which a community features some videos; both days included.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct VideoCycle {
    pub id: String,
    pub community: String,
    pub name: String,
    /// First day, `YYYY-MM-DD`.
    pub starts: String,
    /// Last day, `YYYY-MM-DD` (included).
    pub ends: String,
}

/// `POST /communities/{community}/cycles`: a coordinator opens a cycle.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct CycleRequest {
    pub name: String,
    /// `YYYY-MM-DD`.
    pub starts: String,
    /// `YYYY-MM-DD`, on or after `starts`, at most 366 days later.
    pub ends: String,
}

/// `PUT …/cycles/{cycle}/featured`: the videos the carousel shows in the cycle, in order.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct FeaturedRequest {
    /// Ids of the community's videos, each once; at most 31.
    pub videos: Vec<String>,
}

/// What the carousel widget reads: the cycle and its featured videos in order.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct Carousel {
    pub cycle: VideoCycle,
    pub videos: Vec<Video>,
}

/// `POST …/cycles/{cycle}/events`: what one page view of the carousel saw and chose, sent
/// with `navigator.sendBeacon` (`text/plain` or `application/json`). Each (page view, video,
/// kind) counts once, however often it is sent.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct EventBatch {
    /// A random id the widget makes once per page view: 8 to 64 letters, digits, `-` or `_`.
    pub page_view: String,
    /// Videos shown.
    #[serde(default)]
    pub impressions: Vec<String>,
    /// Videos chosen (played); a chosen video also counts as shown.
    #[serde(default)]
    pub selections: Vec<String>,
}

/// The answer to an [`EventBatch`]: how many of its events were new (not counted before).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct EventsCounted {
    pub impressions: u32,
    pub selections: u32,
}

/// One featured video's numbers in a cycle.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct SelectionRow {
    /// 1 for the highest selection rate; ties share a rank.
    pub rank: u32,
    pub video: String,
    pub title: String,
    pub speaker: String,
    /// Page views that showed it.
    pub impressions: u64,
    /// Page views in which it was chosen.
    pub selections: u64,
    /// `selections / impressions`, from 0 to 1 (0 without impressions).
    pub rate: f64,
}

/// `GET …/cycles/{cycle}/selection`: the featured videos ranked by selection rate.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct SelectionReport {
    pub cycle: VideoCycle,
    pub videos: Vec<SelectionRow>,
}

/// A note the coordinator may send to a featured speaker.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct SpeakerNote {
    pub video: String,
    pub speaker: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub member: Option<String>,
    /// `featured` (the video is in the cycle) or `results` (the cycle ended: how often it was chosen).
    pub kind: String,
    /// The note's language (BCP 47); English for now.
    pub language: String,
    pub subject: String,
    pub body: String,
    /// The note as a `mailto:` link, addressed when the video has a contact address.
    pub mailto: String,
}

/// `POST /recurrence/expand`: a series in RFC 5545 text and the window to expand it in.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct ExpandRequest {
    /// The series' lines: one `DTSTART` (with `TZID=…`, in UTC with `Z`, floating, or
    /// `VALUE=DATE`), at most one `RRULE`, any `RDATE` and `EXDATE`, separated by line breaks;
    /// then any overrides (`BEGIN:VEVENT`, `RECURRENCE-ID`, a new `DTSTART` or
    /// `STATUS:CANCELLED`, `END:VEVENT`). A whole `.ics` file with one series is read too.
    pub ical: String,
    /// The window's start, included: an RFC 3339 date-time with `Z` or an offset.
    pub from: String,
    /// The window's end, excluded: an RFC 3339 date-time with `Z` or an offset.
    pub to: String,
    /// The most occurrences to return: 1 to 1000 (default 100).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub limit: Option<u32>,
    /// The IANA zone floating times and all-day dates are read in to place them in the
    /// window (the member's own zone); UTC if absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub floating_zone: Option<String>,
}

/// The default and largest `limit` of an [`ExpandRequest`].
pub const EXPAND_DEFAULT_LIMIT: u32 = 100;
pub const EXPAND_MAX_LIMIT: u32 = 1000;

/// The checked parts of an [`ExpandRequest`].
#[derive(Clone, Debug)]
pub struct ExpandQuery {
    pub series: crate::recurrence::Series,
    pub from: crate::zone::Instant,
    pub to: crate::zone::Instant,
    pub limit: u32,
}

impl ExpandRequest {
    /// The series parsed and the window checked; every broken rule, not the first. A zone
    /// name is only checked when expanding (the zone database is the caller's).
    pub fn validate(&self) -> Result<ExpandQuery, Vec<FieldError>> {
        use crate::zone::Instant;
        let mut errors = Vec::new();
        let series = crate::recurrence::Series::parse(&self.ical)
            .map_err(|error| errors.push(recurrence_error(&error)))
            .ok();
        let mut instant = |pointer: &str, text: &str| {
            let parsed = Instant::parse_rfc3339(text);
            if parsed.is_none() {
                errors.push(FieldError::new(
                    pointer,
                    "not-a-date-time",
                    format!("Give an RFC 3339 date-time with Z or an offset, such as 2026-01-05T09:00:00Z; got “{text}”."),
                ));
            }
            parsed
        };
        let from = instant("/from", &self.from);
        let to = instant("/to", &self.to);
        if let (Some(from), Some(to)) = (from, to) {
            if to <= from {
                errors.push(FieldError::new(
                    "/to",
                    "before-from",
                    "`to` must be later than `from`.".into(),
                ));
            }
        }
        let limit = self.limit.unwrap_or(EXPAND_DEFAULT_LIMIT);
        if !(1..=EXPAND_MAX_LIMIT).contains(&limit) {
            errors.push(FieldError::new(
                "/limit",
                "out-of-range",
                format!("`limit` must be from 1 to {EXPAND_MAX_LIMIT}."),
            ));
        }
        match (series, from, to) {
            (Some(series), Some(from), Some(to)) if errors.is_empty() => Ok(ExpandQuery {
                series,
                from,
                to,
                limit,
            }),
            _ => Err(errors),
        }
    }
}

/// A series that cannot be expanded, as a field error on `/ical` naming the part at fault
/// (`code`: `unknown-time-zone` for a zone the database does not know, else `invalid-recurrence`).
pub fn recurrence_error(error: &crate::recurrence::RecurrenceError) -> FieldError {
    let code = if error.part() == "TZID" {
        "unknown-time-zone"
    } else {
        "invalid-recurrence"
    };
    FieldError::new("/ical", code, error.message().to_owned())
}

/// The kinds of a community's calendar events.
pub const EVENT_KINDS: &[&str] = &[
    "call",
    "webinar",
    "case-clinic",
    "workshop",
    "face-to-face",
    "other",
];

/// The longest event: a week, in minutes (a face-to-face meeting may last days).
pub const EVENT_MAX_MINUTES: u32 = 7 * 24 * 60;

/// One event of a community's calendar: a recurring series (a weekly call, a monthly
/// webinar…) or a one-off, with the occurrences moved or cancelled.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct CalendarEvent {
    pub id: String,
    pub community: String,
    pub title: String,
    /// `call`, `webinar`, `case-clinic`, `workshop`, `face-to-face` or `other`.
    pub kind: String,
    /// Where it happens: a URL (the call's link) or a place.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub r#where: Option<String>,
    pub duration_minutes: u32,
    /// When: RFC 5545 lines, `DTSTART;TZID=…` (or UTC with `Z`) and, for a series, `RRULE`,
    /// `EXDATE`, `RDATE`; one line each, separated by `\n`.
    pub timing: String,
    /// The IANA zone of `DTSTART` (`UTC` for a start with `Z`): the wall clock it keeps.
    pub zone: String,
    /// Occurrences cancelled or moved, by their original start (UTC), in order.
    pub overrides: Vec<OccurrenceOverride>,
    /// Moves on with every change of the event or of one of its occurrences (iCalendar's
    /// `SEQUENCE`).
    pub sequence: u32,
}

/// One occurrence of a series cancelled, or moved to another start.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct OccurrenceOverride {
    /// The occurrence's original start: an RFC 3339 UTC date-time.
    pub recurrence_id: String,
    pub cancelled: bool,
    /// Its new start (RFC 3339 UTC), when moved.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub start: Option<String>,
}

/// `POST` and `PUT …/events`: an event as a coordinator or a leader writes it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct EventRequest {
    /// 1 to 200 characters.
    pub title: String,
    /// `call`, `webinar`, `case-clinic`, `workshop`, `face-to-face` or `other`.
    pub kind: String,
    /// A URL or a place, up to 500 characters.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub r#where: Option<String>,
    /// 1 to 10080 (a week).
    pub duration_minutes: u32,
    /// RFC 5545 lines: one `DTSTART;TZID=Area/City:YYYYMMDDTHHMMSS` (or `DTSTART:…Z`, or
    /// `DTSTART;VALUE=DATE:YYYYMMDD` for an all-day event, whose `duration_minutes` is then
    /// whole days), and for a series one `RRULE`, any `EXDATE` and `RDATE`. No overrides here: cancel or move an
    /// occurrence with `POST …/events/{event}/occurrences`.
    pub timing: String,
}

/// The checked parts of an [`EventRequest`].
#[derive(Clone, Debug)]
pub struct ValidEvent {
    pub title: String,
    pub kind: String,
    pub r#where: Option<String>,
    pub duration_minutes: u32,
    /// The timing's lines unfolded, trimmed, joined with `\n`.
    pub timing: String,
    pub series: crate::recurrence::Series,
    /// The zone of `DTSTART` (`UTC` for `Z`); checked against a zone database by the caller.
    pub zone: String,
}

/// A series refused, as a field error on `/timing` naming the part at fault (as
/// [`recurrence_error`] does for `/ical`).
pub fn timing_error(error: &crate::recurrence::RecurrenceError) -> FieldError {
    let mut field = recurrence_error(error);
    field.pointer = "/timing".to_owned();
    field
}

/// The zone of a `DTSTART` line (`DTSTART;TZID=Europe/Vienna:…` → `Europe/Vienna`, a UTC
/// start `DTSTART:…Z` → `UTC`), or `None` for a floating time or a date.
pub fn dtstart_zone(line: &str) -> Option<String> {
    let (name, value) = line.split_once(':')?;
    let mut params = name.split(';');
    if !params.next()?.eq_ignore_ascii_case("DTSTART") {
        return None;
    }
    let mut zone = None;
    for param in params {
        let (key, val) = param.split_once('=')?;
        if key.eq_ignore_ascii_case("TZID") {
            zone = Some(val.trim_matches('"').to_owned());
        } else if key.eq_ignore_ascii_case("VALUE") && val.eq_ignore_ascii_case("DATE") {
            return None;
        }
    }
    match zone {
        Some(zone) => Some(zone),
        None if value.ends_with(['Z', 'z']) => Some("UTC".to_owned()),
        None => None,
    }
}

impl EventRequest {
    /// Every broken rule, not the first. A zone name is checked by the caller (the zone
    /// database is theirs).
    pub fn validate(&self) -> Result<ValidEvent, Vec<FieldError>> {
        let mut errors = Vec::new();
        let title = self.title.trim();
        if title.is_empty() {
            errors.push(FieldError::new(
                "/title",
                "required",
                "Give the event a title.".into(),
            ));
        } else if title.chars().count() > 200 {
            errors.push(FieldError::new(
                "/title",
                "too-long",
                "A title has at most 200 characters.".into(),
            ));
        }
        if title.chars().any(char::is_control) {
            errors.push(FieldError::new(
                "/title",
                "control-characters",
                "A title is one line of text.".into(),
            ));
        }
        if !EVENT_KINDS.contains(&self.kind.as_str()) {
            errors.push(FieldError::new(
                "/kind",
                "unknown-kind",
                format!("“{}” is not one of {}.", self.kind, EVENT_KINDS.join(", ")),
            ));
        }
        let place = self
            .r#where
            .as_deref()
            .map(str::trim)
            .filter(|w| !w.is_empty());
        if let Some(place) = place {
            if place.chars().count() > 500 {
                errors.push(FieldError::new(
                    "/where",
                    "too-long",
                    "`where` has at most 500 characters.".into(),
                ));
            }
            if place.chars().any(char::is_control) {
                errors.push(FieldError::new(
                    "/where",
                    "control-characters",
                    "`where` is one line of text.".into(),
                ));
            }
        }
        if !(1..=EVENT_MAX_MINUTES).contains(&self.duration_minutes) {
            errors.push(FieldError::new(
                "/duration_minutes",
                "out-of-range",
                format!("`duration_minutes` must be from 1 to {EVENT_MAX_MINUTES}."),
            ));
        }
        // Unfolded, one property a line: what the series is stored and exported as.
        let mut lines: Vec<String> = Vec::new();
        for raw in self.timing.split('\n') {
            let raw = raw.strip_suffix('\r').unwrap_or(raw);
            match (raw.strip_prefix([' ', '\t']), lines.last_mut()) {
                (Some(rest), Some(last)) => last.push_str(rest),
                _ if raw.trim().is_empty() => {}
                _ => lines.push(raw.trim().to_owned()),
            }
        }
        let mut zone = None;
        let mut timing_ok = true;
        for line in &lines {
            let name = line
                .split([';', ':'])
                .next()
                .unwrap_or("")
                .to_ascii_uppercase();
            if !matches!(name.as_str(), "DTSTART" | "RRULE" | "EXDATE" | "RDATE") {
                timing_ok = false;
                errors.push(FieldError::new(
                    "/timing",
                    "invalid-recurrence",
                    format!("{name}: the timing has only DTSTART, RRULE, EXDATE and RDATE lines (cancel or move an occurrence with POST …/occurrences)."),
                ));
            } else if name == "DTSTART" {
                // An all-day event's dates are the same in every zone: it keeps UTC's.
                let all_day = line.split(':').next().is_some_and(|params| {
                    params
                        .split(';')
                        .any(|p| p.eq_ignore_ascii_case("VALUE=DATE"))
                });
                zone = dtstart_zone(line).or_else(|| all_day.then(|| "UTC".to_owned()));
                if zone.is_none() {
                    timing_ok = false;
                    errors.push(FieldError::new(
                        "/timing",
                        "invalid-recurrence",
                        "DTSTART needs a zone (DTSTART;TZID=Europe/Vienna:20260105T090000), UTC (…Z), or a date for an all-day event (DTSTART;VALUE=DATE:20261224): members are in several zones.".into(),
                    ));
                }
            }
        }
        let timing = lines.join("\n");
        let series = if timing_ok {
            crate::recurrence::Series::parse(&timing)
                .map_err(|error| errors.push(timing_error(&error)))
                .ok()
        } else {
            None
        };
        if series.as_ref().is_some_and(|s| s.all_day()) && self.duration_minutes % (24 * 60) != 0 {
            errors.push(FieldError::new(
                "/duration_minutes",
                "whole-days",
                "An all-day event lasts whole days: `duration_minutes` is 1440, 2880, …".into(),
            ));
        }
        match (series, zone) {
            (Some(series), Some(zone)) if errors.is_empty() => Ok(ValidEvent {
                title: title.to_owned(),
                kind: self.kind.clone(),
                r#where: place.map(str::to_owned),
                duration_minutes: self.duration_minutes,
                timing,
                series,
                zone,
            }),
            _ => Err(errors),
        }
    }
}

/// `POST …/events/{event}/occurrences`: one occurrence cancelled
/// (`{"recurrence_id": "…", "cancelled": true}`) or moved (`{"recurrence_id": "…", "start": "…"}`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct OccurrenceChange {
    /// The occurrence's original start, as `GET …/occurrences` gives it: RFC 3339.
    pub recurrence_id: String,
    /// `true` cancels the occurrence.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cancelled: Option<bool>,
    /// Its new start: RFC 3339 with `Z` or an offset.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub start: Option<String>,
}

impl OccurrenceChange {
    /// (original start, new start or `None` when cancelled), or every broken rule.
    pub fn validate(
        &self,
    ) -> Result<(crate::zone::Instant, Option<crate::zone::Instant>), Vec<FieldError>> {
        use crate::zone::Instant;
        let mut errors = Vec::new();
        let not_instant = |pointer: &str, text: &str| {
            FieldError::new(
                pointer,
                "not-a-date-time",
                format!("Give an RFC 3339 date-time with Z or an offset, such as 2026-01-05T09:00:00Z; got “{text}”."),
            )
        };
        let original = Instant::parse_rfc3339(&self.recurrence_id);
        if original.is_none() {
            errors.push(not_instant("/recurrence_id", &self.recurrence_id));
        }
        let start = match (&self.start, self.cancelled) {
            (Some(start), None | Some(false)) => {
                let parsed = Instant::parse_rfc3339(start);
                if parsed.is_none() {
                    errors.push(not_instant("/start", start));
                }
                parsed
            }
            (None, Some(true)) => None,
            _ => {
                errors.push(FieldError::new(
                    "",
                    "cancel-or-move",
                    "Send either \"cancelled\": true or a new \"start\".".into(),
                ));
                None
            }
        };
        match original {
            Some(original) if errors.is_empty() => Ok((original, start)),
            _ => Err(errors),
        }
    }
}

/// One occurrence of a community's calendar, as `GET …/occurrences` lists them.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct CalendarOccurrence {
    /// Its start: an RFC 3339 UTC date-time. For an all-day occurrence, its date's midnight
    /// in UTC (`2026-12-24T00:00:00Z` for 24 December, which is the 24th in every zone).
    pub start: String,
    /// Its end: `start` plus the event's duration.
    pub end: String,
    /// Its original start, by which it is cancelled or moved (differs from `start` when moved).
    pub recurrence_id: String,
    pub moved: bool,
    pub event: String,
    pub title: String,
    pub kind: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub r#where: Option<String>,
    pub duration_minutes: u32,
    /// The event's zone: its wall clock.
    pub zone: String,
    /// An all-day event (`DTSTART;VALUE=DATE`): `start`, `end` and `recurrence_id` are dates,
    /// each given as its midnight in UTC; show them as dates, not as instants.
    #[serde(default)]
    pub all_day: bool,
}

/// The answer of `GET …/occurrences`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct CalendarOccurrences {
    /// By start, then event id.
    pub occurrences: Vec<CalendarOccurrence>,
    /// `false` when `limit` cut the list (or an event's expansion hit its caps).
    pub complete: bool,
}

/// The answer to `POST /recurrence/expand`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct ExpandResponse {
    /// The occurrences in the window, in order: RFC 3339 UTC date-times
    /// (`2026-01-05T08:00:00Z`), or dates (`2026-01-05`) for an all-day series.
    pub occurrences: Vec<String>,
    /// `false` when the window holds more than `limit` occurrences, or the engine stopped
    /// looking before the window's end (a rule that keeps missing): ask again from after the
    /// last occurrence.
    pub complete: bool,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::mapping::extract;
    use serde_json::json;

    #[test]
    fn the_contract_json_maps_onto_the_model_unchanged() {
        let community = Community {
            id: "teachers".into(),
            name: "Teachers' network".into(),
            description: None,
            member_count: Some(220),
        };
        let document = serde_json::to_value(&community).unwrap();
        let mapped = extract(&document, COMMUNITY_FIELDS, |_| None).unwrap();
        assert_eq!(Community::from_fields(&mapped, &[]), community);
        // …and what the server sends is what serde reads back.
        assert_eq!(
            serde_json::from_value::<Community>(document).unwrap(),
            community
        );
    }

    #[test]
    fn a_foreign_document_with_only_the_required_fields_maps_onto_the_model() {
        let foreign = json!({"data": {"title": "Lehrkräfte"}});
        let mapped = extract(&foreign, COMMUNITY_FIELDS, |field| {
            (field == "name").then(|| "/data/title".to_owned())
        })
        .unwrap();
        let community = Community::from_fields(&mapped, &[]);
        assert_eq!(
            (
                community.name.as_str(),
                community.id.as_str(),
                community.member_count
            ),
            ("Lehrkräfte", "", None)
        );
        // serde agrees that id may be absent (a server answer without one still reads).
        assert!(serde_json::from_value::<Community>(json!({"name": "x"})).is_ok());
    }

    #[test]
    fn join_requests_are_validated_field_by_field() {
        let valid = JoinRequest {
            display_name: "Amina Diallo".into(),
        };
        assert!(valid.validate().is_empty());
        let codes = |name: &str| -> Vec<String> {
            JoinRequest {
                display_name: name.into(),
            }
            .validate()
            .into_iter()
            .map(|e| e.code)
            .collect()
        };
        assert_eq!(codes(""), ["required"]);
        assert_eq!(codes("   "), ["required"]);
        assert_eq!(
            codes(&"é".repeat(80)),
            Vec::<String>::new(),
            "80 characters, not bytes"
        );
        assert_eq!(codes(&"é".repeat(81)), ["too-long"]);
        assert_eq!(codes("Amina\nDiallo"), ["control-characters"]);
        assert_eq!(codes("\n"), ["required", "control-characters"]);
        assert_eq!(
            codes("\u{200B}\u{200B}"),
            ["required", "control-characters"],
            "zero-width spaces are not a name"
        );
        assert_eq!(
            codes("Amina\u{202E}olleh"),
            ["control-characters"],
            "no bidi overrides"
        );
        assert_eq!(codes("\u{FEFF}Amina"), ["control-characters"]);
        assert_eq!(
            codes("\u{0645}\u{06CC}\u{200C}\u{0634}\u{0648}\u{062F}"),
            Vec::<String>::new(),
            "Persian keeps its zero-width non-joiner"
        );
        let error = &JoinRequest {
            display_name: String::new(),
        }
        .validate()[0];
        assert_eq!(error.pointer, "/display_name");
    }

    #[test]
    fn activity_records_are_validated() {
        let record: ActivityRecord = serde_json::from_value(json!({"kind": "reply"})).unwrap();
        assert_eq!(record.count, 1, "count defaults to one");
        assert!(record.validate().is_empty());
        let bad = ActivityRecord {
            kind: "like".into(),
            count: 0,
        };
        let codes: Vec<String> = bad.validate().into_iter().map(|e| e.code).collect();
        assert_eq!(codes, ["unknown-kind", "out-of-range"]);
        assert_eq!(
            ActivityRecord {
                kind: "visit".into(),
                count: ACTIVITY_COUNT_MAX + 1
            }
            .validate()
            .len(),
            1
        );
    }

    #[test]
    fn thresholds_round_trip_and_are_validated() {
        use crate::participation::Thresholds;
        let defaults = ThresholdsJson::from_thresholds(&Thresholds::default());
        assert_eq!(defaults.core.get("days_active"), Some(&30));
        let back = defaults.to_thresholds().unwrap();
        // Gate order may differ (maps are sorted); compare what the gates demand.
        for measure in crate::participation::Measure::ALL {
            let minimum = |t: &Thresholds| {
                t.core
                    .0
                    .iter()
                    .find(|(m, _)| *m == measure)
                    .map(|(_, n)| *n)
            };
            assert_eq!(
                minimum(&back),
                minimum(&Thresholds::default()),
                "{measure:?}"
            );
        }
        let mut bad = defaults.clone();
        bad.core.insert("likes".into(), 3);
        bad.window_days = 400;
        bad.core.insert("days_active".into(), 500);
        let pointers: Vec<String> = bad
            .to_thresholds()
            .unwrap_err()
            .into_iter()
            .map(|e| e.pointer)
            .collect();
        assert_eq!(
            pointers,
            ["/core/likes", "/window_days", "/core/days_active"]
        );
    }

    #[test]
    fn problem_details_default_their_type() {
        let problem: ProblemDetails =
            serde_json::from_value(json!({"title": "Bad", "status": 422})).unwrap();
        assert_eq!(problem.kind, "about:blank");
        assert!(problem.errors.is_empty());
    }
}
