//! Findings (Prüfergebnisse) of the consistency check of a dataset.
//!
//! A [`Finding`] names *where* a problem is (a JSON pointer into the dataset document, RFC 6901),
//! *what* it is (a stable [`FindingCode`] such as `rollout.live_without_agreement`), how bad it is
//! ([`Severity`]) and a human-readable message.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// Severity (Schweregrad) of a finding.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    /// Warning (Warnung): suspicious but not necessarily wrong.
    Warning,
    /// Error (Fehler): the dataset contradicts itself or the catalogue.
    Error,
}

impl Severity {
    /// The code string (`error`, `warning`).
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Scope of a rule (Prüfumfang): what a finding with this code needs to be judged.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FindingScope {
    /// The record alone (ein Datensatz): also checked when one record is validated on its own.
    Record,
    /// Other records of the dataset (datensatzübergreifend): references, duplicates, coverage.
    /// Not judged when one record is validated on its own.
    CrossRecord,
}

macro_rules! finding_codes {
    ($( $(#[$doc:meta])* $variant:ident => $code:literal, $sev:ident, $scope:ident; )+) => {
        /// Stable code of a finding (Prüfregel), serialised as its dotted string, e.g.
        /// `rollout.live_without_agreement`. Codes never change meaning once published.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        #[non_exhaustive]
        pub enum FindingCode {
            $( $(#[$doc])* $variant, )+
        }

        impl FindingCode {
            /// Every code, in declaration order.
            pub const ALL: &'static [FindingCode] = &[$(FindingCode::$variant,)+];

            /// The stable dotted code string.
            pub fn as_str(self) -> &'static str {
                match self {
                    $( FindingCode::$variant => $code, )+
                }
            }

            /// The severity a finding with this code has.
            pub fn severity(self) -> Severity {
                match self {
                    $( FindingCode::$variant => Severity::$sev, )+
                }
            }

            /// Whether the rule judges one record alone or needs other records of the dataset
            /// (declared next to each code, so a new rule cannot slip past single-record validation).
            pub fn scope(self) -> FindingScope {
                match self {
                    $( FindingCode::$variant => FindingScope::$scope, )+
                }
            }
        }
    };
}

finding_codes! {
    /// A Webservice channel URL does not use `https`.
    WebserviceNotHttps => "channel.webservice_not_https", Error, Record;
    /// A URL is not well-formed (no host, whitespace, …).
    InvalidUrl => "channel.invalid_url", Error, Record;
    /// An e-mail address (Fullmail, dDatabox Funktionspostfach, Rückkanal) is not plausible.
    InvalidEmail => "channel.invalid_email", Error, Record;
    /// A required text field of a channel is empty.
    EmptyValue => "channel.empty_value", Error, Record;
    /// The payload of a FIT-Connect DestinationSignature names a different Destination-ID.
    SignatureDestinationMismatch => "channel.signature_destination_mismatch", Error, Record;
    /// The payload of a FIT-Connect DestinationSignature cannot be decoded.
    SignatureUndecodable => "channel.signature_undecodable", Warning, Record;
    /// An XÖV code value (e.g. the XTA business scenario) lacks its listURI or code.
    IncompleteCode => "channel.incomplete_code", Error, Record;
    /// The dataset uses a schema version this library does not know.
    SchemaVersion => "dataset.schema_version", Warning, Record;
    /// Two records of one kind share an id (or two rollout entries the same Verwaltung and Onlinedienst).
    DuplicateId => "dataset.duplicate_id", Error, CrossRecord;
    /// A reference to an IT-Dienstleister that is not in the dataset.
    UnknownProvider => "dataset.unknown_provider", Error, CrossRecord;
    /// A reference to a Verwaltung that is not in the dataset.
    UnknownVerwaltung => "dataset.unknown_verwaltung", Error, CrossRecord;
    /// A reference to an Onlinedienst that is not in the dataset.
    UnknownOnlinedienst => "dataset.unknown_onlinedienst", Error, CrossRecord;
    /// A reference to a delivery channel (Zustellkanal) that is not in the dataset.
    UnknownChannel => "dataset.unknown_channel", Error, CrossRecord;
    /// A reference to an agreement (Vereinbarung) that is not in the dataset.
    UnknownAgreement => "dataset.unknown_agreement", Error, CrossRecord;
    /// A Leistung (OZG-ID or LeiKa key) that is not in the catalogue.
    UnknownLeistung => "catalogue.unknown_leistung", Error, Record;
    /// An Onlinedienst implements no Leistung.
    ServiceWithoutLeistung => "service.no_leistungen", Warning, Record;
    /// An Onlinedienst URL is not an http(s) URL.
    ServiceInvalidUrl => "service.invalid_url", Warning, Record;
    /// AGS, ARS, Kreisschlüssel and Gemeinden of a Verwaltung disagree (e.g. the AGS lies in another Kreis).
    KeyMismatch => "verwaltung.key_mismatch", Error, Record;
    /// An AGS, ARS or Kreisschlüssel that is not in the Gemeindeverzeichnis of Germany.
    UnknownGebiet => "verwaltung.unknown_gebiet", Warning, Record;
    /// The history of an agreement is not sorted by date.
    AgreementHistoryUnsorted => "agreement.history_unsorted", Error, Record;
    /// The history of an agreement contains a step the lifecycle does not allow.
    AgreementIllegalTransition => "agreement.illegal_transition", Error, Record;
    /// The status of an agreement differs from its last history entry.
    AgreementStatusMismatch => "agreement.status_history_mismatch", Error, Record;
    /// The term (Laufzeit) of an agreement ends before it starts.
    TermEndBeforeStart => "agreement.term_end_before_start", Error, Record;
    /// An agreement names an Onlinedienst, Leistung or party in a way that cannot be resolved.
    AgreementUnknownParty => "agreement.unknown_party", Warning, CrossRecord;
    /// An agreement has no parties.
    AgreementWithoutParties => "agreement.no_parties", Warning, Record;
    /// An AVV (Art. 28 DSGVO) lacks a Verantwortlicher or an Auftragsverarbeiter, or its details.
    AvvIncomplete => "agreement.avv_incomplete", Warning, Record;
    /// An Art. 26 agreement names fewer than two gemeinsam Verantwortliche.
    JointControllersIncomplete => "agreement.joint_controllers_incomplete", Warning, Record;
    /// The history of a rollout entry is not sorted by date.
    RolloutHistoryUnsorted => "rollout.history_unsorted", Error, Record;
    /// The history of a rollout entry contains a step the lifecycle does not allow.
    RolloutIllegalTransition => "rollout.illegal_transition", Error, Record;
    /// The status of a rollout entry differs from its last history entry.
    RolloutStatusMismatch => "rollout.status_history_mismatch", Error, Record;
    /// The go-live date lies before the order date.
    GoLiveBeforeOrdered => "rollout.go_live_before_ordered", Error, Record;
    /// A live entry has no go-live date (neither `goLive` nor a dated `live` history entry).
    LiveWithoutDate => "rollout.live_without_date", Error, Record;
    /// A live entry has no agreement in force on the go-live date that covers the Onlinedienst.
    LiveWithoutAgreement => "rollout.live_without_agreement", Error, CrossRecord;
    /// A live entry has no valid delivery channel for its Verwaltung and Onlinedienst.
    LiveWithoutChannel => "rollout.live_without_channel", Error, CrossRecord;
    /// The referenced agreement does not cover the entry's Onlinedienst.
    AgreementDoesNotCover => "rollout.agreement_does_not_cover", Error, CrossRecord;
    /// The referenced channel belongs to another Verwaltung or another Onlinedienst.
    ChannelDoesNotFit => "rollout.channel_does_not_fit", Error, CrossRecord;
    /// A code is not in the loaded version of its code list (the named `listVersionID`, else the pinned one).
    UnknownCode => "code.unknown", Error, Record;
    /// A value names a `listVersionID` that is not loaded; it was checked against the pinned version.
    CodeListVersionNotLoaded => "code.version_not_loaded", Warning, Record;
    /// A DVDV key's prefix is not in the DVDV prefix list (DVDV-Präfixe) the check used.
    UnknownDvdvPrefix => "channel.unknown_dvdv_prefix", Warning, Record;
    /// An object of an XZuFi export has a bad or missing value; it was skipped, the stream went on.
    ZufiInvalidObject => "zufi.invalid_object", Error, Record;
    /// A Zuständigkeit's `leistungID` names no `leistung` of the exports read.
    ZufiUnknownLeistung => "zufi.unknown_leistung", Error, CrossRecord;
    /// The payload of a DestinationSignature in an export cannot be decoded.
    ZufiSignatureUndecodable => "zufi.signature_undecodable", Warning, Record;
    /// A DestinationSignature's `services` claim does not name the Leistung and Gebiet of the Zuständigkeit it sits in.
    ZufiSignatureServicesMismatch => "zufi.signature_services_mismatch", Error, Record;
    /// A live rollout entry whose Verwaltung's Gebiet the export gives no Zuständigkeit for.
    ZufiLiveWithoutZustaendigkeit => "zufi.live_without_zustaendigkeit", Error, CrossRecord;
    /// A FIT-Connect channel of the dataset whose Destination-ID differs from the export's signature.
    ZufiDestinationMismatch => "zufi.destination_mismatch", Error, CrossRecord;
    /// A Zuständigkeit in the export for a Verwaltung with no agreement in force for the Onlinedienst.
    ZufiZustaendigkeitWithoutAgreement => "zufi.zustaendigkeit_without_agreement", Warning, CrossRecord;
}

impl fmt::Display for FindingCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Error for an unknown finding code string.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown finding code \"{0}\"")]
pub struct UnknownFindingCode(pub String);

impl FromStr for FindingCode {
    type Err = UnknownFindingCode;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        FindingCode::ALL
            .iter()
            .copied()
            .find(|c| c.as_str() == s)
            .ok_or_else(|| UnknownFindingCode(s.to_owned()))
    }
}

impl Serialize for FindingCode {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

impl<'de> Deserialize<'de> for FindingCode {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let s = String::deserialize(deserializer)?;
        s.parse().map_err(serde::de::Error::custom)
    }
}

#[cfg(feature = "schema")]
impl schemars::JsonSchema for FindingCode {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "FindingCode".into()
    }

    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        let codes: Vec<&str> = FindingCode::ALL.iter().map(|c| c.as_str()).collect();
        schemars::json_schema!({
            "description": "Stable code of a finding (Prüfregel), e.g. `rollout.live_without_agreement`.",
            "type": "string",
            "enum": codes,
        })
    }
}

/// Finding (Prüfergebnis): one violation found by a check.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Finding {
    /// JSON pointer (RFC 6901) to the offending value; `""` is the whole document.
    pub pointer: String,
    /// Stable code of the rule that was violated.
    pub code: FindingCode,
    /// Severity (Schweregrad).
    pub severity: Severity,
    /// Human-readable message (English).
    pub message: String,
}

impl Finding {
    /// A finding with the severity its code prescribes.
    pub fn new(code: FindingCode, pointer: impl Into<String>, message: impl Into<String>) -> Self {
        Finding {
            pointer: pointer.into(),
            code,
            severity: code.severity(),
            message: message.into(),
        }
    }

    /// Prefixes the pointer, e.g. a channel's `/url` becomes `/channels/2/kanal/url`.
    pub fn prefixed(mut self, prefix: &str) -> Self {
        self.pointer = format!("{prefix}{}", self.pointer);
        self
    }

    /// Whether this finding is an error (not a warning).
    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

impl fmt::Display for Finding {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let pointer = if self.pointer.is_empty() {
            "/"
        } else {
            &self.pointer
        };
        write!(
            f,
            "{}[{}] {}: {}",
            self.severity, self.code, pointer, self.message
        )
    }
}

pub use crate::json::escape_pointer_token;

/// The JSON pointer (RFC 6901) of the place a deserialisation error occurred, from the path that
/// `serde_path_to_error` tracked (`/rollout/3/status`; `""` for the document itself).
pub fn pointer_from_path(path: &serde_path_to_error::Path) -> String {
    use crate::json::{PointerSegment, push_segment};
    use serde_path_to_error::Segment;
    let mut out = String::new();
    for segment in path.iter() {
        match segment {
            Segment::Seq { index } => push_segment(&mut out, &PointerSegment::Index(*index)),
            Segment::Map { key } => push_segment(&mut out, &PointerSegment::Key(key.clone())),
            Segment::Enum { .. } | Segment::Unknown => {}
        }
    }
    out
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn codes_round_trip_and_are_unique() {
        let mut seen = std::collections::HashSet::new();
        for code in FindingCode::ALL {
            assert!(seen.insert(code.as_str()), "duplicate {code}");
            assert_eq!(code.as_str().parse::<FindingCode>(), Ok(*code));
            let json = serde_json::to_string(code).unwrap();
            assert_eq!(serde_json::from_str::<FindingCode>(&json).unwrap(), *code);
        }
        assert!("rollout.nope".parse::<FindingCode>().is_err());
    }

    #[test]
    fn display_and_prefix() {
        let f = Finding::new(FindingCode::InvalidUrl, "/url", "bad").prefixed("/channels/0/kanal");
        assert_eq!(f.pointer, "/channels/0/kanal/url");
        assert_eq!(
            f.to_string(),
            "error[channel.invalid_url] /channels/0/kanal/url: bad"
        );
        assert!(f.is_error());
    }

    #[test]
    fn scopes_are_declared_per_code() {
        assert_eq!(
            FindingCode::UnknownVerwaltung.scope(),
            FindingScope::CrossRecord
        );
        assert_eq!(
            FindingCode::LiveWithoutAgreement.scope(),
            FindingScope::CrossRecord
        );
        assert_eq!(FindingCode::InvalidUrl.scope(), FindingScope::Record);
        assert_eq!(
            FindingCode::TermEndBeforeStart.scope(),
            FindingScope::Record
        );
        let cross = FindingCode::ALL
            .iter()
            .filter(|c| c.scope() == FindingScope::CrossRecord)
            .count();
        // 11 rules across the records of a dataset, 4 across a dataset and its XZuFi exports.
        assert_eq!(cross, 15);
    }

    #[test]
    fn pointer_escaping() {
        assert_eq!(escape_pointer_token("a/b~c"), "a~1b~0c");
    }
}
