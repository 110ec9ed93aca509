//! The `whitespace` pass: no white space at the ends, single spaces, LF line ends.

use std::borrow::Cow;

use liveline_core::{Clean, CleanLog, Document};

use crate::text::fix_texts;

/// Tidies white space in every text: CRLF and lone CR become LF, spaces and tabs at the
/// ends of the text and of each of its lines are removed, and a run of spaces or tabs
/// inside a line becomes one space. Line breaks inside a text (a gallery's or a link
/// list's source text) are kept.
#[derive(Clone, Copy, Debug, Default)]
pub struct Whitespace;

/// Whether `s` is tidy, on one line or several: no tab or CR, no space at the ends of
/// the text or of a line, no double space.
pub fn is_tidy(s: &str) -> bool {
    let b = s.as_bytes();
    b.first() != Some(&b' ') && b.last() != Some(&b' ') && !crate::scan::has_untidy_pair(b)
}

/// The tidied form of `s`, or `None` when it is already tidy.
pub fn fix(s: &str) -> Option<String> {
    if is_tidy(s) {
        return None;
    }
    // Line ends made LF first (a text without a CR, the usual case, as it is).
    let unified = if memchr::memchr(b'\r', s.as_bytes()).is_some() {
        Cow::Owned(s.replace("\r\n", "\n").replace('\r', "\n"))
    } else {
        Cow::Borrowed(s)
    };
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

    fn per_text(&self) -> bool {
        true
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
    fn tidy_checks_agree_with_fix() {
        // Every string of up to six characters over this alphabet, and some longer
        // ones that cross the 32-byte chunks.
        let alphabet = ['a', ' ', '\n', '\t', '\r'];
        let mut all = vec![String::new()];
        for _ in 0..6 {
            let longer: Vec<String> = all
                .iter()
                .flat_map(|s| alphabet.iter().map(move |c| format!("{s}{c}")))
                .collect();
            all.extend(longer);
        }
        all.dedup();
        let long = "word ".repeat(20);
        for extra in ["  ", " \n", "\n ", "\t", "\r", "ok"] {
            for at in [0, 31, 32, 33, 64, 99] {
                all.push(format!("x{}{extra}{}x", &long[..at], &long[at..]));
            }
        }
        for s in &all {
            assert_eq!(is_tidy(s), fix(s).is_none(), "{s:?}");
        }
    }

    #[test]
    fn leaves_tidy_text_alone() {
        assert_eq!(fix("One paragraph, tidy."), None);
        assert_eq!(fix("First caption.\nSecond caption."), None);
        assert_eq!(fix("Short."), None);
    }
}
