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
///
/// Only the runs of spaces and tabs that need changing are looked at: the text between
/// them is copied as it is. A run is one space when it stands between two other bytes
/// of a line, and nothing at the start or end of a line or of the text.
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
    let (t, b) = (unified.as_ref(), unified.as_bytes());
    let gap = |c: &u8| matches!(c, b' ' | b'\t');
    // The runs at the ends of the text go; the runs between are found from the
    // untidy pairs, each of which is in a run that needs changing or, for a line
    // feed followed by a space, just before one.
    let lead = b.iter().take_while(|c| gap(c)).count();
    let trail = b.len() - b[lead..].iter().rev().take_while(|c| gap(c)).count();
    let mut out = String::with_capacity(b.len());
    let mut copied = lead;
    let mut from = lead;
    loop {
        let at = crate::scan::first_untidy(b, from);
        if at >= trail {
            break;
        }
        let mut start = if b[at] == b'\n' { at + 1 } else { at };
        while start > copied && gap(&b[start - 1]) {
            start -= 1;
        }
        let end = start + b[start..].iter().take_while(|c| gap(c)).count();
        out.push_str(&t[copied..start]);
        let inside = b[start - 1] != b'\n' && end < b.len() && b[end] != b'\n';
        if inside {
            out.push(' ');
        }
        copied = end;
        from = end;
    }
    if copied < trail {
        out.push_str(&t[copied..trail]);
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

    /// What `fix` gives, written word by word: each line's words (split at spaces and
    /// tabs) joined by one space, after line ends are made LF.
    fn fix_by_words(s: &str) -> Option<String> {
        let unified = s.replace("\r\n", "\n").replace('\r', "\n");
        let lines: Vec<String> = unified
            .split('\n')
            .map(|line| {
                let words: Vec<&str> = line.split([' ', '\t']).filter(|w| !w.is_empty()).collect();
                words.join(" ")
            })
            .collect();
        let out = lines.join("\n");
        (out != s).then_some(out)
    }

    /// Every string of up to `longest` characters over `alphabet`.
    fn every_string(alphabet: &[&str], longest: usize) -> Vec<String> {
        let mut all = vec![String::new()];
        let mut last = all.clone();
        for _ in 0..longest {
            last = last
                .iter()
                .flat_map(|s| alphabet.iter().map(move |c| format!("{s}{c}")))
                .collect();
            all.extend(last.iter().cloned());
        }
        all
    }

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
        let mut all = every_string(&["a", " ", "\n", "\t", "\r"], 6);
        let long = "word ".repeat(20);
        for extra in ["  ", " \n", "\n ", "\t", "\r", "ok"] {
            for at in [0, 31, 32, 33, 64, 99] {
                all.push(format!("x{}{extra}{}x", &long[..at], &long[at..]));
            }
        }
        for s in &all {
            assert_eq!(is_tidy(s), fix(s).is_none(), "{s:?}");
            assert_eq!(fix(s), fix_by_words(s), "{s:?}");
        }
    }

    #[test]
    fn fixes_what_writing_word_by_word_gives() {
        // Every string of up to five characters over an alphabet with a two-byte
        // letter, and long texts with runs of spaces and tabs at every place.
        let mut all = every_string(&["é", " ", "\n", "\t", "\r", "b"], 5);
        let long = "wörd ".repeat(12);
        for run in ["  ", " \t ", "\t", " \n ", "\n  \n", " \r\n"] {
            for at in 0..long.len() {
                if long.is_char_boundary(at) {
                    all.push(format!("{}{run}{}", &long[..at], &long[at..]));
                    all.push(format!(" {}{run}{} ", &long[..at], &long[at..]));
                }
            }
        }
        for s in &all {
            assert_eq!(fix(s), fix_by_words(s), "{s:?}");
        }
    }

    #[test]
    fn leaves_tidy_text_alone() {
        assert_eq!(fix("One paragraph, tidy."), None);
        assert_eq!(fix("First caption.\nSecond caption."), None);
        assert_eq!(fix("Short."), None);
    }
}
