//! Appointments from an `.ics` file: what a read file turns into, event by
//! event, before anything changes.
//!
//! Each event is judged on its own, so one broken or invalid event is named
//! and skipped while the others still come in, together, as one action
//! (one undo step). An event this app wrote for an appointment (its `UID`
//! is `<id>@chefsache.app`) updates that appointment and keeps its project
//! and people; planning dates this app exported (step starts, deadlines …)
//! are not appointments and are left out, so a re-imported export does not
//! double them.

use chrono::{DateTime, Utc};

use crate::domain::{Appointment, ValidationError};
use crate::exchange::ical::content_line::{blocks, decode_text};
use crate::exchange::ical::{
    parse_calendar, parse_calendar_bytes, EventCategory, EventWarning, IcsProblem, UID_DOMAIN,
};
use crate::store::{AnyRecord, ChangeSet};

/// One event that could not be imported.
#[derive(Debug, Clone, PartialEq)]
pub struct Rejected {
    /// 1-based number of the event in the file.
    pub event: usize,
    /// 1-based line of the problem (or of `BEGIN:VEVENT`).
    pub line: usize,
    /// The event's `SUMMARY` as written in the file, if it has one.
    pub title: Option<String>,
    /// What is wrong.
    pub reason: RejectReason,
}

/// Why an event was not imported.
#[derive(Debug, Clone, PartialEq)]
pub enum RejectReason {
    /// The file's event could not be read.
    Unreadable(IcsProblem),
    /// It was read but breaks the domain's rules for appointments.
    Invalid(Vec<ValidationError>),
}

/// What importing a file would do.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ImportPlan {
    /// The appointments to create or update, as one change set.
    pub changes: ChangeSet,
    /// Titles of the imported appointments, in file order.
    pub imported: Vec<String>,
    /// Events that were skipped because they are broken or invalid.
    pub rejected: Vec<Rejected>,
    /// Planning dates from this app's own export, left out.
    pub planning_skipped: usize,
    /// Events read with a loss (time zone, repetition).
    pub warnings: Vec<EventWarning>,
}

/// Plans the import of the bytes of an `.ics` file into `data`.
pub fn plan_import(data: &crate::domain::Dataset, bytes: &[u8], now: DateTime<Utc>) -> ImportPlan {
    let (text, read) = match decode_text(bytes) {
        Ok(text) => {
            let read = parse_calendar(&text);
            (text, read)
        }
        // A broken UTF-16 file: the one error names the line.
        Err(_) => (String::new(), parse_calendar_bytes(bytes)),
    };
    let titles = event_titles(&text);
    let title_of = |event: usize| titles.get(event.wrapping_sub(1)).cloned().flatten();
    let mut plan = ImportPlan::default();
    for error in read.errors {
        plan.rejected.push(Rejected {
            event: error.position.event,
            line: error.position.line,
            title: title_of(error.position.event),
            reason: RejectReason::Unreadable(error.problem),
        });
    }
    plan.warnings = read.warnings;
    let mut changes = ChangeSet::new();
    for (position, event) in read.events {
        let ours = event.uid.trim().ends_with(&format!("@{UID_DOMAIN}"));
        if ours
            && event
                .category
                .is_some_and(|c| c != EventCategory::Appointment)
        {
            plan.planning_skipped += 1;
            continue;
        }
        let mut appointment = event.to_appointment(now);
        if let Some(existing) = data.appointment(appointment.id) {
            appointment = merged(existing, appointment);
        }
        if let Err(errors) = appointment.validate() {
            plan.rejected.push(Rejected {
                event: position.event,
                line: position.line,
                title: Some(event.title.clone()),
                reason: RejectReason::Invalid(errors),
            });
            continue;
        }
        plan.imported.push(appointment.title.clone());
        let is_new = data.appointment(appointment.id).is_none();
        changes = changes.put(AnyRecord::Appointment(appointment).touched(now, is_new));
    }
    plan.rejected.sort_by_key(|r| r.event);
    plan.changes = changes;
    plan
}

/// The imported fields over the stored appointment: what the file says
/// about time, title, place and notes wins; the links to a project and to
/// people, which `.ics` cannot carry, stay.
fn merged(existing: &Appointment, incoming: Appointment) -> Appointment {
    Appointment {
        id: existing.id,
        created: existing.created,
        updated: existing.updated,
        project: existing.project,
        contacts: existing.contacts.clone(),
        ..incoming
    }
}

/// The `SUMMARY` of every `VEVENT` block in file order (broken ones
/// included), so that an error can name the event the person knows.
fn event_titles(text: &str) -> Vec<Option<String>> {
    blocks(text, "VEVENT")
        .into_iter()
        .map(|block| {
            // Unfold continuation lines first (RFC 5545 3.1).
            let unfolded = block.text.replace("\r\n ", "").replace("\r\n\t", "");
            unfolded.split("\r\n").find_map(|line| {
                let (name, value) = line.split_once(':')?;
                let name = name.split(';').next()?.trim();
                name.eq_ignore_ascii_case("SUMMARY")
                    .then(|| unescape(value.trim()))
            })
        })
        .map(|title| title.filter(|t| !t.is_empty()))
        .collect()
}

/// Undoes the TEXT escapes of a value (`\,` `\;` `\\` `\n`).
fn unescape(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    let mut chars = value.chars();
    while let Some(ch) = chars.next() {
        if ch != '\\' {
            out.push(ch);
            continue;
        }
        match chars.next() {
            Some('n' | 'N') => out.push(' '),
            Some(other) => out.push(other),
            None => {}
        }
    }
    out
}
