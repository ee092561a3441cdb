//! Materials ordered just in time for the step that needs them.

use chefsache::domain::{Contact, Dataset, Dependency, Material, Money, Project, Role, Step};
use chefsache::planning::{FederalState, ProcurementWarning, WorkCalendar};
use chefsache::state::procurement::{material_plans, orders_this_week};
use chrono::{NaiveDate, TimeZone, Utc};

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

/// A shop fitting: planning (5 days from Mon 7 Dec 2026), then assembly,
/// which needs shelves with 10 working days of lead time.
fn shop() -> (Dataset, Material, Material) {
    let now = Utc.with_ymd_and_hms(2026, 11, 23, 8, 0, 0).unwrap();
    let mut project = Project::new("Ladenbau", now);
    project.start = Some(d(2026, 12, 7));
    project.procurement_buffer_days = 1;
    let mut planning = Step::new(project.id, "Planung", now);
    planning.duration_days = 5; // Mon 7 - Fri 11 Dec
    let mut assembly = Step::new(project.id, "Montage", now);
    assembly.dependencies.push(Dependency::on(planning.id)); // starts Mon 14 Dec
    let mut supplier = Contact::new("Regalbau Schulte", now);
    supplier.roles.push(Role::Supplier);
    let mut shelves = Material::new(project.id, "Regale", now);
    shelves.step = Some(assembly.id);
    shelves.supplier = Some(supplier.id);
    shelves.quantity = 4.0;
    shelves.unit = "Stück".into();
    shelves.unit_cost = Money(12_500);
    shelves.lead_time_days = 10;
    let mut paint = Material::new(project.id, "Farbe", now);
    paint.step = Some(assembly.id);
    paint.supplier = Some(supplier.id);
    paint.lead_time_days = 2;
    paint.quantity = 2.0;
    paint.unit_cost = Money(3_000);
    let data = Dataset {
        projects: vec![project].into(),
        steps: vec![planning, assembly].into(),
        contacts: vec![supplier].into(),
        materials: vec![shelves.clone(), paint.clone()].into(),
        ..Dataset::default()
    };
    data.validate().unwrap();
    (data, shelves, paint)
}

#[test]
fn the_order_by_date_follows_the_step_start_lead_time_and_buffer() {
    let (data, shelves, _) = shop();
    let calendar = WorkCalendar::new(FederalState::NW, []);
    let plans = material_plans(&data, &calendar, d(2026, 11, 23), 7);
    let plan = &plans[&shelves.id];
    // Assembly starts Mon 14 Dec; minus 1 buffer day and 10 lead days:
    // Fri 11 Dec - 10 working days = Fri 27 Nov.
    assert_eq!(plan.order_by, d(2026, 11, 27));
    assert_eq!(plan.expected_delivery, d(2026, 12, 11));
    assert!(plan.warnings.is_empty(), "{:?}", plan.warnings);
}

#[test]
fn a_late_order_is_overdue_and_arrives_after_the_step_starts() {
    let (data, shelves, _) = shop();
    let calendar = WorkCalendar::new(FederalState::NW, []);
    let plans = material_plans(&data, &calendar, d(2026, 12, 4), 7);
    let warnings = &plans[&shelves.id].warnings;
    assert!(
        warnings
            .iter()
            .any(|w| matches!(w, ProcurementWarning::OrderOverdue { .. })),
        "{warnings:?}"
    );
    assert!(
        warnings
            .iter()
            .any(|w| matches!(w, ProcurementWarning::DeliveryAfterStepStart { .. })),
        "{warnings:?}"
    );
}

#[test]
fn this_weeks_orders_are_grouped_by_supplier_with_costs() {
    let (data, _, _) = shop();
    let calendar = WorkCalendar::new(FederalState::NW, []);
    // Week of Mon 23 Nov: the shelves (order by Fri 27 Nov) are due; the
    // paint (order by Wed 9 Dec) is not yet.
    let orders = orders_this_week(&data, &calendar, d(2026, 11, 23), 7);
    assert_eq!(orders.len(), 1);
    assert_eq!(orders[0].supplier_name, "Regalbau Schulte");
    assert_eq!(orders[0].lines.len(), 1);
    assert_eq!(orders[0].lines[0].name, "Regale");
    assert_eq!(orders[0].total_cents, 50_000);
}
