//! The featured-video carousel's rules: which provider plays a video URL, what a video, a
//! cycle, a featured list and a batch of carousel events must be, how featured videos rank by
//! selection rate, and the notes a coordinator sends to featured speakers.
//!
//! The server applies these rules (with English messages and stable `code`s, like the story
//! rules); the carousel widget's model ([`crate::carousel`]) uses [`detect`], [`is_link`] and
//! the types of [`crate::contract`].

use crate::contract::{
    Captions, CycleRequest, EventBatch, FeaturedRequest, FieldError, SelectionRow, VideoCycle,
    VideoProvider, VideoRequest, VideoSource,
};
use crate::day::Day;
use crate::template::percent_encode;
use crate::text::{has_visible, is_forbidden_control};

/// The longest title of a video, in characters.
pub const TITLE_MAX: usize = 120;
/// The longest "why it matters" line.
pub const WHY_MAX: usize = 200;
/// The longest speaker name and role.
pub const SPEAKER_MAX: usize = 120;
/// The longest transcript.
pub const TRANSCRIPT_MAX: usize = 12_000;
/// The longest URL.
pub const URL_MAX: usize = 2_000;
/// The longest video, in seconds (two hours).
pub const DURATION_MAX: u32 = 7_200;
/// The most videos featured in one cycle: one a day for a month (issue 14's benchmark shows
/// 24).
pub const FEATURED_MAX: usize = 31;
/// The most impressions, and the most selections, in one batch of events.
pub const BATCH_EVENTS_MAX: usize = 50;
/// The longest cycle, in days.
pub const CYCLE_DAYS_MAX: i32 = 366;

/// What a video URL is played with.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Detected {
    pub provider: VideoProvider,
    /// The id at YouTube or Vimeo.
    pub provider_id: Option<String>,
    /// The file itself, for `file`.
    pub source: Option<VideoSource>,
}

/// A URL no provider plays, with the reason.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UnknownVideoUrl {
    pub url: String,
}

impl UnknownVideoUrl {
    pub fn message(&self) -> String {
        format!(
            "No video provider plays “{}”: use a YouTube link (watch?v=…, youtu.be/…, embed/…), a Vimeo link (vimeo.com/123…), or a file URL ending in .mp4 or .webm.",
            self.url
        )
    }
}

/// The URL's host (lower-cased ASCII compared, never converted) and the rest from the first
/// `/`, `?` or `#`; `None` for a URL that is not http(s).
fn split_url(url: &str) -> Option<(&str, &str)> {
    let rest = strip_prefix_ignore_case(url, "https://")
        .or_else(|| strip_prefix_ignore_case(url, "http://"))?;
    let end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
    Some((rest.get(..end)?, rest.get(end..)?))
}

fn strip_prefix_ignore_case<'a>(text: &'a str, prefix: &str) -> Option<&'a str> {
    let head = text.get(..prefix.len())?;
    head.eq_ignore_ascii_case(prefix)
        .then(|| text.get(prefix.len()..))
        .flatten()
}

fn host_is(host: &str, names: &[&str]) -> bool {
    names.iter().any(|name| host.eq_ignore_ascii_case(name))
}

/// The path without its query and fragment.
fn path_of(rest: &str) -> &str {
    let end = rest.find(['?', '#']).unwrap_or(rest.len());
    rest.get(..end).unwrap_or("")
}

/// The value of `name` in the query of `rest`.
fn query_value<'a>(rest: &'a str, name: &str) -> Option<&'a str> {
    let query = rest.split_once('?')?.1;
    let query = query.split('#').next().unwrap_or("");
    query.split('&').find_map(|pair| {
        let (key, value) = pair.split_once('=')?;
        (key == name).then_some(value)
    })
}

fn youtube_id(id: &str) -> Option<String> {
    (id.len() == 11
        && id
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_'))
    .then(|| id.to_owned())
}

fn vimeo_id(id: &str) -> Option<String> {
    (!id.is_empty() && id.len() <= 12 && id.bytes().all(|b| b.is_ascii_digit()))
        .then(|| id.to_owned())
}

/// Whether `url` is a link a page can load: http(s), or a path on the same server.
pub fn is_link(url: &str) -> bool {
    let path = url.starts_with('/') && !url.starts_with("//");
    (path || split_url(url).is_some_and(|(host, _)| !host.is_empty()))
        && url.len() <= URL_MAX
        && !url.chars().any(|c| c.is_whitespace() || c.is_control())
}

/// The MIME type of a video file by its extension (`.mp4`, `.webm`, in any case).
fn file_type(url: &str) -> Option<&'static str> {
    let path = if url.starts_with('/') {
        path_of(url)
    } else {
        path_of(split_url(url)?.1)
    };
    let ends = |suffix: &str| {
        path.len() > suffix.len()
            && path
                .get(path.len() - suffix.len()..)
                .is_some_and(|end| end.eq_ignore_ascii_case(suffix))
    };
    if ends(".mp4") {
        Some("video/mp4")
    } else if ends(".webm") {
        Some("video/webm")
    } else {
        None
    }
}

/// Which provider plays `url`: YouTube (`watch?v=`, `youtu.be/`, `embed/`), Vimeo
/// (`vimeo.com/123`, `player.vimeo.com/video/123`), or a file ending `.mp4`/`.webm`.
pub fn detect(url: &str) -> Result<Detected, UnknownVideoUrl> {
    let unknown = || UnknownVideoUrl {
        url: url.to_owned(),
    };
    let url = url.trim();
    if !is_link(url) {
        return Err(unknown());
    }
    let hosted = |provider, id: Option<String>| {
        id.map(|id| Detected {
            provider,
            provider_id: Some(id),
            source: None,
        })
    };
    if let Some((host, rest)) = split_url(url) {
        let path = path_of(rest);
        if host_is(
            host,
            &[
                "youtube.com",
                "www.youtube.com",
                "m.youtube.com",
                "youtube-nocookie.com",
                "www.youtube-nocookie.com",
            ],
        ) {
            let id = if path == "/watch" {
                query_value(rest, "v").and_then(youtube_id)
            } else {
                path.strip_prefix("/embed/").and_then(youtube_id)
            };
            return hosted(VideoProvider::Youtube, id).ok_or_else(unknown);
        }
        if host_is(host, &["youtu.be"]) {
            let id = path.strip_prefix('/').and_then(youtube_id);
            return hosted(VideoProvider::Youtube, id).ok_or_else(unknown);
        }
        if host_is(host, &["vimeo.com", "www.vimeo.com"]) {
            let id = path.strip_prefix('/').and_then(vimeo_id);
            return hosted(VideoProvider::Vimeo, id).ok_or_else(unknown);
        }
        if host_is(host, &["player.vimeo.com"]) {
            let id = path.strip_prefix("/video/").and_then(vimeo_id);
            return hosted(VideoProvider::Vimeo, id).ok_or_else(unknown);
        }
    }
    let mime_type = file_type(url).ok_or_else(unknown)?;
    Ok(Detected {
        provider: VideoProvider::File,
        provider_id: None,
        source: Some(VideoSource {
            src: url.to_owned(),
            mime_type: mime_type.to_owned(),
        }),
    })
}

fn text_rule(
    errors: &mut Vec<FieldError>,
    pointer: &str,
    text: &str,
    max: usize,
    one_line: bool,
    required: bool,
) {
    let trimmed = text.trim();
    if required && !has_visible(trimmed) {
        errors.push(FieldError::new(
            pointer,
            "required",
            "This field must not be empty.".into(),
        ));
    } else if trimmed.chars().count() > max {
        errors.push(FieldError::new(
            pointer,
            "too-long",
            format!("Use at most {max} characters."),
        ));
    }
    let allowed = |c: char| !one_line && matches!(c, '\n' | '\r' | '\t');
    if text
        .chars()
        .any(|c| (is_forbidden_control(c) || c.is_control()) && !allowed(c))
    {
        errors.push(FieldError::new(
            pointer,
            "control-characters",
            if one_line {
                "Use one line of text, without control characters.".into()
            } else {
                "Remove the control characters.".into()
            },
        ));
    }
}

fn link_rule(errors: &mut Vec<FieldError>, pointer: &str, url: &str) {
    if !is_link(url.trim()) {
        errors.push(FieldError::new(
            pointer,
            "not-a-link",
            format!("“{url}” is not an http(s) URL or a path on this server."),
        ));
    }
}

/// Whether `id` can be an id in a URL and a list: 1 to 100 visible ASCII characters.
pub fn is_id(id: &str) -> bool {
    (1..=100).contains(&id.len()) && id.bytes().all(|b| b.is_ascii_graphic())
}

/// Whether `email` is an address a `mailto:` link can carry: `local@domain.tld` with
/// letters, digits and `._%+-` on the left, letters, digits, `.` and `-` on the right.
pub fn is_email(email: &str) -> bool {
    let Some((local, domain)) = email.split_once('@') else {
        return false;
    };
    email.len() <= 254
        && !local.is_empty()
        && local
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"._%+-".contains(&b))
        && domain.contains('.')
        && !domain.starts_with(['.', '-'])
        && !domain.ends_with(['.', '-'])
        && domain
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'.' || b == b'-')
}

/// A BCP 47 tag as captions use it: `en`, `pt-BR`, `zh-Hant` (letters and digits in
/// subtags of 1 to 8, the first 2 or 3 letters).
pub fn is_language(tag: &str) -> bool {
    let mut parts = tag.split('-');
    let first = parts.next().unwrap_or("");
    (2..=3).contains(&first.len())
        && first.bytes().all(|b| b.is_ascii_alphabetic())
        && parts.all(|p| (1..=8).contains(&p.len()) && p.bytes().all(|b| b.is_ascii_alphanumeric()))
}

/// A video request's rules, every broken one; and on success what [`detect`] found in `url`.
pub fn validate_video(video: &VideoRequest) -> Result<Detected, Vec<FieldError>> {
    let mut errors = Vec::new();
    text_rule(&mut errors, "/title", &video.title, TITLE_MAX, true, true);
    text_rule(
        &mut errors,
        "/speaker/name",
        &video.speaker.name,
        SPEAKER_MAX,
        true,
        true,
    );
    text_rule(
        &mut errors,
        "/speaker/role",
        &video.speaker.role,
        SPEAKER_MAX,
        true,
        true,
    );
    text_rule(&mut errors, "/why", &video.why, WHY_MAX, true, true);
    if !(1..=DURATION_MAX).contains(&video.duration_seconds) {
        errors.push(FieldError::new(
            "/duration_seconds",
            "out-of-range",
            format!("Use a duration from 1 to {DURATION_MAX} seconds."),
        ));
    }
    let detected = match detect(&video.url) {
        Ok(detected) => Some(detected),
        Err(unknown) => {
            errors.push(FieldError::new(
                "/url",
                "unknown-provider",
                unknown.message(),
            ));
            None
        }
    };
    let is_file = detected
        .as_ref()
        .is_some_and(|d| d.provider == VideoProvider::File);
    if detected.is_some() && !is_file && !video.sources.is_empty() {
        errors.push(FieldError::new(
            "/sources",
            "not-a-file-video",
            "Only a video file (.mp4, .webm) has more sources; a YouTube or Vimeo video has none."
                .into(),
        ));
    }
    for (i, source) in video.sources.iter().enumerate() {
        link_rule(&mut errors, &format!("/sources/{i}/src"), &source.src);
        if !matches!(source.mime_type.as_str(), "video/mp4" | "video/webm") {
            errors.push(FieldError::new(
                &format!("/sources/{i}/type"),
                "unsupported-type",
                format!(
                    "“{}” is not a video type browsers play here: use video/mp4 or video/webm.",
                    source.mime_type
                ),
            ));
        }
    }
    if video.sources.len() > 4 {
        errors.push(FieldError::new(
            "/sources",
            "too-many",
            "Give at most 4 more sources.".into(),
        ));
    }
    if let Some(poster) = &video.poster {
        link_rule(&mut errors, "/poster", poster);
    }
    if let Some(Captions { src, language }) = &video.captions {
        link_rule(&mut errors, "/captions/src", src);
        if !is_language(language) {
            errors.push(FieldError::new(
                "/captions/language",
                "not-a-language",
                format!("“{language}” is not a language tag such as en or pt-BR."),
            ));
        }
    }
    if let Some(transcript) = &video.transcript {
        text_rule(
            &mut errors,
            "/transcript",
            transcript,
            TRANSCRIPT_MAX,
            false,
            false,
        );
    }
    if let Some(member) = &video.member {
        if !is_id(member) {
            errors.push(FieldError::new(
                "/member",
                "not-an-id",
                "A member id is 1 to 100 visible ASCII characters.".into(),
            ));
        }
    }
    if let Some(email) = &video.contact_email {
        if !is_email(email.trim()) {
            errors.push(FieldError::new(
                "/contact_email",
                "not-an-email",
                format!("“{email}” is not an e-mail address such as name@example.org."),
            ));
        }
    }
    match detected {
        Some(detected) if errors.is_empty() => Ok(detected),
        _ => Err(errors),
    }
}

/// A cycle request's rules; on success its first and last day.
pub fn validate_cycle(cycle: &CycleRequest) -> Result<(Day, Day), Vec<FieldError>> {
    let mut errors = Vec::new();
    text_rule(&mut errors, "/name", &cycle.name, 80, true, true);
    let day = |errors: &mut Vec<FieldError>, pointer: &str, text: &str| {
        let day = Day::parse(text);
        if day.is_none() {
            errors.push(FieldError::new(
                pointer,
                "not-a-date",
                format!("“{text}” is not a date as YYYY-MM-DD."),
            ));
        }
        day
    };
    let starts = day(&mut errors, "/starts", &cycle.starts);
    let ends = day(&mut errors, "/ends", &cycle.ends);
    if let (Some(starts), Some(ends)) = (starts, ends) {
        if ends < starts {
            errors.push(FieldError::new(
                "/ends",
                "ends-before-starts",
                "The cycle must end on or after its first day.".into(),
            ));
        } else if ends.0 - starts.0 >= CYCLE_DAYS_MAX {
            errors.push(FieldError::new(
                "/ends",
                "too-long",
                format!("A cycle lasts at most {CYCLE_DAYS_MAX} days."),
            ));
        }
    }
    match (starts, ends) {
        (Some(starts), Some(ends)) if errors.is_empty() => Ok((starts, ends)),
        _ => Err(errors),
    }
}

/// A featured list's rules: at most [`FEATURED_MAX`] ids, each once.
pub fn validate_featured(featured: &FeaturedRequest) -> Vec<FieldError> {
    let mut errors = Vec::new();
    if featured.videos.len() > FEATURED_MAX {
        errors.push(FieldError::new(
            "/videos",
            "too-many",
            format!("Feature at most {FEATURED_MAX} videos in a cycle."),
        ));
    }
    for (i, id) in featured.videos.iter().enumerate() {
        if !is_id(id) {
            errors.push(FieldError::new(
                &format!("/videos/{i}"),
                "not-an-id",
                "A video id is 1 to 100 visible ASCII characters.".into(),
            ));
        } else if featured.videos[..i].contains(id) {
            errors.push(FieldError::new(
                &format!("/videos/{i}"),
                "duplicate",
                format!("“{id}” is listed twice."),
            ));
        }
    }
    errors
}

/// Whether `id` can be a page-view id: 8 to 64 letters, digits, `-` or `_`.
pub fn is_page_view(id: &str) -> bool {
    (8..=64).contains(&id.len())
        && id
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
}

/// A batch of events' own rules (which videos are featured is the server's to check).
pub fn validate_events(batch: &EventBatch) -> Vec<FieldError> {
    let mut errors = Vec::new();
    if !is_page_view(&batch.page_view) {
        errors.push(FieldError::new(
            "/page_view",
            "not-a-page-view",
            "A page view id is 8 to 64 letters, digits, - or _.".into(),
        ));
    }
    if batch.impressions.is_empty() && batch.selections.is_empty() {
        errors.push(FieldError::new(
            "/impressions",
            "empty",
            "A batch names at least one video shown or chosen.".into(),
        ));
    }
    for (name, list) in [
        ("impressions", &batch.impressions),
        ("selections", &batch.selections),
    ] {
        if list.len() > BATCH_EVENTS_MAX {
            errors.push(FieldError::new(
                &format!("/{name}"),
                "too-many",
                format!("At most {BATCH_EVENTS_MAX} {name} in one batch."),
            ));
        }
        for (i, id) in list.iter().enumerate() {
            if !is_id(id) {
                errors.push(FieldError::new(
                    &format!("/{name}/{i}"),
                    "not-an-id",
                    "A video id is 1 to 100 visible ASCII characters.".into(),
                ));
            }
        }
    }
    errors
}

/// How often a video was chosen when shown: `selections / impressions`, 0 without impressions,
/// never above 1.
pub fn selection_rate(impressions: u64, selections: u64) -> f64 {
    if impressions == 0 {
        0.0
    } else {
        (selections as f64 / impressions as f64).min(1.0)
    }
}

/// Sets each row's rate and sorts the rows by it, highest first (then by selections; rows
/// given in featured order keep it on a tie). Equal rate and selections share a rank
/// ("1, 2, 2, 4").
pub fn rank(rows: &mut [SelectionRow]) {
    for row in rows.iter_mut() {
        row.rate = selection_rate(row.impressions, row.selections);
    }
    rows.sort_by(|a, b| {
        b.rate
            .total_cmp(&a.rate)
            .then(b.selections.cmp(&a.selections))
    });
    let mut previous: Option<(f64, u64, u32)> = None;
    for (i, row) in rows.iter_mut().enumerate() {
        let position = u32::try_from(i + 1).unwrap_or(u32::MAX);
        row.rank = match previous {
            Some((rate, selections, rank)) if rate == row.rate && selections == row.selections => {
                rank
            }
            _ => position,
        };
        previous = Some((row.rate, row.selections, row.rank));
    }
}

/// The note telling a speaker their interview is featured in `cycle` (English for now).
pub fn featured_note(
    speaker: &str,
    title: &str,
    community: &str,
    cycle: &VideoCycle,
) -> (String, String) {
    let subject = format!("Your interview is featured in {community}");
    let body = format!(
        "Dear {speaker},\r\n\r\nyour interview “{title}” was selected for this cycle of {community} ({name}, {starts} to {ends}): it is on the carousel of the community's home page.\r\n\r\nThank you for sharing your practice.",
        name = cycle.name,
        starts = cycle.starts,
        ends = cycle.ends,
    );
    (subject, body)
}

/// The note telling a speaker, after the cycle, how often their video was chosen.
pub fn results_note(
    speaker: &str,
    title: &str,
    community: &str,
    cycle: &VideoCycle,
    impressions: u64,
    selections: u64,
) -> (String, String) {
    let subject = format!("How often your interview was watched in {community}");
    let share = (selections.saturating_mul(100) + impressions / 2)
        .checked_div(impressions)
        .map(|percent| format!(" ({percent} %)"))
        .unwrap_or_default();
    let times = |n: u64| {
        if n == 1 {
            "once".to_owned()
        } else {
            format!("{n} times")
        }
    };
    let body = format!(
        "Dear {speaker},\r\n\r\nthe cycle {name} of {community} ended on {ends}. Your interview “{title}” was shown {shown} and chosen {chosen}{share}.\r\n\r\nThank you for sharing your practice.",
        name = cycle.name,
        ends = cycle.ends,
        shown = times(impressions),
        chosen = times(selections),
    );
    (subject, body)
}

/// A `mailto:` link (RFC 6068) with its subject and body percent-encoded; `to` must pass
/// [`is_email`] (otherwise the link has no address and the coordinator adds one).
pub fn mailto(to: Option<&str>, subject: &str, body: &str) -> String {
    let address = to
        .filter(|to| is_email(to))
        .and_then(|to| to.split_once('@'))
        .map(|(local, domain)| format!("{}@{}", percent_encode(local), percent_encode(domain)))
        .unwrap_or_default();
    format!(
        "mailto:{address}?subject={}&body={}",
        percent_encode(subject),
        percent_encode(body)
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::contract::Speaker;

    fn provider(url: &str) -> Option<(VideoProvider, Option<String>)> {
        detect(url).ok().map(|d| (d.provider, d.provider_id))
    }

    #[test]
    fn youtube_links_in_each_form_give_the_video_id() {
        for url in [
            "https://www.youtube.com/watch?v=dQw4w9WgXcQ",
            "https://youtube.com/watch?feature=share&v=dQw4w9WgXcQ#t=10",
            "HTTPS://M.YOUTUBE.COM/watch?v=dQw4w9WgXcQ",
            "https://youtu.be/dQw4w9WgXcQ",
            "https://youtu.be/dQw4w9WgXcQ?t=42",
            "https://www.youtube.com/embed/dQw4w9WgXcQ",
            "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ?rel=0",
        ] {
            assert_eq!(
                provider(url),
                Some((VideoProvider::Youtube, Some("dQw4w9WgXcQ".into()))),
                "{url}"
            );
        }
    }

    #[test]
    fn vimeo_links_give_the_number() {
        for url in [
            "https://vimeo.com/76979871",
            "http://www.vimeo.com/76979871?share=copy",
            "https://player.vimeo.com/video/76979871",
        ] {
            assert_eq!(
                provider(url),
                Some((VideoProvider::Vimeo, Some("76979871".into()))),
                "{url}"
            );
        }
    }

    #[test]
    fn files_by_extension_with_their_mime_type() {
        let file = |url: &str| detect(url).ok().and_then(|d| d.source);
        assert_eq!(
            file("https://cdn.example.org/talks/amina.mp4"),
            Some(VideoSource {
                src: "https://cdn.example.org/talks/amina.mp4".into(),
                mime_type: "video/mp4".into()
            })
        );
        assert_eq!(
            file("/media/amina.WEBM?v=2").map(|s| s.mime_type),
            Some("video/webm".into())
        );
        assert_eq!(
            detect("https://cdn.example.org/a.mp4").map(|d| d.provider),
            Ok(VideoProvider::File)
        );
    }

    #[test]
    fn a_url_no_provider_plays_is_named_in_the_error() {
        for url in [
            "https://www.youtube.com/watch?v=short",
            "https://www.youtube.com/channel/UC123",
            "https://vimeo.com/channels/staffpicks",
            "https://example.org/talk.avi",
            "https://example.org/mp4",
            "ftp://example.org/a.mp4",
            "//evil.example/a.mp4",
            "javascript:alert(1)//.mp4",
            "",
            "https://example.org/a b.mp4",
        ] {
            let error = detect(url).unwrap_err();
            assert_eq!(error.url, url);
            assert!(
                error.message().contains(&format!("“{url}”")),
                "{}",
                error.message()
            );
        }
    }

    fn request() -> VideoRequest {
        VideoRequest {
            title: "Peer review in practice".into(),
            speaker: Speaker {
                name: "Amina Diallo".into(),
                role: "Science teacher".into(),
            },
            why: "How a school made lesson study its habit.".into(),
            duration_seconds: 240,
            url: "https://youtu.be/dQw4w9WgXcQ".into(),
            sources: vec![],
            poster: Some("/posters/teachers-01.svg".into()),
            captions: Some(Captions {
                src: "/captions/a.vtt".into(),
                language: "pt-BR".into(),
            }),
            transcript: Some("Line one.\nLine two.".into()),
            member: Some("m-5".into()),
            contact_email: Some("amina.diallo+cop@example.org".into()),
        }
    }

    fn codes(result: Result<Detected, Vec<FieldError>>) -> Vec<(String, String)> {
        result
            .err()
            .unwrap_or_default()
            .into_iter()
            .map(|e| (e.pointer, e.code))
            .collect()
    }

    #[test]
    fn a_complete_video_passes() {
        let detected = validate_video(&request()).unwrap();
        assert_eq!(detected.provider, VideoProvider::Youtube);
    }

    #[test]
    fn every_broken_rule_of_a_video_is_named() {
        let mut video = request();
        video.title = " ".into();
        video.why = "two\nlines".into();
        video.duration_seconds = 0;
        video.url = "https://example.org/talk".into();
        video.poster = Some("javascript:alert(1)".into());
        video.captions = Some(Captions {
            src: "/c.vtt".into(),
            language: "english!".into(),
        });
        video.contact_email = Some("not an address".into());
        assert_eq!(
            codes(validate_video(&video)),
            [
                ("/title", "required"),
                ("/why", "control-characters"),
                ("/duration_seconds", "out-of-range"),
                ("/url", "unknown-provider"),
                ("/poster", "not-a-link"),
                ("/captions/language", "not-a-language"),
                ("/contact_email", "not-an-email"),
            ]
            .map(|(p, c)| (p.to_owned(), c.to_owned()))
        );
    }

    #[test]
    fn only_file_videos_have_more_sources_and_of_known_types() {
        let mut video = request();
        video.sources = vec![VideoSource {
            src: "/a.webm".into(),
            mime_type: "video/webm".into(),
        }];
        assert_eq!(
            codes(validate_video(&video)),
            [("/sources".to_owned(), "not-a-file-video".to_owned())]
        );
        video.url = "/a.mp4".into();
        assert!(validate_video(&video).is_ok());
        video.sources[0].mime_type = "video/x-msvideo".into();
        assert_eq!(
            codes(validate_video(&video)),
            [("/sources/0/type".to_owned(), "unsupported-type".to_owned())]
        );
    }

    #[test]
    fn cycles_have_a_name_and_an_order_of_days() {
        let cycle = |starts: &str, ends: &str| CycleRequest {
            name: "November".into(),
            starts: starts.into(),
            ends: ends.into(),
        };
        assert_eq!(
            validate_cycle(&cycle("2026-11-01", "2026-11-30")),
            Ok((
                Day::parse("2026-11-01").unwrap(),
                Day::parse("2026-11-30").unwrap()
            ))
        );
        assert!(validate_cycle(&cycle("2026-11-01", "2026-11-01")).is_ok());
        let code = |c: CycleRequest| validate_cycle(&c).unwrap_err()[0].code.clone();
        assert_eq!(code(cycle("2026-11-31", "2026-12-01")), "not-a-date");
        assert_eq!(
            code(cycle("2026-11-02", "2026-11-01")),
            "ends-before-starts"
        );
        assert_eq!(code(cycle("2026-01-01", "2027-06-01")), "too-long");
    }

    #[test]
    fn featured_lists_are_short_and_without_repeats() {
        let list = |ids: &[&str]| FeaturedRequest {
            videos: ids.iter().map(|s| s.to_string()).collect(),
        };
        assert!(validate_featured(&list(&["a", "b"])).is_empty());
        assert_eq!(
            validate_featured(&list(&["a", "b", "a"]))[0].pointer,
            "/videos/2"
        );
        let many: Vec<String> = (0..=FEATURED_MAX).map(|n| n.to_string()).collect();
        let refs: Vec<&str> = many.iter().map(String::as_str).collect();
        assert!(validate_featured(&list(&refs[..FEATURED_MAX])).is_empty());
        assert_eq!(validate_featured(&list(&refs))[0].code, "too-many");
    }

    #[test]
    fn event_batches_need_a_page_view_and_some_events() {
        let batch = |page_view: &str, impressions: &[&str]| EventBatch {
            page_view: page_view.into(),
            impressions: impressions.iter().map(|s| s.to_string()).collect(),
            selections: vec![],
        };
        assert!(validate_events(&batch("pv-12345678", &["v1"])).is_empty());
        assert_eq!(
            validate_events(&batch("short", &["v1"]))[0].code,
            "not-a-page-view"
        );
        assert_eq!(validate_events(&batch("pv-12345678", &[]))[0].code, "empty");
        assert_eq!(
            validate_events(&batch("pv 12345678", &["v1"]))[0].pointer,
            "/page_view"
        );
    }

    fn row(video: &str, impressions: u64, selections: u64) -> SelectionRow {
        SelectionRow {
            rank: 0,
            video: video.into(),
            title: video.into(),
            speaker: "S".into(),
            impressions,
            selections,
            rate: 0.0,
        }
    }

    #[test]
    fn videos_rank_by_selection_rate_and_ties_share_a_rank() {
        let mut rows = vec![
            row("a", 10, 1),
            row("b", 4, 2),
            row("c", 0, 0),
            row("d", 8, 4),
            row("e", 10, 1),
        ];
        rank(&mut rows);
        let order: Vec<(&str, u32, f64)> = rows
            .iter()
            .map(|r| (r.video.as_str(), r.rank, r.rate))
            .collect();
        assert_eq!(
            order,
            [
                ("d", 1, 0.5),
                ("b", 2, 0.5),
                ("a", 3, 0.1),
                ("e", 3, 0.1),
                ("c", 5, 0.0)
            ]
        );
        assert_eq!(selection_rate(3, 5), 1.0, "never above 1");
    }

    #[test]
    fn notes_are_mailto_links_with_an_encoded_subject_and_body() {
        let cycle = VideoCycle {
            id: "c1".into(),
            community: "teachers".into(),
            name: "November".into(),
            starts: "2026-11-01".into(),
            ends: "2026-11-30".into(),
        };
        let (subject, body) = featured_note("Amina", "Peer review", "Teachers' network", &cycle);
        assert!(body.contains("was selected for this cycle"));
        let link = mailto(Some("amina+cop@example.org"), &subject, &body);
        assert!(
            link.starts_with("mailto:amina%2Bcop@example.org?subject=Your%20interview%20is%20featured%20in%20Teachers%27%20network&body=Dear%20Amina%2C%0D%0A"),
            "{link}"
        );
        assert!(!link.contains(' ') && !link.contains('\n'));
        assert!(mailto(Some("a b@c"), "s", "b").starts_with("mailto:?subject=s"));
        let (_, results) = results_note("Amina", "Peer review", "T", &cycle, 40, 12);
        assert!(
            results.contains("shown 40 times and chosen 12 times (30 %)"),
            "{results}"
        );
        let (_, once) = results_note("Amina", "Peer review", "T", &cycle, 1, 1);
        assert!(
            once.contains("shown once and chosen once (100 %)"),
            "{once}"
        );
    }
}
