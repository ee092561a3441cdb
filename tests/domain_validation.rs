//! Rules of the domain core: single records, links, dependencies, cycles.

use chefsache::domain::*;
use chrono::{DateTime, NaiveDate, Utc};

fn now() -> DateTime<Utc> {
    DateTime::parse_from_rfc3339("2026-11-02T08:00:00Z")
        .map(|d| d.with_timezone(&Utc))
        .expect("valid time")
}

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).expect("valid date")
}

/// A project with steps "A" → "B" → "C" (each depends on the previous).
fn chain() -> (Dataset, Vec<StepId>) {
    let mut data = Dataset::new();
    let project = Project::new("Shop-Relaunch", now());
    let a = Step::new(project.id, "A", now());
    let mut b = Step::new(project.id, "B", now());
    b.dependencies.push(Dependency::on(a.id));
    let mut c = Step::new(project.id, "C", now());
    c.dependencies.push(Dependency {
        predecessor: b.id,
        lag_days: 2,
    });
    let ids = vec![a.id, b.id, c.id];
    data.projects.push(project);
    data.steps.extend([a, b, c]);
    (data, ids)
}

fn errors(data: &Dataset) -> Vec<ValidationError> {
    data.validate().err().unwrap_or_default()
}

#[test]
fn a_consistent_dataset_validates() {
    let (data, _) = chain();
    assert_eq!(data.validate(), Ok(()));
}

#[test]
fn cycle_is_reported_with_titles_in_order() {
    let (mut data, ids) = chain();
    data.steps[0].dependencies.push(Dependency::on(ids[2])); // A depends on C
    let errs = errors(&data);
    assert_eq!(errs.len(), 1, "{errs:?}");
    match &errs[0] {
        ValidationError::DependencyCycle { steps, titles } => {
            assert_eq!(steps, &ids);
            assert_eq!(titles, &["A", "B", "C"]);
        }
        other => panic!("unexpected {other:?}"),
    }
    assert_eq!(
        errs[0].to_string(),
        "dependency cycle: \"A\" → \"B\" → \"C\" → \"A\""
    );
}

#[test]
fn two_separate_cycles_are_both_reported_once() {
    let (mut data, ids) = chain();
    data.steps[0].dependencies.push(Dependency::on(ids[1])); // A <-> B
    let project = data.projects[0].id;
    let mut x = Step::new(project, "X", now());
    let mut y = Step::new(project, "Y", now());
    x.dependencies.push(Dependency::on(y.id));
    y.dependencies.push(Dependency::on(x.id));
    data.steps.extend([x, y]);
    let cycles: Vec<_> = errors(&data)
        .into_iter()
        .filter(|e| matches!(e, ValidationError::DependencyCycle { .. }))
        .collect();
    assert_eq!(cycles.len(), 2, "{cycles:?}");
}

#[test]
fn would_create_cycle_names_the_path() {
    let (data, ids) = chain();
    // Making C a predecessor of A closes A → B → C → A.
    assert_eq!(data.would_create_cycle(ids[0], ids[2]), Some(ids.clone()));
    assert_eq!(data.would_create_cycle(ids[1], ids[1]), Some(vec![ids[1]]));
    assert_eq!(
        data.would_create_cycle(ids[2], ids[0]),
        None,
        "A before C is fine"
    );
    let message = data.cycle_error(&ids).to_string();
    assert!(message.contains("\"A\" → \"B\" → \"C\""), "{message}");
}

#[test]
fn long_chains_do_not_overflow_the_stack() {
    let mut data = Dataset::new();
    let project = Project::new("Lang", now());
    let mut previous: Option<StepId> = None;
    for i in 0..50_000 {
        let mut step = Step::new(project.id, format!("S{i}"), now());
        if let Some(p) = previous {
            step.dependencies.push(Dependency::on(p));
        }
        previous = Some(step.id);
        data.steps.push(step);
    }
    data.projects.push(project);
    assert_eq!(data.validate(), Ok(()));
    let first = data.steps[0].id;
    let last = data.steps[49_999].id;
    assert_eq!(
        data.would_create_cycle(first, last).map(|c| c.len()),
        Some(50_000)
    );
}

#[test]
fn self_and_cross_project_dependencies_are_refused() {
    let (mut data, ids) = chain();
    data.steps[1].dependencies.push(Dependency::on(ids[1]));
    let other = Project::new("Andere", now());
    let mut foreign = Step::new(other.id, "Fremd", now());
    foreign.dependencies.push(Dependency::on(ids[0]));
    data.projects.push(other);
    data.steps.push(foreign);
    let messages: Vec<String> = errors(&data).iter().map(ToString::to_string).collect();
    assert!(
        messages.contains(&"step \"B\": a step cannot depend on itself".to_string()),
        "{messages:?}"
    );
    assert!(
        messages.contains(
            &"step \"Fremd\": cannot depend on step \"A\" of another project".to_string()
        ),
        "{messages:?}"
    );
}

#[test]
fn numbers_are_checked() {
    let (mut data, _) = chain();
    data.steps[0].effort_hours = -1.5;
    data.steps[1].progress = 120;
    data.steps[2].duration_days = 0;
    let mut material = Material::new(data.projects[0].id, "Lizenz", now());
    material.quantity = -2.0;
    material.unit_cost = Money(-100);
    data.materials.push(material);
    data.projects[0].planned_cost = Money(-1);
    let messages: Vec<String> = errors(&data).iter().map(ToString::to_string).collect();
    let expected = [
        "step \"A\": effort_hours must not be negative (is -1.5)",
        "step \"B\": progress must be at most 100 (is 120)",
        "step \"C\": duration_days may only be 0 for milestones",
        "material \"Lizenz\": quantity must not be negative (is -2)",
        "material \"Lizenz\": unit_cost must not be negative (is -1.00 EUR)",
        "project \"Shop-Relaunch\": planned_cost must not be negative (is -0.01 EUR)",
    ];
    for e in expected {
        assert!(
            messages.iter().any(|m| m == e),
            "missing {e:?} in {messages:?}"
        );
    }
    assert_eq!(messages.len(), expected.len(), "{messages:?}");
}

#[test]
fn milestones_may_have_zero_duration() {
    let (mut data, _) = chain();
    data.steps[2].duration_days = 0;
    data.steps[2].milestone = true;
    assert_eq!(data.validate(), Ok(()));
}

#[test]
fn missing_references_name_record_and_field() {
    let (mut data, ids) = chain();
    let ghost_contact = ContactId::new();
    let ghost_step = StepId::new();
    data.projects[0].client = Some(ghost_contact);
    data.steps[0].assignee = Assignee::Contact(ghost_contact);
    data.steps[1].dependencies.push(Dependency::on(ghost_step));
    let mut material = Material::new(ProjectId::new(), "Kabel", now());
    material.step = Some(ghost_step);
    material.supplier = Some(ghost_contact);
    data.materials.push(material);
    let mut comm = Communication::new(now(), "Anruf", now());
    comm.contact = Some(ghost_contact);
    comm.project = Some(ProjectId::new());
    data.communications.push(comm);
    let mut appt = Appointment::new(
        "Termin",
        When::AllDay {
            first: date(2026, 12, 1),
            last: date(2026, 12, 1),
        },
        now(),
    );
    appt.contacts.push(ghost_contact);
    data.appointments.push(appt);
    let mut entry = TimeEntry::new(ghost_step, date(2026, 11, 3), 2.0, now());
    entry.person = Assignee::Contact(ghost_contact);
    data.time_entries.push(entry);

    let fields: Vec<(String, &str)> = errors(&data)
        .iter()
        .filter_map(|e| match e {
            ValidationError::MissingReference { record, field, .. } => {
                Some((record.label.clone(), field.as_str()))
            }
            _ => None,
        })
        .collect();
    let expected = [
        ("Shop-Relaunch", "client"),
        ("A", "assignee"),
        ("B", "dependencies"),
        ("Kabel", "project"),
        ("Kabel", "supplier"),
        ("Kabel", "step"),
        ("Anruf", "contact"),
        ("Anruf", "project"),
        ("Termin", "contacts"),
        ("2026-11-03, 2 h", "step"),
        ("2026-11-03, 2 h", "person"),
    ];
    for (label, field) in expected {
        assert!(
            fields.iter().any(|(l, f)| l == label && *f == field),
            "missing {label}.{field} in {fields:?}"
        );
    }
    let _ = ids;
}

#[test]
fn material_step_must_be_in_the_same_project() {
    let (mut data, ids) = chain();
    let other = Project::new("Andere", now());
    let mut material = Material::new(other.id, "Server", now());
    material.step = Some(ids[0]);
    data.projects.push(other);
    data.materials.push(material);
    let messages: Vec<String> = errors(&data).iter().map(ToString::to_string).collect();
    assert_eq!(
        messages,
        ["material \"Server\": step \"A\" belongs to another project"]
    );
}

#[test]
fn duplicate_ids_are_refused() {
    let (mut data, _) = chain();
    let mut copy = data.steps[0].clone();
    copy.title = "A (Kopie)".into();
    copy.dependencies.clear();
    data.steps.push(copy);
    let errs = errors(&data);
    assert!(
        errs.iter().any(|e| matches!(
            e,
            ValidationError::DuplicateId {
                kind: RecordKind::Step,
                ..
            }
        )),
        "{errs:?}"
    );
    assert!(errs
        .iter()
        .any(|e| e.to_string().contains("(\"A\" and \"A (Kopie)\")")));
}

#[test]
fn appointment_end_must_follow_start() {
    let start = date(2026, 11, 10)
        .and_hms_opt(10, 0, 0)
        .expect("valid time");
    let appt = Appointment::new("Kick-off", When::Timed { start, end: start }, now());
    let errs = appt.validate().expect_err("end == start");
    assert_eq!(
        errs[0].to_string(),
        "appointment \"Kick-off\": end (2026-11-10 10:00:00) must be after start (2026-11-10 10:00:00)"
    );
    let all_day = Appointment::new(
        "Messe",
        When::AllDay {
            first: date(2026, 11, 10),
            last: date(2026, 11, 9),
        },
        now(),
    );
    assert!(all_day.validate().is_err());
    let mut weekly = Appointment::new(
        "Jour fixe",
        When::Timed {
            start,
            end: start + chrono::Duration::hours(1),
        },
        now(),
    );
    weekly.recurrence = Some(Recurrence::new(Frequency::Weekly, Some(date(2026, 11, 1))));
    assert!(weekly.validate().is_err(), "until before first occurrence");
    weekly.recurrence = Some(Recurrence::new(Frequency::Weekly, Some(date(2027, 3, 31))));
    assert_eq!(weekly.validate(), Ok(()));
}

#[test]
fn time_entry_hours_must_be_in_range() {
    let step = StepId::new();
    for bad in [0.0, -1.0, 24.5, f64::NAN] {
        let entry = TimeEntry::new(step, date(2026, 11, 3), bad, now());
        assert!(entry.validate().is_err(), "{bad} accepted");
    }
    assert_eq!(
        TimeEntry::new(step, date(2026, 11, 3), 24.0, now()).validate(),
        Ok(())
    );
}

#[test]
fn blank_names_are_refused() {
    let project = Project::new("  ", now());
    assert_eq!(
        project.validate().expect_err("blank")[0].to_string(),
        "project \"  \": name must not be empty"
    );
    assert!(Contact::new("", now()).validate().is_err());
    assert!(Communication::new(now(), "", now()).validate().is_err());
}

#[test]
fn lookups_find_related_records() {
    let (mut data, ids) = chain();
    let project = data.projects[0].id;
    data.steps[0].sort_order = 5;
    let mut material = Material::new(project, "Theme-Lizenz", now());
    material.step = Some(ids[1]);
    material.quantity = 2.0;
    material.unit_cost = Money(4_950);
    data.materials.push(material);
    data.time_entries
        .push(TimeEntry::new(ids[0], date(2026, 11, 3), 3.5, now()));

    let titles: Vec<&str> = data
        .steps_of(project)
        .iter()
        .map(|s| s.title.as_str())
        .collect();
    assert_eq!(titles, ["B", "C", "A"]);
    assert_eq!(data.successors_of(ids[0]).len(), 1);
    assert_eq!(
        data.materials_for_step(ids[1])[0].total_cost(),
        Money(9_900)
    );
    assert_eq!(data.time_entries_of(ids[0]).len(), 1);
    assert_eq!(data.step(ids[2]).map(|s| s.title.as_str()), Some("C"));
    assert_eq!(data.counts().total(), 6);
}

#[test]
fn serde_names_are_stable() {
    let (data, _) = chain();
    let json = serde_json::to_value(&data.steps[2]).expect("serialisable");
    assert_eq!(json["assignee"], "me");
    assert_eq!(json["status"], "todo");
    assert_eq!(json["dependencies"][0]["lag_days"], 2);
    let contact = ContactId::new();
    let json = serde_json::to_value(Assignee::Contact(contact)).expect("serialisable");
    assert_eq!(json, serde_json::json!({ "contact": contact.to_string() }));
    assert_eq!(
        serde_json::to_value(Money(12_345)).expect("serialisable"),
        12_345
    );
}

#[test]
fn optional_fields_may_be_missing_but_required_ones_not() {
    let project = ProjectId::new();
    let minimal = serde_json::json!({
        "id": StepId::new(), "created": now(), "updated": now(),
        "project": project, "title": "Nur das Nötigste", "duration_days": 1
    });
    let step: Step = serde_json::from_value(minimal.clone()).expect("optional fields default");
    assert_eq!(step.assignee, Assignee::Me);
    let mut without_title = minimal;
    without_title
        .as_object_mut()
        .expect("object")
        .remove("title");
    assert!(serde_json::from_value::<Step>(without_title).is_err());
}
