//! "My business": the sender of client reports (name, contact person,
//! e-mail, phone, address), kept in this device's preferences.

use leptos::prelude::*;

use crate::i18n::{t_string, use_i18n};
use crate::store::preferences::BusinessDetails;
use crate::ui::app_state::use_app_state;

/// Which part of the business details a field edits.
#[derive(Clone, Copy)]
enum Part {
    Name,
    ContactPerson,
    Email,
    Phone,
    Address,
}

fn part_of(details: &mut BusinessDetails, part: Part) -> &mut String {
    match part {
        Part::Name => &mut details.name,
        Part::ContactPerson => &mut details.contact_person,
        Part::Email => &mut details.email,
        Part::Phone => &mut details.phone,
        Part::Address => &mut details.address,
    }
}

#[component]
pub fn BusinessSection() -> impl IntoView {
    let i18n = use_i18n();
    let state = use_app_state();
    let value = move |part: Part| {
        move || {
            let mut details = state.prefs.read().business.clone();
            part_of(&mut details, part).clone()
        }
    };
    // Saved when the field is left (change), like the other settings.
    let save = move |part: Part| {
        move |ev: leptos::ev::Event| {
            let text = event_target_value(&ev);
            state.update_prefs(|p| *part_of(&mut p.business, part) = text.trim().to_owned());
        }
    };
    view! {
        <section class="card settings-section" aria-labelledby="settings-business">
            <h2 id="settings-business" class="card__title">{move || t_string!(i18n, client_report.business_title)}</h2>
            <p class="field__hint">{move || t_string!(i18n, client_report.business_intro)}</p>
            <div class="form-grid">
                <div class="field">
                    <label for="business-name">{move || t_string!(i18n, client_report.business_name)}</label>
                    <input id="business-name" type="text" autocomplete="organization"
                        prop:value=value(Part::Name) on:change=save(Part::Name) />
                </div>
                <div class="field">
                    <label for="business-person">{move || t_string!(i18n, client_report.contact_person)}</label>
                    <input id="business-person" type="text" autocomplete="name"
                        prop:value=value(Part::ContactPerson) on:change=save(Part::ContactPerson) />
                </div>
                <div class="field">
                    <label for="business-email">{move || t_string!(i18n, client_report.email)}</label>
                    <input id="business-email" type="email" autocomplete="email"
                        prop:value=value(Part::Email) on:change=save(Part::Email) />
                </div>
                <div class="field">
                    <label for="business-phone">{move || t_string!(i18n, client_report.phone)}</label>
                    <input id="business-phone" type="tel" autocomplete="tel"
                        prop:value=value(Part::Phone) on:change=save(Part::Phone) />
                </div>
                <div class="field">
                    <label for="business-address">{move || t_string!(i18n, client_report.address)}</label>
                    <textarea id="business-address" rows="3" autocomplete="street-address"
                        prop:value=value(Part::Address) on:change=save(Part::Address)></textarea>
                </div>
            </div>
        </section>
    }
}
