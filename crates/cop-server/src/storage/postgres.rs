//! PostgreSQL (`--database-url postgres://…`): several servers on one database. Migrations
//! from `migrations/postgres` applied at start under sqlx's advisory lock (two servers
//! starting at once apply them once). Writers take turns across servers with an advisory
//! transaction lock, as SQLite's writers do in one file; a write with an idempotency key first
//! takes its key's lock, so a duplicate on another server waits for the first (or is told it
//! is still in flight), then finds its stored answer.

use std::time::Duration;

use sqlx::postgres::{PgConnectOptions, PgPool, PgPoolOptions};
use sqlx::Row;

use super::*;

/// A new random id: 16 hex digits (from `gen_random_uuid`'s 122 random bits).
const NEW_ID: &str = "SELECT substr(md5(gen_random_uuid()::text), 1, 16)";
/// Now, as RFC 3339 UTC text.
const NOW: &str = "to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"')";
/// A member's roles in all their communities, comma-separated (in a `GROUP BY m.id`).
const MEMBER_ROLES: &str = "coalesce(string_agg(nullif(s.roles, ''), ','), '')";
const STORY_COLUMNS: &str = "s.rowid AS position, s.id, s.community_id, s.title, s.answers, s.links, s.share_with_sponsors, \
     s.anonymous, s.created_at, s.member_id, m.display_name, \
     (SELECT string_agg(tag, chr(31) ORDER BY tag) FROM story_tags t WHERE t.story_id = s.id) AS tags";

/// The advisory locks' first key (“cop”); the second is 0 for the writers' turn, and the
/// hash of (member, key) for an idempotency key's (in another class, so they never meet).
const WRITERS: i32 = 0x636f_7000;
const KEYS: i32 = 0x636f_7001;

/// `lock_not_available`: `lock_timeout` ran out.
const LOCK_NOT_AVAILABLE: &str = "55P03";

#[derive(Clone, Debug)]
pub struct Postgres {
    pub(super) pool: PgPool,
    hook: Option<TestHook>,
}

/// Nothing to hold in this process: the turn is the transaction's advisory lock.
type Turn = ();

impl Postgres {
    /// Connects to `url` (postgres://user:password@host:port/database) and applies the
    /// migrations, once however many servers start at once.
    pub async fn open(url: &str) -> std::result::Result<Postgres, Box<dyn std::error::Error>> {
        let options: PgConnectOptions = url.parse()?;
        let pool = PgPoolOptions::new()
            .max_connections(16)
            .acquire_timeout(Duration::from_secs(10))
            .connect_with(options)
            .await?;
        sqlx::migrate!("./migrations/postgres").run(&pool).await?;
        Ok(Postgres { pool, hook: None })
    }

    /// The same database with a fault injected into every write (tests only).
    pub fn with_test_hook(self, hook: Option<TestHook>) -> Postgres {
        Postgres { hook, ..self }
    }

    /// A writer's turn and its transaction, across every server on the database. With a key,
    /// its lock first, waiting at most `key.wait`: `None` if the first request with it is
    /// still being written by then (on another server: this one's duplicates queue in
    /// `api::KeyTurns`). Then the writers' lock, as SQLite's single writer: writes read what
    /// they check (a key, a cycle's featured list) and write in one turn, and never deadlock.
    async fn begin_write(
        &self,
        key: Option<&KeyUse<'_>>,
    ) -> Result<Option<(Turn, sqlx::Transaction<'static, sqlx::Postgres>)>> {
        let mut tx = self.pool.begin().await?;
        if let Some(key) = key {
            let wait_ms = key.wait.as_millis().clamp(1, i32::MAX as u128);
            sqlx::query(&format!("SET LOCAL lock_timeout = {wait_ms}"))
                .execute(&mut *tx)
                .await?;
            let locked = sqlx::query("SELECT pg_advisory_xact_lock($1, hashtext($2))")
                .bind(KEYS)
                .bind(format!("{}\n{}", key.member, key.key))
                .execute(&mut *tx)
                .await;
            match locked {
                Err(sqlx::Error::Database(error))
                    if error.code().as_deref() == Some(LOCK_NOT_AVAILABLE) =>
                {
                    tx.rollback().await?;
                    return Ok(None);
                }
                other => other?,
            };
            sqlx::query("SET LOCAL lock_timeout TO DEFAULT")
                .execute(&mut *tx)
                .await?;
        }
        sqlx::query("SELECT pg_advisory_xact_lock($1, 0)")
            .bind(WRITERS)
            .execute(&mut *tx)
            .await?;
        Ok(Some(((), tx)))
    }
}

queries!(
    Postgres,
    sqlx::Postgres,
    sqlx::PgConnection,
    sqlx::postgres::PgRow
);

/// Every table, in the order their references need them filled; `migrate-to` copies them all
/// and refuses a SQLite file with any other.
const TABLES: &[&str] = &[
    "communities",
    "members",
    "memberships",
    "idempotency",
    "activity",
    "community_thresholds",
    "stories",
    "story_cycles",
    "story_tags",
    "videos",
    "video_cycles",
    "featured_videos",
    "video_events",
    "calendar_events",
    "occurrence_overrides",
];

/// A value on its way from SQLite to PostgreSQL, by the PostgreSQL column's type.
enum Value {
    Text(Option<String>),
    Int(Option<i64>),
    Bool(Option<bool>),
}

impl Postgres {
    /// Copies every row of `from` into this database, which must be empty, in one
    /// transaction (all or nothing), keeping ids, versions and the stories' and videos' order
    /// (SQLite's `rowid`, a column here). Returns (table, rows) in the order copied.
    pub async fn copy_from(
        &self,
        from: &Sqlite,
    ) -> std::result::Result<Vec<(&'static str, u64)>, Box<dyn std::error::Error>> {
        let found: Vec<String> = sqlx::query_scalar(
            "SELECT name FROM sqlite_master WHERE type = 'table' \
             AND name NOT LIKE 'sqlite_%' AND name <> '_sqlx_migrations' ORDER BY name",
        )
        .fetch_all(&from.pool)
        .await?;
        if let Some(unknown) = found.iter().find(|name| !TABLES.contains(&name.as_str())) {
            return Err(
                format!("the SQLite file has a table migrate-to does not know: {unknown}").into(),
            );
        }
        let mut tx = self.pool.begin().await?;
        // No server writes meanwhile (their writes take this lock too).
        sqlx::query("SELECT pg_advisory_xact_lock($1, 0)")
            .bind(WRITERS)
            .execute(&mut *tx)
            .await?;
        for table in TABLES {
            let rows: i64 = sqlx::query_scalar(&format!("SELECT count(*) FROM {table}"))
                .fetch_one(&mut *tx)
                .await?;
            if rows > 0 {
                return Err(format!(
                    "the PostgreSQL database has data already ({rows} rows in {table}): migrate-to copies into an empty one (start no server on it before, or it loads the demo data)"
                )
                .into());
            }
        }
        let mut copied = Vec::new();
        for table in TABLES {
            let columns: Vec<(String, String)> = sqlx::query_as(
                "SELECT column_name::text, data_type::text FROM information_schema.columns \
                 WHERE table_schema = current_schema() AND table_name = $1 ORDER BY ordinal_position",
            )
            .bind(table)
            .fetch_all(&mut *tx)
            .await?;
            let list = columns
                .iter()
                .map(|(name, _)| name.as_str())
                .collect::<Vec<_>>()
                .join(", ");
            let rows = sqlx::query(&format!("SELECT {list} FROM {table}"))
                .fetch_all(&from.pool)
                .await?;
            let mut values = Vec::with_capacity(rows.len());
            for row in &rows {
                let mut row_values = Vec::with_capacity(columns.len());
                for (i, (name, kind)) in columns.iter().enumerate() {
                    row_values.push(match kind.as_str() {
                        "text" => Value::Text(row.try_get(i)?),
                        "bigint" => Value::Int(row.try_get(i)?),
                        "boolean" => Value::Bool(row.try_get(i)?),
                        other => {
                            return Err(format!(
                                "{table}.{name} is of a type migrate-to does not copy: {other}"
                            )
                            .into())
                        }
                    });
                }
                values.push(row_values);
            }
            // A few hundred rows a statement (PostgreSQL binds at most 65,535 values).
            for chunk in values.chunks(500) {
                let mut insert = sqlx::QueryBuilder::<sqlx::Postgres>::new(format!(
                    "INSERT INTO {table} ({list}) "
                ));
                insert.push_values(chunk, |mut row, values| {
                    for value in values {
                        match value {
                            Value::Text(text) => row.push_bind(text.clone()),
                            Value::Int(int) => row.push_bind(*int),
                            Value::Bool(flag) => row.push_bind(*flag),
                        };
                    }
                });
                insert.build().execute(&mut *tx).await?;
            }
            copied.push((*table, values.len() as u64));
        }
        // New stories and videos come after the copied ones.
        for table in ["stories", "videos"] {
            sqlx::query(&format!(
                "SELECT setval(pg_get_serial_sequence('{table}', 'rowid'), coalesce(max(rowid), 0) + 1, false) FROM {table}"
            ))
            .execute(&mut *tx)
            .await?;
        }
        tx.commit().await?;
        Ok(copied)
    }
}
