//! "Test connection": signs in with CouchDB's cookie session (the password
//! is used for this one request and never kept; the browser keeps the
//! session cookie) and looks for the database, saying which step failed.

use serde_json::Value;

use super::{config, js};
use crate::sync::settings::parse_server;
use crate::sync::{SettingsError, SyncSettings};

/// What the test found.
#[derive(Debug, Clone, PartialEq)]
pub enum Outcome {
    /// Signed in as this user; the database is there.
    Connected {
        user: String,
    },
    /// A field is not valid.
    Field(SettingsError),
    /// The page's policy does not name this server yet: use it first
    /// (the page reloads).
    NeedsReload,
    /// No answer at all.
    Unreachable,
    /// The server answers but its CORS settings refuse this app.
    CorsBlocked,
    WrongPassword,
    /// Signed in, but the user may not use the database.
    Forbidden,
    /// Signed in; the database does not exist (it may be created).
    DatabaseMissing,
    Created,
    CreateRefused,
    Server(u16),
}

fn answer(text: &str) -> (u16, bool, Value) {
    let value: Value = serde_json::from_str(text).unwrap_or(Value::Null);
    let status = value["status"].as_u64().unwrap_or(0) as u16;
    let cors = value["cors"].as_bool().unwrap_or(false);
    (status, cors, value["body"].clone())
}

fn no_answer(cors: bool) -> Outcome {
    if cors {
        Outcome::CorsBlocked
    } else {
        Outcome::Unreachable
    }
}

/// The address prefix of the server (origin and path), checked.
fn server_base(settings: &SyncSettings) -> Result<String, Outcome> {
    settings.check().map_err(Outcome::Field)?;
    let address = parse_server(&settings.server).map_err(Outcome::Field)?;
    if !config::policy_allows(address.origin.as_str()) {
        return Err(Outcome::NeedsReload);
    }
    Ok(format!("{}{}", address.origin, address.path))
}

pub async fn test(settings: &SyncSettings, password: &str) -> Outcome {
    let base = match server_base(settings) {
        Ok(base) => base,
        Err(outcome) => return outcome,
    };
    if js::load().await.is_err() {
        return Outcome::Unreachable;
    }
    let Ok(text) = js::sign_in(&base, &settings.user, password).await else {
        return Outcome::Unreachable;
    };
    match answer(&text) {
        (200, _, _) => {}
        (0, cors, _) => return no_answer(cors),
        (401, _, _) => return Outcome::WrongPassword,
        (status, _, _) => return Outcome::Server(status),
    }
    let Ok(url) = settings.database_url() else {
        return Outcome::Field(SettingsError::DatabaseMissing);
    };
    let Ok(text) = js::get_database(&url).await else {
        return Outcome::Unreachable;
    };
    match answer(&text) {
        (200, _, _) => Outcome::Connected {
            user: settings.user.clone(),
        },
        (0, cors, _) => no_answer(cors),
        (404, _, _) => Outcome::DatabaseMissing,
        (401 | 403, _, _) => Outcome::Forbidden,
        (status, _, _) => Outcome::Server(status),
    }
}

/// Creates the database (the signed-in user must be allowed to).
pub async fn create(settings: &SyncSettings) -> Outcome {
    if let Err(outcome) = server_base(settings) {
        return outcome;
    }
    let Ok(url) = settings.database_url() else {
        return Outcome::Field(SettingsError::DatabaseMissing);
    };
    let Ok(text) = js::put_database(&url).await else {
        return Outcome::Unreachable;
    };
    match answer(&text) {
        (201 | 202 | 412, _, _) => Outcome::Created,
        (0, cors, _) => no_answer(cors),
        (401 | 403, _, _) => Outcome::CreateRefused,
        (status, _, _) => Outcome::Server(status),
    }
}
