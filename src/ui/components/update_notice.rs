//! Tells the person when a new version of the app is waiting, with a button
//! to reload into it. `public/sw-register.js` registers the service worker
//! and reports a waiting worker with the DOM event `chefsache:update-ready`;
//! the button answers with `chefsache:apply-update`.

use leptos::ev::Custom;
use leptos::prelude::*;

use crate::i18n::{t_string, use_i18n};

#[component]
pub fn UpdateNotice() -> impl IntoView {
    let i18n = use_i18n();
    let (ready, set_ready) = signal(false);
    let handle = window_event_listener(
        Custom::<web_sys::Event>::new("chefsache:update-ready"),
        move |_| set_ready.set(true),
    );
    on_cleanup(move || handle.remove());

    let apply = move |_| {
        if let (Some(window), Ok(event)) = (
            web_sys::window(),
            web_sys::CustomEvent::new("chefsache:apply-update"),
        ) {
            let _ = window.dispatch_event(&event);
        }
    };

    view! {
        <Show when=move || ready.get()>
            <div class="notice notice--info" role="status">
                <span>{move || t_string!(i18n, update.ready)}</span>
                <button type="button" class="button button--primary" on:click=apply>
                    {move || t_string!(i18n, update.reload)}
                </button>
            </div>
        </Show>
    }
}
