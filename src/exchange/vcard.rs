//! vCard import and export (address book exchange with Apple Contacts,
//! Google Contacts, Thunderbird, Outlook).
//!
//! **Reading** accepts vCard 3.0 and 4.0 (and, leniently, 2.1): several cards
//! per file, folded lines, escapes, `TYPE` parameters in all their spellings
//! (`TYPE=WORK,VOICE`, `type=work;type=pref`, `PREF=1`), Apple's `item1.`
//! groups, UTF-8 with or without BOM, CRLF or LF. The file is first cut into
//! cards here (so that each card has a position and a broken card cannot
//! swallow its neighbours); each card's properties are then parsed by
//! [`calcard`], Stalwart's vCard/iCalendar library. It was chosen over
//! `vcard4` (4.0 only, strict: rejects the 3.0 that Apple and Google export),
//! `ical` (parses, but leaves unescaping and structured values to the caller)
//! and `icalendar` (no vCard) because it follows the robustness principle on
//! real-world input, is pure Rust without C, builds for wasm32, and is in
//! production use for CardDAV/CalDAV in the Stalwart server.
//!
//! **Writing** produces vCard 3.0 (RFC 2426): it is the version every common
//! program imports — Outlook and older Android versions do not read 4.0 —
//! and nothing the app stores needs 4.0. Lines end in CRLF, are folded at
//! 75 octets without splitting a UTF-8 character, and text is escaped. The
//! writer is our own few lines (see [`super::ical`]'s content-line helpers)
//! because calcard's 3.0 writer adds 2.1-style `CHARSET=UTF-8` parameters.

use calcard::common::IanaString;
use calcard::vcard::{
    VCard, VCardEntry, VCardKind, VCardParameterName, VCardParameterValue, VCardProperty,
    VCardValue,
};
use chrono::{DateTime, Utc};
use uuid::Uuid;

use super::ical::content_line::{blocks, decode_text, escape_text, BlockProblem, ContentWriter};
use crate::domain::{Address, Contact, ContactId, ContactKind, Role};

/// A value with its `TYPE`s, e.g. an e-mail address marked `work`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TypedValue {
    /// The address or number as written in the card.
    pub value: String,
    /// Lower-case types (`work`, `home`, `cell`, `voice`, `fax`, `pref`,
    /// …), without the meaningless `internet`.
    pub types: Vec<String>,
}

impl TypedValue {
    /// A value without types.
    pub fn new(value: impl Into<String>) -> Self {
        TypedValue {
            value: value.into(),
            types: Vec::new(),
        }
    }

    /// A value with the given types.
    pub fn with_types(value: impl Into<String>, types: &[&str]) -> Self {
        TypedValue {
            value: value.into(),
            types: types.iter().map(|t| t.to_ascii_lowercase()).collect(),
        }
    }

    /// True if one of the types is `kind` (case-insensitive).
    pub fn has_type(&self, kind: &str) -> bool {
        self.types.iter().any(|t| t.eq_ignore_ascii_case(kind))
    }
}

/// A postal address of a card (`ADR`), all parts optional.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PostalAddress {
    /// Lower-case types (`work`, `home`, `pref`).
    pub types: Vec<String>,
    /// Post office box.
    pub po_box: String,
    /// Extended address (c/o, floor, building).
    pub extended: String,
    /// Street and number.
    pub street: String,
    /// City.
    pub locality: String,
    /// State or region.
    pub region: String,
    /// Postal code.
    pub postal_code: String,
    /// Country.
    pub country: String,
}

impl PostalAddress {
    /// True when no part is filled in.
    pub fn is_empty(&self) -> bool {
        [
            &self.po_box,
            &self.extended,
            &self.street,
            &self.locality,
            &self.region,
            &self.postal_code,
            &self.country,
        ]
        .iter()
        .all(|p| p.trim().is_empty())
    }
}

/// One contact as vCard carries it: the intermediate form between a `.vcf`
/// file and the app's [`Contact`].
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct VCardContact {
    /// `UID`, empty if the card had none.
    pub uid: String,
    /// The card describes an organisation (`KIND:org`, Apple's
    /// `X-ABShowAs:COMPANY`, or a card with only `ORG`).
    pub is_organisation: bool,
    /// `FN`, the display name.
    pub formatted_name: String,
    /// `N` family name(s).
    pub family_name: String,
    /// `N` given name(s).
    pub given_name: String,
    /// `N` additional (middle) names.
    pub additional_names: String,
    /// `N` honorific prefixes ("Dr.").
    pub prefixes: String,
    /// `N` honorific suffixes.
    pub suffixes: String,
    /// First `ORG` component: the organisation's name.
    pub organisation: String,
    /// Further `ORG` components (department, unit), joined with ", ".
    pub department: String,
    /// `TITLE`, the job title.
    pub title: String,
    /// `EMAIL`s, preferred first.
    pub emails: Vec<TypedValue>,
    /// `TEL`s, preferred first.
    pub phones: Vec<TypedValue>,
    /// `ADR`s, preferred first.
    pub addresses: Vec<PostalAddress>,
    /// `URL`s.
    pub urls: Vec<String>,
    /// `NOTE`s, joined with a blank line.
    pub note: String,
    /// `CATEGORIES`.
    pub categories: Vec<String>,
}

impl VCardContact {
    /// The name to show: `FN`, else built from `N`, else the organisation,
    /// else the first e-mail address; empty if the card has none of them.
    pub fn display_name(&self) -> String {
        let formatted = self.formatted_name.trim();
        if !formatted.is_empty() {
            return formatted.to_string();
        }
        let from_n = [
            &self.prefixes,
            &self.given_name,
            &self.additional_names,
            &self.family_name,
            &self.suffixes,
        ]
        .iter()
        .map(|p| p.trim())
        .filter(|p| !p.is_empty())
        .collect::<Vec<_>>()
        .join(" ");
        if !from_n.is_empty() {
            return from_n;
        }
        if !self.organisation.trim().is_empty() {
            return self.organisation.trim().to_string();
        }
        self.emails
            .first()
            .map(|e| e.value.trim().to_string())
            .unwrap_or_default()
    }
}

/// Where a card is in the file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct CardPosition {
    /// 1-based number of the card in the file (counting broken ones).
    pub card: usize,
    /// 1-based line: of `BEGIN:VCARD` for a read card, of the problem for
    /// an error.
    pub line: usize,
}

/// Why a card could not be imported. `Display` is English, for logs; the
/// UI says it in the person's language.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CardProblem {
    /// The file has no `BEGIN:VCARD` at all.
    #[error("no vCard found (no BEGIN:VCARD line)")]
    NoCard,
    /// The card's block is broken (not closed, a line without `:`).
    #[error("{}", .0.describe("VCARD"))]
    Broken(BlockProblem),
    /// The card's lines could not be read as a vCard.
    #[error("not a readable vCard")]
    Unreadable,
    /// Nothing to name the contact by.
    #[error("card has no name, organisation, e-mail or phone")]
    Nameless,
    /// The file's bytes are not text in the encoding it announces.
    #[error("{0}")]
    NotText(crate::exchange::encoding::NotText),
}

/// A card that could not be imported.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CardError {
    /// Which card, and the line of the problem.
    pub position: CardPosition,
    /// What is wrong.
    pub problem: CardProblem,
}

impl std::fmt::Display for CardError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "card {} (line {}): {}",
            self.position.card, self.position.line, self.problem
        )
    }
}

/// The result of reading a `.vcf` file: the good cards and the broken ones.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct VCardImport {
    /// The cards that were read, in file order.
    pub contacts: Vec<(CardPosition, VCardContact)>,
    /// The cards that were skipped, in file order.
    pub errors: Vec<CardError>,
}

/// Reads all cards of a `.vcf` file. Never fails as a whole: a broken card
/// (not closed, a corrupted line, no name at all) is reported in
/// [`VCardImport::errors`] with its position, and the other cards import.
/// A text without any `BEGIN:VCARD` yields one error at card 0, line 1.
pub fn parse_vcards(text: &str) -> VCardImport {
    let mut import = VCardImport::default();
    let found = blocks(text, "VCARD");
    if found.is_empty() {
        import.errors.push(CardError {
            position: CardPosition { card: 0, line: 1 },
            problem: CardProblem::NoCard,
        });
        return import;
    }
    for (index, block) in found.into_iter().enumerate() {
        let card = index + 1;
        if let Some((line, problem)) = block.problem {
            import.errors.push(CardError {
                position: CardPosition { card, line },
                problem: CardProblem::Broken(problem),
            });
            continue;
        }
        let position = CardPosition {
            card,
            line: block.start_line,
        };
        let parsed = match VCard::parse(&block.text) {
            Ok(vcard) => vcard,
            Err(_) => {
                import.errors.push(CardError {
                    position,
                    problem: CardProblem::Unreadable,
                });
                continue;
            }
        };
        let contact = contact_from_vcard(&parsed);
        if contact.display_name().is_empty() && contact.phones.is_empty() {
            import.errors.push(CardError {
                position,
                problem: CardProblem::Nameless,
            });
            continue;
        }
        import.contacts.push((position, contact));
    }
    import
}

/// [`parse_vcards`] for the raw bytes of a file: UTF-8 with or without BOM,
/// UTF-16 with BOM; also reads files whose folding cut a UTF-8 character in
/// two, and Windows-1252 files from older Outlook versions. A UTF-16 file
/// that is not UTF-16 yields one error at card 0 with the line of the first
/// bad byte.
pub fn parse_vcard_bytes(bytes: &[u8]) -> VCardImport {
    match decode_text(bytes) {
        Ok(text) => parse_vcards(&text),
        Err(not_text) => VCardImport {
            contacts: Vec::new(),
            errors: vec![CardError {
                position: CardPosition {
                    card: 0,
                    line: not_text.line,
                },
                problem: CardProblem::NotText(not_text),
            }],
        },
    }
}

/// The text values of an entry (a structured value's components in order).
fn texts(entry: &VCardEntry) -> Vec<String> {
    entry
        .values
        .iter()
        .map(|value| match value {
            VCardValue::Text(text) => text.clone(),
            VCardValue::Component(parts) => parts.join(","),
            VCardValue::Integer(i) => i.to_string(),
            VCardValue::Float(f) => f.to_string(),
            VCardValue::Boolean(b) => b.to_string(),
            VCardValue::Kind(kind) => kind.as_str().to_string(),
            _ => String::new(),
        })
        .collect()
}

/// The first text value, trimmed.
fn first_text(entry: &VCardEntry) -> String {
    texts(entry)
        .into_iter()
        .next()
        .unwrap_or_default()
        .trim()
        .to_string()
}

/// Lower-case `TYPE`s of an entry; `PREF` (4.0) becomes the type `pref`.
fn types(entry: &VCardEntry) -> Vec<String> {
    let mut found: Vec<String> = Vec::new();
    let mut push = |t: String| {
        for part in t.split(',') {
            let part = part.trim().trim_matches('"').to_ascii_lowercase();
            if !part.is_empty() && part != "internet" && !found.contains(&part) {
                found.push(part);
            }
        }
    };
    for param in &entry.params {
        match (&param.name, &param.value) {
            (VCardParameterName::Type, VCardParameterValue::Text(t)) => push(t.clone()),
            (VCardParameterName::Type, VCardParameterValue::Type(t)) => {
                push(t.as_str().to_string())
            }
            (VCardParameterName::Pref, _) => push("pref".to_string()),
            // vCard 2.1 writes bare types: `TEL;WORK;VOICE:`.
            (VCardParameterName::Other(name), VCardParameterValue::Null) => push(name.clone()),
            _ => {}
        }
    }
    found
}

/// `tel:+49…` / `mailto:…` URIs (vCard 4.0) as plain values.
fn strip_scheme(value: &str) -> String {
    let value = value.trim();
    for scheme in ["tel:", "mailto:"] {
        if value.len() > scheme.len()
            && value.is_char_boundary(scheme.len())
            && value[..scheme.len()].eq_ignore_ascii_case(scheme)
        {
            return value[scheme.len()..].trim().to_string();
        }
    }
    value.to_string()
}

/// Preferred entries first, otherwise file order.
fn pref_first<T>(items: &mut [T], is_pref: impl Fn(&T) -> bool) {
    items.sort_by_key(|item| !is_pref(item));
}

/// Maps a parsed card to the intermediate contact.
fn contact_from_vcard(card: &VCard) -> VCardContact {
    let mut contact = VCardContact::default();
    let mut shows_as_company = false;
    let mut notes = Vec::new();
    for entry in &card.entries {
        match &entry.name {
            VCardProperty::Uid => contact.uid = first_text(entry),
            VCardProperty::Kind => {
                contact.is_organisation = entry.values.iter().any(|v| match v {
                    VCardValue::Kind(kind) => matches!(kind, VCardKind::Org),
                    VCardValue::Text(t) => t.trim().eq_ignore_ascii_case("org"),
                    _ => false,
                });
            }
            VCardProperty::Fn if contact.formatted_name.is_empty() => {
                contact.formatted_name = first_text(entry);
            }
            VCardProperty::N => {
                let parts = texts(entry);
                let part = |i: usize| {
                    parts
                        .get(i)
                        .map(|p| p.trim().to_string())
                        .unwrap_or_default()
                };
                contact.family_name = part(0);
                contact.given_name = part(1);
                contact.additional_names = part(2);
                contact.prefixes = part(3);
                contact.suffixes = part(4);
            }
            VCardProperty::Org => {
                let parts: Vec<String> = texts(entry)
                    .into_iter()
                    .map(|p| p.trim().to_string())
                    .collect();
                if let Some((first, rest)) = parts.split_first() {
                    contact.organisation = first.clone();
                    contact.department = rest
                        .iter()
                        .filter(|p| !p.is_empty())
                        .cloned()
                        .collect::<Vec<_>>()
                        .join(", ");
                }
            }
            VCardProperty::Title => contact.title = first_text(entry),
            VCardProperty::Email => {
                let value = strip_scheme(&first_text(entry));
                if !value.is_empty() {
                    contact.emails.push(TypedValue {
                        value,
                        types: types(entry),
                    });
                }
            }
            VCardProperty::Tel => {
                let value = strip_scheme(&first_text(entry));
                if !value.is_empty() {
                    contact.phones.push(TypedValue {
                        value,
                        types: types(entry),
                    });
                }
            }
            VCardProperty::Adr => {
                let parts = texts(entry);
                let part = |i: usize| {
                    parts
                        .get(i)
                        .map(|p| p.trim().to_string())
                        .unwrap_or_default()
                };
                let address = PostalAddress {
                    types: types(entry),
                    po_box: part(0),
                    extended: part(1),
                    street: part(2),
                    locality: part(3),
                    region: part(4),
                    postal_code: part(5),
                    country: part(6),
                };
                if !address.is_empty() {
                    contact.addresses.push(address);
                }
            }
            VCardProperty::Url => {
                let url = first_text(entry);
                if !url.is_empty() {
                    contact.urls.push(url);
                }
            }
            VCardProperty::Note => {
                let note = texts(entry).join(",");
                let note = note.trim();
                if !note.is_empty() {
                    notes.push(note.replace("\r\n", "\n"));
                }
            }
            VCardProperty::Categories => {
                for category in texts(entry) {
                    let category = category.trim();
                    if !category.is_empty() && !contact.categories.iter().any(|c| c == category) {
                        contact.categories.push(category.to_string());
                    }
                }
            }
            VCardProperty::Other(name) if name.eq_ignore_ascii_case("X-ABSHOWAS") => {
                shows_as_company = first_text(entry).eq_ignore_ascii_case("COMPANY");
            }
            _ => {}
        }
    }
    contact.note = notes.join("\n\n");
    pref_first(&mut contact.emails, |e| e.has_type("pref"));
    pref_first(&mut contact.phones, |p| p.has_type("pref"));
    pref_first(&mut contact.addresses, |a| {
        a.types.iter().any(|t| t == "pref")
    });
    let has_person_name = !contact.given_name.is_empty() || !contact.family_name.is_empty();
    if shows_as_company
        || (!contact.organisation.is_empty()
            && !has_person_name
            && (contact.formatted_name.is_empty()
                || contact.formatted_name == contact.organisation))
    {
        contact.is_organisation = true;
    }
    contact
}

/// Escapes the parts of a structured value (`N`, `ADR`, `ORG`) and joins
/// them with `;`.
fn structured(parts: &[&str]) -> String {
    parts
        .iter()
        .map(|p| escape_text(p))
        .collect::<Vec<_>>()
        .join(";")
}

/// `;TYPE=WORK,VOICE` for the given types, or nothing.
fn type_param(types: &[String]) -> String {
    let types: Vec<String> = types
        .iter()
        .map(|t| t.trim())
        .filter(|t| !t.is_empty() && t.chars().all(|c| c.is_ascii_alphanumeric() || c == '-'))
        .map(|t| t.to_ascii_uppercase())
        .collect();
    if types.is_empty() {
        String::new()
    } else {
        format!(";TYPE={}", types.join(","))
    }
}

/// Writes the contacts as one vCard 3.0 file (CRLF, folded, escaped).
pub fn write_vcards(contacts: &[VCardContact]) -> String {
    let mut w = ContentWriter::new();
    for contact in contacts {
        write_card(&mut w, contact);
    }
    w.finish()
}

fn write_card(w: &mut ContentWriter, c: &VCardContact) {
    w.line("BEGIN:VCARD");
    w.line("VERSION:3.0");
    w.line("PRODID:-//Chefsache//Chefsache//DE");
    w.property("UID", &escape_text(&c.uid));
    // N and FN are both required in 3.0.
    w.line(&format!(
        "N:{}",
        structured(&[
            &c.family_name,
            &c.given_name,
            &c.additional_names,
            &c.prefixes,
            &c.suffixes
        ])
    ));
    w.line(&format!("FN:{}", escape_text(&c.display_name())));
    if !c.organisation.is_empty() || !c.department.is_empty() {
        let mut parts = vec![c.organisation.as_str()];
        parts.extend(c.department.split(", ").filter(|p| !p.is_empty()));
        w.line(&format!("ORG:{}", structured(&parts)));
    }
    if c.is_organisation {
        // Apple Contacts' marker for company cards (3.0 has no KIND).
        w.line("X-ABShowAs:COMPANY");
    }
    w.property("TITLE", &escape_text(&c.title));
    for email in c.emails.iter().filter(|e| !e.value.trim().is_empty()) {
        let mut types = vec!["internet".to_string()];
        types.extend(email.types.iter().filter(|t| *t != "internet").cloned());
        w.line(&format!(
            "EMAIL{}:{}",
            type_param(&types),
            escape_text(email.value.trim())
        ));
    }
    for phone in c.phones.iter().filter(|p| !p.value.trim().is_empty()) {
        w.line(&format!(
            "TEL{}:{}",
            type_param(&phone.types),
            escape_text(phone.value.trim())
        ));
    }
    for a in c.addresses.iter().filter(|a| !a.is_empty()) {
        w.line(&format!(
            "ADR{}:{}",
            type_param(&a.types),
            structured(&[
                &a.po_box,
                &a.extended,
                &a.street,
                &a.locality,
                &a.region,
                &a.postal_code,
                &a.country
            ])
        ));
    }
    for url in c.urls.iter().filter(|u| !u.trim().is_empty()) {
        w.line(&format!("URL:{}", escape_text(url.trim())));
    }
    w.property("NOTE", &escape_text(&c.note));
    let categories: Vec<String> = c
        .categories
        .iter()
        .filter(|cat| !cat.trim().is_empty())
        .map(|cat| escape_text(cat.trim()))
        .collect();
    w.property("CATEGORIES", &categories.join(","));
    w.line("END:VCARD");
}

/// What duplicate detection compares: implemented for the file's
/// [`VCardContact`] and the app's [`Contact`], so either can be checked
/// against a list of the other.
pub trait ContactKeys {
    /// The display name.
    fn key_name(&self) -> String;
    /// All e-mail addresses.
    fn key_emails(&self) -> Vec<&str>;
    /// All phone numbers as written.
    fn key_phones(&self) -> Vec<&str>;
}

impl ContactKeys for VCardContact {
    fn key_name(&self) -> String {
        self.display_name()
    }
    fn key_emails(&self) -> Vec<&str> {
        self.emails.iter().map(|e| e.value.as_str()).collect()
    }
    fn key_phones(&self) -> Vec<&str> {
        self.phones.iter().map(|p| p.value.as_str()).collect()
    }
}

impl ContactKeys for Contact {
    fn key_name(&self) -> String {
        self.name.clone()
    }
    fn key_emails(&self) -> Vec<&str> {
        self.emails.iter().map(String::as_str).collect()
    }
    fn key_phones(&self) -> Vec<&str> {
        self.phones.iter().map(String::as_str).collect()
    }
}

/// A phone number reduced to digits, with the German conventions folded
/// together: `+49 171 …`, `0049 171 …` and `0171 …` all become `49171…`.
/// Numbers written without country code are taken as German, since the app
/// is for German users. Empty if the number has no digits.
pub fn normalize_phone(phone: &str) -> String {
    let phone = phone.trim();
    let digits: String = phone.chars().filter(char::is_ascii_digit).collect();
    if phone.starts_with('+') {
        digits
    } else if let Some(rest) = digits.strip_prefix("00") {
        rest.to_string()
    } else if let Some(rest) = digits.strip_prefix('0') {
        format!("49{rest}")
    } else {
        digits
    }
}

/// A name compared case-insensitively with runs of white space collapsed.
fn normalize_name(name: &str) -> String {
    name.split_whitespace()
        .map(str::to_lowercase)
        .collect::<Vec<_>>()
        .join(" ")
}

/// The index of the first `existing` contact that `incoming` duplicates:
/// one with an e-mail address in common (case-insensitive), or with the same
/// name (case and spacing ignored) and a phone number in common (digits
/// compared, see [`normalize_phone`]).
pub fn find_duplicate<'e, E: ContactKeys + 'e, I: ContactKeys + ?Sized>(
    existing: impl IntoIterator<Item = &'e E>,
    incoming: &I,
) -> Option<usize> {
    let emails: Vec<String> = incoming
        .key_emails()
        .iter()
        .map(|e| e.trim().to_lowercase())
        .filter(|e| !e.is_empty())
        .collect();
    let name = normalize_name(&incoming.key_name());
    let phones: Vec<String> = incoming
        .key_phones()
        .iter()
        .map(|p| normalize_phone(p))
        .filter(|p| !p.is_empty())
        .collect();

    existing.into_iter().position(|candidate| {
        let same_email = candidate
            .key_emails()
            .iter()
            .any(|e| emails.contains(&e.trim().to_lowercase()));
        let same_name_and_phone = !name.is_empty()
            && normalize_name(&candidate.key_name()) == name
            && candidate
                .key_phones()
                .iter()
                .any(|p| phones.contains(&normalize_phone(p)));
        same_email || same_name_and_phone
    })
}

/// The `CATEGORIES` label written for a role, German as the app's users see
/// it in their address book.
fn role_label(role: Role) -> &'static str {
    match role {
        Role::Client => "Kunde",
        Role::Supplier => "Lieferant",
        Role::Collaborator => "Freelancer",
        Role::Other => "Sonstige",
    }
}

/// The role a category names, in German or English; `None` for others.
fn role_from_label(label: &str) -> Option<Role> {
    match label.trim().to_lowercase().as_str() {
        "kunde" | "kunden" | "kundin" | "client" | "clients" | "customer" | "customers" => {
            Some(Role::Client)
        }
        "lieferant" | "lieferanten" | "supplier" | "suppliers" | "vendor" => Some(Role::Supplier),
        "freelancer" | "mitarbeiter" | "mitarbeiterin" | "partner" | "collaborator"
        | "collaborators" => Some(Role::Collaborator),
        "sonstige" | "other" => Some(Role::Other),
        _ => None,
    }
}

impl VCardContact {
    /// The card for an app contact. The contact id becomes the `UID`, so an
    /// exported and re-imported contact keeps its identity.
    ///
    /// A person's name is split at the last space into given and family
    /// name for `N`. Roles become `CATEGORIES` ("Kunde", "Lieferant",
    /// "Freelancer"). Skills, rates, capacity and days off have no place in
    /// vCard and are not written.
    pub fn from_contact(contact: &Contact) -> Self {
        let name = contact.name.trim();
        let is_organisation = contact.kind == ContactKind::Organisation;
        let (given_name, family_name) = if is_organisation {
            (String::new(), String::new())
        } else {
            match name.rsplit_once(' ') {
                Some((given, family)) => (given.trim().to_string(), family.trim().to_string()),
                None => (String::new(), name.to_string()),
            }
        };
        let address = &contact.address;
        let addresses = if address.is_empty() {
            Vec::new()
        } else {
            vec![PostalAddress {
                types: vec![if is_organisation { "work" } else { "home" }.to_string()],
                street: address.street.clone(),
                locality: address.city.clone(),
                postal_code: address.postal_code.clone(),
                country: address.country.clone(),
                ..PostalAddress::default()
            }]
        };
        VCardContact {
            uid: contact.id.to_string(),
            is_organisation,
            formatted_name: name.to_string(),
            family_name,
            given_name,
            organisation: if is_organisation {
                name.to_string()
            } else {
                contact.organisation.clone()
            },
            emails: contact.emails.iter().map(TypedValue::new).collect(),
            phones: contact.phones.iter().map(TypedValue::new).collect(),
            addresses,
            urls: if contact.website.trim().is_empty() {
                Vec::new()
            } else {
                vec![contact.website.trim().to_string()]
            },
            note: contact.notes.clone(),
            categories: contact
                .roles
                .iter()
                .map(|r| role_label(*r).to_string())
                .collect(),
            ..VCardContact::default()
        }
    }

    /// The app contact for this card, created at `now`.
    ///
    /// A `UID` that is a UUID (plain or `urn:uuid:`) becomes the contact id,
    /// so a card exported by this app maps back to its record; otherwise a
    /// new id is made. The preferred (first) address is taken; the job
    /// title is kept at the top of the notes; categories naming a role
    /// ("Kunde", "Lieferant", "Freelancer", English too) become roles.
    pub fn to_contact(&self, now: DateTime<Utc>) -> Contact {
        let name = self.display_name();
        let mut contact = Contact::new(name.clone(), now);
        if let Some(uuid) = uuid_of(&self.uid) {
            contact.id = ContactId::from(uuid);
        }
        if self.is_organisation {
            contact.kind = ContactKind::Organisation;
        } else if self.organisation != name {
            contact.organisation = self.organisation.clone();
        }
        contact.emails = self.emails.iter().map(|e| e.value.clone()).collect();
        contact.phones = self.phones.iter().map(|p| p.value.clone()).collect();
        if let Some(a) = self.addresses.first() {
            let street = [a.extended.trim(), a.street.trim(), a.po_box.trim()]
                .into_iter()
                .filter(|p| !p.is_empty())
                .collect::<Vec<_>>()
                .join(", ");
            contact.address = Address {
                street,
                postal_code: a.postal_code.clone(),
                city: a.locality.clone(),
                country: a.country.clone(),
            };
        }
        contact.website = self.urls.first().cloned().unwrap_or_default();
        contact.notes = if self.title.is_empty() {
            self.note.clone()
        } else if self.note.is_empty() {
            self.title.clone()
        } else {
            format!("{}\n\n{}", self.title, self.note)
        };
        for role in self.categories.iter().filter_map(|c| role_from_label(c)) {
            if !contact.roles.contains(&role) {
                contact.roles.push(role);
            }
        }
        contact
    }
}

/// The UUID in a `UID` like `0f…`, `urn:uuid:0f…` or `0f…@chefsache.app`.
fn uuid_of(uid: &str) -> Option<Uuid> {
    let uid = uid.trim();
    let uid = uid.strip_prefix("urn:uuid:").unwrap_or(uid);
    let uid = uid.split('@').next().unwrap_or(uid);
    Uuid::parse_str(uid).ok()
}

/// Writes app contacts as a vCard 3.0 file.
pub fn write_contacts(contacts: &[Contact]) -> String {
    let cards: Vec<VCardContact> = contacts.iter().map(VCardContact::from_contact).collect();
    write_vcards(&cards)
}
