//! The address book's list: search and role filter, a form for a new
//! contact, checkboxes to pick contacts for a vCard export, and the vCard
//! import.

use std::collections::HashSet;

use chrono::Utc;
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_navigate;

use crate::domain::{Contact, ContactId, Role};
use crate::i18n::{t_string, use_i18n};
use crate::state::address_book::find_contacts;
use crate::ui::app_state::{use_app_state, Phase};
use crate::ui::components::contact_form::ContactForm;
use crate::ui::components::icons::{Icon, IconKind};
use crate::ui::components::{empty_state::EmptyState, page_header::PageHeader};
use crate::ui::labels::{from_option_value, option_value, role_label, ROLES};

use super::vcard_export::export_contacts;
use super::vcard_import::VCardImport;
use crate::exchange::vcard::VCardVersion;
use crate::ui::components::notice::{Notice, NoticeRegion};

#[component]
pub fn ContactsPage() -> impl IntoView {
    let i18n = use_i18n();
    let state = use_app_state();
    let navigate = use_navigate();
    let creating = RwSignal::new(false);
    let query = RwSignal::new(String::new());
    let role = RwSignal::new(None::<Role>);
    let selected = RwSignal::new(HashSet::<ContactId>::new());

    let found = Memo::new(move |_| {
        find_contacts(&state.data.read(), &query.read(), role.get())
            .into_iter()
            .cloned()
            .collect::<Vec<Contact>>()
    });
    let total = move || state.data.read().contacts.len();
    let selection = move || {
        let chosen = selected.read();
        state
            .data
            .read_untracked()
            .contacts
            .iter()
            .filter(|c| chosen.contains(&c.id))
            .cloned()
            .collect::<Vec<_>>()
    };
    // Contacts deleted elsewhere (undo, another tab) leave the selection.
    Effect::new(move |_| {
        let data = state.data.read();
        if selected
            .read_untracked()
            .iter()
            .any(|id| data.contact(*id).is_none())
        {
            selected.update(|s| s.retain(|id| data.contact(*id).is_some()));
        }
    });

    let on_saved = move |id: ContactId| {
        creating.set(false);
        navigate(&format!("/contacts/{}", id.0), Default::default());
    };

    let export_notice = Notice::new();
    let version = RwSignal::new(VCardVersion::V3);
    view! {
        <PageHeader
            title=Signal::derive(move || t_string!(i18n, contacts.title).to_string())
            intro=Signal::derive(move || t_string!(i18n, contacts.intro).to_string())
        >
            <button type="button" class="button button--primary" on:click=move |_| creating.set(true)
                disabled=move || state.phase.get() == Phase::Loading>
                <Icon kind=IconKind::Plus />
                {move || t_string!(i18n, contacts_page.new)}
            </button>
        </PageHeader>
        <Show when=move || creating.get()>
            <section class="card" aria-labelledby="new-contact-title">
                <h2 id="new-contact-title" class="card__title">{move || t_string!(i18n, contacts_page.new)}</h2>
                <ContactForm initial=Contact::new("", Utc::now()) is_new=true
                    on_saved=on_saved.clone() on_cancel=move |_| creating.set(false) />
            </section>
        </Show>
        <Show when=move || { total() > 0 }
            fallback=move || view! {
                <EmptyState
                    title=Signal::derive(move || t_string!(i18n, contacts.empty_title).to_string())
                    text=Signal::derive(move || t_string!(i18n, contacts.empty_text).to_string())
                />
            }>
            <section class="card" aria-labelledby="contacts-list-title">
                <h2 id="contacts-list-title" class="visually-hidden">{move || t_string!(i18n, contacts_page.list)}</h2>
                <div class="filter-bar" role="search">
                    <div class="field filter-bar__search">
                        <label for="contacts-search">{move || t_string!(i18n, contacts_page.search)}</label>
                        <input id="contacts-search" type="search" autocomplete="off" aria-describedby="contacts-search-hint"
                            prop:value=move || query.get() on:input=move |ev| query.set(event_target_value(&ev)) />
                        <p id="contacts-search-hint" class="field__hint">{move || t_string!(i18n, contacts_page.search_hint)}</p>
                    </div>
                    <div class="field">
                        <label for="contacts-role">{move || t_string!(i18n, contacts_page.role_filter)}</label>
                        <select id="contacts-role" on:change=move |ev| role.set(from_option_value(&ROLES, &event_target_value(&ev)))>
                            <option value="" selected=move || role.get().is_none()>{move || t_string!(i18n, contacts_page.all_roles)}</option>
                            {ROLES.iter().map(|r| {
                                let r = *r;
                                view! { <option value=option_value(&ROLES, &r) selected=move || role.get() == Some(r)>{move || role_label(i18n, r)}</option> }
                            }).collect_view()}
                        </select>
                    </div>
                </div>
                <p class="muted" role="status">
                    {move || t_string!(i18n, contacts_page.count, shown = &found.read().len(), count = total())}
                </p>
                <Show when=move || !found.read().is_empty()
                    fallback=move || view! { <p>{move || t_string!(i18n, contacts_page.none_found)}</p> }>
                    <ul class="contact-list" aria-label=move || t_string!(i18n, contacts_page.list)>
                        <For each=move || found.get() key=|c| (c.id, c.updated) let:contact>
                            <ContactRow contact=contact selected=selected />
                        </For>
                    </ul>
                </Show>
            </section>
        </Show>
        <section class="card" aria-labelledby="vcard-title">
            <h2 id="vcard-title" class="card__title">{move || t_string!(i18n, vcard.title)}</h2>
            <VCardImport />
            <Show when=move || { total() > 0 }>
                <div class="field">
                    <label for="vcard-version">{move || t_string!(i18n, vcard.version)}</label>
                    <select id="vcard-version" on:change=move |ev| version.set(if event_target_value(&ev) == "4.0" { VCardVersion::V4 } else { VCardVersion::V3 })>
                        <option value="3.0" selected=move || version.get() == VCardVersion::V3>{move || t_string!(i18n, vcard.version_3)}</option>
                        <option value="4.0" selected=move || version.get() == VCardVersion::V4>{move || t_string!(i18n, vcard.version_4)}</option>
                    </select>
                </div>
                <div class="button-row">
                    <button type="button" class="button" disabled=move || selected.read().is_empty()
                        on:click=move |_| export_contacts(export_notice, i18n, &selection(), version.get_untracked())>
                        {move || t_string!(i18n, vcard.export_selected, n = &selected.read().len())}
                    </button>
                    <button type="button" class="button"
                        on:click=move |_| export_contacts(export_notice, i18n, &state.data.get_untracked().contacts.to_vec(), version.get_untracked())>
                        {move || t_string!(i18n, vcard.export_all)}
                    </button>
                </div>
                <NoticeRegion notice=export_notice />
            </Show>
        </section>
    }
}

/// One contact in the list: a checkbox for the export, the name as the
/// link to the contact, its organisation, roles and how to reach it.
#[component]
fn ContactRow(contact: Contact, selected: RwSignal<HashSet<ContactId>>) -> impl IntoView {
    let i18n = use_i18n();
    let id = contact.id;
    let check_id = format!("select-{}", id.0);
    let check_label = t_string!(i18n, contacts_page.select, name = &contact.name);
    let reach = contact
        .emails
        .first()
        .or(contact.phones.first())
        .map(|v| v.value.clone());
    let roles = contact.roles.clone();
    view! {
        <li class="contact-row">
            <label for=check_id.clone() class="visually-hidden">{check_label}</label>
            <input id=check_id type="checkbox"
                prop:checked=move || selected.read().contains(&id)
                on:change=move |ev| {
                    let on = event_target_checked(&ev);
                    selected.update(|s| { if on { s.insert(id); } else { s.remove(&id); } });
                } />
            <div class="contact-row__main">
                <A href=format!("/contacts/{}", id.0) attr:class="contact-row__name">{contact.name.clone()}</A>
                {(!contact.organisation.is_empty()).then(|| view! { <span class="muted">{contact.organisation.clone()}</span> })}
            </div>
            <div class="contact-row__roles">
                {roles.into_iter().map(|r| view! { <span class="badge">{move || role_label(i18n, r)}</span> }).collect_view()}
            </div>
            <span class="contact-row__reach muted">{reach}</span>
        </li>
    }
}
