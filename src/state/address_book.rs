//! The address book's questions about the data: which contacts match a
//! search and a role, and what a contact is linked to (projects as client,
//! communications, appointments, materials as supplier). Pure, so the
//! pages only render and the rules are tested natively.

use crate::domain::{
    Appointment, Communication, Contact, ContactId, Dataset, Material, Project, Role, TypedValue,
};

use super::search;

/// The contacts matching `query` (name, organisation, e-mail, phone,
/// skill) and, if given, having `role`; sorted by name.
pub fn find_contacts<'a>(data: &'a Dataset, query: &str, role: Option<Role>) -> Vec<&'a Contact> {
    let mut found: Vec<&Contact> = data
        .contacts
        .iter()
        .filter(|c| role.is_none_or(|r| c.has_role(r)))
        .filter(|c| search::matches(query, searchable(c)))
        .collect();
    found.sort_by_cached_key(|c| search::fold(&c.name));
    found
}

/// The texts a contact is found by.
fn searchable(contact: &Contact) -> impl Iterator<Item = &str> {
    [contact.name.as_str(), contact.organisation.as_str()]
        .into_iter()
        .chain(contact.emails.iter().map(TypedValue::as_str))
        .chain(contact.phones.iter().map(TypedValue::as_str))
        .chain(contact.skills.iter().map(String::as_str))
}

/// The projects `contact` is the client of, by name.
pub fn projects_for(data: &Dataset, contact: ContactId) -> Vec<&Project> {
    let mut list = data.projects_of_client(contact);
    list.sort_by_cached_key(|p| search::fold(&p.name));
    list
}

/// The communications with `contact`, newest first.
pub fn communications_with(data: &Dataset, contact: ContactId) -> Vec<&Communication> {
    let mut list = data.communications_with(contact);
    list.sort_by_key(|c| std::cmp::Reverse(c.at));
    list
}

/// The appointments `contact` takes part in, earliest first.
pub fn appointments_with(data: &Dataset, contact: ContactId) -> Vec<&Appointment> {
    let mut list: Vec<&Appointment> = data
        .appointments
        .iter()
        .filter(|a| a.contacts.contains(&contact))
        .collect();
    list.sort_by_key(|a| a.when.first_day());
    list
}

/// `contact`'s appointments (as [`appointments_with`]), each with the
/// dates to list: a single appointment its own, a repeating one every
/// occurrence from `from` to `to` (its first date if none falls there, so
/// it is never missing).
pub fn appointment_dates_with(
    data: &Dataset,
    contact: ContactId,
    from: chrono::NaiveDate,
    to: chrono::NaiveDate,
) -> Vec<(&Appointment, Vec<crate::domain::When>)> {
    appointments_with(data, contact)
        .into_iter()
        .map(|appointment| {
            let mut dates = match appointment.recurrence {
                Some(_) => crate::state::agenda::occurrences(appointment, from, to),
                None => Vec::new(),
            };
            if dates.is_empty() {
                dates.push(appointment.when);
            }
            (appointment, dates)
        })
        .collect()
}

/// The materials ordered (or to be ordered) from `supplier`, newest order
/// first, then those not ordered yet.
pub fn materials_from(data: &Dataset, supplier: ContactId) -> Vec<&Material> {
    let mut list: Vec<&Material> = data
        .materials
        .iter()
        .filter(|m| m.supplier == Some(supplier))
        .collect();
    list.sort_by(|a, b| {
        b.ordered_on
            .cmp(&a.ordered_on)
            .then_with(|| a.name.cmp(&b.name))
    });
    list
}

/// True if `website` may be shown as a link: only `http://` and `https://`,
/// so that a `javascript:` or `data:` address typed or imported into the
/// field can never run when clicked.
pub fn is_web_link(website: &str) -> bool {
    let lower = website.trim().to_ascii_lowercase();
    ["http://", "https://"]
        .iter()
        .any(|scheme| lower.starts_with(scheme) && lower.len() > scheme.len())
}
