//! Planning settings: whose public holidays count, the person's days off
//! (entered as a range, listed as runs of days),
//! and when early deliveries count as storage.

use chrono::Datelike;
use leptos::prelude::*;

use crate::i18n::{t_string, use_i18n};
use crate::planning::FederalState;
use crate::state::calendar_grid::{day_range, day_runs, DayRangeError};
use crate::text::format_date;
use crate::ui::app_state::use_app_state;
use crate::ui::components::language::use_lang;

#[component]
pub fn PlanningSection() -> impl IntoView {
    let i18n = use_i18n();
    let state = use_app_state();
    let lang = use_lang();
    let new_day = RwSignal::new(String::new());
    let new_last = RwSignal::new(String::new());
    // Why a range was not taken (the new line in the list says it was).
    let range_error = RwSignal::new(None::<String>);
    let today = crate::ui::clock::use_today();
    let year = move || today.get().year();

    let add_days = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let parse = |text: String| chrono::NaiveDate::parse_from_str(&text, "%Y-%m-%d").ok();
        let Some(first) = parse(new_day.get_untracked()) else {
            return;
        };
        let last = parse(new_last.get_untracked());
        match day_range(first, last) {
            Ok(days) => {
                state.update_prefs(|p| {
                    p.days_off.extend(days);
                    p.days_off.sort();
                    p.days_off.dedup();
                });
                new_day.set(String::new());
                new_last.set(String::new());
                range_error.set(None);
            }
            Err(error) => {
                let text = match error {
                    DayRangeError::EndBeforeStart => t_string!(i18n, cal_days.end_before_start),
                    DayRangeError::TooLong => t_string!(i18n, cal_days.too_long),
                };
                range_error.set(Some(text.to_string()));
            }
        }
    };

    view! {
        <section class="card settings-section" aria-labelledby="settings-planning">
            <h2 id="settings-planning" class="card__title">{move || t_string!(i18n, planning_settings.title)}</h2>
            <div class="field">
                <label for="federal-state">{move || t_string!(i18n, planning_settings.state)}</label>
                <select id="federal-state" aria-describedby="federal-state-hint"
                    prop:value=move || state.prefs.get().federal_state
                    on:change=move |ev| {
                        let code = event_target_value(&ev);
                        state.update_prefs(|p| p.federal_state = code);
                    }>
                    {FederalState::ALL.iter().map(|s| {
                        let code = s.code();
                        view! { <option value=code selected=move || state.prefs.get().federal_state == code>{s.german_name()}</option> }
                    }).collect_view()}
                </select>
                <p id="federal-state-hint" class="field__hint">{move || t_string!(i18n, planning_settings.state_hint)}</p>
            </div>
            <details class="holidays">
                <summary>{move || t_string!(i18n, planning_settings.holidays, year = year())}</summary>
                <ul class="plain-list">
                    {move || state.calendar.get().holidays_in(year()).into_iter().map(|h| view! {
                        <li class="list-row"><span>{h.name()}</span><span class="muted">{format_date(h.date, lang.get())}</span></li>
                    }).collect_view()}
                </ul>
            </details>
            <div class="field">
                <label for="max-storage-days">{move || t_string!(i18n, planning_settings.storage)}</label>
                <input id="max-storage-days" type="number" min="0" step="1" aria-describedby="max-storage-hint"
                    prop:value=move || state.prefs.get().max_storage_days.to_string()
                    on:change=move |ev| {
                        if let Ok(days) = event_target_value(&ev).trim().parse::<u32>() {
                            state.update_prefs(|p| p.max_storage_days = days);
                        }
                    } />
                <p id="max-storage-hint" class="field__hint">{move || t_string!(i18n, planning_settings.storage_hint)}</p>
            </div>
            <h3>{move || t_string!(i18n, planning_settings.days_off)}</h3>
            <p class="field__hint">{move || t_string!(i18n, planning_settings.days_off_hint)}</p>
            <Show when=move || !state.prefs.read().days_off.is_empty()
                fallback=move || view! { <p class="muted">{move || t_string!(i18n, planning_settings.no_days)}</p> }>
                // A holiday entered as a range is one line, removed at once.
                <ul class="plain-list">
                    {move || day_runs(&state.prefs.read().days_off).into_iter().map(|(first, last)| {
                        let dates = move || if first == last {
                            format_date(first, lang.get())
                        } else {
                            format!("{} – {}", format_date(first, lang.get()), format_date(last, lang.get()))
                        };
                        let label = move || format!("{} {}", t_string!(i18n, planning_settings.remove), dates());
                        view! {
                            <li class="list-row">
                                <span>{dates}</span>
                                <button type="button" class="button button--ghost" aria-label=label
                                    on:click=move |_| state.update_prefs(|p| p.days_off.retain(|d| *d < first || *d > last))>
                                    {move || t_string!(i18n, planning_settings.remove)}
                                </button>
                            </li>
                        }
                    }).collect_view()}
                </ul>
            </Show>
            <form class="dependencies__add" on:submit=add_days>
                <div class="field">
                    <label for="new-day-off">{move || t_string!(i18n, cal_days.from)}</label>
                    <input id="new-day-off" type="date" prop:value=move || new_day.get() on:input=move |ev| new_day.set(event_target_value(&ev)) />
                </div>
                <div class="field">
                    <label for="new-day-off-last">{move || t_string!(i18n, cal_days.to)}</label>
                    <input id="new-day-off-last" type="date" prop:value=move || new_last.get() on:input=move |ev| new_last.set(event_target_value(&ev)) />
                </div>
                <button type="submit" class="button" disabled=move || new_day.get().is_empty()>
                    {move || t_string!(i18n, cal_days.add_range)}
                </button>
            </form>
            <p role="status" class="field__error">{move || range_error.get()}</p>
        </section>
    }
}
