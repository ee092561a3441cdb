//! Labour capacity: planned hours against capacity per week, and levelling
//! that moves non-critical work within its float.

use chefsache::domain::{Assignee, Contact, Dataset, Dependency, Project, Role, Step};
use chefsache::planning::StuckReason;
use chefsache::planning::{FederalState, WorkCalendar};
use chefsache::state::workload::{
    level_person, leveling_report, loads, people, project_workload, ME,
};
use chefsache::state::Session;
use chrono::{NaiveDate, TimeZone, Utc};

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

/// Two projects starting Mon 11 Jan 2027. Project A: a 10-day build (40 h)
/// then a 5-day test; project B (from Mon 18 Jan): a 5-day text (30 h) due
/// on 5 Feb, so it has float. In week 3 I would work 20 h + 30 h.
/// (The levelling moves a step only within the room its successors leave,
/// so the text has none here.)
fn overloaded_week() -> (Dataset, Step) {
    let now = Utc.with_ymd_and_hms(2027, 1, 4, 8, 0, 0).unwrap();
    let mut a = Project::new("Shop", now);
    a.start = Some(d(2027, 1, 11));
    let mut build = Step::new(a.id, "Bauen", now);
    build.duration_days = 10;
    build.effort_hours = 40.0;
    let mut test = Step::new(a.id, "Testen", now);
    test.duration_days = 5;
    test.effort_hours = 10.0;
    test.dependencies.push(Dependency::on(build.id));
    let mut b = Project::new("Blog", now);
    b.start = Some(d(2027, 1, 18));
    let mut text = Step::new(b.id, "Texte", now);
    text.duration_days = 5;
    text.effort_hours = 30.0;
    text.deadline = Some(d(2027, 2, 5));
    let data = Dataset {
        projects: vec![a, b].into(),
        steps: vec![build, test, text.clone()].into(),
        ..Dataset::default()
    };
    data.validate().unwrap();
    (data, text)
}

#[test]
fn an_overloaded_week_is_flagged() {
    let (data, _) = overloaded_week();
    let calendar = WorkCalendar::new(FederalState::NW, []);
    let people = people(&data, 40.0, &[]);
    let loads = loads(&data, &calendar, d(2027, 1, 4), &people);
    let week3 = loads
        .iter()
        .find(|l| l.person == ME && l.iso_week == 3)
        .unwrap();
    assert_eq!(week3.planned_hours, 20.0 + 30.0);
    assert!(week3.overloaded);
    let week2 = loads
        .iter()
        .find(|l| l.person == ME && l.iso_week == 2)
        .unwrap();
    assert!(!week2.overloaded);
}

#[test]
fn levelling_moves_the_step_with_float_and_keeps_the_deadline() {
    let (data, text) = overloaded_week();
    let calendar = WorkCalendar::new(FederalState::NW, []);
    let me = people(&data, 40.0, &[]).remove(0);
    let result = level_person(&data, &calendar, d(2027, 1, 4), &me).unwrap();
    assert_eq!(result.moves.len(), 1, "{result:?}");
    let moved = &result.moves[0];
    assert_eq!(moved.step_id, text.id.0);
    assert!(moved.new_start > d(2027, 1, 18));
    assert!(
        moved.new_finish < d(2027, 2, 5),
        "the blog's deadline still holds"
    );
    assert!(
        result.remaining_overload.is_empty(),
        "{:?}",
        result.remaining_overload
    );
}

#[test]
fn the_levelling_report_names_each_moved_step_and_one_undo_takes_it_all_back() {
    let (data, text) = overloaded_week();
    let calendar = WorkCalendar::new(FederalState::NW, []);
    let me = people(&data, 40.0, &[]).remove(0);
    let result = level_person(&data, &calendar, d(2027, 1, 4), &me).unwrap();
    let now = Utc.with_ymd_and_hms(2027, 1, 4, 9, 0, 0).unwrap();
    let report = leveling_report(&data, &result, now);
    assert_eq!(report.moved.len(), 1);
    assert_eq!(report.moved[0].title, "Texte");
    assert_eq!(report.moved[0].days, result.moves[0].delay_days);
    assert_eq!(report.moved[0].pushed_by, None);
    assert!(report.stuck.is_empty() && report.weeks.is_empty());

    let mut session = Session::new(data.clone());
    session.execute("Ausgeglichen", report.changes).unwrap();
    let moved = session.data().step(text.id).unwrap();
    assert_eq!(moved.planned_start, Some(result.moves[0].new_start));
    assert_eq!(session.undo().unwrap(), "Ausgeglichen");
    assert_eq!(session.data().step(text.id).unwrap().planned_start, None);
}

#[test]
fn a_step_that_cannot_move_is_reported_with_its_reason() {
    let (mut data, text) = overloaded_week();
    // Pinned to its start, the text cannot move: the week stays full.
    let mut pinned = text.clone();
    pinned.planned_start = Some(d(2027, 1, 18));
    data.steps = data
        .steps
        .iter()
        .map(|s| {
            if s.id == text.id {
                pinned.clone()
            } else {
                s.clone()
            }
        })
        .collect::<Vec<_>>()
        .into();
    let calendar = WorkCalendar::new(FederalState::NW, []);
    let me = people(&data, 40.0, &[]).remove(0);
    let result = level_person(&data, &calendar, d(2027, 1, 4), &me).unwrap();
    let now = Utc.with_ymd_and_hms(2027, 1, 4, 9, 0, 0).unwrap();
    let report = leveling_report(&data, &result, now);
    assert_eq!(report.weeks, vec![3]);
    let line = report.stuck.iter().find(|l| l.title == "Texte").unwrap();
    assert_eq!(line.reason, StuckReason::FixedStart);
    assert_eq!(line.blocker, None);
}

#[test]
fn a_chain_moves_together_and_the_successor_says_who_pushed_it() {
    // Jonas (20 h a week) has Frontend (due Fri 22 Jan) and Tests in the
    // week of Mon 18 Jan, 20 h each; Doku (4 h) follows Tests.
    let now = Utc.with_ymd_and_hms(2027, 1, 13, 8, 0, 0).unwrap();
    let mut jonas = Contact::new("Jonas Weber", now);
    jonas.roles.push(Role::Collaborator);
    jonas.weekly_capacity_hours = Some(20.0);
    let mut shop = Project::new("Shop", now);
    shop.start = Some(d(2027, 1, 18));
    shop.deadline = Some(d(2027, 2, 26));
    let step = |title: &str, days: u32, hours: f64| {
        let mut s = Step::new(shop.id, title, now);
        s.duration_days = days;
        s.effort_hours = hours;
        s.assignee = Assignee::Contact(jonas.id);
        s
    };
    let mut frontend = step("Frontend", 5, 20.0);
    frontend.deadline = Some(d(2027, 1, 22));
    let tests = step("Tests", 5, 20.0);
    let mut doku = step("Doku", 2, 4.0);
    doku.dependencies.push(Dependency::on(tests.id));
    let data = Dataset {
        projects: vec![shop].into(),
        steps: vec![frontend, tests, doku].into(),
        contacts: vec![jonas.clone()].into(),
        ..Dataset::default()
    };
    data.validate().unwrap();
    let calendar = WorkCalendar::new(FederalState::NW, []);
    let person = people(&data, 40.0, &[])
        .into_iter()
        .find(|p| p.id == jonas.id.0)
        .unwrap();
    let result = level_person(&data, &calendar, d(2027, 1, 13), &person).unwrap();
    let report = leveling_report(&data, &result, now);
    let titles: Vec<&str> = report.moved.iter().map(|m| m.title.as_str()).collect();
    assert_eq!(titles, ["Tests", "Doku"], "{report:?}");
    assert_eq!(report.moved[1].pushed_by.as_deref(), Some("Tests"));
    assert!(report.weeks.is_empty(), "{report:?}");
}

#[test]
fn a_project_shows_its_share_of_each_persons_week() {
    let (data, text) = overloaded_week();
    let calendar = WorkCalendar::new(FederalState::NW, []);
    let team = people(&data, 40.0, &[]);
    let blog = data.step(text.id).unwrap().project;
    let rows = project_workload(
        &data,
        &calendar,
        d(2027, 1, 4),
        &team,
        blog,
        &[(2027, 2), (2027, 3)],
    );
    assert_eq!(rows.len(), 1, "only who works on the project");
    let (who, weeks) = &rows[0];
    assert_eq!(*who, ME);
    assert_eq!(weeks[0].project_hours, 0.0);
    assert_eq!(weeks[1].project_hours, 30.0, "the blog's share");
    assert_eq!(weeks[1].total_hours, 50.0, "beside the whole week");
    assert_eq!(weeks[1].capacity_hours, 40.0);
    assert!(weeks[1].overloaded);
    assert!(!weeks[0].overloaded);
}

#[test]
fn workload_tables_start_at_this_week_and_name_collaborators() {
    use chefsache::state::workload::{person_name, weeks_from};
    let weeks = weeks_from(d(2026, 12, 30), 3);
    assert_eq!(
        weeks,
        vec![(2026, 53), (2027, 1), (2027, 2)],
        "across the year end"
    );
    let now = Utc.with_ymd_and_hms(2027, 1, 4, 8, 0, 0).unwrap();
    let jonas = Contact::new("Jonas Weber", now);
    let data = Dataset {
        contacts: vec![jonas.clone()].into(),
        ..Dataset::default()
    };
    assert_eq!(
        person_name(&data, jonas.id.0).as_deref(),
        Some("Jonas Weber")
    );
    assert_eq!(person_name(&data, ME), None, "the UI names me");
}
