"""Bindings under stress (issue 8): no input reaches pyo3's PanicException,
many threads on one Scrubber agree with one thread, and memory stays flat
across a million calls.

SCRUBJAY_STRESS_SEED fixes the seed of the randomized test (it is printed on
failure); SCRUBJAY_STRESS_CALLS (default 1000000) sets the length of the
memory test.
"""

from __future__ import annotations

import array
import gc
import json
import os
import random
import sys
import threading
from typing import Any, Callable, List, Tuple

import pytest

import scrubjay

# What a failing call may raise: scrubjay's errors (ValueError subclasses),
# TypeError for wrong types, ValueError for values JSON cannot hold.
# Anything else, and above all pyo3's PanicException (a BaseException), fails.
ALLOWED = (scrubjay.ScrubjayError, TypeError, ValueError)

SEED = int(os.environ.get("SCRUBJAY_STRESS_SEED", random.SystemRandom().randrange(2**32)))


def _nested(depth: int, leaf: Any, as_list: bool) -> Any:
    value = leaf
    for i in range(depth):
        value = [value] if as_list else {f"k{i % 3}": value, "password": "x" if i % 50 == 0 else i}
    return value


class Hostile:
    """Random hostile values: weird strings, bytes-likes, wrong types, deep
    structures, invalid configs."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng

    def text(self) -> str:
        r = self.rng
        pieces = [
            "ada@example.com",
            "4111 1111 1111 1111",
            "\ud800",  # lone surrogates: not encodable as UTF-8
            "\udfff\ud83d",
            "\x00",
            "日本語",
            "😀",
            "\u202e",
            "\ufeff",
            "password=hunter2",
            "10.0.0.1",
            "GB82 WEST 1234 5698 7654 32",
            "ghp_" + "a" * 36,
            "\\ud800",
            '"',
            "{",
            "x" * r.randrange(0, 5000),
            "9" * r.randrange(0, 300),
            "@." * r.randrange(0, 300),
            "".join(chr(r.randrange(0, 0x110000)) for _ in range(r.randrange(0, 20))),
        ]
        return "".join(r.choice(pieces) for _ in range(r.randrange(0, 8)))

    def data(self) -> Any:
        r = self.rng
        raw = bytes(r.randrange(256) for _ in range(r.randrange(0, 200))) + self.text().encode(
            "utf-8", "surrogatepass"
        )
        kind = r.randrange(6)
        if kind == 0:
            return raw
        if kind == 1:
            return bytearray(raw)
        if kind == 2:
            return memoryview(raw)
        if kind == 3:
            return memoryview(raw)[1::2]  # not contiguous
        if kind == 4:
            return array.array("I", [r.randrange(2**32) for _ in range(r.randrange(0, 20))])
        return memoryview(bytearray(raw)).cast("B", (len(raw),)) if raw else memoryview(b"")

    def json_text(self) -> str:
        r = self.rng
        choices: List[Callable[[], str]] = [
            lambda: json.dumps({"password": self.text(), "a": [self.text(), r.randrange(-(10**30), 10**30)]}),
            lambda: '{"a": "\\ud800\\udc00\\ud800", "b": "' + self.text().replace('"', "") + '"}',
            lambda: "[" * r.randrange(1, 3000) + "]" * r.randrange(0, 3000),
            lambda: '{"a":' * r.randrange(1, 500) + "1" + "}" * r.randrange(0, 500),
            lambda: json.dumps(_nested(200, self.text(), r.random() < 0.5)),
            lambda: "1" + "0" * r.randrange(0, 5000),
            lambda: "-0.0e-99999999999",
            lambda: self.text(),
            lambda: '{"a": 1,}',
            lambda: '"\x01"',
            lambda: '{"k": "v"}\n{"k": ' + self.text() + "}",
        ]
        return r.choice(choices)()

    def obj(self, depth: int = 0) -> Any:
        r = self.rng
        if depth > 3:
            return self.text()
        kind = r.randrange(12)
        if kind == 0:
            return r.randrange(-(10**400), 10**400)  # huge ints (beyond int max str digits)
        if kind == 1:
            return r.choice([float("nan"), float("inf"), -0.0, 1e308, 5e-324])
        if kind == 2:
            return _nested(200, self.text(), r.random() < 0.5)
        if kind == 3:
            return {self.text(): self.obj(depth + 1) for _ in range(r.randrange(0, 4))}
        if kind == 4:
            return [self.obj(depth + 1) for _ in range(r.randrange(0, 4))]
        if kind == 5:
            return (self.text(), b"bytes", {1, 2})  # tuples pass; bytes and sets are TypeErrors
        if kind == 6:
            return {1: "a", None: "b", 2.5: self.text(), True: "ada@example.com"}
        if kind == 7:
            return object()
        if kind == 8:
            circular: List[Any] = []
            circular.append(circular)
            return circular
        return self.text()

    def config(self) -> Any:
        r = self.rng
        rules = ["email", "credit_card", "emial", "ipv4", "my_rule", "", "BAD-ID", "x" * 100]
        actions: List[Any] = [
            "replace",
            "mask",
            "hash",
            "remove",
            "keep",
            "explode",
            {"type": "mask", "keep_last": r.randrange(-5, 10**20)},
            {"type": "hash", "key": self.text()},
            {"type": "replace", "template": self.text()},
            None,
            12,
        ]
        patterns = [
            "EMP-[0-9]{6}",
            "(",
            "a*",
            "(?:a{1000}){1000}",
            "(" * 70 + "a" + ")" * 70,
            "x" * 20000,
            "\\p{Greek}+",
            "(?<name>a)\\k<name>",
            self.text(),
        ]
        choices: List[Callable[[], Any]] = [
            lambda: None,
            lambda: {"profile": r.choice(["default", "strict", "secrets", "nope", 3, None])},
            lambda: {"rules": {r.choice(rules): {"action": r.choice(actions)}}},
            lambda: {"rules": {"my_rule": {"pattern": r.choice(patterns), "action": r.choice(actions)}}},
            lambda: {"rules": {"my_rule": {"terms": [self.text() for _ in range(r.randrange(0, 5))]}}},
            lambda: {"rules": {"my_rule": {"paths": [r.choice(["$.a", "$..", "a[", "$" + ".a" * 100])]}}},
            lambda: {"rules": {"email": {"context": {"within": r.randrange(-1, 10**6), "words": [self.text()]}}}},
            lambda: {"hash_key": self.text(), "rules": {"email": {"action": "hash"}}},
            lambda: {r.choice(["rulez", "profile", "hash_key"]): self.obj()},
            lambda: json.dumps({"rules": {"email": {}}})[: r.randrange(0, 20)],
            lambda: "{" + self.text(),
            lambda: "/nonexistent/" + self.text().replace("\x00", ""),
            lambda: self.obj(),
            lambda: r.choice([b"{}", 42, 1.5, ["{}"], object(), os.curdir]),
        ]
        return r.choice(choices)()

    def any(self) -> Any:
        r = self.rng
        return r.choice(
            [self.text, self.data, self.obj, self.json_text, lambda: None, lambda: r.randrange(-(10**30), 10**30)]
        )()


def _calls(h: Hostile, s: scrubjay.Scrubber) -> List[Tuple[str, Callable[[], Any]]]:
    """Every entry point, with hostile (often wrongly typed) arguments."""
    r = h.rng
    return [
        ("Scrubber", lambda: scrubjay.Scrubber(h.config())),
        ("scrub", lambda: s.scrub(h.text() if r.random() < 0.8 else h.any())),
        ("scrub_bytes", lambda: s.scrub_bytes(h.data() if r.random() < 0.8 else h.any())),
        ("find", lambda: s.find(h.text() if r.random() < 0.8 else h.any(), with_text=r.choice([True, False, 1, "x"]))),
        ("find_bytes", lambda: s.find_bytes(h.data() if r.random() < 0.8 else h.any(), with_text=r.random() < 0.5)),
        ("scrub_with_findings", lambda: s.scrub_with_findings(h.text(), with_text=r.random() < 0.5)),
        (
            "scrub_many",
            lambda: s.scrub_many(
                [h.text() for _ in range(r.randrange(0, 30))] + ([h.any()] if r.random() < 0.3 else []),
                threads=r.choice([None, 1, 2, 0, -1, 10**6]),
            ),
        ),
        ("scrub_many iter", lambda: s.scrub_many(iter([h.text(), h.text()]), threads=2)),
        ("scrub_json_str", lambda: s.scrub_json_str(h.json_text() if r.random() < 0.8 else h.any())),
        ("scrub_json_str_with_report", lambda: s.scrub_json_str_with_report(h.json_text())),
        ("report_json_str", lambda: s.report_json_str(h.json_text())),
        ("scrub_json", lambda: s.scrub_json(h.obj())),
        ("scrub_json_with_report", lambda: s.scrub_json_with_report(h.obj())),
        ("report_json", lambda: s.report_json(h.obj())),
        ("scrub_json default", lambda: s.scrub_json(h.obj(), default=r.choice([str, repr, lambda o: o, None]))),
        ("rules", lambda: s.rules()),
        ("wrong arity", lambda: getattr(s, r.choice(["scrub", "find", "scrub_json_str"]))(h.text(), h.text())),
        ("wrong keyword", lambda: s.find(h.text(), nope=1)),
        ("unbound on wrong self", lambda: scrubjay.Scrubber.scrub(h.any(), h.text())),
        ("native unbound on wrong self", lambda: scrubjay._scrubjay.Scrubber.scrub(h.any(), h.text())),
        ("pickle", lambda: __import__("pickle").loads(__import__("pickle").dumps(s)).scrub(h.text())),
        ("builtin_rules", lambda: scrubjay.builtin_rules()),
    ]


def test_no_panic_exception_from_hostile_inputs() -> None:
    rng = random.Random(SEED)
    h = Hostile(rng)
    scrubbers = [
        scrubjay.Scrubber(),
        scrubjay.Scrubber({"profile": "strict", "rules": {"email": {"action": "mask"}}}),
        scrubjay.Scrubber({"hash_key": "k", "rules": {"email": {"action": "hash"}, "ipv4": {"action": "remove"}}}),
    ]
    outcomes: dict[str, int] = {}
    for i in range(3000):
        s = scrubbers[i % len(scrubbers)]
        name, call = rng.choice(_calls(h, s))
        try:
            result = call()
        except BaseException as e:  # noqa: BLE001 - the point of the test
            if type(e).__name__ == "PanicException" or not isinstance(e, ALLOWED):
                raise AssertionError(
                    f"{name} raised {type(e).__module__}.{type(e).__name__}: {e!r:.300} "
                    f"(call {i}; rerun with SCRUBJAY_STRESS_SEED={SEED})"
                ) from e
            assert str(e), f"{name}: {type(e).__name__} without a message (SCRUBJAY_STRESS_SEED={SEED})"
            outcomes[type(e).__name__] = outcomes.get(type(e).__name__, 0) + 1
        else:
            outcomes["ok"] = outcomes.get("ok", 0) + 1
            if name == "scrub":
                assert isinstance(result, str)
            elif name == "scrub_bytes":
                assert isinstance(result, bytes)
    # The mix reached both outcomes, and all three kinds of error.
    assert outcomes.get("ok", 0) > 500, outcomes
    for kind in ("TypeError", "ConfigError", "JsonError", "ValueError"):
        assert outcomes.get(kind, 0) > 0, (kind, outcomes)


def test_lone_surrogates_and_huge_ints_are_clear_errors() -> None:
    s = scrubjay.Scrubber()
    # A lone surrogate in a str has no UTF-8 form: a clear ValueError subclass, not a panic.
    for text in ("\ud800", "mail ada@example.com \udfff", "\ud83d"):
        for method in (s.scrub, s.find, s.scrub_with_findings, s.scrub_json_str, s.report_json_str):
            try:
                method(text)
            except ALLOWED as e:
                assert "surrogate" in str(e) or "UTF-8" in str(e) or "JSON" in str(e), (method, e)
    # Huge ints in JSON-like objects.
    try:
        s.scrub_json({"n": 10**5000})
    except ValueError as e:
        assert "digits" in str(e) or "int" in str(e)
    assert s.scrub_json({"n": 10**100, "m": "ada@example.com"}) == {"n": 10**100, "m": "[email]"}
    deep = _nested(200, "ada@example.com", False)
    out = s.scrub_json(deep)
    assert "ada@example.com" not in json.dumps(out) and "[email]" in json.dumps(out)


# ---- threads -----------------------------------------------------------------

BIG = "\n".join(f"{i} user{i}@example.com 10.0.{i % 250}.1 card 4111 1111 1111 1111" for i in range(200))  # > 4 KiB


def _mixed_calls(s: scrubjay.Scrubber) -> List[Tuple[str, Callable[[], Any]]]:
    def key(findings: Any) -> Any:
        return [(f.rule, f.start, f.end, f.text) for f in findings]

    def jkey(findings: Any) -> Any:
        return [(f.pointer, f.rule, f.start, f.end, f.whole) for f in findings]

    def error(call: Callable[[], Any]) -> Callable[[], Any]:
        def run() -> Any:
            try:
                call()
            except ALLOWED as e:
                return (type(e).__name__, str(e))
            return "no error"

        return run

    doc = json.dumps({"user": {"email": "ada@example.com", "tags": ["x", "call +1 415 555 0100"]}, "password": "p"})
    return [
        ("scrub clean", lambda: s.scrub("GET /health 200")),
        ("scrub dirty", lambda: s.scrub("mail ada@example.com from 10.1.2.3 😀 日本")),
        ("scrub big", lambda: s.scrub(BIG)),
        ("scrub_bytes", lambda: s.scrub_bytes(b"\xff ada@example.com \x00 " + BIG.encode())),
        ("find", lambda: key(s.find("card 4111 1111 1111 1111 😀 ada@example.com", with_text=True))),
        ("find_bytes", lambda: key(s.find_bytes(bytearray(b"\xfe ada@example.com"), with_text=True))),
        ("scrub_with_findings", lambda: (lambda t: (t[0], key(t[1])))(s.scrub_with_findings(BIG))),
        ("scrub_many", lambda: s.scrub_many([f"{i} ada@example.com" for i in range(300)], threads=2)),
        ("scrub_json_str", lambda: s.scrub_json_str(doc)),
        ("scrub_json_str_with_report", lambda: (lambda t: (t[0], jkey(t[1])))(s.scrub_json_str_with_report(doc))),
        ("report_json_str big", lambda: jkey(s.report_json_str(json.dumps({"lines": BIG.split("\n")})))),
        ("scrub_json", lambda: s.scrub_json({"a": ["ada@example.com", 4111111111111111], "token": "t"})),
        ("report_json", lambda: jkey(s.report_json([{"ip": "10.0.0.1"}, "x"]))),
        ("invalid json", error(lambda: s.scrub_json_str('{"a": 1,\n "b": }'))),
        ("surrogate", error(lambda: s.scrub("\ud800 ada@example.com"))),
        ("wrong type", error(lambda: s.scrub(b"bytes")))  # type: ignore[arg-type]
        ,
        ("bad config", error(lambda: scrubjay.Scrubber({"rules": {"emial": {}}}))),
    ]


def test_sixteen_threads_on_one_scrubber_agree_with_one_thread() -> None:
    s = scrubjay.Scrubber({"profile": "strict", "rules": {"email": {"action": {"type": "mask", "keep_last": 4}}}})
    calls = _mixed_calls(s)
    expected = [call() for _, call in calls]
    assert expected[0] == "GET /health 200"
    assert "[email]" not in expected[1] and "ada@example.com" not in expected[1] and "*.com" in expected[1]
    assert expected[13][0] == "JsonError" and expected[16][0] == "ConfigError" and expected[15][0] == "TypeError"

    threads = 16
    rounds = 40
    barrier = threading.Barrier(threads)
    mismatches: List[str] = []
    crashes: List[BaseException] = []
    done = [0] * threads

    def work(t: int) -> None:
        try:
            barrier.wait()
            for rnd in range(rounds):
                for j in range(len(calls)):
                    k = (j * 5 + t + rnd) % len(calls)
                    got = calls[k][1]()
                    if got != expected[k]:
                        mismatches.append(f"thread {t} round {rnd} {calls[k][0]}: {got!r:.200}")
                    done[t] += 1
        except BaseException as e:  # noqa: BLE001 - reported below
            crashes.append(e)

    pool = [threading.Thread(target=work, args=(t,)) for t in range(threads)]
    for th in pool:
        th.start()
    for th in pool:
        th.join()
    assert not crashes, crashes[:3]
    assert not mismatches, mismatches[:5]
    assert sum(done) == threads * rounds * len(calls)


# ---- memory ------------------------------------------------------------------


def _rss() -> int:
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")


@pytest.mark.skipif(not os.path.exists("/proc/self/statm"), reason="needs /proc/self/statm (Linux)")
def test_memory_flat_across_a_million_calls() -> None:
    total = int(os.environ.get("SCRUBJAY_STRESS_CALLS", "1000000"))
    warmup = total // 10
    s = scrubjay.Scrubber()
    clean = "GET /api/v1/items?page=2 200 12ms"
    dirty = "user=ada@example.com ip=10.1.2.3 😀"
    data = bytearray(b"\xff ada@example.com \x00")
    doc = '{"email": "ada@example.com", "password": "p", "n": [1, 2]}'
    bad = '{"a": 1,}'
    obj = {"email": "ada@example.com", "n": 1}
    want_dirty = s.scrub(dirty)
    want_doc = s.scrub_json_str(doc)
    refs_before = [sys.getrefcount(x) for x in (clean, dirty, data, doc, bad, obj, s)]

    def one(i: int) -> None:
        k = i % 12
        if k == 0:
            assert s.scrub(clean) is clean
        elif k == 1:
            assert s.scrub(dirty) == want_dirty
        elif k == 2:
            s.scrub_bytes(data)
        elif k == 3:
            s.find(dirty, with_text=True)
        elif k == 4:
            s.scrub_with_findings(dirty)
        elif k == 5:
            assert s.scrub_json_str(doc) == want_doc
        elif k == 6:
            s.scrub_json_str_with_report(doc)
        elif k == 7:
            s.report_json_str(doc)
        elif k == 8:
            try:
                s.scrub_json_str(bad)
            except scrubjay.JsonError:
                pass
        elif k == 9:
            try:
                s.scrub(data)  # type: ignore[arg-type]
            except TypeError:
                pass
        elif k == 10:
            s.scrub_many([clean, dirty])
        else:
            try:
                s.scrub("\ud800")
            except ValueError:
                pass

    gc.collect()
    rss_start = _rss()
    for i in range(warmup):
        one(i)
    gc.collect()
    rss_warm = _rss()
    objects_warm = len(gc.get_objects())
    import time

    t0 = time.perf_counter()
    for i in range(warmup, total):
        one(i)
    elapsed = time.perf_counter() - t0
    gc.collect()
    rss_end = _rss()
    objects_end = len(gc.get_objects())
    refs_after = [sys.getrefcount(x) for x in (clean, dirty, data, doc, bad, obj, s)]
    growth = rss_end - rss_warm
    print(
        f"\nstress: {total} calls; RSS {rss_start // 1024} KiB at start, {rss_warm // 1024} KiB after {warmup}, "
        f"{rss_end // 1024} KiB after {total} ({growth // 1024:+d} KiB); gc objects {objects_warm} -> {objects_end}; "
        f"{(total - warmup) / elapsed:.0f} calls/s after warm-up"
    )
    assert refs_after == refs_before, "a call leaks references to its arguments"
    assert objects_end - objects_warm < 100, "Python objects accumulate"
    assert growth < 4 * 1024 * 1024, f"RSS grew by {growth // 1024} KiB after warm-up"
