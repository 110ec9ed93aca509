//! Dates for undated events. A live blog saved as an untimed page ("What we covered
//! here") gives its posts no time; the same posts, matched in a timed snapshot, say
//! which day the page covers.

use std::collections::HashMap;

use foldhash::fast::FixedState;

use liveline_core::{LocalTime, Precision, Timeline, When, jiff::civil::Date};

/// Give undated events a day:
/// 1. an event with no time that came from a page takes the day most of that page's
///    dated events fall on (in their own zone; the later day on a tie), with day
///    precision — this is how an untimed page takes the date of its posts matched in
///    other snapshots;
/// 2. failing that, `reference` (the user's `--date`), with day precision;
/// 3. failing that, the event stays undated: no date is ever invented.
///
/// The events' time mentions are resolved again against their new dates, and the
/// events sorted again.
pub fn infer_dates(t: &mut Timeline, reference: Option<Date>) {
    if t.events.iter().any(|e| e.when.is_none()) {
        give_days(t, reference);
    }
    crate::mentions::resolve_all(&mut t.events);
    crate::merge::sort(&mut t.events);
}

/// How many of a page's dated events fall on each (date, zone): a page has one or a
/// few.
type DayCounts<'t> = Vec<((Date, Option<&'t str>), usize)>;

/// Steps 1 and 2 of [`infer_dates`], for a timeline with undated events.
fn give_days(t: &mut Timeline, reference: Option<Date>) {
    // The days of the pages undated events were found in: only theirs are counted
    // (for each of those pages, how many of its dated events fall on each day).
    let mut days: HashMap<&str, DayCounts<'_>, FixedState> = t
        .events
        .iter()
        .filter(|e| e.when.is_none())
        .flat_map(|e| &e.sources)
        .map(|s| (s.source.as_str(), Vec::new()))
        .collect();
    for e in &t.events {
        let Some(w) = &e.when else { continue };
        if !matches!(w.precision, Precision::Minute | Precision::Day) {
            continue;
        }
        let Some(date) = w.local.date() else { continue };
        let day = (date, w.tz.as_deref());
        for s in &e.sources {
            let Some(counts) = days.get_mut(s.source.as_str()) else {
                continue;
            };
            match counts.iter_mut().find(|(d, _)| *d == day) {
                Some((_, n)) => *n += 1,
                None => counts.push((day, 1)),
            }
        }
    }
    // Each page's day: the one most of its dated events fall on, the later on a tie.
    let page_day: HashMap<&str, (Date, Option<&str>), FixedState> = days
        .into_iter()
        .filter_map(|(page, counts)| {
            let &(day, _) = counts
                .iter()
                .max_by(|(ka, a), (kb, b)| a.cmp(b).then_with(|| ka.cmp(kb)))?;
            Some((page, day))
        })
        .collect();
    // Each undated event's: that of the first of its pages that has one.
    let given: Vec<Option<(Date, Option<String>)>> = t
        .events
        .iter()
        .filter(|e| e.when.is_none())
        .map(|e| {
            e.sources
                .iter()
                .find_map(|s| page_day.get(s.source.as_str()))
                .map(|&(date, tz)| (date, tz.map(str::to_owned)))
                .or_else(|| reference.map(|d| (d, None)))
        })
        .collect();
    drop(page_day);
    let undated = t.events.iter_mut().filter(|e| e.when.is_none());
    for (e, found) in undated.zip(given) {
        if let Some((date, tz)) = found {
            e.when = Some(When {
                utc: None,
                local: LocalTime::day(date.year(), date.month(), date.day()),
                zone: None,
                tz,
                precision: Precision::Day,
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use liveline_core::{Event, jiff::civil::date};

    /// An event found in `pages`, on `day` (year, month, day) when given.
    fn event(id: &str, day: Option<(i16, i8, i8)>, pages: &[&str]) -> Event {
        Event {
            when: day.map(|(y, m, d)| When {
                utc: None,
                local: LocalTime::day(y, m, d),
                zone: None,
                tz: None,
                precision: Precision::Day,
            }),
            ..liveline_testkit::event_found_in(id, pages)
        }
    }

    #[test]
    fn an_undated_event_takes_the_day_most_of_its_first_dated_page_s_events_fall_on() {
        let mut t = Timeline {
            events: vec![
                // Page a: two events on the 21st, one on the 22nd; page b: one on the
                // 23rd and one on the 21st (a tie: the later day, met first); page c:
                // none dated.
                event("b1", Some((2022, 1, 23)), &["b"]),
                event("a1", Some((2022, 1, 21)), &["a", "b"]),
                event("a2", Some((2022, 1, 21)), &["a"]),
                event("a3", Some((2022, 1, 22)), &["a"]),
                event("u-ab", None, &["c", "a", "b"]),
                event("u-b", None, &["b"]),
                event("u-c", None, &["c"]),
            ],
            ..Timeline::default()
        };
        give_days(&mut t, Some(date(2022, 2, 1)));
        let day = |id: &str| {
            let e = t.events.iter().find(|e| e.id == id).unwrap();
            e.when.as_ref().and_then(|w| w.local.date())
        };
        assert_eq!(day("u-ab"), Some(date(2022, 1, 21)));
        assert_eq!(day("u-b"), Some(date(2022, 1, 23)));
        assert_eq!(day("u-c"), Some(date(2022, 2, 1)), "the reference date");
        assert_eq!(
            day("a3"),
            Some(date(2022, 1, 22)),
            "dated events keep theirs"
        );
    }
}
