//! `cop-server`: the reference server, the default backend of the cop-widgets for
//! organisations that have none. One binary: the bundle, the demo pages and the JSON API,
//! on an embedded SQLite file. See `--help`.

mod api;
mod app;
mod demo;
mod fixtures;
mod identity;
mod participation;
mod problem;
mod standings;
mod storage;
mod stories;
mod web;

use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::Arc;

use clap::{Parser, ValueEnum};

use crate::app::{AppState, Options};
use crate::identity::IdentityMode;
use crate::storage::{Sqlite, Storage};

/// The reference server of cop-widgets: serves the widget bundle, the demo pages and the JSON
/// API (/api, described by /api/openapi.json) on an embedded SQLite database.
#[derive(Parser, Debug)]
#[command(version, about)]
struct Args {
    /// Address and port to listen on.
    #[arg(long, env = "COP_LISTEN", default_value = "127.0.0.1:8080")]
    listen: SocketAddr,

    /// Directory of the SQLite database (cop.sqlite3), created if missing.
    #[arg(long, env = "COP_DATA_DIR", default_value = "data")]
    data_dir: PathBuf,

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
    #[arg(long, env = "COP_JWT_SECRET", hide_env_values = true)]
    jwt_secret: Option<String>,

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

    /// Pretend today is this date (YYYY-MM-DD), for reproducible demos and tests. Levels are
    /// computed, and demo activity dated, relative to it. Default: today's UTC date.
    #[arg(long, value_parser = parse_day)]
    today: Option<cop_core::day::Day>,

    /// Make the demo's largest community (1,340 water engineers) this many times larger, each
    /// member with a year of activity: a data set for measuring reads (scripts/bench-server.mjs).
    #[arg(long, default_value_t = 1, value_parser = clap::value_parser!(u16).range(1..=100))]
    demo_scale: u16,
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

async fn run(args: Args) -> Result<(), Box<dyn std::error::Error>> {
    let identity = match args.identity {
        Identity::Jwt => {
            let secret = args.jwt_secret.filter(|s| s.len() >= 32).ok_or(
                "--identity jwt needs --jwt-secret (or COP_JWT_SECRET) of at least 32 characters, shared with the intranet that signs members' tokens",
            )?;
            IdentityMode::Jwt {
                secret: secret.into_bytes(),
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

    let storage = Sqlite::open(&args.data_dir).await.map_err(|e| {
        format!(
            "cannot open the database in {}: {e}",
            args.data_dir.display()
        )
    })?;
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
    let state = AppState {
        storage: storage.clone(),
        identity: Arc::new(identity),
        allowed_origins: Arc::new(args.allowed_origins),
        max_body_bytes: args.max_body_bytes,
        counters: Default::default(),
        fixed_today: args.today,
        standings: Default::default(),
    };
    let options = Options {
        bundle_dir: args.bundle_dir,
        pages_dir: args.pages_dir,
        fixtures: args.fixtures,
    };
    let app = app::router(state, &options);

    let listener = tokio::net::TcpListener::bind(args.listen)
        .await
        .map_err(|e| format!("cannot listen on {}: {e}", args.listen))?;
    let address = listener.local_addr()?;
    tracing::info!(
        "cop-server listening on http://{address}/ (data in {})",
        args.data_dir.display()
    );
    axum::serve(listener, app)
        .with_graceful_shutdown(shutdown_signal())
        .await?;
    // Requests in flight have finished; close the pool so the WAL is checkpointed.
    storage.close().await;
    tracing::info!("stopped cleanly");
    Ok(())
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
