//! Working-day calendar and German holidays, checked against dates computed
//! by hand (weekday names in the comments).

mod common;
use common::step_day_by_day;

use chefsache::planning::{easter_sunday, FederalState, HolidayKind, WorkCalendar};
use chrono::{Datelike, NaiveDate};
use proptest::prelude::*;

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

fn cal(state: FederalState) -> WorkCalendar {
    WorkCalendar::new(state, [])
}

fn has(cal: &WorkCalendar, date: NaiveDate, kind: HolidayKind) -> bool {
    cal.holidays_in(date.year())
        .iter()
        .any(|h| h.date == date && h.kind == kind)
}

#[test]
fn easter_2027_holidays_in_nrw() {
    // Easter Sunday 2027 is 28 March.
    assert_eq!(easter_sunday(2027), Some(d(2027, 3, 28)));
    let nw = cal(FederalState::NW);
    // Karfreitag Fri 26.3., Ostermontag Mon 29.3.
    assert!(has(&nw, d(2027, 3, 26), HolidayKind::Karfreitag));
    assert!(has(&nw, d(2027, 3, 29), HolidayKind::Ostermontag));
    // Christi Himmelfahrt = Easter + 39 = Thu 6.5.; Pfingstmontag = +50 = Mon 17.5.
    assert!(has(&nw, d(2027, 5, 6), HolidayKind::ChristiHimmelfahrt));
    assert!(has(&nw, d(2027, 5, 17), HolidayKind::Pfingstmontag));
    // Fronleichnam = Easter + 60 = Thu 27.5., a holiday in NW.
    assert!(has(&nw, d(2027, 5, 27), HolidayKind::Fronleichnam));
    assert!(!nw.is_working_day(d(2027, 5, 27)));
    // Allerheiligen Mon 1.11.2027 in NW.
    assert!(has(&nw, d(2027, 11, 1), HolidayKind::Allerheiligen));
    assert!(!nw.is_working_day(d(2027, 11, 1)));
    // No Reformationstag in NW.
    assert!(!nw
        .holidays_in(2027)
        .iter()
        .any(|h| h.kind == HolidayKind::Reformationstag));
    // Names are the official German ones.
    assert_eq!(nw.holiday_on(d(2027, 3, 26)).unwrap().name(), "Karfreitag");
    assert_eq!(nw.holiday_on(d(2027, 3, 25)), None);
}

#[test]
fn reformationstag_in_ni_not_in_nw() {
    let ni = cal(FederalState::NI);
    let nw = cal(FederalState::NW);
    // 31.10.2027 is a Sunday: listed in NI, not in NW.
    assert!(has(&ni, d(2027, 10, 31), HolidayKind::Reformationstag));
    assert!(nw.holiday_on(d(2027, 10, 31)).is_none());
    // 31.10.2025 is a Friday: a working day in NW only.
    assert!(!ni.is_working_day(d(2025, 10, 31)));
    assert!(nw.is_working_day(d(2025, 10, 31)));
    // NI has neither Fronleichnam nor Allerheiligen.
    assert!(ni.is_working_day(d(2027, 5, 27)));
    assert!(ni.is_working_day(d(2027, 11, 1)));
    // NI only since 2018, but everywhere in 2017 (500 years of Reformation).
    assert!(ni.holiday_on(d(2016, 10, 31)).is_none());
    assert!(ni.holiday_on(d(2017, 10, 31)).is_some());
    assert!(nw.holiday_on(d(2017, 10, 31)).is_some());
    assert!(nw.holiday_on(d(2018, 10, 31)).is_none());
}

#[test]
fn reformationstag_states() {
    use FederalState::*;
    for state in FederalState::ALL {
        let expected = [BB, HB, HH, MV, NI, SN, ST, SH, TH].contains(&state);
        assert_eq!(
            cal(state).holiday_on(d(2025, 10, 31)).is_some(),
            expected,
            "{state:?}"
        );
    }
}

#[test]
fn allerheiligen_and_three_kings_states() {
    use FederalState::*;
    for state in FederalState::ALL {
        let c = cal(state);
        assert_eq!(
            c.holiday_on(d(2027, 11, 1)).is_some(),
            [BW, BY, NW, RP, SL].contains(&state),
            "Allerheiligen {state:?}"
        );
        assert_eq!(
            c.holiday_on(d(2027, 1, 6)).is_some(),
            [BW, BY, ST].contains(&state),
            "Heilige Drei Könige {state:?}"
        );
        assert_eq!(
            c.holiday_on(d(2027, 5, 27)).is_some(),
            [BW, BY, HE, NW, RP, SL].contains(&state),
            "Fronleichnam {state:?}"
        );
    }
}

#[test]
fn dated_introductions() {
    // Frauentag 8.3.: Berlin since 2019, Mecklenburg-Vorpommern since 2023.
    assert!(cal(FederalState::BE).holiday_on(d(2018, 3, 8)).is_none());
    assert!(cal(FederalState::BE).holiday_on(d(2019, 3, 8)).is_some());
    assert!(cal(FederalState::MV).holiday_on(d(2022, 3, 8)).is_none());
    assert!(cal(FederalState::MV).holiday_on(d(2023, 3, 8)).is_some());
    assert!(cal(FederalState::NW).holiday_on(d(2023, 3, 8)).is_none());
    // Weltkindertag 20.9. in Thüringen since 2019.
    assert!(cal(FederalState::TH).holiday_on(d(2018, 9, 20)).is_none());
    assert!(cal(FederalState::TH).holiday_on(d(2019, 9, 20)).is_some());
    // Tag der Befreiung in Berlin 2025 only (and 2020).
    assert!(cal(FederalState::BE).holiday_on(d(2025, 5, 8)).is_some());
    assert!(cal(FederalState::BE).holiday_on(d(2026, 5, 8)).is_none());
}

#[test]
fn buss_und_bettag_saxony_only() {
    // 2027: Wednesday before 23 November is 17.11.
    let sn = cal(FederalState::SN);
    assert_eq!(
        sn.holiday_on(d(2027, 11, 17)).map(|h| h.kind),
        Some(HolidayKind::BussUndBettag)
    );
    assert!(cal(FederalState::BY).holiday_on(d(2027, 11, 17)).is_none());
}

#[test]
fn mariae_himmelfahrt_saarland_not_bavaria() {
    // 15.8.2025 is a Friday. Bavaria only partly: left to the user's days off.
    assert!(!cal(FederalState::SL).is_working_day(d(2025, 8, 15)));
    assert!(cal(FederalState::BY).is_working_day(d(2025, 8, 15)));
}

#[test]
fn add_working_days_over_easter_2027() {
    let nw = cal(FederalState::NW);
    // Thu 25.3. + 1 skips Karfreitag, the weekend and Ostermontag: Tue 30.3.
    assert_eq!(nw.add_working_days(d(2027, 3, 25), 1), Some(d(2027, 3, 30)));
    assert_eq!(
        nw.add_working_days(d(2027, 3, 30), -1),
        Some(d(2027, 3, 25))
    );
    // [25.3., 30.3.) holds one working day: the 25th.
    assert_eq!(nw.working_days_between(d(2027, 3, 25), d(2027, 3, 30)), 1);
    assert_eq!(nw.working_days_between(d(2027, 3, 30), d(2027, 3, 25)), -1);
    assert_eq!(nw.next_working_day(d(2027, 3, 25)), Some(d(2027, 3, 30)));
    assert_eq!(
        nw.working_day_on_or_after(d(2027, 3, 26)),
        Some(d(2027, 3, 30))
    );
    assert_eq!(
        nw.working_day_on_or_before(d(2027, 3, 29)),
        Some(d(2027, 3, 25))
    );
    // 0 leaves even a holiday alone.
    assert_eq!(nw.add_working_days(d(2027, 3, 26), 0), Some(d(2027, 3, 26)));
    // From a non-working day: Sat 27.3. + 1 = Tue 30.3., − 1 = Thu 25.3.
    assert_eq!(nw.add_working_days(d(2027, 3, 27), 1), Some(d(2027, 3, 30)));
    assert_eq!(
        nw.add_working_days(d(2027, 3, 27), -1),
        Some(d(2027, 3, 25))
    );
}

#[test]
fn working_days_in_2026_nrw() {
    // 261 weekdays; weekday holidays in NW 2026: Neujahr (Thu), Karfreitag,
    // Ostermontag, 1. Mai (Fri), Himmelfahrt 14.5., Pfingstmontag 25.5.,
    // Fronleichnam 4.6., 1. Weihnachtstag (Fri) = 8. 3.10., 1.11. and 26.12.
    // fall on weekends. 261 − 8 = 253.
    let nw = cal(FederalState::NW);
    assert_eq!(nw.working_days_between(d(2026, 1, 1), d(2027, 1, 1)), 253);
}

#[test]
fn personal_days_off() {
    // Tue 24.11.2026 off: Mon 23.11. + 1 = Wed 25.11.
    let c = WorkCalendar::new(FederalState::NW, [d(2026, 11, 24)]);
    assert!(!c.is_working_day(d(2026, 11, 24)));
    assert_eq!(
        c.add_working_days(d(2026, 11, 23), 1),
        Some(d(2026, 11, 25))
    );
    // Days off are not public holidays.
    assert!(c.holiday_on(d(2026, 11, 24)).is_none());
    assert!(c.is_weekday_without_holiday(d(2026, 11, 24)));
}

#[test]
fn state_codes_and_names() {
    assert_eq!(FederalState::ALL.len(), 16);
    assert_eq!(FederalState::NW.code(), "NW");
    assert_eq!(FederalState::BY.german_name(), "Bayern");
    assert_eq!(FederalState::TH.to_string(), "Thüringen");
    assert_eq!(FederalState::from_code(" by "), Some(FederalState::BY));
}

fn any_state() -> impl Strategy<Value = FederalState> {
    (0..16usize).prop_map(|i| FederalState::ALL[i])
}

proptest! {
    #[test]
    fn add_then_count_is_identity(
        state in any_state(),
        days in 0i64..20_000,
        n in -3_000i64..3_000,
    ) {
        let c = cal(state);
        let start = c.working_day_on_or_after(d(2000, 1, 1) + chrono::Duration::days(days)).unwrap();
        let end = c.add_working_days(start, n).unwrap();
        prop_assert!(c.is_working_day(end));
        prop_assert_eq!(c.working_days_between(start, end), n);
        prop_assert_eq!(c.add_working_days(end, -n), Some(start));
    }

    #[test]
    fn every_state_has_at_least_nine_sorted_holidays(state in any_state(), year in 1995i32..2200) {
        let hs = cal(state).holidays_in(year);
        prop_assert!(hs.len() >= 9);
        // Sorted; two may share a date (Himmelfahrt on 1 May 2008).
        prop_assert!(hs.windows(2).all(|w| w[0].date <= w[1].date));
    }
}

/// ±50,000 working days is about 190 years: the moves cross many year
/// boundaries, a year without any working day (a sabbatical entered as days
/// off) and the end of the calendar's cache, and still land where stepping
/// day by day lands; counting back gives the offset again.
#[test]
fn far_moves_agree_with_stepping_day_by_day() {
    let sabbatical = d(2040, 1, 1).iter_days().take_while(|x| x.year() == 2040);
    let calendars = [
        cal(FederalState::NW),
        WorkCalendar::new(FederalState::BY, [d(2026, 12, 28), d(2100, 8, 16)]),
        WorkCalendar::new(FederalState::BB, sabbatical),
        WorkCalendar::new(FederalState::SN, [d(1950, 11, 22)]),
    ];
    let start = d(2026, 3, 2);
    for cal in &calendars {
        for n in [50_000, -50_000, 12_345, -12_345] {
            let expected = step_day_by_day(cal, start, n);
            assert_eq!(
                cal.add_working_days(start, n),
                Some(expected),
                "{:?} {n}",
                cal.state()
            );
            assert_eq!(cal.working_days_between(start, expected), n);
        }
    }
}
