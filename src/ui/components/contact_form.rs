//! The form for a contact, used to create and to edit. E-mail addresses,
//! phone numbers and further web addresses are one per line in a text
//! area, each with its kind in parentheses (`+49 171 1234567 (Mobil)`):
//! quicker to type and to paste than add/remove rows, the first line stays
//! the main one, and a fax imported from an address book stays a fax.
//! What an address book adds (name parts, department, title, birthday,
//! categories, further addresses) sits in a fold of its own; the
//! collaborator fields appear only when the role is ticked, so a client's
//! form stays short.

use chrono::Utc;
use leptos::prelude::*;

use crate::domain::{main_kind, with_main_kind, PHONE_KINDS, PLACE_KINDS};
use crate::domain::{Address, Birthday, Contact, ContactId, ContactKind, Money, Role, TypedValue};
use crate::i18n::{t_string, use_i18n};
use crate::i18n::{I18nContext, Locale};
use crate::numbers;
use crate::state::commands;
use crate::store::AnyRecord;
use crate::text::{format_money, format_quantity, Lang};
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
    let emails = RwSignal::new(String::new());
    let phones = RwSignal::new(String::new());
    let urls = RwSignal::new(String::new());
    let addresses = RwSignal::new(Vec::<Address>::new());
    let address_count = Memo::new(move |_| addresses.read().len());
    let website = RwSignal::new(initial.website.clone());
    let [given, additional, family, prefixes, suffixes] =
        std::array::from_fn(|_| RwSignal::new(String::new()));
    let department = RwSignal::new(String::new());
    let job_title = RwSignal::new(String::new());
    let job_role = RwSignal::new(String::new());
    let birthday = RwSignal::new(String::new());
    let birthday_error = RwSignal::new(false);
    let categories = RwSignal::new(String::new());
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
        emails.set(TypedValue::labelled_lines(&c.emails, &PLACE_KINDS, |k| {
            kind_label(i18n, k)
        }));
        phones.set(TypedValue::labelled_lines(&c.phones, &PHONE_KINDS, |k| {
            kind_label(i18n, k)
        }));
        urls.set(TypedValue::labelled_lines(
            &c.other_urls,
            &PLACE_KINDS,
            |k| kind_label(i18n, k),
        ));
        addresses.set(
            std::iter::once(c.address.clone())
                .chain(c.other_addresses.iter().cloned())
                .collect(),
        );
        website.set(c.website.clone());
        let parts = &c.name_parts;
        given.set(parts.given.clone());
        additional.set(parts.additional.clone());
        family.set(parts.family.clone());
        prefixes.set(parts.prefixes.clone());
        suffixes.set(parts.suffixes.clone());
        department.set(c.department.clone());
        job_title.set(c.job_title.clone());
        job_role.set(c.job_role.clone());
        birthday.set(
            c.birthday
                .map(|b| b.to_text(date_separator(lang)))
                .unwrap_or_default(),
        );
        birthday_error.set(false);
        categories.set(c.categories.join(", "));
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
        let born = Birthday::parse(&birthday.get_untracked());
        birthday_error.set(born.is_none());
        let (Some(cents), Some(hours), Some(born), false) =
            (cents, hours, born, trimmed.is_empty())
        else {
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
        let label = |k: &str| kind_label(i18n, k);
        contact.emails = TypedValue::from_labelled_lines(
            &emails.get_untracked(),
            &contact.emails,
            &PLACE_KINDS,
            label,
        );
        contact.phones = TypedValue::from_labelled_lines(
            &phones.get_untracked(),
            &contact.phones,
            &PHONE_KINDS,
            label,
        );
        contact.other_urls = TypedValue::from_labelled_lines(
            &urls.get_untracked(),
            &contact.other_urls,
            &PLACE_KINDS,
            label,
        );
        let mut typed: Vec<Address> = addresses
            .get_untracked()
            .into_iter()
            .map(trimmed_address)
            .filter(|a| !a.is_empty())
            .collect();
        contact.address = if typed.is_empty() {
            Address::default()
        } else {
            typed.remove(0)
        };
        contact.other_addresses = typed;
        contact.website = website.get_untracked().trim().to_string();
        let trimmed = |s: RwSignal<String>| s.get_untracked().trim().to_string();
        contact.name_parts.given = trimmed(given);
        contact.name_parts.additional = trimmed(additional);
        contact.name_parts.family = trimmed(family);
        contact.name_parts.prefixes = trimmed(prefixes);
        contact.name_parts.suffixes = trimmed(suffixes);
        contact.department = trimmed(department);
        contact.job_title = trimmed(job_title);
        contact.job_role = trimmed(job_role);
        contact.birthday = born;
        contact.categories = split_list(&categories.get_untracked());
        contact.notes = notes.get_untracked();
        contact.skills = split_list(&skills.get_untracked());
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

    // One closure for every plain text field; a loop over a list of them
    // keeps the view's type (and the wasm) small.
    let text_field = move |(field, label, value, autocomplete): TextField| {
        view! {
            <div class="field">
                <label for=field_id(field)>{move || label(i18n)}</label>
                <input id=field_id(field) type=if field == "website" { "url" } else { "text" } autocomplete=autocomplete
                    prop:value=move || value.get() on:input=move |ev| value.set(event_target_value(&ev)) />
            </div>
        }
    };
    let person_fields: [TextField; 7] = [
        (
            "prefixes",
            |i| t_string!(i, contact_form.prefixes).to_string(),
            prefixes,
            "honorific-prefix",
        ),
        (
            "given",
            |i| t_string!(i, contact_form.given).to_string(),
            given,
            "given-name",
        ),
        (
            "additional",
            |i| t_string!(i, contact_form.additional).to_string(),
            additional,
            "additional-name",
        ),
        (
            "family",
            |i| t_string!(i, contact_form.family).to_string(),
            family,
            "family-name",
        ),
        (
            "suffixes",
            |i| t_string!(i, contact_form.suffixes).to_string(),
            suffixes,
            "honorific-suffix",
        ),
        (
            "job-title",
            |i| t_string!(i, contact_form.job_title).to_string(),
            job_title,
            "off",
        ),
        (
            "job-role",
            |i| t_string!(i, contact_form.job_role).to_string(),
            job_role,
            "off",
        ),
    ];
    let card_fields: [TextField; 2] = [
        (
            "department",
            |i| t_string!(i, contact_form.department).to_string(),
            department,
            "off",
        ),
        (
            "categories",
            |i| t_string!(i, contact_form.categories).to_string(),
            categories,
            "off",
        ),
    ];

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
                {text_field(("organisation", |i| t_string!(i, contact_form.organisation).to_string(), organisation, "off"))}
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
            <p id=field_id("lines-hint") class="field__hint field--wide">{move || t_string!(i18n, contact_form.one_per_line_kinds)}</p>
            {move || (0..address_count.get()).map(|index| address_fields(i18n, field_id(&format!("address-{index}")), index, addresses)).collect_view()}
            <div class="button-row field--wide">
                <button type="button" class="button button--ghost" on:click=move |_| addresses.update(|list| list.push(Address::default()))>
                    {move || t_string!(i18n, contact_form.add_address)}
                </button>
            </div>
            {text_field(("website", |i| t_string!(i, contact_form.website).to_string(), website, "off"))}
            <div class="field">
                <label for=field_id("urls")>{move || t_string!(i18n, contact_form.other_urls)}</label>
                <textarea id=field_id("urls") class="textarea--short" aria-describedby=field_id("lines-hint")
                    prop:value=move || urls.get() on:input=move |ev| urls.set(event_target_value(&ev))></textarea>
            </div>
            <fieldset class="field--wide form-grid choice-group">
                <legend>{move || t_string!(i18n, contact_form.more)}</legend>
                <Show when=move || !organisation_kind.get()>
                    {person_fields.into_iter().map(text_field).collect_view()}
                </Show>
                {card_fields.into_iter().map(text_field).collect_view()}
                <div class="field">
                    <label for=field_id("birthday")>{move || t_string!(i18n, contact_form.birthday)}</label>
                    <input id=field_id("birthday") type="text" inputmode="numeric" autocomplete="off"
                        aria-describedby=field_id("birthday-hint") aria-invalid=move || birthday_error.get().to_string()
                        prop:value=move || birthday.get() on:input=move |ev| birthday.set(event_target_value(&ev)) />
                    <p id=field_id("birthday-hint") class="field__hint">{move || t_string!(i18n, contact_form.birthday_hint)}</p>
                    <Show when=move || birthday_error.get()>
                        <p class="field__error" role="alert">{move || t_string!(i18n, contact_form.bad_birthday)}</p>
                    </Show>
                </div>
            </fieldset>
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

/// A plain text field of the form: its id, label, value and `autocomplete`.
type TextField = (
    &'static str,
    fn(I18nContext<Locale>) -> String,
    RwSignal<String>,
    &'static str,
);

/// A part of a postal address in the form: its id, label and place.
type AddressPart = (
    &'static str,
    fn(I18nContext<Locale>) -> String,
    fn(&mut Address) -> &mut String,
);

/// A comma-separated list ("Fotografie, Video") as its items.
fn split_list(text: &str) -> Vec<String> {
    text.split(',')
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_string)
        .collect()
}

/// `address` without the spaces typed around its parts.
fn trimmed_address(mut address: Address) -> Address {
    for part in [
        &mut address.street,
        &mut address.postal_code,
        &mut address.city,
        &mut address.region,
        &mut address.country,
    ] {
        *part = part.trim().to_string();
    }
    address
}

/// How a date is written in `lang`: `.` in German, `/` in English.
fn date_separator(lang: Lang) -> char {
    match lang {
        Lang::De => '.',
        Lang::En => '/',
    }
}

/// The name of a phone, e-mail or address kind as the form shows it.
pub fn kind_label(i18n: I18nContext<Locale>, kind: &str) -> String {
    match kind {
        "fax" => t_string!(i18n, contact_form.kind_fax),
        "cell" => t_string!(i18n, contact_form.kind_cell),
        "pager" => t_string!(i18n, contact_form.kind_pager),
        "work" => t_string!(i18n, contact_form.kind_work),
        "home" => t_string!(i18n, contact_form.kind_home),
        _ => t_string!(i18n, contact_form.kind_none),
    }
    .to_string()
}

/// The fields of the postal address at `index` of `addresses` (the first is
/// the main one): its kind and its parts, each labelled.
fn address_fields(
    i18n: I18nContext<Locale>,
    prefix: String,
    index: usize,
    addresses: RwSignal<Vec<Address>>,
) -> impl IntoView {
    let kind_id = format!("{prefix}-kind");
    let parts: [AddressPart; 5] = [
        (
            "street",
            |i| t_string!(i, contact_form.street).to_string(),
            |a| &mut a.street,
        ),
        (
            "postal-code",
            |i| t_string!(i, contact_form.postal_code).to_string(),
            |a| &mut a.postal_code,
        ),
        (
            "city",
            |i| t_string!(i, contact_form.city).to_string(),
            |a| &mut a.city,
        ),
        (
            "region",
            |i| t_string!(i, contact_form.region).to_string(),
            |a| &mut a.region,
        ),
        (
            "country",
            |i| t_string!(i, contact_form.country).to_string(),
            |a| &mut a.country,
        ),
    ];
    let part = move |(name, label, part): AddressPart| {
        let id = format!("{prefix}-{name}");
        view! {
            <div class="field">
                <label for=id.clone()>{move || label(i18n)}</label>
                <input id=id type="text" autocomplete="off"
                    prop:value=move || addresses.with(|list| list.get(index).cloned().map(|mut a| std::mem::take(part(&mut a))).unwrap_or_default())
                    on:input=move |ev| addresses.update(|list| if let Some(a) = list.get_mut(index) { *part(a) = event_target_value(&ev) }) />
            </div>
        }
    };
    let n = index + 1;
    let legend = move || t_string!(i18n, contact_form.address_n, n = n).to_string();
    view! {
        <fieldset class="field--wide form-grid choice-group">
            <legend>{legend}</legend>
            <div class="field">
                <label for=kind_id.clone()>{move || t_string!(i18n, contact_form.address_kind)}</label>
                <select id=kind_id on:change=move |ev| {
                    let value = event_target_value(&ev);
                    let kind = PLACE_KINDS.into_iter().find(|k| *k == value);
                    addresses.update(|list| if let Some(a) = list.get_mut(index) { a.types = with_main_kind(&a.types, &PLACE_KINDS, kind) });
                }>
                    {["", "work", "home"].into_iter().map(|kind| view! {
                        <option value=kind selected=move || addresses.with(|list| list.get(index).map(|a| main_kind(&a.types, &PLACE_KINDS).unwrap_or("")) == Some(kind))>
                            {move || kind_label(i18n, kind)}
                        </option>
                    }).collect_view()}
                </select>
            </div>
            {parts.into_iter().map(part).collect_view()}
        </fieldset>
    }
}
