//! Money as integer euro cents.
//!
//! Floats cannot hold 0.10 € exactly, and sums of many amounts drift. All
//! amounts are therefore whole cents in an `i64` (enough for any
//! freelancer's turnover). Formatting with the German decimal comma and the
//! thousands separator is the UI's job; `Display` here is a neutral
//! `1234.50 EUR` for logs and error messages.

use std::fmt;
use std::iter::Sum;
use std::ops::{Add, AddAssign, Mul, Neg, Sub, SubAssign};

use serde::{Deserialize, Serialize};

/// An amount of money in euro cents. Serialised as a plain integer.
#[derive(
    Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize,
)]
#[serde(transparent)]
pub struct Money(pub i64);

impl Money {
    /// Zero euros.
    pub const ZERO: Money = Money(0);

    /// An amount of `cents` euro cents.
    pub const fn from_cents(cents: i64) -> Self {
        Money(cents)
    }

    /// Whole euros (no cents); `None` on overflow.
    pub fn from_euros(euros: i64) -> Option<Self> {
        euros.checked_mul(100).map(Money)
    }

    /// The amount in cents.
    pub const fn cents(self) -> i64 {
        self.0
    }

    /// True for amounts below zero (a validation error for costs and prices).
    pub const fn is_negative(self) -> bool {
        self.0 < 0
    }

    /// The amount multiplied by a (non-integer) quantity, rounded half away
    /// from zero to whole cents. Used for `quantity × unit cost` and
    /// `hours × hourly rate`.
    pub fn times(self, factor: f64) -> Money {
        // f64 holds every cent amount up to 2^53 exactly; beyond that the
        // `as` cast saturates instead of wrapping, which is the safer failure.
        Money((self.0 as f64 * factor).round() as i64)
    }
}

impl fmt::Display for Money {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let sign = if self.0 < 0 { "-" } else { "" };
        let abs = self.0.unsigned_abs();
        write!(f, "{sign}{}.{:02} EUR", abs / 100, abs % 100)
    }
}

impl Add for Money {
    type Output = Money;
    fn add(self, rhs: Money) -> Money {
        Money(self.0 + rhs.0)
    }
}

impl AddAssign for Money {
    fn add_assign(&mut self, rhs: Money) {
        self.0 += rhs.0;
    }
}

impl Sub for Money {
    type Output = Money;
    fn sub(self, rhs: Money) -> Money {
        Money(self.0 - rhs.0)
    }
}

impl SubAssign for Money {
    fn sub_assign(&mut self, rhs: Money) {
        self.0 -= rhs.0;
    }
}

impl Neg for Money {
    type Output = Money;
    fn neg(self) -> Money {
        Money(-self.0)
    }
}

impl Mul<i64> for Money {
    type Output = Money;
    fn mul(self, rhs: i64) -> Money {
        Money(self.0 * rhs)
    }
}

impl Sum for Money {
    fn sum<I: Iterator<Item = Money>>(iter: I) -> Money {
        Money(iter.map(|m| m.0).sum())
    }
}

impl<'a> Sum<&'a Money> for Money {
    fn sum<I: Iterator<Item = &'a Money>>(iter: I) -> Money {
        iter.copied().sum()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn displays_cents_with_two_digits() {
        assert_eq!(Money(123_450).to_string(), "1234.50 EUR");
        assert_eq!(Money(-5).to_string(), "-0.05 EUR");
    }

    #[test]
    fn times_rounds_half_away_from_zero() {
        assert_eq!(Money(999).times(2.5), Money(2498)); // 2497.5 -> 2498
        assert_eq!(Money(100).times(0.333), Money(33));
    }
}
