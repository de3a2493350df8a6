#!/usr/bin/env bash
# Every test: the shared crate (with the OpenAPI contract check, recurrences in real zones and
# against python-dateutil in .venv) and the reference server
# (unit tests, and API tests against the real binary over HTTP with a real SQLite file, then
# the same API tests on a real PostgreSQL: a throwaway cluster from Debian's packages);
# then the bundle's build (split), its size budget, and the browser tests in headless Chromium
# against the demo pages served by the reference server; then the single bundle's build and
# the form's browser tests against it.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install.sh
echo "== native tests: cop-core (with the OpenAPI contract check, zones, the dateutil oracle), cop-server (API over HTTP)"
cargo test -p cop-core --features openapi,tz
# As the wasm builds it: English only, other catalogs installed at run time.
cargo test -p cop-core --no-default-features --lib i18n
cargo test -p cop-server
echo "== cop-server's API tests again, on PostgreSQL (a throwaway cluster on loopback)"
source scripts/postgres.sh
postgres_start
COP_TEST_POSTGRES="$COP_TEST_POSTGRES" cargo test -p cop-server --test api
postgres_stop
echo "== build (split: what ships, and what the browser tests run against)"
bash scripts/build.sh
# The example Leptos application (examples/leptos-app) into pkg/example/.
bash scripts/build-example.sh
echo "== size budget and browser tests"
node --test --test-concurrency=1 tests/*.test.mjs tests/browser/*.test.mjs
# The single bundle (the fallback switch) into pkg-single/, so pkg/ stays the split build:
# built, and the form's suite (the kind whose code is a chunk in the split build) run on it.
echo "== single bundle (COP_SINGLE_BUNDLE=1): build and the form's browser tests"
COP_SINGLE_BUNDLE=1 COP_PKG_DIR=pkg-single bash scripts/build.sh
if ls pkg-single | grep -q '^split_'; then echo "pkg-single/ has chunks" >&2; exit 1; fi
COP_BUNDLE_DIR=pkg-single node --test --test-concurrency=1 tests/browser/story.test.mjs
