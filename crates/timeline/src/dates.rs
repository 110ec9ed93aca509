//! Dates for undated events. A live blog saved as an untimed page ("What we covered
//! here") gives its posts no time; the same posts, matched in a timed snapshot, say
//! which day the page covers.

use std::collections::{BTreeMap, HashMap};

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

/// How many of a page's dated events fall on each (date, zone).
type DayCounts<'t> = BTreeMap<(Date, Option<&'t str>), usize>;

/// Steps 1 and 2 of [`infer_dates`], for a timeline with undated events.
fn give_days(t: &mut Timeline, reference: Option<Date>) {
    // For each page: how many of its dated events fall on each (date, zone).
    let mut days: HashMap<&str, DayCounts<'_>, FixedState> = HashMap::default();
    for e in &t.events {
        let Some(w) = &e.when else { continue };
        if !matches!(w.precision, Precision::Minute | Precision::Day) {
            continue;
        }
        let Some(date) = w.local.date() else { continue };
        for s in &e.sources {
            *days
                .entry(s.source.as_str())
                .or_default()
                .entry((date, w.tz.as_deref()))
                .or_default() += 1;
        }
    }
    let page_day: HashMap<String, (Date, Option<String>), FixedState> = days
        .into_iter()
        .filter_map(|(page, counts)| {
            let (&(date, tz), _) = counts
                .iter()
                .max_by(|(ka, a), (kb, b)| a.cmp(b).then_with(|| ka.cmp(kb)))?;
            Some((page.to_owned(), (date, tz.map(str::to_owned))))
        })
        .collect();
    for e in t.events.iter_mut().filter(|e| e.when.is_none()) {
        let found = e
            .sources
            .iter()
            .find_map(|s| page_day.get(&s.source).cloned())
            .or_else(|| reference.map(|d| (d, None)));
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
