//! Deterministic benchmark corpora: log lines without PII, typical logs
//! (about 15% of lines carry PII or a secret), dense lines (several items
//! each), and a 1 MB prose document. The same seed always gives the same
//! bytes, so runs and machines are comparable.

/// A small, fast, deterministic PRNG (xorshift64*).
#[derive(Debug, Clone)]
pub struct Rng(u64);

impl Rng {
    /// A generator from a seed (0 is mapped to a fixed non-zero state).
    pub fn new(seed: u64) -> Rng {
        Rng(seed.max(1).wrapping_mul(0x9E37_79B9_7F4A_7C15))
    }

    /// The next 64 random bits.
    pub fn next_u64(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x >> 12;
        x ^= x << 25;
        x ^= x >> 27;
        self.0 = x;
        x.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    /// A number in `0..n`.
    pub fn below(&mut self, n: u64) -> u64 {
        self.next_u64() % n.max(1)
    }

    /// One element of `items`.
    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len() as u64) as usize]
    }

    /// True with probability `p` percent.
    pub fn percent(&mut self, p: u64) -> bool {
        self.below(100) < p
    }
}

const LEVELS: &[&str] = &["INFO", "INFO", "INFO", "DEBUG", "WARN", "ERROR"];
const SERVICES: &[&str] = &["api", "worker", "scheduler", "billing", "auth-proxy", "search", "ingest"];
const PATHS: &[&str] = &[
    "/api/v1/orders",
    "/api/v1/users",
    "/api/v2/search",
    "/healthz",
    "/static/app.js",
    "/api/v1/invoices",
    "/graphql",
    "/api/v1/carts/items",
];
const METHODS: &[&str] = &["GET", "GET", "GET", "POST", "PUT", "DELETE"];
const WORDS: &[&str] = &[
    "request",
    "completed",
    "cache",
    "miss",
    "hit",
    "retrying",
    "connection",
    "pool",
    "exhausted",
    "queue",
    "depth",
    "scheduled",
    "job",
    "finished",
    "upstream",
    "timeout",
    "query",
    "rows",
    "returned",
    "flushed",
    "segment",
    "compaction",
    "started",
    "shard",
    "rebalanced",
    "lease",
    "renewed",
    "message",
    "acknowledged",
    "batch",
];

fn timestamp(r: &mut Rng, out: &mut String) {
    use std::fmt::Write;
    let _ = write!(
        out,
        "2024-{:02}-{:02}T{:02}:{:02}:{:02}.{:03}Z",
        r.below(12) + 1,
        r.below(28) + 1,
        r.below(24),
        r.below(60),
        r.below(60),
        r.below(1000)
    );
}

/// One log line without personal data or secrets (about 150 bytes).
pub fn clean_line(r: &mut Rng) -> String {
    use std::fmt::Write;
    let mut s = String::with_capacity(192);
    timestamp(r, &mut s);
    let _ = write!(s, " {} [{}-{}] ", r.pick(LEVELS), r.pick(SERVICES), r.below(16));
    match r.below(5) {
        0 | 1 => {
            let _ = write!(
                s,
                "{} {}/{}?page={} status={} bytes={} dur={}ms req_id={:016x}",
                r.pick(METHODS),
                r.pick(PATHS),
                r.below(100_000),
                r.below(50),
                [200, 200, 201, 204, 304, 404, 500][r.below(7) as usize],
                r.below(90_000),
                r.below(2000),
                r.next_u64()
            );
        }
        2 => {
            let _ = write!(
                s,
                "{} {} {} after {}ms attempt={}/5 shard={} v{}.{}.{}",
                r.pick(WORDS),
                r.pick(WORDS),
                r.pick(WORDS),
                r.below(5000),
                r.below(5) + 1,
                r.below(64),
                r.below(4),
                r.below(20),
                r.below(10)
            );
        }
        3 => {
            let _ = write!(
                s,
                "SELECT id, total FROM orders WHERE customer_id = {} AND created_at > '2024-01-{:02}' LIMIT {} -- {} rows in {}.{}s",
                r.below(1_000_000),
                r.below(28) + 1,
                r.below(500),
                r.below(500),
                r.below(3),
                r.below(1000)
            );
        }
        _ => {
            let _ = write!(
                s,
                "job={} {} {} queue_depth={} token_count={} lag={}s cpu={}.{}% mem={}MiB",
                r.below(100_000),
                r.pick(WORDS),
                r.pick(WORDS),
                r.below(10_000),
                r.below(4096),
                r.below(600),
                r.below(100),
                r.below(10),
                r.below(16_000)
            );
        }
    }
    s
}

/// One item of personal data or a secret, as it appears in logs.
pub fn pii_item(r: &mut Rng) -> String {
    let n = r.below(100_000);
    match r.below(14) {
        0 => format!("user=ada.lovelace{n}@example.com"),
        1 => format!("client_ip=203.0.{}.{}", r.below(256), r.below(255) + 1),
        2 => format!("phone=+44 20 7946 {:04}", r.below(10_000)),
        3 => "card=4111 1111 1111 1111".to_string(),
        4 => format!("from (555) {:03}-{:04}", r.below(900) + 100, r.below(10_000)),
        5 => "iban=DE89 3704 0044 0532 0130 00".to_string(),
        6 => format!("password=hunter{n}"),
        7 => "Authorization: Bearer eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U".to_string(),
        8 => "aws_key=AKIAIOSFODNN7EXAMPLE".to_string(),
        9 => format!("db=postgres://app:s3cr3t{n}@db.internal:5432/app"),
        10 => "ssn=123-45-6789".to_string(),
        11 => "gh=ghp_16C7e42F292c6912E7710c838347Ae178B4a".to_string(),
        12 => format!("client_ip6=2001:db8::{:x}", r.below(65_536)),
        _ => "mac=00:1a:2b:3c:4d:5e".to_string(),
    }
}

/// A log line with `items` PII items appended.
pub fn line_with(r: &mut Rng, items: usize) -> String {
    let mut s = clean_line(r);
    for _ in 0..items {
        s.push(' ');
        s.push_str(&pii_item(r));
    }
    s
}

/// `n` log lines (newline-separated) with `pii_percent`% of lines carrying
/// one item and `dense_items` extra items on every line.
pub fn log_lines(seed: u64, n: usize, pii_percent: u64, dense_items: usize) -> Vec<String> {
    let mut r = Rng::new(seed);
    (0..n)
        .map(|_| {
            let one = usize::from(r.percent(pii_percent));
            line_with(&mut r, one + dense_items)
        })
        .collect()
}

/// Clean logs: no PII at all.
pub fn clean_logs(n: usize) -> Vec<String> {
    log_lines(1, n, 0, 0)
}

/// Typical logs: 15% of lines carry one item.
pub fn typical_logs(n: usize) -> Vec<String> {
    log_lines(2, n, 15, 0)
}

/// Dense logs: every line carries three items.
pub fn dense_logs(n: usize) -> Vec<String> {
    log_lines(3, n, 0, 3)
}

/// Joins lines into one newline-separated text.
pub fn join(lines: &[String]) -> String {
    let mut s = String::with_capacity(lines.iter().map(|l| l.len() + 1).sum());
    for l in lines {
        s.push_str(l);
        s.push('\n');
    }
    s
}

const PROSE: &[&str] = &[
    "Thanks for reaching out about the billing discrepancy on your account.",
    "We reviewed the invoice from March and found that the proration was applied twice.",
    "Der Kunde meldet, dass die Synchronisierung seit gestern fehlschlägt.",
    "Le client signale des erreurs intermittentes lors de l'export des rapports.",
    "Please find the reproduction steps below, along with the relevant log excerpt.",
    "After upgrading to version 2.14.0 the dashboard takes about 30 seconds to load.",
    "El equipo de soporte ha escalado el caso al grupo de ingeniería.",
    "We could not reproduce the issue on our staging cluster with 3 nodes.",
    "The nightly export finished at 02:15 and produced 1,284 files totalling 3.2 GB.",
    "顧客から、ログイン後に画面が真っ白になるとの報告がありました。",
    "Let us know if the workaround resolves the problem for your team.",
];

/// A support-ticket export of about `bytes` bytes: paragraphs of prose in
/// several languages, with PII about every 1.5 KB (emails, phones,
/// addresses, cards, tokens).
pub fn document(seed: u64, bytes: usize) -> String {
    let mut r = Rng::new(seed);
    let mut s = String::with_capacity(bytes + 256);
    while s.len() < bytes {
        for _ in 0..(r.below(6) + 3) {
            let sentence: &&str = r.pick(PROSE);
            s.push_str(sentence);
            s.push(' ');
        }
        if r.percent(60) {
            s.push_str("Contact: ");
            s.push_str(&pii_item(&mut r));
            s.push_str(". ");
        }
        s.push_str("\n\n");
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn corpora_are_deterministic_and_shaped_as_documented() {
        assert_eq!(typical_logs(50), typical_logs(50));
        let clean = clean_logs(1000);
        let avg = clean.iter().map(String::len).sum::<usize>() / clean.len();
        assert!((110..=200).contains(&avg), "average clean line is {avg} bytes");
        let s = scrubjay::Scrubber::default();
        assert!(clean.iter().all(|l| s.find(l).is_empty()), "clean lines must be clean");
        let typical = typical_logs(2000);
        let with = typical.iter().filter(|l| !s.find(l).is_empty()).count();
        assert!((200..=400).contains(&with), "{with} of 2000 typical lines have findings");
        assert!(dense_logs(100).iter().all(|l| s.find(l).len() >= 3));
        let doc = document(4, 1 << 20);
        assert!(doc.len() >= 1 << 20);
    }
}
