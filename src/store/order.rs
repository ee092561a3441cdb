//! The order in which stores hand out records.
//!
//! IndexedDB returns records sorted by key (a random UUID), which would
//! shuffle lists on every reload. Every [`Store`](super::Store) therefore
//! returns each kind in creation order (ties broken by id), so a list looks
//! the same after a reload, in another tab and in native tests.

use chrono::{DateTime, Utc};
use uuid::Uuid;

use crate::domain::{Dataset, Record, Records};

/// Sorts every kind of `data` by creation time, then id.
pub fn by_creation(data: &mut Dataset) {
    sort(&mut data.projects);
    sort(&mut data.steps);
    sort(&mut data.materials);
    sort(&mut data.contacts);
    sort(&mut data.communications);
    sort(&mut data.appointments);
    sort(&mut data.time_entries);
}

fn sort<T: Record>(records: &mut Records<T>) {
    let keys: Vec<(DateTime<Utc>, Uuid)> =
        records.iter().map(|r| (r.created(), r.uuid())).collect();
    records.reorder(&order_of(&keys));
}

/// The indices of `keys` in ascending order. Not generic, so the sort is
/// in the bundle once rather than once per record kind (they cost 29 KB of
/// wasm); it is the app's one sort (`crate::sorting`).
fn order_of(keys: &[(DateTime<Utc>, Uuid)]) -> Vec<usize> {
    let mut order: Vec<usize> = (0..keys.len()).collect();
    crate::sorting::sort_by_key(&mut order, |&i| keys[i]);
    order
}
