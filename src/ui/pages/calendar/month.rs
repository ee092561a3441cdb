//! The month as a table of weeks. Each day's number is a button that
//! starts a new appointment on that day; the day's entries are buttons
//! that open them.

use chrono::{Datelike, NaiveDate, NaiveTime};
use leptos::prelude::*;

use crate::domain::When;
use crate::i18n::{t_string, use_i18n};
use crate::state::agenda::Entry;
use crate::state::calendar_grid::{month_weeks, week_days};
use crate::text::format_date_long;
use crate::ui::components::language::use_lang;

use super::entry::{localized, EntryButton};

/// A new appointment on a day clicked in the month: 9 to 10 o'clock, the
/// most common case, changed in the form if need be.
pub fn default_when(day: NaiveDate, hour: u32) -> When {
    let start = NaiveTime::from_hms_opt(hour.min(22), 0, 0).unwrap_or_default();
    let end = NaiveTime::from_hms_opt(hour.min(22) + 1, 0, 0).unwrap_or_default();
    When::Timed {
        start: day.and_time(start),
        end: day.and_time(end),
    }
}

#[component]
pub fn MonthView(
    cursor: Signal<NaiveDate>,
    today: Signal<NaiveDate>,
    entries: Memo<Vec<Entry>>,
    #[prop(into)] on_open: Callback<Entry>,
    #[prop(into)] on_new: Callback<When>,
    #[prop(into)] caption: Signal<String>,
) -> impl IntoView {
    let i18n = use_i18n();
    let lang = use_lang();
    let day_cell = move |day: NaiveDate, month: u32| {
        let label = move || t_string!(i18n, cal.new_on, date = &format_date_long(day, lang.get()));
        let is_today = move || day == today.get();
        let day_entries = move || {
            entries
                .read()
                .iter()
                .filter(|e| e.occurs_on(day))
                .cloned()
                .collect::<Vec<_>>()
        };
        view! {
            <td class="cal-month__day" class:is-outside=day.month() != month class:is-today=is_today
                aria-current=move || is_today().then_some("date")>
                <button type="button" class="cal-month__add" aria-label=label
                    on:click=move |_| on_new.run(default_when(day, 9))>
                    <span class="cal-month__number">{day.day()}</span>
                </button>
                <ul class="cal-entries">
                    {move || day_entries().into_iter().map(|entry| view! {
                        <li><EntryButton entry=entry on_open=on_open compact=true /></li>
                    }).collect_view()}
                </ul>
            </td>
        }
    };
    view! {
        <div class="cal-scroll">
            <table class="cal-month">
                <caption class="visually-hidden">{move || caption.get()}</caption>
                <thead>
                    <tr>
                        {move || week_days(today.get()).into_iter().map(|d| view! {
                            <th scope="col">
                                <abbr title=localized(d, "%A", lang.get())>{localized(d, "%a", lang.get())}</abbr>
                            </th>
                        }).collect_view()}
                    </tr>
                </thead>
                <tbody>
                    {move || {
                        let month = cursor.get().month();
                        month_weeks(cursor.get()).into_iter().map(|week| view! {
                            <tr>{week.into_iter().map(|day| day_cell(day, month)).collect_view()}</tr>
                        }).collect_view()
                    }}
                </tbody>
            </table>
        </div>
    }
}
