# Bindings under stress (issue 8): every binding hammered with hostile
# arguments, many threads and a million calls (docs/RELIABILITY.md,
# "Bindings under stress").
#
#   make test-c-stress   C: 1,000,000 calls with memory flat (RSS and heap in
#                        use), the mix under ASan/UBSan and valgrind, 8 threads
#                        on one scrubber under helgrind (part of `make test`)
#   make test-c-tsan     C: the 8 threads under ThreadSanitizer with the Rust
#                        side and std instrumented (nightly -Zbuild-std; ~3 min
#                        cold, so not part of `make test`)
#
# The Python and Node stress tests are files of their suites
# (python/tests/test_stress.py, node/test/stress.test.js), so `make
# test-python` and `make test-node` run them.

BINDING_TESTS += test-c-stress

.PHONY: test-c-stress test-c-tsan

test-c-stress: apt-deps c
	bash bindings/c/tests/run_stress.sh $(C_DIST) target/c/stress

test-c-tsan: apt-deps toolchain
	bash bindings/c/tests/run_tsan.sh target/c/tsan
