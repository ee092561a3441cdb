//! Records as fields: the unit of a change. Two tabs (and later two
//! devices) may edit the same record at once; as long as they touch
//! different fields, both edits must survive. So a change to an existing
//! record is described field by field (the top-level keys of the record's
//! JSON form, exactly as in a backup), and applied to whatever copy is
//! current, never as a whole record from a stale copy.
//!
//! - [`diff`]: the fields that differ between two versions of a record.
//! - [`apply`]: puts field changes onto the current version, reporting each
//!   field that somebody else changed meanwhile as a [`FieldConflict`].
//! - [`rebase`]: a form's edit (base → edited) carried onto the current
//!   version, so the fields the person did not touch keep their newest
//!   values.
//!
//! `created` and `updated` are bookkeeping, not content: they never count
//! as a change and never conflict.

use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

/// A record's fields by name.
pub type Fields = Map<String, Value>;

/// Fields that only record when something happened, not what.
pub const BOOKKEEPING: [&str; 2] = ["created", "updated"];

/// One field of one record, from one value to another.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FieldChange {
    pub field: String,
    /// The value the change was made from (`Null` if the field was absent).
    pub before: Value,
    /// The value it sets (`Null` removes an optional field).
    pub after: Value,
}

/// A field that was changed elsewhere since the change was made: the
/// current value is neither the `before` nor the `after` of the change.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FieldConflict {
    pub field: String,
    /// What this change wanted to set, and did not.
    pub ours: Value,
    /// What is there now, and stays.
    pub theirs: Value,
}

/// The record's fields. Records are always JSON objects; anything else
/// (which no record type produces) gives no fields.
pub fn to_fields<T: Serialize>(record: &T) -> Fields {
    match serde_json::to_value(record) {
        Ok(Value::Object(fields)) => fields,
        _ => Fields::new(),
    }
}

/// The record back from its fields; fails if a field has the wrong type
/// or a required one is missing.
pub fn from_fields<T: DeserializeOwned>(fields: Fields) -> Result<T, serde_json::Error> {
    from_value_as_text(&Value::Object(fields))
}

/// `value` decoded as `T` through its JSON text, not `serde_json::from_value`.
///
/// Why: the store and the import read records from text, so every record
/// type already has a `Deserialize` for text; `from_value` would add a
/// second one per type for `Value` (about 40 KB of wasm for the seven
/// record kinds). Writing a record's fields out again is cheap next to
/// that, and these paths (patches, the journal, an older backup) are not
/// the hot ones. Errors read as `from_value`'s would: without serde_json's
/// " at line L column C", which means nothing for a value.
pub fn from_value_as_text<T: DeserializeOwned>(value: &Value) -> Result<T, serde_json::Error> {
    let text = serde_json::to_string(value)?;
    serde_json::from_str(&text)
}

/// A decoding error's message without serde_json's position suffix.
pub fn message_without_position(error: &serde_json::Error) -> String {
    let full = error.to_string();
    if error.line() == 0 {
        return full;
    }
    match full.rsplit_once(" at line ") {
        Some((message, _)) => message.to_owned(),
        None => full,
    }
}

/// The value of a field, `Null` when absent (serde writes `None` either
/// way, depending on the type's attributes).
fn get(fields: &Fields, name: &str) -> Value {
    fields.get(name).cloned().unwrap_or(Value::Null)
}

fn set(fields: &mut Fields, name: &str, value: Value) {
    fields.insert(name.to_owned(), value);
}

/// The content fields that differ between `before` and `after`, in the
/// order of `after`'s fields (then fields only `before` has).
pub fn diff_fields(before: &Fields, after: &Fields) -> Vec<FieldChange> {
    let names = after
        .keys()
        .chain(before.keys().filter(|k| !after.contains_key(*k)));
    names
        .filter(|name| !BOOKKEEPING.contains(&name.as_str()))
        .filter_map(|name| {
            let (old, new) = (get(before, name), get(after, name));
            (old != new).then(|| FieldChange {
                field: name.clone(),
                before: old,
                after: new,
            })
        })
        .collect()
}

/// The content fields that differ between two versions of a record.
pub fn diff<T: Serialize>(before: &T, after: &T) -> Vec<FieldChange> {
    diff_fields(&to_fields(before), &to_fields(after))
}

/// Applies `changes` to `current`, field by field. A field whose current
/// value is still the change's `before` (or already its `after`) takes the
/// new value; any other field was changed elsewhere meanwhile: it keeps its
/// current value and is returned as a conflict, so the person whose value
/// lost can see it and apply it again.
pub fn apply(current: &mut Fields, changes: &[FieldChange]) -> Vec<FieldConflict> {
    let mut conflicts = Vec::new();
    for change in changes {
        let now = get(current, &change.field);
        if now == change.before || now == change.after {
            set(current, &change.field, change.after.clone());
        } else {
            conflicts.push(FieldConflict {
                field: change.field.clone(),
                ours: change.after.clone(),
                theirs: now,
            });
        }
    }
    conflicts
}

/// A form's edit carried onto the current record: the fields the person
/// changed (from `base`, what the form started from, to `edited`) are set
/// on `current`; every other field keeps its current value. A field both
/// the person and somebody else changed takes the person's value: they
/// saw the notice that the record changed and chose to keep editing.
pub fn rebase<T: Serialize + DeserializeOwned + Clone>(base: &T, edited: &T, current: &T) -> T {
    let mut fields = to_fields(current);
    for change in diff(base, edited) {
        set(&mut fields, &change.field, change.after);
    }
    from_fields(fields).unwrap_or_else(|_| edited.clone())
}

/// The content fields in which `current` differs from `base`: what another
/// tab changed while a form was open.
pub fn changed_since<T: Serialize>(base: &T, current: &T) -> Vec<String> {
    diff(base, current).into_iter().map(|c| c.field).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn fields(value: Value) -> Fields {
        match value {
            Value::Object(map) => map,
            _ => unreachable!(),
        }
    }

    #[test]
    fn diff_ignores_bookkeeping_and_sees_removed_fields() {
        let before = fields(json!({"name": "A", "updated": 1, "note": "x"}));
        let after = fields(json!({"name": "B", "updated": 2}));
        let changes = diff_fields(&before, &after);
        assert_eq!(
            changes,
            vec![
                FieldChange {
                    field: "name".into(),
                    before: json!("A"),
                    after: json!("B")
                },
                FieldChange {
                    field: "note".into(),
                    before: json!("x"),
                    after: Value::Null
                },
            ]
        );
    }

    #[test]
    fn changes_to_different_fields_both_survive() {
        // Tab A renamed; tab B, from the old copy, changed the areas.
        let old = fields(json!({"name": "Old", "areas": ["a"]}));
        let mut stored = fields(json!({"name": "New", "areas": ["a"]}));
        let from_b = diff_fields(&old, &fields(json!({"name": "Old", "areas": ["a", "b"]})));
        assert!(apply(&mut stored, &from_b).is_empty());
        assert_eq!(stored, fields(json!({"name": "New", "areas": ["a", "b"]})));
    }

    #[test]
    fn the_same_field_changed_twice_keeps_the_first_and_reports_the_second() {
        let mut stored = fields(json!({"name": "From A"}));
        let from_b = vec![FieldChange {
            field: "name".into(),
            before: json!("Old"),
            after: json!("From B"),
        }];
        let conflicts = apply(&mut stored, &from_b);
        assert_eq!(stored, fields(json!({"name": "From A"})));
        assert_eq!(
            conflicts,
            vec![FieldConflict {
                field: "name".into(),
                ours: json!("From B"),
                theirs: json!("From A")
            }]
        );
    }

    #[test]
    fn applying_a_change_twice_is_harmless() {
        let mut stored = fields(json!({"name": "Old"}));
        let change = vec![FieldChange {
            field: "name".into(),
            before: json!("Old"),
            after: json!("New"),
        }];
        assert!(apply(&mut stored, &change).is_empty());
        assert!(apply(&mut stored, &change).is_empty());
        assert_eq!(stored, fields(json!({"name": "New"})));
    }

    #[test]
    fn rebase_keeps_what_others_changed_in_untouched_fields() {
        let base = json!({"name": "Old", "notes": "n"});
        let edited = json!({"name": "Mine", "notes": "n"});
        let current = json!({"name": "Old", "notes": "theirs"});
        assert_eq!(
            rebase(&base, &edited, &current),
            json!({"name": "Mine", "notes": "theirs"})
        );
        assert_eq!(changed_since(&base, &current), vec!["notes".to_string()]);
    }
}
