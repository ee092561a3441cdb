//! The timeline (Gantt chart): one bar per step over a date axis, with
//! day, week and month zoom, today line, shaded weekends and holidays,
//! milestones as diamonds, dependency arrows, the critical path and late
//! steps, progress as the filled part of a bar and, for a step that
//! slipped, a thin bar where it was planned. The chart opens at today when
//! today is in the plan, else at the plan's start, and has buttons to jump
//! to either; a legend explains the marks. A project's heading row (in the
//! all-projects view) has one summary bar over its steps. A label too long
//! for its bar goes beside it. Bars can be dragged (move, or change the duration at the right
//! edge) and moved with the keyboard (arrows; with Shift for the duration).
//! Only what is in view is rendered: the rows near the vertical scroll
//! position (keyed by step id, so a bar that moves stays the same element
//! and keeps the focus), and the axis labels and holiday shading near the
//! horizontal one; thousands of steps over years stay light and smooth.

mod project;

use std::sync::Arc;

use chrono::{Datelike, NaiveDate, Weekday};
use leptos::prelude::*;

use crate::chart::{
    arrow_path, axis_ticks, label_inside, month_ticks, opening_day, scroll_to, visible_days,
    visible_rows, Scale, Zoom, AXIS_HEIGHT, LABEL_WIDTH, ROW_HEIGHT,
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
    /// Working days the finish slipped against the plan (negative when
    /// ahead); a slipped bar shows where it was planned.
    pub slip_days: i64,
}

/// The rows with each heading row spanning its steps (the rows up to the
/// next heading), its progress their average weighted by length: the
/// summary bar of a project.
fn with_summaries(mut rows: Vec<TimelineRow>) -> Vec<TimelineRow> {
    let mut i = 0;
    while i < rows.len() {
        if !rows[i].heading {
            i += 1;
            continue;
        }
        let end = rows[i + 1..]
            .iter()
            .position(|r| r.heading)
            .map_or(rows.len(), |n| i + 1 + n);
        let steps = &rows[i + 1..end];
        let first = steps.iter().map(|r| r.start).min();
        let last = steps.iter().map(|r| r.finish).max();
        if let (Some(first), Some(last)) = (first, last) {
            let length = |r: &TimelineRow| (r.finish - r.start).num_days() + 1;
            let total: i64 = steps.iter().map(length).sum();
            let done: i64 = steps
                .iter()
                .map(|r| length(r) * i64::from(r.progress))
                .sum();
            rows[i].start = first;
            rows[i].finish = last;
            rows[i].progress = (done / total.max(1)) as u8;
        }
        i = end;
    }
    rows
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
    let rows = Memo::new(move |_| {
        let rows = rows.get();
        if rows.iter().any(|r| r.heading) {
            with_summaries(rows)
        } else {
            rows
        }
    });
    let i18n = use_i18n();
    let lang = use_lang();
    let zoom = RwSignal::new(Zoom::Day);
    let scroll_top = RwSignal::new(0.0);
    let viewport = RwSignal::new(480.0);
    let scroll_left = RwSignal::new(0.0);
    // Until the first scroll tells the real width: wide enough for the
    // first view on any screen.
    let viewport_width = RwSignal::new(2560.0);
    let drag = RwSignal::new(None::<Drag>);
    let today = crate::ui::clock::use_today();

    // The plan's first and last day.
    let span = move || {
        let rows = rows.read();
        let first = rows.iter().filter(|r| !r.heading).map(|r| r.start).min()?;
        let last = rows.iter().filter(|r| !r.heading).map(|r| r.finish).max()?;
        Some((first, last))
    };
    let scale = Memo::new(move |_| {
        let today = today.get();
        let (first, last) = span().unwrap_or((today, today));
        Scale::covering(first.min(today), last.max(today), zoom.get())
    });
    let scroller = NodeRef::<leptos::html::Div>::new();
    let jump_to = move |day: NaiveDate| {
        if let Some(el) = scroller.get_untracked() {
            el.set_scroll_left(scroll_to(&scale.get_untracked(), day) as i32);
        }
    };
    // The first view: today if it is in the plan, else the plan's start,
    // once the plan is there (after the chart has its width).
    let opened = RwSignal::new(false);
    Effect::new(move |_| {
        if opened.get_untracked() {
            return;
        }
        if let Some((first, last)) = span() {
            opened.set(true);
            let day = opening_day(today.get_untracked(), first, last);
            request_animation_frame(move || jump_to(day));
        }
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
    // The days whose labels and shading are drawn; changes only every
    // `WINDOW_STEP` pixels of horizontal scrolling.
    let days =
        Memo::new(move |_| visible_days(&scale.read(), scroll_left.get(), viewport_width.get()));
    // A row by step id, with its position.
    let lookup = move |id: StepId| {
        let i = *index_of.read().get(&id)?;
        rows.read().get(i).map(|row| (i, row.clone()))
    };
    let height = move || AXIS_HEIGHT + rows.read().len() as f64 * ROW_HEIGHT;

    // Holidays and days off near the view; not drawn at month zoom (too
    // dense).
    let shaded = Memo::new(move |_| {
        let scale = scale.get();
        if zoom.get() == Zoom::Month {
            return Vec::new();
        }
        let calendar = calendar.get();
        // Weekends are one repeating background (below); only holidays and
        // days off on weekdays need elements of their own.
        scale
            .dates_in(days.get())
            .filter(|d| {
                !matches!(d.weekday(), Weekday::Sat | Weekday::Sun) && !calendar.is_working_day(*d)
            })
            .map(|d| scale.x(d))
            .collect::<Vec<_>>()
    });
    // The axis near the view: month headings (day zoom) and ticks, as
    // (x, text, is a month heading).
    let axis = Memo::new(move |_| {
        let (scale, zoom, days) = (scale.read(), zoom.get(), days.get());
        let months_above = match zoom {
            Zoom::Day => month_ticks(&scale, months(), days.clone()),
            _ => Vec::new(),
        };
        let ticks = axis_ticks(&scale, zoom, months(), days);
        let heading = |month| move |(x, text)| (x, text, month);
        months_above
            .into_iter()
            .map(heading(true))
            .chain(ticks.into_iter().map(heading(false)))
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
            scroll_left.set(el.scroll_left() as f64);
            viewport.set(el.client_height() as f64);
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
                <span class="timeline__jump" role="group" aria-label=move || t_string!(i18n, timeline_view.jump)>
                    <button type="button" class="button button--ghost" on:click=move |_| jump_to(today.get_untracked())>
                        {Signal::derive(move || t_string!(i18n, timeline_view.to_today).to_string())}
                    </button>
                    <button type="button" class="button button--ghost"
                        on:click=move |_| if let Some((first, _)) = untrack(span) { jump_to(first) }>
                        {Signal::derive(move || t_string!(i18n, timeline_view.to_start).to_string())}
                    </button>
                </span>
            </div>
            // Every mark of the chart, explained (plain markup, as the marks
            // are drawn).
            <ul class="timeline__legend muted" aria-label=move || t_string!(i18n, timeline_view.legend)>
                {move || [
                    ("critical", t_string!(i18n, timeline.critical)),
                    ("badge", t_string!(i18n, timeline.late)),
                    ("milestone", t_string!(i18n, timeline_view.milestone)),
                    ("progress", t_string!(i18n, timeline_view.progress)),
                    ("planned", t_string!(i18n, timeline_view.planned)),
                    ("today", t_string!(i18n, timeline_view.today)),
                    ("holiday", t_string!(i18n, timeline_view.holiday)),
                    ("weekend", t_string!(i18n, timeline_view.weekend)),
                ].map(|(mark, text)| view! {
                    <li><span class=format!("legend legend--{mark}")>{(mark == "badge").then_some("+2")}</span>{text}</li>
                }).collect_view()}
            </ul>
            <div class="timeline__scroll" node_ref=scroller role="region" aria-label=move || label.get() tabindex="0" on:scroll=on_scroll
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
                        // Only the labels near the view; keyed by place and
                        // text, so scrolling adds only the new ones at the
                        // edge (a rebuild of all costs ~5 ms a frame).
                        <div class="timeline__axis">
                            <For each=move || axis.get() key=|(x, text, month)| (x.to_bits(), text.clone(), *month)
                                children=|(x, text, month)| view! {
                                    <span class=if month { "timeline__month" } else { "timeline__tick" }
                                        style:left=format!("{x}px")>{text}</span>
                                } />
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
                        <div class="timeline__today" role="img" style:left=move || format!("{}px", scale.get().x(today.get()))
                            aria-label=move || format!("{} {}", t_string!(i18n, timeline_view.today), format_date(today.get(), lang.get()))
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
                        // Keyed by step id: scrolling creates only the bars
                        // that come into view, and a bar that is moved or
                        // resized is updated in place (it keeps the focus).
                        <For
                            each=move || {
                                let rows = rows.read();
                                visible.get().map(|i| rows[i].id).collect::<Vec<_>>()
                            }
                            key=|id| *id
                            children=move |id| {
                                // The row as it is now; a row that has just
                                // left the chart keeps its last look until
                                // its element goes.
                                let entry = Memo::new(move |prev: Option<&Option<(usize, TimelineRow)>>| {
                                    lookup(id).or_else(|| prev.cloned().flatten())
                                });
                                let row = move || entry.read().as_ref().map(|e| e.1.clone());
                                let x = Memo::new(move |_| row().map_or((0.0, 0.0), |row| bar_x(&row)));
                                let milestone = Memo::new(move |_| entry.read().as_ref().is_some_and(|e| e.1.milestone));
                                // Strings in signals of one type (shared code
                                // keeps the wasm small).
                                let class = Signal::derive(move || {
                                    let entry = entry.read();
                                    let Some((_, row)) = entry.as_ref() else { return String::new() };
                                    // A heading row's bar is its project's summary.
                                    let mut class = String::from(match (row.milestone, row.heading) {
                                        (true, _) => "timeline__milestone",
                                        (_, true) => "timeline__bar is-summary",
                                        _ => "timeline__bar",
                                    });
                                    if row.critical {
                                        class.push_str(" is-critical");
                                    }
                                    if row.late_days > 0 {
                                        class.push_str(" is-late");
                                    }
                                    if drag.read().is_some_and(|d| d.step == id) {
                                        class.push_str(" is-dragging");
                                    }
                                    class
                                });
                                // Inline styles only through the style
                                // properties: the page's CSP refuses a style
                                // attribute.
                                let px = |v: f64| format!("{v}px");
                                let left = Signal::derive(move || px(x.get().0 - if milestone.get() { 8.0 } else { 0.0 }));
                                let width = Signal::derive(move || { let (x1, x2) = x.get(); px((x2 - x1).max(4.0)) });
                                let top = Signal::derive(move || {
                                    let top = AXIS_HEIGHT + entry.read().as_ref().map_or(0, |e| e.0) as f64 * ROW_HEIGHT + 7.0;
                                    px(if milestone.get() { top + 3.0 } else { top })
                                });
                                let progress = Signal::derive(move || format!("{}%", entry.read().as_ref().map_or(0, |e| e.1.progress)));
                                let text = Signal::derive(move || entry.read().as_ref().map(|e| e.1.label.clone()).unwrap_or_default());
                                // Where a slipped step was planned: its bar moved back by
                                // the slip (working days).
                                let planned = move || {
                                    let row = row()?;
                                    if row.slip_days == 0 || row.milestone {
                                        return None;
                                    }
                                    let finish = calendar.read().add_working_days(row.finish, -row.slip_days)?;
                                    Some((finish - (row.finish - row.start), finish))
                                };
                                let name = Signal::derive(move || {
                                    let Some(row) = row() else { return String::new() };
                                    let dates = format!("{} – {}", format_date(row.start, lang.get()), format_date(row.finish, lang.get()));
                                    let mut name = format!("{}: {}", row.label, dates);
                                    if row.critical {
                                        name.push_str(&format!(", {}", t_string!(i18n, timeline.critical)));
                                    }
                                    if row.late_days > 0 {
                                        name.push_str(&format!(", {} +{}", t_string!(i18n, timeline.late), row.late_days));
                                    }
                                    if row.progress > 0 {
                                        name.push_str(&format!(", {} {} %", t_string!(i18n, timeline_view.progress), row.progress));
                                    }
                                    if let Some((start, finish)) = planned() {
                                        name.push_str(&format!(", {} {} – {}", t_string!(i18n, timeline_view.planned),
                                            format_date(start, lang.get()), format_date(finish, lang.get())));
                                    }
                                    name
                                });
                                let late_days = move || entry.read().as_ref().map_or(0, |e| e.1.late_days);
                                // The planned bar sits under the bar, placed
                                // relative to it.
                                let no_ghost = Signal::derive(move || planned().is_none());
                                let ghost_x = move |end: bool| {
                                    let Some((start, finish)) = planned() else { return px(0.0) };
                                    let s = scale.get();
                                    let from = s.x(start);
                                    px(if end { s.x(finish) + s.px - from } else { from - x.get().0 })
                                };
                                let ghost_left = Signal::derive(move || ghost_x(false));
                                let ghost_width = Signal::derive(move || ghost_x(true));
                                // Too long for its bar: the label goes beside it.
                                let outside = Signal::derive(move || {
                                    let (x1, x2) = x.get();
                                    !label_inside(x2 - x1, &text.get())
                                });
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
                                // Rebuilt only when the step becomes or stops
                                // being a milestone.
                                move || if milestone.get() {
                                    view! {
                                        <button type="button" class=class style:left=left style:top=top
                                            aria-label=name title=name on:keydown=keys
                                            on:pointerdown=move |ev| start_drag(ev, DragMode::Move)>
                                        </button>
                                    }.into_any()
                                } else {
                                    view! {
                                        <button type="button" class=class style:left=left style:width=width style:top=top
                                            class:is-label-outside=outside aria-label=name title=name on:keydown=keys
                                            on:pointerdown=move |ev| start_drag(ev, DragMode::Move)>
                                            <span class="timeline__progress" style:width=progress></span>
                                            <span class="timeline__bar-text">{text}</span>
                                            <span class="timeline__ghost" aria-hidden="true" class:is-hidden=no_ghost
                                                style:left=ghost_left style:width=ghost_width></span>
                                            {move || (late_days() > 0).then(|| view! { <span class="timeline__late">{format!("+{}", late_days())}</span> })}
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
