//! Finding and resolving time mentions never panics, whatever the text and the date,
//! and gives the same answer every time.

use liveline_core::jiff::civil::Date;
use liveline_timeline::mentions::{find, resolve};
use proptest::prelude::*;

use liveline_testkit::proptest_cases as cases;

/// Words and separators that make up time expressions, and some that come near them.
const PIECES: &[&str] = &[
    "on",
    "in",
    "since",
    "until",
    "the",
    "over",
    "past",
    "last",
    "next",
    "this",
    "earlier",
    "later",
    "coming",
    "early",
    "mid",
    "late",
    "Friday",
    "FRIDAY",
    "Monday",
    "Sunday",
    "January",
    "February",
    "May",
    "Dec",
    "Jan",
    "Sept",
    "spring",
    "fall",
    "winter",
    "of",
    "today",
    "tonight",
    "yesterday",
    "tomorrow",
    "night",
    "morning",
    "week",
    "weekend",
    "weeks",
    "month",
    "year",
    "years",
    "decade",
    "ago",
    "a",
    "three",
    "18",
    "21",
    "4th",
    "29",
    "31",
    "0",
    "2004",
    "2022",
    "9999",
    "1000",
    "2999",
    "will",
    "expected",
    "going",
    "to",
    "'ll",
    " ",
    "  ",
    ", ",
    ". ",
    "-",
    "\u{2013}",
    ",",
    ".",
    ":",
    "\u{a0}",
    "\n",
    "\u{2019}s",
    "\u{e9}t\u{e9}",
    "\u{645}\u{631}",
    "\u{1f600}",
];

fn text() -> impl Strategy<Value = String> {
    prop_oneof![
        prop::collection::vec(prop::sample::select(PIECES), 0..24).prop_map(|p| {
            let mut s = String::new();
            for (n, piece) in p.iter().enumerate() {
                if n > 0 && piece.chars().all(char::is_alphanumeric) {
                    s.push(' ');
                }
                s.push_str(piece);
            }
            s
        }),
        any::<String>(),
    ]
}

fn date() -> impl Strategy<Value = Option<Date>> {
    prop_oneof![
        Just(None),
        Just(Some(Date::MIN)),
        Just(Some(Date::MAX)),
        (-9999i16..=9999, 1i8..=12, 1i8..=31).prop_map(|(y, m, d)| Date::new(y, m, d.min(28)).ok()),
        (2020i16..=2024, 1i8..=12, 1i8..=28).prop_map(|(y, m, d)| Date::new(y, m, d).ok()),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(cases(2000)))]

    #[test]
    fn finding_and_resolving_never_panics_and_is_deterministic(s in text(), anchor in date()) {
        let found = find(&s);
        prop_assert_eq!(&found, &find(&s));
        let mut last_end = 0;
        for f in &found {
            prop_assert!(f.range.start >= last_end && f.range.start < f.range.end);
            last_end = f.range.end;
            let mention = s.get(f.range.clone());
            prop_assert!(mention.is_some(), "range off a character boundary");
            let mention = mention.unwrap();
            let r = resolve(mention, f.tense, anchor);
            prop_assert!(r.is_some(), "{mention:?} was found but does not resolve");
            prop_assert_eq!(&r, &resolve(mention, f.tense, anchor));
            let r = r.unwrap();
            prop_assert!(!r.value.is_empty());
            // What is found is found again in the mention alone.
            let again = find(mention);
            prop_assert_eq!(again.len(), 1);
            prop_assert_eq!(again[0].range.clone(), 0..mention.len());
        }
        // Any text at all, not only what was found.
        prop_assert_eq!(resolve(&s, None, anchor), resolve(&s, None, anchor));
    }
}
