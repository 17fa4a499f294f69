//! Finds the runs of ASCII digits.
//!
//! Digit-shaped rules (cards, phones, SSNs, IP and MAC addresses) all
//! contain digits, so one pass over the digit runs tells the engine where
//! those rules could match; text without digits costs nothing more. Logs
//! hold a digit run every eight bytes or so, so the runs are produced by an
//! iterator over 64-byte digit bitmasks (SSE2 on x86_64, which every x86_64
//! CPU has; a scalar loop elsewhere), without storing them.

/// Iterator over the `(start, end)` of every maximal run of `0-9`.
#[derive(Debug)]
pub(crate) struct DigitRuns<'h> {
    hay: &'h [u8],
    /// Offset of the block `mask` describes.
    base: usize,
    /// Digit bits of the current block not yet reported.
    mask: u64,
}

impl<'h> DigitRuns<'h> {
    pub(crate) fn new(hay: &'h [u8]) -> DigitRuns<'h> {
        DigitRuns { hay, base: 0, mask: block_mask(hay, 0) }
    }
}

impl Iterator for DigitRuns<'_> {
    type Item = (usize, usize);

    #[inline]
    fn next(&mut self) -> Option<(usize, usize)> {
        while self.mask == 0 {
            self.base += 64;
            if self.base >= self.hay.len() {
                return None;
            }
            self.mask = block_mask(self.hay, self.base);
        }
        let tz = self.mask.trailing_zeros() as usize;
        let start = self.base + tz;
        let len = (!(self.mask >> tz)).trailing_zeros() as usize;
        let mut end = start + len;
        if tz + len < 64 {
            // The run ends inside this block: drop its bits.
            self.mask &= !((1u64 << (tz + len)) - 1);
        } else {
            // The run reaches the block's end: follow it, then resume in the
            // block where it ends, past it.
            while end < self.hay.len() && self.hay[end].is_ascii_digit() {
                end += 1;
            }
            self.base = end - end % 64;
            let skip = end - self.base;
            self.mask =
                if self.base < self.hay.len() { block_mask(self.hay, self.base) & !((1u64 << skip) - 1) } else { 0 };
        }
        Some((start, end))
    }
}

/// Bit `i` set when `hay[base + i]` is a digit (for the up to 64 bytes there).
#[inline]
fn block_mask(hay: &[u8], base: usize) -> u64 {
    match hay.get(base..base + 64) {
        Some(block) => simd_mask64(block),
        None => {
            let mut m = 0u64;
            for (i, b) in hay[base.min(hay.len())..].iter().enumerate() {
                m |= u64::from(b.is_ascii_digit()) << i;
            }
            m
        }
    }
}

#[cfg(target_arch = "x86_64")]
#[inline]
fn simd_mask64(block: &[u8]) -> u64 {
    use std::arch::x86_64::{
        __m128i, _mm_cmpeq_epi8, _mm_loadu_si128, _mm_min_epu8, _mm_movemask_epi8, _mm_set1_epi8, _mm_sub_epi8,
    };
    debug_assert_eq!(block.len(), 64);
    let mut m = 0u64;
    for k in 0..4 {
        let chunk = &block[16 * k..16 * k + 16];
        // SAFETY: SSE2 is part of the x86_64 baseline; the unaligned load
        // reads exactly the 16 bytes of `chunk`.
        let bits = unsafe {
            let v = _mm_loadu_si128(chunk.as_ptr().cast::<__m128i>());
            let t = _mm_sub_epi8(v, _mm_set1_epi8(b'0' as i8));
            // t <= 9 as unsigned bytes  <=>  min(t, 9) == t
            let le9 = _mm_cmpeq_epi8(_mm_min_epu8(t, _mm_set1_epi8(9)), t);
            _mm_movemask_epi8(le9) as u16
        };
        m |= u64::from(bits) << (16 * k);
    }
    m
}

#[cfg(not(target_arch = "x86_64"))]
#[inline]
fn simd_mask64(block: &[u8]) -> u64 {
    let mut m = 0u64;
    for (i, b) in block.iter().enumerate() {
        m |= u64::from(b.is_ascii_digit()) << i;
    }
    m
}

#[cfg(test)]
mod tests {
    use super::*;

    fn naive(hay: &[u8]) -> Vec<(usize, usize)> {
        let mut out = Vec::new();
        let mut i = 0;
        while i < hay.len() {
            if hay[i].is_ascii_digit() {
                let s = i;
                while i < hay.len() && hay[i].is_ascii_digit() {
                    i += 1;
                }
                out.push((s, i));
            } else {
                i += 1;
            }
        }
        out
    }

    #[test]
    fn matches_a_naive_scan_across_block_boundaries() {
        let mut hay = Vec::new();
        let mut x: u32 = 7;
        for _ in 0..5000 {
            x = x.wrapping_mul(1_103_515_245).wrapping_add(12345);
            let r = (x >> 16) % 7;
            hay.push(match r {
                0..=2 => b'0' + ((x >> 8) % 10) as u8,
                3 => b' ',
                4 => b'/',
                5 => b':',
                _ => 0xc3,
            });
        }
        for len in [0, 1, 15, 16, 63, 64, 65, 127, 128, 129, 1000, 5000] {
            let got: Vec<_> = DigitRuns::new(&hay[..len]).collect();
            assert_eq!(got, naive(&hay[..len]), "len {len}");
        }
    }

    #[test]
    fn long_runs_cross_blocks_once() {
        for (len, pad) in [(130, 0), (64, 0), (63, 1), (64, 1), (200, 64), (128, 63)] {
            let mut hay = vec![b'x'; pad];
            hay.extend(std::iter::repeat_n(b'1', len));
            hay.extend(b"ab12");
            let got: Vec<_> = DigitRuns::new(&hay).collect();
            assert_eq!(got, naive(&hay), "len {len} pad {pad}");
        }
    }
}
