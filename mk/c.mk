# C ABI (bindings/c): libscrubjay.a and libscrubjay.so, include/scrubjay.h,
# pkg-config and CMake packages, C/C++ examples and tests.
#
#   make c                          build, and lay out the install tree in target/c/dist
#   make c-install PREFIX=/opt/sj   install it (DESTDIR is honoured)
#   make test-c                     Rust-side tests of the crate, then C tests and examples
#                                   plain, under valgrind and under ASan/UBSan
#   make c-bench                    C API vs pure Rust throughput (docs/PERFORMANCE.md)

APT_PACKAGES += gcc g++ binutils valgrind pkgconf libasan8 libubsan1 cmake python3
BINDING_TESTS += test-c

PREFIX ?= /usr/local
C_DIST := target/c/dist
C_TEST_OUT := target/c/test

.PHONY: c c-lib c-install test-c c-bench

c-lib:
	$(CARGO) build --release -p scrubjay-c

c: c-lib
	bash bindings/c/install.sh target/release $(C_DIST)

c-install: c-lib
	bash bindings/c/install.sh target/release $(PREFIX)

test-c: apt-deps c
	$(CARGO) test -p scrubjay-c
	bash bindings/c/tests/run.sh $(C_DIST) $(C_TEST_OUT)

c-bench:
	$(CARGO) bench -p scrubjay-c --bench c_api
