//! `cop-server`: the reference server, the default backend of the cop-widgets for
//! organisations that have none. One binary: the bundle, the demo pages and the JSON API,
//! on an embedded SQLite file or a PostgreSQL database (`--database-url`). See `--help`.

mod api;
mod app;
mod calendar;
mod carousel;
mod demo;
mod fixtures;
mod identity;
mod network;
mod participation;
mod problem;
mod recurrence;
mod serve;
mod standings;
mod storage;
mod stories;
mod web;

use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

use clap::{Parser, Subcommand, ValueEnum};

use crate::app::{AppState, Options};
use crate::identity::IdentityMode;
use crate::storage::{Postgres, Sqlite, Storage};

/// The reference server of cop-widgets: serves the widget bundle, the demo pages and the JSON
/// API (/api, described by /api/openapi.json) on an embedded SQLite database, or on PostgreSQL
/// with --database-url (several servers may share one).
#[derive(Parser, Debug)]
#[command(version, about)]
struct Args {
    #[command(subcommand)]
    command: Option<Command>,

    /// Address and port to listen on.
    #[arg(long, env = "COP_LISTEN", default_value = "127.0.0.1:8080")]
    listen: SocketAddr,

    /// Directory of the SQLite database (cop.sqlite3), created if missing. Not used with
    /// --database-url, except as the source of `migrate-to`.
    #[arg(long, env = "COP_DATA_DIR", default_value = "data", global = true)]
    data_dir: PathBuf,

    /// A PostgreSQL database to keep the data in instead of SQLite, e.g.
    /// postgres://cop:secret@db.example.org/cop (prefer the environment variable: a command
    /// line is visible to every user of the machine). Several servers may share one database;
    /// migrations are applied at start, once.
    #[arg(long, env = "COP_DATABASE_URL", hide_env_values = true, global = true)]
    database_url: Option<String>,

    /// An origin whose pages may call the API with credentials, e.g. https://intranet.example.org.
    /// Repeat for several (or comma-separate in COP_ALLOWED_ORIGINS). The server's own pages always may.
    #[arg(
        long = "allowed-origin",
        env = "COP_ALLOWED_ORIGINS",
        value_delimiter = ','
    )]
    allowed_origins: Vec<String>,

    /// How members are identified for writes: `jwt` (an HS256 token from the host page, signed
    /// with --jwt-secret), `proxy` (a header set by a trusted reverse proxy, --proxy-header), or
    /// `open` (anyone is anyone: demos only).
    #[arg(long, env = "COP_IDENTITY", value_enum, default_value_t = Identity::Jwt)]
    identity: Identity,

    /// The secret shared with the intranet that signs members' tokens (with --identity jwt).
    /// Prefer the environment variable or --jwt-secret-file: a command line is visible to
    /// every user of the machine (`ps`).
    #[arg(long, env = "COP_JWT_SECRET", hide_env_values = true)]
    jwt_secret: Option<String>,

    /// A file holding the secret of --jwt-secret (surrounding white space ignored).
    #[arg(long, env = "COP_JWT_SECRET_FILE", conflicts_with = "jwt_secret")]
    jwt_secret_file: Option<PathBuf>,

    /// With --identity jwt: tokens must have this `aud` (audience). Without it, any `aud` is
    /// accepted.
    #[arg(long, env = "COP_JWT_AUDIENCE")]
    jwt_audience: Option<String>,

    /// With --identity jwt: tokens must have this `iss` (issuer). Without it, any `iss` is
    /// accepted.
    #[arg(long, env = "COP_JWT_ISSUER")]
    jwt_issuer: Option<String>,

    /// The URL members' browsers reach this server at, e.g. https://cop.example.org (a path
    /// is allowed: https://example.org/cop). Its origin is the server's own for the origin
    /// policy, and it is the base of the server's absolute URLs (Open Badge ids). Without it,
    /// the server's own origin is http://<listen address> (and, on loopback, the same port on
    /// localhost, 127.0.0.1 and [::1]). Set it whenever the server is reached through a proxy
    /// or by a DNS name.
    #[arg(long, env = "COP_PUBLIC_URL", value_parser = parse_public_url)]
    public_url: Option<String>,

    /// Seconds a client has to send a request's header; also how long a kept-alive connection
    /// may sit idle between requests. Slow or stalled clients are disconnected after it.
    #[arg(long, env = "COP_HEADER_TIMEOUT_SECS", default_value_t = 10)]
    header_timeout_secs: u64,

    /// Seconds a request may take, from its header to its answer (a 503 in problem details
    /// after it).
    #[arg(long, env = "COP_REQUEST_TIMEOUT_SECS", default_value_t = 30)]
    request_timeout_secs: u64,

    /// Connections open at once. When all are taken, new connections wait (in the operating
    /// system's queue) until one closes; keep it below the open-files limit (`ulimit -n`).
    #[arg(long, env = "COP_MAX_CONNECTIONS", default_value_t = 1024)]
    max_connections: usize,

    /// Seconds requests in flight may take to finish after SIGTERM (or Ctrl-C) before the
    /// server stops anyway.
    #[arg(long, env = "COP_SHUTDOWN_TIMEOUT_SECS", default_value_t = 10)]
    shutdown_timeout_secs: u64,

    /// The header a trusted reverse proxy sets to the member's id (with --identity proxy).
    #[arg(long, env = "COP_PROXY_HEADER", default_value = "X-Remote-User")]
    proxy_header: String,

    /// Load the demo data even into a database that has data (it never overwrites anything).
    /// An empty database gets it at first start anyway, unless --no-demo.
    #[arg(long)]
    load_demo: bool,

    /// Do not load the demo data into an empty database.
    #[arg(long, conflicts_with = "load_demo")]
    no_demo: bool,

    /// Largest request body accepted, in bytes.
    #[arg(long, env = "COP_MAX_BODY_BYTES", default_value_t = 16 * 1024)]
    max_body_bytes: usize,

    /// Directory of the built widget bundle.
    #[arg(long, default_value = "pkg")]
    bundle_dir: PathBuf,

    /// Directory of the host pages.
    #[arg(long, default_value = "www")]
    pages_dir: PathBuf,

    /// Serve /fixtures: endpoints that fail on purpose, for the browser tests and the failures demo.
    #[arg(long)]
    fixtures: bool,

    /// How long an Idempotency-Key is remembered, in seconds: a retry within it gets the first
    /// answer; after it, the same key makes a new write.
    #[arg(long, env = "COP_IDEMPOTENCY_TTL_SECS", default_value_t = 24 * 60 * 60)]
    idempotency_ttl_secs: u32,

    /// How long a request waits for another one with the same Idempotency-Key still in flight
    /// before it is answered 409 (code idempotency-in-flight, with Retry-After).
    #[arg(long, env = "COP_IDEMPOTENCY_WAIT_MS", default_value_t = 10_000)]
    idempotency_wait_ms: u64,

    /// Let anyone read a community's stories (list and single story), not only its members.
    /// Anonymous stories still never name their author; the sponsors' export stays for the
    /// community's coordinators and sponsors.
    #[arg(long, env = "COP_PUBLIC_READS")]
    public_reads: bool,

    /// Tests only: inject a fault into every write (crash-before-commit, crash-after-commit,
    /// slow-write-ms=N).
    #[arg(long, hide = true)]
    test_hook: Option<storage::TestHook>,

    /// Pretend today is this date (YYYY-MM-DD), for reproducible demos and tests. Levels are
    /// computed, and demo activity dated, relative to it. Default: today's UTC date.
    #[arg(long, value_parser = parse_day)]
    today: Option<cop_core::day::Day>,

    /// Make the demo's largest community (1,340 water engineers) this many times larger, each
    /// member with a year of activity: a data set for measuring reads (scripts/bench-server.mjs).
    #[arg(long, default_value_t = 1, value_parser = clap::value_parser!(u16).range(1..=100))]
    demo_scale: u16,
}

#[derive(Subcommand, Debug)]
enum Command {
    /// Copies a SQLite deployment's data (--data-dir) into the empty PostgreSQL database of
    /// --database-url, in one transaction, then exits. Stop the server first.
    MigrateTo,
}

/// An http(s) URL with a host, and optionally a path; no query, fragment or user. The trailing
/// slash is dropped.
fn parse_public_url(text: &str) -> Result<String, String> {
    let error = || {
        format!("“{text}” is not a public URL: write it like https://cop.example.org or https://example.org/cop")
    };
    let url = text.trim().trim_end_matches('/');
    let rest = url
        .strip_prefix("https://")
        .or_else(|| url.strip_prefix("http://"))
        .ok_or_else(error)?;
    let authority = rest.split('/').next().unwrap_or_default();
    let bad = |c: char| c.is_whitespace() || c.is_control() || matches!(c, '?' | '#' | '\\');
    if authority.is_empty()
        || authority.contains('@')
        || url.chars().any(bad)
        || rest.contains("//")
    {
        return Err(error());
    }
    Ok(url.to_owned())
}

/// The origin (`scheme://host[:port]`) of a URL `parse_public_url` accepted.
fn origin_of(url: &str) -> String {
    let (scheme, rest) = url.split_once("://").unwrap_or(("http", url));
    let authority = rest.split('/').next().unwrap_or_default();
    format!("{scheme}://{}", authority.to_ascii_lowercase())
}

/// The server's own origins without --public-url: its listening address, and on loopback the
/// loopback names with its port.
fn listening_origins(address: SocketAddr) -> Vec<String> {
    let mut origins = vec![format!("http://{address}")];
    if address.ip().is_loopback() {
        let port = address.port();
        for name in ["localhost", "127.0.0.1", "[::1]"] {
            let origin = format!("http://{name}:{port}");
            if !origins.contains(&origin) {
                origins.push(origin);
            }
        }
    }
    origins
}

fn parse_day(text: &str) -> Result<cop_core::day::Day, String> {
    cop_core::day::Day::parse(text).ok_or_else(|| format!("“{text}” is not a date like 2026-11-23"))
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
enum Identity {
    Jwt,
    Proxy,
    Open,
}

#[tokio::main]
async fn main() -> std::process::ExitCode {
    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_default_env()
                .unwrap_or_else(|_| "info,sqlx=warn".into()),
        )
        .with_target(false)
        .with_ansi(std::io::IsTerminal::is_terminal(&std::io::stdout()))
        .init();
    match run(Args::parse()).await {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(error) => {
            tracing::error!("{error}");
            std::process::ExitCode::FAILURE
        }
    }
}

/// `--database-url`, if it names a PostgreSQL database (the only kind it may name).
fn postgres_url(args: &Args) -> Result<Option<&str>, String> {
    match args.database_url.as_deref().map(str::trim) {
        None | Some("") => Ok(None),
        Some(url) if url.starts_with("postgres://") || url.starts_with("postgresql://") => {
            Ok(Some(url))
        }
        Some(_) => Err("--database-url must be a PostgreSQL URL (postgres://user:password@host:port/database); without it the data is kept in SQLite in --data-dir".into()),
    }
}

async fn run(args: Args) -> Result<(), Box<dyn std::error::Error>> {
    if let Some(Command::MigrateTo) = args.command {
        return migrate_to(&args).await;
    }
    match postgres_url(&args)? {
        Some(url) => {
            let storage = Postgres::open(url)
                .await
                .map_err(|e| format!("cannot open the PostgreSQL database of --database-url: {e}"))?
                .with_test_hook(args.test_hook);
            serve_with(storage, args, "PostgreSQL (--database-url)".into()).await
        }
        None => {
            let storage = Sqlite::open(&args.data_dir)
                .await
                .map_err(|e| {
                    format!(
                        "cannot open the database in {}: {e}",
                        args.data_dir.display()
                    )
                })?
                .with_test_hook(args.test_hook);
            let place = args.data_dir.display().to_string();
            serve_with(storage, args, place).await
        }
    }
}

/// `cop-server migrate-to`: the SQLite file of --data-dir copied into --database-url.
async fn migrate_to(args: &Args) -> Result<(), Box<dyn std::error::Error>> {
    let url = postgres_url(args)?.ok_or("migrate-to needs --database-url postgres://… (or COP_DATABASE_URL): the empty PostgreSQL database to copy into")?;
    let file = args.data_dir.join("cop.sqlite3");
    if !file.exists() {
        return Err(format!(
            "migrate-to copies {}, which does not exist: give the SQLite deployment's --data-dir",
            file.display()
        )
        .into());
    }
    let from = Sqlite::open(&args.data_dir).await?;
    let to = Postgres::open(url).await?;
    let copied = to.copy_from(&from).await?;
    for (table, rows) in &copied {
        tracing::info!("{table}: {rows} rows");
    }
    let total: u64 = copied.iter().map(|(_, rows)| rows).sum();
    tracing::info!(
        "copied {total} rows from {} into PostgreSQL",
        file.display()
    );
    from.close().await;
    to.close().await;
    Ok(())
}

/// Serves the app on `storage` until SIGTERM; `place` says where the data is, for the log.
async fn serve_with<S: Storage>(
    storage: S,
    args: Args,
    place: String,
) -> Result<(), Box<dyn std::error::Error>> {
    let identity = match args.identity {
        Identity::Jwt => {
            let secret = match &args.jwt_secret_file {
                Some(path) => Some(
                    std::fs::read_to_string(path)
                        .map_err(|e| {
                            format!("cannot read --jwt-secret-file {}: {e}", path.display())
                        })?
                        .trim()
                        .to_owned(),
                ),
                None => args.jwt_secret.clone(),
            };
            let secret = secret.filter(|s| s.len() >= 32).ok_or(
                "--identity jwt needs --jwt-secret (better: COP_JWT_SECRET or --jwt-secret-file, which `ps` does not show) of at least 32 characters, shared with the intranet that signs members' tokens",
            )?;
            IdentityMode::Jwt {
                secret: secret.into_bytes(),
                audience: args.jwt_audience.clone().filter(|a| !a.is_empty()),
                issuer: args.jwt_issuer.clone().filter(|i| !i.is_empty()),
            }
        }
        Identity::Proxy => IdentityMode::Proxy {
            header: args.proxy_header.to_ascii_lowercase(),
        },
        Identity::Open => IdentityMode::Open,
    };
    for origin in &args.allowed_origins {
        let scheme_ok = origin.starts_with("http://") || origin.starts_with("https://");
        if !scheme_ok || origin.ends_with('/') || origin.matches('/').count() != 2 {
            return Err(format!("--allowed-origin “{origin}” is not an origin: write it like https://intranet.example.org (no path, no trailing slash)").into());
        }
    }

    if let Some(hook) = args.test_hook {
        tracing::warn!("test hook in force: {hook:?}");
    }
    let empty = storage.is_empty().await?;
    if args.load_demo || (empty && !args.no_demo) {
        storage
            .load_demo(&demo::scaled(
                args.today.unwrap_or_else(app::utc_today),
                usize::from(args.demo_scale),
            ))
            .await?;
        tracing::info!("demo data loaded (existing data left as it was)");
    }

    if identity_is_open(&identity) {
        for line in [
            "!!! OPEN IDENTITY MODE: anyone can act as any member (X-Demo-Member header). !!!",
            "!!! For demos only. Use --identity jwt or --identity proxy for real members.  !!!",
        ] {
            tracing::warn!("{line}");
        }
    }
    let listener = tokio::net::TcpListener::bind(args.listen)
        .await
        .map_err(|e| format!("cannot listen on {}: {e}", args.listen))?;
    let address = listener.local_addr()?;
    let (own_origins, public_base) = match &args.public_url {
        Some(url) => (vec![origin_of(url)], url.clone()),
        None => {
            if !address.ip().is_loopback() {
                tracing::warn!(
                    "listening on {address} without --public-url: pages of this server reached by any other name than http://{address} are refused by the origin policy, and Open Badge ids name http://{address}; set --public-url to the URL members use"
                );
            }
            let base = format!("http://{address}");
            (listening_origins(address), base)
        }
    };
    let state = AppState {
        storage: storage.clone(),
        identity: Arc::new(identity),
        allowed_origins: Arc::new(args.allowed_origins),
        own_origins: Arc::new(own_origins),
        public_base: public_base.into(),
        max_body_bytes: args.max_body_bytes,
        counters: Default::default(),
        fixed_today: args.today,
        idempotency: api::IdempotencySettings {
            ttl_secs: i64::from(args.idempotency_ttl_secs),
            wait: std::time::Duration::from_millis(args.idempotency_wait_ms),
        },
        key_turns: Default::default(),
        public_reads: args.public_reads,
        standings: Default::default(),
        event_limits: Default::default(),
    };
    tokio::spawn(purge_expired_keys(
        storage.clone(),
        i64::from(args.idempotency_ttl_secs),
    ));
    let options = Options {
        bundle_dir: args.bundle_dir,
        pages_dir: args.pages_dir,
        fixtures: args.fixtures,
        request_timeout: Duration::from_secs(args.request_timeout_secs.max(1)),
    };
    let app = app::router(state, &options);

    tracing::info!("cop-server listening on http://{address}/ (data in {place})");
    let limits = serve::Limits {
        header_timeout: Duration::from_secs(args.header_timeout_secs.max(1)),
        max_connections: args.max_connections.max(1),
        shutdown_timeout: Duration::from_secs(args.shutdown_timeout_secs),
    };
    if serve::serve(listener, app, limits, shutdown_signal()).await {
        // Requests in flight have finished; close the pool so the WAL is checkpointed.
        storage.close().await;
        tracing::info!("stopped cleanly");
    } else {
        tracing::info!("stopped (requests still in flight were cut off)");
    }
    Ok(())
}

/// Forgets expired idempotency keys every ten minutes (reads ignore them anyway).
async fn purge_expired_keys<S: Storage>(storage: S, ttl_secs: i64) {
    let mut every = tokio::time::interval(std::time::Duration::from_secs(600));
    loop {
        every.tick().await;
        match storage.purge_keys(api::unix_now() - ttl_secs).await {
            Ok(0) => {}
            Ok(n) => tracing::info!("forgot {n} expired idempotency keys"),
            Err(error) => tracing::warn!("could not purge expired idempotency keys: {error}"),
        }
    }
}

fn identity_is_open(identity: &IdentityMode) -> bool {
    matches!(identity, IdentityMode::Open)
}

async fn shutdown_signal() {
    let interrupt = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut signal) => {
                signal.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        () = interrupt => {}
        () = terminate => {}
    }
    tracing::info!("shutting down: finishing requests in flight");
}
