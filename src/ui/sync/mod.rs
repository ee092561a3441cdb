//! Sync with a CouchDB server (issue 14), the browser side: PouchDB (a
//! prebuilt script from npm, `public/sync/glue.js` wires it) replicates a
//! local database with the server; the bridge keeps that database and the
//! app's store in step. The app's IndexedDB store stays the source of
//! truth for the pages. The pure part (documents, revisions, merge,
//! conflicts, settings) is [`crate::sync`].
//!
//! Only [`start_if_configured`] is in the first load (one `localStorage`
//! read); everything else loads when sync is configured: the bridge as a
//! lazy function of its own, the settings as part of the settings page.

pub mod bridge;
pub mod config;
pub mod connection;
mod js;
pub mod texts;

use crate::ui::app_state::AppState;

/// Starts the bridge when a server is configured (its origin is in the
/// page's policy); without one nothing of sync loads.
pub fn start_if_configured(state: &AppState) {
    let configured = web_sys::window()
        .and_then(|w| w.local_storage().ok().flatten())
        .and_then(|s| s.get_item(config::ORIGIN_KEY).ok().flatten())
        .is_some();
    if configured {
        start(*state);
    }
}

/// Starts sync in this tab (if it is switched on), loading its code first.
pub fn start(state: AppState) {
    #[cfg(feature = "split")]
    leptos::task::spawn_local(async move { start_bridge(state).await });
    #[cfg(not(feature = "split"))]
    start_bridge(state);
}

/// The bridge's code is its own chunk in the split build.
#[cfg_attr(feature = "split", leptos::lazy)]
fn start_bridge(state: AppState) {
    bridge::start(state, state.i18n());
}
