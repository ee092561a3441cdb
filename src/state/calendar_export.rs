//! The whole calendar (or one project's part of it) as iCalendar events.
//!
//! Appointments go out as themselves, a repeating one as one event with its
//! rule (not as expanded copies), so calendar apps show and update the
//! series. Planning dates go out as all-day events whose `UID` is the
//! record's id plus the kind (`<uuid>-deadline@chefsache.app`): exporting
//! again after a step moved updates the event in the other calendar
//! instead of adding a second one.

use chrono::NaiveDate;

use crate::domain::{Dataset, ProjectId};
use crate::exchange::ical::{event_uid, CalendarEvent};
use crate::planning::WorkCalendar;

use super::agenda::{planning_entries, EntryKind};

/// The events of every project, or only of `project`. Sorted by first day,
/// then `UID`, so that the file is stable between exports.
pub fn calendar_events(
    data: &Dataset,
    calendar: &WorkCalendar,
    today: NaiveDate,
    project: Option<ProjectId>,
) -> Vec<CalendarEvent> {
    let wanted = |p: Option<ProjectId>| project.is_none() || p == project;
    let project_name = |p: Option<ProjectId>| {
        p.and_then(|id| data.project(id))
            .map(|p| p.name.clone())
            .unwrap_or_default()
    };
    let mut events: Vec<CalendarEvent> = data
        .appointments
        .iter()
        .filter(|a| wanted(a.project))
        .map(CalendarEvent::from_appointment)
        .collect();
    for entry in planning_entries(data, calendar, today)
        .into_iter()
        .filter(|e| wanted(e.project))
    {
        let category = entry.kind.category();
        let mut event = CalendarEvent::all_day(
            event_uid(entry.source.uuid(), Some(entry.kind.key())),
            format!("{}: {}", category.label(), entry.title),
            entry.first_day(),
            category,
        );
        if entry.kind != EntryKind::Appointment {
            let name = project_name(entry.project);
            if !name.is_empty() {
                event.description = format!("Projekt: {name}");
            }
        }
        events.push(event);
    }
    events.sort_by(|a, b| (a.when.first_day(), &a.uid).cmp(&(b.when.first_day(), &b.uid)));
    events
}
