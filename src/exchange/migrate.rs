//! Upgrades of older backup formats, as pure functions on JSON values.
//!
//! Each migration lifts a whole backup envelope by exactly one format
//! version, so a file of any old version reaches the current one by running
//! the chain. A migration only reshapes data; whether the result is valid is
//! decided afterwards by deserialising and validating it like any current
//! backup.
//!
//! | from | to | change |
//! | ---- | -- | ------ |
//! | 1    | 2  | euro floats → integer cents (`budget_revenue` → `planned_revenue`, `budget_cost` → `planned_cost`, `unit_price` → `unit_cost`, `hourly_rate`); step `depends_on` → `dependencies`, `done` → `status`; appointment `start`/`end`/`all_day` → `when` |

use serde_json::{json, Map, Number, Value};
use thiserror::Error;

use super::problem::{Expected, ValueProblem};

/// A value in an old backup that cannot be upgraded, with its JSON path.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
#[error("{path}: {problem}")]
pub struct MigrationError {
    /// Where, like `projects[2].budget_revenue`.
    pub path: String,
    /// What is wrong.
    pub problem: ValueProblem,
}

impl MigrationError {
    fn new(path: impl Into<String>, problem: ValueProblem) -> Self {
        MigrationError {
            path: path.into(),
            problem,
        }
    }

    fn expected(path: impl Into<String>, expected: Expected, found: &Value) -> Self {
        let found = found.to_string();
        Self::new(path, ValueProblem::WrongValue { expected, found })
    }
}

/// One upgrade step: takes an envelope of version N, returns version N + 1.
pub type Migration = fn(Value) -> Result<Value, MigrationError>;

/// `MIGRATIONS[i]` upgrades format `i + 1` to `i + 2`.
const MIGRATIONS: [Migration; 1] = [v1_to_v2];

/// The oldest format version that can still be read.
pub const OLDEST_VERSION: u32 = 1;

/// Runs every migration from `from_version` up to `to_version` on a whole
/// backup envelope. Versions outside the known range are the caller's
/// business (it reports them before calling this).
pub fn migrate(
    mut envelope: Value,
    from_version: u32,
    to_version: u32,
) -> Result<Value, MigrationError> {
    for version in from_version.max(OLDEST_VERSION)..to_version {
        let index = (version - OLDEST_VERSION) as usize;
        let Some(step) = MIGRATIONS.get(index) else {
            return Err(MigrationError::new(
                "format_version",
                ValueProblem::NoUpgrade { from: version },
            ));
        };
        envelope = step(envelope)?;
        if let Some(object) = envelope.as_object_mut() {
            object.insert("format_version".into(), json!(version + 1));
        }
    }
    Ok(envelope)
}

// ---------------------------------------------------------------------------
// 1 → 2
// ---------------------------------------------------------------------------

/// Format 1 (the early prototype) → format 2.
pub fn v1_to_v2(mut envelope: Value) -> Result<Value, MigrationError> {
    let Some(data) = envelope.get_mut("data").and_then(Value::as_object_mut) else {
        return Ok(envelope); // nothing to upgrade; deserialising reports the missing data
    };
    for_each_record(data, "projects", |path, project| {
        euros_to_cents(project, path, "budget_revenue", "planned_revenue")?;
        euros_to_cents(project, path, "budget_cost", "planned_cost")
    })?;
    for_each_record(data, "steps", |path, step| {
        depends_on_to_dependencies(step, path)?;
        done_to_status(step);
        Ok(())
    })?;
    for_each_record(data, "materials", |path, material| {
        euros_to_cents(material, path, "unit_price", "unit_cost")
    })?;
    for_each_record(data, "contacts", |path, contact| {
        euros_to_cents(contact, path, "hourly_rate", "hourly_rate")
    })?;
    for_each_record(data, "appointments", |path, appointment| {
        times_to_when(appointment, path)
    })?;
    Ok(envelope)
}

/// Calls `f` with the path and object of every record in `data[kind]`.
/// Entries that are not objects are left for deserialisation to report.
fn for_each_record(
    data: &mut Map<String, Value>,
    kind: &str,
    mut f: impl FnMut(&str, &mut Map<String, Value>) -> Result<(), MigrationError>,
) -> Result<(), MigrationError> {
    let Some(records) = data.get_mut(kind).and_then(Value::as_array_mut) else {
        return Ok(());
    };
    for (i, record) in records.iter_mut().enumerate() {
        if let Some(object) = record.as_object_mut() {
            f(&format!("{kind}[{i}]"), object)?;
        }
    }
    Ok(())
}

/// Moves a euro amount from `old` to `new`, converted to whole cents.
/// A missing or `null` amount is dropped (the field's default applies).
fn euros_to_cents(
    record: &mut Map<String, Value>,
    path: &str,
    old: &str,
    new: &str,
) -> Result<(), MigrationError> {
    let Some(value) = record.remove(old) else {
        return Ok(());
    };
    let cents = match &value {
        Value::Null => return Ok(()),
        Value::Number(n) => number_to_cents(n),
        _ => None,
    };
    let cents = cents.ok_or_else(|| {
        MigrationError::expected(format!("{path}.{old}"), Expected::Euros, &value)
    })?;
    record.insert(new.into(), json!(cents));
    Ok(())
}

/// Converts a JSON number of euros to cents, rounding half away from zero
/// on the *decimal* value written in the file, so `1.005` becomes 101 cents
/// (multiplying the float by 100 would give 100.49999… and round to 100).
/// `None` if the amount does not fit into `i64` cents.
pub fn number_to_cents(n: &Number) -> Option<i64> {
    if let Some(whole) = n.as_i64() {
        return whole.checked_mul(100);
    }
    // `Number`'s text is the shortest decimal that reads back as the same
    // float, i.e. what the prototype wrote.
    decimal_to_cents(&n.to_string())
}

/// Parses a decimal like `-12.345` or `1.5e3` into cents, rounded half away
/// from zero.
pub fn decimal_to_cents(text: &str) -> Option<i64> {
    let (negative, unsigned) = match text.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, text),
    };
    let (mantissa, exponent) = match unsigned.split_once(['e', 'E']) {
        Some((m, e)) => (m, e.trim_start_matches('+').parse::<i32>().ok()?),
        None => (unsigned, 0),
    };
    let (int_part, frac_part) = mantissa.split_once('.').unwrap_or((mantissa, ""));
    let digits = format!("{int_part}{frac_part}");
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let digits = digits.trim_start_matches('0');
    let value: u128 = if digits.is_empty() {
        0
    } else {
        digits.parse().ok()?
    };
    // value × 10^shift is the amount in cents.
    let shift = exponent
        .checked_add(2)?
        .checked_sub(i32::try_from(frac_part.len()).ok()?)?;
    let cents = scale_rounded(value, shift)?;
    let cents = i64::try_from(cents).ok()?;
    Some(if negative { -cents } else { cents })
}

/// `value × 10^shift`, rounded half up when `shift` is negative.
fn scale_rounded(value: u128, shift: i32) -> Option<u128> {
    if shift >= 0 {
        return 10u128
            .checked_pow(shift.unsigned_abs())
            .and_then(|f| value.checked_mul(f));
    }
    let Some(divisor) = 10u128.checked_pow(shift.unsigned_abs()) else {
        return Some(0); // far below half a cent
    };
    let (quotient, remainder) = (value / divisor, value % divisor);
    Some(if remainder >= divisor - remainder {
        quotient + 1
    } else {
        quotient
    })
}

/// `depends_on: [id, …]` → `dependencies: [{predecessor: id, lag_days: 0}, …]`.
fn depends_on_to_dependencies(
    step: &mut Map<String, Value>,
    path: &str,
) -> Result<(), MigrationError> {
    let Some(old) = step.remove("depends_on") else {
        return Ok(());
    };
    let ids = match old {
        Value::Null => Vec::new(),
        Value::Array(ids) => ids,
        other => {
            return Err(MigrationError::expected(
                format!("{path}.depends_on"),
                Expected::StepIds,
                &other,
            ))
        }
    };
    let dependencies: Vec<Value> = ids
        .into_iter()
        .map(|id| json!({ "predecessor": id, "lag_days": 0 }))
        .collect();
    step.insert("dependencies".into(), Value::Array(dependencies));
    Ok(())
}

/// `done: true` → `status: "done"` (unless a status is already there).
fn done_to_status(step: &mut Map<String, Value>) {
    if let Some(done) = step.remove("done") {
        if done == Value::Bool(true) && !step.contains_key("status") {
            step.insert("status".into(), json!("done"));
            step.insert("progress".into(), json!(100));
        }
    }
}

/// `start`, `end`, `all_day` → `when: {timed: {start, end}}` or
/// `when: {all_day: {first, last}}`.
fn times_to_when(appointment: &mut Map<String, Value>, path: &str) -> Result<(), MigrationError> {
    if appointment.contains_key("when") {
        return Ok(());
    }
    let all_day = appointment
        .remove("all_day")
        .and_then(|v| v.as_bool())
        .unwrap_or(false);
    let start = take_text(appointment, path, "start")?;
    let end =
        take_text(appointment, path, "end")?.unwrap_or_else(|| start.clone().unwrap_or_default());
    let Some(start) = start else {
        let field = "start".to_owned();
        return Err(MigrationError::new(path, ValueProblem::Missing { field }));
    };
    let when = if all_day {
        json!({ "all_day": { "first": date_part(&start), "last": date_part(&end) } })
    } else {
        json!({ "timed": { "start": start, "end": end } })
    };
    appointment.insert("when".into(), when);
    Ok(())
}

fn take_text(
    record: &mut Map<String, Value>,
    path: &str,
    field: &str,
) -> Result<Option<String>, MigrationError> {
    match record.remove(field) {
        None | Some(Value::Null) => Ok(None),
        Some(Value::String(text)) => Ok(Some(text)),
        Some(other) => Err(MigrationError::expected(
            format!("{path}.{field}"),
            Expected::DateTime,
            &other,
        )),
    }
}

/// `2026-12-24T00:00:00` → `2026-12-24`; a bare date stays as it is.
fn date_part(text: &str) -> &str {
    text.split_once('T').map_or(text, |(date, _)| date)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rounds_decimal_amounts_half_away_from_zero() {
        assert_eq!(decimal_to_cents("1234.5"), Some(123_450));
        assert_eq!(decimal_to_cents("1.005"), Some(101));
        assert_eq!(decimal_to_cents("2.675"), Some(268));
        assert_eq!(decimal_to_cents("-1.005"), Some(-101));
        assert_eq!(decimal_to_cents("0.004"), Some(0));
        assert_eq!(decimal_to_cents("19.99"), Some(1999));
        assert_eq!(decimal_to_cents("1.5e3"), Some(150_000));
        assert_eq!(decimal_to_cents("1e-7"), Some(0));
        assert_eq!(decimal_to_cents("1e300"), None);
        assert_eq!(decimal_to_cents("abc"), None);
    }

    #[test]
    fn converts_json_numbers() {
        let n = |v: Value| match v {
            Value::Number(n) => number_to_cents(&n),
            _ => None,
        };
        assert_eq!(n(json!(12)), Some(1200));
        assert_eq!(n(json!(0.1)), Some(10));
        assert_eq!(n(json!(1.005)), Some(101));
        assert_eq!(n(json!(i64::MAX)), None);
    }
}
