//! Freezing a project's plan as a baseline (see `domain::baseline`).
//!
//! The baseline takes the dates of the live schedule (today as status
//! date), so a project that is already running freezes where it really
//! stands, not where its first draft put it.

use std::collections::HashMap;

use chrono::{DateTime, NaiveDate, Utc};

use crate::domain::{
    Baseline, BaselineMaterial, BaselineStep, Dataset, Project, ProjectId, ProjectStatus,
    RecordKind, StepStatus,
};
use crate::planning::WorkCalendar;
use crate::store::{AnyRecord, ChangeSet, RecordKey};

use super::schedule::project_schedule;
use super::CommandError;

/// The plan of `project` as of `today`, taken at `now`. Cancelled steps are
/// not part of the plan. If the plan cannot be scheduled (it always can once
/// the domain rules hold), steps keep their own planned start, and steps
/// without one are left out.
pub fn freeze_baseline(
    data: &Dataset,
    project: &Project,
    calendar: &WorkCalendar,
    today: NaiveDate,
    now: DateTime<Utc>,
    note: &str,
) -> Baseline {
    let schedule = project_schedule(data, project.id, calendar, today).ok();
    let dates: HashMap<_, _> = schedule
        .iter()
        .flat_map(|s| s.steps.iter())
        .map(|s| (s.id, (s.earliest_start, s.earliest_finish)))
        .collect();
    let steps: Vec<BaselineStep> = data
        .steps_of(project.id)
        .into_iter()
        .filter(|s| s.status != StepStatus::Cancelled)
        .filter_map(|s| {
            let (start, finish) = dates.get(&s.id.0).copied().or_else(|| {
                let start = s.planned_start?;
                let days = i64::from(s.scheduled_days().max(1)) - 1;
                Some((start, calendar.add_working_days(start, days)?))
            })?;
            Some(BaselineStep {
                step: s.id,
                title: s.title.clone(),
                work_area: s.work_area.clone(),
                start,
                finish,
                effort_hours: s.effort_hours,
                milestone: s.is_milestone(),
            })
        })
        .collect();
    let start_of: HashMap<_, _> = steps.iter().map(|s| (s.step, s.start)).collect();
    let materials = data
        .materials_of(project.id)
        .into_iter()
        .map(|m| BaselineMaterial {
            material: m.id,
            name: m.name.clone(),
            quantity: m.quantity,
            unit_cost: m.unit_cost,
            needed_by: m.step.and_then(|s| start_of.get(&s).copied()),
        })
        .collect();
    Baseline {
        taken: now,
        note: note.trim().to_owned(),
        steps,
        materials,
        planned_revenue: project.planned_revenue,
        planned_cost: project.planned_cost,
    }
}

/// Re-baselines `project` with `note`: a new baseline is added, the
/// earlier ones stay selectable.
pub fn take_baseline(
    data: &Dataset,
    project: ProjectId,
    calendar: &WorkCalendar,
    today: NaiveDate,
    now: DateTime<Utc>,
    note: &str,
) -> Result<ChangeSet, CommandError> {
    let current = data
        .project(project)
        .ok_or(CommandError::NotFound(RecordKey {
            kind: RecordKind::Project,
            id: project.0,
        }))?;
    let mut updated = current.clone();
    let baseline = freeze_baseline(data, current, calendar, today, now, note);
    updated.baselines.push(baseline);
    Ok(ChangeSet::new().put(AnyRecord::Project(updated).touched(now, false)))
}

/// Gives `project` its first baseline when it becomes active: called with
/// the project about to be saved. Does nothing for any other status, or if
/// it has a baseline already (re-activating a paused project keeps it).
pub fn with_first_baseline(
    data: &Dataset,
    mut project: Project,
    calendar: &WorkCalendar,
    today: NaiveDate,
    now: DateTime<Utc>,
) -> Project {
    if project.status == ProjectStatus::Active && project.baselines.is_empty() {
        let baseline = freeze_baseline(data, &project, calendar, today, now, "");
        project.baselines.push(baseline);
    }
    project
}
