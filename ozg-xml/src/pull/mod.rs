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

mod namespaces;
#[cfg(test)]
mod tests;

use namespaces::{Binding, NS_XML, NS_XMLNS};

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

#[derive(Debug, Clone)]
struct AttrRec {
    /// Prefix (in `tag`, empty when unprefixed); resolved after all declarations are seen.
    prefix: Range<usize>,
    /// Index of the namespace binding, `None` for an unqualified attribute.
    ns: Option<u32>,
    local: Range<usize>,
    value: Range<usize>,
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
    /// Child elements started so far.
    children: u32,
    /// Its place among its parent's child elements (0: the first).
    ordinal: u32,
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
                        return Err(self
                            .error_at(XmlErrorKind::syntax("more than one root element"), start));
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
                    let ordinal = match self.open.last_mut() {
                        Some(parent) => {
                            parent.children = parent.children.saturating_add(1);
                            parent.children - 1
                        }
                        None => 0,
                    };
                    self.open.push(OpenElem {
                        path_len,
                        local_start: path_len + 1 + self.tag.colon.map_or(0, |c| c + 1),
                        ns: None,
                        bindings: self.bindings.len(),
                        ns_buf_len: self.ns_buf.len(),
                        children: 0,
                        ordinal,
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
                    return Err(self.error_at(XmlErrorKind::syntax(message), start));
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
                            XmlErrorKind::syntax(format!(
                                "unexpected end of input: element <{open}> is not closed"
                            )),
                            start,
                        ));
                    }
                    if !self.seen_root {
                        return Err(self.error_at(XmlErrorKind::syntax("no root element"), start));
                    }
                    return Ok(Ev::Eof);
                }
            }
        }
    }

    /// The `End` event of the innermost open element.
    fn end_event(&mut self) -> Result<Ev, XmlError> {
        let Some(top) = self.open.last().copied() else {
            return Err(self.error(XmlErrorKind::syntax(
                "internal: end tag without open element",
            )));
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
            XmlErrorKind::syntax(format!("text {what} the root element")),
            start,
        )
    }

    /// Checks the text limit for the current run (and notes where it began).
    fn check_text_len(&mut self, start: u64, text_start: &mut Option<u64>) -> Result<(), XmlError> {
        if text_start.is_none() {
            *text_start = Some(start);
            self.tok.anchor_run(start);
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

    fn tok_error(&self, e: TokErrorData) -> XmlError {
        self.error_at(e.kind, e.offset)
    }

    /// An error at `offset` with the current path.
    pub(crate) fn error_at(&self, kind: XmlErrorKind, offset: u64) -> XmlError {
        let (line, col) = self.tok.guard().position(offset);
        XmlError::new(kind)
            .at(line, col)
            .with_path(&self.path)
            .top_level(self.open.len() <= 1)
    }

    /// An error at the start of the current event.
    pub(crate) fn error(&self, kind: XmlErrorKind) -> XmlError {
        self.error_at(kind, self.event_start)
    }

    /// Line and column (1-based) of the start of the current event.
    pub(crate) fn position(&self) -> (u64, u64) {
        self.tok.guard().position(self.event_start)
    }

    /// [`PullParser::position`] for a caller that asks at many events in document order (each
    /// asks only for the line breaks since the last one).
    pub(crate) fn position_forward(&mut self) -> (u64, u64) {
        let at = self.event_start;
        self.tok.guard_mut().position_forward(at)
    }

    /// The element path of the current event (`/ozg:dataset/verwaltungen`).
    pub(crate) fn element_path(&self) -> &str {
        &self.path
    }

    // ----- accessors of the current event -----

    /// Whether reading stopped at a well-formedness, limit or I/O error (nothing more can be read).
    pub(crate) fn failed(&self) -> bool {
        self.failed
    }

    /// After a `Start`: the element's place among its parent's child elements (0: the first).
    pub(crate) fn ordinal(&self) -> usize {
        self.open.last().map_or(0, |e| e.ordinal as usize)
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
                    return Err(self.error(XmlErrorKind::syntax("unexpected end of input")));
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
                        return Err(
                            self.error(XmlErrorKind::syntax("internal: raw element stack empty"))
                        );
                    };
                    match stack.last_mut() {
                        Some(parent) => parent.children.push(RawNode::Element(done)),
                        None => return Ok(done),
                    }
                }
                Ev::Eof => {
                    return Err(self.error(XmlErrorKind::syntax("unexpected end of input")));
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
                    // XML's white space only (S: space, tab, CR, LF): a no-break space or another
                    // Unicode space between elements is content, not layout.
                    if !self
                        .text
                        .trim_matches(|c| matches!(c, ' ' | '\t' | '\r' | '\n'))
                        .is_empty()
                    {
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
