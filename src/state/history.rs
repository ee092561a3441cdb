//! Undo and redo within a session. Each entry holds the change set of one
//! user action and the set that reverses it, so undoing is just another
//! write through the same path as every edit.
//!
//! Both sets carry preconditions ([`Expectation`](crate::store::Expectation)s):
//! an undo only takes back what this tab did, and only while the records
//! are still as this tab left them. The store checks them inside the
//! transaction that writes; an entry whose precondition failed is dropped.

use crate::store::ChangeSet;

/// How many actions can be undone. The issue asks for at least 20; more is
/// cheap because entries hold only the touched records.
pub const UNDO_LIMIT: usize = 50;

/// One undoable action.
#[derive(Debug, Clone, PartialEq)]
pub struct HistoryEntry {
    /// Identifies the entry, so a write that the store refused can drop it.
    pub id: u64,
    /// What the person did, for the undo button's label ("Step deleted").
    pub label: String,
    /// Redoes the action; expects the records as they were before it.
    pub forward: ChangeSet,
    /// Undoes it; expects the records as the action left them.
    pub backward: ChangeSet,
}

#[derive(Debug, Clone, Default)]
pub struct History {
    undo: Vec<HistoryEntry>,
    redo: Vec<HistoryEntry>,
}

impl History {
    /// Records a new action; a new action makes the redo list meaningless.
    pub fn record(&mut self, entry: HistoryEntry) {
        self.redo.clear();
        self.undo.push(entry);
        if self.undo.len() > UNDO_LIMIT {
            self.undo.remove(0);
        }
    }

    pub fn can_undo(&self) -> bool {
        !self.undo.is_empty()
    }

    pub fn can_redo(&self) -> bool {
        !self.redo.is_empty()
    }

    /// The label of the action the next undo reverses.
    pub fn undo_label(&self) -> Option<&str> {
        self.undo.last().map(|e| e.label.as_str())
    }

    pub fn redo_label(&self) -> Option<&str> {
        self.redo.last().map(|e| e.label.as_str())
    }

    /// Takes the newest action off the undo list and onto the redo list.
    pub fn step_back(&mut self) -> Option<HistoryEntry> {
        let entry = self.undo.pop()?;
        self.redo.push(entry.clone());
        Some(entry)
    }

    /// Takes the newest undone action back onto the undo list.
    pub fn step_forward(&mut self) -> Option<HistoryEntry> {
        let entry = self.redo.pop()?;
        self.undo.push(entry.clone());
        Some(entry)
    }

    /// Puts an entry back where `step_back` took it from, when the undo
    /// could not be applied.
    pub fn cancel_step_back(&mut self) {
        if let Some(entry) = self.redo.pop() {
            self.undo.push(entry);
        }
    }

    pub fn cancel_step_forward(&mut self) {
        if let Some(entry) = self.undo.pop() {
            self.redo.push(entry);
        }
    }

    /// Drops the entry with `id` from either list (its write was refused,
    /// or its records were changed elsewhere). Returns its label.
    pub fn drop_entry(&mut self, id: u64) -> Option<String> {
        for list in [&mut self.undo, &mut self.redo] {
            if let Some(at) = list.iter().position(|e| e.id == id) {
                return Some(list.remove(at).label);
            }
        }
        None
    }

    /// Forgets everything, e.g. after an import replaced all data (the
    /// automatic snapshot is the way back from that).
    pub fn clear(&mut self) {
        self.undo.clear();
        self.redo.clear();
    }
}
