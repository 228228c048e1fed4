//! The hardened pull parser (private) over quick-xml's namespace-aware reader.
//!
//! It turns quick-xml events into a small, checked event stream: `Start` (empty elements are
//! expanded), `End`, `Text` (adjacent text, CDATA and references merged into one run) and `Eof`.
//! DOCTYPEs and non-predefined entities are rejected, limits are enforced, well-formedness is
//! checked (single root, closed root, matching tags, duplicate attributes, UTF-8, XML 1.0 chars),
//! and every error gets a line, a column and the element path.

use std::io::Read;
use std::ops::Range;

use quick_xml::NsReader;
use quick_xml::XmlVersion;
use quick_xml::errors::{Error as QError, IllFormedError};
use quick_xml::escape::EscapeError;
use quick_xml::events::attributes::AttrError;
use quick_xml::events::{BytesStart, Event};
use quick_xml::name::ResolveResult;

use crate::config::ReaderConfig;
use crate::error::{Limit, XmlError, XmlErrorKind};
use crate::guard::Guarded;
use crate::raw::{RawAttribute, RawElement, RawNode};

/// Kind of the current event.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Ev {
    Start,
    End,
    Text,
    Eof,
}

#[derive(Debug, Clone)]
struct AttrRec {
    ns: Option<Range<usize>>,
    local: Range<usize>,
    value: Range<usize>,
}

/// One attribute of the current start tag.
#[derive(Debug, Clone, Copy)]
pub(crate) struct AttrRef<'a> {
    pub(crate) ns: Option<&'a str>,
    pub(crate) local: &'a str,
    pub(crate) value: &'a str,
}

pub(crate) struct PullParser<R> {
    reader: NsReader<Guarded<R>>,
    buf: Vec<u8>,
    config: ReaderConfig,
    /// Storage of the current tag: namespace, local name and attribute strings.
    tag: String,
    tag_ns: Option<Range<usize>>,
    tag_local: Range<usize>,
    attrs: Vec<AttrRec>,
    /// Current text run.
    text: String,
    /// Whether the current text run holds only XML whitespace (space, tab, LF, CR).
    text_ws: bool,
    /// Set by `next_tag`: a whitespace-only text run is not delivered as an event.
    skip_ws: bool,
    /// `/a/b/c` (qualified names as written) and the length before each segment.
    path: String,
    path_lens: Vec<usize>,
    pop_pending: bool,
    pending: Option<Ev>,
    current: Ev,
    /// Byte offset where the current event (or the pending tag) starts.
    event_start: u64,
    pending_start: u64,
    seen_root: bool,
    root_closed: bool,
    done: bool,
    failed: bool,
}

fn is_xml_char(c: char) -> bool {
    matches!(c, '\t' | '\n' | '\r' | '\u{20}'..='\u{D7FF}' | '\u{E000}'..='\u{FFFD}' | '\u{10000}'..)
}

/// Whether `s` contains a character not allowed in XML 1.0 (C0 controls other than tab, LF, CR,
/// and U+FFFE/U+FFFF, encoded as EF BF BE/BF). The control check is a branch-free pass the
/// compiler vectorises; the rare `EF` lead bytes are found with memchr.
fn has_forbidden_char(s: &str) -> bool {
    let b = s.as_bytes();
    let control = b.iter().fold(false, |acc, &c| {
        acc | ((c < 0x20) & (c != b'\t') & (c != b'\n') & (c != b'\r'))
    });
    control
        || memchr::memchr_iter(0xEF, b)
            .any(|i| b.get(i + 1) == Some(&0xBF) && matches!(b.get(i + 2), Some(0xBE | 0xBF)))
}

/// Whether `b` holds only space, tab and LF (whitespace that needs neither a character check
/// nor end-of-line normalisation).
fn is_plain_ws(b: &[u8]) -> bool {
    b.iter().fold(true, |acc, &c| {
        acc & ((c == b' ') | (c == b'\n') | (c == b'\t'))
    })
}

impl<R: Read> PullParser<R> {
    pub(crate) fn new(input: R, config: ReaderConfig) -> Self {
        let guarded = Guarded::new(
            input,
            config.get_max_total_bytes(),
            config.get_max_text_len(),
            config.get_max_attr_len(),
        );
        let mut reader = NsReader::from_reader(guarded);
        {
            let c = reader.config_mut();
            c.expand_empty_elements = true;
            c.check_end_names = true;
            c.trim_text_start = false;
            c.trim_text_end = false;
            c.allow_dangling_amp = false;
            c.allow_unmatched_ends = false;
            c.check_comments = true;
        }
        PullParser {
            reader,
            buf: Vec::with_capacity(4096),
            config,
            tag: String::with_capacity(256),
            tag_ns: None,
            tag_local: 0..0,
            attrs: Vec::with_capacity(8),
            text: String::with_capacity(256),
            text_ws: true,
            skip_ws: false,
            path: String::with_capacity(256),
            path_lens: Vec::with_capacity(32),
            pop_pending: false,
            pending: None,
            current: Ev::Eof,
            event_start: 0,
            pending_start: 0,
            seen_root: false,
            root_closed: false,
            done: false,
            failed: false,
        }
    }

    /// Reads the next event.
    pub(crate) fn next(&mut self) -> Result<Ev, XmlError> {
        if self.done {
            return Ok(Ev::Eof);
        }
        if self.pop_pending {
            self.pop_pending = false;
            if let Some(len) = self.path_lens.pop() {
                self.path.truncate(len);
            }
        }
        if let Some(p) = self.pending.take() {
            self.event_start = self.pending_start;
            return self.deliver(p);
        }
        self.text.clear();
        self.text_ws = true;
        let mut text_start: Option<u64> = None;
        let mark = self.reader.buffer_position();
        self.reader.get_mut().mark(mark);
        let mut buf = std::mem::take(&mut self.buf);
        let result = self.read_loop(&mut buf, &mut text_start);
        self.buf = buf;
        let ev = match result {
            Ok(ev) => ev,
            Err(e) => {
                self.done = true;
                self.failed = true;
                return Err(e);
            }
        };
        if let Some(ts) = text_start
            && !self.text.is_empty()
            && !(self.skip_ws && self.text_ws)
        {
            self.pending = Some(ev);
            self.pending_start = self.event_start;
            self.event_start = ts;
            self.current = Ev::Text;
            return Ok(Ev::Text);
        }
        self.deliver(ev)
    }

    fn deliver(&mut self, ev: Ev) -> Result<Ev, XmlError> {
        self.current = ev;
        match ev {
            Ev::End => self.pop_pending = true,
            Ev::Eof => self.done = true,
            _ => {}
        }
        Ok(ev)
    }

    fn read_loop(
        &mut self,
        buf: &mut Vec<u8>,
        text_start: &mut Option<u64>,
    ) -> Result<Ev, XmlError> {
        loop {
            buf.clear();
            let start = self.reader.buffer_position();
            self.event_start = start;
            let event = match self.reader.read_event_into(buf) {
                Ok(e) => e,
                Err(e) => return Err(self.convert_error(e, start)),
            };
            match event {
                Event::Start(e) => {
                    if self.root_closed {
                        return Err(self.error_at(
                            XmlErrorKind::Syntax {
                                message: "more than one root element".into(),
                            },
                            start,
                        ));
                    }
                    self.seen_root = true;
                    let depth = self.path_lens.len() + 1;
                    if depth > self.config.get_max_depth() {
                        return Err(self.error_at(
                            XmlErrorKind::LimitExceeded {
                                limit: Limit::Depth,
                                max: self.config.get_max_depth() as u64,
                                value: depth as u64,
                            },
                            start,
                        ));
                    }
                    self.path_lens.push(self.path.len());
                    self.path.push('/');
                    self.path.push_str(e.name().as_ref());
                    self.store_start(&e, start)?;
                    return Ok(Ev::Start);
                }
                Event::End(e) => {
                    let (ns, local) = self.reader.resolver().resolve_element(e.name());
                    self.tag.clear();
                    self.tag_ns = match ns {
                        ResolveResult::Bound(n) => {
                            self.tag.push_str(n.as_ref());
                            Some(0..self.tag.len())
                        }
                        _ => None,
                    };
                    let l0 = self.tag.len();
                    self.tag.push_str(local.as_ref());
                    self.tag_local = l0..self.tag.len();
                    self.attrs.clear();
                    if self.path_lens.len() == 1 {
                        self.root_closed = true;
                    }
                    return Ok(Ev::End);
                }
                Event::Empty(_) => {
                    // expand_empty_elements is on; quick-xml never yields Empty then.
                    return Err(self.error_at(
                        XmlErrorKind::Syntax {
                            message: "internal: unexpanded empty element".into(),
                        },
                        start,
                    ));
                }
                Event::Text(t) => {
                    if is_plain_ws(t.as_bytes()) {
                        self.push_text_unchecked(&t, start, text_start)?;
                    } else {
                        self.text_ws = false;
                        let content = t.xml10_content();
                        self.push_text(&content, start, text_start)?;
                    }
                }
                Event::CData(c) => {
                    self.text_ws = false;
                    let content = c.xml10_content();
                    self.push_text(&content, start, text_start)?;
                }
                Event::GeneralRef(r) => {
                    let name: &str = &r;
                    let ch = if r.is_char_ref() {
                        match r.resolve_char_ref() {
                            Ok(Some(c)) if is_xml_char(c) => c,
                            _ => {
                                return Err(self.error_at(
                                    XmlErrorKind::Entity {
                                        name: name.to_owned(),
                                    },
                                    start,
                                ));
                            }
                        }
                    } else {
                        match name {
                            "lt" => '<',
                            "gt" => '>',
                            "amp" => '&',
                            "apos" => '\'',
                            "quot" => '"',
                            _ => {
                                return Err(self.error_at(
                                    XmlErrorKind::Entity {
                                        name: name.to_owned(),
                                    },
                                    start,
                                ));
                            }
                        }
                    };
                    self.text_ws = false;
                    let mut tmp = [0u8; 4];
                    let s: &str = ch.encode_utf8(&mut tmp);
                    self.push_text_unchecked(s, start, text_start)?;
                }
                Event::DocType(_) => {
                    return Err(self.error_at(XmlErrorKind::Doctype, start));
                }
                Event::Decl(d) => {
                    let version_ok = matches!(d.version().as_deref(), Ok("1.0") | Ok("1.1"));
                    if !version_ok {
                        return Err(self.error_at(
                            XmlErrorKind::Syntax {
                                message: "XML declaration must have version 1.0 or 1.1".into(),
                            },
                            start,
                        ));
                    }
                    if let Some(enc) = d.encoding() {
                        let ok = match &enc {
                            Ok(v) => {
                                v.eq_ignore_ascii_case("utf-8")
                                    || v.eq_ignore_ascii_case("utf8")
                                    || v.eq_ignore_ascii_case("us-ascii")
                            }
                            Err(_) => false,
                        };
                        if !ok {
                            let found = enc.map(|v| v.into_owned()).unwrap_or_default();
                            return Err(self.error_at(
                                XmlErrorKind::Syntax {
                                    message: format!(
                                        "unsupported encoding \"{found}\": only UTF-8 is accepted"
                                    ),
                                },
                                start,
                            ));
                        }
                    }
                }
                Event::Comment(_) | Event::PI(_) => {}
                Event::Eof => {
                    if !self.path_lens.is_empty() {
                        let open = self.path.rsplit('/').next().unwrap_or("").to_owned();
                        return Err(self.error_at(
                            XmlErrorKind::Syntax {
                                message: format!(
                                    "unexpected end of input: element <{open}> is not closed"
                                ),
                            },
                            start,
                        ));
                    }
                    if !self.seen_root {
                        return Err(self.error_at(
                            XmlErrorKind::Syntax {
                                message: "no root element".into(),
                            },
                            start,
                        ));
                    }
                    return Ok(Ev::Eof);
                }
            }
        }
    }

    fn push_text(
        &mut self,
        s: &str,
        start: u64,
        text_start: &mut Option<u64>,
    ) -> Result<(), XmlError> {
        if has_forbidden_char(s) {
            return Err(self.error_at(
                XmlErrorKind::Syntax {
                    message: "character not allowed in XML 1.0".into(),
                },
                start,
            ));
        }
        self.push_text_unchecked(s, start, text_start)
    }

    fn push_text_unchecked(
        &mut self,
        s: &str,
        start: u64,
        text_start: &mut Option<u64>,
    ) -> Result<(), XmlError> {
        if self.path_lens.is_empty() {
            if s.bytes().all(|b| matches!(b, b' ' | b'\t' | b'\n' | b'\r')) {
                return Ok(());
            }
            let what = if self.seen_root { "after" } else { "before" };
            return Err(self.error_at(
                XmlErrorKind::Syntax {
                    message: format!("text {what} the root element"),
                },
                start,
            ));
        }
        if text_start.is_none() {
            *text_start = Some(start);
        }
        let len = self.text.len() + s.len();
        if len > self.config.get_max_text_len() {
            let ts = text_start.unwrap_or(start);
            return Err(self.error_at(
                XmlErrorKind::LimitExceeded {
                    limit: Limit::TextLength,
                    max: self.config.get_max_text_len() as u64,
                    value: len as u64,
                },
                ts,
            ));
        }
        self.text.push_str(s);
        Ok(())
    }

    fn store_start(&mut self, e: &BytesStart<'_>, start: u64) -> Result<(), XmlError> {
        self.tag.clear();
        self.attrs.clear();
        let resolver = self.reader.resolver();
        let (ns, local) = resolver.resolve_element(e.name());
        self.tag_ns = match ns {
            ResolveResult::Bound(n) => {
                self.tag.push_str(n.as_ref());
                Some(0..self.tag.len())
            }
            ResolveResult::Unbound => None,
            ResolveResult::Unknown(p) => {
                return Err(self.error_at(
                    XmlErrorKind::Syntax {
                        message: format!("undeclared namespace prefix \"{p}\""),
                    },
                    start,
                ));
            }
        };
        let l0 = self.tag.len();
        self.tag.push_str(local.as_ref());
        self.tag_local = l0..self.tag.len();
        for attr in e.attributes() {
            let attr = match attr {
                Ok(a) => a,
                Err(err) => {
                    let (message, pos) = match &err {
                        AttrError::Duplicated(pos, _) => ("duplicate attribute".to_owned(), *pos),
                        AttrError::ExpectedEq(pos)
                        | AttrError::ExpectedValue(pos)
                        | AttrError::UnquotedValue(pos)
                        | AttrError::ExpectedQuote(pos, _) => (format!("{err}"), *pos),
                    };
                    // +1 for the `<`, + name length is included in `pos` by quick-xml.
                    return Err(
                        self.error_at(XmlErrorKind::Syntax { message }, start + 1 + pos as u64)
                    );
                }
            };
            if attr.key.as_namespace_binding().is_some() {
                continue;
            }
            let resolver = self.reader.resolver();
            let (ans, alocal) = resolver.resolve_attribute(attr.key);
            let ans_range = match ans {
                ResolveResult::Bound(n) => {
                    let a = self.tag.len();
                    self.tag.push_str(n.as_ref());
                    Some(a..self.tag.len())
                }
                ResolveResult::Unbound => None,
                ResolveResult::Unknown(p) => {
                    return Err(self.error_at(
                        XmlErrorKind::Syntax {
                            message: format!("undeclared namespace prefix \"{p}\" on an attribute"),
                        },
                        start,
                    ));
                }
            };
            let a = self.tag.len();
            self.tag.push_str(alocal.as_ref());
            let local_range = a..self.tag.len();
            let value = match attr.normalized_value(XmlVersion::Implicit1_0) {
                Ok(v) => v,
                Err(err) => {
                    let kind = match err {
                        QError::Escape(EscapeError::UnrecognizedEntity(_, name)) => {
                            XmlErrorKind::Entity { name }
                        }
                        QError::Escape(EscapeError::InvalidCharRef(_)) => XmlErrorKind::Entity {
                            name: "#…".into(),
                        },
                        other => XmlErrorKind::Syntax {
                            message: format!("in attribute value: {other}"),
                        },
                    };
                    return Err(self.error_at(kind, start));
                }
            };
            if value.len() > self.config.get_max_attr_len() {
                return Err(self.error_at(
                    XmlErrorKind::LimitExceeded {
                        limit: Limit::AttributeLength,
                        max: self.config.get_max_attr_len() as u64,
                        value: value.len() as u64,
                    },
                    start,
                ));
            }
            if has_forbidden_char(&value) {
                return Err(self.error_at(
                    XmlErrorKind::Syntax {
                        message: "character not allowed in XML 1.0 in an attribute value".into(),
                    },
                    start,
                ));
            }
            let v = self.tag.len();
            self.tag.push_str(&value);
            self.attrs.push(AttrRec {
                ns: ans_range,
                local: local_range,
                value: v..self.tag.len(),
            });
        }
        Ok(())
    }

    fn convert_error(&mut self, e: QError, start: u64) -> XmlError {
        let guard = self.reader.get_ref();
        let kind = match &e {
            QError::Io(io) => match guard.tripped {
                Some(t) => XmlErrorKind::LimitExceeded {
                    limit: t.limit,
                    max: t.max,
                    value: t.value,
                },
                None => XmlErrorKind::Io(std::io::Error::new(io.kind(), io.to_string())),
            },
            QError::Encoding(_) => XmlErrorKind::Syntax {
                message: "invalid UTF-8 (only UTF-8 input is accepted)".into(),
            },
            QError::Escape(EscapeError::UnrecognizedEntity(_, name)) => {
                XmlErrorKind::Entity { name: name.clone() }
            }
            QError::Escape(other) => XmlErrorKind::Syntax {
                message: other.to_string(),
            },
            QError::IllFormed(IllFormedError::MismatchedEndTag { expected, found }) => {
                XmlErrorKind::Syntax {
                    message: format!("end tag </{found}> does not match start tag <{expected}>"),
                }
            }
            other => XmlErrorKind::Syntax {
                message: other.to_string(),
            },
        };
        let offset = match &e {
            QError::Io(_) => guard.consumed(),
            _ => {
                let p = self.reader.error_position();
                if p >= start { p } else { start }
            }
        };
        self.error_at(kind, offset)
    }

    /// An error at `offset` with the current path.
    pub(crate) fn error_at(&self, kind: XmlErrorKind, offset: u64) -> XmlError {
        let (line, col) = self.reader.get_ref().position(offset);
        XmlError::new(kind).at(line, col).with_path(&self.path)
    }

    /// An error at the start of the current event.
    pub(crate) fn error(&self, kind: XmlErrorKind) -> XmlError {
        self.error_at(kind, self.event_start)
    }

    // ----- accessors of the current event -----

    /// Whether reading stopped at a well-formedness, limit or I/O error (nothing more can be read).
    pub(crate) fn failed(&self) -> bool {
        self.failed
    }

    /// Number of open elements; during an `End` event the closing element still counts.
    pub(crate) fn depth(&self) -> usize {
        self.path_lens.len()
    }

    /// After a semantic error inside an element opened at `depth`: reads on to its end tag
    /// (no-op when that end tag is the current event).
    pub(crate) fn recover_to_end_of(&mut self, depth: usize) -> Result<(), XmlError> {
        let mut ev = self.current;
        loop {
            if ev == Ev::End && self.depth() == depth {
                return Ok(());
            }
            if ev == Ev::Eof || self.depth() < depth {
                return Ok(());
            }
            ev = self.next()?;
        }
    }

    /// Namespace of the current start/end tag.
    pub(crate) fn ns(&self) -> Option<&str> {
        self.tag_ns.clone().map(|r| &self.tag[r])
    }

    /// Local name of the current start/end tag.
    pub(crate) fn local(&self) -> &str {
        &self.tag[self.tag_local.clone()]
    }

    /// Whether the current tag has this namespace and local name.
    pub(crate) fn is(&self, ns: &str, local: &str) -> bool {
        self.local() == local && self.ns() == Some(ns)
    }

    /// Whether the current tag is unqualified or in `ns` and has this local name. XÖV schemas
    /// declare children unqualified; producers differ, so both are accepted.
    pub(crate) fn is_child(&self, ns: &str, local: &str) -> bool {
        self.local() == local && self.ns().is_none_or(|n| n == ns)
    }

    pub(crate) fn attrs(&self) -> impl Iterator<Item = AttrRef<'_>> + '_ {
        self.attrs.iter().map(|a| AttrRef {
            ns: a.ns.clone().map(|r| &self.tag[r]),
            local: &self.tag[a.local.clone()],
            value: &self.tag[a.value.clone()],
        })
    }

    /// The value of an unqualified attribute.
    pub(crate) fn attr(&self, local: &str) -> Option<&str> {
        self.attrs()
            .find(|a| a.ns.is_none() && a.local == local)
            .map(|a| a.value)
    }

    /// The value of an attribute in namespace `ns`.
    pub(crate) fn attr_ns(&self, ns: &str, local: &str) -> Option<&str> {
        self.attrs()
            .find(|a| a.ns == Some(ns) && a.local == local)
            .map(|a| a.value)
    }

    /// `{ns}local` of the current tag, for messages.
    pub(crate) fn describe(&self) -> String {
        match self.current {
            Ev::Start => match self.ns() {
                Some(ns) => format!("element {{{ns}}}{}", self.local()),
                None => format!("element {}", self.local()),
            },
            Ev::End => format!("end of element {}", self.local()),
            Ev::Text => "text".to_owned(),
            Ev::Eof => "end of input".to_owned(),
        }
    }

    // ----- helpers for typed readers -----

    /// After a `Start`: reads the text content up to the matching end tag. Child elements are an
    /// error (`expected` names the field).
    pub(crate) fn read_text_into(&mut self, out: &mut String) -> Result<(), XmlError> {
        out.clear();
        loop {
            match self.next()? {
                Ev::Text => out.push_str(&self.text),
                Ev::End => return Ok(()),
                Ev::Start => {
                    return Err(self.error(XmlErrorKind::UnexpectedElement {
                        expected: "text content".into(),
                        found: self.describe(),
                    }));
                }
                Ev::Eof => {
                    return Err(self.error(XmlErrorKind::Syntax {
                        message: "unexpected end of input".into(),
                    }));
                }
            }
        }
    }

    /// After a `Start`: reads the text content as a new string.
    pub(crate) fn read_text(&mut self) -> Result<String, XmlError> {
        let mut s = String::new();
        self.read_text_into(&mut s)?;
        Ok(s)
    }

    /// After a `Start`: reads the text content with leading and trailing whitespace removed
    /// (trimmed in place, one allocation).
    pub(crate) fn read_text_trimmed(&mut self) -> Result<String, XmlError> {
        let mut s = self.read_text()?;
        let end = s.trim_end().len();
        s.truncate(end);
        let lead = s.len() - s.trim_start().len();
        if lead > 0 {
            s.drain(..lead);
        }
        Ok(s)
    }

    /// After a `Start`: captures the element and its subtree.
    pub(crate) fn read_raw(&mut self) -> Result<RawElement, XmlError> {
        let mut stack: Vec<RawElement> = vec![self.raw_from_current()];
        loop {
            match self.next()? {
                Ev::Start => stack.push(self.raw_from_current()),
                Ev::Text => {
                    if !self.text.trim().is_empty()
                        && let Some(top) = stack.last_mut()
                    {
                        top.children.push(RawNode::Text(self.text.clone()));
                    }
                }
                Ev::End => {
                    let Some(done) = stack.pop() else {
                        return Err(self.error(XmlErrorKind::Syntax {
                            message: "internal: raw element stack empty".into(),
                        }));
                    };
                    match stack.last_mut() {
                        Some(parent) => parent.children.push(RawNode::Element(done)),
                        None => return Ok(done),
                    }
                }
                Ev::Eof => {
                    return Err(self.error(XmlErrorKind::Syntax {
                        message: "unexpected end of input".into(),
                    }));
                }
            }
        }
    }

    fn raw_from_current(&self) -> RawElement {
        RawElement {
            namespace: self.ns().map(str::to_owned),
            name: self.local().to_owned(),
            attributes: self
                .attrs()
                .map(|a| RawAttribute {
                    namespace: a.ns.map(str::to_owned),
                    name: a.local.to_owned(),
                    value: a.value.to_owned(),
                })
                .collect(),
            children: Vec::new(),
        }
    }

    /// Reads to the next start or end tag, skipping whitespace; non-whitespace text is an error.
    pub(crate) fn next_tag(&mut self) -> Result<Ev, XmlError> {
        loop {
            // Whitespace-only runs are dropped inside `next` without being delivered.
            self.skip_ws = true;
            let ev = self.next();
            self.skip_ws = false;
            match ev? {
                Ev::Text => {
                    if !self.text.trim().is_empty() {
                        return Err(self.error(XmlErrorKind::UnexpectedElement {
                            expected: "an element".into(),
                            found: "text".into(),
                        }));
                    }
                }
                other => return Ok(other),
            }
        }
    }

    /// Reads the whole document, checking it (used by tests and `check_well_formed`).
    pub(crate) fn drain(&mut self) -> Result<(), XmlError> {
        while self.next()? != Ev::Eof {}
        Ok(())
    }
}
