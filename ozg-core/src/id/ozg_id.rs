//! OZG-ID (OZG-Leistungsschlüssel).

use super::*;

/// OZG-ID (OZG-Leistungsschlüssel): the 5-digit key of an OZG-Leistung (Leistungsbündel), e.g. `10110`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct OzgId(u32);

impl OzgId {
    /// JSON Schema / XSD pattern.
    pub const PATTERN: &'static str = r"^\d{5}$";

    /// The numeric value (e.g. 10110).
    pub fn value(&self) -> u32 {
        self.0
    }
}

impl FromStr for OzgId {
    type Err = IdError;

    fn from_str(s: &str) -> Result<Self, IdError> {
        ascii_digits(s, 5).map(|v| Self(v as u32)).ok_or_else(|| {
            IdError::new(
                IdKind::OzgId,
                s,
                "must be exactly 5 ASCII digits (^\\d{5}$)",
            )
        })
    }
}

impl fmt::Display for OzgId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:05}", self.0)
    }
}

string_id!(
    OzgId,
    "an OZG-ID (5 digits)",
    "OZG-ID (OZG-Leistungsschlüssel): 5 digits, e.g. 10110."
);
