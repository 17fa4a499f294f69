//! Facts derived from a regex's syntax tree, which the engine uses to skip
//! text that cannot hold a match.
//!
//! Everything here is a sound over-approximation of what the regex can match:
//! - the *alphabet*: every byte any match can contain;
//! - the *minimum counts* of a few byte classes (digits, `:`, `.`, `-`, `@`, `+`)
//!   that every match contains;
//! - the *prefixes*: a finite set of literals one of which starts every match.
//!
//! Because every match consists only of alphabet bytes, every match lies
//! inside one maximal run of alphabet bytes; the engine searches only runs
//! that also satisfy the minimum counts. See `docs/ARCHITECTURE.md`.

use regex_syntax::hir::literal::{ExtractKind, Extractor};
use regex_syntax::hir::{Class, Hir, HirKind};

/// A set of bytes, as a lookup table.
#[derive(Clone, PartialEq, Eq)]
pub(crate) struct ByteSet(pub(crate) [bool; 256]);

impl std::fmt::Debug for ByteSet {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "ByteSet({} bytes)", self.0.iter().filter(|&&b| b).count())
    }
}

impl ByteSet {
    pub(crate) fn empty() -> ByteSet {
        ByteSet([false; 256])
    }

    pub(crate) fn insert_range(&mut self, lo: u8, hi: u8) {
        for b in lo..=hi {
            self.0[usize::from(b)] = true;
        }
    }

    pub(crate) fn union(&mut self, other: &ByteSet) {
        for (a, b) in self.0.iter_mut().zip(other.0.iter()) {
            *a |= *b;
        }
    }

    #[inline(always)]
    pub(crate) fn contains(&self, b: u8) -> bool {
        self.0[usize::from(b)]
    }
}

/// The byte classes whose occurrences are counted in candidate windows.
pub(crate) const COUNTED: [CountClass; 6] =
    [CountClass::Digit, CountClass::Colon, CountClass::Dot, CountClass::Dash, CountClass::At, CountClass::Plus];

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum CountClass {
    Digit,
    Colon,
    Dot,
    Dash,
    At,
    Plus,
}

impl CountClass {
    fn contains(self, b: u8) -> bool {
        match self {
            CountClass::Digit => b.is_ascii_digit(),
            CountClass::Colon => b == b':',
            CountClass::Dot => b == b'.',
            CountClass::Dash => b == b'-',
            CountClass::At => b == b'@',
            CountClass::Plus => b == b'+',
        }
    }

    /// The index of the class `b` belongs to, plus one; 0 for none.
    pub(crate) const fn slot_of(b: u8) -> usize {
        match b {
            b'0'..=b'9' => 1,
            b':' => 2,
            b'.' => 3,
            b'-' => 4,
            b'@' => 5,
            b'+' => 6,
            _ => 0,
        }
    }
}

/// Counts of the [`COUNTED`] classes; index `i` is `COUNTED[i]`.
pub(crate) type Counts = [u32; COUNTED.len()];

/// Maps each byte to its slot in a `[u32; 7]` counter (slot 0 = uncounted).
pub(crate) static SLOT: [u8; 256] = {
    let mut t = [0u8; 256];
    let mut b = 0;
    while b < 256 {
        t[b] = CountClass::slot_of(b as u8) as u8;
        b += 1;
    }
    t
};

/// What the engine needs to know about one regex.
#[derive(Debug, Clone)]
pub(crate) struct Analysis {
    pub(crate) alphabet: ByteSet,
    pub(crate) min_len: usize,
    pub(crate) min_counts: Counts,
    /// Literals one of which begins every match, when there is a small set
    /// of long-enough ones.
    pub(crate) prefixes: Option<Vec<Vec<u8>>>,
    pub(crate) can_match_empty: bool,
    /// The fewest maximal runs of digits any match contains.
    pub(crate) min_digit_runs: u32,
    /// Whether the regex asserts the start or end of the text or of a line
    /// (`^`, `$`, `\A`, `\z`): such a regex sees texts joined for a batch
    /// differently.
    pub(crate) text_anchors: bool,
}

/// Prefix hooks must be at least this long to be worth a prefilter slot.
const MIN_PREFIX_LEN: usize = 3;
/// More prefixes than this make a poor prefilter.
const MAX_PREFIXES: usize = 24;

pub(crate) fn analyze(hir: &Hir) -> Analysis {
    let mut alphabet = ByteSet::empty();
    collect_alphabet(hir, &mut alphabet);
    let mut min_counts = [0u32; COUNTED.len()];
    for (slot, class) in min_counts.iter_mut().zip(COUNTED) {
        *slot = min_count(hir, class);
    }
    let min_len = hir.properties().minimum_len().unwrap_or(0);
    Analysis {
        alphabet,
        min_len,
        min_counts,
        prefixes: prefixes(hir),
        can_match_empty: min_len == 0,
        min_digit_runs: digit_runs(hir).min_runs,
        text_anchors: {
            use regex_syntax::hir::Look;
            let looks = hir.properties().look_set();
            [Look::Start, Look::End, Look::StartLF, Look::EndLF, Look::StartCRLF, Look::EndCRLF]
                .into_iter()
                .any(|l| looks.contains(l))
        },
    }
}

/// What digit runs the strings of a sub-expression can have: a lower bound
/// on their number, and whether a string can start or end with a digit.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Runs {
    min_runs: u32,
    may_start_digit: bool,
    may_end_digit: bool,
    may_be_empty: bool,
}

impl Runs {
    const EMPTY: Runs = Runs { min_runs: 0, may_start_digit: false, may_end_digit: false, may_be_empty: true };

    /// Runs of `a` followed by `b`. Two runs merge only where `a` can end
    /// and `b` can start with a digit, so the sum is exact otherwise and
    /// one too many at most; and a concatenation never has fewer runs than
    /// either part.
    fn then(self, b: Runs) -> Runs {
        let merge = u32::from(self.may_end_digit && b.may_start_digit);
        let sum = (self.min_runs + b.min_runs).saturating_sub(merge);
        Runs {
            min_runs: sum.max(self.min_runs).max(b.min_runs),
            may_start_digit: self.may_start_digit || (self.may_be_empty && b.may_start_digit),
            may_end_digit: b.may_end_digit || (b.may_be_empty && self.may_end_digit),
            may_be_empty: self.may_be_empty && b.may_be_empty,
        }
    }

    fn or(self, b: Runs) -> Runs {
        Runs {
            min_runs: self.min_runs.min(b.min_runs),
            may_start_digit: self.may_start_digit || b.may_start_digit,
            may_end_digit: self.may_end_digit || b.may_end_digit,
            may_be_empty: self.may_be_empty || b.may_be_empty,
        }
    }

    /// One character from a class: a run of its own if every member is a
    /// digit, none if no member is.
    fn byte(all_digits: bool, any_digit: bool) -> Runs {
        Runs {
            min_runs: u32::from(all_digits),
            may_start_digit: any_digit,
            may_end_digit: any_digit,
            may_be_empty: false,
        }
    }
}

fn digit_runs(hir: &Hir) -> Runs {
    match hir.kind() {
        HirKind::Empty | HirKind::Look(_) => Runs::EMPTY,
        HirKind::Literal(lit) => {
            lit.0.iter().map(|b| Runs::byte(b.is_ascii_digit(), b.is_ascii_digit())).fold(Runs::EMPTY, Runs::then)
        }
        HirKind::Class(Class::Bytes(c)) => {
            let all = c.ranges().iter().all(|r| r.start() >= b'0' && r.end() <= b'9');
            let any = c.ranges().iter().any(|r| r.start() <= b'9' && r.end() >= b'0');
            Runs::byte(all && !c.ranges().is_empty(), any)
        }
        HirKind::Class(Class::Unicode(c)) => {
            let all = c.ranges().iter().all(|r| r.start() >= '0' && r.end() <= '9');
            let any = c.ranges().iter().any(|r| r.start() <= '9' && r.end() >= '0');
            Runs::byte(all && !c.ranges().is_empty(), any)
        }
        HirKind::Repetition(rep) => {
            let sub = digit_runs(&rep.sub);
            // `min` copies bound the runs from below; further copies can
            // only add runs or merge into the last one.
            let mut acc = Runs::EMPTY;
            for _ in 0..rep.min.min(64) {
                acc = acc.then(sub);
            }
            if rep.max != Some(rep.min) {
                acc = acc.then(Runs { min_runs: 0, may_be_empty: true, ..sub });
            }
            acc
        }
        HirKind::Capture(cap) => digit_runs(&cap.sub),
        HirKind::Concat(subs) => subs.iter().map(digit_runs).fold(Runs::EMPTY, Runs::then),
        HirKind::Alternation(subs) => subs.iter().map(digit_runs).reduce(Runs::or).unwrap_or(Runs::EMPTY),
    }
}

fn collect_alphabet(hir: &Hir, set: &mut ByteSet) {
    match hir.kind() {
        HirKind::Empty | HirKind::Look(_) => {}
        HirKind::Literal(lit) => {
            for &b in lit.0.iter() {
                set.0[usize::from(b)] = true;
            }
        }
        HirKind::Class(Class::Bytes(c)) => {
            for r in c.ranges() {
                set.insert_range(r.start(), r.end());
            }
        }
        HirKind::Class(Class::Unicode(c)) => {
            for r in c.ranges() {
                let (lo, hi) = (u32::from(r.start()), u32::from(r.end()));
                if lo < 0x80 {
                    // Both bounds are ASCII here, so the casts are lossless.
                    set.insert_range(lo as u8, hi.min(0x7f) as u8);
                }
                if hi >= 0x80 {
                    // Any byte of a multi-byte UTF-8 sequence.
                    set.insert_range(0x80, 0xff);
                }
            }
        }
        HirKind::Repetition(rep) => {
            if rep.max != Some(0) {
                collect_alphabet(&rep.sub, set);
            }
        }
        HirKind::Capture(cap) => collect_alphabet(&cap.sub, set),
        HirKind::Concat(subs) | HirKind::Alternation(subs) => {
            for s in subs {
                collect_alphabet(s, set);
            }
        }
    }
}

/// The fewest bytes of `class` that any match of `hir` contains.
fn min_count(hir: &Hir, class: CountClass) -> u32 {
    match hir.kind() {
        HirKind::Empty | HirKind::Look(_) => 0,
        HirKind::Literal(lit) => lit.0.iter().filter(|&&b| class.contains(b)).count() as u32,
        HirKind::Class(Class::Bytes(c)) => {
            let all_in = c.ranges().iter().all(|r| (r.start()..=r.end()).all(|b| class.contains(b)));
            u32::from(all_in && !c.ranges().is_empty())
        }
        HirKind::Class(Class::Unicode(c)) => {
            let all_in = c.ranges().iter().all(|r| {
                let (lo, hi) = (u32::from(r.start()), u32::from(r.end()));
                hi < 0x80 && (lo..=hi).all(|b| class.contains(b as u8))
            });
            u32::from(all_in && !c.ranges().is_empty())
        }
        HirKind::Repetition(rep) => rep.min.saturating_mul(min_count(&rep.sub, class)),
        HirKind::Capture(cap) => min_count(&cap.sub, class),
        HirKind::Concat(subs) => subs.iter().map(|s| min_count(s, class)).fold(0u32, u32::saturating_add),
        HirKind::Alternation(subs) => subs.iter().map(|s| min_count(s, class)).min().unwrap_or(0),
    }
}

fn prefixes(hir: &Hir) -> Option<Vec<Vec<u8>>> {
    let mut ex = Extractor::new();
    ex.kind(ExtractKind::Prefix).limit_total(512);
    let seq = ex.extract(hir);
    let lits: Vec<&[u8]> = seq.literals()?.iter().map(|l| l.as_bytes()).collect();
    if lits.is_empty() || lits.iter().any(|l| l.len() < MIN_PREFIX_LEN) {
        return None;
    }
    // Any prefix of a prefix is still a prefix of every match, and fewer
    // literals make a faster Teddy. Shorten to the fewest distinct literals
    // of at least 4 bytes (shorter literals are only kept whole), preferring
    // the longest length among equals.
    let truncated = |len: usize| {
        let mut v: Vec<Vec<u8>> = lits.iter().map(|l| l[..l.len().min(len)].to_vec()).collect();
        v.sort();
        v.dedup();
        v
    };
    let longest = lits.iter().map(|l| l.len()).max().unwrap_or(0);
    let mut best = truncated(longest);
    for len in (4..longest).rev() {
        let t = truncated(len);
        if t.len() < best.len() {
            best = t;
        }
    }
    (best.len() <= MAX_PREFIXES).then_some(best)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn an(p: &str) -> Analysis {
        analyze(&regex_syntax::parse(p).unwrap())
    }

    fn digits(a: &Analysis) -> u32 {
        a.min_counts[0]
    }

    #[test]
    fn alphabet_covers_every_byte_a_match_can_contain() {
        let a = an(r"[a-c]+@x\.(?:io|com)");
        for b in b"abc@x.iocm" {
            assert!(a.alphabet.contains(*b), "{}", *b as char);
        }
        assert!(!a.alphabet.contains(b'd'));
        assert!(!a.alphabet.contains(b' '));
        let u = an(r"é+");
        assert!(u.alphabet.contains(0xc3) && u.alphabet.contains(0xa9));
        // Case-insensitive classes are expanded by the parser.
        let ci = an(r"(?i)ab");
        assert!(ci.alphabet.contains(b'A') && ci.alphabet.contains(b'b'));
    }

    #[test]
    fn minimum_counts_are_sound() {
        assert_eq!(digits(&an(r"[0-9]{3}-[0-9]{2}-[0-9]{4}")), 9);
        assert_eq!(an(r"[0-9]{3}-[0-9]{2}-[0-9]{4}").min_counts[3], 2);
        assert_eq!(digits(&an(r"[0-9]{3}|[0-9]{5}")), 3);
        assert_eq!(digits(&an(r"[0-9a-f]{4}")), 0);
        assert_eq!(digits(&an(r"\+?[0-9]{2,}")), 2);
        assert_eq!(an(r"\+?[0-9]{2,}").min_counts[5], 0);
        assert_eq!(an(r"(?:[0-9]{1,3}\.){3}[0-9]{1,3}").min_counts[2], 3);
    }

    #[test]
    fn digit_runs_are_a_lower_bound() {
        let runs = |p: &str| an(p).min_digit_runs;
        assert_eq!(runs(r"(?:[0-9]{1,3}\.){3}[0-9]{1,3}"), 4);
        assert_eq!(runs(r"[0-9]{3}-[0-9]{2}-[0-9]{4}"), 3);
        assert_eq!(runs(r"[0-9](?:[ -]?[0-9]){11,18}"), 1);
        assert_eq!(runs(r"[0-9a-f]{2}(?::[0-9a-f]{2}){5}"), 0);
        assert_eq!(runs(r"[0-9]+|a"), 0);
        assert_eq!(runs(r"12a34"), 2);
        assert_eq!(runs(r"1(?:a?)2"), 1, "the optional letter may vanish");
        assert_eq!(runs(r"(?:1a){3}"), 3);
    }

    /// Brute force: every string of a small regex has at least the derived
    /// number of digit runs.
    #[test]
    fn digit_runs_hold_on_enumerated_strings() {
        let alphabet = [b'0', b'a', b'.'];
        for pattern in [
            r"(?:[0-9]?[a.]?){1,3}[0-9]",
            r"[0-9]{1,2}(?:\.[0-9]{1,2}){2}",
            r"(?:0|a)+(?:\.0)?",
            r"0a?0a?0",
            r"(?:0a|a0|00){2}",
            r"[0a]{2,4}\.?[0.]",
            r"(?:0+\.)*0",
        ] {
            let re = regex_automata::meta::Regex::new(&format!("^(?:{pattern})$")).unwrap();
            let bound = an(pattern).min_digit_runs;
            for len in 1..=7u32 {
                for n in 0..3usize.pow(len) {
                    let s: Vec<u8> = (0..len).map(|i| alphabet[(n / 3usize.pow(i)) % 3]).collect();
                    if re.is_match(&s) {
                        let runs = s.split(|b| !b.is_ascii_digit()).filter(|r| !r.is_empty()).count() as u32;
                        assert!(
                            runs >= bound,
                            "{pattern}: {:?} has {runs} runs < {bound}",
                            String::from_utf8_lossy(&s)
                        );
                    }
                }
            }
        }
    }

    #[test]
    fn prefixes_only_when_small_and_long() {
        assert_eq!(an(r"\bAKIA[A-Z0-9]{16}").prefixes, Some(vec![b"AKIA".to_vec()]));
        assert_eq!(an(r"(?:ghp|gho)_[a-z]+").prefixes, Some(vec![b"gho_".to_vec(), b"ghp_".to_vec()]));
        assert_eq!(an(r"[a-z]+@x").prefixes, None);
        assert_eq!(an(r"ab[a-z]").prefixes, None, "too short to be a useful hook");
        assert_eq!(an(r"ab[0-9]").prefixes.map(|p| p.len()), Some(10));
    }

    #[test]
    fn empty_matches_are_detected() {
        assert!(an(r"a*").can_match_empty);
        assert!(an(r"\b").can_match_empty);
        assert!(!an(r"a+").can_match_empty);
    }
}
