#!/usr/bin/env bash
# The C part of `make test-c-stress` (issue 8, bindings under stress): builds
# tests/test_stress.c against the installed layout of `make c` and runs
#
#   - 1,000,000 calls through every entry point, RSS and heap in use
#     compared after 100,000 and after 1,000,000 calls (plain build);
#   - the same mix under ASan + UBSan (50,000 calls) and under valgrind
#     memcheck (6,000 calls, every leak kind is an error);
#   - 8 threads sharing one scrubber under helgrind, after checking with a
#     deliberate race that helgrind reports races in this setup.
#
#   bindings/c/tests/run_stress.sh DIST OUT
#
# Environment: CC (gcc); SCRUBJAY_STRESS_CALLS (1000000),
# SCRUBJAY_STRESS_WARMUP (100000), SCRUBJAY_STRESS_MAX_GROWTH_KB (4096),
# SCRUBJAY_STRESS_HELGRIND_ROUNDS (4).
set -euo pipefail

dist=$(cd "$1" && pwd)
mkdir -p "$2"
out=$(cd "$2" && pwd)
here=$(cd "$(dirname "$0")" && pwd)
cc=${CC:-gcc}
calls=${SCRUBJAY_STRESS_CALLS:-1000000}
warmup=${SCRUBJAY_STRESS_WARMUP:-100000}
max_growth_kb=${SCRUBJAY_STRESS_MAX_GROWTH_KB:-4096}
helgrind_rounds=${SCRUBJAY_STRESS_HELGRIND_ROUNDS:-4}
warn=(-Wall -Wextra -Wpedantic -Werror)
san=(-fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all)
export PKG_CONFIG_PATH="$dist/lib/pkgconfig"
read -r -a cflags <<<"$(pkg-config --cflags scrubjay-static)"
read -r -a static_libs <<<"$(pkg-config --libs scrubjay-static)"
export ASAN_OPTIONS=detect_leaks=1:abort_on_error=0:exitcode=98
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1

step() { printf '\n== %s\n' "$*"; }

step "building test_stress (plain and ASan/UBSan) against $dist"
"$cc" -std=c99 "${warn[@]}" -g -O1 "${cflags[@]}" "$here/test_stress.c" "${static_libs[@]}" -o "$out/test_stress"
"$cc" -std=c99 "${warn[@]}" -g -O1 "${san[@]}" "${cflags[@]}" "$here/test_stress.c" "${static_libs[@]}" \
  -o "$out/test_stress_asan"

step "$calls calls, memory after $warmup calls vs after $calls (limit +$max_growth_kb KiB)"
"$out/test_stress" leak "$calls" "$warmup" "$max_growth_kb"

step "50,000 calls under ASan + UBSan (leaks are errors)"
"$out/test_stress_asan" leak 50000 0

step "6,000 calls under valgrind memcheck (leaks of every kind are errors)"
valgrind -q --error-exitcode=99 --leak-check=full --show-leak-kinds=definite,indirect,possible \
  --errors-for-leak-kinds=definite,indirect,possible "$out/test_stress" leak 6000 0

step "helgrind must see a deliberate race"
rc=0
valgrind -q --tool=helgrind --error-exitcode=99 "$out/test_stress" race-canary >"$out/canary.log" 2>&1 || rc=$?
if [ $rc -ne 99 ] || ! grep -q 'Possible data race' "$out/canary.log"; then
  echo "helgrind did not report the deliberate race (exit status $rc): its clean runs would prove nothing" >&2
  cat "$out/canary.log" >&2
  exit 1
fi
echo "helgrind reported the deliberate race"

step "8 threads sharing one scrubber under helgrind ($helgrind_rounds rounds; any report fails)"
# No suppressions: helgrind reports nothing in this run.
valgrind -q --tool=helgrind --error-exitcode=99 "$out/test_stress" threads "$helgrind_rounds"

step "test-c-stress: all passed"
