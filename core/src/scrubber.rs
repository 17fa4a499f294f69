//! The public entry point: a compiled, shareable [`Scrubber`].

use std::borrow::Cow;
use std::fmt;
use std::panic::{RefUnwindSafe, UnwindSafe};
use std::sync::Arc;

use regex_automata::util::pool::Pool;

use crate::action::ActionKind;
use crate::compile;
use crate::config::Config;
use crate::engine::{Candidate, Engine, Scratch};
use crate::error::Result;
use crate::rule::{Rule, RuleKind};

type ScratchFn = Box<dyn Fn() -> Scratch + Send + Sync + UnwindSafe + RefUnwindSafe>;

/// Finds and scrubs PII and secrets. Compile once, share everywhere.
///
/// A `Scrubber` is immutable, cheap to clone (clones share the compiled
/// rules), `Send` and `Sync`. Per-search working memory is pooled, so
/// scrubbing clean text allocates nothing once a thread has scrubbed once.
///
/// ```
/// use scrubjay::Scrubber;
///
/// let scrubber = Scrubber::default();
/// let out = scrubber.scrub("mail ada@example.com, card 4111 1111 1111 1111");
/// assert_eq!(out, "mail [email], card [credit_card]");
///
/// // Clean text comes back borrowed: no copy, no allocation.
/// assert!(matches!(scrubber.scrub("nothing to see"), std::borrow::Cow::Borrowed(_)));
/// ```
#[derive(Clone)]
pub struct Scrubber {
    inner: Arc<Inner>,
}

struct Inner {
    engine: Arc<Engine>,
    pool: Pool<Scratch, ScratchFn>,
}

impl fmt::Debug for Scrubber {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Scrubber")
            .field("rules", &self.inner.engine.rules.iter().map(|r| &*r.id).collect::<Vec<_>>())
            .finish()
    }
}

impl Default for Scrubber {
    /// The `default` profile with no changes.
    fn default() -> Scrubber {
        // The builtin catalogue is fixed at compile time and covered by tests.
        Scrubber::new(&Config::default()).expect("the default profile always compiles")
    }
}

/// A finding: which rule matched where, and what was done about it.
///
/// Offsets are byte offsets into the input, on character boundaries.
///
/// ```
/// let s = scrubjay::Scrubber::default();
/// let found = s.find("call +44 20 7946 0958 now");
/// assert_eq!(found.len(), 1);
/// assert_eq!(&*found[0].rule, "phone");
/// assert_eq!(found[0].text("call +44 20 7946 0958 now"), "+44 20 7946 0958");
/// assert_eq!(found[0].action, scrubjay::ActionKind::Replace);
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Finding {
    /// The id of the rule that found it.
    pub rule: Arc<str>,
    /// Byte offset of the first byte.
    pub start: usize,
    /// Byte offset one past the last byte.
    pub end: usize,
    /// What the scrubber does with it.
    pub action: ActionKind,
}

impl Finding {
    /// The byte range of the finding.
    ///
    /// ```
    /// let f = &scrubjay::Scrubber::default().find("x 10.1.2.3")[0];
    /// assert_eq!(f.range(), 2..10);
    /// ```
    pub fn range(&self) -> std::ops::Range<usize> {
        self.start..self.end
    }

    /// The finding's text in `input` (the text it was found in); empty if
    /// `input` is some other text too short to hold it.
    ///
    /// ```
    /// let text = "x 10.1.2.3";
    /// let f = &scrubjay::Scrubber::default().find(text)[0];
    /// assert_eq!(f.text(text), "10.1.2.3");
    /// ```
    pub fn text<'a>(&self, input: &'a str) -> &'a str {
        input.get(self.start..self.end).unwrap_or("")
    }
}

/// Scrubbed text together with the findings, from one pass.
///
/// ```
/// let s = scrubjay::Scrubber::default();
/// let r = s.scrub_with_findings("token ghp_aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa");
/// assert_eq!(r.text, "token [github_token]");
/// assert_eq!(&*r.findings[0].rule, "github_token");
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Scrubbed<'h> {
    /// The scrubbed text; borrowed when nothing changed.
    pub text: Cow<'h, str>,
    /// The findings, by start offset in the *input*.
    pub findings: Vec<Finding>,
}

/// Scrubbed bytes together with the findings, from one pass.
///
/// ```
/// let s = scrubjay::Scrubber::default();
/// let r = s.scrub_bytes_with_findings(b"\xff 10.0.0.1");
/// assert_eq!(&*r.text, b"\xff [ipv4]");
/// assert_eq!(r.findings[0].range(), 2..10);
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ScrubbedBytes<'h> {
    /// The scrubbed bytes; borrowed when nothing changed.
    pub text: Cow<'h, [u8]>,
    /// The findings, by start offset in the *input*.
    pub findings: Vec<Finding>,
}

/// A rule of a compiled scrubber, as listed by [`Scrubber::rules`].
///
/// ```
/// let s = scrubjay::Scrubber::default();
/// let email = s.rules().find(|r| r.id == "email").unwrap();
/// assert_eq!(email.action, scrubjay::ActionKind::Replace);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RuleInfo<'a> {
    /// The rule id.
    pub id: &'a str,
    /// One line on what it finds.
    pub description: &'a str,
    /// Builtin (with category), pattern or terms.
    pub kind: RuleKind,
    /// What it does with findings.
    pub action: ActionKind,
    /// Tie-break priority; lower wins.
    pub priority: i32,
}

impl Scrubber {
    /// Compiles a scrubber from a config.
    ///
    /// ```
    /// let config = scrubjay::Config::from_json(r#"{"rules": {"email": {"action": "remove"}}}"#)?;
    /// let s = scrubjay::Scrubber::new(&config)?;
    /// assert_eq!(s.scrub("to: ada@example.com"), "to: ");
    /// # Ok::<(), scrubjay::Error>(())
    /// ```
    pub fn new(config: &Config) -> Result<Scrubber> {
        let engine = Arc::new(compile::compile(config)?);
        let for_pool = Arc::clone(&engine);
        let create: ScratchFn = Box::new(move || for_pool.new_scratch());
        let pool = Pool::new(create);
        // Warm the creating thread's slot so its first search does not pay for it.
        drop(pool.get());
        Ok(Scrubber { inner: Arc::new(Inner { engine, pool }) })
    }

    /// Compiles a scrubber from config JSON text.
    ///
    /// ```
    /// let s = scrubjay::Scrubber::from_json(r#"{"profile": "secrets"}"#)?;
    /// assert_eq!(s.scrub("ada@example.com"), "ada@example.com");
    /// # Ok::<(), scrubjay::Error>(())
    /// ```
    pub fn from_json(config: &str) -> Result<Scrubber> {
        Scrubber::new(&Config::from_json(config)?)
    }

    /// Scrubs text. Returns the input itself (borrowed) when nothing matched.
    ///
    /// ```
    /// let s = scrubjay::Scrubber::default();
    /// assert_eq!(s.scrub("ssn 078-05-1120"), "ssn [us_ssn]");
    /// ```
    pub fn scrub<'h>(&self, text: &'h str) -> Cow<'h, str> {
        match self.scrub_bytes(text.as_bytes()) {
            Cow::Borrowed(_) => Cow::Borrowed(text),
            Cow::Owned(bytes) => Cow::Owned(into_string(bytes)),
        }
    }

    /// Scrubs bytes that may not be valid UTF-8. Never splits a character:
    /// findings are always valid UTF-8 sequences, and bytes outside findings
    /// are copied unchanged.
    ///
    /// ```
    /// let s = scrubjay::Scrubber::default();
    /// let out = s.scrub_bytes(b"\xff ada@example.com \xfe");
    /// assert_eq!(&*out, b"\xff [email] \xfe");
    /// ```
    pub fn scrub_bytes<'h>(&self, bytes: &'h [u8]) -> Cow<'h, [u8]> {
        let mut guard = self.inner.pool.get();
        let scratch = &mut *guard;
        self.inner.engine.scan(bytes, scratch);
        redact(&self.inner.engine.rules, bytes, &scratch.accepted)
    }

    /// The findings in `text`, in order. Offsets are byte offsets.
    ///
    /// ```
    /// let s = scrubjay::Scrubber::default();
    /// let f = s.find("ada@example.com and 10.0.0.1");
    /// let rules: Vec<&str> = f.iter().map(|f| &*f.rule).collect();
    /// assert_eq!(rules, ["email", "ipv4"]);
    /// ```
    pub fn find(&self, text: &str) -> Vec<Finding> {
        self.find_bytes(text.as_bytes())
    }

    /// [`find`](Self::find) for bytes that may not be valid UTF-8.
    ///
    /// ```
    /// let s = scrubjay::Scrubber::default();
    /// assert_eq!(s.find_bytes(b"\x80ada@example.com")[0].range(), 1..16);
    /// ```
    pub fn find_bytes(&self, bytes: &[u8]) -> Vec<Finding> {
        let mut guard = self.inner.pool.get();
        let scratch = &mut *guard;
        self.inner.engine.scan(bytes, scratch);
        findings(&self.inner.engine.rules, &scratch.accepted)
    }

    /// Scrubs and reports in one pass.
    ///
    /// ```
    /// let s = scrubjay::Scrubber::default();
    /// let r = s.scrub_with_findings("10.0.0.1");
    /// assert_eq!(r.text, "[ipv4]");
    /// assert_eq!(r.findings[0].range(), 0..8);
    /// ```
    pub fn scrub_with_findings<'h>(&self, text: &'h str) -> Scrubbed<'h> {
        let r = self.scrub_bytes_with_findings(text.as_bytes());
        Scrubbed {
            text: match r.text {
                Cow::Borrowed(_) => Cow::Borrowed(text),
                Cow::Owned(b) => Cow::Owned(into_string(b)),
            },
            findings: r.findings,
        }
    }

    /// [`scrub_with_findings`](Self::scrub_with_findings) for bytes.
    ///
    /// ```
    /// let s = scrubjay::Scrubber::default();
    /// let r = s.scrub_bytes_with_findings(b"\xff10.0.0.1");
    /// assert_eq!(&*r.text, b"\xff[ipv4]");
    /// ```
    pub fn scrub_bytes_with_findings<'h>(&self, bytes: &'h [u8]) -> ScrubbedBytes<'h> {
        let mut guard = self.inner.pool.get();
        let scratch = &mut *guard;
        self.inner.engine.scan(bytes, scratch);
        ScrubbedBytes {
            text: redact(&self.inner.engine.rules, bytes, &scratch.accepted),
            findings: findings(&self.inner.engine.rules, &scratch.accepted),
        }
    }

    /// Scrubs many texts with one call: as fast as one long text, and each
    /// text gets exactly what [`scrub`](Self::scrub) gives it alone.
    ///
    /// ```
    /// let s = scrubjay::Scrubber::default();
    /// let out = s.scrub_batch(&["clean", "ip 10.0.0.1"]);
    /// assert_eq!(out, ["clean", "ip [ipv4]"]);
    /// ```
    ///
    /// The texts are scanned in one pass, joined with a 0xFF byte between
    /// them: no match contains that byte (it never occurs in UTF-8), and the
    /// few rules that look around a match stop at it too. Configs where that
    /// would not suffice (a custom regex with `^`/`$`/`\A`/`\z`, or a rule
    /// with `keywords`) are scanned text by text, with the same results.
    pub fn scrub_batch<'h>(&self, texts: &[&'h str]) -> Vec<Cow<'h, str>> {
        let mut out = Vec::with_capacity(texts.len());
        self.for_each_in_batch(texts.iter().map(|t| t.as_bytes()), |i, text, found| {
            out.push(borrow_str(texts[i], redact(&self.inner.engine.rules, text, found)));
        });
        out
    }

    /// [`scrub_batch`](Self::scrub_batch) for bytes that may not be UTF-8.
    ///
    /// ```
    /// let s = scrubjay::Scrubber::default();
    /// let out = s.scrub_bytes_batch(&[b"\xff 10.0.0.1", b"clean"]);
    /// assert_eq!(out[0], &b"\xff [ipv4]"[..]);
    /// assert_eq!(out[1], &b"clean"[..]);
    /// ```
    pub fn scrub_bytes_batch<'h>(&self, texts: &[&'h [u8]]) -> Vec<Cow<'h, [u8]>> {
        let mut out = Vec::with_capacity(texts.len());
        self.for_each_in_batch(texts.iter().copied(), |i, text, found| {
            out.push(match redact(&self.inner.engine.rules, text, found) {
                Cow::Borrowed(_) => Cow::Borrowed(texts[i]),
                Cow::Owned(v) => Cow::Owned(v),
            });
        });
        out
    }

    /// The findings of many texts with one call, like
    /// [`find_bytes`](Self::find_bytes) on each.
    ///
    /// ```
    /// let s = scrubjay::Scrubber::default();
    /// let found = s.find_bytes_batch(&[b"10.0.0.1", b"clean", b"x ada@example.com"]);
    /// assert_eq!(found.iter().map(Vec::len).collect::<Vec<_>>(), [1, 0, 1]);
    /// assert_eq!(found[2][0].range(), 2..17);
    /// ```
    pub fn find_bytes_batch(&self, texts: &[&[u8]]) -> Vec<Vec<Finding>> {
        let mut out = Vec::with_capacity(texts.len());
        self.for_each_in_batch(texts.iter().copied(), |_, _, found| {
            out.push(findings(&self.inner.engine.rules, found));
        });
        out
    }

    /// Scans `texts` and calls `f(index, text, findings)` for each, in order,
    /// with findings relative to the text.
    fn for_each_in_batch<'t>(
        &self,
        texts: impl ExactSizeIterator<Item = &'t [u8]> + Clone,
        f: impl FnMut(usize, &'t [u8], &[Candidate]),
    ) {
        let mut guard = self.inner.pool.get();
        self.inner.engine.scan_batch(texts, &mut guard, &[], f);
    }

    /// The enabled rules, custom rules first, then builtins in catalogue order.
    ///
    /// ```
    /// let s = scrubjay::Scrubber::default();
    /// assert!(s.rules().any(|r| r.id == "credit_card"));
    /// assert!(!s.rules().any(|r| r.id == "uuid"), "optional rules are off by default");
    /// ```
    pub fn rules(&self) -> impl Iterator<Item = RuleInfo<'_>> + '_ {
        self.inner.engine.rules.iter().map(|r| RuleInfo {
            id: &r.id,
            description: &r.description,
            kind: r.kind,
            action: r.action.kind(),
            priority: r.priority,
        })
    }

    pub(crate) fn engine(&self) -> &Engine {
        &self.inner.engine
    }

    /// Scratch memory for one search, from the pool.
    pub(crate) fn scratch(&self) -> impl std::ops::DerefMut<Target = Scratch> + '_ {
        self.inner.pool.get()
    }
}

pub(crate) fn findings(rules: &[Rule], accepted: &[Candidate]) -> Vec<Finding> {
    accepted
        .iter()
        .map(|c| {
            let r = &rules[c.rule as usize];
            Finding { rule: Arc::clone(&r.id), start: c.start, end: c.end, action: r.action.kind() }
        })
        .collect()
}

/// Applies the rules' actions to the accepted findings of `hay`.
pub(crate) fn redact<'h>(rules: &[Rule], hay: &'h [u8], accepted: &[Candidate]) -> Cow<'h, [u8]> {
    if !accepted.iter().any(|c| rules[c.rule as usize].action.kind().changes_text()) {
        return Cow::Borrowed(hay);
    }
    let mut out = Vec::with_capacity(hay.len() + 16 * accepted.len());
    let mut last = 0;
    for c in accepted {
        let rule = &rules[c.rule as usize];
        if !rule.action.kind().changes_text() {
            continue;
        }
        out.extend_from_slice(&hay[last..c.start]);
        rule.action.apply(&rule.id, &hay[c.start..c.end], &mut out);
        last = c.end;
    }
    out.extend_from_slice(&hay[last..]);
    Cow::Owned(out)
}

/// `text` itself when nothing changed, else the scrubbed copy.
fn borrow_str<'h>(text: &'h str, scrubbed: Cow<'_, [u8]>) -> Cow<'h, str> {
    match scrubbed {
        Cow::Borrowed(_) => Cow::Borrowed(text),
        Cow::Owned(b) => Cow::Owned(into_string(b)),
    }
}

/// Scrubbing valid UTF-8 yields valid UTF-8: findings lie on character
/// boundaries and replacements are strings. Should that ever not hold, we
/// degrade to replacement characters rather than panic.
fn into_string(bytes: Vec<u8>) -> String {
    String::from_utf8(bytes).unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn assert_send_sync<T: Send + Sync + UnwindSafe + RefUnwindSafe>() {}

    #[test]
    fn scrubber_is_send_sync_and_unwind_safe() {
        assert_send_sync::<Scrubber>();
    }
}
