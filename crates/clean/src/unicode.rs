//! The `unicode` pass: NFC, no zero-width characters or soft hyphens, plain spaces, no
//! control characters.

use liveline_core::{Clean, CleanLog, Document};
use unicode_normalization::{IsNormalized, UnicodeNormalization, is_nfc_quick};

use crate::scan::first_unprintable;
use crate::text::fix_texts;

/// Normalises Unicode in every text:
/// - NFC (composed characters: "e" + combining acute becomes "é");
/// - zero-width space, word joiner, zero-width no-break space (BOM) and soft hyphen
///   are removed; the zero-width joiner and non-joiner are kept, since emoji and some
///   scripts need them;
/// - no-break spaces and the other space separators (U+2000 to U+200A, U+202F, U+205F,
///   U+3000, U+1680) become a plain space;
/// - control characters are removed, tab and newline aside.
///
/// ASCII text without control characters is passed over at once.
#[derive(Clone, Copy, Debug, Default)]
pub struct Unicode;

fn is_dropped(c: char) -> bool {
    matches!(c, '\u{200B}' | '\u{2060}' | '\u{FEFF}' | '\u{00AD}')
        || (c.is_control() && c != '\t' && c != '\n')
}

fn is_space_separator(c: char) -> bool {
    matches!(
        c,
        '\u{00A0}' | '\u{1680}' | '\u{2000}'..='\u{200A}' | '\u{202F}' | '\u{205F}' | '\u{3000}'
    )
}

/// Whether ASCII byte `c` is a control character this pass removes (tab and newline
/// stay).
#[inline]
fn is_control_byte(c: u8) -> bool {
    (c < 0x20 && c != b'\t' && c != b'\n') || c == 0x7F
}

/// How many bytes at the start of `b` are clean by a byte scan alone (all of them when
/// the text is clean): no control character, and every non-ASCII character in U+00A1
/// to U+02FF (without the soft hyphen) or U+2010 to U+207F (without U+202F, U+205F,
/// U+2060): ranges with nothing to drop or map, and which NFC leaves as they are (no
/// combining marks, no singletons). Typical news text with accents, curly quotes and
/// dashes passes here without decoding, the ASCII between 16 bytes at a time.
fn clean_prefix(b: &[u8]) -> usize {
    let mut i = 0;
    while i < b.len() {
        i = first_unprintable(b, i);
        let Some(&c) = b.get(i) else {
            break;
        };
        if c < 0x80 {
            if is_control_byte(c) {
                return i;
            }
            i += 1;
            continue;
        }
        let next = b.get(i + 1).copied().unwrap_or(0);
        let third = b.get(i + 2).copied().unwrap_or(0);
        match (c, next) {
            // U+00A1..U+00BF except the soft hyphen U+00AD; then U+00C0..U+02FF.
            (0xC2, n) if n >= 0xA1 && n != 0xAD => i += 2,
            (0xC3..=0xCB, _) => i += 2,
            // U+2010..U+203F without U+202F.
            (0xE2, 0x80) if (0x90..=0xBF).contains(&third) && third != 0xAF => i += 3,
            // U+2040..U+207F without U+205F and U+2060.
            (0xE2, 0x81) if third <= 0xBF && third != 0x9F && third != 0xA0 => i += 3,
            _ => return i,
        }
    }
    b.len()
}

/// What a byte-level rewrite found: done, or a character that needs the full path.
enum ByteFix {
    Done(String),
    NeedsFullPath,
}

/// Rewrite `s` byte by byte when every non-ASCII character in it is either in the
/// ranges [`clean_prefix`] accepts or one this pass maps or drops (no-break and other
/// space separators, zero-width characters, soft hyphen, BOM). Such text needs no NFC
/// work: the common case of a page full of no-break spaces.
fn fix_by_bytes(s: &str, clean: usize) -> ByteFix {
    let b = s.as_bytes();
    let mut out = String::with_capacity(s.len());
    let mut last = 0;
    let mut i = clean;
    // Replace `len` bytes at `i` with `with`.
    let replace = |out: &mut String, i: usize, len: usize, with: &str, last: &mut usize| {
        out.push_str(&s[*last..i]);
        out.push_str(with);
        *last = i + len;
    };
    while i < b.len() {
        i = first_unprintable(b, i);
        let Some(&c) = b.get(i) else {
            break;
        };
        if c < 0x80 {
            if is_control_byte(c) {
                replace(&mut out, i, 1, "", &mut last);
            }
            i += 1;
            continue;
        }
        let next = b.get(i + 1).copied().unwrap_or(0);
        let third = b.get(i + 2).copied().unwrap_or(0);
        match (c, next) {
            (0xC2, 0xA0) => replace(&mut out, i, 2, " ", &mut last),
            (0xC2, 0xAD) => replace(&mut out, i, 2, "", &mut last),
            (0xC2, 0x80..=0x9F) => replace(&mut out, i, 2, "", &mut last),
            (0xC2..=0xCB, _) => {}
            (0xE2, 0x80) => match third {
                0x80..=0x8A | 0xAF => replace(&mut out, i, 3, " ", &mut last),
                0x8B => replace(&mut out, i, 3, "", &mut last),
                0x90..=0xBF => {}
                _ => return ByteFix::NeedsFullPath,
            },
            (0xE2, 0x81) => match third {
                0x9F => replace(&mut out, i, 3, " ", &mut last),
                0xA0 => replace(&mut out, i, 3, "", &mut last),
                0x80..=0xBF => {}
                _ => return ByteFix::NeedsFullPath,
            },
            (0xEF, 0xBB) if third == 0xBF => replace(&mut out, i, 3, "", &mut last),
            (0xE3, 0x80) if third == 0x80 => replace(&mut out, i, 3, " ", &mut last),
            _ => return ByteFix::NeedsFullPath,
        }
        i += match c {
            0xC2..=0xDF => 2,
            0xE0..=0xEF => 3,
            _ => 4,
        };
    }
    out.push_str(&s[last..]);
    ByteFix::Done(out)
}

/// The cleaned form of `s`, or `None` when it is already clean.
pub fn fix(s: &str) -> Option<String> {
    let clean = clean_prefix(s.as_bytes());
    if clean == s.len() {
        return None;
    }
    if let ByteFix::Done(out) = fix_by_bytes(s, clean) {
        return (out != s).then_some(out);
    }
    let needs_map = s.chars().any(|c| is_dropped(c) || is_space_separator(c));
    let nfc = matches!(is_nfc_quick(s.chars()), IsNormalized::Yes);
    if !needs_map && nfc {
        return None;
    }
    let mapped: String = s
        .chars()
        .filter(|&c| !is_dropped(c))
        .map(|c| if is_space_separator(c) { ' ' } else { c })
        .collect();
    let out: String = if matches!(is_nfc_quick(mapped.chars()), IsNormalized::Yes) {
        mapped
    } else {
        mapped.nfc().collect()
    };
    (out != s).then_some(out)
}

impl Clean for Unicode {
    fn name(&self) -> &str {
        "unicode"
    }

    fn clean(&self, doc: &mut Document<'_>, log: &mut CleanLog) {
        fix_texts(doc, log, self.name(), "normalised Unicode", fix);
    }

    fn per_text(&self) -> bool {
        true
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalises_spaces_invisible_characters_and_composition() {
        assert_eq!(fix("Kylie\u{a0}Atwood").as_deref(), Some("Kylie Atwood"));
        assert_eq!(fix("zero\u{200b}width").as_deref(), Some("zerowidth"));
        assert_eq!(fix("soft\u{ad}hyphen").as_deref(), Some("softhyphen"));
        assert_eq!(fix("cafe\u{301}").as_deref(), Some("café"));
        assert_eq!(fix("bell\u{7}").as_deref(), Some("bell"));
        assert_eq!(fix("narrow\u{202f}space").as_deref(), Some("narrow space"));
    }

    #[test]
    fn byte_scan_agrees_with_the_full_check() {
        // Every character the byte scan passes must be clean by the full check.
        for c in ('\u{1}'..='\u{2FF}').chain('\u{2000}'..='\u{20FF}') {
            let s = c.to_string();
            let full = !is_dropped(c)
                && !is_space_separator(c)
                && matches!(is_nfc_quick(s.chars()), IsNormalized::Yes);
            assert!(
                clean_prefix(s.as_bytes()) != s.len() || full,
                "U+{:04X} passes the byte scan but is not clean",
                c as u32
            );
        }
    }

    #[test]
    fn byte_path_agrees_with_the_char_path() {
        for t in [
            "Kylie\u{a0}Atwood and\u{a0}Ann",
            "x\u{ad}y\u{200b}z\u{2060}w",
            "nar\u{202f}row\u{3000}wide",
            "bell\u{7}\u{85}",
            "“q” – ok\u{a0}",
            "\u{feff}start",
        ] {
            let full: String = t
                .chars()
                .filter(|&c| !is_dropped(c))
                .map(|c| if is_space_separator(c) { ' ' } else { c })
                .collect();
            match fix_by_bytes(t, clean_prefix(t.as_bytes())) {
                ByteFix::Done(out) => assert_eq!(out, full, "{t:?}"),
                ByteFix::NeedsFullPath => panic!("{t:?} should take the byte path"),
            }
        }
        assert!(matches!(
            fix_by_bytes("cafe\u{301}", 0),
            ByteFix::NeedsFullPath
        ));
    }

    #[test]
    fn leaves_clean_text_and_meaningful_joiners_alone() {
        assert_eq!(fix("Plain ASCII text."), None);
        assert_eq!(fix("Tab\tand newline\n"), None);
        assert_eq!(fix("Zürich “quoted” — fine"), None);
        assert_eq!(
            fix("👩\u{200d}💻 works"),
            None,
            "the zero-width joiner builds the emoji"
        );
        assert_eq!(fix("عربي"), None);
    }
}
