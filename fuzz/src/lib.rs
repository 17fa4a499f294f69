//! Shared pieces of the scrubjay fuzz targets: a fixed set of scrubbers whose
//! actions are known exactly (so a target can rebuild the expected output
//! from the findings), structured configs built with `arbitrary`, and the
//! invariant checks every target runs.
//!
//! Invariants (a violation panics, which libFuzzer reports as a crash):
//! - nothing panics inside scrubjay;
//! - findings are sorted, do not overlap, and lie on character boundaries;
//! - the output is exactly the input with each finding's span replaced by
//!   its action's rendering (so the original text of a finding never stays
//!   where it was, unless the rendering happens to equal it, e.g. masking
//!   `***`), and is valid UTF-8 when the input was;
//! - `scrub`, `find` and `scrub_with_findings` agree;
//! - scrubbing is idempotent when every action is replace, mask or hash
//!   (see [`Fixed::idempotent`] for the exact restriction).

use std::ops::Range;
use std::sync::OnceLock;

use arbitrary::Arbitrary;
use scrubjay::{ActionKind, Config, Finding, Scrubber};
use serde_json::{Value, json};

/// The hash key of the fixed hashing scrubber.
const HASH_KEY: &str = "fuzz-key";

/// How the rules of a fixed scrubber render a finding.
#[derive(Debug, Clone, Copy)]
pub enum Render {
    /// `template` with `{rule}` replaced by the rule id.
    Replace(&'static str),
    /// Every character replaced by this one.
    Mask(char),
    /// `[{rule}:{16 hex digits}]`.
    Hash,
    /// Deleted.
    Remove,
    /// Left as it is.
    Keep,
}

/// A scrubber built from a fixed config, with the rendering of each action.
#[derive(Debug)]
pub struct Fixed {
    /// A short name for messages.
    pub name: &'static str,
    /// The compiled scrubber.
    pub scrubber: Scrubber,
    /// How a rule id's findings render.
    pub render: fn(&str) -> Render,
    /// Whether scrubbing the output again must change nothing. True when
    /// every action is replace, mask or hash and every replacement is
    /// bracketed so that it cannot combine with its neighbours into a new
    /// finding. `remove` joins the text around a finding, so it is excluded,
    /// as the issue says.
    pub idempotent: bool,
}

fn replace_default(_: &str) -> Render {
    Render::Replace("[{rule}]")
}

fn mask_star(_: &str) -> Render {
    Render::Mask('*')
}

fn hash_all(_: &str) -> Render {
    Render::Hash
}

fn custom(rule: &str) -> Render {
    match rule {
        "employee" => Render::Replace("<EMP:{rule}>"),
        "names" => Render::Mask('#'),
        "ticket" => Render::Remove,
        "marker" => Render::Keep,
        _ => Render::Replace("[{rule}]"),
    }
}

/// The custom-rule config used by the fixed `custom` scrubber.
pub fn custom_config() -> Value {
    json!({
        "profile": "default",
        "rules": {
            "employee": {"pattern": "EMP-[0-9]{4,8}", "action": {"type": "replace", "template": "<EMP:{rule}>"}},
            "names": {"terms": ["Ada Lovelace", "grace", "Ünïcödé"], "case_insensitive": true,
                      "action": {"type": "mask", "char": "#"}},
            "ticket": {"pattern": "(?:TICKET|ticket)#([0-9]+)", "group": 1, "action": "remove"},
            "marker": {"pattern": "@@[a-z]+@@", "action": "keep"}
        }
    })
}

fn build(config: Value) -> Scrubber {
    let config = Config::from_value(config).expect("fixed fuzz config parses");
    Scrubber::new(&config).expect("fixed fuzz config compiles")
}

/// The fixed scrubbers, built once per process.
pub fn fixed() -> &'static [Fixed] {
    static FIXED: OnceLock<Vec<Fixed>> = OnceLock::new();
    FIXED.get_or_init(|| {
        vec![
            Fixed { name: "default", scrubber: build(json!({})), render: replace_default, idempotent: true },
            Fixed {
                name: "strict",
                scrubber: build(json!({"profile": "strict"})),
                render: replace_default,
                idempotent: true,
            },
            Fixed {
                name: "secrets",
                scrubber: build(json!({"profile": "secrets"})),
                render: replace_default,
                idempotent: true,
            },
            Fixed {
                name: "strict-mask",
                scrubber: build(json!({"profile": "strict", "default_action": "mask"})),
                render: mask_star,
                idempotent: true,
            },
            Fixed {
                name: "strict-hash",
                scrubber: build(json!({"profile": "strict", "default_action": "hash", "hash_key": HASH_KEY})),
                render: hash_all,
                // The default hash template renders `[us_ssn:3fd59a09d4d6732e]`;
                // `password_assignment` must not read it as `us_ssn: <value>`.
                idempotent: true,
            },
            Fixed { name: "custom", scrubber: build(custom_config()), render: custom, idempotent: false },
        ]
    })
}

/// Picks a fixed scrubber from a selector byte.
pub fn pick(selector: u8) -> &'static Fixed {
    let all = fixed();
    &all[usize::from(selector) % all.len()]
}

/// Whether `at` is a character boundary of `bytes`, taken as UTF-8 where it
/// is valid: not strictly inside a valid multi-byte sequence.
pub fn is_boundary(bytes: &[u8], at: usize) -> bool {
    if at == 0 || at >= bytes.len() {
        return at <= bytes.len();
    }
    // Walk back to the lead byte of the sequence `at` may be inside.
    let mut lead = at;
    while lead > 0 && at - lead < 3 && (bytes[lead] & 0xC0) == 0x80 {
        lead -= 1;
    }
    if lead == at {
        return true;
    }
    let width = match bytes[lead] {
        0xC2..=0xDF => 2,
        0xE0..=0xEF => 3,
        0xF0..=0xF4 => 4,
        _ => return true,
    };
    let end = lead + width;
    // Inside a sequence only if the whole sequence is valid UTF-8.
    !(end > at && end <= bytes.len() && std::str::from_utf8(&bytes[lead..end]).is_ok())
}

/// Findings are sorted, disjoint, non-empty... and on character boundaries.
pub fn check_findings(input: &[u8], findings: &[Finding]) {
    let mut last_end = 0;
    for f in findings {
        assert!(f.start <= f.end && f.end <= input.len(), "finding {f:?} outside input of {} bytes", input.len());
        assert!(f.start >= last_end, "findings overlap or are unsorted: {findings:?}");
        assert!(is_boundary(input, f.start), "finding {f:?} starts inside a character");
        assert!(is_boundary(input, f.end), "finding {f:?} ends inside a character");
        last_end = f.end;
    }
}

fn is_hex_render(rule: &str, seg: &[u8]) -> bool {
    let prefix = format!("[{rule}:");
    seg.len() == prefix.len() + 17
        && seg.starts_with(prefix.as_bytes())
        && seg.ends_with(b"]")
        && seg[prefix.len()..prefix.len() + 16].iter().all(|b| b.is_ascii_hexdigit() && !b.is_ascii_uppercase())
}

/// The output must be the input with each finding rendered by its action.
///
/// Returns the output ranges of the renderings of text-changing findings.
pub fn check_output(fixed: &Fixed, input: &[u8], findings: &[Finding], output: &[u8]) -> Vec<Range<usize>> {
    let mut rendered = Vec::new();
    let mut at = 0; // in input
    let mut out = 0; // in output
    for f in findings {
        let gap = &input[at..f.start];
        assert_eq!(
            output.get(out..out + gap.len()),
            Some(gap),
            "[{}] text between findings changed before {f:?}",
            fixed.name
        );
        out += gap.len();
        let original = &input[f.start..f.end];
        let render = (fixed.render)(&f.rule);
        let seg_len = match render {
            Render::Replace(t) => {
                assert_eq!(f.action, ActionKind::Replace, "[{}] {f:?}", fixed.name);
                let expected = t.replace("{rule}", &f.rule);
                assert_eq!(
                    output.get(out..out + expected.len()),
                    Some(expected.as_bytes()),
                    "[{}] replacement of {f:?}",
                    fixed.name
                );
                expected.len()
            }
            Render::Mask(c) => {
                assert_eq!(f.action, ActionKind::Mask, "[{}] {f:?}", fixed.name);
                let n = String::from_utf8_lossy(original).chars().count();
                let expected: String = std::iter::repeat_n(c, n).collect();
                assert_eq!(
                    output.get(out..out + expected.len()),
                    Some(expected.as_bytes()),
                    "[{}] mask of {f:?}",
                    fixed.name
                );
                expected.len()
            }
            Render::Hash => {
                assert_eq!(f.action, ActionKind::Hash, "[{}] {f:?}", fixed.name);
                let n = f.rule.len() + 19;
                let seg = output.get(out..out + n).unwrap_or(&[]);
                assert!(
                    is_hex_render(&f.rule, seg),
                    "[{}] hash of {f:?}: {:?}",
                    fixed.name,
                    String::from_utf8_lossy(seg)
                );
                n
            }
            Render::Remove => {
                assert_eq!(f.action, ActionKind::Remove, "[{}] {f:?}", fixed.name);
                0
            }
            Render::Keep => {
                assert_eq!(f.action, ActionKind::Keep, "[{}] {f:?}", fixed.name);
                original.len()
            }
        };
        let seg = &output[out..out + seg_len];
        if f.action.changes_text() && !original.is_empty() {
            // The finding's text must not survive where it was, unless the
            // rendering is that very text (masking `***` with `*`).
            let all_mask =
                matches!(render, Render::Mask(c) if String::from_utf8_lossy(original).chars().all(|x| x == c));
            assert!(seg != original || all_mask, "[{}] {f:?} left in place", fixed.name);
            rendered.push(out..out + seg_len);
        }
        out += seg_len;
        at = f.end;
    }
    assert_eq!(&output[out..], &input[at..], "[{}] text after the last finding changed", fixed.name);
    rendered
}

/// How close (in bytes) to a first-pass rendering a second-pass finding
/// may lie and still count as the known idempotence exception: as far as a
/// rule's checks look around a match (context words look back up to 24
/// characters by default; validators read a few neighbouring bytes).
const NEAR: usize = 32;

/// Scrubbing the output again must change nothing, with one known, precisely
/// bounded exception (reported; see docs/RELIABILITY.md, "Fuzzing"):
///
/// - **Neighbourhood**: a second-pass finding that overlaps a first-pass
///   rendering and reaches past it, or lies within [`NEAR`] bytes of one. A
///   rendering is new text next to its neighbours and can change how they
///   read: a value that stopped at a character the mask turns into `*` runs
///   on; a number that touched a phone number is alone once the phone
///   number is `[phone]`.
///
/// Not tolerated: a second-pass finding inside a rendering (a rendering
/// read as a secret: `[us_ssn:3fd5…]` as `us_ssn: <value>`, fixed in the
/// core), and any change far from every rendering. A second-pass finding
/// whose rendering equals its text (`****` masked again) changes nothing
/// and is ignored.
pub fn check_idempotent(fixed: &Fixed, output: &str, rendered: &[Range<usize>]) {
    let again = fixed.scrubber.scrub_with_findings(output);
    if again.text == output {
        return;
    }
    for f in again.findings.iter().filter(|f| f.action.changes_text()) {
        if renders_as_itself(fixed, &f.rule, f.text(output)) {
            continue;
        }
        let inside = rendered.iter().any(|r| r.start <= f.start && f.end <= r.end);
        let neighbourhood = rendered.iter().any(|r| {
            let overlaps = f.start < r.end && r.start < f.end;
            let near = f.start >= r.end && f.start - r.end <= NEAR || r.start >= f.end && r.start - f.end <= NEAR;
            overlaps || near
        });
        assert!(
            !inside && neighbourhood,
            "[{}] scrubbing is not idempotent: second pass finds {f:?} = {:?} {} in {output:?}",
            fixed.name,
            f.text(output),
            if inside { "inside a rendering" } else { "away from any rendering" }
        );
    }
}

/// Whether scrubbing `text` as a finding of `rule` gives `text` back.
fn renders_as_itself(fixed: &Fixed, rule: &str, text: &str) -> bool {
    match (fixed.render)(rule) {
        Render::Mask(c) => text.chars().all(|x| x == c),
        Render::Replace(template) => template.replace("{rule}", rule) == text,
        // A hash of a hash rendering is another hash.
        _ => false,
    }
}

/// Every check for text input with one fixed scrubber.
pub fn check_text(fixed: &Fixed, input: &str) {
    let s = &fixed.scrubber;
    let r = s.scrub_with_findings(input);
    check_findings(input.as_bytes(), &r.findings);
    let rendered = check_output(fixed, input.as_bytes(), &r.findings, r.text.as_bytes());
    assert_eq!(s.scrub(input), r.text, "[{}] scrub and scrub_with_findings differ", fixed.name);
    assert_eq!(s.find(input), r.findings, "[{}] find and scrub_with_findings differ", fixed.name);
    // Text and bytes agree on valid UTF-8.
    assert_eq!(&*s.scrub_bytes(input.as_bytes()), r.text.as_bytes(), "[{}] scrub_bytes differs", fixed.name);
    if fixed.idempotent {
        check_idempotent(fixed, &r.text, &rendered);
    }
}

/// Every check for byte input with one fixed scrubber.
pub fn check_bytes(fixed: &Fixed, input: &[u8]) {
    let s = &fixed.scrubber;
    let r = s.scrub_bytes_with_findings(input);
    check_findings(input, &r.findings);
    check_output(fixed, input, &r.findings, &r.text);
    assert_eq!(&*s.scrub_bytes(input), &*r.text, "[{}] scrub_bytes and _with_findings differ", fixed.name);
    assert_eq!(s.find_bytes(input), r.findings, "[{}] find_bytes and _with_findings differ", fixed.name);
    if let Ok(text) = std::str::from_utf8(input) {
        assert!(std::str::from_utf8(&r.text).is_ok(), "[{}] valid UTF-8 in, invalid out", fixed.name);
        assert_eq!(s.scrub(text).as_bytes(), &*r.text, "[{}] scrub and scrub_bytes differ", fixed.name);
    }
    let batch = s.scrub_bytes_batch(&[input, input]);
    assert!(batch.iter().all(|b| **b == *r.text), "[{}] batch differs from single", fixed.name);
}

/// Pieces of regex syntax for generated patterns: small enough that most
/// combinations compile, varied enough to reach classes, repetition,
/// alternation, anchors, word boundaries, Unicode and groups.
const REGEX_PIECES: &[&str] = &[
    "a",
    "b",
    "x",
    "0",
    "[0-9]",
    "[a-z]",
    "\\d",
    "\\w",
    "\\s",
    ".",
    "@",
    "-",
    "\\.",
    "é",
    "\\p{L}",
    "[^ ]",
    "(?i)",
    "\\b",
    "^",
    "$",
    "+",
    "*",
    "?",
    "{2}",
    "{1,3}",
    "|",
    "(",
    ")",
    "(?:",
    "(?P<v>",
    "[",
    "]",
    "\\",
    "{",
    "}",
    "ab",
    "[0-9]{4}",
    "\\d{3}-\\d{2}",
    "(?m)",
    "(?s)",
    "\\B",
    "[[:alpha:]]",
    "\u{1F600}",
];

/// Words for terms, keywords, context and allowlists.
const WORDS: &[&str] = &[
    "a",
    "ab",
    "abc",
    "key",
    "secret",
    "Ada",
    "ada@example.com",
    "4111 1111 1111 1111",
    "é",
    "ÉCOLE",
    " ",
    "",
    "x-y",
    "10.0.0.1",
    "\u{1F600}",
];

/// A rule of a generated config.
#[derive(Debug, Arbitrary)]
pub enum ArbRule {
    /// A pattern rule from regex pieces.
    Pattern {
        /// Indices into the regex pieces.
        pieces: Vec<u8>,
        /// Capture group to scrub.
        group: Option<u8>,
        /// Keyword indices.
        keywords: Option<Vec<u8>>,
        /// Validator index.
        validator: Option<u8>,
        /// Context words and distance.
        context: Option<(Vec<u8>, u8)>,
    },
    /// A terms rule.
    Terms {
        /// Word indices, or free text.
        terms: Vec<ArbWord>,
        /// ASCII case-insensitive.
        case_insensitive: Option<bool>,
        /// Whole words only.
        whole_word: Option<bool>,
    },
    /// A change to a builtin rule.
    Builtin {
        /// Index into the builtin catalogue.
        index: u8,
        /// On or off.
        enabled: Option<bool>,
    },
}

/// A word: from the list, or arbitrary text.
#[derive(Debug, Arbitrary)]
pub enum ArbWord {
    /// An index into the word list.
    Known(u8),
    /// Free text.
    Free(String),
}

impl ArbWord {
    fn text(&self) -> String {
        match self {
            ArbWord::Known(i) => WORDS[usize::from(*i) % WORDS.len()].to_string(),
            ArbWord::Free(s) => s.clone(),
        }
    }
}

/// An action of a generated config.
#[derive(Debug, Arbitrary)]
pub enum ArbAction {
    /// Replace, with an optional template.
    Replace(Option<String>),
    /// Mask.
    Mask {
        /// Mask character.
        char: Option<char>,
        /// Kept at the start.
        keep_first: Option<u8>,
        /// Kept at the end.
        keep_last: Option<u8>,
        /// Keep separators.
        keep_separators: Option<bool>,
    },
    /// Hash.
    Hash {
        /// Digest length.
        length: Option<u8>,
        /// Template.
        template: Option<String>,
    },
    /// Remove.
    Remove,
    /// Keep.
    Keep,
}

impl ArbAction {
    fn to_json(&self) -> Value {
        match self {
            ArbAction::Replace(t) => json!({"type": "replace", "template": t}),
            ArbAction::Mask { char, keep_first, keep_last, keep_separators } => json!({
                "type": "mask", "char": char, "keep_first": keep_first, "keep_last": keep_last,
                "keep_separators": keep_separators
            }),
            ArbAction::Hash { length, template } => json!({"type": "hash", "length": length, "template": template}),
            ArbAction::Remove => json!("remove"),
            ArbAction::Keep => json!("keep"),
        }
    }
}

/// A generated config: profile, rules with actions and JSON path settings,
/// allowlist.
#[derive(Debug, Arbitrary)]
pub struct ArbConfig {
    /// Profile index (or none).
    pub profile: Option<u8>,
    /// Rules with an optional action, priority and JSON selectors.
    pub rules: Vec<(ArbRule, Option<ArbAction>, Option<i8>, ArbPaths)>,
    /// Default action.
    pub default_action: Option<ArbAction>,
    /// Whether to set a hash key.
    pub hash_key: bool,
    /// Allowlisted values.
    pub allow_values: Vec<ArbWord>,
    /// Allowlist patterns.
    pub allow_patterns: Vec<Vec<u8>>,
    /// JSON settings.
    pub json: ArbJson,
}

/// JSON path selectors of a rule.
#[derive(Debug, Arbitrary, Default)]
pub struct ArbPaths {
    /// `paths`.
    pub paths: Option<Vec<ArbSelector>>,
    /// `include_paths`.
    pub include: Option<Vec<ArbSelector>>,
    /// `exclude_paths`.
    pub exclude: Option<Vec<ArbSelector>>,
}

/// JSON settings of a generated config.
#[derive(Debug, Arbitrary)]
pub struct ArbJson {
    /// Sensitive keys added.
    pub add: Vec<ArbWord>,
    /// Sensitive keys removed.
    pub remove: Vec<ArbWord>,
    /// Safe keys.
    pub safe: Vec<ArbWord>,
    /// Excluded paths.
    pub exclude: Vec<ArbSelector>,
    /// Scrub numbers.
    pub scrub_numbers: Option<bool>,
    /// Treat pairs as key/value.
    pub pairs: Option<bool>,
}

const SELECTOR_PIECES: &[&str] = &[
    "a", "b", "user", "card", "*", "**", ".", "[0]", "[1]", "[*]", "[", "]", "\"", "'", "x.y", "\\", "$", "é", "0",
    "-", "~", " ",
];

/// A path selector: glued pieces or free text.
#[derive(Debug, Arbitrary)]
pub enum ArbSelector {
    /// Pieces glued together.
    Pieces(Vec<u8>),
    /// Free text.
    Free(String),
}

impl ArbSelector {
    /// The selector text.
    pub fn text(&self) -> String {
        match self {
            ArbSelector::Pieces(p) => {
                p.iter().map(|&i| SELECTOR_PIECES[usize::from(i) % SELECTOR_PIECES.len()]).collect()
            }
            ArbSelector::Free(s) => s.clone(),
        }
    }
}

fn selectors(v: &Option<Vec<ArbSelector>>) -> Value {
    match v {
        Some(v) => Value::Array(v.iter().map(|s| Value::String(s.text())).collect()),
        None => Value::Null,
    }
}

/// A regex from pieces.
pub fn regex_of(pieces: &[u8]) -> String {
    pieces.iter().map(|&i| REGEX_PIECES[usize::from(i) % REGEX_PIECES.len()]).collect()
}

fn strip_nulls(v: &mut Value) {
    match v {
        Value::Object(m) => {
            m.retain(|_, v| !v.is_null());
            m.values_mut().for_each(strip_nulls);
        }
        Value::Array(a) => a.iter_mut().for_each(strip_nulls),
        _ => {}
    }
}

impl ArbConfig {
    /// The config as JSON (absent options left out).
    pub fn to_json(&self) -> Value {
        let profiles = scrubjay::profiles();
        let builtins: Vec<_> = scrubjay::builtin_rules().map(|r| r.id).collect();
        let mut rules = serde_json::Map::new();
        for (n, (rule, action, priority, paths)) in self.rules.iter().enumerate() {
            let (id, mut body) = match rule {
                ArbRule::Pattern { pieces, group, keywords, validator, context } => {
                    let validators: Vec<_> = scrubjay::validators().collect();
                    (
                        format!("p{n}"),
                        json!({
                            "pattern": regex_of(pieces),
                            "group": group,
                            "keywords": keywords.as_ref().map(|k| k.iter().map(|&i| WORDS[usize::from(i) % WORDS.len()]).collect::<Vec<_>>()),
                            "validator": validator.map(|v| validators.get(usize::from(v) % (validators.len() + 1)).copied().unwrap_or("no_such")),
                            "context": context.as_ref().map(|(w, within)| json!({
                                "words": w.iter().map(|&i| WORDS[usize::from(i) % WORDS.len()]).collect::<Vec<_>>(),
                                "within": within,
                            })),
                        }),
                    )
                }
                ArbRule::Terms { terms, case_insensitive, whole_word } => (
                    format!("t{n}"),
                    json!({
                        "terms": terms.iter().map(ArbWord::text).collect::<Vec<_>>(),
                        "case_insensitive": case_insensitive,
                        "whole_word": whole_word,
                    }),
                ),
                ArbRule::Builtin { index, enabled } => {
                    (builtins[usize::from(*index) % builtins.len()].to_string(), json!({"enabled": enabled}))
                }
            };
            let m = body.as_object_mut().expect("object");
            if let Some(a) = action {
                m.insert("action".into(), a.to_json());
            }
            if let Some(p) = priority {
                m.insert("priority".into(), json!(p));
            }
            m.insert("paths".into(), selectors(&paths.paths));
            m.insert("include_paths".into(), selectors(&paths.include));
            m.insert("exclude_paths".into(), selectors(&paths.exclude));
            rules.insert(id, body);
        }
        let mut v = json!({
            // No profile byte means `none` (not the implicit `default`):
            // compiling the whole catalogue per input would cut the
            // executions per second tenfold; `Some` reaches every profile.
            "profile": self.profile.map_or("none", |p| profiles.get(usize::from(p) % (profiles.len() + 1)).copied().unwrap_or("no_such")),
            "rules": rules,
            "default_action": self.default_action.as_ref().map(ArbAction::to_json),
            "hash_key": if self.hash_key { Some(HASH_KEY) } else { None },
            "allowlist": {
                "values": self.allow_values.iter().map(ArbWord::text).collect::<Vec<_>>(),
                "patterns": self.allow_patterns.iter().map(|p| regex_of(p)).collect::<Vec<_>>(),
            },
            "json": {
                "sensitive_keys": {
                    "add": self.json.add.iter().map(ArbWord::text).collect::<Vec<_>>(),
                    "remove": self.json.remove.iter().map(ArbWord::text).collect::<Vec<_>>(),
                },
                "safe_keys": self.json.safe.iter().map(ArbWord::text).collect::<Vec<_>>(),
                "exclude": self.json.exclude.iter().map(ArbSelector::text).collect::<Vec<_>>(),
                "scrub_numbers": self.json.scrub_numbers,
                "pairs": self.json.pairs,
            },
        });
        strip_nulls(&mut v);
        v
    }
}

/// Checks that hold for any scrubber on any text: no panic, findings on
/// character boundaries, the APIs agree, UTF-8 in gives UTF-8 out.
pub fn check_any(s: &Scrubber, input: &[u8]) {
    let r = s.scrub_bytes_with_findings(input);
    check_findings(input, &r.findings);
    assert_eq!(s.find_bytes(input), r.findings, "find_bytes and scrub_bytes_with_findings differ");
    if let Ok(text) = std::str::from_utf8(input) {
        assert!(std::str::from_utf8(&r.text).is_ok(), "valid UTF-8 in, invalid out");
        let t = s.scrub_with_findings(text);
        assert_eq!(t.text.as_bytes(), &*r.text, "scrub and scrub_bytes differ");
        assert_eq!(t.findings, r.findings, "find and find_bytes differ");
    }
    // With no findings the output is the input.
    if r.findings.iter().all(|f| !f.action.changes_text()) {
        assert_eq!(&*r.text, input, "output changed without a text-changing finding");
    }
}

/// Checks for JSON text with any scrubber: the output parses when the input
/// did, the text and value APIs agree, the report matches.
pub fn check_json(s: &Scrubber, input: &str, idempotent: bool) {
    let Ok(r) = s.scrub_json_with_report(input) else {
        // Rejected: so must the report be.
        assert!(s.report_json(input).is_err(), "report_json accepts what scrub_json rejects");
        return;
    };
    assert_eq!(s.report_json(input).ok(), Some(r.findings.clone()), "report_json differs from scrub_json_with_report");
    for f in &r.findings {
        assert!(f.start <= f.end, "bad JSON finding {f:?}");
    }
    let Ok(mut value) = serde_json::from_str::<Value>(input) else { return };
    let out: Value =
        serde_json::from_str(&r.text).unwrap_or_else(|e| panic!("scrubbed JSON does not parse ({e}): {:?}", r.text));
    // The value API gives the same document, when the value round-trips.
    if serde_json::to_string(&value).ok().and_then(|t| serde_json::from_str::<Value>(&t).ok()).as_ref() == Some(&value)
        && s.scrub_json_value(&mut value).is_ok()
    {
        assert_eq!(value, out, "scrub_json_value and scrub_json_str disagree");
    }
    if idempotent {
        // As for text (see `check_idempotent`), with the known exceptions
        // bounded to values the first pass already changed. A whole value
        // (under a sensitive key or a path rule) scrubbed before is left
        // alone: no second-pass finding covers one.
        let again = s.scrub_json_with_report(&r.text).expect("scrubbed JSON scrubs");
        if again.text != r.text {
            for f in again.findings.iter().filter(|f| f.action.changes_text()) {
                assert!(!f.whole, "JSON scrubbing is not idempotent: second pass scrubs a whole value again: {f:?}");
                let known = r.findings.iter().any(|g| g.action.changes_text() && g.pointer == f.pointer);
                assert!(
                    known,
                    "JSON scrubbing is not idempotent: second pass finds {f:?} in a value the first left alone"
                );
            }
        }
    }
}
