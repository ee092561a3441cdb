//! The communication log of a project or a contact: a compact form to log
//! a new entry, a full-text search, and the entries newest first with
//! their follow-ups, which can be ticked off here or on the dashboard.

use chrono::{Local, Utc};
use leptos::prelude::*;
use leptos_router::components::A;

use crate::domain::{Communication, ContactId, ProjectId, Record, RecordKind};
use crate::i18n::{t_string, use_i18n};
use crate::state::{commands, communications};
use crate::store::{AnyRecord, RecordKey};
use crate::text::format_date;
use crate::ui::app_state::{use_app_state, AppState};
use crate::ui::components::communication_form::CommunicationForm;
use crate::ui::components::language::use_lang;
use crate::ui::components::notice::{Notice, NoticeRegion};
use crate::ui::labels::channel_label;

/// Marks the follow-up of `entry` as done, as one undoable action.
pub fn complete_follow_up(state: AppState, label: String, entry: &Communication) {
    // From the stored entry, so only `done` changes.
    let stored = state.data.read_untracked().communication(entry.id).cloned();
    let mut done = stored.unwrap_or_else(|| entry.clone());
    done.done = true;
    let changes = commands::save(
        &state.data.get_untracked(),
        AnyRecord::Communication(done),
        Utc::now(),
    );
    state.run(label, Ok(changes));
}

/// The log for `project` or `contact` (or everything, if neither is given).
#[component]
pub fn CommunicationLog(
    #[prop(optional)] project: Option<ProjectId>,
    #[prop(optional)] contact: Option<ContactId>,
) -> impl IntoView {
    let i18n = use_i18n();
    let state = use_app_state();
    let lang = use_lang();
    let today = crate::ui::clock::use_today();
    let id_prefix = match (project, contact) {
        (Some(_), _) => "project-comm",
        (None, Some(_)) => "contact-comm",
        (None, None) => "comm",
    };
    let query = RwSignal::new(String::new());
    // The log's messages (logged, deleted, refused) appear in the log.
    let notice = Notice::new();
    let entries = Memo::new(move |_| {
        communications::log(&state.data.read(), project, contact, &query.read())
            .into_iter()
            .cloned()
            .collect::<Vec<_>>()
    });
    let has_any = Memo::new(move |_| {
        !communications::log(&state.data.read(), project, contact, "").is_empty()
    });
    let title_id = format!("{id_prefix}-title");
    let labelled_by = title_id.clone();

    view! {
        <section class="card" aria-labelledby=labelled_by>
            <h2 id=title_id class="card__title">{move || t_string!(i18n, comms.title)}</h2>
            <CommunicationForm project=project contact=contact id_prefix=id_prefix notice=notice />
            <NoticeRegion notice=notice />
            <Show when=move || has_any.get()
                fallback=move || view! { <p class="muted">{move || t_string!(i18n, comms.none)}</p> }>
                <div class="field">
                    <label for=format!("{id_prefix}-search")>{move || t_string!(i18n, comms.search)}</label>
                    <input id=format!("{id_prefix}-search") type="search" autocomplete="off"
                        prop:value=move || query.get() on:input=move |ev| query.set(event_target_value(&ev)) />
                </div>
                <h3 class="visually-hidden">{move || t_string!(i18n, comms.log)}</h3>
                <Show when=move || !entries.read().is_empty()
                    fallback=move || view! { <p class="muted" role="status">{move || t_string!(i18n, comms.none_found)}</p> }>
                    <ul class="comm-list" aria-label=move || t_string!(i18n, comms.log)>
                        <For each=move || entries.get() key=|c| (c.id, c.updated) let:entry>
                            <CommunicationEntry entry=entry show_contact=contact.is_none() show_project=project.is_none() today=today lang=lang notice=notice />
                        </For>
                    </ul>
                </Show>
            </Show>
        </section>
    }
}

/// One entry of the log.
#[component]
fn CommunicationEntry(
    entry: Communication,
    show_contact: bool,
    show_project: bool,
    today: Signal<chrono::NaiveDate>,
    lang: Signal<crate::text::Lang>,
    /// The log's notice, for a refused delete.
    notice: Notice,
) -> impl IntoView {
    let i18n = use_i18n();
    let state = use_app_state();
    let data = state.data.read_untracked();
    let contact = entry
        .contact
        .filter(|_| show_contact)
        .and_then(|id| data.contact(id))
        .map(|c| (c.id, c.name.clone()));
    let project = entry
        .project
        .filter(|_| show_project)
        .and_then(|id| data.project(id))
        .map(|p| (p.id, p.name.clone()));
    drop(data);
    let local = entry.at.with_timezone(&Local);
    let (date, time) = (local.date_naive(), local.format("%H:%M").to_string());
    let channel = entry.channel;
    let follow_up = entry.follow_up;
    let done = entry.done;
    let overdue = move || follow_up.is_some_and(|d| d < today.get()) && !done;
    let due = move || follow_up.is_some_and(|d| d <= today.get()) && !done;
    let for_done = entry.clone();
    let key = RecordKey {
        kind: RecordKind::Communication,
        id: entry.id.0,
    };
    let summary = entry.summary.clone();
    let mark_label = t_string!(i18n, comms.mark_done, summary = &entry.label());
    let delete_label = t_string!(i18n, comms.delete_entry, summary = &entry.label());

    view! {
        <li class="comm-entry">
            <div class="comm-entry__head">
                <span class="badge">{move || channel_label(i18n, channel)}</span>
                <time datetime=entry.at.to_rfc3339()>{move || format!("{} {time}", format_date(date, lang.get()))}</time>
                {contact.map(|(id, name)| view! { <A href=format!("/contacts/{}", id.0)>{name}</A> })}
                {project.map(|(id, name)| view! { <A href=format!("/projects/{}", id.0)>{name}</A> })}
            </div>
            <p class="comm-entry__summary">{summary}</p>
            <div class="comm-entry__foot">
                {follow_up.map(|d| view! {
                    <span class="comm-entry__follow-up" class:overdue=overdue class:muted=move || !due()>
                        {move || if done {
                            t_string!(i18n, comms.follow_up_done).to_string()
                        } else {
                            t_string!(i18n, comms.due, date = &format_date(d, lang.get()))
                        }}
                    </span>
                })}
                <span class="comm-entry__actions">
                    {(follow_up.is_some() && !done).then(|| view! {
                        <button type="button" class="button" aria-label=mark_label
                            on:click=move |_| complete_follow_up(state, t_string!(i18n, comms.done_label).to_string(), &for_done)>
                            {move || t_string!(i18n, comms.done)}
                        </button>
                    })}
                    <button type="button" class="button button--ghost button--danger-text" aria-label=delete_label
                        on:click=move |_| { notice.run(state, t_string!(i18n, comms.deleted), commands::delete_leaf(&state.data.get_untracked(), key)); }>
                        {move || t_string!(i18n, comms.delete)}
                    </button>
                </span>
            </div>
        </li>
    }
}
