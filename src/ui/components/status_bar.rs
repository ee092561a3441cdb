//! The strip above every page: loading and storage problems, the last
//! action's message, whether everything is saved, and undo/redo (also on
//! Ctrl+Z / Ctrl+Shift+Z).

use leptos::prelude::*;
use leptos_router::components::A;

use crate::i18n::{t_string, use_i18n};
use crate::ui::app_state::{use_app_state, ConflictNotice, FlashKind, Phase};
use crate::ui::labels::{field_label, value_text};
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
                Phase::ReadOnly(error) => Some(view! {
                    <p class="notice notice--error" role="alert">
                        {t_string!(i18n, integrity.read_only)} " (" {error.to_string()} ")"
                    </p>
                }.into_any()),
                Phase::Ready => None,
            }}
            <Show when=move || !state.problems.with(Vec::is_empty)>
                <div class="notice notice--warning" role="status">
                    <span>{move || t_string!(i18n, integrity.banner)}</span>
                    " "
                    <a href="/settings#settings-data-check">{move || t_string!(i18n, integrity.banner_link)}</a>
                </div>
            </Show>
            <Show when=move || !state.conflicts.with(Vec::is_empty)>
                <section class="conflicts" aria-labelledby="conflicts-title" aria-live="polite">
                    <h2 id="conflicts-title" class="visually-hidden">{move || t_string!(i18n, integrity.conflicts_title)}</h2>
                    <For each=move || state.conflicts.get() key=|n| n.id let:notice>
                        <ConflictItem notice />
                    </For>
                </section>
            </Show>
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
                // Sync's state, in words the sync bridge made (hidden while
                // sync is off; src/ui/sync/).
                {move || state.sync_status.get().map(|text| view! {
                    <span class="sync-indicator" role="status" aria-live="polite">{text}</span>
                })}
                {move || {
                    let count = state.sync_conflicted.with(Vec::len);
                    (count > 0).then(|| view! {
                        <A href="/settings#sync-conflicts" attr:class="badge badge--warning">
                            {t_string!(i18n, sync.conflicts_open, count = count)}
                        </A>
                    })
                }}
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

/// One field whose value lost against another tab's: names record, field
/// and the lost value, offers to apply it again.
#[component]
fn ConflictItem(notice: ConflictNotice) -> impl IntoView {
    let i18n = use_i18n();
    let state = use_app_state();
    let text = {
        let field = field_label(i18n, &notice.field);
        let (ours, theirs) = (value_text(&notice.ours), value_text(&notice.theirs));
        let record = notice.label.clone();
        move || {
            t_string!(
                i18n,
                integrity.conflict,
                record = &record,
                field = &field,
                ours = &ours,
                theirs = &theirs
            )
            .to_string()
        }
    };
    let id = notice.id;
    let again = notice.clone();
    view! {
        <div class="notice notice--warning" role="alert">
            <span>{text}</span>
            <button type="button" class="button" on:click=move |_| state.reapply(&again)>
                {move || t_string!(i18n, integrity.reapply)}
            </button>
            <button type="button" class="button button--ghost"
                on:click=move |_| state.conflicts.update(|list| list.retain(|n| n.id != id))>
                {move || t_string!(i18n, data.dismiss)}
            </button>
        </div>
    }
}
