//! `scrubjay rules`: the rule catalogue and what the config makes of it.

use std::io::{self, Write};

use scrubjay::{Config, RuleInfo, Scrubber};

use crate::args::Options;
use crate::fail::{self, FAILURE, OK};
use crate::setup;

/// One line of the listing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row {
    pub id: String,
    /// The category of a builtin rule, or `pattern`/`terms` for custom rules.
    pub kind: String,
    pub enabled: bool,
    /// The action when enabled.
    pub action: Option<&'static str>,
    pub summary: String,
}

pub fn run(options: &Options) -> u8 {
    let setup = match setup::load(options) {
        Ok(setup) => setup,
        Err(e) => {
            fail::report(e);
            return FAILURE;
        }
    };
    let text = render(&rows(&setup.config, &setup.scrubber));
    let mut out = io::stdout().lock();
    match out.write_all(text.as_bytes()).and_then(|()| out.flush()) {
        Err(e) if fail::output_failed(&e) => FAILURE,
        _ => OK,
    }
}

/// Every builtin rule in catalogue order, then the custom rules of the
/// config by id, each with whether it is enabled and its action.
pub fn rows(config: &Config, scrubber: &Scrubber) -> Vec<Row> {
    let effective: Vec<RuleInfo<'_>> = scrubber.rules().collect();
    let find = |id: &str| effective.iter().find(|r| r.id == id);
    let mut rows: Vec<Row> = scrubjay::builtin_rules()
        .map(|b| {
            let rule = find(b.id);
            Row {
                id: b.id.to_string(),
                kind: b.category.as_str().to_string(),
                enabled: rule.is_some(),
                action: rule.map(|r| r.action.as_str()),
                summary: b.summary.to_string(),
            }
        })
        .collect();
    for (id, custom) in &config.rules {
        if scrubjay::builtin_rules().any(|b| b.id == id) {
            continue;
        }
        let rule = find(id);
        let kind = match rule {
            Some(r) => r.kind.as_str(),
            None if custom.terms.is_some() => "terms",
            None => "pattern",
        };
        let summary =
            custom.description.clone().or_else(|| rule.map(|r| r.description.to_string())).unwrap_or_default();
        rows.push(Row {
            id: id.clone(),
            kind: kind.to_string(),
            enabled: rule.is_some(),
            action: rule.map(|r| r.action.as_str()),
            summary,
        });
    }
    rows
}

/// Aligned columns: id, kind, enabled/disabled, action, summary.
pub fn render(rows: &[Row]) -> String {
    let clean = |s: &str| -> String { s.chars().map(|c| if c.is_control() { ' ' } else { c }).collect() };
    let id_width = rows.iter().map(|r| r.id.chars().count()).max().unwrap_or(0);
    let kind_width = rows.iter().map(|r| r.kind.len()).max().unwrap_or(0);
    let mut text = String::new();
    for r in rows {
        let state = if r.enabled { "enabled" } else { "disabled" };
        let line = format!(
            "{:<id_width$}  {:<kind_width$}  {state:<8}  {:<7}  {}",
            clean(&r.id),
            r.kind,
            r.action.unwrap_or("-"),
            clean(&r.summary),
        );
        text.push_str(line.trim_end());
        text.push('\n');
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    fn listing(config_json: &str) -> Vec<Row> {
        let config = Config::from_json(config_json).unwrap_or_default();
        let scrubber = Scrubber::new(&config).unwrap_or_default();
        rows(&config, &scrubber)
    }

    #[test]
    fn lists_every_builtin_with_its_state() {
        let rows = listing("{}");
        assert_eq!(rows.len(), scrubjay::builtin_rules().count());
        let email = rows.iter().find(|r| r.id == "email");
        assert!(email.is_some_and(|r| r.enabled && r.kind == "pii" && r.action == Some("replace")));
        let uuid = rows.iter().find(|r| r.id == "uuid");
        assert!(uuid.is_some_and(|r| !r.enabled && r.action.is_none()));
    }

    #[test]
    fn lists_custom_rules_enabled_or_not() {
        let rows = listing(
            r#"{"rules": {
                "employee_id": {"pattern": "EMP-[0-9]{6}", "description": "Employee ids"},
                "codename": {"terms": ["Bluebird"], "enabled": false},
                "email": {"action": "remove"}
            }}"#,
        );
        let custom: Vec<(&str, &str, bool)> = rows
            .iter()
            .skip(scrubjay::builtin_rules().count())
            .map(|r| (r.id.as_str(), r.kind.as_str(), r.enabled))
            .collect();
        assert_eq!(custom, [("codename", "terms", false), ("employee_id", "pattern", true)]);
        let email = rows.iter().find(|r| r.id == "email");
        assert!(email.is_some_and(|r| r.action == Some("remove")));
    }

    #[test]
    fn renders_aligned_lines() {
        let rows = [
            Row {
                id: "a".into(),
                kind: "pii".into(),
                enabled: true,
                action: Some("replace"),
                summary: "First\nrule".into(),
            },
            Row { id: "longer".into(), kind: "secret".into(), enabled: false, action: None, summary: String::new() },
        ];
        assert_eq!(render(&rows), "a       pii     enabled   replace  First rule\nlonger  secret  disabled  -\n");
    }
}
