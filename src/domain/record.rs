//! What every record has in common: a stable id, timestamps and a label.
//!
//! The trait lets the exchange layer merge and count all seven kinds with
//! one generic function instead of seven copies.

use chrono::{DateTime, Utc};
use uuid::Uuid;

use super::{RecordKind, RecordRef};

/// Common behaviour of all stored records.
pub trait Record {
    /// The kind, for messages and counts.
    const KIND: RecordKind;

    /// The record's stable id as a plain UUID.
    fn uuid(&self) -> Uuid;

    /// When the record was last changed; the newer one wins a merge.
    fn updated(&self) -> DateTime<Utc>;

    /// When the record was created (the order lists keep).
    fn created(&self) -> DateTime<Utc>;

    /// Title, name or short description, for messages.
    fn label(&self) -> String;

    /// Kind, id and label together, for errors.
    fn reference(&self) -> RecordRef {
        RecordRef {
            kind: Self::KIND,
            id: self.uuid(),
            label: self.label(),
        }
    }
}

/// Implements [`Record`] for a struct with `id` and `updated` fields.
macro_rules! impl_record {
    ($ty:ty, $kind:expr, |$this:ident| $label:expr) => {
        impl $crate::domain::Record for $ty {
            const KIND: $crate::domain::RecordKind = $kind;
            fn uuid(&self) -> ::uuid::Uuid {
                self.id.0
            }
            fn updated(&self) -> ::chrono::DateTime<::chrono::Utc> {
                self.updated
            }
            fn created(&self) -> ::chrono::DateTime<::chrono::Utc> {
                self.created
            }
            fn label(&self) -> String {
                let $this = self;
                $label
            }
        }
    };
}
pub(crate) use impl_record;
