//! Time-zone abbreviations as news pages write them, and their conversion to UTC.
//!
//! Pages write zones as abbreviations ("ET", "GMT", "HKT") or spelled out ("Greenwich
//! Mean Time"). This table maps each to an IANA zone of the bundled tz database, so
//! that results never depend on the host.
//!
//! Two kinds of abbreviation are told apart:
//! - *generic* ones ("ET", "PT", "CT", "UK") name a region's clock and follow its
//!   daylight-saving rules: "8:49 a.m. ET" is 13:49 UTC in January and 12:49 UTC in July;
//! - *specific* ones ("EST", "EDT", "GMT", "BST", "CET", "HKT") name a fixed offset and
//!   are taken at their word: "EST" is always UTC−5, even on a page that wrote "EST" in
//!   July (where "EDT" was meant). What was written is what is converted.

use jiff::Timestamp;
use std::sync::OnceLock;

use jiff::civil::DateTime;
use jiff::tz::{Offset, TimeZone};

/// One time-zone abbreviation of the table.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Zone {
    /// The normalised abbreviation ("ET", "GMT").
    pub abbr: &'static str,
    /// The IANA zone it belongs to ("America/New_York").
    pub iana: &'static str,
    /// For a specific abbreviation, its fixed offset from UTC in seconds; `None` for a
    /// generic one that follows the IANA zone's rules.
    pub fixed_offset: Option<i32>,
}

const fn rule(abbr: &'static str, iana: &'static str) -> Zone {
    Zone {
        abbr,
        iana,
        fixed_offset: None,
    }
}

const fn fixed(abbr: &'static str, iana: &'static str, minutes: i32) -> Zone {
    Zone {
        abbr,
        iana,
        fixed_offset: Some(minutes * 60),
    }
}

/// Every abbreviation known, sorted by `abbr` for binary search.
static ZONES: &[Zone] = &ZONE_TABLE;

/// The abbreviations of [`ZONES`] as [`key`]s, in the same (sorted) order.
static KEYS: [u64; ZONE_TABLE.len()] = {
    let mut keys = [0; ZONE_TABLE.len()];
    let mut i = 0;
    while i < keys.len() {
        keys[i] = match key(ZONE_TABLE[i].abbr) {
            Some(k) => k,
            None => panic!("an abbreviation of more than 8 bytes"),
        };
        i += 1;
    }
    keys
};

/// An abbreviation of at most 8 bytes as one number: its bytes from the most
/// significant down, zeros after. For text without NUL bytes the numbers sort as the
/// texts do, so the sorted table is sorted by key too, and is searched comparing
/// numbers, not strings.
const fn key(abbr: &str) -> Option<u64> {
    let b = abbr.as_bytes();
    if b.len() > 8 {
        return None;
    }
    let mut k = 0u64;
    let mut i = 0;
    while i < 8 {
        k <<= 8;
        if i < b.len() {
            k |= b[i] as u64;
        }
        i += 1;
    }
    Some(k)
}

const ZONE_TABLE: [Zone; 49] = [
    fixed("ACST", "Australia/Adelaide", 570),
    fixed("AEDT", "Australia/Sydney", 660),
    fixed("AEST", "Australia/Sydney", 600),
    rule("AET", "Australia/Sydney"),
    fixed("AKDT", "America/Anchorage", -480),
    fixed("AKST", "America/Anchorage", -540),
    fixed("ART", "America/Argentina/Buenos_Aires", -180),
    fixed("AWST", "Australia/Perth", 480),
    fixed("BRT", "America/Sao_Paulo", -180),
    fixed("BST", "Europe/London", 60),
    fixed("CAT", "Africa/Maputo", 120),
    fixed("CDT", "America/Chicago", -300),
    fixed("CEST", "Europe/Paris", 120),
    fixed("CET", "Europe/Paris", 60),
    fixed("CST", "America/Chicago", -360),
    rule("CT", "America/Chicago"),
    fixed("EAT", "Africa/Nairobi", 180),
    fixed("EDT", "America/New_York", -240),
    fixed("EEST", "Europe/Kyiv", 180),
    fixed("EET", "Europe/Kyiv", 120),
    fixed("EST", "America/New_York", -300),
    rule("ET", "America/New_York"),
    fixed("GMT", "Europe/London", 0),
    fixed("GST", "Asia/Dubai", 240),
    fixed("HKT", "Asia/Hong_Kong", 480),
    fixed("HST", "Pacific/Honolulu", -600),
    fixed("ICT", "Asia/Bangkok", 420),
    fixed("IDT", "Asia/Jerusalem", 180),
    fixed("IST", "Asia/Kolkata", 330),
    fixed("JST", "Asia/Tokyo", 540),
    fixed("KST", "Asia/Seoul", 540),
    fixed("MDT", "America/Denver", -360),
    fixed("MSK", "Europe/Moscow", 180),
    fixed("MST", "America/Denver", -420),
    rule("MT", "America/Denver"),
    fixed("NZDT", "Pacific/Auckland", 780),
    fixed("NZST", "Pacific/Auckland", 720),
    fixed("PDT", "America/Los_Angeles", -420),
    fixed("PKT", "Asia/Karachi", 300),
    fixed("PST", "America/Los_Angeles", -480),
    rule("PT", "America/Los_Angeles"),
    fixed("SAST", "Africa/Johannesburg", 120),
    fixed("SGT", "Asia/Singapore", 480),
    rule("UK", "Europe/London"),
    fixed("UTC", "UTC", 0),
    fixed("WAT", "Africa/Lagos", 60),
    fixed("WEST", "Europe/Lisbon", 60),
    fixed("WET", "Europe/Lisbon", 0),
    fixed("WIB", "Asia/Jakarta", 420),
];

/// Spelled-out zone names and the abbreviation each stands for.
static LONG_NAMES: &[(&str, &str)] = &[
    ("British Summer Time", "BST"),
    ("Central European Summer Time", "CEST"),
    ("Central European Time", "CET"),
    ("Central Time", "CT"),
    ("Coordinated Universal Time", "UTC"),
    ("Eastern Daylight Time", "EDT"),
    ("Eastern European Summer Time", "EEST"),
    ("Eastern European Time", "EET"),
    ("Eastern Standard Time", "EST"),
    ("Eastern Time", "ET"),
    ("Greenwich Mean Time", "GMT"),
    ("Hong Kong Time", "HKT"),
    ("India Standard Time", "IST"),
    ("Japan Standard Time", "JST"),
    ("Moscow Time", "MSK"),
    ("Pacific Time", "PT"),
    ("UK time", "UK"),
];

/// The zone for an abbreviation as written ("ET", "GMT", case-sensitive; "Z" is UTC).
pub fn by_abbr(abbr: &str) -> Option<&'static Zone> {
    let abbr = if abbr == "Z" { "UTC" } else { abbr };
    if abbr.as_bytes().contains(&0) {
        return None;
    }
    let i = KEYS.binary_search(&key(abbr)?).ok()?;
    Some(&ZONES[i])
}

/// The spelled-out zone names known ("Greenwich Mean Time"), each with its abbreviation.
pub fn long_names() -> &'static [(&'static str, &'static str)] {
    LONG_NAMES
}

/// The zone for a name as written: an abbreviation or a spelled-out name.
pub fn lookup(written: &str) -> Option<&'static Zone> {
    by_abbr(written).or_else(|| {
        LONG_NAMES
            .iter()
            .find(|(long, _)| *long == written)
            .and_then(|(_, abbr)| by_abbr(abbr))
    })
}

/// Every abbreviation of the table, in sorted order.
pub fn abbreviations() -> impl Iterator<Item = &'static str> {
    ZONES.iter().map(|z| z.abbr)
}

impl Zone {
    /// The UTC instant of a local date-time read in this zone.
    ///
    /// A fixed abbreviation subtracts its offset; a generic one follows the IANA zone's
    /// rules, and a wall-clock time that falls into a daylight-saving gap or fold is
    /// resolved the way most software does ("compatible": the later offset for a gap,
    /// the earlier for a fold).
    pub fn to_utc(&self, local: DateTime) -> Option<Timestamp> {
        self.time_zone()?
            .to_ambiguous_timestamp(local)
            .compatible()
            .ok()
    }

    /// The jiff time zone: a fixed offset, or the IANA zone from the bundled database
    /// (looked up once per zone and kept).
    pub fn time_zone(&self) -> Option<TimeZone> {
        static RULES: OnceLock<Vec<Option<TimeZone>>> = OnceLock::new();
        match self.fixed_offset {
            Some(secs) => Some(TimeZone::fixed(Offset::from_seconds(secs).ok()?)),
            None => {
                let rules = RULES.get_or_init(|| {
                    ZONES
                        .iter()
                        .map(|z| {
                            z.fixed_offset
                                .is_none()
                                .then(|| TimeZone::get(z.iana).ok())
                                .flatten()
                        })
                        .collect()
                });
                let i = KEYS.binary_search(&key(self.abbr)?).ok()?;
                rules[i].clone()
            }
        }
    }

    /// The wall-clock time in this zone at the instant `utc`.
    pub fn to_local(&self, utc: Timestamp) -> Option<DateTime> {
        Some(self.time_zone()?.to_datetime(utc))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    #[test]
    fn table_is_sorted_so_binary_search_finds_every_entry() {
        assert!(ZONES.windows(2).all(|w| w[0].abbr < w[1].abbr));
        for z in ZONES {
            assert_eq!(by_abbr(z.abbr), Some(z));
            assert!(
                TimeZone::get(z.iana).is_ok(),
                "{} is in the bundled tzdb",
                z.iana
            );
        }
        for (long, abbr) in LONG_NAMES {
            assert_eq!(lookup(long).map(|z| z.abbr), Some(*abbr));
        }
        // Keys sort as the abbreviations do; what is not in the table is not found,
        // however near it is (a prefix, a longer word, a NUL, more than 8 bytes).
        assert!(KEYS.windows(2).all(|w| w[0] < w[1]));
        assert_eq!(by_abbr("Z").map(|z| z.abbr), Some("UTC"));
        for text in [
            "",
            "E",
            "ES",
            "ETX",
            "EST\0",
            "ESTESTEST",
            "et",
            "É",
            "GMTGMTGM",
        ] {
            assert_eq!(by_abbr(text), None, "{text:?}");
        }
        for z in ZONES {
            assert_eq!(by_abbr(&format!("{}A", z.abbr)), None, "{}A", z.abbr);
            assert!(z.time_zone().is_some(), "{}", z.abbr);
        }
    }

    #[test]
    fn generic_eastern_time_follows_daylight_saving() {
        let et = lookup("ET").unwrap();
        let jan = et.to_utc(date(2022, 1, 21).at(8, 49, 0, 0)).unwrap();
        let jul = et.to_utc(date(2022, 7, 21).at(8, 49, 0, 0)).unwrap();
        assert_eq!(jan.to_string(), "2022-01-21T13:49:00Z");
        assert_eq!(jul.to_string(), "2022-07-21T12:49:00Z");
    }

    #[test]
    fn specific_abbreviations_are_fixed_offsets() {
        let est = lookup("EST").unwrap();
        let jul = est.to_utc(date(2022, 7, 21).at(8, 49, 0, 0)).unwrap();
        assert_eq!(jul.to_string(), "2022-07-21T13:49:00Z");
        let gmt = lookup("Greenwich Mean Time").unwrap();
        assert_eq!(gmt.abbr, "GMT");
        let t = gmt.to_utc(date(2022, 3, 14).at(17, 17, 0, 0)).unwrap();
        assert_eq!(t.to_string(), "2022-03-14T17:17:00Z");
        let hkt = lookup("HKT").unwrap();
        let t = hkt.to_utc(date(2022, 1, 28).at(15, 55, 0, 0)).unwrap();
        assert_eq!(t.to_string(), "2022-01-28T07:55:00Z");
    }

    #[test]
    fn unknown_names_are_not_guessed() {
        assert_eq!(lookup("XYZ"), None);
        assert_eq!(lookup("et"), None);
        assert_eq!(lookup("greenwich mean time"), None);
    }
}
