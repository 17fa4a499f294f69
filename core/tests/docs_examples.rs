//! Every `input → output` example in docs/rules.md holds: the tables are
//! run through the scrubber (the `default` profile, or `strict` in the
//! sections of rules it does not enable).

use scrubjay::{Config, Scrubber};

/// The backticked cell text, with markdown's `\|` unescaped.
fn code(cell: &str) -> Option<String> {
    let c = cell.trim();
    let inner = c.strip_prefix('`')?.strip_suffix('`')?;
    Some(inner.replace("\\|", "|"))
}

/// Splits a table row on unescaped `|`.
fn cells(row: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut cur = String::new();
    let mut chars = row.trim().trim_start_matches('|').chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' if chars.peek() == Some(&'|') => {
                cur.push('\\');
                cur.push('|');
                chars.next();
            }
            '|' => out.push(std::mem::take(&mut cur)),
            c => cur.push(c),
        }
    }
    out
}

#[test]
fn rules_md_examples_hold() {
    let doc = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../docs/rules.md")).unwrap();
    let default = Scrubber::default();
    let strict = Scrubber::new(&Config::with_profile("strict")).unwrap();
    let mut section = String::new();
    let mut checked = 0;
    let mut failures = Vec::new();
    for line in doc.lines() {
        if let Some(h) = line.strip_prefix("## ") {
            section = h.trim().trim_matches('`').to_string();
            continue;
        }
        if !line.starts_with("| `") {
            continue;
        }
        let row = cells(line);
        let (Some(input), Some(out_cell)) = (row.first().and_then(|c| code(c)), row.get(1)) else { continue };
        let expected = if out_cell.trim() == "(unchanged)" {
            input.clone()
        } else if let Some(o) = code(out_cell) {
            o
        } else {
            continue;
        };
        let s = if section == "uuid" || section == "user_path" { &strict } else { &default };
        let got = s.scrub(&input);
        checked += 1;
        if got != expected {
            failures.push(format!("[{section}] {input:?}\n    doc says {expected:?}\n    got      {got:?}"));
        }
    }
    assert!(checked > 80, "only {checked} examples found: did the table format change?");
    assert!(failures.is_empty(), "{} of {checked} examples fail:\n{}", failures.len(), failures.join("\n"));
}
