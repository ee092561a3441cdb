//! The bridge between the app's store and PouchDB (loaded only when sync
//! is on, see [`super::start_if_configured`]).
//!
//! - One tab replicates (the leader, a Web Lock held while it lives); the
//!   others follow through the app's tab notices and show the status the
//!   leader keeps in `localStorage`.
//! - Out: every record the store took (this tab's writes and, through the
//!   tab notices, the other tabs') goes into the local PouchDB database as
//!   its document ([`crate::sync::outbound`]); an import or restore is the
//!   set of records that differ, never a wipe. Replication takes them on.
//! - In: the local database's changes feed (what replication brought),
//!   batched, becomes one change set ([`crate::sync::inbound`]), taken
//!   like another tab's change: checked by the session and the store,
//!   without an undo entry, told to the other tabs. What would break a
//!   rule now is held and passed again with the next batch.
//! - Conflicts are read from the local database: non-overlapping edits
//!   are merged at once (and listed once), the rest wait in Settings.

use std::cell::{Cell, RefCell};
use std::collections::{HashMap, VecDeque};
use std::rc::Rc;

use chrono::Utc;
use leptos::prelude::*;
use leptos::task::spawn_local;
use serde_json::{json, Value};
use wasm_bindgen::prelude::*;

use super::{config, js, texts};
use crate::i18n::{t_string, I18nContext, Locale};
use crate::store::change::find;
use crate::store::{Change, ChangeSet, RecordKey};
use crate::sync::conflicts::{self, Conflict};
use crate::sync::doc::{self, Doc};
use crate::sync::{inbound, outbound, SyncError, SyncSettings, SyncState};
use crate::ui::app_state::{AppState, Stored};

/// What the sync section of Settings shows, kept by the bridge.
#[derive(Clone, Copy)]
pub struct SyncView {
    /// Records whose conflict a person decides.
    pub conflicts: RwSignal<Vec<Conflict>>,
    /// Labels of records merged automatically (shown once).
    pub merged: RwSignal<Vec<String>>,
    /// Received documents not taken (newer schema, damaged).
    pub refused: RwSignal<usize>,
    /// Received records waiting for what they refer to.
    pub held: RwSignal<usize>,
    /// Whether this tab replicates.
    pub running: RwSignal<bool>,
}

pub struct Bridge {
    state: AppState,
    i18n: I18nContext<Locale>,
    url: String,
    pub view: SyncView,
    sync_state: RefCell<SyncState>,
    /// Received documents that wait for what they refer to, by id.
    held: RefCell<HashMap<String, Value>>,
    outbox: RefCell<VecDeque<Stored>>,
    writing: Cell<bool>,
    /// Keeps the JS callbacks alive as long as the page.
    callbacks: RefCell<Vec<Callback>>,
}

/// A JS callback (JSON text in).
type Callback = Closure<dyn FnMut(JsValue)>;

thread_local! {
    static BRIDGE: RefCell<Option<Rc<Bridge>>> = const { RefCell::new(None) };
}

/// The running bridge of this tab, if sync is on.
pub fn current() -> Option<Rc<Bridge>> {
    BRIDGE.with(|b| b.borrow().clone())
}

/// Starts sync for this tab if it is switched on and the page's policy
/// allows the server (the page was reloaded after the server was chosen).
pub fn start(state: AppState, i18n: I18nContext<Locale>) {
    if current().is_some() {
        return;
    }
    let settings = config::settings();
    let url = match runnable(&settings) {
        Some(url) => url,
        None => {
            state.sync_status.set(None);
            return;
        }
    };
    let bridge = Rc::new(Bridge {
        state,
        i18n,
        url,
        view: SyncView {
            conflicts: RwSignal::new(Vec::new()),
            merged: RwSignal::new(Vec::new()),
            refused: RwSignal::new(0),
            held: RwSignal::new(0),
            running: RwSignal::new(false),
        },
        sync_state: RefCell::new(config::status()),
        held: RefCell::new(HashMap::new()),
        outbox: RefCell::new(VecDeque::new()),
        writing: Cell::new(false),
        callbacks: RefCell::new(Vec::new()),
    });
    BRIDGE.with(|b| *b.borrow_mut() = Some(bridge.clone()));
    bridge.show();
    bridge.follow_other_tabs();
    spawn_local(async move {
        if js::load().await.is_err() {
            bridge.set_state(SyncState::Error {
                error: SyncError::Unreachable,
                last: bridge.sync_state.borrow().last_synced(),
            });
            return;
        }
        let leader = bridge.clone();
        let on_leader = Closure::<dyn FnMut(JsValue)>::new(move |_| leader.clone().lead());
        js::lead(on_leader.as_ref().unchecked_ref());
        bridge.callbacks.borrow_mut().push(on_leader);
    });
}

/// The database URL when sync may run: switched on, settings valid, and
/// the page's policy names the server.
fn runnable(settings: &SyncSettings) -> Option<String> {
    if !settings.enabled {
        return None;
    }
    let origin = settings.check().ok()?;
    if !config::policy_allows(origin.as_str()) {
        return None;
    }
    settings.database_url().ok()
}

/// Stops sync in this tab (switched off in Settings).
pub fn stop() {
    if let Some(bridge) = BRIDGE.with(|b| b.borrow_mut().take()) {
        js::stop();
        bridge.view.running.set(false);
        bridge.state.sync_status.set(None);
        bridge.state.sync_conflicted.set(Vec::new());
    }
}

impl Bridge {
    fn show(&self) {
        let text = texts::status_text(self.i18n, &self.sync_state.borrow());
        self.state.sync_status.set(text);
    }

    fn set_state(&self, state: SyncState) {
        if *self.sync_state.borrow() == state {
            return;
        }
        config::save_status(&state);
        *self.sync_state.borrow_mut() = state;
        self.show();
    }

    fn last(&self) -> Option<chrono::DateTime<Utc>> {
        self.sync_state.borrow().last_synced()
    }

    /// Follower tabs show what the leader writes.
    fn follow_other_tabs(self: &Rc<Self>) {
        let this = self.clone();
        let handle = window_event_listener(leptos::ev::storage, move |ev| {
            if ev.key().as_deref() == Some(config::STATUS_KEY) && !this.view.running.get_untracked()
            {
                *this.sync_state.borrow_mut() = config::status();
                this.show();
            }
        });
        std::mem::forget(handle);
    }

    /// This tab replicates from now on.
    fn lead(self: Rc<Self>) {
        self.view.running.set(true);
        let hook = self.clone();
        self.state
            .set_stored_hook(Rc::new(move |stored| hook.clone().send(stored)));
        let this = self.clone();
        let on_event = Closure::<dyn FnMut(JsValue)>::new(move |event: JsValue| {
            if let Some(text) = event.as_string() {
                this.clone().on_event(&text);
            }
        });
        let options = json!({
            "local": config::local_database(&self.url),
            "remote": self.url,
            "since": config::seq(&self.url),
        });
        self.set_state(SyncState::Connecting);
        js::start(&options.to_string(), on_event.as_ref().unchecked_ref());
        self.callbacks.borrow_mut().push(on_event);
        // Records the local database does not have yet (sync was just
        // switched on, or they were written while no tab replicated).
        self.clone().send(Stored::Replaced(Default::default()));
        // The conflicts the local database already holds, and the team
        // databases this device keeps in step.
        let this = self.clone();
        spawn_local(async move {
            this.read_conflicts().await;
            this.keep_shares().await;
        });
    }

    fn on_event(self: Rc<Self>, text: &str) {
        let Ok(event) = serde_json::from_str::<Value>(text) else {
            return;
        };
        let pending = event["pending"].as_u64().unwrap_or(0) as usize;
        // The browser knows it is offline; whatever PouchDB says meanwhile,
        // the person reads "offline" with what waits.
        if event["online"].as_bool() == Some(false) && event["type"] != "docs" {
            self.set_state(SyncState::Offline {
                pending,
                last: self.last(),
            });
            return;
        }
        let status = event["status"]
            .as_u64()
            .or_else(|| event["error"].as_u64())
            .unwrap_or(0) as u16;
        match event["type"].as_str().unwrap_or("") {
            "docs" => {
                let docs = event["docs"].as_array().cloned().unwrap_or_default();
                let leaves = event["leaves"].as_bool() == Some(true);
                self.receive(docs, event["seq"].clone(), leaves);
            }
            "started" | "active" => self.set_state(SyncState::Syncing { pending }),
            "pushed"
                if !matches!(*self.sync_state.borrow(), SyncState::Synced { .. })
                    || pending > 0 =>
            {
                self.set_state(SyncState::Syncing { pending })
            }
            "paused" if event["error"].is_null() => {
                if pending == 0 {
                    self.set_state(SyncState::Synced { at: Utc::now() });
                } else {
                    self.set_state(SyncState::Offline {
                        pending,
                        last: self.last(),
                    });
                }
            }
            "paused" | "error" | "denied" => {
                let error = crate::sync::status::from_http_status(status);
                let state = if error == SyncError::Unreachable {
                    SyncState::Offline {
                        pending,
                        last: self.last(),
                    }
                } else {
                    SyncState::Error {
                        error,
                        last: self.last(),
                    }
                };
                self.set_state(state);
            }
            _ => {}
        }
    }

    /// A batch of documents replication brought (with the ones held back
    /// before) into the app. `leaves`: one of them has more than one leaf
    /// (a conflict, perhaps a deletion against an edit, which the
    /// documents' `_conflicts` do not name).
    fn receive(self: &Rc<Self>, docs: Vec<Value>, seq: Value, leaves: bool) {
        let mut batch: Vec<Value> = self.held.borrow_mut().drain().map(|(_, d)| d).collect();
        batch.extend(docs);
        let data = self.state.data.get_untracked();
        let received = inbound::change_set_for_docs(&batch, &data);
        let held_ids: Vec<String> = received
            .held
            .iter()
            .map(|h| doc::doc_id(h.key.id))
            .collect();
        {
            let mut held = self.held.borrow_mut();
            for doc in &batch {
                if let Some(id) = doc["_id"].as_str() {
                    if held_ids.iter().any(|h| h == id) {
                        held.insert(id.to_owned(), doc.clone());
                    }
                }
            }
            self.view.held.set(held.len());
        }
        if !received.refused.is_empty() {
            self.view.refused.update(|n| *n += received.refused.len());
            let newer = received
                .refused
                .iter()
                .any(|r| matches!(r, crate::sync::DocRefusal::NewerSchema { .. }));
            if newer {
                self.set_state(SyncState::Error {
                    error: SyncError::NewerSchema,
                    last: self.last(),
                });
            }
        }
        if !received.changes.is_empty() {
            let label = t_string!(self.i18n, sync.received).to_string();
            if self.state.take_received(label, received.changes).is_err() {
                // The session refused (a rule the check above missed): keep
                // everything for the next batch rather than lose it.
                let mut held = self.held.borrow_mut();
                for doc in batch {
                    if let Some(id) = doc["_id"].as_str() {
                        held.insert(id.to_owned(), doc.clone());
                    }
                }
                self.view.held.set(held.len());
                return;
            }
        }
        config::save_seq(&self.url, &seq);
        if leaves
            || !received.conflicts.is_empty()
            || !self.view.conflicts.with_untracked(Vec::is_empty)
        {
            let this = self.clone();
            spawn_local(async move { this.read_conflicts().await });
        }
    }

    /// Queues what the store took for the local database; one write at a
    /// time, in order.
    fn send(self: Rc<Self>, stored: Stored) {
        self.outbox.borrow_mut().push_back(stored);
        if self.writing.replace(true) {
            return;
        }
        spawn_local(async move {
            loop {
                let next = self.outbox.borrow_mut().pop_front();
                let Some(stored) = next else { break };
                self.write(stored).await;
            }
            self.keep_shares().await;
            self.writing.set(false);
        });
    }

    async fn write(&self, stored: Stored) {
        let data = self.state.data.get_untracked();
        let (changes, before) = match stored {
            Stored::Changes(changes) => (Some(changes), None),
            Stored::Replaced(before) => (None, Some(before)),
        };
        let mut keys: Vec<RecordKey> = match (&changes, &before) {
            (Some(changes), _) => changes.keys(),
            (None, Some(before)) => crate::store::change::all_records(before)
                .chain(crate::store::change::all_records(&data))
                .map(|r| r.key())
                .collect(),
            (None, None) => Vec::new(),
        };
        keys.sort_by_key(|k| k.id);
        keys.dedup();
        if keys.is_empty() {
            return;
        }
        let ids: Vec<String> = keys.iter().map(|k| doc::doc_id(k.id)).collect();
        let Ok(text) = js::current(&serde_json::to_string(&ids).unwrap_or_default()).await else {
            return;
        };
        let current: HashMap<String, Value> = serde_json::from_str(&text).unwrap_or_default();
        let doc_of = |key: &RecordKey| current.get(&doc::doc_id(key.id));
        // What the local database already has (a received record written
        // back, a record another tab wrote and this tab heard of) and what
        // a newer app wrote are left alone.
        let mut newer = false;
        let wanted = |key: &RecordKey| {
            let record = find(&data, *key);
            match doc_of(key) {
                None => record.is_some(),
                Some(doc) if doc["_deleted"].as_bool() == Some(true) => record.is_some(),
                Some(doc) => {
                    if !doc::may_overwrite(doc) {
                        return false;
                    }
                    doc::from_doc(doc).ok().and_then(|d| d.record) != record
                }
            }
        };
        let revs =
            |key: &RecordKey| doc_of(key).and_then(|doc| doc["_rev"].as_str().map(str::to_owned));
        let docs: Vec<Doc> = match (changes, before) {
            (Some(changes), _) => {
                let kept: Vec<Change> = changes
                    .changes
                    .into_iter()
                    .filter(|c| wanted(&c.key()))
                    .collect();
                // A patch goes onto the document as the local database
                // has it now: what replication brought meanwhile stays.
                outbound::docs_for_current(&ChangeSet::of(kept), &data, &|key: &RecordKey| {
                    doc_of(key).cloned()
                })
            }
            (None, Some(before)) => {
                // At the start (an empty `before`) only records the local
                // database has never seen: one that differs may be behind a
                // received change not taken in yet, and must not overwrite it.
                let starting = crate::store::change::all_records(&before).next().is_none();
                let docs = outbound::docs_for_replacement(&before, &data, &revs);
                docs.into_iter()
                    .filter(|d| {
                        let id = d.get("_id").and_then(Value::as_str).unwrap_or_default();
                        if starting {
                            return !current.contains_key(id);
                        }
                        keys.iter()
                            .find(|k| doc::doc_id(k.id) == id)
                            .is_some_and(&wanted)
                    })
                    .collect()
            }
            (None, None) => Vec::new(),
        };
        for key in &keys {
            if doc_of(key).is_some_and(|d| !doc::may_overwrite(d)) {
                newer = true;
            }
        }
        if newer {
            self.set_state(SyncState::Error {
                error: SyncError::NewerSchema,
                last: self.last(),
            });
        }
        if docs.is_empty() {
            return;
        }
        let pending_before = self.sync_state.borrow().pending();
        let _ = js::put_docs(&serde_json::to_string(&docs).unwrap_or_default()).await;
        let pending = pending_before + docs.len();
        let offline = matches!(*self.sync_state.borrow(), SyncState::Offline { .. });
        if offline {
            self.set_state(SyncState::Offline {
                pending,
                last: self.last(),
            });
        } else {
            self.set_state(SyncState::Syncing { pending });
        }
    }

    /// Reads the records in conflict: merges what merges by itself, lists
    /// the rest for a person.
    pub async fn read_conflicts(self: &Rc<Self>) {
        let Ok(text) = js::conflict_docs().await else {
            return;
        };
        let entries: Vec<Value> = serde_json::from_str(&text).unwrap_or_default();
        let mut open = Vec::new();
        for entry in entries {
            let Ok(winner) = doc::from_doc(&entry["doc"]) else {
                continue;
            };
            // A stock client's tombstone names no kind: it is the winner's.
            let kind = winner.key.kind;
            let others: Vec<_> = entry["leaves"]
                .as_array()
                .map(|leaves| {
                    leaves
                        .iter()
                        .filter_map(|leaf| doc::from_doc_known(leaf, |_| Some(kind)).ok())
                        .collect()
                })
                .unwrap_or_default();
            let ancestor = self.ancestor(&entry).await;
            let Some(conflict) =
                conflicts::conflict_from_revisions(&winner, &others, ancestor.as_ref())
            else {
                continue;
            };
            match conflicts::auto_merge(&conflict) {
                Some(resolution) => {
                    if self.write_resolution(&resolution).await {
                        let label = conflict.label.clone();
                        self.view.merged.update(|list| list.push(label));
                    }
                }
                None => open.push(conflict),
            }
        }
        self.state
            .sync_conflicted
            .set(open.iter().map(|c| c.key).collect());
        self.view.conflicts.set(open);
    }

    /// The newest revision both sides share, if this device still has its
    /// body: the second entry of the winner's revision history.
    async fn ancestor(&self, entry: &Value) -> Option<Value> {
        let id = entry["doc"]["_id"].as_str()?;
        let history = &entry["doc"]["_revisions"];
        let start = history["start"].as_u64()?;
        let leaf_ids: Vec<Vec<String>> = entry["leaves"]
            .as_array()?
            .iter()
            .map(|leaf| {
                let ids = leaf["_revisions"]["ids"]
                    .as_array()
                    .cloned()
                    .unwrap_or_default();
                let leaf_start = leaf["_revisions"]["start"].as_u64().unwrap_or(0);
                ids.iter()
                    .enumerate()
                    .filter_map(|(i, h)| {
                        Some(format!(
                            "{}-{}",
                            leaf_start.checked_sub(i as u64)?,
                            h.as_str()?
                        ))
                    })
                    .collect()
            })
            .collect();
        let ids = history["ids"].as_array()?;
        for (i, hash) in ids.iter().enumerate().skip(1) {
            let rev = format!("{}-{}", start.checked_sub(i as u64)?, hash.as_str()?);
            if leaf_ids.iter().all(|l| l.contains(&rev)) {
                let text = js::doc_at(id, &rev).await.ok()?;
                let doc: Value = serde_json::from_str(&text).ok()?;
                return (!doc.is_null()).then_some(doc);
            }
        }
        None
    }

    /// Writes a decision: the chosen record on the winner, the other leaves
    /// closed; the app takes the record at once.
    pub async fn write_resolution(&self, resolution: &conflicts::Resolution) -> bool {
        let docs = resolution.docs();
        let Ok(text) = js::put_docs(&serde_json::to_string(&docs).unwrap_or_default()).await else {
            return false;
        };
        let failed: Vec<String> = serde_json::from_str(&text).unwrap_or_default();
        if !failed.is_empty() {
            return false;
        }
        let changes = match &resolution.record {
            Some(record) => ChangeSet::new().put(record.clone()),
            None => ChangeSet::new().delete(resolution.key.kind, resolution.key.id),
        };
        let label = t_string!(self.i18n, sync.received).to_string();
        let _ = self.state.take_received(label, changes);
        true
    }

    /// Shares one project as its own database (a team's plan): copies its
    /// records there ([`crate::sync::team::shared_records`]) and keeps the
    /// two in step from then on, both ways, while sync runs. Answers how
    /// many were written, or the HTTP status.
    pub async fn share(&self, database_url: &str, project: uuid::Uuid) -> Result<u64, u16> {
        let data = self.state.data.get_untracked();
        let ids = crate::sync::team::shared_records(&data, project);
        let text = js::share_project(database_url, &selector(&ids))
            .await
            .map_err(|_| 0u16)?;
        let answer: Value = serde_json::from_str(&text).map_err(|_| 0u16)?;
        let written = match answer["status"].as_u64() {
            Some(200) => answer["written"].as_u64().unwrap_or(0),
            other => return Err(other.unwrap_or(0) as u16),
        };
        let mut shares = config::shares();
        shares.retain(|(p, url, _)| *p != project && url != database_url);
        shares.push((project, database_url.to_owned(), ids));
        config::save_shares(&shares);
        self.keep_shares().await;
        Ok(written)
    }

    /// Keeps every shared project's database in step with the project's
    /// records as they are now (a new step is named from its first write
    /// on; a deleted record stays named, so its deletion reaches the team).
    async fn keep_shares(&self) {
        let mut shares = config::shares();
        if shares.is_empty() {
            return;
        }
        let data = self.state.data.get_untracked();
        let before = shares.clone();
        for (project, _, ids) in &mut shares {
            for id in crate::sync::team::shared_records(&data, *project) {
                if let Err(at) = ids.binary_search(&id) {
                    ids.insert(at, id);
                }
            }
        }
        if shares != before {
            config::save_shares(&shares);
        }
        for (_, url, ids) in &shares {
            let _ = js::keep_shared(url, &selector(ids)).await;
        }
    }
}

/// A replication selector for exactly these records.
fn selector(ids: &[uuid::Uuid]) -> String {
    let ids: Vec<String> = ids.iter().map(|id| doc::doc_id(*id)).collect();
    json!({ "_id": { "$in": ids } }).to_string()
}
