//! The browser store: all records in IndexedDB, one object store per record
//! kind (layout in [`schema`](super::schema)).
//!
//! Crate choice: `idb` rather than `indexed_db_futures`, because it hands out
//! the raw web-sys handles we need for `transaction.error` (the reason of an
//! abort, e.g. a full quota) and for `onversionchange`.
//!
//! Encoding: each record is stored as `{ id, json }`, where `json` is the
//! record's serde JSON, exactly as in a backup. JSON text is lossless for
//! every value (a `Money` of 64-bit cents would be rounded by a JS number)
//! and dates stay readable ISO strings in the dev tools.
//!
//! Transactions: every method is one transaction. Writes first encode
//! everything, then issue all requests without awaiting in between and
//! finally await the transaction's `complete` or `abort`. IndexedDB rolls
//! back the whole transaction if any request fails or the commit hits the
//! quota, so a failed method leaves the stored data untouched.

use std::cell::Cell;
use std::future::IntoFuture;
use std::rc::Rc;

use futures::future::{select, Either};
use idb::{Database, Factory, KeyPath, ObjectStoreParams, Transaction, TransactionMode};
use js_sys::{Object, Promise, Reflect};
use serde::de::DeserializeOwned;
use serde::Serialize;
use uuid::Uuid;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{DomException, IdbDatabase, IdbOpenDbRequest, IdbTransaction};

use super::dom_error::from_dom_exception;
use super::schema::{
    record_stores, store_of, upgrade_plan, KeyKind, UpgradePlan, META, META_SNAPSHOT_INFOS,
    SCHEMA_VERSION, SET_ASIDE, SNAPSHOTS,
};
use super::set_aside::{decode_stored, SetAsideRecord};
use super::write::{plan_write, reads_for, targets};
use super::{
    change, order, retention, AnyRecord, Applied, Change, ChangeSet, RecordKey, Snapshot,
    SnapshotInfo, Store, StoreError,
};
use crate::domain::{Dataset, RecordKind};

/// Property holding the JSON text of a stored record or snapshot.
const JSON: &str = "json";

/// A fault to inject into the next [`apply`](Store::apply), so browser tests
/// can prove that a failing write rolls back the writes before it.
#[doc(hidden)]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ApplyFault {
    /// Write number `n` (0-based) puts a value without an id: the request
    /// throws `DataError` synchronously.
    InvalidValueAt(usize),
    /// Write number `n` is followed by an `add` of the same record, which
    /// fails asynchronously with `ConstraintError` after the earlier writes
    /// succeeded.
    DuplicateAddAt(usize),
}

/// The IndexedDB [`Store`].
pub struct IndexedDbStore {
    db: Database,
    /// Set when another tab asked us to close (upgrade or delete); later
    /// calls fail with a clear message instead of `InvalidStateError`.
    closed_by_other_tab: Rc<Cell<bool>>,
    fault: Cell<Option<ApplyFault>>,
}

impl IndexedDbStore {
    /// Opens (and creates or upgrades) the database `name`; the app uses
    /// [`DATABASE_NAME`](super::schema::DATABASE_NAME), tests their own.
    ///
    /// Fails with [`StoreError::Blocked`] if another tab keeps an older
    /// version open and does not close it, and with
    /// [`StoreError::Unavailable`] if IndexedDB cannot be used at all.
    pub async fn open(name: &str) -> Result<Self, StoreError> {
        let factory = web_sys::window()
            .and_then(|window| window.indexed_db().ok().flatten())
            .ok_or_else(|| unavailable("IndexedDB is not available in this browser"))?;
        let raw_request: IdbOpenDbRequest = factory
            .open_with_u32(name, SCHEMA_VERSION)
            .map_err(|error| unavailable(&describe(&error)))?;
        let mut request = idb::request::OpenDatabaseRequest::from(raw_request.clone());

        request.on_upgrade_needed(upgrade);

        let (blocked_sender, blocked) = futures::channel::oneshot::channel::<()>();
        request.on_blocked(move |_| {
            let _ = blocked_sender.send(());
        });

        let opened = match select(request.into_future(), blocked).await {
            Either::Left((opened, _)) => opened,
            Either::Right((Ok(()), _pending)) => {
                close_when_opened(&raw_request);
                return Err(StoreError::Blocked);
            }
            // The blocked handler was dropped without firing: only the
            // request itself is left to wait for.
            Either::Right((Err(_), pending)) => pending.await,
        };
        let mut db = opened.map_err(|error| match open_error(&error) {
            StoreError::Blocked => StoreError::Blocked,
            other => unavailable(&other.to_string()),
        })?;

        let closed_by_other_tab = Rc::new(Cell::new(false));
        let flag = Rc::clone(&closed_by_other_tab);
        db.on_version_change(move |event| {
            // Another tab wants to upgrade or delete the database. Closing
            // lets it proceed instead of leaving it blocked; this tab then
            // asks the person to reload.
            flag.set(true);
            if let Some(db) = event
                .target()
                .and_then(|t| t.dyn_into::<IdbDatabase>().ok())
            {
                db.close();
            }
        });

        Ok(Self {
            db,
            closed_by_other_tab,
            fault: Cell::new(None),
        })
    }

    /// Deletes the database `name` with all data (settings: "delete all
    /// data"; tests: clean up).
    pub async fn delete(name: &str) -> Result<(), StoreError> {
        let factory = Factory::new().map_err(|error| unavailable(&error.to_string()))?;
        let request = factory
            .delete(name)
            .map_err(|error| unavailable(&error.to_string()))?;
        request
            .into_future()
            .await
            .map(|_| ())
            .map_err(|error| open_error(&error))
    }

    /// Closes the connection (after running transactions finish). Methods
    /// called afterwards fail with [`StoreError::Unavailable`].
    pub fn close(&self) {
        self.db.close();
    }

    /// True if another tab upgraded or deleted the database and this
    /// connection was closed for it; the page must be reloaded.
    pub fn closed_by_other_tab(&self) -> bool {
        self.closed_by_other_tab.get()
    }

    /// Reads every record store in one read-only transaction.
    async fn read_all(&self) -> Result<(Dataset, Vec<Unreadable>), StoreError> {
        let tx = self.transaction(&record_stores(), TransactionMode::ReadOnly)?;
        read_dataset(&tx).await
    }

    /// Moves unreadable stored values into the set-aside store, each only
    /// if it is still there (another tab may have moved it already).
    async fn move_to_set_aside(&self, unreadable: Vec<Unreadable>) -> Result<(), StoreError> {
        let mut stores = distinct(unreadable.iter().map(|u| store_of(u.record.kind)));
        stores.push(SET_ASIDE);
        let tx = self.transaction(&stores, TransactionMode::ReadWrite)?;
        for item in unreadable {
            let store = match tx.object_store(store_of(item.record.kind)) {
                Ok(store) => store,
                Err(error) => return abort_with(tx, idb_error(&error)),
            };
            let still_there = match store.get(item.key.clone()) {
                Ok(request) => request.await.map(|value| value.is_some()),
                Err(error) => Err(error),
            };
            match still_there {
                Ok(true) => {}
                Ok(false) => continue,
                Err(error) => return abort_with(tx, idb_error(&error)),
            }
            let json = match to_json(&item.record) {
                Ok(json) => json,
                Err(error) => return abort_with(tx, error),
            };
            let issued = store.delete(item.key.clone()).and_then(|_| {
                tx.object_store(SET_ASIDE)
                    .and_then(|aside| aside.put(&wrap(item.record.id, &json), None))
            });
            if let Err(error) = issued {
                return abort_with(tx, idb_error(&error));
            }
        }
        finished(tx).await
    }

    /// One read-write transaction over every record store that (if
    /// `clear`) empties them and puts `data`'s records in bulk: a batch of
    /// requests is issued without awaiting any, and only the batch's last
    /// request is awaited before the next batch is encoded and issued. The
    /// transaction stays open throughout (a request is always pending),
    /// and while IndexedDB works through a batch the page is free, so a
    /// large import does not freeze it. A failed request or commit (quota)
    /// rolls all of it back.
    async fn put_records(&self, data: &Dataset, clear: bool) -> Result<(), StoreError> {
        /// Records per batch: large enough that waiting between batches
        /// costs nothing measurable, small enough to keep each piece of
        /// synchronous work (encoding, structured clone) short.
        const BATCH: usize = 1000;
        let names = record_stores();
        let tx = self.transaction(&names, TransactionMode::ReadWrite)?;
        // Each store's handle once, not once per record.
        let mut stores = Vec::with_capacity(RecordKind::ALL.len());
        for kind in RecordKind::ALL {
            match tx.object_store(store_of(kind)) {
                Ok(store) => stores.push((kind, store)),
                Err(error) => return abort_with(tx, idb_error(&error)),
            }
        }
        if clear {
            for (_, store) in &stores {
                if let Err(error) = store.clear() {
                    return abort_with(tx, idb_error(&error));
                }
            }
        }
        let mut records = change::all_records(data).peekable();
        while records.peek().is_some() {
            let mut last = None;
            for record in records.by_ref().take(BATCH) {
                let value = match encode_record(&record) {
                    Ok(value) => value,
                    Err(error) => return abort_with(tx, error),
                };
                let Some((_, store)) = stores.iter().find(|(k, _)| *k == record.kind()) else {
                    continue;
                };
                match store.put(&value, None) {
                    Ok(request) => last = Some(request),
                    Err(error) => return abort_with(tx, idb_error(&error)),
                }
            }
            if records.peek().is_none() {
                break; // the last batch: the transaction's end is awaited below
            }
            if let Some(request) = last {
                if let Err(error) = request.await {
                    return abort_with(tx, idb_error(&error));
                }
            }
        }
        finished(tx).await
    }

    #[doc(hidden)]
    /// Puts a raw value into a record store, bypassing every check, so
    /// browser tests can store what a damaged database holds.
    pub async fn put_raw(&self, kind: RecordKind, id: &str, json: &str) -> Result<(), StoreError> {
        let tx = self.transaction(&[store_of(kind)], TransactionMode::ReadWrite)?;
        let object = Object::new();
        let _ = Reflect::set(&object, &JsValue::from_str("id"), &JsValue::from_str(id));
        let _ = Reflect::set(&object, &JsValue::from_str(JSON), &JsValue::from_str(json));
        let put = tx
            .object_store(store_of(kind))
            .and_then(|store| store.put(&object.into(), None));
        if let Err(error) = put {
            return abort_with(tx, idb_error(&error));
        }
        finished(tx).await
    }

    #[doc(hidden)]
    /// Makes the next `apply` fail as described by `fault` (browser tests).
    pub fn inject_apply_fault(&self, fault: ApplyFault) {
        self.fault.set(Some(fault));
    }

    fn transaction(
        &self,
        stores: &[&str],
        mode: TransactionMode,
    ) -> Result<Transaction, StoreError> {
        if self.closed_by_other_tab.get() {
            return Err(unavailable(
                "another Chefsache tab updated the database; reload this page",
            ));
        }
        self.db
            .transaction(stores, mode)
            .map_err(|error| idb_error(&error))
    }
}

impl Store for IndexedDbStore {
    async fn load_all(&self) -> Result<Dataset, StoreError> {
        let (data, unreadable) = self.read_all().await?;
        if !unreadable.is_empty() {
            // Set aside before the app starts writing: otherwise a later
            // import or restore (which clears the record stores) would
            // replace the unreadable records with nothing. If this fails,
            // the load fails and the app opens read-only.
            self.move_to_set_aside(unreadable).await?;
        }
        Ok(data)
    }

    async fn load_changes(&self, keys: &[RecordKey]) -> Result<ChangeSet, StoreError> {
        if keys.is_empty() {
            return Ok(ChangeSet::new());
        }
        let stores = distinct(keys.iter().map(|key| store_of(key.kind)));
        let tx = self.transaction(&stores, TransactionMode::ReadOnly)?;
        let mut pending = Vec::with_capacity(keys.len());
        for &key in keys {
            let store = tx
                .object_store(store_of(key.kind))
                .map_err(|e| idb_error(&e))?;
            let request = store.get(id_key(key.id)).map_err(|e| idb_error(&e))?;
            pending.push((key, request.into_future()));
        }
        let mut changes = Vec::with_capacity(keys.len());
        for (key, request) in pending {
            match request.await.map_err(|e| idb_error(&e))? {
                // Unreadable: keep the copy this tab has; the next load sets
                // the stored value aside.
                Some(value) => {
                    if let Ok(record) = decode_value(key.kind, &value) {
                        changes.push(Change::Put(record));
                    }
                }
                None => changes.push(Change::Delete(key)),
            }
        }
        Ok(ChangeSet::of(changes))
    }

    async fn apply(&self, changes: &ChangeSet) -> Result<Applied, StoreError> {
        let fault = self.fault.take();
        if changes.is_empty() {
            return Ok(Applied::CLEAN);
        }
        // One read-write transaction over every record store: IndexedDB
        // runs overlapping read-write transactions one after the other,
        // also across tabs, so what is read here is what the change is
        // written onto, and no other tab can write in between.
        let mut stores = record_stores();
        stores.push(SET_ASIDE);
        let tx = self.transaction(&stores, TransactionMode::ReadWrite)?;
        // Only the records the change needs, read inside the transaction
        // (`write::reads_for`, `write::targets`): its own, what they point
        // to, and the kinds that point to them when those pointers can
        // break.
        let current = match read_for_write(&tx, changes).await {
            Ok(current) => current,
            Err(error) => return abort_with(tx, error),
        };
        let plan = match plan_write(&current, changes) {
            Ok(plan) => plan,
            Err(refusal) => {
                let _ = tx.abort();
                return Ok(Applied::Refused(refusal));
            }
        };
        // Encode everything before the first write request.
        let mut writes = Vec::with_capacity(plan.writes.len());
        for (key, record) in &plan.writes {
            let value = match record.as_ref().map(encode_record).transpose() {
                Ok(value) => value,
                Err(error) => return abort_with(tx, error),
            };
            writes.push((*key, value));
        }
        for (index, (key, value)) in writes.into_iter().enumerate() {
            let store = match tx.object_store(store_of(key.kind)) {
                Ok(store) => store,
                Err(error) => return abort_with(tx, idb_error(&error)),
            };
            let issued = match (value, fault) {
                (_, Some(ApplyFault::InvalidValueAt(at))) if at == index => store
                    .put(&JsValue::from_str("not a record"), None)
                    .map(|_| ()),
                (Some(value), Some(ApplyFault::DuplicateAddAt(at))) if at == index => store
                    .put(&value, None)
                    .and_then(|_| store.add(&value, None))
                    .map(|_| ()),
                (Some(value), _) => store.put(&value, None).map(|_| ()),
                (None, _) => store.delete(id_key(key.id)).map(|_| ()),
            };
            if let Err(error) = issued {
                return abort_with(tx, idb_error(&error));
            }
        }
        for record in &plan.set_aside {
            let issued = to_json(record).and_then(|json| {
                tx.object_store(SET_ASIDE)
                    .and_then(|store| store.put(&wrap(record.id, &json), None))
                    .map(|_| ())
                    .map_err(|e| idb_error(&e))
            });
            if let Err(error) = issued {
                return abort_with(tx, error);
            }
        }
        finished(tx).await?;
        Ok(Applied::Written {
            conflicts: plan.conflicts,
        })
    }

    async fn replace_all(&self, data: &Dataset) -> Result<(), StoreError> {
        self.put_records(data, true).await
    }

    async fn put_all(&self, records: &Dataset) -> Result<(), StoreError> {
        if records.counts().total() == 0 {
            return Ok(());
        }
        self.put_records(records, false).await
    }

    async fn save_snapshot(&self, snapshot: &Snapshot) -> Result<(), StoreError> {
        let value = wrap(snapshot.id, &to_json(snapshot)?);
        let tx = self.transaction(&[SNAPSHOTS, META], TransactionMode::ReadWrite)?;
        let (snapshots, meta) = match (tx.object_store(SNAPSHOTS), tx.object_store(META)) {
            (Ok(snapshots), Ok(meta)) => (snapshots, meta),
            (Err(error), _) | (_, Err(error)) => return abort_with(tx, idb_error(&error)),
        };
        // The only await inside the transaction is this IndexedDB read, so
        // the transaction stays active for the writes after it.
        let kept = match read_infos(&meta).await {
            Ok(kept) => kept,
            Err(error) => return abort_with(tx, error),
        };
        let (kept, dropped) = retention::add_snapshot(&kept, snapshot.info());
        let infos = match to_json(&kept) {
            Ok(json) => JsValue::from_str(&json),
            Err(error) => return abort_with(tx, error),
        };
        let mut issued = snapshots.put(&value, None).map(|_| ());
        for id in dropped {
            issued = issued.and_then(|_| snapshots.delete(id_key(id)).map(|_| ()));
        }
        issued = issued.and_then(|_| {
            meta.put(&infos, Some(&JsValue::from_str(META_SNAPSHOT_INFOS)))
                .map(|_| ())
        });
        if let Err(error) = issued {
            return abort_with(tx, idb_error(&error));
        }
        finished(tx).await
    }

    async fn list_snapshots(&self) -> Result<Vec<SnapshotInfo>, StoreError> {
        let tx = self.transaction(&[META], TransactionMode::ReadOnly)?;
        let meta = tx.object_store(META).map_err(|e| idb_error(&e))?;
        read_infos(&meta).await
    }

    async fn list_set_aside(&self) -> Result<Vec<SetAsideRecord>, StoreError> {
        let tx = self.transaction(&[SET_ASIDE], TransactionMode::ReadOnly)?;
        let store = tx.object_store(SET_ASIDE).map_err(|e| idb_error(&e))?;
        let values = store
            .get_all(None, None)
            .map_err(|e| idb_error(&e))?
            .await
            .map_err(|e| idb_error(&e))?;
        let mut list: Vec<SetAsideRecord> = values
            .iter()
            .filter_map(|value| unwrap_json(value).ok())
            .filter_map(|json| serde_json::from_str(&json).ok())
            .collect();
        crate::sorting::sort_by_key(&mut list, |r| r.at);
        Ok(list)
    }

    async fn load_snapshot(&self, id: Uuid) -> Result<Option<Snapshot>, StoreError> {
        let tx = self.transaction(&[SNAPSHOTS], TransactionMode::ReadOnly)?;
        let store = tx.object_store(SNAPSHOTS).map_err(|e| idb_error(&e))?;
        let request = store.get(id_key(id)).map_err(|e| idb_error(&e))?;
        match request.await.map_err(|e| idb_error(&e))? {
            Some(value) => Ok(Some(from_json(&unwrap_json(&value)?)?)),
            None => Ok(None),
        }
    }
}

// ---------------------------------------------------------------------------
// Schema upgrade
// ---------------------------------------------------------------------------

/// `onupgradeneeded`: brings the layout from the stored version to
/// [`SCHEMA_VERSION`]. On failure the upgrade transaction is aborted, which
/// fails the open request and leaves the old database as it was.
fn upgrade(event: idb::event::VersionChangeEvent) {
    let old = event.old_version().unwrap_or(0);
    let new = event.new_version().ok().flatten().unwrap_or(SCHEMA_VERSION);
    let upgraded = idb::DatabaseEvent::database(&event)
        .map_err(|error| error.to_string())
        .and_then(|db| carry_out(&db, &upgrade_plan(old, new)));
    if let Err(reason) = upgraded {
        web_sys::console::error_1(&format!("database upgrade failed: {reason}").into());
        let tx = idb::Event::target(&event)
            .ok()
            .and_then(|request| idb::Request::transaction(&request));
        if let Some(tx) = tx {
            let _ = tx.abort();
        }
    }
}

/// Creates and deletes object stores as planned; runs inside the upgrade
/// transaction, so a failure aborts the whole upgrade.
fn carry_out(db: &Database, plan: &UpgradePlan) -> Result<(), String> {
    for name in &plan.delete {
        db.delete_object_store(name)
            .map_err(|error| error.to_string())?;
    }
    for (name, key) in &plan.create {
        let mut params = ObjectStoreParams::new();
        if *key == KeyKind::IdProperty {
            params.key_path(Some(KeyPath::new_single("id")));
        }
        db.create_object_store(name, params)
            .map_err(|error| error.to_string())?;
    }
    Ok(())
}

/// After `open` gave up because of a block, a connection may still arrive
/// once the other tab closes; close it so it blocks nobody in turn.
fn close_when_opened(request: &IdbOpenDbRequest) {
    let on_success = Closure::once_into_js(|event: web_sys::Event| {
        let db = event
            .target()
            .and_then(|target| target.dyn_into::<IdbOpenDbRequest>().ok())
            .and_then(|request| request.result().ok())
            .and_then(|result| result.dyn_into::<IdbDatabase>().ok());
        if let Some(db) = db {
            db.close();
        }
    });
    let _ = request.add_event_listener_with_callback("success", on_success.unchecked_ref());
}

// ---------------------------------------------------------------------------
// Transactions
// ---------------------------------------------------------------------------

/// Waits until the transaction committed, or reports why it aborted (its
/// `error`: the failed request's exception, or `QuotaExceededError` from
/// the commit).
pub(super) async fn finished(tx: Transaction) -> Result<(), StoreError> {
    let raw: IdbTransaction = tx.into();
    let done = Promise::new(&mut |resolve, reject| {
        raw.set_oncomplete(Some(&resolve));
        raw.set_onabort(Some(&reject));
    });
    let outcome = JsFuture::from(done).await;
    raw.set_oncomplete(None);
    raw.set_onabort(None);
    match outcome {
        Ok(_) => Ok(()),
        Err(_) => Err(match raw.error() {
            Some(error) => dom_error(&error),
            None => StoreError::Aborted("the transaction was aborted".to_owned()),
        }),
    }
}

/// Aborts `tx` (undoing every request already issued) and returns `error`.
fn abort_with<T>(tx: Transaction, error: StoreError) -> Result<T, StoreError> {
    // Aborting fails only if the transaction already finished, in which
    // case there is nothing left to undo either.
    let _ = tx.abort();
    Err(error)
}

/// A stored value that could not be read as a record: its IndexedDB key
/// (for deleting it) and what is kept of it.
struct Unreadable {
    key: JsValue,
    record: SetAsideRecord,
}

/// Every record store's records, decoded one by one; unreadable values are
/// returned apart instead of failing the whole read.
async fn read_dataset(tx: &Transaction) -> Result<(Dataset, Vec<Unreadable>), StoreError> {
    // Issue every request before awaiting any (one round of IO).
    let mut pending = Vec::with_capacity(RecordKind::ALL.len());
    for kind in RecordKind::ALL {
        let store = tx.object_store(store_of(kind)).map_err(|e| idb_error(&e))?;
        let request = store.get_all(None, None).map_err(|e| idb_error(&e))?;
        pending.push((kind, request.into_future()));
    }
    let mut data = Dataset::new();
    let mut unreadable = Vec::new();
    let now = chrono::Utc::now();
    for (kind, request) in pending {
        for value in request.await.map_err(|e| idb_error(&e))? {
            let key = Reflect::get(&value, &JsValue::from_str("id")).unwrap_or(JsValue::UNDEFINED);
            let json = Reflect::get(&value, &JsValue::from_str(JSON))
                .ok()
                .and_then(|json| json.as_string());
            let raw_text = json.clone();
            match decode_stored(kind, key.as_string(), json, now) {
                Ok(record) => push(&mut data, record),
                Err(mut record) => {
                    if raw_text.is_none() {
                        record.raw = js_sys::JSON::stringify(&value)
                            .ok()
                            .and_then(|text| text.as_string())
                            .unwrap_or_default();
                    }
                    if record.record_id.is_none() {
                        record.record_id = js_sys::JSON::stringify(&key)
                            .ok()
                            .and_then(|text| text.as_string());
                    }
                    unreadable.push(Unreadable { key, record });
                }
            }
        }
    }
    order::by_creation(&mut data);
    Ok((data, unreadable))
}

/// The stored records `plan_write` needs for `changes`: whole kinds where
/// [`reads_for`] says so, the rest by key, then the records the touched
/// ones point to ([`targets`]). Unreadable values count as absent (the next
/// load sets them aside).
async fn read_for_write(tx: &Transaction, changes: &ChangeSet) -> Result<Dataset, StoreError> {
    let plan = reads_for(changes);
    let mut whole = Vec::with_capacity(plan.kinds.len());
    for &kind in &plan.kinds {
        let store = tx.object_store(store_of(kind)).map_err(|e| idb_error(&e))?;
        let request = store.get_all(None, None).map_err(|e| idb_error(&e))?;
        whole.push((kind, request.into_future()));
    }
    let single: Vec<RecordKey> = plan
        .keys
        .iter()
        .copied()
        .filter(|key| !plan.kinds.contains(&key.kind))
        .collect();
    let singles = get_records(tx, &single)?;
    let mut data = Dataset::new();
    for (kind, request) in whole {
        for value in request.await.map_err(|e| idb_error(&e))? {
            if let Ok(record) = decode_value(kind, &value) {
                push(&mut data, record);
            }
        }
    }
    for record in await_records(singles).await? {
        ChangeSet::new().put(record).apply_to(&mut data);
    }
    let more: Vec<RecordKey> = targets(&data, changes)
        .into_iter()
        .filter(|key| !plan.kinds.contains(&key.kind) && change::find(&data, *key).is_none())
        .collect();
    for record in await_records(get_records(tx, &more)?).await? {
        ChangeSet::new().put(record).apply_to(&mut data);
    }
    order::by_creation(&mut data);
    Ok(data)
}

// Futures made at once, so each request has its handlers before the first
// await (a result that arrives earlier is not lost).
type PendingGet = (
    RecordKey,
    <idb::request::GetStoreRequest as IntoFuture>::IntoFuture,
);

/// Issues a get for every key (all before the first await: one round).
fn get_records(tx: &Transaction, keys: &[RecordKey]) -> Result<Vec<PendingGet>, StoreError> {
    keys.iter()
        .map(|&key| {
            let store = tx
                .object_store(store_of(key.kind))
                .map_err(|e| idb_error(&e))?;
            let request = store.get(id_key(key.id)).map_err(|e| idb_error(&e))?;
            Ok((key, request.into_future()))
        })
        .collect()
}

/// The records the gets found (readable ones).
async fn await_records(pending: Vec<PendingGet>) -> Result<Vec<AnyRecord>, StoreError> {
    let mut records = Vec::with_capacity(pending.len());
    for (key, request) in pending {
        if let Some(value) = request.await.map_err(|e| idb_error(&e))? {
            if let Ok(record) = decode_value(key.kind, &value) {
                records.push(record);
            }
        }
    }
    Ok(records)
}

async fn read_infos(meta: &idb::ObjectStore) -> Result<Vec<SnapshotInfo>, StoreError> {
    let request = meta
        .get(JsValue::from_str(META_SNAPSHOT_INFOS))
        .map_err(|e| idb_error(&e))?;
    match request.await.map_err(|e| idb_error(&e))? {
        Some(value) => {
            let text = value
                .as_string()
                .ok_or_else(|| StoreError::Corrupt("the snapshot list is not text".to_owned()))?;
            from_json(&text)
        }
        None => Ok(Vec::new()),
    }
}

/// Appends a loaded record; ids are unique per store, so no lookup needed.
fn push(data: &mut Dataset, record: AnyRecord) {
    match record {
        AnyRecord::Project(r) => data.projects.push(r),
        AnyRecord::Step(r) => data.steps.push(r),
        AnyRecord::Material(r) => data.materials.push(r),
        AnyRecord::Contact(r) => data.contacts.push(r),
        AnyRecord::Communication(r) => data.communications.push(r),
        AnyRecord::Appointment(r) => data.appointments.push(r),
        AnyRecord::TimeEntry(r) => data.time_entries.push(r),
    }
}

/// Store names, each once, in first-seen order.
fn distinct(names: impl Iterator<Item = &'static str>) -> Vec<&'static str> {
    let mut list = Vec::new();
    for name in names {
        if !list.contains(&name) {
            list.push(name);
        }
    }
    list
}

// ---------------------------------------------------------------------------
// Encoding
// ---------------------------------------------------------------------------

fn id_key(id: Uuid) -> JsValue {
    JsValue::from_str(&id.to_string())
}

fn to_json<T: Serialize>(value: &T) -> Result<String, StoreError> {
    serde_json::to_string(value).map_err(|error| StoreError::Aborted(error.to_string()))
}

fn from_json<T: DeserializeOwned>(text: &str) -> Result<T, StoreError> {
    serde_json::from_str(text).map_err(|error| StoreError::Corrupt(error.to_string()))
}

/// `{ id, json }`: the key IndexedDB reads and the lossless JSON text.
fn wrap(id: Uuid, json: &str) -> JsValue {
    let object = Object::new();
    // Setting properties on a fresh plain object cannot fail.
    let _ = Reflect::set(&object, &JsValue::from_str("id"), &id_key(id));
    let _ = Reflect::set(&object, &JsValue::from_str(JSON), &JsValue::from_str(json));
    object.into()
}

fn unwrap_json(value: &JsValue) -> Result<String, StoreError> {
    Reflect::get(value, &JsValue::from_str(JSON))
        .ok()
        .and_then(|json| json.as_string())
        .ok_or_else(|| StoreError::Corrupt("a stored value has no JSON text".to_owned()))
}

/// The record's own JSON (as in a backup), wrapped with its id.
fn encode_record(record: &AnyRecord) -> Result<JsValue, StoreError> {
    let json = match record {
        AnyRecord::Project(r) => to_json(r),
        AnyRecord::Step(r) => to_json(r),
        AnyRecord::Material(r) => to_json(r),
        AnyRecord::Contact(r) => to_json(r),
        AnyRecord::Communication(r) => to_json(r),
        AnyRecord::Appointment(r) => to_json(r),
        AnyRecord::TimeEntry(r) => to_json(r),
    }?;
    Ok(wrap(record.uuid(), &json))
}

fn decode_value(kind: RecordKind, value: &JsValue) -> Result<AnyRecord, StoreError> {
    let json = unwrap_json(value)?;
    AnyRecord::from_json(kind, &json)
        .map_err(|error| StoreError::Corrupt(format!("a stored {kind}: {error}")))
}

// ---------------------------------------------------------------------------
// Errors
// ---------------------------------------------------------------------------

pub(super) fn unavailable(reason: &str) -> StoreError {
    StoreError::Unavailable(reason.to_owned())
}

fn dom_error(error: &DomException) -> StoreError {
    from_dom_exception(&error.name(), &error.message())
}

/// The [`StoreError`] for an `idb` error: the DOM exception inside if there
/// is one, else an abort with the error's text.
pub(super) fn idb_error(error: &idb::Error) -> StoreError {
    use idb::Error as E;
    let js = match error {
        E::DomException(dom) => return dom_error(dom),
        E::AddFailed(js)
        | E::ClearFailed(js)
        | E::DeleteFailed(js)
        | E::GetFailed(js)
        | E::GetAllFailed(js)
        | E::GetAllKeysFailed(js)
        | E::UpdateFailed(js)
        | E::ObjectStoreNotFound(js)
        | E::TransactionOpenFailed(js)
        | E::IndexedDbOpenFailed(js) => js,
        other => return StoreError::Aborted(other.to_string()),
    };
    match js.dyn_ref::<DomException>() {
        Some(dom) => dom_error(dom),
        None => StoreError::Aborted(describe(js)),
    }
}

/// Errors while opening or deleting the database.
fn open_error(error: &idb::Error) -> StoreError {
    match idb_error(error) {
        StoreError::Aborted(reason) => StoreError::Unavailable(reason),
        other => other,
    }
}

fn describe(value: &JsValue) -> String {
    if let Some(dom) = value.dyn_ref::<DomException>() {
        return format!("{}: {}", dom.name(), dom.message());
    }
    value
        .dyn_ref::<js_sys::Error>()
        .map(|error| String::from(error.message()))
        .unwrap_or_else(|| js_text(value))
}

/// Any JS value as text, for error details (release builds print no
/// `Debug`, see scripts/lib.sh).
pub fn js_text(value: &JsValue) -> String {
    value
        .as_string()
        .or_else(|| js_sys::JSON::stringify(value).ok().map(String::from))
        .unwrap_or_else(|| "unknown".to_owned())
}
