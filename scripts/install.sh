#!/usr/bin/env bash
# Installs what building and testing need on a fresh Debian 12 machine, skipping what is
# there: Chromium and its driver (browser tests), npm packages (wasm-opt, terser,
# playwright-core, axe-core, json-server as a third-party backend), the wasm32 target and the wasm-bindgen CLI (scripts/build.sh).
set -euo pipefail
cd "$(dirname "$0")/.."
SUDO=""; [ "$(id -u)" = 0 ] || SUDO="sudo"
if [ ! -x /usr/bin/chromium ]; then
  echo "[install] chromium (Debian package)"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium chromium-driver >/dev/null
fi
if [ ! -d node_modules/playwright-core ] || [ ! -x node_modules/.bin/wasm-opt ] || [ ! -x node_modules/.bin/terser ] \
  || [ ! -x node_modules/.bin/json-server ]; then
  echo "[install] npm packages"
  npm ci --no-audit --no-fund
fi
