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

/// `s` with straight quotes and ASCII dashes, or `None` when it has none to change.
pub fn straighten(s: &str) -> Option<String> {
    if s.is_ascii() || !s.contains(['‘', '’', '‚', '‛', '“', '”', '„', '‟', '–', '—', '…'])
    {
        return None;
    }
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '‘' | '’' | '‚' | '‛' => out.push('\''),
            '“' | '”' | '„' | '‟' => out.push('"'),
            '–' | '—' => out.push('-'),
            '…' => out.push_str("..."),
            c => out.push(c),
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
    let straight = straighten(s).map_or(Cow::Borrowed(s), Cow::Owned);
    match crate::whitespace::fix(&straight) {
        Some(t) => Cow::Owned(t),
        None => straight,
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
    fn match_key_ignores_quote_style() {
        assert_eq!(match_key("CNN’s report"), match_key("CNN's  report"));
        assert!(matches!(match_key("plain text"), Cow::Borrowed(_)));
    }
}
