"""A Scrubber shared across threads, and the GIL released around long scans."""

from __future__ import annotations

import threading
import time
from concurrent.futures import ThreadPoolExecutor

import scrubjay

DENSE = "user ada@example.com from 10.1.2.3 card 4111 1111 1111 1111 phone +44 20 7946 0958 😀\n"


def test_shared_scrubber_across_threads() -> None:
    s = scrubjay.Scrubber()
    inputs = [f"{i} mail user{i}@example.com ip 10.0.{i % 250}.1 日本 {'x' * (i % 97)}" for i in range(2000)]
    expected = [s.scrub(t) for t in inputs]
    expected_found = [[(f.rule, f.start, f.end) for f in s.find(t)] for t in inputs]

    def work(k: int) -> bool:
        ok = True
        for i in range(k % 7, len(inputs), 7):
            ok &= s.scrub(inputs[i]) == expected[i]
            ok &= [(f.rule, f.start, f.end) for f in s.find(inputs[i])] == expected_found[i]
        big = "\n".join(inputs[k::16])  # over the GIL-release threshold
        ok &= s.scrub(big) == "\n".join(expected[k::16])
        ok &= s.scrub_many(inputs[k::3]) == expected[k::3]
        return ok

    with ThreadPoolExecutor(max_workers=8) as pool:
        results = list(pool.map(work, range(32)))
    assert all(results)


def test_scrubbers_built_in_threads() -> None:
    def build(i: int) -> str:
        return scrubjay.Scrubber({"rules": {"email": {"action": "remove"}}}).scrub(f"{i} ada@example.com")

    with ThreadPoolExecutor(max_workers=4) as pool:
        assert list(pool.map(build, range(8))) == [f"{i} " for i in range(8)]


def _max_gap_while(target: threading.Thread, inside: threading.Event, done: threading.Event) -> tuple[float, int]:
    """Spins in Python while `target` runs its native call; returns the longest
    pause between two spins and how many spins there were."""
    inside.wait()
    last = time.perf_counter()
    gap = 0.0
    spins = 0
    while not done.is_set():
        now = time.perf_counter()
        gap = max(gap, now - last)
        last = now
        spins += 1
    target.join()
    return gap, spins


def test_gil_released_during_long_scan() -> None:
    s = scrubjay.Scrubber()
    text = DENSE * 60_000  # ~5 MB with 4 findings a line: a scan of a good fraction of a second
    inside = threading.Event()
    done = threading.Event()
    took = [0.0]

    def scan() -> None:
        inside.set()
        t0 = time.perf_counter()
        s.scrub(text)
        took[0] = time.perf_counter() - t0
        done.set()

    t = threading.Thread(target=scan)
    t.start()
    gap, spins = _max_gap_while(t, inside, done)
    # Had the call kept the GIL, this thread could not have run at all
    # during it: one gap as long as the whole scan.
    assert took[0] > 0.05, f"scan too short to judge ({took[0]:.3f}s)"
    assert gap < took[0] / 2, f"longest pause {gap:.3f}s of a {took[0]:.3f}s scan ({spins} spins)"


def test_gil_released_during_scrub_many() -> None:
    s = scrubjay.Scrubber()
    lines = [DENSE] * 60_000
    inside = threading.Event()
    done = threading.Event()
    took = [0.0]

    def scan() -> None:
        inside.set()
        t0 = time.perf_counter()
        s.scrub_many(lines)
        took[0] = time.perf_counter() - t0
        done.set()

    t = threading.Thread(target=scan)
    t.start()
    gap, spins = _max_gap_while(t, inside, done)
    assert took[0] > 0.05, f"scan too short to judge ({took[0]:.3f}s)"
    # Converting 60k items in and out holds the GIL; the scan itself does not.
    assert gap < took[0] * 0.8, f"longest pause {gap:.3f}s of {took[0]:.3f}s ({spins} spins)"


def test_scrub_many_while_another_thread_mutates_the_list() -> None:
    s = scrubjay.Scrubber()
    texts = [DENSE] * 50_000
    stop = threading.Event()

    def mutate() -> None:
        i = 0
        while not stop.is_set():
            texts[i % len(texts)] = f"x {i} 10.0.0.1"  # drops the old item
            i += 1

    t = threading.Thread(target=mutate)
    t.start()
    try:
        for _ in range(5):
            out = s.scrub_many(texts)
            assert len(out) == 50_000
            assert all(o in ("user [email] from [ipv4] card [credit_card] phone [phone] 😀\n",) or o.endswith(" [ipv4]")
                       for o in out)
    finally:
        stop.set()
        t.join()

