//! Communications: a log of every call, mail and meeting with clients and
//! suppliers, with an optional follow-up date that shows up as a to-do.
//!
//! `at` is a `DateTime<Utc>`: a communication is a moment that already
//! happened, an absolute instant that must sort correctly even across the
//! daylight-saving change or when the user travels. The UI shows it in
//! Europe/Berlin time. (Appointments, which are planned ahead in local wall
//! time, use `NaiveDateTime` instead; see `appointment.rs`.)

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use super::error::check;
use super::record::impl_record;
use super::Field;
use super::{CommunicationId, ContactId, ProjectId, Record, RecordKind, ValidationError};

/// How the communication happened.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Channel {
    /// E-mail.
    #[default]
    Email,
    /// Phone call.
    Phone,
    /// In person or video meeting.
    Meeting,
    /// Chat or text message.
    Message,
    /// Paper letter.
    Letter,
}

/// Who started it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Direction {
    /// The contact reached out.
    Incoming,
    /// I reached out.
    Outgoing,
}

/// One entry of the communication log.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Communication {
    /// Stable id.
    pub id: CommunicationId,
    /// When the entry was created.
    pub created: DateTime<Utc>,
    /// When it was last changed.
    pub updated: DateTime<Utc>,
    /// When the communication took place (an instant, UTC).
    pub at: DateTime<Utc>,
    /// With whom.
    #[serde(default)]
    pub contact: Option<ContactId>,
    /// About which project.
    #[serde(default)]
    pub project: Option<ProjectId>,
    /// How.
    #[serde(default)]
    pub channel: Channel,
    /// Who started it, if worth noting.
    #[serde(default)]
    pub direction: Option<Direction>,
    /// What was said or agreed, required.
    pub summary: String,
    /// When to get back to it.
    #[serde(default)]
    pub follow_up: Option<NaiveDate>,
    /// The follow-up has been dealt with.
    #[serde(default)]
    pub done: bool,
}

impl_record!(Communication, RecordKind::Communication, |c| short(
    &c.summary
));

/// First line of a summary, at most 40 characters, as a label in messages.
fn short(summary: &str) -> String {
    let line = summary.lines().next().unwrap_or_default();
    let mut label: String = line.chars().take(40).collect();
    if line.chars().count() > 40 {
        label.push('…');
    }
    label
}

impl Communication {
    /// A new entry at `at` with `summary`, created at `now`.
    pub fn new(at: DateTime<Utc>, summary: impl Into<String>, now: DateTime<Utc>) -> Self {
        Communication {
            id: CommunicationId::new(),
            created: now,
            updated: now,
            at,
            contact: None,
            project: None,
            channel: Channel::default(),
            direction: None,
            summary: summary.into(),
            follow_up: None,
            done: false,
        }
    }

    /// True if a follow-up is due on or before `today` and not done.
    pub fn follow_up_due(&self, today: NaiveDate) -> bool {
        !self.done && self.follow_up.is_some_and(|d| d <= today)
    }

    /// Rules of the entry on its own.
    pub fn validate(&self) -> Result<(), Vec<ValidationError>> {
        let mut errors = Vec::new();
        self.check(&mut errors);
        super::into_result(errors)
    }

    pub(crate) fn check(&self, errors: &mut Vec<ValidationError>) {
        check::not_blank(&self.reference(), Field::Summary, &self.summary, errors);
    }
}
