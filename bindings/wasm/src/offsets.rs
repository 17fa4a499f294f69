//! UTF-8 byte offsets (what the core reports) to UTF-16 code unit offsets
//! (what JavaScript strings are indexed by).

/// Converts byte offsets of one string to UTF-16 offsets. Offsets asked for
/// in increasing order (as findings come) cost one pass over the string in
/// total; an offset before the previous one restarts from the beginning.
///
/// Lone surrogates of the JavaScript string arrive in Rust as U+FFFD, which
/// is one UTF-16 unit too, so the offsets index the original JS string.
///
/// ```
/// let mut at = scrubjay_wasm::offsets::Utf16Offsets::new("é ada@x.io 😀!");
/// assert_eq!(at.convert(3), 2); // after "é "
/// assert_eq!(at.convert(16), 13); // after the emoji, a surrogate pair
/// ```
#[derive(Debug, Clone)]
pub struct Utf16Offsets<'a> {
    bytes: &'a [u8],
    ascii: bool,
    byte: usize,
    unit: usize,
}

impl<'a> Utf16Offsets<'a> {
    /// A converter for offsets into `text`.
    pub fn new(text: &'a str) -> Utf16Offsets<'a> {
        Utf16Offsets { bytes: text.as_bytes(), ascii: text.is_ascii(), byte: 0, unit: 0 }
    }

    /// The UTF-16 offset of byte offset `byte` (clamped to the string's
    /// length). An offset inside a character counts that character as before it.
    pub fn convert(&mut self, byte: usize) -> usize {
        let byte = byte.min(self.bytes.len());
        if self.ascii {
            return byte;
        }
        if byte < self.byte {
            self.byte = 0;
            self.unit = 0;
        }
        self.unit += utf16_len(&self.bytes[self.byte..byte]);
        self.byte = byte;
        self.unit
    }
}

/// The number of UTF-16 units of the characters that start in `bytes`:
/// one per leading byte, two for the leading byte of a 4-byte sequence.
fn utf16_len(bytes: &[u8]) -> usize {
    let mut chunks = bytes.chunks_exact(8);
    let mut units = 0;
    for chunk in &mut chunks {
        let word = u64::from_le_bytes([chunk[0], chunk[1], chunk[2], chunk[3], chunk[4], chunk[5], chunk[6], chunk[7]]);
        if word & 0x8080_8080_8080_8080 == 0 {
            units += 8;
        } else {
            units += chunk.iter().map(|&b| unit_count(b)).sum::<usize>();
        }
    }
    units + chunks.remainder().iter().map(|&b| unit_count(b)).sum::<usize>()
}

fn unit_count(b: u8) -> usize {
    match b {
        0x80..=0xbf => 0,
        0xf0..=0xff => 2,
        _ => 1,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn reference(s: &str, byte: usize) -> usize {
        s[..byte].encode_utf16().count()
    }

    #[test]
    fn matches_encode_utf16_at_every_boundary() {
        let s = "ascii only, then é, ß, 中文, 😀 and 𝄞 — mixed: a😀b中c\u{fffd}d end of a longer tail";
        let mut forward = Utf16Offsets::new(s);
        for (byte, _) in s.char_indices().chain([(s.len(), ' ')]) {
            assert_eq!(forward.convert(byte), reference(s, byte), "at byte {byte}");
        }
        // Out of order restarts; past the end clamps.
        assert_eq!(forward.convert(0), 0);
        assert_eq!(forward.convert(s.len() + 10), reference(s, s.len()));
        let mut backwards = Utf16Offsets::new(s);
        for (byte, _) in s.char_indices().rev() {
            assert_eq!(backwards.convert(byte), reference(s, byte), "at byte {byte}");
        }
    }

    #[test]
    fn ascii_is_identity() {
        let mut at = Utf16Offsets::new("plain text");
        assert_eq!((at.convert(3), at.convert(10), at.convert(99)), (3, 10, 10));
    }

    #[test]
    fn inside_a_character_counts_it_as_before() {
        let mut at = Utf16Offsets::new("a😀b");
        assert_eq!(at.convert(2), 3);
        assert_eq!(at.convert(5), 3);
        assert_eq!(at.convert(6), 4);
    }
}
