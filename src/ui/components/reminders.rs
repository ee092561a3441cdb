//! Optional reminders: with the person's consent a browser notification
//! when a follow-up, an order date or a step start is due, checked at
//! start and every few minutes while the app is open. Each reminder comes
//! once (the shown keys are kept in the preferences).

use leptos::prelude::*;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{Notification, NotificationOptions, NotificationPermission};

use crate::i18n::{t_string, use_i18n};
use crate::state::agenda::EntryKind;
use crate::state::dashboard::due_reminders;
use crate::ui::app_state::use_app_state;
use crate::ui::clock::use_today;

/// How often the reminders are checked while the app is open.
const CHECK_MINUTES: i32 = 5;

/// Whether this browser has notifications at all.
pub fn notifications_supported() -> bool {
    web_sys::window().is_some_and(|w| {
        js_sys::Reflect::has(&w, &JsValue::from_str("Notification")).unwrap_or(false)
    })
}

/// Whether the person allowed notifications for this app.
pub fn notifications_granted() -> bool {
    notifications_supported() && Notification::permission() == NotificationPermission::Granted
}

/// Asks the browser for permission; true if granted.
pub async fn ask_permission() -> bool {
    if !notifications_supported() {
        return false;
    }
    let Ok(promise) = Notification::request_permission() else {
        return false;
    };
    match wasm_bindgen_futures::JsFuture::from(promise).await {
        Ok(answer) => answer.as_string().as_deref() == Some("granted"),
        Err(_) => false,
    }
}

/// Runs the reminder check; renders nothing.
#[component]
pub fn Reminders() -> impl IntoView {
    let i18n = use_i18n();
    let state = use_app_state();
    let today = use_today();
    let tick = RwSignal::new(0u32);
    if let Some(window) = web_sys::window() {
        let bump = Closure::<dyn Fn()>::new(move || tick.update(|n| *n += 1));
        let _ = window.set_interval_with_callback_and_timeout_and_arguments_0(
            bump.as_ref().unchecked_ref(),
            CHECK_MINUTES * 60_000,
        );
        // The app lives as long as the page, and so does the timer.
        bump.forget();
    }
    Effect::new(move |_| {
        tick.track();
        if !state.prefs.with(|p| p.reminders) || !notifications_granted() {
            return;
        }
        let calendar = state.calendar.get();
        let due = due_reminders(&state.data.read(), &calendar, today.get());
        let shown = state.prefs.with_untracked(|p| p.reminded.clone());
        let new: Vec<_> = due.iter().filter(|r| !shown.contains(&r.key)).collect();
        if new.is_empty() {
            return;
        }
        for reminder in &new {
            let title = &reminder.title;
            let body = match reminder.kind {
                EntryKind::FollowUp => t_string!(i18n, overview.remind_follow_up, summary = title),
                EntryKind::OrderBy => t_string!(i18n, overview.remind_order, material = title),
                _ => t_string!(i18n, overview.remind_start, step = title),
            }
            .to_string();
            let options = NotificationOptions::new();
            options.set_body(&body);
            options.set_tag(&reminder.key);
            let _ = Notification::new_with_options("Chefsache", &options);
        }
        // Keep only the keys still due, so the list does not grow forever.
        let keep: Vec<String> = due.into_iter().map(|r| r.key).collect();
        state.update_prefs(|p| p.reminded = keep);
    });
}
