//! One week as a table: a row for all-day entries, then one row per hour
//! from 7 to 20 o'clock. Each hour of each day is a button that starts a
//! new appointment at that time; timed entries sit in the row of the hour
//! they start (earlier ones in the first row, later ones in the last).

use chrono::{NaiveDate, Timelike};
use leptos::prelude::*;

use crate::domain::When;
use crate::i18n::{t_string, use_i18n};
use crate::state::agenda::Entry;
use crate::state::calendar_grid::week_days;
use crate::text::format_date_long;
use crate::ui::components::language::use_lang;

use super::entry::{localized, EntryButton};
use super::month::default_when;

/// The first and last hour row.
const HOURS: std::ops::RangeInclusive<u32> = 7..=20;

/// The hour row a timed entry belongs in.
fn row_of(entry: &Entry) -> Option<u32> {
    entry
        .start_time()
        .map(|t| t.hour().clamp(*HOURS.start(), *HOURS.end()))
}

#[component]
pub fn WeekView(
    cursor: Signal<NaiveDate>,
    today: Signal<NaiveDate>,
    entries: Memo<Vec<Entry>>,
    #[prop(into)] on_open: Callback<Entry>,
    #[prop(into)] on_new: Callback<When>,
    #[prop(into)] caption: Signal<String>,
) -> impl IntoView {
    let i18n = use_i18n();
    let lang = use_lang();
    let entry_list = move |pick: Box<dyn Fn(&Entry) -> bool + Send + Sync>| {
        view! {
            <ul class="cal-entries">
                {move || entries.read().iter().filter(|e| pick(e)).cloned().map(|entry| view! {
                    <li><EntryButton entry=entry on_open=on_open compact=true /></li>
                }).collect_view()}
            </ul>
        }
    };
    let all_day_row = move || {
        week_days(cursor.get())
            .into_iter()
            .map(|day| {
                let pick =
                    move |e: &Entry| matches!(e.when, When::AllDay { .. }) && e.occurs_on(day);
                view! { <td class="cal-week__allday">{entry_list(Box::new(pick))}</td> }
            })
            .collect_view()
    };
    let hour_row = move |hour: u32| {
        week_days(cursor.get())
            .into_iter()
            .map(|day| {
                let time = format!("{hour:02}:00");
                let label = move || {
                    t_string!(
                        i18n,
                        cal.new_at,
                        date = &format_date_long(day, lang.get()),
                        time = &time
                    )
                };
                let pick = move |e: &Entry| e.first_day() == day && row_of(e) == Some(hour);
                view! {
                    <td class="cal-week__slot" class:is-today=move || day == today.get()>
                        <button type="button" class="cal-week__add" aria-label=label
                            on:click=move |_| on_new.run(default_when(day, hour))></button>
                        {entry_list(Box::new(pick))}
                    </td>
                }
            })
            .collect_view()
    };
    view! {
        <div class="cal-scroll">
            <table class="cal-week">
                <caption class="visually-hidden">{move || caption.get()}</caption>
                <thead>
                    <tr>
                        <th scope="col"><span class="visually-hidden">{move || t_string!(i18n, cal.time)}</span></th>
                        {move || week_days(cursor.get()).into_iter().map(|d| view! {
                            <th scope="col" class:is-today=move || d == today.get() aria-current=move || (d == today.get()).then_some("date")>
                                <abbr title=format_date_long(d, lang.get())>{localized(d, "%a %d.%m.", lang.get())}</abbr>
                            </th>
                        }).collect_view()}
                    </tr>
                </thead>
                <tbody>
                    <tr>
                        <th scope="row" class="cal-week__hour">{move || t_string!(i18n, cal.all_day)}</th>
                        {all_day_row}
                    </tr>
                    {HOURS.map(|hour| view! {
                        <tr>
                            <th scope="row" class="cal-week__hour">{format!("{hour:02}:00")}</th>
                            {move || hour_row(hour)}
                        </tr>
                    }).collect_view()}
                </tbody>
            </table>
        </div>
    }
}
