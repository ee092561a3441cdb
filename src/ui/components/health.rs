//! A project's health in words: the level as a badge with its word (not
//! colour alone) and each reason as a sentence that links to its step,
//! order or follow-up. Used by the dashboard and the projects list.

use leptos::prelude::*;
use leptos_router::components::A;

use crate::domain::Dataset;
use crate::i18n::{t_string, I18nContext, Locale};
use crate::planning::{Health, HealthLevel};
use crate::state::dashboard::{health_line, href, target_source, HealthText};
use crate::text::{format_date, Lang};

pub fn level_label(i18n: I18nContext<Locale>, level: HealthLevel) -> String {
    match level {
        HealthLevel::OnTrack => t_string!(i18n, overview.level_on_track),
        HealthLevel::AtRisk => t_string!(i18n, overview.level_at_risk),
        HealthLevel::Late => t_string!(i18n, overview.level_late),
    }
    .to_string()
}

/// The level as a badge: a sign, the word, and a colour.
#[component]
pub fn HealthBadge(level: HealthLevel) -> impl IntoView {
    let i18n = crate::i18n::use_i18n();
    let (class, sign) = match level {
        HealthLevel::OnTrack => ("badge health health--ok", "✓"),
        HealthLevel::AtRisk => ("badge health health--risk", "!"),
        HealthLevel::Late => ("badge health health--late", "‼"),
    };
    view! {
        <span class=class>
            <span aria-hidden="true">{sign} " "</span>
            {level_label(i18n, level)}
        </span>
    }
}

/// One reason in the person's language.
pub fn health_sentence(i18n: I18nContext<Locale>, text: &HealthText, lang: Lang) -> String {
    let d = |date| format_date(date, lang);
    match text {
        HealthText::EndAfterDeadline {
            end,
            deadline,
            days,
        } => t_string!(
            i18n,
            overview.end_after_deadline,
            count = *days,
            end = d(*end),
            deadline = d(*deadline)
        )
        .to_string(),
        HealthText::EndAfterDeadlineBy {
            step,
            end,
            deadline,
            days,
        } => t_string!(
            i18n,
            overview.end_after_deadline_by,
            count = *days,
            step = step,
            end = d(*end),
            deadline = d(*deadline)
        )
        .to_string(),
        HealthText::StepAfterDeadline {
            step,
            finish,
            deadline,
            days,
        } => t_string!(
            i18n,
            overview.step_after_deadline,
            count = *days,
            step = step,
            finish = d(*finish),
            deadline = d(*deadline)
        )
        .to_string(),
        HealthText::BehindCriticalEndMoves {
            step,
            days,
            from,
            to,
        } => t_string!(
            i18n,
            overview.behind_critical_moves,
            count = *days,
            step = step,
            from = d(*from),
            to = d(*to)
        )
        .to_string(),
        HealthText::BehindCritical { step, days } => {
            t_string!(i18n, overview.behind_critical, count = *days, step = step).to_string()
        }
        HealthText::BehindNoFloatEndMoves {
            step,
            days,
            from,
            to,
        } => t_string!(
            i18n,
            overview.behind_no_float_moves,
            count = *days,
            step = step,
            from = d(*from),
            to = d(*to)
        )
        .to_string(),
        HealthText::BehindNoFloat { step, days } => {
            t_string!(i18n, overview.behind_no_float, count = *days, step = step).to_string()
        }
        HealthText::StartMissed { step, date, days } => t_string!(
            i18n,
            overview.start_missed,
            count = *days,
            step = step,
            date = d(*date)
        )
        .to_string(),
        HealthText::EndMoved { from, to, days } => t_string!(
            i18n,
            overview.end_moved,
            count = *days,
            from = d(*from),
            to = d(*to)
        )
        .to_string(),
        HealthText::LittleRoom {
            deadline,
            end,
            days,
        } => t_string!(
            i18n,
            overview.little_room,
            count = *days,
            end = d(*end),
            deadline = d(*deadline)
        )
        .to_string(),
        HealthText::OrderOverdue {
            material,
            date,
            days,
        } => t_string!(
            i18n,
            overview.order_overdue,
            count = *days,
            material = material,
            date = d(*date)
        )
        .to_string(),
        HealthText::FollowUpOverdue {
            summary,
            date,
            days,
        } => t_string!(
            i18n,
            overview.follow_up_overdue,
            count = *days,
            summary = summary,
            date = d(*date)
        )
        .to_string(),
    }
}

/// The reasons as linked sentences; at most `limit`, then how many more
/// there are. As a list, or (`as_list` false, for the projects list whose
/// items are the projects) as paragraphs. Plain text: callers render it
/// inside a reactive block that reads the language.
pub fn health_reasons(
    i18n: I18nContext<Locale>,
    data: &Dataset,
    health: &Health,
    lang: Lang,
    limit: usize,
    as_list: bool,
) -> impl IntoView {
    let more = health.reasons.len().saturating_sub(limit);
    let items = health
        .reasons
        .iter()
        .take(limit)
        .map(|reason| {
            let line = health_line(data, reason);
            let link = line
                .target
                .map(|t| href(data, target_source(t)))
                .unwrap_or_default();
            let words = health_sentence(i18n, &line.text, lang);
            let words = if link.is_empty() {
                words.into_any()
            } else {
                view! { <A href=link>{words}</A> }.into_any()
            };
            if as_list {
                view! { <li>{words}</li> }.into_any()
            } else {
                view! { <p class="health-reason">{words}</p> }.into_any()
            }
        })
        .collect_view();
    let more = (more > 0).then(|| t_string!(i18n, overview.health_more, count = more).to_string());
    if as_list {
        view! {
            <ul class="health-reasons">
                {items}
                {more.map(|text| view! { <li class="muted">{text}</li> })}
            </ul>
        }
        .into_any()
    } else {
        view! { {items} {more.map(|text| view! { <p class="health-reason muted">{text}</p> })} }
            .into_any()
    }
}
