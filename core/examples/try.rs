//! Prints what the default profile finds in each argument (or stdin lines).
use std::io::BufRead;
fn main() {
    let s = scrubjay::Scrubber::default();
    let show = |line: &str| {
        let f = s.find(line);
        println!("{line:?}\n  -> {:?}", s.scrub(line));
        for x in f {
            println!("     {} {:?}", x.rule, x.text(line));
        }
    };
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.is_empty() {
        for l in std::io::stdin().lock().lines() {
            show(&l.unwrap());
        }
    } else {
        for a in args {
            show(&a);
        }
    }
}
