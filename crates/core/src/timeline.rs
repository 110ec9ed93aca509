//! Timelines: events drawn from one or more documents (owned data).

use jiff::Timestamp;

use crate::{Block, Contributor, DocKind, LocalTime, Precision, Span, Stamp};

/// The schema tag written at the top of a timeline's JSON form.
pub const TIMELINE_SCHEMA: &str = "liveline/timeline@1";

/// What an event was drawn from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
pub enum EventKind {
    /// A live-blog post.
    Post,
    /// A bullet of a "what we know" bulletin.
    Bullet,
    /// A dated item inside a post ("2014: ...").
    YearItem,
    /// A whole article.
    Article,
}

impl EventKind {
    /// The snake-case name used in JSON ("post", "year_item").
    pub fn as_str(self) -> &'static str {
        match self {
            EventKind::Post => "post",
            EventKind::Bullet => "bullet",
            EventKind::YearItem => "year_item",
            EventKind::Article => "article",
        }
    }
}

/// When an event happened.
#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct When {
    /// The instant in UTC, when known.
    pub utc: Option<Timestamp>,
    /// The local time as written or resolved.
    pub local: LocalTime,
    /// The zone abbreviation as written.
    pub zone: Option<String>,
    /// The IANA zone.
    pub tz: Option<String>,
    /// How precisely the time is known.
    pub precision: Precision,
}

impl When {
    /// The time of a stamp, when it has a local time.
    pub fn from_stamp(stamp: &Stamp<'_>) -> Option<When> {
        let local = stamp.local?;
        Some(When {
            utc: stamp.utc,
            local,
            zone: stamp.zone.as_deref().map(str::to_owned),
            tz: stamp.tz.as_deref().map(str::to_owned),
            precision: local.precision(),
        })
    }

    /// A time known only to the year (a year item's "2014"), in no zone.
    pub fn year(year: i16) -> When {
        When {
            utc: None,
            local: LocalTime {
                year: Some(year),
                ..LocalTime::default()
            },
            zone: None,
            tz: None,
            precision: Precision::Year,
        }
    }
}

/// One place an event was found.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct EventSource {
    /// The source document's id (its file name).
    pub source: String,
    /// The index of the post within the document, when the event came from a post.
    pub post: Option<usize>,
    /// Where in that document.
    pub span: Span,
}

/// A time mention inside an event's text ("on Thursday"), resolved in TIMEX3 style
/// against the date of the post that holds it.
#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Mention {
    /// The text as written, with its preposition ("on Friday", "since 2004").
    pub text: String,
    /// The resolved value in TIMEX3 style: a day ("2022-01-20"), a part of a day
    /// ("2022-01-21TNI"), an ISO week ("2022-W04") or its weekend ("2022-W03-WE"), a
    /// month ("2022-02"), a season ("2022-SP"), a year ("2004"), or a duration
    /// ("P18Y"). What cannot be resolved for want of a date is written with `X`s
    /// ("XXXX-WXX-5" for "Friday", "XXXX-02" for "in February").
    pub value: String,
    /// The granularity of `value`: "part_of_day", "day", "week", "weekend", "month",
    /// "season" or "year" (for a duration, its unit).
    pub granularity: String,
    /// Which way from the post's own date the value lies (for a duration, which way it
    /// reaches); without a date, which way the words point ("yesterday", "next week").
    #[cfg_attr(feature = "serde", serde(default))]
    pub direction: Option<Direction>,
    /// The TIMEX3 `mod` of "early", "mid" and "late" ("START", "MID", "END").
    #[cfg_attr(
        feature = "serde",
        serde(default, skip_serializing_if = "Option::is_none")
    )]
    pub modifier: Option<String>,
    /// The tense the words before the mention show ("will", "expected to": future),
    /// which decides between the last and the next Monday or February.
    #[cfg_attr(
        feature = "serde",
        serde(default, skip_serializing_if = "Option::is_none")
    )]
    pub tense: Option<Direction>,
    /// The document the mention was found in (its id).
    #[cfg_attr(feature = "serde", serde(default))]
    pub source: String,
    /// Where the mention stands in that document.
    pub span: Span,
}

/// Which way a time mention points from the date it is resolved against.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
pub enum Direction {
    /// Before it ("yesterday", "last week", "since 2004").
    Past,
    /// Around it: the value holds that date ("today", "this week").
    Present,
    /// After it ("tomorrow", "next week").
    Future,
}

/// One event of a timeline.
#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Event {
    /// A stable id derived from the event's content.
    pub id: String,
    /// What the event was drawn from.
    pub kind: EventKind,
    /// When it happened, when known.
    pub when: Option<When>,
    /// Its headline.
    pub headline: Option<String>,
    /// Its text, paragraphs separated by blank lines.
    pub text: String,
    /// Its blocks.
    pub blocks: Vec<Block<'static>>,
    /// Who wrote it.
    pub contributors: Vec<Contributor<'static>>,
    /// Every place it was found.
    pub sources: Vec<EventSource>,
    /// Time mentions in its text.
    pub mentions: Vec<Mention>,
    /// For a year item, the id of the post event that holds it.
    #[cfg_attr(
        feature = "serde",
        serde(default, skip_serializing_if = "Option::is_none")
    )]
    pub parent: Option<String>,
    /// The merge keys of every version of the event that was merged into it (sorted,
    /// without repeats): two events that share a key are the same event. Kept so that
    /// timelines written out and read back merge exactly as they would have in memory.
    #[cfg_attr(
        feature = "serde",
        serde(default, skip_serializing_if = "Vec::is_empty", with = "hex_keys")
    )]
    pub keys: Vec<u64>,
}

impl Event {
    /// The merge keys as the JSON contract writes them: 16 hex digits each, separated
    /// by spaces.
    ///
    /// ```
    /// use liveline_core::{Event, EventKind};
    ///
    /// let e = Event {
    ///     id: "e1".into(),
    ///     kind: EventKind::Post,
    ///     when: None,
    ///     headline: None,
    ///     text: "Talks end.".into(),
    ///     blocks: vec![],
    ///     contributors: vec![],
    ///     sources: vec![],
    ///     mentions: vec![],
    ///     parent: None,
    ///     keys: vec![1, 0xab],
    /// };
    /// assert_eq!(e.keys_hex(), "0000000000000001 00000000000000ab");
    /// ```
    pub fn keys_hex(&self) -> String {
        keys_hex(&self.keys)
    }
}

fn keys_hex(keys: &[u64]) -> String {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    let mut out = String::with_capacity(keys.len() * 17);
    for (n, k) in keys.iter().enumerate() {
        if n > 0 {
            out.push(' ');
        }
        for shift in (0..16).rev() {
            out.push(char::from(HEX[((k >> (4 * shift)) & 15) as usize]));
        }
    }
    out
}

/// Merge keys as one string of 16-digit hex numbers separated by spaces.
#[cfg(feature = "serde")]
mod hex_keys {
    use serde::{Deserialize, Deserializer, Serializer, de::Error};

    pub fn serialize<S: Serializer>(keys: &[u64], s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&super::keys_hex(keys))
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<u64>, D::Error> {
        let s = String::deserialize(d)?;
        s.split_ascii_whitespace()
            .map(|k| u64::from_str_radix(k, 16).map_err(D::Error::custom))
            .collect()
    }
}

/// A source document of a timeline.
#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct SourceMeta {
    /// The document's id (its file name).
    pub id: String,
    /// The path as given.
    pub path: Option<String>,
    /// The SHA-256 of its bytes.
    pub sha256: Option<String>,
    /// What kind of page it is.
    pub kind: DocKind,
    /// Its title.
    pub title: Option<String>,
    /// Its outlet.
    pub outlet: Option<String>,
    /// Its "Updated" stamp.
    pub updated: Option<Stamp<'static>>,
}

/// Events from one or more documents, sorted by time (undated last), then id.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Deserialize))]
pub struct Timeline {
    /// The documents the events came from.
    pub sources: Vec<SourceMeta>,
    /// The events.
    pub events: Vec<Event>,
}

#[cfg(feature = "serde")]
impl serde::Serialize for Timeline {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let mut st = s.serialize_struct("Timeline", 3)?;
        st.serialize_field("schema", TIMELINE_SCHEMA)?;
        st.serialize_field("sources", &self.sources)?;
        st.serialize_field("events", &self.events)?;
        st.end()
    }
}
