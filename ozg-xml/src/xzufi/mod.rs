//! XZuFi 2.2.0 transfer messages (Zuständigkeitsfinder-Datenaustausch), namespace
//! `http://xoev.de/schemata/xzufi/2_2_0`: a **streaming** reader ([`XzufiReader`], an iterator over
//! the objects of the `schreibe`/`loesche` operations whose memory does not grow with the file) and a
//! writer ([`XzufiWriter`]).
//!
//! A message is recognised by its namespace and the root attribute `xzufiVersion` (`2.2.0`, or `2.2`
//! as some real exports write it; the version seen is written back), not by the root element's name (which the sources do not confirm, domain brief §7.2). Child elements are
//! accepted qualified (in the XZuFi namespace) or unqualified; the writer qualifies them, except the
//! `code`/`name` children of code values, which XÖV declares unqualified.
//!
//! Elements the model does not cover are kept as [`KeptChild`](crate::KeptChild)ren in each object's
//! `unknown` (or as [`XzufiObject::Unknown`] at message level) and written back where they were:
//! after as many modelled siblings as came before them, so the schema's sequence survives;
//! attributes the model does not cover on modelled elements are kept in their `otherAttributes`
//! and written back too — also on XÖV code values and their `code`/`name` children
//! ([`CodeElement`]) and on the wrappers `struktur/verrichtung` and `organisationseinheit/name`
//! ([`Wrapper`], which keeps their other children inside them). A second occurrence of a child the
//! model holds once goes to `unknown`. `schreibe`/`loesche` elements that the writer's grouping of
//! consecutive objects would not reproduce (with attributes, or repeated) are yielded as
//! [`XzufiObject::Operation`]. Nothing read is dropped silently: a read → write → read round trip
//! keeps the XML infoset, the order of siblings included, up to prefixes, comments, layout
//! whitespace, the order of modelled children (written in schema order), the qualification of
//! modelled elements and empty operations without attributes.
//!
//! A `gebietID` is accepted in both spellings — the URN in the text, or the bare key with
//! `schemeID="urn:de:bund:destatis:bevoelkerungsstatistik:schluessel:rs"` — and with keys padded
//! with zeros; the identifier keeps its text and attributes as written, so the spelling is written
//! back ([`Zustaendigkeit::gebiet_keys`] gives the normalised areas).
//!
//! Files: `model.rs` (the objects and their one JSON form, serde camelCase with XÖV codes as
//! `listURI`/`listVersionID`/`code`), `read.rs` (the streaming reader), `write.rs` (the writer),
//! `index.rs` (the Zuständigkeit index builder).
//!
//! ```
//! use ozg_xml::xzufi::{XzufiObject, XzufiReader};
//! use ozg_xml::ReaderConfig;
//! let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../tests/fixtures/xml/xzufi_2_2_schreibe.xml");
//! let reader = XzufiReader::new(std::fs::File::open(path).unwrap(), ReaderConfig::default()).unwrap();
//! assert_eq!(reader.header().xzufi_version, "2.2.0");
//! let mut leistungen = 0;
//! for object in reader {
//!     if let XzufiObject::Leistung(l) = object.unwrap() {
//!         assert!(l.leika_keys().unwrap().len() >= 1);
//!         leistungen += 1;
//!     }
//! }
//! assert!(leistungen >= 2);
//! ```

mod index;
mod model;
mod read;
mod write;

pub use index::{IndexError, build_index, index_reader};
pub use model::*;
pub use read::{ReadCounts, XzufiReader};
pub use write::XzufiWriter;

use crate::config::ReaderConfig;
use crate::error::XmlError;

/// Namespace of XZuFi 2.2.0.
pub const NS_XZUFI_2_2: &str = "http://xoev.de/schemata/xzufi/2_2_0";
/// The `xzufiVersion` this crate writes by default.
pub const XZUFI_VERSION: &str = "2.2.0";
/// The `xzufiVersion` values accepted on reading (`2.2` is written by some real exports).
pub const XZUFI_VERSIONS_ACCEPTED: &[&str] = &["2.2.0", "2.2"];
/// XML Schema instance namespace (for `xsi:type`).
pub const NS_XSI: &str = "http://www.w3.org/2001/XMLSchema-instance";
/// `schemeID` of an `idSekundaer` that holds a FIT-Connect DestinationSignature.
pub const SCHEME_FIT_CONNECT_DESTINATION: &str = "urn:de:fitko:fit-connect:xzufi:destination";
/// Prefix of LeiKa Leistung URNs used in `leistungID`.
pub const LEIKA_URN_PREFIX: &str = "urn:de:fim:leika:leistung:";
/// Prefix of Gebiet URNs used in `gebietID`.
pub const GEBIET_URN_PREFIX: &str = "urn:de:bund:destatis:bevoelkerungsstatistik:schluessel:rs:";

/// Reads a whole XZuFi message from a string into its header and objects (convenience for small
/// messages; use [`XzufiReader`] for large ones).
pub fn read_all(xml: &str) -> Result<(XzufiHeader, Vec<XzufiObject>), XmlError> {
    let reader = XzufiReader::new(xml.as_bytes(), ReaderConfig::default())?;
    let header = reader.header().clone();
    let objects = reader.collect::<Result<Vec<_>, _>>()?;
    Ok((header, objects))
}

/// Writes a header and objects as one message into a string.
pub fn write_all(header: &XzufiHeader, objects: &[XzufiObject]) -> Result<String, XmlError> {
    let mut w = XzufiWriter::new(Vec::new(), header)?;
    for o in objects {
        w.write(o)?;
    }
    let bytes = w.finish()?;
    String::from_utf8(bytes).map_err(|e| XmlError::syntax(e.to_string()))
}
