//! The hardened pull parser (private) over our own in-place tokenizer, with its own namespace
//! resolution: prefixes are bound on a scoped stack and a tag's namespace is an index into it, so
//! no namespace URI is copied per tag and end tags copy nothing.
//!
//! It turns tokens into a small, checked event stream: `Start` (empty elements are
//! expanded), `End`, `Text` (adjacent text, CDATA and references merged into one run) and `Eof`.
//! DOCTYPEs and non-predefined entities are rejected, limits are enforced, well-formedness is
//! checked (single root, closed root, matching tags, duplicate attributes, UTF-8, XML 1.0 chars),
//! and every error gets a line, a column and the element path.

use std::cell::Cell;
use std::io::Read;
use std::ops::Range;

use crate::config::ReaderConfig;
use crate::error::{Limit, XmlError, XmlErrorKind};
use crate::raw::{RawAttribute, RawElement, RawNode};
use crate::tokenizer::{TagBuf, TokErrorData, Token, Tokenizer, eq_bytes, is_plain_ws};

/// `str::trim` with a fast path for ASCII whitespace (the usual case); other Unicode whitespace
/// is still removed.
fn trim(s: &str) -> &str {
    let t = s.trim_ascii();
    match (t.as_bytes().first(), t.as_bytes().last()) {
        (Some(&a), Some(&b)) if a >= 0x80 || b >= 0x80 => t.trim(),
        _ => t,
    }
}

/// Kind of the current event.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Ev {
    Start,
    End,
    Text,
    Eof,
}

/// Namespace URI bound to the `xml` prefix (always in scope).
const NS_XML: &str = "http://www.w3.org/XML/1998/namespace";
/// Namespace URI of namespace declarations (the `xmlns` prefix).
const NS_XMLNS: &str = "http://www.w3.org/2000/xmlns/";
/// In-scope namespace declarations allowed at once (bounds memory and the cost of resolution).
const MAX_NS_BINDINGS: usize = 1024;

#[derive(Debug, Clone)]
struct AttrRec {
    /// Prefix (in `tag`, empty when unprefixed); resolved after all declarations are seen.
    prefix: Range<usize>,
    /// Index of the namespace binding, `None` for an unqualified attribute.
    ns: Option<u32>,
    local: Range<usize>,
    value: Range<usize>,
}

/// One namespace declaration in scope (Namensraumbindung): prefix and URI stored in `ns_buf`.
#[derive(Debug, Clone, Copy)]
struct Binding {
    start: usize,
    prefix_len: usize,
    uri_len: usize,
}

/// One open element: where its path segment starts, its namespace and the binding stack size
/// before its own declarations.
#[derive(Debug, Clone, Copy)]
struct OpenElem {
    path_len: usize,
    /// Where the local name starts in `path`.
    local_start: usize,
    ns: Option<u32>,
    bindings: usize,
    ns_buf_len: usize,
}

/// One attribute of the current start tag.
#[derive(Debug, Clone, Copy)]
pub(crate) struct AttrRef<'a> {
    pub(crate) ns: Option<&'a str>,
    pub(crate) local: &'a str,
    pub(crate) value: &'a str,
}

pub(crate) struct PullParser<R> {
    tok: Tokenizer<R>,
    config: ReaderConfig,
    /// Storage of the current start tag: qualified name and attributes, filled by the tokenizer.
    tag: TagBuf,
    /// Namespace of the current tag (index into `bindings`).
    tag_ns: Option<u32>,
    /// Local name of the current tag: in `tag` for a start tag, in `path` for an end tag.
    tag_local: Range<usize>,
    tag_local_in_path: bool,
    attrs: Vec<AttrRec>,
    /// Namespace declarations in scope, innermost last (`xml` and `xmlns` first).
    bindings: Vec<Binding>,
    ns_buf: String,
    /// The binding a prefix last resolved to (`u32::MAX`: none); reset when `bindings` changes.
    resolve_cache: Cell<u32>,
    /// The last namespace comparison: binding, address and length of the compared URI, result.
    /// Callers compare against the same constants over and over; reset when `bindings` changes.
    ns_cache: Cell<(u32, usize, usize, bool)>,
    /// Current text run.
    text: String,
    /// Whether the current text run holds only XML whitespace (space, tab, LF, CR).
    text_ws: bool,
    /// Set by `next_tag`: a whitespace-only text run is not delivered as an event.
    skip_ws: bool,
    /// Bytes of leading whitespace of the current run counted but not copied (`skip_ws`).
    text_skipped: usize,
    /// `/a/b/c` (qualified names as written).
    path: String,
    /// The open elements, root first.
    open: Vec<OpenElem>,
    pop_pending: bool,
    /// The current `Start` came from an empty-element tag: its `End` follows.
    empty_pending: bool,
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

impl<R: Read> PullParser<R> {
    pub(crate) fn new(input: R, config: ReaderConfig) -> Self {
        let tok = Tokenizer::new(
            input,
            config.get_max_total_bytes(),
            config.get_max_text_len(),
            config.get_max_attr_len(),
        );
        let mut ns_buf = String::with_capacity(256);
        let mut bindings = Vec::with_capacity(16);
        for (prefix, uri) in [("xml", NS_XML), ("xmlns", NS_XMLNS)] {
            bindings.push(Binding {
                start: ns_buf.len(),
                prefix_len: prefix.len(),
                uri_len: uri.len(),
            });
            ns_buf.push_str(prefix);
            ns_buf.push_str(uri);
        }
        PullParser {
            tok,
            config,
            tag: TagBuf::default(),
            tag_ns: None,
            tag_local: 0..0,
            tag_local_in_path: false,
            attrs: Vec::with_capacity(8),
            bindings,
            ns_buf,
            resolve_cache: Cell::new(u32::MAX),
            ns_cache: Cell::new((u32::MAX, 0, 0, false)),
            text: String::with_capacity(256),
            text_ws: true,
            skip_ws: false,
            text_skipped: 0,
            path: String::with_capacity(256),
            open: Vec::with_capacity(32),
            pop_pending: false,
            empty_pending: false,
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
            if let Some(e) = self.open.pop() {
                self.path.truncate(e.path_len);
                if e.bindings < self.bindings.len() {
                    self.bindings.truncate(e.bindings);
                    self.bindings_changed();
                }
                self.ns_buf.truncate(e.ns_buf_len);
            }
        }
        if let Some(p) = self.pending.take() {
            self.event_start = self.pending_start;
            return self.deliver(p);
        }
        self.text.clear();
        self.text_ws = true;
        self.text_skipped = 0;
        let mut text_start: Option<u64> = None;
        self.tok.mark();
        let result = self.read_loop(&mut text_start);
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

    fn read_loop(&mut self, text_start: &mut Option<u64>) -> Result<Ev, XmlError> {
        if self.empty_pending {
            // The end of an empty-element tag `<a/>`.
            self.empty_pending = false;
            self.event_start = self.tok.offset();
            return self.end_event();
        }
        loop {
            let mut start = 0;
            let expected_end = match self.open.last() {
                Some(top) => self
                    .path
                    .as_bytes()
                    .get(top.path_len + 1..)
                    .unwrap_or_default(),
                None => &[],
            };
            let token = match self.tok.next_token(&mut self.tag, &mut start, expected_end) {
                Ok(t) => t,
                Err(e) => return Err(self.tok_error(*e)),
            };
            self.event_start = start;
            match token {
                Token::Start { empty } => {
                    if self.root_closed {
                        return Err(self.error_at(
                            XmlErrorKind::Syntax {
                                message: "more than one root element".into(),
                            },
                            start,
                        ));
                    }
                    self.seen_root = true;
                    let depth = self.open.len() + 1;
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
                    let path_len = self.path.len();
                    self.path.push('/');
                    self.path.push_str(&self.tag.buf[self.tag.name.clone()]);
                    self.open.push(OpenElem {
                        path_len,
                        local_start: path_len + 1 + self.tag.colon.map_or(0, |c| c + 1),
                        ns: None,
                        bindings: self.bindings.len(),
                        ns_buf_len: self.ns_buf.len(),
                    });
                    self.store_start(start)?;
                    if let Some(top) = self.open.last_mut() {
                        top.ns = self.tag_ns;
                    }
                    self.empty_pending = empty;
                    return Ok(Ev::Start);
                }
                Token::End(None) => return self.end_event(),
                Token::End(Some(name)) => {
                    // The name must be that of the innermost open element (the tokenizer has
                    // compared them).
                    let message = match self.open.last() {
                        Some(top) => format!(
                            "end tag </{name}> does not match start tag <{}>",
                            &self.path[top.path_len + 1..]
                        ),
                        None => format!("end tag </{name}> without a matching start tag"),
                    };
                    return Err(self.error_at(XmlErrorKind::Syntax { message }, start));
                }
                Token::Text { text, ws } => {
                    let len = text.len();
                    if self.open.is_empty() {
                        if ws || is_plain_ws(text.as_bytes()) {
                            continue;
                        }
                        // Reported at the first character that is not whitespace (where the
                        // error is, however the text was chunked).
                        let lead = self
                            .tok
                            .last_token_source()
                            .iter()
                            .position(|&b| !matches!(b, b' ' | b'\t' | b'\n' | b'\r'))
                            .unwrap_or(0);
                        return Err(self.outside_root(start + lead as u64));
                    }
                    if ws && self.skip_ws && self.text_ws {
                        // `next_tag` drops a whitespace-only run and reports any other text
                        // without its content: the whitespace is counted, not copied.
                        self.text_skipped += len;
                    } else {
                        if !ws {
                            self.text_ws = false;
                        }
                        self.text.push_str(text);
                    }
                    self.check_text_len(start, text_start)?;
                }
                Token::CData(text) => {
                    if self.open.is_empty() {
                        return Err(self.outside_root(start));
                    }
                    self.text_ws = false;
                    self.text.push_str(text);
                    self.check_text_len(start, text_start)?;
                }
                Token::Char(c) => {
                    if self.open.is_empty() {
                        return Err(self.outside_root(start));
                    }
                    self.text_ws = false;
                    self.text.push(c);
                    self.check_text_len(start, text_start)?;
                }
                Token::Eof => {
                    if !self.open.is_empty() {
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

    /// The `End` event of the innermost open element.
    fn end_event(&mut self) -> Result<Ev, XmlError> {
        let Some(top) = self.open.last().copied() else {
            return Err(self.error(XmlErrorKind::Syntax {
                message: "internal: end tag without open element".into(),
            }));
        };
        self.tag_ns = top.ns;
        self.tag_local = top.local_start..self.path.len();
        self.tag_local_in_path = true;
        self.attrs.clear();
        if self.open.len() == 1 {
            self.root_closed = true;
        }
        Ok(Ev::End)
    }

    fn outside_root(&self, start: u64) -> XmlError {
        let what = if self.seen_root { "after" } else { "before" };
        self.error_at(
            XmlErrorKind::Syntax {
                message: format!("text {what} the root element"),
            },
            start,
        )
    }

    /// Checks the text limit for the current run (and notes where it began).
    fn check_text_len(&self, start: u64, text_start: &mut Option<u64>) -> Result<(), XmlError> {
        if text_start.is_none() {
            *text_start = Some(start);
        }
        let len = self.text.len() + self.text_skipped;
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
        Ok(())
    }

    /// Resolves the namespaces of the start tag the tokenizer has put into `tag`.
    fn store_start(&mut self, start: u64) -> Result<(), XmlError> {
        self.attrs.clear();
        self.tag_local_in_path = false;
        let name = self.tag.name.clone();
        let prefix = match self.tag.colon {
            Some(c) => {
                self.tag_local = c + 1..name.end;
                name.start..c
            }
            None => {
                self.tag_local = name.clone();
                0..0
            }
        };
        // One pass: check every attribute, bind the namespace declarations, keep the others with
        // their prefix; the prefixes are resolved once all declarations of the tag are known.
        for i in 0..self.tag.attrs.len() {
            let a = self.tag.attrs[i].clone();
            let value_len = a.value.len();
            if value_len > self.config.get_max_attr_len() {
                return Err(self.error_at(
                    XmlErrorKind::LimitExceeded {
                        limit: Limit::AttributeLength,
                        max: self.config.get_max_attr_len() as u64,
                        value: value_len as u64,
                    },
                    start,
                ));
            }
            let key = &self.tag.buf.as_bytes()[a.name.clone()];
            if key.starts_with(b"xmlns") {
                match a.colon {
                    None if key.len() == 5 => {
                        self.bind(0..0, a.value, start)?;
                        continue;
                    }
                    Some(c) if c == a.name.start + 5 => {
                        self.bind(c + 1..a.name.end, a.value, start)?;
                        continue;
                    }
                    _ => {}
                }
            }
            let (p, l) = match a.colon {
                Some(c) => (a.name.start..c, c + 1..a.name.end),
                None => (0..0, a.name.clone()),
            };
            self.attrs.push(AttrRec {
                prefix: p,
                ns: None,
                local: l,
                value: a.value,
            });
        }
        self.tag_ns = match self.resolve(&self.tag.buf[prefix.clone()], true) {
            Some(ns) => ns,
            None => {
                let p = &self.tag.buf[prefix];
                return Err(self.error_at(
                    XmlErrorKind::Syntax {
                        message: format!("undeclared namespace prefix \"{p}\""),
                    },
                    start,
                ));
            }
        };
        for i in 0..self.attrs.len() {
            let range = self.attrs[i].prefix.clone();
            if range.is_empty() {
                continue;
            }
            match self.resolve(&self.tag.buf[range.clone()], false) {
                Some(ns) => self.attrs[i].ns = ns,
                None => {
                    let p = &self.tag.buf[range];
                    return Err(self.error_at(
                        XmlErrorKind::Syntax {
                            message: format!("undeclared namespace prefix \"{p}\" on an attribute"),
                        },
                        start,
                    ));
                }
            }
        }
        Ok(())
    }

    /// Declares `prefix` (empty: the default namespace) as `uri` for the current element.
    fn bind(
        &mut self,
        prefix: Range<usize>,
        uri: Range<usize>,
        start: u64,
    ) -> Result<(), XmlError> {
        let prefix = &self.tag.buf[prefix];
        let uri = &self.tag.buf[uri];
        let message = match prefix {
            "xml" if uri != NS_XML => {
                Some(format!("the prefix \"xml\" cannot be bound to \"{uri}\""))
            }
            "xml" => return Ok(()),
            "xmlns" => Some("the prefix \"xmlns\" cannot be declared".to_owned()),
            _ if uri == NS_XML || uri == NS_XMLNS => Some(format!(
                "the namespace \"{uri}\" cannot be bound to a prefix other than its reserved one"
            )),
            _ if self.bindings.len() >= MAX_NS_BINDINGS + 2 => Some(format!(
                "more than {MAX_NS_BINDINGS} namespace declarations in scope"
            )),
            _ => None,
        };
        if let Some(message) = message {
            return Err(self.error_at(XmlErrorKind::Syntax { message }, start));
        }
        self.bindings_changed();
        self.bindings.push(Binding {
            start: self.ns_buf.len(),
            prefix_len: prefix.len(),
            uri_len: uri.len(),
        });
        self.ns_buf.push_str(prefix);
        self.ns_buf.push_str(uri);
        Ok(())
    }

    /// Resolves a prefix to a binding: `Some(None)` for no namespace (no prefix and no default
    /// namespace, or no prefix on an attribute), `None` for an undeclared prefix.
    fn resolve(&self, prefix: &str, use_default: bool) -> Option<Option<u32>> {
        if prefix.is_empty() && !use_default {
            return Some(None);
        }
        let cached = self.resolve_cache.get();
        if let Some(b) = self.bindings.get(cached as usize)
            && eq_bytes(
                &self.ns_buf.as_bytes()[b.start..b.start + b.prefix_len],
                prefix.as_bytes(),
            )
        {
            // Only bindings with a URI are cached, and the cache is reset whenever a binding is
            // added or goes out of scope, so no inner binding can shadow this one.
            return Some(Some(cached));
        }
        for (i, b) in self.bindings.iter().enumerate().rev() {
            if eq_bytes(
                &self.ns_buf.as_bytes()[b.start..b.start + b.prefix_len],
                prefix.as_bytes(),
            ) {
                return if b.uri_len == 0 {
                    // `xmlns=""` undeclares the default namespace; `xmlns:p=""` unbinds `p`.
                    if prefix.is_empty() { Some(None) } else { None }
                } else {
                    self.resolve_cache.set(i as u32);
                    Some(Some(i as u32))
                };
            }
        }
        if prefix.is_empty() { Some(None) } else { None }
    }

    /// Forgets the caches that depend on the binding stack.
    fn bindings_changed(&self) {
        self.resolve_cache.set(u32::MAX);
        self.ns_cache.set((u32::MAX, 0, 0, false));
    }

    /// Whether the current tag's namespace is `ns`. `ns` is a constant (`'static`, so its address
    /// identifies its content) and the result is cached per binding and constant.
    fn ns_equals(&self, ns: &'static str) -> bool {
        let Some(i) = self.tag_ns else {
            return false;
        };
        let key = (i, ns.as_ptr() as usize, ns.len());
        let (ci, cp, cl, hit) = self.ns_cache.get();
        if (ci, cp, cl) == key {
            return hit;
        }
        let hit = self.ns_uri(i) == ns;
        self.ns_cache.set((key.0, key.1, key.2, hit));
        hit
    }

    fn tok_error(&self, e: TokErrorData) -> XmlError {
        self.error_at(e.kind, e.offset)
    }

    /// An error at `offset` with the current path.
    pub(crate) fn error_at(&self, kind: XmlErrorKind, offset: u64) -> XmlError {
        let (line, col) = self.tok.guard().position(offset);
        XmlError::new(kind).at(line, col).with_path(&self.path)
    }

    /// An error at the start of the current event.
    pub(crate) fn error(&self, kind: XmlErrorKind) -> XmlError {
        self.error_at(kind, self.event_start)
    }

    /// Line and column (1-based) of the start of the current event.
    pub(crate) fn position(&self) -> (u64, u64) {
        self.tok.guard().position(self.event_start)
    }

    // ----- accessors of the current event -----

    /// Whether reading stopped at a well-formedness, limit or I/O error (nothing more can be read).
    pub(crate) fn failed(&self) -> bool {
        self.failed
    }

    /// Number of open elements; during an `End` event the closing element still counts.
    pub(crate) fn depth(&self) -> usize {
        self.open.len()
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
        self.tag_ns.map(|i| self.ns_uri(i))
    }

    /// The URI of namespace binding `i`.
    fn ns_uri(&self, i: u32) -> &str {
        match self.bindings.get(i as usize) {
            Some(b) => {
                let s = b.start + b.prefix_len;
                &self.ns_buf[s..s + b.uri_len]
            }
            None => "",
        }
    }

    /// Local name of the current start/end tag.
    pub(crate) fn local(&self) -> &str {
        if self.tag_local_in_path {
            &self.path[self.tag_local.clone()]
        } else {
            &self.tag.buf[self.tag_local.clone()]
        }
    }

    /// Whether the current tag has this local name (any namespace).
    pub(crate) fn local_is(&self, local: &str) -> bool {
        let name = if self.tag_local_in_path {
            self.path.as_bytes().get(self.tag_local.clone())
        } else {
            self.tag.buf.as_bytes().get(self.tag_local.clone())
        };
        name.is_some_and(|n| eq_bytes(n, local.as_bytes()))
    }

    /// Whether the current tag has this namespace and local name.
    pub(crate) fn is(&self, ns: &'static str, local: &str) -> bool {
        self.local_is(local) && self.ns_equals(ns)
    }

    /// Whether the current tag is unqualified or in `ns` and has this local name. XÖV schemas
    /// declare children unqualified; producers differ, so both are accepted.
    pub(crate) fn is_child(&self, ns: &'static str, local: &str) -> bool {
        self.local_is(local) && (self.tag_ns.is_none() || self.ns_equals(ns))
    }

    pub(crate) fn attrs(&self) -> impl Iterator<Item = AttrRef<'_>> + '_ {
        self.attrs.iter().map(|a| AttrRef {
            ns: a.ns.map(|i| self.ns_uri(i)),
            local: &self.tag.buf[a.local.clone()],
            value: &self.tag.buf[a.value.clone()],
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

    /// After a `Start`: reads the text content up to the matching end tag as a new string. Child
    /// elements are an error.
    pub(crate) fn read_text(&mut self) -> Result<String, XmlError> {
        self.read_text_with(|t| t)
    }

    /// After a `Start`: reads the text content with leading and trailing whitespace removed.
    pub(crate) fn read_text_trimmed(&mut self) -> Result<String, XmlError> {
        self.read_text_with(trim)
    }

    /// After a `Start`: the text content, passed through `f` and copied once into a string of
    /// exactly its size. Adjacent text, CDATA and references arrive as one run, so the element
    /// holds at most one run before its end tag.
    fn read_text_with(&mut self, f: impl Fn(&str) -> &str) -> Result<String, XmlError> {
        let mut out = String::new();
        loop {
            match self.next()? {
                Ev::Text if out.is_empty() => out = f(&self.text).to_owned(),
                Ev::Text => out.push_str(f(&self.text)),
                Ev::End => return Ok(out),
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

    /// After a `Start`: captures the element and its subtree.
    pub(crate) fn read_raw(&mut self) -> Result<RawElement, XmlError> {
        let mut stack: Vec<RawElement> = vec![self.raw_from_current()];
        loop {
            match self.next()? {
                Ev::Start => stack.push(self.raw_from_current()),
                Ev::Text => {
                    // Runs of XML whitespace (space, tab, line ends) between elements are layout;
                    // any other text is kept as written, also non-breaking spaces.
                    let layout = self.text_ws || is_plain_ws(self.text.as_bytes());
                    if !layout && let Some(top) = stack.last_mut() {
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

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use crate::tokenizer::is_plain_ws;

    /// `(ns, local)` of every start and end tag.
    fn tags(xml: &str) -> Result<Vec<(Ev, Option<String>, String)>, XmlError> {
        let mut p = PullParser::new(xml.as_bytes(), ReaderConfig::default());
        let mut out = Vec::new();
        loop {
            match p.next()? {
                Ev::Eof => return Ok(out),
                Ev::Text => {}
                ev => out.push((ev, p.ns().map(str::to_owned), p.local().to_owned())),
            }
        }
    }

    #[test]
    fn raw_elements_keep_text_that_is_not_xml_whitespace() {
        let xml = "<r><k>\n  <a>\u{A0}</a>\r\n  <b> x </b>\n</k></r>";
        let mut p = PullParser::new(xml.as_bytes(), ReaderConfig::default());
        assert_eq!(p.next_tag().unwrap(), Ev::Start);
        assert_eq!(p.next_tag().unwrap(), Ev::Start);
        let raw = p.read_raw().unwrap();
        let texts: Vec<String> = raw
            .children
            .iter()
            .map(|c| match c {
                RawNode::Element(e) => e.text(),
                RawNode::Text(t) => format!("text {t:?}"),
            })
            .collect();
        assert_eq!(texts, ["\u{A0}", " x "]);
    }

    #[test]
    fn trim_agrees_with_str_trim() {
        for s in [
            "",
            " ",
            "a",
            " a ",
            "\t\n a b \r\n",
            "\u{A0}a\u{A0}",
            " \u{2003} x \u{3000}",
            "ä ",
            " ü",
            "\u{85}",
            "x\u{c}",
        ] {
            assert_eq!(trim(s), s.trim(), "{s:?}");
        }
    }

    #[test]
    fn plain_whitespace_blocks_and_remainder() {
        for n in [0, 1, 15, 16, 17, 40] {
            let ws: Vec<u8> = (0..n).map(|i| [b' ', b'\n', b'\t'][i % 3]).collect();
            assert!(is_plain_ws(&ws), "{n}");
            for at in 0..n {
                for bad in [b'x', b'\r', 0xA0] {
                    let mut v = ws.clone();
                    v[at] = bad;
                    assert!(!is_plain_ws(&v), "{n} {at} {bad}");
                }
            }
        }
    }

    #[test]
    fn skipped_whitespace_still_counts_toward_the_text_limit() {
        let xml = format!("<r>\n<a/>{}<b/></r>", " ".repeat(2000));
        let mut p = PullParser::new(xml.as_bytes(), ReaderConfig::new().max_text_len(1000));
        assert_eq!(p.next_tag().unwrap(), Ev::Start);
        assert_eq!(p.next_tag().unwrap(), Ev::Start);
        assert_eq!(p.next_tag().unwrap(), Ev::End);
        let e = p.next_tag().unwrap_err();
        assert!(
            matches!(
                e.kind(),
                XmlErrorKind::LimitExceeded {
                    limit: Limit::TextLength,
                    value: 2000,
                    ..
                }
            ),
            "{e}"
        );
        assert_eq!((e.line(), e.column()), (2, 5));
        // Whitespace before other text: an error at the start of the run, as without skipping.
        let mut p = PullParser::new(b"<r>\n  <a/>\n   x<b/></r>".as_slice(), ReaderConfig::new());
        for _ in 0..3 {
            p.next_tag().unwrap();
        }
        let e = p.next_tag().unwrap_err();
        assert!(
            matches!(e.kind(), XmlErrorKind::UnexpectedElement { .. }),
            "{e}"
        );
        assert_eq!((e.line(), e.column()), (2, 7));
    }

    #[test]
    fn namespaces_are_scoped_to_their_element() {
        let got = tags(
            r#"<a:r xmlns:a="urn:a" xmlns="urn:d"><x/><a:y xmlns:a="urn:b"><a:z/></a:y><a:y/><n xmlns=""/></a:r>"#,
        )
        .unwrap();
        let s = |v: &str| Some(v.to_owned());
        let want = vec![
            (Ev::Start, s("urn:a"), "r".to_owned()),
            (Ev::Start, s("urn:d"), "x".to_owned()),
            (Ev::End, s("urn:d"), "x".to_owned()),
            (Ev::Start, s("urn:b"), "y".to_owned()),
            (Ev::Start, s("urn:b"), "z".to_owned()),
            (Ev::End, s("urn:b"), "z".to_owned()),
            (Ev::End, s("urn:b"), "y".to_owned()),
            (Ev::Start, s("urn:a"), "y".to_owned()),
            (Ev::End, s("urn:a"), "y".to_owned()),
            (Ev::Start, None, "n".to_owned()),
            (Ev::End, None, "n".to_owned()),
            (Ev::End, s("urn:a"), "r".to_owned()),
        ];
        assert_eq!(got, want);
    }

    #[test]
    fn identical_tags_in_different_scopes_resolve_to_their_own_namespace() {
        // The second `<p:a/>` is byte for byte the first (the tokenizer's tag cache serves it),
        // but `p` is bound to another namespace there.
        let got =
            tags(r#"<r xmlns:p="urn:1"><p:a/><x xmlns:p="urn:2"><p:a/></x><p:a/></r>"#).unwrap();
        let ns: Vec<_> = got
            .iter()
            .filter(|(ev, _, local)| *ev == Ev::Start && local == "a")
            .map(|(_, ns, _)| ns.clone().unwrap_or_default())
            .collect();
        assert_eq!(ns, ["urn:1", "urn:2", "urn:1"]);
        let e = tags(r#"<r><x xmlns:p="urn:1"><p:a/></x><p:a/></r>"#).unwrap_err();
        assert!(e.to_string().contains("undeclared namespace prefix"), "{e}");
    }

    #[test]
    fn namespace_caches_follow_rebinding_at_the_same_stack_index() {
        let xml = r#"<r><x xmlns="urn:a"/><x xmlns="urn:b"/><p:x xmlns:p="urn:a"/><p:x xmlns:p="urn:b"/></r>"#;
        let mut p = PullParser::new(xml.as_bytes(), ReaderConfig::default());
        let mut seen = Vec::new();
        while p.next_tag().unwrap() != Ev::Eof {
            if p.current == Ev::Start && p.local() == "x" {
                seen.push((p.is("urn:a", "x"), p.is_child("urn:b", "x")));
            }
        }
        assert_eq!(
            seen,
            vec![(true, false), (false, true), (true, false), (false, true)]
        );
    }

    #[test]
    fn attribute_namespaces_resolve_after_all_declarations() {
        let xml = r#"<r q:t="1" u="2" xmlns:q="urn:q" xml:lang="de"/>"#;
        let mut p = PullParser::new(xml.as_bytes(), ReaderConfig::default());
        assert_eq!(p.next().unwrap(), Ev::Start);
        let attrs: Vec<_> = p.attrs().map(|a| (a.ns, a.local, a.value)).collect();
        assert_eq!(
            attrs,
            vec![
                (Some("urn:q"), "t", "1"),
                (None, "u", "2"),
                (Some(NS_XML), "lang", "de")
            ]
        );
        assert_eq!(p.attr_ns("urn:q", "t"), Some("1"));
        assert_eq!(p.attr("u"), Some("2"));
    }

    #[test]
    fn undeclared_and_out_of_scope_prefixes_are_errors() {
        let e = tags(r#"<r><a:x xmlns:a="urn:a"/><a:y/></r>"#).unwrap_err();
        assert!(
            e.to_string().contains("undeclared namespace prefix \"a\""),
            "{e}"
        );
        assert_eq!((e.line(), e.column()), (1, 26));
        let e = tags(r#"<r xmlns:a="urn:a"><x xmlns:a=""><a:y/></x></r>"#).unwrap_err();
        assert!(e.to_string().contains("undeclared"), "{e}");
        let e = tags(r#"<r b:t="1"/>"#).unwrap_err();
        assert!(e.to_string().contains("on an attribute"), "{e}");
        let e = tags(r#"<r xmlns:xmlns="urn:x"/>"#).unwrap_err();
        assert!(e.to_string().contains("xmlns"), "{e}");
        let e = tags(r#"<r xmlns:xml="urn:x"/>"#).unwrap_err();
        assert!(e.to_string().contains("\"xml\""), "{e}");
    }
}
