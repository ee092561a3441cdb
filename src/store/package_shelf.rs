//! The work packages a collaborator opened on this device (the package
//! page), with what they recorded on them, kept in their own IndexedDB
//! database: they are data, not preferences, and a package with its
//! reports and hours grows with every entry. A database of their own
//! keeps them apart from the person's planning data (no schema upgrade of
//! it, nothing of a package can leak into a backup) and lets the package
//! page open without the planning store.
//!
//! Each package is one value (its JSON text), keyed by the package id, so
//! a save writes only the package that changed.

use std::future::IntoFuture;

use idb::{Database, Factory, ObjectStoreParams, TransactionMode};
use wasm_bindgen::JsValue;

use super::indexeddb::{finished, idb_error, unavailable};
use super::StoreError;
use crate::state::work_packages::PackageWork;

/// The database and its one object store.
pub const DATABASE: &str = "chefsache-packages";
const PACKAGES: &str = "packages";
/// Where earlier versions kept the packages (all in one localStorage
/// value); read once and moved here.
const OLD_LOCAL_STORAGE_KEY: &str = "chefsache.packages";

/// An open connection to the package database.
pub struct PackageShelf {
    db: Database,
}

thread_local! {
    /// The page's one connection, opened on first use.
    static SHARED: std::cell::RefCell<Option<std::rc::Rc<PackageShelf>>> = const { std::cell::RefCell::new(None) };
}

impl PackageShelf {
    /// The connection of this page, opened on first use.
    pub async fn shared() -> Result<std::rc::Rc<Self>, StoreError> {
        if let Some(shelf) = SHARED.with(|s| s.borrow().clone()) {
            return Ok(shelf);
        }
        let shelf = std::rc::Rc::new(Self::open().await?);
        SHARED.with(|s| *s.borrow_mut() = Some(std::rc::Rc::clone(&shelf)));
        Ok(shelf)
    }

    /// Opens (and on first use creates) the package database.
    pub async fn open() -> Result<Self, StoreError> {
        let factory = Factory::new()
            .map_err(|_| unavailable("IndexedDB is not available in this browser"))?;
        let mut request = factory
            .open(DATABASE, Some(1))
            .map_err(|error| idb_error(&error))?;
        request.on_upgrade_needed(|event| {
            if let Ok(db) = idb::DatabaseEvent::database(&event) {
                // Out-of-line keys: the key is the package id.
                let _ = db.create_object_store(PACKAGES, ObjectStoreParams::new());
            }
        });
        let db = request
            .into_future()
            .await
            .map_err(|error| idb_error(&error))?;
        Ok(Self { db })
    }

    /// Every package kept here, newest opened first. Values that cannot be
    /// read (written by a newer app, damaged) are skipped, not deleted.
    pub async fn load(&self) -> Result<Vec<PackageWork>, StoreError> {
        self.move_from_local_storage().await;
        let tx = self
            .db
            .transaction(&[PACKAGES], TransactionMode::ReadOnly)
            .map_err(|e| idb_error(&e))?;
        let values = tx
            .object_store(PACKAGES)
            .map_err(|e| idb_error(&e))?
            .get_all(None, None)
            .map_err(|e| idb_error(&e))?
            .await
            .map_err(|e| idb_error(&e))?;
        let mut works: Vec<PackageWork> = values
            .iter()
            .filter_map(JsValue::as_string)
            .filter_map(|json| serde_json::from_str(&json).ok())
            .collect();
        works.sort_by_key(|w| std::cmp::Reverse(w.package.created));
        Ok(works)
    }

    /// Keeps one package with what was recorded on it (one transaction).
    pub async fn save(&self, work: &PackageWork) -> Result<(), StoreError> {
        self.put_all(std::slice::from_ref(work)).await
    }

    async fn put_all(&self, works: &[PackageWork]) -> Result<(), StoreError> {
        let tx = self
            .db
            .transaction(&[PACKAGES], TransactionMode::ReadWrite)
            .map_err(|e| idb_error(&e))?;
        let store = tx.object_store(PACKAGES).map_err(|e| idb_error(&e))?;
        for work in works {
            let json = serde_json::to_string(work)
                .map_err(|error| StoreError::Aborted(error.to_string()))?;
            let key = JsValue::from_str(&work.package.id.to_string());
            if let Err(error) = store.put(&JsValue::from_str(&json), Some(&key)) {
                let _ = tx.abort();
                return Err(idb_error(&error));
            }
        }
        finished(tx).await
    }

    /// Moves packages an earlier version kept in localStorage into the
    /// database; the old value is removed only once they are stored.
    async fn move_from_local_storage(&self) {
        use gloo_storage::{LocalStorage, Storage};
        let Ok(old) = LocalStorage::get::<Vec<PackageWork>>(OLD_LOCAL_STORAGE_KEY) else {
            return;
        };
        if self.put_all(&old).await.is_ok() {
            LocalStorage::delete(OLD_LOCAL_STORAGE_KEY);
        }
    }
}
