//! The project page's workload part: for everyone with hours in this
//! project, each of the next weeks with this project's hours beside their
//! whole week and its capacity, so the person sees whose week the project
//! fills (levelling itself is on the Network page, across projects).

use leptos::prelude::*;

use crate::domain::ProjectId;
use crate::i18n::{t_string, use_i18n};
use crate::state::workload::{people, person_name, project_workload, weeks_from, ME};
use crate::ui::app_state::use_app_state;
use crate::ui::clock::use_today;

/// Weeks shown, from this one.
const WEEKS: i64 = 8;

#[component]
pub fn ProjectWorkload(project: ProjectId) -> impl IntoView {
    let i18n = use_i18n();
    let state = use_app_state();
    let today = use_today();
    let weeks = Memo::new(move |_| weeks_from(today.get(), WEEKS));
    let rows = Memo::new(move |_| {
        let prefs = state.prefs.read();
        let data = state.data.read();
        let team = people(
            &data,
            f64::from(prefs.weekly_capacity_hours),
            &prefs.days_off,
        );
        let calendar = state.calendar.get();
        project_workload(&data, &calendar, today.get(), &team, project, &weeks.get())
    });
    let name_of = move |id: uuid::Uuid| {
        if id == ME {
            t_string!(i18n, workload.me).to_string()
        } else {
            person_name(&state.data.read_untracked(), id).unwrap_or_default()
        }
    };
    view! {
        <section class="card" aria-labelledby="project-workload-title">
            <h2 id="project-workload-title" class="card__title">{move || t_string!(i18n, progress.tab_workload)}</h2>
            <p class="muted">{move || t_string!(i18n, progress.workload_intro)}</p>
            <Show when=move || !rows.read().is_empty()
                fallback=move || view! { <p>{move || t_string!(i18n, progress.workload_empty)}</p> }>
                <div class="table-scroll">
                    <table class="data-table workload">
                        <thead>
                            <tr>
                                <th scope="col">{move || t_string!(i18n, workload.person)}</th>
                                {move || weeks.get().into_iter().map(|(_, w)| view! {
                                    <th scope="col" class="num">{move || t_string!(i18n, workload.week, w = &w)}</th>
                                }).collect_view()}
                            </tr>
                        </thead>
                        <tbody>
                            {move || rows.get().into_iter().map(|(who, cells)| view! {
                                <tr>
                                    <th scope="row">{name_of(who)}</th>
                                    {cells.into_iter().map(|c| {
                                        let text = t_string!(
                                            i18n,
                                            progress.workload_cell,
                                            project = &format!("{:.0}", c.project_hours + 0.0),
                                            total = &format!("{:.0}", c.total_hours + 0.0),
                                            capacity = &format!("{:.0}", c.capacity_hours)
                                        );
                                        view! {
                                            <td class="num" class:workload--over=c.overloaded>
                                                {text}
                                                {c.overloaded.then(|| view! { <span class="visually-hidden">{format!(" ({})", t_string!(i18n, workload.overloaded))}</span> })}
                                            </td>
                                        }
                                    }).collect_view()}
                                </tr>
                            }).collect_view()}
                        </tbody>
                    </table>
                </div>
            </Show>
        </section>
    }
}
