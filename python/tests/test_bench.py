"""The benchmark runs (scrubjay alone, small corpora), so that it cannot rot."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

BENCH = Path(__file__).resolve().parents[1] / "bench"


def test_bench_runs() -> None:
    out = subprocess.run(
        [sys.executable, str(BENCH / "bench.py"), "--quick", "--peers", "none"],
        capture_output=True,
        text=True,
        timeout=300,
        check=True,
    ).stdout
    assert "## one call per line" in out
    assert "scrub_many on 5,000 typical lines" in out
    assert "call overhead on a clean line <= 1 us" in out


def test_corpus_matches_the_rust_generator() -> None:
    # Digests printed by the Rust generator (benches/src/lib.rs) for 10,000
    # lines of each corpus.
    sys.path.insert(0, str(BENCH))
    try:
        import corpus  # type: ignore[import-not-found]
    finally:
        sys.path.remove(str(BENCH))
    assert corpus.digest(corpus.clean_logs(10_000)) == "0d418d0976d548be"
    assert corpus.digest(corpus.typical_logs(10_000)) == "6d86e8d642b713e0"
    assert corpus.digest(corpus.dense_logs(10_000)) == "d369f96c4fff72eb"
