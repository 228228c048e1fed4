//! OZG-Umsetzungskatalog (OZG implementation catalogue): Themenfelder, Lagen, OZG-Leistungen and
//! the LeiKa-Leistungen mapped to them, with lookups and a name search.
//!
//! The crate embeds the catalogue of the KDN OZG-Datenbank (state 2019-10-05; 557 of the 575
//! OZG-Leistungen, see [`CatalogueMeta::known_gaps`]); [`Catalogue::embedded`] parses it once. A
//! newer or additional catalogue in the same JSON format (documented in `ozg-core/DATA.md`) is read
//! with [`Catalogue::from_path`] and merged with [`Catalogue::extend`].
//!
//! ```
//! use ozg_core::catalogue::Catalogue;
//! use ozg_core::code::Themenfeld;
//! use ozg_core::id::{LeikaKey, OzgId};
//!
//! let cat = Catalogue::embedded();
//! let elterngeld = cat.leistung("10000".parse::<OzgId>()?).expect("in the catalogue");
//! assert_eq!(elterngeld.name, "Elterngeld");
//! assert_eq!(elterngeld.themenfeld, Themenfeld::FamilieKind);
//!
//! let key: LeikaKey = "99001001000000".parse()?;
//! assert_eq!(cat.ozg_for_leika(key).map(|l| l.id.to_string()), Some("10110".to_owned()));
//!
//! let hits = cat.search("Fuehrerschein");
//! assert!(hits[0].item.name().contains("Führerschein"));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

mod embedded;
mod search;

use std::borrow::Cow;
use std::collections::{HashMap, HashSet};
use std::fmt;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::code::{CodeList, Themenfeld, TypisierungSet};
use crate::id::{LeikaKey, OzgId, ServiceRef};

pub use search::{MatchKind, SearchHit, SearchItem, normalize};
pub(crate) use search::{classify, coverage};

/// The catalogue file format version this crate reads and writes (`formatVersion`).
pub const FORMAT_VERSION: u32 = 1;

/// The embedded catalogue file (`ozg-core/data/catalogue.json`).
const EMBEDDED_JSON: &str = include_str!("../data/catalogue.json");

/// Addressee of a Lage (Adressat): Lebenslage for citizens or Unternehmens-/Geschäftslage for
/// businesses. Not recorded in the embedded data (always `None` there).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum Adressat {
    /// Lebenslage: the Lage addresses citizens (Bürgerinnen und Bürger).
    Buerger,
    /// Unternehmenslage (Geschäftslage): the Lage addresses businesses (Unternehmen).
    Unternehmen,
}

/// Lage (Lebenslage or Unternehmenslage) of the OZG catalogue: groups OZG-Leistungen within a
/// Themenfeld.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Lage {
    /// Id of the Lage (KDN `ozg_situation.id`).
    pub id: u32,
    /// Name of the Lage, e.g. "Geburt".
    pub name: Cow<'static, str>,
    /// The Themenfeld the Lage belongs to.
    pub themenfeld: Themenfeld,
    /// Adressat (citizens or businesses); `None` = not known (always so in the embedded data).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub adressat: Option<Adressat>,
}

/// OZG-Leistung (Leistungsbündel of the OZG-Umsetzungskatalog), identified by its OZG-ID.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct OzgLeistung {
    /// OZG-ID (OZG-Leistungsschlüssel), e.g. `10000`.
    pub id: OzgId,
    /// Name of the OZG-Leistung, e.g. "Elterngeld".
    pub name: Cow<'static, str>,
    /// Id of its Lage ([`Lage::id`]).
    pub lage: u32,
    /// Its Themenfeld (the Lage's).
    pub themenfeld: Themenfeld,
}

/// LeiKa-Leistung (Verwaltungsleistung of the Leistungskatalog) with its assignment to an
/// OZG-Leistung, as recorded in the KDN data.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct LeikaLeistung {
    /// LeiKa-Leistungsschlüssel; `None` = "nicht im LeiKa" (the source has no key).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub key: Option<LeikaKey>,
    /// Name (Bezeichnung) of the Leistung.
    pub name: Cow<'static, str>,
    /// OZG-ID of the OZG-Leistung it belongs to; `None` = not assigned in the source.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ozg_id: Option<OzgId>,
    /// LeiKa-Typisierung (regulating and executing level); empty = not recorded.
    #[serde(default, skip_serializing_if = "TypisierungSet::is_empty")]
    pub typisierung: TypisierungSet,
    /// Rechtsgrundlage (legal basis; free text, URLs in `[...]`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rechtsgrundlage: Option<Cow<'static, str>>,
    /// Gesetze (names of the laws).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub gesetze: Option<Cow<'static, str>>,
    /// Gesetzeskürzel (abbreviations of the laws).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub gesetzeskuerzel: Option<Cow<'static, str>>,
    /// KDN flag `relevance1`, labelled "SDG1" (meaning undocumented).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sdg1: Option<bool>,
    /// KDN flag `relevance2`, labelled "SDG2" (meaning undocumented).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sdg2: Option<bool>,
}

impl LeikaLeistung {
    /// Whether Kommunen execute this Leistung (kommunaler Vollzug; Typisierung 2/3, 4 or 5
    /// families, see [`TypisierungSet::is_municipal`]).
    pub fn is_municipal(&self) -> bool {
        self.typisierung.is_municipal()
    }
}

/// Counts of the catalogue's entries (Mengengerüst), computed when the catalogue is built.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase")]
pub struct CatalogueCounts {
    /// Number of Themenfelder.
    pub themenfelder: usize,
    /// Number of Lagen.
    pub lagen: usize,
    /// Number of OZG-Leistungen.
    pub leistungen: usize,
    /// Number of LeiKa rows.
    pub leika: usize,
    /// LeiKa rows with a LeiKa key.
    pub leika_with_key: usize,
    /// LeiKa rows "nicht im LeiKa" (without key).
    pub leika_without_key: usize,
    /// LeiKa rows without OZG-Leistung.
    pub leika_without_ozg_id: usize,
}

/// Metadata of a catalogue (Katalog-Metadaten): provenance, licence, state and known gaps.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct CatalogueMeta {
    /// Where the data comes from (Quelle).
    pub source: String,
    /// Licence of the data (Lizenz).
    pub licence: String,
    /// Attribution notice the licence requires (Namensnennung), e.g. "© 2020 Gert Hammes".
    pub attribution: String,
    /// State of the data (Stand), e.g. 2019-10-05.
    pub as_of: NaiveDate,
    /// Number of OZG-Leistungen of the official catalogue at `as_of`, if known (575 for 2019).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub official_ozg_leistungen: Option<u32>,
    /// Known gaps of the data (bekannte Lücken).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub known_gaps: Vec<String>,
    /// Counts of the entries; computed, not read from or written to the file.
    #[serde(skip)]
    #[cfg_attr(feature = "schema", schemars(skip))]
    pub counts: CatalogueCounts,
}

/// A Themenfeld entry of the catalogue file: code, KDN id and name, which must agree with
/// [`Themenfeld`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ThemenfeldEntry {
    /// Themenfeld code (FIM-Portal `OzgThemenfeld`).
    pub code: Themenfeld,
    /// KDN id (`ozg_subject.id`).
    pub kdn_id: u8,
    /// Name (Bezeichnung), e.g. "Familie & Kind".
    pub name: String,
}

impl From<Themenfeld> for ThemenfeldEntry {
    fn from(t: Themenfeld) -> Self {
        Self {
            code: t,
            kdn_id: t.kdn_id(),
            name: t.label().unwrap_or_default().to_owned(),
        }
    }
}

/// The catalogue file as a document (Katalogdatei, format version 1), before validation and
/// indexing. [`Catalogue::from_document`] validates it; [`Catalogue::to_document`] gives it back.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct CatalogueDocument {
    /// Format version of the file; must be [`FORMAT_VERSION`].
    pub format_version: u32,
    /// Metadata (provenance, licence, state, known gaps).
    pub meta: CatalogueMeta,
    /// The Themenfelder.
    #[serde(default)]
    pub themenfelder: Vec<ThemenfeldEntry>,
    /// The Lagen.
    #[serde(default)]
    pub lagen: Vec<Lage>,
    /// The OZG-Leistungen.
    #[serde(default)]
    pub leistungen: Vec<OzgLeistung>,
    /// The LeiKa rows.
    #[serde(default)]
    pub leika: Vec<LeikaLeistung>,
}

/// Error reading or validating a catalogue (Katalogfehler). Each variant says where: a file path,
/// line and column, or the JSON pointer of the offending member.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum CatalogueError {
    /// The file could not be read (E/A-Fehler).
    #[error("cannot read catalogue file {}: {source}", path.display())]
    Io {
        /// The path that was read.
        path: PathBuf,
        /// The I/O error.
        #[source]
        source: std::io::Error,
    },
    /// Reading from a reader failed.
    #[error("cannot read catalogue: {0}")]
    Read(#[source] std::io::Error),
    /// An error in a catalogue file, wrapped with the file's path.
    #[error("catalogue file {}: {source}", path.display())]
    InFile {
        /// The file.
        path: PathBuf,
        /// The error in it.
        #[source]
        source: Box<CatalogueError>,
    },
    /// Invalid JSON or a member of the wrong type/value (JSON-Fehler).
    #[error("invalid catalogue JSON at line {line}, column {column} (at \"{pointer}\"): {message}")]
    Json {
        /// JSON pointer of the member being read (`""` = the document).
        pointer: String,
        /// Line (1-based).
        line: usize,
        /// Column (1-based).
        column: usize,
        /// What was wrong.
        message: String,
    },
    /// The file has a format version this crate does not read.
    #[error("unsupported catalogue formatVersion {found}; expected {FORMAT_VERSION}")]
    UnsupportedFormatVersion {
        /// The version found (as written).
        found: String,
    },
    /// A Themenfeld entry disagrees with the code list (Themenfeld) or is listed twice.
    #[error("{pointer}: Themenfeld \"{code}\": {message}")]
    InvalidThemenfeld {
        /// JSON pointer of the entry.
        pointer: String,
        /// The Themenfeld code.
        code: Themenfeld,
        /// What was wrong.
        message: String,
    },
    /// Two Lagen with the same id.
    #[error("{pointer}: duplicate Lage id {id} (first at {first})")]
    DuplicateLage {
        /// JSON pointer of the second entry.
        pointer: String,
        /// The Lage id.
        id: u32,
        /// JSON pointer of the first entry.
        first: String,
    },
    /// Two OZG-Leistungen with the same OZG-ID.
    #[error("{pointer}: duplicate OZG-ID {id} (first at {first})")]
    DuplicateOzgId {
        /// JSON pointer of the second entry.
        pointer: String,
        /// The OZG-ID.
        id: OzgId,
        /// JSON pointer of the first entry.
        first: String,
    },
    /// Two LeiKa rows with the same LeiKa key.
    #[error("{pointer}: duplicate LeiKa key {key} (first at {first})")]
    DuplicateLeikaKey {
        /// JSON pointer of the second entry.
        pointer: String,
        /// The LeiKa key.
        key: LeikaKey,
        /// JSON pointer of the first entry.
        first: String,
    },
    /// A Lage names a Themenfeld that is not listed in `themenfelder`.
    #[error("{pointer}: Themenfeld \"{themenfeld}\" is not listed in /themenfelder")]
    UnknownThemenfeld {
        /// JSON pointer of the member.
        pointer: String,
        /// The Themenfeld.
        themenfeld: Themenfeld,
    },
    /// An OZG-Leistung names a Lage id that is not in `lagen`.
    #[error("{pointer}: Lage {lage} is not in /lagen")]
    UnknownLage {
        /// JSON pointer of the member.
        pointer: String,
        /// The Lage id.
        lage: u32,
    },
    /// An OZG-Leistung's Themenfeld differs from its Lage's.
    #[error(
        "{pointer}: Themenfeld \"{found}\" differs from the Themenfeld \"{expected}\" of its Lage"
    )]
    ThemenfeldMismatch {
        /// JSON pointer of the member.
        pointer: String,
        /// The Lage's Themenfeld.
        expected: Themenfeld,
        /// The Themenfeld given.
        found: Themenfeld,
    },
    /// A LeiKa row names an OZG-ID that is not in `leistungen`.
    #[error("{pointer}: OZG-ID {ozg_id} is not in /leistungen")]
    UnknownOzgId {
        /// JSON pointer of the member.
        pointer: String,
        /// The OZG-ID.
        ozg_id: OzgId,
    },
}

impl CatalogueError {
    /// The JSON pointer of the offending member, where the error has one.
    pub fn pointer(&self) -> Option<&str> {
        match self {
            Self::Io { .. } | Self::Read(_) | Self::UnsupportedFormatVersion { .. } => None,
            Self::InFile { source, .. } => source.pointer(),
            Self::Json { pointer, .. }
            | Self::InvalidThemenfeld { pointer, .. }
            | Self::DuplicateLage { pointer, .. }
            | Self::DuplicateOzgId { pointer, .. }
            | Self::DuplicateLeikaKey { pointer, .. }
            | Self::UnknownThemenfeld { pointer, .. }
            | Self::UnknownLage { pointer, .. }
            | Self::ThemenfeldMismatch { pointer, .. }
            | Self::UnknownOzgId { pointer, .. } => Some(pointer),
        }
    }
}

/// Selects a Lage by id or by name, for [`Catalogue::by_lage`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LageSelector<'a> {
    /// By Lage id ([`Lage::id`]).
    Id(u32),
    /// By exact name ([`Lage::name`]).
    Name(&'a str),
}

impl From<u32> for LageSelector<'_> {
    fn from(id: u32) -> Self {
        Self::Id(id)
    }
}

impl<'a> From<&'a str> for LageSelector<'a> {
    fn from(name: &'a str) -> Self {
        Self::Name(name)
    }
}

/// Location of a serde_json error: JSON pointer, line, column and message.
pub(crate) struct JsonLocation {
    pub(crate) pointer: String,
    pub(crate) line: usize,
    pub(crate) column: usize,
    pub(crate) message: String,
}

/// Deserialises JSON text, reporting errors with JSON pointer, line and column.
///
/// The fast path parses without tracking the path; only when that fails is the text parsed again
/// with `serde_path_to_error` to find the JSON pointer.
pub(crate) fn from_json_located<T: serde::de::DeserializeOwned>(
    text: &str,
) -> Result<T, JsonLocation> {
    if let Ok(value) = serde_json::from_str::<T>(text) {
        return Ok(value);
    }
    let mut de = serde_json::Deserializer::from_str(text);
    let value: T = serde_path_to_error::deserialize(&mut de).map_err(|e| JsonLocation {
        pointer: crate::finding::pointer_from_path(e.path()),
        line: e.inner().line(),
        column: e.inner().column(),
        message: e.inner().to_string(),
    })?;
    de.end().map_err(|e| JsonLocation {
        pointer: String::new(),
        line: e.line(),
        column: e.column(),
        message: e.to_string(),
    })?;
    Ok(value)
}

impl From<JsonLocation> for CatalogueError {
    fn from(l: JsonLocation) -> Self {
        Self::Json {
            pointer: l.pointer,
            line: l.line,
            column: l.column,
            message: l.message,
        }
    }
}

/// Reads only `formatVersion` (ignoring everything else) so that a file of another version gets
/// a clear error instead of a confusing field error.
#[derive(Deserialize)]
struct VersionPeek {
    #[serde(rename = "formatVersion")]
    format_version: Option<serde_json::Value>,
}

/// The OZG catalogue, validated and indexed (OZG-Umsetzungskatalog mit LeiKa-Zuordnung).
/// Immutable apart from [`Catalogue::extend`].
#[derive(Clone)]
pub struct Catalogue {
    meta: CatalogueMeta,
    themenfelder: Vec<Themenfeld>,
    lagen: Vec<Lage>,
    leistungen: Vec<OzgLeistung>,
    leika: Vec<LeikaLeistung>,
    lage_idx: HashMap<u32, usize>,
    ozg_idx: HashMap<OzgId, usize>,
    leika_idx: HashMap<LeikaKey, usize>,
    by_themenfeld: HashMap<Themenfeld, Vec<usize>>,
    by_lage: HashMap<u32, Vec<usize>>,
    leika_by_ozg: HashMap<OzgId, Vec<usize>>,
    /// The search index, built on the first search (not at start-up).
    search: OnceLock<search::SearchIndex>,
}

impl fmt::Debug for Catalogue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Catalogue")
            .field("as_of", &self.meta.as_of)
            .field("counts", &self.meta.counts)
            .finish_non_exhaustive()
    }
}

impl Catalogue {
    /// The embedded catalogue (KDN OZG-Datenbank, state 2019-10-05), built on first use from
    /// generated Rust statics (no JSON parse; the search index is built on the first search).
    ///
    /// # Panics
    ///
    /// Only if the embedded data file is invalid, which the crate's tests rule out.
    pub fn embedded() -> &'static Catalogue {
        static EMBEDDED: OnceLock<Catalogue> = OnceLock::new();
        EMBEDDED.get_or_init(|| match Self::embedded_fresh() {
            Ok(c) => c,
            Err(e) => panic!("the embedded catalogue data/catalogue_data.rs is invalid: {e}"),
        })
    }

    /// Builds and indexes the embedded catalogue anew from its statics (not cached; for
    /// benchmarks and for callers that want an owned copy to [`extend`](Self::extend)).
    pub fn embedded_fresh() -> Result<Catalogue, CatalogueError> {
        embedded::build()
    }

    /// The embedded catalogue file as text (format documented in `ozg-core/DATA.md`).
    pub fn embedded_json() -> &'static str {
        EMBEDDED_JSON
    }

    /// Reads a catalogue from JSON text (format version [`FORMAT_VERSION`]).
    ///
    /// ```
    /// use ozg_core::catalogue::{Catalogue, CatalogueError};
    ///
    /// let err = Catalogue::from_json_str(r#"{"formatVersion": 1, "meta": 5}"#).unwrap_err();
    /// assert!(matches!(err, CatalogueError::Json { ref pointer, line: 1, .. } if pointer == "/meta"));
    /// ```
    pub fn from_json_str(json: &str) -> Result<Catalogue, CatalogueError> {
        // A syntax error here is reported by the full parse below, with its location.
        let peek = serde_json::from_str::<VersionPeek>(json).unwrap_or(VersionPeek {
            format_version: None,
        });
        let unsupported = peek.format_version.filter(|v| {
            v.as_u64() != Some(u64::from(FORMAT_VERSION)) && (v.is_number() || v.is_string())
        });
        if let Some(v) = unsupported {
            return Err(CatalogueError::UnsupportedFormatVersion {
                found: v.to_string(),
            });
        }
        let doc: CatalogueDocument = from_json_located(json)?;
        Self::from_document(doc)
    }

    /// Reads a catalogue from a reader (the whole input is read first).
    pub fn from_reader<R: Read>(mut reader: R) -> Result<Catalogue, CatalogueError> {
        let mut text = String::new();
        reader
            .read_to_string(&mut text)
            .map_err(CatalogueError::Read)?;
        Self::from_json_str(&text)
    }

    /// Reads a catalogue file. Errors name the path.
    pub fn from_path(path: impl AsRef<Path>) -> Result<Catalogue, CatalogueError> {
        let path = path.as_ref();
        let text = std::fs::read_to_string(path).map_err(|source| CatalogueError::Io {
            path: path.to_owned(),
            source,
        })?;
        Self::from_json_str(&text).map_err(|e| CatalogueError::InFile {
            path: path.to_owned(),
            source: Box::new(e),
        })
    }

    /// Validates a catalogue document and builds the indexes.
    pub fn from_document(doc: CatalogueDocument) -> Result<Catalogue, CatalogueError> {
        if doc.format_version != FORMAT_VERSION {
            return Err(CatalogueError::UnsupportedFormatVersion {
                found: doc.format_version.to_string(),
            });
        }
        let mut themenfelder = Vec::with_capacity(doc.themenfelder.len());
        for (i, entry) in doc.themenfelder.iter().enumerate() {
            let pointer = format!("/themenfelder/{i}");
            let mut problem = None;
            if themenfelder.contains(&entry.code) {
                problem = Some("listed twice".to_owned());
            } else if entry.kdn_id != entry.code.kdn_id() {
                problem = Some(format!(
                    "kdnId {} differs from the code list's {}",
                    entry.kdn_id,
                    entry.code.kdn_id()
                ));
            } else if Some(entry.name.as_str()) != entry.code.label() {
                problem = Some(format!(
                    "name \"{}\" differs from the code list's \"{}\"",
                    entry.name,
                    entry.code.label().unwrap_or_default()
                ));
            }
            if let Some(message) = problem {
                return Err(CatalogueError::InvalidThemenfeld {
                    pointer,
                    code: entry.code,
                    message,
                });
            }
            themenfelder.push(entry.code);
        }
        Self::build(doc.meta, themenfelder, doc.lagen, doc.leistungen, doc.leika)
    }

    /// Validates the parts and builds the indexes.
    fn build(
        mut meta: CatalogueMeta,
        themenfelder: Vec<Themenfeld>,
        lagen: Vec<Lage>,
        leistungen: Vec<OzgLeistung>,
        leika: Vec<LeikaLeistung>,
    ) -> Result<Catalogue, CatalogueError> {
        let mut lage_idx = HashMap::with_capacity(lagen.len());
        for (i, lage) in lagen.iter().enumerate() {
            if !themenfelder.contains(&lage.themenfeld) {
                return Err(CatalogueError::UnknownThemenfeld {
                    pointer: format!("/lagen/{i}/themenfeld"),
                    themenfeld: lage.themenfeld,
                });
            }
            if let Some(first) = lage_idx.insert(lage.id, i) {
                return Err(CatalogueError::DuplicateLage {
                    pointer: format!("/lagen/{i}"),
                    id: lage.id,
                    first: format!("/lagen/{first}"),
                });
            }
        }

        let mut ozg_idx = HashMap::with_capacity(leistungen.len());
        let mut by_themenfeld: HashMap<Themenfeld, Vec<usize>> = HashMap::new();
        let mut by_lage: HashMap<u32, Vec<usize>> = HashMap::new();
        for (i, l) in leistungen.iter().enumerate() {
            if let Some(first) = ozg_idx.insert(l.id, i) {
                return Err(CatalogueError::DuplicateOzgId {
                    pointer: format!("/leistungen/{i}"),
                    id: l.id,
                    first: format!("/leistungen/{first}"),
                });
            }
            let Some(lage) = lage_idx.get(&l.lage).and_then(|&j| lagen.get(j)) else {
                return Err(CatalogueError::UnknownLage {
                    pointer: format!("/leistungen/{i}/lage"),
                    lage: l.lage,
                });
            };
            if lage.themenfeld != l.themenfeld {
                return Err(CatalogueError::ThemenfeldMismatch {
                    pointer: format!("/leistungen/{i}/themenfeld"),
                    expected: lage.themenfeld,
                    found: l.themenfeld,
                });
            }
            by_themenfeld.entry(l.themenfeld).or_default().push(i);
            by_lage.entry(l.lage).or_default().push(i);
        }

        let mut leika_idx = HashMap::with_capacity(leika.len());
        let mut leika_by_ozg: HashMap<OzgId, Vec<usize>> = HashMap::new();
        let mut counts = CatalogueCounts {
            themenfelder: themenfelder.len(),
            lagen: lagen.len(),
            leistungen: leistungen.len(),
            leika: leika.len(),
            ..CatalogueCounts::default()
        };
        for (i, row) in leika.iter().enumerate() {
            match row.key {
                Some(key) => {
                    counts.leika_with_key += 1;
                    if let Some(first) = leika_idx.insert(key, i) {
                        return Err(CatalogueError::DuplicateLeikaKey {
                            pointer: format!("/leika/{i}"),
                            key,
                            first: format!("/leika/{first}"),
                        });
                    }
                }
                None => counts.leika_without_key += 1,
            }
            match row.ozg_id {
                Some(ozg_id) => {
                    if !ozg_idx.contains_key(&ozg_id) {
                        return Err(CatalogueError::UnknownOzgId {
                            pointer: format!("/leika/{i}/ozgId"),
                            ozg_id,
                        });
                    }
                    leika_by_ozg.entry(ozg_id).or_default().push(i);
                }
                None => counts.leika_without_ozg_id += 1,
            }
        }
        meta.counts = counts;
        let search = OnceLock::new();
        Ok(Catalogue {
            meta,
            themenfelder,
            lagen,
            leistungen,
            leika,
            lage_idx,
            ozg_idx,
            leika_idx,
            by_themenfeld,
            by_lage,
            leika_by_ozg,
            search,
        })
    }

    /// The catalogue as a document (the content of a catalogue file).
    pub fn to_document(&self) -> CatalogueDocument {
        CatalogueDocument {
            format_version: FORMAT_VERSION,
            meta: self.meta.clone(),
            themenfelder: self
                .themenfelder
                .iter()
                .map(|&t| ThemenfeldEntry::from(t))
                .collect(),
            lagen: self.lagen.clone(),
            leistungen: self.leistungen.clone(),
            leika: self.leika.clone(),
        }
    }

    /// Writes the catalogue in the file format (one record per line, newline at the end), the
    /// same layout `scripts/gen_data.py` writes: `Catalogue::embedded().to_json()` equals the
    /// embedded file byte for byte.
    pub fn to_json(&self) -> String {
        fn line<T: Serialize>(value: &T) -> String {
            // Serialising these plain data types cannot fail (string keys, no non-finite floats).
            serde_json::to_string(value).unwrap_or_default()
        }
        fn array<T: Serialize>(out: &mut String, name: &str, items: &[T], last: bool) {
            out.push('"');
            out.push_str(name);
            out.push_str("\":[");
            if !items.is_empty() {
                out.push('\n');
                for (i, item) in items.iter().enumerate() {
                    out.push_str(&line(item));
                    if i + 1 < items.len() {
                        out.push(',');
                    }
                    out.push('\n');
                }
            }
            out.push(']');
            if !last {
                out.push(',');
            }
            out.push('\n');
        }
        let doc = self.to_document();
        let mut out = String::with_capacity(EMBEDDED_JSON.len());
        out.push_str("{\n\"formatVersion\":");
        out.push_str(&doc.format_version.to_string());
        out.push_str(",\n\"meta\":");
        out.push_str(&line(&doc.meta));
        out.push_str(",\n");
        array(&mut out, "themenfelder", &doc.themenfelder, false);
        array(&mut out, "lagen", &doc.lagen, false);
        array(&mut out, "leistungen", &doc.leistungen, false);
        array(&mut out, "leika", &doc.leika, true);
        out.push_str("}\n");
        out
    }

    /// Merges a newer or additional catalogue into this one (`other` wins per id).
    ///
    /// Lagen (by id), OZG-Leistungen (by OZG-ID) and LeiKa rows (by key; rows without key by
    /// OZG-ID and name) of `other` replace those of `self` in place; new entries are appended;
    /// Themenfelder are united. Meta: the later `as_of`, `other`'s `official_ozg_leistungen` if
    /// set, the union of `known_gaps`, and source, licence and attribution of both (joined with
    /// `"; "` when they differ). The result is validated again; on error `self` is unchanged.
    pub fn extend(&mut self, other: Catalogue) -> Result<(), CatalogueError> {
        fn join(a: &str, b: &str) -> String {
            if a == b || b.is_empty() {
                a.to_owned()
            } else if a.is_empty() {
                b.to_owned()
            } else {
                format!("{a}; {b}")
            }
        }
        let mut meta = self.meta.clone();
        meta.source = join(&self.meta.source, &other.meta.source);
        meta.licence = join(&self.meta.licence, &other.meta.licence);
        meta.attribution = join(&self.meta.attribution, &other.meta.attribution);
        meta.as_of = meta.as_of.max(other.meta.as_of);
        if other.meta.official_ozg_leistungen.is_some() {
            meta.official_ozg_leistungen = other.meta.official_ozg_leistungen;
        }
        for gap in &other.meta.known_gaps {
            if !meta.known_gaps.contains(gap) {
                meta.known_gaps.push(gap.clone());
            }
        }

        let mut themenfelder = self.themenfelder.clone();
        for t in &other.themenfelder {
            if !themenfelder.contains(t) {
                themenfelder.push(*t);
            }
        }

        let mut lagen = self.lagen.clone();
        for lage in other.lagen {
            match self.lage_idx.get(&lage.id).and_then(|&i| lagen.get_mut(i)) {
                Some(slot) => *slot = lage,
                None => lagen.push(lage),
            }
        }

        let mut leistungen = self.leistungen.clone();
        for l in other.leistungen {
            match self.ozg_idx.get(&l.id).and_then(|&i| leistungen.get_mut(i)) {
                Some(slot) => *slot = l,
                None => leistungen.push(l),
            }
        }

        // LeiKa rows: keyed rows are replaced in place. Rows without key: `other`'s rows replace
        // all of `self`'s with the same (OZG-ID, name), at the place of the first of them.
        let keyless: HashSet<(Option<OzgId>, &str)> = other
            .leika
            .iter()
            .filter(|r| r.key.is_none())
            .map(|r| (r.ozg_id, &*r.name))
            .collect();
        let mut leika: Vec<Option<LeikaLeistung>> = Vec::with_capacity(self.leika.len());
        let mut key_slot: HashMap<LeikaKey, usize> = HashMap::with_capacity(self.leika.len());
        let mut keyless_slot: HashMap<(Option<OzgId>, Cow<'static, str>), usize> = HashMap::new();
        for row in &self.leika {
            match row.key {
                Some(key) => {
                    key_slot.insert(key, leika.len());
                    leika.push(Some(row.clone()));
                }
                None if keyless.contains(&(row.ozg_id, &*row.name)) => {
                    let next = leika.len();
                    if let std::collections::hash_map::Entry::Vacant(e) =
                        keyless_slot.entry((row.ozg_id, row.name.clone()))
                    {
                        e.insert(next);
                        leika.push(None);
                    }
                }
                None => leika.push(Some(row.clone())),
            }
        }
        let mut appended = Vec::new();
        for row in other.leika {
            let slot = match row.key {
                Some(key) => key_slot.get(&key).copied(),
                // Only the first keyless row of `other` with this id takes the slot.
                None => keyless_slot
                    .get(&(row.ozg_id, row.name.clone()))
                    .copied()
                    .filter(|&i| leika.get(i).is_some_and(Option::is_none)),
            };
            match slot.and_then(|i| leika.get_mut(i)) {
                Some(place) => *place = Some(row),
                None => appended.push(row),
            }
        }
        let leika: Vec<LeikaLeistung> = leika.into_iter().flatten().chain(appended).collect();

        *self = Self::build(meta, themenfelder, lagen, leistungen, leika)?;
        Ok(())
    }

    /// Metadata: source, licence, attribution, state, counts and known gaps.
    pub fn meta(&self) -> &CatalogueMeta {
        &self.meta
    }

    /// The Themenfelder, in file order.
    pub fn themenfelder(&self) -> &[Themenfeld] {
        &self.themenfelder
    }

    /// All Lagen, in file order.
    pub fn lagen(&self) -> &[Lage] {
        &self.lagen
    }

    /// The Lage with this id.
    pub fn lage(&self, id: u32) -> Option<&Lage> {
        self.lage_idx.get(&id).and_then(|&i| self.lagen.get(i))
    }

    /// The Lage with this exact name, e.g. "Geburt".
    pub fn lage_by_name(&self, name: &str) -> Option<&Lage> {
        self.lagen.iter().find(|l| l.name == name)
    }

    /// The Lagen of a Themenfeld.
    pub fn lagen_in(&self, themenfeld: Themenfeld) -> impl Iterator<Item = &Lage> + '_ {
        self.lagen
            .iter()
            .filter(move |l| l.themenfeld == themenfeld)
    }

    /// All OZG-Leistungen, in file order (sorted by OZG-ID in the embedded data).
    pub fn leistungen(&self) -> &[OzgLeistung] {
        &self.leistungen
    }

    /// All LeiKa rows, in file order.
    pub fn leika(&self) -> &[LeikaLeistung] {
        &self.leika
    }

    /// The OZG-Leistung with this OZG-ID.
    pub fn leistung(&self, id: OzgId) -> Option<&OzgLeistung> {
        self.ozg_idx.get(&id).and_then(|&i| self.leistungen.get(i))
    }

    /// The LeiKa row with this LeiKa key.
    pub fn leika_by_key(&self, key: LeikaKey) -> Option<&LeikaLeistung> {
        self.leika_idx.get(&key).and_then(|&i| self.leika.get(i))
    }

    /// The OZG-Leistung a LeiKa-Leistung belongs to.
    pub fn ozg_for_leika(&self, key: LeikaKey) -> Option<&OzgLeistung> {
        self.leika_by_key(key)
            .and_then(|row| row.ozg_id)
            .and_then(|id| self.leistung(id))
    }

    /// The LeiKa rows of an OZG-Leistung.
    pub fn leika_of(&self, id: OzgId) -> impl Iterator<Item = &LeikaLeistung> + '_ {
        self.leika_by_ozg
            .get(&id)
            .map(Vec::as_slice)
            .unwrap_or_default()
            .iter()
            .filter_map(|&i| self.leika.get(i))
    }

    /// The OZG-Leistungen of a Themenfeld.
    pub fn by_themenfeld(&self, themenfeld: Themenfeld) -> impl Iterator<Item = &OzgLeistung> + '_ {
        self.by_themenfeld
            .get(&themenfeld)
            .map(Vec::as_slice)
            .unwrap_or_default()
            .iter()
            .filter_map(|&i| self.leistungen.get(i))
    }

    /// The OZG-Leistungen of a Lage, given by id (`u32`) or name (`&str`).
    ///
    /// ```
    /// use ozg_core::catalogue::Catalogue;
    ///
    /// let cat = Catalogue::embedded();
    /// assert!(cat.by_lage("Geburt").any(|l| l.name == "Elterngeld"));
    /// ```
    pub fn by_lage<'a>(
        &self,
        lage: impl Into<LageSelector<'a>>,
    ) -> impl Iterator<Item = &OzgLeistung> + '_ {
        let id = match lage.into() {
            LageSelector::Id(id) => Some(id),
            LageSelector::Name(name) => self.lage_by_name(name).map(|l| l.id),
        };
        id.and_then(|id| self.by_lage.get(&id))
            .map(Vec::as_slice)
            .unwrap_or_default()
            .iter()
            .filter_map(|&i| self.leistungen.get(i))
    }

    /// The Lage of an OZG-Leistung.
    pub fn lage_of(&self, leistung: &OzgLeistung) -> Option<&Lage> {
        self.lage(leistung.lage)
    }

    /// The LeiKa rows executed by Kommunen (kommunaler Vollzug: Typisierung 2/3, 4 or 5 families;
    /// rows of only Typ 1 or with empty Typisierung are left out).
    pub fn municipal_leistungen(&self) -> impl Iterator<Item = &LeikaLeistung> + '_ {
        self.leika.iter().filter(|r| r.is_municipal())
    }

    /// Searches the names of OZG-Leistungen and LeiKa rows (case-, umlaut- and
    /// punctuation-insensitive, see [`normalize`]); all hits, best first: exact name, whole
    /// words, word beginnings, inner substrings, then approximate (trigram) matches.
    pub fn search(&self, query: &str) -> Vec<SearchHit<'_>> {
        self.search_top(query, usize::MAX)
    }

    /// Like [`search`](Self::search), at most `limit` hits.
    pub fn search_top(&self, query: &str, limit: usize) -> Vec<SearchHit<'_>> {
        let index = self
            .search
            .get_or_init(|| search::SearchIndex::build(&self.leistungen, &self.leika));
        let n = index.n_leistungen();
        index
            .query(query)
            .into_iter()
            .filter_map(|(doc, kind, score)| {
                let item = if doc < n {
                    SearchItem::Leistung(self.leistungen.get(doc)?)
                } else {
                    SearchItem::Leika(self.leika.get(doc - n)?)
                };
                Some(SearchHit { item, kind, score })
            })
            .take(limit)
            .collect()
    }

    /// Whether the catalogue knows this OZG-ID or LeiKa key.
    pub fn resolve(&self, reference: ServiceRef) -> bool {
        match reference {
            ServiceRef::Ozg(id) => self.ozg_idx.contains_key(&id),
            ServiceRef::Leika(key) => self.leika_idx.contains_key(&key),
        }
    }

    /// The name of the OZG-Leistung or LeiKa-Leistung a reference points to.
    pub fn name_of(&self, reference: ServiceRef) -> Option<&str> {
        match reference {
            ServiceRef::Ozg(id) => self.leistung(id).map(|l| &*l.name),
            ServiceRef::Leika(key) => self.leika_by_key(key).map(|l| &*l.name),
        }
    }
}
