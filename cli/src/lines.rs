//! A line reader with a bounded buffer.
//!
//! Lines come out as [`Piece`]s: a line that fits in the cap is one piece
//! holding the whole line; a longer line is cut into several pieces, each at
//! most `cap` bytes, at the last ASCII whitespace before the cap, or at a
//! UTF-8 character boundary when the piece holds no whitespace. The buffer
//! is reused from line to line, so memory stays bounded by about `cap` no
//! matter how long lines are.

use std::io::{self, BufRead, Read};

/// The smallest cap: the longest UTF-8 character, so that a cut can always
/// fall on a character boundary.
pub const MIN_CAP: usize = 4;

/// A part of a line: the whole line, or one piece of a line over the cap.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Piece<'a> {
    /// The text, without the line terminator.
    pub content: &'a [u8],
    /// `\n`, `\r\n`, or empty (last line without terminator, or a piece that
    /// does not end its line).
    pub terminator: &'a [u8],
    /// 1-based line number.
    pub line: u64,
    /// Byte offset of `content` within its line (non-zero for the second and
    /// later pieces of a cut line).
    pub offset: usize,
    /// Whether this piece is the last one of its line.
    pub ends_line: bool,
}

/// Reads pieces of lines from `R` with a buffer of at most `cap` bytes.
#[derive(Debug)]
pub struct LineReader<R> {
    inner: R,
    buf: Vec<u8>,
    cap: usize,
    /// Bytes at the front of `buf` handed out in the last piece.
    consumed: usize,
    eof: bool,
    line: u64,
    offset: usize,
    bytes_read: u64,
}

impl<R: BufRead> LineReader<R> {
    /// A reader cutting lines longer than `cap` bytes (at least [`MIN_CAP`]).
    pub fn new(inner: R, cap: usize) -> LineReader<R> {
        LineReader {
            inner,
            buf: Vec::new(),
            cap: cap.max(MIN_CAP),
            consumed: 0,
            eof: false,
            line: 1,
            offset: 0,
            bytes_read: 0,
        }
    }

    /// Bytes handed out so far, terminators included.
    pub fn bytes_read(&self) -> u64 {
        self.bytes_read
    }

    /// The next piece, or `None` at the end of the input.
    ///
    /// On an error the input should be given up: the bytes of the line
    /// being read when it happened are not handed out.
    pub fn next_piece(&mut self) -> io::Result<Option<Piece<'_>>> {
        if self.consumed >= self.buf.len() {
            self.buf.clear();
        } else {
            self.buf.drain(..self.consumed);
        }
        self.consumed = 0;

        // What is left over from a cut holds no newline: fill up to the cap
        // or to the end of the line, whichever comes first.
        let mut newline = false;
        while !self.eof && self.buf.len() < self.cap {
            let room = (self.cap - self.buf.len()) as u64;
            let n = (&mut self.inner).take(room).read_until(b'\n', &mut self.buf)?;
            if n == 0 {
                self.eof = true;
            } else if self.buf.last() == Some(&b'\n') {
                newline = true;
                break;
            }
        }
        if self.buf.is_empty() {
            return Ok(None);
        }

        let len = self.buf.len();
        let (content_len, ends_line) = if newline {
            let crlf = len >= 2 && self.buf[len - 2] == b'\r';
            (len - if crlf { 2 } else { 1 }, true)
        } else if self.buf.len() < self.cap {
            // The end of the input: a last line without terminator.
            (len, true)
        } else {
            (cut_point(&self.buf), false)
        };
        let consumed = if ends_line { len } else { content_len };

        let piece = Piece {
            content: &self.buf[..content_len],
            terminator: &self.buf[content_len..consumed],
            line: self.line,
            offset: self.offset,
            ends_line,
        };
        if ends_line {
            self.line += 1;
            self.offset = 0;
        } else {
            self.offset += content_len;
        }
        self.consumed = consumed;
        self.bytes_read += consumed as u64;
        Ok(Some(piece))
    }
}

/// Where to cut a full buffer that holds no newline: just after its last
/// ASCII whitespace, else at the last character boundary. Never 0.
fn cut_point(buf: &[u8]) -> usize {
    match buf.iter().rposition(u8::is_ascii_whitespace) {
        Some(i) => i + 1,
        None => char_boundary(buf),
    }
}

/// The end of the last complete UTF-8 character of `buf`: `buf.len()` unless
/// `buf` ends in the middle of a character, in which case the start of that
/// character (bytes that are not valid UTF-8 count as characters of their own).
fn char_boundary(buf: &[u8]) -> usize {
    let len = buf.len();
    for p in (len.saturating_sub(4)..len).rev() {
        let b = buf[p];
        if b & 0xC0 == 0x80 {
            continue; // a continuation byte: look further back for the lead
        }
        let width = match b {
            0xC0..=0xDF => 2,
            0xE0..=0xEF => 3,
            0xF0..=0xF7 => 4,
            _ => 1,
        };
        return if p + width <= len || p == 0 { len } else { p };
    }
    len
}

/// The number of characters in `bytes`, counting each invalid UTF-8 sequence
/// as one character (as a lossy decode would show it).
pub fn char_count(bytes: &[u8]) -> usize {
    bytes.utf8_chunks().map(|chunk| chunk.valid().chars().count() + usize::from(!chunk.invalid().is_empty())).sum()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// (content, terminator, line, offset, ends_line) of every piece.
    type Owned = (Vec<u8>, Vec<u8>, u64, usize, bool);

    fn pieces(input: &[u8], cap: usize) -> Vec<Owned> {
        let mut reader = LineReader::new(input, cap);
        let mut out = Vec::new();
        while let Ok(Some(p)) = reader.next_piece() {
            out.push((p.content.to_vec(), p.terminator.to_vec(), p.line, p.offset, p.ends_line));
        }
        assert_eq!(reader.bytes_read(), input.len() as u64);
        out
    }

    fn contents(input: &[u8], cap: usize) -> Vec<Vec<u8>> {
        pieces(input, cap).into_iter().map(|p| p.0).collect()
    }

    fn rejoin(input: &[u8], cap: usize) -> Vec<u8> {
        pieces(input, cap).into_iter().flat_map(|(c, t, ..)| c.into_iter().chain(t)).collect()
    }

    #[test]
    fn keeps_each_terminator() {
        let got = pieces(b"a\r\nb\nc", 100);
        assert_eq!(
            got,
            [
                (b"a".to_vec(), b"\r\n".to_vec(), 1, 0, true),
                (b"b".to_vec(), b"\n".to_vec(), 2, 0, true),
                (b"c".to_vec(), b"".to_vec(), 3, 0, true),
            ]
        );
    }

    #[test]
    fn empty_lines_and_empty_input() {
        assert_eq!(pieces(b"", 100), []);
        assert_eq!(contents(b"\n\n", 100), [b"".to_vec(), b"".to_vec()]);
        assert_eq!(contents(b"\r\n", 100), [b"".to_vec()]);
        // A lone \r is not a terminator.
        assert_eq!(pieces(b"a\rb", 100), [(b"a\rb".to_vec(), b"".to_vec(), 1, 0, true)]);
    }

    #[test]
    fn cuts_long_lines_at_whitespace() {
        let got = pieces(b"aaa bbb ccc\nd\n", 8);
        assert_eq!(
            got,
            [
                (b"aaa bbb ".to_vec(), b"".to_vec(), 1, 0, false),
                (b"ccc".to_vec(), b"\n".to_vec(), 1, 8, true),
                (b"d".to_vec(), b"\n".to_vec(), 2, 0, true),
            ]
        );
    }

    #[test]
    fn cuts_at_char_boundaries_without_whitespace() {
        // "é" is two bytes; a cap of 5 after "aaaa" would split it.
        let input = "aaaaébcdef".as_bytes();
        let got = contents(input, 5);
        assert_eq!(got, [b"aaaa".to_vec(), "ébcd".as_bytes().to_vec(), b"ef".to_vec()]);
        for piece in got {
            assert!(std::str::from_utf8(&piece).is_ok());
        }
        // Four-byte characters with the smallest cap.
        let input = "a😀😀b".as_bytes();
        for piece in contents(input, MIN_CAP) {
            assert!(std::str::from_utf8(&piece).is_ok(), "{piece:?}");
        }
        assert_eq!(rejoin(input, MIN_CAP), input);
    }

    #[test]
    fn every_byte_comes_back_once_whatever_the_cap() {
        let input: &[u8] =
            b"one two\r\nthree\xff\xfe four\n\nlong_word_without_space_here\r\nx \xe2\x82\xac\xe2\x82\xac y";
        for cap in MIN_CAP..input.len() + 2 {
            assert_eq!(rejoin(input, cap), input, "cap {cap}");
            for (content, ..) in pieces(input, cap) {
                assert!(content.len() <= cap, "cap {cap}");
            }
        }
    }

    #[test]
    fn line_numbers_and_offsets_follow_cuts() {
        let got = pieces(b"ab cd ef\ngh", 4);
        let meta: Vec<(u64, usize, bool)> = got.iter().map(|p| (p.2, p.3, p.4)).collect();
        assert_eq!(meta, [(1, 0, false), (1, 3, false), (1, 6, true), (2, 0, true)]);
    }

    #[test]
    fn crlf_split_by_the_cap_keeps_bytes() {
        // The cap falls between \r and \n: bytes still come back unchanged.
        assert_eq!(rejoin(b"abc\r\nd", 4), b"abc\r\nd");
    }

    #[test]
    fn read_errors_are_reported() {
        struct Failing;
        impl Read for Failing {
            fn read(&mut self, _: &mut [u8]) -> io::Result<usize> {
                Err(io::Error::other("disk on fire"))
            }
        }
        let mut reader = LineReader::new(io::BufReader::new(Failing), 16);
        assert!(reader.next_piece().is_err());
    }

    #[test]
    fn counts_chars() {
        assert_eq!(char_count(b""), 0);
        assert_eq!(char_count("aé€😀".as_bytes()), 4);
        assert_eq!(char_count(b"a\xffb"), 3);
        assert_eq!(char_count(b"\xe2\x82x"), 2);
    }

    #[test]
    fn tiny_caps_are_raised_to_the_minimum() {
        assert_eq!(contents(b"abcdefgh", 1), [b"abcd".to_vec(), b"efgh".to_vec()]);
    }
}
