//! Health of every planned or active project, from its live schedule (as
//! of today), its materials' order plans and its overdue follow-ups: the
//! adapter from records to `planning::health`.

use std::collections::HashMap;

use chrono::NaiveDate;

use crate::domain::{Dataset, MaterialId, MaterialStatus, ProjectId, ProjectStatus};
use crate::planning::{
    project_health, Health, HealthFacts, OrderPlan, OverdueFollowUp, OverdueOrder,
    ProcurementWarning, ScheduleError, WorkCalendar,
};

use super::procurement::material_plans;
use super::schedule::project_input;

/// Projects that get a health: planned or active ones (ideas are not
/// planned yet, paused and closed ones are not expected to move).
pub fn has_health(status: ProjectStatus) -> bool {
    matches!(status, ProjectStatus::Planned | ProjectStatus::Active)
}

/// The health of every planned or active project, in the dataset's order.
/// A project whose plan cannot be scheduled (a cycle) gets the error.
pub fn health_of_projects(
    data: &Dataset,
    calendar: &WorkCalendar,
    today: NaiveDate,
    max_storage_days: u32,
) -> Vec<(ProjectId, Result<Health, ScheduleError>)> {
    let plans = material_plans(data, calendar, today, max_storage_days);
    data.projects
        .iter()
        .filter(|p| has_health(p.status))
        .map(|p| (p.id, judge(data, p.id, calendar, today, &plans)))
        .collect()
}

/// The health of one project, or `None` if it is not planned or active.
pub fn health_of_project(
    data: &Dataset,
    project: ProjectId,
    calendar: &WorkCalendar,
    today: NaiveDate,
    max_storage_days: u32,
) -> Option<Result<Health, ScheduleError>> {
    let status = data.project(project)?.status;
    if !has_health(status) {
        return None;
    }
    let plans = material_plans(data, calendar, today, max_storage_days);
    Some(judge(data, project, calendar, today, &plans))
}

fn judge(
    data: &Dataset,
    project: ProjectId,
    calendar: &WorkCalendar,
    today: NaiveDate,
    plans: &HashMap<MaterialId, OrderPlan>,
) -> Result<Health, ScheduleError> {
    let input = project_input(data, project, today);
    let schedule = crate::planning::compute_schedule(&input, calendar)?;
    let overdue_orders = overdue_orders(data, project, plans);
    let overdue_follow_ups = overdue_follow_ups(data, project, today);
    Ok(project_health(
        &HealthFacts {
            today,
            input: &input,
            schedule: &schedule,
            overdue_orders: &overdue_orders,
            overdue_follow_ups: &overdue_follow_ups,
        },
        calendar,
    ))
}

/// Materials still to order whose order-by date has passed.
fn overdue_orders(
    data: &Dataset,
    project: ProjectId,
    plans: &HashMap<MaterialId, OrderPlan>,
) -> Vec<OverdueOrder> {
    data.materials_of(project)
        .into_iter()
        .filter(|m| m.status == MaterialStatus::ToOrder)
        .filter_map(|m| plans.get(&m.id))
        .filter(|plan| {
            plan.warnings
                .iter()
                .any(|w| matches!(w, ProcurementWarning::OrderOverdue { .. }))
        })
        .map(|plan| OverdueOrder {
            material: plan.material_id,
            order_by: plan.order_by,
        })
        .collect()
}

/// Follow-ups of the project due before today and not done.
fn overdue_follow_ups(
    data: &Dataset,
    project: ProjectId,
    today: NaiveDate,
) -> Vec<OverdueFollowUp> {
    data.communications_of(project)
        .into_iter()
        .filter(|c| !c.done)
        .filter_map(|c| {
            let due = c.follow_up.filter(|due| *due < today)?;
            Some(OverdueFollowUp {
                communication: c.id.0,
                due,
            })
        })
        .collect()
}
