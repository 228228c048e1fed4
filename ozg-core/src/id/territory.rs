//! Kreisschlüssel, AGS (Amtlicher Gemeindeschlüssel) and ARS (Amtlicher Regionalschlüssel).

use super::*;

/// Kreisschlüssel (district key): 5 digits Land(2) Regierungsbezirk(1) Kreis(2), e.g. `01002` (Kiel).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct KreisKey(pub(super) u32);

impl KreisKey {
    /// JSON Schema / XSD pattern.
    pub const PATTERN: &'static str = r"^(0[1-9]|1[0-6])\d{3}$";

    /// The numeric value (e.g. 1002 for `01002`).
    pub fn value(&self) -> u32 {
        self.0
    }

    /// The Land (Bundesland, digits 1–2).
    pub fn land(&self) -> Bundesland {
        land_of(u64::from(self.0 / 1000))
    }

    /// The Regierungsbezirk digit (digit 3; 0 where the Land has none).
    pub fn regierungsbezirk(&self) -> u8 {
        ((self.0 / 100) % 10) as u8
    }
}

impl FromStr for KreisKey {
    type Err = IdError;

    fn from_str(s: &str) -> Result<Self, IdError> {
        land_digits(s, 5, IdKind::KreisKey, "must be exactly 5 ASCII digits")
            .map(|v| Self(v as u32))
    }
}

impl fmt::Display for KreisKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:05}", self.0)
    }
}

string_id!(
    KreisKey,
    "a Kreisschlüssel (5 digits)",
    "Kreisschlüssel: 5 digits Land(2) Regierungsbezirk(1) Kreis(2), e.g. 01002."
);

/// AGS (Amtlicher Gemeindeschlüssel, official municipality key): 8 digits Land(2)
/// Regierungsbezirk(1) Kreis(2) Gemeinde(3), e.g. `01002000` (Kiel).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Ags(pub(super) u32);

impl Ags {
    /// JSON Schema / XSD pattern.
    pub const PATTERN: &'static str = r"^(0[1-9]|1[0-6])\d{6}$";

    /// The numeric value.
    pub fn value(&self) -> u32 {
        self.0
    }

    /// The Land (Bundesland, digits 1–2).
    pub fn land(&self) -> Bundesland {
        land_of(u64::from(self.0 / 1_000_000))
    }

    /// The Regierungsbezirk digit (digit 3; 0 where the Land has none).
    pub fn regierungsbezirk(&self) -> u8 {
        ((self.0 / 100_000) % 10) as u8
    }

    /// The Kreisschlüssel (digits 1–5).
    pub fn kreis_key(&self) -> KreisKey {
        KreisKey(self.0 / 1000)
    }

    /// The Gemeinde part (digits 6–8).
    pub fn gemeinde(&self) -> u16 {
        (self.0 % 1000) as u16
    }
}

impl FromStr for Ags {
    type Err = IdError;

    fn from_str(s: &str) -> Result<Self, IdError> {
        land_digits(s, 8, IdKind::Ags, "must be exactly 8 ASCII digits").map(|v| Self(v as u32))
    }
}

impl fmt::Display for Ags {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:08}", self.0)
    }
}

string_id!(
    Ags,
    "an AGS (8 digits)",
    "AGS (Amtlicher Gemeindeschlüssel): 8 digits Land(2) Regierungsbezirk(1) Kreis(2) Gemeinde(3), e.g. 01002000."
);

/// Kind of Gemeindeverband, the first digit of the ARS Gemeindeverband part (Art des Gemeindeverbands).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum GemeindeverbandKind {
    /// 0: amtsfreie bzw. verbandsfreie Gemeinde (not part of an Amt/Verband).
    AmtsfreiOderVerbandsfrei,
    /// 5: amtsangehörige bzw. verbandsangehörige Gemeinde (part of an Amt/Verband).
    AmtsangehoerigOderVerbandsangehoerig,
    /// 9: gemeindefreies Gebiet (unincorporated area).
    GemeindefreiesGebiet,
    /// Any other first digit (meaning not documented in the sources).
    Other(u8),
}

impl GemeindeverbandKind {
    /// Kind of a first digit.
    pub fn from_digit(digit: u8) -> Self {
        match digit {
            0 => Self::AmtsfreiOderVerbandsfrei,
            5 => Self::AmtsangehoerigOderVerbandsangehoerig,
            9 => Self::GemeindefreiesGebiet,
            other => Self::Other(other),
        }
    }

    /// The digit.
    pub fn digit(self) -> u8 {
        match self {
            Self::AmtsfreiOderVerbandsfrei => 0,
            Self::AmtsangehoerigOderVerbandsangehoerig => 5,
            Self::GemeindefreiesGebiet => 9,
            Self::Other(d) => d,
        }
    }
}

/// ARS (Amtlicher Regionalschlüssel, official regional key): 12 digits Land(2)
/// Regierungsbezirk(1) Kreis(2) Gemeindeverband(4) Gemeinde(3), e.g. `120600181181` (Panketal).
///
/// ```
/// use ozg_core::code::Bundesland;
/// use ozg_core::id::{Ars, GemeindeverbandKind};
///
/// let panketal: Ars = "120600181181".parse()?;
/// assert_eq!(panketal.land(), Bundesland::Brandenburg);
/// assert_eq!(panketal.gemeindeverband(), 181);
/// assert_eq!(panketal.verband_kind(), GemeindeverbandKind::AmtsfreiOderVerbandsfrei);
/// assert_eq!(panketal.ags().to_string(), "12060181");
/// # Ok::<(), ozg_core::id::IdError>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Ars(pub(super) u64);

impl Ars {
    /// JSON Schema / XSD pattern.
    pub const PATTERN: &'static str = r"^(0[1-9]|1[0-6])\d{10}$";

    /// The numeric value.
    pub fn value(&self) -> u64 {
        self.0
    }

    /// The Land (Bundesland, digits 1–2).
    pub fn land(&self) -> Bundesland {
        land_of(self.0 / 10_000_000_000)
    }

    /// The Regierungsbezirk digit (digit 3; 0 where the Land has none).
    pub fn regierungsbezirk(&self) -> u8 {
        ((self.0 / 1_000_000_000) % 10) as u8
    }

    /// The Kreisschlüssel (digits 1–5).
    pub fn kreis_key(&self) -> KreisKey {
        KreisKey((self.0 / 10_000_000) as u32)
    }

    /// The Gemeindeverband part (digits 6–9), e.g. 18 for `0018`.
    pub fn gemeindeverband(&self) -> u16 {
        ((self.0 / 1000) % 10_000) as u16
    }

    /// The kind of Gemeindeverband (first digit of the Gemeindeverband part).
    pub fn verband_kind(&self) -> GemeindeverbandKind {
        GemeindeverbandKind::from_digit((self.gemeindeverband() / 1000) as u8)
    }

    /// The Gemeinde part (digits 10–12).
    pub fn gemeinde(&self) -> u16 {
        (self.0 % 1000) as u16
    }

    /// The AGS: Land, Regierungsbezirk, Kreis and Gemeinde without the Gemeindeverband.
    pub fn ags(&self) -> Ags {
        Ags(self.kreis_key().0 * 1000 + u32::from(self.gemeinde()))
    }

    /// The Gebiet URN `urn:de:bund:destatis:bevoelkerungsstatistik:schluessel:rs:<ARS>`.
    pub fn gebiet_urn(&self) -> String {
        GebietId::from(*self).to_string()
    }

    /// The ARS-Präfix of the given level that contains this ARS, e.g. the Gemeindeverband
    /// (Amt) `010515163` of `010515163003`.
    pub fn prefix(&self, level: ArsLevel) -> ArsPrefix {
        let len: u8 = match level {
            ArsLevel::Land => 2,
            ArsLevel::Regierungsbezirk => 3,
            ArsLevel::Kreis => 5,
            ArsLevel::Gemeindeverband => 9,
            ArsLevel::Gemeinde => 12,
        };
        ArsPrefix::from_raw(self.0 / 10u64.pow(12 - u32::from(len)), len)
    }
}

impl FromStr for Ars {
    type Err = IdError;

    fn from_str(s: &str) -> Result<Self, IdError> {
        land_digits(s, 12, IdKind::Ars, "must be exactly 12 ASCII digits").map(Self)
    }
}

impl fmt::Display for Ars {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:012}", self.0)
    }
}

string_id!(
    Ars,
    "an ARS (12 digits)",
    "ARS (Amtlicher Regionalschlüssel): 12 digits Land(2) Regierungsbezirk(1) Kreis(2) Gemeindeverband(4) Gemeinde(3), e.g. 120600181181."
);

// Constructors from numeric values for the generated, test-checked embedded data (`org::germany`).
impl Ars {
    pub(crate) const fn from_raw(value: u64) -> Self {
        Self(value)
    }
}

impl Ags {
    pub(crate) const fn from_raw(value: u32) -> Self {
        Self(value)
    }
}

impl KreisKey {
    pub(crate) const fn from_raw(value: u32) -> Self {
        Self(value)
    }
}
