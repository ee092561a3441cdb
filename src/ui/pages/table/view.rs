//! The grid itself: a `role="grid"` table that draws only the lines in
//! view (spacer rows keep the scroll height; every line has the same
//! height), with one active cell (a roving tab stop) moved by the arrow
//! keys, edited with Enter (Esc cancels, Enter or Tab commits), the first
//! column pinned while scrolling sideways, and on a phone each row drawn
//! as a card of label: value lines (style/components.css, `.grid`).

use leptos::ev;
use leptos::prelude::*;
use uuid::Uuid;
use wasm_bindgen::JsCast;

use crate::i18n::{t_string, use_i18n};
use crate::state::grid::{
    scroll_to_show, window as visible_window, Cell, GridKind, GridRow, Layout, Line,
};
use crate::ui::components::language::use_lang;

use super::cells::{cell_text, column_label, edit_text, late_badge};

/// Height of a line on a wide screen, in pixels (style: `.grid__row`).
const ROW_HEIGHT: f64 = 40.0;
/// A card on a phone: one line per shown column plus its padding and gap.
const CARD_LINE: f64 = 28.0;
const CARD_EXTRA: f64 = 28.0;
/// Below this width rows become cards (style: the same media query).
const PHONE_WIDTH: f64 = 640.0;
/// Lines drawn beyond the viewport on each side.
const OVERSCAN: usize = 8;

/// A typed edit of one cell: the row's id, the column's key and the text.
pub type CellEdit = (Uuid, &'static str, String);

fn is_phone() -> bool {
    window()
        .inner_width()
        .ok()
        .and_then(|w| w.as_f64())
        .is_some_and(|w| w < PHONE_WIDTH)
}

pub fn focus_by_id(id: String, select: bool) {
    request_animation_frame(move || {
        let Some(element) = document().get_element_by_id(&id) else {
            return;
        };
        if let Ok(input) = element.clone().dyn_into::<web_sys::HtmlInputElement>() {
            let _ = input.focus();
            if select {
                input.select();
            }
        } else if let Ok(el) = element.dyn_into::<web_sys::HtmlElement>() {
            let _ = el.focus();
        }
    });
}

#[component]
pub fn Grid(
    kind: GridKind,
    /// Filtered and sorted rows.
    rows: Memo<Vec<GridRow>>,
    /// The body's lines over `rows` (with group headings).
    lines: Memo<Vec<Line>>,
    layout: Memo<Layout>,
    totals: Memo<Vec<Option<Cell>>>,
    /// Sorted by which column of the kind, ascending; `None` = as listed.
    sort: RwSignal<Option<(usize, bool)>>,
    /// Saves an edited cell, or says why not.
    edit: Callback<CellEdit, Result<(), String>>,
    #[prop(into)] label: Signal<String>,
) -> impl IntoView {
    let i18n = use_i18n();
    let lang = use_lang();
    let prefix = format!("grid-{}", kind.key());
    let cell_id = {
        let prefix = prefix.clone();
        move |line: usize, pos: usize| format!("{prefix}-{line}-{pos}")
    };
    let edit_id = format!("{prefix}-edit");
    let error_id = format!("{prefix}-error");
    let hint_id = format!("{prefix}-hint");

    let scroller = NodeRef::<leptos::html::Div>::new();
    let scroll_top = RwSignal::new(0.0);
    let viewport = RwSignal::new(600.0);
    let header_height = RwSignal::new(ROW_HEIGHT);
    let phone = RwSignal::new(is_phone());
    let measure = move || {
        if let Some(el) = scroller.get_untracked() {
            viewport.set(f64::from(el.client_height()));
            if let Some(head) = el.query_selector("thead").ok().flatten() {
                header_height.set(f64::from(head.client_height()));
            }
        }
        phone.set(is_phone());
    };
    Effect::new(move |_| {
        if scroller.get().is_some() {
            measure();
        }
    });
    let resize = window_event_listener(ev::resize, move |_| measure());
    on_cleanup(move || resize.remove());

    let row_height = Memo::new(move |_| {
        if phone.get() {
            CARD_EXTRA + CARD_LINE * layout.read().shown.len() as f64
        } else {
            ROW_HEIGHT
        }
    });
    let span = Memo::new(move |_| {
        visible_window(
            lines.read().len(),
            row_height.get(),
            scroll_top.get(),
            viewport.get(),
            OVERSCAN,
        )
    });
    // The drawn lines, keyed by their place, record and revision: an
    // edited row is drawn anew, the others stay as they are.
    let drawn = Memo::new(move |_| {
        let w = span.get();
        lines.with(|ls| {
            rows.with(|rs| {
                (w.start..w.end.min(ls.len()))
                    .map(|i| {
                        let id = match &ls[i] {
                            Line::Row(r) => rs.get(*r).map_or(0, |r| r.id.as_u128()),
                            Line::Group { .. } => 0,
                        };
                        ((i, id, ls[i].revision(rs)), ls[i].clone())
                    })
                    .collect::<Vec<_>>()
            })
        })
    });

    // The active cell (line, position among the shown columns) and the
    // text of its editor while editing.
    let active = RwSignal::new((0usize, 0usize));
    let editing = RwSignal::new(None::<String>);
    let error = RwSignal::new(None::<String>);

    let focus_cell = {
        let cell_id = cell_id.clone();
        move |line: usize, pos: usize| focus_by_id(cell_id(line, pos), false)
    };
    let move_to = {
        let focus_cell = focus_cell.clone();
        move |line: usize, pos: usize| {
            active.set((line, pos));
            let h = row_height.get_untracked();
            if let Some(top) = scroll_to_show(
                line,
                h,
                scroll_top.get_untracked(),
                viewport.get_untracked(),
                header_height.get_untracked(),
            ) {
                if let Some(el) = scroller.get_untracked() {
                    el.set_scroll_top(top as i32);
                }
                scroll_top.set(top);
            }
            focus_cell(line, pos);
        }
    };
    // The row and column under the active cell, if it is an editable cell
    // of a record (group headings are not edited).
    let target = move |line: usize, pos: usize| -> Option<(Uuid, &'static str, Cell)> {
        let Some(Line::Row(r)) = lines.with_untracked(|l| l.get(line).cloned()) else {
            return None;
        };
        let column = *layout
            .with_untracked(|l| l.shown.get(pos).copied())
            .as_ref()?;
        let spec = kind.columns().get(column)?;
        if !spec.editable {
            return None;
        }
        rows.with_untracked(|rs| {
            let row = rs.get(r)?;
            Some((row.id, spec.key, row.cells.get(column)?.clone()))
        })
    };
    let start_edit = {
        let edit_id = edit_id.clone();
        move |line: usize, pos: usize| {
            if let Some((_, _, cell)) = target(line, pos) {
                error.set(None);
                editing.set(Some(edit_text(&cell, lang.get_untracked())));
                focus_by_id(edit_id.clone(), true);
            }
        }
    };
    let cancel = {
        let focus_cell = focus_cell.clone();
        move || {
            let (line, pos) = active.get_untracked();
            editing.set(None);
            error.set(None);
            focus_cell(line, pos);
        }
    };
    // Saves the editor's text; on a refusal the editor stays open with the
    // person's text and the reason.
    let commit = {
        let focus_cell = focus_cell.clone();
        move |refocus: bool| -> bool {
            let Some(text) = editing.get_untracked() else {
                return true;
            };
            let (line, pos) = active.get_untracked();
            let Some((id, key, _)) = target(line, pos) else {
                editing.set(None);
                return true;
            };
            match edit.run((id, key, text)) {
                Ok(()) => {
                    editing.set(None);
                    error.set(None);
                    if refocus {
                        focus_cell(line, pos);
                    }
                    true
                }
                Err(reason) => {
                    error.set(Some(reason));
                    false
                }
            }
        }
    };

    let on_keydown = {
        let move_to = move_to.clone();
        let start_edit = start_edit.clone();
        let cancel = cancel.clone();
        let commit = commit.clone();
        move |ev: ev::KeyboardEvent| {
            let (line, pos) = active.get_untracked();
            let count = lines.with_untracked(Vec::len);
            let columns = layout.with_untracked(|l| l.shown.len());
            if count == 0 || columns == 0 {
                return;
            }
            let key = ev.key();
            if editing.get_untracked().is_some() {
                match key.as_str() {
                    "Enter" => {
                        ev.prevent_default();
                        commit(true);
                    }
                    "Tab" => {
                        ev.prevent_default();
                        if commit(false) {
                            let next = if ev.shift_key() {
                                pos.saturating_sub(1)
                            } else {
                                (pos + 1).min(columns - 1)
                            };
                            move_to(line, next);
                        }
                    }
                    "Escape" => {
                        ev.prevent_default();
                        cancel();
                    }
                    _ => {}
                }
                return;
            }
            let page = (viewport.get_untracked() / row_height.get_untracked()).max(1.0) as usize;
            let ctrl = ev.ctrl_key() || ev.meta_key();
            let to = match key.as_str() {
                "ArrowUp" => (line.saturating_sub(1), pos),
                "ArrowDown" => ((line + 1).min(count - 1), pos),
                "ArrowLeft" => (line, pos.saturating_sub(1)),
                "ArrowRight" => (line, (pos + 1).min(columns - 1)),
                "Home" if ctrl => (0, 0),
                "End" if ctrl => (count - 1, columns - 1),
                "Home" => (line, 0),
                "End" => (line, columns - 1),
                "PageUp" => (line.saturating_sub(page), pos),
                "PageDown" => ((line + page).min(count - 1), pos),
                // Tab goes along the row; from its ends it leaves the grid.
                "Tab" if ev.shift_key() && pos > 0 => (line, pos - 1),
                "Tab" if !ev.shift_key() && pos + 1 < columns => (line, pos + 1),
                "Enter" | "F2" => {
                    ev.prevent_default();
                    start_edit(line, pos);
                    return;
                }
                _ => return,
            };
            ev.prevent_default();
            move_to(to.0, to.1);
        }
    };

    let header = move |pos: usize, column: usize| {
        let spec = kind.columns()[column];
        let label = move || column_label(i18n, kind, spec.key);
        let sort_label = move || t_string!(i18n, table_page.sort_by, column = label());
        view! {
            <th role="columnheader" aria-colindex=pos + 1 scope="col"
                class="grid__head" class:num=spec.numeric class:grid__cell--pinned=pos == 0
                aria-sort=move || match sort.get() {
                    Some((c, true)) if c == column => "ascending",
                    Some((c, false)) if c == column => "descending",
                    _ => "none",
                }>
                <button type="button" class="sort-button" title=sort_label
                    on:click=move |_| sort.update(|s| *s = match *s {
                        Some((c, asc)) if c == column => Some((c, !asc)),
                        _ => Some((column, true)),
                    })>
                    {label}
                    <span aria-hidden="true" class="sort-mark">{move || match sort.get() {
                        Some((c, true)) if c == column => "▲",
                        Some((c, false)) if c == column => "▼",
                        _ => "",
                    }}</span>
                </button>
            </th>
        }
    };

    // One cell of line `line` at place `pos` (column `column` of the kind).
    let body_cell = {
        let cell_id = cell_id.clone();
        let edit_id = edit_id.clone();
        let error_id = error_id.clone();
        let start_edit = start_edit.clone();
        let commit = commit.clone();
        move |line: usize,
              pos: usize,
              column: usize,
              cell: Option<Cell>,
              title: String,
              group: bool| {
            let spec = kind.columns()[column];
            let heading = column_label(i18n, kind, spec.key);
            let lang_now = lang.get_untracked();
            let text = cell
                .as_ref()
                .map(|c| cell_text(i18n, c, lang_now))
                .unwrap_or_default();
            let badge = cell.as_ref().and_then(|c| late_badge(i18n, c));
            let full = match &badge {
                Some(b) => format!("{text} · {b}"),
                None => text.clone(),
            };
            let editable = spec.editable && !group;
            let is_active = move || active.get() == (line, pos);
            let is_editing = move || editable && is_active() && editing.read().is_some();
            let input_label = format!("{heading} {title}");
            let (edit_id, error_id) = (edit_id.clone(), error_id.clone());
            let commit = commit.clone();
            let start_edit = start_edit.clone();
            let shown = text.clone();
            let role = if pos == 0 { "rowheader" } else { "gridcell" };
            view! {
                <td role=role id=cell_id(line, pos) aria-colindex=pos + 1
                    class="grid__cell" class:num=spec.numeric class:grid__cell--pinned=pos == 0
                    class:grid__cell--editable=editable
                    class:grid__cell--active=is_active
                    aria-readonly=(!editable).then_some("true")
                    data-label=heading
                    title=full
                    tabindex=move || if is_active() { "0" } else { "-1" }
                    on:click=move |_| {
                        if is_editing() {
                            return;
                        }
                        // A click elsewhere drops a refused edit's text.
                        editing.set(None);
                        error.set(None);
                        active.set((line, pos));
                        if editable {
                            start_edit(line, pos);
                        }
                    }>
                    {move || if is_editing() {
                        let commit = commit.clone();
                        view! {
                            <input id=edit_id.clone() class="cell-input grid__input" type="text"
                                inputmode=if spec.numeric { "decimal" } else { "text" }
                                aria-label=input_label.clone()
                                aria-invalid=move || error.read().is_some().to_string()
                                aria-describedby=error_id.clone()
                                prop:value=move || editing.get().unwrap_or_default()
                                on:input=move |ev| editing.set(Some(event_target_value(&ev)))
                                on:blur=move |_| { commit(false); } />
                        }.into_any()
                    } else {
                        view! {
                            <span class="grid__value">{shown.clone()}</span>
                            {badge.clone().map(|b| view! { " "<span class="badge badge--late">{b}</span> })}
                        }.into_any()
                    }}
                </td>
            }
        }
    };

    let line_view = move |line: usize, content: Line, shown: Vec<usize>| {
        let height = move || format!("{}px", row_height.get());
        match content {
            Line::Row(r) => {
                let Some(row) = rows.with_untracked(|rs| rs.get(r).cloned()) else {
                    return ().into_any();
                };
                let title = row
                    .cells
                    .first()
                    .map(|c| cell_text(i18n, c, lang.get_untracked()))
                    .unwrap_or_default();
                let body_cell = body_cell.clone();
                view! {
                    <tr role="row" class="grid__row" class:row--critical=row.critical
                        aria-rowindex=line + 2 style:height=height>
                        {shown.iter().enumerate().map(|(pos, &column)| {
                            body_cell(line, pos, column, row.cells.get(column).cloned(), title.clone(), false)
                        }).collect_view()}
                    </tr>
                }
                .into_any()
            }
            Line::Group { label, count, sums } => {
                let name = if label.is_empty() {
                    t_string!(i18n, grid.no_group).to_string()
                } else {
                    label
                };
                let body_cell = body_cell.clone();
                view! {
                    <tr role="row" class="grid__row grid__group" aria-rowindex=line + 2 style:height=height>
                        {shown.iter().enumerate().map(|(pos, &column)| {
                            if pos == 0 {
                                let text = format!("{name} · {}", t_string!(i18n, grid.group_rows, count = count));
                                body_cell(line, pos, column, Some(Cell::Text(text)), name.clone(), true)
                            } else {
                                body_cell(line, pos, column, sums.get(column).cloned().flatten(), name.clone(), true)
                            }
                        }).collect_view()}
                    </tr>
                }
                .into_any()
            }
        }
    };

    let columns = move || layout.read().shown.len();
    let total_label = move || t_string!(i18n, grid.total).to_string();
    view! {
        <p id=hint_id.clone() class="muted grid__hint">{move || t_string!(i18n, grid.keys_hint)}</p>
        {move || error.get().map(|text| view! {
            <p id=error_id.clone() class="field__error grid__error" role="alert">{text}</p>
        })}
        <div class="grid-scroll sheet" node_ref=scroller
            on:scroll=move |ev| {
                if let Some(el) = ev.target().and_then(|t| t.dyn_into::<web_sys::Element>().ok()) {
                    scroll_top.set(f64::from(el.scroll_top()));
                }
            }>
            <table class="data-table grid" role="grid" aria-label=move || label.get()
                aria-describedby=hint_id
                aria-rowcount=move || lines.read().len() + 2
                aria-colcount=columns
                style:--grid-cols=move || columns().to_string()
                on:keydown=on_keydown>
                <colgroup>
                    // Fixed layout: the columns share the width (the pinned
                    // one gets most, numbers least), so all fit at 1,280 px.
                    {move || {
                        let shown = layout.get().shown;
                        let weight = |pos: usize, column: usize| {
                            let spec = kind.columns()[column];
                            match spec.key {
                                _ if pos == 0 => 1.6,
                                "start" | "finish" | "date" | "delivered" => 1.3,
                                "status" | "note" | "email" => 1.5,
                                "project" | "progress" => 1.35,
                                "assignee" => 1.2,
                                "unit" => 1.0,
                                _ if spec.numeric => 1.1,
                                _ => 1.25,
                            }
                        };
                        let sum: f64 = shown.iter().enumerate().map(|(p, &c)| weight(p, c)).sum();
                        shown.iter().enumerate().map(|(pos, &column)| {
                            let share = weight(pos, column) / sum * 100.0;
                            view! { <col style:width=format!("{share:.2}%") /> }
                        }).collect_view()
                    }}
                </colgroup>
                <thead>
                    <tr role="row" aria-rowindex="1">
                        {move || layout.get().shown.into_iter().enumerate().map(|(pos, column)| header(pos, column)).collect_view()}
                    </tr>
                </thead>
                <tbody>
                    <tr class="grid__spacer" aria-hidden="true" style:height=move || format!("{}px", span.get().before)>
                        <td colspan=columns></td>
                    </tr>
                    // Rebuilt when the columns or the language change.
                    {move || {
                        let shown = layout.get().shown;
                        lang.track();
                        let line_view = line_view.clone();
                        view! {
                            <For each=move || drawn.get() key=|(key, _)| *key let:item>
                                {line_view(item.0.0, item.1, shown.clone())}
                            </For>
                        }
                    }}
                    <tr class="grid__spacer" aria-hidden="true" style:height=move || format!("{}px", span.get().after)>
                        <td colspan=columns></td>
                    </tr>
                </tbody>
                <tfoot>
                    <tr role="row" class="grid__totals" aria-rowindex=move || lines.read().len() + 2>
                        {move || {
                            let sums = totals.get();
                            let lang_now = lang.get();
                            layout.get().shown.into_iter().enumerate().map(|(pos, column)| {
                                let spec = kind.columns()[column];
                                let heading = column_label(i18n, kind, spec.key);
                                if pos == 0 {
                                    view! { <th role="rowheader" scope="row" class="grid__cell grid__cell--pinned" data-label="">{total_label()}</th> }.into_any()
                                } else {
                                    let text = sums.get(column).cloned().flatten()
                                        .map(|c| cell_text(i18n, &c, lang_now)).unwrap_or_default();
                                    let empty = text.is_empty();
                                    view! { <td role="gridcell" class="grid__cell" class:num=spec.numeric
                                        class:grid__cell--empty=empty data-label=heading>{text}</td> }.into_any()
                                }
                            }).collect_view()
                        }}
                    </tr>
                </tfoot>
            </table>
        </div>
    }
}
