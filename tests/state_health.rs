//! Project health: on track, at risk or late, each reason naming the step,
//! order or follow-up and the numbers.

use chefsache::domain::{
    Communication, Dataset, Dependency, Material, Project, ProjectStatus, Step, StepStatus,
};
use chefsache::planning::{FederalState, Health, HealthLevel, HealthReason, WorkCalendar};
use chefsache::state::health::{health_of_project, health_of_projects};
use chrono::{NaiveDate, TimeZone, Utc};

fn d(m: u32, day: u32) -> NaiveDate {
    let year = if m < 6 { 2027 } else { 2026 };
    NaiveDate::from_ymd_opt(year, m, day).unwrap()
}

fn now() -> chrono::DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 20, 9, 0, 0).unwrap()
}

fn nw() -> WorkCalendar {
    WorkCalendar::new(FederalState::NW, [])
}

/// From Monday 23 November: Konzept (5 days, done on time) → Backend
/// (5 days, planned 30 Nov – 4 Dec) → Go-live (milestone, 4 Dec).
struct Fixture {
    data: Dataset,
    project: Project,
    backend: Step,
}

fn fixture() -> Fixture {
    let mut project = Project::new("Webshop", now());
    project.status = ProjectStatus::Active;
    project.start = Some(d(11, 23));
    let mut konzept = Step::new(project.id, "Konzept", now());
    konzept.duration_days = 5;
    konzept.status = StepStatus::Done;
    konzept.actual_start = Some(d(11, 23));
    konzept.actual_finish = Some(d(11, 27));
    let mut backend = Step::new(project.id, "Backend", now());
    backend.duration_days = 5;
    backend.dependencies.push(Dependency::on(konzept.id));
    let mut golive = Step::new(project.id, "Go-live", now());
    golive.set_milestone(true);
    golive.dependencies.push(Dependency::on(backend.id));
    let data = Dataset {
        projects: vec![project.clone()].into(),
        steps: vec![konzept, backend.clone(), golive].into(),
        ..Dataset::default()
    };
    Fixture {
        data,
        project,
        backend,
    }
}

impl Fixture {
    fn health(&self, today: NaiveDate) -> Health {
        health_of_project(&self.data, self.project.id, &nw(), today, 10)
            .expect("an active project has a health")
            .expect("the plan can be scheduled")
    }

    fn set_deadline(&mut self, deadline: NaiveDate) {
        self.data.projects[0].deadline = Some(deadline);
    }

    fn backend_mut(&mut self) -> &mut Step {
        let id = self.backend.id;
        self.data.steps.iter_mut().find(|s| s.id == id).unwrap()
    }
}

#[test]
fn a_plan_on_time_is_on_track() {
    let f = fixture();
    let h = f.health(d(11, 30));
    assert_eq!(h.level, HealthLevel::OnTrack);
    assert!(h.reasons.is_empty(), "{:?}", h.reasons);
}

#[test]
fn a_critical_step_behind_puts_the_project_at_risk_and_moves_the_end() {
    // Backend has not started on Wednesday 2 December: 2 – 8 December.
    let f = fixture();
    let h = f.health(d(12, 2));
    assert_eq!(h.level, HealthLevel::AtRisk);
    assert_eq!(
        h.reasons,
        vec![
            HealthReason::EndMoved {
                from: d(12, 4),
                to: d(12, 8),
                days: 2
            },
            HealthReason::StepBehind {
                step: f.backend.id.0,
                days: 2,
                critical: true,
                end: Some((d(12, 4), d(12, 8))),
            },
        ],
        "the go-live only follows Backend, so it is no reason of its own"
    );
}

#[test]
fn an_end_after_the_deadline_is_late_and_names_the_step_driving_it() {
    let mut f = fixture();
    f.set_deadline(d(12, 4));
    let h = f.health(d(12, 2));
    assert_eq!(h.level, HealthLevel::Late);
    assert_eq!(
        h.reasons[0],
        HealthReason::DeadlineMissed {
            deadline: d(12, 4),
            end: d(12, 8),
            days: 2,
            driven_by: Some(f.backend.id.0),
        }
    );
    assert!(h.reasons.iter().any(|r| matches!(
        r,
        HealthReason::StepBehind { step, days: 2, critical: true, .. } if *step == f.backend.id.0
    )));
}

#[test]
fn little_room_before_the_deadline_is_a_risk() {
    let mut f = fixture();
    // Ends Friday 4 December; deadline Tuesday 8: 7 and 8 December spare.
    f.set_deadline(d(12, 8));
    let h = f.health(d(11, 30));
    assert_eq!(h.level, HealthLevel::AtRisk);
    assert_eq!(
        h.reasons,
        vec![HealthReason::LittleRoom {
            deadline: d(12, 8),
            end: d(12, 4),
            days: 2
        }]
    );
}

#[test]
fn a_deadline_with_room_keeps_a_late_step_off_the_list() {
    // Ends 29 December (after the slip), deadline 22 January: room.
    let mut f = fixture();
    f.set_deadline(d(1, 22));
    let h = f.health(d(12, 2));
    assert_eq!(h.level, HealthLevel::OnTrack, "{:?}", h.reasons);
}

#[test]
fn a_missed_step_deadline_is_late() {
    let mut f = fixture();
    f.backend_mut().deadline = Some(d(12, 4));
    let h = f.health(d(12, 2));
    assert_eq!(h.level, HealthLevel::Late);
    assert!(h.reasons.contains(&HealthReason::StepDeadlineMissed {
        step: f.backend.id.0,
        deadline: d(12, 4),
        finish: d(12, 8),
        days: 2,
    }));
}

#[test]
fn a_passed_fixed_start_is_a_risk() {
    let mut f = fixture();
    f.backend_mut().planned_start = Some(d(11, 30));
    let h = f.health(d(12, 2));
    assert!(h.reasons.contains(&HealthReason::StartMissed {
        step: f.backend.id.0,
        fixed_start: d(11, 30),
        days: 2,
    }));
}

#[test]
fn started_work_on_time_is_on_track_and_behind_is_a_risk() {
    let mut f = fixture();
    let backend = f.backend_mut();
    backend.status = StepStatus::InProgress;
    backend.actual_start = Some(d(11, 30));
    backend.progress = 40;
    // 40 % of 5 days done by Wednesday: 3 days left, 2 – 4 December.
    assert_eq!(f.health(d(12, 2)).level, HealthLevel::OnTrack);
    // Only 20 %: 4 days left, ends 7 December.
    f.backend_mut().progress = 20;
    let h = f.health(d(12, 2));
    assert_eq!(h.level, HealthLevel::AtRisk);
    assert!(h
        .reasons
        .iter()
        .any(|r| matches!(r, HealthReason::StepBehind { days: 1, .. })));
}

#[test]
fn an_overdue_order_is_a_risk_naming_the_material() {
    let mut f = fixture();
    let mut server = Material::new(f.project.id, "Server", now());
    server.step = Some(f.backend.id);
    server.lead_time_days = 5;
    let material = server.id.0;
    f.data.materials.push(server);
    // Order by 23 November (5 working days before 30 November).
    let h = f.health(d(11, 25));
    assert_eq!(h.level, HealthLevel::AtRisk);
    assert_eq!(
        h.reasons,
        vec![HealthReason::OrderOverdue {
            material,
            order_by: d(11, 23),
            days: 2
        }]
    );
}

#[test]
fn an_overdue_follow_up_is_a_risk_and_one_due_today_is_not() {
    let mut f = fixture();
    let mut call = Communication::new(now(), "Angebot nachfassen", now());
    call.project = Some(f.project.id);
    call.follow_up = Some(d(11, 26));
    let id = call.id.0;
    f.data.communications.push(call);
    assert_eq!(f.health(d(11, 26)).level, HealthLevel::OnTrack);
    let h = f.health(d(11, 30));
    assert_eq!(
        h.reasons,
        vec![HealthReason::FollowUpOverdue {
            communication: id,
            due: d(11, 26),
            days: 4
        }]
    );
}

#[test]
fn only_planned_and_active_projects_have_a_health() {
    let mut f = fixture();
    f.data.projects[0].status = ProjectStatus::Idea;
    assert!(health_of_project(&f.data, f.project.id, &nw(), d(12, 2), 10).is_none());
    assert!(health_of_projects(&f.data, &nw(), d(12, 2), 10).is_empty());
}

#[test]
fn the_schedule_is_live_for_open_projects_and_history_for_closed_ones() {
    use chefsache::state::schedule::project_schedule;
    let mut f = fixture();
    let live = project_schedule(&f.data, f.project.id, &nw(), d(12, 2)).unwrap();
    assert_eq!(live.project_end, Some(d(12, 8)), "Backend starts today");
    assert_eq!(live.planned_end, Some(d(12, 4)));
    f.data.projects[0].status = ProjectStatus::Done;
    let history = project_schedule(&f.data, f.project.id, &nw(), d(12, 2)).unwrap();
    assert_eq!(
        history.project_end,
        Some(d(12, 4)),
        "a closed plan stays as it was"
    );
}
