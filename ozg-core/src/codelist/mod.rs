//! Code lists as documents (Codelisten im Genericode-Format) and a registry of their versions.
//!
//! A [`CodeListDocument`] is one version of a code list as XRepository publishes it in OASIS
//! Genericode 1.0 (with XÖV metadata, Codelisten-Handbuch): its [`Identification`], the
//! annotations ([`Annotation`], kept whole, also elements this model does not know), the
//! [`ColumnSet`] (columns, keys, the recommended key) and the rows, one [`Cell`] per column. The
//! XML form is read and written by `ozg_xml::genericode`; this module knows no XML.
//!
//! A [`CodeListRegistry`] holds lists by (`CanonicalUri`, `Version`), pins each list to one
//! version and answers look-ups in the version a document names (`listVersionID`). The enums of
//! [`crate::code`] and the identifiers of [`crate::id`] check themselves against it
//! ([`crate::code::CodeList::check_in`], [`CodeListRegistry::check_dataset`]).
//!
//! The official DVDV prefix list (version 51) is embedded ([`dvdv`]).
//!
//! ```
//! use ozg_core::codelist::{Cell, CodeListDocument, Column, ColumnSet, ColumnUse, Identification, Key, Row};
//! let doc = CodeListDocument::new(
//!     Identification::new("Farbe", "1", "urn:example:farbe", "urn:example:farbe_1"),
//!     ColumnSet::new(
//!         vec![Column::new("code", ColumnUse::Required), Column::new("name", ColumnUse::Optional)],
//!         vec![Key::new("codeKey", ["code"])],
//!     ),
//!     vec![
//!         Row::new(vec![Cell::text("r"), Cell::text("rot")]),
//!         Row::new(vec![Cell::text("g"), Cell::Absent]),
//!     ],
//! )?;
//! assert_eq!(doc.len(), 2);
//! assert_eq!(doc.row_by_key("r").and_then(|r| doc.value(r, "name")), Some("rot"));
//! # Ok::<(), ozg_core::codelist::CodeListError>(())
//! ```

mod annotation;
mod check;
mod document;
pub mod dvdv;
#[rustfmt::skip]
mod dvdv_data;
mod registry;

pub use annotation::{
    Annotation, AnnotationAttribute, AnnotationElement, AnnotationNode, XoevMetadata,
};
pub use document::{
    Agency, Cell, CodeListDocument, CodeListError, Column, ColumnSet, ColumnUse, Identification,
    Key, LongName, Row, compare_versions,
};
pub use registry::{CodeListRegistry, Entry, LookupError, list_uris};
