//! Every format on generated timelines full of text that breaks naive writers: quotes,
//! commas, line breaks, `<`, `&`, `]]>`, emoji, right-to-left scripts, control
//! characters. JSON reads back equal; CSV and TEI read back (with `csv` and quick-xml)
//! give the same fields; every format stays well formed.

use std::borrow::Cow;

use liveline_core::{
    Block, BlockKind, Contributor, DocKind, Event, EventKind, EventSource, LocalTime, Precision,
    SourceMeta, Span, Stamp, Timeline, When, jiff,
};
use liveline_export::{
    Formats,
    csv::row,
    text::{paragraphs, xml_safe},
};
use proptest::prelude::*;
use quick_xml::events::Event as Xml;

use liveline_testkit::proptest_cases as cases;

const NASTY: &[&str] = &[
    "\"",
    "'",
    ",",
    "\n",
    "\r\n",
    "\r",
    "\n\n",
    "<",
    ">",
    "&",
    "]]>",
    "<![CDATA[",
    "</script>",
    "&amp;",
    "\u{1F600}",
    "\u{1F1FA}\u{1F1E6}",
    "\u{05E9}\u{05DC}\u{05D5}\u{05DD}",
    "\u{0645}\u{0631}\u{062D}\u{0628}\u{0627}",
    "\u{202E}",
    "\t",
    "\u{0}",
    "\u{1b}",
    "\\",
    "*",
    "_",
    "#",
    "- ",
    "1. ",
    "|",
    "`",
    "Lavrov",
    "Geneva",
    " ",
    "  ",
    "\u{a0}",
    "é",
    "\u{2028}",
];

fn text() -> impl Strategy<Value = String> {
    prop_oneof![
        3 => prop::collection::vec(prop::sample::select(NASTY), 0..12).prop_map(|p| p.concat()),
        1 => any::<String>(),
    ]
}

fn when() -> impl Strategy<Value = Option<When>> {
    prop_oneof![
        Just(None),
        (0i64..100_000).prop_map(|m| {
            let utc = jiff::Timestamp::from_second(1_642_723_200 + m * 60).unwrap();
            let dt = utc.to_zoned(jiff::tz::TimeZone::UTC).datetime();
            Some(When {
                utc: Some(utc),
                local: LocalTime::minute(dt.year(), dt.month(), dt.day(), dt.hour(), dt.minute()),
                zone: Some("GMT".into()),
                tz: Some("Europe/London".into()),
                precision: Precision::Minute,
            })
        }),
        (1990i16..2030).prop_map(|y| Some(When::year(y))),
    ]
}

fn event() -> impl Strategy<Value = Event> {
    (
        any::<u64>(),
        when(),
        prop::option::of(text()),
        prop::collection::vec(text(), 0..4),
        prop::collection::vec((text(), prop::option::of(text())), 0..3),
        prop::collection::vec(text(), 0..3),
        prop::collection::vec(
            (
                text(),
                prop::option::of(0usize..1000),
                0usize..1 << 40,
                0usize..1 << 20,
            ),
            1..4,
        ),
    )
        .prop_map(|(id, when, headline, paras, captions, names, places)| {
            let mut blocks: Vec<Block<'static>> = paras
                .iter()
                .map(|p| Block::new(BlockKind::Paragraph, p.clone(), Span::new(0, 1)))
                .collect();
            for (c, credit) in captions {
                let mut b = Block::new(BlockKind::Caption, c, Span::new(0, 1));
                b.credit = credit.map(Cow::Owned);
                blocks.push(b);
            }
            Event {
                id: format!("{id:016x}"),
                kind: EventKind::Post,
                when,
                headline,
                text: paras.join("\n\n"),
                blocks,
                contributors: names
                    .into_iter()
                    .map(|n| Contributor {
                        name: n.into(),
                        outlet: Some("CNN".into()),
                        location: None,
                    })
                    .collect(),
                // Page names with any characters, JSON's to escape among them.
                sources: places
                    .into_iter()
                    .map(|(source, post, start, len)| EventSource {
                        source,
                        post,
                        span: Span::new(start, start + len),
                    })
                    .collect(),
                mentions: Vec::new(),
                parent: None,
                keys: vec![id],
            }
        })
}

fn timeline() -> impl Strategy<Value = Timeline> {
    (
        prop::option::of(text()),
        prop::collection::vec(event(), 0..5),
    )
        .prop_map(|(title, mut events)| {
            events.sort_by(|a, b| a.id.cmp(&b.id));
            events.dedup_by(|a, b| a.id == b.id);
            Timeline {
                sources: vec![SourceMeta {
                    id: "page.txt".into(),
                    path: Some("pages/page.txt".into()),
                    sha256: None,
                    kind: DocKind::LiveBlog,
                    title,
                    outlet: Some("CNN".into()),
                    updated: None,
                }],
                events,
            }
        })
}

fn export(name: &str, t: &Timeline) -> Vec<u8> {
    let mut out = Vec::new();
    Formats::builtin()
        .get(name)
        .unwrap()
        .write(t, &mut out)
        .unwrap_or_else(|e| panic!("{name}: {e}"));
    out
}

/// The texts of the TEI elements named `names` (by their local names), in order, with
/// the attributes `type` of each.
fn tei_texts(xml: &[u8]) -> Vec<(String, Option<String>, String)> {
    let mut r = quick_xml::Reader::from_reader(xml);
    let mut out = Vec::new();
    let mut open: Vec<(String, Option<String>, String)> = Vec::new();
    let mut buf = Vec::new();
    loop {
        match r.read_event_into(&mut buf).expect("well-formed TEI") {
            Xml::Start(e) => {
                let name = String::from_utf8(e.local_name().as_ref().to_vec()).unwrap();
                let ty = e
                    .try_get_attribute("type")
                    .unwrap()
                    .map(|a| a.unescape_value().unwrap().into_owned());
                open.push((name, ty, String::new()));
            }
            Xml::Empty(e) => {
                let name = String::from_utf8(e.local_name().as_ref().to_vec()).unwrap();
                out.push((name, None, String::new()));
            }
            Xml::Text(t) => {
                if let Some(top) = open.last_mut() {
                    top.2.push_str(&t.decode().unwrap());
                }
            }
            Xml::GeneralRef(g) => {
                if let Some(top) = open.last_mut() {
                    let name = g.decode().unwrap();
                    let c = match name.as_ref() {
                        "lt" => "<".to_owned(),
                        "gt" => ">".to_owned(),
                        "amp" => "&".to_owned(),
                        "quot" => "\"".to_owned(),
                        "apos" => "'".to_owned(),
                        other => {
                            let n = other
                                .strip_prefix("#x")
                                .map(|h| u32::from_str_radix(h, 16))
                                .or_else(|| other.strip_prefix('#').map(str::parse))
                                .expect("a known entity")
                                .unwrap();
                            char::from_u32(n).unwrap().to_string()
                        }
                    };
                    top.2.push_str(&c);
                }
            }
            Xml::End(_) => {
                let el = open.pop().unwrap();
                out.push(el);
            }
            Xml::Eof => break,
            _ => {}
        }
        buf.clear();
    }
    out
}

/// Sources of two ids, some with the same id and hash, some told apart by their hashes
/// alone, some with none; with titles and "Updated" stamps or not.
fn sources() -> impl Strategy<Value = Vec<SourceMeta>> {
    let one = (0..2usize, 0..3usize, 0..3usize, prop::option::of(0..3i64));
    prop::collection::vec(one, 1..6).prop_map(|v| {
        v.into_iter()
            .map(|(id, hash, title, updated)| SourceMeta {
                id: ["page.txt", "other.txt"][id].into(),
                path: Some(format!("pages/{id}")),
                sha256: [None, Some("a".repeat(64)), Some("b".repeat(64))][hash].clone(),
                kind: DocKind::LiveBlog,
                title: [None, Some("Talks in Geneva"), Some("Kyiv")][title].map(Into::into),
                outlet: Some("CNN".into()),
                updated: updated.map(|m| Stamp {
                    text: "Updated".into(),
                    local: None,
                    zone: None,
                    tz: None,
                    utc: Some(jiff::Timestamp::from_second(1_642_800_000 + 60 * m).unwrap()),
                    ago_minutes: None,
                    span: Span::new(0, 7),
                }),
            })
            .collect()
    })
}

/// `sources` as a merge leaves them: sorted, exact repeats dropped.
fn normal(mut sources: Vec<SourceMeta>) -> Vec<SourceMeta> {
    sources.sort_by_key(|s| format!("{s:?}"));
    sources.dedup();
    sources
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(cases(256)))]

    /// A format that says its output cannot depend on the sources' hashes writes the
    /// same timeline without them (and without the sources only they told apart); json
    /// says it can, and does.
    #[test]
    fn formats_that_need_no_hashes_write_the_same_without_them(
        t in timeline(),
        sources in sources(),
    ) {
        let with = Timeline { sources: normal(sources.clone()), ..t.clone() };
        let bare = sources.into_iter().map(|s| SourceMeta { sha256: None, ..s }).collect();
        let without = Timeline { sources: normal(bare), ..t };
        for f in Formats::builtin().iter() {
            if !f.uses_source_hashes() {
                prop_assert!(
                    export(f.name(), &with) == export(f.name(), &without),
                    "{}", f.name()
                );
            }
        }
        prop_assert!(Formats::builtin().get("json").unwrap().uses_source_hashes());
        if with.sources.iter().any(|s| s.sha256.is_some()) {
            prop_assert_ne!(export("json", &with), export("json", &without));
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(cases(256)))]

    #[test]
    fn json_reads_back_equal(t in timeline()) {
        let out = export("json", &t);
        let back: Timeline = serde_json::from_slice(&out).unwrap();
        prop_assert_eq!(back, t);
    }

    #[test]
    fn jsonl_is_one_json_record_a_line(t in timeline()) {
        let out = String::from_utf8(export("jsonl", &t)).unwrap();
        let lines: Vec<&str> = out.lines().collect();
        prop_assert_eq!(lines.len(), t.events.len());
        for (line, e) in lines.iter().zip(&t.events) {
            let v: serde_json::Value = serde_json::from_str(line).unwrap();
            prop_assert_eq!(v["id"].as_str(), Some(e.id.as_str()));
            prop_assert_eq!(v["text"].as_str(), Some(e.text.as_str()));
            prop_assert_eq!(v["headline"].as_str(), e.headline.as_deref());
            // Written straight from the event, the line is the record's JSON.
            let record = liveline_export::jsonl::record(&t, e).unwrap();
            prop_assert_eq!(*line, serde_json::to_string(&record).unwrap());
        }
    }

    #[test]
    fn csv_reads_back_the_same_fields(t in timeline()) {
        let out = export("csv", &t);
        let mut r = csv::ReaderBuilder::new().from_reader(&out[..]);
        let header: Vec<String> = r.headers().unwrap().iter().map(str::to_owned).collect();
        prop_assert_eq!(header, liveline_export::csv::HEADER.map(str::to_owned).to_vec());
        let rows: Vec<Vec<String>> = r
            .records()
            .map(|rec| rec.unwrap().iter().map(str::to_owned).collect())
            .collect();
        prop_assert_eq!(rows.len(), t.events.len());
        for (got, e) in rows.iter().zip(&t.events) {
            prop_assert_eq!(got, &row(e).to_vec());
        }
    }

    #[test]
    fn tei_reads_back_the_same_fields(t in timeline()) {
        let out = export("tei", &t);
        let elements = tei_texts(&out);
        let heads: Vec<&str> = elements.iter().filter(|e| e.0 == "head").map(|e| e.2.as_str()).collect();
        let want: Vec<String> = t.events.iter().filter_map(|e| e.headline.as_deref()).map(|h| xml_safe(h).into_owned()).collect();
        prop_assert_eq!(heads, want);
        let ps: Vec<&str> = elements.iter().filter(|e| e.0 == "p" ).map(|e| e.2.as_str()).collect();
        let want: Vec<String> = t.events.iter().flat_map(paragraphs).map(|p| xml_safe(p).into_owned()).collect();
        // The header's <p> (no date known) comes first.
        prop_assert_eq!(&ps[ps.len() - want.len()..], &want[..]);
        let figs: Vec<&str> = elements.iter().filter(|e| e.0 == "figDesc").map(|e| e.2.as_str()).collect();
        let want: Vec<String> = t
            .events
            .iter()
            .flat_map(liveline_export::text::captions)
            .map(|(c, _)| xml_safe(c).into_owned())
            .collect();
        prop_assert_eq!(figs, want);
        let credits: Vec<&str> = elements
            .iter()
            .filter(|e| e.0 == "note" && e.1.as_deref() == Some("credit"))
            .map(|e| e.2.as_str())
            .collect();
        let want: Vec<String> = t
            .events
            .iter()
            .flat_map(liveline_export::text::captions)
            .filter_map(|(_, c)| c.map(|c| xml_safe(c).into_owned()))
            .collect();
        prop_assert_eq!(credits, want);
        let divs = elements.iter().filter(|e| e.0 == "div").count();
        prop_assert_eq!(divs, t.events.len());
    }

    #[test]
    fn the_json_formats_parse(t in timeline()) {
        for name in ["timelinejs", "jsonld"] {
            let out = export(name, &t);
            let v: serde_json::Value = serde_json::from_slice(&out).unwrap();
            prop_assert!(v.is_object());
        }
        // JSON-LD can sit in a <script> element: no text can close it.
        let out = String::from_utf8(export("jsonld", &t)).unwrap();
        prop_assert!(!out.contains('<') && !out.contains('>'));
    }

    #[test]
    fn html_and_markdown_hold_no_markup_from_the_text(t in timeline()) {
        let html = String::from_utf8(export("html", &t)).unwrap();
        let body = &html[html.find("<main>").unwrap()..html.find("<script>").unwrap()];
        // Only the page's own tags: every '<' opens one of them.
        for (i, _) in body.match_indices('<') {
            let tag: String = body[i + 1..].chars().take_while(|c| c.is_ascii_alphanumeric() || *c == '/').collect();
            prop_assert!(
                ["p", "/p", "li", "/li", "div", "/div", "h2", "/h2", "h3", "/h3", "ol", "/ol", "section", "/section",
                 "time", "/time", "span", "/span", "figure", "/figure", "figcaption", "/figcaption", "code", "/code", "main", "/main"]
                    .contains(&tag.as_str()),
                "unexpected tag {:?}", tag
            );
        }
        prop_assert_eq!(html.matches("<script>").count(), 1);
        let md = String::from_utf8(export("md", &t)).unwrap();
        for line in md.lines() {
            // No raw HTML and no unescaped emphasis from the text (code spans, which
            // show what they hold as it is, aside).
            let line = outside_code_spans(line);
            let raw_lt = line.match_indices('<').any(|(i, _)| i == 0 || line.as_bytes()[i - 1] != b'\\');
            prop_assert!(!raw_lt, "{:?}", line);
        }
        let tilse = String::from_utf8(export("tilse", &t)).unwrap();
        for line in tilse.lines() {
            prop_assert!(!line.trim().is_empty(), "a blank line in tilse output");
        }
    }
}

/// A line of Markdown without its code spans, as CommonMark reads them: a run of
/// backticks opens one, which the next run of as many backticks closes (a run that
/// nothing closes is text).
fn outside_code_spans(line: &str) -> String {
    let b = line.as_bytes();
    let run_at = |i: usize| b[i..].iter().take_while(|&&c| c == b'`').count();
    let mut out = String::new();
    let mut i = 0;
    while i < b.len() {
        if b[i] != b'`' {
            let next = line[i..].find('`').map_or(line.len(), |k| i + k);
            out.push_str(&line[i..next]);
            i = next;
            continue;
        }
        let n = run_at(i);
        let mut j = i + n;
        let close = loop {
            match line[j..].find('`') {
                None => break None,
                Some(k) => {
                    let m = run_at(j + k);
                    if m == n {
                        break Some(j + k + m);
                    }
                    j += k + m;
                }
            }
        };
        match close {
            Some(end) => i = end,
            None => {
                out.push_str(&line[i..i + n]);
                i += n;
            }
        }
    }
    out
}

#[test]
fn code_spans_hold_any_source_name() {
    use liveline_export::md::code_span;
    for name in [
        "page.txt",
        "a`b",
        "`start",
        "end`",
        "``",
        "<b>",
        "two\nlines",
    ] {
        let span = code_span(name);
        assert_eq!(outside_code_spans(&span), "", "{span:?}");
        assert!(!span.contains('\n'));
        // What is between the fences, less a space each side when padded, is the name.
        let fence = span.bytes().take_while(|&c| c == b'`').count();
        let inner = &span[fence..span.len() - fence];
        let inner = if inner.len() > name.len() {
            &inner[1..inner.len() - 1]
        } else {
            inner
        };
        assert_eq!(inner, name.replace('\n', " "));
    }
}

#[test]
fn one_nasty_event_in_every_format() {
    let text = "He said \"no, <b>never</b>\" & left]]> \u{1F600} \u{05E9}\u{05DC}\u{05D5}\u{05DD} \u{0645}\u{0631}\u{062D}\u{0628}\u{0627}, then, \u{1}quietly.";
    let e = Event {
        id: "00000000000000aa".into(),
        kind: EventKind::Post,
        when: Some(When {
            utc: Some("2022-01-21T13:49:00Z".parse().unwrap()),
            local: LocalTime::minute(2022, 1, 21, 8, 49),
            zone: Some("ET".into()),
            tz: Some("America/New_York".into()),
            precision: Precision::Minute,
        }),
        headline: Some("Talks, \"at last\" <i>& more</i>".into()),
        text: text.into(),
        blocks: vec![Block::new(BlockKind::Paragraph, text, Span::new(0, 1))],
        contributors: vec![],
        sources: vec![],
        mentions: vec![],
        parent: None,
        keys: vec![],
    };
    let t = Timeline {
        sources: vec![],
        events: vec![e],
    };
    for f in Formats::builtin().iter() {
        let mut out = Vec::new();
        f.write(&t, &mut out).unwrap();
        let s = String::from_utf8(out).unwrap();
        match f.name() {
            "json" | "jsonl" | "timelinejs" | "jsonld" => {
                for line in if f.name() == "jsonl" {
                    s.lines().collect()
                } else {
                    vec![s.as_str()]
                } {
                    let v: serde_json::Value = serde_json::from_str(line).unwrap();
                    let all = v.to_string();
                    assert!(
                        all.contains("\u{1F600}") && all.contains("\u{05E9}"),
                        "{}",
                        f.name()
                    );
                }
            }
            "html" => {
                assert!(!s.contains("<b>") && s.contains("&lt;b&gt;never&lt;/b&gt;"));
                assert!(s.contains("&quot;at last&quot; &lt;i&gt;&amp; more&lt;/i&gt;"));
                assert!(!s.contains('\u{1}'));
            }
            "tei" => {
                assert!(s.contains("&lt;b&gt;never&lt;/b&gt;") && s.contains("left]]&gt;"));
                assert!(!s.contains('\u{1}'));
                let elements = tei_texts(s.as_bytes());
                // The last <p>: the header's note comes first.
                let p = elements.iter().rfind(|e| e.0 == "p").unwrap();
                assert_eq!(p.2, text.replace('\u{1}', ""));
            }
            "md" => {
                assert!(s.contains("\\<b\\>never\\</b\\>") && s.contains("\\&"));
            }
            "csv" => {
                let mut r = csv::Reader::from_reader(s.as_bytes());
                let rec = r.records().next().unwrap().unwrap();
                assert_eq!(&rec[8], text);
            }
            "tilse" => {
                let lines: Vec<&str> = s.lines().collect();
                assert_eq!(lines[0], "2022-01-21");
                assert_eq!(lines[1], "Talks, \"at last\" <i>& more</i>");
                assert!(lines[2].starts_with("He said \"no, <b>never</b>\" & left]]>"));
                assert_eq!(*lines.last().unwrap(), "-".repeat(32));
            }
            other => panic!("a format without a check: {other}"),
        }
        assert!(
            s.contains('\u{1F600}') || f.name() == "tilse",
            "{}",
            f.name()
        );
    }
}
