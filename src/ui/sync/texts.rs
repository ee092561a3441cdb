//! Sync's states and errors in the person's language.

use chrono::{DateTime, Local, Utc};

use crate::i18n::{t_string, I18nContext, Locale};
use crate::sync::{SettingsError, SyncError, SyncState};

fn time(at: DateTime<Utc>) -> String {
    let local = at.with_timezone(&Local);
    if local.date_naive() == Local::now().date_naive() {
        local.format("%H:%M").to_string()
    } else {
        local.format("%d.%m. %H:%M").to_string()
    }
}

/// The status bar's text; `None` when sync is off.
pub fn status_text(i18n: I18nContext<Locale>, state: &SyncState) -> Option<String> {
    let last = |text: String, last: Option<DateTime<Utc>>| match last {
        Some(at) => format!(
            "{text} · {}",
            t_string!(i18n, sync.last_sync, time = time(at))
        ),
        None => text,
    };
    Some(match state {
        SyncState::Off => return None,
        SyncState::Connecting => t_string!(i18n, sync.status_connecting).to_string(),
        SyncState::Synced { at } => {
            t_string!(i18n, sync.status_synced, time = time(*at)).to_string()
        }
        SyncState::Syncing { pending: 0 } => t_string!(i18n, sync.status_active).to_string(),
        SyncState::Syncing { pending } => {
            t_string!(i18n, sync.status_syncing, count = *pending).to_string()
        }
        SyncState::Offline { pending, last: at } => last(
            t_string!(i18n, sync.status_offline, count = *pending).to_string(),
            *at,
        ),
        SyncState::Error { error, last: at } => last(
            t_string!(i18n, sync.status_error, reason = error_text(i18n, error)).to_string(),
            *at,
        ),
    })
}

pub fn error_text(i18n: I18nContext<Locale>, error: &SyncError) -> String {
    match error {
        SyncError::Unauthorized => t_string!(i18n, sync.error_unauthorized).to_string(),
        SyncError::Forbidden => t_string!(i18n, sync.error_forbidden).to_string(),
        SyncError::NotFound => t_string!(i18n, sync.error_not_found).to_string(),
        SyncError::Unreachable => t_string!(i18n, sync.error_unreachable).to_string(),
        SyncError::NewerSchema => t_string!(i18n, sync.error_newer_schema).to_string(),
        SyncError::Server(status) => {
            t_string!(i18n, sync.error_server, status = *status).to_string()
        }
        SyncError::Quota => t_string!(i18n, sync.error_quota).to_string(),
    }
}

/// A settings field's error.
pub fn settings_error_text(i18n: I18nContext<Locale>, error: &SettingsError) -> String {
    match error {
        SettingsError::ServerMissing => t_string!(i18n, sync.field_server_missing).to_string(),
        SettingsError::NotAUrl => t_string!(i18n, sync.field_not_a_url).to_string(),
        SettingsError::UnsupportedScheme { scheme } => {
            t_string!(i18n, sync.field_unsupported_scheme, scheme = scheme).to_string()
        }
        SettingsError::InsecureHttp => t_string!(i18n, sync.field_insecure_http).to_string(),
        SettingsError::CredentialsInUrl => {
            t_string!(i18n, sync.field_credentials_in_url).to_string()
        }
        SettingsError::InvalidCharacter => {
            t_string!(i18n, sync.field_invalid_character).to_string()
        }
        SettingsError::HostMissing => t_string!(i18n, sync.field_host_missing).to_string(),
        SettingsError::InvalidHost => t_string!(i18n, sync.field_invalid_host).to_string(),
        SettingsError::InvalidPort => t_string!(i18n, sync.field_invalid_port).to_string(),
        SettingsError::InvalidPath => t_string!(i18n, sync.field_invalid_path).to_string(),
        SettingsError::QueryOrFragment => t_string!(i18n, sync.field_query_or_fragment).to_string(),
        SettingsError::DatabaseMissing => t_string!(i18n, sync.field_database_missing).to_string(),
        SettingsError::InvalidDatabase => t_string!(i18n, sync.field_invalid_database).to_string(),
        SettingsError::DatabaseTooLong { max } => {
            t_string!(i18n, sync.field_database_too_long, max = *max).to_string()
        }
        SettingsError::InvalidUser => t_string!(i18n, sync.field_invalid_user).to_string(),
    }
}

/// Whether the error is about the database field (else the server's).
pub fn is_database_error(error: &SettingsError) -> bool {
    matches!(
        error,
        SettingsError::DatabaseMissing
            | SettingsError::InvalidDatabase
            | SettingsError::DatabaseTooLong { .. }
    )
}
