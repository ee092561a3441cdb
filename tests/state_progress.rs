//! Progress and actual dates: setting a status records what really
//! happened, progress is a percentage or the days left, and backups made
//! before these fields existed still load.

use chefsache::domain::{Dataset, Field, Project, Step, StepStatus, ValidationError};
use chefsache::exchange::backup::{export_json, parse_backup};
use chefsache::state::commands::{self, CommandError, ProgressReport};
use chefsache::state::Session;
use chrono::{NaiveDate, TimeZone, Utc};

fn now() -> chrono::DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 12, 1, 9, 0, 0).unwrap()
}

fn d(m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, m, day).unwrap()
}

fn one_step() -> (Session, Step) {
    let project = Project::new("Webshop", now());
    let mut step = Step::new(project.id, "Backend", now());
    step.duration_days = 5;
    let data = Dataset {
        projects: vec![project].into(),
        steps: vec![step.clone()].into(),
        ..Dataset::default()
    };
    (Session::new(data), step)
}

fn status(session: &mut Session, step: &Step, status: StepStatus, on: NaiveDate) {
    let change = commands::set_step_status(session.data(), step.id, status, on, now()).unwrap();
    session.execute("status", change).unwrap();
}

fn stored(session: &Session, step: &Step) -> Step {
    session.data().step(step.id).unwrap().clone()
}

#[test]
fn going_in_progress_records_the_actual_start_once() {
    let (mut session, step) = one_step();
    status(&mut session, &step, StepStatus::InProgress, d(11, 26));
    status(&mut session, &step, StepStatus::Blocked, d(11, 27));
    status(&mut session, &step, StepStatus::InProgress, d(11, 30));
    let s = stored(&session, &step);
    assert_eq!(s.status, StepStatus::InProgress);
    assert_eq!(s.actual_start, Some(d(11, 26)), "the first start counts");
    assert_eq!(s.actual_finish, None);
}

#[test]
fn done_records_the_finish_and_full_progress() {
    let (mut session, step) = one_step();
    status(&mut session, &step, StepStatus::InProgress, d(11, 26));
    status(&mut session, &step, StepStatus::Done, d(12, 1));
    let s = stored(&session, &step);
    assert_eq!(
        (s.actual_start, s.actual_finish),
        (Some(d(11, 26)), Some(d(12, 1)))
    );
    assert_eq!(s.progress, 100);
    assert_eq!(s.remaining_working_days(), 0);
}

#[test]
fn done_without_a_start_started_the_same_day() {
    let (mut session, step) = one_step();
    status(&mut session, &step, StepStatus::Done, d(12, 1));
    let s = stored(&session, &step);
    assert_eq!(
        (s.actual_start, s.actual_finish),
        (Some(d(12, 1)), Some(d(12, 1)))
    );
}

#[test]
fn back_to_todo_forgets_the_actual_dates() {
    let (mut session, step) = one_step();
    status(&mut session, &step, StepStatus::Done, d(12, 1));
    status(&mut session, &step, StepStatus::Todo, d(12, 2));
    let s = stored(&session, &step);
    assert_eq!((s.actual_start, s.actual_finish), (None, None));
}

#[test]
fn a_finish_before_the_start_is_refused_and_nothing_changes() {
    let (mut session, step) = one_step();
    status(&mut session, &step, StepStatus::InProgress, d(12, 1));
    let before = session.data().clone();
    let change =
        commands::set_step_status(session.data(), step.id, StepStatus::Done, d(11, 30), now())
            .unwrap();
    let Err(CommandError::Invalid(errors)) = session.execute("done", change) else {
        panic!("a finish before the start must be refused");
    };
    assert!(errors.iter().any(|e| matches!(
        e,
        ValidationError::EndBeforeStart {
            start_field: Field::ActualStart,
            end_field: Field::ActualFinish,
            ..
        }
    )));
    assert_eq!(session.data(), &before);
}

#[test]
fn progress_as_percent_or_days_left() {
    let (mut session, step) = one_step();
    let change = commands::record_progress(
        session.data(),
        step.id,
        ProgressReport::Percent(40),
        d(11, 30),
        now(),
    )
    .unwrap();
    session.execute("progress", change).unwrap();
    let s = stored(&session, &step);
    assert_eq!(
        s.status,
        StepStatus::InProgress,
        "progress means work began"
    );
    assert_eq!(s.actual_start, Some(d(11, 30)));
    assert_eq!(s.remaining_working_days(), 3, "60 % of 5 days, rounded up");

    let change = commands::record_progress(
        session.data(),
        step.id,
        ProgressReport::RemainingDays(1),
        d(12, 1),
        now(),
    )
    .unwrap();
    session.execute("progress", change).unwrap();
    let s = stored(&session, &step);
    assert_eq!(s.remaining_working_days(), 1, "the estimate wins");
    assert_eq!(s.actual_start, Some(d(11, 30)), "the start stays");
}

#[test]
fn percent_over_100_and_absurd_days_left_are_refused() {
    let (session, step) = one_step();
    let mut s = stored(&session, &step);
    s.progress = 101;
    s.remaining_days = Some(10_001);
    let errors = s.validate().unwrap_err();
    let fields: Vec<Field> = errors
        .iter()
        .filter_map(|e| match e {
            ValidationError::OutOfRange { field, .. } => Some(*field),
            _ => None,
        })
        .collect();
    assert_eq!(fields, vec![Field::Progress, Field::RemainingDays]);
}

#[test]
fn a_backup_without_days_left_still_loads() {
    let (session, step) = one_step();
    let json = export_json(session.data(), "0.1.0", now());
    let mut value: serde_json::Value = serde_json::from_str(&json).unwrap();
    let steps = value["data"]["steps"].as_array_mut().unwrap();
    steps[0].as_object_mut().unwrap().remove("remaining_days");
    let backup = parse_backup(value.to_string().as_bytes()).unwrap();
    assert_eq!(backup.data.step(step.id).unwrap().remaining_days, None);
}
