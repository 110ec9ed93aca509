//! Placing times: dates from context, zones, and UTC.
//!
//! A post's time without a date takes its date from the page: the nearest date header
//! above it, the date of the post above it, or the page's "Updated" stamp. In a
//! newest-first blog a time later in the day than the post above it has crossed
//! midnight going backwards and moves to the previous day (and the other way round in
//! an oldest-first blog). A time without a zone takes the zone last written above it.
//! Nothing is invented: with no date or zone on the page, `utc` stays `None`.

use liveline_core::jiff::civil::{Date, DateTime};
use liveline_core::jiff::tz::Offset;
use liveline_core::jiff::{Timestamp, ToSpan};
use liveline_core::zone::{self, Zone};
use liveline_core::{Diagnostic, Document, Level, LocalTime, Post, Span, Stamp};

/// Minutes since midnight, for comparing times of day.
fn clock_minutes(l: &LocalTime) -> Option<i32> {
    Some(i32::from(l.hour?) * 60 + i32::from(l.minute?))
}

fn zone_of(stamp: &Stamp<'_>) -> Option<&'static Zone> {
    stamp.zone.as_deref().and_then(zone::by_abbr)
}

/// Converts local times to UTC. For a zone with daylight-saving rules it remembers the
/// offset of the last day it converted when that offset held all day (no switch that
/// day), so a page of posts from one day looks the zone's rules up once, not per post.
#[derive(Default)]
struct ToUtc {
    last: Option<(&'static str, Date, Option<Offset>)>,
}

impl ToUtc {
    fn convert(&mut self, z: &'static Zone, local: DateTime) -> Option<Timestamp> {
        if z.fixed_offset.is_some() {
            return z.to_utc(local);
        }
        let day = local.date();
        let offset = match self.last {
            Some((abbr, d, offset)) if abbr == z.abbr && d == day => offset,
            _ => {
                let offset_at = |h: i8, m: i8| {
                    let at = day.at(h, m, 0, 0);
                    let utc = z.to_utc(at)?;
                    let naive = Offset::UTC.to_timestamp(at).ok()?;
                    Offset::from_seconds(i32::try_from(naive.as_second() - utc.as_second()).ok()?)
                        .ok()
                };
                let (start, end) = (offset_at(0, 0), offset_at(23, 59));
                let offset = if start == end { start } else { None };
                self.last = Some((z.abbr, day, offset));
                offset
            }
        };
        match offset {
            Some(o) => o.to_timestamp(local).ok(),
            None => z.to_utc(local),
        }
    }

    /// Set `utc` (and `tz`) of `stamp` from its local time and `zone`, when both are
    /// complete.
    fn place(&mut self, stamp: &mut Stamp<'_>, zone: Option<&'static Zone>) {
        if let (Some(z), Some(dt)) = (zone, stamp.local.and_then(|l| l.datetime())) {
            stamp.utc = self.convert(z, dt);
            stamp.tz = Some(z.iana.into());
        }
    }
}

/// Whether the posts run newest first (the usual order), judged by their times.
fn newest_first<'p, 'a: 'p>(posts: impl Iterator<Item = &'p Post<'a>>) -> bool {
    let times: Vec<LocalTime> = posts.filter_map(|p| p.stamp.as_ref()?.local).collect();
    let (mut up, mut down) = (0, 0);
    for w in times.windows(2) {
        let order = match (w[0].datetime(), w[1].datetime()) {
            (Some(a), Some(b)) => b.cmp(&a),
            _ => clock_minutes(&w[1]).cmp(&clock_minutes(&w[0])),
        };
        match order {
            std::cmp::Ordering::Greater => up += 1,
            std::cmp::Ordering::Less => down += 1,
            std::cmp::Ordering::Equal => {}
        }
    }
    down >= up
}

/// Resolve every stamp of `doc` in place.
pub(crate) fn resolve(doc: &mut Document<'_>) {
    resolve_in_parts(doc, 1);
}

/// What placing a post's time takes from the posts above it: the zone last written,
/// the date last known and the time of day of the post above.
#[derive(Clone, Copy, Default)]
struct Context {
    zone: Option<&'static Zone>,
    date: Option<Date>,
    clock: Option<i32>,
}

/// [`resolve`], the posts in two parts at once when `parts` is 2 or more and a post
/// near the middle has a time with its date and zone (the posts from it on take
/// nothing from those above it).
pub(crate) fn resolve_in_parts(doc: &mut Document<'_>, parts: usize) {
    resolve_parts(std::slice::from_mut(doc), parts);
}

/// [`resolve_in_parts`] of a document given in parts (see [`Document::from_parts`]): its
/// posts are those of the parts in turn, and its head and diagnostics the first's.
pub(crate) fn resolve_parts(docs: &mut [Document<'_>], parts: usize) {
    let Some((head, rest)) = docs.split_first_mut() else {
        return;
    };
    let all = || head.posts.iter().chain(rest.iter().flat_map(|d| &d.posts));
    // The order of the posts matters only for times written without a date.
    let dateless = all().any(|p| {
        p.stamp
            .as_ref()
            .is_some_and(|s| s.local.is_some_and(|l| l.day.is_none()))
    });
    let newest_first = !dateless || newest_first(all());
    let half = (head.posts.len() + rest.iter().map(|d| d.posts.len()).sum::<usize>()) / 2;
    let cut = (parts >= 2)
        .then(|| all().skip(half).position(self_contained))
        .flatten()
        .map(|i| half + i)
        .filter(|&i| i > 0);
    let mut ctx = Context::default();
    let mut updated_utc: Option<(Timestamp, &'static Zone)> = None;
    if let Some(u) = head.updated.as_mut() {
        ctx.zone = zone_of(u);
        ToUtc::default().place(u, ctx.zone);
        if let (Some(utc), Some(z)) = (u.utc, ctx.zone) {
            updated_utc = Some((utc, z));
        }
        if let Some(l) = u.local {
            ctx.date = l.date();
            // In a newest-first blog the Updated time is the latest: a first post later
            // in the day than it was written the day before.
            ctx.clock = if newest_first {
                clock_minutes(&l)
            } else {
                None
            };
        }
    }
    let run = |posts: Vec<&mut [Post<'_>]>, ctx| {
        place_all(posts.into_iter().flatten(), ctx, newest_first, updated_utc)
    };
    // Each part's posts, cut in two where the posts after the cut start afresh.
    let mut lists: Vec<&mut [Post<'_>]> = std::iter::once(&mut head.posts)
        .chain(rest.iter_mut().map(|d| &mut d.posts))
        .map(Vec::as_mut_slice)
        .collect();
    let undated = match cut {
        Some(cut) => {
            let mut after = Vec::new();
            let mut seen = 0;
            for list in &mut lists {
                let len = list.len();
                if seen + len > cut {
                    let (a, b) = std::mem::take(list).split_at_mut(cut.saturating_sub(seen));
                    *list = a;
                    after.push(b);
                }
                seen += len;
            }
            // The posts from the cut on know their date from the first of them: none
            // is left undated.
            let (a, b) = rayon::join(|| run(lists, ctx), || run(after, Context::default()));
            a.or(b)
        }
        None => run(lists, ctx),
    };
    if let Some((n, span)) = undated {
        head.diagnostics.push(Diagnostic::new(
            Level::Info,
            "undated_time",
            format!("{n} post time(s) have no date on the page; their UTC time is left unknown"),
            span,
        ));
    }
}

/// Whether a post's time is placed from what it says alone: a time of day with its date
/// and a zone (not "… ago").
fn self_contained(post: &Post<'_>) -> bool {
    post.stamp.as_ref().is_some_and(|st| {
        st.ago_minutes.is_none()
            && zone_of(st).is_some()
            && st
                .local
                .is_some_and(|l| l.date().is_some() && clock_minutes(&l).is_some())
    })
}

/// Place the times of `posts`, below what `ctx` says; returns how many had a time but
/// no date to be found, and where the first is.
fn place_all<'p, 'a: 'p>(
    posts: impl Iterator<Item = &'p mut Post<'a>>,
    mut ctx: Context,
    newest_first: bool,
    updated_utc: Option<(Timestamp, &'static Zone)>,
) -> Option<(usize, Span)> {
    let mut to_utc = ToUtc::default();
    let mut undated: Option<(usize, Span)> = None;
    for post in posts {
        if let Some(h) = post
            .date_header
            .as_ref()
            .and_then(|h| h.local)
            .and_then(|l| l.date())
        {
            ctx.date = Some(h);
            ctx.clock = None;
        }
        let Some(st) = post.stamp.as_mut() else {
            continue;
        };
        if let Some(ago) = st.ago_minutes {
            // "18 hr 50 min ago": counted back from the page's Updated time.
            if let Some((utc, z)) = updated_utc {
                let at = utc.checked_sub(i64::from(ago).minutes()).ok();
                if let Some(local) = at.and_then(|t| z.to_local(t)) {
                    st.utc = at;
                    st.tz = Some(z.iana.into());
                    st.local = Some(LocalTime::minute(
                        local.year(),
                        local.month(),
                        local.day(),
                        local.hour(),
                        local.minute(),
                    ));
                }
            }
            continue;
        }
        let written_zone = zone_of(st);
        if written_zone.is_some() {
            ctx.zone = written_zone;
        }
        let Some(mut local) = st.local else { continue };
        let clock = clock_minutes(&local);
        if let Some(date) = local.date() {
            ctx.date = Some(date);
        } else if let (Some(c), Some(mut date)) = (clock, ctx.date) {
            match ctx.clock {
                Some(p) if newest_first && c > p => date = date.yesterday().unwrap_or(date),
                Some(p) if !newest_first && c < p => date = date.tomorrow().unwrap_or(date),
                _ => {}
            }
            local = local.with_date(date);
            st.local = Some(local);
            ctx.date = Some(date);
        } else if clock.is_some() {
            let e = undated.get_or_insert((0, st.span));
            e.0 += 1;
        }
        if clock.is_some() {
            ctx.clock = clock;
        }
        to_utc.place(st, written_zone.or(ctx.zone));
    }
    undated
}
