//! The month as a table of weeks. Each day's number is a button that
//! starts a new appointment on that day; the day's entries are buttons
//! that open them; items over several days are one bar across their days
//! in each week, and holidays and days off are named in their day.

use chrono::{Datelike, NaiveDate, NaiveTime};
use leptos::prelude::*;

use crate::domain::When;
use crate::i18n::{t_string, use_i18n, I18nContext, Locale};
use crate::state::agenda::Entry;
use crate::state::calendar_grid::{day_note, month_weeks, week_days, week_spans, DayNote};
use crate::text::format_date_long;
use crate::ui::app_state::use_app_state;
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
    let state = use_app_state();
    // One cell; `lanes` are the multi-day items' places at its top: the
    // item starting (or continuing into the week) here, spanning `len`
    // days, or a gap that keeps the lanes of the week in line.
    let day_cell = move |day: NaiveDate,
                         month: u32,
                         note: Option<DayNote>,
                         lanes: Vec<Option<(Entry, usize)>>,
                         singles: Vec<Entry>| {
        let label = move || t_string!(i18n, cal.new_on, date = &format_date_long(day, lang.get()));
        let is_today = move || day == today.get();
        view! {
            <td class="cal-month__day" class:is-outside=day.month() != month class:is-today=is_today
                class:is-off=note.is_some() aria-current=move || is_today().then_some("date")>
                <button type="button" class="cal-month__add" aria-label=label
                    on:click=move |_| on_new.run(default_when(day, 9))>
                    <span class="cal-month__number">{day.day()}</span>
                </button>
                {note.map(|note| note_view(i18n, note))}
                // The lanes first, then the day's own entries: one list.
                <ul class="cal-entries">
                    {lanes.into_iter().map(|lane| lane.map(|(entry, len)| (entry, len, "cal-span")))
                        .chain(singles.into_iter().map(|entry| Some((entry, 1, ""))))
                        .map(|item| {
                            let len = item.as_ref().map_or(1, |i| i.1).to_string();
                            let class = item.as_ref().map_or("cal-span", |i| i.2);
                            let gap = item.is_none().then_some("true");
                            view! {
                                <li class=class aria-hidden=gap style:--span=len>
                                    {item.map(|(entry, _, _)| view! { <EntryButton entry=entry on_open=on_open compact=true /> })}
                                </li>
                            }
                        }).collect_view()}
                </ul>
            </td>
        }
    };
    let week_row = move |week: [NaiveDate; 7], month: u32| {
        let calendar = state.calendar.get();
        let entries = entries.read();
        // Items over several days are drawn once per week, across their
        // days; the others in their day's list.
        let (multi, single): (Vec<&Entry>, Vec<&Entry>) = entries
            .iter()
            .partition(|e| e.when.last_day() > e.first_day());
        let ranges: Vec<_> = multi
            .iter()
            .map(|e| (e.first_day(), e.when.last_day()))
            .collect();
        let spans = week_spans(&week, &ranges);
        let lanes = spans.iter().map(|s| s.lane + 1).max().unwrap_or(0);
        let cells = week
            .into_iter()
            .enumerate()
            .map(|(col, day)| {
                let lanes = (0..lanes)
                    .map(|lane| {
                        spans
                            .iter()
                            .find(|s| s.lane == lane && s.col == col)
                            .map(|s| (multi[s.item].clone(), s.len))
                    })
                    .collect();
                let singles = single
                    .iter()
                    .filter(|e| e.occurs_on(day))
                    .map(|e| (*e).clone())
                    .collect();
                day_cell(day, month, day_note(&calendar, day), lanes, singles)
            })
            .collect_view();
        view! { <tr>{cells}</tr> }
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
                        month_weeks(cursor.get()).into_iter().map(|week| week_row(week, month)).collect_view()
                    }}
                </tbody>
            </table>
        </div>
    }
}

/// A day's holiday name or "day off", in the month, week and agenda (a
/// plain function, not a component: one view type for all three).
pub fn note_view(i18n: I18nContext<Locale>, note: DayNote) -> impl IntoView {
    let (class, text) = match note {
        DayNote::Holiday(name) => ("cal-note cal-note--holiday", name.to_string()),
        DayNote::DayOff => ("cal-note", t_string!(i18n, cal_days.day_off).to_string()),
    };
    view! { <span class=class>{text}</span> }
}
