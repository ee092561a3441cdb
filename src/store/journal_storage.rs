//! Where the pending-writes [`Journal`] lives in the browser.
//!
//! `localStorage`, because it is written synchronously: the journal is
//! complete the moment the click handler returns, whatever happens to the
//! page next. Each tab has its own key; the tab's id is kept in
//! `sessionStorage`, so a reload finds its own journal again. Whether
//! another tab's journal is orphaned (that tab was closed before its write
//! was done) is told by the Web Locks API: every open tab holds a lock
//! named after its id, and the browser releases it when the tab goes.

use std::cell::RefCell;
use std::collections::HashSet;

use js_sys::{Array, Function, Promise, Reflect};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use web_sys::Storage;

use super::journal::Journal;
use super::ChangeSet;

const JOURNAL_PREFIX: &str = "chefsache.pending.";
const TAB_KEY: &str = "chefsache.tab";
const LOCK_PREFIX: &str = "chefsache.tab.";

/// This tab's place for its journal.
pub struct JournalStorage {
    tab: String,
    /// The text last written, so an unchanged journal is not rewritten.
    last: RefCell<String>,
}

/// A journal found at start-up, to replay.
pub struct FoundJournal {
    key: String,
    /// The journal as stored (`Journal::to_json`).
    pub text: String,
}

impl JournalStorage {
    /// Opens this tab's journal place and returns the journals to replay:
    /// this tab's own (left by the page before a reload) and those of tabs
    /// that are no longer open.
    pub async fn open() -> (JournalStorage, Vec<FoundJournal>) {
        let held = held_locks().await;
        let own = session_storage().and_then(|s| s.get_item(TAB_KEY).ok().flatten());
        let mut found = Vec::new();
        if let Some(local) = local_storage() {
            for key in journal_keys(&local) {
                let tab = &key[JOURNAL_PREFIX.len()..];
                let is_own = own.as_deref() == Some(tab);
                // Without the Locks API nobody can tell whether another
                // tab is still open: only this tab's journal is replayed.
                let orphaned = held
                    .as_ref()
                    .is_some_and(|held| !held.contains(&lock_name(tab)));
                if !(is_own || orphaned) {
                    continue;
                }
                // Kept as text: decoding and replaying it is code that
                // loads only when there is something to replay
                // (`journal::replay_text`).
                if let Some(text) = local.get_item(&key).ok().flatten() {
                    found.push(FoundJournal { key, text });
                }
            }
        }
        // A duplicated tab copies `sessionStorage`: if the id is held by
        // another open tab, this tab takes a new one.
        let tab = match own {
            Some(id) if !held.as_ref().is_some_and(|h| h.contains(&lock_name(&id))) => id,
            _ => uuid::Uuid::new_v4().to_string(),
        };
        if let Some(session) = session_storage() {
            let _ = session.set_item(TAB_KEY, &tab);
        }
        hold_lock(&lock_name(&tab));
        (
            JournalStorage {
                tab,
                last: RefCell::new(String::new()),
            },
            found,
        )
    }

    /// Writes the pending writes (all of them, oldest first), or removes
    /// the journal when there are none. A full `localStorage` only loses
    /// the journal's protection, never the write itself.
    pub fn save<'a>(&self, writes: impl Iterator<Item = &'a ChangeSet>) {
        let journal = Journal {
            tab: self.tab.clone(),
            writes: writes.cloned().collect(),
        };
        let text = if journal.is_empty() {
            String::new()
        } else {
            journal.to_json()
        };
        if *self.last.borrow() == text {
            return;
        }
        let Some(local) = local_storage() else { return };
        let key = format!("{JOURNAL_PREFIX}{}", self.tab);
        let stored = if text.is_empty() {
            local.remove_item(&key).is_ok()
        } else {
            local.set_item(&key, &text).is_ok()
        };
        if stored {
            *self.last.borrow_mut() = text;
        }
    }

    /// Removes a journal that has been replayed.
    pub fn done(&self, found: &FoundJournal) {
        if let Some(local) = local_storage() {
            let _ = local.remove_item(&found.key);
        }
    }
}

fn lock_name(tab: &str) -> String {
    format!("{LOCK_PREFIX}{tab}")
}

fn local_storage() -> Option<Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}

fn session_storage() -> Option<Storage> {
    web_sys::window()?.session_storage().ok().flatten()
}

fn journal_keys(storage: &Storage) -> Vec<String> {
    let count = storage.length().unwrap_or(0);
    (0..count)
        .filter_map(|index| storage.key(index).ok().flatten())
        .filter(|key| key.starts_with(JOURNAL_PREFIX))
        .collect()
}

/// `navigator.locks`, if the browser has it.
// web-sys has the Locks API only behind `web_sys_unstable_apis`; two calls
// through `Reflect` are simpler than a cfg flag on every build.
fn lock_manager() -> Option<JsValue> {
    let navigator = web_sys::window()?.navigator();
    let locks = Reflect::get(&navigator, &JsValue::from_str("locks")).ok()?;
    (!locks.is_undefined()).then_some(locks)
}

/// The names of the locks held by any open tab of this origin; `None`
/// without the Locks API.
async fn held_locks() -> Option<HashSet<String>> {
    let locks = lock_manager()?;
    let query: Function = Reflect::get(&locks, &JsValue::from_str("query"))
        .ok()?
        .dyn_into()
        .ok()?;
    let promise: Promise = query.call0(&locks).ok()?.dyn_into().ok()?;
    let snapshot = JsFuture::from(promise).await.ok()?;
    let held: Array = Reflect::get(&snapshot, &JsValue::from_str("held"))
        .ok()?
        .dyn_into()
        .ok()?;
    Some(
        held.iter()
            .filter_map(|lock| {
                Reflect::get(&lock, &JsValue::from_str("name"))
                    .ok()?
                    .as_string()
            })
            .collect(),
    )
}

/// Holds the lock `name` for as long as the page lives.
fn hold_lock(name: &str) {
    let Some(locks) = lock_manager() else { return };
    let Ok(request) = Reflect::get(&locks, &JsValue::from_str("request")) else {
        return;
    };
    let Ok(request) = request.dyn_into::<Function>() else {
        return;
    };
    // The lock is held until the promise the callback returns settles:
    // this one never does.
    let forever = Closure::<dyn FnMut(JsValue) -> Promise>::new(|_| Promise::new(&mut |_, _| {}));
    let _ = request.call2(&locks, &JsValue::from_str(name), forever.as_ref());
    forever.forget();
}
