//! One collaborator of the network: the steps assigned to them across the
//! open projects, with the live schedule's dates and their hours, and
//! their track record (steps done per work area, and how their booked
//! hours compared with the estimates, from `analysis::estimate_accuracy`).

use std::collections::{BTreeMap, HashMap};

use chrono::NaiveDate;

use crate::domain::{Assignee, ContactId, Dataset, ProjectId, StepId, StepStatus};
use crate::planning::WorkCalendar;

use super::analysis::{estimate_accuracy, Accuracy, AccuracyKey};
use super::schedule::project_schedule;

/// One step assigned to the collaborator.
#[derive(Debug, Clone, PartialEq)]
pub struct AssignedStep {
    pub project: ProjectId,
    pub project_name: String,
    pub step: StepId,
    pub title: String,
    pub work_area: Option<String>,
    /// First and last working day in the live schedule; `None` when the
    /// project's plan cannot be computed (a dependency loop).
    pub dates: Option<(NaiveDate, NaiveDate)>,
    pub planned_hours: f64,
    /// The hours the collaborator booked on it.
    pub booked_hours: f64,
    pub status: StepStatus,
}

/// The steps assigned to `contact` in the projects that are not closed
/// (done steps included, cancelled ones not), by start date; steps
/// without dates last. Closed projects are history: they count in the
/// track record instead.
pub fn assigned_steps(
    data: &Dataset,
    contact: ContactId,
    calendar: &WorkCalendar,
    today: NaiveDate,
) -> Vec<AssignedStep> {
    let who = Assignee::Contact(contact);
    let booked = booked_by(data, who);
    let mut out = Vec::new();
    for project in data.projects.iter().filter(|p| !p.status.is_closed()) {
        let steps: Vec<_> = data
            .steps_of(project.id)
            .into_iter()
            .filter(|s| s.assignee == who && s.status != StepStatus::Cancelled)
            .collect();
        if steps.is_empty() {
            continue;
        }
        let schedule = project_schedule(data, project.id, calendar, today).ok();
        for s in steps {
            let dates = schedule
                .as_ref()
                .and_then(|sch| sch.step(s.id.0))
                .map(|d| (d.earliest_start, d.earliest_finish));
            out.push(AssignedStep {
                project: project.id,
                project_name: project.name.clone(),
                step: s.id,
                title: s.title.clone(),
                work_area: s.work_area.clone(),
                dates,
                planned_hours: s.effort_hours,
                booked_hours: booked.get(&s.id).copied().unwrap_or(0.0),
                status: s.status,
            });
        }
    }
    out.sort_by(|a, b| {
        (a.dates.is_none(), a.dates, &a.project_name, &a.title).cmp(&(
            b.dates.is_none(),
            b.dates,
            &b.project_name,
            &b.title,
        ))
    });
    out
}

/// Done steps of one work area (or of none).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AreaRecord {
    pub work_area: Option<String>,
    pub steps_done: usize,
}

/// What a collaborator has delivered so far.
#[derive(Debug, Clone, PartialEq)]
pub struct TrackRecord {
    /// Done steps per work area, across every project (a done step counts
    /// even while its project runs on), by name, steps without area last.
    pub areas: Vec<AreaRecord>,
    /// Booked against planned hours over the done steps of finished
    /// projects (`estimate_accuracy`'s figure for this person); `None`
    /// before there is any.
    pub accuracy: Option<Accuracy>,
}

impl TrackRecord {
    pub fn is_empty(&self) -> bool {
        self.areas.is_empty() && self.accuracy.is_none()
    }
}

/// The track record of `contact`.
pub fn track_record(data: &Dataset, contact: ContactId) -> TrackRecord {
    let who = Assignee::Contact(contact);
    let mut by_area: BTreeMap<(bool, String), AreaRecord> = BTreeMap::new();
    for s in data
        .steps
        .iter()
        .filter(|s| s.assignee == who && s.status == StepStatus::Done)
    {
        let key = (
            s.work_area.is_none(),
            s.work_area.clone().unwrap_or_default().to_lowercase(),
        );
        by_area
            .entry(key)
            .or_insert_with(|| AreaRecord {
                work_area: s.work_area.clone(),
                steps_done: 0,
            })
            .steps_done += 1;
    }
    let accuracy = estimate_accuracy(data)
        .into_iter()
        .find(|a| a.key == AccuracyKey::Person(who));
    TrackRecord {
        areas: by_area.into_values().collect(),
        accuracy,
    }
}

/// A collaborator's days off from `today` on, as runs of consecutive
/// days (a week's holiday is one line); past days off no longer matter for
/// planning with them.
pub fn upcoming_days_off(days: &[NaiveDate], today: NaiveDate) -> Vec<(NaiveDate, NaiveDate)> {
    // Its own loop rather than `calendar_grid::day_runs`: that one is
    // shared with the Settings page, and a function shared by exactly
    // these two lazy pages lands in a chunk the splitter links wrongly
    // ("null function" when Settings opens first).
    let mut upcoming: Vec<NaiveDate> = days.iter().copied().filter(|d| *d >= today).collect();
    upcoming.sort_unstable();
    let mut runs: Vec<(NaiveDate, NaiveDate)> = Vec::new();
    for day in upcoming {
        match runs.last_mut() {
            Some(run) if run.1 == day => {}
            Some(run) if run.1.succ_opt() == Some(day) => run.1 = day,
            _ => runs.push((day, day)),
        }
    }
    runs
}

/// Hours `who` booked per step.
fn booked_by(data: &Dataset, who: Assignee) -> HashMap<StepId, f64> {
    let mut out: HashMap<StepId, f64> = HashMap::new();
    for e in data.time_entries.iter().filter(|e| e.person == who) {
        *out.entry(e.step).or_insert(0.0) += e.hours;
    }
    out
}
