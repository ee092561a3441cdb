//! What a milestone is: one flag on the step, and everything that plans
//! (schedule, workload, table, agenda) treats it as a moment of length 0.

use chefsache::domain::{Dataset, Dependency, Project, Step};
use chefsache::planning::{FederalState, WorkCalendar};
use chefsache::state::schedule::{plan_step, project_schedule};
use chefsache::state::table::step_rows;
use chrono::{NaiveDate, TimeZone, Utc};

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

fn plan(milestone_duration: u32) -> (Dataset, Project, Step, Step, Step) {
    let now = Utc.with_ymd_and_hms(2027, 1, 4, 8, 0, 0).unwrap();
    let mut project = Project::new("Launch", now);
    project.start = Some(d(2027, 1, 4)); // Monday
    let mut build = Step::new(project.id, "Build", now);
    build.duration_days = 2; // Mon 4 – Tue 5
    let mut go_live = Step::new(project.id, "Go-live", now);
    // Ticked as a milestone, but still holding the duration it had: the
    // shape older versions stored.
    go_live.milestone = true;
    go_live.duration_days = milestone_duration;
    go_live.dependencies.push(Dependency::on(build.id));
    let mut review = Step::new(project.id, "Review", now);
    review.dependencies.push(Dependency::on(go_live.id));
    let data = Dataset {
        projects: vec![project.clone()].into(),
        steps: vec![build.clone(), go_live.clone(), review.clone()].into(),
        ..Dataset::default()
    };
    (data, project, build, go_live, review)
}

#[test]
fn a_ticked_milestone_takes_no_time_whatever_its_stored_duration() {
    for stored in [0, 1, 5] {
        let (data, project, _, go_live, review) = plan(stored);
        let calendar = WorkCalendar::new(FederalState::from_code("NW").unwrap(), []);
        let schedule = project_schedule(&data, project.id, &calendar, d(2027, 1, 4)).unwrap();
        let m = schedule.step(go_live.id.0).unwrap();
        assert_eq!(
            (m.earliest_start, m.earliest_finish),
            (d(2027, 1, 5), d(2027, 1, 5)),
            "stored duration {stored}: the milestone is the end of Tuesday"
        );
        let r = schedule.step(review.id.0).unwrap();
        assert_eq!(
            r.earliest_start,
            d(2027, 1, 6),
            "its successor starts Wednesday"
        );
        assert!(plan_step(&go_live).is_milestone());
        assert_eq!(go_live.scheduled_days(), 0);
        assert!(go_live.validate().is_ok());

        let rows = step_rows(&data, &calendar, d(2027, 1, 4), "ich");
        let row = rows.iter().find(|r| r.step == go_live.id).unwrap();
        assert_eq!(row.duration_days, 0, "the table shows length 0");
    }
}

#[test]
fn ticking_and_unticking_keeps_one_truth() {
    let now = Utc.with_ymd_and_hms(2027, 1, 4, 8, 0, 0).unwrap();
    let project = Project::new("P", now);
    let mut step = Step::new(project.id, "Abnahme", now);
    step.duration_days = 3;
    step.set_milestone(true);
    assert!(step.is_milestone());
    assert_eq!((step.duration_days, step.scheduled_days()), (0, 0));
    step.set_milestone(false);
    assert!(!step.is_milestone());
    assert_eq!(step.scheduled_days(), 1, "work takes at least a day");
    assert!(step.validate().is_ok());
    // Length 0 alone does not make a milestone: it is refused.
    step.duration_days = 0;
    assert!(step.validate().is_err());
}
