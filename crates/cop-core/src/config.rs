//! A placeholder's `data-*` attributes → a typed [`WidgetConfig`], or every [`Problem`] found.
//!
//! Page-wide defaults come from the script tag (`data-api`, `data-locale`, `data-theme`,
//! `data-credentials`); the placeholder's own attribute of the same name wins. Each problem
//! names the attribute, the value found and what was expected, so the error box in the
//! widget's space tells an admin exactly what to change.

use crate::badge::Variant;
use crate::i18n::{fill, Lang, Msg, Part};
use crate::mapping::{self, Field};
use crate::story::{cycles_from_list, CYCLE_NAMES};
use crate::template::{self, Template};
use crate::text::{closest, split_once_str};

/// The attribute that makes an element a placeholder, and names its widget.
pub const WIDGET_ATTRIBUTE: &str = "data-cop-widget";
/// The attribute the library writes: `loading`, `ready` or `error`.
pub const STATE_ATTRIBUTE: &str = "data-cop-state";
/// Placeholder attributes that map a model field to a JSON Pointer: `data-map-<field>`.
pub const MAP_PREFIX: &str = "data-map-";

/// The widgets this version can show. The error for an unknown name lists them.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum WidgetKind {
    /// The diagnostic widget: shows its resolved configuration and, given a community,
    /// fetches it through the same client every widget uses.
    Hello,
    /// Where a member stands in a community and which way they are moving (`data-variant`
    /// `pill`, `card`), or the community's spread over the levels (`community`).
    ParticipationBadge,
    /// A member tells a value-creation story, one cycle at a time (`data-questions`,
    /// `data-required`: comma-separated cycle names).
    ValueStory,
    /// The videos a community features in its current cycle (or `data-cycle`), behind a
    /// facade; `data-autoplay`, `data-per-view`, `data-events` (see [`crate::carousel`]).
    VideoCarousel,
    /// A community's events (`data-community`): an agenda, a month grid or the next three
    /// (`data-view`), in the viewer's zone or `data-zone`'s, with the heartbeat (see
    /// [`crate::calendar`]).
    RhythmCalendar,
}

/// A widget-specific attribute (`data-<name>`), and the values it may take if it is an enum.
#[derive(Clone, Copy, Debug)]
pub struct Param {
    pub name: &'static str,
    pub values: Option<&'static [&'static str]>,
}

/// The community's id and the member's, as most widgets take them.
const COMMUNITY: Param = Param {
    name: "community",
    values: None,
};
const MEMBER: Param = Param {
    name: "member",
    values: None,
};

impl WidgetKind {
    pub const ALL: &'static [WidgetKind] = &[
        WidgetKind::Hello,
        WidgetKind::ParticipationBadge,
        WidgetKind::ValueStory,
        WidgetKind::VideoCarousel,
        WidgetKind::RhythmCalendar,
    ];

    pub fn name(self) -> &'static str {
        match self {
            WidgetKind::Hello => "hello",
            WidgetKind::ParticipationBadge => "participation-badge",
            WidgetKind::ValueStory => "value-story",
            WidgetKind::VideoCarousel => "video-carousel",
            WidgetKind::RhythmCalendar => "rhythm-calendar",
        }
    }

    pub fn from_name(name: &str) -> Option<WidgetKind> {
        WidgetKind::ALL
            .iter()
            .copied()
            .find(|kind| kind.name() == name)
    }

    /// Its own attributes, besides the ones every widget has.
    pub fn params(self) -> &'static [Param] {
        match self {
            WidgetKind::Hello => &[
                COMMUNITY,
                MEMBER,
                // Diagnostic only: lets the tests show how a crash is reported.
                Param {
                    name: "simulate",
                    values: Some(&["panic"]),
                },
            ],
            WidgetKind::ParticipationBadge => &[
                COMMUNITY,
                MEMBER,
                Param {
                    name: "variant",
                    values: Some(Variant::NAMES),
                },
                // A backend's own words for the levels and trajectories → the known ones:
                // `Mentor=core, Regular=active` (see `badge::check_words`).
                Param {
                    name: "levels",
                    values: None,
                },
                Param {
                    name: "trajectories",
                    values: None,
                },
            ],
            WidgetKind::ValueStory => &[
                COMMUNITY,
                // Whose draft this is, on a shared computer: drafts are kept per member.
                MEMBER,
                Param {
                    name: "questions",
                    values: None,
                },
                Param {
                    name: "required",
                    values: None,
                },
            ],
            WidgetKind::VideoCarousel => &[
                COMMUNITY,
                // A cycle's id; the community's current cycle without it.
                Param {
                    name: "cycle",
                    values: None,
                },
                // Rotation: empty (every 8 s) or seconds, `10` or `10s`; off without it.
                Param {
                    name: "autoplay",
                    values: None,
                },
                // The most slides side by side on a wide page (1 to 6, default 3).
                Param {
                    name: "per-view",
                    values: None,
                },
                // Where impressions and selections go: `none`, or a foreign backend's address.
                Param {
                    name: "events",
                    values: None,
                },
            ],
            WidgetKind::RhythmCalendar => &[
                COMMUNITY,
                // `agenda` (the default), `month` or `next` (the next three, for a sidebar).
                Param {
                    name: "view",
                    values: Some(crate::calendar::VIEWS),
                },
                // The zone shown first (an IANA name); the browser's without it.
                Param {
                    name: "zone",
                    values: None,
                },
                // How many months the agenda looks ahead (1 to 12, default 3).
                Param {
                    name: "months",
                    values: None,
                },
                // The community's iCalendar feed for `webcal:` (`none` hides the link); the
                // project's own `…/calendar.ics` on its contract.
                Param {
                    name: "feed",
                    values: None,
                },
            ],
        }
    }

    /// The model fields its response is mapped onto (see [`mapping`]), which may depend on
    /// its attributes (the badge's community variant reads a distribution).
    pub fn fields(self, params: &[(String, String)]) -> &'static [Field] {
        use mapping::FromFields;
        match self {
            WidgetKind::Hello => crate::contract::Community::FIELDS,
            WidgetKind::ParticipationBadge => {
                match Variant::from_param(lookup(params, "variant")) {
                    Variant::Community => crate::badge::Spread::FIELDS,
                    Variant::Network => crate::badge::Network::FIELDS,
                    Variant::Pill | Variant::Card => crate::badge::MemberBadge::FIELDS,
                    Variant::Legend => &[],
                }
            }
            // It sends; what it reads back is the stored story.
            WidgetKind::ValueStory => crate::story::STORED_FIELDS,
            WidgetKind::VideoCarousel => crate::carousel::Featured::FIELDS,
            WidgetKind::RhythmCalendar => crate::calendar::Events::FIELDS,
        }
    }

    /// Attributes it cannot do without.
    fn required(self, params: &[(String, String)]) -> &'static [&'static str] {
        match self {
            WidgetKind::Hello => &[],
            WidgetKind::ParticipationBadge => {
                match Variant::from_param(lookup(params, "variant")) {
                    Variant::Community => &["community"],
                    // Every community the API lists: no attribute needed.
                    Variant::Network | Variant::Legend => &[],
                    Variant::Pill | Variant::Card => &["community", "member"],
                }
            }
            WidgetKind::ValueStory => &["community"],
            WidgetKind::VideoCarousel | WidgetKind::RhythmCalendar => &["community"],
        }
    }

    /// The endpoint on the project's own contract, when the placeholder names none.
    /// `None`: the widget fetches nothing unless told where.
    pub fn default_endpoint(self, params: &[(String, String)]) -> Option<&'static str> {
        match self {
            WidgetKind::Hello => params
                .iter()
                .any(|(name, _)| name == "community")
                .then_some("/communities/{community}"),
            WidgetKind::ParticipationBadge => {
                Some(match Variant::from_param(lookup(params, "variant")) {
                    // Words only: nothing to fetch.
                    Variant::Legend => return None,
                    Variant::Community => "/communities/{community}/distribution",
                    // One request: the API's largest page, the lead's whole network.
                    Variant::Network => "/network?limit=100",
                    Variant::Pill | Variant::Card => {
                        "/communities/{community}/members/{member}/participation"
                    }
                })
            }
            // Where the story is posted (the form fetches nothing).
            WidgetKind::ValueStory => Some("/communities/{community}/stories"),
            // The current cycle's carousel, or `data-cycle`'s.
            WidgetKind::VideoCarousel => Some(if lookup(params, "cycle").is_some() {
                "/communities/{community}/cycles/{cycle}/carousel"
            } else {
                "/communities/{community}/carousel"
            }),
            // The community's events, expanded in the browser (`calendar::Events`): the
            // rhythm in words needs each series' rule and the heartbeat two years of
            // occurrences, which `…/occurrences` (instants, 400 days at most) does not give.
            WidgetKind::RhythmCalendar => Some("/communities/{community}/events"),
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Theme {
    Light,
    Dark,
    /// Follows `prefers-color-scheme`, live.
    Auto,
}

impl Theme {
    const NAMES: &'static [&'static str] = &["light", "dark", "auto"];

    pub fn name(self) -> &'static str {
        match self {
            Theme::Light => "light",
            Theme::Dark => "dark",
            Theme::Auto => "auto",
        }
    }
}

/// Whether requests carry the page's cookies. Only `include` sends them.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Credentials {
    Omit,
    Include,
}

impl Credentials {
    const NAMES: &'static [&'static str] = &["omit", "include"];

    pub fn name(self) -> &'static str {
        match self {
            Credentials::Omit => "omit",
            Credentials::Include => "include",
        }
    }
}

/// Where a widget's data comes from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Source {
    /// Nothing to fetch (the diagnostic widget without a community).
    None,
    /// JSON inside the placeholder: `<script type="application/json">`.
    Inline,
    /// A URL, absolute or relative to the page (the browser resolves it).
    Url(String),
}

/// A placeholder's configuration, every value checked.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct WidgetConfig {
    pub kind: WidgetKind,
    pub api: Option<String>,
    pub locale: Option<String>,
    pub theme: Theme,
    pub credentials: Credentials,
    pub timeout_ms: u32,
    /// Automatic retries of a transient failure of an idempotent request.
    pub retries: u32,
    pub height_px: Option<u32>,
    pub source: Source,
    /// The widget's own attributes, by name without `data-`.
    pub params: Vec<(String, String)>,
    /// Field → JSON Pointer overrides, from `data-map-<field>`.
    pub map: Vec<(String, String)>,
    /// The data comes from the project's own API at its default endpoint (no `data-endpoint`,
    /// `data-src` or inline JSON): the widget may use the contract's batch endpoints.
    pub contract: bool,
    /// A member badge's data comes from a foreign backend's batch endpoint (`data-batch`).
    pub batch: Option<crate::badge::Batch>,
}

impl WidgetConfig {
    pub fn param(&self, name: &str) -> Option<&str> {
        lookup(&self.params, name)
    }

    pub fn pointer_for(&self, field: &str) -> Option<String> {
        lookup(&self.map, field).map(str::to_owned)
    }

    /// Whether it is a participation pill (`data-variant="pill"`): the widget a directory
    /// shows hundreds of.
    pub fn is_pill(&self) -> bool {
        self.kind == WidgetKind::ParticipationBadge
            && Variant::from_param(self.param("variant")) == Variant::Pill
    }

    /// The fields its view reads from an answer: its kind's [`fields`](WidgetKind::fields),
    /// but a pill reads only what it shows ([`crate::badge::PILL_FIELDS`]). Its `data-map-*`
    /// are checked against all of them; a pointer to a field it does not show is not followed
    /// (so not warned of: the card that shows it warns).
    pub fn read_fields(&self) -> &'static [Field] {
        if self.is_pill() {
            crate::badge::PILL_FIELDS
        } else {
            self.kind.fields(&self.params)
        }
    }

    /// The catalog language: the locale's, else English. The browser passes the resolved
    /// locale (attribute, `<html lang>` or navigator) in `locale` before rendering.
    pub fn lang(&self) -> Lang {
        self.locale.as_deref().map_or(Lang::En, Lang::for_tag)
    }
}

/// What was expected of an attribute; rendered in the page's language.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Expected {
    Widget,
    OneOf(&'static [&'static str]),
    Url,
    Api,
    Locale,
    /// Well-formed, but the browser's `Intl` does not know it (checked in the browser).
    KnownLocale,
    NoSpaces,
    WholeNumber {
        min: u32,
        max: u32,
    },
    Pointer,
    /// `data-map-` names: the fields, and `list.item` for the items of a list.
    Field(Vec<String>),
    /// `backend word=known word` entries; the known words.
    Words(&'static [&'static str]),
    Template,
    TemplateAttribute {
        attribute: String,
        part: String,
    },
    /// A near-miss of a real attribute name: the suggestion.
    Attribute(String),
    JsonScript,
    /// An id: a community's or a member's.
    Identifier,
    /// A batch address with `{members}` once.
    BatchTemplate,
    /// `data-autoplay`: nothing, or whole seconds in a range.
    Seconds {
        default: u32,
        min: u32,
        max: u32,
    },
    /// `data-events`: `none` or an address with `{cycle}`/`{community}` at most.
    Events,
    /// `data-zone`: an IANA time zone name such as `Europe/Vienna`.
    Zone,
    /// Well-formed, but the browser's `Intl` does not know the zone (checked in the browser).
    KnownZone,
    /// `data-feed`: `none`, or an http(s) address or a path starting with `/`.
    Feed,
}

/// One thing wrong with a placeholder's configuration.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Problem {
    pub attribute: String,
    /// The value found; `None` when the attribute is missing.
    pub found: Option<String>,
    pub expected: Expected,
}

impl Problem {
    /// The catalog part whose words say what is expected: the platform's, but a value only
    /// one kind reads is checked by that kind's chunk and said in its part's words (see
    /// `carousel_problems`, `calendar_problems`). Read from the message [`Problem::message`]
    /// uses, so the two cannot disagree.
    pub fn part(&self) -> Part {
        self.expected_msg()
            .map_or(Part::Platform, |msg| msg.place().0)
    }

    /// A problem with `attribute`, which had `found` (`None`: it is missing).
    pub fn new(attribute: &str, found: Option<&str>, expected: Expected) -> Problem {
        Problem {
            attribute: attribute.to_owned(),
            found: found.map(str::to_owned),
            expected,
        }
    }

    /// One sentence naming the attribute, the value found and what is expected.
    pub fn message(&self, lang: Lang) -> String {
        if let Expected::Attribute(suggestion) = &self.expected {
            return fill(
                Msg::ProblemMisspelt.text(lang),
                &[("attribute", &self.attribute), ("suggestion", suggestion)],
            );
        }
        let expected = self.expected_text(lang);
        match &self.found {
            Some(found) => fill(
                Msg::ProblemFound.text(lang),
                &[
                    ("attribute", &self.attribute),
                    ("found", found),
                    ("expected", &expected),
                ],
            ),
            None => fill(
                Msg::ProblemMissing.text(lang),
                &[("attribute", &self.attribute), ("expected", &expected)],
            ),
        }
    }

    fn expected_text(&self, lang: Lang) -> String {
        let Some(msg) = self.expected_msg() else {
            return String::new();
        };
        let text = msg.text(lang);
        match &self.expected {
            Expected::Widget => {
                let names: Vec<&str> = WidgetKind::ALL.iter().map(|kind| kind.name()).collect();
                fill(text, &[("list", &list(&names))])
            }
            Expected::OneOf(values) | Expected::Words(values) => {
                fill(text, &[("list", &list(values))])
            }
            Expected::WholeNumber { min, max } => fill(
                text,
                &[("min", &min.to_string()), ("max", &max.to_string())],
            ),
            Expected::Field(fields) => {
                let names: Vec<&str> = fields.iter().map(String::as_str).collect();
                fill(text, &[("list", &list(&names))])
            }
            Expected::TemplateAttribute { attribute, part } => {
                fill(text, &[("attribute", attribute), ("part", part)])
            }
            Expected::Seconds { default, min, max } => fill(
                text,
                &[
                    ("default", &default.to_string()),
                    ("min", &min.to_string()),
                    ("max", &max.to_string()),
                ],
            ),
            _ => text.to_owned(),
        }
    }

    /// The message saying what is expected (its arguments are `expected_text`'s); `None` for a
    /// misspelt attribute name, which [`Problem::message`] says with a message of its own.
    fn expected_msg(&self) -> Option<Msg> {
        Some(match &self.expected {
            Expected::Widget => Msg::ExpectWidget,
            Expected::OneOf(_) => Msg::ExpectOneOf,
            Expected::Url => Msg::ExpectUrl,
            Expected::Api => Msg::ExpectApi,
            Expected::Locale => Msg::ExpectLocale,
            Expected::KnownLocale => Msg::ExpectKnownLocale,
            Expected::NoSpaces => Msg::ExpectNoSpaces,
            Expected::WholeNumber { .. } => Msg::ExpectWholeNumber,
            Expected::Pointer => Msg::ExpectPointer,
            Expected::Field(_) => Msg::ExpectField,
            Expected::Words(_) => Msg::ExpectWords,
            Expected::Template => Msg::ExpectTemplate,
            Expected::TemplateAttribute { .. } => Msg::ExpectTemplateAttribute,
            Expected::Attribute(_) => return None,
            Expected::JsonScript => Msg::ExpectJsonScript,
            Expected::Identifier => Msg::ExpectIdentifier,
            Expected::BatchTemplate => Msg::ExpectBatchTemplate,
            Expected::Seconds { .. } => Msg::ExpectSeconds,
            Expected::Events => Msg::ExpectEvents,
            Expected::Zone => Msg::ExpectZone,
            Expected::KnownZone => Msg::ExpectKnownZone,
            Expected::Feed => Msg::ExpectFeed,
        })
    }
}

/// `a, b, c` (one loop instead of `join`, which the wasm would carry once per item type).
fn list(items: &[&str]) -> String {
    let mut out = String::new();
    for item in items {
        if !out.is_empty() {
            out.push_str(", ");
        }
        out.push_str(item);
    }
    out
}

/// Attributes every widget understands. These may also sit on the script tag.
const PAGE_WIDE: &[&str] = &[
    "data-api",
    "data-locale",
    "data-theme",
    "data-credentials",
    "data-batch",
    "data-batch-items",
    "data-batch-join",
];
const COMMON: &[&str] = &[
    WIDGET_ATTRIBUTE,
    STATE_ATTRIBUTE,
    "data-api",
    "data-locale",
    "data-theme",
    "data-credentials",
    "data-endpoint",
    "data-src",
    "data-timeout",
    "data-retries",
    "data-height",
    "data-batch",
    "data-batch-items",
    "data-batch-join",
];

const DEFAULT_TIMEOUT_S: u32 = 10;
const DEFAULT_RETRIES: u32 = 2;

/// Parses a placeholder. `element` and `page` are the `(name, value)` attribute pairs of the
/// placeholder and of the script tag; `has_inline_json` says whether the placeholder holds a
/// `<script type="application/json">`. Returns every problem found, not only the first, but
/// for a kind's own parameters' values, which [`kind_problems`] checks (their names and their
/// enumerations are checked here).
pub fn parse(
    element: &[(String, String)],
    page: &[(String, String)],
    has_inline_json: bool,
) -> Result<WidgetConfig, Vec<Problem>> {
    let mut problems = Vec::new();

    let kind = match lookup(element, WIDGET_ATTRIBUTE) {
        None | Some("") => {
            problems.push(Problem::new(WIDGET_ATTRIBUTE, None, Expected::Widget));
            None
        }
        Some(name) => match WidgetKind::from_name(name.trim()) {
            Some(kind) if name.trim() == name => Some(kind),
            Some(_) => {
                problems.push(Problem::new(
                    WIDGET_ATTRIBUTE,
                    Some(name),
                    Expected::NoSpaces,
                ));
                None
            }
            None => {
                problems.push(Problem::new(WIDGET_ATTRIBUTE, Some(name), Expected::Widget));
                None
            }
        },
    };
    let Some(kind) = kind else {
        return Err(problems);
    };

    // Values, checked for stray spaces once; later checks see only clean values.
    let mut value = |name: &str, from_page: bool| -> Option<String> {
        let found =
            lookup(element, name).or_else(|| from_page.then(|| lookup(page, name)).flatten())?;
        if found.trim() != found {
            problems.push(Problem::new(name, Some(found), Expected::NoSpaces));
            return None;
        }
        Some(found.to_owned())
    };
    let api = value("data-api", true);
    let locale = value("data-locale", true);
    let theme = value("data-theme", true);
    let credentials = value("data-credentials", true);
    let endpoint = value("data-endpoint", false);
    let src = value("data-src", false);
    let timeout = value("data-timeout", false);
    let retries = value("data-retries", false);
    let height = value("data-height", false);
    let batch = value("data-batch", true);
    let batch_items = value("data-batch-items", true);
    let batch_join = value("data-batch-join", true);
    let mut params = Vec::new();
    for param in kind.params() {
        if let Some(found) = value(&format!("data-{}", param.name), false) {
            params.push((param.name.to_owned(), found));
        }
    }
    let mut map = Vec::new();
    for (name, found) in element {
        if let Some(field) = name.strip_prefix(MAP_PREFIX) {
            map.push((field.to_owned(), name.clone(), found.clone()));
        }
    }

    if let Some(api) = &api {
        if !is_url(api) {
            problems.push(Problem::new("data-api", Some(api), Expected::Url));
        }
    }
    if let Some(locale) = &locale {
        if !is_language_tag(locale) {
            problems.push(Problem::new("data-locale", Some(locale), Expected::Locale));
        }
    }
    let theme = match theme.as_deref() {
        None => Theme::Auto,
        Some("light") => Theme::Light,
        Some("dark") => Theme::Dark,
        Some("auto") => Theme::Auto,
        Some(other) => {
            problems.push(Problem::new(
                "data-theme",
                Some(other),
                Expected::OneOf(Theme::NAMES),
            ));
            Theme::Auto
        }
    };
    let credentials = match credentials.as_deref() {
        None | Some("omit") => Credentials::Omit,
        Some("include") => Credentials::Include,
        Some(other) => {
            problems.push(Problem::new(
                "data-credentials",
                Some(other),
                Expected::OneOf(Credentials::NAMES),
            ));
            Credentials::Omit
        }
    };
    let mut number = |name: &str, found: Option<&str>, min: u32, max: u32, default: u32| -> u32 {
        let Some(found) = found else { return default };
        match found.strip_suffix("px").unwrap_or(found).parse::<u32>() {
            Ok(n) if (min..=max).contains(&n) && !found.starts_with('+') => n,
            _ => {
                problems.push(Problem::new(
                    name,
                    Some(found),
                    Expected::WholeNumber { min, max },
                ));
                default
            }
        }
    };
    let timeout_ms = number(
        "data-timeout",
        timeout.as_deref(),
        1,
        120,
        DEFAULT_TIMEOUT_S,
    ) * 1000;
    let retries = number("data-retries", retries.as_deref(), 0, 5, DEFAULT_RETRIES);
    let height_px = height
        .as_deref()
        .map(|found| number("data-height", Some(found), 0, 4000, 0));

    for param in kind.params() {
        if let (Some(values), Some(found)) = (param.values, lookup(&params, param.name)) {
            if !values.contains(&found) {
                problems.push(Problem::new(
                    &format!("data-{}", param.name),
                    Some(found),
                    Expected::OneOf(values),
                ));
            }
        }
    }

    // A backend's own words for the levels and trajectories: each must name a known one.
    if kind == WidgetKind::ParticipationBadge {
        for (name, words) in [
            ("levels", crate::badge::LEVEL_NAMES),
            ("trajectories", crate::badge::TRAJECTORY_NAMES),
        ] {
            if let Some(Err(found)) =
                lookup(&params, name).map(|list| crate::badge::check_words(list, words))
            {
                problems.push(Problem::new(
                    &format!("data-{name}"),
                    Some(&found),
                    Expected::Words(words),
                ));
            }
        }
    }

    // Ids the default endpoint needs: said plainly, before the endpoint could complain of
    // a `{member}` the admin never wrote.
    // A foreign backend's batch endpoint, for a member badge that fetches (not a static file
    // or inline JSON): it replaces the endpoint, and needs only the member's id.
    let member_badge = kind == WidgetKind::ParticipationBadge
        && matches!(
            Variant::from_param(lookup(&params, "variant")),
            Variant::Pill | Variant::Card
        );
    // On the placeholder it applies; from the script tag, to badges that name a member and
    // have no endpoint of their own (a page's other widgets stay as they are).
    let own_batch = lookup(element, "data-batch").is_some();
    let fetches = !has_inline_json && src.is_none() && endpoint.is_none();
    let batch = batch
        .filter(|_| member_badge && fetches && (own_batch || lookup(&params, "member").is_some()));
    let contract = !has_inline_json && src.is_none() && endpoint.is_none() && batch.is_none();
    let mut missing_id = false;
    let required: &[&str] = match (&batch, contract) {
        (Some(_), _) => &["member"],
        (None, true) => kind.required(&params),
        (None, false) => &[],
    };
    {
        for name in required {
            if lookup(&params, name).is_none_or(str::is_empty) {
                problems.push(Problem::new(
                    &format!("data-{name}"),
                    None,
                    Expected::Identifier,
                ));
                missing_id = true;
            }
        }
    }

    // The fields, and `list.item` for the item fields of a list (`data-map-levels.count`).
    let mut fields: Vec<String> = Vec::new();
    for field in kind.fields(&params) {
        let field: &Field = field;
        fields.push(field.name.to_owned());
        for item in field.items {
            fields.push(format!("{}.{}", field.name, item.name));
        }
    }
    let mut pointers = Vec::new();
    for (field, attribute, pointer) in map {
        if !fields.contains(&field) {
            problems.push(Problem::new(
                &attribute,
                Some(&attribute),
                Expected::Field(fields.clone()),
            ));
        } else if !mapping::is_valid_pointer(&pointer) {
            problems.push(Problem::new(&attribute, Some(&pointer), Expected::Pointer));
        } else {
            pointers.push((field, pointer));
        }
    }

    // Near-misses of real attribute names: a typo must not be silently ignored. Other
    // data-* attributes belong to the host page and are left alone.
    let known: Vec<String> = COMMON
        .iter()
        .map(|name| (*name).to_owned())
        .chain(
            kind.params()
                .iter()
                .map(|param| format!("data-{}", param.name)),
        )
        .collect();
    for (name, _) in element {
        if name.starts_with("data-") && !name.starts_with(MAP_PREFIX) && !known.contains(name) {
            if let Some(suggestion) = closest(name, known.iter().map(String::as_str)) {
                problems.push(Problem::new(
                    name,
                    Some(name),
                    Expected::Attribute(suggestion.to_owned()),
                ));
            }
        }
    }

    let batch_asked = batch.is_some();
    let batch = match (batch, lookup(&params, "member")) {
        (Some(text), Some(member)) if !missing_id => parse_batch(
            &text,
            batch_items,
            batch_join,
            &api,
            &pointers,
            &mut problems,
        )
        .map(|batch| {
            let url = batch.urls(&[member.to_owned()]).into_iter().next();
            (batch, url.map(|(url, _)| url).unwrap_or_default())
        }),
        _ => None,
    };

    let source = if let Some((_, url)) = &batch {
        Source::Url(url.clone())
    } else if batch_asked {
        Source::None // the batch's problems are reported
    } else if has_inline_json {
        Source::Inline
    } else if let Some(src) = src {
        // A JSON document used as it is: a static file, for sites with no backend.
        if is_url(&src) {
            Source::Url(src)
        } else {
            problems.push(Problem::new("data-src", Some(&src), Expected::Url));
            Source::None
        }
    } else if missing_id {
        Source::None
    } else {
        let explicit = endpoint.is_some();
        match endpoint
            .as_deref()
            .or_else(|| kind.default_endpoint(&params))
        {
            None => Source::None,
            Some(text) => match Template::parse(text) {
                Err(_) => {
                    problems.push(Problem::new(
                        "data-endpoint",
                        Some(text),
                        Expected::Template,
                    ));
                    Source::None
                }
                Ok(parsed) => match parsed.expand(|name| {
                    lookup(&params, name).or_else(|| lookup(element, &format!("data-{name}")))
                }) {
                    Err(part) => {
                        let attribute = format!("data-{part}");
                        let part = format!("{{{part}}}");
                        problems.push(Problem::new(
                            "data-endpoint",
                            Some(text),
                            Expected::TemplateAttribute { attribute, part },
                        ));
                        Source::None
                    }
                    Ok(path) => match &api {
                        Some(api) => Source::Url(template::join(api, &path)),
                        // An explicit endpoint may stand alone: a static JSON file on the
                        // page's own site, or an absolute URL.
                        None if explicit && is_url(&path) => Source::Url(path),
                        None if explicit => {
                            problems.push(Problem::new("data-endpoint", Some(text), Expected::Url));
                            Source::None
                        }
                        None => {
                            problems.push(Problem::new("data-api", None, Expected::Api));
                            Source::None
                        }
                    },
                },
            },
        }
    };

    // Page-wide attributes that are wrong on the script tag are reported like the others;
    // the list is here so the code map stays honest about where defaults come from.
    debug_assert!(PAGE_WIDE.iter().all(|name| COMMON.contains(name)));

    if !problems.is_empty() {
        return Err(problems);
    }
    Ok(WidgetConfig {
        kind,
        api,
        locale,
        theme,
        credentials,
        timeout_ms,
        retries,
        height_px,
        source,
        params,
        map: pointers,
        contract,
        batch: batch.map(|(batch, _)| batch),
    })
}

/// The problems of a kind's own parameters that [`parse`] leaves to the kind: the value-story
/// form's lists of cycles, the carousel's rotation, slides per view, cycle and events address,
/// the calendar's zone, months and feed. Empty for the other kinds.
///
/// Not for the wasm's main module: it names every kind's checks, so calling it there would
/// pull their code (and what they call) out of the kinds' chunks. Each chunk calls its own
/// ([`story_problems`], [`carousel_problems`], [`calendar_problems`]) once it has loaded,
/// before its widget fetches anything (issue 12: a page of pills does not carry the
/// carousel's rules). Native code and tests use this one.
pub fn kind_problems(kind: WidgetKind, params: &[(String, String)]) -> Vec<Problem> {
    match kind {
        WidgetKind::ValueStory => story_problems(params),
        WidgetKind::VideoCarousel => carousel_problems(params),
        WidgetKind::RhythmCalendar => calendar_problems(params),
        WidgetKind::Hello | WidgetKind::ParticipationBadge => Vec::new(),
    }
}

/// [`parse`], then [`kind_problems`] if it parsed: what a widget of every kind reports of its
/// attributes. Native code and tests (see [`kind_problems`]).
pub fn parse_all(
    element: &[(String, String)],
    page: &[(String, String)],
    has_inline_json: bool,
) -> Result<WidgetConfig, Vec<Problem>> {
    let config = parse(element, page, has_inline_json)?;
    let problems = kind_problems(config.kind, &config.params);
    if problems.is_empty() {
        Ok(config)
    } else {
        Err(problems)
    }
}

/// The value-story form's lists of cycles (`data-questions`, `data-required`): each name
/// must be one.
pub fn story_problems(params: &[(String, String)]) -> Vec<Problem> {
    let mut problems = Vec::new();
    for name in ["questions", "required"] {
        if let Err(found) = lookup(params, name).map_or(Ok(Vec::new()), cycles_from_list) {
            problems.push(Problem::new(
                &format!("data-{name}"),
                Some(&found),
                Expected::OneOf(CYCLE_NAMES),
            ));
        }
    }
    problems
}

/// The carousel's rotation, slides per view, cycle and events address.
pub fn carousel_problems(params: &[(String, String)]) -> Vec<Problem> {
    use crate::carousel::{
        check_events, parse_autoplay, parse_per_view, AUTOPLAY_DEFAULT_S, AUTOPLAY_MAX_S,
        AUTOPLAY_MIN_S, PER_VIEW_MAX,
    };
    let mut problems = Vec::new();
    if let Some(found) = lookup(params, "autoplay").filter(|v| parse_autoplay(v).is_none()) {
        problems.push(Problem::new(
            "data-autoplay",
            Some(found),
            Expected::Seconds {
                default: AUTOPLAY_DEFAULT_S,
                min: AUTOPLAY_MIN_S,
                max: AUTOPLAY_MAX_S,
            },
        ));
    }
    if let Some(found) = lookup(params, "per-view").filter(|v| parse_per_view(v).is_none()) {
        problems.push(Problem::new(
            "data-per-view",
            Some(found),
            Expected::WholeNumber {
                min: 1,
                max: PER_VIEW_MAX,
            },
        ));
    }
    if let Some(found) = lookup(params, "cycle").filter(|v| !crate::video::is_id(v)) {
        problems.push(Problem::new(
            "data-cycle",
            Some(found),
            Expected::Identifier,
        ));
    }
    if let Some(found) = lookup(params, "events").filter(|v| !check_events(v)) {
        problems.push(Problem::new("data-events", Some(found), Expected::Events));
    }
    problems
}

/// The calendar's zone (its syntax: whether the zone exists is the browser's `Intl` to say,
/// or `jiff`'s on the server), agenda months and feed.
pub fn calendar_problems(params: &[(String, String)]) -> Vec<Problem> {
    let mut problems = Vec::new();
    if let Some(found) = lookup(params, "zone").filter(|v| !crate::calendar::is_zone_name(v)) {
        problems.push(Problem::new("data-zone", Some(found), Expected::Zone));
    }
    if let Some(found) =
        lookup(params, "months").filter(|v| crate::calendar::parse_months(Some(v)).is_none())
    {
        problems.push(Problem::new(
            "data-months",
            Some(found),
            Expected::WholeNumber {
                min: 1,
                max: crate::calendar::MONTHS_MAX,
            },
        ));
    }
    if let Some(found) =
        lookup(params, "feed").filter(|v| *v != "none" && !crate::video::is_link(v))
    {
        problems.push(Problem::new("data-feed", Some(found), Expected::Feed));
    }
    problems
}

/// `data-batch` (with `data-batch-items` and `data-batch-join`): a URL with `{members}` once,
/// where the ids go (the URL's only placeholder: a page-wide template serves every badge), a
/// path under `data-api` like `data-endpoint`'s. Each item's id is read where the badge reads
/// `member` (`data-map-member`, else `/member`).
fn parse_batch(
    text: &str,
    items: Option<String>,
    join: Option<String>,
    api: &Option<String>,
    pointers: &[(String, String)],
    problems: &mut Vec<Problem>,
) -> Option<crate::badge::Batch> {
    let items = items.unwrap_or_default();
    if !mapping::is_valid_pointer(&items) {
        problems.push(Problem::new(
            "data-batch-items",
            Some(&items),
            Expected::Pointer,
        ));
        return None;
    }
    // By hand, not `split_once("{members}")`: see `text::split_once_str`.
    let (before, after) = match split_once_str(text, "{members}") {
        Some((before, after)) if split_once_str(after, "{members}").is_none() => (before, after),
        _ => {
            problems.push(Problem::new(
                "data-batch",
                Some(text),
                Expected::BatchTemplate,
            ));
            return None;
        }
    };
    let before = match api {
        Some(api) => template::join(api, before),
        None if is_url(before) => before.to_owned(),
        None => {
            problems.push(Problem::new("data-batch", Some(text), Expected::Url));
            return None;
        }
    };
    Some(crate::badge::Batch {
        before,
        after: after.to_owned(),
        join: join
            .filter(|join| !join.is_empty())
            .unwrap_or_else(|| ",".into()),
        items,
        id: lookup(pointers, "member").unwrap_or("/member").to_owned(),
    })
}

pub(crate) fn lookup<'a>(pairs: &'a [(String, String)], name: &str) -> Option<&'a str> {
    pairs
        .iter()
        .find(|(key, _)| key == name)
        .map(|(_, value)| value.as_str())
}

/// An absolute http(s) URL, or a path from the site's root. Bare host names
/// (`cop.example.org/api`) are refused: the browser would read them as relative paths.
pub(crate) fn is_url(text: &str) -> bool {
    let no_space = !text.chars().any(char::is_whitespace);
    // After `http:` or `https:` (checked first), `//` and a host. Split at a character, not
    // at "://": a string pattern is a searcher of its own in the wasm.
    let absolute = template::is_absolute_http(text)
        && text
            .split_once(':')
            .and_then(|(_, rest)| rest.strip_prefix("//"))
            .is_some_and(|rest| !rest.is_empty() && !rest.starts_with('/'));
    no_space && (absolute || (text.starts_with('/') && !text.starts_with("//")))
}

/// A well-formed BCP 47 language tag, in the subset `Intl` accepts: a 2–3 or 5–8 letter
/// language, then subtags of 1–8 letters or digits, separated by `-`.
pub fn is_language_tag(text: &str) -> bool {
    let mut subtags = text.split('-');
    let language_ok = subtags.next().is_some_and(|language| {
        matches!(language.len(), 2 | 3 | 5..=8) && language.chars().all(|c| c.is_ascii_alphabetic())
    });
    language_ok
        && subtags.all(|subtag| {
            (1..=8).contains(&subtag.len()) && subtag.chars().all(|c| c.is_ascii_alphanumeric())
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The names of the fields a configured widget reads.
    fn field_names(config: &WidgetConfig) -> Vec<&'static str> {
        config
            .kind
            .fields(&config.params)
            .iter()
            .map(|f| f.name)
            .collect()
    }

    fn attrs(pairs: &[(&str, &str)]) -> Vec<(String, String)> {
        pairs
            .iter()
            .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
            .collect()
    }

    fn parse_element(pairs: &[(&str, &str)]) -> Result<WidgetConfig, Vec<Problem>> {
        parse_all(&attrs(pairs), &[], false)
    }

    fn only_problem(pairs: &[(&str, &str)]) -> Problem {
        let problems = parse_element(pairs).expect_err("should not parse");
        assert_eq!(problems.len(), 1, "{problems:?}");
        problems.into_iter().next().unwrap()
    }

    const BADGE: (&str, &str) = ("data-cop-widget", "participation-badge");
    const API: (&str, &str) = ("data-api", "/api");

    #[test]
    fn urls_are_split_at_characters() {
        assert!(is_url("https://example.org/x://y"));
        assert!(is_url("HTTP://example.org"));
        assert!(!is_url("https:///path"));
        assert!(!is_url("https://"));
        assert!(!is_url("https:/example.org"));
        assert!(is_url("/api/ü"));
        assert!(!is_url("//example.org"));
    }

    #[test]
    fn a_kinds_own_values_are_said_in_its_parts_words() {
        let first_part = |kind: &str, attribute: &str, value: &str| {
            let pairs = [
                ("data-cop-widget", kind),
                API,
                ("data-community", "c"),
                (attribute, value),
            ];
            parse_all(&attrs(&pairs), &[], false).unwrap_err()[0].part()
        };
        assert_eq!(
            first_part("rhythm-calendar", "data-zone", "Vienna time"),
            Part::Calendar
        );
        assert_eq!(
            first_part("video-carousel", "data-autoplay", "fast"),
            Part::Carousel
        );
        assert_eq!(
            first_part("participation-badge", "data-variant", "round"),
            Part::Platform
        );
    }

    #[test]
    fn a_pill_reads_what_it_shows() {
        let names = |pairs: &[(&str, &str)]| {
            let config = parse_element(pairs).unwrap();
            let read: Vec<_> = config.read_fields().iter().map(|f| f.name).collect();
            read
        };
        let member = [
            BADGE,
            API,
            ("data-community", "c"),
            ("data-member", "m"),
            ("data-variant", "pill"),
        ];
        assert_eq!(names(&member), ["member", "level", "trajectory", "roles"]);
        // Its mapping is still checked against every field of the member.
        let mapped = [&member[..], &[("data-map-display_name", "/name")]].concat();
        assert_eq!(names(&mapped).len(), 4);
        assert!(parse_element(&[&member[..], &[("data-map-nickname", "/n")]].concat()).is_err());
        // A card (the default variant) reads every field of the member.
        assert_eq!(names(&member[..4]).len(), 10);
        assert!(parse_element(&member).unwrap().is_pill());
        assert!(!parse_element(&member[..4]).unwrap().is_pill());
    }

    #[test]
    fn a_member_badge_fetches_the_contracts_participation_and_may_batch() {
        let config = parse_element(&[
            BADGE,
            API,
            ("data-community", "teachers"),
            ("data-member", "m 42"),
        ])
        .unwrap();
        assert_eq!(
            config.source,
            Source::Url("/api/communities/teachers/members/m%2042/participation".into())
        );
        assert!(
            config.contract,
            "its own endpoint: the batch endpoint exists too"
        );
        let fields = field_names(&config);
        assert!(
            fields.contains(&"level") && fields.contains(&"weekly"),
            "{fields:?}"
        );
    }

    #[test]
    fn the_community_variant_needs_only_the_community() {
        let config = parse_element(&[
            BADGE,
            API,
            ("data-variant", "community"),
            ("data-community", "teachers"),
        ])
        .unwrap();
        assert_eq!(
            config.source,
            Source::Url("/api/communities/teachers/distribution".into())
        );
        let fields = field_names(&config);
        assert_eq!(fields, ["name", "levels"]);
    }

    #[test]
    fn the_network_variant_needs_no_attribute_and_maps_like_the_others() {
        let config = parse_element(&[BADGE, API, ("data-variant", "network")]).unwrap();
        assert_eq!(
            config.source,
            Source::Url("/api/network?limit=100".into()),
            "every community the API lists, in one request"
        );
        assert!(config.contract);
        assert!(config.batch.is_none());
        assert_eq!(field_names(&config), ["items", "communities"]);
        let config = parse_element(&[
            BADGE,
            ("data-variant", "network"),
            ("data-endpoint", "https://x.org/hub"),
            ("data-member", "m-1"),
            ("data-batch", "https://x.org/people?id={members}"),
            ("data-map-items", "/data"),
            ("data-map-items.name", "/title"),
            ("data-map-items.change", "/delta"),
        ])
        .unwrap();
        assert_eq!(config.source, Source::Url("https://x.org/hub".into()));
        assert!(config.batch.is_none(), "not a member badge: never batched");
        assert_eq!(config.pointer_for("items.name").as_deref(), Some("/title"));
        let problem = only_problem(&[
            BADGE,
            API,
            ("data-variant", "network"),
            ("data-map-items.title", "/title"),
        ]);
        assert_eq!(problem.attribute, "data-map-items.title");
    }

    #[test]
    fn the_legend_variant_needs_nothing_and_fetches_nothing() {
        let config = parse_element(&[BADGE, API, ("data-variant", "legend")]).unwrap();
        assert_eq!(config.source, Source::None, "words only: no request");
        assert!(config.batch.is_none());
        assert!(field_names(&config).is_empty());
        let config = parse_element(&[BADGE, ("data-variant", "legend")]).unwrap();
        assert_eq!(config.source, Source::None, "no data-api needed either");
    }

    #[test]
    fn a_badge_without_its_ids_says_which_is_missing_and_nothing_about_the_endpoint() {
        let problems = parse_element(&[BADGE, API]).unwrap_err();
        let messages: Vec<String> = problems.iter().map(|p| p.message(Lang::En)).collect();
        assert_eq!(
            messages,
            [
                "data-community is missing; expected an id, such as “teachers” or “m-42”.",
                "data-member is missing; expected an id, such as “teachers” or “m-42”.",
            ]
        );
        let problem = only_problem(&[
            BADGE,
            API,
            ("data-community", "teachers"),
            ("data-member", ""),
        ]);
        assert_eq!(problem.attribute, "data-member");
    }

    #[test]
    fn a_badge_on_another_backend_needs_no_ids_and_does_not_batch() {
        let config = parse_element(&[BADGE, ("data-src", "/people/ana.json")]).unwrap();
        assert_eq!(config.source, Source::Url("/people/ana.json".into()));
        assert!(!config.contract);
    }

    #[test]
    fn a_story_form_posts_to_the_communitys_stories_and_checks_its_cycle_lists() {
        let config = parse_element(&[
            ("data-cop-widget", "value-story"),
            API,
            ("data-community", "teachers"),
            ("data-questions", "immediate, applied,realized"),
        ])
        .unwrap();
        assert_eq!(
            config.source,
            Source::Url("/api/communities/teachers/stories".into())
        );
        let problem = only_problem(&[
            ("data-cop-widget", "value-story"),
            API,
            ("data-community", "teachers"),
            ("data-required", "immediate, outcome"),
        ]);
        assert_eq!(
            problem.message(Lang::En),
            "data-required: found “outcome”; expected one of: immediate, potential, applied, realized, reframing, strategic, enabling, loop."
        );
    }

    #[test]
    fn an_unknown_variant_lists_the_variants() {
        let problem = only_problem(&[
            BADGE,
            API,
            ("data-community", "teachers"),
            ("data-member", "m-1"),
            ("data-variant", "badge"),
        ]);
        assert_eq!(
            problem.message(Lang::En),
            "data-variant: found “badge”; expected one of: pill, card, community, network, legend."
        );
    }

    #[test]
    fn a_minimal_hello_parses_with_defaults() {
        let config = parse_element(&[("data-cop-widget", "hello")]).unwrap();
        assert_eq!(config.kind, WidgetKind::Hello);
        assert_eq!(config.theme, Theme::Auto);
        assert_eq!(config.credentials, Credentials::Omit);
        assert_eq!(config.timeout_ms, 10_000);
        assert_eq!(config.retries, 2);
        assert_eq!(config.source, Source::None);
        assert_eq!(config.lang(), Lang::En);
    }

    #[test]
    fn the_placeholder_overrides_the_script_tag() {
        let page = attrs(&[
            ("data-api", "https://cop.example.org/api"),
            ("data-theme", "dark"),
            ("data-locale", "de"),
        ]);
        let element = attrs(&[
            ("data-cop-widget", "hello"),
            ("data-theme", "light"),
            ("data-community", "teachers"),
        ]);
        let config = parse(&element, &page, false).unwrap();
        assert_eq!(config.theme, Theme::Light);
        assert_eq!(config.locale.as_deref(), Some("de"));
        assert_eq!(config.lang(), Lang::De);
        assert_eq!(
            config.source,
            Source::Url("https://cop.example.org/api/communities/teachers".into())
        );
    }

    #[test]
    fn endpoint_templates_fill_from_attributes_percent_encoded() {
        let config = parse_element(&[
            ("data-cop-widget", "hello"),
            ("data-api", "/api/"),
            ("data-member", "m 42/x"),
            ("data-endpoint", "/members/{member}/participation"),
        ])
        .unwrap();
        assert_eq!(
            config.source,
            Source::Url("/api/members/m%2042%2Fx/participation".into())
        );
    }

    #[test]
    fn an_explicit_endpoint_needs_no_api() {
        let config = parse_element(&[
            ("data-cop-widget", "hello"),
            ("data-endpoint", "/static/teachers.json"),
        ])
        .unwrap();
        assert_eq!(config.source, Source::Url("/static/teachers.json".into()));
        let config = parse_element(&[
            ("data-cop-widget", "hello"),
            ("data-endpoint", "https://x.org/t.json"),
        ])
        .unwrap();
        assert_eq!(config.source, Source::Url("https://x.org/t.json".into()));
    }

    #[test]
    fn a_static_file_is_used_as_it_is() {
        let page = attrs(&[("data-api", "https://cop.example.org/api")]);
        let element = attrs(&[
            ("data-cop-widget", "hello"),
            ("data-src", "/files/teachers.json"),
        ]);
        assert_eq!(
            parse(&element, &page, false).unwrap().source,
            Source::Url("/files/teachers.json".into())
        );
        let problem = only_problem(&[("data-cop-widget", "hello"), ("data-src", "teachers.json")]);
        assert_eq!(
            (problem.attribute.as_str(), problem.expected),
            ("data-src", Expected::Url)
        );
    }

    #[test]
    fn inline_json_needs_no_api() {
        let config = parse(
            &attrs(&[("data-cop-widget", "hello"), ("data-community", "t")]),
            &[],
            true,
        )
        .unwrap();
        assert_eq!(config.source, Source::Inline);
    }

    #[test]
    fn a_fetch_without_api_names_data_api() {
        let problem = only_problem(&[("data-cop-widget", "hello"), ("data-community", "teachers")]);
        assert_eq!(problem, Problem::new("data-api", None, Expected::Api));
        assert_eq!(
            problem.message(Lang::En),
            "data-api is missing; expected the address of your JSON API, on the widget or on the script tag (data-api)."
        );
    }

    #[test]
    fn unknown_widget_names_the_value_and_the_known_names() {
        let problem = only_problem(&[("data-cop-widget", "helo")]);
        assert_eq!(problem.found.as_deref(), Some("helo"));
        assert_eq!(
            problem.message(Lang::En),
            "data-cop-widget: found “helo”; expected a widget name, one of: hello, participation-badge, value-story, video-carousel, rhythm-calendar."
        );
        let problem = only_problem(&[("data-cop-widget", "")]);
        assert_eq!(problem.found, None);
    }

    #[test]
    fn stray_spaces_are_reported_with_the_value() {
        let problem = only_problem(&[("data-cop-widget", " hello")]);
        assert_eq!(problem.expected, Expected::NoSpaces);
        let problem = only_problem(&[("data-cop-widget", "hello"), ("data-theme", "dark ")]);
        assert_eq!(
            problem.message(Lang::En),
            "data-theme: found “dark ”; expected the same value without spaces around it."
        );
    }

    #[test]
    fn bad_urls_are_refused() {
        for bad in [
            "cop.example.org/api",
            "ftp://x.org",
            "https://",
            "//x.org/api",
            "https://x.org/a b",
            "javascript:alert(1)",
        ] {
            let problem = only_problem(&[("data-cop-widget", "hello"), ("data-api", bad)]);
            assert_eq!(problem.expected, Expected::Url, "{bad}");
        }
        for good in [
            "https://x.org/api",
            "http://127.0.0.1:8080/api",
            "/api",
            "HTTPS://X.ORG",
        ] {
            assert!(
                parse_element(&[("data-cop-widget", "hello"), ("data-api", good)]).is_ok(),
                "{good}"
            );
        }
    }

    #[test]
    fn locales_must_be_language_tags() {
        for good in ["en", "pt-BR", "de-CH", "zh-Hant-TW", "es-419", "fil"] {
            assert!(is_language_tag(good), "{good}");
        }
        for bad in [
            "",
            "e",
            "english1",
            "pt_BR",
            "en-",
            "-en",
            "en--US",
            "de-CH-toolongsubtag",
        ] {
            assert!(!is_language_tag(bad), "{bad}");
        }
        let problem = only_problem(&[("data-cop-widget", "hello"), ("data-locale", "pt_BR")]);
        assert_eq!(problem.expected, Expected::Locale);
    }

    #[test]
    fn enumerations_list_their_values() {
        let problem = only_problem(&[("data-cop-widget", "hello"), ("data-theme", "purple")]);
        assert_eq!(
            problem.message(Lang::En),
            "data-theme: found “purple”; expected one of: light, dark, auto."
        );
        let problem = only_problem(&[("data-cop-widget", "hello"), ("data-credentials", "yes")]);
        assert_eq!(problem.expected, Expected::OneOf(&["omit", "include"]));
        let problem = only_problem(&[("data-cop-widget", "hello"), ("data-simulate", "crash")]);
        assert_eq!(problem.attribute, "data-simulate");
    }

    #[test]
    fn numbers_have_ranges() {
        let config = parse_element(&[
            ("data-cop-widget", "hello"),
            ("data-timeout", "3"),
            ("data-height", "240px"),
        ])
        .unwrap();
        assert_eq!(config.timeout_ms, 3000);
        assert_eq!(config.height_px, Some(240));
        for bad in ["0", "121", "-1", "+5", "1.5", "ten"] {
            let problem = only_problem(&[("data-cop-widget", "hello"), ("data-timeout", bad)]);
            assert_eq!(
                problem.expected,
                Expected::WholeNumber { min: 1, max: 120 },
                "{bad}"
            );
        }
    }

    #[test]
    fn misspelt_attributes_get_a_suggestion_and_foreign_ones_are_ignored() {
        let problem = only_problem(&[("data-cop-widget", "hello"), ("data-comunity", "t")]);
        assert_eq!(
            problem.expected,
            Expected::Attribute("data-community".into())
        );
        assert_eq!(
            problem.message(Lang::En),
            "data-comunity is not an attribute of this widget; did you mean data-community?"
        );
        assert_eq!(
            only_problem(&[("data-cop-widget", "hello"), ("data-theem", "dark")]).expected,
            Expected::Attribute("data-theme".into())
        );
        // The host page's own data attributes are not ours to judge.
        assert!(parse_element(&[
            ("data-cop-widget", "hello"),
            ("data-analytics-id", "x"),
            ("data-id", "3")
        ])
        .is_ok());
    }

    #[test]
    fn map_attributes_name_known_fields_and_valid_pointers() {
        let config = parse_element(&[
            ("data-cop-widget", "hello"),
            ("data-map-name", "/data/title"),
        ])
        .unwrap();
        assert_eq!(config.pointer_for("name").as_deref(), Some("/data/title"));
        let problem = only_problem(&[("data-cop-widget", "hello"), ("data-map-title", "/x")]);
        assert_eq!(problem.attribute, "data-map-title");
        assert!(
            problem.message(Lang::En).contains("name"),
            "{}",
            problem.message(Lang::En)
        );
        let problem = only_problem(&[
            ("data-cop-widget", "hello"),
            ("data-map-name", "data.title"),
        ]);
        assert_eq!(problem.expected, Expected::Pointer);
    }

    #[test]
    fn item_fields_of_a_list_are_mapped_with_dotted_names() {
        const SPREAD: [(&str, &str); 3] = [
            BADGE,
            ("data-variant", "community"),
            ("data-endpoint", "https://x.org/tiers"),
        ];
        let config = parse_element(&[
            SPREAD[0],
            SPREAD[1],
            SPREAD[2],
            ("data-map-levels.level", "/tier"),
            ("data-map-levels.count", "/headcount"),
        ])
        .unwrap();
        assert_eq!(
            config.pointer_for("levels.count").as_deref(),
            Some("/headcount")
        );
        let problem = only_problem(&[
            SPREAD[0],
            SPREAD[1],
            SPREAD[2],
            ("data-map-levels.tier", "/tier"),
        ]);
        assert_eq!(
            problem.message(Lang::En),
            "data-map-levels.tier: found “data-map-levels.tier”; expected data-map- followed by one of the fields: name, levels, levels.level, levels.count."
        );
        let problem = only_problem(&[
            BADGE,
            ("data-endpoint", "https://x.org/p/7"),
            ("data-map-next_missing.amount", "/n"),
        ]);
        assert!(
            problem
                .message(Lang::En)
                .contains("next_missing.measure, next_missing.count"),
            "{}",
            problem.message(Lang::En)
        );
    }

    #[test]
    fn a_story_form_maps_what_it_reads_back() {
        let config = parse_element(&[
            ("data-cop-widget", "value-story"),
            ("data-endpoint", "https://x.org/stories"),
            ("data-map-id", "/data/id"),
            ("data-map-url", "/data/links/self"),
        ])
        .unwrap();
        assert_eq!(
            config.pointer_for("url").as_deref(),
            Some("/data/links/self")
        );
        let problem = only_problem(&[
            ("data-cop-widget", "value-story"),
            ("data-endpoint", "https://x.org/stories"),
            ("data-map-link", "/self"),
        ]);
        assert_eq!(
            problem.message(Lang::En),
            "data-map-link: found “data-map-link”; expected data-map- followed by one of the fields: id, url, title, answers, answers.cycle, answers.text."
        );
    }

    #[test]
    fn a_foreign_batch_endpoint_serves_member_badges_from_the_placeholder_or_the_script_tag() {
        let page = attrs(&[
            ("data-batch", "https://x.org/people?id={members}&_limit=500"),
            ("data-batch-join", "&id="),
        ]);
        let element = attrs(&[
            BADGE,
            ("data-variant", "pill"),
            ("data-member", "7"),
            ("data-map-member", "/id"),
        ]);
        let config = parse(&element, &page, false).unwrap();
        assert_eq!(
            config.batch,
            Some(crate::badge::Batch {
                before: "https://x.org/people?id=".into(),
                after: "&_limit=500".into(),
                join: "&id=".into(),
                items: String::new(),
                id: "/id".into(),
            })
        );
        assert!(
            !config.contract,
            "no community needed, no own batch endpoint"
        );
        assert_eq!(
            config.source,
            Source::Url("https://x.org/people?id=7&_limit=500".into())
        );
        // A path is under data-api; ids are read at /member unless data-map-member says.
        let config = parse_element(&[
            BADGE,
            API,
            ("data-member", "m-1"),
            ("data-batch", "/people?ids={members}"),
            ("data-batch-items", "/data"),
        ])
        .unwrap();
        let batch = config.batch.unwrap();
        assert_eq!(
            (
                batch.before.as_str(),
                batch.join.as_str(),
                batch.id.as_str()
            ),
            ("/api/people?ids=", ",", "/member")
        );
        assert_eq!(batch.items, "/data");
        // A page-wide one leaves badges with their own endpoint, or no member, alone.
        let config = parse(
            &attrs(&[BADGE, ("data-endpoint", "/p/7.json")]),
            &page,
            false,
        )
        .unwrap();
        assert_eq!(
            (config.batch, config.source),
            (None, Source::Url("/p/7.json".into()))
        );
        // The community variant and static files do not batch; hello ignores it.
        let config = parse(
            &attrs(&[
                BADGE,
                ("data-variant", "community"),
                ("data-endpoint", "/d.json"),
            ]),
            &page,
            false,
        )
        .unwrap();
        assert_eq!(config.batch, None);
        assert!(parse(&attrs(&[("data-cop-widget", "hello")]), &page, false).is_ok());
        // On the placeholder, a member is needed; {members} must be there once; items a pointer.
        let problem = only_problem(&[BADGE, ("data-batch", "https://x.org/p?id={members}")]);
        assert_eq!(
            problem,
            Problem::new("data-member", None, Expected::Identifier)
        );
        let problem = only_problem(&[
            BADGE,
            ("data-member", "7"),
            ("data-batch", "https://x.org/people?id=7"),
        ]);
        assert_eq!(
            problem.message(Lang::En),
            "data-batch: found “https://x.org/people?id=7”; expected an address with {members} once, where the ids go."
        );
        let problem = only_problem(&[
            BADGE,
            ("data-member", "7"),
            ("data-batch", "https://x.org/p?id={members}"),
            ("data-batch-items", "data"),
        ]);
        assert_eq!(problem.attribute, "data-batch-items");
        let problem = only_problem(&[
            BADGE,
            ("data-member", "7"),
            ("data-batch", "people?id={members}"),
        ]);
        assert_eq!(problem.expected, Expected::Url);
    }

    #[test]
    fn a_backends_own_words_must_name_known_ones() {
        let config = parse_element(&[
            BADGE,
            ("data-endpoint", "https://x.org/p/7"),
            ("data-levels", "Mentor=core, Regular=active"),
            ("data-trajectories", "Arriving=inbound"),
        ])
        .unwrap();
        assert_eq!(config.param("levels"), Some("Mentor=core, Regular=active"));
        let problem = only_problem(&[
            BADGE,
            ("data-endpoint", "https://x.org/p/7"),
            ("data-levels", "Mentor=core, Guru=wizard"),
        ]);
        assert_eq!(
            problem.message(Lang::En),
            "data-levels: found “Guru=wizard”; expected word=known word, comma-separated; known words: core, active, occasional, peripheral, transactional."
        );
        let problem = only_problem(&[
            BADGE,
            ("data-endpoint", "https://x.org/p/7"),
            ("data-trajectories", "Arriving"),
        ]);
        assert_eq!(problem.attribute, "data-trajectories");
        assert_eq!(
            problem.expected,
            Expected::Words(crate::badge::TRAJECTORY_NAMES)
        );
    }

    #[test]
    fn endpoint_parameters_need_their_attributes() {
        let problem = only_problem(&[
            ("data-cop-widget", "hello"),
            ("data-api", "/api"),
            ("data-endpoint", "/m/{membr}"),
        ]);
        assert_eq!(
            problem.message(Lang::En),
            "data-endpoint: found “/m/{membr}”; expected an attribute data-membr to fill “{membr}” in the endpoint."
        );
        let problem = only_problem(&[
            ("data-cop-widget", "hello"),
            ("data-api", "/api"),
            ("data-endpoint", "/m/{member"),
        ]);
        assert_eq!(problem.expected, Expected::Template);
    }

    #[test]
    fn every_problem_is_reported_not_only_the_first() {
        let problems = parse_element(&[
            ("data-cop-widget", "hello"),
            ("data-theme", "x"),
            ("data-locale", "?"),
            ("data-api", "x"),
        ])
        .unwrap_err();
        let attributes: Vec<&str> = problems.iter().map(|p| p.attribute.as_str()).collect();
        assert_eq!(attributes, ["data-api", "data-locale", "data-theme"]);
    }

    #[test]
    fn a_kinds_own_values_are_left_to_the_kind() {
        // `parse` (the main module's) leaves them; `kind_problems` (each chunk's) finds them.
        for (kind, attribute, bad) in [
            ("value-story", "data-questions", "weekly"),
            ("video-carousel", "data-autoplay", "fast"),
            ("rhythm-calendar", "data-months", "13"),
        ] {
            let pairs = attrs(&[
                ("data-cop-widget", kind),
                API,
                ("data-community", "t"),
                (attribute, bad),
            ]);
            let config = parse(&pairs, &[], false).expect("the platform's checks pass");
            let problems = kind_problems(config.kind, &config.params);
            assert_eq!(problems.len(), 1, "{problems:?}");
            assert_eq!(problems[0].attribute, attribute);
            assert_eq!(parse_all(&pairs, &[], false), Err(problems));
        }
    }

    const CAROUSEL: (&str, &str) = ("data-cop-widget", "video-carousel");

    #[test]
    fn a_carousel_reads_the_current_cycle_or_the_one_it_names() {
        let config = parse_element(&[CAROUSEL, API, ("data-community", "teachers")]).unwrap();
        assert_eq!(
            config.source,
            Source::Url("/api/communities/teachers/carousel".into())
        );
        assert!(config.contract);
        let config = parse_element(&[
            CAROUSEL,
            API,
            ("data-community", "teachers"),
            ("data-cycle", "c/7"),
            ("data-autoplay", ""),
            ("data-per-view", "4"),
        ])
        .unwrap();
        assert_eq!(
            config.source,
            Source::Url("/api/communities/teachers/cycles/c%2F7/carousel".into())
        );
        assert_eq!(config.param("autoplay"), Some(""));
        let problems = parse_element(&[CAROUSEL, API]).unwrap_err();
        assert_eq!(
            problems,
            [Problem::new("data-community", None, Expected::Identifier)]
        );
    }

    #[test]
    fn a_carousels_rotation_per_view_cycle_and_events_are_checked() {
        for good in ["", "5", "8s", "120"] {
            assert!(
                parse_element(&[
                    CAROUSEL,
                    API,
                    ("data-community", "t"),
                    ("data-autoplay", good)
                ])
                .is_ok(),
                "{good:?}"
            );
        }
        for bad in ["4", "121", "true", "8 s", "8ms", "-8", "s", "0x10"] {
            let problem = only_problem(&[
                CAROUSEL,
                API,
                ("data-community", "t"),
                ("data-autoplay", bad),
            ]);
            assert_eq!(problem.attribute, "data-autoplay", "{bad:?}");
        }
        let problem = only_problem(&[
            CAROUSEL,
            API,
            ("data-community", "t"),
            ("data-autoplay", "3"),
        ]);
        assert_eq!(
            problem.message(Lang::En),
            "data-autoplay: found “3”; expected nothing (every 8 seconds) or a whole number of seconds from 5 to 120, such as 8 or 8s."
        );
        let problem = only_problem(&[
            CAROUSEL,
            API,
            ("data-community", "t"),
            ("data-per-view", "7"),
        ]);
        assert_eq!(
            problem.message(Lang::En),
            "data-per-view: found “7”; expected a whole number from 1 to 6."
        );
        let problem = only_problem(&[
            CAROUSEL,
            API,
            ("data-community", "t"),
            ("data-cycle", "a cycle é"),
        ]);
        assert_eq!(problem.attribute, "data-cycle");
        for good in [
            "none",
            "https://x.org/hits",
            "/events/{community}/{cycle}",
            "https://x.org/c/{cycle}/views",
        ] {
            assert!(
                parse_element(&[
                    CAROUSEL,
                    API,
                    ("data-community", "t"),
                    ("data-events", good)
                ])
                .is_ok(),
                "{good}"
            );
        }
        for bad in [
            "off",
            "events",
            "/e/{member}",
            "/e/{cycle",
            "javascript:alert(1)",
        ] {
            let problem =
                only_problem(&[CAROUSEL, API, ("data-community", "t"), ("data-events", bad)]);
            assert_eq!(problem.expected, Expected::Events, "{bad}");
        }
        assert_eq!(
            only_problem(&[
                CAROUSEL,
                API,
                ("data-community", "t"),
                ("data-autoplai", "")
            ])
            .expected,
            Expected::Attribute("data-autoplay".into())
        );
    }

    #[test]
    fn a_carousel_on_a_foreign_backend_maps_the_list_and_its_items() {
        let config = parse_element(&[
            CAROUSEL,
            ("data-endpoint", "https://x.org/featured.json"),
            ("data-map-videos", "/data"),
            ("data-map-videos.url", "/attributes/link"),
            ("data-map-videos.speaker", "/attributes/person/name"),
        ])
        .unwrap();
        assert!(!config.contract, "no community needed");
        assert_eq!(
            config.pointer_for("videos.speaker").as_deref(),
            Some("/attributes/person/name")
        );
        let problem = only_problem(&[
            CAROUSEL,
            ("data-endpoint", "https://x.org/featured.json"),
            ("data-map-videos.link", "/attributes/link"),
        ]);
        let message = problem.message(Lang::En);
        assert!(
            message.starts_with("data-map-videos.link: found “data-map-videos.link”; expected data-map- followed by one of the fields: cycle, cycle_name, videos, videos.id, videos.title, videos.url, "),
            "{message}"
        );
        assert!(message.contains("videos.captions_language."), "{message}");
    }

    #[test]
    fn problems_read_in_every_language() {
        let problem = only_problem(&[("data-cop-widget", "hello"), ("data-theme", "purple")]);
        for lang in Lang::ALL {
            let message = problem.message(lang);
            assert!(
                message.contains("data-theme")
                    && message.contains("purple")
                    && message.contains("light"),
                "{lang:?}: {message}"
            );
        }
    }

    const CALENDAR: (&str, &str) = ("data-cop-widget", "rhythm-calendar");

    #[test]
    fn the_calendar_reads_its_events_and_names_each_bad_attribute() {
        let config = parse_element(&[CALENDAR, API, ("data-community", "teachers")]).unwrap();
        assert_eq!(
            config.source,
            Source::Url("/api/communities/teachers/events".into())
        );
        assert!(config.contract);
        let fine = parse_element(&[
            CALENDAR,
            API,
            ("data-community", "t"),
            ("data-view", "month"),
            ("data-zone", "America/Argentina/Buenos_Aires"),
            ("data-months", "12"),
            ("data-feed", "https://intranet.example/t.ics"),
        ]);
        assert!(fine.is_ok(), "{fine:?}");
        for (attribute, value, expected) in [
            ("data-view", "week", "one of: agenda, month, next"),
            ("data-zone", "Vienna time", "IANA time zone name"),
            ("data-months", "13", "from 1 to 12"),
            ("data-feed", "javascript:alert(1)", "iCalendar feed"),
        ] {
            let problem =
                only_problem(&[CALENDAR, API, ("data-community", "t"), (attribute, value)]);
            let message = problem.message(Lang::En);
            assert_eq!(problem.attribute, attribute);
            assert!(
                message.contains(value) && message.contains(expected),
                "{message}"
            );
        }
        let missing = only_problem(&[CALENDAR, API]);
        assert_eq!(
            (missing.attribute.as_str(), missing.found),
            ("data-community", None)
        );
        // A foreign backend's list: no community needed, item fields mappable.
        let foreign = parse_element(&[
            CALENDAR,
            ("data-endpoint", "https://x.org/events.json"),
            ("data-map-events", "/data"),
            ("data-map-events.timing", "/attributes/rrule"),
        ])
        .unwrap();
        assert_eq!(
            foreign.pointer_for("events.timing").as_deref(),
            Some("/attributes/rrule")
        );
    }
}
