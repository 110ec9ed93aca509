//! Byte scans for the text passes. Most texts of a page are a hundred or two bytes, and
//! every text pass looks at every byte of every text: these scans test 16 bytes at a
//! time with the SSE2 instructions every x86-64 processor has (32 at a time with AVX2,
//! on a text of [`LONG`] bytes or more, when the processor has it; elsewhere eight
//! bytes at a time in a machine word), stop at the first byte of interest and say where
//! it is, and look at the last bytes of a text as one more block (overlapping those
//! before) rather than one by one. A single byte is looked for with `memchr`.

// The scans of this processor: SSE2 or AVX2 on x86-64, a word at a time elsewhere.
#[cfg(not(target_arch = "x86_64"))]
use word as fastest;
#[cfg(target_arch = "x86_64")]
use x86 as fastest;

/// The index of the first byte of `b` from `from` on that is not printable ASCII (0x20
/// to 0x7E), or the length of `b`.
#[inline]
pub(crate) fn first_unprintable(b: &[u8], from: usize) -> usize {
    fastest::first_unprintable(b, from)
}

/// Whether `b` holds a tab or a carriage return, a space followed by a space or a line
/// feed, or a line feed followed by a space: the pairs of neighbouring bytes the
/// `whitespace` pass changes (its ends aside).
#[inline]
pub(crate) fn has_untidy_pair(b: &[u8]) -> bool {
    first_untidy(b, 0) < b.len()
}

/// The index of the first byte of `b` from `from` on that makes, with the byte after
/// it (0 after the last), a pair [`has_untidy_pair`] looks for, or the length of `b`.
#[inline]
pub(crate) fn first_untidy(b: &[u8], from: usize) -> usize {
    fastest::first_untidy(b, from)
}

/// Whether the byte `x`, followed by `y` (0 after the last byte), is one the
/// `whitespace` pass changes: see [`has_untidy_pair`].
#[cfg(any(test, not(target_arch = "x86_64")))]
#[inline(always)]
fn untidy(x: u8, y: u8) -> bool {
    (x == b'\r')
        | (x == b'\t')
        | ((x == b' ') & ((y == b' ') | (y == b'\n')))
        | ((x == b'\n') & (y == b' '))
}

/// From how many bytes on a text is looked at 32 bytes at a time, where the processor
/// has AVX2.
#[cfg(target_arch = "x86_64")]
const LONG: usize = 64;

/// The scans on x86-64: AVX2 for a long text when the processor has it (asked at run
/// time), SSE2 otherwise.
#[cfg(target_arch = "x86_64")]
mod x86 {
    use super::{LONG, avx2, sse2};

    pub(super) fn first_unprintable(b: &[u8], from: usize) -> usize {
        if b.len() >= LONG && std::arch::is_x86_feature_detected!("avx2") {
            // SAFETY: the processor has AVX2 (just asked), and the text is long enough.
            return unsafe { avx2::first_unprintable(b, from) };
        }
        sse2::first_unprintable(b, from)
    }

    pub(super) fn first_untidy(b: &[u8], from: usize) -> usize {
        if b.len() >= LONG && std::arch::is_x86_feature_detected!("avx2") {
            // SAFETY: the processor has AVX2 (just asked), and the text is long enough.
            return unsafe { avx2::first_untidy(b, from) };
        }
        sse2::first_untidy(b, from)
    }
}

/// The first byte of interest of a text of `len` bytes from `from` on, found from
/// `marks` (one bit a byte of interest for the `width` bytes at a place, reading `reach`
/// bytes from it; `len >= reach`): blocks `width` bytes apart, then the last block (at
/// `len - reach`, those looked at masked off). `None` when the places the blocks cover
/// (up to `len - reach + width`) hold none and `from` is before them.
#[cfg(target_arch = "x86_64")]
#[inline(always)]
fn first_marked(
    len: usize,
    from: usize,
    width: usize,
    reach: usize,
    marks: impl Fn(usize) -> u32,
) -> Option<usize> {
    let mut i = from;
    while i + reach <= len {
        let m = marks(i);
        if m != 0 {
            return Some(i + m.trailing_zeros() as usize);
        }
        i += width;
    }
    if i >= len {
        return Some(len);
    }
    let start = len - reach;
    let m = marks(start) & u32::MAX.checked_shl((i - start) as u32).unwrap_or(0);
    (m != 0).then(|| start + m.trailing_zeros() as usize)
}

/// Where the first untidy pair of `b` is when the blocks found none: the last byte,
/// followed by nothing, is untidy only as a tab or a carriage return.
#[cfg(target_arch = "x86_64")]
fn last_untidy(b: &[u8]) -> usize {
    match b.last() {
        Some(b'\t' | b'\r') => b.len() - 1,
        _ => b.len(),
    }
}

#[cfg(target_arch = "x86_64")]
mod sse2 {
    use std::arch::x86_64::{
        __m128i, _mm_cmpeq_epi8, _mm_cmplt_epi8, _mm_loadu_si128, _mm_movemask_epi8, _mm_or_si128,
        _mm_set1_epi8,
    };

    use super::{first_marked, last_untidy};

    /// The 16 bytes of `b` at `at`.
    ///
    /// Panics (in every build) unless `at + 16 <= b.len()`.
    #[inline(always)]
    fn load(b: &[u8], at: usize) -> __m128i {
        let sixteen: &[u8; 16] = b[at..at + 16].try_into().expect("16 bytes");
        // SAFETY: SSE2 is part of every x86-64 processor; the load reads the 16 bytes
        // of `sixteen`, with no alignment asked for.
        unsafe { _mm_loadu_si128(sixteen.as_ptr().cast()) }
    }

    /// One bit a byte of the 16 at `at`: whether it is not printable ASCII.
    #[inline(always)]
    fn unprintable(b: &[u8], at: usize) -> u32 {
        let x = load(b, at);
        // SAFETY: SSE2 is part of every x86-64 processor. Compared as signed bytes,
        // those of 0x80 and over are below 0x20 too.
        unsafe {
            let low = _mm_cmplt_epi8(x, _mm_set1_epi8(0x20));
            let del = _mm_cmpeq_epi8(x, _mm_set1_epi8(0x7F));
            _mm_movemask_epi8(_mm_or_si128(low, del)) as u32
        }
    }

    pub(super) fn first_unprintable(b: &[u8], from: usize) -> usize {
        let len = b.len();
        if len < 16 {
            // A short text looked at as 16 bytes, padded with spaces.
            let mut padded = [b' '; 16];
            padded[..len].copy_from_slice(b);
            let m = unprintable(&padded, 0) & (u32::MAX << from.min(16));
            return (m.trailing_zeros() as usize).min(len);
        }
        first_marked(len, from, 16, 16, |at| unprintable(b, at)).unwrap_or(len)
    }

    /// One bit a byte of the 16 at `at`: whether it and the byte after it make a pair
    /// [`super::has_untidy_pair`] looks for (`at + 17 <= b.len()`).
    #[inline(always)]
    fn untidy(b: &[u8], at: usize) -> u32 {
        let (x, y) = (load(b, at), load(b, at + 1));
        // SAFETY: SSE2 is part of every x86-64 processor.
        unsafe {
            let eq = |v: __m128i, c: u8| _mm_cmpeq_epi8(v, _mm_set1_epi8(c as i8));
            let (x_space, y_space) = (eq(x, b' '), eq(y, b' '));
            let (x_lf, y_lf) = (eq(x, b'\n'), eq(y, b'\n'));
            let tab_or_cr = _mm_or_si128(eq(x, b'\t'), eq(x, b'\r'));
            let mask = |v: __m128i| _mm_movemask_epi8(v) as u32;
            mask(tab_or_cr)
                | (mask(x_space) & (mask(y_space) | mask(y_lf)))
                | (mask(x_lf) & mask(y_space))
        }
    }

    pub(super) fn first_untidy(b: &[u8], from: usize) -> usize {
        let len = b.len();
        if len < 17 {
            // A short text looked at as 16 pairs, padded with zeros (the last byte is
            // followed by 0, as everywhere).
            let mut padded = [0u8; 32];
            padded[..len].copy_from_slice(b);
            let m = untidy(&padded, 0) & (u32::MAX << from.min(16));
            return (m.trailing_zeros() as usize).min(len);
        }
        first_marked(len, from, 16, 17, |at| untidy(b, at)).unwrap_or_else(|| last_untidy(b))
    }
}

/// The scans 32 bytes at a time, on processors with AVX2 (most x86-64 processors since
/// 2013), for texts long enough to gain by it.
#[cfg(target_arch = "x86_64")]
mod avx2 {
    use std::arch::x86_64::{
        __m256i, _mm256_cmpeq_epi8, _mm256_cmpgt_epi8, _mm256_loadu_si256, _mm256_movemask_epi8,
        _mm256_or_si256, _mm256_set1_epi8,
    };

    use super::{first_marked, last_untidy};

    /// The 32 bytes of `b` at `at`.
    ///
    /// Panics (in every build) unless `at + 32 <= b.len()`.
    #[inline(always)]
    fn load(b: &[u8], at: usize) -> __m256i {
        let bytes: &[u8; 32] = b[at..at + 32].try_into().expect("32 bytes");
        // SAFETY: the load reads the 32 bytes of `bytes`, with no alignment asked for;
        // it is inlined only into functions that enable AVX2.
        unsafe { _mm256_loadu_si256(bytes.as_ptr().cast()) }
    }

    /// One bit a byte of the 32 at `at`: whether it is not printable ASCII.
    #[inline(always)]
    fn unprintable(b: &[u8], at: usize) -> u32 {
        let x = load(b, at);
        // SAFETY: inlined only into functions that enable AVX2. Compared as signed
        // bytes, those of 0x80 and over are below 0x20 too.
        unsafe {
            let low = _mm256_cmpgt_epi8(_mm256_set1_epi8(0x20), x);
            let del = _mm256_cmpeq_epi8(x, _mm256_set1_epi8(0x7F));
            _mm256_movemask_epi8(_mm256_or_si256(low, del)) as u32
        }
    }

    /// [`super::first_unprintable`] of `b`, of 32 bytes or more.
    ///
    /// # Safety
    ///
    /// The processor has AVX2.
    #[target_feature(enable = "avx2")]
    pub(super) unsafe fn first_unprintable(b: &[u8], from: usize) -> usize {
        first_marked(b.len(), from, 32, 32, |at| unprintable(b, at)).unwrap_or(b.len())
    }

    /// One bit a byte of the 32 at `at`: whether it and the byte after it make a pair
    /// [`super::has_untidy_pair`] looks for (`at + 33 <= b.len()`).
    #[inline(always)]
    fn untidy(b: &[u8], at: usize) -> u32 {
        let (x, y) = (load(b, at), load(b, at + 1));
        // SAFETY: inlined only into functions that enable AVX2.
        unsafe {
            let eq = |v: __m256i, c: u8| _mm256_cmpeq_epi8(v, _mm256_set1_epi8(c as i8));
            let mask = |v: __m256i| _mm256_movemask_epi8(v) as u32;
            let (x_space, y_space) = (mask(eq(x, b' ')), mask(eq(y, b' ')));
            let (x_lf, y_lf) = (mask(eq(x, b'\n')), mask(eq(y, b'\n')));
            let tab_or_cr = mask(eq(x, b'\t')) | mask(eq(x, b'\r'));
            tab_or_cr | (x_space & (y_space | y_lf)) | (x_lf & y_space)
        }
    }

    /// [`super::first_untidy`] of `b`, of 33 bytes or more.
    ///
    /// # Safety
    ///
    /// The processor has AVX2.
    #[target_feature(enable = "avx2")]
    pub(super) unsafe fn first_untidy(b: &[u8], from: usize) -> usize {
        first_marked(b.len(), from, 32, 33, |at| untidy(b, at)).unwrap_or_else(|| last_untidy(b))
    }
}

#[cfg(any(test, not(target_arch = "x86_64")))]
mod word {
    /// Whether all eight bytes of `w` are printable ASCII (0x20 to 0x7E).
    #[inline]
    fn printable_ascii(w: u64) -> bool {
        const ONES: u64 = 0x0101_0101_0101_0101;
        const HIGH: u64 = 0x8080_8080_8080_8080;
        // A byte below 0x20 borrows when 0x20 is taken from it; a byte of 0x7F
        // becomes 0x80 when 1 is added; a byte at or above 0x80 has its high bit set.
        let below_space = w.wrapping_sub(ONES * 0x20);
        let del_or_high = w.wrapping_add(ONES);
        (w | below_space | del_or_high) & HIGH == 0
    }

    pub(super) fn first_unprintable(b: &[u8], from: usize) -> usize {
        let mut i = from;
        while let Some(chunk) = b.get(i..i + 8) {
            let w = u64::from_le_bytes(chunk.try_into().unwrap_or_default());
            if !printable_ascii(w) {
                break;
            }
            i += 8;
        }
        i + b[i..]
            .iter()
            .position(|c| !(0x20..0x7F).contains(c))
            .unwrap_or(b.len() - i)
    }

    /// The first untidy pair of `b` from `from` on: 32 pairs at a time without
    /// branches, which the compiler turns into vector code, up to the first chunk that
    /// holds one; then byte by byte.
    pub(super) fn first_untidy(b: &[u8], from: usize) -> usize {
        let chunk_bad = |w: &[u8]| {
            w[..32]
                .iter()
                .zip(&w[1..33])
                .fold(false, |acc, (&x, &y)| acc | super::untidy(x, y))
        };
        let mut i = from;
        while let Some(w) = b.get(i..i + 33) {
            if chunk_bad(w) {
                break;
            }
            i += 32;
        }
        (i..b.len())
            .find(|&k| super::untidy(b[k], b.get(k + 1).copied().unwrap_or(0)))
            .unwrap_or(b.len())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// [`first_unprintable`] byte by byte.
    fn first_unprintable_slowly(b: &[u8], from: usize) -> usize {
        (from..b.len())
            .find(|&i| !(0x20..0x7F).contains(&b[i]))
            .unwrap_or(b.len())
    }

    #[test]
    fn finds_the_first_unprintable_byte_in_chunks_and_tails() {
        for len in 0..70 {
            let mut b = vec![b'a'; len];
            for from in 0..=len {
                assert_eq!(first_unprintable(&b, from), len, "{len} {from}");
            }
            for at in 0..len {
                for bad in [0x00, 0x09, 0x0A, 0x1F, 0x7F, 0x80, 0xC3, 0xFF] {
                    b[at] = bad;
                    for from in 0..=len {
                        let want = first_unprintable_slowly(&b, from);
                        assert_eq!(
                            first_unprintable(&b, from),
                            want,
                            "{len} {at} {bad:#x} {from}"
                        );
                        #[cfg(target_arch = "x86_64")]
                        assert_eq!(sse2::first_unprintable(&b, from), want, "sse2");
                        assert_eq!(word::first_unprintable(&b, from), want, "word");
                    }
                    b[at] = b'a';
                }
            }
            // The edges of the printable range pass.
            let edges: Vec<u8> = (0..len).map(|i| [0x20, 0x7E][i % 2]).collect();
            assert_eq!(first_unprintable(&edges, 0), len);
            assert_eq!(word::first_unprintable(&edges, 0), len);
        }
    }

    /// [`first_untidy`] byte by byte.
    fn first_untidy_slowly(b: &[u8], from: usize) -> usize {
        (from..b.len())
            .find(|&i| untidy(b[i], b.get(i + 1).copied().unwrap_or(0)))
            .unwrap_or(b.len())
    }

    #[test]
    fn finds_untidy_pairs_in_chunks_and_tails() {
        for len in 0..70 {
            let b = vec![b'a'; len];
            assert!(!has_untidy_pair(&b), "{len}");
            for at in 0..len {
                for pair in [
                    &b"\t"[..],
                    b"\r",
                    b"  ",
                    b" \n",
                    b"\n ",
                    b" a",
                    b"\na",
                    b"\n\n",
                    b"\n \t",
                ] {
                    if at + pair.len() > len {
                        continue;
                    }
                    let mut b = b.clone();
                    b[at..at + pair.len()].copy_from_slice(pair);
                    for from in 0..=len {
                        let want = first_untidy_slowly(&b, from);
                        assert_eq!(first_untidy(&b, from), want, "{len} {at} {pair:?} {from}");
                        assert_eq!(word::first_untidy(&b, from), want, "word");
                    }
                    let any = first_untidy_slowly(&b, 0) < len;
                    assert_eq!(has_untidy_pair(&b), any, "{len} {at} {pair:?}");
                }
            }
        }
        // A space or a line feed at the very end is followed by nothing: not a pair.
        for len in 1..140 {
            for last in [b' ', b'\n', b'\t'] {
                let mut b = vec![b'a'; len];
                b[len - 1] = last;
                assert_eq!(has_untidy_pair(&b), last == b'\t', "{len} {last}");
                let word = word::first_untidy(&b, 0) < len;
                assert_eq!(word, last == b'\t', "word");
            }
        }
    }

    #[test]
    fn finds_untidy_pairs_in_long_texts_32_at_a_time() {
        // Long enough for AVX2 (where the processor has it; SSE2 too, asked directly):
        // each pair at every place, looked for from places around the steps and the
        // pair.
        for len in [64, 65, 95, 96, 97, 100, 127, 128, 129, 140] {
            let b = vec![b'a'; len];
            assert_eq!(first_untidy(&b, 0), len);
            for at in 0..len {
                for pair in [&b"\t"[..], b"\r", b"  ", b" \n", b"\n ", b" a", b"\n\n"] {
                    if at + pair.len() > len {
                        continue;
                    }
                    let mut b = b.clone();
                    b[at..at + pair.len()].copy_from_slice(pair);
                    let froms = [
                        0,
                        1,
                        15,
                        16,
                        31,
                        32,
                        33,
                        63,
                        64,
                        at.saturating_sub(1),
                        at,
                        at + 1,
                    ];
                    for from in froms.into_iter().filter(|&f| f <= len) {
                        let want = first_untidy_slowly(&b, from);
                        assert_eq!(first_untidy(&b, from), want, "{len} {at} {pair:?} {from}");
                        #[cfg(target_arch = "x86_64")]
                        assert_eq!(sse2::first_untidy(&b, from), want, "sse2");
                    }
                }
            }
        }
    }

    #[test]
    fn finds_the_first_unprintable_byte_in_long_texts_32_at_a_time() {
        for len in [64, 65, 95, 96, 97, 100, 127, 128, 129, 140] {
            let mut b = vec![b'a'; len];
            assert_eq!(first_unprintable(&b, 0), len);
            for at in 0..len {
                for bad in [0x00, 0x09, 0x1F, 0x7F, 0x80, 0xFF] {
                    b[at] = bad;
                    let froms = [0, 1, 31, 32, 33, 63, 64, at.saturating_sub(1), at, at + 1];
                    for from in froms.into_iter().filter(|&f| f <= len) {
                        let want = first_unprintable_slowly(&b, from);
                        assert_eq!(
                            first_unprintable(&b, from),
                            want,
                            "{len} {at} {bad:#x} {from}"
                        );
                    }
                    b[at] = b'a';
                }
            }
            let edges: Vec<u8> = (0..len).map(|i| [0x20, 0x7E][i % 2]).collect();
            assert_eq!(first_unprintable(&edges, 0), len);
        }
    }
}
