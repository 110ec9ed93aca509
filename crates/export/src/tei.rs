//! `tei`: XML-TEI as corpus linguists use it. The `teiHeader` gives the title, every
//! contributor as an `author`, liveline as publisher with the date the sources were
//! last updated, and one `bibl` a source page (title, outlet, file name, SHA-256,
//! "Updated" stamp). The body holds one `div` an event, its `type` the event kind
//! (`post`, `bullet`, `year_item`, `article`), `xml:id` `e` + its id:
//!
//! ```xml
//! <div type="post" xml:id="e3f5625bb881d9a91" corresp="#src1 #src3">
//!   <head>US will share concerns with Russia in writing next week, Blinken says</head>
//!   <dateline><time when="2022-01-21T13:14:00Z">08:14 ET</time></dateline>
//!   <byline>Ellie Kaufman (CNN)</byline>
//!   <p>US Secretary of State Antony Blinken said ...</p>
//!   <figure><figDesc>A caption.</figDesc><note type="credit">Name/AFP/Getty Images</note></figure>
//!   <note type="sources">003_8ceedb8b0327a9e8.txt#5@7037-7926</note>
//! </div>
//! ```
//!
//! Text is escaped by quick-xml, and characters XML 1.0 forbids are dropped.

use std::io::{self, Write};

use liveline_core::{Event, Export, ExportError, Timeline};
use quick_xml::Writer;
use quick_xml::events::{BytesDecl, BytesText, Event as Xml};

use crate::text::{byline, captions, iso, local_label, paragraphs, source_ref, title, xml_safe};

/// The `tei` format.
#[derive(Clone, Copy, Debug, Default)]
pub struct Tei;

/// The TEI namespace.
pub const NAMESPACE: &str = "http://www.tei-c.org/ns/1.0";

type W<'o> = Writer<&'o mut dyn Write>;

/// The start of element `name` with `attrs` (values made XML-safe).
fn start<'w, 'o>(
    w: &'w mut W<'o>,
    name: &'w str,
    attrs: &[(&str, &str)],
) -> quick_xml::writer::ElementWriter<'w, &'o mut dyn Write> {
    let mut el = w.create_element(name);
    for &(k, v) in attrs {
        el = el.with_attribute((k, xml_safe(v).as_ref()));
    }
    el
}

/// An element holding `text`.
fn text_element(w: &mut W<'_>, name: &str, attrs: &[(&str, &str)], text: &str) -> io::Result<()> {
    start(w, name, attrs).write_text_content(BytesText::new(&xml_safe(text)))?;
    Ok(())
}

/// An element whose content `inner` writes.
fn element(
    w: &mut W<'_>,
    name: &str,
    attrs: &[(&str, &str)],
    inner: impl FnOnce(&mut W<'_>) -> io::Result<()>,
) -> io::Result<()> {
    start(w, name, attrs).write_inner_content(inner)?;
    Ok(())
}

fn header(w: &mut W<'_>, t: &Timeline) -> io::Result<()> {
    element(w, "teiHeader", &[], |w| {
        element(w, "fileDesc", &[], |w| {
            element(w, "titleStmt", &[], |w| {
                text_element(w, "title", &[], &title(t))?;
                let mut names: Vec<&str> = t
                    .events
                    .iter()
                    .flat_map(|e| e.contributors.iter().map(|c| c.name.as_ref()))
                    .collect();
                names.sort_unstable();
                names.dedup();
                for n in names {
                    text_element(w, "author", &[], n)?;
                }
                Ok(())
            })?;
            element(w, "publicationStmt", &[], |w| {
                text_element(w, "publisher", &[], "liveline")?;
                let updated = t
                    .sources
                    .iter()
                    .filter_map(|s| s.updated.as_ref()?.utc)
                    .max();
                match updated {
                    Some(u) => text_element(w, "date", &[("when", &u.to_string())], &u.to_string()),
                    None => text_element(w, "p", &[], "Made from the sources below."),
                }
            })?;
            element(w, "sourceDesc", &[], |w| {
                element(w, "listBibl", &[], |w| {
                    for (n, s) in t.sources.iter().enumerate() {
                        let id = format!("src{}", n + 1);
                        element(w, "bibl", &[("xml:id", &id)], |w| {
                            if let Some(title) = &s.title {
                                text_element(w, "title", &[], title)?;
                            }
                            if let Some(o) = &s.outlet {
                                text_element(w, "publisher", &[], o)?;
                            }
                            text_element(w, "idno", &[("type", "file")], &s.id)?;
                            if let Some(h) = &s.sha256 {
                                text_element(w, "idno", &[("type", "sha256")], h)?;
                            }
                            if let Some(u) = &s.updated {
                                match u.utc {
                                    Some(utc) => text_element(
                                        w,
                                        "date",
                                        &[("when", &utc.to_string())],
                                        &u.text,
                                    )?,
                                    None => text_element(w, "date", &[], &u.text)?,
                                }
                            }
                            Ok(())
                        })?;
                    }
                    Ok(())
                })
            })
        })
    })?;
    Ok(())
}

fn div(w: &mut W<'_>, t: &Timeline, e: &Event) -> io::Result<()> {
    let id = format!("e{}", e.id);
    let mut docs: Vec<usize> = e
        .sources
        .iter()
        .filter_map(|s| t.sources.iter().position(|m| m.id == s.source))
        .collect();
    docs.sort_unstable();
    docs.dedup();
    let corresp: Vec<String> = docs.iter().map(|n| format!("#src{}", n + 1)).collect();
    let corresp = corresp.join(" ");
    let mut attrs = vec![("type", e.kind.as_str()), ("xml:id", id.as_str())];
    if !corresp.is_empty() {
        attrs.push(("corresp", corresp.as_str()));
    }
    element(w, "div", &attrs, |w| {
        if let Some(h) = &e.headline {
            text_element(w, "head", &[], h)?;
        }
        if let Some(when) = &e.when {
            element(w, "dateline", &[], |w| {
                text_element(w, "time", &[("when", &iso(when))], &local_label(when))
            })?;
        }
        if !e.contributors.is_empty() {
            text_element(w, "byline", &[], &byline(e))?;
        }
        for p in paragraphs(e) {
            text_element(w, "p", &[], p)?;
        }
        for (caption, credit) in captions(e) {
            element(w, "figure", &[], |w| {
                text_element(w, "figDesc", &[], caption)?;
                if let Some(c) = credit {
                    text_element(w, "note", &[("type", "credit")], c)?;
                }
                Ok(())
            })?;
        }
        let sources: Vec<String> = e.sources.iter().map(source_ref).collect();
        if !sources.is_empty() {
            text_element(w, "note", &[("type", "sources")], &sources.join(" "))?;
        }
        Ok(())
    })?;
    Ok(())
}

impl Export for Tei {
    fn name(&self) -> &str {
        "tei"
    }

    fn extension(&self) -> &str {
        "xml"
    }

    fn media_type(&self) -> &str {
        "application/tei+xml"
    }

    fn description(&self) -> &str {
        "XML-TEI: teiHeader with sources, one div an event with time, head, p and figure/figDesc"
    }

    fn write(&self, t: &Timeline, out: &mut dyn Write) -> Result<(), ExportError> {
        let mut w = Writer::new_with_indent(out, b' ', 2);
        w.write_event(Xml::Decl(BytesDecl::new("1.0", Some("UTF-8"), None)))?;
        element(&mut w, "TEI", &[("xmlns", NAMESPACE)], |w| {
            header(w, t)?;
            element(w, "text", &[], |w| {
                element(w, "body", &[], |w| {
                    for e in &t.events {
                        div(w, t, e)?;
                    }
                    Ok(())
                })
            })
        })?;
        w.into_inner().write_all(b"\n")?;
        Ok(())
    }
}
