//! `scrubjay._scrubjay`: the native module behind the `scrubjay` Python
//! package.
//!
//! A thin layer over the `scrubjay` crate: it reads Python strings as UTF-8
//! without copying, releases the GIL around scans of more than a few
//! kilobytes, converts the core's byte offsets to Python string indices
//! (code points), and maps errors to Python exceptions. No input reaches a
//! Rust panic; should the core ever panic, the panic is caught and raised as
//! `ScrubjayError`, an `Exception`, rather than pyo3's `PanicException`.
//!
//! The public API (with config from dicts, paths and JSON text, and Python
//! object JSON) is the pure-Python package in `python/scrubjay`.

mod text;

use std::any::Any;
use std::borrow::Cow;
use std::panic::{AssertUnwindSafe, catch_unwind};

use pyo3::create_exception;
use pyo3::exceptions::{PyTypeError, PyValueError};
use pyo3::intern;
use pyo3::prelude::*;
use pyo3::types::{PyByteArray, PyBytes, PyDict, PyInt, PyList, PyString, PyTuple};
use pyo3::{Borrowed, ffi};

use text::{CodePoints, Utf8};

create_exception!(
    scrubjay,
    ScrubjayError,
    PyValueError,
    "Base class of the errors scrubjay raises (a subclass of ValueError)."
);
create_exception!(
    scrubjay,
    ConfigError,
    ScrubjayError,
    "The configuration is invalid; the message names the rule or setting and how to fix it."
);
create_exception!(scrubjay, JsonError, ScrubjayError, "The JSON text to scrub is not valid JSON.");

/// Scans of at least this many bytes release the GIL.
const DETACH_BYTES: usize = 4096;

/// `scrub_many` gives each extra thread at least this many bytes.
const BYTES_PER_THREAD: usize = 256 * 1024;

/// Runs `f` (a call into the core on `len` bytes), without the GIL when
/// `len` is large, and turns a panic into `ScrubjayError`.
fn run<T: Send>(py: Python<'_>, len: usize, f: impl FnOnce() -> T + Send) -> PyResult<T> {
    let guarded = move || catch_unwind(AssertUnwindSafe(f)).map_err(panic_message);
    let result = if len >= DETACH_BYTES { py.detach(guarded) } else { guarded() };
    result.map_err(internal_error)
}

fn panic_message(payload: Box<dyn Any + Send>) -> String {
    match payload.downcast::<String>() {
        Ok(s) => *s,
        Err(payload) => payload.downcast::<&str>().map(|s| s.to_string()).unwrap_or_else(|_| "panic".to_string()),
    }
}

fn internal_error(message: String) -> PyErr {
    ScrubjayError::new_err(format!(
        "internal error in scrubjay ({message}); please report it with the input that caused it"
    ))
}

fn type_name(obj: &Bound<'_, PyAny>) -> String {
    obj.get_type().qualname().map(|n| n.to_string()).unwrap_or_else(|_| "?".to_string())
}

/// A `bytes` argument; a `bytearray` is copied.
enum BytesArg<'a, 'py> {
    Bytes(&'a Bound<'py, PyBytes>),
    Copied(Vec<u8>),
}

impl<'a, 'py> BytesArg<'a, 'py> {
    fn of(data: &'a Bound<'py, PyAny>, method: &str) -> PyResult<BytesArg<'a, 'py>> {
        if let Ok(b) = data.cast::<PyBytes>() {
            Ok(BytesArg::Bytes(b))
        } else if let Ok(b) = data.cast::<PyByteArray>() {
            Ok(BytesArg::Copied(b.to_vec()))
        } else if data.is_instance_of::<PyString>() {
            Err(PyTypeError::new_err(format!(
                "{method}() takes bytes or bytearray, not str; use {}() for text",
                method.trim_end_matches("_bytes")
            )))
        } else {
            Err(PyTypeError::new_err(format!("{method}() takes bytes or bytearray, not {}", type_name(data))))
        }
    }

    fn bytes(&self) -> &[u8] {
        match self {
            BytesArg::Bytes(b) => b.as_bytes(),
            BytesArg::Copied(v) => v,
        }
    }
}

/// A finding in a text: which rule matched where, and what is done with it.
///
/// `start` and `end` index the scanned object: code points of a `str`
/// (so `text[start:end]` is the match), bytes of a `bytes`.
#[pyclass(frozen, module = "scrubjay", name = "Finding")]
struct PyFinding {
    /// The id of the rule that found it, e.g. `"email"`.
    #[pyo3(get)]
    rule: Py<PyString>,
    /// Index of the first character (or byte) of the match.
    #[pyo3(get)]
    start: usize,
    /// Index one past the last character (or byte) of the match.
    #[pyo3(get)]
    end: usize,
    /// What the scrubber does with it: `replace`, `mask`, `hash`, `remove` or `keep`.
    #[pyo3(get)]
    action: Py<PyString>,
    /// The matched text (`str` or `bytes`), when asked for with `with_text=True`; else `None`.
    #[pyo3(get)]
    text: Option<Py<PyAny>>,
}

impl PyFinding {
    fn key<'py>(&self, py: Python<'py>) -> Bound<'py, PyTuple> {
        let text = self.text.as_ref().map(|t| t.bind(py).clone()).unwrap_or_else(|| py.None().into_bound(py));
        let items: [Bound<'py, PyAny>; 5] = [
            self.rule.bind(py).clone().into_any(),
            self.start.into_pyobject(py).map(Bound::into_any).unwrap_or_else(|e| match e {}),
            self.end.into_pyobject(py).map(Bound::into_any).unwrap_or_else(|e| match e {}),
            self.action.bind(py).clone().into_any(),
            text,
        ];
        PyTuple::new(py, items).unwrap_or_else(|_| PyTuple::empty(py))
    }
}

#[pymethods]
impl PyFinding {
    fn __repr__(&self, py: Python<'_>) -> PyResult<String> {
        let text = match &self.text {
            Some(t) => format!(", text={}", t.bind(py).repr()?),
            None => String::new(),
        };
        Ok(format!(
            "Finding(rule={}, start={}, end={}, action={}{text})",
            self.rule.bind(py).repr()?,
            self.start,
            self.end,
            self.action.bind(py).repr()?
        ))
    }

    fn __eq__(&self, py: Python<'_>, other: &Bound<'_, PyAny>) -> PyResult<Py<PyAny>> {
        match other.cast::<PyFinding>() {
            Ok(o) => Ok(self.key(py).eq(o.get().key(py))?.into_pyobject(py)?.to_owned().into_any().unbind()),
            Err(_) => Ok(py.NotImplemented()),
        }
    }

    fn __hash__(&self, py: Python<'_>) -> PyResult<isize> {
        self.key(py).hash()
    }
}

/// A finding in a JSON document.
///
/// `pointer` is the JSON Pointer (RFC 6901) of the value; `start` and `end`
/// index the value: code points of a string value (decoded), characters of a
/// number's text. For a whole value (`whole=True`: a sensitive key or a path
/// rule) `start` is 0 and `end` the length of the string, or, for any other
/// value, the length in bytes of its JSON text in the document.
#[pyclass(frozen, module = "scrubjay", name = "JsonFinding")]
struct PyJsonFinding {
    /// Where the value is, as a JSON Pointer: `"/user/email"`; `""` is the whole document.
    #[pyo3(get)]
    pointer: String,
    /// The id of the rule that found it.
    #[pyo3(get)]
    rule: Py<PyString>,
    /// Index of the finding's start in the value.
    #[pyo3(get)]
    start: usize,
    /// Index one past the finding's end in the value.
    #[pyo3(get)]
    end: usize,
    /// What is done with it: `replace`, `mask`, `hash`, `remove` or `keep`.
    #[pyo3(get)]
    action: Py<PyString>,
    /// Whether the whole value is the finding (a sensitive key or a path rule).
    #[pyo3(get)]
    whole: bool,
}

impl PyJsonFinding {
    fn key<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyTuple>> {
        (self.pointer.as_str(), self.rule.bind(py), self.start, self.end, self.action.bind(py), self.whole)
            .into_pyobject(py)
    }
}

#[pymethods]
impl PyJsonFinding {
    fn __repr__(&self, py: Python<'_>) -> PyResult<String> {
        Ok(format!(
            "JsonFinding(pointer={}, rule={}, start={}, end={}, action={}, whole={})",
            PyString::new(py, &self.pointer).repr()?,
            self.rule.bind(py).repr()?,
            self.start,
            self.end,
            self.action.bind(py).repr()?,
            if self.whole { "True" } else { "False" }
        ))
    }

    fn __eq__(&self, py: Python<'_>, other: &Bound<'_, PyAny>) -> PyResult<Py<PyAny>> {
        match other.cast::<PyJsonFinding>() {
            Ok(o) => Ok(self.key(py)?.eq(o.get().key(py)?)?.into_pyobject(py)?.to_owned().into_any().unbind()),
            Err(_) => Ok(py.NotImplemented()),
        }
    }

    fn __hash__(&self, py: Python<'_>) -> PyResult<isize> {
        self.key(py)?.hash()
    }
}

/// Converts the core's findings in one text to Python `Finding`s.
///
/// `bytes` is the scanned text; `indices` converts byte offsets to code
/// points (`None`: offsets are already indices, for ASCII text and `bytes`);
/// `as_str` makes the matched text a `str` rather than `bytes`.
fn py_findings<'py>(
    py: Python<'py>,
    bytes: &[u8],
    found: &[scrubjay::Finding],
    code_points: bool,
    with_text: Option<bool>,
) -> PyResult<Bound<'py, PyList>> {
    let mut cp = CodePoints::new(bytes);
    let mut out = Vec::with_capacity(found.len());
    for f in found {
        let (start, end) = if code_points { (cp.index(f.start), cp.index(f.end)) } else { (f.start, f.end) };
        let matched = bytes.get(f.start..f.end).unwrap_or_default();
        let text = match with_text {
            // Findings are whole characters, valid UTF-8 even in bytes.
            Some(true) => Some(PyString::new(py, &String::from_utf8_lossy(matched)).into_any().unbind()),
            Some(false) => Some(PyBytes::new(py, matched).into_any().unbind()),
            None => None,
        };
        out.push(PyFinding {
            rule: PyString::intern(py, &f.rule).unbind(),
            start,
            end,
            action: PyString::intern(py, f.action.as_str()).unbind(),
            text,
        });
    }
    PyList::new(py, out)
}

/// Findings of a `str` scan, in string indices.
fn str_findings<'py>(
    py: Python<'py>,
    utf8: &Utf8<'_, 'py>,
    found: &[scrubjay::Finding],
    with_text: bool,
) -> PyResult<Bound<'py, PyList>> {
    py_findings(py, utf8.bytes(), found, !utf8.is_ascii(), with_text.then_some(true))
}

/// The UTF-8 text of a JSON document given as `str`.
fn json_text<'a>(doc: &'a Bound<'_, PyString>) -> PyResult<&'a str> {
    match Utf8::of(doc)? {
        Utf8::Str { text, .. } => Ok(text),
        Utf8::Surrogates(_) => Err(JsonError::new_err(
            "the JSON text holds a lone surrogate character (U+D800 to U+DFFF), which UTF-8 cannot encode; \
             write it as a \\uXXXX escape (json.dumps does with its default ensure_ascii=True)",
        )),
    }
}

fn json_error(e: scrubjay::JsonError) -> PyErr {
    JsonError::new_err(e.to_string())
}

/// The value at a JSON Pointer in a parsed document.
fn resolve<'py>(root: &Bound<'py, PyAny>, pointer: &str) -> Option<Bound<'py, PyAny>> {
    let mut value = root.clone();
    for token in pointer.split('/').skip(1) {
        let token = token.replace("~1", "/").replace("~0", "~");
        value = if let Ok(dict) = value.cast::<PyDict>() {
            dict.get_item(&token).ok()??
        } else if let Ok(list) = value.cast::<PyList>() {
            list.get_item(token.parse::<usize>().ok()?).ok()?
        } else {
            return None;
        };
    }
    Some(value)
}

/// Converts the core's JSON findings to Python `JsonFinding`s, with offsets
/// in string values as code points. Only when some string in `doc` may not
/// be ASCII is the document parsed (by Python's `json`) to read the values.
fn py_json_findings<'py>(py: Python<'py>, doc: &str, found: &[scrubjay::JsonFinding]) -> PyResult<Bound<'py, PyList>> {
    let root = if !found.is_empty() && (!doc.is_ascii() || doc.contains("\\u")) {
        Some(py.import(intern!(py, "json"))?.call_method1(intern!(py, "loads"), (doc,))?)
    } else {
        None
    };
    let mut out = Vec::with_capacity(found.len());
    for f in found {
        let (mut start, mut end) = (f.start, f.end);
        if let Some(root) = &root
            && let Some(value) = resolve(root, &f.pointer)
            && let Ok(s) = value.cast::<PyString>()
        {
            let utf8 = Utf8::of(s)?;
            if !utf8.is_ascii() {
                let mut cp = CodePoints::new(utf8.bytes());
                (start, end) = (cp.index(start), cp.index(end));
            }
        }
        out.push(PyJsonFinding {
            pointer: f.pointer.clone(),
            rule: PyString::intern(py, &f.rule).unbind(),
            start,
            end,
            action: PyString::intern(py, f.action.as_str()).unbind(),
            whole: f.whole,
        });
    }
    PyList::new(py, out)
}

/// The compiled scrubber (use `scrubjay.Scrubber`, which also takes configs
/// as dicts and paths).
#[pyclass(frozen, subclass, module = "scrubjay._scrubjay", name = "Scrubber")]
struct PyScrubber {
    inner: scrubjay::Scrubber,
}

#[pymethods]
impl PyScrubber {
    /// Compiles a scrubber from config JSON text; `None` is the default profile.
    #[new]
    #[pyo3(signature = (config=None))]
    fn new(py: Python<'_>, config: Option<String>) -> PyResult<PyScrubber> {
        let built = run(py, usize::MAX, move || match config {
            None => Ok(scrubjay::Scrubber::default()),
            Some(text) => scrubjay::Scrubber::from_json(&text),
        })?;
        built.map(|inner| PyScrubber { inner }).map_err(|e| ConfigError::new_err(e.to_string()))
    }

    /// Scrubs text; returns `text` itself when nothing matched.
    fn scrub<'py>(&self, text: Bound<'py, PyString>) -> PyResult<Bound<'py, PyAny>> {
        let py = text.py();
        let utf8 = Utf8::of(&text)?;
        let bytes = utf8.bytes();
        let out = run(py, bytes.len(), || self.inner.scrub_bytes(bytes))?;
        match out {
            Cow::Borrowed(_) => Ok(text.clone().into_any()),
            Cow::Owned(v) => Ok(utf8.to_py(py, &v)?.into_any()),
        }
    }

    /// Scrubs bytes that need not be valid UTF-8; returns `data` itself when
    /// nothing matched (a `bytearray` gives a new `bytes`).
    fn scrub_bytes<'py>(&self, data: Bound<'py, PyAny>) -> PyResult<Bound<'py, PyAny>> {
        let py = data.py();
        let arg = BytesArg::of(&data, "scrub_bytes")?;
        let bytes = arg.bytes();
        let out = run(py, bytes.len(), || self.inner.scrub_bytes(bytes))?;
        Ok(match (out, &arg) {
            (Cow::Borrowed(_), BytesArg::Bytes(b)) => (*b).clone().into_any(),
            (out, _) => PyBytes::new(py, &out).into_any(),
        })
    }

    /// The findings in `text`, with offsets as string indices.
    #[pyo3(signature = (text, *, with_text=false))]
    fn find<'py>(&self, text: Bound<'py, PyString>, with_text: bool) -> PyResult<Bound<'py, PyList>> {
        let py = text.py();
        let utf8 = Utf8::of(&text)?;
        let bytes = utf8.bytes();
        let found = run(py, bytes.len(), || self.inner.find_bytes(bytes))?;
        str_findings(py, &utf8, &found, with_text)
    }

    /// The findings in bytes, with byte offsets.
    #[pyo3(signature = (data, *, with_text=false))]
    fn find_bytes<'py>(&self, data: Bound<'py, PyAny>, with_text: bool) -> PyResult<Bound<'py, PyList>> {
        let py = data.py();
        let arg = BytesArg::of(&data, "find_bytes")?;
        let bytes = arg.bytes();
        let found = run(py, bytes.len(), || self.inner.find_bytes(bytes))?;
        py_findings(py, bytes, &found, false, with_text.then_some(false))
    }

    /// Scrubs text and reports the findings, from one pass.
    #[pyo3(signature = (text, *, with_text=false))]
    fn scrub_with_findings<'py>(&self, text: Bound<'py, PyString>, with_text: bool) -> PyResult<Bound<'py, PyTuple>> {
        let py = text.py();
        let utf8 = Utf8::of(&text)?;
        let bytes = utf8.bytes();
        let r = run(py, bytes.len(), || self.inner.scrub_bytes_with_findings(bytes))?;
        let out = match &r.text {
            Cow::Borrowed(_) => text.clone().into_any(),
            Cow::Owned(v) => utf8.to_py(py, v)?.into_any(),
        };
        let found = str_findings(py, &utf8, &r.findings, with_text)?;
        PyTuple::new(py, [out, found.into_any()])
    }

    /// Scrubs many texts in one call, without the GIL, on several threads
    /// for large batches; clean texts come back as the same objects.
    ///
    /// `threads`: at most this many threads (the calling one included);
    /// `None` is one per core. A thread gets at least 256 KiB of text.
    #[pyo3(signature = (texts, *, threads=None))]
    fn scrub_many<'py>(
        &self,
        texts: Bound<'py, PyAny>,
        threads: Option<Bound<'py, PyAny>>,
    ) -> PyResult<Bound<'py, PyList>> {
        let py = texts.py();
        let threads = threads_arg(threads.as_ref())?;
        if texts.is_instance_of::<PyString>() {
            return Err(PyTypeError::new_err("scrub_many() takes an iterable of str, not a str; use scrub()"));
        }
        // A new list of the items, which no other code can see: the items
        // stay alive and in place while the GIL is released, whatever other
        // threads do to `texts`. It becomes the result, with the scrubbed
        // items replaced.
        let list = match texts.cast::<PyList>() {
            Ok(l) => l.get_slice(0, l.len()),
            Err(_) => {
                let items = texts.try_iter()?.collect::<PyResult<Vec<_>>>()?;
                PyList::new(py, items)?
            }
        };
        let n = list.len();
        let mut utf8 = Vec::with_capacity(n);
        for i in 0..n {
            // SAFETY: `i < n` and `list` is ours and unchanged until every
            // borrow below has ended, so the item is alive (the list owns a
            // reference) for as long as `utf8` borrows it.
            let item = unsafe {
                let ptr = ffi::PyList_GetItem(list.as_ptr(), i as ffi::Py_ssize_t);
                Borrowed::from_ptr(py, ptr)
            };
            match item.cast::<PyString>() {
                Ok(s) => utf8.push(Utf8::of_borrowed(s)?),
                Err(_) => {
                    return Err(PyTypeError::new_err(format!(
                        "scrub_many() takes an iterable of str; item {i} is {}",
                        type_name(&item)
                    )));
                }
            }
        }
        let bytes: Vec<&[u8]> = utf8.iter().map(Utf8::bytes).collect();
        let total: usize = bytes.iter().map(|b| b.len()).sum();
        let scrubber = &self.inner;
        let out = run(py, total, || scrub_parallel(scrubber, &bytes, total, threads))?;
        let mut replaced = Vec::new();
        for (i, (out, utf8)) in out.into_iter().zip(&utf8).enumerate() {
            if let Cow::Owned(v) = out {
                replaced.push((i, utf8.to_py(py, &v)?));
            }
        }
        // No borrow of the items is left: replace (and release) them.
        drop(bytes);
        drop(utf8);
        for (i, s) in replaced {
            list.set_item(i, s)?;
        }
        Ok(list)
    }

    /// Scrubs a JSON document given as text; returns `text` itself when
    /// nothing changed.
    fn scrub_json_str<'py>(&self, text: Bound<'py, PyString>) -> PyResult<Bound<'py, PyAny>> {
        let py = text.py();
        let doc = json_text(&text)?;
        let out = run(py, doc.len(), || self.inner.scrub_json_str(doc))?.map_err(json_error)?;
        Ok(match out {
            Cow::Borrowed(_) => text.clone().into_any(),
            Cow::Owned(s) => PyString::new(py, &s).into_any(),
        })
    }

    /// Scrubs a JSON document given as text and reports what was scrubbed.
    fn scrub_json_str_with_report<'py>(&self, text: Bound<'py, PyString>) -> PyResult<Bound<'py, PyTuple>> {
        let py = text.py();
        let doc = json_text(&text)?;
        let r = run(py, doc.len(), || self.inner.scrub_json_with_report(doc))?.map_err(json_error)?;
        let out = match r.text {
            Cow::Borrowed(_) => text.clone().into_any(),
            Cow::Owned(s) => PyString::new(py, &s).into_any(),
        };
        let found = py_json_findings(py, doc, &r.findings)?;
        PyTuple::new(py, [out, found.into_any()])
    }

    /// What scrubbing a JSON document (text) would find, without scrubbing it.
    fn report_json_str<'py>(&self, text: Bound<'py, PyString>) -> PyResult<Bound<'py, PyList>> {
        let py = text.py();
        let doc = json_text(&text)?;
        let found = run(py, doc.len(), || self.inner.report_json(doc))?.map_err(json_error)?;
        py_json_findings(py, doc, &found)
    }

    /// The enabled rules: custom rules first, then builtins in priority order.
    fn rules<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyList>> {
        let mut out = Vec::new();
        for r in self.inner.rules() {
            let d = PyDict::new(py);
            d.set_item("id", r.id)?;
            d.set_item("description", r.description)?;
            d.set_item("kind", r.kind.as_str())?;
            d.set_item("action", r.action.as_str())?;
            d.set_item("priority", r.priority)?;
            out.push(d);
        }
        PyList::new(py, out)
    }

    fn __repr__(&self) -> String {
        let ids: Vec<&str> = self.inner.rules().map(|r| r.id).collect();
        format!("<scrubjay.Scrubber with {} rules: {}>", ids.len(), ids.join(", "))
    }
}

/// Scrubs `texts` in batches, on up to `max_threads` (default: one per
/// core) when there is enough text to share.
/// `scrub_many`'s `threads`: None, or an int of at least 1 (one above
/// `usize::MAX` is as many as there are texts). Every other value is a
/// ValueError or TypeError naming the argument, never an OverflowError.
fn threads_arg(threads: Option<&Bound<'_, PyAny>>) -> PyResult<Option<usize>> {
    let Some(t) = threads.filter(|t| !t.is_none()) else {
        return Ok(None);
    };
    let Ok(n) = t.cast::<PyInt>() else {
        return Err(PyTypeError::new_err(format!(
            "scrub_many(): threads must be an int or None, not {}",
            type_name(t)
        )));
    };
    if n.lt(1)? {
        return Err(PyValueError::new_err(format!(
            "scrub_many(): threads must be at least 1 (or None for one per core), not {n}"
        )));
    }
    Ok(Some(n.extract::<usize>().unwrap_or(usize::MAX)))
}

fn scrub_parallel<'t>(
    scrubber: &scrubjay::Scrubber,
    texts: &[&'t [u8]],
    total: usize,
    max_threads: Option<usize>,
) -> Vec<Cow<'t, [u8]>> {
    let cores = max_threads.unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get()));
    let threads = cores.min(total / BYTES_PER_THREAD).min(texts.len()).max(1);
    if threads == 1 {
        return scrubber.scrub_bytes_batch(texts);
    }
    // Contiguous chunks of about equal bytes.
    let share = total.div_ceil(threads);
    let mut chunks = Vec::with_capacity(threads);
    let (mut begin, mut bytes) = (0, 0);
    for (i, t) in texts.iter().enumerate() {
        bytes += t.len();
        if bytes >= share && chunks.len() + 1 < threads {
            chunks.push(&texts[begin..=i]);
            (begin, bytes) = (i + 1, 0);
        }
    }
    chunks.push(&texts[begin..]);
    std::thread::scope(|scope| {
        let (first, rest) = chunks.split_first().map_or((&[][..], &[][..]), |(f, r)| (*f, r));
        let handles: Vec<_> = rest.iter().map(|chunk| scope.spawn(move || scrubber.scrub_bytes_batch(chunk))).collect();
        let mut out = scrubber.scrub_bytes_batch(first);
        for h in handles {
            match h.join() {
                Ok(part) => out.extend(part),
                // Re-raised on this thread, where `run` turns it into an error.
                Err(panic) => std::panic::resume_unwind(panic),
            }
        }
        out
    })
}

/// The builtin rules: id, summary, category and whether the default profile
/// enables it.
#[pyfunction]
fn builtin_rules(py: Python<'_>) -> PyResult<Bound<'_, PyList>> {
    let mut out = Vec::new();
    for r in scrubjay::builtin_rules() {
        let d = PyDict::new(py);
        d.set_item("id", r.id)?;
        d.set_item("summary", r.summary)?;
        d.set_item("category", r.category.as_str())?;
        d.set_item("in_default_profile", r.in_default_profile)?;
        out.push(d);
    }
    PyList::new(py, out)
}

/// The names of the profiles a config can start from.
#[pyfunction]
fn profiles() -> Vec<&'static str> {
    scrubjay::profiles().to_vec()
}

/// The validator names a `pattern` rule can use.
#[pyfunction]
fn validators() -> Vec<&'static str> {
    scrubjay::validators().collect()
}

#[pymodule]
fn _scrubjay(m: &Bound<'_, PyModule>) -> PyResult<()> {
    let py = m.py();
    m.add_class::<PyScrubber>()?;
    m.add_class::<PyFinding>()?;
    m.add_class::<PyJsonFinding>()?;
    m.add("ScrubjayError", py.get_type::<ScrubjayError>())?;
    m.add("ConfigError", py.get_type::<ConfigError>())?;
    m.add("JsonError", py.get_type::<JsonError>())?;
    m.add_function(wrap_pyfunction!(builtin_rules, m)?)?;
    m.add_function(wrap_pyfunction!(profiles, m)?)?;
    m.add_function(wrap_pyfunction!(validators, m)?)?;
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    Ok(())
}
