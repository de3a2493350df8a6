// The servers the browser tests start — the reference server (also for the scripts
// scripts/bench.mjs and scripts/screenshots.mjs) and json-server as a foreign backend — and how
// any server is started (`spawnUntilUp`): no node:test hooks here, so a script importing it is
// no test run.
import { spawn } from "node:child_process";
import { copyFileSync, mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));
const SERVER = process.env.COP_SERVER || join(ROOT, "target/debug/cop-server");
// The bundle the pages load: pkg/ (the split build), or e.g. pkg-single/ (scripts/test.sh's
// smoke run of the single bundle).
const BUNDLE = process.env.COP_BUNDLE_DIR || "pkg";

export async function freePort() {
  const probe = createServer().listen(0, "127.0.0.1");
  await new Promise((resolve) => probe.once("listening", resolve));
  const { port } = probe.address();
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

/** Processes started by `spawnUntilUp` and not closed yet: killed if this process exits first. */
const running = new Set();
process.on("exit", () => {
  for (const child of running) child.kill("SIGKILL");
});

/**
 * Spawns `command` with `args` (in `cwd`, the repository by default) and resolves once `url`
 * answers with a 2xx status, polled every 100 ms for `seconds` at most. If the process cannot be
 * spawned, exits first or never answers, it is killed and the error names it (`name`, by default
 * the command's file name) with everything it printed. Resolves to `{ child, close }`: `close()`
 * stops it (SIGTERM), waits for its exit and removes `remove` (a temporary directory), if given.
 */
export async function spawnUntilUp(command, args, url, { name = basename(command), cwd = ROOT, remove, seconds = 10 } = {}) {
  const child = spawn(command, args, { cwd, stdio: ["ignore", "pipe", "pipe"] });
  running.add(child);
  let output = "";
  let spawnError;
  child.stdout.on("data", (chunk) => (output += chunk));
  child.stderr.on("data", (chunk) => (output += chunk));
  child.once("error", (error) => (spawnError = error));
  const exited = new Promise((resolve) => child.once("exit", resolve));
  const gone = () => spawnError || child.exitCode !== null || child.signalCode !== null;
  async function close() {
    if (!gone()) child.kill("SIGTERM");
    if (!spawnError) await exited;
    running.delete(child);
    if (remove) rmSync(remove, { recursive: true, force: true });
  }
  const deadline = Date.now() + seconds * 1000;
  for (;;) {
    try {
      if ((await fetch(url)).ok) return { child, close };
    } catch {
      // not listening yet
    }
    if (gone() || Date.now() > deadline) {
      const why = spawnError
        ? spawnError.message
        : gone()
          ? `it exited (${child.exitCode ?? child.signalCode})`
          : `${url} did not answer within ${seconds} s`;
      await close();
      throw new Error(`${name} did not start: ${why}; its output:\n${output}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/**
 * Starts the reference server (the real binary, a fresh SQLite file, demo data, the failing
 * /fixtures endpoints) and resolves once it answers /healthz. Open identity unless `identity`
 * gives other arguments, e.g. `["--identity", "jwt", "--jwt-secret", secret]`; `args` are added
 * (`["--bundle-dir", dir]`).
 */
export async function startServer({ identity = ["--identity", "open"], args = [] } = {}) {
  const port = await freePort();
  const dataDir = mkdtempSync(join(tmpdir(), "cop-test-"));
  const origin = `http://127.0.0.1:${port}`;
  const { close } = await spawnUntilUp(
    SERVER,
    ["--listen", `127.0.0.1:${port}`, "--data-dir", dataDir, ...identity, "--fixtures",
      "--allowed-origin", `http://localhost:${port}`, ...(args.includes("--bundle-dir") ? [] : ["--bundle-dir", BUNDLE]), ...args],
    `${origin}/healthz`,
    // It loads the demo data (50 communities, a year of activity) before it listens: seconds
    // on a busy 2-core machine, where 10 s has run out.
    { name: "cop-server", remove: dataDir, seconds: 30 },
  );
  return { origin, port, close };
}

/**
 * A foreign REST backend, shaped unlike our contract: json-server (npm) on a copy of
 * www/data/foreign-db.json (it writes POSTs into its file) with www/data/foreign-middleware.cjs,
 * on a port of its own. Resolves to `{ origin, close }`.
 */
export async function startJsonServer() {
  const dir = mkdtempSync(join(tmpdir(), "cop-foreign-"));
  copyFileSync(join(ROOT, "www/data/foreign-db.json"), join(dir, "db.json"));
  const port = await freePort();
  const origin = `http://127.0.0.1:${port}`;
  const { close } = await spawnUntilUp(
    join(ROOT, "node_modules/.bin/json-server"),
    ["db.json", "--port", String(port), "--host", "127.0.0.1", "--quiet", "--middlewares", join(ROOT, "www/data/foreign-middleware.cjs")],
    `${origin}/people/7`,
    { cwd: dir, remove: dir },
  );
  return { origin, close };
}

/** Waits until every placeholder on the page is ready or in error. 30 s, as for the server's
 * start: a cold `/api/network` takes the debug server 2.3 s on an idle 2-core machine, and
 * ran past 15 s in a CI run that shared the machine with a build. */
export async function settled(page, timeout = 30000) {
  await page.waitForFunction(
    () => [...document.querySelectorAll("[data-cop-widget]")].every((el) => ["ready", "error"].includes(el.dataset.copState)),
    null,
    { timeout },
  );
}

