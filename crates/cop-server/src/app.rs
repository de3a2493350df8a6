//! The application: shared state and the router.

use std::path::PathBuf;
use std::sync::Arc;

use axum::extract::DefaultBodyLimit;
use axum::middleware::{from_fn, from_fn_with_state};
use axum::routing::{get, post, put};
use axum::Router;
use tower::ServiceBuilder;
use tower_http::compression::CompressionLayer;
use tower_http::services::ServeDir;

use cop_core::day::Day;

use crate::identity::IdentityMode;
use crate::storage::Storage;
use crate::{api, calendar, carousel, fixtures, network, participation, recurrence, stories, web};

#[derive(Clone)]
pub struct AppState<S> {
    pub storage: S,
    pub identity: Arc<IdentityMode>,
    pub allowed_origins: Arc<Vec<String>>,
    /// The server's own origins: `--public-url`'s, or its listening address's (see `web`).
    pub own_origins: Arc<Vec<String>>,
    /// The base of the server's own absolute URLs (`--public-url`, or
    /// `http://<listen address>`), without a trailing slash: never taken from a request.
    pub public_base: Arc<str>,
    pub max_body_bytes: usize,
    pub counters: fixtures::Counters,
    /// `--today`: a fixed date for demos and tests; otherwise the UTC date of the clock.
    pub fixed_today: Option<Day>,
    /// How long idempotency keys live; how long a duplicate waits for the first request.
    pub idempotency: api::IdempotencySettings,
    /// Requests in flight per idempotency key (this process).
    pub key_turns: api::KeyTurns,
    /// `--public-reads`: a community's stories are readable by anyone, not only its members.
    pub public_reads: bool,
    /// Members' standings, validated by versions on every read (`standings.rs`).
    pub standings: crate::standings::StandingsCache,
    /// Token buckets of the carousel's event beacons, per page view and per address.
    pub event_limits: crate::carousel::Limiter,
}

impl<S> AppState<S> {
    pub fn today(&self) -> Day {
        self.fixed_today.unwrap_or_else(utc_today)
    }
}

/// Today's UTC date from the system clock.
pub fn utc_today() -> Day {
    Day(i32::try_from(api::unix_now().div_euclid(86_400)).unwrap_or(i32::MAX))
}

pub struct Options {
    /// The built bundle (`pkg/`), served first.
    pub bundle_dir: PathBuf,
    /// Host pages (`www/`), served where the bundle has no such file.
    pub pages_dir: PathBuf,
    pub fixtures: bool,
    /// `--request-timeout-secs`.
    pub request_timeout: std::time::Duration,
}

pub fn router<S: Storage>(state: AppState<S>, options: &Options) -> Router {
    let api = Router::new()
        .route("/communities", get(api::list_communities::<S>))
        .route("/network", get(network::overview::<S>))
        .route("/communities/{community}", get(api::get_community::<S>))
        .route(
            "/communities/{community}/members",
            get(api::list_members::<S>).post(api::join::<S>),
        )
        .route(
            "/communities/{community}/members/{member}/participation",
            get(participation::one::<S>),
        )
        .route(
            "/communities/{community}/members/{member}/open-badge",
            get(participation::open_badge::<S>),
        )
        .route(
            "/communities/{community}/participation",
            get(participation::batch::<S>),
        )
        .route(
            "/communities/{community}/distribution",
            get(participation::distribution::<S>),
        )
        .route(
            "/communities/{community}/thresholds",
            get(participation::get_thresholds::<S>).put(participation::set_thresholds::<S>),
        )
        .route(
            "/communities/{community}/activity",
            post(participation::record::<S>),
        )
        .route(
            "/communities/{community}/stories",
            get(stories::list::<S>).post(stories::create::<S>),
        )
        .route(
            "/communities/{community}/stories/export",
            get(stories::export::<S>),
        )
        .route(
            "/communities/{community}/stories/{story}",
            get(stories::one::<S>),
        )
        .route(
            "/communities/{community}/videos",
            get(carousel::list_videos::<S>).post(carousel::add_video::<S>),
        )
        .route(
            "/communities/{community}/cycles",
            get(carousel::list_cycles::<S>).post(carousel::create_cycle::<S>),
        )
        .route(
            "/communities/{community}/cycles/current",
            get(carousel::current_cycle::<S>),
        )
        .route(
            "/communities/{community}/carousel",
            get(carousel::current_carousel::<S>),
        )
        .route(
            "/communities/{community}/cycles/{cycle}/featured",
            put(carousel::set_featured::<S>),
        )
        .route(
            "/communities/{community}/cycles/{cycle}/carousel",
            get(carousel::carousel::<S>),
        )
        .route(
            "/communities/{community}/cycles/{cycle}/events",
            post(carousel::events::<S>),
        )
        .route(
            "/communities/{community}/cycles/{cycle}/selection",
            get(carousel::selection::<S>),
        )
        .route(
            "/communities/{community}/cycles/{cycle}/notes",
            get(carousel::notes::<S>),
        )
        .route(
            "/communities/{community}/events",
            get(calendar::list_events::<S>).post(calendar::create_event::<S>),
        )
        .route(
            "/communities/{community}/events/{event}",
            get(calendar::one_event::<S>).put(calendar::update_event::<S>),
        )
        .route(
            "/communities/{community}/events/{event}/occurrences",
            post(calendar::change_occurrence::<S>),
        )
        .route(
            "/communities/{community}/occurrences",
            get(calendar::occurrences::<S>),
        )
        .route(
            "/communities/{community}/calendar.ics",
            get(calendar::feed::<S>),
        )
        .route("/recurrence/expand", post(recurrence::expand::<S>))
        .route("/me", get(api::me::<S>))
        .route("/openapi.json", get(api::openapi))
        .fallback(api::not_found)
        .layer(DefaultBodyLimit::max(state.max_body_bytes))
        .layer(from_fn_with_state(state.clone(), web::origin_policy::<S>))
        .with_state(state.clone());
    // Around the whole `/api` router as one service, not per route as `Router::layer` would:
    // a 405's `Allow` is set outside each route's layers.
    let api = ServiceBuilder::new()
        .layer(from_fn(web::problem_details))
        .service(api);
    let mut app = Router::new()
        .nest_service("/api", api)
        .route("/healthz", get(api::healthz::<S>))
        // Browsers ask for it on every page; no icon is better than a 404 in every console.
        .route(
            "/favicon.ico",
            get(|| async { axum::http::StatusCode::NO_CONTENT }),
        );
    if options.fixtures {
        let fixtures = fixtures::router::<S>()
            .layer(from_fn_with_state(state.clone(), web::origin_policy::<S>));
        app = app.nest("/fixtures", fixtures);
    }
    // Static files: any origin may load them (the bundle is meant to be embedded elsewhere).
    let page_policy: Arc<str> = web::demo_page_policy(&state.own_origins).into();
    let files = ServiceBuilder::new()
        .layer(from_fn_with_state(page_policy, web::static_headers))
        .service(
            // The build writes `.br` and `.gz` copies of the bundle: sent as they are, not
            // compressed again on every request (the 200 KB wasm took 12–47 ms to first byte).
            ServeDir::new(&options.bundle_dir)
                .precompressed_br()
                .precompressed_gzip()
                .fallback(ServeDir::new(&options.pages_dir)),
        );
    app.fallback_service(files)
        .layer(CompressionLayer::new())
        .layer(from_fn(web::security_headers))
        .layer(from_fn_with_state(
            options.request_timeout,
            web::request_deadline,
        ))
        .layer(from_fn(web::log_request))
        .with_state(state)
}
