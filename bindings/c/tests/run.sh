#!/usr/bin/env bash
# The C side of `make test-c`: builds the C tests and the examples against
# the installed layout of `make c` (through its pkg-config files and its
# CMake package), and runs them plain, under valgrind and under
# AddressSanitizer + UndefinedBehaviorSanitizer.
#
#   bindings/c/tests/run.sh DIST OUT
#
# DIST is the install prefix `make c` filled; OUT a scratch directory.
# Environment: CC, CXX (default gcc, g++); SCRUBJAY_TEST_LARGE_MB (10).
set -euo pipefail

dist=$(cd "$1" && pwd)
mkdir -p "$2"
out=$(cd "$2" && pwd)
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../../.." && pwd)
cc=${CC:-gcc}
cxx=${CXX:-g++}
warn=(-Wall -Wextra -Wpedantic -Werror)
san=(-fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all)
export PKG_CONFIG_PATH="$dist/lib/pkgconfig"
# Static: the archive and its system libraries; shared: -lscrubjay.
read -r -a cflags <<<"$(pkg-config --cflags scrubjay-static)"
read -r -a static_libs <<<"$(pkg-config --libs scrubjay-static)"
read -r -a shared_libs <<<"$(pkg-config --libs scrubjay)"
valgrind=(valgrind -q --error-exitcode=99 --leak-check=full --show-leak-kinds=definite,indirect,possible
  --errors-for-leak-kinds=definite,indirect,possible)
export ASAN_OPTIONS=detect_leaks=1:abort_on_error=0:exitcode=98
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1

step() { printf '\n== %s\n' "$*"; }

step "building the C tests and examples against $dist (static, plain and sanitized)"
python3 "$here/gen_conformance.py" "$root/conformance/cases.json" "$out/conformance_cases.h"
build() { # NAME COMPILER STD SOURCE [EXTRA FLAGS...]
  local name=$1 compiler=$2 std=$3 src=$4
  shift 4
  "$compiler" "$std" "${warn[@]}" -g -O1 "${cflags[@]}" -I"$out" "$@" "$src" "${static_libs[@]}" -o "$out/$name"
}
for variant in plain asan; do
  extra=()
  suffix=""
  if [ $variant = asan ]; then
    extra=("${san[@]}")
    suffix=_asan
  fi
  build "test_api$suffix" "$cc" -std=c99 "$here/test_api.c" "${extra[@]}"
  build "test_conformance$suffix" "$cc" -std=c99 "$here/test_conformance.c" "${extra[@]}"
  build "scrub_lines$suffix" "$cc" -std=c99 "$here/../examples/scrub_lines.c" "${extra[@]}"
  build "events$suffix" "$cxx" -std=c++17 "$here/../examples/events.cpp" "${extra[@]}"
done
# The header alone, as C99 and as C++ (extern "C", include guards).
printf '#include "scrubjay.h"\n#include "scrubjay.h"\nint main(void) { return scrubjay_abi_version() == SCRUBJAY_ABI_VERSION ? 0 : 1; }\n' >"$out/header.c"
"$cc" -std=c99 "${warn[@]}" "${cflags[@]}" "$out/header.c" "${static_libs[@]}" -o "$out/header_c"
"$cxx" -std=c++17 "${warn[@]}" "${cflags[@]}" -x c++ "$out/header.c" -x none "${static_libs[@]}" -o "$out/header_cxx"
"$out/header_c"
"$out/header_cxx"
if readelf -d "$out/test_api" | grep -q 'libscrubjay'; then
  echo "test_api was meant to link libscrubjay.a statically but needs libscrubjay.so" >&2
  exit 1
fi

# The examples' output must be the goldens (checked against the core by
# `cargo test -p scrubjay-c --test golden`).
check_examples() { # PREFIX: a command prefix (valgrind ...) or nothing; SUFFIX
  local suffix=$1
  shift
  "$@" "$out/scrub_lines$suffix" <"$root/examples/sample.log" >"$out/sample.out"
  cmp "$out/sample.out" "$here/golden/sample.log"
  # A pipe on both ends, as in a shell pipeline.
  cat "$root/examples/sample.log" | "$@" "$out/scrub_lines$suffix" | cmp - "$here/golden/sample.log"
  for threads in 1 4; do
    "$@" "$out/events$suffix" $threads <"$root/examples/events.ndjson" >"$out/events.out" 2>"$out/events.err"
    cmp "$out/events.out" "$here/golden/events.ndjson"
  done
  grep -q '30 lines on 4 threads, 11 findings' "$out/events.err"
  # Errors: a bad config and an invalid event are reported, with status 1.
  printf '{"rules": {"emial": {}}}' >"$out/bad.json"
  local rc=0
  "$@" "$out/scrub_lines$suffix" "$out/bad.json" </dev/null 2>"$out/err.txt" || rc=$?
  if [ $rc -ne 1 ]; then
    echo "scrub_lines with a bad config: exit status $rc, expected 1" >&2
    cat "$out/err.txt" >&2
    exit 1
  fi
  grep -q 'did you mean `email`' "$out/err.txt"
  rc=0
  printf '{"a": 1}\n{bad\n' | "$@" "$out/events$suffix" 2 >"$out/events.out" 2>"$out/err.txt" || rc=$?
  if [ $rc -ne 1 ]; then
    echo "events with an invalid event: exit status $rc, expected 1" >&2
    cat "$out/err.txt" >&2
    exit 1
  fi
  grep -q 'line 2: invalid JSON' "$out/err.txt"
}

step "running the tests"
"$out/test_api"
"$out/test_conformance"
check_examples ""
echo "examples: output matches the goldens"

step "running under valgrind"
"${valgrind[@]}" "$out/test_api"
"${valgrind[@]}" "$out/test_conformance"
check_examples "" "${valgrind[@]}"
echo "valgrind: no errors, no leaks"

step "running under AddressSanitizer and UndefinedBehaviorSanitizer"
"$out/test_api_asan"
"$out/test_conformance_asan"
check_examples _asan
echo "sanitizers: no errors, no leaks"

step "linking the shared library (pkg-config scrubjay)"
"$cc" -std=c99 "${warn[@]}" "${cflags[@]}" "$here/../examples/scrub_lines.c" "${shared_libs[@]}" \
  -Wl,-rpath,"$dist/lib" -o "$out/scrub_lines_shared"
readelf -d "$out/scrub_lines_shared" | grep -q 'NEEDED.*\[libscrubjay\.so\.[0-9]*\]'
"$out/scrub_lines_shared" <"$root/examples/sample.log" | cmp - "$here/golden/sample.log"
echo "shared library: ok"

if command -v cmake >/dev/null; then
  step "find_package(scrubjay) from CMake"
  rm -rf "$out/cmake"
  cmake -S "$here/cmake" -B "$out/cmake" -DCMAKE_PREFIX_PATH="$dist" -DCMAKE_BUILD_TYPE=Release >/dev/null
  cmake --build "$out/cmake" -j 2 >/dev/null
  "$out/cmake/scrub_lines_static" <"$root/examples/sample.log" | cmp - "$here/golden/sample.log"
  "$out/cmake/scrub_lines_shared" <"$root/examples/sample.log" | cmp - "$here/golden/sample.log"
  "$out/cmake/events" 3 <"$root/examples/events.ndjson" 2>/dev/null | cmp - "$here/golden/events.ndjson"
  if readelf -d "$out/cmake/scrub_lines_static" | grep -q libscrubjay; then
    echo "scrubjay::scrubjay was meant to be static" >&2
    exit 1
  fi
  echo "cmake: ok"
else
  echo "cmake not found: the CMake package was not checked (install cmake)" >&2
  exit 1
fi

step "test-c: all passed"
