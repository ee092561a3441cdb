//! The form to create, edit and delete an appointment: title, all-day or
//! timed, project, people, place, notes and repetition.

use chrono::{Datelike, NaiveDate, NaiveTime, Utc, Weekday};
use leptos::prelude::*;

use crate::domain::{
    weekday_position, Appointment, ContactId, Frequency, ProjectId, RecordKind, Recurrence,
    Weekdays, When,
};
use crate::i18n::{t_string, use_i18n};
use crate::state::commands;
use crate::store::{AnyRecord, RecordKey};
use crate::ui::app_state::use_app_state;
use crate::ui::components::edit_base::{ChangedElsewhere, EditBase};
use crate::ui::components::language::use_lang;
use crate::ui::components::notice::{Notice, NoticeRegion};

/// What is wrong with the form's input, shown next to the fields.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Problem {
    Title,
    Date,
    Time,
    Until,
    Interval,
    Weekdays,
}

fn date_value(date: NaiveDate) -> String {
    date.format("%Y-%m-%d").to_string()
}

fn parse_date(text: &str) -> Option<NaiveDate> {
    NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d").ok()
}

fn parse_time(text: &str) -> Option<NaiveTime> {
    let text = text.trim();
    NaiveTime::parse_from_str(text, "%H:%M")
        .or_else(|_| NaiveTime::parse_from_str(text, "%H:%M:%S"))
        .ok()
}

/// The form's fields, as text, the way the inputs hold them.
#[derive(Clone, Copy)]
struct Fields {
    all_day: RwSignal<bool>,
    day: RwSignal<String>,
    start: RwSignal<String>,
    end: RwSignal<String>,
    first: RwSignal<String>,
    last: RwSignal<String>,
    repeat: RwSignal<String>,
    /// Every how many days/weeks/months/years, as typed.
    interval: RwSignal<String>,
    /// A weekly repetition's days (empty: the first day's weekday).
    weekdays: RwSignal<Weekdays>,
    until: RwSignal<String>,
}

impl Fields {
    /// Shows another time and repetition (when the form loads new values).
    fn show(&self, when: When, recurrence: Option<Recurrence>) {
        let fresh = Fields::new(when, recurrence);
        self.all_day.set(fresh.all_day.get_untracked());
        self.day.set(fresh.day.get_untracked());
        self.start.set(fresh.start.get_untracked());
        self.end.set(fresh.end.get_untracked());
        self.first.set(fresh.first.get_untracked());
        self.last.set(fresh.last.get_untracked());
        self.repeat.set(fresh.repeat.get_untracked());
        self.interval.set(fresh.interval.get_untracked());
        self.weekdays.set(fresh.weekdays.get_untracked());
        self.until.set(fresh.until.get_untracked());
    }

    fn new(when: When, recurrence: Option<Recurrence>) -> Self {
        let (all_day, day, start, end, first, last) = match when {
            When::Timed { start, end } => (
                false,
                start.date(),
                start.time(),
                end.time(),
                start.date(),
                end.date(),
            ),
            When::AllDay { first, last } => {
                let nine = NaiveTime::from_hms_opt(9, 0, 0).unwrap_or_default();
                (
                    true,
                    first,
                    nine,
                    nine + chrono::Duration::hours(1),
                    first,
                    last,
                )
            }
        };
        let repeat = match recurrence.map(|r| (r.frequency, r.nth_weekday.is_some())) {
            None => "none",
            Some((Frequency::Daily, _)) => "daily",
            Some((Frequency::Weekly, _)) => "weekly",
            Some((Frequency::Monthly, false)) => "monthly",
            Some((Frequency::Monthly, true)) => "monthly_nth",
            Some((Frequency::Yearly, _)) => "yearly",
        };
        let weekdays = match recurrence {
            Some(r) if !r.weekdays.is_empty() => r.weekdays,
            _ => Weekdays::of([first.weekday()]),
        };
        Fields {
            all_day: RwSignal::new(all_day),
            day: RwSignal::new(date_value(day)),
            start: RwSignal::new(start.format("%H:%M").to_string()),
            end: RwSignal::new(end.format("%H:%M").to_string()),
            first: RwSignal::new(date_value(first)),
            last: RwSignal::new(date_value(last)),
            repeat: RwSignal::new(repeat.to_string()),
            interval: RwSignal::new(recurrence.map_or(1, |r| r.interval.max(1)).to_string()),
            weekdays: RwSignal::new(weekdays),
            until: RwSignal::new(
                recurrence
                    .and_then(|r| r.until)
                    .map(date_value)
                    .unwrap_or_default(),
            ),
        }
    }

    /// When the appointment takes place, or what is wrong with the input.
    fn when(&self) -> Result<When, Problem> {
        if self.all_day.get_untracked() {
            let first = parse_date(&self.first.get_untracked()).ok_or(Problem::Date)?;
            let last = match self.last.get_untracked().trim() {
                "" => first,
                text => parse_date(text).ok_or(Problem::Date)?,
            };
            if last < first {
                return Err(Problem::Time);
            }
            Ok(When::AllDay { first, last })
        } else {
            let day = parse_date(&self.day.get_untracked()).ok_or(Problem::Date)?;
            let start = parse_time(&self.start.get_untracked()).ok_or(Problem::Time)?;
            let end = parse_time(&self.end.get_untracked()).ok_or(Problem::Time)?;
            if end <= start {
                return Err(Problem::Time);
            }
            Ok(When::Timed {
                start: day.and_time(start),
                end: day.and_time(end),
            })
        }
    }

    /// The repetition, or what is wrong with it.
    fn recurrence(&self, first_day: NaiveDate) -> Result<Option<Recurrence>, Problem> {
        let repeat = self.repeat.get_untracked();
        let frequency = match repeat.as_str() {
            "daily" => Frequency::Daily,
            "weekly" => Frequency::Weekly,
            "monthly" | "monthly_nth" => Frequency::Monthly,
            "yearly" => Frequency::Yearly,
            _ => return Ok(None),
        };
        let until = match self.until.get_untracked().trim() {
            "" => None,
            text => Some(parse_date(text).ok_or(Problem::Until)?),
        };
        if until.is_some_and(|u| u < first_day) {
            return Err(Problem::Until);
        }
        let mut recurrence = Recurrence::new(frequency, until);
        recurrence.interval = match self.interval.get_untracked().trim() {
            "" => 1,
            text => text
                .parse::<u32>()
                .ok()
                .filter(|n| (1..=99).contains(n))
                .ok_or(Problem::Interval)?,
        };
        if frequency == Frequency::Weekly {
            let days = self.weekdays.get_untracked();
            // The first appointment is one of the series: its weekday must
            // be among the chosen ones.
            if !days.contains(first_day.weekday()) {
                return Err(Problem::Weekdays);
            }
            if days != Weekdays::of([first_day.weekday()]) {
                recurrence.weekdays = days;
            }
        }
        if repeat == "monthly_nth" {
            // A fifth weekday is its month's last: not every month has one.
            let (nth, _) = weekday_position(first_day);
            recurrence.nth_weekday = Some(if nth > 4 { -1 } else { nth });
        }
        Ok(Some(recurrence))
    }
}

/// Creates (when `is_new`) or edits `initial`; `on_done` hears that the
/// form can close (saved, deleted or cancelled).
#[component]
pub fn AppointmentForm(
    initial: Appointment,
    is_new: bool,
    #[prop(into)] on_done: Callback<()>,
) -> impl IntoView {
    let i18n = use_i18n();
    let lang = use_lang();
    let state = use_app_state();
    let fields = Fields::new(initial.when, initial.recurrence);
    let title = RwSignal::new(initial.title.clone());
    let project = RwSignal::new(initial.project.map(|p| p.0.to_string()).unwrap_or_default());
    let contacts = RwSignal::new(initial.contacts.clone());
    let place = RwSignal::new(initial.place.clone());
    let notes = RwSignal::new(initial.notes.clone());
    let problem = RwSignal::new(None::<Problem>);
    let appointment_id = initial.id;
    let edit = EditBase::new(initial.clone(), is_new, move |data| {
        data.appointment(appointment_id).cloned()
    });
    let notice = Notice::new();
    let show = move |a: &Appointment| {
        fields.show(a.when, a.recurrence);
        title.set(a.title.clone());
        project.set(a.project.map(|p| p.0.to_string()).unwrap_or_default());
        contacts.set(a.contacts.clone());
        place.set(a.place.clone());
        notes.set(a.notes.clone());
        problem.set(None);
    };
    let title_input = NodeRef::<leptos::html::Input>::new();

    // Focus moves into the form as it opens, so keyboard and screen reader
    // users land where the new content is.
    Effect::new(move |_| {
        if let Some(input) = title_input.get() {
            let _ = input.focus();
        }
    });

    let projects = Memo::new(move |_| state.data.read().projects_by_name());
    let people = Memo::new(move |_| state.data.read().contacts_by_name());

    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let trimmed = title.get_untracked().trim().to_string();
        let checked = (!trimmed.is_empty())
            .then_some(())
            .ok_or(Problem::Title)
            .and_then(|()| fields.when())
            .and_then(|when| fields.recurrence(when.first_day()).map(|r| (when, r)));
        let (when, recurrence) = match checked {
            Ok(ok) => ok,
            Err(p) => {
                problem.set(Some(p));
                return;
            }
        };
        problem.set(None);
        let mut appointment = edit.base();
        appointment.title = trimmed;
        appointment.when = when;
        appointment.recurrence = recurrence;
        appointment.project = uuid::Uuid::parse_str(&project.get_untracked())
            .ok()
            .map(ProjectId);
        appointment.contacts = contacts.get_untracked();
        appointment.place = place.get_untracked().trim().to_string();
        appointment.notes = notes.get_untracked();
        // Only what the person changed goes onto the stored appointment.
        let appointment = edit.rebase(&appointment);
        let label = if is_new {
            t_string!(i18n, appointment.created)
        } else {
            t_string!(i18n, appointment.saved)
        };
        let changes = commands::save(
            &state.data.get_untracked(),
            AnyRecord::Appointment(appointment),
            Utc::now(),
        );
        if notice.run(state, label, Ok(changes)) {
            on_done.run(());
        }
    };

    let id = initial.id;
    let delete = move |_| {
        let key = RecordKey {
            kind: RecordKind::Appointment,
            id: id.0,
        };
        let command = commands::delete_leaf(&state.data.get_untracked(), key);
        if notice.run(state, t_string!(i18n, appointment.deleted), command) {
            on_done.run(());
        }
    };

    let toggle_contact = move |contact: ContactId, on: bool| {
        contacts.update(|list| {
            list.retain(|c| *c != contact);
            if on {
                list.push(contact);
            }
        });
    };
    let repeats = move || fields.repeat.get() != "none";
    let shows = move |p: Problem| move || problem.get() == Some(p);
    let error_text = move |p: Problem| match p {
        Problem::Title => t_string!(i18n, appointment.title_required),
        Problem::Date => t_string!(i18n, appointment.bad_date),
        Problem::Time => t_string!(i18n, appointment.bad_time),
        Problem::Until => t_string!(i18n, appointment.until_before),
        Problem::Interval => t_string!(i18n, appointment.bad_interval),
        Problem::Weekdays => t_string!(i18n, appointment.weekday_of_first),
    };
    let error = move |p: Problem| {
        view! {
            <Show when=shows(p)>
                <p class="field__error field--wide" role="alert">{move || error_text(p)}</p>
            </Show>
        }
    };

    view! {
        <ChangedElsewhere edit=edit on_load=move |a: Appointment| show(&a) />
        <form class="form-grid" on:submit=submit novalidate
            on:input=move |_| edit.touch() on:change=move |_| edit.touch()>
            <div class="field field--wide">
                <label for="appointment-title">{move || t_string!(i18n, appointment.title)}</label>
                <input id="appointment-title" type="text" required autocomplete="off" node_ref=title_input
                    aria-invalid=move || (problem.get() == Some(Problem::Title)).to_string()
                    prop:value=move || title.get() on:input=move |ev| title.set(event_target_value(&ev)) />
            </div>
            {error(Problem::Title)}
            <div class="field field--check field--wide">
                <input id="appointment-all-day" type="checkbox" prop:checked=move || fields.all_day.get()
                    on:change=move |ev| fields.all_day.set(event_target_checked(&ev)) />
                <label for="appointment-all-day">{move || t_string!(i18n, appointment.all_day)}</label>
            </div>
            <Show when=move || fields.all_day.get() fallback=move || view! {
                <div class="field">
                    <label for="appointment-day">{move || t_string!(i18n, appointment.date)}</label>
                    <input id="appointment-day" type="date" prop:value=move || fields.day.get()
                        on:input=move |ev| fields.day.set(event_target_value(&ev)) />
                </div>
                <div class="field">
                    <label for="appointment-start">{move || t_string!(i18n, appointment.start)}</label>
                    <input id="appointment-start" type="time" step="300" prop:value=move || fields.start.get()
                        on:input=move |ev| fields.start.set(event_target_value(&ev)) />
                </div>
                <div class="field">
                    <label for="appointment-end">{move || t_string!(i18n, appointment.end)}</label>
                    <input id="appointment-end" type="time" step="300" prop:value=move || fields.end.get()
                        on:input=move |ev| fields.end.set(event_target_value(&ev)) />
                </div>
            }>
                <div class="field">
                    <label for="appointment-first">{move || t_string!(i18n, appointment.first)}</label>
                    <input id="appointment-first" type="date" prop:value=move || fields.first.get()
                        on:input=move |ev| fields.first.set(event_target_value(&ev)) />
                </div>
                <div class="field">
                    <label for="appointment-last">{move || t_string!(i18n, appointment.last)}</label>
                    <input id="appointment-last" type="date" prop:value=move || fields.last.get()
                        on:input=move |ev| fields.last.set(event_target_value(&ev)) />
                </div>
            </Show>
            {error(Problem::Date)}
            {error(Problem::Time)}
            <div class="field">
                <label for="appointment-project">{move || t_string!(i18n, appointment.project)}</label>
                <select id="appointment-project" prop:value=move || project.get()
                    on:change=move |ev| project.set(event_target_value(&ev))>
                    <option value="">{move || t_string!(i18n, appointment.no_project)}</option>
                    {move || projects.get().into_iter().map(|(id, name)| {
                        let value = id.0.to_string();
                        let selected = value.clone();
                        view! { <option value=value selected=move || project.get() == selected>{name}</option> }
                    }).collect_view()}
                </select>
            </div>
            <div class="field">
                <label for="appointment-place">{move || t_string!(i18n, appointment.place)}</label>
                <input id="appointment-place" type="text" prop:value=move || place.get()
                    on:input=move |ev| place.set(event_target_value(&ev)) />
            </div>
            <fieldset class="field field--wide cal-people">
                <legend>{move || t_string!(i18n, appointment.contacts)}</legend>
                <Show when=move || !people.read().is_empty()
                    fallback=move || view! { <p class="field__hint">{move || t_string!(i18n, appointment.no_contacts)}</p> }>
                    <ul class="cal-people__list">
                        {move || people.get().into_iter().map(|(id, name)| {
                            let input_id = format!("appointment-contact-{}", id.0);
                            view! {
                                <li class="field--check">
                                    <input id=input_id.clone() type="checkbox"
                                        prop:checked=move || contacts.read().contains(&id)
                                        on:change=move |ev| toggle_contact(id, event_target_checked(&ev)) />
                                    <label for=input_id>{name}</label>
                                </li>
                            }
                        }).collect_view()}
                    </ul>
                </Show>
            </fieldset>
            <div class="field">
                <label for="appointment-repeat">{move || t_string!(i18n, appointment.repeat)}</label>
                <select id="appointment-repeat" prop:value=move || fields.repeat.get()
                    on:change=move |ev| fields.repeat.set(event_target_value(&ev))>
                    <option value="none" selected=move || fields.repeat.get() == "none">{move || t_string!(i18n, appointment.repeat_none)}</option>
                    <option value="daily" selected=move || fields.repeat.get() == "daily">{move || t_string!(i18n, appointment.repeat_daily)}</option>
                    <option value="weekly" selected=move || fields.repeat.get() == "weekly">{move || t_string!(i18n, appointment.repeat_weekly)}</option>
                    <option value="monthly" selected=move || fields.repeat.get() == "monthly">{move || t_string!(i18n, appointment.repeat_monthly)}</option>
                    <option value="monthly_nth" selected=move || fields.repeat.get() == "monthly_nth">{move || t_string!(i18n, appointment.repeat_monthly_nth)}</option>
                    <option value="yearly" selected=move || fields.repeat.get() == "yearly">{move || t_string!(i18n, appointment.repeat_yearly)}</option>
                </select>
            </div>
            <Show when=repeats>
                <div class="field">
                    <label for="appointment-interval">{move || match fields.repeat.get().as_str() {
                        "daily" => t_string!(i18n, appointment.interval_days),
                        "weekly" => t_string!(i18n, appointment.interval_weeks),
                        "yearly" => t_string!(i18n, appointment.interval_years),
                        _ => t_string!(i18n, appointment.interval_months),
                    }}</label>
                    <input id="appointment-interval" type="text" inputmode="numeric" autocomplete="off"
                        aria-invalid=move || (problem.get() == Some(Problem::Interval)).to_string()
                        prop:value=move || fields.interval.get() on:input=move |ev| fields.interval.set(event_target_value(&ev)) />
                </div>
            </Show>
            {error(Problem::Interval)}
            <Show when=move || fields.repeat.get() == "weekly">
                <fieldset class="field field--wide cal-weekdays">
                    <legend>{move || t_string!(i18n, appointment.on_weekdays)}</legend>
                    <ul class="cal-weekdays__list">
                        {[Weekday::Mon, Weekday::Tue, Weekday::Wed, Weekday::Thu, Weekday::Fri, Weekday::Sat, Weekday::Sun]
                            .into_iter()
                            .map(|day| {
                                let input_id = format!("appointment-weekday-{}", day.num_days_from_monday());
                                view! {
                                    <li class="field--check">
                                        <input id=input_id.clone() type="checkbox"
                                            prop:checked=move || fields.weekdays.get().contains(day)
                                            on:change=move |_| fields.weekdays.update(|d| *d = d.toggled(day)) />
                                        <label for=input_id>{move || lang.get().weekday_name(day)}</label>
                                    </li>
                                }
                            })
                            .collect_view()}
                    </ul>
                </fieldset>
            </Show>
            {error(Problem::Weekdays)}
            <Show when=repeats>
                <div class="field">
                    <label for="appointment-until">{move || t_string!(i18n, appointment.until)}</label>
                    <input id="appointment-until" type="date" aria-describedby="appointment-until-hint"
                        prop:value=move || fields.until.get() on:input=move |ev| fields.until.set(event_target_value(&ev)) />
                    <p id="appointment-until-hint" class="field__hint">{move || t_string!(i18n, appointment.until_hint)}</p>
                </div>
            </Show>
            {error(Problem::Until)}
            <div class="field field--wide">
                <label for="appointment-notes">{move || t_string!(i18n, appointment.notes)}</label>
                <textarea id="appointment-notes" prop:value=move || notes.get()
                    on:input=move |ev| notes.set(event_target_value(&ev))></textarea>
            </div>
            {(!is_new && initial.recurrence.is_some()).then(|| view! {
                <p class="field__hint field--wide">{move || t_string!(i18n, appointment.repeats_hint)}</p>
            })}
            <div class="button-row field--wide">
                <button type="submit" class="button button--primary">
                    {move || if is_new { t_string!(i18n, appointment.create) } else { t_string!(i18n, appointment.save) }}
                </button>
                <button type="button" class="button button--ghost" on:click=move |_| on_done.run(())>
                    {move || t_string!(i18n, appointment.cancel)}
                </button>
                {(!is_new).then(|| view! {
                    <button type="button" class="button button--danger cal-form__delete" on:click=delete>
                        {move || t_string!(i18n, appointment.delete)}
                    </button>
                })}
            </div>
        </form>
        <NoticeRegion notice=notice />
    }
}
