//! Chefsache: a local-first planning app for solo entrepreneurs and small
//! freelancer networks. See ARCHITECTURE.md for the map of this crate.
//!
//! The pure layers compile everywhere and are tested natively with
//! `cargo test`; the browser layers only exist on `wasm32`, so the compiler
//! itself keeps `web-sys` and Leptos out of the core.

pub mod chart;
pub mod domain;
pub mod exchange;
pub mod numbers;
pub mod planning;
pub mod sorting;
pub mod state;
pub mod store;
pub mod sync;
pub mod text;

#[cfg(target_arch = "wasm32")]
pub mod app;
#[cfg(target_arch = "wasm32")]
pub mod i18n;
#[cfg(target_arch = "wasm32")]
pub mod ui;
