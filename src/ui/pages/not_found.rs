//! Shown for an address the app does not know.

use leptos::prelude::*;
use leptos_router::components::A;

use crate::i18n::{t_string, use_i18n};
use crate::ui::components::{empty_state::EmptyState, page_header::PageHeader};

#[component]
pub fn NotFoundPage() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <PageHeader title=Signal::derive(move || t_string!(i18n, not_found.title).to_string()) />
        <EmptyState
            title=Signal::derive(move || t_string!(i18n, not_found.title).to_string())
            text=Signal::derive(move || t_string!(i18n, not_found.text).to_string())
        >
            <A href="/" attr:class="button">{move || t_string!(i18n, not_found.home)}</A>
        </EmptyState>
    }
}
