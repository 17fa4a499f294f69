# scrubjay — build, test, lint, bench.
# `make test` is what CI runs (.ci/run): it installs what it needs and runs
# every test suite.

CARGO ?= cargo
SHELL := bash

.PHONY: all apt-deps build test lint fmt fmt-check clippy test-rust bench bench-check bench-quick toolchain sample doc clean

# Each binding brings its own targets in mk/<binding>.mk, appends its test
# target to BINDING_TESTS so `make test` runs every language's suite, and
# appends the Debian packages it needs to APT_PACKAGES (installed once, by
# `apt-deps`, which its targets depend on). Included before `test` so the
# variables are set when its prerequisites are read.
BINDING_TESTS :=
APT_PACKAGES :=
include $(sort $(wildcard mk/*.mk))

all: build

build:
	$(CARGO) build --release --workspace

# Everything CI checks.
test: toolchain lint test-rust bench-check $(BINDING_TESTS)

toolchain:
	@command -v $(CARGO) >/dev/null || { echo "cargo not found: install Rust with rustup (https://rustup.rs)"; exit 1; }
	@$(CARGO) fmt --version >/dev/null 2>&1 || rustup component add rustfmt
	@$(CARGO) clippy --version >/dev/null 2>&1 || rustup component add clippy

lint: fmt-check clippy

# Installs the missing packages of APT_PACKAGES, with one `apt-get update`.
apt-deps:
	@missing=$$(for p in $(sort $(APT_PACKAGES)); do dpkg -s $$p >/dev/null 2>&1 || echo $$p; done); \
	if [ -n "$$missing" ]; then \
	  echo "installing:" $$missing; \
	  if [ "$$(id -u)" = 0 ]; then SUDO=; else SUDO=sudo; fi; \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq $$missing; \
	fi

fmt:
	$(CARGO) fmt --all

fmt-check:
	$(CARGO) fmt --all -- --check

clippy:
	$(CARGO) clippy --workspace --all-targets --all-features -- -D warnings

# Unit, integration, property and doc tests of every crate. The property
# tests compare the engine with the reference matcher; they run in release
# mode so that they can afford many cases.
test-rust:
	$(CARGO) test --workspace --all-features
	$(CARGO) test --release -p scrubjay --all-features --test equivalence

# Runs each benchmark once, so benchmarks cannot rot.
bench-check:
	$(CARGO) bench -p scrubjay-benches -- --test

# The full benchmarks (a few minutes); results go in docs/PERFORMANCE.md.
bench:
	$(CARGO) bench -p scrubjay-benches

# A one-minute throughput summary: engine vs reference on each corpus.
bench-quick:
	$(CARGO) run --release -p scrubjay-benches --bin throughput

# Scrub the sample log with the default profile.
sample:
	$(CARGO) run --release -q -p scrubjay-cli -- scrub examples/sample.log

doc:
	$(CARGO) doc --workspace --no-deps

clean:
	$(CARGO) clean
