#!/usr/bin/env bash
# Quick size probe while working on the bundle: gzipped bytes of the optimised wasm, built as
# the single bundle (no feature split); scripts/build.sh prints the split build per page.
set -euo pipefail
cd "$(dirname "$0")/.."
# The same compiler flags and linker as build.sh's single bundle, in the same target dir.
. scripts/wasm-flags.sh
RUSTC_BOOTSTRAP=$bootstrap RUSTFLAGS="${RUSTFLAGS:-} $wasm_rustflags" CARGO_TARGET_DIR=target/single \
  cargo build $cargo_std --release --target wasm32-unknown-unknown -p cop-widgets 2>&1 | grep -E "^(error|warning)" -A8 || true
out=$(mktemp -d)
wasm-bindgen --target web --no-typescript --out-dir "$out" target/single/wasm32-unknown-unknown/release/cop_widgets.wasm
node_modules/.bin/wasm-opt -Oz --converge --strip-debug --strip-producers --enable-bulk-memory --enable-nontrapping-float-to-int --enable-sign-ext \
  --enable-mutable-globals --enable-reference-types --enable-multivalue "$out/cop_widgets_bg.wasm" -o "$out/opt.wasm"
node scripts/inline-snippets.mjs "$out/cop_widgets.js" >/dev/null
node scripts/drop-exports.mjs "$out/cop_widgets.js" "$out/opt.wasm" >/dev/null
node scripts/minify-names.mjs "$out/opt.wasm" "$out/cop_widgets.js" >/dev/null
echo "wasm raw $(wc -c < "$out/opt.wasm")  gzip $(gzip -9c "$out/opt.wasm" | wc -c)  glue gzip $(node_modules/.bin/terser "$out/cop_widgets.js" --module --compress --mangle | gzip -9c | wc -c)"
