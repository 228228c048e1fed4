//! Writes a JSON value as XML guided by the compiled mapping (private).

use std::io::Write;

use serde_json::Value;

use super::mapping::{Kind, Mapping, NodeId, ObjectType, Use};
use super::{NAMESPACE, XSI_NAMESPACE};
use crate::error::{XmlError, XmlErrorKind};
use crate::writer::XmlWriter;

/// Why a value could not be written: it does not match the schema (a JSON pointer says where).
#[derive(Debug)]
pub(crate) struct Mismatch {
    pub(crate) pointer: String,
    pub(crate) expected: String,
}

impl std::fmt::Display for Mismatch {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "expected {} at JSON pointer {:?}",
            self.expected, self.pointer
        )
    }
}

impl std::error::Error for Mismatch {}

struct Ctx<'m, W> {
    m: &'m Mapping,
    w: XmlWriter<W>,
    /// JSON pointer segments of the current value (for error messages only).
    path: Vec<String>,
}

fn escape_pointer(s: &str) -> String {
    ozg_core::json::escape_pointer_token(s)
}

impl<W: Write> Ctx<'_, W> {
    fn mismatch(&self, expected: impl Into<String>, found: &Value) -> XmlError {
        let pointer: String = self.path.iter().map(|s| format!("/{s}")).collect();
        let shown = match found {
            Value::String(s) => s.clone(),
            other => {
                let s = other.to_string();
                if s.chars().count() > 80 {
                    format!("{}…", s.chars().take(80).collect::<String>())
                } else {
                    s
                }
            }
        };
        XmlError::new(XmlErrorKind::Invalid {
            field: pointer.clone(),
            value: shown,
            source: Box::new(Mismatch {
                pointer,
                expected: expected.into(),
            }),
        })
    }

    /// Writes `value` as element `name` (already known to be allowed here).
    fn element(&mut self, name: &str, ty: Use, value: &Value) -> Result<(), XmlError> {
        if value.is_null() {
            if !ty.nullable {
                return Err(self.mismatch("a value (null is not allowed here)", value));
            }
            return self.w.leaf(name, &[("xsi:nil", "true")], "");
        }
        self.content(name, ty.node, value, &[])
    }

    fn content(
        &mut self,
        name: &str,
        node: NodeId,
        value: &Value,
        extra: &[(&str, &str)],
    ) -> Result<(), XmlError> {
        let m = self.m;
        match &m.nodes[node].kind {
            Kind::Pending => Err(self.mismatch("a compiled schema", value)),
            Kind::Str(_) => match value {
                Value::String(s) => self.w.leaf(name, extra, s),
                other => Err(self.mismatch("a string", other)),
            },
            Kind::Int(_) => match value {
                Value::Number(n) if n.is_i64() || n.is_u64() => {
                    self.w.leaf(name, extra, &n.to_string())
                }
                other => Err(self.mismatch("an integer", other)),
            },
            Kind::Number => match value {
                Value::Number(n) => self.w.leaf(name, extra, &n.to_string()),
                other => Err(self.mismatch("a number", other)),
            },
            Kind::Bool => match value {
                Value::Bool(b) => self.w.leaf(name, extra, if *b { "true" } else { "false" }),
                other => Err(self.mismatch("a boolean", other)),
            },
            Kind::Code(info) => {
                let Value::String(code) = value else {
                    return Err(self.mismatch(format!("a code of {}", info.list_uri), value));
                };
                let mut attrs: Vec<(&str, &str)> = extra.to_vec();
                attrs.push(("listURI", info.list_uri));
                if let Some(v) = info.list_version_id {
                    attrs.push(("listVersionID", v));
                }
                self.w.start(name, &attrs)?;
                self.w.leaf("code", &[], code)?;
                if let Some(label) = info.label(code) {
                    self.w.leaf("name", &[], label)?;
                }
                self.w.end(name)
            }
            Kind::Xoev => self.xoev(name, value, extra),
            Kind::Object(obj) => {
                let Value::Object(_) = value else {
                    return Err(self.mismatch("an object", value));
                };
                self.w.start(name, extra)?;
                self.object(obj, value, None)?;
                self.w.end(name)
            }
            Kind::Array(arr) => {
                let Value::Array(items) = value else {
                    return Err(self.mismatch("an array", value));
                };
                self.w.start(name, extra)?;
                for (i, item) in items.iter().enumerate() {
                    self.path.push(i.to_string());
                    self.element(&arr.item_element, arr.item, item)?;
                    self.path.pop();
                }
                self.w.end(name)
            }
            Kind::Union(u) => {
                let tag = value.get(&u.tag).and_then(Value::as_str);
                let Some(variant) = u.variants.iter().find(|v| Some(v.value.as_str()) == tag)
                else {
                    let values: Vec<&str> = u.variants.iter().map(|v| v.value.as_str()).collect();
                    return Err(self.mismatch(
                        format!("an object with \"{}\" one of {}", u.tag, values.join(", ")),
                        value,
                    ));
                };
                let Kind::Object(body) = &m.nodes[variant.body].kind else {
                    return Err(self.mismatch("a compiled variant", value));
                };
                self.w.start(name, extra)?;
                self.w.start(&variant.element, &[])?;
                self.object(body, value, Some(&u.tag))?;
                self.w.end(&variant.element)?;
                self.w.end(name)
            }
        }
    }

    /// Writes the members of `value` as child elements; members not in the schema are an error.
    fn object(
        &mut self,
        obj: &ObjectType,
        value: &Value,
        tag: Option<&str>,
    ) -> Result<(), XmlError> {
        let Value::Object(map) = value else {
            return Err(self.mismatch("an object", value));
        };
        for key in map.keys() {
            if Some(key.as_str()) != tag && !obj.props.iter().any(|p| &p.json == key) {
                self.path.push(escape_pointer(key));
                let e = self.mismatch("no such member (not in the schema)", &map[key]);
                return Err(e);
            }
        }
        for p in &obj.props {
            if let Some(v) = map.get(&p.json) {
                self.path.push(escape_pointer(&p.json));
                self.element(&p.element, p.ty, v)?;
                self.path.pop();
            } else if p.required {
                return Err(self.mismatch(format!("member \"{}\"", p.json), value));
            }
        }
        Ok(())
    }

    /// `XoevCode` object → `<name listURI listVersionID><code/><name/></name>`.
    fn xoev(&mut self, name: &str, value: &Value, extra: &[(&str, &str)]) -> Result<(), XmlError> {
        let Value::Object(map) = value else {
            return Err(self.mismatch("an XÖV code object", value));
        };
        let known = ["listURI", "listVersionID", "code", "name"];
        if let Some(k) = map.keys().find(|k| !known.contains(&k.as_str())) {
            return Err(self.mismatch("listURI, listVersionID, code or name", &map[k]));
        }
        let text = |k: &str| -> Result<Option<&str>, ()> {
            match map.get(k) {
                None | Some(Value::Null) => Ok(None),
                Some(Value::String(s)) => Ok(Some(s.as_str())),
                Some(_) => Err(()),
            }
        };
        let (Ok(Some(uri)), Ok(version), Ok(Some(code)), Ok(label)) = (
            text("listURI"),
            text("listVersionID"),
            text("code"),
            text("name"),
        ) else {
            return Err(self.mismatch("an XÖV code object with string listURI and code", value));
        };
        let mut attrs: Vec<(&str, &str)> = extra.to_vec();
        attrs.push(("listURI", uri));
        if let Some(v) = version {
            attrs.push(("listVersionID", v));
        }
        self.w.start(name, &attrs)?;
        self.w.leaf("code", &[], code)?;
        if let Some(l) = label {
            self.w.leaf("name", &[], l)?;
        }
        self.w.end(name)
    }
}

/// Writes the document `value` with root element `root` (prefixed `ozg:`) to `out`.
pub(crate) fn write_document<W: Write>(
    m: &Mapping,
    root_node: NodeId,
    root: &str,
    value: &Value,
    out: W,
) -> Result<W, XmlError> {
    let mut ctx = Ctx {
        m,
        w: XmlWriter::pretty(out),
        path: Vec::new(),
    };
    ctx.w.declaration()?;
    let qname = format!("ozg:{root}");
    let attrs = [("xmlns:ozg", NAMESPACE), ("xmlns:xsi", XSI_NAMESPACE)];
    ctx.content(&qname, root_node, value, &attrs)?;
    let mut out = ctx.w.into_inner();
    out.write_all(b"\n")?;
    Ok(out)
}

/// Writes one item of the array member `member` of the root object `root_node` (a record of a
/// dataset section) as it appears inside the member's element, two levels deep.
pub(crate) fn write_member_item<W: Write>(
    m: &Mapping,
    root_node: NodeId,
    member: &str,
    index: usize,
    value: &Value,
    out: W,
) -> Result<W, XmlError> {
    let (_, arr) = array_member(m, root_node, member)?;
    let mut ctx = Ctx {
        m,
        w: XmlWriter::pretty_at(out, 2),
        path: vec![member.to_owned(), index.to_string()],
    };
    ctx.element(&arr.item_element, arr.item, value)?;
    Ok(ctx.w.into_inner())
}

/// The property and array type of the array member `member` of the root object.
fn array_member<'m>(
    m: &'m Mapping,
    root_node: NodeId,
    member: &str,
) -> Result<(&'m super::mapping::Prop, &'m super::mapping::ArrayType), XmlError> {
    let missing = || {
        XmlError::new(XmlErrorKind::Invalid {
            field: member.to_owned(),
            value: String::new(),
            source: Box::new(Mismatch {
                pointer: format!("/{member}"),
                expected: "an array member of the document (mapping)".to_owned(),
            }),
        })
    };
    let Kind::Object(obj) = &m.nodes[root_node].kind else {
        return Err(missing());
    };
    let prop = obj
        .props
        .iter()
        .find(|p| p.json == member)
        .ok_or_else(missing)?;
    match &m.nodes[prop.ty.node].kind {
        Kind::Array(arr) => Ok((prop, arr)),
        _ => Err(missing()),
    }
}

/// Writes a document whose root object's members come from `header` (a value holding the
/// members that are not written apart) and, for the array members named in `parts`, from
/// content written earlier by [`write_member_item`] — in the mapping's element order, so that
/// the result equals [`write_document`] of the whole value.
pub(crate) fn write_document_from_parts<W: Write>(
    m: &Mapping,
    root_node: NodeId,
    root: &str,
    header: &Value,
    parts: &mut [(&str, &mut dyn std::io::Read)],
    out: W,
) -> Result<W, XmlError> {
    let Kind::Object(obj) = &m.nodes[root_node].kind else {
        return Err(XmlError::new(XmlErrorKind::syntax(
            "the document root is not an object",
        )));
    };
    let Value::Object(map) = header else {
        return Err(XmlError::new(XmlErrorKind::syntax(
            "the document header is not an object",
        )));
    };
    let mut ctx = Ctx {
        m,
        w: XmlWriter::pretty(out),
        path: Vec::new(),
    };
    ctx.w.declaration()?;
    let qname = format!("ozg:{root}");
    ctx.w.start(
        &qname,
        &[("xmlns:ozg", NAMESPACE), ("xmlns:xsi", XSI_NAMESPACE)],
    )?;
    for key in map.keys() {
        if !obj.props.iter().any(|p| &p.json == key) {
            ctx.path.push(escape_pointer(key));
            return Err(ctx.mismatch("no such member (not in the schema)", &map[key]));
        }
    }
    for p in &obj.props {
        if let Some(v) = map.get(&p.json) {
            ctx.path.push(escape_pointer(&p.json));
            ctx.element(&p.element, p.ty, v)?;
            ctx.path.pop();
        } else if let Some((_, content)) = parts.iter_mut().find(|(name, _)| *name == p.json) {
            ctx.w.start(&p.element, &[])?;
            ctx.w.copy_content(*content)?;
            ctx.w.end(&p.element)?;
        } else if p.required {
            return Err(ctx.mismatch(format!("member \"{}\"", p.json), header));
        }
    }
    ctx.w.end(&qname)?;
    let mut out = ctx.w.into_inner();
    out.write_all(b"\n")?;
    Ok(out)
}
