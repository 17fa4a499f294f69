# Node addon (node/): `make test-node` installs the npm dev dependencies from
# the lockfile, builds the addon with the napi CLI, runs `node --test` and
# type-checks a typed usage file. `make bench-node` runs the benchmarks
# (not part of `make test`).

NODE ?= node
NPM ?= npm
NODE_PKG := node

BINDING_TESTS += test-node

.PHONY: node-tools node-deps node-build test-node bench-node

node-tools:
	@command -v $(NODE) >/dev/null || { echo "node not found: install Node.js >= 18 with npm (Debian: apt-get install nodejs npm)"; exit 1; }
	@command -v $(NPM) >/dev/null || { echo "npm not found: install npm (Debian: apt-get install npm)"; exit 1; }

# `npm ci` only when the lockfile is newer than the last install.
$(NODE_PKG)/node_modules/.package-lock.json: $(NODE_PKG)/package-lock.json $(NODE_PKG)/package.json | node-tools
	cd $(NODE_PKG) && $(NPM) ci --no-audit --no-fund

node-deps: $(NODE_PKG)/node_modules/.package-lock.json

# Always asks cargo (through the napi CLI), which rebuilds only what changed.
node-build: node-deps toolchain
	cd $(NODE_PKG) && $(NPM) run --silent build

test-node: node-build
	cd $(NODE_PKG) && $(NODE) --test test/
	cd $(NODE_PKG) && npx --no-install tsc -p test/types/tsconfig.json

# Benchmarks against fast-redact and redact-pii (their own package.json, so
# that `make test` does not install them); results in docs/PERFORMANCE.md.
bench-node: node-build
	cd $(NODE_PKG)/bench && $(NPM) ci --no-audit --no-fund
	cd $(NODE_PKG)/bench && $(NODE) bench.js
