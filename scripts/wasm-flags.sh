# Sourced by scripts/build.sh and scripts/wasm-size.sh: how the wasm is compiled and linked, in
# one place (the two must agree, or each rebuilds the other's target/single from scratch).
#
# Two unstable size flags of rustc, allowed on the stable compiler by RUSTC_BOOTSTRAP=1, for
# the wasm builds only (never the server or the native tests): -Zlocation-detail=none drops the
# file paths and line numbers of every panic site (no one reads them: the crash report shows
# the message only), -Zfmt-debug=none makes `{:?}` print nothing (the wasm formats nothing
# with Debug; cop-core's tests do, natively). Measured: main wasm 111,542 -> 108,301 B gzipped,
# each chunk 0.05-1.0 KB less. If a compiler update renames them, COP_PLAIN_RUSTC=1 builds
# without (tests/size.test.mjs then fails on the held sizes, which says so).
# Only the wasm builds get RUSTC_BOOTSTRAP, each in a target dir of its own (the single bundle's
# too), so the native builds' dependencies are never rebuilt for it.
bootstrap=1; wasm_rustflags="-Zlocation-detail=none -Zfmt-debug=none"
[ -z "${COP_PLAIN_RUSTC:-}" ] || { bootstrap=""; wasm_rustflags=""; }
# rust-lld without exporting wasm-streams' classes, so that it drops their code (see there).
wasm_rustflags="$wasm_rustflags -Clinker=$PWD/scripts/wasm-ld.sh"
