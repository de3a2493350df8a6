// The demo and test server until the reference server (issue 3) replaces it. Serves the
// built bundle (pkg/) and the host pages (www/) on http://127.0.0.1:8080, demo data under
// /api, and /fixtures: real HTTP endpoints that fail in each way a backend can, for the
// browser tests and for the failures demo page. Loopback only.
import { createServer } from "node:http";
import { readFile } from "node:fs/promises";
import { extname, join, normalize } from "node:path";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));
const TYPES = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".wasm": "application/wasm",
  ".json": "application/json",
  ".css": "text/css; charset=utf-8",
  ".svg": "image/svg+xml",
  ".txt": "text/plain; charset=utf-8",
};
// Pages that show how an admin sets a strict Content-Security-Policy (README, "CSP").
const CSP = {
  "/csp.html":
    "default-src 'none'; script-src 'self' 'wasm-unsafe-eval'; connect-src 'self'; style-src 'self'; img-src 'self'; base-uri 'none'; form-action 'none'",
};
const communities = JSON.parse(await readFile(join(root, "www/data/communities.json"), "utf8"));

/** Starts the server; `port: 0` picks a free port (the tests run one server per file). */
export async function startServer({ port = 8080, host = "127.0.0.1" } = {}) {
  const ALLOWED_ORIGINS = new Set();
  const hits = new Map();
  const count = (key) => hits.set(key, (hits.get(key) || 0) + 1).get(key);

  function send(res, status, body, type = "application/json", headers = {}) {
    res.writeHead(status, { "Content-Type": type, "Cache-Control": "no-store", ...headers });
    res.end(typeof body === "string" || Buffer.isBuffer(body) ? body : JSON.stringify(body));
  }
  const problem = (res, status, title) => send(res, status, { type: "about:blank", title, status }, "application/problem+json");
  const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

  function cors(req, res) {
    const origin = req.headers.origin;
    if (origin && ALLOWED_ORIGINS.has(origin)) {
      res.setHeader("Access-Control-Allow-Origin", origin);
      res.setHeader("Access-Control-Allow-Credentials", "true");
      res.setHeader("Vary", "Origin");
    }
  }

  async function api(req, res, path) {
    cors(req, res);
    if (req.method === "OPTIONS") {
      return send(res, 204, "", "text/plain", {
        "Access-Control-Allow-Methods": "GET, POST, OPTIONS",
        "Access-Control-Allow-Headers": "Authorization, Content-Type, X-Requested-With, Idempotency-Key",
        "Access-Control-Max-Age": "600",
      });
    }
    let m;
    if (path === "/api/communities") return send(res, 200, { items: communities });
    if ((m = path.match(/^\/api\/communities\/([^/]+)$/))) {
      const found = communities.find((c) => c.id === decodeURIComponent(m[1]));
      return found ? send(res, 200, found) : problem(res, 404, "No such community");
    }
    const teachers = communities[0];
    if ((m = path.match(/^\/fixtures\/status\/(\d{3})$/))) return problem(res, Number(m[1]), `Fixture status ${m[1]}`);
    if ((m = path.match(/^\/fixtures\/slow\/(\d+)$/))) return sleep(Number(m[1])).then(() => send(res, 200, teachers));
    if (path === "/fixtures/malformed") return send(res, 200, '{"name": "Teachers", ');
    if (path === "/fixtures/html") return send(res, 200, "<!doctype html><p>Login</p>", "text/html");
    if (path === "/fixtures/wrong-shape") return send(res, 200, { title: "A community without a name field" });
    if (path === "/fixtures/absurd-count") return send(res, 200, { name: "Teachers", member_count: -5 });
    if ((m = path.match(/^\/fixtures\/foreign\/([^/]+)$/))) {
      const c = communities.find((x) => x.id === decodeURIComponent(m[1])) || teachers;
      return send(res, 200, { data: { id: c.id, attributes: { title: c.name, "members/total": c.member_count } } });
    }
    if ((m = path.match(/^\/fixtures\/flaky\/([\w-]+)\/(\d+)$/))) {
      return count(`flaky:${m[1]}`) <= Number(m[2]) ? problem(res, 503, "Fixture: not yet") : send(res, 200, teachers);
    }
    if ((m = path.match(/^\/fixtures\/counted\/([\w-]+)$/))) {
      count(`counted:${m[1]}`);
      return sleep(300).then(() => send(res, 200, teachers));
    }
    if ((m = path.match(/^\/fixtures\/hits\/([\w:-]+)$/))) return send(res, 200, { hits: hits.get(m[1]) || 0 });
    if (path === "/fixtures/echo-authorization") {
      return send(res, 200, { name: `Authorization: ${req.headers.authorization || "none"}` });
    }
    if (path === "/fixtures/echo-cookie") return send(res, 200, { name: `Cookie: ${req.headers.cookie || "none"}` });
    return problem(res, 404, "Not found");
  }

  async function serveFile(req, res, path) {
    const relative = normalize(decodeURIComponent(path)).replace(/^(\.\.[/\\])+/, "");
    for (const dir of ["pkg", "www"]) {
      const file = join(root, dir, relative === "/" ? "index.html" : relative);
      if (!file.startsWith(join(root, dir))) break;
      try {
        let body = await readFile(file);
        // The cross-origin demo names the bundle's origin; follow the port actually used.
        if (extname(file) === ".html") body = body.toString("utf8").replaceAll("http://127.0.0.1:8080", `http://127.0.0.1:${port}`);
        const headers = {
          // The bundle may be loaded by pages of other origins (ES modules and wasm need CORS).
          ...(dir === "pkg" ? { "Access-Control-Allow-Origin": "*" } : {}),
          ...(CSP[path] ? { "Content-Security-Policy": CSP[path] } : {}),
        };
        return send(res, 200, body, TYPES[extname(file)] || "application/octet-stream", headers);
      } catch {
        // try the next folder
      }
    }
    send(res, 404, "Not found", "text/plain; charset=utf-8");
  }

  const server = createServer((req, res) => {
    const url = new URL(req.url, `http://${req.headers.host || "127.0.0.1"}`);
    const path = url.pathname;
    const started = Date.now();
    res.on("finish", () => {
      if (process.env.LOG_REQUESTS) console.log(`${req.method} ${path} ${res.statusCode} ${Date.now() - started}ms`);
    });
    if (path === "/healthz") return send(res, 200, "ok", "text/plain; charset=utf-8");
    if (path === "/favicon.ico") return send(res, 204, "", "image/x-icon");
    // A loader whose glue and wasm are missing: how an admin's broken deployment looks.
    if (path === "/broken/cop-widgets.js") return serveFile(req, res, "/cop-widgets.js");
    if (path.startsWith("/api/") || path.startsWith("/fixtures/") || path === "/api") {
      return api(req, res, path).catch((e) => problem(res, 500, String(e)));
    }
    if (req.method !== "GET" && req.method !== "HEAD") return send(res, 405, "Method not allowed", "text/plain");
    serveFile(req, res, path);
  });
  await new Promise((resolve) => server.listen(port, host, resolve));
  port = server.address().port;
  ALLOWED_ORIGINS.add(`http://127.0.0.1:${port}`).add(`http://localhost:${port}`);
  return { server, origin: `http://127.0.0.1:${port}`, port, close: () => new Promise((r) => server.close(r)) };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { server, origin } = await startServer({
    port: Number(process.env.PORT || 8080),
    host: process.env.HOST || "127.0.0.1",
  });
  console.log(`cop-widgets demo: ${origin}/`);
  for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => server.close(() => process.exit(0)));
}
