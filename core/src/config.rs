//! The JSON configuration: one format for every binding.
//!
//! The shape is documented field by field in `docs/config.md`. Parsing is
//! strict: unknown fields are errors, and every error names the path of the
//! offending field and its line and column.

use std::collections::BTreeMap;
use std::fmt;

use serde::de::{self, Deserializer, MapAccess, Visitor};
use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};

/// A scrubber configuration.
///
/// The default value selects the `default` profile with no changes, which is
/// what [`Scrubber::default`](crate::Scrubber::default) uses.
///
/// ```
/// use scrubjay::{Config, Scrubber};
///
/// let config = Config::from_json(r#"{
///     "rules": {
///         "ipv4": {"enabled": false},
///         "employee_id": {"pattern": "EMP-[0-9]{6}"}
///     }
/// }"#)?;
/// let scrubber = Scrubber::new(&config)?;
/// assert_eq!(scrubber.scrub("EMP-123456 from 10.0.0.1"), "[employee_id] from 10.0.0.1");
/// # Ok::<(), scrubjay::Error>(())
/// ```
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct Config {
    /// The profile to start from: `default`, `strict`, `secrets` or `none`.
    /// When absent, `default`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub profile: Option<String>,
    /// Per-rule settings, keyed by rule id: changes to builtin rules, and
    /// custom `pattern` and `terms` rules.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub rules: BTreeMap<String, RuleConfig>,
    /// The action for rules that do not set one. When absent, `replace`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub default_action: Option<ActionConfig>,
    /// The secret key for `hash` actions (HMAC-SHA256). Required as soon as
    /// one rule hashes; there is deliberately no default key.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub hash_key: Option<String>,
    /// Values that are never scrubbed.
    #[serde(default, skip_serializing_if = "AllowlistConfig::is_empty")]
    pub allowlist: AllowlistConfig,
    /// Settings for JSON input: sensitive and safe keys, excluded paths.
    #[serde(default, skip_serializing_if = "JsonConfig::is_default")]
    pub json: JsonConfig,
}

/// How JSON documents are scrubbed, beyond the rules that apply to every
/// string value.
///
/// ```
/// let c: scrubjay::JsonConfig = serde_json::from_str(r#"{
///     "sensitive_keys": {"add": ["pin code"], "remove": ["session"]},
///     "safe_keys": ["trace_id"],
///     "exclude": ["**.debug_meta"]
/// }"#).unwrap();
/// assert_eq!(c.safe_keys, ["trace_id"]);
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct JsonConfig {
    /// Words (or two-word phrases) added to or removed from those that make
    /// a key sensitive for the `sensitive_key` rule (and `password_assignment`).
    #[serde(default, skip_serializing_if = "KeyWordsConfig::is_empty")]
    pub sensitive_keys: KeyWordsConfig,
    /// Keys whose values are never scrubbed (whole key, ASCII case-insensitive).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub safe_keys: Vec<String>,
    /// Path selectors of values that are never scrubbed, e.g. `**.debug_meta`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub exclude: Vec<String>,
    /// Check JSON numbers too (a card number or phone stored as a number);
    /// default `true`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub scrub_numbers: Option<bool>,
    /// Treat `[key, value]` arrays (header lists) as keys and values; default `true`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pairs: Option<bool>,
}

impl JsonConfig {
    /// True when every setting has its default.
    ///
    /// ```
    /// assert!(scrubjay::JsonConfig::default().is_default());
    /// ```
    pub fn is_default(&self) -> bool {
        self == &JsonConfig::default()
    }
}

/// Words added to and removed from a word list.
///
/// ```
/// let k: scrubjay::KeyWordsConfig = serde_json::from_str(r#"{"add": ["pin"]}"#).unwrap();
/// assert_eq!(k.add, ["pin"]);
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct KeyWordsConfig {
    /// Words or two-word phrases to add.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub add: Vec<String>,
    /// Words or two-word phrases to remove.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub remove: Vec<String>,
}

impl KeyWordsConfig {
    /// True when nothing is added or removed.
    ///
    /// ```
    /// assert!(scrubjay::KeyWordsConfig::default().is_empty());
    /// ```
    pub fn is_empty(&self) -> bool {
        self.add.is_empty() && self.remove.is_empty()
    }
}

impl Config {
    /// Parses a config from JSON text, with errors that give the field path,
    /// line and column.
    ///
    /// ```
    /// let err = scrubjay::Config::from_json(r#"{"rules": {"email": {"enabeld": false}}}"#).unwrap_err();
    /// let msg = err.to_string();
    /// assert!(msg.contains("rules.email"), "{msg}");
    /// assert!(msg.contains("unknown field `enabeld`"), "{msg}");
    /// ```
    pub fn from_json(text: &str) -> Result<Config> {
        if let Ok(value) = serde_json::from_str::<serde_json::Value>(text) {
            check_shape(&value)?;
        }
        let mut de = serde_json::Deserializer::from_str(text);
        let parsed: std::result::Result<Config, _> = serde_path_to_error::deserialize(&mut de);
        let config = parsed.map_err(|e| {
            let path = e.path().to_string();
            let inner = e.into_inner();
            json_error(path, &inner)
        })?;
        de.end().map_err(|e| json_error(String::new(), &e))?;
        Ok(config)
    }

    /// Builds a config from an already-parsed JSON value (as bindings receive
    /// dicts and objects). Errors carry the field path; line and column are 0.
    ///
    /// ```
    /// let value = serde_json::json!({"profile": "secrets"});
    /// let config = scrubjay::Config::from_value(value)?;
    /// assert_eq!(config.profile.as_deref(), Some("secrets"));
    /// # Ok::<(), scrubjay::Error>(())
    /// ```
    pub fn from_value(value: serde_json::Value) -> Result<Config> {
        check_shape(&value)?;
        serde_path_to_error::deserialize(value).map_err(|e| {
            let path = e.path().to_string();
            json_error(path, &e.into_inner())
        })
    }

    /// Serializes the config back to JSON text.
    ///
    /// ```
    /// let config = scrubjay::Config::from_json(r#"{"profile": "strict"}"#)?;
    /// assert_eq!(config.to_json(), r#"{"profile":"strict"}"#);
    /// # Ok::<(), scrubjay::Error>(())
    /// ```
    pub fn to_json(&self) -> String {
        // Serializing plain data with string keys cannot fail.
        serde_json::to_string(self).unwrap_or_default()
    }

    /// A config that starts from the named profile.
    ///
    /// ```
    /// let config = scrubjay::Config::with_profile("secrets");
    /// assert_eq!(config.profile.as_deref(), Some("secrets"));
    /// ```
    pub fn with_profile(name: &str) -> Config {
        Config { profile: Some(name.to_string()), ..Config::default() }
    }
}

/// serde accepts a JSON array in place of an object for structs
/// (`["none"]` would mean `{"profile": "none"}`); the config format does
/// not, so objects are checked to be objects before deserializing.
fn check_shape(v: &serde_json::Value) -> Result<()> {
    use serde_json::Value;
    let object = |v: &Value, path: &str| -> Result<()> {
        match v {
            Value::Object(_) => Ok(()),
            other => Err(Error::Json {
                path: path.to_string(),
                message: format!("expected a JSON object, found {}", kind(other)),
                line: 0,
                column: 0,
            }),
        }
    };
    let action = |v: &Value, path: &str| -> Result<()> {
        match v {
            Value::String(_) => Ok(()),
            other => object(other, path),
        }
    };
    object(v, "")?;
    if let Some(rules) = v.get("rules") {
        object(rules, "rules")?;
        if let Value::Object(map) = rules {
            for (id, rule) in map {
                object(rule, &format!("rules.{id}"))?;
                if let Some(a) = rule.get("action") {
                    action(a, &format!("rules.{id}.action"))?;
                }
                if let Some(ctx) = rule.get("context") {
                    object(ctx, &format!("rules.{id}.context"))?;
                }
            }
        }
    }
    if let Some(a) = v.get("default_action") {
        action(a, "default_action")?;
    }
    if let Some(a) = v.get("allowlist") {
        object(a, "allowlist")?;
    }
    if let Some(j) = v.get("json") {
        object(j, "json")?;
        if let Some(k) = j.get("sensitive_keys") {
            object(k, "json.sensitive_keys")?;
        }
    }
    Ok(())
}

fn kind(v: &serde_json::Value) -> &'static str {
    match v {
        serde_json::Value::Null => "null",
        serde_json::Value::Bool(_) => "a boolean",
        serde_json::Value::Number(_) => "a number",
        serde_json::Value::String(_) => "a string",
        serde_json::Value::Array(_) => "an array",
        serde_json::Value::Object(_) => "an object",
    }
}

fn json_error(path: String, e: &serde_json::Error) -> Error {
    let mut message = e.to_string();
    // serde_json appends " at line L column C"; we report those separately.
    if let Some(pos) = message.rfind(" at line ") {
        message.truncate(pos);
    }
    Error::Json { path, message, line: e.line(), column: e.column() }
}

/// Settings for one rule: a change to a builtin rule, or a custom rule.
///
/// A custom rule sets exactly one of `pattern` (a regex) or `terms` (a list of
/// literal words and phrases). A builtin rule may only set `enabled`,
/// `action` and `priority`.
///
/// ```
/// let config = scrubjay::Config::from_json(r#"{"rules": {
///     "customer": {"terms": ["Ada Lovelace"], "case_insensitive": true},
///     "email": {"action": {"type": "mask", "keep_last": 4}}
/// }}"#)?;
/// assert!(config.rules["customer"].terms.is_some());
/// # Ok::<(), scrubjay::Error>(())
/// ```
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct RuleConfig {
    /// Turns the rule on or off. Custom rules are on unless this is `false`;
    /// builtin rules follow the profile unless this is set.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub enabled: Option<bool>,
    /// What happens to this rule's findings. When absent, `default_action`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub action: Option<ActionConfig>,
    /// Breaks ties between findings of different rules on the same span:
    /// the lower number wins. Custom rules default to 0, builtins to 100 and up.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub priority: Option<i32>,
    /// A one-line description shown by `scrubjay rules`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// Custom pattern rule: the regular expression (Rust `regex` syntax, no
    /// look-around or backreferences; matching is linear-time).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pattern: Option<String>,
    /// Pattern rule: the capture group (name or number) holding the part to
    /// scrub. When absent, the whole match.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub group: Option<GroupRef>,
    /// Pattern rule: literal words of which at least one must occur in the
    /// input (ASCII case-insensitive) for the rule to report anything.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub keywords: Option<Vec<String>>,
    /// Pattern rule: a named check every match must pass, e.g. `luhn`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub validator: Option<String>,
    /// Pattern rule: words of which one must appear shortly before the match.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub context: Option<ContextConfig>,
    /// Terms rule: the words and phrases to find.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub terms: Option<Vec<String>>,
    /// Terms rule: ignore ASCII case (default `false`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub case_insensitive: Option<bool>,
    /// Terms rule: only match whole words (default `true`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub whole_word: Option<bool>,
    /// Path rule: selectors of JSON values scrubbed whole, e.g. `payment.card.*`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub paths: Option<Vec<String>>,
    /// In JSON, apply the rule only under these path selectors.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub include_paths: Option<Vec<String>>,
    /// In JSON, never apply the rule under these path selectors.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub exclude_paths: Option<Vec<String>>,
}

/// Words that must appear within `within` characters before a match.
///
/// ```
/// let c: scrubjay::ContextConfig = serde_json::from_str(r#"{"words": ["acct"], "within": 16}"#).unwrap();
/// assert_eq!(c.within, 16);
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct ContextConfig {
    /// The words (ASCII case-insensitive substrings).
    pub words: Vec<String>,
    /// How many characters before the match to look in (default 32).
    #[serde(default = "default_within")]
    pub within: usize,
}

fn default_within() -> usize {
    32
}

/// A capture group, by name or by number (0 is the whole match).
///
/// ```
/// let g: scrubjay::GroupRef = serde_json::from_str(r#""secret""#).unwrap();
/// assert_eq!(g, scrubjay::GroupRef::Name("secret".into()));
/// let g: scrubjay::GroupRef = serde_json::from_str("1").unwrap();
/// assert_eq!(g, scrubjay::GroupRef::Index(1));
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(untagged)]
pub enum GroupRef {
    /// A named group, `(?P<name>...)`.
    Name(String),
    /// A numbered group.
    Index(usize),
}

impl<'de> Deserialize<'de> for GroupRef {
    fn deserialize<D: Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
        struct V;
        impl Visitor<'_> for V {
            type Value = GroupRef;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a capture group name (string) or number (non-negative integer)")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> std::result::Result<GroupRef, E> {
                Ok(GroupRef::Name(v.to_string()))
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> std::result::Result<GroupRef, E> {
                usize::try_from(v).map(GroupRef::Index).map_err(|_| E::custom("group number is too large"))
            }
        }
        d.deserialize_any(V)
    }
}

/// What to do with a finding.
///
/// In JSON, either the action name as a string (`"mask"`) or an object with a
/// `type` and options (`{"type": "mask", "keep_last": 4}`).
///
/// ```
/// use scrubjay::ActionConfig;
/// let a: ActionConfig = serde_json::from_str(r#""remove""#).unwrap();
/// assert_eq!(a, ActionConfig::Remove);
/// let a: ActionConfig = serde_json::from_str(r#"{"type": "replace", "template": "<{rule}>"}"#).unwrap();
/// assert_eq!(a, ActionConfig::Replace { template: Some("<{rule}>".into()) });
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "type", rename_all = "snake_case")]
#[non_exhaustive]
pub enum ActionConfig {
    /// Replace the finding with a template; `{rule}` is the rule id.
    /// Default template `[{rule}]`.
    Replace {
        /// The replacement text.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        template: Option<String>,
    },
    /// Replace each character with a mask character.
    Mask {
        /// The mask character (default `*`).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        char: Option<char>,
        /// Characters left visible at the start (default 0).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        keep_first: Option<usize>,
        /// Characters left visible at the end (default 0).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        keep_last: Option<usize>,
        /// Leave non-alphanumeric characters (spaces, dashes, dots, `@`) as they are (default `false`).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        keep_separators: Option<bool>,
    },
    /// Replace with a keyed HMAC-SHA256, in hex; needs `hash_key`.
    Hash {
        /// Hex digits kept, 8 to 64 (default 16).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        length: Option<usize>,
        /// The replacement text; `{hash}` is the digest, `{rule}` the rule id.
        /// Default `[{rule}:{hash}]`.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        template: Option<String>,
    },
    /// Delete the finding.
    Remove,
    /// Leave the text as it is; report the finding only.
    Keep,
}

impl ActionConfig {
    /// The default action: replace with `[<rule id>]`.
    ///
    /// ```
    /// assert_eq!(scrubjay::ActionConfig::replace(), scrubjay::ActionConfig::Replace { template: None });
    /// ```
    pub fn replace() -> ActionConfig {
        ActionConfig::Replace { template: None }
    }
}

// The derived (internally tagged) form plus a string shorthand. A hand-written
// visitor keeps serde's precise messages for the object form.
#[derive(Deserialize)]
#[serde(tag = "type", rename_all = "snake_case", deny_unknown_fields)]
enum TaggedAction {
    Replace {
        #[serde(default)]
        template: Option<String>,
    },
    Mask {
        #[serde(default)]
        char: Option<char>,
        #[serde(default)]
        keep_first: Option<usize>,
        #[serde(default)]
        keep_last: Option<usize>,
        #[serde(default)]
        keep_separators: Option<bool>,
    },
    Hash {
        #[serde(default)]
        length: Option<usize>,
        #[serde(default)]
        template: Option<String>,
    },
    Remove,
    Keep,
}

impl From<TaggedAction> for ActionConfig {
    fn from(t: TaggedAction) -> ActionConfig {
        match t {
            TaggedAction::Replace { template } => ActionConfig::Replace { template },
            TaggedAction::Mask { char, keep_first, keep_last, keep_separators } => {
                ActionConfig::Mask { char, keep_first, keep_last, keep_separators }
            }
            TaggedAction::Hash { length, template } => ActionConfig::Hash { length, template },
            TaggedAction::Remove => ActionConfig::Remove,
            TaggedAction::Keep => ActionConfig::Keep,
        }
    }
}

impl<'de> Deserialize<'de> for ActionConfig {
    fn deserialize<D: Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = ActionConfig;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str(r#"an action: "replace", "mask", "hash", "remove", "keep", or an object like {"type": "mask", "keep_last": 4}"#)
            }
            fn visit_str<E: de::Error>(self, v: &str) -> std::result::Result<ActionConfig, E> {
                Ok(match v {
                    "replace" => ActionConfig::Replace { template: None },
                    "mask" => {
                        ActionConfig::Mask { char: None, keep_first: None, keep_last: None, keep_separators: None }
                    }
                    "hash" => ActionConfig::Hash { length: None, template: None },
                    "remove" => ActionConfig::Remove,
                    "keep" => ActionConfig::Keep,
                    other => {
                        return Err(E::unknown_variant(other, &["replace", "mask", "hash", "remove", "keep"]));
                    }
                })
            }
            fn visit_map<A: MapAccess<'de>>(self, map: A) -> std::result::Result<ActionConfig, A::Error> {
                TaggedAction::deserialize(de::value::MapAccessDeserializer::new(map)).map(Into::into)
            }
        }
        d.deserialize_any(V)
    }
}

/// Values that are never scrubbed, whatever rule finds them.
///
/// ```
/// let a: scrubjay::AllowlistConfig = serde_json::from_str(
///     r#"{"values": ["support@example.com"], "patterns": ["[a-z]+@example\\.org"]}"#).unwrap();
/// assert_eq!(a.values.len(), 1);
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct AllowlistConfig {
    /// Exact texts of findings to leave alone (compared byte for byte).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub values: Vec<String>,
    /// Regexes; a finding whose whole text matches one is left alone.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub patterns: Vec<String>,
}

impl AllowlistConfig {
    /// True when the allowlist allows nothing.
    ///
    /// ```
    /// assert!(scrubjay::AllowlistConfig::default().is_empty());
    /// ```
    pub fn is_empty(&self) -> bool {
        self.values.is_empty() && self.patterns.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn empty_object_is_default() {
        assert_eq!(Config::from_json("{}").unwrap(), Config::default());
    }

    #[test]
    fn errors_carry_path_line_and_column() {
        let err = Config::from_json("{\n  \"rules\": {\"email\": {\"action\": \"scramble\"}}\n}").unwrap_err();
        match &err {
            Error::Json { path, line, message, .. } => {
                assert_eq!(path, "rules.email.action");
                assert_eq!(*line, 2);
                assert!(message.contains("unknown variant `scramble`"), "{message}");
            }
            other => panic!("unexpected {other:?}"),
        }
        assert!(err.to_string().contains("docs/config.md"));
    }

    #[test]
    fn action_object_rejects_unknown_options() {
        let err = Config::from_json(r#"{"default_action": {"type": "mask", "keep_lats": 4}}"#).unwrap_err();
        let msg = err.to_string();
        assert!(msg.contains("keep_lats"), "{msg}");
        assert!(msg.contains("default_action"), "{msg}");
    }

    #[test]
    fn trailing_garbage_and_bad_json_are_errors() {
        assert!(Config::from_json("{} x").is_err());
        let err = Config::from_json("{\"rules\": ").unwrap_err();
        assert!(matches!(err, Error::Json { line: 1, .. }), "{err:?}");
    }

    #[test]
    fn arrays_are_not_objects() {
        for (text, path) in [
            (r#"["none"]"#, ""),
            (r#"{"rules": {"email": [false]}}"#, "rules.email"),
            (r#"{"rules": []}"#, "rules"),
            (r#"{"allowlist": [["a"]]}"#, "allowlist"),
            (r#"{"default_action": ["remove"]}"#, "default_action"),
            (r#"{"rules": {"x": {"pattern": "a", "context": [["w"], 3]}}}"#, "rules.x.context"),
        ] {
            match Config::from_json(text) {
                Err(Error::Json { path: p, message, .. }) => {
                    assert_eq!(p, path, "{text}");
                    assert!(message.contains("expected a JSON object"), "{message}");
                }
                other => panic!("{text}: {other:?}"),
            }
        }
    }

    #[test]
    fn round_trips() {
        let text = r#"{"profile":"strict","rules":{"a":{"pattern":"x+","group":1,"action":{"type":"hash","length":12}}},"hash_key":"k"}"#;
        let c = Config::from_json(text).unwrap();
        assert_eq!(Config::from_json(&c.to_json()).unwrap(), c);
    }
}
