//! `ozg-validate`: JSON Schemas of the OZG document types and validation of data files
//! (Prüfung von Datendateien).
//!
//! - [`schema`]: one JSON Schema (draft 2020-12) per [`DocumentKind`], generated from the ozg-core
//!   model with schemars; written to and checked against the repository's `schemas/` directory.
//! - [`Validator`]: validates a JSON document against its schema (compiled once, `format` asserted)
//!   and then against the semantic rules of ozg-core (references, catalogue existence of LeiKa keys
//!   and OZG-IDs, dates, rollout consistency), returning every finding with JSON pointer, stable code,
//!   severity and message.
//! - [`validate_dataset`]: the semantic rules alone, for datasets read from XML.
//! - [`stream`]: validation of files as a stream — NDJSON line by line, a top-level JSON array
//!   element by element, XZuFi object by object — with input limits.
//! - With the feature `xml` (uses ozg-xml): XML documents of our format
//!   (`Validator::validate_xml`) with line:column for every finding.
//!
//! The document kinds are [`ozg_core::document::DocumentKind`], re-exported here.
//!
//! ```
//! use ozg_validate::{DocumentKind, Validator};
//!
//! let validator = Validator::shared()?;
//! let report = validator.validate_json_str(None, r#"{"id": "dataport", "name": "Dataport AöR"}"#);
//! assert_eq!(report.kind, Some(DocumentKind::ItProvider));
//! assert!(report.is_valid(), "{report}");
//! # Ok::<(), ozg_validate::BuildError>(())
//! ```

pub mod codes;
mod dataset_stream;
mod render;
mod report;
pub mod schema;
pub mod stream;
mod validator;
#[cfg(feature = "xml")]
mod xml;
#[cfg(feature = "xml")]
mod xml_dataset;

pub use codes::{Code, SchemaKeyword};
pub use ozg_core::document::{DocumentKind, UnknownDocumentKind};
pub use report::{Report, ValidationFinding};
pub use stream::{InputFormat, InputLimits, StreamError, StreamSummary};
pub use validator::{BuildError, Validator, validate_dataset};

/// The Rust examples of the crate README, run as doc tests.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
struct ReadmeDoctests;
