//! The nom grammar of the small forms inside a line: time stamps, bylines, contributor
//! lines and post counts.
//!
//! Every function takes `&str` and uses nom's `complete` combinators, so that a form
//! cut short at the end of its line is a failure, never `Incomplete`. The error type is
//! `()`: a failed form costs nothing but a return, and the caller keeps the line as
//! text.

use liveline_core::zone::{self, Zone};
use nom::branch::alt;
use nom::bytes::complete::{tag, take_while_m_n, take_while1};
use nom::character::complete::{char, space0, space1};
use nom::combinator::{opt, verify};
use nom::{IResult, Parser};

/// A nom result with the free `()` error.
pub(crate) type R<'a, O> = IResult<&'a str, O, ()>;

/// A time of day as written.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Clock {
    pub hour: i8,
    pub minute: i8,
    /// Written with "a.m."/"pm" (or a zone): strong evidence that this is a time.
    pub strong: bool,
}

/// A calendar date as written.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Ymd {
    pub year: i16,
    pub month: i8,
    pub day: i8,
}

/// What a stamp grammar recognised, before any date is taken from context.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(crate) struct RawStamp {
    pub clock: Option<Clock>,
    pub date: Option<Ymd>,
    pub zone: Option<&'static Zone>,
    pub ago_minutes: Option<u32>,
}

fn is_digit(c: char) -> bool {
    c.is_ascii_digit()
}

fn num_i8(s: &str) -> i8 {
    // Callers take at most two digits, so this cannot overflow.
    s.bytes().fold(0i8, |n, b| n * 10 + (b - b'0') as i8)
}

/// Ends a word: the input is empty or does not go on with a letter or digit.
fn boundary(i: &str) -> R<'_, ()> {
    match i.chars().next() {
        Some(c) if c.is_alphanumeric() => Err(nom::Err::Error(())),
        _ => Ok((i, ())),
    }
}

/// "a.m.", "am", "AM", "p.m.", "pm", "PM"; true for p.m.
fn meridiem(i: &str) -> R<'_, bool> {
    let b = i.as_bytes();
    let pm = match b.first() {
        Some(b'a' | b'A') => false,
        Some(b'p' | b'P') => true,
        _ => return Err(nom::Err::Error(())),
    };
    let m = |k: usize| matches!(b.get(k), Some(b'm' | b'M'));
    let len = if b.get(1) == Some(&b'.') && m(2) && b.get(3) == Some(&b'.') {
        4
    } else if m(1) {
        2
    } else {
        return Err(nom::Err::Error(()));
    };
    let (rest, _) = boundary(&i[len..])?;
    Ok((rest, pm))
}

/// A 12-hour time: "8:49 a.m.", "10:46am", "5.51pm", "5 pm".
fn clock12(i: &str) -> R<'_, Clock> {
    let (i, h) = take_while_m_n(1, 2, is_digit).parse(i)?;
    let (i, m) = opt((alt((char(':'), char('.'))), take_while_m_n(2, 2, is_digit))).parse(i)?;
    let (i, _) = space0(i)?;
    let (i, pm) = meridiem(i)?;
    let hour = num_i8(h);
    let minute = m.map_or(0, |(_, m)| num_i8(m));
    if !(1..=12).contains(&hour) || minute > 59 {
        return Err(nom::Err::Error(()));
    }
    let hour = match (hour, pm) {
        (12, false) => 0,
        (12, true) => 12,
        (h, false) => h,
        (h, true) => h + 12,
    };
    Ok((
        i,
        Clock {
            hour,
            minute,
            strong: true,
        },
    ))
}

/// A 24-hour time: "17:17", "9:05", "17.17" (two-digit hour with a dot).
fn clock24(i: &str) -> R<'_, Clock> {
    let (i, (h, sep, m)) = (
        take_while_m_n(1, 2, is_digit),
        alt((char(':'), char('.'))),
        take_while_m_n(2, 2, is_digit),
    )
        .parse(i)?;
    if sep == '.' && h.len() != 2 {
        return Err(nom::Err::Error(()));
    }
    let (i, _) = boundary(i)?;
    Ok((i, checked_clock(num_i8(h), num_i8(m), sep == ':')?))
}

/// A 24-hour reading, checked: hour 0 to 23, minute 0 to 59.
fn checked_clock(hour: i8, minute: i8, strong: bool) -> Result<Clock, nom::Err<()>> {
    if hour > 23 || minute > 59 {
        return Err(nom::Err::Error(()));
    }
    Ok(Clock {
        hour,
        minute,
        strong,
    })
}

/// A military-style time of four digits, only when a zone follows: "0755 GMT".
fn clock4_zoned(i: &str) -> R<'_, (Clock, &'static Zone)> {
    let (i, d) = take_while_m_n(4, 4, is_digit).parse(i)?;
    let (i, _) = boundary(i)?;
    let (i, _) = space1(i)?;
    let (i, z) = zone_expr(i)?;
    Ok((
        i,
        (checked_clock(num_i8(&d[..2]), num_i8(&d[2..]), true)?, z),
    ))
}

/// A time of day in any of the forms above.
pub(crate) fn clock(i: &str) -> R<'_, Clock> {
    alt((clock12, clock24)).parse(i)
}

/// A zone as written: an abbreviation of the table ("ET", "GMT") or a spelled-out name
/// ("Greenwich Mean Time").
pub(crate) fn zone(i: &str) -> R<'_, &'static Zone> {
    let first = *i.as_bytes().first().ok_or(nom::Err::Error(()))?;
    if !first.is_ascii_uppercase() {
        return Err(nom::Err::Error(()));
    }
    if let Ok((rest, abbr)) = take_while_m_n::<_, _, ()>(1, 5, |c: char| c.is_ascii_uppercase()).parse(i)
        && boundary(rest).is_ok()
        && let Some(z) = zone::by_abbr(abbr)
        // "UK" names a clock only in "UK time", matched below; alone it is a word.
        && z.abbr != "UK"
    {
        return Ok((rest, z));
    }
    for (long, abbr) in zone::long_names() {
        if long.as_bytes()[0] == first
            && let Some(rest) = i.strip_prefix(long)
            && boundary(rest).is_ok()
            && let Some(z) = zone::by_abbr(abbr)
        {
            return Ok((rest, z));
        }
    }
    Err(nom::Err::Error(()))
}

/// A zone, optionally followed by the same time in another zone: "GMT (1555 HKT)".
fn zone_expr(i: &str) -> R<'_, &'static Zone> {
    let (i, z) = zone(i)?;
    let (i, _) = opt((
        space0,
        char('('),
        space0,
        alt((
            (take_while_m_n(4, 4, is_digit), space1).map(|_| ()),
            (clock, space1).map(|_| ()),
        )),
        zone,
        space0,
        char(')'),
    ))
    .parse(i)?;
    Ok((i, z))
}

static MONTHS: &[(&str, i8)] = &[
    ("January", 1),
    ("February", 2),
    ("March", 3),
    ("April", 4),
    ("May", 5),
    ("June", 6),
    ("July", 7),
    ("August", 8),
    ("September", 9),
    ("October", 10),
    ("November", 11),
    ("December", 12),
    ("Sept", 9),
    ("Jan", 1),
    ("Feb", 2),
    ("Mar", 3),
    ("Apr", 4),
    ("Jun", 6),
    ("Jul", 7),
    ("Aug", 8),
    ("Sep", 9),
    ("Oct", 10),
    ("Nov", 11),
    ("Dec", 12),
];

/// A month name, full or abbreviated, with an optional dot: "January", "Feb.", "Sept.".
pub(crate) fn month(i: &str) -> R<'_, i8> {
    let first = i.as_bytes().first().copied();
    for (name, n) in MONTHS {
        if Some(name.as_bytes()[0]) == first
            && let Some(rest) = i.strip_prefix(name)
        {
            let rest = rest.strip_prefix('.').unwrap_or(rest);
            if boundary(rest).is_ok() {
                return Ok((rest, *n));
            }
        }
    }
    Err(nom::Err::Error(()))
}

static WEEKDAYS: &[&str] = &[
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
    "Mon",
    "Tue",
    "Tues",
    "Wed",
    "Thu",
    "Thur",
    "Thurs",
    "Fri",
    "Sat",
    "Sun",
];

/// A weekday name and its separator: "Friday, ", "Fri. ".
fn weekday_prefix(i: &str) -> R<'_, ()> {
    let first = i.as_bytes().first().copied();
    for name in WEEKDAYS {
        if Some(name.as_bytes()[0]) == first
            && let Some(rest) = i.strip_prefix(name)
        {
            let rest = rest.strip_prefix('.').unwrap_or(rest);
            if let Some(rest) = rest.strip_prefix(", ").or_else(|| rest.strip_prefix(' ')) {
                return Ok((rest, ()));
            }
        }
    }
    Err(nom::Err::Error(()))
}

fn year(i: &str) -> R<'_, i16> {
    let (i, y) = take_while_m_n(4, 4, is_digit).parse(i)?;
    let (i, _) = boundary(i)?;
    Ok((i, y.bytes().fold(0i16, |n, b| n * 10 + (b - b'0') as i16)))
}

fn day(i: &str) -> R<'_, i8> {
    let (i, d) = take_while_m_n(1, 2, is_digit).parse(i)?;
    let (i, _) = opt(alt((tag("st"), tag("nd"), tag("rd"), tag("th")))).parse(i)?;
    let (i, _) = boundary(i)?;
    Ok((i, num_i8(d)))
}

/// A date with a year: "January 21, 2022", "Feb. 24, 2022", "14 March 2022", with an
/// optional weekday before it ("Friday, January 21, 2022").
pub(crate) fn date(i: &str) -> R<'_, Ymd> {
    let (i, _) = opt(weekday_prefix).parse(i)?;
    let mdy = (month, space1, day, opt(char(',')), space1, year).map(|(m, _, d, _, _, y)| Ymd {
        year: y,
        month: m,
        day: d,
    });
    let dmy = (day, space1, month, opt(char(',')), space1, year).map(|(d, _, m, _, _, y)| Ymd {
        year: y,
        month: m,
        day: d,
    });
    alt((mdy, dmy)).parse(i)
}

/// A stamp that starts with the time: "8:49 a.m. ET, January 21, 2022", "17:17 GMT",
/// "17:17 Greenwich Mean Time 14 March 2022", "0755 GMT (1555 HKT) January 28, 2022".
fn time_first(i: &str) -> R<'_, RawStamp> {
    let (i, (clock, zone)) = alt((
        clock4_zoned.map(|(c, z)| (c, Some(z))),
        (clock, opt((space1, zone_expr).map(|(_, z)| z))),
    ))
    .parse(i)?;
    let (i, date) =
        opt((alt((tag(", "), tag(" on "), tag(" "), tag(","))), date).map(|(_, d)| d)).parse(i)?;
    let clock = Clock {
        strong: clock.strong || zone.is_some(),
        ..clock
    };
    Ok((
        i,
        RawStamp {
            clock: Some(clock),
            date,
            zone,
            ago_minutes: None,
        },
    ))
}

/// A stamp that starts with the date: "Feb. 24, 2022, 8:49 a.m. ET", or a date alone
/// ("March 23, 2022").
fn date_first(i: &str) -> R<'_, RawStamp> {
    let (i, date) = date(i)?;
    let (i, time) = opt((
        alt((tag(", at "), tag(" at "), tag(", "), tag(" - "), tag(" "))),
        clock,
        opt((space1, zone_expr).map(|(_, z)| z)),
    )
        .map(|(_, c, z)| (c, z)))
    .parse(i)?;
    let (clock, zone) = match time {
        Some((c, z)) => (Some(Clock { strong: true, ..c }), z),
        None => (None, None),
    };
    Ok((
        i,
        RawStamp {
            clock,
            date: Some(date),
            zone,
            ago_minutes: None,
        },
    ))
}

/// A relative stamp: "2h ago", "5 min ago", "18 hr 50 min ago", "1 day ago".
fn relative(i: &str) -> R<'_, RawStamp> {
    fn unit(i: &str) -> R<'_, u32> {
        let (i, u) = take_while1(|c: char| c.is_ascii_alphabetic()).parse(i)?;
        let minutes = match u {
            "m" | "min" | "mins" | "minute" | "minutes" => 1,
            "h" | "hr" | "hrs" | "hour" | "hours" => 60,
            "d" | "day" | "days" => 1440,
            "s" | "sec" | "secs" | "second" | "seconds" => 0,
            _ => return Err(nom::Err::Error(())),
        };
        Ok((i, minutes))
    }
    let mut total: u32 = 0;
    let mut rest = i;
    let mut parts = 0;
    loop {
        let part = (
            verify(take_while_m_n(1, 4, is_digit), |d: &str| !d.is_empty()),
            space0,
            unit,
            space0,
        )
            .parse(rest);
        match part {
            Ok((r, (n, _, per, _))) => {
                let n: u32 = n.parse().map_err(|_| nom::Err::Error(()))?;
                total = total.saturating_add(n.saturating_mul(per));
                rest = r;
                parts += 1;
            }
            Err(_) => break,
        }
    }
    if parts == 0 {
        return Err(nom::Err::Error(()));
    }
    let (rest, _) = (tag("ago"), boundary).parse(rest)?;
    Ok((
        rest,
        RawStamp {
            ago_minutes: Some(total),
            ..RawStamp::default()
        },
    ))
}

/// Any stamp form: relative, time first or date first.
pub(crate) fn stamp(i: &str) -> R<'_, RawStamp> {
    alt((relative, time_first, date_first)).parse(i)
}

/// The words that may stand before the page's own time: "Updated", "Last updated".
pub(crate) fn updated_prefix(i: &str) -> R<'_, ()> {
    let (i, _) = alt((
        tag("Updated"),
        tag("Last updated"),
        tag("Last Updated"),
        tag("UPDATED"),
    ))
    .parse(i)?;
    let (i, _) = opt(char(':')).parse(i)?;
    let (i, _) = space1(i)?;
    let (i, _) = opt(tag("at ")).parse(i)?;
    Ok((i, ()))
}

/// "N Posts" / "1 Post": the page's own count of its posts.
pub(crate) fn declared_posts(i: &str) -> R<'_, u32> {
    let (i, n) = take_while_m_n(1, 6, is_digit).parse(i)?;
    let (i, _) = (
        space1,
        alt((tag("Posts"), tag("posts"), tag("Post"), tag("post"))),
        boundary,
    )
        .parse(i)?;
    match n.parse() {
        Ok(n) if i.is_empty() => Ok((i, n)),
        _ => Err(nom::Err::Error(())),
    }
}

/// A video promo's running time and source: "02:56 - Source: CNN".
pub(crate) fn promo_duration(i: &str) -> R<'_, ()> {
    let (i, _) = (
        take_while_m_n(1, 2, is_digit),
        char(':'),
        take_while_m_n(2, 2, is_digit),
        opt((char(':'), take_while_m_n(2, 2, is_digit))),
        space1,
        alt((char('-'), char('–'))),
        space1,
        tag("Source:"),
    )
        .parse(i)?;
    Ok((i, ()))
}

/// A year item's year: "2014: ..." (a year from 1000 to 2999, a colon and a space).
pub(crate) fn year_label(i: &str) -> R<'_, &str> {
    let (rest, y) = verify(take_while_m_n(4, 4, is_digit), |y: &str| {
        y.starts_with('1') || y.starts_with('2')
    })
    .parse(i)?;
    let (rest, _) = (char(':'), space1).parse(rest)?;
    Ok((rest, y))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn full(s: &str) -> Option<RawStamp> {
        match stamp(s) {
            Ok(("", st)) => Some(st),
            _ => None,
        }
    }

    fn ymd(year: i16, month: i8, day: i8) -> Ymd {
        Ymd { year, month, day }
    }

    fn hm(st: RawStamp) -> (i8, i8) {
        let c = st.clock.unwrap();
        (c.hour, c.minute)
    }

    #[test]
    fn twelve_hour_times_with_zone_and_date() {
        let st = full("10:46 a.m. ET, January 21, 2022").unwrap();
        assert_eq!(hm(st), (10, 46));
        assert_eq!(st.zone.unwrap().abbr, "ET");
        assert_eq!(st.date, Some(ymd(2022, 1, 21)));
        let st = full("9:06 p.m. ET, January 21, 2022").unwrap();
        assert_eq!(hm(st), (21, 6));
        assert_eq!(hm(full("12:05 a.m. ET").unwrap()), (0, 5));
        assert_eq!(hm(full("12:05 p.m. ET").unwrap()), (12, 5));
        assert_eq!(hm(full("5.51pm GMT").unwrap()), (17, 51));
        assert_eq!(hm(full("5pm BST").unwrap()), (17, 0));
    }

    #[test]
    fn date_first_stamps() {
        let st = full("Feb. 24, 2022, 8:49 a.m. ET").unwrap();
        assert_eq!(hm(st), (8, 49));
        assert_eq!(st.date, Some(ymd(2022, 2, 24)));
        let st = full("March 23, 2022").unwrap();
        assert_eq!(st.clock, None);
        assert_eq!(st.date, Some(ymd(2022, 3, 23)));
        let st = full("Wednesday, March 23, 2022").unwrap();
        assert_eq!(st.date, Some(ymd(2022, 3, 23)));
    }

    #[test]
    fn twenty_four_hour_times_and_spelled_out_zones() {
        assert_eq!(hm(full("17:17").unwrap()), (17, 17));
        assert_eq!(hm(full("17.17").unwrap()), (17, 17));
        let st = full("17:17 Greenwich Mean Time 14 March 2022").unwrap();
        assert_eq!(st.zone.unwrap().abbr, "GMT");
        assert_eq!(st.date, Some(ymd(2022, 3, 14)));
        let st = full("10:00 British Summer Time").unwrap();
        assert_eq!(st.zone.unwrap().abbr, "BST");
    }

    #[test]
    fn military_time_with_second_zone() {
        let st = full("0755 GMT (1555 HKT) January 28, 2022").unwrap();
        assert_eq!(hm(st), (7, 55));
        assert_eq!(st.zone.unwrap().abbr, "GMT");
        assert_eq!(st.date, Some(ymd(2022, 1, 28)));
        assert_eq!(full("0755"), None, "four digits alone are not a time");
    }

    #[test]
    fn relative_stamps_count_minutes() {
        assert_eq!(full("2h ago").unwrap().ago_minutes, Some(120));
        assert_eq!(full("5 min ago").unwrap().ago_minutes, Some(5));
        assert_eq!(
            full("18 hr 50 min ago").unwrap().ago_minutes,
            Some(18 * 60 + 50)
        );
        assert_eq!(full("1 day ago").unwrap().ago_minutes, Some(1440));
        assert_eq!(full("5 apples ago"), None);
    }

    #[test]
    fn not_times() {
        for s in [
            "25:00",
            "12:60",
            "3.5",
            "13pm",
            "0:00 am",
            "1.30",
            "2013",
            "10:30x",
            "9:30 amber",
        ] {
            assert_eq!(full(s), None, "{s}");
        }
    }

    #[test]
    fn unknown_zone_is_left_as_trailing_text() {
        let (rest, st) = stamp("10:30 XYZ").unwrap();
        assert_eq!(rest, " XYZ");
        assert_eq!(st.zone, None);
    }

    #[test]
    fn counts_promos_and_years() {
        assert_eq!(declared_posts("10 Posts"), Ok(("", 10)));
        assert_eq!(declared_posts("1 Post"), Ok(("", 1)));
        assert!(declared_posts("10 Posts about").is_err());
        assert!(promo_duration("02:56 - Source: CNN").is_ok());
        assert_eq!(year_label("2014: In March").map(|(_, y)| y), Ok("2014"));
        assert!(year_label("3014: x").is_err());
        assert!(updated_prefix("Updated 9:06 p.m.").is_ok());
    }
}
