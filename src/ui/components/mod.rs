//! Reusable pieces of the interface, one concern per file.

pub mod communication_form;
pub mod communications;
pub mod contact_form;
pub mod edit_base;
pub mod empty_state;
pub mod health;
pub mod icons;
pub mod language;
pub mod materials;
pub mod notice;
pub mod number_input;
pub mod page_header;
pub mod project_form;
pub mod project_workload;
pub mod reminders;
pub mod shell;
pub mod status_bar;
pub mod step_import_dialog;
pub mod steps;
pub mod timeline;
pub mod update_notice;
