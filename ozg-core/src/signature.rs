//! The claims of a FIT-Connect DestinationSignature (Zustellpunkt-Signatur): the one decoder of the
//! JWS payload used by the channel check, the XZuFi reader and the Zuständigkeit index, and the one
//! base64url decoder of the crate.
//!
//! The signature itself is **not verified** (that needs the key of the issuing Landesredaktion);
//! the claims say what the signer claims, e.g. which Destination-ID serves which Leistungen in which
//! Gebiete.
//!
//! ```
//! use ozg_core::id::DestinationSignature;
//!
//! // header.payload.signature; the payload is {"destinationId":"…","services":[…]} in base64url.
//! let payload = ozg_core::signature::encode_base64url(
//!     br#"{"submissionHost":"submission-api-testing.fit-connect.fitko.dev","iss":"https://schluesselstelle.example","services":[{"gebietIDs":["urn:de:bund:destatis:bevoelkerungsstatistik:schluessel:rs:010510044044"],"leistungIDs":["urn:de:fim:leika:leistung:99107023017000"]}],"destinationId":"3fa85f64-5717-4562-b3fc-2c963f66afa6","iat":1637685592,"jti":"a9a2bf8f-5fb4-4b38-9d5f-4ee4a4f0e0b3"}"#,
//! );
//! let sig: DestinationSignature = format!("eyJhbGciOiJQUzUxMiJ9.{payload}.c2ln").parse()?;
//! let claims = sig.claims()?;
//! assert_eq!(claims.destination_id.to_string(), "3fa85f64-5717-4562-b3fc-2c963f66afa6");
//! assert_eq!(claims.services[0].leistung_ids[0], "urn:de:fim:leika:leistung:99107023017000");
//! assert_eq!(sig.claimed_destination_id()?, claims.destination_id);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use base64::Engine as _;
use base64::engine::DecodePaddingMode;
use base64::engine::general_purpose::{GeneralPurpose, GeneralPurposeConfig};
use serde::{Deserialize, Serialize};

use crate::id::{DestinationId, DestinationSignature, IdError};

/// base64url (RFC 4648 §5) without padding on output, padding optional on input.
const BASE64URL: GeneralPurpose = GeneralPurpose::new(
    &base64::alphabet::URL_SAFE,
    GeneralPurposeConfig::new()
        .with_encode_padding(false)
        .with_decode_padding_mode(DecodePaddingMode::Indifferent),
);

/// Decodes base64url (RFC 4648 §5, padding optional); `None` on an invalid character or length.
///
/// ```
/// assert_eq!(ozg_core::signature::decode_base64url("aGk").as_deref(), Some(&b"hi"[..]));
/// assert_eq!(ozg_core::signature::decode_base64url("a+b/"), None);
/// ```
pub fn decode_base64url(input: &str) -> Option<Vec<u8>> {
    BASE64URL.decode(input).ok()
}

/// Encodes bytes as base64url without padding (RFC 4648 §5).
pub fn encode_base64url(bytes: &[u8]) -> String {
    BASE64URL.encode(bytes)
}

/// One entry of the `services` claim (signierter Zuständigkeitsbereich): the Gebiete and Leistungen
/// the destination serves, as URNs (`urn:de:bund:destatis:bevoelkerungsstatistik:schluessel:rs:…`,
/// `urn:de:fim:leika:leistung:…`), kept as written.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct SignedService {
    /// `gebietIDs`: Gebiet URNs.
    #[serde(rename = "gebietIDs", default)]
    pub gebiet_ids: Vec<String>,
    /// `leistungIDs`: Leistung URNs (LeiKa).
    #[serde(rename = "leistungIDs", default)]
    pub leistung_ids: Vec<String>,
}

/// The decoded payload of a DestinationSignature (Signatur-Claims). Claims other than these are
/// ignored; `destinationId` is required, the others are optional.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase")]
pub struct DestinationClaims {
    /// `submissionHost`: host of the Submission API the destination is reached through.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub submission_host: Option<String>,
    /// `iss`: the issuer (Aussteller) of the signature.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub iss: Option<String>,
    /// `services`: the signed Zuständigkeiten.
    #[serde(default)]
    pub services: Vec<SignedService>,
    /// `destinationId`: the FIT-Connect Destination-ID.
    pub destination_id: DestinationId,
    /// `iat`: issued at (seconds since the Unix epoch).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub iat: Option<i64>,
    /// `jti`: the token id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub jti: Option<String>,
}

impl DestinationClaims {
    /// Whether any `services` entry names both this Leistung URN and this Gebiet URN.
    pub fn covers(&self, leistung_urn: &str, gebiet_urn: &str) -> bool {
        self.services.iter().any(|s| {
            s.leistung_ids.iter().any(|l| l == leistung_urn)
                && s.gebiet_ids.iter().any(|g| g == gebiet_urn)
        })
    }
}

/// Why the claims of a DestinationSignature could not be decoded.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum SignatureError {
    /// The JWS payload is not base64url.
    #[error("the JWS payload is not valid base64url")]
    Base64,
    /// The payload is not JSON of the expected shape (message of the JSON parser).
    #[error("the JWS payload is not the expected JSON: {0}")]
    Json(String),
    /// The payload has no `destinationId` claim.
    #[error("the JWS payload has no destinationId claim")]
    NoDestinationId,
    /// The `destinationId` claim is not a UUID.
    #[error("the JWS payload's destinationId: {0}")]
    DestinationId(IdError),
}

impl DestinationSignature {
    /// The decoded payload claims (not verified).
    pub fn claims(&self) -> Result<DestinationClaims, SignatureError> {
        let bytes = decode_base64url(self.payload()).ok_or(SignatureError::Base64)?;
        let value: serde_json::Value =
            serde_json::from_slice(&bytes).map_err(|e| SignatureError::Json(e.to_string()))?;
        match value.get("destinationId") {
            None => return Err(SignatureError::NoDestinationId),
            Some(serde_json::Value::String(s)) => {
                if let Err(e) = s.parse::<DestinationId>() {
                    return Err(SignatureError::DestinationId(e));
                }
            }
            Some(_) => return Err(SignatureError::Json("destinationId is not a string".into())),
        }
        serde_json::from_value(value).map_err(|e| SignatureError::Json(e.to_string()))
    }

    /// The Destination-ID the signature claims (`destinationId`; not verified).
    pub fn claimed_destination_id(&self) -> Result<DestinationId, SignatureError> {
        self.claims().map(|c| c.destination_id)
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    fn sig(payload: &str) -> DestinationSignature {
        format!("eyJh.{}.c2ln", encode_base64url(payload.as_bytes()))
            .parse()
            .unwrap()
    }

    #[test]
    fn base64url_round_trip_and_errors() {
        assert_eq!(
            decode_base64url("eyJhIjoxfQ").as_deref(),
            Some(&b"{\"a\":1}"[..])
        );
        assert_eq!(decode_base64url("aGk=").as_deref(), Some(&b"hi"[..]));
        assert_eq!(decode_base64url("a"), None);
        assert_eq!(decode_base64url("a+b/"), None);
        assert_eq!(encode_base64url(b"\xfb\xff"), "-_8");
    }

    #[test]
    fn claims_errors_are_typed() {
        assert_eq!(sig("{}").claims(), Err(SignatureError::NoDestinationId));
        assert!(matches!(
            sig(r#"{"destinationId":"nope"}"#).claims(),
            Err(SignatureError::DestinationId(_))
        ));
        assert!(matches!(
            sig("not json").claims(),
            Err(SignatureError::Json(_))
        ));
        assert!(matches!(
            sig(r#"{"destinationId":"3fa85f64-5717-4562-b3fc-2c963f66afa6","services":3}"#)
                .claims(),
            Err(SignatureError::Json(_))
        ));
        let only_id = sig(r#"{"destinationId":"3fa85f64-5717-4562-b3fc-2c963f66afa6"}"#);
        let c = only_id.claims().unwrap();
        assert!(c.services.is_empty() && c.iss.is_none() && c.iat.is_none());
    }

    #[test]
    fn covers_needs_leistung_and_gebiet_in_one_entry() {
        let s = sig(
            r#"{"destinationId":"3fa85f64-5717-4562-b3fc-2c963f66afa6","services":[{"gebietIDs":["g1"],"leistungIDs":["l1"]},{"gebietIDs":["g2"],"leistungIDs":["l2"]}]}"#,
        );
        let c = s.claims().unwrap();
        assert!(c.covers("l1", "g1"));
        assert!(!c.covers("l1", "g2"));
    }
}
