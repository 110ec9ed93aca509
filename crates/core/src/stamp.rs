//! Time stamps as written on a page, and the local time they name.

use std::borrow::Cow;
use std::fmt;

use jiff::Timestamp;

use crate::Span;

/// How precisely a time is known.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
pub enum Precision {
    /// Known to the minute ("8:49 a.m. ET").
    Minute,
    /// Known to the day ("March 23, 2022").
    Day,
    /// Known to the month ("in February 2022").
    Month,
    /// Known to the year ("2014: ...").
    Year,
}

impl Precision {
    /// The lower-case name used in JSON.
    pub fn as_str(self) -> &'static str {
        match self {
            Precision::Minute => "minute",
            Precision::Day => "day",
            Precision::Month => "month",
            Precision::Year => "year",
        }
    }
}

/// A local (wall-clock) time as far as it was written: every part is optional.
///
/// In JSON it is a string: `"2022-01-21T08:49"`, `"T08:49"` when no date is known,
/// `"2022-01-21"`, `"2022-01"` or `"2022"`. The parts present must form one of those
/// shapes (a time needs both hour and minute; a day needs a month; a month needs a
/// year, except in the time-only shape); [`LocalTime::is_well_formed`] checks it.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct LocalTime {
    /// Year, e.g. 2022.
    pub year: Option<i16>,
    /// Month, 1 to 12.
    pub month: Option<i8>,
    /// Day of the month, 1 to 31.
    pub day: Option<i8>,
    /// Hour, 0 to 23.
    pub hour: Option<i8>,
    /// Minute, 0 to 59.
    pub minute: Option<i8>,
}

impl LocalTime {
    /// A full date and time to the minute.
    pub fn minute(year: i16, month: i8, day: i8, hour: i8, minute: i8) -> Self {
        LocalTime {
            year: Some(year),
            month: Some(month),
            day: Some(day),
            hour: Some(hour),
            minute: Some(minute),
        }
    }

    /// A time of day with no date.
    pub fn time_only(hour: i8, minute: i8) -> Self {
        LocalTime {
            hour: Some(hour),
            minute: Some(minute),
            ..LocalTime::default()
        }
    }

    /// A calendar day.
    pub fn day(year: i16, month: i8, day: i8) -> Self {
        LocalTime {
            year: Some(year),
            month: Some(month),
            day: Some(day),
            ..LocalTime::default()
        }
    }

    /// The precision this local time is known to: minute when it has a time of day,
    /// else day, month or year by the parts of the date it has.
    pub fn precision(&self) -> Precision {
        if self.minute.is_some() {
            Precision::Minute
        } else if self.day.is_some() {
            Precision::Day
        } else if self.month.is_some() {
            Precision::Month
        } else {
            Precision::Year
        }
    }

    /// The calendar date, when year, month and day are all known and valid.
    pub fn date(&self) -> Option<jiff::civil::Date> {
        jiff::civil::Date::new(self.year?, self.month?, self.day?).ok()
    }

    /// The date and time, when both are fully known and valid.
    pub fn datetime(&self) -> Option<jiff::civil::DateTime> {
        let time = jiff::civil::Time::new(self.hour?, self.minute?, 0, 0).ok()?;
        Some(self.date()?.to_datetime(time))
    }

    /// Whether the parts present form one of the shapes listed on [`LocalTime`], with
    /// each value in range and the date (when complete) a real calendar date.
    pub fn is_well_formed(&self) -> bool {
        let time_ok = match (self.hour, self.minute) {
            (Some(h), Some(m)) => (0..24).contains(&h) && (0..60).contains(&m),
            (None, None) => true,
            _ => false,
        };
        let date_ok = match (self.year, self.month, self.day) {
            (Some(_), Some(_), Some(_)) => self.date().is_some(),
            (Some(_), Some(m), None) => (1..=12).contains(&m) && self.hour.is_none(),
            (Some(_), None, None) => self.hour.is_none(),
            (None, None, None) => self.hour.is_some(),
            _ => false,
        };
        time_ok && date_ok
    }

    /// Replace the date part with `date`, keeping the time of day.
    pub fn with_date(self, date: jiff::civil::Date) -> Self {
        LocalTime {
            year: Some(date.year()),
            month: Some(date.month()),
            day: Some(date.day()),
            ..self
        }
    }

    /// Parse the JSON form (see [`LocalTime`]).
    pub fn parse(s: &str) -> Option<LocalTime> {
        fn num<T: std::str::FromStr>(s: &str, len: usize) -> Option<T> {
            (s.len() == len && s.bytes().all(|b| b.is_ascii_digit()))
                .then(|| s.parse().ok())
                .flatten()
        }
        let (date, time) = match s.split_once('T') {
            Some((d, t)) => (d, Some(t)),
            None => (s, None),
        };
        let mut out = LocalTime::default();
        if let Some(t) = time {
            let (h, m) = t.split_once(':')?;
            out.hour = Some(num(h, 2)?);
            out.minute = Some(num(m, 2)?);
        }
        if !date.is_empty() {
            let mut parts = date.split('-');
            out.year = Some(num(parts.next()?, 4)?);
            if let Some(m) = parts.next() {
                out.month = Some(num(m, 2)?);
            }
            if let Some(d) = parts.next() {
                out.day = Some(num(d, 2)?);
            }
            if parts.next().is_some() {
                return None;
            }
        }
        out.is_well_formed().then_some(out)
    }
}

impl fmt::Display for LocalTime {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let Some(y) = self.year {
            write!(f, "{y:04}")?;
            if let Some(m) = self.month {
                write!(f, "-{m:02}")?;
                if let Some(d) = self.day {
                    write!(f, "-{d:02}")?;
                }
            }
        }
        if let (Some(h), Some(m)) = (self.hour, self.minute) {
            write!(f, "T{h:02}:{m:02}")?;
        }
        Ok(())
    }
}

#[cfg(feature = "serde")]
impl serde::Serialize for LocalTime {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

#[cfg(feature = "serde")]
impl<'de> serde::Deserialize<'de> for LocalTime {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = <Cow<'de, str>>::deserialize(d)?;
        LocalTime::parse(&s)
            .ok_or_else(|| serde::de::Error::custom(format!("not a local time: {s:?}")))
    }
}

/// A time stamp as written on the page: a post's time, the page's "Updated" line, a
/// date header.
///
/// `zone` is the zone abbreviation as written ("ET", "GMT"; spelled-out names such as
/// "Greenwich Mean Time" become their abbreviation) and `tz` the IANA zone it maps to.
/// `utc` is set only when the date, the time and the zone are all known: a stamp is
/// never given a date it did not have or get from its page.
#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Deserialize))]
pub struct Stamp<'a> {
    /// The stamp's text exactly as written (including words such as "Updated").
    pub text: Cow<'a, str>,
    /// The local date and time, as far as written or resolved from context; `None` for a
    /// relative stamp that could not be resolved.
    pub local: Option<LocalTime>,
    /// The zone abbreviation as written, normalised ("ET", "GMT").
    #[cfg_attr(feature = "serde", serde(default))]
    pub zone: Option<Cow<'static, str>>,
    /// The IANA time zone the abbreviation maps to ("America/New_York").
    #[cfg_attr(feature = "serde", serde(default))]
    pub tz: Option<Cow<'static, str>>,
    /// The instant in UTC, when it can be known.
    #[cfg_attr(feature = "serde", serde(default))]
    pub utc: Option<Timestamp>,
    /// For a relative stamp ("18 hr 50 min ago"), how many minutes ago it was written.
    #[cfg_attr(feature = "serde", serde(default))]
    pub ago_minutes: Option<u32>,
    /// Where the stamp stands in the source.
    pub span: Span,
}

impl Stamp<'_> {
    /// The precision of [`Stamp::local`], when there is a local time.
    pub fn precision(&self) -> Option<Precision> {
        self.local.map(|l| l.precision())
    }

    /// Whether the stamp was written relative to the time of reading ("2h ago").
    pub fn is_relative(&self) -> bool {
        self.ago_minutes.is_some()
    }

    /// Convert into a stamp that owns its text.
    pub fn into_owned(self) -> Stamp<'static> {
        Stamp {
            text: Cow::Owned(self.text.into_owned()),
            local: self.local,
            zone: self.zone,
            tz: self.tz,
            utc: self.utc,
            ago_minutes: self.ago_minutes,
            span: self.span,
        }
    }
}

#[cfg(feature = "serde")]
impl serde::Serialize for Stamp<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let mut st = s.serialize_struct("Stamp", 9)?;
        st.serialize_field("text", &self.text)?;
        st.serialize_field("local", &self.local)?;
        st.serialize_field("zone", &self.zone)?;
        st.serialize_field("tz", &self.tz)?;
        st.serialize_field("utc", &self.utc)?;
        st.serialize_field("precision", &self.precision())?;
        st.serialize_field("relative", &self.is_relative())?;
        st.serialize_field("ago_minutes", &self.ago_minutes)?;
        st.serialize_field("span", &self.span)?;
        st.end()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn local_time_shapes_round_trip_through_text() {
        for s in [
            "2022-01-21T08:49",
            "T23:05",
            "2022-01-21",
            "2022-01",
            "2022",
        ] {
            let t = LocalTime::parse(s).unwrap();
            assert_eq!(t.to_string(), s);
        }
        assert_eq!(
            LocalTime::parse("2022-01-21T08:49").unwrap().precision(),
            Precision::Minute
        );
        assert_eq!(
            LocalTime::parse("2022-01").unwrap().precision(),
            Precision::Month
        );
    }

    #[test]
    fn local_time_rejects_impossible_dates_and_bad_shapes() {
        for s in [
            "2022-02-30",
            "2022-13",
            "T24:00",
            "T12:60",
            "2022-01T10:00",
            "",
            "T",
            "22-01-01",
        ] {
            assert_eq!(LocalTime::parse(s), None, "{s}");
        }
    }
}
