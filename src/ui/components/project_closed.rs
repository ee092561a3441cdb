//! A finished or cancelled project is read-only until reopened: the banner
//! that says so, with the button that reopens it. The rule itself is the
//! session's (`state::closed`); pages only hide what would be refused.

use chrono::Utc;
use leptos::prelude::*;

use crate::domain::ProjectId;
use crate::i18n::{t_string, use_i18n};
use crate::state::commands;
use crate::ui::app_state::use_app_state;
use crate::ui::components::notice::{Notice, NoticeRegion};

/// Whether `project` is finished or cancelled (tracked).
pub fn use_project_closed(project: ProjectId) -> Memo<bool> {
    let state = use_app_state();
    Memo::new(move |_| {
        state
            .data
            .read()
            .project(project)
            .is_some_and(|p| p.status.is_closed())
    })
}

/// "Dieses Projekt ist abgeschlossen – nur lesbar", with "Wieder öffnen".
#[component]
pub fn ClosedBanner(project: ProjectId) -> impl IntoView {
    let i18n = use_i18n();
    let state = use_app_state();
    let today = crate::ui::clock::use_today();
    let closed = use_project_closed(project);
    let cancelled = Memo::new(move |_| {
        state
            .data
            .read()
            .project(project)
            .is_some_and(|p| p.status == crate::domain::ProjectStatus::Cancelled)
    });
    let notice = Notice::new();
    let reopen = move |_| {
        let result = commands::reopen_project(
            &state.data.get_untracked(),
            project,
            &state.calendar.get_untracked(),
            today.get_untracked(),
            Utc::now(),
        );
        let label = t_string!(i18n, analysis.reopened);
        if notice.run(state, label, result) {
            notice.info(label);
        }
    };
    view! {
        <Show when=move || closed.get()>
            <div class="closed-banner" role="region" aria-label=move || t_string!(i18n, analysis.closed_region)>
                <p class="closed-banner__text">
                    {move || if cancelled.get() {
                        t_string!(i18n, analysis.cancelled_banner)
                    } else {
                        t_string!(i18n, analysis.closed_banner)
                    }}
                </p>
                <button type="button" class="button" on:click=reopen>
                    {move || t_string!(i18n, analysis.reopen)}
                </button>
            </div>
        </Show>
        <NoticeRegion notice=notice />
    }
}
