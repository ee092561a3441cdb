//! Translated names for the domain's enums, in one place so that every
//! page says "Kundenprojekt" the same way.

use crate::domain::{Category, Field, Priority, ProjectStatus, RecordKind, ValidationError};
use crate::i18n::{t_string, I18nContext, Locale};

pub fn kind_label(i18n: I18nContext<Locale>, kind: RecordKind) -> String {
    match kind {
        RecordKind::Project => t_string!(i18n, kinds.project),
        RecordKind::Step => t_string!(i18n, kinds.step),
        RecordKind::Material => t_string!(i18n, kinds.material),
        RecordKind::Contact => t_string!(i18n, kinds.contact),
        RecordKind::Communication => t_string!(i18n, kinds.communication),
        RecordKind::Appointment => t_string!(i18n, kinds.appointment),
        RecordKind::TimeEntry => t_string!(i18n, kinds.time_entry),
    }
    .to_string()
}

/// One record's kind, singular ("Schritt"), for naming a record.
pub fn kind_singular(i18n: I18nContext<Locale>, kind: RecordKind) -> String {
    crate::ui::messages::kind_name(i18n, kind).to_string()
}

pub fn category_label(i18n: I18nContext<Locale>, category: Category) -> String {
    match category {
        Category::ClientProject => t_string!(i18n, category.client_project),
        Category::OwnProject => t_string!(i18n, category.own_project),
        Category::DailyBusiness => t_string!(i18n, category.daily_business),
        Category::SideActivity => t_string!(i18n, category.side_activity),
    }
    .to_string()
}

pub fn status_label(i18n: I18nContext<Locale>, status: ProjectStatus) -> String {
    match status {
        ProjectStatus::Idea => t_string!(i18n, status.idea),
        ProjectStatus::Planned => t_string!(i18n, status.planned),
        ProjectStatus::Active => t_string!(i18n, status.active),
        ProjectStatus::OnHold => t_string!(i18n, status.on_hold),
        ProjectStatus::Done => t_string!(i18n, status.done),
        ProjectStatus::Cancelled => t_string!(i18n, status.cancelled),
    }
    .to_string()
}

pub fn priority_label(i18n: I18nContext<Locale>, priority: Priority) -> String {
    match priority {
        Priority::Low => t_string!(i18n, priority.low),
        Priority::Normal => t_string!(i18n, priority.normal),
        Priority::High => t_string!(i18n, priority.high),
        Priority::Urgent => t_string!(i18n, priority.urgent),
    }
    .to_string()
}

pub fn step_status_label(i18n: I18nContext<Locale>, status: crate::domain::StepStatus) -> String {
    use crate::domain::StepStatus;
    match status {
        StepStatus::Todo => t_string!(i18n, steps.st_todo),
        StepStatus::InProgress => t_string!(i18n, steps.st_in_progress),
        StepStatus::Blocked => t_string!(i18n, steps.st_blocked),
        StepStatus::Done => t_string!(i18n, steps.st_done),
        StepStatus::Cancelled => t_string!(i18n, steps.st_cancelled),
    }
    .to_string()
}

/// "3 Arbeitstage verspätet": a step's slip against the plan it had, in
/// words (not colour alone), the same in the step list and the table.
pub fn late_text(i18n: I18nContext<Locale>, working_days: i64) -> String {
    t_string!(i18n, progress.late, count = working_days).to_string()
}

/// `(id, name)` options for a select of the contacts with `role` (plus
/// `keep`, the current choice, even if it lost the role), by name.
pub fn contact_options(
    data: &crate::domain::Dataset,
    role: crate::domain::Role,
    keep: Option<crate::domain::ContactId>,
) -> Vec<(String, String)> {
    let mut list: Vec<(String, String)> = data
        .contacts
        .iter()
        .filter(|c| c.has_role(role) || Some(c.id) == keep)
        .map(|c| (c.id.0.to_string(), c.name.clone()))
        .collect();
    by_name(&mut list);
    list
}

/// Every contact as an option, those with `role` first (each group by
/// name): a project's client may be anybody in the address book, but the
/// clients are the likely choice.
pub fn contact_options_role_first(
    data: &crate::domain::Dataset,
    role: crate::domain::Role,
) -> Vec<(String, String)> {
    let mut list = contact_options(data, role, None);
    let mut others: Vec<(String, String)> = data
        .contacts
        .iter()
        .filter(|c| !c.has_role(role))
        .map(|c| (c.id.0.to_string(), c.name.clone()))
        .collect();
    by_name(&mut others);
    list.extend(others);
    list
}

/// Options sorted by their label, ignoring case.
fn by_name(list: &mut [(String, String)]) {
    list.sort_by_key(|(_, name)| name.to_lowercase());
}

/// The roles in the order forms and filters offer them.
pub const ROLES: [crate::domain::Role; 4] = {
    use crate::domain::Role;
    [
        Role::Client,
        Role::Supplier,
        Role::Collaborator,
        Role::Other,
    ]
};

pub fn role_label(i18n: I18nContext<Locale>, role: crate::domain::Role) -> String {
    use crate::domain::Role;
    match role {
        Role::Client => t_string!(i18n, roles.client),
        Role::Supplier => t_string!(i18n, roles.supplier),
        Role::Collaborator => t_string!(i18n, roles.collaborator),
        Role::Other => t_string!(i18n, roles.other),
    }
    .to_string()
}

/// The channels in the order the log's form offers them: the call first,
/// because that is what is most often noted down afterwards.
pub const CHANNELS: [crate::domain::Channel; 5] = {
    use crate::domain::Channel;
    [
        Channel::Phone,
        Channel::Email,
        Channel::Meeting,
        Channel::Message,
        Channel::Letter,
    ]
};

pub fn channel_label(i18n: I18nContext<Locale>, channel: crate::domain::Channel) -> String {
    use crate::domain::Channel;
    match channel {
        Channel::Email => t_string!(i18n, comms.ch_email),
        Channel::Phone => t_string!(i18n, comms.ch_phone),
        Channel::Meeting => t_string!(i18n, comms.ch_meeting),
        Channel::Message => t_string!(i18n, comms.ch_message),
        Channel::Letter => t_string!(i18n, comms.ch_letter),
    }
    .to_string()
}

/// A stable form value for an enum from a fixed list: its position.
pub fn option_value<T: PartialEq>(options: &[T], value: &T) -> String {
    options
        .iter()
        .position(|o| o == value)
        .unwrap_or(0)
        .to_string()
}

/// The list entry a form value names (see [`option_value`]).
pub fn from_option_value<T: Copy>(options: &[T], value: &str) -> Option<T> {
    value
        .parse::<usize>()
        .ok()
        .and_then(|i| options.get(i).copied())
}

/// A record field's name in words, for notices ("der Name"); unknown
/// fields by their stored name.
pub fn field_label(i18n: I18nContext<Locale>, field: &str) -> String {
    match field {
        "name" => t_string!(i18n, integrity.field_name).to_string(),
        "title" => t_string!(i18n, integrity.field_title).to_string(),
        "notes" => t_string!(i18n, integrity.field_notes).to_string(),
        "description" => t_string!(i18n, integrity.field_description).to_string(),
        "work_areas" => t_string!(i18n, integrity.field_work_areas).to_string(),
        "status" => t_string!(i18n, integrity.field_status).to_string(),
        "priority" => t_string!(i18n, integrity.field_priority).to_string(),
        "deadline" => t_string!(i18n, integrity.field_deadline).to_string(),
        "start" | "planned_start" => t_string!(i18n, integrity.field_start).to_string(),
        other => match Field::ALL.into_iter().find(|f| f.as_str() == other) {
            Some(known) => crate::ui::messages::field_label(i18n, known).to_string(),
            None => t_string!(i18n, integrity.field_other, name = other).to_string(),
        },
    }
}

/// A stored field value as a person reads it: text as it is, lists joined
/// with commas, anything else as JSON.
pub fn value_text(value: &serde_json::Value) -> String {
    use serde_json::Value;
    match value {
        Value::String(text) => text.clone(),
        Value::Null => String::new(),
        Value::Array(items) => items.iter().map(value_text).collect::<Vec<_>>().join(", "),
        other => other.to_string(),
    }
}

/// What is wrong, in words, after the record's name.
pub fn problem_text(i18n: I18nContext<Locale>, error: &ValidationError) -> String {
    use ValidationError as E;
    match error {
        E::MissingReference { field, .. } if *field == Field::Project => {
            t_string!(i18n, integrity.missing_project).to_string()
        }
        E::MissingReference { field, .. } => t_string!(
            i18n,
            integrity.missing_reference,
            field = crate::ui::messages::field_label(i18n, *field)
        )
        .to_string(),
        E::SelfDependency { .. } => t_string!(i18n, integrity.self_dependency).to_string(),
        E::CrossProjectDependency { predecessor, .. } => {
            t_string!(i18n, integrity.cross_project, other = predecessor).to_string()
        }
        E::WrongProject { other, .. } => {
            t_string!(i18n, integrity.wrong_project, other = other).to_string()
        }
        E::DuplicateDependency { .. } => {
            t_string!(i18n, integrity.duplicate_dependency).to_string()
        }
        E::DependencyCycle { titles, .. } => {
            t_string!(i18n, integrity.cycle, steps = titles.join(" → ")).to_string()
        }
        E::Empty { .. } => t_string!(i18n, integrity.empty).to_string(),
        E::Negative { field, .. } => t_string!(
            i18n,
            integrity.negative,
            field = crate::ui::messages::field_label(i18n, *field)
        )
        .to_string(),
        E::OutOfRange { field, value, .. } => t_string!(
            i18n,
            integrity.out_of_range,
            field = crate::ui::messages::field_label(i18n, *field),
            value = value
        )
        .to_string(),
        E::ZeroDuration { .. } => t_string!(i18n, integrity.zero_duration).to_string(),
        E::EndBeforeStart { .. } => t_string!(i18n, integrity.end_before_start).to_string(),
        E::DuplicateId { .. } => t_string!(i18n, integrity.duplicate_id).to_string(),
    }
}
