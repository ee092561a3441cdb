//! Property test: export → import gives back exactly the same data, for
//! generated datasets with awkward text (unicode, quotes, newlines),
//! amounts, dates and floats.

use chefsache::domain::*;
use chefsache::exchange::backup::{export_json, parse_backup};
use chrono::{DateTime, NaiveDate, TimeZone, Utc};
use proptest::prelude::*;
use uuid::Uuid;

fn text() -> impl Strategy<Value = String> {
    prop_oneof![
        "[a-zA-ZäöüÄÖÜß0-9 ]{1,20}",
        "\\PC{1,30}",
        Just("Zitat \"innen\" \\ und\nZeilenumbruch\t😀".to_string()),
    ]
    .prop_filter("names must not be blank", |s| !s.trim().is_empty())
}

fn uuid() -> impl Strategy<Value = Uuid> {
    any::<u128>().prop_map(|n| uuid::Builder::from_random_bytes(n.to_le_bytes()).into_uuid())
}

fn instant() -> impl Strategy<Value = DateTime<Utc>> {
    // 2000-01-01 .. 2100-01-01, with nanoseconds to test RFC 3339 precision.
    (946_684_800i64..4_102_444_800, 0u32..1_000_000_000)
        .prop_map(|(s, ns)| Utc.timestamp_opt(s, ns).single().unwrap_or_default())
}

fn day() -> impl Strategy<Value = NaiveDate> {
    (0i64..36_500).prop_map(|n| {
        NaiveDate::from_ymd_opt(2000, 1, 1).unwrap_or_default() + chrono::Duration::days(n)
    })
}

fn money() -> impl Strategy<Value = Money> {
    (0i64..=i64::MAX / 2).prop_map(Money)
}

fn amount() -> impl Strategy<Value = f64> {
    prop_oneof![0.0f64..1e9, (0u32..10_000).prop_map(|n| f64::from(n) / 4.0)]
}

fn project() -> impl Strategy<Value = Project> {
    (
        uuid(),
        instant(),
        text(),
        money(),
        money(),
        text(),
        proptest::collection::vec(text(), 0..4),
        any::<u16>(),
    )
        .prop_map(|(id, at, name, revenue, cost, notes, areas, buffer)| {
            let mut p = Project::new(name, at);
            p.id = ProjectId(id);
            p.planned_revenue = revenue;
            p.planned_cost = cost;
            p.notes = notes;
            p.work_areas = areas;
            p.procurement_buffer_days = u32::from(buffer);
            p.priority = Priority::Urgent;
            p
        })
}

/// Steps for `projects`; each may depend only on earlier steps of the same
/// project, so the result is free of cycles.
fn steps(projects: Vec<ProjectId>) -> impl Strategy<Value = Vec<Step>> {
    let one = (
        uuid(),
        instant(),
        text(),
        0..projects.len(),
        1u32..200,
        amount(),
        0u8..=100,
        any::<i32>(),
        proptest::option::of(day()),
        proptest::collection::vec((any::<prop::sample::Index>(), -5i32..10), 0..3),
        proptest::option::of(0u32..50),
    );
    proptest::collection::vec(one, 0..12).prop_map(move |raw| {
        let mut out: Vec<Step> = Vec::new();
        for (id, at, title, p, duration, effort, progress, order, deadline, deps, left) in raw {
            let mut step = Step::new(projects[p], title, at);
            step.id = StepId(id);
            step.duration_days = duration;
            step.effort_hours = effort;
            step.progress = progress;
            step.sort_order = order;
            step.deadline = deadline;
            step.remaining_days = left;
            step.result = Some("Ergebnis: „fertig“".into());
            let earlier: Vec<StepId> = out
                .iter()
                .filter(|s| s.project == step.project)
                .map(|s| s.id)
                .collect();
            if !earlier.is_empty() {
                for (pick, lag) in deps {
                    let predecessor = earlier[pick.index(earlier.len())];
                    if !step.depends_on(predecessor) {
                        step.dependencies.push(Dependency {
                            predecessor,
                            lag_days: lag,
                        });
                    }
                }
            }
            out.push(step);
        }
        out
    })
}

fn contact() -> impl Strategy<Value = Contact> {
    (
        uuid(),
        instant(),
        text(),
        proptest::option::of(money()),
        proptest::option::of(0.0f64..168.0),
        proptest::collection::vec(day(), 0..3),
        text(),
    )
        .prop_map(|(id, at, name, rate, capacity, days_off, street)| {
            let mut c = Contact::new(name, at);
            c.id = ContactId(id);
            c.roles = vec![Role::Collaborator, Role::Client];
            c.hourly_rate = rate;
            c.weekly_capacity_hours = capacity;
            c.days_off = days_off;
            c.address.street = street;
            c.emails = vec!["a@example.org".into()];
            c
        })
}

fn dataset() -> impl Strategy<Value = Dataset> {
    (
        proptest::collection::vec(project(), 1..4),
        proptest::collection::vec(contact(), 0..4),
    )
        .prop_flat_map(|(projects, contacts)| {
            let ids: Vec<ProjectId> = projects.iter().map(|p| p.id).collect();
            (
                Just(projects),
                Just(contacts),
                steps(ids),
                instant(),
                text(),
                amount(),
                money(),
                day(),
            )
        })
        .prop_map(
            |(projects, contacts, steps, at, text, amount, money, day)| {
                let mut data = Dataset {
                    projects: projects.into(),
                    contacts: contacts.into(),
                    steps: steps.into(),
                    ..Dataset::default()
                };
                add_dependents(&mut data, at, text, amount, money, day);
                data
            },
        )
}

/// Adds one material, communication, appointment and time entry linked to
/// the generated records.
fn add_dependents(
    data: &mut Dataset,
    at: DateTime<Utc>,
    text: String,
    amount: f64,
    money: Money,
    day: NaiveDate,
) {
    let project = data.projects[0].id;
    let mut material = Material::new(project, text.clone(), at);
    material.quantity = amount;
    material.unit_cost = money;
    material.supplier = data.contacts.first().map(|c| c.id);
    material.step = data
        .steps
        .iter()
        .find(|s| s.project == project)
        .map(|s| s.id);
    data.materials.push(material);
    let mut comm = Communication::new(at, text.clone(), at);
    comm.project = Some(project);
    comm.follow_up = Some(day);
    data.communications.push(comm);
    let start = day.and_hms_opt(9, 30, 0).unwrap_or_default();
    let mut appt = Appointment::new(
        text,
        When::Timed {
            start,
            end: start + chrono::Duration::minutes(90),
        },
        at,
    );
    appt.recurrence = Some(Recurrence::new(Frequency::Monthly, None));
    appt.contacts = data.contacts.iter().map(|c| c.id).collect();
    data.appointments.push(appt);
    if let Some(step) = data.steps.first() {
        let hours = (amount % 24.0).max(0.25);
        data.time_entries
            .push(TimeEntry::new(step.id, day, hours, at));
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn export_then_import_is_identity(data in dataset(), app in "[0-9.]{1,8}", at in instant()) {
        prop_assert_eq!(data.validate(), Ok(()));
        let json = export_json(&data, &app, at);
        let backup = parse_backup(json.as_bytes()).map_err(|e| TestCaseError::fail(e.to_string()))?;
        prop_assert_eq!(backup.exported_at, at);
        prop_assert_eq!(backup.app_version, app);
        prop_assert_eq!(backup.data, data);
    }
}
