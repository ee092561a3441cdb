//! The time zones an imported `.ics` can name, as a small table of today's
//! rules instead of the IANA database.
//!
//! calcard resolves `TZID`s through chrono-tz, whose tables for every zone
//! in history cost about 57 KB of the bundle. A planning app only needs the
//! zones its people's calendars use, at dates near today: Europe/Berlin (and
//! every zone that keeps the same clock, under IANA and Windows names), the
//! other EU zones, the US zones and a few without daylight saving time. A
//! `VTIMEZONE` in the file is recognised by its `TZID`, `X-LIC-LOCATION` or
//! `X-MICROSOFT-CDO-TZID`; one with a single offset is taken as that fixed
//! offset. Anything else stays unknown, and the importer says so per event.

use chrono::{
    DateTime, Datelike, Duration, NaiveDate, NaiveDateTime, NaiveTime, TimeZone, Utc, Weekday,
};

const HOUR: i32 = 3600;

/// When daylight saving time begins and ends.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum DstRule {
    /// None: the offset never changes.
    None,
    /// EU: last Sunday of March to last Sunday of October, 01:00 UTC.
    Eu,
    /// US (since 2007): second Sunday of March, 02:00 local standard time,
    /// to first Sunday of November, 02:00 local daylight time.
    Us,
}

/// A zone: its standard offset from UTC (seconds) and its DST rule.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Zone {
    standard: i32,
    dst: DstRule,
}

/// Europe/Berlin: CET, CEST in summer.
pub(crate) const BERLIN: Zone = Zone {
    standard: HOUR,
    dst: DstRule::Eu,
};
const WET: Zone = Zone {
    standard: 0,
    dst: DstRule::Eu,
};
const EET: Zone = Zone {
    standard: 2 * HOUR,
    dst: DstRule::Eu,
};
const UTC: Zone = Zone::fixed(0);

const fn us(hours: i32) -> Zone {
    Zone {
        standard: hours * HOUR,
        dst: DstRule::Us,
    }
}

/// IANA and Windows names of the zones we know.
const NAMES: &[(&str, Zone)] = &[
    // Berlin's clock: central European time.
    ("Europe/Berlin", BERLIN),
    ("W. Europe Standard Time", BERLIN),
    ("Central Europe Standard Time", BERLIN),
    ("Central European Standard Time", BERLIN),
    ("Romance Standard Time", BERLIN),
    ("CET", BERLIN),
    ("MET", BERLIN),
    ("Europe/Vienna", BERLIN),
    ("Europe/Zurich", BERLIN),
    ("Europe/Busingen", BERLIN),
    ("Europe/Vaduz", BERLIN),
    ("Europe/Amsterdam", BERLIN),
    ("Europe/Brussels", BERLIN),
    ("Europe/Luxembourg", BERLIN),
    ("Europe/Paris", BERLIN),
    ("Europe/Monaco", BERLIN),
    ("Europe/Madrid", BERLIN),
    ("Europe/Andorra", BERLIN),
    ("Europe/Rome", BERLIN),
    ("Europe/Malta", BERLIN),
    ("Europe/Copenhagen", BERLIN),
    ("Europe/Oslo", BERLIN),
    ("Europe/Stockholm", BERLIN),
    ("Europe/Prague", BERLIN),
    ("Europe/Bratislava", BERLIN),
    ("Europe/Warsaw", BERLIN),
    ("Europe/Budapest", BERLIN),
    ("Europe/Ljubljana", BERLIN),
    ("Europe/Zagreb", BERLIN),
    ("Europe/Belgrade", BERLIN),
    // Western and eastern European time.
    ("Europe/London", WET),
    ("Europe/Dublin", WET),
    ("Europe/Lisbon", WET),
    ("Atlantic/Canary", WET),
    ("GMT Standard Time", WET),
    ("WET", WET),
    ("Europe/Helsinki", EET),
    ("Europe/Athens", EET),
    ("Europe/Bucharest", EET),
    ("Europe/Sofia", EET),
    ("Europe/Riga", EET),
    ("Europe/Tallinn", EET),
    ("Europe/Vilnius", EET),
    ("Europe/Kyiv", EET),
    ("Europe/Kiev", EET),
    ("FLE Standard Time", EET),
    ("GTB Standard Time", EET),
    ("E. Europe Standard Time", EET),
    ("EET", EET),
    // UTC.
    ("UTC", UTC),
    ("Etc/UTC", UTC),
    ("Etc/GMT", UTC),
    ("GMT", UTC),
    ("Z", UTC),
    ("Greenwich Standard Time", UTC),
    ("Atlantic/Reykjavik", UTC),
    // North America.
    ("America/New_York", us(-5)),
    ("America/Detroit", us(-5)),
    ("America/Toronto", us(-5)),
    ("US/Eastern", us(-5)),
    ("Eastern Standard Time", us(-5)),
    ("America/Chicago", us(-6)),
    ("America/Winnipeg", us(-6)),
    ("US/Central", us(-6)),
    ("Central Standard Time", us(-6)),
    ("America/Denver", us(-7)),
    ("America/Edmonton", us(-7)),
    ("US/Mountain", us(-7)),
    ("Mountain Standard Time", us(-7)),
    ("America/Phoenix", Zone::fixed(-7 * HOUR)),
    ("US Mountain Standard Time", Zone::fixed(-7 * HOUR)),
    ("America/Los_Angeles", us(-8)),
    ("America/Vancouver", us(-8)),
    ("US/Pacific", us(-8)),
    ("Pacific Standard Time", us(-8)),
    ("America/Anchorage", us(-9)),
    ("Alaskan Standard Time", us(-9)),
    ("Pacific/Honolulu", Zone::fixed(-10 * HOUR)),
    ("Hawaiian Standard Time", Zone::fixed(-10 * HOUR)),
    // Without daylight saving time.
    ("Europe/Istanbul", Zone::fixed(3 * HOUR)),
    ("Turkey Standard Time", Zone::fixed(3 * HOUR)),
    ("Europe/Moscow", Zone::fixed(3 * HOUR)),
    ("Russian Standard Time", Zone::fixed(3 * HOUR)),
    ("Asia/Dubai", Zone::fixed(4 * HOUR)),
    ("Arabian Standard Time", Zone::fixed(4 * HOUR)),
    ("Asia/Kolkata", Zone::fixed(5 * HOUR + 1800)),
    ("Asia/Calcutta", Zone::fixed(5 * HOUR + 1800)),
    ("India Standard Time", Zone::fixed(5 * HOUR + 1800)),
    ("Asia/Singapore", Zone::fixed(8 * HOUR)),
    ("Singapore Standard Time", Zone::fixed(8 * HOUR)),
    ("Asia/Shanghai", Zone::fixed(8 * HOUR)),
    ("Asia/Hong_Kong", Zone::fixed(8 * HOUR)),
    ("China Standard Time", Zone::fixed(8 * HOUR)),
    ("Asia/Tokyo", Zone::fixed(9 * HOUR)),
    ("Tokyo Standard Time", Zone::fixed(9 * HOUR)),
];

/// Outlook's numeric `X-MICROSOFT-CDO-TZID`s of the zones above.
const CDO_IDS: &[(&str, &str)] = &[
    ("0", "UTC"),
    ("1", "Europe/London"),
    ("2", "Europe/Lisbon"),
    ("3", "Europe/Paris"),
    ("4", "Europe/Berlin"),
    ("5", "Europe/Bucharest"),
    ("6", "Europe/Prague"),
    ("7", "Europe/Athens"),
    ("10", "America/New_York"),
    ("11", "America/Chicago"),
    ("12", "America/Denver"),
    ("13", "America/Los_Angeles"),
    ("14", "America/Anchorage"),
    ("15", "Pacific/Honolulu"),
    ("20", "Asia/Tokyo"),
    ("21", "Asia/Singapore"),
    ("23", "Asia/Calcutta"),
    ("24", "Asia/Dubai"),
    ("38", "America/Phoenix"),
    ("45", "Asia/Shanghai"),
];

impl Zone {
    /// A zone that is always `seconds` ahead of UTC.
    pub(crate) const fn fixed(seconds: i32) -> Zone {
        Zone {
            standard: seconds,
            dst: DstRule::None,
        }
    }

    /// A zone by its IANA name, Windows name or `Etc/GMT±N` name.
    pub(crate) fn named(name: &str) -> Option<Zone> {
        let name = name.trim().trim_matches('"');
        let name = name.strip_prefix("SystemV/").unwrap_or(name);
        if let Some((_, zone)) = NAMES
            .iter()
            .find(|(known, _)| known.eq_ignore_ascii_case(name))
        {
            return Some(*zone);
        }
        // `Etc/GMT+5` is five hours *behind* UTC (POSIX sign).
        let hours = name.strip_prefix("Etc/GMT")?;
        let behind: i32 = hours.parse().ok()?;
        (-14..=12)
            .contains(&behind)
            .then(|| Zone::fixed(-behind * HOUR))
    }

    /// Whether the zone's clocks change on the days Berlin's do (so a
    /// series kept in Berlin wall time stays at its hour there).
    pub(crate) fn changes_with_berlin(self) -> bool {
        self.dst == DstRule::Eu
    }

    /// A zone by Outlook's numeric `X-MICROSOFT-CDO-TZID`.
    pub(crate) fn from_cdo_id(id: &str) -> Option<Zone> {
        CDO_IDS
            .iter()
            .find(|(known, _)| *known == id.trim())
            .and_then(|(_, name)| Zone::named(name))
    }

    /// The zone's offset from UTC at an instant, in seconds.
    pub(crate) fn offset_at(self, at: DateTime<Utc>) -> i32 {
        let utc = at.naive_utc();
        let Some((begin, end)) = self.dst_period(utc.year()) else {
            return self.standard;
        };
        if begin <= utc && utc < end {
            self.standard + HOUR
        } else {
            self.standard
        }
    }

    /// The start and end of summer time in `year`, in UTC.
    fn dst_period(self, year: i32) -> Option<(NaiveDateTime, NaiveDateTime)> {
        match self.dst {
            DstRule::None => None,
            DstRule::Eu => {
                let at_one = |month| {
                    last_sunday(year, month)
                        .map(|d| d.and_time(NaiveTime::MIN) + Duration::hours(1))
                };
                Some((at_one(3)?, at_one(10)?))
            }
            DstRule::Us => {
                let begin = nth_sunday(year, 3, 2)?.and_time(NaiveTime::MIN) + Duration::hours(2)
                    - Duration::seconds(self.standard.into());
                let end = nth_sunday(year, 11, 1)?.and_time(NaiveTime::MIN) + Duration::hours(2)
                    - Duration::seconds((self.standard + HOUR).into());
                Some((begin, end))
            }
        }
    }

    /// A wall time in this zone as UTC; a time in the spring-forward gap is
    /// taken one hour later, an ambiguous autumn time as the earlier
    /// (summer time) one.
    pub(crate) fn to_utc(self, local: NaiveDateTime) -> DateTime<Utc> {
        for local in [local, local + Duration::hours(1)] {
            // Summer time first: of two readings, it is the earlier instant.
            for offset in [self.standard + HOUR, self.standard] {
                let at = Utc.from_utc_datetime(&(local - Duration::seconds(offset.into())));
                if self.offset_at(at) == offset {
                    return at;
                }
            }
        }
        Utc.from_utc_datetime(&local)
    }

    /// The wall time in this zone of an instant.
    pub(crate) fn wall_time(self, at: DateTime<Utc>) -> NaiveDateTime {
        at.naive_utc() + Duration::seconds(self.offset_at(at).into())
    }
}

fn last_sunday(year: i32, month: u32) -> Option<NaiveDate> {
    let first_of_next = if month == 12 {
        NaiveDate::from_ymd_opt(year + 1, 1, 1)?
    } else {
        NaiveDate::from_ymd_opt(year, month + 1, 1)?
    };
    let last = first_of_next.pred_opt()?;
    let back = last.weekday().num_days_from_sunday();
    last.checked_sub_signed(Duration::days(back.into()))
}

fn nth_sunday(year: i32, month: u32, n: u32) -> Option<NaiveDate> {
    NaiveDate::from_weekday_of_month_opt(year, month, Weekday::Sun, n as u8)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn local(y: i32, m: u32, d: u32, h: u32, min: u32) -> NaiveDateTime {
        NaiveDate::from_ymd_opt(y, m, d)
            .unwrap()
            .and_hms_opt(h, min, 0)
            .unwrap()
    }

    fn utc(y: i32, m: u32, d: u32, h: u32, min: u32) -> DateTime<Utc> {
        Utc.from_utc_datetime(&local(y, m, d, h, min))
    }

    #[test]
    fn berlin_switches_on_the_last_sundays_of_march_and_october() {
        // 2026: 29 March and 25 October.
        assert_eq!(BERLIN.offset_at(utc(2026, 3, 29, 0, 59)), HOUR);
        assert_eq!(BERLIN.offset_at(utc(2026, 3, 29, 1, 0)), 2 * HOUR);
        assert_eq!(BERLIN.offset_at(utc(2026, 10, 25, 0, 59)), 2 * HOUR);
        assert_eq!(BERLIN.offset_at(utc(2026, 10, 25, 1, 0)), HOUR);
        assert_eq!(
            BERLIN.wall_time(utc(2026, 7, 1, 12, 0)),
            local(2026, 7, 1, 14, 0)
        );
    }

    #[test]
    fn gaps_move_on_and_ambiguous_times_are_summer_time() {
        // 02:30 on 29 March 2026 does not exist in Berlin: 03:30 CEST.
        assert_eq!(
            BERLIN.to_utc(local(2026, 3, 29, 2, 30)),
            utc(2026, 3, 29, 1, 30)
        );
        // 02:30 on 25 October 2026 happens twice: the first, CEST.
        assert_eq!(
            BERLIN.to_utc(local(2026, 10, 25, 2, 30)),
            utc(2026, 10, 25, 0, 30)
        );
        assert_eq!(
            BERLIN.to_utc(local(2026, 1, 10, 9, 0)),
            utc(2026, 1, 10, 8, 0)
        );
    }

    #[test]
    fn us_zones_switch_on_their_own_sundays() {
        let new_york = Zone::named("America/New_York").unwrap();
        // 2026: 8 March and 1 November, 02:00 local.
        assert_eq!(
            new_york.to_utc(local(2026, 3, 8, 1, 59)),
            utc(2026, 3, 8, 6, 59)
        );
        assert_eq!(
            new_york.to_utc(local(2026, 3, 8, 3, 0)),
            utc(2026, 3, 8, 7, 0)
        );
        assert_eq!(
            new_york.to_utc(local(2026, 11, 1, 0, 30)),
            utc(2026, 11, 1, 4, 30)
        );
        assert_eq!(
            new_york.to_utc(local(2026, 11, 1, 3, 0)),
            utc(2026, 11, 1, 8, 0)
        );
        // Between the US and the EU switch, New York is 5 hours behind Berlin.
        let at = new_york.to_utc(local(2026, 3, 20, 9, 0));
        assert_eq!(BERLIN.wall_time(at), local(2026, 3, 20, 14, 0));
    }

    #[test]
    fn names_windows_names_and_fixed_offsets() {
        assert_eq!(Zone::named("W. Europe Standard Time"), Some(BERLIN));
        assert_eq!(Zone::named("\"Europe/Vienna\""), Some(BERLIN));
        assert_eq!(Zone::named("SystemV/CET"), Some(BERLIN));
        assert_eq!(Zone::from_cdo_id("4"), Some(BERLIN));
        assert_eq!(Zone::named("Etc/GMT+5"), Some(Zone::fixed(-5 * HOUR)));
        assert_eq!(Zone::named("Etc/GMT-2"), Some(Zone::fixed(2 * HOUR)));
        assert_eq!(Zone::named("Mars/Olympus_Mons"), None);
        assert_eq!(Zone::named("Etc/GMT+99"), None);
    }
}
