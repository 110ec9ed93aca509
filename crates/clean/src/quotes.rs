//! The `quotes` pass: one policy for quotes and dashes, and a normalised form for
//! matching texts that differ only in them.

use std::borrow::Cow;

use liveline_core::{Clean, CleanLog, Document};

use crate::text::fix_texts;

/// How quotes and dashes are written.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum QuotePolicy {
    /// As the page wrote them (the default).
    #[default]
    Keep,
    /// ASCII: `'` and `"`, "-" for en and em dashes, "..." for an ellipsis.
    Straight,
    /// Typographic: ‘ ’ “ ”, chosen by position (an opening quote after white space, an
    /// opening bracket or a dash, or at the start; a closing one elsewhere).
    Curly,
}

/// Applies a [`QuotePolicy`] to every text.
#[derive(Clone, Copy, Debug, Default)]
pub struct Quotes {
    /// The policy.
    pub policy: QuotePolicy,
}

impl Quotes {
    /// A pass with `policy`.
    pub fn new(policy: QuotePolicy) -> Self {
        Quotes { policy }
    }
}

/// The ASCII form of a curly quote, a dash or an ellipsis.
pub(crate) fn ascii_form(c: char) -> Option<&'static str> {
    Some(match c {
        '‘' | '’' | '‚' | '‛' => "'",
        '“' | '”' | '„' | '‟' => "\"",
        '–' | '—' => "-",
        '…' => "...",
        _ => return None,
    })
}

/// Whether `s` holds a curly quote, an en or em dash or an ellipsis. Every one of them
/// is U+2013, U+2014, U+2018 to U+201F or U+2026, encoded E2 80 xx: only the bytes E2
/// are looked at.
pub fn has_typographic(s: &str) -> bool {
    let b = s.as_bytes();
    memchr::memchr_iter(0xE2, b).any(|i| {
        b.get(i + 1) == Some(&0x80)
            && matches!(b.get(i + 2), Some(0x93 | 0x94 | 0x98..=0x9F | 0xA6))
    })
}

/// `s` with straight quotes and ASCII dashes, or `None` when it has none to change.
pub fn straighten(s: &str) -> Option<String> {
    if !has_typographic(s) {
        return None;
    }
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match ascii_form(c) {
            Some(a) => out.push_str(a),
            None => out.push(c),
        }
    }
    Some(out)
}

/// `s` with typographic quotes, or `None` when it has no straight quote.
pub fn curl(s: &str) -> Option<String> {
    if !s.contains(['\'', '"']) {
        return None;
    }
    let mut out = String::with_capacity(s.len() + 8);
    let mut prev: Option<char> = None;
    for c in s.chars() {
        let opening = prev.is_none_or(|p| {
            p.is_whitespace() || matches!(p, '(' | '[' | '{' | '—' | '–' | '“' | '‘')
        });
        let mapped = match c {
            '\'' if opening => '‘',
            '\'' => '’',
            '"' if opening => '“',
            '"' => '”',
            c => c,
        };
        out.push(mapped);
        prev = Some(mapped);
    }
    Some(out)
}

/// The form used to compare texts: straight quotes, ASCII dashes and single spaces, so
/// that "CNN's" and "CNN’s" compare equal. Borrowed when nothing changes.
pub fn match_key(s: &str) -> Cow<'_, str> {
    if is_key_form(s) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len());
    push_match_key(&mut out, s);
    Cow::Owned(out)
}

/// Whether `s` is its own [`match_key`]: no curly quote, dash or ellipsis, tidy white
/// space.
fn is_key_form(s: &str) -> bool {
    !has_typographic(s) && crate::whitespace::is_tidy(s)
}

/// The [`match_key`] form of `s`, borrowed when nothing changes, else written into
/// `buf` (cleared first): for loops that compare many texts without allocating.
pub fn match_key_in<'s>(s: &'s str, buf: &'s mut String) -> &'s str {
    if is_key_form(s) {
        return s;
    }
    buf.clear();
    push_match_key(buf, s);
    buf
}

/// Append the [`match_key`] form of `s` to `out`, without allocating on the way. Runs
/// of ordinary characters are copied whole; only white space and the bytes that start
/// a curly quote, a dash or an ellipsis are looked at one by one.
pub fn push_match_key(out: &mut String, s: &str) {
    let b = s.as_bytes();
    if crate::whitespace::is_tidy(s) {
        // White space is tidy already (the usual case): copy everything but the
        // characters to replace, which all start with the byte E2.
        let mut last = 0;
        for i in memchr::memchr_iter(0xE2, b) {
            let c = s[i..].chars().next().unwrap_or(' ');
            let Some(replacement) = ascii_form(c) else {
                continue;
            };
            out.push_str(&s[last..i]);
            out.push_str(replacement);
            last = i + c.len_utf8();
        }
        out.push_str(&s[last..]);
        return;
    }
    let mut pending_space = false;
    let mut at_line_start = true;
    let mut i = 0;
    while i < b.len() {
        // The next byte that needs a look: white space or a lead byte E2.
        let run_end = b[i..]
            .iter()
            .position(|&c| matches!(c, b' ' | b'\t' | b'\r' | b'\n' | 0xE2))
            .map_or(b.len(), |n| i + n);
        if run_end > i {
            if pending_space {
                out.push(' ');
            }
            out.push_str(&s[i..run_end]);
            pending_space = false;
            at_line_start = false;
            i = run_end;
            continue;
        }
        match b[i] {
            b' ' | b'\t' => {
                pending_space = !at_line_start;
                i += 1;
            }
            b'\r' | b'\n' => {
                let crlf = b[i] == b'\r' && b.get(i + 1) == Some(&b'\n');
                out.push('\n');
                pending_space = false;
                at_line_start = true;
                i += if crlf { 2 } else { 1 };
            }
            _ => {
                // A character starting with E2: maybe one to replace.
                let c = s[i..].chars().next().unwrap_or(' ');
                let replacement = ascii_form(c).unwrap_or(&s[i..i + c.len_utf8()]);
                if pending_space {
                    out.push(' ');
                }
                out.push_str(replacement);
                pending_space = false;
                at_line_start = false;
                i += c.len_utf8();
            }
        }
    }
}

impl Clean for Quotes {
    fn name(&self) -> &str {
        "quotes"
    }

    fn clean(&self, doc: &mut Document<'_>, log: &mut CleanLog) {
        match self.policy {
            QuotePolicy::Keep => {}
            QuotePolicy::Straight => fix_texts(
                doc,
                log,
                self.name(),
                "straight quotes and dashes",
                straighten,
            ),
            QuotePolicy::Curly => fix_texts(doc, log, self.name(), "curly quotes", curl),
        }
    }

    fn per_text(&self) -> bool {
        true
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn straight_and_curly_policies() {
        assert_eq!(
            straighten("CNN’s “word” – yes…").as_deref(),
            Some("CNN's \"word\" - yes...")
        );
        assert_eq!(
            curl("He said \"it's 'fine'\" (\"really\")").as_deref(),
            Some("He said “it’s ‘fine’” (“really”)")
        );
        assert_eq!(straighten("plain"), None);
        assert_eq!(curl("no quotes here"), None);
    }

    #[test]
    fn policies_are_idempotent() {
        let s = "“A ‘quote’ inside a quote,” she said. 'Another' one's \"here\".";
        let once = curl(s).unwrap();
        assert_eq!(curl(&once), None);
        let flat = straighten(s).unwrap();
        assert_eq!(straighten(&flat), None);
    }

    #[test]
    fn pushed_key_is_the_key() {
        for t in [
            "CNN’s  report",
            " lead and trail ",
            "a\r\nb",
            "plain",
            "“x” – y…",
            "tab\there",
            "x \n y",
        ] {
            let mut pushed = String::new();
            push_match_key(&mut pushed, t);
            let slow = crate::whitespace::fix(&straighten(t).unwrap_or_else(|| t.to_owned()))
                .unwrap_or_else(|| straighten(t).unwrap_or_else(|| t.to_owned()));
            assert_eq!(pushed, slow, "{t:?}");
            assert_eq!(match_key(t), slow.as_str());
        }
    }

    #[test]
    fn match_key_ignores_quote_style() {
        assert_eq!(match_key("CNN’s report"), match_key("CNN's  report"));
        assert!(matches!(match_key("plain text"), Cow::Borrowed(_)));
    }
}
