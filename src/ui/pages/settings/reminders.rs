//! Reminders: the person switches browser notifications on (the browser
//! asks for permission) or off. A refusal is explained, not hidden.

use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::i18n::{t_string, use_i18n};
use crate::ui::app_state::use_app_state;
use crate::ui::components::reminders::{
    ask_permission, notifications_granted, notifications_supported,
};

/// Why reminders cannot be on.
#[derive(Clone, Copy, PartialEq)]
enum Refusal {
    Unsupported,
    Denied,
}

#[component]
pub fn RemindersSection() -> impl IntoView {
    let i18n = use_i18n();
    let state = use_app_state();
    let on = move || state.prefs.with(|p| p.reminders);
    // Switched on earlier, but the permission was taken back since.
    let refusal = RwSignal::new(
        (state.prefs.with_untracked(|p| p.reminders) && !notifications_granted()).then_some(
            if notifications_supported() {
                Refusal::Denied
            } else {
                Refusal::Unsupported
            },
        ),
    );
    let switch = move |wanted: bool| {
        if !wanted {
            refusal.set(None);
            state.update_prefs(|p| p.reminders = false);
            return;
        }
        if !notifications_supported() {
            refusal.set(Some(Refusal::Unsupported));
            return;
        }
        spawn_local(async move {
            let granted = ask_permission().await;
            refusal.set((!granted).then_some(Refusal::Denied));
            state.update_prefs(|p| p.reminders = granted);
        });
    };
    view! {
        <section class="card settings-section" aria-labelledby="settings-reminders">
            <h2 id="settings-reminders" class="card__title">{move || t_string!(i18n, overview.reminders_title)}</h2>
            <p id="reminders-intro">{move || t_string!(i18n, overview.reminders_intro)}</p>
            <div class="field--check">
                <input id="reminders-on" type="checkbox" aria-describedby="reminders-intro"
                    prop:checked=move || on() && refusal.get().is_none()
                    on:change=move |ev| switch(event_target_checked(&ev)) />
                <label for="reminders-on">{move || t_string!(i18n, overview.reminders_switch)}</label>
            </div>
            <div role="status">
                {move || match refusal.get() {
                    Some(Refusal::Denied) => Some(view! { <p class="notice notice--error">{t_string!(i18n, overview.reminders_denied)}</p> }.into_any()),
                    Some(Refusal::Unsupported) => Some(view! { <p class="notice notice--error">{t_string!(i18n, overview.reminders_unsupported)}</p> }.into_any()),
                    None => on().then(|| view! { <p class="muted">{t_string!(i18n, overview.reminders_on)}</p> }.into_any()),
                }}
            </div>
        </section>
    }
}
