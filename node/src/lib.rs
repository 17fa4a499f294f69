//! The native half of the `scrubjay` npm package: a thin N-API layer over the
//! `scrubjay` crate, built with napi-rs.
//!
//! The package's public API is `index.js` (with `index.d.ts`): its `Scrubber`
//! class holds a handle made by [`create`] (a tagged N-API external that owns
//! a `scrubjay::Scrubber`) and passes it to the functions exported here; it
//! turns JS values into JSON text and back, converts JSON report offsets,
//! and checks arguments. This crate
//! converts types, maps the core's typed errors to JS errors with a `code`,
//! converts text offsets from UTF-8 bytes to UTF-16 code units, and runs the
//! async calls on the libuv thread pool. All matching and redaction is the
//! core's.
//!
//! No export can abort the process: every one is `catch_unwind` (the core does
//! not panic on any input, but a panic must never cross into Node), and the
//! async work catches unwinds on the pool thread.
//!
//! Protocol with `index.js`: a method that leaves its input unchanged returns
//! `null` where returning the input would mean copying it back (async results,
//! buffers, report text), so the wrapper hands back the caller's own value.

mod js;

use std::borrow::Cow;
use std::collections::HashSet;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::sync::OnceLock;

use napi::bindgen_prelude::JsObjectValue;
use napi::bindgen_prelude::{AsyncTask, Env, Object, Unknown};
use napi::{Either, JsValue, Task, sys};
use napi_derive::napi;

use js::{Code, Prop};

/// A finding in a text, with UTF-16 offsets.
#[derive(Debug)]
struct Finding {
    /// The rule id.
    rule: std::sync::Arc<str>,
    /// UTF-16 index of the first code unit.
    start: u32,
    /// UTF-16 index one past the last code unit.
    end: u32,
    /// `replace`, `mask`, `hash`, `remove` or `keep`.
    action: &'static str,
}

/// A finding in a JSON document, with the core's UTF-8 byte offsets (into
/// the decoded value); `index.js` converts them.
#[napi(object)]
#[derive(Debug)]
pub struct RawJsonFinding {
    /// JSON Pointer of the value.
    pub pointer: String,
    /// The rule id.
    pub rule: String,
    /// Byte offset of the finding in the value.
    pub start: f64,
    /// Byte offset one past the finding.
    pub end: f64,
    /// The action.
    pub action: String,
    /// Whether the whole value is the finding.
    pub whole: bool,
}

/// Scrubbed JSON text (`null` when unchanged) and the findings.
#[napi(object)]
#[derive(Debug)]
pub struct RawScrubbedJson {
    /// The scrubbed document, `null` when nothing changed.
    pub text: Option<String>,
    /// The findings, in document order.
    pub findings: Vec<RawJsonFinding>,
}

/// A builtin rule of the catalogue.
#[napi(object)]
#[derive(Debug)]
pub struct BuiltinRule {
    /// The rule id used in configs and findings.
    pub id: String,
    /// `pii`, `secret`, `network` or `identifier`.
    pub category: String,
    /// One line on what it finds.
    pub description: String,
    /// The profiles that enable it.
    pub profiles: Vec<String>,
}

/// Throws the core's config error as `SCRUBJAY_CONFIG`, with `rule` and, for
/// JSON syntax errors, `path`, `line` and `column` when known.
fn config_error(env: &Env, e: &scrubjay::Error) -> napi::Error {
    let message = e.to_string();
    let mut props = Vec::new();
    if let Some(rule) = e.rule() {
        props.push(Prop::Str("rule", rule));
    }
    if let scrubjay::Error::Json { path, line, column, .. } = e {
        if !path.is_empty() {
            props.push(Prop::Str("path", path));
        }
        if *line > 0 {
            props.push(Prop::Num("line", *line as f64));
            props.push(Prop::Num("column", *column as f64));
        }
    }
    js::throw(env, Code::Config, &message, &props)
}

/// Throws the core's JSON error as `SCRUBJAY_JSON`, with `line` and `column`
/// when it is about the text.
fn json_error(env: &Env, e: &scrubjay::JsonError) -> napi::Error {
    let props = [Prop::Num("line", e.line as f64), Prop::Num("column", e.column as f64)];
    js::throw(env, Code::Json, &e.to_string(), if e.line > 0 { &props } else { &[] })
}

/// Message of a caught panic.
pub(crate) fn panic_message(payload: &(dyn std::any::Any + Send)) -> String {
    let what = payload
        .downcast_ref::<&str>()
        .map(|s| s.to_string())
        .or_else(|| payload.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "unknown panic".to_string());
    format!("scrubjay internal error (a bug, please report it): {what}")
}

/// Runs `f`, turning a panic into a thrown `SCRUBJAY_INTERNAL` error.
fn guarded<T>(env: &Env, f: impl FnOnce() -> napi::Result<T>) -> napi::Result<T> {
    match catch_unwind(AssertUnwindSafe(f)) {
        Ok(r) => r,
        Err(payload) => Err(js::throw(env, Code::Internal, &panic_message(&*payload), &[])),
    }
}

/// Converts ascending byte offsets (on character boundaries) of UTF-8 text to
/// UTF-16 code unit indices in one forward pass.
struct Utf16Cursor<'a> {
    text: &'a [u8],
    byte: usize,
    unit: usize,
}

impl<'a> Utf16Cursor<'a> {
    fn new(text: &'a [u8]) -> Self {
        Utf16Cursor { text, byte: 0, unit: 0 }
    }

    fn index(&mut self, offset: usize) -> usize {
        if offset < self.byte {
            self.byte = 0;
            self.unit = 0;
        }
        let end = offset.min(self.text.len());
        let units: usize =
            self.text[self.byte..end].iter().map(|&b| usize::from(b & 0xC0 != 0x80) + usize::from(b >= 0xF0)).sum();
        self.unit += units;
        self.byte = end;
        self.unit
    }
}

/// UTF-16 index as a JS number (JS strings are far shorter than 2^32 units).
fn index_u32(i: usize) -> u32 {
    u32::try_from(i).unwrap_or(u32::MAX)
}

fn text_findings(text: &[u8], found: &[scrubjay::Finding]) -> Vec<Finding> {
    let mut cursor = Utf16Cursor::new(text);
    found
        .iter()
        .map(|f| Finding {
            rule: std::sync::Arc::clone(&f.rule),
            start: index_u32(cursor.index(f.start)),
            end: index_u32(cursor.index(f.end)),
            action: f.action.as_str(),
        })
        .collect()
}

fn raw_json_findings(found: &[scrubjay::JsonFinding]) -> Vec<RawJsonFinding> {
    found
        .iter()
        .map(|f| RawJsonFinding {
            pointer: f.pointer.clone(),
            rule: f.rule.to_string(),
            start: f.start as f64,
            end: f.end as f64,
            action: f.action.as_str().to_string(),
            whole: f.whole,
        })
        .collect()
}

/// The UTF-8 text of a string argument, or a thrown `SCRUBJAY_INVALID_ARG`.
fn string_arg(env: &Env, method: &str, value: &Unknown<'_>) -> napi::Result<String> {
    let mut buf = Vec::new();
    js::read_utf8(env, value.raw(), &mut buf).map_err(|()| js::invalid_arg(env, method, "a string", value.raw()))?;
    // N-API writes valid UTF-8 (lone surrogates become U+FFFD).
    Ok(String::from_utf8(buf).unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned()))
}

/// Valid UTF-8 as `&str` (N-API output always is; degrade rather than fail).
fn as_str(bytes: &[u8]) -> std::borrow::Cow<'_, str> {
    String::from_utf8_lossy(bytes)
}

/// The UTF-8 texts of an array of strings.
fn strings_arg(env: &Env, method: &str, value: &Unknown<'_>) -> napi::Result<Vec<String>> {
    let items = js::array_elements(env, value.raw())
        .map_err(|()| js::invalid_arg(env, method, "an array of strings", value.raw()))?;
    items
        .iter()
        .enumerate()
        .map(|(i, &item)| {
            let mut buf = Vec::new();
            js::read_utf8(env, item, &mut buf)
                .map_err(|()| js::invalid_arg(env, method, &format!("a string at index {i}"), item))?;
            Ok(String::from_utf8(buf).unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned()))
        })
        .collect()
}

/// Throws `SCRUBJAY_INVALID_ARG` for an argument that is not a scrubber handle.
fn handle_arg<'a>(env: &Env, method: &str, value: sys::napi_value) -> napi::Result<&'a scrubjay::Scrubber> {
    js::scrubber_of(env, value)
        .map_err(|()| js::invalid_arg(env, method, "a scrubber handle (use `new Scrubber()`)", value))
}

/// Compiles a scrubber from config JSON text (`null`: the default profile)
/// and returns its handle.
#[napi(catch_unwind, ts_return_type = "ScrubberHandle")]
pub fn create(env: Env, config: Option<String>) -> napi::Result<Unknown<'static>> {
    guarded(&env, || {
        let scrubber = match config {
            None => scrubjay::Scrubber::default(),
            Some(text) => scrubjay::Scrubber::from_json(&text).map_err(|e| config_error(&env, &e))?,
        };
        let handle = js::new_handle(&env, scrubber)?;
        // SAFETY: a value created in this call's env.
        Ok(unsafe { Unknown::from_raw_unchecked(env.raw(), handle) })
    })
}

// The hot calls are raw N-API callbacks: napi-rs's generic glue (borrow
// tracking, class unwrapping) costs more than scrubbing a short clean line.

/// `scrub(handle, text)`: the scrubbed string, or `text` itself when nothing changed.
unsafe extern "C" fn scrub_cb(env: sys::napi_env, info: sys::napi_callback_info) -> sys::napi_value {
    // SAFETY: called by N-API with its own env and info.
    let [handle, text] = unsafe { js::args::<2>(env, info) };
    js::run_raw(env, |env| {
        let s = handle_arg(env, "scrub", handle)?;
        let out = js::with_utf8(env, text, |bytes| match s.scrub_bytes(bytes) {
            Cow::Borrowed(_) => Ok(text),
            Cow::Owned(v) => js::string(env, &v),
        });
        out.map_err(|()| js::invalid_arg(env, "scrub", "a string", text))?
    })
}

/// `find(handle, text)`: the findings as a flat array `[rule, start, end,
/// action, rule, ...]` (UTF-16 offsets), which `index.js` turns into objects:
/// building them in JS costs a fraction of setting properties through N-API.
unsafe extern "C" fn find_cb(env: sys::napi_env, info: sys::napi_callback_info) -> sys::napi_value {
    // SAFETY: called by N-API with its own env and info.
    let [handle, text] = unsafe { js::args::<2>(env, info) };
    js::run_raw(env, |env| {
        let s = handle_arg(env, "find", handle)?;
        let found = js::with_utf8(env, text, |bytes| text_findings(bytes, &s.find_bytes(bytes)))
            .map_err(|()| js::invalid_arg(env, "find", "a string", text))?;
        let mut flat = Vec::with_capacity(found.len() * 4);
        for f in &found {
            flat.push(js::string(env, f.rule.as_bytes())?);
            flat.push(js::uint32(env, f.start)?);
            flat.push(js::uint32(env, f.end)?);
            flat.push(js::string(env, f.action.as_bytes())?);
        }
        js::array(env, &flat)
    })
}

/// `scrubBuffer(handle, buf)`: a new Buffer, or `null` when nothing changed.
unsafe extern "C" fn scrub_buffer_cb(env: sys::napi_env, info: sys::napi_callback_info) -> sys::napi_value {
    // SAFETY: called by N-API with its own env and info.
    let [handle, buf] = unsafe { js::args::<2>(env, info) };
    js::run_raw(env, |env| {
        let s = handle_arg(env, "scrubBuffer", handle)?;
        let bytes = js::uint8_bytes(env, buf)
            .map_err(|()| js::invalid_arg(env, "scrubBuffer", "a Buffer or Uint8Array", buf))?;
        match s.scrub_bytes(bytes) {
            Cow::Borrowed(_) => js::null(env),
            Cow::Owned(v) => js::buffer_copy(env, &v),
        }
    })
}

/// `scrubMany(handle, texts)`: one batch call; unchanged strings are returned as given.
unsafe extern "C" fn scrub_many_cb(env: sys::napi_env, info: sys::napi_callback_info) -> sys::napi_value {
    // SAFETY: called by N-API with its own env and info.
    let [handle, texts] = unsafe { js::args::<2>(env, info) };
    js::run_raw(env, |env| {
        let s = handle_arg(env, "scrubMany", handle)?;
        let items = js::array_elements(env, texts)
            .map_err(|()| js::invalid_arg(env, "scrubMany", "an array of strings", texts))?;
        // All texts in one buffer, then one batch call.
        let mut joined = Vec::new();
        let mut ranges = Vec::with_capacity(items.len());
        for (i, &item) in items.iter().enumerate() {
            let start = joined.len();
            js::append_utf8(env, item, &mut joined)
                .map_err(|()| js::invalid_arg(env, "scrubMany", &format!("a string at index {i}"), item))?;
            ranges.push(start..joined.len());
        }
        let slices: Vec<&[u8]> = ranges.iter().map(|r| &joined[r.clone()]).collect();
        let scrubbed = s.scrub_bytes_batch(&slices);
        let mut out = Vec::with_capacity(items.len());
        for (item, text) in items.iter().zip(&scrubbed) {
            out.push(match text {
                Cow::Borrowed(_) => *item,
                Cow::Owned(v) => js::string(env, v)?,
            });
        }
        js::array(env, &out)
    })
}

/// Adds the raw callbacks to the module's exports.
#[napi(module_exports)]
pub fn init(env: Env, exports: Object<'_>) -> napi::Result<()> {
    let exports = exports.raw();
    js::export_fn(&env, exports, c"scrub", scrub_cb)?;
    js::export_fn(&env, exports, c"find", find_cb)?;
    js::export_fn(&env, exports, c"scrubBuffer", scrub_buffer_cb)?;
    js::export_fn(&env, exports, c"scrubMany", scrub_many_cb)?;
    Ok(())
}

/// Scrubs a string on the libuv thread pool; resolves to `null` when
/// nothing changed.
#[napi(catch_unwind, ts_return_type = "Promise<string | null>")]
pub fn scrub_async(env: Env, handle: Unknown<'_>, text: Unknown<'_>) -> napi::Result<AsyncTask<ScrubTask>> {
    guarded(&env, || {
        let scrubber = handle_arg(&env, "scrubAsync", handle.raw())?.clone();
        let text = string_arg(&env, "scrubAsync", &text)?;
        Ok(AsyncTask::new(ScrubTask { scrubber, texts: vec![text], one: true }))
    })
}

/// Scrubs many strings on the libuv thread pool; resolves to an array
/// with `null` for each string that did not change.
#[napi(catch_unwind, ts_return_type = "Promise<Array<string | null>>")]
pub fn scrub_many_async(env: Env, handle: Unknown<'_>, texts: Unknown<'_>) -> napi::Result<AsyncTask<ScrubTask>> {
    guarded(&env, || {
        let scrubber = handle_arg(&env, "scrubManyAsync", handle.raw())?.clone();
        let texts = strings_arg(&env, "scrubManyAsync", &texts)?;
        Ok(AsyncTask::new(ScrubTask { scrubber, texts, one: false }))
    })
}

/// Scrubs JSON text, keeping its formatting; returns the argument itself
/// when nothing changed.
#[napi(catch_unwind, ts_return_type = "string")]
pub fn scrub_json_string<'env>(
    env: &'env Env,
    handle: Unknown<'env>,
    json: Unknown<'env>,
) -> napi::Result<Unknown<'env>> {
    guarded(env, || {
        let s = handle_arg(env, "scrubJsonString", handle.raw())?;
        let out = js::with_utf8(env, json.raw(), |bytes| match s.scrub_json_str(&as_str(bytes)) {
            Ok(Cow::Borrowed(_)) => Ok(None),
            Ok(Cow::Owned(s)) => js::string(env, s.as_bytes()).map(Some),
            Err(e) => Err(json_error(env, &e)),
        })
        .map_err(|()| js::invalid_arg(env, "scrubJsonString", "a string", json.raw()))??;
        Ok(match out {
            None => json,
            // SAFETY: a value created in this call's env.
            Some(v) => unsafe { Unknown::from_raw_unchecked(env.raw(), v) },
        })
    })
}

/// Scrubs JSON text and reports the findings (byte offsets).
#[napi(catch_unwind)]
pub fn scrub_json_with_report(env: &Env, handle: Unknown<'_>, json: Unknown<'_>) -> napi::Result<RawScrubbedJson> {
    guarded(env, || {
        let s = handle_arg(env, "scrubJsonWithReport", handle.raw())?;
        js::with_utf8(env, json.raw(), |bytes| match s.scrub_json_with_report(&as_str(bytes)) {
            Ok(r) => Ok(RawScrubbedJson {
                findings: raw_json_findings(&r.findings),
                text: match r.text {
                    Cow::Borrowed(_) => None,
                    Cow::Owned(s) => Some(s),
                },
            }),
            Err(e) => Err(json_error(env, &e)),
        })
        .map_err(|()| js::invalid_arg(env, "scrubJsonWithReport", "a string", json.raw()))?
    })
}

/// What scrubbing JSON text would find (byte offsets), without scrubbing.
#[napi(catch_unwind)]
pub fn report_json(env: &Env, handle: Unknown<'_>, json: Unknown<'_>) -> napi::Result<Vec<RawJsonFinding>> {
    guarded(env, || {
        let s = handle_arg(env, "reportJson", handle.raw())?;
        js::with_utf8(env, json.raw(), |bytes| match s.report_json(&as_str(bytes)) {
            Ok(found) => Ok(raw_json_findings(&found)),
            Err(e) => Err(json_error(env, &e)),
        })
        .map_err(|()| js::invalid_arg(env, "reportJson", "a string", json.raw()))?
    })
}

/// Scrubbing on the libuv thread pool.
#[derive(Debug)]
pub struct ScrubTask {
    scrubber: scrubjay::Scrubber,
    texts: Vec<String>,
    /// Resolve to one value rather than an array.
    one: bool,
}

impl Task for ScrubTask {
    type Output = Vec<Option<String>>;
    type JsValue = Either<Option<String>, Vec<Option<String>>>;

    fn compute(&mut self) -> napi::Result<Self::Output> {
        let (scrubber, texts) = (&self.scrubber, &self.texts);
        catch_unwind(AssertUnwindSafe(|| {
            let refs: Vec<&str> = texts.iter().map(String::as_str).collect();
            scrubber
                .scrub_batch(&refs)
                .into_iter()
                .map(|s| match s {
                    Cow::Borrowed(_) => None,
                    Cow::Owned(s) => Some(s),
                })
                .collect()
        }))
        .map_err(|payload| napi::Error::from_reason(panic_message(&*payload)))
    }

    fn resolve(&mut self, _env: Env, mut output: Self::Output) -> napi::Result<Self::JsValue> {
        Ok(if self.one { Either::A(output.pop().flatten()) } else { Either::B(output) })
    }

    fn reject(&mut self, env: Env, err: napi::Error) -> napi::Result<Self::JsValue> {
        // A caught panic: reject with a coded error like the sync calls throw.
        if js::is_pending(&err) {
            return Err(err);
        }
        let mut error = env.create_error(napi::Error::from_reason(err.reason.clone()))?;
        error.set_named_property("code", "SCRUBJAY_INTERNAL")?;
        Err(napi::Error::from(error.to_unknown()))
    }
}

/// The crate version.
#[napi]
pub fn version() -> String {
    env!("CARGO_PKG_VERSION").to_string()
}

/// The rule ids each profile enables, compiled once.
fn profile_rules() -> &'static [(&'static str, HashSet<String>)] {
    static CELL: OnceLock<Vec<(&'static str, HashSet<String>)>> = OnceLock::new();
    CELL.get_or_init(|| {
        scrubjay::profiles()
            .iter()
            .map(|&p| {
                let ids = scrubjay::Scrubber::new(&scrubjay::Config::with_profile(p))
                    .map(|s| s.rules().map(|r| r.id.to_string()).collect())
                    .unwrap_or_default();
                (p, ids)
            })
            .collect()
    })
}

/// The builtin rule catalogue, in priority order.
#[napi(catch_unwind)]
pub fn builtin_rules(env: Env) -> napi::Result<Vec<BuiltinRule>> {
    guarded(&env, || {
        let profiles = profile_rules();
        Ok(scrubjay::builtin_rules()
            .map(|r| BuiltinRule {
                id: r.id.to_string(),
                category: r.category.as_str().to_string(),
                description: r.summary.to_string(),
                profiles: profiles.iter().filter(|(_, ids)| ids.contains(r.id)).map(|(p, _)| p.to_string()).collect(),
            })
            .collect())
    })
}
