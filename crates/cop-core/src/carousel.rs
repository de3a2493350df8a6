//! The featured-video carousel's model (`data-cop-widget="video-carousel"`): its options from
//! the placeholder's attributes, the featured videos read from any backend's JSON through the
//! mapping, and what the view needs to play them behind a facade — embed URLs that are only
//! ever loaded when the member chooses to play, posters, file sources and caption tracks, every
//! URL checked. [`view`] is the carousel's state (slides per view, navigation, keys, swipes,
//! rotation), [`tracker`] the impressions and selections a page view sends.
//!
//! Nothing here touches the page: the view asks, the model answers, and the native tests run
//! every rule.
//!
//! **Posters.** The backend's own poster wins (`poster`; the project's server stores one per
//! video, served from its own origin). Without one, a YouTube video shows YouTube's thumbnail
//! from `i.ytimg.com` ([`Poster::third_party`]: the view loads it lazily, only for slides near
//! the view). Vimeo has no thumbnail URL that can be built from the id without asking Vimeo's
//! API (a third-party request before any choice), and a file has none: they show the title on
//! a plain poster. The server offers no poster proxy, so none is assumed.

pub mod tracker;
pub mod view;

use crate::config::WidgetConfig;
use crate::contract::{VideoProvider, VideoSource};
use crate::i18n::{fill, Lang, Msg};
use crate::mapping::{Field, Fields, FromFields, Item, Json, Kind};
use crate::template::{self, percent_encode, Template};
use crate::text::{has_visible, is_forbidden_control};
use crate::video::{self, detect, is_language, is_link};

/// `data-autoplay` without a value: a slide every 8 seconds.
pub const AUTOPLAY_DEFAULT_S: u32 = 8;
/// The fastest rotation: 5 seconds, enough to read a title, a name and a line.
pub const AUTOPLAY_MIN_S: u32 = 5;
pub const AUTOPLAY_MAX_S: u32 = 120;
/// `data-per-view`: at most this many slides side by side on a wide page (default 3).
pub const PER_VIEW_DEFAULT: u32 = 3;
pub const PER_VIEW_MAX: u32 = 6;

/// `data-autoplay`'s interval in seconds: empty (the attribute alone) is the default, else
/// whole seconds, `8` or `8s`, from [`AUTOPLAY_MIN_S`] to [`AUTOPLAY_MAX_S`].
pub fn parse_autoplay(value: &str) -> Option<u32> {
    if value.is_empty() {
        return Some(AUTOPLAY_DEFAULT_S);
    }
    let digits = value.strip_suffix('s').unwrap_or(value);
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    digits
        .parse::<u32>()
        .ok()
        .filter(|s| (AUTOPLAY_MIN_S..=AUTOPLAY_MAX_S).contains(s))
}

/// `data-per-view`: the most slides side by side, 1 to [`PER_VIEW_MAX`].
pub fn parse_per_view(value: &str) -> Option<u32> {
    (!value.is_empty() && value.bytes().all(|b| b.is_ascii_digit()))
        .then(|| value.parse::<u32>().ok())
        .flatten()
        .filter(|n| (1..=PER_VIEW_MAX).contains(n))
}

/// `data-events`: `none`, or an address where `{cycle}` and `{community}` may stand (an
/// absolute http(s) URL, or a path: under `data-api` when there is one).
pub fn check_events(value: &str) -> bool {
    value == "none"
        || (crate::config::is_url(value)
            && Template::parse(value)
                .is_ok_and(|t| t.params().all(|p| p == "cycle" || p == "community")))
}

/// Where a page view's impressions and selections go.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Events {
    /// The project's own `…/cycles/{cycle}/events`, under `data-api`.
    Contract,
    /// `data-events`: a foreign backend's address (`{cycle}`, `{community}` filled).
    Url(String),
    /// Not counted: `data-events="none"`, or a foreign backend without `data-events`.
    Off,
}

/// The carousel's own attributes, parsed (the configuration has refused bad values already;
/// here a bad value falls back to the default).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Options {
    pub community: Option<String>,
    /// `data-cycle`: a cycle's id; the current cycle without it.
    pub cycle: Option<String>,
    /// `data-autoplay`: rotation's interval in ms; `None`, off (the default).
    pub autoplay_ms: Option<u32>,
    /// `data-per-view`: the most slides side by side.
    pub max_per_view: u32,
    pub events: Events,
    /// Prev/next go round from the last slide to the first: only with rotation, which goes
    /// round anyway (otherwise the ends are ends, and the buttons say so).
    pub wrap: bool,
    /// The page's API base, for the contract's events address.
    api: Option<String>,
}

impl Options {
    pub fn of(config: &WidgetConfig) -> Options {
        let autoplay_ms = config
            .param("autoplay")
            .map(|v| parse_autoplay(v).unwrap_or(AUTOPLAY_DEFAULT_S) * 1000);
        let events = match config.param("events") {
            Some("none") => Events::Off,
            Some(url) if check_events(url) => Events::Url(url.to_owned()),
            Some(_) => Events::Off,
            None if config.contract => Events::Contract,
            None => Events::Off,
        };
        Options {
            community: config.param("community").map(str::to_owned),
            cycle: config.param("cycle").map(str::to_owned),
            autoplay_ms,
            max_per_view: config
                .param("per-view")
                .and_then(parse_per_view)
                .unwrap_or(PER_VIEW_DEFAULT),
            events,
            wrap: autoplay_ms.is_some(),
            api: config.api.clone(),
        }
    }

    /// Where this page view's events are sent, for the cycle the answer named (else
    /// `data-cycle`); `None` when they are not counted or a needed id is unknown.
    pub fn events_url(&self, answer_cycle: Option<&str>) -> Option<String> {
        let cycle = answer_cycle.or(self.cycle.as_deref());
        let path = match &self.events {
            Events::Off => return None,
            Events::Contract => format!(
                "/communities/{}/cycles/{}/events",
                percent_encode(self.community.as_deref()?),
                percent_encode(cycle?)
            ),
            Events::Url(text) => Template::parse(text)
                .ok()?
                .expand(|name| match name {
                    "cycle" => cycle,
                    "community" => self.community.as_deref(),
                    _ => None,
                })
                .ok()?,
        };
        Some(match &self.api {
            Some(api) => template::join(api, &path),
            None => path,
        })
    }
}

/// The one place a page-relative link (`/posters/a.svg`) from an answer becomes absolute: on
/// the answer's own origin (`https://cop.example.org/api/…` → `https://cop.example.org/…`),
/// since the page the widget sits on may be elsewhere.
fn rebase(link: &mut String, origin: &str) {
    if link.starts_with('/') && !link.starts_with("//") {
        *link = format!("{origin}{link}");
    }
}

/// `https://host:port` of an absolute http(s) URL.
fn origin_of(url: &str) -> Option<&str> {
    if !template::is_absolute_http(url) {
        return None;
    }
    // Found by hand, not `find("://")`: see `text::split_once_str`.
    let (scheme, rest) = crate::text::split_once_str(url, "://")?;
    let end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
    (end > 0)
        .then(|| url.get(..scheme.len() + 3 + end))
        .flatten()
}

/// How a slide's video is played once chosen.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Player {
    /// From `youtube-nocookie.com`, with this 11-character id.
    Youtube(String),
    /// From `player.vimeo.com` with `dnt=1`, this numeric id.
    Vimeo(String),
    /// A `<video>` with these sources, in order of preference (each http(s) or a path, of a
    /// type browsers play).
    File(Vec<VideoSource>),
}

/// The `allow` attribute of a provider's `<iframe>`: autoplay once chosen, fullscreen.
pub const EMBED_ALLOW: &str =
    "accelerometer; autoplay; encrypted-media; gyroscope; picture-in-picture; fullscreen";

impl Player {
    pub fn provider(&self) -> VideoProvider {
        match self {
            Player::Youtube(_) => VideoProvider::Youtube,
            Player::Vimeo(_) => VideoProvider::Vimeo,
            Player::File(_) => VideoProvider::File,
        }
    }

    /// The provider's name as members know it (for "Watch on YouTube"); `None` for a file.
    pub fn provider_name(&self) -> Option<&'static str> {
        match self {
            Player::Youtube(_) => Some("YouTube"),
            Player::Vimeo(_) => Some("Vimeo"),
            Player::File(_) => None,
        }
    }

    /// The `<iframe>`'s `src` once the member chose to play — never before: the facade makes
    /// no third-party request. It starts playing at once (`autoplay=1`, allowed by the tap);
    /// `locale` (a BCP 47 tag) sets YouTube's player language when it is a valid tag.
    /// `None` for a file (a `<video>`, see [`Player::File`]).
    pub fn embed_url(&self, locale: Option<&str>) -> Option<String> {
        match self {
            Player::Youtube(id) => {
                let mut url = format!(
                    "https://www.youtube-nocookie.com/embed/{}?autoplay=1&playsinline=1&rel=0",
                    percent_encode(id)
                );
                if let Some(tag) = locale.filter(|tag| is_language(tag)) {
                    url.push_str("&hl=");
                    url.push_str(tag);
                }
                Some(url)
            }
            Player::Vimeo(id) => Some(format!(
                "https://player.vimeo.com/video/{}?dnt=1&autoplay=1&playsinline=1",
                percent_encode(id)
            )),
            Player::File(_) => None,
        }
    }

    /// The video on the provider's own site: the way out when the embed fails.
    pub fn watch_url(&self) -> Option<String> {
        match self {
            Player::Youtube(id) => Some(format!(
                "https://www.youtube.com/watch?v={}",
                percent_encode(id)
            )),
            Player::Vimeo(id) => Some(format!("https://vimeo.com/{}", percent_encode(id))),
            Player::File(_) => None,
        }
    }

    /// Origins the view may `preconnect` to when the member hovers or focuses the play
    /// button — only after a first interaction with the carousel ([`view::Slides::may_warm`]).
    pub fn warm_origins(&self) -> &'static [&'static str] {
        match self {
            Player::Youtube(_) => &["https://www.youtube-nocookie.com", "https://i.ytimg.com"],
            Player::Vimeo(_) => &["https://player.vimeo.com", "https://i.vimeocdn.com"],
            Player::File(_) => &[],
        }
    }
}

/// A slide's poster image.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Poster {
    pub src: String,
    /// `srcset` widths, for a provider's thumbnails.
    pub srcset: Option<String>,
    /// On a video provider's servers (YouTube's thumbnail): a third-party request, so the view
    /// loads it only for slides at or next to the view (`loading="lazy"` is not enough: a
    /// browser may fetch lazy images well ahead). The backend's own posters are not.
    pub third_party: bool,
}

/// Hosts of the providers' images: a backend's poster there is a third-party request too.
const PROVIDER_IMAGE_HOSTS: &[&str] = &[
    "i.ytimg.com",
    "img.youtube.com",
    "i.vimeocdn.com",
    "vumbnail.com",
];

impl Poster {
    fn own(src: String) -> Poster {
        let host = crate::text::split_once_str(&src, "://")
            .map(|(_, rest)| rest.split(['/', '?', '#', ':']).next().unwrap_or(""))
            .unwrap_or("");
        Poster {
            third_party: PROVIDER_IMAGE_HOSTS
                .iter()
                .any(|h| host.eq_ignore_ascii_case(h)),
            src,
            srcset: None,
        }
    }

    /// YouTube's thumbnails: 320×180 and 480×360 (letterboxed 4:3; the view crops it to 16:9
    /// with `object-fit: cover`). Both exist for every video, unlike the larger ones.
    fn youtube(id: &str) -> Poster {
        let id = percent_encode(id);
        Poster {
            src: format!("https://i.ytimg.com/vi/{id}/hqdefault.jpg"),
            srcset: Some(format!(
                "https://i.ytimg.com/vi/{id}/mqdefault.jpg 320w, https://i.ytimg.com/vi/{id}/hqdefault.jpg 480w"
            )),
            third_party: true,
        }
    }
}

/// A caption track of a file video (`<track kind="captions">`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Track {
    pub src: String,
    /// Its language (BCP 47), when the backend gave a valid one.
    pub language: Option<String>,
}

/// One featured video, as a slide shows it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Slide {
    pub id: String,
    pub title: String,
    pub speaker: Option<String>,
    pub role: Option<String>,
    /// One line: why it matters.
    pub why: Option<String>,
    pub duration_seconds: Option<u32>,
    pub player: Player,
    pub poster: Option<Poster>,
    /// Only for a file (YouTube and Vimeo show their own).
    pub captions: Option<Track>,
    /// Plain text, line breaks kept; see [`paragraphs`].
    pub transcript: Option<String>,
}

impl Slide {
    /// "Play “Peer review in practice”": the facade's button.
    pub fn play_label(&self, lang: Lang) -> String {
        fill(Msg::CarouselPlay.text(lang), &[("title", &self.title)])
    }

    /// The player `<iframe>`'s `title`.
    pub fn player_label(&self, lang: Lang) -> String {
        fill(Msg::CarouselPlayer.text(lang), &[("title", &self.title)])
    }
}

/// What a video item of the answer could not be, told on the console (never shown to members,
/// never put into the page).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Rejected {
    /// The item's position in the answer's list.
    pub index: usize,
    /// Its id, when it had one.
    pub id: Option<String>,
    /// The item field at fault (`url`, `poster`, `sources`…).
    pub field: &'static str,
    pub found: String,
    /// The whole video was left out (nothing to play, no id or title, a repeated id);
    /// otherwise only this field was.
    pub skipped: bool,
}

impl Rejected {
    pub fn message(&self) -> String {
        let what = match self.field {
            "id" => "has no id",
            "title" => "has no title",
            "duplicate" => "repeats the id of an earlier video",
            "url" | "provider" | "provider_id" => "has nothing a provider plays",
            "sources" => "has a source that is not an http(s) video URL of type video/mp4, video/webm or video/ogg",
            "captions" => "has captions whose address is not an http(s) URL or a path",
            _ => "has a poster whose address is not an http(s) URL or a path",
        };
        let mut text = format!("cop-widgets: video {}", self.index + 1);
        if let Some(id) = &self.id {
            text.push_str(" (");
            text.push_str(id);
            text.push(')');
        }
        text.push(' ');
        text.push_str(what);
        if !self.found.is_empty() {
            text.push_str(": “");
            text.push_str(&self.found);
            text.push('”');
        }
        text.push_str(if self.skipped {
            "; it is left out."
        } else {
            "; that part is left out."
        });
        text
    }
}

/// The carousel's model: the cycle and its featured videos, in order.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Featured {
    /// The cycle's id: where the events go (`…/cycles/{cycle}/events`).
    pub cycle: Option<String>,
    pub cycle_name: Option<String>,
    pub slides: Vec<Slide>,
    pub rejected: Vec<Rejected>,
}

/// Longest texts kept from a backend (a bad one cannot fill the page): the contract's limits.
const TITLE_MAX: usize = video::TITLE_MAX;
const LINE_MAX: usize = video::WHY_MAX;
/// A foreign transcript may be longer than the project's own (a 30-minute talk).
const TRANSCRIPT_MAX: usize = 60_000;
/// The longest duration believed: a day.
const DURATION_MAX: u32 = 86_400;
/// The most sources of one file video kept.
const SOURCES_MAX: usize = 5;

const FIELDS: &[Field] = &[
    Field {
        name: "cycle",
        pointer: "/cycle/id",
        kind: Kind::Id,
        required: false,
        items: &[],
    },
    Field {
        name: "cycle_name",
        pointer: "/cycle/name",
        kind: Kind::Text,
        required: false,
        items: &[],
    },
    Field {
        name: "videos",
        pointer: "/videos",
        kind: Kind::List,
        required: true,
        items: &[
            Item::new("id", "/id", Kind::Id),
            Item::new("title", "/title", Kind::Text),
            // A foreign backend's link (YouTube, Vimeo, a file), read by `video::detect`;
            // the contract's `provider` and `provider_id` otherwise.
            Item::optional("url", "/url", Kind::Text),
            Item::optional("provider", "/provider", Kind::Text),
            Item::optional("provider_id", "/provider_id", Kind::Id),
            Item::optional("poster", "/poster", Kind::Text),
            Item::optional("speaker", "/speaker/name", Kind::Text),
            Item::optional("role", "/speaker/role", Kind::Text),
            Item::optional("why", "/why", Kind::Text),
            // Seconds, or `4:12`, `1:02:03`, `PT4M12S`.
            Item::optional("duration", "/duration_seconds", Kind::Any),
            Item::optional("transcript", "/transcript", Kind::Text),
            // `[{"src", "type"}]` or `["https://…/a.webm"]`.
            Item::optional("sources", "/sources", Kind::List),
            Item::optional("captions", "/captions/src", Kind::Text),
            Item::optional("captions_language", "/captions/language", Kind::Text),
        ],
    },
];

/// One line of text from a backend: control and format characters become spaces, trimmed,
/// at most `max` characters (an ellipsis marks the cut); `None` if nothing shows.
pub(crate) fn line(text: &str, max: usize) -> Option<String> {
    let cleaned: String = text
        .chars()
        .map(|c| if is_forbidden_control(c) { ' ' } else { c })
        .collect();
    cap(cleaned.trim(), max)
}

fn cap(text: &str, max: usize) -> Option<String> {
    if !has_visible(text) {
        return None;
    }
    match text.char_indices().nth(max) {
        None => Some(text.to_owned()),
        Some((cut, _)) => {
            let mut short = text.get(..cut).unwrap_or("").trim_end().to_owned();
            short.push('…');
            Some(short)
        }
    }
}

/// A transcript: line breaks kept, other control characters removed.
fn transcript(text: &str) -> Option<String> {
    // A CR is a control character: CRLF becomes LF here.
    let cleaned: String = text
        .chars()
        .filter(|&c| c == '\n' || c == '\t' || !is_forbidden_control(c))
        .collect();
    cap(cleaned.trim(), TRANSCRIPT_MAX)
}

/// A transcript's paragraphs (separated by blank lines), each trimmed; the view shows each
/// as a paragraph, its single line breaks kept (`white-space: pre-line`).
pub fn paragraphs(transcript: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start = 0;
    let mut blank_from: Option<usize> = None;
    let mut offset = 0;
    for raw in transcript.split_inclusive('\n') {
        if raw.trim().is_empty() {
            blank_from.get_or_insert(offset);
        } else if let Some(end) = blank_from.take() {
            out.push(transcript.get(start..end).unwrap_or("").trim());
            start = offset;
        }
        offset += raw.len();
    }
    out.push(transcript.get(start..).unwrap_or("").trim());
    out.retain(|p| !p.is_empty());
    out
}

/// A duration in seconds from a number (seconds), digits, `m:ss`, `h:mm:ss` or ISO 8601's
/// `PT1H2M3S`; `None` for anything else, zero, or more than a day.
pub fn parse_duration<J: Json>(value: &J) -> Option<u32> {
    let seconds = match value.as_number() {
        Some(n) if n.is_finite() && n >= 0.5 => n.round().min(f64::from(u32::MAX)) as u32,
        Some(_) => return None,
        None => duration_text(value.as_text()?.trim())?,
    };
    (1..=DURATION_MAX).contains(&seconds).then_some(seconds)
}

fn duration_text(text: &str) -> Option<u32> {
    let number = |digits: &str| -> Option<u32> {
        (!digits.is_empty() && digits.len() <= 6 && digits.bytes().all(|b| b.is_ascii_digit()))
            .then(|| digits.parse().ok())
            .flatten()
    };
    if let Some(iso) = text.strip_prefix("PT").or_else(|| text.strip_prefix("pt")) {
        let mut total = 0u32;
        let mut digits = String::new();
        let mut seen = false;
        for c in iso.chars() {
            let unit = match c.to_ascii_uppercase() {
                'H' => 3600,
                'M' => 60,
                'S' => 1,
                d if d.is_ascii_digit() => {
                    digits.push(d);
                    continue;
                }
                _ => return None,
            };
            total = total.checked_add(number(&digits)?.checked_mul(unit)?)?;
            digits.clear();
            seen = true;
        }
        return (seen && digits.is_empty()).then_some(total);
    }
    let parts: Vec<&str> = text.split(':').collect();
    let mut total = 0u32;
    match parts.len() {
        1..=3 => {
            for (i, part) in parts.iter().enumerate() {
                let n = number(part)?;
                if i > 0 && (n >= 60 || part.len() != 2) {
                    return None;
                }
                total = total.checked_mul(60)?.checked_add(n)?;
            }
            Some(total)
        }
        _ => None,
    }
}

/// `4:12`, `1:02:03`: the duration shown on a slide.
pub fn clock(seconds: u32) -> String {
    let (h, m, s) = (seconds / 3600, seconds / 60 % 60, seconds % 60);
    if h > 0 {
        format!("{h}:{m:02}:{s:02}")
    } else {
        format!("{m}:{s:02}")
    }
}

/// "4 minutes 12 seconds": the duration as read aloud (zero parts left out).
pub fn spoken_duration(seconds: u32, lang: Lang) -> String {
    let part = |n: u32, one: Msg, many: Msg| {
        if n == 1 {
            one.text(lang).to_owned()
        } else {
            fill(many.text(lang), &[("n", &n.to_string())])
        }
    };
    let (h, m, s) = (seconds / 3600, seconds / 60 % 60, seconds % 60);
    let mut parts = Vec::new();
    if h > 0 {
        parts.push(part(h, Msg::DurationHour, Msg::DurationHours));
    }
    if m > 0 {
        parts.push(part(m, Msg::DurationMinute, Msg::DurationMinutes));
    }
    if s > 0 || parts.is_empty() {
        parts.push(part(s, Msg::DurationSecond, Msg::DurationSeconds));
    }
    let mut spoken = parts.pop().unwrap_or_default();
    while let Some(larger) = parts.pop() {
        spoken = fill(
            Msg::DurationAnd.text(lang),
            &[("larger", &larger), ("smaller", &spoken)],
        );
    }
    spoken
}

/// A video file's type: the one given if browsers play it here, else from the extension.
fn source_type(src: &str, given: Option<&str>) -> Option<String> {
    match given.map(str::trim).filter(|t| !t.is_empty()) {
        Some(t) => ["video/mp4", "video/webm", "video/ogg"]
            .into_iter()
            .find(|known| t.eq_ignore_ascii_case(known))
            .map(str::to_owned),
        None => detect(src).ok()?.source.map(|s| s.mime_type),
    }
}

impl FromFields for Featured {
    const FIELDS: &'static [Field] = FIELDS;

    fn from_fields<J: Json>(fields: &Fields<J>, _params: &[(String, String)]) -> Featured {
        let mut slides: Vec<Slide> = Vec::new();
        let mut rejected = Vec::new();
        for (index, item) in fields.items("videos").iter().enumerate() {
            let get = |name: &str| fields.item(item, "videos", name);
            let text = |name: &str| get(name).and_then(|v| v.as_text());
            let id = get("id")
                .and_then(|v| v.as_id())
                .and_then(|id| line(&id, 200));
            let mut reject = |field: &'static str, found: String, skipped: bool| {
                rejected.push(Rejected {
                    index,
                    id: id.clone(),
                    field,
                    found,
                    skipped,
                })
            };
            let Some(id_text) = id.clone() else {
                reject("id", String::new(), true);
                continue;
            };
            if slides.iter().any(|s| s.id == id_text) {
                reject("duplicate", id_text, true);
                continue;
            }
            let Some(title) = text("title").and_then(|t| line(&t, TITLE_MAX)) else {
                reject("title", String::new(), true);
                continue;
            };
            // The contract's provider and id, else the link a foreign backend gives.
            let provider = text("provider").and_then(|p| VideoProvider::from_name(p.trim()));
            let provider_id = get("provider_id").and_then(|v| v.as_id());
            let url = text("url");
            let mut sources: Vec<VideoSource> = Vec::new();
            let player = match (provider, provider_id) {
                (Some(VideoProvider::Youtube), Some(pid)) => {
                    detect(&format!("https://youtu.be/{}", pid.trim()))
                        .ok()
                        .and_then(|d| d.provider_id)
                        .map(Player::Youtube)
                }
                (Some(VideoProvider::Vimeo), Some(pid)) => {
                    detect(&format!("https://vimeo.com/{}", pid.trim()))
                        .ok()
                        .and_then(|d| d.provider_id)
                        .map(Player::Vimeo)
                }
                (Some(VideoProvider::File), _) => Some(Player::File(Vec::new())),
                _ => match url.as_deref().map(detect) {
                    Some(Ok(found)) => match found.provider {
                        VideoProvider::Youtube => found.provider_id.map(Player::Youtube),
                        VideoProvider::Vimeo => found.provider_id.map(Player::Vimeo),
                        VideoProvider::File => {
                            sources.extend(found.source);
                            Some(Player::File(Vec::new()))
                        }
                    },
                    _ => None,
                },
            };
            let Some(mut player) = player else {
                let found = url
                    .or_else(|| text("provider"))
                    .map(|u| line(&u, 200).unwrap_or_default())
                    .unwrap_or_default();
                reject("url", found, true);
                continue;
            };
            if let Player::File(files) = &mut player {
                if let Some(list) = get("sources") {
                    for source in list.items() {
                        let (src, given) = match source.as_text() {
                            Some(src) => (src, None),
                            None => (
                                source
                                    .child("src")
                                    .and_then(|s| s.as_text())
                                    .unwrap_or_default(),
                                source.child("type").and_then(|t| t.as_text()),
                            ),
                        };
                        let src = src.trim().to_owned();
                        match source_type(&src, given.as_deref()) {
                            Some(mime_type) if is_link(&src) => {
                                if !sources.iter().any(|s| s.src == src) {
                                    sources.push(VideoSource { src, mime_type })
                                }
                            }
                            _ => reject("sources", line(&src, 200).unwrap_or_default(), false),
                        }
                    }
                }
                sources.truncate(SOURCES_MAX);
                if sources.is_empty() {
                    reject("sources", String::new(), true);
                    continue;
                }
                *files = sources;
            }
            let mut link = |name: &'static str| -> Option<String> {
                let found = text(name)?;
                let trimmed = found.trim();
                if is_link(trimmed) {
                    Some(trimmed.to_owned())
                } else {
                    reject(name, line(trimmed, 200).unwrap_or_default(), false);
                    None
                }
            };
            let poster = match (link("poster"), &player) {
                (Some(src), _) => Some(Poster::own(src)),
                (None, Player::Youtube(id)) => Some(Poster::youtube(id)),
                (None, _) => None,
            };
            let captions = match &player {
                Player::File(_) => link("captions").map(|src| Track {
                    src,
                    language: text("captions_language")
                        .map(|l| l.trim().to_owned())
                        .filter(|l| is_language(l)),
                }),
                _ => None,
            };
            slides.push(Slide {
                id: id_text,
                title,
                speaker: text("speaker").and_then(|t| line(&t, LINE_MAX)),
                role: text("role").and_then(|t| line(&t, LINE_MAX)),
                why: text("why").and_then(|t| line(&t, LINE_MAX)),
                duration_seconds: get("duration").and_then(|v| parse_duration(&v)),
                player,
                poster,
                captions,
                transcript: text("transcript").and_then(|t| transcript(&t)),
            });
        }
        Featured {
            cycle: fields.text("cycle").and_then(|c| line(&c, 200)),
            cycle_name: fields.text("cycle_name").and_then(|c| line(&c, 80)),
            slides,
            rejected,
        }
    }
}

impl Featured {
    /// Makes the answer's paths (`/posters/a.svg`) absolute on the origin of `source`, the URL
    /// the answer came from; a `source` that is itself a path leaves them page-relative.
    pub fn rebase(&mut self, source: &str) {
        let Some(origin) = origin_of(source) else {
            return;
        };
        for slide in &mut self.slides {
            if let Some(poster) = &mut slide.poster {
                rebase(&mut poster.src, origin);
            }
            if let Some(track) = &mut slide.captions {
                rebase(&mut track.src, origin);
            }
            if let Player::File(sources) = &mut slide.player {
                for source in sources {
                    rebase(&mut source.src, origin);
                }
            }
        }
    }

    /// The region's label: "Featured videos: November".
    pub fn label(&self, lang: Lang) -> String {
        match &self.cycle_name {
            Some(cycle) => fill(Msg::CarouselLabelCycle.text(lang), &[("cycle", cycle)]),
            None => Msg::CarouselLabel.text(lang).to_owned(),
        }
    }

    /// What to say instead of slides: none featured, or none of them playable here.
    pub fn empty_message(&self) -> Option<Msg> {
        match (
            self.slides.is_empty(),
            self.rejected.iter().any(|r| r.skipped),
        ) {
            (false, _) => None,
            (true, false) => Some(Msg::CarouselEmpty),
            (true, true) => Some(Msg::CarouselNonePlayable),
        }
    }
}

#[cfg(test)]
mod tests;
