//! `timelinejs`: the JSON that Knight Lab's TimelineJS3 loads. A `title` slide (the
//! timeline's title and what it was made from), then one slide an event: `start_date`
//! at the event's precision only (year; month; day; hour and minute, local time as
//! written) with a `display_date`, `text` (`headline`, and the paragraphs, byline and
//! sources as HTML, escaped), `media` when the event has a caption (`caption`,
//! `credit`; `url` is empty, for pages carry no image addresses), `group` (the outlet)
//! and `unique_id` (the event id). TimelineJS needs a date on every slide: undated
//! events are left out.

use std::io::Write;

use liveline_core::{Event, Export, ExportError, Precision, Timeline};
use serde_json::{Map, Value, json};

use crate::pretty;
use crate::text::{
    byline, captions, day_heading, html_escape, local_label, outlet, paragraphs, source_ref, title,
};

/// The `timelinejs` format.
#[derive(Clone, Copy, Debug, Default)]
pub struct TimelineJs;

/// The `start_date` of an event, at its precision; `None` when undated.
pub fn start_date(e: &Event) -> Option<Value> {
    let w = e.when.as_ref()?;
    let l = &w.local;
    let mut d = Map::new();
    d.insert("year".into(), json!(l.year?));
    if let (Some(m), true) = (l.month, w.precision != Precision::Year) {
        d.insert("month".into(), json!(m));
        if let (Some(day), true) = (l.day, w.precision != Precision::Month) {
            d.insert("day".into(), json!(day));
            if let (Some(h), Some(min), true) = (l.hour, l.minute, w.precision == Precision::Minute)
            {
                d.insert("hour".into(), json!(h));
                d.insert("minute".into(), json!(min));
            }
        }
    }
    let display = match (w.precision, l.date()) {
        (Precision::Minute, Some(date)) => format!("{}, {}", local_label(w), day_heading(date)),
        (Precision::Day, Some(date)) => day_heading(date),
        _ => l.to_string(),
    };
    d.insert("display_date".into(), json!(display));
    Some(Value::Object(d))
}

fn slide(t: &Timeline, e: &Event) -> Option<Value> {
    let start = start_date(e)?;
    let mut body = String::new();
    for p in paragraphs(e) {
        body.push_str(&format!("<p>{}</p>", html_escape(p)));
    }
    if !e.contributors.is_empty() {
        body.push_str(&format!("<p><em>By {}</em></p>", html_escape(&byline(e))));
    }
    let sources: Vec<String> = e.sources.iter().map(source_ref).collect();
    body.push_str(&format!(
        "<p><small>Sources: {}</small></p>",
        html_escape(&sources.join(" "))
    ));
    let mut s = Map::new();
    s.insert("start_date".into(), start);
    let headline = e
        .headline
        .clone()
        .unwrap_or_else(|| e.kind.as_str().replace('_', " "));
    s.insert(
        "text".into(),
        json!({ "headline": html_escape(&headline), "text": body }),
    );
    if let Some((caption, credit)) = captions(e).first() {
        s.insert(
            "media".into(),
            json!({ "url": "", "caption": html_escape(caption), "credit": html_escape(credit.unwrap_or("")) }),
        );
    }
    if let Some(o) = outlet(t, e) {
        s.insert("group".into(), json!(o));
    }
    s.insert("unique_id".into(), json!(format!("e{}", e.id)));
    Some(Value::Object(s))
}

/// The title slide.
pub fn title_slide(t: &Timeline) -> Value {
    let dated = t.events.iter().filter(|e| e.when.is_some()).count();
    let ids: Vec<&str> = t.sources.iter().map(|s| s.id.as_str()).collect();
    json!({
        "text": {
            "headline": html_escape(&title(t)),
            "text": format!(
                "<p>{dated} dated events from {} sources: {}</p>",
                t.sources.len(),
                html_escape(&ids.join(", "))
            ),
        }
    })
}

impl Export for TimelineJs {
    fn name(&self) -> &str {
        "timelinejs"
    }

    fn extension(&self) -> &str {
        "json"
    }

    fn media_type(&self) -> &str {
        "application/json"
    }

    fn description(&self) -> &str {
        "Knight Lab TimelineJS3 JSON: title slide, one slide a dated event, grouped by outlet"
    }

    fn write(&self, t: &Timeline, out: &mut dyn Write) -> Result<(), ExportError> {
        // Written slide by slide, in the pretty form of the `json` format.
        out.write_all(b"{\n  \"title\": ")?;
        pretty::write_value(out, &title_slide(t), 1)?;
        let slides = t.events.iter().filter_map(|e| slide(t, e)).map(Ok);
        pretty::write_last_array(out, "events", slides)
    }
}
