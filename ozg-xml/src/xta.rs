//! XTA 2 message metadata (`MessageMetaData`, Nachrichten-Metadaten) in the OSCI transport
//! namespace `http://www.osci.eu/ws/2014/10/transport`: read and write.
//!
//! The structure follows domain brief §7.3: `DeliveryAttributes` (`Origin`, `InitialSend`,
//! `Delivery`, `InitialFetch`), `Originators/Author/Identifier`, `Destinations/Reader/Identifier`,
//! `MsgIdentification/MessageID`, `Qualifier/Service`, `Qualifier/BusinessScenario/Defined` and
//! `Qualifier/MessageType`. Elements this model does not cover (e.g. `Sender`, `MsgSize`, further
//! delivery attributes) are kept as [`RawElement`]s and written back.
//!
//! `MessageID` is read in any namespace; it is written in the WS-Addressing namespace
//! (`http://www.w3.org/2005/08/addressing`), as OSCI transport reuses `wsa:MessageID`.
//!
//! ```
//! use ozg_xml::xta::MessageMetaData;
//! let xml = std::fs::read_to_string(concat!(
//!     env!("CARGO_MANIFEST_DIR"),
//!     "/../tests/fixtures/xml/xta_wohngeld_metadata.xml"
//! ))
//! .unwrap();
//! let meta = MessageMetaData::from_xml_str(&xml).unwrap();
//! assert_eq!(meta.service, "urn:fim:Wohngeld-Mietzuschuss:1.5");
//! assert_eq!(meta.reader.dvdv_key().unwrap().prefix(), "wgb");
//! let again = MessageMetaData::from_xml_str(&meta.to_xml_string().unwrap()).unwrap();
//! assert_eq!(again, meta);
//! ```

use std::io::{Read, Write};

use chrono::{DateTime, FixedOffset, SecondsFormat};
use ozg_core::code::XoevCode;
use ozg_core::id::{DvdvKey, IdError};

use crate::common::{eof_error, invalid, missing, read_code, read_code_with, write_code};
use crate::config::ReaderConfig;
use crate::error::{XmlError, XmlErrorKind};
use crate::pull::{Ev, PullParser};
use crate::raw::RawElement;
use crate::writer::XmlWriter;

/// Namespace of XTA 2 / OSCI transport 2014/10 (`MessageMetaData`, `Author`, `Identifier`).
pub const NS_TRANSPORT: &str = "http://www.osci.eu/ws/2014/10/transport";
/// Namespace of WS-Addressing 1.0 (used for `MessageID`).
pub const NS_ADDRESSING: &str = "http://www.w3.org/2005/08/addressing";

/// Delivery time stamps (Zustellattribute, `DeliveryAttributes`).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct DeliveryAttributes {
    /// `Origin`: when the message was created (Erstellung).
    pub origin: Option<DateTime<FixedOffset>>,
    /// `InitialSend`: when it was first sent (Erstversand).
    pub initial_send: Option<DateTime<FixedOffset>>,
    /// `Delivery`: when it was delivered (Zustellung).
    pub delivery: Option<DateTime<FixedOffset>>,
    /// `InitialFetch`: when the reader first fetched it (Erstabholung).
    pub initial_fetch: Option<DateTime<FixedOffset>>,
    /// Further delivery attributes (e.g. `NotBefore`, `ObsoleteAfter`, `Reception`), kept as read.
    pub other: Vec<RawElement>,
}

/// A party identifier (Identifier of `Author` or `Reader`, Kommunikationspartner), e.g. a DVDV
/// key such as `wgb:051110000000` with `category` "Wohngeldbehörde".
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PartyIdentifier {
    /// Attribute `type` (Kennungstyp), e.g. `xoev`; `None` when absent.
    pub identifier_type: Option<String>,
    /// Attribute `name` (Name des Kommunikationspartners).
    pub name: Option<String>,
    /// Attribute `category` (Behörden-/Organisationskategorie), e.g. "Wohngeldbehörde".
    pub category: Option<String>,
    /// The identifier text (Kennung), e.g. `wgb:051110000000`.
    pub value: String,
}

impl PartyIdentifier {
    /// The identifier as a DVDV key (DVDV-Organisationsschlüssel `prefix:key`).
    ///
    /// ```
    /// use ozg_xml::xta::PartyIdentifier;
    /// let p = PartyIdentifier {
    ///     identifier_type: None,
    ///     name: None,
    ///     category: Some("Wohngeldbehörde".into()),
    ///     value: "wgb:051110000000".into(),
    /// };
    /// assert_eq!(p.dvdv_key().unwrap().key(), "051110000000");
    /// ```
    pub fn dvdv_key(&self) -> Result<DvdvKey, IdError> {
        self.value.trim().parse()
    }
}

/// The business scenario (Geschäftsszenario, `Qualifier/BusinessScenario`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum BusinessScenario {
    /// `Defined`: a code from a code list, e.g. `FIM-WOHNGELD_DATA` from
    /// `urn:de:xta:codeliste:business.scenario` version 3.6.
    Defined(XoevCode),
    /// `Undefined`: a free-text scenario.
    Undefined(String),
}

/// The message type (Nachrichtentyp, `Qualifier/MessageType`): a code plus the payload schema.
/// `listURI`/`listVersionID` are optional here because the real Wohngeld example names none.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MessageType {
    /// Attribute `payloadSchema` (Fachschema), e.g. `urn:xoev-de:xfall:standard:fim-s05000227_1.5`.
    pub payload_schema: Option<String>,
    /// Attribute `listURI` of the code list, when given.
    pub list_uri: Option<String>,
    /// Attribute `listVersionID`, when given.
    pub list_version_id: Option<String>,
    /// The code, e.g. `fim.S05000227.05000227001005`.
    pub code: String,
    /// The optional `name` of the code.
    pub name: Option<String>,
}

/// XTA 2 message metadata (Nachrichten-Metadaten, `MessageMetaData`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MessageMetaData {
    /// `DeliveryAttributes`.
    pub delivery_attributes: DeliveryAttributes,
    /// `Originators/Author/Identifier` (Autor).
    pub author: PartyIdentifier,
    /// `Destinations/Reader/Identifier` (Leser, Empfänger).
    pub reader: PartyIdentifier,
    /// `MsgIdentification/MessageID` (Nachrichtenkennung).
    pub message_id: String,
    /// `Qualifier/Service` (Dienst), e.g. `urn:fim:Wohngeld-Mietzuschuss:1.5`.
    pub service: String,
    /// `Qualifier/BusinessScenario`.
    pub business_scenario: BusinessScenario,
    /// `Qualifier/MessageType`.
    pub message_type: MessageType,
    /// Elements of `MessageMetaData` (or of `Originators`, `Destinations`, `Qualifier`) that this
    /// model does not cover, kept in reading order; written back after the modelled ones.
    pub unknown: Vec<RawElement>,
}

fn read_time<R: Read>(
    p: &mut PullParser<R>,
    field: &str,
) -> Result<DateTime<FixedOffset>, XmlError> {
    let text = p.read_text()?;
    let t = text.trim();
    DateTime::parse_from_rfc3339(t).map_err(|e| invalid(p, field, t, e))
}

/// Reads an `Identifier` wrapper (`Author` or `Reader`): expects exactly one `Identifier` child.
fn read_party<R: Read>(
    p: &mut PullParser<R>,
    unknown: &mut Vec<RawElement>,
) -> Result<Option<PartyIdentifier>, XmlError> {
    let mut found = None;
    loop {
        match p.next_tag()? {
            Ev::Start if p.is(NS_TRANSPORT, "Identifier") => {
                let identifier_type = p.attr("type").map(str::to_owned);
                let name = p.attr("name").map(str::to_owned);
                let category = p.attr("category").map(str::to_owned);
                let value = p.read_text_trimmed()?;
                found = Some(PartyIdentifier {
                    identifier_type,
                    name,
                    category,
                    value,
                });
            }
            Ev::Start => unknown.push(p.read_raw()?),
            Ev::End => return Ok(found),
            _ => return Err(eof_error(p)),
        }
    }
}

/// Reads `Originators` / `Destinations`: the child named `role` holds the identifier.
fn read_parties<R: Read>(
    p: &mut PullParser<R>,
    role: &str,
    unknown: &mut Vec<RawElement>,
) -> Result<Option<PartyIdentifier>, XmlError> {
    let mut found = None;
    loop {
        match p.next_tag()? {
            Ev::Start if p.is(NS_TRANSPORT, role) => found = read_party(p, unknown)?,
            Ev::Start => unknown.push(p.read_raw()?),
            Ev::End => return Ok(found),
            _ => return Err(eof_error(p)),
        }
    }
}

struct Qualifier {
    service: Option<String>,
    business_scenario: Option<BusinessScenario>,
    message_type: Option<MessageType>,
}

fn read_qualifier<R: Read>(
    p: &mut PullParser<R>,
    unknown: &mut Vec<RawElement>,
) -> Result<Qualifier, XmlError> {
    let mut q = Qualifier {
        service: None,
        business_scenario: None,
        message_type: None,
    };
    loop {
        match p.next_tag()? {
            Ev::Start if p.is(NS_TRANSPORT, "Service") => {
                q.service = Some(p.read_text_trimmed()?);
            }
            Ev::Start if p.is(NS_TRANSPORT, "BusinessScenario") => loop {
                match p.next_tag()? {
                    Ev::Start if p.is(NS_TRANSPORT, "Defined") => {
                        q.business_scenario = Some(BusinessScenario::Defined(read_code(
                            p,
                            "BusinessScenario/Defined",
                        )?));
                    }
                    Ev::Start if p.is(NS_TRANSPORT, "Undefined") => {
                        q.business_scenario = Some(BusinessScenario::Undefined(p.read_text()?));
                    }
                    Ev::Start => unknown.push(p.read_raw()?),
                    Ev::End => break,
                    _ => return Err(eof_error(p)),
                }
            },
            Ev::Start if p.is(NS_TRANSPORT, "MessageType") => {
                let payload_schema = p.attr("payloadSchema").map(str::to_owned);
                let list_uri = p.attr("listURI").map(str::to_owned);
                let c = read_code_with(p, "MessageType", list_uri.clone().unwrap_or_default())?;
                q.message_type = Some(MessageType {
                    payload_schema,
                    list_uri,
                    list_version_id: c.list_version_id,
                    code: c.code,
                    name: c.name,
                });
            }
            Ev::Start => unknown.push(p.read_raw()?),
            Ev::End => return Ok(q),
            _ => return Err(eof_error(p)),
        }
    }
}

impl MessageMetaData {
    /// Reads `MessageMetaData` (the document root) with the hardened reader.
    pub fn from_reader<R: Read>(input: R, config: ReaderConfig) -> Result<Self, XmlError> {
        let mut p = PullParser::new(input, config);
        match p.next_tag()? {
            Ev::Start if p.is(NS_TRANSPORT, "MessageMetaData") => {}
            Ev::Start if p.local() == "MessageMetaData" => {
                return Err(p.error(XmlErrorKind::WrongNamespace {
                    expected: NS_TRANSPORT.into(),
                    found: p.ns().unwrap_or("").to_owned(),
                }));
            }
            _ => {
                return Err(p.error(XmlErrorKind::UnexpectedElement {
                    expected: format!("element {{{NS_TRANSPORT}}}MessageMetaData"),
                    found: p.describe(),
                }));
            }
        }
        let meta = Self::read_body(&mut p)?;
        // The rest of the document must be well-formed too (only comments/whitespace may follow).
        p.drain()?;
        Ok(meta)
    }

    /// Reads `MessageMetaData` from a string with the default [`ReaderConfig`].
    pub fn from_xml_str(xml: &str) -> Result<Self, XmlError> {
        Self::from_reader(xml.as_bytes(), ReaderConfig::default())
    }

    fn read_body<R: Read>(p: &mut PullParser<R>) -> Result<Self, XmlError> {
        let mut delivery = DeliveryAttributes::default();
        let mut author = None;
        let mut reader = None;
        let mut message_id = None;
        let mut qualifier = None;
        let mut unknown = Vec::new();
        loop {
            match p.next_tag()? {
                Ev::Start if p.is(NS_TRANSPORT, "DeliveryAttributes") => loop {
                    match p.next_tag()? {
                        Ev::Start if p.is(NS_TRANSPORT, "Origin") => {
                            delivery.origin = Some(read_time(p, "DeliveryAttributes/Origin")?);
                        }
                        Ev::Start if p.is(NS_TRANSPORT, "InitialSend") => {
                            delivery.initial_send =
                                Some(read_time(p, "DeliveryAttributes/InitialSend")?);
                        }
                        Ev::Start if p.is(NS_TRANSPORT, "Delivery") => {
                            delivery.delivery = Some(read_time(p, "DeliveryAttributes/Delivery")?);
                        }
                        Ev::Start if p.is(NS_TRANSPORT, "InitialFetch") => {
                            delivery.initial_fetch =
                                Some(read_time(p, "DeliveryAttributes/InitialFetch")?);
                        }
                        Ev::Start => delivery.other.push(p.read_raw()?),
                        Ev::End => break,
                        _ => return Err(eof_error(p)),
                    }
                },
                Ev::Start if p.is(NS_TRANSPORT, "Originators") => {
                    author = read_parties(p, "Author", &mut unknown)?;
                }
                Ev::Start if p.is(NS_TRANSPORT, "Destinations") => {
                    reader = read_parties(p, "Reader", &mut unknown)?;
                }
                Ev::Start if p.is(NS_TRANSPORT, "MsgIdentification") => loop {
                    match p.next_tag()? {
                        Ev::Start if p.local() == "MessageID" => {
                            message_id = Some(p.read_text_trimmed()?);
                        }
                        Ev::Start => unknown.push(p.read_raw()?),
                        Ev::End => break,
                        _ => return Err(eof_error(p)),
                    }
                },
                Ev::Start if p.is(NS_TRANSPORT, "Qualifier") => {
                    qualifier = Some(read_qualifier(p, &mut unknown)?);
                }
                Ev::Start => unknown.push(p.read_raw()?),
                Ev::End => break,
                _ => return Err(eof_error(p)),
            }
        }
        let q = qualifier.ok_or_else(|| missing(p, "Qualifier"))?;
        Ok(MessageMetaData {
            delivery_attributes: delivery,
            author: author.ok_or_else(|| missing(p, "Originators/Author/Identifier"))?,
            reader: reader.ok_or_else(|| missing(p, "Destinations/Reader/Identifier"))?,
            message_id: message_id.ok_or_else(|| missing(p, "MsgIdentification/MessageID"))?,
            service: q.service.ok_or_else(|| missing(p, "Qualifier/Service"))?,
            business_scenario: q
                .business_scenario
                .ok_or_else(|| missing(p, "Qualifier/BusinessScenario"))?,
            message_type: q
                .message_type
                .ok_or_else(|| missing(p, "Qualifier/MessageType"))?,
            unknown,
        })
    }

    /// Writes the metadata as a standalone XML document (UTF-8, with declaration).
    pub fn write<W: Write>(&self, out: W) -> Result<(), XmlError> {
        let mut w = XmlWriter::pretty(out);
        w.declaration()?;
        w.start(
            "xta:MessageMetaData",
            &[("xmlns:xta", NS_TRANSPORT), ("xmlns:wsa", NS_ADDRESSING)],
        )?;
        let d = &self.delivery_attributes;
        w.start("xta:DeliveryAttributes", &[])?;
        for (name, t) in [
            ("xta:Origin", &d.origin),
            ("xta:InitialSend", &d.initial_send),
            ("xta:Delivery", &d.delivery),
            ("xta:InitialFetch", &d.initial_fetch),
        ] {
            if let Some(t) = t {
                w.leaf(name, &[], &t.to_rfc3339_opts(SecondsFormat::AutoSi, true))?;
            }
        }
        for e in &d.other {
            w.raw_element(e)?;
        }
        w.end("xta:DeliveryAttributes")?;
        for (outer, role, party) in [
            ("xta:Originators", "xta:Author", &self.author),
            ("xta:Destinations", "xta:Reader", &self.reader),
        ] {
            w.start(outer, &[])?;
            w.start(role, &[])?;
            let mut attrs = Vec::new();
            if let Some(v) = &party.identifier_type {
                attrs.push(("type", v.as_str()));
            }
            if let Some(v) = &party.name {
                attrs.push(("name", v.as_str()));
            }
            if let Some(v) = &party.category {
                attrs.push(("category", v.as_str()));
            }
            w.leaf("xta:Identifier", &attrs, &party.value)?;
            w.end(role)?;
            w.end(outer)?;
        }
        w.start("xta:MsgIdentification", &[])?;
        w.leaf("wsa:MessageID", &[], &self.message_id)?;
        w.end("xta:MsgIdentification")?;
        w.start("xta:Qualifier", &[])?;
        w.leaf("xta:Service", &[], &self.service)?;
        w.start("xta:BusinessScenario", &[])?;
        match &self.business_scenario {
            BusinessScenario::Defined(c) => write_code(&mut w, "xta:Defined", &[], c)?,
            BusinessScenario::Undefined(s) => w.leaf("xta:Undefined", &[], s)?,
        }
        w.end("xta:BusinessScenario")?;
        let mt = &self.message_type;
        let mut attrs = Vec::new();
        if let Some(s) = &mt.payload_schema {
            attrs.push(("payloadSchema", s.as_str()));
        }
        if let Some(s) = &mt.list_uri {
            attrs.push(("listURI", s.as_str()));
        }
        if let Some(s) = &mt.list_version_id {
            attrs.push(("listVersionID", s.as_str()));
        }
        w.start("xta:MessageType", &attrs)?;
        w.leaf("code", &[], &mt.code)?;
        if let Some(n) = &mt.name {
            w.leaf("name", &[], n)?;
        }
        w.end("xta:MessageType")?;
        w.end("xta:Qualifier")?;
        for e in &self.unknown {
            w.raw_element(e)?;
        }
        w.end("xta:MessageMetaData")?;
        let mut out = w.into_inner();
        out.write_all(b"\n")?;
        out.flush()?;
        Ok(())
    }

    /// Writes the metadata to a string.
    pub fn to_xml_string(&self) -> Result<String, XmlError> {
        let mut buf = Vec::new();
        self.write(&mut buf)?;
        String::from_utf8(buf).map_err(|e| XmlError::syntax(e.to_string()))
    }
}
