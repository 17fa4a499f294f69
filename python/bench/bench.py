"""Throughput of the scrubjay wheel against Python peers, in one run.

    make bench-python                      # builds the wheel, makes target/python/bench-venv, runs this
    python bench/bench.py [--quick] [--peers presidio,scrubadub,datafog-core|none]

Corpora: the generated log lines of benches/src/lib.rs (ported in corpus.py,
same seeds, same bytes): `clean` (no PII) and `typical` (15% of lines carry
one item of PII or a secret), about 130-150 bytes a line.

Measured:
- per call: each tool scrubs the lines one call per line, in a Python loop;
- batch: `scrub_many` on 100,000 typical lines, against each peer's per-call
  rate (none of them has a faster batch API);
- call overhead: `scrub` on a clean line, against the core's cost of the
  same bytes inside one long text.

Peers (pinned in bench/requirements.txt): Presidio (presidio-analyzer +
presidio-anonymizer) with its `no_op` NLP engine, so pattern recognizers only
and no spaCy model; scrubadub with its default detectors; datafog-core
(`scan_and_transform` with the `redact` strategy). Slow peers run for a time
budget on a prefix of the corpus; MB/s is bytes done over time taken.
"""

from __future__ import annotations

import argparse
import gc
import os
import platform
import sys
import time
from typing import Callable, Optional

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import corpus  # noqa: E402

import scrubjay  # noqa: E402

Scrub = Callable[[str], str]


def mb(nbytes: int, seconds: float) -> float:
    return nbytes / seconds / 1e6


def per_call(fn: Scrub, lines: list[str], budget: float, repeats: int) -> tuple[float, int, int]:
    """Best MB/s of `repeats` passes (each stops after `budget` seconds, after
    at least 20 lines); also how many lines a pass did and how many it changed.
    Only the calls are timed (and keeping their results)."""
    sizes = [len(line.encode()) for line in lines]
    best = 0.0
    done = changed = 0
    for _ in range(repeats):
        gc.collect()
        outs: list[str] = []
        keep = outs.append
        t0 = time.perf_counter()
        for start in range(0, len(lines), 20):
            for line in lines[start : start + 20]:
                keep(fn(line))
            if time.perf_counter() - t0 >= budget:
                break
        elapsed = time.perf_counter() - t0
        n = len(outs)
        rate = mb(sum(sizes[:n]), elapsed)
        if rate > best:
            best, done = rate, n
            changed = sum(out != line for out, line in zip(outs, lines))
    return best, done, changed


def best_time(fn: Callable[[], object], repeats: int) -> float:
    best = float("inf")
    for _ in range(repeats):
        gc.collect()
        t0 = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - t0)
    return best


def make_presidio() -> Scrub:
    import tldextract
    import tldextract.tldextract
    from presidio_analyzer import AnalyzerEngine
    from presidio_analyzer.nlp_engine import NoOpNlpEngine
    from presidio_anonymizer import AnonymizerEngine

    # The email recognizer asks tldextract for the public suffix list, which
    # it would download; use the snapshot shipped in the package instead.
    tldextract.tldextract.TLD_EXTRACTOR = tldextract.TLDExtract(suffix_list_urls=())
    nlp = NoOpNlpEngine(models=[{"lang_code": "en", "model_name": "no_op"}])
    analyzer = AnalyzerEngine(nlp_engine=nlp, supported_languages=["en"])
    anonymizer = AnonymizerEngine()

    def scrub(text: str) -> str:
        results = analyzer.analyze(text=text, language="en")
        return str(anonymizer.anonymize(text=text, analyzer_results=results).text)

    return scrub


def make_scrubadub() -> Scrub:
    import scrubadub

    s = scrubadub.Scrubber()
    return lambda text: str(s.clean(text))


def make_datafog_core() -> Scrub:
    import datafog_core

    config = {"transform": {"default": {"strategy": "redact"}}}
    return lambda text: datafog_core.scan_and_transform(text, config).text  # type: ignore[arg-type]


PEERS: dict[str, Callable[[], Scrub]] = {
    "presidio": make_presidio,
    "scrubadub": make_scrubadub,
    "datafog-core": make_datafog_core,
}


def version(dist: str) -> str:
    from importlib.metadata import PackageNotFoundError
    from importlib.metadata import version as v

    try:
        return v(dist)
    except PackageNotFoundError:
        return "?"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--quick", action="store_true", help="small corpora and budgets: checks that the bench runs")
    ap.add_argument("--peers", default=",".join(PEERS), help="comma-separated peers, or 'none'")
    args = ap.parse_args()
    quick = args.quick
    n_lines = 2_000 if quick else 10_000
    n_batch = 5_000 if quick else 100_000
    budget = 0.2 if quick else 3.0
    repeats = 1 if quick else 3
    peers = [] if args.peers == "none" else [p for p in args.peers.split(",") if p]
    for p in peers:
        if p not in PEERS:
            ap.error(f"unknown peer {p!r}; known: {', '.join(PEERS)}")

    clean = corpus.clean_logs(n_lines)
    typical = corpus.typical_logs(n_lines)
    avg = sum(len(x) for x in typical) / len(typical)
    print(f"python {platform.python_version()} on {platform.machine()}, {os.cpu_count()} cores; scrubjay {scrubjay.__version__}")
    print(f"corpora: {n_lines} clean and {n_lines} typical log lines, {avg:.0f} bytes a line on average")

    s = scrubjay.Scrubber()
    tools: dict[str, Scrub] = {"scrubjay": s.scrub}
    for p in peers:
        try:
            t0 = time.perf_counter()
            tools[p] = PEERS[p]()
            tools[p](typical[0])  # first call: lazy loading
            print(f"{p}: ready in {time.perf_counter() - t0:.1f} s")
        except Exception as e:  # noqa: BLE001 - a peer that cannot run is reported, not fatal
            print(f"{p}: cannot run here: {type(e).__name__}: {e}")
    versions = {"presidio": version("presidio-analyzer"), "scrubadub": version("scrubadub"),
                "datafog-core": version("datafog-core"), "scrubjay": scrubjay.__version__}

    # Per call.
    print("\n## one call per line")
    print(f"{'tool':<14} {'version':<10} {'corpus':<8} {'MB/s':>9} {'lines/s':>11} {'lines':>7} {'changed':>8} {'scrubjay is':>12}")
    results: dict[tuple[str, str], float] = {}
    for name, fn in tools.items():
        for cname, lines in (("clean", clean), ("typical", typical)):
            if name == "scrubjay":  # the whole corpus, in well under the budget
                rate, done, changed = per_call(fn, lines, 1e9, repeats + 2)
            else:
                rate, done, changed = per_call(fn, lines, budget, repeats)
            results[(name, cname)] = rate
            ratio = results[("scrubjay", cname)] / rate
            print(
                f"{name:<14} {versions[name]:<10} {cname:<8} {rate:>9.3f} {rate * 1e6 / avg:>11,.0f} {done:>7} "
                f"{changed:>8} {ratio:>11.0f}×"
            )

    # Batch.
    print(f"\n## scrub_many on {n_batch:,} typical lines")
    batch = corpus.typical_logs(n_batch)
    batch_bytes = sum(len(x.encode()) for x in batch)
    t_many = best_time(lambda: s.scrub_many(batch), repeats + 2)
    out = s.scrub_many(batch)
    assert out[:1000] == [s.scrub(x) for x in batch[:1000]], "scrub_many differs from scrub"
    many_rate = mb(batch_bytes, t_many)
    one_rate = mb(batch_bytes, best_time(lambda: s.scrub_many(batch, threads=1), repeats + 2))
    loop_rate = mb(batch_bytes, best_time(lambda: [s.scrub(x) for x in batch], repeats + 2))
    joined = "\n".join(batch)
    joined_rate = mb(batch_bytes, best_time(lambda: s.scrub(joined), repeats + 2))
    print(f"{'scrub_many (threads: one per core)':<40} {many_rate:>8.1f} MB/s  ({t_many * 1e3:.0f} ms for {batch_bytes / 1e6:.1f} MB)")
    print(f"{'scrub_many(threads=1)':<40} {one_rate:>8.1f} MB/s")
    print(f"{'scrub, one call per line':<40} {loop_rate:>8.1f} MB/s")
    print(f"{'scrub of all lines joined (one call)':<40} {joined_rate:>8.1f} MB/s")
    for name in tools:
        if name == "scrubjay":
            continue
        rate = results[(name, "typical")]
        print(f"  scrub_many vs {name} (one call per line, its best): {many_rate / rate:,.0f}×")

    # Call overhead on clean lines: each round times the calls, the same bytes
    # as one text, and empty calls back to back, so that all see about the
    # same machine load.
    print("\n## call overhead on clean lines")
    rounds = 3 if quick else 15
    joined_clean = "\n".join(clean)
    assert s.scrub(joined_clean) is joined_clean and all(s.scrub(x) is x for x in clean)
    empty = [""] * len(clean)
    rows: list[tuple[float, float, float, float]] = []
    for _ in range(rounds):
        t0 = time.perf_counter()
        for line in clean:
            s.scrub(line)
        t1 = time.perf_counter()
        s.scrub(joined_clean)
        t2 = time.perf_counter()
        for e in empty:
            s.scrub(e)
        t3 = time.perf_counter()
        for line in clean:
            len(line)
        t4 = time.perf_counter()
        n = len(clean)
        rows.append(((t1 - t0) / n, (t2 - t1) / n, (t3 - t2) / n, (t4 - t3) / n))
    # Each figure is the median over the rounds; the overhead is the median
    # of the rounds' differences (a round's two timings share its load).
    def median(values: list[float]) -> float:
        return sorted(values)[len(values) // 2]

    t_call, t_joined, t_empty, t_floor = (median([r[i] for r in rows]) for i in range(4))
    overhead = median([r[0] - r[1] for r in rows])
    print(f"scrub(clean line), per call:            {t_call * 1e9:6.0f} ns  ({mb(int(avg), t_call):.0f} MB/s)")
    print(f"  the same bytes inside one long text:   {t_joined * 1e9:6.0f} ns  (the core's scan)")
    print(f"  call overhead (difference):            {overhead * 1e9:6.0f} ns")
    print(f"scrub(''), per call:                     {t_empty * 1e9:6.0f} ns  (fixed cost of a call)")
    print(f"len(line), per call (Python loop floor): {t_floor * 1e9:6.0f} ns")
    print(f"(medians of {rounds} rounds of {len(clean)} distinct lines each)")

    print("\n## targets")
    def target(label: str, ok: Optional[bool], detail: str) -> None:
        state = "n/a" if ok is None else ("met" if ok else "missed")
        print(f"{label:<42} {detail:<28} {state}")

    for peer, want in (("presidio", 100), ("datafog-core", 5)):
        if (peer, "typical") in results:
            r = results[("scrubjay", "typical")] / results[(peer, "typical")]
            target(f">= {want}x {peer} per call (typical)", r >= want, f"{r:,.0f}x")
        else:
            target(f">= {want}x {peer} per call (typical)", None, "peer not run")
    target("call overhead on a clean line <= 1 us", overhead <= 1e-6, f"{overhead * 1e9:.0f} ns")
    return 0


if __name__ == "__main__":
    sys.exit(main())
