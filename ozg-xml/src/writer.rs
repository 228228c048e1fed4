//! A small escaping XML writer (private). Writers never declare a default namespace, so
//! unqualified elements stay unqualified wherever they are written.

use std::io::Write;

use crate::error::{XmlError, XmlErrorKind};
use crate::raw::{RawElement, RawNode};

pub(crate) struct XmlWriter<W> {
    out: W,
    depth: usize,
    /// Whether the element last opened has had content written yet (controls line breaks).
    open_has_children: bool,
    pretty: bool,
}

pub(crate) fn check_chars(s: &str) -> Result<(), XmlError> {
    if s.chars().any(|c| {
        !matches!(c, '\t' | '\n' | '\r' | '\u{20}'..='\u{D7FF}' | '\u{E000}'..='\u{FFFD}' | '\u{10000}'..)
    }) {
        return Err(XmlError::new(XmlErrorKind::syntax("value contains a character not allowed in XML 1.0")));
    }
    Ok(())
}

pub(crate) fn escape_into(s: &str, attr: bool, out: &mut Vec<u8>) {
    let bytes = s.as_bytes();
    let mut last = 0;
    for (i, &b) in bytes.iter().enumerate() {
        let rep: &[u8] = match b {
            b'<' => b"&lt;",
            b'>' => b"&gt;",
            b'&' => b"&amp;",
            b'"' if attr => b"&quot;",
            b'\r' => b"&#13;",
            b'\n' if attr => b"&#10;",
            b'\t' if attr => b"&#9;",
            _ => continue,
        };
        out.extend_from_slice(&bytes[last..i]);
        out.extend_from_slice(rep);
        last = i + 1;
    }
    out.extend_from_slice(&bytes[last..]);
}

impl<W: Write> XmlWriter<W> {
    pub(crate) fn new(out: W) -> Self {
        XmlWriter {
            out,
            depth: 0,
            open_has_children: true,
            pretty: false,
        }
    }

    pub(crate) fn pretty(out: W) -> Self {
        let mut w = Self::new(out);
        w.pretty = true;
        w
    }

    /// A pretty writer continuing inside open elements `depth` levels deep (for pieces of a
    /// document written apart and joined later: the bytes equal those written in one go).
    pub(crate) fn pretty_at(out: W, depth: usize) -> Self {
        let mut w = Self::pretty(out);
        w.depth = depth;
        w
    }

    /// Copies bytes that a [`XmlWriter::pretty_at`] writer one level deeper produced as the
    /// content of the element opened last.
    pub(crate) fn copy_content(&mut self, content: &mut dyn std::io::Read) -> Result<(), XmlError> {
        std::io::copy(content, &mut self.out).map_err(Self::io)?;
        self.open_has_children = true;
        Ok(())
    }

    pub(crate) fn into_inner(self) -> W {
        self.out
    }

    fn io(e: std::io::Error) -> XmlError {
        XmlError::from(e)
    }

    pub(crate) fn declaration(&mut self) -> Result<(), XmlError> {
        self.out
            .write_all(b"<?xml version=\"1.0\" encoding=\"UTF-8\"?>")
            .map_err(Self::io)?;
        if !self.pretty {
            self.out.write_all(b"\n").map_err(Self::io)?;
        }
        Ok(())
    }

    fn newline(&mut self) -> Result<(), XmlError> {
        if self.pretty {
            let mut line = Vec::with_capacity(1 + 2 * self.depth);
            line.push(b'\n');
            line.resize(1 + 2 * self.depth, b' ');
            self.out.write_all(&line).map_err(Self::io)?;
        }
        Ok(())
    }

    fn open_tag(&mut self, name: &str, attrs: &[(&str, &str)]) -> Result<(), XmlError> {
        let mut b = Vec::with_capacity(64);
        b.push(b'<');
        b.extend_from_slice(name.as_bytes());
        for (k, v) in attrs {
            check_chars(v)?;
            b.push(b' ');
            b.extend_from_slice(k.as_bytes());
            b.extend_from_slice(b"=\"");
            escape_into(v, true, &mut b);
            b.push(b'"');
        }
        b.push(b'>');
        self.out.write_all(&b).map_err(Self::io)
    }

    /// `<name attrs…>` on its own line.
    pub(crate) fn start(&mut self, name: &str, attrs: &[(&str, &str)]) -> Result<(), XmlError> {
        self.newline()?;
        self.open_tag(name, attrs)?;
        self.depth += 1;
        self.open_has_children = false;
        Ok(())
    }

    /// `</name>`.
    pub(crate) fn end(&mut self, name: &str) -> Result<(), XmlError> {
        self.depth = self.depth.saturating_sub(1);
        if self.open_has_children {
            self.newline()?;
        }
        self.open_has_children = true;
        let mut b = Vec::with_capacity(name.len() + 3);
        b.extend_from_slice(b"</");
        b.extend_from_slice(name.as_bytes());
        b.push(b'>');
        self.out.write_all(&b).map_err(Self::io)
    }

    /// `<name attrs…>text</name>` on its own line.
    pub(crate) fn leaf(
        &mut self,
        name: &str,
        attrs: &[(&str, &str)],
        text: &str,
    ) -> Result<(), XmlError> {
        check_chars(text)?;
        self.newline()?;
        self.open_has_children = true;
        self.open_tag(name, attrs)?;
        let mut b = Vec::with_capacity(text.len() + name.len() + 3);
        escape_into(text, false, &mut b);
        b.extend_from_slice(b"</");
        b.extend_from_slice(name.as_bytes());
        b.push(b'>');
        self.out.write_all(&b).map_err(Self::io)
    }

    /// A kept element, compact (no added whitespace inside), namespaces declared as needed.
    pub(crate) fn raw_element(&mut self, e: &RawElement) -> Result<(), XmlError> {
        self.newline()?;
        self.open_has_children = true;
        let mut scope: Vec<String> = Vec::new();
        let mut b = Vec::with_capacity(256);
        raw_into(e, &mut scope, &mut b)?;
        self.out.write_all(&b).map_err(Self::io)
    }
}

/// Prefix for namespace `ns`, declaring it into `decls` when not yet in `scope`.
fn prefix_for(ns: &str, scope: &mut Vec<String>, decls: &mut Vec<(String, String)>) -> String {
    if let Some(i) = scope.iter().position(|s| s == ns) {
        return format!("n{i}");
    }
    let p = format!("n{}", scope.len());
    scope.push(ns.to_owned());
    decls.push((p.clone(), ns.to_owned()));
    p
}

fn raw_into(e: &RawElement, scope: &mut Vec<String>, b: &mut Vec<u8>) -> Result<(), XmlError> {
    let depth_scope = scope.len();
    let mut decls = Vec::new();
    let qname = match &e.namespace {
        Some(ns) => format!("{}:{}", prefix_for(ns, scope, &mut decls), e.name),
        None => e.name.clone(),
    };
    let mut attrs: Vec<(String, &str)> = Vec::with_capacity(e.attributes.len());
    for a in &e.attributes {
        let n = match &a.namespace {
            Some(ns) => format!("{}:{}", prefix_for(ns, scope, &mut decls), a.name),
            None => a.name.clone(),
        };
        attrs.push((n, &a.value));
    }
    b.push(b'<');
    b.extend_from_slice(qname.as_bytes());
    for (p, ns) in &decls {
        check_chars(ns)?;
        b.extend_from_slice(b" xmlns:");
        b.extend_from_slice(p.as_bytes());
        b.extend_from_slice(b"=\"");
        escape_into(ns, true, b);
        b.push(b'"');
    }
    for (n, v) in &attrs {
        check_chars(v)?;
        b.push(b' ');
        b.extend_from_slice(n.as_bytes());
        b.extend_from_slice(b"=\"");
        escape_into(v, true, b);
        b.push(b'"');
    }
    b.push(b'>');
    for c in &e.children {
        match c {
            RawNode::Text(t) => {
                check_chars(t)?;
                escape_into(t, false, b);
            }
            RawNode::Element(child) => raw_into(child, scope, b)?,
        }
    }
    b.extend_from_slice(b"</");
    b.extend_from_slice(qname.as_bytes());
    b.push(b'>');
    scope.truncate(depth_scope);
    Ok(())
}
