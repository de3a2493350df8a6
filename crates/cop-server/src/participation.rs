//! The participation badge's endpoints: one member's standing, a batch for a directory's
//! pills, a community's distribution, and recording activity. Levels are computed here from
//! stored activity with `cop-core`'s rules, as of the server's today.

use std::collections::{HashMap, HashSet};

use axum::body::Bytes;
use axum::extract::rejection::BytesRejection;
use axum::extract::{Path, Query, State};
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use cop_core::contract::{
    ActivityRecord, DistributionJson, Member, Participation, ParticipationBatch, ThresholdsJson,
};
use cop_core::day::Day;
use cop_core::participation::{Activity, Gate, Level, Measure, Standing, Thresholds};
use cop_core::template::percent_encode;
use serde::Deserialize;

use crate::api::{existing_community, fingerprint, idempotent_write, json_body, read_body};
use crate::app::AppState;
use crate::identity::Caller;
use crate::problem::Problem;
use crate::standings::{self, VersionedThresholds};
use crate::storage::{Storage, VersionedMember, Write, Written};

/// The most members one batch may ask for.
pub const BATCH_MAX: usize = 500;

/// The community's thresholds: its coordinator's, else the documented defaults.
async fn thresholds_of<S: Storage>(
    app: &AppState<S>,
    community: &str,
) -> Result<Thresholds, Problem> {
    let json = app
        .storage
        .thresholds(community)
        .await
        .map_err(Problem::internal)?;
    Ok(parse_thresholds(community, json))
}

/// [`thresholds_of`] with the version the standings cache is validated by (one row read).
async fn versioned_thresholds_of<S: Storage>(
    app: &AppState<S>,
    community: &str,
) -> Result<VersionedThresholds, Problem> {
    let (json, version) = app
        .storage
        .thresholds_versioned(community)
        .await
        .map_err(Problem::internal)?;
    Ok(VersionedThresholds {
        thresholds: parse_thresholds(community, json),
        version,
    })
}

/// Stored thresholds, or the defaults without any. Stored JSON that no longer validates (a
/// rule tightened since) falls back to the defaults, logged.
pub(crate) fn parse_thresholds(community: &str, json: Option<String>) -> Thresholds {
    let Some(json) = json else {
        return Thresholds::default();
    };
    match serde_json::from_str::<ThresholdsJson>(&json)
        .map_err(|e| e.to_string())
        .and_then(|t| t.to_thresholds().map_err(|e| format!("{e:?}")))
    {
        Ok(thresholds) => thresholds,
        Err(error) => {
            tracing::warn!(
                "stored thresholds of {community} are not valid ({error}); using the defaults"
            );
            Thresholds::default()
        }
    }
}

pub async fn get_thresholds<S: Storage>(
    State(app): State<AppState<S>>,
    Path(community): Path<String>,
) -> Result<Json<ThresholdsJson>, Problem> {
    existing_community(&app, &community).await?;
    Ok(Json(ThresholdsJson::from_thresholds(
        &thresholds_of(&app, &community).await?,
    )))
}

/// `PUT …/thresholds`: only the community's coordinator may change what its levels mean.
pub async fn set_thresholds<S: Storage>(
    State(app): State<AppState<S>>,
    Path(community): Path<String>,
    Caller(member): Caller,
    headers: HeaderMap,
    body: Result<Bytes, BytesRejection>,
) -> Result<Response, Problem> {
    let body = read_body(&app, body)?;
    existing_community(&app, &community).await?;
    crate::carousel::coordinator(&app, &community, &member, "change its thresholds").await?;
    let request: ThresholdsJson = json_body(&body, "thresholds as GET returns them")?;
    let thresholds = request.to_thresholds().map_err(Problem::invalid)?;
    let stored = ThresholdsJson::from_thresholds(&thresholds);
    let json = serde_json::to_string(&stored).map_err(Problem::internal)?;
    let fingerprint = fingerprint(
        "PUT",
        &format!("/communities/{community}/thresholds"),
        &body,
    );
    let write = Write::Thresholds {
        community,
        json: json.clone(),
        by: member.clone(),
    };
    idempotent_write(&app, &member, &headers, fingerprint, write, |_| {
        Ok((StatusCode::OK, json))
    })
    .await
}

/// The participation documents of `members` in `community`: standings from
/// [`crate::standings`] (cached, validated by versions), names and roles as just read.
async fn standings<S: Storage>(
    app: &AppState<S>,
    community: &str,
    members: &[VersionedMember],
    thresholds: &VersionedThresholds,
) -> Result<Vec<Participation>, Problem> {
    let today = app.today();
    let standings = standings::standings(
        &app.storage,
        &app.standings,
        community,
        members,
        thresholds,
        today,
    )
    .await
    .map_err(Problem::internal)?;
    Ok(members
        .iter()
        .zip(standings)
        .map(|(member, standing)| document(community, &member.member, &standing, today))
        .collect())
}

/// A member's participation document from their standing.
fn document(community: &str, member: &Member, standing: &Standing, today: Day) -> Participation {
    let mut json = Participation::from_standing(standing, community, member, today);
    // From the origin: the same link serves the one-member and the batch documents.
    json.open_badge = Some(format!(
        "/api/communities/{}/members/{}/open-badge",
        percent_encode(community),
        percent_encode(&member.id)
    ));
    json
}

/// (community, activity) pairs as community → its activity.
fn group_by_community(pairs: Vec<(String, Activity)>) -> HashMap<String, Vec<Activity>> {
    let mut by_community: HashMap<String, Vec<Activity>> = HashMap::new();
    for (community, activity) in pairs {
        by_community.entry(community).or_default().push(activity);
    }
    by_community
}

/// The 404 for `member` not being in `community`, saying whether anyone has that id at all.
async fn not_in<S: Storage>(
    app: &AppState<S>,
    community: &str,
    member: &str,
) -> Result<Problem, Problem> {
    let known = app
        .storage
        .member(member)
        .await
        .map_err(Problem::internal)?
        .is_some();
    Ok(Problem::not_found(if known {
        format!("“{member}” is not a member of “{community}”.")
    } else {
        format!("No member has the id “{member}”.")
    }))
}

pub async fn one<S: Storage>(
    State(app): State<AppState<S>>,
    Path((community, member)): Path<(String, String)>,
) -> Result<Json<Participation>, Problem> {
    existing_community(&app, &community).await?;
    let members = app
        .storage
        .members_in_versioned(&community, std::slice::from_ref(&member))
        .await
        .map_err(Problem::internal)?;
    if members.is_empty() {
        return Err(not_in(&app, &community, &member).await?);
    }
    let thresholds = versioned_thresholds_of(&app, &community).await?;
    let mut standings = standings(&app, &community, &members, &thresholds).await?;
    standings
        .pop()
        .map(Json)
        .ok_or_else(|| Problem::internal("no standing computed"))
}

#[derive(Deserialize)]
pub struct BatchQuery {
    members: Option<String>,
}

pub async fn batch<S: Storage>(
    State(app): State<AppState<S>>,
    Path(community): Path<String>,
    Query(query): Query<BatchQuery>,
) -> Result<Json<ParticipationBatch>, Problem> {
    // Repeats dropped, the order asked kept: clients find each member at its position.
    // Sets, not scans: with hundreds of ids, comparing each with each was a quarter of a
    // batch's time (measured with perf).
    let mut ids: Vec<String> = Vec::new();
    let asked = query.members.unwrap_or_default();
    let mut seen: HashSet<&str> = HashSet::new();
    for id in asked.split(',').map(str::trim) {
        if !id.is_empty() && seen.insert(id) {
            ids.push(id.to_owned());
        }
        if ids.len() > BATCH_MAX {
            break; // refused below; no need to read the rest
        }
    }
    if ids.is_empty() || ids.len() > BATCH_MAX {
        return Err(Problem::bad_request(format!(
            "`members` must list 1 to {BATCH_MAX} member ids, comma-separated; got {}.",
            ids.len()
        )));
    }
    let mut members = app
        .storage
        .members_in_versioned(&community, &ids)
        .await
        .map_err(Problem::internal)?;
    // Members found: the community exists (a membership needs one), one query saved on the
    // common path. None found: it may not; the 404 says so.
    if members.is_empty() {
        existing_community(&app, &community).await?;
    }
    let position: HashMap<&str, usize> = ids
        .iter()
        .enumerate()
        .map(|(i, id)| (id.as_str(), i))
        .collect();
    members.sort_by_key(|m| position.get(m.member.id.as_str()).copied());
    let found: HashSet<&str> = members.iter().map(|m| m.member.id.as_str()).collect();
    let unknown: Vec<String> = ids
        .iter()
        .filter(|id| !found.contains(id.as_str()))
        .cloned()
        .collect();
    // At most BATCH_MAX look-ups, and only for the ids not in the community.
    let mut not_found = Vec::new();
    for id in &unknown {
        if app
            .storage
            .member(id)
            .await
            .map_err(Problem::internal)?
            .is_none()
        {
            not_found.push(id.clone());
        }
    }
    let items = standings(
        &app,
        &community,
        &members,
        &versioned_thresholds_of(&app, &community).await?,
    )
    .await?;
    Ok(Json(ParticipationBatch {
        items,
        unknown,
        not_found,
    }))
}

pub async fn distribution<S: Storage>(
    State(app): State<AppState<S>>,
    Path(community): Path<String>,
) -> Result<Json<DistributionJson>, Problem> {
    let found = existing_community(&app, &community).await?;
    let (today, thresholds) = (
        app.today(),
        versioned_thresholds_of(&app, &community).await?,
    );
    let distribution =
        standings::distribution(&app.storage, &app.standings, &community, &thresholds, today)
            .await
            .map_err(Problem::internal)?;
    let mut json = DistributionJson::from_distribution(&distribution, &community, today);
    json.name = Some(found.name);
    Ok(Json(json))
}

/// `POST /communities/{community}/activity`: the caller did something today.
pub async fn record<S: Storage>(
    State(app): State<AppState<S>>,
    Path(community): Path<String>,
    Caller(member): Caller,
    headers: HeaderMap,
    body: Result<Bytes, BytesRejection>,
) -> Result<Response, Problem> {
    let body = read_body(&app, body)?;
    let fingerprint = fingerprint("POST", &format!("/communities/{community}/activity"), &body);
    let record: ActivityRecord = json_body(&body, r#"JSON like {"kind": "reply", "count": 1}"#)?;
    let errors = record.validate();
    let Some(kind) = record.kind().filter(|_| errors.is_empty()) else {
        return Err(Problem::invalid(errors));
    };
    existing_community(&app, &community).await?;
    let Some(found) = app
        .storage
        .members_in(&community, std::slice::from_ref(&member))
        .await
        .map_err(Problem::internal)?
        .pop()
    else {
        return Err(Problem::not_found(format!(
            "“{member}” is not a member of “{community}”: join it first."
        )));
    };
    let today = app.today();
    let thresholds = thresholds_of(&app, &community).await?;
    let write = Write::Activity {
        community: community.clone(),
        member: member.clone(),
        activity: Activity {
            day: today,
            kind,
            count: record.count,
        },
    };
    idempotent_write(
        &app,
        &member,
        &headers,
        fingerprint,
        write,
        move |written| {
            let Written::Activity { here, elsewhere } = written else {
                return Err(Problem::internal("an activity record wrote something else"));
            };
            let standing = standings::standing_of(
                &here,
                group_by_community(elsewhere).values().map(Vec::as_slice),
                today,
                &thresholds,
            );
            let standing = document(&community, &found, &standing, today);
            Ok((
                StatusCode::CREATED,
                serde_json::to_string(&standing).map_err(Problem::internal)?,
            ))
        },
    )
    .await
}

/// What a level means, for people: the badge's achievement.
fn achievement_text(level: Level, thresholds: &Thresholds) -> (&'static str, String) {
    let gate = |gate: &Gate| {
        gate.0
            .iter()
            .map(|(measure, n)| {
                let what = match measure {
                    Measure::Participations => {
                        "participations (contributions, replies, events attended)"
                    }
                    Measure::Contributions => "contributions",
                    Measure::Replies => "replies",
                    Measure::Events => "events attended",
                    Measure::Reads => "reads",
                    Measure::DaysActive => "days active",
                };
                format!("{n} {what}")
            })
            .collect::<Vec<_>>()
            .join(", ")
    };
    match level {
        Level::Core => (
            "Core group",
            format!(
                "Takes on the community's work: within the last {} days, at least {} (kept for {} days of grace).",
                thresholds.window_days,
                gate(&thresholds.core),
                thresholds.grace_days
            ),
        ),
        Level::Active => ("Active member", format!("Takes part regularly: at least {} so far.", gate(&thresholds.active))),
        Level::Occasional => ("Occasional participant", format!("Takes part when a topic matters to them: at least {}.", gate(&thresholds.occasional))),
        Level::Peripheral => ("Peripheral member", "Follows the community and learns from it.".to_owned()),
        Level::Transactional => ("Transactional participant", "Interacts with the community to get or give a service.".to_owned()),
    }
}

/// `GET …/members/{member}/open-badge`: the member's level as an Open Badges 3.0
/// `OpenBadgeCredential` (unsigned: no proof; a signing issuer can add one).
pub async fn open_badge<S: Storage>(
    State(app): State<AppState<S>>,
    Path((community, member)): Path<(String, String)>,
) -> Result<axum::response::Response, Problem> {
    let found = existing_community(&app, &community).await?;
    let members = app
        .storage
        .members_in_versioned(&community, std::slice::from_ref(&member))
        .await
        .map_err(Problem::internal)?;
    let Some(person) = members.first().map(|m| &m.member) else {
        return Err(Problem::not_found(format!(
            "“{member}” is not a member of “{community}”."
        )));
    };
    let thresholds = versioned_thresholds_of(&app, &community).await?;
    let standing = standings(&app, &community, &members, &thresholds)
        .await?
        .pop()
        .ok_or_else(|| Problem::internal("no standing computed"))?;
    let level = Level::from_name(&standing.level).unwrap_or(Level::Peripheral);
    let (name, criteria) = achievement_text(level, &thresholds.thresholds);
    // Ids are this server's own URLs, on its configured base (--public-url): never on the
    // request's `Host` or `X-Forwarded-Proto`, which any client can set.
    let base = format!(
        "{}/api/communities/{}",
        app.public_base,
        percent_encode(&community)
    );
    let member_path = percent_encode(&member);
    let credential = serde_json::json!({
        "@context": ["https://www.w3.org/ns/credentials/v2", "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"],
        "id": format!("{base}/members/{member_path}/open-badge#{}", standing.as_of),
        "type": ["VerifiableCredential", "OpenBadgeCredential"],
        "issuer": { "id": base, "type": ["Profile"], "name": found.name },
        "validFrom": format!("{}T00:00:00Z", standing.as_of),
        "name": format!("{name} of {}", found.name),
        "credentialSubject": {
            "id": format!("{base}/members/{member_path}"),
            "type": ["AchievementSubject"],
            "name": person.display_name,
            "achievement": {
                "id": format!("{base}/achievements/{}", standing.level),
                "type": ["Achievement"],
                "achievementType": "Membership",
                "name": name,
                "description": format!("A level of participation in {}, a community of practice.", found.name),
                "criteria": { "narrative": criteria },
            },
        },
    });
    Ok((
        [(header::CONTENT_TYPE, "application/json")],
        credential.to_string(),
    )
        .into_response())
}
