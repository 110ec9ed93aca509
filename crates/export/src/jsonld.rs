//! `jsonld`: schema.org `LiveBlogPosting` for embedding the timeline in a web page
//! (`<script type="application/ld+json">`): the title, coverage start and end, and one
//! `BlogPosting` in `liveBlogUpdate` an event (`headline`, `datePublished`,
//! `articleBody`, `author` with the outlet as affiliation). Year items are not updates
//! of their own (their text is in their post's body) and are left out. `<`, `>` and `&` are
//! written as `\u003c`, `\u003e`, `\u0026` so that no text can end the script element.

use std::io::Write;

use liveline_core::{EventKind, Export, ExportError, Precision, Timeline};
use serde_json::{Map, Value, json};

use crate::json_error;
use crate::text::{iso, title};

/// The `jsonld` format.
#[derive(Clone, Copy, Debug, Default)]
pub struct JsonLd;

/// The JSON-LD document.
pub fn document(t: &Timeline) -> Value {
    let updates: Vec<Value> = t
        .events
        .iter()
        .filter(|e| e.kind != EventKind::YearItem)
        .map(|e| {
            let mut u = Map::new();
            u.insert("@type".into(), json!("BlogPosting"));
            u.insert("@id".into(), json!(format!("#e{}", e.id)));
            if let Some(h) = &e.headline {
                u.insert("headline".into(), json!(h));
            }
            if let Some(w) = &e.when {
                u.insert("datePublished".into(), json!(iso(w)));
            }
            u.insert("articleBody".into(), json!(e.text));
            let authors: Vec<Value> = e
                .contributors
                .iter()
                .map(|c| {
                    let mut a = json!({ "@type": "Person", "name": c.name });
                    if let Some(o) = &c.outlet {
                        a["affiliation"] = json!({ "@type": "Organization", "name": o });
                    }
                    a
                })
                .collect();
            if !authors.is_empty() {
                u.insert("author".into(), Value::Array(authors));
            }
            Value::Object(u)
        })
        .collect();
    // Coverage: the events known to the day or minute (year items reach back years).
    let times: Vec<String> = t
        .events
        .iter()
        .filter_map(|e| e.when.as_ref())
        .filter(|w| matches!(w.precision, Precision::Minute | Precision::Day))
        .map(iso)
        .collect();
    let mut doc = json!({
        "@context": "https://schema.org",
        "@type": "LiveBlogPosting",
        "headline": title(t),
    });
    if let (Some(first), Some(last)) = (times.first(), times.last()) {
        doc["coverageStartTime"] = json!(first);
        doc["coverageEndTime"] = json!(last);
    }
    doc["liveBlogUpdate"] = Value::Array(updates);
    doc
}

impl Export for JsonLd {
    fn name(&self) -> &str {
        "jsonld"
    }

    fn extension(&self) -> &str {
        "jsonld"
    }

    fn media_type(&self) -> &str {
        "application/ld+json"
    }

    fn description(&self) -> &str {
        "schema.org LiveBlogPosting with one liveBlogUpdate a post, safe to embed in a page"
    }

    fn write(&self, t: &Timeline, out: &mut dyn Write) -> Result<(), ExportError> {
        let s = serde_json::to_string_pretty(&document(t)).map_err(json_error)?;
        // Only inside strings can these characters occur; escaped, they read the same.
        let s = s
            .replace('<', "\\u003c")
            .replace('>', "\\u003e")
            .replace('&', "\\u0026")
            .replace('\u{2028}', "\\u2028")
            .replace('\u{2029}', "\\u2029");
        out.write_all(s.as_bytes())?;
        out.write_all(b"\n")?;
        Ok(())
    }
}
