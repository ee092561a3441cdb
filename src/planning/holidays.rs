//! German public holidays per federal state.
//!
//! Why this exists: a plan that schedules work on Karfreitag or on
//! Allerheiligen is wrong for half the country, and which days are free
//! differs by Land. The rules below follow the holiday laws of the 16 Länder
//! as of 2026, including the dates on which newer holidays were introduced
//! (Frauentag, Weltkindertag, Reformationstag in the north). Earlier years are
//! computed with the same rules; the app plans forward, not into the 1980s.
//!
//! Deliberate choices:
//! * **Mariä Himmelfahrt (15 August)** is listed for Saarland only. In Bayern
//!   it is a holiday only in communities with a Catholic majority (about
//!   1,700 of 2,056), not statewide, so a statewide calendar cannot know it.
//!   Users in such a community add it to their own days off.
//! * **Fronleichnam** is listed for BW, BY, HE, NW, RP, SL. In Sachsen and
//!   Thüringen it is a holiday only in a few Catholic communities; same
//!   remedy as above.
//! * **Augsburger Friedensfest** (8 August, city of Augsburg only) is not
//!   listed.
//! * Sunday holidays (Ostersonntag, Pfingstsonntag in Brandenburg) are listed
//!   because the law names them, although they never change a working day.
//! * One-off holidays are included: Reformationstag 2017 in every Land (500
//!   years of the Reformation) and Tag der Befreiung in Berlin 2020 and 2025.

use chrono::{Datelike, Duration, NaiveDate, Weekday};
use serde::{Deserialize, Serialize};

/// The 16 German Länder. The calendar of a user depends on where they work.
#[derive(
    Debug, Clone, Copy, Default, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize,
)]
pub enum FederalState {
    /// Baden-Württemberg
    BW,
    /// Bayern
    BY,
    /// Berlin
    BE,
    /// Brandenburg
    BB,
    /// Bremen
    HB,
    /// Hamburg
    HH,
    /// Hessen
    HE,
    /// Mecklenburg-Vorpommern
    MV,
    /// Niedersachsen
    NI,
    /// Nordrhein-Westfalen, the default: it is the most populous Land.
    #[default]
    NW,
    /// Rheinland-Pfalz
    RP,
    /// Saarland
    SL,
    /// Sachsen
    SN,
    /// Sachsen-Anhalt
    ST,
    /// Schleswig-Holstein
    SH,
    /// Thüringen
    TH,
}

impl FederalState {
    /// All Länder, in the order of their German names (for a select box).
    pub const ALL: [FederalState; 16] = [
        FederalState::BW,
        FederalState::BY,
        FederalState::BE,
        FederalState::BB,
        FederalState::HB,
        FederalState::HH,
        FederalState::HE,
        FederalState::MV,
        FederalState::NI,
        FederalState::NW,
        FederalState::RP,
        FederalState::SL,
        FederalState::SN,
        FederalState::ST,
        FederalState::SH,
        FederalState::TH,
    ];

    /// The official two-letter code ("NW", "BY", ...), as stored in settings.
    pub fn code(self) -> &'static str {
        use FederalState::*;
        match self {
            BW => "BW",
            BY => "BY",
            BE => "BE",
            BB => "BB",
            HB => "HB",
            HH => "HH",
            HE => "HE",
            MV => "MV",
            NI => "NI",
            NW => "NW",
            RP => "RP",
            SL => "SL",
            SN => "SN",
            ST => "ST",
            SH => "SH",
            TH => "TH",
        }
    }

    /// The German name, for display. Land names are proper nouns and are
    /// not translated.
    pub fn german_name(self) -> &'static str {
        use FederalState::*;
        match self {
            BW => "Baden-Württemberg",
            BY => "Bayern",
            BE => "Berlin",
            BB => "Brandenburg",
            HB => "Bremen",
            HH => "Hamburg",
            HE => "Hessen",
            MV => "Mecklenburg-Vorpommern",
            NI => "Niedersachsen",
            NW => "Nordrhein-Westfalen",
            RP => "Rheinland-Pfalz",
            SL => "Saarland",
            SN => "Sachsen",
            ST => "Sachsen-Anhalt",
            SH => "Schleswig-Holstein",
            TH => "Thüringen",
        }
    }

    /// Parses a code, case-insensitively ("nw", "NRW" is also accepted
    /// because people write it that way).
    pub fn from_code(code: &str) -> Option<FederalState> {
        let code = code.trim().to_ascii_uppercase();
        if code == "NRW" {
            return Some(FederalState::NW);
        }
        FederalState::ALL.into_iter().find(|s| s.code() == code)
    }
}

impl std::fmt::Display for FederalState {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.german_name())
    }
}

/// Which holiday a date is. A kind rather than a string so the UI can
/// translate it; [`HolidayKind::german_name`] gives the official name.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum HolidayKind {
    Neujahr,
    HeiligeDreiKoenige,
    Frauentag,
    Karfreitag,
    Ostersonntag,
    Ostermontag,
    TagDerArbeit,
    TagDerBefreiung,
    ChristiHimmelfahrt,
    Pfingstsonntag,
    Pfingstmontag,
    Fronleichnam,
    MariaeHimmelfahrt,
    Weltkindertag,
    TagDerDeutschenEinheit,
    Reformationstag,
    Allerheiligen,
    BussUndBettag,
    ErsterWeihnachtstag,
    ZweiterWeihnachtstag,
}

impl HolidayKind {
    /// The official German name.
    pub fn german_name(self) -> &'static str {
        use HolidayKind::*;
        match self {
            Neujahr => "Neujahr",
            HeiligeDreiKoenige => "Heilige Drei Könige",
            Frauentag => "Internationaler Frauentag",
            Karfreitag => "Karfreitag",
            Ostersonntag => "Ostersonntag",
            Ostermontag => "Ostermontag",
            TagDerArbeit => "Tag der Arbeit",
            TagDerBefreiung => "Tag der Befreiung",
            ChristiHimmelfahrt => "Christi Himmelfahrt",
            Pfingstsonntag => "Pfingstsonntag",
            Pfingstmontag => "Pfingstmontag",
            Fronleichnam => "Fronleichnam",
            MariaeHimmelfahrt => "Mariä Himmelfahrt",
            Weltkindertag => "Weltkindertag",
            TagDerDeutschenEinheit => "Tag der Deutschen Einheit",
            Reformationstag => "Reformationstag",
            Allerheiligen => "Allerheiligen",
            BussUndBettag => "Buß- und Bettag",
            ErsterWeihnachtstag => "1. Weihnachtstag",
            ZweiterWeihnachtstag => "2. Weihnachtstag",
        }
    }
}

/// A public holiday on a date.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Holiday {
    pub date: NaiveDate,
    pub kind: HolidayKind,
}

impl Holiday {
    /// The official German name of the holiday.
    pub fn name(&self) -> &'static str {
        self.kind.german_name()
    }
}

/// Easter Sunday of a Gregorian year (anonymous Gregorian algorithm, also
/// known as Meeus/Jones/Butcher). `None` only at the edges of chrono's range.
pub fn easter_sunday(year: i32) -> Option<NaiveDate> {
    let y = year;
    let a = y.rem_euclid(19);
    let b = y.div_euclid(100);
    let c = y.rem_euclid(100);
    let d = b.div_euclid(4);
    let e = b.rem_euclid(4);
    let f = (b + 8).div_euclid(25);
    let g = (b - f + 1).div_euclid(3);
    let h = (19 * a + b - d - g + 15).rem_euclid(30);
    let i = c.div_euclid(4);
    let k = c.rem_euclid(4);
    let l = (32 + 2 * e + 2 * i - h - k).rem_euclid(7);
    let m = (a + 11 * h + 22 * l).div_euclid(451);
    let month = (h + l - 7 * m + 114).div_euclid(31);
    let day = (h + l - 7 * m + 114).rem_euclid(31) + 1;
    NaiveDate::from_ymd_opt(year, month as u32, day as u32)
}

/// Buß- und Bettag: the Wednesday before 23 November, i.e. the Wednesday in
/// 16–22 November.
fn buss_und_bettag(year: i32) -> Option<NaiveDate> {
    let nov_22 = NaiveDate::from_ymd_opt(year, 11, 22)?;
    let back =
        (nov_22.weekday().num_days_from_monday() + 7 - Weekday::Wed.num_days_from_monday()) % 7;
    nov_22.checked_sub_signed(Duration::days(i64::from(back)))
}

/// All public holidays of `state` in `year`, sorted by date.
pub fn holidays_in(state: FederalState, year: i32) -> Vec<Holiday> {
    use FederalState::*;
    use HolidayKind::*;

    let mut out = Vec::with_capacity(16);
    let mut fixed = |month: u32, day: u32, kind: HolidayKind| {
        if let Some(date) = NaiveDate::from_ymd_opt(year, month, day) {
            out.push(Holiday { date, kind });
        }
    };
    let in_states = |states: &[FederalState]| states.contains(&state);

    fixed(1, 1, Neujahr);
    if in_states(&[BW, BY, ST]) {
        fixed(1, 6, HeiligeDreiKoenige);
    }
    if (state == BE && year >= 2019) || (state == MV && year >= 2023) {
        fixed(3, 8, Frauentag);
    }
    fixed(5, 1, TagDerArbeit);
    if state == BE && (year == 2020 || year == 2025) {
        fixed(5, 8, TagDerBefreiung);
    }
    if state == SL {
        fixed(8, 15, MariaeHimmelfahrt);
    }
    if state == TH && year >= 2019 {
        fixed(9, 20, Weltkindertag);
    }
    fixed(10, 3, TagDerDeutschenEinheit);
    let reformation_always = in_states(&[BB, MV, SN, ST, TH]);
    let reformation_since_2018 = in_states(&[HB, HH, NI, SH]) && year >= 2018;
    if reformation_always || reformation_since_2018 || year == 2017 {
        fixed(10, 31, Reformationstag);
    }
    if in_states(&[BW, BY, NW, RP, SL]) {
        fixed(11, 1, Allerheiligen);
    }
    fixed(12, 25, ErsterWeihnachtstag);
    fixed(12, 26, ZweiterWeihnachtstag);

    if let Some(easter) = easter_sunday(year) {
        let mut relative = |days: i64, kind: HolidayKind| {
            if let Some(date) = easter.checked_add_signed(Duration::days(days)) {
                out.push(Holiday { date, kind });
            }
        };
        relative(-2, Karfreitag);
        if state == BB {
            relative(0, Ostersonntag);
        }
        relative(1, Ostermontag);
        relative(39, ChristiHimmelfahrt);
        if state == BB {
            relative(49, Pfingstsonntag);
        }
        relative(50, Pfingstmontag);
        if in_states(&[BW, BY, HE, NW, RP, SL]) {
            relative(60, Fronleichnam);
        }
    }
    if state == SN {
        if let Some(date) = buss_und_bettag(year) {
            out.push(Holiday {
                date,
                kind: BussUndBettag,
            });
        }
    }

    crate::sorting::sort_by_key(&mut out, |h| h.date);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn easter_dates_match_published_tables() {
        assert_eq!(easter_sunday(2024), Some(d(2024, 3, 31)));
        assert_eq!(easter_sunday(2025), Some(d(2025, 4, 20)));
        assert_eq!(easter_sunday(2026), Some(d(2026, 4, 5)));
        assert_eq!(easter_sunday(2027), Some(d(2027, 3, 28)));
        assert_eq!(easter_sunday(2038), Some(d(2038, 4, 25)));
        assert_eq!(easter_sunday(2285), Some(d(2285, 3, 22)));
    }

    #[test]
    fn buss_und_bettag_is_wednesday_before_23_november() {
        assert_eq!(buss_und_bettag(2025), Some(d(2025, 11, 19)));
        assert_eq!(buss_und_bettag(2026), Some(d(2026, 11, 18)));
        // 22 Nov 2028 is itself a Wednesday.
        assert_eq!(buss_und_bettag(2028), Some(d(2028, 11, 22)));
    }

    #[test]
    fn codes_round_trip() {
        for s in FederalState::ALL {
            assert_eq!(FederalState::from_code(s.code()), Some(s));
        }
        assert_eq!(FederalState::from_code("nrw"), Some(FederalState::NW));
        assert_eq!(FederalState::from_code("XX"), None);
        assert_eq!(FederalState::default(), FederalState::NW);
    }

    #[test]
    fn nationwide_holidays_count() {
        // 9 nationwide holidays; Hessen adds only Fronleichnam.
        assert_eq!(holidays_in(FederalState::HE, 2026).len(), 10);
        // Bayern: 9 + Heilige Drei Könige + Fronleichnam + Allerheiligen.
        assert_eq!(holidays_in(FederalState::BY, 2026).len(), 12);
    }
}
