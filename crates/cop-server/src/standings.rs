//! Members' standings in a community — the one place the server computes them — and the
//! in-memory cache that keeps reads from recomputing a year of activity per request.
//!
//! **Invariant:** a cached standing is used only when the member's activity version, the
//! community's thresholds version and the day all equal the ones it was computed for. The
//! versions live in the database (migration 0006) and every write bumps them in the same
//! transaction as the data they describe, so the cache needs no invalidation messages and stays
//! correct with several servers on one database.
//!
//! Why the three stamps cover everything a standing depends on: its level and next step come
//! from the member's activity here, the thresholds and the day; its trajectory also from the
//! member's activity in other communities (the boundary trajectory), which is why the version
//! is the member's, bumped by activity anywhere. Roles and display names are not cached: they
//! come from the member query each read makes anyway.
//!
//! Races are safe by order: a reader takes the versions *before* it reads the activity it
//! computes from, so a standing is never stamped with a version newer than its data (at worst
//! older, which only costs a recomputation).
//!
//! Bound: entries exist only for members of a community (members never leave one), a
//! community's entries are dropped when its day or thresholds version moves on, and
//! communities not read for [`IDLE`] are dropped (swept at most every [`SWEEP_EVERY`]).
//! So the cache holds at most the memberships of the communities read in the last day.

use std::collections::HashMap;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use cop_core::day::Day;
use cop_core::participation::{assess, Activity, Level, Person, Standing, Thresholds};

use crate::storage::{Storage, VersionedMember, IN_CHUNK};

/// Communities not read for this long lose their cached standings.
pub const IDLE: Duration = Duration::from_secs(24 * 60 * 60);
/// How often idle communities are looked for (on a read; no background task).
pub const SWEEP_EVERY: Duration = Duration::from_secs(60 * 60);

/// A community's thresholds with the version they were read at.
#[derive(Clone, Debug)]
pub struct VersionedThresholds {
    pub thresholds: Thresholds,
    pub version: i64,
}

/// What a whole community's entries were computed under.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Stamp {
    day: Day,
    thresholds_version: i64,
}

struct CommunityEntries {
    stamp: Stamp,
    last_read: Instant,
    /// Member id → (their activity version, their standing).
    members: HashMap<String, (i64, Arc<Standing>)>,
}

struct Inner {
    communities: HashMap<String, CommunityEntries>,
    last_sweep: Instant,
}

/// Cached standings per (community, member). Cheap to clone (shared).
#[derive(Clone)]
pub struct StandingsCache {
    inner: Arc<Mutex<Inner>>,
    hits: Arc<AtomicU64>,
    misses: Arc<AtomicU64>,
}

impl Default for StandingsCache {
    fn default() -> StandingsCache {
        StandingsCache {
            inner: Arc::new(Mutex::new(Inner {
                communities: HashMap::new(),
                last_sweep: Instant::now(),
            })),
            hits: Arc::default(),
            misses: Arc::default(),
        }
    }
}

impl StandingsCache {
    /// (standings found, standings computed) since start.
    pub fn counts(&self) -> (u64, u64) {
        (
            self.hits.load(Ordering::Relaxed),
            self.misses.load(Ordering::Relaxed),
        )
    }

    /// Cached standings entries, all communities together.
    pub fn len(&self) -> usize {
        self.lock()
            .communities
            .values()
            .map(|c| c.members.len())
            .sum()
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Inner> {
        // A panic while holding the lock leaves only a cache behind: still usable.
        self.inner.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// The cached standing of each member, `None` where there is none valid.
    fn look_up(
        &self,
        community: &str,
        stamp: Stamp,
        members: &[VersionedMember],
    ) -> Vec<Option<Arc<Standing>>> {
        let mut inner = self.lock();
        let Some(entries) = inner
            .communities
            .get_mut(community)
            .filter(|entries| entries.stamp == stamp)
        else {
            return vec![None; members.len()];
        };
        entries.last_read = Instant::now();
        members
            .iter()
            .map(|m| {
                entries
                    .members
                    .get(&m.member.id)
                    .filter(|(version, _)| *version == m.activity_version)
                    .map(|(_, standing)| Arc::clone(standing))
            })
            .collect()
    }

    fn store(
        &self,
        community: &str,
        stamp: Stamp,
        computed: impl Iterator<Item = (String, i64, Arc<Standing>)>,
    ) {
        let now = Instant::now();
        let mut inner = self.lock();
        let entries = inner
            .communities
            .entry(community.to_owned())
            .or_insert_with(|| CommunityEntries {
                stamp,
                last_read: now,
                members: HashMap::new(),
            });
        if entries.stamp != stamp {
            // Another day or other thresholds: nothing in here is valid for this stamp.
            entries.stamp = stamp;
            entries.members.clear();
            entries.members.shrink_to_fit();
        }
        entries.last_read = now;
        entries.members.extend(
            computed.map(|(member, version, standing)| (member, (version, standing))),
        );
        if now.duration_since(inner.last_sweep) >= SWEEP_EVERY {
            inner.last_sweep = now;
            inner
                .communities
                .retain(|_, entries| now.duration_since(entries.last_read) < IDLE);
        }
    }
}

/// The standings of `members` in `community` as of `today`, in the order of `members`: from
/// the cache where valid, the rest computed with `cop-core` from one batch of reads (their
/// activity here, and elsewhere for the boundary trajectory, in chunked `IN` lists).
pub async fn standings<S: Storage>(
    storage: &S,
    cache: &StandingsCache,
    community: &str,
    members: &[VersionedMember],
    thresholds: &VersionedThresholds,
    today: Day,
) -> Result<Vec<Arc<Standing>>, sqlx::Error> {
    let stamp = Stamp {
        day: today,
        thresholds_version: thresholds.version,
    };
    let mut found = cache.look_up(community, stamp, members);
    let missing: Vec<&VersionedMember> = members
        .iter()
        .zip(&found)
        .filter(|(_, cached)| cached.is_none())
        .map(|(member, _)| member)
        .collect();
    cache
        .hits
        .fetch_add((members.len() - missing.len()) as u64, Ordering::Relaxed);
    if missing.is_empty() {
        return Ok(found.into_iter().flatten().collect());
    }
    cache
        .misses
        .fetch_add(missing.len() as u64, Ordering::Relaxed);
    let ids: Vec<String> = missing.iter().map(|m| m.member.id.clone()).collect();
    let computed = compute(storage, community, &ids, &thresholds.thresholds, today).await?;
    let by_id: HashMap<&str, Arc<Standing>> = ids
        .iter()
        .map(String::as_str)
        .zip(computed.into_iter().map(Arc::new))
        .collect();
    cache.store(
        community,
        stamp,
        missing.iter().map(|m| {
            (
                m.member.id.clone(),
                m.activity_version,
                Arc::clone(&by_id[m.member.id.as_str()]),
            )
        }),
    );
    for (slot, member) in found.iter_mut().zip(members) {
        if slot.is_none() {
            *slot = by_id.get(member.member.id.as_str()).cloned();
        }
    }
    Ok(found.into_iter().flatten().collect())
}

/// Computes the standings of the members `ids` (distinct) of `community`, in their order.
async fn compute<S: Storage>(
    storage: &S,
    community: &str,
    ids: &[String],
    thresholds: &Thresholds,
    today: Day,
) -> Result<Vec<Standing>, sqlx::Error> {
    let mut here: HashMap<String, Vec<Activity>> = HashMap::new();
    // Member → other community → activity there.
    let mut elsewhere: HashMap<String, HashMap<String, Vec<Activity>>> = HashMap::new();
    for chunk in ids.chunks(IN_CHUNK) {
        for (member, activity) in storage.activity(community, Some(chunk)).await? {
            here.entry(member).or_default().push(activity);
        }
        for (other, member, activity) in storage.activity_elsewhere(chunk, community).await? {
            elsewhere
                .entry(member)
                .or_default()
                .entry(other)
                .or_default()
                .push(activity);
        }
    }
    let member_there = Person {
        is_member: true,
        active_elsewhere: false,
    };
    Ok(ids
        .iter()
        .map(|id| {
            let active_elsewhere = elsewhere.get(id).is_some_and(|communities| {
                communities.values().any(|activity| {
                    assess(activity, today, thresholds, member_there).level <= Level::Occasional
                })
            });
            assess(
                here.get(id).map(Vec::as_slice).unwrap_or(&[]),
                today,
                thresholds,
                Person {
                    is_member: true,
                    active_elsewhere,
                },
            )
        })
        .collect())
}
