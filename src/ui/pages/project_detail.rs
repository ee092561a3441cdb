//! One project: its steps, timeline, materials and communication.

use leptos::prelude::*;
use leptos_router::{components::A, hooks::use_params_map};

use crate::i18n::{t_string, use_i18n};
use crate::ui::components::{empty_state::EmptyState, page_header::PageHeader};

#[component]
pub fn ProjectDetailPage() -> impl IntoView {
    let i18n = use_i18n();
    let params = use_params_map();
    let _id = move || params.read().get("id");
    view! {
        <PageHeader title=Signal::derive(move || t_string!(i18n, project.not_found_title).to_string()) />
        <EmptyState
            title=Signal::derive(move || t_string!(i18n, project.not_found_title).to_string())
            text=Signal::derive(move || t_string!(i18n, project.not_found_text).to_string())
        >
            <A href="/projects" attr:class="button">{move || t_string!(i18n, project.back)}</A>
        </EmptyState>
    }
}
