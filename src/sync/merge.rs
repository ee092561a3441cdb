//! The three-way field merge of two versions of one record from their
//! common ancestor: a field only one side changed takes that side's value;
//! a field both sides changed to different values is a [`FieldChoice`] for
//! the person. Without an ancestor every field whose values differ is a
//! choice (nothing says which side changed it).
//!
//! The bookkeeping fields (`created`, `updated`: see
//! [`crate::domain::fields::BOOKKEEPING`] and `AnyRecord::touched`) change
//! with every edit, so they never conflict: they are derived, the merge
//! takes the later `updated` and the earlier `created`.
//!
//! Field changes are the same unit as a tab's edit (`domain::fields`), so a
//! value is compared whole: two edits of one list field are one field
//! changed on both sides.

use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::domain::fields::{diff_fields, Fields, BOOKKEEPING};

/// What merging two versions gives.
#[derive(Debug, Clone, PartialEq)]
pub enum Merge {
    /// Both have the same content (bookkeeping aside).
    Same,
    /// Every difference came from one side only; `fields` is the merged
    /// record. The lists name the fields taken from each side, so the app
    /// can say what it merged.
    Merged {
        fields: Fields,
        taken_from_theirs: Vec<String>,
        taken_from_ours: Vec<String>,
    },
    /// Some fields were changed differently on both sides. `merged` holds
    /// every field that could be merged, and our value for each choice
    /// until the person picks ([`resolve`]).
    Conflicting {
        merged: Fields,
        fields: Vec<FieldChoice>,
    },
}

/// One field both sides changed differently. `None` means the field is
/// absent in that version.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FieldChoice {
    pub field: String,
    pub ancestor: Option<Value>,
    pub ours: Option<Value>,
    pub theirs: Option<Value>,
}

/// Which version a person picks for a field (or whole).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Side {
    Ours,
    Theirs,
}

/// A field's value, absent and `null` alike (serde writes `None` either
/// way, depending on the type).
fn value_of(fields: &Fields, name: &str) -> Value {
    fields.get(name).cloned().unwrap_or(Value::Null)
}

fn present(value: Value) -> Option<Value> {
    (!value.is_null()).then_some(value)
}

fn set(fields: &mut Fields, name: &str, value: Option<Value>) {
    match value {
        Some(value) => {
            fields.insert(name.to_owned(), value);
        }
        None => {
            fields.remove(name);
        }
    }
}

/// Merges `ours` and `theirs` from their common `ancestor` (see the
/// module's text).
pub fn merge_fields(ancestor: Option<&Fields>, ours: &Fields, theirs: &Fields) -> Merge {
    let differences = diff_fields(ours, theirs);
    if differences.is_empty() {
        return Merge::Same;
    }
    let mut merged = ours.clone();
    merge_bookkeeping(&mut merged, ours, theirs);
    let mut taken_from_theirs = Vec::new();
    let mut taken_from_ours = Vec::new();
    let mut choices = Vec::new();
    for difference in differences {
        let name = difference.field;
        let before = ancestor.map(|a| value_of(a, &name));
        let (our_value, their_value) = (difference.before, difference.after);
        match before {
            Some(before) if before == our_value => {
                set(&mut merged, &name, present(their_value));
                taken_from_theirs.push(name);
            }
            Some(before) if before == their_value => taken_from_ours.push(name),
            before => choices.push(FieldChoice {
                field: name,
                ancestor: before.and_then(present),
                ours: present(our_value),
                theirs: present(their_value),
            }),
        }
    }
    // By name, so both devices list them alike.
    taken_from_theirs.sort();
    taken_from_ours.sort();
    choices.sort_by(|a, b| a.field.cmp(&b.field));
    if choices.is_empty() {
        Merge::Merged {
            fields: merged,
            taken_from_theirs,
            taken_from_ours,
        }
    } else {
        Merge::Conflicting {
            merged,
            fields: choices,
        }
    }
}

/// The later `updated` and the earlier `created` of the two versions.
/// Both are RFC 3339 times in UTC as the records write them, which sort
/// as text; a value that is not a time string keeps ours.
fn merge_bookkeeping(merged: &mut Fields, ours: &Fields, theirs: &Fields) {
    for name in BOOKKEEPING {
        let (Some(Value::String(a)), Some(Value::String(b))) = (ours.get(name), theirs.get(name))
        else {
            continue;
        };
        let (a_time, b_time) = (
            chrono::DateTime::parse_from_rfc3339(a),
            chrono::DateTime::parse_from_rfc3339(b),
        );
        let (Ok(a_time), Ok(b_time)) = (a_time, b_time) else {
            continue;
        };
        let take_theirs = if name == "created" {
            b_time < a_time
        } else {
            b_time > a_time
        };
        if take_theirs {
            merged.insert(name.to_owned(), Value::String(b.clone()));
        }
    }
}

/// The merged fields with each listed choice set from the side the person
/// picked; a choice not picked keeps what `merged` has (ours).
///
/// `choices` are the [`FieldChoice`]s of [`Merge::Conflicting`]: the
/// values come from there.
pub fn resolve(merged: Fields, choices: &[FieldChoice], picks: &[(String, Side)]) -> Fields {
    let mut fields = merged;
    for (name, side) in picks {
        let Some(choice) = choices.iter().find(|c| &c.field == name) else {
            continue;
        };
        let value = match side {
            Side::Ours => choice.ours.clone(),
            Side::Theirs => choice.theirs.clone(),
        };
        set(&mut fields, name, value);
    }
    fields
}

/// One whole version kept ("keep mine" / "keep theirs"): its content, with
/// the bookkeeping merged so the result is newer than both.
pub fn keep_whole(side: Side, ours: &Fields, theirs: &Fields) -> Fields {
    let (mut kept, other) = match side {
        Side::Ours => (ours.clone(), theirs),
        Side::Theirs => (theirs.clone(), ours),
    };
    let base = kept.clone();
    merge_bookkeeping(&mut kept, &base, other);
    kept
}
