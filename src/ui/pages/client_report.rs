//! The client status report of one project: what the client may see, in
//! the person's language, with the person's business as sender. It prints
//! on A4 (style/report.css hides the app around it), and exports as one
//! self-contained HTML file built by the core.

use leptos::prelude::*;
use leptos_router::{components::A, hooks::use_params_map};

use crate::domain::ProjectId;
use crate::i18n::{t_string, use_i18n, I18nContext, Locale};
use crate::state::client_report::{
    client_report, client_report_html, report_file_name, sender_lines, ClientReport, Needed,
    ReportLabels,
};
use crate::text::{format_date, Lang};
use crate::ui::app_state::{use_app_state, Phase};
use crate::ui::browser_files::download_text;
use crate::ui::clock::use_today;
use crate::ui::components::language::use_lang;
use crate::ui::components::notice::{Notice, NoticeRegion};
use crate::ui::components::{empty_state::EmptyState, page_header::PageHeader};

/// The report's words from the locale files, for the page and the file.
fn labels(i18n: I18nContext<Locale>, report: &ClientReport) -> ReportLabels {
    let p = report.progress;
    ReportLabels {
        title: t_string!(i18n, client_report.title).to_string(),
        client: t_string!(i18n, client_report.client).to_string(),
        sender: t_string!(i18n, client_report.sender).to_string(),
        as_of: t_string!(i18n, client_report.as_of).to_string(),
        progress: t_string!(i18n, client_report.progress).to_string(),
        progress_line: t_string!(
            i18n,
            client_report.progress_line,
            count = p.total,
            done = p.done,
            percent = p.percent()
        )
        .to_string(),
        forecast_end: t_string!(i18n, client_report.forecast_end).to_string(),
        baseline_end: t_string!(i18n, client_report.baseline_end).to_string(),
        milestones: t_string!(i18n, client_report.milestones).to_string(),
        no_milestones: t_string!(i18n, client_report.no_milestones).to_string(),
        needed: t_string!(i18n, client_report.needed).to_string(),
        nothing_needed: t_string!(i18n, client_report.nothing_needed).to_string(),
        due: t_string!(i18n, client_report.due).to_string(),
        results: t_string!(i18n, client_report.results).to_string(),
        no_results: t_string!(i18n, client_report.no_results).to_string(),
    }
}

#[component]
pub fn ClientReportPage() -> impl IntoView {
    let i18n = use_i18n();
    let state = use_app_state();
    let params = use_params_map();
    let today = use_today();
    let id = Memo::new(move |_| {
        params
            .read()
            .get("id")
            .and_then(|raw| uuid::Uuid::parse_str(&raw).ok())
            .map(ProjectId)
    });
    let report = Memo::new(move |_| {
        let calendar = state.calendar.get();
        let sender = state.prefs.read().business.clone();
        id.get()
            .and_then(|id| client_report(&state.data.read(), id, &sender, &calendar, today.get()))
    });
    view! {
        <crate::ui::components::page_style::PageStyle name="report" />
        {move || match (state.phase.get(), report.get().is_some()) {
            (Phase::Loading, _) => view! {
                <PageHeader title=Signal::derive(move || t_string!(i18n, client_report.title).to_string()) />
            }.into_any(),
            (_, false) => view! {
                <PageHeader title=Signal::derive(move || t_string!(i18n, client_report.not_found_title).to_string()) />
                <EmptyState
                    title=Signal::derive(move || t_string!(i18n, client_report.not_found_title).to_string())
                    text=Signal::derive(move || t_string!(i18n, client_report.not_found_text).to_string())
                >
                    <A href="/projects" attr:class="button">{move || t_string!(i18n, project.back)}</A>
                </EmptyState>
            }.into_any(),
            (_, true) => view! { <ReportView report=report /> }.into_any(),
        }}
    }
}

#[component]
fn ReportView(report: Memo<Option<ClientReport>>) -> impl IntoView {
    let i18n = use_i18n();
    let lang = use_lang();
    let notice = Notice::new();
    let project = move || report.read().as_ref().map(|r| r.project.0);
    let has_sender = move || {
        report
            .read()
            .as_ref()
            .is_some_and(|r| !sender_lines(&r.sender).is_empty())
    };

    let print = move |_| {
        if let Some(window) = web_sys::window() {
            let _ = window.print();
        }
    };
    let export = move |_| {
        let Some(r) = report.get_untracked() else {
            return;
        };
        let labels = labels(i18n, &r);
        let html = client_report_html(&r, &labels, lang.get_untracked());
        let file = report_file_name(&r, &labels.title);
        match download_text(&file, "text/html;charset=utf-8", &html) {
            Ok(()) => notice.info(t_string!(i18n, client_report.exported, file = &file)),
            Err(_) => notice.error(t_string!(i18n, client_report.export_failed)),
        }
    };

    view! {
        <section class="card report-tools" aria-labelledby="report-tools-title">
            <h2 id="report-tools-title" class="card__title">{move || t_string!(i18n, client_report.actions)}</h2>
            <p class="muted">{move || t_string!(i18n, client_report.intro)}</p>
            <div class="button-row">
                <button type="button" class="button button--primary" on:click=print>{move || t_string!(i18n, client_report.print)}</button>
                <button type="button" class="button" on:click=export>{move || t_string!(i18n, client_report.export)}</button>
                {move || project().map(|p| view! {
                    <A href=format!("/projects/{p}") attr:class="button button--ghost">{move || t_string!(i18n, client_report.back)}</A>
                })}
            </div>
            <p class="field__hint">{move || t_string!(i18n, client_report.print_hint)}</p>
            <Show when=move || !has_sender()>
                <p class="notice notice--info">
                    {move || t_string!(i18n, client_report.no_sender)} " "
                    <A href="/settings#settings-business">{move || t_string!(i18n, client_report.to_settings)}</A>
                </p>
            </Show>
            <NoticeRegion notice=notice />
        </section>
        {move || report.get().map(|r| view! { <ReportDocument report=r lang=lang.get() /> })}
    }
}

/// The report itself, as the client reads it (and as it prints).
#[component]
fn ReportDocument(report: ClientReport, lang: Lang) -> impl IntoView {
    let i18n = use_i18n();
    let labels = labels(i18n, &report);
    let date = move |d| format_date(d, lang);
    let sender = sender_lines(&report.sender);
    let percent = report.progress.percent();
    let list = |items: Vec<AnyView>, empty: String, label: String| {
        if items.is_empty() {
            view! { <p class="muted">{empty}</p> }.into_any()
        } else {
            view! { <ul class="report__list" aria-label=label>{items}</ul> }.into_any()
        }
    };
    let milestones = report
        .milestones
        .iter()
        .map(|m| {
            view! { <li><strong>{m.title.clone()}</strong>" – "{date(m.date)}</li> }.into_any()
        })
        .collect::<Vec<_>>();
    let needed = report
        .needed
        .iter()
        .map(|n| {
            let text = match n {
                Needed::FollowUp { summary, due } => {
                    format!("{summary} ({} {})", labels.due, date(*due))
                }
                Needed::Step { title, dates } => match dates {
                    Some((start, finish)) if start != finish => {
                        format!("{title} ({} – {})", date(*start), date(*finish))
                    }
                    Some((start, _)) => format!("{title} ({})", date(*start)),
                    None => title.clone(),
                },
            };
            view! { <li>{text}</li> }.into_any()
        })
        .collect::<Vec<_>>();
    let results = report
        .results
        .iter()
        .map(|r| {
            view! {
                <li>
                    <strong>{r.title.clone()}</strong>" – "{date(r.finished)}
                    {r.result.clone().map(|text| format!(": {text}"))}
                </li>
            }
            .into_any()
        })
        .collect::<Vec<_>>();
    view! {
        <article class="card report" aria-labelledby="report-title">
            <header class="report__head">
                <div>
                    <h1 id="report-title">{format!("{}: {}", labels.title, report.project_name)}</h1>
                    {report.client_name.clone().map(|c| view! { <p>{format!("{}: {c}", labels.client)}</p> })}
                    <p class="muted">{format!("{}: {}", labels.as_of, date(report.as_of))}</p>
                </div>
                {(!sender.is_empty()).then(|| view! {
                    <address class="report__sender" aria-label=labels.sender.clone()>
                        {sender.into_iter().map(|line| view! { <span>{line}</span> }).collect_view()}
                    </address>
                })}
            </header>
            <section aria-labelledby="report-progress">
                <h2 id="report-progress">{labels.progress.clone()}</h2>
                <p>{labels.progress_line.clone()}</p>
                <progress class="report__bar" max="100" value=percent aria-label=labels.progress_line.clone()></progress>
                {(report.forecast_end.is_some() || report.baseline_end.is_some()).then(|| view! {
                    <dl class="facts">
                        {report.forecast_end.map(|d| view! { <dt>{labels.forecast_end.clone()}</dt><dd>{date(d)}</dd> })}
                        {report.baseline_end.map(|d| view! { <dt>{labels.baseline_end.clone()}</dt><dd>{date(d)}</dd> })}
                    </dl>
                })}
            </section>
            <section aria-labelledby="report-milestones">
                <h2 id="report-milestones">{labels.milestones.clone()}</h2>
                {list(milestones, labels.no_milestones.clone(), labels.milestones.clone())}
            </section>
            <section aria-labelledby="report-needed">
                <h2 id="report-needed">{labels.needed.clone()}</h2>
                {list(needed, labels.nothing_needed.clone(), labels.needed.clone())}
            </section>
            <section aria-labelledby="report-results">
                <h2 id="report-results">{labels.results.clone()}</h2>
                {list(results, labels.no_results.clone(), labels.results.clone())}
            </section>
        </article>
    }
}
