//! XTA 2 message metadata (`MessageMetaData`, Nachrichten-Metadaten) in the OSCI transport
//! namespace `http://www.osci.eu/ws/2014/10/transport`: read and write.
//!
//! The structure follows domain brief §7.3: `DeliveryAttributes` (`Origin`, `InitialSend`,
//! `Delivery`, `InitialFetch`), `Originators/Author/Identifier`, `Destinations/Reader/Identifier`,
//! `MsgIdentification/MessageID`, `Qualifier/Service`, `Qualifier/BusinessScenario/Defined` and
//! `Qualifier/MessageType`. Elements this model does not cover (e.g. `Sender`, `MsgSize`, further
//! delivery attributes) are kept as [`RawElement`]s and written back in the element they sat in
//! ([`MessageMetaData::unknown`], [`MessageMetaData::unknown_within`], [`DeliveryAttributes::other`]);
//! attributes it does not cover — also on the time stamps and on the `code`/`name` children of code
//! values — are kept by element path ([`MessageMetaData::other_attributes`]).
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

use crate::common::{
    CodeElement, as_refs, attr_pairs, eof_error, invalid, missing, other_attributes, read_code,
    read_code_element, write_code,
};
use crate::config::ReaderConfig;
use crate::error::{XmlError, XmlErrorKind};
use crate::pull::{Ev, PullParser};
use crate::raw::{RawAttribute, RawElement};
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
    /// Children of `MessageMetaData` that this model does not cover, kept in reading order;
    /// written back after the modelled ones.
    pub unknown: Vec<RawElement>,
    /// Children of the modelled elements below `MessageMetaData` (`Originators`, `Author`,
    /// `Destinations`, `Reader`, `MsgIdentification`, `Qualifier`, `BusinessScenario`) that this
    /// model does not cover, with the element they sit in; written back inside it, after the
    /// modelled children. (Those of `DeliveryAttributes` are in
    /// [`DeliveryAttributes::other`].)
    pub unknown_within: Vec<KeptElement>,
    /// Attributes the model does not cover on modelled elements, with the element they sit on;
    /// kept as read and written back on that element.
    pub other_attributes: Vec<KeptAttribute>,
}

/// An element the model does not cover (nicht modelliertes Element) inside a modelled element,
/// with that element's path (as in [`KeptAttribute::element`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KeptElement {
    /// Path of the modelled element it sits in, e.g. `Originators` or `Qualifier/BusinessScenario`.
    pub element: String,
    /// The element, as read.
    pub raw: RawElement,
}

/// An attribute the model does not cover (nicht modelliertes Attribut), with the path of the
/// modelled element it sits on (local names from the root's children, e.g.
/// `Originators/Author/Identifier` or `Qualifier/MessageType/code`; `""` = `MessageMetaData`
/// itself).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KeptAttribute {
    /// Path of the element.
    pub element: String,
    /// The attribute.
    pub attribute: RawAttribute,
}

/// Records the attributes of the current start tag not named in `known` under `path`.
fn keep<R: Read>(p: &PullParser<R>, path: &str, known: &[&str], kept: &mut Vec<KeptAttribute>) {
    for attribute in other_attributes(p, known) {
        kept.push(KeptAttribute {
            element: path.to_owned(),
            attribute,
        });
    }
}

fn read_time<R: Read>(
    p: &mut PullParser<R>,
    field: &str,
    kept: &mut Vec<KeptAttribute>,
) -> Result<DateTime<FixedOffset>, XmlError> {
    keep(p, field, &[], kept);
    let text = p.read_text()?;
    let t = text.trim();
    DateTime::parse_from_rfc3339(t).map_err(|e| invalid(p, field, t, e))
}

/// Reads an `Identifier` wrapper (`Author` or `Reader`): expects exactly one `Identifier` child.
fn read_party<R: Read>(
    p: &mut PullParser<R>,
    path: &str,
    unknown: &mut Vec<KeptElement>,
    kept: &mut Vec<KeptAttribute>,
) -> Result<Option<PartyIdentifier>, XmlError> {
    let mut found = None;
    loop {
        match p.next_tag()? {
            Ev::Start if found.is_none() && p.is(NS_TRANSPORT, "Identifier") => {
                keep(
                    p,
                    &format!("{path}/Identifier"),
                    &["type", "name", "category"],
                    kept,
                );
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
            Ev::Start => keep_element(p, path, unknown)?,
            Ev::End => return Ok(found),
            _ => return Err(eof_error(p)),
        }
    }
}

/// Keeps the current element (not covered by the model) as a child of the element at `path`.
fn keep_element<R: Read>(
    p: &mut PullParser<R>,
    path: &str,
    unknown: &mut Vec<KeptElement>,
) -> Result<(), XmlError> {
    unknown.push(KeptElement {
        element: path.to_owned(),
        raw: p.read_raw()?,
    });
    Ok(())
}

/// Reads `Originators` / `Destinations`: the child named `role` holds the identifier.
fn read_parties<R: Read>(
    p: &mut PullParser<R>,
    outer: &str,
    role: &str,
    unknown: &mut Vec<KeptElement>,
    kept: &mut Vec<KeptAttribute>,
) -> Result<Option<PartyIdentifier>, XmlError> {
    keep(p, outer, &[], kept);
    let mut found = None;
    let mut seen = false;
    loop {
        match p.next_tag()? {
            Ev::Start if !seen && p.is(NS_TRANSPORT, role) => {
                seen = true;
                let path = format!("{outer}/{role}");
                keep(p, &path, &[], kept);
                found = read_party(p, &path, unknown, kept)?;
            }
            Ev::Start => keep_element(p, outer, unknown)?,
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

/// Splits a code element read at `path` into its value and kept attributes (those of the element
/// itself only when `own`).
fn keep_code(path: &str, c: CodeElement, own: bool, kept: &mut Vec<KeptAttribute>) -> XoevCode {
    let CodeElement {
        value,
        other_attributes,
        code_attributes,
        name_attributes,
    } = c;
    let lists = [
        (
            String::new(),
            if own { other_attributes } else { Vec::new() },
        ),
        ("/code".to_owned(), code_attributes),
        ("/name".to_owned(), name_attributes),
    ];
    for (suffix, attributes) in lists {
        for attribute in attributes {
            kept.push(KeptAttribute {
                element: format!("{path}{suffix}"),
                attribute,
            });
        }
    }
    value
}

fn read_qualifier<R: Read>(
    p: &mut PullParser<R>,
    unknown: &mut Vec<KeptElement>,
    kept: &mut Vec<KeptAttribute>,
) -> Result<Qualifier, XmlError> {
    keep(p, "Qualifier", &[], kept);
    let mut q = Qualifier {
        service: None,
        business_scenario: None,
        message_type: None,
    };
    let mut scenario_seen = false;
    loop {
        match p.next_tag()? {
            Ev::Start if q.service.is_none() && p.is(NS_TRANSPORT, "Service") => {
                keep(p, "Qualifier/Service", &[], kept);
                q.service = Some(p.read_text_trimmed()?);
            }
            Ev::Start if !scenario_seen && p.is(NS_TRANSPORT, "BusinessScenario") => {
                scenario_seen = true;
                keep(p, "Qualifier/BusinessScenario", &[], kept);
                loop {
                    match p.next_tag()? {
                        Ev::Start
                            if q.business_scenario.is_none() && p.is(NS_TRANSPORT, "Defined") =>
                        {
                            let path = "Qualifier/BusinessScenario/Defined";
                            let c = read_code(p, NS_TRANSPORT, "BusinessScenario/Defined")?;
                            let value = keep_code(path, c, true, kept);
                            q.business_scenario = Some(BusinessScenario::Defined(value));
                        }
                        Ev::Start
                            if q.business_scenario.is_none() && p.is(NS_TRANSPORT, "Undefined") =>
                        {
                            keep(p, "Qualifier/BusinessScenario/Undefined", &[], kept);
                            q.business_scenario = Some(BusinessScenario::Undefined(p.read_text()?));
                        }
                        Ev::Start => keep_element(p, "Qualifier/BusinessScenario", unknown)?,
                        Ev::End => break,
                        _ => return Err(eof_error(p)),
                    }
                }
            }
            Ev::Start if q.message_type.is_none() && p.is(NS_TRANSPORT, "MessageType") => {
                keep(
                    p,
                    "Qualifier/MessageType",
                    &["payloadSchema", "listURI", "listVersionID"],
                    kept,
                );
                let payload_schema = p.attr("payloadSchema").map(str::to_owned);
                let list_uri = p.attr("listURI").map(str::to_owned);
                let c = read_code_element(p, NS_TRANSPORT, "MessageType")?;
                // The element's own attributes were kept above (`listURI` as an `Option`).
                let c = keep_code("Qualifier/MessageType", c, false, kept);
                q.message_type = Some(MessageType {
                    payload_schema,
                    list_uri,
                    list_version_id: c.list_version_id,
                    code: c.code,
                    name: c.name,
                });
            }
            Ev::Start => keep_element(p, "Qualifier", unknown)?,
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
        let mut kept = Vec::new();
        keep(&p, "", &["xmlns"], &mut kept);
        let mut meta = Self::read_body(&mut p, &mut kept)?;
        meta.other_attributes = kept;
        // The rest of the document must be well-formed too (only comments/whitespace may follow).
        p.drain()?;
        Ok(meta)
    }

    /// Reads `MessageMetaData` from a string with the default [`ReaderConfig`].
    pub fn from_xml_str(xml: &str) -> Result<Self, XmlError> {
        Self::from_reader(xml.as_bytes(), ReaderConfig::default())
    }

    fn read_body<R: Read>(
        p: &mut PullParser<R>,
        kept: &mut Vec<KeptAttribute>,
    ) -> Result<Self, XmlError> {
        let mut delivery = DeliveryAttributes::default();
        let mut author = None;
        let mut reader = None;
        let mut message_id = None;
        let mut qualifier = None;
        let mut unknown = Vec::new();
        let mut within = Vec::new();
        let (mut delivery_seen, mut originators_seen, mut destinations_seen, mut msg_seen) =
            (false, false, false, false);
        loop {
            match p.next_tag()? {
                Ev::Start if !delivery_seen && p.is(NS_TRANSPORT, "DeliveryAttributes") => {
                    delivery_seen = true;
                    keep(p, "DeliveryAttributes", &[], kept);
                    loop {
                        match p.next_tag()? {
                            Ev::Start
                                if delivery.origin.is_none() && p.is(NS_TRANSPORT, "Origin") =>
                            {
                                delivery.origin =
                                    Some(read_time(p, "DeliveryAttributes/Origin", kept)?);
                            }
                            Ev::Start
                                if delivery.initial_send.is_none()
                                    && p.is(NS_TRANSPORT, "InitialSend") =>
                            {
                                delivery.initial_send =
                                    Some(read_time(p, "DeliveryAttributes/InitialSend", kept)?);
                            }
                            Ev::Start
                                if delivery.delivery.is_none()
                                    && p.is(NS_TRANSPORT, "Delivery") =>
                            {
                                delivery.delivery =
                                    Some(read_time(p, "DeliveryAttributes/Delivery", kept)?);
                            }
                            Ev::Start
                                if delivery.initial_fetch.is_none()
                                    && p.is(NS_TRANSPORT, "InitialFetch") =>
                            {
                                delivery.initial_fetch =
                                    Some(read_time(p, "DeliveryAttributes/InitialFetch", kept)?);
                            }
                            Ev::Start => delivery.other.push(p.read_raw()?),
                            Ev::End => break,
                            _ => return Err(eof_error(p)),
                        }
                    }
                }
                Ev::Start if !originators_seen && p.is(NS_TRANSPORT, "Originators") => {
                    originators_seen = true;
                    author = read_parties(p, "Originators", "Author", &mut within, kept)?;
                }
                Ev::Start if !destinations_seen && p.is(NS_TRANSPORT, "Destinations") => {
                    destinations_seen = true;
                    reader = read_parties(p, "Destinations", "Reader", &mut within, kept)?;
                }
                Ev::Start if !msg_seen && p.is(NS_TRANSPORT, "MsgIdentification") => {
                    msg_seen = true;
                    keep(p, "MsgIdentification", &[], kept);
                    loop {
                        match p.next_tag()? {
                            Ev::Start if message_id.is_none() && p.local() == "MessageID" => {
                                keep(p, "MsgIdentification/MessageID", &[], kept);
                                message_id = Some(p.read_text_trimmed()?);
                            }
                            Ev::Start => keep_element(p, "MsgIdentification", &mut within)?,
                            Ev::End => break,
                            _ => return Err(eof_error(p)),
                        }
                    }
                }
                Ev::Start if qualifier.is_none() && p.is(NS_TRANSPORT, "Qualifier") => {
                    qualifier = Some(read_qualifier(p, &mut within, kept)?);
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
            unknown_within: within,
            other_attributes: Vec::new(),
        })
    }

    /// Writes the metadata as a standalone XML document (UTF-8, with declaration).
    pub fn write<W: Write>(&self, out: W) -> Result<(), XmlError> {
        // The kept attributes of the element at `path`, after the modelled ones in `fixed`.
        let attrs = |path: &str, fixed: &[(&str, &str)]| -> Vec<(String, String)> {
            let kept = self.kept_on(path);
            let mut all: Vec<(String, String)> = fixed
                .iter()
                .map(|(a, b)| ((*a).to_owned(), (*b).to_owned()))
                .collect();
            all.extend(attr_pairs(&kept));
            all
        };
        let mut w = XmlWriter::pretty(out);
        w.declaration()?;
        w.start(
            "xta:MessageMetaData",
            &as_refs(&attrs(
                "",
                &[("xmlns:xta", NS_TRANSPORT), ("xmlns:wsa", NS_ADDRESSING)],
            )),
        )?;
        let d = &self.delivery_attributes;
        w.start(
            "xta:DeliveryAttributes",
            &as_refs(&attrs("DeliveryAttributes", &[])),
        )?;
        for (name, t) in [
            ("Origin", &d.origin),
            ("InitialSend", &d.initial_send),
            ("Delivery", &d.delivery),
            ("InitialFetch", &d.initial_fetch),
        ] {
            if let Some(t) = t {
                let kept = attrs(&format!("DeliveryAttributes/{name}"), &[]);
                w.leaf(
                    &format!("xta:{name}"),
                    &as_refs(&kept),
                    &t.to_rfc3339_opts(SecondsFormat::AutoSi, true),
                )?;
            }
        }
        for e in &d.other {
            w.raw_element(e)?;
        }
        w.end("xta:DeliveryAttributes")?;
        for (outer, role, party) in [
            ("Originators", "Author", &self.author),
            ("Destinations", "Reader", &self.reader),
        ] {
            let path = format!("{outer}/{role}");
            w.start(&format!("xta:{outer}"), &as_refs(&attrs(outer, &[])))?;
            w.start(&format!("xta:{role}"), &as_refs(&attrs(&path, &[])))?;
            let mut ids = Vec::new();
            if let Some(v) = &party.identifier_type {
                ids.push(("type", v.as_str()));
            }
            if let Some(v) = &party.name {
                ids.push(("name", v.as_str()));
            }
            if let Some(v) = &party.category {
                ids.push(("category", v.as_str()));
            }
            let all = attrs(&format!("{path}/Identifier"), &ids);
            w.leaf("xta:Identifier", &as_refs(&all), &party.value)?;
            self.write_within(&mut w, &path)?;
            w.end(&format!("xta:{role}"))?;
            self.write_within(&mut w, outer)?;
            w.end(&format!("xta:{outer}"))?;
        }
        w.start(
            "xta:MsgIdentification",
            &as_refs(&attrs("MsgIdentification", &[])),
        )?;
        w.leaf(
            "wsa:MessageID",
            &as_refs(&attrs("MsgIdentification/MessageID", &[])),
            &self.message_id,
        )?;
        self.write_within(&mut w, "MsgIdentification")?;
        w.end("xta:MsgIdentification")?;
        w.start("xta:Qualifier", &as_refs(&attrs("Qualifier", &[])))?;
        w.leaf(
            "xta:Service",
            &as_refs(&attrs("Qualifier/Service", &[])),
            &self.service,
        )?;
        w.start(
            "xta:BusinessScenario",
            &as_refs(&attrs("Qualifier/BusinessScenario", &[])),
        )?;
        match &self.business_scenario {
            BusinessScenario::Defined(c) => {
                let path = "Qualifier/BusinessScenario/Defined";
                let extra = attrs(path, &[]);
                let c = CodeElement {
                    value: c.clone(),
                    other_attributes: Vec::new(),
                    code_attributes: self.kept_on(&format!("{path}/code")),
                    name_attributes: self.kept_on(&format!("{path}/name")),
                };
                write_code(&mut w, "xta:Defined", &as_refs(&extra), &c)?
            }
            BusinessScenario::Undefined(s) => w.leaf(
                "xta:Undefined",
                &as_refs(&attrs("Qualifier/BusinessScenario/Undefined", &[])),
                s,
            )?,
        }
        self.write_within(&mut w, "Qualifier/BusinessScenario")?;
        w.end("xta:BusinessScenario")?;
        let mt = &self.message_type;
        let mut fixed = Vec::new();
        if let Some(s) = &mt.payload_schema {
            fixed.push(("payloadSchema", s.as_str()));
        }
        if let Some(s) = &mt.list_uri {
            fixed.push(("listURI", s.as_str()));
        }
        if let Some(s) = &mt.list_version_id {
            fixed.push(("listVersionID", s.as_str()));
        }
        w.start(
            "xta:MessageType",
            &as_refs(&attrs("Qualifier/MessageType", &fixed)),
        )?;
        let code_attributes = attr_pairs(&self.kept_on("Qualifier/MessageType/code"));
        w.leaf("code", &as_refs(&code_attributes), &mt.code)?;
        if let Some(n) = &mt.name {
            let name_attributes = attr_pairs(&self.kept_on("Qualifier/MessageType/name"));
            w.leaf("name", &as_refs(&name_attributes), n)?;
        }
        w.end("xta:MessageType")?;
        self.write_within(&mut w, "Qualifier")?;
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

    /// The kept attributes of the element at `path`.
    fn kept_on(&self, path: &str) -> Vec<RawAttribute> {
        self.other_attributes
            .iter()
            .filter(|k| k.element == path)
            .map(|k| k.attribute.clone())
            .collect()
    }

    /// Writes the kept unknown children of the element at `path`.
    fn write_within<W: Write>(&self, w: &mut XmlWriter<W>, path: &str) -> Result<(), XmlError> {
        for k in self.unknown_within.iter().filter(|k| k.element == path) {
            w.raw_element(&k.raw)?;
        }
        Ok(())
    }

    /// Writes the metadata to a string.
    pub fn to_xml_string(&self) -> Result<String, XmlError> {
        let mut buf = Vec::new();
        self.write(&mut buf)?;
        String::from_utf8(buf).map_err(|e| XmlError::syntax(e.to_string()))
    }
}
