//! `ozg-xml`: XML exchange for the ozg model (XML-Austausch).
//!
//! - a **hardened reader** ([`ReaderConfig`], [`XmlError`]): no DTD processing (any `DOCTYPE` is
//!   rejected), only the five predefined entities and character references, nothing is ever
//!   fetched, limits on depth, text, attribute and document size, strict well-formedness, and every
//!   error with line, column and element path;
//! - [`xta`]: XTA 2 message metadata (`MessageMetaData`), read and write;
//! - [`xzufi`]: XZuFi 2.2.0 transfer messages, a streaming reader and a writer.
//!
//! The reader is our own tokenizer working in place in its input buffer (no quick-xml types in
//! this API; quick-xml only serves as the raw-event ceiling in the benches).
//!
//! ```
//! use ozg_xml::{check_well_formed, ReaderConfig, XmlErrorKind};
//! let doc = r#"<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "b">]><x>&a;</x>"#;
//! let err = check_well_formed(doc.as_bytes(), ReaderConfig::default()).unwrap_err();
//! assert!(matches!(err.kind(), XmlErrorKind::Doctype));
//! assert_eq!((err.line(), err.column()), (1, 22));
//! ```

mod common;
mod config;
pub mod document;
mod error;
pub mod genericode;
mod guard;
mod pull;
mod raw;
mod tokenizer;
mod writer;
pub mod xta;
pub mod xzufi;

pub use config::ReaderConfig;
pub use document::{AnyDocument, DocumentKind, DocumentReader, XmlDocument};
pub use error::{Limit, SyntaxError, XmlError, XmlErrorKind};
pub use raw::{KeptChild, RawAttribute, RawElement, RawNode};

/// Reads a whole document with the hardened reader and reports the first problem
/// (Wohlgeformtheitsprüfung): syntax, DOCTYPE, entities, limits. Memory stays bounded by the limits.
pub fn check_well_formed<R: std::io::Read>(input: R, config: ReaderConfig) -> Result<(), XmlError> {
    pull::PullParser::new(input, config).drain()
}

/// The Rust examples of the crate README, run as doc tests.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
struct ReadmeDoctests;
