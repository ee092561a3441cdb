//! Baselines: a frozen copy of a project's plan, so that after the project
//! the person can compare what they planned with what happened.
//!
//! Why a copy and not a reference to old records: steps are edited, moved
//! and deleted while the project runs; the baseline must keep the plan as it
//! was on the day it was taken, titles included, so a deleted step still
//! shows up in the analysis as "planned, dropped".

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use super::{MaterialId, Money, StepId};

/// The plan of one project on the day it was frozen.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Baseline {
    /// When it was taken.
    pub taken: DateTime<Utc>,
    /// Why (a re-baseline says what changed: "Kunde wünscht Shop-Modul").
    #[serde(default)]
    pub note: String,
    pub steps: Vec<BaselineStep>,
    #[serde(default)]
    pub materials: Vec<BaselineMaterial>,
    #[serde(default)]
    pub planned_revenue: Money,
    #[serde(default)]
    pub planned_cost: Money,
}

/// One step as it was planned.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct BaselineStep {
    pub step: StepId,
    pub title: String,
    #[serde(default)]
    pub work_area: Option<String>,
    /// First working day.
    pub start: NaiveDate,
    /// Last working day (a milestone's day for a milestone).
    pub finish: NaiveDate,
    #[serde(default)]
    pub effort_hours: f64,
    #[serde(default)]
    pub milestone: bool,
}

/// One material as it was planned.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct BaselineMaterial {
    pub material: MaterialId,
    pub name: String,
    pub quantity: f64,
    pub unit_cost: Money,
    /// The day the step that needs it starts, if it belongs to a step.
    #[serde(default)]
    pub needed_by: Option<NaiveDate>,
}

impl Baseline {
    /// The planned step `id`, if it was in the plan.
    pub fn step(&self, id: StepId) -> Option<&BaselineStep> {
        self.steps.iter().find(|s| s.step == id)
    }

    /// The planned material `id`, if it was in the plan.
    pub fn material(&self, id: MaterialId) -> Option<&BaselineMaterial> {
        self.materials.iter().find(|m| m.material == id)
    }

    /// Planned material cost: quantity × unit cost over all materials.
    pub fn material_cost(&self) -> Money {
        self.materials
            .iter()
            .map(|m| m.unit_cost.times(m.quantity))
            .sum()
    }

    /// Planned hours over all steps.
    pub fn effort_hours(&self) -> f64 {
        self.steps.iter().map(|s| s.effort_hours).sum()
    }
}
