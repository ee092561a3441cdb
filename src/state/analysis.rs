//! After (or during) a project: the baseline against what happened, and
//! across finished projects, how good the person's estimates were.
//!
//! Conventions, so every figure reads the same way:
//! * a slip is in working days of the project calendar, positive = later
//!   than planned;
//! * "actual" dates are the recorded ones for finished work and the live
//!   schedule's forecast for the rest (`finished` says which);
//! * booked hours are the time entries; planned hours are the baseline's;
//! * cost is bought-in labour (collaborators' booked hours × their hourly
//!   rate) plus materials (the invoiced amount, else quantity × unit cost);
//!   the person's own hours are reported, not priced.

use std::collections::{BTreeMap, HashMap};

use chrono::{DateTime, NaiveDate, Utc};

use crate::domain::{
    Assignee, Baseline, Dataset, MaterialId, Money, ProjectId, ProjectStatus, StepId, StepStatus,
};
use crate::planning::WorkCalendar;

use super::schedule::project_schedule;

/// One step, planned against actual.
#[derive(Debug, Clone, PartialEq)]
pub struct StepComparison {
    pub step: StepId,
    pub title: String,
    pub work_area: Option<String>,
    /// First and last working day in the baseline; `None` for a step added
    /// after it was taken.
    pub planned: Option<(NaiveDate, NaiveDate)>,
    /// First and last working day as recorded or forecast; `None` for a
    /// planned step that was dropped (deleted or cancelled).
    pub actual: Option<(NaiveDate, NaiveDate)>,
    /// The actual dates are recorded (the step is done), not forecast.
    pub finished: bool,
    pub start_slip_days: Option<i64>,
    pub finish_slip_days: Option<i64>,
    pub planned_hours: f64,
    pub booked_hours: f64,
}

/// Steps of one work area (or of none) together.
#[derive(Debug, Clone, PartialEq)]
pub struct AreaComparison {
    pub work_area: Option<String>,
    pub steps: usize,
    pub planned_hours: f64,
    pub booked_hours: f64,
    /// The largest finish slip of its steps (0 when none slipped).
    pub worst_finish_slip_days: i64,
}

/// One material, planned against actual.
#[derive(Debug, Clone, PartialEq)]
pub struct MaterialComparison {
    pub material: MaterialId,
    pub name: String,
    pub planned_cost: Money,
    pub actual_cost: Money,
    /// Delivery against the day its step started (baseline), in working
    /// days: positive = late, negative = early (it had to be stored).
    /// `None` until delivered, or when it belongs to no step.
    pub delivery_days: Option<i64>,
}

/// Revenue, cost and margin, planned against actual.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct MoneyComparison {
    pub planned_revenue: Money,
    pub revenue: Money,
    pub planned_cost: Money,
    pub labour_cost: Money,
    pub material_cost: Money,
}

impl MoneyComparison {
    pub fn cost(&self) -> Money {
        self.labour_cost + self.material_cost
    }
    pub fn planned_margin(&self) -> Money {
        self.planned_revenue - self.planned_cost
    }
    pub fn margin(&self) -> Money {
        self.revenue - self.cost()
    }
}

/// The whole comparison of one project.
#[derive(Debug, Clone, PartialEq)]
pub struct ProjectAnalysis {
    pub project: ProjectId,
    /// When the baseline compared against was taken.
    pub baseline_taken: Option<DateTime<Utc>>,
    pub steps: Vec<StepComparison>,
    pub areas: Vec<AreaComparison>,
    pub materials: Vec<MaterialComparison>,
    pub money: MoneyComparison,
    pub planned_hours: f64,
    pub booked_hours: f64,
    /// Of the booked hours, the person's own.
    pub own_hours: f64,
    /// The project's last working day, planned against actual.
    pub end_slip_days: Option<i64>,
}

/// Compares `project` with its baseline number `baseline` (0 = the first;
/// `None` = the latest). Without any baseline every step counts as added
/// and the planned figures are the project's own planned revenue and cost.
pub fn analyse_project(
    data: &Dataset,
    project: ProjectId,
    baseline: Option<usize>,
    calendar: &WorkCalendar,
    today: NaiveDate,
) -> Option<ProjectAnalysis> {
    let p = data.project(project)?;
    let base: Option<&Baseline> = match baseline {
        Some(i) => p.baselines.get(i),
        None => p.baselines.last(),
    };
    let schedule = project_schedule(data, project, calendar, today).ok();
    let forecast: HashMap<_, _> = schedule
        .iter()
        .flat_map(|s| s.steps.iter())
        .map(|s| (s.id, (s.earliest_start, s.earliest_finish)))
        .collect();
    let booked = booked_hours(data);
    let slip =
        |planned: NaiveDate, actual: NaiveDate| calendar.working_days_between(planned, actual);

    let mut steps = Vec::new();
    let live = data.steps_of(project);
    for s in &live {
        let planned_step = base.and_then(|b| b.step(s.id));
        let dropped = s.status == StepStatus::Cancelled;
        let actual = (!dropped)
            .then(|| {
                let (start, finish) = forecast.get(&s.id.0).copied()?;
                Some((
                    s.actual_start.unwrap_or(start),
                    s.actual_finish.unwrap_or(finish),
                ))
            })
            .flatten();
        if dropped && planned_step.is_none() {
            continue;
        }
        let planned = planned_step.map(|b| (b.start, b.finish));
        steps.push(StepComparison {
            step: s.id,
            title: s.title.clone(),
            work_area: s.work_area.clone(),
            planned,
            actual,
            finished: s.status == StepStatus::Done,
            start_slip_days: planned.zip(actual).map(|(p, a)| slip(p.0, a.0)),
            finish_slip_days: planned.zip(actual).map(|(p, a)| slip(p.1, a.1)),
            planned_hours: planned_step.map_or(0.0, |b| b.effort_hours),
            booked_hours: booked.get(&s.id).copied().unwrap_or(0.0),
        });
    }
    // Planned steps whose record is gone: planned, then dropped.
    for b in base.iter().flat_map(|b| b.steps.iter()) {
        if !live.iter().any(|s| s.id == b.step) {
            steps.push(StepComparison {
                step: b.step,
                title: b.title.clone(),
                work_area: b.work_area.clone(),
                planned: Some((b.start, b.finish)),
                actual: None,
                finished: false,
                start_slip_days: None,
                finish_slip_days: None,
                planned_hours: b.effort_hours,
                booked_hours: 0.0,
            });
        }
    }

    let mut materials = Vec::new();
    let mut material_cost = Money::ZERO;
    for m in data.materials_of(project) {
        let planned_m = base.and_then(|b| b.material(m.id));
        let actual_cost = m.actual_cost.unwrap_or_else(|| m.total_cost());
        material_cost += actual_cost;
        let needed_by = planned_m.and_then(|b| b.needed_by);
        materials.push(MaterialComparison {
            material: m.id,
            name: m.name.clone(),
            planned_cost: planned_m.map_or(Money::ZERO, |b| b.unit_cost.times(b.quantity)),
            actual_cost,
            delivery_days: needed_by
                .zip(m.delivered_on)
                .map(|(needed, delivered)| slip(needed, delivered)),
        });
    }

    let mut labour_cost = Money::ZERO;
    let mut own_hours = 0.0;
    let step_ids: std::collections::HashSet<StepId> = live.iter().map(|s| s.id).collect();
    for entry in data
        .time_entries
        .iter()
        .filter(|e| step_ids.contains(&e.step))
    {
        match entry.person {
            Assignee::Me => own_hours += entry.hours,
            Assignee::Contact(c) => {
                let rate = data.contact(c).and_then(|c| c.hourly_rate);
                labour_cost += rate.map_or(Money::ZERO, |r| r.times(entry.hours));
            }
        }
    }

    let planned_end = base.and_then(|b| b.steps.iter().map(|s| s.finish).max());
    let actual_end = steps.iter().filter_map(|s| s.actual.map(|a| a.1)).max();
    let money = MoneyComparison {
        planned_revenue: base.map_or(p.planned_revenue, |b| b.planned_revenue),
        revenue: p.planned_revenue,
        planned_cost: base.map_or(p.planned_cost, |b| b.planned_cost),
        labour_cost,
        material_cost,
    };
    Some(ProjectAnalysis {
        project,
        baseline_taken: base.map(|b| b.taken),
        areas: areas_of(&steps),
        planned_hours: steps.iter().map(|s| s.planned_hours).sum(),
        booked_hours: steps.iter().map(|s| s.booked_hours).sum(),
        own_hours,
        end_slip_days: planned_end.zip(actual_end).map(|(p, a)| slip(p, a)),
        steps,
        materials,
        money,
    })
}

/// Hours booked per step.
fn booked_hours(data: &Dataset) -> HashMap<StepId, f64> {
    let mut out: HashMap<StepId, f64> = HashMap::new();
    for e in data.time_entries.iter() {
        *out.entry(e.step).or_insert(0.0) += e.hours;
    }
    out
}

/// Steps grouped by work area, in name order, steps without one last.
fn areas_of(steps: &[StepComparison]) -> Vec<AreaComparison> {
    let mut by_area: BTreeMap<(bool, String), AreaComparison> = BTreeMap::new();
    for s in steps {
        let key = (
            s.work_area.is_none(),
            s.work_area.clone().unwrap_or_default(),
        );
        let area = by_area.entry(key).or_insert_with(|| AreaComparison {
            work_area: s.work_area.clone(),
            steps: 0,
            planned_hours: 0.0,
            booked_hours: 0.0,
            worst_finish_slip_days: 0,
        });
        area.steps += 1;
        area.planned_hours += s.planned_hours;
        area.booked_hours += s.booked_hours;
        area.worst_finish_slip_days = area
            .worst_finish_slip_days
            .max(s.finish_slip_days.unwrap_or(0));
    }
    by_area.into_values().collect()
}

/// What an estimate accuracy is about.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum AccuracyKey {
    WorkArea(String),
    Person(Assignee),
}

/// Booked against planned hours over finished steps.
#[derive(Debug, Clone, PartialEq)]
pub struct Accuracy {
    pub key: AccuracyKey,
    /// The number of steps it rests on.
    pub steps: usize,
    pub planned_hours: f64,
    pub booked_hours: f64,
}

impl Accuracy {
    /// Booked / planned: 1.4 means the work took 1.4× the estimate.
    pub fn ratio(&self) -> f64 {
        self.booked_hours / self.planned_hours
    }
}

/// Estimate accuracy per work area and per person, over the done steps of
/// finished projects that had an estimate and booked time. The estimate is
/// the one in the project's first baseline (what the person said before
/// the work), else the step's effort.
pub fn estimate_accuracy(data: &Dataset) -> Vec<Accuracy> {
    let booked = booked_hours(data);
    let mut out: HashMap<AccuracyKey, Accuracy> = HashMap::new();
    for p in data
        .projects
        .iter()
        .filter(|p| p.status == ProjectStatus::Done)
    {
        let first = p.baselines.first();
        for s in data.steps_of(p.id) {
            if s.status != StepStatus::Done {
                continue;
            }
            let planned = first
                .and_then(|b| b.step(s.id))
                .map_or(s.effort_hours, |b| b.effort_hours);
            let hours = booked.get(&s.id).copied().unwrap_or(0.0);
            if !(planned > 0.0 && hours > 0.0) {
                continue;
            }
            let keys = s
                .work_area
                .iter()
                .map(|a| AccuracyKey::WorkArea(a.clone()))
                .chain([AccuracyKey::Person(s.assignee)]);
            for key in keys {
                let a = out.entry(key.clone()).or_insert_with(|| Accuracy {
                    key,
                    steps: 0,
                    planned_hours: 0.0,
                    booked_hours: 0.0,
                });
                a.steps += 1;
                a.planned_hours += planned;
                a.booked_hours += hours;
            }
        }
    }
    let mut list: Vec<Accuracy> = out.into_values().collect();
    // Work areas by name, then people: me first, collaborators by id.
    list.sort_by_key(|a| match &a.key {
        AccuracyKey::WorkArea(name) => (0, name.to_lowercase(), None),
        AccuracyKey::Person(who) => (1, String::new(), who.contact().map(|c| c.0)),
    });
    list
}

/// The accuracy for steps of `work_area`, for the step form's hint.
pub fn accuracy_for_area<'a>(all: &'a [Accuracy], work_area: &str) -> Option<&'a Accuracy> {
    all.iter()
        .find(|a| matches!(&a.key, AccuracyKey::WorkArea(w) if w == work_area))
}
