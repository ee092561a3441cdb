//! From stored steps to the planning engine and back: the thin adapter the
//! planning module leaves outside itself.

use chrono::NaiveDate;

use crate::domain::{Dataset, ProjectId, Step, StepStatus};
use crate::planning::{
    compute_schedule, PlanProgress, PlanStep, Schedule, ScheduleError, ScheduleInput, WorkCalendar,
};

/// The scheduler's view of one step: a step with a fixed date starts
/// then; a milestone has length 0 (the engine's milestone); what really
/// happened is its progress, which counts in a live plan (one with a
/// status date, see `planning::schedule`).
pub fn plan_step(step: &Step) -> PlanStep {
    let mut plan = PlanStep::new(step.id.0, step.title.clone(), step.scheduled_days());
    plan.predecessors = step
        .dependencies
        .iter()
        .map(|d| (d.predecessor.0, d.lag_days))
        .collect();
    plan.fixed_start = step.planned_start;
    plan.deadline = step.deadline;
    plan.progress = plan_progress(step);
    plan
}

/// What really happened to a step, for the live plan. Work in progress
/// without a recorded start (older data) counts as started at its fixed
/// date, else as still open; a done step without dates stays as planned.
pub fn plan_progress(step: &Step) -> PlanProgress {
    match step.status {
        StepStatus::Todo | StepStatus::Cancelled => PlanProgress::Open,
        StepStatus::InProgress | StepStatus::Blocked => {
            match step.actual_start.or(step.planned_start) {
                Some(on) => PlanProgress::Started {
                    on,
                    remaining_days: step.remaining_working_days(),
                },
                None => PlanProgress::Open,
            }
        }
        StepStatus::Done => match (step.actual_start, step.actual_finish) {
            (Some(started), Some(finished)) => PlanProgress::Done { started, finished },
            (None, Some(finished)) => PlanProgress::Done {
                started: finished,
                finished,
            },
            _ => PlanProgress::DoneAsPlanned,
        },
    }
}

/// Where a project's plan starts: its own start date, else today.
pub fn project_start(data: &Dataset, project: ProjectId, today: NaiveDate) -> NaiveDate {
    data.project(project).and_then(|p| p.start).unwrap_or(today)
}

/// The live schedule input of one project, as of `today` (the status
/// date; none for a done or cancelled project), with float measured to
/// the project's deadline if it has one.
/// Cancelled steps drop out: their successors no longer wait for them.
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
    let mut input = ScheduleInput::new(project_start(data, project, today), plan);
    let record = data.project(project);
    // A finished or dropped project is history: its plan stays as it was.
    let open = record.is_some_and(|p| !p.status.is_closed());
    input.status_date = open.then_some(today);
    input.project_deadline = record.and_then(|p| p.deadline);
    input
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
