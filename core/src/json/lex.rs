//! JSON tokens: strings, numbers, literals, whitespace; decoding and
//! encoding of string contents. Strict RFC 8259 syntax.

use memchr::memchr3;

/// Invalid JSON, with where it is.
///
/// ```
/// let s = scrubjay::Scrubber::default();
/// let err = s.scrub_json_str("{\n  \"a\": tru\n}").unwrap_err();
/// assert_eq!((err.line, err.column), (2, 8));
/// assert!(err.to_string().starts_with("invalid JSON at line 2, column 8:"));
/// ```
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{}", describe(*.line, *.column, .message))]
pub struct JsonError {
    /// 1-based line; 0 when the error is not about JSON text (a
    /// `serde_json::Value` nested too deeply).
    pub line: usize,
    /// 1-based column, in characters; 0 with line 0.
    pub column: usize,
    /// What is wrong.
    pub message: String,
}

fn describe(line: usize, column: usize, message: &str) -> String {
    if line == 0 { message.to_string() } else { format!("invalid JSON at line {line}, column {column}: {message}") }
}

impl JsonError {
    /// An error at byte `pos` of `text`.
    pub(crate) fn at(text: &[u8], pos: usize, message: impl Into<String>) -> JsonError {
        let pos = pos.min(text.len());
        let before = &text[..pos];
        let line = 1 + before.iter().filter(|&&b| b == b'\n').count();
        let line_start = before.iter().rposition(|&b| b == b'\n').map_or(0, |i| i + 1);
        // Columns count characters, not bytes.
        let column = 1 + before[line_start..].iter().filter(|&&b| (b & 0xc0) != 0x80).count();
        JsonError { line, column, message: message.into() }
    }
}

/// A string token: its content (between the quotes) and whether it holds
/// escapes (then it must be decoded to be read).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct StrToken {
    pub(crate) start: usize,
    pub(crate) end: usize,
    pub(crate) escaped: bool,
}

/// A cursor over JSON text.
#[derive(Debug)]
pub(crate) struct Lexer<'t> {
    pub(crate) text: &'t [u8],
    pub(crate) pos: usize,
}

pub(crate) type LexResult<T> = Result<T, JsonError>;

impl<'t> Lexer<'t> {
    pub(crate) fn new(text: &'t [u8]) -> Lexer<'t> {
        Lexer { text, pos: 0 }
    }

    pub(crate) fn error(&self, pos: usize, message: impl Into<String>) -> JsonError {
        JsonError::at(self.text, pos, message)
    }

    #[inline]
    pub(crate) fn skip_ws(&mut self) {
        while let Some(&b) = self.text.get(self.pos) {
            if !matches!(b, b' ' | b'\n' | b'\r' | b'\t') {
                break;
            }
            self.pos += 1;
        }
    }

    #[inline]
    pub(crate) fn peek(&self) -> Option<u8> {
        self.text.get(self.pos).copied()
    }

    /// Reads a string token; the cursor is on its opening quote.
    ///
    /// Most strings hold no escape: they are read here, in one pass that
    /// looks for the closing quote, a backslash and control characters at
    /// once, eight bytes at a time. The rest take [`Self::string_escaped`].
    #[inline]
    pub(crate) fn string(&mut self) -> LexResult<StrToken> {
        let start = self.pos + 1;
        let rest = self.text.get(start..).unwrap_or_default();
        let end = start + special_byte(rest);
        if self.text.get(end) == Some(&b'"') {
            self.pos = end + 1;
            return Ok(StrToken { start, end, escaped: false });
        }
        self.string_escaped()
    }

    /// [`Self::string`] for strings with escapes, and errors.
    #[inline(never)]
    fn string_escaped(&mut self) -> LexResult<StrToken> {
        let start = self.pos + 1;
        let mut i = start;
        let mut escaped = false;
        loop {
            let Some(off) = memchr3(b'"', b'\\', b'\n', &self.text[i..]) else {
                return Err(self.error(self.pos, "unterminated string"));
            };
            // Control characters are not allowed raw inside strings.
            if has_control(&self.text[i..i + off]) {
                let c = self.text[i..i + off].iter().position(|&b| b < 0x20).unwrap_or(0);
                return Err(self.error(i + c, "control character in string (write it escaped, e.g. \\n or \\u0001)"));
            }
            i += off;
            match self.text[i] {
                b'"' => break,
                b'\n' => return Err(self.error(i, "line break in string (write \\n)")),
                _ => {
                    escaped = true;
                    match self.text.get(i + 1) {
                        Some(b'"' | b'\\' | b'/' | b'b' | b'f' | b'n' | b'r' | b't') => i += 2,
                        Some(b'u') => {
                            let hex = self.text.get(i + 2..i + 6);
                            if !hex.is_some_and(|h| h.iter().all(u8::is_ascii_hexdigit)) {
                                return Err(self.error(i, "\\u must be followed by four hex digits"));
                            }
                            i += 6;
                        }
                        Some(_) => {
                            return Err(
                                self.error(i, "invalid escape (valid: \\\" \\\\ \\/ \\b \\f \\n \\r \\t \\uXXXX)")
                            );
                        }
                        None => return Err(self.error(self.pos, "unterminated string")),
                    }
                }
            }
        }
        self.pos = i + 1;
        Ok(StrToken { start, end: i, escaped })
    }

    /// Reads a number; returns its span.
    pub(crate) fn number(&mut self) -> LexResult<(usize, usize)> {
        let t = self.text;
        let start = self.pos;
        let mut i = start;
        let digits = |i: &mut usize| {
            let s = *i;
            while t.get(*i).is_some_and(u8::is_ascii_digit) {
                *i += 1;
            }
            *i - s
        };
        if t.get(i) == Some(&b'-') {
            i += 1;
        }
        match t.get(i) {
            Some(b'0') => i += 1,
            Some(b'1'..=b'9') => {
                digits(&mut i);
            }
            _ => return Err(self.error(i, "expected a digit")),
        }
        if t.get(i) == Some(&b'.') {
            i += 1;
            if digits(&mut i) == 0 {
                return Err(self.error(i, "expected a digit after '.'"));
            }
        }
        if matches!(t.get(i), Some(b'e' | b'E')) {
            i += 1;
            if matches!(t.get(i), Some(b'+' | b'-')) {
                i += 1;
            }
            if digits(&mut i) == 0 {
                return Err(self.error(i, "expected a digit in the exponent"));
            }
        }
        self.pos = i;
        Ok((start, i))
    }

    /// Reads `true`, `false` or `null`.
    pub(crate) fn literal(&mut self) -> LexResult<()> {
        for lit in [&b"true"[..], b"false", b"null"] {
            if self.text[self.pos..].starts_with(lit) {
                self.pos += lit.len();
                return Ok(());
            }
        }
        Err(self.error(self.pos, "expected a value (string, number, object, array, true, false or null)"))
    }
}

/// Where the first `"`, `\\` or control character (below 0x20) of `s` is,
/// or `s.len()`: eight bytes at a time, then byte by byte.
#[inline]
fn special_byte(s: &[u8]) -> usize {
    const LOW: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    let mut at = 0;
    for c in s.chunks_exact(8) {
        let x = u64::from_le_bytes(c.try_into().unwrap_or([0; 8]));
        // A byte equal to the one looked for becomes 0 under XOR, and a byte
        // below 0x20 (or 0) borrows when subtracted from: its high bit sets.
        // Only bytes above the first hit can be flagged wrongly (by a
        // borrow), so the lowest flag is exact. Bytes at 0x80 and up are
        // masked out by `!x`.
        let quote = x ^ (u64::from(b'"') * LOW);
        let backslash = x ^ (u64::from(b'\\') * LOW);
        let hits = ((quote.wrapping_sub(LOW) & !quote)
            | (backslash.wrapping_sub(LOW) & !backslash)
            | (x.wrapping_sub(0x20 * LOW) & !x))
            & HIGH;
        if hits != 0 {
            return at + (hits.trailing_zeros() / 8) as usize;
        }
        at += 8;
    }
    at + s[at..].iter().position(|&b| b == b'"' || b == b'\\' || b < 0x20).unwrap_or(s.len() - at)
}

/// Whether `s` holds a byte below 0x20, eight bytes at a time.
#[inline]
fn has_control(s: &[u8]) -> bool {
    const LOW: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    let mut chunks = s.chunks_exact(8);
    for c in &mut chunks {
        let x = u64::from_le_bytes(c.try_into().unwrap_or([0x20; 8]));
        // A byte below 0x20 borrows when 0x20 is subtracted from it, which
        // sets its high bit; bytes at 0x80 and up are masked out by `!x`.
        if x.wrapping_sub(0x20 * LOW) & !x & HIGH != 0 {
            return true;
        }
    }
    chunks.remainder().iter().any(|&b| b < 0x20)
}

/// The escape sequence at `raw[i]` (a backslash) of validated string
/// content: how many raw bytes it spans and the UTF-8 it decodes to. Lone
/// surrogates decode to U+FFFD.
fn unescape(raw: &[u8], i: usize) -> (usize, [u8; 4], usize) {
    let c = raw.get(i + 1).copied().unwrap_or(b'\\');
    let simple = match c {
        b'b' => 0x08,
        b'f' => 0x0c,
        b'n' => b'\n',
        b'r' => b'\r',
        b't' => b'\t',
        b'u' => 0,
        other => other,
    };
    if c != b'u' {
        return (2, [simple, 0, 0, 0], 1);
    }
    let hex = |at: usize| raw.get(at..at + 4).and_then(|h| u32::from_str_radix(std::str::from_utf8(h).ok()?, 16).ok());
    let Some(first) = hex(i + 2) else { return (raw.len() - i, [0; 4], 0) };
    let (len, code) = if (0xd800..0xdc00).contains(&first) {
        match (raw.get(i + 6..i + 8), hex(i + 8)) {
            (Some(b"\\u"), Some(second)) if (0xdc00..0xe000).contains(&second) => {
                (12, 0x10000 + ((first - 0xd800) << 10) + (second - 0xdc00))
            }
            _ => (6, 0xfffd),
        }
    } else if (0xdc00..0xe000).contains(&first) {
        (6, 0xfffd)
    } else {
        (6, first)
    };
    let mut buf = [0u8; 4];
    let n = char::from_u32(code).unwrap_or('\u{fffd}').encode_utf8(&mut buf).len();
    (len, buf, n)
}

/// Appends the decoded content of a string token (`raw` is what lies
/// between the quotes, already validated by [`Lexer::string`]). Lone
/// surrogates become U+FFFD.
pub(crate) fn decode(raw: &[u8], out: &mut Vec<u8>) {
    let mut i = 0;
    while i < raw.len() {
        let Some(off) = memchr::memchr(b'\\', &raw[i..]) else {
            out.extend_from_slice(&raw[i..]);
            return;
        };
        out.extend_from_slice(&raw[i..i + off]);
        i += off;
        let (len, buf, n) = unescape(raw, i);
        out.extend_from_slice(&buf[..n]);
        i += len;
    }
}

/// Appends a JSON string (quotes included) whose decoded content is that of
/// `raw` (validated string content) with the decoded byte ranges of
/// `edits` replaced by their text. Everything outside the edits keeps its
/// exact spelling: escapes stay escapes, and a lone surrogate, which no
/// decoded string can hold, survives.
pub(crate) fn splice<'e>(raw: &[u8], edits: impl IntoIterator<Item = (usize, usize, &'e [u8])>, out: &mut Vec<u8>) {
    out.push(b'"');
    let (mut i, mut d) = (0, 0);
    // Moves through `raw` until the decoded offset reaches `target`, copying
    // what it passes when `copy`. An escape is never split: edits lie on
    // character boundaries, and every escape decodes to whole characters.
    let advance = |target: usize, copy: bool, i: &mut usize, d: &mut usize, out: &mut Vec<u8>| {
        while *d < target && *i < raw.len() {
            let len = if raw[*i] == b'\\' {
                let (len, _, n) = unescape(raw, *i);
                *d += n;
                len
            } else {
                let run = memchr::memchr(b'\\', &raw[*i..]).unwrap_or(raw.len() - *i);
                let len = run.min(target - *d);
                *d += len;
                len
            };
            if copy {
                out.extend_from_slice(&raw[*i..*i + len]);
            }
            *i += len;
        }
    };
    for (start, end, text) in edits {
        advance(start, true, &mut i, &mut d, out);
        advance(end, false, &mut i, &mut d, out);
        encode_content(text, out);
    }
    advance(usize::MAX, true, &mut i, &mut d, out);
    out.push(b'"');
}

/// Appends `s` as a JSON string, quotes included.
pub(crate) fn encode(s: &[u8], out: &mut Vec<u8>) {
    out.push(b'"');
    encode_content(s, out);
    out.push(b'"');
}

/// Appends `s` escaped for a JSON string, without quotes.
fn encode_content(s: &[u8], out: &mut Vec<u8>) {
    let mut start = 0;
    for (i, &b) in s.iter().enumerate() {
        let esc: &[u8] = match b {
            b'"' => b"\\\"",
            b'\\' => b"\\\\",
            b'\n' => b"\\n",
            b'\r' => b"\\r",
            b'\t' => b"\\t",
            0x08 => b"\\b",
            0x0c => b"\\f",
            0..=0x1f => b"",
            _ => continue,
        };
        out.extend_from_slice(&s[start..i]);
        if esc.is_empty() {
            out.extend_from_slice(format!("\\u{b:04x}").as_bytes());
        } else {
            out.extend_from_slice(esc);
        }
        start = i + 1;
    }
    out.extend_from_slice(&s[start..]);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dec(s: &str) -> String {
        let mut out = Vec::new();
        decode(s.as_bytes(), &mut out);
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn special_byte_is_the_first_quote_backslash_or_control() {
        let naive = |s: &[u8]| s.iter().position(|&b| b == b'"' || b == b'\\' || b < 0x20).unwrap_or(s.len());
        // Every position and neighbour of each special byte, among bytes
        // that are close to them (0x21 after the quote, 0x5d after the
        // backslash, 0x80 and up, which borrow tricks must not flag).
        let fillers = [b'a', b'!', b']', b'#', b' ', 0x7f, 0x80, 0xa2, 0xff, 0xe2];
        for len in 0..40 {
            for at in 0..=len {
                for special in [b'"', b'\\', 0, b'\n', 0x1f] {
                    for (k, &fill) in fillers.iter().enumerate() {
                        let mut s: Vec<u8> = (0..len).map(|i| fillers[(i + k) % fillers.len()].max(fill)).collect();
                        if at < len {
                            s[at] = special;
                            // A second hit later, and a borrow-prone byte after the first.
                            if at + 1 < len {
                                s[at + 1] = 0x01;
                            }
                        }
                        assert_eq!(special_byte(&s), naive(&s), "{s:?}");
                    }
                }
            }
        }
        assert_eq!(special_byte(b""), 0);
        assert_eq!(special_byte("héllo wörld, plain text\"".as_bytes()), "héllo wörld, plain text".len());
    }

    #[test]
    fn decodes_escapes_and_surrogates() {
        assert_eq!(dec(r#"a\"b\\c\/\n\t"#), "a\"b\\c/\n\t");
        assert_eq!(dec(r"\u0041\u00e9\u20ac"), "Aé€");
        assert_eq!(dec(r"\ud83d\ude00"), "😀");
        assert_eq!(dec(r"x\ud800y"), "x\u{fffd}y", "lone high surrogate");
        assert_eq!(dec(r"\udc00"), "\u{fffd}", "lone low surrogate");
    }

    fn spliced(raw: &str, edits: &[(usize, usize, &str)]) -> String {
        let mut out = Vec::new();
        splice(raw.as_bytes(), edits.iter().map(|&(s, e, t)| (s, e, t.as_bytes())), &mut out);
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn splice_keeps_the_spelling_outside_edits() {
        // Decoded: "é ada@x.io \u{fffd}": é at 0..2, the email at 3..11, U+FFFD at 12..15.
        let raw = r"\u00e9 ada@x.io \ud800";
        assert_eq!(dec(raw), "é ada@x.io \u{fffd}");
        assert_eq!(spliced(raw, &[(3, 11, "[email]")]), r#""\u00e9 [email] \ud800""#);
        assert_eq!(spliced(raw, &[]), format!("\"{raw}\""));
        assert_eq!(spliced(raw, &[(0, 2, "\"")]), r#""\" ada@x.io \ud800""#);
        assert_eq!(spliced(raw, &[(12, 15, "")]), r#""\u00e9 ada@x.io ""#, "a lone surrogate inside an edit goes");
        assert_eq!(spliced(r"a\nb\ud83d\ude00c", &[(0, 1, "x"), (3, 7, "y")]), r#""x\nbyc""#);
    }

    #[test]
    fn splice_agrees_with_decode_then_edit() {
        let raws = [r"plain text here", r"\t\u0041\\q\/\ud83d\ude00 end", r"x\udc00y\u20acz", r""];
        for raw in raws {
            let decoded = dec(raw);
            let bounds: Vec<usize> = (0..=decoded.len()).filter(|&i| decoded.is_char_boundary(i)).collect();
            for (a, &s) in bounds.iter().enumerate() {
                for &e in &bounds[a..] {
                    let out = spliced(raw, &[(s, e, "<>")]);
                    let got = dec(&out[1..out.len() - 1]);
                    let want = format!("{}<>{}", &decoded[..s], &decoded[e..]);
                    assert_eq!(got, want, "{raw} {s}..{e}");
                }
            }
        }
    }

    #[test]
    fn encodes_what_must_be_escaped() {
        let mut out = Vec::new();
        encode("a\"b\\c\n\u{1}é".as_bytes(), &mut out);
        assert_eq!(String::from_utf8(out).unwrap(), r#""a\"b\\c\n\u0001é""#);
    }

    #[test]
    fn encode_then_parse_round_trips() {
        for s in ["", "plain", "q\"uote", "\u{0}\u{1f}\u{7f}", "😀 é\t\r\n\\"] {
            let mut out = Vec::new();
            encode(s.as_bytes(), &mut out);
            let back: String = serde_json::from_slice(&out).unwrap();
            assert_eq!(back, s);
        }
    }

    #[test]
    fn numbers_follow_the_grammar() {
        for ok in ["0", "-0", "12", "1.5", "-1.5e10", "2E+3", "3e-7"] {
            let mut l = Lexer::new(ok.as_bytes());
            assert_eq!(l.number().unwrap(), (0, ok.len()), "{ok}");
        }
        for bad in ["-", "1.", ".5", "1e", "+1", "-a"] {
            assert!(Lexer::new(bad.as_bytes()).number().is_err(), "{bad}");
        }
    }

    #[test]
    fn control_bytes_are_found_in_every_position() {
        for len in 0..40 {
            for at in 0..len {
                let mut s = vec![b'a'; len];
                assert!(!has_control(&s));
                for bad in [0u8, 0x1f, b'\n'] {
                    s[at] = bad;
                    assert!(has_control(&s), "len {len} at {at} byte {bad}");
                }
                s[at] = 0x80;
                assert!(!has_control(&s));
                s[at] = 0xff;
                assert!(!has_control(&s));
            }
        }
    }

    #[test]
    fn errors_have_line_and_character_column() {
        let e = JsonError::at("{\n  \"é\": x".as_bytes(), 10, "m");
        assert_eq!((e.line, e.column), (2, 8));
    }
}
