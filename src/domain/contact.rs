//! Contacts: one address book for clients, suppliers and collaborators.
//! A contact can hold several roles; collaborators additionally carry what
//! the network planning needs (skills, rate, capacity, days off).

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use super::error::check;
use super::record::impl_record;
use super::{Allowed, Field};
use super::{ContactId, Money, Record, RecordKind, ValidationError};

/// A person or an organisation.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ContactKind {
    /// A person.
    #[default]
    Person,
    /// A company, agency, authority, association.
    Organisation,
}

/// What a contact is to the business.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    /// Pays for projects.
    Client,
    /// Delivers materials or services.
    Supplier,
    /// Works on steps (a freelancer of the network).
    Collaborator,
    /// Anything else.
    Other,
}

/// A postal address; all parts optional.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Address {
    /// Street and number.
    pub street: String,
    /// Postal code (text: leading zeros, foreign formats).
    pub postal_code: String,
    /// City.
    pub city: String,
    /// Country, free text ("Deutschland").
    pub country: String,
}

impl Address {
    /// True when no part is filled in.
    pub fn is_empty(&self) -> bool {
        [&self.street, &self.postal_code, &self.city, &self.country]
            .iter()
            .all(|part| part.trim().is_empty())
    }
}

/// An entry of the address book.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Contact {
    /// Stable id.
    pub id: ContactId,
    /// When it was created.
    pub created: DateTime<Utc>,
    /// When it was last changed.
    pub updated: DateTime<Utc>,
    /// Person or organisation.
    #[serde(default)]
    pub kind: ContactKind,
    /// Display name, required ("Anna Schmidt", "Druckerei Müller GmbH").
    pub name: String,
    /// The organisation a person works for.
    #[serde(default)]
    pub organisation: String,
    /// Roles, any number.
    #[serde(default)]
    pub roles: Vec<Role>,
    /// E-mail addresses, the first is the main one.
    #[serde(default)]
    pub emails: Vec<String>,
    /// Phone numbers, the first is the main one.
    #[serde(default)]
    pub phones: Vec<String>,
    /// Postal address.
    #[serde(default)]
    pub address: Address,
    /// Web site.
    #[serde(default)]
    pub website: String,
    /// Free notes.
    #[serde(default)]
    pub notes: String,
    /// Collaborators: what they can do ("Frontend", "Fotografie").
    #[serde(default)]
    pub skills: Vec<String>,
    /// Collaborators: price of an hour.
    #[serde(default)]
    pub hourly_rate: Option<Money>,
    /// Collaborators: hours per week they can give to this network.
    #[serde(default)]
    pub weekly_capacity_hours: Option<f64>,
    /// Collaborators: days they are not available (holidays, other jobs).
    #[serde(default)]
    pub days_off: Vec<NaiveDate>,
}

impl_record!(Contact, RecordKind::Contact, |c| c.name.clone());

impl Contact {
    /// A new person named `name`, created at `now`.
    pub fn new(name: impl Into<String>, now: DateTime<Utc>) -> Self {
        Contact {
            id: ContactId::new(),
            created: now,
            updated: now,
            kind: ContactKind::Person,
            name: name.into(),
            organisation: String::new(),
            roles: Vec::new(),
            emails: Vec::new(),
            phones: Vec::new(),
            address: Address::default(),
            website: String::new(),
            notes: String::new(),
            skills: Vec::new(),
            hourly_rate: None,
            weekly_capacity_hours: None,
            days_off: Vec::new(),
        }
    }

    /// True if the contact has `role`.
    pub fn has_role(&self, role: Role) -> bool {
        self.roles.contains(&role)
    }

    /// True if the contact is off on `date`.
    pub fn is_off(&self, date: NaiveDate) -> bool {
        self.days_off.contains(&date)
    }

    /// Rules of the contact on its own.
    pub fn validate(&self) -> Result<(), Vec<ValidationError>> {
        let mut errors = Vec::new();
        self.check(&mut errors);
        super::into_result(errors)
    }

    pub(crate) fn check(&self, errors: &mut Vec<ValidationError>) {
        let me = self.reference();
        check::not_blank(&me, Field::Name, &self.name, errors);
        if let Some(rate) = self.hourly_rate {
            check::non_negative_money(&me, Field::HourlyRate, rate, errors);
        }
        if let Some(hours) = self.weekly_capacity_hours {
            check::non_negative(&me, Field::WeeklyCapacityHours, hours, errors);
            if hours > 168.0 {
                errors.push(ValidationError::OutOfRange {
                    record: me.clone(),
                    field: Field::WeeklyCapacityHours,
                    allowed: Allowed::AtMost(168),
                    value: hours.to_string(),
                });
            }
        }
    }
}
