//! Labour capacity across projects: who works how many hours in which
//! week, against their capacity, and levelling an overloaded person by
//! delaying their steps (with their chains) within the room to each
//! project's deadline or end.

use std::collections::HashMap;

use chrono::{DateTime, NaiveDate, Utc};
use uuid::Uuid;

use crate::domain::{Assignee, Dataset, Priority, Role, StepId, StepStatus};
use crate::planning::{
    level, weekly_load, Assignment, LevelingResult, Person, PlanStep, ScheduleError, ScheduleInput,
    StuckReason, WeekLoad, WorkCalendar, WorkItem,
};
use crate::store::ChangeSet;

use super::schedule::{project_input, project_schedule};

/// The id the planner uses for "me": the person using the app.
pub const ME: Uuid = Uuid::nil();

/// The planner's id for an assignee.
pub fn person_id(assignee: Assignee) -> Uuid {
    assignee.contact().map(|c| c.0).unwrap_or(ME)
}

/// Me and every collaborator, with capacity and days off.
pub fn people(data: &Dataset, my_capacity: f64, my_days_off: &[NaiveDate]) -> Vec<Person> {
    let mut people = vec![Person {
        id: ME,
        weekly_capacity_hours: my_capacity,
        days_off: my_days_off.iter().copied().collect(),
    }];
    people.extend(
        data.contacts
            .iter()
            .filter(|c| c.has_role(Role::Collaborator))
            .map(|c| Person {
                id: c.id.0,
                weekly_capacity_hours: c.weekly_capacity_hours.unwrap_or(40.0),
                days_off: c.days_off.iter().copied().collect(),
            }),
    );
    people
}

/// Open steps with effort, placed at their computed dates.
pub fn work_items(data: &Dataset, calendar: &WorkCalendar, today: NaiveDate) -> Vec<WorkItem> {
    let mut items = Vec::new();
    for project in data.projects.iter().filter(|p| !p.status.is_closed()) {
        let Ok(schedule) = project_schedule(data, project.id, calendar, today) else {
            continue;
        };
        for step in data.steps_of(project.id) {
            if step.status.is_closed() || step.effort_hours <= 0.0 {
                continue;
            }
            let Some(dates) = schedule.step(step.id.0) else {
                continue;
            };
            items.push(WorkItem {
                step_id: step.id.0,
                person: person_id(step.assignee),
                start: dates.earliest_start,
                duration_days: step.scheduled_days(),
                effort_hours: step.effort_hours,
            });
        }
    }
    items
}

/// Planned hours against capacity per person and ISO week.
pub fn loads(
    data: &Dataset,
    calendar: &WorkCalendar,
    today: NaiveDate,
    people: &[Person],
) -> Vec<WeekLoad> {
    weekly_load(calendar, &work_items(data, calendar, today), people)
}

/// All open projects as one plan, so that levelling sees every project's
/// load at once. Each project keeps its own start (a synthetic fixed
/// milestone its first steps wait for) and its own end (every step gets the
/// project's latest allowed end — its deadline, or where it ends now — as
/// deadline unless it has an earlier one), so levelling never pushes a
/// project past that.
pub fn combined_input(data: &Dataset, calendar: &WorkCalendar, today: NaiveDate) -> ScheduleInput {
    let mut steps = Vec::new();
    let mut start = today;
    for project in data.projects.iter().filter(|p| !p.status.is_closed()) {
        let input = project_input(data, project.id, today);
        let Ok(schedule) = crate::planning::compute_schedule(&input, calendar) else {
            continue;
        };
        start = start.min(input.project_start);
        let anchor = Uuid::new_v5(&Uuid::NAMESPACE_OID, project.id.0.as_bytes());
        let mut origin = PlanStep::new(anchor, format!("Start {}", project.name), 0);
        origin.fixed_start = Some(input.project_start);
        steps.push(origin);
        // The latest the project may end: its deadline or its steps'
        // deadlines when they leave room, else where it ends now.
        let allowed_end = input
            .steps
            .iter()
            .filter_map(|s| s.deadline)
            .chain(project.deadline)
            .chain(schedule.project_end)
            .max();
        for mut step in input.steps {
            if step.predecessors.is_empty() {
                step.predecessors.push((anchor, -1));
            }
            step.deadline = match (step.deadline, allowed_end) {
                (Some(own), Some(end)) => Some(own.min(end)),
                (own, end) => own.or(end),
            };
            steps.push(step);
        }
    }
    let mut input = ScheduleInput::new(start, steps);
    // The room is each project's allowed end (every step carries it as its
    // deadline), not the end of whichever project ends last: without this
    // anchor a project's deadline gave no room unless another project
    // happened to end later.
    input.anchor = crate::planning::BackwardAnchor::LatestDeadline;
    // Live, like each project's own plan: nothing open before today, and
    // started or done work stays where reality put it.
    input.status_date = Some(today);
    input
}

/// Delays the person's steps (with their chains) within the room to each
/// project's deadline or end until their weeks fit, if possible. Returns
/// every move and, for any overload left, why each step stayed.
pub fn level_person(
    data: &Dataset,
    calendar: &WorkCalendar,
    today: NaiveDate,
    person: &Person,
) -> Result<LevelingResult, ScheduleError> {
    let input = combined_input(data, calendar, today);
    let project_priority: HashMap<_, _> =
        data.projects.iter().map(|p| (p.id, p.priority)).collect();
    let assignments: Vec<Assignment> = data
        .steps
        .iter()
        .filter(|s| {
            !s.status.is_closed() && s.status != StepStatus::Cancelled && s.effort_hours > 0.0
        })
        .map(|s| Assignment {
            step_id: s.id.0,
            person: person_id(s.assignee),
            effort_hours: s.effort_hours,
            priority: match project_priority
                .get(&s.project)
                .copied()
                .unwrap_or_default()
            {
                Priority::Low => 0,
                Priority::Normal => 1,
                Priority::High => 2,
                Priority::Urgent => 3,
            },
        })
        .collect();
    level(calendar, &input, &assignments, person)
}

/// One step the levelling moved, named for the report.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MovedStep {
    pub title: String,
    /// Working days later than before.
    pub days: i64,
    /// The step whose move took this one along, if it was pushed.
    pub pushed_by: Option<String>,
}

/// One step left in an overloaded week, with the reason and, for a
/// blocked chain, the successor that blocks it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StuckLine {
    pub title: String,
    pub reason: StuckReason,
    pub blocker: Option<String>,
}

/// What a levelling did, in step titles: the report the person reads, and
/// the one change set that carries out every move (one undo takes all of
/// it back).
#[derive(Debug, Clone, PartialEq)]
pub struct LevelingReport {
    pub moved: Vec<MovedStep>,
    pub stuck: Vec<StuckLine>,
    /// ISO weeks still overloaded.
    pub weeks: Vec<u32>,
    pub changes: ChangeSet,
}

/// Names the moves and reasons of `result` and builds its change: every
/// moved step is pinned to its new start. A move of a step that is gone
/// (deleted meanwhile) is left out of both.
pub fn leveling_report(
    data: &Dataset,
    result: &LevelingResult,
    now: DateTime<Utc>,
) -> LevelingReport {
    let title = |id: Uuid| data.step(StepId(id)).map(|s| s.title.clone());
    let mut changes = ChangeSet::new();
    let mut moved = Vec::new();
    for m in &result.moves {
        let Ok(set) =
            super::commands::reschedule_step(data, StepId(m.step_id), Some(m.new_start), None, now)
        else {
            continue;
        };
        changes.changes.extend(set.changes);
        moved.push(MovedStep {
            title: title(m.step_id).unwrap_or_default(),
            days: m.delay_days,
            pushed_by: m.pushed_by.and_then(title),
        });
    }
    let stuck = result
        .stuck
        .iter()
        .map(|s| StuckLine {
            title: title(s.step_id).unwrap_or_default(),
            reason: s.reason,
            blocker: match s.reason {
                StuckReason::ChainBlocked { step, .. } => title(step),
                _ => None,
            },
        })
        .collect();
    let mut weeks: Vec<u32> = result
        .remaining_overload
        .iter()
        .map(|w| w.iso_week)
        .collect();
    weeks.dedup();
    LevelingReport {
        moved,
        stuck,
        weeks,
        changes,
    }
}

/// One person's weeks in one project: the project's hours beside the
/// person's whole load and capacity, for the project page's workload part.
#[derive(Debug, Clone, PartialEq)]
pub struct ProjectWeek {
    pub project_hours: f64,
    pub total_hours: f64,
    pub capacity_hours: f64,
    pub overloaded: bool,
}

/// For each person with hours in `project` (in `people` order), their
/// `weeks` (ISO year, week): the project's share and the whole load.
pub fn project_workload(
    data: &Dataset,
    calendar: &WorkCalendar,
    today: NaiveDate,
    people: &[Person],
    project: crate::domain::ProjectId,
    weeks: &[(i32, u32)],
) -> Vec<(Uuid, Vec<ProjectWeek>)> {
    let items = work_items(data, calendar, today);
    let in_project: Vec<WorkItem> = items
        .iter()
        .filter(|i| {
            data.step(crate::domain::StepId(i.step_id))
                .is_some_and(|s| s.project == project)
        })
        .cloned()
        .collect();
    let all = weekly_load(calendar, &items, people);
    let mine = weekly_load(calendar, &in_project, people);
    let find = |list: &[WeekLoad], who: Uuid, (y, w): (i32, u32)| {
        list.iter()
            .find(|l| l.person == who && l.iso_year == y && l.iso_week == w)
            .cloned()
    };
    people
        .iter()
        .filter(|p| mine.iter().any(|l| l.person == p.id))
        .map(|p| {
            let row = weeks
                .iter()
                .map(|&week| {
                    let total = find(&all, p.id, week);
                    ProjectWeek {
                        project_hours: find(&mine, p.id, week).map_or(0.0, |l| l.planned_hours),
                        total_hours: total.as_ref().map_or(0.0, |l| l.planned_hours),
                        capacity_hours: total.as_ref().map_or_else(
                            || crate::planning::week_capacity(calendar, Some(p), week),
                            |l| l.capacity_hours,
                        ),
                        overloaded: total.is_some_and(|l| l.overloaded),
                    }
                })
                .collect();
            (p.id, row)
        })
        .collect()
}

/// The ISO weeks (year, week) of `count` weeks from the one holding `today`:
/// the columns of every workload table.
pub fn weeks_from(today: NaiveDate, count: i64) -> Vec<(i32, u32)> {
    use chrono::Datelike;
    (0..count)
        .map(|i| {
            let w = (today + chrono::Duration::weeks(i)).iso_week();
            (w.year(), w.week())
        })
        .collect()
}

/// The name of the planner's person `id`: a collaborator's contact name,
/// `None` for "me" (the UI says "Ich" / "Me") and for an unknown id.
pub fn person_name(data: &Dataset, id: Uuid) -> Option<String> {
    (id != ME)
        .then(|| data.contact(crate::domain::ContactId(id)))
        .flatten()
        .map(|c| c.name.clone())
}
