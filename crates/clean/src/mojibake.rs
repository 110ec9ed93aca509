//! The `mojibake` pass: repairs UTF-8 text that was decoded as Windows-1252 (or
//! Latin-1) somewhere on its way: "â€™" → "’", "â€œ" → "“", "Ã©" → "é".

use liveline_core::{Clean, CleanLog, Document};

use crate::text::fix_texts;

/// Repairs mojibake in every text. A run of characters is repaired only when, read back
/// as the Windows-1252 bytes they came from, it is exactly one valid UTF-8 encoded
/// character: a lead byte (shown as "Â"…"ô") followed by the right number of
/// continuation bytes. Anything else, and all text without such a run, is left as it
/// is. Runs before the `unicode` pass, which would drop the C1 control characters some
/// of these runs contain ("â€\u{9d}" for "”").
#[derive(Clone, Copy, Debug, Default)]
pub struct Mojibake;

/// The Windows-1252 byte a character stands for, when it stands for one at or above
/// 0x80 (with the five bytes Windows-1252 leaves undefined read as Latin-1 does).
fn cp1252_byte(c: char) -> Option<u8> {
    let b = match c {
        '\u{80}'..='\u{FF}' => c as u32 as u8,
        '€' => 0x80,
        '‚' => 0x82,
        'ƒ' => 0x83,
        '„' => 0x84,
        '…' => 0x85,
        '†' => 0x86,
        '‡' => 0x87,
        'ˆ' => 0x88,
        '‰' => 0x89,
        'Š' => 0x8A,
        '‹' => 0x8B,
        'Œ' => 0x8C,
        'Ž' => 0x8E,
        '‘' => 0x91,
        '’' => 0x92,
        '“' => 0x93,
        '”' => 0x94,
        '•' => 0x95,
        '–' => 0x96,
        '—' => 0x97,
        '˜' => 0x98,
        '™' => 0x99,
        'š' => 0x9A,
        '›' => 0x9B,
        'œ' => 0x9C,
        'ž' => 0x9E,
        'Ÿ' => 0x9F,
        _ => return None,
    };
    Some(b)
}

/// The repaired form of `s`, or `None` when it has nothing to repair. Text garbled
/// twice over is repaired twice over, so that a second run finds nothing left.
pub fn fix(s: &str) -> Option<String> {
    let mut repaired = fix_once(s)?;
    // Each repair makes the text shorter, so this ends.
    while let Some(again) = fix_once(&repaired) {
        repaired = again;
    }
    Some(repaired)
}

/// Whether `s` has a character that shows a lead byte followed by one that shows a
/// continuation byte, which every run [`fix_once`] repairs starts with. A lead byte
/// 0xC2…0xF4 shows as U+00C2…U+00F4, in UTF-8 C3 82…C3 B4; a continuation byte
/// 0x80…0xBF as U+0080…U+00BF (C2 80…C2 BF) or as one of the Windows-1252 characters
/// for 0x80…0x9F, whose UTF-8 forms start with C5, C6, CB or E2. Most text with a C3
/// byte ("é", "ü") has a letter after it and is passed by without decoding it.
fn has_lead_and_continuation(s: &str) -> bool {
    let b = s.as_bytes();
    memchr::memchr_iter(0xC3, b).any(|at| {
        b.get(at + 1).is_some_and(|x| (0x82..=0xB4).contains(x))
            && b.get(at + 2)
                .is_some_and(|x| matches!(x, 0xC2 | 0xC5 | 0xC6 | 0xCB | 0xE2))
    })
}

/// One round of repair.
fn fix_once(s: &str) -> Option<String> {
    if !has_lead_and_continuation(s) {
        return None;
    }
    let chars: Vec<(usize, char)> = s.char_indices().collect();
    let mut out = String::with_capacity(s.len());
    let mut changed = false;
    let mut i = 0;
    while i < chars.len() {
        let (at, c) = chars[i];
        let lead = cp1252_byte(c).filter(|b| (0xC2..=0xF4).contains(b));
        let need = match lead {
            Some(0xC2..=0xDF) => 1,
            Some(0xE0..=0xEF) => 2,
            Some(_) => 3,
            None => 0,
        };
        if need > 0 && i + need < chars.len() {
            let mut bytes = [0u8; 4];
            bytes[0] = lead.unwrap_or_default();
            let continuation = (1..=need).all(|k| match cp1252_byte(chars[i + k].1) {
                Some(b @ 0x80..=0xBF) => {
                    bytes[k] = b;
                    true
                }
                _ => false,
            });
            if continuation && let Ok(repaired) = std::str::from_utf8(&bytes[..=need]) {
                out.push_str(repaired);
                changed = true;
                i += need + 1;
                continue;
            }
        }
        let end = chars.get(i + 1).map_or(s.len(), |(n, _)| *n);
        out.push_str(&s[at..end]);
        i += 1;
    }
    changed.then_some(out)
}

impl Clean for Mojibake {
    fn name(&self) -> &str {
        "mojibake"
    }

    fn clean(&self, doc: &mut Document<'_>, log: &mut CleanLog) {
        fix_texts(doc, log, self.name(), "repaired mojibake", fix);
    }

    fn per_text(&self) -> bool {
        true
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// What a page shows when UTF-8 text is decoded as Windows-1252.
    fn garble(s: &str) -> String {
        let table: Vec<(char, u8)> = ('\u{80}'..='\u{2122}')
            .filter_map(|c| cp1252_byte(c).map(|b| (c, b)))
            .collect();
        s.bytes()
            .map(|b| {
                if b < 0x80 {
                    b as char
                } else {
                    // Prefer the Windows-1252 character over the Latin-1 C1 control.
                    table
                        .iter()
                        .rev()
                        .find(|(_, x)| *x == b)
                        .map_or(b as char, |(c, _)| *c)
                }
            })
            .collect()
    }

    #[test]
    fn repairs_the_common_sequences() {
        assert_eq!(fix("CNNâ€™s").as_deref(), Some("CNN’s"));
        assert_eq!(fix("â€œQuotedâ€\u{9d}").as_deref(), Some("“Quoted”"));
        assert_eq!(fix("cafÃ© and Ã¼ber").as_deref(), Some("café and über"));
        assert_eq!(fix("a â€“ b â€” c â€¦").as_deref(), Some("a – b — c …"));
        assert_eq!(
            fix(&garble("Zürich, São Paulo, Kyiv’s “news” — 水")).as_deref(),
            Some("Zürich, São Paulo, Kyiv’s “news” — 水")
        );
    }

    proptest::proptest! {
        /// Any text with nothing to repair, garbled the usual way, is repaired to
        /// itself. (Text that itself reads as mojibake, such as "Â¡", is repaired
        /// further: the pass must be idempotent.)
        #[test]
        fn garbled_text_is_repaired_to_itself(s in "\\PC*") {
            proptest::prop_assume!(fix(&s).is_none());
            let g = garble(&s);
            let repaired = fix(&g).unwrap_or(g);
            proptest::prop_assert_eq!(repaired, s);
        }
    }

    #[test]
    fn every_character_a_continuation_byte_shows_as_is_let_through() {
        // Every character that stands for a byte 0x80…0xBF after every lead character:
        // the quick look lets each pair through, and the pairs that make a character
        // are repaired.
        let continuations: Vec<char> = ('\u{80}'..='\u{2122}')
            .filter(|&c| cp1252_byte(c).is_some_and(|b| (0x80..=0xBF).contains(&b)))
            .collect();
        // U+0080…U+00BF, and the 27 Windows-1252 characters for 0x80…0x9F.
        assert_eq!(continuations.len(), 64 + 27);
        for lead in '\u{C2}'..='\u{F4}' {
            for &c in &continuations {
                let pair = format!("x{lead}{c}y");
                assert!(has_lead_and_continuation(&pair), "{pair:?}");
            }
        }
        let mut repaired = 0;
        for lead in '\u{C2}'..='\u{DF}' {
            for &c in &continuations {
                repaired += usize::from(fix_once(&format!("{lead}{c}")).is_some());
            }
        }
        assert_eq!(repaired, 30 * (64 + 27), "every two-byte character");
        // A lead character before a letter, or alone, is passed by.
        for t in ["café", "naïve", "Ã", "Ãa", "über", "Ã ©"] {
            assert!(!has_lead_and_continuation(t), "{t}");
        }
    }

    #[test]
    fn text_garbled_twice_is_repaired_at_once() {
        let twice = garble(&garble("café – “ok”"));
        assert_eq!(fix(&twice).as_deref(), Some("café – “ok”"));
        assert_eq!(fix("café – “ok”"), None);
    }

    #[test]
    fn the_seeds_are_correct_text() {
        for (name, text) in liveline_testkit::corpus::seeds() {
            assert_eq!(fix(&text), None, "{name}");
        }
    }

    #[test]
    fn leaves_correct_text_alone() {
        for t in [
            "CNN’s “report” — fine",
            "Zürich São Paulo Ñandú",
            "Ã alone",
            "naïve café",
            "plain",
            "â€ cut short",
            "ÂÃ",
        ] {
            assert_eq!(fix(t), None, "{t}");
        }
    }
}
