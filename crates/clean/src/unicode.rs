//! The `unicode` pass: NFC, no zero-width characters or soft hyphens, plain spaces, no
//! control characters.

use liveline_core::{Clean, CleanLog, Document};
use unicode_normalization::{IsNormalized, UnicodeNormalization, is_nfc_quick};

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

/// The cleaned form of `s`, or `None` when it is already clean.
pub fn fix(s: &str) -> Option<String> {
    let ascii_clean = s.is_ascii()
        && !s
            .bytes()
            .any(|b| b.is_ascii_control() && b != b'\t' && b != b'\n');
    if ascii_clean {
        return None;
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
