//! Reading Python strings as UTF-8 without copying, and converting the
//! core's byte offsets to Python string indices (code points).

use std::ffi::c_char;

use pyo3::Borrowed;
use pyo3::exceptions::PyUnicodeEncodeError;
use pyo3::ffi;
use pyo3::intern;
use pyo3::prelude::*;
use pyo3::types::{PyBytes, PyString};

unsafe extern "C" {
    // Part of the limited API since 3.10 only, so pyo3-ffi does not declare it
    // for an abi3-py39 build, but exported under this name and with this
    // signature by every CPython 3 (it is documented since 3.3). It returns
    // the UTF-8 form cached in the string object (free for ASCII strings,
    // whose UTF-8 form is their own data), valid as long as the object lives.
    fn PyUnicode_AsUTF8AndSize(unicode: *mut ffi::PyObject, size: *mut ffi::Py_ssize_t) -> *const c_char;
}

/// The UTF-8 bytes of a Python `str`.
pub(crate) enum Utf8<'a, 'py> {
    /// The string's own UTF-8 form, borrowed from the object.
    Str {
        /// The text.
        text: &'a str,
        /// Whether it is all ASCII (then byte offsets are string indices).
        ascii: bool,
    },
    /// A string with lone surrogates (e.g. from `surrogateescape` decoding),
    /// which UTF-8 cannot hold: encoded with `surrogatepass`, so that each
    /// surrogate is three bytes that are not valid UTF-8 and that the core
    /// copies through unchanged.
    Surrogates(Bound<'py, PyBytes>),
}

impl<'a, 'py> Utf8<'a, 'py> {
    /// Reads `s` as UTF-8: no copy unless it holds lone surrogates.
    pub(crate) fn of(s: &'a Bound<'py, PyString>) -> PyResult<Utf8<'a, 'py>> {
        Utf8::of_borrowed(s.as_borrowed())
    }

    /// [`of`](Self::of) for a borrowed reference, valid for `'a`.
    pub(crate) fn of_borrowed(s: Borrowed<'a, 'py, PyString>) -> PyResult<Utf8<'a, 'py>> {
        let py = s.py();
        let mut size: ffi::Py_ssize_t = 0;
        // SAFETY: `s` is a live `str` (its type is checked), we hold the GIL,
        // and the returned buffer lives as long as the object, which `'a`
        // borrows.
        let data = unsafe { PyUnicode_AsUTF8AndSize(s.as_ptr(), &mut size) };
        if data.is_null() {
            let err = PyErr::fetch(py);
            if !err.is_instance_of::<PyUnicodeEncodeError>(py) {
                return Err(err);
            }
            let bytes = s.call_method1(intern!(py, "encode"), ("utf-8", "surrogatepass"))?;
            return Ok(Utf8::Surrogates(bytes.cast_into::<PyBytes>()?));
        }
        let len = usize::try_from(size).unwrap_or(0);
        // SAFETY: CPython returns `size` bytes of valid UTF-8 (it refuses
        // strings with surrogates, handled above).
        let text = unsafe { std::str::from_utf8_unchecked(std::slice::from_raw_parts(data.cast::<u8>(), len)) };
        // SAFETY: as above; `PyUnicode_GetLength` is in the limited API.
        let chars = unsafe { ffi::PyUnicode_GetLength(s.as_ptr()) };
        Ok(Utf8::Str { text, ascii: usize::try_from(chars).is_ok_and(|c| c == len) })
    }

    /// The bytes to scan.
    pub(crate) fn bytes(&self) -> &[u8] {
        match self {
            Utf8::Str { text, .. } => text.as_bytes(),
            Utf8::Surrogates(b) => b.as_bytes(),
        }
    }

    /// Whether byte offsets into [`bytes`](Self::bytes) are string indices.
    pub(crate) fn is_ascii(&self) -> bool {
        matches!(self, Utf8::Str { ascii: true, .. })
    }

    /// A Python `str` from scrubbed bytes of this string.
    pub(crate) fn to_py(&self, py: Python<'py>, scrubbed: &[u8]) -> PyResult<Bound<'py, PyString>> {
        match self {
            Utf8::Str { .. } => Ok(PyString::new(py, &String::from_utf8_lossy(scrubbed))),
            Utf8::Surrogates(_) => decode_surrogates(py, scrubbed),
        }
    }
}

/// Decodes bytes that may hold `surrogatepass`-encoded surrogates.
pub(crate) fn decode_surrogates<'py>(py: Python<'py>, bytes: &[u8]) -> PyResult<Bound<'py, PyString>> {
    Ok(PyBytes::new(py, bytes)
        .call_method1(intern!(py, "decode"), ("utf-8", "surrogatepass"))?
        .cast_into::<PyString>()?)
}

/// Converts increasing byte offsets into one text to code point indices, in
/// one pass over the text.
///
/// Offsets must come in non-decreasing order for the pass to be linear; an
/// offset before the previous one restarts the count from the beginning.
pub(crate) struct CodePoints<'t> {
    bytes: &'t [u8],
    byte: usize,
    index: usize,
}

impl<'t> CodePoints<'t> {
    pub(crate) fn new(bytes: &'t [u8]) -> CodePoints<'t> {
        CodePoints { bytes, byte: 0, index: 0 }
    }

    /// The code point index of byte offset `offset` (clamped to the text).
    pub(crate) fn index(&mut self, offset: usize) -> usize {
        let offset = offset.min(self.bytes.len());
        if offset < self.byte {
            self.byte = 0;
            self.index = 0;
        }
        // Every byte that is not a continuation byte (0b10xx_xxxx) starts a
        // code point; surrogates encoded with `surrogatepass` count as one.
        self.index += self.bytes[self.byte..offset].iter().filter(|&&b| (b as i8) >= -0x40).count();
        self.byte = offset;
        self.index
    }
}
