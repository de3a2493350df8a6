#!/usr/bin/env node
// Reads of the participation badge's endpoints on the real cop-server binary: a community's
// distribution and a 200-member batch, for the largest demo community, sequentially and at 50
// concurrent clients, and the server's resident memory after each of several rounds.
//
//   node scripts/bench-server.mjs [--bin label=path]… [--scales 1,10] [--requests 200]
//        [--concurrent-requests 2000] [--clients 50] [--rounds 5] [--max-seconds 30]
//        [--postgres postgres://user@host:port]
//
// Each binary (default: $CARGO_TARGET_DIR/release/cop-server, else target/release/cop-server)
// runs on a fresh temporary data directory on loopback, with --today fixed and the demo data;
// with --postgres (or COP_TEST_POSTGRES, which scripts/postgres.sh's postgres_start exports) it
// runs a second time on a fresh database of that PostgreSQL server (made and dropped with
// `psql`), and the table shows each endpoint on SQLite and on PostgreSQL side by side;
// --scales runs it once per `--demo-scale` (a binary without that flag gets "n/a" above 1).
// A concurrent phase stops issuing requests after --max-seconds (slow servers), saying how many
// it made. Node 20, no dependencies. Prints one table.

import { execFileSync } from "node:child_process";
import { spawnUntilUp } from "../tests/browser/server.mjs";
import { mkdtempSync, rmSync, readFileSync, existsSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import http from "node:http";
import net from "node:net";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const TODAY = "2026-11-23";

function options() {
  const args = process.argv.slice(2);
  const out = {
    bins: [],
    scales: [1],
    requests: 200,
    concurrentRequests: 2000,
    clients: 50,
    rounds: 5,
    maxSeconds: 30,
    postgres: process.env.COP_TEST_POSTGRES || "",
  };
  for (let i = 0; i < args.length; i++) {
    const [name, value] = [args[i], args[i + 1]];
    i++;
    switch (name) {
      case "--bin": {
        const at = value.indexOf("=");
        out.bins.push(at > 0 ? { label: value.slice(0, at), path: value.slice(at + 1) } : { label: value, path: value });
        break;
      }
      case "--scales": out.scales = value.split(",").map(Number); break;
      case "--requests": out.requests = Number(value); break;
      case "--concurrent-requests": out.concurrentRequests = Number(value); break;
      case "--clients": out.clients = Number(value); break;
      case "--rounds": out.rounds = Number(value); break;
      case "--max-seconds": out.maxSeconds = Number(value); break;
      case "--postgres": out.postgres = value; break;
      default:
        console.error(`unknown option ${name}; see the comment at the top of ${fileURLToPath(import.meta.url)}`);
        process.exit(2);
    }
  }
  if (out.bins.length === 0) {
    const target = process.env.CARGO_TARGET_DIR || join(root, "target");
    out.bins.push({ label: "this tree", path: join(target, "release", "cop-server") });
  }
  for (const bin of out.bins) {
    if (!existsSync(bin.path)) {
      console.error(`no binary at ${bin.path}: cargo build --release -p cop-server`);
      process.exit(2);
    }
  }
  return out;
}

function freePort() {
  return new Promise((ok, fail) => {
    const server = net.createServer();
    server.once("error", fail);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address();
      server.close(() => ok(port));
    });
  });
}

const agent = new http.Agent({ keepAlive: true, maxSockets: 256 });

/** GET on loopback: resolves to { status, ms, body } (body only when asked). */
function get(port, path, keepBody = false) {
  return new Promise((ok, fail) => {
    const start = process.hrtime.bigint();
    const request = http.get({ host: "127.0.0.1", port, path, agent }, (response) => {
      const chunks = [];
      response.on("data", (chunk) => keepBody && chunks.push(chunk));
      response.on("end", () => {
        const ms = Number(process.hrtime.bigint() - start) / 1e6;
        ok({ status: response.statusCode, ms, body: keepBody ? Buffer.concat(chunks).toString() : null });
      });
      response.on("error", fail);
    });
    request.on("error", fail);
  });
}

async function ok(port, path) {
  const result = await get(port, path);
  if (result.status !== 200) throw new Error(`GET ${path}: ${result.status}`);
  return result.ms;
}

function percentile(sorted, p) {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

function summary(times) {
  const sorted = [...times].sort((a, b) => a - b);
  return { median: percentile(sorted, 50), p99: percentile(sorted, 99), n: sorted.length };
}

async function sequential(port, path, n) {
  for (let i = 0; i < Math.min(20, n); i++) await ok(port, path); // warm-up
  const times = [];
  for (let i = 0; i < n; i++) times.push(await ok(port, path));
  return summary(times);
}

async function concurrent(port, path, total, clients, maxSeconds) {
  const times = [];
  let issued = 0;
  const deadline = Date.now() + maxSeconds * 1000;
  const start = process.hrtime.bigint();
  await Promise.all(
    Array.from({ length: clients }, async () => {
      while (issued < total && Date.now() < deadline) {
        issued++;
        times.push(await ok(port, path));
      }
    }),
  );
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  return { ...summary(times), perSecond: times.length / seconds };
}

function rssMb(pid) {
  const status = readFileSync(`/proc/${pid}/status`, "utf8");
  const kb = Number(/VmRSS:\s+(\d+)/.exec(status)[1]);
  return kb / 1024;
}

let databases = 0;

/** A fresh PostgreSQL database on `server` (postgres://user@host:port): its URL and its drop. */
function postgresDatabase(server) {
  const name = `cop_bench_${process.pid}_${databases++}`;
  const psql = (sql) => execFileSync("psql", [`${server}/postgres`, "-q", "-v", "ON_ERROR_STOP=1", "-c", sql], { stdio: "ignore" });
  psql(`CREATE DATABASE ${name}`);
  return { url: `${server}/${name}`, drop: () => psql(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`) };
}

async function start(bin, scale, database) {
  const dir = mkdtempSync(join(tmpdir(), "cop-bench-"));
  const port = await freePort();
  const args = ["--listen", `127.0.0.1:${port}`, "--data-dir", join(dir, "data"), "--identity", "open", "--today", TODAY];
  if (database) args.push("--database-url", database.url);
  if (scale > 1) args.push("--demo-scale", String(scale));
  const started = Date.now();
  // The browser tests' start-up: it reports the server's output if it exits or never answers.
  const { child, close } = await spawnUntilUp(bin, args, `http://127.0.0.1:${port}/healthz`, { cwd: root, remove: dir, seconds: 300 });
  const stop = async () => {
    await close();
    if (database) database.drop();
  };
  return { port, pid: child.pid, stop, startSeconds: (Date.now() - started) / 1000 };
}

async function measure(bin, scale, opts, backend) {
  const server = await start(bin.path, scale, backend === "PostgreSQL" ? postgresDatabase(opts.postgres) : null);
  try {
    const { port } = server;
    const communities = JSON.parse((await get(port, "/api/communities?limit=100", true)).body).items;
    const biggest = communities.reduce((a, b) => (b.member_count > a.member_count ? b : a));
    const base = `/api/communities/${encodeURIComponent(biggest.id)}`;
    const ids = [];
    let cursor = "";
    while (ids.length < 200) {
      const page = JSON.parse((await get(port, `${base}/members?limit=100${cursor}`, true)).body);
      ids.push(...page.items.map((m) => m.id));
      if (!page.next) break;
      cursor = `&cursor=${encodeURIComponent(page.next)}`;
    }
    const paths = {
      distribution: `${base}/distribution`,
      "batch of 200": `${base}/participation?members=${ids.slice(0, 200).map(encodeURIComponent).join(",")}`,
    };
    // Cold: the first request of each after start (the batch first, so it is cold too).
    const cold = {
      "batch of 200": await ok(port, paths["batch of 200"]),
      distribution: await ok(port, paths.distribution),
    };
    // Every round measures both endpoints; the table shows the median round (by req/s).
    const rounds = Object.fromEntries(Object.keys(paths).map((name) => [name, []]));
    const rss = [rssMb(server.pid)];
    for (let round = 0; round < opts.rounds; round++) {
      for (const [name, path] of Object.entries(paths)) {
        const seq = await sequential(port, path, opts.requests);
        const conc = await concurrent(port, path, opts.concurrentRequests, opts.clients, opts.maxSeconds);
        rounds[name].push({ seq, conc });
      }
      rss.push(rssMb(server.pid));
    }
    const median = (list, key) => [...list].sort((a, b) => key(a) - key(b))[Math.floor((list.length - 1) / 2)];
    const rows = Object.fromEntries(
      Object.entries(rounds).map(([name, list]) => [
        name,
        { seq: median(list, (r) => r.seq.median).seq, conc: median(list, (r) => r.conc.perSecond).conc },
      ]),
    );
    return { members: biggest.member_count, cold, rows, rss, startSeconds: server.startSeconds };
  } finally {
    await server.stop();
  }
}

function supportsScale(path) {
  try {
    return execFileSync(path, ["--help"], { encoding: "utf8" }).includes("--demo-scale");
  } catch {
    return false;
  }
}

const opts = options();
const fmt = (x, digits = 1) => (x === undefined ? "n/a" : x.toFixed(digits));
const lines = [
  `cop-server reads, --today ${TODAY}, ${opts.clients} concurrent clients; sequential: ${opts.requests} requests after 20 warm-up; concurrent: up to ${opts.concurrentRequests} requests or ${opts.maxSeconds} s; ${opts.rounds} rounds, the median round shown`,
  "",
  "| server | database | members | endpoint | cold ms | median ms | p99 ms | req/s at 50 | median ms at 50 | p99 ms at 50 | requests at 50 |",
  "|---|---|---:|---|---:|---:|---:|---:|---:|---:|---:|",
];
const memory = [];
const backends = opts.postgres ? ["SQLite", "PostgreSQL"] : ["SQLite"];
for (const bin of opts.bins) {
  const scalable = supportsScale(bin.path);
  for (const scale of opts.scales) {
    if (scale > 1 && !scalable) {
      lines.push(`| ${bin.label} | n/a | ${1340 * scale} | (no --demo-scale in this binary) | n/a | n/a | n/a | n/a | n/a | n/a | n/a |`);
      continue;
    }
    // Both databases measured, then each endpoint's rows printed next to each other.
    const results = [];
    for (const backend of backends) {
      process.stderr.write(`measuring ${bin.label} on ${backend} at scale ${scale}…\n`);
      const result = await measure(bin, scale, opts, backend);
      results.push({ backend, result });
      memory.push(`${bin.label} on ${backend}, ${result.members} members (started in ${fmt(result.startSeconds)} s): ${result.rss.map((x) => fmt(x)).join(" → ")}`);
    }
    for (const name of Object.keys(results[0].result.rows)) {
      for (const { backend, result } of results) {
        const { seq, conc } = result.rows[name];
        lines.push(
          `| ${bin.label} | ${backend} | ${result.members} | ${name} | ${fmt(result.cold[name])} | ${fmt(seq.median, 2)} | ${fmt(seq.p99, 2)} | ${fmt(conc.perSecond, 0)} | ${fmt(conc.median, 1)} | ${fmt(conc.p99, 1)} | ${conc.n} |`,
        );
      }
    }
  }
}
lines.push("", "VmRSS (MB) after the cold requests, then after each round:", ...memory.map((m) => `- ${m}`));
console.log(lines.join("\n"));
agent.destroy();
