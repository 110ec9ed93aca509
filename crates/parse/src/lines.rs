//! Splitting the source into lines and classifying each line by its form.

use liveline_core::{Diagnostic, Level, Span};
use memchr::memchr;

use crate::grammar::{self, RawStamp};
use crate::people;

/// One non-blank line, trimmed, with its offset in the source.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Line<'a> {
    /// The trimmed text.
    pub text: &'a str,
    /// The offset of `text` in the source.
    pub start: usize,
    /// Whether a blank line (or the start of the source) stands before this line.
    pub blank_before: bool,
}

impl Line<'_> {
    pub fn span(&self) -> Span {
        Span::new(self.start, self.start + self.text.len())
    }

    /// The span of `text[from..to]`.
    pub fn sub(&self, from: usize, to: usize) -> Span {
        Span::new(self.start + from, self.start + to)
    }
}

/// The non-blank lines of `src`, trimmed of white space at both ends.
pub(crate) fn split(src: &str) -> Vec<Line<'_>> {
    split_range(src, 0..src.len())
}

/// The non-blank lines of `src` in `range`, which starts at the start of a line and
/// ends at the end of the text or just after a line feed: what [`split`] gives there.
pub(crate) fn split_range(src: &str, range: std::ops::Range<usize>) -> Vec<Line<'_>> {
    let bytes = src.as_bytes();
    let mut out = Vec::with_capacity(range.len() / 64 + 1);
    // Whether the line before the range is blank (or there is none).
    let mut blank_before = match range.start.checked_sub(1) {
        None => true,
        Some(nl) => {
            let from = memchr::memrchr(b'\n', &bytes[..nl]).map_or(0, |i| i + 1);
            trim(&src[from..nl]).is_empty()
        }
    };
    let mut pos = range.start;
    // One searcher walks the whole text (cheaper than restarting a search per line);
    // the text's last line ends at its end.
    let last = (range.end == bytes.len()).then_some(bytes.len());
    let ends = feeds(&bytes[range.clone()])
        .map(|i| range.start + i)
        .chain(last);
    for end in ends {
        let raw = &src[pos..end];
        // Fast path: most lines start and end with an ASCII character that is not white
        // space (in the sense of `char::is_whitespace`, which `trim` uses).
        let solid = |b: &u8| b.is_ascii() && !b.is_ascii_whitespace() && *b != 0x0B;
        let text = if raw.as_bytes().first().is_some_and(solid)
            && raw.as_bytes().last().is_some_and(solid)
        {
            raw
        } else {
            trim(raw)
        };
        if text.is_empty() {
            blank_before = true;
        } else {
            let start = pos + (text.as_ptr() as usize - raw.as_ptr() as usize);
            out.push(Line {
                text,
                start,
                blank_before,
            });
            blank_before = false;
        }
        pos = end + 1;
    }
    out
}

/// The offsets of the line feeds of `bytes`, in order. On x86-64, 64 bytes at a time as
/// a bit a byte (a page's lines are a few dozen bytes long: cheaper than a search
/// started again after each one); elsewhere, `memchr`'s.
pub(crate) fn feeds(bytes: &[u8]) -> impl Iterator<Item = usize> + '_ {
    #[cfg(target_arch = "x86_64")]
    {
        Feeds {
            bytes,
            next: 0,
            base: 0,
            mask: 0,
        }
    }
    #[cfg(not(target_arch = "x86_64"))]
    {
        memchr::memchr_iter(b'\n', bytes)
    }
}

/// [`feeds`] on x86-64: the line feeds of the 64 bytes at `base`, a bit each, are
/// taken from `mask` in order; then the next 64 bytes are looked at.
#[cfg(target_arch = "x86_64")]
struct Feeds<'a> {
    bytes: &'a [u8],
    /// Where the bytes not yet looked at start.
    next: usize,
    base: usize,
    mask: u64,
}

#[cfg(target_arch = "x86_64")]
impl Iterator for Feeds<'_> {
    type Item = usize;

    #[inline]
    fn next(&mut self) -> Option<usize> {
        while self.mask == 0 {
            let rest = self.bytes.get(self.next..).unwrap_or_default();
            if rest.is_empty() {
                return None;
            }
            self.base = self.next;
            self.mask = match rest.first_chunk::<64>() {
                Some(block) => feeds_in(block),
                None => rest
                    .iter()
                    .enumerate()
                    .fold(0, |m, (i, &b)| m | u64::from(b == b'\n') << i),
            };
            self.next += rest.len().min(64);
        }
        let bit = self.mask.trailing_zeros() as usize;
        self.mask &= self.mask - 1;
        Some(self.base + bit)
    }
}

/// One bit a byte of `block`: whether it is a line feed.
#[cfg(target_arch = "x86_64")]
#[inline]
fn feeds_in(block: &[u8; 64]) -> u64 {
    use std::arch::x86_64::{_mm_cmpeq_epi8, _mm_loadu_si128, _mm_movemask_epi8, _mm_set1_epi8};
    let mut mask = 0u64;
    for (n, sixteen) in block.chunks_exact(16).enumerate() {
        // SAFETY: SSE2 is part of every x86-64 processor; the load reads the 16 bytes
        // of `sixteen`, with no alignment asked for.
        let m = unsafe {
            let x = _mm_loadu_si128(sixteen.as_ptr().cast());
            _mm_movemask_epi8(_mm_cmpeq_epi8(x, _mm_set1_epi8(b'\n' as i8)))
        };
        mask |= u64::from(m as u16) << (16 * n);
    }
    mask
}

/// `str::trim`, with a fast path for a line that ends in a letter or punctuation mark
/// outside ASCII (a closing curly quote, say): only the ends are decoded.
fn trim(raw: &str) -> &str {
    let starts_solid = raw.chars().next().is_some_and(|c| !c.is_whitespace());
    let ends_solid = raw.chars().next_back().is_some_and(|c| !c.is_whitespace());
    match (starts_solid, ends_solid) {
        (true, true) => raw,
        _ => raw.trim(),
    }
}

/// What classifying lines finds beside the classes: diagnostics, and the stamps that
/// stamp classes point to.
#[derive(Debug, Default)]
pub(crate) struct Found {
    /// Diagnostics, in the order of the lines.
    pub diags: Vec<Diagnostic>,
    /// The stamps, indexed by [`StampId`].
    pub stamps: Vec<RawStamp>,
}

impl Found {
    fn stamp(&mut self, raw: RawStamp) -> StampId {
        self.stamps.push(raw);
        (self.stamps.len() - 1) as StampId
    }
}

/// The index of a line's stamp in the table that [`classify`] fills: stamps are rare,
/// so a line's class stays small (16 bytes) and the stamp lives beside it.
pub(crate) type StampId = u32;

/// What a line is, judged by its form alone. Offsets are into the line's text; a line
/// longer than `u32::MAX` bytes is always [`Class::Text`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Class {
    /// The page's own time: "Updated 9:06 p.m. ET, January 21, 2022".
    Updated(StampId),
    /// "10 Posts".
    Declared(u32),
    /// "By A, B and C, CNN".
    Byline,
    /// "From CNN's A and B in Kyiv".
    Contributors,
    /// A line that is a time stamp (with a time, or relative).
    PostStamp(StampId),
    /// A line that is a date alone: "March 23, 2022".
    DateHeader(StampId),
    /// A stamp and a headline: "17:17 GMT: Headline". The stamp is `text[..stamp_end]`,
    /// the headline `text[headline_start..]`.
    StampHeadline {
        stamp: StampId,
        stamp_end: u32,
        headline_start: u32,
    },
    /// A headline with its stamp glued to the end: "Headline published at 17:17 GMT 14
    /// March 2022". The headline is `text[..headline_end]`, the stamp `text[stamp_start..]`.
    HeadlinePublished {
        stamp: StampId,
        headline_end: u32,
        stamp_start: u32,
    },
    /// "* A bullet point"; the text starts at `text_start`.
    Bullet { text_start: u32 },
    /// Interface text: "Sort byDropdown arrow", "Accessibility links".
    Boilerplate,
    /// The label of a list of links: "GO DEEPER".
    RelatedLabel,
    /// A link line: "Read all the details here."
    RelatedLine,
    /// "2014: In March 2014, ..."; the year is `text[..4]`, the text starts at `text_start`.
    YearItem { text_start: u32 },
    /// "Some background:" or "Some background: text"; the label is `text[..label_end]`.
    Label { label_end: u32, text_start: u32 },
    /// A video promo's running time: "02:56 - Source: CNN".
    PromoDuration,
    /// Anything else: headline, paragraph, caption, standfirst...
    Text,
}

impl Class {
    /// The class with its stamp (if any) `by` further on in the table: for a part of
    /// the lines classified on its own, whose stamps come after those before it.
    pub fn stamps_after(self, by: StampId) -> Class {
        self.with_stamp(|s| s + by)
    }

    /// The class with its stamp (if any) `f` of what it was: for lines taken with
    /// their stamps into a table of their own.
    pub fn with_stamp(self, mut f: impl FnMut(StampId) -> StampId) -> Class {
        match self {
            Class::Updated(s) => Class::Updated(f(s)),
            Class::PostStamp(s) => Class::PostStamp(f(s)),
            Class::DateHeader(s) => Class::DateHeader(f(s)),
            Class::StampHeadline {
                stamp,
                stamp_end,
                headline_start,
            } => Class::StampHeadline {
                stamp: f(stamp),
                stamp_end,
                headline_start,
            },
            Class::HeadlinePublished {
                stamp,
                headline_end,
                stamp_start,
            } => Class::HeadlinePublished {
                stamp: f(stamp),
                headline_end,
                stamp_start,
            },
            other => other,
        }
    }

    /// Whether a line of this class starts a post in a timed live blog.
    pub fn starts_post(&self) -> bool {
        matches!(
            self,
            Class::PostStamp(_) | Class::StampHeadline { .. } | Class::HeadlinePublished { .. }
        )
    }
}

/// Exact lines that are interface text, not content.
fn is_boilerplate(t: &str) -> bool {
    matches!(
        t,
        "Sort byDropdown arrow"
            | "Sort by"
            | "Dropdown arrow"
            | "Accessibility links"
            | "Breaking News"
            | "What we covered here"
            | "Our live coverage has ended for the day."
            | "Our live coverage has ended."
            | "Our live coverage has moved."
            | "Skip to content"
            | "Skip to main content"
            | "Advertisement"
            | "Copy link"
            | "Link copied!"
            | "Loading"
            | "Show more"
            | "Load more"
            | "Load more posts"
            | "See all updates"
            | "Share"
            | "Share this"
            | "Key Points"
            | "Live"
            | "LIVE"
            | "Live Updates"
            | "Live updates"
    )
}

/// Labels of link lists.
fn is_related_label(t: &str) -> bool {
    matches!(
        t,
        "GO DEEPER"
            | "Go deeper"
            | "Related"
            | "Related articles"
            | "Related content"
            | "Related coverage"
            | "Related stories"
            | "Read more"
            | "More on this story"
            | "See also"
            | "Top stories"
    )
}

/// Labels that may open a paragraph: "Some background: ...".
static INLINE_LABELS: &[&str] = &[
    "Some background",
    "Background",
    "Context",
    "Key context",
    "Catch up",
    "Why it matters",
    "The backstory",
    "What we know",
    "What’s happening now",
    "What's happening now",
    "What happens next",
    "What’s next",
    "What's next",
    "The latest",
    "Editor’s note",
    "Editor's note",
    "Correction",
    "Update",
    "Note",
];

/// "Read all the details here.": a short line that points elsewhere.
fn is_related_line(t: &str) -> bool {
    (t.starts_with("Read ") || t.starts_with("Watch ") || t.starts_with("Listen "))
        && (t.ends_with(" here.") || t.ends_with(" here"))
        && t.split(' ').count() <= 8
}

/// Whether the rest of a stamp line may be a headline: its first character.
fn headline_start(rest: &str) -> Option<usize> {
    let trimmed = rest
        .strip_prefix(':')
        .or_else(|| rest.strip_prefix(" -"))
        .or_else(|| rest.strip_prefix(" –"))
        .or_else(|| rest.strip_prefix(" —"))
        .or_else(|| rest.strip_prefix(" |"))
        .unwrap_or(rest);
    if !trimmed.starts_with(' ') {
        return None;
    }
    let t = trimmed.trim_start();
    let c = t.chars().next()?;
    (c.is_uppercase() || c.is_ascii_digit() || matches!(c, '"' | '“' | '‘' | '\''))
        .then(|| rest.len() - t.len())
}

/// Whether a stamp's date (if any) is a real calendar date; if not, a diagnostic.
fn check_date(raw: &RawStamp, span: Span, diags: &mut Vec<Diagnostic>) -> bool {
    match raw.date {
        Some(d) if liveline_core::jiff::civil::Date::new(d.year, d.month, d.day).is_err() => {
            diags.push(Diagnostic::new(
                Level::Warning,
                "invalid_date",
                format!(
                    "{:04}-{:02}-{:02} is not a calendar date; the line is kept as text",
                    d.year, d.month, d.day
                ),
                span,
            ));
            false
        }
        _ => true,
    }
}

/// Classify a line whose text starts like a stamp.
fn stamp_line(line: &Line<'_>, found: &mut Found) -> Option<Class> {
    let t = line.text;
    let (rest, raw) = grammar::stamp(t).ok()?;
    if !check_date(&raw, line.span(), &mut found.diags) {
        return None;
    }
    let timed = raw.clock.is_some() || raw.ago_minutes.is_some();
    if rest.is_empty() {
        let id = found.stamp(raw);
        return Some(if timed {
            Class::PostStamp(id)
        } else {
            Class::DateHeader(id)
        });
    }
    let strong = raw.ago_minutes.is_some() || raw.clock.is_some_and(|c| c.strong);
    if !strong {
        return None;
    }
    let start = headline_start(rest)?;
    let stamp_end = t.len() - rest.len();
    if raw.clock.is_some() && raw.zone.is_none() {
        unknown_zone(line, stamp_end, &mut found.diags);
    }
    Some(Class::StampHeadline {
        stamp: found.stamp(raw),
        stamp_end: stamp_end as u32,
        headline_start: (stamp_end + start) as u32,
    })
}

/// A time followed by what looks like a zone abbreviation that the zone table does not
/// know ("09:30 XYZ: ..."): the time stays unplaced, and a diagnostic says why.
fn unknown_zone(line: &Line<'_>, at: usize, diags: &mut Vec<Diagnostic>) {
    let rest = &line.text[at..];
    let word = rest.trim_start();
    let len = word.bytes().take_while(u8::is_ascii_uppercase).count();
    let ends = word
        .as_bytes()
        .get(len)
        .is_none_or(|b| !b.is_ascii_alphanumeric());
    if (2..=5).contains(&len) && ends && rest.len() > word.len() {
        let from = at + (rest.len() - word.len());
        diags.push(Diagnostic::new(
            Level::Warning,
            "unknown_zone",
            format!(
                "{:?} after a time is not a known time zone; the time is not converted to UTC",
                &word[..len]
            ),
            line.sub(from, from + len),
        ));
    }
}

/// "Headline published at 17:17 GMT 14 March 2022".
fn published_glued(line: &Line<'_>, found: &mut Found) -> Option<Class> {
    let t = line.text;
    static FINDER: std::sync::LazyLock<memchr::memmem::Finder<'static>> =
        std::sync::LazyLock::new(|| memchr::memmem::Finder::new(b"ublished at "));
    let idx = FINDER.find(t.as_bytes())?;
    let stamp_start = idx.checked_sub(1)?;
    if !matches!(t.as_bytes()[stamp_start], b'p' | b'P') {
        return None;
    }
    let headline_end = t[..stamp_start].trim_end().len();
    if headline_end == stamp_start && stamp_start != 0 {
        return None; // "...republished at": not a separate phrase
    }
    let (rest, raw) = grammar::stamp(&t[idx + "ublished at ".len()..]).ok()?;
    if !rest.is_empty() || raw.clock.is_none() || !check_date(&raw, line.span(), &mut found.diags) {
        return None;
    }
    if headline_end == 0 {
        return Some(Class::PostStamp(found.stamp(raw)));
    }
    Some(Class::HeadlinePublished {
        stamp: found.stamp(raw),
        headline_end: headline_end as u32,
        stamp_start: stamp_start as u32,
    })
}

/// Whether a line starts like a month or weekday name: the only words a stamp can
/// start with. Checked before the stamp grammar runs on a line that starts with a
/// capital letter (most paragraphs do).
fn may_open_date(b: &[u8]) -> bool {
    let [a, b2, c, ..] = *b else { return false };
    // A fixed-size array compares inline, without a call per name.
    matches!(
        &[a, b2, c],
        b"Jan"
            | b"Feb"
            | b"Mar"
            | b"Apr"
            | b"May"
            | b"Jun"
            | b"Jul"
            | b"Aug"
            | b"Sep"
            | b"Oct"
            | b"Nov"
            | b"Dec"
            | b"Mon"
            | b"Tue"
            | b"Wed"
            | b"Thu"
            | b"Fri"
            | b"Sat"
            | b"Sun"
    )
}

/// Classify one line by its form.
pub(crate) fn classify(line: &Line<'_>, found: &mut Found) -> Class {
    let t = line.text;
    let b = t.as_bytes();
    if t.len() > u32::MAX as usize {
        return Class::Text;
    }
    match b[0] {
        b'0'..=b'9' => {
            if let Ok((_, n)) = grammar::declared_posts(t) {
                return Class::Declared(n);
            }
            if let Ok((rest, _)) = grammar::year_label(t) {
                return Class::YearItem {
                    text_start: (t.len() - rest.len()) as u32,
                };
            }
            if grammar::promo_duration(t).is_ok() {
                return Class::PromoDuration;
            }
            if let Some(c) = stamp_line(line, found) {
                return c;
            }
        }
        b'U' | b'L'
            if t.starts_with("Updated") || t.starts_with("UPDATED") || t.starts_with("Last ") =>
        {
            if let Ok((rest, ())) = grammar::updated_prefix(t)
                && let Ok(("", raw)) = grammar::stamp(rest)
                && check_date(&raw, line.span(), &mut found.diags)
            {
                return Class::Updated(found.stamp(raw));
            }
        }
        b'B' if t.starts_with("By ") && people::byline(t, Span::default()).is_some() => {
            return Class::Byline;
        }
        // Only the form is checked here; the names are read when the post is built,
        // and a line whose names do not read as names is kept as text there.
        b'F' if t.starts_with("From ") && (t.contains("'s ") || t.contains("’s ")) => {
            return Class::Contributors;
        }
        b'*' | b'-' if b.get(1) == Some(&b' ') && b.len() > 2 => {
            return Class::Bullet { text_start: 2 };
        }
        _ => {}
    }
    // The other bullet marks are not ASCII.
    for marker in ["• ", "· ", "▪ "].into_iter().filter(|_| b[0] >= 0x80) {
        if t.len() > marker.len() && t.starts_with(marker) {
            return Class::Bullet {
                text_start: marker.len() as u32,
            };
        }
    }
    if may_open_date(b)
        && let Some(c) = stamp_line(line, found)
    {
        return c;
    }
    // Interface strings and link-list labels are short: a paragraph skips both tables.
    if t.len() <= 48 {
        if is_boilerplate(t) {
            return Class::Boilerplate;
        }
        if is_related_label(t) {
            return Class::RelatedLabel;
        }
    }
    if b[0] == b'R' && is_related_line(t) {
        return Class::RelatedLine;
    }
    if let Some(c) = label(t) {
        return c;
    }
    let last = b[b.len() - 1];
    if last.is_ascii_alphanumeric()
        && t.len() < 600
        && let Some(c) = published_glued(line, found)
    {
        return c;
    }
    Class::Text
}

/// "Some background:" alone, a short "The situation:" alone, or a known label opening
/// a paragraph.
fn label(t: &str) -> Option<Class> {
    if let Some(head) = t.strip_suffix(':') {
        let words = head.split(' ').count();
        if words <= 5
            && head.chars().next().is_some_and(char::is_uppercase)
            && !head.contains(['.', '"', '“'])
        {
            return Some(Class::Label {
                label_end: head.len() as u32,
                text_start: t.len() as u32,
            });
        }
        return None;
    }
    // Every inline label starts with one of a few capitals and is short: no colon near
    // the start, no label.
    if !matches!(
        t.as_bytes()[0],
        b'S' | b'B' | b'C' | b'K' | b'W' | b'T' | b'E' | b'U' | b'N'
    ) {
        return None;
    }
    memchr(b':', &t.as_bytes()[..t.len().min(32)])?;
    for l in INLINE_LABELS {
        if let Some(rest) = t.strip_prefix(l)
            && let Some(text) = rest.strip_prefix(": ")
        {
            let text_start = t.len() - text.len();
            return Some(Class::Label {
                label_end: l.len() as u32,
                text_start: text_start as u32,
            });
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn feeds_are_the_line_feeds_in_order() {
        // Texts of every length up to 200 bytes, with line feeds dense and sparse, at
        // the ends of 16- and 64-byte blocks and across them.
        let mut rng = liveline_testkit::Lcg::new(5);
        let mut next = |n: u64| rng.below(n);
        for len in 0..200usize {
            for density in [0, 1, 8, 60, 100] {
                let text: Vec<u8> = (0..len)
                    .map(|_| {
                        if next(100) < density {
                            b'\n'
                        } else {
                            b'a' + next(3) as u8
                        }
                    })
                    .collect();
                let want: Vec<usize> = (0..len).filter(|&i| text[i] == b'\n').collect();
                assert_eq!(feeds(&text).collect::<Vec<_>>(), want, "{len} {density}");
            }
        }
        let all = [b'\n'; 130];
        assert_eq!(feeds(&all).count(), 130);
        assert_eq!(feeds(b"").next(), None);
    }

    fn class(t: &str) -> Class {
        let line = Line {
            text: t,
            start: 0,
            blank_before: true,
        };
        classify(&line, &mut Found::default())
    }

    #[test]
    fn split_trims_and_marks_blank_lines() {
        let src = "  Title \n\nBy A\r\nline\n   \n\tlast";
        let lines = split(src);
        let texts: Vec<_> = lines.iter().map(|l| l.text).collect();
        assert_eq!(texts, ["Title", "By A", "line", "last"]);
        assert_eq!(
            lines.iter().map(|l| l.blank_before).collect::<Vec<_>>(),
            [true, true, false, true]
        );
        for l in &lines {
            assert_eq!(&src[l.span().start..l.span().end], l.text);
        }
    }

    #[test]
    fn a_class_is_small() {
        // Stamps live beside the classes so that the per-line table stays small.
        assert!(std::mem::size_of::<Class>() <= 16);
    }

    #[test]
    fn vertical_tab_counts_as_white_space() {
        // Found by fuzzing (fuzz/fuzz_targets/parse.rs): `u8::is_ascii_whitespace` leaves
        // out U+000B, which `str::trim` removes, so the fast path kept it at the end of
        // a line and the line's span ended in white space.
        let lines = split("Headline\u{b}\n\u{b}Text.");
        assert_eq!(lines[0].text, "Headline");
        assert_eq!(lines[1].text, "Text.");
    }

    #[test]
    fn every_inline_label_is_recognised() {
        // The first-letter filter in `label` must let each label of the table through.
        for l in INLINE_LABELS {
            let line = format!("{l}: Text after the label.");
            assert!(matches!(label(&line), Some(Class::Label { .. })), "{l}");
        }
    }

    #[test]
    fn classes_by_form() {
        assert!(matches!(
            class("Updated 9:06 p.m. ET, January 21, 2022"),
            Class::Updated(_)
        ));
        assert_eq!(class("10 Posts"), Class::Declared(10));
        assert!(matches!(
            class("8:49 a.m. ET, January 21, 2022"),
            Class::PostStamp(_)
        ));
        assert!(matches!(class("March 23, 2022"), Class::DateHeader(_)));
        assert!(matches!(
            class("17:17 GMT: Ceasefire talks resume"),
            Class::StampHeadline {
                headline_start: 11,
                ..
            }
        ));
        assert!(matches!(
            class("10:30 a.m. Ceasefire talks resume"),
            Class::StampHeadline { .. }
        ));
        assert!(matches!(
            class("Ceasefire talks resume published at 17:17 Greenwich Mean Time 14 March 2022"),
            Class::HeadlinePublished {
                headline_end: 22,
                ..
            }
        ));
        assert!(matches!(class("18 hr 50 min ago"), Class::PostStamp(_)));
        assert_eq!(class("* A bullet"), Class::Bullet { text_start: 2 });
        assert_eq!(class("Sort byDropdown arrow"), Class::Boilerplate);
        assert_eq!(class("GO DEEPER"), Class::RelatedLabel);
        assert_eq!(class("Read all the details here."), Class::RelatedLine);
        assert_eq!(
            class("2014: In March 2014, something."),
            Class::YearItem { text_start: 6 }
        );
        assert_eq!(
            class("Some background:"),
            Class::Label {
                label_end: 15,
                text_start: 16
            }
        );
        assert_eq!(
            class("Some background: Text."),
            Class::Label {
                label_end: 15,
                text_start: 17
            }
        );
        assert_eq!(class("02:56 - Source: CNN"), Class::PromoDuration);
    }

    #[test]
    fn text_that_only_resembles_a_form_stays_text() {
        for t in [
            "9:30 is when the meeting starts.",
            "12.50 euros were paid.",
            "March 2014 saw the annexation.",
            "May 5, 2022, was a Thursday.",
            "The statement added: “The enemy units are strong.”",
            "A senior EU official said in a briefing with journalists on Friday:",
            "100,000 troops are at the border.",
            "Readers asked us to read it here.",
        ] {
            assert_eq!(class(t), Class::Text, "{t}");
        }
    }

    #[test]
    fn impossible_dates_are_text_with_a_diagnostic() {
        let line = Line {
            text: "February 30, 2022",
            start: 0,
            blank_before: true,
        };
        let mut found = Found::default();
        assert_eq!(classify(&line, &mut found), Class::Text);
        assert_eq!(found.diags[0].code, "invalid_date");
    }
}
