//! The positions of the elements of one part of a document (Fundstellen), recorded while it is
//! read and kept compactly, so that JSON pointers found later (by a schema, by rules over the
//! whole dataset) are turned into line:column without reading the document again.
//!
//! Each element's start tag takes a few bytes: its depth, which child of the mapping it is, and
//! its line and column, as variable-length integers (the line as the difference to the element
//! before). The names come from the compiled mapping when a position is asked for.

use std::sync::Arc;

use ozg_core::json::{PointerSegment, parse_pointer};

use super::XmlPosition;
use super::mapping::{Kind, Mapping, NodeId};
use super::read::Seg;

/// Which child of its parent's type an element is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Slot {
    /// Property `prop` of the object type `node` (a JSON member).
    Prop { node: NodeId, prop: usize },
    /// Item `index` of the array type `node` (a JSON array element).
    Item { node: NodeId, index: usize },
    /// Variant `variant` of the union type `node` (no JSON segment of its own).
    Variant { node: NodeId, variant: usize },
    /// The document's root element (its name is the part's path).
    Root,
}

impl Slot {
    /// The slot as two numbers: the node and kind, and the index within the node.
    fn encode(self) -> (u64, u64) {
        let (node, tag, sub) = match self {
            Slot::Prop { node, prop } => (node, 0, prop),
            Slot::Item { node, index } => (node, 1, index),
            Slot::Variant { node, variant } => (node, 2, variant),
            Slot::Root => (0, 3, 0),
        };
        (((node as u64) << 2) | tag, sub as u64)
    }

    fn decode(data: &[u8], at: &mut usize) -> Option<Slot> {
        let head = read_varint(data, at)?;
        let sub = usize::try_from(read_varint(data, at)?).ok()?;
        let node = usize::try_from(head >> 2).ok()?;
        match head & 3 {
            0 => Some(Slot::Prop { node, prop: sub }),
            1 => Some(Slot::Item { node, index: sub }),
            2 => Some(Slot::Variant { node, variant: sub }),
            _ => Some(Slot::Root),
        }
    }

    /// The element's local name and its JSON segment (none for a variant).
    fn resolve(self, m: &Mapping) -> Option<(&str, Option<Seg>)> {
        if self == Slot::Root {
            return Some(("", None));
        }
        match (self, &m.nodes.get(self.node())?.kind) {
            (Slot::Prop { prop, .. }, Kind::Object(obj)) => {
                let p = obj.props.get(prop)?;
                Some((&p.element, Some(Seg::Key(p.json.clone()))))
            }
            (Slot::Item { index, .. }, Kind::Array(arr)) => {
                Some((&arr.item_element, Some(Seg::Index(index))))
            }
            (Slot::Variant { variant, .. }, Kind::Union(u)) => {
                Some((&u.variants.get(variant)?.element, None))
            }
            _ => None,
        }
    }

    fn node(self) -> NodeId {
        match self {
            Slot::Prop { node, .. } | Slot::Item { node, .. } | Slot::Variant { node, .. } => node,
            Slot::Root => 0,
        }
    }
}

/// Writes `v` as a variable-length integer at the start of `buf`; returns the bytes written.
#[inline]
fn varint_into(buf: &mut [u8], mut v: u64) -> usize {
    let mut n = 0;
    while v >= 0x80 && n + 1 < buf.len() {
        buf[n] = (v as u8) | 0x80;
        v >>= 7;
        n += 1;
    }
    if let Some(b) = buf.get_mut(n) {
        *b = v as u8;
        n += 1;
    }
    n
}

fn read_varint(data: &[u8], at: &mut usize) -> Option<u64> {
    let mut v = 0u64;
    let mut shift = 0;
    loop {
        let b = *data.get(*at)?;
        *at += 1;
        v |= u64::from(b & 0x7f).checked_shl(shift)?;
        if b < 0x80 {
            return Some(v);
        }
        shift += 7;
    }
}

/// Where the elements of one part of a document are: a record of a dataset, a member of its
/// header, or the start tag of its root or of a section (Fundstellen eines Teils), as handed over by
/// [`read_dataset_values`](super::read_dataset_values). A few bytes per element.
///
/// ```
/// use ozg_xml::ReaderConfig;
/// use ozg_xml::document::{DatasetValue, read_dataset_values, to_xml_string};
///
/// let xml = to_xml_string(&ozg_core::dataset::Dataset::example())?;
/// let mut found = None;
/// read_dataset_values(xml.as_bytes(), ReaderConfig::default(), |part| {
///     if let DatasetValue::Record { section, index: 1, positions, .. } = part
///         && section.json_name() == "verwaltungen"
///     {
///         found = positions.position_of("/name");
///     }
///     Ok::<_, std::convert::Infallible>(())
/// })?;
/// let at = found.expect("the second Verwaltung has a name");
/// assert!(at.line > 1);
/// assert!(at.path.ends_with("verwaltungen/verwaltung/name"), "{}", at.path);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone)]
pub struct ElementPositions {
    mapping: &'static Mapping,
    /// The element path of the part's parent (`/ozg:dataset/verwaltungen`).
    parent_path: Arc<str>,
    data: Box<[u8]>,
}

impl std::fmt::Debug for ElementPositions {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ElementPositions")
            .field("parent_path", &self.parent_path)
            .field("bytes", &self.data.len())
            .finish_non_exhaustive()
    }
}

impl ElementPositions {
    /// The start tag of the value at `pointer`, a JSON pointer relative to this part (`""` is
    /// the part's own element, `/name` its member `name`), or of the deepest element on the way
    /// that exists. `None` only for a pointer that leaves the part at once.
    pub fn position_of(&self, pointer: &str) -> Option<XmlPosition> {
        self.view().position_of(pointer)
    }

    fn view(&self) -> PartPositions<'_> {
        PartPositions {
            mapping: self.mapping,
            parent_path: &self.parent_path,
            data: &self.data,
        }
    }
}

/// The positions of the part just read, borrowed from the [`Recorder`] until the next part
/// begins (nothing is copied unless they are kept).
#[derive(Clone, Copy)]
pub(crate) struct PartPositions<'a> {
    mapping: &'static Mapping,
    parent_path: &'a Arc<str>,
    data: &'a [u8],
}

impl PartPositions<'_> {
    /// See [`ElementPositions::position_of`].
    pub(crate) fn position_of(&self, pointer: &str) -> Option<XmlPosition> {
        let target: Vec<Seg> = parse_pointer(pointer)
            .into_iter()
            .map(|s| match s {
                PointerSegment::Key(k) => Seg::Key(k),
                PointerSegment::Index(i) => Seg::Index(i),
            })
            .collect();
        self.position_of_segs(&target)
    }

    /// The positions, kept.
    pub(crate) fn to_owned(self) -> ElementPositions {
        ElementPositions {
            mapping: self.mapping,
            parent_path: self.parent_path.clone(),
            data: self.data.into(),
        }
    }

    pub(crate) fn position_of_segs(&self, target: &[Seg]) -> Option<XmlPosition> {
        struct Open<'a> {
            name: &'a str,
            on_path: bool,
            json_depth: usize,
        }
        let mut stack: Vec<Open<'_>> = Vec::new();
        let mut best: Option<XmlPosition> = None;
        let mut at = 0;
        let mut line = 0u64;
        while at < self.data.len() {
            let depth = usize::try_from(read_varint(self.data, &mut at)?).ok()?;
            let slot = Slot::decode(self.data, &mut at)?;
            line += read_varint(self.data, &mut at)?;
            let column = read_varint(self.data, &mut at)?;
            let (name, seg) = slot.resolve(self.mapping)?;
            let seg_is_some = seg.is_some() || depth == 0;
            stack.truncate(depth);
            let open = match (depth, stack.last()) {
                (0, _) => Open {
                    name,
                    on_path: true,
                    json_depth: 0,
                },
                (_, Some(parent)) => match seg {
                    None => Open {
                        name,
                        on_path: parent.on_path,
                        json_depth: parent.json_depth,
                    },
                    Some(seg) => Open {
                        name,
                        on_path: parent.on_path && target.get(parent.json_depth) == Some(&seg),
                        json_depth: parent.json_depth + 1,
                    },
                },
                // An element without its parent: the data is not ours.
                (_, None) => return best,
            };
            // A variant element has no JSON segment: its value is its union's.
            let on_path = open.on_path && seg_is_some;
            stack.push(open);
            if on_path {
                let mut path = String::from(&**self.parent_path);
                for o in stack.iter().filter(|o| !o.name.is_empty()) {
                    path.push('/');
                    path.push_str(o.name);
                }
                best = Some(XmlPosition { line, column, path });
            }
        }
        best
    }
}

/// Records the positions of one part at a time while a document is read.
pub(crate) struct Recorder {
    /// Depth (open elements) of the current part's element; 0 when no part is open.
    base: usize,
    parent_path: Arc<str>,
    /// Segments of the JSON pointer of the part's element (2 for a record, 1 for a member).
    json_prefix: usize,
    data: Vec<u8>,
    last_line: u64,
}

impl Recorder {
    pub(crate) fn new() -> Recorder {
        Recorder {
            base: 0,
            parent_path: Arc::from(""),
            json_prefix: 0,
            data: Vec::new(),
            last_line: 0,
        }
    }

    /// Starts a part whose element is at `depth` below `parent_path`.
    pub(crate) fn begin(&mut self, depth: usize, parent_path: &str, json_prefix: usize) {
        self.base = depth;
        self.json_prefix = json_prefix;
        if &*self.parent_path != parent_path {
            self.parent_path = Arc::from(parent_path);
        }
        self.data.clear();
        self.last_line = 0;
    }

    /// Segments of the current part's JSON pointer (the rest is relative to the part).
    pub(crate) fn json_prefix(&self) -> usize {
        self.json_prefix
    }

    /// Whether a part is open.
    #[inline]
    pub(crate) fn active(&self) -> bool {
        self.base > 0
    }

    /// The start tag of an element at `depth` (open elements) in the current part.
    pub(crate) fn element(&mut self, depth: usize, slot: Slot, (line, column): (u64, u64)) {
        let (head, sub) = slot.encode();
        let mut buf = [0u8; 50];
        let mut n = 0;
        for v in [
            depth.saturating_sub(self.base) as u64,
            head,
            sub,
            line.saturating_sub(self.last_line),
            column,
        ] {
            n += varint_into(&mut buf[n..], v);
        }
        self.data.extend_from_slice(&buf[..n]);
        self.last_line = line;
    }

    /// Ends the current part (its positions stay readable until the next one begins).
    pub(crate) fn end(&mut self) {
        self.base = 0;
    }

    /// The positions of the current or last part.
    pub(crate) fn view(&self, mapping: &'static Mapping) -> PartPositions<'_> {
        PartPositions {
            mapping,
            parent_path: &self.parent_path,
            data: &self.data,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn varints_round_trip() {
        let mut out = Vec::new();
        let values = [0, 1, 127, 128, 300, u64::from(u32::MAX), u64::MAX];
        for v in values {
            let mut buf = [0u8; 10];
            let n = varint_into(&mut buf, v);
            out.extend_from_slice(&buf[..n]);
        }
        let mut at = 0;
        for v in values {
            assert_eq!(read_varint(&out, &mut at), Some(v));
        }
        assert_eq!(at, out.len());
        assert_eq!(read_varint(&[0x80], &mut 0), None);
    }
}
