//! The XZuFi writer.

use std::io::Write;

use super::NS_XSI;
use super::NS_XZUFI_2_2;
use super::model::*;
use crate::common::{CodeElement, Wrapper, as_refs, attr_pairs, write_code};
use crate::error::XmlError;
use crate::raw::{RawAttribute, RawElement};
use crate::writer::XmlWriter;

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
///     referenz_leika: vec![XoevCode::new("", None, "99107023017000").into()],
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

impl<W: Write> XzufiWriter<W> {
    /// Starts a message: XML declaration, root element `xzufi:<root_name>` with the header's
    /// `xzufiVersion` (as read; `2.2.0` for a new header) and its other attributes, then `nachrichtenkopf`, `transaktionID`,
    /// `transaktionPosition` and the header's other children.
    pub fn new(out: W, header: &XzufiHeader) -> Result<Self, XmlError> {
        let mut w = XmlWriter::pretty(out);
        w.declaration()?;
        let root = q(&header.root_name);
        let mut attrs: Vec<(String, String)> = vec![
            ("xmlns:xzufi".into(), NS_XZUFI_2_2.into()),
            ("xmlns:xsi".into(), NS_XSI.into()),
            ("xzufiVersion".into(), header.xzufi_version.clone()),
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
            let a = attr_pairs(&header.transaktion_id_attributes);
            w.leaf("xzufi:transaktionID", &as_refs(&a), v)?;
        }
        if let Some(v) = &header.transaktion_position {
            let a = attr_pairs(&header.transaktion_position_attributes);
            w.leaf("xzufi:transaktionPosition", &as_refs(&a), v)?;
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
                self.start("spezialisierung", &[], &s.other_attributes)?;
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
            XzufiObject::Operation(op) => {
                self.ensure(Open::None)?;
                let (want, local) = match op.operation {
                    OperationKind::Schreibe => (Open::Schreibe, "schreibe"),
                    OperationKind::Loesche => (Open::Loesche, "loesche"),
                };
                self.start(local, &[], &op.other_attributes)?;
                self.open = want;
                Ok(())
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

    /// Starts `xzufi:<local>` with `fixed` attributes and the kept `other` ones.
    fn start(
        &mut self,
        local: &str,
        fixed: &[(&str, &str)],
        other: &[RawAttribute],
    ) -> Result<(), XmlError> {
        let mut pairs: Vec<(String, String)> = fixed
            .iter()
            .map(|(a, b)| ((*a).to_owned(), (*b).to_owned()))
            .collect();
        pairs.extend(attr_pairs(other));
        self.w.start(&q(local), &as_refs(&pairs))
    }

    /// Starts the wrapper `xzufi:<local>` with its kept attributes.
    fn open_wrapper(&mut self, local: &str, wrapper: Option<&Wrapper>) -> Result<(), XmlError> {
        self.start(local, &[], wrapper.map_or(&[], |w| &w.other_attributes))
    }

    /// Writes the wrapper's kept children and its end tag.
    fn close_wrapper(&mut self, qname: &str, wrapper: Option<&Wrapper>) -> Result<(), XmlError> {
        if let Some(w) = wrapper {
            self.raws(&w.unknown)?;
        }
        self.w.end(qname)
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
        let mut pairs: Vec<(String, String)> = Vec::new();
        if let Some(l) = &t.language {
            pairs.push(("languageCode".into(), l.clone()));
        }
        pairs.extend(attr_pairs(&t.other_attributes));
        self.w.leaf(&q(local), &as_refs(&pairs), &t.text)
    }

    fn code(&mut self, local: &str, c: &CodeElement) -> Result<(), XmlError> {
        write_code(&mut self.w, &q(local), &[], c)
    }

    fn modul_text(&mut self, m: &ModulText) -> Result<(), XmlError> {
        self.start("modulText", &[], &m.other_attributes)?;
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
        self.start("leistung", &[], &l.other_attributes)?;
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
            self.start("struktur", &attrs, &s.other_attributes)?;
            if let Some(id) = &s.leistungsobjekt_id {
                self.id("leistungsobjektID", id)?;
            }
            if s.verrichtung.is_some() || s.verrichtung_wrapper.is_some() {
                let wrapper = s.verrichtung_wrapper.as_ref();
                self.open_wrapper("verrichtung", wrapper)?;
                if let Some(v) = &s.verrichtung {
                    self.code("verrichtungLeiKa", v)?;
                }
                self.close_wrapper("xzufi:verrichtung", wrapper)?;
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
        self.start("organisationseinheit", &[], &o.other_attributes)?;
        self.id("id", &o.id)?;
        if !o.name.is_empty() || o.name_wrapper.is_some() {
            let wrapper = o.name_wrapper.as_ref();
            self.open_wrapper("name", wrapper)?;
            for n in &o.name {
                self.localized("name", n)?;
            }
            self.close_wrapper("xzufi:name", wrapper)?;
        }
        for z in &o.zustaendigkeit {
            self.start("zustaendigkeit", &[], &z.other_attributes)?;
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
        self.start("onlinedienst", &[], &o.other_attributes)?;
        self.id("id", &o.id)?;
        for b in &o.bezeichnung {
            self.localized("bezeichnung", b)?;
        }
        for l in &o.link {
            self.start("link", &[], &l.other_attributes)?;
            if let Some(t) = &l.typ {
                self.code("typ", t)?;
            }
            if let Some(u) = &l.link {
                let a = attr_pairs(&l.link_attributes);
                self.w.leaf("xzufi:link", &as_refs(&a), u)?;
            }
            self.raws(&l.unknown)?;
            self.w.end("xzufi:link")?;
        }
        self.raws(&o.unknown)?;
        self.w.end("xzufi:onlinedienst")
    }
}
