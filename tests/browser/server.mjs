// The reference server for the browser tests and the scripts (scripts/bench.mjs,
// scripts/screenshots.mjs): no node:test hooks here, so a script importing it is no test run.
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
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

/**
 * Starts the reference server (the real binary, a fresh SQLite file, demo data, the failing
 * /fixtures endpoints) and resolves once it answers /healthz. Open identity unless `identity`
 * gives other arguments, e.g. `["--identity", "jwt", "--jwt-secret", secret]`; `args` are added
 * (`["--bundle-dir", dir]`).
 */
export async function startServer({ identity = ["--identity", "open"], args = [] } = {}) {
  const port = await freePort();
  const dataDir = mkdtempSync(join(tmpdir(), "cop-test-"));
  const child = spawn(
    SERVER,
    ["--listen", `127.0.0.1:${port}`, "--data-dir", dataDir, ...identity, "--fixtures",
      "--allowed-origin", `http://localhost:${port}`, ...(args.includes("--bundle-dir") ? [] : ["--bundle-dir", BUNDLE]), ...args],
    { cwd: ROOT, stdio: ["ignore", "pipe", "pipe"] },
  );
  let output = "";
  child.stdout.on("data", (chunk) => (output += chunk));
  child.stderr.on("data", (chunk) => (output += chunk));
  const origin = `http://127.0.0.1:${port}`;
  for (let attempt = 0; ; attempt++) {
    try {
      if ((await fetch(`${origin}/healthz`)).ok) break;
    } catch {
      // not listening yet
    }
    if (attempt > 100 || child.exitCode !== null) throw new Error(`cop-server did not start:\n${output}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return {
    origin,
    port,
    async close() {
      child.kill("SIGTERM");
      await new Promise((resolve) => (child.exitCode !== null ? resolve() : child.once("exit", resolve)));
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Waits until every placeholder on the page is ready or in error. */
export async function settled(page, timeout = 15000) {
  await page.waitForFunction(
    () => [...document.querySelectorAll("[data-cop-widget]")].every((el) => ["ready", "error"].includes(el.dataset.copState)),
    null,
    { timeout },
  );
}

