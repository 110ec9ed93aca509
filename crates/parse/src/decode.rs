//! From bytes to text: strict UTF-8 with the position of the first bad byte, or lossy.

use std::borrow::Cow;

/// What went wrong while decoding.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum DecodeErrorKind {
    /// The bytes are not valid UTF-8.
    InvalidUtf8,
}

/// The input is not valid UTF-8; it says where the first bad byte is.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("invalid UTF-8 at byte {offset} (line {line}, column {column})")]
pub struct DecodeError {
    kind: DecodeErrorKind,
    offset: usize,
    line: usize,
    column: usize,
}

impl DecodeError {
    /// What went wrong.
    pub fn kind(&self) -> DecodeErrorKind {
        self.kind
    }

    /// The byte offset of the first bad byte.
    pub fn offset(&self) -> usize {
        self.offset
    }

    /// The 1-based line of the first bad byte.
    pub fn line(&self) -> usize {
        self.line
    }

    /// The 1-based column (in bytes) of the first bad byte.
    pub fn column(&self) -> usize {
        self.column
    }
}

/// Decode `bytes` as UTF-8, dropping a leading byte-order mark.
pub fn decode(bytes: &[u8]) -> Result<&str, DecodeError> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    // Checked with SIMD first (a few times faster on long pages); the standard
    // library's check then says where a bad byte is.
    if let Ok(s) = simdutf8::basic::from_utf8(bytes) {
        return Ok(s);
    }
    std::str::from_utf8(bytes).map_err(|e| {
        let offset = e.valid_up_to();
        let before = &bytes[..offset];
        let line = memchr::memchr_iter(b'\n', before).count() + 1;
        let column = offset - memchr::memrchr(b'\n', before).map_or(0, |n| n + 1) + 1;
        DecodeError {
            kind: DecodeErrorKind::InvalidUtf8,
            offset,
            line,
            column,
        }
    })
}

/// Decode `bytes` as UTF-8, replacing bad sequences with U+FFFD. Also returns the
/// position of the first bad byte, if there was one.
pub fn decode_lossy(bytes: &[u8]) -> (Cow<'_, str>, Option<DecodeError>) {
    match decode(bytes) {
        Ok(s) => (Cow::Borrowed(s), None),
        Err(e) => {
            let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
            (String::from_utf8_lossy(bytes), Some(e))
        }
    }
}

/// `src` with every carriage return that is not followed by a line feed (old Mac line
/// ends) turned into a line feed. The parser splits lines at LF and CR LF; text that
/// ends its lines with a lone CR goes through this first. Byte for byte the same length,
/// so the spans of the document parsed from it are spans of `src` too; borrowed
/// unchanged when there is no lone CR.
pub fn line_ends(src: &str) -> Cow<'_, str> {
    let bytes = src.as_bytes();
    let lone = |i: usize| bytes.get(i + 1) != Some(&b'\n');
    if !memchr::memchr_iter(b'\r', bytes).any(lone) {
        return Cow::Borrowed(src);
    }
    let mut out = bytes.to_vec();
    for i in memchr::memchr_iter(b'\r', bytes) {
        if lone(i) {
            out[i] = b'\n';
        }
    }
    // Replacing one ASCII byte with another keeps the text valid UTF-8.
    Cow::Owned(String::from_utf8(out).expect("ASCII for ASCII"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lone_carriage_returns_become_line_feeds() {
        assert_eq!(line_ends("a\rb\r\nc\r"), "a\nb\r\nc\n");
        assert!(matches!(line_ends("a\r\nb\n"), Cow::Borrowed(_)));
        let text = line_ends("Title\r\rA paragraph.\rSecond one.\r");
        let doc = crate::parse(&text);
        assert_eq!(doc.title.unwrap().text, "Title");
        assert_eq!(doc.posts[0].blocks.len(), 2);
    }

    #[test]
    fn reports_line_and_column_of_first_bad_byte() {
        let e = decode(b"ok\nab\xFFc").unwrap_err();
        assert_eq!((e.offset(), e.line(), e.column()), (5, 2, 3));
        assert_eq!(e.to_string(), "invalid UTF-8 at byte 5 (line 2, column 3)");
    }

    #[test]
    fn strips_bom_and_replaces_in_lossy_mode() {
        assert_eq!(decode(b"\xEF\xBB\xBFTitle").unwrap(), "Title");
        let (text, err) = decode_lossy(b"a\xFFb");
        assert_eq!(text, "a\u{FFFD}b");
        assert_eq!(err.unwrap().offset(), 1);
    }
}
