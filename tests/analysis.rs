//! Learning from a project: the baseline frozen when it becomes active,
//! planned against actual (slip in working days, hours, materials, money),
//! estimate accuracy across finished projects, time sheets, the timer and
//! the CSV for invoicing.

use chefsache::domain::{
    Assignee, Contact, Dataset, Dependency, Material, Money, Project, ProjectStatus, Step,
    StepStatus, TimeEntry,
};
use chefsache::exchange::csv::{read_csv, CsvOptions};
use chefsache::planning::{FederalState, WorkCalendar};
use chefsache::state::analysis::{
    accuracy_for_area, analyse_project, estimate_accuracy, AccuracyKey,
};
use chefsache::state::baseline::{take_baseline, with_first_baseline};
use chefsache::state::time_export::{
    time_export_csv, time_export_rows, TimeExportFilter, TimeExportHeaders,
};
use chefsache::state::time_sheet::{check_day_limit, month_sheet, week_sheet, DayLimit};
use chefsache::state::timer::{start_timer, stop_timer, RunningTimer, Stopped};
use chefsache::state::Session;
use chefsache::text::Lang;
use chrono::{DateTime, Duration, NaiveDate, NaiveDateTime, TimeZone, Utc};

fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 2, 8, 0, 0).unwrap()
}

fn d(m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, m, day).unwrap()
}

fn nw() -> WorkCalendar {
    WorkCalendar::new(FederalState::NW, [])
}

fn entry(step: &Step, person: Assignee, date: NaiveDate, hours: f64) -> TimeEntry {
    let mut e = TimeEntry::new(step.id, date, hours, now());
    e.person = person;
    e
}

/// A web shop planned on Monday 2 November 2026: concept (me, 3 days,
/// 24 h), then backend (a collaborator at 60 €/h, 5 days, 40 h) that needs
/// two licences (2 × 50 €), and a one-day review that is dropped later.
struct Shop {
    project: Project,
    concept: Step,
    backend: Step,
    review: Step,
    licence: Material,
    dev: Contact,
}

fn shop() -> Shop {
    let mut project = Project::new("Webshop", now());
    project.start = Some(d(11, 2));
    project.planned_revenue = Money::from_euros(5000).unwrap();
    project.planned_cost = Money::from_euros(2500).unwrap();
    let mut dev = Contact::new("Jana Dev", now());
    dev.hourly_rate = Money::from_euros(60);
    let mut concept = Step::new(project.id, "Konzept", now());
    concept.work_area = Some("Konzept".into());
    concept.duration_days = 3;
    concept.effort_hours = 24.0;
    let mut backend = Step::new(project.id, "Backend", now());
    backend.work_area = Some("Backend".into());
    backend.duration_days = 5;
    backend.effort_hours = 40.0;
    backend.assignee = Assignee::Contact(dev.id);
    backend.dependencies = vec![Dependency {
        predecessor: concept.id,
        lag_days: 0,
    }];
    let mut review = Step::new(project.id, "Review", now());
    review.duration_days = 1;
    let mut licence = Material::new(project.id, "Lizenz", now());
    licence.step = Some(backend.id);
    licence.quantity = 2.0;
    licence.unit_cost = Money::from_euros(50).unwrap();
    Shop {
        project,
        concept,
        backend,
        review,
        licence,
        dev,
    }
}

fn data_of(
    s: &Shop,
    steps: Vec<Step>,
    materials: Vec<Material>,
    entries: Vec<TimeEntry>,
) -> Dataset {
    Dataset {
        projects: vec![s.project.clone()].into(),
        steps: steps.into(),
        materials: materials.into(),
        contacts: vec![s.dev.clone()].into(),
        time_entries: entries.into(),
        ..Dataset::default()
    }
}

/// The shop, set active on 2 November (which freezes its baseline).
fn active_shop() -> Shop {
    let mut s = shop();
    let data = data_of(
        &s,
        vec![s.concept.clone(), s.backend.clone(), s.review.clone()],
        vec![s.licence.clone()],
        vec![],
    );
    let mut project = s.project.clone();
    project.status = ProjectStatus::Active;
    s.project = with_first_baseline(&data, project, &nw(), d(11, 2), now());
    s
}

#[test]
fn becoming_active_freezes_the_plan_once() {
    let s = active_shop();
    assert_eq!(s.project.baselines.len(), 1);
    let b = &s.project.baselines[0];
    let concept = b.step(s.concept.id).unwrap();
    assert_eq!((concept.start, concept.finish), (d(11, 2), d(11, 4)));
    let backend = b.step(s.backend.id).unwrap();
    assert_eq!((backend.start, backend.finish), (d(11, 5), d(11, 11)));
    assert_eq!(backend.effort_hours, 40.0);
    assert_eq!(b.material(s.licence.id).unwrap().needed_by, Some(d(11, 5)));
    assert_eq!(b.material_cost(), Money::from_euros(100).unwrap());
    assert_eq!(b.planned_revenue, Money::from_euros(5000).unwrap());

    // Saving it again as active (or pausing and resuming) keeps that one.
    let data = data_of(&s, vec![s.concept.clone()], vec![], vec![]);
    let again = with_first_baseline(&data, s.project.clone(), &nw(), d(11, 20), now());
    assert_eq!(again.baselines, s.project.baselines);
    // A planned project has none yet.
    let planned = with_first_baseline(&data, shop().project, &nw(), d(11, 2), now());
    assert!(planned.baselines.is_empty());
}

#[test]
fn a_re_baseline_keeps_the_earlier_ones_selectable() {
    let s = active_shop();
    let data = data_of(
        &s,
        vec![s.concept.clone(), s.backend.clone()],
        vec![],
        vec![],
    );
    let mut session = Session::new(data);
    let later = now() + Duration::days(10);
    let change = take_baseline(
        session.data(),
        s.project.id,
        &nw(),
        d(11, 12),
        later,
        "  Kunde wünscht Shop-Modul ",
    )
    .unwrap();
    session.execute("baseline", change).unwrap();
    let p = session.data().project(s.project.id).unwrap();
    assert_eq!(p.baselines.len(), 2);
    assert_eq!(p.baselines[0], s.project.baselines[0]);
    assert_eq!(p.baselines[1].note, "Kunde wünscht Shop-Modul");
    assert_eq!(p.baselines[1].taken, later);
    // The review was not in the data any more: the new plan lacks it.
    assert!(p.baselines[1].step(s.review.id).is_none());
}

/// What happened: the concept took two working days longer, the backend
/// started two days late and finished four late, the review was dropped,
/// a one-day go-live was added and is still open on 1 December.
fn finished_shop() -> (Shop, Dataset, Step) {
    let s = active_shop();
    let mut concept = s.concept.clone();
    concept.status = StepStatus::Done;
    concept.actual_start = Some(d(11, 2));
    concept.actual_finish = Some(d(11, 6));
    let mut backend = s.backend.clone();
    backend.status = StepStatus::Done;
    backend.actual_start = Some(d(11, 9));
    backend.actual_finish = Some(d(11, 17));
    let mut go_live = Step::new(s.project.id, "Go-live", now());
    go_live.duration_days = 1;
    go_live.dependencies = vec![Dependency {
        predecessor: backend.id,
        lag_days: 0,
    }];
    let mut licence = s.licence.clone();
    licence.delivered_on = Some(d(11, 3));
    licence.actual_cost = Money::from_euros(120);
    let entries = vec![
        entry(&concept, Assignee::Me, d(11, 2), 10.0),
        entry(&concept, Assignee::Me, d(11, 3), 10.0),
        entry(&concept, Assignee::Me, d(11, 6), 10.0),
        entry(&backend, Assignee::Contact(s.dev.id), d(11, 9), 20.0),
        entry(&backend, Assignee::Contact(s.dev.id), d(11, 16), 25.0),
    ];
    let mut project = s.project.clone();
    project.planned_revenue = Money::from_euros(5500).unwrap();
    let mut data = data_of(
        &s,
        vec![concept, backend, go_live.clone()],
        vec![licence],
        entries,
    );
    data.projects = vec![project].into();
    (s, data, go_live)
}

#[test]
fn slips_are_working_days_against_the_baseline() {
    let (s, data, go_live) = finished_shop();
    let a = analyse_project(&data, s.project.id, None, &nw(), d(12, 1)).unwrap();
    let step = |id| a.steps.iter().find(|c| c.step == id).unwrap();

    let concept = step(s.concept.id);
    assert!(concept.finished);
    assert_eq!(concept.start_slip_days, Some(0));
    assert_eq!(concept.finish_slip_days, Some(2), "Wednesday to Friday");
    let backend = step(s.backend.id);
    assert_eq!(backend.start_slip_days, Some(2), "Thursday to Monday");
    assert_eq!(backend.finish_slip_days, Some(4));
    assert_eq!((backend.planned_hours, backend.booked_hours), (40.0, 45.0));

    let review = step(s.review.id);
    assert!(
        review.planned.is_some() && review.actual.is_none(),
        "planned, dropped"
    );
    let added = step(go_live.id);
    assert!(added.planned.is_none(), "added after the baseline");
    assert_eq!(
        added.actual,
        Some((d(12, 1), d(12, 1))),
        "open work starts today"
    );
    // Planned end 11 November, the go-live forecast for 1 December.
    assert_eq!(a.end_slip_days, Some(14));
    assert_eq!(
        (a.planned_hours, a.booked_hours, a.own_hours),
        (64.0, 75.0, 30.0)
    );

    let areas: Vec<_> = a
        .areas
        .iter()
        .map(|x| (x.work_area.as_deref(), x.steps, x.worst_finish_slip_days))
        .collect();
    assert_eq!(
        areas,
        vec![
            (Some("Backend"), 1, 4),
            (Some("Konzept"), 1, 2),
            (None, 2, 0)
        ]
    );
}

#[test]
fn materials_and_money_planned_against_actual() {
    let (s, data, _) = finished_shop();
    let a = analyse_project(&data, s.project.id, Some(0), &nw(), d(12, 1)).unwrap();
    let licence = &a.materials[0];
    assert_eq!(licence.planned_cost, Money::from_euros(100).unwrap());
    assert_eq!(licence.actual_cost, Money::from_euros(120).unwrap());
    assert_eq!(
        licence.delivery_days,
        Some(-2),
        "two working days early: stored"
    );

    let m = a.money;
    assert_eq!(m.planned_revenue, Money::from_euros(5000).unwrap());
    assert_eq!(m.revenue, Money::from_euros(5500).unwrap());
    assert_eq!(m.labour_cost, Money::from_euros(45 * 60).unwrap());
    assert_eq!(m.material_cost, Money::from_euros(120).unwrap());
    assert_eq!(m.planned_margin(), Money::from_euros(2500).unwrap());
    assert_eq!(m.margin(), Money::from_euros(5500 - 2700 - 120).unwrap());
}

#[test]
fn without_a_baseline_every_step_counts_as_added() {
    let s = shop();
    let data = data_of(&s, vec![s.concept.clone()], vec![], vec![]);
    let a = analyse_project(&data, s.project.id, None, &nw(), d(11, 2)).unwrap();
    assert!(a.baseline_taken.is_none());
    assert!(a
        .steps
        .iter()
        .all(|c| c.planned.is_none() && c.finish_slip_days.is_none()));
    assert_eq!(a.money.planned_revenue, s.project.planned_revenue);
}

#[test]
fn estimate_accuracy_counts_done_steps_of_finished_projects() {
    let (s, mut data, _) = finished_shop();
    // Still running: nothing to learn from yet.
    assert!(estimate_accuracy(&data).is_empty());

    let mut project = data.project(s.project.id).unwrap().clone();
    project.status = ProjectStatus::Done;
    // The estimate that counts is the first baseline's, not a later edit.
    let mut backend = data.step(s.backend.id).unwrap().clone();
    backend.effort_hours = 45.0;
    let steps: Vec<Step> = data
        .steps
        .iter()
        .map(|x| {
            if x.id == backend.id {
                backend.clone()
            } else {
                x.clone()
            }
        })
        .collect();
    data.projects = vec![project].into();
    data.steps = steps.into();

    let all = estimate_accuracy(&data);
    let area = accuracy_for_area(&all, "Backend").unwrap();
    assert_eq!(
        (area.steps, area.planned_hours, area.booked_hours),
        (1, 40.0, 45.0)
    );
    assert!((area.ratio() - 1.125).abs() < 1e-9);
    let concept = accuracy_for_area(&all, "Konzept").unwrap();
    assert!((concept.ratio() - 1.25).abs() < 1e-9);
    let me = all
        .iter()
        .find(|a| a.key == AccuracyKey::Person(Assignee::Me))
        .unwrap();
    assert_eq!((me.steps, me.booked_hours), (1, 30.0));
    assert!(accuracy_for_area(&all, "Design").is_none());
}

#[test]
fn a_week_sheet_has_days_by_steps_with_totals() {
    let (s, data, _) = finished_shop();
    let sheet = week_sheet(&data, Assignee::Me, d(11, 4));
    assert_eq!(sheet.days.first(), Some(&d(11, 2)), "from Monday");
    assert_eq!(sheet.days.len(), 7);
    assert_eq!(sheet.rows.len(), 1);
    assert_eq!(sheet.rows[0].title, "Konzept");
    assert_eq!(sheet.rows[0].hours[..5], [10.0, 10.0, 0.0, 0.0, 10.0]);
    assert_eq!(sheet.day_totals[4], 10.0);
    assert_eq!(sheet.total, 30.0);
    // The collaborator's week holds only their own hours.
    let theirs = week_sheet(&data, Assignee::Contact(s.dev.id), d(11, 10));
    assert_eq!(theirs.total, 20.0);

    let month = month_sheet(&data, s.project.id, 2026, 11);
    assert_eq!(month.days.len(), 30);
    assert_eq!(month.total, 75.0);
    assert_eq!(
        month
            .rows
            .iter()
            .map(|r| r.title.as_str())
            .collect::<Vec<_>>(),
        ["Backend", "Konzept"]
    );
    assert!(month_sheet(&data, s.project.id, 2026, 13).rows.is_empty());
}

#[test]
fn one_person_cannot_book_more_than_24_hours_a_day() {
    let (s, data, _) = finished_shop();
    let concept = data.step(s.concept.id).unwrap();
    let fits = entry(concept, Assignee::Me, d(11, 2), 14.0);
    assert_eq!(check_day_limit(&data, &fits), Ok(()));
    let too_much = entry(concept, Assignee::Me, d(11, 2), 14.5);
    assert_eq!(
        check_day_limit(&data, &too_much),
        Err(DayLimit::Exceeded { booked: 10.0 })
    );
    // Another person's day is theirs.
    let other = entry(concept, Assignee::Contact(s.dev.id), d(11, 2), 20.0);
    assert_eq!(check_day_limit(&data, &other), Ok(()));
}

fn berlin_winter(t: DateTime<Utc>) -> NaiveDateTime {
    t.naive_utc() + Duration::hours(1)
}

#[test]
fn the_timer_books_per_local_day_and_drops_less_than_a_minute() {
    let s = shop();
    let started = Utc.with_ymd_and_hms(2026, 11, 2, 21, 30, 0).unwrap(); // 22:30 local
    let timer = RunningTimer {
        step: s.concept.id,
        person: Assignee::Me,
        started,
    };
    let Stopped::Booked(entries) =
        stop_timer(timer, started + Duration::minutes(150), berlin_winter)
    else {
        panic!("booked");
    };
    let days: Vec<_> = entries.iter().map(|e| (e.date, e.hours)).collect();
    assert_eq!(
        days,
        vec![(d(11, 2), 1.5), (d(11, 3), 1.0)],
        "split at midnight"
    );

    assert_eq!(
        stop_timer(timer, started + Duration::seconds(59), berlin_winter),
        Stopped::TooShort
    );
    // Twenty minutes and a bit: hundredths of an hour.
    let Stopped::Booked(short) = stop_timer(
        timer,
        started + Duration::seconds(20 * 60 + 30),
        berlin_winter,
    ) else {
        panic!("booked");
    };
    assert_eq!(short[0].hours, 0.34);
}

#[test]
fn the_timer_books_real_time_across_a_clock_change() {
    let s = shop();
    // 25 October 2026: Berlin goes from 03:00 summer time back to 02:00.
    let berlin = |t: DateTime<Utc>| {
        let change = Utc.with_ymd_and_hms(2026, 10, 25, 1, 0, 0).unwrap();
        t.naive_utc() + Duration::hours(if t < change { 2 } else { 1 })
    };
    let started = Utc.with_ymd_and_hms(2026, 10, 24, 23, 0, 0).unwrap(); // 01:00 summer
    let timer = RunningTimer {
        step: s.concept.id,
        person: Assignee::Me,
        started,
    };
    let Stopped::Booked(entries) = stop_timer(timer, started + Duration::hours(3), berlin) else {
        panic!("booked");
    };
    assert_eq!(entries.len(), 1);
    assert_eq!(entries[0].date, d(10, 25));
    assert_eq!(
        entries[0].hours, 3.0,
        "three real hours, two on the wall clock"
    );
}

#[test]
fn starting_a_timer_stops_the_running_one() {
    let s = shop();
    let first = RunningTimer {
        step: s.concept.id,
        person: Assignee::Me,
        started: now(),
    };
    let later = now() + Duration::minutes(90);
    let (running, stopped) = start_timer(
        Some(first),
        s.backend.id,
        Assignee::Me,
        later,
        berlin_winter,
    );
    assert_eq!((running.step, running.started), (s.backend.id, later));
    let Some(Stopped::Booked(entries)) = stopped else {
        panic!("the first timer is booked");
    };
    assert_eq!((entries[0].step, entries[0].hours), (s.concept.id, 1.5));
    // The running timer is a small preference: it survives as JSON.
    let text = serde_json::to_string(&running).unwrap();
    assert_eq!(
        serde_json::from_str::<RunningTimer>(&text).unwrap(),
        running
    );
}

fn headers() -> TimeExportHeaders {
    TimeExportHeaders {
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
    }
}

#[test]
fn time_entries_export_for_german_excel_with_totals() {
    let (s, mut data, _) = finished_shop();
    // A hostile step title must stay text in the spreadsheet.
    let mut concept = data.step(s.concept.id).unwrap().clone();
    concept.title = "=HYPERLINK(\"http://x\")".into();
    let steps: Vec<Step> = data
        .steps
        .iter()
        .map(|x| {
            if x.id == concept.id {
                concept.clone()
            } else {
                x.clone()
            }
        })
        .collect();
    data.steps = steps.into();
    let filter = TimeExportFilter {
        project: Some(s.project.id),
        month: Some((2026, 11)),
    };
    let rows = time_export_rows(&data, filter, "Ich", Money::from_euros(80));
    assert_eq!(rows.len(), 5);
    let csv = time_export_csv(&rows, &headers(), Lang::De);
    assert!(csv.starts_with('\u{feff}'), "BOM for Excel");
    let table = read_csv(&csv, &CsvOptions::excel_german()).unwrap();
    assert_eq!(table.headers[0], "Datum");
    let first = &table.rows[0].fields;
    assert_eq!(first[0], "2026-11-02");
    assert_eq!(first[2], "'=HYPERLINK(\"http://x\")");
    assert_eq!((first[4].as_str(), first[5].as_str()), ("Ich", "10"));
    assert_eq!((first[6].as_str(), first[7].as_str()), ("80,00", "800,00"));
    let dev_row = table
        .rows
        .iter()
        .find(|r| r.fields[4] == "Jana Dev")
        .unwrap();
    assert_eq!(dev_row.fields[6], "60,00");
    let total = table.rows.last().unwrap();
    assert_eq!(total.fields[0], "Summe");
    assert_eq!(total.fields[5], "75");
    assert_eq!(total.fields[7], "5100,00", "30 h × 80 € + 45 h × 60 €");

    // English: commas, points, no BOM; another month has only the totals line.
    let en = time_export_csv(&rows, &headers(), Lang::En);
    assert!(en.contains(",\"800.00\"") || en.contains(",800.00"));
    let december = TimeExportFilter {
        month: Some((2026, 12)),
        ..filter
    };
    assert!(time_export_rows(&data, december, "Ich", None).is_empty());
}
