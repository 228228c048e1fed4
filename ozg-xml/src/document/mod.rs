//! Our own XML format (eigenes XML-Format) for every ozg-core document type, with an XSD
//! (`schemas/ozg.xsd`).
//!
//! # One mapping, three uses
//!
//! The format is not written by hand per type. The JSON Schemas that schemars generates for the
//! document types are compiled once into a mapping tree; the same tree
//! - writes XML from the JSON value of a document ([`to_xml_string`], [`to_writer`]),
//! - reads XML back into a JSON value with the JSON types restored, which is then deserialised
//!   into the Rust type ([`from_xml_str`], [`from_reader`], [`read_any`]), and
//! - generates the XML Schema ([`xsd`]).
//!
//! JSON → XML → JSON is lossless: numbers (integers stay integers), booleans, `null`
//! (`xsi:nil="true"`) versus an absent member (no element), empty arrays (an empty wrapper
//! element) versus absent ones, strings with any whitespace and special characters (escaped; only
//! characters XML 1.0 cannot carry, such as U+0000, are refused when writing) and tagged enums.
//! The one normalisation: a `null` `listVersionID` or `name` of a generic XÖV code value
//! (`XoevCode`) is written as absent, which deserialises to the same Rust value.
//!
//! # Format decisions
//!
//! - Namespace [`NAMESPACE`] (`urn:ozg-rs:schema:ozg:1`), prefix `ozg`. As in XÖV standards only
//!   the root element is qualified (`<ozg:dataset>`); all child elements are unqualified
//!   (`elementFormDefault="unqualified"`), `code` and `name` of code values included.
//! - Element names are the JSON member names (English camelCase); a member that is no XML name
//!   gets `json` + its name (`$schema` → `<jsonSchema>`). Root elements: `dataset`, `catalogue`,
//!   `agreement`, `rolloutEntry`, `onlinedienst`, `deliveryChannel`, `verwaltung`, `itProvider`
//!   ([`DocumentKind::root_element`]).
//! - Objects: one child element per member, required members first (declaration order), then the
//!   optional ones alphabetically (an `xs:sequence`; the reader accepts any order).
//! - Arrays: a wrapper element named after the member with one item element per entry, named
//!   after the item type in lowerCamelCase (`<verwaltungen><verwaltung>…`), or `item` for plain
//!   values.
//! - Code values of ozg-core's code lists (Themenfeld, Bundesland, Typisierung, …) are XÖV code
//!   values: `<themenfeld listURI="…" listVersionID="…"><code>familie_kind</code><name>Familie &
//!   Kind</name></themenfeld>`; `name` carries the German label where the list has one and is
//!   ignored when reading; `listURI`/`listVersionID` are optional when reading (fixed in the XSD)
//!   but must match when given. The generic `XoevCode` object is written the same way.
//! - Tagged unions (`Zustellkanal` `{"type":"webservice","url":…}`, `CostModel`, `Reifegrad`
//!   `{"model":"1.x","level":3}`): one child element per variant (an `xs:choice`), named by the tag
//!   value, or `<tag>-<value>` where the value is no XML name: `<kanal><webservice><url>…</url>
//!   </webservice></kanal>`, `<reifegrad><model-1.x><level>3</level></model-1.x></reifegrad>`.
//! - `null` is `xsi:nil="true"` on an element the XSD declares `nillable`.
//!
//! Reading uses the hardened reader of this crate (no DTD, only predefined entities, limits from
//! [`ReaderConfig`] via [`DocumentReader`]); every error has a line, a column and the element path.
//! Errors about a value — including those of the typed deserialisation, e.g. a LeiKa key that
//! breaks its rule — point at the start tag of the element holding it.
//!
//! ```
//! use ozg_xml::document::{from_xml_str, to_xml_string};
//! use ozg_core::dataset::Dataset;
//!
//! let dataset = Dataset::example();
//! let xml = to_xml_string(&dataset)?;
//! assert!(xml.contains(r#"<ozg:dataset xmlns:ozg="urn:ozg-rs:schema:ozg:1""#));
//! let back: Dataset = from_xml_str(&xml)?;
//! assert_eq!(back, dataset);
//!
//! let bad = xml.replacen("<serviceRef>99", "<serviceRef>98", 1);
//! let err = from_xml_str::<Dataset>(&bad).unwrap_err();
//! assert!(err.line() > 1 && err.to_string().contains("serviceRef"), "{err}");
//! # Ok::<(), ozg_xml::XmlError>(())
//! ```

mod codes;
mod mapping;
mod positions;
mod read;
mod records;
mod sniff;
mod spool;
mod stream;
mod values;
mod write;
mod xsd;

pub use positions::ElementPositions;
pub use records::{
    XmlRecordError, read_dataset_records, xml_dataset_to_json_writer, xml_dataset_to_json_writer_in,
};
pub use sniff::root_kind;
pub use stream::{
    DatasetConvertError, DatasetXmlWriter, json_dataset_to_writer, json_dataset_to_writer_with,
};
pub use values::{DatasetValue, read_dataset_values};

use std::io::{Read, Write};
use std::sync::OnceLock;

use ozg_core::agreement::Agreement;
use ozg_core::catalogue::CatalogueDocument;
use ozg_core::channel::DeliveryChannel;
use ozg_core::dataset::Dataset;
pub use ozg_core::document::{AnyDocument, DocumentKind};
use ozg_core::json::{PointerSegment, parse_pointer};
use ozg_core::org::{ItProvider, Verwaltung};
use ozg_core::rollout::RolloutEntry;
use ozg_core::service::Onlinedienst;
use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::Value;

use crate::config::ReaderConfig;
use crate::error::{Limit, XmlError, XmlErrorKind};
use mapping::{Mapping, MappingError, NodeId};
use read::Seg;

/// Namespace URN of our own XML format (Namensraum), version 1.
pub const NAMESPACE: &str = "urn:ozg-rs:schema:ozg:1";

/// Namespace of XML Schema instance attributes (`xsi:nil`).
pub(crate) const XSI_NAMESPACE: &str = "http://www.w3.org/2001/XMLSchema-instance";

/// A position in an XML document (Fundstelle): 1-based line and column of an element's start tag and
/// its element path.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct XmlPosition {
    /// 1-based line.
    pub line: u64,
    /// 1-based column (bytes from the start of the line).
    pub column: u64,
    /// Element path, e.g. `/ozg:dataset/verwaltungen/verwaltung/name`.
    pub path: String,
}

mod sealed {
    #[allow(unreachable_pub)]
    pub trait Sealed {}
}

/// A document type of our XML format (XML-Dokumenttyp): the model types of the
/// [`DocumentKind`]s. Sealed: the mapping is compiled for exactly these.
pub trait XmlDocument: Serialize + DeserializeOwned + sealed::Sealed {
    /// Which document kind this is (gives the root element name).
    const KIND: DocumentKind;
}

macro_rules! document {
    ($t:ty, $d:ident) => {
        impl sealed::Sealed for $t {}
        impl XmlDocument for $t {
            const KIND: DocumentKind = DocumentKind::$d;
        }
    };
}

document!(Dataset, Dataset);
document!(CatalogueDocument, Catalogue);
document!(Agreement, Agreement);
document!(RolloutEntry, RolloutEntry);
document!(Onlinedienst, Onlinedienst);
document!(DeliveryChannel, DeliveryChannel);
document!(Verwaltung, Verwaltung);
document!(ItProvider, ItProvider);

/// The mapping of all document types, compiled once.
pub(crate) struct Compiled {
    pub(crate) mapping: Mapping,
    pub(crate) roots: Vec<(DocumentKind, NodeId)>,
}

fn compile_all() -> Result<Compiled, MappingError> {
    let mut mapping = Mapping::default();
    let mut roots = Vec::new();
    for &d in DocumentKind::ALL {
        let node = mapping.compile_root(d.type_name(), &d.json_schema())?;
        roots.push((d, node));
    }
    Ok(Compiled { mapping, roots })
}

fn internal(e: impl std::error::Error + Send + Sync + 'static) -> XmlError {
    XmlError::new(XmlErrorKind::Invalid {
        field: String::new(),
        value: String::new(),
        source: Box::new(e),
    })
}

pub(crate) fn compiled() -> Result<&'static Compiled, XmlError> {
    static COMPILED: OnceLock<Result<Compiled, MappingError>> = OnceLock::new();
    match COMPILED.get_or_init(compile_all) {
        Ok(c) => Ok(c),
        Err(e) => Err(internal(e.clone())),
    }
}

impl Compiled {
    fn root(&self, d: DocumentKind) -> Result<NodeId, XmlError> {
        self.roots
            .iter()
            .find(|(r, _)| *r == d)
            .map(|(_, n)| *n)
            .ok_or_else(|| internal(MappingError(format!("no mapping for {d}"))))
    }
}

/// Writes `doc` as XML to `out` (pretty-printed, UTF-8, with XML declaration).
pub fn to_writer<T: XmlDocument, W: Write>(doc: &T, out: W) -> Result<(), XmlError> {
    let value = serde_json::to_value(doc).map_err(internal)?;
    json_to_writer(T::KIND, &value, out)
}

/// Writes `doc` as an XML string (pretty-printed, with XML declaration).
///
/// ```
/// use ozg_core::code::Reifegrad;
/// use ozg_core::service::Onlinedienst;
/// let od: Onlinedienst = serde_json::from_str(
///     r#"{"id":"wohngeld","name":"Wohngeld","reifegrad":{"model":"1.x","level":3}}"#,
/// ).unwrap();
/// let xml = ozg_xml::document::to_xml_string(&od)?;
/// assert!(xml.contains("<reifegrad>\n    <model-1.x>\n      <level>3</level>"), "{xml}");
/// # Ok::<(), ozg_xml::XmlError>(())
/// ```
pub fn to_xml_string<T: XmlDocument>(doc: &T) -> Result<String, XmlError> {
    let mut out = Vec::with_capacity(4096);
    to_writer(doc, &mut out)?;
    String::from_utf8(out).map_err(internal)
}

/// Writes the JSON value of a document of kind `doc_type` as XML to `out`. The value must match
/// the kind's JSON Schema; where it does not, the error names the JSON pointer.
pub fn json_to_writer<W: Write>(
    doc_type: DocumentKind,
    value: &Value,
    out: W,
) -> Result<(), XmlError> {
    let c = compiled()?;
    let root = c.root(doc_type)?;
    let mut out = write::write_document(&c.mapping, root, doc_type.root_element(), value, out)?;
    out.flush()?;
    Ok(())
}

/// Writes the JSON value of a document of type `doc_type` as an XML string (see [`json_to_writer`]).
pub fn json_to_xml(doc_type: DocumentKind, value: &Value) -> Result<String, XmlError> {
    let mut out = Vec::with_capacity(4096);
    json_to_writer(doc_type, value, &mut out)?;
    String::from_utf8(out).map_err(internal)
}

/// Reads a document of type `T` from an XML string with the default limits.
pub fn from_xml_str<T: XmlDocument>(xml: &str) -> Result<T, XmlError> {
    DocumentReader::new().read_str(xml)
}

/// Reads a document of type `T` from a reader with the default limits.
pub fn from_reader<T: XmlDocument, R: Read>(input: R) -> Result<T, XmlError> {
    DocumentReader::new().read(input)
}

/// Reads any of the document types, detected by the root element, with the default limits.
pub fn read_any(xml: &str) -> Result<AnyDocument, XmlError> {
    DocumentReader::new().read_any_str(xml)
}

/// Reads an XML document of our format into its document type and JSON value (without the typed
/// deserialisation), with the default limits.
pub fn xml_to_json(xml: &str) -> Result<(DocumentKind, Value), XmlError> {
    DocumentReader::new().read_json(xml.as_bytes())
}

/// The XML Schema (XSD) of our format, generated from the same mapping (the content of
/// `schemas/ozg.xsd`).
pub fn xsd() -> Result<String, XmlError> {
    Ok(xsd::generate(compiled()?))
}

/// Writes a document of any kind as XML to `out` (pretty-printed, UTF-8, with XML declaration).
pub fn any_to_writer<W: Write>(doc: &AnyDocument, out: W) -> Result<(), XmlError> {
    match doc {
        AnyDocument::Dataset(d) => to_writer(d.as_ref(), out),
        AnyDocument::Catalogue(d) => to_writer(d.as_ref(), out),
        AnyDocument::Agreement(d) => to_writer(d.as_ref(), out),
        AnyDocument::RolloutEntry(d) => to_writer(d.as_ref(), out),
        AnyDocument::Onlinedienst(d) => to_writer(d.as_ref(), out),
        AnyDocument::DeliveryChannel(d) => to_writer(d.as_ref(), out),
        AnyDocument::Verwaltung(d) => to_writer(d.as_ref(), out),
        AnyDocument::ItProvider(d) => to_writer(d.as_ref(), out),
    }
}

/// Writes a document of any kind as an XML string.
pub fn any_to_xml_string(doc: &AnyDocument) -> Result<String, XmlError> {
    let mut out = Vec::with_capacity(4096);
    any_to_writer(doc, &mut out)?;
    String::from_utf8(out).map_err(internal)
}

/// Reader of our XML format with configurable limits (Dokumentleser).
///
/// ```
/// use ozg_xml::{ReaderConfig, XmlErrorKind};
/// use ozg_xml::document::DocumentReader;
/// use ozg_core::dataset::Dataset;
///
/// let xml = ozg_xml::document::to_xml_string(&Dataset::example())?;
/// let reader = DocumentReader::with_config(ReaderConfig::new().max_depth(3));
/// let err = reader.read_str::<Dataset>(&xml).unwrap_err();
/// assert!(matches!(err.kind(), XmlErrorKind::LimitExceeded { .. }));
/// assert!(DocumentReader::new().read_str::<Dataset>(&xml).is_ok());
/// # Ok::<(), ozg_xml::XmlError>(())
/// ```
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct DocumentReader {
    config: ReaderConfig,
}

impl DocumentReader {
    /// A reader with the default limits ([`ReaderConfig::default`]).
    pub fn new() -> Self {
        Self::default()
    }

    /// A reader with these limits.
    pub fn with_config(config: ReaderConfig) -> Self {
        DocumentReader { config }
    }

    /// The limits.
    pub fn config(&self) -> ReaderConfig {
        self.config
    }

    /// Reads a document of type `T` from a string.
    pub fn read_str<T: XmlDocument>(&self, xml: &str) -> Result<T, XmlError> {
        self.read_bytes(xml.as_bytes())
    }

    /// Reads a document of type `T`. The input is read into memory first (at most
    /// `max_total_bytes` + 1 bytes; the hardened reader then enforces that limit), so that value
    /// errors can be positioned.
    pub fn read<T: XmlDocument, R: Read>(&self, input: R) -> Result<T, XmlError> {
        let bytes = self.slurp(input)?;
        self.read_bytes(&bytes)
    }

    /// Reads any document type (detected by the root element) from a string.
    pub fn read_any_str(&self, xml: &str) -> Result<AnyDocument, XmlError> {
        self.read_any_bytes(xml.as_bytes())
    }

    /// Reads any document type (detected by the root element).
    pub fn read_any<R: Read>(&self, input: R) -> Result<AnyDocument, XmlError> {
        let bytes = self.slurp(input)?;
        self.read_any_bytes(&bytes)
    }

    /// Reads a document of any type into its JSON value (no typed deserialisation).
    pub fn read_json(&self, xml: &[u8]) -> Result<(DocumentKind, Value), XmlError> {
        let c = compiled()?;
        read::read_value(&c.mapping, &c.roots, None, xml, self.config)
    }

    /// Where in `xml` the value at a JSON pointer of the document's JSON form is (Fundstelle): the
    /// start tag of its element, or of the deepest element on the way that exists. This turns the
    /// pointers of validation findings into line:column. `None` if the document cannot be read or the
    /// pointer leads nowhere.
    ///
    /// ```
    /// use ozg_xml::document::{DocumentReader, to_xml_string};
    /// let xml = to_xml_string(&ozg_core::dataset::Dataset::example())?;
    /// let at = DocumentReader::new().position_of(xml.as_bytes(), "/verwaltungen/1/name").expect("found");
    /// assert!(at.line > 1 && at.path.ends_with("/name"));
    /// # Ok::<(), ozg_xml::XmlError>(())
    /// ```
    pub fn position_of(&self, xml: &[u8], pointer: &str) -> Option<XmlPosition> {
        self.positions_of(xml, &[pointer]).pop().flatten()
    }

    /// The positions of several JSON pointers (see [`DocumentReader::position_of`]), found in one
    /// pass over the document however many there are.
    pub fn positions_of(&self, xml: &[u8], pointers: &[&str]) -> Vec<Option<XmlPosition>> {
        let Ok(c) = compiled() else {
            return vec![None; pointers.len()];
        };
        let paths: Vec<Vec<Seg>> = pointers.iter().map(|p| segs(&parse_pointer(p))).collect();
        read::locate_many(&c.mapping, &c.roots, None, xml, self.config, &paths)
            .into_iter()
            .map(|at| {
                at.map(|e| XmlPosition {
                    line: e.line(),
                    column: e.column(),
                    path: e.path().unwrap_or_default().to_owned(),
                })
            })
            .collect()
    }

    fn slurp<R: Read>(&self, input: R) -> Result<Vec<u8>, XmlError> {
        let mut bytes = Vec::new();
        let max = self.config.get_max_total_bytes();
        input.take(max.saturating_add(1)).read_to_end(&mut bytes)?;
        if bytes.len() as u64 > max {
            return Err(XmlError::new(XmlErrorKind::LimitExceeded {
                limit: Limit::TotalBytes,
                max,
                value: bytes.len() as u64,
            }));
        }
        Ok(bytes)
    }

    fn read_bytes<T: XmlDocument>(&self, xml: &[u8]) -> Result<T, XmlError> {
        let c = compiled()?;
        let (_, value) = read::read_value(&c.mapping, &c.roots, Some(T::KIND), xml, self.config)?;
        self.typed(c, T::KIND, &value, xml)
    }

    fn read_any_bytes(&self, xml: &[u8]) -> Result<AnyDocument, XmlError> {
        let c = compiled()?;
        let (d, v) = read::read_value(&c.mapping, &c.roots, None, xml, self.config)?;
        Ok(match d {
            DocumentKind::Dataset => AnyDocument::Dataset(self.typed(c, d, &v, xml)?),
            DocumentKind::Catalogue => AnyDocument::Catalogue(self.typed(c, d, &v, xml)?),
            DocumentKind::Agreement => AnyDocument::Agreement(self.typed(c, d, &v, xml)?),
            DocumentKind::RolloutEntry => AnyDocument::RolloutEntry(self.typed(c, d, &v, xml)?),
            DocumentKind::Onlinedienst => AnyDocument::Onlinedienst(self.typed(c, d, &v, xml)?),
            DocumentKind::DeliveryChannel => {
                AnyDocument::DeliveryChannel(self.typed(c, d, &v, xml)?)
            }
            DocumentKind::Verwaltung => AnyDocument::Verwaltung(self.typed(c, d, &v, xml)?),
            DocumentKind::ItProvider => AnyDocument::ItProvider(self.typed(c, d, &v, xml)?),
        })
    }

    /// Deserialises the value; an error is positioned at the element of the failing value.
    fn typed<T: DeserializeOwned>(
        &self,
        c: &Compiled,
        d: DocumentKind,
        value: &Value,
        xml: &[u8],
    ) -> Result<T, XmlError> {
        // Fast path without path tracking; on error, deserialise again to learn where.
        if let Ok(t) = T::deserialize(value) {
            return Ok(t);
        }
        match serde_path_to_error::deserialize::<_, T>(value) {
            Ok(t) => Ok(t),
            Err(e) => {
                let mut path = Vec::new();
                for seg in e.path().iter() {
                    match seg {
                        serde_path_to_error::Segment::Seq { index } => {
                            path.push(Seg::Index(*index))
                        }
                        serde_path_to_error::Segment::Map { key } => {
                            path.push(Seg::Key(key.clone()))
                        }
                        serde_path_to_error::Segment::Enum { .. } => {}
                        serde_path_to_error::Segment::Unknown => break,
                    }
                }
                let pointer = ozg_core::json::pointer(&pointer_segments(&path));
                let shown = match value.pointer(&pointer) {
                    Some(Value::String(s)) => s.clone(),
                    Some(v @ (Value::Number(_) | Value::Bool(_))) => v.to_string(),
                    _ => String::new(),
                };
                let kind = XmlErrorKind::Invalid {
                    field: pointer,
                    value: shown,
                    source: Box::new(e.into_inner()),
                };
                Err(read::locate(
                    &c.mapping,
                    &c.roots,
                    Some(d),
                    xml,
                    self.config,
                    &path,
                    kind,
                ))
            }
        }
    }
}

/// The reader's path segments from pointer segments.
fn segs(p: &[PointerSegment]) -> Vec<Seg> {
    p.iter()
        .map(|s| match s {
            PointerSegment::Key(k) => Seg::Key(k.clone()),
            PointerSegment::Index(i) => Seg::Index(*i),
        })
        .collect()
}

/// Pointer segments from the reader's path segments.
fn pointer_segments(p: &[Seg]) -> Vec<PointerSegment> {
    p.iter()
        .map(|s| match s {
            Seg::Key(k) => PointerSegment::Key(k.clone()),
            Seg::Index(i) => PointerSegment::Index(*i),
        })
        .collect()
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn all_document_types_compile_and_code_lists_are_found() {
        let c = compiled().unwrap();
        let names: Vec<&str> = c
            .mapping
            .named_order
            .iter()
            .filter_map(|&n| c.mapping.nodes[n].name.as_deref())
            .collect();
        for d in DocumentKind::ALL {
            assert!(names.contains(&d.type_name()), "{d}");
        }
        // Every code list the documents use is mapped as a code value.
        for name in [
            "Themenfeld",
            "Bundesland",
            "Typisierung",
            "Basiskomponente",
            "EfaModell",
        ] {
            let id = c
                .mapping
                .named_order
                .iter()
                .find(|&&n| c.mapping.nodes[n].name.as_deref() == Some(name))
                .unwrap_or_else(|| panic!("{name} not in the mapping"));
            assert!(
                matches!(c.mapping.nodes[*id].kind, mapping::Kind::Code(_)),
                "{name} is not a code value"
            );
        }
        for name in codes::NAMES {
            assert!(codes::code_list(name).is_some());
        }
    }
}
