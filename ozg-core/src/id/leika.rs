//! LeiKa-Schlüssel and LeiKa URN.

use super::*;

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
