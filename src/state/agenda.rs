//! The calendar's entries: everything with a date, from every project, as
//! one sorted list the calendar page only has to lay out.
//!
//! Why a pure module: which dates a person sees (a step's *computed* start,
//! not just a fixed one; an order-by date that moves when the step moves;
//! every occurrence of a weekly meeting) is planning logic that must be
//! tested natively, not buried in a view. The page asks for a date range
//! and gets entries; the `.ics` export asks for all of them.

use chrono::{Duration, NaiveDate, NaiveTime};
use uuid::Uuid;

use crate::domain::{
    Appointment, AppointmentId, CommunicationId, Dataset, MaterialId, MaterialStatus, ProjectId,
    Record, StepId, StepStatus, When,
};
use crate::exchange::ical::EventCategory;
use crate::planning::{ProcurementSettings, WorkCalendar};
use crate::state::procurement::{material_plans, step_starts};

/// What an entry stands for. Each kind has its own colour, glyph and
/// filter on the calendar page, and its own `CATEGORIES` value in `.ics`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum EntryKind {
    Appointment,
    StepStart,
    Deadline,
    Milestone,
    OrderBy,
    Delivery,
    FollowUp,
}

impl EntryKind {
    /// Every kind, in the order of the filter list.
    pub const ALL: [EntryKind; 7] = [
        EntryKind::Appointment,
        EntryKind::StepStart,
        EntryKind::Deadline,
        EntryKind::Milestone,
        EntryKind::OrderBy,
        EntryKind::Delivery,
        EntryKind::FollowUp,
    ];

    /// A stable short name, for CSS classes, element ids and `UID` suffixes.
    pub fn key(self) -> &'static str {
        match self {
            EntryKind::Appointment => "appointment",
            EntryKind::StepStart => "start",
            EntryKind::Deadline => "deadline",
            EntryKind::Milestone => "milestone",
            EntryKind::OrderBy => "order",
            EntryKind::Delivery => "delivery",
            EntryKind::FollowUp => "follow-up",
        }
    }

    /// The iCalendar category of this kind.
    pub fn category(self) -> EventCategory {
        match self {
            EntryKind::Appointment => EventCategory::Appointment,
            EntryKind::StepStart => EventCategory::StepStart,
            EntryKind::Deadline => EventCategory::Deadline,
            EntryKind::Milestone => EventCategory::Milestone,
            EntryKind::OrderBy => EventCategory::OrderBy,
            EntryKind::Delivery => EventCategory::Delivery,
            EntryKind::FollowUp => EventCategory::FollowUp,
        }
    }
}

/// The record an entry comes from: what opens when it is clicked.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Source {
    Appointment(AppointmentId),
    Step(StepId),
    Project(ProjectId),
    Material(MaterialId),
    Communication(CommunicationId),
}

impl Source {
    /// The record's UUID.
    pub fn uuid(self) -> Uuid {
        match self {
            Source::Appointment(id) => id.0,
            Source::Step(id) => id.0,
            Source::Project(id) => id.0,
            Source::Material(id) => id.0,
            Source::Communication(id) => id.0,
        }
    }
}

/// One thing on one date (or, for an appointment, one occurrence).
#[derive(Debug, Clone, PartialEq)]
pub struct Entry {
    pub kind: EntryKind,
    pub source: Source,
    /// The project it belongs to, if any.
    pub project: Option<ProjectId>,
    pub title: String,
    /// When this entry (occurrence) takes place. Planning dates are
    /// single all-day entries.
    pub when: When,
}

impl Entry {
    fn on_day(
        kind: EntryKind,
        source: Source,
        project: Option<ProjectId>,
        title: &str,
        day: NaiveDate,
    ) -> Self {
        Entry {
            kind,
            source,
            project,
            title: title.to_string(),
            when: When::AllDay {
                first: day,
                last: day,
            },
        }
    }

    /// The first day.
    pub fn first_day(&self) -> NaiveDate {
        self.when.first_day()
    }

    /// True if the entry covers `day` (multi-day entries cover every day
    /// from first to last).
    pub fn occurs_on(&self, day: NaiveDate) -> bool {
        self.when.first_day() <= day && day <= self.when.last_day()
    }

    /// The start time, for timed entries.
    pub fn start_time(&self) -> Option<NaiveTime> {
        match self.when {
            When::Timed { start, .. } => Some(start.time()),
            When::AllDay { .. } => None,
        }
    }

    /// A stable key for lists: the source, the kind and the first day.
    pub fn key(&self) -> (Uuid, EntryKind, NaiveDate) {
        (self.source.uuid(), self.kind, self.first_day())
    }
}

/// Sort order: by day, all-day before timed, then time, kind and title.
fn compare(a: &Entry, b: &Entry) -> std::cmp::Ordering {
    (a.first_day(), a.start_time(), a.kind, &a.title).cmp(&(
        b.first_day(),
        b.start_time(),
        b.kind,
        &b.title,
    ))
}

/// Every entry that touches the days `from..=to`: appointments (each
/// occurrence of a repeating one) and the planning dates. Sorted.
pub fn entries_between(
    data: &Dataset,
    calendar: &WorkCalendar,
    today: NaiveDate,
    from: NaiveDate,
    to: NaiveDate,
) -> Vec<Entry> {
    let mut entries: Vec<Entry> = planning_entries(data, calendar, today)
        .into_iter()
        .filter(|e| e.first_day() <= to && e.when.last_day() >= from)
        .collect();
    // Occurrences that a moved one (same foreign UID) replaces.
    let moved: std::collections::HashSet<(&str, NaiveDate)> = data
        .appointments
        .iter()
        .filter(|a| !a.uid.is_empty())
        .filter_map(|a| Some((a.uid.as_str(), a.replaces?.date())))
        .collect();
    for appointment in &data.appointments {
        let replaced = |when: &When| {
            appointment.replaces.is_none()
                && moved.contains(&(appointment.uid.as_str(), when.first_day()))
        };
        for when in occurrences(appointment, from, to) {
            if replaced(&when) {
                continue;
            }
            entries.push(Entry {
                kind: EntryKind::Appointment,
                source: Source::Appointment(appointment.id),
                project: appointment.project,
                title: appointment.title.clone(),
                when,
            });
        }
    }
    crate::sorting::sort_by(&mut entries, compare);
    entries
}

/// The planning dates of all projects, unbounded and unsorted:
/// * step starts: the computed earliest start of every open step that is
///   not a milestone (done steps stay out: they are history, not plan);
/// * milestones on their computed date;
/// * deadlines: a step's own deadline (a milestone's only if it differs
///   from the milestone's date) and the project's deadline;
/// * order-by (not yet ordered) and expected delivery (not yet delivered)
///   dates of materials tied to a step;
/// * follow-ups of communications not yet done.
pub fn planning_entries(data: &Dataset, calendar: &WorkCalendar, today: NaiveDate) -> Vec<Entry> {
    let mut entries = Vec::new();
    let starts = step_starts(data, calendar, today);
    let computed = |step: StepId| starts.get(&step.0).copied();

    for project in &data.projects {
        if let Some(deadline) = project.deadline.filter(|_| !project.status.is_closed()) {
            entries.push(Entry::on_day(
                EntryKind::Deadline,
                Source::Project(project.id),
                Some(project.id),
                &project.name,
                deadline,
            ));
        }
    }

    for step in data
        .steps
        .iter()
        .filter(|s| s.status != StepStatus::Cancelled)
    {
        let source = Source::Step(step.id);
        let project = Some(step.project);
        let start = computed(step.id);
        let open = !step.status.is_closed();
        if let Some(start) = start {
            if step.is_milestone() {
                entries.push(Entry::on_day(
                    EntryKind::Milestone,
                    source,
                    project,
                    &step.title,
                    start,
                ));
            } else if open {
                entries.push(Entry::on_day(
                    EntryKind::StepStart,
                    source,
                    project,
                    &step.title,
                    start,
                ));
            }
        }
        let deadline = step
            .deadline
            .filter(|d| open && !(step.is_milestone() && Some(*d) == start));
        if let Some(deadline) = deadline {
            entries.push(Entry::on_day(
                EntryKind::Deadline,
                source,
                project,
                &step.title,
                deadline,
            ));
        }
    }

    // The same order plans as the materials list and this week's orders.
    let storage = ProcurementSettings::default().max_storage_days;
    let plans = material_plans(data, calendar, today, storage);
    for material in &data.materials {
        let Some(plan) = plans.get(&material.id) else {
            continue;
        };
        let source = Source::Material(material.id);
        let project = Some(material.project);
        if material.ordered_on.is_none() && material.status == MaterialStatus::ToOrder {
            entries.push(Entry::on_day(
                EntryKind::OrderBy,
                source,
                project,
                &material.name,
                plan.order_by,
            ));
        }
        entries.push(Entry::on_day(
            EntryKind::Delivery,
            source,
            project,
            &material.name,
            plan.expected_delivery,
        ));
    }

    for communication in data.communications.iter().filter(|c| !c.done) {
        if let Some(day) = communication.follow_up {
            entries.push(Entry::on_day(
                EntryKind::FollowUp,
                Source::Communication(communication.id),
                communication.project,
                &communication.label(),
                day,
            ));
        }
    }
    entries
}

/// The occurrences of `appointment` that touch the days `from..=to`, in
/// order, as its repetition gives them (`Recurrence::starts`: every n-th
/// day, week on its weekdays, month on its day or n-th weekday, year);
/// none starts after the repetition's `until` or on one of its skipped
/// days.
pub fn occurrences(appointment: &Appointment, from: NaiveDate, to: NaiveDate) -> Vec<When> {
    let first = appointment.when.first_day();
    let span = (appointment.when.last_day() - first).num_days().max(0);
    let touches = |start: NaiveDate| start <= to && start + Duration::days(span) >= from;
    let Some(recurrence) = appointment.recurrence else {
        return if touches(first) {
            vec![appointment.when]
        } else {
            Vec::new()
        };
    };
    let last_start = recurrence.until.map_or(to, |until| until.min(to));
    // The earliest start whose occurrence can still reach `from`.
    let earliest = from - Duration::days(span);
    let mut found: Vec<When> = recurrence
        .starts(first, earliest)
        .take_while(|start| *start <= last_start)
        .filter(|start| touches(*start))
        .map(|start| shift(appointment.when, (start - first).num_days()))
        .collect();
    found.retain(|when| !appointment.skipped.contains(&when.first_day()));
    found
}

/// `when` moved by `days` calendar days (wall time stays the same).
fn shift(when: When, days: i64) -> When {
    let by = Duration::days(days);
    match when {
        When::Timed { start, end } => When::Timed {
            start: start + by,
            end: end + by,
        },
        When::AllDay { first, last } => When::AllDay {
            first: first + by,
            last: last + by,
        },
    }
}
