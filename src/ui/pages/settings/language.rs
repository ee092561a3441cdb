//! Choosing the interface language; dates and amounts follow it.

use leptos::prelude::*;

use crate::i18n::{t_string, use_i18n};
use crate::text::{format_date, format_money, Lang};
use crate::ui::components::language::{use_lang, use_language_choice};

#[component]
pub fn LanguageSection() -> impl IntoView {
    let i18n = use_i18n();
    let lang = use_lang();
    let choice = use_language_choice();
    let example_date = chrono::NaiveDate::from_ymd_opt(2026, 12, 24).expect("valid date");

    let on_change = move |ev: leptos::ev::Event| {
        if let Some(chosen) = Lang::from_tag(&event_target_value(&ev)) {
            choice.choose(chosen);
        }
    };

    view! {
        <section class="card settings-section" aria-labelledby="settings-language">
            <h2 id="settings-language" class="card__title">{move || t_string!(i18n, settings.language)}</h2>
            <div class="field">
                <label for="language-select">{move || t_string!(i18n, settings.language)}</label>
                <select id="language-select" aria-describedby="language-hint" on:change=on_change
                    prop:value=move || lang.get().tag().to_string()>
                    <option value="de" selected=move || lang.get() == Lang::De>{move || t_string!(i18n, settings.lang_de)}</option>
                    <option value="en" selected=move || lang.get() == Lang::En>{move || t_string!(i18n, settings.lang_en)}</option>
                </select>
                <p id="language-hint" class="field__hint">{move || t_string!(i18n, settings.language_hint)}</p>
            </div>
            <p class="muted">
                {move || t_string!(i18n, settings.format_example)} ": "
                <span data-testid="format-example">
                    {move || format!("{} · {}", format_date(example_date, lang.get()), format_money(123_450, lang.get()))}
                </span>
            </p>
        </section>
    }
}
