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
//! **Writing** produces vCard 3.0 (RFC 2426) by default: it is the version
//! every common program imports — Outlook and older Android versions do not
//! read 4.0 — and vCard 4.0 (RFC 6350, for CardDAV servers such as
//! Nextcloud) on request ([`write_contacts_as`]). Lines end in CRLF, are
//! folded at 75 octets without splitting a UTF-8 character, and text is
//! escaped. The writer is our own few lines (see [`super::ical`]'s
//! content-line helpers) because calcard's 3.0 writer adds 2.1-style
//! `CHARSET=UTF-8` parameters.
//!
//! **What is kept**: a contact keeps what its card had — the structured
//! name, person or organisation (`KIND:org`, Apple's `X-ABShowAs:COMPANY`),
//! organisation and department, title and role, every address, phone,
//! e-mail and web address with its types and Apple label (`item1.X-ABLabel`),
//! birthday (also without year), notes, categories, the photo as a data URI
//! up to [`MAX_PHOTO_BYTES`] (larger ones are dropped with a
//! [`CardWarning`]), the card's own `UID`, and every other property as a raw
//! content line — so import → export → import is the identity. Not kept:
//! `REV` (stale after an edit), parameters other than `TYPE`/`PREF` on the
//! read properties (`PID`, `VALUE=uri`), and the types and label of the
//! first web address (the app's single `website` field).

use calcard::common::IanaString;
use calcard::vcard::{
    VCard, VCardEntry, VCardParameterName, VCardParameterValue, VCardProperty, VCardValue,
};
use chrono::{DateTime, Utc};
use uuid::Uuid;

use super::ical::content_line::{blocks, decode_text, escape_text, BlockProblem, ContentWriter};
use crate::domain::{Address, Birthday, Contact, ContactId, ContactKind, NameParts, Role};

pub use crate::domain::TypedValue;

/// The largest `.vcf` file read: an iCloud export of a few thousand cards
/// with photos stays well below it; anything larger is not an address book
/// a person picks.
pub const MAX_VCARD_BYTES: usize = 50 * 1024 * 1024;

/// The largest photo kept (decoded bytes). Shrinking a photo needs the
/// browser's image decoding, so a larger one is dropped with a warning.
pub const MAX_PHOTO_BYTES: usize = 64 * 1024;

/// The largest unknown property kept raw (a content line, in bytes).
pub const MAX_EXTRA_BYTES: usize = 64 * 1024;

/// The vCard version to write.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
pub enum VCardVersion {
    /// vCard 3.0 (RFC 2426): what every common program imports.
    #[default]
    V3,
    /// vCard 4.0 (RFC 6350): CardDAV servers such as Nextcloud.
    V4,
}

/// A postal address of a card (`ADR`), all parts optional.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PostalAddress {
    /// Lower-case types (`work`, `home`, `pref`).
    pub types: Vec<String>,
    /// A free label (Apple's grouped `X-ABLabel`).
    pub label: String,
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
    /// `ROLE`, the part played at work.
    pub role: String,
    /// `BDAY`, when it is a date.
    pub birthday: Option<Birthday>,
    /// `PHOTO` as a URI (`data:` or a web address), empty if none or too
    /// large.
    pub photo: String,
    /// `EMAIL`s, preferred first.
    pub emails: Vec<TypedValue>,
    /// `TEL`s, preferred first.
    pub phones: Vec<TypedValue>,
    /// `ADR`s, preferred first.
    pub addresses: Vec<PostalAddress>,
    /// `URL`s.
    pub urls: Vec<TypedValue>,
    /// `NOTE`s, joined with a blank line.
    pub note: String,
    /// `CATEGORIES`.
    pub categories: Vec<String>,
    /// The properties not read into the fields above, as unfolded content
    /// lines (group and parameters included).
    pub extras: Vec<String>,
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

/// What was left out of a card that was read. `Display` is English, for
/// logs; the UI says it in the person's language.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CardLoss {
    /// The photo is larger than [`MAX_PHOTO_BYTES`] and was not kept.
    #[error("photo of {bytes} bytes dropped (at most {limit})")]
    PhotoTooLarge {
        /// The photo's size.
        bytes: usize,
        /// The largest size kept.
        limit: usize,
    },
    /// A property the app does not show is larger than [`MAX_EXTRA_BYTES`]
    /// and was not kept.
    #[error("property {property} of {bytes} bytes dropped (at most {limit})")]
    PropertyTooLarge {
        /// The property's name (`LOGO`, `X-MS-CARDPICTURE`).
        property: String,
        /// Its size.
        bytes: usize,
        /// The largest size kept.
        limit: usize,
    },
}

/// Something left out of a card that was imported.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CardWarning {
    /// Which card.
    pub position: CardPosition,
    /// The card's display name, so the person knows which one.
    pub name: String,
    /// What was left out.
    pub loss: CardLoss,
}

/// The result of reading a `.vcf` file: the good cards and the broken ones.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct VCardImport {
    /// The cards that were read, in file order.
    pub contacts: Vec<(CardPosition, VCardContact)>,
    /// The cards that were skipped, in file order.
    pub errors: Vec<CardError>,
    /// What was left out of cards that were read, in file order.
    pub warnings: Vec<CardWarning>,
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
        let (contact, losses) = contact_from_vcard(&parsed);
        if contact.display_name().is_empty() && contact.phones.is_empty() {
            import.errors.push(CardError {
                position,
                problem: CardProblem::Nameless,
            });
            continue;
        }
        let name = contact.display_name();
        import
            .warnings
            .extend(losses.into_iter().map(|loss| CardWarning {
                position,
                name: name.clone(),
                loss,
            }));
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
            warnings: Vec::new(),
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
    // `pref` last: 3.0 writes it as a type, 4.0 as `PREF=1` after them, so
    // either way the same list reads back.
    if let Some(at) = found.iter().position(|t| t == "pref") {
        let pref = found.remove(at);
        found.push(pref);
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

/// Preferred entries first, otherwise file order (a partition, not a
/// sort: no sorting code per element type in the wasm).
fn pref_first<T>(items: &mut Vec<T>, is_pref: impl Fn(&T) -> bool) {
    let (mut front, back): (Vec<T>, Vec<T>) = items.drain(..).partition(|item| is_pref(item));
    front.extend(back);
    *items = front;
}

/// The properties read into [`VCardContact`]'s fields; every other one is
/// kept raw. `REV` is dropped: it would be stale after an edit in the app.
fn is_read(name: &VCardProperty) -> bool {
    use VCardProperty as P;
    match name {
        P::Begin | P::End | P::Version | P::Prodid | P::Rev | P::Uid | P::Kind | P::Fn | P::N => {
            true
        }
        P::Org | P::Title | P::Role | P::Email | P::Tel | P::Adr | P::Url | P::Note => true,
        P::Categories | P::Bday | P::Photo => true,
        P::Other(name) => name.eq_ignore_ascii_case("X-ABSHOWAS"),
        _ => false,
    }
}

/// An entry as one unfolded content line, as calcard writes it (vCard 4.0
/// style, so no 2.1 `CHARSET` parameters).
fn raw_line(entry: &VCardEntry) -> String {
    // vCard 2.1's bare types (`LABEL;WORK;PREF:`) are `TYPE=` in 3.0 and 4.0.
    let mut entry = entry.clone();
    for param in &mut entry.params {
        let bare = match (&param.name, &param.value) {
            (VCardParameterName::Other(name), VCardParameterValue::Null) => name.clone(),
            (VCardParameterName::Pref, VCardParameterValue::Null) => "pref".to_string(),
            _ => continue,
        };
        param.name = VCardParameterName::Type;
        param.value = VCardParameterValue::Text(bare.to_ascii_lowercase());
    }
    for value in &mut entry.values {
        if let VCardValue::Text(text) = value {
            *text = text.replace("\r\n", "\n");
        }
    }
    let mut out = String::new();
    let _ = entry.write_to(&mut out, true);
    out.replace("\r\n ", "")
        .trim_end_matches(['\r', '\n'])
        .to_string()
}

/// The media type of a photo: the data's own, else the `TYPE` parameter
/// (`JPEG` → `image/jpeg`), else JPEG.
fn photo_media_type(entry: &VCardEntry, data: &calcard::common::Data) -> String {
    if let Some(media) = data.content_type.as_deref().filter(|m| m.contains('/')) {
        return media.to_ascii_lowercase();
    }
    let kind = types(entry)
        .into_iter()
        .find(|t| t.chars().all(|c| c.is_ascii_alphanumeric()))
        .unwrap_or_else(|| "jpeg".to_string());
    format!("image/{kind}")
}

/// The photo as a URI and its size in bytes.
fn photo_uri(entry: &VCardEntry) -> Option<(String, usize)> {
    entry.values.iter().find_map(|value| match value {
        VCardValue::Binary(data) => Some((
            format!(
                "data:{};base64,{}",
                photo_media_type(entry, data),
                base64_encode(&data.data)
            ),
            data.data.len(),
        )),
        VCardValue::Text(text) if !text.trim().is_empty() => {
            let text = text.trim();
            // A data URI calcard did not decode: its base64 is 4/3 the bytes.
            let bytes = match text.split_once(";base64,") {
                Some((_, b64)) => b64.len() / 4 * 3,
                None => text.len(),
            };
            Some((text.to_string(), bytes))
        }
        _ => None,
    })
}

/// A `BDAY` that is a date (with or without year). Apple marks a birthday
/// without year with `X-APPLE-OMIT-YEAR` and a made-up year.
fn birthday(entry: &VCardEntry) -> Option<Birthday> {
    let date = entry.values.iter().find_map(|v| match v {
        VCardValue::PartialDateTime(d) => Some(d),
        _ => None,
    })?;
    let month = u32::from(date.month?);
    let day = u32::from(date.day?);
    chrono::NaiveDate::from_ymd_opt(2000, month, day)?;
    let omitted = entry.params.iter().any(|p| {
        matches!(&p.name, VCardParameterName::Other(n) if n.eq_ignore_ascii_case("X-APPLE-OMIT-YEAR"))
    });
    let year = date.year.filter(|_| !omitted).map(i32::from);
    if let Some(year) = year {
        chrono::NaiveDate::from_ymd_opt(year, month, day)?;
    }
    Some(Birthday { year, month, day })
}

/// Maps a parsed card to the intermediate contact, with what was left out.
fn contact_from_vcard(card: &VCard) -> (VCardContact, Vec<CardLoss>) {
    let mut contact = VCardContact::default();
    let mut losses = Vec::new();
    let mut shows_as_company = false;
    let mut notes = Vec::new();
    // Apple's labels: `item1.TEL:…` with `item1.X-ABLabel:Zentrale`. A label
    // belongs to the value of its group; a label whose group has no value
    // the app reads stays raw with it.
    let is_label = |e: &VCardEntry| matches!(&e.name, VCardProperty::Other(n) if n.eq_ignore_ascii_case("X-ABLABEL"));
    let valued_groups: Vec<&str> = card
        .entries
        .iter()
        .filter(|e| {
            matches!(
                e.name,
                VCardProperty::Tel | VCardProperty::Email | VCardProperty::Adr | VCardProperty::Url
            )
        })
        .filter_map(|e| e.group.as_deref())
        .collect();
    let label_of = |entry: &VCardEntry| -> String {
        let Some(group) = entry.group.as_deref() else {
            return String::new();
        };
        card.entries
            .iter()
            .find(|e| is_label(e) && e.group.as_deref() == Some(group))
            .map(first_text)
            .unwrap_or_default()
    };
    for entry in &card.entries {
        match &entry.name {
            VCardProperty::Uid => contact.uid = first_text(entry),
            VCardProperty::Kind => {
                let kind = first_text(entry).to_ascii_lowercase();
                match kind.as_str() {
                    "org" => contact.is_organisation = true,
                    "individual" | "" => {}
                    // Groups and locations are no contacts of the app; kept raw.
                    _ => contact.extras.push(raw_line(entry)),
                }
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
            VCardProperty::Role => contact.role = first_text(entry),
            VCardProperty::Bday => match birthday(entry) {
                Some(date) => contact.birthday = Some(date),
                None => contact.extras.push(raw_line(entry)),
            },
            VCardProperty::Photo if contact.photo.is_empty() => {
                if let Some((uri, bytes)) = photo_uri(entry) {
                    if bytes > MAX_PHOTO_BYTES {
                        losses.push(CardLoss::PhotoTooLarge {
                            bytes,
                            limit: MAX_PHOTO_BYTES,
                        });
                    } else {
                        contact.photo = uri;
                    }
                }
            }
            VCardProperty::Email => {
                let value = strip_scheme(&first_text(entry));
                if !value.is_empty() {
                    contact.emails.push(TypedValue {
                        value,
                        types: types(entry),
                        label: label_of(entry),
                    });
                }
            }
            VCardProperty::Tel => {
                let value = strip_scheme(&first_text(entry));
                if !value.is_empty() {
                    contact.phones.push(TypedValue {
                        value,
                        types: types(entry),
                        label: label_of(entry),
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
                    label: label_of(entry),
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
                    contact.urls.push(TypedValue {
                        value: url,
                        types: types(entry),
                        label: label_of(entry),
                    });
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
            name if is_read(name) => {}
            _ if is_label(entry)
                && entry
                    .group
                    .as_deref()
                    .is_some_and(|g| valued_groups.contains(&g)) => {}
            name => {
                let line = raw_line(entry);
                if line.len() > MAX_EXTRA_BYTES {
                    losses.push(CardLoss::PropertyTooLarge {
                        property: name.as_str().to_string(),
                        bytes: line.len(),
                        limit: MAX_EXTRA_BYTES,
                    });
                } else {
                    contact.extras.push(line);
                }
            }
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
    (contact, losses)
}

const BASE64: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

/// Standard base64 with padding (for photos as data URIs).
fn base64_encode(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let b = [
            chunk[0],
            *chunk.get(1).unwrap_or(&0),
            *chunk.get(2).unwrap_or(&0),
        ];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(BASE64[(n >> (18 - 6 * i) & 63) as usize] as char);
            } else {
                out.push('=');
            }
        }
    }
    out
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

/// `;TYPE=WORK,VOICE` for the given types, or nothing. In 4.0 `pref`
/// becomes `PREF=1`.
fn type_param(types: &[String], version: VCardVersion) -> String {
    let mut pref = false;
    let types: Vec<String> = types
        .iter()
        .map(|t| t.trim())
        .filter(|t| !t.is_empty() && t.chars().all(|c| c.is_ascii_alphanumeric() || c == '-'))
        .filter(|t| {
            let is_pref = t.eq_ignore_ascii_case("pref");
            pref |= is_pref;
            !(is_pref && version == VCardVersion::V4)
        })
        .map(|t| t.to_ascii_uppercase())
        .collect();
    let mut param = String::new();
    if !types.is_empty() {
        param = format!(";TYPE={}", types.join(","));
    }
    if pref && version == VCardVersion::V4 {
        param.push_str(";PREF=1");
    }
    param
}

/// Writes the contacts as one vCard 3.0 file (CRLF, folded, escaped).
pub fn write_vcards(contacts: &[VCardContact]) -> String {
    write_vcards_as(contacts, VCardVersion::V3)
}

/// Writes the contacts as one vCard file of `version`.
pub fn write_vcards_as(contacts: &[VCardContact], version: VCardVersion) -> String {
    let mut w = ContentWriter::new();
    for contact in contacts {
        write_card(&mut w, contact, version);
    }
    w.finish()
}

/// Hands out group names (`item1`, `item2`, …) for labelled values,
/// skipping the groups the card's raw properties use.
struct Groups<'a> {
    taken: Vec<&'a str>,
    next: usize,
}

impl<'a> Groups<'a> {
    fn new(extras: &'a [String]) -> Self {
        let taken = extras
            .iter()
            .filter_map(|line| {
                let name = line.split([';', ':']).next()?;
                name.split_once('.').map(|(group, _)| group)
            })
            .collect();
        Groups { taken, next: 0 }
    }

    /// `itemN.` for a labelled value, nothing for others.
    fn prefix(&mut self, label: &str) -> (String, String) {
        if label.is_empty() {
            return (String::new(), String::new());
        }
        loop {
            self.next += 1;
            let group = format!("item{}", self.next);
            if !self.taken.iter().any(|t| t.eq_ignore_ascii_case(&group)) {
                let label_line = format!("{group}.X-ABLabel:{}", escape_text(label));
                return (format!("{group}."), label_line);
            }
        }
    }
}

/// `BDAY`'s value (and parameters): 4.0 writes `--MMDD` for a birthday
/// without year; 3.0 has no such form, so Apple's convention is used.
fn birthday_line(date: &Birthday, version: VCardVersion) -> String {
    let Birthday { year, month, day } = *date;
    match (year, version) {
        (Some(y), VCardVersion::V3) => format!("BDAY:{y:04}-{month:02}-{day:02}"),
        (Some(y), VCardVersion::V4) => format!("BDAY:{y:04}{month:02}{day:02}"),
        (None, VCardVersion::V3) => {
            format!("BDAY;X-APPLE-OMIT-YEAR=1604:1604-{month:02}-{day:02}")
        }
        (None, VCardVersion::V4) => format!("BDAY:--{month:02}{day:02}"),
    }
}

/// `PHOTO`: a data URI becomes 3.0's inline base64, a web address a URI.
fn photo_line(photo: &str, version: VCardVersion) -> String {
    if version == VCardVersion::V4 {
        return format!("PHOTO:{photo}");
    }
    match photo
        .strip_prefix("data:")
        .and_then(|rest| rest.split_once(";base64,"))
    {
        Some((media, data)) => {
            let kind = media
                .rsplit('/')
                .next()
                .unwrap_or("jpeg")
                .to_ascii_uppercase();
            format!("PHOTO;ENCODING=b;TYPE={kind}:{data}")
        }
        None => format!("PHOTO;VALUE=uri:{photo}"),
    }
}

fn write_card(w: &mut ContentWriter, c: &VCardContact, version: VCardVersion) {
    let v4 = version == VCardVersion::V4;
    w.line("BEGIN:VCARD");
    w.line(if v4 { "VERSION:4.0" } else { "VERSION:3.0" });
    w.line("PRODID:-//Chefsache//Chefsache//DE");
    if v4 && c.is_organisation {
        w.line("KIND:org");
    }
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
    if c.is_organisation && !v4 {
        // Apple Contacts' marker for company cards (3.0 has no KIND).
        w.line("X-ABShowAs:COMPANY");
    }
    w.property("TITLE", &escape_text(&c.title));
    w.property("ROLE", &escape_text(&c.role));
    if let Some(date) = &c.birthday {
        w.line(&birthday_line(date, version));
    }
    let mut groups = Groups::new(&c.extras);
    for email in c.emails.iter().filter(|e| !e.value.trim().is_empty()) {
        let mut types = if v4 {
            Vec::new()
        } else {
            vec!["internet".to_string()]
        };
        types.extend(email.types.iter().filter(|t| *t != "internet").cloned());
        let (group, label) = groups.prefix(&email.label);
        w.line(&format!(
            "{group}EMAIL{}:{}",
            type_param(&types, version),
            escape_text(email.value.trim())
        ));
        w.property_line(&label);
    }
    for phone in c.phones.iter().filter(|p| !p.value.trim().is_empty()) {
        let (group, label) = groups.prefix(&phone.label);
        w.line(&format!(
            "{group}TEL{}:{}",
            type_param(&phone.types, version),
            escape_text(phone.value.trim())
        ));
        w.property_line(&label);
    }
    for a in c.addresses.iter().filter(|a| !a.is_empty()) {
        let (group, label) = groups.prefix(&a.label);
        w.line(&format!(
            "{group}ADR{}:{}",
            type_param(&a.types, version),
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
        w.property_line(&label);
    }
    for url in c.urls.iter().filter(|u| !u.value.trim().is_empty()) {
        let (group, label) = groups.prefix(&url.label);
        w.line(&format!(
            "{group}URL{}:{}",
            type_param(&url.types, version),
            escape_text(url.value.trim())
        ));
        w.property_line(&label);
    }
    w.property("NOTE", &escape_text(&c.note));
    let categories: Vec<String> = c
        .categories
        .iter()
        .filter(|cat| !cat.trim().is_empty())
        .map(|cat| escape_text(cat.trim()))
        .collect();
    w.property("CATEGORIES", &categories.join(","));
    if !c.photo.trim().is_empty() {
        w.line(&photo_line(c.photo.trim(), version));
    }
    for extra in c.extras.iter().filter(|e| !e.trim().is_empty()) {
        w.line(extra);
    }
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
        self.emails.iter().map(TypedValue::as_str).collect()
    }
    fn key_phones(&self) -> Vec<&str> {
        self.phones.iter().map(TypedValue::as_str).collect()
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
    /// The card for an app contact. The contact id becomes the `UID` (or
    /// the card's own `UID` it was imported with), so an exported and
    /// re-imported contact keeps its identity.
    ///
    /// The structured name comes from the stored name parts; a contact
    /// without them (made in the app) is split at the last space into
    /// given and family name. Roles become `CATEGORIES` ("Kunde",
    /// "Lieferant", "Freelancer") before the other categories. Skills,
    /// rates, capacity and days off have no place in vCard and are not
    /// written.
    pub fn from_contact(contact: &Contact) -> Self {
        let name = contact.name.trim();
        let is_organisation = contact.kind == ContactKind::Organisation;
        let parts = &contact.name_parts;
        let (given_name, family_name) = if !parts.is_empty() {
            (parts.given.clone(), parts.family.clone())
        } else if is_organisation {
            (String::new(), String::new())
        } else {
            match name.rsplit_once(' ') {
                Some((given, family)) => (given.trim().to_string(), family.trim().to_string()),
                None => (String::new(), name.to_string()),
            }
        };
        let addresses = std::iter::once(&contact.address)
            .chain(&contact.other_addresses)
            .filter(|a| !a.is_empty())
            .map(|a| PostalAddress {
                types: a.types.clone(),
                label: a.label.clone(),
                po_box: a.po_box.clone(),
                extended: a.extended.clone(),
                street: a.street.clone(),
                locality: a.city.clone(),
                region: a.region.clone(),
                postal_code: a.postal_code.clone(),
                country: a.country.clone(),
            })
            .collect();
        let mut urls = Vec::new();
        if !contact.website.trim().is_empty() {
            urls.push(TypedValue::new(contact.website.trim()));
        }
        urls.extend(contact.other_urls.iter().cloned());
        let mut categories: Vec<String> = contact
            .roles
            .iter()
            .map(|r| role_label(*r).to_string())
            .collect();
        categories.extend(contact.categories.iter().cloned());
        VCardContact {
            uid: if contact.card_uid.trim().is_empty() {
                contact.id.to_string()
            } else {
                contact.card_uid.clone()
            },
            is_organisation,
            formatted_name: name.to_string(),
            family_name,
            given_name,
            additional_names: parts.additional.clone(),
            prefixes: parts.prefixes.clone(),
            suffixes: parts.suffixes.clone(),
            organisation: if is_organisation && contact.organisation.is_empty() {
                name.to_string()
            } else {
                contact.organisation.clone()
            },
            department: contact.department.clone(),
            title: contact.job_title.clone(),
            role: contact.job_role.clone(),
            birthday: contact.birthday,
            photo: contact.photo.clone(),
            emails: contact.emails.clone(),
            phones: contact.phones.clone(),
            addresses,
            urls,
            note: contact.notes.clone(),
            categories,
            extras: contact.card_extras.clone(),
        }
    }

    /// The app contact for this card, created at `now`.
    ///
    /// A `UID` that is a UUID (plain or `urn:uuid:`) becomes the contact id,
    /// so a card exported by this app maps back to its record; any other
    /// `UID` gives a name-based id (the same file imported twice gives the
    /// same ids), a card without one a new id. The `UID` as written is kept
    /// when it differs from the id. The first address and web address are
    /// the main ones; categories naming a role ("Kunde", "Lieferant",
    /// "Freelancer", English too) become roles, the others stay categories.
    pub fn to_contact(&self, now: DateTime<Utc>) -> Contact {
        let name = self.display_name();
        let mut contact = Contact::new(name.clone(), now);
        let uid = self.uid.trim();
        if let Some(uuid) = uuid_of(uid) {
            contact.id = ContactId::from(uuid);
        } else if !uid.is_empty() {
            contact.id = ContactId::from(Uuid::new_v5(&Uuid::NAMESPACE_OID, uid.as_bytes()));
        }
        if !uid.is_empty() && uid != contact.id.to_string() {
            contact.card_uid = uid.to_string();
        }
        if self.is_organisation {
            contact.kind = ContactKind::Organisation;
        }
        if self.organisation != name {
            contact.organisation = self.organisation.clone();
        }
        contact.name_parts = NameParts {
            family: self.family_name.clone(),
            given: self.given_name.clone(),
            additional: self.additional_names.clone(),
            prefixes: self.prefixes.clone(),
            suffixes: self.suffixes.clone(),
        };
        contact.department = self.department.clone();
        contact.job_title = self.title.clone();
        contact.job_role = self.role.clone();
        contact.birthday = self.birthday;
        contact.photo = self.photo.clone();
        contact.emails = self.emails.clone();
        contact.phones = self.phones.clone();
        let mut addresses = self.addresses.iter().map(|a| Address {
            street: a.street.clone(),
            postal_code: a.postal_code.clone(),
            city: a.locality.clone(),
            country: a.country.clone(),
            region: a.region.clone(),
            po_box: a.po_box.clone(),
            extended: a.extended.clone(),
            types: a.types.clone(),
            label: a.label.clone(),
        });
        contact.address = addresses.next().unwrap_or_default();
        contact.other_addresses = addresses.collect();
        let mut urls = self.urls.iter();
        contact.website = urls.next().map(|u| u.value.clone()).unwrap_or_default();
        contact.other_urls = urls.cloned().collect();
        contact.notes = self.note.clone();
        for category in &self.categories {
            match role_from_label(category) {
                Some(role) if !contact.roles.contains(&role) => contact.roles.push(role),
                Some(_) => {}
                None => contact.categories.push(category.clone()),
            }
        }
        contact.card_extras = self.extras.clone();
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
    write_contacts_as(contacts, VCardVersion::V3)
}

/// Writes app contacts as a vCard file of `version`.
pub fn write_contacts_as(contacts: &[Contact], version: VCardVersion) -> String {
    let cards: Vec<VCardContact> = contacts.iter().map(VCardContact::from_contact).collect();
    write_vcards_as(&cards, version)
}
