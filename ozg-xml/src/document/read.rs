//! Reads XML of our own format into a JSON value guided by the compiled mapping (private).
//!
//! Errors of well-formedness, limits and structure carry the position where the hardened reader
//! found them. Errors about a *value* (a bad number, a code not in its list, a missing child, and
//! later the errors of the typed deserialisation) are first recorded with the JSON path of the
//! value; a second, locating pass over the same bytes then finds the start tag of that element so
//! the error reports its line and column and element path. The fast pass thus never has to
//! compute positions.

use serde_json::{Map, Number, Value};

use super::mapping::{Kind, Mapping, NodeId, ObjectType, Use};
use super::positions::{PartPositions, Recorder, Slot};
use super::{DocumentKind, NAMESPACE, XSI_NAMESPACE};
use crate::common::read_code_with;
use crate::config::ReaderConfig;
use crate::error::{XmlError, XmlErrorKind};
use crate::pull::{Ev, PullParser};

/// A rule a value broke (Regelverstoß), used as the source of [`XmlErrorKind::Invalid`].
#[derive(Debug)]
pub(crate) struct Rule(pub(crate) String);

impl std::fmt::Display for Rule {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for Rule {}

/// One segment of a JSON path.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Seg {
    Key(String),
    Index(usize),
}

#[derive(Debug, Clone, Copy)]
enum CurSeg<'m> {
    Key(&'m str),
    Index(usize),
}

impl CurSeg<'_> {
    fn matches(&self, t: &Seg) -> bool {
        match (self, t) {
            (CurSeg::Key(a), Seg::Key(b)) => *a == b,
            (CurSeg::Index(a), Seg::Index(b)) => a == b,
            _ => false,
        }
    }

    fn owned(&self) -> Seg {
        match self {
            CurSeg::Key(k) => Seg::Key((*k).to_owned()),
            CurSeg::Index(i) => Seg::Index(*i),
        }
    }
}

/// How reading stopped.
pub(crate) enum Fail {
    /// A positioned error.
    Xml(XmlError),
    /// A value error at a JSON path, to be positioned by a locating pass.
    Value { path: Vec<Seg>, kind: XmlErrorKind },
    /// Locating pass: the target element was reached.
    Found,
}

impl From<XmlError> for Fail {
    fn from(e: XmlError) -> Self {
        Fail::Xml(e)
    }
}

struct Reader<'m, 't, R> {
    m: &'m Mapping,
    p: PullParser<R>,
    path: Vec<CurSeg<'m>>,
    target: Option<&'t [Seg]>,
    best: Option<XmlError>,
    /// Locating many paths at once.
    many: Option<Many>,
    /// Recording the position of every element of the current part (streamed reading).
    rec: Option<Recorder>,
}

/// State of a pass locating many paths: a trie of the paths, the trie node of each open
/// element (`None` off the paths) and, per path, the deepest start tag found on the way.
struct Many {
    keys: std::collections::HashMap<usize, std::collections::HashMap<String, usize>>,
    indices: std::collections::HashMap<(usize, usize), usize>,
    /// Per trie node: the paths passing through it.
    through: Vec<Vec<usize>>,
    stack: Vec<Option<usize>>,
    best: Vec<Option<XmlError>>,
}

impl Many {
    fn new(paths: &[Vec<Seg>]) -> Many {
        let mut m = Many {
            keys: Default::default(),
            indices: Default::default(),
            through: vec![Vec::new()],
            stack: Vec::new(),
            best: (0..paths.len()).map(|_| None).collect(),
        };
        for (t, path) in paths.iter().enumerate() {
            let mut node = 0;
            m.through[0].push(t);
            for seg in path {
                let next = m.through.len();
                let child = match seg {
                    Seg::Key(k) => *m
                        .keys
                        .entry(node)
                        .or_default()
                        .entry(k.clone())
                        .or_insert(next),
                    Seg::Index(i) => *m.indices.entry((node, *i)).or_insert(next),
                };
                if child == next {
                    m.through.push(Vec::new());
                }
                m.through[child].push(t);
                node = child;
            }
        }
        m
    }

    /// The trie node of the element just started at depth `n` (segment `seg`), if on a path.
    fn enter(&mut self, n: usize, seg: Option<CurSeg<'_>>) -> Option<usize> {
        self.stack.truncate(n.saturating_sub(1));
        let node = match seg {
            None => Some(0),
            Some(seg) => match self.stack.last().copied().flatten() {
                None => None,
                Some(parent) => match seg {
                    CurSeg::Key(k) => self.keys.get(&parent).and_then(|c| c.get(k)).copied(),
                    CurSeg::Index(i) => self.indices.get(&(parent, i)).copied(),
                },
            },
        };
        self.stack.push(node);
        node
    }
}

fn rule(field: &str, value: &str, rule: impl Into<String>) -> XmlErrorKind {
    XmlErrorKind::Invalid {
        field: field.to_owned(),
        value: value.to_owned(),
        source: Box::new(Rule(rule.into())),
    }
}

impl<'m, R: std::io::Read> Reader<'m, '_, R> {
    fn value_error(&self, kind: XmlErrorKind) -> Fail {
        Fail::Value {
            path: self.path.iter().map(CurSeg::owned).collect(),
            kind,
        }
    }

    /// At a start tag whose JSON path is `self.path`: records it when locating.
    fn on_start(&mut self) -> Result<(), Fail> {
        if let Some(many) = &mut self.many {
            let n = self.path.len();
            if let Some(node) = many.enter(n + 1, self.path.last().copied()) {
                for &t in &many.through[node] {
                    // Deeper elements of a path come later and overwrite.
                    many.best[t] = Some(self.p.error(XmlErrorKind::Missing {
                        name: String::new(),
                    }));
                }
            }
        }
        if let Some(t) = self.target {
            let n = self.path.len();
            if n <= t.len() && self.path.iter().zip(t).all(|(a, b)| a.matches(b)) {
                self.best = Some(self.p.error(XmlErrorKind::Missing {
                    name: String::new(),
                }));
                if n == t.len() {
                    return Err(Fail::Found);
                }
            }
        }
        Ok(())
    }

    /// At a start tag: records its position when positions are recorded.
    #[inline]
    fn mark(&mut self, slot: Slot) {
        if let Some(rec) = &mut self.rec
            && rec.active()
        {
            let at = self.p.position_forward();
            rec.element(self.p.depth(), slot, at);
        }
    }

    /// Attributes other than `xsi:*` and those in `allowed` are an error.
    fn check_attrs(&self, allowed: &[&str]) -> Result<(), Fail> {
        for a in self.p.attrs() {
            let ok = match a.ns {
                Some(ns) => ns == XSI_NAMESPACE,
                None => allowed.contains(&a.local),
            };
            if !ok {
                let name = match a.ns {
                    Some(ns) => format!("{{{ns}}}{}", a.local),
                    None => a.local.to_owned(),
                };
                let expected = if allowed.is_empty() {
                    "no attributes (other than xsi:*)".to_owned()
                } else {
                    format!("only the attributes {}", allowed.join(", "))
                };
                return Err(Fail::Xml(self.p.error(XmlErrorKind::UnexpectedElement {
                    expected,
                    found: format!("attribute {name}"),
                })));
            }
        }
        Ok(())
    }

    fn eof(&self) -> Fail {
        Fail::Xml(
            self.p
                .error(XmlErrorKind::syntax("unexpected end of input")),
        )
    }

    /// After the start tag of an element holding a value of type `ty`.
    fn element(&mut self, ty: Use) -> Result<Value, Fail> {
        if let Some(nil) = self.p.attr_ns(XSI_NAMESPACE, "nil") {
            let nil = match nil.trim() {
                "true" | "1" => true,
                "false" | "0" => false,
                other => {
                    return Err(self.value_error(rule("xsi:nil", other, "expected true or false")));
                }
            };
            if nil {
                if !ty.nullable {
                    return Err(self.value_error(rule(
                        "xsi:nil",
                        "true",
                        "this element is not nillable: it must have a value",
                    )));
                }
                return match self.p.next_tag()? {
                    Ev::End => Ok(Value::Null),
                    Ev::Start => Err(self.unexpected("no content (xsi:nil=\"true\")")),
                    _ => Err(self.eof()),
                };
            }
        }
        self.content(ty.node)
    }

    fn text(&mut self) -> Result<String, Fail> {
        Ok(self.p.read_text()?)
    }

    fn content(&mut self, node: NodeId) -> Result<Value, Fail> {
        let m = self.m;
        match &m.nodes[node].kind {
            Kind::Pending => Err(self.value_error(rule("", "", "schema not compiled"))),
            Kind::Str(_) => {
                self.check_attrs(&[])?;
                Ok(Value::String(self.text()?))
            }
            Kind::Int(_) => {
                self.check_attrs(&[])?;
                let t = self.text()?;
                let s = t.trim();
                let n = s
                    .parse::<i64>()
                    .map(Number::from)
                    .or_else(|_| s.parse::<u64>().map(Number::from));
                match n {
                    Ok(n) => Ok(Value::Number(n)),
                    Err(_) => {
                        let local = self.p.local().to_owned();
                        Err(self.value_error(rule(&local, &t, "expected an integer")))
                    }
                }
            }
            Kind::Number => {
                self.check_attrs(&[])?;
                let t = self.text()?;
                let s = t.trim();
                let n = s
                    .parse::<i64>()
                    .map(Number::from)
                    .ok()
                    .or_else(|| s.parse::<u64>().map(Number::from).ok())
                    .or_else(|| s.parse::<f64>().ok().and_then(Number::from_f64));
                match n {
                    Some(n) => Ok(Value::Number(n)),
                    None => {
                        let local = self.p.local().to_owned();
                        Err(self.value_error(rule(&local, &t, "expected a finite number")))
                    }
                }
            }
            Kind::Bool => {
                self.check_attrs(&[])?;
                let t = self.text()?;
                match t.trim() {
                    "true" | "1" => Ok(Value::Bool(true)),
                    "false" | "0" => Ok(Value::Bool(false)),
                    _ => {
                        let local = self.p.local().to_owned();
                        Err(self.value_error(rule(&local, &t, "expected true or false")))
                    }
                }
            }
            Kind::Code(info) => {
                self.check_attrs(&["listURI", "listVersionID"])?;
                let local = self.p.local().to_owned();
                if let Some(uri) = self.p.attr("listURI")
                    && uri != info.list_uri
                {
                    let kind = XmlErrorKind::Invalid {
                        field: format!("{local}/@listURI"),
                        value: uri.to_owned(),
                        source: Box::new(ozg_core::code::CodeError::WrongList {
                            expected: info.list_uri,
                            found: uri.to_owned(),
                        }),
                    };
                    return Err(self.value_error(kind));
                }
                if let (Some(found), Some(expected)) =
                    (self.p.attr("listVersionID"), info.list_version_id)
                    && found != expected
                {
                    let kind = XmlErrorKind::WrongVersion {
                        expected: expected.to_owned(),
                        found: found.to_owned(),
                    };
                    return Err(self.value_error(kind));
                }
                let code = read_code_with(&mut self.p, &local, info.list_uri.to_owned())?;
                if info.codes.iter().any(|(c, _)| *c == code.code) {
                    Ok(Value::String(code.code))
                } else {
                    let expected: Vec<&str> = info.codes.iter().map(|(c, _)| *c).collect();
                    let kind = XmlErrorKind::Invalid {
                        field: format!("{local}/code"),
                        value: code.code.clone(),
                        source: Box::new(ozg_core::code::CodeError::Unknown {
                            list: info.list_uri,
                            code: code.code,
                            expected: expected.join(", "),
                        }),
                    };
                    Err(self.value_error(kind))
                }
            }
            Kind::Xoev => {
                self.check_attrs(&["listURI", "listVersionID"])?;
                let local = self.p.local().to_owned();
                let Some(uri) = self.p.attr("listURI").map(str::to_owned) else {
                    return Err(self.value_error(XmlErrorKind::Missing {
                        name: format!("{local}/@listURI"),
                    }));
                };
                let code = read_code_with(&mut self.p, &local, uri)?;
                let mut map = Map::new();
                map.insert("listURI".into(), Value::String(code.list_uri));
                if let Some(v) = code.list_version_id {
                    map.insert("listVersionID".into(), Value::String(v));
                }
                map.insert("code".into(), Value::String(code.code));
                if let Some(n) = code.name {
                    map.insert("name".into(), Value::String(n));
                }
                Ok(Value::Object(map))
            }
            Kind::Object(obj) => {
                self.check_attrs(&[])?;
                Ok(Value::Object(self.object(node, obj)?))
            }
            Kind::Array(arr) => {
                self.check_attrs(&[])?;
                let mut items = Vec::new();
                loop {
                    match self.p.next_tag()? {
                        Ev::Start => {
                            if self.p.ns().is_some() || self.p.local() != arr.item_element {
                                return Err(self.unexpected(&format!("<{}>", arr.item_element)));
                            }
                            self.path.push(CurSeg::Index(items.len()));
                            self.on_start()?;
                            self.mark(Slot::Item {
                                node,
                                index: items.len(),
                            });
                            let v = self.element(arr.item)?;
                            self.path.pop();
                            items.push(v);
                        }
                        Ev::End => return Ok(Value::Array(items)),
                        _ => return Err(self.eof()),
                    }
                }
            }
            Kind::Union(u) => {
                self.check_attrs(&[])?;
                let names = || {
                    u.variants
                        .iter()
                        .map(|v| format!("<{}>", v.element))
                        .collect::<Vec<_>>()
                        .join(", ")
                };
                let variant = match self.p.next_tag()? {
                    Ev::Start => {
                        let found = if self.p.ns().is_none() {
                            u.variants.iter().position(|v| v.element == self.p.local())
                        } else {
                            None
                        };
                        match found {
                            Some(i) => {
                                self.mark(Slot::Variant { node, variant: i });
                                &u.variants[i]
                            }
                            None => return Err(self.unexpected(&format!("one of {}", names()))),
                        }
                    }
                    Ev::End => {
                        return Err(self.value_error(XmlErrorKind::Missing {
                            name: format!("one of {}", names()),
                        }));
                    }
                    _ => return Err(self.eof()),
                };
                self.check_attrs(&[])?;
                let Kind::Object(body) = &m.nodes[variant.body].kind else {
                    return Err(self.value_error(rule("", "", "variant not compiled")));
                };
                let mut map = self.object(variant.body, body)?;
                map.insert(u.tag.clone(), Value::String(variant.value.clone()));
                match self.p.next_tag()? {
                    Ev::End => Ok(Value::Object(map)),
                    Ev::Start => Err(self.unexpected("the end of the element (one variant only)")),
                    _ => Err(self.eof()),
                }
            }
        }
    }

    fn unexpected(&self, expected: &str) -> Fail {
        Fail::Xml(self.p.error(XmlErrorKind::UnexpectedElement {
            expected: expected.to_owned(),
            found: self.p.describe(),
        }))
    }

    /// Reads the child elements of an object up to the end tag of the current element.
    fn object(&mut self, node: NodeId, obj: &'m ObjectType) -> Result<Map<String, Value>, Fail> {
        let mut map = Map::new();
        loop {
            match self.p.next_tag()? {
                Ev::Start => {
                    let found = if self.p.ns().is_none() {
                        obj.props.iter().position(|p| p.element == self.p.local())
                    } else {
                        None
                    };
                    let Some(index) = found else {
                        let names: Vec<String> = obj
                            .props
                            .iter()
                            .map(|p| format!("<{}>", p.element))
                            .collect();
                        let expected = if names.is_empty() {
                            "no child elements".to_owned()
                        } else if self.p.ns().is_some() {
                            format!("unqualified child elements ({})", names.join(", "))
                        } else {
                            format!("one of {}", names.join(", "))
                        };
                        return Err(self.unexpected(&expected));
                    };
                    let prop = &obj.props[index];
                    if map.contains_key(&prop.json) {
                        return Err(Fail::Xml(self.p.error(XmlErrorKind::UnexpectedElement {
                            expected: format!("<{}> only once", prop.element),
                            found: format!("a second <{}>", prop.element),
                        })));
                    }
                    self.path.push(CurSeg::Key(&prop.json));
                    self.on_start()?;
                    self.mark(Slot::Prop { node, prop: index });
                    let v = self.element(prop.ty)?;
                    self.path.pop();
                    map.insert(prop.json.clone(), v);
                }
                Ev::End => break,
                _ => return Err(self.eof()),
            }
        }
        if let Some(p) = obj
            .props
            .iter()
            .find(|p| p.required && !map.contains_key(&p.json))
        {
            return Err(self.value_error(XmlErrorKind::Missing {
                name: p.element.clone(),
            }));
        }
        Ok(map)
    }
}

/// Reads a document. `roots` are the document types and their nodes; `expected`, when given,
/// is the only accepted root. `target` switches to the locating pass.
fn run<R: std::io::Read>(
    m: &Mapping,
    roots: &[(DocumentKind, NodeId)],
    expected: Option<DocumentKind>,
    input: R,
    config: ReaderConfig,
    target: Option<&[Seg]>,
) -> Outcome {
    let mut r = Reader {
        m,
        p: PullParser::new(input, config),
        path: Vec::new(),
        target,
        best: None,
        many: None,
        rec: None,
    };
    let result = read_root(&mut r, roots, expected);
    Outcome {
        result,
        best: r.best,
    }
}

/// Result of one pass: the document (or why reading stopped) and, when locating, the start
/// tag closest to the target.
struct Outcome {
    result: Result<(DocumentKind, Value), Fail>,
    best: Option<XmlError>,
}

fn read_root<R: std::io::Read>(
    r: &mut Reader<'_, '_, R>,
    roots: &[(DocumentKind, NodeId)],
    expected: Option<DocumentKind>,
) -> Result<(DocumentKind, Value), Fail> {
    match r.p.next_tag()? {
        Ev::Start => {}
        _ => return Err(r.eof()),
    }
    if r.p.ns() != Some(NAMESPACE) {
        return Err(Fail::Xml(r.p.error(XmlErrorKind::WrongNamespace {
            expected: NAMESPACE.to_owned(),
            found: r.p.ns().unwrap_or("").to_owned(),
        })));
    }
    let found = roots
        .iter()
        .find(|(d, _)| d.root_element() == r.p.local())
        .filter(|(d, _)| expected.is_none_or(|e| e == *d));
    let Some(&(doc, node)) = found else {
        let expected = match expected {
            Some(e) => format!("root element ozg:{}", e.root_element()),
            None => format!(
                "one of the root elements {}",
                roots
                    .iter()
                    .map(|(d, _)| format!("ozg:{}", d.root_element()))
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
        };
        return Err(r.unexpected(&expected));
    };
    r.on_start()?;
    let v = r.content(node)?;
    r.p.drain()?;
    Ok((doc, v))
}

/// Reads `input` (all of it in memory) into a JSON value; value errors are positioned by a
/// second pass.
pub(crate) fn read_value(
    m: &Mapping,
    roots: &[(DocumentKind, NodeId)],
    expected: Option<DocumentKind>,
    input: &[u8],
    config: ReaderConfig,
) -> Result<(DocumentKind, Value), XmlError> {
    match run(m, roots, expected, input, config, None).result {
        Ok(v) => Ok(v),
        Err(Fail::Xml(e)) => Err(e),
        Err(Fail::Value { path, kind }) => {
            Err(locate(m, roots, expected, input, config, &path, kind))
        }
        Err(Fail::Found) => Err(XmlError::new(XmlErrorKind::syntax(
            "internal: locating pass outside of locating",
        ))),
    }
}

/// Positions `kind` at the start tag of the element at JSON path `path` (or the deepest element
/// on that path that exists).
pub(crate) fn locate(
    m: &Mapping,
    roots: &[(DocumentKind, NodeId)],
    expected: Option<DocumentKind>,
    input: &[u8],
    config: ReaderConfig,
    path: &[Seg],
    kind: XmlErrorKind,
) -> XmlError {
    match run(m, roots, expected, input, config, Some(path)).best {
        Some(at) => XmlError::new(kind)
            .at(at.line(), at.column())
            .with_path(at.path().unwrap_or("")),
        None => XmlError::new(kind),
    }
}

/// The start tag of the element at each of `paths` (or of the deepest element on the way that
/// exists), found in one pass over `input`.
pub(crate) fn locate_many(
    m: &Mapping,
    roots: &[(DocumentKind, NodeId)],
    expected: Option<DocumentKind>,
    input: &[u8],
    config: ReaderConfig,
    paths: &[Vec<Seg>],
) -> Vec<Option<XmlError>> {
    let mut r = Reader {
        m,
        p: PullParser::new(input, config),
        path: Vec::new(),
        target: None,
        best: None,
        many: Some(Many::new(paths)),
        rec: None,
    };
    // Whatever stops the pass, the positions found up to there are kept.
    let _ = read_root(&mut r, roots, expected);
    r.many.map(|m| m.best).unwrap_or_default()
}

/// A piece of a dataset document read by [`stream_document`], with the positions of its
/// elements when they are recorded.
pub(crate) enum Piece<'a> {
    /// A member of the root that is not read item by item (`schemaVersion`, `title`, …).
    Member {
        name: &'a str,
        value: Value,
        positions: Option<PartPositions<'a>>,
    },
    /// An item of the array member `member` (a record section).
    Item {
        member: &'a str,
        index: usize,
        value: Value,
        positions: Option<PartPositions<'a>>,
    },
    /// The start tag of the root (`member` `None`) or of an array member read item by item,
    /// before its items; only when positions are recorded.
    Element {
        member: Option<&'a str>,
        positions: PartPositions<'a>,
    },
}

/// Why [`stream_document`] stopped.
pub(crate) enum StreamFail<E> {
    /// The XML is broken or does not fit the mapping (positioned).
    Xml(XmlError),
    /// The function given to [`stream_document`] failed; the line and column where reading
    /// stood (the end of the piece just handed over).
    Sink(E, (u64, u64)),
}

enum Stop<E> {
    Fail(Fail),
    Sink(E),
}

impl<E> From<Fail> for Stop<E> {
    fn from(f: Fail) -> Self {
        Stop::Fail(f)
    }
}

impl<E> From<XmlError> for Stop<E> {
    fn from(e: XmlError) -> Self {
        Stop::Fail(Fail::Xml(e))
    }
}

/// Reads a document of kind `doc` from `input` front to back and hands over its root members
/// as they come, the items of the array members named in `itemwise` one by one (never the whole
/// array). Every piece comes with the positions of its elements, recorded in the same pass, and
/// a value error is positioned at the start tag of its element.
pub(crate) fn stream_document<R: std::io::Read, E>(
    m: &'static Mapping,
    doc: DocumentKind,
    root: NodeId,
    input: R,
    config: ReaderConfig,
    itemwise: &[&str],
    on: &mut dyn FnMut(Piece<'_>) -> Result<(), E>,
) -> Result<(), StreamFail<E>> {
    let mut r = Reader {
        m,
        p: PullParser::new(input, config),
        path: Vec::new(),
        target: None,
        best: None,
        many: None,
        rec: Some(Recorder::new()),
    };
    match stream_root(&mut r, doc, root, itemwise, on) {
        Ok(()) => Ok(()),
        Err(Stop::Sink(e)) => Err(StreamFail::Sink(e, r.p.position())),
        Err(Stop::Fail(Fail::Xml(e))) => Err(StreamFail::Xml(e)),
        Err(Stop::Fail(Fail::Value { kind, path })) => {
            let at = match &mut r.rec {
                Some(rec) if rec.active() => {
                    let skip = rec.json_prefix().min(path.len());
                    rec.view(m).position_of_segs(&path[skip..])
                }
                _ => None,
            };
            Err(StreamFail::Xml(match at {
                Some(at) => XmlError::new(kind)
                    .at(at.line, at.column)
                    .with_path(&at.path),
                None => r.p.error(kind),
            }))
        }
        Err(Stop::Fail(Fail::Found)) => Err(StreamFail::Xml(XmlError::new(XmlErrorKind::syntax(
            "internal: locating pass outside of locating",
        )))),
    }
}

impl<R: std::io::Read> Reader<'static, '_, R> {
    /// At the start tag of a part (a record or a header member) whose JSON pointer has
    /// `json_prefix` segments: starts recording its positions, if they are recorded.
    fn begin_part(&mut self, json_prefix: usize) {
        if let Some(rec) = &mut self.rec {
            let path = self.p.element_path();
            let parent = path.rsplit_once('/').map_or("", |(p, _)| p);
            rec.begin(self.p.depth(), parent, json_prefix);
        }
    }

    /// At the end of a part: stops recording (what was recorded stays readable).
    fn end_part(&mut self) {
        if let Some(rec) = &mut self.rec {
            rec.end();
        }
    }

    /// The positions of the last part, if they are recorded.
    fn part_positions(&self) -> Option<PartPositions<'_>> {
        let m = self.m;
        self.rec.as_ref().map(|rec| rec.view(m))
    }
}

/// [`stream_document`] of a dataset, its six sections read record by record.
pub(crate) fn stream_dataset<R: std::io::Read, E>(
    input: R,
    config: ReaderConfig,
    on: &mut dyn FnMut(Piece<'_>) -> Result<(), E>,
) -> Result<(), StreamFail<E>> {
    let c = super::compiled().map_err(StreamFail::Xml)?;
    let root = c.root(DocumentKind::Dataset).map_err(StreamFail::Xml)?;
    let sections: Vec<&str> = ozg_core::dataset::DatasetSection::ALL
        .iter()
        .map(|s| s.json_name())
        .collect();
    stream_document(
        &c.mapping,
        DocumentKind::Dataset,
        root,
        input,
        config,
        &sections,
        on,
    )
}

fn stream_root<R: std::io::Read, E>(
    r: &mut Reader<'static, '_, R>,
    doc: DocumentKind,
    root: NodeId,
    itemwise: &[&str],
    on: &mut dyn FnMut(Piece<'_>) -> Result<(), E>,
) -> Result<(), Stop<E>> {
    match r.p.next_tag()? {
        Ev::Start => {}
        _ => return Err(r.eof().into()),
    }
    if r.p.ns() != Some(NAMESPACE) {
        return Err(Stop::Fail(Fail::Xml(r.p.error(
            XmlErrorKind::WrongNamespace {
                expected: NAMESPACE.to_owned(),
                found: r.p.ns().unwrap_or("").to_owned(),
            },
        ))));
    }
    if r.p.local() != doc.root_element() {
        return Err(r
            .unexpected(&format!("root element ozg:{}", doc.root_element()))
            .into());
    }
    let m = r.m;
    let Kind::Object(obj) = &m.nodes[root].kind else {
        return Err(Fail::Xml(XmlError::new(XmlErrorKind::syntax(
            "the root is not an object",
        )))
        .into());
    };
    r.check_attrs(&[])?;
    if let Some(rec) = &mut r.rec {
        rec.begin(r.p.depth(), r.p.element_path(), 0);
        let at = r.p.position_forward();
        rec.element(r.p.depth(), Slot::Root, at);
        rec.end();
    }
    if let Some(positions) = r.part_positions() {
        on(Piece::Element {
            member: None,
            positions,
        })
        .map_err(Stop::Sink)?;
    }
    let mut seen: Vec<&'static str> = Vec::new();
    loop {
        match r.p.next_tag()? {
            Ev::Start => {
                let found = if r.p.ns().is_none() {
                    obj.props.iter().position(|p| p.element == r.p.local())
                } else {
                    None
                };
                let Some(prop_index) = found else {
                    let names: Vec<String> = obj
                        .props
                        .iter()
                        .map(|p| format!("<{}>", p.element))
                        .collect();
                    return Err(r.unexpected(&format!("one of {}", names.join(", "))).into());
                };
                let prop = &obj.props[prop_index];
                if seen.contains(&prop.json.as_str()) {
                    return Err(Fail::Xml(r.p.error(XmlErrorKind::UnexpectedElement {
                        expected: format!("<{}> only once", prop.element),
                        found: format!("a second <{}>", prop.element),
                    }))
                    .into());
                }
                seen.push(&prop.json);
                r.path.push(CurSeg::Key(&prop.json));
                match &m.nodes[prop.ty.node].kind {
                    Kind::Array(arr) if itemwise.contains(&prop.json.as_str()) => {
                        r.check_attrs(&[])?;
                        r.begin_part(1);
                        r.mark(Slot::Prop {
                            node: root,
                            prop: prop_index,
                        });
                        r.end_part();
                        if let Some(positions) = r.part_positions() {
                            on(Piece::Element {
                                member: Some(&prop.json),
                                positions,
                            })
                            .map_err(Stop::Sink)?;
                        }
                        let mut index = 0;
                        loop {
                            match r.p.next_tag()? {
                                Ev::Start => {
                                    if r.p.ns().is_some() || r.p.local() != arr.item_element {
                                        let expected = format!("<{}>", arr.item_element);
                                        return Err(r.unexpected(&expected).into());
                                    }
                                    r.path.push(CurSeg::Index(index));
                                    r.begin_part(2);
                                    r.mark(Slot::Item {
                                        node: prop.ty.node,
                                        index,
                                    });
                                    let value = r.element(arr.item)?;
                                    r.path.pop();
                                    r.end_part();
                                    let positions = r.part_positions();
                                    on(Piece::Item {
                                        member: &prop.json,
                                        index,
                                        value,
                                        positions,
                                    })
                                    .map_err(Stop::Sink)?;
                                    index += 1;
                                }
                                Ev::End => break,
                                _ => return Err(r.eof().into()),
                            }
                        }
                    }
                    _ => {
                        r.begin_part(1);
                        r.mark(Slot::Prop {
                            node: root,
                            prop: prop_index,
                        });
                        let value = r.element(prop.ty)?;
                        r.end_part();
                        let positions = r.part_positions();
                        on(Piece::Member {
                            name: &prop.json,
                            value,
                            positions,
                        })
                        .map_err(Stop::Sink)?;
                    }
                }
                r.path.pop();
            }
            Ev::End => break,
            _ => return Err(r.eof().into()),
        }
    }
    if let Some(p) = obj
        .props
        .iter()
        .find(|p| p.required && !seen.contains(&p.json.as_str()))
    {
        return Err(r
            .value_error(XmlErrorKind::Missing {
                name: p.element.clone(),
            })
            .into());
    }
    r.p.drain()?;
    Ok(())
}
