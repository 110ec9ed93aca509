//! Time-stamp forms of other outlets, on invented fixtures.

use liveline_core::{Document, Precision};
use liveline_parse::parse;

/// Each post's (stamp text, local, utc) as strings.
fn times(doc: &Document<'_>) -> Vec<(String, String, String)> {
    doc.posts
        .iter()
        .map(|p| {
            let s = p.stamp.as_ref().expect("post has a stamp");
            (
                s.text.to_string(),
                s.local.map(|l| l.to_string()).unwrap_or_default(),
                s.utc.map(|t| t.to_string()).unwrap_or_default(),
            )
        })
        .collect()
}

fn headlines<'a>(doc: &'a Document<'_>) -> Vec<&'a str> {
    doc.posts
        .iter()
        .map(|p| p.headline.as_ref().map_or("", |h| h.text.as_ref()))
        .collect()
}

fn check(src: &str) -> Document<'_> {
    let doc = parse(src);
    liveline_testkit::check_spans(src, &doc).unwrap();
    doc
}

#[test]
fn us_style_times_take_the_date_from_the_updated_line() {
    let src = "Harbour strike live\n\nUpdated 11:02 a.m. ET, March 3, 2022\n\n\
               10:46 a.m. ET\n\nDockworkers vote to extend the strike\n\nThe vote passed.\n\n\
               Feb. 24, 2022, 8:49 a.m. ET\n\nUnion leaders set out their demands\n\nThey asked for more.\n";
    let doc = check(src);
    assert_eq!(
        times(&doc),
        [
            (
                "10:46 a.m. ET".into(),
                "2022-03-03T10:46".into(),
                "2022-03-03T15:46:00Z".into()
            ),
            (
                "Feb. 24, 2022, 8:49 a.m. ET".into(),
                "2022-02-24T08:49".into(),
                "2022-02-24T13:49:00Z".into()
            ),
        ]
    );
    assert_eq!(
        headlines(&doc),
        [
            "Dockworkers vote to extend the strike",
            "Union leaders set out their demands"
        ]
    );
}

#[test]
fn eastern_time_follows_daylight_saving() {
    let src = "Summer storms\n\n8:49 a.m. ET, July 21, 2022\n\nRoads close across the county\n\nText.\n\n\
               8:49 a.m. ET, January 21, 2022\n\nRoads reopen across the county\n\nText.\n";
    let doc = check(src);
    let utc: Vec<_> = times(&doc).into_iter().map(|t| t.2).collect();
    assert_eq!(utc, ["2022-07-21T12:49:00Z", "2022-01-21T13:49:00Z"]);
}

#[test]
fn twenty_four_hour_times_with_abbreviated_zones() {
    let src = "Election night\n\nMarch 23, 2022\n\n\
               23:40 GMT\n\nCounting ends in the northern wards\n\nText.\n\n\
               22.15 CET\n\nTurnout figures are published\n\nText.\n\n\
               5.51pm GMT\n\nPolls close across the region\n\nText.\n\n\
               17:17 HKT\n\nMarkets react in early trading\n\nText.\n\n\
               16:00 IST\n\nCorrespondents report from the capital\n\nText.\n\n\
               15:30 EET\n\nThe mayor casts her vote\n\nText.\n\n\
               14:05 UTC\n\nObservers arrive at the polling stations\n\nText.\n";
    let doc = check(src);
    let got: Vec<_> = times(&doc).into_iter().map(|t| (t.1, t.2)).collect();
    let want = [
        ("2022-03-23T23:40", "2022-03-23T23:40:00Z"),
        ("2022-03-23T22:15", "2022-03-23T21:15:00Z"),
        ("2022-03-23T17:51", "2022-03-23T17:51:00Z"),
        ("2022-03-23T17:17", "2022-03-23T09:17:00Z"),
        ("2022-03-23T16:00", "2022-03-23T10:30:00Z"),
        ("2022-03-23T15:30", "2022-03-23T13:30:00Z"),
        ("2022-03-23T14:05", "2022-03-23T14:05:00Z"),
    ];
    let want: Vec<_> = want
        .iter()
        .map(|(a, b)| (a.to_string(), b.to_string()))
        .collect();
    assert_eq!(got, want);
    assert_eq!(
        doc.posts[0].date_header.as_ref().unwrap().precision(),
        Some(Precision::Day)
    );
}

#[test]
fn specific_abbreviations_are_taken_at_their_word() {
    let src = "Coast watch\n\n10:00 EDT, July 4, 2022\n\nBoats gather off the coast\n\nText.\n\n\
               10:00 EST, July 4, 2022\n\nThe parade sets off along the front\n\nText.\n\n\
               10:00 BST, July 4, 2022\n\nCrowds line the harbour wall early\n\nText.\n";
    let doc = check(src);
    let utc: Vec<_> = times(&doc).into_iter().map(|t| t.2).collect();
    assert_eq!(
        utc,
        [
            "2022-07-04T14:00:00Z",
            "2022-07-04T15:00:00Z",
            "2022-07-04T09:00:00Z"
        ]
    );
}

#[test]
fn spelled_out_zones_and_published_at_glued_to_the_headline() {
    let src = "Budget day\n\n\
               Chancellor rises to deliver the budget published at 17:17 Greenwich Mean Time 14 March 2022\n\n\
               The speech began.\n\n\
               Markets steady after the statement published at 10:05 British Summer Time 14 June 2022\n\n\
               Prices held.\n";
    let doc = check(src);
    assert_eq!(
        headlines(&doc),
        [
            "Chancellor rises to deliver the budget",
            "Markets steady after the statement"
        ]
    );
    let t = times(&doc);
    assert_eq!(
        t[0].0,
        "published at 17:17 Greenwich Mean Time 14 March 2022"
    );
    assert_eq!(t[0].2, "2022-03-14T17:17:00Z");
    assert_eq!(t[1].2, "2022-06-14T09:05:00Z");
    assert_eq!(
        doc.posts[0].stamp.as_ref().unwrap().zone.as_deref(),
        Some("GMT")
    );
    assert_eq!(
        doc.posts[1].stamp.as_ref().unwrap().zone.as_deref(),
        Some("BST")
    );
}

#[test]
fn time_and_headline_on_one_line() {
    let src = "Rail strike\n\nUpdated 6:00 p.m. ET, May 2, 2022\n\n\
               17:17 ET: Talks resume at the ministry\n\nThe unions arrived.\n\n\
               10:30 a.m. Trains stop at the border crossing\n\nPassengers waited.\n";
    let doc = check(src);
    assert_eq!(
        headlines(&doc),
        [
            "Talks resume at the ministry",
            "Trains stop at the border crossing"
        ]
    );
    let t = times(&doc);
    assert_eq!(
        (t[0].0.as_str(), t[0].2.as_str()),
        ("17:17 ET", "2022-05-02T21:17:00Z")
    );
    assert_eq!(
        (t[1].0.as_str(), t[1].2.as_str()),
        ("10:30 a.m.", "2022-05-02T14:30:00Z")
    );
}

#[test]
fn relative_stamps_resolve_against_the_updated_line() {
    let src = "Flood warnings\n\nUpdated 0755 GMT (1555 HKT) January 28, 2022\n\n\
               2h ago\n\nRiver levels peak overnight\n\nText.\n\n\
               5 min ago\n\nSchools close in the valley\n\nText.\n\n\
               18 hr 50 min ago\n\nFirst warnings are issued\n\nText.\n";
    let doc = check(src);
    let u = doc.updated.as_ref().unwrap();
    assert_eq!(u.utc.unwrap().to_string(), "2022-01-28T07:55:00Z");
    let utc: Vec<_> = times(&doc).into_iter().map(|t| t.2).collect();
    assert_eq!(
        utc,
        [
            "2022-01-28T05:55:00Z",
            "2022-01-28T07:50:00Z",
            "2022-01-27T13:05:00Z"
        ]
    );
    assert!(
        doc.posts
            .iter()
            .all(|p| p.stamp.as_ref().unwrap().is_relative())
    );
}

#[test]
fn relative_stamps_without_an_updated_line_stay_relative() {
    let src = "Flood warnings\n\n2h ago\n\nRiver levels peak overnight\n\nText.\n\n\
               5 min ago\n\nSchools close in the valley\n\nText.\n";
    let doc = check(src);
    for p in &doc.posts {
        let s = p.stamp.as_ref().unwrap();
        assert!(s.is_relative() && s.utc.is_none() && s.local.is_none());
    }
    assert_eq!(doc.posts[0].stamp.as_ref().unwrap().ago_minutes, Some(120));
}

#[test]
fn times_without_any_date_stay_unplaced() {
    let src = "Night shift\n\n23:10 GMT\n\nLights go out in the east\n\nText.\n\n\
               22:45 GMT\n\nStorm reaches the coast\n\nText.\n";
    let doc = check(src);
    for (text, local, utc) in times(&doc) {
        assert!(local.starts_with('T'), "{text}: {local}");
        assert_eq!(utc, "");
    }
    assert!(doc.diagnostics.iter().any(|d| d.code == "undated_time"));
}

#[test]
fn newest_first_blog_crossing_midnight_moves_to_the_previous_day() {
    let src = "Overnight talks\n\nUpdated 00:40 GMT, 5 March 2022\n\n\
               00:30 GMT\n\nAgreement reached after midnight\n\nText.\n\n\
               23:50 GMT\n\nNegotiators return to the table\n\nText.\n\n\
               21:15 GMT\n\nTalks adjourn for dinner\n\nText.\n";
    let doc = check(src);
    let local: Vec<_> = times(&doc).into_iter().map(|t| t.1).collect();
    assert_eq!(
        local,
        ["2022-03-05T00:30", "2022-03-04T23:50", "2022-03-04T21:15"]
    );
}

#[test]
fn a_zone_written_once_carries_down_the_page() {
    let src = "Ceasefire talks\n\nUpdated 10:00 EET, 2 March 2022\n\n09:30\n\nDelegations meet near the border\n\nText.\n\n\
               09:10\n\nConvoys wait at the crossing\n\nText.\n";
    let doc = check(src);
    let s = doc.posts[0].stamp.as_ref().unwrap();
    assert_eq!(s.zone, None, "the zone as written stays empty");
    assert_eq!(s.tz.as_deref(), Some("Europe/Kyiv"));
    assert_eq!(s.utc.unwrap().to_string(), "2022-03-02T07:30:00Z");
}

#[test]
fn date_headers_give_their_date_to_the_posts_below() {
    let src = "Week of protests\n\nMarch 23, 2022\n\n10:46 a.m. ET\n\nMarchers reach the square\n\nText.\n\n\
               9:15 a.m. ET\n\nCrowds gather at dawn\n\nText.\n\nMarch 22, 2022\n\n\
               4:00 p.m. ET\n\nOrganisers announce a march\n\nText.\n";
    let doc = check(src);
    let local: Vec<_> = times(&doc).into_iter().map(|t| t.1).collect();
    assert_eq!(
        local,
        ["2022-03-23T10:46", "2022-03-23T09:15", "2022-03-22T16:00"]
    );
    assert!(doc.posts[2].date_header.is_some());
}

#[test]
fn unknown_zone_is_not_guessed() {
    let src =
        "Far away\n\nUpdated 10:00, 2 March 2022\n\n09:30 XYZ: Launch is delayed again\n\nText.\n";
    let doc = parse(src);
    liveline_testkit::check_spans(src, &doc).unwrap();
    for p in &doc.posts {
        if let Some(s) = &p.stamp {
            assert_eq!(s.utc, None);
        }
    }
    let d = doc
        .diagnostics
        .iter()
        .find(|d| d.code == "unknown_zone")
        .expect("a diagnostic names the zone");
    assert_eq!(&src[d.span.start..d.span.end], "XYZ");
}

#[test]
fn posts_on_the_day_clocks_change_get_the_offset_of_their_own_hour() {
    // On 13 March 2022 New York moved from UTC-5 to UTC-4 at 2 a.m.
    let src = "Spring forward\n\nUpdated 10:00 a.m. ET, March 13, 2022\n\n\
               9:00 a.m. ET\n\nMarkets open quietly after the change\n\nText.\n\n\
               3:30 a.m. ET\n\nClocks move forward an hour overnight\n\nText.\n\n\
               1:30 a.m. ET\n\nLate trains run to the old timetable\n\nText.\n";
    let doc = check(src);
    let utc: Vec<_> = times(&doc).into_iter().map(|t| t.2).collect();
    assert_eq!(
        utc,
        [
            "2022-03-13T13:00:00Z",
            "2022-03-13T07:30:00Z",
            "2022-03-13T06:30:00Z"
        ]
    );
    // The day after: one offset all day.
    let src = "Spring forward\n\nUpdated 10:00 a.m. ET, March 14, 2022\n\n\
               9:00 a.m. ET\n\nMarkets open\n\nText.\n\n1:30 a.m. ET\n\nTrains run late\n\nText.\n";
    let doc = check(src);
    let utc: Vec<_> = times(&doc).into_iter().map(|t| t.2).collect();
    assert_eq!(utc, ["2022-03-14T13:00:00Z", "2022-03-14T05:30:00Z"]);
}
