# Fuzzing (fuzz/): cargo-fuzz targets on nightly with ASan, seeded from the
# committed corpora in fuzz/corpus/<target>/ (rebuilt by fuzz/make_corpus.py).
#
#   make fuzz              every target for FUZZ_SECONDS each (default 1200 = 20 min)
#   make test-fuzz         every target for FUZZ_SHORT_SECONDS each (default 30)
#   make fuzz-build        just build the targets
#   make fuzz-one FUZZ_TARGET=scrub_text [FUZZ_SECONDS=...]
#
# New corpus entries go to fuzz/target/corpus/<target>/ (not committed);
# crashes to fuzz/artifacts/<target>/. A crash fails the make target; add the
# input to fuzz/corpus/<target>/ as `regression-*` once fixed.

.PHONY: fuzz test-fuzz fuzz-build fuzz-one fuzz-tools

# Not (yet) part of `make test`: cold, the cargo-fuzz install, the sanitized
# nightly build and nine 30 s runs cost about 12 minutes of CI's budget.

CARGO_FUZZ_VERSION := 0.12.0
FUZZ_SECONDS ?= 1200
FUZZ_SHORT_SECONDS ?= 30
FUZZ_TARGETS := scrub_text scrub_bytes scrub_json ndjson config_json config_structured selectors differential c_abi
# libFuzzer options for every run: a 20 s per-input timeout (a hang is a
# bug: matching is linear-time) and a 2 GB memory cap.
FUZZ_FLAGS ?= -timeout=20 -rss_limit_mb=2048 -print_final_stats=1

# nightly (for -Zsanitizer) and cargo-fuzz, pinned, installed once.
fuzz-tools:
	@rustup toolchain list | grep -q '^nightly' || rustup toolchain install nightly --profile minimal
	@$(CARGO) fuzz --version 2>/dev/null | grep -qx 'cargo-fuzz $(CARGO_FUZZ_VERSION)' \
	  || $(CARGO) install cargo-fuzz --version $(CARGO_FUZZ_VERSION)

fuzz-build: fuzz-tools
	cd fuzz && $(CARGO) +nightly fuzz build

# $(1): seconds per target; $(2): targets.
define fuzz_run
	@set -e; cd fuzz; failed=; \
	for t in $(2); do \
	  mkdir -p target/corpus/$$t; \
	  echo "== fuzz $$t for $(1) s"; \
	  if $(CARGO) +nightly fuzz run $$t target/corpus/$$t corpus/$$t -- \
	       -max_total_time=$(1) $(FUZZ_FLAGS) > target/fuzz-$$t.log 2>&1; then \
	    grep -E '^#[0-9]+[[:space:]]+DONE' target/fuzz-$$t.log | tail -1; \
	    grep -E '^stat::(number_of_executed_units|peak_rss_mb)' target/fuzz-$$t.log | tr '\n' ' '; echo; \
	  else \
	    tail -40 target/fuzz-$$t.log; echo "!! fuzz target $$t FAILED (log: fuzz/target/fuzz-$$t.log)"; failed="$$failed $$t"; \
	  fi; \
	done; \
	if [ -n "$$failed" ]; then echo "failing fuzz targets:$$failed"; exit 1; fi
endef

fuzz: fuzz-build
	$(call fuzz_run,$(FUZZ_SECONDS),$(FUZZ_TARGETS))

test-fuzz: fuzz-build
	$(call fuzz_run,$(FUZZ_SHORT_SECONDS),$(FUZZ_TARGETS))

FUZZ_TARGET ?= scrub_text
fuzz-one: fuzz-build
	$(call fuzz_run,$(FUZZ_SECONDS),$(FUZZ_TARGET))
