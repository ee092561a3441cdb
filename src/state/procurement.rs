//! Materials meet the schedule: for every material tied to a step, when it
//! must be ordered and when it arrives, and what to order this week. The
//! step's start comes from its project's computed schedule, so moving a step
//! moves its orders.

use std::collections::HashMap;

use chrono::NaiveDate;
use uuid::Uuid;

use crate::domain::{Dataset, Material, MaterialId, MaterialStatus};
use crate::planning::{
    order_list_for_week, plan_order, MaterialNeed, OrderPlan, ProcurementSettings, PurchaseRow,
    SupplierOrder, WorkCalendar,
};

use super::schedule::project_schedule;

/// The computed start of every scheduled step, across projects.
pub fn step_starts(
    data: &Dataset,
    calendar: &WorkCalendar,
    today: NaiveDate,
) -> HashMap<Uuid, NaiveDate> {
    let mut starts = HashMap::new();
    for project in &data.projects {
        if let Ok(schedule) = project_schedule(data, project.id, calendar, today) {
            starts.extend(schedule.steps.iter().map(|s| (s.id, s.earliest_start)));
        }
    }
    starts
}

/// What the planner needs to know about one material, if it is still to be
/// delivered and tied to a scheduled step.
fn need(material: &Material, starts: &HashMap<Uuid, NaiveDate>) -> Option<MaterialNeed> {
    if matches!(
        material.status,
        MaterialStatus::Delivered | MaterialStatus::Cancelled
    ) {
        return None;
    }
    let step_start = *starts.get(&material.step?.0)?;
    Some(MaterialNeed {
        material_id: material.id.0,
        step_start,
        lead_time_days: material.lead_time_days,
        ordered_on: material.ordered_on,
    })
}

fn settings_for(data: &Dataset, material: &Material, max_storage_days: u32) -> ProcurementSettings {
    ProcurementSettings {
        buffer_days: data
            .project(material.project)
            .map(|p| p.procurement_buffer_days)
            .unwrap_or(0),
        max_storage_days,
    }
}

/// Order plans of all open materials tied to a step.
pub fn material_plans(
    data: &Dataset,
    calendar: &WorkCalendar,
    today: NaiveDate,
    max_storage_days: u32,
) -> HashMap<MaterialId, OrderPlan> {
    let starts = step_starts(data, calendar, today);
    data.materials
        .iter()
        .filter_map(|m| {
            let need = need(m, &starts)?;
            let plan = plan_order(
                calendar,
                &need,
                &settings_for(data, m, max_storage_days),
                today,
            )?;
            Some((m.id, plan))
        })
        .collect()
}

/// "What to order this week", by supplier, across all projects.
pub fn orders_this_week(
    data: &Dataset,
    calendar: &WorkCalendar,
    today: NaiveDate,
    max_storage_days: u32,
) -> Vec<SupplierOrder> {
    let starts = step_starts(data, calendar, today);
    // The buffer is per project; group rows by it so each group is planned
    // with its own settings, then merge the suppliers again.
    let mut by_buffer: HashMap<u32, Vec<PurchaseRow>> = HashMap::new();
    for m in data
        .materials
        .iter()
        .filter(|m| m.status == MaterialStatus::ToOrder)
    {
        let Some(need) = need(m, &starts) else {
            continue;
        };
        let supplier = m.supplier.and_then(|id| data.contact(id));
        let buffer = settings_for(data, m, max_storage_days).buffer_days;
        by_buffer.entry(buffer).or_default().push(PurchaseRow {
            need,
            name: m.name.clone(),
            supplier_id: supplier.map(|s| s.id.0),
            supplier_name: supplier.map(|s| s.name.clone()).unwrap_or_default(),
            quantity: m.quantity,
            unit: m.unit.clone(),
            unit_cost_cents: m.unit_cost.cents(),
        });
    }
    let mut merged: Vec<SupplierOrder> = Vec::new();
    for (buffer, rows) in by_buffer {
        let settings = ProcurementSettings {
            buffer_days: buffer,
            max_storage_days,
        };
        for order in order_list_for_week(calendar, &rows, &settings, today) {
            match merged
                .iter_mut()
                .find(|o| o.supplier_id == order.supplier_id)
            {
                Some(existing) => {
                    existing.total_cents += order.total_cents;
                    existing.lines.extend(order.lines);
                    crate::sorting::sort_by(&mut existing.lines, |a, b| {
                        (a.order_by, &a.name).cmp(&(b.order_by, &b.name))
                    });
                }
                None => merged.push(order),
            }
        }
    }
    crate::sorting::sort_by(&mut merged, |a, b| {
        a.supplier_name
            .to_lowercase()
            .cmp(&b.supplier_name.to_lowercase())
    });
    merged
}
