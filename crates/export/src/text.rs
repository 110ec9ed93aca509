//! What several formats share: times and days as people read them, bylines, source
//! references, sentences, and escaping for XML and HTML.

use std::borrow::Cow;

use liveline_core::{
    Block, BlockKind, Event, EventSource, Precision, Timeline, When, jiff::civil::Date,
};

/// The local date of an event (for grouping by day), when it is known to the day.
pub fn local_date(e: &Event) -> Option<Date> {
    e.when
        .as_ref()
        .filter(|w| matches!(w.precision, Precision::Minute | Precision::Day))
        .and_then(|w| w.local.date())
}

/// A day as a heading: "Friday 21 January 2022".
pub fn day_heading(d: Date) -> String {
    use liveline_core::news::{MONTH_NAMES, WEEKDAY_NAMES};
    format!(
        "{} {} {} {}",
        WEEKDAY_NAMES[d.weekday().to_monday_zero_offset() as usize],
        d.day(),
        MONTH_NAMES[(d.month() - 1) as usize],
        d.year()
    )
}

/// The local time as written, with its zone: "08:49 ET"; a day, month or year as
/// written ("2022-01-21", "2014") when that is all that is known.
pub fn local_label(w: &When) -> String {
    let l = &w.local;
    let mut s = match (l.hour, l.minute) {
        (Some(h), Some(m)) if w.precision == Precision::Minute => format!("{h:02}:{m:02}"),
        _ => l.to_string(),
    };
    if let Some(z) = &w.zone {
        s.push(' ');
        s.push_str(z);
    }
    s
}

/// The UTC time of day: "13:49 UTC", when known.
pub fn utc_label(w: &When) -> Option<String> {
    let t = w.utc?;
    let dt = t
        .to_zoned(liveline_core::jiff::tz::TimeZone::UTC)
        .datetime();
    Some(format!("{:02}:{:02} UTC", dt.hour(), dt.minute()))
}

/// The event's time as one ISO 8601 string: the UTC instant (RFC 3339) when known,
/// else the local time as written ("2022-01-21", "2014").
pub fn iso(w: &When) -> String {
    match w.utc {
        Some(t) => t.to_string(),
        None => w.local.to_string(),
    }
}

/// The contributors as one line: "Ana Ruiz (CNN, Kyiv), Rob Lee (CNN)".
pub fn byline(e: &Event) -> String {
    e.contributors
        .iter()
        .map(|c| {
            let extra: Vec<&str> = [c.outlet.as_deref(), c.location.as_deref()]
                .into_iter()
                .flatten()
                .collect();
            if extra.is_empty() {
                c.name.to_string()
            } else {
                format!("{} ({})", c.name, extra.join(", "))
            }
        })
        .collect::<Vec<_>>()
        .join(", ")
}

/// A place an event was found, as one token: `001_x.txt#3@177-1862` (document, post
/// index when there is one, byte span).
pub fn source_ref(s: &EventSource) -> String {
    match s.post {
        Some(p) => format!("{}#{p}@{}-{}", s.source, s.span.start, s.span.end),
        None => format!("{}@{}-{}", s.source, s.span.start, s.span.end),
    }
}

/// The captions of an event (with gallery items), as (caption, credit).
pub fn captions(e: &Event) -> Vec<(&str, Option<&str>)> {
    let mut out = Vec::new();
    for b in &e.blocks {
        let items: &[Block<'_>] = match b.kind {
            BlockKind::Caption => std::slice::from_ref(b),
            BlockKind::Gallery => &b.items,
            _ => &[],
        };
        out.extend(
            items
                .iter()
                .filter(|i| !i.text.trim().is_empty())
                .map(|i| (i.text.as_ref(), i.credit.as_deref())),
        );
    }
    out
}

/// The paragraphs of an event's text.
pub fn paragraphs(e: &Event) -> impl Iterator<Item = &str> {
    e.text
        .split("\n\n")
        .map(str::trim)
        .filter(|p| !p.is_empty())
}

/// A title for a timeline: the title that more than half its sources share, else
/// "Timeline of N sources".
pub fn title(t: &Timeline) -> String {
    let mut counts: Vec<(&str, usize)> = Vec::new();
    for s in t.sources.iter().filter_map(|s| s.title.as_deref()) {
        match counts.iter_mut().find(|(t, _)| *t == s) {
            Some((_, n)) => *n += 1,
            None => counts.push((s, 1)),
        }
    }
    match counts.iter().max_by_key(|(_, n)| *n) {
        Some(&(title, n)) if 2 * n > t.sources.len() => title.to_owned(),
        _ if t.sources.len() == 1 => "Timeline".to_owned(),
        _ => format!("Timeline of {} sources", t.sources.len()),
    }
}

/// The outlet an event came from: the first outlet of its contributors, else of its
/// first source document.
pub fn outlet<'t>(t: &'t Timeline, e: &'t Event) -> Option<&'t str> {
    e.contributors
        .iter()
        .find_map(|c| c.outlet.as_deref())
        .or_else(|| {
            let first = e.sources.first()?;
            t.sources
                .iter()
                .find(|s| s.id == first.source)?
                .outlet
                .as_deref()
        })
}

/// Words after which a full stop does not end a sentence.
const ABBREVIATIONS: [&str; 24] = [
    "Mr", "Mrs", "Ms", "Dr", "St", "Sen", "Rep", "Gen", "Gov", "Lt", "Col", "Sgt", "No", "Jan",
    "Feb", "Aug", "Sept", "Sep", "Oct", "Nov", "Dec", "vs", "Jr", "Sr",
];

/// The sentences of a paragraph: split after ".", "!" or "?" (and a closing quote)
/// before a space and a capital letter, a digit or an opening quote; not after
/// abbreviations ("Mr.", "Jan.") or initials ("U.S.").
pub fn sentences(p: &str) -> Vec<&str> {
    let b = p.as_bytes();
    let mut out = Vec::new();
    let mut start = 0;
    for i in 0..b.len() {
        if !matches!(b[i], b'.' | b'!' | b'?') {
            continue;
        }
        // Closing quotes and brackets after the stop belong to the sentence.
        let mut k = i + 1;
        loop {
            if k < b.len() && matches!(b[k], b'"' | b'\'' | b')') {
                k += 1;
            } else if p[k..].starts_with(['”', '’']) {
                k += 3;
            } else {
                break;
            }
        }
        if !p[k..].starts_with(char::is_whitespace) {
            continue;
        }
        let next = p[k..].chars().find(|c| !c.is_whitespace());
        let Some(next) = next else { continue };
        if !(next.is_uppercase() || next.is_ascii_digit() || matches!(next, '"' | '“' | '‘')) {
            continue;
        }
        if b[i] == b'.' {
            // The word before the stop: an abbreviation or an initial does not end.
            let before = &p[start..i];
            let word_start = before
                .rfind(|c: char| !(c.is_alphanumeric() || c == '.'))
                .map_or(0, |j| {
                    j + before[j..].chars().next().map_or(1, char::len_utf8)
                });
            let last = before[word_start..].rsplit('.').next().unwrap_or("");
            let mut chars = last.chars();
            let initial =
                matches!((chars.next(), chars.next()), (Some(c), None) if c.is_uppercase());
            if initial || ABBREVIATIONS.contains(&last) {
                continue;
            }
        }
        let s = p[start..k].trim();
        if !s.is_empty() {
            out.push(s);
        }
        start = k;
    }
    let s = p[start..].trim();
    if !s.is_empty() {
        out.push(s);
    }
    out
}

/// Whether XML 1.0 allows `c` in text.
fn xml_char(c: char) -> bool {
    matches!(c, '\t' | '\n' | '\r' | '\u{20}'..='\u{D7FF}' | '\u{E000}'..='\u{FFFD}' | '\u{10000}'..)
}

/// `s` as XML keeps it: without the characters XML 1.0 forbids (control characters,
/// U+FFFE, U+FFFF), and with CR LF and lone CR as LF, as every XML reader would read
/// them anyway.
pub fn xml_safe(s: &str) -> Cow<'_, str> {
    if s.chars().all(|c| xml_char(c) && c != '\r') {
        Cow::Borrowed(s)
    } else {
        Cow::Owned(
            s.replace("\r\n", "\n")
                .chars()
                .filter(|&c| xml_char(c))
                .map(|c| if c == '\r' { '\n' } else { c })
                .collect(),
        )
    }
}

/// `s` escaped for HTML text and attribute values (and made XML-safe).
pub fn html_escape(s: &str) -> Cow<'_, str> {
    let s = xml_safe(s);
    if !s.contains(['&', '<', '>', '"', '\'']) {
        return s;
    }
    let mut out = String::with_capacity(s.len() + 16);
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sentences_split_after_stops_not_after_abbreviations_or_initials() {
        assert_eq!(
            sentences(
                "Blinken met Lavrov on Jan. 21 in Geneva. The U.S. said \"talks go on.\" Mr. Psaki agreed! 2022 is tense."
            ),
            [
                "Blinken met Lavrov on Jan. 21 in Geneva.",
                "The U.S. said \"talks go on.\"",
                "Mr. Psaki agreed!",
                "2022 is tense."
            ]
        );
        assert_eq!(sentences("no stop at all"), ["no stop at all"]);
        assert!(sentences("  ").is_empty());
        assert_eq!(sentences("It rose 2.5 percent."), ["It rose 2.5 percent."]);
    }

    #[test]
    fn escaping() {
        assert_eq!(
            html_escape("a < b & \"c\" 'd'"),
            "a &lt; b &amp; &quot;c&quot; &#39;d&#39;"
        );
        assert_eq!(xml_safe("a\u{0}b\u{1b}c\u{FFFE}"), "abc");
        assert_eq!(xml_safe("a\r\nb\rc"), "a\nb\nc");
        assert!(matches!(xml_safe("plain ✓"), Cow::Borrowed(_)));
    }

    #[test]
    fn day_headings() {
        assert_eq!(
            day_heading(Date::constant(2022, 1, 21)),
            "Friday 21 January 2022"
        );
    }
}
