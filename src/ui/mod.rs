//! Everything the person sees: reusable components and one page per route.

pub mod app_state;
pub mod browser_files;
pub mod clock;
pub mod components;
pub mod labels;
pub mod messages;
pub mod pages;
pub mod sync;
