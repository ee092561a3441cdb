//! One calendar entry as a button, and what each kind is called and looks
//! like. A kind is told apart by its colour *and* a glyph and (for screen
//! readers, and in the agenda for everyone) its name, never by colour
//! alone.

use chrono::NaiveDate;
use leptos::prelude::*;

use crate::domain::When;
use crate::i18n::{t_string, use_i18n, I18nContext, Locale};
use crate::state::agenda::{Entry, EntryKind};
use crate::text::Lang;

/// The kind's name in the person's language.
pub fn kind_label(i18n: I18nContext<Locale>, kind: EntryKind) -> String {
    match kind {
        EntryKind::Appointment => t_string!(i18n, cal.kind_appointment),
        EntryKind::StepStart => t_string!(i18n, cal.kind_start),
        EntryKind::Deadline => t_string!(i18n, cal.kind_deadline),
        EntryKind::Milestone => t_string!(i18n, cal.kind_milestone),
        EntryKind::OrderBy => t_string!(i18n, cal.kind_order),
        EntryKind::Delivery => t_string!(i18n, cal.kind_delivery),
        EntryKind::FollowUp => t_string!(i18n, cal.kind_follow_up),
    }
    .to_string()
}

/// A small sign per kind, from fonts every platform has.
pub fn glyph(kind: EntryKind) -> &'static str {
    match kind {
        EntryKind::Appointment => "●",
        EntryKind::StepStart => "▶",
        EntryKind::Deadline => "⚑",
        EntryKind::Milestone => "◆",
        EntryKind::OrderBy => "✎",
        EntryKind::Delivery => "▣",
        EntryKind::FollowUp => "↻",
    }
}

/// The kind's glyph in its colour, hidden from screen readers (the name is
/// said instead).
#[component]
pub fn KindGlyph(kind: EntryKind) -> impl IntoView {
    view! {
        <span class=format!("cal-glyph cal-kind--{}", kind.key()) aria-hidden="true">{glyph(kind)}</span>
    }
}

/// `10:00–10:30` for a timed entry, `None` for an all-day one.
pub fn time_span(when: &When) -> Option<String> {
    match when {
        When::Timed { start, end } => {
            Some(format!("{}–{}", start.format("%H:%M"), end.format("%H:%M")))
        }
        When::AllDay { .. } => None,
    }
}

/// A date in a localized pattern (`%B %Y`, `%a`, …).
pub fn localized(date: NaiveDate, pattern: &str, lang: Lang) -> String {
    crate::text::format_localized(date, pattern, lang)
}

/// An entry as a button that opens it. `compact` (month and week grids)
/// shows the glyph, the start time and the title; otherwise (agenda) the
/// glyph, the kind's name and the title.
#[component]
pub fn EntryButton(
    entry: Entry,
    #[prop(into)] on_open: Callback<Entry>,
    #[prop(optional)] compact: bool,
) -> impl IntoView {
    let i18n = use_i18n();
    let kind = entry.kind;
    // The agenda shows the time in its own column.
    let time = match entry.when {
        When::Timed { start, .. } if compact => Some(start.format("%H:%M").to_string()),
        _ => None,
    };
    let title = entry.title.clone();
    let tooltip = entry.title.clone();
    view! {
        <button type="button" class=format!("cal-entry cal-kind--{}", kind.key())
            class:cal-entry--compact=compact title=tooltip
            on:click=move |_| on_open.run(entry.clone())>
            <span class="cal-glyph" aria-hidden="true">{glyph(kind)}</span>
            <span class:visually-hidden=compact class="cal-entry__kind">{move || kind_label(i18n, kind)} ": "</span>
            {time.map(|t| view! { <span class="cal-entry__time">{t}</span> })}
            <span class="cal-entry__title">{title}</span>
        </button>
    }
}
