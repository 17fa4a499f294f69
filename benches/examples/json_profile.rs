//! Scrubs the JSON event corpus in a loop for profiling:
//! `json_profile <clean|dirty|naive|report|walk> [seconds]` (`naive` is the
//! baseline on the events with findings; `report` is `report_json` on them;
//! `walk` is `scrub_json_str` with no rules on the clean events).
fn main() {
    let args: Vec<String> = std::env::args().collect();
    let which = args.get(1).map(String::as_str).unwrap_or("clean");
    let secs: f64 = args.get(2).and_then(|s| s.parse().ok()).unwrap_or(3.0);
    let events = match which {
        "clean" | "walk" => scrubjay_benches::clean_json_events(500),
        _ => scrubjay_benches::dirty_json_events(500),
    };
    let bytes: usize = events.iter().map(String::len).sum();
    let s = if which == "walk" {
        scrubjay::Scrubber::from_json(r#"{"profile": "none"}"#).unwrap()
    } else {
        scrubjay::Scrubber::default()
    };
    let r = scrubjay::reference::Reference::new(&s);
    let t = std::time::Instant::now();
    let (mut n, mut calls) = (0usize, 0usize);
    while t.elapsed().as_secs_f64() < secs {
        for e in &events {
            match which {
                "naive" => drop(std::hint::black_box(scrubjay_benches::naive_scrub_json(&r, e).unwrap())),
                "report" => drop(std::hint::black_box(s.report_json(e).unwrap())),
                _ => drop(std::hint::black_box(s.scrub_json_str(e).unwrap())),
            }
        }
        n += bytes;
        calls += events.len();
    }
    let el = t.elapsed().as_secs_f64();
    eprintln!("{which}: {:.0} MB/s, {:.0} events/s", n as f64 / el / 1e6, calls as f64 / el);
}
