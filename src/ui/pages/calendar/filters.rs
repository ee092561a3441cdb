//! Which kinds of entries the calendar shows: one checkbox per kind, each
//! with its glyph and colour, so the filter doubles as the legend.

use std::collections::BTreeSet;

use leptos::prelude::*;

use crate::i18n::{t_string, use_i18n};
use crate::state::agenda::EntryKind;

use super::entry::{kind_label, KindGlyph};

#[component]
pub fn KindFilter(shown: RwSignal<BTreeSet<EntryKind>>) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <fieldset class="cal-filter">
            <legend class="cal-filter__legend">{move || t_string!(i18n, cal.filter)}</legend>
            {EntryKind::ALL.into_iter().map(|kind| {
                let id = format!("cal-filter-{}", kind.key());
                view! {
                    <div class="cal-filter__item">
                        <input id=id.clone() type="checkbox" prop:checked=move || shown.read().contains(&kind)
                            on:change=move |ev| {
                                let on = event_target_checked(&ev);
                                shown.update(|set| { if on { set.insert(kind); } else { set.remove(&kind); } });
                            } />
                        <label for=id><KindGlyph kind=kind /> {move || kind_label(i18n, kind)}</label>
                    </div>
                }
            }).collect_view()}
        </fieldset>
    }
}
