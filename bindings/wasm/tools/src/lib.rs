//! Build ids for a release `.wasm` and its companion debug file.
//!
//! The release module ships without DWARF (it keeps the `name` section, so
//! stack traces show function names); the debug file is the same module
//! with its DWARF sections. Both carry the same build id in a `build_id`
//! custom section (the WebAssembly tool-conventions format: a LEB128 length
//! and that many bytes, which V8 reports to DevTools as the module's build
//! id), so a crash report from the release module finds its debug file.
//!
//! The id is the first 16 bytes of the SHA-256 of the module's non-custom
//! sections (types, imports, functions, code, data, ...): the same in both
//! files, recomputable from either, and different whenever the code is.
//!
//! ```
//! # fn main() -> Result<(), scrubjay_wasm_tools::Error> {
//! use scrubjay_wasm_tools::{build_id, split};
//! // A module with nothing but a (tiny) `.debug_info` section.
//! let module = b"\0asm\x01\0\0\0\0\x0d\x0b.debug_info\x00".to_vec();
//! let pair = split(&module, "app.debug.wasm")?;
//! assert_eq!(build_id(&pair.release)?, Some(pair.id.to_vec()));
//! assert_eq!(build_id(&pair.debug)?, Some(pair.id.to_vec()));
//! # Ok(()) }
//! ```

use std::fmt;
use std::ops::Range;

use sha2::{Digest, Sha256};
use wasm_encoder::{CustomSection, Encode, NameMap, NameSection, Section as _};

/// The name of the custom section that holds the build id.
pub const BUILD_ID_SECTION: &str = "build_id";

/// The name of the custom section by which a release module points to its
/// debug file (written by `wasm-bindgen --split-debug-info`).
pub const EXTERNAL_DEBUG_INFO_SECTION: &str = "external_debug_info";

/// The length of the build ids this crate writes, in bytes.
pub const BUILD_ID_LEN: usize = 16;

/// Why a module could not be read, split or checked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Error(String);

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for Error {}

impl Error {
    fn new(message: impl Into<String>) -> Error {
        Error(message.into())
    }
}

/// One section of a module.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Section {
    /// The section id (0 for custom sections).
    pub id: u8,
    /// The custom section's name; empty for other sections.
    pub name: String,
    /// The whole section (id byte and size included) in the module's bytes.
    pub range: Range<usize>,
    /// The custom section's data (after its name); the contents for others.
    pub data: Range<usize>,
}

/// The sections of a module, in order.
///
/// ```
/// let sections = scrubjay_wasm_tools::sections(b"\0asm\x01\0\0\0\0\x04\x03abc").unwrap();
/// assert_eq!(sections.len(), 1);
/// assert_eq!(sections[0].name, "abc");
/// ```
pub fn sections(wasm: &[u8]) -> Result<Vec<Section>, Error> {
    let mut out = Vec::new();
    let mut start = 0;
    for payload in wasmparser::Parser::new(0).parse_all(wasm) {
        let payload = payload.map_err(|e| Error::new(format!("not a valid WebAssembly module: {e}")))?;
        if let wasmparser::Payload::Version { range, .. } = &payload {
            start = range.end;
            continue;
        }
        let Some((id, contents)) = payload.as_section() else { continue };
        let (name, data) = match &payload {
            wasmparser::Payload::CustomSection(c) => {
                (c.name().to_string(), c.data_offset()..c.data_offset() + c.data().len())
            }
            _ => (String::new(), contents.clone()),
        };
        out.push(Section { id, name, range: start..contents.end, data });
        start = contents.end;
    }
    Ok(out)
}

/// The build id of a module, if it has a `build_id` section.
///
/// ```
/// let wasm = b"\0asm\x01\0\0\0\0\x0c\x08build_id\x02\xab\xcd";
/// assert_eq!(scrubjay_wasm_tools::build_id(wasm).unwrap(), Some(vec![0xab, 0xcd]));
/// ```
pub fn build_id(wasm: &[u8]) -> Result<Option<Vec<u8>>, Error> {
    let found: Vec<Section> = sections(wasm)?.into_iter().filter(|s| s.id == 0 && s.name == BUILD_ID_SECTION).collect();
    match found.as_slice() {
        [] => Ok(None),
        [s] => {
            let data = &wasm[s.data.clone()];
            let (len, header) = read_leb128(data).ok_or_else(|| Error::new("`build_id` section: bad length"))?;
            let id = data.get(header..).filter(|id| id.len() == len).ok_or_else(|| {
                Error::new(format!("`build_id` section: says {len} bytes, holds {}", data.len() - header))
            })?;
            Ok(Some(id.to_vec()))
        }
        _ => Err(Error::new(format!("{} `build_id` sections; a module has at most one", found.len()))),
    }
}

/// The build id computed from a module's non-custom sections.
pub fn compute_build_id(wasm: &[u8]) -> Result<[u8; BUILD_ID_LEN], Error> {
    let mut hash = Sha256::new();
    for s in sections(wasm)?.iter().filter(|s| s.id != 0) {
        hash.update(&wasm[s.range.clone()]);
    }
    let digest = hash.finalize();
    let mut id = [0; BUILD_ID_LEN];
    id.copy_from_slice(&digest[..BUILD_ID_LEN]);
    Ok(id)
}

/// A release module and its debug file, split from one module.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Split {
    /// The module without DWARF, with short function names, a pointer to
    /// the debug file and the build id.
    pub release: Vec<u8>,
    /// The whole module (DWARF and full names) with the build id.
    pub debug: Vec<u8>,
    /// The build id both carry.
    pub id: [u8; BUILD_ID_LEN],
}

/// Splits a module built with DWARF into a release module and a debug
/// file carrying the same build id.
///
/// The release module drops the `.debug_*` sections (and the `producers`
/// and `target_features` notes, which the debug file keeps), keeps the `name`
/// section with the names shortened by [`short_name`] (stack traces stay
/// readable, the hashes that make names unique cost a fifth of the
/// section), and gains an `external_debug_info` section holding
/// `debug_url` (where debuggers look for the debug file, relative to the
/// module's URL) and a `build_id` section. The debug file is the module as
/// it was, plus the `build_id` section. Existing `build_id` and
/// `external_debug_info` sections are replaced.
pub fn split(wasm: &[u8], debug_url: &str) -> Result<Split, Error> {
    let all = sections(wasm)?;
    if !all.iter().any(|s| s.id == 0 && s.name == ".debug_info") {
        return Err(Error::new(
            "the module has no `.debug_info` section: build it with debug info (e.g. CARGO_PROFILE_RELEASE_DEBUG=line-tables-only) and pass `--keep-debug` to wasm-bindgen",
        ));
    }
    let id = compute_build_id(wasm)?;
    let replaced = |s: &Section| s.id == 0 && (s.name == BUILD_ID_SECTION || s.name == EXTERNAL_DEBUG_INFO_SECTION);
    let mut release = wasm[..8].to_vec();
    let mut debug = wasm[..8].to_vec();
    for s in &all {
        if replaced(s) {
            continue;
        }
        debug.extend_from_slice(&wasm[s.range.clone()]);
        // Nothing at run time reads the toolchain notes either.
        if is_dwarf(s) || (s.id == 0 && (s.name == "producers" || s.name == "target_features")) {
            continue;
        }
        if s.id == 0 && s.name == "name" {
            short_names(&wasm[s.data.clone()], s.data.start)?.append_to(&mut release);
        } else {
            release.extend_from_slice(&wasm[s.range.clone()]);
        }
    }
    let mut url = Vec::new();
    debug_url.encode(&mut url);
    CustomSection { name: EXTERNAL_DEBUG_INFO_SECTION.into(), data: url.into() }.append_to(&mut release);
    append_build_id(&mut release, &id);
    append_build_id(&mut debug, &id);
    Ok(Split { release, debug, id })
}

/// A function name without what only makes it unique: the `::h<16 hex>`
/// hash of a Rust symbol (at the end, or before the `[n]` copy number
/// wasm-opt adds or the ` ... shim` wasm-bindgen adds) and the
/// `[<16 hex>]` crate disambiguators.
///
/// ```
/// use scrubjay_wasm_tools::short_name;
/// assert_eq!(short_name("scrubjay::Scrubber::new::h458db63ee3caf1af"), "scrubjay::Scrubber::new");
/// assert_eq!(
///     short_name("<f64 as core[c5930c85a12de822]::fmt::Display>::fmt"),
///     "<f64 as core::fmt::Display>::fmt"
/// );
/// assert_eq!(short_name("memchr::memchr::h11bdb085ec7e3983[1]"), "memchr::memchr[1]");
/// assert_eq!(short_name("a::hybrid::f::h6cb32ae0de1f78c2"), "a::hybrid::f");
/// assert_eq!(short_name("invoke::h164755270d8892bc externref shim"), "invoke externref shim");
/// assert_eq!(short_name("x[0] as y[c5930c85a12de822]::z"), "x[0] as y::z");
/// assert_eq!(short_name("plain_name[2]"), "plain_name[2]");
/// ```
pub fn short_name(name: &str) -> String {
    let is_hex = |s: &str| s.len() == 16 && s.bytes().all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b));
    let mut out = String::with_capacity(name.len());
    let mut rest = name;
    loop {
        let hash = rest.match_indices("::h").map(|(at, _)| at).find(|&at| {
            rest.get(at + 3..at + 19).is_some_and(is_hex)
                && matches!(rest.as_bytes().get(at + 19), None | Some(b'[' | b' '))
        });
        let bracket = rest
            .match_indices('[')
            .map(|(at, _)| at)
            .find(|&at| rest.get(at + 1..at + 17).is_some_and(is_hex) && rest.get(at + 17..at + 18) == Some("]"));
        // Cut whichever comes first: a hash (19 bytes) or a disambiguator (18).
        let (at, len) = match (hash, bracket) {
            (Some(h), Some(b)) if b < h => (b, 18),
            (Some(h), _) => (h, 19),
            (None, Some(b)) => (b, 18),
            (None, None) => break,
        };
        out.push_str(&rest[..at]);
        rest = &rest[at + len..];
    }
    out.push_str(rest);
    out
}

/// A `name` section with the function names of `data` (the contents of
/// one) shortened; the other subsections are copied as they are.
fn short_names(data: &[u8], offset: usize) -> Result<NameSection, Error> {
    let bad = |what: &str| Error::new(format!("`name` section: {what}"));
    let mut out = NameSection::new();
    let mut at = 0;
    while at < data.len() {
        let id = data[at];
        let (len, header) = read_leb128(&data[at + 1..]).ok_or_else(|| bad("bad subsection size"))?;
        let start = at + 1 + header;
        let body = data.get(start..start + len).ok_or_else(|| bad("subsection past the end"))?;
        if id == 1 {
            let map = wasmparser::NameMap::new(wasmparser::BinaryReader::new(body, offset + start))
                .map_err(|e| bad(&e.to_string()))?;
            let mut names = NameMap::new();
            for naming in map {
                let naming = naming.map_err(|e| bad(&e.to_string()))?;
                names.append(naming.index, &short_name(naming.name));
            }
            out.functions(&names);
        } else {
            out.raw(id, body);
        }
        at = start + len;
    }
    Ok(out)
}

/// What [`check`] found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Report {
    /// The build id both files carry.
    pub id: Vec<u8>,
    /// The size of the release module in bytes.
    pub release_size: usize,
    /// The size of the debug file in bytes.
    pub debug_size: usize,
    /// The names of the debug file's DWARF sections.
    pub dwarf_sections: Vec<String>,
}

/// Checks a release module and its debug file: both carry the same build
/// id, it is the id of their code, they are the same module, the release
/// module has a `name` section, no DWARF and an `external_debug_info`
/// section, and the debug file has DWARF.
pub fn check(release: &[u8], debug: &[u8]) -> Result<Report, Error> {
    let release_sections = sections(release)?;
    let debug_sections = sections(debug)?;
    let release_id = build_id(release)?.ok_or_else(|| Error::new("the release module has no `build_id` section"))?;
    let debug_id = build_id(debug)?.ok_or_else(|| Error::new("the debug file has no `build_id` section"))?;
    if release_id != debug_id {
        return Err(Error::new(format!("build ids differ: release {}, debug {}", hex(&release_id), hex(&debug_id))));
    }
    let computed = compute_build_id(release)?;
    if release_id != computed {
        return Err(Error::new(format!(
            "the build id {} is not the id of this code ({}): the module changed after it was split",
            hex(&release_id),
            hex(&computed)
        )));
    }
    same_module(release, &release_sections, debug, &debug_sections)?;
    if !release_sections.iter().any(|s| s.id == 0 && s.name == "name") {
        return Err(Error::new("the release module has no `name` section: stack traces would show no function names"));
    }
    if let Some(s) = release_sections.iter().find(|s| is_dwarf(s)) {
        return Err(Error::new(format!("the release module holds the DWARF section `{}`", s.name)));
    }
    if !release_sections.iter().any(|s| s.id == 0 && s.name == EXTERNAL_DEBUG_INFO_SECTION) {
        return Err(Error::new("the release module has no `external_debug_info` section naming its debug file"));
    }
    let dwarf_sections: Vec<String> = debug_sections.iter().filter(|s| is_dwarf(s)).map(|s| s.name.clone()).collect();
    if !dwarf_sections.iter().any(|n| n == ".debug_info") {
        return Err(Error::new("the debug file has no `.debug_info` section"));
    }
    Ok(Report { id: release_id, release_size: release.len(), debug_size: debug.len(), dwarf_sections })
}

/// Lowercase hex of bytes.
///
/// ```
/// assert_eq!(scrubjay_wasm_tools::hex(&[0x0f, 0xa0]), "0fa0");
/// ```
pub fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

fn is_dwarf(s: &Section) -> bool {
    s.id == 0 && s.name.starts_with(".debug_")
}

/// Fails unless both modules have the same non-custom sections.
fn same_module(a: &[u8], a_sections: &[Section], b: &[u8], b_sections: &[Section]) -> Result<(), Error> {
    let a_code: Vec<&[u8]> = a_sections.iter().filter(|s| s.id != 0).map(|s| &a[s.range.clone()]).collect();
    let b_code: Vec<&[u8]> = b_sections.iter().filter(|s| s.id != 0).map(|s| &b[s.range.clone()]).collect();
    if a_code != b_code {
        return Err(Error::new(
            "the release module and the debug file are not the same module (their code differs); build both from one wasm-bindgen run",
        ));
    }
    Ok(())
}

/// Appends a `build_id` section: a vec(byte), the LEB128 length then the bytes.
fn append_build_id(out: &mut Vec<u8>, id: &[u8]) {
    let mut data = Vec::with_capacity(id.len() + 1);
    id.encode(&mut data);
    CustomSection { name: BUILD_ID_SECTION.into(), data: data.into() }.append_to(out);
}

/// A LEB128 number and how many bytes it took.
fn read_leb128(data: &[u8]) -> Option<(usize, usize)> {
    let mut n: usize = 0;
    for (i, &b) in data.iter().enumerate().take(5) {
        n |= usize::from(b & 0x7f) << (7 * i);
        if b & 0x80 == 0 {
            return Some((n, i + 1));
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use wasm_encoder::{
        CodeSection, ExportKind, ExportSection, Function, FunctionSection, Instruction, Module, NameMap, NameSection,
        TypeSection,
    };

    /// A module with one function returning `value`, a name section and,
    /// when `dwarf`, a `.debug_info` section.
    fn module(value: i32, dwarf: bool) -> Vec<u8> {
        let mut m = Module::new();
        let mut types = TypeSection::new();
        types.ty().function([], [wasm_encoder::ValType::I32]);
        m.section(&types);
        let mut funcs = FunctionSection::new();
        funcs.function(0);
        m.section(&funcs);
        let mut exports = ExportSection::new();
        exports.export("answer", ExportKind::Func, 0);
        m.section(&exports);
        let mut code = CodeSection::new();
        let mut f = Function::new([]);
        f.instruction(&Instruction::I32Const(value));
        f.instruction(&Instruction::End);
        code.function(&f);
        m.section(&code);
        let mut names = NameSection::new();
        let mut map = NameMap::new();
        map.append(0, "scrubjay::answer::h0123456789abcdef");
        names.functions(&map);
        m.section(&names);
        if dwarf {
            m.section(&CustomSection { name: ".debug_info".into(), data: b"\x01\x02\x03".as_slice().into() });
        }
        m.finish()
    }

    fn function_names(wasm: &[u8]) -> Vec<String> {
        let s = sections(wasm).unwrap().into_iter().find(|s| s.name == "name").expect("a name section");
        let reader = wasmparser::NameSectionReader::new(wasmparser::BinaryReader::new(&wasm[s.data.clone()], 0));
        let mut out = Vec::new();
        for name in reader {
            if let wasmparser::Name::Function(map) = name.unwrap() {
                out.extend(map.into_iter().map(|n| n.unwrap().name.to_string()));
            }
        }
        out
    }

    #[test]
    fn split_pair_checks_and_ids_match() {
        let pair = split(&module(42, true), "m.debug.wasm").unwrap();
        assert_eq!(build_id(&pair.release).unwrap(), Some(pair.id.to_vec()));
        assert_eq!(build_id(&pair.debug).unwrap(), Some(pair.id.to_vec()));
        let report = check(&pair.release, &pair.debug).unwrap();
        assert_eq!(report.id, pair.id.to_vec());
        assert_eq!(report.dwarf_sections, [".debug_info"]);
        assert_eq!(function_names(&pair.release), ["scrubjay::answer"]);
        assert_eq!(function_names(&pair.debug), ["scrubjay::answer::h0123456789abcdef"]);
        let url = sections(&pair.release).unwrap().into_iter().find(|s| s.name == EXTERNAL_DEBUG_INFO_SECTION).unwrap();
        assert_eq!(&pair.release[url.data], b"\x0cm.debug.wasm");
        // Splitting the debug file again gives the same pair (sections replaced, not added).
        let again = split(&pair.debug, "m.debug.wasm").unwrap();
        assert_eq!(again, pair);
    }

    #[test]
    fn different_code_gets_a_different_id() {
        assert_ne!(compute_build_id(&module(1, false)).unwrap(), compute_build_id(&module(2, false)).unwrap());
        assert_eq!(compute_build_id(&module(1, false)).unwrap(), compute_build_id(&module(1, true)).unwrap());
    }

    #[test]
    fn mismatched_or_tampered_pairs_are_refused() {
        let err = split(&module(1, false), "x").unwrap_err();
        assert!(err.to_string().contains("no `.debug_info`"), "{err}");

        let one = split(&module(1, true), "x").unwrap();
        let two = split(&module(2, true), "x").unwrap();
        let err = check(&two.release, &one.debug).unwrap_err();
        assert!(err.to_string().contains("build ids differ"), "{err}");

        // A release module whose code changed after the split.
        let mut other = module(3, false);
        append_build_id(&mut other, &one.id);
        let err = check(&other, &one.debug).unwrap_err();
        assert!(err.to_string().contains("not the id of this code"), "{err}");

        // The same id on a different module.
        let mut forged = module(3, true);
        append_build_id(&mut forged, &one.id);
        let err = check(&one.release, &forged).unwrap_err();
        assert!(err.to_string().contains("not the same module"), "{err}");

        let err = check(&module(1, false), &one.debug).unwrap_err();
        assert!(err.to_string().contains("release module has no `build_id`"), "{err}");
        let err = check(&one.debug, &one.debug).unwrap_err();
        assert!(err.to_string().contains("holds the DWARF section `.debug_info`"), "{err}");
        let err = check(&one.release, &one.release).unwrap_err();
        assert!(err.to_string().contains("no `.debug_info`"), "{err}");
    }

    #[test]
    fn malformed_input_is_an_error_not_a_panic() {
        assert!(sections(b"not wasm").is_err());
        assert!(sections(b"\0asm\x01\0\0\0\x01\xff").is_err());
        let bad_len = b"\0asm\x01\0\0\0\0\x0c\x08build_id\x05\xab\xcd";
        assert!(build_id(bad_len).unwrap_err().to_string().contains("says 5 bytes, holds 2"));
    }

    #[test]
    fn leb128_round_trips() {
        for n in [0usize, 1, 127, 128, 300, 16_384, 1 << 28] {
            let mut v = Vec::new();
            n.encode(&mut v);
            assert_eq!(read_leb128(&v), Some((n, v.len())));
        }
    }
}
