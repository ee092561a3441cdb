//! The time tracker's controls: a start/stop button for a step (step row,
//! dashboard, project page) and the compact control in the shell (the
//! step, the time so far, Stop), with the live region that says what a
//! stop booked. First-load code (the shell and the dashboard use it), so
//! it stays small: the rules are in `state::timer`.
//!
//! The running timer lives in the device's preferences, read fresh from
//! `localStorage` before each start or stop: a timer another tab stopped a
//! moment ago is not booked twice. Other tabs follow through the `storage`
//! event (`AppState`).

use chrono::{DateTime, Local, NaiveDateTime, Utc};
use leptos::prelude::*;
use leptos_router::components::A;

use crate::domain::{Assignee, RunningTimer, StepId};
use crate::i18n::{lang_of, t_string, use_i18n, I18nContext, Locale};
use crate::state::time_entries::hours_text;
use crate::state::timer::{booking, elapsed_text, start_timer, stop_timer, Stopped};
use crate::store::preferences::Preferences;
use crate::ui::app_state::{use_app_state, AppState};
use crate::ui::components::notice::{Notice, NoticeRegion};

/// What every timer control shares: where a stop's result is said, and
/// the clock the elapsed time ticks with.
#[derive(Clone, Copy)]
struct Tracker {
    notice: Notice,
    now: RwSignal<DateTime<Utc>>,
}

/// Starts the tracker's clock; called once by the shell, so every control
/// below shares its notice and its tick.
pub fn provide_tracker() {
    let tracker = Tracker {
        notice: Notice::new(),
        now: RwSignal::new(Utc::now()),
    };
    let state = use_app_state();
    // Once a second, and only while a timer runs, the time moves on.
    let tick = set_interval_with_handle(
        move || {
            if state.prefs.with_untracked(|p| p.timer.is_some()) {
                tracker.now.set(Utc::now());
            }
        },
        std::time::Duration::from_secs(1),
    );
    // The shell lives as long as the page; so does the tick.
    std::mem::forget(tick);
    provide_context(tracker);
}

fn tracker() -> Tracker {
    use_context::<Tracker>().unwrap_or_else(|| Tracker {
        notice: Notice::new(),
        now: RwSignal::new(Utc::now()),
    })
}

/// The person's wall time, so hours land on the days they were worked.
fn local(t: DateTime<Utc>) -> NaiveDateTime {
    t.with_timezone(&Local).naive_local()
}

/// The timer as stored now (another tab may have changed it a moment
/// ago); this tab's copy if `localStorage` cannot be read.
fn stored_timer(state: AppState) -> Option<RunningTimer> {
    Preferences::stored()
        .map(|p| p.timer)
        .unwrap_or_else(|| state.prefs.with_untracked(|p| p.timer))
}

fn step_title(state: AppState, step: StepId) -> String {
    state
        .data
        .with_untracked(|d| d.step(step).map(|s| s.title.clone()))
        .unwrap_or_default()
}

/// Starts a timer on `step`; one that runs is stopped and booked first.
pub fn start(state: AppState, i18n: I18nContext<Locale>, step: StepId) {
    let notice = tracker().notice;
    notice.clear();
    let running = stored_timer(state);
    let now = Utc::now();
    let (timer, stopped) = start_timer(running, step, Assignee::Me, now, local);
    state.update_prefs(|p| p.timer = Some(timer));
    tracker().now.set(now);
    if let (Some(old), Some(stopped)) = (running, stopped) {
        book(state, i18n, notice, old, stopped);
    }
}

/// Stops the running timer and books what it measured.
pub fn stop(state: AppState, i18n: I18nContext<Locale>) {
    let notice = tracker().notice;
    let running = stored_timer(state);
    // Cleared first: a second click (or tab) finds nothing to book twice.
    state.update_prefs(|p| p.timer = None);
    if let Some(timer) = running {
        book(
            state,
            i18n,
            notice,
            timer,
            stop_timer(timer, Utc::now(), local),
        );
    }
}

fn book(
    state: AppState,
    i18n: I18nContext<Locale>,
    notice: Notice,
    timer: RunningTimer,
    stopped: Stopped,
) {
    let title = step_title(state, timer.step);
    match stopped {
        Stopped::TooShort => notice.info(t_string!(i18n, time.too_short, step = &title)),
        Stopped::Booked(entries) => {
            let hours = entries.iter().map(|e| e.hours).sum::<f64>();
            let hours = hours_text(hours, lang_of(i18n.get_locale_untracked()));
            let label = t_string!(i18n, time.booked, hours = &hours, step = &title).to_string();
            if notice.run(state, label.clone(), Ok(booking(&entries))) {
                notice.info(label);
            }
        }
    }
}

/// Start or stop the timer on one step. Its name says which and on what
/// ("Timer für „Konzept“ starten").
#[component]
pub fn TimerButton(step: StepId, #[prop(into)] title: Signal<String>) -> impl IntoView {
    let i18n = use_i18n();
    let state = use_app_state();
    let on = move || {
        state
            .prefs
            .with(|p| p.timer.is_some_and(|t| t.step == step))
    };
    view! {
        <button type="button" class="button button--small timer-button" class:timer-button--on=on
            aria-label=move || if on() {
                t_string!(i18n, time.stop_on, step = title.get()).to_string()
            } else {
                t_string!(i18n, time.start_on, step = title.get()).to_string()
            }
            on:click=move |_| if on() { stop(state, i18n) } else { start(state, i18n, step) }>
            <span aria-hidden="true">{move || if on() { "■ " } else { "▶ " }}</span>
            {move || if on() { t_string!(i18n, time.stop) } else { t_string!(i18n, time.start) }}
        </button>
    }
}

/// The shell's compact control: while a timer runs, its step (a link to
/// it), the time so far and Stop; below, what the last stop booked.
#[component]
pub fn ShellTimer() -> impl IntoView {
    let i18n = use_i18n();
    let state = use_app_state();
    let tracker = tracker();
    let running = Memo::new(move |_| state.prefs.with(|p| p.timer));
    view! {
        <div class="shell-timer">
            {move || running.get().map(|timer| {
                let title = move || state.data.with(|d| d.step(timer.step).map(|s| (s.title.clone(), s.project)));
                let href = move || title().map(|(_, p)| format!("/projects/{}#step-{}", p.0, timer.step.0)).unwrap_or_default();
                view! {
                    <div class="shell-timer__bar" role="group" aria-label=move || t_string!(i18n, time.running)>
                        <span class="shell-timer__dot" aria-hidden="true"></span>
                        <A href=href attr:class="shell-timer__step">{move || title().map(|(t, _)| t).unwrap_or_default()}</A>
                        <span class="shell-timer__elapsed" role="timer">
                            {move || elapsed_text(&timer, tracker.now.get().max(timer.started))}
                        </span>
                        <button type="button" class="button button--small" on:click=move |_| stop(state, i18n)>
                            {move || t_string!(i18n, time.stop)}
                        </button>
                    </div>
                }
            })}
            <NoticeRegion notice=tracker.notice />
        </div>
    }
}
