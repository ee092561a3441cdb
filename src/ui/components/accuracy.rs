//! How good the person's estimates were, over finished projects: per work
//! area and per person, booked against planned hours and the number of
//! steps each figure rests on (`state::analysis::estimate_accuracy`).

use leptos::prelude::*;

use crate::domain::Assignee;
use crate::i18n::{t_string, use_i18n, I18nContext, Locale};
use crate::state::analysis::{estimate_accuracy, Accuracy, AccuracyKey};
use crate::text::{format_quantity, Lang};
use crate::ui::app_state::use_app_state;
use crate::ui::components::language::use_lang;

/// A ratio as people read it: `1,4×` / `1.4×`.
pub fn ratio_text(ratio: f64, lang: Lang) -> String {
    format!("{}×", format_quantity((ratio * 10.0).round() / 10.0, lang))
}

/// "Backend-Schritte dauerten 1,4× so lang wie geschätzt (12 Schritte)".
pub fn area_hint(i18n: I18nContext<Locale>, area: &str, a: &Accuracy, lang: Lang) -> String {
    let ratio = ratio_text(a.ratio(), lang);
    t_string!(
        i18n,
        analysis.area_hint,
        area = area,
        ratio = ratio,
        count = a.steps
    )
    .to_string()
}

#[component]
pub fn AccuracySection() -> impl IntoView {
    let i18n = use_i18n();
    let state = use_app_state();
    let lang = use_lang();
    let list = Memo::new(move |_| estimate_accuracy(&state.data.read()));
    let name = move |key: &AccuracyKey| match key {
        AccuracyKey::WorkArea(area) => area.clone(),
        AccuracyKey::Person(Assignee::Me) => t_string!(i18n, steps.me).to_string(),
        AccuracyKey::Person(Assignee::Contact(c)) => state
            .data
            .read_untracked()
            .contact(*c)
            .map(|c| c.name.clone())
            .unwrap_or_default(),
    };
    let table = move |people: bool| {
        let rows = list
            .get()
            .into_iter()
            .filter(|a| matches!(a.key, AccuracyKey::Person(_)) == people)
            .map(|a| {
                let lang = lang.get();
                view! {
                    <tr>
                        <th scope="row">{name(&a.key)}</th>
                        <td class="num">{a.steps}</td>
                        <td class="num">{format!("{} h", format_quantity(a.planned_hours, lang))}</td>
                        <td class="num">{format!("{} h", format_quantity(a.booked_hours, lang))}</td>
                        <td class="num">{ratio_text(a.ratio(), lang)}</td>
                    </tr>
                }
            })
            .collect_view();
        view! {
            <div class="table-scroll">
                <table class="data-table">
                    <caption class="data-table__caption">
                        {move || if people { t_string!(i18n, analysis.accuracy_people) } else { t_string!(i18n, analysis.accuracy_areas) }}
                    </caption>
                    <thead>
                        <tr>
                            <th scope="col">{move || if people { t_string!(i18n, analysis.col_person) } else { t_string!(i18n, analysis.col_area) }}</th>
                            <th scope="col" class="num">{move || t_string!(i18n, analysis.col_steps)}</th>
                            <th scope="col" class="num">{move || t_string!(i18n, analysis.col_planned_hours)}</th>
                            <th scope="col" class="num">{move || t_string!(i18n, analysis.col_booked_hours)}</th>
                            <th scope="col" class="num">{move || t_string!(i18n, analysis.col_ratio)}</th>
                        </tr>
                    </thead>
                    <tbody>{rows}</tbody>
                </table>
            </div>
        }
    };
    view! {
        <section class="card analysis-card" aria-labelledby="accuracy-title">
            <h2 id="accuracy-title" class="card__title">{move || t_string!(i18n, analysis.accuracy_title)}</h2>
            <p class="muted">{move || t_string!(i18n, analysis.accuracy_intro)}</p>
            <Show when=move || !list.read().is_empty()
                fallback=move || view! { <p class="muted">{move || t_string!(i18n, analysis.accuracy_none)}</p> }>
                {move || table(false)}
                {move || table(true)}
            </Show>
        </section>
    }
}
