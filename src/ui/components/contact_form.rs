//! The form for a contact, used to create and to edit. E-mail addresses
//! and phone numbers are one per line in a text area: quicker to type and
//! to paste than add/remove rows, and the first line stays the main one.
//! The collaborator fields appear only when the role is ticked, so a
//! client's form stays short.

use chrono::Utc;
use leptos::prelude::*;

use crate::domain::{Contact, ContactId, ContactKind, Money, Role, TypedValue};
use crate::i18n::{t_string, use_i18n};
use crate::numbers;
use crate::state::commands;
use crate::store::AnyRecord;
use crate::text::{format_money, format_quantity};
use crate::ui::app_state::use_app_state;
use crate::ui::components::edit_base::{ChangedElsewhere, EditBase};
use crate::ui::components::language::use_lang;
use crate::ui::components::notice::{Notice, NoticeRegion};
use crate::ui::components::number_input::{NumberField, NumberText};
use crate::ui::labels::{role_label, ROLES};

/// Creates (when `is_new`) or edits `initial`; `on_saved` hears the saved
/// contact's id.
#[component]
pub fn ContactForm(
    initial: Contact,
    is_new: bool,
    #[prop(into)] on_saved: Callback<ContactId>,
    #[prop(into, optional)] on_cancel: Option<Callback<()>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let state = use_app_state();
    let lang = use_lang();
    let prefix = if is_new { "new-contact" } else { "contact" };
    let field_id = move |field: &str| format!("{prefix}-{field}");

    let organisation_kind = RwSignal::new(initial.kind == ContactKind::Organisation);
    let name = RwSignal::new(initial.name.clone());
    let organisation = RwSignal::new(initial.organisation.clone());
    let roles = RwSignal::new(initial.roles.clone());
    let emails = RwSignal::new(TypedValue::lines(&initial.emails));
    let phones = RwSignal::new(TypedValue::lines(&initial.phones));
    let street = RwSignal::new(initial.address.street.clone());
    let postal_code = RwSignal::new(initial.address.postal_code.clone());
    let city = RwSignal::new(initial.address.city.clone());
    let country = RwSignal::new(initial.address.country.clone());
    let website = RwSignal::new(initial.website.clone());
    let notes = RwSignal::new(initial.notes.clone());
    let skills = RwSignal::new(initial.skills.join(", "));
    let rate = NumberText::new(String::new());
    let capacity = NumberText::new(String::new());
    let name_error = RwSignal::new(false);
    let contact_id = initial.id;
    let edit = EditBase::new(initial.clone(), is_new, move |data| {
        data.contact(contact_id).cloned()
    });
    let notice = Notice::new();
    let show = move |c: &Contact| {
        let lang = lang.get_untracked();
        organisation_kind.set(c.kind == ContactKind::Organisation);
        name.set(c.name.clone());
        organisation.set(c.organisation.clone());
        roles.set(c.roles.clone());
        emails.set(TypedValue::lines(&c.emails));
        phones.set(TypedValue::lines(&c.phones));
        street.set(c.address.street.clone());
        postal_code.set(c.address.postal_code.clone());
        city.set(c.address.city.clone());
        country.set(c.address.country.clone());
        website.set(c.website.clone());
        notes.set(c.notes.clone());
        skills.set(c.skills.join(", "));
        rate.set(
            c.hourly_rate
                .map(|m| format_money(m.cents(), lang))
                .unwrap_or_default(),
        );
        capacity.set(
            c.weekly_capacity_hours
                .map(|h| format_quantity(h, lang))
                .unwrap_or_default(),
        );
        name_error.set(false);
    };
    show(&initial);
    let is_collaborator = move || roles.read().contains(&Role::Collaborator);

    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let lang = lang.get_untracked();
        let trimmed = name.get_untracked().trim().to_string();
        name_error.set(trimmed.is_empty());
        let cents = rate.read(|t| numbers::optional(t, |t| numbers::amount(t, lang)));
        let hours = capacity.read(|t| numbers::optional(t, |t| numbers::weekly_hours(t, lang)));
        let (Some(cents), Some(hours), false) = (cents, hours, trimmed.is_empty()) else {
            notice.error(t_string!(i18n, forms.check_fields));
            return;
        };
        let mut contact = edit.base();
        contact.kind = if organisation_kind.get_untracked() {
            ContactKind::Organisation
        } else {
            ContactKind::Person
        };
        contact.rename(trimmed);
        contact.organisation = organisation.get_untracked().trim().to_string();
        contact.roles = ROLES
            .iter()
            .copied()
            .filter(|r| roles.read_untracked().contains(r))
            .collect();
        contact.emails = TypedValue::from_lines(&emails.get_untracked(), &contact.emails);
        contact.phones = TypedValue::from_lines(&phones.get_untracked(), &contact.phones);
        contact.address.street = street.get_untracked().trim().to_string();
        contact.address.postal_code = postal_code.get_untracked().trim().to_string();
        contact.address.city = city.get_untracked().trim().to_string();
        contact.address.country = country.get_untracked().trim().to_string();
        contact.website = website.get_untracked().trim().to_string();
        contact.notes = notes.get_untracked();
        contact.skills = skills
            .get_untracked()
            .split(',')
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(str::to_string)
            .collect();
        contact.hourly_rate = cents.map(Money);
        contact.weekly_capacity_hours = hours;
        // Only what the person changed goes onto the stored contact.
        let contact = edit.rebase(&contact);
        let id = contact.id;
        let label = if is_new {
            t_string!(i18n, contacts_page.created)
        } else {
            t_string!(i18n, contacts_page.saved)
        };
        let changes = commands::save(
            &state.data.get_untracked(),
            AnyRecord::Contact(contact),
            Utc::now(),
        );
        if notice.run(state, label, Ok(changes)) {
            edit.saved();
            on_saved.run(id);
        }
    };

    let text_field = move |field: &'static str,
                           label: Signal<String>,
                           value: RwSignal<String>,
                           kind: &'static str,
                           autocomplete: &'static str| {
        view! {
            <div class="field">
                <label for=field_id(field)>{move || label.get()}</label>
                <input id=field_id(field) type=kind autocomplete=autocomplete
                    prop:value=move || value.get() on:input=move |ev| value.set(event_target_value(&ev)) />
            </div>
        }
    };

    view! {
        <ChangedElsewhere edit=edit on_load=move |c: Contact| show(&c) />
        <form class="form-grid" on:submit=submit novalidate
            on:input=move |_| edit.touch() on:change=move |_| edit.touch()>
            <div class="field">
                <label for=field_id("kind")>{move || t_string!(i18n, contact_form.kind)}</label>
                <select id=field_id("kind") on:change=move |ev| organisation_kind.set(event_target_value(&ev) == "organisation")>
                    <option value="person" selected=move || !organisation_kind.get()>{move || t_string!(i18n, contact_form.person)}</option>
                    <option value="organisation" selected=move || organisation_kind.get()>{move || t_string!(i18n, contact_form.organisation_kind)}</option>
                </select>
            </div>
            <div class="field">
                <label for=field_id("name")>{move || t_string!(i18n, contact_form.name)}</label>
                <input id=field_id("name") type="text" required autocomplete="off"
                    aria-invalid=move || name_error.get().to_string()
                    prop:value=move || name.get() on:input=move |ev| name.set(event_target_value(&ev)) />
                <Show when=move || name_error.get()>
                    <p class="field__error" role="alert">{move || t_string!(i18n, contact_form.name_required)}</p>
                </Show>
            </div>
            <Show when=move || !organisation_kind.get()>
                {text_field("organisation", Signal::derive(move || t_string!(i18n, contact_form.organisation).to_string()), organisation, "text", "off")}
            </Show>
            <fieldset class="field field--wide choice-group">
                <legend>{move || t_string!(i18n, contact_form.roles)}</legend>
                {ROLES.iter().map(|role| {
                    let role = *role;
                    let id = field_id(&format!("role-{}", crate::ui::labels::option_value(&ROLES, &role)));
                    view! {
                        <div class="field--check">
                            <input id=id.clone() type="checkbox" prop:checked=move || roles.read().contains(&role)
                                on:change=move |ev| {
                                    let on = event_target_checked(&ev);
                                    roles.update(|list| { list.retain(|r| *r != role); if on { list.push(role); } });
                                } />
                            <label for=id>{move || role_label(i18n, role)}</label>
                        </div>
                    }
                }).collect_view()}
            </fieldset>
            <div class="field">
                <label for=field_id("emails")>{move || t_string!(i18n, contact_form.emails)}</label>
                <textarea id=field_id("emails") class="textarea--short" aria-describedby=field_id("lines-hint")
                    prop:value=move || emails.get() on:input=move |ev| emails.set(event_target_value(&ev))></textarea>
            </div>
            <div class="field">
                <label for=field_id("phones")>{move || t_string!(i18n, contact_form.phones)}</label>
                <textarea id=field_id("phones") class="textarea--short" aria-describedby=field_id("lines-hint")
                    prop:value=move || phones.get() on:input=move |ev| phones.set(event_target_value(&ev))></textarea>
            </div>
            <p id=field_id("lines-hint") class="field__hint field--wide">{move || t_string!(i18n, contact_form.one_per_line)}</p>
            {text_field("street", Signal::derive(move || t_string!(i18n, contact_form.street).to_string()), street, "text", "off")}
            {text_field("postal-code", Signal::derive(move || t_string!(i18n, contact_form.postal_code).to_string()), postal_code, "text", "off")}
            {text_field("city", Signal::derive(move || t_string!(i18n, contact_form.city).to_string()), city, "text", "off")}
            {text_field("country", Signal::derive(move || t_string!(i18n, contact_form.country).to_string()), country, "text", "off")}
            {text_field("website", Signal::derive(move || t_string!(i18n, contact_form.website).to_string()), website, "url", "off")}
            <Show when=is_collaborator>
                <fieldset class="field--wide form-grid choice-group">
                    <legend>{move || t_string!(i18n, contact_form.collaboration)}</legend>
                    <div class="field">
                        <label for=field_id("skills")>{move || t_string!(i18n, contact_form.skills)}</label>
                        <input id=field_id("skills") type="text" aria-describedby=field_id("skills-hint")
                            prop:value=move || skills.get() on:input=move |ev| skills.set(event_target_value(&ev)) />
                        <p id=field_id("skills-hint") class="field__hint">{move || t_string!(i18n, contact_form.skills_hint)}</p>
                    </div>
                    <NumberField id=field_id("rate") label=Signal::derive(move || t_string!(i18n, contact_form.hourly_rate).to_string()) value=rate amount=true />
                    <NumberField id=field_id("capacity") label=Signal::derive(move || t_string!(i18n, contact_form.capacity).to_string()) value=capacity />
                </fieldset>
            </Show>
            <div class="field field--wide">
                <label for=field_id("notes")>{move || t_string!(i18n, contact_form.notes)}</label>
                <textarea id=field_id("notes") prop:value=move || notes.get() on:input=move |ev| notes.set(event_target_value(&ev))></textarea>
            </div>
            <div class="button-row field--wide">
                <button type="submit" class="button button--primary">
                    {move || if is_new { t_string!(i18n, contact_form.create) } else { t_string!(i18n, contact_form.save) }}
                </button>
                {on_cancel.map(|cancel| view! {
                    <button type="button" class="button button--ghost" on:click=move |_| cancel.run(())>
                        {move || t_string!(i18n, contact_form.cancel)}
                    </button>
                })}
            </div>
        </form>
        <NoticeRegion notice=notice />
    }
}
