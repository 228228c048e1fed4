//! FIT-Connect identifiers: Destination-ID and DestinationSignature.

use super::*;

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
