# Python wheel (python/): build it with maturin, install it into a fresh venv,
# run the pytest suite and the type-stub checks.
#
#   make test-python    what CI runs (part of `make test`)
#   make python-wheel   just the wheel, into target/python/wheels
#   make bench-python   throughput against Presidio, scrubadub and datafog
#                       (its own venv; results go in docs/PERFORMANCE.md)

.PHONY: python-wheel test-python bench-python

BINDING_TESTS += test-python

# Any CPython >= 3.9 with the venv module.
PYTHON ?= python3
PY_OUT := target/python
PY_BUILD_VENV := $(PY_OUT)/build-venv
PY_TEST_VENV := $(PY_OUT)/test-venv
PY_BENCH_VENV := $(PY_OUT)/bench-venv
PY_WHEELS := $(PY_OUT)/wheels
# The suite also runs on the oldest CPython the abi3 wheel supports, when one
# is installed (pyenv's on these machines); set PYTHON_OLDEST= to skip it.
PYTHON_OLDEST ?= $(firstword $(wildcard $(HOME)/.pyenv/versions/3.9*/bin/python3.9))
PY_OLDEST_VENV := $(PY_OUT)/test-venv-oldest

# The tools venv is rebuilt only when the pinned requirements change.
$(PY_BUILD_VENV)/.done: python/requirements-build.txt
	rm -rf $(PY_BUILD_VENV)
	$(PYTHON) -m venv $(PY_BUILD_VENV)
	$(PY_BUILD_VENV)/bin/python -m pip install -q --disable-pip-version-check -r python/requirements-build.txt
	touch $@

python-wheel: $(PY_BUILD_VENV)/.done
	rm -rf $(PY_WHEELS)
	$(PY_BUILD_VENV)/bin/maturin build --release --quiet -m python/Cargo.toml --out $(PY_WHEELS) --interpreter $(PYTHON)

# The wheel goes into a new venv each time, as a user would install it; the
# tests then import it from there (never from the source tree).
test-python: python-wheel
	rm -rf $(PY_TEST_VENV)
	$(PYTHON) -m venv $(PY_TEST_VENV)
	$(PY_TEST_VENV)/bin/python -m pip install -q --disable-pip-version-check -r python/requirements-test.txt $(PY_WHEELS)/scrubjay-*.whl
	cd python && SCRUBJAY_CONFORMANCE=$(CURDIR)/conformance/cases.json \
	  $(CURDIR)/$(PY_TEST_VENV)/bin/python -m pytest -q -p no:cacheprovider --import-mode=importlib tests
	cd python && $(CURDIR)/$(PY_TEST_VENV)/bin/python -m mypy.stubtest scrubjay --allowlist stubtest-allowlist.txt
	cd python && $(CURDIR)/$(PY_TEST_VENV)/bin/python -m mypy --strict --no-incremental -p scrubjay
	cd python && $(CURDIR)/$(PY_TEST_VENV)/bin/python -m mypy --strict --no-incremental tests/typecheck.py
	@if [ -n "$(PYTHON_OLDEST)" ]; then \
	  set -ex; rm -rf $(PY_OLDEST_VENV); $(PYTHON_OLDEST) -m venv $(PY_OLDEST_VENV); \
	  $(PY_OLDEST_VENV)/bin/python -m pip install -q --disable-pip-version-check -r python/requirements-test-py39.txt $(PY_WHEELS)/scrubjay-*.whl; \
	  cd python && SCRUBJAY_CONFORMANCE=$(CURDIR)/conformance/cases.json $(CURDIR)/$(PY_OLDEST_VENV)/bin/python -m pytest -q tests; \
	else echo "test-python: no CPython 3.9 found; the suite ran on $$($(PYTHON) --version) only"; fi

bench-python: python-wheel
	test -f $(PY_BENCH_VENV)/.done -a $(PY_BENCH_VENV)/.done -nt python/bench/requirements.txt || { \
	  rm -rf $(PY_BENCH_VENV) && $(PYTHON) -m venv $(PY_BENCH_VENV) && \
	  $(PY_BENCH_VENV)/bin/python -m pip install -q --disable-pip-version-check -r python/bench/requirements.txt && \
	  touch $(PY_BENCH_VENV)/.done; }
	$(PY_BENCH_VENV)/bin/python -m pip install -q --disable-pip-version-check --force-reinstall --no-deps $(PY_WHEELS)/scrubjay-*.whl
	cd python && $(CURDIR)/$(PY_BENCH_VENV)/bin/python bench/bench.py $(BENCH_ARGS)
