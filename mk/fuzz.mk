# Fuzzing (fuzz/): cargo-fuzz targets on nightly with ASan, seeded from the
# committed corpora in fuzz/corpus/<target>/ (rebuilt by fuzz/make_corpus.py).
#
#   make fuzz              every target for FUZZ_SECONDS of CPU each (default 1200 = 20 min)
#   make test-fuzz         every target for FUZZ_SHORT_SECONDS of CPU each (default 30; in `make test`)
#   make fuzz-build        just build the targets
#   make fuzz-one FUZZ_TARGET=scrub_text [FUZZ_SECONDS=...]
#
# New corpus entries go to fuzz/target/corpus/<target>/ (not committed);
# crashes to fuzz/artifacts/<target>/. A crash fails the make target; add the
# input to fuzz/corpus/<target>/ as `regression-*` once fixed.

.PHONY: fuzz test-fuzz fuzz-build fuzz-one fuzz-tools

BINDING_TESTS += test-fuzz

# The short run is part of `make test` (BINDING_TESTS, below). FUZZ_SECONDS
# and FUZZ_SHORT_SECONDS are CPU seconds per target (fuzz/campaign.sh stops a
# target when it has used them); FUZZ_JOBS targets run at a time.

CARGO_FUZZ_VERSION := 0.12.0
FUZZ_SECONDS ?= 1200
FUZZ_SHORT_SECONDS ?= 30
FUZZ_JOBS ?= 2
FUZZ_TARGETS := scrub_text scrub_bytes scrub_json ndjson config_json config_structured selectors differential c_abi

# nightly (for -Zsanitizer) and cargo-fuzz, pinned, installed once.
fuzz-tools:
	@rustup toolchain list | grep -q '^nightly' || rustup toolchain install nightly --profile minimal
	@$(CARGO) fuzz --version 2>/dev/null | grep -qx 'cargo-fuzz $(CARGO_FUZZ_VERSION)' \
	  || $(CARGO) install cargo-fuzz --version $(CARGO_FUZZ_VERSION)

fuzz-build: fuzz-tools
	cd fuzz && $(CARGO) +nightly fuzz build

fuzz: fuzz-build
	fuzz/campaign.sh $(FUZZ_SECONDS) $(FUZZ_JOBS) $(FUZZ_TARGETS)

test-fuzz: fuzz-build
	fuzz/campaign.sh $(FUZZ_SHORT_SECONDS) $(FUZZ_JOBS) $(FUZZ_TARGETS)

FUZZ_TARGET ?= scrub_text
fuzz-one: fuzz-build
	fuzz/campaign.sh $(FUZZ_SECONDS) 1 $(FUZZ_TARGET)
