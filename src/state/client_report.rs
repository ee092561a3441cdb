//! The client status report: one face to the client. Where the project
//! stands (steps done, the forecast end against the agreed plan), the next
//! milestones, what the project needs from the client, and the results of
//! the last 30 days, sent by the person's business.
//!
//! What it leaves out, by construction: the report holds no figure of
//! money (rates, costs, revenue, margins, budgets), no hours, and no
//! assignee at all (so nobody reads which collaborator did what). Only
//! titles, dates, results and follow-up texts the person wrote go in.
//!
//! The page renders [`ClientReport`] itself; [`client_report_html`] writes
//! the same content as one self-contained HTML file (every text escaped,
//! inline styles, no script, no external reference).

use std::collections::HashSet;

use chrono::{Duration, NaiveDate};

use crate::domain::{Assignee, ContactId, Dataset, ProjectId, StepStatus};
use crate::planning::WorkCalendar;
use crate::store::preferences::BusinessDetails;
use crate::text::{format_date, Lang};

use super::schedule::project_schedule;

/// How far back "recent results" reach, in calendar days.
pub const RECENT_DAYS: i64 = 30;
/// How many upcoming milestones the report names.
pub const MILESTONES: usize = 5;

/// Work areas that mean "the client does this" (compared without case):
/// a step in such an area waits for the client, whoever it is assigned to.
pub const CLIENT_AREAS: [&str; 4] = ["kunde", "kundin", "client", "customer"];

/// Steps done of all (cancelled steps do not count).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Progress {
    pub done: usize,
    pub total: usize,
}

impl Progress {
    /// Whole percent done, 0 for a project without steps.
    pub fn percent(self) -> u32 {
        let rounded = (self.done * 100 + self.total / 2).checked_div(self.total);
        rounded.unwrap_or(0) as u32
    }
}

/// An upcoming milestone with its forecast date.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReportMilestone {
    pub title: String,
    pub date: NaiveDate,
}

/// Something the project waits for from the client.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Needed {
    /// An open follow-up of a communication with the client.
    FollowUp { summary: String, due: NaiveDate },
    /// A step the client does (assigned to the client, or in a client
    /// work area), with its forecast dates when the plan has them.
    Step {
        title: String,
        dates: Option<(NaiveDate, NaiveDate)>,
    },
}

impl Needed {
    fn date(&self) -> Option<NaiveDate> {
        match self {
            Needed::FollowUp { due, .. } => Some(*due),
            Needed::Step { dates, .. } => dates.map(|d| d.0),
        }
    }
}

/// A step finished recently, with what came out of it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReportResult {
    pub title: String,
    pub finished: NaiveDate,
    pub result: Option<String>,
}

/// Everything the report says.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClientReport {
    pub project: ProjectId,
    pub project_name: String,
    /// The client's name, if the project has one.
    pub client_name: Option<String>,
    pub sender: BusinessDetails,
    /// The day the report speaks of.
    pub as_of: NaiveDate,
    pub progress: Progress,
    /// The live plan's end (done work as it happened, the rest forecast).
    pub forecast_end: Option<NaiveDate>,
    /// The end of the latest baseline (the plan agreed on), if any.
    pub baseline_end: Option<NaiveDate>,
    pub milestones: Vec<ReportMilestone>,
    pub needed: Vec<Needed>,
    pub results: Vec<ReportResult>,
}

/// The client's side of a project: the client contact, and the people
/// whose organisation is the client (a company's contact person logs the
/// calls, the company is the project's client).
fn client_side(data: &Dataset, client: Option<ContactId>) -> HashSet<ContactId> {
    let Some(client) = client.and_then(|c| data.contact(c)) else {
        return HashSet::new();
    };
    let company = client.name.trim().to_lowercase();
    data.contacts
        .iter()
        .filter(|c| c.id == client.id || c.organisation.trim().to_lowercase() == company)
        .map(|c| c.id)
        .collect()
}

/// The report on `project` as of `today`; `None` for an unknown project.
pub fn client_report(
    data: &Dataset,
    project: ProjectId,
    sender: &BusinessDetails,
    calendar: &WorkCalendar,
    today: NaiveDate,
) -> Option<ClientReport> {
    let p = data.project(project)?;
    let schedule = project_schedule(data, project, calendar, today).ok();
    let dates = |id: uuid::Uuid| {
        schedule
            .as_ref()
            .and_then(|s| s.step(id))
            .map(|d| (d.earliest_start, d.earliest_finish))
    };
    let steps: Vec<_> = data
        .steps_of(project)
        .into_iter()
        .filter(|s| s.status != StepStatus::Cancelled)
        .collect();
    let progress = Progress {
        done: steps
            .iter()
            .filter(|s| s.status == StepStatus::Done)
            .count(),
        total: steps.len(),
    };

    let mut milestones: Vec<ReportMilestone> = steps
        .iter()
        .filter(|s| s.is_milestone() && s.status != StepStatus::Done)
        .filter_map(|s| {
            Some(ReportMilestone {
                title: s.title.clone(),
                date: dates(s.id.0)?.0,
            })
        })
        .collect();
    milestones.sort_by(|a, b| (a.date, &a.title).cmp(&(b.date, &b.title)));
    milestones.truncate(MILESTONES);

    // What waits for the client: open follow-ups of the project's
    // communications with the client's side, and open steps the client
    // does: assigned to someone of the client's side, or in a work area
    // named "Kunde"/"Client" (see `CLIENT_AREAS`).
    let side = client_side(data, p.client);
    let mut needed: Vec<Needed> = data
        .communications_of(project)
        .into_iter()
        .filter(|c| !c.done && c.contact.is_some_and(|who| side.contains(&who)))
        .filter_map(|c| {
            Some(Needed::FollowUp {
                summary: c.summary.clone(),
                due: c.follow_up?,
            })
        })
        .collect();
    needed.extend(
        steps
            .iter()
            .filter(|s| !s.status.is_closed())
            .filter(|s| {
                let assigned = matches!(s.assignee, Assignee::Contact(c) if side.contains(&c));
                let area = s.work_area.as_deref().is_some_and(|a| {
                    CLIENT_AREAS
                        .iter()
                        .any(|name| a.trim().eq_ignore_ascii_case(name))
                });
                assigned || area
            })
            .map(|s| Needed::Step {
                title: s.title.clone(),
                dates: dates(s.id.0),
            }),
    );
    needed.sort_by_key(|n| (n.date().is_none(), n.date()));

    let since = today - Duration::days(RECENT_DAYS);
    let mut results: Vec<ReportResult> = steps
        .iter()
        .filter(|s| s.status == StepStatus::Done)
        .filter_map(|s| {
            let finished = s.actual_finish?;
            (finished > since && finished <= today).then(|| ReportResult {
                title: s.title.clone(),
                finished,
                result: s
                    .result
                    .as_ref()
                    .map(|r| r.trim().to_owned())
                    .filter(|r| !r.is_empty()),
            })
        })
        .collect();
    results.sort_by(|a, b| (b.finished, &a.title).cmp(&(a.finished, &b.title)));

    Some(ClientReport {
        project,
        project_name: p.name.clone(),
        client_name: p
            .client
            .and_then(|c| data.contact(c))
            .map(|c| c.name.clone()),
        sender: sender.clone(),
        as_of: today,
        progress,
        forecast_end: schedule.as_ref().and_then(|s| s.project_end),
        baseline_end: p
            .baselines
            .last()
            .and_then(|b| b.steps.iter().map(|s| s.finish).max()),
        milestones,
        needed,
        results,
    })
}

/// The report's words in the person's language (from the locale files).
/// Sentences with a count come filled in, since their plural form is the
/// locale's business.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ReportLabels {
    /// The document's title ("Statusbericht").
    pub title: String,
    pub client: String,
    pub sender: String,
    pub as_of: String,
    pub progress: String,
    /// "3 von 12 Schritten erledigt (25 %)".
    pub progress_line: String,
    pub forecast_end: String,
    pub baseline_end: String,
    pub milestones: String,
    pub no_milestones: String,
    pub needed: String,
    pub nothing_needed: String,
    /// Before a follow-up's date ("bis").
    pub due: String,
    pub results: String,
    pub no_results: String,
}

/// Escapes text for HTML content and attribute values.
pub fn escape_html(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for ch in text.chars() {
        match ch {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(ch),
        }
    }
    out
}

/// The sender's lines, empty parts left out: name, contact person, the
/// address lines, e-mail, phone.
pub fn sender_lines(sender: &BusinessDetails) -> Vec<String> {
    [&sender.name, &sender.contact_person]
        .into_iter()
        .map(|s| s.trim().to_owned())
        .chain(sender.address.lines().map(|l| l.trim().to_owned()))
        .chain([
            sender.email.trim().to_owned(),
            sender.phone.trim().to_owned(),
        ])
        .filter(|l| !l.is_empty())
        .collect()
}

/// Print-friendly styles of the exported file (A4, no colours needed).
const STYLE: &str = "@page{size:A4;margin:18mm}\
body{font-family:system-ui,-apple-system,'Segoe UI',Roboto,Arial,sans-serif;color:#1c2430;\
line-height:1.5;margin:0;padding:2rem;max-width:46rem}\
header{display:flex;justify-content:space-between;gap:2rem;flex-wrap:wrap;\
border-bottom:2px solid #0f6e74;padding-bottom:1rem;margin-bottom:1.5rem}\
h1{font-size:1.6rem;margin:0 0 .25rem}h2{font-size:1.15rem;margin:1.5rem 0 .5rem;color:#0a5257}\
.sender{font-size:.9rem;text-align:right}.sender p,.meta p{margin:0}\
.bar{height:.6rem;background:#e2f1f1;border-radius:.3rem;overflow:hidden;margin:.5rem 0}\
.bar span{display:block;height:100%;background:#0f6e74}\
dl{display:grid;grid-template-columns:max-content 1fr;gap:.25rem 1rem;margin:.5rem 0}\
dt{color:#5b6675}dd{margin:0}ul{padding-left:1.2rem;margin:.25rem 0}li{margin:.25rem 0}\
.muted{color:#5b6675}\
@media print{body{padding:0}}";

/// The report as one self-contained HTML document in `lang`.
pub fn client_report_html(report: &ClientReport, labels: &ReportLabels, lang: Lang) -> String {
    let e = escape_html;
    let date = |d: NaiveDate| e(&format_date(d, lang));
    let mut h = String::with_capacity(4096);
    h.push_str("<!DOCTYPE html>\n<html lang=\"");
    h.push_str(lang.tag());
    h.push_str("\">\n<head>\n<meta charset=\"utf-8\">\n");
    h.push_str("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
    h.push_str(&format!(
        "<title>{} – {}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n<main>\n<header>\n<div class=\"meta\">\n",
        e(&labels.title),
        e(&report.project_name)
    ));
    h.push_str(&format!(
        "<h1>{}: {}</h1>\n",
        e(&labels.title),
        e(&report.project_name)
    ));
    if let Some(client) = &report.client_name {
        h.push_str(&format!("<p>{}: {}</p>\n", e(&labels.client), e(client)));
    }
    h.push_str(&format!(
        "<p>{}: {}</p>\n</div>\n",
        e(&labels.as_of),
        date(report.as_of)
    ));
    let sender = sender_lines(&report.sender);
    if !sender.is_empty() {
        h.push_str(&format!(
            "<div class=\"sender\" aria-label=\"{}\">\n",
            e(&labels.sender)
        ));
        for line in &sender {
            h.push_str(&format!("<p>{}</p>\n", e(line)));
        }
        h.push_str("</div>\n");
    }
    h.push_str("</header>\n");

    h.push_str(&format!(
        "<section>\n<h2>{}</h2>\n<p>{}</p>\n",
        e(&labels.progress),
        e(&labels.progress_line)
    ));
    h.push_str(&format!(
        "<div class=\"bar\"><span style=\"width:{}%\"></span></div>\n",
        report.progress.percent()
    ));
    if report.forecast_end.is_some() || report.baseline_end.is_some() {
        h.push_str("<dl>\n");
        if let Some(end) = report.forecast_end {
            h.push_str(&format!(
                "<dt>{}</dt><dd>{}</dd>\n",
                e(&labels.forecast_end),
                date(end)
            ));
        }
        if let Some(end) = report.baseline_end {
            h.push_str(&format!(
                "<dt>{}</dt><dd>{}</dd>\n",
                e(&labels.baseline_end),
                date(end)
            ));
        }
        h.push_str("</dl>\n");
    }
    h.push_str("</section>\n");

    let list = |h: &mut String, title: &str, empty: &str, items: Vec<String>| {
        h.push_str(&format!("<section>\n<h2>{}</h2>\n", e(title)));
        if items.is_empty() {
            h.push_str(&format!("<p class=\"muted\">{}</p>\n", e(empty)));
        } else {
            h.push_str("<ul>\n");
            for item in items {
                h.push_str(&format!("<li>{item}</li>\n"));
            }
            h.push_str("</ul>\n");
        }
        h.push_str("</section>\n");
    };
    list(
        &mut h,
        &labels.milestones,
        &labels.no_milestones,
        report
            .milestones
            .iter()
            .map(|m| format!("<strong>{}</strong> – {}", e(&m.title), date(m.date)))
            .collect(),
    );
    list(
        &mut h,
        &labels.needed,
        &labels.nothing_needed,
        report
            .needed
            .iter()
            .map(|n| match n {
                Needed::FollowUp { summary, due } => {
                    format!("{} ({} {})", e(summary), e(&labels.due), date(*due))
                }
                Needed::Step { title, dates } => match dates {
                    Some((start, finish)) if start != finish => {
                        format!("{} ({} – {})", e(title), date(*start), date(*finish))
                    }
                    Some((start, _)) => format!("{} ({})", e(title), date(*start)),
                    None => e(title),
                },
            })
            .collect(),
    );
    list(
        &mut h,
        &labels.results,
        &labels.no_results,
        report
            .results
            .iter()
            .map(|r| {
                let mut item = format!("<strong>{}</strong> – {}", e(&r.title), date(r.finished));
                if let Some(result) = &r.result {
                    item.push_str(&format!(": {}", e(result)));
                }
                item
            })
            .collect(),
    );
    h.push_str("</main>\n</body>\n</html>\n");
    h
}

/// A file name for the export: the project's name with what a file
/// system refuses replaced.
pub fn report_file_name(report: &ClientReport, title: &str) -> String {
    let name: String = format!("{title} {}", report.project_name)
        .chars()
        .map(|c| {
            if c.is_alphanumeric() || c == '-' || c == '_' {
                c
            } else {
                '-'
            }
        })
        .collect();
    let name = name
        .split('-')
        .filter(|p| !p.is_empty())
        .collect::<Vec<_>>()
        .join("-");
    format!("{name}-{}.html", report.as_of.format("%Y-%m-%d"))
}
