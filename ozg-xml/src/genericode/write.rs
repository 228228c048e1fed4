//! The Genericode writer: what the reader read, written back (same model after a re-read).

use std::io::Write;

use ozg_core::codelist::{
    Annotation, AnnotationElement, AnnotationNode, Cell, CodeListDocument, LongName,
};

use super::{NS_GENERICODE, NS_XML, NS_XSI};
use crate::error::XmlError;
use crate::writer::{check_chars, escape_into};

/// Namespace prefixes declared on the root: `gc`, `xsi`, and one per annotation namespace
/// (`xoev-cl-N` for the XÖV metadata namespaces, else `ns1`, `ns2`, …).
struct Prefixes {
    list: Vec<(String, String)>,
}

impl Prefixes {
    fn collect(doc: &CodeListDocument) -> Self {
        let mut p = Prefixes {
            list: vec![
                ("gc".to_owned(), NS_GENERICODE.to_owned()),
                ("xsi".to_owned(), NS_XSI.to_owned()),
            ],
        };
        let mut visit = |a: &Annotation| {
            for e in a.description.iter().chain(&a.app_info) {
                p.add_element(e);
            }
        };
        if let Some(a) = doc.annotation() {
            visit(a);
        }
        for c in &doc.column_set().columns {
            if let Some(a) = &c.annotation {
                visit(a);
            }
        }
        for k in &doc.column_set().keys {
            if let Some(a) = &k.annotation {
                visit(a);
            }
        }
        for r in doc.rows() {
            if let Some(a) = &r.annotation {
                visit(a);
            }
        }
        p
    }

    fn add_element(&mut self, e: &AnnotationElement) {
        if let Some(ns) = &e.namespace {
            self.add(ns);
        }
        for a in &e.attributes {
            if let Some(ns) = &a.namespace {
                self.add(ns);
            }
        }
        for c in &e.children {
            if let AnnotationNode::Element(child) = c {
                self.add_element(child);
            }
        }
    }

    fn add(&mut self, ns: &str) {
        if ns == NS_XML || self.list.iter().any(|(_, u)| u == ns) {
            return;
        }
        let wanted = if let Some(n) = ns.strip_prefix("http://xoev.de/schemata/genericode/")
            && !n.is_empty()
            && n.bytes().all(|b| b.is_ascii_digit())
        {
            format!("xoev-cl-{n}")
        } else if ns == "http://www.xoev.de/schemata/xoev-gc-codelist-1_0" {
            "xoev-cl".to_owned()
        } else {
            String::new()
        };
        let prefix = if !wanted.is_empty() && !self.list.iter().any(|(p, _)| *p == wanted) {
            wanted
        } else {
            let mut i = 1;
            loop {
                let cand = format!("ns{i}");
                if !self.list.iter().any(|(p, _)| *p == cand) {
                    break cand;
                }
                i += 1;
            }
        };
        self.list.push((prefix, ns.to_owned()));
    }

    fn qname(&self, ns: Option<&str>, local: &str) -> String {
        match ns {
            None => local.to_owned(),
            Some(NS_XML) => format!("xml:{local}"),
            Some(ns) => match self.list.iter().find(|(_, u)| u == ns) {
                Some((p, _)) => format!("{p}:{local}"),
                None => local.to_owned(),
            },
        }
    }
}

struct Out<'a> {
    b: Vec<u8>,
    prefixes: &'a Prefixes,
}

impl Out<'_> {
    fn indent(&mut self, depth: usize) {
        self.b.push(b'\n');
        self.b.resize(self.b.len() + 2 * depth, b' ');
    }

    fn raw(&mut self, s: &str) {
        self.b.extend_from_slice(s.as_bytes());
    }

    fn text(&mut self, s: &str) -> Result<(), XmlError> {
        check_chars(s)?;
        escape_into(s, false, &mut self.b);
        Ok(())
    }

    fn attr(&mut self, name: &str, value: &str) -> Result<(), XmlError> {
        check_chars(value)?;
        self.b.push(b' ');
        self.raw(name);
        self.raw("=\"");
        escape_into(value, true, &mut self.b);
        self.b.push(b'"');
        Ok(())
    }

    fn leaf(&mut self, depth: usize, name: &str, text: &str) -> Result<(), XmlError> {
        self.indent(depth);
        self.raw("<");
        self.raw(name);
        self.raw(">");
        self.text(text)?;
        self.raw("</");
        self.raw(name);
        self.raw(">");
        Ok(())
    }

    fn opt_leaf(&mut self, depth: usize, name: &str, text: Option<&str>) -> Result<(), XmlError> {
        match text {
            Some(t) => self.leaf(depth, name, t),
            None => Ok(()),
        }
    }

    fn long_names(&mut self, depth: usize, names: &[LongName]) -> Result<(), XmlError> {
        for l in names {
            self.indent(depth);
            self.raw("<LongName");
            if let Some(lang) = &l.lang {
                self.attr("xml:lang", lang)?;
            }
            if let Some(id) = &l.identifier {
                self.attr("Identifier", id)?;
            }
            self.raw(">");
            self.text(&l.value)?;
            self.raw("</LongName>");
        }
        Ok(())
    }

    fn element(&mut self, e: &AnnotationElement) -> Result<(), XmlError> {
        let name = self.prefixes.qname(e.namespace.as_deref(), &e.name);
        self.raw("<");
        self.raw(&name);
        for a in &e.attributes {
            let n = self.prefixes.qname(a.namespace.as_deref(), &a.name);
            self.attr(&n, &a.value)?;
        }
        if e.children.is_empty() {
            self.raw("/>");
            return Ok(());
        }
        self.raw(">");
        for c in &e.children {
            match c {
                AnnotationNode::Text(t) => self.text(t)?,
                AnnotationNode::Element(child) => self.element(child)?,
            }
        }
        self.raw("</");
        self.raw(&name);
        self.raw(">");
        Ok(())
    }

    fn annotation(&mut self, depth: usize, a: &Annotation) -> Result<(), XmlError> {
        self.indent(depth);
        self.raw("<Annotation>");
        for (part, elements) in [("Description", &a.description), ("AppInfo", &a.app_info)] {
            if elements.is_empty() {
                continue;
            }
            self.indent(depth + 1);
            self.raw("<");
            self.raw(part);
            self.raw(">");
            for e in elements {
                self.indent(depth + 2);
                self.element(e)?;
            }
            self.indent(depth + 1);
            self.raw("</");
            self.raw(part);
            self.raw(">");
        }
        self.indent(depth);
        self.raw("</Annotation>");
        Ok(())
    }
}

/// Writes a code list as a Genericode 1.0 document (UTF-8, with declaration). Reading the
/// output gives a document equal to `doc`.
pub fn write<W: Write>(doc: &CodeListDocument, mut out: W) -> Result<(), XmlError> {
    let prefixes = Prefixes::collect(doc);
    let mut o = Out {
        b: Vec::with_capacity(64 * 1024),
        prefixes: &prefixes,
    };
    o.raw("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<gc:CodeList");
    for (p, ns) in &prefixes.list {
        o.attr(&format!("xmlns:{p}"), ns)?;
    }
    if let Some(l) = doc.schema_location() {
        o.attr("xsi:schemaLocation", l)?;
    }
    o.raw(">");
    if let Some(a) = doc.annotation() {
        o.annotation(1, a)?;
    }
    let id = doc.identification();
    o.indent(1);
    o.raw("<Identification>");
    o.leaf(2, "ShortName", &id.short_name)?;
    o.long_names(2, &id.long_names)?;
    o.leaf(2, "Version", &id.version)?;
    o.leaf(2, "CanonicalUri", &id.canonical_uri)?;
    o.leaf(2, "CanonicalVersionUri", &id.canonical_version_uri)?;
    for l in &id.location_uris {
        o.leaf(2, "LocationUri", l)?;
    }
    if let Some(a) = &id.agency {
        o.indent(2);
        o.raw("<Agency>");
        o.opt_leaf(3, "ShortName", a.short_name.as_deref())?;
        o.long_names(3, &a.long_names)?;
        for i in &a.identifiers {
            o.leaf(3, "Identifier", i)?;
        }
        o.indent(2);
        o.raw("</Agency>");
    }
    o.indent(1);
    o.raw("</Identification>");

    let set = doc.column_set();
    o.indent(1);
    o.raw("<ColumnSet>");
    for c in &set.columns {
        o.indent(2);
        o.raw("<Column");
        o.attr("Id", &c.id)?;
        o.attr("Use", c.use_.as_str())?;
        o.raw(">");
        if let Some(a) = &c.annotation {
            o.annotation(3, a)?;
        }
        o.leaf(3, "ShortName", &c.short_name)?;
        o.long_names(3, &c.long_names)?;
        o.opt_leaf(3, "CanonicalUri", c.canonical_uri.as_deref())?;
        o.opt_leaf(3, "CanonicalVersionUri", c.canonical_version_uri.as_deref())?;
        o.indent(3);
        o.raw("<Data");
        o.attr("Type", &c.data_type)?;
        if let Some(l) = &c.datatype_library {
            o.attr("DatatypeLibrary", l)?;
        }
        if let Some(l) = &c.lang {
            o.attr("Lang", l)?;
        }
        o.raw("/>");
        o.indent(2);
        o.raw("</Column>");
    }
    for k in &set.keys {
        o.indent(2);
        o.raw("<Key");
        o.attr("Id", &k.id)?;
        o.raw(">");
        if let Some(a) = &k.annotation {
            o.annotation(3, a)?;
        }
        o.leaf(3, "ShortName", &k.short_name)?;
        o.long_names(3, &k.long_names)?;
        o.opt_leaf(3, "CanonicalUri", k.canonical_uri.as_deref())?;
        o.opt_leaf(3, "CanonicalVersionUri", k.canonical_version_uri.as_deref())?;
        for r in &k.columns {
            o.indent(3);
            o.raw("<ColumnRef");
            o.attr("Ref", r)?;
            o.raw("/>");
        }
        o.indent(2);
        o.raw("</Key>");
    }
    o.indent(1);
    o.raw("</ColumnSet>");

    o.indent(1);
    o.raw("<SimpleCodeList>");
    for row in doc.rows() {
        o.indent(2);
        o.raw("<Row>");
        if let Some(a) = &row.annotation {
            o.annotation(3, a)?;
            o.indent(3);
        }
        for (c, cell) in set.columns.iter().zip(&row.cells) {
            match cell {
                Cell::Absent => continue,
                Cell::Empty => {
                    o.raw("<Value");
                    o.attr("ColumnRef", &c.id)?;
                    o.raw("/>");
                }
                Cell::Text(t) => {
                    o.raw("<Value");
                    o.attr("ColumnRef", &c.id)?;
                    o.raw("><SimpleValue>");
                    o.text(t)?;
                    o.raw("</SimpleValue></Value>");
                }
            }
        }
        o.raw("</Row>");
        if o.b.len() >= 60 * 1024 {
            out.write_all(&o.b)?;
            o.b.clear();
        }
    }
    o.indent(1);
    o.raw("</SimpleCodeList>\n</gc:CodeList>\n");
    out.write_all(&o.b)?;
    out.flush()?;
    Ok(())
}

/// Writes a code list to a Genericode string.
pub fn to_xml_string(doc: &CodeListDocument) -> Result<String, XmlError> {
    let mut buf = Vec::new();
    write(doc, &mut buf)?;
    String::from_utf8(buf)
        .map_err(|e| XmlError::syntax(format!("internal: writer produced invalid UTF-8: {e}")))
}
