//! What a list shows before there is anything in it: what goes here and how
//! to get started, instead of a blank space.

use leptos::prelude::*;

#[component]
pub fn EmptyState(
    #[prop(into)] title: Signal<String>,
    #[prop(into)] text: Signal<String>,
    #[prop(optional)] children: Option<Children>,
) -> impl IntoView {
    view! {
        <section class="empty-state" aria-label=move || title.get()>
            <div class="empty-state__mark" aria-hidden="true"></div>
            <h2 class="empty-state__title">{move || title.get()}</h2>
            <p class="empty-state__text">{move || text.get()}</p>
            {children.map(|c| view! { <div class="empty-state__actions">{c()}</div> })}
        </section>
    }
}
