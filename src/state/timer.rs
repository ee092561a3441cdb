//! The time tracker: at most one timer runs; stopping it books what it
//! measured as time entries.
//!
//! The running timer is a small preference (it must survive a reload, a
//! closed browser and be seen by a second tab, see `store::preferences`);
//! this module holds its rules, so they are tested natively.

use chrono::{DateTime, Duration, NaiveDateTime, Utc};

pub use crate::domain::RunningTimer;
use crate::domain::{Assignee, StepId, TimeEntry};

/// What stopping a timer gave.
#[derive(Debug, Clone, PartialEq)]
pub enum Stopped {
    /// One entry per local day the timer ran on (split at midnight).
    Booked(Vec<TimeEntry>),
    /// It ran less than a minute: nothing is booked.
    TooShort,
}

/// Starts a timer on `step` for `person` at `now`. A timer that was running
/// is stopped first (at most one runs), and what it measured is returned.
pub fn start_timer(
    running: Option<RunningTimer>,
    step: StepId,
    person: Assignee,
    now: DateTime<Utc>,
    local: impl Fn(DateTime<Utc>) -> NaiveDateTime,
) -> (RunningTimer, Option<Stopped>) {
    let stopped = running.map(|t| stop_timer(t, now, local));
    (
        RunningTimer {
            step,
            person,
            started: now,
        },
        stopped,
    )
}

/// Stops `timer` at `now`. `local` turns an instant into the person's wall
/// time, so the hours land on the days they were worked. Hours are rounded
/// to hundredths; a day with less than a minute gets no entry.
pub fn stop_timer(
    timer: RunningTimer,
    now: DateTime<Utc>,
    local: impl Fn(DateTime<Utc>) -> NaiveDateTime,
) -> Stopped {
    let elapsed = now - timer.started;
    if elapsed < Duration::minutes(1) {
        return Stopped::TooShort;
    }
    let (from, to) = (local(timer.started), local(now));
    // Wall-time pieces per day; scaled to the real elapsed time, so a
    // night with a daylight-saving change books what really passed.
    let mut pieces: Vec<(chrono::NaiveDate, f64)> = Vec::new();
    let mut cursor = from;
    while cursor < to {
        let next_midnight = (cursor.date() + Duration::days(1)).and_time(chrono::NaiveTime::MIN);
        let end = next_midnight.min(to);
        pieces.push((cursor.date(), (end - cursor).num_seconds() as f64));
        cursor = end;
    }
    if pieces.is_empty() {
        // Wall time went backwards (the clocks were put back within the
        // run): all of it on the day it started.
        pieces.push((from.date(), 1.0));
    }
    let wall: f64 = pieces.iter().map(|p| p.1).sum();
    let real = elapsed.num_seconds() as f64;
    let scale = if wall > 0.0 { real / wall } else { 0.0 };
    let entries: Vec<TimeEntry> = pieces
        .into_iter()
        .filter(|(_, seconds)| seconds * scale >= 60.0)
        .map(|(date, seconds)| {
            let hours = (seconds * scale / 36.0).round() / 100.0;
            let mut entry = TimeEntry::new(timer.step, date, hours, now);
            entry.person = timer.person;
            entry
        })
        .collect();
    if entries.is_empty() {
        Stopped::TooShort
    } else {
        Stopped::Booked(entries)
    }
}

/// The change that books what a stopped timer measured: one new entry per
/// day, in one action (one undo takes it back).
pub fn booking(entries: &[TimeEntry]) -> crate::store::ChangeSet {
    entries
        .iter()
        .fold(crate::store::ChangeSet::new(), |changes, entry| {
            changes.put(crate::store::AnyRecord::TimeEntry(entry.clone()))
        })
}

/// How long the timer has run, as a stopwatch shows it: `0:05:09`,
/// `12:00:00` (hours are not wrapped at a day).
pub fn elapsed_text(timer: &RunningTimer, now: DateTime<Utc>) -> String {
    let seconds = (now - timer.started).num_seconds().max(0);
    format!(
        "{}:{:02}:{:02}",
        seconds / 3600,
        seconds / 60 % 60,
        seconds % 60
    )
}
