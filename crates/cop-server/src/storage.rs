//! Where the server keeps its data: the [`Storage`] trait, narrow enough that a PostgreSQL
//! implementation can follow (sqlx speaks both), and [`Sqlite`], the embedded default: one
//! file in the data directory, WAL mode, migrations applied at start.

use std::future::Future;
use std::path::Path;
use std::time::Duration;

use cop_core::contract::{Community, Member};
use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePool, SqlitePoolOptions, SqliteSynchronous};
use sqlx::Row;

pub type Result<T> = std::result::Result<T, sqlx::Error>;

/// The answer first given to a POST with an `Idempotency-Key`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StoredResponse {
    /// What the request was (method, path, body), so a key reused for another request is caught.
    pub fingerprint: String,
    pub status: u16,
    pub body: String,
}

/// Whether a join added the member or found them there already.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Joined {
    New,
    Already,
}

pub trait Storage: Clone + Send + Sync + 'static {
    /// Answers once the database does (`/healthz`).
    fn ping(&self) -> impl Future<Output = Result<()>> + Send;
    fn is_empty(&self) -> impl Future<Output = Result<bool>> + Send;
    /// Communities ordered by id, those after `after`.
    fn communities(&self, after: Option<&str>, limit: u32) -> impl Future<Output = Result<Vec<Community>>> + Send;
    fn community(&self, id: &str) -> impl Future<Output = Result<Option<Community>>> + Send;
    /// A community's members ordered by id, those after `after`.
    fn members(&self, community: &str, after: Option<&str>, limit: u32) -> impl Future<Output = Result<Vec<Member>>> + Send;
    /// A member with their roles in all communities.
    fn member(&self, id: &str) -> impl Future<Output = Result<Option<Member>>> + Send;
    /// Adds the member (or renames them) and their membership, in one transaction.
    fn join(&self, community: &str, member: &str, display_name: &str) -> impl Future<Output = Result<(Member, Joined)>> + Send;
    fn stored_response(&self, member: &str, key: &str) -> impl Future<Output = Result<Option<StoredResponse>>> + Send;
    fn store_response(&self, member: &str, key: &str, response: &StoredResponse) -> impl Future<Output = Result<()>> + Send;
    /// Demo data; never overwrites what is there.
    fn load_demo(&self, demo: &crate::demo::DemoData) -> impl Future<Output = Result<()>> + Send;
}

#[derive(Clone, Debug)]
pub struct Sqlite {
    pool: SqlitePool,
}

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
            .busy_timeout(Duration::from_secs(5));
        let pool = SqlitePoolOptions::new().max_connections(8).connect_with(options).await?;
        sqlx::migrate!("./migrations").run(&pool).await?;
        Ok(Sqlite { pool })
    }

    /// Waits for open connections and checkpoints the write-ahead log.
    pub async fn close(&self) {
        self.pool.close().await;
    }
}

const COMMUNITY_COLUMNS: &str = "c.id, c.name, c.description, \
     (SELECT count(*) FROM memberships m WHERE m.community_id = c.id) AS member_count";

fn community_from(row: &sqlx::sqlite::SqliteRow) -> Result<Community> {
    Ok(Community {
        id: row.try_get("id")?,
        name: row.try_get("name")?,
        description: row.try_get("description")?,
        member_count: row.try_get::<i64, _>("member_count").ok().and_then(|n| u32::try_from(n).ok()),
    })
}

fn member_from(row: &sqlx::sqlite::SqliteRow) -> Result<Member> {
    let roles: String = row.try_get("roles")?;
    Ok(Member {
        id: row.try_get("id")?,
        display_name: row.try_get("display_name")?,
        roles: roles.split(',').filter(|role| !role.is_empty()).map(str::to_owned).collect(),
    })
}

impl Storage for Sqlite {
    async fn ping(&self) -> Result<()> {
        sqlx::query("SELECT 1").execute(&self.pool).await.map(|_| ())
    }

    async fn is_empty(&self) -> Result<bool> {
        let count: i64 = sqlx::query_scalar("SELECT count(*) FROM communities").fetch_one(&self.pool).await?;
        Ok(count == 0)
    }

    async fn communities(&self, after: Option<&str>, limit: u32) -> Result<Vec<Community>> {
        let sql = format!("SELECT {COMMUNITY_COLUMNS} FROM communities c WHERE c.id > ? ORDER BY c.id LIMIT ?");
        let rows = sqlx::query(&sql).bind(after.unwrap_or("")).bind(i64::from(limit)).fetch_all(&self.pool).await?;
        rows.iter().map(community_from).collect()
    }

    async fn community(&self, id: &str) -> Result<Option<Community>> {
        let sql = format!("SELECT {COMMUNITY_COLUMNS} FROM communities c WHERE c.id = ?");
        let row = sqlx::query(&sql).bind(id).fetch_optional(&self.pool).await?;
        row.as_ref().map(community_from).transpose()
    }

    async fn members(&self, community: &str, after: Option<&str>, limit: u32) -> Result<Vec<Member>> {
        let rows = sqlx::query(
            "SELECT m.id, m.display_name, s.roles FROM memberships s JOIN members m ON m.id = s.member_id \
             WHERE s.community_id = ? AND m.id > ? ORDER BY m.id LIMIT ?",
        )
        .bind(community)
        .bind(after.unwrap_or(""))
        .bind(i64::from(limit))
        .fetch_all(&self.pool)
        .await?;
        rows.iter().map(member_from).collect()
    }

    async fn member(&self, id: &str) -> Result<Option<Member>> {
        let row = sqlx::query(
            "SELECT m.id, m.display_name, coalesce(group_concat(nullif(s.roles, ''), ','), '') AS roles \
             FROM members m LEFT JOIN memberships s ON s.member_id = m.id WHERE m.id = ? GROUP BY m.id",
        )
        .bind(id)
        .fetch_optional(&self.pool)
        .await?;
        row.as_ref().map(member_from).transpose()
    }

    async fn join(&self, community: &str, member: &str, display_name: &str) -> Result<(Member, Joined)> {
        let mut tx = self.pool.begin().await?;
        sqlx::query(
            "INSERT INTO members (id, display_name) VALUES (?, ?) \
             ON CONFLICT (id) DO UPDATE SET display_name = excluded.display_name",
        )
        .bind(member)
        .bind(display_name)
        .execute(&mut *tx)
        .await?;
        let inserted = sqlx::query("INSERT OR IGNORE INTO memberships (community_id, member_id) VALUES (?, ?)")
            .bind(community)
            .bind(member)
            .execute(&mut *tx)
            .await?
            .rows_affected();
        let roles: String = sqlx::query_scalar("SELECT roles FROM memberships WHERE community_id = ? AND member_id = ?")
            .bind(community)
            .bind(member)
            .fetch_one(&mut *tx)
            .await?;
        tx.commit().await?;
        let member = Member {
            id: member.to_owned(),
            display_name: display_name.to_owned(),
            roles: roles.split(',').filter(|role| !role.is_empty()).map(str::to_owned).collect(),
        };
        Ok((member, if inserted == 1 { Joined::New } else { Joined::Already }))
    }

    async fn stored_response(&self, member: &str, key: &str) -> Result<Option<StoredResponse>> {
        let row = sqlx::query("SELECT fingerprint, status, body FROM idempotency WHERE member_id = ? AND key = ?")
            .bind(member)
            .bind(key)
            .fetch_optional(&self.pool)
            .await?;
        row.map(|row| {
            Ok(StoredResponse {
                fingerprint: row.try_get("fingerprint")?,
                status: u16::try_from(row.try_get::<i64, _>("status")?).unwrap_or(500),
                body: row.try_get("body")?,
            })
        })
        .transpose()
    }

    async fn store_response(&self, member: &str, key: &str, response: &StoredResponse) -> Result<()> {
        sqlx::query("INSERT OR IGNORE INTO idempotency (member_id, key, fingerprint, status, body) VALUES (?, ?, ?, ?, ?)")
            .bind(member)
            .bind(key)
            .bind(&response.fingerprint)
            .bind(i64::from(response.status))
            .bind(&response.body)
            .execute(&self.pool)
            .await
            .map(|_| ())
    }

    async fn load_demo(&self, demo: &crate::demo::DemoData) -> Result<()> {
        let mut tx = self.pool.begin().await?;
        for community in &demo.communities {
            sqlx::query("INSERT OR IGNORE INTO communities (id, name, description) VALUES (?, ?, ?)")
                .bind(&community.id)
                .bind(&community.name)
                .bind(&community.description)
                .execute(&mut *tx)
                .await?;
        }
        for (community, member, roles) in &demo.memberships {
            sqlx::query("INSERT OR IGNORE INTO members (id, display_name) VALUES (?, ?)")
                .bind(&member.id)
                .bind(&member.display_name)
                .execute(&mut *tx)
                .await?;
            sqlx::query("INSERT OR IGNORE INTO memberships (community_id, member_id, roles) VALUES (?, ?, ?)")
                .bind(community)
                .bind(&member.id)
                .bind(roles.join(","))
                .execute(&mut *tx)
                .await?;
        }
        tx.commit().await
    }
}
