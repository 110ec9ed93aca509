//! The `whitespace` pass: no white space at the ends, single spaces, LF line ends.

use liveline_core::{Clean, CleanLog, Document};

use crate::text::fix_texts;

/// Tidies white space in every text: CRLF and lone CR become LF, spaces and tabs at the
/// ends of the text and of each of its lines are removed, and a run of spaces or tabs
/// inside a line becomes one space. Line breaks inside a text (a gallery's or a link
/// list's source text) are kept.
#[derive(Clone, Copy, Debug, Default)]
pub struct Whitespace;

/// Whether any pair of neighbouring bytes of `b` (the last byte paired with 0) makes
/// `bad` true; `bad(0, 0)` must be false. Looks at 32 pairs at a time without branches,
/// which the compiler turns into vector code (the last chunk padded with zeros): most
/// texts are short, and a SIMD search costs more to set up than to run on them.
#[inline(always)]
fn any_pair(b: &[u8], bad: impl Fn(u8, u8) -> bool) -> bool {
    let chunk_bad = |w: &[u8]| {
        w[..32]
            .iter()
            .zip(&w[1..33])
            .fold(false, |acc, (&x, &y)| acc | bad(x, y))
    };
    let mut i = 0;
    while let Some(w) = b.get(i..i + 33) {
        if chunk_bad(w) {
            return true;
        }
        i += 32;
    }
    let mut last = [0u8; 33];
    last[..b.len() - i].copy_from_slice(&b[i..]);
    chunk_bad(&last)
}

/// Whether `s` is tidy, on one line or several: no tab or CR, no space at the ends of
/// the text or of a line, no double space.
pub fn is_tidy(s: &str) -> bool {
    let b = s.as_bytes();
    b.first() != Some(&b' ')
        && b.last() != Some(&b' ')
        && !any_pair(b, |x, y| {
            (x == b'\r')
                | (x == b'\t')
                | ((x == b' ') & ((y == b' ') | (y == b'\n')))
                | ((x == b'\n') & (y == b' '))
        })
}

/// The tidied form of `s`, or `None` when it is already tidy.
pub fn fix(s: &str) -> Option<String> {
    if is_tidy(s) {
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
