//! "What to work on next" across all planned and active projects: their
//! open steps from the live schedules, ranked by `planning::ranking`.

use std::collections::HashMap;

use chrono::{Duration, NaiveDate};
use uuid::Uuid;

use crate::domain::{Category, Dataset, Priority, Project, StepStatus};
use crate::planning::{rank, Candidate, Pin, RankedItem, WorkCalendar, WorkKind};

use super::health::has_health;
use super::schedule::project_schedule;

/// Steps starting later than this many calendar days from today are not
/// "next": they would only lengthen the list.
pub const HORIZON_DAYS: i64 = 14;

/// The kind of work a project's category stands for.
pub fn work_kind(category: Category) -> WorkKind {
    match category {
        Category::ClientProject => WorkKind::ClientProject,
        Category::OwnProject => WorkKind::OwnProject,
        Category::DailyBusiness => WorkKind::DailyBusiness,
        Category::SideActivity => WorkKind::SideActivity,
    }
}

fn priority_level(priority: Priority) -> u8 {
    match priority {
        Priority::Low => 0,
        Priority::Normal => 1,
        Priority::High => 2,
        Priority::Urgent => 3,
    }
}

/// Open steps (to do or in progress, not blocked) of planned and active
/// projects that can start within [`HORIZON_DAYS`], ranked with reasons.
/// `pins` are the person's own choices, kept by the caller (step id →
/// pinned or pushed back).
pub fn next_to_work_on(
    data: &Dataset,
    calendar: &WorkCalendar,
    today: NaiveDate,
    pins: &HashMap<Uuid, Pin>,
) -> Vec<RankedItem> {
    let horizon = today + Duration::days(HORIZON_DAYS);
    let candidates: Vec<Candidate> = data
        .projects
        .iter()
        .filter(|p| has_health(p.status))
        .flat_map(|p| candidates_of(data, p, calendar, today))
        .filter(|c| c.earliest_start <= horizon)
        .collect();
    rank(&candidates, pins, today)
}

fn candidates_of(
    data: &Dataset,
    project: &Project,
    calendar: &WorkCalendar,
    today: NaiveDate,
) -> Vec<Candidate> {
    let Ok(schedule) = project_schedule(data, project.id, calendar, today) else {
        return Vec::new();
    };
    data.steps_of(project.id)
        .into_iter()
        .filter(|s| matches!(s.status, StepStatus::Todo | StepStatus::InProgress))
        .filter(|s| !s.is_milestone())
        .filter_map(|s| {
            let dates = schedule.step(s.id.0)?;
            Some(Candidate {
                step: s.id.0,
                project: project.id.0,
                kind: work_kind(project.category),
                priority: priority_level(project.priority),
                deadline: s.deadline.or(project.deadline),
                earliest_start: dates.earliest_start,
                total_float: dates.total_float,
                critical: dates.critical,
                late_days: dates.start_late_days.max(dates.deadline_late_days),
            })
        })
        .collect()
}
