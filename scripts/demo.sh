#!/usr/bin/env bash
# The main job: builds the widget bundle and the reference server, then serves the demo pages,
# the bundle and the JSON API on http://127.0.0.1:8080, on an embedded SQLite file in ./data
# (demo data loaded at first start). Open identity mode: fine for a demo, announced at start.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install.sh
bash scripts/build.sh
cargo build --release -p cop-server
exec target/release/cop-server --identity open --fixtures --allowed-origin http://localhost:8080 "$@"
