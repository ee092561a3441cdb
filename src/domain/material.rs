//! Materials: things a project must buy, each ideally tied to the step that
//! needs it, so the planner can say when it must be ordered (step start −
//! lead time − the project's procurement buffer).

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use super::error::check;
use super::record::impl_record;
use super::Field;
use super::{ContactId, MaterialId, Money, ProjectId, Record, RecordKind, StepId, ValidationError};

/// Where an order stands.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum MaterialStatus {
    /// Still to be ordered.
    #[default]
    ToOrder,
    /// Ordered, not yet here.
    Ordered,
    /// Arrived.
    Delivered,
    /// Not needed any more.
    Cancelled,
}

/// A material (or bought-in service) for a project.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Material {
    /// Stable id.
    pub id: MaterialId,
    /// When it was created.
    pub created: DateTime<Utc>,
    /// When it was last changed.
    pub updated: DateTime<Utc>,
    /// The project it is for, required.
    pub project: ProjectId,
    /// The step that needs it; must belong to the same project.
    #[serde(default)]
    pub step: Option<StepId>,
    /// Name, required.
    pub name: String,
    /// How many units.
    #[serde(default)]
    pub quantity: f64,
    /// Unit ("Stück", "m", "Lizenz").
    #[serde(default)]
    pub unit: String,
    /// Price of one unit.
    #[serde(default)]
    pub unit_cost: Money,
    /// Who supplies it.
    #[serde(default)]
    pub supplier: Option<ContactId>,
    /// Calendar days from order to delivery.
    #[serde(default)]
    pub lead_time_days: u32,
    /// When it was ordered.
    #[serde(default)]
    pub ordered_on: Option<NaiveDate>,
    /// When it arrived.
    #[serde(default)]
    pub delivered_on: Option<NaiveDate>,
    /// Status.
    #[serde(default)]
    pub status: MaterialStatus,
    /// Free notes.
    #[serde(default)]
    pub notes: String,
    /// What it really cost in total, once the invoice is in; the planned
    /// total (quantity × unit cost) until then.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub actual_cost: Option<Money>,
}

impl_record!(Material, RecordKind::Material, |m| m.name.clone());

impl Material {
    /// A new material `name` for `project`, created at `now`.
    pub fn new(project: ProjectId, name: impl Into<String>, now: DateTime<Utc>) -> Self {
        Material {
            id: MaterialId::new(),
            created: now,
            updated: now,
            project,
            step: None,
            name: name.into(),
            quantity: 1.0,
            unit: String::new(),
            unit_cost: Money::ZERO,
            supplier: None,
            lead_time_days: 0,
            ordered_on: None,
            delivered_on: None,
            status: MaterialStatus::ToOrder,
            notes: String::new(),
            actual_cost: None,
        }
    }

    /// Quantity × unit cost, rounded to cents.
    pub fn total_cost(&self) -> Money {
        self.unit_cost.times(self.quantity)
    }

    /// Rules of the material on its own.
    pub fn validate(&self) -> Result<(), Vec<ValidationError>> {
        let mut errors = Vec::new();
        self.check(&mut errors);
        super::into_result(errors)
    }

    pub(crate) fn check(&self, errors: &mut Vec<ValidationError>) {
        let me = self.reference();
        check::not_blank(&me, Field::Name, &self.name, errors);
        check::non_negative(&me, Field::Quantity, self.quantity, errors);
        check::non_negative_money(&me, Field::UnitCost, self.unit_cost, errors);
        if let (Some(ordered), Some(delivered)) = (self.ordered_on, self.delivered_on) {
            check::ordered(
                &me,
                (Field::OrderedOn, &ordered),
                (Field::DeliveredOn, &delivered),
                false,
                errors,
            );
        }
    }
}
