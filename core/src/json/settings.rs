//! The JSON part of a compiled config: path selectors, sensitive and safe
//! keys, path rules, and the rules whose scope is limited by paths.

use crate::config::Config;
use crate::error::{Error, Result};
use crate::json::path::{MatchState, Selector, SelectorSet};
use crate::keys::KeyClassifier;
use crate::rule::Rule;

/// The id of the builtin rule that scrubs values under sensitive keys.
pub(crate) const KEY_RULE: &str = "sensitive_key";

/// What a walk over a JSON document needs to know.
#[derive(Debug, Clone, Default)]
pub(crate) struct JsonSettings {
    pub(crate) selectors: SelectorSet,
    /// Selectors of subtrees never scrubbed.
    pub(crate) exclude: Vec<usize>,
    /// Lowercase keys whose values are never scrubbed.
    pub(crate) safe_keys: Vec<Vec<u8>>,
    pub(crate) scrub_numbers: bool,
    pub(crate) pairs: bool,
    /// The `sensitive_key` rule, when enabled, and its priority.
    pub(crate) key_rule: Option<(u32, i32)>,
    /// Path rules: every value under one of the selectors is scrubbed
    /// whole. Lowest `priority` (the winner) first; on a tie, the one
    /// defined first.
    pub(crate) path_rules: Vec<PathRule>,
    /// Rules limited to, or kept out of, parts of documents.
    pub(crate) scoped: Vec<Scoped>,
}

#[derive(Debug, Clone)]
pub(crate) struct PathRule {
    pub(crate) rule: u32,
    pub(crate) priority: i32,
    pub(crate) selectors: Vec<usize>,
}

#[derive(Debug, Clone)]
pub(crate) struct Scoped {
    pub(crate) rule: u32,
    pub(crate) include: Vec<usize>,
    pub(crate) exclude: Vec<usize>,
}

fn setting_error(path: &str, problem: impl std::fmt::Display) -> Error {
    Error::InvalidSetting { path: path.to_string(), problem: problem.to_string() }
}

impl JsonSettings {
    /// Compiles the JSON settings of `config` for the enabled `rules`;
    /// `path_rules` are the custom rules defined by `paths`.
    pub(crate) fn compile(config: &Config, rules: &[Rule], path_rules: &[(u32, Vec<String>)]) -> Result<JsonSettings> {
        let j = &config.json;
        let mut s = JsonSettings {
            scrub_numbers: j.scrub_numbers.unwrap_or(true),
            pairs: j.pairs.unwrap_or(true),
            ..JsonSettings::default()
        };
        let add = |field: &str, text: &str, set: &mut SelectorSet| -> Result<usize> {
            Selector::parse(text).map(|sel| set.add(sel)).map_err(|e| setting_error(field, e))
        };
        for (i, text) in j.exclude.iter().enumerate() {
            let id = add(&format!("json.exclude[{i}]"), text, &mut s.selectors)?;
            s.exclude.push(id);
        }
        for (i, k) in j.safe_keys.iter().enumerate() {
            if k.is_empty() {
                return Err(setting_error(&format!("json.safe_keys[{i}]"), "a safe key cannot be empty"));
            }
            s.safe_keys.push(k.as_bytes().to_ascii_lowercase());
        }
        let index_of = |id: &str| rules.iter().position(|r| &*r.id == id).map(|i| i as u32);
        s.key_rule = index_of(KEY_RULE).map(|r| (r, rules[r as usize].priority));
        for (rule, texts) in path_rules {
            let id = &rules[*rule as usize].id;
            let mut sels = Vec::new();
            for (i, text) in texts.iter().enumerate() {
                sels.push(
                    Selector::parse(text)
                        .map(|sel| s.selectors.add(sel))
                        .map_err(|e| Error::invalid_rule(id, format!("`paths[{i}]`: {e}")))?,
                );
            }
            s.path_rules.push(PathRule { rule: *rule, priority: rules[*rule as usize].priority, selectors: sels });
        }
        s.path_rules.sort_by_key(|p| p.priority);
        for (id, rc) in &config.rules {
            let (Some(rule), true) = (index_of(id), rc.include_paths.is_some() || rc.exclude_paths.is_some()) else {
                continue;
            };
            let mut scoped = Scoped { rule, include: Vec::new(), exclude: Vec::new() };
            for (field, texts, out) in [
                ("include_paths", &rc.include_paths, &mut scoped.include),
                ("exclude_paths", &rc.exclude_paths, &mut scoped.exclude),
            ] {
                for (i, text) in texts.iter().flatten().enumerate() {
                    out.push(
                        Selector::parse(text)
                            .map(|sel| s.selectors.add(sel))
                            .map_err(|e| Error::invalid_rule(id, format!("`{field}[{i}]`: {e}")))?,
                    );
                }
            }
            s.scoped.push(scoped);
        }
        Ok(s)
    }

    /// Whether the value at `state` must be left as it is.
    pub(crate) fn excluded(&self, state: &MatchState) -> bool {
        self.exclude.iter().any(|&i| state.has(i))
    }

    /// Whether `key` (raw bytes) is a safe key.
    pub(crate) fn is_safe_key(&self, key: &[u8]) -> bool {
        self.safe_keys.iter().any(|k| k.eq_ignore_ascii_case(key))
    }

    /// The path rule that takes the value at `state` whole, if any: the
    /// one with the lowest `priority`.
    pub(crate) fn path_rule(&self, state: &MatchState) -> Option<&PathRule> {
        self.path_rules.iter().find(|p| p.selectors.iter().any(|&i| state.has(i)))
    }

    /// The rules not applying at `state`, as a bitmask over `scoped`
    /// (bit `i`: `scoped[i].rule` is off); 0 when every rule applies.
    pub(crate) fn scope(&self, state: &MatchState) -> u64 {
        let mut off = 0u64;
        for (i, s) in self.scoped.iter().enumerate().take(64) {
            let on = (s.include.is_empty() || s.include.iter().any(|&x| state.has(x)))
                && !s.exclude.iter().any(|&x| state.has(x));
            if !on {
                off |= 1 << i;
            }
        }
        off
    }

    /// Whether paths matter at all (selectors to track while walking).
    pub(crate) fn uses_paths(&self) -> bool {
        !self.selectors.is_empty()
    }

    /// Builds the key classifier of a config.
    pub(crate) fn key_classifier(config: &Config) -> Result<KeyClassifier> {
        let mut keys = KeyClassifier::default();
        let k = &config.json.sensitive_keys;
        for (i, w) in k.add.iter().enumerate() {
            keys.add(w).map_err(|e| setting_error(&format!("json.sensitive_keys.add[{i}]"), e))?;
        }
        for (i, w) in k.remove.iter().enumerate() {
            keys.remove(w).map_err(|e| setting_error(&format!("json.sensitive_keys.remove[{i}]"), e))?;
        }
        Ok(keys)
    }
}
