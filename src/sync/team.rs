//! Sharing one project with a team as its own database: which records go
//! there. A collaborator's device replicates only that database, so it
//! must hold everything the project's records refer to, or the device
//! would hold them back forever ([`super::inbound`] waits for what a
//! record refers to): the project, what points to it (steps, materials,
//! communications, appointments), what points to its steps (time
//! entries), and the contacts all of these name (the client, assignees,
//! suppliers). Nothing of other projects.

use std::collections::BTreeSet;

use uuid::Uuid;

use crate::domain::{Dataset, RecordKind};
use crate::store::change::all_records;
use crate::store::RecordKey;

/// The ids of the records a project's team database holds, sorted.
pub fn shared_records(data: &Dataset, project: Uuid) -> Vec<Uuid> {
    let project_key = RecordKey {
        kind: RecordKind::Project,
        id: project,
    };
    let steps: BTreeSet<RecordKey> = all_records(data)
        .filter(|r| r.kind() == RecordKind::Step && r.links().contains(&project_key))
        .map(|r| r.key())
        .collect();
    let mut ids = BTreeSet::new();
    let mut contacts = BTreeSet::new();
    for record in all_records(data) {
        let links = record.links();
        let belongs = record.key() == project_key
            || links.iter().any(|l| *l == project_key || steps.contains(l));
        if !belongs {
            continue;
        }
        ids.insert(record.uuid());
        contacts.extend(
            links
                .iter()
                .filter(|l| l.kind == RecordKind::Contact)
                .map(|l| l.id),
        );
    }
    // Only contacts that exist: a dangling link is the data check's
    // business, not a document to ask for.
    ids.extend(
        contacts
            .into_iter()
            .filter(|id| data.contacts.by_id(*id).is_some()),
    );
    ids.into_iter().collect()
}
