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

// ---------------------------------------------------------------- JSON events

use std::borrow::Cow;

use serde_json::{Map, Value, json};

const FIRST_NAMES: &[&str] = &["ada", "grace", "alan", "edsger", "barbara", "donald", "frances", "ken", "radia", "tim"];
const LAST_NAMES: &[&str] =
    &["lovelace", "hopper", "turing", "dijkstra", "liskov", "knuth", "allen", "thompson", "perlman", "berners-lee"];
const USER_AGENTS: &[&str] = &[
    "Mozilla/5.0 (X11; Linux x86_64; rv:123.0) Gecko/20100101 Firefox/123.0",
    "Mozilla/5.0 (iPhone; CPU iPhone OS 17_3_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.3 Mobile/15E148 Safari/604.1",
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/121.0.6167.184 Safari/537.36",
    "okhttp/4.12.0",
    "python-requests/2.31.0",
    "curl/8.5.0",
];
const ERROR_TYPES: &[(&str, &str)] = &[
    ("ValueError", "invalid literal for int() with base 10: 'abc'"),
    ("KeyError", "'shipping_address'"),
    ("TimeoutError", "upstream did not answer within 10.0 s"),
    ("CardDeclined", "Your card was declined. (code card_declined)"),
    ("IntegrityError", "duplicate key value violates unique constraint \"orders_pkey\""),
    ("TypeError", "Cannot read properties of undefined (reading 'items')"),
];
const MODULES: &[&str] =
    &["orders", "checkout", "payments", "catalog", "carts", "accounts", "search", "shipping", "invoices", "promotions"];
const PRODUCTS: &[(&str, &str)] = &[
    ("TEA-EARLGREY-250", "Earl Grey loose leaf, 250 g"),
    ("MUG-ENAMEL-WHT", "Enamel mug, white"),
    ("KETTLE-GOOSE-1L", "Gooseneck kettle, 1 l"),
    ("TEA-SENCHA-100", "Sencha, 100 g"),
    ("FILTER-PAPER-L", "Paper filters, large, 100 pcs"),
    ("CUP-TASTING-SET", "Tasting cups, set of 4"),
];
const EVENTS: &[&str] =
    &["Product Viewed", "Product Added", "Cart Viewed", "Checkout Started", "Order Completed", "Products Searched"];
const JWT: &str =
    "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U";

fn hex(r: &mut Rng, digits: usize) -> String {
    let mut s = String::with_capacity(digits + 16);
    while s.len() < digits {
        s.push_str(&format!("{:016x}", r.next_u64()));
    }
    s.truncate(digits);
    s
}

/// A random UUID. Its last group always has a letter: twelve decimal
/// digits there can pass for a 12-digit Maestro card number (brand prefix
/// and Luhn check), which the clean corpus must not contain.
fn uuid(r: &mut Rng) -> String {
    let mut h = hex(r, 32);
    if h[20..].bytes().all(|b| b.is_ascii_digit()) {
        h.replace_range(20..21, "a");
    }
    format!("{}-{}-4{}-a{}-{}", &h[..8], &h[8..12], &h[13..16], &h[17..20], &h[20..])
}

fn ts(r: &mut Rng) -> String {
    let mut s = String::with_capacity(24);
    timestamp(r, &mut s);
    s
}

/// Where personal data goes in an event with findings. Every spot draws
/// the same numbers from the structure generator whether it is used or
/// not, so the clean and the dirty variants of a seed have the same
/// structure; the personal data itself comes from a second generator.
struct Spots {
    with: bool,
    pii: Rng,
}

impl Spots {
    /// Whether this spot (taken `percent`% of the time) gets personal data.
    fn take(&mut self, r: &mut Rng, percent: u64) -> bool {
        let roll = r.percent(percent);
        self.with && roll
    }

    /// A spot that always gets personal data in the dirty variant.
    fn always(&self) -> bool {
        self.with
    }

    fn email(&mut self) -> String {
        let (f, l, n) = (*self.pii.pick(FIRST_NAMES), *self.pii.pick(LAST_NAMES), self.pii.below(1000));
        format!("{f}.{l}{n}@example.com")
    }

    fn ip(&mut self) -> String {
        if self.pii.percent(20) {
            format!("2001:db8::{:x}", self.pii.below(65_536))
        } else {
            format!("203.0.{}.{}", self.pii.below(256), self.pii.below(254) + 1)
        }
    }

    fn phone(&mut self) -> String {
        if self.pii.percent(50) {
            format!("+44 20 7946 {:04}", self.pii.below(10_000))
        } else {
            format!("(555) {:03}-{:04}", self.pii.below(900) + 100, self.pii.below(10_000))
        }
    }

    fn card(&mut self) -> &'static str {
        const CARDS: &[&str] = &["4111 1111 1111 1111", "5500 0000 0000 0004", "4012888888881881"];
        CARDS[self.pii.below(CARDS.len() as u64) as usize]
    }

    /// A sentence fragment carrying one item of personal data or a secret.
    fn in_text(&mut self) -> String {
        match self.pii.below(8) {
            0 | 1 => format!("for {}", self.email()),
            2 => format!("from {}", self.ip()),
            3 => format!("sms to {}", self.phone()),
            4 => format!("card {}", self.card()),
            5 => format!("dsn postgres://app:s3cr3t{}@db.internal:5432/app", self.pii.below(1000)),
            6 => "refund to DE89 3704 0044 0532 0130 00".to_string(),
            _ => "key AKIAIOSFODNN7EXAMPLE".to_string(),
        }
    }
}

fn obj(pairs: Vec<(&str, Value)>) -> Value {
    Value::Object(pairs.into_iter().map(|(k, v)| (k.to_string(), v)).collect::<Map<String, Value>>())
}

/// A Sentry-like error event: exception with a stack trace (frames with
/// local variables), the request, user, breadcrumbs, contexts and tags.
fn error_event(r: &mut Rng, p: &mut Spots) -> Value {
    let (ty, msg) = *r.pick(ERROR_TYPES);
    let mut value = msg.to_string();
    if p.take(r, 25) {
        value = format!("{value} {}", p.in_text());
    }
    let frames: Vec<Value> = (0..r.below(8) + 5)
        .map(|i| {
            let m = *r.pick(MODULES);
            let in_app = r.percent(60);
            let mut vars = Map::new();
            vars.insert("self".into(), json!(format!("<{}Service object at 0x7f3a{:08x}>", m, r.below(1 << 32))));
            vars.insert(format!("{m}_id"), json!(r.below(1_000_000)));
            vars.insert("attempt".into(), json!(r.below(3) + 1));
            vars.insert("timeout".into(), json!(10.0));
            if r.percent(40) {
                vars.insert("request".into(), json!(format!("<WSGIRequest: {} '{}'>", r.pick(METHODS), r.pick(PATHS))));
            }
            if p.take(r, 5) {
                if p.pii.percent(50) {
                    vars.insert("customer_email".into(), json!(format!("'{}'", p.email())));
                } else {
                    vars.insert("api_key".into(), json!(format!("'sk_live_{}'", hex(&mut p.pii, 24))));
                }
            }
            let mut f = Map::new();
            f.insert("filename".into(), json!(format!("shop/{m}/service.py")));
            f.insert("function".into(), json!(format!("{}_{}", r.pick(WORDS), r.pick(WORDS))));
            f.insert("lineno".into(), json!(r.below(900) + 10));
            f.insert("colno".into(), json!(r.below(40) + 1));
            f.insert("in_app".into(), json!(in_app));
            if in_app {
                f.insert(
                    "context_line".into(),
                    json!(format!(
                        "        result = self.{}(order, retries={})  # {}",
                        r.pick(WORDS),
                        i % 3,
                        r.pick(WORDS)
                    )),
                );
            }
            f.insert("vars".into(), Value::Object(vars));
            Value::Object(f)
        })
        .collect();
    let path = *r.pick(PATHS);
    let mut url = format!("https://shop.example.com{path}?page={}&sort=price", r.below(20));
    if p.take(r, 20) {
        url.push_str(&format!("&token={}", hex(&mut p.pii, 32)));
    }
    let mut headers = vec![
        json!(["Host", "shop.example.com"]),
        json!(["User-Agent", r.pick(USER_AGENTS)]),
        json!(["Accept", "application/json"]),
        json!(["Accept-Language", "en-GB,en;q=0.9"]),
        json!(["X-Request-Id", uuid(r)]),
    ];
    if p.take(r, 30) {
        headers.push(json!(["Authorization", format!("Bearer {JWT}")]));
    }
    if p.take(r, 15) {
        headers.push(json!(["Cookie", format!("sessionid={}; theme=dark", hex(&mut p.pii, 32))]));
    }
    let mut data = Map::new();
    data.insert("sku".into(), json!(r.pick(PRODUCTS).0));
    data.insert("quantity".into(), json!(r.below(5) + 1));
    data.insert("gift_wrap".into(), json!(r.percent(10)));
    if p.take(r, 25) {
        data.insert("password".into(), json!(format!("hunter{}", p.pii.below(100_000))));
    }
    let mut user = Map::new();
    user.insert("id".into(), json!(format!("{}", r.below(100_000))));
    user.insert("segment".into(), json!(r.pick(&["free", "gold", "trial"])));
    if p.always() {
        user.insert("email".into(), json!(p.email()));
    }
    if p.take(r, 50) {
        user.insert("ip_address".into(), json!(p.ip()));
    }
    let crumbs: Vec<Value> = (0..r.below(7) + 4)
        .map(|_| {
            let mut message = format!("{} {} {} in {}ms", r.pick(WORDS), r.pick(WORDS), r.pick(WORDS), r.below(900));
            if p.take(r, 5) {
                message = format!("{message} {}", p.in_text());
            }
            json!({
                "timestamp": ts(r),
                "category": r.pick(&["http", "query", "navigation", "ui.click", "cache"]),
                "level": "info",
                "message": message,
            })
        })
        .collect();
    obj(vec![
        ("event_id", json!(hex(r, 32))),
        ("timestamp", json!(ts(r))),
        ("platform", json!(r.pick(&["python", "node", "java", "go"]))),
        ("level", json!("error")),
        ("logger", json!(format!("shop.{}", r.pick(MODULES)))),
        ("transaction", json!(path)),
        ("server_name", json!(format!("web-{}.prod.internal", r.below(12)))),
        ("release", json!(format!("shop@2.{}.{}", r.below(20), r.below(10)))),
        ("environment", json!("production")),
        (
            "exception",
            json!({"values": [{"type": ty, "value": value, "mechanism": {"type": "generic", "handled": false}, "stacktrace": {"frames": frames}}]}),
        ),
        ("request", json!({"url": url, "method": r.pick(METHODS), "headers": headers, "data": Value::Object(data)})),
        ("user", Value::Object(user)),
        ("breadcrumbs", json!({ "values": crumbs })),
        (
            "contexts",
            json!({
                "os": {"name": "Linux", "version": format!("6.1.0-{}-amd64", r.below(20))},
                "runtime": {"name": "CPython", "version": format!("3.11.{}", r.below(9))},
                "trace": {"trace_id": hex(r, 32), "span_id": hex(r, 16), "op": "http.server"},
            }),
        ),
        ("tags", json!({"service": r.pick(SERVICES), "region": r.pick(&["eu-west-1", "us-east-1"]), "handled": "no"})),
    ])
}

/// A batch of HTTP request log records, as a log shipper sends them.
fn request_log(r: &mut Rng, p: &mut Spots) -> Value {
    let n = r.below(6) + 5;
    let forced = r.below(n) as usize;
    let records: Vec<Value> = (0..n as usize)
        .map(|i| {
            let path = *r.pick(PATHS);
            let mut query = format!("page={}&per_page=50", r.below(20));
            if p.take(r, 10) {
                query.push_str(&format!("&email={}", p.email()));
            }
            let mut headers = Map::new();
            headers.insert("host".into(), json!("api.example.com"));
            headers.insert("accept".into(), json!("application/json"));
            headers.insert("x-request-id".into(), json!(uuid(r)));
            if i == forced && p.always() || p.take(r, 8) {
                headers.insert("authorization".into(), json!(format!("Bearer {JWT}")));
            }
            let mut rec = Map::new();
            rec.insert("timestamp".into(), json!(ts(r)));
            rec.insert("request_id".into(), json!(format!("req_{}", hex(r, 16))));
            rec.insert("method".into(), json!(r.pick(METHODS)));
            rec.insert("path".into(), json!(format!("{path}/{}", r.below(100_000))));
            rec.insert("query".into(), json!(query));
            rec.insert("status".into(), json!([200, 200, 201, 204, 304, 404, 500][r.below(7) as usize]));
            rec.insert("bytes_sent".into(), json!(r.below(90_000)));
            rec.insert("duration_ms".into(), json!(r.below(200_000) as f64 / 100.0));
            rec.insert("user_agent".into(), json!(r.pick(USER_AGENTS)));
            rec.insert("upstream".into(), json!(format!("{}-{}.prod.internal:8000", r.pick(SERVICES), r.below(8))));
            rec.insert("tls".into(), json!({"version": "TLSv1.3", "cipher": "TLS_AES_128_GCM_SHA256"}));
            if p.take(r, 15) {
                rec.insert("client_ip".into(), json!(p.ip()));
            }
            rec.insert("headers".into(), Value::Object(headers));
            Value::Object(rec)
        })
        .collect();
    json!({
        "source": "nginx",
        "host": format!("edge-{}", r.below(8)),
        "pipeline": "access-logs",
        "records": records,
    })
}

/// A Segment-like analytics batch: track, page and identify messages with
/// their context.
fn analytics(r: &mut Rng, p: &mut Spots) -> Value {
    let n = r.below(4) + 3;
    let forced = r.below(n) as usize;
    let messages: Vec<Value> = (0..n as usize)
        .map(|i| {
            let (sku, name) = *r.pick(PRODUCTS);
            let path = *r.pick(PATHS);
            let kind = *r.pick(&["track", "track", "page", "identify"]);
            let mut traits = Map::new();
            traits.insert("plan".into(), json!(r.pick(&["free", "gold", "trial"])));
            traits.insert("orders_count".into(), json!(r.below(40)));
            traits.insert("created_at".into(), json!(ts(r)));
            if p.take(r, 20) {
                traits.insert("email".into(), json!(p.email()));
            }
            if p.take(r, 10) {
                traits.insert("phone".into(), json!(p.phone()));
            }
            let mut context = Map::new();
            context.insert("library".into(), json!({"name": "analytics.js", "version": "4.1.0"}));
            context.insert(
                "page".into(),
                json!({
                    "path": path,
                    "referrer": "https://www.example.org/",
                    "title": name,
                    "url": format!("https://shop.example.com{path}?utm_source=newsletter&utm_medium=email"),
                }),
            );
            context.insert("userAgent".into(), json!(r.pick(USER_AGENTS)));
            context.insert("locale".into(), json!(r.pick(&["en-GB", "de-DE", "fr-FR", "es-ES"])));
            context.insert("timezone".into(), json!("Europe/London"));
            context.insert("screen".into(), json!({"width": 1440, "height": 900, "density": 2}));
            if i == forced && p.always() || p.take(r, 10) {
                context.insert("ip".into(), json!(p.ip()));
            }
            json!({
                "type": kind,
                "event": r.pick(EVENTS),
                "messageId": uuid(r),
                "anonymousId": uuid(r),
                "userId": format!("usr_{}", r.below(100_000)),
                "timestamp": ts(r),
                "properties": {
                    "product_id": format!("prod_{}", r.below(10_000)),
                    "sku": sku,
                    "name": name,
                    "category": r.pick(MODULES),
                    "price": r.below(10_000) as f64 / 100.0,
                    "currency": "EUR",
                    "quantity": r.below(4) + 1,
                    "position": r.below(24),
                },
                "traits": Value::Object(traits),
                "context": Value::Object(context),
            })
        })
        .collect();
    json!({"batch": messages, "sentAt": ts(r)})
}

/// `n` JSON events of 2–10 KB, a deterministic mix of error events (40%),
/// request log batches (30%) and analytics batches (30%), a fifth of them
/// pretty-printed. With `with_findings`, each event carries a few items of
/// personal data or secrets, in strings and under sensitive keys (about 4
/// findings per event); without, none at all. The same seed gives both
/// variants the same structure.
pub fn json_events(seed: u64, n: usize, with_findings: bool) -> Vec<String> {
    let mut r = Rng::new(seed);
    let mut p = Spots { with: with_findings, pii: Rng::new(seed ^ 0x5EED) };
    (0..n)
        .map(|_| {
            let v = match r.below(10) {
                0..=3 => error_event(&mut r, &mut p),
                4..=6 => request_log(&mut r, &mut p),
                _ => analytics(&mut r, &mut p),
            };
            let pretty = r.percent(20);
            let text = if pretty { serde_json::to_string_pretty(&v) } else { serde_json::to_string(&v) };
            text.expect("a Value always serializes")
        })
        .collect()
}

/// JSON events without any finding.
pub fn clean_json_events(n: usize) -> Vec<String> {
    json_events(5, n, false)
}

/// The same JSON events with a few findings each.
pub fn dirty_json_events(n: usize) -> Vec<String> {
    json_events(5, n, true)
}

/// The naive way to scrub a JSON document, as a baseline: parse it into a
/// `serde_json::Value`, walk it, replace values under sensitive keys
/// (including `[key, value]` pairs in lists), scrub every string and number
/// with the per-rule reference matcher, and serialize it again. It gives the
/// same values as [`scrubjay::Scrubber::scrub_json_str`] with the default
/// config (not the same bytes: formatting is lost), like the model in
/// `core/tests/json.rs`.
pub fn naive_scrub_json(reference: &scrubjay::reference::Reference, text: &str) -> serde_json::Result<String> {
    naive_scrub_json_with(text, &|t: &str| match reference.scrub(t.as_bytes()) {
        Cow::Borrowed(_) => None,
        Cow::Owned(new) => Some(String::from_utf8_lossy(&new).into_owned()),
    })
}

/// [`naive_scrub_json`] with another text scrubber: `scrub` returns the new
/// text of a string (or number) that changes.
pub fn naive_scrub_json_with(text: &str, scrub: &dyn Fn(&str) -> Option<String>) -> serde_json::Result<String> {
    let mut v: Value = serde_json::from_str(text)?;
    naive_walk(scrub, &mut v);
    serde_json::to_string(&v)
}

fn naive_walk(scrub: &dyn Fn(&str) -> Option<String>, v: &mut Value) {
    match v {
        Value::String(s) => {
            if let Some(new) = scrub(s) {
                *s = new;
            }
        }
        Value::Number(n) => {
            if let Some(new) = scrub(&n.to_string()) {
                *v = Value::String(new);
            }
        }
        Value::Array(items) => {
            for item in items {
                // A `[key, value]` pair: the value is judged by the key.
                let key = match item {
                    Value::Array(pair) => pair.first().and_then(Value::as_str).map(str::to_owned),
                    _ => None,
                };
                match (key, item) {
                    (Some(key), Value::Array(pair)) => {
                        for (j, x) in pair.iter_mut().enumerate() {
                            naive_member(scrub, (j == 1).then_some(key.as_str()), x);
                        }
                    }
                    (_, item) => naive_walk(scrub, item),
                }
            }
        }
        Value::Object(members) => {
            for (k, x) in members.iter_mut() {
                naive_member(scrub, Some(k), x);
            }
        }
        Value::Bool(_) | Value::Null => {}
    }
}

fn naive_member(scrub: &dyn Fn(&str) -> Option<String>, key: Option<&str>, v: &mut Value) {
    if !key.is_some_and(|k| scrubjay::is_sensitive_key(k.as_bytes())) {
        return naive_walk(scrub, v);
    }
    // Nothing to hide, or already hidden: left as it is.
    let empty = match v {
        Value::Null => true,
        Value::String(t) => t.is_empty() || t == "[sensitive_key]",
        Value::Array(a) => a.is_empty(),
        Value::Object(o) => o.is_empty(),
        _ => false,
    };
    if !empty {
        *v = Value::String("[sensitive_key]".into());
    }
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

    #[test]
    fn json_events_are_deterministic_sized_and_clean_or_dirty_as_documented() {
        assert_eq!(dirty_json_events(20), dirty_json_events(20));
        let s = scrubjay::Scrubber::default();
        let clean = clean_json_events(300);
        let dirty = dirty_json_events(300);
        for e in clean.iter().chain(&dirty) {
            assert!((2_000..=10_240).contains(&e.len()), "an event of {} bytes", e.len());
        }
        for e in &clean {
            let found = s.report_json(e).unwrap();
            assert!(found.is_empty(), "clean event has findings {found:?}: {e}");
            assert!(matches!(s.scrub_json_str(e).unwrap(), Cow::Borrowed(_)));
        }
        let mut total = 0;
        for e in &dirty {
            let found = s.report_json(e).unwrap();
            assert!(!found.is_empty(), "event without findings: {e}");
            total += found.len();
        }
        let per_event = total as f64 / dirty.len() as f64;
        assert!((2.0..=5.0).contains(&per_event), "{per_event} findings per event");
        // Both kinds of findings: under sensitive keys (whole values) and inside strings.
        let all: Vec<_> = dirty.iter().flat_map(|e| s.report_json(e).unwrap()).collect();
        assert!(all.iter().filter(|f| f.whole).count() * 5 > all.len());
        assert!(all.iter().filter(|f| !f.whole).count() * 2 > all.len());
        // The three kinds of events, some pretty-printed.
        for key in ["\"records\"", "\"batch\"", "\"exception\""] {
            assert!(clean.iter().filter(|e| e.contains(key)).count() >= 50, "{key}");
        }
        assert!(clean.iter().filter(|e| e.starts_with("{\n")).count() >= 30);
    }

    #[test]
    fn the_naive_baseline_gives_the_values_the_engine_gives() {
        let s = scrubjay::Scrubber::default();
        let r = scrubjay::reference::Reference::new(&s);
        for e in dirty_json_events(12).iter().chain(&clean_json_events(3)) {
            let naive: serde_json::Value = serde_json::from_str(&naive_scrub_json(&r, e).unwrap()).unwrap();
            let engine: serde_json::Value = serde_json::from_str(&s.scrub_json_str(e).unwrap()).unwrap();
            assert_eq!(naive, engine, "event {e}");
        }
        let doc = r#"{"headers": [["Authorization", "Bearer x"], ["Accept", "ada@example.com"]], "n": 4111111111111111,
            "password": null, "token": ""}"#;
        let expected = r#"{"headers":[["Authorization","[sensitive_key]"],["Accept","[email]"]],"n":"[credit_card]","password":null,"token":""}"#;
        assert_eq!(naive_scrub_json(&r, doc).unwrap(), expected);
        let engine: serde_json::Value = serde_json::from_str(&s.scrub_json_str(doc).unwrap()).unwrap();
        assert_eq!(engine, serde_json::from_str::<serde_json::Value>(expected).unwrap());
    }
}
