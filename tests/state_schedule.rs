//! Stored steps scheduled on the working-day calendar, as the project page
//! shows them.

use chefsache::domain::{Dataset, Dependency, Project, Step, StepStatus};
use chefsache::planning::{FederalState, WorkCalendar};
use chefsache::state::schedule::project_schedule;
use chrono::{NaiveDate, TimeZone, Utc};

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

#[test]
fn a_website_plan_gets_dates_around_easter_in_nrw() {
    let now = Utc.with_ymd_and_hms(2027, 3, 1, 8, 0, 0).unwrap();
    let mut project = Project::new("Website", now);
    // Monday 22 March 2027; Good Friday is 26 March, Easter Monday 29 March.
    project.start = Some(d(2027, 3, 22));
    let mut concept = Step::new(project.id, "Konzept", now);
    concept.duration_days = 3; // Mon 22 - Wed 24
    let mut design = Step::new(project.id, "Design", now);
    design.duration_days = 3; // Thu 25, (Fri 26 holiday), (Mon 29 holiday), Tue 30, Wed 31
    design.dependencies.push(Dependency::on(concept.id));
    let mut copy = Step::new(project.id, "Texte", now);
    copy.duration_days = 1;
    copy.dependencies.push(Dependency {
        predecessor: concept.id,
        lag_days: 1,
    });
    let mut dropped = Step::new(project.id, "Verworfen", now);
    dropped.status = StepStatus::Cancelled;
    design.dependencies.push(Dependency::on(dropped.id));
    let data = Dataset {
        projects: vec![project.clone()].into(),
        steps: vec![concept.clone(), design.clone(), copy.clone(), dropped].into(),
        ..Dataset::default()
    };
    let calendar = WorkCalendar::new(FederalState::from_code("NW").unwrap(), []);
    let schedule = project_schedule(&data, project.id, &calendar, d(2027, 3, 1)).unwrap();

    let c = schedule.step(concept.id.0).unwrap();
    assert_eq!(
        (c.earliest_start, c.earliest_finish),
        (d(2027, 3, 22), d(2027, 3, 24))
    );
    let de = schedule.step(design.id.0).unwrap();
    assert_eq!(
        (de.earliest_start, de.earliest_finish),
        (d(2027, 3, 25), d(2027, 3, 31))
    );
    assert!(c.critical && de.critical);
    let t = schedule.step(copy.id.0).unwrap();
    // One working day of lag after Wednesday: Friday is Good Friday, so the
    // lag day is Thursday and the copy is written on Tuesday 30 March.
    assert_eq!(t.earliest_start, d(2027, 3, 30));
    assert!(!t.critical);
    assert!(
        schedule.step(dropped_id(&data)).is_none(),
        "cancelled steps are not scheduled"
    );
}

fn dropped_id(data: &Dataset) -> uuid::Uuid {
    data.steps
        .iter()
        .find(|s| s.title == "Verworfen")
        .unwrap()
        .id
        .0
}
