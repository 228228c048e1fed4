//! The streaming XZuFi reader: message root and header, then one object per `next()`.

use std::io::Read;

use ozg_core::id::{DestinationSignature, LeikaKey};
use ozg_core::zufi::parse_gebiet_id;

use super::model::*;
use super::{
    LEIKA_URN_PREFIX, NS_XSI, NS_XZUFI_2_2, SCHEME_FIT_CONNECT_DESTINATION, XZUFI_VERSIONS_ACCEPTED,
};
use crate::common::{
    CodeElement, Wrapper, eof_error, invalid, missing, other_attributes, read_code_element,
};
use crate::config::ReaderConfig;
use crate::error::{XmlError, XmlErrorKind};
use crate::pull::{Ev, PullParser};
use crate::raw::{KeptChild, RawAttribute};

/// Counts of a read (Lesestatistik): objects yielded whole and objects skipped because of a bad
/// value (each of those was an `Err` with its line:column).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ReadCounts {
    /// Objects read whole.
    pub read: u64,
    /// Objects with a bad or missing value (reported, skipped).
    pub skipped: u64,
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
    counts: ReadCounts,
    object_position: (u64, u64),
    zustaendigkeit_positions: Vec<(u64, u64)>,
    /// An operation marker to yield before reading on.
    pending: Option<XzufiObject>,
    /// The kind of the previous child of the root when it was an operation (an empty operation
    /// without a marker does not count: it is not written back).
    last_operation: Option<OperationKind>,
    /// Whether anything (an object or the marker) was yielded for the open operation.
    operation_yielded: bool,
}

impl<R: Read> XzufiReader<R> {
    /// Opens a message: reads the root and everything up to the first `schreibe`/`loesche`.
    ///
    /// Errors: the root is not in the XZuFi 2.2.0 namespace ([`XmlErrorKind::WrongNamespace`]), its
    /// `xzufiVersion` is missing or not `2.2.0`/`2.2` ([`XmlErrorKind::WrongVersion`]), or the document is
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
        if !XZUFI_VERSIONS_ACCEPTED.contains(&version) {
            return Err(p.error(XmlErrorKind::WrongVersion {
                expected: XZUFI_VERSIONS_ACCEPTED.join(" or "),
                found: version.to_owned(),
            }));
        }
        let version = version.to_owned();
        let mut header = XzufiHeader::new(p.local());
        header.xzufi_version = version;
        header.produktbezeichnung = p.attr("produktbezeichnung").map(str::to_owned);
        header.produkthersteller = p.attr("produkthersteller").map(str::to_owned);
        header.other_attributes = other_attributes(
            &p,
            &["xzufiVersion", "produktbezeichnung", "produkthersteller"],
        );
        let state = loop {
            match p.next_tag()? {
                Ev::Start
                    if header.nachrichtenkopf.is_none()
                        && p.is_child(NS_XZUFI_2_2, "nachrichtenkopf") =>
                {
                    header.nachrichtenkopf = Some(p.read_raw()?);
                }
                Ev::Start
                    if header.transaktion_id.is_none()
                        && p.is_child(NS_XZUFI_2_2, "transaktionID") =>
                {
                    header.transaktion_id_attributes = other_attributes(&p, &[]);
                    header.transaktion_id = Some(p.read_text_trimmed()?);
                }
                Ev::Start
                    if header.transaktion_position.is_none()
                        && p.is_child(NS_XZUFI_2_2, "transaktionPosition") =>
                {
                    header.transaktion_position_attributes = other_attributes(&p, &[]);
                    header.transaktion_position = Some(p.read_text_trimmed()?);
                }
                Ev::Start if p.is_child(NS_XZUFI_2_2, "schreibe") => break State::Schreibe,
                Ev::Start if p.is_child(NS_XZUFI_2_2, "loesche") => break State::Loesche,
                Ev::Start => keep(&mut p, &mut header.unknown)?,
                Ev::End => {
                    p.drain()?;
                    break State::Done;
                }
                _ => return Err(eof_error(&p)),
            }
        };
        let mut reader = XzufiReader {
            p,
            header,
            state: State::Root,
            counts: ReadCounts::default(),
            object_position: (0, 0),
            zustaendigkeit_positions: Vec::new(),
            pending: None,
            last_operation: None,
            operation_yielded: false,
        };
        match state {
            State::Schreibe => reader.pending = reader.enter(OperationKind::Schreibe),
            State::Loesche => reader.pending = reader.enter(OperationKind::Loesche),
            other => reader.state = other,
        }
        Ok(reader)
    }

    /// At the start tag of an operation: enters it, and returns its marker when the writer
    /// needs one to reproduce it (attributes, or the same kind as the operation just before).
    fn enter(&mut self, kind: OperationKind) -> Option<XzufiObject> {
        self.state = match kind {
            OperationKind::Schreibe => State::Schreibe,
            OperationKind::Loesche => State::Loesche,
        };
        let other_attributes = other_attributes(&self.p, &[]);
        let needed = !other_attributes.is_empty() || self.last_operation == Some(kind);
        self.operation_yielded = needed;
        needed.then(|| {
            self.object_position = self.p.position();
            XzufiObject::Operation(Operation {
                operation: kind,
                other_attributes,
            })
        })
    }

    /// At the end tag of an operation: back at the root.
    fn leave(&mut self, kind: OperationKind) {
        self.state = State::Root;
        if self.operation_yielded {
            self.last_operation = Some(kind);
        }
    }

    /// The message head and root attributes.
    pub fn header(&self) -> &XzufiHeader {
        &self.header
    }

    /// Whether reading stopped at a well-formedness, limit or I/O error (the last `Err` was fatal:
    /// nothing more can be read). After a bad value inside an object this is false and the
    /// iteration goes on.
    pub fn failed(&self) -> bool {
        self.p.failed()
    }

    /// Objects read and skipped so far.
    pub fn counts(&self) -> ReadCounts {
        self.counts
    }

    /// Line and column of the start tag of the object last returned (or last failed).
    pub fn object_position(&self) -> (u64, u64) {
        self.object_position
    }

    /// Line and column of each `zustaendigkeit` of the Organisationseinheit last returned, in
    /// order (empty for other objects).
    pub fn zustaendigkeit_positions(&self) -> &[(u64, u64)] {
        &self.zustaendigkeit_positions
    }

    fn next_object(&mut self) -> Result<Option<XzufiObject>, XmlError> {
        if let Some(marker) = self.pending.take() {
            return Ok(Some(marker));
        }
        loop {
            match self.state {
                State::Done => return Ok(None),
                State::Root => match self.p.next_tag()? {
                    Ev::Start if self.p.is_child(NS_XZUFI_2_2, "schreibe") => {
                        if let Some(marker) = self.enter(OperationKind::Schreibe) {
                            return Ok(Some(marker));
                        }
                    }
                    Ev::Start if self.p.is_child(NS_XZUFI_2_2, "loesche") => {
                        if let Some(marker) = self.enter(OperationKind::Loesche) {
                            return Ok(Some(marker));
                        }
                    }
                    Ev::Start => {
                        self.last_operation = None;
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
                        self.operation_yielded = true;
                        self.object_position = self.p.position();
                        self.zustaendigkeit_positions.clear();
                        let depth = self.p.depth();
                        let result = self.read_schreibe_child();
                        if result.is_err() && !self.p.failed() {
                            self.p.recover_to_end_of(depth)?;
                        }
                        return result.map(Some);
                    }
                    Ev::End => self.leave(OperationKind::Schreibe),
                    _ => return Err(eof_error(&self.p)),
                },
                State::Loesche => match self.p.next_tag()? {
                    Ev::Start => {
                        self.operation_yielded = true;
                        self.object_position = self.p.position();
                        self.zustaendigkeit_positions.clear();
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
                    Ev::End => self.leave(OperationKind::Loesche),
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
            read_organisationseinheit(p, &mut self.zustaendigkeit_positions)
                .map(XzufiObject::Organisationseinheit)
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
            Ok(Some(o)) => {
                if !matches!(o, XzufiObject::Operation(_)) {
                    self.counts.read += 1;
                }
                Some(Ok(o))
            }
            Ok(None) => None,
            Err(e) => {
                if self.p.failed() {
                    self.state = State::Done;
                } else {
                    self.counts.skipped += 1;
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
    let attributes: Vec<RawAttribute> = other_attributes(p, &[]);
    let value = p.read_text_trimmed()?;
    Ok(XzufiId { value, attributes })
}

fn read_localized<R: Read>(p: &mut PullParser<R>) -> Result<LocalizedText, XmlError> {
    let language = p.attr("languageCode").map(str::to_owned);
    let other_attributes = other_attributes(p, &["languageCode"]);
    let text = p.read_text()?;
    Ok(LocalizedText {
        language,
        text,
        other_attributes,
    })
}

fn read_xzufi_code<R: Read>(p: &mut PullParser<R>, field: &str) -> Result<CodeElement, XmlError> {
    read_code_element(p, NS_XZUFI_2_2, field)
}

/// After the start of a wrapper the model steps through: its attributes (the children are added
/// by the caller).
fn open_wrapper<R: Read>(p: &PullParser<R>) -> Wrapper {
    Wrapper {
        other_attributes: other_attributes(p, &[]),
        unknown: Vec::new(),
    }
}

fn read_modul_text<R: Read>(p: &mut PullParser<R>) -> Result<ModulText, XmlError> {
    let mut m = ModulText {
        other_attributes: other_attributes(p, &[]),
        ..Default::default()
    };
    loop {
        match p.next_tag()? {
            Ev::Start if m.textmodul.is_none() && p.is_child(NS_XZUFI_2_2, "leikaTextmodul") => {
                m.textmodul = Some(read_xzufi_code(p, "modulText/leikaTextmodul")?);
            }
            Ev::Start if p.is_child(NS_XZUFI_2_2, "inhalt") => m.inhalt.push(read_localized(p)?),
            Ev::Start => keep(p, &mut m.unknown)?,
            Ev::End => return Ok(m),
            _ => return Err(eof_error(p)),
        }
    }
}

/// A QName value (`xsi:type`) in the XZuFi namespace with the prefix the writer declares for it
/// (`xzufi:`), whatever prefix the input bound; any other is kept as written.
fn xzufi_qname<R: Read>(p: &PullParser<R>, qname: &str) -> String {
    let t = qname.trim();
    match (p.qname_namespace(t), t.rsplit_once(':')) {
        (Some(NS_XZUFI_2_2), Some((_, local))) => format!("xzufi:{local}"),
        (Some(NS_XZUFI_2_2), None) => format!("xzufi:{t}"),
        _ => qname.to_owned(),
    }
}

fn read_struktur<R: Read>(p: &mut PullParser<R>) -> Result<Leistungsstruktur, XmlError> {
    let mut s = Leistungsstruktur {
        xsi_type: p.attr_ns(NS_XSI, "type").map(|t| xzufi_qname(p, t)),
        other_attributes: other_attributes(p, &[])
            .into_iter()
            .filter(|a| !(a.namespace.as_deref() == Some(NS_XSI) && a.name == "type"))
            .collect(),
        ..Default::default()
    };
    loop {
        match p.next_tag()? {
            Ev::Start
                if s.leistungsobjekt_id.is_none()
                    && p.is_child(NS_XZUFI_2_2, "leistungsobjektID") =>
            {
                s.leistungsobjekt_id = Some(read_id(p)?);
            }
            Ev::Start
                if s.verrichtung.is_none()
                    && s.verrichtung_wrapper.is_none()
                    && p.is_child(NS_XZUFI_2_2, "verrichtung") =>
            {
                let mut wrapper = open_wrapper(p);
                loop {
                    match p.next_tag()? {
                        Ev::Start
                            if s.verrichtung.is_none()
                                && p.is_child(NS_XZUFI_2_2, "verrichtungLeiKa") =>
                        {
                            s.verrichtung =
                                Some(read_xzufi_code(p, "struktur/verrichtung/verrichtungLeiKa")?);
                        }
                        Ev::Start => keep(p, &mut wrapper.unknown)?,
                        Ev::End => break,
                        _ => return Err(eof_error(p)),
                    }
                }
                if !wrapper.is_empty() || s.verrichtung.is_none() {
                    s.verrichtung_wrapper = Some(wrapper);
                }
            }
            Ev::Start
                if s.verrichtungsdetail.is_none()
                    && p.is_child(NS_XZUFI_2_2, "verrichtungsdetail") =>
            {
                s.verrichtungsdetail = Some(p.read_raw()?);
            }
            Ev::Start => keep(p, &mut s.unknown)?,
            Ev::End => return Ok(s),
            _ => return Err(eof_error(p)),
        }
    }
}

/// At the start tag of a child the model does not cover: keeps it, with its place among the
/// modelled children before it.
fn keep<R: Read>(p: &mut PullParser<R>, kept: &mut Vec<KeptChild>) -> Result<(), XmlError> {
    let after = p.ordinal().saturating_sub(kept.len());
    let element = p.read_raw()?;
    kept.push(KeptChild {
        after: Some(after),
        element,
    });
    Ok(())
}

fn read_leistung<R: Read>(p: &mut PullParser<R>) -> Result<Leistung, XmlError> {
    let mut l = Leistung {
        other_attributes: other_attributes(p, &[]),
        ..Default::default()
    };
    let mut has_id = false;
    loop {
        match p.next_tag()? {
            Ev::Start if !has_id && p.is_child(NS_XZUFI_2_2, "id") => {
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
            Ev::Start if l.struktur.is_none() && p.is_child(NS_XZUFI_2_2, "struktur") => {
                l.struktur = Some(read_struktur(p)?)
            }
            Ev::Start if p.is_child(NS_XZUFI_2_2, "typisierung") => {
                l.typisierung
                    .push(read_xzufi_code(p, "leistung/typisierung")?);
            }
            Ev::Start => keep(p, &mut l.unknown)?,
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
    let mut s = Spezialisierung {
        other_attributes: other_attributes(p, &[]),
        ..Default::default()
    };
    let mut has_id = false;
    loop {
        match p.next_tag()? {
            Ev::Start if !has_id && p.is_child(NS_XZUFI_2_2, "id") => {
                s.id = read_id(p)?;
                has_id = true;
            }
            Ev::Start if p.is_child(NS_XZUFI_2_2, "modulText") => s.texte.push(read_modul_text(p)?),
            Ev::Start => keep(p, &mut s.unknown)?,
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
    let mut z = Zustaendigkeit {
        other_attributes: other_attributes(p, &[]),
        ..Default::default()
    };
    loop {
        match p.next_tag()? {
            Ev::Start if z.leistung_id.is_none() && p.is_child(NS_XZUFI_2_2, "leistungID") => {
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
                if let Err(e) = parse_gebiet_id(&id.value, id.scheme_id()) {
                    return Err(invalid(p, "zustaendigkeit/gebietID", &id.value, e));
                }
                z.gebiet_id.push(id);
            }
            Ev::Start if z.rolle.is_none() && p.is_child(NS_XZUFI_2_2, "rolle") => {
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
            Ev::Start => keep(p, &mut z.unknown)?,
            Ev::End => return Ok(z),
            _ => return Err(eof_error(p)),
        }
    }
}

fn read_organisationseinheit<R: Read>(
    p: &mut PullParser<R>,
    positions: &mut Vec<(u64, u64)>,
) -> Result<Organisationseinheit, XmlError> {
    let mut o = Organisationseinheit {
        other_attributes: other_attributes(p, &[]),
        ..Default::default()
    };
    let mut has_id = false;
    let mut has_name = false;
    loop {
        match p.next_tag()? {
            Ev::Start if !has_id && p.is_child(NS_XZUFI_2_2, "id") => {
                o.id = read_id(p)?;
                has_id = true;
            }
            Ev::Start if !has_name && p.is_child(NS_XZUFI_2_2, "name") => {
                has_name = true;
                let mut wrapper = open_wrapper(p);
                loop {
                    match p.next_tag()? {
                        Ev::Start if p.is_child(NS_XZUFI_2_2, "name") => {
                            o.name.push(read_localized(p)?)
                        }
                        Ev::Start => keep(p, &mut wrapper.unknown)?,
                        Ev::End => break,
                        _ => return Err(eof_error(p)),
                    }
                }
                if !wrapper.is_empty() || o.name.is_empty() {
                    o.name_wrapper = Some(wrapper);
                }
            }
            Ev::Start if p.is_child(NS_XZUFI_2_2, "zustaendigkeit") => {
                positions.push(p.position());
                o.zustaendigkeit.push(read_zustaendigkeit(p)?);
            }
            Ev::Start => keep(p, &mut o.unknown)?,
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
    let mut o = Onlinedienst {
        other_attributes: other_attributes(p, &[]),
        ..Default::default()
    };
    let mut has_id = false;
    loop {
        match p.next_tag()? {
            Ev::Start if !has_id && p.is_child(NS_XZUFI_2_2, "id") => {
                o.id = read_id(p)?;
                has_id = true;
            }
            Ev::Start if p.is_child(NS_XZUFI_2_2, "bezeichnung") => {
                o.bezeichnung.push(read_localized(p)?);
            }
            Ev::Start if p.is_child(NS_XZUFI_2_2, "link") => {
                let mut link = OnlinedienstLink {
                    other_attributes: other_attributes(p, &[]),
                    ..Default::default()
                };
                loop {
                    match p.next_tag()? {
                        Ev::Start if link.typ.is_none() && p.is_child(NS_XZUFI_2_2, "typ") => {
                            link.typ = Some(read_xzufi_code(p, "onlinedienst/link/typ")?);
                        }
                        Ev::Start if link.link.is_none() && p.is_child(NS_XZUFI_2_2, "link") => {
                            link.link_attributes = other_attributes(p, &[]);
                            link.link = Some(p.read_text_trimmed()?);
                        }
                        Ev::Start => keep(p, &mut link.unknown)?,
                        Ev::End => break,
                        _ => return Err(eof_error(p)),
                    }
                }
                o.link.push(link);
            }
            Ev::Start => keep(p, &mut o.unknown)?,
            Ev::End => break,
            _ => return Err(eof_error(p)),
        }
    }
    if !has_id {
        return Err(missing(p, "onlinedienst/id"));
    }
    Ok(o)
}
