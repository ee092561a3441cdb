//! The calendar's days: holidays and days off per day, days off entered as
//! a range, multi-day items spanning their days in the month grid, timed
//! appointments as tall as they last in the week, and repeating
//! appointments on every one of their days.

use chefsache::domain::{Appointment, Frequency, Recurrence, When};
use chefsache::planning::{FederalState, WorkCalendar};
use chefsache::state::agenda::occurrences;
use chefsache::state::calendar_grid::{
    day_note, day_range, day_runs, hour_block, month_weeks, week_spans, DayNote, DayRangeError,
    WeekSpan,
};
use chrono::{NaiveDate, NaiveDateTime, TimeZone, Utc};

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

fn at(y: i32, m: u32, d: u32, h: u32, min: u32) -> NaiveDateTime {
    date(y, m, d).and_hms_opt(h, min, 0).unwrap()
}

#[test]
fn holidays_of_the_chosen_state_and_days_off_are_noted_on_their_day() {
    let calendar = WorkCalendar::new(FederalState::BY, [date(2026, 12, 28)]);
    assert_eq!(
        day_note(&calendar, date(2026, 12, 25)),
        Some(DayNote::Holiday("1. Weihnachtstag"))
    );
    assert_eq!(
        day_note(&calendar, date(2026, 1, 6)),
        Some(DayNote::Holiday("Heilige Drei Könige"))
    );
    assert_eq!(
        day_note(&calendar, date(2026, 12, 28)),
        Some(DayNote::DayOff)
    );
    assert_eq!(day_note(&calendar, date(2026, 12, 29)), None);
    // Epiphany is no holiday in Berlin.
    let berlin = WorkCalendar::new(FederalState::BE, []);
    assert_eq!(day_note(&berlin, date(2026, 1, 6)), None);
}

#[test]
fn days_off_are_entered_as_a_range_and_listed_as_runs() {
    let days = day_range(date(2026, 12, 28), Some(date(2027, 1, 3))).unwrap();
    assert_eq!(days.len(), 7);
    assert_eq!(days.first(), Some(&date(2026, 12, 28)));
    assert_eq!(days.last(), Some(&date(2027, 1, 3)));
    assert_eq!(
        day_range(date(2026, 12, 28), None).unwrap(),
        vec![date(2026, 12, 28)]
    );
    assert_eq!(
        day_range(date(2026, 12, 28), Some(date(2026, 12, 27))),
        Err(DayRangeError::EndBeforeStart)
    );
    assert_eq!(
        day_range(date(2026, 1, 1), Some(date(2027, 6, 1))),
        Err(DayRangeError::TooLong)
    );

    let mut stored = days.clone();
    stored.push(date(2026, 11, 2));
    assert_eq!(
        day_runs(&stored),
        vec![
            (date(2026, 11, 2), date(2026, 11, 2)),
            (date(2026, 12, 28), date(2027, 1, 3))
        ]
    );
}

#[test]
fn multi_day_items_span_their_days_once_per_week_in_lanes() {
    // November 2026: the week of Monday the 23rd.
    let week = month_weeks(date(2026, 11, 1))[4];
    assert_eq!(week[0], date(2026, 11, 23));
    let items = [
        // From the week before to Wednesday: from the Monday, three days.
        (date(2026, 11, 20), date(2026, 11, 25)),
        // Wednesday to the next week: overlaps the first on Wednesday.
        (date(2026, 11, 25), date(2026, 12, 2)),
        // Friday and Saturday: the first lane is free again.
        (date(2026, 11, 27), date(2026, 11, 28)),
        // Another week.
        (date(2026, 12, 7), date(2026, 12, 8)),
    ];
    assert_eq!(
        week_spans(&week, &items),
        vec![
            WeekSpan {
                item: 0,
                lane: 0,
                col: 0,
                len: 3
            },
            WeekSpan {
                item: 1,
                lane: 1,
                col: 2,
                len: 5
            },
            WeekSpan {
                item: 2,
                lane: 0,
                col: 4,
                len: 2
            },
        ]
    );
}

#[test]
fn a_timed_appointment_is_as_tall_as_it_lasts_in_the_week() {
    let block = hour_block(at(2026, 11, 23, 9, 30), at(2026, 11, 23, 11, 0), 7, 20);
    assert_eq!((block.row, block.offset, block.hours), (9, 0.5, 1.5));
    // Early ones start in the first row, late ones are cut at the last.
    let early = hour_block(at(2026, 11, 23, 6, 0), at(2026, 11, 23, 8, 0), 7, 20);
    assert_eq!((early.row, early.offset, early.hours), (7, 0.0, 1.0));
    let late = hour_block(at(2026, 11, 23, 20, 0), at(2026, 11, 23, 23, 0), 7, 20);
    assert_eq!((late.row, late.hours), (20, 1.0));
    // A short one still shows; one into the next day ends with the day.
    let short = hour_block(at(2026, 11, 23, 10, 0), at(2026, 11, 23, 10, 5), 7, 20);
    assert_eq!(short.hours, 0.25);
    let overnight = hour_block(at(2026, 11, 23, 19, 0), at(2026, 11, 24, 2, 0), 7, 20);
    assert_eq!(overnight.hours, 2.0);
}

#[test]
fn the_third_occurrence_of_a_weekly_series_lands_on_its_day_across_a_dst_change() {
    // Mondays 10:00 from 12 October 2026; summer time ends on 25 October.
    let start = at(2026, 10, 12, 10, 0);
    let mut meeting = Appointment::new(
        "Jour fixe",
        When::Timed {
            start,
            end: start + chrono::Duration::hours(1),
        },
        Utc.with_ymd_and_hms(2026, 10, 1, 8, 0, 0).unwrap(),
    );
    meeting.recurrence = Some(Recurrence::new(Frequency::Weekly, None));
    let all = occurrences(&meeting, date(2026, 10, 1), date(2026, 11, 30));
    assert_eq!(all.len(), 8);
    assert_eq!(
        all[2],
        When::Timed {
            start: at(2026, 10, 26, 10, 0),
            end: at(2026, 10, 26, 11, 0)
        }
    );
    // Asked for a later window only, the series is still there.
    let november = occurrences(&meeting, date(2026, 11, 16), date(2026, 11, 22));
    assert_eq!(
        november,
        vec![When::Timed {
            start: at(2026, 11, 16, 10, 0),
            end: at(2026, 11, 16, 11, 0)
        }]
    );
}

#[test]
fn a_contact_page_lists_every_coming_occurrence_of_a_repeating_appointment() {
    use chefsache::domain::{Contact, Dataset};
    use chefsache::state::address_book::appointment_dates_with;
    let now = Utc.with_ymd_and_hms(2026, 11, 1, 8, 0, 0).unwrap();
    let anna = Contact::new("Anna Schmidt", now);
    let start = at(2026, 11, 16, 10, 0);
    let mut weekly = Appointment::new(
        "Jour fixe",
        When::Timed {
            start,
            end: start + chrono::Duration::hours(1),
        },
        now,
    );
    weekly.recurrence = Some(Recurrence::new(Frequency::Weekly, None));
    weekly.contacts = vec![anna.id];
    let mut once = Appointment::new(
        "Abnahme",
        When::AllDay {
            first: date(2026, 12, 1),
            last: date(2026, 12, 1),
        },
        now,
    );
    once.contacts = vec![anna.id];
    let data = Dataset {
        contacts: vec![anna.clone()].into(),
        appointments: vec![weekly, once].into(),
        ..Dataset::default()
    };
    let list = appointment_dates_with(&data, anna.id, date(2026, 11, 23), date(2026, 12, 20));
    let days: Vec<_> = list
        .iter()
        .map(|(a, dates)| {
            (
                a.title.as_str(),
                dates.iter().map(|w| w.first_day()).collect::<Vec<_>>(),
            )
        })
        .collect();
    assert_eq!(
        days,
        vec![
            (
                "Jour fixe",
                vec![
                    date(2026, 11, 23),
                    date(2026, 11, 30),
                    date(2026, 12, 7),
                    date(2026, 12, 14)
                ]
            ),
            ("Abnahme", vec![date(2026, 12, 1)]),
        ]
    );
}
