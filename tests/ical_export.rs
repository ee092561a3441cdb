//! Writing `.ics`, read back with an independent parser (the `ical` crate)
//! and with our own reader.

use chefsache::domain::{Appointment, Frequency, Recurrence, When};
use chefsache::exchange::ical::{
    event_uid, parse_calendar, write_appointments, write_calendar_at, CalendarEvent, EventCategory,
};
use chrono::{NaiveDate, NaiveDateTime, TimeZone, Utc};
use ical::parser::ical::component::{IcalCalendar, IcalEvent};
use uuid::Uuid;

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

fn at(y: i32, m: u32, d: u32, h: u32, min: u32) -> NaiveDateTime {
    date(y, m, d).and_hms_opt(h, min, 0).unwrap()
}

fn read_independently(text: &str) -> IcalCalendar {
    let mut calendars = ical::IcalParser::new(std::io::BufReader::new(text.as_bytes()));
    let calendar = calendars
        .next()
        .expect("one calendar")
        .expect("independent parser reads our calendar");
    assert!(calendars.next().is_none());
    calendar
}

/// Parameters as the `ical` crate gives them.
type Params = Vec<(String, Vec<String>)>;

/// (params, raw value) of the first property `name`.
fn prop<'a>(event: &'a IcalEvent, name: &str) -> Option<(Params, &'a str)> {
    event
        .properties
        .iter()
        .find(|p| p.name.eq_ignore_ascii_case(name))
        .map(|p| {
            (
                p.params.clone().unwrap_or_default(),
                p.value.as_deref().unwrap_or(""),
            )
        })
}

fn value<'a>(event: &'a IcalEvent, name: &str) -> &'a str {
    prop(event, name)
        .map(|(_, v)| v)
        .unwrap_or_else(|| panic!("no {name}"))
}

fn param(event: &IcalEvent, name: &str, param: &str) -> Option<String> {
    prop(event, name)?
        .0
        .into_iter()
        .find(|(n, _)| n.eq_ignore_ascii_case(param))
        .map(|(_, v)| v.join(","))
}

fn stamp() -> chrono::DateTime<Utc> {
    Utc.with_ymd_and_hms(2024, 3, 1, 12, 0, 0).unwrap()
}

fn events() -> Vec<CalendarEvent> {
    let id = Uuid::parse_str("11111111-2222-4333-8444-555555555555").unwrap();
    vec![
        // Friday before the switch to summer time (31 March 2024).
        CalendarEvent {
            uid: event_uid(id, None),
            title: "Abstimmung: Entwurf, Farben; Logo \\ Varianten".into(),
            description: "Zeile 1\nZeile 2, mit Komma; und Semikolon".into(),
            location: "Büro Köln, Raum 3".into(),
            when: When::Timed {
                start: at(2024, 3, 29, 10, 0),
                end: at(2024, 3, 29, 11, 30),
            },
            recurrence: Some(Recurrence::new(Frequency::Weekly, Some(date(2024, 4, 26)))),
            skipped: Vec::new(),
            replaces: None,
            category: Some(EventCategory::Appointment),
        },
        // Monday after the switch.
        CalendarEvent {
            uid: event_uid(id, Some("start")),
            title: "Arbeitsbeginn Website".into(),
            description: String::new(),
            location: String::new(),
            when: When::Timed {
                start: at(2024, 4, 1, 9, 0),
                end: at(2024, 4, 1, 17, 0),
            },
            recurrence: None,
            skipped: Vec::new(),
            replaces: None,
            category: Some(EventCategory::StepStart),
        },
        CalendarEvent::all_day(
            event_uid(id, Some("deadline")),
            "Abgabe Druckdaten",
            date(2024, 12, 31),
            EventCategory::Deadline,
        ),
        CalendarEvent {
            uid: "messe@chefsache.app".into(),
            title: "Messe".into(),
            description: String::new(),
            location: "Messe München".into(),
            when: When::AllDay {
                first: date(2024, 2, 28),
                last: date(2024, 3, 1),
            },
            recurrence: Some(Recurrence::new(Frequency::Monthly, None)),
            skipped: Vec::new(),
            replaces: None,
            category: Some(EventCategory::Milestone),
        },
    ]
}

#[test]
fn calendar_reads_back_with_independent_parser() {
    let text = write_calendar_at(&events(), "Chefsache, Projekte", stamp());
    let calendar = read_independently(&text);
    let cal_name = calendar
        .properties
        .iter()
        .find(|p| p.name == "X-WR-CALNAME")
        .and_then(|p| p.value.clone());
    assert_eq!(cal_name.as_deref(), Some("Chefsache\\, Projekte"));
    assert_eq!(
        calendar.timezones.len(),
        1,
        "one VTIMEZONE for Europe/Berlin"
    );
    assert_eq!(calendar.events.len(), 4);

    let meeting = &calendar.events[0];
    assert_eq!(
        value(meeting, "UID"),
        "11111111-2222-4333-8444-555555555555@chefsache.app"
    );
    assert_eq!(value(meeting, "DTSTAMP"), "20240301T120000Z");
    assert_eq!(value(meeting, "DTSTART"), "20240329T100000");
    assert_eq!(
        param(meeting, "DTSTART", "TZID").as_deref(),
        Some("Europe/Berlin")
    );
    assert_eq!(value(meeting, "DTEND"), "20240329T113000");
    // UNTIL in UTC: end of 26 April in Berlin (CEST, UTC+2).
    assert_eq!(
        value(meeting, "RRULE"),
        "FREQ=WEEKLY;UNTIL=20240426T215959Z"
    );
    assert_eq!(
        value(meeting, "SUMMARY"),
        "Abstimmung: Entwurf\\, Farben\\; Logo \\\\ Varianten"
    );
    assert_eq!(
        value(meeting, "DESCRIPTION"),
        "Zeile 1\\nZeile 2\\, mit Komma\\; und Semikolon"
    );
    assert_eq!(value(meeting, "LOCATION"), "Büro Köln\\, Raum 3");
    assert_eq!(value(meeting, "CATEGORIES"), "Termin");

    let step = &calendar.events[1];
    assert_eq!(
        value(step, "UID"),
        "11111111-2222-4333-8444-555555555555-start@chefsache.app"
    );
    assert_eq!(value(step, "DTSTART"), "20240401T090000");
    assert_eq!(value(step, "CATEGORIES"), "Arbeitsbeginn");
    assert!(
        prop(step, "DESCRIPTION").is_none(),
        "empty fields are left out"
    );

    let deadline = &calendar.events[2];
    assert_eq!(value(deadline, "DTSTART"), "20241231");
    assert_eq!(param(deadline, "DTSTART", "VALUE").as_deref(), Some("DATE"));
    assert_eq!(
        value(deadline, "DTEND"),
        "20250101",
        "exclusive end, across the year"
    );
    assert_eq!(value(deadline, "CATEGORIES"), "Frist");

    let fair = &calendar.events[3];
    assert_eq!(value(fair, "DTSTART"), "20240228");
    assert_eq!(
        value(fair, "DTEND"),
        "20240302",
        "leap year: 29 Feb counted"
    );
    assert_eq!(value(fair, "RRULE"), "FREQ=MONTHLY");
}

#[test]
fn vtimezone_has_cet_and_cest_rules() {
    let text = write_calendar_at(&events(), "x", stamp());
    let calendar = read_independently(&text);
    let zone = &calendar.timezones[0];
    let tzid = zone
        .properties
        .iter()
        .find(|p| p.name == "TZID")
        .and_then(|p| p.value.clone());
    assert_eq!(tzid.as_deref(), Some("Europe/Berlin"));
    assert!(text.contains(
        "TZNAME:CEST\r\nDTSTART:19700329T020000\r\nRRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU"
    ));
    assert!(text.contains(
        "TZNAME:CET\r\nDTSTART:19701025T030000\r\nRRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU"
    ));
}

#[test]
fn no_vtimezone_without_timed_events() {
    let only_all_day = vec![CalendarEvent::all_day(
        "a@chefsache.app",
        "Lieferung",
        date(2024, 5, 2),
        EventCategory::Delivery,
    )];
    let text = write_calendar_at(&only_all_day, "x", stamp());
    assert!(!text.contains("VTIMEZONE"));
    assert_eq!(read_independently(&text).events.len(), 1);
}

#[test]
fn crlf_and_folding_at_75_octets() {
    let mut long = events();
    long[0].description = "Sehr lange Beschreibung mit Umlauten äöüÄÖÜß und Emoji 🎉 ".repeat(10);
    let text = write_calendar_at(&long, "Kalender", stamp());
    assert!(!text.replace("\r\n", "").contains('\n'));
    assert!(text.ends_with("END:VCALENDAR\r\n"));
    for line in text.split("\r\n") {
        assert!(line.len() <= 75, "{} octets: {line:?}", line.len());
    }
    for line in text.as_bytes().split(|&b| b == b'\n') {
        assert!(
            std::str::from_utf8(line).is_ok(),
            "a character was cut by folding"
        );
    }
    let calendar = read_independently(&text);
    assert_eq!(
        value(&calendar.events[0], "DESCRIPTION"),
        long[0].description.trim_end().replace(',', "\\,")
    );
}

#[test]
fn own_write_then_own_read_round_trip() {
    let original = events();
    let import = parse_calendar(&write_calendar_at(&original, "Kalender", stamp()));
    assert!(import.errors.is_empty(), "{:?}", import.errors);
    assert!(import.warnings.is_empty(), "{:?}", import.warnings);
    let back: Vec<CalendarEvent> = import.events.into_iter().map(|(_, e)| e).collect();
    assert_eq!(back, original);
}

#[test]
fn appointments_keep_their_uid_so_reimport_updates() {
    let now = stamp();
    let mut appointment = Appointment::new(
        "Kundentermin Zoë",
        When::Timed {
            start: at(2024, 10, 27, 2, 30), // the hour that happens twice
            end: at(2024, 10, 27, 4, 0),
        },
        now,
    );
    appointment.place = "Straße 1".into();
    appointment.notes = "Bitte\nklingeln".into();
    appointment.recurrence = Some(Recurrence::new(Frequency::Monthly, Some(date(2025, 3, 27))));
    let text = write_appointments(std::slice::from_ref(&appointment), "Termine");
    let calendar = read_independently(&text);
    assert_eq!(
        value(&calendar.events[0], "UID"),
        format!("{}@chefsache.app", appointment.id)
    );
    // 27 March 2025 ends at 23:59:59 CET = 22:59:59 UTC.
    assert_eq!(
        value(&calendar.events[0], "RRULE"),
        "FREQ=MONTHLY;UNTIL=20250327T225959Z"
    );

    let import = parse_calendar(&text);
    let back = import.events[0].1.to_appointment(now);
    assert_eq!(back.id, appointment.id);
    assert_eq!(back.title, appointment.title);
    assert_eq!(back.when, appointment.when);
    assert_eq!(back.place, appointment.place);
    assert_eq!(back.notes, appointment.notes);
    assert_eq!(back.recurrence, appointment.recurrence);
}
