//! The session: the data as the person sees it, the undo history and the
//! writes still on their way to the store. Everything here is synchronous
//! and pure; [`flush`] is the one place that awaits the store.
//!
//! The session's data is this tab's copy; the store holds the truth. So an
//! edit of an existing record leaves the session as a patch of the fields
//! the person changed ([`Change::Patch`]), which the store puts onto the
//! record as it is stored then. After every write (stored, partly
//! conflicting or refused) the tab reads the touched records back and
//! takes them as they are stored.

use std::cell::RefCell;

use crate::domain::fields::diff_fields;
use crate::domain::{added_errors_in, Dataset};
use crate::store::change::find;
use crate::store::write::touched;
use crate::store::{Applied, Change, ChangeSet, RecordConflict, Refusal, Store, StoreError};

use super::commands::CommandError;
use super::history::{History, HistoryEntry};
use super::queue::{QueuedWrite, WriteKind, WriteQueue};

#[derive(Debug, Default)]
pub struct Session {
    data: Dataset,
    history: History,
    queue: WriteQueue,
    next_entry: u64,
    /// Whether `data` is known to break no rule: `Some(true)` after a full
    /// check found nothing, kept while every change adds nothing (checked
    /// incrementally), so the data check need not look at everything
    /// after every action. `None`: not known.
    clean: Option<bool>,
}

/// What the person must hear about a write after it reached the store.
#[derive(Debug, Clone, PartialEq)]
pub enum WriteReport {
    /// Stored, but some fields had been changed in another tab meanwhile:
    /// theirs stayed, ours are in `conflicts`.
    Conflicts {
        label: String,
        conflicts: Vec<RecordConflict>,
    },
    /// Not stored; its undo entry (if any) is gone.
    Refused {
        label: String,
        kind: WriteKind,
        refusal: Refusal,
    },
}

impl Session {
    /// A session over data loaded from the store.
    pub fn new(data: Dataset) -> Self {
        Session {
            data,
            ..Session::default()
        }
    }

    pub fn data(&self) -> &Dataset {
        &self.data
    }

    pub fn history(&self) -> &History {
        &self.history
    }

    pub fn queue(&self) -> &WriteQueue {
        &self.queue
    }

    /// Carries out one user action: turns edits of existing records into
    /// patches of the changed fields, checks that the result adds no rule
    /// break, applies it in memory, remembers how to undo it and queues the
    /// write. On error nothing has changed. An action that changes nothing
    /// is accepted and leaves no trace.
    pub fn execute(
        &mut self,
        label: impl Into<String>,
        forward: ChangeSet,
    ) -> Result<(), CommandError> {
        let forward = as_patches(&self.data, forward);
        if forward.is_empty() {
            return Ok(());
        }
        super::closed::refuse_closed_edits(&self.data, &forward)?;
        let before = self.data.clone();
        let next = self.checked(&forward)?;
        let mut backward = forward.inverse(&before);
        backward.expect = forward.expectations_as_in(&next);
        let mut redo = forward.clone();
        redo.expect = forward.expectations_as_in(&before);
        let label = label.into();
        let id = self.new_entry_id();
        self.take(next);
        self.queue.push(QueuedWrite {
            changes: forward,
            kind: WriteKind::Action,
            entry: Some(id),
            label: label.clone(),
        });
        self.history.record(HistoryEntry {
            id,
            label,
            forward: redo,
            backward,
        });
        Ok(())
    }

    /// Carries out a repair from Settings: like [`execute`](Self::execute),
    /// but without an undo entry (a set-aside record is kept in the store,
    /// and putting a broken link back is no undo anybody wants).
    pub fn repair(
        &mut self,
        label: impl Into<String>,
        changes: ChangeSet,
    ) -> Result<(), CommandError> {
        let changes = as_patches(&self.data, changes);
        if changes.is_empty() {
            return Ok(());
        }
        let next = self.checked(&changes)?;
        self.take(next);
        self.queue.push(QueuedWrite {
            changes,
            kind: WriteKind::Repair,
            entry: None,
            label: label.into(),
        });
        Ok(())
    }

    /// Reverses the newest action of this tab. Returns its label. If its
    /// records were changed elsewhere since, the entry is dropped and
    /// [`CommandError::ChangedElsewhere`] returned.
    pub fn undo(&mut self) -> Result<String, CommandError> {
        let entry = self
            .history
            .step_back()
            .ok_or(CommandError::NothingToUndo)?;
        self.step(entry, WriteKind::Undo)
    }

    /// Repeats the newest undone action. Returns its label.
    pub fn redo(&mut self) -> Result<String, CommandError> {
        let entry = self
            .history
            .step_forward()
            .ok_or(CommandError::NothingToRedo)?;
        self.step(entry, WriteKind::Redo)
    }

    fn step(&mut self, entry: HistoryEntry, kind: WriteKind) -> Result<String, CommandError> {
        let changes = match kind {
            WriteKind::Undo => &entry.backward,
            _ => &entry.forward,
        };
        if !changes.unmet_expectations(&self.data).is_empty() {
            self.history.drop_entry(entry.id);
            return Err(CommandError::ChangedElsewhere(entry.label));
        }
        // Undoing an edit of a project closed since is an edit of its plan.
        let checked = super::closed::refuse_closed_edits(&self.data, changes)
            .and_then(|()| self.checked(changes));
        match checked {
            Ok(next) => self.take(next),
            Err(error) => {
                match kind {
                    WriteKind::Undo => self.history.cancel_step_back(),
                    _ => self.history.cancel_step_forward(),
                }
                return Err(error);
            }
        }
        self.queue.push(QueuedWrite {
            changes: changes.clone(),
            kind,
            entry: Some(entry.id),
            label: entry.label.clone(),
        });
        Ok(entry.label)
    }

    /// Takes in records as they are stored now (another tab's write, or
    /// this tab's write read back): no undo entry, no write. This tab's
    /// writes that are not stored yet are laid over them again.
    pub fn apply_remote(&mut self, stored: &ChangeSet) {
        let before = self.clean.is_some_and(|c| c).then(|| self.data.clone());
        stored.apply_to(&mut self.data);
        let mut keys = touched(stored);
        for waiting in self.queue.waiting() {
            waiting.changes.apply_to(&mut self.data);
            keys.extend(touched(&waiting.changes));
        }
        // What arrived was checked against the store, not against this
        // copy: clean only if it adds nothing here either.
        if let Some(before) = before {
            if !added_errors_in(&before, &self.data, &keys).is_empty() {
                self.clean = None;
            }
        }
    }

    /// Whether the data breaks no rule (a full check the first time, then
    /// kept up by the incremental checks of every change).
    pub fn is_clean(&mut self) -> bool {
        *self
            .clean
            .get_or_insert_with(|| self.data.validate().is_ok())
    }

    /// After the store replaced everything (import, restore): the old
    /// history and unsaved writes refer to data that is gone.
    pub fn replace_data(&mut self, data: Dataset) {
        self.data = data;
        self.clean = None;
        self.history.clear();
        self.queue.clear();
    }

    /// The store refused or partly refused a write: forget its undo entry.
    fn drop_entry(&mut self, write: &QueuedWrite) {
        if let Some(id) = write.entry {
            self.history.drop_entry(id);
        }
    }

    /// Takes checked data: it added no rule break, so clean data stays
    /// clean; damaged data may have been repaired (found out when asked).
    fn take(&mut self, next: Dataset) {
        self.data = next;
        if self.clean == Some(false) {
            self.clean = None;
        }
    }

    fn new_entry_id(&mut self) -> u64 {
        self.next_entry += 1;
        self.next_entry
    }

    /// The data after `changes`, unless they add a rule break.
    fn checked(&self, changes: &ChangeSet) -> Result<Dataset, CommandError> {
        // A cheap copy (records are shared), checked only where it changed.
        let mut next = self.data.clone();
        changes.apply_to(&mut next);
        let added = added_errors_in(&self.data, &next, &touched(changes));
        if added.is_empty() {
            Ok(next)
        } else {
            Err(CommandError::Invalid(added))
        }
    }
}

/// The same changes with every put of a record that exists in `data`
/// turned into a patch of the fields that differ (none: dropped). New
/// records stay puts, deletes stay deletes.
fn as_patches(data: &Dataset, changes: ChangeSet) -> ChangeSet {
    let mut working = data.clone();
    let mut out = ChangeSet {
        changes: Vec::with_capacity(changes.changes.len()),
        expect: changes.expect,
    };
    for change in changes.changes {
        let change = match change {
            Change::Put(record) => match find(&working, record.key()) {
                Some(old) => {
                    let fields = diff_fields(&old.to_fields(), &record.to_fields());
                    if fields.is_empty() {
                        continue;
                    }
                    Change::Patch {
                        key: record.key(),
                        fields,
                        updated: record_updated(&record),
                    }
                }
                None => Change::Put(record),
            },
            other => other,
        };
        ChangeSet::of(vec![change.clone()]).apply_to(&mut working);
        out.changes.push(change);
    }
    out
}

fn record_updated(record: &crate::store::AnyRecord) -> chrono::DateTime<chrono::Utc> {
    record
        .to_fields()
        .get("updated")
        .and_then(|value| serde_json::from_value(value.clone()).ok())
        .unwrap_or_else(chrono::Utc::now)
}

/// Sends queued writes to the store, oldest first, until the queue is empty
/// or a write fails. A failed write (quota, closed storage) stays queued
/// (the data stays in memory) and its error is returned for the person to
/// see. A write the store refused or stored with conflicts is done; what
/// the person must hear about it comes back as [`WriteReport`]s.
///
/// After each answered write the touched records are read back and taken
/// as stored, so the tab shows the truth (another tab's field that won, a
/// step that was refused).
///
/// `on_written` hears of every stored change set (to tell other tabs).
/// The session is borrowed only between awaits, so the UI can keep reading
/// it while a write is on its way.
pub async fn flush<S: Store>(
    session: &RefCell<Session>,
    store: &S,
    mut on_written: impl FnMut(&ChangeSet),
) -> Result<Vec<WriteReport>, StoreError> {
    let mut reports = Vec::new();
    loop {
        let Some(next) = session.borrow_mut().queue.start() else {
            return Ok(reports);
        };
        let result = store.apply(&next.changes).await;
        let applied = match result {
            Ok(applied) => applied,
            Err(error) => {
                session.borrow_mut().queue.finish(Err(error.clone()));
                return Err(error);
            }
        };
        session.borrow_mut().queue.finish(Ok(()));
        match applied {
            Applied::Written { conflicts } => {
                on_written(&next.changes);
                if !conflicts.is_empty() {
                    reports.push(WriteReport::Conflicts {
                        label: next.label.clone(),
                        conflicts,
                    });
                }
            }
            Applied::Refused(refusal) => {
                session.borrow_mut().drop_entry(&next);
                reports.push(WriteReport::Refused {
                    label: next.label.clone(),
                    kind: next.kind,
                    refusal,
                });
            }
        }
        // Read back what was touched; if that fails, the next notice or
        // load brings it.
        if let Ok(stored) = store.load_changes(&next.changes.keys()).await {
            session.borrow_mut().apply_remote(&stored);
        }
    }
}
