//! Staffing a project: for each work area whose open steps nobody from the
//! network has yet (they are still the person's own), the collaborators
//! whose skills match, ranked, each with the reasons a person would weigh
//! (free hours in those weeks, how their estimates held, their rate); and
//! what assigning one would do to the plan and the money before it is
//! confirmed.

use std::collections::BTreeSet;

use chrono::{DateTime, NaiveDate, Utc};

use crate::domain::{Assignee, ContactId, Dataset, Money, ProjectId, Role, StepId, StepStatus};
use crate::planning::WorkCalendar;
use crate::store::{AnyRecord, ChangeSet};

use super::analysis::{estimate_accuracy, AccuracyKey};
use super::workload::{loads, people, work_items};

/// An ISO week (ISO year, week number).
pub type Week = (i32, u32);

/// A collaborator who could take a work area, with the reasons.
#[derive(Debug, Clone, PartialEq)]
pub struct Suggestion {
    pub contact: ContactId,
    pub name: String,
    /// Hours they have free in the weeks the area's steps are planned in.
    pub free_hours: f64,
    /// Whether that covers the area's hours.
    pub fits: bool,
    /// Booked / planned hours on their finished steps, and how many steps.
    pub accuracy: Option<(f64, usize)>,
    pub hourly_rate: Option<Money>,
}

/// A work area of the project whose open steps are still the person's own.
#[derive(Debug, Clone, PartialEq)]
pub struct AreaNeed {
    pub work_area: String,
    pub steps: Vec<StepId>,
    /// Their planned hours.
    pub hours: f64,
    /// The first and last week they are planned in.
    pub weeks: Option<(Week, Week)>,
    /// Best first: those who fit, then whose estimates held best (known
    /// before unknown), then the lower rate.
    pub suggestions: Vec<Suggestion>,
}

/// Whether `skills` name `work_area` (case and surrounding spaces ignored).
pub fn has_skill(skills: &[String], work_area: &str) -> bool {
    let wanted = work_area.trim().to_lowercase();
    skills.iter().any(|s| s.trim().to_lowercase() == wanted)
}

/// The open steps of `project` still assigned to the person, by work area,
/// each with the matching collaborators ranked.
pub fn staffing_needs(
    data: &Dataset,
    calendar: &WorkCalendar,
    today: NaiveDate,
    project: ProjectId,
    my_capacity: f64,
    my_days_off: &[NaiveDate],
) -> Vec<AreaNeed> {
    let everyone = people(data, my_capacity, my_days_off);
    let week_loads = loads(data, calendar, today, &everyone);
    let items = work_items(data, calendar, today);
    let accuracy = estimate_accuracy(data);

    let mut areas: Vec<String> = Vec::new();
    for step in data.steps_of(project) {
        if let Some(area) = &step.work_area {
            if step.assignee == Assignee::Me && !step.status.is_closed() && !areas.contains(area) {
                areas.push(area.clone());
            }
        }
    }
    // The project's own order of work areas, then any others.
    if let Some(p) = data.project(project) {
        areas.sort_by_key(|a| {
            p.work_areas
                .iter()
                .position(|w| w == a)
                .unwrap_or(usize::MAX)
        });
    }

    areas
        .into_iter()
        .map(|area| {
            let mut steps: Vec<&crate::domain::Step> = data
                .steps_of(project)
                .into_iter()
                .filter(|s| {
                    s.assignee == Assignee::Me
                        && !s.status.is_closed()
                        && s.status != StepStatus::Cancelled
                        && s.work_area.as_deref() == Some(area.as_str())
                })
                .collect();
            steps.sort_by_key(|s| s.sort_order);
            let hours: f64 = steps.iter().map(|s| s.effort_hours.max(0.0)).sum();
            // The weeks the steps' work falls in.
            let mut weeks: BTreeSet<Week> = BTreeSet::new();
            for item in items
                .iter()
                .filter(|i| steps.iter().any(|s| s.id.0 == i.step_id))
            {
                let mut day = item.start;
                for _ in 0..item.duration_days.clamp(1, 400) {
                    let w = chrono::Datelike::iso_week(&day);
                    weeks.insert((w.year(), w.week()));
                    match calendar.next_working_day(day) {
                        Some(next) => day = next,
                        None => break,
                    }
                }
            }
            let span = weeks.first().copied().zip(weeks.last().copied());
            let mut suggestions: Vec<Suggestion> = data
                .contacts
                .iter()
                .filter(|c| c.has_role(Role::Collaborator) && has_skill(&c.skills, &area))
                .map(|c| {
                    let person = everyone.iter().find(|p| p.id == c.id.0);
                    let free_hours: f64 = weeks
                        .iter()
                        .map(|week| {
                            let load = week_loads
                                .iter()
                                .find(|l| l.person == c.id.0 && (l.iso_year, l.iso_week) == *week);
                            let capacity = load.map(|l| l.capacity_hours).unwrap_or_else(|| {
                                crate::planning::week_capacity(calendar, person, *week)
                            });
                            let planned = load.map_or(0.0, |l| l.planned_hours);
                            (capacity - planned).max(0.0)
                        })
                        .sum();
                    let accuracy = accuracy
                        .iter()
                        .find(|a| a.key == AccuracyKey::Person(Assignee::Contact(c.id)))
                        .map(|a| (a.ratio(), a.steps));
                    Suggestion {
                        contact: c.id,
                        name: c.name.clone(),
                        free_hours,
                        fits: free_hours + 1e-9 >= hours,
                        accuracy,
                        hourly_rate: c.hourly_rate,
                    }
                })
                .collect();
            suggestions.sort_by(|a, b| {
                let off = |s: &Suggestion| s.accuracy.map_or(f64::MAX, |(r, _)| (r - 1.0).abs());
                b.fits
                    .cmp(&a.fits)
                    .then(off(a).total_cmp(&off(b)))
                    .then(
                        a.hourly_rate
                            .map_or(i64::MAX, |m| m.0)
                            .cmp(&b.hourly_rate.map_or(i64::MAX, |m| m.0)),
                    )
                    .then(a.name.cmp(&b.name))
            });
            AreaNeed {
                work_area: area,
                steps: steps.iter().map(|s| s.id).collect(),
                hours,
                weeks: span,
                suggestions,
            }
        })
        .collect()
}

/// What assigning a work area to a collaborator would do.
#[derive(Debug, Clone, PartialEq)]
pub struct AssignmentEffect {
    /// The project's end now, and after the assignment once the
    /// collaborator's weeks are levelled (within float where there is
    /// some; later where there is not).
    pub end_before: Option<NaiveDate>,
    pub end_after: Option<NaiveDate>,
    /// Steps levelling would move, with working days.
    pub moved: Vec<(String, i64)>,
    /// Bought-in labour: their rate × the area's hours.
    pub added_cost: Money,
    /// Planned margin (revenue − planned cost) before, and after adding
    /// that labour.
    pub margin_before: Money,
    pub margin_after: Money,
    /// The change that assigns the steps (and carries the levelling's
    /// moves): one undo takes it all back.
    pub changes: ChangeSet,
}

/// Assigns `steps` to `contact`, levels the collaborator's weeks, and
/// reports the effect; nothing is written until the person confirms with
/// the returned change.
pub fn assignment_effect(
    data: &Dataset,
    calendar: &WorkCalendar,
    today: NaiveDate,
    project: ProjectId,
    steps: &[StepId],
    contact: ContactId,
    now: DateTime<Utc>,
) -> Option<AssignmentEffect> {
    let the_project = data.project(project)?;
    let person = data.contact(contact)?;
    let end_of = |d: &Dataset| {
        super::schedule::project_schedule(d, project, calendar, today)
            .ok()
            .and_then(|s| s.project_end)
    };
    let end_before = end_of(data);

    let mut changes = ChangeSet::new();
    let mut assigned = data.clone();
    let mut hours = 0.0;
    for id in steps {
        let Some(step) = data.step(*id) else { continue };
        let mut step = step.clone();
        step.assignee = Assignee::Contact(contact);
        hours += step.effort_hours.max(0.0);
        let set = super::commands::save(&assigned, AnyRecord::Step(step), now);
        set.apply_to(&mut assigned);
        changes.changes.extend(set.changes);
    }

    let mut moved = Vec::new();
    let mut after = assigned.clone();
    let everyone = people(&assigned, 0.0, &[]);
    if let Some(planner) = everyone.iter().find(|p| p.id == contact.0) {
        if let Ok(result) = super::workload::level_person(&assigned, calendar, today, planner) {
            let report = super::workload::leveling_report(&assigned, &result, now);
            report.changes.apply_to(&mut after);
            moved = report
                .moved
                .iter()
                .map(|m| (m.title.clone(), m.days))
                .collect();
            changes.changes.extend(report.changes.changes);
        }
    }
    let added_cost = person
        .hourly_rate
        .map_or(Money::ZERO, |rate| rate.times(hours));
    let margin_before = the_project.planned_margin();
    Some(AssignmentEffect {
        end_before,
        end_after: end_of(&after),
        moved,
        added_cost,
        margin_before,
        margin_after: margin_before - added_cost,
        changes,
    })
}
