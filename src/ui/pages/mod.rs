//! One module per route.

pub mod calendar;
pub mod client_report;
pub mod collaborator;
pub mod contacts;
pub mod dashboard;
pub mod network;
pub mod not_found;
pub mod package_view;
pub mod project_analysis;
pub mod project_detail;
pub mod projects;
pub mod settings;
pub mod table;
pub mod time;
