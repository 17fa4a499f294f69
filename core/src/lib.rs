//! scrubjay finds and scrubs personal data and secrets in text.
//!
//! Emails, phone numbers, card numbers, IBANs, SSNs, IP and MAC addresses,
//! tokens, keys and passwords are found in one pass, with linear-time
//! matching only (`regex-automata` and `aho-corasick`, never a backtracking
//! engine), and replaced, masked, hashed (keyed) or removed.
//!
//! ```
//! use scrubjay::Scrubber;
//!
//! let scrubber = Scrubber::default();
//! let line = "user=ada@example.com ip=10.1.2.3 password=hunter2";
//! assert_eq!(
//!     scrubber.scrub(line),
//!     "user=[email] ip=[ipv4] password=[password_assignment]"
//! );
//! ```
//!
//! Configuration is JSON, the same for every binding; see [`Config`] and
//! `docs/config.md`. The builtin rules are listed by [`builtin_rules`] and
//! described in `docs/rules.md`.
//!
//! # Guarantees
//! - A [`Scrubber`] is immutable, `Send + Sync`, and cheap to clone.
//! - [`Scrubber::scrub`] returns the input borrowed, with no heap
//!   allocation, when nothing matched (after the thread's first call).
//! - [`Scrubber::scrub_bytes`] accepts any bytes and never splits a
//!   character; nothing here panics on any input or config.
//! - Matching time is linear in the input size.

#![forbid(unsafe_op_in_unsafe_fn)]
#![warn(missing_docs)]

mod action;
mod allowlist;
mod analysis;
mod catalogue;
mod compile;
mod config;
mod engine;
mod error;
mod extract;
mod json;
mod keys;
#[cfg(feature = "reference")]
pub mod reference;
mod rule;
mod scrubber;
mod validate;

pub use action::ActionKind;
pub use catalogue::Category;
pub use config::{
    ActionConfig, AllowlistConfig, Config, ContextConfig, GroupRef, JsonConfig, KeyWordsConfig, RuleConfig,
};
pub use error::{Error, Result};
pub use json::{JsonError, JsonFinding, ScrubbedJson};
pub use keys::{KeyClassifier, is_sensitive_key};
pub use rule::RuleKind;
pub use scrubber::{Finding, RuleInfo, Scrubbed, ScrubbedBytes, Scrubber};

/// A builtin rule of the catalogue, as listed by [`builtin_rules`].
///
/// ```
/// let email = scrubjay::builtin_rules().find(|r| r.id == "email").unwrap();
/// assert!(email.in_default_profile);
/// assert_eq!(email.category, scrubjay::Category::Pii);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct BuiltinRuleInfo {
    /// The rule id used in configs and findings.
    pub id: &'static str,
    /// One line on what it finds.
    pub summary: &'static str,
    /// What kind of data it finds.
    pub category: Category,
    /// Whether the `default` profile enables it.
    pub in_default_profile: bool,
}

/// Every builtin rule, in priority order (earlier wins ties).
///
/// ```
/// let ids: Vec<_> = scrubjay::builtin_rules().map(|r| r.id).collect();
/// assert!(ids.contains(&"credit_card"));
/// assert!(ids.contains(&"uuid"));
/// ```
pub fn builtin_rules() -> impl Iterator<Item = BuiltinRuleInfo> {
    catalogue::CATALOGUE.iter().map(|r| BuiltinRuleInfo {
        id: r.id,
        summary: r.summary,
        category: r.category,
        in_default_profile: r.in_default,
    })
}

/// The names of the profiles a config can start from.
///
/// ```
/// assert_eq!(scrubjay::profiles(), ["default", "strict", "secrets", "none"]);
/// ```
pub fn profiles() -> &'static [&'static str] {
    catalogue::PROFILES
}

/// The validator names a `pattern` rule can use.
///
/// ```
/// assert!(scrubjay::validators().any(|v| v == "luhn"));
/// ```
pub fn validators() -> impl Iterator<Item = &'static str> {
    validate::PUBLIC.iter().map(|(name, _)| *name)
}

/// The README's examples are compiled and run as doc tests.
#[doc = include_str!("../../README.md")]
#[cfg(doctest)]
pub struct ReadmeDoctests;
