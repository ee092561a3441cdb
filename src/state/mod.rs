//! The running app's state and the commands that change it.
//!
//! Data flows one way: the UI calls a command, the command builds a change
//! set, the [`Session`] checks it with the domain rules and applies it,
//! [`flush`] writes it through the store, and the UI re-renders from the
//! session. The reactive wrapper for Leptos lives in `ui::app_state`.

pub mod address_book;
pub mod agenda;
pub mod analysis;
pub mod baseline;
pub mod calendar_export;
pub mod calendar_grid;
pub mod calendar_import;
pub mod client_report;
pub mod closed;
pub mod collaborator;
pub mod commands;
pub mod communications;
pub mod contact_import;
pub mod dashboard;
pub mod grid;
pub mod health;
pub mod history;
pub mod procurement;
pub mod queue;
pub mod ranking;
pub mod repair;
pub mod sample;
pub mod schedule;
pub mod search;
pub mod session;
pub mod staffing;
pub mod step_import;
pub mod table;
pub mod time_entries;
pub mod time_export;
pub mod time_sheet;
pub mod timer;
pub mod work_packages;
pub mod workload;

pub use commands::CommandError;
pub use history::{History, HistoryEntry, UNDO_LIMIT};
pub use queue::WriteKind;
pub use session::{flush, Session, WriteReport};
