#!/usr/bin/env bash
# Builds pkg/: the loader (cop-widgets.js), the ES module glue, the optimised main wasm and one
# wasm chunk per chunked widget kind (src/widgets/chunks.rs: the value-story form), then prints
# and writes the size report (per page and per file, gzip and brotli; SRI hash of the loader).
# Installs what it lacks, so it runs on a fresh machine.
#   COP_SINGLE_BUNDLE=1   one wasm module for every kind instead (no feature `split`, no
#                         splitter): the fallback if chunks ever break on a toolchain bump
#   COP_PKG_DIR=dir       write there instead of pkg/ (scripts/test.sh builds the single
#                         bundle into pkg-single/ so it does not overwrite pkg/)
#   COP_NAMES=1           keep the wasm's function names (profiling; see wasm_opt below)
#   COP_PLAIN_RUSTC=1     build the wasm without the compiler's unstable size flags and the
#                         standard library from source (scripts/wasm-flags.sh)
#   COP_FEATURES=f,g      more cargo features (alloc-stats: the allocator's live bytes for
#                         scripts/bench.mjs's memory rounds; for measuring, never shipped)
# The split pipeline: cargo build --features split with --emit-relocs (its own target dir:
# other RUSTFLAGS), linked by scripts/wasm-ld.sh → wasm-split-cli (main module + chunks + the link JS) → shared chunks of the
# same kinds merged (merge-shared-chunks.mjs) → wasm-bindgen
# --keep-lld-exports (main only) → the link JS into the glue (inline-split-link.mjs) → an
# unused dependency's classes out of the glue (drop-exports.mjs) →
# wasm-opt on each module → short names (main) → content hashes, chunks first → the loader
# learns which kind's chunk is which file.
set -euo pipefail
cd "$(dirname "$0")/.."

log() { printf '\033[1m[build]\033[0m %s\n' "$*"; }

# One build at a time in a checkout: two write the same files (the splitter's output under
# target/, the chunks merge-shared-chunks.mjs rewrites in place) and one fails with what looks
# like a broken wasm ("duplicate export"). A second build waits for the first.
mkdir -p target
exec 9>target/.build-sh.lock
if command -v flock >/dev/null && ! flock -n 9; then
  log "another scripts/build.sh is running in this checkout: waiting for it"
  flock 9
fi

# --- tools -------------------------------------------------------------------------------
if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  log "adding the wasm32-unknown-unknown target"
  rustup target add wasm32-unknown-unknown
fi
# The standard library's source: the wasm's std is built from it (scripts/wasm-flags.sh).
if [ -z "${COP_PLAIN_RUSTC:-}" ] && ! rustup component list --installed | grep -qx rust-src; then
  log "adding the rust-src component"
  rustup component add rust-src
fi
# The CLI must be exactly the version of the wasm-bindgen crate in Cargo.lock.
want=$(awk '/^name = "wasm-bindgen"$/{getline; gsub(/version = |"/, ""); print; exit}' Cargo.lock)
have=$(wasm-bindgen --version 2>/dev/null | awk '{print $2}' || true)
if [ "$have" != "$want" ]; then
  log "installing wasm-bindgen-cli $want (found: ${have:-none}); this takes about 5 minutes"
  cargo install wasm-bindgen-cli --version "$want" --force
fi
single=${COP_SINGLE_BUNDLE:-}
out=${COP_PKG_DIR:-pkg}
case "$out" in /*|*..*|"") echo "COP_PKG_DIR must be a directory inside the repository" >&2; exit 1 ;; esac
target=${CARGO_TARGET_DIR:-target}
if [ -z "$single" ] && ! command -v wasm-split-cli >/dev/null; then
  log "no wasm-split-cli: scripts/install.sh installs it"
  bash scripts/install.sh
fi
if [ ! -x node_modules/.bin/wasm-opt ] || [ ! -x node_modules/.bin/terser ] || [ ! -d node_modules/@gfx/zopfli ]; then
  log "installing npm tooling (binaryen's wasm-opt, terser, Zopfli, playwright-core, axe-core)"
  npm ci --no-audit --no-fund
fi

# --- build -------------------------------------------------------------------------------
# Debian's binaryen is too old for Chromium; npm's binaryen with explicit features (not
# --all-features, which Chromium rejects). See ../shared/toolchain.md.
# Tried and left out: --flatten --rereloop then -Oz again saves 1.0 KB gzipped, but 500 widgets
# mounted 10-15 % slower in scripts/bench.mjs (two runs each way); other passes moved < 0.2 %.
# COP_NAMES=1 keeps the function names (wasm-bindgen --keep-debug, wasm-opt --debuginfo), for
# scripts/profile-mount.mjs and scripts/wasm-breakdown.mjs; never shipped (bigger files).
keep_names=${COP_NAMES:+--keep-debug}
debug_info=--strip-debug; [ -z "${COP_NAMES:-}" ] || debug_info=--debuginfo
wasm_opt() {
  node_modules/.bin/wasm-opt -Oz --converge $debug_info --strip-producers --strip-target-features --enable-bulk-memory \
    --enable-nontrapping-float-to-int --enable-sign-ext --enable-mutable-globals \
    --enable-reference-types --enable-multivalue "$1" -o "$2"
}
# The compiler flags and the linker of the wasm builds (bootstrap, wasm_rustflags).
. scripts/wasm-flags.sh
hash16() { sha256sum "$1" | cut -c1-16; }
rm -rf "$out" && mkdir -p "$out"
chunk_kinds=""
if [ -n "$single" ]; then
  log "cargo build (release, wasm32, one bundle: COP_SINGLE_BUNDLE)"
  RUSTC_BOOTSTRAP=$bootstrap RUSTFLAGS="${RUSTFLAGS:-} $wasm_rustflags" CARGO_TARGET_DIR="$target/single" \
    cargo build $cargo_std --release --target wasm32-unknown-unknown -p cop-widgets ${COP_FEATURES:+--features "$COP_FEATURES"}
  log "wasm-bindgen --target web"
  wasm-bindgen --target web --no-typescript $keep_names --out-dir "$out" --out-name cop_widgets \
    "$target/single/wasm32-unknown-unknown/release/cop_widgets.wasm"
  if grep -q __wasm_split "$out/cop_widgets.js"; then
    echo "the single bundle imports a wasm-split placeholder: a #[wasm_split] outside feature split?" >&2
    exit 1
  fi
  node scripts/inline-snippets.mjs "$out/cop_widgets.js"
  node scripts/drop-exports.mjs "$out/cop_widgets.js" "$out/cop_widgets_bg.wasm"
  # The loader hands its early chunk downloads to the glue's chunks(): none here.
  printf '/** No chunks in the single bundle. */\nexport function chunks() {}\n' >> "$out/cop_widgets.js"
  log "wasm-opt -Oz"
  wasm_opt "$out/cop_widgets_bg.wasm" "$out/cop_widgets_bg.wasm"
else
  log "cargo build (release, wasm32, feature split, --emit-relocs for the splitter)"
  # The splitter needs the linker's relocations (wasm-bindgen would drop them, so it runs
  # first); other RUSTFLAGS than a plain build's, hence a target dir of its own.
  RUSTC_BOOTSTRAP=$bootstrap RUSTFLAGS="${RUSTFLAGS:-} $wasm_rustflags -Clink-args=--emit-relocs" CARGO_TARGET_DIR="$target/split" \
    cargo build $cargo_std --release --target wasm32-unknown-unknown -p cop-widgets --features "split${COP_FEATURES:+,$COP_FEATURES}"
  log "wasm-split-cli: the main module and one chunk per chunked kind"
  mkdir -p "$out/split"
  wasm-split-cli --target web --out-name cop_widgets \
    "$target/split/wasm32-unknown-unknown/release/cop_widgets.wasm" "$out/split"
  ls "$out/split"/split_*.wasm >/dev/null 2>&1 || { echo "wasm-split-cli wrote no chunk" >&2; exit 1; }
  # Shared chunks of the same kinds (a part of a kind counting as its kind) made one file.
  node scripts/merge-shared-chunks.mjs "$out/split"
  log "wasm-bindgen --target web --keep-lld-exports (the main module: the chunks import its table)"
  wasm-bindgen --target web --no-typescript --keep-lld-exports $keep_names --out-dir "$out" --out-name cop_widgets \
    "$out/split/cop_widgets.wasm"
  node scripts/inline-snippets.mjs "$out/cop_widgets.js"
  node scripts/inline-split-link.mjs "$out/cop_widgets.js" "$out/split/__wasm_split.js"
  # server_fn's stream classes (wasm-streams), exported but never used by a widget: out
  # before wasm-opt, which then drops their code (2.0 KB gzipped on every page).
  node scripts/drop-exports.mjs "$out/cop_widgets.js" "$out/cop_widgets_bg.wasm"
  log "wasm-opt -Oz (the main module and each chunk)"
  wasm_opt "$out/cop_widgets_bg.wasm" "$out/cop_widgets_bg.wasm"
  # The chunks (each kind's own, split_<kind>.wasm, and the shared ones, chunk_<n>.wasm: code
  # several kinds' chunks use, see inline-split-link.mjs) are named by one content hash of
  # them all: the loader then knows a kind's file from its name and that one hash, and grows
  # by a kind's name only, not by a hash per kind (it is held to 2 KB).
  declare -A hashed_name
  for chunk in "$out/split"/chunk_*.wasm "$out/split"/split_*.wasm; do
    [ -e "$chunk" ] || continue
    # binaryen warns "unknown name subsection id 3" on a chunk: harmless, the names go anyway.
    wasm_opt "$chunk" "$out/$(basename "$chunk")" 2> >(grep -v "unknown name subsection" >&2)
  done
  chunk_hash=$(cd "$out" && cat $(ls chunk_*.wasm split_*.wasm 2>/dev/null | sort) | sha256sum | cut -c1-16)
  chunk_kinds=""; chunk_parts=""
  for file in "$out"/chunk_*.wasm "$out"/split_*.wasm; do
    [ -e "$file" ] || continue
    name=$(basename "$file")
    # Chunks first: their names are in the glue, whose hash must cover them.
    hashed="${name%.wasm}-$chunk_hash.wasm"
    mv "$out/$name" "$out/$hashed"
    grep -q "\"$name\"" "$out/cop_widgets.js" || { echo "the glue does not name $name" >&2; exit 1; }
    sed -i "s#\"$name\"#\"$hashed\"#g" "$out/cop_widgets.js"
    hashed_name[$name]=$hashed
    case $name in split_*) ;; *) continue ;; esac
    # split_value_story.wasm is the chunk of the split point `value_story`: the kind value-story.
    # The loader starts a kind's own chunk early; its shared ones the glue fetches with it.
    kind=${name%.wasm}; kind=${kind#split_}; kind=${kind//_/-}
    # A part of a kind (split_rhythm_calendar__month: the calendar's month grid) is not a kind:
    # the loader starts it instead of its kind's chunk for a placeholder of that variant or
    # view (its PARTS), which must then be the parts built.
    case $kind in *--*) chunk_parts="$chunk_parts\"${kind/--/:}\","; continue ;; esac
    chunk_kinds="$chunk_kinds\"$kind\","
  done
  # chunks.json: each kind's files (its own chunk, then the shared ones it needs), for the
  # size report and its test.
  names=""; for name in "${!hashed_name[@]}"; do names="$names$name=${hashed_name[$name]} "; done
  node -e '
    const [deps, names] = [JSON.parse(require("fs").readFileSync(process.argv[1], "utf8")), process.argv[2]];
    const hashed = Object.fromEntries(names.trim().split(" ").map((pair) => pair.split("=")));
    const kinds = {};
    for (const [name, file] of Object.entries(hashed)) {
      if (name.startsWith("split_")) kinds[name.slice(6, -5).replace(/_/g, "-")] = [file];
    }
    for (const [name, users] of Object.entries(deps)) for (const kind of users) kinds[kind].push(hashed[name]);
    process.stdout.write(JSON.stringify(kinds, null, 2) + "\n");
  ' "$out/split/deps.json" "$names" > "$out/chunks.json"
  rm -rf "$out/split"
fi
log "short names for the main wasm's imports and exports, in the wasm and the glue"
node scripts/minify-names.mjs "$out/cop_widgets_bg.wasm" "$out/cop_widgets.js"
# wasm-opt once more on the renamed module: about 300 bytes gzipped less on every page (a
# fixed point of --converge is not one of a fresh run; the chunks gain under 30 bytes each).
wasm_opt "$out/cop_widgets_bg.wasm" "$out/cop_widgets_bg.wasm"
log "minifying the glue, naming the glue and wasm by content, minifying the loader"
# The glue's property names are the wasm's import names: terser leaves properties alone.
node_modules/.bin/terser "$out/cop_widgets.js" --module --compress --mangle --output "$out/glue.min.js"
rm "$out/cop_widgets.js"
# Content-hashed names let servers cache the glue and wasm for a year; the loader keeps its
# name (admins paste it) and points at this release's files.
glue="cop_widgets-$(hash16 "$out/glue.min.js").js"
wasm="cop_widgets_bg-$(hash16 "$out/cop_widgets_bg.wasm").wasm"
mv "$out/glue.min.js" "$out/$glue"
mv "$out/cop_widgets_bg.wasm" "$out/$wasm"
log "exporting the message catalogs (English is in the wasm; the others are fetched)"
cargo run -q -p cop-core --example export-catalogs -- "$out"
# One hash for the set: the wasm fills in the language of cop_i18n_LANG-<hash>.json.
catalogs=$(cat "$out"/cop_i18n_*.json | sha256sum | cut -c1-16)
for file in "$out"/cop_i18n_*.json; do mv "$file" "${file%.json}-$catalogs.json"; done
grep -q -- '"-CHUNK\.wasm"' loader/cop-widgets.js || { echo "the loader has no \"-CHUNK.wasm\" to fill in" >&2; exit 1; }
# The loader takes every kind in its HEIGHTS for a chunked kind (the badge's chunk: its card
# and community views), and every kind:variant in its PARTS for a part with a chunk of its
# own: so must the build.
if [ -z "$single" ]; then
  node -e '
    const src = require("fs").readFileSync("loader/cop-widgets.js", "utf8");
    const heights = src.match(/var HEIGHTS = \{([^}]*)\}/)[1];
    const kinds = [...heights.matchAll(/"?([\w:-]+)"?\s*:\s*\d+/g)].map((m) => m[1])
      .filter((k) => !k.includes(":")).sort().join(" ");
    const chunked = process.argv[1].split(",").filter(Boolean).map((k) => k.replace(/"/g, "")).sort().join(" ");
    if (kinds !== chunked) { console.error(`the loader'"'"'s kinds (${kinds}) are not the chunked kinds (${chunked})`); process.exit(1); }
    const parts = [...src.match(/var PARTS = \{([^}]*)\}/)[1].matchAll(/"([\w:-]+)"\s*:\s*1/g)].map((m) => m[1]).sort().join(" ");
    const built = process.argv[2].split(",").filter(Boolean).map((k) => k.replace(/"/g, "")).sort().join(" ");
    if (parts !== built) { console.error(`the loader'"'"'s parts (${parts}) are not the parts built (${built})`); process.exit(1); }
  ' "$chunk_kinds" "$chunk_parts"
fi
sed -e "s/\"cop_widgets\.js\"/\"$glue\"/" -e "s/\"cop_widgets_bg\.wasm\"/\"$wasm\"/" \
  -e "s/-CATALOGS\.json/-$catalogs.json/" \
  -e "s/\"-CHUNK\.wasm\"/\"${chunk_hash:+-$chunk_hash.wasm}\"/" \
  loader/cop-widgets.js > "$out/loader.js"
grep -q "$glue" "$out/loader.js" && grep -q "$wasm" "$out/loader.js" && grep -q "$catalogs" "$out/loader.js" \
  || { echo "the loader does not name the bundle files" >&2; exit 1; }
# Three compress passes: 18 bytes less gzipped than one, under the loader's 2 KB.
node_modules/.bin/terser "$out/loader.js" --compress passes=3 --mangle --output "$out/cop-widgets.js"
rm "$out/loader.js"
# The widgets' stylesheet as the wasm carries it, for the benchmark's hand-written floor pages
# (www/bench-floor.*): same bytes of CSS, named by content (cached like the wasm). Not part of
# what a page with the widgets downloads.
# (Only the build just made has its directory: a fresh clone has one of the two.)
css=$(ls -t "$target"/split/wasm32-unknown-unknown/release/build/cop-widgets-*/out/style.min.css \
  "$target"/single/wasm32-unknown-unknown/release/build/cop-widgets-*/out/style.min.css 2>/dev/null | head -1 || true)
[ -n "$css" ] || { echo "no style.min.css from the build for the benchmark's floor" >&2; exit 1; }
node -e 'const fs = require("fs"), css = fs.readFileSync(process.argv[1], "utf8");
  const hash = require("crypto").createHash("sha256").update(css).digest("hex").slice(0, 16);
  fs.writeFileSync(`${process.argv[2]}/bench_style-${hash}.json`, JSON.stringify(css));' "$css" "$out"
log "brotli and gzip copies of each file, served as they are"
node scripts/precompress.mjs "$out"
# The bytes of those copies are what the size report counts.
node scripts/size-report.mjs "$out"
