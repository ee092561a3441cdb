//! The contacts page.

use leptos::prelude::*;

use crate::i18n::{t_string, use_i18n};
use crate::ui::components::{empty_state::EmptyState, page_header::PageHeader};

#[component]
pub fn ContactsPage() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <PageHeader
            title=Signal::derive(move || t_string!(i18n, contacts.title).to_string())
            intro=Signal::derive(move || t_string!(i18n, contacts.intro).to_string())
        />
        <EmptyState
            title=Signal::derive(move || t_string!(i18n, contacts.empty_title).to_string())
            text=Signal::derive(move || t_string!(i18n, contacts.empty_text).to_string())
        />
    }
}
