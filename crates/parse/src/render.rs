//! Writing a document back to the live-blog text format.
//!
//! The output is what [`parse`](crate::parse) reads: a title, a byline, an "Updated"
//! line, "N Posts", then each post as stamp, headline, contributor line and blocks,
//! separated by blank lines. Captions with a credit are printed twice (bare, then with
//! the credit), as news pages print them. Used by the round-trip tests.

use std::fmt::Write;

use liveline_core::{Block, BlockKind, Document};

fn block(out: &mut String, b: &Block<'_>) {
    match b.kind {
        BlockKind::Caption => {
            let _ = writeln!(out, "{}", b.text);
            if let Some(c) = &b.credit {
                let _ = writeln!(out, "{} ({c})", b.text);
            }
        }
        BlockKind::Gallery => {
            for item in &b.items {
                let _ = writeln!(out, "{}", item.text);
                if let Some(c) = &item.credit {
                    let _ = writeln!(out, "{} ({c})", item.text);
                }
            }
        }
        BlockKind::Bullet => {
            let _ = writeln!(out, "* {}", b.text);
        }
        BlockKind::Section | BlockKind::YearItem => {
            let label = b.label.as_deref().unwrap_or_default();
            if b.text.is_empty() {
                let _ = writeln!(out, "{label}:");
            } else {
                let _ = writeln!(out, "{label}: {}", b.text);
            }
        }
        BlockKind::Related if !b.items.is_empty() || b.label.is_some() => {
            let _ = writeln!(out, "{}", b.label.as_deref().unwrap_or_default());
            for item in &b.items {
                let _ = writeln!(out, "{}", item.text);
            }
        }
        _ => {
            let _ = writeln!(out, "{}", b.text);
        }
    }
    out.push('\n');
}

/// Render `doc` in the live-blog text format.
pub fn render(doc: &Document<'_>) -> String {
    let mut out = String::new();
    if let Some(t) = &doc.title {
        out.push_str(&t.text);
        if let Some(site) = &doc.site {
            let _ = write!(out, " | {}", site.text);
        }
        out.push_str("\n\n");
    }
    if let Some(b) = &doc.byline {
        out.push_str("By ");
        let n = b.authors.len();
        for (i, a) in b.authors.iter().enumerate() {
            if i > 0 {
                out.push_str(if i + 1 == n { " and " } else { ", " });
            }
            out.push_str(a);
        }
        if let Some(o) = &b.outlet {
            let _ = write!(out, ", {o}");
        }
        out.push_str("\n\n");
    }
    if let Some(u) = &doc.updated {
        let _ = writeln!(out, "{}", u.text);
    }
    if let Some(n) = doc.declared_posts {
        let _ = writeln!(out, "{n} Posts");
    }
    out.push('\n');
    for b in &doc.preamble {
        block(&mut out, b);
    }
    for p in &doc.posts {
        if let Some(h) = &p.date_header {
            let _ = writeln!(out, "{}\n", h.text);
        }
        if let Some(s) = &p.stamp {
            let _ = writeln!(out, "{}\n", s.text);
        }
        if let Some(h) = &p.headline {
            let _ = writeln!(out, "{}\n", h.text);
        }
        if !p.contributors.is_empty() {
            // The text format names contributors as "From OUTLET's A and B"; a
            // contributor without an outlet is written "From A" (which reads back as a
            // paragraph: the format has no other place for it).
            match p.contributors[0].outlet.as_deref() {
                Some(outlet) => {
                    let _ = write!(out, "From {outlet}'s ");
                }
                None => out.push_str("From "),
            }
            let n = p.contributors.len();
            for (i, c) in p.contributors.iter().enumerate() {
                if i > 0 {
                    out.push_str(if i + 1 == n { " and " } else { ", " });
                }
                out.push_str(&c.name);
                if let Some(l) = &c.location {
                    let _ = write!(out, " in {l}");
                }
            }
            out.push_str("\n\n");
        }
        for b in &p.blocks {
            block(&mut out, b);
        }
    }
    for b in &doc.trailer {
        block(&mut out, b);
    }
    out
}
