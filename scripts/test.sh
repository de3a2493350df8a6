#!/usr/bin/env bash
# Every test: the shared crate (with the OpenAPI contract check, recurrences in real zones and
# against python-dateutil in .venv) and the reference server
# (unit tests, and API tests against the real binary over HTTP with a real SQLite file, then
# the same API tests on a real PostgreSQL: a throwaway cluster from Debian's packages);
# then the bundle's build, its size budget, and the browser tests in headless Chromium
# against the demo pages served by the reference server.
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
echo "== build"
bash scripts/build.sh
echo "== size budget and browser tests"
node --test --test-concurrency=1 tests/*.test.mjs tests/browser/*.test.mjs
