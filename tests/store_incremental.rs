//! The incremental check (issue 9) refuses exactly what the full check
//! refuses: on random small datasets (with old damage: dangling links,
//! cycles, empty titles) and random changes (new records, patches, puts,
//! deletes), `added_errors_in` over the touched records equals
//! `added_errors` over everything, and the store's write plan, made from
//! only the records the store reads for the change (`write::read_from`),
//! refuses the same changes for the same reasons.

// proptest is a native dev-dependency only.
#![cfg(not(target_arch = "wasm32"))]

use chefsache::domain::fields::diff_fields;
use chefsache::domain::{
    added_errors, added_errors_in, Assignee, Communication, Contact, ContactId, Dataset,
    Dependency, Material, Project, ProjectId, RecordKind, Step, StepId, TimeEntry, TimeEntryId,
    ValidationError,
};
use chefsache::store::change::find;
use chefsache::store::write::{plan_write, read_from, touched};
use chefsache::store::{AnyRecord, Change, ChangeSet, Refusal};
use chrono::{DateTime, NaiveDate, TimeZone, Utc};
use proptest::prelude::*;
use uuid::Uuid;

/// A small deterministic generator, so one `u64` describes a whole case.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
    fn chance(&mut self, percent: u64) -> bool {
        self.below(100) < percent
    }
}

const PROJECTS: u128 = 3;
const CONTACTS: u128 = 2;
const STEPS: u128 = 6;
const MATERIALS: u128 = 3;
const ENTRIES: u128 = 2;
const NOTES: u128 = 2;

fn id(kind: u128, i: u128) -> Uuid {
    Uuid::from_u128((kind << 64) | (i + 1))
}
fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2027, 1, 4, 9, 0, 0).unwrap()
}
fn project_id(r: &mut Rng) -> ProjectId {
    ProjectId(id(1, r.below(PROJECTS as u64) as u128))
}
fn contact_id(r: &mut Rng) -> ContactId {
    ContactId(id(2, r.below(CONTACTS as u64) as u128))
}
fn step_id(r: &mut Rng) -> StepId {
    StepId(id(3, r.below(STEPS as u64) as u128))
}
fn text(r: &mut Rng) -> &'static str {
    ["", "Alpha", "Beta"][r.below(3) as usize]
}

fn project(r: &mut Rng, i: u128) -> Project {
    let mut p = Project::new(text(r), now());
    p.id = ProjectId(id(1, i));
    p.client = r.chance(40).then(|| contact_id(r));
    p
}
fn contact(r: &mut Rng, i: u128) -> Contact {
    let mut c = Contact::new(text(r), now());
    c.id = ContactId(id(2, i));
    c
}
fn step(r: &mut Rng, i: u128) -> Step {
    let mut s = Step::new(project_id(r), text(r), now());
    s.id = StepId(id(3, i));
    s.duration_days = r.below(3) as u32;
    s.milestone = r.chance(20);
    s.assignee = if r.chance(30) {
        Assignee::Contact(contact_id(r))
    } else {
        Assignee::Me
    };
    for _ in 0..r.below(3) {
        s.dependencies.push(Dependency {
            predecessor: step_id(r),
            lag_days: r.below(3) as i32,
        });
    }
    s
}
fn material(r: &mut Rng, i: u128) -> Material {
    let mut m = Material::new(project_id(r), text(r), now());
    m.id = chefsache::domain::MaterialId(id(4, i));
    m.step = r.chance(60).then(|| step_id(r));
    m.supplier = r.chance(40).then(|| contact_id(r));
    m
}
fn entry(r: &mut Rng, i: u128) -> TimeEntry {
    let date = NaiveDate::from_ymd_opt(2027, 1, 5).unwrap();
    let hours = [-1.0, 0.0, 2.5][r.below(3) as usize];
    let mut t = TimeEntry::new(step_id(r), date, hours, now());
    t.id = TimeEntryId(id(5, i));
    if r.chance(30) {
        t.person = Assignee::Contact(contact_id(r));
    }
    t
}
fn note(r: &mut Rng, i: u128) -> Communication {
    let mut c = Communication::new(now(), text(r), now());
    c.id = chefsache::domain::CommunicationId(id(6, i));
    c.project = r.chance(50).then(|| project_id(r));
    c.contact = r.chance(50).then(|| contact_id(r));
    c
}

/// A random version of record `i` of `kind` (1 to 6).
fn record(r: &mut Rng, kind: u128, i: u128) -> AnyRecord {
    match kind {
        1 => AnyRecord::Project(project(r, i)),
        2 => AnyRecord::Contact(contact(r, i)),
        3 => AnyRecord::Step(step(r, i)),
        4 => AnyRecord::Material(material(r, i)),
        5 => AnyRecord::TimeEntry(entry(r, i)),
        _ => AnyRecord::Communication(note(r, i)),
    }
}

fn pool(kind: u128) -> u128 {
    [0, PROJECTS, CONTACTS, STEPS, MATERIALS, ENTRIES, NOTES][kind as usize]
}

fn dataset(r: &mut Rng) -> Dataset {
    let mut data = Dataset::new();
    for kind in 1..=6 {
        for i in 0..pool(kind) {
            if r.chance(70) {
                ChangeSet::new().put(record(r, kind, i)).apply_to(&mut data);
            }
        }
    }
    data
}

/// One to three changes: new records, patches and puts of existing ones,
/// deletes.
fn changes(r: &mut Rng, data: &Dataset) -> ChangeSet {
    let mut set = ChangeSet::new();
    let mut working = data.clone();
    for _ in 0..1 + r.below(3) {
        let kind = 1 + r.below(6) as u128;
        let i = r.below(pool(kind) as u64) as u128;
        let new = record(r, kind, i);
        let change = match (r.below(3), find(&working, new.key())) {
            (0, _) => Change::Delete(new.key()),
            (1, Some(old)) => {
                let fields = diff_fields(&old.to_fields(), &new.to_fields());
                if fields.is_empty() {
                    continue;
                }
                Change::Patch {
                    key: new.key(),
                    fields,
                    updated: now(),
                }
            }
            _ => Change::Put(new),
        };
        ChangeSet::of(vec![change.clone()]).apply_to(&mut working);
        set.changes.push(change);
    }
    set
}

fn sorted(errors: &[ValidationError]) -> Vec<String> {
    let mut list: Vec<String> = errors.iter().map(|e| format!("{e:?}")).collect();
    list.sort();
    list.dedup();
    list
}

fn check_case(seed: u64) {
    let mut r = Rng(seed | 1);
    let before = dataset(&mut r);
    let set = changes(&mut r, &before);
    let mut after = before.clone();
    set.apply_to(&mut after);

    let full = added_errors(&before, &after);
    let incremental = added_errors_in(&before, &after, &touched(&set));
    assert_eq!(
        sorted(&incremental),
        sorted(&full),
        "seed {seed}: {set:#?}\nbefore {before:#?}"
    );

    // The store's check, on only the records it reads.
    let partial = read_from(&before, &set);
    match plan_write(&partial, &set) {
        Ok(_) => assert!(full.is_empty(), "seed {seed}: stored {full:?}"),
        Err(Refusal::Invalid(errors)) => {
            assert_eq!(sorted(&errors), sorted(&full), "seed {seed}")
        }
        Err(other) => panic!("seed {seed}: {other:?}"),
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(3000))]

    #[test]
    fn the_incremental_check_refuses_exactly_what_the_full_check_refuses(seed in any::<u64>()) {
        check_case(seed);
    }
}

#[test]
fn deleting_a_step_with_successors_materials_and_hours_is_refused_by_both() {
    let p = Project::new("Website", now());
    let a = Step::new(p.id, "Konzept", now());
    let mut b = Step::new(p.id, "Umsetzung", now());
    b.dependencies.push(Dependency::on(a.id));
    let mut m = Material::new(p.id, "Kabel", now());
    m.step = Some(a.id);
    let t = TimeEntry::new(
        a.id,
        NaiveDate::from_ymd_opt(2027, 1, 5).unwrap(),
        2.0,
        now(),
    );
    let data = Dataset {
        projects: vec![p].into(),
        steps: vec![a.clone(), b].into(),
        materials: vec![m].into(),
        time_entries: vec![t].into(),
        ..Dataset::new()
    };
    let set = ChangeSet::new().delete(RecordKind::Step, a.id.0);
    let mut after = data.clone();
    set.apply_to(&mut after);
    let incremental = added_errors_in(&data, &after, &touched(&set));
    assert_eq!(incremental.len(), 3, "{incremental:?}");
    assert_eq!(sorted(&incremental), sorted(&added_errors(&data, &after)));
    assert!(matches!(
        plan_write(&read_from(&data, &set), &set),
        Err(Refusal::Invalid(errors)) if errors.len() == 3
    ));
}

#[test]
fn a_duration_edit_reads_only_its_own_step_and_what_it_points_to() {
    let p = Project::new("Website", now());
    let steps: Vec<Step> = (0..50)
        .map(|i| Step::new(p.id, format!("Schritt {i}"), now()))
        .collect();
    let mut chained = steps.clone();
    for i in 1..chained.len() {
        let before = chained[i - 1].id;
        chained[i].dependencies.push(Dependency::on(before));
    }
    let data = Dataset {
        projects: vec![p].into(),
        steps: chained.clone().into(),
        ..Dataset::new()
    };
    let mut longer = chained[10].clone();
    longer.duration_days = 5;
    let set = ChangeSet::of(vec![Change::Patch {
        key: AnyRecord::Step(longer.clone()).key(),
        fields: diff_fields(
            &AnyRecord::Step(chained[10].clone()).to_fields(),
            &AnyRecord::Step(longer).to_fields(),
        ),
        updated: now(),
    }]);
    let partial = read_from(&data, &set);
    // The step, its project and its predecessor: not the other 48 steps.
    assert_eq!(partial.steps.len(), 2);
    assert_eq!(partial.projects.len(), 1);
    assert!(plan_write(&partial, &set).is_ok());
}
