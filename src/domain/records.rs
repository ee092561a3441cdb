//! [`Records`]: the list of one kind of record in a [`Dataset`](super::Dataset),
//! cheap to copy.
//!
//! Why this design (issue 9): every action copies the dataset (the
//! session's "after", the undo's "before", the signal the pages read). With
//! plain `Vec`s each copy cloned every record, 5,000 steps several times
//! per key press. Here each record sits behind its own `Arc`, so a copy
//! copies pointers, and putting one record replaces one pointer: the other
//! copies keep sharing every record that did not change. A persistent
//! vector crate (`im`, `rpds`) would also make the copy itself O(log n),
//! but costs more bundle than copying 5,000 pointers costs time. `Arc`,
//! not `Rc`, because Leptos' signals want `Send + Sync` values.
//!
//! Lookups by id go through an index (id to position) built on the first
//! lookup and shared by copies; replacing a record in place keeps it.
//! Serialized exactly like a `Vec<T>`, so backups do not change.

use std::collections::HashMap;
use std::sync::{Arc, OnceLock};

use serde::{Deserialize, Deserializer, Serialize, Serializer};
use uuid::Uuid;

use super::Record;

/// The records of one kind, in the order the person sees them.
pub struct Records<T> {
    items: Vec<Arc<T>>,
    /// Id to position of its first record; `None` inside until needed.
    index: Arc<OnceLock<HashMap<Uuid, usize>>>,
}

impl<T> Default for Records<T> {
    fn default() -> Self {
        Records {
            items: Vec::new(),
            index: Arc::default(),
        }
    }
}

impl<T> Clone for Records<T> {
    fn clone(&self) -> Self {
        Records {
            items: self.items.clone(),
            index: Arc::clone(&self.index),
        }
    }
}

impl<T: std::fmt::Debug> std::fmt::Debug for Records<T> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_list().entries(self.iter()).finish()
    }
}

/// Equal records are equal whether shared or not; shared ones are not
/// compared field by field (a copy of 5,000 steps compares in microseconds).
impl<T: PartialEq> PartialEq for Records<T> {
    fn eq(&self, other: &Self) -> bool {
        self.items.len() == other.items.len()
            && self
                .items
                .iter()
                .zip(&other.items)
                .all(|(a, b)| Arc::ptr_eq(a, b) || **a == **b)
    }
}

impl<T> Records<T> {
    pub fn new() -> Self {
        Self::default()
    }

    pub fn len(&self) -> usize {
        self.items.len()
    }

    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    pub fn iter(&self) -> impl DoubleEndedIterator<Item = &T> + ExactSizeIterator + Clone {
        self.items.iter().map(|r| &**r)
    }

    /// The records as shared pointers (cheap to keep).
    pub fn shared(&self) -> impl DoubleEndedIterator<Item = &Arc<T>> + ExactSizeIterator {
        self.items.iter()
    }

    pub fn get(&self, i: usize) -> Option<&T> {
        self.items.get(i).map(|r| &**r)
    }

    pub fn first(&self) -> Option<&T> {
        self.get(0)
    }

    pub fn last(&self) -> Option<&T> {
        self.items.last().map(|r| &**r)
    }

    pub fn push(&mut self, record: T) {
        self.push_shared(Arc::new(record));
    }

    pub fn push_shared(&mut self, record: Arc<T>) {
        self.items.push(record);
        self.forget_index();
    }

    pub fn extend(&mut self, records: impl IntoIterator<Item = T>) {
        self.items.extend(records.into_iter().map(Arc::new));
        self.forget_index();
    }

    pub fn retain(&mut self, mut keep: impl FnMut(&T) -> bool) {
        let before = self.items.len();
        self.items.retain(|r| keep(r));
        if self.items.len() != before {
            self.forget_index();
        }
    }

    pub fn remove(&mut self, i: usize) -> T
    where
        T: Clone,
    {
        let record = self.items.remove(i);
        self.forget_index();
        Arc::unwrap_or_clone(record)
    }

    pub fn truncate(&mut self, len: usize) {
        self.items.truncate(len);
        self.forget_index();
    }

    pub fn sort_by_key<K: Ord>(&mut self, mut key: impl FnMut(&T) -> K) {
        self.items.sort_by_key(|r| key(r));
        self.forget_index();
    }

    /// Puts the records in the order of `order`: `order[i]` is the index
    /// of the record that goes to place `i` (a permutation of `0..len`).
    /// Sorting the indices once, with one key type, and moving the records
    /// after costs one sort in the bundle instead of one per record kind.
    pub fn reorder(&mut self, order: &[usize]) {
        debug_assert_eq!(order.len(), self.items.len());
        let mut taken: Vec<Option<Arc<T>>> = self.items.drain(..).map(Some).collect();
        self.items = order
            .iter()
            .filter_map(|&i| taken.get_mut(i)?.take())
            .collect();
        self.forget_index();
    }

    pub fn sort_by(&mut self, mut compare: impl FnMut(&T, &T) -> std::cmp::Ordering) {
        self.items.sort_by(|a, b| compare(a, b));
        self.forget_index();
    }

    /// Every record, changeable; copies the ones still shared with other
    /// datasets (use [`Records::replace`] to change one record).
    pub fn iter_mut(&mut self) -> impl Iterator<Item = &mut T>
    where
        T: Clone,
    {
        // Ids may change: the index is built again when next needed.
        self.index = Arc::default();
        self.items.iter_mut().map(Arc::make_mut)
    }

    /// The records as a plain list (copies).
    pub fn to_vec(&self) -> Vec<T>
    where
        T: Clone,
    {
        self.iter().cloned().collect()
    }

    /// After the ids or their order changed: this list gets an index of
    /// its own (copies may share an index, built or not yet, only while
    /// their ids are in the same places).
    fn forget_index(&mut self) {
        if self.index.get().is_some() || Arc::strong_count(&self.index) > 1 {
            self.index = Arc::default();
        }
    }
}

impl<T: Record> Records<T> {
    fn id_index(&self) -> &HashMap<Uuid, usize> {
        self.index.get_or_init(|| {
            let mut map = HashMap::with_capacity(self.items.len());
            for (i, record) in self.items.iter().enumerate() {
                map.entry(record.uuid()).or_insert(i);
            }
            map
        })
    }

    /// The (first) record with this id, found through the index.
    pub fn by_id(&self, id: Uuid) -> Option<&T> {
        self.shared_by_id(id).map(|r| &**r)
    }

    /// The (first) record with this id, as a shared pointer.
    pub fn shared_by_id(&self, id: Uuid) -> Option<&Arc<T>> {
        let &i = self.id_index().get(&id)?;
        self.items.get(i)
    }

    /// Whether a record with this id exists.
    pub fn contains_id(&self, id: Uuid) -> bool {
        self.id_index().contains_key(&id)
    }

    /// Puts `record` in place of the record with its id (keeping the
    /// order), or appends it. A record equal to the one there leaves the
    /// list as it is, so copies keep sharing it.
    pub fn upsert(&mut self, record: T)
    where
        T: PartialEq,
    {
        let id = record.uuid();
        match self.id_index().get(&id).copied() {
            Some(i) => {
                if *self.items[i] != record {
                    self.items[i] = Arc::new(record);
                }
            }
            None => {
                self.items.push(Arc::new(record));
                // Keep an index this list has to itself up to date, so that
                // many puts in a row (a sync, a large change set) cost one
                // index build, not one per put.
                let position = self.items.len() - 1;
                match Arc::get_mut(&mut self.index).and_then(OnceLock::get_mut) {
                    Some(index) => {
                        index.entry(id).or_insert(position);
                    }
                    None => self.forget_index(),
                }
            }
        }
    }

    /// Removes every record with this id.
    pub fn remove_id(&mut self, id: Uuid) {
        if self.contains_id(id) {
            self.retain(|r| r.uuid() != id);
        }
    }
}

impl<T> std::ops::Index<usize> for Records<T> {
    type Output = T;
    fn index(&self, i: usize) -> &T {
        &self.items[i]
    }
}

impl<T: Clone> std::ops::IndexMut<usize> for Records<T> {
    fn index_mut(&mut self, i: usize) -> &mut T {
        self.forget_index();
        Arc::make_mut(&mut self.items[i])
    }
}

impl<T> From<Vec<T>> for Records<T> {
    fn from(list: Vec<T>) -> Self {
        Records {
            items: list.into_iter().map(Arc::new).collect(),
            index: Arc::default(),
        }
    }
}

impl<T> FromIterator<T> for Records<T> {
    fn from_iter<I: IntoIterator<Item = T>>(iter: I) -> Self {
        Records {
            items: iter.into_iter().map(Arc::new).collect(),
            index: Arc::default(),
        }
    }
}

impl<'a, T> IntoIterator for &'a Records<T> {
    type Item = &'a T;
    type IntoIter = std::iter::Map<std::slice::Iter<'a, Arc<T>>, fn(&'a Arc<T>) -> &'a T>;
    fn into_iter(self) -> Self::IntoIter {
        self.items.iter().map(|r| &**r)
    }
}

impl<T: Clone> IntoIterator for Records<T> {
    type Item = T;
    type IntoIter = std::iter::Map<std::vec::IntoIter<Arc<T>>, fn(Arc<T>) -> T>;
    fn into_iter(self) -> Self::IntoIter {
        self.items.into_iter().map(Arc::unwrap_or_clone)
    }
}

impl<T: Serialize> Serialize for Records<T> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_seq(self.iter())
    }
}

impl<'de, T: Deserialize<'de>> Deserialize<'de> for Records<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        Vec::<T>::deserialize(deserializer).map(Records::from)
    }
}

impl<T: PartialEq> PartialEq<Vec<T>> for Records<T> {
    fn eq(&self, other: &Vec<T>) -> bool {
        self.len() == other.len() && self.iter().zip(other).all(|(a, b)| a == b)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{Project, ProjectId};

    fn project(name: &str) -> Project {
        Project::new(name, chrono::Utc::now())
    }

    #[test]
    fn a_copy_that_grows_finds_its_records_and_the_original_does_not_see_them() {
        let first = project("A");
        let original: Records<Project> = vec![first.clone()].into();
        let mut copy = original.clone();
        let added = project("B");
        copy.push(added.clone());
        // Either may build the shared index first.
        assert!(original.by_id(added.id.0).is_none());
        assert_eq!(copy.by_id(added.id.0), Some(&added));
        assert_eq!(copy.by_id(first.id.0), Some(&first));
        let mut other = original.clone();
        assert!(other.by_id(first.id.0).is_some());
        other.remove_id(first.id.0);
        assert!(other.by_id(first.id.0).is_none());
        assert_eq!(original.by_id(first.id.0), Some(&first));
        assert!(original.by_id(ProjectId::new().0).is_none());
    }

    #[test]
    fn putting_an_equal_record_keeps_it_shared() {
        let p = project("A");
        let original: Records<Project> = vec![p.clone()].into();
        let mut copy = original.clone();
        copy.upsert(p.clone());
        assert!(Arc::ptr_eq(
            original.shared_by_id(p.id.0).unwrap(),
            copy.shared_by_id(p.id.0).unwrap()
        ));
        let mut renamed = p.clone();
        renamed.name = "B".into();
        copy.upsert(renamed.clone());
        assert_eq!(copy.by_id(p.id.0), Some(&renamed));
        assert_eq!(original.by_id(p.id.0), Some(&p));
        assert_eq!(copy.len(), 1);
    }
}
