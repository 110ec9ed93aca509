//! `html`: one self-contained page — no network, no external scripts, styles or fonts —
//! to read a timeline: a header with the title, what the timeline was made from and a
//! search box; a chart of posts per hour (per day, week, month or year when the
//! timeline spans more than three days, so that it has at most 400 bars) as inline SVG; and the events on a vertical timeline grouped by day
//! (then months and years, then undated events), each with its local and UTC time,
//! headline, text, captions with credits, byline and sources. Typing in the search box
//! shows only the events whose text holds every word typed, and hides days left
//! empty; the count beside the box follows.
//!
//! Every text is escaped; the page's only script is written here and reads nothing but
//! the page.

use std::collections::BTreeMap;
use std::io::Write;

use liveline_core::{Event, Export, ExportError, Precision, Timeline, jiff};

use crate::md::group;
use crate::text::{
    byline, captions, html_escape, local_label, paragraphs, source_ref, title, utc_label,
};

/// The `html` format.
#[derive(Clone, Copy, Debug, Default)]
pub struct Html;

const STYLE: &str = r#"
:root { --ink: #1d2430; --muted: #5b6472; --line: #d6dbe3; --accent: #b3261e; --card: #ffffff; --bg: #f4f5f7; }
* { box-sizing: border-box; }
body { margin: 0; background: var(--bg); color: var(--ink);
  font: 16px/1.55 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; }
header { position: sticky; top: 0; z-index: 2; background: var(--ink); color: #fff; padding: 14px 24px 12px; }
header h1 { margin: 0 0 4px; font-size: 1.35rem; line-height: 1.25; }
header .meta { margin: 0 0 10px; color: #c7ccd6; font-size: .9rem; }
.search { display: flex; gap: 12px; align-items: center; flex-wrap: wrap; }
#q { flex: 1 1 260px; max-width: 520px; padding: 8px 12px; border-radius: 6px; border: 0; font-size: 1rem; }
#count { color: #c7ccd6; font-size: .9rem; }
main { max-width: 860px; margin: 0 auto; padding: 8px 20px 48px; }
.chart { margin: 18px auto 0; max-width: 860px; padding: 0 20px; }
.chart svg { width: 100%; height: auto; background: var(--card); border: 1px solid var(--line); border-radius: 8px; }
.chart figcaption { color: var(--muted); font-size: .85rem; margin-top: 4px; }
.bar { fill: var(--accent); }
.axis { fill: var(--muted); font-size: 10px; }
h2 { font-size: 1.05rem; margin: 28px 0 8px; padding-bottom: 4px; border-bottom: 2px solid var(--ink); }
ol.events { list-style: none; margin: 0; padding: 0 0 0 22px; border-left: 2px solid var(--line); }
li.event { position: relative; margin: 0 0 18px; }
li.event::before { content: ""; position: absolute; left: -30px; top: 8px; width: 12px; height: 12px;
  border-radius: 50%; background: var(--accent); border: 2px solid var(--bg); }
.when { font-size: .85rem; color: var(--muted); margin-bottom: 2px; }
.when time { font-weight: 600; color: var(--ink); }
.card { background: var(--card); border: 1px solid var(--line); border-radius: 8px; padding: 12px 16px; }
.card h3 { margin: 0 0 6px; font-size: 1.05rem; line-height: 1.35; }
.card p { margin: 0 0 8px; }
.card figure { margin: 8px 0; padding: 6px 10px; border-left: 3px solid var(--line); color: var(--muted); font-size: .9rem; }
.credit { font-style: italic; }
.by { font-size: .9rem; color: var(--muted); }
.sources { font-size: .78rem; color: var(--muted); overflow-wrap: anywhere; }
.kind { display: inline-block; font-size: .7rem; text-transform: uppercase; letter-spacing: .04em;
  color: var(--muted); border: 1px solid var(--line); border-radius: 3px; padding: 0 4px; margin-left: 6px; }
.hidden { display: none; }
#none { color: var(--muted); }
"#;

const SCRIPT: &str = r#"
(function () {
  var q = document.getElementById('q');
  var count = document.getElementById('count');
  var none = document.getElementById('none');
  var events = Array.prototype.slice.call(document.querySelectorAll('li.event'));
  var days = Array.prototype.slice.call(document.querySelectorAll('section.day'));
  var texts = events.map(function (e) { return e.textContent.toLowerCase(); });
  function apply() {
    var words = q.value.toLowerCase().split(/\s+/).filter(function (w) { return w.length > 0; });
    var shown = 0;
    events.forEach(function (e, i) {
      var ok = words.every(function (w) { return texts[i].indexOf(w) >= 0; });
      e.classList.toggle('hidden', !ok);
      if (ok) { shown += 1; }
    });
    days.forEach(function (d) {
      d.classList.toggle('hidden', d.querySelector('li.event:not(.hidden)') === null);
    });
    count.textContent = shown + (shown === 1 ? ' event' : ' events') +
      (words.length ? ' of ' + events.length : '');
    none.classList.toggle('hidden', shown > 0);
  }
  q.addEventListener('input', apply);
  apply();
})();
"#;

/// Posts per hour (or per day) as an inline SVG bar chart, with its caption; `None`
/// when no event has a UTC time.
pub fn chart(t: &Timeline) -> Option<(String, String)> {
    let times: Vec<jiff::Timestamp> = t
        .events
        .iter()
        .filter_map(|e| e.when.as_ref())
        .filter(|w| w.precision == Precision::Minute)
        .filter_map(|w| w.utc)
        .collect();
    let (first, last) = (*times.iter().min()?, *times.iter().max()?);
    // The finest bucket that keeps the chart to at most 400 bars: hours up to three
    // days, then days, weeks, 30-day months, 365-day years.
    let span = last.as_second() - first.as_second();
    let (bucket, unit) = [
        (3_600, "hour"),
        (86_400, "day"),
        (7 * 86_400, "week"),
        (30 * 86_400, "month"),
        (365 * 86_400, "year"),
    ]
    .into_iter()
    .find(|&(b, u)| (u != "hour" || span <= 72 * 3_600) && span / b < 400)
    .unwrap_or((365 * 86_400, "year"));
    let start = first.as_second().div_euclid(bucket) * bucket;
    let mut counts: BTreeMap<i64, usize> = BTreeMap::new();
    for t in &times {
        *counts.entry((t.as_second() - start) / bucket).or_default() += 1;
    }
    // Every time falls in one of the `n` bars (a year each at most, so a few thousand
    // at worst even across the whole calendar).
    let n = ((last.as_second() - start) / bucket + 1) as usize;
    let max = counts.values().copied().max().unwrap_or(1).max(1);
    let (w, h, pad) = (860.0_f64, 160.0_f64, 24.0_f64);
    let bar_w = (w - 2.0 * pad) / n as f64;
    let mut svg = format!(
        r#"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {w} {h}" role="img" aria-label="Posts per {unit}">"#
    );
    let label = |i: usize| {
        let ts = jiff::Timestamp::from_second(start + i as i64 * bucket).ok()?;
        let dt = ts.to_zoned(jiff::tz::TimeZone::UTC).datetime();
        Some(match unit {
            "hour" => format!("{:02}:00", dt.hour()),
            "day" => format!("{:02}-{:02}", dt.month(), dt.day()),
            "year" => format!("{}", dt.year()),
            _ => format!("{}-{:02}-{:02}", dt.year(), dt.month(), dt.day()),
        })
    };
    for i in 0..n {
        let c = counts.get(&(i as i64)).copied().unwrap_or(0);
        let bh = (h - 2.0 * pad) * c as f64 / max as f64;
        let x = pad + i as f64 * bar_w;
        let y = h - pad - bh;
        let name = label(i).unwrap_or_default();
        svg.push_str(&format!(
            r#"<rect class="bar" x="{x:.1}" y="{y:.1}" width="{:.1}" height="{bh:.1}"><title>{name} UTC: {c} {}</title></rect>"#,
            (bar_w - 2.0).max(1.0),
            if c == 1 { "post" } else { "posts" }
        ));
        let every = n.div_ceil(12).max(1);
        if i % every == 0 {
            svg.push_str(&format!(
                r#"<text class="axis" x="{:.1}" y="{:.1}" text-anchor="middle">{name}</text>"#,
                x + bar_w / 2.0,
                h - 8.0
            ));
        }
    }
    svg.push_str(&format!(
        r#"<text class="axis" x="{pad}" y="14">{max} {}</text></svg>"#,
        if max == 1 { "post" } else { "posts" }
    ));
    let caption = format!(
        "Posts per {unit} (UTC), {} timed {}",
        times.len(),
        if times.len() == 1 { "post" } else { "posts" }
    );
    Some((svg, caption))
}

fn event(out: &mut dyn Write, e: &Event) -> std::io::Result<()> {
    writeln!(out, r#"<li class="event" id="e{}">"#, html_escape(&e.id))?;
    out.write_all(b"<div class=\"when\">")?;
    match &e.when {
        Some(w) => {
            write!(
                out,
                r#"<time datetime="{}">{}</time>"#,
                html_escape(&crate::text::iso(w)),
                html_escape(&local_label(w))
            )?;
            if w.precision == Precision::Minute
                && let Some(u) = utc_label(w)
            {
                write!(out, " · {u}")?;
            }
        }
        None => out.write_all(b"undated")?,
    }
    writeln!(
        out,
        r#"<span class="kind">{}</span></div>"#,
        e.kind.as_str().replace('_', " ")
    )?;
    out.write_all(b"<div class=\"card\">")?;
    if let Some(h) = &e.headline {
        write!(out, "<h3>{}</h3>", html_escape(h))?;
    }
    for p in paragraphs(e) {
        write!(out, "<p>{}</p>", html_escape(p))?;
    }
    for (caption, credit) in captions(e) {
        write!(out, "<figure><figcaption>{}", html_escape(caption))?;
        if let Some(c) = credit {
            write!(out, r#" <span class="credit">({})</span>"#, html_escape(c))?;
        }
        out.write_all(b"</figcaption></figure>")?;
    }
    if !e.contributors.is_empty() {
        write!(out, r#"<p class="by">By {}</p>"#, html_escape(&byline(e)))?;
    }
    let sources: Vec<String> = e
        .sources
        .iter()
        .map(|s| format!("<code>{}</code>", html_escape(&source_ref(s))))
        .collect();
    writeln!(
        out,
        r#"<p class="sources">Sources: {}</p></div></li>"#,
        sources.join(" ")
    )?;
    Ok(())
}

impl Export for Html {
    fn name(&self) -> &str {
        "html"
    }

    fn extension(&self) -> &str {
        "html"
    }

    fn media_type(&self) -> &str {
        "text/html"
    }

    fn description(&self) -> &str {
        "one self-contained page: vertical timeline by day, posts-per-hour chart, search box"
    }

    fn write(&self, t: &Timeline, out: &mut dyn Write) -> Result<(), ExportError> {
        let title = html_escape(&title(t)).into_owned();
        writeln!(
            out,
            "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
             <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
             <meta name=\"generator\" content=\"liveline\">\n<title>{title}</title>\n<style>{STYLE}</style>\n</head>\n<body>"
        )?;
        let ids: Vec<String> = t
            .sources
            .iter()
            .map(|s| html_escape(&s.id).into_owned())
            .collect();
        writeln!(
            out,
            "<header>\n<h1>{title}</h1>\n<p class=\"meta\">{} events from {} {}: {}</p>\n\
             <div class=\"search\"><input id=\"q\" type=\"search\" placeholder=\"Search the events\" \
             aria-label=\"Search the events\" autocomplete=\"off\"><span id=\"count\">{} events</span></div>\n</header>",
            t.events.len(),
            t.sources.len(),
            if t.sources.len() == 1 {
                "source"
            } else {
                "sources"
            },
            ids.join(", "),
            t.events.len()
        )?;
        if let Some((svg, caption)) = chart(t) {
            writeln!(
                out,
                "<figure class=\"chart\">{svg}<figcaption>{caption}</figcaption></figure>"
            )?;
        }
        out.write_all(
            b"<main>\n<p id=\"none\" class=\"hidden\">No event holds every word typed.</p>\n",
        )?;
        let mut last: Option<String> = None;
        for e in &t.events {
            let g = group(e);
            if last.as_ref() != Some(&g) {
                if last.is_some() {
                    out.write_all(b"</ol></section>\n")?;
                }
                writeln!(
                    out,
                    "<section class=\"day\"><h2>{}</h2><ol class=\"events\">",
                    html_escape(&g)
                )?;
                last = Some(g);
            }
            event(out, e)?;
        }
        if last.is_some() {
            out.write_all(b"</ol></section>\n")?;
        }
        writeln!(out, "</main>\n<script>{SCRIPT}</script>\n</body>\n</html>")?;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::chart;
    use liveline_core::{Event, EventKind, LocalTime, Precision, Timeline, When, jiff};

    fn at(second: i64) -> Event {
        let utc = jiff::Timestamp::from_second(second).unwrap();
        let dt = utc.to_zoned(jiff::tz::TimeZone::UTC).datetime();
        Event {
            id: format!("{second:016x}"),
            kind: EventKind::Post,
            when: Some(When {
                utc: Some(utc),
                local: LocalTime::minute(dt.year(), dt.month(), dt.day(), dt.hour(), dt.minute()),
                zone: None,
                tz: None,
                precision: Precision::Minute,
            }),
            headline: None,
            text: String::new(),
            blocks: vec![],
            contributors: vec![],
            sources: vec![],
            mentions: vec![],
            parent: None,
            keys: vec![],
        }
    }

    /// The bars of a chart and the posts their titles count.
    fn bars(svg: &str) -> (usize, usize) {
        let titles: Vec<&str> = svg.split("<title>").skip(1).collect();
        let posts = titles
            .iter()
            .map(|t| {
                let count = t.split(": ").nth(1).unwrap().split(' ').next().unwrap();
                count.parse::<usize>().unwrap()
            })
            .sum();
        (titles.len(), posts)
    }

    #[test]
    fn every_post_is_in_a_bar_whatever_the_span() {
        let start = 1_642_723_200; // 2022-01-21T00:00:00Z
        for (span, unit) in [
            (10 * 3_600, "hour"),
            (20 * 86_400, "day"),
            (2 * 365 * 86_400, "week"),
            (10 * 365 * 86_400, "month"),
            (40 * 365 * 86_400, "year"),
        ] {
            let events = (0..50).map(|i| at(start + span * i / 49)).collect();
            let t = Timeline {
                sources: vec![],
                events,
            };
            let (svg, caption) = chart(&t).unwrap();
            let (n, posts) = bars(&svg);
            assert_eq!(posts, 50, "{unit}");
            assert!(n <= 400, "{unit}: {n} bars");
            assert!(
                caption.starts_with(&format!("Posts per {unit} ")),
                "{caption}"
            );
        }
        assert!(chart(&Timeline::default()).is_none());
    }
}
