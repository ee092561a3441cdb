//! One week as a table: a row for all-day entries, then one row per hour
//! from 7 to 20 o'clock. Each hour of each day is a button that starts a
//! new appointment at that time; timed entries start in the row of the
//! hour they start (earlier ones in the first row, later ones in the last)
//! and are as tall as they last. Holidays and days off are named under
//! their day.

use chrono::NaiveDate;
use leptos::prelude::*;

use crate::domain::When;
use crate::i18n::{t_string, use_i18n};
use crate::state::agenda::Entry;
use crate::state::calendar_grid::{day_note, hour_block, week_days, HourBlock};
use crate::text::format_date_long;
use crate::ui::app_state::use_app_state;
use crate::ui::components::language::use_lang;

use super::entry::{localized, EntryButton};
use super::month::{default_when, note_view};

/// The first and last hour row.
const HOURS: std::ops::RangeInclusive<u32> = 7..=20;

/// Where a timed entry sits in the hour rows.
fn block_of(entry: &Entry) -> Option<HourBlock> {
    match entry.when {
        When::Timed { start, end } => Some(hour_block(start, end, *HOURS.start(), *HOURS.end())),
        When::AllDay { .. } => None,
    }
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
    let state = use_app_state();
    // One list for the all-day row and the hour cells; a timed entry is
    // placed from its start and as tall as it lasts, side by side with the
    // others starting in the same hour.
    let entry_list = move |pick: Box<dyn Fn(&Entry) -> bool + Send + Sync>| {
        view! {
            <ul class="cal-entries">
                {move || {
                    let entries = entries.read();
                    let here: Vec<&Entry> = entries.iter().filter(|e| pick(e)).collect();
                    let count = here.len().to_string();
                    here.into_iter().enumerate().map(|(i, entry)| {
                        let block = block_of(entry);
                        let var = |v: Option<f64>| v.map(|v| v.to_string()).unwrap_or_default();
                        view! {
                            <li class:cal-timed=block.is_some() style:--offset=var(block.map(|b| b.offset))
                                style:--hours=var(block.map(|b| b.hours)) style:--i=i.to_string() style:--n=count.clone()>
                                <EntryButton entry=entry.clone() on_open=on_open compact=true />
                            </li>
                        }
                    }).collect_view()
                }}
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
                let pick = move |e: &Entry| {
                    e.first_day() == day && block_of(e).is_some_and(|b| b.row == hour)
                };
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
                                {day_note(&state.calendar.read(), d).map(|note| note_view(i18n, note))}
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
