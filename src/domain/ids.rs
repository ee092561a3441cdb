//! Stable record ids.
//!
//! Every record carries a random UUID (v4) from the moment it is created.
//! Ids never change, so a backup can be merged into another device's data by
//! id, and links between records (a step's project, a material's supplier)
//! survive renames. Each kind has its own newtype so that a `StepId` can
//! never be passed where a `ContactId` is expected.

use std::fmt;

use serde::{Deserialize, Serialize};
use uuid::Uuid;

macro_rules! id_type {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
        #[serde(transparent)]
        pub struct $name(pub Uuid);

        impl $name {
            /// A fresh random id (UUID v4).
            #[allow(clippy::new_without_default)] // a "default" id would be a shared, non-unique one
            pub fn new() -> Self {
                Self(Uuid::new_v4())
            }

            /// The underlying UUID.
            pub fn uuid(self) -> Uuid {
                self.0
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                self.0.fmt(f)
            }
        }

        impl From<Uuid> for $name {
            fn from(uuid: Uuid) -> Self {
                Self(uuid)
            }
        }
    };
}

id_type!(
    /// Id of a [`Project`](super::Project).
    ProjectId
);
id_type!(
    /// Id of a [`Step`](super::Step).
    StepId
);
id_type!(
    /// Id of a [`Material`](super::Material).
    MaterialId
);
id_type!(
    /// Id of a [`Contact`](super::Contact).
    ContactId
);
id_type!(
    /// Id of a [`Communication`](super::Communication).
    CommunicationId
);
id_type!(
    /// Id of an [`Appointment`](super::Appointment).
    AppointmentId
);
id_type!(
    /// Id of a [`TimeEntry`](super::TimeEntry).
    TimeEntryId
);
