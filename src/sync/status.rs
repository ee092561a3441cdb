//! What the status bar says about sync. The bridge keeps the last state in
//! `localStorage` (serde), so a reload shows "synced at 10:42" at once.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// The state of sync, as the status bar shows it.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(tag = "state", rename_all = "snake_case")]
pub enum SyncState {
    /// No server configured, or sync switched off.
    #[default]
    Off,
    /// Signing in and reaching the database.
    Connecting,
    /// Everything is on the server (as of `at`).
    Synced { at: DateTime<Utc> },
    /// Changes are on their way (`pending` of this device's).
    Syncing { pending: usize },
    /// No network: `pending` changes wait; `last` is the last full sync.
    Offline {
        pending: usize,
        last: Option<DateTime<Utc>>,
    },
    /// Sync stopped on an error the person must act on (or that retries).
    Error {
        error: SyncError,
        last: Option<DateTime<Utc>>,
    },
}

impl SyncState {
    /// The changes of this device not yet on the server, as far as known.
    pub fn pending(&self) -> usize {
        match self {
            SyncState::Syncing { pending } | SyncState::Offline { pending, .. } => *pending,
            _ => 0,
        }
    }

    /// When everything was last on the server.
    pub fn last_synced(&self) -> Option<DateTime<Utc>> {
        match self {
            SyncState::Synced { at } => Some(*at),
            SyncState::Offline { last, .. } | SyncState::Error { last, .. } => *last,
            _ => None,
        }
    }
}

/// Why sync stopped. The UI has a sentence (and a way out) for each.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, thiserror::Error)]
#[serde(rename_all = "snake_case")]
pub enum SyncError {
    /// 401: signed out, or the password changed: sign in again.
    #[error("not signed in (401)")]
    Unauthorized,
    /// 403: the user may not read or write this database (`_security`).
    #[error("no access to the database (403)")]
    Forbidden,
    /// 404: no such database on the server.
    #[error("the database does not exist (404)")]
    NotFound,
    /// No answer at all (network, DNS, CORS, server down).
    #[error("the server cannot be reached")]
    Unreachable,
    /// The server holds records of a newer app: update the app.
    #[error("the server has records of a newer app version")]
    NewerSchema,
    /// Any other HTTP error status.
    #[error("the server answered {0}")]
    Server(u16),
    /// The device's storage is full.
    #[error("the device's storage is full")]
    Quota,
}

impl SyncError {
    /// The error for an HTTP status of a failed request (0: the request got
    /// no answer, as `fetch` and PouchDB report it).
    pub fn from_http_status(status: u16) -> SyncError {
        from_http_status(status)
    }
}

/// The error for an HTTP status of a failed request (0: the request got no
/// answer, as `fetch` and PouchDB report it).
pub fn from_http_status(status: u16) -> SyncError {
    match status {
        0 => SyncError::Unreachable,
        401 => SyncError::Unauthorized,
        403 => SyncError::Forbidden,
        404 => SyncError::NotFound,
        other => SyncError::Server(other),
    }
}
