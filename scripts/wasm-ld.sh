#!/usr/bin/env bash
# The wasm builds' linker (scripts/build.sh passes -Clinker): rust-lld, as rustc would call it,
# without exporting wasm-streams' three classes.
#
# Leptos depends on server_fn unconditionally, server_fn on wasm-streams, and wasm-streams
# exports `IntoUnderlyingSource`, `IntoUnderlyingByteSource` and `IntoUnderlyingSink` to
# JavaScript (`#[wasm_bindgen]`): rustc asks the linker to export each of their methods, and
# an export is a root, so their code, and every future and closure it boxes, was linked into
# every page's main module, though a client-side widget never streams a server function's
# body. Removing the exports after linking (scripts/drop-exports.mjs, as before) left the boxed
# closures behind: a function a vtable in memory points at stays in the table, and wasm-opt
# cannot tell that no one reads that vtable. Not exported, the linker drops them all.
# wasm-bindgen skips an export whose descriptor is missing, so it drops the classes too.
set -euo pipefail
lld="$(rustc --print sysroot)/lib/rustlib/x86_64-unknown-linux-gnu/bin/rust-lld"
args=()
while [ $# -gt 0 ]; do
  if [ "$1" = --export ] && [ $# -gt 1 ] &&
    [[ $2 =~ ^(__wbindgen_describe_)?(__wbg_)?intounderlying(bytesource|sink|source)_ ]]; then
    shift 2
    continue
  fi
  args+=("$1")
  shift
done
exec "$lld" "${args[@]}"
