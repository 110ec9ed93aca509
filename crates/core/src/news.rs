//! What news text looks like, as far as more than one crate needs to know it: where a
//! sentence ends, which names are outlets, and how a photo credit is written at the end
//! of a caption. The parser uses these to read pages; the cleaning passes use them to
//! repair documents built in other ways.
//!
//! ```
//! use liveline_core::news;
//!
//! let t = "Crowds gather in the square. (Ana Ruiz/AFP/Getty Images)";
//! let c = news::photo_credit(t).unwrap();
//! assert_eq!(&t[..c.text_end], "Crowds gather in the square.");
//! assert_eq!(&t[c.credit], "Ana Ruiz/AFP/Getty Images");
//! assert!(news::photo_credit("The minister (left) spoke first").is_none());
//! ```

use std::ops::Range;

/// English month names, January first.
pub const MONTH_NAMES: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// English weekday names, Monday first (as ISO 8601 counts).
pub const WEEKDAY_NAMES: [&str; 7] = [
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
];

/// Whether `t` ends a sentence: ".", "!", "?", ":", ";", "…", or a closing quote or
/// parenthesis right after one of them (or after a comma). ASCII endings are decided
/// from the last bytes; only other endings are decoded.
#[inline]
pub fn ends_sentence(t: &str) -> bool {
    let b = t.as_bytes();
    let before_close = || {
        matches!(
            t[..t.len() - 1].chars().next_back(),
            Some('.' | '!' | '?' | ',' | '…')
        )
    };
    match b.last() {
        None => false,
        Some(b'.' | b'!' | b'?' | b':' | b';') => true,
        Some(b'"' | b'\'' | b')') => before_close(),
        Some(c) if c.is_ascii() => false,
        Some(_) => {
            let mut rev = t.chars().rev();
            match rev.next() {
                Some('…') => true,
                Some('”' | '’') => matches!(rev.next(), Some('.' | '!' | '?' | ',' | '…')),
                _ => false,
            }
        }
    }
}

/// The number of words of `t`, counting runs of non-spaces between ASCII spaces.
#[inline]
pub fn words(t: &str) -> usize {
    t.as_bytes()
        .split(|&b| b == b' ')
        .filter(|w| !w.is_empty())
        .count()
}

/// Outlets and agencies recognised at the end of a byline or in a credit.
pub static OUTLETS: &[&str] = &[
    "AFP",
    "AP",
    "Agence France-Presse",
    "Associated Press",
    "BBC",
    "BBC News",
    "Bloomberg",
    "CNN",
    "dpa",
    "EFE",
    "NPR",
    "PA",
    "PA Media",
    "Press Association",
    "Reuters",
    "The Associated Press",
    "The Guardian",
    "The New York Times",
    "The Washington Post",
    "VOA",
    "Xinhua",
    "TASS",
    "ANSA",
    "Kyodo",
    "Yonhap",
    "Al Jazeera",
    "Sky News",
    "NBC News",
    "CBS News",
    "ABC News",
    "Fox News",
];

/// Whether `s` names an outlet: one of [`OUTLETS`], or an acronym of 2 to 6 capitals.
#[inline]
pub fn is_outlet(s: &str) -> bool {
    OUTLETS.contains(&s)
        || (s.len() >= 2 && s.len() <= 6 && s.bytes().all(|b| b.is_ascii_uppercase()))
}

/// A photo credit found at the end of a caption, as byte ranges of the caption.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PhotoCredit {
    /// The caption text proper is `text[..text_end]` (trailing spaces left out).
    pub text_end: usize,
    /// The credit: "Ana Ruiz/AFP/Getty Images", "Reuters".
    pub credit: Range<usize>,
    /// The label written before the credit ("Photograph", "Video"), if any.
    pub label: Option<Range<usize>>,
}

/// Labels written before a credit at the end of a caption: "... Video: Reuters".
pub const CREDIT_LABELS: &[&str] = &["Video", "Photograph", "Photo", "Picture", "Image", "Credit"];

/// Whether `inner` (the text of a trailing parenthesis) reads like a photo credit:
/// "Ana Ruiz/AFP/Getty Images", "AP Photo/Ana Ruiz", "Reuters".
#[inline]
pub fn credit_like(inner: &str) -> bool {
    !inner.contains('(')
        && inner.chars().next().is_some_and(char::is_uppercase)
        && !ends_sentence(inner)
        && (inner.contains('/')
            || inner.contains("Getty")
            || inner.contains("Photo")
            || inner.contains("Image")
            || is_outlet(inner))
}

/// Find a photo credit at the end of caption text `t`:
/// "... (Name/Agency/Getty Images)", "... (AP Photo/Name)", "... Photograph: Name/Reuters",
/// "... Image: Name/AP", "... Credit: Name", "... Video: Reuters",
/// "... Image source, Name". A labelled credit is at most six words and does not end a
/// sentence; text must stand before any credit. Only the end of `t` is searched, so this
/// costs little on long paragraphs.
#[inline]
pub fn photo_credit(t: &str) -> Option<PhotoCredit> {
    let b = t.as_bytes();
    // Most lines end a sentence: then only the parenthesised credit can follow, since a
    // labelled credit never ends with a full stop.
    if b.last() != Some(&b')') && ends_sentence(t) {
        return None;
    }
    if b.last() == Some(&b')') {
        let open = memchr::memrchr(b'(', b)?;
        let inner = &t[open + 1..t.len() - 1];
        if open > 0 && b[open - 1] == b' ' && credit_like(inner) {
            return Some(PhotoCredit {
                text_end: t[..open].trim_end().len(),
                credit: open + 1..t.len() - 1,
                label: None,
            });
        }
        return None;
    }
    // A labelled credit stands in the last few words: look only at the tail.
    let mut tail = b.len().saturating_sub(120);
    while !t.is_char_boundary(tail) {
        tail += 1;
    }
    let labelled = |at: usize, label_len: usize, credit_start: usize| {
        let credit = &t[credit_start..];
        (at > 0 && !credit.is_empty() && words(credit) <= 6 && !ends_sentence(credit)).then(|| {
            PhotoCredit {
                text_end: t[..at].trim_end().len(),
                credit: credit_start..t.len(),
                label: Some(at..at + label_len),
            }
        })
    };
    if let Some(colon) = memchr::memrchr(b':', &b[tail..]).map(|i| i + tail) {
        let before = &t[..colon];
        for label in CREDIT_LABELS {
            if let Some(head) = before.strip_suffix(label)
                && head.ends_with(' ')
                && t[colon..].starts_with(": ")
            {
                return labelled(head.len(), label.len(), colon + 2);
            }
        }
    }
    // "Image source, Name": the comma is one of the last few in the line.
    let source = memchr::memrchr_iter(b',', &b[tail..]).find_map(|i| {
        t[..tail + i]
            .strip_suffix(" Image source")
            .map(|head| head.len())
    })?;
    labelled(
        source + 1,
        "Image source".len(),
        source + " Image source, ".len(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sentence_endings_ascii_and_not() {
        for t in [
            "Talks ended.",
            "Really?",
            "He said “yes.”",
            "He said \"no,\"",
            "Wait…",
            "So it goes…”",
            "(As planned.)",
            "Some background:",
        ] {
            assert!(ends_sentence(t), "{t}");
        }
        for t in [
            "Talks end",
            "Talks end ‘today’",
            "Blinken says \"swift response\"",
            "(AP)",
            "",
            "2022",
        ] {
            assert!(!ends_sentence(t), "{t}");
        }
    }

    fn split(t: &str) -> Option<(&str, &str, Option<&str>)> {
        photo_credit(t).map(|c| (&t[..c.text_end], &t[c.credit], c.label.map(|l| &t[l])))
    }

    #[test]
    fn credits_in_every_written_form() {
        let cases = [
            (
                "A convoy moves along a highway. (AP)",
                ("A convoy moves along a highway.", "AP", None),
            ),
            (
                "Troops train near the border. (Ana Ruiz/AFP/Getty Images)",
                (
                    "Troops train near the border.",
                    "Ana Ruiz/AFP/Getty Images",
                    None,
                ),
            ),
            (
                "A woman walks past a mural. (AP Photo/Ana Ruiz)",
                ("A woman walks past a mural.", "AP Photo/Ana Ruiz", None),
            ),
            (
                "Residents said they hoped for the best. Video: Reuters",
                (
                    "Residents said they hoped for the best.",
                    "Reuters",
                    Some("Video"),
                ),
            ),
            (
                "The harbour at dawn. Photograph: Ana Ruiz/Reuters",
                (
                    "The harbour at dawn.",
                    "Ana Ruiz/Reuters",
                    Some("Photograph"),
                ),
            ),
            (
                "Crowds gather at the square. Image source, Ana Ruiz",
                (
                    "Crowds gather at the square.",
                    "Ana Ruiz",
                    Some("Image source"),
                ),
            ),
            (
                "Snow covers the station. Credit: Ana Ruiz",
                ("Snow covers the station.", "Ana Ruiz", Some("Credit")),
            ),
            (
                "The bridge after the strike. Image: Ana Ruiz/AP",
                ("The bridge after the strike.", "Ana Ruiz/AP", Some("Image")),
            ),
        ];
        for (t, want) in cases {
            assert_eq!(split(t), Some(want), "{t}");
        }
    }

    #[test]
    fn text_that_is_not_a_credit() {
        for t in [
            "The ministers met in Geneva.",
            "The minister (left) spoke first",
            "The speed was 40 (km/h).",
            "He said (quietly) that the talks had ended (for now.)",
            "Photograph: Ana Ruiz/Reuters",
            "The note read: see you soon",
            "Video: the full statement from the minister, read in parliament today.",
            "Among those present were the foreign ministers of three countries and their deputies. Image: a long list of things that keeps going on",
            "",
            ")",
            "(",
        ] {
            assert_eq!(split(t), None, "{t}");
        }
    }

    #[test]
    fn outlets() {
        assert!(is_outlet("Reuters"));
        assert!(is_outlet("PA"));
        assert!(is_outlet("WSJ"));
        assert!(!is_outlet("Kyiv"));
        assert!(!is_outlet("A"));
    }

    #[test]
    fn non_ascii_near_the_tail_is_safe() {
        let t = format!("{}Image source, Ana", "é".repeat(70));
        assert!(photo_credit(&t).is_none());
        let t = format!("Picture {} Image source, Ana Ruiz", "ü".repeat(80));
        assert_eq!(split(&t).map(|s| s.1), Some("Ana Ruiz"));
    }
}
