//! Time tracking as the person meets it: the running timer kept in the
//! device's preferences (across a reload and older saved preferences),
//! booking what it measured as one undoable action, and the hand-made
//! entry's hours field (German and English decimals, 0 h, the 24-hour
//! day).

use chefsache::domain::{Assignee, Contact, Dataset, Project, Role, Step, TimeEntry};
use chefsache::numbers::NumberError;
use chefsache::state::time_entries::{
    check_entry, entries_of_week, hours_text, people, read_hours, shift_month, week_start,
    HoursError,
};
use chefsache::state::timer::{
    booking, elapsed_text, start_timer, stop_timer, RunningTimer, Stopped,
};
use chefsache::state::Session;
use chefsache::store::preferences::Preferences;
use chefsache::text::Lang;
use chrono::{DateTime, Duration, NaiveDate, NaiveDateTime, TimeZone, Utc};

fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 25, 8, 0, 0).unwrap()
}

fn d(m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, m, day).unwrap()
}

fn berlin_winter(t: DateTime<Utc>) -> NaiveDateTime {
    t.naive_utc() + Duration::hours(1)
}

/// One project with two steps, me and a collaborator.
fn data() -> (Dataset, Step, Step, Contact) {
    let project = Project::new("Messestand", now());
    let konzept = Step::new(project.id, "Konzept", now());
    let grafik = Step::new(project.id, "Grafik", now());
    let mut jonas = Contact::new("Jonas Weber", now());
    jonas.roles = vec![Role::Collaborator];
    let mut data = Dataset::default();
    data.projects.push(project);
    data.steps.push(konzept.clone());
    data.steps.push(grafik.clone());
    data.contacts.push(jonas.clone());
    (data, konzept, grafik, jonas)
}

#[test]
fn a_running_timer_survives_saving_and_loading_the_preferences() {
    let (_, konzept, _, _) = data();
    let mut prefs = Preferences::default();
    assert_eq!(prefs.timer, None, "no timer runs at first");
    prefs.timer = Some(RunningTimer {
        step: konzept.id,
        person: Assignee::Me,
        started: now(),
    });
    let saved = serde_json::to_string(&prefs).unwrap();
    let loaded: Preferences = serde_json::from_str(&saved).unwrap();
    assert_eq!(loaded, prefs, "the reloaded tab sees the same timer");

    // Preferences saved before the timer existed still load, without one.
    let older = r#"{"language":"de","federal_state":"BY","pinned":[]}"#;
    let loaded: Preferences = serde_json::from_str(older).unwrap();
    assert_eq!(loaded.timer, None);
    assert_eq!(loaded.federal_state, "BY");
    assert_eq!(loaded.hourly_rate, None);
}

#[test]
fn starting_a_second_timer_stops_and_books_the_first() {
    let (_, konzept, grafik, _) = data();
    let (first, stopped) = start_timer(None, konzept.id, Assignee::Me, now(), berlin_winter);
    assert_eq!(stopped, None);
    let later = now() + Duration::minutes(90);
    let (second, stopped) = start_timer(Some(first), grafik.id, Assignee::Me, later, berlin_winter);
    assert_eq!(second.step, grafik.id);
    assert_eq!(second.started, later);
    let Some(Stopped::Booked(entries)) = stopped else {
        panic!("the first timer is booked");
    };
    assert_eq!(entries.len(), 1);
    assert_eq!((entries[0].step, entries[0].hours), (konzept.id, 1.5));
}

#[test]
fn booking_a_stopped_timer_is_one_undoable_action() {
    let (data, konzept, _, _) = data();
    let timer = RunningTimer {
        step: konzept.id,
        person: Assignee::Me,
        // 22:30 local on 24 November, stopped at 01:00 the next night.
        started: Utc.with_ymd_and_hms(2026, 11, 24, 21, 30, 0).unwrap(),
    };
    let Stopped::Booked(entries) =
        stop_timer(timer, timer.started + Duration::minutes(150), berlin_winter)
    else {
        panic!("booked");
    };
    let mut session = Session::new(data);
    session
        .execute("Zeit gebucht", booking(&entries))
        .expect("the booking is valid");
    let booked: Vec<(NaiveDate, f64)> = session
        .data()
        .time_entries
        .iter()
        .map(|e| (e.date, e.hours))
        .collect();
    assert_eq!(booked, vec![(d(11, 24), 1.5), (d(11, 25), 1.0)]);
    session.undo().unwrap();
    assert!(
        session.data().time_entries.is_empty(),
        "one undo takes both days back"
    );
}

#[test]
fn a_timer_on_a_deleted_step_books_nothing() {
    let (data, _, _, _) = data();
    let gone = Step::new(data.projects.iter().next().unwrap().id, "Weg", now());
    let entry = TimeEntry::new(gone.id, d(11, 25), 1.0, now());
    let mut session = Session::new(data);
    assert!(session.execute("Zeit gebucht", booking(&[entry])).is_err());
    assert!(session.data().time_entries.is_empty());
}

#[test]
fn the_stopwatch_shows_hours_minutes_and_seconds() {
    let (_, konzept, _, _) = data();
    let timer = RunningTimer {
        step: konzept.id,
        person: Assignee::Me,
        started: now(),
    };
    assert_eq!(elapsed_text(&timer, now()), "0:00:00");
    assert_eq!(
        elapsed_text(&timer, now() + Duration::seconds(309)),
        "0:05:09"
    );
    assert_eq!(
        elapsed_text(&timer, now() + Duration::hours(26)),
        "26:00:00"
    );
    // A clock put back shows no negative time.
    assert_eq!(
        elapsed_text(&timer, now() - Duration::minutes(5)),
        "0:00:00"
    );
}

#[test]
fn hours_are_read_in_the_persons_language() {
    assert_eq!(read_hours("1,5", Lang::De), Ok(1.5));
    assert_eq!(read_hours("1.5", Lang::En), Ok(1.5));
    assert_eq!(read_hours(" 8 ", Lang::De), Ok(8.0));
    assert_eq!(read_hours("0,25", Lang::De), Ok(0.25));
    // "1.5" is no German number (a dot groups thousands there).
    assert_eq!(
        read_hours("1.5", Lang::De),
        Err(HoursError::Number(NumberError::Malformed))
    );
    assert_eq!(
        read_hours("1,5", Lang::En),
        Err(HoursError::Number(NumberError::Malformed))
    );
    assert_eq!(
        read_hours("abc", Lang::De),
        Err(HoursError::Number(NumberError::Malformed))
    );
    assert_eq!(
        read_hours("", Lang::De),
        Err(HoursError::Number(NumberError::Empty))
    );
    assert_eq!(
        read_hours("1,555", Lang::De),
        Err(HoursError::Number(NumberError::TooManyDecimals { max: 2 }))
    );
    assert_eq!(read_hours("0", Lang::De), Err(HoursError::NotPositive));
    assert_eq!(read_hours("0,00", Lang::De), Err(HoursError::NotPositive));
    assert_eq!(read_hours("-2", Lang::De), Err(HoursError::NotPositive));
}

#[test]
fn one_person_books_at_most_24_hours_a_day() {
    let (mut data, konzept, grafik, jonas) = data();
    let mut morning = TimeEntry::new(konzept.id, d(11, 25), 20.0, now());
    data.time_entries.push(morning.clone());

    // 25 hours on their own are too many.
    let alone = TimeEntry::new(grafik.id, d(11, 26), 25.0, now());
    assert_eq!(
        check_entry(&data, &alone),
        Err(HoursError::DayLimit { booked: 0.0 })
    );
    // 4 more on the same day fit, 4.5 do not.
    let fits = TimeEntry::new(grafik.id, d(11, 25), 4.0, now());
    assert_eq!(check_entry(&data, &fits), Ok(()));
    let too_many = TimeEntry::new(grafik.id, d(11, 25), 4.5, now());
    assert_eq!(
        check_entry(&data, &too_many),
        Err(HoursError::DayLimit { booked: 20.0 })
    );
    // Another person's day is their own.
    let mut his = too_many.clone();
    his.person = Assignee::Contact(jonas.id);
    assert_eq!(check_entry(&data, &his), Ok(()));
    // Editing an entry does not count its old hours twice.
    morning.hours = 24.0;
    assert_eq!(check_entry(&data, &morning), Ok(()));
    morning.hours = 0.0;
    assert_eq!(check_entry(&data, &morning), Err(HoursError::NotPositive));
}

#[test]
fn me_and_the_collaborators_can_book_time() {
    let (mut data, konzept, _, jonas) = data();
    let mut anna = Contact::new("anna Ammann", now());
    anna.roles = vec![Role::Collaborator];
    let client = Contact::new("Kundin", now());
    let mut former = Contact::new("Zoe Alt", now());
    former.roles = vec![Role::Other];
    let mut old = TimeEntry::new(konzept.id, d(11, 2), 2.0, now());
    old.person = Assignee::Contact(former.id);
    data.contacts.push(anna.clone());
    data.contacts.push(client);
    data.contacts.push(former.clone());
    data.time_entries.push(old);
    assert_eq!(
        people(&data),
        vec![
            Assignee::Me,
            Assignee::Contact(anna.id),
            Assignee::Contact(jonas.id),
            Assignee::Contact(former.id),
        ],
        "me first, then by name; a client is not offered, a former helper with hours is"
    );
}

#[test]
fn a_week_lists_one_persons_entries_from_monday_to_sunday() {
    let (mut data, konzept, grafik, jonas) = data();
    assert_eq!(week_start(d(11, 25)), d(11, 23));
    assert_eq!(week_start(d(11, 23)), d(11, 23));
    assert_eq!(week_start(d(11, 29)), d(11, 23));
    let sunday = TimeEntry::new(grafik.id, d(11, 29), 1.0, now());
    let monday = TimeEntry::new(konzept.id, d(11, 23), 2.0, now());
    let next_monday = TimeEntry::new(konzept.id, d(11, 30), 3.0, now());
    let mut his = TimeEntry::new(konzept.id, d(11, 24), 4.0, now());
    his.person = Assignee::Contact(jonas.id);
    for e in [&sunday, &monday, &next_monday, &his] {
        data.time_entries.push(e.clone());
    }
    let mine: Vec<f64> = entries_of_week(&data, Assignee::Me, d(11, 26))
        .iter()
        .map(|e| e.hours)
        .collect();
    assert_eq!(
        mine,
        vec![2.0, 1.0],
        "by date, without his and the next week's"
    );
}

#[test]
fn months_move_across_the_year_and_hours_read_like_the_language() {
    assert_eq!(shift_month((2026, 12), 1), (2027, 1));
    assert_eq!(shift_month((2027, 1), -1), (2026, 12));
    assert_eq!(shift_month((2026, 11), 0), (2026, 11));
    assert_eq!(shift_month((2026, 3), -15), (2024, 12));
    assert_eq!(hours_text(1.5, Lang::De), "1,5");
    assert_eq!(hours_text(1.5, Lang::En), "1.5");
    assert_eq!(hours_text(8.0, Lang::De), "8");
    assert_eq!(hours_text(0.333333, Lang::De), "0,33");
}

#[test]
fn the_export_is_named_after_project_and_month() {
    use chefsache::state::time_entries::export_file_name;
    assert_eq!(
        export_file_name("zeiten", "Messestand Köln 2027!", (2026, 11)),
        "zeiten-messestand-köln-2027-2026-11.csv"
    );
    assert_eq!(
        export_file_name("time", "  ", (2027, 1)),
        "time-2027-01.csv"
    );
    assert_eq!(
        export_file_name("time", "../etc/passwd", (2027, 1)),
        "time-etc-passwd-2027-01.csv"
    );
}

#[test]
fn the_export_carries_each_entrys_note_with_formulas_neutralised() {
    use chefsache::exchange::csv::{read_csv, CsvOptions};
    use chefsache::state::time_export::{
        time_export_csv, time_export_rows, TimeExportFilter, TimeExportHeaders,
    };
    let (mut data, konzept, _, _) = data();
    let mut entry = TimeEntry::new(konzept.id, d(11, 25), 1.5, now());
    entry.note = "=SUMME(A1:A9)".into();
    data.time_entries.push(entry);
    let headers = TimeExportHeaders {
        date: "Datum".into(),
        project: "Projekt".into(),
        step: "Schritt".into(),
        work_area: "Arbeitsbereich".into(),
        person: "Person".into(),
        hours: "Stunden".into(),
        rate: "Stundensatz".into(),
        amount: "Betrag".into(),
        note: "Notiz".into(),
        total: "Summe".into(),
    };
    let rows = time_export_rows(&data, TimeExportFilter::default(), "Ich", None);
    let csv = time_export_csv(&rows, &headers, Lang::De);
    let table = read_csv(&csv, &CsvOptions::excel_german()).unwrap();
    assert_eq!(table.headers.last().map(String::as_str), Some("Notiz"));
    let first = &table.rows[0].fields;
    assert_eq!(first[5], "1,5");
    assert_eq!(first[8], "'=SUMME(A1:A9)", "a spreadsheet shows it as text");
    assert_eq!(table.rows[1].fields[8], "", "the totals line has no note");
}
