//! Visiting every piece of text of a document, and the shared shape of a pass that
//! rewrites texts one by one.

use std::borrow::Cow;

use liveline_core::{Block, CleanLog, Document, Span};

/// Which field of a document a piece of text is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Field {
    /// The page title.
    Title,
    /// The site name after the title.
    Site,
    /// An author of the byline.
    Author,
    /// The byline's outlet.
    Outlet,
    /// A post headline.
    Headline,
    /// A contributor's name.
    Contributor,
    /// A block's text.
    Block,
    /// A caption's credit.
    Credit,
    /// A block's label.
    Label,
}

fn visit_block<'a>(b: &mut Block<'a>, f: &mut impl FnMut(Field, Span, &mut Cow<'a, str>)) {
    f(Field::Block, b.span, &mut b.text);
    if let Some(c) = b.credit.as_mut() {
        f(Field::Credit, b.span, c);
    }
    if let Some(l) = b.label.as_mut() {
        f(Field::Label, b.span, l);
    }
    for item in &mut b.items {
        visit_block(item, f);
    }
}

/// Call `f` on every piece of text of `doc` that cleaning may change, with the span of
/// the element it belongs to. Stamps are left out: they keep their text as written.
pub fn for_each_text<'a>(
    doc: &mut Document<'a>,
    mut f: impl FnMut(Field, Span, &mut Cow<'a, str>),
) {
    if let Some(t) = doc.title.as_mut() {
        f(Field::Title, t.span, &mut t.text);
    }
    if let Some(t) = doc.site.as_mut() {
        f(Field::Site, t.span, &mut t.text);
    }
    if let Some(b) = doc.byline.as_mut() {
        for a in &mut b.authors {
            f(Field::Author, b.span, a);
        }
        if let Some(o) = b.outlet.as_mut() {
            f(Field::Outlet, b.span, o);
        }
    }
    for b in &mut doc.preamble {
        visit_block(b, &mut f);
    }
    for p in &mut doc.posts {
        if let Some(h) = p.headline.as_mut() {
            f(Field::Headline, h.span, &mut h.text);
        }
        let span = p.contributors_span.unwrap_or(p.span);
        for c in &mut p.contributors {
            f(Field::Contributor, span, &mut c.name);
        }
        for b in &mut p.blocks {
            visit_block(b, &mut f);
        }
    }
    for b in &mut doc.trailer {
        visit_block(b, &mut f);
    }
}

/// Rewrite every text of `doc` with `fix`, which returns `None` when a text needs no
/// change (the text then stays as it was, borrowed). Each change is logged under `pass`
/// with `why`.
pub fn fix_texts(
    doc: &mut Document<'_>,
    log: &mut CleanLog,
    pass: &str,
    why: &str,
    fix: impl Fn(&str) -> Option<String>,
) {
    for_each_text(doc, |field, span, text| {
        if let Some(new) = fix(text)
            && new != **text
        {
            log.record_with(pass, span, || format!("{why} ({field:?})"));
            *text = Cow::Owned(new);
        }
    });
}

/// Where a block stands: which list (0 the preamble, 1 + i post i, then the trailer)
/// and its index there.
pub(crate) type At = (usize, usize);

/// The list of blocks `n` of `doc` (see [`At`]).
pub(crate) fn list<'d, 'a>(doc: &'d mut Document<'a>, n: usize) -> &'d mut Vec<Block<'a>> {
    if n == 0 {
        &mut doc.preamble
    } else if n <= doc.posts.len() {
        &mut doc.posts[n - 1].blocks
    } else {
        &mut doc.trailer
    }
}

/// The block at `at` in `doc`.
pub(crate) fn block<'d, 'a>(doc: &'d Document<'a>, (n, i): At) -> &'d Block<'a> {
    if n == 0 {
        &doc.preamble[i]
    } else if n <= doc.posts.len() {
        &doc.posts[n - 1].blocks[i]
    } else {
        &doc.trailer[i]
    }
}

/// The lists of blocks of `doc`, in the order of [`At`]: preamble, each post's,
/// trailer.
pub(crate) fn lists<'d>(doc: &'d Document<'_>) -> Vec<&'d [Block<'d>]> {
    std::iter::once(doc.preamble.as_slice())
        .chain(doc.posts.iter().map(|p| p.blocks.as_slice()))
        .chain(std::iter::once(doc.trailer.as_slice()))
        .collect()
}
