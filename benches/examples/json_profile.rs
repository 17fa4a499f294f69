//! Scrubs the JSON event corpus in a loop for profiling:
//! `json_profile <clean|dirty|naive|report|walk> [seconds | <N>x]` (`naive` is the
//! baseline on the events with findings; `report` is `report_json` on them;
//! `walk` is `scrub_json_str` with no rules on the clean events). `<N>x`
//! runs exactly N passes over the corpus instead, for instruction counts
//! under callgrind.
fn main() {
    let args: Vec<String> = std::env::args().collect();
    let which = args.get(1).map(String::as_str).unwrap_or("clean");
    let arg = args.get(2).map(String::as_str).unwrap_or("3");
    let (secs, passes): (f64, usize) = match arg.strip_suffix('x') {
        Some(n) => (f64::INFINITY, n.parse().expect("N in `<N>x` is a number of passes")),
        None => (arg.parse().expect("seconds is a number"), usize::MAX),
    };
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
    let mut pass = 0;
    while t.elapsed().as_secs_f64() < secs && pass < passes {
        pass += 1;
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
