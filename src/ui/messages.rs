//! Every error and warning of the core, in the person's language.
//!
//! The core returns typed errors whose `Display` is English, for logs; this
//! module is the one place that turns each variant into a sentence from
//! the locale files. Every `match` names each variant (no `_ =>` arm), so a
//! new variant does not compile until it has a text here. The native tests
//! in `tests/locale_keys.rs` check the same without a browser build: every
//! variant of the core's errors and reasons is named here, and every key
//! used here exists in German and English.

use uuid::Uuid;

use crate::domain::{Allowed, Field, RecordKind, RecordRef, ValidationError};
use crate::exchange::backup::ImportError;
use crate::exchange::csv::{CsvError, CsvProblem};
use crate::exchange::encoding::NotText;
use crate::exchange::ical::{
    BlockProblem, DateProperty, EventWarning, IcsProblem, IcsWarning, Unsupported,
};
use crate::exchange::problem::{Expected, ValueProblem};
use crate::exchange::vcard::{CardLoss, CardProblem, CardWarning};
use crate::i18n::{t_string, I18nContext, Locale};
use crate::planning::procurement::ProcurementWarning;
use crate::planning::schedule::MAX_DAYS;
use crate::planning::{ChainBlock, ScheduleError, StuckReason};
use crate::state::calendar_import::RejectReason;
use crate::state::commands::CommandError;
use crate::state::workload::StuckLine;
use crate::store::{SnapshotReason, StoreError};
use crate::text::{format_bytes, format_date, Lang};

type I18n = I18nContext<Locale>;

/// How many validation errors a one-line message lists before "and N more".
const LISTED: usize = 3;

/// The label of a record's field ("Dauer (Arbeitstage)" for
/// `duration_days`).
pub fn field_label(i18n: I18n, field: Field) -> &'static str {
    match field {
        Field::Name => t_string!(i18n, errors.fields.name),
        Field::Title => t_string!(i18n, errors.fields.title),
        Field::Summary => t_string!(i18n, errors.fields.summary),
        Field::PlannedRevenue => t_string!(i18n, errors.fields.planned_revenue),
        Field::PlannedCost => t_string!(i18n, errors.fields.planned_cost),
        Field::Start => t_string!(i18n, errors.fields.start),
        Field::End => t_string!(i18n, errors.fields.end),
        Field::First => t_string!(i18n, errors.fields.first),
        Field::Last => t_string!(i18n, errors.fields.last),
        Field::Deadline => t_string!(i18n, errors.fields.deadline),
        Field::Client => t_string!(i18n, errors.fields.client),
        Field::EffortHours => t_string!(i18n, errors.fields.effort_hours),
        Field::DurationDays => t_string!(i18n, errors.fields.duration_days),
        Field::Progress => t_string!(i18n, errors.fields.progress),
        Field::ActualStart => t_string!(i18n, errors.fields.actual_start),
        Field::ActualFinish => t_string!(i18n, errors.fields.actual_finish),
        Field::RemainingDays => t_string!(i18n, errors.fields.remaining_days),
        Field::Project => t_string!(i18n, errors.fields.project),
        Field::Assignee => t_string!(i18n, errors.fields.assignee),
        Field::Dependencies => t_string!(i18n, errors.fields.dependencies),
        Field::Quantity => t_string!(i18n, errors.fields.quantity),
        Field::UnitCost => t_string!(i18n, errors.fields.unit_cost),
        Field::OrderedOn => t_string!(i18n, errors.fields.ordered_on),
        Field::DeliveredOn => t_string!(i18n, errors.fields.delivered_on),
        Field::Supplier => t_string!(i18n, errors.fields.supplier),
        Field::Step => t_string!(i18n, errors.fields.step),
        Field::HourlyRate => t_string!(i18n, errors.fields.hourly_rate),
        Field::WeeklyCapacityHours => t_string!(i18n, errors.fields.weekly_capacity_hours),
        Field::Contact => t_string!(i18n, errors.fields.contact),
        Field::Contacts => t_string!(i18n, errors.fields.contacts),
        Field::RecurrenceUntil => t_string!(i18n, errors.fields.recurrence_until),
        Field::Hours => t_string!(i18n, errors.fields.hours),
        Field::Person => t_string!(i18n, errors.fields.person),
    }
}

/// One record of a kind, singular ("Schritt"; the kinds' labels elsewhere
/// are the plural headings "Schritte").
pub fn kind_name(i18n: I18n, kind: RecordKind) -> &'static str {
    match kind {
        RecordKind::Project => t_string!(i18n, errors.kinds.project),
        RecordKind::Step => t_string!(i18n, errors.kinds.step),
        RecordKind::Material => t_string!(i18n, errors.kinds.material),
        RecordKind::Contact => t_string!(i18n, errors.kinds.contact),
        RecordKind::Communication => t_string!(i18n, errors.kinds.communication),
        RecordKind::Appointment => t_string!(i18n, errors.kinds.appointment),
        RecordKind::TimeEntry => t_string!(i18n, errors.kinds.time_entry),
    }
}

/// `Schritt „Standbau“`.
fn record_text(i18n: I18n, record: &RecordRef) -> String {
    let kind = kind_name(i18n, record.kind);
    t_string!(i18n, errors.record, kind = kind, label = &record.label).to_string()
}

/// "„A“ → „B“ → „A“": a cycle closed back to its first step.
fn cycle_text(titles: &[String]) -> String {
    let mut parts: Vec<String> = titles.iter().map(|t| format!("„{t}“")).collect();
    if let Some(first) = parts.first().cloned() {
        parts.push(first);
    }
    parts.join(" → ")
}

/// One broken domain rule.
pub fn validation_text(i18n: I18n, error: &ValidationError) -> String {
    match error {
        ValidationError::DuplicateId {
            kind,
            id,
            first,
            second,
        } => t_string!(
            i18n,
            errors.duplicate_id,
            kind = kind_name(i18n, *kind),
            id = id,
            first = first,
            second = second
        )
        .to_string(),
        ValidationError::Empty { record, field } => t_string!(
            i18n,
            errors.empty,
            record = record_text(i18n, record),
            field = field_label(i18n, *field)
        )
        .to_string(),
        ValidationError::Negative {
            record,
            field,
            value,
        } => t_string!(
            i18n,
            errors.negative,
            record = record_text(i18n, record),
            field = field_label(i18n, *field),
            value = value
        )
        .to_string(),
        ValidationError::OutOfRange {
            record,
            field,
            allowed,
            value,
        } => {
            let record = record_text(i18n, record);
            let field = field_label(i18n, *field);
            match allowed {
                Allowed::AtMost(max) => t_string!(
                    i18n,
                    errors.at_most,
                    record = record,
                    field = field,
                    max = max,
                    value = value
                )
                .to_string(),
                Allowed::AboveZeroAtMost(max) => t_string!(
                    i18n,
                    errors.above_zero_at_most,
                    record = record,
                    field = field,
                    max = max,
                    value = value
                )
                .to_string(),
            }
        }
        ValidationError::ZeroDuration { record } => t_string!(
            i18n,
            errors.zero_duration,
            record = record_text(i18n, record)
        )
        .to_string(),
        ValidationError::MissingReference {
            record,
            field,
            target,
            id: _,
        } => t_string!(
            i18n,
            errors.missing_reference,
            record = record_text(i18n, record),
            field = field_label(i18n, *field),
            target = kind_name(i18n, *target)
        )
        .to_string(),
        ValidationError::SelfDependency { record } => t_string!(
            i18n,
            errors.self_dependency,
            record = record_text(i18n, record)
        )
        .to_string(),
        ValidationError::CrossProjectDependency {
            record,
            predecessor,
        } => t_string!(
            i18n,
            errors.cross_project,
            record = record_text(i18n, record),
            predecessor = predecessor
        )
        .to_string(),
        ValidationError::WrongProject {
            record,
            field,
            other,
        } => t_string!(
            i18n,
            errors.wrong_project,
            record = record_text(i18n, record),
            field = field_label(i18n, *field),
            other = other
        )
        .to_string(),
        ValidationError::DuplicateDependency {
            record,
            predecessor: _,
        } => t_string!(
            i18n,
            errors.duplicate_dependency,
            record = record_text(i18n, record)
        )
        .to_string(),
        ValidationError::DependencyCycle { steps: _, titles } => {
            t_string!(i18n, errors.dependency_cycle, steps = cycle_text(titles)).to_string()
        }
        ValidationError::EndBeforeStart {
            record,
            start_field,
            start,
            end_field,
            end,
        } => t_string!(
            i18n,
            errors.end_before_start,
            record = record_text(i18n, record),
            start_field = field_label(i18n, *start_field),
            start = start,
            end_field = field_label(i18n, *end_field),
            end = end
        )
        .to_string(),
    }
}

/// The first few broken rules in one line, then "and N more errors".
pub fn validation_list(i18n: I18n, errors: &[ValidationError]) -> String {
    let mut parts: Vec<String> = errors
        .iter()
        .take(LISTED)
        .map(|e| validation_text(i18n, e))
        .collect();
    let more = errors.len().saturating_sub(LISTED);
    if more > 0 {
        parts.push(t_string!(i18n, errors.and_more, count = more).to_string());
    }
    parts.join(" ")
}

/// Why a command was refused.
pub fn command_error_text(i18n: I18n, error: &CommandError) -> String {
    match error {
        CommandError::Invalid(errors) => {
            t_string!(i18n, data.invalid, details = validation_list(i18n, errors)).to_string()
        }
        CommandError::NotFound(_) => t_string!(i18n, data.gone).to_string(),
        CommandError::Cycle(steps) => {
            t_string!(i18n, data.cycle, steps = steps.join(" → ")).to_string()
        }
        CommandError::ChangedElsewhere(label) => {
            t_string!(i18n, integrity.undo_dropped, label = label).to_string()
        }
        CommandError::ReadOnly => t_string!(i18n, errors.read_only).to_string(),
        CommandError::ProjectClosed(name) => {
            t_string!(i18n, analysis.closed_refused, name = name).to_string()
        }
        CommandError::NothingToUndo => t_string!(i18n, errors.nothing_to_undo).to_string(),
        CommandError::NothingToRedo => t_string!(i18n, errors.nothing_to_redo).to_string(),
    }
}

/// Why the store did not write or read.
pub fn store_error_text(i18n: I18n, error: &StoreError) -> String {
    match error {
        StoreError::QuotaExceeded => t_string!(i18n, data.quota),
        StoreError::Unavailable(_) => t_string!(i18n, errors.store_unavailable),
        StoreError::Blocked => t_string!(i18n, errors.store_blocked),
        StoreError::Aborted(_) => t_string!(i18n, errors.store_aborted),
        StoreError::Corrupt(_) => t_string!(i18n, errors.store_corrupt),
    }
    .to_string()
}

/// Why a backup file was refused.
pub fn import_error_text(i18n: I18n, error: &ImportError, lang: Lang) -> String {
    match error {
        ImportError::TooLarge { size, limit } => t_string!(
            i18n,
            errors.too_large,
            size = format_bytes(*size as u64, lang),
            limit = format_bytes(*limit as u64, lang)
        )
        .to_string(),
        ImportError::NotUtf8 { line, column } => {
            t_string!(i18n, errors.not_utf8, line = line, column = column).to_string()
        }
        ImportError::NotJson {
            message: _,
            line,
            column,
        } => t_string!(i18n, errors.not_json, line = line, column = column).to_string(),
        ImportError::NotABackup => t_string!(i18n, errors.not_a_backup).to_string(),
        ImportError::WrongFormat { found } => {
            t_string!(i18n, errors.wrong_format, found = found).to_string()
        }
        ImportError::NewerVersion { found, supported } => t_string!(
            i18n,
            errors.newer_version,
            found = found,
            supported = supported
        )
        .to_string(),
        ImportError::UnknownVersion { found } => {
            t_string!(i18n, errors.unknown_version, found = found).to_string()
        }
        ImportError::Migration(migration) => t_string!(
            i18n,
            errors.migration,
            path = &migration.path,
            detail = value_problem_text(i18n, &migration.problem)
        )
        .to_string(),
        ImportError::Field { path, problem } => t_string!(
            i18n,
            errors.field,
            path = path,
            detail = value_problem_text(i18n, problem)
        )
        .to_string(),
        ImportError::Invalid(errors) => t_string!(
            i18n,
            errors.inconsistent,
            details = validation_list(i18n, errors)
        )
        .to_string(),
    }
}

fn expected_text(i18n: I18n, expected: &Expected) -> String {
    match expected {
        Expected::Byte => t_string!(i18n, errors.expected_byte),
        Expected::WholeNonNegative => t_string!(i18n, errors.expected_whole_non_negative),
        Expected::Whole => t_string!(i18n, errors.expected_whole),
        Expected::Number => t_string!(i18n, errors.expected_number),
        Expected::Text => t_string!(i18n, errors.expected_text),
        Expected::TrueFalse => t_string!(i18n, errors.expected_true_false),
        Expected::Euros => t_string!(i18n, errors.expected_euros),
        Expected::StepIds => t_string!(i18n, errors.expected_step_ids),
        Expected::DateTime => t_string!(i18n, errors.expected_date_time),
        // serde's own name of a type we do not describe (a date, an id).
        Expected::Other(text) => return text.clone(),
    }
    .to_string()
}

/// A found value without serde's English type words: `string "zwei"`
/// becomes `"zwei"`, ``integer `300` `` becomes `300`, a map `{…}`.
fn found_text(found: &str) -> String {
    if let Some(text) = found.strip_prefix("string ") {
        return text.to_owned();
    }
    for prefix in ["integer `", "floating point `", "boolean `", "char `"] {
        if let Some(value) = found
            .strip_prefix(prefix)
            .and_then(|rest| rest.strip_suffix('`'))
        {
            return value.to_owned();
        }
    }
    match found {
        "map" => "{…}".to_owned(),
        "sequence" => "[…]".to_owned(),
        "unit value" => "null".to_owned(),
        other => other.to_owned(),
    }
}

/// What is wrong with one value of a backup.
pub fn value_problem_text(i18n: I18n, problem: &ValueProblem) -> String {
    match problem {
        ValueProblem::Missing { field } => {
            t_string!(i18n, errors.value_missing, field = field).to_string()
        }
        ValueProblem::WrongValue { expected, found } => t_string!(
            i18n,
            errors.value_wrong,
            expected = expected_text(i18n, expected),
            found = found_text(found)
        )
        .to_string(),
        ValueProblem::UnknownChoice { found } => {
            t_string!(i18n, errors.value_unknown_choice, found = found).to_string()
        }
        ValueProblem::NoUpgrade { from } => {
            t_string!(i18n, errors.value_no_upgrade, from = from).to_string()
        }
        // Rare parser messages (a broken date) stay in the parser's words.
        ValueProblem::Other(text) => text.clone(),
    }
}

/// A broken `BEGIN:X … END:X` block, for `component` `VCARD` or `VEVENT`.
fn block_text(i18n: I18n, problem: &BlockProblem, component: &str) -> String {
    let marker = format!("END:{component}");
    match problem {
        BlockProblem::NextBeforeEnd => {
            t_string!(i18n, errors.block_next_before_end, marker = marker).to_string()
        }
        BlockProblem::ContainerEnded { container } => t_string!(
            i18n,
            errors.block_container_ended,
            container = container,
            marker = marker
        )
        .to_string(),
        BlockProblem::FileEnds => {
            t_string!(i18n, errors.block_file_ends, marker = marker).to_string()
        }
        BlockProblem::NotAProperty { snippet } => {
            t_string!(i18n, errors.block_not_a_property, snippet = snippet).to_string()
        }
    }
}

/// A file whose bytes are not text in the encoding it announces.
fn not_text_text(i18n: I18n, not_text: &NotText) -> String {
    t_string!(
        i18n,
        errors.not_text,
        encoding = not_text.encoding.name(),
        line = not_text.line,
        column = not_text.column
    )
    .to_string()
}

/// Why a vCard was skipped.
pub fn card_problem_text(i18n: I18n, problem: &CardProblem) -> String {
    match problem {
        CardProblem::NoCard => t_string!(i18n, errors.card_none).to_string(),
        CardProblem::Broken(block) => block_text(i18n, block, "VCARD"),
        CardProblem::Unreadable => t_string!(i18n, errors.card_unreadable).to_string(),
        CardProblem::Nameless => t_string!(i18n, errors.card_nameless).to_string(),
        CardProblem::NotText(not_text) => not_text_text(i18n, not_text),
    }
}

/// What was left out of an imported card, with the card it is about.
pub fn card_warning_text(i18n: I18n, warning: &CardWarning, lang: Lang) -> String {
    let loss = match &warning.loss {
        CardLoss::PhotoTooLarge { bytes, limit } => t_string!(
            i18n,
            vcard.photo_too_large,
            size = format_bytes(*bytes as u64, lang),
            limit = format_bytes(*limit as u64, lang)
        )
        .to_string(),
        CardLoss::PropertyTooLarge {
            property,
            bytes,
            limit,
        } => t_string!(
            i18n,
            vcard.property_too_large,
            property = property,
            size = format_bytes(*bytes as u64, lang),
            limit = format_bytes(*limit as u64, lang)
        )
        .to_string(),
    };
    t_string!(
        i18n,
        vcard.card_warning,
        card = warning.position.card,
        name = &warning.name,
        loss = loss
    )
    .to_string()
}

fn property_name(property: DateProperty) -> &'static str {
    match property {
        DateProperty::Start => "DTSTART",
        DateProperty::End => "DTEND",
    }
}

/// Why a calendar event was skipped.
pub fn ics_problem_text(i18n: I18n, problem: &IcsProblem) -> String {
    match problem {
        IcsProblem::NoCalendar => t_string!(i18n, errors.ics_none).to_string(),
        IcsProblem::Broken(block) => block_text(i18n, block, "VEVENT"),
        IcsProblem::Unreadable => t_string!(i18n, errors.ics_unreadable).to_string(),
        IcsProblem::NotText(not_text) => not_text_text(i18n, not_text),
        IcsProblem::NoStart => t_string!(i18n, errors.ics_no_start).to_string(),
        IcsProblem::NotADate(p) => {
            t_string!(i18n, errors.ics_not_a_date, property = property_name(*p)).to_string()
        }
        IcsProblem::InvalidDate(p) => {
            t_string!(i18n, errors.ics_invalid_date, property = property_name(*p)).to_string()
        }
        IcsProblem::InvalidTime(p) => {
            t_string!(i18n, errors.ics_invalid_time, property = property_name(*p)).to_string()
        }
        IcsProblem::EndBeforeStart => t_string!(i18n, errors.ics_end_before_start).to_string(),
        IcsProblem::DurationOutOfRange => {
            t_string!(i18n, errors.ics_duration_out_of_range).to_string()
        }
        IcsProblem::MixedKinds => t_string!(i18n, errors.ics_mixed_kinds).to_string(),
    }
}

/// What was lost reading one event.
pub fn ics_warning_text(i18n: I18n, warning: &IcsWarning) -> String {
    match warning {
        IcsWarning::UnknownTimeZone { zone, property } => t_string!(
            i18n,
            errors.ics_unknown_zone,
            zone = zone,
            property = property_name(*property)
        )
        .to_string(),
        IcsWarning::ChangedOccurrence => t_string!(i18n, errors.ics_changed_occurrence).to_string(),
        IcsWarning::UnreadableRule => t_string!(i18n, errors.ics_unreadable_rule).to_string(),
        IcsWarning::SeriesInOtherClock { zone } => {
            t_string!(i18n, errors.ics_series_other_clock, zone = zone).to_string()
        }
        IcsWarning::UnsupportedRule(rule) => {
            let rule = match rule {
                Unsupported::Frequency(freq) => format!("FREQ={freq}"),
                Unsupported::OtherDays => t_string!(i18n, errors.rule_other_days).to_string(),
                Unsupported::FurtherParts => t_string!(i18n, errors.rule_further_parts).to_string(),
            };
            t_string!(i18n, errors.ics_unsupported_rule, rule = rule).to_string()
        }
    }
}

/// A warning with the event and line it is about.
pub fn event_warning_text(i18n: I18n, warning: &EventWarning) -> String {
    t_string!(
        i18n,
        errors.ics_warning,
        event = warning.position.event,
        line = warning.position.line,
        warning = ics_warning_text(i18n, &warning.warning)
    )
    .to_string()
}

/// Why an event of an `.ics` import was not taken.
pub fn reject_reason_text(i18n: I18n, reason: &RejectReason) -> String {
    match reason {
        RejectReason::Unreadable(problem) => ics_problem_text(i18n, problem),
        RejectReason::Invalid(errors) => validation_list(i18n, errors),
    }
}

/// Why a CSV file could not be read.
pub fn csv_error_text(i18n: I18n, error: &CsvError) -> String {
    match &error.problem {
        CsvProblem::NotUtf8 { column } => t_string!(
            i18n,
            errors.csv_not_utf8,
            line = error.line,
            column = column
        )
        .to_string(),
        CsvProblem::NotText(not_text) => not_text_text(i18n, not_text),
        CsvProblem::Unreadable(_) => {
            t_string!(i18n, errors.csv_unreadable, line = error.line).to_string()
        }
    }
}

/// Why a project cannot be scheduled; `title_of` names a step by id.
pub fn schedule_error_text(
    i18n: I18n,
    error: &ScheduleError,
    title_of: impl Fn(Uuid) -> String,
) -> String {
    match error {
        ScheduleError::Cycle { steps: _, titles } => {
            t_string!(i18n, errors.schedule_cycle, steps = cycle_text(titles)).to_string()
        }
        ScheduleError::DuplicateStep(id) => {
            t_string!(i18n, errors.schedule_duplicate_step, step = title_of(*id)).to_string()
        }
        ScheduleError::UnknownPredecessor {
            step,
            predecessor: _,
        } => t_string!(
            i18n,
            errors.schedule_unknown_predecessor,
            step = title_of(*step)
        )
        .to_string(),
        ScheduleError::DurationTooLong(id) => t_string!(
            i18n,
            errors.schedule_duration_too_long,
            step = title_of(*id),
            max = MAX_DAYS
        )
        .to_string(),
        ScheduleError::LagTooLong(id) => t_string!(
            i18n,
            errors.schedule_lag_too_long,
            step = title_of(*id),
            max = MAX_DAYS
        )
        .to_string(),
        ScheduleError::DateOutOfRange => {
            t_string!(i18n, errors.schedule_date_out_of_range).to_string()
        }
    }
}

/// A material's ordering warning.
pub fn procurement_warning_text(i18n: I18n, warning: &ProcurementWarning) -> String {
    match warning {
        ProcurementWarning::OrderOverdue { working_days } => {
            t_string!(i18n, materials.overdue, n = working_days).to_string()
        }
        ProcurementWarning::DeliveryAfterStepStart { working_days } => {
            t_string!(i18n, materials.late, n = working_days).to_string()
        }
        ProcurementWarning::TooEarly { calendar_days } => {
            let days = u64::try_from(*calendar_days).unwrap_or(0);
            t_string!(i18n, materials.early, count = days).to_string()
        }
    }
}

/// Why a snapshot was taken; old free texts are shown as they were.
pub fn snapshot_reason_text(i18n: I18n, reason: &SnapshotReason, lang: Lang) -> String {
    match reason {
        SnapshotReason::BeforeImport { file } => {
            t_string!(i18n, errors.snapshot_before_import, file = file).to_string()
        }
        SnapshotReason::BeforeMerge { file } => {
            t_string!(i18n, errors.snapshot_before_merge, file = file).to_string()
        }
        SnapshotReason::BeforeRestore { taken } => {
            // As the list of snapshots writes its own times.
            let date = format!(
                "{} {}",
                format_date(taken.date_naive(), lang),
                taken.format("%H:%M")
            );
            t_string!(i18n, errors.snapshot_before_restore, date = date).to_string()
        }
        SnapshotReason::Text(text) => text.clone(),
    }
}

/// Why levelling left a step in an overloaded week, naming the step (and
/// the successor that blocks its chain).
pub fn stuck_reason_text(i18n: I18n, line: &StuckLine) -> String {
    let title = line.title.as_str();
    let why = match line.reason {
        StuckReason::Started => t_string!(i18n, progress.stuck_started),
        StuckReason::FixedStart => t_string!(i18n, progress.stuck_fixed_start),
        StuckReason::NoFloat => t_string!(i18n, progress.stuck_no_float),
        StuckReason::NoBetterWeek => t_string!(i18n, progress.stuck_no_better_week),
        StuckReason::ChainBlocked { why, .. } => {
            let why = match why {
                ChainBlock::Started => t_string!(i18n, progress.chain_started),
                ChainBlock::FixedStart => t_string!(i18n, progress.chain_fixed_start),
                ChainBlock::NoFloat => t_string!(i18n, progress.chain_no_float),
                ChainBlock::OthersWork => t_string!(i18n, progress.chain_others_work),
            };
            let step = line.blocker.as_deref().unwrap_or_default();
            return t_string!(i18n, progress.chain, title = title, step = step, why = why)
                .to_string();
        }
    };
    t_string!(i18n, progress.stuck, title = title, why = why).to_string()
}

/// Why an edited cell of the table page's grid was refused.
pub fn cell_error_text(i18n: I18n, error: &crate::state::grid::CellError, lang: Lang) -> String {
    use crate::state::grid::CellError;
    match error {
        CellError::Number(e) => {
            crate::ui::components::number_input::number_error_text(i18n, e, false, lang)
        }
        CellError::NotADate => t_string!(i18n, grid.err_not_a_date).to_string(),
        CellError::NoHours => t_string!(i18n, grid.err_no_hours).to_string(),
        CellError::DayFull { booked } => t_string!(
            i18n,
            grid.err_day_full,
            booked = crate::text::format_quantity(*booked, lang)
        )
        .to_string(),
        CellError::Gone => t_string!(i18n, data.gone).to_string(),
    }
}

/// What is wrong with a row of a CSV file of steps.
pub fn row_problem_text(i18n: I18n, problem: &crate::state::step_import::RowProblem) -> String {
    use crate::state::step_import::RowProblem;
    match problem {
        RowProblem::NoTitle => t_string!(i18n, grid.p_no_title).to_string(),
        RowProblem::NotADate(value) => t_string!(i18n, grid.p_not_date, value = value).to_string(),
        RowProblem::NotDays(value) => t_string!(i18n, grid.p_not_days, value = value).to_string(),
        RowProblem::NotHours(value) => t_string!(i18n, grid.p_not_hours, value = value).to_string(),
        RowProblem::UnknownPredecessor(name) => {
            t_string!(i18n, grid.p_unknown_pred, name = name).to_string()
        }
        RowProblem::Cycle(titles) => {
            t_string!(i18n, grid.p_cycle, steps = cycle_text(titles)).to_string()
        }
    }
}
