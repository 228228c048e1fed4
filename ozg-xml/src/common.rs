//! Helpers shared by the typed readers and writers (private).

use std::io::{Read, Write};

use ozg_core::code::XoevCode;

use crate::error::{XmlError, XmlErrorKind};
use crate::pull::{AttrRef, Ev, PullParser};
use crate::raw::{KeptChild, RawAttribute};
use crate::writer::XmlWriter;

/// The XML namespace (`xml:lang`, `xml:space`, …), bound to the prefix `xml` by definition.
pub(crate) const NS_XML: &str = "http://www.w3.org/XML/1998/namespace";

/// The attributes of the current start tag other than the unqualified ones named in `known`
/// (kept by the typed readers so that nothing is dropped).
pub(crate) fn other_attributes<R: Read>(p: &PullParser<R>, known: &[&str]) -> Vec<RawAttribute> {
    p.attrs()
        .filter(|a| !(a.ns.is_none() && known.contains(&a.local)))
        .map(raw_attribute)
        .collect()
}

fn raw_attribute(a: AttrRef<'_>) -> RawAttribute {
    RawAttribute {
        namespace: a.ns.map(str::to_owned),
        name: a.local.to_owned(),
        value: a.value.to_owned(),
    }
}

pub(crate) fn invalid(
    p: &PullParser<impl Read>,
    field: &str,
    value: &str,
    e: impl std::error::Error + Send + Sync + 'static,
) -> XmlError {
    p.error(XmlErrorKind::Invalid {
        field: field.to_owned(),
        value: value.to_owned(),
        source: Box::new(e),
    })
}

pub(crate) fn missing(p: &PullParser<impl Read>, name: &str) -> XmlError {
    p.error(XmlErrorKind::Missing {
        name: name.to_owned(),
    })
}

pub(crate) fn eof_error(p: &PullParser<impl Read>) -> XmlError {
    p.error(XmlErrorKind::syntax("unexpected end of input"))
}

/// An XÖV code element as read and written (Code-Element): the code value in its one JSON
/// spelling ([`XoevCode`]: `listURI`, `listVersionID`, `code`, `name`) plus the XML attributes the
/// model does not cover — on the element itself and on its `code` and `name` children — kept as
/// read and written back.
///
/// Its JSON form is that of [`XoevCode`] (the members are flattened) with `otherAttributes`,
/// `codeAttributes` and `nameAttributes` added only when not empty. It dereferences to the
/// [`XoevCode`], so `c.code` and `c.list_uri` read the value.
///
/// ```
/// use ozg_core::code::XoevCode;
/// use ozg_xml::xzufi::CodeElement;
/// let c = CodeElement::from(XoevCode::new("urn:de:fim:leika:typisierung", None, "2/3"));
/// assert_eq!(c.code, "2/3");
/// assert_eq!(
///     serde_json::to_string(&c).unwrap(),
///     r#"{"listURI":"urn:de:fim:leika:typisierung","code":"2/3"}"#
/// );
/// ```
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CodeElement {
    /// The code value (XÖV-Codewert).
    #[serde(flatten)]
    pub value: XoevCode,
    /// Attributes of the code element other than `listURI`/`listVersionID`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub other_attributes: Vec<RawAttribute>,
    /// Attributes of its `code` child.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub code_attributes: Vec<RawAttribute>,
    /// Attributes of its `name` child.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub name_attributes: Vec<RawAttribute>,
}

impl Default for CodeElement {
    /// An empty code (no list, empty code) without attributes.
    fn default() -> Self {
        CodeElement {
            value: XoevCode::new("", None, ""),
            other_attributes: Vec::new(),
            code_attributes: Vec::new(),
            name_attributes: Vec::new(),
        }
    }
}

impl CodeElement {
    /// Whether no attribute beyond the code value is kept.
    pub fn has_no_other_attributes(&self) -> bool {
        self.other_attributes.is_empty()
            && self.code_attributes.is_empty()
            && self.name_attributes.is_empty()
    }
}

impl From<XoevCode> for CodeElement {
    fn from(value: XoevCode) -> Self {
        CodeElement {
            value,
            ..Default::default()
        }
    }
}

impl std::ops::Deref for CodeElement {
    type Target = XoevCode;
    fn deref(&self) -> &XoevCode {
        &self.value
    }
}

impl std::ops::DerefMut for CodeElement {
    fn deref_mut(&mut self) -> &mut XoevCode {
        &mut self.value
    }
}

/// After the start of a code element with a required `listURI`: reads `listVersionID`, the other
/// attributes and the `code`/`name` children (unqualified or in `ns`).
pub(crate) fn read_code<R: Read>(
    p: &mut PullParser<R>,
    ns: &'static str,
    field: &str,
) -> Result<CodeElement, XmlError> {
    if p.attr("listURI").is_none() {
        return Err(missing(p, &format!("{field}/@listURI")));
    }
    read_code_element(p, ns, field)
}

/// After the start of a code element (`listURI` optional, absent = empty): reads its attributes
/// and its `code`/`name` children (unqualified or in `ns`; XÖV declares them unqualified). An
/// empty `listURI=""` is kept among the other attributes, so that it is written back as given.
/// A second `code` or `name`, or any other child, is an error.
pub(crate) fn read_code_element<R: Read>(
    p: &mut PullParser<R>,
    ns: &'static str,
    field: &str,
) -> Result<CodeElement, XmlError> {
    let mut out = CodeElement::default();
    let mut has_other = false;
    for a in p.attrs() {
        match (a.ns, a.local) {
            (None, "listURI") if !a.value.is_empty() => out.value.list_uri = a.value.to_owned(),
            (None, "listVersionID") => out.value.list_version_id = Some(a.value.to_owned()),
            _ => has_other = true,
        }
    }
    if has_other {
        out.other_attributes = p
            .attrs()
            .filter(|a| {
                !(a.ns.is_none()
                    && ((a.local == "listURI" && !a.value.is_empty())
                        || a.local == "listVersionID"))
            })
            .map(raw_attribute)
            .collect();
    }
    let mut code = None;
    let mut name = None;
    loop {
        match p.next_tag()? {
            Ev::Start if code.is_none() && p.is_child(ns, "code") => {
                out.code_attributes = other_attributes(p, &[]);
                code = Some(p.read_text_trimmed()?);
            }
            Ev::Start if name.is_none() && p.is_child(ns, "name") => {
                out.name_attributes = other_attributes(p, &[]);
                name = Some(p.read_text()?);
            }
            Ev::Start => {
                return Err(p.error(XmlErrorKind::UnexpectedElement {
                    expected: "one code and at most one name".into(),
                    found: p.describe(),
                }));
            }
            Ev::End => break,
            _ => return Err(eof_error(p)),
        }
    }
    out.value.code = code.ok_or_else(|| missing(p, &format!("{field}/code")))?;
    out.value.name = name;
    Ok(out)
}

/// After the start of an element with `listVersionID`: reads `code`/`name` (any namespace) with
/// the `listURI` already taken (used by the own-format reader, which checks the attributes itself).
pub(crate) fn read_code_with<R: Read>(
    p: &mut PullParser<R>,
    field: &str,
    list_uri: String,
) -> Result<XoevCode, XmlError> {
    let list_version_id = p.attr("listVersionID").map(str::to_owned);
    let mut code = None;
    let mut name = None;
    loop {
        match p.next_tag()? {
            Ev::Start if p.local_is("code") => code = Some(p.read_text_trimmed()?),
            Ev::Start if p.local_is("name") => name = Some(p.read_text()?),
            Ev::Start => {
                return Err(p.error(XmlErrorKind::UnexpectedElement {
                    expected: "code or name".into(),
                    found: p.describe(),
                }));
            }
            Ev::End => break,
            _ => return Err(eof_error(p)),
        }
    }
    let code = code.ok_or_else(|| missing(p, &format!("{field}/code")))?;
    Ok(XoevCode {
        list_uri,
        list_version_id,
        code,
        name,
    })
}

/// Writes an XÖV code element: `<name listURI=".." listVersionID=".." ..><code>..</code><name>..</name></name>`,
/// with `extra` attributes first and the kept ones of `c` on the element and its children.
pub(crate) fn write_code<W: Write>(
    w: &mut XmlWriter<W>,
    name: &str,
    extra: &[(&str, &str)],
    c: &CodeElement,
) -> Result<(), XmlError> {
    let mut attrs: Vec<(&str, &str)> = extra.to_vec();
    if !c.list_uri.is_empty() {
        attrs.push(("listURI", &c.list_uri));
    }
    if let Some(v) = &c.list_version_id {
        attrs.push(("listVersionID", v));
    }
    if c.has_no_other_attributes() {
        w.start(name, &attrs)?;
        w.leaf("code", &[], &c.code)?;
        if let Some(n) = &c.name {
            w.leaf("name", &[], n)?;
        }
    } else {
        let other = attr_pairs(&c.other_attributes);
        attrs.extend(as_refs(&other));
        w.start(name, &attrs)?;
        w.leaf("code", &as_refs(&attr_pairs(&c.code_attributes)), &c.code)?;
        if let Some(n) = &c.name {
            w.leaf("name", &as_refs(&attr_pairs(&c.name_attributes)), n)?;
        }
    }
    w.end(name)
}

/// What a wrapper element (Hüllelement) without a model of its own carries beyond the children
/// the model reads through it (e.g. `struktur/verrichtung`, `organisationseinheit/name`): its
/// attributes and its other children, kept as read and written back inside it.
#[derive(Debug, Clone, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Wrapper {
    /// The wrapper's attributes.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub other_attributes: Vec<RawAttribute>,
    /// Its children the model does not cover, kept as read.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub unknown: Vec<KeptChild>,
}

impl Wrapper {
    /// Whether nothing is kept.
    pub fn is_empty(&self) -> bool {
        self.other_attributes.is_empty() && self.unknown.is_empty()
    }
}

/// Turns attributes into `(qname, value)` pairs, declaring prefixes `a0`, `a1`, … for namespaces
/// other than XSI (written as `xsi:`, declared on the XZuFi root) and XML (`xml:`, never declared).
pub(crate) fn attr_pairs(attrs: &[RawAttribute]) -> Vec<(String, String)> {
    let mut decls: Vec<(String, String)> = Vec::new();
    let mut out = Vec::new();
    for a in attrs {
        let name = match a.namespace.as_deref() {
            None => a.name.clone(),
            Some("http://www.w3.org/2001/XMLSchema-instance") => format!("xsi:{}", a.name),
            // Bound to `xml` by definition; no other prefix may be declared for it.
            Some(NS_XML) => format!("xml:{}", a.name),
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

pub(crate) fn as_refs(pairs: &[(String, String)]) -> Vec<(&str, &str)> {
    pairs
        .iter()
        .map(|(a, b)| (a.as_str(), b.as_str()))
        .collect()
}
