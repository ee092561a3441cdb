//! Reading `.ics` files as Google Calendar and Outlook export them.

use chefsache::domain::{Frequency, Recurrence, When};
use chefsache::exchange::ical::{
    parse_calendar, parse_calendar_bytes, BlockProblem, CalendarEvent, EventCategory, IcsProblem,
    IcsWarning,
};
use chrono::{NaiveDate, NaiveDateTime};

fn fixture(name: &str) -> String {
    let path = format!("{}/tests/fixtures/ical/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

fn at(y: i32, m: u32, d: u32, h: u32, min: u32) -> NaiveDateTime {
    date(y, m, d).and_hms_opt(h, min, 0).unwrap()
}

fn find<'a>(
    events: &'a [(chefsache::exchange::ical::EventPosition, CalendarEvent)],
    uid: &str,
) -> &'a CalendarEvent {
    &events
        .iter()
        .find(|(_, e)| e.uid == uid)
        .unwrap_or_else(|| panic!("no event {uid}"))
        .1
}

#[test]
fn google_calendar_export() {
    let import = parse_calendar(&fixture("google_calendar.ics"));
    assert!(import.errors.is_empty(), "{:?}", import.errors);
    assert_eq!(
        import.events.len(),
        5,
        "the series and its moved occurrence"
    );

    let jour_fixe = find(&import.events, "4k2j3h4g5f6d7s8a9@google.com");
    assert_eq!(jour_fixe.title, "Jour fixe");
    assert_eq!(jour_fixe.location, "Büro, Raum 2.01");
    assert_eq!(
        jour_fixe.description,
        "Agenda:\n1. Stand der Projekte\n2. Urlaubsplanung, Q2"
    );
    assert_eq!(
        jour_fixe.when,
        When::Timed {
            start: at(2024, 3, 4, 9, 30),
            end: at(2024, 3, 4, 10, 0),
        }
    );
    // UNTIL=20240429T072959Z is 09:29:59 CEST on 29 April.
    assert_eq!(
        jour_fixe.recurrence,
        Some(Recurrence::new(Frequency::Weekly, Some(date(2024, 4, 29))))
    );
    assert_eq!(jour_fixe.category, None);

    // 14:00Z in June is 16:00 in Berlin (CEST).
    let utc = find(&import.events, "abc123utc@google.com");
    assert_eq!(
        utc.when,
        When::Timed {
            start: at(2024, 6, 12, 16, 0),
            end: at(2024, 6, 12, 17, 30),
        }
    );
    assert_eq!(utc.title, "Kundentermin Müller");

    let fair = find(&import.events, "messe2024@google.com");
    assert_eq!(
        fair.when,
        When::AllDay {
            first: date(2024, 9, 18),
            last: date(2024, 9, 19),
        },
        "DTEND is exclusive"
    );

    let tax = find(&import.events, "ust-voranmeldung@google.com");
    assert_eq!(
        tax.title,
        "Umsatzsteuer-Voranmeldung abgeben – Belege prüfen, Größen abgleichen und Übersicht schicken"
    );
    assert_eq!(
        tax.recurrence,
        Some(Recurrence::new(Frequency::Monthly, Some(date(2024, 5, 31)))),
        "COUNT=3 from 31 January: February and April have no 31st and do not count (RFC 5545)"
    );

    // The occurrence of 11 March, moved from 09:30 to 11:00.
    let moved = &import.events[3].1;
    assert_eq!(moved.uid, "4k2j3h4g5f6d7s8a9@google.com");
    assert_eq!(moved.replaces, Some(at(2024, 3, 11, 9, 30)));
    assert_eq!(
        moved.when,
        When::Timed {
            start: at(2024, 3, 11, 11, 0),
            end: at(2024, 3, 11, 11, 30),
        }
    );
    assert!(import.warnings.is_empty(), "{:?}", import.warnings);
}

#[test]
fn outlook_export_with_windows_time_zone_names() {
    let import = parse_calendar(&fixture("outlook.ics"));

    // Across the DST change: 10:00 Berlin summer time stays 10:00.
    let meeting = &import.events[0].1;
    assert_eq!(meeting.title, "Angebotsbesprechung Schmidt");
    assert_eq!(
        meeting.when,
        When::Timed {
            start: at(2024, 4, 1, 10, 0),
            end: at(2024, 4, 1, 11, 0),
        }
    );
    assert_eq!(
        meeting.description,
        "Abstimmung Angebot\nBitte Unterlagen mitbringen."
    );

    let holiday = &import.events[1].1;
    assert_eq!(
        holiday.when,
        When::AllDay {
            first: date(2024, 5, 1),
            last: date(2024, 5, 1),
        }
    );

    // Event 3 has no DTSTART.
    assert_eq!(import.errors.len(), 1);
    assert_eq!(import.errors[0].position.event, 3);
    assert_eq!(import.errors[0].problem, IcsProblem::NoStart);
    assert!(import.errors[0].to_string().starts_with("event 3 (line"));

    let unknown = find(&import.events, "unknown-tz-1");
    assert_eq!(
        unknown.when,
        When::Timed {
            start: at(2024, 6, 10, 9, 0),
            end: at(2024, 6, 10, 10, 0),
        },
        "unknown zone: wall time kept"
    );
    assert!(import
        .warnings
        .iter()
        .any(|w| w.position.event == 4
            && matches!(&w.warning, IcsWarning::UnknownTimeZone { zone, .. } if zone.contains("Mars/Olympus_Mons"))));

    // 09:00 in New York (EDT, UTC-4) is 15:00 in Berlin (CEST).
    let new_york = find(&import.events, "ny-1");
    assert_eq!(
        new_york.when,
        When::Timed {
            start: at(2024, 6, 10, 15, 0),
            end: at(2024, 6, 10, 15, 30),
        }
    );

    let daily = find(&import.events, "daily-1");
    assert_eq!(
        daily.recurrence,
        Some(Recurrence::new(Frequency::Daily, Some(date(2024, 6, 7)))),
        "a daily rule repeats daily"
    );
    assert!(!import.warnings.iter().any(|w| w.position.event == 6));
    assert_eq!(import.events.len(), 5);
}

#[test]
fn utc_times_across_the_dst_change() {
    let text = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\n\
BEGIN:VEVENT\r\nUID:a\r\nDTSTART:20240330T090000Z\r\nDTEND:20240330T100000Z\r\nSUMMARY:Samstag\r\nEND:VEVENT\r\n\
BEGIN:VEVENT\r\nUID:b\r\nDTSTART:20240331T090000Z\r\nDTEND:20240331T100000Z\r\nSUMMARY:Sonntag\r\nEND:VEVENT\r\n\
BEGIN:VEVENT\r\nUID:c\r\nDTSTART:20241027T000030Z\r\nDURATION:PT2H\r\nSUMMARY:Zurück\r\nEND:VEVENT\r\n\
END:VCALENDAR\r\n";
    let import = parse_calendar(text);
    assert!(import.errors.is_empty(), "{:?}", import.errors);
    assert_eq!(import.events[0].1.when.first_day(), date(2024, 3, 30));
    assert_eq!(
        import.events[0].1.when,
        When::Timed {
            start: at(2024, 3, 30, 10, 0),
            end: at(2024, 3, 30, 11, 0)
        },
        "CET: UTC+1"
    );
    assert_eq!(
        import.events[1].1.when,
        When::Timed {
            start: at(2024, 3, 31, 11, 0),
            end: at(2024, 3, 31, 12, 0)
        },
        "CEST: UTC+2"
    );
    // 00:00:30Z is 02:00:30 CEST; two hours later is 03:00:30 CET.
    assert_eq!(
        import.events[2].1.when,
        When::Timed {
            start: date(2024, 10, 27).and_hms_opt(2, 0, 30).unwrap(),
            end: date(2024, 10, 27).and_hms_opt(2, 0, 30).unwrap() + chrono::Duration::hours(2),
        }
    );
}

#[test]
fn floating_times_lf_line_ends_and_categories() {
    let text = "BEGIN:VCALENDAR\nVERSION:2.0\nBEGIN:VEVENT\nUID:x@chefsache.app\nDTSTART:20240510T083000\nDTEND:20240510T090000\nSUMMARY:Lieferung Papier\nCATEGORIES:Lieferung\nEND:VEVENT\nBEGIN:VEVENT\nUID:y\nDTSTART;VALUE=DATE:20240515\nSUMMARY:Frist ohne Ende\nCATEGORIES:Privat,Deadline\nEND:VEVENT\nEND:VCALENDAR\n";
    let import = parse_calendar(text);
    assert!(import.errors.is_empty() && import.warnings.is_empty());
    let delivery = &import.events[0].1;
    assert_eq!(delivery.category, Some(EventCategory::Delivery));
    assert_eq!(
        delivery.when,
        When::Timed {
            start: at(2024, 5, 10, 8, 30),
            end: at(2024, 5, 10, 9, 0)
        }
    );
    let deadline = &import.events[1].1;
    assert_eq!(
        deadline.category,
        Some(EventCategory::Deadline),
        "English label too"
    );
    assert_eq!(
        deadline.when,
        When::AllDay {
            first: date(2024, 5, 15),
            last: date(2024, 5, 15)
        }
    );
}

#[test]
fn broken_events_are_reported_with_position() {
    let text = "BEGIN:VCALENDAR\r\n\
BEGIN:VEVENT\r\nUID:1\r\nDTSTART:20240101T100000\r\nSUMMARY:Gut\r\nEND:VEVENT\r\n\
BEGIN:VEVENT\r\nUID:2\r\nDTSTART:kein-datum\r\nSUMMARY:Schlechtes Datum\r\nEND:VEVENT\r\n\
BEGIN:VEVENT\r\nUID:3\r\nDTSTART;VALUE=DATE:20240105\r\nDTEND;VALUE=DATE:20240101\r\nSUMMARY:Ende vor Beginn\r\nEND:VEVENT\r\n\
BEGIN:VEVENT\r\nUID:4\r\nDTSTART:20240101T100000\r\nSUMMARY:Nie beendet\r\n\
END:VCALENDAR\r\n";
    let import = parse_calendar(text);
    assert_eq!(import.events.len(), 1);
    assert_eq!(import.events[0].1.title, "Gut");
    let failed: Vec<usize> = import.errors.iter().map(|e| e.position.event).collect();
    assert_eq!(failed, vec![2, 3, 4]);
    assert_eq!(import.errors[1].problem, IcsProblem::EndBeforeStart);
    assert_eq!(
        import.errors[2].problem,
        IcsProblem::Broken(BlockProblem::ContainerEnded {
            container: "VCALENDAR".into()
        })
    );
    assert!(import.errors[2].to_string().contains("END:VEVENT"));
    assert_eq!(import.errors[2].position.line, 22, "at END:VCALENDAR");
}

#[test]
fn empty_calendar_and_garbage() {
    assert!(
        parse_calendar("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nEND:VCALENDAR\r\n")
            .errors
            .is_empty()
    );
    assert_eq!(parse_calendar("hello").errors.len(), 1);
    for input in [
        "",
        "BEGIN:VEVENT",
        "BEGIN:VEVENT\nDTSTART:99999999T999999\nEND:VEVENT",
        "BEGIN:VEVENT\nDTSTART;TZID=:20240101T100000\nRRULE:FREQ=WEEKLY;COUNT=4294967295\nEND:VEVENT",
        "BEGIN:VEVENT\nDTSTART;VALUE=DATE:20240101\nDURATION:P99999999D\nRRULE:FREQ=MONTHLY;COUNT=4294967295\nEND:VEVENT",
        "BEGIN:VEVENT\nDTSTART:20240101T100000Z\nRRULE:garbage\nEND:VEVENT",
        "BEGIN:VEVENT\nDTSTART;VALUE=DATE:99991231\nEND:VEVENT",
    ] {
        let _ = parse_calendar(input);
        let _ = parse_calendar_bytes(input.as_bytes());
    }
}
