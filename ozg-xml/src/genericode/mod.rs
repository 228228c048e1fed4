//! OASIS Genericode 1.0 code lists (Codelisten im Genericode-Format), as XRepository publishes
//! the XÖV code lists: a streaming reader on the hardened reader and a writer.
//!
//! The reader is generic: any number of columns and keys, optional columns left out or empty,
//! `xsi:schemaLocation` on the root, XÖV metadata in any namespace generation (`xoev-cl`,
//! `xoev-cl-2`, `xoev-cl-4`, …) and annotation elements it does not know (kept as
//! [`AnnotationElement`](ozg_core::codelist::AnnotationElement)s). The data types live in
//! [`ozg_core::codelist`].
//!
//! [`GenericodeReader`] reads the header (annotation, identification, column set) and then one
//! row at a time, so a caller that does not keep the rows reads a list of any length in flat
//! memory. [`read`] collects the rows into a [`CodeListDocument`](ozg_core::codelist::CodeListDocument). Errors are [`XmlError`](crate::XmlError)s with
//! line, column and element path: not Genericode ([`UnexpectedElement`](crate::XmlErrorKind::UnexpectedElement) /
//! [`WrongNamespace`](crate::XmlErrorKind::WrongNamespace)), a missing part ([`Missing`](crate::XmlErrorKind::Missing)), and bad
//! content ([`Invalid`](crate::XmlErrorKind::Invalid) whose source is a
//! [`CodeListError`](ozg_core::codelist::CodeListError): an unknown column, a duplicate key
//! value, a missing required value, …).
//!
//! ```
//! use ozg_xml::genericode;
//! let xml = r#"<gc:CodeList xmlns:gc="http://docs.oasis-open.org/codelist/ns/genericode/1.0/">
//!   <Identification><ShortName>Farbe</ShortName><Version>1</Version>
//!     <CanonicalUri>urn:example:farbe</CanonicalUri><CanonicalVersionUri>urn:example:farbe_1</CanonicalVersionUri>
//!   </Identification>
//!   <ColumnSet>
//!     <Column Id="code" Use="required"><ShortName>code</ShortName><Data Type="string"/></Column>
//!     <Column Id="name" Use="optional"><ShortName>name</ShortName><Data Type="string"/></Column>
//!     <Key Id="codeKey"><ShortName>codeKey</ShortName><ColumnRef Ref="code"/></Key>
//!   </ColumnSet>
//!   <SimpleCodeList>
//!     <Row><Value ColumnRef="code"><SimpleValue>r</SimpleValue></Value>
//!          <Value ColumnRef="name"><SimpleValue>rot</SimpleValue></Value></Row>
//!     <Row><Value ColumnRef="code"><SimpleValue>g</SimpleValue></Value></Row>
//!   </SimpleCodeList>
//! </gc:CodeList>"#;
//! let doc = genericode::from_xml_str(xml)?;
//! assert_eq!(doc.len(), 2);
//! assert_eq!(doc.row_by_key("r").and_then(|r| doc.value(r, "name")), Some("rot"));
//! let again = genericode::from_xml_str(&genericode::to_xml_string(&doc)?)?;
//! assert_eq!(again, doc);
//! # Ok::<(), ozg_xml::XmlError>(())
//! ```

mod read;
mod write;

pub use read::{GenericodeHeader, GenericodeReader, from_path, from_xml_str, read};
pub use write::{to_xml_string, write};

/// Namespace of OASIS Genericode 1.0.
pub const NS_GENERICODE: &str = "http://docs.oasis-open.org/codelist/ns/genericode/1.0/";
/// Namespace of XML Schema instance attributes (`xsi:schemaLocation`).
pub const NS_XSI: &str = "http://www.w3.org/2001/XMLSchema-instance";
pub(crate) const NS_XML: &str = "http://www.w3.org/XML/1998/namespace";
