//! scrubjay for WebAssembly: the `Scrubber` class of the JavaScript API,
//! built with wasm-bindgen for browsers (ES module) and Node (CommonJS).
//!
//! The binding is thin: it converts JavaScript values to what the core
//! takes, UTF-8 byte offsets to UTF-16 indices, and the core's typed
//! errors to JavaScript `Error`s with a `code`:
//!
//! | code | thrown when | class |
//! |---|---|---|
//! | `SCRUBJAY_CONFIG` | the config does not compile ([`scrubjay::Error`]) | `Error` |
//! | `SCRUBJAY_JSON` | JSON text is invalid ([`scrubjay::JsonError`]), or a value is nested too deeply to convert | `Error` |
//! | `SCRUBJAY_INVALID_ARG` | an argument has the wrong type, or a value cannot be JSON | `TypeError` |
//!
//! The TypeScript declarations are written by hand in `js/index.d.ts`, so
//! that they state the shared JS API exactly (wasm-bindgen runs with
//! `--no-typescript`); `tests/types.test.mjs` checks them against the module.

#![warn(missing_docs)]

pub mod offsets;

use std::cell::RefCell;

use serde_json::{Value, json};
use wasm_bindgen::prelude::*;

use offsets::Utf16Offsets;

/// The `code` of a thrown error.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Code {
    Config,
    Json,
    InvalidArg,
}

impl Code {
    fn as_str(self) -> &'static str {
        match self {
            Code::Config => "SCRUBJAY_CONFIG",
            Code::Json => "SCRUBJAY_JSON",
            Code::InvalidArg => "SCRUBJAY_INVALID_ARG",
        }
    }
}

/// A JS `Error` (a `TypeError` for invalid arguments) with `code` and the
/// given extra properties.
fn js_error(code: Code, message: &str, props: &[(&str, JsValue)]) -> JsValue {
    let error: js_sys::Error = match code {
        Code::InvalidArg => js_sys::TypeError::new(message).into(),
        Code::Config | Code::Json => js_sys::Error::new(message),
    };
    // Setting a property on a fresh Error cannot fail.
    let _ = js_sys::Reflect::set(&error, &"code".into(), &code.as_str().into());
    for (name, value) in props {
        let _ = js_sys::Reflect::set(&error, &(*name).into(), value);
    }
    error.into()
}

fn invalid_arg(message: &str) -> JsValue {
    js_error(Code::InvalidArg, message, &[])
}

/// `SCRUBJAY_CONFIG`, with `rule` when the error is about one rule, and
/// `path`, `line`, `column` when the config text or shape is wrong.
fn config_error(e: &scrubjay::Error) -> JsValue {
    let mut props: Vec<(&str, JsValue)> = Vec::new();
    if let Some(rule) = e.rule() {
        props.push(("rule", rule.into()));
    }
    if let scrubjay::Error::Json { path, line, column, .. } = e {
        if !path.is_empty() {
            props.push(("path", path.as_str().into()));
        }
        if *line > 0 {
            props.push(("line", (*line as u32).into()));
            props.push(("column", (*column as u32).into()));
        }
    }
    js_error(Code::Config, &e.to_string(), &props)
}

/// `SCRUBJAY_JSON`, with the 1-based `line` and `column` of the problem.
fn json_error(e: &scrubjay::JsonError) -> JsValue {
    let mut props: Vec<(&str, JsValue)> = Vec::new();
    if e.line > 0 {
        props.push(("line", (e.line as u32).into()));
        props.push(("column", (e.column as u32).into()));
    }
    js_error(Code::Json, &e.to_string(), &props)
}

/// `typeof value`, with `null` and arrays told apart, for messages.
fn type_name(value: &JsValue) -> String {
    if value.is_null() {
        "null".to_string()
    } else if js_sys::Array::is_array(value) {
        "array".to_string()
    } else {
        value.js_typeof().as_string().unwrap_or_else(|| "unknown".to_string())
    }
}

/// The string in `value`, or `SCRUBJAY_INVALID_ARG` naming the argument.
fn string_arg(value: &JsValue, what: &str) -> Result<String, JsValue> {
    value.as_string().ok_or_else(|| invalid_arg(&format!("{what} must be a string, got {}", type_name(value))))
}

thread_local! {
    /// The `JSON.stringify` replacer: refuses what JSON cannot hold instead
    /// of silently dropping it (functions, symbols) or failing vaguely (BigInt).
    static REPLACER: Closure<dyn Fn(JsValue, JsValue) -> Result<JsValue, JsValue>> =
        Closure::new(|key: JsValue, value: JsValue| {
            let kind = if value.is_function() {
                "a function"
            } else if value.is_symbol() {
                "a symbol"
            } else if value.is_bigint() {
                "a BigInt"
            } else {
                return Ok(value);
            };
            let key = key.as_string().unwrap_or_default();
            let at = if key.is_empty() { "the value".to_string() } else { format!("the value at key `{key}`") };
            Err(invalid_arg(&format!(
                "{at} is {kind}, which JSON cannot hold; pass plain objects, arrays, strings, numbers, booleans and null"
            )))
        });

    /// `Scrubber.rules()` as JSON text, computed once.
    static RULES_JSON: RefCell<Option<String>> = const { RefCell::new(None) };
}

/// The JSON text of a JS value, as `JSON.stringify` writes it (`toJSON`
/// applied, `undefined` properties dropped), except that functions,
/// symbols, BigInts and cycles are `SCRUBJAY_INVALID_ARG` errors. `indent`
/// is `JSON.stringify`'s third argument (0: compact).
fn to_json_text(value: &JsValue, what: &str, indent: u32) -> Result<String, JsValue> {
    let stringified = REPLACER.with(|replacer| {
        if indent == 0 {
            js_sys::JSON::stringify_with_replacer(value, replacer.as_ref())
        } else {
            js_sys::JSON::stringify_with_replacer_and_space(value, replacer.as_ref(), &indent.into())
        }
    });
    match stringified {
        Ok(text) => text
            .as_string()
            .ok_or_else(|| invalid_arg(&format!("{what} cannot be converted to JSON (it is {})", type_name(value)))),
        Err(e) => {
            if js_sys::Reflect::has(&e, &"code".into()).unwrap_or(false) {
                // Thrown by the replacer.
                return Err(e);
            }
            let message = js_sys::Error::from(e.clone()).message().as_string().unwrap_or_default();
            if e.is_instance_of::<js_sys::RangeError>() {
                Err(js_error(Code::Json, &format!("{what} is nested too deeply to convert to JSON ({message})"), &[]))
            } else {
                // A cycle, or a `toJSON` that threw.
                Err(invalid_arg(&format!("{what} cannot be converted to JSON: {message}")))
            }
        }
    }
}

/// Parses JSON text that is known to be valid (written by the core or by
/// `JSON.stringify`).
fn parse_json(text: &str) -> Result<JsValue, JsValue> {
    js_sys::JSON::parse(text)
}

/// Converts binding-built data to a JS value, in one crossing. (Built as
/// a `serde_json::Value`, whose serializer the core links anyway: derived
/// `Serialize` impls would cost module size for nothing.)
fn to_js(data: &Value) -> Result<JsValue, JsValue> {
    parse_json(&data.to_string())
}

/// A finding of the JSON API, with UTF-16 offsets, as a JS-bound object.
fn json_finding(f: &scrubjay::JsonFinding, start: usize, end: usize) -> Value {
    json!({
        "pointer": f.pointer,
        "rule": &*f.rule,
        "start": start,
        "end": end,
        "action": f.action.as_str(),
        "whole": f.whole,
    })
}

/// Converts the core's JSON findings (byte offsets into decoded string
/// values) to UTF-16 offsets. `doc` is the JSON text they were found in.
fn json_findings(doc: &str, found: &[scrubjay::JsonFinding]) -> Result<Value, JsValue> {
    // Without non-ASCII bytes and `\u` escapes every decoded string is
    // ASCII: byte and UTF-16 offsets agree.
    let identity = doc.is_ascii() && !doc.contains("\\u");
    let mut parsed: Option<JsValue> = None;
    // The decoded string at the current pointer (None: not a string).
    let mut current: Option<(&str, Option<String>)> = None;
    let mut out = Vec::with_capacity(found.len());
    for f in found {
        let (mut start, mut end) = (f.start, f.end);
        if !identity {
            if current.as_ref().is_none_or(|(p, _)| *p != f.pointer.as_str()) {
                let root = match &parsed {
                    Some(v) => v,
                    None => parsed.insert(parse_json(doc).map_err(|_| {
                        js_error(Code::Json, "JSON.parse rejected a document the scrubber accepted", &[])
                    })?),
                };
                current = Some((f.pointer.as_str(), lookup(root, &f.pointer).as_string()));
            }
            if let Some((_, Some(text))) = &current {
                let mut at = Utf16Offsets::new(text);
                start = at.convert(start);
                end = at.convert(end);
            }
        }
        out.push(json_finding(f, start, end));
    }
    Ok(Value::Array(out))
}

/// The value at an RFC 6901 JSON Pointer, or `undefined`.
fn lookup(root: &JsValue, pointer: &str) -> JsValue {
    let mut value = root.clone();
    for token in pointer.split('/').skip(1) {
        let key = token.replace("~1", "/").replace("~0", "~");
        value = match js_sys::Reflect::get(&value, &key.as_str().into()) {
            Ok(v) if !v.is_undefined() => v,
            // Reflect.get throws on strings, numbers, booleans and null.
            _ => return JsValue::UNDEFINED,
        };
    }
    value
}

/// Logs panics to the console before the module traps, so that a bug
/// report carries the message (there is no unwinding on this target).
/// Installed by the first `Scrubber` (not by a start function, which
/// wasm-bindgen would export).
fn install_panic_hook() {
    static ONCE: std::sync::Once = std::sync::Once::new();
    ONCE.call_once(|| {
        std::panic::set_hook(Box::new(|info| {
            console_error(&format!("scrubjay-wasm: internal error (please report it): {info}"));
        }));
    });
}

#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(js_namespace = console, js_name = error)]
    fn console_error(message: &str);
}

/// Finds and scrubs PII and secrets (the JS class `Scrubber`).
#[wasm_bindgen]
#[derive(Debug)]
pub struct Scrubber {
    inner: scrubjay::Scrubber,
}

#[wasm_bindgen]
impl Scrubber {
    /// Compiles a scrubber: `undefined`/`null` for the default profile,
    /// otherwise a config object or its JSON text.
    #[wasm_bindgen(constructor)]
    pub fn new(config: JsValue) -> Result<Scrubber, JsValue> {
        install_panic_hook();
        let inner = if config.is_undefined() || config.is_null() {
            scrubjay::Scrubber::default()
        } else if let Some(text) = config.as_string() {
            scrubjay::Scrubber::from_json(&text).map_err(|e| config_error(&e))?
        } else if config.is_object() && !config.is_function() {
            // Pretty-printed, so that the line and column of an error point
            // into `JSON.stringify(config, null, 2)`, which users can print.
            let text = to_json_text(&config, "config", 2)?;
            scrubjay::Scrubber::from_json(&text).map_err(|e| config_error(&e))?
        } else {
            return Err(invalid_arg(&format!(
                "config must be an object, a JSON string, null or undefined, got {}",
                type_name(&config)
            )));
        };
        Ok(Scrubber { inner })
    }

    /// The text with every finding scrubbed.
    pub fn scrub(&self, text: JsValue) -> Result<String, JsValue> {
        let text = string_arg(&text, "text")?;
        Ok(self.inner.scrub(&text).into_owned())
    }

    /// The findings in `text`, with UTF-16 offsets; `{text: true}` adds
    /// each finding's text.
    pub fn find(&self, text: JsValue, options: JsValue) -> Result<JsValue, JsValue> {
        let text = string_arg(&text, "text")?;
        let with_text = find_options(&options)?;
        let found = self.inner.find(&text);
        let mut at = Utf16Offsets::new(&text);
        let out: Vec<Value> = found
            .iter()
            .map(|f| {
                let mut finding = json!({
                    "rule": &*f.rule,
                    "start": at.convert(f.start),
                    "end": at.convert(f.end),
                    "action": f.action.as_str(),
                });
                if with_text {
                    finding["text"] = f.text(&text).into();
                }
                finding
            })
            .collect();
        to_js(&Value::Array(out))
    }

    /// A scrubbed deep copy of a JSON-compatible value.
    #[wasm_bindgen(js_name = scrubJson)]
    pub fn scrub_json(&self, value: JsValue) -> Result<JsValue, JsValue> {
        let text = to_json_text(&value, "value", 0)?;
        let scrubbed = self.inner.scrub_json_str(&text).map_err(|e| json_error(&e))?;
        parse_json(&scrubbed)
    }

    /// JSON text in, scrubbed JSON text out (formatting kept).
    #[wasm_bindgen(js_name = scrubJsonString)]
    pub fn scrub_json_string(&self, json: JsValue) -> Result<String, JsValue> {
        let json = string_arg(&json, "json")?;
        let scrubbed = self.inner.scrub_json_str(&json).map_err(|e| json_error(&e))?;
        Ok(scrubbed.into_owned())
    }

    /// JSON text in, `{text, findings}` out.
    #[wasm_bindgen(js_name = scrubJsonWithReport)]
    pub fn scrub_json_with_report(&self, json: JsValue) -> Result<JsValue, JsValue> {
        let json = string_arg(&json, "json")?;
        let r = self.inner.scrub_json_with_report(&json).map_err(|e| json_error(&e))?;
        let findings = json_findings(&json, &r.findings)?;
        to_js(&json!({"text": r.text, "findings": findings}))
    }

    /// The findings scrubbing would make: a string is JSON text, anything
    /// else a JSON value.
    #[wasm_bindgen(js_name = reportJson)]
    pub fn report_json(&self, value: JsValue) -> Result<JsValue, JsValue> {
        let text = match value.as_string() {
            Some(text) => text,
            None => to_json_text(&value, "value", 0)?,
        };
        let found = self.inner.report_json(&text).map_err(|e| json_error(&e))?;
        to_js(&json_findings(&text, &found)?)
    }

    /// The package version.
    pub fn version() -> String {
        env!("CARGO_PKG_VERSION").to_string()
    }

    /// The builtin rule catalogue, with the profiles that enable each rule.
    pub fn rules() -> Result<JsValue, JsValue> {
        let json = RULES_JSON.with(|cell| -> Result<String, JsValue> {
            if let Some(json) = &*cell.borrow() {
                return Ok(json.clone());
            }
            let json = catalogue()?.to_string();
            *cell.borrow_mut() = Some(json.clone());
            Ok(json)
        })?;
        parse_json(&json)
    }
}

/// The catalogue. Which profiles enable a rule is read from scrubbers
/// compiled with each profile, so it is exactly what the core does.
fn catalogue() -> Result<Value, JsValue> {
    let mut enabled: Vec<(&'static str, Vec<String>)> = Vec::new();
    for &profile in scrubjay::profiles() {
        let s = scrubjay::Scrubber::new(&scrubjay::Config::with_profile(profile)).map_err(|e| config_error(&e))?;
        enabled.push((profile, s.rules().map(|r| r.id.to_string()).collect()));
    }
    Ok(scrubjay::builtin_rules()
        .map(|r| {
            let profiles: Vec<&str> =
                enabled.iter().filter(|(_, ids)| ids.iter().any(|id| id == r.id)).map(|(p, _)| *p).collect();
            json!({"id": r.id, "category": r.category.as_str(), "description": r.summary, "profiles": profiles})
        })
        .collect())
}

/// Reads `{text?: boolean}`.
fn find_options(options: &JsValue) -> Result<bool, JsValue> {
    if options.is_undefined() || options.is_null() {
        return Ok(false);
    }
    if !options.is_object() || js_sys::Array::is_array(options) {
        return Err(invalid_arg(&format!("options must be an object like {{text: true}}, got {}", type_name(options))));
    }
    let text = js_sys::Reflect::get(options, &"text".into())?;
    if text.is_undefined() {
        Ok(false)
    } else {
        text.as_bool().ok_or_else(|| invalid_arg(&format!("options.text must be a boolean, got {}", type_name(&text))))
    }
}
