#!/usr/bin/env bash
# Every test: the shared crate natively (with the OpenAPI document check), then the bundle's
# build, its size budget, and the browser tests in headless Chromium against real pages
# served over HTTP. Installs what it lacks (see scripts/build.sh and scripts/install.sh).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install.sh
echo "== native tests (cop-core, with the OpenAPI contract check)"
cargo test -p cop-core --features openapi
echo "== build"
bash scripts/build.sh
echo "== size budget and browser tests"
node --test --test-concurrency=1 tests/*.test.mjs tests/browser/*.test.mjs
