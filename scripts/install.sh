#!/usr/bin/env bash
# Installs what building and testing need on a fresh Debian 12 machine, skipping what is
# there: Chromium and its driver (browser tests), PostgreSQL (the server's tests on it), npm packages (wasm-opt, terser,
# playwright-core, axe-core, json-server as a third-party backend), the wasm32 target and the wasm-bindgen CLI (scripts/build.sh),
# and .venv with python-dateutil, the oracle of cop-core's recurrence tests (tests/oracle.rs).
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
  || [ ! -x node_modules/.bin/json-server ]; then
  echo "[install] npm packages"
  npm ci --no-audit --no-fund
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
