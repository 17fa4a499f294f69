#!/usr/bin/env bash
# Runs built fuzz targets, each until it has used SECONDS of CPU time (not
# wall time: on a shared machine a wall-clock budget buys less fuzzing the
# busier it is), JOBS targets at a time. Used by `make fuzz` / `make test-fuzz`
# (mk/fuzz.mk); run from anywhere after `cargo +nightly fuzz build`.
#
#   fuzz/campaign.sh SECONDS JOBS TARGET...
#
# Each target starts from its committed seeds (fuzz/corpus/<target>) and its
# work corpus (fuzz/target/corpus/<target>, kept between runs, not committed).
# Crash inputs go to fuzz/artifacts/<target>/. Logs: fuzz/target/fuzz-<target>.log.
# Prints one summary line per target; exits 1 if any target found a crash,
# a timeout (a hang: matching is linear-time) or a memory blow-up.
#
# FUZZ_KEEP_GOING=1 runs libFuzzer in fork mode with crashes, timeouts and
# OOMs ignored: a long campaign then collects every failing input (in
# fuzz/artifacts/<target>/) instead of stopping at the first, and fails at
# the end if it found any. CPU time then counts the finished fork jobs.
set -euo pipefail

if [ $# -lt 3 ]; then
  echo "usage: $0 CPU_SECONDS JOBS TARGET..." >&2
  exit 2
fi
seconds=$1 jobs=$2
shift 2
cd "$(dirname "$0")"
bin_dir=target/x86_64-unknown-linux-gnu/release
# libFuzzer options for every run: a 20 s per-input timeout and a 2 GB
# memory cap; the wall-clock cap only guards against a stalled machine.
ticks=$(getconf CLK_TCK)
flags=(-timeout=20 -rss_limit_mb=2048 -print_final_stats=1 -max_total_time=$((seconds * 4 + 60)))
if [ "${FUZZ_KEEP_GOING:-0}" = 1 ]; then
  flags+=(-fork=1 -ignore_crashes=1 -ignore_timeouts=1 -ignore_ooms=1)
fi

# $1: target. Runs it until its CPU time reaches $seconds, then interrupts it
# (libFuzzer prints its final stats and exits 72 on SIGINT).
run_one() {
  local t=$1 log=target/fuzz-$1.log
  if [ ! -x "$bin_dir/$t" ]; then
    echo "!! $t: $bin_dir/$t is not built (run: cd fuzz && cargo +nightly fuzz build)"
    return 1
  fi
  mkdir -p "target/corpus/$t" "artifacts/$t"
  # In its own process group, so that fork mode's jobs can be counted.
  setsid "$bin_dir/$t" "target/corpus/$t" "corpus/$t" -artifact_prefix="artifacts/$t/" "${flags[@]}" >"$log" 2>&1 &
  local pid=$! cpu=0 status=0 p g c
  while kill -0 "$pid" 2>/dev/null; do
    # CPU seconds: the fuzzer's own and its finished children's (fields 14
    # to 17 of /proc/PID/stat, in clock ticks), plus the running children
    # of its process group (fork mode's current job).
    if read -r -a stat <"/proc/$pid/stat" 2>/dev/null; then
      cpu=$(((stat[13] + stat[14] + stat[15] + stat[16]) / ticks))
      while read -r p g c; do
        [ "$g" = "$pid" ] && [ "$p" != "$pid" ] && cpu=$((cpu + c))
      done < <(ps -e -o pid=,pgid=,cputimes= 2>/dev/null)
    fi
    if [ "$cpu" -ge "$seconds" ]; then
      kill -INT -- "-$pid" 2>/dev/null || true
      break
    fi
    sleep 1
  done
  wait "$pid" || status=$?
  local execs rss last found
  execs=$(grep -oE '^stat::number_of_executed_units: *[0-9]+' "$log" | grep -oE '[0-9]+$' | tail -1 || true)
  rss=$(grep -oE '^stat::peak_rss_mb: *[0-9]+' "$log" | grep -oE '[0-9]+$' | tail -1 || true)
  last=$(grep -E '^#[0-9]+:?[[:space:]]+(pulse|NEW|REDUCE|DONE|INITED|cov:)' "$log" | tail -1 || true)
  if [ -z "$execs" ]; then
    execs=$(printf '%s' "$last" | grep -oE '^#[0-9]+' | tr -d '#' || true)
  fi
  last=$(printf '%s' "$last" | grep -oE 'cov: [0-9]+ ft: [0-9]+ corp: [0-9]+' || true)
  # Every saved input is run again alone: a timeout can come from the
  # machine (a paused or starved process), a crash never should. Slow units
  # (over 10 s) are listed, not failures.
  found=0
  local a
  for a in "artifacts/$t"/crash-* "artifacts/$t"/timeout-* "artifacts/$t"/oom-* "artifacts/$t"/leak-*; do
    [ -f "$a" ] || continue
    if "$bin_dir/$t" -timeout=20 -rss_limit_mb=2048 "$a" >"$a.replay.log" 2>&1; then
      echo "   $t: $a did not fail when run again (kept as $a.flaky)"
      mv "$a" "$a.flaky"
    else
      found=$((found + 1))
    fi
  done
  local slow
  slow=$(find "artifacts/$t" -name 'slow-unit-*' | wc -l)
  [ "$slow" -eq 0 ] || echo "   $t: $slow inputs took over 10 s (artifacts/$t/slow-unit-*)"
  # 0: -max_total_time reached; 72: interrupted by us at the CPU budget.
  if [ "${FUZZ_KEEP_GOING:-0}" = 1 ] && [ "$found" -gt 0 ]; then
    echo "!! $t: ${cpu} s CPU, ${execs:-?} executions, ${last:-no coverage line}: $found failing inputs in fuzz/artifacts/$t/ (each fails again alone)"
    return 1
  elif [ "$status" -eq 0 ] || [ "$status" -eq 72 ]; then
    echo "== $t: ${cpu} s CPU, ${execs:-?} executions, ${last:-no coverage line}, peak RSS ${rss:-?} MB"
  else
    tail -40 "$log"
    echo "!! $t FAILED (exit $status, log fuzz/$log, input in fuzz/artifacts/$t/)"
    return 1
  fi
}

export -f run_one
export seconds bin_dir ticks
flags_str=$(printf '%q ' "${flags[@]}")
export flags_str
# xargs runs JOBS targets at a time; each job re-creates the flags array.
printf '%s\n' "$@" | xargs -P "$jobs" -I{} bash -c 'eval "flags=($flags_str)"; run_one "$1"' _ {} \
  || { echo "some fuzz targets failed (see above)"; exit 1; }
