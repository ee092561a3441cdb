//! Translating browser storage errors (`DOMException` names) into
//! [`StoreError`]s. Pure, so the mapping is tested natively; the browser
//! code only reads `name` and `message` off the exception.

use super::StoreError;

/// The [`StoreError`] for a `DOMException` raised by IndexedDB.
///
/// `QuotaExceededError` is the only one the UI offers a remedy for (free
/// space, export and delete old data), so it gets its own variant; errors
/// that mean "the database is gone or unusable" become `Unavailable`;
/// everything else aborted the transaction, so nothing was written.
pub fn from_dom_exception(name: &str, message: &str) -> StoreError {
    match name {
        "QuotaExceededError" => StoreError::QuotaExceeded,
        // The connection was closed (another tab upgraded or deleted the
        // database) or the database is newer than this app version.
        "InvalidStateError" => StoreError::Unavailable(format!(
            "the database connection was closed, reload the page ({message})"
        )),
        "VersionError" => StoreError::Unavailable(format!(
            "the stored data was written by a newer version of Chefsache, reload the page ({message})"
        )),
        "SecurityError" | "UnknownError" | "NotFoundError" => {
            StoreError::Unavailable(format!("{name}: {message}"))
        }
        "" => StoreError::Aborted(message.to_owned()),
        _ => StoreError::Aborted(format!("{name}: {message}")),
    }
}
