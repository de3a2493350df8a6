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
//! The distribution also keeps the community's list of members with their versions, and its
//! counts, while the community's `members_version` (moved by triggers whenever a member joins,
//! leaves or has their activity version moved) and the stamp stay: one cheap read validates it.
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
use cop_core::participation::{
    assess, quarter_standing, Activity, Distribution, Level, Overview, Person, QuarterTrend,
    Standing, Thresholds,
};

use crate::storage::{NetworkRow, Storage, VersionedMember, IN_CHUNK};

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
    /// Every member and their activity version, as of the community's `members_version`
    /// (the distribution's list; independent of the day and the thresholds).
    list: Option<(i64, Arc<Vec<VersionedMember>>)>,
    /// The distribution, as of a `members_version` and the stamp.
    distribution: Option<(i64, Stamp, Distribution)>,
    /// The network view's overview (the distribution and the quarter's trend), as of a
    /// `members_version` and the stamp.
    overview: Option<(i64, Stamp, Overview)>,
}

impl CommunityEntries {
    fn new(stamp: Stamp, now: Instant) -> CommunityEntries {
        CommunityEntries {
            stamp,
            last_read: now,
            members: HashMap::new(),
            list: None,
            distribution: None,
            overview: None,
        }
    }
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
    #[cfg(test)]
    pub fn counts(&self) -> (u64, u64) {
        (
            self.hits.load(Ordering::Relaxed),
            self.misses.load(Ordering::Relaxed),
        )
    }

    /// Cached standings entries, all communities together.
    #[cfg(test)]
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
            .or_insert_with(|| CommunityEntries::new(stamp, now));
        if entries.stamp != stamp {
            // Another day or other thresholds: nothing in here is valid for this stamp.
            entries.stamp = stamp;
            entries.members.clear();
            entries.members.shrink_to_fit();
        }
        entries.last_read = now;
        entries
            .members
            .extend(computed.map(|(member, version, standing)| (member, (version, standing))));
        inner.sweep(now);
    }

    /// The community's cached list of members, if it was read at `version`.
    fn list(&self, community: &str, version: i64) -> Option<Arc<Vec<VersionedMember>>> {
        let inner = self.lock();
        let (read_at, list) = inner.communities.get(community)?.list.as_ref()?;
        (*read_at == version).then(|| Arc::clone(list))
    }

    fn cached_distribution(
        &self,
        community: &str,
        version: i64,
        stamp: Stamp,
    ) -> Option<Distribution> {
        let mut inner = self.lock();
        let entries = inner.communities.get_mut(community)?;
        let (at, computed_for, distribution) = entries.distribution.as_ref()?;
        let distribution =
            (*at == version && *computed_for == stamp).then(|| distribution.clone())?;
        entries.last_read = Instant::now();
        Some(distribution)
    }

    /// The cached overview of each `(community, members_version, stamp)`, `None` where there
    /// is none valid; one lock for them all.
    fn cached_overviews<'a>(
        &self,
        wanted: impl Iterator<Item = (&'a str, i64, Stamp)>,
    ) -> Vec<Option<Overview>> {
        let mut inner = self.lock();
        let now = Instant::now();
        wanted
            .map(|(community, version, stamp)| {
                let entries = inner.communities.get_mut(community)?;
                let (at, computed_for, overview) = entries.overview.as_ref()?;
                let overview =
                    (*at == version && *computed_for == stamp).then(|| overview.clone())?;
                entries.last_read = now;
                Some(overview)
            })
            .collect()
    }

    /// Keeps something the community's members determine (a list, a distribution).
    fn store_for_members(&self, community: &str, keep: impl FnOnce(&mut CommunityEntries)) {
        let now = Instant::now();
        let mut inner = self.lock();
        // A stamp no read can match: the first read of standings sets the real one.
        let nothing = Stamp {
            day: Day(i32::MIN),
            thresholds_version: i64::MIN,
        };
        let entries = inner
            .communities
            .entry(community.to_owned())
            .or_insert_with(|| CommunityEntries::new(nothing, now));
        entries.last_read = now;
        keep(entries);
        inner.sweep(now);
    }
}

impl Inner {
    /// Drops communities not read for [`IDLE`], looking at most every [`SWEEP_EVERY`].
    fn sweep(&mut self, now: Instant) {
        if now.duration_since(self.last_sweep) >= SWEEP_EVERY {
            self.last_sweep = now;
            self.communities
                .retain(|_, entries| now.duration_since(entries.last_read) < IDLE);
        }
    }
}

/// Every member of `community` with their activity version, for the distribution: the list
/// cached while the community's `members_version` is `version` (read first, so a list is
/// never stamped newer than it is). Names and roles in it may be old: callers that show them
/// read members afresh.
async fn all_members<S: Storage>(
    storage: &S,
    cache: &StandingsCache,
    community: &str,
    version: i64,
) -> Result<Arc<Vec<VersionedMember>>, sqlx::Error> {
    if let Some(list) = cache.list(community, version) {
        return Ok(list);
    }
    let list = Arc::new(storage.all_members_versioned(community).await?);
    cache.store_for_members(community, |entries| {
        entries.list = Some((version, Arc::clone(&list)));
    });
    Ok(list)
}

/// How `community`'s members spread over the levels as of `today`: counts over their
/// standings (cached, as [`standings`]). While the community's `members_version`, its
/// thresholds version and the day stay, the counts themselves are kept too: one cheap
/// version read answers.
pub async fn distribution<S: Storage>(
    storage: &S,
    cache: &StandingsCache,
    community: &str,
    thresholds: &VersionedThresholds,
    today: Day,
) -> Result<Distribution, sqlx::Error> {
    let stamp = Stamp {
        day: today,
        thresholds_version: thresholds.version,
    };
    let version = storage.members_version(community).await?;
    if let Some(distribution) = cache.cached_distribution(community, version, stamp) {
        return Ok(distribution);
    }
    let members = all_members(storage, cache, community, version).await?;
    let standings = standings(storage, cache, community, &members, thresholds, today).await?;
    let distribution = Distribution::from_levels(standings.iter().map(|s| s.level));
    cache.store_for_members(community, |entries| {
        entries.distribution = Some((version, stamp, distribution.clone()));
    });
    Ok(distribution)
}

/// The most members whose activity one read of the network view takes (a community larger
/// than this is read alone, [`IN_CHUNK`] members at a time, as the distribution reads it): the
/// rows a read holds at once, and so the server's memory, stay bounded, while a hundred small
/// communities take a handful of reads.
const NETWORK_MEMBERS: usize = 500;

/// The overview of each community in `rows` (read first, for their versions) as of `today`,
/// in their order: cached while the community's `members_version`, its thresholds version and
/// the day stay (as the distribution), the rest computed together — one read of their
/// memberships per [`IN_CHUNK`] communities, then one read of activity up to today per batch
/// of communities with at most [`NETWORK_MEMBERS`] members — with `cop-core`'s
/// [`quarter_standing`] (a member's level does not depend on other communities, so no reads
/// elsewhere). A computed overview's distribution is kept for the distribution endpoint too:
/// the same levels, under the same stamps.
pub async fn overviews<S: Storage>(
    storage: &S,
    cache: &StandingsCache,
    rows: &[NetworkRow],
    today: Day,
) -> Result<Vec<Overview>, sqlx::Error> {
    let stamp = |row: &NetworkRow| Stamp {
        day: today,
        thresholds_version: row.thresholds_version,
    };
    let mut found = cache.cached_overviews(
        rows.iter()
            .map(|row| (row.id.as_str(), row.members_version, stamp(row))),
    );
    let missing: Vec<&NetworkRow> = rows
        .iter()
        .zip(&found)
        .filter(|(_, cached)| cached.is_none())
        .map(|(row, _)| row)
        .collect();
    // Community → member → their activity there; members without any stay empty.
    let mut members: HashMap<String, HashMap<String, Vec<Activity>>> = HashMap::new();
    for chunk in missing.chunks(IN_CHUNK) {
        let ids: Vec<String> = chunk.iter().map(|row| row.id.clone()).collect();
        for (community, member) in storage.memberships_of(&ids).await? {
            members
                .entry(community)
                .or_default()
                .entry(member)
                .or_default();
        }
    }
    let sizes: HashMap<String, usize> = members
        .iter()
        .map(|(community, of_it)| (community.clone(), of_it.len()))
        .collect();
    let size = |row: &NetworkRow| sizes.get(&row.id).copied().unwrap_or(0);
    let mut batches: Vec<Vec<&NetworkRow>> = Vec::new();
    let mut in_batch = 0;
    for row in &missing {
        match batches.last_mut() {
            Some(batch) if in_batch + size(row) <= NETWORK_MEMBERS && batch.len() < IN_CHUNK => {
                batch.push(row);
                in_batch += size(row);
            }
            _ => {
                batches.push(vec![row]);
                in_batch = size(row);
            }
        }
    }
    let mut computed: HashMap<&str, Overview> = HashMap::new();
    for batch in batches {
        let ids: Vec<String> = batch.iter().map(|row| row.id.clone()).collect();
        let mut activity: HashMap<String, HashMap<String, Vec<Activity>>> = ids
            .iter()
            .filter_map(|id| members.remove_entry(id))
            .collect();
        match batch.as_slice() {
            // A large community alone: its members' activity in chunks, as the distribution
            // reads it (activity after today is left out by `quarter_standing`).
            [row] if size(row) > NETWORK_MEMBERS => {
                let ids: Vec<String> = activity
                    .get(&row.id)
                    .map(|members| members.keys().cloned().collect())
                    .unwrap_or_default();
                for chunk in ids.chunks(IN_CHUNK) {
                    for (member, record) in storage.activity(&row.id, Some(chunk)).await? {
                        keep(&mut activity, &row.id, &member, record);
                    }
                }
            }
            _ => {
                for (community, member, record) in storage.activity_in(&ids, today).await? {
                    keep(&mut activity, &community, &member, record);
                }
            }
        }
        for row in batch {
            let thresholds =
                crate::participation::parse_thresholds(&row.id, row.thresholds.clone());
            let standings: Vec<_> = activity
                .remove(&row.id)
                .unwrap_or_default()
                .values()
                .map(|of_member| quarter_standing(of_member, today, &thresholds))
                .collect();
            let overview = Overview {
                distribution: Distribution::from_levels(standings.iter().map(|s| s.level)),
                trend: QuarterTrend::from_standings(standings),
            };
            cache.store_for_members(&row.id, |entries| {
                entries.overview = Some((row.members_version, stamp(row), overview.clone()));
                entries.distribution = Some((
                    row.members_version,
                    stamp(row),
                    overview.distribution.clone(),
                ));
            });
            computed.insert(&row.id, overview);
        }
    }
    for (slot, row) in found.iter_mut().zip(rows) {
        if slot.is_none() {
            *slot = computed.remove(row.id.as_str());
        }
    }
    Ok(found.into_iter().map(Option::unwrap_or_default).collect())
}

/// Adds a record to a member's activity, if they are a member (activity of members who left
/// is not theirs to count).
fn keep(
    activity: &mut HashMap<String, HashMap<String, Vec<Activity>>>,
    community: &str,
    member: &str,
    record: Activity,
) {
    if let Some(of_member) = activity
        .get_mut(community)
        .and_then(|members| members.get_mut(member))
    {
        of_member.push(record);
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
    let nowhere = HashMap::new();
    Ok(ids
        .iter()
        .map(|id| {
            standing_of(
                here.get(id).map(Vec::as_slice).unwrap_or(&[]),
                elsewhere
                    .get(id)
                    .unwrap_or(&nowhere)
                    .values()
                    .map(Vec::as_slice),
                today,
                thresholds,
            )
        })
        .collect())
}

/// A member's standing from their activity here and in each other community they belong to:
/// occasional or more elsewhere makes the trajectory "boundary".
pub fn standing_of<'a>(
    here: &[Activity],
    mut elsewhere: impl Iterator<Item = &'a [Activity]>,
    today: Day,
    thresholds: &Thresholds,
) -> Standing {
    let member_there = Person {
        is_member: true,
        active_elsewhere: false,
    };
    let active_elsewhere = elsewhere.any(|activity| {
        assess(activity, today, thresholds, member_there).level <= Level::Occasional
    });
    assess(
        here,
        today,
        thresholds,
        Person {
            is_member: true,
            active_elsewhere,
        },
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    use cop_core::contract::{Community, Member, ThresholdsJson};
    use cop_core::participation::{ActivityKind, Gate, Measure, Trajectory};

    use crate::demo::DemoData;
    use crate::storage::{Sqlite, StoredAnswer, Write};

    fn today() -> Day {
        Day::parse("2026-11-23").unwrap()
    }

    /// A write through the one path writes take (no idempotency key).
    async fn write(storage: &Sqlite, write: Write) {
        let answer = |_| {
            Ok::<_, ()>(StoredAnswer {
                status: 200,
                body: String::new(),
            })
        };
        storage.write(write, None, answer).await.unwrap().unwrap();
    }

    async fn record(storage: &Sqlite, community: &str, member: &str, activity: Activity) {
        let write_ = Write::Activity {
            community: community.into(),
            member: member.into(),
            activity,
        };
        write(storage, write_).await;
    }

    fn on(back: i32, kind: ActivityKind) -> Activity {
        Activity {
            day: today().plus(-back),
            kind,
            count: 1,
        }
    }

    /// `a` (here only): reads on three days, one participation short of occasional.
    /// `b` (here and there): occasional here; there reads on two days, not yet occasional.
    async fn storage() -> (tempfile::TempDir, Sqlite) {
        let dir = tempfile::tempdir().unwrap();
        let storage = Sqlite::open(dir.path()).await.unwrap();
        let community = |id: &str| Community {
            id: id.into(),
            name: id.into(),
            description: None,
            member_count: None,
        };
        let member = |id: &str| Member {
            id: id.into(),
            display_name: id.to_uppercase(),
            roles: Vec::new(),
        };
        use ActivityKind::{Read, Reply, Visit};
        let mut activity = Vec::new();
        for back in [1, 2, 3] {
            activity.push(("here".into(), "a".into(), on(back, Read)));
        }
        for (back, kind) in [(10, Reply), (11, Visit), (12, Visit)] {
            activity.push(("here".into(), "b".into(), on(back, kind)));
        }
        for back in [5, 6] {
            activity.push(("there".into(), "b".into(), on(back, Read)));
        }
        storage
            .load_demo(&DemoData {
                communities: vec![community("here"), community("there")],
                memberships: vec![
                    ("here".into(), member("a"), vec!["coordinator"]),
                    ("here".into(), member("b"), Vec::new()),
                    ("there".into(), member("b"), Vec::new()),
                ],
                activity,
                videos: Vec::new(),
                cycles: Vec::new(),
                featured: Vec::new(),
                video_events: Vec::new(),
                calendar: Vec::new(),
            })
            .await
            .unwrap();
        (dir, storage)
    }

    async fn thresholds(storage: &Sqlite) -> VersionedThresholds {
        let (json, version) = storage.thresholds_versioned("here").await.unwrap();
        VersionedThresholds {
            thresholds: json.map_or_else(Thresholds::default, |json| {
                serde_json::from_str::<ThresholdsJson>(&json)
                    .unwrap()
                    .to_thresholds()
                    .unwrap()
            }),
            version,
        }
    }

    /// The standings of a and b here as of `day`, read as a handler reads them: the members'
    /// versions and the thresholds first, then the standings.
    async fn read(storage: &Sqlite, cache: &StandingsCache, day: Day) -> Vec<Arc<Standing>> {
        let mut members = storage
            .members_in_versioned("here", &["a".into(), "b".into()])
            .await
            .unwrap();
        members.sort_by(|x, y| x.member.id.cmp(&y.member.id));
        let thresholds = thresholds(storage).await;
        standings(storage, cache, "here", &members, &thresholds, day)
            .await
            .unwrap()
    }

    #[tokio::test]
    async fn a_cached_standing_is_used_only_while_versions_and_day_match() {
        let (_dir, storage) = storage().await;
        let cache = StandingsCache::default();

        let first = read(&storage, &cache, today()).await;
        assert_eq!(first[0].level, Level::Peripheral);
        assert_eq!(first[1].level, Level::Occasional);
        assert_ne!(first[1].trajectory, Trajectory::Boundary);
        assert_eq!(cache.counts(), (0, 2));
        let again = read(&storage, &cache, today()).await;
        assert!(Arc::ptr_eq(&first[0], &again[0]) && Arc::ptr_eq(&first[1], &again[1]));
        assert_eq!(
            cache.counts(),
            (2, 2),
            "nothing changed: both from the cache"
        );

        // A write moves the member inward at the next read; the other stays cached.
        record(&storage, "here", "a", on(0, ActivityKind::Reply)).await;
        let after = read(&storage, &cache, today()).await;
        assert_eq!(after[0].level, Level::Occasional);
        assert_eq!(after[0].weekly[11], 1);
        assert!(Arc::ptr_eq(&first[1], &after[1]));
        assert_eq!(cache.counts(), (3, 3));

        // b's activity in another community makes b a broker here: the boundary trajectory.
        record(&storage, "there", "b", on(0, ActivityKind::Reply)).await;
        let broker = read(&storage, &cache, today()).await;
        assert_eq!(broker[1].trajectory, Trajectory::Boundary);
        assert_eq!(broker[1].level, Level::Occasional);
        assert_eq!(cache.counts(), (4, 4));

        // New thresholds: every standing is computed again under them.
        let stricter = Thresholds {
            occasional: Gate(vec![(Measure::Participations, 2), (Measure::DaysActive, 3)]),
            ..Thresholds::default()
        };
        let json = serde_json::to_string(&ThresholdsJson::from_thresholds(&stricter)).unwrap();
        write(
            &storage,
            Write::Thresholds {
                community: "here".into(),
                json,
                by: "a".into(),
            },
        )
        .await;
        let strict = read(&storage, &cache, today()).await;
        assert_eq!(
            strict[0].level,
            Level::Peripheral,
            "one reply is no longer enough"
        );
        assert_eq!(cache.counts(), (4, 6));
        assert_eq!(read(&storage, &cache, today()).await, strict);
        assert_eq!(cache.counts(), (6, 6));

        // Another day: computed again (the week's reply moves one column left), and the
        // community's entries of the old day are dropped, not kept beside the new ones.
        let next_week = read(&storage, &cache, today().plus(7)).await;
        assert_eq!(cache.counts(), (6, 8));
        assert_eq!((next_week[0].weekly[10], next_week[0].weekly[11]), (1, 0));
        assert_eq!(cache.len(), 2);
    }

    #[tokio::test]
    async fn the_distribution_is_counted_again_when_a_member_or_their_activity_anywhere_changes() {
        let (_dir, storage) = storage().await;
        let cache = StandingsCache::default();
        let t = thresholds(&storage).await;
        let counts = |d: &Distribution| (d.count(Level::Occasional), d.count(Level::Peripheral));
        let first = distribution(&storage, &cache, "here", &t, today())
            .await
            .unwrap();
        assert_eq!(counts(&first), (1, 1));
        assert_eq!(cache.counts(), (0, 2));
        let again = distribution(&storage, &cache, "here", &t, today())
            .await
            .unwrap();
        assert_eq!(again, first);
        assert_eq!(
            cache.counts(),
            (0, 2),
            "the counts kept: no standing even looked up"
        );

        // b's activity in the other community moves this community's members_version too.
        let version = storage.members_version("here").await.unwrap();
        record(&storage, "there", "b", on(0, ActivityKind::Reply)).await;
        assert!(storage.members_version("here").await.unwrap() > version);
        let moved = distribution(&storage, &cache, "here", &t, today())
            .await
            .unwrap();
        assert_eq!(counts(&moved), (1, 1));
        assert_eq!(cache.counts(), (1, 3), "a from the cache, b computed again");

        record(&storage, "here", "a", on(0, ActivityKind::Reply)).await;
        let inward = distribution(&storage, &cache, "here", &t, today())
            .await
            .unwrap();
        assert_eq!(counts(&inward), (2, 0));

        // A newcomer counts at once.
        write(
            &storage,
            Write::Join {
                community: "here".into(),
                member: "c".into(),
                display_name: "C".into(),
            },
        )
        .await;
        let joined = distribution(&storage, &cache, "here", &t, today())
            .await
            .unwrap();
        assert_eq!((joined.members(), counts(&joined)), (3, (2, 1)));

        // Another day: counted again.
        let before = cache.counts();
        distribution(&storage, &cache, "here", &t, today().plus(1))
            .await
            .unwrap();
        assert_eq!(cache.counts().1, before.1 + 3);
    }

    #[tokio::test]
    async fn standings_come_back_in_the_order_asked_with_hits_and_misses_mixed() {
        let (_dir, storage) = storage().await;
        let cache = StandingsCache::default();
        let members = storage
            .members_in_versioned("here", &["a".into(), "b".into()])
            .await
            .unwrap();
        let (a, b) = if members[0].member.id == "a" {
            (&members[0], &members[1])
        } else {
            (&members[1], &members[0])
        };
        let thresholds = thresholds(&storage).await;
        let only_b = standings(
            &storage,
            &cache,
            "here",
            std::slice::from_ref(b),
            &thresholds,
            today(),
        )
        .await
        .unwrap();
        let both = standings(
            &storage,
            &cache,
            "here",
            &[b.clone(), a.clone()],
            &thresholds,
            today(),
        )
        .await
        .unwrap();
        assert!(Arc::ptr_eq(&only_b[0], &both[0]), "b from the cache, first");
        assert_eq!(both[1].level, Level::Peripheral, "a computed, second");
        assert_eq!(cache.counts(), (1, 2));
    }
}
