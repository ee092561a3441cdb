//! Repeating events as Nextcloud, Outlook and Google write them: excluded
//! occurrences (`EXDATE`), a moved occurrence (`RECURRENCE-ID`), Windows
//! time-zone names across the daylight-saving change, a yearly birthday,
//! and foreign `UID`s kept so that importing again updates instead of
//! doubling and the export gives the other program its own events back.

use chefsache::domain::{Appointment, Dataset, Frequency, When};
use chefsache::exchange::ical::write_appointments;
use chefsache::planning::WorkCalendar;
use chefsache::state::agenda::{entries_between, EntryKind};
use chefsache::state::calendar_import::plan_import;
use chrono::{NaiveDate, NaiveDateTime, TimeZone, Utc};

fn fixture(name: &str) -> Vec<u8> {
    let path = format!("{}/tests/fixtures/ical/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

fn at(y: i32, m: u32, d: u32, h: u32, min: u32) -> NaiveDateTime {
    date(y, m, d).and_hms_opt(h, min, 0).unwrap()
}

fn now() -> chrono::DateTime<Utc> {
    Utc.with_ymd_and_hms(2024, 3, 1, 8, 0, 0).unwrap()
}

/// `data` after importing `bytes`, and the plan's warnings as text.
fn import(data: &Dataset, bytes: &[u8]) -> (Dataset, Vec<String>) {
    let plan = plan_import(data, bytes, now());
    assert!(plan.rejected.is_empty(), "{:?}", plan.rejected);
    let mut next = data.clone();
    plan.changes.apply_to(&mut next);
    let warnings = plan.warnings.iter().map(ToString::to_string).collect();
    (next, warnings)
}

/// The starts of the appointments the calendar shows from `from` to `to`.
fn shown(data: &Dataset, from: NaiveDate, to: NaiveDate) -> Vec<(String, NaiveDateTime)> {
    entries_between(data, &WorkCalendar::default(), from, from, to)
        .into_iter()
        .filter(|e| e.kind == EntryKind::Appointment)
        .map(|e| match e.when {
            When::Timed { start, .. } => (e.title, start),
            When::AllDay { first, .. } => (e.title, first.and_hms_opt(0, 0, 0).unwrap()),
        })
        .collect()
}

#[test]
fn nextcloud_excluded_and_moved_occurrences_land_where_the_person_put_them() {
    let (data, warnings) = import(&Dataset::default(), &fixture("nextcloud_moved.ics"));
    assert!(warnings.is_empty(), "{warnings:?}");
    assert_eq!(
        data.appointments.len(),
        2,
        "the series and its moved occurrence"
    );
    // Mondays at 14:00 before and after the change to summer time (31 March),
    // 1 April excluded, 25 March moved to Wednesday 27 March 16:00.
    assert_eq!(
        shown(&data, date(2024, 3, 11), date(2024, 4, 30)),
        [
            ("Jour fixe Druckerei".to_string(), at(2024, 3, 18, 14, 0)),
            (
                "Jour fixe Druckerei (verschoben)".to_string(),
                at(2024, 3, 27, 16, 0)
            ),
            ("Jour fixe Druckerei".to_string(), at(2024, 4, 8, 14, 0)),
        ]
    );
}

#[test]
fn importing_the_same_file_twice_updates_instead_of_doubling() {
    for name in [
        "nextcloud_moved.ics",
        "google_calendar.ics",
        "outlook_windows_series.ics",
        "yearly_birthday.ics",
    ] {
        let (once, _) = import(&Dataset::default(), &fixture(name));
        let (twice, _) = import(&once, &fixture(name));
        assert_eq!(twice.appointments.len(), once.appointments.len(), "{name}");
        let ids = |d: &Dataset| {
            let mut ids: Vec<_> = d.appointments.iter().map(|a| a.id).collect();
            ids.sort();
            ids
        };
        assert_eq!(ids(&twice), ids(&once), "{name}");
    }
}

#[test]
fn the_export_keeps_foreign_uids_exdates_and_the_moved_occurrence() {
    let (data, _) = import(&Dataset::default(), &fixture("nextcloud_moved.ics"));
    let appointments: Vec<Appointment> = data.appointments.iter().cloned().collect();
    let text = write_appointments(&appointments, "Test");
    let mut calendars = ical::IcalParser::new(std::io::BufReader::new(text.as_bytes()));
    let calendar = calendars
        .next()
        .expect("a calendar")
        .expect("ical reads our export");
    let value = |event: &ical::parser::ical::component::IcalEvent, name: &str| {
        event
            .properties
            .iter()
            .find(|p| p.name == name)
            .and_then(|p| p.value.clone())
    };
    assert_eq!(calendar.events.len(), 2);
    for event in &calendar.events {
        assert_eq!(
            value(event, "UID").as_deref(),
            Some("3f2a8c1e-0d4b-4c5e-9a7f-1b2c3d4e5f60")
        );
    }
    let series = calendar
        .events
        .iter()
        .find(|e| value(e, "RRULE").is_some())
        .expect("series");
    assert_eq!(value(series, "EXDATE").as_deref(), Some("20240401T140000"));
    let moved = calendar
        .events
        .iter()
        .find(|e| value(e, "RECURRENCE-ID").is_some())
        .expect("moved");
    assert_eq!(
        value(moved, "RECURRENCE-ID").as_deref(),
        Some("20240325T140000")
    );
    assert_eq!(value(moved, "DTSTART").as_deref(), Some("20240327T160000"));

    // And the export, imported again, is the same calendar.
    let (back, _) = import(&Dataset::default(), text.as_bytes());
    assert_eq!(
        shown(&back, date(2024, 3, 11), date(2024, 4, 30)),
        shown(&data, date(2024, 3, 11), date(2024, 4, 30))
    );
}

#[test]
fn outlook_windows_zone_series_keeps_its_hour_across_the_change_to_summer_time() {
    let (data, warnings) = import(&Dataset::default(), &fixture("outlook_windows_series.ics"));
    assert!(warnings.is_empty(), "{warnings:?}");
    // 09:00 London is 10:00 in Berlin in winter and in summer; 4 April is
    // excluded; the series ends on 11 April.
    let starts: Vec<NaiveDateTime> = shown(&data, date(2024, 3, 1), date(2024, 5, 31))
        .into_iter()
        .map(|(_, start)| start)
        .collect();
    assert_eq!(
        starts,
        [
            at(2024, 3, 21, 10, 0),
            at(2024, 3, 28, 10, 0),
            at(2024, 4, 11, 10, 0)
        ]
    );
}

#[test]
fn a_yearly_birthday_stays_yearly() {
    let (data, warnings) = import(&Dataset::default(), &fixture("yearly_birthday.ics"));
    assert!(warnings.is_empty(), "{warnings:?}");
    let birthday = &data.appointments[0];
    assert_eq!(
        birthday.recurrence.map(|r| r.frequency),
        Some(Frequency::Yearly)
    );
    assert_eq!(
        shown(&data, date(2027, 1, 1), date(2027, 12, 31)),
        [("Geburtstag Anna Schmidt".to_string(), at(2027, 3, 15, 0, 0))]
    );
    let text = write_appointments(std::slice::from_ref(birthday), "Test");
    assert!(text.contains("RRULE:FREQ=YEARLY"), "{text}");
    assert!(text.contains("UID:2b0c1f7e9a8d4c3b@google.com"), "{text}");
}
