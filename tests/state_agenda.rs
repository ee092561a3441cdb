//! The calendar's pure logic: recurrences, planning dates, grid arithmetic,
//! the `.ics` export of the whole calendar and the import plan.

use chefsache::domain::{
    Appointment, Communication, Dataset, Frequency, Material, Project, Recurrence, Step, When,
};
use chefsache::exchange::ical::{parse_calendar, write_calendar_at, EventCategory};
use chefsache::exchange::ical::{DateProperty, IcsProblem};
use chefsache::planning::WorkCalendar;
use chefsache::state::agenda::{entries_between, occurrences, planning_entries, EntryKind, Source};
use chefsache::state::calendar_export::calendar_events;
use chefsache::state::calendar_grid::{month_weeks, step, visible_range, week_start, CalendarView};
use chefsache::state::calendar_import::{plan_import, RejectReason};
use chrono::{NaiveDate, NaiveDateTime, TimeZone, Utc};

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

fn at(y: i32, m: u32, d: u32, h: u32) -> NaiveDateTime {
    date(y, m, d).and_hms_opt(h, 0, 0).unwrap()
}

fn now() -> chrono::DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 1, 8, 0, 0).unwrap()
}

fn meeting(start: NaiveDateTime, recurrence: Option<Recurrence>) -> Appointment {
    let mut a = Appointment::new(
        "Jour fixe",
        When::Timed {
            start,
            end: start + chrono::Duration::minutes(30),
        },
        now(),
    );
    a.recurrence = recurrence;
    a
}

#[test]
fn a_single_appointment_occurs_once_inside_the_range() {
    let a = meeting(at(2026, 11, 16, 10), None);
    assert_eq!(
        occurrences(&a, date(2026, 11, 1), date(2026, 11, 30)).len(),
        1
    );
    assert!(occurrences(&a, date(2026, 12, 1), date(2026, 12, 31)).is_empty());
}

#[test]
fn weekly_repeats_on_the_same_weekday_until_the_last_day() {
    let rule = Recurrence::new(Frequency::Weekly, Some(date(2026, 12, 7)));
    let a = meeting(at(2026, 11, 16, 10), Some(rule));
    let found = occurrences(&a, date(2026, 11, 20), date(2026, 12, 31));
    let days: Vec<_> = found.iter().map(|w| w.first_day()).collect();
    assert_eq!(
        days,
        vec![date(2026, 11, 23), date(2026, 11, 30), date(2026, 12, 7)]
    );
    // Wall time stays 10:00 across the change to winter time and back.
    assert!(found.iter().all(
        |w| matches!(w, When::Timed { start, .. } if start.format("%H:%M").to_string() == "10:00")
    ));
}

#[test]
fn weekly_never_starts_before_the_first_occurrence() {
    let rule = Recurrence::new(Frequency::Weekly, None);
    let a = meeting(at(2026, 11, 16, 10), Some(rule));
    let found = occurrences(&a, date(2026, 11, 1), date(2026, 11, 22));
    assert_eq!(found.len(), 1);
}

#[test]
fn monthly_skips_months_without_the_day() {
    let rule = Recurrence::new(Frequency::Monthly, None);
    let a = meeting(at(2027, 1, 31, 8), Some(rule));
    let days: Vec<_> = occurrences(&a, date(2027, 1, 1), date(2027, 5, 31))
        .iter()
        .map(|w| w.first_day())
        .collect();
    assert_eq!(
        days,
        vec![date(2027, 1, 31), date(2027, 3, 31), date(2027, 5, 31)]
    );
}

#[test]
fn a_multi_day_occurrence_reaching_into_the_range_is_found() {
    let mut a = Appointment::new(
        "Messe",
        When::AllDay {
            first: date(2026, 11, 27),
            last: date(2026, 12, 2),
        },
        now(),
    );
    a.recurrence = None;
    assert_eq!(
        occurrences(&a, date(2026, 12, 1), date(2026, 12, 31)).len(),
        1
    );
}

fn sample() -> (Dataset, Project, Step, Step) {
    let mut data = Dataset::default();
    let mut project = Project::new("Shop", now());
    project.start = Some(date(2026, 11, 2));
    project.deadline = Some(date(2027, 3, 5));
    let mut design = Step::new(project.id, "Design", now());
    design.duration_days = 5;
    design.deadline = Some(date(2026, 11, 20));
    let mut live = Step::new(project.id, "Go-live", now());
    live.milestone = true;
    live.duration_days = 0;
    live.dependencies
        .push(chefsache::domain::Dependency::on(design.id));
    let mut font = Material::new(project.id, "Webfont", now());
    font.step = Some(design.id);
    font.lead_time_days = 3;
    let mut call = Communication::new(now(), "Rückruf wegen Fotos", now());
    call.project = Some(project.id);
    call.follow_up = Some(date(2026, 11, 25));
    let mut done = Communication::new(now(), "Erledigt", now());
    done.follow_up = Some(date(2026, 11, 26));
    done.done = true;
    data.projects.push(project.clone());
    data.steps.extend([design.clone(), live.clone()]);
    data.materials.push(font);
    data.communications.extend([call, done]);
    data.appointments.push(meeting(
        at(2026, 11, 16, 10),
        Some(Recurrence::new(Frequency::Weekly, None)),
    ));
    (data, project, design, live)
}

#[test]
fn planning_dates_come_from_the_computed_schedule() {
    let (data, project, design, live) = sample();
    let calendar = WorkCalendar::default();
    let entries = planning_entries(&data, &calendar, date(2026, 11, 1));
    let find = |kind, source| {
        entries
            .iter()
            .find(|e| e.kind == kind && e.source == source)
            .map(|e| e.first_day())
    };
    assert_eq!(
        find(EntryKind::StepStart, Source::Step(design.id)),
        Some(date(2026, 11, 2))
    );
    assert_eq!(
        find(EntryKind::Deadline, Source::Step(design.id)),
        Some(date(2026, 11, 20))
    );
    // Design runs Mon 2 – Fri 6 November; the milestone is reached when it
    // is finished.
    assert_eq!(
        find(EntryKind::Milestone, Source::Step(live.id)),
        Some(date(2026, 11, 6))
    );
    assert_eq!(
        find(EntryKind::Deadline, Source::Project(project.id)),
        Some(date(2027, 3, 5))
    );
    assert!(entries.iter().any(|e| e.kind == EntryKind::OrderBy));
    assert!(entries.iter().any(|e| e.kind == EntryKind::Delivery));
    let follow_ups: Vec<_> = entries
        .iter()
        .filter(|e| e.kind == EntryKind::FollowUp)
        .collect();
    assert_eq!(follow_ups.len(), 1, "done follow-ups stay out");
    assert_eq!(follow_ups[0].title, "Rückruf wegen Fotos");
}

#[test]
fn entries_between_are_sorted_and_limited_to_the_range() {
    let (data, ..) = sample();
    let calendar = WorkCalendar::default();
    let entries = entries_between(
        &data,
        &calendar,
        date(2026, 11, 1),
        date(2026, 11, 16),
        date(2026, 11, 30),
    );
    assert!(entries
        .windows(2)
        .all(|w| w[0].first_day() <= w[1].first_day()));
    assert!(entries
        .iter()
        .all(|e| e.first_day() >= date(2026, 11, 16) && e.first_day() <= date(2026, 11, 30)));
    let meetings = entries
        .iter()
        .filter(|e| e.kind == EntryKind::Appointment)
        .count();
    assert_eq!(meetings, 3, "16, 23 and 30 November");
}

#[test]
fn month_grid_starts_on_monday_and_covers_the_month() {
    let weeks = month_weeks(date(2026, 11, 23));
    assert_eq!(weeks.first().unwrap()[0], date(2026, 10, 26));
    assert_eq!(weeks.last().unwrap()[6], date(2026, 12, 6));
    assert_eq!(weeks.len(), 6);
    assert_eq!(
        month_weeks(date(2027, 2, 10)).len(),
        4,
        "February 2027 starts on a Monday"
    );
    assert_eq!(week_start(date(2026, 11, 29)), date(2026, 11, 23));
    assert_eq!(
        visible_range(CalendarView::Week, date(2026, 11, 25)),
        (date(2026, 11, 23), date(2026, 11, 29))
    );
    assert_eq!(
        step(CalendarView::Month, date(2027, 3, 31), true),
        date(2027, 4, 30)
    );
    assert_eq!(
        step(CalendarView::Week, date(2026, 11, 25), false),
        date(2026, 11, 18)
    );
}

#[test]
fn export_has_stable_uids_and_a_category_per_kind() {
    let (data, project, ..) = sample();
    let calendar = WorkCalendar::default();
    let events = calendar_events(&data, &calendar, date(2026, 11, 1), None);
    let appointment = &data.appointments[0];
    assert!(events
        .iter()
        .any(|e| e.uid == format!("{}@chefsache.app", appointment.id) && e.recurrence.is_some()));
    assert!(events.iter().all(|e| e.uid.ends_with("@chefsache.app")));
    let uids: std::collections::HashSet<_> = events.iter().map(|e| &e.uid).collect();
    assert_eq!(uids.len(), events.len(), "UIDs are unique");
    let text = write_calendar_at(&events, "Chefsache", now());
    let back = parse_calendar(&text);
    assert!(back.errors.is_empty(), "{:?}", back.errors);
    let categories: std::collections::HashSet<_> =
        back.events.iter().filter_map(|(_, e)| e.category).collect();
    assert!(categories.contains(&EventCategory::Milestone));
    assert!(categories.contains(&EventCategory::FollowUp));
    // A project's export leaves the others' out.
    let mut other = data.clone();
    let side = Project::new("Anderes", now());
    let mut lunch = meeting(at(2026, 11, 17, 12), None);
    lunch.project = Some(side.id);
    other.projects.push(side);
    other.appointments.push(lunch.clone());
    let only = calendar_events(&other, &calendar, date(2026, 11, 1), Some(project.id));
    assert!(!only
        .iter()
        .any(|e| e.uid.starts_with(&lunch.id.to_string())));
}

const TWO_EVENTS_ONE_BROKEN: &str = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Test//EN\r\n\
BEGIN:VEVENT\r\nUID:a@example.com\r\nDTSTART:20261202T090000Z\r\nDTEND:20261202T100000Z\r\nSUMMARY:Abstimmung Druckerei\r\nEND:VEVENT\r\n\
BEGIN:VEVENT\r\nUID:b@example.com\r\nDTSTART:kaputt\r\nSUMMARY:Kaputter Termin\r\nEND:VEVENT\r\n\
END:VCALENDAR\r\n";

#[test]
fn import_takes_the_good_events_and_names_the_broken_one() {
    let (data, ..) = sample();
    let plan = plan_import(&data, TWO_EVENTS_ONE_BROKEN.as_bytes(), now());
    assert_eq!(plan.imported, vec!["Abstimmung Druckerei".to_string()]);
    assert_eq!(plan.rejected.len(), 1);
    assert_eq!(plan.rejected[0].event, 2);
    assert_eq!(plan.rejected[0].title.as_deref(), Some("Kaputter Termin"));
    assert_eq!(
        plan.rejected[0].reason,
        RejectReason::Unreadable(IcsProblem::NotADate(DateProperty::Start)),
        "a typed reason, worded by the UI"
    );
    assert_eq!(plan.changes.changes.len(), 1);
}

#[test]
fn reimporting_an_export_updates_appointments_and_skips_planning_dates() {
    let (mut data, project, ..) = sample();
    data.appointments[0].project = Some(project.id);
    let calendar = WorkCalendar::default();
    let events = calendar_events(&data, &calendar, date(2026, 11, 1), None);
    let text = write_calendar_at(&events, "Chefsache", now());
    let plan = plan_import(&data, text.as_bytes(), now());
    assert!(plan.rejected.is_empty(), "{:?}", plan.rejected);
    assert_eq!(plan.imported.len(), 1);
    assert_eq!(plan.planning_skipped, events.len() - 1);
    let chefsache::store::Change::Put(chefsache::store::AnyRecord::Appointment(updated)) =
        &plan.changes.changes[0]
    else {
        panic!("an appointment")
    };
    assert_eq!(updated.id, data.appointments[0].id);
    assert_eq!(updated.project, Some(project.id), "the project link stays");
}
