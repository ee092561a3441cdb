//! The week's entries of one person, and the form that adds or edits one
//! by hand: date, hours, who, step, note. Bad hours (0, not a number in
//! the person's language, more than 24 on one day for one person) are
//! refused next to the field, and nothing is saved.

use chrono::{Duration, NaiveDate, Utc};
use leptos::prelude::*;

use crate::domain::{Assignee, RecordKind, StepId, TimeEntry, TimeEntryId};
use crate::i18n::{t_string, use_i18n, I18nContext, Locale};
use crate::state::commands;
use crate::state::time_entries::{
    check_entry, entries_of_week, hours_text, people, read_hours, HoursError,
};
use crate::store::AnyRecord;
use crate::store::RecordKey;
use crate::text::{date_input_value, format_date, parse_date_input, Lang};
use crate::ui::app_state::use_app_state;
use crate::ui::clock::use_today;
use crate::ui::components::language::use_lang;
use crate::ui::components::notice::{Notice, NoticeRegion};
use crate::ui::components::number_input::number_error_text;

use super::{person_from_value, person_name, person_value, steps_by_project};

/// Why the hours are refused, in the person's words.
fn hours_error_text(i18n: I18nContext<Locale>, error: &HoursError, lang: Lang) -> String {
    match error {
        HoursError::Number(error) => number_error_text(i18n, error, false, lang),
        HoursError::NotPositive => t_string!(i18n, time.err_not_positive).to_string(),
        HoursError::DayLimit { booked } if *booked > 0.0 => t_string!(
            i18n,
            time.err_day_limit_booked,
            booked = hours_text(*booked, lang)
        )
        .to_string(),
        HoursError::DayLimit { .. } => t_string!(i18n, time.err_day_limit).to_string(),
    }
}

#[component]
pub fn EntriesList(person: RwSignal<Assignee>, monday: RwSignal<NaiveDate>) -> impl IntoView {
    let i18n = use_i18n();
    let state = use_app_state();
    let lang = use_lang();
    let today = use_today();
    let notice = Notice::new();
    let adding = RwSignal::new(false);
    let editing = RwSignal::new(None::<TimeEntryId>);
    let entries =
        Memo::new(move |_| entries_of_week(&state.data.read(), person.get(), monday.get()));
    let ids = move || entries.with(|list| list.iter().map(|e| e.id).collect::<Vec<_>>());
    let has_steps = Memo::new(move |_| !state.data.read().steps.is_empty());
    let summary = move || {
        entries.with(|list| {
            let hours = list.iter().map(|e| e.hours).sum::<f64>();
            t_string!(
                i18n,
                time.entries_count,
                count = list.len(),
                hours = hours_text(hours, lang.get())
            )
            .to_string()
        })
    };
    // A new entry: today if the week shown holds it, else its Monday; for
    // the person shown; on the step of the running timer or the first one.
    let new_entry = move || {
        let data = state.data.get_untracked();
        let day = today.get_untracked();
        let first = monday.get_untracked();
        let date = if day >= first && day < first + Duration::days(7) {
            day
        } else {
            first
        };
        let step = state
            .prefs
            .with_untracked(|p| p.timer.map(|t| t.step))
            .or_else(|| {
                steps_by_project(&data)
                    .first()
                    .and_then(|(_, s)| s.first().map(|s| s.0))
            })
            .unwrap_or(StepId(uuid::Uuid::nil()));
        let mut entry = TimeEntry::new(step, date, 0.0, Utc::now());
        entry.person = person.get_untracked();
        entry
    };

    view! {
        <div class="time-entries">
            <div class="card__head">
                <h3 class="card__subtitle">{move || t_string!(i18n, time.entries_title)}</h3>
                <button type="button" class="button" disabled=move || !has_steps.get()
                    aria-expanded=move || adding.get().to_string()
                    on:click=move |_| { editing.set(None); adding.set(true) }>
                    {move || t_string!(i18n, time.add)}
                </button>
            </div>
            <NoticeRegion notice=notice />
            <Show when=move || adding.get()>
                {move || view! {
                    <EntryForm initial=new_entry() is_new=true notice=notice on_done=move || adding.set(false) />
                }}
            </Show>
            <Show when=move || !entries.read().is_empty()
                fallback=move || view! { <p class="muted">{move || t_string!(i18n, time.entries_none)}</p> }>
                <p class="muted">{summary}</p>
                <ul class="plain-list time-entry-list">
                    <For each=ids key=|id| *id let:id>
                        {
                            let entry = Memo::new(move |_| state.data.with(|d| d.time_entries.by_id(id.0).cloned()));
                            let date_text = move || entry.with(|e| e.as_ref().map(|e| format_date(e.date, lang.get())).unwrap_or_default());
                            let what = move || entry.with(|e| {
                                let e = e.as_ref()?;
                                state.data.with(|d| {
                                    let step = d.step(e.step)?;
                                    let project = d.project(step.project).map(|p| p.name.clone()).unwrap_or_default();
                                    Some(format!("{project} · {}", step.title))
                                })
                            }).unwrap_or_default();
                            let hours = move || entry.with(|e| e.as_ref().map(|e| format!("{} h", hours_text(e.hours, lang.get()))).unwrap_or_default());
                            let note = move || entry.with(|e| e.as_ref().map(|e| e.note.clone()).unwrap_or_default());
                            let delete = move |_| {
                                let key = entry.with_untracked(|e| e.as_ref().map(|e| RecordKey { kind: RecordKind::TimeEntry, id: e.id.0 }));
                                let Some(key) = key else { return };
                                let label = t_string!(i18n, time.deleted).to_string();
                                if notice.run(state, label.clone(), commands::delete_leaf(&state.data.get_untracked(), key)) {
                                    notice.info(label);
                                }
                            };
                            view! {
                                <li class="time-entry">
                                    <div class="time-entry__main">
                                        <span class="time-entry__date">{date_text}</span>
                                        <span class="time-entry__what">{what}</span>
                                        <span class="time-entry__hours">{hours}</span>
                                        {move || { let n = note(); (!n.is_empty()).then(|| view! { <span class="muted time-entry__note">{n}</span> }) }}
                                    </div>
                                    <div class="button-row time-entry__actions">
                                        <button type="button" class="button button--small"
                                            aria-label=move || t_string!(i18n, time.edit_label, date = date_text(), what = what()).to_string()
                                            aria-expanded=move || (editing.get() == Some(id)).to_string()
                                            on:click=move |_| { adding.set(false); editing.update(|e| *e = if *e == Some(id) { None } else { Some(id) }) }>
                                            {move || t_string!(i18n, time.edit)}
                                        </button>
                                        <button type="button" class="button button--small button--ghost button--danger-text"
                                            aria-label=move || t_string!(i18n, time.delete_label, date = date_text(), what = what()).to_string()
                                            on:click=delete>
                                            {move || t_string!(i18n, time.delete)}
                                        </button>
                                    </div>
                                    <Show when=move || editing.get() == Some(id)>
                                        {move || entry.get_untracked().map(|e| view! {
                                            <EntryForm initial=e is_new=false notice=notice on_done=move || editing.set(None) />
                                        })}
                                    </Show>
                                </li>
                            }
                        }
                    </For>
                </ul>
            </Show>
        </div>
    }
}

/// Adds or edits one entry. `notice` is the list's: the confirmation
/// stays after the form closes.
#[component]
fn EntryForm(
    initial: TimeEntry,
    is_new: bool,
    notice: Notice,
    on_done: impl Fn() + Copy + Send + Sync + 'static,
) -> impl IntoView {
    let i18n = use_i18n();
    let state = use_app_state();
    let lang = use_lang();
    let prefix = if is_new {
        "time-new".to_owned()
    } else {
        format!("time-{}", initial.id.0)
    };
    let id = move |field: &str| format!("{prefix}-{field}");
    let date = RwSignal::new(date_input_value(Some(initial.date)));
    let hours = RwSignal::new(if is_new {
        String::new()
    } else {
        hours_text(initial.hours, lang.get_untracked())
    });
    let person = RwSignal::new(person_value(initial.person));
    let step = RwSignal::new(initial.step.0.to_string());
    let note = RwSignal::new(initial.note.clone());
    let date_error = RwSignal::new(false);
    let step_error = RwSignal::new(false);
    let hours_error = RwSignal::new(None::<HoursError>);
    let everyone = Memo::new(move |_| people(&state.data.read()));
    let groups = Memo::new(move |_| steps_by_project(&state.data.read()));

    let save = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let data = state.data.get_untracked();
        let mut entry = initial.clone();
        let day = parse_date_input(&date.get_untracked());
        date_error.set(day.is_none());
        let chosen = uuid::Uuid::parse_str(&step.get_untracked())
            .ok()
            .map(StepId)
            .filter(|s| data.step(*s).is_some());
        step_error.set(chosen.is_none());
        let read = read_hours(&hours.get_untracked(), lang.get_untracked());
        entry.person = person_from_value(&person.get_untracked());
        entry.note = note.get_untracked().trim().to_owned();
        let (Some(day), Some(chosen)) = (day, chosen) else {
            hours_error.set(read.err());
            return;
        };
        entry.date = day;
        entry.step = chosen;
        let checked = read.and_then(|h| {
            entry.hours = h;
            check_entry(&data, &entry)
        });
        if let Err(error) = checked {
            hours_error.set(Some(error));
            return;
        }
        hours_error.set(None);
        let label = if is_new {
            t_string!(i18n, time.added).to_string()
        } else {
            t_string!(i18n, time.saved).to_string()
        };
        let changes = commands::save(&data, AnyRecord::TimeEntry(entry), Utc::now());
        if notice.run(state, label.clone(), Ok(changes)) {
            notice.info(label);
            on_done();
        }
    };

    let hours_id = id("hours");
    let hours_error_id = id("hours-error");
    let described = hours_error_id.clone();
    let date_id = id("date");
    let date_error_id = id("date-error");
    let date_described = date_error_id.clone();
    let step_id = id("step");
    let person_id = id("person");
    let note_id = id("note");
    view! {
        <form class="form time-entry-form" novalidate on:submit=save>
            <div class="form-grid">
                <div class="field">
                    <label for=date_id.clone()>{move || t_string!(i18n, time.date)}</label>
                    <input id=date_id type="date" required
                        aria-invalid=move || date_error.get().to_string()
                        aria-describedby=move || date_error.get().then(|| date_described.clone())
                        prop:value=move || date.get() on:input=move |ev| date.set(event_target_value(&ev)) />
                    <Show when=move || date_error.get()>
                        <p id=date_error_id.clone() class="field__error">{move || t_string!(i18n, time.err_date)}</p>
                    </Show>
                </div>
                <div class="field">
                    <label for=hours_id.clone()>{move || t_string!(i18n, time.hours)}</label>
                    <input id=hours_id type="text" inputmode="decimal" autocomplete="off" required
                        aria-invalid=move || hours_error.read().is_some().to_string()
                        aria-describedby=move || hours_error.read().is_some().then(|| described.clone())
                        prop:value=move || hours.get() on:input=move |ev| hours.set(event_target_value(&ev)) />
                    {move || hours_error.get().map(|error| view! {
                        <p id=hours_error_id.clone() class="field__error">{hours_error_text(i18n, &error, lang.get())}</p>
                    })}
                </div>
                <div class="field">
                    <label for=person_id.clone()>{move || t_string!(i18n, time.who)}</label>
                    <select id=person_id prop:value=move || person.get() on:change=move |ev| person.set(event_target_value(&ev))>
                        {move || everyone.get().into_iter().map(|p| {
                            let value = person_value(p);
                            let name = state.data.with_untracked(|d| person_name(i18n, d, p));
                            let selected = value.clone();
                            view! { <option value=value selected=move || person.get() == selected>{name}</option> }
                        }).collect_view()}
                    </select>
                </div>
                <div class="field">
                    <label for=step_id.clone()>{move || t_string!(i18n, time.step)}</label>
                    <select id=step_id
                        aria-invalid=move || step_error.get().to_string()
                        prop:value=move || step.get() on:change=move |ev| step.set(event_target_value(&ev))>
                        {move || groups.get().into_iter().map(|(project, steps)| view! {
                            <optgroup label=project>
                                {steps.into_iter().map(|(id, title)| {
                                    let value = id.0.to_string();
                                    let selected = value.clone();
                                    view! { <option value=value selected=move || step.get() == selected>{title}</option> }
                                }).collect_view()}
                            </optgroup>
                        }).collect_view()}
                    </select>
                    <Show when=move || step_error.get()>
                        <p class="field__error">{move || t_string!(i18n, time.err_step)}</p>
                    </Show>
                </div>
                <div class="field field--wide">
                    <label for=note_id.clone()>{move || t_string!(i18n, time.note)}</label>
                    <input id=note_id type="text" prop:value=move || note.get() on:input=move |ev| note.set(event_target_value(&ev)) />
                </div>
            </div>
            <div class="button-row">
                <button type="submit" class="button button--primary">{move || t_string!(i18n, time.save)}</button>
                <button type="button" class="button button--ghost" on:click=move |_| on_done()>{move || t_string!(i18n, time.cancel)}</button>
            </div>
        </form>
    }
}
