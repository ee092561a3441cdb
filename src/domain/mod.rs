//! The domain model: plain data types for everything Chefsache stores, with
//! the rules that keep them consistent.
//!
//! One concern per file. Records link to each other only by id (a step
//! names its project, a material its step and supplier); the [`Dataset`]
//! holds all records of all kinds and checks the links. Nothing here knows
//! about the browser, storage or the UI.

mod appointment;
mod baseline;
mod change_check;
mod communication;
mod contact;
mod dataset;
mod error;
pub mod fields;
mod ids;
mod material;
mod money;
mod project;
mod record;
mod records;
mod step;
mod time_entry;
mod work_package;

pub use appointment::{
    nth_weekday_in, weekday_position, Appointment, Frequency, Recurrence, Weekdays, When,
};
pub use baseline::{Baseline, BaselineMaterial, BaselineStep};
pub use change_check::{added_errors_in, Touched};
pub use communication::{Channel, Communication, Direction};
pub use contact::{
    main_kind, with_main_kind, Address, Birthday, Contact, ContactKind, NameParts, Role,
    TypedValue, PHONE_KINDS, PLACE_KINDS,
};
pub use dataset::{added_errors, Dataset, KindCounts};
pub use error::{Allowed, Field, RecordKind, RecordRef, ValidationError};
pub use ids::{
    AppointmentId, CommunicationId, ContactId, MaterialId, ProjectId, StepId, TimeEntryId,
};
pub use material::{Material, MaterialStatus};
pub use money::Money;
pub use project::{Category, Priority, Project, ProjectStatus};
pub use record::Record;
pub use records::Records;
pub use step::{Assignee, Dependency, Step, StepStatus};
pub use time_entry::{RunningTimer, TimeEntry};
pub use work_package::{IssuedPackage, ReceivedReport, StepReport};

/// `Ok(())` for no errors, else all of them.
fn into_result(errors: Vec<ValidationError>) -> Result<(), Vec<ValidationError>> {
    if errors.is_empty() {
        Ok(())
    } else {
        Err(errors)
    }
}
