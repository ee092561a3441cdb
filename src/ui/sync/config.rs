//! What the sync bridge keeps on this device, in `localStorage`: the
//! settings (never the password), the server origin that `public/csp.js`
//! puts into the Content-Security-Policy, the last status (so a reload
//! shows "synced at 10:42" at once, and other tabs show what the
//! replicating tab knows) and how far the local database's changes were
//! taken into the app.

use gloo_storage::{LocalStorage, Storage};

use crate::sync::{SyncSettings, SyncState};

pub const SETTINGS_KEY: &str = "chefsache.sync";
/// Read by public/csp.js before anything loads: keep the name in step.
pub const ORIGIN_KEY: &str = "chefsache.sync.origin";
pub const STATUS_KEY: &str = "chefsache.sync.status";
const SEQ_KEY: &str = "chefsache.sync.seq";
/// The projects shared as team databases: (project id, database URL, the
/// ids of every record ever shared there).
const SHARES_KEY: &str = "chefsache.sync.shares";

pub fn settings() -> SyncSettings {
    LocalStorage::get(SETTINGS_KEY).unwrap_or_default()
}

pub fn save_settings(settings: &SyncSettings) -> bool {
    LocalStorage::set(SETTINGS_KEY, settings).is_ok()
}

/// The origin the page's policy allows now (read by csp.js at load).
pub fn allowed_origin() -> Option<String> {
    LocalStorage::raw().get_item(ORIGIN_KEY).ok().flatten()
}

pub fn set_allowed_origin(origin: Option<&str>) {
    let storage = LocalStorage::raw();
    let _ = match origin {
        Some(origin) => storage.set_item(ORIGIN_KEY, origin),
        None => storage.remove_item(ORIGIN_KEY),
    };
}

/// Whether the policy this page loaded with allows `origin` (the page was
/// reloaded since the server was chosen). The written policy is checked,
/// not the stored key, so a tampered key never makes sync talk elsewhere.
pub fn policy_allows(origin: &str) -> bool {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return false;
    };
    let Ok(Some(meta)) = document.query_selector("meta[http-equiv='Content-Security-Policy']")
    else {
        return false;
    };
    meta.get_attribute("content").is_some_and(|policy| {
        policy
            .split(';')
            .map(str::trim)
            .find_map(|directive| directive.strip_prefix("connect-src "))
            .is_some_and(|sources| sources.split(' ').any(|source| source == origin))
    })
}

pub fn status() -> SyncState {
    LocalStorage::get(STATUS_KEY).unwrap_or_default()
}

pub fn save_status(state: &SyncState) {
    let _ = LocalStorage::set(STATUS_KEY, state);
}

/// How far the local database's changes feed was taken in, for the
/// database `url` (another database starts from the beginning).
pub fn seq(url: &str) -> serde_json::Value {
    LocalStorage::get::<(String, serde_json::Value)>(SEQ_KEY)
        .ok()
        .filter(|(for_url, _)| for_url == url)
        .map(|(_, seq)| seq)
        .unwrap_or(serde_json::Value::from(0))
}

pub fn save_seq(url: &str, seq: &serde_json::Value) {
    let _ = LocalStorage::set(SEQ_KEY, (url, seq));
}

/// A project this device shares as its own database; it stays in step
/// while sync runs. `ids` are all records ever shared there: a record
/// deleted since is still named, so its tombstone goes there too.
pub type Share = (uuid::Uuid, String, Vec<uuid::Uuid>);

pub fn shares() -> Vec<Share> {
    LocalStorage::get(SHARES_KEY).unwrap_or_default()
}

pub fn save_shares(list: &[Share]) {
    let _ = LocalStorage::set(SHARES_KEY, list);
}

/// The local PouchDB database that mirrors `url`: one per server database,
/// so choosing another server never mixes their documents.
pub fn local_database(url: &str) -> String {
    // FNV-1a: a stable short name, not a secret.
    let hash = url.bytes().fold(0xcbf2_9ce4_8422_2325u64, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    });
    format!("chefsache-sync-{hash:016x}")
}
