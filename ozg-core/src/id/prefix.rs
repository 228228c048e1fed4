//! Partial AGS/ARS (FIT-Connect routing prefixes) and the Gebiet URN.

use super::*;

/// Compares prefixes lexicographically (as their digit strings).
fn cmp_prefix(a: (u64, u8), b: (u64, u8), full: u32) -> Ordering {
    let pad = |(v, len): (u64, u8)| v * 10u64.pow(full - u32::from(len));
    pad(a).cmp(&pad(b)).then(a.1.cmp(&b.1))
}

/// AGS-Präfix: the partial AGS the FIT-Connect routing API accepts, 2, 3, 5 or 8 digits
/// (Land, Regierungsbezirk, Kreis, Gemeinde), e.g. `01` or `01002`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct AgsPrefix {
    value: u32,
    len: u8,
}

impl AgsPrefix {
    /// JSON Schema / XSD pattern (FIT-Connect routing parameter `ags`).
    pub const PATTERN: &'static str = r"^(\d{2}|\d{3}|\d{5}|\d{8})$";

    /// Number of digits (2, 3, 5 or 8).
    pub fn len(&self) -> usize {
        usize::from(self.len)
    }

    /// Always false: a prefix has at least 2 digits (present for API symmetry with `len`).
    pub fn is_empty(&self) -> bool {
        false
    }

    /// Whether `ags` starts with this prefix.
    pub fn matches(&self, ags: &Ags) -> bool {
        ags.0 / 10u32.pow(8 - u32::from(self.len)) == self.value
    }
}

impl FromStr for AgsPrefix {
    type Err = IdError;

    fn from_str(s: &str) -> Result<Self, IdError> {
        [2, 3, 5, 8]
            .into_iter()
            .find_map(|len| {
                ascii_digits(s, len).map(|v| Self {
                    value: v as u32,
                    len: len as u8,
                })
            })
            .ok_or_else(|| {
                IdError::new(
                    IdKind::AgsPrefix,
                    s,
                    "must be 2, 3, 5 or 8 ASCII digits (^(\\d{2}|\\d{3}|\\d{5}|\\d{8})$)",
                )
            })
    }
}

impl From<Ags> for AgsPrefix {
    fn from(ags: Ags) -> Self {
        Self {
            value: ags.0,
            len: 8,
        }
    }
}

impl From<KreisKey> for AgsPrefix {
    fn from(k: KreisKey) -> Self {
        Self { value: k.0, len: 5 }
    }
}

impl PartialOrd for AgsPrefix {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for AgsPrefix {
    fn cmp(&self, other: &Self) -> Ordering {
        cmp_prefix(
            (u64::from(self.value), self.len),
            (u64::from(other.value), other.len),
            8,
        )
    }
}

impl fmt::Display for AgsPrefix {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:0width$}", self.value, width = self.len())
    }
}

string_id!(
    AgsPrefix,
    "an AGS prefix (2, 3, 5 or 8 digits)",
    "AGS-Präfix (partial Amtlicher Gemeindeschlüssel): 2, 3, 5 or 8 digits."
);

/// Level of an [`ArsPrefix`] (Gebietsebene).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum ArsLevel {
    /// Land (2 digits).
    Land,
    /// Regierungsbezirk (3 digits).
    Regierungsbezirk,
    /// Kreis (5 digits).
    Kreis,
    /// Gemeindeverband (9 digits).
    Gemeindeverband,
    /// Gemeinde (12 digits).
    Gemeinde,
}

/// ARS-Präfix: a partial ARS of 2, 3, 5, 9 or 12 digits (Land, Regierungsbezirk, Kreis,
/// Gemeindeverband, Gemeinde), as accepted by the FIT-Connect routing API and used in Gebiet URNs.
///
/// ```
/// use ozg_core::id::{Ars, ArsLevel, ArsPrefix};
///
/// let amt: ArsPrefix = "120645410".parse()?;
/// assert_eq!(amt.level(), ArsLevel::Gemeindeverband);
/// assert!(amt.matches(&"120645410123".parse::<Ars>()?));
/// # Ok::<(), ozg_core::id::IdError>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct ArsPrefix {
    value: u64,
    len: u8,
}

impl ArsPrefix {
    /// JSON Schema / XSD pattern (FIT-Connect routing parameter `ars`).
    pub const PATTERN: &'static str = r"^(\d{2}|\d{3}|\d{5}|\d{9}|\d{12})$";

    /// Number of digits (2, 3, 5, 9 or 12).
    pub fn len(&self) -> usize {
        usize::from(self.len)
    }

    /// Always false: a prefix has at least 2 digits (present for API symmetry with `len`).
    pub fn is_empty(&self) -> bool {
        false
    }

    /// Whether `ars` starts with this prefix.
    pub fn matches(&self, ars: &Ars) -> bool {
        ars.0 / 10u64.pow(12 - u32::from(self.len)) == self.value
    }

    /// The level the prefix names.
    pub fn level(&self) -> ArsLevel {
        match self.len {
            2 => ArsLevel::Land,
            3 => ArsLevel::Regierungsbezirk,
            5 => ArsLevel::Kreis,
            9 => ArsLevel::Gemeindeverband,
            _ => ArsLevel::Gemeinde,
        }
    }

    /// The full ARS when the prefix has 12 digits.
    pub fn as_ars(&self) -> Option<Ars> {
        (self.len == 12).then_some(Ars(self.value))
    }
}

impl FromStr for ArsPrefix {
    type Err = IdError;

    fn from_str(s: &str) -> Result<Self, IdError> {
        [2, 3, 5, 9, 12]
            .into_iter()
            .find_map(|len| {
                ascii_digits(s, len).map(|value| Self {
                    value,
                    len: len as u8,
                })
            })
            .ok_or_else(|| {
                IdError::new(
                    IdKind::ArsPrefix,
                    s,
                    "must be 2, 3, 5, 9 or 12 ASCII digits (^(\\d{2}|\\d{3}|\\d{5}|\\d{9}|\\d{12})$)",
                )
            })
    }
}

impl From<Ars> for ArsPrefix {
    fn from(ars: Ars) -> Self {
        Self {
            value: ars.0,
            len: 12,
        }
    }
}

impl From<KreisKey> for ArsPrefix {
    fn from(k: KreisKey) -> Self {
        Self {
            value: u64::from(k.0),
            len: 5,
        }
    }
}

impl PartialOrd for ArsPrefix {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for ArsPrefix {
    fn cmp(&self, other: &Self) -> Ordering {
        cmp_prefix((self.value, self.len), (other.value, other.len), 12)
    }
}

impl fmt::Display for ArsPrefix {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:0width$}", self.value, width = self.len())
    }
}

string_id!(
    ArsPrefix,
    "an ARS prefix (2, 3, 5, 9 or 12 digits)",
    "ARS-Präfix (partial Amtlicher Regionalschlüssel): 2, 3, 5, 9 or 12 digits."
);

/// Prefix of Gebiet URNs.
const GEBIET_URN_PREFIX: &str = "urn:de:bund:destatis:bevoelkerungsstatistik:schluessel:rs:";

/// Gebiet-ID (XZuFi/PVOG area id): the URN
/// `urn:de:bund:destatis:bevoelkerungsstatistik:schluessel:rs:<ARS-Präfix>`; `Display` gives the URN.
///
/// ```
/// use ozg_core::id::GebietId;
///
/// let urn = "urn:de:bund:destatis:bevoelkerungsstatistik:schluessel:rs:120645410";
/// let gebiet: GebietId = urn.parse()?;
/// assert_eq!(gebiet.ars_prefix().to_string(), "120645410");
/// assert_eq!(gebiet.to_string(), urn);
/// # Ok::<(), ozg_core::id::IdError>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct GebietId(ArsPrefix);

impl GebietId {
    /// JSON Schema / XSD pattern.
    pub const PATTERN: &'static str = r"^urn:de:bund:destatis:bevoelkerungsstatistik:schluessel:rs:(\d{2}|\d{3}|\d{5}|\d{9}|\d{12})$";

    /// The ARS prefix the URN names.
    pub fn ars_prefix(&self) -> ArsPrefix {
        self.0
    }
}

impl From<ArsPrefix> for GebietId {
    fn from(p: ArsPrefix) -> Self {
        Self(p)
    }
}

impl From<Ars> for GebietId {
    fn from(ars: Ars) -> Self {
        Self(ArsPrefix::from(ars))
    }
}

impl FromStr for GebietId {
    type Err = IdError;

    fn from_str(s: &str) -> Result<Self, IdError> {
        let rest = s.strip_prefix(GEBIET_URN_PREFIX).ok_or_else(|| {
            IdError::new(
                IdKind::GebietUrn,
                s,
                "must start with urn:de:bund:destatis:bevoelkerungsstatistik:schluessel:rs:",
            )
        })?;
        rest.parse()
            .map(Self)
            .map_err(|e: IdError| IdError::new(IdKind::GebietUrn, s, e.rule))
    }
}

impl fmt::Display for GebietId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{GEBIET_URN_PREFIX}{}", self.0)
    }
}

string_id!(
    GebietId,
    "a Gebiet URN (urn:de:bund:destatis:bevoelkerungsstatistik:schluessel:rs:<ARS>)",
    "Gebiet-ID: URN urn:de:bund:destatis:bevoelkerungsstatistik:schluessel:rs:<ARS prefix>."
);

impl ArsPrefix {
    pub(crate) const fn from_raw(value: u64, len: u8) -> Self {
        Self { value, len }
    }
}
