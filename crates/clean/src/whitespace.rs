//! The `whitespace` pass: no white space at the ends, single spaces, LF line ends.

use liveline_core::{Clean, CleanLog, Document};

use crate::text::fix_texts;

/// Tidies white space in every text: CRLF and lone CR become LF, spaces and tabs at the
/// ends of the text and of each of its lines are removed, and a run of spaces or tabs
/// inside a line becomes one space. Line breaks inside a text (a gallery's or a link
/// list's source text) are kept.
#[derive(Clone, Copy, Debug, Default)]
pub struct Whitespace;

/// The tidied form of `s`, or `None` when it is already tidy.
pub fn fix(s: &str) -> Option<String> {
    let b = s.as_bytes();
    // Fast path (SIMD searches): one-line text with no tab or CR, no space at the ends
    // and no double space is tidy.
    let tidy = memchr::memchr3(b'\r', b'\t', b'\n', b).is_none()
        && b.first() != Some(&b' ')
        && b.last() != Some(&b' ')
        && memchr::memmem::find(b, b"  ").is_none();
    if tidy {
        return None;
    }
    let unified = s.replace("\r\n", "\n").replace('\r', "\n");
    let mut out = String::with_capacity(s.len());
    for (n, line) in unified.split('\n').enumerate() {
        if n > 0 {
            out.push('\n');
        }
        let mut words = line.split([' ', '\t']).filter(|w| !w.is_empty());
        if let Some(first) = words.next() {
            out.push_str(first);
            for w in words {
                out.push(' ');
                out.push_str(w);
            }
        }
    }
    (out != s).then_some(out)
}

impl Clean for Whitespace {
    fn name(&self) -> &str {
        "whitespace"
    }

    fn clean(&self, doc: &mut Document<'_>, log: &mut CleanLog) {
        fix_texts(doc, log, self.name(), "tidied white space", fix);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tidies_spaces_and_line_ends() {
        assert_eq!(
            fix("  two  spaces \t here ").as_deref(),
            Some("two spaces here")
        );
        assert_eq!(
            fix("line one \r\nline two\r").as_deref(),
            Some("line one\nline two\n")
        );
    }

    #[test]
    fn leaves_tidy_text_alone() {
        assert_eq!(fix("One paragraph, tidy."), None);
        assert_eq!(fix("First caption.\nSecond caption."), None);
        assert_eq!(fix("Short."), None);
    }
}
