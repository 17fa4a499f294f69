//! Config → compiled rules: validation, regex compilation and analysis, and
//! the choice of trigger for each pattern.

use std::collections::BTreeMap;
use std::sync::Arc;

use aho_corasick::{AhoCorasick, MatchKind};
use regex_automata::meta;
use regex_automata::util::syntax;
use regex_syntax::hir::Hir;

use crate::action::Action;
use crate::allowlist::Allowlist;
use crate::analysis::{Analysis, analyze};
use crate::catalogue::{self, CATALOGUE, PROFILES, PatternDef, TriggerDef};
use crate::config::{ActionConfig, Config, GroupRef, RuleConfig};
use crate::engine::hooks::HookSetBuilder;
use crate::engine::{Engine, MAX_RUN_PREFIX, MAX_WINDOW_GROUPS, WindowGroup};
use crate::error::{Error, Result, closest};
use crate::extract::Extract;
use crate::json::settings::JsonSettings;
use crate::keys::KeyClassifier;
use crate::rule::{Context, Keywords, Pattern, Rule, RuleKind, TermsRule, Trigger};
use crate::validate::{self, Validator};

/// Longest accepted regex source, in bytes.
pub(crate) const MAX_PATTERN_LEN: usize = 16 * 1024;
/// Deepest accepted nesting of groups and repetitions.
pub(crate) const MAX_NESTING: u32 = 64;
/// Largest accepted compiled regex (Thompson NFA), in bytes.
pub(crate) const MAX_REGEX_SIZE: usize = 4 * 1024 * 1024;
/// Most terms in one terms rule.
pub(crate) const MAX_TERMS: usize = 1_000_000;

/// Parses and compiles a regex with the crate's limits.
pub(crate) fn compile_regex(rule: &str, pattern: &str, allow_empty: bool) -> Result<(meta::Regex, Analysis)> {
    let (hir, analysis) = parse_regex(rule, pattern, allow_empty)?;
    Ok((build_regex(rule, &hir, true)?, analysis))
}

/// Parses a regex with the crate's limits and analyses it.
fn parse_regex(rule: &str, pattern: &str, allow_empty: bool) -> Result<(Hir, Analysis)> {
    if pattern.len() > MAX_PATTERN_LEN {
        return Err(Error::InvalidRegex {
            rule: rule.to_string(),
            message: format!(
                "pattern is {} bytes long; the limit is {MAX_PATTERN_LEN} (for long word lists use a `terms` rule)",
                pattern.len()
            ),
        });
    }
    let hir: Hir = regex_syntax::ParserBuilder::new()
        .nest_limit(MAX_NESTING)
        .utf8(true)
        .unicode(true)
        .build()
        .parse(pattern)
        .map_err(|e| Error::InvalidRegex { rule: rule.to_string(), message: e.to_string() })?;
    let analysis = analyze(&hir);
    if analysis.can_match_empty && !allow_empty {
        return Err(Error::RegexMatchesEmpty { rule: rule.to_string() });
    }
    Ok((hir, analysis))
}

/// Compiles a parsed regex. `prefilter` enables the regex engine's own
/// literal prefilters: worth it for searches over whole inputs, pure
/// overhead for the short windows and anchored searches the engine does
/// for patterns that have a trigger.
fn build_regex(rule: &str, hir: &Hir, prefilter: bool) -> Result<meta::Regex> {
    meta::Builder::new()
        .configure(
            meta::Config::new()
                .nfa_size_limit(Some(MAX_REGEX_SIZE))
                .onepass_size_limit(Some(MAX_REGEX_SIZE))
                .dfa_size_limit(Some(MAX_REGEX_SIZE))
                .auto_prefilter(prefilter),
        )
        .syntax(syntax::Config::new().nest_limit(MAX_NESTING))
        .build_from_hir(hir)
        .map_err(|e| match e.size_limit() {
            Some(limit) => Error::RegexTooLarge { rule: rule.to_string(), limit },
            None => Error::InvalidRegex { rule: rule.to_string(), message: e.to_string() },
        })
}

fn check_rule_id(id: &str) -> Result<()> {
    let ok = id.len() <= 64
        && id.as_bytes().first().is_some_and(u8::is_ascii_lowercase)
        && id.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_');
    if ok {
        Ok(())
    } else {
        Err(Error::invalid_rule(
            id,
            "rule ids are snake_case: a lowercase letter, then lowercase letters, digits or `_`, at most 64 bytes",
        ))
    }
}

/// Everything compiled from a config, before the engine indexes it.
struct Compiled {
    rules: Vec<Rule>,
    patterns: Vec<(Pattern, Option<&'static str>)>,
    terms: Vec<TermsRule>,
    /// Custom path rules and their selectors (checked by the JSON settings).
    path_rules: Vec<(u32, Vec<String>)>,
}

pub(crate) fn compile(config: &Config) -> Result<Engine> {
    let profile = config.profile.as_deref().unwrap_or("default");
    if !PROFILES.contains(&profile) {
        return Err(Error::UnknownProfile {
            name: profile.to_string(),
            known: PROFILES.iter().map(|s| s.to_string()).collect(),
        });
    }
    let hash_key = config.hash_key.as_deref();
    let default_action = config.default_action.clone().unwrap_or_else(ActionConfig::replace);
    // Fail early on a bad default action even if no rule ends up using it.
    Action::compile("default_action", &default_action, hash_key)?;

    let mut c = Compiled { rules: Vec::new(), patterns: Vec::new(), terms: Vec::new(), path_rules: Vec::new() };

    // Reject entries that are neither builtins nor custom rules first, so a
    // typo is reported as such rather than as a missing field.
    for (id, rc) in &config.rules {
        if catalogue::builtin(id).is_none() && rc.pattern.is_none() && rc.terms.is_none() && rc.paths.is_none() {
            return Err(Error::UnknownRule {
                rule: id.clone(),
                suggestion: closest(id, CATALOGUE.iter().map(|r| r.id)),
            });
        }
    }

    // Custom rules first: on an identical span they win ties by default.
    for (id, rc) in &config.rules {
        if catalogue::builtin(id).is_some() {
            continue;
        }
        check_rule_id(id)?;
        // Disabled rules are still checked, so that a mistake in one is
        // reported now rather than when someone turns it on.
        let action = Action::compile(id, rc.action.as_ref().unwrap_or(&default_action), hash_key)?;
        let rules_before = (c.rules.len(), c.patterns.len(), c.terms.len(), c.path_rules.len());
        match (&rc.pattern, &rc.terms, &rc.paths) {
            (Some(p), None, None) => compile_pattern_rule(&mut c, id, rc, p, action)?,
            (None, Some(t), None) => compile_terms_rule(&mut c, id, rc, t, action)?,
            (None, None, Some(paths)) => compile_path_rule(&mut c, id, rc, paths, action)?,
            (None, None, None) => {
                return Err(Error::UnknownRule { rule: id.clone(), suggestion: None });
            }
            _ => {
                return Err(Error::invalid_rule(id, "set one of `pattern`, `terms` or `paths`, not several"));
            }
        }
        if rc.enabled == Some(false) {
            c.rules.truncate(rules_before.0);
            c.patterns.truncate(rules_before.1);
            c.terms.truncate(rules_before.2);
            c.path_rules.truncate(rules_before.3);
        }
    }

    for (index, b) in CATALOGUE.iter().enumerate() {
        let rc = config.rules.get(b.id);
        if let Some(rc) = rc {
            check_builtin_override(b.id, rc)?;
        }
        let enabled = rc.and_then(|r| r.enabled).unwrap_or_else(|| catalogue::profile_enables(profile, b));
        if !enabled {
            continue;
        }
        let action_cfg = rc.and_then(|r| r.action.as_ref()).unwrap_or(&default_action);
        let action = Action::compile(b.id, action_cfg, hash_key)?;
        let rule_idx = rule_index(&c.rules)?;
        c.rules.push(Rule {
            id: Arc::from(b.id),
            description: b.summary.to_string(),
            kind: RuleKind::Builtin(b.category),
            action,
            priority: rc.and_then(|r| r.priority).unwrap_or_else(|| catalogue::builtin_priority(index)),
            keywords: None,
        });
        for def in (b.patterns)() {
            let pattern = compile_builtin_pattern(b.id, rule_idx, &def)?;
            c.patterns.push((pattern, def.window));
        }
    }

    let allowlist = Allowlist::compile(&config.allowlist)?;
    let keys = JsonSettings::key_classifier(config)?;
    let json = JsonSettings::compile(config, &c.rules, &c.path_rules)?;
    // Selectors of rules that are off (by `enabled` or by the profile) are
    // checked too, so that a mistake is reported before someone turns the
    // rule on.
    let enabled: std::collections::HashSet<&str> = c.rules.iter().map(|r| &*r.id).collect();
    for (id, rc) in &config.rules {
        if enabled.contains(id.as_str()) {
            continue;
        }
        for (field, texts) in [("include_paths", &rc.include_paths), ("exclude_paths", &rc.exclude_paths)] {
            for (i, text) in texts.iter().flatten().enumerate() {
                crate::json::path::Selector::parse(text)
                    .map_err(|e| Error::invalid_rule(id, format!("`{field}[{i}]`: {e}")))?;
            }
        }
    }
    if json.scoped.len() > 64 {
        return Err(Error::InvalidSetting {
            path: "rules".to_string(),
            problem: format!("{} rules set `include_paths` or `exclude_paths`; at most 64 can", json.scoped.len()),
        });
    }
    index(c, allowlist, keys, json)
}

fn compile_path_rule(c: &mut Compiled, id: &str, rc: &RuleConfig, paths: &[String], action: Action) -> Result<()> {
    for (field, set) in [
        ("group", rc.group.is_some()),
        ("validator", rc.validator.is_some()),
        ("context", rc.context.is_some()),
        ("keywords", rc.keywords.is_some()),
        ("case_insensitive", rc.case_insensitive.is_some()),
        ("whole_word", rc.whole_word.is_some()),
        ("include_paths", rc.include_paths.is_some()),
        ("exclude_paths", rc.exclude_paths.is_some()),
    ] {
        if set {
            let hint = if field.ends_with("_paths") { "; list the values it covers in `paths`" } else { "" };
            return Err(Error::invalid_rule(id, format!("`{field}` is not an option of `paths` rules{hint}")));
        }
    }
    if paths.is_empty() {
        return Err(Error::invalid_rule(id, "`paths` is empty; list at least one path selector"));
    }
    for (i, text) in paths.iter().enumerate() {
        crate::json::path::Selector::parse(text).map_err(|e| Error::invalid_rule(id, format!("`paths[{i}]`: {e}")))?;
    }
    let rule_idx = rule_index(&c.rules)?;
    c.rules.push(Rule {
        id: Arc::from(id),
        description: rc.description.clone().unwrap_or_else(|| format!("JSON values at {}", paths.join(", "))),
        kind: RuleKind::Paths,
        action,
        priority: rc.priority.unwrap_or(0),
        keywords: None,
    });
    c.path_rules.push((rule_idx, paths.to_vec()));
    Ok(())
}

fn rule_index(rules: &[Rule]) -> Result<u32> {
    u32::try_from(rules.len()).map_err(|_| Error::invalid_rule("rules", "too many rules"))
}

fn check_builtin_override(id: &str, rc: &RuleConfig) -> Result<()> {
    let custom_only = [
        ("pattern", rc.pattern.is_some()),
        ("group", rc.group.is_some()),
        ("keywords", rc.keywords.is_some()),
        ("validator", rc.validator.is_some()),
        ("context", rc.context.is_some()),
        ("terms", rc.terms.is_some()),
        ("case_insensitive", rc.case_insensitive.is_some()),
        ("whole_word", rc.whole_word.is_some()),
        ("description", rc.description.is_some()),
        ("paths", rc.paths.is_some()),
    ];
    if let Some((field, _)) = custom_only.iter().find(|(_, set)| *set) {
        return Err(Error::invalid_rule(
            id,
            format!(
                "`{field}` cannot be set on a builtin rule (only `enabled`, `action`, `priority`, `include_paths` and `exclude_paths` can); to add your own variant, give it a new id"
            ),
        ));
    }
    Ok(())
}

fn compile_builtin_pattern(id: &str, rule: u32, def: &PatternDef) -> Result<Pattern> {
    let (hir, analysis) = parse_regex(id, &def.regex, false)?;
    let (trigger, min_digits) = choose_trigger(&analysis, def.validator, def.trigger, def.window.is_some());
    let regex = build_regex(id, &hir, trigger == Trigger::Always)?;
    let mut p = Pattern::new(rule, def.regex.clone(), regex, &analysis);
    p.validator = def.validator;
    p.context = def.context.map(|(words, within)| Context {
        words: words.iter().map(|w| w.to_ascii_lowercase().into_bytes()).collect(),
        within,
    });
    p.extract = def.extract;
    p.captures = p.extract.needs_captures();
    p.min_counts[0] = min_digits;
    p.trigger = trigger;
    Ok(p)
}

fn group_index(rule: &str, re: &meta::Regex, g: &GroupRef) -> Result<usize> {
    let info = re.group_info();
    let pid = regex_automata::PatternID::ZERO;
    let count = info.group_len(pid);
    match g {
        GroupRef::Index(i) if *i < count => Ok(*i),
        GroupRef::Index(i) => Err(Error::invalid_rule(
            rule,
            format!("`group` is {i} but the pattern has only {} capture group(s)", count.saturating_sub(1)),
        )),
        GroupRef::Name(n) => info.to_index(pid, n).ok_or_else(|| {
            let names: Vec<String> = info.pattern_names(pid).flatten().map(|s| format!("`{s}`")).collect();
            let known = if names.is_empty() {
                "the pattern has no named groups; write (?P<name>...)".to_string()
            } else {
                format!("named groups are {}", names.join(", "))
            };
            Error::invalid_rule(rule, format!("`group` names `{n}`, which is not in the pattern; {known}"))
        }),
    }
}

/// Chooses how the engine finds places where a pattern may match, and the
/// fewest digits an accepted match has (regex and validator facts).
fn choose_trigger(
    analysis: &Analysis,
    validator: Option<Validator>,
    def: TriggerDef,
    windowed: bool,
) -> (Trigger, u32) {
    let min_digits = analysis.min_counts[0].max(validator.map_or(0, Validator::min_digits));
    let trigger = match def {
        TriggerDef::KeyValue => Trigger::KeyValue,
        TriggerDef::RunPrefix(kind) => Trigger::RunPrefix(kind),
        TriggerDef::Contains(hooks) => Trigger::Contains(hooks.iter().map(|h| h.as_bytes().to_vec()).collect()),
        TriggerDef::HookAt(hooks, offsets) => {
            Trigger::Prefix(hooks.iter().map(|h| h.as_bytes().to_vec()).collect(), offsets.to_vec())
        }
        TriggerDef::Auto => match &analysis.prefixes {
            Some(prefixes) if !windowed => Trigger::Prefix(prefixes.clone(), vec![0]),
            // The window group index is assigned when the engine is indexed.
            _ if min_digits >= 1 => Trigger::Digits(usize::MAX),
            _ => Trigger::Always,
        },
    };
    (trigger, min_digits)
}

fn compile_pattern_rule(c: &mut Compiled, id: &str, rc: &RuleConfig, pattern: &str, action: Action) -> Result<()> {
    if rc.terms.is_some() || rc.case_insensitive.is_some() || rc.whole_word.is_some() {
        return Err(Error::invalid_rule(
            id,
            "`case_insensitive` and `whole_word` are options of `terms` rules; in a pattern write (?i) or \\b",
        ));
    }
    let rule_idx = rule_index(&c.rules)?;
    let validator = match &rc.validator {
        None => None,
        Some(name) => Some(Validator::by_name(name).ok_or_else(|| {
            let known: Vec<&str> = validate::PUBLIC.iter().map(|(n, _)| *n).collect();
            let hint =
                closest(name, known.iter().copied()).map(|s| format!(" (did you mean `{s}`?)")).unwrap_or_default();
            Error::invalid_rule(id, format!("unknown validator `{name}`{hint}; known: {}", known.join(", ")))
        })?),
    };
    let (hir, analysis) = parse_regex(id, pattern, false)?;
    let (trigger, min_digits) = choose_trigger(&analysis, validator, TriggerDef::Auto, false);
    let regex = build_regex(id, &hir, trigger == Trigger::Always)?;
    let mut p = Pattern::new(rule_idx, pattern.to_string(), regex, &analysis);
    p.validator = validator;
    p.min_counts[0] = min_digits;
    p.trigger = trigger;
    if let Some(g) = &rc.group {
        p.extract = match group_index(id, &p.regex, g)? {
            0 => Extract::Whole,
            i => Extract::Group(i),
        };
    }
    if let Some(ctx) = &rc.context {
        if ctx.words.is_empty() || ctx.words.iter().any(|w| w.is_empty()) {
            return Err(Error::invalid_rule(id, "`context.words` must be a non-empty list of non-empty words"));
        }
        if ctx.within == 0 || ctx.within > 10_000 {
            return Err(Error::invalid_rule(id, "`context.within` must be between 1 and 10000 characters"));
        }
        p.context = Some(Context {
            words: ctx.words.iter().map(|w| w.to_ascii_lowercase().into_bytes()).collect(),
            within: ctx.within,
        });
    }
    let keywords = match &rc.keywords {
        None => None,
        Some(words) => Some(keywords(id, words)?),
    };
    p.captures = p.extract.needs_captures();
    c.rules.push(Rule {
        id: Arc::from(id),
        description: rc.description.clone().unwrap_or_else(|| format!("custom pattern {pattern}")),
        kind: RuleKind::Pattern,
        action,
        priority: rc.priority.unwrap_or(0),
        keywords,
    });
    c.patterns.push((p, None));
    Ok(())
}

fn keywords(id: &str, words: &[String]) -> Result<Keywords> {
    if words.is_empty() || words.iter().any(|w| w.is_empty()) {
        return Err(Error::invalid_rule(id, "`keywords` must be a non-empty list of non-empty words"));
    }
    let automaton = AhoCorasick::builder()
        .ascii_case_insensitive(true)
        .build(words)
        .map_err(|e| Error::invalid_rule(id, format!("cannot index `keywords`: {e}")))?;
    Ok(Keywords { words: words.to_vec(), automaton })
}

fn compile_terms_rule(c: &mut Compiled, id: &str, rc: &RuleConfig, terms: &[String], action: Action) -> Result<()> {
    for (field, set) in [
        ("group", rc.group.is_some()),
        ("validator", rc.validator.is_some()),
        ("context", rc.context.is_some()),
        ("keywords", rc.keywords.is_some()),
    ] {
        if set {
            return Err(Error::invalid_rule(
                id,
                format!("`{field}` is an option of `pattern` rules, not `terms` rules"),
            ));
        }
    }
    if terms.is_empty() {
        return Err(Error::invalid_rule(id, "`terms` is empty; list at least one word or phrase"));
    }
    if terms.len() > MAX_TERMS {
        return Err(Error::invalid_rule(id, format!("`terms` has {} entries; the limit is {MAX_TERMS}", terms.len())));
    }
    if let Some(i) = terms.iter().position(|t| t.is_empty()) {
        return Err(Error::invalid_rule(id, format!("`terms[{i}]` is empty")));
    }
    let case_insensitive = rc.case_insensitive.unwrap_or(false);
    let automaton = AhoCorasick::builder()
        .match_kind(MatchKind::Standard)
        .ascii_case_insensitive(case_insensitive)
        .build(terms)
        .map_err(|e| Error::invalid_rule(id, format!("cannot index `terms`: {e}")))?;
    let rule_idx = rule_index(&c.rules)?;
    c.rules.push(Rule {
        id: Arc::from(id),
        description: rc.description.clone().unwrap_or_else(|| format!("custom terms ({} entries)", terms.len())),
        kind: RuleKind::Terms,
        action,
        priority: rc.priority.unwrap_or(0),
        keywords: None,
    });
    c.terms.push(TermsRule {
        rule: rule_idx,
        terms: terms.to_vec(),
        case_insensitive,
        whole_word: rc.whole_word.unwrap_or(true),
        automaton,
    });
    Ok(())
}

/// Builds the engine's indexes: hooks, window groups, key-value and
/// always-run lists.
fn index(c: Compiled, allowlist: Allowlist, keys: KeyClassifier, json: JsonSettings) -> Result<Engine> {
    let mut hooks = HookSetBuilder::default();
    let mut windows: Vec<WindowGroup> = Vec::new();
    let mut named: BTreeMap<&'static str, usize> = BTreeMap::new();
    let mut kv = Vec::new();
    let mut always = Vec::new();
    let mut run_prefix = Vec::new();
    let mut patterns = Vec::with_capacity(c.patterns.len());
    for (i, (mut p, window)) in c.patterns.into_iter().enumerate() {
        let pi = u32::try_from(i).map_err(|_| Error::invalid_rule("rules", "too many patterns"))?;
        match &p.trigger {
            Trigger::Prefix(lits, _) | Trigger::Contains(lits) => {
                for l in lits {
                    hooks.add(l, pi);
                }
            }
            Trigger::KeyValue => kv.push(pi),
            Trigger::Digits(_) => {
                // Past the limit, share the last group: a wider window is
                // still sound, only less selective.
                let g = match window.and_then(|name| named.get(name)) {
                    Some(&g) => g,
                    None if windows.len() >= MAX_WINDOW_GROUPS => windows.len() - 1,
                    None => {
                        windows.push(WindowGroup::new());
                        if let Some(name) = window {
                            named.insert(name, windows.len() - 1);
                        }
                        windows.len() - 1
                    }
                };
                windows[g].add(pi, &p);
                p.trigger = Trigger::Digits(g);
            }
            Trigger::RunPrefix(kind) => {
                if run_prefix.len() >= MAX_RUN_PREFIX {
                    return Err(Error::invalid_rule("rules", "too many run-prefix patterns"));
                }
                run_prefix.push((pi, *kind));
            }
            Trigger::Always => always.push(pi),
        }
        patterns.push(p);
    }
    for w in &mut windows {
        w.build_filter(&patterns);
    }
    let hooks =
        hooks.build().map_err(|e| Error::invalid_rule("rules", format!("too many hook literals to index: {e}")))?;
    let mut engine = Engine::new(c.rules, patterns, c.terms, hooks, windows, run_prefix, kv, always, allowlist);
    engine.keys = keys;
    engine.json = json;
    Ok(engine)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn triggers(profile: &str) -> Vec<(String, String)> {
        let engine = compile(&Config::with_profile(profile)).unwrap();
        engine
            .patterns
            .iter()
            .map(|p| {
                let t = match &p.trigger {
                    Trigger::Prefix(l, _) => format!(
                        "prefix {}",
                        l.iter().map(|x| String::from_utf8_lossy(x).into_owned()).collect::<Vec<_>>().join("|")
                    ),
                    Trigger::Contains(l) => format!(
                        "contains {}",
                        l.iter().map(|x| String::from_utf8_lossy(x).into_owned()).collect::<Vec<_>>().join("|")
                    ),
                    Trigger::KeyValue => "key-value".into(),
                    Trigger::Digits(g) => format!("digits {g} (min {:?}, len {})", p.min_counts, p.min_len),
                    Trigger::RunPrefix(k) => format!("run-prefix {k:?}"),
                    Trigger::Always => "always".into(),
                };
                (engine.rules[p.rule as usize].id.to_string(), t)
            })
            .collect()
    }

    /// Every builtin pattern has a cheap trigger: none runs over the whole
    /// input, and the derived hook literals stay few and rare.
    #[test]
    fn builtin_triggers_are_cheap() {
        let all = triggers("strict");
        for (rule, t) in &all {
            assert_ne!(t, "always", "{rule} has no trigger");
        }
        let kinds: Vec<(&str, &str)> =
            all.iter().map(|(r, t)| (r.as_str(), t.split(' ').next().unwrap_or(""))).collect();
        for expected in [
            ("pem_private_key", "prefix"),
            ("jwt", "prefix"),
            ("aws_access_key_id", "prefix"),
            ("aws_secret_access_key", "prefix"),
            ("github_token", "prefix"),
            ("stripe_key", "prefix"),
            ("google_api_key", "prefix"),
            ("url_credentials", "contains"),
            ("email", "contains"),
            ("password_assignment", "key-value"),
            ("credit_card", "digits"),
            ("iban", "run-prefix"),
            ("ipv4", "digits"),
        ] {
            assert!(kinds.contains(&expected), "{expected:?} not in {kinds:?}");
        }
        let hooks: usize = all
            .iter()
            .filter(|(_, t)| t.starts_with("prefix") || t.starts_with("contains"))
            .map(|(_, t)| t.split('|').count())
            .sum();
        assert!(hooks <= 64, "{hooks} hook literals: Teddy takes at most 64");
    }
}
