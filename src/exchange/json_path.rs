//! Where in a JSON value deserialisation failed (`steps[2].duration_days`),
//! found without a path-tracking deserializer.
//!
//! `serde_path_to_error` wraps the deserializer, so every record type's
//! `Deserialize` code exists twice in the bundle (about 100 KB raw). Here the
//! import deserialises plainly, and only when that fails, this module finds
//! the place by bisection: serde reads arrays and objects in order and stops
//! at the first bad element, so keeping a prefix of a node's children
//! reproduces the error exactly when the prefix holds the bad child. That
//! costs a few extra deserialisations on the error path only, with the same
//! code the import already has.

use serde_json::Value;

/// One step of a path: an object's key or an array's index.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Segment {
    Key(String),
    Index(usize),
}

/// The path (`steps[2].duration_days`) of the value that makes `attempt`
/// fail with the message `error`; an empty string when it is `value`
/// itself. A missing field is blamed on the object that lacks it.
pub(crate) fn locate(
    value: &Value,
    error: &str,
    attempt: impl Fn(&Value) -> Result<(), String>,
) -> String {
    let mut path: Vec<Segment> = Vec::new();
    let fails_alike = |candidate: &Value| attempt(candidate).err().as_deref() == Some(error);
    loop {
        let node = node_at(value, &path);
        let len = children(node);
        // A node whose children do not matter (wrong type, missing field)
        // is the place itself.
        if len == 0 || fails_alike(&with_prefix(value, &path, 0)) {
            break;
        }
        // The smallest prefix that still fails alike ends with the bad child.
        let (mut low, mut high) = (1, len);
        if !fails_alike(&with_prefix(value, &path, high)) {
            break;
        }
        while low < high {
            let mid = low + (high - low) / 2;
            if fails_alike(&with_prefix(value, &path, mid)) {
                high = mid;
            } else {
                low = mid + 1;
            }
        }
        let bad = high - 1;
        path.push(match node {
            Value::Object(map) => Segment::Key(map.keys().nth(bad).cloned().unwrap_or_default()),
            _ => Segment::Index(bad),
        });
    }
    // serde reports a missing field after it has read all the others, so
    // the bisection ends on the object's last field: go back to the deepest
    // object on the path that lacks the field.
    if let Some(field) = error
        .strip_prefix("missing field `")
        .and_then(|rest| rest.split('`').next())
    {
        while !path.is_empty() {
            match node_at(value, &path) {
                Value::Object(map) if !map.contains_key(field) => break,
                _ => {
                    path.pop();
                }
            }
        }
    }
    display(&path)
}

fn children(node: &Value) -> usize {
    match node {
        Value::Object(map) => map.len(),
        Value::Array(items) => items.len(),
        _ => 0,
    }
}

fn node_at<'a>(value: &'a Value, path: &[Segment]) -> &'a Value {
    path.iter()
        .fold(value, |node, segment| match (node, segment) {
            (Value::Object(map), Segment::Key(key)) => map.get(key).unwrap_or(&Value::Null),
            (Value::Array(items), Segment::Index(i)) => items.get(*i).unwrap_or(&Value::Null),
            _ => &Value::Null,
        })
}

/// A copy of `value` in which the node at `path` keeps only its first `keep`
/// children.
fn with_prefix(value: &Value, path: &[Segment], keep: usize) -> Value {
    let mut copy = value.clone();
    let mut node = &mut copy;
    for segment in path {
        node = match (node, segment) {
            (Value::Object(map), Segment::Key(key)) => match map.get_mut(key) {
                Some(child) => child,
                None => return copy,
            },
            (Value::Array(items), Segment::Index(i)) => match items.get_mut(*i) {
                Some(child) => child,
                None => return copy,
            },
            _ => return copy,
        };
    }
    match node {
        Value::Object(map) => {
            let kept: serde_json::Map<String, Value> =
                std::mem::take(map).into_iter().take(keep).collect();
            *map = kept;
        }
        Value::Array(items) => items.truncate(keep),
        _ => {}
    }
    copy
}

fn display(path: &[Segment]) -> String {
    let mut text = String::new();
    for segment in path {
        match segment {
            Segment::Key(key) => {
                if !text.is_empty() {
                    text.push('.');
                }
                text.push_str(key);
            }
            Segment::Index(i) => text.push_str(&format!("[{i}]")),
        }
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::Deserialize;
    use serde_json::json;

    #[derive(Debug, Deserialize)]
    #[allow(dead_code)]
    struct Step {
        name: String,
        duration_days: u32,
        #[serde(default)]
        notes: Vec<Note>,
    }

    #[derive(Debug, Deserialize)]
    #[allow(dead_code)]
    struct Note {
        text: String,
    }

    #[derive(Debug, Deserialize)]
    #[allow(dead_code)]
    struct Data {
        projects: Vec<String>,
        steps: Vec<Step>,
    }

    fn path_of(value: Value) -> String {
        let attempt = |v: &Value| {
            Data::deserialize(v.clone())
                .map(|_| ())
                .map_err(|e| e.to_string())
        };
        let error = attempt(&value).expect_err("the value is broken");
        let error = error.as_str();
        locate(&value, error, attempt)
    }

    fn step(name: &str, days: Value) -> Value {
        json!({ "name": name, "duration_days": days })
    }

    #[test]
    fn names_the_field_of_the_bad_element() {
        let steps: Vec<Value> = (0..7)
            .map(|i| step(&format!("s{i}"), json!(i)))
            .chain([step("bad", json!("drei"))])
            .chain((0..4).map(|i| step("later", json!(i))))
            .collect();
        let data = json!({ "projects": ["a"], "steps": steps });
        assert_eq!(path_of(data), "steps[7].duration_days");
    }

    #[test]
    fn goes_as_deep_as_the_problem() {
        let data = json!({ "projects": [], "steps": [
            { "name": "a", "duration_days": 1, "notes": [{ "text": "ok" }, { "text": 5 }] }
        ]});
        assert_eq!(path_of(data), "steps[0].notes[1].text");
    }

    #[test]
    fn a_missing_field_names_its_object_and_a_wrong_type_its_value() {
        let data = json!({ "projects": [], "steps": [step("a", json!(1)), { "name": "b" }] });
        assert_eq!(path_of(data), "steps[1]");
        assert_eq!(path_of(json!({ "projects": {}, "steps": [] })), "projects");
        assert_eq!(path_of(json!({ "steps": [] })), "");
        assert_eq!(path_of(json!("text")), "");
    }
}
