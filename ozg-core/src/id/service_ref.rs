//! Reference to a Leistung by OZG-ID or LeiKa key (ServiceRef).

use super::*;

/// Leistungsreferenz (service reference): an OZG-ID (5 digits) or a LeiKa key (14 digits), as mixed
/// in one column of the ITV.SH service list. Parsed by length; serialised as the bare key.
///
/// ```
/// use ozg_core::id::ServiceRef;
///
/// assert!(matches!("10110".parse::<ServiceRef>()?, ServiceRef::Ozg(_)));
/// assert!(matches!("99012001001000".parse::<ServiceRef>()?, ServiceRef::Leika(_)));
/// assert!("123456".parse::<ServiceRef>().is_err());
/// # Ok::<(), ozg_core::id::IdError>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum ServiceRef {
    /// An OZG-Leistung by OZG-ID.
    Ozg(OzgId),
    /// A LeiKa-Leistung by LeiKa key.
    Leika(LeikaKey),
}

impl ServiceRef {
    /// JSON Schema / XSD pattern.
    pub const PATTERN: &'static str = r"^(\d{5}|99\d{12})$";

    /// The OZG-ID, if this refers to an OZG-Leistung.
    pub fn as_ozg(&self) -> Option<OzgId> {
        match self {
            Self::Ozg(id) => Some(*id),
            Self::Leika(_) => None,
        }
    }

    /// The LeiKa key, if this refers to a LeiKa-Leistung.
    pub fn as_leika(&self) -> Option<LeikaKey> {
        match self {
            Self::Leika(key) => Some(*key),
            Self::Ozg(_) => None,
        }
    }
}

impl From<OzgId> for ServiceRef {
    fn from(id: OzgId) -> Self {
        Self::Ozg(id)
    }
}

impl From<LeikaKey> for ServiceRef {
    fn from(key: LeikaKey) -> Self {
        Self::Leika(key)
    }
}

impl FromStr for ServiceRef {
    type Err = IdError;

    fn from_str(s: &str) -> Result<Self, IdError> {
        let rekind = |e: IdError| IdError::new(IdKind::ServiceRef, s, e.rule);
        match s.len() {
            5 => s.parse().map(Self::Ozg).map_err(rekind),
            14 => s.parse().map(Self::Leika).map_err(rekind),
            _ => Err(IdError::new(
                IdKind::ServiceRef,
                s,
                "must be a 5-digit OZG-ID or a 14-digit LeiKa key starting with 99",
            )),
        }
    }
}

impl fmt::Display for ServiceRef {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Ozg(id) => id.fmt(f),
            Self::Leika(key) => key.fmt(f),
        }
    }
}

string_id!(
    ServiceRef,
    "an OZG-ID (5 digits) or LeiKa key (14 digits)",
    "Leistungsreferenz: a 5-digit OZG-ID or a 14-digit LeiKa key starting with 99."
);
