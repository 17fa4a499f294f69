#!/usr/bin/env bash
# Builds the scrubjay wasm package into bindings/wasm/pkg/ and copies it
# into the playground. Run by `make wasm` (which installs the tools first);
# WASM_BINDGEN names the wasm-bindgen CLI to use.
#
#   1. cargo build --target wasm32-unknown-unknown (size-tuned release, DWARF line tables)
#   2. wasm-bindgen --target web and --target nodejs, keeping the DWARF
#   3. wasm-opt -Oz -g (npm binaryen): smaller code, names kept, DWARF updated
#   4. wasm-build-id split: release module (names, no DWARF) + debug file, same build id
set -euo pipefail

root="$(cd "$(dirname "$0")/../../.." && pwd)"
cd "$root"
wasm_dir=bindings/wasm
target_dir="${CARGO_TARGET_DIR:-target}"
work="$target_dir/wasm-build"
pkg="$wasm_dir/pkg"
bindgen="${WASM_BINDGEN:-wasm-bindgen}"
wasm_opt="$wasm_dir/node_modules/.bin/wasm-opt"

# Size-tuned settings for this build only (the workspace's release profile
# is left alone): optimize for size, one LTO unit. Paths in panic messages
# are made relative so the module does not depend on where it was built.
export CARGO_PROFILE_RELEASE_OPT_LEVEL=z
export CARGO_PROFILE_RELEASE_LTO=fat
export CARGO_PROFILE_RELEASE_CODEGEN_UNITS=1
export CARGO_PROFILE_RELEASE_DEBUG=line-tables-only
export CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUSTFLAGS="--remap-path-prefix=$root=scrubjay --remap-path-prefix=${CARGO_HOME:-$HOME/.cargo}/registry/src=crates"

echo "wasm: cargo build (wasm32-unknown-unknown, release)"
cargo build --release --target wasm32-unknown-unknown -p scrubjay-wasm
raw="$target_dir/wasm32-unknown-unknown/release/scrubjay_wasm.wasm"

mkdir -p "$work"
input_hash="$(sha256sum "$raw" "$wasm_dir/js/"* "$0" "$wasm_dir/tools/src/"*.rs "$wasm_dir/tools/src/bin/"*.rs | sha256sum | cut -d' ' -f1)"
if [ -f "$pkg/.input-hash" ] && [ "$(cat "$pkg/.input-hash")" = "$input_hash" ] && [ -f "$pkg/scrubjay_wasm_bg.wasm" ]; then
  echo "wasm: $pkg is up to date"
else
  rm -rf "$work/web" "$work/node"
  echo "wasm: wasm-bindgen $("$bindgen" --version)"
  "$bindgen" --target web --keep-debug --no-typescript --out-dir "$work/web" "$raw"
  "$bindgen" --target nodejs --keep-debug --no-typescript --out-dir "$work/node" "$raw"
  # One module serves both glues; they must agree.
  cmp -s "$work/web/scrubjay_wasm_bg.wasm" "$work/node/scrubjay_wasm_bg.wasm" || {
    echo "wasm: the web and nodejs targets produced different modules; package them separately" >&2
    exit 1
  }
  echo "wasm: wasm-opt $("$wasm_opt" --version | head -1) -Oz --converge --zero-filled-memory -g"
  "$wasm_opt" -Oz --converge --zero-filled-memory -g "$work/web/scrubjay_wasm_bg.wasm" -o "$work/opt.wasm"

  rm -rf "$pkg"
  mkdir -p "$pkg"
  echo -n "wasm: build id "
  cargo run -q -p scrubjay-wasm-tools --bin wasm-build-id -- \
    split "$work/opt.wasm" "$pkg/scrubjay_wasm_bg.wasm" "$pkg/scrubjay_wasm_bg.debug.wasm"
  cp "$work/web/scrubjay_wasm.js" "$pkg/scrubjay_wasm_web.js"
  cp "$work/node/scrubjay_wasm.js" "$pkg/scrubjay_wasm_node.cjs"
  cp "$wasm_dir/js/index.js" "$wasm_dir/js/index.d.ts" "$wasm_dir/README.md" "$pkg/"
  version="$(cargo pkgid -p scrubjay-wasm | sed 's/.*[#@]//')"
  sed "s/0.0.0-set-by-the-build/$version/" "$wasm_dir/js/package.json" > "$pkg/package.json"
  echo "$input_hash" > "$pkg/.input-hash"
fi

# The playground serves its own copy, so that it works from any static server.
mkdir -p "$wasm_dir/playground/scrubjay"
cp "$pkg/index.js" "$pkg/scrubjay_wasm_web.js" "$pkg/scrubjay_wasm_bg.wasm" "$pkg/scrubjay_wasm_bg.debug.wasm" \
  "$wasm_dir/playground/scrubjay/"

size=$(stat -c %s "$pkg/scrubjay_wasm_bg.wasm")
gz=$(gzip -9 -c "$pkg/scrubjay_wasm_bg.wasm" | wc -c)
echo "wasm: $pkg/scrubjay_wasm_bg.wasm: $size bytes, $gz gzipped (-9); debug file $(stat -c %s "$pkg/scrubjay_wasm_bg.debug.wasm") bytes"
