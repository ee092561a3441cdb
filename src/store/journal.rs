//! The pending-writes journal: the writes a tab has applied in memory but
//! not yet seen stored, kept where a page being closed or reloaded cannot
//! lose them.
//!
//! Why: a write to IndexedDB reads the stored data, checks it and only then
//! writes (see [`super::write`]). That needs the page's event loop; a tab
//! that is reloaded or closed a few milliseconds after an edit stops before
//! the write is done, and the edit would be gone. So every pending write is
//! first put into the journal synchronously (`localStorage` in the browser,
//! see `journal_storage`), and taken out once the store has answered. At
//! the next start the journal of this tab (after a reload) and of every tab
//! that is no longer open is replayed through [`Store::apply`], with the
//! same checks as any write.
//!
//! Replaying is safe when the write was stored after all: patches that are
//! already applied change nothing (see [`crate::domain::fields::apply`]),
//! deletes of missing records are no-ops, preconditions of undo steps fail
//! and refuse quietly, and a new record that exists already is not put
//! again (it may have been edited since).

use std::collections::HashSet;

use serde::{Deserialize, Serialize};

use chrono::{DateTime, Utc};

use super::{
    AnyRecord, Applied, Change, ChangeSet, Expectation, RecordKey, SetAsideReason, Store,
    StoreError,
};
use crate::domain::fields::{FieldChange, Fields};
use crate::domain::RecordKind;

/// The journal of one tab.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Journal {
    /// The tab's id (kept across reloads of the same tab).
    pub tab: String,
    /// Pending writes, oldest first.
    pub writes: Vec<ChangeSet>,
}

impl Journal {
    pub fn is_empty(&self) -> bool {
        self.writes.iter().all(ChangeSet::is_empty)
    }

    /// The journal as stored text.
    pub fn to_json(&self) -> String {
        let wire = WireJournal {
            tab: self.tab.clone(),
            writes: self
                .writes
                .iter()
                .map(|write| WireWrite {
                    changes: write.changes.iter().map(WireChange::from).collect(),
                    expect: write.expect.clone(),
                })
                .collect(),
        };
        serde_json::to_string(&wire).unwrap_or_default()
    }

    /// A journal from stored text; `None` if it cannot be read (then there
    /// is nothing to replay: a damaged journal never blocks the start).
    pub fn from_json(text: &str) -> Option<Journal> {
        let wire: WireJournal = serde_json::from_str(text).ok()?;
        let writes = wire
            .writes
            .into_iter()
            .map(|write| {
                Some(ChangeSet {
                    changes: write
                        .changes
                        .into_iter()
                        .map(WireChange::into_change)
                        .collect::<Option<_>>()?,
                    expect: write.expect,
                })
            })
            .collect::<Option<_>>()?;
        Some(Journal {
            tab: wire.tab,
            writes,
        })
    }
}

// The stored form carries a new record as its fields, not as the typed
// record: decoding goes through `AnyRecord::from_fields`, which the app
// already has, instead of a second derived decoder for every record kind
// (about 25 KB of wasm).
#[derive(Serialize, Deserialize)]
struct WireJournal {
    tab: String,
    writes: Vec<WireWrite>,
}

#[derive(Serialize, Deserialize)]
struct WireWrite {
    changes: Vec<WireChange>,
    #[serde(default)]
    expect: Vec<Expectation>,
}

#[derive(Serialize, Deserialize)]
#[serde(tag = "op", rename_all = "snake_case")]
enum WireChange {
    Put {
        kind: RecordKind,
        fields: Fields,
    },
    Patch {
        key: RecordKey,
        fields: Vec<FieldChange>,
        updated: DateTime<Utc>,
    },
    Delete {
        key: RecordKey,
    },
    SetAside {
        key: RecordKey,
        reason: SetAsideReason,
        at: DateTime<Utc>,
    },
}

impl From<&Change> for WireChange {
    fn from(change: &Change) -> Self {
        match change.clone() {
            Change::Put(record) => WireChange::Put {
                kind: record.kind(),
                fields: record.to_fields(),
            },
            Change::Patch {
                key,
                fields,
                updated,
            } => WireChange::Patch {
                key,
                fields,
                updated,
            },
            Change::Delete(key) => WireChange::Delete { key },
            Change::SetAside { key, reason, at } => WireChange::SetAside { key, reason, at },
        }
    }
}

impl WireChange {
    fn into_change(self) -> Option<Change> {
        Some(match self {
            WireChange::Put { kind, fields } => {
                Change::Put(AnyRecord::from_fields(kind, fields).ok()?)
            }
            WireChange::Patch {
                key,
                fields,
                updated,
            } => Change::Patch {
                key,
                fields,
                updated,
            },
            WireChange::Delete { key } => Change::Delete(key),
            WireChange::SetAside { key, reason, at } => Change::SetAside { key, reason, at },
        })
    }
}

/// `write` as it can be replayed, given the records that exist now: a new
/// record that is already stored is left out.
pub fn replayable(write: &ChangeSet, existing: &HashSet<RecordKey>) -> ChangeSet {
    ChangeSet {
        changes: write
            .changes
            .iter()
            .filter(
                |change| !matches!(change, Change::Put(record) if existing.contains(&record.key())),
            )
            .cloned()
            .collect(),
        expect: write.expect.clone(),
    }
}

/// What replaying a journal did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Replayed {
    /// Writes stored now (that had been lost).
    pub written: usize,
    /// Writes the store refused (already stored, or no longer valid).
    pub refused: usize,
}

/// Replays a stored journal's text (`Journal::to_json`) through `store`.
/// An unreadable journal has nothing to replay and counts as done (it
/// must not stay, and it never blocks the start).
pub async fn replay_text<S: Store>(store: &S, text: &str) -> Result<Replayed, StoreError> {
    match Journal::from_json(text) {
        Some(journal) => replay(store, &journal).await,
        None => Ok(Replayed::default()),
    }
}

/// Replays `journal` through `store`, oldest write first. Stops at the
/// first storage failure; the caller then keeps the journal for the next
/// start.
pub async fn replay<S: Store>(store: &S, journal: &Journal) -> Result<Replayed, StoreError> {
    let mut outcome = Replayed::default();
    for write in &journal.writes {
        if write.is_empty() {
            continue;
        }
        let stored = store.load_changes(&write.keys()).await?;
        let existing: HashSet<RecordKey> = stored
            .changes
            .iter()
            .filter_map(|change| match change {
                Change::Put(record) => Some(record.key()),
                _ => None,
            })
            .collect();
        let write = replayable(write, &existing);
        if write.is_empty() {
            continue;
        }
        match store.apply(&write).await? {
            Applied::Written { .. } => outcome.written += 1,
            Applied::Refused(_) => outcome.refused += 1,
        }
    }
    Ok(outcome)
}
