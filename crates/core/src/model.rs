//! The document model: what a parser makes of one page.

use std::borrow::Cow;

use crate::{Diagnostic, Span, Stamp};

/// The schema tag written at the top of a document's JSON form.
pub const DOCUMENT_SCHEMA: &str = "liveline/document@1";

fn own(c: Cow<'_, str>) -> Cow<'static, str> {
    Cow::Owned(c.into_owned())
}

fn own_opt(c: Option<Cow<'_, str>>) -> Option<Cow<'static, str>> {
    c.map(own)
}

/// What kind of page a document is.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
pub enum DocKind {
    /// A live blog: a run of posts, usually with a time each.
    LiveBlog,
    /// An ordinary article.
    #[default]
    Article,
    /// A "what we know" page: a list of bullet points.
    Bulletin,
}

/// A piece of text and where it stands in the source.
#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Text<'a> {
    /// The text (borrowed from the source until a cleaning pass changes it).
    pub text: Cow<'a, str>,
    /// Where it stands in the source.
    pub span: Span,
}

impl Text<'_> {
    /// Convert into text that owns its string.
    pub fn into_owned(self) -> Text<'static> {
        Text {
            text: own(self.text),
            span: self.span,
        }
    }
}

/// The page's byline: "By Aditi Sangal, Melissa Mahtani and Meg Wagner, CNN".
#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Byline<'a> {
    /// The authors, in the order written.
    pub authors: Vec<Cow<'a, str>>,
    /// The outlet, when written ("CNN").
    pub outlet: Option<Cow<'a, str>>,
    /// The whole byline line.
    pub span: Span,
}

impl Byline<'_> {
    /// Convert into a byline that owns its strings.
    pub fn into_owned(self) -> Byline<'static> {
        Byline {
            authors: self.authors.into_iter().map(own).collect(),
            outlet: own_opt(self.outlet),
            span: self.span,
        }
    }
}

/// One contributor to a post: "From CNN's Vasco Cotovio in London".
#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Contributor<'a> {
    /// The person's name.
    pub name: Cow<'a, str>,
    /// The outlet they write for, when written.
    pub outlet: Option<Cow<'a, str>>,
    /// Where they wrote from, when written.
    pub location: Option<Cow<'a, str>>,
}

impl Contributor<'_> {
    /// Convert into a contributor that owns its strings.
    pub fn into_owned(self) -> Contributor<'static> {
        Contributor {
            name: own(self.name),
            outlet: own_opt(self.outlet),
            location: own_opt(self.location),
        }
    }
}

/// What a block is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
#[non_exhaustive]
pub enum BlockKind {
    /// A paragraph of body text.
    Paragraph,
    /// A photo or video caption; the credit, when written, is in [`Block::credit`].
    Caption,
    /// Several captions in a row; each is an item.
    Gallery,
    /// One bullet point ("* ...").
    Bullet,
    /// A subheading inside an article or post.
    Subhead,
    /// A labelled section: the label ("Some background") is in [`Block::label`], the
    /// text after it on the same line (possibly empty) in [`Block::text`].
    Section,
    /// A related link ("Read all the details here.") or a labelled list of links
    /// ("GO DEEPER"), with each link an item.
    Related,
    /// Interface text, promos and other boilerplate: kept and marked, never dropped.
    Boilerplate,
    /// A standfirst: the summary lines under an article's title.
    Standfirst,
    /// A dated item inside a post ("2014: In March 2014, Russia annexed Crimea ...");
    /// the year is in [`Block::label`].
    YearItem,
    /// A closing note on who contributed ("VOA's Margaret Besheer contributed to this
    /// report.").
    Note,
    /// A closing agency credit ("– PA/Reuters"); the agencies are in [`Block::text`].
    Credit,
}

impl BlockKind {
    /// The snake-case name used in JSON.
    pub fn as_str(self) -> &'static str {
        match self {
            BlockKind::Paragraph => "paragraph",
            BlockKind::Caption => "caption",
            BlockKind::Gallery => "gallery",
            BlockKind::Bullet => "bullet",
            BlockKind::Subhead => "subhead",
            BlockKind::Section => "section",
            BlockKind::Related => "related",
            BlockKind::Boilerplate => "boilerplate",
            BlockKind::Standfirst => "standfirst",
            BlockKind::YearItem => "year_item",
            BlockKind::Note => "note",
            BlockKind::Credit => "credit",
        }
    }

    /// Every kind, in declaration order.
    pub const ALL: [BlockKind; 12] = [
        BlockKind::Paragraph,
        BlockKind::Caption,
        BlockKind::Gallery,
        BlockKind::Bullet,
        BlockKind::Subhead,
        BlockKind::Section,
        BlockKind::Related,
        BlockKind::Boilerplate,
        BlockKind::Standfirst,
        BlockKind::YearItem,
        BlockKind::Note,
        BlockKind::Credit,
    ];
}

/// One block of a document or post.
#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Block<'a> {
    /// What the block is.
    pub kind: BlockKind,
    /// Its text. For a gallery or a list of links, the source text of the whole block.
    pub text: Cow<'a, str>,
    /// A caption's credit ("Fabrice Coffrini/AFP/Getty Images").
    #[cfg_attr(feature = "serde", serde(default))]
    pub credit: Option<Cow<'a, str>>,
    /// A label written before the text: a section's "Some background", a year item's
    /// "2014", a link list's "GO DEEPER", a boilerplate block's reason.
    #[cfg_attr(feature = "serde", serde(default))]
    pub label: Option<Cow<'a, str>>,
    /// The captions of a gallery, the links of a link list.
    #[cfg_attr(
        feature = "serde",
        serde(default, skip_serializing_if = "Vec::is_empty")
    )]
    pub items: Vec<Block<'a>>,
    /// Where the block stands in the source.
    pub span: Span,
}

impl<'a> Block<'a> {
    /// A block of `kind` with `text` and nothing else.
    pub fn new(kind: BlockKind, text: impl Into<Cow<'a, str>>, span: Span) -> Self {
        Block {
            kind,
            text: text.into(),
            credit: None,
            label: None,
            items: Vec::new(),
            span,
        }
    }

    /// Convert into a block that owns its strings.
    pub fn into_owned(self) -> Block<'static> {
        Block {
            kind: self.kind,
            text: own(self.text),
            credit: own_opt(self.credit),
            label: own_opt(self.label),
            items: self.items.into_iter().map(Block::into_owned).collect(),
            span: self.span,
        }
    }
}

/// One post of a live blog (or the body of an article or bulletin).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Post<'a> {
    /// A date header line standing before the post ("March 23, 2022"), which gives its
    /// date to this post and the ones after it.
    #[cfg_attr(
        feature = "serde",
        serde(default, skip_serializing_if = "Option::is_none")
    )]
    pub date_header: Option<Stamp<'a>>,
    /// The post's time stamp, when it has one.
    pub stamp: Option<Stamp<'a>>,
    /// The post's headline, when it has one.
    pub headline: Option<Text<'a>>,
    /// Who wrote it ("From CNN's A and B in Kyiv").
    #[cfg_attr(feature = "serde", serde(default))]
    pub contributors: Vec<Contributor<'a>>,
    /// Where the contributor line stands in the source.
    #[cfg_attr(feature = "serde", serde(default))]
    pub contributors_span: Option<Span>,
    /// The post's blocks in order.
    #[cfg_attr(feature = "serde", serde(default))]
    pub blocks: Vec<Block<'a>>,
    /// The whole post.
    pub span: Span,
}

impl Post<'_> {
    /// The spans of the post's leaf elements: date header, stamp, headline, contributor
    /// line and blocks, in that order.
    pub fn leaf_spans(&self) -> impl Iterator<Item = Span> + '_ {
        self.date_header
            .iter()
            .chain(self.stamp.iter())
            .map(|s| s.span)
            .chain(self.headline.iter().map(|h| h.span))
            .chain(self.contributors_span)
            .chain(self.blocks.iter().map(|b| b.span))
    }

    /// Convert into a post that owns its strings.
    pub fn into_owned(self) -> Post<'static> {
        Post {
            date_header: self.date_header.map(Stamp::into_owned),
            stamp: self.stamp.map(Stamp::into_owned),
            headline: self.headline.map(Text::into_owned),
            contributors: self
                .contributors
                .into_iter()
                .map(Contributor::into_owned)
                .collect(),
            contributors_span: self.contributors_span,
            blocks: self.blocks.into_iter().map(Block::into_owned).collect(),
            span: self.span,
        }
    }
}

/// Where a document came from: set by whoever read the bytes.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Source {
    /// The path as given, or `None` for text that came from elsewhere.
    #[cfg_attr(feature = "serde", serde(default))]
    pub path: Option<String>,
    /// The size of the source text in bytes.
    pub bytes: u64,
    /// The SHA-256 of the source bytes in lower-case hex, when computed.
    #[cfg_attr(feature = "serde", serde(default))]
    pub sha256: Option<String>,
}

/// A parsed page.
///
/// Every element has a span into the source; the spans of the leaf elements (title,
/// site, byline, updated stamp, declared post count, top-level blocks, and each post's
/// stamp, headline, contributor line and blocks) never overlap and cover every
/// non-blank character of the source: nothing is lost.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Deserialize))]
pub struct Document<'a> {
    /// Where the text came from.
    #[cfg_attr(feature = "serde", serde(default))]
    pub source: Source,
    /// What kind of page this is.
    pub kind: DocKind,
    /// The page title.
    #[cfg_attr(feature = "serde", serde(default))]
    pub title: Option<Text<'a>>,
    /// The site name written after the title ("CNN Politics" in "... | CNN Politics").
    #[cfg_attr(feature = "serde", serde(default))]
    pub site: Option<Text<'a>>,
    /// The byline.
    #[cfg_attr(feature = "serde", serde(default))]
    pub byline: Option<Byline<'a>>,
    /// The page's "Updated ..." stamp.
    #[cfg_attr(feature = "serde", serde(default))]
    pub updated: Option<Stamp<'a>>,
    /// The number of posts the page says it has ("10 Posts").
    #[cfg_attr(feature = "serde", serde(default))]
    pub declared_posts: Option<u32>,
    /// Where the "N Posts" line stands.
    #[cfg_attr(feature = "serde", serde(default))]
    pub declared_posts_span: Option<Span>,
    /// Blocks before the first post (standfirst, lead caption, interface text).
    #[cfg_attr(feature = "serde", serde(default))]
    pub preamble: Vec<Block<'a>>,
    /// The posts, in page order. An article or bulletin has one post holding its body.
    #[cfg_attr(feature = "serde", serde(default))]
    pub posts: Vec<Post<'a>>,
    /// Blocks after the last post (link lists, closing notes and credits).
    #[cfg_attr(feature = "serde", serde(default))]
    pub trailer: Vec<Block<'a>>,
    /// What the parser noticed: never fatal.
    #[cfg_attr(feature = "serde", serde(default))]
    pub diagnostics: Vec<Diagnostic>,
}

impl<'a> Document<'a> {
    /// Convert into a document that owns its strings.
    pub fn into_owned(self) -> Document<'static> {
        Document {
            source: self.source,
            kind: self.kind,
            title: self.title.map(Text::into_owned),
            site: self.site.map(Text::into_owned),
            byline: self.byline.map(Byline::into_owned),
            updated: self.updated.map(Stamp::into_owned),
            declared_posts: self.declared_posts,
            declared_posts_span: self.declared_posts_span,
            preamble: self.preamble.into_iter().map(Block::into_owned).collect(),
            posts: self.posts.into_iter().map(Post::into_owned).collect(),
            trailer: self.trailer.into_iter().map(Block::into_owned).collect(),
            diagnostics: self.diagnostics,
        }
    }

    /// A document given in parts, as one: the posts of the parts after the first
    /// appended to the first part's in order, and their trailers and diagnostics too.
    /// The parts are those a long page is cleaned or parsed in on several threads (see
    /// [`Clean::clean_parts`](crate::Clean::clean_parts)): the first holds the head and
    /// the first posts, each next part only posts, and the last the trailer.
    ///
    /// ```
    /// use liveline_core::{Document, Post};
    ///
    /// let post = |n: usize| Post { span: liveline_core::Span::new(n, n + 1), ..Post::default() };
    /// let head = Document { posts: vec![post(0)], ..Document::default() };
    /// let rest = Document { posts: vec![post(1), post(2)], ..Document::default() };
    /// let doc = Document::from_parts([head, rest]);
    /// assert_eq!(doc.posts, vec![post(0), post(1), post(2)]);
    /// ```
    pub fn from_parts(parts: impl IntoIterator<Item = Document<'a>>) -> Document<'a> {
        let mut parts = parts.into_iter();
        let mut doc = parts.next().unwrap_or_default();
        for mut part in parts {
            doc.posts.append(&mut part.posts);
            doc.trailer.append(&mut part.trailer);
            doc.diagnostics.append(&mut part.diagnostics);
        }
        doc
    }

    /// Every top-level block in page order: the preamble, each post's blocks, the
    /// trailer.
    pub fn blocks(&self) -> impl Iterator<Item = &Block<'a>> {
        self.preamble
            .iter()
            .chain(self.posts.iter().flat_map(|p| &p.blocks))
            .chain(&self.trailer)
    }

    /// [`Document::blocks`], to change them.
    pub fn blocks_mut(&mut self) -> impl Iterator<Item = &mut Block<'a>> {
        self.preamble
            .iter_mut()
            .chain(self.posts.iter_mut().flat_map(|p| &mut p.blocks))
            .chain(&mut self.trailer)
    }

    /// The spans of the leaf elements, in source order (see [`Document`]).
    pub fn leaf_spans(&self) -> Vec<Span> {
        let mut spans = Vec::new();
        spans.extend(self.title.as_ref().map(|t| t.span));
        spans.extend(self.site.as_ref().map(|t| t.span));
        spans.extend(self.byline.as_ref().map(|b| b.span));
        spans.extend(self.updated.as_ref().map(|s| s.span));
        spans.extend(self.declared_posts_span);
        spans.extend(self.preamble.iter().map(|b| b.span));
        for post in &self.posts {
            spans.extend(post.leaf_spans());
        }
        spans.extend(self.trailer.iter().map(|b| b.span));
        spans.sort_unstable();
        spans
    }
}

#[cfg(feature = "serde")]
impl serde::Serialize for Document<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let mut st = s.serialize_struct("Document", 14)?;
        st.serialize_field("schema", DOCUMENT_SCHEMA)?;
        st.serialize_field("source", &self.source)?;
        st.serialize_field("kind", &self.kind)?;
        st.serialize_field("title", &self.title)?;
        st.serialize_field("site", &self.site)?;
        st.serialize_field("byline", &self.byline)?;
        st.serialize_field("updated", &self.updated)?;
        st.serialize_field("declared_posts", &self.declared_posts)?;
        st.serialize_field("declared_posts_span", &self.declared_posts_span)?;
        st.serialize_field("preamble", &self.preamble)?;
        st.serialize_field("posts", &self.posts)?;
        st.serialize_field("trailer", &self.trailer)?;
        st.serialize_field("diagnostics", &self.diagnostics)?;
        st.end()
    }
}
