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

use crate::domain::{Assignee, RunningTimer, StepId};
use crate::i18n::{lang_of, t_string, use_i18n, I18nContext, Locale};
use crate::state::time_entries::hours_text;
use crate::state::timer::{booking, elapsed_text, start_timer, stop_timer, Stopped};
use crate::store::preferences::Preferences;
use crate::ui::app_state::{use_app_state, AppState, Flash, FlashKind};

/// What the last start or stop booked (or why not), shown in the shell's
/// live region. A plain signal of a type the app has anyway: the shell is
/// first-load code.
#[derive(Clone, Copy)]
struct TimerNotice(RwSignal<Option<Flash>>);

/// Makes the notice available to every timer control; called once by the
/// shell.
pub fn provide_timer_notice() {
    provide_context(TimerNotice(RwSignal::new(None)));
}

fn timer_notice() -> RwSignal<Option<Flash>> {
    use_context::<TimerNotice>()
        .map(|n| n.0)
        .unwrap_or_else(|| RwSignal::new(None))
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

/// Starts a timer on `step`; one that runs is stopped and booked first.
fn start(
    state: AppState,
    i18n: I18nContext<Locale>,
    notice: RwSignal<Option<Flash>>,
    step: StepId,
) {
    notice.set(None);
    let running = stored_timer(state);
    let (timer, stopped) = start_timer(running, step, Assignee::Me, Utc::now(), local);
    state.update_prefs(|p| p.timer = Some(timer));
    if let (Some(old), Some(stopped)) = (running, stopped) {
        book(state, i18n, notice, old, stopped);
    }
}

/// Stops the running timer and books what it measured.
fn stop(state: AppState, i18n: I18nContext<Locale>, notice: RwSignal<Option<Flash>>) {
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
    notice: RwSignal<Option<Flash>>,
    timer: RunningTimer,
    stopped: Stopped,
) {
    let title = state
        .data
        .with_untracked(|d| d.step(timer.step).map(|s| s.title.clone()))
        .unwrap_or_default();
    let (kind, text) = match stopped {
        Stopped::TooShort => (
            FlashKind::Info,
            t_string!(i18n, time.too_short, step = &title).to_string(),
        ),
        Stopped::Booked(entries) => {
            let hours = entries.iter().map(|e| e.hours).sum::<f64>();
            let hours = hours_text(hours, lang_of(i18n.get_locale_untracked()));
            let label = t_string!(i18n, time.booked, hours = &hours, step = &title).to_string();
            match state.execute(label.clone(), Ok(booking(&entries))) {
                Ok(()) => (FlashKind::Info, label),
                Err(error) => (FlashKind::Error, state.refusal_text(&error)),
            }
        }
    };
    notice.set(Some(Flash { kind, text }));
}

/// Start or stop the timer on one step. Its name says which and on what
/// ("Timer starten: Konzept"); kept to few reactive parts, it is on the
/// dashboard (first load).
#[component]
pub fn TimerButton(step: StepId, #[prop(into)] title: Signal<String>) -> impl IntoView {
    let i18n = use_i18n();
    let state = use_app_state();
    let notice = timer_notice();
    let on = move || {
        state
            .prefs
            .with(|p| p.timer.is_some_and(|t| t.step == step))
    };
    let what = move || {
        if on() {
            ("■", t_string!(i18n, time.stop_timer))
        } else {
            ("▶", t_string!(i18n, time.start))
        }
    };
    view! {
        <button type="button" class="button button--small timer-button"
            aria-label=move || format!("{}: {}", what().1, title.get())
            on:click=move |_| if on() { stop(state, i18n, notice) } else { start(state, i18n, notice, step) }>
            {move || { let (icon, text) = what(); format!("{icon} {text}") }}
        </button>
    }
}

/// The shell's compact control: while a timer runs, its step, the time so
/// far and Stop; below, in a live region that is always there, what the
/// last start or stop booked.
#[component]
pub fn ShellTimer() -> impl IntoView {
    let i18n = use_i18n();
    let state = use_app_state();
    let notice = timer_notice();
    // Flipped once a second while a timer runs, so the elapsed time is
    // read again (a bool signal: the app has its code already).
    let tick = RwSignal::new(false);
    let handle = set_interval_with_handle(
        move || {
            if state.prefs.with_untracked(|p| p.timer.is_some()) {
                tick.update(|t| *t = !*t);
            }
        },
        std::time::Duration::from_secs(1),
    );
    // The shell lives as long as the page; so does the tick.
    std::mem::forget(handle);
    view! {
        <div class="shell-timer">
            {move || state.prefs.with(|p| p.timer).map(|timer| view! {
                <div class="shell-timer__bar" role="group" aria-label=move || t_string!(i18n, time.running)>
                    <span class="shell-timer__dot" aria-hidden="true"></span>
                    <span class="shell-timer__step">
                        {move || state.data.with(|d| d.step(timer.step).map(|s| s.title.clone()))}
                    </span>
                    <span class="shell-timer__elapsed" role="timer">
                        {move || { tick.track(); elapsed_text(&timer, Utc::now()) }}
                    </span>
                    <button type="button" class="button button--small" on:click=move |_| stop(state, i18n, notice)>
                        {move || t_string!(i18n, time.stop)}
                    </button>
                </div>
            })}
            <p class="shell-timer__notice" role="status">
                {move || notice.get().map(|n| view! { <span>{n.text}</span> })}
            </p>
        </div>
    }
}
