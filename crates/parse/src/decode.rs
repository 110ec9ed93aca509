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

#[cfg(test)]
mod tests {
    use super::*;

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
