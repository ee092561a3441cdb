//! The order in which stores hand out records.
//!
//! IndexedDB returns records sorted by key (a random UUID), which would
//! shuffle lists on every reload. Every [`Store`](super::Store) therefore
//! returns each kind in creation order (ties broken by id), so a list looks
//! the same after a reload, in another tab and in native tests.

use crate::domain::Dataset;

/// Sorts every kind of `data` by creation time, then id.
pub fn by_creation(data: &mut Dataset) {
    data.projects.sort_by_key(|r| (r.created, r.id));
    data.steps.sort_by_key(|r| (r.created, r.id));
    data.materials.sort_by_key(|r| (r.created, r.id));
    data.contacts.sort_by_key(|r| (r.created, r.id));
    data.communications.sort_by_key(|r| (r.created, r.id));
    data.appointments.sort_by_key(|r| (r.created, r.id));
    data.time_entries.sort_by_key(|r| (r.created, r.id));
}
