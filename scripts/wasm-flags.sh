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
#
# And the standard library built for the wasm from its source (the rust-src component, which
# build.sh adds): with `optimize_for_size` (std's smaller sort, formatting and string code)
# and `panic = immediate-abort`, where a panic is a trap with no hook, message or unwinding
# machinery (src/crash.rs hears the trap from JavaScript instead). Measured (round 2,
# fourteenth session, gzip): a page of pills 97,710 -> 91,041 B, the form's 139,084 -> 130,304,
# every kind 308,255 -> 296,154; optimize_for_size alone was a third of that.
#
# And without the reference-types target feature (on by default since Rust 1.82): wasm-bindgen
# then keeps the page's JavaScript values in the glue's own array, indices in the wasm, rather
# than in an `externref` table with a shim per exported function that takes one. Measured
# (round 2, fifteenth session): 1.0 KB gzipped off every page (the wasm 1.2 KB lighter, the
# glue 0.2 KB heavier), and pages of 10, 100 and 500 pills and the form ready no later
# (`scripts/bench.mjs 11 --only pill,form`, two runs: within the noise either way). The
# splitter, Chromium and the crash report (host.js's watch) need nothing of the feature.
bootstrap=1; wasm_rustflags="-Zlocation-detail=none -Zfmt-debug=none -Zunstable-options -Cpanic=immediate-abort -Ctarget-feature=-reference-types"
cargo_std="-Zbuild-std=std,panic_abort -Zbuild-std-features=optimize_for_size"
[ -z "${COP_PLAIN_RUSTC:-}" ] || { bootstrap=""; wasm_rustflags=""; cargo_std=""; }
# rust-lld without exporting wasm-streams' classes, so that it drops their code (see there).
wasm_rustflags="$wasm_rustflags -Clinker=$PWD/scripts/wasm-ld.sh"
