//! Assembling classified lines into a document: header, posts, blocks, trailer.

use std::ops::Range;

use liveline_core::{
    Block, BlockKind, Diagnostic, DocKind, Document, Level, LocalTime, Post, Span, Stamp, Text,
};

use crate::grammar::RawStamp;
use crate::lines::{self, Class, Found, Line, StampId};
use crate::people;
use liveline_core::news;

pub(crate) use liveline_core::news::{ends_sentence, words};

/// Whether `t` reads like a headline: no closing punctuation, starts like a title.
pub(crate) fn headline_like(t: &str) -> bool {
    let starts_like_title = match t.as_bytes().first() {
        Some(&c) if c.is_ascii() => {
            c.is_ascii_uppercase() || c.is_ascii_digit() || c == b'"' || c == b'\''
        }
        Some(_) => t
            .chars()
            .next()
            .is_some_and(|c| c.is_uppercase() || matches!(c, '“' | '‘')),
        None => false,
    };
    starts_like_title && t.len() <= 300 && !t.ends_with(',') && !ends_sentence(t)
}

/// A caption's parts: the caption text ends at `text_end`; the credit and its label
/// ("Video") are ranges of the line.
struct CaptionParts {
    text_end: usize,
    credit: Option<Range<usize>>,
    label: Option<Range<usize>>,
}

/// Recognise a caption line: "FILE - ...", or text ending with a photo credit
/// ([`news::photo_credit`]).
fn caption_parts(t: &str) -> Option<CaptionParts> {
    if t.as_bytes().first() == Some(&b'F')
        && (t.starts_with("FILE - ") || t.starts_with("FILE: ") || t.starts_with("FILE PHOTO: "))
    {
        return Some(CaptionParts {
            text_end: t.len(),
            credit: None,
            label: None,
        });
    }
    news::photo_credit(t).map(|c| CaptionParts {
        text_end: c.text_end,
        credit: Some(c.credit),
        label: c.label,
    })
}

/// Whether a paragraph is a closing note on contributors.
fn note_like(t: &str) -> bool {
    t.contains("contributed to this report")
        || t.contains("contributed reporting")
        || t.starts_with("Reporting by")
        || t.starts_with("Additional reporting")
        || t.starts_with("Some material for this article")
        || t.starts_with("Editing by")
        || t.starts_with("Writing by")
}

/// A closing agency credit at the end of a paragraph: "... want. – PA/Reuters".
/// Returns the offset of the dash.
fn agency_credit(t: &str) -> Option<(usize, usize)> {
    for dash in [" – ", " — ", " - "] {
        if let Some(at) = t.rfind(dash) {
            let credit = &t[at + dash.len()..];
            let ok = !credit.is_empty()
                && credit
                    .split(['/', ','])
                    .flat_map(|p| p.split(" and "))
                    .map(str::trim)
                    .all(news::is_outlet);
            if ok {
                return Some((at + 1, at + dash.len()));
            }
        }
    }
    None
}

/// Where a block list is: the header (title, byline and standfirst live there) or a body.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Mode {
    Header,
    Body,
}

struct Builder<'s, 'a> {
    src: &'a str,
    lines: &'s [Line<'a>],
    classes: &'s [Class],
    stamps: &'s [RawStamp],
    doc: Document<'a>,
}

/// Build a stamp from the part `from..to` of `line`.
fn stamp<'a>(line: &Line<'a>, raw: RawStamp, from: usize, to: usize) -> Stamp<'a> {
    let local = match (raw.date, raw.clock) {
        (Some(d), Some(c)) => Some(LocalTime::minute(d.year, d.month, d.day, c.hour, c.minute)),
        (Some(d), None) => Some(LocalTime::day(d.year, d.month, d.day)),
        (None, Some(c)) => Some(LocalTime::time_only(c.hour, c.minute)),
        (None, None) => None,
    };
    Stamp {
        text: line.text[from..to].into(),
        local,
        zone: raw.zone.map(|z| z.abbr.into()),
        tz: raw.zone.map(|z| z.iana.into()),
        utc: None,
        ago_minutes: raw.ago_minutes,
        span: line.sub(from, to),
    }
}

fn whole_stamp<'a>(line: &Line<'a>, raw: RawStamp) -> Stamp<'a> {
    stamp(line, raw, 0, line.text.len())
}

impl<'s, 'a> Builder<'s, 'a> {
    /// A builder of posts of `src` from lines `lines` (of classes `classes`, stamps
    /// `stamps`), whose own document is not kept.
    fn body(
        src: &'a str,
        lines: &'s [Line<'a>],
        classes: &'s [Class],
        stamps: &'s [RawStamp],
    ) -> Self {
        Builder {
            src,
            lines,
            classes,
            stamps,
            doc: Document::default(),
        }
    }

    /// The stamp a line's class points to.
    fn raw(&self, id: StampId) -> RawStamp {
        self.stamps[id as usize]
    }

    fn text(&self, i: usize) -> &'a str {
        self.lines[i].text
    }

    /// Whether line `i` stands alone: blank lines (or the range's ends) on both sides.
    fn alone(&self, i: usize, end: usize) -> bool {
        self.lines[i].blank_before && (i + 1 >= end || self.lines[i + 1].blank_before)
    }

    fn paragraph(&self, i: usize) -> Block<'a> {
        Block::new(BlockKind::Paragraph, self.text(i), self.lines[i].span())
    }

    /// Take line `i` as the title (split at " | " into title and site).
    fn set_title(&mut self, i: usize) {
        let line = self.lines[i];
        let t = line.text;
        let split = t
            .rsplit_once(" | ")
            .map(|(title, site)| (title.trim_end(), site.trim_start()));
        match split {
            Some((title, site)) if words(site) <= 5 && !title.is_empty() && !site.is_empty() => {
                // The site's span starts at the "|" so that the line is covered whole.
                let bar = t[title.len()..]
                    .find('|')
                    .map_or(title.len(), |n| title.len() + n);
                self.doc.title = Some(Text {
                    text: title.into(),
                    span: line.sub(0, title.len()),
                });
                self.doc.site = Some(Text {
                    text: site.into(),
                    span: line.sub(bar, t.len()),
                });
            }
            _ => {
                self.doc.title = Some(Text {
                    text: t.into(),
                    span: line.span(),
                })
            }
        }
    }

    /// The blocks of lines `range`.
    fn blocks(&mut self, range: Range<usize>, mode: Mode) -> Vec<Block<'a>> {
        let mut out = Vec::with_capacity(range.len());
        let end = range.end;
        let mut i = range.start;
        while i < end {
            let line = self.lines[i];
            let t = line.text;
            let span = line.span();
            let header = mode == Mode::Header;
            match self.classes[i] {
                Class::Boilerplate => out.push(Block::new(BlockKind::Boilerplate, t, span)),
                Class::RelatedLabel => {
                    let (block, next) = self.related_list(i, end);
                    out.push(block);
                    i = next;
                    continue;
                }
                Class::RelatedLine => out.push(Block::new(BlockKind::Related, t, span)),
                Class::Bullet { text_start } => {
                    out.push(Block::new(
                        BlockKind::Bullet,
                        t[text_start as usize..].trim_start(),
                        span,
                    ));
                }
                Class::YearItem { text_start } => {
                    let mut b = Block::new(BlockKind::YearItem, &t[text_start as usize..], span);
                    b.label = Some(t[..4].into());
                    out.push(b);
                }
                Class::Label {
                    label_end,
                    text_start,
                } => {
                    let mut b = Block::new(BlockKind::Section, &t[text_start as usize..], span);
                    b.label = Some(t[..label_end as usize].into());
                    out.push(b);
                }
                Class::PromoDuration => {
                    let mut b = Block::new(BlockKind::Boilerplate, t, span);
                    b.label = Some("video promo".into());
                    out.push(b);
                }
                Class::Updated(id) if header && self.doc.updated.is_none() => {
                    self.doc.updated = Some(whole_stamp(&line, self.raw(id)));
                }
                Class::Declared(n) if header && self.doc.declared_posts.is_none() => {
                    self.doc.declared_posts = Some(n);
                    self.doc.declared_posts_span = Some(span);
                }
                Class::Byline if header && self.doc.byline.is_none() => {
                    match people::byline(t, span) {
                        Some(b) => self.doc.byline = Some(b),
                        None => out.push(self.paragraph(i)),
                    }
                }
                Class::PostStamp(id) | Class::DateHeader(id)
                    if header
                        && self.doc.updated.is_none()
                        && self.raw(id).ago_minutes.is_none() =>
                {
                    self.doc.updated = Some(whole_stamp(&line, self.raw(id)));
                }
                Class::Text => {
                    i = self.text_run(i, end, mode, &mut out);
                    continue;
                }
                _ => out.push(self.paragraph(i)),
            }
            i += 1;
        }
        out
    }

    /// "GO DEEPER" and the links under it (in the same run of lines, or the next run).
    fn related_list(&self, i: usize, end: usize) -> (Block<'a>, usize) {
        let item_ok = |c: &Class| matches!(c, Class::Text | Class::RelatedLine);
        let first = i + 1;
        let mut j = first;
        if j < end && self.lines[j].blank_before && item_ok(&self.classes[j]) {
            // The label stands alone: the links are the next run of lines.
            j += 1;
        }
        while j < end && !self.lines[j].blank_before && item_ok(&self.classes[j]) {
            j += 1;
        }
        let label = self.lines[i];
        let mut block = Block::new(BlockKind::Related, "", label.span());
        block.label = Some(label.text.into());
        if j > first {
            let last = self.lines[j - 1];
            let (s, e) = (self.lines[first].start, last.start + last.text.len());
            block.text = self.slice(s, e).into();
            block.span = Span::new(label.start, e);
            block.items = (first..j)
                .map(|k| Block::new(BlockKind::Related, self.text(k), self.lines[k].span()))
                .collect();
        }
        (block, j)
    }

    /// The source text from offset `s` to `e` (several lines of one block).
    fn slice(&self, s: usize, e: usize) -> &'a str {
        &self.src[s..e]
    }

    /// A run of text lines with no blank line between them, starting at `i`: a caption
    /// printed twice, a gallery, a promo, or lines taken one by one.
    fn text_run(&mut self, i: usize, end: usize, mode: Mode, out: &mut Vec<Block<'a>>) -> usize {
        let mut j = i + 1;
        while j < end && !self.lines[j].blank_before && self.classes[j] == Class::Text {
            j += 1;
        }
        // A video promo: thumbnail caption and title, then "02:56 - Source: CNN".
        if j < end && !self.lines[j].blank_before && self.classes[j] == Class::PromoDuration {
            let last = self.lines[j];
            let e = last.start + last.text.len();
            let mut b = Block::new(
                BlockKind::Boilerplate,
                self.slice(self.lines[i].start, e),
                Span::new(self.lines[i].start, e),
            );
            b.label = Some("video promo".into());
            out.push(b);
            return j + 1;
        }
        if j == i + 1 {
            self.single(i, end, mode, out);
            return j;
        }
        // Pair captions printed twice: bare, then with "(credit)".
        let mut items: Vec<Block<'a>> = Vec::new();
        let mut k = i;
        let mut paired = false;
        while k < j {
            let line = self.lines[k];
            if k + 1 < j {
                let next = self.lines[k + 1];
                if let Some(rest) = next.text.strip_prefix(line.text) {
                    let rest_t = rest.trim_start();
                    if rest_t.len() > 2 && rest_t.starts_with('(') && rest_t.ends_with(')') {
                        let credit_start = next.text.len() - rest_t.len() + 1;
                        let mut b = Block::new(
                            BlockKind::Caption,
                            line.text,
                            Span::new(line.start, next.start + next.text.len()),
                        );
                        b.credit = Some(next.text[credit_start..next.text.len() - 1].into());
                        items.push(b);
                        paired = true;
                        k += 2;
                        continue;
                    }
                }
            }
            items.push(self.caption_block(k).unwrap_or_else(|| self.paragraph(k)));
            k += 1;
        }
        let gallery = items.len() >= 2
            && items.iter().all(|b| {
                (b.kind == BlockKind::Caption || ends_sentence(&b.text)) && words(&b.text) >= 4
            });
        if items.len() == 1 && paired {
            out.push(items.pop().unwrap_or_else(|| self.paragraph(i)));
        } else if gallery {
            let e = self.lines[j - 1].start + self.lines[j - 1].text.len();
            let s = self.lines[i].start;
            let mut g = Block::new(BlockKind::Gallery, self.slice(s, e), Span::new(s, e));
            g.items = items
                .into_iter()
                .map(|mut b| {
                    b.kind = BlockKind::Caption;
                    b
                })
                .collect();
            out.push(g);
        } else if paired {
            // Captions mixed with other lines: keep the pairs, take the rest one by one.
            for b in items {
                out.push(b);
            }
        } else {
            for k in i..j {
                self.single(k, end, mode, out);
            }
        }
        j
    }

    /// Line `i` as a caption, when it reads like one.
    fn caption_block(&self, i: usize) -> Option<Block<'a>> {
        let line = self.lines[i];
        let t = line.text;
        let parts = caption_parts(t)?;
        let mut b = Block::new(BlockKind::Caption, &t[..parts.text_end], line.span());
        b.credit = parts.credit.map(|r| t[r].into());
        b.label = parts.label.map(|r| t[r].into());
        Some(b)
    }

    /// One text line on its own.
    fn single(&mut self, i: usize, end: usize, mode: Mode, out: &mut Vec<Block<'a>>) {
        let t = self.text(i);
        if mode == Mode::Header && self.doc.title.is_none() && headline_like(t) {
            self.set_title(i);
            return;
        }
        if let Some(b) = self.caption_block(i) {
            out.push(b);
            return;
        }
        let span = self.lines[i].span();
        if headline_like(t) && self.alone(i, end) {
            let kind = match mode {
                Mode::Header => BlockKind::Standfirst,
                Mode::Body if words(t) <= 10 => BlockKind::Subhead,
                Mode::Body => BlockKind::Paragraph,
            };
            out.push(Block::new(kind, t, span));
            return;
        }
        out.push(Block::new(BlockKind::Paragraph, t, span));
    }

    /// Whether line `i` starts a post in a live blog without time stamps: a headline
    /// standing alone, of five words or more, with something after it.
    fn untimed_headline(&self, i: usize, end: usize) -> bool {
        let t = self.text(i);
        self.classes[i] == Class::Text
            && i + 1 < end
            && self.alone(i, end)
            && headline_like(t)
            && words(t) >= 5
            && caption_parts(t).is_none()
    }

    /// The posts of a live blog in lines `range`, built on the threads of the current
    /// rayon pool when `parts` is 2 or more and there are many.
    fn posts(&mut self, range: Range<usize>, timed: bool, parts: usize) {
        // For a blog without times, a post starts at each headline standing alone
        // (the rule of `post_starts` for the line right below a post's first line is
        // about date headers and time stamps: it never applies there).
        let starts: Vec<usize> = if timed {
            post_starts(&self.classes[..range.end], range.start, None)
        } else {
            range
                .clone()
                .filter(|&i| self.untimed_headline(i, range.end))
                .collect()
        };
        let first = starts.first().copied().unwrap_or(range.end);
        let pre = self.blocks(range.start..first, Mode::Body);
        self.doc.preamble.extend(pre);
        let end = range.end;
        if parts < 2 {
            self.doc.posts = (0..starts.len())
                .map(|n| self.nth_post(&starts, n, end, timed))
                .collect();
            return;
        }
        // A body (unlike the header) changes nothing in the document as its blocks are
        // built: the posts are built by builders of their own.
        let (src, lines, classes, stamps) = (self.src, self.lines, self.classes, self.stamps);
        self.doc.posts = in_place(
            starts.len(),
            POSTS_A_PART,
            || Builder::body(src, lines, classes, stamps),
            |own, n| own.nth_post(&starts, n, end, timed),
        );
    }

    /// Post `n` of those that start at lines `starts`, the last ending before line
    /// `end`.
    fn nth_post(&mut self, starts: &[usize], n: usize, end: usize, timed: bool) -> Post<'a> {
        let e = starts.get(n + 1).copied().unwrap_or(end);
        let mut post = self.post(starts[n]..e, timed);
        post.span = post_span(&post);
        post
    }

    /// The headline and stamp of "Headline published at 17:17 GMT 14 March 2022".
    fn published(
        &self,
        line: &Line<'a>,
        id: StampId,
        headline_end: u32,
        stamp_start: u32,
    ) -> (Text<'a>, Stamp<'a>) {
        let (headline_end, stamp_start) = (headline_end as usize, stamp_start as usize);
        let headline = Text {
            text: line.text[..headline_end].into(),
            span: line.sub(0, headline_end),
        };
        (
            headline,
            stamp(line, self.raw(id), stamp_start, line.text.len()),
        )
    }

    /// One post of lines `range`.
    fn post(&mut self, range: Range<usize>, timed: bool) -> Post<'a> {
        let mut post = Post::default();
        let mut j = range.start;
        let end = range.end;
        if let Class::DateHeader(id) = self.classes[j] {
            post.date_header = Some(whole_stamp(&self.lines[j], self.raw(id)));
            j += 1;
        }
        if j < end {
            let line = self.lines[j];
            match self.classes[j] {
                Class::PostStamp(id) => {
                    post.stamp = Some(whole_stamp(&line, self.raw(id)));
                    j += 1;
                    if j < end
                        && let Class::HeadlinePublished {
                            stamp,
                            headline_end,
                            stamp_start,
                        } = self.classes[j]
                    {
                        // "2h ago" above "Headline published at 17:17 ...": the
                        // absolute time is the post's; the relative one is kept as a
                        // marked block.
                        let (headline, abs) =
                            self.published(&self.lines[j], stamp, headline_end, stamp_start);
                        if let Some(rel) = post.stamp.replace(abs) {
                            let mut b = Block::new(BlockKind::Boilerplate, rel.text, rel.span);
                            b.label = Some("relative time".into());
                            post.blocks.push(b);
                        }
                        post.headline = Some(headline);
                        j += 1;
                    }
                }
                Class::StampHeadline {
                    stamp: id,
                    stamp_end,
                    headline_start,
                } => {
                    let (stamp_end, headline_start) = (stamp_end as usize, headline_start as usize);
                    // The stamp's span takes in the separator (": ", " - ") after it.
                    let mut st = stamp(&line, self.raw(id), 0, stamp_end);
                    st.span.end = line.start + line.text[..headline_start].trim_end().len();
                    post.stamp = Some(st);
                    post.headline = Some(Text {
                        text: line.text[headline_start..].into(),
                        span: line.sub(headline_start, line.text.len()),
                    });
                    j += 1;
                }
                Class::HeadlinePublished {
                    stamp,
                    headline_end,
                    stamp_start,
                } => {
                    let (headline, st) = self.published(&line, stamp, headline_end, stamp_start);
                    post.headline = Some(headline);
                    post.stamp = Some(st);
                    j += 1;
                }
                _ if !timed => {
                    post.headline = Some(Text {
                        text: line.text.into(),
                        span: line.span(),
                    });
                    j += 1;
                }
                _ => {}
            }
        }
        // Headline and contributor line, in either order, right after the stamp.
        for _ in 0..2 {
            if j >= end {
                break;
            }
            let line = self.lines[j];
            match self.classes[j] {
                Class::Text
                    if post.headline.is_none()
                        && headline_like(line.text)
                        && self.alone(j, end)
                        && caption_parts(line.text).is_none() =>
                {
                    post.headline = Some(Text {
                        text: line.text.into(),
                        span: line.span(),
                    });
                }
                Class::Contributors if post.contributors_span.is_none() => {
                    match people::contributors(line.text) {
                        Some(c) => {
                            post.contributors = c;
                            post.contributors_span = Some(line.span());
                        }
                        None => break,
                    }
                }
                _ => break,
            }
            j += 1;
        }
        let blocks = self.blocks(j..end, Mode::Body);
        // Taken as it is (extending an empty list would copy it to a list of its own).
        if post.blocks.is_empty() {
            post.blocks = blocks;
        } else {
            post.blocks.extend(blocks);
        }
        post
    }

    /// Where the body of an article or bulletin starts: the first line that is a
    /// sentence (not a caption) or a bullet, after the header.
    fn body_start(&self) -> usize {
        let mut seen_title = false;
        for (i, c) in self.classes.iter().enumerate() {
            let t = self.text(i);
            match c {
                Class::Text if caption_parts(t).is_some() => {}
                Class::Text if headline_like(t) => seen_title = true,
                Class::Text => return i,
                Class::Bullet { .. }
                | Class::Label { .. }
                | Class::YearItem { .. }
                | Class::Contributors => {
                    return i;
                }
                Class::RelatedLabel | Class::RelatedLine if seen_title => return i,
                _ => {}
            }
        }
        self.lines.len()
    }
}

/// The trailer taken from the last post, `last`, of a document of kind `kind`: a live
/// blog's closing link lists and interface text, an article's closing note and agency
/// credit.
fn trailer<'a>(kind: DocKind, last: &mut Post<'a>) -> Vec<Block<'a>> {
    let mut moved = Vec::new();
    if kind == DocKind::LiveBlog {
        while let Some(b) = last.blocks.last() {
            let closing = b.kind == BlockKind::Boilerplate
                || (b.kind == BlockKind::Related && !b.items.is_empty());
            if !closing {
                break;
            }
            moved.extend(last.blocks.pop());
        }
    } else {
        if last
            .blocks
            .last()
            .is_some_and(|b| b.kind == BlockKind::Paragraph && note_like(&b.text))
            && let Some(mut b) = last.blocks.pop()
        {
            b.kind = BlockKind::Note;
            moved.push(b);
        }
        if let Some(b) = last
            .blocks
            .last_mut()
            .filter(|b| b.kind == BlockKind::Paragraph)
        {
            let t = match &b.text {
                std::borrow::Cow::Borrowed(t) => *t,
                std::borrow::Cow::Owned(_) => "",
            };
            if let Some((dash, credit_start)) = agency_credit(t) {
                let credit = Block::new(
                    BlockKind::Credit,
                    &t[credit_start..],
                    Span::new(b.span.start + dash, b.span.end),
                );
                let kept = t[..dash].trim_end();
                b.text = kept.into();
                b.span.end = b.span.start + kept.len();
                moved.push(credit);
            }
        }
    }
    moved.sort_by_key(|b| b.span);
    moved
}

/// One whole text as a stamp (see [`crate::parse_stamp`]).
pub(crate) fn parse_stamp(text: &str) -> Option<Stamp<'_>> {
    let mut rest = text;
    if let Ok((r, ())) = crate::grammar::updated_prefix(rest) {
        rest = r;
    } else if let Some(r) = rest
        .strip_prefix("published at ")
        .or_else(|| rest.strip_prefix("Published at "))
    {
        rest = r;
    }
    let (left, raw) = crate::grammar::stamp(rest).ok()?;
    if !left.is_empty() {
        return None;
    }
    if let Some(d) = raw.date {
        liveline_core::jiff::civil::Date::new(d.year, d.month, d.day).ok()?;
    }
    let line = Line {
        text,
        start: 0,
        blank_before: true,
    };
    let mut st = whole_stamp(&line, raw);
    if let (Some(z), Some(dt)) = (raw.zone, st.local.and_then(|l| l.datetime())) {
        st.utc = z.to_utc(dt);
    }
    Some(st)
}

/// Parse `src` into a document (times not yet resolved).
pub(crate) fn build(src: &str) -> Document<'_> {
    build_in_parts(src, 1)
}

/// The lines of `src` split and classified, each part's as it comes: in `parts` parts
/// of the text at once (on the threads of the current rayon pool), cut at the line
/// feeds after equal shares of the text. Each part's stamps are numbered from 0.
fn classified_parts(src: &str, parts: usize) -> Vec<Classified<'_>> {
    let one = |range: std::ops::Range<usize>| {
        let lines = lines::split_range(src, range);
        let mut found = Found::default();
        let classes: Vec<Class> = lines
            .iter()
            .map(|l| lines::classify(l, &mut found))
            .collect();
        (lines, classes, found)
    };
    let mut cuts = vec![0];
    for k in 1..parts {
        let at = src.len() * k / parts;
        let at = memchr::memchr(b'\n', &src.as_bytes()[at..]).map_or(src.len(), |i| at + i + 1);
        if at > *cuts.last().unwrap_or(&0) && at < src.len() {
            cuts.push(at);
        }
    }
    cuts.push(src.len());
    in_place(cuts.len() - 1, 1, || (), |(), k| one(cuts[k]..cuts[k + 1]))
}

/// The lines of a part of a text, their classes, and what was found in them.
type Classified<'a> = (Vec<Line<'a>>, Vec<Class>, Found);

/// The parts [`classified_parts`] gives as one, as one pass over the whole text gives
/// them.
fn joined(parts: Vec<Classified<'_>>) -> Classified<'_> {
    let mut done = parts.into_iter();
    let (mut lines, mut classes, mut found) = done.next().unwrap_or_default();
    for (l, c, f) in done {
        let by = found.stamps.len() as StampId;
        lines.extend(l);
        classes.extend(c.into_iter().map(|c| c.stamps_after(by)));
        found.stamps.extend(f.stamps);
        found.diags.extend(f.diags);
    }
    (lines, classes, found)
}

/// [`build`] with the lines split and classified in `parts` parts at once. A timed live
/// blog classified in two parts is built from them as they are (see [`live_blog_in_two`]).
pub(crate) fn build_in_parts(src: &str, parts: usize) -> Document<'_> {
    build_into_parts(src, parts, false).0
}

/// A document built whole, or in two parts: the first, and the second when there is one
/// ([`Document::from_parts`] of them is the document).
pub(crate) type Built<'a> = (Document<'a>, Option<Document<'a>>);

/// [`build_in_parts`], and when `keep` is true a timed live blog classified in two parts
/// is given in two parts, its posts in each built straight into their place; any other
/// text (and any text when `keep` is false) in one part.
pub(crate) fn build_into_parts(src: &str, parts: usize, keep: bool) -> Built<'_> {
    let parts = parts.max(1);
    let mut classified = classified_parts(src, parts);
    if let [a, b] = &classified[..]
        && let Some((mut doc, rest)) = live_blog_in_two(src, a, b, keep)
    {
        // The lines' diagnostics first, in the order of the lines.
        let mut diagnostics: Vec<Diagnostic> = classified
            .iter_mut()
            .flat_map(|(_, _, found)| std::mem::take(&mut found.diags))
            .collect();
        diagnostics.append(&mut doc.diagnostics);
        doc.diagnostics = diagnostics;
        return (doc, rest);
    }
    let (lines, classes, found) = joined(classified);
    (from_classified(src, &lines, &classes, found, parts), None)
}

/// `f` of `0..n`, in order, each straight into its place in the list, on the threads
/// of the current rayon pool, at least `min_len` calls a task (no more than one task's
/// worth: on the calling thread); `init` makes what each task's calls of `f` share.
fn in_place<T, R: Send>(
    n: usize,
    min_len: usize,
    init: impl Fn() -> T + Sync + Send,
    f: impl Fn(&mut T, usize) -> R + Sync + Send,
) -> Vec<R> {
    use rayon::prelude::*;
    // One task: on the calling thread (from outside the pool, rayon would hand it to
    // one of the pool's threads and wait).
    if n <= min_len.max(1) {
        let mut shared = init();
        return (0..n).map(|k| f(&mut shared, k)).collect();
    }
    let mut out = Vec::new();
    (0..n)
        .into_par_iter()
        .with_min_len(min_len)
        .map_init(init, f)
        .collect_into_vec(&mut out);
    out
}

/// The document `b` built, its trailer taken from the last post and checked against
/// the number of posts it says it has.
fn finished<'a>(b: Builder<'_, 'a>) -> Document<'a> {
    let mut doc = b.doc;
    finish_parts(std::slice::from_mut(&mut doc));
    doc
}

/// A document built in `parts` (see [`Document::from_parts`]) finished as [`finished`]
/// finishes it whole: its trailer taken from the last post into the last part, and the
/// number of posts of all the parts checked against the number the first says the page
/// has.
fn finish_parts(parts: &mut [Document<'_>]) {
    let Some(kind) = parts.first().map(|d| d.kind) else {
        return;
    };
    if let Some(post) = parts.iter_mut().rev().find_map(|d| d.posts.last_mut()) {
        let mut moved = trailer(kind, post);
        // The trailer may have taken blocks from the last post (the others' spans were
        // set as they were built).
        post.span = post_span(post);
        if let Some(last) = parts.last_mut() {
            last.trailer.append(&mut moved);
        }
    }
    let found: usize = parts.iter().map(|d| d.posts.len()).sum();
    let doc = &mut parts[0];
    if let (Some(declared), Some(span)) = (doc.declared_posts, doc.declared_posts_span)
        && declared as usize != found
    {
        doc.diagnostics.push(Diagnostic::new(
            Level::Warning,
            "declared_post_count_mismatch",
            format!("the page says it has {declared} posts; {found} are in the text"),
            span,
        ));
    }
}

/// The timed live blog whose lines were classified in two parts, `a` and `b` (cut
/// between lines), built from the parts as they are: what [`from_classified`] gives of
/// them joined, but the lines' diagnostics. The posts are built on the threads of the
/// current rayon pool, the post that runs across the cut from its lines in both.
/// `None` (to be built from the parts joined) for any other text: a live blog without
/// times, or whose posts do not start in both parts.
fn live_blog_in_two<'a>(
    src: &'a str,
    a: &Classified<'a>,
    b: &Classified<'a>,
    keep: bool,
) -> Option<Built<'a>> {
    let ((lines_a, classes_a, found_a), (lines_b, classes_b, found_b)) = (a, b);
    // A live blog by its times (as `from_classified` tells), with posts in both parts.
    let timed = |classes: &[Class]| classes.iter().any(|c| c.starts_post());
    if !timed(classes_a) || !timed(classes_b) {
        return None;
    }
    // Where the body starts: the first post, with a date header right above it.
    let body = classes_a.iter().position(|c| c.starts_post())?;
    let body = if body > 0 && matches!(classes_a[body - 1], Class::DateHeader(_)) {
        body - 1
    } else {
        body
    };
    // The class of the last line of `a` when a post starts there: found from the lines
    // after the last of `a` that could not start one (where finding where posts start
    // begins afresh), so that both parts are looked through at once.
    let tail = classes_a[body..]
        .iter()
        .rposition(|&c| !may_start_post(c))
        .map_or(body, |i| body + i + 1);
    let before = post_starts(classes_a, tail, None)
        .last()
        .filter(|&&i| i + 1 == classes_a.len())
        .map(|&i| classes_a[i]);
    let (starts_a, starts_b) = rayon::join(
        || post_starts(classes_a, body, None),
        || post_starts(classes_b, 0, before),
    );
    let (&last_a, &first_b) = (starts_a.last()?, starts_b.first()?);
    let mut main = Builder {
        src,
        lines: lines_a,
        classes: classes_a,
        stamps: &found_a.stamps,
        doc: Document {
            kind: DocKind::LiveBlog,
            ..Document::default()
        },
    };
    main.doc.source.bytes = src.len() as u64;
    main.doc.preamble = main.blocks(0..body, Mode::Header);
    let pre = main.blocks(body..starts_a[0], Mode::Body);
    main.doc.preamble.extend(pre);
    // The post across the cut: its lines in both parts, with their stamps.
    let mut stamps = Vec::new();
    let mut across = |lines: &[Line<'a>], classes: &[Class], table: &[RawStamp]| {
        let classes: Vec<Class> = classes
            .iter()
            .map(|c| {
                c.with_stamp(|id| {
                    stamps.push(table[id as usize]);
                    (stamps.len() - 1) as StampId
                })
            })
            .collect();
        (lines.to_vec(), classes)
    };
    let (mut lines, mut classes) =
        across(&lines_a[last_a..], &classes_a[last_a..], &found_a.stamps);
    let (more_lines, more_classes) =
        across(&lines_b[..first_b], &classes_b[..first_b], &found_b.stamps);
    lines.extend(more_lines);
    classes.extend(more_classes);
    // The posts of `a` but its last, the post across the cut, the posts of `b`.
    let (in_a, in_b) = (starts_a.len() - 1, starts_b.len());
    let of_a = || Builder::body(src, lines_a, classes_a, &found_a.stamps);
    let of_across = || Builder::body(src, &lines, &classes, &stamps);
    let of_b = || Builder::body(src, lines_b, classes_b, &found_b.stamps);
    let post_of_a = |a: &mut Builder<'_, 'a>, across: &mut Builder<'_, 'a>, n: usize| {
        if n < in_a {
            a.nth_post(&starts_a, n, last_a, true)
        } else {
            across.nth_post(&[0], 0, lines.len(), true)
        }
    };
    let post_of_b = |b: &mut Builder<'_, 'a>, k| b.nth_post(&starts_b, k, lines_b.len(), true);
    let built = if keep {
        // Each part's posts in a list of its own (the post across the cut with `a`'s).
        let (posts_a, posts_b) = rayon::join(
            || {
                in_place(
                    in_a + 1,
                    POSTS_A_PART,
                    || (of_a(), of_across()),
                    |(a, across), n| post_of_a(a, across, n),
                )
            },
            || in_place(in_b, POSTS_A_PART, of_b, post_of_b),
        );
        main.doc.posts = posts_a;
        let b = Document {
            kind: DocKind::LiveBlog,
            posts: posts_b,
            ..Document::default()
        };
        let mut parts = [main.doc, b];
        finish_parts(&mut parts);
        let [a, b] = parts;
        (a, Some(b))
    } else {
        main.doc.posts = in_place(
            in_a + 1 + in_b,
            POSTS_A_PART,
            || (of_a(), of_across(), of_b()),
            |(a, across, b), n| match n.checked_sub(in_a + 1) {
                None => post_of_a(a, across, n),
                Some(k) => post_of_b(b, k),
            },
        );
        (finished(main), None)
    };
    Some(built)
}

/// Where the posts of a timed live blog start among lines of classes `classes`, from
/// line `from` on: at a line that starts a post or is a date header, but for one
/// directly below a date header, or a headline with its time below a time stamp, that
/// starts a post already (`before` is the class of the line before the first, when that
/// line starts a post).
fn post_starts(classes: &[Class], from: usize, before: Option<Class>) -> Vec<usize> {
    let mut starts: Vec<usize> = Vec::new();
    // The last line a post was found to start at (the line before the first is
    // `usize::MAX`), and its class.
    let mut last: Option<(usize, Class)> = before.map(|c| (usize::MAX, c));
    for (i, &c) in classes.iter().enumerate().skip(from) {
        if !may_start_post(c) {
            continue;
        }
        if let Some((prev, p)) = last
            && prev.wrapping_add(1) == i
            && belongs_below(p, c)
        {
            continue;
        }
        last = Some((i, c));
        starts.push(i);
    }
    starts
}

/// Whether a line of class `c` starts a post of a timed live blog unless it belongs
/// below the line above it: a line that starts a post or a date header.
fn may_start_post(c: Class) -> bool {
    c.starts_post() || matches!(c, Class::DateHeader(_))
}

/// Whether a line of class `c` right below a line of class `prev` that starts a post
/// belongs to that post.
fn belongs_below(prev: Class, c: Class) -> bool {
    matches!(prev, Class::DateHeader(_))
        || matches!(
            (prev, c),
            (Class::PostStamp(_), Class::HeadlinePublished { .. })
        )
}

/// The fewest posts of a live blog built as one task on the rayon pool (see
/// `Builder::posts`): a page of fewer is built on one thread.
const POSTS_A_PART: usize = 256;

/// The document built from the classified lines of `src`, a live blog's posts in up to
/// `parts` parts at once.
fn from_classified<'a>(
    src: &'a str,
    lines: &[Line<'a>],
    classes: &[Class],
    found: Found,
    parts: usize,
) -> Document<'a> {
    let Found {
        diags: mut diagnostics,
        stamps,
    } = found;
    let timed = classes.iter().filter(|c| c.starts_post()).count();
    let declared = classes.iter().any(|c| matches!(c, Class::Declared(_)));
    let bullets = classes
        .iter()
        .filter(|c| matches!(c, Class::Bullet { .. }))
        .count();
    let kind = if declared || timed >= 2 {
        DocKind::LiveBlog
    } else if bullets >= 2 {
        DocKind::Bulletin
    } else {
        DocKind::Article
    };
    let mut b = Builder {
        src,
        lines,
        classes,
        stamps: &stamps,
        doc: Document {
            kind,
            ..Document::default()
        },
    };
    b.doc.source.bytes = src.len() as u64;
    let n = lines.len();
    match kind {
        DocKind::LiveBlog => {
            let body = if timed > 0 {
                classes.iter().position(|c| c.starts_post()).unwrap_or(n)
            } else {
                classes
                    .iter()
                    .position(|c| matches!(c, Class::Declared(_)))
                    .map_or(n, |i| i + 1)
            };
            // A date header right above the first post belongs to it.
            let body = if body > 0 && body < n && matches!(classes[body - 1], Class::DateHeader(_))
            {
                body - 1
            } else {
                body
            };
            let pre = b.blocks(0..body, Mode::Header);
            b.doc.preamble = pre;
            b.posts(body..n, timed > 0, parts);
        }
        DocKind::Article | DocKind::Bulletin => {
            let body = b.body_start();
            let pre = b.blocks(0..body, Mode::Header);
            b.doc.preamble = pre;
            if body < n {
                let blocks = b.blocks(body..n, Mode::Body);
                let mut post = Post {
                    blocks,
                    ..Post::default()
                };
                post.span = post_span(&post);
                b.doc.posts.push(post);
            }
        }
    }
    let mut doc = finished(b);
    if lines.is_empty() {
        doc.diagnostics.push(Diagnostic::new(
            Level::Info,
            "empty_document",
            "the text has no content",
            Span::new(0, src.len()),
        ));
    }
    diagnostics.append(&mut doc.diagnostics);
    doc.diagnostics = diagnostics;
    doc
}

/// The span from a post's first leaf element to its last.
fn post_span(post: &Post<'_>) -> Span {
    post.leaf_spans().reduce(Span::join).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headline_shapes() {
        assert!(headline_like("Ministers meet in Geneva"));
        assert!(headline_like("“Calm” returns to the capital"));
        assert!(headline_like("2022 budget passes"));
        assert!(!headline_like("ministers meet in Geneva"));
        assert!(!headline_like("Ministers meet in Geneva."));
        assert!(!headline_like("Ministers meet in Geneva,"));
        assert!(!headline_like(""));
    }

    #[test]
    fn caption_credits() {
        let p = caption_parts("A convoy moves along a highway. (AP)").unwrap();
        assert_eq!(p.credit, Some(33..35));
        let t = "Residents said they hoped for the best. Video: Reuters";
        let p = caption_parts(t).unwrap();
        assert_eq!(
            (&t[p.credit.clone().unwrap()], &t[p.label.unwrap()]),
            ("Reuters", "Video")
        );
        let t = "Crowds gather at the square. Image source, Ana Ruiz";
        assert_eq!(&t[caption_parts(t).unwrap().credit.unwrap()], "Ana Ruiz");
        assert!(caption_parts("FILE - Ministers meet in 2019.").is_some());
        assert!(caption_parts("The ministers met in Geneva.").is_none());
        assert!(caption_parts("The minister (left) spoke first").is_none());
        assert!(caption_parts("The speed was 40 (km/h).").is_none());
    }

    #[test]
    fn closing_agency_credit() {
        let t = "They want to go. – PA/Reuters";
        let (dash, start) = agency_credit(t).unwrap();
        assert_eq!((&t[dash..dash + 3], &t[start..]), ("–", "PA/Reuters"));
        assert!(agency_credit("A range – from north to south").is_none());
    }
}
