//! Delivery channels (Zustellkanal / Kommunikationskanal) and reply channels (Rückkanal).
//!
//! A [`Zustellkanal`] says how an application travels from the Onlinedienst to the Verwaltung; a
//! [`DeliveryChannel`] is the configured channel of one Verwaltung, optionally restricted to some
//! Onlinedienste. Identifiers inside a channel (DVDV key, Destination-ID, …) are typed, so a
//! malformed one is rejected when the data is read; [`Zustellkanal::validate`] checks the rest
//! (URLs, e-mail addresses, empty values) and reports [`Finding`]s.

use std::fmt;
use std::str::FromStr;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::code::XoevCode;
use crate::finding::{Finding, FindingCode};
use crate::id::{
    ChannelId, DestinationId, DestinationSignature, DvdvKey, OnlinedienstId, VerwaltungId,
};

/// XTA transport variant (Transportweg der Antragsübermittlung): XTA-WS 1.*, XTA-WS 2.* or OSCI-Transport
/// (Dataport OSI documentation, "Hinterlegung technischer Parameter").
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum XtaTransport {
    /// XTA-WS 1.* (XTA Webservice version 1).
    #[serde(rename = "xta_ws_1")]
    XtaWs1,
    /// XTA-WS 2.* (XTA Webservice version 2).
    #[serde(rename = "xta_ws_2")]
    XtaWs2,
    /// OSCI-Transport (the authority fetches with an OSCI client).
    Osci,
}

impl XtaTransport {
    /// Every variant.
    pub const ALL: &'static [XtaTransport] = &[
        XtaTransport::XtaWs1,
        XtaTransport::XtaWs2,
        XtaTransport::Osci,
    ];

    /// The snake_case code used in JSON (`xta_ws_1`, `xta_ws_2`, `osci`).
    pub fn code(self) -> &'static str {
        match self {
            XtaTransport::XtaWs1 => "xta_ws_1",
            XtaTransport::XtaWs2 => "xta_ws_2",
            XtaTransport::Osci => "osci",
        }
    }

    /// The name used by the source (`XTA-WS 1.*`, `XTA-WS 2.*`, `OSCI-Transport`).
    pub fn label(self) -> &'static str {
        match self {
            XtaTransport::XtaWs1 => "XTA-WS 1.*",
            XtaTransport::XtaWs2 => "XTA-WS 2.*",
            XtaTransport::Osci => "OSCI-Transport",
        }
    }
}

impl fmt::Display for XtaTransport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

/// Error for an unknown code of one of the small enums of this module.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown {what} \"{input}\"; expected one of {expected}")]
pub struct UnknownChannelCode {
    /// What was parsed (e.g. "XTA transport").
    pub what: &'static str,
    /// The rejected input.
    pub input: String,
    /// The accepted codes, comma-separated.
    pub expected: String,
}

impl FromStr for XtaTransport {
    type Err = UnknownChannelCode;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        XtaTransport::ALL
            .iter()
            .copied()
            .find(|t| t.code() == s || t.label() == s)
            .ok_or_else(|| UnknownChannelCode {
                what: "XTA transport",
                input: s.to_owned(),
                expected: XtaTransport::ALL
                    .iter()
                    .map(|t| t.code())
                    .collect::<Vec<_>>()
                    .join(", "),
            })
    }
}

/// Empfangspunkt: where an XTA/OSCI message is received, stored per service and Kommune in the DVDV
/// (KDN documentation "Empfangspunkt festlegen").
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum Empfangspunkt {
    /// XTA-Server of the authority.
    XtaServer,
    /// File Server.
    FileServer,
    /// Postfach (Intermediärs-Postfach).
    Postfach,
    /// OSCI-Client.
    OsciClient,
}

impl Empfangspunkt {
    /// Every variant.
    pub const ALL: &'static [Empfangspunkt] = &[
        Empfangspunkt::XtaServer,
        Empfangspunkt::FileServer,
        Empfangspunkt::Postfach,
        Empfangspunkt::OsciClient,
    ];

    /// The snake_case code used in JSON.
    pub fn code(self) -> &'static str {
        match self {
            Empfangspunkt::XtaServer => "xta_server",
            Empfangspunkt::FileServer => "file_server",
            Empfangspunkt::Postfach => "postfach",
            Empfangspunkt::OsciClient => "osci_client",
        }
    }

    /// The name used by the source (`XTA-Server`, `File Server`, `Postfach`, `OSCI-Client`).
    pub fn label(self) -> &'static str {
        match self {
            Empfangspunkt::XtaServer => "XTA-Server",
            Empfangspunkt::FileServer => "File Server",
            Empfangspunkt::Postfach => "Postfach",
            Empfangspunkt::OsciClient => "OSCI-Client",
        }
    }
}

impl fmt::Display for Empfangspunkt {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

impl FromStr for Empfangspunkt {
    type Err = UnknownChannelCode;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Empfangspunkt::ALL
            .iter()
            .copied()
            .find(|t| t.code() == s || t.label() == s)
            .ok_or_else(|| UnknownChannelCode {
                what: "Empfangspunkt",
                input: s.to_owned(),
                expected: Empfangspunkt::ALL
                    .iter()
                    .map(|t| t.code())
                    .collect::<Vec<_>>()
                    .join(", "),
            })
    }
}

/// Zustellkanal (delivery channel): how an application reaches the Verwaltung.
///
/// JSON: an object with a `type` tag (`fullmail`, `nachrichtenbroker`, `webservice`, `xta`,
/// `fitConnect`, `dDatabox`) and the variant's fields in camelCase.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(
    tag = "type",
    rename_all = "camelCase",
    rename_all_fields = "camelCase",
    deny_unknown_fields
)]
pub enum Zustellkanal {
    /// Fullmail: e-mail in the Landesnetz (ITV.SH FAQ).
    Fullmail {
        /// E-mail address (E-Mail-Adresse) of the receiving mailbox.
        address: String,
    },
    /// Nachrichtenbroker: the Dataport message broker (ITV.SH FAQ; Dataport OSI documentation).
    Nachrichtenbroker {
        /// Postfach at the broker, where known.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        postfach: Option<String>,
    },
    /// Webservice: a URL the application is posted to, e.g. the KOP / OZG-Cloud intake.
    ///
    /// Source: only the Schleswig-Holstein rollout FAQ (InnoLab-Talk 25.02.2022) — in ZuFiSH the
    /// channel of the KOP is entered as "Typ Webservice" plus a URL. Not confirmed by any other public
    /// source; the field name is therefore ours. The URL must use `https`.
    Webservice {
        /// Endpoint URL (https only).
        url: String,
    },
    /// XTA 2 / OSCI: DVDV-addressed transport to an Intermediär; the Fachverfahren fetches via an XTA
    /// server or an OSCI client.
    Xta {
        /// Reader (Empfänger): DVDV Organisationsschlüssel of the receiving authority, e.g. `wgb:051110000000`.
        reader: DvdvKey,
        /// Author (Absender): DVDV Organisationsschlüssel of the sending platform, where fixed.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        author: Option<DvdvKey>,
        /// XTA service (Dienst), e.g. `urn:fim:Wohngeld-Mietzuschuss:1.5`.
        service: String,
        /// Business scenario (BusinessScenario) as XÖV code, e.g. `FIM-WOHNGELD_DATA` of
        /// `urn:de:xta:codeliste:business.scenario`.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        business_scenario: Option<XoevCode>,
        /// Transport variant (Transportweg).
        transport: XtaTransport,
        /// Empfangspunkt registered in the DVDV, where known.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        empfangspunkt: Option<Empfangspunkt>,
    },
    /// FIT-Connect: REST with end-to-end encryption to a Zustellpunkt (Destination).
    FitConnect {
        /// Destination-ID (Zustellpunkt-ID), a UUID.
        destination_id: DestinationId,
        /// DestinationSignature (compact JWS) as stored in XZuFi `zustaendigkeit/idSekundaer`, where known.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        destination_signature: Option<DestinationSignature>,
    },
    /// dDatabox: the PDF goes to a dDatabox and a link to the Funktionspostfach (Dataport OSI documentation).
    DDatabox {
        /// Funktionspostfach: e-mail address that receives the link.
        funktionspostfach: String,
    },
}

impl Zustellkanal {
    /// The `type` tag of the variant (`fullmail`, `webservice`, …).
    pub fn kind(&self) -> &'static str {
        match self {
            Zustellkanal::Fullmail { .. } => "fullmail",
            Zustellkanal::Nachrichtenbroker { .. } => "nachrichtenbroker",
            Zustellkanal::Webservice { .. } => "webservice",
            Zustellkanal::Xta { .. } => "xta",
            Zustellkanal::FitConnect { .. } => "fitConnect",
            Zustellkanal::DDatabox { .. } => "dDatabox",
        }
    }

    /// Checks what the variant needs beyond its typed identifiers. Pointers are relative to the
    /// channel object (e.g. `/url`); [`Finding::prefixed`] places them in a document.
    ///
    /// ```
    /// use ozg_core::channel::Zustellkanal;
    /// let ok = Zustellkanal::Webservice { url: "https://ozg-cloud.example.de/intake".into() };
    /// assert!(ok.validate().is_empty());
    /// let bad = Zustellkanal::Webservice { url: "http://ozg-cloud.example.de".into() };
    /// assert_eq!(bad.validate()[0].code.as_str(), "channel.webservice_not_https");
    /// ```
    pub fn validate(&self) -> Vec<Finding> {
        let mut out = Vec::new();
        match self {
            Zustellkanal::Fullmail { address } => check_email(address, "/address", &mut out),
            Zustellkanal::Nachrichtenbroker { postfach } => {
                if let Some(p) = postfach {
                    check_non_empty(p, "/postfach", "Nachrichtenbroker Postfach", &mut out);
                }
            }
            Zustellkanal::Webservice { url } => {
                if let Err(problem) = check_url(url, true) {
                    let code = match problem {
                        UrlProblem::NotHttps => FindingCode::WebserviceNotHttps,
                        _ => FindingCode::InvalidUrl,
                    };
                    out.push(Finding::new(
                        code,
                        "/url",
                        format!("Webservice URL \"{url}\": {problem}"),
                    ));
                }
            }
            Zustellkanal::Xta {
                service,
                business_scenario,
                ..
            } => {
                check_non_empty(service, "/service", "XTA service (Dienst)", &mut out);
                if service.chars().any(char::is_whitespace) {
                    out.push(Finding::new(
                        FindingCode::EmptyValue,
                        "/service",
                        format!("XTA service \"{service}\" contains whitespace; expected a URN such as urn:fim:Wohngeld-Mietzuschuss:1.5"),
                    ));
                }
                if let Some(code) = business_scenario {
                    if code.list_uri.trim().is_empty() {
                        out.push(Finding::new(
                            FindingCode::IncompleteCode,
                            "/businessScenario/listURI",
                            "business scenario has an empty listURI",
                        ));
                    }
                    if code.code.trim().is_empty() {
                        out.push(Finding::new(
                            FindingCode::IncompleteCode,
                            "/businessScenario/code",
                            "business scenario has an empty code",
                        ));
                    }
                }
            }
            Zustellkanal::FitConnect {
                destination_id,
                destination_signature,
            } => {
                if let Some(sig) = destination_signature {
                    check_signature(destination_id, sig, &mut out);
                }
            }
            Zustellkanal::DDatabox { funktionspostfach } => {
                check_email(funktionspostfach, "/funktionspostfach", &mut out)
            }
        }
        out
    }
}

/// Delivery channel (Zustellkanal) configured for one Verwaltung.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct DeliveryChannel {
    /// Our id of the channel record.
    pub id: ChannelId,
    /// The Verwaltung that receives over this channel.
    pub verwaltung: VerwaltungId,
    /// Onlinedienste routed over this channel; empty means all Onlinedienste of the Verwaltung.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub onlinedienste: Vec<OnlinedienstId>,
    /// The channel itself (Zustellkanal).
    pub kanal: Zustellkanal,
    /// First day the channel is usable (gültig ab), where known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub valid_from: Option<NaiveDate>,
}

impl DeliveryChannel {
    /// Whether the channel carries applications of this Onlinedienst (empty list = all).
    pub fn applies_to(&self, onlinedienst: &OnlinedienstId) -> bool {
        self.onlinedienste.is_empty() || self.onlinedienste.contains(onlinedienst)
    }

    /// Whether the channel is usable on `date` (no `validFrom` = always).
    pub fn is_valid_on(&self, date: NaiveDate) -> bool {
        self.valid_from.is_none_or(|from| from <= date)
    }

    /// Validates the channel; pointers are relative to this record (e.g. `/kanal/url`).
    pub fn validate(&self) -> Vec<Finding> {
        self.kanal
            .validate()
            .into_iter()
            .map(|f| f.prefixed("/kanal"))
            .collect()
    }
}

/// Rückkanal (reply channel) to the applicant, as in FIT-Connect metadata `replyChannel`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(
    tag = "type",
    rename_all = "camelCase",
    rename_all_fields = "camelCase",
    deny_unknown_fields
)]
pub enum Rueckkanal {
    /// E-Mail.
    EMail {
        /// E-mail address.
        address: String,
        /// PGP public key (ASCII-armoured), where given.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pgp_public_key: Option<String>,
    },
    /// De-Mail.
    DeMail {
        /// De-Mail address.
        address: String,
    },
    /// FINK-Postfach of a Servicekonto (Postfach-Referenz plus host).
    Fink {
        /// Postfach reference (finkPostfachRef).
        postfach_ref: String,
        /// Host of the Postfach.
        host: String,
    },
    /// ELSTER (Mein Unternehmenskonto / ELSTER-Konto).
    Elster {
        /// ELSTER account id.
        account_id: String,
        /// Lieferanten-ID, where given.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        lieferanten_id: Option<String>,
        /// Transfer ticket, where given.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        transfer_ticket: Option<String>,
    },
}

impl Rueckkanal {
    /// Checks addresses and required values; pointers are relative to the reply channel object.
    pub fn validate(&self) -> Vec<Finding> {
        let mut out = Vec::new();
        match self {
            Rueckkanal::EMail { address, .. } | Rueckkanal::DeMail { address } => {
                check_email(address, "/address", &mut out)
            }
            Rueckkanal::Fink { postfach_ref, host } => {
                check_non_empty(
                    postfach_ref,
                    "/postfachRef",
                    "FINK Postfach reference",
                    &mut out,
                );
                check_non_empty(host, "/host", "FINK host", &mut out);
            }
            Rueckkanal::Elster { account_id, .. } => {
                check_non_empty(account_id, "/accountId", "ELSTER account id", &mut out)
            }
        }
        out
    }
}

fn check_non_empty(value: &str, pointer: &str, what: &str, out: &mut Vec<Finding>) {
    if value.trim().is_empty() {
        out.push(Finding::new(
            FindingCode::EmptyValue,
            pointer,
            format!("{what} is empty"),
        ));
    }
}

fn check_email(address: &str, pointer: &str, out: &mut Vec<Finding>) {
    if let Err(why) = check_email_syntax(address) {
        out.push(Finding::new(
            FindingCode::InvalidEmail,
            pointer,
            format!("\"{address}\" is not a plausible e-mail address: {why}"),
        ));
    }
}

/// Plausibility check of an e-mail address: `local@domain`, no whitespace, the domain has at least
/// two dot-separated labels of letters, digits and hyphens. Deliberately not full RFC 5322.
pub(crate) fn check_email_syntax(address: &str) -> Result<(), &'static str> {
    if address.is_empty() {
        return Err("empty");
    }
    if address.len() > 254 {
        return Err("longer than 254 characters");
    }
    if address.chars().any(|c| c.is_whitespace() || c.is_control()) {
        return Err("contains whitespace");
    }
    let Some((local, domain)) = address.rsplit_once('@') else {
        return Err("no '@'");
    };
    if local.is_empty() || local.len() > 64 {
        return Err("local part empty or longer than 64 characters");
    }
    if local.contains('@') {
        return Err("more than one '@'");
    }
    if local.starts_with('.') || local.ends_with('.') || local.contains("..") {
        return Err("misplaced '.' in the local part");
    }
    let labels: Vec<&str> = domain.split('.').collect();
    if labels.len() < 2 {
        return Err("domain has no '.'");
    }
    for label in &labels {
        if label.is_empty() || label.len() > 63 {
            return Err("empty or overlong domain label");
        }
        if label.starts_with('-') || label.ends_with('-') {
            return Err("domain label starts or ends with '-'");
        }
        if !label.chars().all(|c| c.is_alphanumeric() || c == '-') {
            return Err("invalid character in the domain");
        }
    }
    Ok(())
}

/// What is wrong with a URL.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum UrlProblem {
    Empty,
    Whitespace,
    NoScheme,
    NotHttps,
    NoHost,
    BadPort,
    BadHost,
}

impl fmt::Display for UrlProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            UrlProblem::Empty => "empty",
            UrlProblem::Whitespace => "contains whitespace or control characters",
            UrlProblem::NoScheme => "no scheme (expected https://…)",
            UrlProblem::NotHttps => "scheme is not https",
            UrlProblem::NoHost => "no host",
            UrlProblem::BadPort => "port is not a number 1–65535",
            UrlProblem::BadHost => "host contains characters not allowed in a host name",
        })
    }
}

/// Minimal URL check: `scheme://[userinfo@]host[:port][/path][?query][#fragment]`, no whitespace,
/// non-empty host; `https_only` rejects every scheme but `https`, otherwise `http` is accepted too.
pub(crate) fn check_url(url: &str, https_only: bool) -> Result<(), UrlProblem> {
    if url.is_empty() {
        return Err(UrlProblem::Empty);
    }
    if url.chars().any(|c| c.is_whitespace() || c.is_control()) {
        return Err(UrlProblem::Whitespace);
    }
    let Some((scheme, rest)) = url.split_once("://") else {
        return Err(UrlProblem::NoScheme);
    };
    let scheme = scheme.to_ascii_lowercase();
    let scheme_ok = scheme == "https" || (!https_only && scheme == "http");
    if !scheme_ok {
        return Err(if https_only {
            UrlProblem::NotHttps
        } else {
            UrlProblem::NoScheme
        });
    }
    let authority = rest.split(['/', '?', '#']).next().unwrap_or_default();
    let host_port = authority.rsplit_once('@').map_or(authority, |(_, h)| h);
    let (host, port) = if let Some(bracketed) = host_port.strip_prefix('[') {
        // IPv6 literal
        match bracketed.split_once(']') {
            Some((h, after)) => (h, after.strip_prefix(':')),
            None => return Err(UrlProblem::BadHost),
        }
    } else {
        match host_port.rsplit_once(':') {
            Some((h, p)) => (h, Some(p)),
            None => (host_port, None),
        }
    };
    if host.is_empty() {
        return Err(UrlProblem::NoHost);
    }
    if !host_port.starts_with('[')
        && !host
            .chars()
            .all(|c| c.is_alphanumeric() || matches!(c, '.' | '-' | '_'))
    {
        return Err(UrlProblem::BadHost);
    }
    if let Some(p) = port {
        match p.parse::<u16>() {
            Ok(n) if n > 0 => {}
            _ => return Err(UrlProblem::BadPort),
        }
    }
    Ok(())
}

fn check_signature(
    destination: &DestinationId,
    sig: &DestinationSignature,
    out: &mut Vec<Finding>,
) {
    let pointer = "/destinationSignature";
    let payload = sig.payload();
    let decoded = match decode_base64url(payload) {
        Some(bytes) => bytes,
        None => {
            out.push(Finding::new(
                FindingCode::SignatureUndecodable,
                pointer,
                "the JWS payload is not valid base64url",
            ));
            return;
        }
    };
    let claims: serde_json::Value = match serde_json::from_slice(&decoded) {
        Ok(v) => v,
        Err(e) => {
            out.push(Finding::new(
                FindingCode::SignatureUndecodable,
                pointer,
                format!("the JWS payload is not JSON: {e}"),
            ));
            return;
        }
    };
    match claims.get("destinationId").and_then(|v| v.as_str()) {
        Some(claimed) if claimed.eq_ignore_ascii_case(&destination.to_string()) => {}
        Some(claimed) => out.push(Finding::new(
            FindingCode::SignatureDestinationMismatch,
            pointer,
            format!("the signature is for Destination {claimed}, not {destination}"),
        )),
        None => out.push(Finding::new(
            FindingCode::SignatureUndecodable,
            pointer,
            "the JWS payload has no destinationId claim",
        )),
    }
}

/// Decodes unpadded (or padded) base64url; `None` on any invalid character or length.
fn decode_base64url(input: &str) -> Option<Vec<u8>> {
    let input = input.trim_end_matches('=');
    if input.len() % 4 == 1 {
        return None;
    }
    let mut out = Vec::with_capacity(input.len() * 3 / 4);
    let mut buffer: u32 = 0;
    let mut bits = 0u32;
    for byte in input.bytes() {
        let value = match byte {
            b'A'..=b'Z' => byte - b'A',
            b'a'..=b'z' => byte - b'a' + 26,
            b'0'..=b'9' => byte - b'0' + 52,
            b'-' => 62,
            b'_' => 63,
            _ => return None,
        };
        buffer = (buffer << 6) | u32::from(value);
        bits += 6;
        if bits >= 8 {
            bits -= 8;
            out.push(((buffer >> bits) & 0xff) as u8);
        }
    }
    Some(out)
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn urls() {
        assert_eq!(check_url("https://a.example.de/x?y#z", true), Ok(()));
        assert_eq!(check_url("HTTPS://a.example.de:8443", true), Ok(()));
        assert_eq!(check_url("https://user@host", true), Ok(()));
        assert_eq!(check_url("https://[::1]:443/", true), Ok(()));
        assert_eq!(
            check_url("http://a.example.de", true),
            Err(UrlProblem::NotHttps)
        );
        assert_eq!(check_url("http://a.example.de", false), Ok(()));
        assert_eq!(
            check_url("ftp://a.example.de", true),
            Err(UrlProblem::NotHttps)
        );
        assert_eq!(check_url("https:///path", true), Err(UrlProblem::NoHost));
        assert_eq!(check_url("https://", true), Err(UrlProblem::NoHost));
        assert_eq!(
            check_url("https://a b.de", true),
            Err(UrlProblem::Whitespace)
        );
        assert_eq!(check_url("a.example.de", true), Err(UrlProblem::NoScheme));
        assert_eq!(check_url("https://host:0", true), Err(UrlProblem::BadPort));
        assert_eq!(
            check_url("https://host:99999", true),
            Err(UrlProblem::BadPort)
        );
        assert_eq!(check_url("https://ho<st", true), Err(UrlProblem::BadHost));
        assert_eq!(check_url("", true), Err(UrlProblem::Empty));
    }

    #[test]
    fn emails() {
        assert!(check_email_syntax("poststelle@kiel.de").is_ok());
        assert!(check_email_syntax("ozg.wohngeld@stadt-flensburg.landsh.de").is_ok());
        for bad in [
            "",
            "kiel.de",
            "@kiel.de",
            "a@kiel",
            "a@@kiel.de",
            "a b@kiel.de",
            "a@-kiel.de",
            "a@kiel..de",
            ".a@kiel.de",
        ] {
            assert!(check_email_syntax(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn base64url() {
        assert_eq!(
            decode_base64url("eyJhIjoxfQ").as_deref(),
            Some(&b"{\"a\":1}"[..])
        );
        assert_eq!(decode_base64url("aGk").as_deref(), Some(&b"hi"[..]));
        assert_eq!(decode_base64url("a"), None);
        assert_eq!(decode_base64url("a+b/"), None);
    }

    #[test]
    fn transport_codes() {
        for t in XtaTransport::ALL {
            assert_eq!(t.code().parse::<XtaTransport>(), Ok(*t));
            assert_eq!(t.label().parse::<XtaTransport>(), Ok(*t));
            assert_eq!(
                serde_json::to_value(t).unwrap(),
                serde_json::Value::String(t.code().into())
            );
        }
        for e in Empfangspunkt::ALL {
            assert_eq!(e.code().parse::<Empfangspunkt>(), Ok(*e));
            assert_eq!(
                serde_json::to_value(e).unwrap(),
                serde_json::Value::String(e.code().into())
            );
        }
        assert!("xta3".parse::<XtaTransport>().is_err());
    }
}
