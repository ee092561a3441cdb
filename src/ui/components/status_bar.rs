//! The strip above every page: loading and storage problems, the last
//! action's message, whether everything is saved, and undo/redo (also on
//! Ctrl+Z / Ctrl+Shift+Z).

use leptos::prelude::*;

use crate::i18n::{t_string, use_i18n};
use crate::ui::app_state::{use_app_state, FlashKind, Phase};
use crate::ui::messages::store_error_text;

#[component]
pub fn StatusBar() -> impl IntoView {
    let i18n = use_i18n();
    let state = use_app_state();

    let keys = window_event_listener(leptos::ev::keydown, move |ev| {
        let command = ev.ctrl_key() || ev.meta_key();
        let in_field = ev
            .target()
            .and_then(|t| wasm_bindgen::JsCast::dyn_into::<web_sys::Element>(t).ok())
            .map(|el| matches!(el.tag_name().as_str(), "INPUT" | "TEXTAREA" | "SELECT"))
            .unwrap_or(false);
        if !command || in_field || ev.key().to_lowercase() != "z" {
            return;
        }
        ev.prevent_default();
        if ev.shift_key() {
            state.redo();
        } else {
            state.undo();
        }
    });
    on_cleanup(move || keys.remove());

    let save_text = move || {
        let save = state.save.get();
        if save.error.is_some() {
            t_string!(i18n, data.unsaved).to_string()
        } else if save.saving || save.unsaved > 0 {
            t_string!(i18n, data.saving).to_string()
        } else {
            t_string!(i18n, data.saved).to_string()
        }
    };

    view! {
        <div class="status-bar">
            {move || match state.phase.get() {
                Phase::Loading => Some(view! {
                    <p class="notice notice--info" role="status">{t_string!(i18n, data.loading)}</p>
                }.into_any()),
                Phase::MemoryOnly(error) => Some(view! {
                    <p class="notice notice--warning" role="alert">
                        {t_string!(i18n, data.memory_only)} " (" {store_error_text(i18n, &error)} ")"
                    </p>
                }.into_any()),
                Phase::Ready => None,
            }}
            {move || state.save.get().error.map(|error| view! {
                <div class="notice notice--error" role="alert">
                    <span>{state.store_error_text(&error)}</span>
                    <button type="button" class="button" on:click=move |_| state.flush()>
                        {t_string!(i18n, data.retry)}
                    </button>
                </div>
            })}
            {move || state.flash.get().map(|flash| {
                let class = match flash.kind {
                    FlashKind::Info => "notice notice--success",
                    FlashKind::Error => "notice notice--error",
                };
                let role = match flash.kind {
                    FlashKind::Info => "status",
                    FlashKind::Error => "alert",
                };
                view! {
                    <div class=class role=role>
                        <span>{flash.text}</span>
                        <button type="button" class="button button--ghost" on:click=move |_| state.flash.set(None)>
                            {t_string!(i18n, data.dismiss)}
                        </button>
                    </div>
                }
            })}
            <div class="toolbar">
                <span class="save-indicator" role="status" aria-live="polite"
                    class:save-indicator--error=move || state.save.get().error.is_some()>
                    {save_text}
                </span>
                <button type="button" class="button button--ghost"
                    disabled=move || state.history.get().undo.is_none()
                    title=move || state.history.get().undo.unwrap_or_default()
                    on:click=move |_| state.undo()>
                    {move || t_string!(i18n, data.undo)}
                </button>
                <button type="button" class="button button--ghost"
                    disabled=move || state.history.get().redo.is_none()
                    title=move || state.history.get().redo.unwrap_or_default()
                    on:click=move |_| state.redo()>
                    {move || t_string!(i18n, data.redo)}
                </button>
            </div>
        </div>
    }
}
