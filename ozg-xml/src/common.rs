//! Helpers shared by the typed readers and writers (private).

use std::io::{Read, Write};

use ozg_core::code::XoevCode;

use crate::error::{XmlError, XmlErrorKind};
use crate::pull::{Ev, PullParser};
use crate::raw::RawAttribute;
use crate::writer::XmlWriter;

/// The attributes of the current start tag other than the unqualified ones named in `known`
/// (kept by the typed readers so that nothing is dropped).
pub(crate) fn other_attributes<R: Read>(p: &PullParser<R>, known: &[&str]) -> Vec<RawAttribute> {
    p.attrs()
        .filter(|a| !(a.ns.is_none() && known.contains(&a.local)))
        .map(|a| RawAttribute {
            namespace: a.ns.map(str::to_owned),
            name: a.local.to_owned(),
            value: a.value.to_owned(),
        })
        .collect()
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

/// After the start of an element with `listURI`/`listVersionID` attributes: reads `code`/`name`.
pub(crate) fn read_code<R: Read>(p: &mut PullParser<R>, field: &str) -> Result<XoevCode, XmlError> {
    let list_uri = p
        .attr("listURI")
        .map(str::to_owned)
        .ok_or_else(|| missing(p, &format!("{field}/@listURI")))?;
    read_code_with(p, field, list_uri)
}

/// Like [`read_code`] with the `listURI` already taken (may be empty when absent).
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

/// Writes an XÖV code element: `<name listURI=".." listVersionID=".."><code>..</code></name>`.
pub(crate) fn write_code<W: Write>(
    w: &mut XmlWriter<W>,
    name: &str,
    extra: &[(&str, &str)],
    c: &XoevCode,
) -> Result<(), XmlError> {
    let mut attrs: Vec<(&str, &str)> = extra.to_vec();
    if !c.list_uri.is_empty() {
        attrs.push(("listURI", &c.list_uri));
    }
    if let Some(v) = &c.list_version_id {
        attrs.push(("listVersionID", v));
    }
    w.start(name, &attrs)?;
    w.leaf("code", &[], &c.code)?;
    if let Some(n) = &c.name {
        w.leaf("name", &[], n)?;
    }
    w.end(name)
}

/// Turns attributes into `(qname, value)` pairs, declaring prefixes `a0`, `a1`, … for namespaces
/// other than XSI.
pub(crate) fn attr_pairs(attrs: &[RawAttribute]) -> Vec<(String, String)> {
    let mut decls: Vec<(String, String)> = Vec::new();
    let mut out = Vec::new();
    for a in attrs {
        let name = match a.namespace.as_deref() {
            None => a.name.clone(),
            Some("http://www.w3.org/2001/XMLSchema-instance") => format!("xsi:{}", a.name),
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
