//! Filtering a timeline: by time, by text, by contributor — what `liveline timeline
//! --since/--until/--grep/--by` does.
//!
//! - A time bound is a day (`2022-01-21`: compared with the event's local date as
//!   written) or an instant (`2022-01-21T13:45:00Z`, any RFC 3339 offset: compared with
//!   the event's UTC time). Both ends are inclusive. An event known only to the day,
//!   month or year is kept when that period reaches the bound (a year item of 2014
//!   passes `--until 2014-06-01`). Undated events are left out once a bound is given.
//! - `grep` patterns are regular expressions, matched case-insensitively against the
//!   event's headline, text and captions; an event must match all of them.
//! - `by` names are matched case-insensitively against each contributor's name and
//!   outlet, as a part ("picheta" finds "Rob Picheta"); an event must match one of
//!   them.
//!
//! The filtered timeline keeps only the sources its events come from.

use std::str::FromStr;

use liveline_core::{
    BlockKind, Event, LocalTime, Timeline, When,
    jiff::{self, Timestamp, civil::Date},
};
use regex::RegexBuilder;

/// The compiled form of a `grep` pattern (from the `regex` crate).
pub use regex::Regex;

/// A `grep` pattern compiled as [`Query`] matches it: case-insensitive.
pub fn pattern(p: &str) -> Result<Regex, regex::Error> {
    RegexBuilder::new(p)
        .case_insensitive(true)
        .size_limit(1 << 22)
        .build()
}

/// One end of a time range.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Bound {
    /// A day, compared with events' local dates.
    Date(Date),
    /// An instant, compared with events' UTC times.
    Instant(Timestamp),
}

impl FromStr for Bound {
    type Err = String;

    /// `YYYY-MM-DD`, or an RFC 3339 instant with its offset (`2022-01-21T13:45:00Z`).
    fn from_str(s: &str) -> Result<Bound, String> {
        // (A date parser would also read the date part of a date and time.)
        if s.len() == 10
            && let Ok(d) = s.parse::<Date>()
        {
            return Ok(Bound::Date(d));
        }
        s.parse::<Timestamp>().map(Bound::Instant).map_err(|_| {
            format!("{s:?} is neither a date (2022-01-21) nor an instant with an offset (2022-01-21T13:45:00Z)")
        })
    }
}

/// A filter over events; see the [module documentation](self).
#[derive(Clone, Debug, Default)]
pub struct Query {
    /// Keep events at or after this.
    pub since: Option<Bound>,
    /// Keep events at or before this.
    pub until: Option<Bound>,
    /// Keep events whose headline, text or captions match every one of these.
    pub grep: Vec<Regex>,
    /// Keep events with a contributor whose name or outlet holds one of these.
    pub by: Vec<String>,
}

impl Query {
    /// Whether the query keeps everything.
    pub fn is_empty(&self) -> bool {
        self.since.is_none() && self.until.is_none() && self.grep.is_empty() && self.by.is_empty()
    }

    /// Add a `grep` pattern, matched case-insensitively.
    pub fn grep(mut self, pattern: &str) -> Result<Query, regex::Error> {
        self.grep.push(self::pattern(pattern)?);
        Ok(self)
    }

    /// Whether `e` passes.
    pub fn matches(&self, e: &Event) -> bool {
        self.matches_time(e) && self.matches_text(e) && self.matches_by(e)
    }

    fn matches_time(&self, e: &Event) -> bool {
        if self.since.is_none() && self.until.is_none() {
            return true;
        }
        let Some(w) = &e.when else { return false };
        let after = self.since.is_none_or(|b| match b {
            Bound::Date(d) => local_range(&w.local).is_some_and(|(_, last)| last >= d),
            Bound::Instant(t) => instant_range(w).is_some_and(|(_, last)| last >= t),
        });
        let before = self.until.is_none_or(|b| match b {
            Bound::Date(d) => local_range(&w.local).is_some_and(|(first, _)| first <= d),
            Bound::Instant(t) => instant_range(w).is_some_and(|(first, _)| first <= t),
        });
        after && before
    }

    fn matches_text(&self, e: &Event) -> bool {
        self.grep.iter().all(|re| {
            e.headline.as_deref().is_some_and(|h| re.is_match(h))
                || re.is_match(&e.text)
                || e.blocks.iter().any(|b| {
                    (b.kind == BlockKind::Caption && re.is_match(&b.text))
                        || (b.kind == BlockKind::Gallery
                            && b.items.iter().any(|i| re.is_match(&i.text)))
                })
        })
    }

    fn matches_by(&self, e: &Event) -> bool {
        if self.by.is_empty() {
            return true;
        }
        let holds = |hay: &str, needle: &str| hay.to_lowercase().contains(&needle.to_lowercase());
        self.by.iter().any(|name| {
            e.contributors.iter().any(|c| {
                holds(&c.name, name) || c.outlet.as_deref().is_some_and(|o| holds(o, name))
            })
        })
    }

    /// The events of `t` that pass, with the sources they come from.
    pub fn apply(&self, t: &Timeline) -> Timeline {
        if self.is_empty() {
            return t.clone();
        }
        let events: Vec<Event> = t
            .events
            .iter()
            .filter(|e| self.matches(e))
            .cloned()
            .collect();
        let used: std::collections::HashSet<&str> = events
            .iter()
            .flat_map(|e| e.sources.iter().map(|s| s.source.as_str()))
            .collect();
        let sources = t
            .sources
            .iter()
            .filter(|s| used.contains(s.id.as_str()))
            .cloned()
            .collect();
        Timeline { sources, events }
    }
}

/// The first and last day of a local time's period (a day, a month, a year).
fn local_range(l: &LocalTime) -> Option<(Date, Date)> {
    let y = l.year?;
    match (l.month, l.day) {
        (Some(m), Some(d)) => {
            let d = Date::new(y, m, d).ok()?;
            Some((d, d))
        }
        (Some(m), None) => {
            let first = Date::new(y, m, 1).ok()?;
            Some((first, first.last_of_month()))
        }
        _ => Some((Date::new(y, 1, 1).ok()?, Date::new(y, 12, 31).ok()?)),
    }
}

/// The first and last instant of an event's time: its UTC time, or the local period in
/// its zone (UTC when none).
fn instant_range(w: &When) -> Option<(Timestamp, Timestamp)> {
    if let Some(t) = w.utc {
        return Some((t, t));
    }
    let (first, last) = local_range(&w.local)?;
    let tz =
        w.tz.as_deref()
            .and_then(|name| jiff::tz::db().get(name).ok())
            .unwrap_or(jiff::tz::TimeZone::UTC);
    let start = tz.to_ambiguous_timestamp(first.to_datetime(jiff::civil::Time::midnight()));
    let end = tz.to_ambiguous_timestamp(last.to_datetime(jiff::civil::Time::MAX));
    Some((start.compatible().ok()?, end.compatible().ok()?))
}

#[cfg(test)]
mod tests {
    use super::*;
    use liveline_core::{Contributor, Precision};

    fn event(id: &str, when: Option<When>, text: &str, by: &str) -> Event {
        Event {
            when,
            text: text.into(),
            contributors: vec![Contributor {
                name: by.to_owned().into(),
                outlet: Some("CNN".into()),
                location: None,
            }],
            ..liveline_testkit::event_found_in(id, &[])
        }
    }

    fn minute(utc: &str, local: LocalTime) -> Option<When> {
        Some(When {
            utc: Some(utc.parse().unwrap()),
            local,
            zone: Some("ET".into()),
            tz: Some("America/New_York".into()),
            precision: Precision::Minute,
        })
    }

    fn year(y: i16) -> Option<When> {
        Some(When::year(y))
    }

    fn timeline() -> Timeline {
        Timeline {
            sources: Vec::new(),
            events: vec![
                event("y", year(2014), "Russia annexed Crimea.", "Rob Picheta"),
                // 23:30 ET on the 20th is 04:30 UTC on the 21st.
                event(
                    "late",
                    minute(
                        "2022-01-21T04:30:00Z",
                        LocalTime::minute(2022, 1, 20, 23, 30),
                    ),
                    "Late talks.",
                    "Ana Ruiz",
                ),
                event(
                    "noon",
                    minute(
                        "2022-01-21T17:00:00Z",
                        LocalTime::minute(2022, 1, 21, 12, 0),
                    ),
                    "Blinken met LAVROV in Geneva.",
                    "Rob Picheta",
                ),
                event("undated", None, "No time.", "Ana Ruiz"),
            ],
        }
    }

    fn ids(q: &Query) -> Vec<String> {
        q.apply(&timeline())
            .events
            .into_iter()
            .map(|e| e.id)
            .collect()
    }

    #[test]
    fn days_are_local_days_and_inclusive() {
        let q = Query {
            since: Some("2022-01-21".parse().unwrap()),
            ..Query::default()
        };
        assert_eq!(ids(&q), ["noon"]);
        let q = Query {
            until: Some("2022-01-20".parse().unwrap()),
            ..Query::default()
        };
        assert_eq!(ids(&q), ["y", "late"]);
    }

    #[test]
    fn instants_are_utc() {
        let q = Query {
            since: Some("2022-01-21T00:00:00Z".parse().unwrap()),
            until: Some("2022-01-21T17:00:00Z".parse().unwrap()),
            ..Query::default()
        };
        assert_eq!(ids(&q), ["late", "noon"]);
        let q = Query {
            since: Some("2022-01-21T12:00:01-05:00".parse().unwrap()),
            ..Query::default()
        };
        assert!(ids(&q).is_empty());
    }

    #[test]
    fn a_year_reaches_a_bound_inside_it() {
        let q = Query {
            since: Some("2014-06-01".parse().unwrap()),
            until: Some("2014-06-01".parse().unwrap()),
            ..Query::default()
        };
        assert_eq!(ids(&q), ["y"]);
    }

    #[test]
    fn grep_is_case_insensitive_and_all_patterns_must_match() {
        let q = Query::default().grep("lavrov").unwrap();
        assert_eq!(ids(&q), ["noon"]);
        let q = Query::default().grep("talks|crimea").unwrap();
        assert_eq!(ids(&q), ["y", "late"]);
        let q = q.grep("annex").unwrap();
        assert_eq!(ids(&q), ["y"]);
        assert!(Query::default().grep("(").is_err());
    }

    #[test]
    fn by_matches_a_part_of_a_name_or_the_outlet() {
        let q = Query {
            by: vec!["picheta".into(), "nobody".into()],
            ..Query::default()
        };
        assert_eq!(ids(&q), ["y", "noon"]);
        let q = Query {
            by: vec!["cnn".into()],
            ..Query::default()
        };
        assert_eq!(ids(&q).len(), 4);
    }

    #[test]
    fn bad_bounds_say_what_is_expected() {
        let e = "yesterday".parse::<Bound>().unwrap_err();
        assert!(e.contains("2022-01-21T13:45:00Z"), "{e}");
        assert!("2022-01-21T13:45:00".parse::<Bound>().is_err());
    }
}
