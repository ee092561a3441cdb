//! The calendar's controls: the view switch (toggle buttons with
//! `aria-pressed`), previous / today / next, and the period's title.

use chrono::{Datelike, NaiveDate};
use leptos::prelude::*;

use crate::i18n::{t_string, use_i18n, I18nContext, Locale};
use crate::state::calendar_grid::{step, visible_range, CalendarView};
use crate::text::{format_date, Lang};

use super::entry::localized;

/// The title of the period a view shows: `November 2026`,
/// `KW 48 · 23.11.2026 – 29.11.2026`, or the agenda's first and last day.
pub fn period_title(
    view: CalendarView,
    cursor: NaiveDate,
    lang: Lang,
    i18n: I18nContext<Locale>,
) -> String {
    let (from, to) = visible_range(view, cursor);
    match view {
        CalendarView::Month => localized(cursor, "%B %Y", lang),
        CalendarView::Week => t_string!(
            i18n,
            cal.week_title,
            week = from.iso_week().week(),
            from = format_date(from, lang),
            to = format_date(to, lang),
        )
        .to_string(),
        CalendarView::Agenda => t_string!(
            i18n,
            cal.range_title,
            from = format_date(from, lang),
            to = format_date(to, lang),
        )
        .to_string(),
    }
}

#[component]
pub fn CalendarToolbar(
    view: RwSignal<CalendarView>,
    cursor: RwSignal<NaiveDate>,
    today: Signal<NaiveDate>,
    #[prop(into)] title: Signal<String>,
) -> impl IntoView {
    let i18n = use_i18n();
    let switch = move |target: CalendarView, label: Signal<String>| {
        view! {
            <button type="button" class="button" aria-pressed=move || (view.get() == target).to_string()
                on:click=move |_| view.set(target)>
                {move || label.get()}
            </button>
        }
    };
    view! {
        <div class="cal-toolbar">
            <div class="cal-toolbar__group" role="group" aria-label=move || t_string!(i18n, cal.views)>
                {switch(CalendarView::Month, Signal::derive(move || t_string!(i18n, cal.view_month).to_string()))}
                {switch(CalendarView::Week, Signal::derive(move || t_string!(i18n, cal.view_week).to_string()))}
                {switch(CalendarView::Agenda, Signal::derive(move || t_string!(i18n, cal.view_agenda).to_string()))}
            </div>
            <div class="cal-toolbar__group" role="group" aria-label=move || t_string!(i18n, cal.navigation)>
                <button type="button" class="button" aria-label=move || t_string!(i18n, cal.previous_label)
                    on:click=move |_| cursor.update(|c| *c = step(view.get_untracked(), *c, false))>
                    <span aria-hidden="true">"‹ "</span>{move || t_string!(i18n, cal.previous)}
                </button>
                <button type="button" class="button" on:click=move |_| cursor.set(today.get_untracked())>
                    {move || t_string!(i18n, cal.today)}
                </button>
                <button type="button" class="button" aria-label=move || t_string!(i18n, cal.next_label)
                    on:click=move |_| cursor.update(|c| *c = step(view.get_untracked(), *c, true))>
                    {move || t_string!(i18n, cal.next)}<span aria-hidden="true">" ›"</span>
                </button>
            </div>
            <h2 id="cal-period" class="cal-toolbar__title" tabindex="-1" aria-live="polite">{move || title.get()}</h2>
        </div>
    }
}
