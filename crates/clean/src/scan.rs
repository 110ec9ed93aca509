//! Byte scans for short texts. Most texts of a page are a few hundred bytes, where
//! the set-up of a SIMD search costs more than the search: these loops test 32 bytes
//! at a time without branches, which the compiler turns into vector code, and stop at
//! the first chunk that holds a byte of interest.

const CHUNK: usize = 32;

/// The start of the first 32-byte chunk of `b` from `from` on that holds a byte for
/// which `hit` is true, or where the last whole chunk ends; the bytes from there on
/// are the caller's to look at one by one.
#[inline(always)]
pub(crate) fn skip_chunks(b: &[u8], from: usize, hit: impl Fn(u8) -> bool) -> usize {
    let mut i = from;
    while let Some(chunk) = b.get(i..i + CHUNK) {
        if chunk.iter().fold(false, |acc, &c| acc | hit(c)) {
            return i;
        }
        i += CHUNK;
    }
    i
}

/// Whether a byte of `b` makes `hit` true.
#[inline(always)]
pub(crate) fn any_byte(b: &[u8], hit: impl Fn(u8) -> bool + Copy) -> bool {
    let i = skip_chunks(b, 0, hit);
    b[i..].iter().any(|&c| hit(c))
}

/// The first byte of `b` that makes `hit` true.
#[inline(always)]
pub(crate) fn find_byte(b: &[u8], from: usize, hit: impl Fn(u8) -> bool + Copy) -> Option<usize> {
    let i = skip_chunks(b, from, hit);
    b[i..].iter().position(|&c| hit(c)).map(|p| i + p)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_bytes_in_chunks_and_tails() {
        let mut b = vec![b'a'; 100];
        assert!(!any_byte(&b, |c| c == b'x'));
        assert_eq!(find_byte(&b, 0, |c| c == b'x'), None);
        for at in [0, 31, 32, 63, 64, 95, 96, 99] {
            b[at] = b'x';
            assert!(any_byte(&b, |c| c == b'x'));
            assert_eq!(find_byte(&b, 0, |c| c == b'x'), Some(at), "{at}");
            assert_eq!(find_byte(&b, at + 1, |c| c == b'x'), None, "{at}");
            b[at] = b'a';
        }
        assert!(!any_byte(b"", |_| true));
    }
}
