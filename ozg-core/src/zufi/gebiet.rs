//! Gebiet keys of XZuFi (`gebietID`): the two spellings and zero-padded Regionalschlüssel.

use serde::{Serialize, Serializer};

use crate::id::{Ars, ArsLevel, ArsPrefix, IdError, IdKind};

/// `schemeID` of a `gebietID` written as a bare Regionalschlüssel (the XÖV identifier form).
pub const RS_SCHEME_ID: &str = "urn:de:bund:destatis:bevoelkerungsstatistik:schluessel:rs";
/// Prefix of a `gebietID` written as a URN.
pub const RS_URN_PREFIX: &str = "urn:de:bund:destatis:bevoelkerungsstatistik:schluessel:rs:";

/// How a `gebietID` was written (Schreibweise), kept so that a writer can write it back.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum GebietSpelling {
    /// The scheme in the text: `urn:de:bund:destatis:bevoelkerungsstatistik:schluessel:rs:<key>`.
    Urn,
    /// The bare key with `schemeID="urn:de:bund:destatis:bevoelkerungsstatistik:schluessel:rs"`.
    SchemeId,
}

/// A `gebietID` as understood: the area (ARS prefix of its level), how it was spelt and whether
/// the key was padded with zeros (`010510000000` for Kreis `01051`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct GebietKey {
    /// The area: the ARS prefix of its level (Land 2, Regierungsbezirk 3, Kreis 5,
    /// Gemeindeverband 9, Gemeinde 12 digits).
    pub prefix: ArsPrefix,
    /// The spelling seen.
    pub spelling: GebietSpelling,
    /// Whether the written key was longer than the prefix (trailing zeros).
    pub padded: bool,
}

/// Reads a `gebietID`: a Gebiet URN, or a bare key when `scheme_id` is [`RS_SCHEME_ID`]; keys of
/// any level, padded with zeros or not, are normalised to the ARS prefix of their level
/// ([`normalise_ars_key`]).
///
/// ```
/// use ozg_core::id::ArsLevel;
/// use ozg_core::zufi::{GebietSpelling, RS_SCHEME_ID, parse_gebiet_id};
///
/// let urn = parse_gebiet_id("urn:de:bund:destatis:bevoelkerungsstatistik:schluessel:rs:010510044044", None)?;
/// let bare = parse_gebiet_id("010510044044", Some(RS_SCHEME_ID))?;
/// assert_eq!(urn.prefix, bare.prefix);
/// assert_eq!((urn.spelling, bare.spelling), (GebietSpelling::Urn, GebietSpelling::SchemeId));
/// let kreis = parse_gebiet_id("010510000000", Some(RS_SCHEME_ID))?;
/// assert_eq!((kreis.prefix.to_string().as_str(), kreis.prefix.level()), ("01051", ArsLevel::Kreis));
/// assert!(parse_gebiet_id("010510044044", None).is_err()); // bare key without its scheme
/// # Ok::<(), ozg_core::id::IdError>(())
/// ```
pub fn parse_gebiet_id(value: &str, scheme_id: Option<&str>) -> Result<GebietKey, IdError> {
    let value = value.trim();
    let (digits, spelling) = match value.strip_prefix(RS_URN_PREFIX) {
        Some(rest) => (rest, GebietSpelling::Urn),
        None if scheme_id.map(str::trim) == Some(RS_SCHEME_ID) => (value, GebietSpelling::SchemeId),
        None => {
            return Err(IdError::new(
                IdKind::GebietUrn,
                value,
                "must be a URN urn:de:bund:destatis:bevoelkerungsstatistik:schluessel:rs:<key>, or a bare key with schemeID=\"urn:de:bund:destatis:bevoelkerungsstatistik:schluessel:rs\"",
            ));
        }
    };
    let (prefix, padded) =
        normalise_ars_key(digits).map_err(|e| IdError::new(IdKind::GebietUrn, value, e.rule))?;
    Ok(GebietKey {
        prefix,
        spelling,
        padded,
    })
}

/// Normalises a Regionalschlüssel of 2, 3, 5, 9 or 12 digits to the ARS prefix of the level it
/// denotes: trailing zero groups name the higher level (`010510000000` → Kreis `01051`,
/// `010000000000` → Land `01`, `010515163000` → Gemeindeverband `010515163`). Returns the prefix
/// and whether the key was padded.
///
/// Unambiguous for the official list (domain brief §2.6): no Gemeinde key ends in `000` unless
/// digits 6–12 are all zero, and those keys are kreisfreie Städte, whose Gemeinde and Kreis are the
/// same area.
pub fn normalise_ars_key(digits: &str) -> Result<(ArsPrefix, bool), IdError> {
    let full: ArsPrefix = digits.parse()?;
    let bytes = digits.as_bytes();
    let zero_from = |from: usize| bytes[from.min(bytes.len())..].iter().all(|&b| b == b'0');
    let len = bytes.len();
    let level_len = if zero_from(2) {
        2
    } else if zero_from(3) && len >= 3 {
        3
    } else if zero_from(5) && len >= 5 {
        5
    } else if zero_from(9) && len >= 9 {
        9
    } else {
        len
    }
    .min(len);
    if bytes[..2] == *b"00" {
        return Err(IdError::new(
            IdKind::ArsPrefix,
            digits,
            "must start with a Länderschlüssel (Land code) 01-16",
        ));
    }
    if level_len == len {
        return Ok((full, false));
    }
    let prefix: ArsPrefix = digits[..level_len].parse()?;
    Ok((prefix, true))
}

/// The ARS prefixes of a full ARS from the most specific level to the least: Gemeinde (12),
/// Gemeindeverband (9), Kreis (5), Regierungsbezirk (3), Land (2).
pub fn ancestors(ars: Ars) -> [PackedPrefix; 5] {
    let v = ars.value();
    [
        PackedPrefix::new(v, 12),
        PackedPrefix::new(v / 1_000, 9),
        PackedPrefix::new(v / 10_000_000, 5),
        PackedPrefix::new(v / 1_000_000_000, 3),
        PackedPrefix::new(v / 10_000_000_000, 2),
    ]
}

/// An ARS prefix packed into one integer (value × 16 + digit count), for hashing.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct PackedPrefix(u64);

impl PackedPrefix {
    pub(crate) fn new(value: u64, len: u8) -> Self {
        PackedPrefix(value << 4 | u64::from(len))
    }

    /// Digit count (2, 3, 5, 9 or 12).
    pub fn len(self) -> u8 {
        (self.0 & 0xf) as u8
    }

    /// Always false (a prefix has at least 2 digits).
    pub fn is_empty(self) -> bool {
        false
    }

    /// The numeric value of the digits.
    pub fn value(self) -> u64 {
        self.0 >> 4
    }

    /// The level.
    pub fn level(self) -> ArsLevel {
        level_of_len(self.len())
    }

    /// Whether `other` lies within (or is) this area.
    pub fn contains(self, other: PackedPrefix) -> bool {
        other.len() >= self.len()
            && other.value() / 10u64.pow(u32::from(other.len() - self.len())) == self.value()
    }

    /// The prefixes of this one from itself up to the Land (most specific first).
    pub fn ancestors(self) -> impl Iterator<Item = PackedPrefix> {
        [12u8, 9, 5, 3, 2]
            .into_iter()
            .filter(move |&l| l <= self.len())
            .map(move |l| PackedPrefix::new(self.value() / 10u64.pow(u32::from(self.len() - l)), l))
    }
}

impl From<ArsPrefix> for PackedPrefix {
    fn from(p: ArsPrefix) -> Self {
        if let Some(ars) = p.as_ars() {
            return PackedPrefix::new(ars.value(), 12);
        }
        // ArsPrefix has no numeric accessor: its digit string is exact.
        let s = p.to_string();
        let v = s.bytes().fold(0u64, |a, b| a * 10 + u64::from(b - b'0'));
        PackedPrefix::new(v, s.len() as u8)
    }
}

impl Serialize for PackedPrefix {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(&format_args!(
            "{:0width$}",
            self.value(),
            width = usize::from(self.len())
        ))
    }
}

impl std::fmt::Display for PackedPrefix {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{:0width$}",
            self.value(),
            width = usize::from(self.len())
        )
    }
}

/// The level of a prefix of `len` digits.
pub(crate) fn level_of_len(len: u8) -> ArsLevel {
    match len {
        2 => ArsLevel::Land,
        3 => ArsLevel::Regierungsbezirk,
        5 => ArsLevel::Kreis,
        9 => ArsLevel::Gemeindeverband,
        _ => ArsLevel::Gemeinde,
    }
}

/// The German name of a level (Land, Regierungsbezirk, Kreis, Gemeindeverband, Gemeinde).
pub fn level_name(level: ArsLevel) -> &'static str {
    match level {
        ArsLevel::Land => "Land",
        ArsLevel::Regierungsbezirk => "Regierungsbezirk",
        ArsLevel::Kreis => "Kreis",
        ArsLevel::Gemeindeverband => "Gemeindeverband",
        ArsLevel::Gemeinde => "Gemeinde",
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    fn norm(s: &str) -> (String, bool) {
        let (p, padded) = normalise_ars_key(s).unwrap();
        (p.to_string(), padded)
    }

    #[test]
    fn padded_keys_name_their_level() {
        assert_eq!(norm("010000000000"), ("01".into(), true));
        assert_eq!(norm("091000000000"), ("091".into(), true));
        assert_eq!(norm("010510000000"), ("01051".into(), true));
        assert_eq!(norm("010020000000"), ("01002".into(), true)); // Kiel, kreisfreie Stadt
        assert_eq!(norm("010515163000"), ("010515163".into(), true));
        assert_eq!(norm("010510044044"), ("010510044044".into(), false));
        assert_eq!(norm("01051"), ("01051".into(), false));
        assert_eq!(norm("010510000"), ("01051".into(), true));
        assert_eq!(norm("01"), ("01".into(), false));
        assert!(normalise_ars_key("0105").is_err());
        assert!(normalise_ars_key("000000000000").is_err());
    }

    #[test]
    fn packed_prefixes_contain_and_climb() {
        let ars: Ars = "010510044044".parse().unwrap();
        let a = ancestors(ars);
        let names: Vec<String> = a.iter().map(ToString::to_string).collect();
        assert_eq!(names, ["010510044044", "010510044", "01051", "010", "01"]);
        assert!(a[2].contains(a[0]));
        assert!(!a[0].contains(a[2]));
        let kreis = PackedPrefix::from("01051".parse::<ArsPrefix>().unwrap());
        assert_eq!(kreis, a[2]);
        assert_eq!(kreis.ancestors().count(), 3);
    }
}
