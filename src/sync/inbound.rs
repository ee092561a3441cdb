//! Received documents into the app's store.
//!
//! The bridge hands over what replication brought (the winning revision of
//! each changed document, read with [`super::doc::from_doc`]);
//! [`change_set_for`] turns it into one [`ChangeSet`] for the app's own
//! store: a put of each winning record that differs from the local one, a
//! delete of each deleted record that is still here, nothing for what is
//! already equal, so receiving the same documents again changes nothing.
//!
//! Replication keeps no order: a step may arrive before its project, a
//! project's deletion before its steps'. The store refuses any change set
//! that adds a rule break (`domain::added_errors_in`), so a received
//! record that would add one right now is *held*, not lost: it is left out
//! of this change set and returned in [`Inbound::held`] with the rule it
//! would break. The bridge passes the held documents again with every
//! later batch (PouchDB keeps them); once what they need has arrived, they
//! go in, so any arrival order ends in the same data. What stays held
//! after the replication has caught up breaks a rule by itself (damage on
//! the other device); the sync page lists it, and the other device's Data
//! check is where it is repaired.

use std::collections::{HashMap, HashSet};

use super::doc::{DocRefusal, RemoteDoc};
use crate::domain::{added_errors_in, Dataset, RecordKind, Touched, ValidationError};
use crate::store::change::find;
use crate::store::{AnyRecord, Change, ChangeSet, RecordKey};

/// What a batch of received documents does to the app's data.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Inbound {
    /// The puts and deletes to write (one action, so one transaction).
    pub changes: ChangeSet,
    /// Documents that are not taken (newer schema, unknown kind, damaged).
    /// The bridge fills this from [`super::doc::from_doc`]; see
    /// [`change_set_for_docs`].
    pub refused: Vec<DocRefusal>,
    /// Records whose document has conflicting leaves: the bridge reads
    /// them and asks [`super::conflicts`] (the record still takes the
    /// winner meanwhile, as every device shows it).
    pub conflicts: Vec<RecordKey>,
    /// Records left out for now because they would break a rule, with the
    /// rule breaks: pass their documents again with the next batch.
    pub held: Vec<Held>,
}

impl Inbound {
    /// Whether a document of a newer app was refused: the status says
    /// "update the app" ([`super::status::SyncError::NewerSchema`]).
    pub fn has_newer_schema(&self) -> bool {
        self.refused
            .iter()
            .any(|r| matches!(r, DocRefusal::NewerSchema { .. }))
    }
}

/// A received record that waits for what it needs.
#[derive(Debug, Clone, PartialEq)]
pub struct Held {
    pub key: RecordKey,
    /// A received deletion (the record stays here meanwhile), not a put.
    pub deletion: bool,
    /// What it would break now (a missing project, …).
    pub problems: Vec<ValidationError>,
}

/// The change set that brings `local` to the received winners `remote`
/// (see the module's text). A key received twice takes its last document.
pub fn change_set_for(remote: &[RemoteDoc], local: &Dataset) -> Inbound {
    let mut inbound = Inbound::default();
    // The last document per key wins (a batch may hold a record twice).
    let mut seen: HashSet<RecordKey> = HashSet::new();
    let mut candidates: Vec<Change> = Vec::new();
    for doc in remote.iter().rev() {
        if !seen.insert(doc.key) {
            continue;
        }
        if doc.may_be_in_conflict() {
            inbound.conflicts.push(doc.key);
        }
        let current = find(local, doc.key);
        match (&doc.record, doc.deleted) {
            (_, true) | (None, _) => {
                if current.is_some() {
                    candidates.push(Change::Delete(doc.key));
                }
            }
            (Some(record), false) => {
                if current.as_ref() != Some(record) {
                    candidates.push(Change::Put(record.clone()));
                }
            }
        }
    }
    candidates.reverse();
    inbound.conflicts.reverse();
    let (changes, held) = without_rule_breaks(candidates, local);
    inbound.changes = ChangeSet::of(changes);
    inbound.held = held;
    inbound
}

/// [`change_set_for`] over raw documents: each is read with
/// [`super::doc::from_doc_known`] (a tombstone without its kind takes the
/// kind of the local record with its id); what is refused lands in
/// [`Inbound::refused`], except documents that are no records at all
/// (design documents, checkpoints), which are skipped silently.
pub fn change_set_for_docs(docs: &[serde_json::Value], local: &Dataset) -> Inbound {
    let mut remote = Vec::with_capacity(docs.len());
    let mut refused = Vec::new();
    let known = |id| {
        RecordKind::ALL
            .into_iter()
            .find(|&kind| find(local, RecordKey { kind, id }).is_some())
    };
    for doc in docs {
        match super::doc::from_doc_known(doc, known) {
            Ok(read) => remote.push(read),
            Err(DocRefusal::NotARecord { .. }) => {}
            Err(refusal) => refused.push(refusal),
        }
    }
    let mut inbound = change_set_for(&remote, local);
    inbound.refused = refused;
    inbound
}

/// The candidate changes without those that would add a rule break to
/// `local`, and those left out with their problems. Leaving one out can
/// make another break a rule (a step whose held project it needs), so this
/// repeats until the rest adds none.
fn without_rule_breaks(mut candidates: Vec<Change>, local: &Dataset) -> (Vec<Change>, Vec<Held>) {
    let mut held: Vec<Held> = Vec::new();
    let mut held_at: HashMap<RecordKey, usize> = HashMap::new();
    loop {
        if candidates.is_empty() {
            return (candidates, held);
        }
        let set = ChangeSet::of(candidates);
        let mut after = local.clone();
        set.apply_to(&mut after);
        // Keys are unique here (one change per received key).
        let touched: Vec<Touched> = set
            .changes
            .iter()
            .map(|c| (c.key().kind, c.key().id))
            .collect();
        let errors = added_errors_in(local, &after, &touched);
        candidates = set.changes;
        if errors.is_empty() {
            return (candidates, held);
        }
        let keys: HashSet<RecordKey> = candidates.iter().map(Change::key).collect();
        let mut blamed: Vec<(RecordKey, ValidationError)> = Vec::new();
        for error in errors {
            let culprits = culprits(&error, &keys, &after);
            // Nothing to blame would mean the check and this function
            // disagree; holding everything is the safe way out.
            let culprits = if culprits.is_empty() {
                keys.iter().copied().collect()
            } else {
                culprits
            };
            blamed.extend(culprits.into_iter().map(|k| (k, error.clone())));
        }
        let out: HashSet<RecordKey> = blamed.iter().map(|(k, _)| *k).collect();
        let deletions: HashSet<RecordKey> = candidates
            .iter()
            .filter(|c| matches!(c, Change::Delete(_)))
            .map(Change::key)
            .filter(|k| out.contains(k))
            .collect();
        candidates.retain(|c| !out.contains(&c.key()));
        for (key, error) in blamed {
            match held_at.get(&key) {
                Some(&i) => {
                    if !held[i].problems.contains(&error) {
                        held[i].problems.push(error)
                    }
                }
                None => {
                    held_at.insert(key, held.len());
                    held.push(Held {
                        key,
                        deletion: deletions.contains(&key),
                        problems: vec![error],
                    });
                }
            }
        }
    }
}

/// The received changes (`keys`) an error is due to: the record it is
/// about, if received; else the received records it points to (a deleted
/// project its local step needs, a predecessor that moved away).
fn culprits(error: &ValidationError, keys: &HashSet<RecordKey>, after: &Dataset) -> Vec<RecordKey> {
    let about: Vec<RecordKey> = match error {
        ValidationError::DuplicateId { kind, id, .. } => vec![RecordKey {
            kind: *kind,
            id: *id,
        }],
        ValidationError::DependencyCycle { steps, .. } => steps
            .iter()
            .map(|s| RecordKey {
                kind: RecordKind::Step,
                id: s.0,
            })
            .collect(),
        ValidationError::MissingReference {
            record, target, id, ..
        } => {
            let target = RecordKey {
                kind: *target,
                id: *id,
            };
            let own = RecordKey {
                kind: record.kind,
                id: record.id,
            };
            if keys.contains(&own) {
                vec![own]
            } else {
                vec![target]
            }
        }
        ValidationError::Empty { record, .. }
        | ValidationError::Negative { record, .. }
        | ValidationError::OutOfRange { record, .. }
        | ValidationError::ZeroDuration { record }
        | ValidationError::SelfDependency { record }
        | ValidationError::CrossProjectDependency { record, .. }
        | ValidationError::WrongProject { record, .. }
        | ValidationError::DuplicateDependency { record, .. }
        | ValidationError::EndBeforeStart { record, .. } => {
            let own = RecordKey {
                kind: record.kind,
                id: record.id,
            };
            if keys.contains(&own) {
                vec![own]
            } else {
                // A local record broken by a received one it points to.
                find(after, own).map(|r| r.links()).unwrap_or_default()
            }
        }
    };
    about.into_iter().filter(|k| keys.contains(k)).collect()
}

/// What to write once the replication has caught up (nothing more to
/// receive) while deletions are still held: records here still need the
/// deleted record (a step this device added to a project another device
/// deleted meanwhile). Nothing is dropped silently, so the deletion loses:
/// the record is put back on the server, on the tombstone's revision, and
/// the other devices get it again together with what needs it. `revs`
/// gives the tombstone's revision (the document's current one).
pub fn revivals(
    held: &[Held],
    local: &Dataset,
    revs: &impl Fn(&RecordKey) -> Option<String>,
) -> Vec<super::doc::Doc> {
    held.iter()
        .filter(|h| h.deletion)
        .filter_map(|h| find(local, h.key))
        .map(|record| super::doc::to_doc(&record, revs(&record.key()).as_deref()))
        .collect()
}

/// Whether a received record is one the app keeps as it is (for tests
/// and the bridge's own checks): the local record equals it.
pub fn is_current(local: &Dataset, record: &AnyRecord) -> bool {
    find(local, record.key()).as_ref() == Some(record)
}
