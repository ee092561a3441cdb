//! The mark on a record that sync found changed differently on two
//! devices (issue 14): shown beside the record wherever it is named, it
//! links to the decision in Settings, so nobody edits on unaware.

use leptos::prelude::*;
use leptos_router::components::A;

use crate::i18n::{t_string, use_i18n};
use crate::store::change::find;
use crate::ui::app_state::use_app_state;

/// Shown while the record `id` is in conflict; with `whole_project`, while
/// the project `id` or any record of it (a step, a material, …) is.
#[component]
pub fn SyncConflictBadge(id: uuid::Uuid, #[prop(optional)] whole_project: bool) -> impl IntoView {
    let state = use_app_state();
    let i18n = use_i18n();
    // Reads the data only while a conflict is open (rarely): the badge
    // costs nothing on a page of 200 steps otherwise.
    let shown = Memo::new(move |_| {
        state.sync_conflicted.with(|keys| {
            keys.iter().any(|key| {
                key.id == id
                    || (whole_project
                        && find(&state.data.read(), *key)
                            .is_some_and(|r| r.links().iter().any(|l| l.id == id)))
            })
        })
    });
    view! {
        <Show when=move || shown.get()>
            <A href="/settings#sync-conflicts" attr:class="badge badge--warning">
                {move || t_string!(i18n, sync.badge)}
            </A>
        </Show>
    }
}
