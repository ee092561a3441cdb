//! Importing a vCard file into the address book without ever duplicating a
//! contact silently.
//!
//! [`plan_import`] sorts the file's cards into contacts that are new, and
//! conflicts: cards that describe a contact already in the address book
//! (the same `UID`, an e-mail address in common, or the same name and a
//! phone number in common — see [`find_duplicate`]). The person decides per
//! conflict whether to merge or skip; [`merge_contact`] then only adds to
//! the existing contact (empty fields filled, new addresses and numbers
//! appended), so a merge never loses what was typed in the app. Cards that
//! repeat an earlier card of the same file are folded into it.

use chrono::{DateTime, Utc};

use crate::domain::{Contact, ContactId, Dataset, Role, TypedValue};
use crate::exchange::vcard::{
    find_duplicate, normalize_phone, CardError, CardPosition, CardWarning, VCardImport,
};

/// A card that describes a contact already in the address book.
#[derive(Debug, Clone, PartialEq)]
pub struct Conflict {
    /// Where the card is in the file.
    pub position: CardPosition,
    /// The card as a contact.
    pub incoming: Contact,
    /// The contact it matches.
    pub existing: ContactId,
}

/// What a file would bring, before anything changes.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ImportPlan {
    /// Contacts not in the address book yet, in file order.
    pub new: Vec<(CardPosition, Contact)>,
    /// Cards that match existing contacts and need a decision.
    pub conflicts: Vec<Conflict>,
    /// Cards that could not be read; they are skipped.
    pub errors: Vec<CardError>,
    /// Cards folded into an earlier card of the same file.
    pub repeated: usize,
    /// What was left out of cards that were read (large photos).
    pub warnings: Vec<CardWarning>,
}

/// Sorts the read cards into new contacts and conflicts with `data`.
pub fn plan_import(data: &Dataset, import: VCardImport, now: DateTime<Utc>) -> ImportPlan {
    let mut plan = ImportPlan {
        errors: import.errors,
        warnings: import.warnings,
        ..ImportPlan::default()
    };
    for (position, card) in import.contacts {
        let mut incoming = card.to_contact(now);
        let existing = data
            .contact(incoming.id)
            .map(|c| c.id)
            .or_else(|| find_duplicate(&data.contacts, &card).map(|i| data.contacts[i].id));
        if let Some(existing) = existing {
            plan.conflicts.push(Conflict {
                position,
                incoming,
                existing,
            });
            continue;
        }
        let fresh: Vec<Contact> = plan.new.iter().map(|(_, c)| c.clone()).collect();
        let earlier = fresh
            .iter()
            .position(|c| c.id == incoming.id)
            .or_else(|| find_duplicate(&fresh, &incoming));
        match earlier {
            Some(index) => {
                let target = &mut plan.new[index].1;
                *target = merge_contact(target, &incoming);
                plan.repeated += 1;
            }
            None => {
                // A UID that another app reused must not collide later.
                if plan.conflicts.iter().any(|c| c.incoming.id == incoming.id) {
                    incoming.id = ContactId::new();
                }
                plan.new.push((position, incoming));
            }
        }
    }
    plan
}

/// Gives every card of the plan `role` as well (the person chose one role
/// for the whole file, e.g. "all of these are clients"); merged cards
/// bring it onto the contact they match.
pub fn assign_role(plan: &mut ImportPlan, role: Role) {
    let cards = plan
        .new
        .iter_mut()
        .map(|(_, c)| c)
        .chain(plan.conflicts.iter_mut().map(|c| &mut c.incoming));
    for contact in cards {
        if !contact.has_role(role) {
            contact.roles.push(role);
        }
    }
}

/// `existing` with what `incoming` adds: empty fields filled in, e-mail
/// addresses and phone numbers it does not have yet appended, roles and
/// skills joined. Nothing of `existing` is overwritten; id, name and kind
/// stay.
pub fn merge_contact(existing: &Contact, incoming: &Contact) -> Contact {
    let mut merged = existing.clone();
    fill(&mut merged.organisation, &incoming.organisation);
    fill(&mut merged.website, &incoming.website);
    fill(&mut merged.notes, &incoming.notes);
    fill(&mut merged.department, &incoming.department);
    fill(&mut merged.job_title, &incoming.job_title);
    fill(&mut merged.job_role, &incoming.job_role);
    fill(&mut merged.photo, &incoming.photo);
    fill(&mut merged.card_uid, &incoming.card_uid);
    if merged.name_parts.is_empty() {
        merged.name_parts = incoming.name_parts.clone();
    }
    merged.birthday = merged.birthday.or(incoming.birthday);
    let incoming_addresses = std::iter::once(&incoming.address).chain(&incoming.other_addresses);
    for address in incoming_addresses.filter(|a| !a.is_empty()) {
        if merged.address.is_empty() {
            merged.address = address.clone();
        } else if merged.address != *address && !merged.other_addresses.contains(address) {
            merged.other_addresses.push(address.clone());
        }
    }
    for url in &incoming.other_urls {
        if url.value != merged.website && !merged.other_urls.iter().any(|u| u.value == url.value) {
            merged.other_urls.push(url.clone());
        }
    }
    for email in &incoming.emails {
        let key = email.value.trim().to_lowercase();
        if !key.is_empty()
            && !merged
                .emails
                .iter()
                .any(|e| e.value.trim().to_lowercase() == key)
        {
            merged.emails.push(TypedValue {
                value: email.value.trim().to_string(),
                ..email.clone()
            });
        }
    }
    for phone in &incoming.phones {
        let key = normalize_phone(&phone.value);
        if !key.is_empty()
            && !merged
                .phones
                .iter()
                .any(|p| normalize_phone(&p.value) == key)
        {
            merged.phones.push(TypedValue {
                value: phone.value.trim().to_string(),
                ..phone.clone()
            });
        }
    }
    for list in [
        (&mut merged.categories, &incoming.categories),
        (&mut merged.card_extras, &incoming.card_extras),
    ] {
        for item in list.1 {
            if !list.0.contains(item) {
                list.0.push(item.clone());
            }
        }
    }
    for role in &incoming.roles {
        if !merged.roles.contains(role) {
            merged.roles.push(*role);
        }
    }
    for skill in &incoming.skills {
        if !merged.skills.iter().any(|s| s.eq_ignore_ascii_case(skill)) {
            merged.skills.push(skill.clone());
        }
    }
    merged.hourly_rate = merged.hourly_rate.or(incoming.hourly_rate);
    merged.weekly_capacity_hours = merged
        .weekly_capacity_hours
        .or(incoming.weekly_capacity_hours);
    merged
}

fn fill(field: &mut String, value: &str) {
    if field.trim().is_empty() && !value.trim().is_empty() {
        *field = value.trim().to_string();
    }
}
