#!/usr/bin/env bash
# The main job: builds the bundle and serves the demo pages on http://127.0.0.1:8080.
# (The reference server of issue 3 will take over serving; until then a small Node server
# serves the bundle, the pages, demo JSON under /api and failing endpoints under /fixtures.)
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install.sh
bash scripts/build.sh
exec node scripts/serve.mjs
