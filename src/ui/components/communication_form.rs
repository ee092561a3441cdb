//! The compact form that logs a call, mail or meeting in a few keystrokes:
//! the channel starts on "Anruf", contact and project start on the page's
//! own, the time on now; usually only the summary needs typing.
//!
//! Times are entered and shown in the browser's local time (for the app's
//! users: Europe/Berlin) and stored as the UTC instant they denote.

use chrono::{DateTime, Local, NaiveDate, NaiveDateTime, TimeZone, Utc};
use leptos::prelude::*;

use crate::domain::{Communication, ContactId, ProjectId};
use crate::i18n::{t_string, use_i18n};
use crate::state::commands;
use crate::store::AnyRecord;
use crate::ui::app_state::use_app_state;
use crate::ui::components::notice::Notice;
use crate::ui::labels::{channel_label, from_option_value, option_value, CHANNELS};

const INPUT_FORMAT: &str = "%Y-%m-%dT%H:%M";

/// Now, as a `datetime-local` input's value.
fn now_value() -> String {
    Local::now().naive_local().format(INPUT_FORMAT).to_string()
}

/// The instant a `datetime-local` value names in local time.
fn parse_local(value: &str) -> Option<DateTime<Utc>> {
    let naive = NaiveDateTime::parse_from_str(value.trim(), INPUT_FORMAT).ok()?;
    Local
        .from_local_datetime(&naive)
        .earliest()
        .map(|t| t.with_timezone(&Utc))
}

#[component]
pub fn CommunicationForm(
    project: Option<ProjectId>,
    contact: Option<ContactId>,
    /// Makes the ids unique when two logs share a page.
    id_prefix: &'static str,
    /// Where "logged" or a refusal appears (the log's notice).
    notice: Notice,
) -> impl IntoView {
    let i18n = use_i18n();
    let state = use_app_state();
    let field_id = move |field: &str| format!("{id_prefix}-{field}");

    let channel = RwSignal::new(option_value(&CHANNELS, &CHANNELS[0]));
    let contact_value = RwSignal::new(contact.map(|c| c.0.to_string()).unwrap_or_default());
    let project_value = RwSignal::new(project.map(|p| p.0.to_string()).unwrap_or_default());
    let at = RwSignal::new(now_value());
    let summary = RwSignal::new(String::new());
    let follow_up = RwSignal::new(String::new());
    let summary_error = RwSignal::new(false);
    let time_error = RwSignal::new(false);

    let contacts = Memo::new(move |_| {
        let names = state.data.read().contacts_by_name();
        names
            .into_iter()
            .map(|(id, name)| (id.0.to_string(), name))
            .collect::<Vec<_>>()
    });
    let projects = Memo::new(move |_| {
        let mut list: Vec<(String, String, bool)> = state
            .data
            .read()
            .projects
            .iter()
            .map(|p| (p.id.0.to_string(), p.name.clone(), p.status.is_closed()))
            .collect();
        list.sort_by_key(|(_, name, closed)| (*closed, name.to_lowercase()));
        list
    });

    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let text = summary.get_untracked().trim().to_string();
        let when = parse_local(&at.get_untracked());
        summary_error.set(text.is_empty());
        time_error.set(when.is_none());
        let Some(when) = when else { return };
        if text.is_empty() {
            return;
        }
        let now = Utc::now();
        let mut entry = Communication::new(when, text, now);
        entry.channel = from_option_value(&CHANNELS, &channel.get_untracked()).unwrap_or_default();
        entry.contact = uuid::Uuid::parse_str(&contact_value.get_untracked())
            .ok()
            .map(ContactId);
        entry.project = uuid::Uuid::parse_str(&project_value.get_untracked())
            .ok()
            .map(ProjectId);
        entry.follow_up = NaiveDate::parse_from_str(&follow_up.get_untracked(), "%Y-%m-%d").ok();
        let changes = commands::save(
            &state.data.get_untracked(),
            AnyRecord::Communication(entry),
            now,
        );
        if notice.run(state, t_string!(i18n, comms.logged), Ok(changes)) {
            notice.info(t_string!(i18n, comms.logged));
            summary.set(String::new());
            follow_up.set(String::new());
            at.set(now_value());
        }
    };

    view! {
        <form class="form-grid comm-form" on:submit=submit novalidate>
            <div class="field">
                <label for=field_id("channel")>{move || t_string!(i18n, comms.channel)}</label>
                <select id=field_id("channel") on:change=move |ev| channel.set(event_target_value(&ev))>
                    {CHANNELS.iter().map(|c| {
                        let value = option_value(&CHANNELS, c);
                        let selected = value.clone();
                        let c = *c;
                        view! { <option value=value selected=move || channel.get() == selected>{move || channel_label(i18n, c)}</option> }
                    }).collect_view()}
                </select>
            </div>
            <div class="field">
                <label for=field_id("contact")>{move || t_string!(i18n, comms.contact)}</label>
                <select id=field_id("contact") on:change=move |ev| contact_value.set(event_target_value(&ev))>
                    <option value="" selected=move || contact_value.get().is_empty()>{move || t_string!(i18n, comms.no_contact)}</option>
                    {move || contacts.get().into_iter().map(|(id, name)| {
                        let selected = id.clone();
                        view! { <option value=id selected=move || contact_value.get() == selected>{name}</option> }
                    }).collect_view()}
                </select>
            </div>
            <div class="field">
                <label for=field_id("project")>{move || t_string!(i18n, comms.project)}</label>
                <select id=field_id("project") on:change=move |ev| project_value.set(event_target_value(&ev))>
                    <option value="" selected=move || project_value.get().is_empty()>{move || t_string!(i18n, comms.no_project)}</option>
                    {move || projects.get().into_iter().map(|(id, name, _)| {
                        let selected = id.clone();
                        view! { <option value=id selected=move || project_value.get() == selected>{name}</option> }
                    }).collect_view()}
                </select>
            </div>
            <div class="field">
                <label for=field_id("at")>{move || t_string!(i18n, comms.at)}</label>
                <input id=field_id("at") type="datetime-local" aria-invalid=move || time_error.get().to_string()
                    prop:value=move || at.get() on:input=move |ev| at.set(event_target_value(&ev)) />
                <Show when=move || time_error.get()>
                    <p class="field__error" role="alert">{move || t_string!(i18n, comms.bad_time)}</p>
                </Show>
            </div>
            <div class="field field--wide">
                <label for=field_id("summary")>{move || t_string!(i18n, comms.summary)}</label>
                <textarea id=field_id("summary") class="textarea--short" aria-invalid=move || summary_error.get().to_string()
                    prop:value=move || summary.get() on:input=move |ev| summary.set(event_target_value(&ev))></textarea>
                <Show when=move || summary_error.get()>
                    <p class="field__error" role="alert">{move || t_string!(i18n, comms.summary_required)}</p>
                </Show>
            </div>
            <div class="field">
                <label for=field_id("follow-up")>{move || t_string!(i18n, comms.follow_up)}</label>
                <input id=field_id("follow-up") type="date"
                    prop:value=move || follow_up.get() on:input=move |ev| follow_up.set(event_target_value(&ev)) />
            </div>
            <div class="field comm-form__submit">
                <button type="submit" class="button button--primary">{move || t_string!(i18n, comms.save)}</button>
            </div>
        </form>
    }
}
