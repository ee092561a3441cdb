//! iCalendar (RFC 5545) export and import: appointments and planning dates
//! (step starts, deadlines, milestones, order-by and delivery dates,
//! follow-ups) as `.ics` for Google Calendar, Outlook, Apple Calendar,
//! Thunderbird.
//!
//! **Writing** is our own small writer on the shared content-line helpers
//! ([`content_line`]): every event gets a stable `UID` derived from its
//! record id (`<uuid>@chefsache.app`), so importing the file again into a
//! calendar app updates the events instead of duplicating them. Timed
//! events are written in `TZID=Europe/Berlin` with a `VTIMEZONE` carrying
//! the CET/CEST rules; all-day events as `VALUE=DATE` with the exclusive end
//! date RFC 5545 requires.
//!
//! **Reading** uses [`calcard`] (see [`super::vcard`] for why that library):
//! the file is cut into its `VEVENT` blocks here so that each event has a
//! position and a broken one is reported and skipped; calcard parses each
//! block. Times are converted to Europe/Berlin wall time: UTC (`Z`), fixed
//! offsets and any `TZID` that [`zones`] knows — IANA names, Outlook's
//! Windows names ("W. Europe Standard Time"), `VTIMEZONE`s with
//! `X-LIC-LOCATION` or `X-MICROSOFT-CDO-TZID`, or with a single offset
//! (our own small table of today's rules, not calcard's IANA tables). A
//! `TZID` it cannot resolve is read as Berlin wall time and reported as a
//! warning.

pub(crate) mod content_line;
mod zones;

use std::collections::HashMap;

use calcard::common::PartialDateTime;
use calcard::icalendar::{
    ICalendar, ICalendarComponent, ICalendarComponentType, ICalendarEntry, ICalendarFrequency,
    ICalendarProperty, ICalendarRecurrenceRule, ICalendarValue, ICalendarWeekday,
};
use chrono::{DateTime, Datelike, Duration, NaiveDate, NaiveDateTime, TimeZone, Utc, Weekday};
use uuid::Uuid;

pub use self::content_line::BlockProblem;
use self::content_line::{blocks, decode_text, escape_text, ContentWriter};
use crate::domain::{weekday_position, Appointment, AppointmentId, Weekdays};
pub use crate::domain::{Frequency, Recurrence, When};

/// Domain part of the `UID`s this app writes.
pub const UID_DOMAIN: &str = "chefsache.app";

/// The `TZID` of timed events.
pub const TIME_ZONE: &str = "Europe/Berlin";

/// What a calendar entry stands for; written to `CATEGORIES` (German label).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum EventCategory {
    /// An appointment (meeting, call, site visit).
    Appointment,
    /// A project step begins.
    StepStart,
    /// A step or project is due.
    Deadline,
    /// A milestone is reached.
    Milestone,
    /// Material must be ordered by this day.
    OrderBy,
    /// Material is delivered.
    Delivery,
    /// Follow up on a communication.
    FollowUp,
}

impl EventCategory {
    /// All categories.
    pub const ALL: [EventCategory; 7] = [
        EventCategory::Appointment,
        EventCategory::StepStart,
        EventCategory::Deadline,
        EventCategory::Milestone,
        EventCategory::OrderBy,
        EventCategory::Delivery,
        EventCategory::FollowUp,
    ];

    /// The `CATEGORIES` label, German as the users see it in their calendar.
    pub fn label(self) -> &'static str {
        match self {
            EventCategory::Appointment => "Termin",
            EventCategory::StepStart => "Arbeitsbeginn",
            EventCategory::Deadline => "Frist",
            EventCategory::Milestone => "Meilenstein",
            EventCategory::OrderBy => "Bestellen bis",
            EventCategory::Delivery => "Lieferung",
            EventCategory::FollowUp => "Nachfassen",
        }
    }

    /// English name, for the other locale and code.
    pub fn english(self) -> &'static str {
        match self {
            EventCategory::Appointment => "Appointment",
            EventCategory::StepStart => "Step start",
            EventCategory::Deadline => "Deadline",
            EventCategory::Milestone => "Milestone",
            EventCategory::OrderBy => "Order by",
            EventCategory::Delivery => "Delivery",
            EventCategory::FollowUp => "Follow-up",
        }
    }

    /// The category a label names (German or English, any case).
    pub fn from_label(label: &str) -> Option<Self> {
        let label = label.trim();
        Self::ALL.into_iter().find(|c| {
            c.label().eq_ignore_ascii_case(label)
                || c.english().eq_ignore_ascii_case(label)
                || (label.eq_ignore_ascii_case("appointment") && *c == EventCategory::Appointment)
        })
    }
}

/// One calendar entry: the intermediate form between `.ics` and the app's
/// records.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CalendarEvent {
    /// `UID`; see [`event_uid`] for the ones this app writes.
    pub uid: String,
    /// `SUMMARY`.
    pub title: String,
    /// `DESCRIPTION`.
    pub description: String,
    /// `LOCATION`.
    pub location: String,
    /// All-day dates (last day included) or Europe/Berlin wall times.
    pub when: When,
    /// Weekly, monthly or yearly repetition.
    pub recurrence: Option<Recurrence>,
    /// Days the repetition leaves out (`EXDATE`).
    pub skipped: Vec<NaiveDate>,
    /// For a moved occurrence of a series (`RECURRENCE-ID`): the start it
    /// had in the series, Berlin wall time (midnight for all-day events).
    pub replaces: Option<NaiveDateTime>,
    /// What the entry stands for; `None` for foreign events without one of
    /// our categories.
    pub category: Option<EventCategory>,
}

impl CalendarEvent {
    /// A one-day all-day entry, e.g. a deadline or a delivery.
    pub fn all_day(
        uid: impl Into<String>,
        title: impl Into<String>,
        date: NaiveDate,
        category: EventCategory,
    ) -> Self {
        CalendarEvent {
            uid: uid.into(),
            title: title.into(),
            description: String::new(),
            location: String::new(),
            when: When::AllDay {
                first: date,
                last: date,
            },
            recurrence: None,
            skipped: Vec::new(),
            replaces: None,
            category: Some(category),
        }
    }

    /// The entry for an appointment; its `UID` is the one of the calendar
    /// it came from, else `<id>@chefsache.app`.
    pub fn from_appointment(appointment: &Appointment) -> Self {
        let uid = if appointment.uid.trim().is_empty() {
            event_uid(appointment.id.uuid(), None)
        } else {
            appointment.uid.clone()
        };
        CalendarEvent {
            uid,
            title: appointment.title.clone(),
            description: appointment.notes.clone(),
            location: appointment.place.clone(),
            when: appointment.when,
            recurrence: appointment.recurrence,
            skipped: appointment.skipped.clone(),
            replaces: appointment.replaces,
            category: Some(EventCategory::Appointment),
        }
    }

    /// The appointment for this entry, created at `now`. A `UID` this app
    /// wrote (`<uuid>@chefsache.app`) gives back the original id, so the
    /// caller can update instead of duplicating; another program's `UID`
    /// (with the `RECURRENCE-ID` of a moved occurrence) always gives the
    /// same id too, and is kept for the export. An empty title becomes "Ohne Titel"; a timed entry that does
    /// not end after its start gets one hour.
    pub fn to_appointment(&self, now: DateTime<Utc>) -> Appointment {
        let title = if self.title.trim().is_empty() {
            "Ohne Titel".to_string()
        } else {
            self.title.trim().to_string()
        };
        let when = match self.when {
            When::Timed { start, end } if end <= start => When::Timed {
                start,
                end: start
                    .checked_add_signed(Duration::hours(1))
                    .unwrap_or(start),
            },
            When::AllDay { first, last } if last < first => When::AllDay { first, last: first },
            other => other,
        };
        let mut appointment = Appointment::new(title, when, now);
        let uid = self.uid.trim();
        match (uuid_of_uid(uid), self.replaces) {
            (Some(uuid), None) => appointment.id = AppointmentId::from(uuid),
            _ if uid.is_empty() => {}
            (ours, replaces) => {
                let key = match replaces {
                    Some(start) => format!("{uid}\u{1f}{}", local_stamp(start)),
                    None => uid.to_owned(),
                };
                appointment.id =
                    AppointmentId::from(Uuid::new_v5(&Uuid::NAMESPACE_URL, key.as_bytes()));
                // Our own series' moved occurrence keeps its series' UID.
                if ours.is_some() || !uid.ends_with(UID_DOMAIN) {
                    appointment.uid = uid.to_owned();
                }
            }
        }
        appointment.skipped = self.skipped.clone();
        appointment.replaces = self.replaces;
        appointment.place = self.location.clone();
        appointment.notes = self.description.clone();
        appointment.recurrence = self.recurrence;
        appointment
    }
}

/// The `UID` for a record's calendar entry: `<uuid>@chefsache.app`, or
/// `<uuid>-<suffix>@chefsache.app` when one record has several entries
/// (a step's start and its deadline).
pub fn event_uid(id: Uuid, suffix: Option<&str>) -> String {
    match suffix {
        Some(suffix) if !suffix.is_empty() => format!("{id}-{suffix}@{UID_DOMAIN}"),
        _ => format!("{id}@{UID_DOMAIN}"),
    }
}

/// The record UUID of a `UID` this app wrote without suffix.
fn uuid_of_uid(uid: &str) -> Option<Uuid> {
    let local = uid.trim().strip_suffix(UID_DOMAIN)?.strip_suffix('@')?;
    Uuid::parse_str(local).ok()
}

// ---------------------------------------------------------------- writing

/// The CET/CEST rules of Europe/Berlin since 1996 (last Sunday of March and
/// October), as Google Calendar and Thunderbird write them.
const BERLIN_VTIMEZONE: [&str; 18] = [
    "BEGIN:VTIMEZONE",
    "TZID:Europe/Berlin",
    "X-LIC-LOCATION:Europe/Berlin",
    "BEGIN:DAYLIGHT",
    "TZOFFSETFROM:+0100",
    "TZOFFSETTO:+0200",
    "TZNAME:CEST",
    "DTSTART:19700329T020000",
    "RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU",
    "END:DAYLIGHT",
    "BEGIN:STANDARD",
    "TZOFFSETFROM:+0200",
    "TZOFFSETTO:+0100",
    "TZNAME:CET",
    "DTSTART:19701025T030000",
    "RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU",
    "END:STANDARD",
    "END:VTIMEZONE",
];

/// Writes the events as one `.ics` calendar named `calendar_name`, with
/// `DTSTAMP` now.
pub fn write_calendar(events: &[CalendarEvent], calendar_name: &str) -> String {
    write_calendar_at(events, calendar_name, Utc::now())
}

/// [`write_calendar`] with a given `DTSTAMP` (for reproducible output).
pub fn write_calendar_at(
    events: &[CalendarEvent],
    calendar_name: &str,
    stamp: DateTime<Utc>,
) -> String {
    let mut w = ContentWriter::new();
    w.line("BEGIN:VCALENDAR");
    w.line("VERSION:2.0");
    w.line("PRODID:-//Chefsache//Chefsache//DE");
    w.line("CALSCALE:GREGORIAN");
    w.line("METHOD:PUBLISH");
    w.property("X-WR-CALNAME", &escape_text(calendar_name));
    w.line(&format!("X-WR-TIMEZONE:{TIME_ZONE}"));
    if events.iter().any(|e| matches!(e.when, When::Timed { .. })) {
        for line in BERLIN_VTIMEZONE {
            w.line(line);
        }
    }
    let stamp = utc_stamp(stamp);
    for event in events {
        write_event(&mut w, event, &stamp);
    }
    w.line("END:VCALENDAR");
    w.finish()
}

fn utc_stamp(at: DateTime<Utc>) -> String {
    at.format("%Y%m%dT%H%M%SZ").to_string()
}

fn local_stamp(at: NaiveDateTime) -> String {
    at.format("%Y%m%dT%H%M%S").to_string()
}

fn date_stamp(date: NaiveDate) -> String {
    date.format("%Y%m%d").to_string()
}

fn write_event(w: &mut ContentWriter, event: &CalendarEvent, stamp: &str) {
    w.line("BEGIN:VEVENT");
    w.line(&format!("UID:{}", escape_text(&event.uid)));
    w.line(&format!("DTSTAMP:{stamp}"));
    match event.when {
        When::AllDay { first, last } => {
            // DTEND of an all-day event is exclusive: the day after the last.
            let last = last.max(first);
            let end = last.succ_opt().unwrap_or(last);
            w.line(&format!("DTSTART;VALUE=DATE:{}", date_stamp(first)));
            w.line(&format!("DTEND;VALUE=DATE:{}", date_stamp(end)));
        }
        When::Timed { start, end } => {
            let end = end.max(start);
            w.line(&format!("DTSTART;TZID={TIME_ZONE}:{}", local_stamp(start)));
            w.line(&format!("DTEND;TZID={TIME_ZONE}:{}", local_stamp(end)));
        }
    }
    if let Some(recurrence) = event.recurrence {
        w.line(&format!("RRULE:{}", rrule(&recurrence, &event.when)));
        // An excluded day: at the series' own time for a timed one.
        for day in &event.skipped {
            match event.when {
                When::AllDay { .. } => w.line(&format!("EXDATE;VALUE=DATE:{}", date_stamp(*day))),
                When::Timed { start, .. } => w.line(&format!(
                    "EXDATE;TZID={TIME_ZONE}:{}",
                    local_stamp(day.and_time(start.time()))
                )),
            }
        }
    }
    if let Some(original) = event.replaces {
        match event.when {
            When::AllDay { .. } => w.line(&format!(
                "RECURRENCE-ID;VALUE=DATE:{}",
                date_stamp(original.date())
            )),
            When::Timed { .. } => w.line(&format!(
                "RECURRENCE-ID;TZID={TIME_ZONE}:{}",
                local_stamp(original)
            )),
        }
    }
    w.line(&format!("SUMMARY:{}", escape_text(&event.title)));
    w.property("DESCRIPTION", &escape_text(&event.description));
    w.property("LOCATION", &escape_text(&event.location));
    if let Some(category) = event.category {
        w.line(&format!("CATEGORIES:{}", escape_text(category.label())));
    }
    if matches!(event.when, When::AllDay { .. }) {
        // All-day planning dates should not block the day as busy.
        w.line("TRANSP:TRANSPARENT");
    }
    w.line("END:VEVENT");
}

/// `FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,TH;UNTIL=…`. `UNTIL` must have the
/// type of `DTSTART`: a date for all-day events, a UTC time for zoned ones
/// (RFC 5545 3.3.10); for these the end of the last day in Berlin is used,
/// so that an occurrence on that day is included.
fn rrule(recurrence: &Recurrence, when: &When) -> String {
    let mut rule = String::from(match recurrence.frequency {
        Frequency::Daily => "FREQ=DAILY",
        Frequency::Weekly => "FREQ=WEEKLY",
        Frequency::Monthly => "FREQ=MONTHLY",
        Frequency::Yearly => "FREQ=YEARLY",
    });
    if recurrence.interval > 1 {
        rule.push_str(&format!(";INTERVAL={}", recurrence.interval));
    }
    if recurrence.frequency == Frequency::Weekly && !recurrence.weekdays.is_empty() {
        let days: Vec<&str> = recurrence.weekdays.iter().map(weekday_code).collect();
        rule.push_str(&format!(";BYDAY={}", days.join(",")));
    }
    if let (Frequency::Monthly, Some(n)) = (recurrence.frequency, recurrence.nth_weekday) {
        let day = weekday_code(when.first_day().weekday());
        rule.push_str(&format!(";BYDAY={n}{day}"));
    }
    if let Some(until) = recurrence.until {
        let stamp = match when {
            When::AllDay { .. } => date_stamp(until),
            When::Timed { .. } => {
                let end_of_day = until.and_hms_opt(23, 59, 59).unwrap_or_default();
                utc_stamp(berlin_to_utc(end_of_day))
            }
        };
        rule.push_str(&format!(";UNTIL={stamp}"));
    }
    rule
}

fn weekday_code(day: Weekday) -> &'static str {
    ["MO", "TU", "WE", "TH", "FR", "SA", "SU"][day.num_days_from_monday() as usize]
}

/// A Berlin wall time as UTC; a time in the spring-forward gap is taken one
/// hour later, an ambiguous autumn time as the earlier (summer time) one.
fn berlin_to_utc(local: NaiveDateTime) -> DateTime<Utc> {
    zones::BERLIN.to_utc(local)
}

fn utc_to_berlin(at: DateTime<Utc>) -> NaiveDateTime {
    zones::BERLIN.wall_time(at)
}

/// Writes app appointments as a calendar.
pub fn write_appointments(appointments: &[Appointment], calendar_name: &str) -> String {
    let events: Vec<CalendarEvent> = appointments
        .iter()
        .map(CalendarEvent::from_appointment)
        .collect();
    write_calendar(&events, calendar_name)
}

// ---------------------------------------------------------------- reading

/// Where an event is in the file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct EventPosition {
    /// 1-based number of the `VEVENT` in the file (counting broken ones).
    pub event: usize,
    /// 1-based line: of `BEGIN:VEVENT` for a read event, of the problem for
    /// a structural error.
    pub line: usize,
}

/// A date property of an event.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DateProperty {
    /// `DTSTART`.
    Start,
    /// `DTEND`.
    End,
}

impl std::fmt::Display for DateProperty {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            DateProperty::Start => "DTSTART",
            DateProperty::End => "DTEND",
        })
    }
}

/// Why an event was skipped. `Display` is English, for logs; the UI says
/// it in the person's language.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum IcsProblem {
    /// The file has no `BEGIN:VCALENDAR` at all.
    #[error("no calendar found (no BEGIN:VCALENDAR line)")]
    NoCalendar,
    /// The event's block is broken (not closed, a line without `:`).
    #[error("{}", .0.describe("VEVENT"))]
    Broken(BlockProblem),
    /// The event's lines could not be read.
    #[error("not a readable VEVENT")]
    Unreadable,
    /// The file's bytes are not text in the encoding it announces.
    #[error("{0}")]
    NotText(crate::exchange::encoding::NotText),
    /// No `DTSTART`.
    #[error("no DTSTART: the event has no date")]
    NoStart,
    /// A date property holds something else.
    #[error("{0} is not a date")]
    NotADate(DateProperty),
    /// A date that does not exist (30 February).
    #[error("{0} is not a valid date")]
    InvalidDate(DateProperty),
    /// A time that does not exist at its offset.
    #[error("{0} is not a valid time")]
    InvalidTime(DateProperty),
    /// The end lies before the start.
    #[error("DTEND is before DTSTART")]
    EndBeforeStart,
    /// `DURATION` leads outside the calendar.
    #[error("DURATION is out of range")]
    DurationOutOfRange,
    /// One of start and end is a date, the other a time.
    #[error("DTSTART and DTEND differ in kind (one a date, the other a time)")]
    MixedKinds,
}

/// A repetition rule the app cannot express.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Unsupported {
    /// A frequency below a day (`HOURLY` …).
    Frequency(String),
    /// On other days than the first occurrence's.
    OtherDays,
    /// Further `BY…` parts.
    FurtherParts,
}

impl std::fmt::Display for Unsupported {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Unsupported::Frequency(freq) => write!(f, "FREQ={freq}"),
            Unsupported::OtherDays => f.write_str("on other days than the first occurrence's"),
            Unsupported::FurtherParts => f.write_str("with further BY… parts"),
        }
    }
}

/// What was lost while reading an event that was still imported (or, for
/// a changed occurrence, skipped on purpose).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum IcsWarning {
    /// A `TZID` neither the file nor the time zone database knows.
    #[error("unknown time zone \"{zone}\": {property} taken as Europe/Berlin time")]
    UnknownTimeZone {
        /// The `TZID` as written.
        zone: String,
        /// The property that named it.
        property: DateProperty,
    },
    /// A changed occurrence of a series (`RECURRENCE-ID`).
    #[error(
        "changed occurrence of a repeating event (RECURRENCE-ID) skipped; \
         the series itself is imported"
    )]
    ChangedOccurrence,
    /// A repeating event in a zone whose clocks change on other days than
    /// Berlin's (New York, UTC, Tokyo): the series repeats at the first
    /// occurrence's Berlin time, so for a few weeks a year it shows an
    /// hour off.
    #[error(
        "repeating event in time zone \"{zone}\": repeats at its first Berlin time, \
         so between the two zones' daylight-saving changes it can be an hour off"
    )]
    SeriesInOtherClock {
        /// The `TZID` as written, or "UTC".
        zone: String,
    },
    /// An `RRULE` that could not be read.
    #[error("unreadable RRULE: imported as a single event")]
    UnreadableRule,
    /// An `RRULE` the app cannot express.
    #[error(
        "repetition {0} cannot be expressed (only every n-th day, week, month or year): \
         imported as a single event"
    )]
    UnsupportedRule(Unsupported),
}

/// A problem with one event.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IcsError {
    /// Which event, and the line.
    pub position: EventPosition,
    /// What is wrong.
    pub problem: IcsProblem,
}

impl std::fmt::Display for IcsError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "event {} (line {}): {}",
            self.position.event, self.position.line, self.problem
        )
    }
}

/// A loss while reading one event.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EventWarning {
    /// Which event (line of its `BEGIN:VEVENT`).
    pub position: EventPosition,
    /// What was lost.
    pub warning: IcsWarning,
}

impl std::fmt::Display for EventWarning {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "event {} (line {}): {}",
            self.position.event, self.position.line, self.warning
        )
    }
}

/// The result of reading a `.ics` file.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct IcsImport {
    /// The events that were read, in file order.
    pub events: Vec<(EventPosition, CalendarEvent)>,
    /// Events that were skipped, and why.
    pub errors: Vec<IcsError>,
    /// Events that were read with a loss: an unknown time zone read as
    /// Berlin time, a repetition rule the app cannot express read as a
    /// single event, a changed occurrence of a series skipped.
    pub warnings: Vec<EventWarning>,
}

/// Reads the `VEVENT`s of an `.ics` file (other components such as
/// `VTODO` are ignored). Never fails as a whole; see [`IcsImport`].
pub fn parse_calendar(text: &str) -> IcsImport {
    let mut import = IcsImport::default();
    let found = blocks(text, "VEVENT");
    if found.is_empty() {
        if blocks(text, "VCALENDAR").is_empty() {
            import.errors.push(IcsError {
                position: EventPosition { event: 0, line: 1 },
                problem: IcsProblem::NoCalendar,
            });
        }
        return import;
    }
    let zones = time_zones(text);
    for (index, block) in found.into_iter().enumerate() {
        let event = index + 1;
        if let Some((line, problem)) = block.problem {
            import.errors.push(IcsError {
                position: EventPosition { event, line },
                problem: IcsProblem::Broken(problem),
            });
            continue;
        }
        let position = EventPosition {
            event,
            line: block.start_line,
        };
        let wrapped = format!("BEGIN:VCALENDAR\r\n{}END:VCALENDAR\r\n", block.text);
        let component = ICalendar::parse(&wrapped).ok().and_then(|cal| {
            cal.components
                .into_iter()
                .find(|c| c.component_type == ICalendarComponentType::VEvent)
        });
        let Some(component) = component else {
            import.errors.push(IcsError {
                position,
                problem: IcsProblem::Unreadable,
            });
            continue;
        };
        let mut warnings = Vec::new();
        match read_event(&component, &zones, &mut warnings) {
            Ok(Some(read)) => import.events.push((position, read)),
            Ok(None) => {}
            Err(problem) => import.errors.push(IcsError { position, problem }),
        }
        import.warnings.extend(
            warnings
                .into_iter()
                .map(|warning| EventWarning { position, warning }),
        );
    }
    import
}

/// [`parse_calendar`] for the raw bytes of a file (see
/// [`super::vcard::parse_vcard_bytes`] for what this adds).
///
/// A UTF-16 file that is not UTF-16 yields one error at event 0 with the
/// line of the first bad byte.
pub fn parse_calendar_bytes(bytes: &[u8]) -> IcsImport {
    match decode_text(bytes) {
        Ok(text) => parse_calendar(&text),
        Err(not_text) => IcsImport {
            errors: vec![IcsError {
                position: EventPosition {
                    event: 0,
                    line: not_text.line,
                },
                problem: IcsProblem::NotText(not_text),
            }],
            ..IcsImport::default()
        },
    }
}

/// The time zones the file defines (`VTIMEZONE` blocks), by `TZID`, as far
/// as [`zones`] knows them.
struct FileZones(HashMap<String, zones::Zone>);

impl FileZones {
    /// The zone a `TZID` names: the file's own definition, else the name.
    fn resolve(&self, tzid: &str) -> Option<zones::Zone> {
        self.0
            .get(tzid)
            .copied()
            .or_else(|| zones::Zone::named(tzid))
    }
}

fn time_zones(text: &str) -> FileZones {
    let definitions: String = blocks(text, "VTIMEZONE")
        .into_iter()
        .filter(|b| b.problem.is_none())
        .map(|b| b.text)
        .collect();
    let Ok(calendar) =
        ICalendar::parse(format!("BEGIN:VCALENDAR\r\n{definitions}END:VCALENDAR\r\n"))
    else {
        return FileZones(HashMap::new());
    };
    let zones = calendar
        .components
        .iter()
        .filter(|c| c.component_type == ICalendarComponentType::VTimezone)
        .filter_map(|c| defined_zone(&calendar, c))
        .collect();
    FileZones(zones)
}

/// A `VTIMEZONE`'s `TZID` and zone: by its `TZID`, `X-LIC-LOCATION` or
/// `X-MICROSOFT-CDO-TZID`, else the one offset all its observances share.
fn defined_zone(
    calendar: &ICalendar,
    component: &ICalendarComponent,
) -> Option<(String, zones::Zone)> {
    let text = |name: &str| {
        component.entries.iter().find_map(|entry| {
            let matches = match &entry.name {
                ICalendarProperty::Tzid => name == "TZID",
                ICalendarProperty::Other(other) => other.eq_ignore_ascii_case(name),
                _ => false,
            };
            matches
                .then(|| entry.values.first().and_then(|v| v.as_text()))
                .flatten()
        })
    };
    let tzid = text("TZID")?;
    let offsets: Vec<i32> = component
        .component_ids
        .iter()
        .filter_map(|id| calendar.component_by_id(*id))
        .filter_map(|observance| observance.property(&ICalendarProperty::Tzoffsetto))
        .filter_map(|entry| match entry.values.first() {
            Some(ICalendarValue::PartialDateTime(p)) => {
                let seconds = i32::from(p.tz_hour.unwrap_or_default()) * 3600
                    + i32::from(p.tz_minute.unwrap_or_default()) * 60;
                Some(if p.tz_minus { -seconds } else { seconds })
            }
            _ => None,
        })
        .collect();
    let single_offset = match offsets.split_first() {
        Some((first, rest)) if rest.iter().all(|o| o == first) => Some(zones::Zone::fixed(*first)),
        _ => None,
    };
    let zone = zones::Zone::named(tzid)
        .or_else(|| text("X-LIC-LOCATION").and_then(zones::Zone::named))
        .or_else(|| text("X-MICROSOFT-CDO-TZID").and_then(zones::Zone::from_cdo_id))
        .or(single_offset)?;
    Some((tzid.to_string(), zone))
}

/// All text values of the first `property`, joined with ",".
fn text_of(component: &ICalendarComponent, property: ICalendarProperty) -> String {
    component
        .property(&property)
        .map(|entry| {
            entry
                .values
                .iter()
                .filter_map(|v| v.as_text())
                .collect::<Vec<_>>()
                .join(",")
        })
        .unwrap_or_default()
        .replace("\r\n", "\n")
        .trim()
        .to_string()
}

/// A read start or end.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Moment {
    Date(NaiveDate),
    Local(NaiveDateTime),
}

fn first_date_time(entry: &ICalendarEntry) -> Option<&PartialDateTime> {
    entry.values.iter().find_map(|v| match v {
        ICalendarValue::PartialDateTime(p) => Some(p.as_ref()),
        _ => None,
    })
}

/// Reads `DTSTART`/`DTEND` as a Berlin moment.
fn moment(
    entry: &ICalendarEntry,
    name: DateProperty,
    zones: &FileZones,
    warnings: &mut Vec<IcsWarning>,
) -> Result<Moment, IcsProblem> {
    let value = first_date_time(entry).ok_or(IcsProblem::NotADate(name))?;
    let parsed = value.to_date_time().ok_or(IcsProblem::InvalidDate(name))?;
    if value.hour.is_none() {
        return Ok(Moment::Date(parsed.date_time.date()));
    }
    let local = parsed.date_time;
    if let Some(offset) = parsed.offset {
        // UTC ("Z") or a fixed offset.
        let at = offset
            .from_local_datetime(&local)
            .single()
            .map(|t| t.with_timezone(&Utc))
            .ok_or(IcsProblem::InvalidTime(name))?;
        return Ok(Moment::Local(utc_to_berlin(at)));
    }
    match entry.tz_id() {
        None => Ok(Moment::Local(local)),
        Some(tzid) => match zones.resolve(tzid) {
            None => {
                let note = IcsWarning::UnknownTimeZone {
                    zone: tzid.to_string(),
                    property: name,
                };
                if !warnings.contains(&note) {
                    warnings.push(note);
                }
                Ok(Moment::Local(local))
            }
            Some(zone) => Ok(Moment::Local(utc_to_berlin(zone.to_utc(local)))),
        },
    }
}

/// The zone of a timed start whose clocks do not change with Berlin's:
/// UTC or a fixed offset, or a known zone with other (or no) summer time.
fn other_clock(entry: &ICalendarEntry, zones: &FileZones) -> Option<String> {
    let parsed = first_date_time(entry)?.to_date_time()?;
    if parsed.offset.is_some() {
        return Some("UTC".to_owned());
    }
    let tzid = entry.tz_id()?;
    let zone = zones.resolve(tzid)?;
    (!zone.changes_with_berlin()).then(|| tzid.to_string())
}

/// Reads one event; `Ok(None)` for one that is skipped with a warning.
fn read_event(
    component: &ICalendarComponent,
    zones: &FileZones,
    warnings: &mut Vec<IcsWarning>,
) -> Result<Option<CalendarEvent>, IcsProblem> {
    let replaces = match component.property(&ICalendarProperty::RecurrenceId) {
        Some(entry) => Some(match moment(entry, DateProperty::Start, zones, warnings)? {
            Moment::Date(day) => day.and_time(chrono::NaiveTime::MIN),
            Moment::Local(at) => at,
        }),
        None => None,
    };
    let start_entry = component
        .property(&ICalendarProperty::Dtstart)
        .ok_or(IcsProblem::NoStart)?;
    let start = moment(start_entry, DateProperty::Start, zones, warnings)?;
    let end = match component.property(&ICalendarProperty::Dtend) {
        Some(entry) => Some(moment(entry, DateProperty::End, zones, warnings)?),
        None => None,
    };
    let duration = component
        .property(&ICalendarProperty::Duration)
        .and_then(|entry| {
            entry.values.iter().find_map(|v| match v {
                ICalendarValue::Duration(d) => d.to_time_delta(),
                _ => None,
            })
        });

    let when = match (start, end) {
        (Moment::Date(first), Some(Moment::Date(end))) => {
            if end < first {
                return Err(IcsProblem::EndBeforeStart);
            }
            // DTEND is exclusive; a same-day DTEND is read as one day.
            let last = end.pred_opt().unwrap_or(end).max(first);
            When::AllDay { first, last }
        }
        (Moment::Date(first), None) => {
            let days = duration.map_or(1, |d| d.num_days().max(1));
            let last = Duration::try_days(days - 1)
                .and_then(|d| first.checked_add_signed(d))
                .ok_or(IcsProblem::DurationOutOfRange)?;
            When::AllDay { first, last }
        }
        (Moment::Local(start), Some(Moment::Local(end))) => {
            if end < start {
                return Err(IcsProblem::EndBeforeStart);
            }
            When::Timed { start, end }
        }
        (Moment::Local(start), None) => When::Timed {
            start,
            end: start
                .checked_add_signed(duration.unwrap_or_else(Duration::zero))
                .ok_or(IcsProblem::DurationOutOfRange)?,
        },
        _ => return Err(IcsProblem::MixedKinds),
    };

    let recurrence = match component
        .property(&ICalendarProperty::Rrule)
        .and_then(|entry| {
            entry.values.iter().find_map(|v| match v {
                ICalendarValue::RecurrenceRule(rule) => Some(rule.as_ref()),
                _ => None,
            })
        }) {
        Some(rule) => recurrence_of(rule, &when, warnings),
        None => {
            if component.property(&ICalendarProperty::Rrule).is_some() {
                warnings.push(IcsWarning::UnreadableRule);
            }
            None
        }
    };

    if recurrence.is_some() && matches!(when, When::Timed { .. }) {
        if let Some(zone) = other_clock(start_entry, zones) {
            warnings.push(IcsWarning::SeriesInOtherClock { zone });
        }
    }

    // EXDATE: one property per day or several days in one, each as a date
    // or a time in any zone; what counts is the Berlin day it falls on.
    let mut skipped = Vec::new();
    for entry in component.properties(&ICalendarProperty::Exdate) {
        for value in &entry.values {
            let ICalendarValue::PartialDateTime(value) = value else {
                continue;
            };
            let one = ICalendarEntry {
                name: entry.name.clone(),
                params: entry.params.clone(),
                values: vec![ICalendarValue::PartialDateTime(value.clone())],
            };
            if let Ok(day) = moment(&one, DateProperty::Start, zones, warnings) {
                skipped.push(match day {
                    Moment::Date(day) => day,
                    Moment::Local(at) => at.date(),
                });
            }
        }
    }
    if recurrence.is_none() {
        skipped.clear();
    }

    let category = component
        .properties(&ICalendarProperty::Categories)
        .flat_map(|entry| entry.values.iter().filter_map(|v| v.as_text()))
        .find_map(EventCategory::from_label);

    Ok(Some(CalendarEvent {
        uid: text_of(component, ICalendarProperty::Uid),
        title: text_of(component, ICalendarProperty::Summary),
        description: text_of(component, ICalendarProperty::Description),
        location: text_of(component, ICalendarProperty::Location),
        when,
        recurrence,
        skipped,
        replaces,
        category,
    }))
}

fn weekday_of(day: ICalendarWeekday) -> Weekday {
    match day {
        ICalendarWeekday::Monday => Weekday::Mon,
        ICalendarWeekday::Tuesday => Weekday::Tue,
        ICalendarWeekday::Wednesday => Weekday::Wed,
        ICalendarWeekday::Thursday => Weekday::Thu,
        ICalendarWeekday::Friday => Weekday::Fri,
        ICalendarWeekday::Saturday => Weekday::Sat,
        ICalendarWeekday::Sunday => Weekday::Sun,
    }
}

/// The app's repetition for a rule, if it can express it: every n-th day,
/// week (on one or several weekdays), month (on the start's day of the
/// month or its n-th weekday) or year (on the start's day), until a day or
/// for a count. Anything else is imported as a single event with a
/// warning.
fn recurrence_of(
    rule: &ICalendarRecurrenceRule,
    when: &When,
    warnings: &mut Vec<IcsWarning>,
) -> Option<Recurrence> {
    let first = when.first_day();
    let unsupported = |what: Unsupported, warnings: &mut Vec<IcsWarning>| {
        warnings.push(IcsWarning::UnsupportedRule(what));
        None
    };
    let frequency = match rule.freq {
        ICalendarFrequency::Daily => Frequency::Daily,
        ICalendarFrequency::Weekly => Frequency::Weekly,
        ICalendarFrequency::Monthly => Frequency::Monthly,
        ICalendarFrequency::Yearly => Frequency::Yearly,
        other => {
            // Spelled out: release builds print no `Debug`.
            let name = match other {
                ICalendarFrequency::Hourly => "HOURLY",
                ICalendarFrequency::Minutely => "MINUTELY",
                _ => "SECONDLY",
            }
            .to_owned();
            return unsupported(Unsupported::Frequency(name), warnings);
        }
    };
    let mut recurrence = Recurrence::new(frequency, None);
    recurrence.interval = rule.interval.map_or(1, u32::from).max(1);
    let byday_ok = match frequency {
        Frequency::Weekly => {
            if rule.byday.iter().any(|d| d.ordwk.is_some()) {
                false
            } else {
                let days = Weekdays::of(rule.byday.iter().map(|d| weekday_of(d.weekday)));
                // Only the start's own weekday: the plain weekly rule, so
                // that a round trip gives the same rule back.
                if days != Weekdays::of([first.weekday()]) {
                    recurrence.weekdays = days;
                }
                true
            }
        }
        // One weekday with its position in the month (`BYDAY=2TU`,
        // `-1FR`), which must be the start's own.
        Frequency::Monthly => match rule.byday.as_slice() {
            [] => true,
            [day] if weekday_of(day.weekday) == first.weekday() => {
                let (nth, last) = weekday_position(first);
                match day.ordwk {
                    Some(-1) if last => {
                        recurrence.nth_weekday = Some(-1);
                        true
                    }
                    Some(n) if n == i16::from(nth) && nth <= 4 => {
                        recurrence.nth_weekday = Some(nth);
                        true
                    }
                    _ => false,
                }
            }
            _ => false,
        },
        Frequency::Daily | Frequency::Yearly => rule.byday.is_empty(),
    };
    // A yearly rule may name the start's own month.
    let bymonth_ok = frequency == Frequency::Yearly
        && rule
            .bymonth
            .iter()
            .all(|m| u32::from(m.month()) == first.month());
    let bymonthday_ok = rule
        .bymonthday
        .iter()
        .all(|d| u32::try_from(*d).is_ok_and(|d| d == first.day()));
    if !byday_ok || !bymonthday_ok {
        return unsupported(Unsupported::OtherDays, warnings);
    }
    if !(rule.bymonth.is_empty() || bymonth_ok)
        || !rule.bysetpos.is_empty()
        || !rule.byweekno.is_empty()
        || !rule.byyearday.is_empty()
        || !rule.byhour.is_empty()
        || !rule.byminute.is_empty()
        || !rule.bysecond.is_empty()
    {
        return unsupported(Unsupported::FurtherParts, warnings);
    }
    let until = if let Some(until) = &rule.until {
        let parsed = until.to_date_time()?;
        let date = match parsed.offset {
            Some(offset) if until.hour.is_some() => offset
                .from_local_datetime(&parsed.date_time)
                .single()
                .map(|t| utc_to_berlin(t.with_timezone(&Utc)).date())
                .unwrap_or(parsed.date_time.date()),
            _ => parsed.date_time.date(),
        };
        Some(date)
    } else if let Some(count) = rule.count {
        // COUNT counts every occurrence, the skipped ones too (RFC 5545).
        recurrence.nth_start(first, count)
    } else {
        None
    };
    recurrence.until = until;
    Some(recurrence)
}
