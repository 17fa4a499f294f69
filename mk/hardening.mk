# Hardening (issue 8): adversarial inputs at full size, in release mode.
#
#   make test-adversarial   10 MB texts, 100,000-deep JSON, 1 million keys,
#                           thousands of rules, regexes at the limits, through
#                           the library and the CLI; linear time (n vs 4n) and
#                           bounded memory (peak allocation, peak RSS).
#                           Prints the measured costs as `cost:` lines
#                           (the table in docs/RELIABILITY.md).
#
# The same test files run at 1/32 of the size in `cargo test --workspace`
# (make test-rust), so they stay cheap there.

BINDING_TESTS += test-adversarial

.PHONY: test-adversarial

# --all-features and --release as in test-rust's release run, so the build is shared.
# One test at a time: the tests compare timings, and the other tests'
# threads would only add noise.
test-adversarial:
	$(CARGO) test --release -p scrubjay --all-features --test adversarial -- --test-threads=1 --nocapture
	$(CARGO) test --release -p scrubjay-cli --test adversarial --test adversarial_rss -- --test-threads=1 --nocapture
