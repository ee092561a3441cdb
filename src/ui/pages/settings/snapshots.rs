//! Restore points: the automatic snapshots taken before every import or
//! restore, and the way back to one of them.

use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::i18n::{t_string, use_i18n};
use crate::store::{SnapshotReason, Store};
use crate::text::format_date;
use crate::ui::app_state::use_app_state;
use crate::ui::components::language::use_lang;
use crate::ui::components::notice::{Notice, NoticeRegion};
use crate::ui::messages::snapshot_reason_text;

#[component]
pub fn SnapshotsSection(snapshots_changed: RwSignal<u32>) -> impl IntoView {
    let i18n = use_i18n();
    let state = use_app_state();
    let lang = use_lang();

    let snapshots = LocalResource::new(move || {
        snapshots_changed.track();
        state.phase.track();
        async move {
            match state.store() {
                Some(store) => store.list_snapshots().await.unwrap_or_default(),
                None => Vec::new(),
            }
        }
    });

    // Messages of this section appear in it.
    let notice = Notice::new();
    let restore = move |id: uuid::Uuid| {
        spawn_local(async move {
            let Some(store) = state.store() else { return };
            let snapshot = match store.load_snapshot(id).await {
                Ok(Some(snapshot)) => snapshot,
                Ok(None) => return,
                Err(error) => {
                    notice.error(state.store_error_text(&error));
                    return;
                }
            };
            let taken = snapshot.taken.date_naive();
            let reason = SnapshotReason::BeforeRestore {
                taken: snapshot.taken,
            };
            match state.replace_all(snapshot.data, reason).await {
                Ok(()) => {
                    snapshots_changed.update(|n| *n += 1);
                    let date = format_date(taken, lang.get_untracked());
                    notice.info(t_string!(i18n, backup.restored, date = &date).to_string());
                }
                Err(error) => notice.error(state.store_error_text(&error)),
            }
        });
    };

    view! {
        <section class="card settings-section" aria-labelledby="settings-snapshots">
            <h2 id="settings-snapshots" class="card__title">{move || t_string!(i18n, backup.snapshots)}</h2>
            <p class="muted">{move || t_string!(i18n, backup.snapshots_intro)}</p>
            <NoticeRegion notice=notice />
            <Suspense fallback=|| ()>
                {move || snapshots.get().map(|list| {
                    if list.is_empty() {
                        view! { <p>{t_string!(i18n, backup.no_snapshots)}</p> }.into_any()
                    } else {
                        view! {
                            <ul class="plain-list">
                                {list.into_iter().map(|info| {
                                    let id = info.id;
                                    let when = format!("{} {}", format_date(info.taken.date_naive(), lang.get()), info.taken.format("%H:%M"));
                                    view! {
                                        <li class="list-row">
                                            <span>
                                                <strong>{when}</strong>
                                                <span class="muted">" · " {snapshot_reason_text(i18n, &info.reason, lang.get())} " · "
                                                    {t_string!(i18n, backup.records, count = info.counts.total())}</span>
                                            </span>
                                            <button type="button" class="button" on:click=move |_| restore(id)>
                                                {t_string!(i18n, backup.restore)}
                                            </button>
                                        </li>
                                    }
                                }).collect_view()}
                            </ul>
                        }.into_any()
                    }
                })}
            </Suspense>
        </section>
    }
}
