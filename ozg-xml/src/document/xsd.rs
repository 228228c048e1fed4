//! Generates the XML Schema (XSD 1.0) of our format from the compiled mapping (private).

use std::fmt::Write as _;

use super::mapping::{IntType, Kind, Mapping, NodeId, ObjectType, Prop, StrType, Use};
use super::{Compiled, NAMESPACE};

fn esc(s: &str) -> String {
    let mut o = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '<' => o.push_str("&lt;"),
            '>' => o.push_str("&gt;"),
            '&' => o.push_str("&amp;"),
            '"' => o.push_str("&quot;"),
            c => o.push(c),
        }
    }
    o
}

/// Translates an ECMA-262 pattern of a JSON Schema into an XSD pattern: XSD patterns are
/// implicitly anchored (so `^…$` is dropped; an unanchored side gets `.*`) and `\d` means any
/// Unicode digit there (so it becomes `[0-9]`). `None` when the pattern uses anchors inside.
pub(crate) fn xsd_pattern(p: &str) -> Option<String> {
    let (body, start) = match p.strip_prefix('^') {
        Some(b) => (b, true),
        None => (p, false),
    };
    let (body, end) = match body.strip_suffix('$') {
        Some(b) if !b.ends_with('\\') => (b, true),
        _ => (body, false),
    };
    let mut out = String::with_capacity(body.len() + 8);
    if !start {
        out.push_str(".*");
    }
    let mut in_class = false;
    let mut chars = body.chars().peekable();
    let mut prev_open = false;
    while let Some(c) = chars.next() {
        match c {
            '\\' => {
                let next = chars.next()?;
                if next == 'd' {
                    out.push_str(if in_class { "0-9" } else { "[0-9]" });
                } else {
                    out.push('\\');
                    out.push(next);
                }
                prev_open = false;
                continue;
            }
            '[' if !in_class => {
                in_class = true;
                out.push(c);
                prev_open = true;
                continue;
            }
            ']' if in_class => in_class = false,
            '^' if in_class && prev_open => {}
            '^' | '$' => return None,
            _ => {}
        }
        prev_open = false;
        out.push(c);
    }
    if !end {
        out.push_str(".*");
    }
    Some(out)
}

struct Gen<'m> {
    m: &'m Mapping,
    out: String,
}

fn int_builtin(t: &IntType) -> (&'static str, i128, i128) {
    match t.format.as_deref() {
        Some("uint8") => ("xs:unsignedByte", 0, u8::MAX.into()),
        Some("uint16") => ("xs:unsignedShort", 0, u16::MAX.into()),
        Some("uint32") => ("xs:unsignedInt", 0, u32::MAX.into()),
        Some("uint64") | Some("uint") => ("xs:unsignedLong", 0, u64::MAX.into()),
        Some("int8") => ("xs:byte", i8::MIN.into(), i8::MAX.into()),
        Some("int16") => ("xs:short", i16::MIN.into(), i16::MAX.into()),
        Some("int32") => ("xs:int", i32::MIN.into(), i32::MAX.into()),
        _ => ("xs:long", i64::MIN.into(), i64::MAX.into()),
    }
}

fn str_base(t: &StrType) -> &'static str {
    match t.format.as_deref() {
        Some("date") => "xs:date",
        Some("date-time") => "xs:dateTime",
        _ => "xs:string",
    }
}

fn str_has_facets(t: &StrType) -> bool {
    t.pattern.as_deref().and_then(xsd_pattern).is_some()
        || !t.enumeration.is_empty()
        || t.min_length.is_some()
        || t.max_length.is_some()
}

fn int_has_facets(t: &IntType) -> bool {
    let (_, lo, hi) = int_builtin(t);
    t.minimum.is_some_and(|m| m > lo) || t.maximum.is_some_and(|m| m < hi)
}

impl Gen<'_> {
    fn line(&mut self, indent: usize, s: &str) {
        for _ in 0..indent {
            self.out.push_str("  ");
        }
        self.out.push_str(s);
        self.out.push('\n');
    }

    fn doc(&mut self, indent: usize, doc: Option<&str>) {
        if let Some(d) = doc {
            self.line(indent, "<xs:annotation>");
            let text = format!("<xs:documentation>{}</xs:documentation>", esc(d));
            self.line(indent + 1, &text);
            self.line(indent, "</xs:annotation>");
        }
    }

    /// The type attribute value for a use of `id`, or `None` when an anonymous type is needed.
    fn type_ref(&self, id: NodeId) -> Option<String> {
        let node = &self.m.nodes[id];
        if let Some(n) = &node.name {
            return Some(format!("ozg:{n}"));
        }
        match &node.kind {
            Kind::Str(t) if !str_has_facets(t) => Some(str_base(t).to_owned()),
            Kind::Int(t) if !int_has_facets(t) => Some(int_builtin(t).0.to_owned()),
            Kind::Number => Some("xs:double".to_owned()),
            Kind::Bool => Some("xs:boolean".to_owned()),
            _ => None,
        }
    }

    fn element(
        &mut self,
        indent: usize,
        name: &str,
        ty: Use,
        min0: bool,
        max_unb: bool,
        doc: Option<&str>,
    ) {
        let mut head = format!("<xs:element name=\"{}\"", esc(name));
        let tref = self.type_ref(ty.node);
        if let Some(t) = &tref {
            let _ = write!(head, " type=\"{t}\"");
        }
        if min0 {
            head.push_str(" minOccurs=\"0\"");
        }
        if max_unb {
            head.push_str(" maxOccurs=\"unbounded\"");
        }
        if ty.nullable {
            head.push_str(" nillable=\"true\"");
        }
        if tref.is_some() && doc.is_none() {
            head.push_str("/>");
            self.line(indent, &head);
            return;
        }
        head.push('>');
        self.line(indent, &head);
        self.doc(indent + 1, doc);
        if tref.is_none() {
            self.definition(indent + 1, ty.node, None);
        }
        self.line(indent, "</xs:element>");
    }

    fn props(&mut self, indent: usize, props: &[Prop]) {
        for p in props {
            self.element(
                indent,
                &p.element,
                p.ty,
                !p.required,
                false,
                p.doc.as_deref(),
            );
        }
    }

    fn object_body(&mut self, indent: usize, obj: &ObjectType) {
        if obj.props.is_empty() {
            self.line(indent, "<xs:sequence/>");
            return;
        }
        self.line(indent, "<xs:sequence>");
        self.props(indent + 1, &obj.props);
        self.line(indent, "</xs:sequence>");
    }

    /// A type definition for `id`: named when `name` is given, anonymous otherwise.
    fn definition(&mut self, indent: usize, id: NodeId, name: Option<&str>) {
        let m = self.m;
        let node = &m.nodes[id];
        let name_attr = name
            .map(|n| format!(" name=\"{}\"", esc(n)))
            .unwrap_or_default();
        let doc = if name.is_some() {
            node.doc.as_deref()
        } else {
            None
        };
        match &node.kind {
            Kind::Pending => {}
            Kind::Str(t) => {
                self.line(indent, &format!("<xs:simpleType{name_attr}>"));
                self.doc(indent + 1, doc);
                let facets: Vec<String> = {
                    let mut f = Vec::new();
                    if let Some(p) = t.pattern.as_deref().and_then(xsd_pattern) {
                        f.push(format!("<xs:pattern value=\"{}\"/>", esc(&p)));
                    }
                    if let Some(n) = t.min_length {
                        f.push(format!("<xs:minLength value=\"{n}\"/>"));
                    }
                    if let Some(n) = t.max_length {
                        f.push(format!("<xs:maxLength value=\"{n}\"/>"));
                    }
                    for v in &t.enumeration {
                        f.push(format!("<xs:enumeration value=\"{}\"/>", esc(v)));
                    }
                    f
                };
                self.restriction(indent + 1, str_base(t), &facets);
                self.line(indent, "</xs:simpleType>");
            }
            Kind::Int(t) => {
                self.line(indent, &format!("<xs:simpleType{name_attr}>"));
                self.doc(indent + 1, doc);
                let (base, lo, hi) = int_builtin(t);
                let mut facets = Vec::new();
                if let Some(v) = t.minimum.filter(|v| *v > lo) {
                    facets.push(format!("<xs:minInclusive value=\"{v}\"/>"));
                }
                if let Some(v) = t.maximum.filter(|v| *v < hi) {
                    facets.push(format!("<xs:maxInclusive value=\"{v}\"/>"));
                }
                self.restriction(indent + 1, base, &facets);
                self.line(indent, "</xs:simpleType>");
            }
            Kind::Number | Kind::Bool => {
                let base = if matches!(node.kind, Kind::Number) {
                    "xs:double"
                } else {
                    "xs:boolean"
                };
                self.line(indent, &format!("<xs:simpleType{name_attr}>"));
                self.doc(indent + 1, doc);
                self.restriction(indent + 1, base, &[]);
                self.line(indent, "</xs:simpleType>");
            }
            Kind::Code(info) => {
                self.line(indent, &format!("<xs:complexType{name_attr}>"));
                self.doc(indent + 1, doc);
                self.line(indent + 1, "<xs:sequence>");
                self.line(indent + 2, "<xs:element name=\"code\">");
                self.line(indent + 3, "<xs:simpleType>");
                let facets: Vec<String> = info
                    .codes
                    .iter()
                    .map(|(c, _)| format!("<xs:enumeration value=\"{}\"/>", esc(c)))
                    .collect();
                self.restriction(indent + 4, "xs:token", &facets);
                self.line(indent + 3, "</xs:simpleType>");
                self.line(indent + 2, "</xs:element>");
                self.line(
                    indent + 2,
                    "<xs:element name=\"name\" type=\"xs:string\" minOccurs=\"0\"/>",
                );
                self.line(indent + 1, "</xs:sequence>");
                let uri = format!(
                    "<xs:attribute name=\"listURI\" type=\"xs:anyURI\" fixed=\"{}\"/>",
                    esc(info.list_uri)
                );
                self.line(indent + 1, &uri);
                let version = match info.list_version_id {
                    Some(v) => format!(
                        "<xs:attribute name=\"listVersionID\" type=\"xs:normalizedString\" fixed=\"{}\"/>",
                        esc(v)
                    ),
                    None => "<xs:attribute name=\"listVersionID\" type=\"xs:normalizedString\"/>"
                        .to_owned(),
                };
                self.line(indent + 1, &version);
                self.line(indent, "</xs:complexType>");
            }
            Kind::Xoev => {
                self.line(indent, &format!("<xs:complexType{name_attr}>"));
                self.doc(indent + 1, doc);
                self.line(indent + 1, "<xs:sequence>");
                self.line(indent + 2, "<xs:element name=\"code\" type=\"xs:string\"/>");
                self.line(
                    indent + 2,
                    "<xs:element name=\"name\" type=\"xs:string\" minOccurs=\"0\"/>",
                );
                self.line(indent + 1, "</xs:sequence>");
                self.line(
                    indent + 1,
                    "<xs:attribute name=\"listURI\" type=\"xs:string\" use=\"required\"/>",
                );
                self.line(
                    indent + 1,
                    "<xs:attribute name=\"listVersionID\" type=\"xs:string\"/>",
                );
                self.line(indent, "</xs:complexType>");
            }
            Kind::Object(obj) => {
                self.line(indent, &format!("<xs:complexType{name_attr}>"));
                self.doc(indent + 1, doc);
                self.object_body(indent + 1, obj);
                self.line(indent, "</xs:complexType>");
            }
            Kind::Array(arr) => {
                self.line(indent, &format!("<xs:complexType{name_attr}>"));
                self.doc(indent + 1, doc);
                self.line(indent + 1, "<xs:sequence>");
                self.element(indent + 2, &arr.item_element, arr.item, true, true, None);
                self.line(indent + 1, "</xs:sequence>");
                self.line(indent, "</xs:complexType>");
            }
            Kind::Union(u) => {
                self.line(indent, &format!("<xs:complexType{name_attr}>"));
                self.doc(indent + 1, doc);
                self.line(indent + 1, "<xs:choice>");
                for v in &u.variants {
                    let head = format!("<xs:element name=\"{}\">", esc(&v.element));
                    self.line(indent + 2, &head);
                    let vdoc = v
                        .doc
                        .clone()
                        .unwrap_or_else(|| format!("{} = {}", u.tag, v.value));
                    self.doc(indent + 3, Some(&vdoc));
                    self.definition(indent + 3, v.body, None);
                    self.line(indent + 2, "</xs:element>");
                }
                self.line(indent + 1, "</xs:choice>");
                self.line(indent, "</xs:complexType>");
            }
        }
    }

    fn restriction(&mut self, indent: usize, base: &str, facets: &[String]) {
        if facets.is_empty() {
            self.line(indent, &format!("<xs:restriction base=\"{base}\"/>"));
            return;
        }
        self.line(indent, &format!("<xs:restriction base=\"{base}\">"));
        for f in facets {
            self.line(indent + 1, f);
        }
        self.line(indent, "</xs:restriction>");
    }
}

/// The XSD text.
pub(crate) fn generate(c: &Compiled) -> String {
    let mut g = Gen {
        m: &c.mapping,
        out: String::with_capacity(64 * 1024),
    };
    g.line(0, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>");
    g.line(
        0,
        "<!-- XML Schema of the ozg XML format, generated by ozg_xml::document::xsd() from the JSON Schemas of ozg-core. Do not edit: regenerate with OZG_UPDATE_SCHEMAS=1 cargo test -p ozg-xml (test file tests/xsd.rs) -->",
    );
    g.line(
        0,
        &format!(
            "<xs:schema xmlns:xs=\"http://www.w3.org/2001/XMLSchema\" xmlns:ozg=\"{NAMESPACE}\" targetNamespace=\"{NAMESPACE}\" elementFormDefault=\"unqualified\" attributeFormDefault=\"unqualified\" version=\"1\">"
        ),
    );
    g.doc(
        1,
        Some("Our own XML format for the ozg document types (Datenbestand, Katalogdatei, Vereinbarung, Rollout-Eintrag, Onlinedienst, Zustellkanal). Only the root element is qualified; child element names are the JSON member names; code values are XÖV code values with listURI/listVersionID."),
    );
    for (d, node) in &c.roots {
        let tname = c.mapping.nodes[*node].name.clone().unwrap_or_default();
        g.line(
            1,
            &format!(
                "<xs:element name=\"{}\" type=\"ozg:{}\"/>",
                d.root_element(),
                esc(&tname)
            ),
        );
    }
    let mut named: Vec<(String, NodeId)> = c
        .mapping
        .named_order
        .iter()
        .filter_map(|&id| c.mapping.nodes[id].name.clone().map(|n| (n, id)))
        .collect();
    named.sort();
    for (name, id) in named {
        g.definition(1, id, Some(&name));
    }
    g.line(0, "</xs:schema>");
    g.out
}

#[cfg(test)]
mod tests {
    use super::xsd_pattern;

    #[test]
    fn patterns_are_translated() {
        assert_eq!(xsd_pattern(r"^99\d{12}$").as_deref(), Some("99[0-9]{12}"));
        assert_eq!(xsd_pattern(r"^[\d_-]+$").as_deref(), Some("[0-9_-]+"));
        assert_eq!(xsd_pattern(r"^[^a]$").as_deref(), Some("[^a]"));
        assert_eq!(xsd_pattern(r"ab").as_deref(), Some(".*ab.*"));
        assert_eq!(xsd_pattern(r"^a|^b$"), None);
    }
}
