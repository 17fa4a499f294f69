//! Finds where runs of ASCII digits start.
//!
//! Digit-shaped rules (cards, phones, SSNs, IBANs, IP and MAC addresses) all
//! contain digits, so one pass that lists digit runs tells the engine where
//! those rules could match; text without digits costs nothing more. On
//! x86_64 the pass looks at 64 bytes per step with SSE2 (part of the x86_64
//! baseline, so no runtime detection is needed); elsewhere, a scalar loop.

/// Appends to `out` the `(start, end)` of every maximal run of `0-9`.
pub(crate) fn digit_runs(hay: &[u8], out: &mut Vec<(usize, usize)>) {
    let from = out.len();
    // Starts are found first, as `(start, start)`; ends are filled in after.
    digit_run_starts(hay, out);
    for run in &mut out[from..] {
        let mut e = run.0 + 1;
        while e < hay.len() && hay[e].is_ascii_digit() {
            e += 1;
        }
        run.1 = e;
    }
}

/// Finds the start offset of every maximal run of `0-9`.
fn digit_run_starts(hay: &[u8], out: &mut Vec<(usize, usize)>) {
    #[cfg(target_arch = "x86_64")]
    {
        sse2::digit_run_starts(hay, out)
    }
    #[cfg(not(target_arch = "x86_64"))]
    {
        scalar(hay, 0, false, out)
    }
}

/// The scalar version; `prev_digit` tells whether `hay[base - 1]` was a digit.
fn scalar(hay: &[u8], base: usize, mut prev_digit: bool, out: &mut Vec<(usize, usize)>) {
    for (i, &b) in hay[base..].iter().enumerate() {
        let d = b.is_ascii_digit();
        if d && !prev_digit {
            out.push((base + i, base + i));
        }
        prev_digit = d;
    }
}

#[cfg(target_arch = "x86_64")]
mod sse2 {
    use std::arch::x86_64::{
        __m128i, _mm_cmpeq_epi8, _mm_loadu_si128, _mm_min_epu8, _mm_movemask_epi8, _mm_set1_epi8, _mm_sub_epi8,
    };

    /// Bit `i` set when `chunk[i]` is a digit.
    #[inline(always)]
    fn mask16(chunk: &[u8; 16]) -> u64 {
        // SAFETY: SSE2 is enabled on every x86_64 target; the load reads
        // exactly the 16 bytes of `chunk` and tolerates any alignment.
        unsafe {
            let v = _mm_loadu_si128(chunk.as_ptr().cast::<__m128i>());
            let t = _mm_sub_epi8(v, _mm_set1_epi8(b'0' as i8));
            // t <= 9 as unsigned bytes  <=>  min(t, 9) == t
            let le9 = _mm_cmpeq_epi8(_mm_min_epu8(t, _mm_set1_epi8(9)), t);
            u64::from(_mm_movemask_epi8(le9) as u16)
        }
    }

    pub(super) fn digit_run_starts(hay: &[u8], out: &mut Vec<(usize, usize)>) {
        let mut carry = 0u64;
        let mut base = 0;
        let mut blocks = hay.chunks_exact(64);
        for block in &mut blocks {
            let mut m = 0u64;
            for (k, c) in block.chunks_exact(16).enumerate() {
                let c: &[u8; 16] = c.try_into().unwrap_or(&[0; 16]);
                m |= mask16(c) << (16 * k);
            }
            let mut starts = m & !((m << 1) | carry);
            while starts != 0 {
                let p = base + starts.trailing_zeros() as usize;
                out.push((p, p));
                starts &= starts - 1;
            }
            carry = m >> 63;
            base += 64;
        }
        super::scalar(hay, base, carry == 1, out);
    }
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
    fn matches_the_scalar_scan_across_block_boundaries() {
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
            let mut got = Vec::new();
            digit_runs(&hay[..len], &mut got);
            assert_eq!(got, naive(&hay[..len]), "len {len}");
        }
        // A run crossing the 64-byte boundary starts once.
        let hay = [b'1'; 130];
        let mut got = Vec::new();
        digit_runs(&hay, &mut got);
        assert_eq!(got, vec![(0, 130)]);
    }
}
