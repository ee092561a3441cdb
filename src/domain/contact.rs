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

/// A postal address; all parts optional. The parts beyond street, postal
/// code, city and country come from address books (vCard `ADR`) and are
/// kept so that an exported card says what the imported one said.
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
    /// State or region ("Bayern").
    #[serde(skip_serializing_if = "String::is_empty")]
    pub region: String,
    /// Post office box.
    #[serde(skip_serializing_if = "String::is_empty")]
    pub po_box: String,
    /// Extended address (c/o, floor, building).
    #[serde(skip_serializing_if = "String::is_empty")]
    pub extended: String,
    /// Lower-case kinds as address books write them (`home`, `work`,
    /// `pref`, …).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub types: Vec<String>,
    /// A free label the address book gave it (Apple's `X-ABLabel`).
    #[serde(skip_serializing_if = "String::is_empty")]
    pub label: String,
}

impl Address {
    /// True when no part is filled in.
    pub fn is_empty(&self) -> bool {
        [
            &self.street,
            &self.postal_code,
            &self.city,
            &self.country,
            &self.region,
            &self.po_box,
            &self.extended,
        ]
        .iter()
        .all(|part| part.trim().is_empty())
    }
}

/// A phone number, e-mail address or web address with what the address
/// book says it is: its kinds (`cell`, `work`, `home`, `fax`, `voice`,
/// `pref`, …, lower case as vCard writes them) and a free label.
///
/// Stored as a plain string when it has neither kinds nor label, so older
/// data (plain strings) reads unchanged and untyped values look as before.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TypedValue {
    /// The number or address as written.
    pub value: String,
    /// Lower-case kinds, in the order of the file.
    pub types: Vec<String>,
    /// A free label (Apple's `X-ABLabel`, e.g. `Zentrale` or `_$!<Mobile>!$_`).
    pub label: String,
}

impl TypedValue {
    /// A value without kinds.
    pub fn new(value: impl Into<String>) -> Self {
        TypedValue {
            value: value.into(),
            ..TypedValue::default()
        }
    }

    /// A value with the given kinds (lower-cased).
    pub fn with_types(value: impl Into<String>, types: &[&str]) -> Self {
        TypedValue {
            value: value.into(),
            types: types.iter().map(|t| t.to_ascii_lowercase()).collect(),
            label: String::new(),
        }
    }

    /// True if one of the kinds is `kind` (case-insensitive).
    pub fn has_type(&self, kind: &str) -> bool {
        self.types.iter().any(|t| t.eq_ignore_ascii_case(kind))
    }

    /// The value as written.
    pub fn as_str(&self) -> &str {
        &self.value
    }

    /// The values one per line, as a form shows them.
    pub fn lines(values: &[TypedValue]) -> String {
        values
            .iter()
            .map(TypedValue::as_str)
            .collect::<Vec<_>>()
            .join("\n")
    }

    /// Values typed one per line, keeping the kinds and label of each
    /// value that was there `before` (so editing the list in a form does
    /// not turn a fax into a phone); new values have none.
    pub fn from_lines(text: &str, before: &[TypedValue]) -> Vec<TypedValue> {
        let mut unused: Vec<&TypedValue> = before.iter().collect();
        text.lines()
            .map(str::trim)
            .filter(|line| !line.is_empty())
            .map(
                |line| match unused.iter().position(|v| v.value.trim() == line) {
                    Some(i) => TypedValue {
                        value: line.to_string(),
                        ..unused.remove(i).clone()
                    },
                    None => TypedValue::new(line),
                },
            )
            .collect()
    }
}

/// The kinds of a phone number a form offers, the most telling first (a
/// work fax is a fax).
pub const PHONE_KINDS: [&str; 5] = ["fax", "cell", "pager", "work", "home"];
/// The kinds of an e-mail address, web address or postal address a form
/// offers.
pub const PLACE_KINDS: [&str; 2] = ["work", "home"];

/// The first of `kinds` that `types` names.
pub fn main_kind(types: &[String], kinds: &[&'static str]) -> Option<&'static str> {
    kinds
        .iter()
        .copied()
        .find(|k| types.iter().any(|t| t.eq_ignore_ascii_case(k)))
}

/// `types` with `kind` as its only one of `kinds`; the kinds a form does
/// not offer (`pref`, `voice`, `internet`, …) stay.
pub fn with_main_kind(types: &[String], kinds: &[&'static str], kind: Option<&str>) -> Vec<String> {
    let rest = types
        .iter()
        .filter(|t| !kinds.iter().any(|k| t.eq_ignore_ascii_case(k)))
        .cloned();
    kind.map(str::to_owned).into_iter().chain(rest).collect()
}

impl TypedValue {
    /// The values one per line, each with the label of its main kind in
    /// parentheses (`+49 171 1234567 (Mobil)`), as a form shows them.
    pub fn labelled_lines(
        values: &[TypedValue],
        kinds: &[&'static str],
        label: impl Fn(&str) -> String,
    ) -> String {
        values
            .iter()
            .map(|v| match main_kind(&v.types, kinds) {
                Some(kind) => format!("{} ({})", v.value, label(kind)),
                None => v.value.clone(),
            })
            .collect::<Vec<_>>()
            .join("\n")
    }

    /// Values typed one per line as [`TypedValue::labelled_lines`] shows
    /// them: a trailing `(label)` that names one of `kinds` gives the value
    /// that kind, a line without one has none of `kinds`; what else a value
    /// had before (`pref`, Apple's label) stays.
    pub fn from_labelled_lines(
        text: &str,
        before: &[TypedValue],
        kinds: &[&'static str],
        label: impl Fn(&str) -> String,
    ) -> Vec<TypedValue> {
        let split = |line: &str| -> (String, Option<&'static str>) {
            if let Some((value, rest)) = line.strip_suffix(')').and_then(|l| l.rsplit_once('(')) {
                let named = rest.trim();
                if let Some(kind) = kinds.iter().find(|k| label(k).eq_ignore_ascii_case(named)) {
                    return (value.trim().to_owned(), Some(*kind));
                }
            }
            (line.to_owned(), None)
        };
        let lines: Vec<(String, Option<&'static str>)> = text
            .lines()
            .map(str::trim)
            .filter(|line| !line.is_empty())
            .map(split)
            .collect();
        let values: Vec<&str> = lines.iter().map(|(v, _)| v.as_str()).collect();
        TypedValue::from_lines(&values.join("\n"), before)
            .into_iter()
            .zip(lines)
            .map(|(mut value, (_, kind))| {
                // An unchanged kind leaves the kinds as the file had them (a
                // work fax stays `work,fax`).
                if main_kind(&value.types, kinds) != kind {
                    value.types = with_main_kind(&value.types, kinds, kind);
                }
                value
            })
            .collect()
    }
}

impl From<&str> for TypedValue {
    fn from(value: &str) -> Self {
        TypedValue::new(value)
    }
}

impl From<String> for TypedValue {
    fn from(value: String) -> Self {
        TypedValue::new(value)
    }
}

/// A plain string is a value without kinds or label.
impl PartialEq<&str> for TypedValue {
    fn eq(&self, other: &&str) -> bool {
        self.value == *other && self.types.is_empty() && self.label.is_empty()
    }
}

impl PartialEq<String> for TypedValue {
    fn eq(&self, other: &String) -> bool {
        *self == other.as_str()
    }
}

/// The object form of a [`TypedValue`].
#[derive(Serialize, Deserialize)]
struct TypedValueFields {
    value: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    types: Vec<String>,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    label: String,
}

impl Serialize for TypedValue {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        if self.types.is_empty() && self.label.is_empty() {
            serializer.serialize_str(&self.value)
        } else {
            TypedValueFields {
                value: self.value.clone(),
                types: self.types.clone(),
                label: self.label.clone(),
            }
            .serialize(serializer)
        }
    }
}

impl<'de> Deserialize<'de> for TypedValue {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Either;
        impl<'de> serde::de::Visitor<'de> for Either {
            type Value = TypedValue;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a string or an object with a value")
            }
            fn visit_str<E: serde::de::Error>(self, value: &str) -> Result<TypedValue, E> {
                Ok(TypedValue::new(value))
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(
                self,
                map: A,
            ) -> Result<TypedValue, A::Error> {
                let fields = TypedValueFields::deserialize(
                    serde::de::value::MapAccessDeserializer::new(map),
                )?;
                Ok(TypedValue {
                    value: fields.value,
                    types: fields.types,
                    label: fields.label,
                })
            }
        }
        deserializer.deserialize_any(Either)
    }
}

/// The parts of a person's name as address books keep them (vCard `N`).
/// Stored as a list in vCard's order (family, given, additional, prefixes,
/// suffixes), which needs no decoder of its own.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct NameParts {
    /// Family name(s).
    pub family: String,
    /// Given name(s).
    pub given: String,
    /// Additional (middle) names.
    pub additional: String,
    /// Honorific prefixes ("Dr.").
    pub prefixes: String,
    /// Honorific suffixes.
    pub suffixes: String,
}

impl NameParts {
    /// True when no part is filled in.
    pub fn is_empty(&self) -> bool {
        [
            &self.family,
            &self.given,
            &self.additional,
            &self.prefixes,
            &self.suffixes,
        ]
        .iter()
        .all(|p| p.trim().is_empty())
    }
}

impl Serialize for NameParts {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut parts = vec![
            &self.family,
            &self.given,
            &self.additional,
            &self.prefixes,
            &self.suffixes,
        ];
        while parts.last().is_some_and(|p| p.is_empty()) {
            parts.pop();
        }
        parts.serialize(serializer)
    }
}

impl<'de> Deserialize<'de> for NameParts {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let mut parts = Vec::<String>::deserialize(deserializer)?.into_iter();
        let mut next = || parts.next().unwrap_or_default();
        Ok(NameParts {
            family: next(),
            given: next(),
            additional: next(),
            prefixes: next(),
            suffixes: next(),
        })
    }
}

/// A birthday; the year may be unknown (address books allow that). Stored
/// as vCard writes it: `1985-03-15`, or `--03-15` without the year.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Birthday {
    /// The year, if known.
    pub year: Option<i32>,
    /// Month, 1–12.
    pub month: u32,
    /// Day of the month, 1–31.
    pub day: u32,
}

impl Serialize for Birthday {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let (month, day) = (self.month, self.day);
        match self.year {
            Some(year) => serializer.collect_str(&format_args!("{year:04}-{month:02}-{day:02}")),
            None => serializer.collect_str(&format_args!("--{month:02}-{day:02}")),
        }
    }
}

impl<'de> Deserialize<'de> for Birthday {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        Birthday::parse(&text)
            .flatten()
            .ok_or_else(|| serde::de::Error::custom("not a birthday"))
    }
}

impl Birthday {
    /// The birthday as a person types it: day, month and year
    /// (`15.03.1985`), or day and month only (`15.03.`); `separator` is `.`
    /// in German, `/` in English.
    pub fn to_text(self, separator: char) -> String {
        let (day, month) = (self.day, self.month);
        match (self.year, separator) {
            (Some(year), _) => format!("{day:02}{separator}{month:02}{separator}{year:04}"),
            (None, '.') => format!("{day:02}.{month:02}."),
            (None, _) => format!("{day:02}{separator}{month:02}"),
        }
    }

    /// A birthday typed as day, month and an optional year (`15.03.1985`,
    /// `15/03`, `15.3.`) or as ISO (`1985-03-15`, `--03-15`); `Some(None)`
    /// for an empty text, `None` for one that names no day of the year.
    pub fn parse(text: &str) -> Option<Option<Birthday>> {
        let text = text.trim();
        if text.is_empty() {
            return Some(None);
        }
        let numbers: Vec<&str> = text
            .split(['.', '/', '-'])
            .filter(|part| !part.is_empty())
            .collect();
        let number = |part: &str| part.trim().parse::<u32>().ok();
        let (day, month, year) = match (text.contains('-'), numbers.as_slice()) {
            (true, [year, month, day]) => (number(day)?, number(month)?, Some(number(year)?)),
            (true, [month, day]) => (number(day)?, number(month)?, None),
            (false, [day, month]) => (number(day)?, number(month)?, None),
            (false, [day, month, year]) => (number(day)?, number(month)?, Some(number(year)?)),
            _ => return None,
        };
        let year = year.map(i32::try_from).transpose().ok()?;
        // A leap year for a birthday without a year, so that 29.02. is one.
        NaiveDate::from_ymd_opt(year.unwrap_or(2000), month, day)?;
        Some(Some(Birthday { year, month, day }))
    }
}

/// An entry of the address book.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(remote = "Self")]
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
    /// E-mail addresses with their kinds, the first is the main one.
    #[serde(default)]
    pub emails: Vec<TypedValue>,
    /// Phone numbers with their kinds (cell, work, fax, …), the first is
    /// the main one.
    #[serde(default)]
    pub phones: Vec<TypedValue>,
    /// Postal address (the main one).
    #[serde(default)]
    pub address: Address,
    /// Further postal addresses, after the main one.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub other_addresses: Vec<Address>,
    /// Web site (the main one).
    #[serde(default)]
    pub website: String,
    /// Further web addresses, after the main one.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub other_urls: Vec<TypedValue>,
    /// Free notes.
    #[serde(default)]
    pub notes: String,
    /// The parts of a person's name (family, given, …) as an address book
    /// keeps them; empty for contacts made in the app.
    #[serde(default, skip_serializing_if = "NameParts::is_empty")]
    pub name_parts: NameParts,
    /// The department within the organisation.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub department: String,
    /// Job title ("Geschäftsführerin").
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub job_title: String,
    /// The part played at work ("Projektleitung"; vCard `ROLE`).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub job_role: String,
    /// Birthday.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub birthday: Option<Birthday>,
    /// Categories of the address book that name no role ("VIP").
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub categories: Vec<String>,
    /// The photo as a URI: a `data:` URI (small photos only) or a web
    /// address.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub photo: String,
    /// The `UID` of the card this contact came from, when it is not the
    /// contact's own id: written back on export so the other program
    /// recognises its card.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub card_uid: String,
    /// Properties of the imported card the app does not show, kept as
    /// unfolded vCard content lines (`X-ABRELATEDNAMES;TYPE=pref:Anna`) so
    /// they survive a round trip.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub card_extras: Vec<String>,
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

// One decoder and one encoder for a contact, whatever reads or writes it.
// `serde(remote = "Self")` makes the derive above inherent functions
// (`Contact::deserialize`, `Contact::serialize`); the trait impls below call
// them only with serde_json's `Value` (de)serializer. Without this, every
// format the app reads a contact from (a stored JSON text, a backup in one
// pass, a `Value` from the journal or a patch) would instantiate the whole
// derive with its nested address, name and typed-value decoders again
// (about 30 KB of wasm). Contacts are few, so the detour through a `Value`
// costs nothing a person notices.
impl<'de> Deserialize<'de> for Contact {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let value = serde_json::Value::deserialize(deserializer)?;
        Contact::deserialize(value).map_err(serde::de::Error::custom)
    }
}

impl Serialize for Contact {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        Contact::serialize(self, serde_json::value::Serializer)
            .map_err(serde::ser::Error::custom)?
            .serialize(serializer)
    }
}

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
            other_addresses: Vec::new(),
            website: String::new(),
            other_urls: Vec::new(),
            notes: String::new(),
            name_parts: NameParts::default(),
            department: String::new(),
            job_title: String::new(),
            job_role: String::new(),
            birthday: None,
            categories: Vec::new(),
            photo: String::new(),
            card_uid: String::new(),
            card_extras: Vec::new(),
            skills: Vec::new(),
            hourly_rate: None,
            weekly_capacity_hours: None,
            days_off: Vec::new(),
        }
    }

    /// Renames the contact. Name parts that no longer fit the new name
    /// (its family or given name is not in it) are dropped, so that an
    /// export builds the structured name from the new display name.
    pub fn rename(&mut self, name: impl Into<String>) {
        self.name = name.into();
        let parts = &self.name_parts;
        let fits = |part: &str| part.trim().is_empty() || self.name.contains(part.trim());
        if !(fits(&parts.family) && fits(&parts.given)) {
            self.name_parts = NameParts::default();
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
