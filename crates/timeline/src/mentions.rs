//! Time mentions inside text ("on Thursday", "next week", "in the late spring", "since
//! 2004", "over the past 18 years"), found and resolved in TIMEX3 style against the
//! date of the post that holds them, the way temporal taggers work on news.
//!
//! [`find`] finds the mentions of a text; [`resolve`] gives a mention's value against
//! a date; [`resolve_all`] resolves every mention of a list of events against each
//! event's own local date (a year item's against its post's).
//!
//! ## How mentions resolve
//! - "today", "tonight", "yesterday", "tomorrow", "last night", "this morning": that
//!   day ("2022-01-21", "2022-01-21TNI").
//! - A weekday ("Friday", "on Thursday"): the post's own day when it is that weekday
//!   ("Saturday" in a Saturday piece); otherwise the last such day before it, or the
//!   next one after it when the words before the mention speak of the future ("will",
//!   "expected", "plans", "as soon as", ...). "last Monday" and "next Monday" are the
//!   ones before and after; "this Monday" the one in the same ISO week.
//! - Weeks are ISO weeks: on Friday 2022-01-21 "this week" and "earlier this week" are
//!   "2022-W03", "next week" "2022-W04", "this weekend" "2022-W03-WE".
//! - A month or season without a year ("in February", "in the late spring"): the
//!   nearest one to the post's date (at most six months, or two seasons, away; the
//!   past one on a tie), or the next one when the words before it speak of the future.
//!   Seasons are meteorological (winter: December to February, counted in the year
//!   its January falls in).
//! - A day without a year ("on January 21", "Tuesday January 18"): the nearest such
//!   date, one whose weekday matches when a weekday is written.
//! - Absolute dates ("in 2014", "since 2004", "July 2, 2020", "Jan. 19, 2022") are
//!   what they say; "early", "mid" and "late" become the TIMEX3 modifiers "START",
//!   "MID" and "END".
//! - "over the past 18 years" is the duration "P18Y" reaching into the past; "three
//!   days ago" is the day three days before.
//!
//! Without a date to resolve against, relative values are written with `X`s
//! ("XXXX-WXX-5", "XXXX-02").
//!
//! Month and weekday names are recognised only when capitalised, and a month or a
//! year alone only after a preposition or "early/mid/late/last/next/this" ("in
//! February", "since 2004"; never "may" or a bare "2004"), so that ordinary words and
//! numbers are not taken for dates. Ranges ("April-May", "2014-15") are left alone.

use std::ops::Range;

use liveline_core::{
    Direction, Event, EventKind, Mention, Precision,
    jiff::{
        self,
        civil::{Date, Weekday},
    },
};

/// A mention found in a text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Found {
    /// Its bytes in the text.
    pub range: Range<usize>,
    /// The tense the words before it show, when its value depends on it.
    pub tense: Option<Direction>,
}

/// A mention's value; see [`Mention`] for what each field holds.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Resolved {
    /// The TIMEX3-style value.
    pub value: String,
    /// The granularity of the value.
    pub granularity: &'static str,
    /// Which way from the date the value lies.
    pub direction: Option<Direction>,
    /// "START", "MID" or "END" for "early", "mid" and "late".
    pub modifier: Option<&'static str>,
}

/// What separates a token from the one before it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Gap {
    /// Nothing: the first token.
    Start,
    /// White space only.
    Space,
    /// A comma and white space.
    Comma,
    /// A hyphen or en dash, no space.
    Hyphen,
    /// A full stop and white space (an abbreviation or the end of a sentence).
    Period,
    /// Other sentence punctuation.
    Stop,
    /// Anything else (quotes, brackets, an apostrophe, a comma without a space).
    Other,
}

/// A word of a text: where it is, and where the word before it ends (`usize::MAX`
/// for the first word).
#[derive(Clone, Copy, Debug)]
struct Tok {
    start: usize,
    end: usize,
    prev_end: usize,
}

impl Tok {
    /// What precedes the word in `text`, read when asked (most words are passed by
    /// without it).
    fn gap(&self, text: &str) -> Gap {
        if self.prev_end == usize::MAX {
            Gap::Start
        } else {
            gap_of(&text[self.prev_end..self.start])
        }
    }
}

fn gap_of(s: &str) -> Gap {
    // The usual gaps, at once.
    match s.as_bytes() {
        b" " => return Gap::Space,
        b", " => return Gap::Comma,
        b". " => return Gap::Period,
        b"-" => return Gap::Hyphen,
        _ => {}
    }
    gap_in_general(s)
}

/// [`gap_of`] for any gap.
fn gap_in_general(s: &str) -> Gap {
    if s.chars().all(char::is_whitespace) {
        return Gap::Space;
    }
    let t = s.trim_end();
    if t.contains(['!', '?', ';', ':']) || t.matches('.').count() > 1 {
        return Gap::Stop;
    }
    if t == "." {
        return Gap::Period;
    }
    if t.contains('.') {
        return Gap::Stop;
    }
    if t == "," && t.len() < s.len() {
        return Gap::Comma;
    }
    if s == "-" || s == "\u{2013}" {
        return Gap::Hyphen;
    }
    Gap::Other
}

/// The words (runs of letters and digits) of `text`, each with what precedes it.
fn tokens(text: &str) -> Vec<Tok> {
    let mut out: Vec<Tok> = Vec::with_capacity(text.len() / 6 + 1);
    let mut start: Option<usize> = None;
    let mut prev_end = usize::MAX;
    let mut push = |out: &mut Vec<Tok>, s: usize, e: usize| {
        out.push(Tok {
            start: s,
            end: e,
            prev_end,
        });
        prev_end = e;
    };
    let b = text.as_bytes();
    let mut i = 0;
    while i < b.len() {
        let (alnum, len) = if b[i] < 0x80 {
            (b[i].is_ascii_alphanumeric(), 1)
        } else {
            let c = text[i..].chars().next().unwrap_or(' ');
            (crate::text::is_alphanumeric(c), c.len_utf8())
        };
        if alnum {
            start.get_or_insert(i);
        } else if let Some(s) = start.take() {
            push(&mut out, s, i);
        }
        i += len;
    }
    if let Some(s) = start {
        push(&mut out, s, text.len());
    }
    out
}

/// Which of last/next/this a name is qualified by.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Rel {
    Bare,
    Last,
    Next,
    This,
}

impl Rel {
    fn offset(self) -> i64 {
        match self {
            Rel::Last => -1,
            Rel::Next => 1,
            Rel::Bare | Rel::This => 0,
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Unit {
    Day,
    Week,
    Weekend,
    Month,
    Year,
}

impl Unit {
    fn name(self) -> &'static str {
        match self {
            Unit::Day => "day",
            Unit::Week => "week",
            Unit::Weekend => "weekend",
            Unit::Month => "month",
            Unit::Year => "year",
        }
    }
}

/// A time expression, as read.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Expr {
    /// today (0), yesterday (-1), tomorrow (1), with a part of the day.
    Day {
        offset: i64,
        part: Option<&'static str>,
    },
    Weekday {
        day: Weekday,
        rel: Rel,
        part: Option<&'static str>,
    },
    Date {
        year: Option<i16>,
        month: i8,
        day: i8,
        weekday: Option<Weekday>,
    },
    Month {
        year: Option<i16>,
        month: i8,
        rel: Rel,
        modifier: Option<&'static str>,
    },
    /// Seasons 0..4: winter, spring, summer, autumn.
    Season {
        year: Option<i16>,
        season: i8,
        rel: Rel,
        modifier: Option<&'static str>,
    },
    Year {
        year: i16,
        modifier: Option<&'static str>,
    },
    /// This, last or next week, weekend, month, year ("earlier this week").
    Period {
        unit: Unit,
        offset: i64,
        lean: Option<Direction>,
    },
    /// "over the past 18 years".
    Duration { n: u32, unit: Unit, dir: Direction },
    /// "three days ago".
    Ago { n: u32, unit: Unit },
}

impl Expr {
    /// Whether the value depends on the tense of the words around it.
    fn uses_tense(self) -> bool {
        matches!(
            self,
            Expr::Weekday { rel: Rel::Bare, .. }
                | Expr::Date { year: None, .. }
                | Expr::Month {
                    year: None,
                    rel: Rel::Bare,
                    ..
                }
                | Expr::Season {
                    year: None,
                    rel: Rel::Bare,
                    ..
                }
        )
    }
}

use liveline_core::news::{MONTH_NAMES as MONTHS, WEEKDAY_NAMES as WEEKDAYS};

/// Abbreviations, written before a day or a year ("Jan. 19, 2022").
const MONTH_ABBREVIATIONS: [(&str, i8); 12] = [
    ("Jan", 1),
    ("Feb", 2),
    ("Mar", 3),
    ("Apr", 4),
    ("Jun", 6),
    ("Jul", 7),
    ("Aug", 8),
    ("Sep", 9),
    ("Sept", 9),
    ("Oct", 10),
    ("Nov", 11),
    ("Dec", 12),
];
const SEASONS: [(&str, i8); 5] = [
    ("winter", 0),
    ("spring", 1),
    ("summer", 2),
    ("autumn", 3),
    ("fall", 3),
];
const SEASON_CODES: [&str; 4] = ["WI", "SP", "SU", "FA"];
const PARTS: [(&str, &str); 4] = [
    ("morning", "MO"),
    ("afternoon", "AF"),
    ("evening", "EV"),
    ("night", "NI"),
];
const LEADS: [&str; 11] = [
    "on", "in", "since", "until", "till", "by", "from", "during", "before", "after", "through",
];
const NUMBERS: [(&str, u32); 16] = [
    ("a", 1),
    ("an", 1),
    ("one", 1),
    ("two", 2),
    ("three", 3),
    ("four", 4),
    ("five", 5),
    ("six", 6),
    ("seven", 7),
    ("eight", 8),
    ("nine", 9),
    ("ten", 10),
    ("eleven", 11),
    ("twelve", 12),
    ("twenty", 20),
    ("thirty", 30),
];
/// Words before a mention that put it in the future.
const FUTURE_CUES: [&str; 16] = [
    "will",
    "shall",
    "ll",
    "expected",
    "expects",
    "plans",
    "planned",
    "planning",
    "plan",
    "scheduled",
    "upcoming",
    "soon",
    "intends",
    "intend",
    "going",
    "due",
];

/// Every word an expression can start with, in lower case, sorted: a token that is
/// none of these (nor a number) starts nothing, and is passed by at once.
const STARTS: [&str; 81] = [
    "a",
    "after",
    "an",
    "apr",
    "april",
    "aug",
    "august",
    "autumn",
    "before",
    "by",
    "coming",
    "dec",
    "december",
    "during",
    "earlier",
    "early",
    "eight",
    "eleven",
    "fall",
    "feb",
    "february",
    "five",
    "for",
    "four",
    "friday",
    "from",
    "in",
    "jan",
    "january",
    "jul",
    "july",
    "jun",
    "june",
    "last",
    "late",
    "later",
    "mar",
    "march",
    "may",
    "mid",
    "monday",
    "next",
    "nine",
    "nov",
    "november",
    "oct",
    "october",
    "on",
    "one",
    "over",
    "saturday",
    "sep",
    "sept",
    "september",
    "seven",
    "since",
    "six",
    "spring",
    "summer",
    "sunday",
    "ten",
    "the",
    "thirty",
    "this",
    "three",
    "through",
    "throughout",
    "thursday",
    "till",
    "today",
    "tomorrow",
    "tonight",
    "tuesday",
    "twelve",
    "twenty",
    "two",
    "until",
    "wednesday",
    "winter",
    "within",
    "yesterday",
];

/// A word of up to 15 bytes as one number (its bytes, then its length), so that
/// looking words up is comparing integers.
const fn packed(w: &[u8]) -> u128 {
    let mut x = 0u128;
    let mut i = 0;
    while i < w.len() {
        x = x << 8 | w[i] as u128;
        i += 1;
    }
    x << 8 | w.len() as u128
}

/// [`STARTS`] packed ([`packed`]) and sorted, for [`is_start`].
const STARTS_PACKED: [u128; STARTS.len()] = {
    let mut p = [0u128; STARTS.len()];
    let mut i = 0;
    while i < STARTS.len() {
        // Insertion sort: a const fn cannot call `sort`.
        let v = packed(STARTS[i].as_bytes());
        let mut j = i;
        while j > 0 && p[j - 1] > v {
            p[j] = p[j - 1];
            j -= 1;
        }
        p[j] = v;
        i += 1;
    }
    p
};

/// Whether `low` (lower case, at most 10 bytes) is one of [`STARTS`].
#[cfg(test)]
fn is_start(low: &[u8]) -> bool {
    low.len() <= 15 && is_start_packed(packed(low))
}

/// Whether a word packed ([`packed`]) is one of [`STARTS`].
fn is_start_packed(word: u128) -> bool {
    STARTS_PACKED.binary_search(&word).is_ok()
}

/// For each length of word up to 10, the first letters of [`STARTS`] words of that
/// length, as bits (a = bit 0).
const START_MASK: [u32; 11] = {
    let mut m = [0u32; 11];
    let mut i = 0;
    while i < STARTS.len() {
        let w = STARTS[i].as_bytes();
        m[w.len()] |= 1 << ((w[0] - b'a') & 31);
        i += 1;
    }
    m
};

/// The tokens of a text, read.
struct Reader<'t> {
    text: &'t str,
    toks: &'t [Tok],
}

impl<'t> Reader<'t> {
    fn s(&self, i: usize) -> Option<&'t str> {
        self.toks.get(i).map(|t| &self.text[t.start..t.end])
    }

    /// Whether an expression could start at token `i` (a number, or a word of
    /// [`STARTS`]).
    fn can_start(&self, i: usize) -> bool {
        let Some(t) = self.toks.get(i) else {
            return false;
        };
        let b = &self.text.as_bytes()[t.start..t.end];
        if b[0].is_ascii_digit() {
            return true;
        }
        if b.len() > 10 {
            return false;
        }
        // Most words are ruled out by their length and first letter alone, in either
        // case (an upper-case ASCII letter is 32 below its lower case: the same bit; a
        // first byte that is no ASCII letter is ruled out below if not here).
        if START_MASK[b.len()] & (1 << (b[0].wrapping_sub(b'a') & 31)) == 0 {
            return false;
        }
        // The word in lower case, packed as `packed` packs it (a word with a byte
        // outside ASCII is none of the starts, which are ASCII).
        let mut x = 0u128;
        for &c in b {
            x = x << 8 | u128::from(c.to_ascii_lowercase());
        }
        is_start_packed(x << 8 | b.len() as u128)
    }

    fn gap(&self, i: usize) -> Option<Gap> {
        self.toks.get(i).map(|t| t.gap(self.text))
    }

    /// Whether token `i` is `w`, in any case.
    fn is(&self, i: usize, w: &str) -> bool {
        self.s(i).is_some_and(|s| s.eq_ignore_ascii_case(w))
    }

    /// Whether token `i` follows the one before it after a space and is `w`.
    fn next_is(&self, i: usize, w: &str) -> bool {
        self.gap(i) == Some(Gap::Space) && self.is(i, w)
    }

    /// Which of `words` token `i` is, in any case.
    fn one_of(&self, i: usize, words: &[&str]) -> Option<usize> {
        let s = self.s(i)?.as_bytes();
        let first = s[0].to_ascii_lowercase();
        // The words are lower case: most are passed by on their first letter.
        words
            .iter()
            .position(|w| w.as_bytes()[0] == first && s.eq_ignore_ascii_case(w.as_bytes()))
    }

    /// Token `i` as a capitalised name among `names` ("Friday", "FRIDAY").
    fn name(&self, i: usize, names: &[&str]) -> Option<usize> {
        let s = self.s(i)?;
        if !s.starts_with(|c: char| c.is_ascii_uppercase()) {
            return None;
        }
        names.iter().position(|n| {
            s == *n
                || (s.len() == n.len() && s.bytes().all(|b| b.is_ascii_uppercase()))
                    && s.eq_ignore_ascii_case(n)
        })
    }

    /// Whether token `i + 1` is a number glued to token `i` ("21,000", "8:41").
    fn glued_number(&self, i: usize) -> bool {
        match (self.toks.get(i), self.toks.get(i + 1)) {
            (Some(a), Some(b)) => {
                b.start - a.end == 1
                    && matches!(self.text.as_bytes()[a.end], b',' | b'.' | b':' | b'/')
                    && self.text.as_bytes()[b.start].is_ascii_digit()
            }
            _ => false,
        }
    }

    fn weekday(&self, i: usize) -> Option<Weekday> {
        let n = self.name(i, &WEEKDAYS)?;
        Weekday::from_monday_zero_offset(n as i8).ok()
    }

    /// A month at token `i`: its number and whether it is abbreviated.
    fn month(&self, i: usize) -> Option<(i8, bool)> {
        if let Some(n) = self.name(i, &MONTHS) {
            return Some((n as i8 + 1, false));
        }
        let s = self.s(i)?;
        MONTH_ABBREVIATIONS
            .iter()
            .find(|(a, _)| *a == s)
            .map(|&(_, m)| (m, true))
    }

    /// A day of the month at token `i` ("21", "4th").
    fn day(&self, i: usize) -> Option<i8> {
        let s = self.s(i)?;
        let digits = s.bytes().take_while(u8::is_ascii_digit).count();
        let suffix = &s[digits..];
        if !(1..=2).contains(&digits)
            || !["", "st", "nd", "rd", "th"].contains(&suffix)
            || self.glued_number(i)
        {
            return None;
        }
        let d: i8 = s[..digits].parse().ok()?;
        (1..=31).contains(&d).then_some(d)
    }

    /// A year at token `i`: four digits from 1000 to 2999, not part of a range.
    fn year(&self, i: usize) -> Option<i16> {
        let s = self.s(i)?;
        if s.len() != 4
            || !s.bytes().all(|b| b.is_ascii_digit())
            || self.glued_number(i)
            || self.gap(i + 1) == Some(Gap::Hyphen)
        {
            return None;
        }
        let y: i16 = s.parse().ok()?;
        (1000..=2999).contains(&y).then_some(y)
    }

    fn season(&self, i: usize) -> Option<(i8, bool)> {
        let s = self.s(i)?;
        SEASONS
            .iter()
            .find(|(n, _)| s.eq_ignore_ascii_case(n))
            .map(|&(n, k)| (k, n == "fall"))
    }

    /// A count at token `i`: digits (up to three) or a number word.
    fn number(&self, i: usize) -> Option<u32> {
        let s = self.s(i)?;
        if (1..=3).contains(&s.len()) && s.bytes().all(|b| b.is_ascii_digit()) {
            return s.parse().ok().filter(|&n| n > 0);
        }
        NUMBERS
            .iter()
            .find(|(w, _)| s.eq_ignore_ascii_case(w))
            .map(|&(_, n)| n)
    }

    /// A unit word at token `i`: the unit, how many it counts, whether it is plural.
    fn unit(&self, i: usize) -> Option<(Unit, u32, bool)> {
        let k = self.one_of(
            i,
            &[
                "day", "days", "week", "weeks", "month", "months", "year", "years", "decade",
                "decades",
            ],
        )?;
        let unit = [Unit::Day, Unit::Week, Unit::Month, Unit::Year, Unit::Year][k / 2];
        Some((unit, if k >= 8 { 10 } else { 1 }, k % 2 == 1))
    }

    /// A date expression from what [`Reader::month_day`] or [`Reader::day_month`]
    /// read, with the weekday written before it.
    fn date(
        (month, day, year, end): (i8, i8, Option<i16>, usize),
        weekday: Option<Weekday>,
    ) -> (Expr, usize) {
        (
            Expr::Date {
                year,
                month,
                day,
                weekday,
            },
            end,
        )
    }

    /// Month, day and perhaps year from token `i` ("January 21", "Jan. 19, 2022",
    /// "February 4th"); returns the token after it.
    fn month_day(&self, i: usize) -> Option<(i8, i8, Option<i16>, usize)> {
        let (month, abbreviated) = self.month(i)?;
        let joined = match self.gap(i + 1) {
            Some(Gap::Space) => true,
            Some(Gap::Period) => abbreviated,
            _ => false,
        };
        if !joined {
            return None;
        }
        let day = self.day(i + 1).filter(|&d| exists(None, month, d))?;
        if matches!(self.gap(i + 2), Some(Gap::Space | Gap::Comma))
            && let Some(y) = self.year(i + 2)
        {
            return exists(Some(y), month, day).then_some((month, day, Some(y), i + 3));
        }
        Some((month, day, None, i + 2))
    }

    /// Day, month and perhaps year from token `i` ("21 January 2022").
    fn day_month(&self, i: usize) -> Option<(i8, i8, Option<i16>, usize)> {
        let day = self.day(i)?;
        if self.gap(i + 1) != Some(Gap::Space) {
            return None;
        }
        let (month, false) = self.month(i + 1)? else {
            return None;
        };
        if !exists(None, month, day) {
            return None;
        }
        if self.gap(i + 2) == Some(Gap::Space)
            && let Some(y) = self.year(i + 2)
        {
            return exists(Some(y), month, day).then_some((month, day, Some(y), i + 3));
        }
        Some((month, day, None, i + 2))
    }

    /// A part of the day right after token `i - 1`.
    fn part(&self, i: usize) -> Option<&'static str> {
        if self.gap(i) != Some(Gap::Space) {
            return None;
        }
        let s = self.s(i)?;
        PARTS
            .iter()
            .find(|(w, _)| s.eq_ignore_ascii_case(w))
            .map(|&(_, p)| p)
    }

    /// "over the past 18 years", "the last two weeks", "the next year".
    fn duration(&self, i: usize) -> Option<(Expr, usize)> {
        let mut k = i;
        if self
            .one_of(k, &["over", "in", "for", "during", "within", "throughout"])
            .is_some()
        {
            k += 1;
            if self.gap(k) != Some(Gap::Space) {
                return None;
            }
        }
        if !self.is(k, "the") {
            return None;
        }
        let d = self.one_of(k + 1, &["past", "last", "previous", "next", "coming"])?;
        if self.gap(k + 1) != Some(Gap::Space) || self.gap(k + 2) != Some(Gap::Space) {
            return None;
        }
        k += 2;
        let n = self
            .number(k)
            .filter(|_| !self.is(k, "a") && !self.is(k, "an"));
        if n.is_some() {
            k += 1;
            if self.gap(k) != Some(Gap::Space) {
                return None;
            }
        }
        let (unit, times, plural) = self.unit(k)?;
        if plural != n.is_some_and(|n| n > 1) {
            return None;
        }
        let dir = if d < 3 {
            Direction::Past
        } else {
            Direction::Future
        };
        let n = n.unwrap_or(1).checked_mul(times)?;
        Some((Expr::Duration { n, unit, dir }, k + 1))
    }

    /// "three days ago", "a week ago".
    fn ago(&self, i: usize) -> Option<(Expr, usize)> {
        let n = self.number(i)?;
        let (unit, times, plural) = self.unit(i + 1)?;
        if self.gap(i + 1) != Some(Gap::Space) || plural != (n > 1) || !self.next_is(i + 2, "ago") {
            return None;
        }
        let n = n.checked_mul(times)?;
        Some((Expr::Ago { n, unit }, i + 3))
    }

    /// The expression starting at token `i`, and the token after it.
    fn expr(&self, i: usize) -> Option<(Expr, usize)> {
        if let Some(r) = self.duration(i).or_else(|| self.ago(i)) {
            return Some(r);
        }
        let lead = self.one_of(i, &LEADS).is_some();
        let j = if lead { i + 1 } else { i };
        if lead && self.gap(j) != Some(Gap::Space) {
            return None;
        }
        match self.core(j, lead)? {
            // "went on last night": prepositions belong to names and numbers only.
            (Expr::Day { .. } | Expr::Period { .. }, _) if lead => None,
            found => Some(found),
        }
    }

    /// The expression at token `j`, after a preposition when `lead`.
    fn core(&self, j: usize, lead: bool) -> Option<(Expr, usize)> {
        // today, tonight, yesterday, tomorrow (morning), last night, this morning
        if let Some(k) = self.one_of(j, &["today", "tonight", "yesterday", "tomorrow"]) {
            let offset = [0, 0, -1, 1][k];
            if k == 1 {
                return Some((
                    Expr::Day {
                        offset,
                        part: Some("NI"),
                    },
                    j + 1,
                ));
            }
            let part = self.part(j + 1);
            return Some((
                Expr::Day { offset, part },
                j + 1 + usize::from(part.is_some()),
            ));
        }
        if self.is(j, "last") && self.next_is(j + 1, "night") {
            return Some((
                Expr::Day {
                    offset: -1,
                    part: Some("NI"),
                },
                j + 2,
            ));
        }
        if self.is(j, "this")
            && let Some(part) = self.part(j + 1).filter(|&p| p != "NI")
        {
            return Some((
                Expr::Day {
                    offset: 0,
                    part: Some(part),
                },
                j + 2,
            ));
        }

        let mut k = j;
        let mut lean = None;
        if let Some(x) = self.one_of(k, &["earlier", "later"])
            && self.next_is(k + 1, "this")
        {
            lean = Some([Direction::Past, Direction::Future][x]);
            k += 1;
        }
        let mut rel = Rel::Bare;
        if let Some(x) = self.one_of(k, &["last", "next", "this", "coming"])
            && self.gap(k + 1) == Some(Gap::Space)
        {
            rel = [Rel::Last, Rel::Next, Rel::This, Rel::Next][x];
            k += 1;
        }
        if rel != Rel::Bare
            && let Some(u) = self.one_of(k, &["week", "weekend", "month", "year"])
        {
            let unit = [Unit::Week, Unit::Weekend, Unit::Month, Unit::Year][u];
            return Some((
                Expr::Period {
                    unit,
                    offset: rel.offset(),
                    lean,
                },
                k + 1,
            ));
        }
        if lean.is_some() {
            return None;
        }
        let the = rel == Rel::Bare && self.is(k, "the") && self.gap(k + 1) == Some(Gap::Space);
        if the {
            k += 1;
        }
        let mut modifier = None;
        if let Some(x) = self.one_of(k, &["early", "mid", "late"])
            && matches!(self.gap(k + 1), Some(Gap::Space | Gap::Hyphen))
        {
            modifier = Some(["START", "MID", "END"][x]);
            k += 1;
        }

        if let Some((season, is_fall)) = self.season(k) {
            let year = if self.gap(k + 1) == Some(Gap::Space) {
                self.year(k + 1).map(|y| (y, k + 2)).or_else(|| {
                    self.next_is(k + 1, "of")
                        .then(|| self.year(k + 2).map(|y| (y, k + 3)))
                        .flatten()
                })
            } else {
                None
            };
            let licensed = year.is_some()
                || rel != Rel::Bare
                || modifier.is_some()
                || (the && lead)
                || (lead && !is_fall);
            if !licensed {
                return None;
            }
            let end = year.map_or(k + 1, |(_, e)| e);
            return Some((
                Expr::Season {
                    year: year.map(|(y, _)| y),
                    season,
                    rel,
                    modifier,
                },
                end,
            ));
        }
        if the {
            return None;
        }

        if let Some(day) = self.weekday(k) {
            if modifier.is_some() {
                return None;
            }
            if rel == Rel::Bare
                && matches!(self.gap(k + 1), Some(Gap::Space | Gap::Comma))
                && let Some(found) = self.month_day(k + 1)
            {
                return Some(Self::date(found, Some(day)));
            }
            let part = self.part(k + 1);
            return Some((
                Expr::Weekday { day, rel, part },
                k + 1 + usize::from(part.is_some()),
            ));
        }

        if let Some((month, abbreviated)) = self.month(k) {
            if rel == Rel::Bare
                && modifier.is_none()
                && let Some(found) = self.month_day(k)
            {
                return Some(Self::date(found, None));
            }
            if rel == Rel::Bare
                && self.gap(k + 1) == Some(Gap::Space)
                && let Some(y) = self.year(k + 1)
            {
                return Some((
                    Expr::Month {
                        year: Some(y),
                        month,
                        rel,
                        modifier,
                    },
                    k + 2,
                ));
            }
            let licensed = lead || rel != Rel::Bare || modifier.is_some();
            // A month followed by a number that is no day of it ("February 30") is
            // not a date; nor is one half of a range ("April-May").
            let number_follows = self.gap(k + 1) == Some(Gap::Space)
                && self
                    .s(k + 1)
                    .is_some_and(|s| s.starts_with(|c: char| c.is_ascii_digit()));
            if abbreviated || !licensed || number_follows || self.gap(k + 1) == Some(Gap::Hyphen) {
                return None;
            }
            return Some((
                Expr::Month {
                    year: None,
                    month,
                    rel,
                    modifier,
                },
                k + 1,
            ));
        }
        if rel != Rel::Bare {
            return None;
        }
        if modifier.is_none()
            && let Some(found) = self.day_month(k)
        {
            return Some(Self::date(found, None));
        }
        if (lead || modifier.is_some())
            && let Some(year) = self.year(k)
        {
            return Some((Expr::Year { year, modifier }, k + 1));
        }
        None
    }

    /// The tense the (at most eight) words before token `i`, in its sentence, show.
    fn tense_before(&self, i: usize) -> Option<Direction> {
        let mut j = i;
        for _ in 0..8 {
            if j == 0
                || !matches!(
                    self.toks[j].gap(self.text),
                    Gap::Space | Gap::Comma | Gap::Other
                )
            {
                return None;
            }
            j -= 1;
            if let Some(k) = self.one_of(j, &FUTURE_CUES) {
                // "going to", "due to", "set to"; "ll" only as "'ll".
                let word = FUTURE_CUES[k];
                let needs_to = matches!(word, "going" | "due");
                if (!needs_to || self.next_is(j + 1, "to"))
                    && (word != "ll" || self.toks[j].gap(self.text) == Gap::Other)
                {
                    return Some(Direction::Future);
                }
            }
        }
        None
    }
}

/// The time mentions of `text`, in order, none overlapping.
pub fn find(text: &str) -> Vec<Found> {
    find_in(text, &tokens(text))
}

/// [`find`] over the words of `text` already split.
fn find_in(text: &str, toks: &[Tok]) -> Vec<Found> {
    let r = Reader { text, toks };
    let mut out = Vec::new();
    let mut i = 0;
    while i < toks.len() {
        if !r.can_start(i) {
            i += 1;
            continue;
        }
        match r.expr(i) {
            Some((e, end)) if end > i => {
                out.push(Found {
                    range: toks[i].start..toks[end - 1].end,
                    tense: if e.uses_tense() {
                        r.tense_before(i)
                    } else {
                        None
                    },
                });
                i = end;
            }
            _ => i += 1,
        }
    }
    out
}

/// The value of the mention `text` (as [`find`] found it, with its tense) against
/// `anchor`, the local date of the post that holds it; `None` when `text` is not one
/// whole time expression.
pub fn resolve(text: &str, tense: Option<Direction>, anchor: Option<Date>) -> Option<Resolved> {
    let toks = tokens(text);
    let r = Reader { text, toks: &toks };
    let (e, end) = r.expr(0)?;
    if end != toks.len() {
        return None;
    }
    let tense = tense.filter(|_| e.uses_tense());
    Some(
        anchor
            .and_then(|a| anchored(e, tense, a))
            .unwrap_or_else(|| unanchored(e, tense)),
    )
}

/// The mentions of every event resolved against its own local date (a year item's
/// against its post's): what [`crate::Merge`] and [`crate::infer_dates`] do once the
/// dates are final.
pub fn resolve_all(events: &mut [Event]) {
    let own = |e: &Event| {
        e.when
            .as_ref()
            .filter(|w| matches!(w.precision, Precision::Minute | Precision::Day))
            .and_then(|w| w.local.date())
    };
    // The dates of the posts that hold year items.
    let parents: std::collections::HashSet<&str> = events
        .iter()
        .filter(|e| e.kind == EventKind::YearItem)
        .filter_map(|e| e.parent.as_deref())
        .collect();
    let post_dates: std::collections::HashMap<String, Date> = if parents.is_empty() {
        Default::default()
    } else {
        events
            .iter()
            .filter(|e| e.kind == EventKind::Post && parents.contains(e.id.as_str()))
            .filter_map(|e| Some((e.id.clone(), own(e)?)))
            .collect()
    };
    for e in events.iter_mut() {
        if e.mentions.is_empty() {
            continue;
        }
        let anchor = match &e.parent {
            Some(p) if e.kind == EventKind::YearItem => post_dates.get(p).copied(),
            _ => own(e),
        };
        for m in &mut e.mentions {
            set(m, anchor);
        }
    }
}

/// Resolve `m` again against `anchor`.
pub(crate) fn set(m: &mut Mention, anchor: Option<Date>) {
    if let Some(r) = resolve(&m.text, m.tense, anchor) {
        m.value = r.value;
        m.granularity = r.granularity.to_owned();
        m.direction = r.direction;
        m.modifier = r.modifier.map(str::to_owned);
    }
}

/// The mentions of `text`, each with its byte range in `source` when `source` is the
/// same words as `text` (differing perhaps in white space, as a cleaned text differs
/// from what was read): the same words, as often repeated before it. Each text is
/// split into words once.
pub(crate) fn find_located(text: &str, source: &str) -> Vec<(Found, Option<Range<usize>>)> {
    let tt = tokens(text);
    let found = find_in(text, &tt);
    if found.is_empty() {
        return Vec::new();
    }
    let st = tokens(source);
    let same = |a: &[Tok], at: &str, b: &[Tok], bt: &str| {
        a.len() == b.len()
            && a.iter().zip(b).enumerate().all(|(n, (x, y))| {
                at[x.start..x.end] == bt[y.start..y.end] && (n == 0 || x.gap(at) == y.gap(bt))
            })
    };
    let place = |range: &Range<usize>| {
        let first = tt.iter().position(|t| t.start == range.start)?;
        let last = tt.iter().position(|t| t.end == range.end)?;
        let needle = &tt[first..=last];
        let k = needle.len();
        let nth = (0..first)
            .filter(|&i| i + k <= tt.len() && same(&tt[i..i + k], text, needle, text))
            .count();
        let i = (0..st.len())
            .filter(|&i| i + k <= st.len() && same(&st[i..i + k], source, needle, text))
            .nth(nth)?;
        Some(st[i].start..st[i + k - 1].end)
    };
    found
        .into_iter()
        .map(|f| {
            let at = place(&f.range);
            (f, at)
        })
        .collect()
}

/// Whether `day` of `month` exists (in `year`, or in some year: February 29).
fn exists(year: Option<i16>, month: i8, day: i8) -> bool {
    Date::new(year.unwrap_or(2024), month, day).is_ok()
}

fn add_days(d: Date, n: i64) -> Option<Date> {
    d.checked_add(jiff::Span::new().try_days(n).ok()?).ok()
}

fn day_value(d: Date) -> String {
    format!("{:04}-{:02}-{:02}", d.year(), d.month(), d.day())
}

fn week_value(d: Date) -> String {
    let w = d.iso_week_date();
    format!("{:04}-W{:02}", w.year(), w.week())
}

/// Where the days `first..=last` lie from `a`.
fn direction(first: Date, last: Date, a: Date) -> Direction {
    if last < a {
        Direction::Past
    } else if first > a {
        Direction::Future
    } else {
        Direction::Present
    }
}

/// The index of a month: months since year 0.
fn month_index(year: i16, month: i8) -> i64 {
    i64::from(year) * 12 + i64::from(month) - 1
}

fn month_of_index(i: i64) -> Option<(i16, i8)> {
    Some((
        i16::try_from(i.div_euclid(12)).ok()?,
        (i.rem_euclid(12) + 1) as i8,
    ))
}

fn month_range(year: i16, month: i8) -> Option<(Date, Date)> {
    let first = Date::new(year, month, 1).ok()?;
    Some((first, first.last_of_month()))
}

/// The season of a date and the year it is counted in (December: the next year's
/// winter).
fn season_of(d: Date) -> (i16, i8) {
    match d.month() {
        12 => (d.year() + 1, 0),
        1 | 2 => (d.year(), 0),
        m => (d.year(), (m - 3) / 3 + 1),
    }
}

fn season_range(year: i16, season: i8) -> Option<(Date, Date)> {
    let (first, _) = if season == 0 {
        month_range(year.checked_sub(1)?, 12)?
    } else {
        month_range(year, season * 3)?
    };
    let (_, last) = month_range(year, if season == 0 { 2 } else { season * 3 + 2 })?;
    Some((first, last))
}

/// The index (in a cycle of `period` starting at multiples of it) of the item `r` of
/// the cycle that `rel` and `tense` pick around index `a`. Bare names take `a` itself
/// when it is `r`; otherwise the past one, the future one with a future tense, or the
/// nearer one when `nearest` (the past one on a tie).
fn pick(a: i64, r: i64, period: i64, rel: Rel, tense: Option<Direction>, nearest: bool) -> i64 {
    let prev = a - (a - r).rem_euclid(period);
    let next = a + (r - a).rem_euclid(period);
    match rel {
        Rel::Last => {
            if prev == a {
                a - period
            } else {
                prev
            }
        }
        Rel::Next => {
            if next == a {
                a + period
            } else {
                next
            }
        }
        Rel::This => a - a.rem_euclid(period) + r,
        Rel::Bare if prev == a => a,
        Rel::Bare => match tense {
            Some(Direction::Future) => next,
            Some(Direction::Past) => prev,
            _ if nearest && next - a < a - prev => next,
            _ => prev,
        },
    }
}

fn with_part(value: String, part: Option<&str>) -> String {
    match part {
        Some(p) => format!("{value}T{p}"),
        None => value,
    }
}

fn day_granularity(part: Option<&str>) -> &'static str {
    if part.is_some() { "part_of_day" } else { "day" }
}

/// The value of `e` against the date `a`; `None` when it falls outside the calendar.
fn anchored(e: Expr, tense: Option<Direction>, a: Date) -> Option<Resolved> {
    let out = |value: String, granularity, direction, modifier| {
        Some(Resolved {
            value,
            granularity,
            direction: Some(direction),
            modifier,
        })
    };
    match e {
        Expr::Day { offset, part } => {
            let d = add_days(a, offset)?;
            out(
                with_part(day_value(d), part),
                day_granularity(part),
                direction(d, d, a),
                None,
            )
        }
        Expr::Weekday { day, rel, part } => {
            let at = i64::from(a.weekday().to_monday_zero_offset());
            let c = pick(
                at,
                i64::from(day.to_monday_zero_offset()),
                7,
                rel,
                tense,
                false,
            );
            let d = add_days(a, c - at)?;
            out(
                with_part(day_value(d), part),
                day_granularity(part),
                direction(d, d, a),
                None,
            )
        }
        Expr::Date {
            year,
            month,
            day,
            weekday,
        } => {
            let d = match year {
                Some(y) => Date::new(y, month, day).ok()?,
                None => {
                    let years = [
                        a.year().checked_sub(1),
                        Some(a.year()),
                        a.year().checked_add(1),
                    ];
                    let all: Vec<Date> = years
                        .into_iter()
                        .flatten()
                        .filter_map(|y| Date::new(y, month, day).ok())
                        .collect();
                    let fits: Vec<Date> = all
                        .iter()
                        .copied()
                        .filter(|d| weekday.is_none_or(|w| d.weekday() == w))
                        .collect();
                    let candidates = if fits.is_empty() { all } else { fits };
                    let chosen = match tense {
                        Some(Direction::Future) => candidates.iter().copied().find(|&d| d >= a),
                        _ => None,
                    };
                    chosen.or_else(|| {
                        candidates.iter().copied().min_by_key(|&d| {
                            let days = (d - a).get_days().unsigned_abs();
                            (days, d > a)
                        })
                    })?
                }
            };
            out(day_value(d), "day", direction(d, d, a), None)
        }
        Expr::Month {
            year,
            month,
            rel,
            modifier,
        } => {
            let (y, m) = match year {
                Some(y) => (y, month),
                None => month_of_index(pick(
                    month_index(a.year(), a.month()),
                    i64::from(month) - 1,
                    12,
                    rel,
                    tense,
                    true,
                ))?,
            };
            let (first, last) = month_range(y, m)?;
            out(
                format!("{y:04}-{m:02}"),
                "month",
                direction(first, last, a),
                modifier,
            )
        }
        Expr::Season {
            year,
            season,
            rel,
            modifier,
        } => {
            let (y, s) = match year {
                Some(y) => (y, season),
                None => {
                    let (ay, asn) = season_of(a);
                    let c = pick(
                        i64::from(ay) * 4 + i64::from(asn),
                        i64::from(season),
                        4,
                        rel,
                        tense,
                        true,
                    );
                    (i16::try_from(c.div_euclid(4)).ok()?, c.rem_euclid(4) as i8)
                }
            };
            let (first, last) = season_range(y, s)?;
            out(
                format!("{y:04}-{}", SEASON_CODES[s as usize]),
                "season",
                direction(first, last, a),
                modifier,
            )
        }
        Expr::Year { year, modifier } => {
            let first = Date::new(year, 1, 1).ok()?;
            let last = Date::new(year, 12, 31).ok()?;
            out(
                format!("{year:04}"),
                "year",
                direction(first, last, a),
                modifier,
            )
        }
        Expr::Period { unit, offset, lean } => {
            let (value, first, last) = match unit {
                Unit::Week | Unit::Weekend => {
                    let d = add_days(a, offset * 7)?;
                    let monday = add_days(d, -i64::from(d.weekday().to_monday_zero_offset()))?;
                    let sunday = add_days(monday, 6)?;
                    if unit == Unit::Week {
                        (week_value(d), monday, sunday)
                    } else {
                        (
                            format!("{}-WE", week_value(d)),
                            add_days(monday, 5)?,
                            sunday,
                        )
                    }
                }
                Unit::Month => {
                    let (y, m) = month_of_index(month_index(a.year(), a.month()) + offset)?;
                    let (first, last) = month_range(y, m)?;
                    (format!("{y:04}-{m:02}"), first, last)
                }
                Unit::Year | Unit::Day => {
                    let y = i16::try_from(i64::from(a.year()) + offset).ok()?;
                    (
                        format!("{y:04}"),
                        Date::new(y, 1, 1).ok()?,
                        Date::new(y, 12, 31).ok()?,
                    )
                }
            };
            out(
                value,
                unit.name(),
                lean.unwrap_or_else(|| direction(first, last, a)),
                None,
            )
        }
        Expr::Duration { .. } => Some(unanchored(e, tense)),
        Expr::Ago { n, unit } => {
            let n = i64::from(n);
            let value = match unit {
                Unit::Day => day_value(add_days(a, -n)?),
                Unit::Week | Unit::Weekend => week_value(add_days(a, -7 * n)?),
                Unit::Month => {
                    let (y, m) = month_of_index(month_index(a.year(), a.month()) - n)?;
                    format!("{y:04}-{m:02}")
                }
                Unit::Year => format!("{:04}", i64::from(a.year()) - n),
            };
            out(value, unit.name(), Direction::Past, None)
        }
    }
}

/// The value of `e` without a date: relative parts written with `X`s.
fn unanchored(e: Expr, tense: Option<Direction>) -> Resolved {
    let sign = |n: i64| match n.signum() {
        -1 => Direction::Past,
        0 => Direction::Present,
        _ => Direction::Future,
    };
    let rel_dir = |rel: Rel| match rel {
        Rel::Last => Some(Direction::Past),
        Rel::Next => Some(Direction::Future),
        Rel::This => None,
        Rel::Bare => tense,
    };
    let (value, granularity, direction, modifier) = match e {
        Expr::Day { offset, part } => (
            with_part("XXXX-XX-XX".to_owned(), part),
            day_granularity(part),
            Some(sign(offset)),
            None,
        ),
        Expr::Weekday { day, rel, part } => (
            with_part(format!("XXXX-WXX-{}", day.to_monday_one_offset()), part),
            day_granularity(part),
            rel_dir(rel),
            None,
        ),
        Expr::Date {
            year, month, day, ..
        } => match year {
            Some(y) => (format!("{y:04}-{month:02}-{day:02}"), "day", None, None),
            None => (format!("XXXX-{month:02}-{day:02}"), "day", tense, None),
        },
        Expr::Month {
            year,
            month,
            rel,
            modifier,
        } => match year {
            Some(y) => (format!("{y:04}-{month:02}"), "month", None, modifier),
            None => (format!("XXXX-{month:02}"), "month", rel_dir(rel), modifier),
        },
        Expr::Season {
            year,
            season,
            rel,
            modifier,
        } => {
            let code = SEASON_CODES[season as usize];
            match year {
                Some(y) => (format!("{y:04}-{code}"), "season", None, modifier),
                None => (format!("XXXX-{code}"), "season", rel_dir(rel), modifier),
            }
        }
        Expr::Year { year, modifier } => (format!("{year:04}"), "year", None, modifier),
        Expr::Period { unit, offset, lean } => (
            match unit {
                Unit::Week => "XXXX-WXX",
                Unit::Weekend => "XXXX-WXX-WE",
                Unit::Month => "XXXX-XX",
                Unit::Year | Unit::Day => "XXXX",
            }
            .to_owned(),
            unit.name(),
            Some(lean.unwrap_or_else(|| sign(offset))),
            None,
        ),
        Expr::Duration { n, unit, dir } => (
            format!(
                "P{n}{}",
                match unit {
                    Unit::Day => "D",
                    Unit::Week | Unit::Weekend => "W",
                    Unit::Month => "M",
                    Unit::Year => "Y",
                }
            ),
            unit.name(),
            Some(dir),
            None,
        ),
        Expr::Ago { unit, .. } => (
            match unit {
                Unit::Day => "XXXX-XX-XX",
                Unit::Week | Unit::Weekend => "XXXX-WXX",
                Unit::Month => "XXXX-XX",
                Unit::Year => "XXXX",
            }
            .to_owned(),
            unit.name(),
            Some(Direction::Past),
            None,
        ),
    };
    Resolved {
        value,
        granularity,
        direction,
        modifier,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The words of `text` as runs of `char::is_alphanumeric` characters, by chars.
    fn words_by_chars(text: &str) -> Vec<(usize, usize)> {
        let mut out = Vec::new();
        let mut start = None;
        for (i, c) in text.char_indices() {
            match (c.is_alphanumeric(), start) {
                (true, None) => start = Some(i),
                (false, Some(s)) => {
                    out.push((s, i));
                    start = None;
                }
                _ => {}
            }
        }
        if let Some(s) = start {
            out.push((s, text.len()));
        }
        out
    }

    proptest::proptest! {
        #[test]
        fn tokens_are_the_runs_of_letters_and_digits(
            text in "[a-zA-Z0-9 ,.\\-–’éüΩ日\u{a0}\u{301}\n]{0,60}"
        ) {
            let toks = tokens(&text);
            let got: Vec<(usize, usize)> = toks.iter().map(|t| (t.start, t.end)).collect();
            proptest::prop_assert_eq!(&got, &words_by_chars(&text));
            let prev: Vec<usize> = toks.iter().map(|t| t.prev_end).collect();
            let expected: Vec<usize> = std::iter::once(usize::MAX)
                .chain(got.iter().map(|&(_, e)| e))
                .take(got.len())
                .collect();
            proptest::prop_assert_eq!(prev, expected);
        }
    }

    #[test]
    fn locate_finds_the_same_occurrence_across_white_space_changes() {
        let source = "They met\u{a0}on\u{a0}Friday; on Friday,\n again on\n Friday.";
        let text = "They met on Friday; on Friday, again on Friday.";
        let found = find_located(text, source);
        assert_eq!(found.len(), 3);
        let located: Vec<&str> = found
            .iter()
            .map(|(_, at)| &source[at.clone().unwrap()])
            .collect();
        assert_eq!(located, ["on\u{a0}Friday", "on Friday", "on\n Friday"]);
        // Words that are not in the source are not located.
        assert_eq!(find_located("on Monday", source)[0].1, None);
    }

    #[test]
    fn the_cycle_pick() {
        // Weekdays, anchor Friday (4): Thursday (3) is yesterday, Monday (0) the last
        // one, or the next one (7) with a future tense.
        assert_eq!(pick(4, 3, 7, Rel::Bare, None, false), 3);
        assert_eq!(pick(4, 0, 7, Rel::Bare, None, false), 0);
        assert_eq!(pick(4, 0, 7, Rel::Bare, Some(Direction::Future), false), 7);
        assert_eq!(pick(4, 4, 7, Rel::Bare, Some(Direction::Future), false), 4);
        assert_eq!(pick(4, 4, 7, Rel::Last, None, false), -3);
        assert_eq!(pick(4, 4, 7, Rel::Next, None, false), 11);
        // Months, anchor January (12 = year 1, month 0): nearest, past on a tie.
        assert_eq!(pick(12, 11, 12, Rel::Bare, None, true), 11);
        assert_eq!(pick(12, 1, 12, Rel::Bare, None, true), 13);
        assert_eq!(pick(12, 6, 12, Rel::Bare, None, true), 6);
    }
}

#[cfg(test)]
mod start_tests {
    use super::{Reader, STARTS, gap_in_general, gap_of, is_start, tokens};

    #[test]
    fn usual_gaps_read_at_once_read_as_any_gap() {
        for g in [
            " ", ", ", ". ", "-", "  ", ",", ".", ": ", " - ", "\u{2013}",
        ] {
            assert_eq!(gap_of(g), gap_in_general(g), "{g:?}");
        }
    }

    #[test]
    fn a_word_can_start_a_mention_in_any_case_when_it_is_a_start_or_a_number() {
        let mut text = String::new();
        let mut expected = Vec::new();
        for w in STARTS {
            let upper = w.to_uppercase();
            let capital = format!("{}{}", &upper[..1], &w[1..]);
            for form in [w.to_string(), upper, capital] {
                text.push_str(&form);
                text.push(' ');
                expected.push(true);
            }
            // Longer, shorter, or with a letter outside ASCII: not a start.
            for other in [format!("{w}x"), format!("é{w}"), format!("{w}é")] {
                text.push_str(&other);
                text.push(' ');
                expected.push(STARTS.contains(&other.as_str()));
            }
        }
        text.push_str("2022 7th Tuesdays overwhelming ÉTÉ The");
        expected.extend([true, true, false, false, false, STARTS.contains(&"the")]);
        let toks = tokens(&text);
        let r = Reader {
            text: &text,
            toks: &toks,
        };
        let got: Vec<bool> = (0..toks.len()).map(|i| r.can_start(i)).collect();
        assert_eq!(got.len(), expected.len());
        for (i, (g, e)) in got.iter().zip(&expected).enumerate() {
            let t = &toks[i];
            assert_eq!(g, e, "{:?}", &text[t.start..t.end]);
        }
        assert!(!r.can_start(toks.len()));
    }

    #[test]
    fn is_start_is_membership_of_starts() {
        for w in STARTS {
            assert!(is_start(w.as_bytes()), "{w}");
            let mut longer = w.as_bytes().to_vec();
            longer.push(b's');
            assert_eq!(
                is_start(&longer),
                STARTS.contains(&std::str::from_utf8(&longer).unwrap())
            );
            assert!(!is_start(&w.as_bytes()[1..]) || STARTS.contains(&&w[1..]));
        }
        for w in ["", "the ", "fridays", "xmas", "ago"] {
            assert!(!is_start(w.as_bytes()), "{w}");
        }
    }

    #[test]
    fn starts_are_sorted_lower_case_and_short() {
        assert!(STARTS.windows(2).all(|w| w[0] < w[1]));
        assert!(
            STARTS
                .iter()
                .all(|w| w.len() <= 10 && *w == w.to_ascii_lowercase())
        );
    }
}
