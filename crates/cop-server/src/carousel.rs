//! The featured-video carousel's endpoints (issue 14): a community's video interviews and
//! cycles, the videos featured in a cycle, what the carousel widget reads, the impressions and
//! selections its page views send (anonymous beacons, each counted once, rate-limited), the
//! selection report and the notes to featured speakers.
//!
//! Who may do what (README, "Who can read what"): the community's coordinators add videos,
//! open cycles, choose the featured videos, and read the selection report and the notes; what
//! the carousel shows (videos, cycles, a cycle's carousel) is public, like the badges; events
//! need no identity and store nothing about a person but the widget's random page-view id.

use std::collections::HashMap;
use std::net::{IpAddr, SocketAddr};
use std::sync::{Arc, Mutex};
use std::time::Instant;

use axum::body::Bytes;
use axum::extract::rejection::BytesRejection;
use axum::extract::{FromRequestParts, Path, Query, State};
use axum::http::request::Parts;
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use cop_core::contract::{
    Carousel, CycleRequest, EventBatch, FeaturedRequest, FieldError, SelectionReport, SelectionRow,
    SpeakerNote, Video, VideoCycle, VideoRequest,
};
use cop_core::video;
use serde::Deserialize;

use crate::api::{existing_community, fingerprint, idempotent_write, json_body, read_body};
use crate::app::AppState;
use crate::identity::{Caller, MaybeCaller};
use crate::problem::Problem;
use crate::storage::{NewVideo, Storage, Write, Written};
use crate::stories::{push_row, roles_in};

/// 403 unless `member` is a coordinator of `community`.
pub(crate) async fn coordinator<S: Storage>(
    app: &AppState<S>,
    community: &str,
    member: &str,
    what: &str,
) -> Result<(), Problem> {
    let roles = roles_in(app, community, Some(member))
        .await?
        .unwrap_or_default();
    if roles.iter().any(|role| role == "coordinator") {
        Ok(())
    } else {
        Err(Problem::new(
            StatusCode::FORBIDDEN,
            "Coordinators only",
            format!("Only a coordinator of “{community}” may {what}; “{member}” is not one."),
        )
        .with_code("not-a-coordinator"))
    }
}

/// A coordinator's read: 401 without an identity, 403 for anyone else.
async fn coordinator_reads<S: Storage>(
    app: &AppState<S>,
    community: &str,
    caller: Option<String>,
    what: &str,
) -> Result<(), Problem> {
    let Some(member) = caller else {
        return Err(Problem::unauthorized(format!(
            "The {what} of “{community}” is for its coordinators: sign in first."
        )));
    };
    coordinator(app, community, &member, &format!("read the {what}")).await
}

async fn existing_cycle<S: Storage>(
    app: &AppState<S>,
    community: &str,
    cycle: &str,
) -> Result<VideoCycle, Problem> {
    existing_community(app, community).await?;
    app.storage
        .cycle(community, cycle)
        .await
        .map_err(Problem::internal)?
        .ok_or_else(|| Problem::not_found(format!("“{community}” has no cycle “{cycle}”.")))
}

fn to_json<T: serde::Serialize>(value: &T) -> Result<String, Problem> {
    serde_json::to_string(value).map_err(Problem::internal)
}

pub async fn list_videos<S: Storage>(
    State(app): State<AppState<S>>,
    Path(community): Path<String>,
) -> Result<Json<Vec<Video>>, Problem> {
    existing_community(&app, &community).await?;
    app.storage
        .videos(&community)
        .await
        .map(Json)
        .map_err(Problem::internal)
}

/// `POST …/videos`: a coordinator adds a video interview.
pub async fn add_video<S: Storage>(
    State(app): State<AppState<S>>,
    Path(community): Path<String>,
    Caller(member): Caller,
    headers: HeaderMap,
    body: Result<Bytes, BytesRejection>,
) -> Result<Response, Problem> {
    let body = read_body(&app, body)?;
    existing_community(&app, &community).await?;
    coordinator(&app, &community, &member, "add videos").await?;
    let fingerprint = fingerprint("POST", &format!("/communities/{community}/videos"), &body);
    let request: VideoRequest = json_body(&body, "a video as /api/openapi.json describes")?;
    let detected = video::validate_video(&request).map_err(Problem::invalid)?;
    if let Some(speaker) = &request.member {
        let found = app
            .storage
            .members_in(&community, std::slice::from_ref(speaker))
            .await
            .map_err(Problem::internal)?;
        if found.is_empty() {
            return Err(Problem::invalid(vec![FieldError::new(
                "/member",
                "not-a-member",
                format!("“{speaker}” is not a member of “{community}”."),
            )]));
        }
    }
    let trimmed = |text: &str| text.trim().to_owned();
    let mut sources: Vec<_> = detected.source.into_iter().collect();
    sources.extend(request.sources.iter().map(|source| {
        let mut source = source.clone();
        source.src = trimmed(&source.src);
        source
    }));
    let video = Video {
        id: String::new(),
        community: community.clone(),
        title: trimmed(&request.title),
        speaker: cop_core::contract::Speaker {
            name: trimmed(&request.speaker.name),
            role: trimmed(&request.speaker.role),
        },
        why: trimmed(&request.why),
        duration_seconds: request.duration_seconds,
        provider: detected.provider,
        provider_id: detected.provider_id,
        sources,
        poster: request.poster.as_deref().map(trimmed),
        captions: request.captions.clone().map(|mut captions| {
            captions.src = trimmed(&captions.src);
            captions
        }),
        transcript: request
            .transcript
            .as_deref()
            .map(str::trim)
            .filter(|t| !t.is_empty())
            .map(str::to_owned),
        member: request.member.clone(),
    };
    let write = Write::Video(NewVideo {
        video,
        contact_email: request.contact_email.as_deref().map(trimmed),
    });
    idempotent_write(&app, &member, &headers, fingerprint, write, |written| {
        let Written::Video(video) = written else {
            return Err(Problem::internal("a video wrote something else"));
        };
        Ok((StatusCode::CREATED, to_json(&video)?))
    })
    .await
}

pub async fn list_cycles<S: Storage>(
    State(app): State<AppState<S>>,
    Path(community): Path<String>,
) -> Result<Json<Vec<VideoCycle>>, Problem> {
    existing_community(&app, &community).await?;
    app.storage
        .cycles(&community)
        .await
        .map(Json)
        .map_err(Problem::internal)
}

/// `POST …/cycles`: a coordinator opens a cycle.
pub async fn create_cycle<S: Storage>(
    State(app): State<AppState<S>>,
    Path(community): Path<String>,
    Caller(member): Caller,
    headers: HeaderMap,
    body: Result<Bytes, BytesRejection>,
) -> Result<Response, Problem> {
    let body = read_body(&app, body)?;
    existing_community(&app, &community).await?;
    coordinator(&app, &community, &member, "open cycles").await?;
    let fingerprint = fingerprint("POST", &format!("/communities/{community}/cycles"), &body);
    let request: CycleRequest = json_body(
        &body,
        r#"JSON like {"name": "…", "starts": "YYYY-MM-DD", "ends": "YYYY-MM-DD"}"#,
    )?;
    let (starts, ends) = video::validate_cycle(&request).map_err(Problem::invalid)?;
    let write = Write::Cycle {
        community,
        name: request.name.trim().to_owned(),
        starts,
        ends,
    };
    idempotent_write(&app, &member, &headers, fingerprint, write, |written| {
        let Written::Cycle(cycle) = written else {
            return Err(Problem::internal("a cycle wrote something else"));
        };
        Ok((StatusCode::CREATED, to_json(&cycle)?))
    })
    .await
}

/// The cycle whose days contain today (`--today`); of several, the one that started last.
async fn today_cycle<S: Storage>(
    app: &AppState<S>,
    community: &str,
) -> Result<VideoCycle, Problem> {
    existing_community(app, community).await?;
    let today = app.today().to_string();
    app.storage
        .cycles(community)
        .await
        .map_err(Problem::internal)?
        .into_iter()
        .rfind(|cycle| cycle.starts <= today && today <= cycle.ends)
        .ok_or_else(|| {
            Problem::not_found(format!("“{community}” has no cycle on {today}."))
                .with_code("no-current-cycle")
        })
}

pub async fn current_cycle<S: Storage>(
    State(app): State<AppState<S>>,
    Path(community): Path<String>,
) -> Result<Json<VideoCycle>, Problem> {
    today_cycle(&app, &community).await.map(Json)
}

/// `PUT …/cycles/{cycle}/featured`: a coordinator sets the cycle's videos, in order.
pub async fn set_featured<S: Storage>(
    State(app): State<AppState<S>>,
    Path((community, cycle)): Path<(String, String)>,
    Caller(member): Caller,
    headers: HeaderMap,
    body: Result<Bytes, BytesRejection>,
) -> Result<Response, Problem> {
    let body = read_body(&app, body)?;
    existing_cycle(&app, &community, &cycle).await?;
    coordinator(&app, &community, &member, "choose the featured videos").await?;
    let fingerprint = fingerprint(
        "PUT",
        &format!("/communities/{community}/cycles/{cycle}/featured"),
        &body,
    );
    let request: FeaturedRequest = json_body(&body, r#"JSON like {"videos": ["…", "…"]}"#)?;
    let errors = video::validate_featured(&request);
    if !errors.is_empty() {
        return Err(Problem::invalid(errors));
    }
    let known: Vec<String> = app
        .storage
        .videos(&community)
        .await
        .map_err(Problem::internal)?
        .into_iter()
        .map(|v| v.id)
        .collect();
    let unknown: Vec<FieldError> = request
        .videos
        .iter()
        .enumerate()
        .filter(|(_, id)| !known.contains(id))
        .map(|(i, id)| {
            FieldError::new(
                &format!("/videos/{i}"),
                "unknown-video",
                format!("“{community}” has no video “{id}”."),
            )
        })
        .collect();
    if !unknown.is_empty() {
        return Err(Problem::invalid(unknown));
    }
    let asked = request.videos.len();
    let write = Write::Featured {
        community,
        cycle,
        videos: request.videos,
    };
    idempotent_write(
        &app,
        &member,
        &headers,
        fingerprint,
        write,
        move |written| {
            let Written::Featured(carousel) = written else {
                return Err(Problem::internal("a featured list wrote something else"));
            };
            let carousel = carousel.ok_or_else(|| Problem::not_found("The cycle is gone."))?;
            if carousel.videos.len() != asked {
                // A video was removed meanwhile: nothing is written (the transaction rolls back).
                return Err(Problem::new(
                    StatusCode::CONFLICT,
                    "Videos changed",
                    "A video of the list is no longer the community's; read the videos again.",
                ));
            }
            Ok((StatusCode::OK, to_json(&carousel)?))
        },
    )
    .await
}

/// What the carousel widget reads: the cycle and its featured videos, in order.
pub async fn carousel<S: Storage>(
    State(app): State<AppState<S>>,
    Path((community, cycle)): Path<(String, String)>,
) -> Result<Json<Carousel>, Problem> {
    let found = existing_cycle(&app, &community, &cycle).await?;
    carousel_of(&app, found).await.map(Json)
}

/// `GET …/carousel`: the current cycle's carousel, in one request (the widget's default
/// without `data-cycle`; its events go to the cycle the answer names).
pub async fn current_carousel<S: Storage>(
    State(app): State<AppState<S>>,
    Path(community): Path<String>,
) -> Result<Json<Carousel>, Problem> {
    let found = today_cycle(&app, &community).await?;
    carousel_of(&app, found).await.map(Json)
}

async fn carousel_of<S: Storage>(
    app: &AppState<S>,
    cycle: VideoCycle,
) -> Result<Carousel, Problem> {
    let videos = app
        .storage
        .featured(&cycle.id)
        .await
        .map_err(Problem::internal)?
        .into_iter()
        .map(|(video, _)| video)
        .collect();
    Ok(Carousel { cycle, videos })
}

/// Token buckets, in memory: a burst, then a steady rate. Buckets back at full are dropped
/// when the map grows large, so memory stays bounded by the clients of the last minutes.
#[derive(Clone, Default)]
pub struct Limiter(Arc<Mutex<HashMap<String, (f64, Instant)>>>);

/// A page view's beacons: a burst of 6, then one every 10 seconds.
const PAGE_VIEW_BURST: f64 = 6.0;
const PAGE_VIEW_PER_SECOND: f64 = 0.1;
/// An address's beacons (many readers behind one NAT): a burst of 120, then 2 a second.
const ADDRESS_BURST: f64 = 120.0;
const ADDRESS_PER_SECOND: f64 = 2.0;
/// Above this many buckets, full ones are swept.
const LIMITER_SWEEP: usize = 20_000;

impl Limiter {
    /// Takes a token from `key`'s bucket; `Err(seconds)` until the next one if it is empty.
    pub fn take(&self, key: &str, burst: f64, per_second: f64) -> Result<(), u32> {
        let now = Instant::now();
        let mut buckets = self
            .0
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        if buckets.len() > LIMITER_SWEEP {
            buckets.retain(|_, (tokens, at)| {
                *tokens + now.duration_since(*at).as_secs_f64() * per_second < burst
            });
        }
        let (tokens, at) = buckets.entry(key.to_owned()).or_insert((burst, now));
        *tokens = (*tokens + now.duration_since(*at).as_secs_f64() * per_second).min(burst);
        *at = now;
        if *tokens >= 1.0 {
            *tokens -= 1.0;
            Ok(())
        } else {
            let wait = ((1.0 - *tokens) / per_second).ceil();
            Err(if wait.is_finite() && wait >= 1.0 {
                wait.min(3600.0) as u32
            } else {
                1
            })
        }
    }
}

fn too_many(seconds: u32) -> Problem {
    Problem::new(
        StatusCode::TOO_MANY_REQUESTS,
        "Too many events",
        format!("This carousel sent too many events; try again in {seconds} s."),
    )
    .with_code("rate-limited")
    .retry_after(seconds)
}

/// The peer's address, when the server's accept loop recorded it (`serve.rs`).
pub struct RemoteAddr(pub Option<IpAddr>);

impl<S: Send + Sync> FromRequestParts<S> for RemoteAddr {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<RemoteAddr, Self::Rejection> {
        Ok(RemoteAddr(
            parts
                .extensions
                .get::<axum::extract::ConnectInfo<SocketAddr>>()
                .map(|info| info.0.ip()),
        ))
    }
}

/// `POST …/cycles/{cycle}/events`: a page view's impressions and selections, sent by the
/// widget with `navigator.sendBeacon` — so `text/plain` holding JSON is accepted as well as
/// `application/json`, and no identity or custom header is needed.
pub async fn events<S: Storage>(
    State(app): State<AppState<S>>,
    Path((community, cycle)): Path<(String, String)>,
    RemoteAddr(address): RemoteAddr,
    headers: HeaderMap,
    body: Result<Bytes, BytesRejection>,
) -> Result<Response, Problem> {
    if let Some(address) = address {
        app.event_limits
            .take(
                &format!("address {address}"),
                ADDRESS_BURST,
                ADDRESS_PER_SECOND,
            )
            .map_err(too_many)?;
    }
    let body = read_body(&app, body)?;
    let content_type = headers
        .get(header::CONTENT_TYPE)
        .and_then(|value| value.to_str().ok())
        .map(|value| value.split(';').next().unwrap_or("").trim());
    if !content_type.is_none_or(|media| {
        media.eq_ignore_ascii_case("application/json") || media.eq_ignore_ascii_case("text/plain")
    }) {
        return Err(Problem::new(
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            "Unsupported media type",
            "Send the events as JSON, with Content-Type application/json or text/plain (sendBeacon).",
        )
        .with_code("unsupported-media-type"));
    }
    let batch: EventBatch = json_body(
        &body,
        r#"JSON like {"page_view": "…", "impressions": ["…"], "selections": ["…"]}"#,
    )?;
    let errors = video::validate_events(&batch);
    if !errors.is_empty() {
        return Err(Problem::invalid(errors));
    }
    app.event_limits
        .take(
            &format!("page view {}", batch.page_view),
            PAGE_VIEW_BURST,
            PAGE_VIEW_PER_SECOND,
        )
        .map_err(too_many)?;
    let found = existing_cycle(&app, &community, &cycle).await?;
    let today = app.today().to_string();
    if today < found.starts || found.ends < today {
        let (code, when) = if today < found.starts {
            ("cycle-not-started", format!("starts on {}", found.starts))
        } else {
            ("cycle-ended", format!("ended on {}", found.ends))
        };
        return Err(Problem::new(
            StatusCode::CONFLICT,
            "Cycle not live",
            format!(
                "The cycle “{}” {when}: it counts no events today.",
                found.name
            ),
        )
        .with_code(code));
    }
    let featured: Vec<String> = app
        .storage
        .featured(&cycle)
        .await
        .map_err(Problem::internal)?
        .into_iter()
        .map(|(video, _)| video.id)
        .collect();
    let mut errors = Vec::new();
    for (name, list) in [
        ("impressions", &batch.impressions),
        ("selections", &batch.selections),
    ] {
        for (i, id) in list.iter().enumerate() {
            if !featured.contains(id) {
                errors.push(FieldError::new(
                    &format!("/{name}/{i}"),
                    "not-featured",
                    format!("“{id}” is not featured in this cycle."),
                ));
            }
        }
    }
    if !errors.is_empty() {
        return Err(Problem::invalid(errors));
    }
    let fingerprint = fingerprint(
        "POST",
        &format!("/communities/{community}/cycles/{cycle}/events"),
        &body,
    );
    // No member: an Idempotency-Key, if one is sent, is the page view's.
    let owner = format!("page-view:{}", batch.page_view);
    let write = Write::Events {
        cycle,
        page_view: batch.page_view,
        impressions: batch.impressions,
        selections: batch.selections,
    };
    idempotent_write(&app, &owner, &headers, fingerprint, write, |written| {
        let Written::Events(counted) = written else {
            return Err(Problem::internal("events wrote something else"));
        };
        Ok((StatusCode::ACCEPTED, to_json(&counted)?))
    })
    .await
}

/// The featured videos of a cycle with their numbers, ranked by selection rate.
async fn ranked<S: Storage>(app: &AppState<S>, cycle: &str) -> Result<Vec<SelectionRow>, Problem> {
    let counts: HashMap<String, (u64, u64)> = app
        .storage
        .event_counts(cycle)
        .await
        .map_err(Problem::internal)?
        .into_iter()
        .map(|(video, shown, chosen)| (video, (shown, chosen)))
        .collect();
    let mut rows: Vec<SelectionRow> = app
        .storage
        .featured(cycle)
        .await
        .map_err(Problem::internal)?
        .into_iter()
        .map(|(video, _)| {
            let (impressions, selections) = counts.get(&video.id).copied().unwrap_or_default();
            SelectionRow {
                rank: 0,
                video: video.id,
                title: video.title,
                speaker: video.speaker.name,
                impressions,
                selections,
                rate: 0.0,
            }
        })
        .collect();
    video::rank(&mut rows);
    Ok(rows)
}

#[derive(Deserialize)]
pub struct FormatQuery {
    format: Option<String>,
}

/// `GET …/cycles/{cycle}/selection?format=json|csv`: for the community's coordinators.
pub async fn selection<S: Storage>(
    State(app): State<AppState<S>>,
    Path((community, cycle)): Path<(String, String)>,
    Query(query): Query<FormatQuery>,
    MaybeCaller(caller): MaybeCaller,
) -> Result<Response, Problem> {
    let found = existing_cycle(&app, &community, &cycle).await?;
    coordinator_reads(&app, &community, caller, "selection report").await?;
    let format = query.format.as_deref().unwrap_or("json");
    if !matches!(format, "json" | "csv") {
        return Err(Problem::bad_request(format!(
            "`format` “{format}” is not one of json, csv."
        )));
    }
    let report = SelectionReport {
        cycle: found,
        videos: ranked(&app, &cycle).await?,
    };
    if format == "json" {
        return Ok(Json(report).into_response());
    }
    let mut out = String::from("\u{feff}");
    push_row(
        &mut out,
        [
            "rank",
            "video",
            "title",
            "speaker",
            "impressions",
            "selections",
            "rate",
        ]
        .iter()
        .map(|s| s.to_string()),
    );
    for row in &report.videos {
        push_row(
            &mut out,
            [
                row.rank.to_string(),
                row.video.clone(),
                row.title.clone(),
                row.speaker.clone(),
                row.impressions.to_string(),
                row.selections.to_string(),
                format!("{:.4}", row.rate),
            ]
            .into_iter(),
        );
    }
    Ok((
        [
            (header::CONTENT_TYPE, "text/csv; charset=utf-8".to_owned()),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"{community}-{cycle}-selection.csv\""),
            ),
        ],
        out,
    )
        .into_response())
}

/// `GET …/cycles/{cycle}/notes`: for the coordinator, a note to each featured speaker (that
/// their interview is featured; after the cycle, how often it was chosen) as `mailto:` links.
/// English only for now.
pub async fn notes<S: Storage>(
    State(app): State<AppState<S>>,
    Path((community, cycle)): Path<(String, String)>,
    MaybeCaller(caller): MaybeCaller,
) -> Result<Json<Vec<SpeakerNote>>, Problem> {
    let found = existing_cycle(&app, &community, &cycle).await?;
    coordinator_reads(&app, &community, caller, "speakers' notes").await?;
    let name = existing_community(&app, &community).await?.name;
    let ended = found.ends < app.today().to_string();
    let counts: HashMap<String, (u64, u64)> = if ended {
        ranked(&app, &cycle)
            .await?
            .into_iter()
            .map(|row| (row.video, (row.impressions, row.selections)))
            .collect()
    } else {
        HashMap::new()
    };
    let mut notes = Vec::new();
    for (video, contact) in app
        .storage
        .featured(&cycle)
        .await
        .map_err(Problem::internal)?
    {
        let speaker = &video.speaker.name;
        let mut note = |kind: &str, (subject, body): (String, String)| {
            notes.push(SpeakerNote {
                video: video.id.clone(),
                speaker: speaker.clone(),
                member: video.member.clone(),
                kind: kind.to_owned(),
                language: "en".to_owned(),
                mailto: video::mailto(contact.as_deref(), &subject, &body),
                subject,
                body,
            });
        };
        note(
            "featured",
            video::featured_note(speaker, &video.title, &name, &found),
        );
        if ended {
            let (impressions, selections) = counts.get(&video.id).copied().unwrap_or_default();
            note(
                "results",
                video::results_note(
                    speaker,
                    &video.title,
                    &name,
                    &found,
                    impressions,
                    selections,
                ),
            );
        }
    }
    Ok(Json(notes))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_bucket_allows_its_burst_then_says_when_to_come_back() {
        let limiter = Limiter::default();
        for _ in 0..3 {
            assert_eq!(limiter.take("a", 3.0, 0.1), Ok(()));
        }
        assert_eq!(limiter.take("a", 3.0, 0.1), Err(10));
        assert_eq!(limiter.take("b", 3.0, 0.1), Ok(()), "buckets are per key");
    }
}
