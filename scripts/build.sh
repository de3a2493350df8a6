#!/usr/bin/env bash
# Builds pkg/: the loader (cop-widgets.js), the ES module glue and the optimised wasm, then
# prints and writes the size report (raw and gzipped bytes, SRI hash of the loader).
# Installs what it lacks, so it runs on a fresh machine.
set -euo pipefail
cd "$(dirname "$0")/.."

log() { printf '\033[1m[build]\033[0m %s\n' "$*"; }

# --- tools -------------------------------------------------------------------------------
if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  log "adding the wasm32-unknown-unknown target"
  rustup target add wasm32-unknown-unknown
fi
# The CLI must be exactly the version of the wasm-bindgen crate in Cargo.lock.
want=$(awk '/^name = "wasm-bindgen"$/{getline; gsub(/version = |"/, ""); print; exit}' Cargo.lock)
have=$(wasm-bindgen --version 2>/dev/null | awk '{print $2}' || true)
if [ "$have" != "$want" ]; then
  log "installing wasm-bindgen-cli $want (found: ${have:-none}); this takes about 5 minutes"
  cargo install wasm-bindgen-cli --version "$want" --force
fi
if [ ! -x node_modules/.bin/wasm-opt ] || [ ! -x node_modules/.bin/terser ]; then
  log "installing npm tooling (binaryen's wasm-opt, terser, playwright-core, axe-core)"
  npm ci --no-audit --no-fund
fi

# --- build -------------------------------------------------------------------------------
log "cargo build (release, wasm32)"
cargo build --release --target wasm32-unknown-unknown -p cop-widgets
rm -rf pkg && mkdir -p pkg
log "wasm-bindgen --target web"
wasm-bindgen --target web --no-typescript --out-dir pkg --out-name cop_widgets \
  target/wasm32-unknown-unknown/release/cop_widgets.wasm
node scripts/inline-snippets.mjs pkg/cop_widgets.js
log "wasm-opt -Oz"
# Debian's binaryen is too old for Chromium; npm's binaryen with explicit features (not
# --all-features, which Chromium rejects). See ../shared/toolchain.md.
# Tried and left out: --flatten --rereloop then -Oz again saves 1.0 KB gzipped, but 500 widgets
# mounted 10-15 % slower in scripts/bench.mjs (two runs each way); other passes moved < 0.2 %.
node_modules/.bin/wasm-opt -Oz --converge --strip-debug --strip-producers --enable-bulk-memory --enable-nontrapping-float-to-int \
  --enable-sign-ext --enable-mutable-globals --enable-reference-types --enable-multivalue \
  pkg/cop_widgets_bg.wasm -o pkg/cop_widgets_bg.wasm
log "short names for the wasm's imports and exports, in the wasm and the glue"
node scripts/minify-names.mjs pkg/cop_widgets_bg.wasm pkg/cop_widgets.js
log "minifying the glue, naming the glue and wasm by content, minifying the loader"
# The glue's property names are the wasm's import names: terser leaves properties alone.
node_modules/.bin/terser pkg/cop_widgets.js --module --compress --mangle --output pkg/glue.min.js
rm pkg/cop_widgets.js
# Content-hashed names let servers cache the glue and wasm for a year; the loader keeps its
# name (admins paste it) and points at this release's files.
hash16() { sha256sum "$1" | cut -c1-16; }
glue="cop_widgets-$(hash16 pkg/glue.min.js).js"
wasm="cop_widgets_bg-$(hash16 pkg/cop_widgets_bg.wasm).wasm"
mv pkg/glue.min.js "pkg/$glue"
mv pkg/cop_widgets_bg.wasm "pkg/$wasm"
log "exporting the message catalogs (English is in the wasm; the others are fetched)"
cargo run -q -p cop-core --example export-catalogs -- pkg
# One hash for the set: the wasm fills in the language of cop_i18n_LANG-<hash>.json.
catalogs=$(cat pkg/cop_i18n_*.json | sha256sum | cut -c1-16)
for file in pkg/cop_i18n_*.json; do mv "$file" "${file%.json}-$catalogs.json"; done
sed -e "s/\"cop_widgets\.js\"/\"$glue\"/" -e "s/\"cop_widgets_bg\.wasm\"/\"$wasm\"/" \
  -e "s/\"cop_i18n_LANG\.json\"/\"cop_i18n_LANG-$catalogs.json\"/" loader/cop-widgets.js > pkg/loader.js
grep -q "$glue" pkg/loader.js && grep -q "$wasm" pkg/loader.js && grep -q "$catalogs" pkg/loader.js \
  || { echo "the loader does not name the bundle files" >&2; exit 1; }
node_modules/.bin/terser pkg/loader.js --compress --mangle --output pkg/cop-widgets.js
rm pkg/loader.js
node scripts/size-report.mjs
# The widgets' stylesheet as the wasm carries it, for the benchmark's hand-written floor pages
# (www/bench-floor.*): same bytes of CSS, named by content (cached like the wasm). Not part of
# what a page with the widgets downloads.
css=$(ls -t target/wasm32-unknown-unknown/release/build/cop-widgets-*/out/style.min.css | head -1)
node -e 'const fs = require("fs"), css = fs.readFileSync(process.argv[1], "utf8");
  const hash = require("crypto").createHash("sha256").update(css).digest("hex").slice(0, 16);
  fs.writeFileSync(`pkg/bench_style-${hash}.json`, JSON.stringify(css));' "$css"
log "brotli and gzip copies of each file, served as they are"
node scripts/precompress.mjs pkg
