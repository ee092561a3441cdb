//! What is wrong with one value of an imported file, as data: the UI says
//! it in the person's language, `Display` keeps the English wording for
//! logs and tests.

use std::fmt;

/// What kind of value a field needs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Expected {
    /// A whole number from 0 to 255.
    Byte,
    /// A whole number, 0 or more.
    WholeNonNegative,
    /// A whole number.
    Whole,
    /// Any number.
    Number,
    /// Text.
    Text,
    /// `true` or `false`.
    TrueFalse,
    /// An amount of money in euros (old backups).
    Euros,
    /// A list of step ids (old backups).
    StepIds,
    /// A date and time (old backups).
    DateTime,
    /// Anything else, in serde's words.
    Other(String),
}

impl Expected {
    /// Reads serde's name of the expected type ("u32", "a string").
    pub fn from_serde(expected: &str) -> Self {
        match expected {
            "u8" => Expected::Byte,
            "u16" | "u32" | "u64" | "usize" => Expected::WholeNonNegative,
            "i8" | "i16" | "i32" | "i64" | "isize" => Expected::Whole,
            "f32" | "f64" => Expected::Number,
            "a string" => Expected::Text,
            "a boolean" => Expected::TrueFalse,
            other => Expected::Other(other.to_owned()),
        }
    }
}

impl fmt::Display for Expected {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Expected::Byte => "a number from 0 to 255",
            Expected::WholeNonNegative => "a number (a whole number, 0 or more)",
            Expected::Whole => "a number (a whole number)",
            Expected::Number => "a number",
            Expected::Text => "text",
            Expected::TrueFalse => "true or false",
            Expected::Euros => "an amount in euros",
            Expected::StepIds => "a list of step ids",
            Expected::DateTime => "a date and time",
            Expected::Other(text) => text,
        })
    }
}

/// What is wrong with a value at a JSON path.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ValueProblem {
    /// A required field is missing.
    Missing {
        /// The field's name in the file.
        field: String,
    },
    /// The value has the wrong type or is out of range.
    WrongValue {
        /// What the field needs.
        expected: Expected,
        /// What was found, as serde or JSON writes it (`string "zwei"`).
        found: String,
    },
    /// A choice the app does not know (a step status "fertig").
    UnknownChoice {
        /// The value found.
        found: String,
    },
    /// There is no upgrade from this old format.
    NoUpgrade {
        /// The file's format version.
        from: u32,
    },
    /// Anything else, in serde's words.
    Other(String),
}

impl ValueProblem {
    /// Reads serde's message ("invalid type: string \"x\", expected u32",
    /// "missing field `name`", "unknown variant `fertig`, expected …").
    pub fn from_serde(message: &str) -> Self {
        let wrong = message
            .strip_prefix("invalid type: ")
            .or_else(|| message.strip_prefix("invalid value: "))
            .and_then(|rest| rest.rsplit_once(", expected "));
        if let Some((found, expected)) = wrong {
            return ValueProblem::WrongValue {
                expected: Expected::from_serde(expected),
                found: found.to_owned(),
            };
        }
        if let Some(field) = message
            .strip_prefix("missing field `")
            .and_then(|rest| rest.strip_suffix('`'))
        {
            return ValueProblem::Missing {
                field: field.to_owned(),
            };
        }
        if let Some((found, _)) = message
            .strip_prefix("unknown variant `")
            .and_then(|rest| rest.split_once('`'))
        {
            // Keep serde's list of choices for the log.
            if message.contains(", expected ") {
                return ValueProblem::UnknownChoice {
                    found: found.to_owned(),
                };
            }
        }
        ValueProblem::Other(message.to_owned())
    }
}

impl fmt::Display for ValueProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ValueProblem::Missing { field } => write!(f, "missing field `{field}`"),
            ValueProblem::WrongValue { expected, found } => {
                write!(f, "expected {expected}, found {found}")
            }
            ValueProblem::UnknownChoice { found } => write!(f, "unknown variant `{found}`"),
            ValueProblem::NoUpgrade { from } => write!(f, "no upgrade from format {from}"),
            ValueProblem::Other(text) => f.write_str(text),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn serde_messages_are_read_into_problems() {
        assert_eq!(
            ValueProblem::from_serde("invalid type: string \"zwei\", expected u32"),
            ValueProblem::WrongValue {
                expected: Expected::WholeNonNegative,
                found: "string \"zwei\"".into()
            }
        );
        assert_eq!(
            ValueProblem::from_serde("missing field `name`"),
            ValueProblem::Missing {
                field: "name".into()
            }
        );
        assert_eq!(
            ValueProblem::from_serde("unknown variant `fertig`, expected one of `open`, `done`"),
            ValueProblem::UnknownChoice {
                found: "fertig".into()
            }
        );
        assert_eq!(
            ValueProblem::from_serde("premature end of input"),
            ValueProblem::Other("premature end of input".into())
        );
    }
}
