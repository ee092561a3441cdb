//! The queue of writes that have been applied in memory but not yet stored.
//! Writes go to the store strictly in order, one at a time; a failed write
//! stays at the front, so nothing is lost and nothing is reordered, and the
//! next attempt (the retry button, the next edit, the page being hidden)
//! starts with it.

use std::collections::VecDeque;

use crate::store::{ChangeSet, StoreError};

/// What a queued write does, so a refusal can be told to the person.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WriteKind {
    /// A new action.
    Action,
    Undo,
    Redo,
    /// A repair from Settings (not undoable).
    Repair,
}

/// One write waiting for the store.
#[derive(Debug, Clone, PartialEq)]
pub struct QueuedWrite {
    pub changes: ChangeSet,
    pub kind: WriteKind,
    /// The history entry of the action, dropped if the store refuses it.
    pub entry: Option<u64>,
    /// The action's label, for notices.
    pub label: String,
}

impl QueuedWrite {
    /// A plain write, without history (tests, repairs).
    pub fn plain(changes: ChangeSet) -> Self {
        QueuedWrite {
            changes,
            kind: WriteKind::Action,
            entry: None,
            label: String::new(),
        }
    }
}

#[derive(Debug, Default)]
pub struct WriteQueue {
    pending: VecDeque<QueuedWrite>,
    in_flight: bool,
    last_error: Option<StoreError>,
}

impl WriteQueue {
    pub fn push(&mut self, write: QueuedWrite) {
        if !write.changes.is_empty() {
            self.pending.push_back(write);
        }
    }

    /// The writes not yet known to be stored, oldest first (the one on its
    /// way included): the session lays them over data read from the
    /// store. Laying a write over data that already has it changes
    /// nothing, so the one on its way may be counted twice.
    pub fn waiting(&self) -> impl Iterator<Item = &QueuedWrite> {
        self.pending.iter()
    }

    /// The next write to send, unless one is already on its way.
    pub fn start(&mut self) -> Option<QueuedWrite> {
        if self.in_flight {
            return None;
        }
        let next = self.pending.front().cloned()?;
        self.in_flight = true;
        Some(next)
    }

    /// The store answered for the write `start` handed out.
    pub fn finish(&mut self, result: Result<(), StoreError>) {
        self.in_flight = false;
        match result {
            Ok(()) => {
                self.pending.pop_front();
                self.last_error = None;
            }
            Err(error) => self.last_error = Some(error),
        }
    }

    /// Whether a write failed and is still waiting to be retried (the
    /// tab then asks before it is closed).
    pub fn has_failed_write(&self) -> bool {
        self.last_error.is_some() && !self.pending.is_empty()
    }

    /// Number of actions not yet stored.
    pub fn unsaved(&self) -> usize {
        self.pending.len()
    }

    pub fn is_in_flight(&self) -> bool {
        self.in_flight
    }

    /// Why the last write failed, until a write succeeds.
    pub fn last_error(&self) -> Option<&StoreError> {
        self.last_error.as_ref()
    }

    /// Drops everything not yet stored: only for when the stored data is
    /// replaced as a whole (import, restore), which supersedes it.
    pub fn clear(&mut self) {
        self.pending.clear();
        self.last_error = None;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::RecordKind;
    use uuid::Uuid;

    fn change() -> QueuedWrite {
        QueuedWrite::plain(ChangeSet::new().delete(RecordKind::Step, Uuid::new_v4()))
    }

    #[test]
    fn writes_go_out_one_at_a_time_in_order() {
        let mut queue = WriteQueue::default();
        let (a, b) = (change(), change());
        queue.push(a.clone());
        queue.push(b.clone());
        assert_eq!(queue.start(), Some(a));
        assert_eq!(queue.start(), None, "one write at a time");
        queue.finish(Ok(()));
        assert_eq!(queue.start(), Some(b));
        queue.finish(Ok(()));
        assert_eq!(queue.unsaved(), 0);
    }

    #[test]
    fn a_failed_write_stays_first_until_it_succeeds() {
        let mut queue = WriteQueue::default();
        let (a, b) = (change(), change());
        queue.push(a.clone());
        queue.push(b);
        queue.start();
        queue.finish(Err(StoreError::QuotaExceeded));
        assert_eq!(queue.last_error(), Some(&StoreError::QuotaExceeded));
        assert!(queue.has_failed_write());
        assert_eq!(queue.unsaved(), 2);
        assert_eq!(
            queue.start(),
            Some(a),
            "the retry starts with the failed write"
        );
        queue.finish(Ok(()));
        assert_eq!(queue.last_error(), None);
        assert_eq!(queue.unsaved(), 1);
    }

    #[test]
    fn empty_change_sets_are_not_queued() {
        let mut queue = WriteQueue::default();
        queue.push(QueuedWrite::plain(ChangeSet::new()));
        assert_eq!(queue.start(), None);
    }
}
