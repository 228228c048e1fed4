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

mod dvdv;
mod fitconnect;
mod leika;
mod ozg_id;
mod prefix;
mod record;
mod service_ref;
mod territory;

pub use dvdv::*;
pub use fitconnect::*;
pub use leika::*;
pub use ozg_id::*;
pub use prefix::*;
pub use record::*;
pub use service_ref::*;
pub use territory::*;

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::record::is_slug;
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
        // Official prefixes outside the old guessed pattern (DVDV-Präfixe version 51).
        assert_eq!("MELDID:1".parse::<DvdvKey>().unwrap().prefix(), "MELDID");
        assert_eq!("töj:1".parse::<DvdvKey>().unwrap().prefix(), "töj");
        assert!("1ab:1".parse::<DvdvKey>().is_err());
        assert!("ab-c:1".parse::<DvdvKey>().is_err());
        assert!("bab:".parse::<DvdvKey>().is_err());
        assert!("bab:05111000:1".parse::<DvdvKey>().is_err());
    }
}
