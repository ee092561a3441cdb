//! One contact: its data with working links (mail, phone, web site), its
//! projects as client, the communication log, appointments, and for
//! suppliers the materials ordered from them; edit, export and delete.

use chrono::Utc;
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::{use_navigate, use_params_map};

use crate::domain::{main_kind, PHONE_KINDS, PLACE_KINDS};
use crate::domain::{Address, Contact, ContactId, ContactKind, Role};
use crate::i18n::{t_string, use_i18n};
use crate::i18n::{I18nContext, Locale};
use crate::state::address_book::{
    appointment_dates_with, is_web_link, materials_from, projects_for,
};
use crate::state::commands;
use crate::text::{format_date, format_money, format_when_start, Lang};
use crate::ui::app_state::{use_app_state, Phase};
use crate::ui::components::communications::CommunicationLog;
use crate::ui::components::contact_form::ContactForm;
use crate::ui::components::language::use_lang;
use crate::ui::components::{empty_state::EmptyState, page_header::PageHeader};
use crate::ui::labels::{role_label, status_label};

use super::vcard_export::export_contacts;
use crate::exchange::vcard::VCardVersion;
use crate::ui::components::notice::{Notice, NoticeRegion};

/// A phone number as a `tel:` link: digits and a leading plus only, as
/// RFC 3966 wants them; the text shown stays as written.
fn tel_href(phone: &str) -> String {
    let trimmed = phone.trim();
    let digits: String = trimmed.chars().filter(char::is_ascii_digit).collect();
    if trimmed.starts_with('+') {
        format!("tel:+{digits}")
    } else {
        format!("tel:{digits}")
    }
}

/// The lines of a postal address, as on an envelope.
fn address_text(address: &Address) -> String {
    [
        address.extended.trim().to_string(),
        address.street.trim().to_string(),
        address.po_box.trim().to_string(),
        format!("{} {}", address.postal_code.trim(), address.city.trim())
            .trim()
            .to_string(),
        address.region.trim().to_string(),
        address.country.trim().to_string(),
    ]
    .into_iter()
    .filter(|l| !l.is_empty())
    .collect::<Vec<_>>()
    .join("\n")
}

/// " (Mobil)" after a value of that kind, nothing for one without.
fn kind_suffix(i18n: I18nContext<Locale>, types: &[String], kinds: &[&'static str]) -> String {
    main_kind(types, kinds)
        .map(|kind| {
            format!(
                " ({})",
                crate::ui::components::contact_form::kind_label(i18n, kind)
            )
        })
        .unwrap_or_default()
}

#[component]
pub fn ContactDetailPage() -> impl IntoView {
    let i18n = use_i18n();
    let state = use_app_state();
    let params = use_params_map();
    let id = Memo::new(move |_| {
        params
            .read()
            .get("id")
            .and_then(|raw| uuid::Uuid::parse_str(&raw).ok())
            .map(ContactId)
    });
    let contact = Memo::new(move |_| {
        id.get()
            .and_then(|id| state.data.read().contact(id).cloned())
    });
    // The page's frame changes only with another contact, not with edits.
    let shown = Memo::new(move |_| contact.read().as_ref().map(|c| c.id));

    view! {
        {move || match (state.phase.get(), shown.get()) {
            (Phase::Loading, _) => view! {
                <PageHeader title=Signal::derive(move || t_string!(i18n, contacts.title).to_string()) />
            }.into_any(),
            (_, None) => view! {
                <PageHeader title=Signal::derive(move || t_string!(i18n, contacts_page.not_found_title).to_string()) />
                <EmptyState
                    title=Signal::derive(move || t_string!(i18n, contacts_page.not_found_title).to_string())
                    text=Signal::derive(move || t_string!(i18n, contacts_page.not_found_text).to_string())
                >
                    <A href="/contacts" attr:class="button">{move || t_string!(i18n, contacts_page.back)}</A>
                </EmptyState>
            }.into_any(),
            (_, Some(id)) => view! { <ContactView id=id contact=contact /> }.into_any(),
        }}
    }
}

#[component]
fn ContactView(id: ContactId, contact: Memo<Option<Contact>>) -> impl IntoView {
    let i18n = use_i18n();
    let state = use_app_state();
    let navigate = use_navigate();
    let editing = RwSignal::new(false);
    let confirming = RwSignal::new(false);
    let name = Signal::derive(move || {
        contact
            .read()
            .as_ref()
            .map(|c| c.name.clone())
            .unwrap_or_default()
    });
    let subtitle = Signal::derive(move || {
        let Some(c) = contact.get() else {
            return String::new();
        };
        let mut parts: Vec<String> = Vec::new();
        if c.kind == ContactKind::Organisation {
            parts.push(t_string!(i18n, contact_form.organisation_kind).to_string());
        }
        for part in [&c.job_title, &c.department, &c.organisation] {
            if !part.trim().is_empty() {
                parts.push(part.trim().to_string());
            }
        }
        parts.extend(c.roles.iter().map(|r| role_label(i18n, *r)));
        parts.join(" · ")
    });
    let is_supplier = Memo::new(move |_| {
        contact
            .read()
            .as_ref()
            .is_some_and(|c| c.has_role(Role::Supplier))
            || !materials_from(&state.data.read(), id).is_empty()
    });

    let header_notice = Notice::new();
    let delete_notice = Notice::new();
    let delete = move |_| {
        let result = commands::delete_contact(&state.data.get_untracked(), id, Utc::now());
        if delete_notice.run(state, t_string!(i18n, contacts_page.deleted), result) {
            navigate("/contacts", Default::default());
        }
    };

    view! {
        <PageHeader title=name intro=subtitle>
            <crate::ui::components::sync_badge::SyncConflictBadge id=id.0 />
            <A href="/contacts" attr:class="button button--ghost">{move || t_string!(i18n, contacts_page.back)}</A>
            <button type="button" class="button"
                on:click=move |_| { if let Some(c) = contact.get_untracked() { export_contacts(header_notice, i18n, &[c], VCardVersion::V3); } }>
                {move || t_string!(i18n, vcard.export_one)}
            </button>
            <button type="button" class="button button--primary" aria-pressed=move || editing.get().to_string()
                on:click=move |_| editing.update(|e| *e = !*e)>
                {move || t_string!(i18n, contacts_page.edit)}
            </button>
        </PageHeader>
        <NoticeRegion notice=header_notice />
        <Show when=move || editing.get()>
            <section class="card" aria-labelledby="contact-edit-title">
                <h2 id="contact-edit-title" class="card__title">{move || t_string!(i18n, contacts_page.edit_title)}</h2>
                {move || contact.get_untracked().map(|c| view! {
                    <ContactForm initial=c is_new=false on_saved=move |_| editing.set(false) on_cancel=move |_| editing.set(false) />
                })}
            </section>
        </Show>
        <div class="card-grid">
            <ContactData contact=contact />
            <ContactProjects id=id />
        </div>
        <CommunicationLog contact=id />
        <div class="card-grid">
            <ContactAppointments id=id />
            <Show when=move || is_supplier.get()>
                <ContactMaterials id=id />
            </Show>
        </div>
        <section class="card card--danger" aria-labelledby="contact-delete-title">
            <h2 id="contact-delete-title" class="card__title">{move || t_string!(i18n, contacts_page.delete)}</h2>
            <Show when=move || confirming.get()
                fallback=move || view! {
                    <div class="button-row">
                        <button type="button" class="button button--danger" on:click=move |_| confirming.set(true)>
                            {move || t_string!(i18n, contacts_page.delete)}
                        </button>
                    </div>
                }>
                <p role="alert">{move || t_string!(i18n, contacts_page.confirm_delete)}</p>
                <div class="button-row">
                    <button type="button" class="button button--danger" on:click=delete.clone()>
                        {move || t_string!(i18n, contacts_page.delete)}
                    </button>
                    <button type="button" class="button button--ghost" on:click=move |_| confirming.set(false)>
                        {move || t_string!(i18n, contacts_page.cancel)}
                    </button>
                </div>
            </Show>
            <NoticeRegion notice=delete_notice />
        </section>
    }
}

/// The contact's data as a description list. User text is always text;
/// only `http(s)` web sites become links.
#[component]
fn ContactData(contact: Memo<Option<Contact>>) -> impl IntoView {
    let i18n = use_i18n();
    let lang = use_lang();
    view! {
        <section class="card" aria-labelledby="contact-data-title">
            <h2 id="contact-data-title" class="card__title">{move || t_string!(i18n, contacts_page.details)}</h2>
            {move || contact.get().map(|c| {
                let address_lines: Vec<(String, String)> = std::iter::once(&c.address)
                    .chain(&c.other_addresses)
                    .filter(|a| !a.is_empty())
                    .map(|a| (kind_suffix(i18n, &a.types, &PLACE_KINDS), address_text(a)))
                    .collect();
                let photo = c.photo.trim().to_string();
                let show_photo = photo.starts_with("data:image/") || is_web_link(&photo);
                let photo_alt = t_string!(i18n, contacts_page.photo_of, name = &c.name).to_string();
                let birthday = c.birthday;
                let categories = c.categories.join(", ");
                let job_role = c.job_role.trim().to_string();
                let other_urls = c.other_urls.clone();
                let website = c.website.trim().to_string();
                let skills = c.skills.join(", ");
                let rate = c.hourly_rate;
                let capacity = c.weekly_capacity_hours;
                let is_person = c.kind == ContactKind::Person;
                view! {
                    {show_photo.then(|| view! { <img class="contact-photo" src=photo.clone() alt=photo_alt.clone() width="96" height="96" /> })}
                    <dl class="details">
                        {(is_person && !c.organisation.is_empty()).then(|| view! {
                            <dt>{move || t_string!(i18n, contacts_page.organisation)}</dt>
                            <dd>{c.organisation.clone()}</dd>
                        })}
                        {(!c.emails.is_empty()).then(|| view! {
                            <dt>{move || t_string!(i18n, contacts_page.email)}</dt>
                            {c.emails.iter().map(|e| view! { <dd><a href=format!("mailto:{}", e.value.trim())>{e.value.clone()}</a>{kind_suffix(i18n, &e.types, &PLACE_KINDS)}</dd> }).collect_view()}
                        })}
                        {(!c.phones.is_empty()).then(|| view! {
                            <dt>{move || t_string!(i18n, contacts_page.phone)}</dt>
                            {c.phones.iter().map(|p| view! { <dd><a href=tel_href(&p.value)>{p.value.clone()}</a>{kind_suffix(i18n, &p.types, &PHONE_KINDS)}</dd> }).collect_view()}
                        })}
                        {(!website.is_empty()).then(|| view! {
                            <dt>{move || t_string!(i18n, contacts_page.website)}</dt>
                            <dd>{if is_web_link(&website) {
                                view! { <a href=website.clone() rel="noopener noreferrer" target="_blank">{website.clone()}</a> }.into_any()
                            } else {
                                view! { <span>{website.clone()}</span> }.into_any()
                            }}</dd>
                        })}
                        {(!other_urls.is_empty()).then(|| view! {
                            <dt>{move || t_string!(i18n, contact_form.other_urls)}</dt>
                            {other_urls.iter().map(|u| view! { <dd>{u.value.clone()}{kind_suffix(i18n, &u.types, &PLACE_KINDS)}</dd> }).collect_view()}
                        })}
                        {(!address_lines.is_empty()).then(|| view! {
                            <dt>{move || t_string!(i18n, contacts_page.address)}</dt>
                            {address_lines.into_iter().map(|(kind, text)| view! { <dd class="details__multiline">{text}{kind}</dd> }).collect_view()}
                        })}
                        {(!job_role.is_empty()).then(|| view! {
                            <dt>{move || t_string!(i18n, contact_form.job_role)}</dt>
                            <dd>{job_role.clone()}</dd>
                        })}
                        {birthday.map(|b| view! {
                            <dt>{move || t_string!(i18n, contact_form.birthday)}</dt>
                            <dd>{move || b.to_text(if lang.get() == Lang::De { '.' } else { '/' })}</dd>
                        })}
                        {(!categories.is_empty()).then(|| view! {
                            <dt>{move || t_string!(i18n, contact_form.categories)}</dt>
                            <dd>{categories.clone()}</dd>
                        })}
                        {(!skills.is_empty()).then(|| view! {
                            <dt>{move || t_string!(i18n, contacts_page.skills)}</dt>
                            <dd>{skills.clone()}</dd>
                        })}
                        {rate.map(|r| view! {
                            <dt>{move || t_string!(i18n, contacts_page.hourly_rate)}</dt>
                            <dd>{move || format_money(r.cents(), lang.get())}</dd>
                        })}
                        {capacity.map(|h| view! {
                            <dt>{move || t_string!(i18n, contacts_page.capacity)}</dt>
                            <dd>{move || t_string!(i18n, contacts_page.capacity_value, h = &h)}</dd>
                        })}
                        {(!c.notes.trim().is_empty()).then(|| view! {
                            <dt>{move || t_string!(i18n, contacts_page.notes)}</dt>
                            <dd class="details__multiline">{c.notes.clone()}</dd>
                        })}
                    </dl>
                }
            })}
        </section>
    }
}

#[component]
fn ContactProjects(id: ContactId) -> impl IntoView {
    let i18n = use_i18n();
    let state = use_app_state();
    let projects = Memo::new(move |_| {
        projects_for(&state.data.read(), id)
            .into_iter()
            .cloned()
            .collect::<Vec<_>>()
    });
    view! {
        <section class="card" aria-labelledby="contact-projects-title">
            <h2 id="contact-projects-title" class="card__title">{move || t_string!(i18n, contacts_page.projects)}</h2>
            <Show when=move || !projects.read().is_empty()
                fallback=move || view! { <p class="muted">{move || t_string!(i18n, contacts_page.no_projects)}</p> }>
                <ul class="plain-list">
                    {move || projects.get().into_iter().map(|p| {
                        let status = p.status;
                        view! {
                            <li class="list-row">
                                <A href=format!("/projects/{}", p.id.0)>{p.name.clone()}</A>
                                <span class="badge">{move || status_label(i18n, status)}</span>
                            </li>
                        }
                    }).collect_view()}
                </ul>
            </Show>
        </section>
    }
}

#[component]
fn ContactAppointments(id: ContactId) -> impl IntoView {
    let i18n = use_i18n();
    let lang = use_lang();
    let state = use_app_state();
    let today = crate::ui::clock::use_today();
    // Every occurrence of a repeating one in the calendar's agenda span.
    let appointments = move || {
        let today = today.get();
        let to = today + chrono::Duration::days(crate::state::calendar_grid::AGENDA_DAYS - 1);
        appointment_dates_with(&state.data.read(), id, today, to)
            .into_iter()
            .map(|(a, dates)| (a.title.clone(), dates))
            .collect::<Vec<_>>()
    };
    view! {
        <section class="card" aria-labelledby="contact-appointments-title">
            <h2 id="contact-appointments-title" class="card__title">{move || t_string!(i18n, contacts_page.appointments)}</h2>
            <Show when=move || !appointments().is_empty()
                fallback=move || view! { <p class="muted">{move || t_string!(i18n, contacts_page.no_appointments)}</p> }>
                <ul class="plain-list">
                    {move || appointments().into_iter().map(|(title, dates)| {
                        view! {
                            <li class="list-row">
                                <span>{title}</span>
                                <span class="muted">{move || dates.iter().map(|when| format_when_start(when, lang.get())).collect::<Vec<_>>().join(", ")}</span>
                            </li>
                        }
                    }).collect_view()}
                </ul>
            </Show>
        </section>
    }
}

#[component]
fn ContactMaterials(id: ContactId) -> impl IntoView {
    let i18n = use_i18n();
    let lang = use_lang();
    let state = use_app_state();
    let materials = Memo::new(move |_| {
        let data = state.data.read();
        materials_from(&data, id)
            .into_iter()
            .map(|m| {
                (
                    m.clone(),
                    data.project(m.project)
                        .map(|p| p.name.clone())
                        .unwrap_or_default(),
                )
            })
            .collect::<Vec<_>>()
    });
    view! {
        <section class="card" aria-labelledby="contact-materials-title">
            <h2 id="contact-materials-title" class="card__title">{move || t_string!(i18n, contacts_page.materials)}</h2>
            <Show when=move || !materials.read().is_empty()
                fallback=move || view! { <p class="muted">{move || t_string!(i18n, contacts_page.no_materials)}</p> }>
                <ul class="plain-list">
                    {move || materials.get().into_iter().map(|(m, project)| {
                        let ordered = m.ordered_on;
                        view! {
                            <li class="list-row">
                                <span>
                                    {format!("{} {} {}", m.quantity, m.unit, m.name)}
                                    <span class="muted">" · "<A href=format!("/projects/{}", m.project.0)>{project}</A></span>
                                </span>
                                <span class="muted">{move || match ordered {
                                    Some(d) => t_string!(i18n, contacts_page.ordered_on, date = &format_date(d, lang.get())),
                                    None => t_string!(i18n, contacts_page.not_ordered).to_string(),
                                }}</span>
                            </li>
                        }
                    }).collect_view()}
                </ul>
            </Show>
        </section>
    }
}
