//! Where the server keeps its data: the [`Storage`] trait and its two implementations,
//! [`Sqlite`] (the embedded default: one file in the data directory, WAL mode) and
//! [`Postgres`] (`--database-url postgres://…`: several servers on one database), each with
//! its own migrations (`migrations/sqlite`, `migrations/postgres`) applied at start.
//!
//! Both run the same queries: [`queries!`] stamps one body of SQL and Rust out for each
//! (`sqlite.rs`, `postgres.rs`), so there is one text of every query, written in the SQL both
//! speak (`$1` parameters, `ON CONFLICT`, `CASE`); the few phrases they spell differently are
//! constants of each module (`NEW_ID`, `NOW`, `MEMBER_ROLES`, `STORY_COLUMNS`), and how a write
//! waits for its turn is each module's `begin_write`. See ARCHITECTURE.md for why not sqlx's
//! `Any` or generics over `sqlx::Database`.

use std::future::Future;
use std::time::Duration;

use cop_core::contract::{
    Answer, Author, CalendarEvent, Captions, Carousel, Community, EventsCounted, Member,
    OccurrenceOverride, Speaker, Story, Video, VideoCycle, VideoProvider, VideoSource,
};
use cop_core::day::Day;
use cop_core::participation::{Activity, ActivityKind};

mod postgres;
mod sqlite;
pub use postgres::Postgres;
pub use sqlite::Sqlite;

pub type Result<T> = std::result::Result<T, sqlx::Error>;

/// An answer to a write: its status and JSON body, as stored with an `Idempotency-Key` and
/// replayed to the retries of that write.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StoredAnswer {
    pub status: u16,
    pub body: String,
}

/// An `Idempotency-Key` as a write uses it: whose it is, which request it was first used
/// for (the fingerprint), and which stored keys are still alive.
#[derive(Clone, Copy, Debug)]
pub struct KeyUse<'a> {
    pub member: &'a str,
    pub key: &'a str,
    pub fingerprint: &'a str,
    /// Unix seconds now; stored with the key.
    pub now: i64,
    /// Keys stored before this moment (Unix seconds) have expired and are written anew.
    pub alive_since: i64,
    /// How long a request waits for another with the same key still in flight on another
    /// server (PostgreSQL) before it is answered [`Outcome::InFlight`].
    pub wait: Duration,
}

/// A write to make in one transaction with its idempotency key (see [`Storage::write`]).
#[derive(Clone, Debug)]
pub enum Write {
    /// Adds the member (or renames them) and their membership.
    Join {
        community: String,
        member: String,
        display_name: String,
    },
    /// Stores a story (already validated and normalised).
    Story(NewStory),
    /// Adds `activity.count` to what the member did that day.
    Activity {
        community: String,
        member: String,
        activity: Activity,
    },
    /// Sets a community's thresholds (JSON, already validated).
    Thresholds {
        community: String,
        json: String,
        by: String,
    },
    /// Adds a video interview (validated, provider detected).
    Video(NewVideo),
    /// Opens a video cycle (validated days).
    Cycle {
        community: String,
        name: String,
        starts: Day,
        ends: Day,
    },
    /// Replaces the videos featured in a cycle, in order (each checked to be the community's).
    Featured {
        community: String,
        cycle: String,
        videos: Vec<String>,
    },
    /// Counts a page view's impressions and selections of videos featured in the cycle, each
    /// (page view, video, kind) once; a selection counts as an impression too.
    Events {
        cycle: String,
        page_view: String,
        impressions: Vec<String>,
        selections: Vec<String>,
    },
    /// Adds a calendar event (`id: None`) or replaces one of the community's (validated; the
    /// zone known). Its overrides stay.
    Event {
        community: String,
        id: Option<String>,
        event: NewEvent,
    },
    /// Cancels (`start: None`) or moves one occurrence of an event, by its original start
    /// (RFC 3339 UTC, checked to be an occurrence); a second change of it replaces the first.
    Occurrence {
        community: String,
        event: String,
        recurrence_id: String,
        start: Option<String>,
    },
}

/// A calendar event to store: validated, trimmed, its timing unfolded.
#[derive(Clone, Debug)]
pub struct NewEvent {
    pub title: String,
    pub kind: String,
    pub place: Option<String>,
    pub duration_minutes: u32,
    pub timing: String,
    pub zone: String,
}

/// A video to store: validated, trimmed, its provider detected.
#[derive(Clone, Debug)]
pub struct NewVideo {
    pub video: Video,
    pub contact_email: Option<String>,
}

/// What a write did, read inside its transaction, for its answer.
#[derive(Clone, Debug)]
pub enum Written {
    Joined(Member, Joined),
    /// The story as stored, its author named even if anonymous (the answer goes to them).
    Story(Story),
    /// The member's activity in the community after the record, and elsewhere
    /// (community, activity) for the boundary trajectory.
    Activity {
        here: Vec<Activity>,
        elsewhere: Vec<(String, Activity)>,
    },
    Thresholds,
    Video(Video),
    Cycle(VideoCycle),
    /// The cycle's carousel after the write; `None` if the cycle is not the community's.
    Featured(Option<Carousel>),
    /// How many events of the batch were new.
    Events(EventsCounted),
    /// The calendar event after the write; `None` if the community has no such event.
    Event(Option<CalendarEvent>),
}

/// How [`Storage::write`] went.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Outcome {
    /// Written now; this answer was stored with the key, if any.
    Fresh(StoredAnswer),
    /// The key was used before for this same request: its first answer, nothing written.
    Replayed(StoredAnswer),
    /// The key was used before for another request: nothing written.
    Reused,
    /// A request with the key is still being written (on another server) after
    /// [`KeyUse::wait`]: nothing written.
    InFlight,
}

/// Whether a join added the member or found them there already.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Joined {
    New,
    Already,
}

/// A member as the read paths see them: the public [`Member`] and the version of their
/// activity, which a cached standing must match to be used (see `standings.rs`).
#[derive(Clone, Debug)]
pub struct VersionedMember {
    pub member: Member,
    pub activity_version: i64,
}

pub trait Storage: Clone + Send + Sync + 'static {
    /// Answers once the database does (`/healthz`).
    fn ping(&self) -> impl Future<Output = Result<()>> + Send;
    /// Waits for the connections in use to come back, then closes them (SQLite checkpoints
    /// its write-ahead log).
    fn close(&self) -> impl Future<Output = ()> + Send;
    fn is_empty(&self) -> impl Future<Output = Result<bool>> + Send;
    /// Communities ordered by id, those after `after`.
    fn communities(
        &self,
        after: Option<&str>,
        limit: u32,
    ) -> impl Future<Output = Result<Vec<Community>>> + Send;
    fn community(&self, id: &str) -> impl Future<Output = Result<Option<Community>>> + Send;
    /// A community's members ordered by id, those after `after`.
    fn members(
        &self,
        community: &str,
        after: Option<&str>,
        limit: u32,
    ) -> impl Future<Output = Result<Vec<Member>>> + Send;
    /// A member with their roles in all communities.
    fn member(&self, id: &str) -> impl Future<Output = Result<Option<Member>>> + Send;
    /// Performs `write` and stores its answer under `key`, both in one transaction, once.
    ///
    /// With a key: a key already stored for this member (and not expired) is not written
    /// again: its stored answer comes back as [`Outcome::Replayed`], or [`Outcome::Reused`]
    /// when it was stored for another request (another fingerprint). Otherwise the write is
    /// made, `answer` turns what it did into the answer (inside the transaction, so it sees
    /// the write), and the answer is stored with the key before the one commit: a process
    /// killed or a request dropped at any point leaves either both or neither. Writes are
    /// serialised, so concurrent requests with one key store one write. An `Err` from
    /// `answer` rolls everything back and is handed back as it is (nothing is remembered).
    fn write<E, F>(
        &self,
        write: Write,
        key: Option<&KeyUse<'_>>,
        answer: F,
    ) -> impl Future<Output = Result<std::result::Result<Outcome, E>>> + Send
    where
        E: Send,
        F: FnOnce(Written) -> std::result::Result<StoredAnswer, E> + Send;
    /// Forgets the idempotency keys stored before `before` (Unix seconds); returns how many.
    fn purge_keys(&self, before: i64) -> impl Future<Output = Result<u64>> + Send;
    /// Members of `community` among `ids`, with their roles there.
    fn members_in(
        &self,
        community: &str,
        ids: &[String],
    ) -> impl Future<Output = Result<Vec<Member>>> + Send;
    /// Every member of `community`, with their roles there and their activity version.
    fn all_members_versioned(
        &self,
        community: &str,
    ) -> impl Future<Output = Result<Vec<VersionedMember>>> + Send;
    /// `communities.members_version`: moves whenever the community's members or any of their
    /// activity versions do (triggers, migration 0006). One cheap read validates a cached list
    /// of the members and their versions, and the distribution computed from it.
    fn members_version(&self, community: &str) -> impl Future<Output = Result<i64>> + Send;
    /// Members of `community` among `ids`, with their roles there and their activity version.
    fn members_in_versioned(
        &self,
        community: &str,
        ids: &[String],
    ) -> impl Future<Output = Result<Vec<VersionedMember>>> + Send;
    /// Activity in `community` of the members `ids` (all members when `ids` is `None`).
    fn activity(
        &self,
        community: &str,
        ids: Option<&[String]>,
    ) -> impl Future<Output = Result<Vec<(String, Activity)>>> + Send;
    /// The activity of `members` in communities other than `community`: (community, member, activity).
    fn activity_elsewhere(
        &self,
        members: &[String],
        community: &str,
    ) -> impl Future<Output = Result<Vec<(String, String, Activity)>>> + Send;
    /// Every community with what validates its cached overview (the network view): its
    /// `members_version` and its thresholds (JSON, if set) with their version; by id.
    fn network(&self) -> impl Future<Output = Result<Vec<NetworkRow>>> + Send;
    /// (community, member) for every member of the `communities` (at most [`IN_CHUNK`]).
    fn memberships_of(
        &self,
        communities: &[String],
    ) -> impl Future<Output = Result<Vec<(String, String)>>> + Send;
    /// (community, member, activity) in the `communities` (at most [`IN_CHUNK`]), on days up
    /// to `until`.
    fn activity_in(
        &self,
        communities: &[String],
        until: Day,
    ) -> impl Future<Output = Result<Vec<(String, String, Activity)>>> + Send;
    /// A community's thresholds as JSON, if its coordinator set them.
    fn thresholds(&self, community: &str) -> impl Future<Output = Result<Option<String>>> + Send;
    /// A community's thresholds as JSON, if its coordinator set them, and their version
    /// (0 without a row: the defaults); both from one row, so they always go together.
    fn thresholds_versioned(
        &self,
        community: &str,
    ) -> impl Future<Output = Result<(Option<String>, i64)>> + Send;
    fn story(
        &self,
        community: &str,
        id: &str,
    ) -> impl Future<Output = Result<Option<Story>>> + Send;
    /// A community's stories, newest first, with the position to continue before.
    fn stories(
        &self,
        community: &str,
        filter: &StoryFilter,
        before: Option<i64>,
        limit: u32,
    ) -> impl Future<Output = Result<Vec<(i64, Story)>>> + Send;
    /// A community's videos, oldest first.
    fn videos(&self, community: &str) -> impl Future<Output = Result<Vec<Video>>> + Send;
    /// A community's video cycles by first day.
    fn cycles(&self, community: &str) -> impl Future<Output = Result<Vec<VideoCycle>>> + Send;
    fn cycle(
        &self,
        community: &str,
        id: &str,
    ) -> impl Future<Output = Result<Option<VideoCycle>>> + Send;
    /// The videos featured in a cycle, in order, with their contact addresses.
    fn featured(
        &self,
        cycle: &str,
    ) -> impl Future<Output = Result<Vec<(Video, Option<String>)>>> + Send;
    /// Per video of a cycle: (video id, impressions, selections).
    fn event_counts(
        &self,
        cycle: &str,
    ) -> impl Future<Output = Result<Vec<(String, u64, u64)>>> + Send;
    /// A community's calendar events, with their overrides, by id.
    fn calendar_events(
        &self,
        community: &str,
    ) -> impl Future<Output = Result<Vec<CalendarEvent>>> + Send;
    fn calendar_event(
        &self,
        community: &str,
        id: &str,
    ) -> impl Future<Output = Result<Option<CalendarEvent>>> + Send;
    /// Demo data; never overwrites what is there.
    fn load_demo(&self, demo: &crate::demo::DemoData) -> impl Future<Output = Result<()>> + Send;
}

/// A community as the network view reads it first: enough to find its cached overview.
#[derive(Clone, Debug)]
pub struct NetworkRow {
    pub id: String,
    pub name: String,
    pub members_version: i64,
    /// The coordinator's thresholds as JSON; `None`: the defaults.
    pub thresholds: Option<String>,
    /// 0 without thresholds of its own, as [`Storage::thresholds_versioned`].
    pub thresholds_version: i64,
}

/// A story to store: validated, trimmed, tags normalised, answers in the template's order.
#[derive(Clone, Debug)]
pub struct NewStory {
    pub community: String,
    pub member: String,
    pub title: String,
    pub answers: Vec<Answer>,
    pub links: Vec<String>,
    pub tags: Vec<String>,
    pub share_with_sponsors: bool,
    pub anonymous: bool,
}

#[derive(Clone, Debug, Default)]
pub struct StoryFilter {
    pub cycle: Option<String>,
    pub tag: Option<String>,
    /// Only stories their authors agreed to share with sponsors (the export, a sponsor)…
    pub for_sponsors: bool,
    /// …and, with `for_sponsors`, this member's own stories too.
    pub own: Option<String>,
}

fn kind_name(kind: ActivityKind) -> &'static str {
    match kind {
        ActivityKind::Contribution => "contribution",
        ActivityKind::Reply => "reply",
        ActivityKind::Event => "event",
        ActivityKind::Read => "read",
        ActivityKind::Visit => "visit",
    }
}

fn kind_from(name: &str) -> Option<ActivityKind> {
    cop_core::contract::ActivityRecord {
        kind: name.to_owned(),
        count: 1,
    }
    .kind()
}

/// The most values one `IN (…)` list binds; longer lists are read in chunks.
pub const IN_CHUNK: usize = 500;

/// `$from, $from+1, …` for an `IN (…)` list of `n` values bound after `from - 1` others.
fn placeholders(from: usize, n: usize) -> String {
    (from..from + n)
        .map(|i| format!("${i}"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// Faults to inject in [`Storage::write`], for the tests that prove exactly-once writes
/// (`--test-hook`, hidden). Never set in production.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TestHook {
    /// The process aborts (as if killed) after the write and its key, before the commit.
    CrashBeforeCommit,
    /// The process aborts after the commit, before the answer is sent.
    CrashAfterCommit,
    /// Each write holds its transaction open this long before committing.
    SlowWrite(Duration),
}

impl std::str::FromStr for TestHook {
    type Err = String;
    fn from_str(text: &str) -> std::result::Result<TestHook, String> {
        match text {
            "crash-before-commit" => Ok(TestHook::CrashBeforeCommit),
            "crash-after-commit" => Ok(TestHook::CrashAfterCommit),
            _ => text
                .strip_prefix("slow-write-ms=")
                .and_then(|ms| ms.parse().ok())
                .map(|ms| TestHook::SlowWrite(Duration::from_millis(ms)))
                .ok_or_else(|| {
                    format!("“{text}”: crash-before-commit, crash-after-commit or slow-write-ms=N")
                }),
        }
    }
}

const COMMUNITY_COLUMNS: &str = "c.id, c.name, c.description, \
     (SELECT count(*) FROM memberships m WHERE m.community_id = c.id) AS member_count";

/// The queries of both databases: stamped out in `sqlite.rs` and `postgres.rs` with their
/// pool, connection and row types. Each module defines the phrases its SQL spells its own
/// way (`NEW_ID`, `NOW`, `MEMBER_ROLES`, `STORY_COLUMNS`), its store's `pool` and `hook`
/// fields, and `begin_write` (a writer's turn, and a key's).
macro_rules! queries {
    ($Store:ty, $Db:ty, $Conn:ty, $Row:ty) => {
        /// Bumps `member`'s activity version. Every write of a member's activity, in any community,
        /// must call it **in the same transaction** as the write: cached standings are validated by
        /// this version alone (no invalidation messages, so several servers on one database agree).
        /// The member's communities' `members_version` moves with it, by a trigger (migration 0006).
        pub(crate) async fn bump_activity_version<'e, E>(executor: E, member: &str) -> Result<()>
        where
            E: sqlx::Executor<'e, Database = $Db>,
        {
            sqlx::query("UPDATE members SET activity_version = activity_version + 1 WHERE id = $1")
                .bind(member)
                .execute(executor)
                .await
                .map(|_| ())
        }

        fn story_from(row: &$Row) -> Result<(i64, Story)> {
            let json = |column: &str| -> Result<String> { row.try_get(column) };
            let tags: Option<String> = row.try_get("tags")?;
            let story = Story {
                id: row.try_get("id")?,
                community: row.try_get("community_id")?,
                title: row.try_get("title")?,
                answers: serde_json::from_str(&json("answers")?).unwrap_or_default(),
                links: serde_json::from_str(&json("links")?).unwrap_or_default(),
                tags: tags
                    .map(|t| t.split('\u{1f}').map(str::to_owned).collect())
                    .unwrap_or_default(),
                share_with_sponsors: row.try_get("share_with_sponsors")?,
                anonymous: row.try_get("anonymous")?,
                // Always named here; the API leaves it out of anonymous stories for anyone but the
                // author (`stories::Reader::shows`).
                author: Some(Author {
                    id: row.try_get("member_id")?,
                    display_name: row.try_get("display_name")?,
                }),
                created_at: row.try_get("created_at")?,
            };
            Ok((row.try_get("position")?, story))
        }

        fn activity_from(row: &$Row) -> Result<Option<(String, Activity)>> {
            let kind: String = row.try_get("kind")?;
            let Some(kind) = kind_from(&kind) else {
                return Ok(None);
            };
            let day: i64 = row.try_get("day")?;
            let count: i64 = row.try_get("count")?;
            Ok(Some((
                row.try_get("owner")?,
                Activity {
                    day: Day(i32::try_from(day).unwrap_or(i32::MIN)),
                    kind,
                    count: u32::try_from(count).unwrap_or(u32::MAX),
                },
            )))
        }

        fn community_from(row: &$Row) -> Result<Community> {
            Ok(Community {
                id: row.try_get("id")?,
                name: row.try_get("name")?,
                description: row.try_get("description")?,
                member_count: row
                    .try_get::<i64, _>("member_count")
                    .ok()
                    .and_then(|n| u32::try_from(n).ok()),
            })
        }

        fn member_from(row: &$Row) -> Result<Member> {
            let roles: String = row.try_get("roles")?;
            Ok(Member {
                id: row.try_get("id")?,
                display_name: row.try_get("display_name")?,
                roles: roles
                    .split(',')
                    .filter(|role| !role.is_empty())
                    .map(str::to_owned)
                    .collect(),
            })
        }

        fn versioned_member_from(row: &$Row) -> Result<VersionedMember> {
            Ok(VersionedMember {
                member: member_from(row)?,
                activity_version: row.try_get("activity_version")?,
            })
        }

        impl Storage for $Store {
            async fn close(&self) {
                self.pool.close().await;
            }

            async fn ping(&self) -> Result<()> {
                sqlx::query("SELECT 1")
                    .execute(&self.pool)
                    .await
                    .map(|_| ())
            }

            async fn is_empty(&self) -> Result<bool> {
                let count: i64 = sqlx::query_scalar("SELECT count(*) FROM communities")
                    .fetch_one(&self.pool)
                    .await?;
                Ok(count == 0)
            }

            async fn communities(&self, after: Option<&str>, limit: u32) -> Result<Vec<Community>> {
                let sql = format!(
                    "SELECT {COMMUNITY_COLUMNS} FROM communities c WHERE c.id > $1 ORDER BY c.id LIMIT $2"
                );
                let rows = sqlx::query(&sql)
                    .bind(after.unwrap_or(""))
                    .bind(i64::from(limit))
                    .fetch_all(&self.pool)
                    .await?;
                rows.iter().map(community_from).collect()
            }

            async fn community(&self, id: &str) -> Result<Option<Community>> {
                let sql = format!("SELECT {COMMUNITY_COLUMNS} FROM communities c WHERE c.id = $1");
                let row = sqlx::query(&sql)
                    .bind(id)
                    .fetch_optional(&self.pool)
                    .await?;
                row.as_ref().map(community_from).transpose()
            }

            async fn members(
                &self,
                community: &str,
                after: Option<&str>,
                limit: u32,
            ) -> Result<Vec<Member>> {
                let rows = sqlx::query(
                    "SELECT m.id, m.display_name, s.roles FROM memberships s JOIN members m ON m.id = s.member_id \
                     WHERE s.community_id = $1 AND m.id > $2 ORDER BY m.id LIMIT $3",
                )
                .bind(community)
                .bind(after.unwrap_or(""))
                .bind(i64::from(limit))
                .fetch_all(&self.pool)
                .await?;
                rows.iter().map(member_from).collect()
            }

            async fn member(&self, id: &str) -> Result<Option<Member>> {
                let row = sqlx::query(&format!(
                    "SELECT m.id, m.display_name, {MEMBER_ROLES} AS roles \
                     FROM members m LEFT JOIN memberships s ON s.member_id = m.id WHERE m.id = $1 GROUP BY m.id",
                ))
                .bind(id)
                .fetch_optional(&self.pool)
                .await?;
                row.as_ref().map(member_from).transpose()
            }

            async fn members_in(&self, community: &str, ids: &[String]) -> Result<Vec<Member>> {
                if ids.is_empty() {
                    return Ok(Vec::new());
                }
                let sql = format!(
                    "SELECT m.id, m.display_name, s.roles FROM memberships s JOIN members m ON m.id = s.member_id \
                     WHERE s.community_id = $1 AND m.id IN ({})",
                    placeholders(2, ids.len())
                );
                let mut query = sqlx::query(&sql).bind(community);
                for id in ids {
                    query = query.bind(id);
                }
                query
                    .fetch_all(&self.pool)
                    .await?
                    .iter()
                    .map(member_from)
                    .collect()
            }

            async fn all_members_versioned(&self, community: &str) -> Result<Vec<VersionedMember>> {
                sqlx::query(
                    "SELECT m.id, m.display_name, s.roles, m.activity_version FROM memberships s \
                     JOIN members m ON m.id = s.member_id WHERE s.community_id = $1",
                )
                .bind(community)
                .fetch_all(&self.pool)
                .await?
                .iter()
                .map(versioned_member_from)
                .collect()
            }

            async fn members_version(&self, community: &str) -> Result<i64> {
                let version: Option<i64> =
                    sqlx::query_scalar("SELECT members_version FROM communities WHERE id = $1")
                        .bind(community)
                        .fetch_optional(&self.pool)
                        .await?;
                Ok(version.unwrap_or(0))
            }

            async fn members_in_versioned(
                &self,
                community: &str,
                ids: &[String],
            ) -> Result<Vec<VersionedMember>> {
                let mut out = Vec::new();
                for chunk in ids.chunks(IN_CHUNK) {
                    let sql = format!(
                        "SELECT m.id, m.display_name, s.roles, m.activity_version FROM memberships s \
                         JOIN members m ON m.id = s.member_id WHERE s.community_id = $1 AND m.id IN ({})",
                        placeholders(2, chunk.len())
                    );
                    let mut query = sqlx::query(&sql).bind(community);
                    for id in chunk {
                        query = query.bind(id);
                    }
                    for row in query.fetch_all(&self.pool).await? {
                        out.push(versioned_member_from(&row)?);
                    }
                }
                Ok(out)
            }

            async fn activity(
                &self,
                community: &str,
                ids: Option<&[String]>,
            ) -> Result<Vec<(String, Activity)>> {
                let rows = match ids {
                    None => sqlx::query(
                        "SELECT member_id AS owner, day, kind, count FROM activity WHERE community_id = $1",
                    )
                    .bind(community)
                    .fetch_all(&self.pool)
                    .await?,
                    Some([]) => return Ok(Vec::new()),
                    Some(ids) => {
                        let sql = format!(
                            "SELECT member_id AS owner, day, kind, count FROM activity WHERE community_id = $1 AND member_id IN ({})",
                            placeholders(2, ids.len())
                        );
                        let mut query = sqlx::query(&sql).bind(community);
                        for id in ids {
                            query = query.bind(id);
                        }
                        query.fetch_all(&self.pool).await?
                    }
                };
                Ok(rows
                    .iter()
                    .map(activity_from)
                    .collect::<Result<Vec<_>>>()?
                    .into_iter()
                    .flatten()
                    .collect())
            }

            async fn activity_elsewhere(
                &self,
                members: &[String],
                community: &str,
            ) -> Result<Vec<(String, String, Activity)>> {
                if members.is_empty() {
                    return Ok(Vec::new());
                }
                let sql = format!(
                    "SELECT community_id, member_id AS owner, day, kind, count FROM activity WHERE community_id <> $1 AND member_id IN ({})",
                    placeholders(2, members.len())
                );
                let mut query = sqlx::query(&sql).bind(community);
                for member in members {
                    query = query.bind(member);
                }
                let mut out = Vec::new();
                for row in query.fetch_all(&self.pool).await? {
                    if let Some((member, activity)) = activity_from(&row)? {
                        out.push((row.try_get("community_id")?, member, activity));
                    }
                }
                Ok(out)
            }

            async fn write<E, F>(
                &self,
                write: Write,
                key: Option<&KeyUse<'_>>,
                answer: F,
            ) -> Result<std::result::Result<Outcome, E>>
            where
                E: Send,
                F: FnOnce(Written) -> std::result::Result<StoredAnswer, E> + Send,
            {
                // Writers take their turn (see each module's `begin_write`); a duplicate that waited
                // too long for its key's first request is told so.
                let Some((_turn, mut tx)) = self.begin_write(key).await? else {
                    return Ok(Ok(Outcome::InFlight));
                };
                if let Some(key) = key {
                    if let Some(stored) = stored_key(&mut tx, key).await? {
                        tx.rollback().await?;
                        return Ok(Ok(stored));
                    }
                }
                let written = perform(&mut tx, &write).await?;
                let answer = match answer(written) {
                    Ok(answer) => answer,
                    Err(error) => {
                        tx.rollback().await?;
                        return Ok(Err(error));
                    }
                };
                if let Some(key) = key {
                    sqlx::query(
                        "INSERT INTO idempotency (member_id, key, fingerprint, status, body, created_epoch) \
                         VALUES ($1, $2, $3, $4, $5, $6)",
                    )
                    .bind(key.member)
                    .bind(key.key)
                    .bind(key.fingerprint)
                    .bind(i64::from(answer.status))
                    .bind(&answer.body)
                    .bind(key.now)
                    .execute(&mut *tx)
                    .await?;
                }
                match self.hook {
                    Some(TestHook::CrashBeforeCommit) => std::process::abort(),
                    Some(TestHook::SlowWrite(pause)) => tokio::time::sleep(pause).await,
                    _ => {}
                }
                tx.commit().await?;
                if self.hook == Some(TestHook::CrashAfterCommit) {
                    std::process::abort();
                }
                Ok(Ok(Outcome::Fresh(answer)))
            }

            async fn purge_keys(&self, before: i64) -> Result<u64> {
                sqlx::query("DELETE FROM idempotency WHERE created_epoch < $1")
                    .bind(before)
                    .execute(&self.pool)
                    .await
                    .map(|done| done.rows_affected())
            }

            async fn network(&self) -> Result<Vec<NetworkRow>> {
                let rows = sqlx::query(
                    "SELECT c.id, c.name, c.members_version, t.thresholds, t.version AS thresholds_version \
                     FROM communities c LEFT JOIN community_thresholds t ON t.community_id = c.id ORDER BY c.id",
                )
                .fetch_all(&self.pool)
                .await?;
                rows.iter()
                    .map(|row| {
                        Ok(NetworkRow {
                            id: row.try_get("id")?,
                            name: row.try_get("name")?,
                            members_version: row.try_get("members_version")?,
                            thresholds: row.try_get("thresholds")?,
                            thresholds_version: row
                                .try_get::<Option<i64>, _>("thresholds_version")?
                                .unwrap_or(0),
                        })
                    })
                    .collect()
            }

            async fn memberships_of(&self, communities: &[String]) -> Result<Vec<(String, String)>> {
                if communities.is_empty() {
                    return Ok(Vec::new());
                }
                let sql = format!(
                    "SELECT community_id, member_id FROM memberships WHERE community_id IN ({})",
                    placeholders(1, communities.len())
                );
                let mut query = sqlx::query_as(&sql);
                for community in communities {
                    query = query.bind(community);
                }
                query.fetch_all(&self.pool).await
            }

            async fn activity_in(
                &self,
                communities: &[String],
                until: Day,
            ) -> Result<Vec<(String, String, Activity)>> {
                if communities.is_empty() {
                    return Ok(Vec::new());
                }
                let sql = format!(
                    "SELECT community_id, member_id AS owner, day, kind, count FROM activity \
                     WHERE day <= $1 AND community_id IN ({})",
                    placeholders(2, communities.len())
                );
                let mut query = sqlx::query(&sql).bind(i64::from(until.0));
                for community in communities {
                    query = query.bind(community);
                }
                let mut out = Vec::new();
                for row in query.fetch_all(&self.pool).await? {
                    if let Some((member, activity)) = activity_from(&row)? {
                        out.push((row.try_get("community_id")?, member, activity));
                    }
                }
                Ok(out)
            }

            async fn thresholds(&self, community: &str) -> Result<Option<String>> {
                sqlx::query_scalar("SELECT thresholds FROM community_thresholds WHERE community_id = $1")
                    .bind(community)
                    .fetch_optional(&self.pool)
                    .await
            }

            async fn thresholds_versioned(&self, community: &str) -> Result<(Option<String>, i64)> {
                let row: Option<(String, i64)> = sqlx::query_as(
                    "SELECT thresholds, version FROM community_thresholds WHERE community_id = $1",
                )
                .bind(community)
                .fetch_optional(&self.pool)
                .await?;
                Ok(match row {
                    Some((json, version)) => (Some(json), version),
                    None => (None, 0),
                })
            }

            async fn videos(&self, community: &str) -> Result<Vec<Video>> {
                let sql = format!(
                    "SELECT {VIDEO_COLUMNS} FROM videos v WHERE v.community_id = $1 ORDER BY v.rowid"
                );
                let rows = sqlx::query(&sql)
                    .bind(community)
                    .fetch_all(&self.pool)
                    .await?;
                rows.iter()
                    .map(|row| video_from(row).map(|(video, _)| video))
                    .collect()
            }

            async fn cycles(&self, community: &str) -> Result<Vec<VideoCycle>> {
                let rows = sqlx::query(
                    "SELECT id, community_id, name, starts, ends FROM video_cycles \
                     WHERE community_id = $1 ORDER BY starts, id",
                )
                .bind(community)
                .fetch_all(&self.pool)
                .await?;
                rows.iter().map(cycle_from).collect()
            }

            async fn cycle(&self, community: &str, id: &str) -> Result<Option<VideoCycle>> {
                let mut conn = self.pool.acquire().await?;
                cycle_in(&mut conn, community, id).await
            }

            async fn featured(&self, cycle: &str) -> Result<Vec<(Video, Option<String>)>> {
                let mut conn = self.pool.acquire().await?;
                featured_in(&mut conn, cycle).await
            }

            async fn event_counts(&self, cycle: &str) -> Result<Vec<(String, u64, u64)>> {
                let rows: Vec<(String, i64, i64)> = sqlx::query_as(
                    "SELECT video_id, sum(CASE WHEN kind = 'impression' THEN 1 ELSE 0 END), \
                     sum(CASE WHEN kind = 'selection' THEN 1 ELSE 0 END) \
                     FROM video_events WHERE cycle_id = $1 GROUP BY video_id",
                )
                .bind(cycle)
                .fetch_all(&self.pool)
                .await?;
                Ok(rows
                    .into_iter()
                    .map(|(video, shown, chosen)| {
                        (
                            video,
                            u64::try_from(shown).unwrap_or(0),
                            u64::try_from(chosen).unwrap_or(0),
                        )
                    })
                    .collect())
            }

            async fn story(&self, community: &str, id: &str) -> Result<Option<Story>> {
                let mut conn = self.pool.acquire().await?;
                story_in(&mut conn, community, id).await
            }

            async fn stories(
                &self,
                community: &str,
                filter: &StoryFilter,
                before: Option<i64>,
                limit: u32,
            ) -> Result<Vec<(i64, Story)>> {
                let sql = format!(
                    "SELECT {STORY_COLUMNS} FROM stories s JOIN members m ON m.id = s.member_id \
                     WHERE s.community_id = $1 AND s.rowid < $2 \
                     AND ($3 IS NULL OR EXISTS (SELECT 1 FROM story_cycles c WHERE c.story_id = s.id AND c.cycle = $4)) \
                     AND ($5 IS NULL OR EXISTS (SELECT 1 FROM story_tags t WHERE t.story_id = s.id AND t.tag = $6)) \
                     AND (NOT $7 OR s.share_with_sponsors OR s.member_id = $8) \
                     ORDER BY s.rowid DESC LIMIT $9"
                );
                let rows = sqlx::query(&sql)
                    .bind(community)
                    .bind(before.unwrap_or(i64::MAX))
                    .bind(&filter.cycle)
                    .bind(&filter.cycle)
                    .bind(&filter.tag)
                    .bind(&filter.tag)
                    .bind(filter.for_sponsors)
                    .bind(&filter.own)
                    .bind(i64::from(limit))
                    .fetch_all(&self.pool)
                    .await?;
                rows.iter().map(story_from).collect()
            }

            async fn calendar_events(&self, community: &str) -> Result<Vec<CalendarEvent>> {
                let mut conn = self.pool.acquire().await?;
                calendar_events_in(&mut conn, community, None).await
            }

            async fn calendar_event(&self, community: &str, id: &str) -> Result<Option<CalendarEvent>> {
                let mut conn = self.pool.acquire().await?;
                Ok(calendar_events_in(&mut conn, community, Some(id))
                    .await?
                    .into_iter()
                    .next())
            }

            async fn load_demo(&self, demo: &crate::demo::DemoData) -> Result<()> {
                // In a writer's turn: two servers starting at once on an empty database load it once
                // (the second finds the first's activity and adds none).
                let (_turn, mut tx) = self
                    .begin_write(None)
                    .await?
                    .ok_or_else(|| sqlx::Error::Protocol("no writer's turn for the demo data".into()))?;
                for community in &demo.communities {
                    sqlx::query(
                        "INSERT INTO communities (id, name, description) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING",
                    )
                    .bind(&community.id)
                    .bind(&community.name)
                    .bind(&community.description)
                    .execute(&mut *tx)
                    .await?;
                }
                // Multi-row inserts, a few hundred rows a statement: seeding a year of activity takes
                // a fraction of a second instead of seconds.
                for chunk in demo.memberships.chunks(400) {
                    let mut members =
                        sqlx::QueryBuilder::new("INSERT INTO members (id, display_name) ");
                    members.push_values(chunk, |mut row, (_, member, _)| {
                        row.push_bind(&member.id).push_bind(&member.display_name);
                    });
                    members.push(" ON CONFLICT DO NOTHING");
                    members.build().execute(&mut *tx).await?;
                    let mut memberships = sqlx::QueryBuilder::new(
                        "INSERT INTO memberships (community_id, member_id, roles) ",
                    );
                    memberships.push_values(chunk, |mut row, (community, member, roles)| {
                        row.push_bind(community)
                            .push_bind(&member.id)
                            .push_bind(roles.join(","));
                    });
                    memberships.push(" ON CONFLICT DO NOTHING");
                    memberships.build().execute(&mut *tx).await?;
                }
                // Demo activity goes in only where the member has none there yet: a restart with
                // --load-demo must not add a second year on top of real activity.
                let has_activity: std::collections::HashSet<(String, String)> =
                    sqlx::query_as("SELECT DISTINCT community_id, member_id FROM activity")
                        .fetch_all(&mut *tx)
                        .await?
                        .into_iter()
                        .collect();
                let fresh: Vec<_> = demo
                    .activity
                    .iter()
                    .filter(|(c, m, _)| !has_activity.contains(&(c.clone(), m.clone())))
                    .collect();
                // One row per (community, member, day, kind), the counts of a day added up: a
                // statement may not touch one row twice (PostgreSQL refuses it).
                let mut days: std::collections::BTreeMap<(&str, &str, i64, &str), i64> =
                    std::collections::BTreeMap::new();
                for (community, member, activity) in &fresh {
                    *days
                        .entry((community, member, i64::from(activity.day.0), kind_name(activity.kind)))
                        .or_default() += i64::from(activity.count);
                }
                let days: Vec<_> = days.into_iter().collect();
                for chunk in days.chunks(400) {
                    let mut insert = sqlx::QueryBuilder::new(
                        "INSERT INTO activity (community_id, member_id, day, kind, count) ",
                    );
                    insert.push_values(chunk, |mut row, ((community, member, day, kind), count)| {
                        row.push_bind(*community)
                            .push_bind(*member)
                            .push_bind(*day)
                            .push_bind(*kind)
                            .push_bind(*count);
                    });
                    insert.build().execute(&mut *tx).await?;
                }
                // The carousel's demo: videos, cycles, featured lists and events, never overwriting.
                for (video, contact) in &demo.videos {
                    insert_video(&mut *tx, video, contact.as_deref(), true).await?;
                }
                for cycle in &demo.cycles {
                    sqlx::query(
                        "INSERT INTO video_cycles (id, community_id, name, starts, ends) VALUES ($1, $2, $3, $4, $5) ON CONFLICT DO NOTHING",
                    )
                    .bind(&cycle.id)
                    .bind(&cycle.community)
                    .bind(&cycle.name)
                    .bind(&cycle.starts)
                    .bind(&cycle.ends)
                    .execute(&mut *tx)
                    .await?;
                }
                for (position, (cycle, video)) in demo.featured.iter().enumerate() {
                    sqlx::query(
                        "INSERT INTO featured_videos (cycle_id, video_id, position) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING",
                    )
                    .bind(cycle)
                    .bind(video)
                    .bind(i64::try_from(position).unwrap_or(i64::MAX))
                    .execute(&mut *tx)
                    .await?;
                }
                for chunk in demo.video_events.chunks(400) {
                    let mut insert = sqlx::QueryBuilder::new(
                        "INSERT INTO video_events (cycle_id, video_id, page_view, kind) ",
                    );
                    insert.push_values(chunk, |mut row, (cycle, video, page_view, kind)| {
                        row.push_bind(cycle)
                            .push_bind(video)
                            .push_bind(page_view)
                            .push_bind(*kind);
                    });
                    insert.push(" ON CONFLICT DO NOTHING");
                    insert.build().execute(&mut *tx).await?;
                }
                // The calendar's demo: events and their overrides, never overwriting.
                for event in &demo.calendar {
                    sqlx::query(
                        "INSERT INTO calendar_events \
                         (id, community_id, title, kind, place, duration_minutes, timing, zone) \
                         VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT DO NOTHING",
                    )
                    .bind(&event.id)
                    .bind(&event.community)
                    .bind(&event.title)
                    .bind(&event.kind)
                    .bind(&event.r#where)
                    .bind(i64::from(event.duration_minutes))
                    .bind(&event.timing)
                    .bind(&event.zone)
                    .execute(&mut *tx)
                    .await?;
                    for change in &event.overrides {
                        sqlx::query(
                            "INSERT INTO occurrence_overrides (event_id, recurrence_id, start) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING",
                        )
                        .bind(&event.id)
                        .bind(&change.recurrence_id)
                        .bind(&change.start)
                        .execute(&mut *tx)
                        .await?;
                    }
                }
                // Activity written for a member is a new version of it, here as in record_activity.
                // A statement per few hundred members (one per member took PostgreSQL a second).
                let touched: std::collections::BTreeSet<&str> =
                    fresh.iter().map(|(_, member, _)| member.as_str()).collect();
                let touched: Vec<&str> = touched.into_iter().collect();
                for chunk in touched.chunks(IN_CHUNK) {
                    let sql = format!(
                        "UPDATE members SET activity_version = activity_version + 1 WHERE id IN ({})",
                        placeholders(1, chunk.len())
                    );
                    let mut query = sqlx::query(&sql);
                    for member in chunk {
                        query = query.bind(*member);
                    }
                    query.execute(&mut *tx).await?;
                }
                tx.commit().await
            }
        }

        /// The answer stored under `key`, if it is alive: replayed for the same request, refused for
        /// another. An expired key is deleted, so the write goes ahead as new.
        async fn stored_key(conn: &mut $Conn, key: &KeyUse<'_>) -> Result<Option<Outcome>> {
            sqlx::query("DELETE FROM idempotency WHERE member_id = $1 AND key = $2 AND created_epoch < $3")
                .bind(key.member)
                .bind(key.key)
                .bind(key.alive_since)
                .execute(&mut *conn)
                .await?;
            let Some(row) = sqlx::query(
                "SELECT fingerprint, status, body FROM idempotency WHERE member_id = $1 AND key = $2",
            )
            .bind(key.member)
            .bind(key.key)
            .fetch_optional(&mut *conn)
            .await?
            else {
                return Ok(None);
            };
            let fingerprint: String = row.try_get("fingerprint")?;
            if fingerprint != key.fingerprint {
                return Ok(Some(Outcome::Reused));
            }
            Ok(Some(Outcome::Replayed(StoredAnswer {
                status: u16::try_from(row.try_get::<i64, _>("status")?).unwrap_or(500),
                body: row.try_get("body")?,
            })))
        }

        /// Makes `write` on `conn` (inside the caller's transaction) and reads back what it did.
        async fn perform(conn: &mut $Conn, write: &Write) -> Result<Written> {
            match write {
                Write::Join {
                    community,
                    member,
                    display_name,
                } => {
                    sqlx::query(
                        "INSERT INTO members (id, display_name) VALUES ($1, $2) \
                         ON CONFLICT (id) DO UPDATE SET display_name = excluded.display_name",
                    )
                    .bind(member)
                    .bind(display_name)
                    .execute(&mut *conn)
                    .await?;
                    let inserted = sqlx::query(
                        "INSERT INTO memberships (community_id, member_id) VALUES ($1, $2) ON CONFLICT DO NOTHING",
                    )
                    .bind(community)
                    .bind(member)
                    .execute(&mut *conn)
                    .await?
                    .rows_affected();
                    let roles: String = sqlx::query_scalar(
                        "SELECT roles FROM memberships WHERE community_id = $1 AND member_id = $2",
                    )
                    .bind(community)
                    .bind(member)
                    .fetch_one(&mut *conn)
                    .await?;
                    let joined = Member {
                        id: member.clone(),
                        display_name: display_name.clone(),
                        roles: roles
                            .split(',')
                            .filter(|role| !role.is_empty())
                            .map(str::to_owned)
                            .collect(),
                    };
                    let outcome = if inserted == 1 {
                        Joined::New
                    } else {
                        Joined::Already
                    };
                    Ok(Written::Joined(joined, outcome))
                }
                Write::Story(story) => {
                    let id: String = sqlx::query_scalar(NEW_ID)
                        .fetch_one(&mut *conn)
                        .await?;
                    sqlx::query(
                        "INSERT INTO stories (id, community_id, member_id, title, answers, links, share_with_sponsors, anonymous) \
                         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
                    )
                    .bind(&id)
                    .bind(&story.community)
                    .bind(&story.member)
                    .bind(&story.title)
                    .bind(serde_json::to_string(&story.answers).unwrap_or_else(|_| "[]".into()))
                    .bind(serde_json::to_string(&story.links).unwrap_or_else(|_| "[]".into()))
                    .bind(story.share_with_sponsors)
                    .bind(story.anonymous)
                    .execute(&mut *conn)
                    .await?;
                    for answer in &story.answers {
                        sqlx::query("INSERT INTO story_cycles (story_id, cycle) VALUES ($1, $2) ON CONFLICT DO NOTHING")
                            .bind(&id)
                            .bind(&answer.cycle)
                            .execute(&mut *conn)
                            .await?;
                    }
                    for tag in &story.tags {
                        sqlx::query("INSERT INTO story_tags (story_id, tag) VALUES ($1, $2) ON CONFLICT DO NOTHING")
                            .bind(&id)
                            .bind(tag)
                            .execute(&mut *conn)
                            .await?;
                    }
                    story_in(conn, &story.community, &id)
                        .await?
                        .map(Written::Story)
                        .ok_or(sqlx::Error::RowNotFound)
                }
                Write::Activity {
                    community,
                    member,
                    activity,
                } => {
                    sqlx::query(
                        "INSERT INTO activity (community_id, member_id, day, kind, count) VALUES ($1, $2, $3, $4, $5) \
                         ON CONFLICT (community_id, member_id, day, kind) DO UPDATE SET \
                         count = CASE WHEN activity.count + excluded.count > 1000000 THEN 1000000 ELSE activity.count + excluded.count END",
                    )
                    .bind(community)
                    .bind(member)
                    .bind(i64::from(activity.day.0))
                    .bind(kind_name(activity.kind))
                    .bind(i64::from(activity.count))
                    .execute(&mut *conn)
                    .await?;
                    // The version that tells caches about it commits with the activity.
                    bump_activity_version(&mut *conn, member).await?;
                    let rows = sqlx::query(
                        "SELECT community_id, member_id AS owner, day, kind, count FROM activity WHERE member_id = $1",
                    )
                    .bind(member)
                    .fetch_all(&mut *conn)
                    .await?;
                    let (mut here, mut elsewhere) = (Vec::new(), Vec::new());
                    for row in &rows {
                        if let Some((_, activity)) = activity_from(row)? {
                            let other: String = row.try_get("community_id")?;
                            if other == *community {
                                here.push(activity);
                            } else {
                                elsewhere.push((other, activity));
                            }
                        }
                    }
                    Ok(Written::Activity { here, elsewhere })
                }
                Write::Thresholds {
                    community,
                    json,
                    by,
                } => {
                    sqlx::query(&format!(
                        "INSERT INTO community_thresholds (community_id, thresholds, updated_by, version) VALUES ($1, $2, $3, 1) \
                         ON CONFLICT (community_id) DO UPDATE SET thresholds = excluded.thresholds, updated_by = excluded.updated_by, \
                         updated_at = {NOW}, version = community_thresholds.version + 1",
                    ))
                    .bind(community)
                    .bind(json)
                    .bind(by)
                    .execute(&mut *conn)
                    .await?;
                    Ok(Written::Thresholds)
                }
                Write::Video(new) => {
                    let id: String = sqlx::query_scalar(NEW_ID)
                        .fetch_one(&mut *conn)
                        .await?;
                    let mut video = new.video.clone();
                    video.id = id;
                    insert_video(&mut *conn, &video, new.contact_email.as_deref(), false).await?;
                    Ok(Written::Video(video))
                }
                Write::Cycle {
                    community,
                    name,
                    starts,
                    ends,
                } => {
                    let id: String = sqlx::query_scalar(NEW_ID)
                        .fetch_one(&mut *conn)
                        .await?;
                    sqlx::query(
                        "INSERT INTO video_cycles (id, community_id, name, starts, ends) VALUES ($1, $2, $3, $4, $5)",
                    )
                    .bind(&id)
                    .bind(community)
                    .bind(name)
                    .bind(starts.to_string())
                    .bind(ends.to_string())
                    .execute(&mut *conn)
                    .await?;
                    cycle_in(conn, community, &id)
                        .await?
                        .map(Written::Cycle)
                        .ok_or(sqlx::Error::RowNotFound)
                }
                Write::Featured {
                    community,
                    cycle,
                    videos,
                } => {
                    let Some(found) = cycle_in(conn, community, cycle).await? else {
                        return Ok(Written::Featured(None));
                    };
                    sqlx::query("DELETE FROM featured_videos WHERE cycle_id = $1")
                        .bind(cycle)
                        .execute(&mut *conn)
                        .await?;
                    for (position, video) in videos.iter().enumerate() {
                        // Only the community's own videos; the answer tells if one was not.
                        sqlx::query(
                            "INSERT INTO featured_videos (cycle_id, video_id, position) \
                             SELECT $1, id, $2 FROM videos WHERE id = $3 AND community_id = $4",
                        )
                        .bind(cycle)
                        .bind(i64::try_from(position).unwrap_or(i64::MAX))
                        .bind(video)
                        .bind(community)
                        .execute(&mut *conn)
                        .await?;
                    }
                    let videos = featured_in(conn, cycle)
                        .await?
                        .into_iter()
                        .map(|(video, _)| video)
                        .collect();
                    Ok(Written::Featured(Some(Carousel {
                        cycle: found,
                        videos,
                    })))
                }
                Write::Events {
                    cycle,
                    page_view,
                    impressions,
                    selections,
                } => {
                    let mut counted = EventsCounted {
                        impressions: 0,
                        selections: 0,
                    };
                    let shown = impressions.iter().chain(selections.iter());
                    let events = shown
                        .map(|video| (video, "impression"))
                        .chain(selections.iter().map(|video| (video, "selection")));
                    for (video, kind) in events {
                        // Counted once per (page view, video, kind), and only for featured videos.
                        let added = sqlx::query(
                            "INSERT INTO video_events (cycle_id, video_id, page_view, kind) \
                             SELECT $1, $2, $3, $4 WHERE EXISTS \
                             (SELECT 1 FROM featured_videos WHERE cycle_id = $5 AND video_id = $6) \
                             ON CONFLICT DO NOTHING",
                        )
                        .bind(cycle)
                        .bind(video)
                        .bind(page_view)
                        .bind(kind)
                        .bind(cycle)
                        .bind(video)
                        .execute(&mut *conn)
                        .await?
                        .rows_affected();
                        let added = u32::try_from(added).unwrap_or(0);
                        if kind == "impression" {
                            counted.impressions += added;
                        } else {
                            counted.selections += added;
                        }
                    }
                    Ok(Written::Events(counted))
                }
                Write::Event {
                    community,
                    id,
                    event,
                } => {
                    let id = match id {
                        Some(id) => {
                            let updated = sqlx::query(
                                "UPDATE calendar_events SET title = $1, kind = $2, place = $3, \
                                 duration_minutes = $4, timing = $5, zone = $6, sequence = sequence + 1 \
                                 WHERE id = $7 AND community_id = $8",
                            )
                            .bind(&event.title)
                            .bind(&event.kind)
                            .bind(&event.place)
                            .bind(i64::from(event.duration_minutes))
                            .bind(&event.timing)
                            .bind(&event.zone)
                            .bind(id)
                            .bind(community)
                            .execute(&mut *conn)
                            .await?
                            .rows_affected();
                            if updated == 0 {
                                return Ok(Written::Event(None));
                            }
                            id.clone()
                        }
                        None => {
                            let id: String = sqlx::query_scalar(NEW_ID)
                                .fetch_one(&mut *conn)
                                .await?;
                            sqlx::query(
                                "INSERT INTO calendar_events \
                                 (id, community_id, title, kind, place, duration_minutes, timing, zone) \
                                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
                            )
                            .bind(&id)
                            .bind(community)
                            .bind(&event.title)
                            .bind(&event.kind)
                            .bind(&event.place)
                            .bind(i64::from(event.duration_minutes))
                            .bind(&event.timing)
                            .bind(&event.zone)
                            .execute(&mut *conn)
                            .await?;
                            id
                        }
                    };
                    Ok(Written::Event(
                        calendar_events_in(conn, community, Some(&id))
                            .await?
                            .into_iter()
                            .next(),
                    ))
                }
                Write::Occurrence {
                    community,
                    event,
                    recurrence_id,
                    start,
                } => {
                    let touched = sqlx::query(
                        "UPDATE calendar_events SET sequence = sequence + 1 WHERE id = $1 AND community_id = $2",
                    )
                    .bind(event)
                    .bind(community)
                    .execute(&mut *conn)
                    .await?
                    .rows_affected();
                    if touched == 0 {
                        return Ok(Written::Event(None));
                    }
                    sqlx::query(
                        "INSERT INTO occurrence_overrides (event_id, recurrence_id, start) VALUES ($1, $2, $3) \
                         ON CONFLICT (event_id, recurrence_id) DO UPDATE SET start = excluded.start",
                    )
                    .bind(event)
                    .bind(recurrence_id)
                    .bind(start)
                    .execute(&mut *conn)
                    .await?;
                    Ok(Written::Event(
                        calendar_events_in(conn, community, Some(event))
                            .await?
                            .into_iter()
                            .next(),
                    ))
                }
            }
        }

        /// A community's calendar events (or the one `only`), by id, with their overrides.
        async fn calendar_events_in(
            conn: &mut $Conn,
            community: &str,
            only: Option<&str>,
        ) -> Result<Vec<CalendarEvent>> {
            let rows = sqlx::query(
                "SELECT id, community_id, title, kind, place, duration_minutes, timing, zone, sequence \
                 FROM calendar_events WHERE community_id = $1 AND ($2 IS NULL OR id = $3) ORDER BY id",
            )
            .bind(community)
            .bind(only)
            .bind(only)
            .fetch_all(&mut *conn)
            .await?;
            let mut events = Vec::with_capacity(rows.len());
            for row in &rows {
                let duration: i64 = row.try_get("duration_minutes")?;
                let sequence: i64 = row.try_get("sequence")?;
                events.push(CalendarEvent {
                    id: row.try_get("id")?,
                    community: row.try_get("community_id")?,
                    title: row.try_get("title")?,
                    kind: row.try_get("kind")?,
                    r#where: row.try_get("place")?,
                    duration_minutes: u32::try_from(duration).unwrap_or(0),
                    timing: row.try_get("timing")?,
                    zone: row.try_get("zone")?,
                    overrides: Vec::new(),
                    sequence: u32::try_from(sequence).unwrap_or(0),
                });
            }
            let overrides: Vec<(String, String, Option<String>)> = sqlx::query_as(
                "SELECT o.event_id, o.recurrence_id, o.start FROM occurrence_overrides o \
                 JOIN calendar_events e ON e.id = o.event_id \
                 WHERE e.community_id = $1 AND ($2 IS NULL OR e.id = $3) ORDER BY o.event_id, o.recurrence_id",
            )
            .bind(community)
            .bind(only)
            .bind(only)
            .fetch_all(&mut *conn)
            .await?;
            for (event, recurrence_id, start) in overrides {
                if let Some(found) = events.iter_mut().find(|e| e.id == event) {
                    found.overrides.push(OccurrenceOverride {
                        recurrence_id,
                        cancelled: start.is_none(),
                        start,
                    });
                }
            }
            Ok(events)
        }

        const VIDEO_COLUMNS: &str =
            "v.id, v.community_id, v.title, v.speaker_name, v.speaker_role, v.why, \
             v.duration_seconds, v.provider, v.provider_id, v.sources, v.poster, v.captions_src, \
             v.captions_lang, v.transcript, v.member_id, v.contact_email";

        /// A video and its contact address from a row of [`VIDEO_COLUMNS`].
        fn video_from(row: &$Row) -> Result<(Video, Option<String>)> {
            let provider: String = row.try_get("provider")?;
            let sources: String = row.try_get("sources")?;
            let captions_src: Option<String> = row.try_get("captions_src")?;
            let captions_lang: Option<String> = row.try_get("captions_lang")?;
            let duration: i64 = row.try_get("duration_seconds")?;
            let video = Video {
                id: row.try_get("id")?,
                community: row.try_get("community_id")?,
                title: row.try_get("title")?,
                speaker: Speaker {
                    name: row.try_get("speaker_name")?,
                    role: row.try_get("speaker_role")?,
                },
                why: row.try_get("why")?,
                duration_seconds: u32::try_from(duration).unwrap_or(0),
                provider: VideoProvider::from_name(&provider).unwrap_or(VideoProvider::File),
                provider_id: row.try_get("provider_id")?,
                sources: serde_json::from_str::<Vec<VideoSource>>(&sources).unwrap_or_default(),
                poster: row.try_get("poster")?,
                captions: captions_src
                    .zip(captions_lang)
                    .map(|(src, language)| Captions { src, language }),
                transcript: row.try_get("transcript")?,
                member: row.try_get("member_id")?,
            };
            Ok((video, row.try_get("contact_email")?))
        }

        /// Stores `video` under its id (`or_ignore`: demo data, never overwriting).
        async fn insert_video<'e, E>(
            executor: E,
            video: &Video,
            contact_email: Option<&str>,
            or_ignore: bool,
        ) -> Result<()>
        where
            E: sqlx::Executor<'e, Database = $Db>,
        {
            let sql = format!(
                "INSERT INTO videos (id, community_id, title, speaker_name, speaker_role, why, duration_seconds, \
                 provider, provider_id, sources, poster, captions_src, captions_lang, transcript, member_id, contact_email) \
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16){}",
                if or_ignore { " ON CONFLICT DO NOTHING" } else { "" }
            );
            sqlx::query(&sql)
                .bind(&video.id)
                .bind(&video.community)
                .bind(&video.title)
                .bind(&video.speaker.name)
                .bind(&video.speaker.role)
                .bind(&video.why)
                .bind(i64::from(video.duration_seconds))
                .bind(video.provider.name())
                .bind(&video.provider_id)
                .bind(serde_json::to_string(&video.sources).unwrap_or_else(|_| "[]".into()))
                .bind(&video.poster)
                .bind(video.captions.as_ref().map(|c| c.src.clone()))
                .bind(video.captions.as_ref().map(|c| c.language.clone()))
                .bind(&video.transcript)
                .bind(&video.member)
                .bind(contact_email)
                .execute(executor)
                .await
                .map(|_| ())
        }

        fn cycle_from(row: &$Row) -> Result<VideoCycle> {
            Ok(VideoCycle {
                id: row.try_get("id")?,
                community: row.try_get("community_id")?,
                name: row.try_get("name")?,
                starts: row.try_get("starts")?,
                ends: row.try_get("ends")?,
            })
        }

        async fn cycle_in(
            conn: &mut $Conn,
            community: &str,
            id: &str,
        ) -> Result<Option<VideoCycle>> {
            sqlx::query(
                "SELECT id, community_id, name, starts, ends FROM video_cycles WHERE community_id = $1 AND id = $2",
            )
            .bind(community)
            .bind(id)
            .fetch_optional(&mut *conn)
            .await?
            .as_ref()
            .map(cycle_from)
            .transpose()
        }

        async fn featured_in(
            conn: &mut $Conn,
            cycle: &str,
        ) -> Result<Vec<(Video, Option<String>)>> {
            let sql = format!(
                "SELECT {VIDEO_COLUMNS} FROM featured_videos f JOIN videos v ON v.id = f.video_id \
                 WHERE f.cycle_id = $1 ORDER BY f.position"
            );
            let rows = sqlx::query(&sql).bind(cycle).fetch_all(&mut *conn).await?;
            rows.iter().map(video_from).collect()
        }

        async fn story_in(conn: &mut $Conn, community: &str, id: &str) -> Result<Option<Story>> {
            let sql = format!("SELECT {STORY_COLUMNS} FROM stories s JOIN members m ON m.id = s.member_id WHERE s.community_id = $1 AND s.id = $2");
            let row = sqlx::query(&sql)
                .bind(community)
                .bind(id)
                .fetch_optional(&mut *conn)
                .await?;
            Ok(row
                .as_ref()
                .map(story_from)
                .transpose()?
                .map(|(_, story)| story))
        }
    };
}
use queries;
