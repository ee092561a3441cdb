//! Migration of older backup formats, against hand-written fixture files.

use chefsache::domain::*;
use chefsache::exchange::backup::{parse_backup, FORMAT_VERSION};
use chefsache::exchange::migrate::{migrate, v1_to_v2};
use serde_json::{json, Value};

const V1: &str = include_str!("fixtures/backup-v1.json");

fn v1_value() -> Value {
    serde_json::from_str(V1).expect("fixture is JSON")
}

fn id<T: From<uuid::Uuid>>(text: &str) -> T {
    T::from(uuid::Uuid::parse_str(text).expect("valid uuid"))
}

#[test]
fn v1_to_v2_converts_euro_floats_to_cents_and_renames_fields() {
    let v2 = v1_to_v2(v1_value()).expect("migrates");
    let data = &v2["data"];
    let project = &data["projects"][0];
    assert_eq!(project["planned_revenue"], json!(123_450));
    assert_eq!(
        project["planned_cost"],
        json!(101),
        "1.005 € rounds half up to 101 ct"
    );
    assert!(project.get("budget_revenue").is_none());
    assert_eq!(data["projects"][1]["planned_revenue"], json!(0));
    assert!(
        data["projects"][1].get("planned_cost").is_none(),
        "null amount falls back to the default"
    );
    assert_eq!(data["materials"][0]["unit_cost"], json!(5_999));
    assert_eq!(
        data["materials"][1]["unit_cost"],
        json!(268),
        "2.675 € is 268 ct, not 267"
    );
    assert_eq!(data["contacts"][2]["hourly_rate"], json!(7_250));
    assert_eq!(
        data["steps"][1]["dependencies"],
        json!([{ "predecessor": "20000000-0000-4000-8000-000000000001", "lag_days": 0 }])
    );
    assert_eq!(data["steps"][0]["status"], json!("done"));
    assert_eq!(data["steps"][3]["dependencies"], json!([]));
    assert_eq!(
        data["appointments"][1]["when"],
        json!({ "all_day": { "first": "2026-12-23", "last": "2027-01-01" } })
    );
}

#[test]
fn migrate_sets_the_new_format_version() {
    let migrated = migrate(v1_value(), 1, FORMAT_VERSION).expect("migrates");
    assert_eq!(migrated["format_version"], json!(FORMAT_VERSION));
    let untouched = migrate(v1_value(), FORMAT_VERSION, FORMAT_VERSION).expect("no-op");
    assert_eq!(untouched, v1_value());
}

#[test]
fn v1_fixture_imports_completely() {
    let backup = parse_backup(V1.as_bytes()).expect("v1 backup imports");
    assert_eq!(backup.source_format_version, 1);
    assert_eq!(backup.app_version, "0.0.3-prototype");
    let data = &backup.data;
    let counts = data.counts();
    assert_eq!(
        (
            counts.projects,
            counts.steps,
            counts.materials,
            counts.contacts
        ),
        (2, 4, 2, 3)
    );
    assert_eq!(
        (
            counts.communications,
            counts.appointments,
            counts.time_entries
        ),
        (1, 2, 1)
    );

    let project = data
        .project(id("10000000-0000-4000-8000-000000000001"))
        .expect("project");
    assert_eq!(project.planned_revenue, Money(123_450));
    assert_eq!(project.work_areas, ["Konzept", "Umsetzung"]);
    let build = data
        .step(id("20000000-0000-4000-8000-000000000002"))
        .expect("step");
    assert_eq!(
        build.assignee,
        Assignee::Contact(id("40000000-0000-4000-8000-000000000003"))
    );
    assert_eq!(build.effort_hours, 42.5);
    assert_eq!(build.status, StepStatus::Todo);
    let jonas = data
        .contact(id("40000000-0000-4000-8000-000000000003"))
        .expect("contact");
    assert_eq!(jonas.name, "Jonas \"JJ\" Weber");
    assert_eq!(jonas.hourly_rate, Some(Money(7_250)));
    let meeting = &data.appointments[0];
    assert!(matches!(meeting.when, When::Timed { .. }));
    assert_eq!(
        data.communications[0].summary,
        "Konzept freigegeben.\nFotos kommen Ende Oktober."
    );
}

#[test]
fn unconvertible_amounts_are_refused_with_their_path() {
    let mut value = v1_value();
    value["data"]["materials"][1]["unit_price"] = json!("2,50 €");
    let error = v1_to_v2(value).expect_err("text amount");
    assert_eq!(error.path, "materials[1].unit_price");
    let message = parse_backup(
        serde_json::to_string(&{
            let mut v = v1_value();
            v["data"]["projects"][0]["budget_cost"] = json!(true);
            v
        })
        .expect("serialisable")
        .as_bytes(),
    )
    .expect_err("bool amount")
    .to_string();
    assert_eq!(
        message,
        "the backup could not be upgraded: projects[0].budget_cost: expected an amount in euros, found true"
    );
}
