//! The `boilerplate` pass: interface strings, promos, consent notices and link lists
//! are marked, never dropped.

use std::borrow::Cow;

use liveline_core::{Block, BlockKind, Clean, CleanLog, Document};

use crate::quotes::{match_key, match_key_in};

/// One rule: an exact line, or an anchored pattern in which `*` stands for any run of
/// characters and `#` for one digit. A pattern always matches the whole block text,
/// never a substring of it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Rule {
    pattern: String,
    reason: String,
    /// How many bytes the pattern starts with before its first `*` or `#`: bytes a
    /// matching text's match key starts with (most rules are ruled out by the first of
    /// them without running the matcher).
    literal: usize,
    /// The outlet whose pages the rule is for (an index into [`OUTLET_LISTS`]); `None`
    /// for rules that hold everywhere.
    outlet: Option<usize>,
}

impl Rule {
    /// A rule for `pattern` (matched after quotes and dashes are straightened and white
    /// space is tidied), giving `reason` as the block's label.
    pub fn new(pattern: &str, reason: &str) -> Self {
        let pattern = match_key(pattern).into_owned();
        let literal = pattern
            .bytes()
            .position(|b| b == b'*' || b == b'#')
            .unwrap_or(pattern.len());
        Rule {
            pattern,
            reason: reason.to_owned(),
            literal,
            outlet: None,
        }
    }

    /// Whether `text` may match, judged from its first bytes as far as they are its
    /// match key's too ([`plain_at`]): false when one of them differs from the pattern's
    /// literal start.
    fn may_match(&self, text: &[u8]) -> bool {
        let literal = &self.pattern.as_bytes()[..self.literal];
        for (i, &p) in literal.iter().enumerate() {
            if i >= text.len() || !plain_at(text, i) {
                // The key decides from here on.
                return true;
            }
            if text[i] != p {
                return false;
            }
        }
        true
    }

    /// Whether the whole of `text` (already in match-key form) matches.
    pub fn matches(&self, text: &str) -> bool {
        if self.literal > 0 && text.as_bytes().first() != self.pattern.as_bytes().first() {
            return false;
        }
        glob(self.pattern.as_bytes(), text.as_bytes())
    }
}

/// Whether the byte of `text` at `i` (`i < text.len()`), the bytes before it being so
/// too, is the byte of its match key at `i`: printable ASCII other than the space, or a
/// single space between two of those. Making the key changes only white space and the
/// characters that start with E2 (quotes, dashes, the ellipsis).
fn plain_at(text: &[u8], i: usize) -> bool {
    let solid = |c: Option<&u8>| matches!(c, Some(0x21..=0x7E));
    match text[i] {
        0x21..=0x7E => true,
        b' ' => i > 0 && solid(text.get(i - 1)) && solid(text.get(i + 1)),
        _ => false,
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

/// The built-in rules common to all pages: interface text of news sites in general.
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
    // Live blogs and links to elsewhere.
    ("Sort by", "interface"),
    ("Our live coverage has ended for the day.", "interface"),
    ("Our live coverage has ended.", "interface"),
    ("Our live coverage has moved*", "interface"),
    ("Read * here.", "related link"),
    ("Read more here.", "related link"),
    ("Watch * here.", "related link"),
];

/// An outlet's own interface strings.
pub struct OutletList {
    /// The outlet's name.
    pub outlet: &'static str,
    /// The names a page may give it: byline outlet, site name (a site name that starts
    /// with one of these, as "CNN Politics", counts too).
    pub names: &'static [&'static str],
    /// Patterns and reasons, as in the built-in list.
    pub rules: &'static [(&'static str, &'static str)],
}

/// The outlets' own lists. A list applies to the pages of its outlet, and to pages
/// whose outlet cannot be told; never to the pages of another outlet.
pub const OUTLET_LISTS: &[OutletList] = &[
    OutletList {
        outlet: "CNN",
        names: &["CNN", "CNN International"],
        rules: &[
            ("Sort byDropdown arrow", "interface"),
            ("What we covered here", "interface"),
            ("#:## - Source: *", "video promo"),
            ("##:## - Source: *", "video promo"),
            ("Ad Feedback", "advertisement"),
            ("Video Ad Feedback", "advertisement"),
            ("Hide Caption", "interface"),
            ("See all topics", "interface"),
            ("Link Copied!", "interface"),
        ],
    },
    OutletList {
        outlet: "VOA",
        names: &["VOA", "Voice of America", "VOA News"],
        rules: &[
            ("Skip to main Navigation", "interface"),
            ("Skip to Search", "interface"),
            ("Print Options:", "interface"),
            ("Embed", "interface"),
            ("No media source currently available", "interface"),
            ("The code has been copied to your clipboard.", "interface"),
        ],
    },
    OutletList {
        outlet: "The Irish Times",
        names: &["The Irish Times", "Irish Times"],
        rules: &[
            ("Subscriber Only", "interface"),
            ("Sign In", "interface"),
            ("Your Comments", "interface"),
            ("Listen | # min", "audio promo"),
            ("Listen | ## min", "audio promo"),
        ],
    },
    OutletList {
        outlet: "BBC",
        names: &["BBC", "BBC News"],
        rules: &[
            ("Related Topics", "interface"),
            ("More on this story", "interface"),
            ("Top Stories", "interface"),
            ("About sharing", "interface"),
        ],
    },
    OutletList {
        outlet: "The Guardian",
        names: &["The Guardian", "Guardian"],
        rules: &[
            ("Show key events only", "interface"),
            ("Please turn on JavaScript to use this feature", "interface"),
            ("Key events", "interface"),
            ("Reuse this content", "interface"),
            ("Explore more on these topics", "interface"),
        ],
    },
    OutletList {
        outlet: "Reuters",
        names: &["Reuters"],
        rules: &[
            (
                "Our Standards: The Thomson Reuters Trust Principles.",
                "interface",
            ),
            (
                "Register now for FREE unlimited access to Reuters.com",
                "subscription prompt",
            ),
        ],
    },
    OutletList {
        outlet: "AP",
        names: &["AP", "Associated Press", "The Associated Press", "AP News"],
        rules: &[
            ("RELATED COVERAGE", "interface"),
            ("Follow AP's coverage *", "related link"),
        ],
    },
    OutletList {
        outlet: "Al Jazeera",
        names: &["Al Jazeera"],
        rules: &[
            ("Keep reading", "interface"),
            ("list of # items", "interface"),
            ("end of list", "interface"),
        ],
    },
];

/// The outlet of `doc` among [`OUTLET_LISTS`], from its byline, its site name or its
/// contributors; `None` when it names none of them.
pub fn outlet_of(doc: &Document<'_>) -> Option<usize> {
    outlet_of_parts(&[doc])
}

/// [`outlet_of`] the document split into `parts` (the first holds the head).
fn outlet_of_parts(parts: &[&Document<'_>]) -> Option<usize> {
    let named = |name: &str| {
        OUTLET_LISTS.iter().position(|o| {
            o.names.iter().any(|n| {
                name == *n
                    || name
                        .strip_prefix(n)
                        .is_some_and(|rest| rest.starts_with(' '))
            })
        })
    };
    let head = parts.first()?;
    let byline = head.byline.as_ref().and_then(|b| b.outlet.as_deref());
    let site = head.site.as_ref().map(|t| t.text.as_ref());
    let contributor = parts
        .iter()
        .flat_map(|d| &d.posts)
        .flat_map(|p| &p.contributors)
        .find_map(|c| c.outlet.as_deref());
    [byline, site, contributor]
        .into_iter()
        .flatten()
        .find_map(named)
}

/// Marks boilerplate blocks: their kind becomes `boilerplate` and their label says why;
/// their text stays, so the document still accounts for every line. Lists of links
/// ("GO DEEPER") are marked as a whole.
///
/// Rules are indexed by the byte their matches start with, so a block is only tried
/// against the few rules that could match it, and its match key is only made when
/// there are some.
#[derive(Clone, Debug)]
pub struct Boilerplate {
    rules: Vec<Rule>,
    /// For each first byte of a match key, the rules that may match it, in order.
    by_first: Vec<Vec<u32>>,
}

/// Blocks longer than this are never boilerplate.
const MAX_LEN: usize = 300;

impl Default for Boilerplate {
    fn default() -> Self {
        Boilerplate::built_in()
    }
}

impl Boilerplate {
    fn from_rules(rules: Vec<Rule>) -> Self {
        let mut b = Boilerplate {
            rules,
            by_first: Vec::new(),
        };
        b.reindex();
        b
    }

    fn reindex(&mut self) {
        let mut by_first: Vec<Vec<u32>> = vec![Vec::new(); 256];
        for (n, r) in self.rules.iter().enumerate() {
            let n = n as u32;
            match r.pattern.as_bytes().first() {
                None => {}
                Some(b'*') => by_first.iter_mut().for_each(|v| v.push(n)),
                Some(b'#') => by_first[usize::from(b'0')..=usize::from(b'9')]
                    .iter_mut()
                    .for_each(|v| v.push(n)),
                Some(&c) => by_first[usize::from(c)].push(n),
            }
        }
        self.by_first = by_first;
    }

    /// The built-in rules: the list common to all pages, and each outlet's own list
    /// ([`OUTLET_LISTS`]), which applies to the pages of that outlet and to pages whose
    /// outlet cannot be told.
    pub fn built_in() -> Self {
        let common = BUILT_IN.iter().map(|(p, r)| Rule::new(p, r));
        let outlets = OUTLET_LISTS.iter().enumerate().flat_map(|(n, o)| {
            o.rules.iter().map(move |(p, r)| Rule {
                outlet: Some(n),
                ..Rule::new(p, r)
            })
        });
        Boilerplate::from_rules(common.chain(outlets).collect())
    }

    /// No rules: only link lists are marked.
    pub fn empty() -> Self {
        Boilerplate::from_rules(Vec::new())
    }

    /// Add a rule.
    pub fn rule(mut self, pattern: &str, reason: &str) -> Self {
        self.rules.push(Rule::new(pattern, reason));
        self.reindex();
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
        self.reindex();
        self
    }

    /// The first byte of the match key of `text`: the first byte that is not white
    /// space, in its ASCII form when it starts a curly quote or a dash.
    fn key_first(text: &str) -> Option<u8> {
        let t = text.trim_start();
        let c = *t.as_bytes().first()?;
        if c == 0xE2 {
            let first = t.chars().next()?;
            return Some(crate::quotes::ascii_form(first).map_or(c, |a| a.as_bytes()[0]));
        }
        Some(c)
    }

    /// The reason a block of a page of `outlet` is boilerplate, if it is.
    fn reason(
        &self,
        b: &Block<'_>,
        outlet: Option<usize>,
        buf: &mut String,
    ) -> Option<Cow<'static, str>> {
        match b.kind {
            BlockKind::Boilerplate => None,
            BlockKind::Related if !b.items.is_empty() => Some(Cow::Borrowed("link list")),
            BlockKind::Gallery => None,
            _ => {
                if b.text.len() > MAX_LEN {
                    return None;
                }
                let candidates = &self.by_first[usize::from(Self::key_first(&b.text)?)];
                if candidates.is_empty() {
                    return None;
                }
                // Most texts differ from every candidate in their first bytes, which
                // are their key's: the key is made only for those that do not.
                let mut left = candidates
                    .iter()
                    .map(|&n| &self.rules[n as usize])
                    .filter(|r| r.outlet.is_none() || outlet.is_none() || r.outlet == outlet)
                    .filter(|r| r.may_match(b.text.as_bytes()))
                    .peekable();
                left.peek()?;
                let key = match_key_in(&b.text, buf);
                left.find(|r| r.matches(key))
                    .map(|r| Cow::Owned(r.reason.clone()))
            }
        }
    }

    fn mark(&self, b: &mut Block<'_>, outlet: Option<usize>, log: &mut CleanLog, buf: &mut String) {
        if let Some(reason) = self.reason(b, outlet, buf) {
            log.record_with("boilerplate", b.span, || {
                format!("marked {} as boilerplate: {reason}", b.kind.as_str())
            });
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
        let mut buf = String::new();
        let outlet = outlet_of(doc);
        for b in doc.blocks_mut() {
            self.mark(b, outlet, log, &mut buf);
        }
    }

    /// The outlet is read from all the parts; then each part is marked on its own.
    fn clean_parts(&self, parts: &mut [&mut Document<'_>], log: &mut CleanLog) -> bool {
        let outlet = {
            let all: Vec<&Document<'_>> = parts.iter().map(|d| &**d).collect();
            outlet_of_parts(&all)
        };
        crate::each_part(parts, log, |_, d, l| {
            let mut buf = String::new();
            for b in d.blocks_mut() {
                self.mark(b, outlet, l, &mut buf);
            }
        });
        true
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
        Boilerplate::built_in().mark(&mut b, None, &mut CleanLog::default(), &mut String::new());
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
    fn texts_ruled_out_by_their_first_bytes_are_those_their_keys_rule_out() {
        // Every rule's pattern, its wildcards filled, written again with its white
        // space and quotes changed the ways the key undoes (runs of spaces, tabs, line
        // breaks, spaces at the ends, curly quotes, long dashes), and with one letter
        // changed: the pass marks each text as matching its key against every rule
        // does, and marks most of the rewritten ones.
        let pass = Boilerplate::built_in().rule("Don't miss: *", "user list");
        let by_key = |t: &str| {
            let key = match_key(t);
            pass.rules
                .iter()
                .find(|r| r.matches(&key))
                .map(|r| r.reason.clone())
        };
        let mut rng = liveline_testkit::Lcg::new(3);
        let mut next = |n: u64| rng.below(n);
        let (mut texts, mut found) = (0, 0);
        for rule in &pass.rules {
            for _ in 0..40 {
                let mut t = String::new();
                // One text in four gets a letter changed (or more).
                let change = next(4) == 0;
                for c in rule.pattern.chars() {
                    let v = next(12);
                    match c {
                        '*' => t.push_str(["", "the", "our daily"][v as usize % 3]),
                        '#' => t.push(char::from(b'0' + v as u8 % 10)),
                        ' ' if v == 0 => t.push_str("  "),
                        ' ' if v == 1 => t.push('\t'),
                        ' ' if v == 2 => t.push_str(" \n "),
                        '\'' if v < 6 => t.push('’'),
                        '"' if v < 6 => t.push(if t.is_empty() { '“' } else { '”' }),
                        '-' if v < 6 => t.push('—'),
                        c if change && v == 3 && c.is_ascii_lowercase() => t.push('x'),
                        c => t.push(c),
                    }
                }
                if next(4) == 0 {
                    t = format!(" {t} ");
                }
                let mut b = block(BlockKind::Paragraph, &t);
                pass.mark(&mut b, None, &mut CleanLog::default(), &mut String::new());
                let got = b.label.map(|l| l.into_owned());
                assert_eq!(got, by_key(&t), "{t:?}");
                texts += 1;
                found += usize::from(got.is_some());
            }
        }
        assert!(found * 2 > texts, "{found} of {texts}");
        assert!(found < texts, "some letters changed");
    }

    #[test]
    fn the_plain_start_of_a_text_is_its_key_s() {
        for (t, n) in [
            ("Read more here.", 15),
            ("Read  more", 4),
            ("Read\tmore", 4),
            (" Read", 0),
            ("Read ", 4),
            ("Read \nmore", 4),
            ("It’s", 2),
            ("a - b", 5),
            ("Sort by", 7),
        ] {
            let b = t.as_bytes();
            let plain = (0..b.len()).take_while(|&i| plain_at(b, i)).count();
            assert_eq!(plain, n, "{t:?}");
            assert!(match_key(t).as_bytes().starts_with(&b[..n]), "{t:?}");
        }
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
        pass.mark(&mut list, None, &mut log, &mut String::new());
        assert_eq!(list.label.as_deref(), Some("link list"));
        let mut p = block(BlockKind::Paragraph, "Follow us on the socials");
        pass.mark(&mut p, None, &mut log, &mut String::new());
        assert_eq!(p.label.as_deref(), Some("user list"));
        assert_eq!(log.entries.len(), 2);
    }

    #[test]
    fn rules_find_blocks_whatever_their_quotes_and_first_character() {
        let pass = Boilerplate::empty()
            .rules_from("\"Listen\" to * podcast\n*Follow us*\n#:## - Watch")
            .rule("– Advertisement –", "advertisement");
        let reason = |t: &str| {
            let mut b = block(BlockKind::Paragraph, t);
            pass.mark(&mut b, None, &mut CleanLog::default(), &mut String::new());
            b.label.map(|l| l.into_owned())
        };
        assert_eq!(
            reason("“Listen” to our daily podcast").as_deref(),
            Some("user list")
        );
        assert_eq!(
            reason("  \"Listen\"  to the podcast").as_deref(),
            Some("user list")
        );
        assert_eq!(
            reason("Please Follow us today").as_deref(),
            Some("user list")
        );
        assert_eq!(reason("2:30 - Watch").as_deref(), Some("user list"));
        assert_eq!(
            reason("— Advertisement —").as_deref(),
            Some("advertisement")
        );
        assert_eq!(reason("Listen to our daily podcast"), None);
        assert_eq!(reason("x:30 - Watch"), None);
    }

    #[test]
    fn outlet_lists_apply_to_their_outlet_and_to_unknown_pages_only() {
        let pass = Boilerplate::built_in();
        let page = |outlet: Option<&'static str>| Document {
            byline: outlet.map(|o| liveline_core::Byline {
                authors: vec![Cow::Borrowed("Ana Ruiz")],
                outlet: Some(Cow::Borrowed(o)),
                span: Span::new(0, 0),
            }),
            preamble: vec![block(BlockKind::Paragraph, "Video Ad Feedback")],
            ..Document::default()
        };
        let kind = |outlet| {
            let mut d = page(outlet);
            pass.clean(&mut d, &mut CleanLog::default());
            d.preamble[0].kind
        };
        assert_eq!(kind(Some("CNN")), BlockKind::Boilerplate);
        assert_eq!(kind(None), BlockKind::Boilerplate);
        assert_eq!(kind(Some("Reuters")), BlockKind::Paragraph);
        let site = Document {
            site: Some(liveline_core::Text {
                text: Cow::Borrowed("CNN Politics"),
                span: Span::new(0, 0),
            }),
            ..Document::default()
        };
        assert_eq!(
            outlet_of(&site).map(|n| OUTLET_LISTS[n].outlet),
            Some("CNN")
        );
        let site = Document {
            site: Some(liveline_core::Text {
                text: Cow::Borrowed("CNNx"),
                span: Span::new(0, 0),
            }),
            ..Document::default()
        };
        assert_eq!(outlet_of(&site), None);
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
