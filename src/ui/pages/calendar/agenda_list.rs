//! The agenda: the coming days that have entries, as a list with times,
//! kinds and projects spelled out; the view that works best on a phone
//! and with a screen reader.

use chrono::{Duration, NaiveDate};
use leptos::prelude::*;

use crate::i18n::{t_string, use_i18n};
use crate::state::agenda::Entry;
use crate::state::calendar_grid::{day_note, visible_range, CalendarView};
use crate::text::format_date_long;
use crate::ui::app_state::use_app_state;
use crate::ui::components::language::use_lang;

use super::entry::{time_span, EntryButton};
use super::month::note_view;

#[component]
pub fn AgendaList(
    cursor: Signal<NaiveDate>,
    today: Signal<NaiveDate>,
    entries: Memo<Vec<Entry>>,
    #[prop(into)] on_open: Callback<Entry>,
    #[prop(into)] caption: Signal<String>,
) -> impl IntoView {
    let i18n = use_i18n();
    let lang = use_lang();
    let state = use_app_state();
    let days = move || {
        let (from, to) = visible_range(CalendarView::Agenda, cursor.get());
        let entries = entries.read();
        let calendar = state.calendar.read();
        let mut days = Vec::new();
        let mut day = from;
        while day <= to {
            let on_day: Vec<Entry> = entries
                .iter()
                .filter(|e| e.occurs_on(day))
                .cloned()
                .collect();
            // A holiday or day off is listed even without entries.
            let note = day_note(&calendar, day);
            if !on_day.is_empty() || note.is_some() {
                days.push((day, note, on_day));
            }
            day += Duration::days(1);
        }
        days
    };
    let project_name = move |entry: &Entry| {
        entry.project.and_then(|p| {
            state
                .data
                .read_untracked()
                .project(p)
                .map(|p| p.name.clone())
        })
    };
    view! {
        <Show when=move || !days().is_empty()
            fallback=move || view! { <p class="muted">{move || t_string!(i18n, cal.nothing)}</p> }>
            <ol class="cal-agenda" aria-label=move || caption.get()>
                {move || days().into_iter().map(|(day, note, list)| (day, note, list, day == today.get())).map(|(day, note, list, is_today)| view! {
                    <li class="cal-agenda__day" class:is-today=is_today>
                        <h3 class="cal-agenda__date">
                            {move || format_date_long(day, lang.get())}
                            {is_today.then(|| view! { " · " {move || t_string!(i18n, cal.today_mark)} })}
                            {note.map(|note| view! { " · " {note_view(i18n, note)} })}
                        </h3>
                        <ul class="plain-list">
                            {list.into_iter().map(|entry| {
                                let time = time_span(&entry.when);
                                let project = project_name(&entry);
                                view! {
                                    <li class="list-row cal-agenda__row">
                                        <span class="cal-agenda__time">
                                            {match time {
                                                Some(t) => t.into_any(),
                                                None => view! { {move || t_string!(i18n, cal.all_day)} }.into_any(),
                                            }}
                                        </span>
                                        <EntryButton entry=entry on_open=on_open />
                                        {project.map(|p| view! { <span class="muted cal-agenda__project">{p}</span> })}
                                    </li>
                                }
                            }).collect_view()}
                        </ul>
                    </li>
                }).collect_view()}
            </ol>
        </Show>
    }
}
