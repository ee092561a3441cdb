//! The session: the data as the person sees it, the undo history and the
//! writes still on their way to the store. Everything here is synchronous
//! and pure; [`flush`] is the one place that awaits the store.

use std::cell::RefCell;

use crate::domain::Dataset;
use crate::store::{ChangeSet, Store, StoreError};

use super::commands::CommandError;
use super::history::{History, HistoryEntry};
use super::queue::WriteQueue;

#[derive(Debug, Default)]
pub struct Session {
    data: Dataset,
    history: History,
    queue: WriteQueue,
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

    /// Carries out one user action: checks the result against the domain
    /// rules, applies it in memory, remembers how to undo it and queues the
    /// write. On error nothing has changed.
    pub fn execute(
        &mut self,
        label: impl Into<String>,
        forward: ChangeSet,
    ) -> Result<(), CommandError> {
        let backward = forward.inverse(&self.data);
        self.apply_checked(&forward)?;
        self.history.record(HistoryEntry {
            label: label.into(),
            forward,
            backward,
        });
        Ok(())
    }

    /// Reverses the newest action. Returns its label.
    pub fn undo(&mut self) -> Result<String, CommandError> {
        let entry = self
            .history
            .step_back()
            .ok_or(CommandError::NothingToUndo)?;
        if let Err(error) = self.apply_checked(&entry.backward) {
            self.history.cancel_step_back();
            return Err(error);
        }
        Ok(entry.label)
    }

    /// Repeats the newest undone action. Returns its label.
    pub fn redo(&mut self) -> Result<String, CommandError> {
        let entry = self
            .history
            .step_forward()
            .ok_or(CommandError::NothingToRedo)?;
        if let Err(error) = self.apply_checked(&entry.forward) {
            self.history.cancel_step_forward();
            return Err(error);
        }
        Ok(entry.label)
    }

    /// Takes in changes another tab has already stored: no undo entry, no
    /// write.
    pub fn apply_remote(&mut self, changes: &ChangeSet) {
        changes.apply_to(&mut self.data);
    }

    /// After the store replaced everything (import, restore): the old
    /// history and unsaved writes refer to data that is gone.
    pub fn replace_data(&mut self, data: Dataset) {
        self.data = data;
        self.history.clear();
        self.queue.clear();
    }

    fn apply_checked(&mut self, changes: &ChangeSet) -> Result<(), CommandError> {
        let mut next = self.data.clone();
        changes.apply_to(&mut next);
        next.validate().map_err(CommandError::Invalid)?;
        self.data = next;
        self.queue.push(changes.clone());
        Ok(())
    }
}

/// Sends queued writes to the store, oldest first, until the queue is empty
/// or a write fails. A failed write stays queued (the data stays in memory)
/// and its error is returned for the person to see.
///
/// `on_written` hears of every stored change set (to tell other tabs).
/// The session is borrowed only between awaits, so the UI can keep reading
/// it while a write is on its way.
pub async fn flush<S: Store>(
    session: &RefCell<Session>,
    store: &S,
    mut on_written: impl FnMut(&ChangeSet),
) -> Result<(), StoreError> {
    loop {
        let Some(next) = session.borrow_mut().queue.start() else {
            return Ok(());
        };
        let result = store.apply(&next).await;
        let failure = result.as_ref().err().cloned();
        session.borrow_mut().queue.finish(result);
        if let Some(error) = failure {
            return Err(error);
        }
        on_written(&next);
    }
}
