//! The calendar page: everything with a date from every project in a
//! month, week or agenda view, with a form for appointments and the
//! exchange with other calendar apps.
//!
//! The entries come from `state::agenda` (pure and tested natively); the
//! files here only lay them out and turn clicks into actions:
//! * [`toolbar`]: view switch, previous / today / next, period title;
//! * [`filters`]: which kinds are shown (also the colour legend);
//! * [`month`], [`week`], [`agenda_list`]: the three views;
//! * [`entry`]: one entry as a button, kind names and glyphs;
//! * [`appointment_form`]: create, edit, delete an appointment;
//! * [`follow_up`]: a follow-up's detail with its "done" button;
//! * [`ics`]: `.ics` export and import.

mod agenda_list;
mod appointment_form;
pub(crate) mod entry;
mod filters;
mod follow_up;
mod ics;
mod month;
mod toolbar;
mod week;

use std::collections::BTreeSet;

use chrono::Utc;
use leptos::prelude::*;
use leptos_router::hooks::use_navigate;
use wasm_bindgen::JsCast;

use crate::domain::{Appointment, AppointmentId, CommunicationId, When};
use crate::i18n::{t_string, use_i18n};
use crate::state::agenda::{entries_between, Entry, EntryKind, Source};
use crate::state::calendar_grid::{visible_range, CalendarView};
use crate::ui::app_state::use_app_state;
use crate::ui::clock::use_today;
use crate::ui::components::icons::{Icon, IconKind};
use crate::ui::components::language::use_lang;
use crate::ui::components::page_header::PageHeader;

use self::agenda_list::AgendaList;
use self::appointment_form::AppointmentForm;
use self::filters::KindFilter;
use self::follow_up::FollowUpDetail;
use self::ics::IcsExchange;
use self::month::{default_when, MonthView};
use self::toolbar::{period_title, CalendarToolbar};
use self::week::WeekView;

/// Phones start in the agenda: a month grid leaves no room for titles.
fn is_narrow() -> bool {
    web_sys::window()
        .and_then(|w| w.inner_width().ok())
        .and_then(|w| w.as_f64())
        .is_some_and(|w| w < 768.0)
}

/// What the panel above the calendar shows.
#[derive(Debug, Clone, PartialEq)]
enum Panel {
    Closed,
    New(When),
    Edit(AppointmentId),
    FollowUp(CommunicationId),
}

#[component]
pub fn CalendarPage() -> impl IntoView {
    let i18n = use_i18n();
    let state = use_app_state();
    let lang = use_lang();
    let navigate = use_navigate();
    let today = use_today();
    let view = RwSignal::new(if is_narrow() {
        CalendarView::Agenda
    } else {
        CalendarView::Month
    });
    let cursor = RwSignal::new(today.get_untracked());
    let shown = RwSignal::new(EntryKind::ALL.into_iter().collect::<BTreeSet<_>>());
    let panel = RwSignal::new(Panel::Closed);

    let entries = Memo::new(move |_| {
        let (from, to) = visible_range(view.get(), cursor.get());
        let calendar = state.calendar.get();
        let shown = shown.read();
        entries_between(&state.data.read(), &calendar, today.get(), from, to)
            .into_iter()
            .filter(|e| shown.contains(&e.kind))
            .collect::<Vec<Entry>>()
    });
    let title = Signal::derive(move || period_title(view.get(), cursor.get(), lang.get(), i18n));

    let on_open = Callback::new(move |entry: Entry| match entry.source {
        Source::Appointment(id) => panel.set(Panel::Edit(id)),
        Source::Communication(id) => panel.set(Panel::FollowUp(id)),
        Source::Step(_) | Source::Material(_) | Source::Project(_) => {
            if let Some(project) = entry.project {
                navigate(&format!("/projects/{}", project.0), Default::default());
            }
        }
    });
    let on_new = Callback::new(move |when: When| panel.set(Panel::New(when)));
    // Closing the panel takes focus back to the calendar, not to the top
    // of the page.
    let close = Callback::new(move |()| {
        panel.set(Panel::Closed);
        let heading = document().get_element_by_id("cal-period");
        if let Some(heading) = heading.and_then(|h| h.dyn_into::<web_sys::HtmlElement>().ok()) {
            let _ = heading.focus();
        }
    });
    let cursor_signal: Signal<_> = cursor.into();

    let panel_view = move || {
        match panel.get() {
        Panel::Closed => ().into_any(),
        Panel::New(when) => view! {
            <section class="card cal-panel" aria-labelledby="cal-panel-title">
                <h2 id="cal-panel-title" class="card__title">{move || t_string!(i18n, appointment.new_title)}</h2>
                <AppointmentForm initial=Appointment::new("", when, Utc::now()) is_new=true on_done=close />
            </section>
        }
        .into_any(),
        Panel::Edit(id) => match state.data.read_untracked().appointment(id).cloned() {
            Some(appointment) => view! {
                <section class="card cal-panel" aria-labelledby="cal-panel-title">
                    <h2 id="cal-panel-title" class="card__title">{move || t_string!(i18n, appointment.edit_title)}</h2>
                    <AppointmentForm initial=appointment is_new=false on_done=close />
                </section>
            }
            .into_any(),
            None => ().into_any(),
        },
        Panel::FollowUp(id) => view! {
            <section class="card cal-panel" aria-labelledby="cal-panel-title">
                <h2 id="cal-panel-title" class="card__title">{move || t_string!(i18n, cal.follow_up_title)}</h2>
                <FollowUpDetail id=id on_close=close />
            </section>
        }
        .into_any(),
    }
    };

    view! {
        <crate::ui::components::page_style::PageStyle name="calendar" />
        <PageHeader
            title=Signal::derive(move || t_string!(i18n, calendar.title).to_string())
            intro=Signal::derive(move || t_string!(i18n, calendar.intro).to_string())
        >
            <button type="button" class="button button--primary"
                on:click=move |_| panel.set(Panel::New(default_when(cursor.get_untracked().max(today.get_untracked()), 9)))>
                <Icon kind=IconKind::Plus />
                {move || t_string!(i18n, cal.new)}
            </button>
        </PageHeader>
        {panel_view}
        <section class="card cal" aria-labelledby="cal-period">
            <CalendarToolbar view=view cursor=cursor today=today title=title />
            <KindFilter shown=shown />
            {move || match view.get() {
                CalendarView::Month => view! {
                    <MonthView cursor=cursor_signal today=today entries=entries on_open=on_open on_new=on_new caption=title />
                }.into_any(),
                CalendarView::Week => view! {
                    <WeekView cursor=cursor_signal today=today entries=entries on_open=on_open on_new=on_new caption=title />
                }.into_any(),
                CalendarView::Agenda => view! {
                    <AgendaList cursor=cursor_signal today=today entries=entries on_open=on_open caption=title />
                }.into_any(),
            }}
        </section>
        <IcsExchange />
    }
}
