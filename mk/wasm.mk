# WebAssembly: the wasm package (bindings/wasm/pkg), the browser playground
# and the wasm32-wasip1 CLI. See bindings/wasm/README.md.
#
#   make wasm        build the package (installs the pinned wasm-bindgen CLI once)
#   make playground  build, then serve the playground on http://127.0.0.1:8765/
#   make test-wasm   everything above, tested under Node and headless Chromium

WASM_DIR := bindings/wasm
# Must equal the `wasm-bindgen = "=X"` pin in bindings/wasm/Cargo.toml.
WASM_BINDGEN_VERSION := 0.2.130
WASM_TOOLS_ROOT := $(CURDIR)/target/wasm-tools
PLAYGROUND_PORT ?= 8765

APT_PACKAGES += chromium
BINDING_TESTS += test-wasm

.PHONY: wasm wasm-toolchain wasm-npm wasm-wasi wasm-corpus playground test-wasm bench-wasm

# wasm-bindgen at exactly the pinned version: the one on PATH if it is
# that version, else one installed (once) under target/wasm-tools.
WASM_BINDGEN = $(shell if wasm-bindgen --version 2>/dev/null | grep -qx 'wasm-bindgen $(WASM_BINDGEN_VERSION)'; then command -v wasm-bindgen; else echo $(WASM_TOOLS_ROOT)/bin/wasm-bindgen; fi)

wasm-toolchain:
	@rustup target list --installed | grep -qx wasm32-unknown-unknown || rustup target add wasm32-unknown-unknown
	@rustup target list --installed | grep -qx wasm32-wasip1 || rustup target add wasm32-wasip1
	@if ! $(WASM_BINDGEN) --version 2>/dev/null | grep -qx 'wasm-bindgen $(WASM_BINDGEN_VERSION)'; then \
	  echo "installing wasm-bindgen-cli $(WASM_BINDGEN_VERSION) into $(WASM_TOOLS_ROOT) (once; a few minutes)"; \
	  $(CARGO) install -q wasm-bindgen-cli --version $(WASM_BINDGEN_VERSION) --root $(WASM_TOOLS_ROOT); \
	fi

# npm ci when package-lock.json changed (binaryen's wasm-opt, playwright-core, typescript).
$(WASM_DIR)/node_modules/.ci-stamp: $(WASM_DIR)/package-lock.json
	cd $(WASM_DIR) && npm ci --no-audit --no-fund --loglevel=error
	@touch $@

wasm-npm: $(WASM_DIR)/node_modules/.ci-stamp

wasm: wasm-toolchain wasm-npm
	WASM_BINDGEN=$(WASM_BINDGEN) bash $(WASM_DIR)/scripts/build.sh

# The CLI for WASI hosts: target/wasm32-wasip1/release/scrubjay.wasm.
wasm-wasi: wasm-toolchain
	$(CARGO) build --release --target wasm32-wasip1 -p scrubjay-cli

# The benchmark corpora and the native build's results, for the
# wasm-vs-native comparison (a debug build: test-rust built its deps).
wasm-corpus:
	$(CARGO) run -q -p scrubjay-wasm-tools --bin dump-corpus -- target/wasm-corpus

playground: wasm
	@echo "playground: http://127.0.0.1:$(PLAYGROUND_PORT)/ (Ctrl-C to stop)"
	cd $(WASM_DIR)/playground && python3 -m http.server $(PLAYGROUND_PORT) --bind 127.0.0.1

test-wasm: apt-deps wasm wasm-wasi wasm-corpus
	$(CARGO) run -q -p scrubjay-wasm-tools --bin wasm-build-id -- check \
	  $(WASM_DIR)/pkg/scrubjay_wasm_bg.wasm $(WASM_DIR)/pkg/scrubjay_wasm_bg.debug.wasm
	cd $(WASM_DIR) && node --test tests/

# Throughput of the wasm build under Node, next to the native build's
# (docs/PERFORMANCE.md, section WebAssembly).
bench-wasm: wasm wasm-corpus
	node $(WASM_DIR)/bench/throughput.mjs
