//! Everything the person sees: reusable components and one page per route.

pub mod components;
pub mod pages;
pub mod app_state;
pub mod browser_files;
pub mod labels;
