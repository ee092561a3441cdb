//! The network page.

use leptos::prelude::*;

use crate::i18n::{t_string, use_i18n};
use crate::ui::components::{empty_state::EmptyState, page_header::PageHeader};

#[component]
pub fn NetworkPage() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <PageHeader
            title=Signal::derive(move || t_string!(i18n, network.title).to_string())
            intro=Signal::derive(move || t_string!(i18n, network.intro).to_string())
        />
        <EmptyState
            title=Signal::derive(move || t_string!(i18n, network.empty_title).to_string())
            text=Signal::derive(move || t_string!(i18n, network.empty_text).to_string())
        />
    }
}
