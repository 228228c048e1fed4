//! The XZuFi writer.

use std::io::Write;

use super::NS_XSI;
use super::NS_XZUFI_2_2;
use super::model::*;
use crate::common::{CodeElement, Wrapper, as_refs, attr_pairs, write_code};
use crate::error::XmlError;
use crate::raw::{KeptChild, RawAttribute};
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

/// The kept children of one element, written back among its modelled children: before the
/// modelled child number `n`, those that came before it (`after <= n`), in their order; the rest
/// after the last.
struct Kept<'a> {
    kept: &'a [KeptChild],
    next: usize,
    modelled: usize,
}

impl<'a> Kept<'a> {
    fn new(kept: &'a [KeptChild]) -> Self {
        Kept {
            kept,
            next: 0,
            modelled: 0,
        }
    }

    /// Before the next modelled child.
    fn before<W: Write>(&mut self, w: &mut XmlWriter<W>) -> Result<(), XmlError> {
        while let Some(k) = self.kept.get(self.next)
            && k.after.is_some_and(|a| a <= self.modelled)
        {
            w.raw_element(&k.element)?;
            self.next += 1;
        }
        self.modelled += 1;
        Ok(())
    }

    /// After the last modelled child.
    fn rest<W: Write>(self, w: &mut XmlWriter<W>) -> Result<(), XmlError> {
        for k in self.kept.get(self.next..).unwrap_or_default() {
            w.raw_element(&k.element)?;
        }
        Ok(())
    }
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
        let mut k = Kept::new(&header.unknown);
        if let Some(n) = &header.nachrichtenkopf {
            k.before(&mut w)?;
            w.raw_element(n)?;
        }
        if let Some(v) = &header.transaktion_id {
            k.before(&mut w)?;
            let a = attr_pairs(&header.transaktion_id_attributes);
            w.leaf("xzufi:transaktionID", &as_refs(&a), v)?;
        }
        if let Some(v) = &header.transaktion_position {
            k.before(&mut w)?;
            let a = attr_pairs(&header.transaktion_position_attributes);
            w.leaf("xzufi:transaktionPosition", &as_refs(&a), v)?;
        }
        k.rest(&mut w)?;
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
                let mut k = Kept::new(&s.unknown);
                k.before(&mut self.w)?;
                self.id("id", &s.id)?;
                for m in &s.texte {
                    k.before(&mut self.w)?;
                    self.modul_text(m)?;
                }
                k.rest(&mut self.w)?;
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

    /// The kept children of a wrapper (none without one).
    fn wrapper_kept(wrapper: Option<&Wrapper>) -> Kept<'_> {
        Kept::new(wrapper.map_or(&[], |w| &w.unknown))
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
        let mut k = Kept::new(&m.unknown);
        if let Some(c) = &m.textmodul {
            k.before(&mut self.w)?;
            self.code("leikaTextmodul", c)?;
        }
        for t in &m.inhalt {
            k.before(&mut self.w)?;
            self.localized("inhalt", t)?;
        }
        k.rest(&mut self.w)?;
        self.w.end("xzufi:modulText")
    }

    fn leistung(&mut self, l: &Leistung) -> Result<(), XmlError> {
        self.start("leistung", &[], &l.other_attributes)?;
        let mut k = Kept::new(&l.unknown);
        k.before(&mut self.w)?;
        self.id("id", &l.id)?;
        for c in &l.referenz_leika {
            k.before(&mut self.w)?;
            self.code("referenzLeiKa", c)?;
        }
        for m in &l.texte {
            k.before(&mut self.w)?;
            self.modul_text(m)?;
        }
        if let Some(s) = &l.struktur {
            k.before(&mut self.w)?;
            let attrs: Vec<(&str, &str)> = match &s.xsi_type {
                Some(t) => vec![("xsi:type", t.as_str())],
                None => vec![],
            };
            self.start("struktur", &attrs, &s.other_attributes)?;
            let mut sk = Kept::new(&s.unknown);
            if let Some(id) = &s.leistungsobjekt_id {
                sk.before(&mut self.w)?;
                self.id("leistungsobjektID", id)?;
            }
            if s.verrichtung.is_some() || s.verrichtung_wrapper.is_some() {
                sk.before(&mut self.w)?;
                let wrapper = s.verrichtung_wrapper.as_ref();
                self.open_wrapper("verrichtung", wrapper)?;
                let mut wk = Self::wrapper_kept(wrapper);
                if let Some(v) = &s.verrichtung {
                    wk.before(&mut self.w)?;
                    self.code("verrichtungLeiKa", v)?;
                }
                wk.rest(&mut self.w)?;
                self.w.end("xzufi:verrichtung")?;
            }
            if let Some(d) = &s.verrichtungsdetail {
                sk.before(&mut self.w)?;
                self.w.raw_element(d)?;
            }
            sk.rest(&mut self.w)?;
            self.w.end("xzufi:struktur")?;
        }
        for c in &l.typisierung {
            k.before(&mut self.w)?;
            self.code("typisierung", c)?;
        }
        k.rest(&mut self.w)?;
        self.w.end("xzufi:leistung")
    }

    fn organisationseinheit(&mut self, o: &Organisationseinheit) -> Result<(), XmlError> {
        self.start("organisationseinheit", &[], &o.other_attributes)?;
        let mut k = Kept::new(&o.unknown);
        k.before(&mut self.w)?;
        self.id("id", &o.id)?;
        if !o.name.is_empty() || o.name_wrapper.is_some() {
            k.before(&mut self.w)?;
            let wrapper = o.name_wrapper.as_ref();
            self.open_wrapper("name", wrapper)?;
            let mut wk = Self::wrapper_kept(wrapper);
            for n in &o.name {
                wk.before(&mut self.w)?;
                self.localized("name", n)?;
            }
            wk.rest(&mut self.w)?;
            self.w.end("xzufi:name")?;
        }
        for z in &o.zustaendigkeit {
            k.before(&mut self.w)?;
            self.start("zustaendigkeit", &[], &z.other_attributes)?;
            let mut zk = Kept::new(&z.unknown);
            if let Some(id) = &z.leistung_id {
                zk.before(&mut self.w)?;
                self.id("leistungID", id)?;
            }
            for g in &z.gebiet_id {
                zk.before(&mut self.w)?;
                self.id("gebietID", g)?;
            }
            if let Some(r) = &z.rolle {
                zk.before(&mut self.w)?;
                self.code("rolle", r)?;
            }
            for i in &z.id_sekundaer {
                zk.before(&mut self.w)?;
                self.id("idSekundaer", i)?;
            }
            zk.rest(&mut self.w)?;
            self.w.end("xzufi:zustaendigkeit")?;
        }
        k.rest(&mut self.w)?;
        self.w.end("xzufi:organisationseinheit")
    }

    fn onlinedienst(&mut self, o: &Onlinedienst) -> Result<(), XmlError> {
        self.start("onlinedienst", &[], &o.other_attributes)?;
        let mut k = Kept::new(&o.unknown);
        k.before(&mut self.w)?;
        self.id("id", &o.id)?;
        for b in &o.bezeichnung {
            k.before(&mut self.w)?;
            self.localized("bezeichnung", b)?;
        }
        for l in &o.link {
            k.before(&mut self.w)?;
            self.start("link", &[], &l.other_attributes)?;
            let mut lk = Kept::new(&l.unknown);
            if let Some(t) = &l.typ {
                lk.before(&mut self.w)?;
                self.code("typ", t)?;
            }
            if let Some(u) = &l.link {
                lk.before(&mut self.w)?;
                let a = attr_pairs(&l.link_attributes);
                self.w.leaf("xzufi:link", &as_refs(&a), u)?;
            }
            lk.rest(&mut self.w)?;
            self.w.end("xzufi:link")?;
        }
        k.rest(&mut self.w)?;
        self.w.end("xzufi:onlinedienst")
    }
}
