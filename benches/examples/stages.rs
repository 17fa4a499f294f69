//! Throughput of subsets of the default rules on the clean corpus, to see
//! what each stage costs.
use std::time::Instant;
fn mbps<F: FnMut()>(bytes: usize, mut f: F) -> f64 {
    f();
    let t = Instant::now();
    let mut iters = 0;
    while t.elapsed().as_secs_f64() < 0.7 {
        f();
        iters += 1;
    }
    (bytes * iters) as f64 / t.elapsed().as_secs_f64() / 1e6
}
fn main() {
    let which = std::env::args().nth(1).unwrap_or("clean".into());
    let text = match which.as_str() {
        "typical" => scrubjay_benches::join(&scrubjay_benches::typical_logs(10_000)),
        "dense" => scrubjay_benches::join(&scrubjay_benches::dense_logs(10_000)),
        _ => scrubjay_benches::join(&scrubjay_benches::clean_logs(10_000)),
    };
    let sets: &[(&str, &[&str])] = &[
        ("none", &[]),
        (
            "prefix-secrets",
            &[
                "pem_private_key",
                "jwt",
                "aws_access_key_id",
                "aws_secret_access_key",
                "github_token",
                "slack_token",
                "stripe_key",
                "google_api_key",
            ],
        ),
        ("auth_header", &["auth_header"]),
        ("url_credentials", &["url_credentials"]),
        ("email", &["email"]),
        ("password_assignment", &["password_assignment"]),
        ("credit_card", &["credit_card"]),
        ("phone", &["phone"]),
        ("numeric(all)", &["credit_card", "phone", "us_ssn", "imei", "ipv4"]),
        ("iban", &["iban"]),
        ("ipv6", &["ipv6"]),
        ("mac", &["mac"]),
        ("default", &["*"]),
    ];
    for (name, rules) in sets {
        let cfg = if rules == &["*"] {
            "{}".to_string()
        } else {
            let m: Vec<String> = rules.iter().map(|r| format!("\"{r}\": {{\"enabled\": true}}")).collect();
            format!("{{\"profile\": \"none\", \"rules\": {{{}}}}}", m.join(","))
        };
        let s = scrubjay::Scrubber::from_json(&cfg).unwrap();
        println!(
            "{name:20} {:7.0} MB/s",
            mbps(text.len(), || {
                std::hint::black_box(s.scrub(&text));
            })
        );
    }
}
