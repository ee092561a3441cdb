//! Import refusals, preview, merge and replace.

use chefsache::domain::*;
use chefsache::exchange::backup::*;
use chrono::{DateTime, Duration, NaiveDate, Utc};
use serde_json::{json, Value};
use std::sync::OnceLock;

fn at(text: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(text)
        .map(|d| d.with_timezone(&Utc))
        .expect("valid time")
}

fn t0() -> DateTime<Utc> {
    at("2026-11-02T08:00:00Z")
}

/// A small valid dataset: one client project with three steps in a chain,
/// a supplier with a material, a communication, an appointment, an entry.
/// Built once, so every call returns the same ids.
fn sample() -> Dataset {
    static SAMPLE: OnceLock<Dataset> = OnceLock::new();
    SAMPLE.get_or_init(build_sample).clone()
}

fn build_sample() -> Dataset {
    let mut data = Dataset::new();
    let mut client = Contact::new("Anna Schmidt", t0());
    client.roles = vec![Role::Client];
    let mut supplier = Contact::new("Druckerei Müller", t0());
    supplier.kind = ContactKind::Organisation;
    supplier.roles = vec![Role::Supplier];
    let mut project = Project::new("Relaunch", t0());
    project.client = Some(client.id);
    project.planned_revenue = Money(850_000);
    let concept = Step::new(project.id, "Konzept", t0());
    let mut design = Step::new(project.id, "Design", t0());
    design.dependencies.push(Dependency::on(concept.id));
    let mut build = Step::new(project.id, "Umsetzung", t0());
    build.dependencies.push(Dependency {
        predecessor: design.id,
        lag_days: 1,
    });
    let mut flyer = Material::new(project.id, "Flyer", t0());
    flyer.step = Some(design.id);
    flyer.supplier = Some(supplier.id);
    flyer.quantity = 500.0;
    flyer.unit_cost = Money(12);
    let mut call = Communication::new(t0(), "Briefing", t0());
    call.contact = Some(client.id);
    call.project = Some(project.id);
    let day = NaiveDate::from_ymd_opt(2026, 11, 12).expect("date");
    let appt = Appointment::new(
        "Workshop",
        When::AllDay {
            first: day,
            last: day,
        },
        t0(),
    );
    let entry = TimeEntry::new(concept.id, day, 3.0, t0());
    data.contacts.extend([client, supplier]);
    data.projects.push(project);
    data.steps.extend([concept, design, build]);
    data.materials.push(flyer);
    data.communications.push(call);
    data.appointments.push(appt);
    data.time_entries.push(entry);
    data
}

fn exported() -> Value {
    serde_json::from_str(&export_json(&sample(), "0.1.0", t0())).expect("export is JSON")
}

fn import_value(value: &Value) -> Result<Backup, ImportError> {
    parse_backup(
        serde_json::to_string(value)
            .expect("serialisable")
            .as_bytes(),
    )
}

#[test]
fn export_writes_the_envelope() {
    let value = exported();
    assert_eq!(value["format"], "chefsache-backup");
    assert_eq!(value["format_version"], 2);
    assert_eq!(value["app_version"], "0.1.0");
    assert_eq!(value["exported_at"], "2026-11-02T08:00:00Z");
    assert_eq!(value["data"]["projects"][0]["planned_revenue"], 850_000);
}

#[test]
fn export_then_import_gives_the_same_data() {
    let backup = parse_backup(export_json(&sample(), "0.1.0", t0()).as_bytes()).expect("imports");
    assert_eq!(backup.data, sample());
    assert_eq!(backup.exported_at, t0());
    assert_eq!(backup.source_format_version, FORMAT_VERSION);
}

#[test]
fn refuses_files_over_50_mb_before_parsing() {
    let huge = vec![b' '; MAX_BACKUP_BYTES + 1];
    assert_eq!(
        parse_backup(&huge),
        Err(ImportError::TooLarge {
            size: MAX_BACKUP_BYTES + 1,
            limit: MAX_BACKUP_BYTES
        })
    );
}

#[test]
fn refuses_non_utf8_with_position() {
    let bytes = b"{\n  \"format\": \"ch\xffefsache\"\n}";
    let error = parse_backup(bytes).expect_err("not UTF-8");
    assert_eq!(
        error,
        ImportError::NotUtf8 {
            line: 2,
            column: 16
        }
    );
    assert_eq!(
        error.to_string(),
        "the file is not text (invalid UTF-8 at line 2, column 16)"
    );
}

#[test]
fn refuses_broken_json_with_line_and_column() {
    let error =
        parse_backup(b"{\n  \"format\": \"chefsache-backup\",\n  \"format_version\": 2,,\n}")
            .expect_err("broken JSON");
    match &error {
        ImportError::NotJson { line, column, .. } => assert_eq!((*line, *column), (3, 23)),
        other => panic!("unexpected {other:?}"),
    }
    assert!(
        error
            .to_string()
            .starts_with("the file is not valid JSON: "),
        "{error}"
    );
    assert!(
        error.to_string().ends_with("at line 3, column 23"),
        "{error}"
    );
}

#[test]
fn refuses_other_formats() {
    assert_eq!(
        import_value(&json!({ "type": "excalidraw" })),
        Err(ImportError::NotABackup)
    );
    assert_eq!(import_value(&json!([1, 2])), Err(ImportError::NotABackup));
    assert_eq!(
        import_value(&json!({ "format": "trello-export" })),
        Err(ImportError::WrongFormat {
            found: "trello-export".into()
        })
    );
}

#[test]
fn refuses_newer_format_versions() {
    let mut value = exported();
    value["format_version"] = json!(3);
    let error = import_value(&value).expect_err("newer");
    assert_eq!(
        error.to_string(),
        "the backup was made by a newer Chefsache (format 3); this version reads up to 2"
    );
    for bad in [json!(0), json!("2"), json!(1.5), Value::Null] {
        value["format_version"] = bad;
        assert!(matches!(
            import_value(&value),
            Err(ImportError::UnknownVersion { .. })
        ));
    }
}

#[test]
fn field_errors_name_record_index_and_field() {
    let mut value = exported();
    value["data"]["steps"][2]["duration_days"] = json!("zwei");
    let error = import_value(&value).expect_err("wrong type");
    assert_eq!(
        error.to_string(),
        "steps[2].duration_days: expected a number (a whole number, 0 or more), found string \"zwei\""
    );

    let mut value = exported();
    value["data"]["materials"][0]["quantity"] = json!(null);
    let error = import_value(&value).expect_err("null number");
    assert_eq!(
        error.to_string(),
        "materials[0].quantity: expected a number, found null"
    );

    let mut value = exported();
    value["data"]["steps"][1]["progress"] = json!(300);
    let error = import_value(&value).expect_err("u8 overflow");
    assert!(
        error
            .to_string()
            .starts_with("steps[1].progress: expected a number from 0 to 255"),
        "{error}"
    );

    let mut value = exported();
    value["data"]["projects"][0]
        .as_object_mut()
        .expect("object")
        .remove("name");
    assert_eq!(
        import_value(&value).expect_err("missing name").to_string(),
        "projects[0]: missing field `name`"
    );

    let mut value = exported();
    value["data"]["steps"][0]["status"] = json!("fertig");
    let error = import_value(&value)
        .expect_err("unknown status")
        .to_string();
    assert!(
        error.starts_with("steps[0].status: unknown variant `fertig`"),
        "{error}"
    );

    let mut value = exported();
    value["exported_at"] = json!("gestern");
    let error = import_value(&value).expect_err("bad date").to_string();
    assert!(error.starts_with("exported_at: "), "{error}");

    let mut value = exported();
    value.as_object_mut().expect("object").remove("data");
    assert_eq!(
        import_value(&value).expect_err("no data").to_string(),
        "data: missing field `data`"
    );
}

#[test]
fn refuses_broken_references() {
    let mut value = exported();
    value["data"]["materials"][0]["supplier"] = json!("99999999-0000-4000-8000-000000000000");
    match import_value(&value).expect_err("dangling supplier") {
        ImportError::Invalid(errors) => {
            assert_eq!(errors.len(), 1);
            assert_eq!(
                errors[0].to_string(),
                "material \"Flyer\": supplier refers to a contact that does not exist \
                 (99999999-0000-4000-8000-000000000000)"
            );
        }
        other => panic!("unexpected {other:?}"),
    }
}

#[test]
fn refuses_cycles_naming_the_steps() {
    let mut value = exported();
    let build_id = value["data"]["steps"][2]["id"].clone();
    value["data"]["steps"][0]["dependencies"] = json!([{ "predecessor": build_id, "lag_days": 0 }]);
    let error = import_value(&value).expect_err("cycle").to_string();
    assert_eq!(
        error,
        "the data is not consistent: dependency cycle: \"Konzept\" → \"Design\" → \"Umsetzung\" → \"Konzept\""
    );
}

#[test]
fn preview_counts_new_updated_unchanged_and_outdated() {
    let current = sample();
    let mut incoming = sample();
    incoming.projects[0].name = "Relaunch 2027".into();
    incoming.projects[0].updated = t0() + Duration::hours(1); // newer: updated
    incoming.steps[0].title = "Altes Konzept".into();
    incoming.steps[0].updated = t0() - Duration::hours(1); // older: outdated
    incoming.steps.remove(2); // only in current
    incoming.contacts.push(Contact::new("Neu", t0())); // new

    let preview = ImportPreview::new(&current, &incoming);
    let project = preview.kind(RecordKind::Project).expect("kind");
    assert_eq!(
        (project.incoming, project.updated, project.unchanged),
        (1, 1, 0)
    );
    let steps = preview.kind(RecordKind::Step).expect("kind");
    assert_eq!(
        (
            steps.incoming,
            steps.outdated,
            steps.unchanged,
            steps.only_current
        ),
        (2, 1, 1, 1)
    );
    let contacts = preview.kind(RecordKind::Contact).expect("kind");
    assert_eq!((contacts.new, contacts.unchanged), (1, 2));
    assert!(!preview.changes_nothing());
    assert!(ImportPreview::new(&current, &current).changes_nothing());
    assert_eq!(
        ImportPreview::new(&Dataset::new(), &current)
            .kinds
            .iter()
            .map(|k| k.new)
            .sum::<usize>(),
        10
    );
}

#[test]
fn merge_keeps_the_newer_record_and_both_sides() {
    let current = sample();
    let mut incoming = sample();
    incoming.projects[0].name = "Relaunch 2027".into();
    incoming.projects[0].updated = t0() + Duration::hours(1);
    incoming.steps[0].title = "Altes Konzept".into();
    incoming.steps[0].updated = t0() - Duration::hours(1);
    incoming.steps[1].title = "Gleich alt, anders".into(); // same `updated`: stored one stays
    incoming.steps.remove(2);
    let newcomer = Contact::new("Neu", t0());
    incoming.contacts.push(newcomer.clone());

    let merged = merge(&current, &incoming).expect("valid merge");
    assert_eq!(merged.projects[0].name, "Relaunch 2027");
    assert_eq!(merged.steps[0].title, "Konzept");
    assert_eq!(merged.steps[1].title, "Design");
    assert_eq!(merged.steps.len(), 3, "steps only in current are kept");
    assert_eq!(
        merged.contacts.last(),
        Some(&newcomer),
        "new records are appended"
    );
    assert_eq!(merge(&current, &current), Ok(current.clone()));
    assert_eq!(merge(&Dataset::new(), &current), Ok(current));
}

#[test]
fn a_merge_writes_only_the_records_it_adds_or_changes() {
    let current = sample();
    let mut incoming = sample();
    incoming.projects[0].name = "Relaunch 2027".into();
    incoming.projects[0].updated = t0() + Duration::hours(1);
    let newcomer = Contact::new("Neu", t0());
    incoming.contacts.push(newcomer.clone());
    let merged = merge(&current, &incoming).expect("valid merge");
    let changed = changed_records(&current, &merged);
    assert_eq!(changed.projects, vec![merged.projects[0].clone()]);
    assert_eq!(changed.contacts, vec![newcomer]);
    assert_eq!(changed.counts().total(), 2, "nothing else is written");
    assert_eq!(changed_records(&current, &current).counts().total(), 0);
    assert_eq!(
        changed_records(&Dataset::new(), &current),
        current,
        "into empty data, everything is new"
    );
}

#[test]
fn merge_that_would_close_a_cycle_changes_nothing() {
    let current = sample();
    let mut incoming = sample();
    // The backup's newer "Konzept" depends on "Umsetzung", which (in the
    // current data) depends on "Design", which depends on "Konzept".
    let build = incoming.steps[2].id;
    incoming.steps[0].dependencies.push(Dependency::on(build));
    incoming.steps[0].updated = t0() + Duration::days(1);
    incoming.steps[2].dependencies.clear();
    incoming.steps[2].updated = t0() - Duration::days(1); // older: current keeps its link
    let before = current.clone();
    match merge(&current, &incoming) {
        Err(ImportError::Invalid(errors)) => {
            assert!(
                errors
                    .iter()
                    .any(|e| matches!(e, ValidationError::DependencyCycle { .. })),
                "{errors:?}"
            )
        }
        other => panic!("expected a cycle, got {other:?}"),
    }
    assert_eq!(current, before);
}

#[test]
fn replace_validates_too() {
    assert_eq!(replace(&sample()), Ok(sample()));
    let mut broken = sample();
    broken.steps[0].progress = 101;
    assert!(matches!(replace(&broken), Err(ImportError::Invalid(_))));
}
