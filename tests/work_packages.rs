//! Work packages for collaborators and the updates they send back: a
//! package holds only the collaborator's part (it is scanned for every
//! price, rate, budget, other person's name and address in the sample
//! data); an update merges field by field, shows what both sides changed
//! as clashes, is refused when stale, superseded or for a deleted project,
//! changes nothing the second time, and updates of several collaborators
//! give the same result in any order (a property test).

use chefsache::domain::*;
use chefsache::exchange::backup::parse_backup;
use chefsache::exchange::work_package::{
    read_package, read_update, write_package, write_update, ContactPerson, ExchangeFileError,
    WorkUpdate,
};
use chefsache::planning::WorkCalendar;
use chefsache::state::work_packages::{
    build_package, plan_update, PackageWork, ReportField, UpdateRefusal,
};
use chrono::{DateTime, NaiveDate, TimeZone, Utc};
use proptest::prelude::*;

const FREELANCER: &str = include_str!("../public/samples/freelancer.json");

fn sample() -> Dataset {
    parse_backup(FREELANCER.as_bytes()).unwrap().data
}

fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 23, 9, 0, 0).unwrap()
}

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 23).unwrap()
}

fn me() -> ContactPerson {
    ContactPerson {
        name: "Lena Hoffmann".into(),
        email: "lena@hoffmann-web.example".into(),
        phone: "+49 341 555 0100".into(),
    }
}

fn contact_named(data: &Dataset, name: &str) -> ContactId {
    data.contacts.iter().find(|c| c.name == name).unwrap().id
}

fn shop(data: &Dataset) -> ProjectId {
    data.projects
        .iter()
        .find(|p| p.name.starts_with("Relaunch"))
        .unwrap()
        .id
}

/// `data` with the package for `who` issued; the package.
fn issue(data: &mut Dataset, who: ContactId) -> chefsache::exchange::work_package::WorkPackage {
    let (package, change) = build_package(
        data,
        shop(data),
        who,
        me(),
        &WorkCalendar::default(),
        today(),
        now(),
    )
    .unwrap();
    change.apply_to(data);
    package
}

/// Imports `update`, deciding every clash for the collaborator.
fn import(data: &mut Dataset, update: &WorkUpdate) -> Result<usize, UpdateRefusal> {
    let plan = plan_update(data, update, now())?;
    let clashes: Vec<_> = plan
        .steps
        .iter()
        .flat_map(|s| s.clashes.iter().map(move |c| (s.step, c.field)))
        .collect();
    let count = plan.clash_count();
    plan.into_change(data, &clashes, now()).apply_to(data);
    Ok(count)
}

/// Digits of an amount as they could appear in a file (cents, euros).
fn money_spellings(cents: i64) -> Vec<String> {
    let euros = cents / 100;
    let rest = cents % 100;
    vec![
        cents.to_string(),
        format!("{euros}.{rest:02}"),
        format!("{euros},{rest:02}"),
    ]
}

#[test]
fn a_package_holds_the_collaborators_part_and_nothing_else() {
    let mut data = sample();
    let jonas = contact_named(&data, "Jonas Weber");
    let package = issue(&mut data, jonas);
    let text = write_package(&package);

    let theirs: Vec<&Step> = data
        .steps
        .iter()
        .filter(|s| s.assignee == Assignee::Contact(jonas))
        .collect();
    assert!(!theirs.is_empty());
    assert_eq!(package.steps.len(), theirs.len());
    for step in &theirs {
        assert!(
            text.contains(&step.title),
            "{} is in the package",
            step.title
        );
    }
    assert!(
        !package.neighbours.is_empty(),
        "the steps they wait for and that wait for them, by title and date"
    );

    // UUIDs could contain any digits; take them out before looking for
    // amounts.
    let scrubbed = without_uuids(&text);
    let mut forbidden: Vec<String> = Vec::new();
    for contact in data.contacts.iter().filter(|c| c.id != jonas) {
        forbidden.push(contact.name.clone());
        forbidden.extend(contact.emails.iter().map(|e| e.value.clone()));
        forbidden.extend(contact.phones.iter().map(|p| p.value.clone()));
    }
    for contact in data.contacts.iter() {
        forbidden.extend(contact.emails.iter().map(|e| e.value.clone()));
        if let Some(rate) = contact.hourly_rate {
            forbidden.extend(money_spellings(rate.0));
        }
    }
    for project in data.projects.iter() {
        for amount in [project.planned_revenue, project.planned_cost] {
            if amount.0 != 0 {
                forbidden.extend(money_spellings(amount.0));
            }
        }
    }
    for material in data.materials.iter() {
        if material.unit_cost.0 != 0 {
            forbidden.extend(money_spellings(material.unit_cost.0));
        }
    }
    for communication in data.communications.iter() {
        forbidden.push(communication.summary.clone());
    }
    for entry in data.time_entries.iter() {
        if entry.person != Assignee::Contact(jonas) && !entry.note.is_empty() {
            forbidden.push(entry.note.clone());
        }
    }
    for word in forbidden.iter().filter(|w| w.len() > 2) {
        assert!(
            !scrubbed.contains(word.as_str()),
            "the package leaks {word:?}"
        );
    }
    for key in [
        "rate",
        "cost",
        "revenue",
        "budget",
        "supplier",
        "email\": \"jonas",
    ] {
        assert!(!text.contains(key), "the package has a field {key:?}");
    }
    // And it reads back as it was written.
    assert_eq!(read_package(text.as_bytes()).unwrap(), package);
}

/// `text` with every UUID replaced by `-`.
fn without_uuids(text: &str) -> String {
    let bytes: Vec<char> = text.chars().collect();
    let mut out = String::new();
    let mut i = 0;
    let is_uuid = |s: &[char]| {
        s.len() >= 36
            && s[..36].iter().enumerate().all(|(k, c)| {
                if [8, 13, 18, 23].contains(&k) {
                    *c == '-'
                } else {
                    c.is_ascii_hexdigit()
                }
            })
    };
    while i < bytes.len() {
        if is_uuid(&bytes[i..]) {
            out.push('-');
            i += 36;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    out
}

#[test]
fn an_update_brings_progress_hours_results_and_notes_back() {
    let mut data = sample();
    let jonas = contact_named(&data, "Jonas Weber");
    let package = issue(&mut data, jonas);

    // The collaborator's side: the package travels as a file.
    let opened = read_package(write_package(&package).as_bytes()).unwrap();
    let mut work = PackageWork::open(opened);
    let first = package.steps[0].id;
    work.set_status(first, StepStatus::InProgress, today());
    work.set_progress(first, 40);
    work.set_result(first, "Staging läuft unter shop-test");
    assert!(work.book(first, today(), 3.5, "Hosting eingerichtet"));
    assert!(!work.book(first, today(), 0.0, ""), "0 hours are refused");
    assert!(
        !work.book(first, today(), 25.0, ""),
        "more than 24 hours are refused"
    );
    assert!(work.add_note(first, "Zugangsdaten für die WaWi fehlen noch", now()));
    let update = work.make_update(now());
    let received = read_update(write_update(&update).as_bytes()).unwrap();

    // The person's side.
    let plan = plan_update(&data, &received, now()).unwrap();
    assert_eq!(plan.clash_count(), 0);
    let merge = &plan.steps[0];
    let fields: Vec<ReportField> = merge.updates.iter().map(|u| u.field).collect();
    assert!(fields.contains(&ReportField::Progress) && fields.contains(&ReportField::Status));
    assert_eq!(plan.new_hours.len(), 1);
    assert_eq!(plan.new_notes.len(), 1);
    plan.into_change(&data, &[], now()).apply_to(&mut data);
    assert_eq!(data.validate(), Ok(()));

    let step = data.step(first).unwrap();
    assert_eq!(step.progress, 40);
    assert_eq!(step.status, StepStatus::InProgress);
    assert_eq!(
        step.result.as_deref(),
        Some("Staging läuft unter shop-test")
    );
    let booked: Vec<&TimeEntry> = data
        .time_entries
        .iter()
        .filter(|t| t.step == first && t.person == Assignee::Contact(jonas))
        .collect();
    assert!(booked.iter().any(|t| t.hours == 3.5));
    assert!(data
        .communications
        .iter()
        .any(|c| c.summary.contains("Zugangsdaten") && c.contact == Some(jonas)));

    // The same update again changes nothing and says so.
    let before = data.clone();
    assert!(matches!(
        plan_update(&data, &received, now()),
        Err(UpdateRefusal::AlreadyImported {
            number: 1,
            imported: 1
        })
    ));
    assert_eq!(data, before);

    // A later update with more hours adds only those.
    work.book(first, today().succ_opt().unwrap(), 2.0, "");
    let second = work.make_update(now());
    let plan = plan_update(&data, &second, now()).unwrap();
    assert_eq!(plan.new_hours.len(), 1, "the first entry is known already");
    assert!(plan.steps.is_empty(), "the step reports are in already");
}

#[test]
fn both_sides_changing_a_field_is_a_clash_the_person_decides() {
    let mut data = sample();
    let jonas = contact_named(&data, "Jonas Weber");
    let package = issue(&mut data, jonas);
    let first = package.steps[0].id;

    // The person sets 20 % meanwhile; the collaborator reports 60 %.
    let mut step = data.step(first).unwrap().clone();
    step.progress = 20;
    chefsache::state::commands::save(&data, chefsache::store::AnyRecord::Step(step), now())
        .apply_to(&mut data);
    let mut work = PackageWork::open(package);
    work.set_progress(first, 60);
    let update = work.make_update(now());

    let plan = plan_update(&data, &update, now()).unwrap();
    assert_eq!(plan.clash_count(), 1);
    let clash = &plan.steps[0].clashes[0];
    assert_eq!(clash.field, ReportField::Progress);
    assert_eq!(
        (clash.ours.clone(), clash.theirs.clone()),
        (20.into(), 60.into())
    );

    // Not chosen: the person's value stays.
    let mut kept = data.clone();
    plan.clone()
        .into_change(&kept.clone(), &[], now())
        .apply_to(&mut kept);
    assert_eq!(kept.step(first).unwrap().progress, 20);
    // Chosen: the collaborator's.
    plan.into_change(&data, &[(first, ReportField::Progress)], now())
        .apply_to(&mut data);
    assert_eq!(data.step(first).unwrap().progress, 60);
}

#[test]
fn stale_superseded_and_orphaned_updates_are_refused() {
    let mut data = sample();
    let jonas = contact_named(&data, "Jonas Weber");
    let old = issue(&mut data, jonas);
    let mut work = PackageWork::open(old);
    work.set_progress(work.package.steps[0].id, 10);
    let update = work.make_update(now());

    // A new package for Jonas replaces the old one.
    let mut reissued = data.clone();
    issue(&mut reissued, jonas);
    assert_eq!(
        plan_update(&reissued, &update, now()),
        Err(UpdateRefusal::Superseded)
    );

    // The project was deleted.
    let mut gone = data.clone();
    let project = shop(&gone);
    chefsache::state::commands::delete_project(&gone, project, now())
        .unwrap()
        .apply_to(&mut gone);
    assert_eq!(
        plan_update(&gone, &update, now()),
        Err(UpdateRefusal::NoProject)
    );

    // Another collaborator's name on it.
    let mut forged = update.clone();
    forged.collaborator = contact_named(&data, "Aylin Demir");
    assert_eq!(
        plan_update(&data, &forged, now()),
        Err(UpdateRefusal::WrongCollaborator)
    );

    // An older update after a newer one.
    let newer = work.make_update(now());
    import(&mut data, &newer).unwrap();
    assert!(matches!(
        plan_update(&data, &update, now()),
        Err(UpdateRefusal::AlreadyImported {
            number: 1,
            imported: 2
        })
    ));
}

#[test]
fn broken_files_are_named_with_the_place_of_the_problem() {
    let mut data = sample();
    let jonas = contact_named(&data, "Jonas Weber");
    let package = issue(&mut data, jonas);
    let mut value = serde_json::to_value(&package).unwrap();
    value["steps"][0]["effort_hours"] = "viel".into();
    let error = read_package(value.to_string().as_bytes()).unwrap_err();
    assert!(
        matches!(&error, ExchangeFileError::Field { path, .. } if path == "steps[0].effort_hours"),
        "{error}"
    );
    assert!(matches!(
        read_package(FREELANCER.as_bytes()),
        Err(ExchangeFileError::WrongFormat { .. })
    ));
    assert!(matches!(
        read_update(write_package(&package).as_bytes()),
        Err(ExchangeFileError::WrongFormat { .. })
    ));
    value = serde_json::to_value(&package).unwrap();
    value["format_version"] = 9.into();
    assert!(matches!(
        read_package(value.to_string().as_bytes()),
        Err(ExchangeFileError::NewerVersion { found: 9 })
    ));
    assert!(matches!(
        read_package(b"{ nope"),
        Err(ExchangeFileError::NotJson { line: 1, .. })
    ));
}

/// What a collaborator does on their package, drawn at random.
#[derive(Debug, Clone)]
enum Act {
    Progress(usize, u8),
    Status(usize, u8),
    Result(usize, String),
    Hours(usize, u8),
    Note(usize, String),
}

fn act() -> impl Strategy<Value = Act> {
    prop_oneof![
        (0..4usize, 0..=100u8).prop_map(|(s, p)| Act::Progress(s, p)),
        (0..4usize, 0..3u8).prop_map(|(s, k)| Act::Status(s, k)),
        (0..4usize, "[a-zäö ]{1,12}").prop_map(|(s, t)| Act::Result(s, t)),
        (0..4usize, 1..=8u8).prop_map(|(s, h)| Act::Hours(s, h)),
        (0..4usize, "[a-z ]{1,12}").prop_map(|(s, t)| Act::Note(s, t)),
    ]
}

fn play(work: &mut PackageWork, acts: &[Act]) {
    let steps: Vec<StepId> = work.package.steps.iter().map(|s| s.id).collect();
    let pick = |i: usize| steps[i % steps.len()];
    for act in acts {
        match act {
            Act::Progress(s, p) => work.set_progress(pick(*s), *p),
            Act::Status(s, k) => {
                let status =
                    [StepStatus::Todo, StepStatus::InProgress, StepStatus::Done][*k as usize];
                work.set_status(pick(*s), status, today());
            }
            Act::Result(s, t) => work.set_result(pick(*s), t),
            Act::Hours(s, h) => {
                work.book(pick(*s), today(), f64::from(*h), "");
            }
            Act::Note(s, t) => {
                work.add_note(pick(*s), t, now());
            }
        }
    }
}

/// The records' content, without when they were touched.
fn content(data: &Dataset) -> Vec<serde_json::Value> {
    let mut all: Vec<serde_json::Value> = Vec::new();
    let strip = |mut v: serde_json::Value| {
        if let Some(o) = v.as_object_mut() {
            o.remove("updated");
            o.remove("created");
        }
        v
    };
    all.extend(
        data.steps
            .iter()
            .map(|s| strip(serde_json::to_value(s).unwrap())),
    );
    all.extend(
        data.time_entries
            .iter()
            .map(|s| strip(serde_json::to_value(s).unwrap())),
    );
    all.extend(
        data.communications
            .iter()
            .map(|s| strip(serde_json::to_value(s).unwrap())),
    );
    all.extend(
        data.projects
            .iter()
            .map(|s| strip(serde_json::to_value(s).unwrap())),
    );
    all.sort_by_key(|v| v.to_string());
    all
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn updates_of_several_collaborators_merge_alike_in_any_order(
        acts_a in prop::collection::vec(act(), 0..12),
        acts_b in prop::collection::vec(act(), 0..12),
        more_a in prop::collection::vec(act(), 0..6),
        person_edits in prop::collection::vec((0..4usize, 0..=100u8), 0..3),
    ) {
        let mut data = sample();
        let jonas = contact_named(&data, "Jonas Weber");
        let aylin = contact_named(&data, "Aylin Demir");
        let marek = contact_named(&data, "Marek Nowak");
        let mut works = Vec::new();
        for who in [jonas, aylin, marek] {
            works.push(PackageWork::open(issue(&mut data, who)));
        }
        // The person edits some of the collaborators' steps meanwhile.
        let shared: Vec<StepId> = works.iter().flat_map(|w| w.package.steps.iter().map(|s| s.id)).collect();
        for (i, progress) in &person_edits {
            let mut step = data.step(shared[i % shared.len()]).unwrap().clone();
            step.progress = *progress;
            chefsache::state::commands::save(&data, chefsache::store::AnyRecord::Step(step), now())
                .apply_to(&mut data);
        }
        play(&mut works[0], &acts_a);
        let a1 = works[0].make_update(now());
        play(&mut works[0], &more_a);
        let a2 = works[0].make_update(now());
        play(&mut works[1], &acts_b);
        let b1 = works[1].make_update(now());
        play(&mut works[2], &acts_b);
        let c1 = works[2].make_update(now());

        let orders: [Vec<&WorkUpdate>; 3] = [
            vec![&a1, &a2, &b1, &c1],
            vec![&c1, &b1, &a2],
            vec![&b1, &a2, &c1, &a1],
        ];
        let mut results = Vec::new();
        for order in &orders {
            let mut merged = data.clone();
            for update in order {
                // A stale one (a1 after a2) is refused and changes nothing.
                let _ = import(&mut merged, update);
            }
            prop_assert_eq!(merged.validate(), Ok(()));
            results.push(content(&merged));
            // Importing everything again changes nothing.
            let again = content(&merged);
            for update in order {
                let _ = import(&mut merged, update);
            }
            prop_assert_eq!(content(&merged), again);
        }
        prop_assert_eq!(&results[0], &results[1]);
        prop_assert_eq!(&results[0], &results[2]);
    }
}
