//! Just-in-time ordering, hand-computed on the NRW calendar in November
//! 2026 (no holidays): Thu 19, Fri 20, Mon 23, Tue 24, Wed 25, Thu 26,
//! Fri 27, Mon 30.11., Tue 1.12., Wed 2.12. are consecutive working days.

use chefsache::planning::{
    order_list_for_week, plan_order, FederalState, MaterialNeed, ProcurementSettings,
    ProcurementWarning, PurchaseRow, WorkCalendar,
};
use chrono::NaiveDate;
use uuid::Uuid;

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

fn nw() -> WorkCalendar {
    WorkCalendar::new(FederalState::NW, [])
}

fn settings(buffer_days: u32, max_storage_days: u32) -> ProcurementSettings {
    ProcurementSettings {
        buffer_days,
        max_storage_days,
    }
}

/// Step starts Mon 30.11.2026, lead time 5 working days.
fn need(ordered_on: Option<NaiveDate>) -> MaterialNeed {
    MaterialNeed {
        material_id: Uuid::from_u128(1),
        step_start: d(2026, 11, 30),
        lead_time_days: 5,
        ordered_on,
    }
}

#[test]
fn order_by_and_delivery_on_time() {
    // order_by = Mon 30.11. − 5 − 2 working days = Thu 19.11.;
    // delivery = Thu 19.11. + 5 = Thu 26.11., two working days before start.
    let plan = plan_order(&nw(), &need(None), &settings(2, 14), d(2026, 11, 16)).unwrap();
    assert_eq!(plan.order_by, d(2026, 11, 19));
    assert_eq!(plan.expected_delivery, d(2026, 11, 26));
    assert_eq!(plan.delivery_if_ordered_today, None);
    assert!(plan.warnings.is_empty());
}

#[test]
fn order_overdue() {
    // Today Mon 23.11., not ordered: late by Thu 19 and Fri 20 = 2 days.
    // Ordering today delivers Mon 30.11., still in time.
    let plan = plan_order(&nw(), &need(None), &settings(2, 14), d(2026, 11, 23)).unwrap();
    assert_eq!(
        plan.warnings,
        vec![ProcurementWarning::OrderOverdue { working_days: 2 }]
    );
    assert_eq!(plan.delivery_if_ordered_today, Some(d(2026, 11, 30)));

    // Today Tue 24.11.: 3 days late, delivery Tue 1.12. is 1 day after start.
    let plan = plan_order(&nw(), &need(None), &settings(2, 14), d(2026, 11, 24)).unwrap();
    assert_eq!(
        plan.warnings,
        vec![
            ProcurementWarning::OrderOverdue { working_days: 3 },
            ProcurementWarning::DeliveryAfterStepStart { working_days: 1 },
        ]
    );
    // The planned delivery stays the one of ordering on order_by.
    assert_eq!(plan.expected_delivery, d(2026, 11, 26));
}

#[test]
fn ordered_too_late() {
    // Ordered Wed 25.11. + 5 = Wed 2.12.: two working days after the start.
    let plan = plan_order(
        &nw(),
        &need(Some(d(2026, 11, 25))),
        &settings(2, 14),
        d(2026, 11, 25),
    )
    .unwrap();
    assert_eq!(plan.expected_delivery, d(2026, 12, 2));
    assert_eq!(
        plan.warnings,
        vec![ProcurementWarning::DeliveryAfterStepStart { working_days: 2 }]
    );
}

#[test]
fn ordered_too_early_needs_storage() {
    // Ordered Mon 16.11. + 5 = Mon 23.11.: 7 calendar days before the start.
    let ordered = need(Some(d(2026, 11, 16)));
    let plan = plan_order(&nw(), &ordered, &settings(2, 5), d(2026, 11, 20)).unwrap();
    assert_eq!(plan.expected_delivery, d(2026, 11, 23));
    assert_eq!(
        plan.warnings,
        vec![ProcurementWarning::TooEarly { calendar_days: 7 }]
    );
    // With a 14-day limit it is fine; an ordered item is never overdue.
    let plan = plan_order(&nw(), &ordered, &settings(2, 14), d(2026, 11, 27)).unwrap();
    assert!(plan.warnings.is_empty());
}

#[test]
fn lead_time_stretches_over_easter() {
    // NRW 2027: step starts Thu 1.4., lead 3, buffer 0 → order_by: back
    // over Wed 31.3., Tue 30.3., (Easter Monday, weekend, Good Friday),
    // Thu 25.3.
    let need = MaterialNeed {
        material_id: Uuid::from_u128(2),
        step_start: d(2027, 4, 1),
        lead_time_days: 3,
        ordered_on: None,
    };
    let plan = plan_order(&nw(), &need, &settings(0, 14), d(2027, 3, 1)).unwrap();
    assert_eq!(plan.order_by, d(2027, 3, 25));
    assert_eq!(plan.expected_delivery, d(2027, 4, 1));
}

fn row(
    n: u128,
    supplier: &str,
    step_start: NaiveDate,
    lead: u32,
    qty: f64,
    cents: i64,
) -> PurchaseRow {
    PurchaseRow {
        need: MaterialNeed {
            material_id: Uuid::from_u128(n),
            step_start,
            lead_time_days: lead,
            ordered_on: None,
        },
        name: format!("Material {n}"),
        supplier_id: Some(Uuid::from_u128(100 + supplier.len() as u128)),
        supplier_name: supplier.into(),
        quantity: qty,
        unit: "Stk".into(),
        unit_cost_cents: cents,
    }
}

#[test]
fn what_to_order_this_week() {
    // Today Wed 18.11.2026 (KW 47, ends Sun 22.11.), buffer 2.
    let rows = vec![
        // order_by Thu 19.11. (see above): this week. 2.5 × 19.99 € = 49.975 € → 49.98 €.
        row(1, "Holz Müller", d(2026, 11, 30), 5, 2.5, 1999),
        // Step Mon 7.12., lead 5 + 2 → order_by Thu 26.11.: next week.
        row(2, "Holz Müller", d(2026, 12, 7), 5, 1.0, 100),
        // Step Fri 20.11., lead 1 + 2 → order_by Tue 17.11.: overdue.
        row(3, "Baumarkt", d(2026, 11, 20), 1, 3.0, 250),
        // Step Mon 30.11., lead 4 + 2 → order_by Fri 20.11.
        row(4, "Holz Müller", d(2026, 11, 30), 4, 10.0, 5),
    ];
    let mut ordered = row(5, "Baumarkt", d(2026, 11, 20), 1, 1.0, 1);
    ordered.need.ordered_on = Some(d(2026, 11, 10));
    let mut all = rows.clone();
    all.push(ordered);

    let list = order_list_for_week(&nw(), &all, &settings(2, 14), d(2026, 11, 18));
    assert_eq!(list.len(), 2);
    // Sorted by supplier name.
    assert_eq!(list[0].supplier_name, "Baumarkt");
    assert_eq!(list[0].lines.len(), 1);
    assert_eq!(list[0].lines[0].order_by, d(2026, 11, 17));
    assert!(list[0].lines[0].overdue);
    assert_eq!(list[0].total_cents, 750);

    assert_eq!(list[1].supplier_name, "Holz Müller");
    let names: Vec<&str> = list[1].lines.iter().map(|l| l.name.as_str()).collect();
    assert_eq!(names, vec!["Material 1", "Material 4"]);
    assert_eq!(list[1].lines[0].total_cents, 4998);
    assert_eq!(list[1].lines[1].order_by, d(2026, 11, 20));
    assert_eq!(list[1].lines[1].total_cents, 50);
    assert_eq!(list[1].total_cents, 5048);
    assert!(!list[1].lines[0].overdue);
}

#[test]
fn nonsense_quantities_do_not_panic() {
    let rows = vec![
        row(1, "A", d(2026, 11, 20), 1, f64::NAN, 100),
        row(2, "A", d(2026, 11, 20), 1, f64::INFINITY, i64::MAX),
        row(3, "A", d(2026, 11, 20), 1, 1e300, i64::MAX),
        row(4, "A", NaiveDate::MIN, u32::MAX, 1.0, 1),
    ];
    let list = order_list_for_week(
        &nw(),
        &rows,
        &ProcurementSettings::default(),
        d(2026, 11, 18),
    );
    assert_eq!(list.len(), 1);
    assert_eq!(list[0].lines[0].total_cents, 0);
}
