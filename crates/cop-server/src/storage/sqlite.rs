//! The embedded default: one SQLite file in the data directory, WAL mode, migrations from
//! `migrations/sqlite` applied at start. One writer at a time (SQLite has one anyway).

use std::path::Path;
use std::sync::Arc;
use std::time::Duration;

use sqlx::sqlite::{
    SqliteConnectOptions, SqliteJournalMode, SqlitePool, SqlitePoolOptions, SqliteSynchronous,
};
use sqlx::Row;

use super::*;

/// A new random id: 16 hex digits.
const NEW_ID: &str = "SELECT lower(hex(randomblob(8)))";
/// Now, as RFC 3339 UTC text.
const NOW: &str = "strftime('%Y-%m-%dT%H:%M:%SZ', 'now')";
/// A member's roles in all their communities, comma-separated (in a `GROUP BY m.id`).
const MEMBER_ROLES: &str = "coalesce(group_concat(nullif(s.roles, ''), ','), '')";
const STORY_COLUMNS: &str = "s.rowid AS position, s.id, s.community_id, s.title, s.answers, s.links, s.share_with_sponsors, \
     s.anonymous, s.created_at, s.member_id, m.display_name, \
     (SELECT group_concat(tag, char(31)) FROM (SELECT tag FROM story_tags t WHERE t.story_id = s.id ORDER BY tag)) AS tags";

/// Rows buffered between sqlx's SQLite worker thread and the reading task.
const ROW_BUFFER: usize = 1024;

#[derive(Clone, Debug)]
pub struct Sqlite {
    pub(super) pool: SqlitePool,
    /// Writers take turns here before `BEGIN IMMEDIATE`: SQLite has one writer at a time
    /// anyway, and waiting on a fair async lock beats polling SQLite's busy handler.
    write_turn: Arc<tokio::sync::Mutex<()>>,
    hook: Option<TestHook>,
}

/// A writer's turn, held until its transaction ends.
type Turn = tokio::sync::OwnedMutexGuard<()>;

impl Sqlite {
    /// Opens (creating if needed) `cop.sqlite3` in `data_dir` and applies the migrations.
    pub async fn open(data_dir: &Path) -> std::result::Result<Sqlite, Box<dyn std::error::Error>> {
        std::fs::create_dir_all(data_dir)?;
        let options = SqliteConnectOptions::new()
            .filename(data_dir.join("cop.sqlite3"))
            .create_if_missing(true)
            .journal_mode(SqliteJournalMode::Wal)
            .synchronous(SqliteSynchronous::Normal)
            .foreign_keys(true)
            .busy_timeout(Duration::from_secs(5))
            // Rows cross from sqlx's worker thread in a bounded channel (50 by default): a
            // 200-member batch or a community's member list then stalls the worker on the way.
            .row_buffer_size(ROW_BUFFER);
        // sqlx's migrator has no lock on SQLite, and turning a new file to WAL mode needs it
        // alone: of two servers starting at once on a new file, the one that loses a race
        // fails (locked, or on a table the other made) and tries again, finding it done.
        // Each migration is a transaction, so a lost race leaves nothing half-made.
        let mut attempts = 0;
        let pool = loop {
            let opened = async {
                let pool = SqlitePoolOptions::new()
                    .max_connections(8)
                    .connect_with(options.clone())
                    .await?;
                if let Err(error) = sqlx::migrate!("./migrations/sqlite").run(&pool).await {
                    pool.close().await;
                    return Err(sqlx::Error::from(error));
                }
                Ok(pool)
            };
            match opened.await {
                Ok(pool) => break pool,
                Err(error) => {
                    attempts += 1;
                    if attempts == 10 {
                        return Err(error.into());
                    }
                    tokio::time::sleep(Duration::from_millis(100 * attempts)).await;
                }
            }
        };
        Ok(Sqlite {
            pool,
            write_turn: Arc::default(),
            hook: None,
        })
    }

    /// The same database with a fault injected into every write (tests only).
    pub fn with_test_hook(self, hook: Option<TestHook>) -> Sqlite {
        Sqlite { hook, ..self }
    }

    /// A writer's turn and its transaction. In this process writers queue on a fair lock;
    /// `BEGIN IMMEDIATE` then takes SQLite's write lock at once: a deferred transaction that
    /// read the key and then wrote would fail (SQLITE_BUSY) against another process's writer.
    /// Duplicates of a key have waited in `api::KeyTurns` already (one process), so this
    /// never answers `None`.
    async fn begin_write(
        &self,
        _key: Option<&KeyUse<'_>>,
    ) -> Result<Option<(Turn, sqlx::Transaction<'static, sqlx::Sqlite>)>> {
        let turn = Arc::clone(&self.write_turn).lock_owned().await;
        let tx = self.pool.begin_with("BEGIN IMMEDIATE").await?;
        Ok(Some((turn, tx)))
    }
}

queries!(
    Sqlite,
    sqlx::Sqlite,
    sqlx::SqliteConnection,
    sqlx::sqlite::SqliteRow
);
