//! The `boilerplate` pass: interface strings, promos, consent notices and link lists
//! are marked, never dropped.

use std::borrow::Cow;

use liveline_core::{Block, BlockKind, Clean, CleanLog, Document};

use crate::quotes::match_key;

/// One rule: an exact line, or an anchored pattern in which `*` stands for any run of
/// characters and `#` for one digit. A pattern always matches the whole block text,
/// never a substring of it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Rule {
    pattern: String,
    reason: String,
    /// The byte a matching text starts with, when the pattern fixes it: most rules are
    /// ruled out by it without running the matcher.
    first: Option<u8>,
}

impl Rule {
    /// A rule for `pattern` (matched after quotes and dashes are straightened and white
    /// space is tidied), giving `reason` as the block's label.
    pub fn new(pattern: &str, reason: &str) -> Self {
        let pattern = match_key(pattern).into_owned();
        let first = pattern.bytes().next().filter(|b| *b != b'*' && *b != b'#');
        Rule {
            pattern,
            reason: reason.to_owned(),
            first,
        }
    }

    /// Whether the whole of `text` (already in match-key form) matches.
    pub fn matches(&self, text: &str) -> bool {
        if self.first.is_some() && self.first != text.bytes().next() {
            return false;
        }
        glob(self.pattern.as_bytes(), text.as_bytes())
    }
}

/// Anchored glob: `*` any run (possibly empty), `#` one ASCII digit, anything else
/// itself.
fn glob(p: &[u8], t: &[u8]) -> bool {
    match p.first() {
        None => t.is_empty(),
        Some(b'*') => (0..=t.len()).any(|k| glob(&p[1..], &t[k..])),
        Some(b'#') => t.first().is_some_and(u8::is_ascii_digit) && glob(&p[1..], &t[1..]),
        Some(c) => t.first() == Some(c) && glob(&p[1..], &t[1..]),
    }
}

/// The built-in rules: interface text common to news sites, and the outlets' own.
const BUILT_IN: &[(&str, &str)] = &[
    // Interface text on many sites.
    ("Accessibility links", "interface"),
    ("Skip to content", "interface"),
    ("Skip to main content", "interface"),
    ("Breaking News", "interface"),
    ("Advertisement", "advertisement"),
    ("ADVERTISEMENT", "advertisement"),
    ("Copy link", "interface"),
    ("Link copied!", "interface"),
    ("Loading", "interface"),
    ("Loading...", "interface"),
    ("Share", "interface"),
    ("Share this", "interface"),
    ("Show more", "interface"),
    ("Load more", "interface"),
    ("Load more posts", "interface"),
    ("Sign up for our * newsletter*", "newsletter prompt"),
    ("Sign up to * newsletter*", "newsletter prompt"),
    ("Download the * app*", "app prompt"),
    ("Get the * app*", "app prompt"),
    // Consent notices in place of embedded posts.
    (
        "To display this content from *, you must enable *",
        "consent notice",
    ),
    (
        "This content is provided by *. It may use cookies*",
        "consent notice",
    ),
    ("Allow * content?", "consent notice"),
    // Live blogs (CNN and others).
    ("Sort byDropdown arrow", "interface"),
    ("Sort by", "interface"),
    ("What we covered here", "interface"),
    ("Our live coverage has ended for the day.", "interface"),
    ("Our live coverage has ended.", "interface"),
    ("Our live coverage has moved*", "interface"),
    ("#:## - Source: *", "video promo"),
    ("##:## - Source: *", "video promo"),
    ("Read * here.", "related link"),
    ("Read more here.", "related link"),
    ("Watch * here.", "related link"),
];

/// Marks boilerplate blocks: their kind becomes `boilerplate` and their label says why;
/// their text stays, so the document still accounts for every line. Lists of links
/// ("GO DEEPER") are marked as a whole.
#[derive(Clone, Debug)]
pub struct Boilerplate {
    rules: Vec<Rule>,
}

impl Default for Boilerplate {
    fn default() -> Self {
        Boilerplate::built_in()
    }
}

impl Boilerplate {
    /// The built-in rules.
    pub fn built_in() -> Self {
        Boilerplate {
            rules: BUILT_IN.iter().map(|(p, r)| Rule::new(p, r)).collect(),
        }
    }

    /// No rules: only link lists are marked.
    pub fn empty() -> Self {
        Boilerplate { rules: Vec::new() }
    }

    /// Add a rule.
    pub fn rule(mut self, pattern: &str, reason: &str) -> Self {
        self.rules.push(Rule::new(pattern, reason));
        self
    }

    /// Add the rules of a user list: one pattern a line; blank lines and lines starting
    /// with `#` followed by a space are skipped. Every rule gets the reason "user list".
    pub fn rules_from(mut self, list: &str) -> Self {
        for line in list.lines().map(str::trim) {
            if line.is_empty() || line.starts_with("# ") || line == "#" {
                continue;
            }
            self.rules.push(Rule::new(line, "user list"));
        }
        self
    }

    /// The reason a block is boilerplate, if it is.
    fn reason(&self, b: &Block<'_>) -> Option<Cow<'static, str>> {
        match b.kind {
            BlockKind::Boilerplate => None,
            BlockKind::Related if !b.items.is_empty() => Some(Cow::Borrowed("link list")),
            BlockKind::Gallery => None,
            _ => {
                if b.text.len() > 300 {
                    return None;
                }
                let key = match_key(&b.text);
                self.rules
                    .iter()
                    .find(|r| r.matches(&key))
                    .map(|r| Cow::Owned(r.reason.clone()))
            }
        }
    }

    fn mark(&self, b: &mut Block<'_>, log: &mut CleanLog) {
        if let Some(reason) = self.reason(b) {
            log.record(
                "boilerplate",
                b.span,
                format!("marked {} as boilerplate: {reason}", b.kind.as_str()),
            );
            b.kind = BlockKind::Boilerplate;
            b.label = Some(reason);
        }
    }
}

impl Clean for Boilerplate {
    fn name(&self) -> &str {
        "boilerplate"
    }

    fn clean(&self, doc: &mut Document<'_>, log: &mut CleanLog) {
        for b in doc.blocks_mut() {
            self.mark(b, log);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use liveline_core::Span;

    fn block(kind: BlockKind, text: &str) -> Block<'_> {
        Block::new(kind, text, Span::new(0, text.len()))
    }

    fn marked(text: &str) -> Option<String> {
        let mut b = block(BlockKind::Paragraph, text);
        Boilerplate::built_in().mark(&mut b, &mut CleanLog::default());
        (b.kind == BlockKind::Boilerplate).then(|| b.label.unwrap().into_owned())
    }

    #[test]
    fn interface_strings_and_patterns_are_marked() {
        assert_eq!(
            marked("Sort byDropdown arrow").as_deref(),
            Some("interface")
        );
        assert_eq!(
            marked("Read all the details here.").as_deref(),
            Some("related link")
        );
        assert_eq!(
            marked("Read the full analysis here.").as_deref(),
            Some("related link")
        );
        assert_eq!(
            marked("02:56 - Source: CNN").as_deref(),
            Some("video promo")
        );
        assert_eq!(marked("Advertisement").as_deref(), Some("advertisement"));
        assert_eq!(
            marked("Sign up for our Morning newsletter").as_deref(),
            Some("newsletter prompt")
        );
    }

    #[test]
    fn content_that_only_contains_the_words_is_kept() {
        assert_eq!(
            marked("Advertisement spending fell sharply in the third quarter"),
            None
        );
        assert_eq!(marked("Readers wrote in here."), None);
        assert_eq!(marked("Short."), None);
        assert_eq!(marked("Share prices rose."), None);
        assert_eq!(marked("Breaking News: the talks have ended."), None);
    }

    #[test]
    fn link_lists_and_user_rules() {
        let mut list = block(BlockKind::Related, "a\nb");
        list.items = vec![
            block(BlockKind::Related, "a"),
            block(BlockKind::Related, "b"),
        ];
        let pass =
            Boilerplate::empty().rules_from("# my list\nFollow us on *\n\nListen to * podcast");
        let mut log = CleanLog::default();
        pass.mark(&mut list, &mut log);
        assert_eq!(list.label.as_deref(), Some("link list"));
        let mut p = block(BlockKind::Paragraph, "Follow us on the socials");
        pass.mark(&mut p, &mut log);
        assert_eq!(p.label.as_deref(), Some("user list"));
        assert_eq!(log.entries.len(), 2);
    }

    #[test]
    fn glob_is_anchored() {
        assert!(glob(b"Read * here.", b"Read more here."));
        assert!(!glob(b"Read * here.", b"Please Read more here."));
        assert!(!glob(b"Read * here.", b"Read more here. And more."));
        assert!(glob(b"#:## - Source: *", b"2:56 - Source: CNN"));
        assert!(!glob(b"#:## - Source: *", b"a:56 - Source: CNN"));
    }
}
