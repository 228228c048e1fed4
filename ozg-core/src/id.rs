//! Identifiers (Schlüssel und Kennungen) of the OZG landscape: parsed once, valid by construction.
//!
//! Every identifier implements `FromStr<Err = IdError>`, `Display` (the canonical text form),
//! `Serialize`/`Deserialize` as a string (deserialisation goes through `FromStr`, so a bad value
//! reports the rule it broke) and, with feature `schema`, `JsonSchema` as
//! `{"type":"string","pattern":…}`. Each type's `PATTERN` constant holds that pattern.
//! Parsing is strict: no trimming, ASCII digits only (other Unicode digits are rejected).
//!
//! ```
//! use ozg_core::code::{Bundesland, LeistungsTyp};
//! use ozg_core::id::{Ags, LeikaKey};
//!
//! let key: LeikaKey = "99089003034004".parse()?;
//! assert_eq!(key.kind(), LeistungsTyp::Lovd);
//! assert_eq!(key.group(), 89);
//! assert_eq!(key.urn(), "urn:de:fim:leika:leistung:99089003034004");
//!
//! let kiel: Ags = "01002000".parse()?;
//! assert_eq!(kiel.land(), Bundesland::SchleswigHolstein);
//! assert_eq!(kiel.kreis_key().to_string(), "01002");
//!
//! let err = "9908900303400".parse::<LeikaKey>().unwrap_err();
//! assert!(err.to_string().contains("9908900303400"));
//! # Ok::<(), ozg_core::id::IdError>(())
//! ```

use std::borrow::Borrow;
use std::cmp::Ordering;
use std::fmt;
use std::str::FromStr;

use serde::de::{self, Deserializer, Visitor};
use serde::{Deserialize, Serialize, Serializer};

use crate::code::{Bundesland, LeistungsTyp};

/// Longest input (in characters) kept in an [`IdError`]; longer inputs are cut and end with `…`.
const MAX_ERROR_INPUT: usize = 80;

/// Kind of identifier (Art der Kennung), named in [`IdError`] messages.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[non_exhaustive]
pub enum IdKind {
    /// OZG-ID (OZG-Leistungsschlüssel).
    OzgId,
    /// LeiKa-Leistungsschlüssel (LeiKa key).
    LeikaKey,
    /// LeiKa-URN (`urn:de:fim:leika:leistung:…`).
    LeikaUrn,
    /// AGS (Amtlicher Gemeindeschlüssel).
    Ags,
    /// ARS (Amtlicher Regionalschlüssel).
    Ars,
    /// AGS-Präfix (partial AGS).
    AgsPrefix,
    /// ARS-Präfix (partial ARS).
    ArsPrefix,
    /// Gebiet-URN (Gebiet-ID).
    GebietUrn,
    /// Kreisschlüssel.
    KreisKey,
    /// DVDV-Organisationsschlüssel.
    DvdvKey,
    /// FIT-Connect Destination-ID (Zustellpunkt).
    DestinationId,
    /// FIT-Connect DestinationSignature.
    DestinationSignature,
    /// Leistungsreferenz (OZG-ID or LeiKa key).
    ServiceRef,
    /// Verwaltungs-ID (our record id of a Verwaltung).
    VerwaltungId,
    /// Onlinedienst-ID (our record id of an online service).
    OnlinedienstId,
    /// IT-Dienstleister-ID (our record id of an IT provider).
    ProviderId,
    /// Vereinbarungs-ID (our record id of an agreement).
    AgreementId,
    /// Zustellkanal-ID (our record id of a delivery channel).
    ChannelId,
}

impl fmt::Display for IdKind {
    /// German term with the English gloss, e.g. `OZG-ID` or `AGS (Amtlicher Gemeindeschlüssel)`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Self::OzgId => "OZG-ID",
            Self::LeikaKey => "LeiKa-Leistungsschlüssel (LeiKa key)",
            Self::LeikaUrn => "LeiKa-URN (LeiKa URN)",
            Self::Ags => "AGS (Amtlicher Gemeindeschlüssel)",
            Self::Ars => "ARS (Amtlicher Regionalschlüssel)",
            Self::AgsPrefix => "AGS-Präfix (AGS prefix)",
            Self::ArsPrefix => "ARS-Präfix (ARS prefix)",
            Self::GebietUrn => "Gebiet-URN (area URN)",
            Self::KreisKey => "Kreisschlüssel (district key)",
            Self::DvdvKey => "DVDV-Organisationsschlüssel (DVDV key)",
            Self::DestinationId => "Destination-ID (FIT-Connect destination id)",
            Self::DestinationSignature => {
                "DestinationSignature (FIT-Connect destination signature)"
            }
            Self::ServiceRef => "Leistungsreferenz (service reference)",
            Self::VerwaltungId => "Verwaltungs-ID (administration id)",
            Self::OnlinedienstId => "Onlinedienst-ID (online service id)",
            Self::ProviderId => "IT-Dienstleister-ID (provider id)",
            Self::AgreementId => "Vereinbarungs-ID (agreement id)",
            Self::ChannelId => "Zustellkanal-ID (channel id)",
        })
    }
}

/// Error of parsing an identifier (ungültige Kennung): which kind, the input, and the rule broken.
///
/// The input is kept verbatim up to 80 characters (longer inputs are cut and end with `…`).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("invalid {kind} \"{input}\": {rule}")]
pub struct IdError {
    /// Kind of identifier that was expected.
    pub kind: IdKind,
    /// The rejected input.
    pub input: String,
    /// The rule the input broke, in English.
    pub rule: &'static str,
}

impl IdError {
    /// Builds an error, cutting very long inputs.
    pub fn new(kind: IdKind, input: &str, rule: &'static str) -> Self {
        let input = match input.char_indices().nth(MAX_ERROR_INPUT) {
            Some((cut, _)) => format!("{}…", &input[..cut]),
            None => input.to_owned(),
        };
        Self { kind, input, rule }
    }
}

/// Parses exactly `len` ASCII digits (`0-9`) into a number; `None` otherwise.
fn ascii_digits(s: &str, len: usize) -> Option<u64> {
    if s.len() != len || !s.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    Some(
        s.bytes()
            .fold(0u64, |acc, b| acc * 10 + u64::from(b - b'0')),
    )
}

/// Parses `len` ASCII digits starting with a Länderschlüssel 01–16.
fn land_digits(
    s: &str,
    len: usize,
    kind: IdKind,
    digits_rule: &'static str,
) -> Result<u64, IdError> {
    let value = ascii_digits(s, len).ok_or_else(|| IdError::new(kind, s, digits_rule))?;
    let land = value / 10u64.pow(len as u32 - 2);
    if !(1..=16).contains(&land) {
        return Err(IdError::new(
            kind,
            s,
            "must start with a Länderschlüssel (Land code) 01-16",
        ));
    }
    Ok(value)
}

/// Bundesland of a validated Länderschlüssel number. Callers pass values checked to be 1–16 at
/// parse time, so the fallback is never taken; it only avoids a panic path.
fn land_of(number: u64) -> Bundesland {
    u8::try_from(number)
        .ok()
        .and_then(Bundesland::from_number)
        .unwrap_or(Bundesland::SchleswigHolstein)
}

/// Serde visitor that reads a string through `FromStr`, so a deserialisation error names the rule
/// the input broke (shared by identifiers and code lists).
pub(crate) struct ParseVisitor<T>(
    pub(crate) std::marker::PhantomData<T>,
    pub(crate) &'static str,
);

impl<T> Visitor<'_> for ParseVisitor<T>
where
    T: FromStr,
    T::Err: fmt::Display,
{
    type Value = T;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.1)
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<T, E> {
        v.parse().map_err(E::custom)
    }
}

/// Implements `Serialize` (via `Display`), `Deserialize` (via `FromStr`) and `JsonSchema`.
macro_rules! string_id {
    ($t:ident, $expecting:literal, $description:literal) => {
        impl Serialize for $t {
            fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.collect_str(self)
            }
        }

        impl<'de> Deserialize<'de> for $t {
            fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                deserializer.deserialize_str(ParseVisitor::<Self>(std::marker::PhantomData, $expecting))
            }
        }

        #[cfg(feature = "schema")]
        impl schemars::JsonSchema for $t {
            fn schema_name() -> std::borrow::Cow<'static, str> {
                std::borrow::Cow::Borrowed(stringify!($t))
            }

            fn schema_id() -> std::borrow::Cow<'static, str> {
                std::borrow::Cow::Borrowed(concat!("ozg_core::id::", stringify!($t)))
            }

            fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
                schemars::json_schema!({
                    "type": "string",
                    "pattern": $t::PATTERN,
                    "description": $description,
                })
            }
        }
    };
}

// ---------------------------------------------------------------------------------------------
// OZG-ID
// ---------------------------------------------------------------------------------------------

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

// ---------------------------------------------------------------------------------------------
// LeiKa key
// ---------------------------------------------------------------------------------------------

/// Prefix of LeiKa URNs.
const LEIKA_URN_PREFIX: &str = "urn:de:fim:leika:leistung:";

/// LeiKa-Leistungsschlüssel ("99er-Schlüssel"): 14 digits `99 GGG LLL VVV DDD`, e.g. `99089003034004`.
///
/// GGG is the Leistungsgruppierung, LLL the Leistungsobjekt within the group, VVV the
/// Verrichtungskennung and DDD the Verrichtungsdetail (000 = none). The split is derived from the
/// data and FIM enum names; no official Schlüsselsystematik was retrieved.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct LeikaKey(u64);

impl LeikaKey {
    /// JSON Schema / XSD pattern (FIT-Connect routing parameter `leikaKey`).
    pub const PATTERN: &'static str = r"^99\d{12}$";

    /// The numeric value.
    pub fn value(&self) -> u64 {
        self.0
    }

    /// GGG, the Leistungsgruppierung (digits 3–5).
    pub fn group(&self) -> u16 {
        ((self.0 / 1_000_000_000) % 1000) as u16
    }

    /// LLL, the Leistungsobjekt within the group (digits 6–8).
    pub fn object(&self) -> u16 {
        ((self.0 / 1_000_000) % 1000) as u16
    }

    /// VVV, the Verrichtungskennung (digits 9–11); `None` when 000.
    pub fn verrichtung(&self) -> Option<u16> {
        Some(((self.0 / 1000) % 1000) as u16).filter(|v| *v != 0)
    }

    /// DDD, the Verrichtungsdetail (digits 12–14); `None` when 000.
    pub fn verrichtungsdetail(&self) -> Option<u16> {
        Some((self.0 % 1000) as u16).filter(|v| *v != 0)
    }

    /// Leistungstyp: LO when VVV and DDD are 000, LOV when DDD is 000, LOVD otherwise.
    pub fn kind(&self) -> LeistungsTyp {
        match (self.verrichtung(), self.verrichtungsdetail()) {
            (None, None) => LeistungsTyp::Lo,
            (Some(_), None) => LeistungsTyp::Lov,
            _ => LeistungsTyp::Lovd,
        }
    }

    /// The LeiKa URN `urn:de:fim:leika:leistung:<key>` (XZuFi/FIT-Connect Leistung-ID).
    pub fn urn(&self) -> String {
        format!("{LEIKA_URN_PREFIX}{self}")
    }

    /// Parses a LeiKa URN `urn:de:fim:leika:leistung:<14 digits>` (prefix in lower case).
    pub fn from_urn(urn: &str) -> Result<LeikaKey, IdError> {
        let key = urn.strip_prefix(LEIKA_URN_PREFIX).ok_or_else(|| {
            IdError::new(
                IdKind::LeikaUrn,
                urn,
                "must start with urn:de:fim:leika:leistung:",
            )
        })?;
        key.parse()
            .map_err(|e: IdError| IdError::new(IdKind::LeikaUrn, urn, e.rule))
    }

    /// The key of the Leistungsobjekt (LO) itself: VVV and DDD set to 000.
    pub fn leistungsobjekt_key(&self) -> LeikaKey {
        Self(self.0 - self.0 % 1_000_000)
    }
}

impl FromStr for LeikaKey {
    type Err = IdError;

    fn from_str(s: &str) -> Result<Self, IdError> {
        let value = ascii_digits(s, 14).ok_or_else(|| {
            IdError::new(
                IdKind::LeikaKey,
                s,
                "must be exactly 14 ASCII digits (^99\\d{12}$)",
            )
        })?;
        if !s.starts_with("99") {
            return Err(IdError::new(
                IdKind::LeikaKey,
                s,
                "must start with 99 (LeiKa-Kennung, ^99\\d{12}$)",
            ));
        }
        Ok(Self(value))
    }
}

impl fmt::Display for LeikaKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:014}", self.0)
    }
}

string_id!(
    LeikaKey,
    "a LeiKa key (14 digits starting with 99)",
    "LeiKa-Leistungsschlüssel: 14 digits 99 GGG LLL VVV DDD, e.g. 99089003034004."
);

// ---------------------------------------------------------------------------------------------
// Kreisschlüssel, AGS, ARS
// ---------------------------------------------------------------------------------------------

/// Kreisschlüssel (district key): 5 digits Land(2) Regierungsbezirk(1) Kreis(2), e.g. `01002` (Kiel).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct KreisKey(u32);

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
pub struct Ags(u32);

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
pub struct Ars(u64);

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
        ArsPrefix {
            value: self.0 / 10u64.pow(12 - u32::from(len)),
            len,
        }
    }
}

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

impl ArsPrefix {
    pub(crate) const fn from_raw(value: u64, len: u8) -> Self {
        Self { value, len }
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

// ---------------------------------------------------------------------------------------------
// Prefixes and Gebiet URN
// ---------------------------------------------------------------------------------------------

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

// ---------------------------------------------------------------------------------------------
// DVDV key
// ---------------------------------------------------------------------------------------------

/// DVDV-Organisationsschlüssel / Behördenkennung: `prefix:key`, e.g. `bab:05111000` or
/// `wgb:051110000000`. The prefix names the Behördenkategorie (lower-case letter then 1–9 lower-case
/// letters or digits), the key is 1–32 ASCII letters or digits.
///
/// ```
/// use ozg_core::id::DvdvKey;
///
/// let key: DvdvKey = "bab:05111000".parse()?;
/// assert_eq!((key.prefix(), key.key()), ("bab", "05111000"));
/// # Ok::<(), ozg_core::id::IdError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct DvdvKey {
    text: String,
    colon: u8,
}

impl DvdvKey {
    /// JSON Schema / XSD pattern.
    pub const PATTERN: &'static str = r"^[a-z][a-z0-9]{1,9}:[0-9A-Za-z]{1,32}$";

    /// The prefix (Behördenkategorie), e.g. `bab`.
    pub fn prefix(&self) -> &str {
        &self.text[..usize::from(self.colon)]
    }

    /// The key after the colon, e.g. `05111000`.
    pub fn key(&self) -> &str {
        &self.text[usize::from(self.colon) + 1..]
    }

    /// The whole `prefix:key` text.
    pub fn as_str(&self) -> &str {
        &self.text
    }
}

impl FromStr for DvdvKey {
    type Err = IdError;

    fn from_str(s: &str) -> Result<Self, IdError> {
        let (prefix, key) = s
            .split_once(':')
            .ok_or_else(|| IdError::new(IdKind::DvdvKey, s, "must have the form prefix:key"))?;
        let prefix_ok = prefix.len() >= 2
            && prefix.len() <= 10
            && prefix.as_bytes()[0].is_ascii_lowercase()
            && prefix
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit());
        if !prefix_ok {
            return Err(IdError::new(
                IdKind::DvdvKey,
                s,
                "prefix must be a lower-case ASCII letter followed by 1-9 lower-case letters or digits",
            ));
        }
        let key_ok =
            !key.is_empty() && key.len() <= 32 && key.bytes().all(|b| b.is_ascii_alphanumeric());
        if !key_ok {
            return Err(IdError::new(
                IdKind::DvdvKey,
                s,
                "key after the colon must be 1-32 ASCII letters or digits",
            ));
        }
        Ok(Self {
            text: s.to_owned(),
            colon: prefix.len() as u8,
        })
    }
}

impl fmt::Display for DvdvKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text)
    }
}

impl AsRef<str> for DvdvKey {
    fn as_ref(&self) -> &str {
        &self.text
    }
}

string_id!(
    DvdvKey,
    "a DVDV key (prefix:key)",
    "DVDV-Organisationsschlüssel (Behördenkennung): prefix:key, e.g. bab:05111000."
);

// ---------------------------------------------------------------------------------------------
// FIT-Connect
// ---------------------------------------------------------------------------------------------

/// Destination-ID: the UUID of a FIT-Connect Zustellpunkt, e.g. `3fa85f64-5717-4562-b3fc-2c963f66afa6`.
///
/// Accepts the 36-character hyphenated form in any letter case; displays it in lower case.
///
/// ```
/// use ozg_core::id::DestinationId;
///
/// let id: DestinationId = "3FA85F64-5717-4562-B3FC-2C963F66AFA6".parse()?;
/// assert_eq!(id.to_string(), "3fa85f64-5717-4562-b3fc-2c963f66afa6");
/// # Ok::<(), ozg_core::id::IdError>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct DestinationId(u128);

impl DestinationId {
    /// JSON Schema / XSD pattern.
    pub const PATTERN: &'static str =
        r"^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$";

    /// The UUID as a 128-bit number.
    pub fn as_u128(&self) -> u128 {
        self.0
    }

    /// A Destination-ID from a 128-bit number.
    pub fn from_u128(value: u128) -> Self {
        Self(value)
    }
}

impl FromStr for DestinationId {
    type Err = IdError;

    fn from_str(s: &str) -> Result<Self, IdError> {
        let err = || {
            IdError::new(
                IdKind::DestinationId,
                s,
                "must be a UUID of 36 characters: 8-4-4-4-12 hexadecimal digits separated by hyphens",
            )
        };
        if s.len() != 36 {
            return Err(err());
        }
        let mut value: u128 = 0;
        for (i, b) in s.bytes().enumerate() {
            if matches!(i, 8 | 13 | 18 | 23) {
                if b != b'-' {
                    return Err(err());
                }
                continue;
            }
            let digit = char::from(b).to_digit(16).ok_or_else(err)?;
            value = (value << 4) | u128::from(digit);
        }
        Ok(Self(value))
    }
}

impl fmt::Display for DestinationId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let v = self.0;
        write!(
            f,
            "{:08x}-{:04x}-{:04x}-{:04x}-{:012x}",
            v >> 96,
            (v >> 80) & 0xffff,
            (v >> 64) & 0xffff,
            (v >> 48) & 0xffff,
            v & 0xffff_ffff_ffff
        )
    }
}

string_id!(
    DestinationId,
    "a FIT-Connect destination id (UUID)",
    "Destination-ID (FIT-Connect Zustellpunkt): UUID, e.g. 3fa85f64-5717-4562-b3fc-2c963f66afa6."
);

/// DestinationSignature: the compact JWS `header.payload.signature` (base64url characters) that
/// signs a FIT-Connect destination's Zuständigkeiten. Stored as text; the signature is not verified.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct DestinationSignature(String);

impl DestinationSignature {
    /// JSON Schema / XSD pattern.
    pub const PATTERN: &'static str = r"^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$";

    /// The whole compact JWS.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The three parts (header, payload, signature), still base64url encoded.
    fn parts(&self) -> (&str, &str, &str) {
        let mut it = self.0.splitn(3, '.');
        (
            it.next().unwrap_or_default(),
            it.next().unwrap_or_default(),
            it.next().unwrap_or_default(),
        )
    }

    /// The JWS header part (base64url).
    pub fn header(&self) -> &str {
        self.parts().0
    }

    /// The JWS payload part (base64url).
    pub fn payload(&self) -> &str {
        self.parts().1
    }

    /// The JWS signature part (base64url).
    pub fn signature(&self) -> &str {
        self.parts().2
    }
}

impl FromStr for DestinationSignature {
    type Err = IdError;

    fn from_str(s: &str) -> Result<Self, IdError> {
        Self::check(s)?;
        Ok(Self(s.to_owned()))
    }
}

impl DestinationSignature {
    /// Checks that `s` is a compact JWS without building the value (for streaming readers that
    /// keep the text as it is). One pass, no allocation.
    ///
    /// ```
    /// use ozg_core::id::DestinationSignature;
    /// assert!(DestinationSignature::check("eyJh.eyJz.c2ln").is_ok());
    /// assert!(DestinationSignature::check("eyJh..c2ln").is_err());
    /// ```
    pub fn check(s: &str) -> Result<(), IdError> {
        // A branch-free pass over the characters (vectorised), then the parts.
        let chars_ok = s.bytes().fold(true, |ok, b| {
            ok & (b.wrapping_sub(b'a') < 26
                || b.wrapping_sub(b'A') < 26
                || b.wrapping_sub(b'0') < 10
                || b == b'-'
                || b == b'_'
                || b == b'.')
        });
        let mut parts = s.split('.');
        let three_parts = parts.next().is_some_and(|p| !p.is_empty())
            && parts.next().is_some_and(|p| !p.is_empty())
            && parts.next().is_some_and(|p| !p.is_empty())
            && parts.next().is_none();
        if chars_ok && three_parts {
            Ok(())
        } else {
            Err(IdError::new(
                IdKind::DestinationSignature,
                s,
                "must be a compact JWS: three non-empty base64url parts (A-Z a-z 0-9 - _) separated by dots",
            ))
        }
    }
}

impl fmt::Display for DestinationSignature {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl AsRef<str> for DestinationSignature {
    fn as_ref(&self) -> &str {
        &self.0
    }
}

string_id!(
    DestinationSignature,
    "a compact JWS (header.payload.signature)",
    "DestinationSignature (FIT-Connect): compact JWS header.payload.signature of base64url characters."
);

// ---------------------------------------------------------------------------------------------
// ServiceRef
// ---------------------------------------------------------------------------------------------

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

// ---------------------------------------------------------------------------------------------
// Record ids (slugs)
// ---------------------------------------------------------------------------------------------

/// Rule of the slug-like record ids.
const SLUG_RULE: &str =
    "must be 1-128 characters: an ASCII letter or digit, then ASCII letters, digits or . _ : -";

/// Whether `s` matches `^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$`.
fn is_slug(s: &str) -> bool {
    let bytes = s.as_bytes();
    !bytes.is_empty()
        && bytes.len() <= 128
        && bytes[0].is_ascii_alphanumeric()
        && bytes
            .iter()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'_' | b':' | b'-'))
}

macro_rules! slug_id {
    ($(#[$meta:meta])* $t:ident, $kind:ident, $expecting:literal, $description:literal) => {
        $(#[$meta])*
        ///
        /// Slug-like: 1–128 characters, an ASCII letter or digit followed by ASCII letters, digits
        /// or `.`, `_`, `:`, `-` (`^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$`).
        #[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub struct $t(String);

        impl $t {
            /// JSON Schema / XSD pattern.
            pub const PATTERN: &'static str = r"^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$";

            /// The id text.
            pub fn as_str(&self) -> &str {
                &self.0
            }

            /// The id text, owned.
            pub fn into_string(self) -> String {
                self.0
            }
        }

        impl FromStr for $t {
            type Err = IdError;

            fn from_str(s: &str) -> Result<Self, IdError> {
                if is_slug(s) {
                    Ok(Self(s.to_owned()))
                } else {
                    Err(IdError::new(IdKind::$kind, s, SLUG_RULE))
                }
            }
        }

        impl TryFrom<String> for $t {
            type Error = IdError;

            fn try_from(s: String) -> Result<Self, IdError> {
                if is_slug(&s) {
                    Ok(Self(s))
                } else {
                    Err(IdError::new(IdKind::$kind, &s, SLUG_RULE))
                }
            }
        }

        impl fmt::Display for $t {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(&self.0)
            }
        }

        impl AsRef<str> for $t {
            fn as_ref(&self) -> &str {
                &self.0
            }
        }

        impl Borrow<str> for $t {
            fn borrow(&self) -> &str {
                &self.0
            }
        }

        string_id!($t, $expecting, $description);
    };
}

slug_id!(
    /// Verwaltungs-ID: our record id of a Verwaltung (Amt, Gemeinde, Stadt, Kreis …).
    VerwaltungId,
    VerwaltungId,
    "a Verwaltung id (slug)",
    "Verwaltungs-ID: record id of a Verwaltung (slug)."
);
slug_id!(
    /// Onlinedienst-ID: our record id of an online service (Onlinedienst).
    OnlinedienstId,
    OnlinedienstId,
    "an Onlinedienst id (slug)",
    "Onlinedienst-ID: record id of an online service (slug)."
);
slug_id!(
    /// IT-Dienstleister-ID: our record id of an IT provider (IT-Dienstleister).
    ProviderId,
    ProviderId,
    "an IT provider id (slug)",
    "IT-Dienstleister-ID: record id of an IT provider (slug)."
);
slug_id!(
    /// Vereinbarungs-ID: our record id of an agreement (Vereinbarung).
    AgreementId,
    AgreementId,
    "an agreement id (slug)",
    "Vereinbarungs-ID: record id of an agreement (slug)."
);
slug_id!(
    /// Zustellkanal-ID: our record id of a delivery channel (Zustellkanal).
    ChannelId,
    ChannelId,
    "a delivery channel id (slug)",
    "Zustellkanal-ID: record id of a delivery channel (slug)."
);

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn ascii_digits_rejects_unicode_and_signs() {
        assert_eq!(ascii_digits("01234", 5), Some(1234));
        assert_eq!(ascii_digits("٠١٢٣٤", 5), None);
        assert_eq!(ascii_digits("+1234", 5), None);
        assert_eq!(ascii_digits("1234", 5), None);
    }

    #[test]
    fn prefix_order_is_lexicographic() {
        let p = |s: &str| s.parse::<ArsPrefix>().unwrap();
        let mut v = [p("02"), p("010"), p("01"), p("010590000001")];
        v.sort();
        let s: Vec<String> = v.iter().map(ToString::to_string).collect();
        assert_eq!(s, ["01", "010", "010590000001", "02"]);
    }

    #[test]
    fn error_input_is_cut() {
        let long = "x".repeat(500);
        let err = long.parse::<OzgId>().unwrap_err();
        assert_eq!(err.input.chars().count(), MAX_ERROR_INPUT + 1);
        assert!(err.input.ends_with('…'));
    }

    #[test]
    fn destination_id_display_is_lowercase() {
        let id: DestinationId = "3FA85F64-5717-4562-B3FC-2C963F66AFA6".parse().unwrap();
        assert_eq!(id.to_string(), "3fa85f64-5717-4562-b3fc-2c963f66afa6");
    }

    #[test]
    fn slug_bounds() {
        assert!(is_slug("a"));
        assert!(is_slug(&"a".repeat(128)));
        assert!(!is_slug(&"a".repeat(129)));
        assert!(!is_slug("-a"));
        assert!(!is_slug("a b"));
        assert!(!is_slug("ä"));
    }

    #[test]
    fn dvdv_parts() {
        let k: DvdvKey = "wgb:051110000000".parse().unwrap();
        assert_eq!(k.prefix(), "wgb");
        assert_eq!(k.key(), "051110000000");
        assert!("b:1".parse::<DvdvKey>().is_err());
        assert!("BAB:1".parse::<DvdvKey>().is_err());
        assert!("bab:".parse::<DvdvKey>().is_err());
        assert!("bab:05111000:1".parse::<DvdvKey>().is_err());
    }
}
