#!/usr/bin/env bash
# `make test-c-tsan`: the 8-thread test of test_stress.c under
# ThreadSanitizer, with the Rust side instrumented as well: libscrubjay_c.a,
# its dependencies and the Rust standard library are rebuilt by nightly
# cargo with -Zsanitizer=thread -Zbuild-std (a separate target directory,
# ~3 minutes cold on 2 cores). An uninstrumented std would hide the
# synchronisation inside it from TSan (false reports) and the library's own
# accesses with it; rebuilding it is what makes a clean run mean something.
#
# The C test is compiled by gcc with -fsanitize=thread (only instrumentation:
# its __tsan_* calls are the common interface) and linked with rustc's TSan
# runtime, which also provides the __tsan_memcpy/__tsan_memset that LLVM
# emits and gcc 12's libtsan lacks.
#
#   bindings/c/tests/run_tsan.sh OUT [ROUNDS]
set -euo pipefail

mkdir -p "$1"
out=$(cd "$1" && pwd)
rounds=${2:-20}
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../../.." && pwd)
cc=${CC:-gcc}
triple=x86_64-unknown-linux-gnu
target_dir="$root/target/tsan"

step() { printf '\n== %s\n' "$*"; }

step "building libscrubjay_c.a with -Zsanitizer=thread -Zbuild-std (nightly)"
rustup toolchain list | grep '^nightly' >/dev/null || rustup toolchain install nightly --profile minimal
rustup component list --toolchain nightly --installed | grep '^rust-src' >/dev/null ||
  rustup component add rust-src --toolchain nightly
(cd "$root" && RUSTFLAGS="-Zsanitizer=thread" cargo +nightly build -Zbuild-std --target "$triple" --release \
  -p scrubjay-c --target-dir "$target_dir")
lib="$target_dir/$triple/release/libscrubjay_c.a"
rt="$(rustc +nightly --print sysroot)/lib/rustlib/$triple/lib/librustc-nightly_rt.tsan.a"
# The core, the regex engine and std itself must call into TSan (readelf,
# not nm: binutils' nm cannot read the LLVM bitcode also in the archive).
rm -rf "$out/objects" && mkdir -p "$out/objects"
(cd "$out/objects" && ar x "$lib")
for crate in scrubjay regex_automata aho_corasick std core alloc; do
  objs=("$out/objects/$crate"-*.o)
  calls=$(readelf -sW "${objs[@]}" 2>/dev/null | grep -c 'UND __tsan_func_entry' || true)
  if [ "$calls" -eq 0 ]; then
    echo "$crate in $lib is not instrumented by ThreadSanitizer" >&2
    exit 1
  fi
done
echo "instrumented: scrubjay regex_automata aho_corasick std core alloc"

step "linking test_stress with the instrumented library and rustc's TSan runtime"
"$cc" -std=c99 -Wall -Wextra -Wpedantic -Werror -g -O1 -fsanitize=thread -I"$root/include" \
  -c "$here/test_stress.c" -o "$out/test_stress_tsan.o"
"$cc" -g "$out/test_stress_tsan.o" "$lib" -Wl,--whole-archive "$rt" -Wl,--no-whole-archive \
  -lpthread -ldl -lm -lgcc_s -lutil -lrt -lc -lstdc++ -o "$out/test_stress_tsan"

export TSAN_OPTIONS="halt_on_error=1:exitcode=97:second_deadlock_stack=1"

step "TSan must see a deliberate race"
rc=0
"$out/test_stress_tsan" race-canary >"$out/tsan_canary.log" 2>&1 || rc=$?
if [ $rc -ne 97 ] || ! grep -q 'WARNING: ThreadSanitizer: data race' "$out/tsan_canary.log"; then
  echo "TSan did not report the deliberate race (exit status $rc): its clean runs would prove nothing" >&2
  cat "$out/tsan_canary.log" >&2
  exit 1
fi
echo "TSan reported the deliberate race"

step "8 threads sharing one scrubber under TSan ($rounds rounds; any report fails; no suppressions)"
"$out/test_stress_tsan" threads "$rounds"
step "test-c-tsan: all passed"
