//! Repetition rules beyond "every week on the start's weekday", as
//! calendar programs write them: every n-th day or week, several weekdays,
//! the n-th weekday of a month, `COUNT` across skipped months, and a series
//! in a zone whose clocks change on other days than Berlin's (named in a
//! warning). Each lands on the right days, survives the app's export (read
//! by the independent `ical` crate) and a re-import unchanged.

use chefsache::domain::{Dataset, Frequency, Recurrence, Weekdays, When};
use chefsache::exchange::ical::{parse_calendar, write_appointments, IcsWarning, Unsupported};
use chefsache::planning::WorkCalendar;
use chefsache::state::agenda::{entries_between, EntryKind};
use chefsache::state::calendar_import::plan_import;
use chrono::{NaiveDate, TimeZone, Utc, Weekday};

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

fn calendar(events: &str) -> String {
    format!("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Test//EN\r\n{events}END:VCALENDAR\r\n")
}

fn event(uid: &str, start: &str, rule: &str) -> String {
    format!(
        "BEGIN:VEVENT\r\nUID:{uid}\r\nDTSTART;TZID=Europe/Berlin:{start}\r\n\
         DURATION:PT1H\r\nSUMMARY:{uid}\r\nRRULE:{rule}\r\nEND:VEVENT\r\n"
    )
}

fn imported(text: &str) -> Dataset {
    let plan = plan_import(
        &Dataset::default(),
        text.as_bytes(),
        Utc.with_ymd_and_hms(2026, 1, 1, 8, 0, 0).unwrap(),
    );
    assert!(plan.rejected.is_empty());
    let mut data = Dataset::default();
    plan.changes.apply_to(&mut data);
    data
}

/// The days the calendar shows `title` on between `from` and `to`.
fn days_of(data: &Dataset, title: &str, from: NaiveDate, to: NaiveDate) -> Vec<NaiveDate> {
    entries_between(data, &WorkCalendar::default(), from, from, to)
        .into_iter()
        .filter(|e| e.kind == EntryKind::Appointment && e.title == title)
        .map(|e| e.when.first_day())
        .collect()
}

fn rule_of(data: &Dataset, title: &str) -> Recurrence {
    data.appointments
        .iter()
        .find(|a| a.title == title)
        .and_then(|a| a.recurrence)
        .unwrap_or_else(|| panic!("{title} does not repeat"))
}

#[test]
fn every_other_week_on_monday_and_thursday() {
    let data = imported(&calendar(&event(
        "jour-fixe",
        "20260105T090000",
        "FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,TH;COUNT=5",
    )));
    let rule = rule_of(&data, "jour-fixe");
    assert_eq!(rule.interval, 2);
    assert_eq!(rule.weekdays, Weekdays::of([Weekday::Mon, Weekday::Thu]));
    assert_eq!(
        days_of(&data, "jour-fixe", date(2026, 1, 1), date(2026, 3, 31)),
        vec![
            date(2026, 1, 5),
            date(2026, 1, 8),
            date(2026, 1, 19),
            date(2026, 1, 22),
            date(2026, 2, 2),
        ],
        "COUNT=5 ends on the fifth occurrence"
    );
}

#[test]
fn every_third_day_with_an_excluded_one() {
    let text = calendar(
        "BEGIN:VEVENT\r\nUID:giessen\r\nDTSTART;VALUE=DATE:20260301\r\nSUMMARY:giessen\r\n\
         RRULE:FREQ=DAILY;INTERVAL=3;UNTIL=20260315\r\nEXDATE;VALUE=DATE:20260307\r\nEND:VEVENT\r\n",
    );
    let data = imported(&text);
    assert_eq!(
        days_of(&data, "giessen", date(2026, 2, 1), date(2026, 4, 30)),
        vec![
            date(2026, 3, 1),
            date(2026, 3, 4),
            date(2026, 3, 10),
            date(2026, 3, 13)
        ]
    );
}

#[test]
fn second_tuesday_and_last_friday_of_the_month() {
    let text = calendar(&format!(
        "{}{}",
        event("stammtisch", "20260113T190000", "FREQ=MONTHLY;BYDAY=2TU"),
        event(
            "abrechnung",
            "20260130T160000",
            "FREQ=MONTHLY;BYDAY=-1FR;COUNT=3"
        ),
    ));
    let data = imported(&text);
    assert_eq!(rule_of(&data, "stammtisch").nth_weekday, Some(2));
    assert_eq!(
        days_of(&data, "stammtisch", date(2026, 1, 1), date(2026, 4, 30)),
        vec![
            date(2026, 1, 13),
            date(2026, 2, 10),
            date(2026, 3, 10),
            date(2026, 4, 14)
        ]
    );
    assert_eq!(
        days_of(&data, "abrechnung", date(2026, 1, 1), date(2026, 12, 31)),
        vec![date(2026, 1, 30), date(2026, 2, 27), date(2026, 3, 27)]
    );
}

#[test]
fn the_hour_stays_across_the_change_to_summer_time() {
    let data = imported(&calendar(&event(
        "daily",
        "20260326T083000",
        "FREQ=DAILY;COUNT=4",
    )));
    let shown: Vec<_> = entries_between(
        &data,
        &WorkCalendar::default(),
        date(2026, 3, 26),
        date(2026, 3, 26),
        date(2026, 3, 31),
    )
    .into_iter()
    .filter(|e| e.kind == EntryKind::Appointment)
    .map(|e| match e.when {
        When::Timed { start, .. } => start.format("%d. %H:%M").to_string(),
        When::AllDay { .. } => panic!("timed"),
    })
    .collect();
    assert_eq!(shown, ["26. 08:30", "27. 08:30", "28. 08:30", "29. 08:30"]);
}

#[test]
fn rules_survive_export_and_reimport() {
    let text = calendar(&format!(
        "{}{}{}",
        event("a", "20260105T090000", "FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,TH"),
        event(
            "b",
            "20260113T190000",
            "FREQ=MONTHLY;BYDAY=2TU;UNTIL=20261231T225959Z"
        ),
        event("c", "20260101T070000", "FREQ=DAILY;INTERVAL=4"),
    ));
    let data = imported(&text);
    let appointments: Vec<_> = data.appointments.iter().cloned().collect();
    let exported = write_appointments(&appointments, "Test");

    // The independent parser reads every rule as written.
    let parsed = ical::IcalParser::new(std::io::BufReader::new(exported.as_bytes()))
        .next()
        .expect("a calendar")
        .expect("readable");
    let rules: Vec<String> = parsed
        .events
        .iter()
        .filter_map(|e| {
            e.properties
                .iter()
                .find(|p| p.name == "RRULE")
                .and_then(|p| p.value.clone())
        })
        .collect();
    assert!(
        rules
            .iter()
            .any(|r| r == "FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,TH"),
        "{rules:?}"
    );
    assert!(
        rules
            .iter()
            .any(|r| r.starts_with("FREQ=MONTHLY;BYDAY=2TU;UNTIL=")),
        "{rules:?}"
    );
    assert!(
        rules.iter().any(|r| r == "FREQ=DAILY;INTERVAL=4"),
        "{rules:?}"
    );

    let again = imported(&exported);
    for title in ["a", "b", "c"] {
        assert_eq!(rule_of(&again, title), rule_of(&data, title), "{title}");
    }
}

#[test]
fn a_series_in_new_york_time_is_named_in_a_warning() {
    let text = calendar(
        "BEGIN:VEVENT\r\nUID:ny\r\nDTSTART;TZID=America/New_York:20260302T090000\r\n\
         DURATION:PT1H\r\nSUMMARY:Call\r\nRRULE:FREQ=WEEKLY\r\nEND:VEVENT\r\n\
         BEGIN:VEVENT\r\nUID:berlin\r\nDTSTART;TZID=W. Europe Standard Time:20260302T090000\r\n\
         DURATION:PT1H\r\nSUMMARY:Jour fixe\r\nRRULE:FREQ=WEEKLY\r\nEND:VEVENT\r\n",
    );
    let read = parse_calendar(&text);
    let warnings: Vec<_> = read
        .warnings
        .iter()
        .map(|w| (w.position.event, &w.warning))
        .collect();
    assert_eq!(
        warnings,
        vec![(
            1,
            &IcsWarning::SeriesInOtherClock {
                zone: "America/New_York".into()
            }
        )],
        "only the New York series; Berlin's own clock needs no warning"
    );
}

#[test]
fn what_the_app_cannot_repeat_is_imported_once_with_a_warning() {
    // Every Tuesday of the month: not expressible.
    let read = parse_calendar(&calendar(&event(
        "x",
        "20260106T090000",
        "FREQ=MONTHLY;BYDAY=TU",
    )));
    assert_eq!(read.events.len(), 1);
    assert_eq!(read.events[0].1.recurrence, None);
    assert!(read
        .warnings
        .iter()
        .any(|w| w.warning == IcsWarning::UnsupportedRule(Unsupported::OtherDays)));
}

#[test]
fn weekdays_and_interval_are_kept_readably_in_a_backup() {
    let mut rule = Recurrence::new(Frequency::Weekly, None);
    rule.interval = 2;
    rule.weekdays = Weekdays::of([Weekday::Thu, Weekday::Mon]);
    let json = serde_json::to_value(rule).unwrap();
    assert_eq!(json["weekdays"], serde_json::json!(["mon", "thu"]));
    assert_eq!(json["interval"], 2);
    let back: Recurrence = serde_json::from_value(json).unwrap();
    assert_eq!(back, rule);
    // A plain rule writes neither, so older backups and new ones look alike.
    let plain = serde_json::to_value(Recurrence::new(Frequency::Monthly, None)).unwrap();
    assert!(plain.get("weekdays").is_none() && plain.get("interval").is_none());
    assert!(serde_json::from_value::<Recurrence>(
        serde_json::json!({"frequency": "weekly", "weekdays": ["montag"]})
    )
    .is_err());
}
