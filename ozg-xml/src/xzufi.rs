//! XZuFi 2.2.0 transfer messages (Zuständigkeitsfinder-Datenaustausch), namespace
//! `http://xoev.de/schemata/xzufi/2_2_0`: a **streaming** reader ([`XzufiReader`], an iterator over
//! the objects of the `schreibe`/`loesche` operations whose memory does not grow with the file) and a
//! writer ([`XzufiWriter`]).
//!
//! A message is recognised by its namespace and the root attribute `xzufiVersion="2.2.0"`, not by the
//! root element's name (which the sources do not confirm, domain brief §7.2). Child elements are
//! accepted qualified (in the XZuFi namespace) or unqualified; the writer qualifies them, except the
//! `code`/`name` children of code values, which XÖV declares unqualified.
//!
//! Elements the model does not cover are kept as [`RawElement`]s in each object's `unknown`
//! (or as [`XzufiObject::Unknown`] at message level) and written back after the modelled children.
//!
//! ```
//! use ozg_xml::xzufi::{XzufiObject, XzufiReader};
//! use ozg_xml::ReaderConfig;
//! let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../tests/fixtures/xml/xzufi_2_2_schreibe.xml");
//! let reader = XzufiReader::new(std::fs::File::open(path).unwrap(), ReaderConfig::default()).unwrap();
//! assert_eq!(reader.header().xzufi_version, "2.2.0");
//! let mut leistungen = 0;
//! for object in reader {
//!     if let XzufiObject::Leistung(l) = object.unwrap() {
//!         assert!(l.leika_keys().unwrap().len() >= 1);
//!         leistungen += 1;
//!     }
//! }
//! assert!(leistungen >= 2);
//! ```

use std::io::{Read, Write};

use ozg_core::channel::Zustellkanal;
use ozg_core::code::XoevCode;
use ozg_core::id::{DestinationId, DestinationSignature, GebietId, IdError, LeikaKey};

use crate::common::{eof_error, invalid, missing, read_code_with, write_code};
use crate::config::ReaderConfig;
use crate::error::{XmlError, XmlErrorKind};
use crate::pull::{Ev, PullParser};
use crate::raw::{RawAttribute, RawElement};
use crate::writer::XmlWriter;

/// Namespace of XZuFi 2.2.0.
pub const NS_XZUFI_2_2: &str = "http://xoev.de/schemata/xzufi/2_2_0";
/// The supported `xzufiVersion`.
pub const XZUFI_VERSION: &str = "2.2.0";
/// XML Schema instance namespace (for `xsi:type`).
pub const NS_XSI: &str = "http://www.w3.org/2001/XMLSchema-instance";
/// `schemeID` of an `idSekundaer` that holds a FIT-Connect DestinationSignature.
pub const SCHEME_FIT_CONNECT_DESTINATION: &str = "urn:de:fitko:fit-connect:xzufi:destination";
/// Prefix of LeiKa Leistung URNs used in `leistungID`.
pub const LEIKA_URN_PREFIX: &str = "urn:de:fim:leika:leistung:";
/// Prefix of Gebiet URNs used in `gebietID`.
pub const GEBIET_URN_PREFIX: &str = "urn:de:bund:destatis:bevoelkerungsstatistik:schluessel:rs:";

/// An XZuFi identifier element (Identifikator: `id`, `idSekundaer`, `leistungID`, `gebietID`, …):
/// the text plus its attributes (`schemeID`, `schemeAgencyID`, …) as written.
#[derive(Debug, Clone, PartialEq, Eq, Default, serde::Serialize)]
#[serde(rename_all = "camelCase")]
pub struct XzufiId {
    /// The identifier text (trimmed).
    pub value: String,
    /// All attributes, in document order.
    pub attributes: Vec<RawAttribute>,
}

impl XzufiId {
    /// An identifier without attributes.
    pub fn new(value: impl Into<String>) -> Self {
        XzufiId {
            value: value.into(),
            attributes: Vec::new(),
        }
    }

    /// An unqualified attribute's value.
    pub fn attribute(&self, name: &str) -> Option<&str> {
        self.attributes
            .iter()
            .find(|a| a.namespace.is_none() && a.name == name)
            .map(|a| a.value.as_str())
    }

    /// The `schemeID` attribute (Schema der Kennung).
    pub fn scheme_id(&self) -> Option<&str> {
        self.attribute("schemeID")
    }
}

/// A text with an optional language (`languageCode`), e.g. `modulText/inhalt` (Text in einer Sprache).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "camelCase")]
pub struct LocalizedText {
    /// Attribute `languageCode`, e.g. `de`.
    pub language: Option<String>,
    /// The text.
    pub text: String,
}

impl LocalizedText {
    /// The German text of a list (no `languageCode` counts as German), else the first one.
    pub fn german_or_first(texts: &[LocalizedText]) -> Option<&str> {
        texts
            .iter()
            .find(|t| {
                t.language
                    .as_deref()
                    .is_none_or(|l| l.eq_ignore_ascii_case("de"))
            })
            .or_else(|| texts.first())
            .map(|t| t.text.as_str())
    }
}

/// A text module of a Leistung (Textmodul, `modulText`).
#[derive(Debug, Clone, PartialEq, Eq, Default, serde::Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ModulText {
    /// `leikaTextmodul`: which module, e.g. code `02` = Leistungsbezeichnung, `03` = Leistungsbezeichnung II.
    pub textmodul: Option<XoevCode>,
    /// `inhalt`: the text, per language.
    pub inhalt: Vec<LocalizedText>,
    /// Further children, kept as read.
    pub unknown: Vec<RawElement>,
}

impl ModulText {
    /// The German (or, failing that, the first) text.
    pub fn text(&self) -> Option<&str> {
        LocalizedText::german_or_first(&self.inhalt)
    }
}

/// The structure of a Leistung (Leistungsstruktur, `struktur`).
#[derive(Debug, Clone, PartialEq, Eq, Default, serde::Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Leistungsstruktur {
    /// `xsi:type` as written, e.g. `xzufi:LeistungsstrukturObjektMitVerrichtung`.
    pub xsi_type: Option<String>,
    /// `leistungsobjektID` (Leistungsobjekt).
    pub leistungsobjekt_id: Option<XzufiId>,
    /// `verrichtung/verrichtungLeiKa` (Verrichtung as LeiKa code).
    pub verrichtung: Option<XoevCode>,
    /// `verrichtungsdetail` (Verrichtungsdetail), kept as read because its content varies.
    pub verrichtungsdetail: Option<RawElement>,
    /// Further children (also of `verrichtung`), kept as read.
    pub unknown: Vec<RawElement>,
}

/// A Leistung (Verwaltungsleistung, `leistung`).
#[derive(Debug, Clone, PartialEq, Eq, Default, serde::Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Leistung {
    /// `id`.
    pub id: XzufiId,
    /// `referenzLeiKa`: LeiKa code values (LeiKa-Schlüssel), checked to be valid LeiKa keys on reading.
    pub referenz_leika: Vec<XoevCode>,
    /// `modulText`: the text modules.
    pub texte: Vec<ModulText>,
    /// `struktur`.
    pub struktur: Option<Leistungsstruktur>,
    /// `typisierung`: Typisierung codes (1, 2, 2/3, …).
    pub typisierung: Vec<XoevCode>,
    /// Children the model does not cover (e.g. `informationsbereichSDG`, `kategorie`,
    /// `versionsinformation`, `modulFachlicheFreigabe`), kept as read.
    pub unknown: Vec<RawElement>,
}

impl Leistung {
    /// The LeiKa keys of `referenzLeiKa` (LeiKa-Schlüssel).
    pub fn leika_keys(&self) -> Result<Vec<LeikaKey>, IdError> {
        self.referenz_leika.iter().map(|c| c.code.parse()).collect()
    }

    /// The text of the module with `leikaTextmodul` code `code`.
    pub fn modul_text(&self, code: &str) -> Option<&str> {
        self.texte
            .iter()
            .find(|m| m.textmodul.as_ref().is_some_and(|c| c.code == code))
            .and_then(ModulText::text)
    }

    /// Leistungsbezeichnung (text module `02`).
    pub fn bezeichnung(&self) -> Option<&str> {
        self.modul_text("02")
    }

    /// Leistungsbezeichnung II (text module `03`).
    pub fn bezeichnung2(&self) -> Option<&str> {
        self.modul_text("03")
    }
}

/// A Spezialisierung of a Leistung (`spezialisierung`): the id and text modules are modelled, the
/// rest is kept as read.
#[derive(Debug, Clone, PartialEq, Eq, Default, serde::Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Spezialisierung {
    /// `id`.
    pub id: XzufiId,
    /// `modulText`.
    pub texte: Vec<ModulText>,
    /// Further children, kept as read.
    pub unknown: Vec<RawElement>,
}

/// A Zuständigkeit of an Organisationseinheit (`zustaendigkeit`): which Leistung in which Gebiete.
#[derive(Debug, Clone, PartialEq, Eq, Default, serde::Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Zustaendigkeit {
    /// `leistungID`, usually a LeiKa URN `urn:de:fim:leika:leistung:<key>` (checked on reading).
    pub leistung_id: Option<XzufiId>,
    /// `gebietID`+: Gebiet URNs (checked on reading).
    pub gebiet_id: Vec<XzufiId>,
    /// `rolle` (Zuständigkeitsrolle), e.g. `01`/`02`.
    pub rolle: Option<XoevCode>,
    /// `idSekundaer`: secondary ids, e.g. the FIT-Connect DestinationSignature (checked on reading).
    pub id_sekundaer: Vec<XzufiId>,
    /// Further children, kept as read.
    pub unknown: Vec<RawElement>,
}

/// Why a Zuständigkeit could not be turned into a FIT-Connect channel.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum ChannelError {
    /// The `idSekundaer` value is not a compact JWS.
    Signature(IdError),
    /// The JWS payload is not base64url-encoded JSON with a `destinationId` string.
    Payload(String),
    /// The `destinationId` in the payload is not a UUID.
    DestinationId(IdError),
}

impl std::fmt::Display for ChannelError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ChannelError::Signature(e) => write!(f, "invalid DestinationSignature: {e}"),
            ChannelError::Payload(m) => write!(f, "DestinationSignature payload: {m}"),
            ChannelError::DestinationId(e) => write!(f, "DestinationSignature payload: {e}"),
        }
    }
}

impl std::error::Error for ChannelError {}

fn base64url_decode(s: &str) -> Option<Vec<u8>> {
    let mut out = Vec::with_capacity(s.len() * 3 / 4);
    let mut acc: u32 = 0;
    let mut bits = 0u32;
    for b in s.bytes() {
        let v = match b {
            b'A'..=b'Z' => b - b'A',
            b'a'..=b'z' => b - b'a' + 26,
            b'0'..=b'9' => b - b'0' + 52,
            b'-' => 62,
            b'_' => 63,
            b'=' => break,
            _ => return None,
        };
        acc = (acc << 6) | u32::from(v);
        bits += 6;
        if bits >= 8 {
            bits -= 8;
            out.push((acc >> bits) as u8);
            acc &= (1 << bits) - 1;
        }
    }
    Some(out)
}

impl Zustaendigkeit {
    /// The LeiKa key of `leistungID` (from its URN); `Ok(None)` when there is no `leistungID`.
    pub fn leika_key(&self) -> Result<Option<LeikaKey>, IdError> {
        self.leistung_id
            .as_ref()
            .map(|id| LeikaKey::from_urn(&id.value))
            .transpose()
    }

    /// The Gebiete (`gebietID` URNs → ARS prefixes).
    pub fn gebiete(&self) -> Result<Vec<GebietId>, IdError> {
        self.gebiet_id.iter().map(|g| g.value.parse()).collect()
    }

    /// The FIT-Connect DestinationSignature (`idSekundaer` with schemeID
    /// `urn:de:fitko:fit-connect:xzufi:destination`), if any.
    pub fn destination_signature(&self) -> Result<Option<DestinationSignature>, IdError> {
        self.id_sekundaer
            .iter()
            .find(|i| i.scheme_id() == Some(SCHEME_FIT_CONNECT_DESTINATION))
            .map(|i| i.value.parse())
            .transpose()
    }

    /// The FIT-Connect delivery channel (Zustellkanal) of this Zuständigkeit: the Destination-ID is
    /// taken from the `destinationId` claim of the DestinationSignature's payload (the signature is
    /// not verified). `Ok(None)` when there is no DestinationSignature.
    pub fn fit_connect_channel(&self) -> Result<Option<Zustellkanal>, ChannelError> {
        let Some(sig) = self
            .destination_signature()
            .map_err(ChannelError::Signature)?
        else {
            return Ok(None);
        };
        let payload = base64url_decode(sig.payload())
            .ok_or_else(|| ChannelError::Payload("not base64url".into()))?;
        let json: serde_json::Value = serde_json::from_slice(&payload)
            .map_err(|e| ChannelError::Payload(format!("not JSON: {e}")))?;
        let id = json
            .get("destinationId")
            .and_then(|v| v.as_str())
            .ok_or_else(|| ChannelError::Payload("no destinationId claim".into()))?;
        let destination_id: DestinationId = id.parse().map_err(ChannelError::DestinationId)?;
        Ok(Some(Zustellkanal::FitConnect {
            destination_id,
            destination_signature: Some(sig),
        }))
    }
}

/// An Organisationseinheit (Behörde/Amt, `organisationseinheit`).
#[derive(Debug, Clone, PartialEq, Eq, Default, serde::Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Organisationseinheit {
    /// `id`.
    pub id: XzufiId,
    /// `name/name`: the names, per language.
    pub name: Vec<LocalizedText>,
    /// `zustaendigkeit`: the Zuständigkeiten.
    pub zustaendigkeit: Vec<Zustaendigkeit>,
    /// Further children (also other children of the `name` wrapper), kept as read.
    pub unknown: Vec<RawElement>,
}

impl Organisationseinheit {
    /// The German (or first) name.
    pub fn name(&self) -> Option<&str> {
        LocalizedText::german_or_first(&self.name)
    }
}

/// A typed link of an Onlinedienst (`link`).
#[derive(Debug, Clone, PartialEq, Eq, Default, serde::Serialize)]
#[serde(rename_all = "camelCase")]
pub struct OnlinedienstLink {
    /// `typ`: link type code (list `urn:xoev-de:fim:codeliste:onlinedienstlinktyp`, e.g. `01`).
    pub typ: Option<XoevCode>,
    /// `link`: the URL.
    pub link: Option<String>,
    /// Further children, kept as read.
    pub unknown: Vec<RawElement>,
}

/// An Onlinedienst (`onlinedienst`, OnlinedienstErweitert).
#[derive(Debug, Clone, PartialEq, Eq, Default, serde::Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Onlinedienst {
    /// `id`.
    pub id: XzufiId,
    /// `bezeichnung`, per language.
    pub bezeichnung: Vec<LocalizedText>,
    /// `link`s.
    pub link: Vec<OnlinedienstLink>,
    /// Further children, kept as read.
    pub unknown: Vec<RawElement>,
}

/// One child of a `loesche` operation (Löschauftrag): the element as read, with its local name and
/// the id it names.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Loeschung {
    /// Local name of the child, e.g. `leistungID` (the object kind).
    pub element: String,
    /// The id: the child's own text when it has no child elements, else the text of its `id` child.
    pub id: Option<String>,
    /// The child as read (written back unchanged).
    pub raw: RawElement,
}

/// One object of an XZuFi message, in document order (XZuFi-Objekt).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
#[serde(tag = "object", rename_all = "camelCase")]
#[non_exhaustive]
// Objects are yielded one at a time and moved once; boxing would cost an allocation per object.
#[allow(clippy::large_enum_variant)]
pub enum XzufiObject {
    /// `schreibe/leistung`.
    Leistung(Leistung),
    /// `schreibe/spezialisierung`.
    Spezialisierung(Spezialisierung),
    /// `schreibe/organisationseinheit`.
    Organisationseinheit(Organisationseinheit),
    /// `schreibe/onlinedienst`.
    Onlinedienst(Onlinedienst),
    /// A child of `loesche`.
    Loesche(Loeschung),
    /// An element the model does not know, kept as read: a child of `schreibe` (`in_schreibe`) or
    /// of the message root.
    Unknown {
        /// Whether it was inside `schreibe` (else directly under the root).
        in_schreibe: bool,
        /// The element.
        element: RawElement,
    },
}

/// The message head (Nachrichtenkopf) and root attributes, available right after
/// [`XzufiReader::new`].
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "camelCase")]
pub struct XzufiHeader {
    /// Local name of the root element as read (its official name is not confirmed by the sources).
    pub root_name: String,
    /// Root attribute `xzufiVersion` (always `2.2.0` when read).
    pub xzufi_version: String,
    /// Root attribute `produktbezeichnung` (product name of the producing software).
    pub produktbezeichnung: Option<String>,
    /// Root attribute `produkthersteller` (producer of the software).
    pub produkthersteller: Option<String>,
    /// Other root attributes (e.g. `xsi:schemaLocation`), kept as read.
    pub other_attributes: Vec<RawAttribute>,
    /// `nachrichtenkopf`, kept as read.
    pub nachrichtenkopf: Option<RawElement>,
    /// `transaktionID`, if present.
    pub transaktion_id: Option<String>,
    /// `transaktionPosition`, if present.
    pub transaktion_position: Option<String>,
    /// Other children before the first `schreibe`/`loesche`, kept as read.
    pub unknown: Vec<RawElement>,
}

impl XzufiHeader {
    /// A header for writing, with the given root element local name.
    pub fn new(root_name: impl Into<String>) -> Self {
        XzufiHeader {
            root_name: root_name.into(),
            xzufi_version: XZUFI_VERSION.to_owned(),
            produktbezeichnung: None,
            produkthersteller: None,
            other_attributes: Vec::new(),
            nachrichtenkopf: None,
            transaktion_id: None,
            transaktion_position: None,
            unknown: Vec::new(),
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum State {
    Root,
    Schreibe,
    Loesche,
    Done,
}

/// Streaming reader of an XZuFi 2.2.0 message (XZuFi-Leser): an iterator over its objects.
///
/// Memory does not grow with the file: objects are read one at a time and the parser's buffers are
/// reused. A value that does not parse (a LeiKa key, a Gebiet URN, a DestinationSignature) or a
/// missing required element yields an `Err` for that object and the iteration continues with the
/// next object; a well-formedness, limit or I/O error yields an `Err` and ends the iteration.
pub struct XzufiReader<R> {
    p: PullParser<R>,
    header: XzufiHeader,
    state: State,
}

impl<R: Read> XzufiReader<R> {
    /// Opens a message: reads the root and everything up to the first `schreibe`/`loesche`.
    ///
    /// Errors: the root is not in the XZuFi 2.2.0 namespace ([`XmlErrorKind::WrongNamespace`]), its
    /// `xzufiVersion` is missing or not `2.2.0` ([`XmlErrorKind::WrongVersion`]), or the document is
    /// not well-formed.
    pub fn new(input: R, config: ReaderConfig) -> Result<Self, XmlError> {
        let mut p = PullParser::new(input, config);
        match p.next_tag()? {
            Ev::Start => {}
            _ => {
                return Err(p.error(XmlErrorKind::UnexpectedElement {
                    expected: "an XZuFi root element".into(),
                    found: p.describe(),
                }));
            }
        }
        if p.ns() != Some(NS_XZUFI_2_2) {
            return Err(p.error(XmlErrorKind::WrongNamespace {
                expected: NS_XZUFI_2_2.into(),
                found: p.ns().unwrap_or("").to_owned(),
            }));
        }
        let version = p.attr("xzufiVersion").unwrap_or("").trim();
        if version != XZUFI_VERSION {
            return Err(p.error(XmlErrorKind::WrongVersion {
                expected: XZUFI_VERSION.into(),
                found: version.to_owned(),
            }));
        }
        let mut header = XzufiHeader::new(p.local());
        header.produktbezeichnung = p.attr("produktbezeichnung").map(str::to_owned);
        header.produkthersteller = p.attr("produkthersteller").map(str::to_owned);
        header.other_attributes = p
            .attrs()
            .filter(|a| {
                !(a.ns.is_none()
                    && matches!(
                        a.local,
                        "xzufiVersion" | "produktbezeichnung" | "produkthersteller"
                    ))
            })
            .map(|a| RawAttribute {
                namespace: a.ns.map(str::to_owned),
                name: a.local.to_owned(),
                value: a.value.to_owned(),
            })
            .collect();
        let state = loop {
            match p.next_tag()? {
                Ev::Start if p.is_child(NS_XZUFI_2_2, "nachrichtenkopf") => {
                    header.nachrichtenkopf = Some(p.read_raw()?);
                }
                Ev::Start if p.is_child(NS_XZUFI_2_2, "transaktionID") => {
                    header.transaktion_id = Some(p.read_text_trimmed()?);
                }
                Ev::Start if p.is_child(NS_XZUFI_2_2, "transaktionPosition") => {
                    header.transaktion_position = Some(p.read_text_trimmed()?);
                }
                Ev::Start if p.is_child(NS_XZUFI_2_2, "schreibe") => break State::Schreibe,
                Ev::Start if p.is_child(NS_XZUFI_2_2, "loesche") => break State::Loesche,
                Ev::Start => header.unknown.push(p.read_raw()?),
                Ev::End => {
                    p.drain()?;
                    break State::Done;
                }
                _ => return Err(eof_error(&p)),
            }
        };
        Ok(XzufiReader { p, header, state })
    }

    /// The message head and root attributes.
    pub fn header(&self) -> &XzufiHeader {
        &self.header
    }

    fn next_object(&mut self) -> Result<Option<XzufiObject>, XmlError> {
        loop {
            match self.state {
                State::Done => return Ok(None),
                State::Root => match self.p.next_tag()? {
                    Ev::Start if self.p.is_child(NS_XZUFI_2_2, "schreibe") => {
                        self.state = State::Schreibe;
                    }
                    Ev::Start if self.p.is_child(NS_XZUFI_2_2, "loesche") => {
                        self.state = State::Loesche;
                    }
                    Ev::Start => {
                        return Ok(Some(XzufiObject::Unknown {
                            in_schreibe: false,
                            element: self.p.read_raw()?,
                        }));
                    }
                    Ev::End => {
                        self.state = State::Done;
                        self.p.drain()?;
                        return Ok(None);
                    }
                    _ => return Err(eof_error(&self.p)),
                },
                State::Schreibe => match self.p.next_tag()? {
                    Ev::Start => {
                        let depth = self.p.depth();
                        let result = self.read_schreibe_child();
                        if result.is_err() && !self.p.failed() {
                            self.p.recover_to_end_of(depth)?;
                        }
                        return result.map(Some);
                    }
                    Ev::End => self.state = State::Root,
                    _ => return Err(eof_error(&self.p)),
                },
                State::Loesche => match self.p.next_tag()? {
                    Ev::Start => {
                        let raw = self.p.read_raw()?;
                        let id = if raw
                            .children
                            .iter()
                            .any(|c| matches!(c, crate::raw::RawNode::Element(_)))
                        {
                            raw.child("id").map(|e| e.text().trim().to_owned())
                        } else {
                            Some(raw.text().trim().to_owned())
                        };
                        return Ok(Some(XzufiObject::Loesche(Loeschung {
                            element: raw.name.clone(),
                            id,
                            raw,
                        })));
                    }
                    Ev::End => self.state = State::Root,
                    _ => return Err(eof_error(&self.p)),
                },
            }
        }
    }

    fn read_schreibe_child(&mut self) -> Result<XzufiObject, XmlError> {
        let p = &mut self.p;
        if p.is_child(NS_XZUFI_2_2, "leistung") {
            read_leistung(p).map(XzufiObject::Leistung)
        } else if p.is_child(NS_XZUFI_2_2, "spezialisierung") {
            read_spezialisierung(p).map(XzufiObject::Spezialisierung)
        } else if p.is_child(NS_XZUFI_2_2, "organisationseinheit") {
            read_organisationseinheit(p).map(XzufiObject::Organisationseinheit)
        } else if p.is_child(NS_XZUFI_2_2, "onlinedienst") {
            read_onlinedienst(p).map(XzufiObject::Onlinedienst)
        } else {
            Ok(XzufiObject::Unknown {
                in_schreibe: true,
                element: p.read_raw()?,
            })
        }
    }
}

impl<R: Read> Iterator for XzufiReader<R> {
    type Item = Result<XzufiObject, XmlError>;

    fn next(&mut self) -> Option<Self::Item> {
        match self.next_object() {
            Ok(Some(o)) => Some(Ok(o)),
            Ok(None) => None,
            Err(e) => {
                if self.p.failed() {
                    self.state = State::Done;
                }
                Some(Err(e))
            }
        }
    }
}

// ------------------------------------------------------------------------------------------------
// object readers
// ------------------------------------------------------------------------------------------------

fn read_id<R: Read>(p: &mut PullParser<R>) -> Result<XzufiId, XmlError> {
    let attributes = p
        .attrs()
        .map(|a| RawAttribute {
            namespace: a.ns.map(str::to_owned),
            name: a.local.to_owned(),
            value: a.value.to_owned(),
        })
        .collect();
    let value = p.read_text_trimmed()?;
    Ok(XzufiId { value, attributes })
}

fn read_localized<R: Read>(p: &mut PullParser<R>) -> Result<LocalizedText, XmlError> {
    let language = p.attr("languageCode").map(str::to_owned);
    let text = p.read_text()?;
    Ok(LocalizedText { language, text })
}

fn read_xzufi_code<R: Read>(p: &mut PullParser<R>, field: &str) -> Result<XoevCode, XmlError> {
    let list_uri = p.attr("listURI").unwrap_or("").to_owned();
    read_code_with(p, field, list_uri)
}

fn read_modul_text<R: Read>(p: &mut PullParser<R>) -> Result<ModulText, XmlError> {
    let mut m = ModulText::default();
    loop {
        match p.next_tag()? {
            Ev::Start if p.is_child(NS_XZUFI_2_2, "leikaTextmodul") => {
                m.textmodul = Some(read_xzufi_code(p, "modulText/leikaTextmodul")?);
            }
            Ev::Start if p.is_child(NS_XZUFI_2_2, "inhalt") => m.inhalt.push(read_localized(p)?),
            Ev::Start => m.unknown.push(p.read_raw()?),
            Ev::End => return Ok(m),
            _ => return Err(eof_error(p)),
        }
    }
}

fn read_struktur<R: Read>(p: &mut PullParser<R>) -> Result<Leistungsstruktur, XmlError> {
    let mut s = Leistungsstruktur {
        xsi_type: p.attr_ns(NS_XSI, "type").map(str::to_owned),
        ..Default::default()
    };
    loop {
        match p.next_tag()? {
            Ev::Start if p.is_child(NS_XZUFI_2_2, "leistungsobjektID") => {
                s.leistungsobjekt_id = Some(read_id(p)?);
            }
            Ev::Start if p.is_child(NS_XZUFI_2_2, "verrichtung") => loop {
                match p.next_tag()? {
                    Ev::Start if p.is_child(NS_XZUFI_2_2, "verrichtungLeiKa") => {
                        s.verrichtung =
                            Some(read_xzufi_code(p, "struktur/verrichtung/verrichtungLeiKa")?);
                    }
                    Ev::Start => s.unknown.push(p.read_raw()?),
                    Ev::End => break,
                    _ => return Err(eof_error(p)),
                }
            },
            Ev::Start if p.is_child(NS_XZUFI_2_2, "verrichtungsdetail") => {
                s.verrichtungsdetail = Some(p.read_raw()?);
            }
            Ev::Start => s.unknown.push(p.read_raw()?),
            Ev::End => return Ok(s),
            _ => return Err(eof_error(p)),
        }
    }
}

fn read_leistung<R: Read>(p: &mut PullParser<R>) -> Result<Leistung, XmlError> {
    let mut l = Leistung::default();
    let mut has_id = false;
    loop {
        match p.next_tag()? {
            Ev::Start if p.is_child(NS_XZUFI_2_2, "id") => {
                l.id = read_id(p)?;
                has_id = true;
            }
            Ev::Start if p.is_child(NS_XZUFI_2_2, "referenzLeiKa") => {
                let code = read_xzufi_code(p, "leistung/referenzLeiKa")?;
                if let Err(e) = code.code.parse::<LeikaKey>() {
                    return Err(invalid(p, "leistung/referenzLeiKa/code", &code.code, e));
                }
                l.referenz_leika.push(code);
            }
            Ev::Start if p.is_child(NS_XZUFI_2_2, "modulText") => l.texte.push(read_modul_text(p)?),
            Ev::Start if p.is_child(NS_XZUFI_2_2, "struktur") => {
                l.struktur = Some(read_struktur(p)?)
            }
            Ev::Start if p.is_child(NS_XZUFI_2_2, "typisierung") => {
                l.typisierung
                    .push(read_xzufi_code(p, "leistung/typisierung")?);
            }
            Ev::Start => l.unknown.push(p.read_raw()?),
            Ev::End => break,
            _ => return Err(eof_error(p)),
        }
    }
    if !has_id {
        return Err(missing(p, "leistung/id"));
    }
    Ok(l)
}

fn read_spezialisierung<R: Read>(p: &mut PullParser<R>) -> Result<Spezialisierung, XmlError> {
    let mut s = Spezialisierung::default();
    let mut has_id = false;
    loop {
        match p.next_tag()? {
            Ev::Start if p.is_child(NS_XZUFI_2_2, "id") => {
                s.id = read_id(p)?;
                has_id = true;
            }
            Ev::Start if p.is_child(NS_XZUFI_2_2, "modulText") => s.texte.push(read_modul_text(p)?),
            Ev::Start => s.unknown.push(p.read_raw()?),
            Ev::End => break,
            _ => return Err(eof_error(p)),
        }
    }
    if !has_id {
        return Err(missing(p, "spezialisierung/id"));
    }
    Ok(s)
}

fn read_zustaendigkeit<R: Read>(p: &mut PullParser<R>) -> Result<Zustaendigkeit, XmlError> {
    let mut z = Zustaendigkeit::default();
    loop {
        match p.next_tag()? {
            Ev::Start if p.is_child(NS_XZUFI_2_2, "leistungID") => {
                let id = read_id(p)?;
                if id.value.starts_with(LEIKA_URN_PREFIX)
                    && let Err(e) = LeikaKey::from_urn(&id.value)
                {
                    return Err(invalid(p, "zustaendigkeit/leistungID", &id.value, e));
                }
                z.leistung_id = Some(id);
            }
            Ev::Start if p.is_child(NS_XZUFI_2_2, "gebietID") => {
                let id = read_id(p)?;
                if let Err(e) = id.value.parse::<GebietId>() {
                    return Err(invalid(p, "zustaendigkeit/gebietID", &id.value, e));
                }
                z.gebiet_id.push(id);
            }
            Ev::Start if p.is_child(NS_XZUFI_2_2, "rolle") => {
                z.rolle = Some(read_xzufi_code(p, "zustaendigkeit/rolle")?);
            }
            Ev::Start if p.is_child(NS_XZUFI_2_2, "idSekundaer") => {
                let id = read_id(p)?;
                if id.scheme_id() == Some(SCHEME_FIT_CONNECT_DESTINATION)
                    && let Err(e) = DestinationSignature::check(&id.value)
                {
                    return Err(invalid(p, "zustaendigkeit/idSekundaer", &id.value, e));
                }
                z.id_sekundaer.push(id);
            }
            Ev::Start => z.unknown.push(p.read_raw()?),
            Ev::End => return Ok(z),
            _ => return Err(eof_error(p)),
        }
    }
}

fn read_organisationseinheit<R: Read>(
    p: &mut PullParser<R>,
) -> Result<Organisationseinheit, XmlError> {
    let mut o = Organisationseinheit::default();
    let mut has_id = false;
    loop {
        match p.next_tag()? {
            Ev::Start if p.is_child(NS_XZUFI_2_2, "id") => {
                o.id = read_id(p)?;
                has_id = true;
            }
            Ev::Start if p.is_child(NS_XZUFI_2_2, "name") => loop {
                match p.next_tag()? {
                    Ev::Start if p.is_child(NS_XZUFI_2_2, "name") => {
                        o.name.push(read_localized(p)?)
                    }
                    Ev::Start => o.unknown.push(p.read_raw()?),
                    Ev::End => break,
                    _ => return Err(eof_error(p)),
                }
            },
            Ev::Start if p.is_child(NS_XZUFI_2_2, "zustaendigkeit") => {
                o.zustaendigkeit.push(read_zustaendigkeit(p)?);
            }
            Ev::Start => o.unknown.push(p.read_raw()?),
            Ev::End => break,
            _ => return Err(eof_error(p)),
        }
    }
    if !has_id {
        return Err(missing(p, "organisationseinheit/id"));
    }
    Ok(o)
}

fn read_onlinedienst<R: Read>(p: &mut PullParser<R>) -> Result<Onlinedienst, XmlError> {
    let mut o = Onlinedienst::default();
    let mut has_id = false;
    loop {
        match p.next_tag()? {
            Ev::Start if p.is_child(NS_XZUFI_2_2, "id") => {
                o.id = read_id(p)?;
                has_id = true;
            }
            Ev::Start if p.is_child(NS_XZUFI_2_2, "bezeichnung") => {
                o.bezeichnung.push(read_localized(p)?);
            }
            Ev::Start if p.is_child(NS_XZUFI_2_2, "link") => {
                let mut link = OnlinedienstLink::default();
                loop {
                    match p.next_tag()? {
                        Ev::Start if p.is_child(NS_XZUFI_2_2, "typ") => {
                            link.typ = Some(read_xzufi_code(p, "onlinedienst/link/typ")?);
                        }
                        Ev::Start if p.is_child(NS_XZUFI_2_2, "link") => {
                            link.link = Some(p.read_text_trimmed()?);
                        }
                        Ev::Start => link.unknown.push(p.read_raw()?),
                        Ev::End => break,
                        _ => return Err(eof_error(p)),
                    }
                }
                o.link.push(link);
            }
            Ev::Start => o.unknown.push(p.read_raw()?),
            Ev::End => break,
            _ => return Err(eof_error(p)),
        }
    }
    if !has_id {
        return Err(missing(p, "onlinedienst/id"));
    }
    Ok(o)
}

// ------------------------------------------------------------------------------------------------
// writer
// ------------------------------------------------------------------------------------------------

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Open {
    None,
    Schreibe,
    Loesche,
}

/// Writer of an XZuFi 2.2.0 message (XZuFi-Schreiber): consecutive objects of the same operation
/// share one `schreibe`/`loesche` element. Call [`finish`](Self::finish) to close the message.
///
/// ```
/// use ozg_xml::xzufi::{Leistung, XzufiHeader, XzufiId, XzufiObject, XzufiReader, XzufiWriter};
/// use ozg_core::code::XoevCode;
/// let mut w = XzufiWriter::new(Vec::new(), &XzufiHeader::new("nachricht")).unwrap();
/// let leistung = Leistung {
///     id: XzufiId::new("L100001"),
///     referenz_leika: vec![XoevCode {
///         list_uri: String::new(),
///         list_version_id: None,
///         code: "99107023017000".into(),
///         name: None,
///     }],
///     ..Default::default()
/// };
/// w.write(&XzufiObject::Leistung(leistung.clone())).unwrap();
/// let bytes = w.finish().unwrap();
/// let objects: Vec<_> = XzufiReader::new(&bytes[..], Default::default())
///     .unwrap()
///     .collect::<Result<_, _>>()
///     .unwrap();
/// assert_eq!(objects, vec![XzufiObject::Leistung(leistung)]);
/// ```
pub struct XzufiWriter<W: Write> {
    w: XmlWriter<W>,
    root: String,
    open: Open,
}

const P: &str = "xzufi:";

fn q(local: &str) -> String {
    let mut s = String::with_capacity(P.len() + local.len());
    s.push_str(P);
    s.push_str(local);
    s
}

/// Turns attributes into `(qname, value)` pairs, declaring prefixes `a0`, `a1`, … for namespaces
/// other than XSI.
fn attr_pairs(attrs: &[RawAttribute]) -> Vec<(String, String)> {
    let mut decls: Vec<(String, String)> = Vec::new();
    let mut out = Vec::new();
    for a in attrs {
        let name = match a.namespace.as_deref() {
            None => a.name.clone(),
            Some(NS_XSI) => format!("xsi:{}", a.name),
            Some(ns) => {
                let prefix = match decls.iter().find(|(_, n)| n == ns) {
                    Some((p, _)) => p.clone(),
                    None => {
                        let p = format!("a{}", decls.len());
                        decls.push((p.clone(), ns.to_owned()));
                        p
                    }
                };
                format!("{prefix}:{}", a.name)
            }
        };
        out.push((name, a.value.clone()));
    }
    let mut all: Vec<(String, String)> = decls
        .into_iter()
        .map(|(p, ns)| (format!("xmlns:{p}"), ns))
        .collect();
    all.extend(out);
    all
}

fn as_refs(pairs: &[(String, String)]) -> Vec<(&str, &str)> {
    pairs
        .iter()
        .map(|(a, b)| (a.as_str(), b.as_str()))
        .collect()
}

impl<W: Write> XzufiWriter<W> {
    /// Starts a message: XML declaration, root element `xzufi:<root_name>` with `xzufiVersion`
    /// 2.2.0 and the header's attributes, then `nachrichtenkopf`, `transaktionID`,
    /// `transaktionPosition` and the header's other children.
    pub fn new(out: W, header: &XzufiHeader) -> Result<Self, XmlError> {
        let mut w = XmlWriter::pretty(out);
        w.declaration()?;
        let root = q(&header.root_name);
        let mut attrs: Vec<(String, String)> = vec![
            ("xmlns:xzufi".into(), NS_XZUFI_2_2.into()),
            ("xmlns:xsi".into(), NS_XSI.into()),
            ("xzufiVersion".into(), XZUFI_VERSION.into()),
        ];
        if let Some(v) = &header.produktbezeichnung {
            attrs.push(("produktbezeichnung".into(), v.clone()));
        }
        if let Some(v) = &header.produkthersteller {
            attrs.push(("produkthersteller".into(), v.clone()));
        }
        attrs.extend(attr_pairs(&header.other_attributes));
        w.start(&root, &as_refs(&attrs))?;
        if let Some(k) = &header.nachrichtenkopf {
            w.raw_element(k)?;
        }
        if let Some(v) = &header.transaktion_id {
            w.leaf("xzufi:transaktionID", &[], v)?;
        }
        if let Some(v) = &header.transaktion_position {
            w.leaf("xzufi:transaktionPosition", &[], v)?;
        }
        for e in &header.unknown {
            w.raw_element(e)?;
        }
        Ok(XzufiWriter {
            w,
            root,
            open: Open::None,
        })
    }

    fn ensure(&mut self, want: Open) -> Result<(), XmlError> {
        if self.open == want {
            return Ok(());
        }
        match self.open {
            Open::Schreibe => self.w.end("xzufi:schreibe")?,
            Open::Loesche => self.w.end("xzufi:loesche")?,
            Open::None => {}
        }
        match want {
            Open::Schreibe => self.w.start("xzufi:schreibe", &[])?,
            Open::Loesche => self.w.start("xzufi:loesche", &[])?,
            Open::None => {}
        }
        self.open = want;
        Ok(())
    }

    /// Writes one object.
    pub fn write(&mut self, object: &XzufiObject) -> Result<(), XmlError> {
        match object {
            XzufiObject::Leistung(l) => {
                self.ensure(Open::Schreibe)?;
                self.leistung(l)
            }
            XzufiObject::Spezialisierung(s) => {
                self.ensure(Open::Schreibe)?;
                self.w.start("xzufi:spezialisierung", &[])?;
                self.id("id", &s.id)?;
                for m in &s.texte {
                    self.modul_text(m)?;
                }
                self.raws(&s.unknown)?;
                self.w.end("xzufi:spezialisierung")
            }
            XzufiObject::Organisationseinheit(o) => {
                self.ensure(Open::Schreibe)?;
                self.organisationseinheit(o)
            }
            XzufiObject::Onlinedienst(o) => {
                self.ensure(Open::Schreibe)?;
                self.onlinedienst(o)
            }
            XzufiObject::Loesche(l) => {
                self.ensure(Open::Loesche)?;
                self.w.raw_element(&l.raw)
            }
            XzufiObject::Unknown {
                in_schreibe,
                element,
            } => {
                self.ensure(if *in_schreibe {
                    Open::Schreibe
                } else {
                    Open::None
                })?;
                self.w.raw_element(element)
            }
        }
    }

    /// Closes the open operation and the root element and returns the output.
    pub fn finish(mut self) -> Result<W, XmlError> {
        self.ensure(Open::None)?;
        let root = std::mem::take(&mut self.root);
        self.w.end(&root)?;
        let mut out = self.w.into_inner();
        out.write_all(b"\n")?;
        out.flush()?;
        Ok(out)
    }

    fn raws(&mut self, raws: &[RawElement]) -> Result<(), XmlError> {
        for e in raws {
            self.w.raw_element(e)?;
        }
        Ok(())
    }

    fn id(&mut self, local: &str, id: &XzufiId) -> Result<(), XmlError> {
        let pairs = attr_pairs(&id.attributes);
        self.w.leaf(&q(local), &as_refs(&pairs), &id.value)
    }

    fn localized(&mut self, local: &str, t: &LocalizedText) -> Result<(), XmlError> {
        match &t.language {
            Some(l) => self.w.leaf(&q(local), &[("languageCode", l)], &t.text),
            None => self.w.leaf(&q(local), &[], &t.text),
        }
    }

    fn code(&mut self, local: &str, c: &XoevCode) -> Result<(), XmlError> {
        write_code(&mut self.w, &q(local), &[], c)
    }

    fn modul_text(&mut self, m: &ModulText) -> Result<(), XmlError> {
        self.w.start("xzufi:modulText", &[])?;
        if let Some(c) = &m.textmodul {
            self.code("leikaTextmodul", c)?;
        }
        for t in &m.inhalt {
            self.localized("inhalt", t)?;
        }
        self.raws(&m.unknown)?;
        self.w.end("xzufi:modulText")
    }

    fn leistung(&mut self, l: &Leistung) -> Result<(), XmlError> {
        self.w.start("xzufi:leistung", &[])?;
        self.id("id", &l.id)?;
        for c in &l.referenz_leika {
            self.code("referenzLeiKa", c)?;
        }
        for m in &l.texte {
            self.modul_text(m)?;
        }
        if let Some(s) = &l.struktur {
            let attrs: Vec<(&str, &str)> = match &s.xsi_type {
                Some(t) => vec![("xsi:type", t.as_str())],
                None => vec![],
            };
            self.w.start("xzufi:struktur", &attrs)?;
            if let Some(id) = &s.leistungsobjekt_id {
                self.id("leistungsobjektID", id)?;
            }
            if let Some(v) = &s.verrichtung {
                self.w.start("xzufi:verrichtung", &[])?;
                self.code("verrichtungLeiKa", v)?;
                self.w.end("xzufi:verrichtung")?;
            }
            if let Some(d) = &s.verrichtungsdetail {
                self.w.raw_element(d)?;
            }
            self.raws(&s.unknown)?;
            self.w.end("xzufi:struktur")?;
        }
        for c in &l.typisierung {
            self.code("typisierung", c)?;
        }
        self.raws(&l.unknown)?;
        self.w.end("xzufi:leistung")
    }

    fn organisationseinheit(&mut self, o: &Organisationseinheit) -> Result<(), XmlError> {
        self.w.start("xzufi:organisationseinheit", &[])?;
        self.id("id", &o.id)?;
        if !o.name.is_empty() {
            self.w.start("xzufi:name", &[])?;
            for n in &o.name {
                self.localized("name", n)?;
            }
            self.w.end("xzufi:name")?;
        }
        for z in &o.zustaendigkeit {
            self.w.start("xzufi:zustaendigkeit", &[])?;
            if let Some(id) = &z.leistung_id {
                self.id("leistungID", id)?;
            }
            for g in &z.gebiet_id {
                self.id("gebietID", g)?;
            }
            if let Some(r) = &z.rolle {
                self.code("rolle", r)?;
            }
            for i in &z.id_sekundaer {
                self.id("idSekundaer", i)?;
            }
            self.raws(&z.unknown)?;
            self.w.end("xzufi:zustaendigkeit")?;
        }
        self.raws(&o.unknown)?;
        self.w.end("xzufi:organisationseinheit")
    }

    fn onlinedienst(&mut self, o: &Onlinedienst) -> Result<(), XmlError> {
        self.w.start("xzufi:onlinedienst", &[])?;
        self.id("id", &o.id)?;
        for b in &o.bezeichnung {
            self.localized("bezeichnung", b)?;
        }
        for l in &o.link {
            self.w.start("xzufi:link", &[])?;
            if let Some(t) = &l.typ {
                self.code("typ", t)?;
            }
            if let Some(u) = &l.link {
                self.w.leaf("xzufi:link", &[], u)?;
            }
            self.raws(&l.unknown)?;
            self.w.end("xzufi:link")?;
        }
        self.raws(&o.unknown)?;
        self.w.end("xzufi:onlinedienst")
    }
}

/// Reads a whole XZuFi message from a string into its header and objects (convenience for small
/// messages; use [`XzufiReader`] for large ones).
pub fn read_all(xml: &str) -> Result<(XzufiHeader, Vec<XzufiObject>), XmlError> {
    let reader = XzufiReader::new(xml.as_bytes(), ReaderConfig::default())?;
    let header = reader.header().clone();
    let objects = reader.collect::<Result<Vec<_>, _>>()?;
    Ok((header, objects))
}

/// Writes a header and objects as one message into a string.
pub fn write_all(header: &XzufiHeader, objects: &[XzufiObject]) -> Result<String, XmlError> {
    let mut w = XzufiWriter::new(Vec::new(), header)?;
    for o in objects {
        w.write(o)?;
    }
    let bytes = w.finish()?;
    String::from_utf8(bytes).map_err(|e| XmlError::syntax(e.to_string()))
}
