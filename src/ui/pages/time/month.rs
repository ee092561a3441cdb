//! One project's month: the days with booked hours × its steps, with
//! totals, and the CSV for invoicing (German Excel's dialect in German).

use chrono::Datelike;
use leptos::prelude::*;

use crate::domain::{Money, ProjectId};
use crate::i18n::{lang_of, t_string, use_i18n};
use crate::numbers;
use crate::state::time_entries::{export_file_name, hours_text, shift_month};
use crate::state::time_export::{
    time_export_csv, time_export_rows, TimeExportFilter, TimeExportHeaders,
};
use crate::state::time_sheet::month_sheet;
use crate::text::{format_date, format_localized, format_money, Lang};
use crate::ui::app_state::use_app_state;
use crate::ui::browser_files::download_text;
use crate::ui::clock::use_today;
use crate::ui::components::language::use_lang;
use crate::ui::components::notice::{Notice, NoticeRegion};
use crate::ui::components::number_input::number_error_text;

use super::week::cell;

#[component]
pub fn MonthSection(project: Option<ProjectId>, month: Option<(i32, u32)>) -> impl IntoView {
    let i18n = use_i18n();
    let state = use_app_state();
    let lang = use_lang();
    let today = use_today();
    let notice = Notice::new();
    let projects = Memo::new(move |_| state.data.read().projects_by_name());
    let chosen = RwSignal::new(project);
    // The project shown: the one asked for, else the first by name.
    let shown = Memo::new(move |_| {
        let data = state.data.read();
        chosen
            .get()
            .filter(|p| data.project(*p).is_some())
            .or_else(|| projects.with(|list| list.first().map(|(id, _)| *id)))
    });
    let start = today.get_untracked();
    let month = RwSignal::new(month.unwrap_or((start.year(), start.month())));
    let sheet = Memo::new(move |_| {
        let (year, m) = month.get();
        shown
            .get()
            .map(|p| month_sheet(&state.data.read(), p, year, m))
    });
    let month_name = move || {
        let (year, m) = month.get();
        chrono::NaiveDate::from_ymd_opt(year, m, 1)
            .map(|d| format_localized(d, "%B %Y", lang.get()))
            .unwrap_or_default()
    };
    let project_name = move || {
        shown
            .get()
            .and_then(|p| state.data.with(|d| d.project(p).map(|p| p.name.clone())))
            .unwrap_or_default()
    };

    let export = move |_| {
        let Some(project) = shown.get_untracked() else {
            return;
        };
        let lang = lang_of(i18n.get_locale_untracked());
        let filter = TimeExportFilter {
            project: Some(project),
            month: Some(month.get_untracked()),
        };
        let my_rate = state.prefs.with_untracked(|p| p.hourly_rate).map(Money);
        let rows = state
            .data
            .with_untracked(|d| time_export_rows(d, filter, t_string!(i18n, time.me), my_rate));
        let headers = TimeExportHeaders {
            date: t_string!(i18n, time.col_date).to_owned(),
            project: t_string!(i18n, time.col_project).to_owned(),
            step: t_string!(i18n, time.col_step).to_owned(),
            work_area: t_string!(i18n, time.col_area).to_owned(),
            person: t_string!(i18n, time.col_person).to_owned(),
            hours: t_string!(i18n, time.col_hours).to_owned(),
            rate: t_string!(i18n, time.col_rate).to_owned(),
            amount: t_string!(i18n, time.col_amount).to_owned(),
            note: t_string!(i18n, time.col_note).to_owned(),
            total: t_string!(i18n, time.total).to_owned(),
        };
        let csv = time_export_csv(&rows, &headers, lang);
        let name = export_file_name(
            t_string!(i18n, time.file_prefix),
            &project_name(),
            month.get_untracked(),
        );
        if download_text(&name, "text/csv;charset=utf-8", &csv).is_ok() {
            notice.info(t_string!(i18n, time.exported, count = rows.len()).to_string());
        } else {
            notice.error(t_string!(i18n, time.export_failed).to_string());
        }
    };

    view! {
        <section class="card" aria-labelledby="time-month-title">
            <h2 id="time-month-title" class="card__title">{move || t_string!(i18n, time.month_title)}</h2>
            <Show when=move || !projects.read().is_empty()
                fallback=move || view! { <p class="muted">{move || t_string!(i18n, time.no_projects)}</p> }>
                <div class="time-controls">
                    <div class="field">
                        <label for="time-month-project">{move || t_string!(i18n, time.project)}</label>
                        <select id="time-month-project"
                            prop:value=move || shown.get().map(|p| p.0.to_string()).unwrap_or_default()
                            on:change=move |ev| chosen.set(uuid::Uuid::parse_str(&event_target_value(&ev)).ok().map(ProjectId))>
                            {move || projects.get().into_iter().map(|(id, name)| view! {
                                <option value=id.0.to_string() selected=move || shown.get() == Some(id)>{name}</option>
                            }).collect_view()}
                        </select>
                    </div>
                    <div class="button-row time-controls__nav">
                        <button type="button" class="button button--ghost" on:click=move |_| month.update(|m| *m = shift_month(*m, -1))>
                            <span aria-hidden="true">"← "</span>{move || t_string!(i18n, time.prev_month)}
                        </button>
                        <p class="time-controls__label" aria-live="polite">{month_name}</p>
                        <button type="button" class="button button--ghost" on:click=move |_| month.update(|m| *m = shift_month(*m, 1))>
                            {move || t_string!(i18n, time.next_month)}<span aria-hidden="true">" →"</span>
                        </button>
                    </div>
                </div>
                {move || month_table(i18n, sheet.get(), lang.get(), project_name(), month_name())}
                <div class="time-export">
                    <RateField />
                    <div class="button-row">
                        <button type="button" class="button" on:click=export>{move || t_string!(i18n, time.export)}</button>
                    </div>
                </div>
                <NoticeRegion notice=notice />
            </Show>
        </section>
    }
}

/// Days with hours as rows, the steps as columns: a month has more days
/// than a project has steps booked, and rows scroll where columns would
/// not fit.
fn month_table(
    i18n: crate::i18n::I18nContext<crate::i18n::Locale>,
    sheet: Option<crate::state::time_sheet::TimeSheet>,
    lang: Lang,
    project: String,
    month: String,
) -> AnyView {
    let Some(sheet) = sheet.filter(|s| !s.rows.is_empty()) else {
        return view! { <p class="muted">{move || t_string!(i18n, time.month_empty)}</p> }
            .into_any();
    };
    let caption = t_string!(i18n, time.month_caption, project = project, month = month).to_string();
    let days: Vec<(usize, chrono::NaiveDate)> = sheet
        .days
        .iter()
        .enumerate()
        .filter(|(i, _)| sheet.day_totals[*i].abs() >= 0.005)
        .map(|(i, d)| (i, *d))
        .collect();
    let rows = sheet.rows.clone();
    view! {
        <div class="table-scroll">
            <table class="data-table time-sheet">
                <caption class="visually-hidden">{caption}</caption>
                <thead>
                    <tr>
                        <th scope="col">{t_string!(i18n, time.day)}</th>
                        {rows.iter().map(|r| view! { <th scope="col" class="num">{r.title.clone()}</th> }).collect_view()}
                        <th scope="col" class="num">{t_string!(i18n, time.total)}</th>
                    </tr>
                </thead>
                <tbody>
                    {days.into_iter().map(|(i, day)| view! {
                        <tr>
                            <th scope="row">{format_date(day, lang)}</th>
                            {rows.iter().map(|r| view! { <td class="num">{cell(r.hours[i], lang)}</td> }).collect_view()}
                            <td class="num time-sheet__total">{hours_text(sheet.day_totals[i], lang)}</td>
                        </tr>
                    }).collect_view()}
                </tbody>
                <tfoot>
                    <tr>
                        <th scope="row">{t_string!(i18n, time.total)}</th>
                        {rows.iter().map(|r| view! { <td class="num">{hours_text(r.total, lang)}</td> }).collect_view()}
                        <td class="num time-sheet__total">{hours_text(sheet.total, lang)}</td>
                    </tr>
                </tfoot>
            </table>
        </div>
    }
    .into_any()
}

/// The person's own hourly rate for the export's amounts (a device
/// preference; collaborators' rates are on their contacts).
#[component]
fn RateField() -> impl IntoView {
    let i18n = use_i18n();
    let state = use_app_state();
    let lang = use_lang();
    let text = RwSignal::new(
        state
            .prefs
            .with_untracked(|p| p.hourly_rate)
            .map(|c| format_money(c, lang.get_untracked()))
            .unwrap_or_default(),
    );
    let error = RwSignal::new(None::<numbers::NumberError>);
    let take = move |value: String| {
        text.set(value.clone());
        match numbers::optional(&value, |t| numbers::amount(t, lang.get_untracked())) {
            Ok(cents) => {
                error.set(None);
                state.update_prefs(|p| p.hourly_rate = cents);
            }
            Err(e) => error.set(Some(e)),
        }
    };
    view! {
        <div class="field">
            <label for="time-my-rate">{move || t_string!(i18n, time.my_rate)}</label>
            <input id="time-my-rate" type="text" inputmode="decimal" autocomplete="off"
                aria-invalid=move || error.read().is_some().to_string()
                aria-describedby=move || if error.read().is_some() { "time-my-rate-error" } else { "time-my-rate-hint" }
                prop:value=move || text.get()
                on:change=move |ev| take(event_target_value(&ev)) />
            {move || match error.get() {
                Some(e) => view! { <p id="time-my-rate-error" class="field__error">{number_error_text(i18n, &e, true, lang.get())}</p> }.into_any(),
                None => view! { <p id="time-my-rate-hint" class="field__hint">{move || t_string!(i18n, time.my_rate_hint)}</p> }.into_any(),
            }}
        </div>
    }
}
