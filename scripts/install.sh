#!/usr/bin/env bash
# Installs what building and testing need on a fresh Debian 12 machine, skipping what is
# there: Chromium and its driver (browser tests), PostgreSQL (the server's tests on it), npm packages (wasm-opt, terser,
# Zopfli for the gzip copies, playwright-core, axe-core, json-server as a third-party backend), the wasm-split CLI (the
# per-kind chunks, scripts/build.sh; the wasm32 target and the wasm-bindgen CLI are installed
# by scripts/build.sh itself), and .venv with python-dateutil, the oracle of cop-core's recurrence tests (tests/oracle.rs),
# icalendar and recurring-ical-events for the server's .ics round trip.
set -euo pipefail
cd "$(dirname "$0")/.."
SUDO=""; [ "$(id -u)" = 0 ] || SUDO="sudo"
if [ ! -x /usr/bin/chromium ]; then
  echo "[install] chromium (Debian package)"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium chromium-driver >/dev/null
fi
# PostgreSQL from Debian (15 on Debian 12): cop-server's API tests run on it too, in a throwaway
# cluster scripts/postgres.sh starts on loopback; the packaged cluster is not used.
if ! ls /usr/lib/postgresql/*/bin/postgres >/dev/null 2>&1; then
  echo "[install] postgresql (Debian package)"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq postgresql >/dev/null
fi
if [ ! -d node_modules/playwright-core ] || [ ! -x node_modules/.bin/wasm-opt ] || [ ! -x node_modules/.bin/terser ] \
  || [ ! -x node_modules/.bin/json-server ] || [ ! -d node_modules/@gfx/zopfli ]; then
  echo "[install] npm packages"
  npm ci --no-audit --no-fund
fi
# The splitter of the per-kind chunks (scripts/build.sh): exactly the version the crate
# `wasm_split_helpers` in Cargo.toml was tried with (its magic section names must agree).
# Not --locked: one of its locked dependencies is gone from the registry. About 2 minutes.
SPLIT_CLI_VERSION="0.2.4"
if ! { command -v wasm-split-cli >/dev/null \
  && cargo install --list | grep -qx "wasm_split_cli_support v$SPLIT_CLI_VERSION:"; }; then
  echo "[install] wasm-split-cli (wasm_split_cli_support $SPLIT_CLI_VERSION), about 2 minutes"
  cargo install wasm_split_cli_support --version "$SPLIT_CLI_VERSION" --features build-binary --force
fi
# The recurrence oracle (crates/cop-core/tests/oracle.rs): python-dateutil, pinned, in .venv.
DATEUTIL_VERSION="2.9.0.post0"
if ! .venv/bin/python -c "import dateutil, sys; sys.exit(dateutil.__version__ != '$DATEUTIL_VERSION')" 2>/dev/null; then
  echo "[install] .venv with python-dateutil $DATEUTIL_VERSION"
  if ! python3 -m venv .venv 2>/dev/null; then
    # Debian's python3 lacks ensurepip without python3-venv.
    rm -rf .venv
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq python3-venv >/dev/null
    python3 -m venv .venv
  fi
  .venv/bin/python -m pip install --quiet --disable-pip-version-check "python-dateutil==$DATEUTIL_VERSION"
fi
# The calendar's .ics round trip (crates/cop-server/tests/api.rs): a real iCalendar parser and
# expander, pinned, in the same .venv; skipped when the pinned versions are there.
ICALENDAR_VERSION="7.3.2"
RECURRING_VERSION="3.8.2"
if ! .venv/bin/python -c "
import sys, importlib.metadata as m
sys.exit(m.version('icalendar') != '$ICALENDAR_VERSION' or m.version('recurring-ical-events') != '$RECURRING_VERSION')
" 2>/dev/null; then
  echo "[install] icalendar $ICALENDAR_VERSION and recurring-ical-events $RECURRING_VERSION in .venv"
  .venv/bin/python -m pip install --quiet --disable-pip-version-check \
    "icalendar==$ICALENDAR_VERSION" "recurring-ical-events==$RECURRING_VERSION"
fi
