//! From stored steps to the planning engine and back: the thin adapter the
//! planning module leaves outside itself.

use chrono::NaiveDate;

use crate::domain::{Dataset, ProjectId, Step, StepStatus};
use crate::planning::{
    compute_schedule, PlanStep, Schedule, ScheduleError, ScheduleInput, WorkCalendar,
};

/// The scheduler's view of one step. A step that really started counts
/// from its actual start; a step with a fixed date from that date; a
/// milestone has length 0 (the engine's milestone).
pub fn plan_step(step: &Step) -> PlanStep {
    let mut plan = PlanStep::new(step.id.0, step.title.clone(), step.scheduled_days());
    plan.predecessors = step
        .dependencies
        .iter()
        .map(|d| (d.predecessor.0, d.lag_days))
        .collect();
    plan.fixed_start = step.actual_start.or(step.planned_start);
    plan.deadline = step.deadline;
    plan
}

/// Where a project's plan starts: its own start date, else today.
pub fn project_start(data: &Dataset, project: ProjectId, today: NaiveDate) -> NaiveDate {
    data.project(project).and_then(|p| p.start).unwrap_or(today)
}

/// The schedule input of one project. Cancelled steps drop out: their
/// successors no longer wait for them.
pub fn project_input(data: &Dataset, project: ProjectId, today: NaiveDate) -> ScheduleInput {
    let steps: Vec<&Step> = data
        .steps_of(project)
        .into_iter()
        .filter(|s| s.status != StepStatus::Cancelled)
        .collect();
    let kept: std::collections::HashSet<_> = steps.iter().map(|s| s.id.0).collect();
    let plan = steps
        .into_iter()
        .map(|s| {
            let mut p = plan_step(s);
            p.predecessors.retain(|(pred, _)| kept.contains(pred));
            p
        })
        .collect();
    ScheduleInput::new(project_start(data, project, today), plan)
}

/// The computed dates of one project's steps.
pub fn project_schedule(
    data: &Dataset,
    project: ProjectId,
    calendar: &WorkCalendar,
    today: NaiveDate,
) -> Result<Schedule, ScheduleError> {
    compute_schedule(&project_input(data, project, today), calendar)
}
