//! Property tests: totality and span invariants on any text, the round trip through
//! the text format, and the stamp grammar against a hand-written reference.

use arbitrary::Unstructured;
use liveline_core::zone;
use liveline_parse::{parse, parse_stamp, render::render};
use liveline_testkit::generate::{self, MONTHS};
use liveline_testkit::{check_spans, shape};
use proptest::prelude::*;

/// Fragments of the forms the parser knows, to build texts that exercise it harder than
/// random characters do.
const TOKENS: &[&str] = &[
    "\n",
    "\n",
    "\n",
    "\n\n",
    " ",
    "  ",
    "\t",
    "\r\n",
    "\u{a0}",
    "8:49 a.m. ET, January 21, 2022",
    "10:46 a.m. ET",
    "17:17",
    "17.17",
    "5.51pm GMT",
    "0755 GMT (1555 HKT) January 28, 2022",
    "2h ago",
    "18 hr 50 min ago",
    "March 23, 2022",
    "Updated 9:06 p.m. ET, January 21, 2022",
    "Updated ",
    "10 Posts",
    "1 Post",
    "By Ana Ruiz, Ben Lee and Eva Said, CNN",
    "From CNN’s Ana Ruiz in Kyiv",
    "From CNN's ",
    "Sort byDropdown arrow",
    "GO DEEPER",
    "Read all the details here.",
    "Some background:",
    "Some background: ",
    "2014: ",
    "* ",
    "• ",
    "- ",
    "FILE - ",
    "(Name/AFP/Getty Images)",
    " (AP)",
    "Video: Reuters",
    " – PA/Reuters",
    "02:56 - Source: CNN",
    " published at 17:17 Greenwich Mean Time 14 March 2022",
    "Officials agree to meet again",
    "Talks end.",
    "The situation:",
    "“Quoted.”",
    " | CNN Politics",
    "contributed to this report.",
    "é",
    "ß",
    "水",
    "🙂",
    "\u{200b}",
    ":",
    ".",
    "(",
    ")",
    "0",
    "12",
    "pm",
];

/// The number of cases: `default`, or `LIVELINE_PROPTEST_CASES` for a longer run.
use liveline_testkit::proptest_cases as cases;

fn soup() -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(TOKENS), 0..60).prop_map(|v| v.concat())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: cases(512), ..ProptestConfig::default() })]

    /// Any string parses, and the spans hold: in bounds, on character boundaries, in
    /// order, not overlapping, covering every non-blank character.
    #[test]
    fn any_string_parses_with_sound_spans(src in any::<String>()) {
        let doc = parse(&src);
        prop_assert_eq!(check_spans(&src, &doc), Ok(()));
    }

    /// The same on texts built from the forms the parser knows.
    #[test]
    fn form_soup_parses_with_sound_spans(src in soup()) {
        let doc = parse(&src);
        prop_assert_eq!(check_spans(&src, &doc), Ok(()));
        // Parsing is deterministic.
        prop_assert_eq!(shape(&doc), shape(&parse(&src)));
    }

    /// A generated document rendered to the live-blog format parses back to itself.
    #[test]
    fn rendered_documents_parse_back(bytes in prop::collection::vec(any::<u8>(), 0..4096)) {
        let want = generate::document(&mut Unstructured::new(&bytes)).unwrap();
        let text = render(&want);
        let got = parse(&text);
        prop_assert_eq!(check_spans(&text, &got), Ok(()));
        prop_assert_eq!(shape(&got), shape(&want), "text:\n{}", text);
        prop_assert!(got.diagnostics.is_empty(), "{:?}", got.diagnostics);
    }
}

/// The hand-written reference for a clock as written: 12-hour "H[:MM|.MM][ ]am|pm"
/// (any case, "a.m."/"p.m." too), 24-hour "H:MM" or "HH.MM", or four digits "HHMM"
/// (only ever followed by a zone here).
fn reference_clock(s: &str) -> Option<(i8, i8)> {
    // Spaces before the zone are the separator, however many.
    let s = s.trim_end_matches(' ');
    let lower = s.to_ascii_lowercase();
    for (suffix, pm) in [("a.m.", false), ("am", false), ("p.m.", true), ("pm", true)] {
        if let Some(num) = lower.strip_suffix(suffix) {
            let num = num.trim_end_matches(' ');
            let (h, m) = match num.split_once([':', '.']) {
                Some((h, m)) if m.len() == 2 => (h, m),
                Some(_) => return None,
                None => (num, "00"),
            };
            if h.is_empty()
                || h.len() > 2
                || !h.bytes().chain(m.bytes()).all(|b| b.is_ascii_digit())
            {
                return None;
            }
            let (h, m): (i8, i8) = (h.parse().ok()?, m.parse().ok()?);
            if !(1..=12).contains(&h) || m > 59 {
                return None;
            }
            return Some(((h % 12) + if pm { 12 } else { 0 }, m));
        }
    }
    let digits = |t: &str| !t.is_empty() && t.bytes().all(|b| b.is_ascii_digit());
    let (h, m) = if let Some((h, m)) = s.split_once(':') {
        (h.len() <= 2 && m.len() == 2).then_some((h, m))?
    } else if let Some((h, m)) = s.split_once('.') {
        (h.len() == 2 && m.len() == 2).then_some((h, m))?
    } else if s.len() == 4 {
        (&s[..2], &s[2..])
    } else {
        return None;
    };
    if !digits(h) || !digits(m) {
        return None;
    }
    let (h, m): (i8, i8) = (h.parse().ok()?, m.parse().ok()?);
    (h <= 23 && m <= 59).then_some((h, m))
}

/// Hand-written UTC offsets (minutes) of the fixed zones used below, and for ET the
/// US rule of 2022: EDT from 2:00 on 13 March (a time in the skipped hour reads as
/// EST, which lands on the same instant as moving it forward) to 2:00 on 6 November
/// (the repeated hour reads as EDT, the earlier of the two).
fn reference_offset(zone: &str, month: i8, day: i8, hour: i8) -> i32 {
    match zone {
        "GMT" | "UTC" => 0,
        "BST" | "CET" => 60,
        "EET" => 120,
        "MSK" => 180,
        "IST" => 330,
        "HKT" => 480,
        "JST" => 540,
        "EST" => -300,
        "EDT" => -240,
        "ET" => {
            let after_start = month > 3 || (month == 3 && (day > 13 || (day == 13 && hour >= 3)));
            let before_end = month < 11 || (month == 11 && (day < 6 || (day == 6 && hour < 2)));
            let dst = after_start && before_end;
            if dst { -240 } else { -300 }
        }
        other => panic!("no reference offset for {other}"),
    }
}

const REF_ZONES: &[&str] = &[
    "GMT", "UTC", "BST", "CET", "EET", "MSK", "IST", "HKT", "JST", "EST", "EDT", "ET",
];

proptest! {
    #![proptest_config(ProptestConfig { cases: cases(2048), ..ProptestConfig::default() })]

    /// Clock-like soup followed by a zone and a date: the parser accepts exactly what
    /// the reference accepts, with the same hour and minute.
    #[test]
    fn clock_grammar_agrees_with_the_reference(
        clock in prop::collection::vec(prop::sample::select(&["0", "1", "2", "5", "9", ":", ".", " ", "a", "p", "m", "A", "M", ".m."][..]), 1..9)
    ) {
        let clock = clock.concat();
        let text = format!("{clock} GMT, January 21, 2022");
        let got = parse_stamp(&text).and_then(|s| s.local).map(|l| (l.hour.unwrap_or(-1), l.minute.unwrap_or(-1)));
        prop_assert_eq!(got, reference_clock(&clock), "{}", text);
    }

    /// Generated times, dates and zones in every written order: the parser finds the
    /// local time, the zone and the UTC instant the reference computes.
    #[test]
    fn stamps_agree_with_the_reference(
        hour in 0i8..24, minute in 0i8..60, month in 1i8..=12, day in 1i8..=28,
        zone_i in 0usize..REF_ZONES.len(), form in 0usize..6, long_zone in any::<bool>(),
    ) {
        let z = REF_ZONES[zone_i];
        let zone_text = match (z, long_zone) {
            ("GMT", true) => "Greenwich Mean Time",
            ("BST", true) => "British Summer Time",
            ("CET", true) => "Central European Time",
            ("ET", true) => "Eastern Time",
            _ => z,
        };
        let mname = MONTHS[(month - 1) as usize];
        let h12 = if hour % 12 == 0 { 12 } else { hour % 12 };
        let (am, amc) = if hour < 12 { ("a.m.", "am") } else { ("p.m.", "PM") };
        let text = match form {
            0 => format!("{h12}:{minute:02} {am} {zone_text}, {mname} {day}, 2022"),
            1 => format!("{}. {day}, 2022, {h12}:{minute:02} {amc} {zone_text}", &mname[..3]),
            2 => format!("{hour:02}:{minute:02} {zone_text} {day} {mname} 2022"),
            3 => format!("published at {hour}:{minute:02} {zone_text} {day} {mname} 2022"),
            4 => format!("Updated {hour:02}{minute:02} {zone_text} (0000 UTC) {mname} {day}, 2022"),
            _ => format!("Friday, {mname} {day}, 2022, {h12}.{minute:02}{amc} {zone_text}"),
        };
        let s = parse_stamp(&text);
        prop_assert!(s.is_some(), "not a stamp: {}", text);
        let s = s.unwrap();
        let l = s.local.unwrap();
        prop_assert_eq!((l.year, l.month, l.day, l.hour, l.minute), (Some(2022), Some(month), Some(day), Some(hour), Some(minute)), "{}", text);
        prop_assert_eq!(s.zone.as_deref(), Some(z));
        let off = reference_offset(z, month, day, hour);
        let minutes_utc = i64::from(hour) * 60 + i64::from(minute) - i64::from(off);
        let midnight = liveline_core::jiff::civil::date(2022, month, day).to_zoned(liveline_core::jiff::tz::TimeZone::UTC).unwrap().timestamp();
        let want = midnight.checked_add(liveline_core::jiff::SignedDuration::from_mins(minutes_utc)).unwrap();
        prop_assert_eq!(s.utc, Some(want), "{}", text);
        prop_assert!(zone::lookup(z).is_some());
    }
}

#[test]
fn reference_clock_is_itself_right() {
    assert_eq!(reference_clock("8:49 a.m."), Some((8, 49)));
    assert_eq!(reference_clock("12:05 am"), Some((0, 5)));
    assert_eq!(reference_clock("12 pm"), Some((12, 0)));
    assert_eq!(reference_clock("17.17"), Some((17, 17)));
    assert_eq!(reference_clock("1.17"), None);
    assert_eq!(reference_clock("0755"), Some((7, 55)));
    assert_eq!(reference_clock("13pm"), None);
}

/// [`liveline_parse::parse_in_parts`] of `src`, checked to be what
/// [`liveline_parse::parse_into_parts`] gives joined, its parts after the first holding
/// only posts and the trailer.
fn in_parts(src: &str, parts: usize) -> liveline_core::Document<'_> {
    let doc = liveline_parse::parse_in_parts(src, parts);
    let split = liveline_parse::parse_into_parts(src, parts);
    assert!(
        !split.is_empty() && split.len() <= parts.max(1),
        "{}",
        split.len()
    );
    for later in &split[1..] {
        let head = liveline_core::Document {
            posts: Vec::new(),
            trailer: Vec::new(),
            ..later.clone()
        };
        let nothing = liveline_core::Document {
            kind: doc.kind,
            ..liveline_core::Document::default()
        };
        assert_eq!(
            head, nothing,
            "a later part holds only posts and the trailer"
        );
        assert!(!later.posts.is_empty());
    }
    assert_eq!(liveline_core::Document::from_parts(split), doc);
    doc
}

proptest! {
    #![proptest_config(ProptestConfig { cases: cases(512), ..ProptestConfig::default() })]

    /// Splitting and classifying the lines in parts gives the document one pass gives,
    /// wherever the cuts fall (blank lines, CR LF, stamps and diagnostics on either
    /// side of them).
    #[test]
    fn parsing_in_parts_is_parsing(src in soup(), parts in 1..8usize) {
        prop_assert_eq!(in_parts(&src, parts), parse(&src));
    }

    /// The same on blogs long enough that their posts are built in parts too: form
    /// soup between timed posts, hundreds of times over.
    #[test]
    fn long_blogs_parse_the_same_in_parts(
        src in soup(),
        times in 200..700usize,
        parts in 2..5usize,
    ) {
        let src = format!("{src}\n\n9:05 a.m. ET\n\n").repeat(times);
        prop_assert_eq!(in_parts(&src, parts), parse(&src));
    }

    /// Decoding accepts exactly the UTF-8 the standard library accepts (after a
    /// byte-order mark), and puts a bad byte where it does: on bytes that are mostly
    /// text, long enough for the SIMD check's blocks, with a few bytes of any kind.
    #[test]
    fn decoding_agrees_with_the_standard_library(
        text in ".{0,300}",
        times in 1..8usize,
        bom in any::<bool>(),
        noise in prop::collection::vec((any::<prop::sample::Index>(), any::<u8>()), 0..3),
    ) {
        let mut bytes = if bom { b"\xEF\xBB\xBF".to_vec() } else { Vec::new() };
        bytes.extend(text.repeat(times).bytes());
        for (at, b) in noise {
            if !bytes.is_empty() {
                let i = at.index(bytes.len());
                bytes[i] = b;
            }
        }
        let body = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(&bytes);
        match (liveline_parse::decode(&bytes), std::str::from_utf8(body)) {
            (Ok(got), Ok(want)) => prop_assert_eq!(got, want),
            (Err(got), Err(want)) => prop_assert_eq!(got.offset(), want.valid_up_to()),
            (got, want) => prop_assert!(false, "{:?} but the standard library: {:?}", got, want),
        }
    }

    /// The same on any string.
    #[test]
    fn parsing_any_string_in_parts_is_parsing(src in any::<String>(), parts in 2..5usize) {
        prop_assert_eq!(in_parts(&src, parts), parse(&src));
    }
}

#[test]
fn the_seeds_parse_the_same_in_parts() {
    for (name, text) in liveline_testkit::corpus::seeds() {
        // Doubled, so that stamps and diagnostics fall in later parts too.
        let text = format!("{text}\n{text}");
        for parts in [2, 3, 5, 16, 1000] {
            assert_eq!(
                in_parts(&text, parts),
                parse(&text),
                "{name} in {parts} parts"
            );
        }
    }
}

#[test]
fn the_seeds_parse_the_same_in_parts_repeated_into_long_pages() {
    // Hundreds of posts and more: the live blogs' posts are built in parts too.
    for (name, text) in liveline_testkit::corpus::seeds() {
        let text = format!("{text}\n").repeat(40);
        let whole = parse(&text);
        for parts in [2, 3, 4, 7] {
            let in_parts = in_parts(&text, parts);
            assert_eq!(in_parts, whole, "{name} in {parts} parts");
        }
        // A timed live blog comes in two parts.
        let timed = whole.posts.iter().filter(|p| p.stamp.is_some()).count() >= 2;
        let split = liveline_parse::parse_into_parts(&text, 2);
        assert_eq!(split.len(), if timed { 2 } else { 1 }, "{name}");
    }
}

#[test]
fn a_long_blog_parsed_into_parts_has_its_trailer_in_the_last() {
    // Timed posts, then a closing list of links: the trailer, taken from the last post.
    let post = "10:15 a.m. ET\n\nDiplomats met again in Geneva today.\n\n";
    let links = "GO DEEPER\n\nTalks in Geneva end without a deal\n\
                 What the ministers said after the meeting\nWhere the talks go from here\n";
    let src = format!("Talks in Geneva\n\n{}{links}", post.repeat(600));
    let whole = parse(&src);
    assert_eq!(whole.trailer.len(), 1, "{:?}", whole.trailer);
    let split = liveline_parse::parse_into_parts(&src, 2);
    assert_eq!(split.len(), 2);
    assert!(split[0].trailer.is_empty());
    assert_eq!(split[1].trailer, whole.trailer);
    assert_eq!(split[1].posts.last(), whole.posts.last());
    assert_eq!(liveline_core::Document::from_parts(split), whole);
}

#[test]
fn diagnostics_of_every_part_come_in_the_order_of_their_lines() {
    // A time in an unknown zone and an impossible date in each half of a long blog.
    let mut src = String::from("Talks\n\n");
    for n in 0..40 {
        src.push_str(&format!(
            "8:{:02} a.m. QQT\n\nPost {n} about the talks\n\n",
            n % 60
        ));
        src.push_str("February 30, 2022\n\nMore text of the post.\n\n");
    }
    let whole = parse(&src);
    assert!(whole.diagnostics.len() >= 40, "{:?}", whole.diagnostics);
    for parts in [2, 4, 7] {
        let in_parts = in_parts(&src, parts);
        assert_eq!(in_parts.diagnostics, whole.diagnostics, "{parts} parts");
        assert_eq!(in_parts, whole, "{parts} parts");
    }
}

/// Whether post `p` has the headline `text`.
fn headlined(p: &liveline_core::Post<'_>, text: &str) -> bool {
    p.headline.as_ref().is_some_and(|h| h.text == text)
}

/// A long blog cut in two after `above` (its text is cut after the line that holds its
/// middle byte: here the last line of `above`), with `below` after the cut and posts
/// around them; and where that last line is.
fn cut_after(above: &str, below: &str) -> (String, std::ops::Range<usize>) {
    let post = "10:15 a.m. ET\n\nDiplomats met again in Geneva today.\n\n";
    let mut head = format!("Talks in Geneva\n\n{}", post.repeat(300));
    let mut tail = format!("\n\n{below}\n\nThe talks went on.\n\n{}", post.repeat(300));
    // As much text on both sides of the middle of that line, with a last paragraph (or
    // a first) to make up the difference.
    let last = above.rsplit('\n').next().unwrap_or(above).len();
    let filler = |n: usize| format!("{}.\n\n", "x".repeat(n.saturating_sub(3)));
    let (h, t) = (head.len() + above.len() - last / 2, tail.len() + last / 2);
    if t < h {
        tail.push_str(&filler(h - t));
    } else {
        head = format!("{}{head}", filler(t - h));
    }
    let src = format!("{head}{above}{tail}");
    let line = head.len() + above.len() - last..head.len() + above.len();
    assert!(line.contains(&(src.len() / 2)), "{line:?} {}", src.len());
    (src, line)
}

#[test]
fn a_line_that_belongs_to_the_post_above_it_across_the_cut_does() {
    // The line before the cut starts a post (a date header, a time stamp) and the first
    // line after the cut belongs to that post (a time stamp below a date header, a
    // headline with its time below a time stamp): one post, as in one pass.
    let pairs = [
        ("January 21, 2022", "9:05 a.m. ET"),
        (
            "9:05 a.m. ET",
            "Talks resume in Geneva published at 17:17 GMT 14 March 2022",
        ),
    ];
    for (above, below) in pairs {
        let (src, line) = cut_after(above, below);
        let whole = parse(&src);
        let post = whole
            .posts
            .iter()
            .find(|p| p.span.start <= line.start && line.start < p.span.end)
            .expect("a post across the cut");
        assert!(
            post.span.end > line.end,
            "{above:?} and {below:?} in one post: {:?}",
            post.span
        );
        assert_eq!(in_parts(&src, 2), whole, "{above:?}");
    }
}

#[test]
fn a_line_below_a_run_whose_last_line_starts_no_post_starts_its_own_across_the_cut() {
    // The cut falls after a time stamp below a date header (the date header starts the
    // post, the stamp belongs to it): the headline with its time after the cut does not
    // belong below that stamp, and starts a post of its own, as in one pass.
    let (src, stamp) = cut_after(
        "January 21, 2022\n\n9:05 a.m. ET",
        "Talks resume in Geneva published at 17:17 GMT 14 March 2022",
    );
    let whole = parse(&src);
    let headline = whole
        .posts
        .iter()
        .find(|p| headlined(p, "Talks resume in Geneva"))
        .expect("the headline starts a post");
    assert!(headline.span.start > stamp.end, "{:?}", headline.span);
    assert_eq!(in_parts(&src, 2), whole);
}

#[test]
fn runs_of_lines_that_start_posts_parse_the_same_in_parts() {
    // A date header, a time stamp below it (its post's) and a headline with its time
    // below that (a post of its own: the line above it does not start a post), in
    // both halves of a long blog.
    let run = "January 21, 2022\n\n9:05 a.m. ET\n\n\
               Talks resume in Geneva published at 17:17 GMT 14 March 2022\n\n\
               The talks went on.\n\n";
    let post = "10:15 a.m. ET\n\nDiplomats met again in Geneva today.\n\n";
    let half = format!("{run}{}", post.repeat(300));
    let src = format!("Talks in Geneva\n\n{half}{half}");
    let whole = parse(&src);
    let published = whole
        .posts
        .iter()
        .filter(|p| headlined(p, "Talks resume in Geneva"))
        .count();
    assert_eq!(published, 2, "the headlines with their times start posts");
    assert_eq!(in_parts(&src, 2), whole);
}

#[test]
fn times_resolved_in_parts_take_the_zone_and_date_from_above_the_cut() {
    // A long blog whose second half writes its times without a zone (from the first
    // half's last one), then a few without a date: resolved in two parts, as in one.
    let dated = |n: usize, zone: &str| {
        format!(
            "{}:{:02} a.m.{zone}, January 21, 2022\n\nPost {n} on the talks.\n\n",
            1 + n % 11,
            n % 60
        )
    };
    let mut src = String::from("Talks in Geneva\n\n");
    for n in 0..600 {
        src.push_str(&dated(n, " ET"));
    }
    for n in 600..1200 {
        if n % 100 == 7 {
            src.push_str(&format!("9:{:02} a.m.\n\nPost {n}, no date.\n\n", n % 60));
        } else {
            src.push_str(&dated(n, ""));
        }
    }
    let whole = parse(&src);
    let last = whole
        .posts
        .last()
        .and_then(|p| p.stamp.as_ref())
        .expect("a stamp");
    assert_eq!(last.tz.as_deref(), Some("America/New_York"), "{last:?}");
    assert!(last.utc.is_some(), "{last:?}");
    assert_eq!(in_parts(&src, 2), whole);
}
