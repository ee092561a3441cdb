//! The heading block every page starts with.

use leptos::prelude::*;

/// The page's `<h1>` with a one-line explanation and optional actions.
#[component]
pub fn PageHeader(
    #[prop(into)] title: Signal<String>,
    #[prop(into, optional)] intro: Option<Signal<String>>,
    #[prop(optional)] children: Option<Children>,
) -> impl IntoView {
    view! {
        <header class="page-header">
            <div class="page-header__text">
                // A very long name is clamped to three lines; the full text is
                // in the title (and read out in full by screen readers).
                <h1 title=move || title.get()>{move || title.get()}</h1>
                {intro.map(|intro| view! { <p class="page-header__intro">{move || intro.get()}</p> })}
            </div>
            {children.map(|c| view! { <div class="page-header__actions">{c()}</div> })}
        </header>
    }
}
