//! Byte-class bitmasks over 64-byte blocks.
//!
//! A window group's alphabet, the digits, the capitals: each becomes one
//! bit per byte of a block, so that runs of a class can be found with a few
//! word operations instead of a loop per byte. On x86_64 each class is a
//! union of byte ranges tested 16 bytes at a time with SSE2 (every x86_64
//! CPU has it); sets with many ranges, and other targets, use a lookup
//! table.

use crate::analysis::ByteSet;

/// Sets with more ranges than this are classified with the table.
const MAX_SIMD_RANGES: usize = 8;

/// Turns 64 bytes into a bitmask of the bytes in a set.
#[derive(Debug, Clone)]
pub(crate) struct Classifier {
    /// The set as inclusive byte ranges, when there are few.
    ranges: Vec<(u8, u8)>,
    table: ByteSet,
}

impl Classifier {
    pub(crate) fn new(set: &ByteSet) -> Classifier {
        let mut ranges = Vec::new();
        let mut b = 0usize;
        while b < 256 {
            if set.contains(b as u8) {
                let lo = b;
                while b < 256 && set.contains(b as u8) {
                    b += 1;
                }
                ranges.push((lo as u8, (b - 1) as u8));
            } else {
                b += 1;
            }
        }
        Classifier { ranges, table: set.clone() }
    }

    /// The class of the ASCII digits.
    pub(crate) fn digits() -> Classifier {
        let mut set = ByteSet::empty();
        set.insert_range(b'0', b'9');
        Classifier::new(&set)
    }

    /// The class of the ASCII capitals.
    pub(crate) fn capitals() -> Classifier {
        let mut set = ByteSet::empty();
        set.insert_range(b'A', b'Z');
        Classifier::new(&set)
    }

    /// Bit `i` set when `hay[base + i]` is in the set, for the (up to 64)
    /// bytes from `base`; zero past the end.
    #[inline]
    pub(crate) fn mask(&self, hay: &[u8], base: usize) -> u64 {
        match hay.get(base..base + 64) {
            Some(block) if self.ranges.len() <= MAX_SIMD_RANGES => self.simd(block),
            Some(block) => self.scalar(block),
            None => self.scalar(hay.get(base..).unwrap_or_default()),
        }
    }

    fn scalar(&self, bytes: &[u8]) -> u64 {
        let mut m = 0u64;
        for (i, &b) in bytes.iter().enumerate().take(64) {
            m |= u64::from(self.table.contains(b)) << i;
        }
        m
    }

    #[cfg(target_arch = "x86_64")]
    #[inline]
    fn simd(&self, block: &[u8]) -> u64 {
        use std::arch::x86_64::{
            __m128i, _mm_cmpeq_epi8, _mm_loadu_si128, _mm_min_epu8, _mm_movemask_epi8, _mm_or_si128, _mm_set1_epi8,
            _mm_setzero_si128, _mm_sub_epi8,
        };
        debug_assert_eq!(block.len(), 64);
        let mut m = 0u64;
        for k in 0..4 {
            let chunk = &block[16 * k..16 * k + 16];
            // SAFETY: SSE2 is part of the x86_64 baseline; the unaligned
            // load reads exactly the 16 bytes of `chunk`.
            let bits = unsafe {
                let v = _mm_loadu_si128(chunk.as_ptr().cast::<__m128i>());
                let mut acc = _mm_setzero_si128();
                for &(lo, hi) in &self.ranges {
                    // v in [lo, hi]  <=>  (v - lo) <= (hi - lo) as unsigned bytes
                    let t = _mm_sub_epi8(v, _mm_set1_epi8(lo as i8));
                    let le = _mm_cmpeq_epi8(_mm_min_epu8(t, _mm_set1_epi8((hi - lo) as i8)), t);
                    acc = _mm_or_si128(acc, le);
                }
                _mm_movemask_epi8(acc) as u16
            };
            m |= u64::from(bits) << (16 * k);
        }
        m
    }

    #[cfg(not(target_arch = "x86_64"))]
    #[inline]
    fn simd(&self, block: &[u8]) -> u64 {
        self.scalar(block)
    }
}

/// Bits `p` in `0..64` where `L` consecutive bits starting at `p` are set,
/// looking into `next` (the following block) for runs that cross over.
#[inline]
pub(crate) fn run_starts_of_len(cur: u64, next: u64, len: usize) -> u64 {
    let mut y = u128::from(cur) | (u128::from(next) << 64);
    // `y` holds, at each bit, whether the `have` bits from there are all set.
    let mut have = 1;
    while have < len {
        let k = have.min(len - have);
        y &= y >> k;
        have += k;
    }
    y as u64
}

#[cfg(test)]
mod tests {
    use super::*;

    fn set_of(bytes: &[u8]) -> ByteSet {
        let mut s = ByteSet::empty();
        for &b in bytes {
            s.insert_range(b, b);
        }
        s
    }

    #[test]
    fn simd_and_table_agree() {
        let mut hay = Vec::new();
        let mut x: u32 = 99;
        for _ in 0..1000 {
            x = x.wrapping_mul(1_103_515_245).wrapping_add(12345);
            hay.push((x >> 13) as u8);
        }
        let many: Vec<u8> = (0..=255u8).filter(|b| b % 3 == 0).collect();
        for set in
            [set_of(b"0123456789"), set_of(b"-.:0123456789abcdefABCDEF"), set_of(&many), set_of(&[0x80, 0xff, 0])]
        {
            let c = Classifier::new(&set);
            for base in (0..hay.len()).step_by(64) {
                let want = c.scalar(&hay[base..(base + 64).min(hay.len())]);
                assert_eq!(c.mask(&hay, base), want);
            }
        }
        assert_eq!(Classifier::digits().mask(b"a1b2", 0), 0b1010);
        assert_eq!(Classifier::digits().mask(b"12", 64), 0);
    }

    #[test]
    fn long_runs_across_blocks() {
        assert_eq!(run_starts_of_len(0b0111_1110, 0, 3), 0b0001_1110);
        assert_eq!(run_starts_of_len(0b1, 0, 1), 1);
        // A run from bit 62 into the next block.
        assert_eq!(run_starts_of_len(0b11 << 62, 0b111, 5), 1 << 62);
        assert_eq!(run_starts_of_len(u64::MAX, 0, 64), 1);
        assert_eq!(run_starts_of_len(u64::MAX, u64::MAX, 64), u64::MAX);
        // Brute force.
        let mut x: u64 = 0x9E37_79B9_7F4A_7C15;
        for _ in 0..200 {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            let (cur, next) = (x | (x >> 3), x.rotate_left(11) | x);
            for len in [1, 2, 3, 9, 14, 40, 64] {
                let bits = u128::from(cur) | (u128::from(next) << 64);
                let want =
                    (0..64).filter(|&p| (0..len).all(|i| bits >> (p + i) & 1 == 1)).fold(0u64, |m, p| m | 1 << p);
                assert_eq!(run_starts_of_len(cur, next, len), want, "len {len}");
            }
        }
    }
}
