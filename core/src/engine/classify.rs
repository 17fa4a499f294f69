//! Byte-class bitmasks over 64-byte blocks.
//!
//! The digits, the capitals and each window group's alphabet become one bit
//! per byte of a block, so that runs of a class are found with a few word
//! operations instead of a loop per byte.
//!
//! All classes of an engine are classified together with the nibble-table
//! technique: a class is a union of "rectangles" (a set of high nibbles ×
//! a set of low nibbles); each rectangle gets a bit, and two 16-entry
//! tables indexed by the low and the high nibble of a byte give, ANDed, the
//! rectangles the byte is in. With SSSE3 (`pshufb`, detected at run time)
//! that is a handful of instructions per 16 bytes for every class at once.
//! Without it (on other targets, wasm among them), or with more than 16
//! rectangles, a 256-entry table gives each byte its classes as bits, and
//! eight bytes at a time become eight mask bits per class with one multiply.

use crate::analysis::ByteSet;

/// At most this many rectangles (two table pairs of 8 bits).
const MAX_RECTS: usize = 16;

/// Classifies 64-byte blocks into several byte classes at once.
#[derive(Debug, Clone)]
// The nibble tables and flags are read only by the x86_64 SIMD paths.
#[cfg_attr(not(target_arch = "x86_64"), allow(dead_code))]
pub(crate) struct BlockClassifier {
    classes: Vec<ByteSet>,
    /// Rectangle bits per low nibble and per high nibble, for table pairs 0 and 1.
    lo: [[u8; 16]; 2],
    hi: [[u8; 16]; 2],
    /// Per class, its rectangle bits in pair 0 and pair 1.
    bits: Vec<[u8; 2]>,
    /// Per group of eight classes, per byte value, the classes it is in
    /// (class `8 * g + c` is bit `c` of `tables[g]`), for the portable path.
    tables: Vec<[u8; 256]>,
    simd: bool,
    avx2: bool,
}

impl BlockClassifier {
    pub(crate) fn new(classes: Vec<ByteSet>) -> BlockClassifier {
        // Rectangles: for each class, rows (high nibbles) grouped by their
        // set of low nibbles; equal rectangles of different classes share a
        // bit.
        let mut rects: Vec<(u16, u16)> = Vec::new();
        let mut class_rects: Vec<Vec<usize>> = Vec::new();
        for set in &classes {
            let mut by_cols: Vec<(u16, u16)> = Vec::new();
            for row in 0..16u16 {
                let mut cols = 0u16;
                for col in 0..16u16 {
                    if set.contains((row << 4 | col) as u8) {
                        cols |= 1 << col;
                    }
                }
                if cols == 0 {
                    continue;
                }
                match by_cols.iter_mut().find(|(c, _)| *c == cols) {
                    Some((_, rows)) => *rows |= 1 << row,
                    None => by_cols.push((cols, 1 << row)),
                }
            }
            let mut mine = Vec::new();
            for (cols, rows) in by_cols {
                let idx = match rects.iter().position(|&r| r == (rows, cols)) {
                    Some(i) => i,
                    None => {
                        rects.push((rows, cols));
                        rects.len() - 1
                    }
                };
                mine.push(idx);
            }
            class_rects.push(mine);
        }
        let mut lo = [[0u8; 16]; 2];
        let mut hi = [[0u8; 16]; 2];
        let simd = rects.len() <= MAX_RECTS && ssse3();
        let avx2 = simd && avx2();
        if rects.len() <= MAX_RECTS {
            for (i, &(rows, cols)) in rects.iter().enumerate() {
                let (pair, bit) = (i / 8, 1u8 << (i % 8));
                for n in 0..16 {
                    if rows & (1 << n) != 0 {
                        hi[pair][n] |= bit;
                    }
                    if cols & (1 << n) != 0 {
                        lo[pair][n] |= bit;
                    }
                }
            }
        }
        let bits = class_rects
            .iter()
            .map(|rs| {
                let mut b = [0u8; 2];
                for &i in rs.iter().filter(|&&i| i < MAX_RECTS) {
                    b[i / 8] |= 1 << (i % 8);
                }
                b
            })
            .collect();
        let tables = classes
            .chunks(8)
            .map(|group| {
                let mut t = [0u8; 256];
                for (b, bits) in t.iter_mut().enumerate() {
                    for (c, set) in group.iter().enumerate() {
                        *bits |= u8::from(set.0[b]) << c;
                    }
                }
                t
            })
            .collect();
        BlockClassifier { classes, lo, hi, bits, tables, simd, avx2 }
    }

    /// Fills `out[c]` with the bitmask of class `c` for the (up to 64)
    /// bytes from `base`: bit `i` set when `hay[base + i]` is in the class.
    #[inline]
    pub(crate) fn masks(&self, hay: &[u8], base: usize, out: &mut [u64]) {
        if base >= hay.len() {
            out.iter_mut().take(self.classes.len()).for_each(|o| *o = 0);
            return;
        }
        match hay.get(base..base + 64) {
            #[cfg(target_arch = "x86_64")]
            Some(block) if self.avx2 => {
                // SAFETY: `avx2` is only set when the CPU has AVX2.
                unsafe { self.masks_avx2(block, out) }
            }
            #[cfg(target_arch = "x86_64")]
            Some(block) if self.simd => {
                // SAFETY: `simd` is only set when the CPU has SSSE3.
                unsafe { self.masks_ssse3(block, out) }
            }
            Some(block) => self.masks_scalar(block, out),
            None => {
                // The last, partial block: pad it and mask off the padding.
                let tail = hay.get(base..).unwrap_or_default();
                if self.simd && !tail.is_empty() {
                    let mut block = [0u8; 64];
                    block[..tail.len()].copy_from_slice(tail);
                    self.masks(&block, 0, out);
                    let keep = (1u64 << tail.len()) - 1;
                    for o in out.iter_mut().take(self.classes.len()) {
                        *o &= keep;
                    }
                } else {
                    self.masks_scalar(tail, out);
                }
            }
        }
    }

    /// The portable path: eight bytes at a time, their table entries in one
    /// word, and per class the eight bits gathered by [`lane_bits`].
    fn masks_scalar(&self, bytes: &[u8], out: &mut [u64]) {
        let n = self.classes.len();
        out[..n].fill(0);
        for (g, table) in self.tables.iter().enumerate() {
            let in_group = (n - 8 * g).min(8);
            for (k, chunk) in bytes.chunks(8).take(8).enumerate() {
                let mut lanes = [0u8; 8];
                for (lane, &b) in lanes.iter_mut().zip(chunk) {
                    *lane = table[usize::from(b)];
                }
                let word = u64::from_le_bytes(lanes);
                if word == 0 {
                    continue;
                }
                for (c, o) in out[8 * g..8 * g + in_group].iter_mut().enumerate() {
                    *o |= lane_bits(word >> c) << (8 * k);
                }
            }
        }
    }

    #[cfg(target_arch = "x86_64")]
    #[target_feature(enable = "ssse3")]
    unsafe fn masks_ssse3(&self, block: &[u8], out: &mut [u64]) {
        use std::arch::x86_64::{
            __m128i, _mm_and_si128, _mm_cmpeq_epi8, _mm_loadu_si128, _mm_movemask_epi8, _mm_or_si128, _mm_set1_epi8,
            _mm_setzero_si128, _mm_shuffle_epi8, _mm_srli_epi16,
        };
        debug_assert!(block.len() == 64 && out.len() >= self.classes.len());
        let load = |t: &[u8; 16]| {
            // SAFETY: reads exactly the 16 bytes of `t`.
            unsafe { _mm_loadu_si128(t.as_ptr().cast::<__m128i>()) }
        };
        let (lo0, lo1, hi0, hi1) = (load(&self.lo[0]), load(&self.lo[1]), load(&self.hi[0]), load(&self.hi[1]));
        let nibble = _mm_set1_epi8(0x0f);
        let zero = _mm_setzero_si128();
        for o in out.iter_mut().take(self.classes.len()) {
            *o = 0;
        }
        for k in 0..4 {
            // SAFETY: reads exactly the 16 bytes of this chunk of `block`.
            let v = unsafe { _mm_loadu_si128(block[16 * k..].as_ptr().cast::<__m128i>()) };
            let l = _mm_and_si128(v, nibble);
            let h = _mm_and_si128(_mm_srli_epi16(v, 4), nibble);
            let r0 = _mm_and_si128(_mm_shuffle_epi8(lo0, l), _mm_shuffle_epi8(hi0, h));
            let r1 = _mm_and_si128(_mm_shuffle_epi8(lo1, l), _mm_shuffle_epi8(hi1, h));
            for (c, b) in self.bits.iter().enumerate() {
                let t = _mm_or_si128(
                    _mm_and_si128(r0, _mm_set1_epi8(b[0] as i8)),
                    _mm_and_si128(r1, _mm_set1_epi8(b[1] as i8)),
                );
                let none = _mm_movemask_epi8(_mm_cmpeq_epi8(t, zero)) as u32;
                out[c] |= u64::from(!none & 0xffff) << (16 * k);
            }
        }
    }
}

impl BlockClassifier {
    /// [`masks_ssse3`](Self::masks_ssse3) on 32 bytes at a time.
    #[cfg(target_arch = "x86_64")]
    #[target_feature(enable = "avx2")]
    unsafe fn masks_avx2(&self, block: &[u8], out: &mut [u64]) {
        use std::arch::x86_64::{
            __m128i, __m256i, _mm_loadu_si128, _mm256_and_si256, _mm256_broadcastsi128_si256, _mm256_cmpeq_epi8,
            _mm256_loadu_si256, _mm256_movemask_epi8, _mm256_or_si256, _mm256_set1_epi8, _mm256_setzero_si256,
            _mm256_shuffle_epi8, _mm256_srli_epi16,
        };
        debug_assert!(block.len() == 64 && out.len() >= self.classes.len());
        let load = |t: &[u8; 16]| {
            // SAFETY: reads exactly the 16 bytes of `t`; the table is the
            // same in both 128-bit lanes, as `vpshufb` looks up per lane.
            unsafe { _mm256_broadcastsi128_si256(_mm_loadu_si128(t.as_ptr().cast::<__m128i>())) }
        };
        let (lo0, lo1, hi0, hi1) = (load(&self.lo[0]), load(&self.lo[1]), load(&self.hi[0]), load(&self.hi[1]));
        let nibble = _mm256_set1_epi8(0x0f);
        let zero = _mm256_setzero_si256();
        for o in out.iter_mut().take(self.classes.len()) {
            *o = 0;
        }
        for k in 0..2 {
            // SAFETY: reads exactly the 32 bytes of this half of `block`.
            let v = unsafe { _mm256_loadu_si256(block[32 * k..].as_ptr().cast::<__m256i>()) };
            let l = _mm256_and_si256(v, nibble);
            let h = _mm256_and_si256(_mm256_srli_epi16(v, 4), nibble);
            let r0 = _mm256_and_si256(_mm256_shuffle_epi8(lo0, l), _mm256_shuffle_epi8(hi0, h));
            let r1 = _mm256_and_si256(_mm256_shuffle_epi8(lo1, l), _mm256_shuffle_epi8(hi1, h));
            for (c, b) in self.bits.iter().enumerate() {
                let t = _mm256_or_si256(
                    _mm256_and_si256(r0, _mm256_set1_epi8(b[0] as i8)),
                    _mm256_and_si256(r1, _mm256_set1_epi8(b[1] as i8)),
                );
                let none = _mm256_movemask_epi8(_mm256_cmpeq_epi8(t, zero)) as u32;
                out[c] |= u64::from(!none) << (32 * k);
            }
        }
    }
}

#[cfg(target_arch = "x86_64")]
fn avx2() -> bool {
    std::arch::is_x86_feature_detected!("avx2")
}

#[cfg(not(target_arch = "x86_64"))]
fn avx2() -> bool {
    false
}

#[cfg(target_arch = "x86_64")]
fn ssse3() -> bool {
    std::arch::is_x86_feature_detected!("ssse3")
}

#[cfg(not(target_arch = "x86_64"))]
fn ssse3() -> bool {
    false
}

/// Bitmasks of the ASCII digits and of the key-value separators (`:`, `=`)
/// among the (up to 64) bytes from `base`. SSE2, which every x86_64 CPU
/// has, where available.
#[inline]
pub(crate) fn digits_and_separators(hay: &[u8], base: usize) -> (u64, u64) {
    if base >= hay.len() {
        return (0, 0);
    }
    match hay.get(base..base + 64) {
        #[cfg(target_arch = "x86_64")]
        Some(block) => digits_and_separators_sse2(block),
        #[cfg(not(target_arch = "x86_64"))]
        Some(block) => digits_and_separators_scalar(block),
        None => {
            // The last, partial block: pad it and mask off the padding.
            let tail = hay.get(base..).unwrap_or_default();
            let mut block = [0u8; 64];
            block[..tail.len()].copy_from_slice(tail);
            let keep = if tail.is_empty() { 0 } else { (1u64 << tail.len()) - 1 };
            let (d, s) = digits_and_separators(&block, 0);
            (d & keep, s & keep)
        }
    }
}

/// Bit 0 of each byte of `word` (eight lanes) gathered into the low eight
/// bits, lane `k` to bit `k`: the multiply puts lane `k`'s bit at bit
/// `56 + k`, and no two partial products land on the same bit, so nothing
/// carries.
#[inline]
fn lane_bits(word: u64) -> u64 {
    ((word & 0x0101_0101_0101_0101).wrapping_mul(0x0102_0408_1020_4080)) >> 56
}

/// Per byte value: bit 0 for an ASCII digit, bit 1 for `:` or `=`.
const DIGIT_SEPARATOR: [u8; 256] = {
    let mut t = [0u8; 256];
    let mut b = b'0';
    while b <= b'9' {
        t[b as usize] = 1;
        b += 1;
    }
    t[b':' as usize] = 2;
    t[b'=' as usize] = 2;
    t
};

/// [`digits_and_separators`] without SIMD, eight bytes at a time.
#[cfg_attr(target_arch = "x86_64", allow(dead_code))]
fn digits_and_separators_scalar(bytes: &[u8]) -> (u64, u64) {
    let (mut d, mut s) = (0u64, 0u64);
    for (k, chunk) in bytes.chunks(8).take(8).enumerate() {
        let mut lanes = [0u8; 8];
        for (lane, &b) in lanes.iter_mut().zip(chunk) {
            *lane = DIGIT_SEPARATOR[usize::from(b)];
        }
        let word = u64::from_le_bytes(lanes);
        d |= lane_bits(word) << (8 * k);
        s |= lane_bits(word >> 1) << (8 * k);
    }
    (d, s)
}

#[cfg(target_arch = "x86_64")]
#[inline]
fn digits_and_separators_sse2(block: &[u8]) -> (u64, u64) {
    use std::arch::x86_64::{
        __m128i, _mm_cmpeq_epi8, _mm_loadu_si128, _mm_min_epu8, _mm_movemask_epi8, _mm_or_si128, _mm_set1_epi8,
        _mm_sub_epi8,
    };
    let (mut d, mut s) = (0u64, 0u64);
    for k in 0..4 {
        // SAFETY: SSE2 is part of the x86_64 baseline; the load reads the
        // 16 bytes of this chunk of the 64-byte block.
        let (digits, seps) = unsafe {
            let v = _mm_loadu_si128(block[16 * k..16 * k + 16].as_ptr().cast::<__m128i>());
            let t = _mm_sub_epi8(v, _mm_set1_epi8(b'0' as i8));
            // t <= 9 as unsigned bytes  <=>  min(t, 9) == t
            let digits = _mm_movemask_epi8(_mm_cmpeq_epi8(_mm_min_epu8(t, _mm_set1_epi8(9)), t)) as u16;
            let sep = _mm_or_si128(
                _mm_cmpeq_epi8(v, _mm_set1_epi8(b':' as i8)),
                _mm_cmpeq_epi8(v, _mm_set1_epi8(b'=' as i8)),
            );
            (digits, _mm_movemask_epi8(sep) as u16)
        };
        d |= u64::from(digits) << (16 * k);
        s |= u64::from(seps) << (16 * k);
    }
    (d, s)
}

/// Bits `p` in `0..64` where `len` consecutive bits starting at `p` are
/// set, looking into `next` (the following block) for runs that cross over.
#[inline]
pub(crate) fn run_starts_of_len(cur: u64, next: u64, len: usize) -> u64 {
    // Invariant: each bit of (`c`, `n`) tells whether the `have` bits from
    // there are all set; doubling `have` takes log2(len) steps. The shifts
    // are written out on two words: every `k` is in 1..64, so no branch.
    let (mut c, mut n) = (cur, next);
    let mut have = 1;
    while have < len {
        let k = have.min(len - have) as u32;
        c &= (c >> k) | (n << (64 - k));
        n &= n >> k;
        have += k as usize;
    }
    c
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

    fn classes() -> Vec<ByteSet> {
        let mut digits = ByteSet::empty();
        digits.insert_range(b'0', b'9');
        let mut high = ByteSet::empty();
        high.insert_range(0x80, 0xff);
        vec![
            digits,
            set_of(b"-.:0123456789abcdefABCDEF"),
            set_of(b" ()+-./0123456789ext"),
            set_of(&[0, 0x80, 0xff, b'\n']),
            high,
        ]
    }

    /// One `contains` per byte and class: obviously right, slow.
    fn masks_naive(classes: &[ByteSet], bytes: &[u8]) -> Vec<u64> {
        classes
            .iter()
            .map(|set| bytes.iter().take(64).enumerate().fold(0u64, |m, (i, &b)| m | u64::from(set.contains(b)) << i))
            .collect()
    }

    #[test]
    fn portable_masks_match_the_naive_ones() {
        let mut x: u64 = 7;
        let mut next = || {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            x
        };
        // Up to 19 classes: one, two and three table groups, partial groups.
        for n in [1, 5, 8, 9, 16, 19] {
            let classes: Vec<ByteSet> = (0..n)
                .map(|_| {
                    let mut s = ByteSet::empty();
                    for _ in 0..(next() % 90) {
                        let b = next() as u8;
                        s.insert_range(b, b);
                    }
                    s
                })
                .collect();
            let c = BlockClassifier::new(classes.clone());
            for len in [0, 1, 7, 8, 9, 33, 63, 64] {
                let bytes: Vec<u8> = (0..len).map(|_| next() as u8).collect();
                let mut got = vec![0u64; n];
                c.masks_scalar(&bytes, &mut got);
                assert_eq!(got, masks_naive(&classes, &bytes), "{n} classes, {len} bytes");
            }
        }
        let all: Vec<u8> = (0..=255u8).collect();
        for block in all.chunks(64) {
            let want =
                |f: fn(&u8) -> bool| block.iter().enumerate().filter(|(_, b)| f(b)).fold(0u64, |m, (i, _)| m | 1 << i);
            assert_eq!(
                digits_and_separators_scalar(block),
                (want(u8::is_ascii_digit), want(|&b| b == b':' || b == b'='))
            );
        }
    }

    #[test]
    fn simd_and_table_agree() {
        let mut hay = Vec::new();
        let mut x: u32 = 99;
        for _ in 0..1000 {
            x = x.wrapping_mul(1_103_515_245).wrapping_add(12345);
            hay.push((x >> 13) as u8);
        }
        let mut c = BlockClassifier::new(classes());
        let mut got = vec![0u64; c.classes.len()];
        let mut want = vec![0u64; c.classes.len()];
        // Every implementation this CPU can run.
        let mut variants = vec![(c.simd, c.avx2), (false, false)];
        if c.avx2 {
            variants.push((true, false));
        }
        for (simd, avx2) in variants {
            c.simd = simd;
            c.avx2 = avx2;
            for base in (0..hay.len()).step_by(64) {
                c.masks(&hay, base, &mut got);
                want.copy_from_slice(&masks_naive(&c.classes, &hay[base..(base + 64).min(hay.len())]));
                assert_eq!(got, want, "base {base} simd {simd} avx2 {avx2}");
            }
        }
        let mut digits = [0u64; 5];
        c.masks(b"a1b2", 0, &mut digits);
        assert_eq!(digits[0], 0b1010);
        for base in (0..hay.len()).step_by(64) {
            let want = |f: fn(&u8) -> bool| {
                (0..64).filter(|&i| hay.get(base + i).is_some_and(f)).fold(0u64, |m, i| m | 1 << i)
            };
            assert_eq!(
                digits_and_separators(&hay, base),
                (want(u8::is_ascii_digit), want(|&b| b == b':' || b == b'='))
            );
        }
        assert_eq!(digits_and_separators(b"12", 64), (0, 0));
        assert_eq!(digits_and_separators(b"a=1:", 0), (0b0100, 0b1010));
    }

    #[test]
    fn too_many_rectangles_fall_back_to_the_table() {
        let many: Vec<ByteSet> = (0..20u8).map(|i| set_of(&[i * 13, i * 7 + 100])).collect();
        let c = BlockClassifier::new(many.clone());
        assert!(!c.simd);
        let hay: Vec<u8> = (0..=255u8).cycle().take(300).collect();
        let mut got = vec![0u64; c.classes.len()];
        c.masks(&hay, 64, &mut got);
        for (i, set) in many.iter().enumerate() {
            let want = (0..64).filter(|&j| set.contains(hay[64 + j])).fold(0u64, |m, j| m | 1 << j);
            assert_eq!(got[i], want);
        }
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
