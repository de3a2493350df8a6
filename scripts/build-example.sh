#!/usr/bin/env bash
# Builds the Leptos example application (examples/leptos-app) into pkg/example/, after
# scripts/build.sh (which empties pkg/). The reference server then serves it with
# www/leptos-app.html at /leptos-app.html.
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release --target wasm32-unknown-unknown -p cop-example-leptos
rm -rf pkg/example && mkdir -p pkg/example
wasm-bindgen --target web --no-typescript --out-dir pkg/example --out-name app \
  target/wasm32-unknown-unknown/release/cop_example_leptos.wasm
node_modules/.bin/wasm-opt -Oz --strip-debug --strip-producers --enable-bulk-memory --enable-nontrapping-float-to-int \
  --enable-sign-ext --enable-mutable-globals --enable-reference-types --enable-multivalue \
  pkg/example/app_bg.wasm -o pkg/example/app_bg.wasm
# Gzipped as the server sends it (scripts/compress.mjs: Zopfli), as the size report counts.
node --input-type=module -e '
  import { readFileSync } from "node:fs";
  import { gzip } from "./scripts/compress.mjs";
  const wasm = readFileSync("pkg/example/app_bg.wasm");
  console.log(`example app: ${(await gzip(wasm)).length} bytes of wasm gzipped (${wasm.length} raw)`);
'
