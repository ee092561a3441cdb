//! Just-in-time material ordering: when must something be ordered so that it
//! arrives shortly before the step that needs it, and what is due this week.
//!
//! Why working days for lead times: suppliers and carriers quote "3–5
//! Werktage" and do not deliver on holidays, so a lead time over Easter or
//! Christmas must stretch like the rest of the plan. (Strictly, "Werktag"
//! includes Saturday; we use the planning calendar's working days, which is
//! the cautious reading.)
//!
//! For a step starting on S, a lead time of `lead` working days and a
//! per-project safety buffer of B working days:
//! * `order_by = S − lead − B` (working days),
//! * `expected_delivery = order date + lead`, where the order date is the
//!   actual `ordered_on` if the material has been ordered, else `order_by`.
//!   Ordering on `order_by` thus delivers B working days before S (on S
//!   itself when B = 0, "in the morning").
//! * If the material is not ordered and `order_by` has passed, the plan also
//!   says when it would arrive if ordered today, and the "delivery after
//!   step start" warning is judged on that date: warning about a delivery
//!   date that can no longer happen would hide the real problem.

use std::collections::BTreeMap;

use chrono::{Datelike, Duration, NaiveDate};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::calendar::WorkCalendar;

/// User settings for ordering.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProcurementSettings {
    /// Safety buffer in working days between delivery and step start.
    pub buffer_days: u32,
    /// Warn about storage if a delivery arrives more than this many
    /// *calendar* days before the step starts (storage is paid per day,
    /// weekends included).
    pub max_storage_days: u32,
}

impl Default for ProcurementSettings {
    fn default() -> Self {
        ProcurementSettings {
            buffer_days: 2,
            max_storage_days: 14,
        }
    }
}

/// One material needed by one step.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MaterialNeed {
    pub material_id: Uuid,
    /// The (planned earliest) start of the step that needs it.
    pub step_start: NaiveDate,
    /// Working days from order to delivery.
    pub lead_time_days: u32,
    /// Set once the order has been placed.
    pub ordered_on: Option<NaiveDate>,
}

/// Something to tell the user about an order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "kind")]
pub enum ProcurementWarning {
    /// Not ordered and `order_by` has passed; `working_days` late.
    OrderOverdue { working_days: i64 },
    /// The expected delivery is after the step start (working days).
    DeliveryAfterStepStart { working_days: i64 },
    /// The delivery arrives `calendar_days` before the step starts, more
    /// than the storage limit.
    TooEarly { calendar_days: i64 },
}

/// When to order one material and what might go wrong.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OrderPlan {
    pub material_id: Uuid,
    pub order_by: NaiveDate,
    pub expected_delivery: NaiveDate,
    /// Only when the order is overdue: today + lead.
    pub delivery_if_ordered_today: Option<NaiveDate>,
    pub warnings: Vec<ProcurementWarning>,
}

/// Plans the order of one material (see the module doc for the rule).
/// `None` only if a date leaves chrono's range.
pub fn plan_order(
    calendar: &WorkCalendar,
    need: &MaterialNeed,
    settings: &ProcurementSettings,
    today: NaiveDate,
) -> Option<OrderPlan> {
    let lead = i64::from(need.lead_time_days);
    let back = lead + i64::from(settings.buffer_days);
    let order_by = calendar.add_working_days(need.step_start, -back)?;
    let ordered = need.ordered_on.unwrap_or(order_by);
    let expected_delivery = calendar.add_working_days(ordered, lead)?;

    let mut warnings = Vec::new();
    let overdue = need.ordered_on.is_none() && today > order_by;
    let delivery_if_ordered_today = if overdue {
        warnings.push(ProcurementWarning::OrderOverdue {
            working_days: calendar.working_days_between(order_by, today),
        });
        Some(calendar.add_working_days(today, lead)?)
    } else {
        None
    };
    let realistic_delivery = delivery_if_ordered_today.unwrap_or(expected_delivery);
    if realistic_delivery > need.step_start {
        warnings.push(ProcurementWarning::DeliveryAfterStepStart {
            working_days: calendar.working_days_between(need.step_start, realistic_delivery),
        });
    }
    let early = (need.step_start - realistic_delivery).num_days();
    if early > i64::from(settings.max_storage_days) {
        warnings.push(ProcurementWarning::TooEarly {
            calendar_days: early,
        });
    }
    Some(OrderPlan {
        material_id: need.material_id,
        order_by,
        expected_delivery,
        delivery_if_ordered_today,
        warnings,
    })
}

/// A material row for the weekly order list.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PurchaseRow {
    pub need: MaterialNeed,
    pub name: String,
    /// `None` for "no supplier chosen yet"; such rows form their own group.
    pub supplier_id: Option<Uuid>,
    pub supplier_name: String,
    pub quantity: f64,
    pub unit: String,
    pub unit_cost_cents: i64,
}

/// One line of an order.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct OrderLine {
    pub material_id: Uuid,
    pub name: String,
    pub quantity: f64,
    pub unit: String,
    pub unit_cost_cents: i64,
    /// quantity × unit cost, rounded to whole cents.
    pub total_cents: i64,
    pub order_by: NaiveDate,
    /// `order_by` is already past.
    pub overdue: bool,
}

/// Everything to order from one supplier.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SupplierOrder {
    pub supplier_id: Option<Uuid>,
    pub supplier_name: String,
    /// Sorted by `order_by`, then name.
    pub lines: Vec<OrderLine>,
    pub total_cents: i64,
}

/// "What to order this week": every material not yet ordered whose
/// `order_by` falls on or before the Sunday of the ISO week containing
/// `today` (overdue ones included, flagged), grouped by supplier and sorted
/// by supplier name. Rows whose dates cannot be computed are skipped.
pub fn order_list_for_week(
    calendar: &WorkCalendar,
    rows: &[PurchaseRow],
    settings: &ProcurementSettings,
    today: NaiveDate,
) -> Vec<SupplierOrder> {
    let days_to_sunday = 6 - i64::from(today.weekday().num_days_from_monday());
    let week_end = today
        .checked_add_signed(Duration::days(days_to_sunday))
        .unwrap_or(NaiveDate::MAX);

    let mut groups: BTreeMap<(String, Option<Uuid>), Vec<OrderLine>> = BTreeMap::new();
    for row in rows.iter().filter(|r| r.need.ordered_on.is_none()) {
        let Some(plan) = plan_order(calendar, &row.need, settings, today) else {
            continue;
        };
        if plan.order_by > week_end {
            continue;
        }
        groups
            .entry((row.supplier_name.clone(), row.supplier_id))
            .or_default()
            .push(OrderLine {
                material_id: row.need.material_id,
                name: row.name.clone(),
                quantity: row.quantity,
                unit: row.unit.clone(),
                unit_cost_cents: row.unit_cost_cents,
                total_cents: line_total_cents(row.quantity, row.unit_cost_cents),
                order_by: plan.order_by,
                overdue: plan.order_by < today,
            });
    }
    groups
        .into_iter()
        .map(|((supplier_name, supplier_id), mut lines)| {
            crate::sorting::sort_by(&mut lines, |a, b| {
                a.order_by
                    .cmp(&b.order_by)
                    .then_with(|| a.name.cmp(&b.name))
            });
            let total_cents = lines
                .iter()
                .fold(0i64, |sum, l| sum.saturating_add(l.total_cents));
            SupplierOrder {
                supplier_id,
                supplier_name,
                lines,
                total_cents,
            }
        })
        .collect()
}

/// quantity × unit cost in whole cents, rounded half away from zero. A
/// non-finite quantity counts as 0; huge values saturate (`as` never panics).
fn line_total_cents(quantity: f64, unit_cost_cents: i64) -> i64 {
    let total = quantity * unit_cost_cents as f64;
    if total.is_finite() {
        total.round() as i64
    } else {
        0
    }
}
