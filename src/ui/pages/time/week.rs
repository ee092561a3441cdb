//! One person's week: days × steps with row and column totals, and the
//! week's entries below it.

use chrono::{Datelike, Duration};
use leptos::prelude::*;

use crate::domain::Assignee;
use crate::i18n::{t_string, use_i18n};
use crate::state::time_entries::{hours_text, people, week_start};
use crate::state::time_sheet::week_sheet;
use crate::text::{format_date, format_localized, Lang};
use crate::ui::app_state::use_app_state;
use crate::ui::clock::use_today;
use crate::ui::components::language::use_lang;

use super::entries::EntriesList;
use super::{person_from_value, person_name, person_value};

/// A day's column head: `Mo 23.11.` / `Mon 23/11`.
pub(super) fn day_head(day: chrono::NaiveDate, lang: Lang) -> String {
    match lang {
        Lang::De => format_localized(day, "%a %d.%m.", lang),
        Lang::En => format_localized(day, "%a %d/%m", lang),
    }
}

/// Hours in a cell; an empty cell for none.
pub(super) fn cell(hours: f64, lang: Lang) -> String {
    if hours.abs() < 0.005 {
        String::new()
    } else {
        hours_text(hours, lang)
    }
}

#[component]
pub fn WeekSection() -> impl IntoView {
    let i18n = use_i18n();
    let state = use_app_state();
    let lang = use_lang();
    let today = use_today();
    let person = RwSignal::new(Assignee::Me);
    let monday = RwSignal::new(week_start(today.get_untracked()));
    let everyone = Memo::new(move |_| people(&state.data.read()));
    let sheet = Memo::new(move |_| week_sheet(&state.data.read(), person.get(), monday.get()));
    let who = move || state.data.with(|d| person_name(i18n, d, person.get()));
    let week_label = move || {
        let monday = monday.get();
        let lang = lang.get();
        t_string!(
            i18n,
            time.week_label,
            week = monday.iso_week().week(),
            from = format_date(monday, lang),
            to = format_date(monday + Duration::days(6), lang)
        )
        .to_string()
    };
    let shift = move |days: i64| monday.update(|m| *m += Duration::days(days));

    view! {
        <section class="card" aria-labelledby="time-week-title">
            <h2 id="time-week-title" class="card__title">{move || t_string!(i18n, time.week_title)}</h2>
            <div class="time-controls">
                <div class="field">
                    <label for="time-week-person">{move || t_string!(i18n, time.person)}</label>
                    <select id="time-week-person"
                        prop:value=move || person_value(person.get())
                        on:change=move |ev| person.set(person_from_value(&event_target_value(&ev)))>
                        {move || everyone.get().into_iter().map(|p| {
                            let name = state.data.with_untracked(|d| person_name(i18n, d, p));
                            view! { <option value=person_value(p) selected=move || person.get() == p>{name}</option> }
                        }).collect_view()}
                    </select>
                </div>
                <div class="button-row time-controls__nav">
                    <button type="button" class="button button--ghost" on:click=move |_| shift(-7)>
                        <span aria-hidden="true">"← "</span>{move || t_string!(i18n, time.prev_week)}
                    </button>
                    <p class="time-controls__label" aria-live="polite">{week_label}</p>
                    <button type="button" class="button button--ghost" on:click=move |_| shift(7)>
                        {move || t_string!(i18n, time.next_week)}<span aria-hidden="true">" →"</span>
                    </button>
                    <button type="button" class="button button--ghost"
                        disabled=move || monday.get() == week_start(today.get())
                        on:click=move |_| monday.set(week_start(today.get_untracked()))>
                        {move || t_string!(i18n, time.this_week)}
                    </button>
                </div>
            </div>
            {move || {
                let sheet = sheet.get();
                let lang = lang.get();
                if sheet.rows.is_empty() {
                    return view! { <p class="muted">{move || t_string!(i18n, time.week_empty)}</p> }.into_any();
                }
                let caption = t_string!(i18n, time.week_caption, person = who(), week = week_label()).to_string();
                view! {
                    <div class="table-scroll">
                        <table class="data-table time-sheet">
                            <caption class="visually-hidden">{caption}</caption>
                            <thead>
                                <tr>
                                    <th scope="col">{t_string!(i18n, time.step)}</th>
                                    {sheet.days.iter().map(|d| view! {
                                        <th scope="col" class="num">{day_head(*d, lang)}</th>
                                    }).collect_view()}
                                    <th scope="col" class="num">{t_string!(i18n, time.total)}</th>
                                </tr>
                            </thead>
                            <tbody>
                                {sheet.rows.iter().map(|row| view! {
                                    <tr>
                                        <th scope="row">
                                            <span class="time-sheet__project">{row.project_name.clone()}</span>
                                            " "
                                            <span>{row.title.clone()}</span>
                                        </th>
                                        {row.hours.iter().map(|h| view! { <td class="num">{cell(*h, lang)}</td> }).collect_view()}
                                        <td class="num time-sheet__total">{hours_text(row.total, lang)}</td>
                                    </tr>
                                }).collect_view()}
                            </tbody>
                            <tfoot>
                                <tr>
                                    <th scope="row">{t_string!(i18n, time.total)}</th>
                                    {sheet.day_totals.iter().map(|h| view! { <td class="num">{cell(*h, lang)}</td> }).collect_view()}
                                    <td class="num time-sheet__total">{hours_text(sheet.total, lang)}</td>
                                </tr>
                            </tfoot>
                        </table>
                    </div>
                }.into_any()
            }}
            <EntriesList person=person monday=monday />
        </section>
    }
}
