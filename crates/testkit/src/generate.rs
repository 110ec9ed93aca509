//! Documents generated from bytes, in the shapes the live-blog text format expresses.
//!
//! [`document`] draws a live blog (title, byline, Updated stamp, post count, posts with
//! stamps, headlines, contributors, captions with credits, galleries, paragraphs,
//! bullets, labelled sections and year items) from an [`Unstructured`] byte source. The
//! same bytes always give the same document, so proptest (over byte vectors) and
//! cargo-fuzz (over its inputs) share one generator.
//!
//! The document is the one the parser must give back for the rendered text, spans
//! aside: stamps carry their local time, zone and UTC instant, computed here from the
//! generated parts.

use std::borrow::Cow;

use arbitrary::{Result, Unstructured};
use liveline_core::{
    Block, BlockKind, Byline, Contributor, DocKind, Document, LocalTime, Post, Span, Stamp, Text,
    zone,
};

const CAPS: &[&str] = &[
    "Officials",
    "Ministers",
    "Crowds",
    "Delegates",
    "Workers",
    "Engineers",
    "Farmers",
    "Pilots",
    "Doctors",
    "Teachers",
    "Voters",
    "Residents",
    "Negotiators",
    "Mayors",
];
const WORDS: &[&str] = &[
    "gathered",
    "near",
    "the",
    "river",
    "city",
    "hall",
    "agreed",
    "to",
    "meet",
    "again",
    "later",
    "plans",
    "for",
    "a",
    "new",
    "bridge",
    "were",
    "shown",
    "after",
    "long",
    "debate",
    "over",
    "budget",
    "rail",
    "line",
    "harbour",
    "school",
    "market",
    "square",
    "north",
    "south",
    "quiet",
    "busy",
    "road",
    "café",
    "naïve",
    "façade",
    "Zürich",
    "“calm”",
    "—",
    "(briefly)",
    "O’Neill",
    "it’s",
    "rock’n’roll",
    "إغاثة",
    "水道",
    "ünïcödé",
];
const FIRST: &[&str] = &[
    "Ana", "Ben", "Chloé", "Dmytro", "Eva", "Femi", "Gao", "Hana", "Ió",
];
const LAST: &[&str] = &[
    "Ruiz", "Okafor", "Kowalski", "Lee", "Novak", "Said", "Brown", "Ivanova",
];
const OUTLETS: &[&str] = &["CNN", "BBC", "Reuters", "AFP"];
const PLACES: &[&str] = &["Kyiv", "London", "Geneva", "Lagos", "Seoul", "São Paulo"];
const LABELS: &[&str] = &[
    "Some background",
    "Why it matters",
    "Catch up",
    "The backstory",
];
/// English month names, January first.
pub const MONTHS: &[&str] = &liveline_core::news::MONTH_NAMES;
const ZONES: &[&str] = &[
    "ET", "EST", "EDT", "GMT", "BST", "UTC", "CET", "EET", "IST", "HKT", "PT", "JST",
];

fn owned(s: String) -> Cow<'static, str> {
    Cow::Owned(s)
}

fn words(u: &mut Unstructured<'_>, min: usize, max: usize) -> Result<String> {
    let n = u.int_in_range(min..=max)?;
    let mut out = String::from(*u.choose(CAPS)?);
    for _ in 1..n {
        out.push(' ');
        out.push_str(u.choose(WORDS)?);
    }
    Ok(out)
}

fn headline(u: &mut Unstructured<'_>) -> Result<String> {
    let mut h = words(u, 5, 12)?;
    // A headline never ends with punctuation or a parenthesis.
    while h.ends_with(')') || h.ends_with('”') || h.ends_with('—') {
        h.push_str(" today");
    }
    Ok(h)
}

fn sentence(u: &mut Unstructured<'_>) -> Result<String> {
    let mut s = words(u, 5, 25)?;
    s.push('.');
    Ok(s)
}

fn name(u: &mut Unstructured<'_>) -> Result<String> {
    Ok(format!("{} {}", u.choose(FIRST)?, u.choose(LAST)?))
}

/// A stamp written in one of the full forms, with its expected local time and UTC.
fn stamp(u: &mut Unstructured<'_>, prefix: &str) -> Result<Stamp<'static>> {
    let year = u.int_in_range(1995..=2035)?;
    let month: i8 = u.int_in_range(1..=12)?;
    let days = [
        31,
        if year % 4 == 0 { 29 } else { 28 },
        31,
        30,
        31,
        30,
        31,
        31,
        30,
        31,
        30,
        31,
    ];
    let day: i8 = u.int_in_range(1..=days[(month - 1) as usize])?;
    let hour: i8 = u.int_in_range(0..=23)?;
    let minute: i8 = u.int_in_range(0..=59)?;
    let z = *u.choose(ZONES)?;
    let mname = MONTHS[(month - 1) as usize];
    let h12 = match hour % 12 {
        0 => 12,
        h => h,
    };
    let ampm = if hour < 12 { "a.m." } else { "p.m." };
    let text = match u.int_in_range(0..=3)? {
        0 => format!("{h12}:{minute:02} {ampm} {z}, {mname} {day}, {year}"),
        1 => format!(
            "{} {day}, {year}, {h12}:{minute:02} {} {z}",
            &mname[..3],
            if hour < 12 { "am" } else { "pm" }
        ),
        2 => format!("{hour:02}:{minute:02} {z}, {day} {mname} {year}"),
        _ => format!("{hour:02}.{minute:02} {z} {mname} {day}, {year}"),
    };
    let text = format!("{prefix}{text}");
    let local = LocalTime::minute(year, month, day, hour, minute);
    let zone = zone::by_abbr(z).expect("generated zones are in the table");
    let utc = local.datetime().and_then(|dt| zone.to_utc(dt));
    Ok(Stamp {
        text: owned(text),
        local: Some(local),
        zone: Some(Cow::Borrowed(zone.abbr)),
        tz: Some(Cow::Borrowed(zone.iana)),
        utc,
        ago_minutes: None,
        span: Span::default(),
    })
}

fn caption(u: &mut Unstructured<'_>) -> Result<Block<'static>> {
    let mut b = Block::new(BlockKind::Caption, owned(sentence(u)?), Span::default());
    b.credit = Some(owned(format!(
        "{}/{}/Getty Images",
        name(u)?,
        u.choose(OUTLETS)?
    )));
    Ok(b)
}

fn block(u: &mut Unstructured<'_>) -> Result<Block<'static>> {
    let span = Span::default();
    Ok(match u.int_in_range(0..=7)? {
        0 | 1 => Block::new(BlockKind::Paragraph, owned(sentence(u)?), span),
        2 => caption(u)?,
        3 => {
            let n = u.int_in_range(2..=3)?;
            let items = (0..n).map(|_| caption(u)).collect::<Result<Vec<_>>>()?;
            let text = items
                .iter()
                .map(|c| {
                    format!(
                        "{t}\n{t} ({})",
                        c.credit.as_deref().unwrap_or_default(),
                        t = c.text
                    )
                })
                .collect::<Vec<_>>()
                .join("\n");
            let mut g = Block::new(BlockKind::Gallery, owned(text), span);
            g.items = items;
            g
        }
        4 => Block::new(BlockKind::Bullet, owned(sentence(u)?), span),
        5 => {
            let mut b = Block::new(BlockKind::Section, owned(sentence(u)?), span);
            b.label = Some(Cow::Borrowed(u.choose(LABELS)?));
            b
        }
        6 => {
            let mut b = Block::new(BlockKind::Section, Cow::Borrowed(""), span);
            b.label = Some(Cow::Borrowed("Some background"));
            b
        }
        _ => {
            let year: u16 = u.int_in_range(1990..=2030)?;
            let mut b = Block::new(BlockKind::YearItem, owned(sentence(u)?), span);
            b.label = Some(owned(year.to_string()));
            b
        }
    })
}

fn post(u: &mut Unstructured<'_>) -> Result<Post<'static>> {
    let stamp = stamp(u, "")?;
    let headline = Text {
        text: owned(headline(u)?),
        span: Span::default(),
    };
    let n = u.int_in_range(0..=3)?;
    let located = u.arbitrary::<bool>()?;
    let mut contributors = Vec::new();
    for _ in 0..n {
        contributors.push(Contributor {
            name: owned(name(u)?),
            outlet: Some(Cow::Borrowed("CNN")),
            location: if located {
                Some(Cow::Borrowed(u.choose(PLACES)?))
            } else {
                None
            },
        });
    }
    let n = u.int_in_range(1..=5)?;
    let blocks = (0..n).map(|_| block(u)).collect::<Result<Vec<_>>>()?;
    Ok(Post {
        date_header: None,
        stamp: Some(stamp),
        headline: Some(headline),
        contributors_span: (!contributors.is_empty()).then(Span::default),
        contributors,
        blocks,
        span: Span::default(),
    })
}

/// A live blog drawn from `u` (see the module docs).
pub fn document(u: &mut Unstructured<'_>) -> Result<Document<'static>> {
    let n_authors = u.int_in_range(1..=3)?;
    let mut authors: Vec<Cow<'static, str>> = Vec::new();
    for _ in 0..n_authors {
        authors.push(owned(name(u)?));
    }
    let outlet = if u.arbitrary::<bool>()? {
        Some(Cow::Borrowed(*u.choose(OUTLETS)?))
    } else {
        None
    };
    let n_posts = u.int_in_range(1..=6)?;
    let posts = (0..n_posts).map(|_| post(u)).collect::<Result<Vec<_>>>()?;
    Ok(Document {
        kind: DocKind::LiveBlog,
        title: Some(Text {
            text: owned(headline(u)?),
            span: Span::default(),
        }),
        byline: Some(Byline {
            authors,
            outlet,
            span: Span::default(),
        }),
        updated: Some(stamp(u, "Updated ")?),
        declared_posts: Some(n_posts),
        declared_posts_span: Some(Span::default()),
        posts,
        ..Document::default()
    })
}
