//! "Today" that follows the clock.
//!
//! An installed app stays open for days. Every view that shows today (the
//! dashboard's date, the calendar's today marker, the timeline's today
//! line, overdue marks) reads one signal, which moves on at local
//! midnight and whenever the page becomes visible again (a laptop woken up
//! the next morning, where timers may not have fired).

use chrono::{Local, NaiveDate, Timelike};
use leptos::prelude::*;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

/// Today's date, as a signal.
#[derive(Clone, Copy)]
pub struct Today(RwSignal<NaiveDate>);

fn now() -> NaiveDate {
    Local::now().date_naive()
}

/// Milliseconds from now until just after the next local midnight.
fn millis_to_midnight() -> i32 {
    let now = Local::now();
    let seconds_left = 86_400 - i64::from(now.num_seconds_from_midnight());
    let millis = seconds_left * 1000 - i64::from(now.timestamp_subsec_millis()) + 500;
    // A DST change day is an hour shorter or longer; checking again then
    // costs nothing, so an hour's wait at most keeps the timer honest.
    millis.clamp(1_000, 3_600_000) as i32
}

/// Starts the clock and makes [`use_today`] available below.
pub fn provide_today() {
    let today = RwSignal::new(now());
    let check = move || {
        let date = now();
        if today.get_untracked() != date {
            today.set(date);
        }
    };
    arm_timer(check);
    if let Some(document) = web_sys::window().and_then(|w| w.document()) {
        let on_visible = Closure::<dyn Fn()>::new(check);
        let _ = document.add_event_listener_with_callback(
            "visibilitychange",
            on_visible.as_ref().unchecked_ref(),
        );
        // The app lives as long as the page, and so does the listener.
        on_visible.forget();
    }
    provide_context(Today(today));
}

/// Checks the date shortly after midnight (or within the hour), then
/// again.
fn arm_timer(check: impl Fn() + Copy + 'static) {
    let Some(window) = web_sys::window() else {
        return;
    };
    let tick = Closure::once_into_js(move || {
        check();
        arm_timer(check);
    });
    let _ = window.set_timeout_with_callback_and_timeout_and_arguments_0(
        tick.unchecked_ref(),
        millis_to_midnight(),
    );
}

/// Today's date; moves on at midnight. Outside the app (a test mounting a
/// single component) it is the date at the call.
pub fn use_today() -> Signal<NaiveDate> {
    match use_context::<Today>() {
        Some(Today(today)) => today.into(),
        None => Signal::stored(now()),
    }
}
