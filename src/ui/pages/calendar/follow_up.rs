//! A follow-up opened from the calendar: what it is about, with whom, and
//! a button to mark it done (it then leaves the calendar).

use chrono::Utc;
use leptos::prelude::*;
use leptos_router::components::A;

use crate::domain::CommunicationId;
use crate::i18n::{t_string, use_i18n};
use crate::state::commands;
use crate::store::AnyRecord;
use crate::text::format_date_long;
use crate::ui::app_state::use_app_state;
use crate::ui::components::language::use_lang;
use crate::ui::components::notice::{Notice, NoticeRegion};

#[component]
pub fn FollowUpDetail(id: CommunicationId, #[prop(into)] on_close: Callback<()>) -> impl IntoView {
    let i18n = use_i18n();
    let state = use_app_state();
    let lang = use_lang();
    let found = state.data.read_untracked().communication(id).cloned();
    let Some(communication) = found else {
        return ().into_any();
    };
    let data = state.data.read_untracked();
    let contact = communication
        .contact
        .and_then(|c| data.contact(c))
        .map(|c| c.name.clone());
    let project = communication
        .project
        .and_then(|p| data.project(p))
        .map(|p| (p.id, p.name.clone()));
    drop(data);
    let due = communication.follow_up;
    let notice = Notice::new();

    let mark_done = {
        let communication = communication.clone();
        move |_| {
            let stored = state
                .data
                .read_untracked()
                .communication(communication.id)
                .cloned();
            let mut done = stored.unwrap_or_else(|| communication.clone());
            done.done = true;
            let changes = commands::save(
                &state.data.get_untracked(),
                AnyRecord::Communication(done),
                Utc::now(),
            );
            if notice.run(state, t_string!(i18n, cal.follow_up_marked), Ok(changes)) {
                on_close.run(());
            }
        }
    };

    view! {
        <p class="cal-detail__summary">{communication.summary.clone()}</p>
        <ul class="plain-list cal-detail__facts">
            {due.map(|d| view! {
                <li>{move || t_string!(i18n, cal.follow_up_due, date = &format_date_long(d, lang.get()))}</li>
            })}
            {contact.map(|name| view! {
                <li>{move || t_string!(i18n, cal.follow_up_with, name = &name)}</li>
            })}
            {project.map(|(pid, name)| view! {
                <li>
                    {move || t_string!(i18n, appointment.project)} ": "
                    <A href=format!("/projects/{}", pid.0)>{name}</A>
                </li>
            })}
        </ul>
        <div class="button-row">
            <button type="button" class="button button--primary" on:click=mark_done>
                {move || t_string!(i18n, cal.follow_up_done)}
            </button>
            <button type="button" class="button button--ghost" on:click=move |_| on_close.run(())>
                {move || t_string!(i18n, cal.close)}
            </button>
        </div>
        <NoticeRegion notice=notice />
    }
    .into_any()
}
