//! The reference server over real HTTP on loopback, with a real database: each test starts
//! the `cop-server` binary in a data directory of its own, on a SQLite file there, or — with
//! `COP_TEST_POSTGRES=postgres://user@host:port` set, as `scripts/test.sh`'s second run does
//! against the throwaway cluster it starts — on a PostgreSQL database of its own on that
//! server. A test's database starts as a copy of the demo data, loaded once per run (see
//! [`seeded`]), or empty where the test is about the first start ([`Data::empty`]).

use std::collections::BTreeMap;
use std::net::TcpListener;
use std::ops::Deref;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use jsonwebtoken::{encode, EncodingKey, Header};
use reqwest::{Client, StatusCode};
use serde_json::{json, Value};

const SECRET: &str = "a-test-secret-shared-with-the-intranet-0123456789";

struct Server {
    child: Child,
    origin: String,
    client: Client,
}

impl Server {
    /// The server with `extra`'s options on `data` (the data directory, and its database with
    /// `COP_TEST_POSTGRES`), once it answers /healthz.
    async fn start(data: &Data, extra: &[&str]) -> Server {
        Server::start_at(&data.path, data.database_url(), extra).await
    }

    async fn start_at(data_dir: &Path, database_url: Option<String>, extra: &[&str]) -> Server {
        let port = TcpListener::bind("127.0.0.1:0")
            .unwrap()
            .local_addr()
            .unwrap()
            .port();
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
        let database_args = database_url
            .map(|url| vec!["--database-url".to_owned(), url])
            .unwrap_or_default();
        let child = Command::new(env!("CARGO_BIN_EXE_cop-server"))
            .current_dir(&root)
            .args(["--listen", &format!("127.0.0.1:{port}"), "--data-dir"])
            .arg(data_dir)
            .args(database_args)
            .args(extra)
            .env_remove("COP_DATABASE_URL")
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("cop-server starts");
        let server = Server {
            child,
            origin: format!("http://127.0.0.1:{port}"),
            client: Client::new(),
        };
        // Up to 30 s: PostgreSQL's start (migrations checked, the demo loaded into a fresh
        // database) takes seconds when every core is busy with other tests.
        for _ in 0..600 {
            if server
                .client
                .get(server.url("/healthz"))
                .send()
                .await
                .is_ok_and(|r| r.status().is_success())
            {
                return server;
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        panic!("cop-server did not answer /healthz");
    }

    fn url(&self, path: &str) -> String {
        format!("{}{path}", self.origin)
    }

    /// SIGTERM, then wait for the process to exit.
    fn stop(mut self) -> std::process::ExitStatus {
        Command::new("kill")
            .args(["-TERM", &self.child.id().to_string()])
            .status()
            .unwrap();
        let status = self.child.wait().unwrap();
        std::mem::forget(self); // already stopped; Drop would kill again
        status
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// A JWT server that lets the intranet's pages call it with credentials.
const JWT: [&str; 6] = [
    "--identity",
    "jwt",
    "--jwt-secret",
    SECRET,
    "--allowed-origin",
    "https://intranet.example.org",
];
/// Open identity (anyone is anyone: `X-Demo-Member`), today the demo's own 2026-11-23.
const OPEN_TODAY: [&str; 4] = ["--identity", "open", "--today", "2026-11-23"];

/// The set-up of most tests: a database of the test's own holding the demo data (a copy of
/// the run's seed, see [`seeded`]), and a server with `args` on it. The data outlives the
/// server (bind them in this order: `let (data, server)`); further servers on the same data
/// start with [`Server::start`].
async fn serve(args: &[&str]) -> (Data, Server) {
    let data = seeded(args).await;
    let server = Server::start(&data, args).await;
    (data, server)
}

/// [`serve`] with [`OPEN_TODAY`] and `extra`.
async fn serve_open(extra: &[&str]) -> (Data, Server) {
    serve(&[&OPEN_TODAY[..], extra].concat()).await
}

/// A server with [`OPEN_TODAY`] and `extra` on `data`.
async fn start_open(data: &Data, extra: &[&str]) -> Server {
    Server::start(data, &[&OPEN_TODAY[..], extra].concat()).await
}

fn token(sub: &str, expires_in: i64, secret: &str) -> String {
    let now = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap()
        .as_secs() as i64;
    encode(
        &Header::default(),
        &json!({ "sub": sub, "exp": now + expires_in }),
        &EncodingKey::from_secret(secret.as_bytes()),
    )
    .unwrap()
}

/// Where a test's servers keep their data: a directory of the test's own (`data` in a
/// temporary directory, removed after the test), and on PostgreSQL a database of its own
/// (created for the test, dropped after it).
struct Data {
    path: PathBuf,
    /// (server, database name) with `COP_TEST_POSTGRES`.
    postgres: Option<(String, String)>,
    /// Holds `path`: removed with it.
    _dir: tempfile::TempDir,
}

impl Data {
    /// An empty data directory (the server creates the SQLite file and loads the demo at its
    /// first start) and, with `COP_TEST_POSTGRES`, an empty database of the test's own. Most
    /// tests start from a copy of the demo data instead: [`seeded`], [`serve`].
    fn empty() -> Data {
        Data::new(postgres_server(), None)
    }

    /// An empty SQLite data directory, whichever database this run tests.
    fn sqlite() -> Data {
        Data::new(None, None)
    }

    /// A data directory and, on the PostgreSQL server `postgres`, a database of the test's
    /// own: empty, or a copy of the database `template`.
    fn new(postgres: Option<String>, template: Option<&str>) -> Data {
        static DATABASES: AtomicUsize = AtomicUsize::new(0);
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("data");
        let postgres = postgres.map(|server| {
            let name = format!(
                "cop_test_{}_{}",
                std::process::id(),
                DATABASES.fetch_add(1, Ordering::Relaxed)
            );
            let create = match template {
                Some(template) => format!("CREATE DATABASE {name} TEMPLATE {template}"),
                None => format!("CREATE DATABASE {name}"),
            };
            psql(&format!("{server}/postgres"), &create);
            (server, name)
        });
        Data {
            path,
            postgres,
            _dir: dir,
        }
    }

    fn database_url(&self) -> Option<String> {
        self.postgres
            .as_ref()
            .map(|(server, name)| format!("{server}/{name}"))
    }

    fn database_args(&self) -> Vec<String> {
        self.database_url()
            .map(|url| vec!["--database-url".to_owned(), url])
            .unwrap_or_default()
    }

    /// One SQL statement's answer from the test's PostgreSQL database (unaligned, tuples only).
    fn psql(&self, sql: &str) -> String {
        let url = self.database_url().expect("a PostgreSQL test");
        psql(&url, sql)
    }
}

impl Deref for Data {
    type Target = Path;
    fn deref(&self) -> &Path {
        &self.path
    }
}

impl Drop for Data {
    fn drop(&mut self) {
        if let Some((server, name)) = &self.postgres {
            // The test's servers are stopped by now (declared after their data).
            let _ = Command::new("psql")
                .arg(format!("{server}/postgres"))
                .args([
                    "-q",
                    "-c",
                    &format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)"),
                ])
                .stdout(Stdio::null())
                .stderr(Stdio::null())
                .status();
        }
    }
}

/// `COP_TEST_POSTGRES`: the PostgreSQL server to make each test's database on, if any.
fn postgres_server() -> Option<String> {
    std::env::var("COP_TEST_POSTGRES")
        .ok()
        .map(|url| url.trim().trim_end_matches('/').to_owned())
        .filter(|url| !url.is_empty())
}

fn psql(url: &str, sql: &str) -> String {
    let out = Command::new("psql")
        .arg(url)
        .args(["-X", "-q", "-t", "-A", "-v", "ON_ERROR_STOP=1", "-c", sql])
        .output()
        .expect("psql runs");
    assert!(
        out.status.success(),
        "psql {sql}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap().trim().to_owned()
}

// ---- The demo data, loaded once per run and copied for each test ----
//
// Loading the demo (50 communities, 150,000 rows of activity) is most of a server's start:
// seconds on SQLite, more on PostgreSQL. So a test run loads it once per day it is dated from
// (a "seed": a server started on an empty database, then stopped), and each test gets a copy:
// the SQLite file copied into its data directory, or on PostgreSQL a database created with the
// seed as its template. A copy is the database a server would have made: the tests that
// exercise the first start itself (migrations, the demo's load) start from `Data::empty()`.

/// A test's own database with the demo data a server started with `args` would load: dated
/// from their `--today` (or the clock's day). With `--no-demo` or `--demo-scale`, an empty one
/// (the server does what those say).
async fn seeded(args: &[&str]) -> Data {
    if args
        .iter()
        .any(|a| *a == "--no-demo" || *a == "--demo-scale")
    {
        return Data::empty();
    }
    let today = args
        .iter()
        .position(|a| *a == "--today")
        .map(|at| args[at + 1].to_owned());
    let seed = seed(today).await;
    match &seed.template {
        Some(template) => Data::new(postgres_server(), Some(template)),
        None => {
            let data = Data::new(None, None);
            std::fs::create_dir_all(&data.path).unwrap();
            for file in std::fs::read_dir(&seed.data_dir).unwrap() {
                let file = file.unwrap();
                std::fs::copy(file.path(), data.path.join(file.file_name())).unwrap();
            }
            data
        }
    }
}

/// The run's demo data as of one day: a SQLite data directory (under `target/tmp`), or a
/// PostgreSQL database no one may connect to, a template for the tests' databases.
struct Seed {
    data_dir: PathBuf,
    template: Option<String>,
}

/// The seed for `today` (`None`: the clock's day), made by the first test that needs it; the
/// others wait for it.
async fn seed(today: Option<String>) -> &'static Seed {
    type Cell = tokio::sync::OnceCell<Seed>;
    static SEEDS: Mutex<BTreeMap<Option<String>, &'static Cell>> = Mutex::new(BTreeMap::new());
    let cell: &'static Cell = *SEEDS
        .lock()
        .unwrap()
        .entry(today.clone())
        .or_insert_with(|| Box::leak(Box::new(Cell::new())));
    cell.get_or_init(|| make_seed(today)).await
}

async fn make_seed(today: Option<String>) -> Seed {
    static STALE: std::sync::Once = std::sync::Once::new();
    STALE.call_once(remove_stale_seeds);
    let day = today.as_deref().unwrap_or("clock");
    let data_dir = seeds_dir()
        .join(format!("{}-{day}", std::process::id()))
        .join("data");
    let _ = std::fs::remove_dir_all(&data_dir);
    std::fs::create_dir_all(&data_dir).unwrap();
    let server = postgres_server();
    let template = server.as_ref().map(|server| {
        let name = format!("cop_seed_{}_{}", std::process::id(), day.replace('-', "_"));
        psql(
            &format!("{server}/postgres"),
            &format!("CREATE DATABASE {name}"),
        );
        name
    });
    let url = server.as_ref().zip(template.as_ref());
    let mut args = vec!["--identity", "open"];
    if let Some(today) = &today {
        args.extend(["--today", today]);
    }
    let loading = Server::start_at(
        &data_dir,
        url.map(|(server, name)| format!("{server}/{name}")),
        &args,
    )
    .await;
    assert!(
        loading.stop().success(),
        "the seed's server stops cleanly (SQLite: its WAL checkpointed into the file)"
    );
    if let Some((server, name)) = url {
        // A template must have no connections while it is copied: allow none.
        psql(
            &format!("{server}/postgres"),
            &format!("ALTER DATABASE {name} WITH ALLOW_CONNECTIONS false"),
        );
    }
    Seed { data_dir, template }
}

/// Where the seeds' SQLite files are: `target/tmp/cop-server-api-seeds/<process id>-<day>`.
fn seeds_dir() -> PathBuf {
    Path::new(env!("CARGO_TARGET_TMPDIR")).join("cop-server-api-seeds")
}

/// A test run cannot remove its seeds when its last test ends (the harness has no such hook),
/// so each run removes those of earlier runs, whose process is gone: their directories, and
/// on PostgreSQL their template databases (named `cop_seed_<process id>_<day>`). Where there
/// is no `/proc` to tell, nothing is removed.
fn remove_stale_seeds() {
    let gone = |pid: &str| {
        Path::new("/proc/self").exists()
            && pid.parse::<u32>().is_ok()
            && !Path::new("/proc").join(pid).exists()
    };
    for entry in std::fs::read_dir(seeds_dir()).into_iter().flatten() {
        let entry = entry.unwrap();
        let name = entry.file_name().to_string_lossy().into_owned();
        if gone(name.split('-').next().unwrap()) {
            let _ = std::fs::remove_dir_all(entry.path());
        }
    }
    if let Some(server) = postgres_server() {
        let admin = format!("{server}/postgres");
        let seeds = psql(
            &admin,
            r"SELECT datname FROM pg_database WHERE datname LIKE 'cop\_seed\_%'",
        );
        for name in seeds.lines() {
            if gone(name.split('_').nth(2).unwrap_or("")) {
                psql(&admin, &format!("DROP DATABASE IF EXISTS {name}"));
            }
        }
    }
}

async fn problem(response: reqwest::Response) -> (StatusCode, Value) {
    let status = response.status();
    assert_eq!(
        response.headers()["content-type"],
        "application/problem+json",
        "errors are problem details"
    );
    (status, response.json().await.unwrap())
}

async fn join(
    server: &Server,
    token: Option<&str>,
    body: &str,
    key: Option<&str>,
) -> reqwest::Response {
    let mut request = server
        .client
        .post(server.url("/api/communities/teachers/members"))
        .header("content-type", "application/json")
        .body(body.to_owned());
    if let Some(token) = token {
        request = request.bearer_auth(token);
    }
    if let Some(key) = key {
        request = request.header("Idempotency-Key", key);
    }
    request.send().await.unwrap()
}

#[tokio::test]
async fn serves_the_demo_data_paged() {
    let (_data, server) = serve(&JWT).await;
    let community: Value = server
        .client
        .get(server.url("/api/communities/teachers"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(community["name"], "Teachers' network");
    assert_eq!(community["member_count"], 220);

    let mut seen = Vec::new();
    let mut cursor: Option<String> = None;
    loop {
        let query = match &cursor {
            Some(c) => format!("?limit=100&cursor={c}"),
            None => "?limit=100".into(),
        };
        let page: Value = server
            .client
            .get(server.url(&format!("/api/communities/teachers/members{query}")))
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        seen.extend(
            page["items"]
                .as_array()
                .unwrap()
                .iter()
                .map(|m| m["id"].as_str().unwrap().to_owned()),
        );
        match page["next"].as_str() {
            Some(next) => cursor = Some(next.to_owned()),
            None => break,
        }
    }
    assert_eq!(seen.len(), 220, "three pages cover every member once");
    seen.dedup();
    assert_eq!(seen.len(), 220);

    let (status, body) = problem(
        server
            .client
            .get(server.url("/api/communities/teachers/members?limit=500"))
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(
        (status, body["detail"].as_str().unwrap()),
        (
            StatusCode::BAD_REQUEST,
            "`limit` must be a whole number from 1 to 100; got “500”."
        )
    );
    let (status, _) = problem(
        server
            .client
            .get(server.url("/api/communities/nope"))
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(status, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn cors_allows_configured_origins_with_credentials_and_refuses_others() {
    let (_data, server) = serve(&JWT).await;
    let preflight = server
        .client
        .request(
            reqwest::Method::OPTIONS,
            server.url("/api/communities/teachers/members"),
        )
        .header("Origin", "https://intranet.example.org")
        .header("Access-Control-Request-Method", "POST")
        .header(
            "Access-Control-Request-Headers",
            "authorization, content-type, idempotency-key",
        )
        .send()
        .await
        .unwrap();
    assert_eq!(preflight.status(), StatusCode::NO_CONTENT);
    assert_eq!(
        preflight.headers()["access-control-allow-origin"],
        "https://intranet.example.org"
    );
    assert_eq!(
        preflight.headers()["access-control-allow-credentials"],
        "true"
    );
    assert!(preflight.headers()["access-control-allow-headers"]
        .to_str()
        .unwrap()
        .contains("Idempotency-Key"));

    let allowed = server
        .client
        .get(server.url("/api/communities"))
        .header("Origin", "https://intranet.example.org")
        .send()
        .await
        .unwrap();
    assert_eq!(allowed.status(), StatusCode::OK);
    assert_eq!(
        allowed.headers()["access-control-allow-origin"],
        "https://intranet.example.org"
    );

    let refused = server
        .client
        .get(server.url("/api/communities"))
        .header("Origin", "https://evil.example")
        .send()
        .await
        .unwrap();
    assert!(refused
        .headers()
        .get("access-control-allow-origin")
        .is_none());
    let (status, body) = problem(refused).await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    assert_eq!(
        body["detail"],
        "This API does not accept requests from pages on https://evil.example. Its administrator can allow them with --allowed-origin https://evil.example."
    );

    // The bundle itself may be embedded anywhere.
    let bundle = server
        .client
        .get(server.url("/healthz"))
        .header("Origin", "https://evil.example")
        .send()
        .await
        .unwrap();
    assert_eq!(bundle.status(), StatusCode::OK);
}

#[tokio::test]
async fn writes_need_a_valid_unexpired_token_signed_with_the_shared_secret() {
    let (_data, server) = serve(&JWT).await;
    let body = r#"{"display_name": "Amina Diallo"}"#;

    let (status, problem_body) = problem(join(&server, None, body, None).await).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    assert_eq!(
        problem_body["detail"],
        "Send the member's token as `Authorization: Bearer <token>`."
    );

    let expired = token("m-500", -3600, SECRET);
    let (status, problem_body) = problem(join(&server, Some(&expired), body, None).await).await;
    assert_eq!(
        (status, problem_body["detail"].as_str().unwrap()),
        (
            StatusCode::UNAUTHORIZED,
            "The token has expired: the page must fetch a new one."
        )
    );

    let forged = token(
        "m-500",
        3600,
        "not-the-secret-of-this-server-0123456789abcdef",
    );
    let (status, problem_body) = problem(join(&server, Some(&forged), body, None).await).await;
    assert_eq!(
        (status, problem_body["detail"].as_str().unwrap()),
        (
            StatusCode::UNAUTHORIZED,
            "The token's signature is not valid for this server."
        )
    );

    let valid = token("m-500", 3600, SECRET);
    let response = join(
        &server,
        Some(&valid),
        r#"{"display_name": "Amina Diallo", "id": "m-1"}"#,
        None,
    )
    .await;
    assert_eq!(response.status(), StatusCode::CREATED);
    let member: Value = response.json().await.unwrap();
    assert_eq!(
        member,
        json!({ "id": "m-500", "display_name": "Amina Diallo" }),
        "the id comes from the token, never the body"
    );

    let me: Value = server
        .client
        .get(server.url("/api/me"))
        .bearer_auth(&valid)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(me["id"], "m-500");
    let community: Value = server
        .client
        .get(server.url("/api/communities/teachers"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(community["member_count"], 221);
}

#[tokio::test]
async fn invalid_bodies_name_each_field_and_oversized_ones_are_refused() {
    let (_data, server) = serve(&JWT).await;
    let valid = token("m-501", 3600, SECRET);

    let (status, body) =
        problem(join(&server, Some(&valid), r#"{"display_name": "  \n"}"#, None).await).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    let codes: Vec<&str> = body["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["code"].as_str().unwrap())
        .collect();
    assert_eq!(codes, ["required", "control-characters"]);
    assert!(body["errors"]
        .as_array()
        .unwrap()
        .iter()
        .all(|e| e["pointer"] == "/display_name"));

    let (status, body) = problem(join(&server, Some(&valid), "{not json", None).await).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert!(body["detail"]
        .as_str()
        .unwrap()
        .starts_with("The body must be JSON like"));

    let huge = format!(r#"{{"display_name": "{}"}}"#, "x".repeat(20_000));
    let (status, body) = problem(join(&server, Some(&valid), &huge, None).await).await;
    assert_eq!(status, StatusCode::PAYLOAD_TOO_LARGE);
    assert_eq!(
        body["detail"],
        "The body is larger than the 16384 bytes this server accepts."
    );
}

#[tokio::test]
async fn a_retried_post_with_the_same_idempotency_key_stores_once() {
    let (_data, server) = serve(&JWT).await;
    let valid = token("m-502", 3600, SECRET);
    let body = r#"{"display_name": "Lucas Schmidt"}"#;

    let first = join(&server, Some(&valid), body, Some("join-teachers-1")).await;
    assert_eq!(first.status(), StatusCode::CREATED);
    let first_body = first.text().await.unwrap();
    let retry = join(&server, Some(&valid), body, Some("join-teachers-1")).await;
    assert_eq!(
        retry.status(),
        StatusCode::CREATED,
        "the first answer, replayed"
    );
    assert_eq!(retry.headers()["idempotent-replayed"], "true");
    assert_eq!(retry.text().await.unwrap(), first_body);
    let community: Value = server
        .client
        .get(server.url("/api/communities/teachers"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(community["member_count"], 221, "stored once");

    let (status, problem_body) = problem(
        join(
            &server,
            Some(&valid),
            r#"{"display_name": "Someone else"}"#,
            Some("join-teachers-1"),
        )
        .await,
    )
    .await;
    assert_eq!(
        (status, problem_body["title"].as_str().unwrap()),
        (StatusCode::UNPROCESSABLE_ENTITY, "Idempotency-Key reused")
    );

    // Keys are per member: another member's same key is another write.
    let other = token("m-503", 3600, SECRET);
    assert_eq!(
        join(&server, Some(&other), body, Some("join-teachers-1"))
            .await
            .status(),
        StatusCode::CREATED
    );
}

#[tokio::test]
async fn proxy_and_open_identity_modes() {
    let (_data, server) = serve(&["--identity", "proxy", "--proxy-header", "X-Remote-User"]).await;
    let body = r#"{"display_name": "Mei Chen"}"#;
    let response = server
        .client
        .post(server.url("/api/communities/teachers/members"))
        .header("X-Remote-User", "m-600")
        .header("content-type", "application/json")
        .body(body)
        .send()
        .await
        .unwrap();
    assert_eq!(response.json::<Value>().await.unwrap()["id"], "m-600");
    let (status, _) = problem(join(&server, None, body, None).await).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    drop(server);

    let (_data2, open) = serve(&["--identity", "open"]).await;
    let response = join(&open, None, body, None).await;
    assert_eq!(response.json::<Value>().await.unwrap()["id"], "demo-member");
}

#[tokio::test]
async fn jwt_mode_refuses_to_start_without_a_strong_secret() {
    let data = Data::empty();
    let output = Command::new(env!("CARGO_BIN_EXE_cop-server"))
        .args(["--listen", "127.0.0.1:0", "--data-dir"])
        .arg(&data.path)
        .args(data.database_args())
        .args(["--identity", "jwt", "--jwt-secret", "short"])
        .output()
        .unwrap();
    assert!(!output.status.success());
    let text = String::from_utf8_lossy(&output.stdout) + String::from_utf8_lossy(&output.stderr);
    assert!(text.contains("--identity jwt needs --jwt-secret"), "{text}");
}

#[tokio::test]
async fn a_restart_keeps_the_data_and_never_overwrites_it_with_demo_data() {
    let (data, server) = serve(&JWT).await;
    // m-1 is a demo member; renaming them is a write the demo data must not undo.
    let m1 = token("m-1", 3600, SECRET);
    assert_eq!(
        join(
            &server,
            Some(&m1),
            r#"{"display_name": "Renamed Coordinator"}"#,
            None
        )
        .await
        .status(),
        StatusCode::OK
    );
    let newcomer = token("m-700", 3600, SECRET);
    assert_eq!(
        join(
            &server,
            Some(&newcomer),
            r#"{"display_name": "Newcomer"}"#,
            None
        )
        .await
        .status(),
        StatusCode::CREATED
    );
    assert!(server.stop().success(), "a clean exit on SIGTERM");
    match &data.postgres {
        None => assert!(data.join("cop.sqlite3").exists()),
        Some(_) => {
            assert!(
                !data.join("cop.sqlite3").exists(),
                "with --database-url, no SQLite file"
            );
            assert_eq!(
                data.psql("SELECT display_name FROM members WHERE id = 'm-1'"),
                "Renamed Coordinator",
                "the data is in PostgreSQL"
            );
        }
    }

    let server = Server::start(
        &data,
        &["--identity", "jwt", "--jwt-secret", SECRET, "--load-demo"],
    )
    .await;
    let me: Value = server
        .client
        .get(server.url("/api/me"))
        .bearer_auth(&m1)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(me["display_name"], "Renamed Coordinator");
    assert_eq!(me["roles"], json!(["coordinator"]));
    let community: Value = server
        .client
        .get(server.url("/api/communities/teachers"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(community["member_count"], 221);
}

#[tokio::test]
async fn sigterm_lets_requests_in_flight_finish() {
    let (_data, server) = serve(&["--identity", "open", "--fixtures"]).await;
    let slow = tokio::spawn({
        let (client, url) = (server.client.clone(), server.url("/fixtures/slow/800"));
        async move { client.get(url).send().await.map(|r| r.status()) }
    });
    tokio::time::sleep(Duration::from_millis(200)).await;
    let pid = server.child.id();
    Command::new("kill")
        .args(["-TERM", &pid.to_string()])
        .status()
        .unwrap();
    assert_eq!(
        slow.await.unwrap().unwrap(),
        StatusCode::OK,
        "the request in flight got its answer"
    );
    assert!(server.stop().success());
}

#[tokio::test]
async fn serves_the_bundle_with_the_right_types_compression_and_cache_headers() {
    // A bundle directory of its own, laid out as scripts/build.sh lays out pkg/.
    let files = tempfile::tempdir().unwrap();
    let bundle = files.path().join("bundle");
    std::fs::create_dir_all(&bundle).unwrap();
    let script = "/* loader */ ".repeat(100);
    std::fs::write(bundle.join("cop-widgets.js"), &script).unwrap();
    std::fs::write(bundle.join("cop_widgets-0123456789abcdef.js"), &script).unwrap();
    std::fs::write(
        bundle.join("cop_widgets_bg-0123456789abcdef.wasm"),
        b"\0asm\x01\0\0\0".repeat(100),
    )
    .unwrap();
    // The build's precompressed copy of the wasm (scripts/precompress.mjs): marked so that a
    // test can tell it was sent as it is, not compressed again.
    let precompressed = b"precompressed gzip bytes of the wasm".to_vec();
    std::fs::write(
        bundle.join("cop_widgets_bg-0123456789abcdef.wasm.gz"),
        &precompressed,
    )
    .unwrap();
    let bundle_arg = bundle.to_str().unwrap();
    let (_data, server) = serve(&["--identity", "open", "--bundle-dir", bundle_arg]).await;
    let get = |path: &str| {
        server
            .client
            .get(server.url(path))
            .header("Accept-Encoding", "gzip")
            .send()
    };

    assert_eq!(get("/healthz").await.unwrap().text().await.unwrap(), "ok");
    let served: Value = server
        .client
        .get(server.url("/api/openapi.json"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(
        served,
        cop_core_document(),
        "the served document is the committed one"
    );

    let loader = get("/cop-widgets.js").await.unwrap();
    assert_eq!(
        loader.headers()["cache-control"],
        "public, max-age=300",
        "the loader keeps its name: short cache"
    );
    assert_eq!(loader.headers()["content-encoding"], "gzip");
    assert_eq!(loader.headers()["access-control-allow-origin"], "*");
    assert!(loader.headers()["content-type"]
        .to_str()
        .unwrap()
        .starts_with("text/javascript"));

    let glue = get("/cop_widgets-0123456789abcdef.js").await.unwrap();
    assert_eq!(
        glue.headers()["cache-control"],
        "public, max-age=31536000, immutable"
    );
    let wasm = get("/cop_widgets_bg-0123456789abcdef.wasm").await.unwrap();
    assert_eq!(wasm.headers()["content-type"], "application/wasm");
    assert_eq!(
        wasm.headers()["cache-control"],
        "public, max-age=31536000, immutable"
    );
    assert_eq!(wasm.headers()["content-encoding"], "gzip");
    assert_eq!(
        wasm.bytes().await.unwrap().to_vec(),
        precompressed,
        "the build's .gz copy, sent as it is"
    );

    let page = server
        .client
        .get(server.url("/index.html"))
        .header("Accept-Encoding", "br")
        .send()
        .await
        .unwrap();
    assert_eq!(
        page.headers()["content-encoding"],
        "br",
        "pages come from www/ after the bundle"
    );
    assert_eq!(page.headers()["cache-control"], "no-cache");
    let missing = get("/nothing-here.js").await.unwrap();
    assert_eq!(missing.status(), StatusCode::NOT_FOUND);
}

fn cop_core_document() -> Value {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../openapi/openapi.json");
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

async fn get_json(server: &Server, path: &str) -> (StatusCode, Value) {
    let response = server.client.get(server.url(path)).send().await.unwrap();
    (response.status(), response.json().await.unwrap())
}

/// A GET by `member` (open identity mode).
async fn get_as(server: &Server, path: &str, member: &str) -> (StatusCode, Value) {
    let response = server
        .client
        .get(server.url(path))
        .header("X-Demo-Member", member)
        .send()
        .await
        .unwrap();
    (response.status(), response.json().await.unwrap())
}

#[tokio::test]
async fn a_members_participation_level_trajectory_and_next_step() {
    let (_data, server) = serve(&OPEN_TODAY).await;

    let (status, coordinator) = get_json(
        &server,
        "/api/communities/teachers/members/m-1/participation",
    )
    .await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(coordinator["level"], "core");
    assert_eq!(coordinator["roles"], json!(["coordinator"]));
    assert_eq!(coordinator["as_of"], "2026-11-23");
    assert_eq!(coordinator["weekly"].as_array().unwrap().len(), 12);
    assert!(
        coordinator.get("next_step").is_none(),
        "nothing further in than the core"
    );

    let (_, newcomer) = get_json(
        &server,
        "/api/communities/teachers/members/m-200/participation",
    )
    .await;
    assert_eq!(newcomer["level"], "peripheral");
    assert_eq!(newcomer["next_step"]["level"], "occasional");
    assert_eq!(newcomer["roles"], json!(["newcomer"]));

    // m-101 takes part here occasionally and in the case clinic too: a broker.
    let (_, broker) = get_json(
        &server,
        "/api/communities/teachers/members/m-101/participation",
    )
    .await;
    assert_eq!(
        (broker["level"].as_str(), broker["trajectory"].as_str()),
        (Some("occasional"), Some("boundary"))
    );

    let (status, body) = get_json(
        &server,
        "/api/communities/teachers/members/w-5/participation",
    )
    .await;
    assert_eq!(
        (status, body["detail"].as_str().unwrap()),
        (
            StatusCode::NOT_FOUND,
            "“w-5” is not a member of “teachers”."
        )
    );
}

#[tokio::test]
async fn a_batch_answers_a_whole_directory_in_one_request() {
    let (_data, server) = serve(&OPEN_TODAY).await;
    let ids: Vec<String> = (1..=300).map(|n| format!("m-{n}")).collect();
    let (status, batch) = get_json(
        &server,
        &format!(
            "/api/communities/teachers/participation?members={}",
            ids.join(",")
        ),
    )
    .await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(batch["items"].as_array().unwrap().len(), 220);
    assert_eq!(
        batch["unknown"].as_array().unwrap().len(),
        80,
        "m-221 … m-300 are not members"
    );
    assert_eq!(
        batch["not_found"], batch["unknown"],
        "…of any community: no one has those ids"
    );
    // The same answer, member by member, as the single endpoint gives.
    let (_, single) = get_json(
        &server,
        "/api/communities/teachers/members/m-42/participation",
    )
    .await;
    let in_batch = batch["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["member"] == "m-42")
        .unwrap();
    assert_eq!(*in_batch, single);

    // Items come in the order asked, repeats once, so a client finds each at its position.
    let (_, ordered) = get_json(
        &server,
        "/api/communities/teachers/participation?members=m-5,m-3,m-5,m-400,m-4",
    )
    .await;
    let order: Vec<&str> = ordered["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|item| item["member"].as_str().unwrap())
        .collect();
    assert_eq!(order, ["m-5", "m-3", "m-4"]);

    let too_many: Vec<String> = (1..=501).map(|n| format!("m-{n}")).collect();
    let (status, _) = get_json(
        &server,
        &format!(
            "/api/communities/teachers/participation?members={}",
            too_many.join(",")
        ),
    )
    .await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    let (status, body) =
        get_json(&server, "/api/communities/teachers/participation?members=").await;
    assert_eq!(
        (status, body["detail"].as_str().unwrap()),
        (
            StatusCode::BAD_REQUEST,
            "`members` must list 1 to 500 member ids, comma-separated; got 0."
        )
    );
}

#[tokio::test]
async fn a_communitys_distribution_is_its_health_check() {
    let (_data, server) = serve(&OPEN_TODAY).await;
    let (status, teachers) = get_json(&server, "/api/communities/teachers/distribution").await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(teachers["members"], 220);
    assert_eq!(teachers["health"], "alive");
    let levels = teachers["levels"].as_array().unwrap();
    assert_eq!(
        levels
            .iter()
            .map(|l| l["level"].as_str().unwrap())
            .collect::<Vec<_>>(),
        [
            "core",
            "active",
            "occasional",
            "peripheral",
            "transactional"
        ]
    );
    assert_eq!(levels[0]["typical"], json!([10, 15]));
    assert_eq!(
        levels
            .iter()
            .map(|l| l["count"].as_u64().unwrap())
            .sum::<u64>(),
        220
    );
    let (_, engineers) = get_json(&server, "/api/communities/water-engineers/distribution").await;
    assert_eq!(engineers["health"], "thin-core");
}

#[tokio::test]
async fn a_communitys_distribution_carries_its_name_for_the_badges_title() {
    let (_data, server) = serve(&OPEN_TODAY).await;
    for (id, name) in [
        ("teachers", "Teachers' network"),
        ("water-engineers", "Water engineers"),
        ("case-clinic", "Case clinic"),
    ] {
        let (status, distribution) =
            get_json(&server, &format!("/api/communities/{id}/distribution")).await;
        assert_eq!(status, StatusCode::OK);
        assert_eq!(
            (
                distribution["community"].as_str(),
                distribution["name"].as_str()
            ),
            (Some(id), Some(name))
        );
    }
}

#[tokio::test]
async fn members_of_no_community_are_told_apart_from_members_of_another() {
    let (_data, server) = serve(&OPEN_TODAY).await;

    // m-42 is a teacher, not in the case clinic (which has m-101 … m-130 and c-31 … c-48);
    // w-5 is a water engineer; no one has the id no-such-member.
    let (status, batch) = get_json(
        &server,
        "/api/communities/case-clinic/participation?members=m-101,m-42,no-such-member,w-5",
    )
    .await;
    assert_eq!(status, StatusCode::OK);
    let ids = |key: &str| -> Vec<String> {
        batch[key]
            .as_array()
            .unwrap_or_else(|| panic!("{key} is listed"))
            .iter()
            .map(|id| id.as_str().unwrap().to_owned())
            .collect()
    };
    assert_eq!(batch["items"].as_array().unwrap().len(), 1);
    assert_eq!(batch["items"][0]["member"], "m-101");
    assert_eq!(
        ids("unknown"),
        ["m-42", "no-such-member", "w-5"],
        "unknown is every requested id not in the community, as before"
    );
    assert_eq!(ids("not_found"), ["no-such-member"]);

    // When every unknown id is a member elsewhere, not_found is left out.
    let (_, batch) = get_json(
        &server,
        "/api/communities/case-clinic/participation?members=m-101,m-42",
    )
    .await;
    assert_eq!(batch["unknown"], json!(["m-42"]));
    assert!(batch.get("not_found").is_none(), "{batch}");
    // …and both are left out when everyone asked for is in the community.
    let (_, batch) = get_json(
        &server,
        "/api/communities/case-clinic/participation?members=m-101,c-31",
    )
    .await;
    assert!(
        batch.get("unknown").is_none() && batch.get("not_found").is_none(),
        "{batch}"
    );

    // The single endpoint's 404 says which of the two it is.
    let single = |member: &str| {
        server
            .client
            .get(server.url(&format!(
                "/api/communities/case-clinic/members/{member}/participation"
            )))
            .send()
    };
    let (status, body) = problem(single("m-42").await.unwrap()).await;
    assert_eq!(
        (status, body["detail"].as_str().unwrap()),
        (
            StatusCode::NOT_FOUND,
            "“m-42” is not a member of “case-clinic”."
        )
    );
    let (status, body) = problem(single("no-such-member").await.unwrap()).await;
    assert_eq!(
        (status, body["detail"].as_str().unwrap()),
        (
            StatusCode::NOT_FOUND,
            "No member has the id “no-such-member”."
        )
    );
}

#[tokio::test]
async fn recording_activity_moves_a_member_inward_once_per_idempotency_key() {
    let (_data, server) = serve(&OPEN_TODAY).await;
    let record = |member: &str, body: &str, key: Option<&str>| {
        let mut request = server
            .client
            .post(server.url("/api/communities/teachers/activity"))
            .header("X-Demo-Member", member)
            .header("content-type", "application/json")
            .body(body.to_owned());
        if let Some(key) = key {
            request = request.header("Idempotency-Key", key);
        }
        request.send()
    };
    // A member who has just joined: no activity at all.
    let silent = "fresh-member".to_owned();
    let joined = server
        .client
        .post(server.url("/api/communities/teachers/members"))
        .header("X-Demo-Member", &silent)
        .header("content-type", "application/json")
        .body(r#"{"display_name": "Fresh Member"}"#)
        .send()
        .await
        .unwrap();
    assert_eq!(joined.status(), StatusCode::CREATED);
    let first = record(&silent, r#"{"kind": "reply", "count": 2}"#, Some("reply-1"))
        .await
        .unwrap();
    assert_eq!(first.status(), StatusCode::CREATED);
    let after: Value = first.json().await.unwrap();
    assert_eq!(after["weekly"][11], 2, "this week's two replies");
    assert_eq!(
        after["level"], "peripheral",
        "one day active is not yet occasional"
    );
    assert_eq!(
        after["next_step"]["missing"],
        json!([{ "measure": "days_active", "count": 2 }])
    );
    let retry = record(&silent, r#"{"kind": "reply", "count": 2}"#, Some("reply-1"))
        .await
        .unwrap();
    assert_eq!(retry.headers()["idempotent-replayed"], "true");
    let (_, now) = get_json(
        &server,
        &format!("/api/communities/teachers/members/{silent}/participation"),
    )
    .await;
    assert_eq!(now["weekly"][11], 2, "stored once");

    let (status, body) = problem(
        record(&silent, r#"{"kind": "like", "count": 0}"#, None)
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    let pointers: Vec<&str> = body["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["pointer"].as_str().unwrap())
        .collect();
    assert_eq!(pointers, ["/kind", "/count"]);
    let (status, body) = problem(
        record("stranger", r#"{"kind": "visit"}"#, None)
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(
        (status, body["detail"].as_str().unwrap()),
        (
            StatusCode::NOT_FOUND,
            "“stranger” is not a member of “teachers”: join it first."
        )
    );
}

#[tokio::test]
async fn a_members_level_exports_as_an_open_badges_3_credential() {
    let (_data, server) = serve(&OPEN_TODAY).await;
    let (status, credential) =
        get_json(&server, "/api/communities/teachers/members/m-1/open-badge").await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(
        credential["type"],
        json!(["VerifiableCredential", "OpenBadgeCredential"])
    );
    assert_eq!(
        credential["@context"][1],
        "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"
    );
    assert_eq!(credential["issuer"]["name"], "Teachers' network");
    assert_eq!(credential["validFrom"], "2026-11-23T00:00:00Z");
    let subject = &credential["credentialSubject"];
    assert_eq!(subject["type"], json!(["AchievementSubject"]));
    assert_eq!(subject["achievement"]["name"], "Core group");
    assert!(subject["achievement"]["criteria"]["narrative"]
        .as_str()
        .unwrap()
        .contains("within the last 100 days, at least 20 participations"));
    assert!(subject["id"]
        .as_str()
        .unwrap()
        .ends_with("/api/communities/teachers/members/m-1"));
    let (status, _) = get_json(
        &server,
        "/api/communities/teachers/members/nobody/open-badge",
    )
    .await;
    assert_eq!(status, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn only_the_coordinator_sets_the_thresholds_and_they_change_the_levels() {
    let (_data, server) = serve(&OPEN_TODAY).await;
    let (status, defaults) = get_json(&server, "/api/communities/teachers/thresholds").await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(
        defaults["core"],
        json!({ "contributions": 5, "days_active": 30, "participations": 20 })
    );
    assert_eq!(
        (
            defaults["window_days"].as_u64(),
            defaults["grace_days"].as_u64()
        ),
        (Some(100), Some(14))
    );
    let (_, before) = get_json(&server, "/api/communities/teachers/distribution").await;
    assert_eq!(before["health"], "alive");

    let mut demanding = defaults.clone();
    demanding["core"]["participations"] = json!(1000);
    let put = |member: &str, body: &Value| {
        server
            .client
            .put(server.url("/api/communities/teachers/thresholds"))
            .header("X-Demo-Member", member)
            .json(body)
            .send()
    };
    let (status, body) = problem(put("m-2", &demanding).await.unwrap()).await;
    assert_eq!(
        status,
        StatusCode::FORBIDDEN,
        "m-2 is a leader, not the coordinator"
    );
    assert_eq!(
        body["detail"],
        "Only a coordinator of “teachers” may change its thresholds; “m-2” is not one."
    );

    let response = put("m-1", &demanding).await.unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    let (_, after) = get_json(&server, "/api/communities/teachers/distribution").await;
    assert_eq!(
        after["levels"][0]["count"], 0,
        "no one reaches 1000 participations in 100 days"
    );
    assert_eq!(after["health"], "thin-core");
    let (_, other) = get_json(&server, "/api/communities/case-clinic/thresholds").await;
    assert_eq!(
        other["core"], defaults["core"],
        "one community's thresholds are its own"
    );

    let mut invalid = defaults.clone();
    invalid["grace_days"] = json!(90);
    invalid["active"]["likes"] = json!(3);
    let (status, body) = problem(put("m-1", &invalid).await.unwrap()).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    let pointers: Vec<&str> = body["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["pointer"].as_str().unwrap())
        .collect();
    assert_eq!(pointers, ["/active/likes", "/grace_days"]);
}

fn post_story<'a>(
    server: &'a Server,
    member: &'a str,
    body: Value,
    key: Option<&'a str>,
) -> impl std::future::Future<Output = reqwest::Result<reqwest::Response>> + 'a {
    let mut request = server
        .client
        .post(server.url("/api/communities/teachers/stories"))
        .header("X-Demo-Member", member)
        .json(&body);
    if let Some(key) = key {
        request = request.header("Idempotency-Key", key);
    }
    request.send()
}

#[tokio::test]
async fn stories_are_stored_as_plain_text_in_the_templates_order() {
    let (_data, server) = serve(&["--identity", "open"]).await;
    let body = json!({
        "title": "  <script>alert('title')</script> Peer review  ",
        "answers": { "applied": "It did <b>not</b> apply.", "immediate": "A webinar & a call\non peer review." },
        "links": ["https://intranet.example.org/doc?id=1&x=<y>"],
        "tags": ["  Peer   Review ", "peer review", "Lesson plans"],
        "share_with_sponsors": true,
    });
    let invalid_link = post_story(&server, "m-5", body.clone(), None)
        .await
        .unwrap();
    let (status, problem_body) = problem(invalid_link).await;
    assert_eq!(
        status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "< and > are not allowed in a link"
    );
    assert_eq!(problem_body["errors"][0]["pointer"], "/links/0");

    let mut body = body;
    body["links"] = json!(["https://intranet.example.org/doc?id=1"]);
    let created = post_story(&server, "m-5", body, Some("story-1"))
        .await
        .unwrap();
    assert_eq!(created.status(), StatusCode::CREATED);
    let story: Value = created.json().await.unwrap();
    assert_eq!(
        story["title"], "<script>alert('title')</script> Peer review",
        "trimmed, never interpreted"
    );
    assert_eq!(
        story["answers"],
        json!([
            { "cycle": "immediate", "text": "A webinar & a call\non peer review." },
            { "cycle": "applied", "text": "It did <b>not</b> apply." },
        ])
    );
    assert_eq!(
        story["tags"],
        json!(["lesson plans", "peer review"]),
        "normalised and de-duplicated"
    );
    assert_eq!(story["author"]["id"], "m-5");

    let (status, again) = get_as(
        &server,
        &format!(
            "/api/communities/teachers/stories/{}",
            story["id"].as_str().unwrap()
        ),
        "m-5",
    )
    .await;
    assert_eq!((status, &again), (StatusCode::OK, &story));
    // m-101 is in both communities.
    let (status, _) = get_as(
        &server,
        &format!(
            "/api/communities/case-clinic/stories/{}",
            story["id"].as_str().unwrap()
        ),
        "m-101",
    )
    .await;
    assert_eq!(
        status,
        StatusCode::NOT_FOUND,
        "a story belongs to its community"
    );
}

#[tokio::test]
async fn story_rules_idempotency_and_membership() {
    let (_data, server) = serve(&["--identity", "open"]).await;
    let (status, body) = problem(
        post_story(
            &server,
            "m-5",
            json!({ "title": "", "answers": { "feelings": "x" } }),
            None,
        )
        .await
        .unwrap(),
    )
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    let pointers: Vec<&str> = body["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["pointer"].as_str().unwrap())
        .collect();
    assert_eq!(
        pointers,
        [
            "/title",
            "/answers/feelings",
            "/answers/immediate",
            "/answers"
        ]
    );

    let story = json!({ "title": "A clinic", "answers": { "immediate": "The case clinic.", "realized": "It failed, and we learned why." } });
    let first = post_story(&server, "m-6", story.clone(), Some("retry-me"))
        .await
        .unwrap();
    assert_eq!(first.status(), StatusCode::CREATED);
    let retry = post_story(&server, "m-6", story.clone(), Some("retry-me"))
        .await
        .unwrap();
    assert_eq!(retry.headers()["idempotent-replayed"], "true");
    let (_, list) = get_as(&server, "/api/communities/teachers/stories", "m-6").await;
    assert_eq!(
        list["items"].as_array().unwrap().len(),
        1,
        "a retried submission is stored once"
    );

    let (status, body) = problem(post_story(&server, "stranger", story, None).await.unwrap()).await;
    assert_eq!(
        (status, body["detail"].as_str().unwrap()),
        (
            StatusCode::NOT_FOUND,
            "“stranger” is not a member of “teachers”: join it first."
        )
    );
}

#[tokio::test]
async fn stories_list_by_cycle_and_tag_page_and_export_for_sponsors() {
    let (_data, server) = serve(&["--identity", "open"]).await;
    let stories = [
        (
            "m-1",
            json!({ "title": "One", "answers": { "immediate": "a", "applied": "b" }, "tags": ["peer review"], "share_with_sponsors": true }),
        ),
        (
            "m-2",
            json!({ "title": "=HYPERLINK(\"http://evil\")", "answers": { "immediate": "a", "realized": "say \"hi\", then\nleave" }, "share_with_sponsors": true, "anonymous": true }),
        ),
        (
            "m-3",
            json!({ "title": "Private", "answers": { "immediate": "a", "applied": "c" }, "tags": ["Peer Review"] }),
        ),
    ];
    for (member, body) in stories {
        assert_eq!(
            post_story(&server, member, body, None)
                .await
                .unwrap()
                .status(),
            StatusCode::CREATED
        );
    }
    let titles = |page: &Value| {
        page["items"]
            .as_array()
            .unwrap()
            .iter()
            .map(|s| s["title"].as_str().unwrap().to_owned())
            .collect::<Vec<_>>()
    };
    let (_, applied) = get_as(
        &server,
        "/api/communities/teachers/stories?cycle=applied",
        "m-1",
    )
    .await;
    assert_eq!(titles(&applied), ["Private", "One"], "newest first");
    let (_, tagged) = get_as(
        &server,
        "/api/communities/teachers/stories?tag=PEER%20REVIEW",
        "m-1",
    )
    .await;
    assert_eq!(titles(&tagged), ["Private", "One"]);
    let (_, first) = get_as(&server, "/api/communities/teachers/stories?limit=2", "m-1").await;
    assert_eq!(first["items"].as_array().unwrap().len(), 2);
    let (_, second) = get_as(
        &server,
        &format!(
            "/api/communities/teachers/stories?limit=2&cursor={}",
            first["next"].as_str().unwrap()
        ),
        "m-1",
    )
    .await;
    assert_eq!(titles(&second), ["One"]);
    assert!(second.get("next").is_none());
    let (status, _) = get_as(
        &server,
        "/api/communities/teachers/stories?cycle=feelings",
        "m-1",
    )
    .await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    let anonymous = &first["items"][1];
    assert!(
        anonymous.get("author").is_none(),
        "anonymous stories do not name their author"
    );

    let csv = server
        .client
        .get(server.url("/api/communities/teachers/stories/export?format=csv"))
        .header("X-Demo-Member", "m-1")
        .send()
        .await
        .unwrap();
    assert_eq!(csv.headers()["content-type"], "text/csv; charset=utf-8");
    assert!(csv.headers()["content-disposition"]
        .to_str()
        .unwrap()
        .contains("teachers-stories.csv"));
    let text = csv.text().await.unwrap();
    let lines: Vec<&str> = text.split("\r\n").collect();
    assert!(lines[0]
        .starts_with("\u{feff}id,created_at,title,author,tags,links,immediate,potential,applied"));
    assert!(
        !text.contains("Private"),
        "only stories shared with sponsors"
    );
    assert!(
        text.contains(",\"'=HYPERLINK(\"\"http://evil\"\")\",(anonymous),"),
        "formulas neutralised, anonymity kept: {text}"
    );
    assert!(text.contains("\"say \"\"hi\"\", then\nleave\""));
    let (status, json_export) = get_as(
        &server,
        "/api/communities/teachers/stories/export?format=json",
        "m-1",
    )
    .await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(json_export.as_array().unwrap().len(), 2);
}

/// Parses `csv` with Python's `csv` module, as spreadsheet programs would in the `,` dialect
/// and in the `;` one (German, French, Spanish, Portuguese Excel): every cell that starts with
/// a formula character (after spaces and quotes) is returned, then the `,` dialect's rows.
fn python_csv(csv: &str) -> (Vec<String>, Vec<Vec<String>>) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("export.csv");
    std::fs::write(&path, csv).unwrap();
    let script = r#"
import csv, json, sys
text = open(sys.argv[1], encoding="utf-8-sig", newline="").read()
formulas, rows = [], []
for delimiter in (",", ";"):
    for row in csv.reader(text.splitlines(keepends=True), delimiter=delimiter):
        formulas += [c for c in row if c.lstrip(' "')[:1] in ("=", "+", "-", "@", "\t", "\r")]
        if delimiter == ",":
            rows.append(row)
print(json.dumps([formulas, rows]))
"#;
    let output = Command::new("python3")
        .arg("-c")
        .arg(script)
        .arg(&path)
        .output()
        .expect("python3 runs");
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    serde_json::from_slice(&output.stdout).unwrap()
}

#[tokio::test]
async fn the_csv_export_runs_no_formula_in_either_list_separator() {
    let (_data, server) = serve(&["--identity", "open"]).await;
    let hostile = [
        json!({ "title": "Report;=2+5;", "answers": { "immediate": "a;-2+3", "loop": "b, @SUM(A1)" }, "tags": ["=1+1", "- x"], "share_with_sponsors": true }),
        json!({ "title": "+cmd", "answers": { "immediate": "line\n=1+1", "loop": "tab\t=HYPERLINK(\"http://evil\")\r=1" }, "share_with_sponsors": true }),
        json!({ "title": "a; \"=1\"", "answers": { "immediate": "x,\t@y", "loop": "plain" }, "share_with_sponsors": true }),
    ];
    for (n, body) in hostile.into_iter().enumerate() {
        let member = format!("m-{}", n + 1);
        let response = post_story(&server, &member, body, None).await.unwrap();
        assert_eq!(response.status(), StatusCode::CREATED);
    }
    let text = server
        .client
        .get(server.url("/api/communities/teachers/stories/export?format=csv"))
        .header("X-Demo-Member", "m-1")
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    let (formulas, rows) = python_csv(&text);
    assert_eq!(formulas, Vec::<String>::new(), "{text}");
    assert_eq!(rows.len(), 4, "a header and three stories: {rows:?}");
    let titles: Vec<&str> = rows[1..].iter().map(|row| row[2].as_str()).collect();
    assert_eq!(titles, ["a; \"'=1\"", "'+cmd", "Report;'=2+5;"]);
    assert_eq!(rows[3][4], "'- x; '=1+1", "tags joined with `; ` stay safe");
}

/// A connection that sends half a request header and then nothing (a slowloris client).
fn half_header(server: &Server) -> std::net::TcpStream {
    use std::io::Write;
    let address = server.origin.trim_start_matches("http://");
    let mut stream = std::net::TcpStream::connect(address).unwrap();
    stream
        .write_all(b"GET /api/communities HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ")
        .unwrap();
    stream
}

/// Reads until the server closes the connection; what was read, or `None` if it was still
/// open after `limit`.
fn read_until_closed(stream: &mut std::net::TcpStream, limit: Duration) -> Option<String> {
    use std::io::Read;
    let started = std::time::Instant::now();
    let mut seen = Vec::new();
    let mut buffer = [0u8; 4096];
    loop {
        let left = limit.checked_sub(started.elapsed())?;
        stream
            .set_read_timeout(Some(left.max(Duration::from_millis(10))))
            .unwrap();
        match stream.read(&mut buffer) {
            Ok(0) => return Some(String::from_utf8_lossy(&seen).into_owned()),
            Ok(n) => seen.extend_from_slice(&buffer[..n]),
            Err(e)
                if matches!(
                    e.kind(),
                    std::io::ErrorKind::WouldBlock | std::io::ErrorKind::TimedOut
                ) =>
            {
                return None
            }
            Err(_) => return Some(String::from_utf8_lossy(&seen).into_owned()), // reset: closed
        }
    }
}

#[tokio::test]
async fn slow_clients_are_disconnected_while_others_are_answered() {
    let (_data, server) = serve(&["--identity", "open", "--header-timeout-secs", "1"]).await;
    let mut slow: Vec<_> = (0..50).map(|_| half_header(&server)).collect();
    let answered = Client::new()
        .get(server.url("/api/communities"))
        .send()
        .await
        .unwrap();
    assert_eq!(answered.status(), StatusCode::OK, "served meanwhile");
    for stream in &mut slow {
        assert!(
            read_until_closed(stream, Duration::from_secs(5)).is_some(),
            "a half header is cut off after the header timeout"
        );
    }
    // A kept-alive connection that sends nothing more is closed after the same timeout.
    let mut idle = half_header(&server);
    std::io::Write::write_all(&mut idle, b"1\r\n\r\n").unwrap();
    let answer = read_until_closed(&mut idle, Duration::from_secs(5))
        .expect("an idle kept-alive connection is closed");
    assert!(answer.starts_with("HTTP/1.1 200"), "{answer}");
}

#[tokio::test]
async fn new_connections_wait_while_all_connections_are_taken() {
    let (_data, server) = serve(&[
        "--identity",
        "open",
        "--max-connections",
        "2",
        "--header-timeout-secs",
        "30",
    ])
    .await;
    // server.client keeps its /healthz connection open: with this one, both are taken.
    let stalled = half_header(&server);
    let waiting = tokio::spawn({
        let url = server.url("/healthz");
        async move { Client::new().get(url).send().await.map(|r| r.status()) }
    });
    tokio::time::sleep(Duration::from_millis(500)).await;
    assert!(!waiting.is_finished(), "not accepted while all are taken");
    drop(stalled);
    let status = tokio::time::timeout(Duration::from_secs(5), waiting)
        .await
        .expect("accepted once a connection closed")
        .unwrap()
        .unwrap();
    assert_eq!(status, StatusCode::OK);
}

#[tokio::test]
async fn sigterm_with_a_stalled_client_and_a_slow_request_exits_within_the_bound() {
    let (_data, server) = serve(&[
        "--identity",
        "open",
        "--fixtures",
        "--shutdown-timeout-secs",
        "1",
        "--header-timeout-secs",
        "60",
    ])
    .await;
    let _stalled = half_header(&server);
    let _slow = tokio::spawn({
        let (client, url) = (server.client.clone(), server.url("/fixtures/slow/20000"));
        async move { client.get(url).send().await.map(|r| r.status()) }
    });
    tokio::time::sleep(Duration::from_millis(300)).await;
    let started = std::time::Instant::now();
    let status = tokio::task::spawn_blocking(move || server.stop())
        .await
        .unwrap();
    assert!(
        started.elapsed() < Duration::from_secs(4),
        "stopped after {:?}",
        started.elapsed()
    );
    assert!(status.success(), "{status}");
}

#[tokio::test]
async fn a_request_that_takes_too_long_is_answered_with_a_problem() {
    let (_data, server) = serve(&[
        "--identity",
        "open",
        "--fixtures",
        "--request-timeout-secs",
        "1",
    ])
    .await;
    let (status, body) = problem(
        server
            .client
            .get(server.url("/fixtures/slow/5000"))
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(status, StatusCode::SERVICE_UNAVAILABLE);
    assert!(
        body["detail"].as_str().unwrap().contains("within 1 s"),
        "{body}"
    );
}

#[tokio::test]
async fn the_origin_policy_trusts_its_own_origins_not_the_host_header_and_varies_by_origin() {
    let (_data, server) = serve(&JWT).await;
    let port = server.origin.rsplit(':').next().unwrap().to_owned();
    let get = |origin: &str, host: Option<&str>| {
        let mut request = server
            .client
            .get(server.url("/api/communities"))
            .header("Origin", origin);
        if let Some(host) = host {
            request = request.header("Host", host);
        }
        request.send()
    };
    let vary = |response: &reqwest::Response| {
        response
            .headers()
            .get_all("vary")
            .iter()
            .any(|v| v.to_str().unwrap().contains("Origin"))
    };

    let preflight = server
        .client
        .request(
            reqwest::Method::OPTIONS,
            server.url("/api/communities/teachers/thresholds"),
        )
        .header("Origin", "https://intranet.example.org")
        .header("Access-Control-Request-Method", "PUT")
        .send()
        .await
        .unwrap();
    assert_eq!(preflight.status(), StatusCode::NO_CONTENT);
    assert!(preflight.headers()["access-control-allow-methods"]
        .to_str()
        .unwrap()
        .contains("PUT"));
    assert!(vary(&preflight));

    let allowed = get("https://intranet.example.org", None).await.unwrap();
    assert_eq!(
        allowed.headers()["access-control-expose-headers"],
        "Idempotent-Replayed, Retry-After, Location"
    );
    assert!(vary(&allowed));

    // Same origin: passed through, still varying by Origin.
    let own = format!("http://127.0.0.1:{port}");
    let same = get(&own, None).await.unwrap();
    assert_eq!(same.status(), StatusCode::OK);
    assert!(vary(&same));
    let no_origin = server
        .client
        .get(server.url("/api/communities"))
        .send()
        .await
        .unwrap();
    assert!(vary(&no_origin));

    // The server's pages under its other loopback name: another origin, but its own.
    let other_name = get(&format!("http://localhost:{port}"), None)
        .await
        .unwrap();
    assert_eq!(other_name.status(), StatusCode::OK);
    assert_eq!(
        other_name.headers()["access-control-allow-origin"],
        format!("http://localhost:{port}").as_str()
    );

    // DNS rebinding: a name that resolves to this server sends a Host that matches.
    let rebound = format!("rebind.example:{port}");
    let refused = get(&format!("http://{rebound}"), Some(&rebound))
        .await
        .unwrap();
    assert!(vary(&refused));
    let (status, body) = problem(refused).await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    assert!(body["detail"]
        .as_str()
        .unwrap()
        .contains("--allowed-origin http://rebind.example:"));
    // The scheme is part of the origin.
    let https = get(&format!("https://127.0.0.1:{port}"), None)
        .await
        .unwrap();
    assert_eq!(https.status(), StatusCode::FORBIDDEN);
}

#[tokio::test]
async fn with_a_public_url_its_origin_is_the_servers_own_and_badge_ids_use_it() {
    let (_data, server) = serve_open(&["--public-url", "https://cop.example.org/base/"]).await;
    let same = server
        .client
        .get(server.url("/api/communities"))
        .header("Origin", "https://cop.example.org")
        .header("Host", "cop.example.org")
        .send()
        .await
        .unwrap();
    assert_eq!(same.status(), StatusCode::OK);
    let loopback = server
        .client
        .get(server.url("/api/communities"))
        .header("Origin", &server.origin)
        .send()
        .await
        .unwrap();
    assert_eq!(
        loopback.status(),
        StatusCode::FORBIDDEN,
        "with --public-url, only its origin is the server's own"
    );

    let joined = server
        .client
        .post(server.url("/api/communities/teachers/members"))
        .header("X-Demo-Member", "m/x?y")
        .json(&json!({ "display_name": "Slash" }))
        .send()
        .await
        .unwrap();
    assert_eq!(joined.status(), StatusCode::CREATED);
    let credential: Value = server
        .client
        .get(server.url("/api/communities/teachers/members/m%2Fx%3Fy/open-badge"))
        .header("Host", "evil.example")
        .header("X-Forwarded-Proto", "javascript")
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let base = "https://cop.example.org/base/api/communities/teachers";
    assert_eq!(credential["issuer"]["id"], base);
    assert_eq!(
        credential["credentialSubject"]["id"],
        format!("{base}/members/m%2Fx%3Fy").as_str()
    );
    assert!(credential["id"]
        .as_str()
        .unwrap()
        .starts_with(&format!("{base}/members/m%2Fx%3Fy/open-badge#")));

    let bad = Command::new(env!("CARGO_BIN_EXE_cop-server"))
        .args(["--public-url", "javascript://evil.example", "--help"])
        .output()
        .unwrap();
    assert!(!bad.status.success(), "a public URL must be http(s)");
}

#[tokio::test]
async fn badge_ids_without_a_public_url_are_on_the_listening_address_whatever_the_host() {
    let (_data, server) = serve(&OPEN_TODAY).await;
    let credential: Value = server
        .client
        .get(server.url("/api/communities/teachers/members/m-1/open-badge"))
        .header("Host", "evil.example")
        .header("X-Forwarded-Proto", "javascript")
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(
        credential["issuer"]["id"],
        format!("{}/api/communities/teachers", server.origin).as_str()
    );
}

#[tokio::test]
async fn the_jwt_secret_can_come_from_a_file_and_audience_and_issuer_be_required() {
    let files = tempfile::tempdir().unwrap();
    let secret_file = files.path().join("secret");
    std::fs::write(&secret_file, format!("  {SECRET}\n")).unwrap();
    let (_data, server) = serve(&[
        "--identity",
        "jwt",
        "--jwt-secret-file",
        secret_file.to_str().unwrap(),
        "--jwt-audience",
        "cop",
        "--jwt-issuer",
        "https://intranet.example.org",
    ])
    .await;
    let now = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap()
        .as_secs() as i64;
    let sign = |claims: Value| {
        encode(
            &Header::default(),
            &claims,
            &EncodingKey::from_secret(SECRET.as_bytes()),
        )
        .unwrap()
    };
    let me = |token: String, scheme: &'static str| {
        server
            .client
            .get(server.url("/api/me"))
            .header("Authorization", format!("{scheme} {token}"))
            .send()
    };
    let good = sign(
        json!({ "sub": "m-1", "exp": now + 600, "aud": "cop", "iss": "https://intranet.example.org" }),
    );
    assert_eq!(me(good, "bearer").await.unwrap().status(), StatusCode::OK);
    let cases = [
        (
            json!({ "sub": "m-1", "exp": now + 600, "iss": "https://intranet.example.org" }),
            "lacks the `aud` claim",
        ),
        (
            json!({ "sub": "m-1", "exp": now + 600, "aud": "mail", "iss": "https://intranet.example.org" }),
            "another audience",
        ),
        (
            json!({ "sub": "m-1", "exp": now + 600, "aud": "cop", "iss": "https://evil.example" }),
            "another issuer",
        ),
        (
            json!({ "sub": "m-1", "exp": now + 600, "nbf": now + 600, "aud": "cop", "iss": "https://intranet.example.org" }),
            "not valid yet",
        ),
    ];
    for (claims, expected) in cases {
        let (status, body) = problem(me(sign(claims), "Bearer").await.unwrap()).await;
        assert_eq!(status, StatusCode::UNAUTHORIZED);
        assert!(
            body["detail"].as_str().unwrap().contains(expected),
            "{expected}: {body}"
        );
    }
}

#[tokio::test]
async fn every_api_error_is_problem_details_and_no_path_redirects_off_site() {
    let (_data, server) = serve(&["--identity", "open"]).await;
    let client = Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap();
    let (status, body) = problem(
        client
            .get(server.url("/api/communities?limit=1&limit=2"))
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert!(body["detail"].as_str().unwrap().contains("limit"), "{body}");
    let (status, body) = problem(
        client
            .get(server.url("/api/communities/%FF"))
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert!(!body["detail"].as_str().unwrap().is_empty());
    let not_allowed = client
        .delete(server.url("/api/communities"))
        .send()
        .await
        .unwrap();
    assert_eq!(not_allowed.headers()["allow"], "GET,HEAD");
    let (status, body) = problem(not_allowed).await;
    assert_eq!(status, StatusCode::METHOD_NOT_ALLOWED);
    assert_eq!(
        body["detail"],
        "This endpoint does not accept DELETE; it accepts GET,HEAD."
    );
    for path in ["//data", "//data/", "//evil.example", "/\\evil.example"] {
        let response = client.get(server.url(path)).send().await.unwrap();
        assert!(
            response.headers().get("location").is_none(),
            "{path} redirects to {:?}",
            response.headers().get("location")
        );
        assert_eq!(response.status(), StatusCode::NOT_FOUND, "{path}");
    }
    let page = client.get(server.url("/index.html")).send().await.unwrap();
    let modified = page.headers()["last-modified"].to_str().unwrap().to_owned();
    let unchanged = client
        .get(server.url("/index.html"))
        .header("If-Modified-Since", modified)
        .send()
        .await
        .unwrap();
    assert_eq!(
        unchanged.status(),
        StatusCode::NOT_MODIFIED,
        "a reload is still a 304"
    );
    let directory = client.get(server.url("/data")).send().await.unwrap();
    if let Some(location) = directory.headers().get("location") {
        assert!(location.to_str().unwrap().starts_with("/data"));
    }
}

#[tokio::test]
async fn pages_the_bundle_and_the_api_say_how_browsers_must_treat_them() {
    let files = tempfile::tempdir().unwrap();
    let bundle = files.path().join("bundle");
    std::fs::create_dir_all(&bundle).unwrap();
    std::fs::write(bundle.join("cop-widgets.js"), "/* loader */").unwrap();
    let (_data, server) = serve(&[
        "--identity",
        "open",
        "--bundle-dir",
        bundle.to_str().unwrap(),
    ])
    .await;
    let port = server.origin.rsplit(':').next().unwrap().to_owned();
    for path in [
        "/cop-widgets.js",
        "/index.html",
        "/api/communities",
        "/api/nothing",
    ] {
        let response = server.client.get(server.url(path)).send().await.unwrap();
        assert_eq!(
            response.headers()["x-content-type-options"],
            "nosniff",
            "{path}"
        );
        assert_eq!(
            response.headers()["referrer-policy"],
            "strict-origin-when-cross-origin",
            "{path}"
        );
    }
    let csp = |path: &'static str| {
        let request = server.client.get(server.url(path)).send();
        async move {
            request.await.unwrap().headers()["content-security-policy"]
                .to_str()
                .unwrap()
                .to_owned()
        }
    };
    let index = csp("/index.html").await;
    assert!(
        !index.contains('['),
        "no IPv6 literal, which CSP cannot express: {index}"
    );
    assert!(
        index.contains("script-src 'self' 'wasm-unsafe-eval'"),
        "{index}"
    );
    assert!(!index.contains("unsafe-inline"), "{index}");
    assert!(index.contains("object-src 'none'"), "{index}");
    let cross = csp("/cross-origin.html").await;
    assert!(
        cross.contains(&format!("http://localhost:{port}")),
        "the cross-origin page loads the bundle from the other loopback name: {cross}"
    );
    assert!(
        csp("/").await.contains("default-src 'self'"),
        "the index page too"
    );
    assert!(
        csp("/bench.html").await.contains("'unsafe-inline'"),
        "its inline clock"
    );
    assert!(
        csp("/failures.html")
            .await
            .contains("connect-src 'self' http:"),
        "it shows an unreachable server"
    );
    assert!(csp("/csp.html").await.starts_with("default-src 'none'"));
}

#[tokio::test]
async fn invisible_names_and_titles_are_refused_by_the_server_too() {
    let (_data, server) = serve(&["--identity", "open"]).await;
    for name in ["\u{200B}", "Amina \u{202E}olleh"] {
        let response = server
            .client
            .post(server.url("/api/communities/teachers/members"))
            .header("X-Demo-Member", "m-900")
            .json(&json!({ "display_name": name }))
            .send()
            .await
            .unwrap();
        let (status, _) = problem(response).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{name:?}");
    }
    let story =
        json!({ "title": "\u{200B}\u{FEFF}", "answers": { "immediate": "a", "applied": "b" } });
    let (status, body) = problem(post_story(&server, "m-1", story, None).await.unwrap()).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(body["errors"][0]["pointer"], "/title");
}

// ---- Exactly-once writes (issue 11): concurrency, crashes between steps, timeouts, expiry ----

/// One of the four writes, as a client sends it with an `Idempotency-Key`.
#[derive(Clone, Copy)]
struct WriteCase {
    name: &'static str,
    method: &'static str,
    path: &'static str,
    member: &'static str,
    body: &'static str,
    /// The status of a fresh write (and of its replays).
    status: u16,
}

const WRITES: [WriteCase; 4] = [
    WriteCase {
        name: "story",
        method: "POST",
        path: "/api/communities/teachers/stories",
        member: "m-7",
        body: r#"{"title": "Exactly once", "answers": {"immediate": "The clinic.", "realized": "It worked."}}"#,
        status: 201,
    },
    WriteCase {
        name: "join",
        method: "POST",
        path: "/api/communities/teachers/members",
        member: "newcomer-1",
        body: r#"{"display_name": "Noor Haddad"}"#,
        status: 201,
    },
    WriteCase {
        name: "activity",
        method: "POST",
        path: "/api/communities/teachers/activity",
        member: "m-150",
        body: r#"{"kind": "contribution", "count": 3}"#,
        status: 201,
    },
    WriteCase {
        name: "thresholds",
        method: "PUT",
        path: "/api/communities/teachers/thresholds",
        member: "m-1",
        body: r#"{"occasional": {"days_active": 3, "participations": 1}, "active": {"contributions": 2, "days_active": 15, "participations": 10}, "core": {"contributions": 5, "days_active": 30, "participations": 20}, "window_days": 120, "grace_days": 14, "trend_days": 28}"#,
        status: 200,
    },
];

impl WriteCase {
    fn send(
        &self,
        server: &Server,
        key: &str,
    ) -> impl std::future::Future<Output = reqwest::Result<reqwest::Response>> {
        let method = reqwest::Method::from_bytes(self.method.as_bytes()).unwrap();
        server
            .client
            .request(method, server.url(self.path))
            .header("X-Demo-Member", self.member)
            .header("content-type", "application/json")
            .header("Idempotency-Key", key)
            .body(self.body)
            .send()
    }

    /// How many times the write has taken effect, read back through the API (`week`: m-150's
    /// participations this week before any write).
    async fn effects(&self, server: &Server, week: u64) -> u64 {
        match self.name {
            "story" => {
                let (_, list) =
                    get_as(server, "/api/communities/teachers/stories?limit=100", "m-7").await;
                list["items"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .filter(|s| s["title"] == "Exactly once")
                    .count() as u64
            }
            "join" => {
                let (_, community) = get_json(server, "/api/communities/teachers").await;
                community["member_count"].as_u64().unwrap() - 220
            }
            // Each record adds 3 contributions this week.
            "activity" => (week_of_m150(server).await - week) / 3,
            "thresholds" => {
                let (_, thresholds) =
                    get_json(server, "/api/communities/teachers/thresholds").await;
                u64::from(thresholds["window_days"] == 120)
            }
            _ => unreachable!(),
        }
    }
}

async fn week_of_m150(server: &Server) -> u64 {
    let (_, standing) = get_json(
        server,
        "/api/communities/teachers/members/m-150/participation",
    )
    .await;
    standing["weekly"]
        .as_array()
        .unwrap()
        .last()
        .unwrap()
        .as_u64()
        .unwrap()
}

#[tokio::test]
async fn concurrent_identical_writes_with_one_key_take_effect_once() {
    for case in WRITES {
        let (_data, server) = serve(&OPEN_TODAY).await;
        let week = week_of_m150(&server).await;
        let key = format!("same-moment-{}", case.name);
        let answers = futures_join_all((0..20).map(|_| case.send(&server, &key)).collect()).await;
        let mut fresh = 0;
        let mut bodies = std::collections::HashSet::new();
        for answer in answers {
            let answer = answer.unwrap();
            assert_eq!(
                answer.status().as_u16(),
                case.status,
                "{}: every answer is the write's",
                case.name
            );
            if !answer.headers().contains_key("idempotent-replayed") {
                fresh += 1;
            }
            bodies.insert(answer.text().await.unwrap());
        }
        assert_eq!(fresh, 1, "{}: one answer written, 19 replayed", case.name);
        assert_eq!(
            bodies.len(),
            1,
            "{}: every replay is the first answer",
            case.name
        );
        assert_eq!(
            case.effects(&server, week).await,
            1,
            "{}: stored once",
            case.name
        );
    }
}

/// Sends all the requests at once and waits for every answer.
async fn futures_join_all<F: std::future::Future + Send + 'static>(
    futures: Vec<F>,
) -> Vec<F::Output>
where
    F::Output: Send + 'static,
{
    let handles: Vec<_> = futures.into_iter().map(tokio::spawn).collect();
    let mut out = Vec::new();
    for handle in handles {
        out.push(handle.await.unwrap());
    }
    out
}

#[tokio::test]
async fn a_server_killed_between_the_steps_of_a_write_never_stores_it_twice() {
    for case in WRITES {
        for (hook, committed) in [("crash-before-commit", false), ("crash-after-commit", true)] {
            let data = seeded(&OPEN_TODAY).await;
            let week = {
                let server = start_open(&data, &[]).await;
                let week = week_of_m150(&server).await;
                server.stop();
                week
            };
            let crashing = start_open(&data, &["--test-hook", hook]).await;
            let lost = case.send(&crashing, "killed-midway").await;
            assert!(lost.is_err(), "{} {hook}: the answer never came", case.name);
            let mut crashing = crashing;
            let status = crashing.child.wait().unwrap();
            assert!(!status.success(), "{} {hook}: the process died", case.name);
            std::mem::forget(crashing);

            let server = start_open(&data, &[]).await;
            let retry = case.send(&server, "killed-midway").await.unwrap();
            assert_eq!(retry.status().as_u16(), case.status, "{} {hook}", case.name);
            assert_eq!(
                retry.headers().contains_key("idempotent-replayed"),
                committed,
                "{} {hook}: replayed if and only if the first attempt committed",
                case.name
            );
            let again = case.send(&server, "killed-midway").await.unwrap();
            assert_eq!(again.headers()["idempotent-replayed"], "true");
            assert_eq!(
                case.effects(&server, week).await,
                1,
                "{} {hook}: stored once",
                case.name
            );
        }
    }
}

#[tokio::test]
async fn clients_that_time_out_and_retry_store_each_story_once() {
    // Each write holds its transaction 300 ms: the first attempts time out mid-write.
    let (_data, server) = serve_open(&["--test-hook", "slow-write-ms=300"]).await;
    let stories = 6;
    let mut tasks = Vec::new();
    for n in 0..stories {
        let client = server.client.clone();
        let url = server.url("/api/communities/teachers/stories");
        tasks.push(tokio::spawn(async move {
            let body = json!({ "title": format!("Timed out {n}"), "answers": { "immediate": "x", "applied": "y" } });
            let mut timeout = Duration::from_millis(50 + 40 * n);
            for _ in 0..12 {
                let attempt = client
                    .post(&url)
                    .header("X-Demo-Member", "m-8")
                    .header("Idempotency-Key", format!("timeout-{n}"))
                    .json(&body)
                    .timeout(timeout)
                    .send()
                    .await;
                if let Ok(answer) = attempt {
                    if answer.status() != StatusCode::CONFLICT {
                        assert_eq!(answer.status(), StatusCode::CREATED);
                        return;
                    }
                }
                timeout *= 2;
            }
            panic!("story {n} was never answered");
        }));
    }
    for task in tasks {
        task.await.unwrap();
    }
    let (_, list) = get_as(
        &server,
        "/api/communities/teachers/stories?limit=100",
        "m-8",
    )
    .await;
    let mut titles: Vec<String> = list["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["title"].as_str().unwrap().to_owned())
        .collect();
    titles.sort();
    let expected: Vec<String> = (0..stories).map(|n| format!("Timed out {n}")).collect();
    assert_eq!(titles, expected, "each story exactly once");
}

#[tokio::test]
async fn a_retry_while_the_first_is_in_flight_waits_or_gets_a_409() {
    let (_data, server) = serve_open(&[
        "--test-hook",
        "slow-write-ms=1500",
        "--idempotency-wait-ms",
        "300",
    ])
    .await;
    let case = WRITES[0];
    let week = week_of_m150(&server).await;
    let first = tokio::spawn(case.send(&server, "in-flight"));
    tokio::time::sleep(Duration::from_millis(200)).await;
    let second = case.send(&server, "in-flight").await.unwrap();
    assert!(second.headers().contains_key("retry-after"));
    assert!(second
        .headers()
        .get("access-control-expose-headers")
        .is_none_or(|h| h.to_str().unwrap().contains("Retry-After")));
    let (status, body) = problem(second).await;
    assert_eq!(
        (status, body["code"].as_str().unwrap()),
        (StatusCode::CONFLICT, "idempotency-in-flight")
    );
    assert_eq!(first.await.unwrap().unwrap().status(), StatusCode::CREATED);
    let third = case.send(&server, "in-flight").await.unwrap();
    assert_eq!(third.headers()["idempotent-replayed"], "true");
    assert_eq!(case.effects(&server, week).await, 1);
}

// ---- Several servers on one database (issue 18) ----

/// A community's distribution and a few members' standings: what demo data loaded twice, or a
/// stale cache, would change.
async fn levels_of(server: &Server) -> Vec<Value> {
    let mut seen = vec![
        get_json(server, "/api/communities/teachers/distribution")
            .await
            .1,
    ];
    for member in ["m-1", "m-111", "m-150"] {
        let path = format!("/api/communities/teachers/members/{member}/participation");
        seen.push(get_json(server, &path).await.1);
    }
    seen
}

#[tokio::test]
async fn two_servers_starting_at_once_on_one_database_migrate_and_load_the_demo_once() {
    // An empty database: both servers find it so, and both would migrate it and load the demo.
    let data = Data::empty();
    let (a, b) = tokio::join!(start_open(&data, &[]), start_open(&data, &[]));
    let (_alone_data, alone) = serve(&OPEN_TODAY).await;
    let expected = levels_of(&alone).await;
    assert_eq!(
        levels_of(&a).await,
        expected,
        "the demo's activity once, not twice"
    );
    assert_eq!(levels_of(&b).await, expected);
    let (_, teachers) = get_json(&b, "/api/communities/teachers").await;
    assert_eq!(teachers["member_count"], 220);
    if data.postgres.is_some() {
        assert_eq!(
            data.psql(
                "SELECT count(*), count(DISTINCT version), bool_and(success) FROM _sqlx_migrations"
            ),
            "8|8|t",
            "each migration applied once"
        );
    }
}

#[tokio::test]
async fn a_duplicate_split_across_two_servers_is_stored_once_and_activity_on_one_is_read_on_the_other_at_once(
) {
    let data = seeded(&OPEN_TODAY).await;
    let a = start_open(&data, &[]).await;
    let b = start_open(&data, &[]).await;

    // Twenty identical story POSTs with one key, half to each server, all at once.
    let case = WRITES[0];
    let answers = futures_join_all(
        (0..20)
            .map(|i| case.send(if i % 2 == 0 { &a } else { &b }, "split-across"))
            .collect(),
    )
    .await;
    let mut fresh = 0;
    let mut bodies = std::collections::HashSet::new();
    for answer in answers {
        let answer = answer.unwrap();
        assert_eq!(answer.status(), StatusCode::CREATED);
        if !answer.headers().contains_key("idempotent-replayed") {
            fresh += 1;
        }
        bodies.insert(answer.text().await.unwrap());
    }
    assert_eq!(
        fresh, 1,
        "one answer written, 19 replayed, whichever server"
    );
    assert_eq!(bodies.len(), 1, "every replay is the first answer");
    assert_eq!(case.effects(&a, 0).await, 1, "one story");
    assert_eq!(case.effects(&b, 0).await, 1);

    // B computes and caches m-111's standing and the distribution (read twice: the second
    // from its cache); then A records activity that moves m-111 inward.
    let path = "/api/communities/teachers/members/m-111/participation";
    let before = get_json(&b, path).await.1;
    assert_eq!(get_json(&b, path).await.1, before);
    assert_eq!(before["level"], "peripheral");
    assert_eq!(
        before["next_step"]["missing"],
        json!([{ "measure": "participations", "count": 1 }])
    );
    let distribution = "/api/communities/teachers/distribution";
    let spread_before = get_json(&b, distribution).await.1;
    assert_eq!(get_json(&b, distribution).await.1, spread_before);
    let recorded = a
        .client
        .post(a.url("/api/communities/teachers/activity"))
        .header("X-Demo-Member", "m-111")
        .json(&json!({ "kind": "reply", "count": 1 }))
        .send()
        .await
        .unwrap();
    assert_eq!(recorded.status(), StatusCode::CREATED);
    let recorded: Value = recorded.json().await.unwrap();
    assert_eq!(
        recorded["level"], "occasional",
        "one reply was what was missing"
    );

    let after = get_json(&b, path).await.1;
    assert_eq!(after, recorded, "B answers what A wrote, at once");
    let spread_after = get_json(&b, distribution).await.1;
    let count = |spread: &Value, level: &str| {
        spread["levels"]
            .as_array()
            .unwrap()
            .iter()
            .find(|l| l["level"] == level)
            .unwrap()["count"]
            .as_u64()
            .unwrap()
    };
    assert_eq!(
        count(&spread_after, "peripheral") + 1,
        count(&spread_before, "peripheral")
    );
    assert_eq!(
        count(&spread_after, "occasional"),
        count(&spread_before, "occasional") + 1
    );
    let batch = get_json(&b, "/api/communities/teachers/participation?members=m-111")
        .await
        .1;
    assert_eq!(batch["items"][0]["level"], "occasional", "and in a batch");
}

#[tokio::test]
async fn a_duplicate_on_another_server_while_the_first_is_in_flight_waits_or_gets_a_409() {
    let data = seeded(&OPEN_TODAY).await;
    let a = start_open(&data, &["--test-hook", "slow-write-ms=1500"]).await;
    let b = start_open(&data, &["--idempotency-wait-ms", "300"]).await;
    let case = WRITES[0];
    let first = tokio::spawn(case.send(&a, "in-flight-elsewhere"));
    tokio::time::sleep(Duration::from_millis(300)).await;
    let second = case.send(&b, "in-flight-elsewhere").await.unwrap();
    if data.postgres.is_some() {
        // B waits for the key's lock 300 ms, as for a duplicate in its own process.
        let (status, body) = problem(second).await;
        assert_eq!(
            (status, body["code"].as_str().unwrap()),
            (StatusCode::CONFLICT, "idempotency-in-flight")
        );
    } else {
        // Two processes on one SQLite file: B's writer waits for A's (SQLite's busy
        // timeout, 5 s), then finds the key stored.
        assert_eq!(second.status(), StatusCode::CREATED);
        assert_eq!(second.headers()["idempotent-replayed"], "true");
    }
    assert_eq!(first.await.unwrap().unwrap().status(), StatusCode::CREATED);
    let third = case.send(&b, "in-flight-elsewhere").await.unwrap();
    assert_eq!(third.headers()["idempotent-replayed"], "true");
    assert_eq!(case.effects(&b, 0).await, 1);
}

/// What a deployment answers, read through the API: enough of every table to see a row lost,
/// doubled, reordered or changed on the way to another database.
async fn everything_read(server: &Server, cycle: &str) -> Vec<(String, StatusCode, Value)> {
    let mut seen = Vec::new();
    for (path, member) in [
        ("/api/communities".to_owned(), None),
        ("/api/communities/teachers/members?limit=100".to_owned(), None),
        ("/api/communities/teachers/distribution".to_owned(), None),
        ("/api/communities/water-engineers/distribution".to_owned(), None),
        ("/api/communities/teachers/members/m-111/participation".to_owned(), None),
        ("/api/communities/teachers/thresholds".to_owned(), None),
        ("/api/me".to_owned(), Some("migrant")),
        ("/api/communities/teachers/stories?limit=100".to_owned(), Some("m-1")),
        ("/api/communities/teachers/stories/export?format=json".to_owned(), Some("m-1")),
        ("/api/communities/teachers/videos".to_owned(), None),
        ("/api/communities/teachers/cycles".to_owned(), None),
        (format!("/api/communities/teachers/cycles/{cycle}/carousel"), None),
        (format!("/api/communities/teachers/cycles/{cycle}/selection"), Some("m-1")),
        (format!("/api/communities/teachers/cycles/{cycle}/notes"), Some("m-1")),
        ("/api/communities/teachers/events".to_owned(), None),
        (
            "/api/communities/teachers/occurrences?from=2026-11-01T00:00:00Z&to=2027-01-01T00:00:00Z"
                .to_owned(),
            None,
        ),
    ] {
        let (status, body) = match member {
            Some(member) => get_as(server, &path, member).await,
            None => get_json(server, &path).await,
        };
        seen.push((path, status, body));
    }
    seen
}

#[tokio::test]
async fn migrate_to_copies_a_sqlite_deployment_into_postgresql() {
    // The SQLite deployment, whichever backend this run tests.
    let sqlite = Data::sqlite();
    let server = start_open(&sqlite, &[]).await;
    let post = reqwest::Method::POST;
    let join = send_as(
        &server,
        post.clone(),
        "/api/communities/teachers/members",
        Some("migrant"),
        json!({ "display_name": "Migrant" }),
    )
    .await;
    assert_eq!(join.0, StatusCode::CREATED);
    let story = json!({ "title": "Before the move", "answers": { "immediate": "a", "applied": "b" },
                        "tags": ["moving", "data"], "share_with_sponsors": true });
    let first = post_story(&server, "m-7", story.clone(), Some("before-the-move"))
        .await
        .unwrap();
    assert_eq!(first.status(), StatusCode::CREATED);
    let first: Value = first.json().await.unwrap();
    let activity = send_as(
        &server,
        post.clone(),
        "/api/communities/teachers/activity",
        Some("m-111"),
        json!({ "kind": "reply", "count": 1 }),
    )
    .await;
    assert_eq!(activity.0, StatusCode::CREATED);
    assert_eq!(
        WRITES[3]
            .send(&server, "thresholds-before")
            .await
            .unwrap()
            .status(),
        StatusCode::OK
    );
    let (_, cycle, _) = carousel_setup(&server).await;
    let event = send_as(
        &server,
        post.clone(),
        "/api/communities/teachers/events",
        Some("m-1"),
        calendar_event(
            "Moving call",
            "DTSTART;TZID=Europe/Vienna:20261124T090000\nRRULE:FREQ=WEEKLY;COUNT=5",
        ),
    )
    .await;
    assert_eq!(event.0, StatusCode::CREATED, "{}", event.1);
    let before = everything_read(&server, &cycle).await;
    assert!(server.stop().success());

    // Only into an empty database.
    let target = Data::empty();
    let migrate = |target: &Data| {
        Command::new(env!("CARGO_BIN_EXE_cop-server"))
            .args(["migrate-to", "--data-dir"])
            .arg(&sqlite.path)
            .args(target.database_args())
            .env_remove("COP_DATABASE_URL")
            .output()
            .unwrap()
    };
    let output = migrate(&target);
    let log = String::from_utf8_lossy(&output.stdout) + String::from_utf8_lossy(&output.stderr);
    if target.postgres.is_none() {
        // This run has no PostgreSQL: migrate-to says what it needs.
        assert!(!output.status.success());
        assert!(log.contains("migrate-to needs --database-url"), "{log}");
        return;
    }
    assert!(output.status.success(), "{log}");
    assert!(log.contains("copied"), "{log}");

    let moved = start_open(&target, &[]).await;
    let after = everything_read(&moved, &cycle).await;
    for ((path, status, body), (_, status_after, body_after)) in before.iter().zip(&after) {
        assert_eq!(*status, StatusCode::OK, "{path}: {body}");
        assert_eq!(
            (status, body),
            (status_after, body_after),
            "{path} reads the same after the move"
        );
    }
    // The idempotency keys came along: a retry of a write made before the move is replayed.
    let retry = post_story(&moved, "m-7", story, Some("before-the-move"))
        .await
        .unwrap();
    assert_eq!(retry.headers()["idempotent-replayed"], "true");
    assert_eq!(retry.json::<Value>().await.unwrap(), first);
    // New stories come after the copied ones (newest first).
    let newer = post_story(
        &moved,
        "m-7",
        json!({ "title": "After the move",
        "answers": { "immediate": "a", "applied": "b" } }),
        None,
    )
    .await
    .unwrap();
    assert_eq!(newer.status(), StatusCode::CREATED);
    let (_, list) = get_as(&moved, "/api/communities/teachers/stories?limit=2", "m-7").await;
    assert_eq!(list["items"][0]["title"], "After the move");
    assert_eq!(list["items"][1]["title"], "Before the move");
    drop(moved);

    // Only into an empty database.
    let again = migrate(&target);
    let log = String::from_utf8_lossy(&again.stdout) + String::from_utf8_lossy(&again.stderr);
    assert!(!again.status.success());
    assert!(log.contains("has data already"), "{log}");
}

#[tokio::test]
async fn the_fingerprint_compares_parsed_json_and_keys_expire() {
    let (_data, server) = serve_open(&["--idempotency-ttl-secs", "1"]).await;
    let post = |body: &'static str| {
        server
            .client
            .post(server.url("/api/communities/teachers/stories"))
            .header("X-Demo-Member", "m-7")
            .header("content-type", "application/json")
            .header("Idempotency-Key", "shape")
            .body(body)
            .send()
    };
    let first = post(r#"{"title":"Shape","answers":{"immediate":"a","applied":"b"}}"#)
        .await
        .unwrap();
    assert_eq!(first.status(), StatusCode::CREATED);
    let respaced = post(
        "{ \"answers\" : { \"applied\" : \"b\",\n \"immediate\" : \"a\" },\n  \"title\" : \"Shape\" }",
    )
    .await
    .unwrap();
    assert_eq!(
        respaced.headers()["idempotent-replayed"],
        "true",
        "whitespace and key order are not a different request"
    );
    let (status, body) = problem(
        post(r#"{"title":"Another","answers":{"immediate":"a","applied":"b"}}"#)
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(
        (status, body["code"].as_str().unwrap()),
        (StatusCode::UNPROCESSABLE_ENTITY, "idempotency-key-reused")
    );
    tokio::time::sleep(Duration::from_millis(2100)).await;
    let after_expiry = post(r#"{"title":"Shape","answers":{"immediate":"a","applied":"b"}}"#)
        .await
        .unwrap();
    assert_eq!(after_expiry.status(), StatusCode::CREATED);
    assert!(
        !after_expiry.headers().contains_key("idempotent-replayed"),
        "an expired key is a new write"
    );
}

// ---- Who can read stories (issue 11) ----

fn bearer(member: &str) -> String {
    format!("Bearer {}", token(member, 3600, SECRET))
}

async fn read_as(server: &Server, path: &str, member: Option<&str>) -> (StatusCode, Value) {
    let mut request = server.client.get(server.url(path));
    if let Some(member) = member {
        request = request.header("authorization", bearer(member));
    }
    let response = request.send().await.unwrap();
    let status = response.status();
    let text = response.text().await.unwrap();
    (
        status,
        serde_json::from_str(&text).unwrap_or(Value::String(text)),
    )
}

async fn jwt_with_stories(extra: &[&str]) -> (Data, Server) {
    let mut args = vec!["--identity", "jwt", "--jwt-secret", SECRET];
    args.extend_from_slice(extra);
    let (data, server) = serve(&args).await;
    for (member, body) in [
        (
            "m-5",
            json!({ "title": "Shared", "answers": { "immediate": "a", "applied": "b" }, "share_with_sponsors": true }),
        ),
        (
            "m-6",
            json!({ "title": "Private", "answers": { "immediate": "a", "applied": "b" } }),
        ),
        (
            "m-7",
            json!({ "title": "Anonymous", "answers": { "immediate": "a", "applied": "b" }, "anonymous": true, "share_with_sponsors": true }),
        ),
        (
            "m-110",
            json!({ "title": "The sponsor's own", "answers": { "immediate": "a", "applied": "b" } }),
        ),
    ] {
        let created = server
            .client
            .post(server.url("/api/communities/teachers/stories"))
            .header("authorization", bearer(member))
            .json(&body)
            .send()
            .await
            .unwrap();
        assert_eq!(created.status(), StatusCode::CREATED);
    }
    (data, server)
}

fn titles_and_authors(page: &Value) -> Vec<(String, Option<String>)> {
    page["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| {
            (
                s["title"].as_str().unwrap().to_owned(),
                s["author"]["id"].as_str().map(str::to_owned),
            )
        })
        .collect()
}

#[tokio::test]
async fn stories_are_for_the_communitys_members_and_the_export_for_coordinators_and_sponsors() {
    let (_data, server) = jwt_with_stories(&[]).await;
    let list = "/api/communities/teachers/stories";

    let (status, body) = read_as(&server, list, None).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED, "{body}");
    let (status, body) = read_as(&server, list, Some("c-40")).await;
    assert_eq!(
        (status, body["code"].as_str()),
        (StatusCode::FORBIDDEN, Some("not-a-member")),
        "a member of another community only"
    );

    let (status, page) = read_as(&server, list, Some("m-9")).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(
        titles_and_authors(&page),
        [
            ("The sponsor's own".to_owned(), Some("m-110".to_owned())),
            ("Anonymous".to_owned(), None),
            ("Private".to_owned(), Some("m-6".to_owned())),
            ("Shared".to_owned(), Some("m-5".to_owned())),
        ],
        "a member reads them all; the anonymous one names nobody"
    );
    let (_, own) = read_as(&server, list, Some("m-7")).await;
    assert_eq!(
        titles_and_authors(&own)[1],
        ("Anonymous".to_owned(), Some("m-7".to_owned())),
        "the author alone sees their name on their anonymous story"
    );
    let (_, sponsor) = read_as(&server, list, Some("m-110")).await;
    assert_eq!(
        titles_and_authors(&sponsor),
        [
            ("The sponsor's own".to_owned(), Some("m-110".to_owned())),
            ("Anonymous".to_owned(), None),
            ("Shared".to_owned(), Some("m-5".to_owned())),
        ],
        "a sponsor reads what was shared with sponsors, and their own"
    );
    let private_id = page["items"][2]["id"].as_str().unwrap().to_owned();
    let one = format!("{list}/{private_id}");
    assert_eq!(read_as(&server, &one, Some("m-9")).await.0, StatusCode::OK);
    assert_eq!(
        read_as(&server, &one, Some("m-110")).await.0,
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        read_as(&server, &one, None).await.0,
        StatusCode::UNAUTHORIZED
    );
    assert_eq!(
        read_as(&server, &one, Some("c-40")).await.0,
        StatusCode::FORBIDDEN
    );

    let export = "/api/communities/teachers/stories/export?format=json";
    assert_eq!(
        read_as(&server, export, None).await.0,
        StatusCode::UNAUTHORIZED
    );
    assert_eq!(
        read_as(&server, export, Some("m-9")).await.0,
        StatusCode::FORBIDDEN
    );
    for reader in ["m-1", "m-110"] {
        let (status, stories) = read_as(&server, export, Some(reader)).await;
        assert_eq!(status, StatusCode::OK, "{reader} may export");
        let titles: Vec<_> = stories
            .as_array()
            .unwrap()
            .iter()
            .map(|s| (s["title"].as_str().unwrap(), s["author"]["id"].as_str()))
            .collect();
        assert_eq!(titles, [("Anonymous", None), ("Shared", Some("m-5"))]);
    }
    // Badges stay public: they are shown on intranet pages.
    assert_eq!(
        read_as(&server, "/api/communities/teachers/distribution", None)
            .await
            .0,
        StatusCode::OK
    );
}

#[tokio::test]
async fn public_reads_open_the_stories_but_not_the_export_or_anonymity() {
    let (_data, server) = jwt_with_stories(&["--public-reads"]).await;
    let (status, page) = read_as(&server, "/api/communities/teachers/stories", None).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(page["items"].as_array().unwrap().len(), 4);
    assert_eq!(titles_and_authors(&page)[1], ("Anonymous".to_owned(), None));
    assert_eq!(
        read_as(&server, "/api/communities/teachers/stories/export", None)
            .await
            .0,
        StatusCode::UNAUTHORIZED
    );
}

#[tokio::test]
async fn reads_after_a_write_are_never_stale() {
    let (_data, server) = serve(&OPEN_TODAY).await;
    let all: Vec<String> = (1..=220).map(|n| format!("m-{n}")).collect();
    let batch = format!(
        "/api/communities/teachers/participation?members={}",
        all.join(",")
    );
    // Read twice, so what follows reads a warm cache.
    let _ = get_json(&server, &batch).await;
    let (_, before) = get_json(&server, &batch).await;
    let (_, spread_before) = get_json(&server, "/api/communities/teachers/distribution").await;
    // A member one participation short of occasional (they have come by often enough).
    let close = before["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|item| {
            item["level"] == "peripheral"
                && item["next_step"]["missing"]
                    == json!([{ "measure": "participations", "count": 1 }])
        })
        .expect("the demo has a member one reply from occasional")["member"]
        .as_str()
        .unwrap()
        .to_owned();
    let recorded = server
        .client
        .post(server.url("/api/communities/teachers/activity"))
        .header("X-Demo-Member", &close)
        .header("content-type", "application/json")
        .body(r#"{"kind": "reply", "count": 1}"#)
        .send()
        .await
        .unwrap();
    assert_eq!(recorded.status(), StatusCode::CREATED);
    let (_, after) = get_json(&server, &batch).await;
    let item = after["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|item| item["member"] == close.as_str())
        .unwrap()
        .clone();
    assert_eq!(
        item["level"], "occasional",
        "{close} moved at the next read"
    );
    let (_, one) = get_json(
        &server,
        &format!("/api/communities/teachers/members/{close}/participation"),
    )
    .await;
    assert_eq!(one, item, "the one-member document agrees with the batch");
    let (_, spread_after) = get_json(&server, "/api/communities/teachers/distribution").await;
    let count = |spread: &Value, level: usize| spread["levels"][level]["count"].as_u64().unwrap();
    assert_eq!(count(&spread_after, 2), count(&spread_before, 2) + 1);
    assert_eq!(count(&spread_after, 3), count(&spread_before, 3) - 1);
    // A newcomer counts at once, as peripheral.
    let joined = server
        .client
        .post(server.url("/api/communities/teachers/members"))
        .header("X-Demo-Member", "newcomer-after-the-reads")
        .header("content-type", "application/json")
        .body(r#"{"display_name": "New Comer"}"#)
        .send()
        .await
        .unwrap();
    assert_eq!(joined.status(), StatusCode::CREATED);
    let (_, spread_joined) = get_json(&server, "/api/communities/teachers/distribution").await;
    assert_eq!(spread_joined["members"], 221);
    assert_eq!(count(&spread_joined, 3), count(&spread_after, 3) + 1);
    // Nobody else moved.
    let others = |doc: &Value| -> Vec<Value> {
        doc["items"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|item| item["member"] != close.as_str())
            .cloned()
            .collect()
    };
    assert_eq!(others(&after), others(&before));

    // New thresholds change the batch's levels at once (the cache was warm).
    let (_, mut thresholds) = get_json(&server, "/api/communities/teachers/thresholds").await;
    thresholds["occasional"]["participations"] = json!(2);
    let response = server
        .client
        .put(server.url("/api/communities/teachers/thresholds"))
        .header("X-Demo-Member", "m-1")
        .json(&thresholds)
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    let (_, strict) = get_json(
        &server,
        &format!("/api/communities/teachers/members/{close}/participation"),
    )
    .await;
    assert_eq!(
        strict["level"], "peripheral",
        "one reply is no longer enough"
    );
}

// ---- The featured-video carousel (issue 14) ----

/// A request by `member` (open identity mode; `None` sends no header) with a JSON body.
async fn send_as(
    server: &Server,
    method: reqwest::Method,
    path: &str,
    member: Option<&str>,
    body: Value,
) -> (StatusCode, Value) {
    let mut request = server.client.request(method, server.url(path)).json(&body);
    if let Some(member) = member {
        request = request.header("X-Demo-Member", member);
    }
    let response = request.send().await.unwrap();
    let status = response.status();
    let text = response.text().await.unwrap();
    (
        status,
        serde_json::from_str(&text).unwrap_or(Value::String(text)),
    )
}

/// A beacon as `navigator.sendBeacon` sends a string: `text/plain;charset=UTF-8`, no other header.
async fn beacon(server: &Server, cycle: &str, content_type: &str, body: &str) -> reqwest::Response {
    server
        .client
        .post(server.url(&format!("/api/communities/teachers/cycles/{cycle}/events")))
        .header("content-type", content_type)
        .body(body.to_owned())
        .send()
        .await
        .unwrap()
}

const BEACON: &str = "text/plain;charset=UTF-8";

/// Three videos of the teachers (the coordinator m-1 adds them), a live cycle featuring the
/// third and the first, and an ended cycle featuring the first.
async fn carousel_setup(server: &Server) -> (Vec<String>, String, String) {
    let post = reqwest::Method::POST;
    let mut videos = Vec::new();
    for body in [
        json!({ "title": "Lesson study, week by week", "speaker": { "name": "Amina Diallo", "role": "Science teacher" },
                "why": "How one school made peer observation a habit.", "duration_seconds": 240,
                "url": "https://www.youtube.com/watch?v=dQw4w9WgXcQ", "poster": "/posters/teachers-01.svg",
                "captions": { "src": "/captions/amina.vtt", "language": "en" }, "transcript": "We started small.",
                "member": "m-5", "contact_email": "amina@example.org" }),
        json!({ "title": "=1+1 tricks", "speaker": { "name": "Lucas Schmidt", "role": "Maths teacher" },
                "why": "Mental arithmetic games.", "duration_seconds": 180, "url": "https://vimeo.com/76979871" }),
        json!({ "title": "Parents in the classroom", "speaker": { "name": "Mei Chen", "role": "Head teacher" },
                "why": "What changed when parents came in.", "duration_seconds": 300,
                "url": "/media/mei.mp4", "sources": [{ "src": "/media/mei.webm", "type": "video/webm" }],
                "member": "m-6" }),
    ] {
        let (status, video) = send_as(
            server,
            post.clone(),
            "/api/communities/teachers/videos",
            Some("m-1"),
            body,
        )
        .await;
        assert_eq!(status, StatusCode::CREATED, "{video}");
        videos.push(video["id"].as_str().unwrap().to_owned());
    }
    let mut cycles = Vec::new();
    for (name, starts, ends) in [
        ("Late November", "2026-11-20", "2026-12-15"),
        ("October", "2026-10-01", "2026-10-31"),
    ] {
        let (status, cycle) = send_as(
            server,
            post.clone(),
            "/api/communities/teachers/cycles",
            Some("m-1"),
            json!({ "name": name, "starts": starts, "ends": ends }),
        )
        .await;
        assert_eq!(status, StatusCode::CREATED, "{cycle}");
        assert_eq!(
            (cycle["starts"].as_str(), cycle["ends"].as_str()),
            (Some(starts), Some(ends))
        );
        cycles.push(cycle["id"].as_str().unwrap().to_owned());
    }
    for (cycle, featured) in [
        (&cycles[0], json!([videos[2], videos[0], videos[1]])),
        (&cycles[1], json!([videos[0]])),
    ] {
        let (status, carousel) = send_as(
            server,
            reqwest::Method::PUT,
            &format!("/api/communities/teachers/cycles/{cycle}/featured"),
            Some("m-1"),
            json!({ "videos": featured }),
        )
        .await;
        assert_eq!(status, StatusCode::OK, "{carousel}");
    }
    (videos, cycles[0].clone(), cycles[1].clone())
}

fn ids(list: &Value) -> Vec<String> {
    list.as_array()
        .unwrap()
        .iter()
        .map(|v| v["id"].as_str().unwrap().to_owned())
        .collect()
}

#[tokio::test]
async fn the_coordinator_features_videos_and_the_carousel_answers_them_in_order() {
    let (_data, server) = serve(&OPEN_TODAY).await;
    let (videos, live, _) = carousel_setup(&server).await;
    let (status, carousel) = get_json(
        &server,
        &format!("/api/communities/teachers/cycles/{live}/carousel"),
    )
    .await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(carousel["cycle"]["name"], "Late November");
    assert_eq!(
        ids(&carousel["videos"]),
        [videos[2].clone(), videos[0].clone(), videos[1].clone()]
    );
    let amina = &carousel["videos"][1];
    assert_eq!(
        amina["speaker"],
        json!({ "name": "Amina Diallo", "role": "Science teacher" })
    );
    assert_eq!(
        amina["why"],
        "How one school made peer observation a habit."
    );
    assert_eq!(amina["duration_seconds"], 240);
    assert_eq!(
        (amina["provider"].as_str(), amina["provider_id"].as_str()),
        (Some("youtube"), Some("dQw4w9WgXcQ"))
    );
    assert_eq!(amina["poster"], "/posters/teachers-01.svg");
    assert_eq!(
        amina["captions"],
        json!({ "src": "/captions/amina.vtt", "language": "en" })
    );
    assert_eq!(amina["transcript"], "We started small.");
    assert!(
        amina.get("contact_email").is_none(),
        "the contact address stays private"
    );
    assert_eq!(carousel["videos"][2]["provider"], "vimeo");
    assert_eq!(
        carousel["videos"][0]["sources"],
        json!([{ "src": "/media/mei.mp4", "type": "video/mp4" }, { "src": "/media/mei.webm", "type": "video/webm" }])
    );
    // The cycle whose days contain --today (2026-11-23) and started last.
    let (status, current) = get_json(&server, "/api/communities/teachers/cycles/current").await;
    assert_eq!(
        (status, current["id"].as_str()),
        (StatusCode::OK, Some(live.as_str()))
    );
    // The widget's default read: the current cycle's carousel in one request.
    let (status, now) = get_json(&server, "/api/communities/teachers/carousel").await;
    assert_eq!(
        (status, now["cycle"]["id"].as_str()),
        (StatusCode::OK, Some(live.as_str()))
    );
    assert_eq!(now["videos"], carousel["videos"]);
    let (_, cycles) = get_json(&server, "/api/communities/teachers/cycles").await;
    assert!(ids(&cycles).contains(&live));
    let (_, listed) = get_json(&server, "/api/communities/teachers/videos").await;
    assert!(videos.iter().all(|v| ids(&listed).contains(v)));

    // Others may not write; bad input is named.
    let put = reqwest::Method::PUT;
    let featured = format!("/api/communities/teachers/cycles/{live}/featured");
    for (method, path, body) in [
        (
            put.clone(),
            featured.as_str(),
            json!({ "videos": [videos[0]] }),
        ),
        (
            reqwest::Method::POST,
            "/api/communities/teachers/cycles",
            json!({ "name": "X", "starts": "2026-12-01", "ends": "2026-12-31" }),
        ),
        (
            reqwest::Method::POST,
            "/api/communities/teachers/videos",
            json!({ "title": "T", "speaker": { "name": "N", "role": "R" }, "why": "W", "duration_seconds": 1, "url": "https://youtu.be/dQw4w9WgXcQ" }),
        ),
    ] {
        let (status, body) = send_as(&server, method, path, Some("m-50"), body).await;
        assert_eq!(
            (status, body["code"].as_str()),
            (StatusCode::FORBIDDEN, Some("not-a-coordinator")),
            "{path}"
        );
    }
    let (status, body) = send_as(
        &server,
        put.clone(),
        &featured,
        Some("m-1"),
        json!({ "videos": [videos[0], "nope"] }),
    )
    .await;
    assert_eq!(
        (
            status,
            &body["errors"][0]["pointer"],
            &body["errors"][0]["code"]
        ),
        (
            StatusCode::UNPROCESSABLE_ENTITY,
            &json!("/videos/1"),
            &json!("unknown-video")
        )
    );
    let (status, body) = send_as(
        &server,
        reqwest::Method::POST,
        "/api/communities/teachers/videos",
        Some("m-1"),
        json!({ "title": "T", "speaker": { "name": "N", "role": "R" }, "why": "W", "duration_seconds": 1, "url": "https://example.org/talk.avi" }),
    )
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(body["errors"][0]["code"], "unknown-provider");
    assert!(body["errors"][0]["message"]
        .as_str()
        .unwrap()
        .contains("“https://example.org/talk.avi”"));
    // The order of the carousel did not change.
    let (_, again) = get_json(
        &server,
        &format!("/api/communities/teachers/cycles/{live}/carousel"),
    )
    .await;
    assert_eq!(ids(&again["videos"]), ids(&carousel["videos"]));
}

#[tokio::test]
async fn no_current_cycle_is_a_404_with_a_code() {
    // The demo's cycles were dated for 2026-11-23; a year later none is current.
    let data = seeded(&OPEN_TODAY).await;
    let server = Server::start(&data, &["--identity", "open", "--today", "2027-11-23"]).await;
    for path in [
        "/api/communities/teachers/cycles/current",
        "/api/communities/teachers/carousel",
    ] {
        let response = server.client.get(server.url(path)).send().await.unwrap();
        let (status, body) = problem(response).await;
        assert_eq!(
            (status, body["code"].as_str()),
            (StatusCode::NOT_FOUND, Some("no-current-cycle")),
            "{path}"
        );
    }
}

#[tokio::test]
async fn carousel_events_count_once_and_refuse_what_is_not_live_featured_or_well_formed() {
    let (_data, server) = serve(&OPEN_TODAY).await;
    let (videos, live, ended) = carousel_setup(&server).await;
    let batch = json!({ "page_view": "pv-aaaaaaaa", "impressions": [videos[0], videos[2]], "selections": [videos[2]] }).to_string();
    let counted = |response: reqwest::Response| async move {
        assert_eq!(response.status(), StatusCode::ACCEPTED);
        let body: Value = response.json().await.unwrap();
        (
            body["impressions"].as_u64().unwrap(),
            body["selections"].as_u64().unwrap(),
        )
    };
    assert_eq!(
        counted(beacon(&server, &live, "application/json", &batch).await).await,
        (2, 1)
    );
    // The same batch again (a retry), and as sendBeacon's text/plain: nothing new.
    assert_eq!(
        counted(beacon(&server, &live, "application/json", &batch).await).await,
        (0, 0)
    );
    assert_eq!(
        counted(beacon(&server, &live, BEACON, &batch).await).await,
        (0, 0)
    );
    let again = json!({ "page_view": "pv-aaaaaaaa", "impressions": [videos[0]] }).to_string();
    assert_eq!(
        counted(beacon(&server, &live, BEACON, &again).await).await,
        (0, 0)
    );
    // Another page view counts; a selection alone counts as shown too.
    let other = json!({ "page_view": "pv-bbbbbbbb", "selections": [videos[1]] }).to_string();
    assert_eq!(
        counted(beacon(&server, &live, BEACON, &other).await).await,
        (1, 1)
    );

    let (status, body) = problem(
        beacon(
            &server,
            &live,
            BEACON,
            &json!({ "page_view": "pv-cccccccc", "impressions": [videos[0], "nope"] }).to_string(),
        )
        .await,
    )
    .await;
    assert_eq!(
        (
            status,
            &body["errors"][0]["pointer"],
            &body["errors"][0]["code"]
        ),
        (
            StatusCode::UNPROCESSABLE_ENTITY,
            &json!("/impressions/1"),
            &json!("not-featured")
        )
    );
    let (status, body) = problem(
        beacon(
            &server,
            &ended,
            BEACON,
            &json!({ "page_view": "pv-cccccccc", "impressions": [videos[0]] }).to_string(),
        )
        .await,
    )
    .await;
    assert_eq!(
        (status, body["code"].as_str()),
        (StatusCode::CONFLICT, Some("cycle-ended"))
    );
    for malformed in [
        "{not json",
        "[]",
        r#"{"impressions": ["x"]}"#,
        r#"{"page_view": "pv-cccccccc", "impressions": "x"}"#,
        r#"{"page_view": "pv-cccccccc", "impressions": [], "extra": 1}"#,
    ] {
        let (status, _) = problem(beacon(&server, &live, BEACON, malformed).await).await;
        assert_eq!(status, StatusCode::BAD_REQUEST, "{malformed}");
    }
    let (status, body) = problem(
        beacon(
            &server,
            &live,
            BEACON,
            r#"{"page_view": "short", "impressions": []}"#,
        )
        .await,
    )
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(body["errors"][0]["code"], "not-a-page-view");
    let (status, _) =
        problem(beacon(&server, &live, "application/x-www-form-urlencoded", &batch).await).await;
    assert_eq!(status, StatusCode::UNSUPPORTED_MEDIA_TYPE);
    let (status, _) = problem(beacon(&server, "no-such-cycle", BEACON, &batch).await).await;
    assert_eq!(status, StatusCode::NOT_FOUND);

    // What was counted: each (page view, video, kind) once.
    let (_, report) = get_as(
        &server,
        &format!("/api/communities/teachers/cycles/{live}/selection"),
        "m-1",
    )
    .await;
    let numbers: Vec<(String, u64, u64)> = report["videos"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            (
                r["video"].as_str().unwrap().to_owned(),
                r["impressions"].as_u64().unwrap(),
                r["selections"].as_u64().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        numbers,
        [
            (videos[2].clone(), 1, 1),
            (videos[1].clone(), 1, 1),
            (videos[0].clone(), 1, 0)
        ]
    );
}

#[tokio::test]
async fn a_page_view_sending_too_many_beacons_gets_a_429_with_retry_after() {
    let (_data, server) = serve(&OPEN_TODAY).await;
    let (videos, live, _) = carousel_setup(&server).await;
    let batch = json!({ "page_view": "pv-flooding", "impressions": [videos[0]] }).to_string();
    for _ in 0..6 {
        assert_eq!(
            beacon(&server, &live, BEACON, &batch).await.status(),
            StatusCode::ACCEPTED
        );
    }
    let response = beacon(&server, &live, BEACON, &batch).await;
    let retry_after: u32 = response.headers()["retry-after"]
        .to_str()
        .unwrap()
        .parse()
        .unwrap();
    assert!((1..=10).contains(&retry_after), "{retry_after}");
    let (status, body) = problem(response).await;
    assert_eq!(
        (status, body["code"].as_str()),
        (StatusCode::TOO_MANY_REQUESTS, Some("rate-limited"))
    );
    // Another page view is not held back.
    let other = json!({ "page_view": "pv-patient1", "impressions": [videos[0]] }).to_string();
    assert_eq!(
        beacon(&server, &live, BEACON, &other).await.status(),
        StatusCode::ACCEPTED
    );
}

#[tokio::test]
async fn the_selection_report_ranks_by_rate_as_json_and_csv_for_coordinators_only() {
    let (_data, server) = serve(&OPEN_TODAY).await;
    let (videos, live, _) = carousel_setup(&server).await;
    // videos[0]: shown 4 times, chosen once (0.25); videos[1]: shown 2, chosen once (0.5);
    // videos[2]: shown 4, chosen once (0.25) — a tie with videos[0]… and once more chosen: 0.5 (2 of 4).
    for (n, shown, chosen) in [
        (
            1,
            vec![&videos[0], &videos[1], &videos[2]],
            vec![&videos[1], &videos[2]],
        ),
        (
            2,
            vec![&videos[0], &videos[1], &videos[2]],
            vec![&videos[0]],
        ),
        (3, vec![&videos[0], &videos[2]], vec![&videos[2]]),
        (4, vec![&videos[0], &videos[2]], vec![]),
    ] {
        let batch = json!({ "page_view": format!("pv-report-{n}"), "impressions": shown, "selections": chosen }).to_string();
        assert_eq!(
            beacon(&server, &live, BEACON, &batch).await.status(),
            StatusCode::ACCEPTED
        );
    }
    let path = format!("/api/communities/teachers/cycles/{live}/selection");
    let (status, report) = get_as(&server, &path, "m-1").await;
    assert_eq!(status, StatusCode::OK);
    let rows: Vec<(u64, String, u64, u64, f64)> = report["videos"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            (
                r["rank"].as_u64().unwrap(),
                r["video"].as_str().unwrap().to_owned(),
                r["impressions"].as_u64().unwrap(),
                r["selections"].as_u64().unwrap(),
                r["rate"].as_f64().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        rows,
        [
            (1, videos[2].clone(), 4, 2, 0.5),
            (2, videos[1].clone(), 2, 1, 0.5),
            (3, videos[0].clone(), 4, 1, 0.25),
        ]
    );
    let response = server
        .client
        .get(server.url(&format!("{path}?format=csv")))
        .header("X-Demo-Member", "m-1")
        .send()
        .await
        .unwrap();
    assert_eq!(
        response.headers()["content-type"],
        "text/csv; charset=utf-8"
    );
    let (formulas, csv) = python_csv(&response.text().await.unwrap());
    assert_eq!(
        formulas,
        Vec::<String>::new(),
        "the title “=1+1 tricks” runs nothing"
    );
    assert_eq!(
        csv[0],
        [
            "rank",
            "video",
            "title",
            "speaker",
            "impressions",
            "selections",
            "rate"
        ]
    );
    assert_eq!(
        csv[1],
        [
            "1",
            &videos[2],
            "Parents in the classroom",
            "Mei Chen",
            "4",
            "2",
            "0.5000"
        ]
    );
    assert_eq!(
        csv[2],
        [
            "2",
            &videos[1],
            "'=1+1 tricks",
            "Lucas Schmidt",
            "2",
            "1",
            "0.5000"
        ]
    );
    assert_eq!(
        csv[3],
        [
            "3",
            &videos[0],
            "Lesson study, week by week",
            "Amina Diallo",
            "4",
            "1",
            "0.2500"
        ]
    );
    assert_eq!(csv.len(), 4);
    // Members, sponsors and strangers may not read it.
    for member in ["m-50", "m-110", "stranger"] {
        let (status, body) = get_as(&server, &path, member).await;
        assert_eq!(
            (status, body["code"].as_str()),
            (StatusCode::FORBIDDEN, Some("not-a-coordinator")),
            "{member}"
        );
    }
    let (status, _) = get_as(&server, &format!("{path}?format=xml"), "m-1").await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
}

#[tokio::test]
async fn without_an_identity_the_report_and_notes_are_401() {
    let (_data, server) = serve(&JWT).await;
    let (_, current) = get_json(&server, "/api/communities/teachers/cycles/current").await;
    let cycle = current["id"]
        .as_str()
        .expect("the demo has a current cycle");
    for what in ["selection", "notes"] {
        let path = format!("/api/communities/teachers/cycles/{cycle}/{what}");
        let (status, _) = problem(server.client.get(server.url(&path)).send().await.unwrap()).await;
        assert_eq!(status, StatusCode::UNAUTHORIZED, "{what}");
        let (status, _) = read_as(&server, &path, Some("m-1")).await;
        assert_eq!(status, StatusCode::OK, "{what}");
        let (status, _) = read_as(&server, &path, Some("m-2")).await;
        assert_eq!(status, StatusCode::FORBIDDEN, "{what}");
    }
    // What the carousel shows is public.
    let (status, carousel) = get_json(
        &server,
        &format!("/api/communities/teachers/cycles/{cycle}/carousel"),
    )
    .await;
    assert_eq!(status, StatusCode::OK);
    assert!(
        !carousel["videos"].as_array().unwrap().is_empty(),
        "the demo features videos"
    );
    let poster = carousel["videos"][0]["poster"].as_str().unwrap();
    let served = server.client.get(server.url(poster)).send().await.unwrap();
    assert_eq!(served.status(), StatusCode::OK, "{poster} is served");
    assert!(served.text().await.unwrap().starts_with("<svg"));
}

#[tokio::test]
async fn the_notes_list_featured_speakers_with_mailto_links() {
    let (_data, server) = serve(&OPEN_TODAY).await;
    let (videos, live, ended) = carousel_setup(&server).await;
    let (status, notes) = get_as(
        &server,
        &format!("/api/communities/teachers/cycles/{live}/notes"),
        "m-1",
    )
    .await;
    assert_eq!(status, StatusCode::OK);
    let notes = notes.as_array().unwrap();
    let listed: Vec<(&str, &str)> = notes
        .iter()
        .map(|n| (n["video"].as_str().unwrap(), n["kind"].as_str().unwrap()))
        .collect();
    assert_eq!(
        listed,
        [
            (videos[2].as_str(), "featured"),
            (videos[0].as_str(), "featured"),
            (videos[1].as_str(), "featured")
        ]
    );
    let amina = &notes[1];
    assert_eq!(
        (
            amina["speaker"].as_str(),
            amina["member"].as_str(),
            amina["language"].as_str()
        ),
        (Some("Amina Diallo"), Some("m-5"), Some("en"))
    );
    assert!(amina["body"].as_str().unwrap().contains("your interview “Lesson study, week by week” was selected for this cycle of Teachers' network"));
    let mailto = amina["mailto"].as_str().unwrap();
    assert!(mailto.starts_with("mailto:amina@example.org?subject=Your%20interview%20is%20featured%20in%20Teachers%27%20network&body=Dear%20Amina%20Diallo"), "{mailto}");
    assert!(
        notes[2]["mailto"]
            .as_str()
            .unwrap()
            .starts_with("mailto:?subject="),
        "no address: the coordinator adds one"
    );
    // After the cycle: how often it was chosen, too.
    let (_, notes) = get_as(
        &server,
        &format!("/api/communities/teachers/cycles/{ended}/notes"),
        "m-1",
    )
    .await;
    let kinds: Vec<&str> = notes
        .as_array()
        .unwrap()
        .iter()
        .map(|n| n["kind"].as_str().unwrap())
        .collect();
    assert_eq!(kinds, ["featured", "results"]);
    assert!(
        notes[1]["body"]
            .as_str()
            .unwrap()
            .contains("was shown 0 times and chosen 0 times"),
        "{}",
        notes[1]["body"]
    );
    let (status, _) = get_as(
        &server,
        &format!("/api/communities/teachers/cycles/{live}/notes"),
        "m-50",
    )
    .await;
    assert_eq!(status, StatusCode::FORBIDDEN);
}

async fn expand(server: &Server, body: Value) -> reqwest::Response {
    server
        .client
        .post(server.url("/api/recurrence/expand"))
        .json(&body)
        .send()
        .await
        .unwrap()
}

#[tokio::test]
async fn a_recurring_activity_expands_in_its_own_zone_and_bad_series_name_the_part() {
    let (_data, server) = serve(&["--identity", "open"]).await;

    // A Monday call at 09:00 in Vienna, one week excluded, across Vienna's change to summer time.
    let response = expand(
        &server,
        json!({
            "ical": "DTSTART;TZID=Europe/Vienna:20260302T090000\nRRULE:FREQ=WEEKLY;BYDAY=MO\nEXDATE;TZID=Europe/Vienna:20260316T090000",
            "from": "2026-03-01T00:00:00Z",
            "to": "2026-04-07T00:00:00+02:00",
            "limit": 10,
        }),
    )
    .await;
    assert_eq!(response.status(), StatusCode::OK);
    let body: Value = response.json().await.unwrap();
    assert_eq!(
        body,
        json!({
            "occurrences": [
                "2026-03-02T08:00:00Z",
                "2026-03-09T08:00:00Z",
                "2026-03-23T08:00:00Z",
                "2026-03-30T07:00:00Z",
                "2026-04-06T07:00:00Z",
            ],
            "complete": true,
        })
    );
    let schema_check = cop_core_document();
    assert!(schema_check["paths"]["/recurrence/expand"]["post"].is_object());

    // The limit cuts, and says so; an all-day series gives dates.
    let (status, body) = {
        let response = expand(
            &server,
            json!({
                "ical": "DTSTART;VALUE=DATE:20260101\nRRULE:FREQ=MONTHLY;BYMONTHDAY=-1",
                "from": "2026-01-01T00:00:00Z",
                "to": "2027-01-01T00:00:00Z",
                "limit": 2,
            }),
        )
        .await;
        (response.status(), response.json::<Value>().await.unwrap())
    };
    assert_eq!(status, StatusCode::OK);
    assert_eq!(
        body,
        json!({ "occurrences": ["2026-01-01", "2026-01-31"], "complete": false })
    );

    // Bad input: 422 problem details, each error naming the part.
    for (body, pointer, code, words) in [
        (
            json!({ "ical": "DTSTART:20260105T090000Z\nRRULE:FREQ=MONTHLY;BYSETPOS=1", "from": "2026-01-01T00:00:00Z", "to": "2027-01-01T00:00:00Z" }),
            "/ical",
            "invalid-recurrence",
            "BYSETPOS needs another BY",
        ),
        (
            json!({ "ical": "DTSTART:20260105T090000Z\nRRULE:FREQ=HOURLY", "from": "2026-01-01T00:00:00Z", "to": "2027-01-01T00:00:00Z" }),
            "/ical",
            "invalid-recurrence",
            "FREQ=HOURLY is not supported",
        ),
        (
            json!({ "ical": "DTSTART;TZID=Europe/Vienna:20260105T090000\nRRULE:FREQ=DAILY;UNTIL=20260201T090000", "from": "2026-01-01T00:00:00Z", "to": "2027-01-01T00:00:00Z" }),
            "/ical",
            "invalid-recurrence",
            "UNTIL must be UTC",
        ),
        (
            json!({ "ical": "DTSTART;TZID=Europe/Wien:20260105T090000", "from": "2026-01-01T00:00:00Z", "to": "2027-01-01T00:00:00Z" }),
            "/ical",
            "unknown-time-zone",
            "unknown time zone \"Europe/Wien\"",
        ),
        (
            json!({ "ical": "DTSTART:20260105T090000", "from": "2026-01-01T00:00:00Z", "to": "2027-01-01T00:00:00Z", "floating_zone": "Mars/Base" }),
            "/floating_zone",
            "unknown-time-zone",
            "Mars/Base",
        ),
        (
            json!({ "ical": "DTSTART:20260105T090000Z", "from": "2026-01-01", "to": "2027-01-01T00:00:00Z" }),
            "/from",
            "not-a-date-time",
            "RFC 3339",
        ),
        (
            json!({ "ical": "DTSTART:20260105T090000Z", "from": "2027-01-01T00:00:00Z", "to": "2026-01-01T00:00:00Z" }),
            "/to",
            "before-from",
            "later than",
        ),
        (
            json!({ "ical": "DTSTART:20260105T090000Z", "from": "2026-01-01T00:00:00Z", "to": "2027-01-01T00:00:00Z", "limit": 5000 }),
            "/limit",
            "out-of-range",
            "1 to 1000",
        ),
    ] {
        let (status, problem) = problem(expand(&server, body.clone()).await).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
        let error = &problem["errors"][0];
        assert_eq!(error["pointer"], pointer, "{body}");
        assert_eq!(error["code"], code, "{body}");
        assert!(
            error["message"].as_str().unwrap().contains(words),
            "{body}: {error}"
        );
    }
    let response = server
        .client
        .post(server.url("/api/recurrence/expand"))
        .header("content-type", "application/json")
        .body("{not json")
        .send()
        .await
        .unwrap();
    assert_eq!(problem(response).await.0, StatusCode::BAD_REQUEST);
}

// The community-rhythm calendar (issue 15).

const WEEKLY_VIENNA: &str = "DTSTART;TZID=Europe/Vienna:20260316T090000\nRRULE:FREQ=WEEKLY";

fn calendar_event(title: &str, timing: &str) -> Value {
    json!({ "title": title, "kind": "call", "where": "https://meet.example.org/x",
            "duration_minutes": 60, "timing": timing })
}

/// Occurrences of the teachers' calendar in `[from, to)`: (start, event, recurrence_id, moved).
async fn teachers_occurrences(server: &Server, from: &str, to: &str) -> Value {
    let (status, found) = get_json(
        server,
        &format!("/api/communities/teachers/occurrences?from={from}&to={to}&limit=1000"),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{found}");
    assert_eq!(found["complete"], true);
    found
}

fn starts_of(found: &Value, event: &str) -> Vec<String> {
    found["occurrences"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|o| o["event"] == event)
        .map(|o| o["start"].as_str().unwrap().to_owned())
        .collect()
}

#[tokio::test]
async fn calendar_events_are_written_by_coordinators_and_leaders_and_refused_to_others() {
    let (_data, server) = serve(&OPEN_TODAY).await;
    let path = "/api/communities/teachers/events";
    let post = reqwest::Method::POST;
    let (status, created) = send_as(
        &server,
        post.clone(),
        path,
        Some("m-1"),
        calendar_event("Weekly call", WEEKLY_VIENNA),
    )
    .await;
    assert_eq!(status, StatusCode::CREATED, "{created}");
    assert_eq!(created["zone"], "Europe/Vienna");
    assert_eq!(created["timing"], WEEKLY_VIENNA);
    assert_eq!(created["sequence"], 0);
    let id = created["id"].as_str().unwrap().to_owned();
    let (status, by_leader) = send_as(
        &server,
        post.clone(),
        path,
        Some("m-2"),
        json!({ "title": "Open house", "kind": "other", "duration_minutes": 45,
                "timing": "DTSTART;TZID=America/New_York:20261203T120000" }),
    )
    .await;
    assert_eq!(
        status,
        StatusCode::CREATED,
        "a leader adds events: {by_leader}"
    );
    assert!(by_leader.get("where").is_none());
    // A leader updates; the sequence moves on.
    let mut changed = calendar_event(
        "Weekly call (new time)",
        "DTSTART;TZID=Europe/Vienna:20260316T100000\r\nRRULE:FREQ=WEEKLY;\r\n BYDAY=MO",
    );
    changed["kind"] = json!("webinar");
    let (status, updated) = send_as(
        &server,
        reqwest::Method::PUT,
        &format!("{path}/{id}"),
        Some("m-2"),
        changed,
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{updated}");
    assert_eq!(updated["title"], "Weekly call (new time)");
    assert_eq!(updated["kind"], "webinar");
    assert_eq!(
        updated["timing"], "DTSTART;TZID=Europe/Vienna:20260316T100000\nRRULE:FREQ=WEEKLY;BYDAY=MO",
        "stored unfolded, one property a line"
    );
    assert_eq!(updated["sequence"], 1);
    let (status, one) = get_json(&server, &format!("{path}/{id}")).await;
    assert_eq!(
        (status, &one["title"]),
        (StatusCode::OK, &json!("Weekly call (new time)"))
    );
    // Others: 403; no identity: 401 (reads stay public).
    for method in [post.clone(), reqwest::Method::PUT] {
        let target = if method == post {
            path.to_owned()
        } else {
            format!("{path}/{id}")
        };
        let (status, refused) = send_as(
            &server,
            method.clone(),
            &target,
            Some("m-150"),
            calendar_event("Mine", WEEKLY_VIENNA),
        )
        .await;
        assert_eq!(status, StatusCode::FORBIDDEN, "{refused}");
        assert_eq!(refused["code"], "not-an-organiser");
    }
    // Without an identity (a JWT server, no token): writes are 401, reads are public.
    let (_jwt_data, jwt) = serve(&JWT).await;
    for (method, target) in [
        (post.clone(), path.to_owned()),
        (reqwest::Method::PUT, format!("{path}/teachers-weekly-call")),
    ] {
        let (status, _) = send_as(
            &jwt,
            method,
            &target,
            None,
            calendar_event("Anyone", WEEKLY_VIENNA),
        )
        .await;
        assert_eq!(status, StatusCode::UNAUTHORIZED, "{target}");
    }
    let (status, _) = send_as(
        &jwt,
        post.clone(),
        "/api/communities/teachers/events/teachers-weekly-call/occurrences",
        None,
        json!({ "recurrence_id": "2026-03-16T08:00:00Z", "cancelled": true }),
    )
    .await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    for read in [
        path,
        "/api/communities/teachers/calendar.ics",
        "/api/communities/teachers/occurrences?from=2026-11-23T00:00:00Z&to=2026-12-01T00:00:00Z",
    ] {
        let response = jwt.client.get(jwt.url(read)).send().await.unwrap();
        assert_eq!(response.status(), StatusCode::OK, "{read} is public");
    }
    // An invalid series is a 422 naming the part.
    for (timing, code, part) in [
        (
            "DTSTART;TZID=Europe/Vienna:20260316T090000\nRRULE:FREQ=MONTHLY;BYSETPOS=1",
            "invalid-recurrence",
            "BYSETPOS",
        ),
        (
            "DTSTART;TZID=Europe/Vienna:20260316T090000\nRRULE:FREQ=HOURLY",
            "invalid-recurrence",
            "FREQ",
        ),
        (
            "DTSTART;TZID=Europe/Wien:20260316T090000\nRRULE:FREQ=WEEKLY",
            "unknown-time-zone",
            "Europe/Wien",
        ),
        (
            "DTSTART:20260316T090000\nRRULE:FREQ=WEEKLY",
            "invalid-recurrence",
            "DTSTART",
        ),
        (
            "DTSTART;TZID=Europe/Vienna:20260316T090000\nRECURRENCE-ID:20260323T080000Z",
            "invalid-recurrence",
            "RECURRENCE-ID",
        ),
    ] {
        let (status, refused) = send_as(
            &server,
            post.clone(),
            path,
            Some("m-1"),
            calendar_event("Broken", timing),
        )
        .await;
        assert_eq!(
            status,
            StatusCode::UNPROCESSABLE_ENTITY,
            "{timing}: {refused}"
        );
        let error = &refused["errors"][0];
        assert_eq!(
            (&error["pointer"], &error["code"]),
            (&json!("/timing"), &json!(code)),
            "{refused}"
        );
        assert!(
            error["message"].as_str().unwrap().contains(part),
            "{refused}"
        );
    }
    let (status, refused) = send_as(
        &server,
        post.clone(),
        path,
        Some("m-1"),
        json!({ "title": " ", "kind": "party", "duration_minutes": 0, "timing": WEEKLY_VIENNA }),
    )
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    let pointers: Vec<&str> = refused["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["pointer"].as_str().unwrap())
        .collect();
    assert_eq!(pointers, ["/title", "/kind", "/duration_minutes"]);
    // Reads are public.
    let (status, events) = get_json(&server, path).await;
    assert_eq!(status, StatusCode::OK);
    let listed = ids(&events);
    assert!(listed.contains(&id) && listed.contains(&by_leader["id"].as_str().unwrap().to_owned()));
}

#[tokio::test]
async fn a_vienna_call_keeps_its_wall_clock_across_dst_and_one_occurrence_is_cancelled_and_one_moved(
) {
    let (_data, server) = serve(&OPEN_TODAY).await;
    let (status, created) = send_as(
        &server,
        reqwest::Method::POST,
        "/api/communities/teachers/events",
        Some("m-1"),
        calendar_event("Weekly call", WEEKLY_VIENNA),
    )
    .await;
    assert_eq!(status, StatusCode::CREATED, "{created}");
    let id = created["id"].as_str().unwrap().to_owned();
    let (from, to) = ("2026-03-16T00:00:00Z", "2026-04-07T00:00:00Z");
    let found = teachers_occurrences(&server, from, to).await;
    // 09:00 in Vienna: 08:00 UTC in winter, 07:00 UTC from March 29 (CEST).
    assert_eq!(
        starts_of(&found, &id),
        [
            "2026-03-16T08:00:00Z",
            "2026-03-23T08:00:00Z",
            "2026-03-30T07:00:00Z",
            "2026-04-06T07:00:00Z"
        ]
    );
    let first = found["occurrences"]
        .as_array()
        .unwrap()
        .iter()
        .find(|o| o["event"] == id.as_str())
        .unwrap();
    assert_eq!(first["end"], "2026-03-16T09:00:00Z");
    assert_eq!(
        (&first["zone"], &first["kind"], &first["duration_minutes"]),
        (&json!("Europe/Vienna"), &json!("call"), &json!(60))
    );
    let occurrences = format!("/api/communities/teachers/events/{id}/occurrences");
    let change = |member: Option<&'static str>, body: Value| {
        send_as(&server, reqwest::Method::POST, &occurrences, member, body)
    };
    let (status, cancelled) = change(
        Some("m-1"),
        json!({ "recurrence_id": "2026-03-23T08:00:00Z", "cancelled": true }),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{cancelled}");
    assert_eq!(
        cancelled["overrides"],
        json!([{ "recurrence_id": "2026-03-23T08:00:00Z", "cancelled": true }])
    );
    let (status, moved) = change(Some("m-2"), json!({ "recurrence_id": "2026-03-30T09:00:00+02:00", "start": "2026-03-31T16:00:00+02:00" })).await;
    assert_eq!(status, StatusCode::OK, "{moved}");
    assert_eq!(moved["sequence"], 2);
    let found = teachers_occurrences(&server, from, to).await;
    assert_eq!(
        starts_of(&found, &id),
        [
            "2026-03-16T08:00:00Z",
            "2026-03-31T14:00:00Z",
            "2026-04-06T07:00:00Z"
        ]
    );
    let shifted = found["occurrences"]
        .as_array()
        .unwrap()
        .iter()
        .find(|o| o["start"] == "2026-03-31T14:00:00Z")
        .unwrap();
    assert_eq!(
        (&shifted["moved"], &shifted["recurrence_id"]),
        (&json!(true), &json!("2026-03-30T07:00:00Z"))
    );
    // Not an occurrence, neither nor both, someone else (no one: 401, in the test above).
    let (status, refused) = change(
        Some("m-1"),
        json!({ "recurrence_id": "2026-03-24T08:00:00Z", "cancelled": true }),
    )
    .await;
    assert_eq!(
        (status, &refused["errors"][0]["code"]),
        (
            StatusCode::UNPROCESSABLE_ENTITY,
            &json!("not-an-occurrence")
        )
    );
    let (status, _) = change(
        Some("m-1"),
        json!({ "recurrence_id": "2026-03-16T08:00:00Z" }),
    )
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    let (status, _) = change(
        Some("m-150"),
        json!({ "recurrence_id": "2026-03-16T08:00:00Z", "cancelled": true }),
    )
    .await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    // The window and limit are bounded.
    for query in [
        "from=2026-01-01T00:00:00Z&to=2027-06-01T00:00:00Z",
        "from=2026-03-16T00:00:00Z",
        "from=2026-03-16T00:00:00Z&to=2026-04-01T00:00:00Z&limit=0",
    ] {
        let response = server
            .client
            .get(server.url(&format!("/api/communities/teachers/occurrences?{query}")))
            .send()
            .await
            .unwrap();
        assert_eq!(
            problem(response).await.0,
            StatusCode::BAD_REQUEST,
            "{query}"
        );
    }
    let (_, cut) = get_json(
        &server,
        &format!("/api/communities/teachers/occurrences?from={from}&to={to}&limit=2"),
    )
    .await;
    assert_eq!(
        (
            cut["occurrences"].as_array().unwrap().len(),
            &cut["complete"]
        ),
        (2, &json!(false))
    );
}

/// The occurrences a real iCalendar parser and expander (Python's `icalendar` and
/// `recurring-ical-events`, from `.venv`) finds in `ics` starting in `[from, to)`: (UTC start, UID).
fn python_ics(ics: &str, from: &str, to: &str) -> Vec<(String, String)> {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("calendar.ics");
    std::fs::write(&path, ics).unwrap();
    let script = r#"
import datetime, json, sys
import icalendar, recurring_ical_events
cal = icalendar.Calendar.from_ical(open(sys.argv[1], "rb").read())
utc = datetime.timezone.utc
start = datetime.datetime.fromisoformat(sys.argv[2].replace("Z", "+00:00"))
end = datetime.datetime.fromisoformat(sys.argv[3].replace("Z", "+00:00"))
out = []
for event in recurring_ical_events.of(cal).between(start, end):
    at = event["DTSTART"].dt
    if not isinstance(at, datetime.datetime):  # all day: the date's midnight in UTC
        at = datetime.datetime.combine(at, datetime.time(), utc)
    at = at.astimezone(utc)
    if start <= at < end:
        out.append([at.strftime("%Y-%m-%dT%H:%M:%SZ"), str(event["UID"])])
print(json.dumps(sorted(out)))
"#;
    let venv = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../.venv/bin/python");
    let python = if venv.exists() {
        venv
    } else {
        PathBuf::from("python3")
    };
    let output = Command::new(python)
        .arg("-c")
        .arg(script)
        .arg(&path)
        .arg(from)
        .arg(to)
        .output()
        .expect("python runs");
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    serde_json::from_slice(&output.stdout).unwrap()
}

async fn get_ics(server: &Server, path: &str) -> String {
    let response = server.client.get(server.url(path)).send().await.unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(
        response.headers()["content-type"],
        "text/calendar; charset=utf-8"
    );
    let ics = response.text().await.unwrap();
    assert!(ics.ends_with("END:VCALENDAR\r\n"));
    for line in ics.split("\r\n") {
        assert!(
            !line.contains('\n') && !line.contains('\r'),
            "CRLF only: {line:?}"
        );
        assert!(line.len() <= 75, "folded at 75 octets: {line:?}");
    }
    ics
}

#[tokio::test]
async fn the_ics_files_round_trip_through_a_real_icalendar_parser() {
    let (_data, server) = serve(&OPEN_TODAY).await;
    // Besides the demo's rhythm (today is 2026-11-23): a Vienna call across both of Europe's
    // changes, with a cancelled and a moved occurrence, and a title that needs escaping.
    let long =
        "Call; with commas, backslashes \\ and a title long enough to be folded — “quoted” ünïcödé";
    let (status, created) = send_as(
        &server,
        reqwest::Method::POST,
        "/api/communities/teachers/events",
        Some("m-1"),
        calendar_event(long, "DTSTART;TZID=Europe/Vienna:20261012T090000\nRRULE:FREQ=WEEKLY;UNTIL=20270405T070000Z\nEXDATE;TZID=Europe/Vienna:20261221T090000,20261228T090000"),
    )
    .await;
    assert_eq!(status, StatusCode::CREATED, "{created}");
    let id = created["id"].as_str().unwrap().to_owned();
    let changes = format!("/api/communities/teachers/events/{id}/occurrences");
    for body in [
        json!({ "recurrence_id": "2026-10-26T08:00:00Z", "cancelled": true }),
        json!({ "recurrence_id": "2027-03-29T07:00:00Z", "start": "2027-03-30T13:30:00Z" }),
    ] {
        let (status, answer) =
            send_as(&server, reqwest::Method::POST, &changes, Some("m-1"), body).await;
        assert_eq!(status, StatusCode::OK, "{answer}");
    }
    // An all-day monthly day, with one date cancelled and one moved.
    let mut day = calendar_event(
        "Reading day",
        "DTSTART;VALUE=DATE:20261101\nRRULE:FREQ=MONTHLY;COUNT=6",
    );
    day["duration_minutes"] = json!(1440);
    let (status, created) = send_as(
        &server,
        reqwest::Method::POST,
        "/api/communities/teachers/events",
        Some("m-1"),
        day,
    )
    .await;
    assert_eq!(status, StatusCode::CREATED, "{created}");
    assert_eq!(created["zone"], "UTC");
    let day_id = created["id"].as_str().unwrap().to_owned();
    let day_changes = format!("/api/communities/teachers/events/{day_id}/occurrences");
    let change_day = |body: Value| {
        send_as(
            &server,
            reqwest::Method::POST,
            &day_changes,
            Some("m-1"),
            body,
        )
    };
    for body in [
        json!({ "recurrence_id": "2026-12-01T00:00:00Z", "cancelled": true }),
        json!({ "recurrence_id": "2027-01-01T00:00:00Z", "start": "2027-01-04T00:00:00Z" }),
    ] {
        let (status, answer) = change_day(body).await;
        assert_eq!(status, StatusCode::OK, "{answer}");
    }
    // An all-day event lasts whole days, and moves to a date.
    let (status, refused) = send_as(
        &server,
        reqwest::Method::POST,
        "/api/communities/teachers/events",
        Some("m-1"),
        calendar_event("Half a day", "DTSTART;VALUE=DATE:20261101"),
    )
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{refused}");
    assert_eq!(
        refused["errors"][0]["pointer"], "/duration_minutes",
        "{refused}"
    );
    assert_eq!(refused["errors"][0]["code"], "whole-days", "{refused}");
    let (status, refused) = change_day(
        json!({ "recurrence_id": "2027-02-01T00:00:00Z", "start": "2027-02-02T09:00:00Z" }),
    )
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{refused}");
    assert_eq!(refused["errors"][0]["code"], "not-a-date", "{refused}");
    let (from, to) = ("2026-10-01T00:00:00Z", "2027-04-15T00:00:00Z");
    let ours = |found: &Value, only: Option<&str>| -> Vec<(String, String)> {
        let mut list: Vec<(String, String)> = found["occurrences"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|o| only.is_none_or(|id| o["event"] == id))
            .map(|o| {
                (
                    o["start"].as_str().unwrap().to_owned(),
                    format!("teachers-{}@cop-widgets", o["event"].as_str().unwrap()),
                )
            })
            .collect();
        list.sort();
        list
    };
    let found = teachers_occurrences(&server, from, to).await;
    let feed = get_ics(&server, "/api/communities/teachers/calendar.ics").await;
    for needed in [
        "BEGIN:VTIMEZONE\r\nTZID:Europe/Vienna",
        "TZID:America/New_York",
        "TZID:Asia/Kolkata",
        "TZID:Australia/Sydney",
        "BEGIN:DAYLIGHT",
        "TZOFFSETFROM:+0100\r\nTZOFFSETTO:+0200",
        "RECURRENCE-ID;TZID=Europe/Vienna:20270329T090000",
        "EXDATE;TZID=Europe/Vienna:20261026T090000",
        "SUMMARY:Call\\; with commas\\, backslashes \\\\ and",
        "DTSTAMP:",
        "DTSTART;VALUE=DATE:20261101",
        "DURATION:P1D",
        "EXDATE;VALUE=DATE:20261201",
        "RECURRENCE-ID;VALUE=DATE:20270101\r\nDTSTART;VALUE=DATE:20270104",
    ] {
        assert!(feed.contains(needed), "{needed} in\n{feed}");
    }
    let expected = ours(&found, None);
    assert!(expected.len() > 40, "{expected:?}");
    assert!(
        expected.contains(&(
            "2027-03-30T13:30:00Z".into(),
            format!("teachers-{id}@cop-widgets")
        )),
        "moved"
    );
    assert!(
        !expected
            .iter()
            .any(|(start, _)| start == "2026-10-26T08:00:00Z"),
        "cancelled"
    );
    assert!(
        expected.contains(&(
            "2026-10-19T07:00:00Z".into(),
            format!("teachers-{id}@cop-widgets")
        )),
        "CEST"
    );
    assert!(
        expected.contains(&(
            "2026-11-02T08:00:00Z".into(),
            format!("teachers-{id}@cop-widgets")
        )),
        "CET"
    );
    let days: Vec<(&str, bool)> = found["occurrences"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|o| o["event"] == day_id.as_str())
        .map(|o| (o["start"].as_str().unwrap(), o["all_day"] == true))
        .collect();
    assert_eq!(
        days,
        [
            ("2026-11-01T00:00:00Z", true),
            ("2027-01-04T00:00:00Z", true),
            ("2027-02-01T00:00:00Z", true),
            ("2027-03-01T00:00:00Z", true),
            ("2027-04-01T00:00:00Z", true)
        ],
        "all day, one date cancelled and one moved"
    );
    assert_eq!(
        python_ics(&feed, from, to),
        expected,
        "the feed, as a calendar program expands it"
    );
    let one = get_ics(
        &server,
        &format!("/api/communities/teachers/events/{id}.ics"),
    )
    .await;
    assert_eq!(one.matches("BEGIN:VTIMEZONE").count(), 1);
    assert_eq!(
        python_ics(&one, from, to),
        ours(&found, Some(&id)),
        "one event's file"
    );
    // The demo's own cancelled and moved occurrences are in the window, and agree too.
    assert!(found["occurrences"]
        .as_array()
        .unwrap()
        .iter()
        .any(|o| o["moved"] == true && o["event"] == "teachers-monthly-webinar"));
}

#[tokio::test]
async fn the_demo_rhythm_is_there_in_three_zones_with_a_cancelled_and_a_moved_occurrence() {
    let (_data, server) = serve(&OPEN_TODAY).await;
    for community in ["teachers", "water-engineers", "case-clinic"] {
        let (status, events) =
            get_json(&server, &format!("/api/communities/{community}/events")).await;
        assert_eq!(status, StatusCode::OK);
        let events = events.as_array().unwrap();
        let kinds: std::collections::BTreeSet<&str> =
            events.iter().map(|e| e["kind"].as_str().unwrap()).collect();
        for kind in ["call", "webinar", "case-clinic", "face-to-face", "workshop"] {
            assert!(kinds.contains(kind), "{community}: {kind}");
        }
        let zones: std::collections::BTreeSet<&str> =
            events.iter().map(|e| e["zone"].as_str().unwrap()).collect();
        assert!(zones.len() >= 3, "{zones:?}");
        let timing = |id: &str| {
            events
                .iter()
                .find(|e| e["id"] == format!("{community}-{id}"))
                .unwrap()["timing"]
                .as_str()
                .unwrap()
                .to_owned()
        };
        assert!(timing("monthly-webinar").contains("BYDAY=2TU"));
        assert!(!timing("workshop").contains("RRULE"), "a one-off");
        assert!(
            timing("face-to-face").starts_with("DTSTART;VALUE=DATE:"),
            "all day"
        );
        let overrides: Vec<&Value> = events
            .iter()
            .flat_map(|e| e["overrides"].as_array().unwrap())
            .collect();
        assert_eq!(
            overrides.iter().filter(|o| o["cancelled"] == true).count(),
            1
        );
        assert_eq!(
            overrides.iter().filter(|o| o["start"].is_string()).count(),
            1
        );
    }
    // Dated from --today (2026-11-23): the next weeks hold the call, the moved webinar and a
    // one-off; the cancelled call is not there.
    let found = teachers_occurrences(&server, "2026-11-23T00:00:00Z", "2027-01-01T00:00:00Z").await;
    let list = found["occurrences"].as_array().unwrap();
    assert!(list.iter().any(|o| o["event"] == "teachers-weekly-call"));
    assert!(list
        .iter()
        .any(|o| o["event"] == "teachers-monthly-webinar" && o["moved"] == true));
    assert!(list.iter().any(|o| o["event"] == "teachers-workshop"));
    let (_, events) = get_json(
        &server,
        "/api/communities/teachers/events/teachers-weekly-call",
    )
    .await;
    let cancelled = events["overrides"][0]["recurrence_id"]
        .as_str()
        .unwrap()
        .to_owned();
    assert!(
        cancelled.as_str() > "2026-12-07" && cancelled.as_str() < "2026-12-15",
        "{cancelled}"
    );
    assert!(!list
        .iter()
        .any(|o| o["start"] == cancelled.as_str() && o["event"] == "teachers-weekly-call"));
}

/// `GET /api/network…`, expected to answer 200.
async fn network(server: &Server, query: &str) -> Value {
    let (status, body) = get_json(server, &format!("/api/network{query}")).await;
    assert_eq!(status, StatusCode::OK, "{query}: {body}");
    body
}

fn items(page: &Value) -> &Vec<Value> {
    page["items"].as_array().unwrap()
}

fn ids_of(page: &Value) -> Vec<String> {
    items(page)
        .iter()
        .map(|item| item["id"].as_str().unwrap().to_owned())
        .collect()
}

/// Every page of `/api/network?sort=…&limit=…`, followed by its cursors: the ids in order.
async fn network_paged(server: &Server, sort: &str, limit: u32) -> (Vec<String>, usize) {
    let (mut seen, mut pages, mut cursor) = (Vec::new(), 0, None::<String>);
    loop {
        let mut query = format!("?sort={sort}&limit={limit}");
        if let Some(cursor) = &cursor {
            query.push_str(&format!("&cursor={cursor}"));
        }
        let page = network(server, &query).await;
        assert!(items(&page).len() <= limit as usize);
        seen.extend(ids_of(&page));
        pages += 1;
        match page["next"].as_str() {
            Some(next) => cursor = Some(next.to_owned()),
            None => return (seen, pages),
        }
    }
}

#[tokio::test]
async fn the_network_view_answers_every_community_with_those_needing_attention_first() {
    let (_data, server) = serve(&OPEN_TODAY).await;
    let all = network(&server, "?limit=100").await;
    assert_eq!(
        (
            &all["sort"],
            &all["communities"],
            &all["as_of"],
            all.get("next")
        ),
        (&json!("attention"), &json!(53), &json!("2026-11-23"), None),
        "3 communities and the network's 50, on one page"
    );
    let list = items(&all);
    assert_eq!(list.len(), 53);
    let group = |item: &Value| {
        if !item["attention"].as_array().unwrap().is_empty() {
            0
        } else if item["showcase"] == true {
            2
        } else {
            1
        }
    };
    let groups: Vec<u8> = list.iter().map(group).collect();
    assert!(
        groups.windows(2).all(|w| w[0] <= w[1]),
        "attention first, showcases last: {groups:?}"
    );
    let count = |g| groups.iter().filter(|x| **x == g).count();
    assert_eq!(all["needing_attention"], count(0));
    assert_eq!(all["showcases"], count(2));
    assert!(count(2) >= 13, "a quarter of the network thrives");
    let reasons = |item: &Value| -> Vec<String> {
        item["attention"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| r.as_str().unwrap().to_owned())
            .collect()
    };
    assert_eq!(reasons(&list[0]), ["dormant"], "the ghost towns come first");
    assert_eq!(
        list.iter()
            .filter(|item| reasons(item).first().map(String::as_str) == Some("dormant"))
            .count(),
        4
    );
    for item in list {
        let trend = &item["trend"];
        let change =
            trend["this_quarter"].as_i64().unwrap() - trend["last_quarter"].as_i64().unwrap();
        assert_eq!(trend["change"], change);
        assert_eq!(
            trend["direction"] == "down",
            reasons(item).contains(&"shrinking".to_owned()),
            "{item}"
        );
        assert!(["up", "steady", "down"].contains(&trend["direction"].as_str().unwrap()));
        let showcase = item["showcase"] == true;
        assert!(!showcase || item["health"] == "alive", "{item}");
    }
    let by_id = |id: &str| list.iter().find(|item| item["id"] == id).unwrap().clone();
    // The same levels and verdict as each community's own distribution (and its member count).
    for id in [
        "teachers",
        "water-engineers",
        "case-clinic",
        "parents-network",
        "agile-coaching",
    ] {
        let item = by_id(id);
        let (_, distribution) =
            get_json(&server, &format!("/api/communities/{id}/distribution")).await;
        let (_, community) = get_json(&server, &format!("/api/communities/{id}")).await;
        assert_eq!(
            (
                &item["name"],
                &item["member_count"],
                &item["health"],
                &item["levels"]
            ),
            (
                &distribution["name"],
                &distribution["members"],
                &distribution["health"],
                &distribution["levels"]
            ),
            "{id}"
        );
        assert_eq!(item["member_count"], community["member_count"]);
    }
    assert_eq!(reasons(&by_id("water-engineers")), ["thin-core"]);
    assert_eq!(by_id("agile-coaching")["showcase"], true);
    assert_eq!(reasons(&by_id("project-managers")), ["shrinking"]);
    // A community nobody has joined yet.
    let empty = by_id("launching-soon");
    assert_eq!(
        (
            &empty["member_count"],
            &empty["health"],
            &empty["showcase"],
            &empty["trend"]
        ),
        (
            &json!(0),
            &json!("no-members"),
            &json!(false),
            &json!({ "this_quarter": 0, "last_quarter": 0, "change": 0, "direction": "steady" })
        )
    );
    assert_eq!(reasons(&empty), ["no-members"]);
    assert!(empty["levels"]
        .as_array()
        .unwrap()
        .iter()
        .all(|level| level["count"] == 0 && level["percent"] == 0));
    // Asked again: the same answer (from the cache now).
    assert_eq!(network(&server, "?limit=100").await, all);
}

#[tokio::test]
async fn the_network_view_sorts_by_a_few_keys_and_pages_with_cursors() {
    let (_data, server) = serve(&OPEN_TODAY).await;
    let by_name = network(&server, "?sort=name&limit=100").await;
    let names: Vec<&str> = items(&by_name)
        .iter()
        .map(|item| item["name"].as_str().unwrap())
        .collect();
    assert!(names.windows(2).all(|w| w[0] <= w[1]), "{names:?}");
    assert_eq!(by_name["sort"], "name");
    let mut reversed = ids_of(&network(&server, "?sort=-name&limit=100").await);
    reversed.reverse();
    assert_eq!(reversed, ids_of(&by_name), "-name is name backwards");
    let by_members = network(&server, "?sort=members&limit=100").await;
    let sizes: Vec<u64> = items(&by_members)
        .iter()
        .map(|item| item["member_count"].as_u64().unwrap())
        .collect();
    assert!(sizes.windows(2).all(|w| w[0] >= w[1]), "largest first");
    assert_eq!(sizes[0], 1340);
    let by_trend = network(&server, "?sort=trend&limit=100").await;
    let changes: Vec<i64> = items(&by_trend)
        .iter()
        .map(|item| item["trend"]["change"].as_i64().unwrap())
        .collect();
    assert!(
        changes.windows(2).all(|w| w[0] <= w[1]),
        "steepest fall first"
    );
    assert_eq!(items(&by_trend)[0]["trend"]["direction"], "down");

    // Pages of 7 follow their cursors through the same order as one page of 100.
    for sort in ["attention", "name", "-members", "trend"] {
        let whole = ids_of(&network(&server, &format!("?sort={sort}&limit=100")).await);
        let (paged, pages) = network_paged(&server, sort, 7).await;
        assert_eq!((paged, pages), (whole, 8), "sort={sort}");
    }
    let first = network(&server, "?limit=10").await;
    assert_eq!(items(&first).len(), 10);
    assert_eq!(first["communities"], 53, "counts are over all pages");
    let default = network(&server, "").await;
    assert_eq!(
        items(&default).len(),
        50,
        "50 by default, as the other lists"
    );

    // What is refused, as problem details.
    let cursor = by_name["next"].as_str().map(str::to_owned);
    assert_eq!(cursor, None);
    let name_cursor = network(&server, "?sort=name&limit=5").await["next"]
        .as_str()
        .unwrap()
        .to_owned();
    for (query, says) in [
        ("?limit=101", "`limit` must be a whole number from 1 to 100; got “101”."),
        ("?limit=0", "`limit` must be a whole number from 1 to 100; got “0”."),
        (
            "?sort=size",
            "`sort` must be attention, name, members or trend, or one of them after a `-` to reverse it; got “size”.",
        ),
        ("?cursor=zz", "`cursor` is not one this server gave out."),
        ("?cursor=6869", "`cursor` is not one this server gave out for sort=attention."),
        (
            &format!("?sort=members&cursor={name_cursor}"),
            "`cursor` is not one this server gave out for sort=members.",
        ),
    ] {
        let (status, body) = problem(
            server
                .client
                .get(server.url(&format!("/api/network{query}")))
                .send()
                .await
                .unwrap(),
        )
        .await;
        assert_eq!(
            (status, body["detail"].as_str().unwrap()),
            (StatusCode::BAD_REQUEST, says),
            "{query}"
        );
    }
}

#[tokio::test]
async fn the_network_view_is_public_like_the_distributions_and_follows_writes_at_once() {
    let (_data, server) = serve(&JWT).await;
    // No identity needed, as for a distribution; the origin policy holds as everywhere.
    let before = network(&server, "?sort=name&limit=100").await;
    let refused = server
        .client
        .get(server.url("/api/network"))
        .header("Origin", "https://evil.example")
        .send()
        .await
        .unwrap();
    assert_eq!(refused.status(), StatusCode::FORBIDDEN);
    let allowed = server
        .client
        .get(server.url("/api/network"))
        .header("Origin", "https://intranet.example.org")
        .send()
        .await
        .unwrap();
    assert_eq!(allowed.status(), StatusCode::OK);
    let launching = |page: &Value| {
        items(page)
            .iter()
            .find(|item| item["id"] == "launching-soon")
            .unwrap()
            .clone()
    };
    assert_eq!(launching(&before)["health"], "no-members");

    // The first member joins the community just launched: read at once, not from the cache.
    let joined = server
        .client
        .post(server.url("/api/communities/launching-soon/members"))
        .bearer_auth(token("first-mentor", 3600, SECRET))
        .header("content-type", "application/json")
        .body(r#"{"display_name": "First Mentor"}"#)
        .send()
        .await
        .unwrap();
    assert_eq!(joined.status(), StatusCode::CREATED);
    let after = network(&server, "?sort=name&limit=100").await;
    let item = launching(&after);
    assert_eq!(
        (&item["member_count"], &item["health"], &item["attention"]),
        (&json!(1), &json!("dormant"), &json!(["dormant"]))
    );
    assert_eq!(after["communities"], before["communities"]);
    // New thresholds for the teachers: their verdict moves at once (the thresholds version).
    let teachers = |page: &Value| {
        items(page)
            .iter()
            .find(|item| item["id"] == "teachers")
            .unwrap()
            .clone()
    };
    assert_eq!(teachers(&after)["health"], "alive");
    let (_, mut demanding) = get_json(&server, "/api/communities/teachers/thresholds").await;
    demanding["core"]["participations"] = json!(1000);
    demanding["active"]["participations"] = json!(1000);
    let put = server
        .client
        .put(server.url("/api/communities/teachers/thresholds"))
        .bearer_auth(token("m-1", 3600, SECRET))
        .json(&demanding)
        .send()
        .await
        .unwrap();
    assert_eq!(put.status(), StatusCode::OK);
    let item = teachers(&network(&server, "?sort=name&limit=100").await);
    assert_eq!(
        (
            &item["health"],
            &item["attention"],
            &item["trend"]["this_quarter"]
        ),
        (&json!("dormant"), &json!(["dormant"]), &json!(0)),
        "{item}"
    );
    let (_, distribution) = get_json(&server, "/api/communities/teachers/distribution").await;
    assert_eq!(item["levels"], distribution["levels"]);
}
