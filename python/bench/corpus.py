"""The benchmark corpora of benches/src/lib.rs, ported line for line, so that
the Python numbers are measured on the same bytes as the Rust ones.

`python bench/corpus.py` prints a digest of each corpus; `corpus_digests`
in benches/src/lib.rs terms: the same seeds give the same lines.
"""

from __future__ import annotations

import hashlib
import sys

MASK = (1 << 64) - 1


class Rng:
    """xorshift64*, as `Rng` in benches/src/lib.rs."""

    def __init__(self, seed: int) -> None:
        self.state = (max(seed, 1) * 0x9E3779B97F4A7C15) & MASK

    def next_u64(self) -> int:
        x = self.state
        x ^= x >> 12
        x ^= (x << 25) & MASK
        x ^= x >> 27
        self.state = x
        return (x * 0x2545F4914F6CDD1D) & MASK

    def below(self, n: int) -> int:
        return self.next_u64() % max(n, 1)

    def pick(self, items: list[str]) -> str:
        return items[self.below(len(items))]

    def percent(self, p: int) -> bool:
        return self.below(100) < p


LEVELS = ["INFO", "INFO", "INFO", "DEBUG", "WARN", "ERROR"]
SERVICES = ["api", "worker", "scheduler", "billing", "auth-proxy", "search", "ingest"]
PATHS = [
    "/api/v1/orders",
    "/api/v1/users",
    "/api/v2/search",
    "/healthz",
    "/static/app.js",
    "/api/v1/invoices",
    "/graphql",
    "/api/v1/carts/items",
]
METHODS = ["GET", "GET", "GET", "POST", "PUT", "DELETE"]
WORDS = (
    "request completed cache miss hit retrying connection pool exhausted queue depth scheduled job finished "
    "upstream timeout query rows returned flushed segment compaction started shard rebalanced lease renewed "
    "message acknowledged batch"
).split()


def timestamp(r: Rng) -> str:
    # Arguments are evaluated left to right, as in Rust's write!.
    month = r.below(12) + 1
    day = r.below(28) + 1
    hour = r.below(24)
    minute = r.below(60)
    second = r.below(60)
    ms = r.below(1000)
    return f"2024-{month:02}-{day:02}T{hour:02}:{minute:02}:{second:02}.{ms:03}Z"


def clean_line(r: Rng) -> str:
    s = timestamp(r)
    level = r.pick(LEVELS)
    service = r.pick(SERVICES)
    shard = r.below(16)
    s += f" {level} [{service}-{shard}] "
    kind = r.below(5)
    if kind in (0, 1):
        method = r.pick(METHODS)
        path = r.pick(PATHS)
        item = r.below(100_000)
        page = r.below(50)
        status = [200, 200, 201, 204, 304, 404, 500][r.below(7)]
        size = r.below(90_000)
        dur = r.below(2000)
        req = r.next_u64()
        s += f"{method} {path}/{item}?page={page} status={status} bytes={size} dur={dur}ms req_id={req:016x}"
    elif kind == 2:
        w1, w2, w3 = r.pick(WORDS), r.pick(WORDS), r.pick(WORDS)
        after = r.below(5000)
        attempt = r.below(5) + 1
        shard2 = r.below(64)
        v1, v2, v3 = r.below(4), r.below(20), r.below(10)
        s += f"{w1} {w2} {w3} after {after}ms attempt={attempt}/5 shard={shard2} v{v1}.{v2}.{v3}"
    elif kind == 3:
        customer = r.below(1_000_000)
        day = r.below(28) + 1
        limit = r.below(500)
        rows = r.below(500)
        secs = r.below(3)
        frac = r.below(1000)
        s += (
            f"SELECT id, total FROM orders WHERE customer_id = {customer} AND created_at > '2024-01-{day:02}' "
            f"LIMIT {limit} -- {rows} rows in {secs}.{frac}s"
        )
    else:
        job = r.below(100_000)
        w1, w2 = r.pick(WORDS), r.pick(WORDS)
        depth = r.below(10_000)
        tokens = r.below(4096)
        lag = r.below(600)
        cpu1, cpu2 = r.below(100), r.below(10)
        mem = r.below(16_000)
        s += f"job={job} {w1} {w2} queue_depth={depth} token_count={tokens} lag={lag}s cpu={cpu1}.{cpu2}% mem={mem}MiB"
    return s


def pii_item(r: Rng) -> str:
    n = r.below(100_000)
    kind = r.below(14)
    if kind == 0:
        return f"user=ada.lovelace{n}@example.com"
    if kind == 1:
        a = r.below(256)
        b = r.below(255) + 1
        return f"client_ip=203.0.{a}.{b}"
    if kind == 2:
        return f"phone=+44 20 7946 {r.below(10_000):04}"
    if kind == 3:
        return "card=4111 1111 1111 1111"
    if kind == 4:
        a = r.below(900) + 100
        b = r.below(10_000)
        return f"from (555) {a:03}-{b:04}"
    if kind == 5:
        return "iban=DE89 3704 0044 0532 0130 00"
    if kind == 6:
        return f"password=hunter{n}"
    if kind == 7:
        return (
            "Authorization: Bearer eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0."
            "dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U"
        )
    if kind == 8:
        return "aws_key=AKIAIOSFODNN7EXAMPLE"
    if kind == 9:
        return f"db=postgres://app:s3cr3t{n}@db.internal:5432/app"
    if kind == 10:
        return "ssn=123-45-6789"
    if kind == 11:
        return "gh=ghp_16C7e42F292c6912E7710c838347Ae178B4a"
    if kind == 12:
        return f"client_ip6=2001:db8::{r.below(65_536):x}"
    return "mac=00:1a:2b:3c:4d:5e"


def line_with(r: Rng, items: int) -> str:
    s = clean_line(r)
    for _ in range(items):
        s += " " + pii_item(r)
    return s


def log_lines(seed: int, n: int, pii_percent: int, dense_items: int) -> list[str]:
    r = Rng(seed)
    out = []
    for _ in range(n):
        one = 1 if r.percent(pii_percent) else 0
        out.append(line_with(r, one + dense_items))
    return out


def clean_logs(n: int) -> list[str]:
    return log_lines(1, n, 0, 0)


def typical_logs(n: int) -> list[str]:
    return log_lines(2, n, 15, 0)


def dense_logs(n: int) -> list[str]:
    return log_lines(3, n, 0, 3)


def digest(lines: list[str]) -> str:
    h = hashlib.sha256()
    for line in lines:
        h.update(line.encode())
        h.update(b"\n")
    return h.hexdigest()[:16]


if __name__ == "__main__":
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 10_000
    for name, make in [("clean", clean_logs), ("typical", typical_logs), ("dense", dense_logs)]:
        lines = make(n)
        print(f"{name}: {n} lines, {sum(len(x) + 1 for x in lines)} bytes, sha256 {digest(lines)}")
