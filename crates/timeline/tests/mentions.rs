//! Time mentions: each form found in a sentence and resolved against the post's date.

use liveline_core::{Direction, jiff::civil::Date};
use liveline_timeline::mentions::{find, resolve};

const FRIDAY: Date = Date::constant(2022, 1, 21);
const SATURDAY: Date = Date::constant(2022, 1, 22);

/// The one mention of `sentence`, resolved against `anchor`: its text, value,
/// granularity and direction.
fn one(sentence: &str, anchor: Date) -> (String, String, &'static str, Option<Direction>) {
    let found = find(sentence);
    assert_eq!(found.len(), 1, "{sentence:?}: {found:?}");
    let f = &found[0];
    let text = &sentence[f.range.clone()];
    let r = resolve(text, f.tense, Some(anchor)).expect("a found mention resolves");
    (text.to_owned(), r.value, r.granularity, r.direction)
}

fn check(sentence: &str, anchor: Date, text: &str, value: &str, granularity: &str, dir: Direction) {
    let got = one(sentence, anchor);
    assert_eq!(
        (got.0.as_str(), got.1.as_str(), got.2, got.3),
        (text, value, granularity, Some(dir)),
        "{sentence:?}"
    );
}

use Direction::{Future, Past, Present};

#[test]
fn the_forms_of_the_issue_on_friday_21_january_2022() {
    let cases = [
        (
            "The ministers met on Friday in Geneva.",
            "on Friday",
            "2022-01-21",
            "day",
            Present,
        ),
        (
            "Blinken said Friday that talks would go on.",
            "Friday",
            "2022-01-21",
            "day",
            Present,
        ),
        (
            "The minister told parliament on Thursday.",
            "on Thursday",
            "2022-01-20",
            "day",
            Past,
        ),
        (
            "Thursday was quieter.",
            "Thursday",
            "2022-01-20",
            "day",
            Past,
        ),
        (
            "The meeting today lasted ninety minutes.",
            "today",
            "2022-01-21",
            "day",
            Present,
        ),
        (
            "He will speak tonight.",
            "tonight",
            "2022-01-21TNI",
            "part_of_day",
            Present,
        ),
        (
            "Kyiv said yesterday that it was ready.",
            "yesterday",
            "2022-01-20",
            "day",
            Past,
        ),
        (
            "Ukraine warned earlier this week of a build-up.",
            "earlier this week",
            "2022-W03",
            "week",
            Past,
        ),
        (
            "The engagements last week failed.",
            "last week",
            "2022-W02",
            "week",
            Past,
        ),
        (
            "A written reply comes next week.",
            "next week",
            "2022-W04",
            "week",
            Future,
        ),
        (
            "The team meets this weekend.",
            "this weekend",
            "2022-W03-WE",
            "weekend",
            Future,
        ),
        (
            "Truss plans a visit in February.",
            "in February",
            "2022-02",
            "month",
            Future,
        ),
        (
            "Talks were held on January 21 in Geneva.",
            "on January 21",
            "2022-01-21",
            "day",
            Present,
        ),
        (
            "He accepted an invitation to Japan in the late spring.",
            "in the late spring",
            "2022-SP",
            "season",
            Future,
        ),
        (
            "Lavrov has been foreign minister since 2004.",
            "since 2004",
            "2004",
            "year",
            Past,
        ),
        (
            "Russia seized Crimea in 2014.",
            "in 2014",
            "2014",
            "year",
            Past,
        ),
        (
            "He has met four secretaries over the past 18 years.",
            "over the past 18 years",
            "P18Y",
            "year",
            Past,
        ),
    ];
    for (sentence, text, value, granularity, dir) in cases {
        check(sentence, FRIDAY, text, value, granularity, dir);
    }
}

#[test]
fn late_spring_carries_the_end_modifier_and_mid_february_the_middle() {
    let r = resolve("in the late spring", None, Some(FRIDAY)).unwrap();
    assert_eq!(r.modifier, Some("END"));
    let f = find("Exercises begin in mid-February.");
    assert_eq!(f.len(), 1);
    let r = resolve("in mid-February", f[0].tense, Some(FRIDAY)).unwrap();
    assert_eq!((r.value.as_str(), r.modifier), ("2022-02", Some("MID")));
    let r = resolve("in early 2014", None, Some(FRIDAY)).unwrap();
    assert_eq!((r.value.as_str(), r.modifier), ("2014", Some("START")));
}

#[test]
fn a_weekday_named_on_that_weekday_is_that_day() {
    check(
        "A senior official told VOA Saturday that no order had come.",
        SATURDAY,
        "Saturday",
        "2022-01-22",
        "day",
        Present,
    );
    check(
        "The ministers met for about 90 minutes Friday in Geneva.",
        SATURDAY,
        "Friday",
        "2022-01-21",
        "day",
        Past,
    );
    check(
        "Staff may be told to leave as soon as Monday.",
        SATURDAY,
        "Monday",
        "2022-01-24",
        "day",
        Future,
    );
}

#[test]
fn a_weekday_is_the_last_one_unless_the_words_before_it_speak_of_the_future() {
    check(
        "The minister said on Monday that talks had failed.",
        FRIDAY,
        "on Monday",
        "2022-01-17",
        "day",
        Past,
    );
    check(
        "Blinken will brief European Union foreign ministers on Monday.",
        FRIDAY,
        "on Monday",
        "2022-01-24",
        "day",
        Future,
    );
    check(
        "The summit is expected to open on Tuesday.",
        FRIDAY,
        "on Tuesday",
        "2022-01-25",
        "day",
        Future,
    );
    check(
        "They'll meet Wednesday.",
        FRIDAY,
        "Wednesday",
        "2022-01-26",
        "day",
        Future,
    );
    // A future word in the sentence before does not carry over a full stop.
    check(
        "He will go. Talks ended Wednesday.",
        FRIDAY,
        "Wednesday",
        "2022-01-19",
        "day",
        Past,
    );
    // Only the eight words before count.
    check(
        "The ministers who will attend the summit in the capital of the country met Wednesday.",
        FRIDAY,
        "Wednesday",
        "2022-01-19",
        "day",
        Past,
    );
}

#[test]
fn last_next_and_this_weekdays() {
    check(
        "They met last Friday.",
        FRIDAY,
        "last Friday",
        "2022-01-14",
        "day",
        Past,
    );
    check(
        "They meet next Friday.",
        FRIDAY,
        "next Friday",
        "2022-01-28",
        "day",
        Future,
    );
    check(
        "They meet next Monday.",
        FRIDAY,
        "next Monday",
        "2022-01-24",
        "day",
        Future,
    );
    check(
        "They met this Monday.",
        FRIDAY,
        "this Monday",
        "2022-01-17",
        "day",
        Past,
    );
    check(
        "They meet this Sunday.",
        FRIDAY,
        "this Sunday",
        "2022-01-23",
        "day",
        Future,
    );
}

#[test]
fn prepositions_belong_only_to_names_and_numbers() {
    check(
        "Shelling went on last night.",
        FRIDAY,
        "last night",
        "2022-01-20TNI",
        "part_of_day",
        Past,
    );
    check(
        "Talks went on this week.",
        FRIDAY,
        "this week",
        "2022-W03",
        "week",
        Present,
    );
    check(
        "Nothing changed since yesterday.",
        FRIDAY,
        "yesterday",
        "2022-01-20",
        "day",
        Past,
    );
}

#[test]
fn parts_of_days() {
    check(
        "Shelling went on last night.",
        FRIDAY,
        "last night",
        "2022-01-20TNI",
        "part_of_day",
        Past,
    );
    check(
        "He spoke this morning.",
        FRIDAY,
        "this morning",
        "2022-01-21TMO",
        "part_of_day",
        Present,
    );
    check(
        "Talks resume Friday night.",
        FRIDAY,
        "Friday night",
        "2022-01-21TNI",
        "part_of_day",
        Present,
    );
    check(
        "It rained yesterday evening.",
        FRIDAY,
        "yesterday evening",
        "2022-01-20TEV",
        "part_of_day",
        Past,
    );
    check(
        "We leave tomorrow.",
        FRIDAY,
        "tomorrow",
        "2022-01-22",
        "day",
        Future,
    );
}

#[test]
fn months_and_seasons_without_a_year_are_the_nearest_unless_the_future_is_spoken_of() {
    check(
        "Findings in December estimated an attack.",
        FRIDAY,
        "in December",
        "2021-12",
        "month",
        Past,
    );
    check(
        "It was agreed at a meeting in November.",
        FRIDAY,
        "in November",
        "2021-11",
        "month",
        Past,
    );
    check(
        "Moscow agreed to the visit in February.",
        FRIDAY,
        "in February",
        "2022-02",
        "month",
        Future,
    );
    // Six months either way: the past one, unless the future is spoken of.
    check(
        "Prices rose in July.",
        FRIDAY,
        "in July",
        "2021-07",
        "month",
        Past,
    );
    check(
        "Prices will rise in July.",
        FRIDAY,
        "in July",
        "2022-07",
        "month",
        Future,
    );
    check(
        "It happened this month.",
        FRIDAY,
        "this month",
        "2022-01",
        "month",
        Present,
    );
    check(
        "It happened last month.",
        FRIDAY,
        "last month",
        "2021-12",
        "month",
        Past,
    );
    check(
        "Elections come next year.",
        FRIDAY,
        "next year",
        "2023",
        "year",
        Future,
    );
    check(
        "Sales fell last summer.",
        FRIDAY,
        "last summer",
        "2021-SU",
        "season",
        Past,
    );
    check(
        "Heating costs rose this winter.",
        FRIDAY,
        "this winter",
        "2022-WI",
        "season",
        Present,
    );
    check(
        "Talks resume next fall.",
        FRIDAY,
        "next fall",
        "2022-FA",
        "season",
        Future,
    );
    check(
        "A truce was agreed in the spring of 2014.",
        FRIDAY,
        "in the spring of 2014",
        "2014-SP",
        "season",
        Past,
    );
    // December belongs to the next year's winter.
    check(
        "Snow is due this winter.",
        Date::constant(2022, 12, 5),
        "this winter",
        "2023-WI",
        "season",
        Present,
    );
}

#[test]
fn days_of_the_month() {
    check(
        "A photo taken Jan. 19, 2022, in Kyiv.",
        FRIDAY,
        "Jan. 19, 2022",
        "2022-01-19",
        "day",
        Past,
    );
    check(
        "He spoke outside Moscow on July 2, 2020.",
        FRIDAY,
        "on July 2, 2020",
        "2020-07-02",
        "day",
        Past,
    );
    check(
        "They met on 21 January 2022 in Geneva.",
        FRIDAY,
        "on 21 January 2022",
        "2022-01-21",
        "day",
        Present,
    );
    check(
        "Drills go on until February 4th as planned.",
        FRIDAY,
        "until February 4th",
        "2022-02-04",
        "day",
        Future,
    );
    check(
        "Vehicles moved in Crimea on Tuesday January 18.",
        FRIDAY,
        "on Tuesday January 18",
        "2022-01-18",
        "day",
        Past,
    );
    check(
        "Before, Friday, January 21 2022, in Geneva.",
        FRIDAY,
        "Friday, January 21 2022",
        "2022-01-21",
        "day",
        Present,
    );
    check(
        "Talks were held on December 30.",
        FRIDAY,
        "on December 30",
        "2021-12-30",
        "day",
        Past,
    );
    check(
        "Talks were held on 20 January.",
        FRIDAY,
        "on 20 January",
        "2022-01-20",
        "day",
        Past,
    );
}

#[test]
fn durations_and_days_ago() {
    check(
        "He has met four secretaries over the last decade.",
        FRIDAY,
        "over the last decade",
        "P10Y",
        "year",
        Past,
    );
    check(
        "Tension will grow in the next two weeks.",
        FRIDAY,
        "in the next two weeks",
        "P2W",
        "week",
        Future,
    );
    check(
        "Shipments began three days ago.",
        FRIDAY,
        "three days ago",
        "2022-01-18",
        "day",
        Past,
    );
    check(
        "Shipments began two weeks ago.",
        FRIDAY,
        "two weeks ago",
        "2022-W01",
        "week",
        Past,
    );
    check(
        "Shipments began a year ago.",
        FRIDAY,
        "a year ago",
        "2021",
        "year",
        Past,
    );
}

#[test]
fn iso_weeks_across_the_turn_of_the_year() {
    // 2022-12-31 is the Saturday of 2022-W52; 2021-01-01 the Friday of 2020-W53.
    check(
        "Talks resume next week.",
        Date::constant(2022, 12, 31),
        "next week",
        "2023-W01",
        "week",
        Future,
    );
    check(
        "Talks went on this week.",
        Date::constant(2021, 1, 1),
        "this week",
        "2020-W53",
        "week",
        Present,
    );
    check(
        "Talks went on last week.",
        Date::constant(2021, 1, 8),
        "last week",
        "2020-W53",
        "week",
        Past,
    );
}

#[test]
fn words_that_are_not_dates() {
    for s in [
        "It may rain.",
        "May I ask?",
        "The march went on.",
        "March on, they said.",
        "The 2004 agreement holds.",
        "About 2004 people came.",
        "Deployment is expected in April-May.",
        "The war of 2014-2015 ended.",
        "In 1,000 cases it did.",
        "Water rises from a spring.",
        "Leaves fall in the park.",
        "The spring water is cold.",
        "At 8:41 a.m. ET the post went up.",
        "Friday Street is closed.",
    ] {
        let found: Vec<&str> = find(s).iter().map(|f| &s[f.range.clone()]).collect();
        // "Friday Street" is a weekday name used as a name: it is read as Friday; the
        // others must find nothing.
        if s.starts_with("Friday Street") {
            assert_eq!(found, ["Friday"]);
        } else {
            assert!(found.is_empty(), "{s:?}: {found:?}");
        }
    }
}

#[test]
fn possessives_and_late_on_keep_the_date_words_only() {
    check(
        "Friday's meeting ended.",
        FRIDAY,
        "Friday",
        "2022-01-21",
        "day",
        Present,
    );
    check(
        "Late on Friday, the embassy tweeted.",
        FRIDAY,
        "on Friday",
        "2022-01-21",
        "day",
        Present,
    );
    check(
        "Tonight's talks matter.",
        FRIDAY,
        "Tonight",
        "2022-01-21TNI",
        "part_of_day",
        Present,
    );
}

#[test]
fn several_mentions_in_one_sentence_in_order() {
    let s = "Russia annexed Crimea in 2014, and since March 2014 talks have failed; on Friday they met.";
    let found: Vec<&str> = find(s).iter().map(|f| &s[f.range.clone()]).collect();
    assert_eq!(found, ["in 2014", "since March 2014", "on Friday"]);
}

#[test]
fn without_a_date_relative_values_are_written_with_xs() {
    let value = |t: &str| resolve(t, None, None).unwrap().value;
    assert_eq!(value("Friday"), "XXXX-WXX-5");
    assert_eq!(value("in February"), "XXXX-02");
    assert_eq!(value("on January 21"), "XXXX-01-21");
    assert_eq!(value("next week"), "XXXX-WXX");
    assert_eq!(value("this weekend"), "XXXX-WXX-WE");
    assert_eq!(value("tonight"), "XXXX-XX-XXTNI");
    assert_eq!(value("in the late spring"), "XXXX-SP");
    // Absolute values need no date.
    assert_eq!(value("since 2004"), "2004");
    assert_eq!(value("on July 2, 2020"), "2020-07-02");
    assert_eq!(value("over the past 18 years"), "P18Y");
    // Directions the words give.
    let dir = |t: &str| resolve(t, None, None).unwrap().direction;
    assert_eq!(dir("yesterday"), Some(Past));
    assert_eq!(dir("next week"), Some(Future));
    assert_eq!(dir("today"), Some(Present));
    assert_eq!(dir("since 2004"), None);
}

#[test]
fn a_date_that_does_not_exist_stays_unresolved() {
    // No February 29 in 2021, 2022 or 2023.
    let r = resolve("on February 29", None, Some(FRIDAY)).unwrap();
    assert_eq!(r.value, "XXXX-02-29");
    // Days that no calendar has are not dates at all.
    assert!(find("It was on February 30 2020.").is_empty());
    assert!(find("It was on February 29, 2023.").is_empty());
    assert!(find("It was on 31 April.").is_empty());
    check(
        "It was on February 29, 2024.",
        FRIDAY,
        "on February 29, 2024",
        "2024-02-29",
        "day",
        Future,
    );
}

#[test]
fn resolve_takes_only_one_whole_expression() {
    assert!(resolve("on Friday in Geneva", None, Some(FRIDAY)).is_none());
    assert!(resolve("Geneva", None, Some(FRIDAY)).is_none());
    assert!(resolve("", None, Some(FRIDAY)).is_none());
}
