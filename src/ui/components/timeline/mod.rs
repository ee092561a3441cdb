//! The timeline (Gantt chart): one bar per step over a date axis, with
//! day, week and month zoom, today line, shaded weekends and holidays,
//! milestones as diamonds, dependency arrows, the critical path and late
//! steps. Bars can be dragged (move, or change the duration at the right
//! edge) and moved with the keyboard (arrows; with Shift for the duration).
//! Only the rows in view are rendered, so thousands of steps stay smooth.

mod project;

use std::sync::Arc;

use chrono::{Datelike, NaiveDate, Weekday};
use leptos::prelude::*;

use crate::chart::{
    arrow_path, axis_ticks_in, month_ticks_in, visible_rows, visible_span, Scale, Zoom,
    AXIS_HEIGHT, LABEL_WIDTH, ROW_HEIGHT,
};
use crate::domain::StepId;
use crate::i18n::{t_string, use_i18n};
use crate::planning::WorkCalendar;
use crate::text::format_date;
use crate::ui::components::language::use_lang;

pub use project::{project_rows, ProjectTimeline};

/// One line of the chart.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct TimelineRow {
    pub id: StepId,
    pub label: String,
    /// A heading row (a project in the all-projects view) has no bar.
    pub heading: bool,
    pub start: NaiveDate,
    pub finish: NaiveDate,
    pub milestone: bool,
    pub critical: bool,
    pub late_days: i64,
    pub progress: u8,
    pub predecessors: Vec<StepId>,
}

/// An edit made on the chart, in calendar days.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum TimelineEdit {
    /// Move the step by `days` (working days when from the keyboard).
    Move {
        step: StepId,
        days: i64,
        working_days: bool,
    },
    /// Change the duration by `days`.
    Resize {
        step: StepId,
        days: i64,
        working_days: bool,
    },
}

#[derive(Debug, Clone, Copy, PartialEq)]
enum DragMode {
    Move,
    Resize,
}

#[derive(Debug, Clone, Copy, PartialEq)]
struct Drag {
    step: StepId,
    mode: DragMode,
    origin_x: f64,
    delta_days: i64,
}

const MONTHS_DE: [&str; 12] = [
    "Jan", "Feb", "Mär", "Apr", "Mai", "Jun", "Jul", "Aug", "Sep", "Okt", "Nov", "Dez",
];
const MONTHS_EN: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];

#[component]
pub fn Timeline(
    #[prop(into)] rows: Signal<Vec<TimelineRow>>,
    #[prop(into)] calendar: Signal<Arc<WorkCalendar>>,
    /// Accessible name of the chart, e.g. "Zeitplan Website".
    #[prop(into)]
    label: Signal<String>,
    #[prop(into, optional)] on_edit: Option<Callback<TimelineEdit>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let lang = use_lang();
    let zoom = RwSignal::new(Zoom::Day);
    let scroll_top = RwSignal::new(0.0);
    let viewport = RwSignal::new(480.0);
    let scroll_left = RwSignal::new(0.0);
    // Until the first scroll event tells the real width: wide enough for
    // any screen.
    let viewport_width = RwSignal::new(2400.0);
    let drag = RwSignal::new(None::<Drag>);
    let today = crate::ui::clock::use_today();

    let scale = Memo::new(move |_| {
        let today = today.get();
        let rows = rows.read();
        let first = rows
            .iter()
            .filter(|r| !r.heading)
            .map(|r| r.start)
            .min()
            .unwrap_or(today)
            .min(today);
        let last = rows
            .iter()
            .filter(|r| !r.heading)
            .map(|r| r.finish)
            .max()
            .unwrap_or(today)
            .max(today);
        Scale::covering(first, last, zoom.get())
    });
    // The day columns worth drawing (axis, holidays): changes only when
    // the view scrolls by a screen or the scale changes.
    let span = Memo::new(move |_| {
        scale
            .get()
            .days_in(visible_span(scroll_left.get(), viewport_width.get()))
    });
    let months = move || {
        if lang.get() == crate::text::Lang::De {
            &MONTHS_DE
        } else {
            &MONTHS_EN
        }
    };
    let index_of = Memo::new(move |_| {
        rows.read()
            .iter()
            .enumerate()
            .map(|(i, r)| (r.id, i))
            .collect::<std::collections::HashMap<_, _>>()
    });
    let visible =
        Memo::new(move |_| visible_rows(scroll_top.get(), viewport.get(), rows.read().len()));
    let height = move || AXIS_HEIGHT + rows.read().len() as f64 * ROW_HEIGHT;

    // Weekends and holidays in range; not drawn at month zoom (too dense).
    let shaded = Memo::new(move |_| {
        let scale = scale.get();
        if zoom.get() == Zoom::Month {
            return Vec::new();
        }
        let calendar = calendar.get();
        // Weekends are one repeating background (below); only holidays and
        // days off on weekdays need elements of their own.
        scale
            .dates_in(span.get())
            .filter(|d| {
                !matches!(d.weekday(), Weekday::Sat | Weekday::Sun) && !calendar.is_working_day(*d)
            })
            .map(|d| scale.x(d))
            .collect::<Vec<_>>()
    });
    // Where the weekly weekend pattern starts: the Monday on or before the
    // first day shown.
    let week_offset = move || {
        let s = scale.get();
        -(s.first.weekday().num_days_from_monday() as f64) * s.px
    };

    let bar_x = move |row: &TimelineRow| {
        let s = scale.get();
        let (mut start, mut end) = (s.x(row.start), s.x(row.finish) + s.px);
        if let Some(d) = drag.get().filter(|d| d.step == row.id) {
            let shift = d.delta_days as f64 * s.px;
            match d.mode {
                DragMode::Move => {
                    start += shift;
                    end += shift;
                }
                DragMode::Resize => end = (end + shift).max(start + s.px),
            }
        }
        (start, end)
    };

    let on_scroll = move |ev: leptos::ev::Event| {
        if let Some(el) = ev
            .target()
            .and_then(|t| wasm_bindgen::JsCast::dyn_into::<web_sys::Element>(t).ok())
        {
            scroll_top.set(el.scroll_top() as f64);
            viewport.set(el.client_height() as f64);
            scroll_left.set(el.scroll_left() as f64);
            viewport_width.set(el.client_width() as f64);
        }
    };

    let pointer_move = move |ev: leptos::ev::PointerEvent| {
        if let Some(mut d) = drag.get_untracked() {
            d.delta_days = scale
                .get_untracked()
                .days_for(ev.client_x() as f64 - d.origin_x);
            drag.set(Some(d));
        }
    };
    let pointer_up = move |_ev: leptos::ev::PointerEvent| {
        let Some(d) = drag.get_untracked() else {
            return;
        };
        drag.set(None);
        if d.delta_days == 0 {
            return;
        }
        if let Some(cb) = on_edit {
            cb.run(match d.mode {
                DragMode::Move => TimelineEdit::Move {
                    step: d.step,
                    days: d.delta_days,
                    working_days: false,
                },
                DragMode::Resize => TimelineEdit::Resize {
                    step: d.step,
                    days: d.delta_days,
                    working_days: false,
                },
            });
        }
    };
    let editable = on_edit.is_some();

    let zoom_button = move |z: Zoom, text: Signal<String>| {
        view! {
            <button type="button" class="button button--ghost" aria-pressed=move || (zoom.get() == z).to_string()
                on:click=move |_| zoom.set(z)>{move || text.get()}</button>
        }
    };

    view! {
        <div class="timeline">
            <div class="timeline__toolbar" role="group" aria-label=move || t_string!(i18n, timeline.zoom)>
                {zoom_button(Zoom::Day, Signal::derive(move || t_string!(i18n, timeline.day).to_string()))}
                {zoom_button(Zoom::Week, Signal::derive(move || t_string!(i18n, timeline.week).to_string()))}
                {zoom_button(Zoom::Month, Signal::derive(move || t_string!(i18n, timeline.month).to_string()))}
                <span class="timeline__legend muted">
                    <span class="legend legend--critical"></span>{move || t_string!(i18n, timeline.critical)}
                    <span class="legend legend--late"></span>{move || t_string!(i18n, timeline.late)}
                </span>
            </div>
            <div class="timeline__scroll" role="region" aria-label=move || label.get() tabindex="0" on:scroll=on_scroll
                on:pointermove=pointer_move on:pointerup=pointer_up on:pointercancel=move |_| drag.set(None)>
                <div class="timeline__canvas" style:height=move || format!("{}px", height())
                    style:width=move || format!("{}px", LABEL_WIDTH + scale.get().width())>
                    <div class="timeline__labels" style:height=move || format!("{}px", height())>
                        <div class="timeline__corner"></div>
                        <For
                            each=move || {
                                let rows = rows.read();
                                visible.get().map(|i| (i, rows[i].label.clone(), rows[i].heading)).collect::<Vec<_>>()
                            }
                            key=|entry| entry.clone()
                            children=move |(i, label, heading)| {
                                // Cut to one line; the full name is in the title.
                                let full = label.clone();
                                view! {
                                    <div class="timeline__label" class:timeline__label--heading=heading
                                        title=full
                                        style:top=format!("{}px", AXIS_HEIGHT + i as f64 * ROW_HEIGHT)>
                                        {label}
                                    </div>
                                }
                            }
                        />
                    </div>
                    <div class="timeline__chart" style:width=move || format!("{}px", scale.get().width())>
                        <div class="timeline__axis">
                            {move || (zoom.get() == Zoom::Day).then(|| month_ticks_in(&scale.get(), months(), span.get()).into_iter().map(|(x, text)| view! {
                                <span class="timeline__month" style:left=format!("{x}px")>{text}</span>
                            }).collect_view())}
                            {move || axis_ticks_in(&scale.get(), zoom.get(), months(), span.get()).into_iter().map(|(x, text)| view! {
                                <span class="timeline__tick" style:left=format!("{x}px")>{text}</span>
                            }).collect_view()}
                        </div>
                        <div class="timeline__weekends" class:is-hidden=move || zoom.get() == Zoom::Month
                            style:--day=move || format!("{}px", scale.get().px)
                            style:background-position-x=move || format!("{}px", week_offset())></div>
                        {move || {
                            let px = scale.get().px;
                            shaded.get().into_iter().map(|x| view! {
                                <div class="timeline__off timeline__off--holiday"
                                    style:left=format!("{x}px") style:width=format!("{px}px")></div>
                            }).collect_view()
                        }}
                        <div class="timeline__today" style:left=move || format!("{}px", scale.get().x(today.get()))
                            title=move || format_date(today.get(), lang.get())></div>
                        <svg class="timeline__arrows" aria-hidden="true"
                            width=move || scale.get().width() height=height>
                            {move || {
                                let rows = rows.read();
                                let index = index_of.read();
                                let range = visible.get();
                                let mut paths = Vec::new();
                                for i in range.clone() {
                                    let row = &rows[i];
                                    for pred in &row.predecessors {
                                        if let Some(&j) = index.get(pred) {
                                            let (_, from_end) = bar_x(&rows[j]);
                                            let (to_start, _) = bar_x(row);
                                            paths.push(arrow_path(from_end, j, to_start, i));
                                        }
                                    }
                                }
                                paths.into_iter().map(|d| view! { <path d=d marker-end="url(#tl-arrowhead)"></path> }).collect_view()
                            }}
                            <defs>
                                <marker id="tl-arrowhead" viewBox="0 0 6 6" refX="5" refY="3" markerWidth="6" markerHeight="6" orient="auto">
                                    <path d="M0,0 L6,3 L0,6 z"></path>
                                </marker>
                            </defs>
                        </svg>
                        // Keyed by position and content: scrolling creates only
                        // the bars that come into view.
                        <For
                            each=move || {
                                let rows = rows.read();
                                visible.get().filter(|i| !rows[*i].heading).map(|i| (i, rows[i].clone())).collect::<Vec<_>>()
                            }
                            key=|(i, row)| (*i, row.clone())
                            children=move |(i, row)| {
                                let id = row.id;
                                let is_late = row.late_days > 0;
                                let positioned = row.clone();
                                let x = Memo::new(move |_| bar_x(&positioned));
                                let top = AXIS_HEIGHT + i as f64 * ROW_HEIGHT + 7.0;
                                let dates = format!("{} – {}", format_date(row.start, lang.get()), format_date(row.finish, lang.get()));
                                let mut name = format!("{}: {}", row.label, dates);
                                if row.critical {
                                    name.push_str(&format!(", {}", t_string!(i18n, timeline.critical)));
                                }
                                if row.late_days > 0 {
                                    name.push_str(&format!(", {} +{}", t_string!(i18n, timeline.late), row.late_days));
                                }
                                let keys = move |ev: leptos::ev::KeyboardEvent| {
                                    let Some(cb) = on_edit else { return };
                                    let days = match ev.key().as_str() {
                                        "ArrowRight" => 1,
                                        "ArrowLeft" => -1,
                                        _ => return,
                                    };
                                    ev.prevent_default();
                                    cb.run(if ev.shift_key() {
                                        TimelineEdit::Resize { step: id, days, working_days: true }
                                    } else {
                                        TimelineEdit::Move { step: id, days, working_days: true }
                                    });
                                };
                                let start_drag = move |ev: leptos::ev::PointerEvent, mode: DragMode| {
                                    if !editable || ev.button() != 0 {
                                        return;
                                    }
                                    ev.prevent_default();
                                    ev.stop_propagation();
                                    drag.set(Some(Drag { step: id, mode, origin_x: ev.client_x() as f64, delta_days: 0 }));
                                };
                                if row.milestone {
                                    view! {
                                        <button type="button" class="timeline__milestone" class:is-critical=row.critical class:is-late=is_late
                                            style:left=move || format!("{}px", x.get().0 - 8.0) style:top=format!("{}px", top + 3.0)
                                            aria-label=name.clone() title=name on:keydown=keys
                                            on:pointerdown=move |ev| start_drag(ev, DragMode::Move)>
                                        </button>
                                    }.into_any()
                                } else {
                                    view! {
                                        <button type="button" class="timeline__bar" class:is-critical=row.critical class:is-late=is_late
                                            class:is-dragging=move || drag.get().is_some_and(|d| d.step == id)
                                            style:left=move || format!("{}px", x.get().0) style:width=move || { let (x1, x2) = x.get(); format!("{}px", (x2 - x1).max(4.0)) }
                                            style:top=format!("{top}px")
                                            aria-label=name.clone() title=name on:keydown=keys
                                            on:pointerdown=move |ev| start_drag(ev, DragMode::Move)>
                                            <span class="timeline__progress" style:width=format!("{}%", row.progress)></span>
                                            <span class="timeline__bar-text">{row.label.clone()}</span>
                                            {(row.late_days > 0).then(|| view! { <span class="timeline__late">{format!("+{}", row.late_days)}</span> })}
                                            <span class="timeline__handle" aria-hidden="true"
                                                on:pointerdown=move |ev| start_drag(ev, DragMode::Resize)></span>
                                        </button>
                                    }.into_any()
                                }
                            }
                        />
                    </div>
                </div>
            </div>
            <p class="field__hint">{move || if editable { t_string!(i18n, timeline.hint) } else { t_string!(i18n, timeline.hint_readonly) }}</p>
        </div>
    }
}
