//! The reference server over real HTTP on loopback, with a real SQLite file: each test starts
//! the `cop-server` binary in a fresh data directory.

use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
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
    async fn start(data_dir: &Path, extra: &[&str]) -> Server {
        let port = TcpListener::bind("127.0.0.1:0")
            .unwrap()
            .local_addr()
            .unwrap()
            .port();
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
        let child = Command::new(env!("CARGO_BIN_EXE_cop-server"))
            .current_dir(&root)
            .args(["--listen", &format!("127.0.0.1:{port}"), "--data-dir"])
            .arg(data_dir)
            .args(extra)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("cop-server starts");
        let server = Server {
            child,
            origin: format!("http://127.0.0.1:{port}"),
            client: Client::new(),
        };
        for _ in 0..100 {
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

    async fn jwt(data_dir: &Path) -> Server {
        Server::start(
            data_dir,
            &[
                "--identity",
                "jwt",
                "--jwt-secret",
                SECRET,
                "--allowed-origin",
                "https://intranet.example.org",
            ],
        )
        .await
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

fn data_dir() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("data");
    (dir, path)
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
    let (_dir, data) = data_dir();
    let server = Server::jwt(&data).await;
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
    let (_dir, data) = data_dir();
    let server = Server::jwt(&data).await;
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
    let (_dir, data) = data_dir();
    let server = Server::jwt(&data).await;
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
    let (_dir, data) = data_dir();
    let server = Server::jwt(&data).await;
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
    let (_dir, data) = data_dir();
    let server = Server::jwt(&data).await;
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
    let (_dir, data) = data_dir();
    let server = Server::start(
        &data,
        &["--identity", "proxy", "--proxy-header", "X-Remote-User"],
    )
    .await;
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

    let (_dir2, data2) = data_dir();
    let open = Server::start(&data2, &["--identity", "open"]).await;
    let response = join(&open, None, body, None).await;
    assert_eq!(response.json::<Value>().await.unwrap()["id"], "demo-member");
}

#[tokio::test]
async fn jwt_mode_refuses_to_start_without_a_strong_secret() {
    let (_dir, data) = data_dir();
    let output = Command::new(env!("CARGO_BIN_EXE_cop-server"))
        .args(["--listen", "127.0.0.1:0", "--data-dir"])
        .arg(&data)
        .args(["--identity", "jwt", "--jwt-secret", "short"])
        .output()
        .unwrap();
    assert!(!output.status.success());
    let text = String::from_utf8_lossy(&output.stdout) + String::from_utf8_lossy(&output.stderr);
    assert!(text.contains("--identity jwt needs --jwt-secret"), "{text}");
}

#[tokio::test]
async fn a_restart_keeps_the_data_and_never_overwrites_it_with_demo_data() {
    let (_dir, data) = data_dir();
    let server = Server::jwt(&data).await;
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
    assert!(data.join("cop.sqlite3").exists());

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
    let (_dir, data) = data_dir();
    let server = Server::start(&data, &["--identity", "open", "--fixtures"]).await;
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
    let (dir, data) = data_dir();
    // A bundle directory of its own, laid out as scripts/build.sh lays out pkg/.
    let bundle = dir.path().join("bundle");
    std::fs::create_dir_all(&bundle).unwrap();
    let script = "/* loader */ ".repeat(100);
    std::fs::write(bundle.join("cop-widgets.js"), &script).unwrap();
    std::fs::write(bundle.join("cop_widgets-0123456789abcdef.js"), &script).unwrap();
    std::fs::write(
        bundle.join("cop_widgets_bg-0123456789abcdef.wasm"),
        b"\0asm\x01\0\0\0".repeat(100),
    )
    .unwrap();
    let bundle_arg = bundle.to_str().unwrap();
    let server = Server::start(&data, &["--identity", "open", "--bundle-dir", bundle_arg]).await;
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

#[tokio::test]
async fn a_members_participation_level_trajectory_and_next_step() {
    let (_dir, data) = data_dir();
    let server = Server::start(&data, &["--identity", "open", "--today", "2026-11-23"]).await;

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
    let (_dir, data) = data_dir();
    let server = Server::start(&data, &["--identity", "open", "--today", "2026-11-23"]).await;
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
    let (_dir, data) = data_dir();
    let server = Server::start(&data, &["--identity", "open", "--today", "2026-11-23"]).await;
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
    let (_dir, data) = data_dir();
    let server = Server::start(&data, &["--identity", "open", "--today", "2026-11-23"]).await;
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
    let (_dir, data) = data_dir();
    let server = Server::start(&data, &["--identity", "open", "--today", "2026-11-23"]).await;

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
    let (_dir, data) = data_dir();
    let server = Server::start(&data, &["--identity", "open", "--today", "2026-11-23"]).await;
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
    let (_dir, data) = data_dir();
    let server = Server::start(&data, &["--identity", "open", "--today", "2026-11-23"]).await;
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
    let (_dir, data) = data_dir();
    let server = Server::start(&data, &["--identity", "open", "--today", "2026-11-23"]).await;
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
        "Only the coordinator of “teachers” may change its thresholds; “m-2” is not."
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
    let (_dir, data) = data_dir();
    let server = Server::start(&data, &["--identity", "open"]).await;
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

    let (status, again) = get_json(
        &server,
        &format!(
            "/api/communities/teachers/stories/{}",
            story["id"].as_str().unwrap()
        ),
    )
    .await;
    assert_eq!((status, &again), (StatusCode::OK, &story));
    let (status, _) = get_json(
        &server,
        &format!(
            "/api/communities/case-clinic/stories/{}",
            story["id"].as_str().unwrap()
        ),
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
    let (_dir, data) = data_dir();
    let server = Server::start(&data, &["--identity", "open"]).await;
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
    let (_, list) = get_json(&server, "/api/communities/teachers/stories").await;
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
    let (_dir, data) = data_dir();
    let server = Server::start(&data, &["--identity", "open"]).await;
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
    let (_, applied) = get_json(&server, "/api/communities/teachers/stories?cycle=applied").await;
    assert_eq!(titles(&applied), ["Private", "One"], "newest first");
    let (_, tagged) = get_json(
        &server,
        "/api/communities/teachers/stories?tag=PEER%20REVIEW",
    )
    .await;
    assert_eq!(titles(&tagged), ["Private", "One"]);
    let (_, first) = get_json(&server, "/api/communities/teachers/stories?limit=2").await;
    assert_eq!(first["items"].as_array().unwrap().len(), 2);
    let (_, second) = get_json(
        &server,
        &format!(
            "/api/communities/teachers/stories?limit=2&cursor={}",
            first["next"].as_str().unwrap()
        ),
    )
    .await;
    assert_eq!(titles(&second), ["One"]);
    assert!(second.get("next").is_none());
    let (status, _) = get_json(&server, "/api/communities/teachers/stories?cycle=feelings").await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    let anonymous = &first["items"][1];
    assert!(
        anonymous.get("author").is_none(),
        "anonymous stories do not name their author"
    );

    let csv = server
        .client
        .get(server.url("/api/communities/teachers/stories/export?format=csv"))
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
    let (status, json_export) = get_json(
        &server,
        "/api/communities/teachers/stories/export?format=json",
    )
    .await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(json_export.as_array().unwrap().len(), 2);
}

#[tokio::test]
async fn reads_after_a_write_are_never_stale() {
    let (_dir, data) = data_dir();
    let server = Server::start(&data, &["--identity", "open", "--today", "2026-11-23"]).await;
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
